"""Tables that sort, size and remember (표 도구): one call, :func:`remember_table`, for every table.

- **Sorting** on a header click. A :class:`~privdesk.ui.tablemodel.RowTableModel` sorts itself
  by the column's real value; a model that can only be ordered by its server (the patient search,
  the keyset logs) sorts where ``model.sortable(column)`` says so, and a click on any other column
  leaves the order — and the header's arrow — as they were (the header tooltip says why). A
  :class:`~privdesk.ui.tablemodel.KeysetTableModel` shows the server's order as the arrow and its
  headers are not clickable. A sort proxy (``QSortFilterProxyModel``) keeps sorting as it did.
- **Sizing**: columns fit their content (capped at :data:`MAX_COLUMN_WIDTH`; the last column
  stretches) when the table first shows and whenever new rows arrive — until the user resizes or
  moves a column; then the user's widths stay. A cell whose text does not fit shows it in full as
  a tooltip (and only then).
- **Memory**: widths, order and sort column/direction (``QHeaderView.saveState``) per table, by
  the table's objectName within its screen (the nearest page or dialog), in
  :mod:`privdesk.ui.memory`; restored at the table's first show when the column count still
  matches, else the defaults. The header's context menu shows or hides columns (remembered too)
  and puts a table back as it first was (열 너비·순서 처음대로).
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from privdesk.ui import memory
from privdesk.ui.tablemodel import KeysetTableModel, RowTableModel

MAX_COLUMN_WIDTH = 360  # px: a longer cell is cut and shows in full as a tooltip
READABLE_WIDTH = 110  # px: a column narrowed to fit the table keeps at least this (or its content)
STATE_VERSION = 1


class FullTextTips(QStyledItemDelegate):
    """Shows a cell's tooltip only when the cell cuts its text (or the tooltip says more)."""

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid():
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if tip is None or str(tip) == "" or (str(tip) == str(text) and fits(view, option, index)):
                QToolTip.hideText()
                event.ignore()
                return True
        return super().helpEvent(event, view, option, index)


def fits(
    view: QAbstractItemView, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
) -> bool:
    """Whether the cell shows its whole text (one line, within the column)."""
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    if "\n" in text:
        return False
    opt = QStyleOptionViewItem(option)
    opt.text = text
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, opt, view) + 1
    return opt.fontMetrics.horizontalAdvance(text) + 2 * margin <= option.rect.width()


def cell_fits(view: QTableView, row: int, column: int) -> bool:
    """Whether the cell at (row, column) of ``view`` shows its whole text (for tests and checks)."""
    index = view.model().index(row, column)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    return fits(view, option, index)


def scope_of(view: QWidget) -> str:
    """The screen a table belongs to: the nearest page or dialog above it (its class name)."""
    from privdesk.ui.page import Page

    widget: QObject | None = view.parent()
    while widget is not None:
        if isinstance(widget, Page | QDialog):
            return type(widget).__name__
        widget = widget.parent()
    return type(view.window()).__name__


