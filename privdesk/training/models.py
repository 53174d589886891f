"""Tables of staff training (개인정보 보호 교육).

- ``training_sessions`` (append-only): one row per session (교육 회차) — the day, title, 내부/외부,
  hours, the material's reference (교재·자료) and the instructor, who recorded it and when.
- ``training_attendance`` (append-only): one row per account that attended a session (이수 기록),
  who recorded it and when; an account attends a session once.

- ``training_attendance_cancels`` (append-only): an attendance recorded by mistake, cancelled with a
  required reason (the attendance row stays; the corrected view leaves it out).

A session's facts are corrected like the disclosure ledger's entries: a new ``training_sessions``
row naming the row it corrects (``corrects_id``) and the session it belongs to (``root_id``: the
first row, whose number is the session's number and which the attendance names), with a required
reason; the original stays, shown as corrected. All are records the hospital shows an inspector:
the database refuses UPDATE and DELETE (:mod:`privdesk.audit.protections`). No personal data of any data subject: staff accounts only.
Imported by :mod:`privdesk.schema` so Alembic sees these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.store.models import Base

INTERNAL, EXTERNAL = "internal", "external"
KIND_LABELS = {INTERNAL: "내부", EXTERNAL: "외부"}


class TrainingSession(Base):
    """One training session (교육 회차), append-only."""

    __tablename__ = "training_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # internal / external
    minutes: Mapped[int] = mapped_column(Integer)  # the hours, in minutes (1.5시간 = 90)
    material: Mapped[str] = mapped_column(Text, default="")  # 교재·자료 (file name, document number)
    instructor: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str] = mapped_column(String(64))
    # a correcting row (정정): the row it corrects and the session's first row; None on a first row
    corrects_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True, unique=True)
    root_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)  # the correction's reason

    @property
    def session_no(self) -> int:
        """The session's number (its first row's id), the same for every corrected version."""
        return self.root_id if self.root_id is not None else self.id


class TrainingAttendance(Base):
    """An account attended a session (이수), append-only."""

    __tablename__ = "training_attendance"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("session_id", "account_id"),)


class TrainingAttendanceCancel(Base):
    """An attendance recorded by mistake, cancelled (이수 기록 취소), append-only."""

    __tablename__ = "training_attendance_cancels"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attendance_id: Mapped[int] = mapped_column(ForeignKey("training_attendance.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str] = mapped_column(String(64))


APPEND_ONLY = ("training_sessions", "training_attendance", "training_attendance_cancels")
