"""Tables of the yearly usage notice (이용·제공 내역 통지, 법 제20조의2). All append-only.

- ``notice_batches``: one row per batch made — the year, its issue (1 = the year's batch, 2, 3 … =
  a numbered reissue), the output (``pdf`` letters or ``csv`` for a mail/SMS service), how many
  patients, who made it, when and why (the reason, required: the batch holds personal data).
- ``notice_letters``: one row per patient in a batch (the patient by internal id, no foreign key:
  the row outlives the patient's destruction and holds no personal data), with the number of
  third-party provisions the letter listed.
- ``notice_deliveries``: what happened to a letter — sent (발송) or returned (반송) — who recorded
  it and when, with a note; a later row supersedes an earlier one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.store.models import Base

PDF, CSV = "pdf", "csv"
SENT, RETURNED = "sent", "returned"
STATE_LABELS = {SENT: "발송", RETURNED: "반송"}


class NoticeBatch(Base):
    """One yearly batch (or a numbered reissue), append-only."""

    __tablename__ = "notice_batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    issue: Mapped[int] = mapped_column(Integer)  # 1 = the year's batch; 2, 3 … reissues
    output: Mapped[str] = mapped_column(String(8))  # pdf / csv
    patients: Mapped[int] = mapped_column(Integer)
    provisions: Mapped[int] = mapped_column(Integer)  # third-party provisions of the year listed
    made_at: Mapped[dt.datetime]
    made_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("year", "issue"),)


class NoticeLetter(Base):
    """One patient's letter in a batch, append-only."""

    __tablename__ = "notice_letters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("notice_batches.id"), index=True)
    patient_id: Mapped[int] = mapped_column(Integer, index=True)
    provisions: Mapped[int] = mapped_column(Integer, default=0)


class NoticeDelivery(Base):
    """A letter sent or returned, append-only (the latest row counts)."""

    __tablename__ = "notice_deliveries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("notice_letters.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))  # sent / returned
    at: Mapped[dt.datetime]
    by_login: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


APPEND_ONLY = ("notice_batches", "notice_letters", "notice_deliveries")
