"""The complaints desk screen (개인정보 침해 신고·상담): complaints and inquiries on their 10-day clock.

Open complaints come first, by due date (the most urgent on top), then answered and closed ones
(the order of :func:`privdesk.complaints.desk.list_complaints`). The 남은 날 cell has the colours of the
other inboxes — overdue red, due within three days amber — and says so in words. The complainant
is masked; "연락처 보기" shows the name and contact in full with a logged reason. A complaint can open
a data-subject request or an incident in one step; the link shows in the list and the detail.

The officer and the privacy staff (``incident.handle``) act; the auditor (``incident.read``) reads.
The use cases check every permission again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.complaints import desk
from privdesk.complaints.desk import ComplaintDetail, ComplaintInput, ComplaintRow, Urgency
from privdesk.errors import PrivdeskError, ValidationError
from privdesk.incidents import rules
from privdesk.incidents.register import IncidentInput
from privdesk.rights.requests import ID_DOCUMENTS, KIND_LABELS, RequestInput
from privdesk.ui.clocks import CLOCK_ROLES, clock_colour
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.requests.common import days_left_text
from privdesk.ui.tablemodel import Column, RowTableModel, select_where, selected_row
from privdesk.ui.widgets import (
    ask_reason,
    bar_button,
    heading,
    record_table,
    rich_detail,
    start_in_first_field,
)

CTX = "ComplaintsModel"
OPEN, ALL = "open", "all"
RED = "#a00000"
KIND_TEXT = {
    "complaint": QT_TRANSLATE_NOOP("ComplaintsModel", "침해 신고"),
    "inquiry": QT_TRANSLATE_NOOP("ComplaintsModel", "상담·문의"),
}
STATE_TEXT = {
    "open": QT_TRANSLATE_NOOP("ComplaintsModel", "접수"),
    "answered": QT_TRANSLATE_NOOP("ComplaintsModel", "답변"),
    "closed": QT_TRANSLATE_NOOP("ComplaintsModel", "종결"),
}
CHANNEL_TEXT = {
    "phone": QT_TRANSLATE_NOOP("ComplaintsModel", "전화"),
    "visit": QT_TRANSLATE_NOOP("ComplaintsModel", "방문"),
    "mail": QT_TRANSLATE_NOOP("ComplaintsModel", "우편"),
    "web": QT_TRANSLATE_NOOP("ComplaintsModel", "홈페이지"),
}


def tr_label(table: dict[str, str], code: str) -> str:
    source = table.get(code)
    return QCoreApplication.translate(CTX, source) if source else code


class ComplaintsModel(RowTableModel[ComplaintRow]):
    """The desk's rows, in the order the use case gives them."""

    CONTEXT = CTX
    COL_NUMBER, COL_KIND, COL_WHO, COL_TOPIC, COL_RECEIVED, COL_DUE, COL_LEFT, COL_STATE, COL_LINKS = range(9)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ComplaintsModel", "접수번호"), lambda r: r.number),
        Column(QT_TRANSLATE_NOOP("ComplaintsModel", "구분"), lambda r: tr_label(KIND_TEXT, r.kind)),
        Column(QT_TRANSLATE_NOOP("ComplaintsModel", "신고인"), lambda r: r.who),
        Column(QT_TRANSLATE_NOOP("ComplaintsModel", "요지"), lambda r: r.topic),
        Column(
            QT_TRANSLATE_NOOP("ComplaintsModel", "접수일"),
            lambda r: clock.fmt_date(r.received_at),
            lambda r: r.received_at,
        ),
        Column(QT_TRANSLATE_NOOP("ComplaintsModel", "기한"), lambda r: r.due.isoformat(), lambda r: r.due),
        Column(
            QT_TRANSLATE_NOOP("ComplaintsModel", "남은 날"),
            lambda r: days_left_text(r.days_left, r.urgency),
            lambda r: r.days_left,
        ),
        Column(QT_TRANSLATE_NOOP("ComplaintsModel", "상태"), lambda r: tr_label(STATE_TEXT, r.state)),
        Column(QT_TRANSLATE_NOOP("ComplaintsModel", "연결"), lambda r: r.links),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in CLOCK_ROLES:
            r = self.row_object(index.row())
            return clock_colour(
                role,
                closed=r.urgency == Urgency.CLOSED,
                overdue=r.urgency == Urgency.OVERDUE,
                due_soon=r.urgency == Urgency.DUE_SOON,
                clock_cell=index.column() == self.COL_LEFT,
            )
        return super().data(index, role)


