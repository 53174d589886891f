"""Viewing requests (개인영상정보 열람·존재확인·삭제 청구): intake, the inbox and the request detail.

Rules (../shared/domain/law.md §1, §3; forms.md §3, §7):

- who may ask: the person filmed (본인), a legal guardian (법정대리인) or an agent (대리인) with a
  power of attorney (위임장, 법 제38조) — identity checked with a document (시행령 제46조);
- what: only footage in which the requester appears, or that is clearly needed for an urgent
  interest in life, body or property (표준 개인정보 보호지침; recorded as the eligibility);
- when: a decision or a notice within ``profile.request_days`` (10) days of receipt
  (시행령 제41조④·제42조②); days left are shown with an urgency for the inbox colours.

At intake the footage of every camera and day of the window is checked against retention: when
nothing is left (past retention and not held) the request is flagged ``footage_gone`` and the
result notice says the footage no longer exists; otherwise an evidence hold is placed on the
cameras and window until the request is closed. Decisions are in :mod:`privdesk.cctv.decisions`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.cctv.cameras import cctv_unit, resolve_cameras
from privdesk.cctv.common import REQUEST_PREFIX, aware, check_window, kst_day, text, window_days
from privdesk.cctv.models import CctvHold, CctvRequest, CctvRequestEvent
from privdesk.cctv.retention import (
    FootageStatus,
    HoldInfo,
    hold_info,
    place_request_hold,
    statuses,
)
from privdesk.context import Actor, AppContext, Unit
from privdesk.crypto import KeyRing
from privdesk.errors import ValidationError
from privdesk.fields import reason as reason_text
from privdesk.personal import mask_name
from privdesk.registry.api import mask_phone, normalise_phone
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

TABLE = "cctv_requests"


class RequestKind(StrEnum):
    VIEW = "view"  # 열람
    EXIST = "exist"  # 존재확인
    DELETE = "delete"  # 삭제


KIND_LABELS: dict[str, str] = {
    RequestKind.VIEW: "열람",
    RequestKind.EXIST: "존재확인",
    RequestKind.DELETE: "삭제",
}


class RequestState(StrEnum):
    RECEIVED = "received"  # 접수
    EXTENDED = "extended"  # 연장 (통지함)
    APPROVED = "approved"  # 승인 (열람 일정)
    PARTLY_APPROVED = "partly_approved"  # 일부 승인
    REFUSED = "refused"  # 거절 (통지함)
    COMPLETED = "completed"  # 열람·삭제 완료 (종결)
    CLOSED = "closed"  # 종결
    WITHDRAWN = "withdrawn"  # 철회 (종결)


STATE_LABELS: dict[str, str] = {
    RequestState.RECEIVED: "접수",
    RequestState.EXTENDED: "기간 연장",
    RequestState.APPROVED: "승인",
    RequestState.PARTLY_APPROVED: "일부 승인",
    RequestState.REFUSED: "거절",
    RequestState.COMPLETED: "완료",
    RequestState.CLOSED: "종결",
    RequestState.WITHDRAWN: "철회",
}

# The state machine: what may follow each state (the request detail screen offers these).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    RequestState.RECEIVED: (
        RequestState.APPROVED,
        RequestState.PARTLY_APPROVED,
        RequestState.REFUSED,
        RequestState.EXTENDED,
        RequestState.WITHDRAWN,
    ),
    RequestState.EXTENDED: (
        RequestState.APPROVED,
        RequestState.PARTLY_APPROVED,
        RequestState.REFUSED,
        RequestState.WITHDRAWN,
    ),
    RequestState.APPROVED: (RequestState.COMPLETED, RequestState.WITHDRAWN),
    RequestState.PARTLY_APPROVED: (RequestState.COMPLETED, RequestState.WITHDRAWN),
    RequestState.REFUSED: (RequestState.CLOSED,),
    RequestState.COMPLETED: (),
    RequestState.CLOSED: (),
    RequestState.WITHDRAWN: (),
}
SPEC = RequestSpec(
    REQUEST_PREFIX, "열람등 청구", "청구", CctvRequest, CctvRequestEvent, TRANSITIONS, STATE_LABELS
)
FINAL_STATES = SPEC.final_states
request_number = SPEC.number  # ``CR-2026-0007`` (year of receipt in KST)
urgency = SPEC.urgency
load = SPEC.load
add_event = SPEC.add_event
open_clocks = SPEC.open_clocks


class Eligibility(StrEnum):
    APPEARS = "appears"  # 청구인이 촬영된 영상
    URGENT = "urgent"  # 급박한 생명·신체·재산의 이익을 위하여 명백히 필요
    NOT_SHOWN = "not_shown"  # 청구인이 촬영되지 않은 영상 (열람 대상 아님)


ELIGIBILITY_LABELS: dict[str, str] = {
    Eligibility.APPEARS: "청구인(정보주체)이 촬영된 영상",
    Eligibility.URGENT: "정보주체의 급박한 생명·신체·재산의 이익을 위하여 명백히 필요",
    Eligibility.NOT_SHOWN: "청구인(정보주체)이 촬영되지 않은 영상",
}


# -- input and output ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RequestInput:
    """What the intake form collects. ``id_checked_by`` defaults to the account doing the intake;
    naive datetimes are taken as Korea Standard Time."""

    kind: str
    requester_name: str
    requester_phone: str
    relation: str
    id_document: str
    cameras: Sequence[str]
    window_start: dt.datetime
    window_end: dt.datetime
    purpose: str
    requester_birth: dt.date | None = None
    requester_address: str = ""
    subject_name: str = ""  # 정보주체 (when the requester is not the person filmed)
    subject_phone: str = ""
    proxy_checked: bool = False  # 위임장 (대리인) / 가족관계 서류 (법정대리인) 확인
    id_checked_by: str = ""
    received_at: dt.datetime | None = None

    def __repr__(self) -> str:  # personal data stays out of reprs and tracebacks
        return f"RequestInput(kind={self.kind!r}, cameras={list(self.cameras)!r})"


@dataclass(frozen=True)
class RequestRow:
    """One line of the request inbox."""

    id: int
    number: str
    kind: str
    requester: str  # masked name (홍*동)
    received_at: dt.datetime
    due: dt.date  # extended due date when extended
    days_left: int
    urgency: Urgency
    state: str
    footage_gone: bool
    cameras: tuple[str, ...]
    window_start: dt.datetime
    window_end: dt.datetime
    version: int

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)


@dataclass(frozen=True)
class FootageDay:
    camera: str
    day: dt.date
    status: FootageStatus


@dataclass(frozen=True)
class RequestDetail:
    """Everything the request detail screen shows (the phone number masked; see
    :func:`requester_contact`)."""

    row: RequestRow
    requester_name: str
    requester_phone_masked: str
    relation: str
    subject_name: str
    proxy_checked: bool
    id_document: str
    id_checked_by: str
    purpose: str
    received_by: str
    due_date: dt.date
    extended_due: dt.date | None
    extension_reason: str | None
    decision: str | None
    eligibility: str | None
    eligibility_note: str
    decided_at: dt.datetime | None
    decided_by: str | None
    refusal_ground: str | None
    refusal_text: str | None
    partial_note: str | None
    viewing_at: dt.datetime | None
    viewing_place: str | None
    others_in_frame: bool
    masking_done: bool
    masked_by: str | None
    masked_at: dt.datetime | None
    closed_at: dt.datetime | None
    closed_by: str | None
    close_note: str | None
    footage: tuple[FootageDay, ...]
    holds: tuple[HoldInfo, ...]
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
    def relation_label(self) -> str:
        return RELATION_LABELS.get(self.relation, self.relation)

    def __repr__(self) -> str:
        return f"RequestDetail(id={self.row.id}, state={self.row.state!r})"


@dataclass(frozen=True)
class RequesterContact:
    """The requester's contact details, decrypted (a logged look)."""

    phone: str
    birth_date: dt.date | None
    address: str
    subject_phone: str

    def __repr__(self) -> str:
        return "RequesterContact(***)"


