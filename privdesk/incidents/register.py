"""The breach register's use cases (유출 등 사고 대장): open, edit, look, list, mark a notice sent,
close — each through the one door (:meth:`privdesk.context.AppContext.unit`).

Who may: the privacy officer and the privacy staff act (``incident.handle``), the auditor reads
(``incident.read``); closing is the officer's approval (``incident.approve``). Every change is a
row of ``incident_events`` anchored in the access log (:mod:`privdesk.audit.anchors`), as is every
notice marked sent; ``audit verify`` checks both (:func:`verify_ledger_in`).

Free text (경위, 최초 조치, 원인, 재발 방지 조치, 보고자) follows the rule for reasons and notes: no
resident number, phone or card number in it (:func:`privdesk.fields.reason`) — the register and its
history are records that cannot be changed, and they are printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import Permission
from privdesk.audit import anchors
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError, VersionConflictError
from privdesk.fields import reason as free_text
from privdesk.incidents import rules
from privdesk.incidents.models import (
    Incident,
    IncidentEvent,
    IncidentNotice,
    IncidentSubject,
)
from privdesk.incidents.rules import Channel, Duty, DutyState, Facts, Kind, SentNotice, Urgency
from privdesk.korean import josa
from privdesk.store import counters

EVENTS = "incident_events"
NOTICES = "incident_notices"
OPEN = "open"
CLOSED = "closed"
STATE_LABELS = {OPEN: "대응 중", CLOSED: "종결"}
SOURCE_LABELS = {
    "charts": "차트번호 목록",
    "export": "내보내기 기록",
    "account": "계정의 접근 기록",
    "cctv": "CCTV 열람 청구",
    "query": "명부 조회",
}
CHANGE_LABELS = {
    "open": "등록",
    "edit": "수정",
    "affect": "정보주체 추가",
    "unaffect": "정보주체 제외",
    "notice": "통지·신고",
    "print": "출력",
    "export": "내보내기",
    "close": "종결",
}
TEXT_LIMIT = 2000
SKEW = dt.timedelta(minutes=5)  # a workstation clock a little ahead is not "in the future"


# -- input ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IncidentInput:
    """An incident as reported. Datetimes: aware, or naive in Korea Standard Time (what was typed)."""

    learnt_at: dt.datetime
    kind: str
    summary: str
    reporter: str = ""
    happened_at: dt.datetime | None = None
    files: Sequence[str] | str = ()
    items: Sequence[str] | str = ()
    containment: str = ""
    outside_access: bool = False


@dataclass(frozen=True)
class IncidentEdit:
    """Fields to change (None: unchanged)."""

    happened_at: dt.datetime | None = None
    clear_happened_at: bool = False
    reporter: str | None = None
    kind: str | None = None
    summary: str | None = None
    files: Sequence[str] | str | None = None
    items: Sequence[str] | str | None = None
    containment: str | None = None
    outside_access: bool | None = None


# -- output --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NoticeInfo:
    id: int
    duty: str
    channel: str
    sent_at: dt.datetime
    people: int
    note: str
    recorded_by: str

    @property
    def channel_label(self) -> str:
        return rules.CHANNEL_LABELS.get(self.channel, self.channel)


@dataclass(frozen=True)
class EventInfo:
    at: dt.datetime
    actor_login: str
    change: str
    detail: str
    actor_label: str = ""  # 처리자 as people read it: 이름(ID)

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS.get(self.change, self.change)


@dataclass(frozen=True)
class IncidentRow:
    """One incident in the register's list, with its duties."""

    id: int
    number: str
    kind: str
    learnt_at: dt.datetime
    happened_at: dt.datetime | None
    state: str
    affected: int
    summary: str
    notify: DutyState
    report: DutyState
    version: int

    @property
    def kind_label(self) -> str:
        return rules.KIND_LABELS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def duties(self) -> tuple[DutyState, DutyState]:
        return self.notify, self.report

    def urgency(self, now: dt.datetime) -> Urgency:
        return rules.worst(self.duties, now)

    def line(self, now: dt.datetime) -> str:
        """One line for ``privdesk incident list``."""
        mark = {Urgency.LATE: "[기한 경과] ", Urgency.SOON: "[임박] "}.get(self.urgency(now), "")
        duties = "; ".join(f"{d.label} {d.status(now)}" for d in self.duties if d.applies)
        return (
            f"{mark}{self.number}  {self.state_label}  {self.kind_label}  인지 {clock.fmt_datetime(self.learnt_at)}"
            f"  정보주체 {self.affected:,}명  {duties}"
        )