class _Form(QDialog):
    """A dialog whose OK runs one use case in the background; the error stays in the dialog."""

    done_with = Signal(object)
    CHANGES: ClassVar[frozenset[str]] = frozenset({"complaints"})  # what the use case changes

    def __init__(self, page: ComplaintsPage, name: str, title: str) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.layout_.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {RED};")
        self.error.hide()
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("ComplaintForm", "저장")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("ComplaintForm", "취소")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, note: str = "") -> None:
        if note:
            label = QLabel(note, self)
            label.setWordWrap(True)
            label.setStyleSheet("color: #555;")
            self.layout_.addWidget(label)
        self.layout_.addWidget(self.buttons)
        start_in_first_field(self)  # the cursor starts in the first field, not on 저장
        self.resize(560, self.sizeHint().height())

    def text_edit(self, name: str, height: int = 70) -> QPlainTextEdit:
        e = QPlainTextEdit(self)
        e.setObjectName(name)
        e.setFixedHeight(height)
        return e

    def line(self, name: str, text: str = "", placeholder: str = "") -> QLineEdit:
        e = QLineEdit(text, self)
        e.setObjectName(name)
        e.setPlaceholderText(placeholder)
        return e

    def combo(self, name: str, items: dict[str, str]) -> QComboBox:
        c = QComboBox(self)
        c.setObjectName(name)
        for code, text in items.items():
            c.addItem(text, code)
        return c

    def call(self) -> Callable[[], Any]:
        raise NotImplementedError

    def submit(self) -> None:
        try:
            fn = self.call()
        except PrivdeskError as exc:
            self._failed(exc)
            return
        self.buttons.setEnabled(False)
        self.page.host.runner.run(
            fn, owner=self, on_done=self._done, on_error=self._failed, changes=self.CHANGES
        )

    def _done(self, result: Any) -> None:
        self.done_with.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if isinstance(exc, PrivdeskError):
            self.error.setText(str(exc))
            self.error.show()
            self.layout_.activate()  # grow to fit the message: nothing hides under the fixed-height edits
            self.resize(self.width(), max(self.height(), self.layout_.totalHeightForWidth(self.width())))
            return True
        return False


class ReceiveDialog(_Form):
    """신고·상담 접수: a registry patient by chart number, or a name and contact (encrypted)."""

    def __init__(self, page: ComplaintsPage) -> None:
        super().__init__(
            page, "receiveComplaintDialog", QCoreApplication.translate("ComplaintForm", "신고·상담 접수")
        )
        self.kind = self.combo("kind", {k: tr_label(KIND_TEXT, k) for k in desk.KIND_LABELS})
        self.channel = self.combo("channel", {k: tr_label(CHANNEL_TEXT, k) for k in desk.CHANNELS})
        self.received = self.line(
            "received", clock.to_kst(clock.now()).strftime("%Y-%m-%d %H:%M"), "YYYY-MM-DD HH:MM"
        )
        self.topic = self.line("topic", "", self.tr("무엇에 관한 신고·상담인지 (개인정보는 적지 마십시오)"))
        self.chart = self.line("chartNo", "", self.tr("환자이면 차트번호"))
        self.name = self.line("name", "", self.tr("환자가 아니면 성명"))
        self.contact = self.line("contact", "", self.tr("전화번호 또는 전자우편"))
        self.content = self.text_edit("content", 90)
        for label, w in (
            (self.tr("구분"), self.kind),
            (self.tr("접수 방법"), self.channel),
            (self.tr("접수 일시 (한국 시간)"), self.received),
            (self.tr("요지"), self.topic),
            (self.tr("차트번호"), self.chart),
            (self.tr("성명"), self.name),
            (self.tr("연락처"), self.contact),
            (self.tr("내용"), self.content),
        ):
            self.form.addRow(label, w)
        self.finish_layout(
            self.tr(
                "환자이면 차트번호만 입력하십시오. 환자가 아니면 성명과 연락처를 입력하십시오(암호화하여 "
                "저장합니다). 답변 기한은 접수일부터 {days}일입니다."
            ).format(days=page.host.ctx.profile.complaint_days)
        )

    def call(self) -> Callable[[], Any]:
        received = rules.parse_kst(self.received.text(), "received_at", "접수 일시")
        data = ComplaintInput(
            kind=str(self.kind.currentData()),
            channel=str(self.channel.currentData()),
            topic=self.topic.text(),
            content=self.content.toPlainText(),
            chart_no=self.chart.text(),
            name=self.name.text(),
            contact=self.contact.text(),
            received_at=received,
        )
        ctx, actor = self.page.host.ctx, self.page.host.actor
        return lambda: desk.receive(ctx, actor, data)


