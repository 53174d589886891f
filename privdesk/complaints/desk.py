"""The complaints desk's use cases (개인정보 침해 신고·상담): receive, list, look, show the contact,
answer, close, and open a data-subject request or an incident from a complaint — each through the
one door (:meth:`privdesk.context.AppContext.unit`).

Who may: the privacy officer and the privacy staff handle complaints (``incident.handle``), the
auditor reads them (``incident.read``). Opening a data-subject request also needs the request
permission (``request.handle``), checked by the request's own use case.

The complainant is a registry patient (found by chart number; the name and phone stay in the
registry) or someone else, whose name and contact are encrypted (:meth:`privdesk.crypto.KeyRing.encrypt`
bound to the row's ``uid``). Lists and the detail show them masked; the full contact is a logged look
with a reason (:func:`contact`). The due date is the receipt day (KST) + ``profile.complaint_days``.

Opening a request or an incident is one step for the user, two transactions underneath: the other
domain's use case runs in its own unit (units do not nest), then the link is written here. If the
link cannot be written (the complaint was closed or linked in between), the request or incident
stays, and the error names it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.complaints.models import Complaint
from privdesk.context import Actor, AppContext, Unit
from privdesk.crypto import KeyRing
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError, VersionConflictError
from privdesk.fields import reason as no_pd_text
from privdesk.fields import text
from privdesk.incidents.api import register as incidents
from privdesk.korean import josa
from privdesk.lifecycle.api import PATIENT_FILE
from privdesk.personal import mask_name, mask_phone
from privdesk.registry.api import STATUS_DESTROYED, Patient, normalise_phone, records
from privdesk.rights.api import requests as rights
from privdesk.workflow import (
    DUE_SOON_DAYS as DUE_SOON_DAYS,  # the same clock and colours as the other inboxes
)
from privdesk.workflow import Urgency as Urgency
from privdesk.workflow import due_date as due_date
from privdesk.workflow import reception_number, urgency_of

TABLE = "complaints"


class Kind(StrEnum):
    COMPLAINT = "complaint"  # 침해 신고
    INQUIRY = "inquiry"  # 상담·문의


KIND_LABELS: dict[str, str] = {Kind.COMPLAINT: "침해 신고", Kind.INQUIRY: "상담·문의"}
CHANNELS: dict[str, str] = {"phone": "전화", "visit": "방문", "mail": "우편", "web": "홈페이지"}
OPEN, ANSWERED, CLOSED = "open", "answered", "closed"
STATE_LABELS: dict[str, str] = {OPEN: "접수", ANSWERED: "답변", CLOSED: "종결"}


# -- input and output ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ComplaintInput:
    """A complaint as received. ``chart_no`` links a registry patient; otherwise ``name`` and
    ``contact`` (a phone number or an e-mail address) are required. Naive datetimes are KST."""

    kind: str
    channel: str
    topic: str  # 요지: what it is about (no personal data)
    content: str = ""  # 내용 (encrypted)
    chart_no: str = ""
    name: str = ""
    contact: str = ""
    received_at: dt.datetime | None = None

    def __repr__(self) -> str:  # personal data stays out of reprs and tracebacks
        return f"ComplaintInput(kind={self.kind!r}, channel={self.channel!r}, chart_no={self.chart_no!r})"


@dataclass(frozen=True)
class ComplaintRow:
    """One line of the complaints list (the complainant masked)."""

    id: int
    number: str
    kind: str
    channel: str
    who: str  # masked name (홍*동), with the chart number for a patient
    topic: str
    received_at: dt.datetime
    received_by: str
    due: dt.date
    days_left: int
    urgency: Urgency
    state: str
    request_number: str | None
    incident_number: str | None
    version: int

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def links(self) -> str:
        return ", ".join(n for n in (self.request_number, self.incident_number) if n)

    def line(self) -> str:
        """One line for ``privdesk complaint list``."""
        flag = {Urgency.OVERDUE: " [기한 경과]", Urgency.DUE_SOON: " [임박]"}.get(self.urgency, "")
        links = f"\t연결 {self.links}" if self.links else ""
        return (
            f"{self.number}\t{self.kind_label}\t{self.state_label}\t{self.who}\t{self.topic}\t"
            f"접수 {clock.to_kst(self.received_at):%Y-%m-%d}\t기한 {self.due.isoformat()} "
            f"({self.days_left:+d}일){flag}{links}"
        )


@dataclass(frozen=True)
class ComplaintDetail:
    """The detail screen: the content in full (the handler works with it), the contact masked."""

    row: ComplaintRow
    patient_id: int | None
    chart_no: str | None
    name_masked: str
    contact_masked: str
    content: str
    answer: str
    answered_at: dt.datetime | None
    answered_by: str | None
    closed_at: dt.datetime | None
    closed_by: str | None
    request_id: int | None
    incident_id: int | None
    people: People = dataclasses.field(default_factory=People, compare=False)  # staff logins → names

    def who(self, login: str | None) -> str:
        """``이름(ID)`` of a staff member on the complaint (접수·답변·종결); ``""`` for none."""
        return self.people.label(login)

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def number(self) -> str:
        return self.row.number

    @property
    def state(self) -> str:
        return self.row.state

    @property
    def version(self) -> int:
        return self.row.version

    def __repr__(self) -> str:
        return f"ComplaintDetail(id={self.row.id}, state={self.row.state!r})"


@dataclass(frozen=True)
class Contact:
    """The complainant's name and contact in full (a logged look)."""

    name: str
    contact: str

    def __repr__(self) -> str:
        return "Contact(***)"


