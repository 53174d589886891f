"""Printing data-subject request forms and notices (정보주체 요구서·통지서 출력).

- :func:`print_notice`: a request's 요구서 (filled for signature) or one of its notices to the
  requester — 열람 통지서, 열람 연기·거절 통지서 (or the 연기 통지 of another kind), 정정·삭제 결과
  통지서, 처리정지 결과 통지서 — as :func:`available_notices` allows for its kind and state;
- :func:`print_correction_notice`: the 정정 통지 to one third party that received the record before
  a correction.

Each use case reads what it prints through the one door (정보주체 요구 처리 permission), decrypts
what the paper needs, renders with the page template (:mod:`privdesk.reports.rights`) and logs the
printing (``print``) from the template's ``before_publish`` hook with no personal data in the
detail: if the entry is refused, no PDF appears. ``on_page(n)`` reports progress; raising from it
cancels the printing without leaving a partial file (for the GUI's background task).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select

from privdesk import clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit.reasons import require
from privdesk.clock import kst_day
from privdesk.context import Actor, AppContext
from privdesk.disclosures.api import BASES, SubjectDisclosure, subject_history
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.files import Output
from privdesk.korean import particle
from privdesk.printing import record_print, witnessed
from privdesk.profile import HospitalProfile
from privdesk.registry.api import masked_value
from privdesk.reports import rights as forms
from privdesk.rights.answers import AccessAnswer, AnswerMode, build_answer, objection_text
from privdesk.rights.decisions import VIEWING_METHODS, CorrectionRow, corrections_of, refusal_ground
from privdesk.rights.models import CorrectionNotice, SubjectRequest
from privdesk.rights.requests import (
    ACCESS_ITEM_LABELS,
    CHANNELS,
    KIND_LABELS,
    RELATION_LABELS,
    STATE_LABELS,
    AccessItem,
    Contacts,
    Relation,
    RequestDetail,
    RequestKind,
    RequestState,
    contacts_of,
    dec,
    detail_of,
    load,
    request_number,
    rights_unit,
)

OnPage = Callable[[int], None] | None


class NoticeKind(StrEnum):
    REQUEST_FORM = "request_form"  # 개인정보(열람, 정정·삭제, 처리정지) 요구서 [별지 제8호서식]
    ACCESS_NOTICE = "access_notice"  # 개인정보 열람 통지서 [별지 제9호서식]
    DELAY_REFUSAL = "delay_refusal"  # 개인정보 열람 연기·거절 통지서 [별지 제10호서식]
    CORRECTION_RESULT = "correction_result"  # 개인정보 정정·삭제 결과 통지서 [별지 제12호서식]
    SUSPENSION_RESULT = "suspension_result"  # 개인정보 처리정지 요구에 대한 결과 통지서 [별지 제13호서식]
    POWER_OF_ATTORNEY = "power_of_attorney"  # 위임장 [별지 제11호서식] (an agent's request)


NOTICE_TITLES: dict[str, str] = {
    NoticeKind.REQUEST_FORM: forms.FORM_TITLE,
    NoticeKind.ACCESS_NOTICE: forms.ACCESS_TITLE,
    NoticeKind.DELAY_REFUSAL: forms.DELAY_TITLE,
    NoticeKind.CORRECTION_RESULT: forms.CORRECTION_TITLE,
    NoticeKind.SUSPENSION_RESULT: forms.SUSPENSION_TITLE,
    NoticeKind.POWER_OF_ATTORNEY: forms.POA_TITLE,
}

_WHEN: dict[str, str] = {
    NoticeKind.ACCESS_NOTICE: "열람 통지서는 열람을 완료(또는 일부 완료)한 열람 요구에만 출력합니다.",
    NoticeKind.DELAY_REFUSAL: "열람 연기·거절 통지서는 연기하거나 거절한 열람 요구에만 출력합니다 (정정·삭제·처리정지는 "
    "연기할 수 없습니다).",
    NoticeKind.CORRECTION_RESULT: "정정·삭제 결과 통지서는 완료·일부 완료·거절로 종결한 정정·삭제 요구에만 출력합니다.",
    NoticeKind.SUSPENSION_RESULT: "처리정지 결과 통지서는 완료·일부 완료·거절로 종결한 처리정지·동의철회 요구에만 "
    "출력합니다.",
    NoticeKind.POWER_OF_ATTORNEY: "위임장은 대리인의 요구에만 채워서 출력합니다. 빈 위임장은 '빈 위임장 출력'으로 "
    "출력하십시오.",
}

_DECIDED = frozenset({RequestState.COMPLETED, RequestState.PARTLY_COMPLETED, RequestState.REFUSED})
_OUTCOME = {
    RequestState.COMPLETED: "완료",
    RequestState.PARTLY_COMPLETED: "일부 완료",
    RequestState.REFUSED: "거절",
}


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    record_no: str
    title: str


def available_notices(detail: RequestDetail) -> tuple[NoticeKind, ...]:
    """The papers that fit this request's kind and state: the 요구서 always, and the 위임장 for an
    agent's request; the 열람 통지서 for a
    completed or partly completed 열람; the 연기·거절 통지서 for a postponed 열람 (연기, also reprinted
    after the request is closed) and for a refused 열람 (거절) — no other kind can be postponed; the 정정·삭제 결과
    통지서 for a decided 정정 or 삭제; the 처리정지 결과 통지서 for a decided 처리정지 or 동의철회."""
    kind, state = detail.kind, detail.state
    out = [NoticeKind.REQUEST_FORM]
    if detail.row.relation == Relation.AGENT:
        out.append(NoticeKind.POWER_OF_ATTORNEY)
    if kind == RequestKind.ACCESS and state in (RequestState.COMPLETED, RequestState.PARTLY_COMPLETED):
        out.append(NoticeKind.ACCESS_NOTICE)
    postponed = detail.extended_due is not None and state != RequestState.WITHDRAWN
    if kind == RequestKind.ACCESS and (state == RequestState.REFUSED or postponed):
        out.append(NoticeKind.DELAY_REFUSAL)
    if kind in (RequestKind.CORRECT, RequestKind.DELETE) and state in _DECIDED:
        out.append(NoticeKind.CORRECTION_RESULT)
    if kind in (RequestKind.SUSPEND, RequestKind.WITHDRAW) and state in _DECIDED:
        out.append(NoticeKind.SUSPENSION_RESULT)
    return tuple(out)


def notice_title(detail: RequestDetail, kind: NoticeKind | str) -> str:
    """The title the paper will carry for this request (:data:`NOTICE_TITLES`)."""
    return NOTICE_TITLES[notice_kind(kind)]


def notice_kind(value: str) -> NoticeKind:
    """The :class:`NoticeKind` named ``value``; a ValidationError lists the kinds."""
    try:
        return NoticeKind(value)
    except ValueError:
        names = ", ".join(f"{k.value} ({NOTICE_TITLES[k]})" for k in NoticeKind)
        raise ValidationError("notice", f"출력할 서식을 고르십시오: {names}") from None


# -- what goes on paper -------------------------------------------------------------------------------
def _birth(value: dt.date | None) -> str:
    return clock.paper_date(value)


def _subject(r: SubjectRequest, c: Contacts) -> forms.Person:
    """The 정보주체 block; for a request by the subject the requester's details fill the gaps."""
    own = r.relation == Relation.SELF
    return forms.Person(
        name=r.subject_name,
        phone=c.subject_phone or (c.requester_phone if own else ""),
        birth=_birth(c.subject_birth or (c.requester_birth if own else None)),
        address=c.subject_address or (c.requester_address if own else ""),
    )


