"""The destruction ledger tab (개인정보파일 파기 관리대장).

The ledger opens at once however long it grows (keyset pages, newest first) with a period and a
text filter. 종이·매체 파기 기록 enters a paper or media destruction by hand (what, how many, method
분쇄/소각/전문업체, executed by, witnessed by, the company's certificate number). 관리대장 출력 prints
a period in the background with progress and cancel into the PDF preview.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.errors import PrivdeskError
from privdesk.lifecycle import ledger, printing
from privdesk.lifecycle.ledger import KINDS, METHODS, LedgerFilter, LedgerRow, ManualDestruction
from privdesk.ui import messages
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.lifecycle.common import LifecycleTab
from privdesk.ui.tablemodel import Column, KeysetTableModel
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import DATE_FORMAT, PeriodFilter, from_date, record_table, to_date

if TYPE_CHECKING:
    from privdesk.ui.lifecycle.page import LifecyclePage

ERROR_STYLE = "color: #a00000;"


class LedgerModel(KeysetTableModel[LedgerRow]):
    CONTEXT = "LifecycleLedgerModel"
    SERVER_ORDER = (0, Qt.SortOrder.DescendingOrder)  # 번호, newest first
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("LifecycleLedgerModel", "번호"),
            lambda r: str(r.id),
            lambda r: r.id,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "개인정보 파일명"), lambda r: r.file_name),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "자료의 종류"), lambda r: r.kind),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "생성일"), lambda r: r.created),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "폐기일"), lambda r: r.destroyed_on.isoformat()),
        Column(
            QT_TRANSLATE_NOOP("LifecycleLedgerModel", "수량"),
            lambda r: f"{r.item_count:,}",
            lambda r: r.item_count,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "방법"), lambda r: r.method),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "처리담당자"), lambda r: r.executed_by),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "처리부서장"), lambda r: r.approved_by),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "입회자"), lambda r: r.witness),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "확인서 번호"), lambda r: r.certificate_no),
        Column(QT_TRANSLATE_NOOP("LifecycleLedgerModel", "폐기사유"), lambda r: r.reason),
    )

    def __init__(self, parent: Any = None, *, runner: TaskRunner | None = None) -> None:
        super().__init__(lambda r: r.id, parent, 200, runner=runner)


class ManualDialog(QDialog):
    """종이·저장매체 파기 기록: what, how many, how, who, witness, the company's certificate.
    기록 emits ``submitted``; the tab closes the dialog once the use case accepted the entry."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("manualDialog")
        self.setWindowTitle(self.tr("종이·매체 파기 기록"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.file_name = QLineEdit(self)
        self.file_name.setObjectName("fileName")
        self.file_name.setPlaceholderText(self.tr("예: 2019년 진료 접수 대장"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for k in KINDS:
            if k != "전자파일":
                self.kind.addItem(k, k)
        self.count = QSpinBox(self)
        self.count.setObjectName("count")
        self.count.setRange(1, 10_000_000)
        self.method = QComboBox(self)
        self.method.setObjectName("method")
        for m in METHODS:
            self.method.addItem(m, m)
        self.destroyed_on = QDateEdit(from_date(clock.today_kst()), self)
        self.destroyed_on.setObjectName("destroyedOn")
        self.destroyed_on.setDisplayFormat(DATE_FORMAT)
        self.destroyed_on.setCalendarPopup(True)
        self.reason = QLineEdit(self.tr("보유기간 경과"), self)
        self.reason.setObjectName("reason")
        self.created = QLineEdit(self)
        self.created.setObjectName("created")
        self.created.setPlaceholderText(self.tr("예: 2019-01 ~ 2019-12 (선택)"))
        self.executed_by = QLineEdit(self)
        self.executed_by.setObjectName("executedBy")
        self.witness = QLineEdit(self)
        self.witness.setObjectName("witness")
        self.approved_by = QLineEdit(self)
        self.approved_by.setObjectName("approvedBy")
        self.certificate_no = QLineEdit(self)
        self.certificate_no.setObjectName("certificateNo")
        self.certificate_no.setPlaceholderText(self.tr("전문업체 파기 시 필수"))
        for text, w in (
            (self.tr("개인정보 파일명"), self.file_name),
            (self.tr("자료의 종류"), self.kind),
            (self.tr("수량"), self.count),
            (self.tr("파기 방법"), self.method),
            (self.tr("파기일"), self.destroyed_on),
            (self.tr("파기 사유"), self.reason),
            (self.tr("생성일(기간)"), self.created),
            (self.tr("처리담당자"), self.executed_by),
            (self.tr("입회자"), self.witness),
            (self.tr("처리부서장"), self.approved_by),
            (self.tr("파기 확인서 번호"), self.certificate_no),
        ):
            form.addRow(text, w)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("기록"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.submitted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def value(self) -> ManualDestruction:
        return ManualDestruction(
            file_name=self.file_name.text(),
            kind=str(self.kind.currentData()),
            item_count=self.count.value(),
            method=str(self.method.currentData()),
            executed_by=self.executed_by.text(),
            reason=self.reason.text(),
            destroyed_on=to_date(self.destroyed_on.date()),
            created=self.created.text(),
            witness=self.witness.text(),
            certificate_no=self.certificate_no.text(),
            approved_by=self.approved_by.text(),
        )

    def failed(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class LedgerTab(LifecycleTab):
    def __init__(self, page: LifecyclePage) -> None:
        super().__init__(page)
        self.setObjectName("ledgerTab")
        self.manual_dialog: ManualDialog | None = None
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.period = PeriodFilter(self, days=365)
        filters.addWidget(self.period)
        filters.addWidget(QLabel(self.tr("검색어"), self))
        self.text = QLineEdit(self)
        self.text.setObjectName("textFilter")
        self.text.returnPressed.connect(self.reload)
        filters.addWidget(self.text)
        self.button(filters, "searchLedger", self.tr("조회"), self.reload)
        filters.addStretch(1)
        self.button(filters, "manualEntry", self.tr("종이·매체 파기 기록"), self.manual_entry)
        layout.addLayout(filters)
        self.period.changed.connect(self.reload)
        self.model = LedgerModel(self, runner=self.host.runner)
        self.model.fetch_failed.connect(lambda exc: messages.show_error(self, exc))
        self.model.fetched.connect(self._update_status)
        self.table = record_table(self, "ledgerTable", self.model)
        for col, width in ((0, 50), (1, 150), (2, 80), (3, 140), (4, 90), (5, 60), (6, 160)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("status")
        bottom.addWidget(self.status, 1)
        bottom.addWidget(QLabel(self.tr("출력 기간"), self))
        today = clock.today_kst()
        self.print_from = QDateEdit(from_date(today.replace(month=1, day=1)), self)
        self.print_to = QDateEdit(from_date(today), self)
        for name, edit in (("printFrom", self.print_from), ("printTo", self.print_to)):
            edit.setObjectName(name)
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setCalendarPopup(True)
            bottom.addWidget(edit)
        self.button(bottom, "printLedger", self.tr("관리대장 출력"), self.print_ledger)
        layout.addLayout(bottom)

    def ledger_filter(self) -> LedgerFilter:
        since, until = self.period.value()
        return LedgerFilter(since=since, until=until, text=self.text.text().strip() or None)

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def search_box(self) -> QWidget | None:
        return self.text

    def print_action(self) -> Callable[[], object] | None:
        return self.print_ledger

    def reload(self) -> None:
        ctx, actor, flt = self.host.ctx, self.host.actor, self.ledger_filter()

        def fetch(before: int | None, limit: int) -> list[LedgerRow]:
            return ledger.list_ledger(ctx, actor, flt, before_id=before, limit=limit)

        self.model.start(fetch)

    def _update_status(self) -> None:
        n = self.model.rowCount()
        if self.model.exhausted:
            self.status.setText(self.tr("{n}건").format(n=n))
        else:
            self.status.setText(self.tr("{n}건 표시 — 아래로 내리면 더 읽습니다").format(n=n))

    def manual_entry(self) -> None:
        dialog = ManualDialog(self)
        dialog.submitted.connect(lambda: self._save_manual(dialog))
        self.manual_dialog = dialog
        self.page.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _save_manual(self, dialog: ManualDialog) -> None:
        data = dialog.value()
        ctx, actor = self.host.ctx, self.host.actor
        dialog.buttons.setEnabled(False)

        def done(_row: LedgerRow) -> None:
            dialog.accept()

        def failed(exc: BaseException) -> bool:
            dialog.buttons.setEnabled(True)
            if isinstance(exc, PrivdeskError):
                dialog.failed(str(exc))
                return True
            return False

        self.run(lambda: ledger.record_manual(ctx, actor, data), done, on_error=failed)

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
            self.tr("개인정보파일 파기 관리대장"),
            f"파기관리대장-{first.isoformat()}_{last.isoformat()}.pdf",
            lambda out, on_page, why: printing.print_ledger(
                ctx, actor, first, last, Path(out), reason=why, on_page=on_page
            ),
        )
