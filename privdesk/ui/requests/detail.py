"""The request detail (정보주체 요구 상세): walks a request through its states and produces its notices.

The header says the number, kind, state and the days left (coloured and in words); then the subject
and the requester (phones masked; "연락처 보기" shows them in full for a while, with a logged reason),
the request text, the result, and the history. Only the steps the core allows next
(``RequestDetail.next_states``) and that fit the kind appear as buttons; each opens its dialog
(:mod:`privdesk.ui.requests.actions`) and calls its use case with the version this screen showed — a
stale copy is refused, said in Korean, and the detail reloads.

A completed correction lists its correction notices, one per third party that had received the
record, with printing and the 발송 기록 per row. "통지서" prints the notices the request has now
(:func:`privdesk.rights.printing.available_notices`) into the PDF preview.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from privdesk.audit.reasons import require
from privdesk.complaints.desk import linked_to
from privdesk.errors import PrivdeskError, VersionConflictError
from privdesk.lifecycle.files import PATIENT_FILE
from privdesk.registry.patients import PatientDetail, UnmaskedFields
from privdesk.rights import answers, decisions
from privdesk.rights import requests as requests_uc
from privdesk.rights.answers import AccessAnswer
from privdesk.rights.decisions import REFUSAL_GROUNDS, NoticeRow
from privdesk.rights.requests import Contacts, RequestDetail, RequestKind, RequestState, Urgency
from privdesk.ui import messages
from privdesk.ui.cctv.common import PrintFn, PrintJob
from privdesk.ui.requests.actions import AccessAnswerDialog, ActionDialog, NoticeSentDialog, action_dialog
from privdesk.ui.requests.common import (
    ACCESS_ITEM_TEXT,
    CHANNEL_TEXT,
    INFO_STYLE,
    KIND_TEXT,
    STATE_TEXT,
    conflict,
    days_left_text,
    label,
    urgency_style,
)
from privdesk.ui.requests.parts import ContactView, NoticesTable, RequestCorrectionDialog
from privdesk.ui.widgets import ReasonDialog, fmt_datetime, recent_of
from privdesk.ui.workflow import RequestDetailBase

if TYPE_CHECKING:
    from privdesk.ui.requests.page import RequestsPage

_GROUND_LABELS = {g.code: g.label for g in REFUSAL_GROUNDS}
# (button key, the state it moves to), in the order the buttons appear
ACTIONS: tuple[tuple[str, str], ...] = (
    ("verify", RequestState.VERIFIED),
    ("start", RequestState.IN_PROGRESS),
    ("extend", RequestState.EXTENDED),
    ("access", RequestState.COMPLETED),
    ("correct", RequestState.COMPLETED),
    ("complete", RequestState.COMPLETED),
    ("partly", RequestState.PARTLY_COMPLETED),
    ("separate", RequestState.PARTLY_COMPLETED),
    ("refuse", RequestState.REFUSED),
    ("withdraw", RequestState.WITHDRAWN),
)
#: what a step of a request changes: the request, and the registry record it holds or corrects
DECIDED: frozenset[str] = frozenset({"requests", "registry"})
_NEEDS_IDENTITY = frozenset({"start", "access", "correct", "complete", "partly", "separate"})


def offered(d: RequestDetail, key: str) -> bool:
    """Whether the detail offers the step ``key`` for this request (its next states and its kind)."""
    target = dict(ACTIONS)[key]
    if target not in d.next_states:
        return False
    kind, patient_file = d.row.kind, d.row.file_code == PATIENT_FILE
    if key == "verify":
        return d.identity_verified_at is None
    if key == "extend":  # 열람 연기 only (법 제35조③); 정정·삭제·처리정지 are answered within their deadline
        return d.extended_due is None and decisions.extension_refusal(kind) is None
    if key == "access":
        return kind == RequestKind.ACCESS
    # a 정정 of a registry patient completes only by the correction itself (decisions.correct_patient)
    registry_correction = kind == RequestKind.CORRECT and d.row.patient_id is not None
    if key == "correct":
        return registry_correction
    if key == "complete":
        return (
            kind != RequestKind.ACCESS
            and not (kind == RequestKind.DELETE and patient_file)
            and not registry_correction
        )
    if key == "partly":
        return not (kind == RequestKind.DELETE and patient_file) and not registry_correction
    if key == "separate":
        return kind == RequestKind.DELETE and d.row.patient_id is not None
    return True


class RequestDetailDialog(RequestDetailBase):
    def __init__(self, page: RequestsPage, request_id: int) -> None:
        super().__init__(page)
        self.setObjectName("requestDetailDialog")
        self.page = page
        self.host = page.host
        self.request_id = request_id
        self.detail: RequestDetail | None = None
        self.dialog: QDialog | None = None  # the dialog an action opened (tests reach it here)
        self.remask_ms: int | None = None  # None: settings.security.unmask_seconds (tests shorten it)
        self.notices: list[NoticeRow] = []
        self.notice_actions: dict[str, QAction] = {}
        self.action_buttons: dict[str, QPushButton] = {}
        self.print_job: PrintJob | None = None
        self.answer: AccessAnswer | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.setWindowTitle(self.tr("정보주체 요구"))

        layout = QVBoxLayout(self)
        self.add_header(layout)
        self.alert = QLabel(self)
        self.alert.setObjectName("detailAlert")
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet(INFO_STYLE)
        self.alert.hide()
        layout.addWidget(self.alert)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.add_form(
            splitter,
            (
                ("file", self.tr("개인정보파일")),
                ("subject", self.tr("정보주체")),
                ("requester", self.tr("요구인")),
                ("contact", self.tr("연락처")),
                ("identity", self.tr("신분 확인")),
                ("received", self.tr("접수")),
                ("due", self.tr("처리 기한")),
                ("items", self.tr("열람할 사항")),
                ("text", self.tr("요구 내용·사유")),
                ("result", self.tr("처리 결과")),
                ("viewing", self.tr("열람")),
                ("refusal", self.tr("거절·제한 사유")),
                ("closed", self.tr("종결 일시")),
            ),
            self._contact_row,
        )
        self.tabs = QTabWidget(splitter)
        self.tabs.setObjectName("detailTabs")
        self.add_history(self.tabs, selectable=False)
        self.notices_table = NoticesTable(self)
        self.notices_table.hide()  # a tab only for a decided correction
        self.notices_table.print_requested.connect(self.print_correction)
        self.notices_table.mark_requested.connect(self.mark_sent)
        splitter.setSizes([380, 300])
        layout.addWidget(splitter, 1)

        self.add_actions_bar(layout)

        bar = QHBoxLayout()
        self.answer_button = self.button(bar, "answerButton", self.tr("열람 답변 보기"), self.show_answer)
        self.notice_button = QPushButton(self.tr("통지서 출력"), self)
        self.notice_button.setObjectName("noticeButton")
        self.notice_button.setAutoDefault(False)
        self.notice_menu = QMenu(self.notice_button)
        self.notice_menu.setObjectName("noticeMenu")
        self.notice_menu.aboutToShow.connect(self.refresh_notice_menu)
        self.notice_button.setMenu(self.notice_menu)
        bar.addWidget(self.notice_button)
        bar.addStretch(1)
        self.add_close(bar)
        layout.addLayout(bar)

        self.resize(1060, 820)
        self._set_enabled(False)

    def _contact_row(self, key: str, text: str, info: QWidget) -> bool:
        """The contacts, masked, with "연락처 보기…" (in full for a while, for a logged reason)."""
        if key != "contact":
            return False
        self.contact_view = ContactView(info)
        self.contact_view.reveal.connect(self.show_contacts)
        self.fields[key] = self.contact_view.value
        self.contact_button = self.contact_view.button
        self.contact_status = self.contact_view.status
        self.form.addRow(text, self.contact_view)
        return True

    def _set_enabled(self, on: bool) -> None:
        for b in (self.answer_button, self.notice_button, self.contact_button):
            b.setEnabled(on)

    # -- loading -----------------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, rid = self.host.ctx, self.host.actor, self.request_id
        self.host.runner.run(
            lambda: requests_uc.get_request(ctx, actor, rid), owner=self, on_done=self.show_detail
        )
        self.host.runner.run(
            lambda: linked_to(ctx, actor, request_id=rid), owner=self, on_done=self._show_complaints
        )

    def _show_complaints(self, numbers: list[str]) -> None:
        """The complaints (신고·상담) that opened this request: the link seen from this side."""
        self.complaint_numbers = list(numbers)
        if self.detail is not None:
            self.show_detail(self.detail)

    def show_detail(self, d: RequestDetail) -> None:
        self.detail = d
        r = d.row
        kind = label(KIND_TEXT, r.kind)
        self.setWindowTitle(self.tr("정보주체 요구 {number}").format(number=d.number))
        self.title.setText(self.tr("{number} — {kind} 요구").format(number=d.number, kind=kind))
        self.show_clock(label(STATE_TEXT, r.state), r.due, days_left_text(r.days_left, r.urgency))
        self.summary.setStyleSheet(urgency_style(r.urgency))
        f = self.fields
        f["file"].setText(d.file_name)
        subject = d.subject_name
        if r.patient_id is not None:
            subject += self.tr(" (환자 명부)")
        if d.subject_under_14:
            subject += self.tr(" · 만 14세 미만")
        f["subject"].setText(subject)
        requester = self.tr("{name} — {relation}").format(name=d.requester_name, relation=d.relation_label)
        if r.relation != "self":
            requester += self.tr(", 위임·대리 서류 {checked}").format(
                checked=self.tr("확인함") if d.proxy_checked else self.tr("확인 안 함")
            )
        f["requester"].setText(requester)
        self.contact_view.set_detail(d)
        identity = self.tr("{doc} (확인: {by})").format(doc=d.id_document, by=d.who(d.id_checked_by))
        identity += " · " + (
            self.tr("본인 확인 {at}").format(at=fmt_datetime(d.identity_verified_at))
            if d.identity_verified_at
            else self.tr("본인 확인 전")
        )
        f["identity"].setText(identity)
        received = self.tr("{at} · {channel} ({by})").format(
            at=fmt_datetime(r.received_at), channel=label(CHANNEL_TEXT, d.channel), by=d.who(d.received_by)
        )
        numbers = getattr(self, "complaint_numbers", [])
        if numbers:
            received += " · " + self.tr("개인정보 침해 신고 {numbers}에서 접수").format(
                numbers=", ".join(numbers)
            )
        f["received"].setText(received)
        due = d.due_date.isoformat()
        if d.extended_due:
            due = self.tr("{due} → 연장 {until} (사유: {reason})").format(
                due=due, until=d.extended_due.isoformat(), reason=d.extension_reason or ""
            )
        f["due"].setText(due)
        f["items"].setText(", ".join(label(ACCESS_ITEM_TEXT, i) for i in d.access_items))
        f["text"].setText(d.request_text)
        f["result"].setText(d.result_text)
        viewing = ""
        if d.viewing_at:
            viewing = self.tr("{at} · {place} · {method} · 수수료 {fee}원").format(
                at=fmt_datetime(d.viewing_at),
                place=d.viewing_place or "",
                method=d.viewing_method or "",
                fee=d.fee,
            )
        f["viewing"].setText(viewing)
        ground = _GROUND_LABELS.get(d.refusal_ground or "", "")
        f["refusal"].setText(" — ".join(x for x in (ground, d.refusal_text or "") if x))
        f["closed"].setText(
            self.tr("{at} ({by})").format(at=fmt_datetime(d.closed_at), by=d.who(d.closed_by))
            if d.closed_at
            else ""
        )
        for key in ("items", "text", "result", "viewing", "refusal", "closed"):
            self.form.setRowVisible(f[key], bool(f[key].text()))
        self.form.setRowVisible(f["items"], r.kind == RequestKind.ACCESS)
        self.fill_history(d.events, partial(label, STATE_TEXT))
        self._fill_actions(d)
        self._update_alert()
        self._set_enabled(True)
        self.answer_button.setVisible(r.kind == RequestKind.ACCESS)
        # nothing personal before the identity check (the core refuses it too)
        self.answer_button.setEnabled(d.identity_verified_at is not None)
        self.answer_button.setToolTip(
            "" if d.identity_verified_at is not None else self.tr("본인 확인을 먼저 기록하십시오.")
        )
        if self._has_notices(d):
            ctx, actor, rid = self.host.ctx, self.host.actor, d.id
            self.host.runner.run(
                lambda: decisions.correction_notices(ctx, actor, rid),
                owner=self,
                on_done=self._notices_loaded,
            )
        else:
            self._notices_loaded([])

    @staticmethod
    def _has_notices(d: RequestDetail) -> bool:
        return d.row.kind == RequestKind.CORRECT and d.row.state in (
            RequestState.COMPLETED,
            RequestState.PARTLY_COMPLETED,
        )

    def _update_alert(self) -> None:
        d = self.detail
        if d is None:
            return
        lines: list[str] = []
        r = d.row
        if r.held and r.urgency != Urgency.CLOSED:
            lines.append(
                self.tr(
                    "환자 기록이 처리정지 중입니다: 이 요구를 마칠 때까지 출력·내보내기·제3자 제공을 할 수 "
                    "없습니다."
                )
            )
        if r.state == RequestState.EXTENDED:
            lines.append(self.tr("열람을 연기했습니다. 열람 연기 통지서를 출력해 요구인에게 보내십시오."))
        if r.state in (RequestState.REFUSED, RequestState.PARTLY_COMPLETED):
            lines.append(
                self.tr("결과 통지서에 사유와 이의제기 방법이 적힙니다. 출력해 요구인에게 보내십시오.")
            )
        unsent = [n for n in self.notices if not n.sent]
        if self.notices:
            if unsent:
                lines.append(
                    self.tr("정정 통지 {n}곳 중 {unsent}곳에 아직 보내지 않았습니다.").format(
                        n=len(self.notices), unsent=len(unsent)
                    )
                )
            else:
                lines.append(self.tr("정정 통지 {n}곳에 모두 보냈습니다.").format(n=len(self.notices)))
        self.alert.setText("\n".join(lines))
        self.alert.setVisible(bool(lines))

    def _fill_actions(self, d: RequestDetail) -> None:
        self.clear_actions()
        texts = {
            "verify": self.tr("본인 확인"),
            "start": self.tr("처리 시작"),
            "extend": self.tr("열람 연기"),
            "access": self.tr("열람 완료"),
            "correct": self.tr("환자 정보 정정…"),
            "complete": self.tr("완료"),
            "partly": self.tr("일부 완료"),
            "separate": self.tr("분리보관으로 답변"),
            "refuse": self.tr("거절"),
            "withdraw": self.tr("취하"),
        }
        for key, _state in ACTIONS:
            if not offered(d, key):
                continue
            button = self.add_action(key, texts[key], partial(self.act, key))
            if key in _NEEDS_IDENTITY and d.identity_verified_at is None:
                button.setEnabled(False)
                button.setToolTip(self.tr("본인 확인을 먼저 기록하십시오."))
        self.no_actions(self.tr("종결된 요구"), "action_none")

    # -- correction notices -----------------------------------------------------------------------------
    def _notices_loaded(self, rows: list[NoticeRow]) -> None:
        self.notices = list(rows)
        index = self.tabs.indexOf(self.notices_table)
        d = self.detail
        if d is None or not self._has_notices(d):
            if index >= 0:
                self.tabs.removeTab(index)
            self.notices_table.hide()
            self._update_alert()
            return
        title = self.tr("정정 통지 ({n})").format(n=len(rows))
        if index < 0:
            self.tabs.addTab(self.notices_table, title)
        else:
            self.tabs.setTabText(index, title)
        self.notices_table.fill(rows)
        self._update_alert()

    def mark_sent(self, n: NoticeRow) -> None:
        dialog = NoticeSentDialog(self, n)
        ctx, actor = self.host.ctx, self.host.actor
        self._open(dialog, lambda: self._run(dialog.call(ctx, actor), dialog, lambda _row: self.reload()))

    # -- actions -------------------------------------------------------------------------------------------
    def keep_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        self.page.dialog = dialog

    def _open(self, dialog: ActionDialog, go: Callable[[], None]) -> None:
        self.show_step(dialog, go, dialog.submitted)

    def _run(
        self,
        fn: Callable[[], Any],
        dialog: ActionDialog | None = None,
        on_done: Callable[[Any], None] | None = None,
    ) -> None:
        def done(result: Any) -> None:
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.accept()
            (on_done or self._changed)(result)

        def failed(exc: BaseException) -> bool:
            alive = dialog is not None and shiboken6.isValid(dialog)
            if isinstance(exc, VersionConflictError):
                if alive:
                    assert dialog is not None
                    dialog.reject()
                return conflict(self, exc, self.reload)
            if isinstance(exc, PrivdeskError):
                if alive:
                    assert dialog is not None
                    dialog.failed(exc)
                else:
                    messages.show_error(self, exc)
                    self.reload()
                return True
            return False

        self.host.runner.run(fn, owner=self, on_done=done, on_error=failed, changes=DECIDED)

    def _changed(self, result: Any) -> None:
        if isinstance(result, RequestDetail):
            self.show_detail(result)
        else:
            self.reload()

    def act(self, key: str) -> None:
        d = self.detail
        if d is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        if key == "start":
            rid, version = d.id, d.version
            self._run(lambda: decisions.start(ctx, actor, rid, expected_version=version))
            return
        if key == "correct":
            self.open_correction(d)
            return
        dialog = action_dialog(key, self, d, ctx.profile)
        self._open(dialog, lambda: self._run(dialog.call(ctx, actor), dialog))

    def open_correction(self, d: RequestDetail) -> None:
        """환자 정보 정정: the stored record (unmasked by the registry's rule, with the request as the
        logged reason) in the patient form; saving completes the request."""
        from privdesk.registry.patients import get_patient, unmask

        ctx, actor, pid = self.host.ctx, self.host.actor, d.row.patient_id
        assert pid is not None
        reason = f"정정 요구 {d.number} 처리"

        def load() -> tuple[PatientDetail, UnmaskedFields]:
            return get_patient(ctx, actor, pid), unmask(ctx, actor, pid, reason)

        def loaded(result: tuple[PatientDetail, UnmaskedFields]) -> None:
            dialog = RequestCorrectionDialog(self.host, self, d, *result)
            self.keep_dialog(dialog)
            dialog.saved.connect(self._changed)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        self.host.runner.run(load, owner=self, on_done=loaded)

    # -- contacts, unmasked for a while -----------------------------------------------------------------
    def show_contacts(self) -> None:
        """The full phones, birth dates and addresses, with a reason (a logged unmasking)."""
        d = self.detail
        if d is None:
            return
        ctx, actor, rid = self.host.ctx, self.host.actor, d.id
        self.ask_reveal(
            self.tr(
                "요구인과 정보주체의 전체 연락처·생년월일·주소를 봅니다. 접속기록에 사유와 함께 남고, "
                "잠시 뒤 다시 가려집니다."
            ),
            lambda reason: requests_uc.contacts(ctx, actor, rid, reason),
            self._contacts_shown,
        )

    def _contacts_shown(self, contacts: Contacts) -> None:
        msecs = (
            self.remask_ms
            if self.remask_ms is not None
            else self.host.ctx.settings.security.unmask_seconds * 1000
        )
        self.contact_view.show_full(contacts, msecs)

    @property
    def contacts(self) -> Contacts | None:
        return self.contact_view.contacts

    @property
    def is_unmasked(self) -> bool:
        return self.contact_view.is_unmasked

    def remask(self) -> None:
        self.contact_view.remask()

    def done(self, result: int) -> None:
        self.remask()  # nothing stays unmasked behind a closed window
        super().done(result)

    @property
    def notice_buttons(self) -> dict[int, tuple[QPushButton, QPushButton]]:
        return self.notices_table.buttons

    # -- the 열람 answer ---------------------------------------------------------------------------------
    def show_answer(self) -> None:
        d = self.detail
        if d is None:
            return
        ctx, actor, rid = self.host.ctx, self.host.actor, d.id
        self.host.runner.run(
            lambda: answers.access_answer(ctx, actor, rid), owner=self, on_done=self._answer_loaded
        )

    def _answer_loaded(self, answer: AccessAnswer) -> None:
        self.answer = answer
        dialog = AccessAnswerDialog(self, answer)
        dialog.reveal.connect(lambda: self.unmask_answer(dialog))
        self.keep_dialog(dialog)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def unmask_answer(self, answer_dialog: AccessAnswerDialog) -> None:
        """The full answer with a reason: the registry's rule (``patient.unmask``, logged, re-masks)."""
        d = self.detail
        if d is None:
            return
        ctx, actor, rid = self.host.ctx, self.host.actor, d.id
        dialog = ReasonDialog(
            answer_dialog,
            self.tr("열람 답변 전체 보기"),
            self.tr(
                "가린 주민등록번호·주소·연락처를 봅니다. 접속기록에 사유와 함께 남고, 잠시 뒤 다시 가려집니다."
            ),
            ok_text=self.tr("보기"),
            recent=recent_of(self.host, actor),
            validate=require,
        )
        self.reason_dialog = dialog

        def shown(full: AccessAnswer) -> None:
            if shiboken6.isValid(answer_dialog):
                msecs = self.remask_ms if self.remask_ms is not None else full.seconds * 1000
                answer_dialog.show_full(full, msecs)

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, PrivdeskError):
                messages.show_error(answer_dialog if shiboken6.isValid(answer_dialog) else self, exc)
                return True
            return False

        def go() -> None:
            reason = dialog.reason_text()
            self.host.runner.run(
                lambda: answers.access_answer(ctx, actor, rid, reason=reason),
                owner=self,
                on_done=shown,
                on_error=failed,
            )

        dialog.accepted.connect(go)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- printing ----------------------------------------------------------------------------------------
    def refresh_notice_menu(self) -> list[QAction]:
        """The notices this request has now (:func:`printing.available_notices`), as menu entries."""
        from privdesk.rights import printing

        self.notice_menu.clear()
        self.notice_actions = {}
        d = self.detail
        kinds = printing.available_notices(d) if d is not None else ()
        for kind in kinds:
            action = self.notice_menu.addAction(
                printing.notice_title(d, kind) if d is not None else str(kind)
            )
            action.setObjectName(f"notice_{kind}")
            action.setData(str(kind))
            action.triggered.connect(lambda _c=False, k=kind: self.print_notice(k))
            self.notice_actions[str(kind)] = action
        if not kinds:
            empty = self.notice_menu.addAction(self.tr("출력할 통지서가 없습니다"))
            empty.setEnabled(False)
        return list(self.notice_actions.values())

    def _print(self, title: str, file_name: str, fn: PrintFn) -> PrintJob | None:
        """Ask for the reason, then print into the preview (None when cancelled)."""
        job = PrintJob.start(self.host, self, title, file_name, fn)
        if job is not None:
            self.print_job = job
            self.page.print_job = job
        return job

    def print_notice(self, kind: str) -> PrintJob | None:
        from privdesk.rights import printing

        d = self.detail
        if d is None:
            return None
        ctx, actor, rid = self.host.ctx, self.host.actor, d.id
        notice = printing.NoticeKind(kind)
        title = printing.notice_title(d, notice)
        return self._print(
            title,
            f"{d.number}-{title}.pdf".replace(" ", "_"),
            lambda out, on_page, why: printing.print_notice(
                ctx, actor, rid, notice, Path(out), reason=why, on_page=on_page
            ),
        )

    def print_correction(self, n: NoticeRow) -> PrintJob | None:
        from privdesk.rights import printing

        d = self.detail
        if d is None:
            return None
        ctx, actor, nid = self.host.ctx, self.host.actor, n.id
        title = self.tr("정정 통지서 — {recipient}").format(recipient=n.recipient)
        return self._print(
            title,
            f"{d.number}-정정통지-{n.id}.pdf",
            lambda out, on_page, why: printing.print_correction_notice(
                ctx, actor, nid, Path(out), reason=why, on_page=on_page
            ),
        )
