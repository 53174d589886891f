"""What the breach register's and the complaints desk's screen tests share: a task runner with the
fonts registered, waiting for it, a main window for an account, and pressing a dialog's OK."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from privdesk.context import AppContext
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.pages import DEFAULT_PAGES
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import actor_for


@pytest.fixture(name="runner")
def runner_fixture(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    from privdesk.ui.app import register_fonts

    register_fonts(QApplication.instance())
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=30_000)


def window(
    qtbot, ctx: AppContext, runner: TaskRunner, login: str, roles: list[str] | None = None
) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx, runner, actor_for(ctx, login, roles), pages=DEFAULT_PAGES, idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.resize(1280, 860)
    win.show()
    settle(qtbot, runner)
    return win


def ok(dialog: QWidget) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]
