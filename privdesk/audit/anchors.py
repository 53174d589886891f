"""Ledger anchors (대장 위·변조 방지): tie each row of a ledger to the hash-chained access log.

A ledger (the CCTV 관리대장, later the destruction ledger) writes, for every row it inserts, an
access-log entry in the SAME transaction::

    u.log(action, subject=f"{table}:{id}", detail=f"sha256={digest of the row's canonical bytes}")

The access log is itself chain-verified (:mod:`privdesk.audit.verify`), so its anchors cannot be
changed unnoticed; :func:`verify_anchored` then checks the ledger against them:

- a row whose digest differs from its anchor was altered (변조);
- an anchor whose row is missing means the row was deleted (삭제);
- a row without any anchor was inserted behind privdesk's back (삽입).

Rows are given as ``(id, canonical_bytes)``; build the bytes with :func:`canonical` from every
column that matters, in a fixed order. When old access-log entries have been archived (a checkpoint
exists), rows older than the oldest anchor still in the log are counted as archived, not inserted:
their anchors are in the signed archive file. If the same row is anchored twice (a ledger that
re-anchors after a permitted change), the latest anchor counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.store.models import AccessLogEntry, AuditCheckpoint

if TYPE_CHECKING:  # the unit is only named here (privdesk.context imports this module)
    from privdesk.context import Unit

ALTERED = "변조"
DELETED = "삭제"
INSERTED = "삽입"

DETAIL_PREFIX = "sha256="
_DETAIL_RE = re.compile(r"^sha256=([0-9a-f]{64})$")

Scalar = str | int | bool | dt.datetime | dt.date | None


@dataclass(frozen=True)
class AnchorProblem:
    """One ledger row that does not match the access log."""

    table: str
    row_id: int
    problem: str  # 변조 / 삭제 / 삽입

    @property
    def message(self) -> str:
        """One Korean sentence for the user."""
        what = {
            ALTERED: "내용이 접속기록에 남은 값과 다릅니다(변조)",
            DELETED: "접속기록에는 있는데 대장에서 사라졌습니다(삭제)",
            INSERTED: "접속기록에 없는 행이 대장에 들어 있습니다(삽입)",
        }[self.problem]
        return f"{self.table} {self.row_id}번 행: {what}."


def _plain(value: Scalar) -> str | int | bool | None:
    if isinstance(value, dt.datetime):
        return clock.iso_utc(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical(*fields: Scalar) -> bytes:
    """A row's canonical bytes: the fields as a compact JSON array (unambiguous whatever the text
    holds; datetimes as UTC ISO text, dates as ``YYYY-MM-DD``)."""
    return json.dumps([_plain(f) for f in fields], ensure_ascii=False, separators=(",", ":")).encode()


def digest(canonical_bytes: bytes) -> str:
    return hashlib.sha256(canonical_bytes).hexdigest()


def subject(table: str, row_id: int) -> str:
    return f"{table}:{row_id}"


def anchor(u: Unit, action: str, table: str, row_id: int, canonical_bytes: bytes) -> str:
    """Queue the anchor entry for a ledger row in the unit's transaction; returns the digest."""
    hexdigest = digest(canonical_bytes)
    u.log(action, subject=subject(table, row_id), detail=DETAIL_PREFIX + hexdigest)
    return hexdigest


def anchors_of(session: Session, table: str) -> dict[int, str]:
    """``row id -> digest`` of the latest anchor of every row of ``table`` still in the access log.
    A range on ``subject`` uses the ``(subject, seq)`` index."""
    low, high = f"{table}:", f"{table};"  # ';' sorts right after ':'
    rows = session.execute(
        select(AccessLogEntry.subject, AccessLogEntry.detail)
        .where(AccessLogEntry.subject >= low, AccessLogEntry.subject < high)
        .order_by(AccessLogEntry.seq)
    )
    found: dict[int, str] = {}
    for subj, detail in rows:
        m = _DETAIL_RE.match(detail or "")
        tail = (subj or "")[len(low) :]
        if m and tail.isdigit():
            found[int(tail)] = m.group(1)
    return found


def verify_anchored(
    session: Session, table_name: str, rows: Iterable[tuple[int, bytes]]
) -> list[AnchorProblem]:
    """Check every ``(id, canonical_bytes)`` row of ``table_name`` against its access-log anchor.
    Returns the problems in row order (empty when the ledger is intact)."""
    anchors = anchors_of(session, table_name)
    archived = session.execute(select(func.max(AuditCheckpoint.upto_seq))).scalar() is not None
    oldest_anchored = min(anchors) if anchors else None
    problems: list[AnchorProblem] = []
    seen: set[int] = set()
    for row_id, data in rows:
        seen.add(row_id)
        expected = anchors.get(row_id)
        if expected is None:
            if archived and row_id >= 1 and (oldest_anchored is None or row_id < oldest_anchored):
                continue  # anchored in an archived part of the access log
            problems.append(AnchorProblem(table_name, row_id, INSERTED))
        elif digest(data) != expected:
            problems.append(AnchorProblem(table_name, row_id, ALTERED))
    problems += [AnchorProblem(table_name, row_id, DELETED) for row_id in anchors if row_id not in seen]
    return sorted(problems, key=lambda p: p.row_id)
