"""``privdesk training …`` and ``privdesk notice …`` (contract): exit codes, output, permissions."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk.context import AppContext
from tests.audit_support import TEST_PASSWORD, actor_for, last_entry, officer
from tests.helpers import OFFICER_PASSWORD, run_cli
from tests.incident_support import add_patients
from tests.training_support import created_on

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(sqlite_ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": sqlite_ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def test_training_commands(cli: Cli, sqlite_ctx: AppContext, tmp_path: Path) -> None:
    actor_for(sqlite_ctx, "kim", ["intake"])
    created_on(sqlite_ctx, "kim", dt.date(2020, 1, 2))
    r = cli("training", "overdue", "--as", "yook")
    assert (
        r.returncode == 0
        and "kim(kim) 님" not in r.stdout
        and "kim 님(kim)" in r.stdout
        and "이수 기록 없음" in r.stdout
    )
    r = cli(
        "training",
        "add",
        "--date",
        "2026-01-10",
        "--title",
        "정기 교육",
        "--kind",
        "외부",
        "--hours",
        "1.5",
        "--as",
        "yook",
    )
    assert r.returncode == 0 and "교육 회차 1번" in r.stdout and "1시간 30분" in r.stdout, r.stderr
    assert (
        cli(
            "training",
            "add",
            "--date",
            "2026-01-10",
            "--title",
            "x",
            "--kind",
            "온라인",
            "--hours",
            "1",
            "--as",
            "yook",
        ).returncode
        == 1
    )
    assert cli("training", "add", "--title", "x", "--as", "yook").returncode == 2
    r = cli("training", "attend", "1", "--account", "kim", "--account", "yook", "--as", "yook")
    assert r.returncode == 0 and "이수 2명 기록" in r.stdout, r.stderr
    r = cli("training", "attend", "1", "--account", "ghost", "--as", "yook")
    assert r.returncode == 1 and "ghost" in r.stderr
    r = cli("training", "list", "--year", "2026", "--as", "yook")
    assert r.returncode == 0 and "#1 2026-01-10 정기 교육 [외부]" in r.stdout and "kim 님(kim)" in r.stdout
    out = tmp_path / "t.pdf"
    r = cli(
        "training", "report", "--year", "2026", "--out", str(out), "--reason", "연간 보고", "--as", "yook"
    )
    assert r.returncode == 0 and out.exists() and "TR-" in r.stdout, r.stderr
    assert (
        cli("training", "report", "--year", "2026", "--out", str(out), "--as", "yook").returncode == 2
    )  # no reason
    r = cli("training", "list", "--as", "kim", password=TEST_PASSWORD)
    assert r.returncode == 1 and "권한" in r.stderr


def test_notice_commands(cli: Cli, sqlite_ctx: AppContext, tmp_path: Path) -> None:
    add_patients(sqlite_ctx, officer(sqlite_ctx), 2)
    r = cli("notice", "status", "--as", "yook")
    assert r.returncode == 0 and "등록 환자 2명 — 통지 의무 대상이 아닙니다" in r.stdout
    year = str(dt.date.today().year)
    out = tmp_path / "n.csv"
    assert (
        cli("notice", "make", "--year", year, "--out", str(out), "--as", "yook").returncode == 2
    )  # --reason
    r = cli(
        "notice", "make", "--year", year, "--out", str(tmp_path / "n.txt"), "--reason", "발송", "--as", "yook"
    )
    assert r.returncode == 1 and ".pdf" in r.stderr
    r = cli("notice", "make", "--year", year, "--out", str(out), "--reason", "문자 발송", "--as", "yook")
    assert r.returncode == 0 and "제1차" in r.stdout and out.exists(), r.stderr
    assert "문자 발송" in str(last_entry(sqlite_ctx)["detail"])
    r = cli(
        "notice", "make", "--year", year, "--out", str(tmp_path / "m.pdf"), "--reason", "우편", "--as", "yook"
    )
    assert r.returncode == 1 and "이미 만들었습니다" in r.stderr and not (tmp_path / "m.pdf").exists()
    r = cli(
        "notice",
        "make",
        "--year",
        year,
        "--out",
        str(tmp_path / "m.pdf"),
        "--reason",
        "우편",
        "--reissue",
        "--as",
        "yook",
    )
    assert r.returncode == 0 and "제2차 (재발행)" in r.stdout, r.stderr
    r = cli("notice", "deliver", "--year", year, "--returned", "--chart", "1001", "--as", "yook")
    assert r.returncode == 0 and "반송 1건" in r.stdout, r.stderr
    r = cli("notice", "deliver", "--year", year, "--sent", "--all", "--as", "yook")
    assert r.returncode == 0 and "발송 1건" in r.stdout
    r = cli("notice", "list", "--as", "yook")
    assert r.returncode == 0 and "제2차 (재발행) [pdf]" in r.stdout and "발송 1 반송 1 미기록 0" in r.stdout
    r = cli("notice", "status", "--as", "yook")
    assert "통지 의무가 적용되지 않습니다" in r.stdout
    actor_for(sqlite_ctx, "it", ["privacy"])
    assert cli("notice", "status", "--as", "it", password=TEST_PASSWORD).returncode == 1
