"""The start page 오늘 할 일 on screen: the lines, 열기, the boxes above, intake's landing on the search box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from privdesk import today
from privdesk.context import Actor, AppContext
from privdesk.ui.cctv.page import CctvPage
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.pages import DEFAULT_PAGES
from privdesk.ui.registry.page import PatientsPage
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.today import TodayPage
from tests.audit_support import row_count
from tests.today_support import plant
from tests.ui_cctv_support import runner_fixture, settle

__all__ = ["runner_fixture"]


def open_window(qtbot, ctx: AppContext, runner: TaskRunner, actor: Actor, **kw: object) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx, runner, actor, idle_timeout_ms=0, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    settle(qtbot, runner)
    return win


def today_of(qtbot, win: MainWindow) -> TodayPage:  # type: ignore[no-untyped-def]
    page = win.current_page()
    assert isinstance(page, TodayPage)
    qtbot.waitUntil(lambda: page.items is not None, timeout=15_000)
    return page


def test_the_officer_starts_on_today_and_opens_the_cctv_request(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    p = plant(sqlite_ctx)
    before = row_count(sqlite_ctx)
    win = open_window(qtbot, sqlite_ctx, runner, p.officer)
    assert win.page_keys()[0] == "today" and win.nav.item(0).text() == "오늘 할 일"
    page = today_of(qtbot, win)
    assert row_count(sqlite_ctx) == before  # showing the list logs nothing
    keys = [r.item.key for r in page.rows]
    assert keys[:2] == ["requests.overdue", "cctv_requests.overdue"]  # the red lines first
    assert "plans.approve" in keys and "processors.ending" in keys and "records.overdue" in keys
    assert "backup.age" not in keys and page.backup_box.isVisible()  # the backup box says it (with 지금 백업)
    assert not page.empty.isVisible()
    layout = page.integrity_box.parentWidget().layout()
    assert (
        layout.indexOf(page.integrity_box) < layout.indexOf(page.notices_box) < layout.indexOf(page.list_box)
    )
    row = page.row("cctv_requests.overdue")
    assert row is not None and p.cctv_no in row.text.text() and "#fde7e9" in row.styleSheet()
    assert row.marker.isVisible() and row.button.text() == "열기" and row.button.isVisible()
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert isinstance(win.current_page(), CctvPage)
    win.show_page("today")
    settle(qtbot, runner)
    plan = page.row("plans.approve")
    assert plan is not None
    qtbot.mouseClick(plan.button, Qt.MouseButton.LeftButton)
    assert win.current_page() is win.pages["lifecycle"]
    win.close()
    settle(qtbot, runner)


def test_open_is_hidden_without_the_page_and_an_empty_list_says_so(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    p = plant(sqlite_ctx)
    pages = [s for s in DEFAULT_PAGES if s.key != "cctv"]
    win = open_window(qtbot, sqlite_ctx, runner, p.facility, pages=pages)
    page = today_of(qtbot, win)
    row = page.row("cctv_requests.overdue")
    assert row is not None and not row.button.isVisible()
    win.close()
    settle(qtbot, runner)

    # the auditor's list holds the monthly review only (from the 5th until last month is signed)
    win = open_window(qtbot, sqlite_ctx, runner, p.auditor)
    page = today_of(qtbot, win)
    page.providers = tuple(x for x in today.PROVIDERS if x is not today.monthly_review)
    page.items = None
    page.reload()
    qtbot.waitUntil(lambda: page.items is not None, timeout=15_000)
    assert page.rows == [] and page.empty.isVisible() and page.empty.text() == "할 일이 없습니다."
    win.close()
    settle(qtbot, runner)


def test_intake_lands_on_the_registry_search_box(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    p = plant(sqlite_ctx)
    win = open_window(qtbot, sqlite_ctx, runner, p.clerk)
    page = win.current_page()
    assert isinstance(page, PatientsPage) and win.page_keys()[0] == "today"
    qtbot.waitUntil(lambda: page.search_edit.hasFocus(), timeout=5_000)
    assert QApplication.focusWidget() is page.search_edit
    today = win.show_page("today")  # their work list is one click away
    assert isinstance(today, TodayPage)
    qtbot.waitUntil(lambda: today.row("requests.overdue") is not None, timeout=15_000)
    win.close()
    settle(qtbot, runner)


def test_a_justification_request_is_answered_from_the_start_screen(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    """The person a reviewer asked for a 소명 sees it first thing, answers it from the line's 열기
    (the answer dialog, not a page they could not open), and the line goes."""
    from privdesk import review
    from privdesk.review import JState
    from tests.review_support import asked_lee
    from tests.ui_inbox_support import ok

    ctx = sqlite_ctx
    people, _boss = asked_lee(ctx)

    win = open_window(qtbot, ctx, runner, people["lee"])
    page = today_of(qtbot, win)  # intake staff land here, not on the registry, while asked
    line = page.row("review.to_answer")
    assert line is not None and line.button.isVisible() and "review" not in win.page_keys()
    qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.answer_dialog is not None and page.answer_dialog.isVisible(), timeout=10_000)
    dialog = page.answer_dialog
    assert dialog is not None and "새벽 조회의 경위" in dialog.intro.text()
    dialog.answer.setPlainText("응급 전원 환자 확인을 요청받아 조회했습니다.")
    ok(dialog)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.row("review.to_answer") is None, timeout=10_000)
    (j,) = review.my_justifications(ctx, people["lee"])
    assert j.state == JState.ANSWERED and j.answer == "응급 전원 환자 확인을 요청받아 조회했습니다."
    win.close()
    settle(qtbot, runner)
    win = open_window(qtbot, ctx, runner, people["lee"])
    assert win.current_page().objectName() == "patientsPage"  # answered: back to the registry first
    win.close()
    settle(qtbot, runner)
