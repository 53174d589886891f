"""Tables of the monthly access-log review (접속기록 점검, 안전성 확보조치 기준 제8조②).

- ``review_months``: one row per month reviewed — the month's totals and per-account summary as the
  last ``run`` computed them (mutable until the month is signed; afterwards never written).
- ``review_findings``: a finding (발견 사항) with a stable key ``month|kind|account|key`` so a
  re-run keeps the results and justifications of findings that are still present; ``present`` is
  cleared when a re-run no longer finds it. ``seqs`` lists the access-log entries behind it (up to
  the configured cap; ``entry_count`` is exact). Mutable until the month is signed.
- ``review_results`` (append-only): the reviewer's result per finding; a later row supersedes.
- ``review_justifications`` (append-only): a 소명 request sent to the account behind a finding.
- ``review_justification_events`` (append-only): the answer (by that account), the acceptance or
  rejection (by a reviewer).
- ``review_signoffs`` (append-only, anchored in the access log): the month closed — reviewer, time,
  the log's head at that moment, the counts, and a digest of the findings and their results.

No personal data in any of them: accounts by login, patients never (only the count).
Imported by :mod:`privdesk.store.models` at its end so Alembic sees these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.store.models import Base

SIGNOFFS = "review_signoffs"


class ReviewMonth(Base):
    """The month's totals and per-account summary (JSON) from the last run."""

    __tablename__ = "review_months"
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # 2026-11
    computed_at: Mapped[dt.datetime]
    computed_by: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int] = mapped_column(Integer, default=0)
    first_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    last_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    accounts: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of summaries


class ReviewFinding(Base):
    """One finding of a month (발견 사항)."""

    __tablename__ = "review_findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fkey: Mapped[str] = mapped_column(String(200), unique=True)  # month|kind|account|key
    month: Mapped[str] = mapped_column(String(7), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    account: Mapped[str | None] = mapped_column(String(64), nullable=True)
    department: Mapped[str | None] = mapped_column(String(64), nullable=True)
    summary: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text)
    entry_count: Mapped[int] = mapped_column(Integer, default=0)
    weight: Mapped[int] = mapped_column(Integer, default=1)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    seqs: Mapped[str] = mapped_column(Text, default="")  # comma separated, capped
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    found_at: Mapped[dt.datetime]


class ReviewResult(Base):
    """A result recorded for a finding (append-only; the latest counts)."""

    __tablename__ = "review_results"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("review_findings.id"), index=True)
    result: Mapped[str] = mapped_column(String(16))  # normal / action
    note: Mapped[str] = mapped_column(Text)
    by_login: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]


class ReviewJustification(Base):
    """A 소명 request (append-only): addressed to the account behind the finding."""

    __tablename__ = "review_justifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("review_findings.id"), index=True)
    account: Mapped[str] = mapped_column(String(64), index=True)
    asked_by: Mapped[str] = mapped_column(String(64))
    asked_at: Mapped[dt.datetime]
    message: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date] = mapped_column(Date)


class ReviewJustificationEvent(Base):
    """An answer, an acceptance or a rejection of a 소명 (append-only)."""

    __tablename__ = "review_justification_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    justification_id: Mapped[int] = mapped_column(ForeignKey("review_justifications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # answer / accept / reject
    by_login: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]
    text: Mapped[str] = mapped_column(Text)


class ReviewSignOff(Base):
    """The month signed off (append-only, anchored): one row per month."""

    __tablename__ = SIGNOFFS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), unique=True)
    by_login: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]
    head_seq: Mapped[int] = mapped_column(BigInteger)
    head_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    findings: Mapped[int] = mapped_column(Integer)
    normal: Mapped[int] = mapped_column(Integer)
    action: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))  # sha256 of the findings and results


Index("ix_review_findings_account_month", ReviewFinding.account, ReviewFinding.month)

APPEND_ONLY = ("review_results", "review_justifications", "review_justification_events", SIGNOFFS)
