"""Small dialogs of the registry screen: the unmask reason (마스킹 해제 사유), a new intake entry
(진료 접수) and the CSV export of selected patients (내보내기).

The intake and export dialogs run their use case themselves and stay open with the Korean
sentence when it is refused (a processing hold, a missing reason), so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.consent.contacts import contact_purposes
from privdesk.errors import PrivdeskError
from privdesk.files import Output
from privdesk.registry.export import export_patients
from privdesk.registry.patients import IntakeRow, add_intake
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.login import ERROR_STYLE
from privdesk.ui.widgets import DATE_FORMAT, from_date, recent_of, to_date

# Reasons offered in the lists; the user may type another one. They are logged as data (Korean).
UNMASK_REASONS = (
    QT_TRANSLATE_NOOP("UnmaskDialog", "본인 확인"),
    QT_TRANSLATE_NOOP("UnmaskDialog", "진료비 청구"),
    QT_TRANSLATE_NOOP("UnmaskDialog", "보험 청구"),
    QT_TRANSLATE_NOOP("UnmaskDialog", "법령에 따른 제출"),
)
EXPORT_REASONS = (
    QT_TRANSLATE_NOOP("ExportDialog", "정보주체의 열람 요구"),
    QT_TRANSLATE_NOOP("ExportDialog", "법령에 따른 제출"),
    QT_TRANSLATE_NOOP("ExportDialog", "보험 청구"),
    QT_TRANSLATE_NOOP("ExportDialog", "진료비 청구"),
)
DEPARTMENTS = (
    "내과",
    "외과",
    "정형외과",
    "소아청소년과",
    "산부인과",
    "신경과",
    "피부과",
    "안과",
    "이비인후과",
    "비뇨의학과",
    "재활의학과",
    "가정의학과",
    "영상의학과",
    "응급의학과",
    "건강검진센터",
)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("PatientDialogs", "취소")
    )
    box.rejected.connect(dialog.reject)
    return box


def _reason_combo(
    parent: QWidget, context: str, sources: Sequence[str], recent: Sequence[str] = ()
) -> QComboBox:
    """An editable list of reasons: this account's ``recent`` ones first (as they were written), then
    the usual ones; pick one or type your own. Each item carries its Korean source text, which is
    what the access log records whatever the screen's language."""
    combo = QComboBox(parent)
    combo.setObjectName("reason")
    combo.setEditable(True)
    usual = set(sources)
    for text in recent:
        if text not in usual:
            combo.addItem(text, text)
    for source in sources:
        combo.addItem(QCoreApplication.translate(context, source), source)
    combo.setCurrentIndex(-1)
    combo.setEditText("")
    edit = combo.lineEdit()
    assert edit is not None  # editable
    edit.setPlaceholderText(QCoreApplication.translate("PatientDialogs", "목록에서 고르거나 직접 입력"))
    edit.setMaxLength(200)
    return combo


