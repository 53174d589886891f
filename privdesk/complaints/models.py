"""The complaints table (개인정보 침해 신고·상담 대장).

``complaints`` holds one complaint or inquiry. The complainant is a registry patient (``patient:<id>``,
linked by internal reference, no foreign key — like the data-subject requests) or someone else, whose
name and contact are AES-GCM ciphertexts bound to (``complaints``, column, ``uid``); a patient's name
and contact stay in the registry and are not copied. The content (내용) is encrypted too: a
complainant tells what happened to them. The subject line (요지) and the answer are records that are
listed and printed: they carry no personal data (:func:`privdesk.fields.reason`).

A complaint may open a data-subject request (``request_id``) or an incident (``incident_id``); the
link is kept here and shown from both sides. The row carries a proof over who the complainant is
(a swapped ``patient_id`` would answer the wrong person) and what was linked.

Imported by :mod:`privdesk.store.models` at its end so Alembic sees the table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.proofs import ProofSpec
from privdesk.store.models import Base

COMPLAINT_PROOF = ProofSpec(
    "complaints",
    (
        ("id", "int"),
        ("uid", "text"),
        ("kind", "text"),
        ("subject_ref", "text"),
        ("patient_id", "int"),
        ("name_enc", "bytes"),
        ("contact_enc", "bytes"),
        ("content_enc", "bytes"),
        ("request_id", "int"),
        ("incident_id", "int"),
    ),
    "개인정보 침해 신고·상담",
    ref_column="id",
    ref_prefix="complaint:",
)


class Complaint(Base):
    """A complaint (신고) or an inquiry (상담) about personal data."""

    __tablename__ = "complaints"
    __proof__ = COMPLAINT_PROOF
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # complaint / inquiry
    channel: Mapped[str] = mapped_column(String(16))  # phone / visit / mail / web
    subject_ref: Mapped[str] = mapped_column(String(64), index=True)  # patient:<id> or external:<uid>
    patient_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    name_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    contact_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    topic: Mapped[str] = mapped_column(String(200))  # 요지 (no personal data)
    content_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    received_at: Mapped[dt.datetime]
    received_by: Mapped[str] = mapped_column(String(64))
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    state: Mapped[str] = mapped_column(String(16), index=True)  # open / answered / closed
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[dt.datetime | None]
    answered_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    closed_at: Mapped[dt.datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    request_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    incident_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def ref(self) -> str:
        return f"complaint:{self.id}"
