"""The entry form of the 목적 외 이용·제3자 제공 대장 (제3자 제공 / 목적 외 이용 기록, 정정 기재), with
the 가명처리 record of pseudonymised data (법 제28조의4③)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.consent.purposes import USE_INTERNAL, USE_PROVISION, Purpose
from privdesk.disclosures.bases import CONSENT, PSEUDONYMISED, public_only_refusal
from privdesk.disclosures.ledger import (
    BASES,
    DEFAULT_RESTRICTIONS,
    FORMS,
    INTERNAL_USE,
    LEGAL_BASES,
    PROVISION,
    DisclosureInput,
    DisclosureRow,
    ExternalSubject,
    FileChoice,
    PseudonymInput,
    external_label,
)
from privdesk.disclosures.subjects import SubjectChoice
from privdesk.errors import PrivdeskError
from privdesk.ui.cctv.common import ERROR_STYLE, WARN_STYLE
from privdesk.ui.disclosures.common import basis_label, date_edit
from privdesk.ui.widgets import enter_runs, from_date, to_date

_LABEL = re.compile(r"^(?P<name>[^()]+?)(?: \((?P<note>.*)\))?$")


class DisclosureDialog(QDialog):
    """제3자 제공 기록: file, subjects (patients by chart number — masked — or outside subjects by
    name), recipient, purpose, items, legal basis with its text and detail, date, period, form,
    restrictions, document number, de-identified. ``lookup(chart)`` asks the tab to find a patient;
    ``submitted`` asks it to record; the tab closes the dialog once the use case accepted."""

    lookup = Signal(str)
    submitted = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        files: list[FileChoice],
        corrects: DisclosureRow | None = None,
        *,
        consent_purposes: Sequence[Purpose] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("disclosureDialog")
        self.corrects = corrects
        self.consent_purposes = tuple(consent_purposes)
        self.setWindowTitle(
            self.tr("정정 기재 — {n}번 기록").format(n=corrects.id)
            if corrects
            else self.tr("목적 외 이용·제3자 제공 기록")
        )
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields (they scroll into view)
        body = QWidget(scroll)
        form = QFormLayout(body)
        self.kind = QComboBox(body)
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("제3자 제공"), PROVISION)
        self.kind.addItem(self.tr("목적 외 이용 (병원 내부)"), INTERNAL_USE)
        form.addRow(self.tr("구분"), self.kind)
        self.file = QComboBox(body)
        self.file.setObjectName("file")
        for f in files:
            self.file.addItem(f.name, f.code)
        self.file.setCurrentIndex(max(0, self.file.findData("patient")))
        form.addRow(self.tr("개인정보파일"), self.file)
        form.addRow(self.tr("정보주체"), self._subjects_box(body))
        self.recipient = QLineEdit(body)
        self.recipient.setObjectName("recipient")
        self.recipient.setPlaceholderText(self.tr("예: 관악경찰서 형사과"))
        self.recipient_label = QLabel(self.tr("제공받는 자"), body)
        form.addRow(self.recipient_label, self.recipient)
        self.purpose = self._text(body, "purpose", self.tr("제공받는 자의 이용 목적"))
        form.addRow(self.tr("이용·제공 목적"), self.purpose)
        self.items = QLineEdit(body)
        self.items.setObjectName("items")
        self.items.setPlaceholderText(self.tr("예: 이름, 주소, 내원일"))
        form.addRow(self.tr("이용·제공 항목"), self.items)
        self.basis = QComboBox(body)
        self.basis.setObjectName("basis")
        for b in LEGAL_BASES:
            if b.retired:  # a repealed ground: old entries show it, new ones cannot use it
                continue
            text = (
                basis_label(b.code)
                if b.applies_to_private
                else self.tr("{label} (공공기관 전용)").format(label=basis_label(b.code))
            )
            self.basis.addItem(text, b.code)
        form.addRow(self.tr("법적 근거"), self.basis)
        self.basis_text = QLabel(body)
        self.basis_text.setObjectName("basisText")
        self.basis_text.setWordWrap(True)
        form.addRow("", self.basis_text)
        # 정보주체의 동의: which consent (a picker only when the profile has more than one for the use)
        self.consent_purpose_label = QLabel(self.tr("동의 목적"), body)
        self.consent_purpose = QComboBox(body)
        self.consent_purpose.setObjectName("consentPurpose")
        form.addRow(self.consent_purpose_label, self.consent_purpose)
        self.detail_label = QLabel(self.tr("근거 상세"), body)
        self.detail = QLineEdit(body)
        self.detail.setObjectName("basisDetail")
        form.addRow(self.detail_label, self.detail)
        self.disclosed_on = date_edit(body, clock.today_kst(), "disclosedOn")
        form.addRow(self.tr("이용·제공일"), self.disclosed_on)
        self.period = QLineEdit(body)
        self.period.setObjectName("period")
        self.period.setPlaceholderText(self.tr("정기 제공이면 주기·기간 (예: 매월 1회, 2026-01 ~ 2026-12)"))
        form.addRow(self.tr("날짜·주기·기간"), self.period)
        self.form_combo = QComboBox(body)
        self.form_combo.setObjectName("form")
        self.form_combo.setEditable(True)
        self.form_combo.addItems(list(FORMS))
        form.addRow(self.tr("이용·제공 형태"), self.form_combo)
        self.restrictions = self._text(
            body, "restrictions", self.tr("법 제18조제5항: 이용 제한·안전성 확보 요청 내용")
        )
        self.restrictions.setPlainText(DEFAULT_RESTRICTIONS)
        self.restrictions_label = QLabel(self.tr("제한·조치 요청"), body)
        form.addRow(self.restrictions_label, self.restrictions)
        self.document_no = QLineEdit(body)
        self.document_no.setObjectName("documentNo")
        self.document_no.setPlaceholderText(self.tr("요청 공문·영장 번호"))
        form.addRow(self.tr("문서번호"), self.document_no)
        self.deidentified = QCheckBox(self.tr("가명처리하여 이용·제공 (가명처리 기록을 함께 남깁니다)"), body)
        self.deidentified.setObjectName("deidentified")
        form.addRow("", self.deidentified)
        self.count = QSpinBox(body)
        self.count.setObjectName("subjectCount")
        self.count.setRange(0, 100_000_000)
        self.count.setSuffix(self.tr(" 명"))
        form.addRow(self.tr("정보주체 수 (가명정보, 명단 없이)"), self.count)
        form.addRow(self._pseudonym_box(body))
        self.note = QLineEdit(body)
        self.note.setObjectName("note")
        form.addRow(self.tr("비고"), self.note)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("기록"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.submitted)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.basis.currentIndexChanged.connect(lambda _i: self._basis_changed())
        self.deidentified.toggled.connect(lambda _c: self._update_count())
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        if corrects is not None:
            self._fill(corrects)
        self._basis_changed()
        self._kind_changed()
        self.resize(720, 820)

    def _text(self, parent: QWidget, name: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(parent)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(56)
        return edit

    def _pseudonym_box(self, parent: QWidget) -> QGroupBox:
        """The 가명처리 record (법 제28조의4③, 시행령 제29조의5)."""
        box = QGroupBox(self.tr("가명처리 기록 (개인정보 보호법 제28조의4)"), parent)
        box.setObjectName("pseudonymBox")
        self.pseudonym_box = box
        form = QFormLayout(box)
        self.ps_purpose = QComboBox(box)
        self.ps_purpose.setObjectName("pseudonymPurpose")
        self.ps_purpose.addItem(self.tr("통계작성"), "statistics")
        self.ps_purpose.addItem(self.tr("과학적 연구"), "research")
        self.ps_purpose.addItem(self.tr("공익적 기록보존"), "archiving")
        form.addRow(self.tr("처리 목적"), self.ps_purpose)
        self.ps_items = QLineEdit(box)
        self.ps_items.setObjectName("pseudonymItems")
        self.ps_items.setPlaceholderText(self.tr("예: 이름, 주민등록번호, 주소, 생년월일"))
        form.addRow(self.tr("가명처리한 항목"), self.ps_items)
        self.ps_method = self._text(
            box, "pseudonymMethod", self.tr("예: 이름 삭제, 생년월일 → 5세 단위 연령대")
        )
        form.addRow(self.tr("가명처리 방법"), self.ps_method)
        self.ps_on = date_edit(box, clock.today_kst(), "pseudonymOn")
        form.addRow(self.tr("가명처리일"), self.ps_on)
        self.ps_by = QLineEdit(box)
        self.ps_by.setObjectName("pseudonymBy")
        self.ps_by.setPlaceholderText(self.tr("처리한 직원의 아이디 (비우면 본인)"))
        form.addRow(self.tr("가명처리자"), self.ps_by)
        self.ps_additional = QLineEdit(box)
        self.ps_additional.setObjectName("pseudonymAdditional")
        self.ps_additional.setPlaceholderText(
            self.tr("추가정보(대응표 등)의 분리보관 장소·관리자, 또는 '추가정보 없음'")
        )
        form.addRow(self.tr("추가정보 분리보관"), self.ps_additional)
        self.ps_period = QLineEdit(box)
        self.ps_period.setObjectName("pseudonymPeriod")
        self.ps_period.setPlaceholderText(self.tr("예: 연구 종료(2027-06-30)까지"))
        form.addRow(self.tr("이용 기간"), self.ps_period)
        self.ps_review = QLineEdit(box)
        self.ps_review.setObjectName("pseudonymReview")
        self.ps_review.setPlaceholderText(self.tr("재식별 위험 검토 결과 (선택)"))
        form.addRow(self.tr("적정성 검토"), self.ps_review)
        return box

    def _subjects_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(parent)
        self.subjects_box = box
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.chart = QLineEdit(box)
        self.chart.setObjectName("chartNo")
        self.chart.setPlaceholderText(self.tr("차트번호"))
        enter_runs(self.chart, self._ask_lookup)  # Enter here looks the patient up, never saves
        row.addWidget(self.chart)
        self.find_button = QPushButton(self.tr("환자 찾기"), box)
        self.find_button.setObjectName("findPatient")
        self.find_button.clicked.connect(lambda _c=False: self._ask_lookup())
        row.addWidget(self.find_button)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.external_name = QLineEdit(box)
        self.external_name.setObjectName("externalName")
        self.external_name.setPlaceholderText(self.tr("명부 밖 정보주체 이름"))
        row.addWidget(self.external_name)
        self.external_note = QLineEdit(box)
        self.external_note.setObjectName("externalNote")
        self.external_note.setPlaceholderText(self.tr("구분 (예: 온라인예약)"))
        row.addWidget(self.external_note)
        add = QPushButton(self.tr("추가"), box)
        add.setObjectName("addExternal")
        add.clicked.connect(lambda _c=False: self.add_external())
        row.addWidget(add)
        layout.addLayout(row)
        self.subject_list = QListWidget(box)
        self.subject_list.setObjectName("subjectList")
        self.subject_list.setMaximumHeight(100)
        layout.addWidget(self.subject_list)
        remove = QPushButton(self.tr("선택 삭제"), box)
        remove.setObjectName("removeSubject")
        remove.clicked.connect(lambda _c=False: self._remove_selected())
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)
        return box

    # -- subjects ------------------------------------------------------------------------------------
    def _ask_lookup(self) -> None:
        chart = self.chart.text().strip()
        if chart:
            self.find_button.setEnabled(False)
            self.lookup.emit(chart)

    def lookup_done(self) -> None:
        self.find_button.setEnabled(True)

    def add_patient(self, choice: SubjectChoice) -> None:
        """A patient found by chart number: shown masked, with a warning where a refusal is likely."""
        self.lookup_done()
        if choice.held:
            self.failed(
                self.tr("차트번호 {chart} 환자는 처리정지(정정 처리 중) 상태라 제공할 수 없습니다.").format(
                    chart=choice.chart_no
                )
            )
            return
        if choice.patient_id in self.patient_ids():
            return
        text = choice.label
        if choice.suspended:
            text += self.tr("  — 처리정지 요구: 법률·급박한 경우만 제공")
        elif choice.consent_withdrawn:
            text += self.tr("  — 동의 철회: 동의를 근거로 제공 불가")
        if choice.status == "separated":
            text += self.tr("  — 분리보관: 법률에 따른 경우만 제공")
        item = QListWidgetItem(text, self.subject_list)
        item.setData(Qt.ItemDataRole.UserRole, ("patient", choice.patient_id))
        self.chart.clear()
        self.message.hide()

    def add_external(self, name: str | None = None, note: str | None = None) -> None:
        name = (self.external_name.text() if name is None else name).strip()
        note = (self.external_note.text() if note is None else note).strip()
        if not name:
            self.failed(self.tr("명부 밖 정보주체의 이름을 입력하십시오."))
            return
        try:
            masked = external_label(ExternalSubject(name, note))
        except PrivdeskError as exc:
            self.failed(str(exc))
            return
        item = QListWidgetItem(masked, self.subject_list)
        item.setData(Qt.ItemDataRole.UserRole, ("external", name, note))
        self.external_name.clear()
        self.external_note.clear()
        self.message.hide()

    def _remove_selected(self) -> None:
        for item in self.subject_list.selectedItems():
            self.subject_list.takeItem(self.subject_list.row(item))

    def patient_ids(self) -> list[int]:
        out = []
        for i in range(self.subject_list.count()):
            data = self.subject_list.item(i).data(Qt.ItemDataRole.UserRole)
            if data[0] == "patient":
                out.append(int(data[1]))
        return out

    def externals(self) -> list[ExternalSubject]:
        out = []
        for i in range(self.subject_list.count()):
            data = self.subject_list.item(i).data(Qt.ItemDataRole.UserRole)
            if data[0] == "external":
                out.append(ExternalSubject(str(data[1]), str(data[2])))
        return out

    # -- basis and counts --------------------------------------------------------------------------------
    def current_basis(self) -> str:
        return str(self.basis.currentData())

    def _basis_changed(self) -> None:
        b = BASES[self.current_basis()]
        if not b.applies_to_private:
            self.basis_text.setStyleSheet(WARN_STYLE)
            self.basis_text.setText(public_only_refusal(b))
        else:
            self.basis_text.setStyleSheet("")
            self.basis_text.setText(b.basis)
        self.detail_label.setText(self.tr("근거 상세 (필수)") if b.detail_required else self.tr("근거 상세"))
        self.detail.setPlaceholderText(b.detail_hint)
        pseudonymised = b.code == PSEUDONYMISED
        if pseudonymised:
            self.deidentified.setChecked(True)
        self.deidentified.setEnabled(not pseudonymised)
        self.subjects_box.setEnabled(not pseudonymised)
        self._update_count()
        self._fill_consent_purposes()

    def consent_choices(self) -> list[Purpose]:
        """The profile's consent purposes that allow this kind of entry."""
        use = USE_INTERNAL if self.current_kind() == INTERNAL_USE else USE_PROVISION
        return [p for p in self.consent_purposes if use in p.uses]

    def _fill_consent_purposes(self) -> None:
        keep = self.consent_purpose.currentData()
        choices = self.consent_choices()
        self.consent_purpose.clear()
        for p in choices:
            self.consent_purpose.addItem(p.name, p.code)
        self.consent_purpose.setCurrentIndex(max(0, self.consent_purpose.findData(keep)))
        shown = self.current_basis() == CONSENT and len(choices) > 1
        self.consent_purpose.setVisible(shown)
        self.consent_purpose_label.setVisible(shown)

    def chosen_consent_purpose(self) -> str:
        """The picked purpose's code; "" (the use's default) when no picker is shown."""
        if self.current_basis() != CONSENT or len(self.consent_choices()) < 2:
            return ""
        return str(self.consent_purpose.currentData() or "")

    def _update_count(self) -> None:
        self.count.setEnabled(self.deidentified.isChecked())
        self.pseudonym_box.setEnabled(self.deidentified.isChecked())

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def _kind_changed(self) -> None:
        internal = self.current_kind() == INTERNAL_USE
        self.recipient_label.setText(self.tr("이용 부서") if internal else self.tr("제공받는 자"))
        self.recipient.setPlaceholderText(
            self.tr("예: 원무과 고객만족팀") if internal else self.tr("예: 관악경찰서 형사과")
        )
        # 법 제18조⑤ (제한·조치 요청) is addressed to a recipient: none inside the hospital
        self.restrictions.setEnabled(not internal)
        self.restrictions_label.setEnabled(not internal)
        self._fill_consent_purposes()

    def _fill(self, r: DisclosureRow) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(r.kind)))
        self.kind.setEnabled(False)  # a correction keeps the kind of the entry it corrects
        p = r.pseudonym
        if p is not None:
            self.ps_purpose.setCurrentIndex(max(0, self.ps_purpose.findData(p.purpose_kind)))
            self.ps_items.setText(p.items)
            self.ps_method.setPlainText(p.method)
            self.ps_on.setDate(from_date(p.performed_on))
            self.ps_by.setText(p.performed_by)
            self.ps_additional.setText(p.additional_info)
            self.ps_period.setText(p.use_period)
            self.ps_review.setText(p.review)
        self.file.setCurrentIndex(max(0, self.file.findData(r.file_code)))
        self.recipient.setText(r.recipient)
        self.purpose.setPlainText(r.recipient_purpose)
        self.items.setText(r.items)
        self.basis.setCurrentIndex(max(0, self.basis.findData(r.legal_basis)))
        self.detail.setText(r.basis_detail)
        self.disclosed_on.setDate(from_date(r.disclosed_on))
        self.period.setText(r.period)
        self.form_combo.setCurrentText(r.form)
        self.restrictions.setPlainText(r.restrictions)
        self.document_no.setText(r.document_no)
        self.deidentified.setChecked(r.deidentified)
        if not r.subject_labels:
            self.count.setValue(r.subject_count)
        for ref, label in zip(r.subject_refs, r.subject_labels, strict=True):
            if ref.startswith("patient:"):
                item = QListWidgetItem(label, self.subject_list)
                item.setData(Qt.ItemDataRole.UserRole, ("patient", int(ref.split(":", 1)[1])))
            else:  # an outside subject: its label is already masked (masking again keeps it)
                m = _LABEL.match(label)
                name, note = (m.group("name"), m.group("note") or "") if m else (label, "")
                item = QListWidgetItem(label, self.subject_list)
                item.setData(Qt.ItemDataRole.UserRole, ("external", name, note))

    # -- the value ----------------------------------------------------------------------------------------
    def value(self) -> DisclosureInput:
        listed = self.subject_list.count() > 0 and self.subjects_box.isEnabled()
        count = self.count.value() if self.count.isEnabled() and not listed else None
        internal = self.current_kind() == INTERNAL_USE
        pseudonym = None
        if self.pseudonym_box.isEnabled():
            pseudonym = PseudonymInput(
                purpose_kind=str(self.ps_purpose.currentData()),
                items=self.ps_items.text(),
                method=self.ps_method.toPlainText(),
                performed_on=to_date(self.ps_on.date()),
                additional_info=self.ps_additional.text(),
                use_period=self.ps_period.text(),
                performed_by=self.ps_by.text(),
                review=self.ps_review.text(),
            )
        return DisclosureInput(
            kind=self.current_kind(),
            pseudonym=pseudonym,
            file_code=str(self.file.currentData() or ""),
            recipient=self.recipient.text(),
            recipient_purpose=self.purpose.toPlainText(),
            items=self.items.text(),
            legal_basis=self.current_basis(),
            disclosed_on=to_date(self.disclosed_on.date()),
            form=self.form_combo.currentText(),
            basis_detail=self.detail.text(),
            period=self.period.text(),
            restrictions="" if internal else self.restrictions.toPlainText(),
            document_no=self.document_no.text(),
            patient_ids=self.patient_ids() if listed else [],
            external_subjects=self.externals() if listed else [],
            subject_count=count or None,
            deidentified=self.deidentified.isChecked(),
            note=self.note.text(),
            corrects_id=self.corrects.id if self.corrects else None,
            consent_purpose=self.chosen_consent_purpose(),
        )

    def failed(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