def _requester(r: SubjectRequest, c: Contacts) -> forms.Person:
    """The requester (수신자 of every notice): the subject, a legal representative or an agent."""
    own = r.relation == Relation.SELF
    return forms.Person(
        name=r.requester_name,
        phone=c.requester_phone,
        birth=_birth(c.requester_birth or (c.subject_birth if own else None)),
        address=c.requester_address or (c.subject_address if own else ""),
    )


def _contact(p: HospitalProfile) -> str:
    o, d = p.officer, p.department
    officer = " ".join(x for x in (o.title, o.name) if x)
    dept = " ".join(x for x in (d.department, d.title, d.name) if x)
    return f"개인정보 보호 담당부서 {dept} ({d.phone}), 개인정보 보호책임자 {officer} ({o.phone})"


def _footer(p: HospitalProfile) -> forms.Footer:
    return forms.Footer(objection=objection_text(p), sender=f"{p.name}장", contact=_contact(p))


def _ground(r: SubjectRequest) -> forms.Ground | None:
    if not r.refusal_ground:
        return None
    g = refusal_ground(r.refusal_ground)
    return forms.Ground(g.label, g.basis, r.refusal_text or "")


def _head(r: SubjectRequest, d: RequestDetail, c: Contacts) -> forms.NoticeHead:
    return forms.NoticeHead(
        number=d.number,
        received_at=r.received_at,
        kind_label=KIND_LABELS[r.kind],
        file_name=d.file_name,
        request_text=d.request_text,
        recipient=_requester(r, c),
        relation=RELATION_LABELS.get(r.relation, r.relation),
    )