@dataclass(frozen=True)
class IncidentDetail:
    row: IncidentRow
    reporter: str
    summary: str
    files: tuple[str, ...]
    items: tuple[str, ...]
    containment: str
    outside_access: bool
    opened_at: dt.datetime
    opened_by: str
    cause: str
    measures: str
    closed_at: dt.datetime | None
    closed_by: str | None
    by_source: dict[str, int] = field(default_factory=dict)
    registry_people: int = 0
    notices: tuple[NoticeInfo, ...] = ()
    events: tuple[EventInfo, ...] = ()
    people: People = field(default_factory=People, compare=False)  # its staff logins → names

    def who(self, login: str | None) -> str:
        """``이름(ID)`` of a staff member on the incident (등록자, 종결 승인자, 처리자)."""
        return self.people.label(login)

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def number(self) -> str:
        return self.row.number


# -- helpers -------------------------------------------------------------------------------------
def incident_unit(ctx: AppContext, actor: Actor, *, write: bool = True) -> AbstractContextManager[Unit]:
    return ctx.unit(actor, Permission.INCIDENT_HANDLE if write else Permission.INCIDENT_READ)


def kind_of(value: str) -> str:
    try:
        return str(Kind(value.strip()))
    except ValueError:
        names = ", ".join(f"{k}({label})" for k, label in rules.KIND_LABELS.items())
        raise ValidationError("kind", f"사고 유형을 고르십시오: {names}") from None


def load(u: Unit, ref: str | int, *, lock: bool = False) -> Incident:
    """An incident by its number (``INC-2026-0001``) or id."""
    stmt = select(Incident)
    if isinstance(ref, int) or str(ref).strip().isdigit():
        stmt = stmt.where(Incident.id == int(ref))
    else:
        stmt = stmt.where(Incident.number == str(ref).strip().upper())
    if lock:
        stmt = stmt.with_for_update()
    inc = u.session.execute(stmt).scalar_one_or_none()
    if inc is None:
        raise NotFoundError("유출 사고", str(ref))
    return inc


def check_version(inc: Incident, expected: int | None) -> None:
    if expected is not None and expected != inc.version:
        raise VersionConflictError("incidents", inc.number, expected, inc.version)


def ensure_open(inc: Incident) -> None:
    if inc.state != OPEN:
        raise RuleViolationError(
            f"{josa(inc.number, '은/는')} 종결된 사고입니다. 종결한 사고는 바꿀 수 없습니다."
        )


def canonical_event(e: IncidentEvent) -> bytes:
    return anchors.canonical(e.id, e.incident_id, e.at, e.actor_login, e.change, e.detail)


def canonical_notice(n: IncidentNotice) -> bytes:
    return anchors.canonical(
        n.id, n.incident_id, n.duty, n.channel, n.sent_at, n.people, n.note, n.recorded_at, n.recorded_by
    )


def record_event(
    u: Unit, inc: Incident, change: str, detail: str, *, at: dt.datetime | None = None
) -> IncidentEvent:
    """A row of the incident's history, anchored in the access log in the same transaction."""
    e = IncidentEvent(
        incident_id=inc.id, at=at or clock.now(), actor_login=u.actor_login, change=change, detail=detail
    )
    u.session.add(e)
    u.session.flush()
    anchors.anchor(u, Action.UPDATE if change != "open" else Action.CREATE, EVENTS, e.id, canonical_event(e))
    return e


def _next_number(session: Session, year: int) -> str:
    """The next INC-YYYY-NNNN, from the shared record counters (:mod:`privdesk.store.counters`)."""
    return rules.incident_number(year, counters.next_number(session, rules.INCIDENT_KIND, year))


def _when(value: dt.datetime | None, field_name: str, label: str) -> dt.datetime | None:
    if value is None:
        return None
    at = clock.aware(value)
    if at > clock.now() + SKEW:
        raise ValidationError(
            field_name, f"{josa(label, '이/가')} 미래입니다. 한국 시간으로 다시 입력하십시오."
        )
    return at


