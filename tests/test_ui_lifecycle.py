"""The retention and destruction screen (보유·파기) with pytest-qt on a real database: navigation by
permission, the dashboard, plan → approve (password re-entry) → execute → ledger → certificate
preview, the manual paper entry, the separated records and the retention run at GUI start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.permissions import INTAKE
from privdesk.context import AppContext
from privdesk.lifecycle import destruction
from privdesk.lifecycle.files import Stage
from privdesk.lifecycle.models import PLAN_APPROVED, PLAN_CANCELLED, PLAN_PARTLY_APPROVED, DestructionPlan
from privdesk.store.models import AccessLogEntry
from privdesk.ui.lifecycle.ledger import ManualDialog
from privdesk.ui.lifecycle.page import LifecyclePage
from privdesk.ui.lifecycle.plans import PasswordDialog
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner
from tests.confirm_support import confirm_answered
from tests.helpers import OFFICER_PASSWORD
from tests.lifecycle_support import add_marked, years_ago
from tests.reason_support import reason_given
from tests.ui_cctv_support import dismiss, message_boxes, officer, runner_fixture, settle, staff

__all__ = ["runner_fixture"]


def open_page(qtbot, ctx: AppContext, runner: TaskRunner, actor) -> tuple[MainWindow, LifecyclePage]:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    page = win.show_page("lifecycle")
    assert isinstance(page, LifecyclePage)
    settle(qtbot, runner)
    return win, page


def test_officer_sees_the_page_and_intake_does_not(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    intake = staff(sqlite_ctx, "kim", [INTAKE], "김원무")
    win = MainWindow(sqlite_ctx, runner, intake, idle_timeout_ms=0)
    qtbot.addWidget(win)
    assert "lifecycle" not in win.page_keys()
    assert win.show_page("lifecycle") is None
    win, page = open_page(qtbot, sqlite_ctx, runner, officer(sqlite_ctx))
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "현황",
        "파기 계획",
        "파기 관리대장",
        "보유기간 규칙",
        "법적 보존",
        "분리보관",
    ]


def test_dashboard_counts_and_the_retention_run(qtbot, ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    boss = officer(ctx)
    add_marked(ctx, boss, 1, last_visit=years_ago(6))  # retention ended: due
    sep = add_marked(ctx, boss, 2, last_visit=years_ago(4))  # purpose achieved: to separate
    add_marked(ctx, boss, 3, last_visit=years_ago(0, 10))  # active
    _win, page = open_page(qtbot, ctx, runner, boss)
    tab = page.dashboard
    assert tab is not None
    qtbot.waitUntil(lambda: tab.data is not None, timeout=15_000)
    assert tab.count_labels[Stage.DUE].text() == "1"
    assert tab.count_labels[Stage.ACTIVE].text() == "2"
    assert "분리보관 대상 1건" in tab.summary.text()
    assert tab.run_button is not None
    tab.run_button.click()
    qtbot.waitUntil(lambda: tab.report is not None, timeout=30_000)
    settle(qtbot, runner)
    assert tab.report is not None and tab.report.separated == 1
    assert "분리보관함 1건" in tab.report_text.toPlainText()
    qtbot.waitUntil(lambda: tab.count_labels[Stage.SEPARATED].text() == "1", timeout=15_000)

    # the separated record is listed for the officer (each read logged) and can be restored
    assert page.separated is not None
    page.show_tab(page.separated)
    qtbot.waitUntil(lambda: page.separated.model.rowCount() == 1, timeout=15_000)
    assert page.separated.model.row_object(0).chart_no == sep.chart_no
    with ctx.session() as s:
        assert (
            s.execute(
                select(AccessLogEntry).where(
                    AccessLogEntry.subject == f"patient:{sep.id}", AccessLogEntry.detail == "separated"
                )
            ).first()
            is not None
        )
    page.separated.table.selectRow(0)
    page.separated.restore_button.click()  # type: ignore[union-attr]
    dialog = page.dialog
    dialog.reason.setPlainText("재내원")  # type: ignore[union-attr]
    dialog.accept()  # type: ignore[union-attr]
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.separated.model.rowCount() == 0, timeout=15_000)


def test_plan_approve_execute_ledger_and_certificate(qtbot, ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    boss = officer(ctx)
    due = [add_marked(ctx, boss, i, last_visit=years_ago(6), seed=7) for i in range(3)]
    held = add_marked(ctx, boss, 9, last_visit=years_ago(7), seed=7)
    destruction.place_legal_hold(ctx, boss, held.id, "소송 증거 보전")
    _win, page = open_page(qtbot, ctx, runner, boss)
    tab = page.plans
    assert tab is not None and tab.create_button is not None
    page.show_tab(tab)
    settle(qtbot, runner)
    tab.create_button.click()
    qtbot.waitUntil(lambda: tab.current is not None, timeout=15_000)
    settle(qtbot, runner)
    dismiss(message_boxes(page))
    plan = tab.current
    assert plan is not None and plan.record_count == len(due) and plan.excluded_count == 1
    qtbot.waitUntil(lambda: tab.exclusions.rowCount() == 1, timeout=15_000)
    assert "법적 보존: 소송 증거 보전" in tab.exclusions.row_object(0).reason
    assert "파기 대상: 3건" in tab.detail.text()

    # a wrong password is refused: the plan stays waiting
    assert tab.approve_button is not None
    qtbot.waitUntil(lambda: tab.approve_button.isEnabled(), timeout=15_000)  # type: ignore[union-attr]
    tab.approve_button.click()
    dialog = page.dialog
    assert isinstance(dialog, PasswordDialog)
    dialog.password.setText("wrong-Password9")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(message_boxes(page)), timeout=15_000)
    settle(qtbot, runner)
    dismiss(message_boxes(page))
    assert destruction.get_plan(ctx, boss, plan.id).state == "draft"

    tab.approve_button.click()
    dialog = page.dialog
    assert isinstance(dialog, PasswordDialog)
    dialog.password.setText(OFFICER_PASSWORD)
    dialog.accept()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.state == "approved", timeout=15_000)
    assert "1차 승인: 육의곤(yook)" in tab.approval.text()

    assert tab.execute_button is not None and tab.execute_button.isEnabled()
    with confirm_answered("action") as seen:
        tab.execute_button.click()
    assert sorted(seen.buttons[0]) == ["취소", "파기 실행"] and seen.defaults == ["취소"]
    qtbot.waitUntil(
        lambda: tab.execute_job is not None and tab.execute_job.result is not None, timeout=60_000
    )
    settle(qtbot, runner)
    assert tab.execute_job is not None and tab.execute_job.result is not None
    assert tab.execute_job.result.destroyed == 3
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.state == "executed", timeout=15_000)

    # the ledger shows the row of the plan
    ledger = page.ledger
    assert ledger is not None
    page.show_tab(ledger)
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1, timeout=15_000)
    row = ledger.model.row_object(0)
    assert row.plan_id == plan.id and row.item_count == 3 and row.kind == "전자파일"

    # the certificate opens in the preview
    page.show_tab(tab)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.state == "executed", timeout=15_000)
    assert tab.certificate_button is not None and tab.certificate_button.isEnabled()
    with reason_given():
        tab.certificate_button.click()
    qtbot.waitUntil(lambda: page.print_job is not None and page.print_job.preview is not None, timeout=30_000)
    preview = page.print_job.preview  # type: ignore[union-attr]
    assert preview is not None
    qtbot.waitUntil(lambda: preview.page_count >= 1, timeout=15_000)
    preview.close()
    settle(qtbot, runner)


def test_two_person_rule_shows_the_second_approver_is_needed(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    boss = officer(sqlite_ctx)
    add_marked(sqlite_ctx, boss, 1, last_visit=years_ago(6))
    _win, page = open_page(qtbot, sqlite_ctx, runner, boss)
    tab = page.plans
    assert tab is not None
    page.show_tab(tab)
    settle(qtbot, runner)
    assert tab.two_person.text() == "2인 승인: 적용 안 함"  # shown, not switched, on the plan screen
    destruction.set_two_person_rule(sqlite_ctx, boss, True, reason="내부 관리계획 개정")
    page.reload()
    settle(qtbot, runner)
    assert tab.two_person.text() == "2인 승인: 적용 (두 번째 승인권자 필요)"
    tab.create_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: tab.current is not None, timeout=15_000)
    settle(qtbot, runner)
    dismiss(message_boxes(page))
    # 승인 opens once the plan's records and exclusions have been shown (loaded in the background)
    qtbot.waitUntil(lambda: tab.approve_button.isEnabled(), timeout=15_000)  # type: ignore[union-attr]
    tab.approve_button.click()  # type: ignore[union-attr]
    dialog = page.dialog
    assert isinstance(dialog, PasswordDialog)
    dialog.password.setText(OFFICER_PASSWORD)
    dialog.accept()
    settle(qtbot, runner)
    qtbot.waitUntil(
        lambda: tab.current is not None and tab.current.state == PLAN_PARTLY_APPROVED, timeout=15_000
    )
    assert "두 번째 승인이 필요합니다" in tab.approval.text()
    assert not tab.execute_button.isEnabled()  # type: ignore[union-attr]


def test_manual_paper_destruction_entry(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    _win, page = open_page(qtbot, sqlite_ctx, runner, officer(sqlite_ctx))
    ledger = page.ledger
    assert ledger is not None
    page.show_tab(ledger)
    settle(qtbot, runner)
    ledger.manual_entry()
    dialog = page.dialog
    assert isinstance(dialog, ManualDialog)
    dialog.file_name.setText("2019년 접수 대장")
    dialog.count.setValue(12)
    dialog.method.setCurrentIndex(dialog.method.findData("전문업체"))
    dialog.executed_by.setText("김원무")
    dialog.witness.setText("육책임")
    dialog.submitted.emit()
    settle(qtbot, runner)
    assert "확인서" in dialog.message.text()  # 전문업체 needs the company's certificate number
    dialog.certificate_no.setText("SH-2026-0042")
    dialog.submitted.emit()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1, timeout=15_000)
    row = ledger.model.row_object(0)
    assert (row.file_name, row.item_count, row.method, row.witness, row.certificate_no) == (
        "2019년 접수 대장",
        12,
        "전문업체",
        "육책임",
        "SH-2026-0042",
    )


def test_retention_runs_once_at_gui_start(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from privdesk.ui.app import LoginCycle

    boss = officer(sqlite_ctx)
    add_marked(sqlite_ctx, boss, 1, last_visit=years_ago(4))
    app = QApplication.instance()
    cycle = LoginCycle(app, sqlite_ctx, runner)  # type: ignore[arg-type]
    cycle.open_main(boss)
    qtbot.addWidget(cycle.window)
    settle(qtbot, runner)
    cycle.open_main(boss)  # a second login in the same run does not run it again
    qtbot.addWidget(cycle.window)
    settle(qtbot, runner)
    with sqlite_ctx.session() as s:
        runs = s.execute(
            select(AccessLogEntry).where(AccessLogEntry.subject == "lifecycle:retention-run")
        ).all()
    assert len(runs) == 1 and runs[0][0].actor == "system" and "separated=1" in (runs[0][0].detail or "")


def test_ledger_prints_a_period_into_the_preview(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from privdesk import clock
    from privdesk.lifecycle.ledger import ManualDestruction, record_manual
    from privdesk.ui.lifecycle.ledger import LedgerTab

    boss = officer(sqlite_ctx)
    record_manual(
        sqlite_ctx,
        boss,
        ManualDestruction(
            "2018년 접수 대장",
            "종이 문서",
            3,
            "분쇄",
            "김원무",
            "보유기간 경과",
            clock.today_kst() - dt.timedelta(days=1),
        ),
    )
    _win, page = open_page(qtbot, sqlite_ctx, runner, boss)
    ledger = page.ledger
    assert isinstance(ledger, LedgerTab)
    page.show_tab(ledger)
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1, timeout=15_000)
    ledger.print_from.setDate(ledger.print_from.date().addDays(-30))
    from PySide6.QtWidgets import QPushButton

    button = ledger.findChild(QPushButton, "printLedger")
    assert button is not None
    with reason_given():
        button.click()
    qtbot.waitUntil(lambda: page.print_job is not None and page.print_job.preview is not None, timeout=30_000)
    preview = page.print_job.preview  # type: ignore[union-attr]
    assert preview is not None and not page.print_job.cancelled  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: preview.page_count >= 1, timeout=15_000)
    preview.close()
    settle(qtbot, runner)


@contextmanager
def plan_locked(ctx: AppContext, plan_id: int) -> Iterator[None]:
    """Hold the plan's row (PostgreSQL) or the database's write lock (SQLite: BEGIN IMMEDIATE) so
    an execution started meanwhile waits at its first step, where a cancel is certain to come first."""
    conn = ctx.engine.connect()
    tx = conn.begin()
    try:
        conn.execute(select(DestructionPlan.id).where(DestructionPlan.id == plan_id).with_for_update())
        yield
    finally:
        tx.rollback()
        conn.close()


def test_cancelling_a_running_execution_destroys_nothing(qtbot, ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from privdesk.lifecycle import ledger, separation
    from privdesk.registry.models import STATUS_ACTIVE, STATUS_SEPARATED, Patient

    boss = officer(ctx)
    due = [add_marked(ctx, boss, i, last_visit=years_ago(6), seed=8) for i in range(2)]
    sep = add_marked(ctx, boss, 5, last_visit=years_ago(4), seed=8)
    separation.run_retention(ctx)
    plan = destruction.create_plan(ctx, boss, today=clock.today_kst() + dt.timedelta(days=2 * 366))
    assert plan.record_count == 3
    destruction.approve_plan(ctx, boss, plan.id, OFFICER_PASSWORD)
    _win, page = open_page(qtbot, ctx, runner, boss)
    tab = page.plans
    assert tab is not None and tab.execute_button is not None and tab.cancel_button is not None
    page.show_tab(tab)
    settle(qtbot, runner)
    tab.select(plan.id)
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.state == PLAN_APPROVED, timeout=15_000)
    assert tab.execute_button.isEnabled()

    with plan_locked(ctx, plan.id):
        with confirm_answered("action"):
            tab.execute_button.click()
        job = tab.execute_job
        assert job is not None
        qtbot.waitUntil(lambda: job.progress.isVisible(), timeout=15_000)
        qtbot.wait(300)  # the worker now waits on the lock inside the use case
        assert runner.pending >= 1 and job.result is None
        cancel = job.progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "취소"
        cancel.click()
        assert job.cancel_event.is_set()
        assert "취소하는 중" in job.progress.labelText()
    qtbot.waitUntil(lambda: job.state_after_cancel is not None, timeout=30_000)
    settle(qtbot, runner)
    assert job.cancelled and job.result is None and job.state_after_cancel == PLAN_APPROVED
    assert "main" not in job.steps and "separated" not in job.steps
    boxes = message_boxes(page)
    assert any("아무 기록도 삭제되지 않았고" in b.text() and "승인됨" in b.text() for b in boxes)
    dismiss(boxes)

    # nothing was destroyed: the patients, the separated copy, no ledger row, the plan approved again
    with ctx.session() as s:
        assert [s.get(Patient, m.id).status for m in due] == [STATUS_ACTIVE, STATUS_ACTIVE]  # type: ignore[union-attr]
        assert s.get(Patient, sep.id).status == STATUS_SEPARATED  # type: ignore[union-attr]
        assert s.execute(select(AccessLogEntry).where(AccessLogEntry.action == "delete")).first() is None
    assert [r.id for r in separation.list_separated(ctx, boss)] == [sep.id]
    assert ledger.list_ledger(ctx, boss) == []
    assert destruction.get_plan(ctx, boss, plan.id).state == PLAN_APPROVED

    # the screen shows it approved again; the officer may now drop the plan
    qtbot.waitUntil(
        lambda: tab.current is not None and tab.current.id == plan.id and tab.current.state == PLAN_APPROVED,
        timeout=15_000,
    )
    assert tab.cancel_button.isEnabled() and tab.execute_button.isEnabled()
    with confirm_answered("action"), reason_given("실행 중 취소 후 재작성"):
        tab.cancel_button.click()
    settle(qtbot, runner)
    assert destruction.get_plan(ctx, boss, plan.id).state == PLAN_CANCELLED
    with ctx.session() as s:
        assert s.get(Patient, due[0].id).status == STATUS_ACTIVE  # type: ignore[union-attr]
