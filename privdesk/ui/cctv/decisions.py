"""Dialogs of the request detail (열람등 청구의 처리): approve / partly approve (열람 일정, 타인
마스킹), refuse (거절 사유 from the law's list + explanation), extend (연기 기한 + 사유), masking,
completion (입회자), and third-party provision (제3자 제공: 공문 번호, 법적 근거).

Each dialog checks what it can (the OK button or a message says what is missing) and hands typed
values to the use case, which checks everything again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.cctv.cameras import CameraInfo
from privdesk.cctv.decisions import REFUSAL_GROUNDS, Approval
from privdesk.cctv.provisions import SUGGESTED_BASES, SUGGESTED_FORMS, ProvisionInput
from privdesk.cctv.requests import ELIGIBILITY_LABELS, Eligibility, RequestDetail
from privdesk.cctv.retention import FootageStatus
from privdesk.ui.cctv.common import ERROR_STYLE, CameraPicker, WindowEdit, datetime_edit, to_kst_datetime
from privdesk.ui.widgets import DATE_FORMAT, from_date, start_in_first_field, to_date


class _FormDialog(QDialog):
    """A form with an error line and OK/Cancel; subclasses implement :meth:`problem`."""

    def __init__(self, parent: QWidget | None, name: str, title: str, ok_text: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("Cctv", "취소")
        )
        self.buttons.accepted.connect(self._validate)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(520)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)
        start_in_first_field(self)  # the cursor starts in the first field, not on the buttons

    def text_edit(self, name: str, height: int = 60) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setFixedHeight(height)
        return edit

    def problem(self) -> str:
        return ""

    def _validate(self) -> None:
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            return
        self.accept()


def _ground_combo(parent: QWidget, selected: str | None = None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName("ground")
    for g in REFUSAL_GROUNDS:
        combo.addItem(g.label, g.code)
        combo.setItemData(combo.count() - 1, g.basis, Qt.ItemDataRole.ToolTipRole)
    if selected:
        combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


class ApproveDialog(_FormDialog):
    """승인 or 일부 승인 (``partly``): eligibility, the viewing schedule, masking of others in the frames."""

    def __init__(
        self, parent: QWidget | None, detail: RequestDetail, viewing_place: str, *, partly: bool = False
    ) -> None:
        super().__init__(
            parent,
            "approveDialog",
            self.tr("일부 승인 — {number}").format(number=detail.number)
            if partly
            else self.tr("승인 — {number}").format(number=detail.number),
            self.tr("일부 승인") if partly else self.tr("승인"),
        )
        self.partly = partly
        self.is_view = detail.row.kind == "view"
        self.eligibility = QComboBox(self)
        self.eligibility.setObjectName("eligibility")
        for code in (Eligibility.APPEARS, Eligibility.URGENT):
            self.eligibility.addItem(ELIGIBILITY_LABELS[code], str(code))
        self.note = self.text_edit("eligibilityNote", 50)
        self.note.setPlaceholderText(self.tr("예: 청구인이 CAM-07 영상에 보임 (급박한 경우 필수)"))
        start = clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
        self.viewing_at = datetime_edit(self, start.replace(hour=10), "viewingAt")
        self.viewing_at.setEnabled(self.is_view)
        self.place = QLineEdit(viewing_place, self)
        self.place.setObjectName("viewingPlace")
        self.place.setEnabled(self.is_view)
        self.others = QCheckBox(self.tr("다른 사람이 함께 찍혀 있음 (마스킹 필요)"), self)
        self.others.setObjectName("othersInFrame")
        self.masked = QCheckBox(self.tr("마스킹(모자이크) 처리를 마침"), self)
        self.masked.setObjectName("maskingDone")
        self.masked_by = QLineEdit(self)
        self.masked_by.setObjectName("maskedBy")
        self.masked_by.setPlaceholderText(self.tr("처리한 사람"))
        self.form.addRow(self.tr("열람 대상 판단"), self.eligibility)
        self.form.addRow(self.tr("판단 근거"), self.note)
        self.form.addRow(self.tr("열람 일시"), self.viewing_at)
        self.form.addRow(self.tr("열람 장소"), self.place)
        self.form.addRow(self.tr("타인 마스킹"), self.others)
        self.form.addRow("", self.masked)
        self.form.addRow(self.tr("마스킹 처리자"), self.masked_by)
        self.withheld: QPlainTextEdit | None = None
        self.ground: QComboBox | None = None
        if partly:
            self.withheld = self.text_edit("withheld")
            self.ground = _ground_combo(self, "privacy_of_others")
            self.form.addRow(self.tr("열람 제한 부분"), self.withheld)
            self.form.addRow(self.tr("제한 사유"), self.ground)
        self.others.toggled.connect(self._masking_changed)
        self.masked.toggled.connect(self._masking_changed)
        self._masking_changed()
        self.finish_layout()

    def _masking_changed(self) -> None:
        self.masked.setEnabled(self.others.isChecked())
        if not self.others.isChecked():
            self.masked.setChecked(False)
        self.masked_by.setEnabled(self.masked.isChecked())

    def problem(self) -> str:
        if self.eligibility.currentData() == Eligibility.URGENT and not self.note.toPlainText().strip():
            return self.tr("급박한 생명·신체·재산의 이익을 위한 열람은 판단 근거를 적으십시오.")
        if self.masked.isChecked() and not self.masked_by.text().strip():
            return self.tr("마스킹 처리자를 입력하십시오.")
        if self.withheld is not None and not self.withheld.toPlainText().strip():
            return self.tr("열람을 제한하는 부분과 그 이유를 적으십시오.")
        return ""

    def approval(self) -> Approval:
        return Approval(
            eligibility=self.eligibility.currentData(),
            eligibility_note=self.note.toPlainText(),
            viewing_at=to_kst_datetime(self.viewing_at.dateTime()) if self.is_view else None,
            viewing_place=self.place.text() if self.is_view else "",
            others_in_frame=self.others.isChecked(),
            masking_done=self.masked.isChecked(),
            masked_by=self.masked_by.text() if self.masked.isChecked() else "",
        )

    def withheld_text(self) -> str:
        return self.withheld.toPlainText() if self.withheld is not None else ""

    def ground_code(self) -> str:
        return str(self.ground.currentData()) if self.ground is not None else ""


def _footage_gone(detail: RequestDetail) -> tuple[bool, bool]:
    """(all of the requested footage is gone, some of it is): the ground 보관기간 경과로 파기 is
    preselected in the first case, offered in the second, and not offered while all of it is kept."""
    days = [f for f in detail.footage if f.status != FootageStatus.FUTURE]
    gone = [f for f in days if f.status == FootageStatus.GONE]
    return detail.row.footage_gone or (bool(days) and len(gone) == len(days)), bool(gone)


class RefuseDialog(_FormDialog):
    """거절: a ground from the law's list and an explanation (both required). The ground follows
    the request's footage: 보관기간 경과로 파기 is preselected when the footage is gone, not offered
    while it is all still kept, and otherwise the user chooses (nothing is preselected)."""

    RETENTION = "retention_expired"

    def __init__(self, parent: QWidget | None, detail: RequestDetail) -> None:
        super().__init__(
            parent, "refuseDialog", self.tr("거절 — {number}").format(number=detail.number), self.tr("거절")
        )
        all_gone, some_gone = _footage_gone(detail)
        self.ground = _ground_combo(self, self.RETENTION if all_gone else None)
        self.ground.insertItem(0, self.tr("— 거절 사유를 고르십시오 —"), "")
        if not all_gone:
            self.ground.setCurrentIndex(0)
        if not some_gone:  # the footage is kept (보존 연장): it was not destroyed
            index = self.ground.findData(self.RETENTION)
            item = cast(QStandardItemModel, self.ground.model()).item(index)
            if item is not None:
                item.setEnabled(False)
                item.setToolTip(self.tr("요청한 기간의 영상이 보관 중이므로 이 사유는 쓸 수 없습니다."))
        self.basis = QLabel(self)
        self.basis.setObjectName("groundBasis")
        self.basis.setWordWrap(True)
        self.explanation = self.text_edit("explanation", 80)
        self.explanation.setPlaceholderText(self.tr("결과 통지서에 그대로 적힙니다."))
        self.form.addRow(self.tr("거절 사유"), self.ground)
        self.form.addRow(self.tr("근거"), self.basis)
        self.form.addRow(self.tr("설명 (필수)"), self.explanation)
        self.ground.currentIndexChanged.connect(lambda _i: self._ground_changed())
        self.explanation.textChanged.connect(self._update_ok)
        self._ground_changed()
        self._update_ok()
        self.finish_layout()

    def ground_code(self) -> str:
        return str(self.ground.currentData() or "")

    def select_ground(self, code: str) -> None:
        self.ground.setCurrentIndex(max(0, self.ground.findData(code)))

    def _ground_changed(self) -> None:
        code = self.ground_code()
        self.basis.setText(next((g.basis for g in REFUSAL_GROUNDS if g.code == code), ""))
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.ground_code() and self.explanation.toPlainText().strip()))

    def problem(self) -> str:
        if not self.ground_code():
            return self.tr("거절 사유를 목록에서 고르십시오.")
        return "" if self.explanation.toPlainText().strip() else self.tr("거절 사유 설명을 입력하십시오.")

    def values(self) -> tuple[str, str]:
        return self.ground_code(), self.explanation.toPlainText()


class ExtendDialog(_FormDialog):
    """기한 연장 (열람 연기): the new due date and the reason (required)."""

    def __init__(self, parent: QWidget | None, detail: RequestDetail, max_days: int) -> None:
        super().__init__(
            parent,
            "extendDialog",
            self.tr("기한 연장 — {number}").format(number=detail.number),
            self.tr("연장"),
        )
        self.until = QDateEdit(from_date(detail.row.due + dt.timedelta(days=max_days)), self)
        self.until.setObjectName("until")
        self.until.setDisplayFormat(DATE_FORMAT)
        self.until.setCalendarPopup(True)
        self.until.setMinimumDate(from_date(detail.row.due + dt.timedelta(days=1)))
        self.until.setMaximumDate(from_date(detail.row.due + dt.timedelta(days=max_days)))
        self.reason = self.text_edit("reason", 70)
        self.reason.setPlaceholderText(self.tr("연기 통지서에 적힙니다. 예: 타인 마스킹 작업에 시간이 걸림"))
        self.form.addRow(self.tr("지금 기한"), QLabel(detail.row.due.isoformat(), self))
        self.form.addRow(self.tr("연장한 기한"), self.until)
        self.form.addRow(self.tr("사유 (필수)"), self.reason)
        self.reason.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        self.ok_button.setEnabled(False)
        self.finish_layout()

    def problem(self) -> str:
        return "" if self.reason.toPlainText().strip() else self.tr("연기 사유를 입력하십시오.")

    def values(self) -> tuple[dt.date, str]:
        return to_date(self.until.date()), self.reason.toPlainText()


class MaskingDialog(_FormDialog):
    """마스킹 기록: who masked the other people in the frames."""

    def __init__(self, parent: QWidget | None, detail: RequestDetail) -> None:
        super().__init__(
            parent,
            "maskingDialog",
            self.tr("마스킹 처리 기록 — {number}").format(number=detail.number),
            self.tr("기록"),
        )
        self.masked_by = QLineEdit(self)
        self.masked_by.setObjectName("maskedBy")
        self.form.addRow(self.tr("마스킹 처리자"), self.masked_by)
        self.finish_layout()

    def problem(self) -> str:
        return "" if self.masked_by.text().strip() else self.tr("마스킹 처리자를 입력하십시오.")


class CompleteDialog(_FormDialog):
    """완료: the viewing (or deletion) took place — it goes into the 관리대장 with the witness."""

    def __init__(self, parent: QWidget | None, detail: RequestDetail) -> None:
        super().__init__(
            parent,
            "completeDialog",
            self.tr("처리 완료 — {number}").format(number=detail.number),
            self.tr("완료"),
        )
        self.witness = QLineEdit(self)
        self.witness.setObjectName("witness")
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        info = QLabel(
            self.tr("열람·삭제를 마쳤으면 관리대장에 기록하고 청구를 종결합니다. 자동 보존 연장도 끝납니다."),
            self,
        )
        info.setWordWrap(True)
        self.form.addRow(info)
        self.form.addRow(self.tr("입회자"), self.witness)
        self.form.addRow(self.tr("비고"), self.note)
        self.finish_layout()


class ProvisionDialog(_FormDialog):
    """제3자 제공: recipient, official document number, legal basis, purpose, form, cameras, window."""

    def __init__(
        self, parent: QWidget | None, cameras: Sequence[CameraInfo], *, detail: RequestDetail | None = None
    ) -> None:
        super().__init__(parent, "provisionDialog", self.tr("제3자 제공 기록"), self.tr("기록"))
        self.request_id = detail.id if detail is not None else None
        self.recipient = QLineEdit(self)
        self.recipient.setObjectName("recipient")
        self.recipient.setPlaceholderText(self.tr("예: 관악경찰서 형사과"))
        self.document_no = QLineEdit(self)
        self.document_no.setObjectName("documentNo")
        self.document_no.setPlaceholderText(self.tr("수사기관 공문 번호"))
        self.basis = QComboBox(self)
        self.basis.setObjectName("legalBasis")
        self.basis.setEditable(True)
        self.basis.addItems(list(SUGGESTED_BASES))
        self.basis.setMinimumContentsLength(40)
        self.purpose = QLineEdit(self)
        self.purpose.setObjectName("purpose")
        self.form_combo = QComboBox(self)
        self.form_combo.setObjectName("provisionForm")
        self.form_combo.setEditable(True)
        self.form_combo.addItems(list(SUGGESTED_FORMS))
        self.picker = CameraPicker(self)
        self.picker.set_cameras(cameras, detail.row.cameras if detail else ())
        self.picker.setFixedHeight(120)
        self.footage_window = WindowEdit(self)
        if detail is not None:
            self.footage_window.set_value(detail.row.window_start, detail.row.window_end)
        self.period = QLineEdit(self)
        self.period.setObjectName("period")
        self.period.setPlaceholderText(self.tr("제공받는 자의 이용 기간 (예: 수사 종결 시까지)"))
        self.witness = QLineEdit(self)
        self.witness.setObjectName("witness")
        self.form.addRow(self.tr("제공받는 자"), self.recipient)
        self.form.addRow(self.tr("공문 번호"), self.document_no)
        self.form.addRow(self.tr("법적 근거"), self.basis)
        self.form.addRow(self.tr("제공 목적"), self.purpose)
        self.form.addRow(self.tr("제공 형태"), self.form_combo)
        self.form.addRow(self.tr("카메라"), self.picker)
        self.form.addRow(self.tr("영상 기간"), self.footage_window)
        self.form.addRow(self.tr("이용 기간"), self.period)
        self.form.addRow(self.tr("입회자"), self.witness)
        self.finish_layout()
        self.setMinimumWidth(640)

    def problem(self) -> str:
        for edit, text in (
            (self.recipient, self.tr("제공받는 자를 입력하십시오.")),
            (self.purpose, self.tr("제공 목적을 입력하십시오.")),
        ):
            if not edit.text().strip():
                return text
        if not self.basis.currentText().strip():
            return self.tr("제공의 법적 근거를 입력하십시오.")
        if not self.picker.checked():
            return self.tr("제공할 영상의 카메라를 고르십시오.")
        return ""

    def provision(self) -> ProvisionInput:
        start, end = self.footage_window.value()
        return ProvisionInput(
            recipient=self.recipient.text(),
            legal_basis=self.basis.currentText(),
            purpose=self.purpose.text(),
            form=self.form_combo.currentText(),
            cameras=self.picker.checked(),
            window_start=start,
            window_end=end,
            document_no=self.document_no.text(),
            period=self.period.text(),
            witness=self.witness.text(),
            request_id=self.request_id,
        )
