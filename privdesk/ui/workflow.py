"""One request inbox for every request on the legal clock (issue 17): what the data-subject inbox
(:mod:`privdesk.ui.requests.page`, 정보주체 요구) and the CCTV inbox (:mod:`privdesk.ui.cctv.inbox`,
열람 요구) share, so each adds only its own columns, filter, buttons and intake notice.

- :class:`ClockModel` — the inbox rows, the days-left cell coloured by the workflow's urgency
  (:class:`privdesk.workflow.Urgency`): overdue red, due soon amber, closed grey; a kind says
  whether an overdue request's whole row turns red (``WHOLE_ROW``) and the grey of a closed one.
- :class:`RequestInbox` — a mixin for the widget that shows one kind's inbox (a page, a tab): the
  intake notice, the table, the status line (open, overdue, due soon), the selection kept across a
  reload (and a request just taken in selected once the list has it), "열기" enabled with a
  selection, and one detail dialog at a time (:class:`RequestDialog`).

The kit imports no screen: the kinds subclass these and hand in their own use cases and dialogs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from privdesk.ui.clocks import CLOCK_ROLES, CLOSED_FOREGROUND, clock_colour
from privdesk.ui.host import PageHost
from privdesk.ui.tablemodel import RowTableModel, select_where, selected_row
from privdesk.ui.widgets import record_table
from privdesk.workflow import Urgency


class InboxRow(Protocol):
    """What the inbox needs of a row of any kind (the kinds' ``RequestRow``)."""

    @property
    def id(self) -> int: ...

    @property
    def urgency(self) -> Urgency: ...


class ClockModel[R: InboxRow](RowTableModel[R]):
    """An inbox's rows on the clock. A kind sets ``COLUMNS`` and ``COL_LEFT`` (the days-left cell,
    the one coloured red or amber); ``WHOLE_ROW``: an overdue request's other cells red and bold."""

    COL_LEFT: int
    WHOLE_ROW = True
    CLOSED_COLOUR: QColor = CLOSED_FOREGROUND

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in CLOCK_ROLES and 0 <= index.row() < self.rowCount():
            r = self.row_object(index.row())
            return clock_colour(
                role,
                closed=r.urgency == Urgency.CLOSED,
                overdue=r.urgency == Urgency.OVERDUE,
                due_soon=r.urgency == Urgency.DUE_SOON,
                clock_cell=index.column() == self.COL_LEFT,
                whole_row=self.WHOLE_ROW,
                closed_foreground=self.CLOSED_COLOUR,
            )
        return super().data(index, role)


class RequestDialog(QDialog):
    """The base of a request's detail dialog: ``reload()`` refills it from the kind's use case."""

    def reload(self) -> None:
        raise NotImplementedError


def open_counts(rows: Sequence[InboxRow]) -> str:
    """The status line: ``처리 중 3건 — 기한 지남 1건, 기한 임박 1건``."""
    open_rows = [r for r in rows if r.urgency != Urgency.CLOSED]
    overdue = sum(1 for r in open_rows if r.urgency == Urgency.OVERDUE)
    soon = sum(1 for r in open_rows if r.urgency == Urgency.DUE_SOON)
    return QCoreApplication.translate(
        "RequestInbox", "처리 중 {n}건 — 기한 지남 {overdue}건, 기한 임박 {soon}건"
    ).format(n=len(open_rows), overdue=overdue, soon=soon)


class RequestInbox[R: InboxRow, D: RequestDialog]:
    """A mixin (first among the bases) for the QWidget that shows one kind's inbox. The kind builds
    its bar (with ``open_button``), calls :meth:`add_inbox` with its model, loads the rows through
    its use case into :meth:`loaded`, and gives :meth:`detail_dialog` and :meth:`show_dialog`."""

    host: PageHost
    model: ClockModel[R]
    table: QTableView
    notice: QLabel
    status: QLabel
    open_button: QPushButton | None
    detail: D | None = None
    last_intake: Any = None
    select_next: int | None = None  # a request just taken in: selected once the list has it

    # -- what a kind gives -----------------------------------------------------------------------
    def detail_dialog(self, request_id: int) -> D:
        raise NotImplementedError

    def show_dialog(self, dialog: QDialog) -> None:
        """Open ``dialog`` (window-modal) and delete it when it closes."""
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- the widgets -----------------------------------------------------------------------------
    def _self(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def add_inbox(self, layout: QVBoxLayout, model: ClockModel[R]) -> None:
        """The intake notice, the table (``requestsTable``) and the status line, below the bar."""
        me = self._self()
        self.notice = QLabel(me)
        self.notice.setObjectName("intakeNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.model = model
        self.table = record_table(me, "requestsTable", model, fit_contents=True, wrap=False)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.update_buttons())
        layout.addWidget(self.table, 1)
        self.status = QLabel(me)
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        self.update_buttons()

    def focus_target(self) -> QWidget | None:
        return self.table

    # -- loading ---------------------------------------------------------------------------------
    def loaded(self, rows: list[R]) -> None:
        keep = self.selected()
        self.model.set_rows(rows)
        self.status.setText(open_counts(rows))
        target = self.select_next or (keep.id if keep is not None else None)
        if target is not None and self.select(target):
            self.select_next = None
        self.update_buttons()

    def selected(self) -> R | None:
        return selected_row(self.table, self.model)

    def select(self, request_id: int) -> bool:
        return select_where(self.table, self.model, lambda r: r.id == request_id)

    def update_buttons(self) -> None:
        if self.open_button is not None:
            self.open_button.setEnabled(self.selected() is not None)

    # -- intake ----------------------------------------------------------------------------------
    def announce(self, request_id: int, text: str, style: str) -> None:
        """A request just taken in: say what became of it and select it (now or once listed)."""
        self.notice.setStyleSheet(style)
        self.notice.setText(text)
        self.notice.show()
        if not self.select(request_id):
            self.select_next = request_id

    # -- the detail ------------------------------------------------------------------------------
    def open_selected(self) -> None:
        r = self.selected()
        if r is not None:
            self.open_request(r.id)

    def open_request(self, request_id: int) -> D:
        """The request's detail (one at a time: an open one closes)."""
        if self.detail is not None:
            self.detail.close()
        dialog = self.detail_dialog(request_id)
        self.detail = dialog
        dialog.finished.connect(lambda _r: setattr(self, "detail", None) if self.detail is dialog else None)
        self.show_dialog(dialog)
        dialog.reload()
        return dialog
