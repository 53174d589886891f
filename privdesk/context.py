"""The application context and the one door every use case goes through.

:class:`AppContext` holds what is built once in ``main()``: settings, the engine, the key ring,
the workstation identity. :meth:`AppContext.unit` opens a transaction for one use case: it reloads
the acting account, checks the permission (a refusal is logged and raised as
:class:`~privdesk.errors.PermissionDeniedError`), collects access-log entries and appends them to
the hash chain just before the commit, in the same transaction as the work.

The unit also keeps the evidence honest (:mod:`privdesk.audit.witness`,
:mod:`privdesk.audit.findings`): it refuses everyone but the privacy officer and the auditor
while an integrity finding is open; the append checks the head before signing a new one
(:func:`privdesk.audit.chain.head_problem`); after the commit — when the head is durable — it
writes the head to this workstation's witness file at logins, sign-offs and every
``security.witness_every`` entries. When the head is damaged, the officer's and the auditor's
read-only investigation still works: its entries are held in the witness file instead.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import socket
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from privdesk import clock, proofs
from privdesk.accounts.permissions import AUDITOR, OFFICER, Permission, label
from privdesk.audit.chain import (
    Action,
    Outcome,
    PendingEntry,
    Workstation,
    append_head,
    head_problem,
    read_head,
)
from privdesk.audit.findings import FINDING, ROTATING, newest, retired_key_checks, superseded
from privdesk.audit.witness import WitnessBook, location_of, short_form
from privdesk.crypto import KeyRing, PasswordHashParams
from privdesk.errors import (
    AccountLockedError,
    AuthenticationError,
    IntegrityLockedError,
    KeyRotationError,
    LogTamperedError,
    NotInitializedError,
    PasswordChangeRequiredError,
    PermissionDeniedError,
    RecordIntegrityError,
    VersionConflictError,
)
from privdesk.profile import HospitalProfile, profile_from_dict
from privdesk.settings import BackupSettings, Settings
from privdesk.store import counters
from privdesk.store.engine import READ_ONLY, wrote_since
from privdesk.store.models import Account, Meta, RolePermission

META_KEY_CHECK = "key_check"
META_PROFILE = "profile"
META_DATABASE_ID = "database_id"
META_DEMO = "demo"  # present only in a database made by ``privdesk demo`` (견본): written once at set-up
META_RESTORE_PENDING = "restore_pending"  # a restore from a backup that has not finished (privdesk.restore)
SYSTEM_ACTOR = "system"
INVESTIGATORS = frozenset({OFFICER, AUDITOR})


def detect_workstation() -> Workstation:
    """Host name and the address this machine uses on the network (no packet is sent)."""
    host = socket.gethostname() or "unknown"
    ip = "127.0.0.1"
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            ip = s.getsockname()[0]
    except OSError:
        with suppress(OSError):
            ip = socket.gethostbyname(host)
    return Workstation(host=host, ip=ip)


@dataclass(frozen=True)
class Actor:
    """Who acts: a logged-in account (a snapshot for display; every use case re-checks)."""

    account_id: int
    login: str
    name: str
    role_codes: tuple[str, ...]
    permissions: frozenset[str]
    must_change_password: bool = False
    password_expires_in_days: int | None = None  # set when expiry is on and the notice period began
    previous_login_at: dt.datetime | None = None  # the login before this one (shown on 내 정보, 계정 menu)

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions


@dataclass
class Unit:
    """One use case's transaction: the session, the actor, and the access-log entries to append."""

    session: Session
    actor_login: str
    account: Account | None
    entries: list[PendingEntry] = field(default_factory=list)

    witness_event: str | None = None  # set by a use case whose head this workstation must witness
    investigator: bool = False  # the officer or the auditor (they may work during a lock)
    held: bool = False  # after the unit: its entries went to the witness file

    def log(
        self,
        action: str,
        subject: str | None = None,
        *,
        search_kind: str | None = None,
        outcome: str = Outcome.OK,
        detail: str | None = None,
    ) -> None:
        self.entries.append(PendingEntry(self.actor_login, action, subject, search_kind, outcome, detail))

    def witness(self, event: str) -> None:
        """Have the head after this unit's commit written to the workstation's witness file."""
        self.witness_event = event


class ReadOnlyUnitError(RuntimeError):
    """A read-only unit tried to leave an access-log entry (a programming error: such a use case
    must open an ordinary unit)."""

    def __init__(self) -> None:
        super().__init__("읽기 전용 작업은 접속기록을 남길 수 없습니다.")


