"""The viewing-log tab (열람 기록 / 개인영상정보 관리대장).

The ledger opens at once however long it grows: :class:`LedgerModel` reads one keyset page (newest
first, ``list_ledger(before_id=…)``) when the view scrolls to the end. Filters: period, kind, camera.
The quick-entry form logs an internal viewing in a few keystrokes (camera, from/to, purpose,
witness; Enter saves). "관리대장 출력" prints the ledger of a period in the background, with progress
and cancel, into the PDF preview. Third-party provision without a request is recorded here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.cctv import printing, viewlog
from privdesk.cctv.cameras import CameraInfo, CameraStatus
from privdesk.cctv.provisions import provide_footage
from privdesk.cctv.viewlog import LedgerFilter, LedgerRow, QuickViewing
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
from privdesk.ui.tablemodel import Column, KeysetTableModel
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import DATE_FORMAT, PeriodFilter, fmt_datetime, from_date, to_date

if TYPE_CHECKING:
    from privdesk.ui.cctv.page import CctvPage

CTX = "CctvLedgerModel"
PAGE_SIZE = 200


class LedgerModel(KeysetTableModel[LedgerRow]):
    """Lazy, newest first. ``fetcher(before_id, limit)`` returns the next keyset page."""

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
    ) = range(12)
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
    )

    def __init__(
        self, parent: Any = None, page_size: int = PAGE_SIZE, *, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(lambda r: r.id, parent, page_size, runner=runner)


class QuickEntry(QGroupBox):
    """빠른 기록: camera, from, to, purpose, witness — Enter anywhere in the form saves."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("빠른 기록 — 내부 열람 (Enter로 저장)"), parent)
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
        self.save_button = QPushButton(self.tr("기록"), self)
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
        """Return/Enter from any field (the fields pass it on) saves."""
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
        for column, width in (
            (LedgerModel.COL_ID, 50),
            (LedgerModel.COL_KIND, 50),
            (LedgerModel.COL_AT, 125),
            (LedgerModel.COL_CAMERAS, 110),
            (LedgerModel.COL_WINDOW, 170),
            (LedgerModel.COL_FILE, 170),
            (LedgerModel.COL_STAFF, 150),
            (LedgerModel.COL_PURPOSE, 200),
            (LedgerModel.COL_COUNTERPART, 140),
        ):
            self.table.setColumnWidth(column, width)
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
