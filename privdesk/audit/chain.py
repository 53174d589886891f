"""The hash-chained access log (접속기록): entry format and the append under the chain-head lock.

Each entry's hash is ``SHA-256(prev_hash || canonical(entry))``. ``canonical`` joins the fields
with the ASCII unit separator; control characters are stripped from free text first, so the
encoding is unambiguous. The chain head (``audit_head``, one row) carries the last sequence number
and hash, signed with a key derived from the key file, so a truncated tail is detected too.

Appends are serialised: on SQLite every transaction starts with ``BEGIN IMMEDIATE`` (see
:mod:`privdesk.store.engine`); on PostgreSQL the head row is read ``FOR UPDATE``. Entries are
collected during a use case and appended at its end, so the lock is held only briefly.

Never sign what has not been checked: before appending, :func:`head_problem` checks the head's
signature, that it names the last entry (no entry behind it, its hash is that entry's hash) and
that this workstation's latest witness (:mod:`privdesk.audit.witness`) is still in the chain. A
head that fails is never re-signed: :class:`~privdesk.errors.LogTamperedError` is raised and the
caller's transaction rolls back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.audit.actions import Action as Action  # re-exported: the chain's entry types
from privdesk.audit.actions import Outcome as Outcome
from privdesk.audit.witness import Witness
from privdesk.crypto import KeyRing
from privdesk.errors import LogTamperedError
from privdesk.store.models import AuditHead, Base

GENESIS = b"\x00" * 32
_LOG = Base.metadata.tables["access_log"]
_HEAD = Base.metadata.tables["audit_head"]
_CHECKPOINTS = Base.metadata.tables["audit_checkpoints"]
SEP = "\x1f"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class PendingEntry:
    """An entry waiting for its place in the chain. Never carries personal data itself:
    ``subject`` is an internal reference (``patient:123``, ``acct:4``), ``search_kind`` names the
    kind of key searched (``rrn``, ``phone_last4``), never its value."""

    actor: str
    action: str
    subject: str | None = None
    search_kind: str | None = None
    outcome: str = Outcome.OK
    detail: str | None = None


@dataclass(frozen=True)
class Workstation:
    host: str
    ip: str


def clean(text: str | None, limit: int = 500) -> str | None:
    if text is None:
        return None
    return _CONTROL.sub(" ", text)[:limit]


def canonical(
    seq: int,
    at: str,
    actor: str,
    workstation: str,
    ip: str,
    action: str,
    subject: str | None,
    search_kind: str | None,
    outcome: str,
    detail: str | None,
) -> bytes:
    return SEP.join(
        (
            str(seq),
            at,
            actor,
            workstation,
            ip,
            action,
            subject or "",
            search_kind or "",
            outcome,
            detail or "",
        )
    ).encode()


def entry_hash(prev_hash: bytes, content: bytes) -> bytes:
    return hashlib.sha256(prev_hash + content).digest()


def head_message(seq: int, last_hash: bytes) -> bytes:
    return b"privdesk-audit-head\x1f" + str(seq).encode() + b"\x1f" + last_hash


def checkpoint_message(
    upto_seq: int, last_hash: bytes, entries: int, archive_name: str, archive_sha256: str
) -> bytes:
    """What a checkpoint's signature covers (보관 체크포인트): every field but its id and time."""
    return SEP.join(
        (
            "privdesk-audit-checkpoint",
            str(upto_seq),
            last_hash.hex(),
            str(entries),
            archive_name,
            archive_sha256,
        )
    ).encode()


def init_head(session: Session, keys: KeyRing) -> None:
    session.add(AuditHead(id=1, seq=0, hash=GENESIS, signature=keys.sign(head_message(0, GENESIS))))
    session.flush()


def lock_head(session: Session) -> AuditHead:
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        raise RuntimeError("access log chain head missing: database not initialised")
    return head


def _blob(value: object) -> bytes | None:
    return bytes(value) if isinstance(value, (bytes, bytearray, memoryview)) else None


def _archived_at(session: Session, seq: int, digest: bytes) -> bool:
    """True when ``seq`` is the end of an archived part whose checkpoint carries ``digest``."""
    row = session.execute(select(_CHECKPOINTS.c.last_hash).where(_CHECKPOINTS.c.upto_seq == seq)).first()
    return row is not None and _blob(row[0]) == digest


def _archived_upto(session: Session) -> int:
    top = session.execute(
        select(_CHECKPOINTS.c.upto_seq).order_by(_CHECKPOINTS.c.upto_seq.desc()).limit(1)
    ).first()
    return int(top[0]) if top is not None else 0


def head_problem(
    session: Session, keys: KeyRing, head: Sequence[object] | None, witness: Witness | None = None
) -> str | None:
    """Why the head ``(seq, hash, signature)`` must not be signed again, or None when it checks
    out: its signature, that it names the last entry, and this workstation's latest witness."""
    problem = _head_problem(session, keys, head)
    if problem is None and witness is not None and head is not None:
        problem = witness_problem(session, keys, int(head[0]), witness)  # type: ignore[call-overload]
    return problem