class UnmaskDialog(QDialog):
    """Asks why the full values are needed; the reason goes into the access log."""

    def __init__(
        self, parent: QWidget | None, chart_no: str, name: str, seconds: int, *, recent: Sequence[str] = ()
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unmaskDialog")
        self.setWindowTitle(self.tr("마스킹 해제"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "{name} (차트번호 {chart})의 주민등록번호·주소·연락처 전체를 표시합니다. 사유와 함께 접속기록에 남고, "
                "{seconds}초 뒤 다시 가려집니다."
            ).format(name=name, chart=chart_no, seconds=seconds),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.reason = _reason_combo(self, "UnmaskDialog", UNMASK_REASONS, recent)
        form.addRow(self.tr("사유"), self.reason)
        layout.addLayout(form)
        self.buttons = _buttons(self, self.tr("표시"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self.reason.editTextChanged.connect(lambda _t: self._update())
        self._update()
        self.resize(460, self.sizeHint().height())

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason_text()))

    def reason_text(self) -> str:
        return reason_of(self.reason)


def reason_of(combo: QComboBox) -> str:
    """The chosen reason's Korean source text, or what the user typed (spaces tidied)."""
    text = " ".join(combo.currentText().split())
    index = combo.findText(combo.currentText())
    if index >= 0 and combo.itemData(index):
        return str(combo.itemData(index))
    return text


class VisitIntakeDialog(QDialog):
    """진료 접수: visit date, department, purpose. ``added(IntakeRow)`` after the use case saved it."""

    added = Signal(object)

    def __init__(self, host: PageHost, parent: QWidget | None, patient_id: int, name: str) -> None:
        super().__init__(parent)
        self.host = host
        self.patient_id = patient_id
        self.setObjectName("intakeDialog")
        self.setWindowTitle(self.tr("진료 접수 — {name}").format(name=name))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date_edit = QDateEdit(from_date(clock.today_kst()), self)
        self.date_edit.setObjectName("visitDate")
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.department = QComboBox(self)
        self.department.setObjectName("department")
        self.department.setEditable(True)
        self.department.addItems(list(DEPARTMENTS))
        department_edit = self.department.lineEdit()
        assert department_edit is not None  # editable
        department_edit.setMaxLength(64)
        self.purpose = QLineEdit(self)
        self.purpose.setObjectName("purpose")
        self.purpose.setMaxLength(200)
        self.purpose.setPlaceholderText(self.tr("예: 외래 진료, 건강검진, 입원"))
        form.addRow(self.tr("접수일"), self.date_edit)
        form.addRow(self.tr("진료과"), self.department)
        form.addRow(self.tr("목적"), self.purpose)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = _buttons(self, self.tr("접수"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        layout.addWidget(self.buttons)
        self.resize(400, self.sizeHint().height())

    def save(self) -> None:
        ctx, actor, pid = self.host.ctx, self.host.actor, self.patient_id
        day, department, purpose = (
            to_date(self.date_edit.date()),
            self.department.currentText(),
            self.purpose.text(),
        )
        self.ok_button.setEnabled(False)
        self.message.clear()
        self.host.runner.run(
            lambda: add_intake(ctx, actor, pid, visit_date=day, department=department, purpose=purpose),
            owner=self,
            on_done=self._saved,
            on_error=self._failed,
            changes=frozenset({"registry"}),
        )

    def _saved(self, row: IntakeRow) -> None:
        self.added.emit(row)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.ok_button.setEnabled(True)
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            return True
        return False


class ExportDialog(QDialog):
    """내보내기: the stated reason, the file, and — only for accounts that may unmask — the choice
    to export the full values. ``exported(count, path)`` after the use case wrote the file."""

    exported = Signal(int, str)

    def __init__(
        self,
        host: PageHost,
        parent: QWidget | None,
        patient_ids: Sequence[int],
        *,
        may_unmask: bool,
        default_path: Path,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.patient_ids = list(patient_ids)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("환자 명부 내보내기"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "선택한 환자 {n}명을 CSV 파일로 내보냅니다. 사유가 환자마다 접속기록에 남습니다. "
                "처리정지 중인 환자는 내보낼 수 없습니다."
            ).format(n=len(self.patient_ids)),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.reason = _reason_combo(self, "ExportDialog", EXPORT_REASONS, recent_of(host, host.actor))
        form.addRow(self.tr("사유"), self.reason)
        row = QHBoxLayout()
        self.confirmed_path = ""
        self.path_edit = QLineEdit(str(default_path), self)
        self.path_edit.setObjectName("path")
        row.addWidget(self.path_edit, 1)
        browse = QPushButton(self.tr("찾아보기…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        form.addRow(self.tr("파일"), row)
        layout.addLayout(form)
        self.unmasked_box: QCheckBox | None = None
        if may_unmask:
            self.unmasked_box = QCheckBox(self.tr("마스킹 해제하여 내보내기"), self)
            self.unmasked_box.setObjectName("unmasked")
            layout.addWidget(self.unmasked_box)
        self.consent_box = QCheckBox(
            self.tr(
                "안내·홍보 연락에 쓸 명단 (동의 기록이 있는 환자만: 동의가 없거나 철회·처리정지한 환자가 있으면 거절됨)"
            ),
            self,
        )
        self.consent_box.setObjectName("consentUse")
        layout.addWidget(self.consent_box)
        # which consent: a picker only when the profile has more than one purpose for contact
        self.consent_choices = contact_purposes(host.ctx)
        self.consent_purpose = QComboBox(self)
        self.consent_purpose.setObjectName("consentPurpose")
        for p in self.consent_choices:
            self.consent_purpose.addItem(p.name, p.code)
        self.consent_purpose.setEnabled(False)
        self.consent_box.toggled.connect(self.consent_purpose.setEnabled)
        if len(self.consent_choices) > 1:
            picker = QFormLayout()
            picker.addRow(self.tr("동의 목적"), self.consent_purpose)
            layout.addLayout(picker)
        else:
            self.consent_purpose.hide()
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = _buttons(self, self.tr("내보내기"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        layout.addWidget(self.buttons)
        self.reason.editTextChanged.connect(lambda _t: self._update())
        self.path_edit.textChanged.connect(lambda _t: self._update())
        self._update()
        self.resize(540, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("내보낼 파일"), self.path_edit.text(), self.tr("CSV 파일 (*.csv)")
        )
        if path:
            self.confirmed_path = path  # the save dialog asked before replacing an existing file
            self.path_edit.setText(path)

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason_text()) and bool(self.path_edit.text().strip()))

    def reason_text(self) -> str:
        return reason_of(self.reason)

    def save(self) -> None:
        ctx, actor, ids = self.host.ctx, self.host.actor, self.patient_ids
        typed = self.path_edit.text().strip()
        reason, path = self.reason_text(), Path(typed)
        # an existing file is replaced only when the save dialog asked (a typed name never replaces one)
        out = Output(path, force=typed == self.confirmed_path)
        unmasked = self.unmasked_box is not None and self.unmasked_box.isChecked()
        consent = self.consent_box.isChecked()
        purpose = (
            str(self.consent_purpose.currentData()) if consent and len(self.consent_choices) > 1 else None
        )
        self.ok_button.setEnabled(False)
        self.message.clear()
        self.host.runner.run(
            lambda: export_patients(
                ctx,
                actor,
                ids,
                out,
                reason=reason,
                unmasked=unmasked,
                consent_use=consent,
                consent_purpose=purpose,
            ),
            owner=self,
            on_done=lambda n: self._saved(n, path),
            on_error=self._failed,
        )

    def _saved(self, count: int, path: Path) -> None:
        self.exported.emit(count, str(path))
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self._update()
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            return True
        return False