def _basis(d: SubjectDisclosure) -> str:
    b = BASES.get(d.legal_basis)
    label = b.label if b is not None else d.legal_basis
    return f"{label} ({d.basis_detail})" if d.basis_detail else label


def _provision(d: SubjectDisclosure) -> forms.ProvisionRow:
    form = f"{d.form} (가명·익명 처리)" if d.deidentified else d.form
    return forms.ProvisionRow(d.disclosed_on, d.recipient, d.recipient_purpose, d.items, _basis(d), form)


def _access_content(a: AccessAnswer) -> forms.AccessContent:
    asked = set(a.asked)
    return forms.AccessContent(
        asked=tuple(ACCESS_ITEM_LABELS[i] for i in AccessItem if i in asked),
        content=tuple(forms.AnswerRow(x.label, x.content) for x in a.content),
        visits=a.visits,
        purpose=a.purpose,
        legal_basis=a.legal_basis,
        retention=a.retention,
        provisions=tuple(_provision(d) for d in a.provisions),
        consent=a.consent,
        held_outside=a.held_outside,
        ask_content=AccessItem.CONTENT in asked,
        ask_purpose=AccessItem.PURPOSE in asked,
        ask_retention=AccessItem.RETENTION in asked,
        ask_provision=AccessItem.PROVISION in asked,
        ask_consent=AccessItem.CONSENT in asked,
    )


_BOXES: dict[str, str] = {
    RequestKind.ACCESS: "열람",
    RequestKind.CORRECT: "정정·삭제",
    RequestKind.DELETE: "정정·삭제",
}


def _request_form(p: HospitalProfile, r: SubjectRequest, d: RequestDetail, c: Contacts) -> forms.RequestForm:
    box = _BOXES.get(r.kind, "처리정지")
    agent = (
        None
        if r.relation == Relation.SELF
        else forms.Person(r.requester_name, c.requester_phone, _birth(c.requester_birth), c.requester_address)
    )
    return forms.RequestForm(
        number=d.number,
        received_at=r.received_at,
        request_days=p.request_days,
        due=d.row.due,
        box=box,
        kind_label=KIND_LABELS[r.kind],
        file_name=d.file_name,
        subject=_subject(r, c),
        agent=agent,
        relation=RELATION_LABELS.get(r.relation, r.relation),
        under_14=r.subject_under_14,
        access_options=tuple(ACCESS_ITEM_LABELS[i] for i in AccessItem),
        access_ticked=tuple(ACCESS_ITEM_LABELS[i] for i in d.access_items if i in ACCESS_ITEM_LABELS),
        request_text=d.request_text,
        channel=CHANNELS.get(r.channel, r.channel),
        id_document=r.id_document,
        id_checked_by=d.who(r.id_checked_by),
        proxy_checked=r.proxy_checked,
        received_by=d.who(r.received_by),
        requester_name=r.requester_name,
        addressee=p.name,
    )


