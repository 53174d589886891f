"""Tables that sort, size and remember; a window that remembers (issue 14) — real widgets on a real
database: a header click sorts (the patient table on the server, a request inbox and the disclosure
ledger in the model), columns fit their content, widths/order/sort survive rebuilding the page, a
saved state for another number of columns is ignored, and the window's geometry, splitters and last
page survive a restart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QSplitter, QTableView, QToolTip

from privdesk import clock
from privdesk.accounts.permissions import INTAKE, Permission
from privdesk.context import Actor, AppContext
from privdesk.disclosures import ledger
from privdesk.registry.sample import add_sample_patients
from privdesk.registry.search import SearchKind, SearchOrder, search
from privdesk.ui import memory
from privdesk.ui.disclosures import disclosures_page
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.pages import DEFAULT_PAGES, PageSpec
from privdesk.ui.registry.model import PatientSearchModel
from privdesk.ui.requests.page import RequestsModel, RequestsPage
from privdesk.ui.tablemodel import KeysetTableModel
from privdesk.ui.tables import cell_fits, memory_of
from privdesk.ui.tasks import TaskRunner
from tests.test_disclosures import police
from tests.test_ui_requests import member_request
from tests.ui_patients_support import (  # noqa: F401 (fixtures)
    boss_fixture,
    open_registry,
    register,
    rrn,
    runner_fixture,
    settle,
    staff,
    type_search,
    wait_search,
)

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",  # a tooltip, offscreen
)


# -- support ----------------------------------------------------------------------------------------
def click_header(qtbot, view: QTableView, column: int) -> None:  # type: ignore[no-untyped-def]
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def texts(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def indicator(view: QTableView) -> tuple[int, Qt.SortOrder]:
    header = view.horizontalHeader()
    return header.sortIndicatorSection(), header.sortIndicatorOrder()


def open_window(qtbot, ctx: AppContext, runner: TaskRunner, actor: Actor, pages=DEFAULT_PAGES) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx, runner, actor, pages=pages, idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.show()
    settle(qtbot, runner)
    return win


def open_requests(
    qtbot, ctx: AppContext, runner: TaskRunner, actor: Actor
) -> tuple[MainWindow, RequestsPage]:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, ctx, runner, actor)
    win.resize(1280, 800)
    page = win.show_page("requests")
    assert isinstance(page, RequestsPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=15_000)
    return win, page


def close(qtbot, win: MainWindow, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    win.close()
    settle(qtbot, runner)


# -- the patient table: ordered by the server ---------------------------------------------------------
def test_search_orders_by_chart_number_and_birth_date_either_way_across_pages(
    ctx: AppContext, boss: Actor
) -> None:
    add_sample_patients(ctx, boss, 23, seed=11)
    everyone = search(ctx, boss, "", limit=500).rows
    for order, key in (
        (SearchOrder.CHART_NO, lambda r: r.chart_no),
        (SearchOrder.BIRTH_DATE, lambda r: (r.birth_date, r.id)),
        (SearchOrder.NAME, lambda r: (r.name, r.birth_date, r.id)),
    ):
        for descending in (False, True):
            got, cursor = [], None
            while True:  # pages of 5: the keyset cursor follows the order
                page = search(ctx, boss, "", after=cursor, limit=5, order=order, descending=descending)
                assert page.order is order and page.descending is descending
                got.extend(page.rows)
                cursor = page.next_cursor
                if cursor is None:
                    break
            assert got == sorted(everyone, key=key, reverse=descending), (order, descending)
    # a name search walks its ranges in name order: it says so instead of pretending
    prefix = everyone[0].name[0]
    page = search(ctx, boss, prefix, order=SearchOrder.CHART_NO, descending=True)
    assert page.kind is SearchKind.NAME_PREFIX and page.order is SearchOrder.NAME and not page.descending


def test_patient_table_header_click_orders_on_the_server(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    add_sample_patients(ctx, boss, 30, seed=5)
    window, page = open_registry(qtbot, ctx, runner, boss)
    view, model = page.table, page.model
    assert indicator(view) == (PatientSearchModel.COL_NAME, Qt.SortOrder.AscendingOrder)

    def wait_new_order() -> None:
        wait_search(qtbot, page)
        settle(qtbot, runner)

    click_header(qtbot, view, PatientSearchModel.COL_CHART)
    wait_new_order()
    charts = texts(view, PatientSearchModel.COL_CHART)
    assert len(charts) == 30 and charts == sorted(charts)
    assert indicator(view) == (PatientSearchModel.COL_CHART, Qt.SortOrder.AscendingOrder)

    click_header(qtbot, view, PatientSearchModel.COL_CHART)
    wait_new_order()
    assert texts(view, PatientSearchModel.COL_CHART) == sorted(charts, reverse=True)

    click_header(qtbot, view, PatientSearchModel.COL_BIRTH)
    wait_new_order()
    births = texts(view, PatientSearchModel.COL_BIRTH)
    assert births == sorted(births) and births != texts(view, PatientSearchModel.COL_CHART)

    # an encrypted column cannot order the registry: nothing moves, the arrow stays, the tooltip says why
    fetches = model.fetches
    click_header(qtbot, view, PatientSearchModel.COL_PHONE)
    settle(qtbot, runner)
    assert model.fetches == fetches and texts(view, PatientSearchModel.COL_BIRTH) == births
    assert indicator(view) == (PatientSearchModel.COL_BIRTH, Qt.SortOrder.AscendingOrder)
    tip = model.headerData(
        PatientSearchModel.COL_PHONE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "암호화" in tip and "정렬할 수 없습니다" in tip

    # a name search answers in name order, and the arrow shows it; 차트번호 then says it cannot
    prefix = model.row_object(0).name[0]
    names = type_search(qtbot, page, prefix)
    assert model.kind is SearchKind.NAME_PREFIX and names == sorted(names)
    assert indicator(view) == (PatientSearchModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    click_header(qtbot, view, PatientSearchModel.COL_CHART)
    settle(qtbot, runner)
    assert indicator(view) == (PatientSearchModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    assert [r.name for r in model.rows()] == names
    tip = model.headerData(
        PatientSearchModel.COL_CHART, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "이름순으로만" in tip
    window.close()
    settle(qtbot, runner)


def test_patient_table_fits_foreign_names_and_tooltips_only_cut_text(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    register(ctx, boss, "F-0001", "BATBAYAR GANBOLD", rrn("900101512345"), phones=("010-2345-6789",))
    add_sample_patients(ctx, boss, 10, seed=2)
    window, page = open_registry(qtbot, ctx, runner, boss)
    window.resize(1280, 800)
    view = page.table
    row = next(i for i, r in enumerate(page.model.rows()) if r.chart_no == "F-0001")
    for column in range(PatientSearchModel.COL_HOLD):  # every column but the stretched last one
        assert cell_fits(view, row, column), column
    wide = view.columnWidth(PatientSearchModel.COL_NAME)
    assert wide > view.fontMetrics().horizontalAdvance("BATBAYAR GANBOLD")
    # the next search's short names do not narrow the column: it does not jump while one types
    register(ctx, boss, "S-0001", "이수", rrn("850505154321"))
    assert type_search(qtbot, page, "이수") == ["이수"]
    assert view.columnWidth(PatientSearchModel.COL_NAME) == wide
    type_search(qtbot, page, "")
    # a column cut narrower than its text: the cell no longer fits, so its tooltip will show
    view.setColumnWidth(PatientSearchModel.COL_NAME, 30)
    assert not cell_fits(view, row, PatientSearchModel.COL_NAME)
    window.close()
    settle(qtbot, runner)


# -- a request inbox and the disclosure ledger: sorted in the model -------------------------------------
def test_request_inbox_sorts_by_date_text_and_days_and_keeps_the_selection(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    member_request(ctx, boss, days_ago=3, name="홍길동")
    member_request(ctx, boss, days_ago=9, name="김민수")
    member_request(ctx, boss, days_ago=1, name="나영희")
    win, page = open_requests(qtbot, ctx, runner, boss)
    view = page.table
    received = RequestsModel.COL_RECEIVED
    assert indicator(view)[0] == -1  # at first: the use case's order

    click_header(qtbot, view, received)
    dates = texts(view, received)
    assert dates == sorted(dates) and len(set(dates)) == 3
    click_header(qtbot, view, received)
    assert texts(view, received) == sorted(dates, reverse=True)

    click_header(qtbot, view, RequestsModel.COL_SUBJECT)
    subjects = texts(view, RequestsModel.COL_SUBJECT)
    assert [s[0] for s in subjects] == ["김", "나", "홍"]  # 가나다 order (the cells are masked)

    # the selection follows its row through a sort
    view.selectRow(2)
    chosen = page.model.row_object(2)
    click_header(qtbot, view, received)
    rows = view.selectionModel().selectedRows()
    assert len(rows) == 1 and page.model.row_object(rows[0].row()) == chosen
    close(qtbot, win, runner)


DISCLOSURES = (PageSpec("disclosures", "제3자 제공", disclosures_page, (Permission.DISCLOSURE_WRITE,)),)


def test_disclosure_ledger_sorts_by_date_and_number_and_fits_its_cells(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    desk = staff(ctx, boss, "desk01", [INTAKE], "김원무")
    patient = register(ctx, boss, "C-0100", "홍길동", rrn("900101123456"))
    today = clock.today_kst()
    for i, days in enumerate((5, 40, 1, 12, 3, 20, 8, 2, 30, 15, 25)):  # 11: numbers 10 and 11 too
        ledger.record_disclosure(
            ctx, desk, police(patient.id, disclosed_on=today - dt.timedelta(days=days), document_no=f"D-{i}")
        )
    win = open_window(qtbot, ctx, runner, desk, DISCLOSURES)
    win.resize(1280, 800)
    page = win.show_page("disclosures")
    settle(qtbot, runner)
    view = page.ledger.table  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: view.model().rowCount() == 11, timeout=15_000)

    click_header(qtbot, view, 2)  # 이용·제공일
    dates = texts(view, 2)
    assert dates == sorted(dates)
    click_header(qtbot, view, 0)  # 번호: as numbers, not as text
    click_header(qtbot, view, 0)
    assert [int(n) for n in texts(view, 0)] == list(range(11, 0, -1))
    # the cells of the short columns show in full (the free-text ones are capped and tooltip)
    for column in (0, 1, 2, 3):
        assert cell_fits(view, 0, column), column
    close(qtbot, win, runner)


# -- memory ----------------------------------------------------------------------------------------------
def test_widths_order_and_sort_survive_rebuilding_the_page(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    for n, name in enumerate(("홍길동", "김민수", "나영희")):
        member_request(ctx, boss, days_ago=n + 1, name=name)
    win, page = open_requests(qtbot, ctx, runner, boss)
    header = page.table.horizontalHeader()
    header.resizeSection(RequestsModel.COL_SUBJECT, 251)
    header.moveSection(header.visualIndex(RequestsModel.COL_STATE), 0)
    click_header(qtbot, page.table, RequestsModel.COL_RECEIVED)
    click_header(qtbot, page.table, RequestsModel.COL_RECEIVED)
    shown = texts(page.table, RequestsModel.COL_RECEIVED)
    close(qtbot, win, runner)

    win, page = open_requests(qtbot, ctx, runner, boss)
    header = page.table.horizontalHeader()
    assert header.sectionSize(RequestsModel.COL_SUBJECT) == 251
    assert header.visualIndex(RequestsModel.COL_STATE) == 0
    assert indicator(page.table) == (RequestsModel.COL_RECEIVED, Qt.SortOrder.DescendingOrder)
    assert texts(page.table, RequestsModel.COL_RECEIVED) == shown == sorted(shown, reverse=True)
    close(qtbot, win, runner)

    # a saved state for another number of columns (an older version of the table): the defaults
    key = memory_of(page.table).key  # type: ignore[union-attr]
    assert key == "tables/RequestsPage/requestsTable"
    memory.write(f"{key}/columns", "7")
    win, page = open_requests(qtbot, ctx, runner, boss)
    header = page.table.horizontalHeader()
    assert header.sectionSize(RequestsModel.COL_SUBJECT) != 251
    assert header.visualIndex(RequestsModel.COL_STATE) == RequestsModel.COL_STATE
    assert indicator(page.table)[0] == -1
    assert all(cell_fits(page.table, 0, c) for c in range(RequestsModel.COL_STATE))
    close(qtbot, win, runner)


def test_geometry_splitters_and_last_page_survive_a_restart(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, ctx, runner, boss)
    assert win.current_page() is win.pages[win.landing]
    win.setGeometry(30, 40, 720, 560)  # within the offscreen screen (800×800)
    page = win.show_page("patients")
    settle(qtbot, runner)
    splitter = page.findChild(QSplitter)  # type: ignore[union-attr]
    splitter.setSizes([400, 600])
    sizes = splitter.sizes()
    geometry = win.geometry()
    close(qtbot, win, runner)

    win = open_window(qtbot, ctx, runner, boss)  # the next login of the same account
    assert win.geometry() == geometry
    assert win.current_page() is win.pages["patients"]
    assert win.pages["patients"].findChild(QSplitter).sizes() == sizes
    close(qtbot, win, runner)

    # another account's last page is its own; a page it may no longer open: its landing page
    clerk = staff(ctx, boss, "desk02", [INTAKE], "이원무")
    memory.set_last_page(clerk.login, "accounts")
    win = open_window(qtbot, ctx, runner, clerk)
    assert "accounts" not in win.page_keys() and win.current_page() is win.pages["patients"]
    close(qtbot, win, runner)


def test_a_window_saved_off_screen_comes_back_on_a_screen(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, ctx, runner, boss)
    win.setGeometry(9000, 7000, 900, 600)  # a second monitor since unplugged
    close(qtbot, win, runner)
    win = open_window(qtbot, ctx, runner, boss)
    assert memory.on_a_screen(win)
    close(qtbot, win, runner)


def test_every_table_of_every_page_uses_the_kit_under_a_name_unique_on_its_screen(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, ctx, runner, boss)
    assert set(win.page_keys()) == {spec.key for spec in DEFAULT_PAGES}  # the officer sees every page
    seen = 0
    for key in win.page_keys():
        page = win.show_page(key)
        settle(qtbot, runner)
        tables = [t for t in page.findChildren(QTableView) if type(t) is QTableView]  # type: ignore[union-attr]
        names = [t.objectName() for t in tables]
        assert all(names) and len(set(names)) == len(names), (key, names)
        for table in tables:
            kit = memory_of(table)
            assert kit is not None, (key, table.objectName())
            # a header click sorts, or the table is read in the server's order and says so
            server = isinstance(table.model(), KeysetTableModel)
            assert table.isSortingEnabled() != server, (key, table.objectName())
        seen += len(tables)
    assert seen >= 20
    close(qtbot, win, runner)


def test_the_settings_file_is_the_tests_own_or_beside_the_users_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert memory.settings_path() == tmp_path / "ui.ini"  # conftest: never the developer's file
    monkeypatch.delenv("PRIVDESK_UI_SETTINGS")
    from privdesk.settings import user_config_dir

    assert memory.settings_path() == user_config_dir() / "ui.ini"
    assert str(user_config_dir()).startswith(str(tmp_path))  # conftest's XDG_CONFIG_HOME
    memory.set_last_page("yook", "patients")
    memory.flush()
    text = (user_config_dir() / "ui.ini").read_text(encoding="utf-8")
    assert "patients" in text and "yook" not in text  # the account under a hash, not its login


def test_a_cut_cell_shows_its_text_as_a_tooltip_and_a_whole_one_does_not(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    member_request(ctx, boss, days_ago=2, name="홍길동")
    win, page = open_requests(qtbot, ctx, runner, boss)
    view = page.table
    QToolTip.hideText()

    def tip_at(column: int) -> str:
        rect = view.visualRect(view.model().index(0, column))
        event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.viewport().mapToGlobal(rect.center()))
        QApplication.sendEvent(view.viewport(), event)
        return QToolTip.text() if QToolTip.isVisible() else ""

    assert cell_fits(view, 0, RequestsModel.COL_NUMBER)
    assert tip_at(RequestsModel.COL_NUMBER) == ""
    number = page.model.row_object(0).number
    view.setColumnWidth(RequestsModel.COL_NUMBER, 24)
    assert not cell_fits(view, 0, RequestsModel.COL_NUMBER)
    assert tip_at(RequestsModel.COL_NUMBER) == number
    QToolTip.hideText()
    close(qtbot, win, runner)


def test_the_header_menu_hides_columns_and_puts_a_table_back_as_it_first_was(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    for n, name in enumerate(("홍길동", "김민수")):
        member_request(ctx, boss, days_ago=n + 1, name=name)
    win, page = open_requests(qtbot, ctx, runner, boss)
    header = page.table.horizontalHeader()
    fitted = header.sectionSize(RequestsModel.COL_SUBJECT)
    header.resizeSection(RequestsModel.COL_SUBJECT, fitted + 120)
    header.moveSection(header.visualIndex(RequestsModel.COL_STATE), 0)
    click_header(qtbot, page.table, RequestsModel.COL_SUBJECT)
    key = memory_of(page.table).key  # type: ignore[union-attr]
    assert memory.read_bytes(f"{key}/state") is not None

    kit = memory_of(page.table)
    assert kit is not None
    menu = kit.menu()
    (hide,) = [a for a in menu.actions() if a.objectName() == f"column_{RequestsModel.COL_REQUESTER}"]
    assert hide.text() == "요구인" and hide.isChecked()
    hide.trigger()  # the user hides a column: remembered with the rest
    assert header.isSectionHidden(RequestsModel.COL_REQUESTER)
    close(qtbot, win, runner)
    win, page = open_requests(qtbot, ctx, runner, boss)
    header = page.table.horizontalHeader()
    assert header.isSectionHidden(RequestsModel.COL_REQUESTER)
    assert header.visualIndex(RequestsModel.COL_STATE) == 0

    menu = memory_of(page.table).menu()  # type: ignore[union-attr]
    (reset,) = [a for a in menu.actions() if a.objectName() == "resetColumns"]
    assert reset.text() == "열 너비·순서 처음대로"
    reset.trigger()
    assert not header.isSectionHidden(RequestsModel.COL_REQUESTER)
    assert header.sectionSize(RequestsModel.COL_SUBJECT) == fitted
    assert [header.visualIndex(c) for c in range(header.count())] == list(range(header.count()))
    assert indicator(page.table)[0] == -1 and memory.read_bytes(f"{key}/state") is None
    close(qtbot, win, runner)


def test_every_order_of_the_patient_search_walks_an_index(sqlite_ctx: AppContext) -> None:
    """No order sorts the registry on the fly (SQLite's plan has no temporary B-tree), either way."""
    from privdesk.registry import search as search_module

    after = search_module.SearchCursor("홍", dt.date(1990, 1, 1), 5, "C-0001")
    for order in SearchOrder:
        for descending in (False, True):
            for cursor in (None, after):
                stmt = search_module._page(search_module._base(), cursor, 50, order, descending)
                sql = str(stmt.compile(sqlite_ctx.engine, compile_kwargs={"literal_binds": True}))
                with sqlite_ctx.engine.connect() as conn:
                    plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
                assert "TEMP B-TREE" not in plan and "USING INDEX" in plan, (order, descending, plan)