def _texts(
    field_name: str, value: str | None, label: str, *, required: bool = False, limit: int = TEXT_LIMIT
) -> str:
    return free_text(field_name, value, label, required=required, limit=limit)


def _items(value: Sequence[str] | str) -> str:
    items = rules.split_list(value)
    for i in items:
        free_text("items", i, "유출 항목", limit=40)
    return ", ".join(items)


def _files(ctx: AppContext, value: Sequence[str] | str) -> str:
    codes = rules.split_list(value)
    known = {f.code: f.name for f in ctx.profile.files}
    unknown = [c for c in codes if c not in known]
    if unknown:
        names = ", ".join(f"{c}({n})" for c, n in known.items())
        raise ValidationError(
            "files", f"알 수 없는 개인정보파일입니다: {', '.join(unknown)}. 고를 수 있는 파일: {names}"
        )
    return ",".join(codes)


def facts_of(session: Session, inc: Incident) -> tuple[Facts, dict[str, int], int]:
    """The facts that decide the duties, the affected people by source, and how many of them are
    registry patients."""
    rows = session.execute(
        select(IncidentSubject.source, func.count(), func.count(IncidentSubject.patient_id))
        .where(IncidentSubject.incident_id == inc.id)
        .group_by(IncidentSubject.source)
    ).all()
    by_source = {str(s): int(n) for s, n, _p in rows}
    registry = sum(int(p) for _s, _n, p in rows)
    facts = Facts(
        learnt_at=inc.learnt_at,
        kind=inc.kind,
        affected=sum(by_source.values()),
        items=rules.split_list(inc.items),
        files=rules.split_list(inc.files),
        outside_access=inc.outside_access,
        registry_people=registry,
    )
    return facts, by_source, registry


def _sent(session: Session, incident_ids: Sequence[int]) -> dict[int, list[IncidentNotice]]:
    out: dict[int, list[IncidentNotice]] = {i: [] for i in incident_ids}
    if incident_ids:
        for n in session.execute(
            select(IncidentNotice)
            .where(IncidentNotice.incident_id.in_(list(incident_ids)))
            .order_by(IncidentNotice.sent_at, IncidentNotice.id)
        ).scalars():
            out[n.incident_id].append(n)
    return out


def _row(inc: Incident, facts: Facts, notices: Sequence[IncidentNotice]) -> IncidentRow:
    sent = [SentNotice(n.duty, n.channel, n.sent_at, n.people) for n in notices]
    notify, report = rules.duties(facts, sent)
    first = inc.summary.splitlines()[0] if inc.summary else ""
    return IncidentRow(
        id=inc.id,
        number=inc.number,
        kind=inc.kind,
        learnt_at=inc.learnt_at,
        happened_at=inc.happened_at,
        state=inc.state,
        affected=facts.affected,
        summary=first,
        notify=notify,
        report=report,
        version=inc.version,
    )


def detail_of(session: Session, inc: Incident) -> IncidentDetail:
    facts, by_source, registry = facts_of(session, inc)
    notices = _sent(session, [inc.id])[inc.id]
    events = (
        session.execute(
            select(IncidentEvent).where(IncidentEvent.incident_id == inc.id).order_by(IncidentEvent.id)
        )
        .scalars()
        .all()
    )
    who = people(session, [inc.opened_by, inc.closed_by, *(e.actor_login for e in events)])
    return IncidentDetail(
        row=_row(inc, facts, notices),
        reporter=inc.reporter,
        summary=inc.summary,
        files=rules.split_list(inc.files),
        items=rules.split_list(inc.items),
        containment=inc.containment,
        outside_access=inc.outside_access,
        opened_at=inc.opened_at,
        opened_by=inc.opened_by,
        cause=inc.cause,
        measures=inc.measures,
        closed_at=inc.closed_at,
        closed_by=inc.closed_by,
        by_source=by_source,
        registry_people=registry,
        notices=tuple(
            NoticeInfo(n.id, n.duty, n.channel, n.sent_at, n.people, n.note, n.recorded_by) for n in notices
        ),
        events=tuple(
            EventInfo(e.at, e.actor_login, e.change, e.detail, who.label(e.actor_login)) for e in events
        ),
        people=who,
    )


def duty_summary(row: IncidentRow) -> str:
    """``통지 의무; 신고 의무(1,000명 이상, 민감·고유식별정보)`` for the history and the CLI."""
    parts = ["통지 의무"]
    if row.report.applies:
        parts.append("신고 의무(" + "; ".join(r.split(" (")[0] for r in row.report.reasons) + ")")
    else:
        parts.append("신고 의무 없음")
    return ", ".join(parts)


