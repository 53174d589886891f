"""Tables of consent (동의 기록, 개인정보 보호법 제15조①1·제17조①1·제22조).

``consent_texts`` (append-only): every draft (초안) and every published version (게시본) of the
consent text of one purpose is a row that is never changed or deleted — the policy's way
(:mod:`privdesk.policy.models`). Publishing inserts a new row, ``state = 'published'``, with the
purpose's next ``version`` (1, 2, 3 …), the effective date (시행일), who published it and whether
the change needs fresh consent (``requires_fresh_consent``, see :mod:`privdesk.consent.texts`).

``consent_records`` (append-only): one row per consent given (``given``) or withdrawn
(``withdrawn``) by a patient for a purpose. A withdrawal is a later row, never an UPDATE. The row
names the text version agreed to, when, how (서면 — the scanned form's reference; 키오스크; 구두 —
the witnessing staff account; 정보주체 요구 — the data-subject request), and by whom (본인 /
법정대리인). The representative's name is kept **masked** (홍*동), like the names in the
disclosure ledger: the rows can never be changed, so they must not hold a value that a later
destruction of the patient's record (파기) or a key rotation would have to rewrite; the full name
is on the scanned form the reference points to. Notes carry no personal data
(:func:`privdesk.fields.reason`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.store.models import Base

DRAFT = "draft"
PUBLISHED = "published"

GIVEN = "given"
WITHDRAWN = "withdrawn"

PAPER = "paper"  # 서면 (scanned form reference)
KIOSK = "kiosk"  # 키오스크
VERBAL = "verbal"  # 구두 (a staff witness)
REQUEST = "request"  # 정보주체 요구 (동의철회 request completed)

SELF = "self"  # 본인
REPRESENTATIVE = "representative"  # 법정대리인


class ConsentText(Base):
    """A draft or a published version of the consent text of one purpose (append-only)."""

    __tablename__ = "consent_texts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # published only
    state: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    effective_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    requires_fresh_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    source_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # published: the draft's id
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[dt.datetime | None]
    published_by: Mapped[str | None] = mapped_column(String(64), nullable=True)

    __table_args__ = (UniqueConstraint("purpose", "version", name="uq_consent_texts_purpose_version"),)

    @property
    def ref(self) -> str:
        return f"consent_text:{self.id}"


class ConsentRecord(Base):
    """One consent given or withdrawn by a patient for a purpose (append-only)."""

    __tablename__ = "consent_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(16))  # given / withdrawn
    text_id: Mapped[int | None] = mapped_column(ForeignKey("consent_texts.id"), nullable=True)
    at: Mapped[dt.datetime]  # when it was given or withdrawn
    method: Mapped[str] = mapped_column(String(16))  # paper / kiosk / verbal / request
    form_ref: Mapped[str] = mapped_column(String(200), default="")  # 서면: scanned form reference
    witness: Mapped[str] = mapped_column(String(64), default="")  # 구두: the witnessing account
    signer: Mapped[str] = mapped_column(String(16))  # self / representative
    representative: Mapped[str] = mapped_column(String(100), default="")  # masked name
    relation: Mapped[str] = mapped_column(String(50), default="")  # 법정대리인의 관계 (부, 모, 후견인 …)
    request_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_consent_records_patient_purpose", "patient_id", "purpose", "at", "id"),
        # the start screen's count of consents to stale versions (outdated_count), migration 0810
        Index("ix_consent_records_purpose_text", "purpose", "action", "text_id"),
    )

    @property
    def ref(self) -> str:
        return f"consent:{self.id}"
