"""The new / edit patient form (환자 등록·수정) and the conflict dialog (동시 수정 충돌).

Every keystroke re-runs the core's :func:`~privdesk.registry.validation.validate_patient_input`
and shows its Korean sentence next to the field it concerns (only for fields already touched,
or all of them after a save attempt). A resident number whose check digit fails is not an
error: the form shows an explicit choice to keep it (numbers issued from 2020-10 carry random
digits). Saving goes through ``create_patient`` / ``update_patient`` with the version the form was
loaded with; when another workstation saved first, :class:`ConflictDialog` lists what changed
(masked) and the form reloads the stored record.

Editing needs the full resident number, address and phones, so the screen opens the form after an
``unmask`` with the reason :data:`EDIT_UNMASK_REASON` (logged like every unmask).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.errors import PrivdeskError, ValidationError, VersionConflictError
from privdesk.registry.patients import (
    PatientDetail,
    UnmaskedFields,
    create_patient,
    get_patient,
    unmask,
    update_patient,
)
from privdesk.registry.validation import (
    CheckDigitWarning,
    PatientInput,
    PatientInputError,
    ValidationReport,
    validate_patient_input,
)
from privdesk.ui.dateedit import DateEdit
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.login import ERROR_STYLE
from privdesk.ui.tables import remember_table

EDIT_UNMASK_REASON = "환자 정보 수정"  # logged with the unmask that fills the edit form (data, not UI text)
WARNING_STYLE = "color: #8a5300;"
ERROR_WIDTH = 320  # the column of the inline messages beside the fields
CTX = "PatientFormDialog"

# form keys, in screen order; phone fields are positions, the core's ``phones.N`` counts filled ones
DATE_FIELDS = ("first_visit", "last_visit")  # DateEdit: typed or picked from a calendar
FIELDS = ("chart_no", "name", "rrn", "address", "phone0", "phone1", "phone2", "first_visit", "last_visit")
PHONE_FIELDS = ("phone0", "phone1", "phone2")
LABELS = {
    "chart_no": QT_TRANSLATE_NOOP("PatientFormDialog", "차트번호"),
    "name": QT_TRANSLATE_NOOP("PatientFormDialog", "이름"),
    "rrn": QT_TRANSLATE_NOOP("PatientFormDialog", "주민등록번호"),
    "address": QT_TRANSLATE_NOOP("PatientFormDialog", "주소"),
    "phone0": QT_TRANSLATE_NOOP("PatientFormDialog", "연락처"),
    "phone1": QT_TRANSLATE_NOOP("PatientFormDialog", "연락처 2"),
    "phone2": QT_TRANSLATE_NOOP("PatientFormDialog", "연락처 3"),
    "first_visit": QT_TRANSLATE_NOOP("PatientFormDialog", "최초 내원일"),
    "last_visit": QT_TRANSLATE_NOOP("PatientFormDialog", "최종 내원일"),
}
# the core's field names (validation keys, conflict fields) → the form's labels
CORE_LABELS = {
    "chart_no": LABELS["chart_no"],
    "name": LABELS["name"],
    "rrn": LABELS["rrn"],
    "address": LABELS["address"],
    "phones": LABELS["phone0"],
    "first_visit": LABELS["first_visit"],
    "last_visit": LABELS["last_visit"],
}


def field_label(key: str) -> str:
    source = LABELS.get(key) or CORE_LABELS.get(key)
    return QCoreApplication.translate(CTX, source) if source else key


class PatientFormDialog(QDialog):
    """``detail`` and ``plain`` given: edit that patient; neither: register a new one.
    ``saved(PatientDetail)`` fires after a successful save, then the dialog closes."""

    saved = Signal(object)

    def __init__(
        self,
        host: PageHost,
        parent: QWidget | None = None,
        *,
        detail: PatientDetail | None = None,
        plain: UnmaskedFields | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.detail = detail
        self.conflict_dialog: ConflictDialog | None = None
        self._touched: set[str] = set()
        self._show_all = False
        self._saving = False
        self.setObjectName("patientFormDialog")
        self.setWindowTitle(self.tr("환자 등록") if detail is None else self.tr("환자 정보 수정"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "* 표시는 필수 항목입니다. 주민등록번호·주소·연락처는 암호화되어 저장되고 화면에는 가려서 표시됩니다."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(2, ERROR_WIDTH)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        placeholders = {
            "chart_no": self.tr("예: 00012345"),
            "rrn": self.tr("예: 900101-1234567 (하이픈 없이도 됨)"),
            "address": self.tr("도로명 주소"),
            "phone0": self.tr("예: 010-1234-5678"),
            "first_visit": self.tr("YYYY-MM-DD (비우면 오늘)"),
            "last_visit": self.tr("YYYY-MM-DD (비우면 최초 내원일)"),
        }
        for row, key in enumerate(FIELDS):
            text = field_label(key) + (" *" if key in ("chart_no", "name", "rrn") else "")
            grid.addWidget(QLabel(text, self), row, 0)
            edit = (
                DateEdit(self, name=key, label=field_label(key), optional=True)
                if key in DATE_FIELDS
                else QLineEdit(self)
            )
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholders.get(key, ""))
            edit.textChanged.connect(lambda _text, k=key: self._edited(k))
            grid.addWidget(edit, row, 1)
            error = QLabel(self)
            error.setObjectName(f"error_{key}")
            error.setWordWrap(True)
            error.setStyleSheet(ERROR_STYLE)
            error.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(error, row, 2)
            self.edits[key] = edit
            self.errors[key] = error
        self.edits["chart_no"].setMaxLength(32)
        self.edits["name"].setMaxLength(64)
        self.edits["address"].setMaxLength(200)
        self.edits["address"].setMinimumWidth(320)
        layout.addLayout(grid)

        self.check_digit_box = QCheckBox(
            self.tr("번호 검증 숫자가 맞지 않습니다. 2020년 10월 이후 발급 번호일 수 있습니다 — 그대로 저장"),
            self,
        )
        self.check_digit_box.setObjectName("acceptCheckDigit")
        self.check_digit_box.setStyleSheet(WARNING_STYLE)
        self.check_digit_box.setVisible(False)
        self.check_digit_box.toggled.connect(lambda _on: self.validate())
        layout.addWidget(self.check_digit_box)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setText(self.tr("등록") if detail is None else self.tr("저장"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if detail is not None and plain is not None:
            self.fill(detail, plain)
        self.validate()
        self.resize(900, self.sizeHint().height())

    # -- values ---------------------------------------------------------------------------------
    def fill(self, detail: PatientDetail, plain: UnmaskedFields) -> None:
        """Put a stored record into the fields (after loading or after a conflict)."""
        self.detail = detail
        phones = [*plain.phones, "", "", ""]
        values = {
            "chart_no": detail.chart_no,
            "name": detail.name,
            "rrn": plain.rrn,
            "address": plain.address,
            "phone0": phones[0],
            "phone1": phones[1],
            "phone2": phones[2],
            "first_visit": detail.first_visit.isoformat(),
            "last_visit": detail.last_visit.isoformat(),
        }
        for key, value in values.items():
            self.edits[key].setText(value)
        self._touched.clear()
        self._show_all = False
        self.check_digit_box.setChecked(False)
        self.validate()

    def values(self) -> PatientInput:
        text = {k: e.iso_text() if isinstance(e, DateEdit) else e.text() for k, e in self.edits.items()}
        return PatientInput(
            chart_no=text["chart_no"],
            name=text["name"],
            rrn=text["rrn"],
            address=text["address"],
            phones=[text[k] for k in PHONE_FIELDS if text[k].strip()],
            first_visit=text["first_visit"].strip() or None,
            last_visit=text["last_visit"].strip() or None,
        )

    def _form_key(self, core_key: str) -> str:
        """``phones.N`` counts the filled phone fields; find the N-th filled one."""
        if core_key.startswith("phones"):
            filled = [k for k in PHONE_FIELDS if self.edits[k].text().strip()]
            _, _, n = core_key.partition(".")
            if n.isdigit() and int(n) < len(filled):
                return filled[int(n)]
            return "phone0"
        return core_key if core_key in self.edits else ""

    # -- inline validation ----------------------------------------------------------------------
    def _edited(self, key: str) -> None:
        self._touched.add(key)
        self.message.clear()
        self.validate()

    def validate(self) -> ValidationReport:
        """Check the whole form; show the sentences of the fields the user has reached."""
        report = validate_patient_input(self.values(), today=clock.today_kst())
        shown = {k: "" for k in FIELDS}
        for core_key, text in report.errors.items():
            key = self._form_key(core_key)
            if key and (self._show_all or key in self._touched):
                shown[key] = text
        for key, label in self.errors.items():
            self._set_error(label, shown[key])
        warn = report.check_digit_warning and "rrn" not in report.errors
        self.check_digit_box.setVisible(warn)
        if not warn:
            self.check_digit_box.setChecked(False)
        ready = report.ok and (not warn or self.check_digit_box.isChecked())
        self.save_button.setEnabled(ready and not self._saving)
        return report

    @staticmethod
    def _set_error(label: QLabel, text: str) -> None:
        """A wrapped message needs its lines' height: the row (and the dialog) grows to fit."""
        label.setText(text)
        width = max(label.width(), ERROR_WIDTH)
        label.setMinimumHeight(label.heightForWidth(width) if text else 0)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        for core_key, text in errors.items():
            key = self._form_key(core_key)
            if key:
                self._set_error(self.errors[key], text)
            else:
                self.message.setText(text)

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        self._show_all = True
        self.validate()
        if not self.save_button.isEnabled():
            first = next((k for k in FIELDS if self.errors[k].text()), None)
            if first:
                self.edits[first].setFocus()
            return
        work = self.work(self.values(), self.check_digit_box.isChecked())
        self._saving = True
        self.save_button.setEnabled(False)
        self.host.runner.run(
            work, owner=self, on_done=self._saved, on_error=self._failed, changes=frozenset({"registry"})
        )

    def work(self, data: PatientInput, accept: bool) -> Callable[[], Any]:
        """The save as a background task: ``create_patient`` or ``update_patient`` (a subclass may
        save through another use case that edits the patient, e.g. a data-subject correction)."""
        ctx, actor, detail = self.host.ctx, self.host.actor, self.detail
        if detail is None:
            return lambda: create_patient(ctx, actor, data, accept_check_digit_warning=accept)
        return lambda: update_patient(
            ctx,
            actor,
            detail.id,
            data,
            expected_version=detail.version,
            accept_check_digit_warning=accept,
            loaded=detail,
        )

    def _saved(self, detail: PatientDetail) -> None:
        self._saving = False
        self.detail = detail
        self.saved.emit(detail)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self._saving = False
        self.validate()
        if isinstance(exc, CheckDigitWarning):
            self.check_digit_box.setVisible(True)
            self._set_error(self.errors["rrn"], str(exc))
            return True
        if isinstance(exc, PatientInputError):
            self.show_errors(exc.errors)
            return True
        if isinstance(exc, VersionConflictError):
            self.show_conflict(exc)
            return True
        if isinstance(exc, ValidationError):
            self.show_errors({exc.field: str(exc)})
            return True
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            return True
        return False

    # -- conflicts ------------------------------------------------------------------------------
    def show_conflict(self, exc: VersionConflictError) -> None:
        dialog = ConflictDialog(exc, self)
        self.conflict_dialog = dialog
        dialog.finished.connect(lambda _result: self.reload_from_store())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def reload_from_store(self) -> None:
        """Fill the form with what is stored now (a new version to save against)."""
        if self.detail is None:
            return
        ctx, actor, pid = self.host.ctx, self.host.actor, self.detail.id
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("저장된 최신 내용을 불러오는 중…"))

        def load() -> tuple[PatientDetail, UnmaskedFields]:
            return get_patient(ctx, actor, pid), unmask(ctx, actor, pid, EDIT_UNMASK_REASON)

        def loaded(result: tuple[PatientDetail, UnmaskedFields]) -> None:
            self.fill(*result)
            self.message.setText(
                self.tr("최신 내용을 불러왔습니다. 바꿀 내용을 다시 입력한 뒤 저장하십시오.")
            )

        self.host.runner.run(load, owner=self, on_done=loaded)


