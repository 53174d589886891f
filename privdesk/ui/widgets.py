"""Small shared widgets and formatting for every screen (공통 위젯)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayoutItem,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.accounts.permissions import ROLE_NAMES
from privdesk.errors import PrivdeskError, ValidationError

if TYPE_CHECKING:
    from privdesk.context import Actor, AppContext
    from privdesk.ui.host import PageHost

DATE_FORMAT = "yyyy-MM-dd"


def fmt_datetime(value: dt.datetime | str | None, *, seconds: bool = False) -> str:
    """``YYYY-MM-DD HH:MM`` (24 h, KST); accepts the access log's ISO UTC text too."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        value = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)
    if seconds:
        return clock.to_kst(value).strftime("%Y-%m-%d %H:%M:%S")
    return clock.fmt_datetime(value)


def sort_key_datetime(value: dt.datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return clock.iso_utc(value)


def role_names(codes: Iterable[str], names: dict[str, str] | None = None) -> str:
    table = names or ROLE_NAMES
    return ", ".join(table.get(code, code) for code in codes)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def from_date(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class PeriodFilter(QWidget):
    """기간: off by default; when on, two dates (YYYY-MM-DD), both inclusive."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, days: int = 30) -> None:
        super().__init__(parent)
        today = clock.today_kst()
        self.enabled = QCheckBox(self.tr("기간"), self)
        self.since = QDateEdit(from_date(today - dt.timedelta(days=days)), self)
        self.until = QDateEdit(from_date(today), self)
        for edit in (self.since, self.until):
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.dateChanged.connect(self.changed)
        self.enabled.toggled.connect(self.since.setEnabled)
        self.enabled.toggled.connect(self.until.setEnabled)
        self.enabled.toggled.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.since)
        layout.addWidget(QLabel("~", self))
        layout.addWidget(self.until)

    def value(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.enabled.isChecked():
            return None, None
        return to_date(self.since.date()), to_date(self.until.date())

    def set_value(self, since: dt.date | None, until: dt.date | None) -> None:
        self.enabled.setChecked(since is not None or until is not None)
        if since is not None:
            self.since.setDate(from_date(since))
        if until is not None:
            self.until.setDate(from_date(until))


class ReasonDialog(QDialog):
    """Asks for the reason of an account action (사유); the OK button waits until one is typed.

    ``recent`` reasons (newest first) are offered in a list above the text box: choosing one fills
    the box (double-click or Enter on it accepts). Enter in the box accepts when the reason is
    valid (Shift+Enter: a new line); Escape cancels. ``validate`` (e.g.
    :func:`privdesk.audit.reasons.require`) is run on OK: a ValidationError is shown in the dialog,
    which stays open, so a reason with personal data never reaches the use case."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        required: bool = True,
        ok_text: str = "",
        recent: Sequence[str] = (),
        validate: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("reasonDialog")
        self.required = required
        self.validate = validate
        layout = QVBoxLayout(self)
        label = QLabel(text, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.recent: QListWidget | None = None
        if recent:
            layout.addWidget(QLabel(self.tr("최근 사유 (고르면 아래에 채워집니다)"), self))
            self.recent = QListWidget(self)
            self.recent.setObjectName("recentReasons")
            for r in recent:
                item = QListWidgetItem(" ".join(r.split()), self.recent)
                item.setData(Qt.ItemDataRole.UserRole, r)
                item.setToolTip(r)
            rows = min(len(recent), 5)
            self.recent.setFixedHeight(
                self.recent.sizeHintForRow(0) * rows + 2 * self.recent.frameWidth() + 4
            )
            self.recent.currentItemChanged.connect(lambda item, _old: self.choose(item))
            self.recent.itemClicked.connect(self.choose)
            self.recent.itemActivated.connect(self._choose_and_accept)
            layout.addWidget(self.recent)
        layout.addWidget(QLabel(self.tr("사유 (필수)") if required else self.tr("사유 (선택)"), self))
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setFixedHeight(80)
        self.reason.installEventFilter(self)
        layout.addWidget(self.reason)
        self.message = QLabel("", self)
        self.message.setObjectName("reasonMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text or self.tr("확인"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.reason.setFocus()
        self.resize(420, self.sizeHint().height())

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not self.required or bool(self.reason_text()))
        self.message.hide()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def choose(self, item: QListWidgetItem | None) -> None:
        """Fill the box with a recent reason (the person may still edit it)."""
        if item is not None:
            self.reason.setPlainText(str(item.data(Qt.ItemDataRole.UserRole)))
            self.reason.setFocus()

    def _choose_and_accept(self, item: QListWidgetItem) -> None:
        self.choose(item)
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.reason
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
                self.accept()
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        if self.required and not self.reason_text():
            return
        if self.validate is not None:
            try:
                self.validate(self.reason_text())
            except ValidationError as exc:
                self.message.setText(exc.message)
                self.message.show()
                return
        super().accept()


def recent_of(host_or_ctx: PageHost | AppContext, actor: Actor) -> list[str]:
    """The account's own recent reasons to offer (:func:`privdesk.audit.recent.recent_reasons`; one
    indexed read, nothing logged), or none when they cannot be read."""
    from privdesk.audit.recent import recent_reasons
    from privdesk.context import AppContext

    ctx = host_or_ctx if isinstance(host_or_ctx, AppContext) else host_or_ctx.ctx
    try:
        return recent_reasons(ctx, actor)
    except PrivdeskError:  # a locked account, a lost connection: ask without suggestions
        return []


def ask_reason(
    owner: QWidget, host_or_ctx: PageHost | AppContext, actor: Actor, title: str, text: str
) -> str | None:
    """Ask for the reason (사유) of an export, download, print or unmasking of personal data, with
    this account's own recent reasons offered; the reason checked as the use case will check it
    (:func:`privdesk.audit.reasons.require`). None when cancelled: then nothing happens."""
    from privdesk.audit.reasons import require

    dialog = ReasonDialog(owner, title, text, recent=recent_of(host_or_ctx, actor), validate=require)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return require(dialog.reason_text())
    finally:
        dialog.deleteLater()


class OneTimePasswordDialog(QDialog):
    """Shows a one-time password once (임시 비밀번호), selectable and copyable."""

    def __init__(self, parent: QWidget | None, login: str, password: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("임시 비밀번호"))
        self.setObjectName("oneTimePasswordDialog")
        layout = QVBoxLayout(self)
        info = QLabel(
            self.tr(
                "계정 {login}의 임시 비밀번호입니다. 이 창을 닫으면 다시 볼 수 없습니다. "
                "본인에게 직접 전달하십시오. 첫 로그인 때 새 비밀번호로 바꿔야 합니다."
            ).format(login=login),
            self,
        )
        info.setWordWrap(True)
        layout.addWidget(info)
        row = QHBoxLayout()
        self.password = QLineEdit(password, self)
        self.password.setObjectName("oneTimePassword")
        self.password.setReadOnly(True)
        self.password.setMinimumWidth(220)
        row.addWidget(self.password)
        self.copy = QPushButton(self.tr("복사"), self)
        self.copy.clicked.connect(self._copy)
        row.addWidget(self.copy)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password.text())
        self.copy.setText(self.tr("복사됨"))

    def done(self, result: int) -> None:
        self.password.clear()  # shown once: gone from the widget when the window closes
        super().done(result)


def bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.3)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def record_table(
    parent: QWidget, name: str, model: QAbstractItemModel, *, fit_contents: bool = False, wrap: bool = True
) -> QTableView:
    """A read-only table of records: whole rows selected one at a time, no row numbers, the last
    column stretched; sorting on a header click, columns sized to their contents until the user
    sizes them, remembered by ``name`` (:func:`privdesk.ui.tables.remember_table`).
    ``fit_contents`` is kept for callers: every table now fits its contents."""
    from privdesk.ui.tables import remember_table

    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(wrap)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents if fit_contents else QHeaderView.ResizeMode.Interactive
    )
    header.setStretchLastSection(True)
    remember_table(view)
    return view


