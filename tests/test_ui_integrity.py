"""The evidence on screen: a clerk's login refused during a lock, the officer's red banner and
acknowledgement, the auditor who may look but not acknowledge, the recovery notice."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, INTAKE
from privdesk.context import AppContext
from privdesk.integrity import verify_all
from privdesk.ui.audit.integrity import AcknowledgeDialog
from privdesk.ui.login import LoginDialog
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.today import TodayPage
from tests.audit_support import tamper
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.test_registry_patients import make_actor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CLERK_PASSWORD = "Clerk-pass-123"
NEW_PASSWORD = "Recovered-pass7"


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=15_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)


def open_window(qtbot, ctx: AppContext, runner: TaskRunner, login: str, password: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, runner, users.login(ctx, login, password))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, runner)
    return window


@pytest.fixture
def locked(sqlite_ctx: AppContext) -> AppContext:
    """A clerk and an auditor, then an altered entry found by the auditor's verify: locked."""
    make_actor(sqlite_ctx, "won", [INTAKE])
    auditor = make_actor(sqlite_ctx, "gam", [AUDITOR])
    tamper(sqlite_ctx, "UPDATE access_log SET detail = '조작' WHERE seq = 3")
    assert not verify_all(sqlite_ctx, auditor).ok
    return sqlite_ctx


@pytest.mark.tampers
def test_a_clerk_cannot_log_in_during_a_lock_and_is_told_why(
    qtbot, locked: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(locked, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.login_edit.setText("won")
    dialog.password_edit.setText(CLERK_PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert "보호책임자가 확인할 때까지 작업할 수 없습니다" in dialog.message.text()
    assert dialog.actor is None


@pytest.mark.tampers
def test_the_auditor_sees_the_banner_but_cannot_acknowledge(
    qtbot, locked: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, locked, runner, "gam", CLERK_PASSWORD)
    me = window.show_page("today")
    assert isinstance(me, TodayPage)
    qtbot.waitUntil(lambda: me.integrity_box.isVisible())
    assert "3번 기록이 변조" in me.integrity_box.line.text()
    assert not me.integrity_box.ack_button.isVisible()
    window.close()
    settle(qtbot, runner)


@pytest.mark.tampers
def test_the_officer_acknowledges_from_the_banner_and_work_resumes(
    qtbot,
    locked: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    window = open_window(qtbot, locked, runner, OFFICER_LOGIN, OFFICER_PASSWORD)
    me = window.show_page("today")
    assert isinstance(me, TodayPage)
    qtbot.waitUntil(lambda: me.integrity_box.isVisible())
    box = me.integrity_box
    assert box.ack_button.isVisible() and "무결성 위반이 발견되었습니다" in box.line.text()
    qtbot.mouseClick(box.ack_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert isinstance(dialog, AcknowledgeDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a reason and the password are both needed
    dialog.reason.setPlainText("시험 중 직원이 바꾼 것으로 확인, 재교육")
    dialog.password.setText(OFFICER_PASSWORD)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "확인했습니다" in boxes[-1].text()
    boxes[-1].accept()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert users.login(locked, "won", CLERK_PASSWORD).login == "won"
    window.close()
    settle(qtbot, runner)


def test_the_recovery_notice_stays_until_the_officer_reads_it(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    code = sqlite_ctx.recovery_code
    assert code is not None
    result = users.recover_officer(sqlite_ctx, OFFICER_LOGIN, reason="비밀번호 분실", code=code)
    otp = result.one_time_password
    users.change_password(sqlite_ctx, users.login(sqlite_ctx, OFFICER_LOGIN, otp), otp, NEW_PASSWORD)
    window = open_window(qtbot, sqlite_ctx, runner, OFFICER_LOGIN, NEW_PASSWORD)
    me = window.show_page("today")
    assert isinstance(me, TodayPage)
    qtbot.waitUntil(lambda: me.notices_box.isVisible())
    assert "계정 복구가 실행되었습니다" in me.notices_box.text.text()
    qtbot.mouseClick(me.notices_box.ack_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: not me.notices_box.isVisible())
    assert users.pending_notices(sqlite_ctx, users.login(sqlite_ctx, OFFICER_LOGIN, NEW_PASSWORD)) == []
    window.close()
    settle(qtbot, runner)
