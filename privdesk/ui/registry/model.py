"""Table models of the patient registry screen (환자 명부 표 모델).

:class:`PatientSearchModel` holds one search's results and never the whole registry: it starts
with the first keyset page of the ``search`` use case and asks for the next page (after the
last row's cursor) only when the view needs more rows (``canFetchMore`` / ``fetchMore``). Pages
are read off the GUI thread through the :class:`~privdesk.ui.tasks.TaskRunner`; a page that
arrives for an older search (the user kept typing) is dropped. Rows stay in the use case's order
(name, then birth date) and every value in them is already masked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from privdesk.registry.patients import IntakeRow
from privdesk.registry.search import PatientRow, SearchCursor, SearchKind, SearchPage
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

Fetcher = Callable[[SearchCursor | None, int], SearchPage]
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
    COL_CHART, COL_NAME, COL_BIRTH, COL_SEX, COL_RRN, COL_PHONE, COL_LAST_VISIT, COL_HOLD = range(8)

    fetched = Signal()  # a page arrived (the status line follows it)
    fetch_failed = Signal(object)  # the use case refused or failed; the runner shows the error

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

    # -- lazy loading -------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetcher is None:
            return
        self._loading = True
        generation, fetcher, after, limit = self._generation, self._fetcher, self._cursor, self.page_size
        self.runner.run(
            lambda: fetcher(after, limit),
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
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self.append_rows(page.rows)
        self.fetched.emit()

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
