"""CCTV tables (영상정보처리기기): cameras, evidence holds, viewing requests, provisions, the ledger.

The footage itself stays in the hospital's recorder; these tables keep the decisions, the history
and the records about it.

Append-only tables (the database refuses UPDATE and DELETE with triggers, see migration 0200):
``cctv_camera_changes``, ``cctv_request_events``, ``cctv_provisions`` and ``cctv_ledger`` (개인영상정보
관리대장). Ledger rows are also anchored in the hash-chained access log
(:mod:`privdesk.audit.anchors`), so an altered, deleted or inserted row is found by verification.

Encrypted columns (``*_enc``) are AES-GCM ciphertexts bound to (table, column, ``uid``); the ``uid``
is random hex made before the row has an id. Tables with personal data carry a ``version`` column
(optimistic locking). Imported by :mod:`privdesk.store.models` at its end so Alembic sees them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, LargeBinary, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from privdesk.proofs import ProofSpec
from privdesk.store.models import Base

hold_cameras = Table(
    "cctv_hold_cameras",
    Base.metadata,
    Column("hold_id", ForeignKey("cctv_holds.id", ondelete="CASCADE"), primary_key=True),
    Column("camera_id", ForeignKey("cctv_cameras.id"), primary_key=True),
)

request_cameras = Table(
    "cctv_request_cameras",
    Base.metadata,
    Column("request_id", ForeignKey("cctv_requests.id", ondelete="CASCADE"), primary_key=True),
    Column("camera_id", ForeignKey("cctv_cameras.id"), primary_key=True),
)


class CctvCamera(Base):
    """One camera (영상정보처리기기): number, location, recording range (촬영범위), purpose, status."""

    __tablename__ = "cctv_cameras"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    location: Mapped[str] = mapped_column(String(64))
    coverage: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default="active")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def ref(self) -> str:
        return f"cctv_camera:{self.id}"


class CctvCameraChange(Base):
    """A camera's change history (append-only): who changed which field, from what, to what, why."""

    __tablename__ = "cctv_camera_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cctv_cameras.id"), index=True)
    at: Mapped[dt.datetime]
    actor_login: Mapped[str] = mapped_column(String(64))
    change: Mapped[str] = mapped_column(String(16))  # create / update
    detail: Mapped[str] = mapped_column(Text, default="")  # "위치: 원내 → 건물로비; ..."
    reason: Mapped[str] = mapped_column(Text, default="")


