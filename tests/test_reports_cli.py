"""Printing records: the ``record_print`` use case and ``privdesk report …`` end to end, on SQLite
and on the suite's PostgreSQL; the PDFs are read back with poppler."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from privdesk import clock
from privdesk.accounts import users
from privdesk.audit.chain import Action, Outcome
from privdesk.context import Actor, AppContext
from privdesk.errors import AuthenticationError, PermissionDeniedError
from privdesk.printing import record_print
from privdesk.reports.template import period_text
from privdesk.store.models import AccessLogEntry
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, run_cli
from tests.test_reports_template import assert_only_nanum_embedded, page_count, text

PW = "Bright-river42"
Cli = Callable[..., subprocess.CompletedProcess[str]]


def officer(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def make_user(ctx: AppContext, login: str, roles: list[str]) -> Actor:
    _, otp = users.add_account(ctx, officer(ctx), login=login, name="김원무", roles=roles, reason="신규 입사")
    return users.change_password(ctx, users.login(ctx, login, otp), otp, PW)


def entries(ctx: AppContext, **where: Any) -> list[AccessLogEntry]:
    with ctx.session() as s:
        stmt = select(AccessLogEntry).order_by(AccessLogEntry.seq)
        for column, value in where.items():
            stmt = stmt.where(getattr(AccessLogEntry, column) == value)
        return list(s.scalars(stmt))


@pytest.fixture
def cli(ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def this_month() -> tuple[str, str]:
    today = clock.today_kst()
    return today.replace(day=1).isoformat(), today.isoformat()


# -- record_print --------------------------------------------------------------------------------
def test_record_print_appends_a_print_entry(ctx: AppContext) -> None:
    me = officer(ctx)
    record_print(ctx, me, "report:permission-history", "PH-20261125-143000; 3쪽", reason="월례 점검")
    [e] = entries(ctx, action=Action.PRINT)
    assert (e.actor, e.subject, e.detail, e.outcome) == (
        OFFICER_LOGIN,
        "report:permission-history",
        "PH-20261125-143000; 3쪽; 사유=월례 점검",
        Outcome.OK,
    )


def test_record_print_is_refused_without_the_permission(ctx: AppContext) -> None:
    clerk = make_user(ctx, "kim", ["intake"])
    with pytest.raises(PermissionDeniedError):
        record_print(ctx, clerk, "report:access-log", "AL-1", reason="월례 점검")
    assert entries(ctx, action=Action.PRINT) == []
    [denied] = entries(ctx, action=Action.PERMISSION_DENIED, actor="kim")
    assert denied.outcome == Outcome.DENIED and denied.detail == "audit.read"


# -- the command line ----------------------------------------------------------------------------
def test_cli_permission_history(ctx: AppContext, cli: Cli, tmp_path: Path) -> None:
    make_user(ctx, "kim", ["intake"])
    users.set_roles(ctx, officer(ctx), "kim", ["intake", "facility"], reason="시설팀 겸임 발령")
    first, last = this_month()
    out = tmp_path / "권한기록.pdf"
    r = cli(
        "report",
        "permission-history",
        "--reason",
        "업무 확인",
        "--from",
        first,
        "--to",
        last,
        "--out",
        str(out),
        "--as",
        OFFICER_LOGIN,
    )
    assert r.returncode == 0, r.stderr
    assert "권한 부여·변경·말소 기록" in r.stdout and "PH-" in r.stdout
    assert_only_nanum_embedded(out)
    body = text(out)
    for expected in (
        "권한 부여·변경·말소 기록",
        ctx.profile.name,
        "계정 생성·권한 부여",
        "역할 변경",
        "kim",
        OFFICER_LOGIN,
        "시설팀 겸임 발령",
        "신규 입사",
        period_text(dt.date.fromisoformat(first), dt.date.fromisoformat(last)),
        "육의곤 (yook)",
    ):
        assert expected in body, expected
    [printed] = entries(ctx, action=Action.PRINT)
    assert printed.subject == "report:permission-history" and printed.actor == OFFICER_LOGIN
    assert printed.detail is not None and printed.detail.endswith(f"{page_count(out)}쪽; 사유=업무 확인")
    assert printed.detail.split(";")[0] in body  # the record number printed is the one logged
    assert entries(ctx, action=Action.VIEW, subject="permission_history")  # the look, by the use case


def test_cli_access_log(ctx: AppContext, cli: Cli, tmp_path: Path) -> None:
    make_user(ctx, "lee", ["auditor"])
    with pytest.raises(AuthenticationError):  # the failed login is what the sheet must count
        users.login(ctx, "lee", "wrong-password-1")
    first, last = this_month()
    out = tmp_path / "access.pdf"
    r = cli(
        "report", "access-log", "--from", first, "--to", last, "--out", str(out), "--as", "lee", password=PW
    )
    assert r.returncode == 2 and "--reason" in r.stderr and not out.exists()  # no reason, no print
    r = cli(
        "report",
        "access-log",
        "--from",
        first,
        "--to",
        last,
        "--out",
        str(out),
        "--reason",
        "분기 감사",
        "--as",
        "lee",
        password=PW,
    )
    assert r.returncode == 0, r.stderr
    assert_only_nanum_embedded(out)
    body = text(out)
    for expected in (
        "접속기록 (출력)",
        ctx.profile.name,
        "로그인 실패",
        "김원무(lee) 1건",
        "계정 생성",
        "수행업무 분류별 건수",
        "로그인·계정·권한",
    ):
        assert expected in body, expected
    for gone in ("점검 결과", "점검자", "□이상 없음", "acct:", "role=", "problems="):
        assert gone not in body, gone
    logged = entries(ctx)
    assert logged[-1].action == Action.PRINT and logged[-1].subject == "report:access-log"
    assert (logged[-1].detail or "").endswith("; 사유=분기 감사")
    assert any(e.action == Action.VIEW and e.subject == "access_log" and e.actor == "lee" for e in logged)


def test_cli_refusal_leaves_no_file(ctx: AppContext, cli: Cli, tmp_path: Path) -> None:
    make_user(ctx, "kim", ["intake"])
    first, last = this_month()
    out = tmp_path / "x.pdf"
    for record in ("permission-history", "access-log"):
        r = cli(
            "report",
            record,
            "--reason",
            "업무 확인",
            "--from",
            first,
            "--to",
            last,
            "--out",
            str(out),
            "--as",
            "kim",
            password=PW,
        )
        assert r.returncode == 1 and "권한이 없습니다" in r.stderr
        assert not out.exists() and list(tmp_path.glob("*.pdf*")) == []
    assert entries(ctx, action=Action.PRINT) == []


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["--from", "2026-11-30", "--to", "2026-11-01"],
            1,
            "기간의 첫날(--from)이 마지막 날(--to)보다 늦습니다",
        ),
        (["--from", "2026-13-01", "--to", "2026-11-30"], 2, "날짜는 YYYY-MM-DD 형식으로 쓰십시오"),
    ],
    ids=["reversed", "bad-date"],
)
def test_cli_bad_period(
    sqlite_ctx: AppContext, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    env = {
        "PRIVDESK_DB": sqlite_ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    r = run_cli(
        "report",
        "access-log",
        "--reason",
        "업무 확인",
        *args,
        "--out",
        str(tmp_path / "a.pdf"),
        "--as",
        OFFICER_LOGIN,
        env=env,
    )
    assert r.returncode == code and message in r.stderr
    assert not (tmp_path / "a.pdf").exists()


def test_cli_missing_output_folder(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    env = {
        "PRIVDESK_DB": sqlite_ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    day = dt.date(2026, 11, 1).isoformat()
    r = run_cli(
        "report",
        "permission-history",
        "--reason",
        "업무 확인",
        "--from",
        day,
        "--to",
        day,
        "--out",
        str(tmp_path / "없는폴더" / "a.pdf"),
        "--as",
        OFFICER_LOGIN,
        env=env,
    )
    assert r.returncode == 1 and "출력할 폴더가 없습니다" in r.stderr
    assert entries(sqlite_ctx, action=Action.LOGIN) == []  # refused before anyone logged in
