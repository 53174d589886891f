"""The account-management screen and the permission history screen, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, FACILITY, INTAKE, OFFICER
from privdesk.context import Actor, AppContext
from privdesk.ui.accounts.dialogs import AddAccountDialog, RolesDialog
from privdesk.ui.accounts.page import AccountsModel, AccountsPage
from privdesk.ui.accounts.permhistory import PermissionHistoryModel, PermissionHistoryPage, printing_available
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tablemodel import ROW_ROLE, SORT_ROLE
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import OneTimePasswordDialog, ReasonDialog
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=15_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)


@pytest.fixture
def boss(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


@pytest.fixture
def accounts_page(qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor) -> Iterator[AccountsPage]:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, runner, boss, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("accounts")
    assert isinstance(page, AccountsPage)
    settle(qtbot, runner)
    yield page
    window.close()
    settle(qtbot, runner)


def logins(page: AccountsPage) -> list[str]:
    return [
        page.proxy.data(page.proxy.index(r, AccountsModel.COL_LOGIN)) for r in range(page.proxy.rowCount())
    ]


def ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def message_boxes(widget) -> list[QMessageBox]:  # type: ignore[no-untyped-def]
    return [b for b in widget.findChildren(QMessageBox) if b.isVisible()]


def test_accounts_model_columns_sort_role_and_row_object(qtbot, ctx: AppContext, boss: Actor) -> None:
    rows = users.list_accounts(ctx, boss)
    model = AccountsModel()
    model.set_rows(rows)
    assert model.rowCount() == 1 and model.columnCount() == 8
    assert model.headerData(AccountsModel.COL_ROLES, Qt.Orientation.Horizontal) == "역할"
    index = model.index(0, AccountsModel.COL_ROLES)
    assert model.data(index) == "개인정보 보호책임자"
    assert model.data(model.index(0, AccountsModel.COL_STATE)) == "사용 중"
    assert model.data(index, ROW_ROLE) is rows[0]
    created = model.index(0, AccountsModel.COL_CREATED)
    assert model.data(created)[:2] == "20" and len(model.data(created)) == 16  # YYYY-MM-DD HH:MM
    assert model.data(created, SORT_ROLE).endswith("Z")  # sorts on the UTC instant, not the text


def test_add_account_shows_the_one_time_password_once_and_lists_it(
    qtbot, ctx: AppContext, runner: TaskRunner, accounts_page: AccountsPage
) -> None:
    page = accounts_page
    assert logins(page) == [OFFICER_LOGIN]
    assert page.status.text() == "계정 1개"
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, AddAccountDialog) and dialog.isVisible()
    assert dialog.roles.boxes[INTAKE].text().startswith("원무 — ")
    assert list(dialog.roles.boxes) == [OFFICER, "privacy", INTAKE, FACILITY, AUDITOR]  # the presets' order

    ok(dialog)  # nothing typed: the form says what is missing and stays open
    assert "아이디" in dialog.message.text() and dialog.isVisible()
    dialog.login_edit.setText("kim.nurse")
    dialog.name_edit.setText("김간호")
    dialog.department_edit.setText("원무과")
    ok(dialog)
    assert dialog.message.text() == "역할을 하나 이상 고르십시오." and dialog.isVisible()
    dialog.roles.boxes[INTAKE].setChecked(True)
    dialog.reason_edit.setPlainText("신규 입사")
    ok(dialog)
    settle(qtbot, runner)

    shown = page.dialog
    assert isinstance(shown, OneTimePasswordDialog) and shown.isVisible()
    otp = shown.password.text()
    assert len(otp) >= 12 and shown.password.isReadOnly()
    qtbot.mouseClick(shown.copy, Qt.MouseButton.LeftButton)
    shown.accept()
    assert shown.password.text() == ""  # gone from the screen once closed

    assert logins(page) == ["kim.nurse", OFFICER_LOGIN]
    assert page.status.text() == "계정 2개"
    assert page.select_login("kim.nurse")
    chosen = page.selected()
    assert chosen is not None and chosen.name == "김간호" and chosen.role_codes == (INTAKE,)
    assert page.proxy.data(page.proxy.index(0, AccountsModel.COL_STATE)) == "비밀번호 변경 필요"
    assert users.login(ctx, "kim.nurse", otp).must_change_password


def test_lock_unlock_reset_roles_and_deactivate(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor, accounts_page: AccountsPage
) -> None:
    users.add_account(ctx, boss, login="park", name="박시설", roles=[FACILITY])
    page = accounts_page
    page.reload()
    settle(qtbot, runner)
    assert page.select_login("park")
    assert page.lock_button.isEnabled() and not page.unlock_button.isEnabled()

    qtbot.mouseClick(page.lock_button, Qt.MouseButton.LeftButton)
    reason = page.dialog
    assert isinstance(reason, ReasonDialog)
    assert not reason.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # reason required
    reason.reason.setPlainText("장기 휴가")
    ok(reason)
    settle(qtbot, runner)
    assert page.selected() is not None and page.selected().locked
    assert page.unlock_button.isEnabled() and not page.lock_button.isEnabled()

    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    page.dialog.reason.setPlainText("복귀 확인")
    ok(page.dialog)
    settle(qtbot, runner)
    assert not page.selected().locked

    qtbot.mouseClick(page.roles_button, Qt.MouseButton.LeftButton)
    roles = page.dialog
    assert isinstance(roles, RolesDialog)
    assert roles.roles.boxes[FACILITY].isChecked() and not roles.roles.boxes[AUDITOR].isChecked()
    roles.roles.boxes[AUDITOR].setChecked(True)
    ok(roles)
    assert roles.message.text() == "역할을 바꾸는 사유를 입력하십시오." and roles.isVisible()
    roles.reason_edit.setPlainText("감사 업무 겸임")
    ok(roles)
    settle(qtbot, runner)
    assert page.selected().role_codes == (AUDITOR, FACILITY)

    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    ok(page.dialog)  # the reason is optional for a reset
    settle(qtbot, runner)
    assert isinstance(page.dialog, OneTimePasswordDialog)
    otp = page.dialog.password.text()
    page.dialog.accept()
    assert users.login(ctx, "park", otp).must_change_password

    qtbot.mouseClick(page.deactivate_button, Qt.MouseButton.LeftButton)
    page.dialog.reason.setPlainText("퇴직")
    ok(page.dialog)
    settle(qtbot, runner)
    assert "park" not in logins(page)
    page.include_inactive.setChecked(True)
    settle(qtbot, runner)
    assert page.select_login("park")
    assert page.selected() is not None and not page.selected().active
    assert not page.roles_button.isEnabled() and page.history_button.isEnabled()

    history = users.permission_history(ctx, boss, target="park")
    assert [h.change for h in history] == [
        "create",
        "lock",
        "unlock",
        "roles",
        "password_reset",
        "deactivate",
    ]
    assert history[1].reason == "장기 휴가"


def test_a_refused_action_is_shown_in_korean(
    qtbot, ctx: AppContext, runner: TaskRunner, accounts_page: AccountsPage
) -> None:
    page = accounts_page
    assert page.select_login(OFFICER_LOGIN)
    qtbot.mouseClick(page.lock_button, Qt.MouseButton.LeftButton)
    page.dialog.reason.setPlainText("시험")
    ok(page.dialog)
    settle(qtbot, runner)
    boxes = message_boxes(page.window())
    assert boxes and "잠글 수 없습니다" in boxes[-1].text()
    assert not page.selected().locked


def test_version_conflict_says_someone_else_changed_it_and_reloads(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor, accounts_page: AccountsPage
) -> None:
    users.add_account(ctx, boss, login="seo", name="서원무", roles=[INTAKE])
    page = accounts_page
    page.reload()
    settle(qtbot, runner)
    assert page.select_login("seo")
    qtbot.mouseClick(page.roles_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, RolesDialog)
    # Meanwhile another workstation changes the same account.
    users.set_roles(ctx, boss, "seo", [INTAKE, AUDITOR], reason="다른 자리에서 변경")
    dialog.roles.boxes[FACILITY].setChecked(True)
    dialog.reason_edit.setPlainText("시설 겸임")
    ok(dialog)
    settle(qtbot, runner)
    boxes = message_boxes(page.window())
    assert boxes and "다른 사용자가 먼저 이 계정을 변경했습니다" in boxes[-1].text()
    assert page.selected() is not None and page.selected().role_codes == (AUDITOR, INTAKE)  # reloaded
    assert [h.change for h in users.permission_history(ctx, boss, target="seo")] == ["create", "roles"]


def test_account_history_dialog_and_the_permission_history_screen(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor, accounts_page: AccountsPage, tmp_path: Path
) -> None:
    users.add_account(ctx, boss, login="yoon", name="윤감사", roles=[AUDITOR], reason="감사 담당 지정")
    page = accounts_page
    page.reload()
    settle(qtbot, runner)
    assert page.select_login("yoon")
    qtbot.mouseClick(page.history_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    inner = page.dialog.findChild(PermissionHistoryPage)
    assert inner is not None and inner.target_edit.text() == "yoon"
    assert inner.model.rowCount() == 1
    assert inner.model.data(inner.model.index(0, PermissionHistoryModel.COL_CHANGE)) == "계정 생성·권한 부여"
    assert inner.model.data(inner.model.index(0, PermissionHistoryModel.COL_REASON)) == "감사 담당 지정"
    page.dialog.reject()

    window = page.window()
    assert isinstance(window, MainWindow)
    screen = window.show_page("permission_history")
    assert isinstance(screen, PermissionHistoryPage)
    settle(qtbot, runner)
    assert screen.model.rowCount() == 2  # the officer's creation and yoon's
    screen.target_edit.setText(OFFICER_LOGIN)
    qtbot.mouseClick(screen.search_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert screen.model.rowCount() == 1
    screen.target_edit.clear()
    screen.period.enabled.setChecked(True)
    qtbot.mouseClick(screen.search_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert screen.model.rowCount() == 2  # the default period (the last year) holds both

    if not printing_available():
        assert screen.print_button is None
        return
    assert screen.print_button is not None
    out = tmp_path / "history.pdf"
    screen.print_to(out, "권한 점검")
    settle(qtbot, runner)
    assert out.is_file()
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "권한 부여·변경·말소 기록" in text and "yoon" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "NanumGothic" in fonts and " no " not in fonts.split("\n", 2)[2]
