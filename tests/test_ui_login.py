"""The login dialog, the forced password change and role-based navigation, driven with pytest-qt
against a real initialised database."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from privdesk.accounts import users
from privdesk.accounts.permissions import INTAKE, ROLE_NAMES
from privdesk.context import AppContext
from privdesk.ui.accounts.me import ProfileDialog
from privdesk.ui.login import LoginDialog
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.today import TodayPage
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

# The offscreen platform warns that it cannot propagate size hints when a window is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WRONG = "아이디 또는 비밀번호가 올바르지 않습니다."


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=15_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)


def try_login(qtbot, dialog: LoginDialog, runner: TaskRunner, login: str, password: str) -> str:  # type: ignore[no-untyped-def]
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    return dialog.message.text()


def officer(ctx: AppContext):  # type: ignore[no-untyped-def]
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD, channel="test")


def test_wrong_password_and_unknown_id_get_the_same_message(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    dialog = LoginDialog(sqlite_ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "로그인"  # shown as "로그인 — privdesk", not doubled
    assert try_login(qtbot, dialog, runner, OFFICER_LOGIN, "Wrong-pass1") == WRONG
    assert dialog.password_edit.text() == ""  # cleared for the next try
    assert try_login(qtbot, dialog, runner, "nobody", "Wrong-pass1") == WRONG
    assert dialog.actor is None and dialog.result() == 0


def test_enter_after_the_id_moves_to_the_password(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:
    dialog = LoginDialog(sqlite_ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.login_edit.setFocus()
    dialog.login_edit.setText(OFFICER_LOGIN)
    qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Return)
    assert runner.pending == 0 and dialog.message.text() == ""  # no error, no login attempt
    assert dialog.focusWidget() is dialog.password_edit
    dialog.password_edit.setText(OFFICER_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter in the password logs in
    qtbot.waitUntil(lambda: dialog.actor is not None, timeout=10_000)


def test_empty_fields_are_refused_without_a_login_attempt(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    dialog = LoginDialog(sqlite_ctx, runner)
    qtbot.addWidget(dialog)
    dialog.login_edit.setText(OFFICER_LOGIN)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert runner.pending == 0
    assert dialog.message.text() == "아이디와 비밀번호를 입력하십시오."


def test_lock_out_after_five_failures_says_locked_and_whom_to_ask(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    actor = officer(sqlite_ctx)
    users.add_account(sqlite_ctx, actor, login="kim", name="김원무", roles=[INTAKE])
    dialog = LoginDialog(sqlite_ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(4):
        assert try_login(qtbot, dialog, runner, "kim", "Wrong-pass1") == WRONG
    fifth = try_login(qtbot, dialog, runner, "kim", "Wrong-pass1")
    assert "잠김" in fifth
    assert sqlite_ctx.profile.officer.name in fifth  # whom to ask: the privacy officer
    assert sqlite_ctx.profile.officer.phone in fifth
    # Even the right password is refused now, with the same locked message.
    accounts = {a.login: a for a in users.list_accounts(sqlite_ctx, actor)}
    assert accounts["kim"].locked
    assert "잠김" in try_login(qtbot, dialog, runner, "kim", "Anything-1")
    assert dialog.actor is None


def test_forced_password_change_at_first_login(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:
    _, otp = users.add_account(sqlite_ctx, officer(sqlite_ctx), login="park", name="박원무", roles=[INTAKE])
    dialog = LoginDialog(sqlite_ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    try_login(qtbot, dialog, runner, "park", otp)
    change = dialog.change_dialog
    assert change is not None and change.isVisible()
    assert not dialog.result()  # not logged in until the password is changed

    change.old_edit.setText(otp)
    change.new_edit.setText("park12345")  # contains the ID, and only 2 kinds in 9 characters
    assert "규칙 위반" in change.rule_status.text()
    assert not change.ok_button.isEnabled()
    change.new_edit.setText("Seoul-2026!")
    change.confirm_edit.setText("Seoul-2026?")
    assert change.rule_status.text() == "새 비밀번호와 확인이 서로 다릅니다."
    assert not change.ok_button.isEnabled()
    change.confirm_edit.setText("Seoul-2026!")
    assert change.ok_button.isEnabled()
    qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)

    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.login == "park"
    assert not dialog.actor.must_change_password
    assert not users.login(sqlite_ctx, "park", "Seoul-2026!").must_change_password


def test_forced_change_with_the_old_password_wrong_shows_the_reason(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    _, otp = users.add_account(sqlite_ctx, officer(sqlite_ctx), login="lee", name="이원무", roles=[INTAKE])
    dialog = LoginDialog(sqlite_ctx, runner)
    qtbot.addWidget(dialog)
    try_login(qtbot, dialog, runner, "lee", otp)
    change = dialog.change_dialog
    assert change is not None
    change.old_edit.setText("not-the-otp-1A")
    change.new_edit.setText("Seoul-2026!")
    change.confirm_edit.setText("Seoul-2026!")
    qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert change.message.text() == WRONG
    assert change.isVisible() and dialog.actor is None


def test_navigation_lists_only_the_modules_the_account_may_use(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    boss = officer(sqlite_ctx)
    _, otp = users.add_account(sqlite_ctx, boss, login="choi", name="최원무", roles=[INTAKE])
    intake = users.change_password(sqlite_ctx, users.login(sqlite_ctx, "choi", otp), otp, "Intake-pass1")

    window = MainWindow(sqlite_ctx, runner, intake)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, runner)
    # 동의서 문안: the desk reads the texts patients agree to and exports the contact list
    assert window.page_keys() == ["today", "patients", "requests", "disclosures", "consent"]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "오늘 할 일",
        "환자 명부",
        "정보주체 요구",
        "제3자 제공",
        "동의서 문안",
    ]
    assert window.show_page("accounts") is None
    assert window.account_status.text() == "계정: 최원무 (choi)"
    assert ROLE_NAMES[INTAKE] in window.roles_status.text()
    assert sqlite_ctx.workstation.host in window.station_status.text()
    assert sqlite_ctx.profile.name in window.windowTitle()
    window.close()
    settle(qtbot, runner)

    window = MainWindow(sqlite_ctx, runner, boss)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, runner)
    assert window.page_keys() == [
        "today",
        "patients",
        "requests",
        "disclosures",
        "cctv",
        "lifecycle",
        "incidents",
        "complaints",
        "processors",
        "accounts",
        "access_log",
        "review",
        "policy",
        "consent",
        "training",
        "notice",
        "permission_history",
    ]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "오늘 할 일",
        "환자 명부",
        "정보주체 요구",
        "제3자 제공",
        "CCTV",
        "보유·파기",
        "사고 대장",
        "신고·상담",
        "수탁업체",
        "계정 관리",
        "접속기록",
        "접속기록 점검",
        "개인정보 처리방침",
        "동의서 문안",
        "교육",
        "이용·제공 내역 통지",
        "권한 변경 이력",
    ]
    assert "개인정보 보호책임자" in window.roles_status.text()
    page = window.show_page("accounts")
    assert page is not None and window.current_page() is page
    window.close()
    settle(qtbot, runner)


def test_the_profile_is_in_the_account_menu_and_changes_the_password(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    window = MainWindow(sqlite_ctx, runner, officer(sqlite_ctx))
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window.current_page(), TodayPage)  # the start page is 오늘 할 일
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None and window.profile_action in menu.actions()
    assert window.profile_action.text() == "내 정보…"
    window.profile_action.trigger()
    me = window.profile_dialog
    assert isinstance(me, ProfileDialog) and me.isVisible()
    assert me.account_label.text() == f"육의곤 ({OFFICER_LOGIN})"
    assert "개인정보 보호책임자" in me.roles_label.text()
    assert "계정 관리" in me.permissions_label.text()
    assert me.login_label.text()[:4].isdigit()
    me.change_password()
    dialog = me.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.old_edit.setText(OFFICER_PASSWORD)
    dialog.new_edit.setText("Another-pass2")
    dialog.confirm_edit.setText("Another-pass2")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed (and deleted)
    assert users.login(sqlite_ctx, OFFICER_LOGIN, "Another-pass2").login == OFFICER_LOGIN
    me.reject()
    window.change_password_action.trigger()  # 계정 → 비밀번호 변경… still works
    again = window.password_dialog
    assert again is not None and again.isVisible()
    again.old_edit.setText("Another-pass2")
    again.new_edit.setText("Third-pass3x")
    again.confirm_edit.setText("Third-pass3x")
    qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert users.login(sqlite_ctx, OFFICER_LOGIN, "Third-pass3x").login == OFFICER_LOGIN
    window.logout()
    settle(qtbot, runner)
    assert window.ended and not window.isVisible()


def test_password_expiry_notice_after_login(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:
    actor = dataclasses.replace(officer(sqlite_ctx), password_expires_in_days=5)
    window = MainWindow(sqlite_ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=5_000)
    assert "5일 뒤 만료" in window.statusBar().currentMessage()
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and boxes[0].windowTitle() == "비밀번호 만료 예정"
    for box in boxes:
        box.accept()
    me = window.open_profile()
    assert isinstance(me, ProfileDialog) and "5일 뒤 만료" in me.password_label.text()
    window.close()
    settle(qtbot, runner)
