"""The intake dialog (요구 접수): 개인정보 열람·정정·삭제·처리정지 요구서, 동의철회·회원탈퇴.

What (kind, personal-information file, channel, when received), whose data (a registry patient found
with the registry's own logged search — name, 초성, birth date, phone last four or chart number — the
candidates shown masked, one picked; or — for the homepage member and reservation files, kept outside
privdesk — a name with phone and birth date), who asks (본인 / 법정대리인 / 대리인; the requester's
own details and the proxy-document check only when not 본인), the identity document, the 열람 items
(시행령 제41조①) and the request text (required except for 열람).

The use case decides; its errors come back in Korean next to the field they name (or under the form),
and the dialog stays open with the input kept. The CCTV file is not offered: footage has its own
requests on the CCTV screen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
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
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.errors import PrivdeskError, ValidationError
from privdesk.lifecycle.files import PATIENT_FILE
from privdesk.personal import mask_name
from privdesk.registry.search import PatientRow, SearchKind, SearchPage, search
from privdesk.rights import requests as requests_uc
from privdesk.rights.requests import (
    CCTV_FILE,
    ID_DOCUMENTS,
    AccessItem,
    RequestDetail,
    RequestInput,
    RequestKind,
)
from privdesk.ui.cctv.common import datetime_edit, to_kst_datetime
from privdesk.ui.dateedit import DateEdit
from privdesk.ui.host import PageHost
from privdesk.ui.registry.model import sex_label
from privdesk.ui.requests.common import (
    ACCESS_ITEM_TEXT,
    CHANNEL_TEXT,
    ERROR_STYLE,
    INFO_STYLE,
    KIND_TEXT,
    RELATION_TEXT,
    label,
)

CANDIDATE_LIMIT = 20  # candidates listed at once; more: search more precisely


class _Field(QWidget):
    """A form field with its own error line under it."""

    def __init__(self, widget: QWidget, parent: QWidget, extra: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if extra is None:
            layout.addWidget(widget)
        else:
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            row.addWidget(extra)
            layout.addLayout(row)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t: self.set_error(""))
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(lambda: self.set_error(""))
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


class IntakeDialog(QDialog):
    """``received(detail)`` fires after the use case took the request in; the dialog then closes."""

    received = Signal(object)

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestIntakeDialog")
        self.setWindowTitle(self.tr("요구 접수 — 개인정보 열람·정정·삭제·처리정지 요구"))
        self.host = host
        self.saving = False
        self.patient: PatientRow | None = None
        self.fields: dict[str, _Field] = {}
        self._received_edited = False

        # -- what ----------------------------------------------------------------------------------
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kind")
        for kind in RequestKind:
            self.kind_combo.addItem(label(KIND_TEXT, kind), str(kind))
        self.file_combo = QComboBox(self)
        self.file_combo.setObjectName("fileCode")
        # The profile's files (lifecycle.files.list_files needs retention.manage or destruction.plan,
        # which the request handler usually lacks; names there are seeded from the same profile).
        for f in host.ctx.profile.files:
            if f.code != CCTV_FILE:
                self.file_combo.addItem(f.name, f.code)
        self.file_combo.setCurrentIndex(max(0, self.file_combo.findData(PATIENT_FILE)))
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("channel")
        for channel in CHANNEL_TEXT:
            self.channel_combo.addItem(label(CHANNEL_TEXT, channel), channel)
        self.received_edit = datetime_edit(self, clock.now().replace(second=0, microsecond=0), "receivedAt")
        self.received_edit.dateTimeChanged.connect(lambda _v: setattr(self, "_received_edited", True))

        what = QGroupBox(self.tr("요구"), self)
        form = QFormLayout(what)
        self._add(form, "kind", self.tr("요구 구분"), self.kind_combo)
        self._add(form, "file_code", self.tr("개인정보파일"), self.file_combo)
        self._add(form, "channel", self.tr("접수 방법"), self.channel_combo)
        self._add(form, "received_at", self.tr("접수 일시"), self.received_edit)
        self.what_form = form

        # -- whose data ----------------------------------------------------------------------------
        self.chart_edit = QLineEdit(self)
        self.chart_edit.setObjectName("chartNo")
        self.chart_edit.setPlaceholderText(
            self.tr("이름, 초성(ㅎㄱㄷ), 생년월일, 전화 끝 4자리 또는 차트번호")
        )
        self.chart_edit.setToolTip(
            self.tr("환자 명부의 검색과 같습니다: 찾은 환자는 가려서 보이고, 검색은 접속기록에 남습니다.")
        )
        self.find_button = QPushButton(self.tr("찾기"), self)
        self.find_button.setObjectName("findPatientButton")
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(lambda _c=False: self.find_patient())
        self.chart_edit.installEventFilter(self)  # Enter here searches (and does not submit the form)
        self.chart_edit.textEdited.connect(lambda _t: self._set_patient(None))
        self.candidates = QListWidget(self)  # several patients found: the clerk picks one
        self.candidates.setObjectName("patientCandidates")
        self.candidates.setMaximumHeight(140)
        self.candidates.itemActivated.connect(self._pick)
        self.candidates.itemClicked.connect(self._pick)
        self.candidates.installEventFilter(self)  # Enter here picks (and does not submit the form)
        self.candidates.hide()
        self.patient_label = QLabel(self)
        self.patient_label.setObjectName("patientFound")
        self.patient_label.setWordWrap(True)
        self.subject_name_edit = QLineEdit(self)
        self.subject_name_edit.setObjectName("subjectName")
        self.subject_phone_edit = QLineEdit(self)
        self.subject_phone_edit.setObjectName("subjectPhone")
        self.subject_phone_edit.setPlaceholderText("010-0000-0000")
        self.subject_birth_edit = DateEdit(self, name="subjectBirth", label=self.tr("생년월일"))
        self.subject_address_edit = QLineEdit(self)
        self.subject_address_edit.setObjectName("subjectAddress")
        self.subject_address_edit.setPlaceholderText(self.tr("선택 — 통지서를 우편으로 보낼 때"))

        whose = QGroupBox(self.tr("정보주체"), self)
        form = QFormLayout(whose)
        self._add(form, "patient_id", self.tr("환자 찾기"), self.chart_edit, extra=self.find_button)
        form.addRow("", self.candidates)
        form.addRow("", self.patient_label)
        self._add(form, "subject_name", self.tr("성명"), self.subject_name_edit)
        self._add(form, "subject_phone", self.tr("연락처"), self.subject_phone_edit)
        self._add(form, "subject_birth", self.tr("생년월일"), self.subject_birth_edit)
        self._add(form, "subject_address", self.tr("주소"), self.subject_address_edit)
        self.subject_form = form

        # -- who asks ------------------------------------------------------------------------------
        self.relation_combo = QComboBox(self)
        self.relation_combo.setObjectName("relation")
        for relation in RELATION_TEXT:
            self.relation_combo.addItem(label(RELATION_TEXT, relation), relation)
        self.requester_name_edit = QLineEdit(self)
        self.requester_name_edit.setObjectName("requesterName")
        self.requester_phone_edit = QLineEdit(self)
        self.requester_phone_edit.setObjectName("requesterPhone")
        self.requester_phone_edit.setPlaceholderText(self.tr("010-0000-0000 (결과를 알릴 연락처)"))
        self.requester_birth_edit = DateEdit(
            self, name="requesterBirth", label=self.tr("요구인 생년월일"), optional=True
        )
        self.requester_address_edit = QLineEdit(self)
        self.requester_address_edit.setObjectName("requesterAddress")
        self.requester_address_edit.setPlaceholderText(self.tr("선택 — 통지서를 우편으로 보낼 때"))
        self.proxy_check = QCheckBox(self)
        self.proxy_check.setObjectName("proxyChecked")
        self.document_combo = QComboBox(self)
        self.document_combo.setObjectName("idDocument")
        self.document_combo.addItems(list(ID_DOCUMENTS))
        self.checked_by_edit = QLineEdit(host.actor.name, self)
        self.checked_by_edit.setObjectName("idCheckedBy")

        who = QGroupBox(self.tr("요구인"), self)
        form = QFormLayout(who)
        self._add(form, "relation", self.tr("정보주체와의 관계"), self.relation_combo)
        self._add(form, "requester_name", self.tr("요구인 성명"), self.requester_name_edit)
        self._add(form, "requester_phone", self.tr("연락처"), self.requester_phone_edit)
        self._add(form, "requester_birth", self.tr("요구인 생년월일"), self.requester_birth_edit)
        self._add(form, "requester_address", self.tr("요구인 주소"), self.requester_address_edit)
        self._add(form, "proxy_checked", self.tr("대리 서류"), self.proxy_check)
        self._add(form, "id_document", self.tr("신분 확인 서류"), self.document_combo)
        self._add(form, "id_checked_by", self.tr("확인자"), self.checked_by_edit)
        self.requester_form = form

        # -- the request ---------------------------------------------------------------------------
        self.items_box = QWidget(self)
        items_layout = QVBoxLayout(self.items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        self.item_checks: dict[str, QCheckBox] = {}
        for item in AccessItem:
            check = QCheckBox(label(ACCESS_ITEM_TEXT, item), self.items_box)
            check.setObjectName(f"item_{item}")
            check.setChecked(True)
            items_layout.addWidget(check)
            self.item_checks[str(item)] = check
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("requestText")
        self.text_edit.setFixedHeight(80)
        request = QGroupBox(self.tr("요구 내용"), self)
        form = QFormLayout(request)
        self._add(form, "access_items", self.tr("열람할 사항"), self.items_box)
        self._add(form, "request_text", self.tr("요구 내용·사유"), self.text_edit)
        self.request_form = form

        body = QWidget(self)
        columns = QHBoxLayout(body)
        left = QVBoxLayout()
        left.addWidget(what)
        left.addWidget(whose)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(who)
        right.addWidget(request)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields (they scroll into view)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("접수"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self._update_form())
        self.file_combo.currentIndexChanged.connect(lambda _i: self._update_form())
        self.relation_combo.currentIndexChanged.connect(lambda _i: self._update_form())
        self._set_patient(None)
        self._update_form()
        self.resize(1000, 640)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if watched is self.chart_edit:
                self.find_patient()
                return True
            if watched is self.candidates:
                item = self.candidates.currentItem()
                if item is not None:
                    self._pick(item)
                return True
        return super().eventFilter(watched, event)

    def _add(
        self, form: QFormLayout, key: str, text: str, widget: QWidget, *, extra: QWidget | None = None
    ) -> None:
        field = _Field(widget, self, extra)
        field.setObjectName(f"field_{key}")
        self.fields[key] = field
        form.addRow(text, field)

    def _row_visible(self, key: str, on: bool) -> None:
        field = self.fields[key]
        for form in (self.what_form, self.subject_form, self.requester_form, self.request_form):
            if form.indexOf(field) >= 0:
                form.setRowVisible(field, on)

    # -- the form follows the choices -----------------------------------------------------------------
    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    @property
    def file_code(self) -> str:
        return str(self.file_combo.currentData())

    @property
    def relation(self) -> str:
        return str(self.relation_combo.currentData())

    @property
    def patient_mode(self) -> bool:
        return self.file_code == PATIENT_FILE

    def _update_form(self) -> None:
        patient, own = self.patient_mode, self.relation == "self"
        self._row_visible("patient_id", patient)
        self.subject_form.setRowVisible(self.patient_label, patient)
        self.subject_form.setRowVisible(self.candidates, patient and self.candidates.count() > 0)
        for key in ("subject_name", "subject_birth", "subject_address"):
            self._row_visible(key, not patient)
        self._row_visible("subject_phone", not patient and not own)
        # 본인 of a registry patient: the name and birth date on the ID presented, checked against the
        # patient by the core (a different person is an agent or a legal representative)
        for key in ("requester_name", "requester_birth"):
            self._row_visible(key, not own or patient)
        for key in ("requester_address", "proxy_checked"):
            self._row_visible(key, not own)
        self.requester_birth_edit.setPlaceholderText(
            self.tr("YYYY-MM-DD (신분증의 생년월일)") if own else self.tr("YYYY-MM-DD (선택)")
        )
        if self.relation == "agent":
            self.proxy_check.setText(self.tr("위임장 확인함 (개인정보 보호법 제38조, 별지 제11호서식)"))
        elif self.relation == "guardian":
            self.proxy_check.setText(self.tr("대리 관계 서류(가족관계증명서 등) 확인함"))
        else:
            self.proxy_check.setChecked(False)
        access = self.kind == RequestKind.ACCESS
        self._row_visible("access_items", access)
        label = self.request_form.labelForField(self.fields["request_text"])
        if isinstance(label, QLabel):
            label.setText(self.tr("요구 내용·사유 (선택)") if access else self.tr("요구 내용·사유 (필수)"))
        hints = {
            RequestKind.ACCESS: self.tr("열람 목적 등 (선택)"),
            RequestKind.CORRECT: self.tr("정정할 항목과 바른 내용, 사유 (예: 주소 변경 — 새 주소)"),
            RequestKind.DELETE: self.tr("삭제할 항목과 사유"),
            RequestKind.SUSPEND: self.tr("정지할 처리와 사유 (예: 안내 문자 발송 중단)"),
            RequestKind.WITHDRAW: self.tr("철회할 동의와 사유 (예: 홈페이지 회원 탈퇴)"),
        }
        self.text_edit.setPlaceholderText(hints.get(RequestKind(self.kind), ""))

    # -- the patient, found with the registry's search --------------------------------------------------
    def find_patient(self) -> None:
        """Search the registry as its own search box does (logged there as ``search`` with the kind,
        never the query): an exact chart number links at once; otherwise the candidates are listed."""
        query = self.chart_edit.text().strip()
        self.fields["patient_id"].set_error("")
        if not query:
            self.fields["patient_id"].set_error(
                self.tr("이름, 초성, 생년월일, 전화 끝 4자리 또는 차트번호를 입력하십시오.")
            )
            return
        ctx, actor = self.host.ctx, self.host.actor
        self.find_button.setEnabled(False)
        self.host.runner.run(
            lambda: search(ctx, actor, query, limit=CANDIDATE_LIMIT),
            owner=self,
            on_done=lambda page: self._found(query, page),
            on_error=self._find_failed,
        )

    def _found(self, query: str, page: SearchPage) -> None:
        self.find_button.setEnabled(True)
        rows = page.rows
        self._show_candidates(())
        if not rows:
            self._set_patient(None)
            self.fields["patient_id"].set_error(
                self.tr("환자 명부에서 '{query}'에 맞는 환자를 찾을 수 없습니다.").format(query=query)
            )
            return
        exact = [r for r in rows if r.chart_no.casefold() == query.casefold()]
        if page.kind is SearchKind.CHART_NO and len(exact) == 1:
            self._link(exact[0])
            return
        self._set_patient(None)
        self._show_candidates(rows)
        self.patient_label.setText(
            self.tr("{n}명을 찾았습니다. 목록에서 환자를 고르십시오.").format(n=len(rows))
            if page.next_cursor is None
            else self.tr("{n}명까지 보입니다. 더 자세히 찾거나 목록에서 고르십시오.").format(n=len(rows))
        )

    def _show_candidates(self, rows: tuple[PatientRow, ...]) -> None:
        self.candidates.clear()
        for row in rows:
            item = QListWidgetItem(self.candidate_text(row), self.candidates)
            item.setData(Qt.ItemDataRole.UserRole, row)
        if rows:
            self.candidates.setCurrentRow(0)
            self.candidates.setFocus()
        self.subject_form.setRowVisible(self.candidates, bool(rows) and self.patient_mode)

    def candidate_text(self, row: PatientRow) -> str:
        """One candidate, masked: ``홍*동 · 1990-01-01 · 남 · 010-****-5678 · C-0001``."""
        parts = [mask_name(row.name), row.birth_date.isoformat(), sex_label(row.sex), row.phone_masked]
        text = (
            " · ".join(p for p in parts if p) + " · " + self.tr("차트번호 {chart}").format(chart=row.chart_no)
        )
        return text + (" · " + self.tr("이미 처리정지 중") if row.hold else "")

    def _pick(self, item: QListWidgetItem) -> None:
        row = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(row, PatientRow):
            self._show_candidates(())
            self._link(row)

    def _link(self, row: PatientRow) -> None:
        """The subject is linked: the form goes on with the requester."""
        self._set_patient(row)
        nxt = self.requester_name_edit if self.requester_name_edit.isVisibleTo(self) else self.chart_edit
        nxt.setFocus(Qt.FocusReason.OtherFocusReason)

    def _find_failed(self, exc: BaseException) -> bool:
        self.find_button.setEnabled(True)
        if isinstance(exc, PrivdeskError):
            self.fields["patient_id"].set_error(str(exc))
            return True
        return False

    def _set_patient(self, row: PatientRow | None) -> None:
        self.patient = row
        if row is None:
            self.patient_label.setText(
                self.tr("이름·초성·생년월일·전화 끝 4자리·차트번호로 환자를 찾으십시오.")
            )
            self.patient_label.setStyleSheet("color: #555;")
            return
        text = self.tr("{name} · {rrn} · 차트번호 {chart} · 최종 내원 {last}").format(
            name=mask_name(row.name), rrn=row.rrn_masked, chart=row.chart_no, last=row.last_visit.isoformat()
        )
        if row.hold:
            text += " · " + self.tr("이미 처리정지 중")
        self.patient_label.setText(text)
        self.patient_label.setStyleSheet(INFO_STYLE)
        self.fields["patient_id"].set_error("")

    # -- saving -----------------------------------------------------------------------------------------
    def _date(self, edit: DateEdit, field: str) -> dt.date | None:
        return edit.date(field)  # empty: None; not a date: a ValidationError saying how to write it

    def request_input(self) -> RequestInput:
        """The form as the use case's input; a ValidationError for what only the form can check."""
        patient, own = self.patient_mode, self.relation == "self"
        if patient and self.patient is None:
            raise ValidationError("patient_id", self.tr("환자를 찾아 목록에서 골라 연결하십시오."))
        subject_birth = None if patient else self._date(self.subject_birth_edit, "subject_birth")
        requester_birth = (
            None if own and not patient else self._date(self.requester_birth_edit, "requester_birth")
        )
        subject_name = "" if patient else self.subject_name_edit.text()
        if own and not patient and not subject_name.strip():
            # 본인: the requester is the subject, named once in the subject's field
            raise ValidationError("subject_name", self.tr("정보주체 성명을 입력하십시오."))
        if own:
            requester_name = self.requester_name_edit.text() if patient else subject_name
            subject_phone = "" if patient else self.requester_phone_edit.text()
        else:
            requester_name = self.requester_name_edit.text()
            subject_phone = "" if patient else self.subject_phone_edit.text()
        access = self.kind == RequestKind.ACCESS
        items = [code for code, check in self.item_checks.items() if check.isChecked()] if access else []
        if access and not items:
            raise ValidationError("access_items", self.tr("열람할 사항을 하나 이상 고르십시오."))
        received_at = to_kst_datetime(self.received_edit.dateTime()) if self._received_edited else None
        return RequestInput(
            kind=self.kind,
            file_code=self.file_code,
            relation=self.relation,
            requester_name=requester_name,
            requester_phone=self.requester_phone_edit.text(),
            id_document=self.document_combo.currentText(),
            request_text=self.text_edit.toPlainText(),
            patient_id=self.patient.id if patient and self.patient is not None else None,
            subject_name=subject_name,
            subject_phone=subject_phone,
            subject_birth=subject_birth,
            subject_address="" if patient else self.subject_address_edit.text(),
            requester_birth=requester_birth,
            requester_address="" if own else self.requester_address_edit.text(),
            proxy_checked=self.proxy_check.isChecked() and not own,
            access_items=items,
            channel=str(self.channel_combo.currentData()),
            id_checked_by=self.checked_by_edit.text(),
            received_at=received_at,
        )

    def clear_errors(self) -> None:
        self.message.clear()
        for field in self.fields.values():
            field.set_error("")

    def _target(self, field: str) -> str:
        """Where an error about ``field`` shows: the field the user typed it in."""
        own = self.relation == "self"
        if own and field == "requester_name":
            return "subject_name" if not self.patient_mode else "requester_name"
        if own and field == "requester_birth" and self.patient_mode:
            return "requester_birth"
        if own and field == "subject_phone":
            return "requester_phone"
        if own and field in ("requester_birth", "requester_address"):
            return ""
        if self.patient_mode and field in (
            "subject_name",
            "subject_phone",
            "subject_birth",
            "subject_address",
        ):
            return ""
        return field if field in self.fields else ""

    def show_error(self, exc: PrivdeskError) -> None:
        key = self._target(exc.field) if isinstance(exc, ValidationError) else ""
        if key:
            self.fields[key].set_error(str(exc))
            self.message.setText(self.tr("표시한 항목을 고치십시오."))
        else:
            self.message.setText(str(exc))

    def submit(self) -> None:
        if self.saving:
            return
        self.clear_errors()
        try:
            data = self.request_input()
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.saving = True
        self.ok_button.setEnabled(False)
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(
            lambda: requests_uc.receive_request(ctx, actor, data),
            owner=self,
            on_done=self._saved,
            on_error=self._failed,
            changes=frozenset({"requests", "registry"}),  # a request may hold the registry record
        )

    def _saved(self, detail: RequestDetail) -> None:
        self.saving = False
        self.received.emit(detail)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.saving = False
        self.ok_button.setEnabled(True)
        if isinstance(exc, PrivdeskError):
            self.show_error(exc)
            return True
        return False

    def values(self) -> dict[str, Any]:
        """What the form holds now (tests check that a refused save kept it)."""
        return {
            "kind": self.kind,
            "file": self.file_code,
            "relation": self.relation,
            "chart": self.chart_edit.text(),
            "requester": self.requester_name_edit.text(),
            "phone": self.requester_phone_edit.text(),
            "text": self.text_edit.toPlainText(),
        }