class AnswerDialog(_Form):
    """답변 기록, or 종결 (the answer required: the one recorded, or typed here)."""

    def __init__(self, page: ComplaintsPage, row: ComplaintRow, current: str, *, closing: bool) -> None:
        title = (
            QCoreApplication.translate("ComplaintForm", "신고·상담 종결")
            if closing
            else QCoreApplication.translate("ComplaintForm", "답변 기록")
        )
        super().__init__(
            page, "closeComplaintDialog" if closing else "answerComplaintDialog", f"{title} — {row.number}"
        )
        self.row, self.closing = row, closing
        self.answer = self.text_edit("answer", 120)
        self.answer.setPlainText(current)
        self.form.addRow(self.tr("답변 내용"), self.answer)
        self.finish_layout(
            self.tr(
                "답변에는 주민등록번호·전화번호 같은 개인정보를 적지 마십시오. 답변이 있어야 종결할 수 "
                "있습니다."
            )
        )

    def call(self) -> Callable[[], Any]:
        ctx, actor, ref, text, version = (
            self.page.host.ctx,
            self.page.host.actor,
            self.row.id,
            self.answer.toPlainText(),
            self.row.version,
        )
        if self.closing:
            return lambda: desk.close(ctx, actor, ref, text, expected_version=version)
        return lambda: desk.answer(ctx, actor, ref, text, expected_version=version)


class RequestDialog(_Form):
    """정보주체 요구로 접수: the request's kind and the requester (the complainant, as the subject)."""

    CHANGES = frozenset({"complaints", "requests", "registry"})  # a request may hold the registry record

    def __init__(self, page: ComplaintsPage, d: ComplaintDetail) -> None:
        super().__init__(
            page,
            "complaintRequestDialog",
            QCoreApplication.translate("ComplaintForm", "정보주체 요구로 접수") + f" — {d.number}",
        )
        self.detail = d
        self.kind = self.combo("requestKind", dict(KIND_LABELS))
        self.file = QComboBox(self)
        self.file.setObjectName("fileCode")
        for f in page.host.ctx.profile.files:
            if f.code != "cctv":
                self.file.addItem(f.name, f.code)
        self.file.setEnabled(d.patient_id is None)
        self.requester = self.line("requesterName", "", self.tr("요구인 성명 (신분증과 같게)"))
        self.birth = self.line("requesterBirth", "", "YYYY-MM-DD")
        self.phone = self.line("requesterPhone", "", "010-0000-0000")
        self.id_doc = self.combo("idDocument", {doc: doc for doc in ID_DOCUMENTS})
        self.text = self.text_edit("requestText", 70)
        for label, w in (
            (self.tr("요구 구분"), self.kind),
            (self.tr("개인정보파일"), self.file),
            (self.tr("요구인 (본인)"), self.requester),
            (self.tr("생년월일"), self.birth),
            (self.tr("연락처"), self.phone),
            (self.tr("신분 확인 서류"), self.id_doc),
            (self.tr("요구 내용"), self.text),
        ):
            self.form.addRow(label, w)
        self.finish_layout(
            self.tr(
                "신고인 본인의 요구로 접수합니다. 대리인·법정대리인의 요구는 정보주체 요구 화면에서 "
                "접수하십시오."
            )
        )

    def call(self) -> Callable[[], Any]:
        try:
            birth = dt.date.fromisoformat(self.birth.text().strip()) if self.birth.text().strip() else None
        except ValueError:
            raise ValidationError("requester_birth", "생년월일은 YYYY-MM-DD 형식으로 입력하십시오.") from None
        data = RequestInput(
            kind=str(self.kind.currentData()),
            file_code=str(self.file.currentData() or ""),
            relation="self",
            requester_name=self.requester.text(),
            requester_phone=self.phone.text(),
            id_document=str(self.id_doc.currentData()),
            request_text=self.text.toPlainText(),
            subject_name=self.requester.text(),
            requester_birth=birth,
            subject_birth=birth,
            channel={"web": "web", "mail": "mail", "phone": "phone"}.get(self.detail.row.channel, "visit"),
        )
        ctx, actor, ref = self.page.host.ctx, self.page.host.actor, self.detail.id
        return lambda: desk.open_request(ctx, actor, ref, data)


