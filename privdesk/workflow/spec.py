"""One kind of request as the workflow sees it (:class:`RequestSpec`): its table and event table,
its number prefix, its states. The kind's module builds one spec and keeps only what is its own
(states, notices, forms, tables); loading with a lock, the checked state change, the history and the
start screen's open clocks are the same code for every kind. Contact unmasking's common part (the
reason checked, then logged with the look) is :func:`unmask_reason` and :func:`log_unmask`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from sqlalchemy import FromClause, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.people import People
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Unit
from privdesk.errors import NotFoundError, RuleViolationError
from privdesk.korean import particle
from privdesk.store import check_version
from privdesk.workflow.deadlines import OpenClock, Urgency, urgency_of


class RequestRecord(Protocol):
    """A request row (``subject_requests``, ``cctv_requests``) as the workflow reads it."""

    __table__: ClassVar[FromClause]
    version: int
    state: str

    @property
    def __tablename__(self) -> str: ...

    @property
    def id(self) -> int: ...

    @property
    def ref(self) -> str: ...

    @property
    def received_at(self) -> dt.datetime: ...

    @property
    def due_date(self) -> dt.date: ...

    @property
    def extended_due(self) -> dt.date | None: ...


class EventRecord(Protocol):
    """A row of a request's history (append-only: who changed the state, when, with what note)."""

    __table__: ClassVar[FromClause]
    request_id: int
    at: dt.datetime
    actor_login: str
    from_state: str
    to_state: str
    note: str


@dataclass(frozen=True)
class EventInfo:
    """One line of a request's history, as the detail screens show it."""

    at: dt.datetime
    actor_login: str
    from_state: str
    to_state: str
    note: str
    actor_label: str = ""  # 처리자 as people read it: 이름(ID)


def reception_number(prefix: str, request_id: int, received_at: dt.datetime) -> str:
    """``<prefix>-<year of receipt in KST>-<id, 4 digits>``: DR-2026-0007, CR-2026-0012."""
    return f"{prefix}-{clock.to_kst(received_at).year}-{request_id:04d}"


@dataclass(frozen=True)
class RequestSpec[R: RequestRecord]:
    """One kind of request: ``prefix`` of its reception number (DR, CR), ``title`` as errors name it
    (정보주체 요구, 열람등 청구), ``noun`` (요구, 청구), its tables and its state machine (the states
    without a successor are final, the others open)."""

    prefix: str
    title: str
    noun: str
    model: type[R]
    event_model: type[EventRecord]
    transitions: Mapping[str, tuple[str, ...]]
    state_labels: Mapping[str, str]
    final_states: frozenset[str] = field(init=False)
    open_states: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        final = frozenset(s for s, nxt in self.transitions.items() if not nxt)
        object.__setattr__(self, "final_states", final)
        object.__setattr__(self, "open_states", frozenset(self.transitions) - final)

    # -- numbers and clocks ----------------------------------------------------------------------
    def number(self, request_id: int, received_at: dt.datetime) -> str:
        """A request's reception number (접수번호): ``DR-2026-0007`` (the year of receipt in KST)."""
        return reception_number(self.prefix, request_id, received_at)

    def urgency(self, state: str, due: dt.date, today: dt.date) -> Urgency:
        return urgency_of(due, today, closed=state in self.final_states)

    def open_clocks(self, session: Session, today: dt.date) -> list[OpenClock]:
        """The open requests' clocks, most urgent first (indexed on the state; read in the caller's
        transaction, for the start screen — :mod:`privdesk.today`). No personal data is read."""
        c = self.model.__table__.c
        rows = session.execute(
            select(c.id, c.received_at, c.state, c.due_date, c.extended_due).where(
                c.state.in_(sorted(self.open_states))
            )
        ).all()
        out = [
            OpenClock(self.number(rid, at), extended or due, self.urgency(state, extended or due, today))
            for rid, at, state, due, extended in rows
        ]
        return sorted(out, key=lambda k: (k.due, k.number))

    # -- the record and its history --------------------------------------------------------------
    def load(self, u: Unit, request_id: int, *, lock: bool = False) -> R:
        r = u.session.get(self.model, request_id, with_for_update=lock, populate_existing=lock)
        if r is None:
            raise NotFoundError(self.title, str(request_id))
        return r

    def open(self, u: Unit, request_id: int, expected_version: int | None) -> R:
        """The request locked for a change, refused when the user's copy is stale."""
        r = self.load(u, request_id, lock=True)
        check_version(r, expected_version, r.ref)
        return r

    def check_move(self, r: R, to: str) -> None:
        if to not in self.transitions.get(r.state, ()):
            raise RuleViolationError(
                f"'{self.state_labels.get(r.state, r.state)}' 상태의 {self.noun}는 "
                f"'{self.state_labels.get(to, to)}'{particle(self.state_labels.get(to, to), '으로/로')} 처리할 수 없습니다."
            )

    def move(self, u: Unit, r: R, to: str, note: str = "") -> None:
        """A checked state change, written to the history and the access log."""
        self.check_move(r, to)
        before = r.state
        r.state = to
        u.session.flush()
        self.add_event(u, r, before, to, note)

    def add_event(self, u: Unit, r: R, from_state: str, to_state: str, note: str = "") -> None:
        """Record a state change in the request's history and in the access log."""
        e = self.event_model()
        e.request_id, e.at, e.actor_login = r.id, clock.now(), u.actor_login
        e.from_state, e.to_state, e.note = from_state, to_state, note
        u.session.add(e)
        u.log(
            Action.UPDATE if from_state else Action.CREATE,
            subject=r.ref,
            detail=f"{from_state or '-'}→{to_state}",
        )

    def events(self, u: Unit, request_id: int) -> list[EventRecord]:
        c = self.event_model.__table__.c
        return list(
            u.session.execute(
                select(self.event_model).where(c.request_id == request_id).order_by(c.id)
            ).scalars()
        )

    @staticmethod
    def event_infos(events: Sequence[EventRecord], who: People) -> tuple[EventInfo, ...]:
        return tuple(
            EventInfo(e.at, e.actor_login, e.from_state, e.to_state, e.note, who.label(e.actor_login))
            for e in events
        )


# -- contact unmasking (마스킹 해제) ------------------------------------------------------------
def unmask_reason(reason: str) -> str:
    """The unmasking reason, checked before any unit opens (empty or holding personal data: refused)."""
    return require(reason, "마스킹 해제 사유")


def log_unmask(u: Unit, subject: str, reason: str, detail: str | None = None) -> None:
    """The look at the full contact details, logged with its reason in the one form the review reads."""
    u.log(Action.UNMASK, subject=subject, detail=with_reason(detail, reason))
