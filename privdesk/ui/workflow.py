"""One request inbox and one request detail for every request on the legal clock (issue 17): what
the data-subject screens (:mod:`privdesk.ui.requests.page` and ``.detail``, 정보주체 요구) and the
CCTV ones (:mod:`privdesk.ui.cctv.inbox` and ``.request``, 열람 요구) share, so each adds only its
own columns, filter, buttons, fields, steps and notices.

- :class:`ClockModel` — the inbox rows, the days-left cell coloured by the workflow's urgency
  (:class:`privdesk.workflow.Urgency`): overdue red, due soon amber, closed grey; a kind says
  whether an overdue request's whole row turns red (``WHOLE_ROW``) and the grey of a closed one.
- :class:`RequestInbox` — a mixin for the widget that shows one kind's inbox (a page, a tab): the
  intake notice, the table, the status line (open, overdue, due soon), the selection kept across a
  reload (and a request just taken in selected once the list has it), "열기" enabled with a
  selection, and one detail dialog at a time (:class:`RequestDetailBase`).
- :class:`RequestDetailBase` — the detail dialog's header and summary line (state, due date, days
  left), the form of fields, the history tab, the bar of next steps (with the closed placeholder),
  the close button, step dialogs (``show_step``) and contact unmasking with a logged reason
  (``ask_reveal``).

The kit imports no screen: the kinds subclass these and hand in their own use cases and dialogs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from privdesk.audit.reasons import require
from privdesk.ui.clocks import CLOCK_ROLES, CLOSED_FOREGROUND, clock_colour
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.tablemodel import Column, RowTableModel, select_where, selected_row
from privdesk.ui.tasks import Changes
from privdesk.ui.widgets import (
    ReasonDialog,
    fmt_datetime,
    heading,
    recent_of,
    record_table,
    sort_key_datetime,
)
from privdesk.workflow import EventInfo, Urgency


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


@dataclass(frozen=True)
class HistoryRow:
    """One line of 처리 이력: the event and its state move in words (the kind's labels)."""

    event: EventInfo
    state: str


class HistoryModel(RowTableModel[HistoryRow]):
    """처리 이력: when, who (이름(ID)), the state's move and the note — oldest first until sorted."""

    CONTEXT = "RequestDetailBase"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("RequestDetailBase", "일시"),
            lambda r: fmt_datetime(r.event.at),
            lambda r: sort_key_datetime(r.event.at),
        ),
        Column(
            QT_TRANSLATE_NOOP("RequestDetailBase", "처리자"),
            lambda r: r.event.actor_label or r.event.actor_login,
        ),
        Column(QT_TRANSLATE_NOOP("RequestDetailBase", "상태"), lambda r: r.state),
        Column(QT_TRANSLATE_NOOP("RequestDetailBase", "메모"), lambda r: r.event.note),
    )