@dataclass(frozen=True)
class DueSummary:
    """For the start page: open complaints past or near their due date, most urgent first."""

    overdue: int
    due_soon: int
    open: int
    rows: tuple[ComplaintRow, ...]


# -- helpers ------------------------------------------------------------------------------------
def complaint_unit(ctx: AppContext, actor: Actor, *, write: bool = True) -> AbstractContextManager[Unit]:
    return ctx.unit(actor, Permission.INCIDENT_HANDLE if write else Permission.INCIDENT_READ)


def complaint_number(complaint_id: int, received_at: dt.datetime) -> str:
    """``CP-2026-0007`` (year of receipt in KST)."""
    return reception_number("CP", complaint_id, received_at)


def urgency(c: Complaint, today: dt.date) -> Urgency:
    """Closed or answered: off the clock; otherwise overdue, due within three days, or in time."""
    return urgency_of(c.due_date, today, closed=c.state != OPEN)


def _enc(keys: KeyRing, value: str, column: str, uid: str) -> bytes | None:
    return keys.encrypt(value, TABLE, column, uid) if value else None


def _dec(keys: KeyRing, blob: bytes | None, column: str, uid: str) -> str:
    return "" if blob is None else keys.decrypt(blob, TABLE, column, uid)


def normalise_contact(value: str) -> str:
    """A phone number (``010-1234-5678``) or an e-mail address; a Korean message otherwise."""
    value = text("contact", value, "연락처", limit=200)
    if "@" in value:
        local, _at, domain = value.partition("@")
        if not local or "." not in domain or any(ch.isspace() for ch in value):
            raise ValidationError(
                "contact", "전자우편 주소가 올바르지 않습니다. 예: hong@example.com 형식으로 입력하십시오."
            )
        return value
    try:
        return normalise_phone(value)
    except ValidationError as exc:
        raise ValidationError(
            "contact", f"연락처는 전화번호나 전자우편 주소로 입력하십시오. {exc.message}"
        ) from None


def mask_contact(value: str) -> str:
    if not value:
        return ""
    if "@" in value:
        local, _at, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return mask_phone(value)


def _patient(u: Unit, patient_id: int | None) -> Patient | None:
    return None if patient_id is None else u.session.get(Patient, patient_id)


