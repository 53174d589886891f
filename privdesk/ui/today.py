"""The start page (오늘 할 일): the first screen after login for every account.

Security first: the integrity lock banner (officer, auditor) and the account's notices stay on top.
Then the richer boxes that do more than one line — the 72-hour clock of open breaches, hour by hour
(:mod:`privdesk.ui.incidents.clock`, ``incident.handle``) and the backup box with its 지금 백업 button
(:mod:`privdesk.ui.backup.page`, ``backup``) — and the work list: one row per
:class:`privdesk.today.WorkItem` (a coloured marker, the sentence, 열기 to the screen that does the
work — hidden when the account does not have that screen), read in the background by
:func:`privdesk.today.collect` (counts and record numbers only: loading the page writes no
access-log entry; opening a screen does). A line a box already shows is not listed twice. The page
reloads whenever data changes. The profile (내 정보) is in the 계정 menu (:mod:`privdesk.ui.accounts.me`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from privdesk import review
from privdesk.accounts.permissions import Permission
from privdesk.context import INVESTIGATORS
from privdesk.errors import PrivdeskError
from privdesk.review import JState, Justification
from privdesk.today import ANSWER_PAGE, CALM, OVERDUE, PROVIDERS, SOON, Provider, WorkItem, collect
from privdesk.ui.audit.integrity import IntegrityBox, NoticesBox
from privdesk.ui.backup.page import BackupBox
from privdesk.ui.host import PageHost
from privdesk.ui.incidents.clock import IncidentClockBox
from privdesk.ui.page import Page
from privdesk.ui.review.dialogs import JustificationAnswerDialog
from privdesk.ui.tasks import EVERYTHING
from privdesk.ui.widgets import heading

TODAY_PAGE = "today"
MARKER_COLOURS = {OVERDUE: "#c62828", SOON: "#ef8f00", CALM: "#8a929c"}
ROW_STYLES = {
    OVERDUE: "QFrame#workRow { background: #fde7e9; border: 1px solid #f1a7ae; }"
    " QLabel#workText { color: #7f0000; font-weight: bold; }",
    SOON: "QFrame#workRow { background: #fff3e0; border: 1px solid #f0c080; }"
    " QLabel#workText { color: #8a4b00; }",
    CALM: "QFrame#workRow { background: #f4f5f7; border: 1px solid #d0d4da; }"
    " QLabel#workText { color: #333; }",
}
BOXED = {"incidents.clock": Permission.INCIDENT_HANDLE, "backup.age": Permission.BACKUP}  # shown by a box


class WorkRow(QFrame):
    """One line of the work list; ``button`` opens ``item.page``."""

    def __init__(self, item: WorkItem, can_open: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("workRow")
        self.setProperty("itemKey", item.key)
        self.setProperty("tone", item.tone)
        self.setStyleSheet(ROW_STYLES[item.tone])
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        self.marker = QLabel(self)
        self.marker.setObjectName("toneMarker")
        self.marker.setFixedSize(10, 10)
        self.marker.setStyleSheet(f"background: {MARKER_COLOURS[item.tone]}; border-radius: 5px;")
        row.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignVCenter)
        self.text = QLabel(item.text, self)
        self.text.setObjectName("workText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.text, 1)
        self.button = QPushButton(self.tr("열기"), self)
        self.button.setObjectName("openItemButton")
        self.button.setVisible(can_open)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)


class TodayPage(Page):
    """Always the first page (see the module docstring)."""

    SHOWS = EVERYTHING  # the day's work of every domain: reloads after any change

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("todayPage")
        self.items: list[WorkItem] | None = None
        self.rows: list[WorkRow] = []
        self.providers: tuple[Provider, ...] = PROVIDERS  # what the list asks (a test may narrow it)
        self.answer_dialog: JustificationAnswerDialog | None = None
        self._generation = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.addWidget(heading(self.tr("오늘 할 일"), body))
        self.integrity_box = IntegrityBox(host, body)  # the lock: officer and auditor only
        self.integrity_box.changed.connect(self.reload)
        layout.addWidget(self.integrity_box)
        self.notices_box = NoticesBox(host, body)
        layout.addWidget(self.notices_box)
        self.incidents_box = IncidentClockBox(host, body)  # the 72-hour clock of open breaches, by the hour
        self.incidents_box.setVisible(host.actor.may(Permission.INCIDENT_HANDLE))
        layout.addWidget(self.incidents_box)
        self.backup_box = BackupBox(host, body)
        self.backup_box.changed.connect(self.reload)
        self.backup_box.setVisible(host.actor.may(Permission.BACKUP))
        layout.addWidget(self.backup_box)
        self.list_box = QWidget(body)
        self.list_box.setObjectName("workList")
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(4)
        layout.addWidget(self.list_box)
        self.empty = QLabel(self.tr("할 일이 없습니다."), body)
        self.empty.setObjectName("noWork")
        self.empty.setStyleSheet("color: #555;")
        self.empty.hide()
        layout.addWidget(self.empty)
        self.status = QLabel(body)
        self.status.setObjectName("workStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        layout.addWidget(self.status)
        layout.addStretch(1)

    def focus_target(self) -> QWidget | None:
        """The first 열기 button of the list (once it has loaded)."""
        return next((r.button for r in self.rows if not r.button.isHidden()), None)

    def reload(self) -> None:
        actor = self.host.actor
        self.notices_box.reload()
        if actor.role_codes and INVESTIGATORS & set(actor.role_codes):
            self.integrity_box.reload()
        self.incidents_box.reload()
        if actor.may(Permission.BACKUP):
            self.backup_box.show()
            self.backup_box.reload()
        else:
            self.backup_box.hide()
        ctx = self.host.ctx
        self.status.setText(self.tr("불러오는 중…") if self.items is None else "")
        providers = self.providers
        self._generation += 1
        generation = self._generation  # a slower, older load must not replace a newer list

        def shown(items: list[WorkItem]) -> None:
            if generation == self._generation:
                self.show_items(items)

        self.host.runner.run(
            lambda: collect(ctx, actor, providers=providers), owner=self, on_done=shown, on_error=self._failed
        )

    def _boxed(self, item: WorkItem) -> bool:
        permission = BOXED.get(item.key)
        return permission is not None and self.host.actor.may(permission)

    def show_items(self, items: list[WorkItem]) -> None:
        first_load = self.items is None
        shown = [i for i in items if not self._boxed(i)]
        if self.items is not None and shown == self.items and len(self.rows) == len(shown):
            self.status.setText("")  # nothing changed: the rows stay (no flicker, focus kept)
            return
        self.items = shown
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        keys_of = getattr(
            self.host, "page_keys", None
        )  # the main window lists its pages; a test host may not
        keys = set(keys_of()) if keys_of is not None else None
        for item in self.items:
            row = WorkRow(item, keys is None or item.page in keys or item.page == ANSWER_PAGE, self.list_box)
            row.button.clicked.connect(lambda _c=False, key=item.key: self.open_item(key))
            self.list_layout.addWidget(row)
            row.show()  # now, not on the layout's queued show: a row is on screen once it is listed
            self.rows.append(row)
        self.empty.setVisible(not self.items)
        self.status.setText("")
        focus = QApplication.focusWidget()
        if first_load and self.isVisible() and (focus is None or focus.objectName() == "navigation"):
            self.focus_start()  # the list came after the window opened: the cursor on its first 열기

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.status.setText(self.tr("오늘 할 일을 불러오지 못했습니다: {error}").format(error=str(exc)))
            return True
        return False

    def row(self, key: str) -> WorkRow | None:
        return next((r for r in self.rows if r.item.key == key), None)

    def open_item(self, key: str) -> object:
        """Open the screen of the item ``key`` (as its 열기 button does); a 소명 request addressed to
        this account opens the answer dialog of the earliest due one instead of a page."""
        row = next(r for r in self.rows if r.item.key == key)
        if row.item.page == ANSWER_PAGE:
            self.answer_next()
            return None
        return self.host.show_page(row.item.page)

    def answer_next(self) -> None:
        """Load the 소명 requests addressed to this account and open the answer dialog of the one
        due first (reading them is the logged look, as opening any item is)."""
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(lambda: review.my_justifications(ctx, actor), owner=self, on_done=self._answer)

    def _answer(self, open_: list[Justification]) -> None:
        waiting = sorted((j for j in open_ if j.state == JState.OPEN), key=lambda j: (j.due, j.id))
        if not waiting:
            self.reload()
            return
        dialog = JustificationAnswerDialog(self.host, waiting[0], self)
        self.answer_dialog = dialog
        dialog.answered.connect(lambda _j: self.reload())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
