"""Data-subject requests (정보주체의 열람·정정·삭제·처리정지 요구, 동의철회·회원탈퇴): intake, the inbox
and the request detail. Decisions are in :mod:`privdesk.rights.decisions`.

Rules (../shared/domain/law.md §1 "Data-subject rights & deadlines"):

- who may ask: the subject (본인), a legal representative (법정대리인; required for a child under 14,
  법 제38조②), or an agent with a power of attorney (위임장, 별지 제11호서식); the identity check is
  recorded (document type, checked by; 시행령 제46조);
- what: 열람 (법 제35조, the items of 시행령 제41조①), 정정·삭제 (법 제36조), 처리정지 and 동의철회
  (법 제37조);
- when: a decision or notice within ``profile.request_days`` (10) days of receipt (시행령 제41조④,
  제42조②, 제43조③, 제44조②); only 열람 may be postponed (법 제35조③), with a reason and a notice
  (열람 연기 통지), by at most ``profile.extension_max_days`` days.

A correction or deletion request on a registry patient puts the record on the registry's processing
hold at intake (the policy: 정정을 완료하기 전까지 당해 개인정보를 이용 또는 제공하지 않습니다): no
print, export or disclosure until the request is closed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.clock import aware, kst_day
from privdesk.context import Actor, AppContext, Unit
from privdesk.crypto import KeyRing
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.fields import text
from privdesk.lifecycle.api import PATIENT_FILE
from privdesk.personal import mask_name
from privdesk.registry.api import (
    STATUS_DESTROYED,
    Patient,
    SubjectFlag,
    mask_phone,
    normalise_phone,
    patient_ref,
    place_hold,
)
from privdesk.rights.models import SubjectRequest, SubjectRequestEvent
from privdesk.workflow import DUE_SOON_DAYS as DUE_SOON_DAYS  # the workflow's names, importable from here
from privdesk.workflow import ID_DOCUMENTS as ID_DOCUMENTS
from privdesk.workflow import RELATION_LABELS as RELATION_LABELS
from privdesk.workflow import EventInfo as EventInfo
from privdesk.workflow import OpenClock as OpenClock
from privdesk.workflow import Relation as Relation
from privdesk.workflow import (
    RequestSpec,
    check_proxy,
    check_relation,
    checked_by,
    identity_document,
    inbox_order,
    log_unmask,
    proxy_flag,
    unmask_reason,
)
from privdesk.workflow import Urgency as Urgency
from privdesk.workflow import due_date as due_date
from privdesk.workflow import effective_due as effective_due

TABLE = "subject_requests"
CCTV_FILE = "cctv"  # CCTV footage has its own requests (privdesk.cctv.requests)
CHILD_AGE = 14  # 만 14세 미만 아동: 법정대리인 (법 제22조의2, 제38조②)


class RequestKind(StrEnum):
    ACCESS = "access"  # 열람 (법 제35조)
    CORRECT = "correct"  # 정정 (법 제36조)
    DELETE = "delete"  # 삭제 (법 제36조)
    SUSPEND = "suspend"  # 처리정지 (법 제37조)
    WITHDRAW = "withdraw"  # 동의철회·회원탈퇴 (법 제37조)


KIND_LABELS: dict[str, str] = {
    RequestKind.ACCESS: "열람",
    RequestKind.CORRECT: "정정",
    RequestKind.DELETE: "삭제",
    RequestKind.SUSPEND: "처리정지",
    RequestKind.WITHDRAW: "동의철회·회원탈퇴",
}
HOLDING_KINDS = frozenset({RequestKind.CORRECT, RequestKind.DELETE})  # the record is held while open


CHANNELS: dict[str, str] = {
    "visit": "방문",
    "mail": "우편",
    "phone": "전화",
    "email": "전자우편",
    "web": "홈페이지",
}


class AccessItem(StrEnum):
    """What a 열람 request may ask for (시행령 제41조①)."""

    CONTENT = "content"  # 개인정보의 항목 및 내용
    PURPOSE = "purpose"  # 수집·이용의 목적
    RETENTION = "retention"  # 보유 및 이용 기간
    PROVISION = "provision"  # 제3자 제공 현황
    CONSENT = "consent"  # 처리에 동의한 사실 및 내용


ACCESS_ITEM_LABELS: dict[str, str] = {
    AccessItem.CONTENT: "개인정보의 항목 및 내용",
    AccessItem.PURPOSE: "개인정보의 수집·이용의 목적",
    AccessItem.RETENTION: "개인정보 보유 및 이용 기간",
    AccessItem.PROVISION: "개인정보의 제3자 제공 현황",
    AccessItem.CONSENT: "개인정보 처리에 동의한 사실 및 내용",
}


class RequestState(StrEnum):
    RECEIVED = "received"  # 접수
    VERIFIED = "verified"  # 본인 확인
    IN_PROGRESS = "in_progress"  # 처리 중
    EXTENDED = "extended"  # 기간 연장 (연기 통지)
    COMPLETED = "completed"  # 완료
    PARTLY_COMPLETED = "partly_completed"  # 일부 완료 (일부 제한)
    REFUSED = "refused"  # 거절
    WITHDRAWN = "withdrawn"  # 취하 (요구인이 철회)


STATE_LABELS: dict[str, str] = {
    RequestState.RECEIVED: "접수",
    RequestState.VERIFIED: "본인 확인",
    RequestState.IN_PROGRESS: "처리 중",
    RequestState.EXTENDED: "기간 연장",
    RequestState.COMPLETED: "완료",
    RequestState.PARTLY_COMPLETED: "일부 완료",
    RequestState.REFUSED: "거절",
    RequestState.WITHDRAWN: "취하",
}

_OUTCOMES = (
    RequestState.COMPLETED,
    RequestState.PARTLY_COMPLETED,
    RequestState.REFUSED,
    RequestState.WITHDRAWN,
)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    # Refusing before the identity is verified covers "본인 또는 정당한 대리인임을 확인할 수 없음".
    RequestState.RECEIVED: (
        RequestState.VERIFIED,
        RequestState.EXTENDED,
        RequestState.REFUSED,
        RequestState.WITHDRAWN,
    ),
    RequestState.VERIFIED: (RequestState.IN_PROGRESS, RequestState.EXTENDED, *_OUTCOMES),
    RequestState.IN_PROGRESS: (RequestState.EXTENDED, *_OUTCOMES),
    RequestState.EXTENDED: (RequestState.VERIFIED, RequestState.IN_PROGRESS, *_OUTCOMES),
    RequestState.COMPLETED: (),
    RequestState.PARTLY_COMPLETED: (),
    RequestState.REFUSED: (),
    RequestState.WITHDRAWN: (),
}
SPEC = RequestSpec(
    "DR", "정보주체 요구", "요구", SubjectRequest, SubjectRequestEvent, TRANSITIONS, STATE_LABELS
)
FINAL_STATES = SPEC.final_states
OPEN_STATES = SPEC.open_states
request_number = SPEC.number  # ``DR-2026-0007`` (year of receipt in KST)
urgency = SPEC.urgency
load = SPEC.load
add_event = SPEC.add_event
open_clocks = SPEC.open_clocks


# -- input and output ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RequestInput:
    """What the intake form collects. The subject is a registry patient (``patient_id``) or, for the
    other files (homepage members, reservations), a name with a contact. Naive datetimes are KST."""

    kind: str
    file_code: str
    relation: str
    requester_name: str
    requester_phone: str
    id_document: str
    request_text: str  # 요구 내용·사유 (정정할 항목과 내용, 정지할 처리 …)
    patient_id: int | None = None
    subject_name: str = ""  # required when there is no patient_id, or relation != self
    subject_phone: str = ""
    subject_birth: dt.date | None = None
    subject_address: str = ""
    requester_birth: dt.date | None = None
    requester_address: str = ""
    proxy_checked: bool = False  # 위임장 (대리인) / 가족관계 서류 (법정대리인) 확인
    access_items: Sequence[str] = ()  # 열람: AccessItem codes (default: all)
    channel: str = "visit"
    id_checked_by: str = ""
    received_at: dt.datetime | None = None

    def __repr__(self) -> str:  # personal data stays out of reprs and tracebacks
        return f"RequestInput(kind={self.kind!r}, file={self.file_code!r}, patient_id={self.patient_id!r})"


@dataclass(frozen=True)
class RequestRow:
    """One line of the request inbox (names masked)."""

    id: int
    number: str
    kind: str
    file_code: str
    subject: str  # masked name (홍*동)
    requester: str  # masked name
    relation: str
    received_at: dt.datetime
    due: dt.date  # the extended due date when extended
    days_left: int
    urgency: Urgency
    state: str
    held: bool  # this request holds the registry record
    patient_id: int | None
    version: int

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    def line(self) -> str:
        """One line for ``privdesk request list``."""
        flag = {Urgency.OVERDUE: " [기한 경과]", Urgency.DUE_SOON: " [임박]"}.get(self.urgency, "")
        return (
            f"{self.number}\t{self.kind_label}\t{self.state_label}\t{self.subject}\t"
            f"접수 {clock.to_kst(self.received_at):%Y-%m-%d}\t기한 {self.due.isoformat()} "
            f"({self.days_left:+d}일){flag}"
        )


@dataclass(frozen=True)
class RequestDetail:
    """Everything the request detail screen shows. Personal data (names, the request text) is
    here because the handler works with it; phone numbers are masked (see :func:`contacts`)."""

    row: RequestRow
    file_name: str
    subject_name: str
    subject_ref: str
    subject_phone_masked: str
    subject_under_14: bool
    requester_name: str
    requester_phone_masked: str
    proxy_checked: bool
    id_document: str
    id_checked_by: str
    identity_verified_at: dt.datetime | None
    channel: str
    access_items: tuple[str, ...]
    request_text: str
    received_by: str
    due_date: dt.date
    extended_due: dt.date | None
    extension_reason: str | None
    result_text: str
    viewing_at: dt.datetime | None
    viewing_place: str | None
    viewing_method: str | None
    fee: int
    refusal_ground: str | None
    refusal_text: str | None
    decided_at: dt.datetime | None
    decided_by: str | None
    closed_at: dt.datetime | None
    closed_by: str | None
    events: tuple[EventInfo, ...]
    next_states: tuple[str, ...]
    people: People = field(default_factory=People, compare=False)  # its staff logins → names

    def who(self, login: str | None) -> str:
        """``이름(ID)`` of a staff member on the request (접수자, 확인자, 처리자); free text as typed."""
        return self.people.label(login)

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def number(self) -> str:
        return self.row.number

    @property
    def kind(self) -> str:
        return self.row.kind

    @property
    def state(self) -> str:
        return self.row.state

    @property
    def version(self) -> int:
        return self.row.version

    @property
    def relation_label(self) -> str:
        return RELATION_LABELS.get(self.row.relation, self.row.relation)

    def __repr__(self) -> str:
        return f"RequestDetail(id={self.row.id}, kind={self.row.kind!r}, state={self.row.state!r})"


@dataclass(frozen=True)
class Contacts:
    """The subject's and the requester's contact details in full (a logged look)."""

    subject_phone: str
    subject_birth: dt.date | None
    subject_address: str
    requester_phone: str
    requester_birth: dt.date | None
    requester_address: str

    def __repr__(self) -> str:
        return "Contacts(***)"


# -- stored values -------------------------------------------------------------------------------
def enc(keys: KeyRing, value: str, column: str, uid: str) -> bytes | None:
    return keys.encrypt(value, TABLE, column, uid) if value else None


def dec(keys: KeyRing, blob: bytes | None, column: str, uid: str) -> str:
    return "" if blob is None else keys.decrypt(blob, TABLE, column, uid)


def _date_or_none(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def contacts_of(keys: KeyRing, r: SubjectRequest) -> Contacts:
    return Contacts(
        subject_phone=dec(keys, r.subject_phone_enc, "subject_phone_enc", r.uid),
        subject_birth=_date_or_none(dec(keys, r.subject_birth_enc, "subject_birth_enc", r.uid)),
        subject_address=dec(keys, r.subject_address_enc, "subject_address_enc", r.uid),
        requester_phone=dec(keys, r.requester_phone_enc, "requester_phone_enc", r.uid),
        requester_birth=_date_or_none(dec(keys, r.requester_birth_enc, "requester_birth_enc", r.uid)),
        requester_address=dec(keys, r.requester_address_enc, "requester_address_enc", r.uid),
    )


def row_of(r: SubjectRequest, today: dt.date) -> RequestRow:
    due = effective_due(r)
    return RequestRow(
        id=r.id,
        number=request_number(r.id, r.received_at),
        kind=r.kind,
        file_code=r.file_code,
        subject=mask_name(r.subject_name),
        requester=mask_name(r.requester_name),
        relation=r.relation,
        received_at=r.received_at,
        due=due,
        days_left=(due - today).days,
        urgency=urgency(r.state, due, today),
        state=r.state,
        held=r.hold_placed,
        patient_id=r.patient_id,
        version=r.version,
    )


def file_name(u: Unit, code: str) -> str:
    from privdesk.lifecycle.api import LifecycleFile

    name = u.session.execute(
        select(LifecycleFile.name).where(LifecycleFile.code == code)
    ).scalar_one_or_none()
    return name or code


def detail_of(u: Unit, keys: KeyRing, r: SubjectRequest, today: dt.date) -> RequestDetail:
    c = contacts_of(keys, r)
    events = SPEC.events(u, r.id)
    who = people(
        u.session,
        [r.received_by, r.id_checked_by, r.decided_by, r.closed_by, *(e.actor_login for e in events)],
    )
    return RequestDetail(
        row=row_of(r, today),
        file_name=file_name(u, r.file_code),
        subject_name=r.subject_name,
        subject_ref=r.subject_ref,
        subject_phone_masked=mask_phone(c.subject_phone) if c.subject_phone else "",
        subject_under_14=r.subject_under_14,
        requester_name=r.requester_name,
        requester_phone_masked=mask_phone(c.requester_phone) if c.requester_phone else "",
        proxy_checked=r.proxy_checked,
        id_document=r.id_document,
        id_checked_by=r.id_checked_by,
        identity_verified_at=r.identity_verified_at,
        channel=r.channel,
        access_items=tuple(x for x in r.access_items.split(",") if x),
        request_text=dec(keys, r.request_text_enc, "request_text_enc", r.uid),
        received_by=r.received_by,
        due_date=r.due_date,
        extended_due=r.extended_due,
        extension_reason=r.extension_reason,
        result_text=dec(keys, r.result_text_enc, "result_text_enc", r.uid),
        viewing_at=r.viewing_at,
        viewing_place=r.viewing_place,
        viewing_method=r.viewing_method,
        fee=r.fee,
        refusal_ground=r.refusal_ground,
        refusal_text=r.refusal_text,
        decided_at=r.decided_at,
        decided_by=r.decided_by,
        closed_at=r.closed_at,
        closed_by=r.closed_by,
        events=SPEC.event_infos(events, who),
        next_states=next_states(r.state, r.kind, r.extended_due),
        people=who,
    )


def next_states(state: str, kind: str, extended_due: dt.date | None) -> tuple[str, ...]:
    """What may follow ``state`` for a request of ``kind``: :data:`TRANSITIONS`, without the extension
    (연기) for every kind but 열람 (법 제35조③) and for a request already extended once."""
    return tuple(
        s
        for s in TRANSITIONS.get(state, ())
        if s != RequestState.EXTENDED or (kind == RequestKind.ACCESS and extended_due is None)
    )


def rights_unit(ctx: AppContext, actor: Actor) -> AbstractContextManager[Unit]:
    """The unit every request use case runs in (정보주체 요구 처리 permission)."""
    return ctx.unit(actor, Permission.REQUEST_HANDLE)


# -- validation ------------------------------------------------------------------------------------
def _phone(value: str, field: str, *, required: bool) -> str:
    if not value.strip():
        if required:
            raise ValidationError(field, "연락처를 입력하십시오.")
        return ""
    try:
        return normalise_phone(value)
    except ValidationError as exc:
        raise ValidationError(field, exc.message) from None


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _file_codes(u: Unit) -> set[str]:
    from privdesk.lifecycle.api import LifecycleFile, require_files

    require_files(u)
    return set(u.session.execute(select(LifecycleFile.code)).scalars())


@dataclass(frozen=True)
class _Subject:
    ref: str
    patient_id: int | None
    name: str
    birth: dt.date | None

    def __repr__(self) -> str:
        return f"_Subject({self.ref!r})"


def _subject(u: Unit, data: RequestInput, uid: str) -> _Subject:
    if data.patient_id is not None:
        p = u.session.get(Patient, data.patient_id)
        if p is None or p.status == STATUS_DESTROYED:
            raise NotFoundError("환자 기록", patient_ref(data.patient_id))
        if data.file_code != PATIENT_FILE:
            raise ValidationError(
                "file_code", "환자 명부의 환자를 고르면 개인정보파일은 '환자 진료 접수'여야 합니다."
            )
        return _Subject(p.ref, p.id, p.name, p.birth_date)
    if data.file_code == PATIENT_FILE:
        raise ValidationError("patient_id", "환자 명부에 대한 요구는 환자를 차트번호로 찾아 연결하십시오.")
    name = text("subject_name", data.subject_name, "정보주체 성명", limit=64)
    return _Subject(f"external:{uid[:16]}", None, name, data.subject_birth)


NOT_THE_SUBJECT = (
    "본인 요구로 접수할 수 없습니다: 요구인의 {what}이 정보주체와 다릅니다. 본인이 아닌 사람의 요구는 "
    "'대리인'(정보주체의 위임장, 별지 제11호서식) 또는 '법정대리인'(가족관계증명서 등 대리 관계를 "
    "증명하는 서류)으로, 그 서류와 요구인의 신분증을 확인한 뒤 접수하십시오."
)


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _same_person(subj: _Subject, requester: str, data: RequestInput) -> dt.date:
    """A request by the subject (본인): the requester's name and birth date (from the ID presented)
    must be the subject's (시행령 제46조); otherwise it is an agent's or a legal representative's
    request, with its documents. Returns the requester's birth date."""
    presented = (
        data.requester_birth if subj.patient_id is not None else (data.requester_birth or data.subject_birth)
    )
    if presented is None:
        field = "requester_birth" if subj.patient_id is not None else "subject_birth"
        raise ValidationError(
            field,
            "본인 요구는 신분증으로 확인한 요구인의 생년월일을 입력하십시오 "
            "(정보주체와 같은 사람인지 확인합니다).",
        )
    if not _same_name(subj.name, requester):
        raise RuleViolationError(NOT_THE_SUBJECT.format(what="성명"))
    if subj.birth is not None and subj.birth != presented:
        raise RuleViolationError(NOT_THE_SUBJECT.format(what="생년월일"))
    return presented