def _numbers(u: Unit, cs: list[Complaint]) -> tuple[dict[int, str], dict[int, str]]:
    from privdesk.incidents.api import Incident
    from privdesk.rights.api import SubjectRequest

    req_ids = sorted({c.request_id for c in cs if c.request_id is not None})
    inc_ids = sorted({c.incident_id for c in cs if c.incident_id is not None})
    reqs = (
        {
            int(i): rights.request_number(int(i), at)
            for i, at in u.session.execute(
                select(SubjectRequest.id, SubjectRequest.received_at).where(SubjectRequest.id.in_(req_ids))
            )
        }
        if req_ids
        else {}
    )
    incs = (
        {
            int(i): str(n)
            for i, n in u.session.execute(
                select(Incident.id, Incident.number).where(Incident.id.in_(inc_ids))
            )
        }
        if inc_ids
        else {}
    )
    return reqs, incs


def _who(keys: KeyRing, c: Complaint, p: Patient | None) -> str:
    if p is not None:
        return f"{mask_name(p.name)} ({p.chart_no})"
    return mask_name(_dec(keys, c.name_enc, "name_enc", c.uid))


def _rows(u: Unit, keys: KeyRing, cs: list[Complaint], today: dt.date) -> list[ComplaintRow]:
    reqs, incs = _numbers(u, cs)
    pids = sorted({c.patient_id for c in cs if c.patient_id is not None})
    patients = (
        {p.id: p for p in u.session.execute(select(Patient).where(Patient.id.in_(pids))).scalars()}
        if pids
        else {}
    )
    return [
        ComplaintRow(
            id=c.id,
            number=complaint_number(c.id, c.received_at),
            kind=c.kind,
            channel=c.channel,
            who=_who(keys, c, patients.get(c.patient_id) if c.patient_id is not None else None),
            topic=c.topic,
            received_at=c.received_at,
            received_by=c.received_by,
            due=c.due_date,
            days_left=(c.due_date - today).days,
            urgency=urgency(c, today),
            state=c.state,
            request_number=reqs.get(c.request_id) if c.request_id is not None else None,
            incident_number=incs.get(c.incident_id) if c.incident_id is not None else None,
            version=c.version,
        )
        for c in cs
    ]


def _detail(u: Unit, keys: KeyRing, c: Complaint, today: dt.date) -> ComplaintDetail:
    row = _rows(u, keys, [c], today)[0]
    p = _patient(u, c.patient_id)
    if p is not None:
        name, contact = (
            p.name,
            (
                records.decrypt_phone(keys, p.uid, p.phones[0].position, p.phones[0].phone_enc)
                if p.phones
                else ""
            ),
        )
    else:
        name, contact = (
            _dec(keys, c.name_enc, "name_enc", c.uid),
            _dec(keys, c.contact_enc, "contact_enc", c.uid),
        )
    return ComplaintDetail(
        row=row,
        patient_id=c.patient_id,
        chart_no=p.chart_no if p is not None else None,
        name_masked=mask_name(name),
        contact_masked=mask_contact(contact),
        content=_dec(keys, c.content_enc, "content_enc", c.uid),
        answer=c.answer,
        answered_at=c.answered_at,
        answered_by=c.answered_by,
        closed_at=c.closed_at,
        closed_by=c.closed_by,
        request_id=c.request_id,
        incident_id=c.incident_id,
        people=people(u.session, [c.received_by, c.answered_by, c.closed_by]),
    )


def load(u: Unit, ref: str | int, *, lock: bool = False) -> Complaint:
    """A complaint by id or number (``CP-2026-0007``)."""
    raw = str(ref).strip().upper()
    cid: int | None = None
    if raw.isdigit():
        cid = int(raw)
    elif raw.startswith("CP-") and raw.rsplit("-", 1)[-1].isdigit():
        cid = int(raw.rsplit("-", 1)[-1])
    stmt = select(Complaint).where(Complaint.id == (cid if cid is not None else -1))
    if lock:
        stmt = stmt.with_for_update()
    c = u.session.execute(stmt).scalar_one_or_none()
    if c is None or (raw.startswith("CP-") and complaint_number(c.id, c.received_at) != raw):
        raise NotFoundError("개인정보 침해 신고·상담", str(ref))
    return c


