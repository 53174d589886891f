"""The viewing-log tab (열람 기록 / 개인영상정보 관리대장).

The ledger opens at once however long it grows: :class:`LedgerModel` reads one keyset page (newest
first, ``list_ledger(before_id=…)``) when the view scrolls to the end. Filters: period, kind, camera.
The quick-entry form logs an internal viewing in a few keystrokes (camera, from/to, purpose,
witness). The ledger is append-only, so Enter (or 기록…) first shows exactly what will be written
(:class:`LedgerPreviewDialog`): Enter again writes it, Escape goes back to the form with nothing
written and nothing lost — two deliberate keystrokes with the entry in view, rather than a
destructive-style warning, because a wrong entry is not lost data: it is corrected. 정정 기재
(:class:`CorrectionDialog`) appends a correcting entry that names the selected one, with a reason
(``viewlog.correct_entry``); the original stays, and the table marks it 정정됨 → n (greyed) and the
correcting entry n번 정정. "관리대장 출력" prints the ledger of a period in the background, with
progress and cancel, into the PDF preview. Third-party provision without a request is recorded here
too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.cctv import printing, viewlog
from privdesk.cctv.cameras import CameraInfo, CameraStatus
from privdesk.cctv.common import fmt_window
from privdesk.cctv.provisions import provide_footage
from privdesk.cctv.viewlog import LedgerFilter, LedgerInput, LedgerRow, QuickViewing
from privdesk.errors import PrivdeskError
from privdesk.ui import messages
from privdesk.ui.cctv.common import (
    ERROR_STYLE,
    LEDGER_KIND_TEXT,
    OK_STYLE,
    CctvTab,
    datetime_edit,
    label,
    to_kst_datetime,
    to_qdatetime,
)
from privdesk.ui.cctv.decisions import ProvisionDialog
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.tablemodel import Column, KeysetTableModel, selected_row
from privdesk.ui.tables import remember_table
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import DATE_FORMAT, PeriodFilter, fmt_datetime, from_date, to_date

if TYPE_CHECKING:
    from privdesk.ui.cctv.page import CctvPage

CTX = "CctvLedgerModel"
PAGE_SIZE = 200
CORRECTED_COLOR = QColor("#8a8a8a")


def correction_text(row: LedgerRow) -> str:
    """``12번 정정`` on a correcting entry, ``정정됨 → 15`` on a corrected one."""
    parts = []
    if row.corrects_id is not None:
        parts.append(QCoreApplication.translate("CctvLedgerModel", "{n}번 정정").format(n=row.corrects_id))
    if row.corrected_by:
        parts.append(
            QCoreApplication.translate("CctvLedgerModel", "정정됨 → {ids}").format(
                ids=", ".join(map(str, row.corrected_by))
            )
        )
    return "; ".join(parts)


class LedgerModel(KeysetTableModel[LedgerRow]):
    """Lazy, newest first. ``fetcher(before_id, limit)`` returns the next keyset page."""

    SERVER_ORDER = (0, Qt.SortOrder.DescendingOrder)  # 번호, newest first

    CONTEXT = CTX
    (
        COL_ID,
        COL_KIND,
        COL_AT,
        COL_CAMERAS,
        COL_WINDOW,
        COL_FILE,
        COL_STAFF,
        COL_PURPOSE,
        COL_COUNTERPART,
        COL_BASIS,
        COL_FORM,
        COL_PERIOD,
        COL_CORRECTION,
    ) = range(13)
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("CctvLedgerModel", "번호"),
            lambda r: str(r.id),
            lambda r: r.id,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "구분"), lambda r: label(LEDGER_KIND_TEXT, r.kind)),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "일시"), lambda r: fmt_datetime(r.at)),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "카메라"), lambda r: r.camera_numbers),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "영상 기간"), lambda r: r.window_text),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "파일명/형태"), lambda r: r.file_form),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "담당자"), lambda r: r.staff_text),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "목적/사유"), lambda r: r.purpose),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "제3자/열람등 요구자"), lambda r: r.counterpart),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "이용·제공 근거"), lambda r: r.basis),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "이용·제공 형태"), lambda r: r.provision_form),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "기간"), lambda r: r.period),
        Column(QT_TRANSLATE_NOOP("CctvLedgerModel", "정정"), correction_text),
    )

    def __init__(
        self, parent: Any = None, page_size: int = PAGE_SIZE, *, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(lambda r: r.id, parent, page_size, runner=runner)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A corrected entry is greyed (it stays in the ledger; the correcting entry is the one in force)."""
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and self.row_object(index.row()).corrected_by
        ):
            return CORRECTED_COLOR
        return super().data(index, role)