class CctvHold(Base):
    """An evidence hold (보존 연장): footage of some cameras in a time window kept past retention.

    Ends on ``until_date`` (inclusive), or when request ``until_request_id`` is closed, or earlier by
    an explicit end with a reason (``ended_*``).
    """

    __tablename__ = "cctv_holds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reason_kind: Mapped[str] = mapped_column(String(16))  # request / police / incident
    reason: Mapped[str] = mapped_column(Text, default="")
    window_start: Mapped[dt.datetime]
    window_end: Mapped[dt.datetime]
    set_by: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[dt.datetime]
    until_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    until_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("cctv_requests.id"), nullable=True, index=True
    )
    ended_at: Mapped[dt.datetime | None]
    ended_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    end_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    cameras: Mapped[list[CctvCamera]] = relationship(
        secondary=hold_cameras, lazy="selectin", order_by="CctvCamera.number"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def ref(self) -> str:
        return f"cctv_hold:{self.id}"


CCTV_REQUEST_PROOF = ProofSpec(
    "cctv_requests",
    (
        ("id", "int"),
        ("uid", "text"),
        ("kind", "text"),
        ("requester_name", "text"),
        ("requester_phone_enc", "bytes"),
        ("requester_birth_enc", "bytes"),
        ("requester_address_enc", "bytes"),
        ("relation", "text"),
        ("subject_name", "text"),
        ("subject_phone_enc", "bytes"),
    ),
    "영상정보 열람 청구",
    ref_column="id",
    ref_prefix="cctv_request:",
)


class CctvRequest(Base):
    """A viewing request (개인영상정보 열람·존재확인·삭제 청구) and its decision."""

    __tablename__ = "cctv_requests"
    __proof__ = CCTV_REQUEST_PROOF
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # view / exist / delete
    requester_name: Mapped[str] = mapped_column(String(64))
    requester_phone_enc: Mapped[bytes] = mapped_column(LargeBinary)
    requester_birth_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    requester_address_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    relation: Mapped[str] = mapped_column(String(16))  # self / guardian / agent
    subject_name: Mapped[str] = mapped_column(String(64), default="")
    subject_phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    proxy_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    id_document: Mapped[str] = mapped_column(String(32))
    id_checked_by: Mapped[str] = mapped_column(String(64))
    window_start: Mapped[dt.datetime]
    window_end: Mapped[dt.datetime]
    purpose: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(index=True)
    received_by: Mapped[str] = mapped_column(String(64))
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    extended_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    extension_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    footage_gone: Mapped[bool] = mapped_column(Boolean, default=False)
    decision: Mapped[str | None] = mapped_column(String(16), nullable=True)
    eligibility: Mapped[str | None] = mapped_column(String(16), nullable=True)
    eligibility_note: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[dt.datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    refusal_ground: Mapped[str | None] = mapped_column(String(32), nullable=True)
    refusal_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    partial_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    viewing_at: Mapped[dt.datetime | None]
    viewing_place: Mapped[str | None] = mapped_column(String(200), nullable=True)
    others_in_frame: Mapped[bool] = mapped_column(Boolean, default=False)
    masking_done: Mapped[bool] = mapped_column(Boolean, default=False)
    masked_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    masked_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    close_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    proof: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)

    cameras: Mapped[list[CctvCamera]] = relationship(
        secondary=request_cameras, lazy="selectin", order_by="CctvCamera.number"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def ref(self) -> str:
        return f"cctv_request:{self.id}"


class CctvRequestEvent(Base):
    """A request's state history (append-only): every change with who and when."""

    __tablename__ = "cctv_request_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("cctv_requests.id"), index=True)
    at: Mapped[dt.datetime]
    actor_login: Mapped[str] = mapped_column(String(64))
    from_state: Mapped[str] = mapped_column(String(16), default="")
    to_state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")


class CctvProvision(Base):
    """A decision to provide footage to a third party (제3자 제공), e.g. to the police with an
    official document number (공문 번호) and legal basis (append-only)."""

    __tablename__ = "cctv_provisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("cctv_requests.id"), nullable=True)
    recipient: Mapped[str] = mapped_column(String(200))
    document_no: Mapped[str] = mapped_column(String(100), default="")
    legal_basis: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(Text)
    form: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(200), default="")
    camera_numbers: Mapped[str] = mapped_column(String(400))
    window_start: Mapped[dt.datetime]
    window_end: Mapped[dt.datetime]
    decided_by: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime]

    @property
    def ref(self) -> str:
        return f"cctv_provision:{self.id}"


class CctvLedgerEntry(Base):
    """One entry of the 개인영상정보 관리대장 ([별지 제3호서식]): 이용, 제공, 열람 or 파기 of footage.

    Append-only and anchored in the access log. A mistake is corrected by a new entry whose
    ``corrects_id`` names the wrong one (정정 기재), never by editing.
    """

    __tablename__ = "cctv_ledger"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # use / provide / view / destroy
    at: Mapped[dt.datetime]
    file_form: Mapped[str] = mapped_column(String(200))  # 파일명/형태
    camera_numbers: Mapped[str] = mapped_column(String(400), default="")
    window_start: Mapped[dt.datetime | None]
    window_end: Mapped[dt.datetime | None]
    staff_login: Mapped[str] = mapped_column(String(64))  # 담당자
    staff_name: Mapped[str] = mapped_column(String(64))
    witness: Mapped[str] = mapped_column(String(64), default="")  # 입회자
    purpose: Mapped[str] = mapped_column(Text)  # 목적/사유
    counterpart: Mapped[str] = mapped_column(String(200), default="")  # 제3자/열람등 요구자
    basis: Mapped[str] = mapped_column(Text, default="")  # 이용·제공 근거
    provision_form: Mapped[str] = mapped_column(String(100), default="")  # 이용·제공 형태
    period: Mapped[str] = mapped_column(String(200), default="")  # 기간
    request_id: Mapped[int | None] = mapped_column(ForeignKey("cctv_requests.id"), nullable=True)
    provision_id: Mapped[int | None] = mapped_column(ForeignKey("cctv_provisions.id"), nullable=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("cctv_ledger.id"), nullable=True)
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_cctv_ledger_at_id", "at", "id"),)

    @property
    def ref(self) -> str:
        return f"cctv_ledger:{self.id}"


APPEND_ONLY_TABLES = ("cctv_camera_changes", "cctv_request_events", "cctv_provisions", "cctv_ledger")

__all__ = [
    "APPEND_ONLY_TABLES",
    "CctvCamera",
    "CctvCameraChange",
    "CctvHold",
    "CctvLedgerEntry",
    "CctvProvision",
    "CctvRequest",
    "CctvRequestEvent",
    "hold_cameras",
    "request_cameras",
]
