"""The processor screen (수탁업체, 개인정보 처리업무 위탁 현황).

The registry with each contract's state: a contract ending within 30 days is highlighted in amber
*and* says so in the 상태 column ("종료 임박 (D-12)"), an ended one in red ("계약 만료"), a processor
whose outsourcing ended is grey ("위탁 종료") — colour is never the only signal. Edits open a form
whose reason is required (it goes to the change history); a stale copy is refused by the use case
and the list reloads. 변경 이력 shows who changed what, when and why; 목록 출력 prints the list for
the policy into the PDF preview. 계약 관리 opens the contract's checklist (법 제26조①), its
sub-processors and the return or destruction of the data at its end
(:mod:`privdesk.ui.disclosures.contract`); an ended contract without that record is red and says
"반환·파기 미확인". The page needs ``processor.manage``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.disclosures import printing
from privdesk.disclosures import processors as uc
from privdesk.disclosures.processors import ProcessorChangeInput, ProcessorChangeRow, ProcessorRow
from privdesk.errors import PrivdeskError, VersionConflictError
from privdesk.korean import particle_in
from privdesk.ui import messages
from privdesk.ui.cctv.common import ERROR_STYLE, PrintJob
from privdesk.ui.disclosures.common import DISCLOSURES
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import Column, RowTableModel, selected_row
from privdesk.ui.tasks import Changes
from privdesk.ui.widgets import DATE_FORMAT, fmt_datetime, from_date, heading, record_table, to_date

CTX = "ProcessorsModel"
SOON_BACKGROUND = QColor("#fff3cd")
EXPIRED_BACKGROUND = QColor("#fde7e9")


def status_text(r: ProcessorRow) -> str:
    """The contract's state in words (the table, the tests, a colour-blind reader)."""
    if r.outstanding:
        return QCoreApplication.translate("ProcessorsModel", "■ 반환·파기 미확인")
    if not r.active:
        return QCoreApplication.translate("ProcessorsModel", "위탁 종료")
    if r.expired:
        return QCoreApplication.translate("ProcessorsModel", "■ 계약 만료")
    if r.ending_soon:
        return QCoreApplication.translate("ProcessorsModel", "⚠ 종료 임박 (D-{n})").format(n=r.days_left)
    return ""


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


class ProcessorsModel(RowTableModel[ProcessorRow]):
    CONTEXT = CTX
    COL_STATUS, COL_NAME = 0, 1
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "상태"), status_text),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "수탁업체명"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "위탁업무 내용"), lambda r: r.task),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "보유기간"), lambda r: r.retention),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "계약 시작일"), lambda r: _date(r.contract_start)),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "계약 종료일"), lambda r: _date(r.contract_end)),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "담당자·연락처"), lambda r: r.contact),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "최근 점검·교육일"), lambda r: _date(r.last_check)),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "계약서 필수 기재사항"), lambda r: r.checklist_text),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "재위탁"), lambda r: r.subprocessors_text),
        Column(QT_TRANSLATE_NOOP("ProcessorsModel", "최종 변경"), lambda r: fmt_datetime(r.updated_at)),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            r = self.row_object(index.row())
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(Qt.GlobalColor.gray) if not r.active and not r.outstanding else None
            if r.outstanding or (r.active and r.expired):
                return EXPIRED_BACKGROUND
            if r.active and r.ending_soon:
                return SOON_BACKGROUND
            return None
        return super().data(index, role)


