"""The backups made of this database (백업 기록): one row per archive privdesk wrote.

No personal data: the archive's file name, folder, size and SHA-256, when and by whom it was made,
the access log's head it holds. ``rotated`` is True when the archive went to the configured backup
folder (``[backup] folder``), where the rotation removes it later (``removed_at``); a backup written
elsewhere with ``--out`` stays until somebody removes it. The start page's age of the last good
backup and the destruction records' "copies may exist until" date are read from here.

Imported by :mod:`privdesk.store.models` at its end so Alembic sees this table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.store.models import Base


class BackupRecord(Base):
    __tablename__ = "backups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    folder: Mapped[str] = mapped_column(Text)
    made_at: Mapped[dt.datetime]
    made_by: Mapped[str] = mapped_column(String(64))
    backend: Mapped[str] = mapped_column(String(16))
    head_seq: Mapped[int] = mapped_column(BigInteger)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    rotated: Mapped[bool] = mapped_column(Boolean, default=False)
    removed_at: Mapped[dt.datetime | None]

    __table_args__ = (Index("ix_backups_made_at", "made_at"),)


__all__ = ["BackupRecord"]