def bar_button(
    owner: QWidget, bar: QHBoxLayout, name: str, text: str, slot: Callable[[], Any]
) -> QPushButton:
    """A push button in a page's action bar, named for tests and calling ``slot()``."""
    b = QPushButton(text, owner)
    b.setObjectName(name)
    b.clicked.connect(lambda _checked=False: slot())
    bar.addWidget(b)
    return b


def rich_detail(splitter: QSplitter, name: str) -> QLabel:
    """The lower half of an inbox page: a scrolling rich-text label (selectable) for the record
    chosen in the table above; added to ``splitter``."""
    scroll = QScrollArea(splitter)
    scroll.setWidgetResizable(True)
    label = QLabel(scroll)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setContentsMargins(8, 8, 8, 8)
    scroll.setWidget(label)
    splitter.addWidget(scroll)
    return label


class _EnterRuns(QObject):
    def __init__(self, edit: QLineEdit, slot: Callable[[], object]) -> None:
        super().__init__(edit)
        self.slot = slot

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.slot()
            return True  # consumed: the dialog's default button is not pressed as well
        return False


def enter_runs(edit: QLineEdit, slot: Callable[[], object]) -> None:
    """Enter in ``edit`` runs ``slot`` (e.g. 찾기 in a lookup field) and only that: without this a
    QLineEdit passes Enter on to its dialog, whose default button (저장) would fire too."""
    edit.installEventFilter(_EnterRuns(edit, slot))


def _will_show(w: QWidget, dialog: QWidget) -> bool:
    """Whether ``w`` shows when ``dialog`` does (neither it nor a parent hidden on purpose)."""
    node: QWidget | None = w
    while node is not None and node is not dialog:
        if node.isHidden() and node.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            return False
        node = node.parentWidget()
    return True


def start_in_first_field(dialog: QWidget) -> None:
    """Open ``dialog`` with the cursor in its first field. A form that creates its button box
    before its fields has the buttons first in the Tab chain — Tab still goes round in the right
    order, but the dialog would open with the focus on 저장."""
    w: QWidget | None = dialog.nextInFocusChain()
    while w is not None and w is not dialog:
        if (
            not isinstance(w.parentWidget(), QDialogButtonBox)
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.isEnabled()
            and _will_show(w, dialog)
        ):
            w.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        w = w.nextInFocusChain()


def tab_in_form_order(form: QFormLayout) -> None:
    """Tab follows the rows of ``form`` top to bottom, whatever order the fields were created in
    (a base class's fields made first but laid out below a subclass's)."""
    fields: list[QWidget] = []

    def collect(item: QLayoutItem | None) -> None:
        if item is None:
            return
        widget = item.widget()
        if widget is not None:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                fields.append(widget)
            else:
                fields.extend(
                    c
                    for c in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                    if c.focusPolicy() & Qt.FocusPolicy.TabFocus
                )
            return
        layout = item.layout()
        if layout is not None:
            for i in range(layout.count()):
                collect(layout.itemAt(i))

    for row in range(form.rowCount()):
        for role in (
            QFormLayout.ItemRole.LabelRole,
            QFormLayout.ItemRole.FieldRole,
            QFormLayout.ItemRole.SpanningRole,
        ):
            collect(form.itemAt(row, role))
    for a, b in itertools.pairwise(fields):
        QWidget.setTabOrder(a, b)
