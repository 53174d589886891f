"""Registry tables (환자 명부): patients, their phone numbers and intake entries (진료 접수).

Encrypted columns (``*_enc``) are AES-GCM ciphertexts bound to (table, column, ``uid``): the
``uid`` is random hex made in Python, so a bulk import can encrypt before the row has an id.
Phone ciphertexts are bound to ``f"{uid}:{position}"`` of the owning patient.
Blind indexes (``*_bi``) are keyed HMACs for exact search (purposes ``rrn``, ``phone``,
``phone_last4``). The name stays plaintext (Hangul) because prefix search and sorting need it.

Imported by :mod:`privdesk.store.models` at its end so Alembic sees these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from privdesk.proofs import Kind, ProofSpec
from privdesk.store.models import Base

STATUS_ACTIVE = "active"
STATUS_SEPARATED = "separated"  # 분리보관
STATUS_DESTROYED = "destroyed"  # 파기
STATUSES = (STATUS_ACTIVE, STATUS_SEPARATED, STATUS_DESTROYED)

MAX_PHONES = 3

# The columns a patient's row proof binds (privdesk.proofs): its id, uid and chart number with
# everything that identifies the person, the blind index and the ciphertexts.
PATIENT_PROOF_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("id", "int"),
    ("uid", "text"),
    ("chart_no", "text"),
    ("name", "text"),
    ("birth_date", "date"),
    ("sex", "text"),
    ("is_foreigner", "bool"),
    ("rrn_bi", "bytes"),
    ("rrn_enc", "bytes"),
    ("address_enc", "bytes"),
)
PATIENT_PROOF = ProofSpec(
    "patients",
    (*PATIENT_PROOF_COLUMNS, ("status", "text")),
    "환자 명부",
    ref_column="id",
    ref_prefix="patient:",
)
PHONE_PROOF_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("patient_id", "int"),
    ("position", "int"),
    ("phone_enc", "bytes"),
    ("phone_bi", "bytes"),
    ("last4_bi", "bytes"),
)
PHONE_PROOF = ProofSpec(
    "patient_phones", PHONE_PROOF_COLUMNS, "환자 연락처", ref_column="patient_id", ref_prefix="patient:"
)


class Patient(Base):
    """One patient (환자). ``ref`` (``patient:<id>``) is the access log's subject."""

    __tablename__ = "patients"
    __proof__ = PATIENT_PROOF
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    chart_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    name_chosung: Mapped[str] = mapped_column(String(64))
    rrn_enc: Mapped[bytes] = mapped_column(LargeBinary)
    rrn_bi: Mapped[bytes] = mapped_column(LargeBinary(16), unique=True)
    birth_date: Mapped[dt.date] = mapped_column(Date, index=True)
    sex: Mapped[str] = mapped_column(String(1))
    is_foreigner: Mapped[bool] = mapped_column(Boolean, default=False)
    address_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    first_visit: Mapped[dt.date] = mapped_column(Date)
    last_visit: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=STATUS_ACTIVE)
    retention_until: Mapped[dt.date] = mapped_column(Date, index=True)
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    hold_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)

    phones: Mapped[list[PatientPhone]] = relationship(
        back_populates="patient",
        cascade="all, delete-orphan",
        order_by="PatientPhone.position",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        Index("ix_patients_name_birth_id", "name", "birth_date", "id"),
        # covering index for 초성 candidates sorted by name (see privdesk.registry.search)
        Index("ix_patients_chosung_name", "name_chosung", "name", "birth_date", "id", "status"),
    )

    @property
    def ref(self) -> str:
        return patient_ref(self.id)


def patient_ref(patient_id: int) -> str:
    """Internal reference used in the access log (never the name or the resident number)."""
    return f"patient:{patient_id}"


class PatientPhone(Base):
    """A phone number of a patient (연락처), up to :data:`MAX_PHONES`, ordered by ``position``."""

    __tablename__ = "patient_phones"
    __proof__ = PHONE_PROOF
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    phone_enc: Mapped[bytes] = mapped_column(LargeBinary)
    phone_bi: Mapped[bytes] = mapped_column(LargeBinary(16), index=True)
    last4_bi: Mapped[bytes] = mapped_column(LargeBinary(16), index=True)
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)

    patient: Mapped[Patient] = relationship(back_populates="phones")

    __table_args__ = (UniqueConstraint("patient_id", "position"),)


class Intake(Base):
    """An intake entry (진료 접수): visit date, department, purpose, and the staff account."""

    __tablename__ = "intakes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    visit_date: Mapped[dt.date] = mapped_column(Date)
    department: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(200), default="")
    staff_login: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]


__all__ = [
    "MAX_PHONES",
    "STATUSES",
    "STATUS_ACTIVE",
    "STATUS_DESTROYED",
    "STATUS_SEPARATED",
    "Intake",
    "Patient",
    "PatientPhone",
    "patient_ref",
]


class SubjectFlag(Base):
    """처리정지 / 동의철회 on one subject: consent-based uses (안내·홍보 연락 등) are refused. Set by a
    completed data-subject request (privdesk.rights); a property of the person, so it lives with the
    registry, which every domain that must respect it (export, disclosures, consent) sits above."""

    __tablename__ = "subject_flags"
    subject_ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    patient_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)  # 처리정지
    consent_withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)  # 동의철회
    scope: Mapped[str] = mapped_column(Text, default="")  # what is stopped
    request_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    since: Mapped[dt.datetime]
    set_by: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
