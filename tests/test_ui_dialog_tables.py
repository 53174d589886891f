"""The tables inside the request dialogs go through the kit (RowTableModel + record_table): the CCTV
request's 영상 현황 / 보존 연장 / 처리 이력 and the data-subject request's 처리 이력 sort on a header
click by the column's value, and keep their widths and sort when the dialog is opened again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from privdesk import clock
from privdesk.accounts.permissions import FACILITY
from privdesk.cctv import requests as cctv_requests
from privdesk.context import Actor, AppContext
from privdesk.ui.cctv.request import FootageModel, HoldsModel, RequestDetailDialog
from privdesk.ui.tables import memory_of
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.workflow import HistoryModel
from tests.test_ui_tables import click_header, indicator, open_requests, texts
from tests.ui_cctv_support import close, open_cctv, request_input, staff
from tests.ui_patients_support import boss_fixture, runner_fixture, settle

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)
__all__ = ["boss_fixture", "runner_fixture"]


def _open_cctv_detail(qtbot, page, runner: TaskRunner, rid: int) -> RequestDetailDialog:  # type: ignore[no-untyped-def]
    assert page.inbox.select(rid)
    qtbot.mouseClick(page.inbox.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    detail = page.inbox.detail
    assert isinstance(detail, RequestDetailDialog) and detail.detail is not None
    return detail


def test_the_cctv_request_tables_sort_and_remember(qtbot, ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    fac = staff(ctx, "fac51", [FACILITY])
    start = dt.datetime.combine(clock.today_kst() - dt.timedelta(days=4), dt.time(10), tzinfo=clock.KST)
    d = cctv_requests.receive_request(
        ctx, fac, request_input(window_start=start, window_end=start + dt.timedelta(days=2))
    )
    win, page = open_cctv(qtbot, ctx, runner, fac)
    detail = _open_cctv_detail(qtbot, page, runner, d.id)
    footage = detail.footage_table
    assert isinstance(footage, QTableView) and isinstance(footage.model(), FootageModel)
    assert isinstance(detail.holds_table.model(), HoldsModel)
    assert isinstance(detail.history_table.model(), HistoryModel)
    for table in (footage, detail.holds_table, detail.history_table):
        assert memory_of(table) is not None  # sized and remembered through the kit
    detail.side.setCurrentWidget(footage)
    qtbot.waitUntil(footage.isVisible, timeout=5_000)
    assert footage.model().rowCount() == 6  # two cameras, three days
    assert texts(footage, 0) == ["CAM-02"] * 3 + ["CAM-07"] * 3  # the use case's order

    click_header(qtbot, footage, 1)  # 날짜
    days = texts(footage, 1)
    assert days == sorted(days) and days[0] == days[1]
    click_header(qtbot, footage, 1)
    assert texts(footage, 1) == sorted(days, reverse=True)
    footage.horizontalHeader().resizeSection(0, 177)
    key = memory_of(footage).key  # type: ignore[union-attr]
    assert key.endswith("/footageTable")
    detail.reject()
    settle(qtbot, runner)

    again = _open_cctv_detail(qtbot, page, runner, d.id)
    again.side.setCurrentWidget(again.footage_table)
    qtbot.waitUntil(again.footage_table.isVisible, timeout=5_000)
    assert indicator(again.footage_table) == (1, Qt.SortOrder.DescendingOrder)
    assert texts(again.footage_table, 1) == sorted(days, reverse=True)
    assert again.footage_table.horizontalHeader().sectionSize(0) == 177
    again.reject()
    close(qtbot, win, runner)


def test_the_request_history_sorts_and_keeps_its_sort(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    from tests.test_ui_requests import member_request, open_detail

    req = member_request(ctx, boss, days_ago=2, name="홍길동")
    win, page = open_requests(qtbot, ctx, runner, boss)
    detail = open_detail(qtbot, page, runner, req.id)
    table = detail.history_table
    assert isinstance(table, QTableView) and isinstance(table.model(), HistoryModel)
    kit = memory_of(table)
    assert kit is not None and kit.key.endswith("/historyTable")
    qtbot.waitUntil(lambda: table.model().rowCount() >= 1, timeout=15_000)
    assert "접수" in " ".join(texts(table, 2))
    click_header(qtbot, table, 0)  # 일시: oldest first, then newest first
    click_header(qtbot, table, 0)
    assert indicator(table) == (0, Qt.SortOrder.DescendingOrder)
    shown = texts(table, 0)
    assert shown == sorted(shown, reverse=True)
    detail.reject()
    settle(qtbot, runner)

    again = open_detail(qtbot, page, runner, req.id)
    assert indicator(again.history_table) == (0, Qt.SortOrder.DescendingOrder)  # remembered
    again.reject()
    close(qtbot, win, runner)


def test_the_conflict_and_notices_tables_are_sized_by_the_kit_but_keep_their_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Left as QTableWidget (the form's field order; per-row buttons) but sized, with a cut value in
    full as a tooltip, and remembered through ui.tables; a header click does not reorder them."""
    from privdesk.errors import VersionConflictError
    from privdesk.ui.registry.form import ConflictDialog
    from privdesk.ui.requests.parts import NoticesTable

    long_address = "서울특별시 관악구 봉천로 " + "가" * 300
    dialog = ConflictDialog(
        VersionConflictError(
            "patients", "1001", 1, 2, {"name": ("홍길동", "홍길순"), "address": ("서울", long_address)}
        )
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    kit = memory_of(table)
    assert kit is not None and kit.key.endswith("/changes")
    assert not table.isSortingEnabled()
    before = [table.item(r, 0).text() for r in range(table.rowCount())]
    click_header(qtbot, table, 0)
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == before  # the form's order

    notices = NoticesTable()
    qtbot.addWidget(notices)
    assert memory_of(notices) is not None and not notices.isSortingEnabled()