# -- stored values -------------------------------------------------------------------------------
def _enc(keys: KeyRing, value: str, column: str, uid: str) -> bytes:
    return keys.encrypt(value, TABLE, column, uid)


def _dec(keys: KeyRing, blob: bytes | None, column: str, uid: str) -> str:
    return "" if blob is None else keys.decrypt(blob, TABLE, column, uid)


def contact_of(keys: KeyRing, req: CctvRequest) -> RequesterContact:
    birth = _dec(keys, req.requester_birth_enc, "requester_birth_enc", req.uid)
    return RequesterContact(
        phone=_dec(keys, req.requester_phone_enc, "requester_phone_enc", req.uid),
        birth_date=dt.date.fromisoformat(birth) if birth else None,
        address=_dec(keys, req.requester_address_enc, "requester_address_enc", req.uid),
        subject_phone=_dec(keys, req.subject_phone_enc, "subject_phone_enc", req.uid),
    )


def row_of(req: CctvRequest, today: dt.date) -> RequestRow:
    due = effective_due(req)
    return RequestRow(
        id=req.id,
        number=request_number(req.id, req.received_at),
        kind=req.kind,
        requester=mask_name(req.requester_name),
        received_at=req.received_at,
        due=due,
        days_left=(due - today).days,
        urgency=urgency(req.state, due, today),
        state=req.state,
        footage_gone=req.footage_gone,
        cameras=tuple(c.number for c in req.cameras),
        window_start=req.window_start,
        window_end=req.window_end,
        version=req.version,
    )