# -- use cases ---------------------------------------------------------------------------------
def receive_request(ctx: AppContext, actor: Actor, data: RequestInput) -> RequestDetail:
    """Take in a request (접수): due date, identity check record, and for a correction or deletion
    of a registry record the processing hold. A request by the subject (본인) whose requester differs
    from the subject in name or birth date is refused: it is an agent's or a legal representative's
    request, taken in as such with its documents."""
    now = clock.now()
    if data.kind not in KIND_LABELS:
        raise ValidationError("kind", "요구 구분(열람·정정·삭제·처리정지·동의철회)을 고르십시오.")
    check_relation(data.relation)
    if data.channel not in CHANNELS:
        raise ValidationError("channel", "접수 방법을 고르십시오.")
    requester = text("requester_name", data.requester_name, "요구인 성명", limit=64)
    requester_phone = _phone(data.requester_phone, "requester_phone", required=True)
    subject_phone = _phone(data.subject_phone, "subject_phone", required=False)
    document = identity_document(data.id_document)
    request_text = text(
        "request_text", data.request_text, "요구 내용", required=data.kind != RequestKind.ACCESS, limit=2000
    )
    received_at = now if data.received_at is None else aware(data.received_at, "received_at")
    if received_at > now + dt.timedelta(minutes=1):
        raise ValidationError(
            "received_at", "접수 일시가 미래입니다. 실제로 요구서를 받은 일시를 입력하십시오."
        )
    items = tuple(dict.fromkeys(data.access_items)) if data.kind == RequestKind.ACCESS else ()
    if data.kind == RequestKind.ACCESS and not items:
        items = tuple(AccessItem)
    if any(i not in ACCESS_ITEM_LABELS for i in items):
        raise ValidationError("access_items", "열람할 사항을 목록에서 고르십시오.")
    check_proxy(data.relation, data.proxy_checked, noun="요구", attorney=", 별지 제11호서식")
    keys = ctx.keys
    today = clock.today_kst()
    with rights_unit(ctx, actor) as u:
        if data.file_code == CCTV_FILE:
            raise ValidationError(
                "file_code", "CCTV 영상에 대한 요구는 CCTV 화면의 열람·존재확인·삭제 청구로 접수하십시오."
            )
        if data.file_code not in _file_codes(u):
            raise ValidationError("file_code", "요구 대상 개인정보파일을 목록에서 고르십시오.")
        uid = secrets.token_hex(16)
        subj = _subject(u, data, uid)
        birth = subj.birth or data.subject_birth
        child = birth is not None and age_on(birth, kst_day(received_at)) < CHILD_AGE
        if child and data.relation == Relation.SELF:
            raise RuleViolationError(
                "만 14세 미만 아동의 요구는 법정대리인이 하여야 합니다(개인정보 보호법 제38조②). "
                "요구인을 법정대리인으로 접수하십시오."
            )
        requester_birth = data.requester_birth
        if data.relation == Relation.SELF:
            requester_birth = _same_person(subj, requester, data)
        if data.relation != Relation.SELF and subj.patient_id is None:
            text("subject_name", data.subject_name or subj.name, "정보주체 성명", limit=64)
        r = SubjectRequest(
            uid=uid,
            kind=data.kind,
            file_code=data.file_code,
            subject_ref=subj.ref,
            patient_id=subj.patient_id,
            subject_name=subj.name,
            subject_phone_enc=enc(keys, subject_phone, "subject_phone_enc", uid),
            subject_birth_enc=enc(keys, birth.isoformat() if birth else "", "subject_birth_enc", uid),
            subject_address_enc=enc(
                keys,
                text("subject_address", data.subject_address, "주소", required=False, limit=300),
                "subject_address_enc",
                uid,
            ),
            subject_under_14=child,
            relation=data.relation,
            requester_name=requester,
            requester_phone_enc=enc(keys, requester_phone, "requester_phone_enc", uid),
            requester_birth_enc=enc(
                keys, requester_birth.isoformat() if requester_birth else "", "requester_birth_enc", uid
            ),
            requester_address_enc=enc(
                keys,
                text("requester_address", data.requester_address, "주소", required=False, limit=300),
                "requester_address_enc",
                uid,
            ),
            proxy_checked=proxy_flag(data.relation, data.proxy_checked),
            id_document=document,
            id_checked_by=checked_by(data.id_checked_by, u.actor_login),
            access_items=",".join(items),
            request_text_enc=enc(keys, request_text, "request_text_enc", uid),
            received_at=received_at,
            received_by=u.actor_login,
            channel=data.channel,
            due_date=due_date(received_at, ctx.profile.request_days),
            state=RequestState.RECEIVED,
            hold_placed=False,
            fee=0,
        )
        u.session.add(r)
        u.session.flush()
        note = CHANNELS[data.channel]
        if data.kind in HOLDING_KINDS and subj.patient_id is not None:
            p = u.session.get(Patient, subj.patient_id)
            assert p is not None
            if not p.hold:
                place_hold(
                    u, p.id, f"{KIND_LABELS[data.kind]} 요구 {request_number(r.id, received_at)} 처리 중"
                )
                r.hold_placed = True
                note += "; 처리정지(정정 완료 전 이용·제공 금지)"
        add_event(u, r, "", RequestState.RECEIVED, note)
        u.session.flush()
        return detail_of(u, keys, r, today)