# -- use cases -----------------------------------------------------------------------------------
def open_incident(ctx: AppContext, actor: Actor, data: IncidentInput) -> IncidentDetail:
    """Register an incident (사고 등록); its number comes from the year's counter."""
    kind = kind_of(data.kind)
    learnt = _when(data.learnt_at, "learnt_at", "인지 일시")
    assert learnt is not None
    happened = _when(data.happened_at, "happened_at", "발생 일시")
    if happened is not None and happened > learnt:
        raise ValidationError("happened_at", "발생 일시가 인지 일시보다 늦습니다. 두 일시를 확인하십시오.")
    summary = _texts("summary", data.summary, "사고 경위", required=True)
    reporter = _texts("reporter", data.reporter, "최초 보고자(부서·이름)", limit=200)
    containment = _texts("containment", data.containment, "최초 대응조치")
    items = _items(data.items)
    files = _files(ctx, data.files)
    with incident_unit(ctx, actor) as u:
        now = clock.now()
        number = _next_number(u.session, clock.to_kst(learnt).year)
        inc = Incident(
            number=number,
            happened_at=happened,
            learnt_at=learnt,
            reporter=reporter,
            kind=kind,
            summary=summary,
            files=files,
            items=items,
            containment=containment,
            outside_access=bool(data.outside_access or kind == Kind.ATTACK),
            state=OPEN,
            opened_at=now,
            opened_by=u.actor_login,
            cause="",
            measures="",
        )
        u.session.add(inc)
        u.session.flush()
        u.log(Action.CREATE, inc.ref, detail=number)
        record_event(
            u, inc, "open", f"{number} 등록: {rules.KIND_LABELS[kind]}, 인지 {clock.fmt_datetime(learnt)}"
        )
        return detail_of(u.session, inc)


def update_incident(
    ctx: AppContext, actor: Actor, ref: str | int, edit: IncidentEdit, *, expected_version: int | None = None
) -> IncidentDetail:
    """Change the facts of an open incident; the history names what changed."""
    with incident_unit(ctx, actor) as u:
        inc = load(u, ref, lock=True)
        check_version(inc, expected_version)
        ensure_open(inc)
        changed: list[str] = []
        if edit.clear_happened_at and inc.happened_at is not None:
            inc.happened_at = None
            changed.append("발생 일시: 미상")
        elif edit.happened_at is not None:
            at = _when(edit.happened_at, "happened_at", "발생 일시")
            assert at is not None
            if at > inc.learnt_at:
                raise ValidationError(
                    "happened_at", "발생 일시가 인지 일시보다 늦습니다. 두 일시를 확인하십시오."
                )
            if at != inc.happened_at:
                inc.happened_at = at
                changed.append(f"발생 일시: {clock.fmt_datetime(at)}")
        if edit.kind is not None and kind_of(edit.kind) != inc.kind:
            inc.kind = kind_of(edit.kind)
            changed.append(f"유형: {rules.KIND_LABELS[inc.kind]}")
        for attr, value, label, limit in (
            ("reporter", edit.reporter, "최초 보고자", 200),
            ("summary", edit.summary, "사고 경위", TEXT_LIMIT),
            ("containment", edit.containment, "최초 대응조치", TEXT_LIMIT),
        ):
            if value is not None:
                new = _texts(attr, value, label, required=attr == "summary", limit=limit)
                if new != getattr(inc, attr):
                    setattr(inc, attr, new)
                    changed.append(f"{label} 변경")
        if edit.items is not None and _items(edit.items) != inc.items:
            inc.items = _items(edit.items)
            changed.append(f"유출 항목: {inc.items or '없음'}")
        if edit.files is not None and _files(ctx, edit.files) != inc.files:
            inc.files = _files(ctx, edit.files)
            changed.append(f"개인정보파일: {inc.files or '없음'}")
        outside = edit.outside_access
        if inc.kind == Kind.ATTACK:
            outside = True
        if outside is not None and outside != inc.outside_access:
            inc.outside_access = outside
            changed.append("외부 불법 접근: " + ("예" if outside else "아니오"))
        if not changed:
            return detail_of(u.session, inc)
        u.session.flush()
        u.log(Action.UPDATE, inc.ref, detail=inc.number)
        d = detail_of(u.session, inc)
        record_event(u, inc, "edit", "; ".join(changed) + f" → {duty_summary(d.row)}")
        return detail_of(u.session, inc)


