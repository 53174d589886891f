"""Ctrl+P on the 정보주체 요구 list prints the selected request's 요구서, and on the CCTV 열람 요구 tab
the selected request's 청구서 — through PrintJob, so the reason is asked first (cancelled: nothing
printed); with nothing selected Ctrl+P does nothing. The paper is checked with pdftotext."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from privdesk.accounts.permissions import FACILITY
from privdesk.cctv import requests as cctv_requests
from privdesk.context import AppContext
from privdesk.ui.cctv.inbox import InboxTab
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.requests.page import RequestsPage
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import officer
from tests.reason_support import reason_given
from tests.test_ui_keys import open_window, press
from tests.test_ui_requests import member_request
from tests.ui_cctv_support import open_cctv, request_input, runner_fixture, settle, staff

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
__all__ = ["runner_fixture"]


def _text(preview: PdfPreviewDialog) -> str:
    return subprocess.run(
        ["pdftotext", str(preview.path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_ctrl_p_on_the_request_list_prints_the_selected_request_form(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    boss = officer(sqlite_ctx)
    req = member_request(sqlite_ctx, boss, name="홍길동")
    win = open_window(qtbot, sqlite_ctx, runner, boss)
    page = win.show_page("requests")
    assert isinstance(page, RequestsPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=15_000)
    page.table.clearSelection()
    assert page.print_action() is None  # nothing selected: nothing to print
    with reason_given(None) as seen:
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert not seen.titles and page.print_job is None

    assert page.select(req.id)
    page.table.setFocus()
    with reason_given(None) as seen:  # asked, then cancelled: nothing printed
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen.titles and page.print_job is None
    with reason_given("요구서 사본 보관") as seen:
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    job = page.print_job
    assert seen.titles and job is not None
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    preview = job.preview
    assert isinstance(preview, PdfPreviewDialog)
    text = _text(preview)
    assert req.number in text and "요구서" in text
    preview.close()
    win.close()
    settle(qtbot, runner)


def test_ctrl_p_on_the_cctv_inbox_prints_the_selected_request_form(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac61", [FACILITY])
    d = cctv_requests.receive_request(sqlite_ctx, fac, request_input(3))
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    inbox = page.inbox
    assert isinstance(inbox, InboxTab) and page.tabs.currentWidget() is inbox
    inbox.table.clearSelection()
    assert page.print_action() is None
    assert inbox.select(d.id)
    assert page.print_action() is not None  # the page asks its current tab
    inbox.table.setFocus()
    if QApplication.activeWindow() is not win:
        win.activateWindow()
    with reason_given(None) as seen:
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen.titles and page.print_job is None
    with reason_given("청구서 사본 보관") as seen:
        press(qtbot, win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    job = page.print_job
    assert seen.titles and job is not None
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    preview = job.preview
    assert isinstance(preview, PdfPreviewDialog)
    text = _text(preview)
    assert d.number in text and "청구서" in text
    preview.close()
    win.close()
    settle(qtbot, runner)
