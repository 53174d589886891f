"""The destruction deadline (파기 기한, the profile's ``destruction_days``; issue 12): records whose
retention ended more than that many days ago are overdue — counted with the days overdue on the
lifecycle screen and the start page (red), listed first in the plan, and the patient detail says
"보유기간 경과 — 파기 대상". Real databases (both backends for the core), pytest-qt offscreen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select, update

from privdesk import clock
from privdesk.context import AppContext
from privdesk.deadline import overdue_days
from privdesk.lifecycle import destruction, files
from privdesk.registry.models import Patient
from privdesk.registry.patients import get_patient, set_hold
from privdesk.ui.lifecycle.page import OVERDUE_STYLE as DASHBOARD_OVERDUE_STYLE
from privdesk.ui.registry.detail import OVERDUE_STYLE as DETAIL_OVERDUE_STYLE
from privdesk.ui.registry.detail import PatientDetailPanel
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.today import TodayPage
from tests.audit_support import officer
from tests.lifecycle_support import add_marked, years_ago
from tests.test_ui_lifecycle import open_page
from tests.ui_cctv_support import officer as login_officer
from tests.ui_cctv_support import runner_fixture, settle

__all__ = ["runner_fixture"]
DAYS = 5  # resources/profile/default.toml: destruction_days


def _ends(ctx: AppContext, pid: int, until: dt.date) -> None:
    """Put a record's retention end on ``until`` (the rule computes it from the last visit)."""
    with ctx.engine.begin() as conn:
        conn.execute(update(Patient).where(Patient.id == pid).values(retention_until=until))


def _people(ctx: AppContext) -> dict[str, int]:
    off = officer(ctx)
    out = {}
    for i, (key, ago) in enumerate(
        (
            ("late30", 30 + DAYS),
            ("late1", 1 + DAYS),
            ("edge", DAYS),
            ("fresh", 1),
            ("held", 90),
            ("alive", -10),
        )
    ):
        m = add_marked(ctx, off, i, last_visit=years_ago(6))
        _ends(ctx, m.id, clock.today_kst() - dt.timedelta(days=ago))
        out[key] = m.id
    set_hold(ctx, off, out["held"], "정정 요구 처리 중")
    return out


def test_overdue_days_counts_from_the_deadline() -> None:
    assert (
        overdue_days(clock.today_kst() - dt.timedelta(days=DAYS), clock.today_kst(), DAYS) == 0
    )  # on the deadline
    assert overdue_days(clock.today_kst() - dt.timedelta(days=DAYS + 1), clock.today_kst(), DAYS) == 1
    assert overdue_days(clock.today_kst() - dt.timedelta(days=1), clock.today_kst(), DAYS) == 0
    assert overdue_days(clock.today_kst() + dt.timedelta(days=3), clock.today_kst(), DAYS) == 0


def test_the_dashboard_the_start_page_summary_the_plan_and_the_patient_detail(ctx: AppContext) -> None:
    assert ctx.profile.destruction_days == DAYS
    ids = _people(ctx)
    off = officer(ctx)
    d = files.dashboard(ctx, off)
    assert (d.deadline_days, d.overdue, d.overdue_max_days) == (DAYS, 2, 30)  # the held one is not overdue
    s = files.overdue_destruction(ctx, off)
    assert (s.overdue, s.max_days, s.due) == (2, 30, 4)

    plan = destruction.create_plan(ctx, off)
    assert plan.overdue_count == 2 and plan.deadline_days == DAYS
    listed = [(r.subject, r.overdue_days) for r in plan.items_list]
    assert listed[:2] == [(f"patient:{ids['late30']}", 30), (f"patient:{ids['late1']}", 1)]
    assert {s for s, _d in listed[2:]} == {f"patient:{ids['edge']}", f"patient:{ids['fresh']}"}
    assert all(days == 0 for _s, days in listed[2:])
    assert destruction.get_plan(ctx, off, plan.id).items_list == plan.items_list
    assert destruction.list_plans(ctx, off)[0].overdue_count == 2

    late = get_patient(ctx, off, ids["late30"])
    assert late.retention_ended and late.overdue_days == 30
    fresh = get_patient(ctx, off, ids["fresh"])
    assert fresh.retention_ended and fresh.overdue_days == 0
    alive = get_patient(ctx, off, ids["alive"])
    assert not alive.retention_ended and alive.overdue_days == 0


def test_red_on_the_lifecycle_screen_the_start_page_and_the_patient_detail(  # type: ignore[no-untyped-def]
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    ctx = sqlite_ctx
    ids = _people(ctx)
    boss = login_officer(ctx)
    win, page = open_page(qtbot, ctx, runner, boss)
    tab = page.dashboard
    assert tab is not None
    qtbot.waitUntil(lambda: tab.data is not None, timeout=15_000)
    assert tab.overdue_label.isVisible() and tab.overdue_label.styleSheet() == DASHBOARD_OVERDUE_STYLE
    assert "파기 기한(보유기간 종료 후 5일)이 지난 기록 2건" in tab.overdue_label.text()
    assert "30일" in tab.overdue_label.text()

    plans = page.plans
    assert plans is not None and plans.create_button is not None
    page.show_tab(plans)
    settle(qtbot, runner)
    plans.create_button.click()
    qtbot.waitUntil(lambda: plans.current is not None and plans.items.rowCount() == 4, timeout=15_000)
    settle(qtbot, runner)
    first = plans.items.index(0, 5)  # 파기 기한 경과
    assert (
        plans.items.data(first) == "30일 지남" and plans.items.row_object(0).ref == f"patient:{ids['late30']}"
    )
    assert plans.items.data(first, Qt.ItemDataRole.ForegroundRole) is not None
    assert plans.items.data(plans.items.index(3, 5), Qt.ItemDataRole.ForegroundRole) is None
    assert "지난 기록 2건" in plans.detail.text()

    me = win.show_page("today")
    assert isinstance(me, TodayPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: me.items is not None, timeout=15_000)
    row = me.row("records.overdue")
    assert row is not None and row.item.tone == "overdue"
    assert "지난 기록 2건" in row.text.text() and "30일" in row.text.text()

    panel = PatientDetailPanel()
    qtbot.addWidget(panel)
    panel.show_detail(get_patient(ctx, boss, ids["late30"]))
    assert panel.values["status"].text() == "보유기간 경과 — 파기 대상 (파기 기한 30일 지남)"
    assert panel.values["status"].styleSheet() == DETAIL_OVERDUE_STYLE
    panel.show_detail(get_patient(ctx, boss, ids["fresh"]))
    assert panel.values["status"].text() == "보유기간 경과 — 파기 대상"
    panel.show_detail(get_patient(ctx, boss, ids["alive"]))
    assert panel.values["status"].text() == "활성 (보유 중)"
    with ctx.session() as s:
        assert s.execute(select(Patient.status).where(Patient.id == ids["late30"])).scalar_one() == "active"
    win.close()
    settle(qtbot, runner)
