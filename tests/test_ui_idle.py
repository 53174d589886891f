"""The idle lock (화면 잠금): the window is covered after inactivity, open forms keep their
input, and the right password (checked by the use case, which logs it) unlocks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from privdesk.accounts import users
from privdesk.accounts.permissions import INTAKE
from privdesk.audit.chain import Action
from privdesk.context import AppContext
from privdesk.store.models import AccessLogEntry
from privdesk.ui.accounts.dialogs import AddAccountDialog
from privdesk.ui.accounts.page import AccountsPage
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

# The offscreen platform warns that it cannot propagate size hints when a window is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=15_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)


def reauth_entries(ctx: AppContext) -> int:
    with ctx.session() as s:
        return len(
            s.execute(
                select(AccessLogEntry.seq).where(
                    AccessLogEntry.action == Action.LOGIN, AccessLogEntry.detail == "reauth"
                )
            ).all()
        )


def test_idle_lock_covers_the_window_and_unlock_keeps_typed_input(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    actor = users.login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    window = MainWindow(sqlite_ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("accounts")
    assert isinstance(page, AccountsPage)
    settle(qtbot, runner)

    # Unsaved input: a filter on the page and a half-filled "add account" form.
    page.search.setText("김")
    page.add_account()
    form = page.dialog
    assert isinstance(form, AddAccountDialog) and form.isVisible()
    form.name_edit.setText("김간호")
    form.login_edit.setText("kimnurse")
    form.roles.boxes[INTAKE].setChecked(True)

    window.idle_watcher.timeout_ms = 50
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    window.idle_watcher.timeout_ms = 0  # no second lock while the test types
    assert window.overlay.isVisible()
    assert window.overlay.geometry() == window.rect()
    assert not form.isVisible()  # dialogs hide under the lock
    assert not window.centralWidget().isEnabled()
    assert not window.menuBar().isEnabled()
    settle(qtbot, runner)
    with sqlite_ctx.session() as s:
        idle = (
            s.execute(select(AccessLogEntry.actor).where(AccessLogEntry.action == Action.IDLE_LOCK))
            .scalars()
            .all()
        )
    assert idle == [OFFICER_LOGIN]  # the lock itself is in the access log

    # A wrong password keeps the lock and says so.
    window.overlay.password.setText("Wrong-pass1")
    qtbot.mouseClick(window.overlay.unlock_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert window.locked
    assert "올바르지 않습니다" in window.overlay.message.text()
    assert window.overlay.password.text() == ""

    before = reauth_entries(sqlite_ctx)
    window.overlay.password.setText(OFFICER_PASSWORD)
    qtbot.mouseClick(window.overlay.unlock_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert not window.locked
    assert reauth_entries(sqlite_ctx) == before + 1  # the unlock is in the access log
    assert window.centralWidget().isEnabled()
    assert form.isVisible()
    assert form.name_edit.text() == "김간호"
    assert form.login_edit.text() == "kimnurse"
    assert form.roles.boxes[INTAKE].isChecked()
    assert page.search.text() == "김"
    form.reject()
    window.close()
    settle(qtbot, runner)


def test_input_events_postpone_the_lock(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:
    actor = users.login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    window = MainWindow(sqlite_ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, runner)
    window.idle_watcher.timeout_ms = 400
    target: QWidget = window.nav
    for _ in range(6):  # keep typing for longer than the timeout
        qtbot.keyClick(target, Qt.Key.Key_Down)
        qtbot.wait(100)
        assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    window.idle_watcher.timeout_ms = 0
    window.overlay.password.setText(OFFICER_PASSWORD)
    qtbot.keyClick(window.overlay.password, Qt.Key.Key_Return)
    settle(qtbot, runner)
    assert not window.locked
    window.close()
    settle(qtbot, runner)


def test_lock_out_while_locked_ends_the_session(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:
    actor = users.login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    _, otp = users.add_account(sqlite_ctx, actor, login="han", name="한원무", roles=[INTAKE])
    han = users.change_password(sqlite_ctx, users.login(sqlite_ctx, "han", otp), otp, "Intake-pass1")
    window = MainWindow(sqlite_ctx, runner, han, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    ended: list[str] = []
    window.session_ended.connect(ended.append)
    window.lock()
    assert window.locked
    for _ in range(5):
        window.overlay.password.setText("Wrong-pass1")
        qtbot.mouseClick(window.overlay.unlock_button, Qt.MouseButton.LeftButton)
        settle(qtbot, runner)
    assert window.ended and not window.isVisible()
    assert len(ended) == 1 and "잠김" in ended[0]
