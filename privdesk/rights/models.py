"""Data-subject request tables (정보주체의 권리 행사: 열람·정정·삭제·처리정지·동의철회).

``subject_requests`` holds one request and its decision. The requester's and the subject's contact
details and the free text of the request (which may quote personal data, e.g. the corrected
address) are AES-GCM ciphertexts bound to (table, column, ``uid``). The subject is linked by
internal reference (``patient:<id>`` for a registry patient, no foreign key: the request record
outlives the patient's destruction), or named for a homepage member or reservation.

``request_corrections`` records what a completed 정정 of a registry patient changed: one row per
field, the value before (masked) and after (encrypted, bound to the row's ``uid``), the patient's
version after the edit — the correction letters to the recipients are printed from it.

``subject_request_events`` (append-only) is the state history: who moved the request, when, from
what to what. ``correction_notices`` tracks the notice of a completed correction to each third
party that had received the record (법 제36조, the policy's 정정 통지). ``subject_flags`` marks a
subject whose processing was suspended or whose consent was withdrawn (법 제37조): uses that need
consent are refused for it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.proofs import ProofSpec
from privdesk.store.models import Base

REQUEST_PROOF = ProofSpec(
    "subject_requests",
    (
        ("id", "int"),
        ("uid", "text"),
        ("kind", "text"),
        ("subject_ref", "text"),
        ("patient_id", "int"),
        ("subject_name", "text"),
        ("subject_phone_enc", "bytes"),
        ("subject_birth_enc", "bytes"),
        ("subject_address_enc", "bytes"),
        ("relation", "text"),
        ("requester_name", "text"),
        ("requester_phone_enc", "bytes"),
        ("requester_birth_enc", "bytes"),
        ("requester_address_enc", "bytes"),
    ),
    "정보주체 요구",
    ref_column="id",
    ref_prefix="subject_request:",
)


class SubjectRequest(Base):
    """A data-subject request (개인정보 열람·정정·삭제·처리정지 요구, 동의철회·회원탈퇴)."""

    __tablename__ = "subject_requests"
    __proof__ = REQUEST_PROOF
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # access / correct / delete / suspend / withdraw
    file_code: Mapped[str] = mapped_column(String(32))  # the personal-information file concerned
    subject_ref: Mapped[str] = mapped_column(String(64), index=True)  # patient:<id> or external:<uid>
    patient_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    subject_name: Mapped[str] = mapped_column(String(64))
    subject_phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    subject_birth_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    subject_address_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    subject_under_14: Mapped[bool] = mapped_column(Boolean, default=False)
    relation: Mapped[str] = mapped_column(String(16))  # self / guardian / agent
    requester_name: Mapped[str] = mapped_column(String(64))
    requester_phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    requester_birth_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    requester_address_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    proxy_checked: Mapped[bool] = mapped_column(Boolean, default=False)  # 위임장 / 대리 관계 서류
    id_document: Mapped[str] = mapped_column(String(32), default="")
    id_checked_by: Mapped[str] = mapped_column(String(64), default="")
    identity_verified_at: Mapped[dt.datetime | None]
    access_items: Mapped[str] = mapped_column(String(100), default="")  # codes, comma separated (열람)
    request_text_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # 요구 내용·사유
    received_at: Mapped[dt.datetime]
    received_by: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(
        String(16), default="visit"
    )  # 방문 / 우편 / 전화 / 전자우편 / 홈페이지
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    extended_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    extension_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    state: Mapped[str] = mapped_column(String(24), index=True)
    hold_placed: Mapped[bool] = mapped_column(Boolean, default=False)  # the registry's processing hold
    result_text_enc: Mapped[bytes | None] = mapped_column(
        LargeBinary, nullable=True
    )  # 처리 결과 (may quote data)
    viewing_at: Mapped[dt.datetime | None]
    viewing_place: Mapped[str | None] = mapped_column(String(200), nullable=True)
    viewing_method: Mapped[str | None] = mapped_column(String(64), nullable=True)
    fee: Mapped[int] = mapped_column(Integer, default=0)  # 수수료 + 우송료 (원)
    refusal_ground: Mapped[str | None] = mapped_column(String(32), nullable=True)
    refusal_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_at: Mapped[dt.datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    closed_at: Mapped[dt.datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def ref(self) -> str:
        return f"subject_request:{self.id}"


class SubjectRequestEvent(Base):
    """A state change of a request (append-only)."""

    __tablename__ = "subject_request_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subject_requests.id"), index=True)
    at: Mapped[dt.datetime]
    actor_login: Mapped[str] = mapped_column(String(64))
    from_state: Mapped[str] = mapped_column(String(24))
    to_state: Mapped[str] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(Text, default="")


class CorrectionNotice(Base):
    """The notice of a completed correction to one recipient of an earlier disclosure."""

    __tablename__ = "correction_notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subject_requests.id"), index=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"))
    recipient: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime | None]
    sent_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    sent_method: Mapped[str | None] = mapped_column(String(64), nullable=True)  # 우편, 팩스, 공문 …
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        UniqueConstraint("request_id", "disclosure_id", name="uq_correction_notices_request_disclosure"),
    )


Index("ix_subject_requests_state_due", SubjectRequest.state, SubjectRequest.due_date)


CORRECTION_PROOF = ProofSpec(
    "request_corrections",
    (
        ("id", "int"),
        ("uid", "text"),
        ("request_id", "int"),
        ("patient_id", "int"),
        ("field", "text"),
        ("before_masked", "text"),
        ("after_enc", "bytes"),
        ("patient_version", "int"),
    ),
    "정정 기록",
    ref_column="id",
    ref_prefix="request_correction:",
)


class RequestCorrection(Base):
    """One field a 정정 changed in the registry (the correction recorded and linked to its request)."""

    __tablename__ = "request_corrections"
    __proof__ = CORRECTION_PROOF
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("subject_requests.id"), index=True)
    patient_id: Mapped[int] = mapped_column(Integer, index=True)
    field: Mapped[str] = mapped_column(String(16))  # the registry's field: name, rrn, address …
    before_masked: Mapped[str] = mapped_column(Text, default="")  # the old value, masked
    after_enc: Mapped[bytes] = mapped_column(LargeBinary)  # the corrected value (AES-GCM)
    patient_version: Mapped[int] = mapped_column(Integer)  # the patient's version after the edit
    at: Mapped[dt.datetime]
    by: Mapped[str] = mapped_column(String(64))
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)