def _power_of_attorney(
    p: HospitalProfile, r: SubjectRequest, d: RequestDetail, c: Contacts
) -> forms.PowerOfAttorney:
    """The 위임장 filled from an agent's request: the agent (위임받는 사람), the subject (위임하는
    사람) and the request delegated, for the subject's signature."""
    return forms.PowerOfAttorney(
        agent=forms.Person(
            r.requester_name, c.requester_phone, _birth(c.requester_birth), c.requester_address
        ),
        relation="",
        subject=_subject(r, c),
        ticked=(_BOXES.get(r.kind, "처리정지"),),
        file_name=d.file_name,
        request_number=d.number,
        addressee=p.name,
    )


def print_blank_power_of_attorney(
    ctx: AppContext, actor: Actor, out: Path | Output, *, on_page: OnPage = None
) -> PrintResult:
    """Print a blank 위임장 [별지 제11호서식] for a subject who sends someone in their place (정보주체
    요구 처리 permission; the printing is logged with no personal data)."""
    out = files.guarded(ctx.settings, out)
    p = ctx.profile
    with rights_unit(ctx, actor):
        pass  # the permission, checked (a refusal is logged)
    blank = forms.PowerOfAttorney(
        agent=forms.Person(),
        relation="",
        subject=forms.Person(),
        ticked=(),
        file_name="",
        request_number="",
        addressee=p.name,
    )
    meta = witnessed(ctx, forms.poa_meta(p.name, actor))
    pages = forms.render_power_of_attorney(
        out,
        meta,
        blank,
        on_page=on_page,
        before_publish=_log(ctx, actor, "form:power_of_attorney", "blank", meta.record_no, None),
    )  # no personal data: no reason
    return PrintResult(out.path, pages, meta.record_no, meta.title)


