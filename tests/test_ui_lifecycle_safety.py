"""Safe destructive actions on the retention screen (issue 14): the plan's records and exclusions
shown (masked, paged, logged) before 승인 is possible, 계획 취소 asked first (the safe answer leaves
the plan as it was) with a recorded reason and a cancelled status that says who, when and why, the
two-person rule changed only with a reason (and only shown on the plan screen)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from privdesk import clock
from privdesk.audit.reasons import reason_of
from privdesk.context import AppContext
from privdesk.errors import ValidationError
from privdesk.lifecycle import destruction, planrecords, separation
from privdesk.lifecycle.models import PLAN_CANCELLED, PLAN_DRAFT
from privdesk.lifecycle.planrecords import RecordList
from privdesk.personal import mask_name
from privdesk.store.models import AccessLogEntry
from privdesk.ui.lifecycle import plans as plans_ui
from privdesk.ui.lifecycle.rules import RulesTab
from privdesk.ui.tasks import TaskRunner
from tests.confirm_support import confirm_answered
from tests.lifecycle_support import add_marked, years_ago
from tests.reason_support import reason_given
from tests.test_ui_lifecycle import open_page
from tests.ui_cctv_support import dismiss, message_boxes, officer, runner_fixture, settle

__all__ = ["runner_fixture"]


def test_plan_records_are_masked_read_from_both_stores_and_logged(ctx: AppContext) -> None:
    boss = officer(ctx)
    due = add_marked(ctx, boss, 1, last_visit=years_ago(6), seed=3)
    sep = add_marked(ctx, boss, 2, last_visit=years_ago(4), seed=3)  # separated first
    held = add_marked(ctx, boss, 3, last_visit=years_ago(7), seed=3)
    destruction.place_legal_hold(ctx, boss, held.id, "소송 증거 보전")
    separation.run_retention(ctx)
    plan = destruction.create_plan(ctx, boss, today=clock.today_kst() + dt.timedelta(days=2 * 366))
    assert plan.record_count == 2 and plan.excluded_count == 1

    page = planrecords.plan_records(ctx, boss, plan.id, RecordList.ITEMS)
    assert page.total == 2 and page.offset == 0 and page.last == 2
    by_chart = {r.chart_no: r for r in page.rows}
    assert set(by_chart) == {due.chart_no, sep.chart_no}
    assert by_chart[due.chart_no].name_masked == mask_name(due.name) != due.name
    assert by_chart[due.chart_no].last_visit == years_ago(6) and by_chart[due.chart_no].place == "운영 DB"
    # the separated record's name and last visit come from the separate store
    assert by_chart[sep.chart_no].name_masked == mask_name(sep.name)
    assert by_chart[sep.chart_no].last_visit == years_ago(4) and by_chart[sep.chart_no].place == "분리보관"
    assert all(r.rule == "최종 내원일로부터 5년" for r in page.rows)
    assert page.rows[0].retention_until is not None  # oldest retention end first
    assert page.rows[0].retention_until <= page.rows[1].retention_until  # type: ignore[operator]

    second = planrecords.plan_records(ctx, boss, plan.id, RecordList.ITEMS, offset=1, limit=1)
    assert (second.total, second.offset, len(second.rows)) == (2, 1, 1)
    assert second.rows[0] == page.rows[1]

    excl = planrecords.plan_records(ctx, boss, plan.id, RecordList.EXCLUSIONS)
    assert excl.total == 1 and excl.rows[0].chart_no == held.chart_no
    assert excl.rows[0].name_masked == mask_name(held.name)
    assert excl.rows[0].reason == "법적 보존: 소송 증거 보전" and excl.rows[0].last_visit == years_ago(7)

    with pytest.raises(ValidationError):
        planrecords.plan_records(ctx, boss, plan.id, "everything")

    # every record shown is a logged view of that patient (naming the plan)
    with ctx.session() as s:
        viewed = set(
            s.execute(
                select(AccessLogEntry.subject).where(
                    AccessLogEntry.action == "view", AccessLogEntry.detail == f"destruction_plan:{plan.id}"
                )
            ).scalars()
        )
    assert viewed == {f"patient:{due.id}", f"patient:{sep.id}", f"patient:{held.id}"}


def test_approve_waits_for_the_records_and_the_lists_page(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(plans_ui, "RECORD_PAGE", 2)  # three records: two pages
    boss = officer(sqlite_ctx)
    due = [add_marked(sqlite_ctx, boss, i, last_visit=years_ago(6, i), seed=4) for i in range(3)]
    held = add_marked(sqlite_ctx, boss, 7, last_visit=years_ago(8), seed=4)
    destruction.place_legal_hold(sqlite_ctx, boss, held.id, "감사 자료 보전")
    plan = destruction.create_plan(sqlite_ctx, boss)
    _win, page = open_page(qtbot, sqlite_ctx, runner, boss)
    tab = page.plans
    assert tab is not None and tab.approve_button is not None
    page.show_tab(tab)
    settle(qtbot, runner)

    # the plan is shown; its lists are still loading: 승인 is not possible yet
    tab._show(destruction.get_plan(sqlite_ctx, boss, plan.id))
    assert not tab.records_shown() and not tab.approve_button.isEnabled()
    assert tab.items.rowCount() == 0
    qtbot.waitUntil(tab.records_shown, timeout=15_000)
    settle(qtbot, runner)
    assert tab.approve_button.isEnabled()

    # the records, masked, the oldest retention end first, a page at a time
    assert tab.items.rowCount() == 2 and tab.item_pager.label.text() == "1–2 / 3건"
    shown = [tab.items.row_object(r) for r in range(2)]
    assert [r.chart_no for r in shown] == [due[2].chart_no, due[1].chart_no]
    assert tab.items.index(0, 1).data() == mask_name(due[2].name)
    assert tab.items.index(0, 2).data() == years_ago(6, 2).isoformat()
    assert tab.items.index(0, 3).data() == "최종 내원일로부터 5년"
    assert not tab.item_pager.previous.isEnabled() and tab.item_pager.next.isEnabled()
    tab.item_pager.next.click()
    qtbot.waitUntil(lambda: tab.item_pager.label.text() == "3–3 / 3건", timeout=15_000)
    assert [tab.items.row_object(0).chart_no] == [due[0].chart_no]
    assert tab.item_pager.previous.isEnabled() and not tab.item_pager.next.isEnabled()

    # the exclusion with the hold's reason
    assert tab.exclusions.rowCount() == 1 and tab.exclusion_pager.label.text() == "1–1 / 1건"
    assert tab.exclusions.index(0, 0).data() == held.chart_no
    assert tab.exclusions.index(0, 1).data() == mask_name(held.name)
    assert tab.exclusions.index(0, 4).data() == "법적 보존: 감사 자료 보전"


def test_cancel_asks_first_and_records_who_when_why(qtbot, ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    boss = officer(ctx)
    add_marked(ctx, boss, 1, last_visit=years_ago(6), seed=5)
    plan = destruction.create_plan(ctx, boss)
    _win, page = open_page(qtbot, ctx, runner, boss)
    tab = page.plans
    assert tab is not None and tab.cancel_button is not None
    page.show_tab(tab)
    settle(qtbot, runner)
    tab.select(plan.id)
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.id == plan.id, timeout=15_000)
    settle(qtbot, runner)
    assert "승인 전입니다" in tab.approval.text()

    # 돌아가기, Escape, or no reason: the plan stays as it was
    with confirm_answered("keep") as seen:
        tab.cancel_button.click()
    assert seen.titles == ["계획 취소"] and sorted(seen.buttons[0]) == sorted(["계획 취소", "돌아가기"])
    assert seen.defaults == ["돌아가기"]  # Enter does not cancel the plan
    assert f"파기 계획 {plan.id}" in seen.texts[0] and "되살릴" not in seen.texts[0]
    assert "다시 승인하거나 실행할 수 없습니다" in seen.consequences[0]
    with confirm_answered("escape") as seen:
        tab.cancel_button.click()
    assert len(seen.titles) == 1
    with confirm_answered("action"), reason_given(None):
        tab.cancel_button.click()
    settle(qtbot, runner)
    assert destruction.get_plan(ctx, boss, plan.id).state == PLAN_DRAFT

    # confirmed with a reason: cancelled, and the screen says by whom, when and why
    with confirm_answered("action"), reason_given("보유기간 규칙 변경으로 재작성"):
        tab.cancel_button.click()
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.state == PLAN_CANCELLED, timeout=15_000)
    settle(qtbot, runner)
    text = tab.approval.text()
    assert "승인 전입니다" not in text
    assert text.startswith(f"취소됨: 육의곤(yook) ({clock.today_kst().isoformat()}")
    assert text.endswith("— 사유: 보유기간 규칙 변경으로 재작성")
    assert not tab.cancel_button.isEnabled() and not tab.approve_button.isEnabled()  # type: ignore[union-attr]
    view = destruction.get_plan(ctx, boss, plan.id)
    assert (view.cancelled_by, view.cancel_reason) == ("yook", "보유기간 규칙 변경으로 재작성")
    assert view.cancelled_at is not None
    dismiss(message_boxes(page))


def test_a_cancel_needs_a_reason_in_the_use_case(sqlite_ctx: AppContext) -> None:
    boss = officer(sqlite_ctx)
    add_marked(sqlite_ctx, boss, 1, last_visit=years_ago(6), seed=6)
    plan = destruction.create_plan(sqlite_ctx, boss)
    with pytest.raises(ValidationError):
        destruction.cancel_plan(sqlite_ctx, boss, plan.id, reason="  ")
    assert destruction.get_plan(sqlite_ctx, boss, plan.id).state == PLAN_DRAFT


def test_two_person_rule_changes_only_with_a_reason_and_is_logged(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    boss = officer(sqlite_ctx)
    with pytest.raises(ValidationError):
        destruction.set_two_person_rule(sqlite_ctx, boss, True, reason="")
    assert not destruction.two_person_rule(sqlite_ctx, boss)
    assert destruction.two_person_setting(sqlite_ctx, boss).changed_by is None

    _win, page = open_page(qtbot, sqlite_ctx, runner, boss)
    tab = page.rules
    assert isinstance(tab, RulesTab) and tab.two_person_button is not None
    page.show_tab(tab)
    qtbot.waitUntil(lambda: tab.two_person_rule is not None, timeout=15_000)
    assert "적용 안 함" in tab.two_person.text() and tab.two_person_button.text() == "2인 승인 켜기…"

    with reason_given(None):  # no reason: nothing changes
        tab.two_person_button.click()
    settle(qtbot, runner)
    assert not destruction.two_person_rule(sqlite_ctx, boss)

    with reason_given("내부 관리계획 개정 (2인 승인 도입)") as seen:
        tab.two_person_button.click()
    assert seen.titles == ["2인 승인 켜기"]
    qtbot.waitUntil(lambda: tab.two_person_rule is not None and tab.two_person_rule.on, timeout=15_000)
    settle(qtbot, runner)
    assert destruction.two_person_rule(sqlite_ctx, boss)
    assert "마지막 변경: 육의곤(yook)" in tab.two_person.text()
    assert tab.two_person.text().endswith("사유: 내부 관리계획 개정 (2인 승인 도입)")
    assert tab.two_person_button.text() == "2인 승인 끄기…"
    with sqlite_ctx.session() as s:
        details = list(
            s.execute(
                select(AccessLogEntry.detail).where(
                    AccessLogEntry.subject == "setting:destruction-two-person", AccessLogEntry.actor == "yook"
                )
            ).scalars()
        )
    assert len(details) == 1 and details[0].startswith("on=True")  # type: ignore[union-attr]
    assert reason_of(details[0]) == "내부 관리계획 개정 (2인 승인 도입)"
    setting = destruction.two_person_setting(sqlite_ctx, boss)
    assert (setting.on, setting.changed_by_label, setting.reason) == (
        True,
        "육의곤(yook)",
        "내부 관리계획 개정 (2인 승인 도입)",
    )

    # the plan screen shows the rule and has nothing to switch it with
    plans = page.plans
    assert plans is not None
    page.show_tab(plans)
    qtbot.waitUntil(
        lambda: plans.two_person.text() == "2인 승인: 적용 (두 번째 승인권자 필요)", timeout=15_000
    )
    assert not hasattr(plans.two_person, "setChecked")