def start_read_only(session: Session) -> None:
    """Begin ``session``'s transaction as read-only (see :meth:`AppContext.unit`)."""
    conn = session.connection(execution_options={READ_ONLY: True})
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")


class _Held(Exception):
    """Internal: the investigation's entries go to the witness file; the transaction rolls back."""


def check_lock(session: Session, investigator: bool) -> None:
    """Refuse work while a key rotation runs (everyone) or an integrity finding is open (all but
    the officer and the auditor)."""
    event = newest(session)
    if event is None:
        return
    if event.kind == ROTATING:
        raise KeyRotationError()
    if event.kind == FINDING and not investigator:
        raise IntegrityLockedError(clock.fmt_datetime(event.at))


def is_investigator(account: Account) -> bool:
    """The privacy officer and the auditor: they may log in and investigate during a lock."""
    return any(r.role_code in INVESTIGATORS for r in account.roles)


def check_account(keys: KeyRing, account: Account) -> None:
    """The account and its role grants carry valid proofs (an edited password hash or a planted
    role grant is refused, not trusted)."""
    if not proofs.holds(keys, account) or not all(proofs.holds(keys, r) for r in account.roles):
        raise RecordIntegrityError(f"계정 {account.login}")


def permissions_of(session: Session, account: Account) -> frozenset[str]:
    """The permissions of the account's roles; a role permission whose proof fails is refused."""
    codes = [r.role_code for r in account.roles]
    if not codes:
        return frozenset()
    keys = session.info.get(proofs.SESSION_KEYS)
    spec = RolePermission.__proof__
    rows = session.execute(
        select(RolePermission.role_code, RolePermission.permission, RolePermission.proof).where(
            RolePermission.role_code.in_(codes)
        )
    ).all()
    if isinstance(keys, KeyRing):
        for code, perm, proof in rows:
            if proof is None or bytes(proof) != proofs.proof_of(keys, spec, (code, perm)):
                raise RecordIntegrityError(f"역할 {code}의 권한")
    return frozenset(perm for _c, perm, _p in rows)


Exclusion = tuple[str, str]  # (reason code, reason shown)
ExclusionProvider = Callable[[Unit, Sequence[int]], dict[int, Exclusion]]


@dataclass(frozen=True)
class Wiring:
    """The calls a domain makes into one above it, handed in by the composition
    (:func:`privdesk.wiring.standard`, used by :mod:`privdesk.opening` and :mod:`privdesk.bootstrap`)
    so that no domain imports one above it. Every field is required: a context built without one
    cannot silently skip, say, the exclusion of records under an open data-subject request."""

    # lifecycle → rights: records not to destroy now (an open data-subject request on them)
    destruction_exclusions: tuple[ExclusionProvider, ...]
    # lifecycle → backup: after a destruction, the backup folder's catalogue (sentence, written?)
    catalogue_after_destruction: Callable[[AppContext], tuple[str, bool]]
    # lifecycle → backup: wipe a killed backup's plaintext snapshots left in a folder (count)
    wipe_stale_snapshots: Callable[[Path], int]
    # lifecycle → backup: until when backups may still hold what each destruction removed
    backup_copies_texts: Callable[[Session, BackupSettings, dict[int, dt.datetime]], dict[int, str]]
    # registry → consent: refuse a contact export unless every patient's consent counts (opt-in);
    # (session, patient ids, profile, purpose code or None) → the purpose code checked
    require_contact_consent: Callable[[Session, Sequence[int], Mapping[str, Any], str | None], str]