class TableMemory(QObject):
    """The sorting, sizing and memory of one table (see the module docstring); a child of the view."""

    def __init__(self, view: QTableView, *, max_width: int = MAX_COLUMN_WIDTH) -> None:
        super().__init__(view)
        self.view = view
        self.max_width = max_width
        self.key = ""
        self.user_sized = False  # the user resized or moved a column (or that was remembered)
        self._quiet = 0  # >0 while the kit itself changes the header
        self._fitted_rows = False  # fitted once to rows: later rows only widen columns
        self._shown = False
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.setItemDelegate(FullTextTips(view))
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._set_up_sorting()
        model = view.model()
        if model is not None:
            model.modelReset.connect(self._rows_arrived)
            model.rowsInserted.connect(self._rows_arrived)
        header.sectionResized.connect(self._resized)
        header.sectionMoved.connect(self._moved)
        header.sortIndicatorChanged.connect(self._sorted)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.menu().exec(header.mapToGlobal(pos)))
        view.installEventFilter(self)

    # -- the header's menu: which columns show, and back to the start -------------------------------
    def menu(self) -> QMenu:
        """The header's context menu: a check per column (shown or not) and 열 너비·순서 처음대로."""
        header = self.view.horizontalHeader()
        model = self.view.model()
        menu = QMenu(header)
        menu.setObjectName("columnsMenu")
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        for logical in sorted(range(header.count()), key=header.visualIndex):
            title = model.headerData(logical, Qt.Orientation.Horizontal) if model is not None else ""
            action = menu.addAction(str(title or ""))
            action.setObjectName(f"column_{logical}")
            action.setCheckable(True)
            action.setChecked(logical in shown)
            action.setEnabled(not (logical in shown and len(shown) == 1))  # one column always shows
            action.toggled.connect(lambda on, c=logical: self.show_column(c, on))
        menu.addSeparator()
        reset = menu.addAction(QCoreApplication.translate("TableKit", "열 너비·순서 처음대로"))
        reset.setObjectName("resetColumns")
        reset.triggered.connect(self.reset)
        return menu

    def show_column(self, column: int, shown: bool) -> None:
        """Show or hide a column (remembered); the others fit the room again unless the user
        sized them."""
        header = self.view.horizontalHeader()
        self._quiet += 1
        try:
            header.setSectionHidden(column, not shown)
        finally:
            self._quiet -= 1
        if not self.user_sized:
            self._fitted_rows = False  # a fresh fit: the columns share the new room
            self.fit()
        self.save()

    # -- sorting ------------------------------------------------------------------------------
    def _set_up_sorting(self) -> None:
        view, header = self.view, self.view.horizontalHeader()
        model = view.model()
        if isinstance(model, QSortFilterProxyModel):
            view.setSortingEnabled(True)
            return
        if isinstance(model, KeysetTableModel):
            header.setSectionsClickable(False)
            if model.SERVER_ORDER is not None:
                header.setSortIndicatorShown(True)
                header.setSortIndicator(*model.SERVER_ORDER)
            return
        if isinstance(model, RowTableModel):
            self._quiet += 1
            try:
                header.setSortIndicator(model.sort_column, model.sort_order)
                view.setSortingEnabled(True)
            finally:
                self._quiet -= 1
            changed = getattr(model, "server_order_changed", None)
            if changed is not None:
                changed.connect(self._show_order)

    def _show_order(self, column: int, order: Qt.SortOrder) -> None:
        self._quiet += 1
        header = self.view.horizontalHeader()
        blocked = header.blockSignals(True)
        try:
            header.setSortIndicator(column, order)
        finally:
            header.blockSignals(blocked)
            self._quiet -= 1
        header.viewport().update()

    def _sorted(self, column: int, order: Qt.SortOrder) -> None:
        model = self.view.model()
        if (
            isinstance(model, RowTableModel)
            and not isinstance(model, KeysetTableModel)
            and column >= 0
            and not model.sortable(column)
        ):  # the server cannot: the order (and the arrow) stay
            self._show_order(model.sort_column, model.sort_order)
            return
        if not self._quiet:
            self.save()

    # -- sizing -------------------------------------------------------------------------------
    def fit(self) -> None:
        """Columns to their content (capped), unless the user sized them; once fitted to rows, new
        rows only widen a column (the columns do not jump while one types). When they do not all fit
        the table's width, the widest give way first — each down to a column still worth reading
        (:data:`READABLE_WIDTH`, or its header) — so the short ones (numbers, dates, names) stay
        whole and a cut cell shows its full text as a tooltip."""
        view = self.view
        if self.user_sized or view.model() is None:
            return
        header = view.horizontalHeader()
        wanted: dict[int, int] = {}
        for column in range(header.count()):
            if (
                header.isSectionHidden(column)
                or header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive
            ):
                continue
            content = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
            wanted[column] = min(content, self.max_width)
        floors = {c: min(w, max(header.sectionSizeHint(c), READABLE_WIDTH)) for c, w in wanted.items()}
        bar = view.verticalScrollBar()
        others = [c for c in range(header.count()) if c not in wanted and not header.isSectionHidden(c)]
        room = (
            view.viewport().width()
            - (0 if bar.isVisible() else bar.sizeHint().width())  # rows still to come may need it
            - 2
            - sum(
                max(header.sectionSizeHint(c), 2 * READABLE_WIDTH)  # a stretched column keeps room
                if header.sectionResizeMode(c) == QHeaderView.ResizeMode.Stretch
                else header.sectionSize(c)
                for c in others
            )
        )

        def used(cap: int) -> int:
            return sum(max(floors[c], min(w, cap)) for c, w in wanted.items())

        cap = max(wanted.values(), default=0)
        if room > 0 and used(cap) > room and used(0) <= room:
            low, high = 0, cap
            while low < high:  # the widest cap that still fits the table's width
                middle = (low + high + 1) // 2
                if used(middle) <= room:
                    low = middle
                else:
                    high = middle - 1
            cap = low
        # else: too many columns for the width even at their narrowest readable widths — the table
        # scrolls sideways anyway, so every cell shows in full (up to max_width)
        grow_only = self._fitted_rows  # new rows (the next search, the next page) never narrow a column
        self._quiet += 1
        try:
            for column, width in wanted.items():
                fitted = max(floors[column], min(width, cap))
                if grow_only:
                    fitted = max(fitted, header.sectionSize(column))
                header.resizeSection(column, fitted)
        finally:
            self._quiet -= 1
        self._fitted_rows = self._fitted_rows or view.model().rowCount() > 0

    def _rows_arrived(self, *_args: Any) -> None:
        # a QTableWidget's own model empties itself while the widget is being destroyed
        if self._shown and shiboken6.isValid(self.view):
            self.fit()

    def _resized(self, column: int, _old: int, _new: int) -> None:
        header = self.view.horizontalHeader()
        if (
            self._quiet
            or not self._shown  # the screen's own initial widths: content-fitting replaces them
            or header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive  # Qt sized it
            or (header.stretchLastSection() and column == header.logicalIndex(header.count() - 1))
        ):
            return  # the kit's own sizing, or the stretched last column following the window
        self.user_sized = True
        self.save()

    def _moved(self, *_args: Any) -> None:
        if not self._quiet and self._shown:
            self.user_sized = True
            self.save()

    def reset(self) -> None:
        """열 너비·순서 처음대로 (the header's context menu): every column shown, in its own order,
        fitted to the content again, the first order; nothing remembered until the user changes
        the table again."""
        view, header = self.view, self.view.horizontalHeader()
        self._quiet += 1
        try:
            for logical in range(header.count()):
                header.setSectionHidden(logical, False)
            for logical in range(header.count()):
                if header.visualIndex(logical) != logical:
                    header.moveSection(header.visualIndex(logical), logical)
            model = view.model()
            if isinstance(model, RowTableModel) and model.CLIENT_SORT:
                view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        finally:
            self._quiet -= 1
        if self.key:
            memory.forget(self.key)
        self.user_sized = self._fitted_rows = False
        self.fit()

    # -- memory -------------------------------------------------------------------------------
    def _settings_key(self) -> str:
        name = self.view.objectName()
        return f"tables/{scope_of(self.view)}/{name}" if name else ""

    def save(self) -> None:
        if not self.key:
            return
        header = self.view.horizontalHeader()
        memory.write(f"{self.key}/state", header.saveState())
        memory.write(f"{self.key}/columns", str(header.count()))

    def restore(self) -> bool:
        """The remembered widths, order and sort, if they are for this many columns."""
        header = self.view.horizontalHeader()
        state = memory.read_bytes(f"{self.key}/state") if self.key else None
        if state is None or memory.read_text(f"{self.key}/columns") != str(header.count()):
            return False
        self._quiet += 1
        try:
            if not header.restoreState(state):
                return False
            model = self.view.model()
            section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
            if isinstance(model, KeysetTableModel):
                if model.SERVER_ORDER is not None:
                    header.setSortIndicator(*model.SERVER_ORDER)
            elif isinstance(model, RowTableModel) and (section < 0 or model.sortable(section)):
                model.sort(section, order)
            elif isinstance(model, RowTableModel):
                header.setSortIndicator(model.sort_column, model.sort_order)
            elif isinstance(model, QSortFilterProxyModel):
                self.view.sortByColumn(section, order)
        finally:
            self._quiet -= 1
        self.user_sized = True
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show and not self._shown:
            self._shown = True
            self.key = self._settings_key()
            if not self.restore():
                self.fit()
        return False


def remember_table(view: QTableView, *, max_width: int = MAX_COLUMN_WIDTH) -> TableMemory:
    """Sorting, content-sized columns, full-text tooltips and remembered columns for ``view``
    (call it after ``setModel``; :func:`privdesk.ui.widgets.record_table` does). Give the view an
    objectName unique within its screen, or nothing is remembered."""
    existing = view.findChild(TableMemory)
    if existing is not None and existing.parent() is view:
        return existing
    return TableMemory(view, max_width=max_width)


def memory_of(view: QTableView) -> TableMemory | None:
    return view.findChild(TableMemory)