class ConflictDialog(QDialog):
    """동시 수정 충돌: what the user loaded → what is stored now, field by field (masked)."""

    def __init__(self, exc: VersionConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("다른 사용자가 먼저 저장함"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "이 환자 기록을 불러온 뒤 다른 작업 PC에서 먼저 저장했습니다. 아래 항목이 바뀌었습니다. "
                "이번 변경은 저장하지 않았습니다. 최신 내용을 다시 불러오니 확인한 뒤 다시 입력하십시오."
            ),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.table = QTableWidget(len(exc.changed_fields), 3, self)
        self.table.setObjectName("changes")
        self.table.setHorizontalHeaderLabels(
            [self.tr("항목"), self.tr("불러온 값"), self.tr("지금 저장된 값")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (key, (before, after)) in enumerate(exc.changed_fields.items()):
            for col, value in enumerate((field_label(key), _text(before), _text(after))):
                self.table.setItem(row, col, QTableWidgetItem(value))
        # sized to the content (a long value in full as a tooltip) and remembered through the kit;
        # not sortable: the rows follow the form's order of fields
        remember_table(self.table)
        if not exc.changed_fields:
            layout.addWidget(
                QLabel(self.tr("바뀐 항목을 알 수 없습니다 (접수·처리정지 등 다른 변경)."), self)
            )
        layout.addWidget(self.table)
        self.reload_button = QPushButton(self.tr("최신 내용 다시 불러오기"), self)
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setDefault(True)
        self.reload_button.clicked.connect(self.accept)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(620, 320)

    def changes(self) -> list[tuple[str, str, str]]:
        def cell(r: int, c: int) -> str:
            item = self.table.item(r, c)
            return item.text() if item is not None else ""

        return [(cell(r, 0), cell(r, 1), cell(r, 2)) for r in range(self.table.rowCount())]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
