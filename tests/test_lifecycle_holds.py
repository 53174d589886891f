"""Legal holds (법적 보존) by chart number, their list and their release with a reason — both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.permissions import INTAKE, PRIVACY
from privdesk.errors import NotFoundError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.lifecycle import destruction, files, holds, separation
from privdesk.lifecycle.files import RuleChange
from privdesk.lifecycle.holds import ChartNotFoundError
from privdesk.personal import mask_name
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for, officer
from tests.helpers import OFFICER_PASSWORD
from tests.lifecycle_support import add_marked, years_ago


def _details(ctx, subject: str) -> list[str]:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        return [
            d or ""
            for d in s.execute(
                select(AccessLogEntry.detail)
                .where(AccessLogEntry.subject == subject)
                .order_by(AccessLogEntry.seq)
            ).scalars()
        ]


def test_hold_by_chart_on_active_and_separated_records_listed_masked_and_released_with_reason(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    active = add_marked(ctx, off, 61, last_visit=years_ago(1))
    sep = add_marked(ctx, off, 62, last_visit=years_ago(4))  # purpose achieved: separated below
    separation.run_retention(ctx)
    assert [r.id for r in separation.list_separated(ctx, off)] == [sep.id]

    h1 = holds.place_legal_hold_by_chart(
        ctx, off, f"  {active.chart_no} ", "2026가단101 손해배상 소송 증거 보전"
    )
    h2 = holds.place_legal_hold_by_chart(
        ctx, off, sep.chart_no, "경찰 수사 협조 요청"
    )  # the stub keeps its chart number
    rows = holds.list_legal_holds(ctx, off)
    assert [r.id for r in rows] == [h2, h1]  # newest first
    by_id = {r.id: r for r in rows}
    assert (by_id[h1].chart_no, by_id[h1].name_masked, by_id[h1].patient_status) == (
        active.chart_no,
        mask_name(active.name),
        "active",
    )
    assert by_id[h1].name_masked != active.name and by_id[h1].name_masked.count("*") == len(active.name) - 2
    # the separated patient's name comes from the separate store (the officer may read it), masked
    assert (by_id[h2].chart_no, by_id[h2].name_masked, by_id[h2].status_label) == (
        sep.chart_no,
        mask_name(sep.name),
        "분리보관",
    )
    assert by_id[h1].placed_by == off.login and by_id[h1].active and by_id[h1].release_reason == ""
    assert active.name not in repr(by_id[h1]) and active.chart_no not in repr(by_id[h1])
    # each patient shown is logged as a view; the hold is logged on the patient
    assert "legal_holds" in _details(ctx, f"patient:{active.id}")
    assert f"legal_hold={h2} on" in _details(ctx, f"patient:{sep.id}")

    # a release needs a reason; nothing changes without one
    with pytest.raises(ValidationError) as err:
        holds.release_legal_hold(ctx, off, h1, "   ")
    assert err.value.field == "reason" and "사유" in str(err.value)
    assert [r.id for r in holds.list_legal_holds(ctx, off)] == [h2, h1]
    holds.release_legal_hold(ctx, off, h1, "소송 종결 (2026.10. 판결 확정)")
    assert [r.id for r in holds.list_legal_holds(ctx, off)] == [h2]
    everything = {r.id: r for r in holds.list_legal_holds(ctx, off, include_released=True)}
    released = everything[h1]
    assert not released.active and released.released_by == off.login and released.released_at is not None
    assert released.release_reason == "소송 종결 (2026.10. 판결 확정)"
    assert f"legal_hold={h1} off; reason=소송 종결 (2026.10. 판결 확정)" in _details(
        ctx, f"patient:{active.id}"
    )
    with pytest.raises(RuleViolationError):
        holds.release_legal_hold(ctx, off, h1, "다시")
    with pytest.raises(NotFoundError):
        holds.release_legal_hold(ctx, off, 999_999, "없는 보존")
    # the old entry point still works (destruction.place_legal_hold delegates to holds)
    h3 = destruction.place_legal_hold(ctx, off, active.id, "감사 대응")
    assert h3 in {r.id for r in holds.list_legal_holds(ctx, off)}


def test_unknown_or_destroyed_chart_numbers_are_refused_without_repeating_them(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    gone = add_marked(ctx, off, 63, last_visit=years_ago(7))
    with pytest.raises(ValidationError) as empty:
        holds.place_legal_hold_by_chart(ctx, off, " ", "사유")
    assert empty.value.field == "chart_no"
    with pytest.raises(ValidationError) as no_reason:
        holds.place_legal_hold_by_chart(ctx, off, gone.chart_no, "")
    assert no_reason.value.field == "reason"
    with pytest.raises(ValidationError):
        holds.place_legal_hold_by_chart(ctx, off, gone.chart_no, "가" * 501)
    with pytest.raises(ChartNotFoundError) as unknown:
        holds.place_legal_hold_by_chart(ctx, off, "NO-SUCH-CHART", "소송")
    assert "차트번호" in str(unknown.value) and "NO-SUCH-CHART" not in str(unknown.value)
    assert isinstance(unknown.value, NotFoundError)

    plan = destruction.create_plan(ctx, off)
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    destruction.execute_plan(ctx, off, plan.id)
    for chart in (gone.chart_no, f"~{gone.id}"):
        with pytest.raises(ChartNotFoundError):
            holds.place_legal_hold_by_chart(ctx, off, chart, "파기 후 보존 시도")
    with pytest.raises(NotFoundError):
        holds.place_legal_hold(ctx, off, gone.id, "파기 후 보존 시도")


def test_a_hold_keeps_the_record_out_of_plans_until_released(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    due = add_marked(ctx, off, 64, last_visit=years_ago(7))
    other = add_marked(ctx, off, 65, last_visit=years_ago(7))
    hold = holds.place_legal_hold_by_chart(ctx, off, due.chart_no, "소송 증거 보전")
    plan = destruction.create_plan(ctx, off)
    assert plan.record_count == 1
    assert {(e.subject, e.reason_code, e.chart_no) for e in plan.excluded} == {
        (f"patient:{due.id}", "legal_hold", due.chart_no)
    }
    destruction.cancel_plan(ctx, off, plan.id, reason="계획 재작성")
    holds.release_legal_hold(ctx, off, hold, "소송 종결")
    again = destruction.create_plan(ctx, off, today=clock.today_kst() + dt.timedelta(days=1))
    assert again.record_count == 2 and again.excluded_count == 0
    assert other.id != due.id


def test_legal_hold_and_rule_use_cases_refuse_accounts_without_the_permission(ctx) -> None:  # type: ignore[no-untyped-def]
    off = officer(ctx)
    p = add_marked(ctx, off, 66, last_visit=years_ago(1))
    hold = holds.place_legal_hold_by_chart(ctx, off, p.chart_no, "소송")
    clerk = actor_for(ctx, "clerk", [INTAKE])
    privacy = actor_for(ctx, "privacy", [PRIVACY])  # drafts plans, does not manage retention
    for who in (clerk, privacy):
        with pytest.raises(PermissionDeniedError):
            holds.list_legal_holds(ctx, who)
        with pytest.raises(PermissionDeniedError):
            holds.place_legal_hold_by_chart(ctx, who, p.chart_no, "소송")
        with pytest.raises(PermissionDeniedError):
            holds.place_legal_hold(ctx, who, p.id, "소송")
        with pytest.raises(PermissionDeniedError):
            holds.release_legal_hold(ctx, who, hold, "종결")
    # the rules: read-only for the plan drafter, refused for the clerk
    rules = {r.code: r for r in files.list_files(ctx, privacy)}
    assert rules["patient"].retention_years == 5
    with pytest.raises(PermissionDeniedError):
        files.update_rule(
            ctx,
            privacy,
            "patient",
            RuleChange(separate_after_days=100),
            expected_version=rules["patient"].version,
            reason="법령 개정 반영",
        )
    with pytest.raises(PermissionDeniedError):
        files.list_files(ctx, clerk)
    assert [r.id for r in holds.list_legal_holds(ctx, off)] == [hold]  # nothing was released