def list_requests(
    ctx: AppContext,
    actor: Actor,
    *,
    open_only: bool = False,
    overdue_only: bool = False,
    today: dt.date | None = None,
) -> list[RequestRow]:
    """The request inbox: open requests by due date (most urgent first), then closed ones, newest
    first. Names are masked; the look is logged."""
    today = today or clock.today_kst()
    with rights_unit(ctx, actor) as u:
        stmt = select(SubjectRequest)
        if open_only or overdue_only:
            stmt = stmt.where(SubjectRequest.state.in_(sorted(OPEN_STATES)))
        rows = [row_of(r, today) for r in u.session.execute(stmt).scalars()]
        if overdue_only:
            rows = [r for r in rows if r.urgency == Urgency.OVERDUE]
        u.log(Action.VIEW, subject="subject_request:*", detail=f"inbox; rows={len(rows)}")
    return inbox_order(rows)


def get_request(
    ctx: AppContext, actor: Actor, request_id: int, *, today: dt.date | None = None
) -> RequestDetail:
    """A request with its history (a logged look)."""
    today = today or clock.today_kst()
    with rights_unit(ctx, actor) as u:
        r = load(u, request_id)
        u.log(Action.VIEW, subject=r.ref)
        return detail_of(u, ctx.keys, r, today)