def get_incident(ctx: AppContext, actor: Actor, ref: str | int) -> IncidentDetail:
    with incident_unit(ctx, actor, write=False) as u:
        inc = load(u, ref)
        u.log(Action.VIEW, inc.ref, detail=inc.number)
        return detail_of(u.session, inc)


def list_incidents(
    ctx: AppContext, actor: Actor, *, open_only: bool = False, year: int | None = None
) -> list[IncidentRow]:
    """The register, the most urgent first for open incidents (then by learnt-at, newest first)."""
    with incident_unit(ctx, actor, write=False) as u:
        rows = rows_of(u.session, open_only=open_only, year=year)
        u.log(
            Action.SEARCH,
            "incidents",
            detail=f"open_only={open_only}; year={year or '-'}; results={len(rows)}",
        )
    now = clock.now()
    order = {Urgency.LATE: 0, Urgency.SOON: 1, Urgency.IN_TIME: 2, Urgency.DONE: 3, Urgency.NOT_APPLICABLE: 4}
    return sorted(
        rows,
        key=lambda r: (
            r.state != OPEN,
            order[r.urgency(now)] if r.state == OPEN else 9,
            -r.learnt_at.timestamp(),
        ),
    )


def rows_of(session: Session, *, open_only: bool = False, year: int | None = None) -> list[IncidentRow]:
    stmt = select(Incident).order_by(Incident.learnt_at.desc(), Incident.id.desc())
    if open_only:
        stmt = stmt.where(Incident.state == OPEN)
    if year is not None:
        stmt = stmt.where(Incident.number.like(f"INC-{int(year)}-%"))
    incs = session.execute(stmt).scalars().all()
    sent = _sent(session, [i.id for i in incs])
    return [_row(i, facts_of(session, i)[0], sent[i.id]) for i in incs]


@dataclass(frozen=True)
class ClockSummary:
    """For the start page: the open incidents, most urgent first."""

    rows: tuple[IncidentRow, ...]
    now: dt.datetime

    @property
    def urgency(self) -> Urgency:
        return rules.worst([d for r in self.rows for d in r.duties], self.now)


def clock_summary(ctx: AppContext, actor: Actor) -> ClockSummary:
    """The open incidents and their clocks (read-only; not logged: no personal data)."""
    with ctx.unit(actor, Permission.INCIDENT_READ, read_only=True) as u:
        rows = rows_of(u.session, open_only=True)
    now = clock.now()
    order = {Urgency.LATE: 0, Urgency.SOON: 1, Urgency.IN_TIME: 2, Urgency.DONE: 3, Urgency.NOT_APPLICABLE: 4}
    return ClockSummary(tuple(sorted(rows, key=lambda r: (order[r.urgency(now)], r.learnt_at))), now)


