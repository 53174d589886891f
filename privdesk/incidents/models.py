"""Breach register tables (유출 등 사고 대장).

``incidents`` holds one incident (유출등 사고) and carries a row proof over what decides its duties
(number, kind, files, items, outside access, state). Its number ``INC-YYYY-NNNN`` comes from
the shared ``record_counters`` (kind ``INC``, one row per year, :mod:`privdesk.store.counters`), and is
unique.

``incident_subjects`` lists who is affected: a registry patient (``patient:<id>``) or the person of a
CCTV request (``cctv_request:<id>``), by internal reference only — the contacts stay in their own
encrypted records and are decrypted only into a letter. Each row carries a proof (a swapped
``patient_id`` would send a letter to the wrong person).

``incident_notices`` (append-only) records each notice marked sent: which duty, channel, when,
how many people. ``incident_events`` (append-only, anchored in the access log) is the history of
every change. Neither holds personal data.

Imported by :mod:`privdesk.store.models` at its end so Alembic sees these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.proofs import ProofSpec
from privdesk.store.models import Base

INCIDENT_PROOF = ProofSpec(
    "incidents",
    (
        ("id", "int"),
        ("number", "text"),
        ("kind", "text"),
        ("files", "text"),
        ("items", "text"),
        ("outside_access", "bool"),
        ("state", "text"),
    ),
    "유출 등 사고",
    ref_column="number",
)
SUBJECT_PROOF = ProofSpec(
    "incident_subjects",
    (
        ("id", "int"),
        ("incident_id", "int"),
        ("subject_ref", "text"),
        ("patient_id", "int"),
        ("cctv_request_id", "int"),
    ),
    "유출 사고 정보주체",
    ref_column="id",
    ref_prefix="incident_subject:",
)


class Incident(Base):
    """One incident (유출등 사고): what, when learnt, the duties' facts, the closing."""

    __tablename__ = "incidents"
    __proof__ = INCIDENT_PROOF
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)  # INC-2026-0001
    happened_at: Mapped[dt.datetime | None]  # 유출 시점 (if known)
    learnt_at: Mapped[dt.datetime] = mapped_column(index=True)  # 인지 시점: the clock starts here
    reporter: Mapped[str] = mapped_column(String(200))  # 최초 보고자 (department, staff)
    kind: Mapped[str] = mapped_column(String(16))  # lost / misdelivery / insider / attack / other
    summary: Mapped[str] = mapped_column(Text)  # 경위
    files: Mapped[str] = mapped_column(Text, default="")  # profile file codes, comma separated
    items: Mapped[str] = mapped_column(Text, default="")  # 유출 항목 (Korean names), ", " separated
    containment: Mapped[str] = mapped_column(Text, default="")  # 최초 대응조치
    outside_access: Mapped[bool] = mapped_column(Boolean, default=False)  # 외부로부터의 불법적인 접근
    state: Mapped[str] = mapped_column(String(16), index=True)  # open / closed
    opened_at: Mapped[dt.datetime]
    opened_by: Mapped[str] = mapped_column(String(64))
    cause: Mapped[str] = mapped_column(Text, default="")  # 원인
    measures: Mapped[str] = mapped_column(Text, default="")  # 재발 방지 등 조치
    closed_at: Mapped[dt.datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the officer who approved
    version: Mapped[int] = mapped_column(Integer, default=1)
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def ref(self) -> str:
        return f"incident:{self.id}"


class IncidentSubject(Base):
    """One affected person, by internal reference (no personal data here)."""

    __tablename__ = "incident_subjects"
    __proof__ = SUBJECT_PROOF
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    subject_ref: Mapped[str] = mapped_column(String(64))
    patient_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cctv_request_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(16))  # charts / query / export / account / cctv
    added_at: Mapped[dt.datetime]
    added_by: Mapped[str] = mapped_column(String(64))
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)

    __table_args__ = (
        UniqueConstraint("incident_id", "subject_ref", name="uq_incident_subjects_incident_subject"),
    )


class IncidentNotice(Base):
    """A notice marked sent (append-only): the duty it fulfils, the channel, when, to how many."""

    __tablename__ = "incident_notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    duty: Mapped[str] = mapped_column(String(16))  # notify / report
    channel: Mapped[str] = mapped_column(String(16))  # letter / sms / email / homepage / pipc / kisa
    sent_at: Mapped[dt.datetime]
    people: Mapped[int] = mapped_column(Integer, default=0)  # how many people this notice reached
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str] = mapped_column(String(64))


class IncidentEvent(Base):
    """One change of an incident (append-only, anchored): opened, edited, people added, a notice,
    a printing, closed."""

    __tablename__ = "incident_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    at: Mapped[dt.datetime]
    actor_login: Mapped[str] = mapped_column(String(64))
    change: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")
