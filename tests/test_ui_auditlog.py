"""The access-log viewer: lazy loading (canFetchMore/fetchMore on keyset pages), filters, CSV
export (itself logged) and the chain verification, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, INTAKE
from privdesk.audit import query
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.ui.auditlog import PAGE_SIZE, AccessLogModel, AccessLogPage
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tablemodel import ROW_ROLE
from privdesk.ui.tasks import TaskRunner
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ENTRIES = 1_000


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=30_000)


@pytest.fixture
def busy_log(ctx: AppContext) -> AppContext:
    """1,000 extra entries in the real chain (one transaction, appended like any use case's)."""
    with ctx.unit(None) as u:
        for i in range(ENTRIES):
            u.log(Action.VIEW, f"patient:{i}", detail="ui test")
    return ctx


@pytest.fixture
def boss(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def open_viewer(qtbot, ctx: AppContext, runner: TaskRunner, actor: Actor) -> tuple[MainWindow, AccessLogPage]:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("access_log")
    assert isinstance(page, AccessLogPage)
    settle(qtbot, runner)
    return window, page


def test_model_fetches_keyset_pages_lazily_without_a_view(busy_log: AppContext, boss: Actor) -> None:
    flt = query.LogFilter()
    model = AccessLogModel(page_size=PAGE_SIZE)
    model.start(lambda before, limit: query.page(busy_log, boss, flt, before_seq=before, limit=limit))
    assert model.rowCount() == PAGE_SIZE and model.fetches == 1
    assert model.canFetchMore(QModelIndex())
    seqs = [model.data(model.index(r, AccessLogModel.COL_SEQ), ROW_ROLE).seq for r in range(PAGE_SIZE)]
    assert seqs == sorted(seqs, reverse=True)  # newest first
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    first_of_second = model.row_object(PAGE_SIZE).seq
    assert first_of_second == seqs[-1] - 1  # keyset: continues right below the last row
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    total = model.rowCount()
    assert total > ENTRIES and model.exhausted
    assert len({model.row_object(r).seq for r in range(total)}) == total
    assert model.headerData(AccessLogModel.COL_ACTION, Qt.Orientation.Horizontal) == "작업"


def test_viewer_opens_with_one_page_and_scrolling_fetches_more(qtbot, busy_log: AppContext, runner: TaskRunner,
                                                                boss: Actor) -> None:
    window, page = open_viewer(qtbot, busy_log, runner, boss)
    model = page.model
    assert 0 < model.rowCount() < ENTRIES
    assert model.fetches == 1
    assert "아래로 내리면 더 읽습니다" in page.status.text()
    assert model.row_object(0).action == "login"  # the newest before this look: the officer's login
    assert model.data(model.index(0, AccessLogModel.COL_ACTION)) == "로그인"
    views = query.page(busy_log, boss, query.LogFilter(subject="access_log"))
    assert views and views[0].action == "view"  # opening the viewer is itself logged
    assert model.data(model.index(0, AccessLogModel.COL_OUTCOME)) == "성공"
    assert len(model.data(model.index(0, AccessLogModel.COL_AT))) == 19  # YYYY-MM-DD HH:MM:SS KST

    before = model.rowCount()
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > before, timeout=5_000)
    assert model.fetches >= 2
    for _ in range(20):
        page.table.scrollToBottom()
        qtbot.wait(10)
        if model.exhausted:
            break
    assert model.exhausted and model.rowCount() > ENTRIES
    assert page.status.text() == f"{model.rowCount()}건"
    window.close()
    settle(qtbot, runner)


def test_filters_by_action_account_subject_and_period(qtbot, busy_log: AppContext, runner: TaskRunner,
                                                       boss: Actor) -> None:
    window, page = open_viewer(qtbot, busy_log, runner, boss)
    index = page.action_combo.findData("login")
    assert index > 0 and page.action_combo.itemText(index) == "로그인"
    page.action_combo.setCurrentIndex(index)
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    rows = page.model.rows()
    assert rows and {r.action for r in rows} == {"login"} and page.model.exhausted

    page.action_combo.setCurrentIndex(0)
    page.subject_edit.setText("patient:7")
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    assert [r.subject for r in page.model.rows()] == ["patient:7"]

    page.subject_edit.clear()
    page.actor_edit.setText(OFFICER_LOGIN)
    page.period.enabled.setChecked(True)
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    rows = page.model.rows()
    assert rows and {r.actor for r in rows} == {OFFICER_LOGIN}

    page.actor_edit.setText("nobody")
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0 and page.status.text() == "0건"
    window.close()
    settle(qtbot, runner)


def test_export_of_the_filtered_view_is_written_and_logged(qtbot, busy_log: AppContext, runner: TaskRunner,
                                                            boss: Actor, tmp_path: Path) -> None:
    window, page = open_viewer(qtbot, busy_log, runner, boss)
    assert page.export_button is not None and page.verify_button is not None
    page.subject_edit.setText("patient:42")
    out = tmp_path / "log.csv"
    page.export_to(out)
    settle(qtbot, runner)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][0] == "번호" and len(lines) == 2 and lines[1][6] == "patient:42"
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "1건" in boxes[-1].text()
    exports = query.page(busy_log, boss, query.LogFilter(action="export"))
    assert len(exports) == 1 and exports[0].actor == OFFICER_LOGIN and "patient:42" in (exports[0].detail or "")
    window.close()
    settle(qtbot, runner)


def test_verify_button_shows_the_result(qtbot, busy_log: AppContext, runner: TaskRunner, boss: Actor) -> None:
    window, page = open_viewer(qtbot, busy_log, runner, boss)
    assert page.verify_button is not None
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert page.last_verify is not None and page.last_verify.ok
    assert page.last_verify.checked > ENTRIES
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "위·변조가 없습니다" in boxes[-1].text()
    assert page.verify_button.isEnabled()
    window.close()
    settle(qtbot, runner)


def test_auditor_sees_the_log_but_no_account_management(qtbot, ctx: AppContext, runner: TaskRunner,
                                                         boss: Actor) -> None:
    _, otp = users.add_account(ctx, boss, login="audit", name="감사인", roles=[AUDITOR])
    auditor = users.change_password(ctx, users.login(ctx, "audit", otp), otp, "Checker-pass1")
    window, page = open_viewer(qtbot, ctx, runner, auditor)
    assert window.page_keys() == ["me", "cctv", "incidents", "complaints", "access_log", "review",
                                  "permission_history"]  # read-only (and the monthly review)
    assert page.model.rowCount() > 0
    assert page.verify_button is not None and page.export_button is not None
    window.close()
    settle(qtbot, runner)

    _, otp = users.add_account(ctx, boss, login="desk", name="접수", roles=[INTAKE])
    desk = users.change_password(ctx, users.login(ctx, "desk", otp), otp, "Intake-pass1")
    window = MainWindow(ctx, runner, desk, idle_timeout_ms=0)
    qtbot.addWidget(window)
    assert "access_log" not in window.page_keys()
    window.close()
    settle(qtbot, runner)
