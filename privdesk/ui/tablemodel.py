"""A base for the registry table models (표 모델): column constants, a sort role, a row-object role.

Each screen has one model subclass listing its columns; the view sorts through a
:class:`QSortFilterProxyModel` on :data:`SORT_ROLE`, and actions read the selected row's object
through :data:`ROW_ROLE`. Models never touch the database: they are filled with the rows a use
case returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QTableView, QWidget

from privdesk.errors import PrivdeskError
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


class RowTableModel[R](QAbstractTableModel):
    """Rows of one dataclass type; subclasses set ``COLUMNS`` and the ``COL_*`` constants."""

    COLUMNS: Sequence[Column[Any]] = ()  # a model may set its own per instance (translated at run time)
    CONTEXT: ClassVar[str] = "TableModel"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    # -- filling --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[R]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

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
