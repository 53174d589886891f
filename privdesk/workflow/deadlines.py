"""A request's clock: the due date (접수일 + ``profile.request_days``, calendar days in KST — the
law counts days, not working days, and privdesk has no holiday rule), the one postponement
(연기, 법 제35조③) and the urgency the inboxes colour: overdue (red), due within
:data:`DUE_SOON_DAYS` days (amber), in time, closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from privdesk.clock import kst_day
from privdesk.errors import RuleViolationError, ValidationError

DUE_SOON_DAYS = 3


class Urgency(StrEnum):
    """For the inbox colours: overdue (red), due within 3 days (amber), in time, closed."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    IN_TIME = "in_time"
    CLOSED = "closed"


def due_date(received_at: dt.datetime, request_days: int) -> dt.date:
    """The day by which the answer or a notice is due: the receipt day (KST) + ``request_days``."""
    return kst_day(received_at) + dt.timedelta(days=request_days)


def urgency_of(due: dt.date, today: dt.date, *, closed: bool) -> Urgency:
    """Closed (off the clock), overdue, due within :data:`DUE_SOON_DAYS` days, or in time."""
    if closed:
        return Urgency.CLOSED
    left = (due - today).days
    if left < 0:
        return Urgency.OVERDUE
    return Urgency.DUE_SOON if left <= DUE_SOON_DAYS else Urgency.IN_TIME


class Dated(Protocol):
    @property
    def due_date(self) -> dt.date: ...

    @property
    def extended_due(self) -> dt.date | None: ...


def effective_due(r: Dated) -> dt.date:
    """The due date in force: the extended one when the request was postponed."""
    return r.extended_due or r.due_date


def check_extension(r: Dated, new_due: dt.date, max_days: int, *, field: str, once: str) -> dt.date:
    """A postponement's new due date checked: once only (``once`` says what to do instead), later
    than the current due date, by at most ``max_days`` days. Returns the current due date."""
    if r.extended_due is not None:
        raise RuleViolationError(f"열람은 한 번만 연기할 수 있습니다. {once}")
    due = effective_due(r)
    if new_due <= due:
        raise ValidationError(field, f"연기한 기한은 현재 기한({due.isoformat()})보다 뒤여야 합니다.")
    if (new_due - due).days > max_days:
        raise ValidationError(
            field,
            f"열람은 {max_days}일까지만 연기할 수 있습니다 "
            f"({(due + dt.timedelta(days=max_days)).isoformat()}까지).",
        )
    return due


@dataclass(frozen=True)
class OpenClock:
    """An open request's clock (its number, due date and urgency; no personal data)."""

    number: str
    due: dt.date
    urgency: Urgency


class InboxRow(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def due(self) -> dt.date: ...

    @property
    def urgency(self) -> Urgency: ...

    @property
    def received_at(self) -> dt.datetime: ...


def inbox_order[RowT: InboxRow](rows: Iterable[RowT]) -> list[RowT]:
    """The inbox order: open requests by due date (most urgent first), then closed ones, newest first."""
    rows = list(rows)
    open_rows = sorted((r for r in rows if r.urgency != Urgency.CLOSED), key=lambda r: (r.due, r.id))
    closed = sorted(
        (r for r in rows if r.urgency == Urgency.CLOSED), key=lambda r: r.received_at, reverse=True
    )
    return open_rows + closed
