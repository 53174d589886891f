"""The application context and the one door every use case goes through.

:class:`AppContext` holds what is built once in ``main()``: settings, the engine, the key ring,
the workstation identity. :meth:`AppContext.unit` opens a transaction for one use case: it reloads
the acting account, checks the permission (a refusal is logged and raised as
:class:`~privdesk.errors.PermissionDeniedError`), collects access-log entries and appends them to
the hash chain just before the commit, in the same transaction as the work.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from privdesk.accounts.permissions import Permission, label
from privdesk.audit.chain import Action, Outcome, PendingEntry, Workstation, append
from privdesk.crypto import KeyRing, PasswordHashParams, load_key_file
from privdesk.errors import (
    AccountLockedError,
    AuthenticationError,
    KeyFileError,
    NotInitializedError,
    PasswordChangeRequiredError,
    PermissionDeniedError,
    VersionConflictError,
)
from privdesk.profile import HospitalProfile, profile_from_dict
from privdesk.settings import Settings
from privdesk.store import migrate
from privdesk.store.engine import make_engine, sqlite_path
from privdesk.store.models import Account, Meta, RolePermission

META_KEY_CHECK = "key_check"
META_PROFILE = "profile"
SYSTEM_ACTOR = "system"


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
    previous_login_at: dt.datetime | None = None  # the login before this one (shown on 내 정보)

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions


@dataclass
class Unit:
    """One use case's transaction: the session, the actor, and the access-log entries to append."""

    session: Session
    actor_login: str
    account: Account | None
    entries: list[PendingEntry] = field(default_factory=list)

    def log(self, action: str, subject: str | None = None, *, search_kind: str | None = None,
            outcome: str = Outcome.OK, detail: str | None = None) -> None:
        self.entries.append(PendingEntry(self.actor_login, action, subject, search_kind, outcome, detail))


def permissions_of(session: Session, account: Account) -> frozenset[str]:
    codes = [r.role_code for r in account.roles]
    if not codes:
        return frozenset()
    rows = session.execute(select(RolePermission.permission).where(RolePermission.role_code.in_(codes)))
    return frozenset(rows.scalars())


class AppContext:
    """Built once per process; passed down to the CLI commands and the GUI."""

    def __init__(self, settings: Settings, engine: Engine, keys: KeyRing,
                 workstation: Workstation | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.keys = keys
        self.workstation = workstation or detect_workstation()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        sec = settings.security
        self.hash_params = PasswordHashParams(sec.password_hash_memory_kib, sec.password_hash_iterations,
                                              sec.password_hash_lanes)
        # Read once, before any use case opens a transaction: a lazy first read inside a unit
        # would open a second SQLite connection that waits on the unit's own write lock.
        self._profile: HospitalProfile | None = None
        with suppress(NotInitializedError):
            self._profile = self._load_profile()

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

    def session(self) -> Session:
        return self._sessions()

    # -- the one door --------------------------------------------------------------------
    @contextmanager
    def unit(self, actor: Actor | None, permission: Permission | None = None, *,
             allow_password_change: bool = False) -> Iterator[Unit]:
        """A use case's transaction. ``actor=None`` acts as the system (scheduled jobs)."""
        session = self._sessions()
        try:
            with session.begin():
                if actor is None:
                    unit = Unit(session, SYSTEM_ACTOR, None)
                else:
                    account = session.get(Account, actor.account_id, populate_existing=True)
                    if account is None or not account.active or account.login != actor.login:
                        raise AuthenticationError()
                    if account.locked:
                        raise AccountLockedError()
                    if account.must_change_password and not allow_password_change:
                        raise PasswordChangeRequiredError()
                    if permission is not None and permission not in permissions_of(session, account):
                        raise PermissionDeniedError(str(permission), label(permission))
                    unit = Unit(session, actor.login, account)
                yield unit
                append(session, self.keys, self.workstation, unit.entries)
        except StaleDataError as exc:
            # Another workstation saved the same row between our read and our write.
            table = _stale_table(exc)
            raise VersionConflictError(table, table, None, None) from None
        except PermissionDeniedError as exc:
            self.record(actor.login if actor else SYSTEM_ACTOR, Action.PERMISSION_DENIED,
                        outcome=Outcome.DENIED, detail=exc.permission)
            raise
        finally:
            session.close()

    def record(self, actor_login: str, action: str, subject: str | None = None, *,
               outcome: str = Outcome.OK, detail: str | None = None) -> None:
        """Append one entry in a transaction of its own (refusals, failed logins)."""
        with self._sessions() as s, s.begin():
            append(s, self.keys, self.workstation,
                   [PendingEntry(actor_login, action, subject, None, outcome, detail)])


def _stale_table(exc: StaleDataError) -> str:
    m = re.search(r"table '(\w+)'", str(exc))
    return m.group(1) if m else "record"


def read_key_check(engine: Engine) -> bytes | None:
    if not inspect(engine).has_table("meta"):
        return None
    with Session(engine) as s:
        row = s.get(Meta, META_KEY_CHECK)
        return bytes.fromhex(row.value) if row else None


def open_context(settings: Settings, *, upgrade: bool = True) -> AppContext:
    """Open an initialised database: upgrade the schema, load and check the key file."""
    path = sqlite_path(settings.db_url)
    if path is not None and not path.exists():
        raise NotInitializedError()
    engine = make_engine(settings.db_url, create_file=False)
    try:
        stored = read_key_check(engine)
        if stored is None:
            raise NotInitializedError()
        keys = load_key_file(settings.key_file)
        if not keys.matches(stored):
            raise KeyFileError(
                f"키 파일 {settings.key_file}이(가) 이 데이터베이스의 키가 아닙니다. "
                "이 데이터베이스를 만들 때 생성된 키 파일을 지정하십시오.",
                str(settings.key_file),
            )
        if upgrade:
            migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return AppContext(settings, engine, keys)