class IncidentDialog(_Form):
    """유출 사고로 등록: the incident's first facts; the clock starts at the learnt-at time."""

    CHANGES = frozenset({"complaints", "incidents"})

    def __init__(self, page: ComplaintsPage, d: ComplaintDetail) -> None:
        super().__init__(
            page,
            "complaintIncidentDialog",
            QCoreApplication.translate("ComplaintForm", "유출 사고로 등록") + f" — {d.number}",
        )
        self.detail = d
        self.learnt = self.line(
            "learnt", clock.to_kst(clock.now()).strftime("%Y-%m-%d %H:%M"), "YYYY-MM-DD HH:MM"
        )
        self.kind = self.combo("incidentKind", dict(rules.KIND_LABELS))
        self.summary = self.text_edit("summary", 80)
        self.summary.setPlainText(d.row.topic)
        for label, w in (
            (self.tr("인지 일시 (한국 시간)"), self.learnt),
            (self.tr("유형"), self.kind),
            (self.tr("경위"), self.summary),
        ):
            self.form.addRow(label, w)
        self.finish_layout(
            self.tr("사고 대장에 등록하고 이 신고와 연결합니다. 72시간 기한은 인지 일시부터입니다.")
        )

    def call(self) -> Callable[[], Any]:
        learnt = rules.parse_kst(self.learnt.text(), "learnt_at", "인지 일시")
        data = IncidentInput(
            learnt_at=learnt, kind=str(self.kind.currentData()), summary=self.summary.toPlainText()
        )
        ctx, actor, ref = self.page.host.ctx, self.page.host.actor, self.detail.id
        return lambda: desk.open_incident(ctx, actor, ref, data)