def footage_days(u: Unit, req: CctvRequest, today: dt.date, retention_days: int) -> tuple[FootageDay, ...]:
    found = statuses(u, req.cameras, window_days(req.window_start, req.window_end), today, retention_days)
    return tuple(FootageDay(cam, day, st) for (cam, day), st in sorted(found.items()))


def detail_of(u: Unit, keys: KeyRing, req: CctvRequest, today: dt.date, retention_days: int) -> RequestDetail:
    phone = _dec(keys, req.requester_phone_enc, "requester_phone_enc", req.uid)
    holds = (
        u.session.execute(select(CctvHold).where(CctvHold.until_request_id == req.id).order_by(CctvHold.id))
        .scalars()
        .all()
    )
    events = SPEC.events(u, req.id)
    who = people(
        u.session,
        [
            req.received_by,
            req.id_checked_by,
            req.decided_by,
            req.closed_by,
            req.masked_by,
            *(e.actor_login for e in events),
            *(h.set_by for h in holds),
        ],
    )
    return RequestDetail(
        row=row_of(req, today),
        requester_name=req.requester_name,
        requester_phone_masked=mask_phone(phone),
        relation=req.relation,
        subject_name=req.subject_name,
        proxy_checked=req.proxy_checked,
        id_document=req.id_document,
        id_checked_by=req.id_checked_by,
        purpose=req.purpose,
        received_by=req.received_by,
        due_date=req.due_date,
        extended_due=req.extended_due,
        extension_reason=req.extension_reason,
        decision=req.decision,
        eligibility=req.eligibility,
        eligibility_note=req.eligibility_note,
        decided_at=req.decided_at,
        decided_by=req.decided_by,
        refusal_ground=req.refusal_ground,
        refusal_text=req.refusal_text,
        partial_note=req.partial_note,
        viewing_at=req.viewing_at,
        viewing_place=req.viewing_place,
        others_in_frame=req.others_in_frame,
        masking_done=req.masking_done,
        masked_by=req.masked_by,
        masked_at=req.masked_at,
        closed_at=req.closed_at,
        closed_by=req.closed_by,
        close_note=req.close_note,
        footage=footage_days(u, req, today, retention_days),
        holds=tuple(hold_info(u, h, today, who) for h in holds),
        events=SPEC.event_infos(events, who),
        next_states=next_states(req.state, req.kind),
        people=who,
    )


EXTENDABLE_KINDS = frozenset({RequestKind.VIEW, RequestKind.EXIST})  # 열람·존재확인: 법 제35조③


def next_states(state: str, kind: str) -> tuple[str, ...]:
    """What may follow ``state``: :data:`TRANSITIONS`, without the extension (연기) for a 삭제 request —
    like the other data-subject requests, only 열람 (and 존재확인, a form of it) may be postponed."""
    return tuple(
        s for s in TRANSITIONS.get(state, ()) if s != RequestState.EXTENDED or kind in EXTENDABLE_KINDS
    )


# -- validation ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Valid:
    name: str
    phone: str
    subject_name: str
    subject_phone: str
    id_document: str
    checked_by: str
    received_at: dt.datetime
    start: dt.datetime
    end: dt.datetime
    purpose: str
    address: str

    def __repr__(self) -> str:
        return "_Valid(***)"


def _phone(value: str, field: str) -> str:
    try:
        return normalise_phone(value)
    except ValidationError as exc:
        raise ValidationError(field, exc.message) from None