class AppContext:
    """Built once per process; passed down to the CLI commands and the GUI."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        keys: KeyRing,
        wiring: Wiring,
        workstation: Workstation | None = None,
    ) -> None:
        self.settings = settings
        self.wiring = wiring
        self.engine = engine
        self.keys = keys
        self.workstation = workstation or detect_workstation()
        self._sessions = sessionmaker(engine, expire_on_commit=False, info=proofs.session_info(keys))
        sec = settings.security
        self.hash_params = PasswordHashParams(
            sec.password_hash_memory_kib, sec.password_hash_iterations, sec.password_hash_lanes
        )
        # Read once, before any use case opens a transaction: a lazy first read inside a unit
        # would open a second SQLite connection that waits on the unit's own write lock.
        self._profile: HospitalProfile | None = None
        with suppress(NotInitializedError):
            self._profile = self._load_profile()
        self.database_id = self._load_database_id()
        self.is_demo = self._load_is_demo()
        self.recovery_code: str | None = None  # set once by privdesk.bootstrap.initialize, to be shown once
        self.witness = WitnessBook(
            settings.witness_path,
            self.database_id,
            location_of(settings.db_url),
            keys.check_value,
            self.workstation.host,
        )

    def __repr__(self) -> str:
        return f"AppContext(db={self.engine.url.render_as_string(hide_password=True)!r})"

    @property
    def profile(self) -> HospitalProfile:
        if self._profile is None:
            self._profile = self._load_profile()
        return self._profile

    def _load_profile(self) -> HospitalProfile:
        with self._sessions() as s:
            raw = s.get(Meta, META_PROFILE)
        if raw is None:
            raise NotInitializedError()
        return profile_from_dict(json.loads(raw.value), "database")

    def use_keys(self, keys: KeyRing) -> None:
        """After a key rotation: this process goes on with the new key."""
        self.keys = keys
        self._sessions.kw["info"] = proofs.session_info(keys)
        self.witness.key_check = keys.check_value.hex()[:16]

    def _load_database_id(self) -> str:
        with self._sessions() as s:
            raw = s.get(Meta, META_DATABASE_ID)
        return raw.value if raw is not None else ""

    def _load_is_demo(self) -> bool:
        """Whether this is a demo database (견본): the marker :func:`privdesk.bootstrap.initialize`
        writes for ``privdesk demo`` — never guessed from the file name."""
        with self._sessions() as s:
            return s.get(Meta, META_DEMO) is not None

    def session(self) -> Session:
        return self._sessions()

    # -- the chain, witnessed --------------------------------------------------------------
    def append(
        self, session: Session, entries: list[PendingEntry], *, check_witness: bool = True
    ) -> tuple[int, bytes]:
        """Append to the chain in ``session``'s transaction, checking the head against this
        workstation's latest witness first; returns the new head. A witness written before the
        officer acknowledged a re-based chain (an anchored acknowledgement that covers the
        witnesses) no longer binds: the cut entries it saw can never come back. ``check_witness``
        is off only for the unit that writes such an acknowledgement itself (a restore)."""
        latest = self.witness.latest() if check_witness else None
        try:
            return append_head(session, self.keys, self.workstation, entries, witness=latest)
        except LogTamperedError as exc:
            if latest is None or not exc.from_witness:
                raise
        if superseded(session, latest):
            return append_head(session, self.keys, self.workstation, entries)
        # a witness made under a key that was rotated away still binds by its number and hash
        return append_head(
            session, self.keys, self.workstation, entries, witness=latest, retired=retired_key_checks(session)
        )

    def after_commit(self, head: tuple[int, bytes], appended: int, event: str | None, actor: str) -> None:
        """Witness a committed (durable) head at a login or sign-off, or when the chain crossed a
        multiple of ``security.witness_every`` entries."""
        seq, digest = head
        every = self.settings.security.witness_every
        crossed = every > 0 and appended > 0 and seq // every > (seq - appended) // every
        if event is None and not crossed:
            return
        try:
            self.witness.record_head(seq, digest, event or "periodic", actor)
        except OSError:
            log.exception("witness file %s cannot be written", self.witness.path)

    def next_record_number(self, kind: str, year: int) -> int:
        """The next number of a kind of record in a year (:mod:`privdesk.store.counters`), taken in a
        transaction of its own and committed at once, so no other workstation gets it."""
        with self._sessions() as s, s.begin():
            return counters.next_number(s, kind, year)

    def head_mark(self) -> str:
        """The access log's head as printed on paper (``1234·3f9a0c1b2d4e``), once checked."""
        with self._sessions() as s, s.begin():
            head = read_head(s)
            if head is None or head_problem(s, self.keys, head) is not None:
                return "손상됨(무결성 검증 필요)"
            return short_form(int(head[0]), bytes(head[1]).hex())  # type: ignore[call-overload]

    def hold(self, actor: str, entries: list[PendingEntry], why: str) -> None:
        """Entries that could not go into a damaged access log, kept in the witness file."""
        for e in entries:
            self._note("held", actor, f"{e.action} {e.subject or '-'} {e.outcome} {e.detail or ''}; {why}")

    def refused(self, actor: str, exc: Exception) -> None:
        """A refusal because of the evidence (a damaged log, an open finding), where it cannot be lost."""
        self._note("refused", actor, f"{exc.__class__.__name__}: {getattr(exc, 'problem', '')}")

    def _note(self, event: str, actor: str, text: str) -> None:
        try:
            self.witness.note(event, actor, text)
        except OSError:
            log.exception("witness file %s cannot be written", self.witness.path)

    # -- the one door --------------------------------------------------------------------
    @contextmanager
    def unit(
        self,
        actor: Actor | None,
        permission: Permission | None = None,
        *,
        allow_password_change: bool = False,
        break_glass: bool = False,
        supersedes_witnesses: bool = False,
        read_only: bool = False,
    ) -> Iterator[Unit]:
        """A use case's transaction. ``actor=None`` acts as the system (scheduled jobs).
        ``break_glass`` lets the officer's recovery (with its code) run while a finding is open.
        ``supersedes_witnesses``: the unit records, itself, the anchored acknowledgement that the
        witnesses written so far no longer bind (:func:`privdesk.audit.findings.supersede_witnesses`
        — a restore's first unit), so this workstation's latest witness is not checked against the
        head it appends to (the head's own signature and last entry still are).
        ``read_only``: the use case only reads and logs nothing (오늘 할 일, counts): the database
        refuses any write in it (SQLite ``query_only`` under a plain ``BEGIN``, so it neither waits
        for nor blocks a writer; PostgreSQL ``READ ONLY``), an access-log entry raises
        :class:`ReadOnlyUnitError`, and the chain is not touched."""
        session = self._sessions()
        login = actor.login if actor else SYSTEM_ACTOR
        head: tuple[int, bytes] | None = None
        held: tuple[list[PendingEntry], str] | None = None
        unit: Unit | None = None
        try:
            try:
                with session.begin():
                    if read_only:
                        start_read_only(session)
                    if actor is None:
                        unit = Unit(session, SYSTEM_ACTOR, None)
                    else:
                        account = session.get(Account, actor.account_id, populate_existing=True)
                        if account is None or not account.active or account.login != actor.login:
                            raise AuthenticationError()
                        check_account(self.keys, account)
                        if account.locked:
                            raise AccountLockedError()
                        if account.must_change_password and not allow_password_change:
                            raise PasswordChangeRequiredError()
                        if permission is not None and permission not in permissions_of(session, account):
                            raise PermissionDeniedError(str(permission), label(permission))
                        unit = Unit(session, actor.login, account, investigator=is_investigator(account))
                    if not break_glass:
                        check_lock(session, unit.investigator)
                    mark = wrote_since(session.connection())
                    yield unit
                    if read_only:
                        if unit.entries:
                            raise ReadOnlyUnitError()
                        return
                    try:
                        head = self.append(session, unit.entries, check_witness=not supersedes_witnesses)
                    except LogTamperedError as exc:
                        if not (unit.investigator and not mark()):
                            raise
                        held = (unit.entries, exc.problem)
                        raise _Held() from None
            except _Held:
                pass
        except StaleDataError as exc:
            # Another workstation saved the same row between our read and our write.
            table = _stale_table(exc)
            raise VersionConflictError(table, table, None, None) from None
        except PermissionDeniedError as exc:
            self.record(login, Action.PERMISSION_DENIED, outcome=Outcome.DENIED, detail=exc.permission)
            raise
        except (LogTamperedError, IntegrityLockedError, KeyRotationError) as exc:
            self.refused(login, exc)
            raise
        finally:
            session.close()
        assert unit is not None
        if held is not None:
            unit.held = True
            self.hold(login, *held)
        elif head is not None:
            self.after_commit(head, len(unit.entries), unit.witness_event, login)

    def record(
        self,
        actor_login: str,
        action: str,
        subject: str | None = None,
        *,
        outcome: str = Outcome.OK,
        detail: str | None = None,
    ) -> None:
        """Append one entry in a transaction of its own (refusals, failed logins, logouts). When
        the access log is damaged the entry is kept in the witness file instead: never lost."""
        entries = [PendingEntry(actor_login, action, subject, None, outcome, detail)]
        try:
            with self._sessions() as s, s.begin():
                head = self.append(s, entries)
        except LogTamperedError as exc:
            self.hold(actor_login, entries, exc.problem)
            return
        self.after_commit(head, 1, "logout" if action == Action.LOGOUT else None, actor_login)


log = logging.getLogger("privdesk.context")


def _stale_table(exc: StaleDataError) -> str:
    m = re.search(r"table '(\w+)'", str(exc))
    return m.group(1) if m else "record"


def read_key_check(engine: Engine) -> bytes | None:
    if not inspect(engine).has_table("meta"):
        return None
    with Session(engine) as s:
        row = s.get(Meta, META_KEY_CHECK)
        return bytes.fromhex(row.value) if row else None
