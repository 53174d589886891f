"""Lifecycle tables (개인정보 생애주기): personal-information files and their retention rules,
legal holds, destruction plans (파기 계획) and the destruction ledger (개인정보파일 파기 관리대장).

None of these tables holds personal data: plans name patients only by id (``patient:<id>`` in the
access log). ``destruction_ledger`` is append-only (database triggers, migration 0300) and every row
is anchored in the hash-chained access log (:mod:`privdesk.audit.anchors`).

The separate store (분리보관) is not here: it lives outside ``Base.metadata`` (a second SQLite file,
or the PostgreSQL schema ``separated``), see :mod:`privdesk.lifecycle.store`.

Imported by :mod:`privdesk.store.models` at its end so Alembic sees these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.proofs import ProofSpec, register
from privdesk.registry.api import PATIENT_PROOF_COLUMNS, PHONE_PROOF_COLUMNS
from privdesk.store.models import Base

# Row proofs of the separate store's copies (privdesk.proofs): the registry's columns, under the
# store's own table names, so a copy cannot be passed off as a main row or the other way round.
SEPARATED_PATIENT_PROOF = ProofSpec(
    "separated.patients", PATIENT_PROOF_COLUMNS, "분리보관 환자", ref_column="id", ref_prefix="patient:"
)
SEPARATED_PHONE_PROOF = ProofSpec(
    "separated.patient_phones",
    PHONE_PROOF_COLUMNS,
    "분리보관 연락처",
    ref_column="patient_id",
    ref_prefix="patient:",
)
register("separated.patients", SEPARATED_PATIENT_PROOF, backend="postgresql")
register("separated.patient_phones", SEPARATED_PHONE_PROOF, backend="postgresql")

# destruction plan states
PLAN_DRAFT = "draft"  # listed, waiting for approval
PLAN_PARTLY_APPROVED = "approved_1"  # two-person rule: first approval given
PLAN_APPROVED = "approved"
PLAN_EXECUTING = "executing"  # execution started; re-running execute finishes it
PLAN_EXECUTED = "executed"
PLAN_CANCELLED = "cancelled"
OPEN_PLAN_STATES = (PLAN_DRAFT, PLAN_PARTLY_APPROVED, PLAN_APPROVED, PLAN_EXECUTING)


class LifecycleFile(Base):
    """개인정보파일: a file of the privacy policy with its retention rule, as editable data."""

    __tablename__ = "lifecycle_files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    items: Mapped[str] = mapped_column(Text)  # "이름, 주민등록번호, …"
    purpose: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text)
    retention_rule: Mapped[str] = mapped_column(
        String(32)
    )  # after_last_visit / after_purpose / after_recording
    retention_years: Mapped[int | None] = mapped_column(Integer, nullable=True)
    retention_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    retention_note: Mapped[str] = mapped_column(Text, default="")
    separate_after_days: Mapped[int | None] = mapped_column(Integer, nullable=True)  # "purpose achieved"
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class LegalHold(Base):
    """An evidence or legal hold (증거·법적 보존) on one subject: excluded from destruction."""

    __tablename__ = "lifecycle_holds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject: Mapped[str] = mapped_column(String(64), index=True)  # patient:<id>
    reason: Mapped[str] = mapped_column(Text)
    placed_at: Mapped[dt.datetime]
    placed_by: Mapped[str] = mapped_column(String(64))
    released_at: Mapped[dt.datetime | None]
    released_by: Mapped[str | None] = mapped_column(String(64), nullable=True)


class DestructionPlan(Base):
    """A destruction plan (파기 계획): what is due, approved by the officer, then executed."""

    __tablename__ = "destruction_plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_code: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(100))
    items: Mapped[str] = mapped_column(Text)
    criteria: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(Text)
    as_of: Mapped[dt.date] = mapped_column(Date)
    record_count: Mapped[int] = mapped_column(Integer)
    excluded_count: Mapped[int] = mapped_column(Integer)
    created_first: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # 생성일 range of the records
    created_last: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    plan_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default=PLAN_DRAFT)
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    approved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    approved_at: Mapped[dt.datetime | None]
    second_approved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    second_approved_at: Mapped[dt.datetime | None]
    executed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    started_at: Mapped[dt.datetime | None]
    executed_at: Mapped[dt.datetime | None]
    destroyed_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class DestructionPlanItem(Base):
    """One record in a plan (by internal id only). ``skipped`` is set at execution when a hold
    appeared after the plan was made."""

    __tablename__ = "destruction_plan_items"
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("destruction_plans.id", ondelete="CASCADE"), primary_key=True
    )
    patient_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    retention_until: Mapped[dt.date] = mapped_column(Date)
    skipped: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ix_destruction_plan_items_patient", "patient_id"),)


class DestructionPlanExclusion(Base):
    """A record due but excluded from the plan, with why (처리정지, 법적 보존, 정보주체 요구 …)."""

    __tablename__ = "destruction_plan_exclusions"
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("destruction_plans.id", ondelete="CASCADE"), primary_key=True
    )
    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    reason_code: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)


class DestructionLedgerEntry(Base):
    """One row of the 개인정보파일 파기 관리대장 ([별지 제5호서식]; append-only, anchored).

    Form columns: 번호(id) | 개인정보 파일명(file_name) | 자료의 종류(kind) | 생성일(created) |
    폐기일(destroyed_on) | 폐기사유(reason) | 처리담당자(executed_by) | 처리부서장(approved_by);
    the rest records how (method, count, witness, the shredding company's certificate)."""

    __tablename__ = "destruction_ledger"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(64))
    created: Mapped[str] = mapped_column(String(64))
    destroyed_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    item_count: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(100))
    executed_by: Mapped[str] = mapped_column(String(100))
    approved_by: Mapped[str] = mapped_column(String(100))
    witness: Mapped[str] = mapped_column(String(100), default="")
    certificate_no: Mapped[str] = mapped_column(String(100), default="")
    plan_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    plan_hash: Mapped[str] = mapped_column(String(64), default="")
    corrects_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_destruction_ledger_on_id", "destroyed_on", "id"),)


class Tombstone(Base):
    """A destroyed record (파기 표지), one per patient a destruction emptied: only its internal ``uid``
    and the plan that destroyed it — no personal data. Written in the destruction's transaction and
    copied to the backup folder's catalogue (:mod:`privdesk.backup.catalogue`), so a restore from a
    backup taken before the destruction destroys the record again (:mod:`privdesk.restore`).
    Append-only (database triggers, migration 0600)."""

    __tablename__ = "tombstones"
    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    plan_id: Mapped[int] = mapped_column(Integer, index=True)
    destroyed_at: Mapped[dt.datetime]


__all__ = [
    "OPEN_PLAN_STATES",
    "PLAN_APPROVED",
    "PLAN_CANCELLED",
    "PLAN_DRAFT",
    "PLAN_EXECUTED",
    "PLAN_EXECUTING",
    "PLAN_PARTLY_APPROVED",
    "DestructionLedgerEntry",
    "DestructionPlan",
    "DestructionPlanExclusion",
    "DestructionPlanItem",
    "LegalHold",
    "LifecycleFile",
    "Tombstone",
]