class OptionalDate(QWidget):
    """A date that may be left empty (미입력): a check box turns the date field on."""

    def __init__(self, parent: QWidget | None, value: dt.date | None, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.enabled = QCheckBox(self)
        self.enabled.setObjectName(f"{name}Set")
        self.edit = QDateEdit(from_date(value or clock.today_kst()), self)
        self.edit.setObjectName(f"{name}Date")
        self.edit.setDisplayFormat(DATE_FORMAT)
        self.edit.setCalendarPopup(True)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def value(self) -> dt.date | None:
        return to_date(self.edit.date()) if self.enabled.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(from_date(value))


class ProcessorDialog(QDialog):
    """수탁업체 추가 (``row=None``) or 수정: every field and the reason (필수). 저장 emits
    ``submitted``; the page closes the dialog once the use case accepted, or shows its refusal here."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None, row: ProcessorRow | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("processorDialog")
        self.row = row
        self.setWindowTitle(
            self.tr("수탁업체 수정 — {name}").format(name=row.name) if row else self.tr("수탁업체 추가")
        )
        form = QFormLayout()
        self.name = QLineEdit(row.name if row else "", self)
        self.name.setObjectName("name")
        self.task = QLineEdit(row.task if row else "", self)
        self.task.setObjectName("task")
        self.retention = QLineEdit(row.retention if row else "위탁계약 종료 시까지", self)
        self.retention.setObjectName("retention")
        self.start = OptionalDate(self, row.contract_start if row else None, "contractStart")
        self.end = OptionalDate(self, row.contract_end if row else None, "contractEnd")
        self.contact = QLineEdit(row.contact if row else "", self)
        self.contact.setObjectName("contact")
        self.contact.setPlaceholderText(self.tr("업체 담당자·연락처"))
        self.last_check = OptionalDate(self, row.last_check if row else None, "lastCheck")
        self.check_note = QLineEdit(row.check_note if row else "", self)
        self.check_note.setObjectName("checkNote")
        self.check_note.setPlaceholderText(self.tr("점검·교육 내용 (법 제26조제4항)"))
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setFixedHeight(60)
        for label, widget in (
            (self.tr("수탁업체명"), self.name),
            (self.tr("위탁업무 내용"), self.task),
            (self.tr("보유기간"), self.retention),
            (self.tr("계약 시작일"), self.start),
            (self.tr("계약 종료일"), self.end),
            (self.tr("담당자·연락처"), self.contact),
            (self.tr("최근 점검·교육일"), self.last_check),
            (self.tr("점검·교육 내용"), self.check_note),
            (self.tr("사유 (필수)"), self.reason),
        ):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("저장"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self._validate)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _validate(self) -> None:
        if not self.reason_text():
            self.failed(self.tr("사유를 입력하십시오. 수탁업체 변경 이력에 남습니다."))
            return
        self.submitted.emit()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def value(self) -> ProcessorChangeInput:
        return ProcessorChangeInput(
            name=self.name.text(),
            task=self.task.text(),
            retention=self.retention.text(),
            contract_start=self.start.value(),
            contract_end=self.end.value(),
            contact=self.contact.text(),
            last_check=self.last_check.value(),
            check_note=self.check_note.text(),
        )

    def failed(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


CHANGE_TEXT = {
    "create": QT_TRANSLATE_NOOP("ProcessorChangesModel", "등록"),
    "update": QT_TRANSLATE_NOOP("ProcessorChangesModel", "변경"),
    "deactivate": QT_TRANSLATE_NOOP("ProcessorChangesModel", "위탁 종료"),
    "reactivate": QT_TRANSLATE_NOOP("ProcessorChangesModel", "재개"),
    "checklist": QT_TRANSLATE_NOOP("ProcessorChangesModel", "계약서 점검"),
    "subcontract": QT_TRANSLATE_NOOP("ProcessorChangesModel", "재위탁 등록"),
    "subcontract_end": QT_TRANSLATE_NOOP("ProcessorChangesModel", "재위탁 종료"),
    "returned": QT_TRANSLATE_NOOP("ProcessorChangesModel", "반환·파기 확인"),
}


class ChangesModel(RowTableModel[ProcessorChangeRow]):
    CONTEXT = "ProcessorChangesModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ProcessorChangesModel", "일시"), lambda c: fmt_datetime(c.at)),
        Column(
            QT_TRANSLATE_NOOP("ProcessorChangesModel", "변경자"), lambda c: c.actor_label or c.actor_login
        ),
        Column(
            QT_TRANSLATE_NOOP("ProcessorChangesModel", "구분"),
            lambda c: QCoreApplication.translate(
                "ProcessorChangesModel", CHANGE_TEXT.get(c.change, c.change)
            ),
        ),
        Column(QT_TRANSLATE_NOOP("ProcessorChangesModel", "내용"), lambda c: c.detail),
        Column(QT_TRANSLATE_NOOP("ProcessorChangesModel", "사유"), lambda c: c.reason),
    )


def with_particle(template: str, name: str) -> str:
    """``{name}{wa}``: the name with 과/와 in Korean, bare in a translation."""
    return template.format(name=name, wa=particle_in(template, name, "과/와"))


class ProcessorHistoryDialog(QDialog):
    def __init__(self, parent: QWidget | None, name: str, changes: list[ProcessorChangeRow]) -> None:
        super().__init__(parent)
        self.setObjectName("processorHistoryDialog")
        self.setWindowTitle(self.tr("수탁업체 변경 이력 — {name}").format(name=name))
        layout = QVBoxLayout(self)
        self.model = ChangesModel(self)
        self.model.set_rows(changes)
        self.table = record_table(self, "historyTable", self.model)
        for col, width in ((0, 120), (1, 80), (2, 70), (3, 420)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 380)


class ProcessorsPage(Page):
    """수탁업체 (permission: processor.manage)."""

    SHOWS = frozenset({"disclosures"})  # the processors and their contracts

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("processorsPage")
        self.dialog: QDialog | None = None
        self.print_job: PrintJob | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("수탁업체 (개인정보 처리업무 위탁)"), self))
        note = QLabel(
            self.tr(
                "계약 종료일이 {days}일 이내인 업체는 노란색과 '종료 임박' 표시로, 계약이 끝난 업체는 "
                "빨간색과 '계약 만료' 표시로 나타납니다."
            ).format(days=uc.ENDING_SOON_DAYS),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        bar = QHBoxLayout()
        self.add_button = self._button(bar, "addProcessor", self.tr("추가"), self.add_processor)
        self.edit_button = self._button(bar, "editProcessor", self.tr("수정"), self.edit_processor)
        self.history_button = self._button(bar, "processorHistory", self.tr("변경 이력"), self.show_history)
        self.active_button = self._button(bar, "toggleActive", self.tr("위탁 종료"), self.toggle_active)
        self.contract_button = self._button(
            bar, "processorContract", self.tr("계약 관리"), self.show_contract
        )
        self.show_inactive = QCheckBox(self.tr("위탁 종료 업체도 표시"), self)
        self.show_inactive.setObjectName("showInactive")
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(lambda _c: self.reload())
        bar.addWidget(self.show_inactive)
        bar.addStretch(1)
        self.print_button = self._button(bar, "printProcessors", self.tr("목록 출력"), self.print_list)
        layout.addLayout(bar)
        self.model = ProcessorsModel(self)
        self.table = record_table(self, "processorsTable", self.model)
        for col, width in ((0, 130), (1, 170), (2, 220), (3, 140), (4, 95), (5, 95), (6, 160), (7, 110)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.edit_processor())
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        self._update_buttons()

    def _button(self, bar: QHBoxLayout, name: str, text: str, slot: Any) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        bar.addWidget(b)
        return b

    def run(self, fn: Any, on_done: Any = None, *, changes: Changes = False, on_error: Any = None) -> None:
        """Run a disclosures use case; ``changes=DISCLOSURES`` when it changed the disclosures data."""

        def failed(exc: BaseException) -> bool:
            if on_error is not None and on_error(exc):
                return True
            if isinstance(exc, VersionConflictError):
                messages.show_info(
                    self,
                    self.tr("다른 사용자가 변경함"),
                    self.tr(
                        "다른 사용자가 먼저 이 수탁업체를 변경했습니다. 최신 내용을 다시 불러왔으니 확인한 뒤 다시 하십시오."
                    ),
                )
                self.reload()
                return True
            return False

        self.host.runner.run(
            fn,
            owner=self,
            on_done=on_done,
            on_error=failed,
            changes=changes,
        )

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def focus_target(self) -> QWidget | None:
        return self.table

    def new_action(self) -> Callable[[], object] | None:
        return self.add_processor

    def print_action(self) -> Callable[[], object] | None:
        return self.print_list

    def reload(self) -> None:
        ctx, actor, inactive = self.host.ctx, self.host.actor, self.show_inactive.isChecked()
        self.run(lambda: uc.list_processors(ctx, actor, include_inactive=inactive), self._loaded)

    def _loaded(self, rows: list[ProcessorRow]) -> None:
        keep = self.selected()
        self.model.set_rows(rows)
        active = [r for r in rows if r.active]
        soon = sum(1 for r in active if r.ending_soon)
        ended = sum(1 for r in active if r.expired)
        open_ = sum(1 for r in rows if r.outstanding)
        self.status.setText(
            self.tr(
                "위탁 중 {n}곳 — 계약 종료 임박 {soon}곳, 계약 만료 {ended}곳, 반환·파기 미확인 {open}곳"
            ).format(n=len(active), soon=soon, ended=ended, open=open_)
        )
        if keep is not None:
            for i, r in enumerate(rows):
                if r.id == keep.id:
                    self.table.selectRow(i)
        self._update_buttons()

    def selected(self) -> ProcessorRow | None:
        return selected_row(self.table, self.model)

    def select_name(self, name: str) -> bool:
        for i, r in enumerate(self.model.rows()):
            if r.name == name:
                self.table.selectRow(i)
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected()
        for b in (self.edit_button, self.history_button, self.active_button, self.contract_button):
            b.setEnabled(row is not None)
        self.active_button.setText(
            self.tr("위탁 재개") if row is not None and not row.active else self.tr("위탁 종료")
        )

    def _open(self, dialog: QDialog, on_accept: Any) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def add_processor(self) -> None:
        dialog = ProcessorDialog(self)
        ctx, actor = self.host.ctx, self.host.actor
        self._open_form(dialog, lambda data, reason: uc.add_processor(ctx, actor, data, reason))

    def edit_processor(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = ProcessorDialog(self, row)
        ctx, actor = self.host.ctx, self.host.actor
        self._open_form(
            dialog, lambda data, reason: uc.update_processor(ctx, actor, row.id, data, reason, row.version)
        )

    def _open_form(self, dialog: ProcessorDialog, save: Any) -> None:
        def submitted() -> None:
            data, reason = dialog.value(), dialog.reason_text()  # read on the GUI thread
            dialog.buttons.setEnabled(False)

            def failed(exc: BaseException) -> bool:
                if not shiboken6.isValid(dialog):
                    return False
                dialog.buttons.setEnabled(True)
                if isinstance(exc, PrivdeskError) and not isinstance(exc, VersionConflictError):
                    dialog.failed(str(exc))
                    return True
                if isinstance(exc, VersionConflictError):
                    dialog.reject()
                return False

            def done(_row: ProcessorRow) -> None:
                if shiboken6.isValid(dialog):
                    dialog.accept()

            self.run(lambda: save(data, reason), done, changes=DISCLOSURES, on_error=failed)

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def toggle_active(self) -> None:
        from privdesk.ui.widgets import ReasonDialog

        row = self.selected()
        if row is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        if row.active:
            dialog = ReasonDialog(
                self,
                self.tr("위탁 종료"),
                with_particle(
                    self.tr(
                        "{name}{wa}의 위탁을 종료합니다. 처리방침의 수탁업체 목록에서 빠지고 변경 이력은 남습니다."
                    ),
                    row.name,
                ),
            )
        else:
            dialog = ReasonDialog(
                self,
                self.tr("위탁 재개"),
                with_particle(self.tr("{name}{wa}의 위탁을 다시 시작합니다."), row.name),
            )

        def go() -> None:
            reason = dialog.reason_text()
            if row.active:
                self.run(
                    lambda: uc.deactivate_processor(ctx, actor, row.id, reason, row.version),
                    changes=DISCLOSURES,
                )
            else:
                self.run(
                    lambda: uc.reactivate_processor(ctx, actor, row.id, reason, row.version),
                    changes=DISCLOSURES,
                )

        self._open(dialog, go)

    def show_contract(self) -> None:
        from privdesk.ui.disclosures.contract import ContractDialog

        row = self.selected()
        if row is None:
            return
        dialog = ContractDialog(self, row, self.run, self.host.ctx, self.host.actor)
        self.dialog = dialog
        dialog.changed.connect(self.reload)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def show_history(self) -> None:
        row = self.selected()
        if row is None:
            return
        ctx, actor = self.host.ctx, self.host.actor

        def shown(changes: list[ProcessorChangeRow]) -> None:
            dialog = ProcessorHistoryDialog(self, row.name, changes)
            self.dialog = dialog
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        self.run(lambda: uc.processor_history(ctx, actor, row.id), shown)

    def print_list(self) -> PrintJob | None:
        ctx, actor = self.host.ctx, self.host.actor
        today = clock.today_kst()
        job = PrintJob.start(
            self.host,
            self,
            self.tr("수탁업체 현황"),
            f"수탁업체현황-{today.isoformat()}.pdf",
            lambda out, on_page, why: printing.print_processors(ctx, actor, out, reason=why, on_page=on_page),
        )
        if job is not None:
            self.print_job = job
        return job


def processors_page(host: PageHost, parent: QWidget | None) -> Page:
    """The page factory for :class:`privdesk.ui.pages.PageSpec`."""
    return ProcessorsPage(host, parent)
