"""Staff training (개인정보 보호 교육): sessions, attendance, who is overdue (never trained: from the
account's creation; the interval from the profile), the optional gate on unmasking and exporting,
the start-screen line, the yearly report PDF, permissions."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from privdesk import today as today_mod
from privdesk.audit.chain import Action
from privdesk.context import AppContext
from privdesk.errors import ConfigError, NotFoundError, PermissionDeniedError, ValidationError
from privdesk.registry.export import export_patients
from privdesk.registry.patients import unmask
from privdesk.store.models import AccessLogEntry
from privdesk.training.api import GATE, TrainingOverdueError, add_months
from privdesk.training.printing import print_training
from privdesk.training.usecases import SessionInput, account_statuses, add_session, attend, list_sessions
from tests.audit_support import actor_for, last_entry, officer, row_count
from tests.incident_support import add_patients
from tests.training_support import created_on, with_sections

TODAY = dt.date(2026, 12, 5)


def entries_after(ctx: AppContext, seq: int) -> list[AccessLogEntry]:
    with ctx.session() as s:
        return list(s.scalars(select(AccessLogEntry).where(AccessLogEntry.seq > seq)))


def session(ctx: AppContext, day: dt.date, title: str = "개인정보 보호 정기 교육", **kw: object) -> int:
    data = SessionInput(
        day, title, str(kw.get("kind", "내부")), str(kw.get("hours", "2")), "교재-2026-01", "육의곤"
    )
    return add_session(ctx, officer(ctx), data, today=TODAY).id


def test_add_months_keeps_the_day_or_the_months_last() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 12, 5), 12) == dt.date(2026, 12, 5)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_sessions_attendance_and_overdue(ctx: AppContext) -> None:
    actor_for(ctx, "kim", ["intake"])
    actor_for(ctx, "lee", ["intake"])
    actor_for(ctx, "park", ["facility"])
    for login in ("yook", "kim", "lee"):
        created_on(ctx, login, dt.date(2024, 3, 2))
    created_on(ctx, "park", dt.date(2026, 6, 1))  # new this year: not yet due
    old = session(ctx, dt.date(2025, 11, 4), "2025 정기 교육")
    new = session(ctx, dt.date(2026, 3, 10), "2026 정기 교육", hours="1.5", kind="외부")
    row, added = attend(ctx, officer(ctx), old, ["kim", "yook"])
    assert added == 2 and sorted(a.login for a in row.attendees) == ["kim", "yook"]
    row, added = attend(ctx, officer(ctx), new, ["yook", "yook"])
    assert added == 1 and row.hours_text == "1시간 30분" and row.kind_label == "외부"
    assert attend(ctx, officer(ctx), new, ["yook"])[1] == 0  # recorded once

    late = {s.login: s for s in account_statuses(ctx, officer(ctx), overdue_only=True, today=TODAY)}
    assert set(late) == {"kim", "lee"}
    assert late["kim"].last_trained == dt.date(2025, 11, 4) and late["kim"].due == dt.date(2026, 11, 4)
    assert late["kim"].overdue_days == 31
    # never trained: counts from the account's creation date
    assert late["lee"].never and late["lee"].due == dt.date(2025, 3, 2) and late["lee"].overdue_days == 643
    everyone = account_statuses(ctx, officer(ctx), today=TODAY)
    assert [s.login for s in everyone][:2] == ["lee", "kim"]  # the most overdue first
    assert not next(s for s in everyone if s.login == "park").overdue

    with_sections(ctx, training={"interval_months": 24})
    late = account_statuses(ctx, officer(ctx), overdue_only=True, today=TODAY)
    assert [(s.login, s.due) for s in late] == [("lee", dt.date(2026, 3, 2))]  # kim: due 2027-11-04

    rows = list_sessions(ctx, officer(ctx), 2026)
    assert [r.id for r in rows] == [new] and list_sessions(ctx, officer(ctx))[1].id == old
    assert last_entry(ctx)["action"] == Action.VIEW and "육의곤" not in str(last_entry(ctx)["detail"])


def test_bad_input_is_refused_in_korean_and_nothing_saved(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    bad = [
        SessionInput("2026-13-01", "교육", "내부", "2"),
        SessionInput("2027-01-05", "교육", "내부", "2"),
        SessionInput("2026-11-01", "  ", "내부", "2"),
        SessionInput("2026-11-01", "교육", "온라인", "2"),
        SessionInput("2026-11-01", "교육", "내부", "두 시간"),
        SessionInput("2026-11-01", "교육", "내부", "0"),
    ]
    for data in bad:
        with pytest.raises(ValidationError) as e:
            add_session(ctx, yook, data, today=TODAY)
        assert any("가" <= ch <= "힣" for ch in str(e.value))
    assert list_sessions(ctx, yook) == []
    sid = session(ctx, dt.date(2026, 11, 1))
    with pytest.raises(NotFoundError):
        attend(ctx, yook, sid, ["yook", "nobody"])
    with pytest.raises(NotFoundError):
        attend(ctx, yook, 999, ["yook"])
    with pytest.raises(ValidationError):
        attend(ctx, yook, sid, [" "])
    assert list_sessions(ctx, yook)[0].attendees == ()  # nothing half-saved
    for bad in ({"interval_months": 0}, {"gate": "yes"}, {"gate_days": -1}, {"interval": 12}):
        with pytest.raises(ConfigError, match="training"):  # refused when the profile is loaded
            with_sections(ctx, training=bad)


def test_permissions(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    clerk = actor_for(ctx, "clerk", ["intake"])
    it = actor_for(ctx, "it", ["privacy"])
    with pytest.raises(PermissionDeniedError):
        add_session(ctx, clerk, SessionInput(TODAY, "교육", "내부", "1"), today=TODAY)
    with pytest.raises(PermissionDeniedError):
        account_statuses(ctx, clerk)
    sid = add_session(ctx, it, SessionInput(TODAY, "교육", "내부", "1"), today=TODAY).id  # privacy staff may
    assert attend(ctx, it, sid, ["clerk"])[1] == 1
    assert today_mod.training_overdue in today_mod.PROVIDERS
    assert [i for i in today_mod.collect(ctx, clerk, TODAY) if i.key.startswith("training")] == []


def test_the_gate_refuses_unmask_and_export_only_when_on(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    clerk = actor_for(ctx, "clerk", ["intake"])
    ids = add_patients(ctx, yook, 1)
    created_on(ctx, "clerk", dt.date(2024, 1, 2))  # never trained: due 2025-01-02, far past
    # off by default: the overdue clerk works as before
    assert unmask(ctx, clerk, ids[0], "본인 확인 전화").rrn.startswith("900101")
    assert export_patients(ctx, clerk, ids, tmp_path / "a.csv", reason="보험 청구 확인") == 1

    with_sections(ctx, training={"gate": True, "gate_days": 30})
    before = row_count(ctx)
    with pytest.raises(TrainingOverdueError) as e:
        unmask(ctx, clerk, ids[0], "본인 확인 전화")
    assert "교육" in str(e.value) and "900101" not in str(e.value)
    with pytest.raises(TrainingOverdueError):
        export_patients(ctx, clerk, ids, tmp_path / "b.csv", reason="보험 청구 확인")
    assert not (tmp_path / "b.csv").exists()
    refusals = [e for e in entries_after(ctx, before) if e.action == Action.PERMISSION_DENIED]
    assert len(refusals) == 2 and all(e.detail == GATE and e.actor == "clerk" for e in refusals)
    assert not [e for e in entries_after(ctx, before) if e.action in (Action.UNMASK, Action.EXPORT)]

    sid = add_session(ctx, yook, SessionInput(dt.date.today(), "보충 교육", "내부", "1")).id
    attend(ctx, yook, sid, ["clerk"])
    assert unmask(ctx, clerk, ids[0], "본인 확인 전화").rrn.startswith("900101")  # trained: allowed again
    assert export_patients(ctx, clerk, ids, tmp_path / "c.csv", reason="보험 청구 확인") == 1


def test_start_screen_names_who_is_overdue_and_since_when(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    actor_for(ctx, "kim", ["intake"])
    created_on(ctx, "kim", dt.date(2024, 3, 2))
    created_on(ctx, "yook", dt.date(2024, 3, 2))
    sid = session(ctx, dt.date(2026, 1, 15))
    attend(ctx, officer(ctx), sid, ["yook"])
    before = row_count(ctx)
    items = [i for i in today_mod.collect(ctx, officer(ctx), TODAY) if i.key == "training.overdue"]
    assert len(items) == 1 and items[0].tone == "overdue" and items[0].page == "training"
    assert "kim 님 (2025-03-02 기한 경과, 이수 기록 없음)" in items[0].text and "육의곤" not in items[0].text
    assert row_count(ctx) == before  # the start screen logs nothing
    attend(ctx, officer(ctx), sid, ["kim"])
    assert [i for i in today_mod.collect(ctx, officer(ctx), TODAY) if i.key == "training.overdue"] == []


def test_yearly_report_pdf(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    actor_for(ctx, "kim", ["intake"])
    created_on(ctx, "kim", dt.date(2024, 3, 2))
    sid = session(ctx, dt.date(2026, 4, 7), "2026 상반기 개인정보 보호 교육")
    attend(ctx, yook, sid, ["yook"])
    out = tmp_path / "training.pdf"
    with pytest.raises(ValidationError):
        print_training(ctx, yook, 2026, out, reason="  ")
    r = print_training(ctx, yook, 2026, out, reason="연간 교육 결과 보고", today=TODAY)
    assert r.sessions == 1 and r.overdue == 1 and r.record_no.startswith("TR-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "개인정보 보호 교육 실시 결과",
        "2026 상반기 개인정보 보호 교육",
        "부서별 이수 현황",
        "kim 님",
        "이수 기록 없음",
        "담당",
        "책임자",
    ):
        assert expected in text, expected
    e = last_entry(ctx)
    assert e["action"] == Action.PRINT and "연간 교육 결과 보고" in e["detail"]
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "NanumGothic" in fonts and " no " not in fonts.split("\n", 2)[-1]