class ComplaintsPage(Page):
    """개인정보 침해 신고·상담 (incident.read; acting needs incident.handle)."""

    SHOWS = frozenset({"complaints", "requests", "incidents"})  # and the request or incident each became

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("complaintsPage")
        self.dialog: QDialog | None = None
        self.current: ComplaintDetail | None = None
        self.shown_contact: desk.Contact | None = None
        self._select_next: int | None = None
        self.may_handle = host.actor.may(Permission.INCIDENT_HANDLE)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("개인정보 침해 신고·상담"), self))
        intro = QLabel(
            self.tr(
                "전화·방문·우편·홈페이지로 받은 개인정보 침해 신고와 상담입니다. 접수일부터 {days}일 안에 "
                "답변하고, 필요하면 정보주체 요구나 유출 사고로 바로 이어 접수합니다."
            ).format(days=host.ctx.profile.complaint_days),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.new_button = self._button(bar, "newComplaintButton", self.tr("접수…"), self.new_complaint)
        self.answer_button = self._button(
            bar, "answerButton", self.tr("답변…"), lambda: self.answer(closing=False)
        )
        self.close_button = self._button(
            bar, "closeComplaintButton", self.tr("종결…"), lambda: self.answer(closing=True)
        )
        self.contact_button = self._button(bar, "contactButton", self.tr("연락처 보기…"), self.show_contact)
        self.request_button = self._button(
            bar, "toRequestButton", self.tr("정보주체 요구로 접수…"), self.to_request
        )
        self.incident_button = self._button(
            bar, "toIncidentButton", self.tr("유출 사고로 등록…"), self.to_incident
        )
        for b in (
            self.new_button,
            self.answer_button,
            self.close_button,
            self.request_button,
            self.incident_button,
        ):
            b.setVisible(self.may_handle)
        self.request_button.setVisible(self.may_handle and host.actor.may(Permission.REQUEST_HANDLE))
        bar.addStretch(1)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("filterCombo")
        self.filter_combo.addItem(self.tr("종결 전"), OPEN)
        self.filter_combo.addItem(self.tr("전체 (종결 포함)"), ALL)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.filter_combo)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = ComplaintsModel(self)
        self.table = record_table(splitter, "complaintsTable", self.model, fit_contents=True, wrap=False)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        splitter.addWidget(self.table)
        self.detail_label = rich_detail(splitter, "complaintDetail")
        splitter.setSizes([240, 360])
        layout.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        self._update_buttons()

    def _button(self, bar: QHBoxLayout, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        return bar_button(self, bar, name, text, slot)

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def focus_target(self) -> QWidget | None:
        return self.table

    def search_box(self) -> QWidget | None:
        return self.filter_combo

    def new_action(self) -> Callable[[], object] | None:
        return self.new_complaint if self.may_handle else None

    # -- loading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        open_only = self.filter_combo.currentData() == OPEN
        self.host.runner.run(
            lambda: desk.list_complaints(ctx, actor, open_only=open_only), owner=self, on_done=self._loaded
        )

    def _loaded(self, rows: list[ComplaintRow]) -> None:
        keep = self.selected()
        self.model.set_rows(rows)
        late = sum(1 for r in rows if r.urgency == Urgency.OVERDUE)
        soon = sum(1 for r in rows if r.urgency == Urgency.DUE_SOON)
        waiting = sum(1 for r in rows if r.state == desk.OPEN)
        self.status.setText(
            self.tr("답변 대기 {n}건 — 기한 경과 {late}건, 임박 {soon}건").format(
                n=waiting, late=late, soon=soon
            )
        )
        target = self._select_next or (keep.id if keep is not None else None)
        if target is not None and self.select(target):
            self._select_next = None
        elif rows and self.selected() is None:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> ComplaintRow | None:
        return selected_row(self.table, self.model)

    def select(self, complaint_id: int) -> bool:
        return select_where(self.table, self.model, lambda r: r.id == complaint_id)

    def _update_buttons(self) -> None:
        r = self.selected()
        is_open = r is not None and r.state != desk.CLOSED
        for b in (self.answer_button, self.close_button):
            b.setEnabled(is_open)
        self.contact_button.setEnabled(r is not None)
        self.request_button.setEnabled(is_open and r is not None and r.request_number is None)
        self.incident_button.setEnabled(is_open and r is not None and r.incident_number is None)

    def _selection_changed(self) -> None:
        self._update_buttons()
        self.shown_contact = None
        r = self.selected()
        if r is None:
            self.current = None
            self.detail_label.setText(self.tr("신고·상담을 고르면 내용이 여기에 나옵니다."))
            return
        ctx, actor, ref = self.host.ctx, self.host.actor, r.id
        self.host.runner.run(
            lambda: desk.get_complaint(ctx, actor, ref), owner=self, on_done=self.show_detail
        )

    def show_detail(self, d: ComplaintDetail) -> None:
        self.current = d
        self.detail_label.setText(detail_html(d, self.shown_contact))

    # -- actions --------------------------------------------------------------------------------------
    def _open(self, dialog: _Form) -> _Form:
        dialog.done_with.connect(self._changed)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _changed(self, result: Any) -> None:
        if isinstance(result, ComplaintDetail) and not self.select(result.id):
            self._select_next = result.id

    def new_complaint(self) -> _Form:
        return self._open(ReceiveDialog(self))

    def answer(self, *, closing: bool) -> _Form | None:
        r = self.selected()
        if r is None:
            return None
        current = self.current.answer if self.current is not None and self.current.id == r.id else ""
        return self._open(AnswerDialog(self, r, current, closing=closing))

    def to_request(self) -> _Form | None:
        return self._open(RequestDialog(self, self.current)) if self.current is not None else None

    def to_incident(self) -> _Form | None:
        return self._open(IncidentDialog(self, self.current)) if self.current is not None else None

    def show_contact(self, reason: str | None = None) -> None:
        """The name and contact in full, with a reason (logged by the use case)."""
        r = self.selected()
        if r is None:
            return
        if reason is None:
            reason = ask_reason(
                self,
                self.host,
                self.host.actor,
                self.tr("연락처 보기"),
                self.tr("신고인의 성명과 연락처를 마스킹 없이 봅니다. 사유는 접속기록에 남습니다."),
            )
            if reason is None:
                return
        ctx, actor, ref, why = self.host.ctx, self.host.actor, r.id, reason
        self.host.runner.run(
            lambda: desk.contact(ctx, actor, ref, why),
            owner=self,
            on_done=self._contact_shown,
            on_error=self._contact_failed,
        )

    def _contact_shown(self, c: desk.Contact) -> None:
        self.shown_contact = c
        if self.current is not None:
            self.detail_label.setText(detail_html(self.current, c))

    def _contact_failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.status.setText(str(exc))
            return True
        return False


DETAIL_TEXT = {
    k: k
    for k in (
        QT_TRANSLATE_NOOP("ComplaintsModel", "차트번호 {chart}"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "접수"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "구분"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "신고인"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "기한"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "상태"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "정보주체 요구"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "유출 사고"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "답변"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "종결"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "내용"),
        QT_TRANSLATE_NOOP("ComplaintsModel", "답변 내용"),
    )
}


def _t(_context: str, source: str) -> str:
    return tr_label(DETAIL_TEXT, source)


def detail_html(d: ComplaintDetail, shown: desk.Contact | None = None) -> str:
    """The detail pane: the complainant masked (or in full after a logged look), the dates, the
    linked request or incident, the content and the answer."""
    r = d.row
    who = f"{shown.name} · {shown.contact}" if shown is not None else f"{d.name_masked} · {d.contact_masked}"
    if d.chart_no:
        who += " · " + _t("ComplaintsModel", "차트번호 {chart}").format(chart=d.chart_no)
    rows = [
        (
            _t("ComplaintsModel", "구분"),
            tr_label(KIND_TEXT, r.kind) + " · " + tr_label(CHANNEL_TEXT, r.channel),
        ),
        (_t("ComplaintsModel", "신고인"), who),
        (_t("ComplaintsModel", "접수"), f"{clock.fmt_datetime(r.received_at)} · {d.who(r.received_by)}"),
        (_t("ComplaintsModel", "기한"), f"{r.due.isoformat()} ({days_left_text(r.days_left, r.urgency)})"),
        (_t("ComplaintsModel", "상태"), tr_label(STATE_TEXT, r.state)),
    ]
    if r.request_number:
        rows.append((_t("ComplaintsModel", "정보주체 요구"), r.request_number))
    if r.incident_number:
        rows.append((_t("ComplaintsModel", "유출 사고"), r.incident_number))
    if d.answered_at is not None:
        rows.append(
            (_t("ComplaintsModel", "답변"), f"{clock.fmt_datetime(d.answered_at)} · {d.who(d.answered_by)}")
        )
    if d.closed_at is not None:
        rows.append(
            (_t("ComplaintsModel", "종결"), f"{clock.fmt_datetime(d.closed_at)} · {d.who(d.closed_by)}")
        )
    table = "".join(
        f"<tr><td style='color:#555;padding-right:12px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    body = escape(d.content).replace("\n", "<br>") or "—"
    answer = escape(d.answer).replace("\n", "<br>") or "—"
    return (
        f"<h3 style='margin:0'>{escape(d.number)} — {escape(r.topic)}</h3><table>{table}</table>"
        f"<h4 style='margin:8px 0 2px 0'>{escape(_t('ComplaintsModel', '내용'))}</h4><div>{body}</div>"
        f"<h4 style='margin:8px 0 2px 0'>{escape(_t('ComplaintsModel', '답변 내용'))}</h4><div>{answer}</div>"
    )


def complaints_page(host: PageHost, parent: QWidget | None) -> Page:
    """The factory for :class:`~privdesk.ui.pages.PageSpec` (``incident.read``)."""
    return ComplaintsPage(host, parent)


__all__ = ["ComplaintsModel", "ComplaintsPage", "complaints_page", "detail_html"]
