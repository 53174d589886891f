"""The processor registry (수탁업체): seeded once from the profile, contracts ending soon, every change
in the history with a readable detail and in the access log, stale saves refused, deactivation kept
in the history, the permission. Both backends where the database matters."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.disclosures import processors as uc
from privdesk.disclosures.models import Processor, ProcessorChange
from privdesk.disclosures.processors import ProcessorChangeInput, ProcessorRow
from privdesk.errors import (
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
    VersionConflictError,
)
from tests.audit_support import actor_for, officer
from tests.helpers import owner_engine
from tests.test_disclosures import entries

POLICY = [
    "아미스테크놀로지(주)",
    "(주)태영소프트",
    "(주)새롬소프트",
    "더블유의원",
    "(주)닥스미디어",
    "녹십자의료재단",
    "(재)씨전의료재단",
    "(주)지노믹트리",
    "세종텔레콤(주)",
    "(주)피어나인",
]


@pytest.fixture
def privacy(ctx: AppContext) -> Actor:
    return actor_for(ctx, "priv01", ["privacy"])


def form(row: ProcessorRow, **kw: Any) -> ProcessorChangeInput:
    base = dict(
        name=row.name,
        task=row.task,
        retention=row.retention,
        contract_start=row.contract_start,
        contract_end=row.contract_end,
        contact=row.contact,
        last_check=row.last_check,
        check_note=row.check_note,
    )
    base.update(kw)
    return ProcessorChangeInput(**base)  # type: ignore[arg-type]


def changes(ctx: AppContext) -> int:
    with ctx.session() as s:
        return int(s.execute(select(func.count()).select_from(ProcessorChange)).scalar_one())


def test_the_ten_processors_of_the_policy_are_seeded_once(ctx: AppContext, privacy: Actor) -> None:
    rows = uc.list_processors(ctx, privacy)
    assert [r.name for r in rows] == POLICY
    assert rows[1].task == "의료영상저장전송" and rows[0].retention == "위탁계약 종료 시까지"
    assert all(r.active and r.version == 1 and r.contract_end is None and not r.ending_soon for r in rows)
    assert changes(ctx) == 10
    first = uc.processor_history(ctx, privacy, rows[0].id)
    assert [(c.change, c.change_label, c.reason) for c in first] == [("create", "등록", uc.SEED_REASON)]
    assert (
        first[0].detail == "위탁업무 내용: 전산장비 및 데이터베이스 유지보수; 보유기간: 위탁계약 종료 시까지"
    )
    # born with the database by the system: the init's own entry (naming the profile) stands for it
    assert [e.detail for e in entries(ctx, subject="processor:*")] == []
    # a renamed or ended processor never comes back from the profile
    uc.update_processor(ctx, privacy, rows[0].id, form(rows[0], name="아미스테크(주)"), "상호 변경", 1)
    uc.deactivate_processor(ctx, privacy, rows[9].id, "위탁 계약 해지", 1)
    again = uc.list_processors(ctx, privacy)
    assert len(again) == 10 and "아미스테크놀로지(주)" not in {r.name for r in again}
    assert again[-1].name == "(주)피어나인" and not again[-1].active
    # ended, but open until the processor's return or destruction of the data is on record
    assert again[-1].status_text == "위탁 종료 — 반환·파기 미확인" and again[-1].outstanding
    assert len(uc.list_processors(ctx, privacy, include_inactive=False)) == 10
    from privdesk.disclosures import contracts

    contracts.record_return(
        ctx, privacy, rows[9].id, contracts.ReturnInput("destroy", clock.today_kst(), "파기 확인서")
    )
    assert uc.get_processor(ctx, privacy, rows[9].id).status_text == "위탁 종료"
    assert len(uc.list_processors(ctx, privacy, include_inactive=False)) == 9


def test_contracts_ending_within_30_days_stand_out(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    me = officer(ctx)
    rows = uc.list_processors(ctx, me)
    ends = [
        clock.today_kst() + dt.timedelta(days=30),
        clock.today_kst() + dt.timedelta(days=31),
        clock.today_kst(),
        clock.today_kst() - dt.timedelta(days=1),
    ]
    for row, end in zip(rows, ends, strict=False):
        uc.update_processor(
            ctx,
            me,
            row.id,
            form(row, contract_start=dt.date(2024, 1, 1), contract_end=end),
            "계약서 확인",
            row.version,
        )
    got = uc.list_processors(ctx, me, today=clock.today_kst())[:5]
    assert [(r.ending_soon, r.expired, r.days_left) for r in got] == [
        (True, False, 30),
        (False, False, 31),
        (True, False, 0),
        (False, True, -1),
        (False, False, None),
    ]
    assert [r.status_text for r in got] == [
        "종료 임박 (D-30)",
        "",
        "종료 임박 (D-0)",
        "계약 만료 — 반환·파기 미확인",
        "",
    ]
    assert got[0].contract_text == f"2024-01-01 ~ {ends[0].isoformat()}"
    assert [
        r.ending_soon for r in uc.list_processors(ctx, me, today=clock.today_kst(), ending_soon_days=31)[:2]
    ] == [True, True]
    later = uc.list_processors(ctx, me, today=clock.today_kst() + dt.timedelta(days=31))[0]
    assert later.expired and not later.ending_soon


def test_changes_are_logged_with_a_readable_detail(ctx: AppContext, privacy: Actor) -> None:
    row = uc.list_processors(ctx, privacy)[1]
    first = uc.update_processor(
        ctx,
        privacy,
        row.id,
        form(row, contract_start=dt.date(2025, 1, 1), contract_end=dt.date(2026, 12, 31)),
        "계약서 확인",
        1,
    )
    second = uc.update_processor(
        ctx,
        privacy,
        row.id,
        form(
            first,
            contract_end=dt.date(2027, 12, 31),
            last_check=clock.today_kst(),
            check_note="보호조치 점검표 회신",
        ),
        "계약 1년 연장",
        first.version,
    )
    assert (second.version, second.contract_end, second.updated_by) == (3, dt.date(2027, 12, 31), "priv01")
    hist = uc.processor_history(ctx, privacy, row.id)
    assert [c.change for c in hist] == ["create", "update", "update"]
    assert hist[1].detail == "계약 시작일: (없음) → 2025-01-01; 계약 종료일: (없음) → 2026-12-31"
    assert hist[2].detail == (
        f"계약 종료일: 2026-12-31 → 2027-12-31; 최근 점검·교육일: (없음) → {clock.today_kst().isoformat()}; "
        "점검·교육 내용: (없음) → 보호조치 점검표 회신"
    )
    assert (hist[2].reason, hist[2].actor_login) == ("계약 1년 연장", "priv01")
    logged = entries(ctx, subject=f"processor:{row.id}")
    assert [(e.action, e.detail) for e in logged] == [
        (Action.UPDATE, "fields=contract_start,contract_end"),
        (Action.UPDATE, "fields=contract_end,last_check,check_note"),
    ]
    added = uc.add_processor(
        ctx,
        privacy,
        ProcessorChangeInput(
            name="(주)새문자",
            task="진료 예약 알림 문자",
            contract_start=dt.date(2026, 1, 1),
            contract_end=dt.date(2027, 1, 1),
            contact="김담당 02-555-0101",
        ),
        "신규 위탁 계약",
    )
    assert added.active and added.retention == "위탁계약 종료 시까지"
    [created] = uc.processor_history(ctx, privacy, added.id)
    assert created.change == "create" and "계약 종료일: 2027-01-01" in created.detail
    ended = uc.deactivate_processor(ctx, privacy, added.id, "서비스 종료", added.version)
    assert not ended.active
    back = uc.reactivate_processor(ctx, privacy, added.id, "재계약", ended.version)
    assert back.active
    assert [c.change_label for c in uc.processor_history(ctx, privacy, added.id)] == [
        "등록",
        "위탁 종료",
        "재개",
    ]
    with pytest.raises(RuleViolationError):
        uc.reactivate_processor(ctx, privacy, added.id, "재계약", back.version)


def test_a_stale_copy_is_a_conflict_not_an_overwrite(ctx: AppContext, privacy: Actor) -> None:
    row = uc.list_processors(ctx, privacy)[2]
    boss = officer(ctx)
    uc.update_processor(
        ctx, boss, row.id, form(row, contact="박담당 02-111-2222"), "담당자 변경", row.version
    )
    with pytest.raises(VersionConflictError) as err:
        uc.update_processor(
            ctx, privacy, row.id, form(row, contact="최담당 02-333-4444"), "담당자 변경", row.version
        )
    assert "다른 사용자가 먼저" in str(err.value)
    with pytest.raises(VersionConflictError):
        uc.deactivate_processor(ctx, privacy, row.id, "해지", row.version)
    assert uc.get_processor(ctx, privacy, row.id).contact == "박담당 02-111-2222"
    assert changes(ctx) == 11


def test_bad_input_is_refused_and_nothing_changes(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    me = officer(ctx)
    row = uc.list_processors(ctx, me)[0]
    cases = [
        (form(row, contract_start=dt.date(2026, 5, 1), contract_end=dt.date(2026, 5, 1)), "contract_end"),
        (form(row, contract_start=dt.date(2026, 5, 1), contract_end=dt.date(2025, 5, 1)), "contract_end"),
        (form(row, last_check=clock.today_kst() + dt.timedelta(days=1)), "last_check"),
        (form(row, name=" "), "name"),
        (form(row, name=POLICY[1]), "name"),
        (form(row, task="x" * 1001), "task"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as err:
            uc.update_processor(ctx, me, row.id, data, "사유", row.version)
        assert err.value.field == field
    with pytest.raises(ValidationError) as err:
        uc.update_processor(ctx, me, row.id, form(row, contact="x"), "  ", row.version)
    assert err.value.field == "reason"
    with pytest.raises(RuleViolationError, match="바뀐 내용이 없습니다"):
        uc.update_processor(ctx, me, row.id, form(row), "사유", row.version)
    with pytest.raises(ValidationError):
        uc.add_processor(ctx, me, dataclasses.replace(form(row), name=POLICY[3]), "중복")
    with pytest.raises(NotFoundError):
        uc.update_processor(ctx, me, 999, form(row), "사유", 1)
    assert uc.get_processor(ctx, me, row.id) == row and changes(ctx) == 10


def test_the_change_history_is_append_only(ctx: AppContext, privacy: Actor) -> None:
    uc.list_processors(ctx, privacy)
    for stmt in ("UPDATE processor_changes SET reason = '고침'", "DELETE FROM processor_changes"):
        with (
            owner_engine(ctx) as engine,
            pytest.raises(DBAPIError, match="append-only"),
            engine.begin() as conn,
        ):
            conn.execute(text(stmt))
    assert changes(ctx) == 10


def test_accounts_without_processor_manage_are_refused_and_logged(ctx: AppContext, tmp_path: Any) -> None:
    from privdesk.disclosures.printing import print_processors

    desk = actor_for(ctx, "desk01", ["intake"])
    row = uc.list_processors(ctx, officer(ctx))[0]
    calls = [
        lambda: uc.list_processors(ctx, desk),
        lambda: uc.get_processor(ctx, desk, row.id),
        lambda: uc.update_processor(ctx, desk, row.id, form(row, contact="x"), "사유", row.version),
        lambda: uc.add_processor(ctx, desk, form(row, name="새 업체"), "사유"),
        lambda: uc.deactivate_processor(ctx, desk, row.id, "사유"),
        lambda: uc.processor_history(ctx, desk, row.id),
        lambda: print_processors(ctx, desk, tmp_path / "p.pdf", reason="업무 확인"),
    ]
    for call in calls:
        with pytest.raises(PermissionDeniedError):
            call()
    assert [e.detail for e in entries(ctx, actor="desk01", action=Action.PERMISSION_DENIED)] == (
        ["processor.manage"] * len(calls)
    )
    assert not (tmp_path / "p.pdf").exists()
    with ctx.session() as s:
        assert s.execute(select(Processor.contact).where(Processor.id == row.id)).scalar_one() == ""
