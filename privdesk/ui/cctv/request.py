"""The request detail (열람등 청구 상세): walks a request through its decision.

Only the states the core allows next (``RequestDetail.next_states``) appear as buttons; each opens
its dialog and calls its use case with the version the screen showed (a stale copy is refused and
the detail reloads). Also: the footage per camera and day, the holds, the history, the requester's
full contact with a logged reason, third-party provision, and printing the 청구서 and the result
notice into the PDF preview.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from privdesk.cctv import decisions, printing, requests
from privdesk.cctv.common import fmt_window
from privdesk.cctv.decisions import REFUSAL_GROUNDS
from privdesk.cctv.provisions import provide_footage
from privdesk.cctv.requests import (
    ELIGIBILITY_LABELS,
    FootageDay,
    RequestDetail,
    RequesterContact,
    RequestState,
)
from privdesk.cctv.retention import HoldInfo
from privdesk.ui import messages
from privdesk.ui.cctv.common import (
    FOOTAGE_TEXT,
    HOLD_REASON_TEXT,
    KIND_TEXT,
    RELATION_TEXT,
    STATE_TEXT,
    days_left_text,
    label,
)
from privdesk.ui.cctv.decisions import (
    ApproveDialog,
    CompleteDialog,
    ExtendDialog,
    MaskingDialog,
    ProvisionDialog,
    RefuseDialog,
)
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.tablemodel import Column, RowTableModel
from privdesk.ui.widgets import ReasonDialog, fmt_datetime, record_table, sort_key_datetime
from privdesk.ui.workflow import RequestDetailBase

if TYPE_CHECKING:
    from privdesk.ui.cctv.inbox import InboxTab

ACTION_ORDER = (
    RequestState.APPROVED,
    RequestState.PARTLY_APPROVED,
    RequestState.REFUSED,
    RequestState.EXTENDED,
    RequestState.COMPLETED,
    RequestState.CLOSED,
    RequestState.WITHDRAWN,
)
_GROUND_LABELS = {g.code: g.label for g in REFUSAL_GROUNDS}


CTX = "RequestDetailDialog"  # the dialog's own context: the headers were its self.tr texts


def _hold_state(h: HoldInfo) -> str:
    if h.active:
        return QCoreApplication.translate(CTX, "보존 중")
    return QCoreApplication.translate(CTX, "해제 ({reason})").format(reason=h.end_reason or "")


class FootageModel(RowTableModel[FootageDay]):
    """영상 현황: each camera and day of the request's window, sortable by camera, day or status."""

    CONTEXT = CTX
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("RequestDetailDialog", "카메라"), lambda f: f.camera),
        Column(QT_TRANSLATE_NOOP("RequestDetailDialog", "날짜"), lambda f: f.day.isoformat()),
        Column(QT_TRANSLATE_NOOP("RequestDetailDialog", "영상"), lambda f: label(FOOTAGE_TEXT, f.status)),
    )


class HoldsModel(RowTableModel[HoldInfo]):
    """보존 연장: the holds on the request's footage."""

    CONTEXT = CTX
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("RequestDetailDialog", "보존 사유"),
            lambda h: label(HOLD_REASON_TEXT, h.reason_kind),
        ),
        Column(QT_TRANSLATE_NOOP("RequestDetailDialog", "카메라"), lambda h: ", ".join(h.cameras)),
        Column(
            QT_TRANSLATE_NOOP("RequestDetailDialog", "기간"),
            lambda h: fmt_window(h.window_start, h.window_end),
            lambda h: sort_key_datetime(h.window_start),
        ),
        Column(QT_TRANSLATE_NOOP("RequestDetailDialog", "종료"), lambda h: h.until_text),
        Column(QT_TRANSLATE_NOOP("RequestDetailDialog", "상태"), _hold_state),
    )


def notice_possible(d: RequestDetail) -> bool:
    """Whether a result notice can be printed (the rule of :func:`printing.print_result_notice`)."""
    if d.row.state == RequestState.WITHDRAWN:
        return False
    return d.row.footage_gone or d.decision is not None or d.row.state == RequestState.EXTENDED


