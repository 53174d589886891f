"""Corrections of staff training records (append-only): a session's facts corrected by a new row
naming the one it corrects, with a required reason (the original stays, shown as corrected; the
session keeps its number and its attendance); an attendance recorded by mistake cancelled with a
reason. The overdue computation, the list, the report and the start screen use the corrected view."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from privdesk import today as today_mod
from privdesk.audit.chain import Action
from privdesk.context import AppContext
from privdesk.errors import NotFoundError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.training.printing import print_training
from privdesk.training.usecases import (
    SessionInput,
    account_statuses,
    attend,
    cancel_attendance,
    correct_session,
    list_sessions,
)
from tests.audit_support import actor_for, last_entry, officer
from tests.helpers import OFFICER_PASSWORD, owner_engine, run_cli
from tests.test_training import TODAY, session
from tests.training_support import created_on


def facts(day: dt.date, title: str = "개인정보 보호 정기 교육", hours: str = "2") -> SessionInput:
    return SessionInput(day, title, "내부", hours, "교재-2026-01", "육의곤")


def test_a_session_corrected_keeps_its_number_attendance_and_history(ctx: AppContext) -> None:
    yook = officer(ctx)
    actor_for(ctx, "kim", ["intake"])
    created_on(ctx, "kim", dt.date(2024, 3, 2))
    created_on(ctx, "yook", dt.date(2024, 3, 2))
    # entered as 2025-11-04 by mistake: the session was held 2026-02-04
    sid = session(ctx, dt.date(2025, 11, 4), "정기 교육")
    attend(ctx, yook, sid, ["kim", "yook"])
    late = {s.login for s in account_statuses(ctx, yook, overdue_only=True, today=TODAY)}
    assert late == {"kim", "yook"}  # due 2026-11-04, past on 2026-12-05

    with pytest.raises(ValidationError):  # a reason is required
        correct_session(ctx, yook, sid, facts(dt.date(2026, 2, 4), "정기 교육"), reason=" ", today=TODAY)
    with pytest.raises(ValidationError, match="바뀐 내용이 없습니다"):
        correct_session(ctx, yook, sid, facts(dt.date(2025, 11, 4), "정기 교육"), reason="확인", today=TODAY)
    with pytest.raises(ValidationError):  # checked like a new session
        correct_session(ctx, yook, sid, facts(TODAY + dt.timedelta(days=1)), reason="날짜 정정", today=TODAY)
    with pytest.raises(NotFoundError):
        correct_session(ctx, yook, 999, facts(dt.date(2026, 2, 4)), reason="날짜 정정", today=TODAY)
    row = correct_session(
        ctx, yook, sid, facts(dt.date(2026, 2, 4), "정기 교육"), reason="교육일 오기 정정", today=TODAY
    )
    assert row.id == sid and row.held_on == dt.date(2026, 2, 4) and row.corrected and row.corrections == 1
    assert sorted(a.login for a in row.attendees) == ["kim", "yook"]
    first, now = row.history
    assert first.row_id == sid and first.held_on == dt.date(2025, 11, 4) and first.reason is None
    assert now.reason == "교육일 오기 정정" and now.recorded_by == "yook"
    e = last_entry(ctx)
    assert (
        e["action"] == Action.UPDATE
        and e["subject"] == f"training:{sid}"
        and "교육일 오기 정정" in e["detail"]
    )

    # the corrected view: nobody overdue now (due 2027-02-04); listed under 2026, not 2025
    assert account_statuses(ctx, yook, overdue_only=True, today=TODAY) == []
    assert [r.id for r in list_sessions(ctx, yook, 2026)] == [sid] and list_sessions(ctx, yook, 2025) == []
    assert [r.id for r in list_sessions(ctx, yook)] == [sid]  # one row per session, not per version
    # a second correction corrects the current version, whichever number is given
    row = correct_session(
        ctx, yook, now.row_id, facts(dt.date(2026, 2, 4), "정기 교육", "1.5"), reason="시간 정정", today=TODAY
    )
    assert row.id == sid and row.minutes == 90 and row.corrections == 2
    assert [v.reason for v in row.history] == [None, "교육일 오기 정정", "시간 정정"]
    # attendance by the session's number or a version's id lands on the session
    actor_for(ctx, "lee", ["intake"])
    assert attend(ctx, yook, row.history[-1].row_id, ["lee"])[0].id == sid
    # the rows stay as written
    with owner_engine(ctx) as engine, pytest.raises(DBAPIError), engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE training_sessions SET title = 'x' WHERE id = {sid}")


def test_an_attendance_recorded_by_mistake_is_cancelled(ctx: AppContext, tmp_path: Path) -> None:
    yook = officer(ctx)
    actor_for(ctx, "kim", ["intake"])
    created_on(ctx, "kim", dt.date(2024, 3, 2))
    created_on(ctx, "yook", dt.date(2024, 3, 2))
    sid = session(ctx, dt.date(2026, 4, 7), "상반기 교육")
    attend(ctx, yook, sid, ["kim", "yook"])  # kim was not there
    assert {s.login for s in account_statuses(ctx, yook, overdue_only=True, today=TODAY)} == set()
    with pytest.raises(ValidationError):
        cancel_attendance(ctx, yook, sid, ["kim"], reason="")
    with pytest.raises(NotFoundError):
        cancel_attendance(ctx, yook, sid, ["kim", "nobody"], reason="불참자 잘못 기록")
    with pytest.raises(ValidationError):
        cancel_attendance(ctx, yook, sid, [" "], reason="불참자 잘못 기록")
    row, n = cancel_attendance(ctx, yook, sid, ["kim"], reason="불참자 잘못 기록")
    assert n == 1 and [a.login for a in row.attendees] == ["yook"]
    assert [(c.attendee.login, c.reason, c.cancelled_by) for c in row.cancelled] == [
        ("kim", "불참자 잘못 기록", "yook")
    ]
    assert "불참자 잘못 기록" in last_entry(ctx)["detail"]
    with pytest.raises(NotFoundError):  # already cancelled: nothing counted to cancel
        cancel_attendance(ctx, yook, sid, ["kim"], reason="불참자 잘못 기록")
    with pytest.raises(RuleViolationError, match="취소되었습니다"):
        attend(ctx, yook, sid, ["kim"])
    for sql in (
        "UPDATE training_attendance_cancels SET reason = 'x'",
        "DELETE FROM training_attendance_cancels",
    ):
        with owner_engine(ctx) as engine, pytest.raises(DBAPIError), engine.begin() as conn:
            conn.exec_driver_sql(sql)
    # the overdue computation and the start screen no longer count it
    late = {s.login: s for s in account_statuses(ctx, yook, overdue_only=True, today=TODAY)}
    assert set(late) == {"kim"} and late["kim"].never
    line = next(i for i in today_mod.collect(ctx, yook, TODAY) if i.key == "training.overdue")
    assert "kim" in line.text
    # the report too
    if ctx.engine.dialect.name == "sqlite":
        out = tmp_path / "training.pdf"
        r = print_training(ctx, yook, 2026, out, reason="연간 교육 결과 보고", today=TODAY)
        assert r.overdue == 1
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
        assert "상반기 교육" in text


def test_only_training_manage_corrects(ctx: AppContext) -> None:
    sid = session(ctx, dt.date(2026, 4, 7))
    attend(ctx, officer(ctx), sid, ["yook"])
    it = actor_for(ctx, "it", ["privacy"])  # privacy staff: training.manage
    clerk = actor_for(ctx, "clerk", ["intake"])
    with pytest.raises(PermissionDeniedError):
        correct_session(ctx, clerk, sid, facts(dt.date(2026, 4, 8)), reason="정정", today=TODAY)
    with pytest.raises(PermissionDeniedError):
        cancel_attendance(ctx, clerk, sid, ["yook"], reason="정정")
    assert correct_session(ctx, it, sid, facts(dt.date(2026, 4, 8)), reason="정정", today=TODAY).corrected


def test_cli_correct_and_unattend(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    env = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    actor_for(ctx, "kim", ["intake"])
    sid = session(ctx, dt.date(2026, 4, 7), "상반기 교육")
    attend(ctx, officer(ctx), sid, ["kim", "yook"])
    r = run_cli("training", "correct", str(sid), "--date", "2026-04-08", "--as", "yook", env=env)
    assert r.returncode == 2  # --reason required
    r = run_cli(
        "training", "correct", str(sid), "--date", "2026-04-08", "--hours", "3", "--reason", "교육일 정정",
        "--as", "yook", env=env,
    )  # fmt: skip
    assert r.returncode == 0 and f"교육 회차 {sid}번 정정" in r.stdout and "2026-04-08" in r.stdout, r.stderr
    row = list_sessions(ctx, officer(ctx), 2026)[0]
    assert (row.held_on, row.minutes, row.title) == (dt.date(2026, 4, 8), 180, "상반기 교육")  # the rest kept
    r = run_cli("training", "list", "--year", "2026", "--as", "yook", env=env)
    assert r.returncode == 0 and "정정 1회" in r.stdout and "교육일 정정" in r.stdout, r.stdout
    r = run_cli(
        "training",
        "unattend",
        str(sid),
        "--account",
        "kim",
        "--reason",
        "불참자 잘못 기록",
        "--as",
        "yook",
        env=env,
    )
    assert r.returncode == 0 and "이수 기록 취소 1명" in r.stdout, r.stderr
    r = run_cli(
        "training",
        "unattend",
        str(sid),
        "--account",
        "kim",
        "--reason",
        "불참자 잘못 기록",
        "--as",
        "yook",
        env=env,
    )
    assert r.returncode == 1 and "이수 기록" in r.stderr


def test_migration_0810_keeps_the_sessions_guards_them_and_downgrades(empty_db_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect, text

    from privdesk.audit import protections
    from privdesk.audit.verify import Snapshot
    from privdesk.store import migrate
    from privdesk.store.engine import make_engine

    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0790")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO training_sessions (held_on, title, kind, minutes, material, instructor, "
                    "recorded_at, recorded_by) VALUES ('2026-03-02', '정기 교육', 'internal', 120, '', '', "
                    "'2026-03-02 09:00:00', 'yook')"
                )
            )
        migrate.upgrade(engine)
        with Snapshot(engine) as snap:
            assert protections.check(snap, engine.dialect.name) == []
        with engine.connect() as conn:
            first = conn.execute(text("SELECT id, corrects_id, root_id, reason FROM training_sessions")).one()
        assert first[1:] == (None, None, None)  # the rows already there stay first rows
        for stmt in ("UPDATE training_sessions SET root_id = 1", "DELETE FROM training_sessions"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(stmt))
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0790")
        assert "training_attendance_cancels" not in inspect(engine).get_table_names()
        assert "root_id" not in {c["name"] for c in inspect(engine).get_columns("training_sessions")}
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("DELETE FROM training_sessions"))  # still guarded after the downgrade
        migrate.upgrade(engine)
        with Snapshot(engine) as snap:
            assert protections.check(snap, engine.dialect.name) == []
    finally:
        engine.dispose()