def _validated(data: RequestInput, actor_login: str, now: dt.datetime) -> _Valid:
    if data.kind not in KIND_LABELS:
        raise ValidationError("kind", "청구 구분(열람·존재확인·삭제)을 고르십시오.")
    check_relation(data.relation)
    name = text("requester_name", data.requester_name, "청구인 성명", limit=64)
    phone = _phone(data.requester_phone, "requester_phone")
    subject_name = text(
        "subject_name", data.subject_name, "정보주체 성명", required=data.relation != Relation.SELF, limit=64
    )
    subject_phone = _phone(data.subject_phone, "subject_phone") if data.subject_phone.strip() else ""
    check_proxy(data.relation, data.proxy_checked, noun="청구")
    id_document = identity_document(data.id_document)
    received_at = now if data.received_at is None else aware(data.received_at, "received_at")
    if received_at > now + dt.timedelta(minutes=1):
        raise ValidationError(
            "received_at", "접수 일시가 미래입니다. 실제로 청구서를 받은 일시를 입력하십시오."
        )
    start, end = check_window(data.window_start, data.window_end, now=received_at)
    if data.requester_birth is not None and data.requester_birth > kst_day(now):
        raise ValidationError("requester_birth", "생년월일이 미래입니다. 다시 확인하십시오.")
    return _Valid(
        name=name,
        phone=phone,
        subject_name=subject_name,
        subject_phone=subject_phone,
        id_document=id_document,
        checked_by=checked_by(data.id_checked_by, actor_login),
        received_at=received_at,
        start=start,
        end=end,
        purpose=reason_text("purpose", data.purpose, "청구 목적 및 사유", limit=1000),
        address=text("requester_address", data.requester_address, "주소", required=False, limit=300),
    )


# -- use cases ---------------------------------------------------------------------------------
def receive_request(ctx: AppContext, actor: Actor, data: RequestInput) -> RequestDetail:
    """Take in a request (접수): due date, the footage check and the automatic evidence hold."""
    now = clock.now()
    v = _validated(data, actor.login, now)
    today = clock.today_kst()
    retention = ctx.profile.cctv.retention_days
    keys = ctx.keys
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        cams = resolve_cameras(u.session, data.cameras)
        uid = secrets.token_hex(16)
        birth = data.requester_birth
        req = CctvRequest(
            uid=uid,
            kind=data.kind,
            requester_name=v.name,
            requester_phone_enc=_enc(keys, v.phone, "requester_phone_enc", uid),
            requester_birth_enc=_enc(keys, birth.isoformat(), "requester_birth_enc", uid) if birth else None,
            requester_address_enc=_enc(keys, v.address, "requester_address_enc", uid) if v.address else None,
            relation=data.relation,
            subject_name=v.subject_name,
            subject_phone_enc=_enc(keys, v.subject_phone, "subject_phone_enc", uid)
            if v.subject_phone
            else None,
            proxy_checked=proxy_flag(data.relation, data.proxy_checked),
            id_document=v.id_document,
            id_checked_by=v.checked_by,
            window_start=v.start,
            window_end=v.end,
            purpose=v.purpose,
            received_at=v.received_at,
            received_by=u.actor_login,
            due_date=due_date(v.received_at, ctx.profile.request_days),
            state=RequestState.RECEIVED,
            footage_gone=False,
            eligibility_note="",
            others_in_frame=False,
            masking_done=False,
        )
        req.cameras = cams
        u.session.add(req)
        u.session.flush()
        found = statuses(u, cams, window_days(req.window_start, req.window_end), today, retention)
        number = request_number(req.id, req.received_at)
        if all(s == FootageStatus.GONE for s in found.values()):
            req.footage_gone = True
            note = f"영상 없음: 보관기간({retention}일) 경과"
        else:
            place_request_hold(u, req, f"열람등 청구 {number} 처리 중 자동 보존")
            note = "자동 보존 연장"
        u.session.flush()
        add_event(u, req, "", RequestState.RECEIVED, note)
        u.session.flush()
        return detail_of(u, keys, req, today, retention)


def list_requests(
    ctx: AppContext, actor: Actor, *, open_only: bool = False, today: dt.date | None = None
) -> list[RequestRow]:
    """The request inbox: open requests by due date (most urgent first), then closed ones, newest
    first. Names are masked; the look is logged."""
    today = today or clock.today_kst()
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        stmt = select(CctvRequest)
        if open_only:
            stmt = stmt.where(CctvRequest.state.not_in(list(FINAL_STATES)))
        rows = [row_of(r, today) for r in u.session.execute(stmt).scalars()]
        u.log(Action.VIEW, subject="cctv_request:*", detail=f"inbox; rows={len(rows)}")
    return inbox_order(rows)


def get_request(
    ctx: AppContext, actor: Actor, request_id: int, *, today: dt.date | None = None
) -> RequestDetail:
    """A request with its footage status per camera and day, holds and history (a logged look)."""
    today = today or clock.today_kst()
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = load(u, request_id)
        u.log(Action.VIEW, subject=req.ref)
        return detail_of(u, ctx.keys, req, today, ctx.profile.cctv.retention_days)


def requester_contact(ctx: AppContext, actor: Actor, request_id: int, reason: str) -> RequesterContact:
    """The requester's phone, birth date and address in full, with a logged reason (마스킹 해제)."""
    reason = unmask_reason(reason)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = load(u, request_id)
        log_unmask(u, req.ref, reason)
        return contact_of(ctx.keys, req)
