"""Reading the access log (접속기록 조회·내보내기) for the viewer, the CLI and the monthly review.

:func:`page` gives the newest entries first with keyset pagination on ``seq``: each further page
asks for entries below the last ``seq`` it has, so a log of millions of entries opens and scrolls
without ``OFFSET`` scans. Equality filters use the ``(actor, seq)``, ``(action, seq)`` and
``(subject, seq)`` indexes; periods are inclusive dates in Korea Standard Time compared with the
fixed-width UTC text in ``at``.

Looking at the log is itself logged: one ``view`` entry per opening (the first page), one
``export`` entry per export, with the filter described. This module reads entries as stored;
screens, the CSV and printed records show them in words through :mod:`privdesk.logview`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit import batches
from privdesk.audit.actions import ACTION_LABELS as ACTION_LABELS  # re-exported for the screens and the CLI
from privdesk.audit.actions import CATEGORIES as CATEGORIES
from privdesk.audit.actions import OUTCOME_LABELS as OUTCOME_LABELS
from privdesk.audit.actions import Action as Action
from privdesk.audit.actions import Outcome as Outcome
from privdesk.audit.actions import categories as categories
from privdesk.audit.actions import category_actions as category_actions
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import ValidationError
from privdesk.store.models import AccessLogEntry

SUBJECT = "access_log"
SUBJECT_LABEL = "접속기록"
MAX_PAGE = 1000


@dataclass(frozen=True)
class LogFilter:
    """What the viewer filters on; ``since``/``until`` are inclusive dates in KST.

    ``actors`` (logins a person filter resolved to), ``subjects`` (internal references a patient
    filter resolved to — never the typed name) and ``category`` (a kind of action,
    :data:`CATEGORIES`) narrow further; an empty tuple is no filter."""

    actor: str | None = None
    action: str | None = None
    subject: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    actors: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    category: str | None = None

    def describe(self) -> str:
        """The filter in words, for the log entry of a view or an export (no personal data:
        accounts are logins, subjects internal references)."""
        parts = []
        if self.actor:
            parts.append(f"계정={self.actor}")
        if self.actors:
            parts.append(f"계정={'|'.join(self.actors)}")
        if self.action:
            parts.append(f"수행업무={self.action}")
        if self.category:
            parts.append(f"분류={self.category}")
        if self.subject:
            parts.append(f"대상={self.subject}")
        if self.subjects:
            parts.append(f"대상={'|'.join(self.subjects)}")
        if self.since or self.until:
            parts.append(f"기간={clock.fmt_date(self.since)}~{clock.fmt_date(self.until)}")
        return ", ".join(parts) if parts else "전체"


@dataclass(frozen=True)
class LogRow:
    seq: int
    at: dt.datetime  # aware, UTC
    actor: str
    workstation: str
    ip: str
    action: str
    subject: str | None
    search_kind: str | None
    outcome: str
    detail: str | None


def actions() -> list[tuple[str, str]]:
    """(code, Korean label) for every action, in the enum's order, for the filter combo."""
    return [(str(a), ACTION_LABELS.get(a, str(a))) for a in Action]


def action_label(code: str) -> str:
    try:
        return ACTION_LABELS.get(Action(code), code)
    except ValueError:
        return code


def kst_start(day: dt.date) -> str:
    """``at`` text of 00:00 KST on ``day`` (the log stores UTC text of fixed width)."""
    return clock.iso_utc(dt.datetime.combine(day, dt.time(0), clock.KST))


def _conditions(flt: LogFilter) -> list[ColumnElement[bool]]:
    t = AccessLogEntry
    cond: list[ColumnElement[bool]] = []
    if flt.since and flt.until and flt.since > flt.until:
        raise ValidationError("until", "기간의 끝 날짜가 시작 날짜보다 앞섭니다. 기간을 다시 지정하십시오.")
    if flt.actor:
        cond.append(t.actor == flt.actor)
    if flt.actors:
        cond.append(t.actor.in_(flt.actors))
    if flt.action:
        cond.append(t.action == flt.action)
    if flt.category:
        cond.append(t.action.in_(sorted(category_actions(flt.category))))
    if flt.subject:
        listed = batches.mentions(t.subject, t.detail, (flt.subject,))
        cond.append(t.subject == flt.subject if listed is None else or_(t.subject == flt.subject, listed))
    if flt.subjects:
        listed = batches.mentions(t.subject, t.detail, flt.subjects)  # an import's batch entries
        cond.append(
            t.subject.in_(flt.subjects) if listed is None else or_(t.subject.in_(flt.subjects), listed)
        )
    if flt.since:
        cond.append(t.at >= kst_start(flt.since))
    if flt.until:
        cond.append(t.at < kst_start(flt.until + dt.timedelta(days=1)))
    return cond


def select_entries(flt: LogFilter) -> Select[*tuple[Any, ...]]:
    t = AccessLogEntry
    return select(
        t.seq, t.at, t.actor, t.workstation, t.ip, t.action, t.subject, t.search_kind, t.outcome, t.detail
    ).where(*_conditions(flt))


def row_of(r: Any) -> LogRow:
    return LogRow(int(r[0]), dt.datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])


def fetch(u: Unit, flt: LogFilter, *, before_seq: int | None = None, limit: int = 200) -> list[LogRow]:
    """One keyset page inside the caller's unit (which checked AUDIT_READ); the first page
    (``before_seq is None``) logs one ``view`` of the access log."""
    limit = max(1, min(limit, MAX_PAGE))
    stmt = select_entries(flt)
    if before_seq is not None:
        stmt = stmt.where(AccessLogEntry.seq < before_seq)
    stmt = stmt.order_by(AccessLogEntry.seq.desc()).limit(limit)
    rows = [row_of(r) for r in u.session.execute(stmt)]
    if before_seq is None:
        u.log(Action.VIEW, SUBJECT, detail=flt.describe())
    return rows


def page(
    ctx: AppContext, actor: Actor, flt: LogFilter, *, before_seq: int | None = None, limit: int = 200
) -> list[LogRow]:
    """Newest entries first matching ``flt``, as stored; pass the last row's ``seq`` as
    ``before_seq`` for the next page. The first page logs one ``view`` of the access log.
    Screens and printed records use :func:`privdesk.logview.page` (the same, in words)."""
    with ctx.unit(actor, Permission.AUDIT_READ) as u:
        return fetch(u, flt, before_seq=before_seq, limit=limit)