# -- use cases --------------------------------------------------------------------------------------
def print_notice(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    kind: NoticeKind | str,
    out: Path | Output,
    *,
    reason: str,
    on_page: OnPage = None,
) -> PrintResult:
    """Print a request's 요구서 or one of its notices. A notice that does not fit the request's kind
    and state (see :func:`available_notices`) is refused with a RuleViolationError. ``reason`` (사유)
    is checked first and logged with the printing."""
    why = require(reason)
    kind = notice_kind(kind)
    out = files.guarded(ctx.settings, out)
    p = ctx.profile
    keys = ctx.keys
    with rights_unit(ctx, actor) as u:
        r = load(u, request_id)
        d = detail_of(u, keys, r, clock.today_kst())
        if kind not in available_notices(d):
            raise RuleViolationError(
                f"'{NOTICE_TITLES[kind]}'{particle(NOTICE_TITLES[kind], '은/는')} 이 요구({KIND_LABELS.get(r.kind, r.kind)} 요구, "
                f"{STATE_LABELS.get(r.state, r.state)})에 맞지 않아 출력할 수 없습니다. {_WHEN[kind]}"
            )
        c = contacts_of(keys, r)
        ref, number = r.ref, d.number
        form: forms.RequestForm | None = None
        poa: forms.PowerOfAttorney | None = None
        delay: forms.DelayRefusalNotice | None = None
        result: forms.ResultNotice | None = None
        head = _head(r, d, c)
        ground = _ground(r)
        if kind == NoticeKind.REQUEST_FORM:
            form = _request_form(p, r, d, c)
        elif kind == NoticeKind.POWER_OF_ATTORNEY:
            poa = _power_of_attorney(p, r, d, c)
        elif kind == NoticeKind.DELAY_REFUSAL:
            refused = r.kind == RequestKind.ACCESS and r.state == RequestState.REFUSED
            delay = forms.DelayRefusalNotice(
                head=head,
                refused=refused,
                due=r.due_date,
                extended_due=r.extended_due,
                extension_reason=r.extension_reason or "",
                ground=ground if refused else None,
                footer=_footer(p),
            )
        elif kind in (NoticeKind.CORRECTION_RESULT, NoticeKind.SUSPENSION_RESULT):
            correction = kind == NoticeKind.CORRECTION_RESULT
            options = ("정정", "삭제") if correction else ("처리정지", "동의철회·회원탈퇴")
            third = 0
            if r.kind == RequestKind.CORRECT:
                third = int(
                    u.session.execute(
                        select(func.count())
                        .select_from(CorrectionNotice)
                        .where(CorrectionNotice.request_id == r.id)
                    ).scalar_one()
                )
            result = forms.ResultNotice(
                head=head,
                options=options,
                outcome=_OUTCOME[RequestState(r.state)],
                result_text=d.result_text,
                decided_at=r.decided_at,
                ground=ground,
                footer=_footer(p),
                third_parties=third,
            )
        # 열람 일시·장소·방법, 납부 금액 and the 비고 of complete_access (its result text)
        viewing = (r.viewing_at, r.viewing_place or "", r.viewing_method or "", r.fee, d.result_text)
    what = f"{kind.value}; {number}"
    if kind == NoticeKind.ACCESS_NOTICE:
        answer = build_answer(
            ctx, actor, request_id, AnswerMode.PAPER
        )  # a logged look at the subject's record
        viewing_at, place, method, fee, note = viewing
        notice = forms.AccessNotice(
            head=head,
            viewing_at=viewing_at,
            viewing_place=place,
            viewing_methods=VIEWING_METHODS,
            viewing_method=method,
            fee=fee,
            note=note,
            partial=ground if d.state == RequestState.PARTLY_COMPLETED else None,
            answer=_access_content(answer),
            footer=_footer(p),
        )
        meta = witnessed(ctx, forms.access_meta(p.name, actor))
        pages = forms.render_access_notice(
            out,
            meta,
            notice,
            on_page=on_page,
            before_publish=_log(ctx, actor, ref, what, meta.record_no, why),
        )
    elif poa is not None:
        meta = witnessed(ctx, forms.poa_meta(p.name, actor))
        pages = forms.render_power_of_attorney(
            out, meta, poa, on_page=on_page, before_publish=_log(ctx, actor, ref, what, meta.record_no, why)
        )
    elif form is not None:
        meta = witnessed(ctx, forms.form_meta(p.name, actor))
        pages = forms.render_request_form(
            out, meta, form, on_page=on_page, before_publish=_log(ctx, actor, ref, what, meta.record_no, why)
        )
    elif delay is not None:
        meta = witnessed(ctx, forms.delay_meta(p.name, actor))
        what += "; 거절" if delay.refused else "; 연기"
        pages = forms.render_delay_refusal(
            out, meta, delay, on_page=on_page, before_publish=_log(ctx, actor, ref, what, meta.record_no, why)
        )
    else:
        assert result is not None
        correction = kind == NoticeKind.CORRECTION_RESULT
        meta = witnessed(ctx, forms.result_meta(p.name, actor, correction=correction))
        what += f"; {result.outcome}"
        pages = forms.render_result_notice(
            out,
            meta,
            result,
            correction=correction,
            on_page=on_page,
            before_publish=_log(ctx, actor, ref, what, meta.record_no, why),
        )
    return PrintResult(out.path, pages, meta.record_no, meta.title)


def _log(
    ctx: AppContext, actor: Actor, ref: str, what: str, record_no: str, reason: str | None
) -> Callable[[int], None]:
    """The ``before_publish`` hook: the printing's access-log entry (no personal data) with its reason."""

    def publish(pages: int) -> None:
        record_print(
            ctx,
            actor,
            ref,
            f"{what}; {record_no}; {pages}쪽",
            permission=Permission.REQUEST_HANDLE,
            reason=reason,
        )

    return publish


