"""Integrity findings and their acknowledgement (무결성 위반 발견과 확인).

When ``audit verify`` finds a problem — in the access log, its witnesses, the database's own
protections or a row proof — it records a *finding* (``integrity_events``, append-only, anchored in
the access log when the log can still be appended to). While the newest event is a finding, only the
privacy officer and the auditor may work (:meth:`privdesk.context.AppContext.unit`); everyone else
is refused with one Korean sentence. The officer investigates, then *acknowledges* the finding
with a reason (:func:`privdesk.integrity.acknowledge`): the acknowledgement lists what it covers, so
a later verify reports those problems as known instead of failing on them again.

Fingerprints (``covers``) are short strings:

- ``chain:<seq>`` — the chain's link at entry ``seq`` (the verify steps over it afterwards);
- ``head:<seq>`` — the head was re-based onto entry ``seq`` (a cut tail, a moved head);
- ``witness`` — witnesses written before the acknowledgement that disagree (after a re-based
  head, the old witnesses of the cut entries can never agree again);
- ``trigger:<name>`` — a missing or disabled append-only trigger;
- ``permit`` — rows left in the archive permit table;
- ``proof:<table>:<ref>`` — a row whose proof failed (the acknowledgement re-seals it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.audit import anchors
from privdesk.audit.witness import Witness
from privdesk.store.models import AccessLogEntry, IntegrityEvent

if TYPE_CHECKING:
    from privdesk.context import Unit

FINDING = "finding"
ACK = "ack"
ROTATING = "rotating"  # a key rotation has started: nobody works until it ends
KEY = "key"  # a key rotation ended: ``covers`` lists ``kc:<old key check>``
ROTATION_CANCELLED = "key-cancelled"
TABLE = "integrity_events"


@dataclass(frozen=True)
class Acknowledged:
    """Everything the acknowledgements so far cover."""

    chain_seqs: frozenset[int]
    witnesses_before: dt.datetime | None  # witness disagreements written before this are known
    fingerprints: frozenset[str]

    def covers(self, fingerprint: str) -> bool:
        return fingerprint in self.fingerprints


NOTHING = Acknowledged(frozenset(), None, frozenset())


def newest(session: Session) -> IntegrityEvent | None:
    return session.execute(
        select(IntegrityEvent).order_by(IntegrityEvent.id.desc()).limit(1)
    ).scalar_one_or_none()


def open_finding(session: Session) -> IntegrityEvent | None:
    """The newest integrity event when it is an unacknowledged finding (the lock), else None."""
    last = newest(session)
    return last if last is not None and last.kind == FINDING else None


def retired_key_checks(session: Session) -> frozenset[str]:
    """Key check prefixes of keys rotated away (anchored ``key`` events): a witness written under
    one of them still binds by its sequence and hash."""
    out: set[str] = set()
    for ev in session.execute(select(IntegrityEvent).where(IntegrityEvent.kind == KEY)).scalars():
        digest = anchors.DETAIL_PREFIX + anchors.digest(canonical_event(ev))
        anchored = session.execute(
            select(AccessLogEntry.seq).where(
                AccessLogEntry.subject == f"{TABLE}:{ev.id}", AccessLogEntry.detail == digest
            )
        ).first()
        if anchored is not None:
            out.update(fp[3:] for fp in _covers(ev.covers) if fp.startswith("kc:"))
    return frozenset(out)


def acknowledged(session: Session) -> Acknowledged:
    chain: set[int] = set()
    prints: set[str] = set()
    before: dt.datetime | None = None
    for ev in session.execute(
        select(IntegrityEvent).where(IntegrityEvent.kind == ACK).order_by(IntegrityEvent.id)
    ).scalars():
        for fp in _covers(ev.covers):
            prints.add(fp)
            if fp.startswith("chain:") and fp[6:].isdigit():
                chain.add(int(fp[6:]))
            if fp == "witness" and (before is None or ev.at > before):
                before = ev.at
    return Acknowledged(frozenset(chain), before, frozenset(prints))


def _covers(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    return [str(x) for x in data] if isinstance(data, list) else []


def superseded(session: Session, witness: Witness) -> bool:
    """True when an acknowledgement made after ``witness`` was written covers the witnesses and
    is anchored in the access log (an acknowledgement planted in the table is not)."""
    if witness.at is None:
        return False
    for ev in session.execute(
        select(IntegrityEvent)
        .where(IntegrityEvent.kind == ACK, IntegrityEvent.at >= witness.at)
        .order_by(IntegrityEvent.id.desc())
    ).scalars():
        if "witness" not in _covers(ev.covers):
            continue
        digest = anchors.DETAIL_PREFIX + anchors.digest(canonical_event(ev))
        anchored = session.execute(
            select(AccessLogEntry.seq).where(
                AccessLogEntry.subject == f"{TABLE}:{ev.id}", AccessLogEntry.detail == digest
            )
        ).first()
        if anchored is not None:
            return True
    return False


def supersede_witnesses(u: Unit, reason: str, head_seq: int) -> IntegrityEvent:
    """An acknowledgement made by a legitimate operation that starts the chain anew from an
    earlier head — a restore from a backup: the witnesses written before it (which saw entries the
    backup does not hold) no longer bind, and later verifications list them as known. Anchored
    in the access log in the caller's unit (so a planted one is caught)."""
    ev = add_event(u.session, ACK, u.actor_login, head_seq, [reason], ["witness", f"head:{head_seq}"], reason)
    anchors.anchor(u, "integrity", TABLE, ev.id, canonical_event(ev))
    return ev


def canonical_event(ev: IntegrityEvent) -> bytes:
    """The anchored bytes of an integrity event (see :mod:`privdesk.audit.anchors`)."""
    return anchors.canonical(
        ev.id, ev.at, ev.kind, ev.actor_login, ev.head_seq, ev.summary, ev.covers, ev.reason
    )


def add_event(
    session: Session,
    kind: str,
    actor_login: str,
    head_seq: int,
    summary: Iterable[str],
    covers: Iterable[str],
    reason: str = "",
) -> IntegrityEvent:
    ev = IntegrityEvent(
        at=clock.now(),
        kind=kind,
        actor_login=actor_login,
        head_seq=head_seq,
        summary="\n".join(summary),
        covers=json.dumps(sorted(set(covers))),
        reason=reason,
    )
    session.add(ev)
    session.flush()
    return ev


def is_open(session: Session, covers: Iterable[str]) -> bool:
    """True when the newest event is a finding of exactly these problems (no need to add another)."""
    last = open_finding(session)
    return last is not None and set(_covers(last.covers)) == set(covers)
