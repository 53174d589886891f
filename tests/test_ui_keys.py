"""Keyboard first (issue 14): focus after login and after a page switch, and the main window's
shortcuts (privdesk.ui.shortcuts) pressed as real keys on real pages."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from privdesk.accounts import users
from privdesk.context import Actor, AppContext
from privdesk.ui.accounts.dialogs import AddAccountDialog
from privdesk.ui.accounts.page import AccountsPage
from privdesk.ui.audit.log import AccessLogPage
from privdesk.ui.disclosures import DisclosuresPage
from privdesk.ui.disclosures.form import DisclosureDialog
from privdesk.ui.disclosures.processors import ProcessorsPage
from privdesk.ui.incidents.page import IncidentsPage
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.registry.form import PatientFormDialog
from privdesk.ui.registry.page import PatientsPage
from privdesk.ui.requests.page import RequestsPage
from privdesk.ui.shortcuts import SHORTCUTS, install
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.today import TodayPage
from tests.audit_support import actor_for, officer
from tests.incident_support import add_patients, hours_ago, open_at
from tests.reason_support import reason_given
from tests.today_support import plant
from tests.ui_cctv_support import runner_fixture, settle

__all__ = ["runner_fixture"]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def open_window(qtbot, ctx: AppContext, runner: TaskRunner, actor: Actor) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    settle(qtbot, runner)
    return win


def press(
    qtbot, win: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    """A real key press where the cursor is (the focused widget of the window)."""
    if QApplication.activeWindow() is not win:
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5_000)
    target = QApplication.focusWidget() or win
    qtbot.keyClick(target, key, modifier)


def alt(qtbot, win: MainWindow, n: int) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, win, Qt.Key(Qt.Key.Key_0.value + n), Qt.KeyboardModifier.AltModifier)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_intake_lands_on_the_search_box_and_alt_numbers_switch_pages_with_the_cursor_on_their_input(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    clerk = actor_for(sqlite_ctx, "won", ["intake"])
    win = open_window(qtbot, sqlite_ctx, runner, clerk)
    patients = win.current_page()
    assert isinstance(patients, PatientsPage)
    qtbot.waitUntil(lambda: focused() is patients.search_edit, timeout=5_000)
    assert win.page_keys() == ["today", "patients", "requests", "disclosures", "consent"]

    alt(qtbot, win, 3)  # 정보주체 요구: the cursor on its table, not on the navigation
    settle(qtbot, runner)
    requests = win.current_page()
    assert isinstance(requests, RequestsPage) and win.nav.currentRow() == 2
    assert focused() is requests.table and not win.nav.hasFocus()

    alt(qtbot, win, 4)  # 제3자 제공: the ledger's recipient filter
    settle(qtbot, runner)
    disclosures = win.current_page()
    assert isinstance(disclosures, DisclosuresPage)
    assert focused() is disclosures.ledger.recipient

    alt(qtbot, win, 2)  # back to the registry: its search box again
    assert win.current_page() is patients and focused() is patients.search_edit

    alt(qtbot, win, 1)
    settle(qtbot, runner)
    assert isinstance(win.current_page(), TodayPage) and not win.nav.hasFocus()

    alt(qtbot, win, 9)  # only five pages: nothing happens
    assert isinstance(win.current_page(), TodayPage)

    # a click on the navigation moves the cursor to the page too
    item = win.nav.item(1)
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=win.nav.visualItemRect(item).center())
    assert win.current_page() is patients and focused() is patients.search_edit
    win.close()
    settle(qtbot, runner)


def test_the_officer_starts_on_the_first_line_of_today(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    p = plant(sqlite_ctx)
    win = open_window(qtbot, sqlite_ctx, runner, p.officer)
    today = win.current_page()
    assert isinstance(today, TodayPage)
    qtbot.waitUntil(lambda: today.items is not None and bool(today.rows), timeout=15_000)
    qtbot.waitUntil(lambda: focused() is today.rows[0].button, timeout=5_000)  # 열기 of the first line
    win.close()
    settle(qtbot, runner)


def test_after_logging_in_by_keyboard_intake_types_into_the_registry_search(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    """The whole way in, as at the counter: ID, Enter, password, Enter — and the cursor is in the
    patient search box of the window that opens."""
    from privdesk.accounts import users
    from privdesk.ui.app import LoginCycle
    from privdesk.ui.login import LoginDialog

    boss = officer(sqlite_ctx)
    _, otp = users.add_account(sqlite_ctx, boss, login="choi", name="최원무", roles=["intake"])
    users.change_password(sqlite_ctx, users.login(sqlite_ctx, "choi", otp), otp, "Intake-pass1")
    session = LoginCycle(QApplication.instance(), sqlite_ctx, runner)  # type: ignore[arg-type]
    session.quit = lambda: None
    session.show_login()
    dialog = session.login_dialog
    assert isinstance(dialog, LoginDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    dialog.login_edit.setFocus()
    qtbot.keyClicks(dialog.login_edit, "choi")
    qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Return)
    assert focused() is dialog.password_edit
    qtbot.keyClicks(dialog.password_edit, "Intake-pass1")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(session.window, MainWindow), timeout=15_000)
    win = session.window
    assert isinstance(win, MainWindow)
    settle(qtbot, runner)
    patients = win.current_page()
    assert isinstance(patients, PatientsPage)
    win.activateWindow()
    qtbot.waitUntil(lambda: focused() is patients.search_edit, timeout=5_000)
    qtbot.keyClicks(focused(), "1001")  # typing goes straight into the search
    assert patients.search_edit.text() == "1001"
    win.close()
    settle(qtbot, runner)
    win.deleteLater()
    session.deleteLater()


def test_arrow_keys_in_the_navigation_keep_the_cursor_there_and_enter_moves_it_to_the_page(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    win = open_window(qtbot, sqlite_ctx, runner, officer(sqlite_ctx))
    win.nav.setFocus()
    qtbot.keyClick(win.nav, Qt.Key.Key_Down)
    settle(qtbot, runner)
    patients = win.current_page()
    assert isinstance(patients, PatientsPage) and win.nav.hasFocus()  # still choosing
    qtbot.keyClick(win.nav, Qt.Key.Key_Return)
    assert focused() is patients.search_edit
    win.close()
    settle(qtbot, runner)


def test_ctrl_f_goes_to_the_search_box_of_the_current_page(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    win = open_window(qtbot, sqlite_ctx, runner, officer(sqlite_ctx))
    accounts = win.show_page("accounts")
    assert isinstance(accounts, AccountsPage)
    settle(qtbot, runner)
    accounts.table.setFocus()
    accounts.search.setText("yook")
    press(qtbot, win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is accounts.search and accounts.search.selectedText() == "yook"  # ready to retype

    log = win.show_page("access_log")
    assert isinstance(log, AccessLogPage)
    settle(qtbot, runner)
    log.table.setFocus()
    press(qtbot, win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is log.actor_edit

    disclosures = win.show_page("disclosures")
    assert isinstance(disclosures, DisclosuresPage)
    settle(qtbot, runner)
    disclosures.tabs.setCurrentWidget(disclosures.history)  # a tab's own box
    settle(qtbot, runner)
    disclosures.history.table.setFocus()
    press(qtbot, win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is disclosures.history.chart

    today = win.show_page("today")
    assert isinstance(today, TodayPage)
    settle(qtbot, runner)
    before = focused()
    press(qtbot, win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # no search box: nothing moves
    assert focused() is before
    win.close()
    settle(qtbot, runner)


def test_f5_reads_the_current_page_again(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:
    boss = officer(sqlite_ctx)
    win = open_window(qtbot, sqlite_ctx, runner, boss)
    accounts = win.show_page("accounts")
    assert isinstance(accounts, AccountsPage)
    settle(qtbot, runner)
    before = accounts.model.rowCount()
    users.add_account(sqlite_ctx, boss, login="newbie", name="신입직원", roles=["intake"])  # behind its back
    settle(qtbot, runner)
    assert accounts.model.rowCount() == before  # the page does not know yet
    press(qtbot, win, Qt.Key.Key_F5)
    settle(qtbot, runner)
    assert accounts.model.rowCount() == before + 1
    assert any(a.login == "newbie" for a in accounts.model.rows())

    patients = win.show_page("patients")
    assert isinstance(patients, PatientsPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: patients.model.exhausted, timeout=10_000)
    shown = patients.model.rowCount()
    add_patients(sqlite_ctx, boss, 2)
    press(qtbot, win, Qt.Key.Key_F5)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: patients.model.rowCount() == shown + 2, timeout=10_000)
    win.close()
    settle(qtbot, runner)


def test_ctrl_n_opens_the_new_form_where_the_page_creates_and_does_nothing_elsewhere(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    win = open_window(qtbot, sqlite_ctx, runner, officer(sqlite_ctx))
    patients = win.show_page("patients")
    assert isinstance(patients, PatientsPage)
    settle(qtbot, runner)
    press(qtbot, win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = patients.dialog
    assert isinstance(form, PatientFormDialog) and form.isVisible()
    form.activateWindow()
    qtbot.keyClick(form.focusWidget() or form, Qt.Key.Key_Escape)  # cancelled: nothing saved
    assert not shiboken6.isValid(form) or not form.isVisible()

    accounts = win.show_page("accounts")
    assert isinstance(accounts, AccountsPage)
    settle(qtbot, runner)
    press(qtbot, win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    add = accounts.dialog
    assert isinstance(add, AddAccountDialog) and add.isVisible()
    add.reject()

    disclosures = win.show_page("disclosures")
    assert isinstance(disclosures, DisclosuresPage)
    settle(qtbot, runner)
    press(qtbot, win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    entry = disclosures.ledger.entry_dialog
    assert isinstance(entry, DisclosureDialog) and entry.isVisible()
    entry.reject()
    settle(qtbot, runner)

    log = win.show_page("access_log")  # nothing to create here: no dialog, no error
    assert isinstance(log, AccessLogPage)
    settle(qtbot, runner)
    dialogs_before = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    press(qtbot, win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner)
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == dialogs_before
    assert log.new_action() is None
    win.close()
    settle(qtbot, runner)


def test_ctrl_p_prints_the_selected_record_after_asking_the_reason(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    boss = officer(sqlite_ctx)
    add_patients(sqlite_ctx, boss, 1)
    incident = open_at(sqlite_ctx, boss, hours_ago(3))
    win = open_window(qtbot, sqlite_ctx, runner, boss)
    page = win.show_page("incidents")
    assert isinstance(page, IncidentsPage)
    settle(qtbot, runner)
    assert page.select(incident.row.id)
    with reason_given(None) as seen:  # asked, then cancelled: nothing printed
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen.titles and page.print_job is None
    with reason_given("사고 처리 기록 보관") as seen:
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    job = page.print_job
    assert seen.titles and job is not None
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    assert job.preview is not None
    job.preview.close()
    settle(qtbot, runner)

    processors = win.show_page("processors")  # a list page: Ctrl+P prints its list, after the reason
    assert isinstance(processors, ProcessorsPage)
    settle(qtbot, runner)
    with reason_given(None) as seen:
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen.titles  # asked; cancelled: nothing printed
    settle(qtbot, runner)

    patients = win.show_page("patients")  # the registry prints nothing: Ctrl+P does nothing
    assert isinstance(patients, PatientsPage)
    settle(qtbot, runner)
    with reason_given(None) as seen:
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot, runner)
    assert seen.titles == []
    win.close()
    settle(qtbot, runner)


def test_shortcuts_do_nothing_while_the_screen_is_locked(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    win = open_window(qtbot, sqlite_ctx, runner, officer(sqlite_ctx))
    win.lock()
    settle(qtbot, runner)
    assert win.locked
    win.show_page_at(4)
    win.new_on_current()
    assert isinstance(win.current_page(), TodayPage)
    win.close()
    settle(qtbot, runner)


def test_the_table_binds_each_command_once_and_lists_the_rest(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[str] = []
    actions = install(
        widget,
        {"search": lambda: calls.append("search"), "refresh": lambda: calls.append("refresh")},
        page=lambda n: calls.append(f"page{n}"),
    )
    assert sorted(actions) == sorted(["search", "refresh"] + [f"page{n}" for n in range(1, 10)])
    assert actions["search"].shortcut().toString() == "Ctrl+F"
    actions["page3"].trigger()
    actions["refresh"].trigger()
    assert calls == ["page2", "refresh"]
    keys = [s.keys for s in SHORTCUTS]
    assert len(keys) == len(set(keys))  # no key twice
    assert {"Ctrl+F", "F5", "Ctrl+N", "Ctrl+P", "Ctrl+L"} <= set(keys)