def _sent_to(
    history: list[SubjectDisclosure], n: CorrectionNotice, corrected: dt.date | None
) -> list[SubjectDisclosure]:
    """What this recipient received of the subject's data before the correction (the notice's own
    disclosure always included)."""
    return [
        h
        for h in history
        if h.disclosure_id == n.disclosure_id
        or (
            h.recipient == n.recipient
            and not h.deidentified
            and (corrected is None or h.disclosed_on <= corrected)
        )
    ]


# The words by which a disclosure's items (free text: "이름, 주소, 진료기록 사본") name a registry field.
_ITEM_WORDS: dict[str, tuple[str, ...]] = {
    "name": ("이름", "성명"),
    "rrn": ("주민등록번호", "주민번호", "고유식별"),
    "address": ("주소",),
    "phones": ("연락처", "전화"),
    "chart_no": ("차트번호", "등록번호"),
    "first_visit": ("내원", "진료일"),
    "last_visit": ("내원", "진료일"),
}


def _change_row(x: CorrectionRow, received: str) -> forms.ChangeRow:
    """A corrected item as one recipient may read it: in full when it received that item (it must
    correct its copy), masked otherwise (it holds nothing to correct; the need to know is not there)."""
    if any(word in received for word in _ITEM_WORDS.get(x.field, (x.label,))):
        return forms.ChangeRow(x.label, x.before_masked, x.after, "제공한 항목: 정정하여 주십시오")
    return forms.ChangeRow(
        x.label,
        x.before_masked,
        masked_value(x.field, x.after) if x.after else "",
        "제공하지 않은 항목 (참고)",
    )


def print_correction_notice(
    ctx: AppContext, actor: Actor, notice_id: int, out: Path | Output, *, reason: str, on_page: OnPage = None
) -> PrintResult:
    """Print the 정정 통지 to one third party that received the record: what was corrected — for a
    registry correction each item with its corrected content, in full for the items this recipient
    received and masked for the others — when and what it received, the request to correct its copy,
    the hospital's contact. ``reason`` (사유) is checked first and logged with the printing."""
    why = require(reason)
    out = files.guarded(ctx.settings, out)
    p = ctx.profile
    keys = ctx.keys
    with rights_unit(ctx, actor) as u:
        n = u.session.get(CorrectionNotice, notice_id)
        if n is None:
            raise NotFoundError("정정 통지", str(notice_id))
        r = load(u, n.request_id)
        c = contacts_of(keys, r)
        corrected = kst_day(r.decided_at) if r.decided_at else None
        sent = _sent_to(subject_history(u.session, r.subject_ref), n, corrected)
        number = request_number(r.id, r.received_at)
        received = " ".join(h.items for h in sent)
        changes = tuple(_change_row(x, received) for x in corrections_of(u, keys, r.id))
        letter = forms.CorrectionLetter(
            recipient=n.recipient,
            subject_name=r.subject_name,
            subject_birth=_subject(r, c).birth,
            request_number=number,
            corrected_at=r.decided_at,
            result_text=dec(keys, r.result_text_enc, "result_text_enc", r.uid),
            disclosures=tuple(_provision(h) for h in sent),
            document_nos=tuple(h.document_no for h in sent),
            changes=changes,
            contact=_contact(p),
            hospital_address=f"{p.name}, {p.address} (대표전화 {p.phone})",
            sender=f"{p.name}장",
        )
        ref, nid = r.ref, n.id
    meta = witnessed(ctx, forms.letter_meta(p.name, actor))
    pages = forms.render_correction_letter(
        out,
        meta,
        letter,
        on_page=on_page,
        before_publish=_log(ctx, actor, ref, f"correction_notice {nid}; {number}", meta.record_no, why),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title)


__all__ = [
    "NOTICE_TITLES",
    "NoticeKind",
    "PrintResult",
    "available_notices",
    "notice_kind",
    "notice_title",
    "print_blank_power_of_attorney",
    "print_correction_notice",
    "print_notice",
]
