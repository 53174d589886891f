"""The hash-chained access log (접속기록): entry format and the append under the chain-head lock.

Each entry's hash is ``SHA-256(prev_hash || canonical(entry))``. ``canonical`` joins the fields
with the ASCII unit separator; control characters are stripped from free text first, so the
encoding is unambiguous. The chain head (``audit_head``, one row) carries the last sequence number
and hash, signed with a key derived from the key file, so a truncated tail is detected too.

Appends are serialised: on SQLite every transaction starts with ``BEGIN IMMEDIATE`` (see
:mod:`privdesk.store.engine`); on PostgreSQL the head row is read ``FOR UPDATE``. Entries are
collected during a use case and appended at its end, so the lock is held only briefly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.crypto import KeyRing
from privdesk.store.models import AuditHead, Base

GENESIS = b"\x00" * 32
_LOG = Base.metadata.tables["access_log"]
_HEAD = Base.metadata.tables["audit_head"]
SEP = "\x1f"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Action(StrEnum):
    """What happened (수행업무). Views, searches and changes of personal data, and account events."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK = "lock"                  # account locked (failures or by an administrator)
    UNLOCK = "unlock"
    IDLE_LOCK = "idle_lock"        # the GUI covered itself after inactivity
    PASSWORD_CHANGE = "password_change"
    PASSWORD_RESET = "password_reset"
    ACCOUNT_CREATE = "account_create"
    ACCOUNT_UPDATE = "account_update"
    ROLE_CHANGE = "role_change"
    PERMISSION_DENIED = "permission_denied"
    VIEW = "view"
    SEARCH = "search"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    PRINT = "print"
    EXPORT = "export"
    IMPORT = "import"
    UNMASK = "unmask"
    VERIFY = "verify"
    ARCHIVE = "archive"
    INIT = "init"
    SYSTEM = "system"


class Outcome(StrEnum):
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


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


def canonical(seq: int, at: str, actor: str, workstation: str, ip: str, action: str,
              subject: str | None, search_kind: str | None, outcome: str, detail: str | None) -> bytes:
    return SEP.join((str(seq), at, actor, workstation, ip, action, subject or "", search_kind or "",
                     outcome, detail or "")).encode()


def entry_hash(prev_hash: bytes, content: bytes) -> bytes:
    return hashlib.sha256(prev_hash + content).digest()


def head_message(seq: int, last_hash: bytes) -> bytes:
    return b"privdesk-audit-head\x1f" + str(seq).encode() + b"\x1f" + last_hash


def checkpoint_message(upto_seq: int, last_hash: bytes, entries: int, archive_name: str,
                       archive_sha256: str) -> bytes:
    """What a checkpoint's signature covers (보관 체크포인트): every field but its id and time."""
    return SEP.join(("privdesk-audit-checkpoint", str(upto_seq), last_hash.hex(), str(entries),
                     archive_name, archive_sha256)).encode()


def init_head(session: Session, keys: KeyRing) -> None:
    session.add(AuditHead(id=1, seq=0, hash=GENESIS, signature=keys.sign(head_message(0, GENESIS))))
    session.flush()


def lock_head(session: Session) -> AuditHead:
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        raise RuntimeError("access log chain head missing: database not initialised")
    return head


def append(session: Session, keys: KeyRing, station: Workstation, entries: Sequence[PendingEntry],
           *, at: dt.datetime | None = None) -> int:
    """Append ``entries`` to the chain inside the caller's transaction. Returns the last seq.

    ``at`` overrides the time written into the entries (tests and data migrations only); the
    default is the current time."""
    if not entries:
        return -1
    # Core statements on the tables (not the ORM entities): the append runs in every use case,
    # and the ORM's per-statement work was most of its cost.
    head = session.execute(
        select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1).with_for_update()
    ).one_or_none()
    if head is None:
        raise RuntimeError("access log chain head missing: database not initialised")
    seq, prev = int(head.seq), bytes(head.hash)
    stamp = clock.iso_utc(at if at is not None else clock.now())
    host, ip = clean(station.host, 128) or "", clean(station.ip, 64) or ""
    rows = []
    for e in entries:
        seq += 1
        actor = clean(e.actor, 64) or "?"
        subject = clean(e.subject, 128)
        search_kind = clean(e.search_kind, 32)
        detail = clean(e.detail)
        h = entry_hash(prev, canonical(seq, stamp, actor, host, ip, e.action, subject, search_kind,
                                       e.outcome, detail))
        rows.append({"seq": seq, "at": stamp, "actor": actor, "workstation": host, "ip": ip,
                     "action": str(e.action), "subject": subject, "search_kind": search_kind,
                     "outcome": str(e.outcome), "detail": detail, "prev_hash": prev, "hash": h})
        prev = h
    session.execute(insert(_LOG), rows)
    session.execute(update(_HEAD).where(_HEAD.c.id == 1)
                    .values(seq=seq, hash=prev, signature=keys.sign(head_message(seq, prev))))
    loaded = session.identity_map.get(Session.identity_key(AuditHead, 1))
    if loaded is not None:  # a head loaded through the ORM (lock_head) must not go stale
        session.expire(loaded)
    return seq
