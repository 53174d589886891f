"""A base for the registry table models (표 모델): column constants, a sort role, a row-object role.

Each screen has one model subclass listing its columns. A :class:`RowTableModel` sorts itself
(``sort``, called by the view on a header click): by the column's real value (``Column.sort``:
dates as dates, numbers as numbers), text by Korean collation, the use case's order again for
column -1; selections follow the rows, and :func:`selected_row`/:func:`select_where` keep working
on the view that shows the model directly. A :class:`KeysetTableModel` is ordered by the server
(one page at a time); it does not sort the loaded rows, and its headers say so. Actions read the
selected row's object through :data:`ROW_ROLE`. Models never touch the database: they are filled
with the rows a use case returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QCoreApplication,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QTableView, QWidget

from privdesk.errors import PrivdeskError
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.tasks import TaskRunner

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column[R]:
    """One column: its header (source text, translated in the model's context), how it shows and sorts."""

    header: str
    display: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    align_right: bool = False
    tip: str = ""  # the header's tooltip (source text, translated in the model's context)


KIT_CONTEXT = "TableKit"
SERVER_ORDER_TIP = QT_TRANSLATE_NOOP(
    "TableKit",
    "이 표는 서버에서 정해진 순서로 나누어 읽습니다. 이 열로는 정렬할 수 없습니다.",
)

_collator: QCollator | None = None


def collation_key(text: str) -> Any:
    """How text sorts for people: Korean collation (가나다, then Latin without case), numbers in
    text by value ("2" before "10")."""
    global _collator
    if _collator is None:
        _collator = QCollator(QLocale("ko_KR"))
        _collator.setNumericMode(True)
        _collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return _collator.sortKey(text)


def _key(value: Any) -> Any:
    return collation_key(value) if isinstance(value, str) else value


class RowTableModel[R](QAbstractTableModel):
    """Rows of one dataclass type; subclasses set ``COLUMNS`` and the ``COL_*`` constants."""

    COLUMNS: Sequence[Column[Any]] = ()  # a model may set its own per instance (translated at run time)
    CONTEXT: ClassVar[str] = "TableModel"
    # the model sorts the rows it holds (False: the server orders them, see KeysetTableModel)
    CLIENT_SORT: ClassVar[bool] = True

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._unsorted: list[R] = []  # the use case's order, while the table is sorted
        self.sort_column = -1  # -1: the use case's order
        self.sort_order = Qt.SortOrder.AscendingOrder

    # -- filling --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._unsorted = list(rows)
        self._rows = self._sorted(self._unsorted)
        self.endResetModel()

    def append_rows(self, rows: Sequence[R]) -> None:
        if not rows:
            return
        if self.CLIENT_SORT and self.sort_column >= 0:  # a sorted table: new rows go where they belong
            self.beginResetModel()
            self._unsorted.extend(rows)
            self._rows = self._sorted(self._unsorted)
            self.endResetModel()
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # -- sorting (a header click) -----------------------------------------------------------
    def sortable(self, column: int) -> bool:
        """Whether a header click on ``column`` sorts (every column of a row model does)."""
        return 0 <= column < len(self.COLUMNS)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= 0 and not self.sortable(column):
            return
        self.layoutAboutToBeChanged.emit()
        if self.sort_column < 0:
            self._unsorted = list(self._rows)
        old = self._rows
        self.sort_column, self.sort_order = column, order
        self._rows = self._sorted(self._unsorted)
        places: dict[int, list[int]] = {}
        for i, row in reversed(list(enumerate(self._rows))):
            places.setdefault(id(row), []).append(i)
        moved = [places[id(row)].pop() for row in old]
        before = self.persistentIndexList()
        after = [self.index(moved[ix.row()], ix.column()) if ix.row() < len(moved) else ix for ix in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[R]) -> list[R]:
        if not self.CLIENT_SORT or not 0 <= self.sort_column < len(self.COLUMNS):
            return list(rows)
        column = self.COLUMNS[self.sort_column]
        pick = column.sort if column.sort is not None else column.display
        keyed = [(pick(r), r) for r in rows]
        present = [(k, r) for k, r in keyed if k is not None and k != ""]
        empty = [r for k, r in keyed if k is None or k == ""]
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        try:
            present.sort(key=lambda kr: _key(kr[0]), reverse=descending)
        except TypeError:  # mixed kinds of value in one column: by their text
            present.sort(key=lambda kr: collation_key(str(kr[0])), reverse=descending)
        return [r for _k, r in present] + empty  # empty cells last, either way

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_object(self, row: int) -> R:
        return self._rows[row]

    # -- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            return column.display(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.display(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section].header)
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            column = self.COLUMNS[section]
            tips = [QCoreApplication.translate(self.CONTEXT, column.tip)] if column.tip else []
            if not self.sortable(section):
                tips.append(QCoreApplication.translate(KIT_CONTEXT, SERVER_ORDER_TIP))
            return "\n".join(tips) or None
        return None


class KeysetTableModel[R](RowTableModel[R]):
    """A lazy model over a keyset-paged use case, newest first (접속기록, 관리대장 …).

    ``fetcher(before_key, limit)`` returns the next page; ``row_key`` gives a row's key. Qt asks
    for more through ``canFetchMore``/``fetchMore`` as the view scrolls, so a table of millions of
    rows opens with one page in memory. Every page — the first included — is read on the task
    runner, never on the GUI thread (a page read is a use case: a transaction and an access-log
    append): ``canFetchMore`` is False while one is in flight, the rows are appended when it
    returns, and a page of an earlier ``start`` (the filter changed meanwhile) is dropped. A known
    error ends the paging and is reported through ``fetch_failed``; ``fetched`` follows every
    fetch so status lines can update."""

    fetch_failed = Signal(object)
    fetched = Signal()
    # the column and direction the pages come in (shown as the header's sort indicator), if any
    SERVER_ORDER: ClassVar[tuple[int, Qt.SortOrder] | None] = None
    CLIENT_SORT = False

    def sortable(self, column: int) -> bool:
        return False  # millions of rows, read a page at a time: the server's order only

    def __init__(
        self,
        row_key: Callable[[R], int],
        parent: Any = None,
        page_size: int = 200,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.runner = runner
        # the widget whose deletion makes late pages irrelevant (the page the model belongs to)
        self.owner: QWidget | None = parent if isinstance(parent, QWidget) else None
        self._row_key = row_key
        self._fetcher: Callable[[int | None, int], Sequence[R]] | None = None
        self._exhausted = True
        self._loading = False
        self._generation = 0
        self.fetches = 0

    def start(self, fetcher: Callable[[int | None, int], Sequence[R]] | None) -> None:
        """Forget the loaded rows and start over with a new filter; asks for the first page."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._fetcher = fetcher
        self._exhausted = fetcher is None
        self._loading = False
        self.fetches = 0
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    @property
    def loading(self) -> bool:
        """A page is being read."""
        return self._loading

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetcher is None:
            return
        if self.runner is None:
            raise RuntimeError("KeysetTableModel reads its pages on a TaskRunner: pass runner=")
        self._loading = True
        generation, fetcher, limit = self._generation, self._fetcher, self.page_size
        before = self._row_key(self._rows[-1]) if self._rows else None
        self.runner.run(
            lambda: list(fetcher(before, limit)),
            owner=self.owner,
            on_done=lambda rows: self._arrived(generation, rows),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def _arrived(self, generation: int, rows: list[R]) -> None:
        if generation != self._generation:
            return  # a page of an earlier filter: nobody shows it any more
        self._loading = False
        self.fetches += 1
        if len(rows) < self.page_size:
            self._exhausted = True
        self.append_rows(rows)
        self.fetched.emit()

    def _failed(self, generation: int, exc: BaseException) -> bool:
        if generation != self._generation:
            return True  # nobody waits for it any more
        self._loading = False
        self._exhausted = True
        if isinstance(exc, PrivdeskError):
            self.fetch_failed.emit(exc)
            self.fetched.emit()
            return True  # the page shows it (fetch_failed)
        self.fetched.emit()
        return False  # a bug: the runner hands it to the crash handler


def selected_row[R](view: QTableView, model: RowTableModel[R]) -> R | None:
    """The record of the (first) selected row of ``view``, which shows ``model`` directly."""
    rows = view.selectionModel().selectedRows()
    return model.row_object(rows[0].row()) if rows else None


def select_where[R](view: QTableView, model: RowTableModel[R], match: Callable[[R], bool]) -> bool:
    """Select and show the first row whose record ``match``es; False when there is none."""
    for row, record in enumerate(model.rows()):
        if match(record):
            index = model.index(row, 0)
            view.selectionModel().select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            view.scrollTo(index)
            return True
    return False
