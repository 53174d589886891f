"""SQLAlchemy 2.x typed models (저장소 모델).

Every table that holds personal data has a ``version`` column used by the ORM for optimistic
locking (``version_id_col``); :func:`privdesk.store.check_version` turns a stale save into a
:class:`~privdesk.errors.VersionConflictError`.

The schema is created by Alembic migrations only (``privdesk/store/migrations``); a test checks
that the models and the migrations agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import DateTime, TypeDecorator

from privdesk.proofs import ProofSpec, install

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on both SQLite (stored naive UTC) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use privdesk.clock.now()")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: dict[Any, Any] = {dt.datetime: UTCDateTime()}


class Meta(Base):
    """Key/value facts about this database: the key check value, the hospital profile."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# -- accounts (계정), roles (역할) ---------------------------------------------------------------
class Role(Base):
    __tablename__ = "roles"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text, default="")
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    permissions: Mapped[list[RolePermission]] = relationship(
        back_populates="role", cascade="all, delete-orphan", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}


class RolePermission(Base):
    __tablename__ = "role_permissions"
    __proof__ = ProofSpec(
        "role_permissions",
        (("role_code", "text"), ("permission", "text")),
        "역할 권한",
        ref_column="role_code",
        ref_prefix="역할 ",
    )
    role_code: Mapped[str] = mapped_column(ForeignKey("roles.code", ondelete="CASCADE"), primary_key=True)
    permission: Mapped[str] = mapped_column(String(64), primary_key=True)
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)
    role: Mapped[Role] = relationship(back_populates="permissions")


class Account(Base):
    """One account per person (1인 1계정). ``contact_enc`` is the staff member's encrypted phone."""

    __tablename__ = "accounts"
    __proof__ = ProofSpec(
        "accounts",
        (
            ("id", "int"),
            ("login", "text"),
            ("name", "text"),
            ("department", "text"),
            ("password_hash", "text"),
            ("active", "bool"),
            ("contact_enc", "bytes"),
        ),
        "계정",
        ref_column="login",
        ref_prefix="ID ",
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    department: Mapped[str] = mapped_column(String(64), default="")
    contact_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    password_changed_at: Mapped[dt.datetime]
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[dt.datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]
    last_login_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)

    roles: Mapped[list[AccountRole]] = relationship(
        back_populates="account", cascade="all, delete-orphan", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def ref(self) -> str:
        """Internal reference used in the access log and as encryption row binding."""
        return f"acct:{self.id}"

    @property
    def role_codes(self) -> list[str]:
        return sorted(r.role_code for r in self.roles)


class AccountRole(Base):
    __tablename__ = "account_roles"
    __proof__ = ProofSpec(
        "account_roles",
        (("account_id", "int"), ("role_code", "text")),
        "역할 부여",
        ref_column="account_id",
        ref_prefix="acct:",
    )
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    role_code: Mapped[str] = mapped_column(ForeignKey("roles.code"), primary_key=True)
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)
    account: Mapped[Account] = relationship(back_populates="roles")


class PasswordHistory(Base):
    __tablename__ = "password_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime]


class PermissionChange(Base):
    """권한 부여·변경·말소 기록 (안전성 확보조치 기준 제5조③): kept at least 3 years."""

    __tablename__ = "permission_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor_login: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(64), index=True)
    change: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")


# -- access log (접속기록) -----------------------------------------------------------------------
class AccessLogEntry(Base):
    """One hash-chained entry; ``hash = SHA-256(prev_hash || canonical content)``.

    ``seq`` is assigned by the chain append under the chain-head lock, never by autoincrement.
    UPDATE and DELETE are refused by database triggers (see the migration).
    """

    __tablename__ = "access_log"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(128))
    ip: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str | None] = mapped_column(String(128))
    search_kind: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))

    __table_args__ = (
        Index("ix_access_log_at", "at"),
        Index("ix_access_log_actor_seq", "actor", "seq"),
        Index("ix_access_log_subject_seq", "subject", "seq"),
        Index("ix_access_log_action_seq", "action", "seq"),
    )


class AuditHead(Base):
    """The single chain-head row (id = 1), locked by every append; signed with the key file."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    signature: Mapped[bytes] = mapped_column(LargeBinary(32))


class RecordCounter(Base):
    """The last number given to a kind of record in a year (일련번호): ``INC`` for incidents
    (INC-2026-0001), a printed record's prefix for its printings (CN-2026-0001). Taken by
    :func:`privdesk.store.counters.next_number` only."""

    __tablename__ = "record_counters"
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class AuditCheckpoint(Base):
    """Left behind when old entries are archived: the remaining chain starts from ``last_hash``."""

    __tablename__ = "audit_checkpoints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    upto_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    last_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    entries: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime]
    archive_name: Mapped[str] = mapped_column(String(255))
    archive_sha256: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary(32))


class IntegrityEvent(Base):
    """What ``audit verify`` found (``finding``) and the officer's acknowledgement (``ack``) with its
    reason. Append-only. While the newest row is a finding, only the privacy officer and the auditor
    may work (see :mod:`privdesk.audit.guard`). ``covers`` is a JSON list of the problems'
    fingerprints; an acknowledgement covers what it lists."""

    __tablename__ = "integrity_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime]
    kind: Mapped[str] = mapped_column(String(16))
    actor_login: Mapped[str] = mapped_column(String(64))
    head_seq: Mapped[int] = mapped_column(BigInteger)
    summary: Mapped[str] = mapped_column(Text)
    covers: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class AccountNotice(Base):
    """A notice an account sees at every login until it acknowledges it (e.g. 계정 복구)."""

    __tablename__ = "account_notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    acknowledged_at: Mapped[dt.datetime | None]


class AuditArchivePermit(Base):
    """Present only inside an archive transaction: the delete trigger lets those rows go."""

    __tablename__ = "audit_archive_permit"
    upto_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)


__all__ = [
    "AccessLogEntry",
    "Account",
    "AccountNotice",
    "AccountRole",
    "AuditArchivePermit",
    "AuditCheckpoint",
    "AuditHead",
    "Base",
    "IntegrityEvent",
    "Meta",
    "PasswordHistory",
    "PermissionChange",
    "Role",
    "RolePermission",
    "UTCDateTime",
]

install(Base)