def contacts(ctx: AppContext, actor: Actor, request_id: int, reason: str) -> Contacts:
    """The full phone numbers, birth dates and addresses, with a logged reason (마스킹 해제). Before
    the identity check (본인 확인) only the requester's own contact details are given (to reach
    them); the subject's are withheld like every other view of the subject's data."""
    reason = unmask_reason(reason)
    with rights_unit(ctx, actor) as u:
        r = load(u, request_id)
        c = contacts_of(ctx.keys, r)
        if r.identity_verified_at is None:
            log_unmask(u, r.ref, reason, "requester only (본인 확인 전)")
            return dataclasses.replace(c, subject_phone="", subject_birth=None, subject_address="")
        log_unmask(u, r.ref, reason)
        return c


@dataclass(frozen=True)
class OverdueSummary:
    """What the start screen shows to whoever handles requests."""

    overdue: int
    due_soon: int
    open: int


def overdue_summary(ctx: AppContext, actor: Actor, *, today: dt.date | None = None) -> OverdueSummary:
    """Counts for the start screen. No personal data is read (states and dates only), so this is
    not an access-log entry; the permission is still checked (and a refusal logged)."""
    today = today or clock.today_kst()
    with ctx.unit(actor, Permission.REQUEST_HANDLE, read_only=True) as u:
        kinds = [c.urgency for c in open_clocks(u.session, today)]
    return OverdueSummary(kinds.count(Urgency.OVERDUE), kinds.count(Urgency.DUE_SOON), len(kinds))


def open_request_subjects(u: Unit, patient_ids: Sequence[int]) -> dict[int, str]:
    """``patient id -> request number`` of open requests on these patients (for the destruction
    plan's exclusions: a record with an open data-subject request is not destroyed)."""
    out: dict[int, str] = {}
    ids = sorted(set(patient_ids))
    for i in range(0, len(ids), 500):
        rows = u.session.execute(
            select(SubjectRequest.patient_id, SubjectRequest.id, SubjectRequest.received_at).where(
                SubjectRequest.patient_id.in_(ids[i : i + 500]), SubjectRequest.state.in_(sorted(OPEN_STATES))
            )
        )
        for pid, rid, at in rows:
            if pid is not None:
                out.setdefault(int(pid), request_number(rid, at))
    return out


def subject_flag(u: Unit, subject_ref: str) -> SubjectFlag | None:
    return u.session.get(SubjectFlag, subject_ref)


def open_request_exclusions(u: Unit, patient_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """The destruction plan's exclusion provider (see privdesk.lifecycle.destruction): a record with
    an open data-subject request is not destroyed while the request runs."""
    return {
        pid: ("subject_request", f"정보주체 요구 처리 중: {number}")
        for pid, number in open_request_subjects(u, patient_ids).items()
    }