def mark_sent(
    ctx: AppContext,
    actor: Actor,
    ref: str | int,
    *,
    duty: str,
    channel: str,
    sent_at: dt.datetime | None = None,
    people: int = 0,
    note: str = "",
) -> IncidentDetail:
    """Record a notice as sent (통지·신고 완료 기록): the duty, the channel, when, how many people
    it reached (통지). The clock of a duty stops when it is done (:func:`privdesk.incidents.rules.duties`)."""
    try:
        duty_v = Duty(duty)
    except ValueError:
        raise ValidationError(
            "duty", "무엇을 했는지 고르십시오: notify(정보주체 통지), report(신고)"
        ) from None
    allowed = rules.NOTIFY_CHANNELS if duty_v == Duty.NOTIFY else rules.REPORT_CHANNELS
    if channel not in allowed:
        names = ", ".join(f"{c.value}({rules.CHANNEL_LABELS[c]})" for c in allowed)
        raise ValidationError("channel", f"{rules.DUTY_LABELS[duty_v]}의 방법을 고르십시오: {names}")
    at = _when(sent_at or clock.now(), "sent_at", "보낸 일시")
    assert at is not None
    note = _texts("note", note, "메모", limit=500)
    if people < 0:
        raise ValidationError("people", "통지한 인원은 0 이상이어야 합니다.")
    with incident_unit(ctx, actor) as u:
        inc = load(u, ref, lock=True)
        ensure_open(inc)
        if at < inc.learnt_at:
            raise ValidationError("sent_at", "보낸 일시가 인지 일시보다 이릅니다. 일시를 확인하십시오.")
        facts, _s, _r = facts_of(u.session, inc)
        if duty_v == Duty.NOTIFY and channel != Channel.HOMEPAGE:
            if not facts.affected:
                raise RuleViolationError(
                    "아직 정보주체를 정하지 않았습니다. 먼저 유출된 정보주체를 추가하십시오."
                )
            if people <= 0:
                raise ValidationError("people", "이 방법으로 통지한 인원을 입력하십시오.")
        n = IncidentNotice(
            incident_id=inc.id,
            duty=duty_v.value,
            channel=channel,
            sent_at=at,
            people=people,
            note=note,
            recorded_at=clock.now(),
            recorded_by=u.actor_login,
        )
        u.session.add(n)
        u.session.flush()
        anchors.anchor(u, Action.CREATE, NOTICES, n.id, canonical_notice(n))
        what = f"{rules.DUTY_LABELS[duty_v]} — {rules.CHANNEL_LABELS[Channel(channel)]}, {clock.fmt_datetime(at)}"
        if people:
            what += f", {people:,}명"
        d = detail_of(u.session, inc)
        state = d.row.notify if duty_v == Duty.NOTIFY else d.row.report
        late = state.late_by(clock.now()) if state.done else None
        if state.done:
            what += " — 완료" + (f" (기한 {rules.hours_text(late)} 지남)" if late else " (기한 안)")
        record_event(u, inc, "notice", what)
        return detail_of(u.session, inc)


def close_incident(
    ctx: AppContext,
    actor: Actor,
    ref: str | int,
    *,
    cause: str,
    measures: str,
    expected_version: int | None = None,
) -> IncidentDetail:
    """Close an incident (종결): the cause and the measures are required, the officer approves
    (``incident.approve``), and every duty that applies must be done."""
    cause = _texts("cause", cause, "사고 원인", required=True)
    measures = _texts("measures", measures, "재발 방지 등 조치", required=True)
    with ctx.unit(actor, Permission.INCIDENT_APPROVE) as u:
        inc = load(u, ref, lock=True)
        check_version(inc, expected_version)
        ensure_open(inc)
        d = detail_of(u.session, inc)
        if not d.row.affected:
            raise RuleViolationError(
                f"{inc.number}: 정보주체를 정하지 않은 사고는 종결할 수 없습니다. 유출된 정보주체를 "
                "추가하십시오."
            )
        undone = [s.label for s in d.row.duties if s.applies and not s.done]
        if undone:
            raise RuleViolationError(
                f"{inc.number}: {josa(', '.join(undone), '을/를')} 마치지 않았습니다. 보낸 통지·신고를 기록한 뒤 "
                "종결하십시오."
            )
        now = clock.now()
        inc.cause, inc.measures, inc.state, inc.closed_at, inc.closed_by = (
            cause,
            measures,
            CLOSED,
            now,
            u.actor_login,
        )
        u.session.flush()
        u.log(Action.UPDATE, inc.ref, detail=f"{inc.number}; closed")
        record_event(u, inc, "close", "종결 승인 (원인·재발 방지 조치 기록)")
        return detail_of(u.session, inc)


def verify_ledger_in(session: Session) -> list[anchors.AnchorProblem]:
    """The history and the notices against their access-log anchors (for ``audit verify``)."""
    events = session.execute(select(IncidentEvent).order_by(IncidentEvent.id)).scalars()
    problems = anchors.verify_anchored(session, EVENTS, ((e.id, canonical_event(e)) for e in events))
    notices = session.execute(select(IncidentNotice).order_by(IncidentNotice.id)).scalars()
    return problems + anchors.verify_anchored(
        session, NOTICES, ((n.id, canonical_notice(n)) for n in notices)
    )


def verify_ledger(ctx: AppContext, actor: Actor) -> list[anchors.AnchorProblem]:
    """Verify the register's history (유출 사고 대장 위·변조 검증); the check is logged."""
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        problems = verify_ledger_in(u.session)
        u.log(Action.VERIFY, "incidents", detail=f"problems={len(problems)}")
        return problems
