"""Parts of the request detail (정보주체 요구 상세): the contact line that unmasks for a while
(연락처 보기, like the patient screen), the table of correction notices (정정 통지) with printing
and the 발송 기록 per recipient, and the correction of a registry patient (환자 정보 정정: the
registry's patient form, saved through the request's use case)."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privdesk.registry.patients import PatientDetail, UnmaskedFields
from privdesk.registry.validation import PatientInput
from privdesk.rights import decisions
from privdesk.rights.decisions import NoticeRow
from privdesk.rights.requests import Contacts, RequestDetail
from privdesk.ui.host import PageHost
from privdesk.ui.registry.form import PatientFormDialog
from privdesk.ui.requests.common import UNMASKED_STYLE
from privdesk.ui.tables import remember_table
from privdesk.ui.widgets import fmt_datetime


class ContactView(QWidget):
    """The phones, masked; after :meth:`show_full` the full contacts for a while, then masked again.
    ``reveal`` asks for the full contacts (the detail asks for a reason and calls the use case)."""

    reveal = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contacts: Contacts | None = None
        self.detail: RequestDetail | None = None
        self._deadline = 0.0
        self.value = QLabel(self)
        self.value.setObjectName("field_contact")
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("연락처 보기…"), self)
        self.button.setObjectName("contactButton")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda _c=False: self.reveal.emit())
        self.status = QLabel(self)
        self.status.setObjectName("contactStatus")
        self.status.setStyleSheet(UNMASKED_STYLE)
        self.status.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.value, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(row)
        box.addWidget(self.status)
        self.remask_timer = QTimer(self)
        self.remask_timer.setSingleShot(True)
        self.remask_timer.timeout.connect(self.remask)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self._tick)

    def set_detail(self, d: RequestDetail) -> None:
        if self.detail is not None and self.detail.id != d.id:
            self.remask()
        self.detail = d
        self._show()

    def show_full(self, contacts: Contacts, msecs: int) -> None:
        self.contacts = contacts
        self._deadline = time.monotonic() + msecs / 1000
        self._show()
        self.remask_timer.start(max(0, msecs))
        self.tick_timer.start()
        self._tick()

    def _tick(self) -> None:
        left = max(0, math.ceil(self._deadline - time.monotonic()))
        self.status.setText(self.tr("마스킹 해제됨 — {seconds}초 뒤 다시 가립니다").format(seconds=left))
        self.status.show()

    @property
    def is_unmasked(self) -> bool:
        return self.contacts is not None

    def remask(self) -> None:
        self.remask_timer.stop()
        self.tick_timer.stop()
        self.contacts = None
        self.status.clear()
        self.status.hide()
        self._show()

    def _show(self) -> None:
        d, c = self.detail, self.contacts
        if d is None:
            self.value.clear()
            return
        if c is None:
            parts = [self.tr("요구인 {phone}").format(phone=d.requester_phone_masked or "-")]
            if d.subject_phone_masked:
                parts.append(self.tr("정보주체 {phone}").format(phone=d.subject_phone_masked))
            self.value.setText(" · ".join(parts))
            self.value.setStyleSheet("")
            return
        lines = [self._person(self.tr("요구인"), c.requester_phone, c.requester_birth, c.requester_address)]
        if c.subject_phone or c.subject_birth or c.subject_address:
            lines.append(
                self._person(self.tr("정보주체"), c.subject_phone, c.subject_birth, c.subject_address)
            )
        self.value.setText("\n".join(lines))
        self.value.setStyleSheet(UNMASKED_STYLE)

    def _person(self, who: str, phone: str, birth: dt.date | None, address: str) -> str:
        parts = [phone or "-"] if phone or not (birth or address) else []
        if birth:
            parts.append(self.tr("생년월일 {birth}").format(birth=birth.isoformat()))
        if address:
            parts.append(self.tr("주소 {address}").format(address=address))
        return f"{who}: " + " · ".join(parts)


def sent_text(n: NoticeRow) -> str:
    if n.sent_at is None:
        return QCoreApplication.translate("NoticesTable", "발송 안 함")
    return QCoreApplication.translate("NoticesTable", "발송함")


class NoticesTable(QTableWidget):
    """One row per recipient: 제공받은 자, 제공일, 제공 항목, 발송 여부·방법·일시, and the row's buttons
    (``print_requested(notice)``, ``mark_requested(notice)``)."""

    print_requested = Signal(object)
    mark_requested = Signal(object)
    COL_BUTTONS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        headers = (
            self.tr("제공받은 자"),
            self.tr("제공일"),
            self.tr("제공 항목"),
            self.tr("발송"),
            self.tr("방법"),
            self.tr("발송 일시"),
            self.tr("통지"),
        )
        super().__init__(0, len(headers), parent)
        self.setObjectName("noticesTable")
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        # sized to the content and remembered through the kit; not sortable: each row carries its
        # own buttons (a cell widget), and a request has a handful of recipients in disclosure order
        remember_table(self)
        self.buttons: dict[int, tuple[QPushButton, QPushButton]] = {}

    def fill(self, rows: list[NoticeRow]) -> None:
        self.buttons = {}
        self.setRowCount(len(rows))
        for i, n in enumerate(rows):
            values = (
                n.recipient,
                n.disclosed_on.isoformat() if n.disclosed_on else "",
                n.items,
                sent_text(n),
                n.sent_method or "",
                fmt_datetime(n.sent_at) if n.sent_at else "",
            )
            for j, value in enumerate(values):
                self.setItem(i, j, QTableWidgetItem(value))
            cell = QWidget(self)
            box = QHBoxLayout(cell)
            box.setContentsMargins(2, 0, 2, 0)
            print_button = QPushButton(self.tr("통지서 출력"), cell)
            print_button.setObjectName(f"printNotice_{n.id}")
            print_button.setAutoDefault(False)
            print_button.clicked.connect(lambda _c=False, x=n: self.print_requested.emit(x))
            sent_button = QPushButton(self.tr("발송 기록…"), cell)
            sent_button.setObjectName(f"markSent_{n.id}")
            sent_button.setAutoDefault(False)
            sent_button.setEnabled(not n.sent)
            sent_button.clicked.connect(lambda _c=False, x=n: self.mark_requested.emit(x))
            box.addWidget(print_button)
            box.addWidget(sent_button)
            self.setCellWidget(i, self.COL_BUTTONS, cell)
            self.buttons[n.id] = (print_button, sent_button)
        self.resizeColumnsToContents()
        self.resizeRowsToContents()
        if rows:
            hint = self.cellWidget(0, self.COL_BUTTONS).sizeHint()
            self.setColumnWidth(self.COL_BUTTONS, max(self.columnWidth(self.COL_BUTTONS), hint.width() + 8))
            for i in range(len(rows)):
                self.setRowHeight(i, max(self.rowHeight(i), hint.height() + 4))


class RequestCorrectionDialog(PatientFormDialog):
    """환자 정보 정정: the registry's patient form, filled with the stored record, with what the
    subject asked for above it. Saving corrects the patient through
    :func:`privdesk.rights.decisions.correct_patient` — the edit, recorded and linked to the request,
    the correction notices opened, the request completed — and ``saved`` carries the request."""

    def __init__(
        self,
        host: PageHost,
        parent: QWidget | None,
        request: RequestDetail,
        patient: PatientDetail,
        plain: UnmaskedFields,
    ) -> None:
        super().__init__(host, parent, detail=patient, plain=plain)
        self.setObjectName("requestCorrectionDialog")
        self.request = request
        self.setWindowTitle(self.tr("환자 정보 정정 — {number}").format(number=request.number))
        asked = QLabel(self.tr("요구 내용: {text}").format(text=request.request_text), self)
        asked.setObjectName("requestedCorrection")
        asked.setWordWrap(True)
        asked.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        asked.setStyleSheet("color: #333; background: #f4f5f7; padding: 6px; border: 1px solid #d0d4da;")
        how = QLabel(
            self.tr(
                "요구한 대로 고친 뒤 '정정 완료'를 누르십시오. 고친 항목이 이 요구에 연결되어 기록되고, 이 "
                "기록을 제공받은 곳마다 정정 통지가 만들어지며, 처리정지가 풀립니다."
            ),
            self,
        )
        how.setWordWrap(True)
        box = self.layout()
        assert isinstance(box, QVBoxLayout)
        box.insertWidget(0, asked)
        box.insertWidget(1, how)
        # 일부만 정정: what was not corrected, on a ground that can apply to a correction
        self.partial = QCheckBox(
            self.tr("요구한 것 중 일부만 정정함 (나머지는 사유를 들어 정정하지 않음)"), self
        )
        self.partial.setObjectName("partialCorrection")
        self.ground = QComboBox(self)
        self.ground.setObjectName("ground")
        self.ground.addItem(self.tr("— 사유를 고르십시오 —"), "")
        for g in decisions.grounds_for("correct"):
            self.ground.addItem(g.label, g.code)
            self.ground.setItemData(self.ground.count() - 1, g.basis, Qt.ItemDataRole.ToolTipRole)
        self.explanation = QPlainTextEdit(self)
        self.explanation.setObjectName("explanation")
        self.explanation.setFixedHeight(60)
        self.explanation.setPlaceholderText(
            self.tr("정정하지 않은 부분과 그 사유 — 결과 통지서에 그대로 적힙니다.")
        )
        self.partial.toggled.connect(self._partial_toggled)
        at = box.indexOf(self.message)
        for i, w in enumerate((self.partial, self.ground, self.explanation)):
            box.insertWidget(at + i, w)
        self._partial_toggled(False)
        self.save_button.setText(self.tr("정정 완료"))

    def _partial_toggled(self, on: bool) -> None:
        self.ground.setVisible(on)
        self.explanation.setVisible(on)

    def save(self) -> None:
        if self.partial.isChecked():
            if not self.ground.currentData():
                self.message.setText(self.tr("정정하지 않은 부분의 사유를 목록에서 고르십시오."))
                return
            if not self.explanation.toPlainText().strip():
                self.message.setText(self.tr("정정하지 않은 부분과 그 사유를 적으십시오."))
                return
        super().save()

    def work(self, data: PatientInput, accept: bool) -> Callable[[], Any]:
        ctx, actor, patient, request = self.host.ctx, self.host.actor, self.detail, self.request
        assert patient is not None
        partial = self.partial.isChecked()
        ground = str(self.ground.currentData() or "") if partial else ""
        explanation = self.explanation.toPlainText() if partial else ""
        return lambda: decisions.correct_patient(
            ctx,
            actor,
            request.id,
            data,
            patient_version=patient.version,
            ground=ground,
            explanation=explanation,
            accept_check_digit_warning=accept,
            loaded=patient,
            expected_version=request.version,
        )

    def _saved(self, detail: Any) -> None:  # the request, completed
        self._saving = False
        self.saved.emit(detail)
        self.accept()