def _head_problem(session: Session, keys: KeyRing, head: Sequence[object] | None) -> str | None:
    if head is None:
        return "체인 헤드(마지막 기록 정보)가 없습니다"
    try:
        seq = int(head[0])  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "체인 헤드의 번호가 올바르지 않습니다"
    digest, signature = _blob(head[1]), _blob(head[2])
    if digest is None or signature is None or not keys.verify_signature(head_message(seq, digest), signature):
        return "체인 헤드(마지막 기록 정보)의 서명이 맞지 않습니다"
    rows = session.execute(
        select(_LOG.c.seq, _LOG.c.hash).where(_LOG.c.seq >= seq).order_by(_LOG.c.seq).limit(2)
    ).all()
    at_head = [r for r in rows if r[0] == seq]
    behind = [r for r in rows if r[0] != seq]
    if behind:
        return f"체인 헤드({seq}번) 뒤에 체인에 없는 기록이 있습니다"
    if seq > 0 and not at_head:
        if not _archived_at(session, seq, digest):
            return f"체인 헤드가 가리키는 {seq}번 기록이 없습니다"
    elif at_head and _blob(at_head[0][1]) != digest:
        return f"체인 헤드가 {seq}번 기록과 맞지 않습니다"
    return None


def witness_problem(
    session: Session, keys: KeyRing, seq: int, witness: Witness, retired: frozenset[str] = frozenset()
) -> str | None:
    """Why the chain whose head is at ``seq`` disagrees with this workstation's latest witness.
    ``retired``: key checks of keys rotated away (a witness made under one of them still binds)."""
    if (
        witness.key_check
        and not keys.check_value.hex().startswith(witness.key_check)
        and witness.key_check not in retired
    ):
        return "키가 바뀌었습니다: 이 PC의 증인이 본 키와 다른 키로 서명되어 있습니다"
    if witness.seq > seq:
        return (
            f"접속기록이 {seq}번에서 끝나는데 이 PC의 증인은 {witness.seq}번 기록까지 보았습니다"
            " (마지막 기록들이 삭제되고 체인 헤드가 옮겨졌습니다)"
        )
    if witness.seq == 0:
        return None
    row = session.execute(select(_LOG.c.hash).where(_LOG.c.seq == witness.seq)).first()
    if row is None:
        if witness.seq <= _archived_upto(session):
            return None
        return f"이 PC의 증인이 본 {witness.seq}번 기록이 없습니다"
    found = _blob(row[0])
    if found is None or not witness.matches(found):
        return f"{witness.seq}번 기록의 해시가 이 PC의 증인과 다릅니다 (기록이 바뀐 뒤 해시가 다시 계산되었습니다)"
    return None


def read_head(session: Session) -> Sequence[object] | None:
    """The head row ``(seq, hash, signature)``, locked for the rest of the transaction."""
    row = session.execute(
        select(_HEAD.c.seq, _HEAD.c.hash, _HEAD.c.signature).where(_HEAD.c.id == 1).with_for_update()
    ).one_or_none()
    return tuple(row) if row is not None else None


def append(
    session: Session,
    keys: KeyRing,
    station: Workstation,
    entries: Sequence[PendingEntry],
    *,
    at: dt.datetime | None = None,
    witness: Witness | None = None,
) -> int:
    """Append ``entries`` to the chain inside the caller's transaction. Returns the last seq.

    ``at`` overrides the time written into the entries (tests and data migrations only); the
    default is the current time. ``witness`` is this workstation's latest witness of the head."""
    if not entries:
        return -1
    return append_head(session, keys, station, entries, at=at, witness=witness)[0]


def append_head(
    session: Session,
    keys: KeyRing,
    station: Workstation,
    entries: Sequence[PendingEntry],
    *,
    at: dt.datetime | None = None,
    witness: Witness | None = None,
    retired: frozenset[str] = frozenset(),
) -> tuple[int, bytes]:
    """:func:`append`, returning the new head ``(seq, hash)``. Raises
    :class:`~privdesk.errors.LogTamperedError` when the current head does not check out."""
    # Core statements on the tables (not the ORM entities): the append runs in every use case,
    # and the ORM's per-statement work was most of its cost.
    head = read_head(session)
    problem = _head_problem(session, keys, head)
    if problem is not None:
        raise LogTamperedError(problem)
    assert head is not None
    if witness is not None:
        problem = witness_problem(session, keys, int(head[0]), witness, retired)  # type: ignore[call-overload]
        if problem is not None:
            raise LogTamperedError(problem, from_witness=True)
    seq, prev = int(head[0]), bytes(head[1])  # type: ignore[call-overload]
    if not entries:
        return seq, prev
    stamp = clock.iso_utc(at if at is not None else clock.now())
    host, ip = clean(station.host, 128) or "", clean(station.ip, 64) or ""
    rows = []
    for e in entries:
        seq += 1
        actor = clean(e.actor, 64) or "?"
        subject = clean(e.subject, 128)
        search_kind = clean(e.search_kind, 32)
        detail = clean(e.detail)
        h = entry_hash(
            prev, canonical(seq, stamp, actor, host, ip, e.action, subject, search_kind, e.outcome, detail)
        )
        rows.append(
            {
                "seq": seq,
                "at": stamp,
                "actor": actor,
                "workstation": host,
                "ip": ip,
                "action": str(e.action),
                "subject": subject,
                "search_kind": search_kind,
                "outcome": str(e.outcome),
                "detail": detail,
                "prev_hash": prev,
                "hash": h,
            }
        )
        prev = h
    session.execute(insert(_LOG), rows)
    session.execute(
        update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(seq=seq, hash=prev, signature=keys.sign(head_message(seq, prev)))
    )
    loaded = session.identity_map.get(Session.identity_key(AuditHead, 1))
    if loaded is not None:  # a head loaded through the ORM (lock_head) must not go stale
        session.expire(loaded)
    return seq, prev