def _check(c: Complaint, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != c.version:
        number = complaint_number(c.id, c.received_at)
        raise VersionConflictError(TABLE, number, expected_version, c.version)


def _ensure_open(c: Complaint) -> None:
    if c.state == CLOSED:
        raise RuleViolationError(
            f"{josa(complaint_number(c.id, c.received_at), '은/는')} 종결된 신고·상담입니다. "
            "종결한 건은 바꿀 수 없습니다."
        )


def _answer_text(value: str | None) -> str:
    return no_pd_text("answer", value, "답변 내용", limit=2000)


# -- use cases ----------------------------------------------------------------------------------
def receive(ctx: AppContext, actor: Actor, data: ComplaintInput) -> ComplaintDetail:
    """Take in a complaint or an inquiry (접수); the due date is ``profile.complaint_days`` later."""
    if data.kind not in KIND_LABELS:
        raise ValidationError("kind", "구분(침해 신고·상담·문의)을 고르십시오.")
    if data.channel not in CHANNELS:
        raise ValidationError("channel", "접수 방법(전화·방문·우편·홈페이지)을 고르십시오.")
    topic = no_pd_text("topic", data.topic, "요지", limit=200)
    content = text("content", data.content, "내용", required=False, limit=4000)
    now = clock.now()
    received_at = now if data.received_at is None else clock.aware(data.received_at, "received_at")
    if received_at > now + dt.timedelta(minutes=1):
        raise ValidationError(
            "received_at", "접수 일시가 미래입니다. 실제로 신고·상담을 받은 일시를 입력하십시오."
        )
    chart_no = data.chart_no.strip()
    name = contact = ""
    if not chart_no:
        name = text("name", data.name, "신고인 성명", limit=64)
        contact = normalise_contact(data.contact)
    keys = ctx.keys
    with complaint_unit(ctx, actor) as u:
        uid = secrets.token_hex(16)
        patient_id: int | None = None
        subject_ref = f"external:{uid[:16]}"
        if chart_no:
            p = u.session.execute(select(Patient).where(Patient.chart_no == chart_no)).scalar_one_or_none()
            if p is None or p.status == STATUS_DESTROYED:
                raise ValidationError(
                    "chart_no",
                    f"차트번호 {chart_no}인 환자가 명부에 없습니다. 차트번호를 확인하거나, "
                    "환자가 아니면 차트번호를 비우고 성명과 연락처를 입력하십시오.",
                )
            patient_id, subject_ref = p.id, p.ref
        c = Complaint(
            uid=uid,
            kind=data.kind,
            channel=data.channel,
            subject_ref=subject_ref,
            patient_id=patient_id,
            name_enc=_enc(keys, name, "name_enc", uid),
            contact_enc=_enc(keys, contact, "contact_enc", uid),
            topic=topic,
            content_enc=_enc(keys, content, "content_enc", uid),
            received_at=received_at,
            received_by=u.actor_login,
            due_date=due_date(received_at, ctx.profile.complaint_days),
            state=OPEN,
            answer="",
        )
        u.session.add(c)
        u.session.flush()
        u.log(
            Action.CREATE,
            c.ref,
            detail=f"{complaint_number(c.id, received_at)}; {CHANNELS[data.channel]}"
            + (f"; {subject_ref}" if patient_id is not None else ""),
        )
        return _detail(u, keys, c, clock.today_kst())


def list_complaints(
    ctx: AppContext, actor: Actor, *, open_only: bool = False, today: dt.date | None = None
) -> list[ComplaintRow]:
    """Open complaints by due date (most urgent first), then answered and closed ones, newest
    first. Names are masked; the look is logged."""
    today = today or clock.today_kst()
    with complaint_unit(ctx, actor, write=False) as u:
        stmt = select(Complaint)
        if open_only:
            stmt = stmt.where(Complaint.state != CLOSED)
        rows = _rows(u, ctx.keys, list(u.session.execute(stmt).scalars()), today)
        u.log(Action.VIEW, subject="complaint:*", detail=f"list; rows={len(rows)}")
    waiting = sorted((r for r in rows if r.urgency != Urgency.CLOSED), key=lambda r: (r.due, r.id))
    done = sorted((r for r in rows if r.urgency == Urgency.CLOSED), key=lambda r: r.received_at, reverse=True)
    return waiting + done


def get_complaint(
    ctx: AppContext, actor: Actor, ref: str | int, *, today: dt.date | None = None
) -> ComplaintDetail:
    """A complaint in detail (a logged look; the contact stays masked)."""
    with complaint_unit(ctx, actor, write=False) as u:
        c = load(u, ref)
        u.log(Action.VIEW, c.ref)
        return _detail(u, ctx.keys, c, today or clock.today_kst())


def contact(ctx: AppContext, actor: Actor, ref: str | int, reason: str) -> Contact:
    """The complainant's name and contact in full, with a logged reason (마스킹 해제)."""
    reason = require(reason, "마스킹 해제 사유")
    keys = ctx.keys
    with complaint_unit(ctx, actor, write=False) as u:
        c = load(u, ref)
        p = _patient(u, c.patient_id)
        if p is not None:
            phone = (
                records.decrypt_phone(keys, p.uid, p.phones[0].position, p.phones[0].phone_enc)
                if p.phones
                else ""
            )
            out = Contact(p.name, phone)
            u.log(Action.UNMASK, subject=p.ref, detail=with_reason(f"via {c.ref}", reason))
        else:
            out = Contact(
                _dec(keys, c.name_enc, "name_enc", c.uid), _dec(keys, c.contact_enc, "contact_enc", c.uid)
            )
        u.log(Action.UNMASK, subject=c.ref, detail=with_reason(None, reason))
        return out


def answer(
    ctx: AppContext, actor: Actor, ref: str | int, answer_text: str, *, expected_version: int | None = None
) -> ComplaintDetail:
    """Record the answer given (답변); it may be revised until the complaint is closed."""
    body = _answer_text(answer_text)
    with complaint_unit(ctx, actor) as u:
        c = load(u, ref, lock=True)
        _check(c, expected_version)
        _ensure_open(c)
        c.answer, c.answered_at, c.answered_by, c.state = body, clock.now(), u.actor_login, ANSWERED
        u.session.flush()
        u.log(Action.UPDATE, c.ref, detail="answer")
        return _detail(u, ctx.keys, c, clock.today_kst())


def close(
    ctx: AppContext,
    actor: Actor,
    ref: str | int,
    answer_text: str | None = None,
    *,
    expected_version: int | None = None,
) -> ComplaintDetail:
    """Close (종결): the answer is required — given here or recorded before."""
    body = _answer_text(answer_text) if answer_text and answer_text.strip() else None
    with complaint_unit(ctx, actor) as u:
        c = load(u, ref, lock=True)
        _check(c, expected_version)
        _ensure_open(c)
        now = clock.now()
        if body is not None:
            c.answer, c.answered_at, c.answered_by = body, now, u.actor_login
        if not c.answer:
            raise ValidationError(
                "answer", "답변 내용을 입력하십시오. 신고·상담은 답변을 기록해야 종결할 수 있습니다."
            )
        c.state, c.closed_at, c.closed_by = CLOSED, now, u.actor_login
        u.session.flush()
        u.log(Action.UPDATE, c.ref, detail="closed")
        return _detail(u, ctx.keys, c, clock.today_kst())


def due_summary(ctx: AppContext, actor: Actor, *, today: dt.date | None = None) -> DueSummary:
    """For the start page: counts, and the overdue and due-soon complaints (masked). Not an
    access-log entry when nothing is due (dates only); the rows shown are logged."""
    today = today or clock.today_kst()
    with complaint_unit(ctx, actor, write=False) as u:
        cs = list(
            u.session.execute(
                select(Complaint).where(Complaint.state == OPEN).order_by(Complaint.due_date, Complaint.id)
            ).scalars()
        )
        urgent = [c for c in cs if urgency(c, today) in (Urgency.OVERDUE, Urgency.DUE_SOON)]
        rows = _rows(u, ctx.keys, urgent, today)
        if rows:
            u.log(Action.VIEW, subject="complaint:*", detail=f"start page; rows={len(rows)}")
    kinds = [r.urgency for r in rows]
    return DueSummary(kinds.count(Urgency.OVERDUE), kinds.count(Urgency.DUE_SOON), len(cs), tuple(rows))


def _before_link(ctx: AppContext, actor: Actor, ref: str | int, attr: str) -> Complaint:
    with complaint_unit(ctx, actor) as u:
        c = load(u, ref)
        _ensure_open(c)
        if getattr(c, attr) is not None:
            what = "정보주체 요구" if attr == "request_id" else "유출 사고"
            raise RuleViolationError(
                f"{complaint_number(c.id, c.received_at)}에서 이미 {what}를 열었습니다. 연결된 건을 여십시오."
            )
        u.session.expunge(c)
        return c


def _link(
    ctx: AppContext, actor: Actor, complaint_id: int, attr: str, target_id: int, target_number: str
) -> None:
    with complaint_unit(ctx, actor) as u:
        c = load(u, complaint_id, lock=True)
        if c.state == CLOSED or getattr(c, attr) is not None:
            raise RuleViolationError(
                f"{josa(target_number, '은/는')} 만들었지만 {complaint_number(c.id, c.received_at)}에 연결하지 "
                "못했습니다: 그 사이에 종결되었거나 다른 건이 연결되었습니다."
            )
        setattr(c, attr, target_id)
        u.session.flush()
        u.log(Action.UPDATE, c.ref, detail=f"linked {target_number}")


def open_request(ctx: AppContext, actor: Actor, ref: str | int, data: rights.RequestInput) -> ComplaintDetail:
    """Take in a data-subject request from this complaint (정보주체 요구로 접수) and keep the link. For
    a registry patient's complaint the request is on that patient (the patient record file)."""
    c = _before_link(ctx, actor, ref, "request_id")
    if c.patient_id is not None:
        data = dataclasses.replace(data, patient_id=c.patient_id, file_code=PATIENT_FILE)
    data = dataclasses.replace(
        data,
        received_at=data.received_at or c.received_at,
        channel=data.channel if data.channel in rights.CHANNELS else "visit",
    )
    req = rights.receive_request(ctx, actor, data)
    _link(ctx, actor, c.id, "request_id", req.id, req.number)
    return get_complaint(ctx, actor, c.id)


def open_incident(
    ctx: AppContext, actor: Actor, ref: str | int, data: incidents.IncidentInput
) -> ComplaintDetail:
    """Register an incident from this complaint (유출 사고로 등록) and keep the link; the reporter
    defaults to the complaint's number."""
    c = _before_link(ctx, actor, ref, "incident_id")
    number = complaint_number(c.id, c.received_at)
    if not data.reporter.strip():
        data = dataclasses.replace(data, reporter=f"개인정보 침해 신고 {number}")
    inc = incidents.open_incident(ctx, actor, data)
    _link(ctx, actor, c.id, "incident_id", inc.id, inc.number)
    return get_complaint(ctx, actor, c.id)


def linked_to(
    ctx: AppContext, actor: Actor, *, request_id: int | None = None, incident_id: int | None = None
) -> list[str]:
    """The numbers of the complaints that opened this request or incident (the link seen from the
    other side); empty for whoever may not read complaints."""
    if not actor.may(Permission.INCIDENT_READ):
        return []
    with complaint_unit(ctx, actor, write=False) as u:
        stmt = select(Complaint.id, Complaint.received_at)
        if request_id is not None:
            stmt = stmt.where(Complaint.request_id == request_id)
        elif incident_id is not None:
            stmt = stmt.where(Complaint.incident_id == incident_id)
        else:
            return []
        return [complaint_number(int(i), at) for i, at in u.session.execute(stmt.order_by(Complaint.id))]