class RequestDetailDialog(RequestDetailBase):
    def __init__(self, tab: InboxTab, request_id: int) -> None:
        super().__init__(tab)
        self.setObjectName("requestDetailDialog")
        self.tab = tab
        self.host = tab.host
        self.request_id = request_id
        self.detail: RequestDetail | None = None
        self.dialog: QDialog | None = None  # the dialog an action opened (tests reach it here)
        self.contact: RequesterContact | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self.setWindowTitle(self.tr("열람등 청구"))

        layout = QVBoxLayout(self)
        self.add_header(layout)
        splitter = QSplitter(self)
        self.add_form(
            splitter,
            (
                ("requester", self.tr("청구인")),
                ("phone", self.tr("연락처")),
                ("relation", self.tr("관계")),
                ("identity", self.tr("신분 확인")),
                ("received", self.tr("접수")),
                ("cameras", self.tr("카메라")),
                ("window", self.tr("영상 기간")),
                ("purpose", self.tr("청구 목적")),
                ("due", self.tr("처리 기한")),
                ("decision", self.tr("결정")),
                ("eligibility", self.tr("열람 대상 판단")),
                ("viewing", self.tr("열람 일정")),
                ("masking", self.tr("타인 마스킹")),
                ("refusal", self.tr("거절·제한 사유")),
                ("closed", self.tr("종결")),
            ),
            self._contact_row,
        )
        self.side = QTabWidget(splitter)
        # sortable, sized to their content and remembered per table (ui.tables through record_table)
        self.footage_model = FootageModel(self)
        self.footage_table = record_table(self, "footageTable", self.footage_model)
        self.holds_model = HoldsModel(self)
        self.holds_table = record_table(self, "holdsTable", self.holds_model)
        self.side.addTab(self.footage_table, self.tr("영상 현황"))
        self.side.addTab(self.holds_table, self.tr("보존 연장"))
        self.add_history(self.side)
        splitter.setSizes([520, 460])
        layout.addWidget(splitter, 1)
        self.add_actions_bar(layout)

        bar = QHBoxLayout()
        self.masking_button = self.button(bar, "maskingButton", self.tr("마스킹 기록"), self.record_masking)
        self.provision_button = self.button(bar, "provisionButton", self.tr("제3자 제공 기록"), self.provide)
        bar.addStretch(1)
        self.form_button = self.button(bar, "printFormButton", self.tr("청구서 출력"), self.print_form)
        self.notice_button = self.button(
            bar, "printNoticeButton", self.tr("결과 통지서 출력"), self.print_notice
        )
        self.add_close(bar)
        layout.addLayout(bar)
        self.resize(1020, 720)
        self._set_enabled(False)

    def _contact_row(self, key: str, text: str, info: QWidget) -> bool:
        """The phone, masked, with "연락처 보기…" (the full contact for a logged reason)."""
        if key != "phone":
            return False
        value = self.field(key, info)
        self.contact_button = QPushButton(self.tr("연락처 보기…"), info)
        self.contact_button.setObjectName("contactButton")
        self.contact_button.clicked.connect(lambda _c=False: self.show_contact())
        row = QHBoxLayout()
        row.addWidget(value, 1)
        row.addWidget(self.contact_button)
        self.form.addRow(text, row)
        return True

    def _set_enabled(self, on: bool) -> None:
        for b in (
            self.masking_button,
            self.provision_button,
            self.form_button,
            self.notice_button,
            self.contact_button,
        ):
            b.setEnabled(on)

    # -- loading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, rid = self.host.ctx, self.host.actor, self.request_id
        self.host.runner.run(
            lambda: requests.get_request(ctx, actor, rid), owner=self, on_done=self.show_detail
        )

    def show_detail(self, d: RequestDetail) -> None:
        self.detail = d
        r = d.row
        self.setWindowTitle(self.tr("열람등 청구 {number}").format(number=d.number))
        self.title.setText(
            self.tr("{number} — {kind} 청구").format(number=d.number, kind=label(KIND_TEXT, r.kind))
        )
        closed = r.state not in requests.TRANSITIONS or not d.next_states
        gone = [self.tr("영상 없음: 보관기간이 지나 파기됨")] if r.footage_gone else []
        self.show_clock(label(STATE_TEXT, r.state), r.due, days_left_text(r.days_left, closed), gone)
        f = self.fields
        f["requester"].setText(d.requester_name)
        f["phone"].setText(self.contact.phone if self.contact else d.requester_phone_masked)
        relation = label(RELATION_TEXT, d.relation)
        if d.relation != "self":
            relation += self.tr(" — 정보주체 {name}, 위임·대리 서류 {checked}").format(
                name=d.subject_name, checked=self.tr("확인함") if d.proxy_checked else self.tr("확인 안 함")
            )
        f["relation"].setText(relation)
        f["identity"].setText(
            self.tr("{doc} (확인: {by})").format(doc=d.id_document, by=d.who(d.id_checked_by))
        )
        f["received"].setText(
            self.tr("{at} ({by})").format(at=fmt_datetime(r.received_at), by=d.who(d.received_by))
        )
        f["cameras"].setText(", ".join(r.cameras))
        f["window"].setText(fmt_window(r.window_start, r.window_end))
        f["purpose"].setText(d.purpose)
        due = d.due_date.isoformat()
        if d.extended_due:
            due = self.tr("{due} → 연장 {until} ({reason})").format(
                due=due, until=d.extended_due.isoformat(), reason=d.extension_reason or ""
            )
        f["due"].setText(due)
        f["decision"].setText(
            self.tr("{decision} ({at}, {by})").format(
                decision=label(STATE_TEXT, d.decision), at=fmt_datetime(d.decided_at), by=d.who(d.decided_by)
            )
            if d.decision
            else ""
        )
        f["eligibility"].setText(
            " — ".join(x for x in (ELIGIBILITY_LABELS.get(d.eligibility or "", ""), d.eligibility_note) if x)
        )
        f["viewing"].setText(" · ".join(x for x in (fmt_datetime(d.viewing_at), d.viewing_place or "") if x))
        if d.masking_done:
            f["masking"].setText(
                self.tr("완료 — {by}, {at}").format(by=d.masked_by, at=fmt_datetime(d.masked_at))
            )
        elif d.others_in_frame:
            f["masking"].setText(self.tr("필요 — 아직 처리 안 함"))
        else:
            f["masking"].setText("")
        refusal = _GROUND_LABELS.get(d.refusal_ground or "", "")
        f["refusal"].setText(" — ".join(x for x in (refusal, d.refusal_text or d.partial_note or "") if x))
        f["closed"].setText(
            self.tr("{at} ({by}) {note}").format(
                at=fmt_datetime(d.closed_at), by=d.who(d.closed_by), note=d.close_note or ""
            )
            if d.closed_at
            else ""
        )
        for key in ("decision", "eligibility", "viewing", "masking", "refusal", "closed"):
            self.form.setRowVisible(f[key], bool(f[key].text()))
        self._fill_tables(d)
        self._fill_actions(d)

    def _fill_tables(self, d: RequestDetail) -> None:
        self.footage_model.set_rows(d.footage)
        self.holds_model.set_rows(d.holds)
        self.fill_history(d.events, partial(label, STATE_TEXT))

    def _fill_actions(self, d: RequestDetail) -> None:
        self.clear_actions()
        texts = {
            RequestState.APPROVED: self.tr("승인"),
            RequestState.PARTLY_APPROVED: self.tr("일부 승인"),
            RequestState.REFUSED: self.tr("거절"),
            RequestState.EXTENDED: self.tr("기한 연장"),
            RequestState.COMPLETED: self.tr("완료"),
            RequestState.CLOSED: self.tr("종결"),
            RequestState.WITHDRAWN: self.tr("철회"),
        }
        for state in ACTION_ORDER:
            if state in d.next_states:
                self.add_action(str(state), texts[state], partial(self.act, str(state)))
        self.no_actions(self.tr("종결된 청구"))
        self._set_enabled(True)
        approved = d.row.state in (RequestState.APPROVED, RequestState.PARTLY_APPROVED)
        self.masking_button.setVisible(approved)
        self.notice_button.setEnabled(notice_possible(d))

    # -- actions -------------------------------------------------------------------------------------
    def keep_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        self.tab.page.dialog = dialog

    def _run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None) -> None:
        def failed(exc: BaseException) -> bool:
            if self.tab.failed(exc):
                self.reload()
                return True
            return False

        self.host.runner.run(
            fn, owner=self, on_done=on_done or self._changed, on_error=failed, changes=frozenset({"cctv"})
        )

    def _changed(self, result: Any) -> None:
        if isinstance(result, RequestDetail):
            self.show_detail(result)
        else:
            self.reload()

    def act(self, state: str) -> None:
        d = self.detail
        if d is None:
            return
        ctx, actor, rid, version = self.host.ctx, self.host.actor, d.id, d.row.version
        if state in (RequestState.APPROVED, RequestState.PARTLY_APPROVED):
            partly = state == RequestState.PARTLY_APPROVED
            approve = ApproveDialog(self, d, ctx.profile.cctv.viewing_place, partly=partly)

            def go_approve() -> None:
                a, withheld, ground = approve.approval(), approve.withheld_text(), approve.ground_code()
                if partly:
                    self._run(
                        lambda: decisions.partly_approve(
                            ctx, actor, rid, a, withheld=withheld, ground=ground, expected_version=version
                        )
                    )
                else:
                    self._run(lambda: decisions.approve(ctx, actor, rid, a, expected_version=version))

            self.show_step(approve, go_approve)
        elif state == RequestState.REFUSED:
            refuse = RefuseDialog(self, d)

            def go_refuse() -> None:
                ground, text = refuse.values()
                self._run(
                    lambda: decisions.refuse(
                        ctx, actor, rid, ground=ground, explanation=text, expected_version=version
                    )
                )

            self.show_step(refuse, go_refuse)
        elif state == RequestState.EXTENDED:
            ext = ExtendDialog(self, d, ctx.profile.extension_max_days)

            def go_extend() -> None:
                until, reason = ext.values()
                self._run(
                    lambda: decisions.extend(
                        ctx, actor, rid, until=until, reason=reason, expected_version=version
                    )
                )

            self.show_step(ext, go_extend)
        elif state == RequestState.COMPLETED:
            comp = CompleteDialog(self, d)

            def go_complete() -> None:
                witness, note = comp.witness.text(), comp.note.text()
                self._run(
                    lambda: decisions.complete(
                        ctx, actor, rid, witness=witness, note=note, expected_version=version
                    )
                )

            self.show_step(comp, go_complete)
        elif state == RequestState.CLOSED:
            self._reason(
                self.tr("종결"),
                self.tr("거절 통지를 보냈으면 청구를 종결합니다. 자동 보존 연장도 끝납니다."),
                False,
                lambda note: decisions.close(ctx, actor, rid, note=note, expected_version=version),
            )
        elif state == RequestState.WITHDRAWN:
            self._reason(
                self.tr("철회"),
                self.tr("청구인이 청구를 철회했습니다. 철회 사유를 적으십시오."),
                True,
                lambda note: decisions.withdraw(ctx, actor, rid, note=note, expected_version=version),
            )

    def _reason(self, title: str, text: str, required: bool, action: Callable[[str], Any]) -> None:
        dialog = ReasonDialog(self, title, text, required=required, ok_text=title)

        def go() -> None:
            reason = dialog.reason_text()
            self._run(lambda: action(reason))

        self.show_step(dialog, go)

    def record_masking(self) -> None:
        d = self.detail
        if d is None:
            return
        ctx, actor, rid, version = self.host.ctx, self.host.actor, d.id, d.row.version
        dialog = MaskingDialog(self, d)

        def go() -> None:
            by = dialog.masked_by.text()
            self._run(
                lambda: decisions.record_masking(ctx, actor, rid, masked_by=by, expected_version=version)
            )

        self.show_step(dialog, go)

    def provide(self) -> None:
        d = self.detail
        if d is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        dialog = ProvisionDialog(self, self.tab.page.cameras, detail=d)

        def go() -> None:
            data = dialog.provision()
            self._run(lambda: provide_footage(ctx, actor, data), lambda _info: self._provided())

        self.show_step(dialog, go)

    def _provided(self) -> None:
        messages.show_info(
            self, self.tr("제3자 제공"), self.tr("제3자 제공을 기록했습니다. 관리대장에 '제공'으로 남습니다.")
        )
        self.reload()

    def show_contact(self) -> None:
        """The requester's full contact, with a reason (a logged unmasking)."""
        d = self.detail
        if d is None:
            return
        ctx, actor, rid = self.host.ctx, self.host.actor, d.id
        self.ask_reveal(
            self.tr("청구인의 전체 연락처·주소를 봅니다. 접속기록에 사유와 함께 남습니다."),
            lambda reason: requests.requester_contact(ctx, actor, rid, reason),
            self._contact_shown,
            changes=frozenset({"cctv"}),
        )

    def _contact_shown(self, contact: RequesterContact) -> None:
        self.contact = contact
        lines = [self.tr("전화: {phone}").format(phone=contact.phone)]
        if contact.birth_date:
            lines.append(self.tr("생년월일: {birth}").format(birth=contact.birth_date.isoformat()))
        if contact.address:
            lines.append(self.tr("주소: {address}").format(address=contact.address))
        self.fields["phone"].setText("\n".join(lines))

    # -- printing --------------------------------------------------------------------------------------
    def print_form(self) -> None:
        d = self.detail
        if d is None:
            return
        ctx, actor, rid = self.host.ctx, self.host.actor, d.id
        self.tab.print_record(
            self.tr("개인영상정보 열람·존재확인 청구서"),
            f"{d.number}-청구서.pdf",
            lambda out, on_page, why: printing.print_request_form(
                ctx, actor, rid, Path(out), reason=why, on_page=on_page
            ),
            owner=self,
        )

    def print_notice(self) -> None:
        d = self.detail
        if d is None:
            return
        ctx, actor, rid = self.host.ctx, self.host.actor, d.id
        self.tab.print_record(
            self.tr("결과 통지서"),
            f"{d.number}-결과통지서.pdf",
            lambda out, on_page, why: printing.print_result_notice(
                ctx, actor, rid, Path(out), reason=why, on_page=on_page
            ),
            owner=self,
        )