def preview_text(cameras: str, data: QuickViewing, staff: str) -> str:
    """What the quick entry will write, line by line (the preview before it is written)."""
    lines = [
        QCoreApplication.translate("CctvLedgerPreview", "구분: {kind}").format(
            kind=label(LEDGER_KIND_TEXT, data.kind)
        ),
        QCoreApplication.translate("CctvLedgerPreview", "카메라: {cameras}").format(cameras=cameras),
        QCoreApplication.translate("CctvLedgerPreview", "영상 기간: {window}").format(
            window=fmt_window(data.window_start, data.window_end)
        ),
        QCoreApplication.translate("CctvLedgerPreview", "목적: {purpose}").format(
            purpose=data.purpose.strip()
        ),
        QCoreApplication.translate("CctvLedgerPreview", "담당자: {staff}").format(staff=staff)
        + (
            QCoreApplication.translate("CctvLedgerPreview", " / 입회 {witness}").format(
                witness=data.witness.strip()
            )
            if data.witness.strip()
            else ""
        ),
    ]
    return "\n".join(lines)


class LedgerPreviewDialog(QDialog):
    """What the quick entry will write into the append-only ledger; Enter writes, Escape goes back."""

    def __init__(self, parent: QWidget | None, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerPreview")
        self.setWindowTitle(self.tr("관리대장 기록 확인"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "다음 내용을 개인영상정보 관리대장에 기록합니다. 기록은 지울 수 없고, 틀리면 정정 기록으로 고칩니다."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.preview = QLabel(text, self)
        self.preview.setObjectName("previewText")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(
            self.tr("관리대장에 기록"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.write_button.setObjectName("previewWrite")
        self.back_button = self.buttons.addButton(self.tr("돌아가기"), QDialogButtonBox.ButtonRole.RejectRole)
        self.back_button.setObjectName("previewBack")
        self.write_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


class CorrectionDialog(QDialog):
    """정정 기재: a new entry, filled from the one it corrects, and the reason of the correction."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None, row: LedgerRow) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerCorrection")
        self.row = row
        self.setWindowTitle(self.tr("정정 기재 — {n}번 기록").format(n=row.id))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "{n}번 기록을 정정하는 새 기록을 남깁니다. 원래 기록은 그대로 남고 '정정됨'으로 표시됩니다. "
                "바로잡을 내용을 고치고 정정 사유를 적으십시오."
            ).format(n=row.id),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("correctionKind")
        for code in LEDGER_KIND_TEXT:
            self.kind.addItem(label(LEDGER_KIND_TEXT, code), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)))
        form.addRow(self.tr("구분"), self.kind)
        self.at = datetime_edit(self, row.at, "correctionAt")
        form.addRow(self.tr("일시"), self.at)
        self.cameras = QLineEdit(row.camera_numbers, self)
        self.cameras.setObjectName("correctionCameras")
        self.cameras.setPlaceholderText(self.tr("예: CAM-03, CAM-04"))
        form.addRow(self.tr("카메라"), self.cameras)
        self.start: QDateTimeEdit | None = None
        self.end: QDateTimeEdit | None = None
        if row.window_start is not None and row.window_end is not None:
            self.start = datetime_edit(self, row.window_start, "correctionStart")
            self.end = datetime_edit(self, row.window_end, "correctionEnd")
            form.addRow(self.tr("영상 시작"), self.start)
            form.addRow(self.tr("영상 끝"), self.end)
        self.texts: dict[str, QLineEdit] = {}
        for key, title, value in (
            ("file_form", self.tr("파일명/형태"), row.file_form),
            ("purpose", self.tr("목적/사유"), row.purpose),
            ("witness", self.tr("입회자"), row.witness),
            ("counterpart", self.tr("제3자/열람등 요구자"), row.counterpart),
            ("basis", self.tr("이용·제공 근거"), row.basis),
            ("provision_form", self.tr("이용·제공 형태"), row.provision_form),
            ("period", self.tr("기간"), row.period),
        ):
            edit = QLineEdit(value, self)
            edit.setObjectName("correction_" + key)
            self.texts[key] = edit
            form.addRow(title, edit)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("correctionReason")
        self.reason.setPlaceholderText(self.tr("예: 영상 기간 오기 (개인정보는 적지 마십시오)"))
        self.reason.setFixedHeight(60)
        form.addRow(self.tr("정정 사유"), self.reason)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("correctionMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("정정 기록"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("correctionSave")
        cancel = self.buttons.addButton(self.tr("취소"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("correctionCancel")
        self.buttons.accepted.connect(self.submitted.emit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.save_button.setEnabled(bool(self.reason.toPlainText().strip()))

    def value(self) -> LedgerInput:
        cameras = [c.strip() for c in self.cameras.text().replace(" ", ",").split(",") if c.strip()]
        return LedgerInput(
            kind=str(self.kind.currentData()),
            purpose=self.texts["purpose"].text(),
            file_form=self.texts["file_form"].text(),
            cameras=cameras,
            window_start=to_kst_datetime(self.start.dateTime()) if self.start is not None else None,
            window_end=to_kst_datetime(self.end.dateTime()) if self.end is not None else None,
            witness=self.texts["witness"].text(),
            counterpart=self.texts["counterpart"].text(),
            basis=self.texts["basis"].text(),
            provision_form=self.texts["provision_form"].text(),
            period=self.texts["period"].text(),
            at=to_kst_datetime(self.at.dateTime()),
            corrects_id=self.row.id,
        )

    def reason_text(self) -> str:
        return self.reason.toPlainText()

    def failed(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(text)
        self.message.show()


class QuickEntry(QGroupBox):
    """빠른 기록: camera, from, to, purpose, witness — Enter anywhere in the form saves."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("빠른 기록 — 내부 열람 (Enter: 내용 확인 후 기록)"), parent)
        self.setObjectName("quickEntry")
        grid = QGridLayout(self)
        self.camera = QComboBox(self)
        self.camera.setObjectName("quickCamera")
        self.camera.setMinimumContentsLength(18)
        now = clock.now().replace(second=0, microsecond=0)
        self.start = datetime_edit(self, now - dt.timedelta(minutes=30), "quickStart")
        self.end = datetime_edit(self, now, "quickEnd")
        self.purpose = QLineEdit(self)
        self.purpose.setObjectName("quickPurpose")
        self.purpose.setPlaceholderText(self.tr("열람 목적 (예: 분실물 확인)"))
        self.witness = QLineEdit(self)
        self.witness.setObjectName("quickWitness")
        self.witness.setPlaceholderText(self.tr("입회자 (선택)"))
        self.save_button = QPushButton(self.tr("기록…"), self)
        self.save_button.setObjectName("quickSave")
        self.save_button.clicked.connect(lambda _c=False: self.submitted.emit())
        for col, (text, widget) in enumerate(
            (
                (self.tr("카메라"), self.camera),
                (self.tr("영상 시작"), self.start),
                (self.tr("영상 끝"), self.end),
                (self.tr("목적"), self.purpose),
                (self.tr("입회자"), self.witness),
            )
        ):
            grid.addWidget(QLabel(text, self), 0, col)
            grid.addWidget(widget, 1, col)
        grid.addWidget(self.save_button, 1, 5)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(4, 1)
        self.message = QLabel(self)
        self.message.setObjectName("quickMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        grid.addWidget(self.message, 2, 0, 1, 6)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return/Enter from any field (the fields pass it on) shows what will be written."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def set_cameras(self, cameras: Sequence[CameraInfo]) -> None:
        keep = self.camera.currentData()
        self.camera.clear()
        for cam in cameras:
            if cam.status != CameraStatus.REMOVED:
                self.camera.addItem(f"{cam.number}  {cam.place}", cam.number)
        if keep is not None:
            self.camera.setCurrentIndex(max(0, self.camera.findData(keep)))

    def value(self) -> QuickViewing:
        number = self.camera.currentData()
        return QuickViewing(
            cameras=[number] if number else [],
            window_start=to_kst_datetime(self.start.dateTime()),
            window_end=to_kst_datetime(self.end.dateTime()),
            purpose=self.purpose.text(),
            witness=self.witness.text(),
        )

    def saved(self, row: LedgerRow) -> None:
        """Ready for the next one: purpose cleared, the window moved to now."""
        self.purpose.clear()
        now = clock.now().replace(second=0, microsecond=0)
        self.start.setDateTime(to_qdatetime(now - dt.timedelta(minutes=30)))
        self.end.setDateTime(to_qdatetime(now))
        self.message.setStyleSheet(OK_STYLE)
        self.message.show()
        self.message.setText(
            self.tr("기록했습니다: {n}번 {camera} {window}").format(
                n=row.id, camera=row.camera_numbers, window=row.window_text
            )
        )
        self.purpose.setFocus()

    def failed(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.show()
        self.message.setText(text)


class LedgerTab(CctvTab):
    def __init__(self, page: CctvPage) -> None:
        super().__init__(page)
        self.setObjectName("ledgerTab")
        layout = QVBoxLayout(self)
        self.quick: QuickEntry | None = None
        if self.may_manage:
            self.quick = QuickEntry(self)
            self.quick.submitted.connect(self.save_quick)
            layout.addWidget(self.quick)

        filters = QHBoxLayout()
        self.period = PeriodFilter(self, days=30)
        filters.addWidget(self.period)
        filters.addWidget(QLabel(self.tr("구분"), self))
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindFilter")
        self.kind_combo.addItem(self.tr("전체"), None)
        for code in LEDGER_KIND_TEXT:
            self.kind_combo.addItem(label(LEDGER_KIND_TEXT, code), code)
        filters.addWidget(self.kind_combo)
        filters.addWidget(QLabel(self.tr("카메라"), self))
        self.camera_combo = QComboBox(self)
        self.camera_combo.setObjectName("cameraFilter")
        self.camera_combo.addItem(self.tr("전체"), None)
        filters.addWidget(self.camera_combo)
        self.search_button = self.button(filters, "searchButton", self.tr("조회"), self.reload)
        filters.addStretch(1)
        self.correct_button = self.button(
            filters,
            "correctLedgerButton",
            self.tr("정정 기재"),
            self._correct,
            allowed=self.may_manage,
        )
        self.provision_button = self.button(
            filters, "provisionButton", self.tr("제3자 제공 기록"), self.provide, allowed=self.may_manage
        )
        layout.addLayout(filters)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.camera_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.period.changed.connect(self.reload)

        self.model = LedgerModel(self, runner=self.host.runner)
        self.model.fetch_failed.connect(lambda exc: messages.show_error(self, exc))
        self.model.fetched.connect(self._update_status)
        self.table = QTableView(self)
        self.table.setObjectName("ledgerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        remember_table(self.table)  # sized to the content, remembered (privdesk.ui.tables)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("status")
        bottom.addWidget(self.status, 1)
        bottom.addWidget(QLabel(self.tr("관리대장 기간"), self))
        today = clock.today_kst()
        self.print_from = QDateEdit(from_date(today.replace(day=1)), self)
        self.print_to = QDateEdit(from_date(today), self)
        for name, edit in (("printFrom", self.print_from), ("printTo", self.print_to)):
            edit.setObjectName(name)
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setCalendarPopup(True)
            bottom.addWidget(edit)
        self.print_button = self.button(
            bottom, "printLedgerButton", self.tr("관리대장 출력"), self.print_ledger
        )
        layout.addLayout(bottom)

    def set_cameras(self, cameras: Sequence[CameraInfo]) -> None:
        super().set_cameras(cameras)
        if self.quick is not None:
            self.quick.set_cameras(cameras)
        keep = self.camera_combo.currentData()
        self.camera_combo.blockSignals(True)
        self.camera_combo.clear()
        self.camera_combo.addItem(self.tr("전체"), None)
        for cam in cameras:
            self.camera_combo.addItem(cam.number, cam.number)
        self.camera_combo.setCurrentIndex(max(0, self.camera_combo.findData(keep)) if keep else 0)
        self.camera_combo.blockSignals(False)

    def ledger_filter(self) -> LedgerFilter:
        since, until = self.period.value()
        return LedgerFilter(
            since=since,
            until=until,
            kind=self.kind_combo.currentData(),
            camera=self.camera_combo.currentData(),
        )

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def focus_target(self) -> QWidget | None:
        return self.table

    def print_action(self) -> Callable[[], object] | None:
        return self.print_ledger

    def reload(self) -> None:
        ctx, actor, flt = self.host.ctx, self.host.actor, self.ledger_filter()

        def fetch(before: int | None, limit: int) -> list[LedgerRow]:
            return viewlog.list_ledger(ctx, actor, flt, before_id=before, limit=limit)

        self.model.start(fetch)

    def _update_status(self) -> None:
        n = self.model.rowCount()
        if self.model.exhausted:
            self.status.setText(self.tr("{n}건").format(n=n))
        else:
            self.status.setText(self.tr("{n}건 표시 — 아래로 내리면 더 읽습니다").format(n=n))

    # -- quick entry and provision -------------------------------------------------------------------
    def save_quick(self) -> None:
        quick = self.quick
        if quick is None:
            return
        data = quick.value()
        if not data.cameras:
            quick.failed(self.tr("카메라를 고르십시오."))
            return
        if not data.purpose.strip():
            quick.failed(self.tr("열람 목적을 입력하십시오."))
            quick.purpose.setFocus()
            return
        actor = self.host.actor
        cameras = quick.camera.currentText().strip()
        staff = f"{actor.name}({actor.login})"
        preview = LedgerPreviewDialog(self, preview_text(cameras, data, staff))
        self.open_dialog(preview, lambda: self._write_quick(data))

    def _write_quick(self, data: QuickViewing) -> None:
        quick = self.quick
        if quick is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        quick.save_button.setEnabled(False)

        def done(row: LedgerRow) -> None:
            quick.save_button.setEnabled(True)
            quick.saved(row)

        def failed(exc: BaseException) -> bool:
            quick.save_button.setEnabled(True)
            if isinstance(exc, PrivdeskError):
                quick.failed(str(exc))
                return True
            return False

        self.run(lambda: viewlog.record_viewing(ctx, actor, data), done, on_error=failed)

    def _correct(self) -> None:
        self.correct_selected()

    def correct_selected(self) -> CorrectionDialog | None:
        """정정 기재 for the selected entry: a new entry naming it, with the reason."""
        row = selected_row(self.table, self.model)
        if row is None:
            messages.show_info(self, self.tr("정정 기재"), self.tr("정정할 기록을 표에서 고르십시오."))
            return None
        dialog = CorrectionDialog(self, row)
        ctx, actor = self.host.ctx, self.host.actor

        def save() -> None:
            data, reason = dialog.value(), dialog.reason_text()
            dialog.buttons.setEnabled(False)

            def done(_row: LedgerRow) -> None:
                if shiboken6.isValid(dialog):
                    dialog.accept()

            def failed(exc: BaseException) -> bool:
                if isinstance(exc, PrivdeskError) and shiboken6.isValid(dialog):
                    dialog.failed(str(exc))
                    return True
                return False

            self.run(
                lambda: viewlog.correct_entry(ctx, actor, row.id, data, reason=reason), done, on_error=failed
            )

        dialog.submitted.connect(save)
        self.open_dialog(dialog)
        return dialog

    def provide(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        dialog = ProvisionDialog(self, self.cameras)

        def go() -> None:
            data = dialog.provision()
            self.run(lambda: provide_footage(ctx, actor, data))

        self.open_dialog(dialog, go)

    # -- printing ----------------------------------------------------------------------------------
    def print_ledger(self) -> None:
        first, last = to_date(self.print_from.date()), to_date(self.print_to.date())
        if first > last:
            messages.show_error(
                self,
                PrivdeskError(self.tr("기간의 첫날이 마지막 날보다 늦습니다. 기간을 다시 지정하십시오.")),
            )
            return
        ctx, actor = self.host.ctx, self.host.actor
        self.print_record(
            self.tr("개인영상정보 관리대장"),
            f"관리대장-{first.isoformat()}_{last.isoformat()}.pdf",
            lambda out, on_page, why: printing.print_ledger(
                ctx, actor, first, last, Path(out), reason=why, on_page=on_page
            ),
        )
