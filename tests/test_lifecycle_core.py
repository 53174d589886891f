"""Retention rules, separation (분리보관), destruction plans and execution — both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from privdesk import clock
from privdesk.accounts.permissions import INTAKE, PRIVACY
from privdesk.errors import AuthenticationError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.lifecycle import destruction, files, ledger, separation
from privdesk.lifecycle.files import RuleChange, Stage, stage
from privdesk.lifecycle.models import PLAN_APPROVED, PLAN_EXECUTING, DestructionPlanItem
from privdesk.registry.models import (
    STATUS_ACTIVE,
    STATUS_DESTROYED,
    STATUS_SEPARATED,
    Intake,
    Patient,
    PatientPhone,
)
from privdesk.registry.patients import get_patient, set_hold
from privdesk.registry.search import search
from privdesk.store.models import AccessLogEntry
from tests.audit_support import TEST_PASSWORD, actor_for, officer
from tests.helpers import OFFICER_PASSWORD, owner_engine
from tests.lifecycle_support import add_marked, years_ago


def test_stage_rule() -> None:
    today = dt.date(2026, 11, 25)
    assert stage(STATUS_ACTIVE, dt.date(2027, 1, 1), today) == Stage.ACTIVE
    assert stage(STATUS_SEPARATED, dt.date(2027, 1, 1), today) == Stage.SEPARATED
    assert stage(STATUS_SEPARATED, dt.date(2026, 11, 24), today) == Stage.DUE
    assert stage(STATUS_ACTIVE, dt.date(2026, 11, 25), today) == Stage.ACTIVE  # the last day is still kept
    assert stage(STATUS_ACTIVE, dt.date(2020, 1, 1), today, held=True) == Stage.HELD
    assert stage(STATUS_DESTROYED, dt.date(2020, 1, 1), today) == Stage.DESTROYED


def test_files_seeded_from_profile_and_editable_by_officer_only(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    rules = {r.code: r for r in files.list_files(ctx, off)}
    assert set(rules) >= {"member", "reservation", "patient", "cctv"}
    patient = rules["patient"]
    assert patient.retention_years == 5 and patient.retention_rule == "after_last_visit"
    assert patient.separate_after_days == files.DEFAULT_SEPARATE_AFTER_DAYS
    changed = files.update_rule(
        ctx,
        off,
        "patient",
        RuleChange(legal_period="medical_record", separate_after_days=400),
        expected_version=patient.version,
        reason="법령 개정 반영",
    )
    assert changed.retention_years == 10 and changed.separate_after_days == 400
    assert "진료기록부" in changed.retention_note
    with pytest.raises(ValidationError):
        files.update_rule(
            ctx,
            off,
            "patient",
            RuleChange(retention_rule="after_purpose"),
            expected_version=changed.version,
            reason="법령 개정 반영",
        )
    with pytest.raises(ValidationError):
        files.update_rule(
            ctx,
            off,
            "patient",
            RuleChange(legal_period="nonsense"),
            expected_version=changed.version,
            reason="법령 개정 반영",
        )
    clerk = actor_for(ctx, "clerk", [INTAKE])
    with pytest.raises(PermissionDeniedError):
        files.update_rule(
            ctx,
            clerk,
            "patient",
            RuleChange(separate_after_days=10),
            expected_version=changed.version,
            reason="법령 개정 반영",
        )
    with ctx.session() as s:
        logged = (
            s.execute(
                select(AccessLogEntry.detail).where(AccessLogEntry.subject == f"lifecycle_file:{patient.id}")
            )
            .scalars()
            .all()
        )
    assert any("retention_years=10" in (d or "") and "separate_after_days=400" in (d or "") for d in logged)


def test_retention_run_separates_and_dry_run_changes_nothing(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    old = add_marked(ctx, off, 1, last_visit=years_ago(4))  # purpose achieved, retention not ended
    recent = add_marked(ctx, off, 2, last_visit=years_ago(1))  # still in use
    due = add_marked(ctx, off, 3, last_visit=years_ago(6))  # retention ended: due, not separated
    dry = separation.run_retention(ctx, dry_run=True)
    assert (dry.to_separate, dry.separated, dry.due, dry.held) == (1, 0, 1, 0)
    with ctx.session() as s:
        assert s.get(Patient, old.id).status == STATUS_ACTIVE  # type: ignore[union-attr]
        until_before = s.get(Patient, old.id).retention_until  # type: ignore[union-attr]
        n_log = s.execute(text("SELECT COUNT(*) FROM access_log")).scalar_one()
    run = separation.run_retention(ctx)
    assert (run.to_separate, run.separated, run.due) == (1, 1, 1)
    assert separation.run_retention(ctx).separated == 0  # safe to run daily
    with ctx.session() as s:
        stub = s.get(Patient, old.id)
        assert stub is not None and stub.status == STATUS_SEPARATED
        assert (
            stub.chart_no == old.chart_no
            and stub.name == ""
            and stub.rrn_enc == b""
            and stub.address_enc is None
        )
        assert stub.retention_until == until_before  # the stub keeps its destruction date
        assert s.execute(select(PatientPhone).where(PatientPhone.patient_id == old.id)).first() is None
        assert s.execute(select(Intake).where(Intake.patient_id == old.id)).first() is None
        assert s.get(Patient, recent.id).status == STATUS_ACTIVE  # type: ignore[union-attr]
        assert s.get(Patient, due.id).status == STATUS_ACTIVE  # type: ignore[union-attr]
        actors = s.execute(
            select(AccessLogEntry.actor, AccessLogEntry.detail).where(
                AccessLogEntry.subject == f"patient:{old.id}", AccessLogEntry.seq > n_log
            )
        ).all()
    assert ("system", "분리보관") in actors
    # the registry no longer finds it; the officer reads it from the separate store (logged)
    assert search(ctx, off, old.name).rows == ()
    assert [r.id for r in search(ctx, off, recent.name).rows] == [recent.id]
    rec = separation.get_separated(ctx, off, old.id)
    assert rec.name == old.name and rec.chart_no == old.chart_no and rec.visits == 1
    assert rec.rrn_masked.endswith("******") and rec.phones_masked[0].endswith(old.phone[-4:])
    assert [r.id for r in separation.list_separated(ctx, off)] == [old.id]
    clerk = actor_for(ctx, "clerk", [INTAKE])
    with pytest.raises(PermissionDeniedError):
        separation.get_separated(ctx, clerk, old.id)
    from privdesk.errors import NotFoundError

    with pytest.raises(NotFoundError):
        get_patient(ctx, off, old.id)
    # a returning patient comes back whole
    separation.restore(ctx, off, old.id, "재내원")
    back = get_patient(ctx, off, old.id)
    assert back.name == old.name and back.phones_masked and len(back.intakes) == 1
    assert separation.list_separated(ctx, off) == []


def test_plan_approve_execute_with_exclusions(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    a = add_marked(ctx, off, 11, last_visit=years_ago(7))
    b = add_marked(ctx, off, 12, last_visit=years_ago(4))  # will be separated, then due later
    held = add_marked(ctx, off, 13, last_visit=years_ago(8))
    legal = add_marked(ctx, off, 14, last_visit=years_ago(9))
    keep = add_marked(ctx, off, 15, last_visit=years_ago(1))
    separation.run_retention(ctx)
    set_hold(ctx, off, held.id, "정정 요구 처리 중")
    destruction.place_legal_hold(ctx, off, legal.id, "소송 증거 보전")
    # b is separated; move the clock two years on so its retention ends too
    later = clock.today_kst() + dt.timedelta(days=2 * 366)
    plan = destruction.create_plan(ctx, off, today=later)
    assert plan.record_count == 2 and plan.state == "draft" and len(plan.plan_hash) == 64
    why = {e.subject: e.reason_code for e in plan.excluded}
    assert why == {f"patient:{held.id}": "processing_hold", f"patient:{legal.id}": "legal_hold"}
    with pytest.raises(RuleViolationError):
        destruction.execute_plan(ctx, off, plan.id)  # not approved yet
    with pytest.raises(AuthenticationError):
        destruction.approve_plan(ctx, off, plan.id, "wrong-password")
    approved = destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    assert approved.state == "approved" and approved.approved_by == off.login
    # a second plan does not take the records again
    with pytest.raises(RuleViolationError):
        destruction.create_plan(ctx, off, today=later)
    result = destruction.execute_plan(ctx, off, plan.id)
    assert (result.destroyed, result.skipped) == (2, 0)
    with ctx.session() as s:
        for m in (a, b):
            p = s.get(Patient, m.id)
            assert (
                p is not None and p.status == STATUS_DESTROYED and p.name == "" and p.chart_no == f"~{m.id}"
            )
            assert s.execute(select(PatientPhone).where(PatientPhone.patient_id == m.id)).first() is None
        assert s.get(Patient, held.id).status == STATUS_ACTIVE  # type: ignore[union-attr]
        assert s.get(Patient, keep.id).status == STATUS_ACTIVE  # type: ignore[union-attr]
        details = " ".join(d or "" for d in s.execute(select(AccessLogEntry.detail)).scalars())
        subjects = " ".join(x or "" for x in s.execute(select(AccessLogEntry.subject)).scalars())
    for m in (a, b):
        assert m.name not in details + subjects and m.phone not in details and m.chart_no not in details
    assert separation.list_separated(ctx, off) == []
    rows = ledger.list_ledger(ctx, off)
    assert len(rows) == 1 and rows[0].item_count == 2 and rows[0].plan_hash == plan.plan_hash
    assert rows[0].kind == "전자파일" and off.login in rows[0].approved_by
    assert ledger.verify_ledger(ctx, off) == []
    with pytest.raises(RuleViolationError):
        destruction.execute_plan(ctx, off, plan.id)  # already executed
    dash = files.dashboard(ctx, off, today=later)
    assert dash.counts[Stage.DESTROYED] == 2 and dash.counts[Stage.HELD] == 2
    assert {h.kind for h in dash.held} == {"처리정지", "법적 보존"}


def test_hold_placed_after_plan_is_skipped_at_execution(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    a = add_marked(ctx, off, 21, last_visit=years_ago(7))
    b = add_marked(ctx, off, 22, last_visit=years_ago(7))
    plan = destruction.create_plan(ctx, off)
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    set_hold(ctx, off, b.id, "처리정지 요구")
    result = destruction.execute_plan(ctx, off, plan.id)
    assert (result.destroyed, result.skipped) == (1, 1)
    with ctx.session() as s:
        assert s.get(Patient, a.id).status == STATUS_DESTROYED  # type: ignore[union-attr]
        assert s.get(Patient, b.id).status == STATUS_ACTIVE  # type: ignore[union-attr]


def test_two_person_rule_and_roles(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    add_marked(ctx, off, 31, last_visit=years_ago(7))
    destruction.set_two_person_rule(ctx, off, True, reason="내부 관리계획 개정")
    from privdesk.accounts.permissions import OFFICER

    second = actor_for(ctx, "second", [OFFICER])
    clerk = actor_for(ctx, "clerk", [INTAKE])
    privacy = actor_for(ctx, "privacy", [PRIVACY])
    with pytest.raises(PermissionDeniedError):
        destruction.create_plan(ctx, clerk)
    plan = destruction.create_plan(ctx, privacy)  # the privacy staff may list
    with pytest.raises(PermissionDeniedError):
        destruction.approve_plan(ctx, privacy, plan.id, TEST_PASSWORD)
    with pytest.raises(PermissionDeniedError):
        destruction.approve_plan(ctx, clerk, plan.id, TEST_PASSWORD)
    first = destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    assert first.state == "approved_1" and first.two_person_rule
    with pytest.raises(RuleViolationError):
        destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)  # the same person twice
    with pytest.raises(RuleViolationError):
        destruction.execute_plan(ctx, off, plan.id)
    done = destruction.approve_plan(ctx, second, plan.id, TEST_PASSWORD)
    assert done.state == "approved" and done.second_approved_by == "second"
    with pytest.raises(PermissionDeniedError):
        destruction.execute_plan(ctx, clerk, plan.id)
    assert destruction.execute_plan(ctx, off, plan.id).destroyed == 1
    with pytest.raises(PermissionDeniedError):
        separation.list_separated(ctx, clerk)


def test_interrupted_execution_is_resumed(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    a = add_marked(ctx, off, 41, last_visit=years_ago(7))
    plan = destruction.create_plan(ctx, off)
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)

    def boom(step: str, done: int, total: int) -> None:
        if step == "main":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        destruction.execute_plan(ctx, off, plan.id, progress=boom)
    with ctx.session() as s:
        assert s.get(Patient, a.id).status == STATUS_ACTIVE  # type: ignore[union-attr]  # main rolled back
    if ctx.engine.dialect.name == "sqlite":
        # the separate store's file had committed its part: the plan stays executing, to be finished
        assert destruction.get_plan(ctx, off, plan.id).state == PLAN_EXECUTING
    else:
        # one transaction rolled back: nothing was deleted, so the plan is approved again; a crash
        # right after the start (no handler runs) is what leaves it executing
        assert destruction.get_plan(ctx, off, plan.id).state == PLAN_APPROVED
        destruction._start(ctx, off, plan.id, destruction.default_providers(ctx))
    report = separation.run_retention(ctx, dry_run=True)
    assert report.interrupted_plans == (plan.id,)
    assert any(f"execute {plan.id}" in line for line in report.lines())
    # an executing plan can be finished, never cancelled: part of it may be gone already
    with pytest.raises(RuleViolationError, match="취소할 수 없습니다"):
        destruction.cancel_plan(ctx, off, plan.id, reason="계획 재작성")
    assert destruction.get_plan(ctx, off, plan.id).state == PLAN_EXECUTING
    assert destruction.execute_plan(ctx, off, plan.id).destroyed == 1
    with ctx.session() as s:
        assert s.get(Patient, a.id).status == STATUS_DESTROYED  # type: ignore[union-attr]


def test_execution_stopped_before_any_deletion_is_approved_again(ctx) -> None:  # type: ignore[no-untyped-def]
    """The GUI's 취소 raises from the progress callback at "start" (both backends) or, on
    PostgreSQL, up to the commit: nothing is deleted, no ledger row, the plan is approved again
    (its skip marks cleared) and may then be cancelled or executed."""
    off = officer(ctx)
    a = add_marked(ctx, off, 42, last_visit=years_ago(7))
    b = add_marked(ctx, off, 43, last_visit=years_ago(4))  # separated, due two years on
    separation.run_retention(ctx)
    later = clock.today_kst() + dt.timedelta(days=2 * 366)
    plan = destruction.create_plan(ctx, off, today=later)
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    set_hold(ctx, off, a.id, "정정 요구")  # skipped at the start of the run

    class Stop(Exception):
        pass

    stops = ["start"] + (["separated", "main"] if ctx.engine.dialect.name == "postgresql" else [])
    for where in stops:

        def stop(step: str, done: int, total: int, where: str = where) -> None:
            if step == where:
                raise Stop

        with pytest.raises(Stop):
            destruction.execute_plan(ctx, off, plan.id, progress=stop)
        view = destruction.get_plan(ctx, off, plan.id)
        assert view.state == PLAN_APPROVED and view.executed_by is None, where
        with ctx.session() as s:
            assert s.get(Patient, a.id).status == STATUS_ACTIVE  # type: ignore[union-attr]
            assert s.get(Patient, b.id).status == STATUS_SEPARATED  # type: ignore[union-attr]
            skipped = (
                s.execute(select(DestructionPlanItem.skipped).where(DestructionPlanItem.plan_id == plan.id))
                .scalars()
                .all()
            )
        assert skipped and all(x is None for x in skipped)
        assert [r.id for r in separation.list_separated(ctx, off)] == [b.id]
        assert ledger.list_ledger(ctx, off) == []
    with ctx.session() as s:
        details = (
            s.execute(
                select(AccessLogEntry.detail).where(AccessLogEntry.subject == f"destruction_plan:{plan.id}")
            )
            .scalars()
            .all()
        )
        deletes = s.execute(select(AccessLogEntry).where(AccessLogEntry.action == "delete")).all()
    assert sum("approved again" in (d or "") for d in details) == len(stops) and deletes == []
    destruction.cancel_plan(ctx, off, plan.id, reason="계획 재작성")  # the officer may now drop it
    assert destruction.get_plan(ctx, off, plan.id).state == "cancelled"


def test_manual_entries_and_append_only_ledger(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    entry = ledger.record_manual(
        ctx,
        off,
        ledger.ManualDestruction(
            file_name="환자 진료 접수 및 관리 (종이 접수증)",
            kind="종이 문서",
            item_count=350,
            method="전문업체",
            executed_by="원무과 김담당",
            reason="보유기간 경과",
            destroyed_on=clock.today_kst(),
            witness="총무과 박입회",
            certificate_no="SHRED-2026-0117",
        ),
    )
    assert entry.certificate_no == "SHRED-2026-0117"
    with pytest.raises(ValidationError):
        ledger.record_manual(
            ctx,
            off,
            ledger.ManualDestruction(
                file_name="x",
                kind="종이 문서",
                item_count=1,
                method="전문업체",
                executed_by="a",
                reason="r",
                destroyed_on=clock.today_kst(),
            ),
        )  # company without certificate
    with pytest.raises(ValidationError):
        ledger.record_manual(
            ctx,
            off,
            ledger.ManualDestruction(
                file_name="x",
                kind="종이 문서",
                item_count=1,
                method="물에 담금",
                executed_by="a",
                reason="r",
                destroyed_on=clock.today_kst(),
            ),
        )
    with owner_engine(ctx) as engine:  # even the tables' owner: the trigger refuses
        with engine.connect() as conn, pytest.raises(Exception, match="append-only"):
            conn.execute(text("UPDATE destruction_ledger SET item_count = 1"))
        with engine.connect() as conn, pytest.raises(Exception, match="append-only"):
            conn.execute(text("DELETE FROM destruction_ledger"))
    assert [r.id for r in ledger.ledger_for_period(ctx, off, clock.today_kst(), clock.today_kst())] == [
        entry.id
    ]
    from privdesk.integrity import verify_all

    report = verify_all(ctx, off)
    assert report.ok and any("파기 관리대장" in m for m in report.messages)


@pytest.mark.tampers
def test_tampered_ledger_row_is_found(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    off = officer(ctx)
    entry = ledger.record_manual(
        ctx,
        off,
        ledger.ManualDestruction(
            file_name="종이",
            kind="종이 문서",
            item_count=3,
            method="분쇄",
            executed_by="a",
            reason="r",
            destroyed_on=clock.today_kst(),
        ),
    )
    with ctx.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER destruction_ledger_no_update"))
        conn.execute(text("UPDATE destruction_ledger SET item_count = 1 WHERE id = :i"), {"i": entry.id})
    problems = ledger.verify_ledger(ctx, off)
    assert [(p.row_id, p.problem) for p in problems] == [(entry.id, "변조")]
