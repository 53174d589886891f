"""Helpers shared by the CCTV screen tests (this module holds no tests): accounts by role, request
input, the CCTV page opened in a real main window, waiting for tasks and dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from privdesk import clock
from privdesk.accounts import users
from privdesk.cctv.requests import RequestInput
from privdesk.context import Actor, AppContext
from privdesk.ui.cctv.page import CctvPage
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

STAFF_PASSWORD = "Staff-pass12"
PHONE = "010-2345-6789"


@pytest.fixture(name="runner")
def runner_fixture(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=30_000)


def officer(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def staff(ctx: AppContext, login: str, roles: list[str], name: str = "박시설") -> Actor:
    """An account with ``roles`` that has already chosen its own password."""
    _, otp = users.add_account(ctx, officer(ctx), login=login, name=name, roles=roles, reason="입사")
    return users.change_password(ctx, users.login(ctx, login, otp), otp, STAFF_PASSWORD)


def window(days_ago: int, hours: int = 1) -> tuple[dt.datetime, dt.datetime]:
    """10:00–11:00 KST ``days_ago`` days before today."""
    day = clock.today_kst() - dt.timedelta(days=days_ago)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=clock.KST)
    return start, start + dt.timedelta(hours=hours)


def request_input(days_ago: int = 2, **kw: Any) -> RequestInput:
    start, end = window(days_ago)
    base: dict[str, Any] = dict(
        kind="view",
        requester_name="홍길동",
        requester_phone=PHONE,
        relation="self",
        id_document="주민등록증",
        cameras=["CAM-02", "CAM-07"],
        window_start=start,
        window_end=end,
        purpose="주차장 차량 접촉 사고 확인",
    )
    base.update(kw)
    return RequestInput(**base)


def open_cctv(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    actor: Actor,
) -> tuple[MainWindow, CctvPage]:
    win = MainWindow(ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    page = win.show_page("cctv")
    assert isinstance(page, CctvPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: len(page.cameras) > 0, timeout=15_000)
    settle(qtbot, runner)
    return win, page


def close(qtbot, win: MainWindow, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    win.close()
    settle(qtbot, runner)


def ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def message_boxes(widget: QWidget) -> list[QMessageBox]:
    return [b for b in widget.findChildren(QMessageBox) if b.isVisible()]


def dismiss(boxes: list[QMessageBox]) -> None:
    for b in boxes:
        b.accept()
