"""``privdesk cctv retention-check`` and ``privdesk report cctv-ledger`` in child processes, on
SQLite and on the suite's PostgreSQL."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.cctv import retention, viewlog
from privdesk.cctv.retention import HoldInput
from privdesk.context import AppContext
from tests.audit_support import TEST_PASSWORD, actor_for
from tests.helpers import OFFICER_PASSWORD, run_cli
from tests.test_cctv_requests import entries, window
from tests.test_reports_template import assert_only_nanum_embedded, page_count, text

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def test_retention_check_runs_as_the_system_and_lists_held_days(ctx: AppContext, cli: Cli) -> None:
    fac = actor_for(ctx, "fac01", ["facility"])
    today = clock.today_kst()
    start, end = window(4)
    hold = retention.set_hold(
        ctx,
        fac,
        HoldInput(
            ["CAM-23"],
            start,
            end,
            "incident",
            "지하 주차장 차량 화재 조사",
            until_date=today + dt.timedelta(days=90),
        ),
    )
    day = today + dt.timedelta(days=35)
    r = cli("cctv", "retention-check", "--date", day.isoformat())
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    through = (day - dt.timedelta(days=30)).isoformat()
    assert lines[0] == f"CCTV 보관기간 점검: 기준일 {day.isoformat()}, 보관기간 촬영일로부터 30일"
    assert f"덮어쓰기 가능: {through} 이전(포함) 촬영분" in lines[1]
    assert (
        f"  보존 #{hold.id} 사고·사건 조사, {(today + dt.timedelta(days=90)).isoformat()}까지, 카메라 CAM-23"
        in lines
    )
    cam01 = next(x for x in lines if x.startswith("CAM-01 "))
    assert cam01 == f"CAM-01 건물로비 · 1층 정문 출입구: ~{through} 덮어쓰기 가능"
    cam23 = next(x for x in lines if x.startswith("CAM-23 "))
    held_day = (today - dt.timedelta(days=4)).isoformat()
    assert f"보존 중 {held_day} (보존 #{hold.id} 사고·사건 조사" in cam23
    assert sum(1 for x in lines if x.startswith("CAM-")) == 25
    logged = entries(ctx, action=Action.VIEW, subject="cctv_hold:*")[-1]
    assert logged.actor == "system" and logged.detail == f"retention-check {day.isoformat()}; holds=1"


def test_retention_check_with_an_account_and_usage_errors(ctx: AppContext, cli: Cli) -> None:
    actor_for(ctx, "fac01", ["facility"])
    actor_for(ctx, "desk01", ["intake"])
    r = cli("cctv", "retention-check", "--as", "fac01", password=TEST_PASSWORD)
    assert r.returncode == 0, r.stderr
    assert "보존 연장: 없음" in r.stdout
    assert "관리대장에 자동 파기(덮어쓰기) 기록: " in r.stdout and "촬영분 1건" in r.stdout
    assert entries(ctx, action=Action.VIEW, subject="cctv_hold:*")[-1].actor == "fac01"
    denied = cli("cctv", "retention-check", "--as", "desk01", password=TEST_PASSWORD)
    assert denied.returncode == 1 and denied.stderr.strip() == "privdesk: 권한이 없습니다: CCTV 기록 조회"
    bad = cli("cctv", "retention-check", "--date", "2026-13-01")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_report_cctv_ledger_prints_the_period(ctx: AppContext, cli: Cli, tmp_path: Path) -> None:
    fac = actor_for(ctx, "fac01", ["facility"])
    actor_for(ctx, "desk01", ["intake"])
    for i in range(1, 4):
        s, e = window(i)
        viewlog.record_viewing(
            ctx, fac, viewlog.QuickViewing([f"CAM-1{i}"], s, e, f"병동 복도 낙상 사고 확인 {i}")
        )
    today = clock.today_kst().isoformat()
    out = tmp_path / "cctv-ledger.pdf"
    r = cli(
        "report",
        "cctv-ledger",
        "--reason",
        "업무 확인",
        "--from",
        today,
        "--to",
        today,
        "--out",
        str(out),
        "--as",
        "fac01",
        password=TEST_PASSWORD,
    )
    assert r.returncode == 0, r.stderr
    # the three viewings + today's overwrite of old footage, entered as 파기 before printing
    assert r.stdout.startswith(f"{out}: 개인영상정보 관리대장 4건, 1쪽 (기록번호 CV-")
    assert page_count(out) == 1
    assert_only_nanum_embedded(out)
    body = "".join(text(out).split())
    assert "개인영상정보관리대장" in body and "병동복도낙상사고확인3" in body and "CAM-13" in body
    assert entries(ctx, action=Action.PRINT)[-1].subject == "report:cctv-ledger"

    refused = tmp_path / "refused.pdf"
    r = cli(
        "report",
        "cctv-ledger",
        "--reason",
        "업무 확인",
        "--from",
        today,
        "--to",
        today,
        "--out",
        str(refused),
        "--as",
        "desk01",
        password=TEST_PASSWORD,
    )
    assert r.returncode == 1 and "권한이 없습니다" in r.stderr and not refused.exists()
    r = cli(
        "report",
        "cctv-ledger",
        "--reason",
        "업무 확인",
        "--from",
        today,
        "--to",
        "2000-01-01",
        "--out",
        str(refused),
        "--as",
        "fac01",
        password=TEST_PASSWORD,
    )
    assert r.returncode == 1 and "--from" in r.stderr and not refused.exists()
