"""Table models of the patient registry screen (환자 명부 표 모델).

:class:`PatientSearchModel` holds one search's results and never the whole registry: it starts
with the first keyset page of the ``search`` use case and asks for the next page (after the
last row's cursor) only when the view needs more rows (``canFetchMore`` / ``fetchMore``). Pages
are read off the GUI thread through the :class:`~privdesk.ui.tasks.TaskRunner`; a page that
arrives for an older search (the user kept typing) is dropped. Rows stay in the use case's order
and every value in them is already masked. A header click asks the server for another order
(차트번호, 이름, 생년월일: index walks; a name or 초성 search by name only) and starts over; the
other columns cannot order a registry of millions and say so in their header tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from privdesk.registry.patients import IntakeRow
from privdesk.registry.search import NAME_KINDS, PatientRow, SearchCursor, SearchKind, SearchOrder, SearchPage
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.tablemodel import Column, RowTableModel
from privdesk.ui.tasks import TaskRunner

CTX = "PatientsModel"
PAGE_SIZE = 100

SEX_LABELS = {"M": QT_TRANSLATE_NOOP("PatientsModel", "남"), "F": QT_TRANSLATE_NOOP("PatientsModel", "여")}
KIND_LABELS = {
    SearchKind.ALL: QT_TRANSLATE_NOOP("PatientsModel", "전체 (이름순)"),
    SearchKind.CHOSUNG: QT_TRANSLATE_NOOP("PatientsModel", "초성"),
    SearchKind.NAME_PREFIX: QT_TRANSLATE_NOOP("PatientsModel", "이름"),
    SearchKind.CHART_NO: QT_TRANSLATE_NOOP("PatientsModel", "차트번호"),
    SearchKind.RRN: QT_TRANSLATE_NOOP("PatientsModel", "주민등록번호"),
    SearchKind.PHONE: QT_TRANSLATE_NOOP("PatientsModel", "전화번호"),
    SearchKind.PHONE_LAST4: QT_TRANSLATE_NOOP("PatientsModel", "전화번호 끝 4자리"),
    SearchKind.BIRTH_DATE: QT_TRANSLATE_NOOP("PatientsModel", "생년월일"),
}

Fetcher = Callable[[SearchCursor | None, int, SearchOrder, bool], SearchPage]

NAME_ONLY_TIP = QT_TRANSLATE_NOOP(
    "PatientsModel",
    "이름·초성 검색의 결과는 이름순으로만 나옵니다. 다른 순서는 전체 목록이나 다른 검색에서 고르십시오.",
)
ENCRYPTED_TIP = QT_TRANSLATE_NOOP("PatientsModel", "암호화된 값이라 이 열로는 정렬할 수 없습니다.")
NO_INDEX_TIP = QT_TRANSLATE_NOOP(
    "PatientsModel", "환자 명부 전체를 이 열로 정렬할 색인이 없어 정렬할 수 없습니다."
)
Index = QModelIndex | QPersistentModelIndex


def sex_label(code: str) -> str:
    source = SEX_LABELS.get(code)
    return QCoreApplication.translate(CTX, source) if source else code


def kind_label(kind: SearchKind | None) -> str:
    source = KIND_LABELS.get(kind) if kind is not None else None
    return QCoreApplication.translate(CTX, source) if source else ""


class PatientSearchModel(RowTableModel[PatientRow]):
    """One search's results, one keyset page at a time (see the module docstring)."""

    CONTEXT = CTX
    CLIENT_SORT = False  # the server orders the rows (see sort)
    COL_CHART, COL_NAME, COL_BIRTH, COL_SEX, COL_RRN, COL_PHONE, COL_LAST_VISIT, COL_HOLD = range(8)

    fetched = Signal()  # a page arrived (the status line follows it)
    fetch_failed = Signal(object)  # the use case refused or failed; the runner shows the error
    server_order_changed = Signal(int, object)  # the rows came in another order than asked

    def __init__(self, runner: TaskRunner, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.runner = runner
        self.page_size = page_size
        self.owner: Any = None  # the widget whose deletion makes late pages irrelevant
        self.kind: SearchKind | None = None
        self.fetches = 0
        self._fetcher: Fetcher | None = None
        self._cursor: SearchCursor | None = None
        self._exhausted = True
        self._loading = False
        self._generation = 0
        self.sort_column, self.sort_order = self.COL_NAME, Qt.SortOrder.AscendingOrder
        self.COLUMNS = (
            Column(QT_TRANSLATE_NOOP("PatientsModel", "차트번호"), lambda r: r.chart_no),
            Column(QT_TRANSLATE_NOOP("PatientsModel", "이름"), lambda r: r.name),
            Column(QT_TRANSLATE_NOOP("PatientsModel", "생년월일"), lambda r: r.birth_date.isoformat()),
            Column(QT_TRANSLATE_NOOP("PatientsModel", "성별"), lambda r: sex_label(r.sex)),
            Column(QT_TRANSLATE_NOOP("PatientsModel", "주민등록번호"), lambda r: r.rrn_masked),
            Column(QT_TRANSLATE_NOOP("PatientsModel", "연락처"), lambda r: r.phone_masked),
            Column(QT_TRANSLATE_NOOP("PatientsModel", "최종 내원일"), lambda r: r.last_visit.isoformat()),
            Column(
                QT_TRANSLATE_NOOP("PatientsModel", "처리정지"),
                lambda r: QCoreApplication.translate("PatientsModel", "정지") if r.hold else "",
            ),
        )

    # -- a new search -------------------------------------------------------------------------
    def start(self, fetcher: Fetcher | None) -> None:
        """Forget the rows and start a new search; the first page is requested at once."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._fetcher = fetcher
        self._cursor = None
        self._exhausted = fetcher is None
        self._loading = False
        self.kind = None
        self.fetches = 0
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    @property
    def loading(self) -> bool:
        return self._loading

    # -- order (the server's) -----------------------------------------------------------------
    ORDERS: ClassVar[dict[int, SearchOrder]] = {
        COL_CHART: SearchOrder.CHART_NO,
        COL_NAME: SearchOrder.NAME,
        COL_BIRTH: SearchOrder.BIRTH_DATE,
    }

    @property
    def order(self) -> SearchOrder:
        return self.ORDERS.get(self.sort_column, SearchOrder.NAME)

    @property
    def descending(self) -> bool:
        return self.sort_order == Qt.SortOrder.DescendingOrder

    def sortable(self, column: int) -> bool:
        if self.kind in NAME_KINDS:
            return column == self.COL_NAME
        return column in self.ORDERS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the same search again, in the order the server can give."""
        if column < 0 or not self.sortable(column) or (column, order) == (self.sort_column, self.sort_order):
            return
        self.sort_column, self.sort_order = column, order
        kind = self.kind
        self.start(self._fetcher)
        self.kind = kind  # still the same search until its first page says otherwise

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            if section in self.ORDERS:
                return None if self.sortable(section) else QCoreApplication.translate(CTX, NAME_ONLY_TIP)
            if section in (self.COL_RRN, self.COL_PHONE):
                return QCoreApplication.translate(CTX, ENCRYPTED_TIP)
            return QCoreApplication.translate(CTX, NO_INDEX_TIP)
        return super().headerData(section, orientation, role)

    # -- lazy loading -------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetcher is None:
            return
        self._loading = True
        generation, fetcher, after, limit = self._generation, self._fetcher, self._cursor, self.page_size
        order, descending = self.order, self.descending
        self.runner.run(
            lambda: fetcher(after, limit, order, descending),
            owner=self.owner,
            on_done=lambda page: self._arrived(generation, page),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def _arrived(self, generation: int, page: SearchPage) -> None:
        if generation != self._generation:
            return  # an older search's page: the user typed on
        self._loading = False
        self.fetches += 1
        self.kind = page.kind
        self._server_order(page.order, page.descending)
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self.append_rows(page.rows)
        self.fetched.emit()

    def _server_order(self, order: SearchOrder, descending: bool) -> None:
        """The order the page is really in (a name search answers in name order)."""
        column = next(c for c, o in self.ORDERS.items() if o is order)
        sort = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        if (column, sort) != (self.sort_column, self.sort_order):
            self.sort_column, self.sort_order = column, sort
            self.server_order_changed.emit(column, sort)

    def _failed(self, generation: int, exc: BaseException) -> bool:
        if generation != self._generation:
            return True  # nobody waits for it any more
        self._loading = False
        self._exhausted = True
        self.fetch_failed.emit(exc)
        self.fetched.emit()
        return False  # the runner shows it (a known error in Korean, a bug in the crash dialog)

    # -- presentation -------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and 0 <= index.row() < len(self._rows)
            and self._rows[index.row()].hold
        ):
            return Qt.GlobalColor.darkRed
        return super().data(index, role)

    def row_of(self, patient_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == patient_id:
                return i
        return -1


class IntakeModel(RowTableModel[IntakeRow]):
    """The detail panel's intake history (진료 접수 이력), newest first as the use case returns it."""

    CONTEXT = "IntakeModel"
    COL_DATE, COL_DEPARTMENT, COL_PURPOSE, COL_STAFF = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (
            Column(QT_TRANSLATE_NOOP("IntakeModel", "접수일"), lambda r: r.visit_date.isoformat()),
            Column(QT_TRANSLATE_NOOP("IntakeModel", "진료과"), lambda r: r.department),
            Column(QT_TRANSLATE_NOOP("IntakeModel", "목적"), lambda r: r.purpose),
            Column(QT_TRANSLATE_NOOP("IntakeModel", "담당"), lambda r: r.staff_label or r.staff_login),
        )
