"""``privdesk policy …`` in child processes (contract): draft, diff, publish, status, render."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk import clock
from privdesk.context import AppContext
from privdesk.disclosures import processors
from tests.audit_support import TEST_PASSWORD, actor_for, officer
from tests.helpers import OFFICER_PASSWORD, run_cli

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(sqlite_ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": sqlite_ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def test_draft_diff_publish_status_render(cli: Cli, sqlite_ctx: AppContext, tmp_path: Path) -> None:
    r = cli("policy", "status", "--as", "yook")
    assert r.returncode == 0 and "게시된 개인정보 처리방침이 없습니다" in r.stdout
    intro = tmp_path / "intro.txt"
    intro.write_text("{name}은 개인정보 보호법을 지킵니다.", encoding="utf-8")
    assert cli("policy", "draft", "--text", "intro", "--as", "yook").returncode == 1  # not KEY=FILE
    r = cli("policy", "draft", "--text", f"intro={intro}", "--as", "yook")
    assert r.returncode == 0, r.stderr
    r = cli("policy", "diff", "--as", "yook")
    assert r.returncode == 0 and "+장튼위튼병원은 개인정보 보호법을 지킵니다." in r.stdout
    assert "+| 아미스테크놀로지(주) | 전산장비 및 데이터베이스 유지보수 | 위탁계약 종료 시까지" in r.stdout
    assert cli("policy", "publish", "--effective", "2026-13-01", "--as", "yook").returncode == 2
    today = clock.today_kst().isoformat()
    r = cli("policy", "publish", "--effective", today, "--as", "yook")
    assert r.returncode == 0 and "제1판을 게시했습니다" in r.stdout, r.stderr
    r = cli("policy", "status", "--as", "yook")
    assert r.returncode == 0 and "같습니다" in r.stdout
    r = cli("policy", "diff", "--from", "1", "--to", "1", "--as", "yook")
    assert r.returncode == 0 and "바뀐 절 0개" in r.stdout

    yook = officer(sqlite_ctx)
    processors.add_processor(
        sqlite_ctx,
        yook,
        processors.ProcessorChangeInput(name="(주)새수탁", task="주차 관리"),
        reason="주차 관리 위탁 계약",
    )
    r = cli("policy", "status", "--as", "yook")
    assert (
        r.returncode == 0
        and "out of date" in r.stdout
        and "[수탁업체] 해당 절: ▣수집한 개인정보의 위탁" in r.stdout
    )
    assert "  + (주)새수탁 — 주차 관리 (위탁계약 종료 시까지)" in r.stdout

    html, pdf = tmp_path / "policy.html", tmp_path / "policy.pdf"
    r = cli("policy", "render", "--out", str(html), "--as", "yook")
    assert r.returncode == 0 and html.exists() and "제1판" in r.stdout, r.stderr
    assert cli("policy", "render", "--out", str(html), "--as", "yook").returncode == 1  # exists
    assert cli("policy", "render", "--out", str(html), "--force", "--as", "yook").returncode == 0
    r = cli("policy", "render", "--version", "1", "--out", str(pdf), "--as", "yook")
    assert r.returncode == 0 and "PP-" in r.stdout, r.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "개인정보 처리방침" in text and "(주)피어나인" in text
    assert (
        cli("policy", "render", "--version", "9", "--out", str(tmp_path / "x.pdf"), "--as", "yook").returncode
        == 1
    )

    actor_for(sqlite_ctx, "clerk", ["intake"])
    r = cli("policy", "status", "--as", "clerk", password=TEST_PASSWORD)
    assert r.returncode == 1 and "권한" in r.stderr
    r = cli("policy", "render", "--out", str(tmp_path / "c.html"), "--as", "clerk", password=TEST_PASSWORD)
    assert r.returncode == 1 and not (tmp_path / "c.html").exists()