class RequestDetailBase(QDialog):
    """The base of a request's detail dialog (one per kind): the header (``detailTitle``,
    ``detailSummary``), the form of fields (``field_<key>``), the side tabs with the history
    (``historyTable``), the bar of the next steps (``action_<key>``) and the close button. A kind
    builds them in its order with the ``add_*`` methods and fills them in ``show_detail``;
    ``reload()`` refills the dialog from the kind's use case."""

    title: QLabel
    summary: QLabel
    form: QFormLayout
    fields: dict[str, QLabel]
    history_table: QTableView
    history_model: HistoryModel
    actions_box: QHBoxLayout
    action_buttons: dict[str, QPushButton]
    host: PageHost
    dialog: QDialog | None = None  # the dialog a step opened (tests reach it here)

    def reload(self) -> None:
        raise NotImplementedError

    def keep_dialog(self, dialog: QDialog) -> None:
        """Remember the dialog a step opened (a kind also hands it to its page, for the tests)."""
        self.dialog = dialog

    def show_step(
        self, dialog: QDialog, on_accept: Callable[[], None], signal: SignalInstance | None = None
    ) -> None:
        """Open a step's dialog window-modal; ``on_accept`` when it is accepted (or on ``signal``: a
        form that stays open until its use case succeeded); deleted when closed."""
        self.keep_dialog(dialog)
        (signal if signal is not None else dialog.accepted).connect(on_accept)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def ask_reveal(
        self,
        text: str,
        fetch: Callable[[str], Any],
        on_done: Callable[[Any], None],
        *,
        changes: Changes = False,
    ) -> ReasonDialog:
        """연락처 보기: ask the reason (required; recent ones offered), then ``fetch(reason)`` on the
        task runner — the kind's use case logs the unmasking with it — and ``on_done`` the result."""
        dialog = ReasonDialog(
            self,
            QCoreApplication.translate("RequestDetailBase", "연락처 보기"),
            text,
            ok_text=QCoreApplication.translate("RequestDetailBase", "보기"),
            recent=recent_of(self.host, self.host.actor),
            validate=require,
        )

        def go() -> None:
            reason = dialog.reason_text()
            self.host.runner.run(lambda: fetch(reason), owner=self, on_done=on_done, changes=changes)

        self.show_step(dialog, go)
        return dialog

    # -- building --------------------------------------------------------------------------------
    def add_header(self, layout: QVBoxLayout) -> None:
        """The title (number and kind) and the summary line (state, due date, days left)."""
        self.title = heading("", self)
        self.title.setObjectName("detailTitle")
        layout.addWidget(self.title)
        self.summary = QLabel(self)
        self.summary.setObjectName("detailSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def add_form(
        self,
        splitter: QSplitter,
        rows: Sequence[tuple[str, str]],
        special: Callable[[str, str, QWidget], bool] = lambda _key, _text, _info: False,
    ) -> None:
        """The fields (``rows``: key, label) in a scrolling form on ``splitter``; ``special`` builds
        a row itself (the contact with its button) and says so."""
        scroll = QScrollArea(splitter)
        scroll.setWidgetResizable(True)
        info = QWidget(scroll)
        self.form = QFormLayout(info)
        scroll.setWidget(info)
        self.fields = {}
        for key, text in rows:
            if special(key, text, info):
                continue
            self.form.addRow(text, self.field(key, info))

    def field(self, key: str, parent: QWidget) -> QLabel:
        """A field's value (selectable, wrapped), kept in ``fields[key]``."""
        value = QLabel(parent)
        value.setObjectName(f"field_{key}")
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields[key] = value
        return value

    def add_history(self, tabs: QTabWidget, *, selectable: bool = True) -> None:
        """The 처리 이력 tab: when, who, the state's move and the note (sortable, sized to its
        content and remembered, as every kit table)."""
        self.history_model = HistoryModel(self)
        self.history_table = record_table(self, "historyTable", self.history_model)
        if not selectable:
            self.history_table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        tabs.addTab(self.history_table, QCoreApplication.translate("RequestDetailBase", "처리 이력"))

    def add_actions_bar(self, layout: QVBoxLayout) -> None:
        """``처리:`` and the buttons of the steps the request may take next (:meth:`set_actions`)."""
        bar = QHBoxLayout()
        bar.addWidget(QLabel(QCoreApplication.translate("RequestDetailBase", "처리:"), self))
        self.actions_box = QHBoxLayout()
        bar.addLayout(self.actions_box)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.action_buttons = {}

    def add_close(self, bar: QHBoxLayout) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            QCoreApplication.translate("RequestDetailBase", "닫기")
        )
        buttons.rejected.connect(self.reject)
        bar.addWidget(buttons)

    def button(self, bar: QHBoxLayout, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _c=False: slot())
        bar.addWidget(button)
        return button

    # -- filling ---------------------------------------------------------------------------------
    def show_clock(self, state: str, due: dt.date, left: str, notes: Sequence[str] = ()) -> None:
        """The summary line: the state, the due date in force and the days left (in words), then
        the kind's ``notes``."""
        summary = QCoreApplication.translate("RequestDetailBase", "상태: {state} · 처리 기한 {due} ({left})")
        self.summary.setText(
            " · ".join((summary.format(state=state, due=due.isoformat(), left=left), *notes))
        )

    def fill_history(self, events: Sequence[EventInfo], state_text: Callable[[str | None], str]) -> None:
        self.history_model.set_rows(
            [
                HistoryRow(
                    e,
                    f"{state_text(e.from_state)} → {state_text(e.to_state)}"
                    if e.from_state
                    else state_text(e.to_state),
                )
                for e in events
            ]
        )

    def clear_actions(self) -> None:
        for button in self.action_buttons.values():
            self.actions_box.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}

    def add_action(self, key: str, text: str, slot: Callable[[], None]) -> QPushButton:
        """One next step's button (``action_<key>``)."""
        button = self.button(self.actions_box, f"action_{key}", text, slot)
        self.action_buttons[key] = button
        return button

    def no_actions(self, text: str, name: str = "") -> None:
        """A closed request: a disabled button saying so instead of the steps."""
        if self.action_buttons:
            return
        done = QPushButton(text, self)
        if name:
            done.setObjectName(name)
        done.setEnabled(False)
        self.actions_box.addWidget(done)
        self.action_buttons["-"] = done


def open_counts(rows: Sequence[InboxRow]) -> str:
    """The status line: ``처리 중 3건 — 기한 지남 1건, 기한 임박 1건``."""
    open_rows = [r for r in rows if r.urgency != Urgency.CLOSED]
    overdue = sum(1 for r in open_rows if r.urgency == Urgency.OVERDUE)
    soon = sum(1 for r in open_rows if r.urgency == Urgency.DUE_SOON)
    return QCoreApplication.translate(
        "RequestInbox", "처리 중 {n}건 — 기한 지남 {overdue}건, 기한 임박 {soon}건"
    ).format(n=len(open_rows), overdue=overdue, soon=soon)


class RequestInbox[R: InboxRow, D: RequestDetailBase]:
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
