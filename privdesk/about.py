"""What the 도움말 → 정보 window shows (프로그램 정보), read from what already exists: the version, the
database (its kind and where it lives — never a password), the key file, the schema revision, the
access log's head and this workstation's latest witness of it. Reading it writes no access-log entry
and needs no permission: it holds no personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from privdesk import __version__
from privdesk.audit.witness import location_of
from privdesk.context import AppContext
from privdesk.errors import PrivdeskError
from privdesk.store.migrate import current_revision, head_revision


@dataclass(frozen=True)
class AboutInfo:
    version: str
    database_kind: str  # "SQLite" or "PostgreSQL"
    database_location: str  # a file path, or postgresql://host:port/name (no user, no password)
    key_file: Path
    schema_revision: str  # "" when it cannot be read
    schema_head: str  # the newest revision this version knows
    head_mark: str  # the access log's head as printed on paper (1234·3f9a0c1b2d4e), or why not
    witness_file: Path
    witness_seq: int | None  # this workstation's latest witness of the head (None: none yet)
    witness_at: dt.datetime | None

    @property
    def schema_current(self) -> bool:
        return self.schema_revision == self.schema_head


def about(ctx: AppContext) -> AboutInfo:
    url = ctx.settings.db_url
    kind = "SQLite" if make_url(url).get_backend_name() == "sqlite" else "PostgreSQL"
    try:
        revision = current_revision(ctx.engine) or ""
    except SQLAlchemyError:  # a lost connection: "unknown", the window still opens
        revision = ""
    try:
        mark = ctx.head_mark()
    except (SQLAlchemyError, PrivdeskError):
        mark = ""
    latest = ctx.witness.latest()
    return AboutInfo(
        version=__version__,
        database_kind=kind,
        database_location=location_of(url),
        key_file=ctx.settings.key_file,
        schema_revision=revision,
        schema_head=head_revision(),
        head_mark=mark,
        witness_file=ctx.witness.path,
        witness_seq=latest.seq if latest is not None else None,
        witness_at=latest.at if latest is not None else None,
    )
