"""The one place that builds a database engine (SQLite or PostgreSQL).

SQLite: WAL, ``foreign_keys=ON``, ``secure_delete=ON``, a busy timeout, and every transaction
opened with ``BEGIN IMMEDIATE`` so two processes never read the same access-log chain head before
either writes (SQLAlchemy's documented recipe for pysqlite transaction control). The file and its
folder are created owner-only.

PostgreSQL: ``postgresql+psycopg://`` URLs; the chain head is serialised with ``SELECT … FOR
UPDATE`` in :mod:`privdesk.audit`.

Both engines hide bound parameters in exception text (``hide_parameters``): a failed statement
must never carry a name, a ciphertext or a blind index into a log file or an error dialog.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from privdesk.errors import ConfigError

BUSY_TIMEOUT_MS = 15_000


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


SEPARATED_SUFFIX = "-separated"


def separated_sqlite_path(main: Path) -> Path:
    """The separate store's SQLite file beside ``main`` (``privdesk.sqlite3`` →
    ``privdesk-separated.sqlite3``, :mod:`privdesk.lifecycle.store`)."""
    return main.with_name(f"{main.stem}{SEPARATED_SUFFIX}{main.suffix}")


def prepare_sqlite_file(path: Path) -> None:
    """Create the folder (0700) and an empty file (0600) before SQLite does, so both are owner-only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    if sys.platform != "win32":
        os.chmod(path, 0o600)


def _on_sqlite_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Take transaction control away from pysqlite; the "begin" hook below emits BEGIN IMMEDIATE.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA secure_delete = ON")
    cur.execute("PRAGMA synchronous = FULL")  # durable before witnessed (see privdesk.audit.witness)
    cur.close()


def _on_sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


_WRITES = "privdesk.writes"
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP", "TRUNCATE")


def _count_writes(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
    if statement.lstrip()[:8].upper().startswith(_WRITE_VERBS):
        conn.info[_WRITES] = conn.info.get(_WRITES, 0) + 1


def wrote_since(conn: Connection) -> Callable[[], bool]:
    """A mark on ``conn``: calling the result says whether a writing statement ran since."""
    start = conn.info.get(_WRITES, 0)
    return lambda: bool(conn.info.get(_WRITES, 0) != start)


def make_engine(url: str, *, create_file: bool = True, echo: bool = False) -> Engine:
    try:
        u = make_url(url)
    except Exception:
        raise ConfigError("데이터베이스 주소 형식이 올바르지 않습니다.") from None
    backend = u.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            if create_file:
                prepare_sqlite_file(path)
            elif not path.exists():
                raise ConfigError(f"데이터베이스 파일이 없습니다: {path}")
        engine = create_engine(url, echo=echo, poolclass=NullPool if path is None else None,
                               connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        event.listen(engine, "before_cursor_execute", _count_writes)
        return engine
    if backend == "postgresql":
        if u.get_driver_name() != "psycopg":
            raise ConfigError("PostgreSQL 주소는 postgresql+psycopg:// 로 시작해야 합니다.")
        # search_path pinned: a schema the workstations' role might create cannot shadow a table
        engine = create_engine(url, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=5,
                               hide_parameters=True, connect_args={"options": "-c search_path=public"})
        event.listen(engine, "before_cursor_execute", _count_writes)
        return engine
    raise ConfigError(f"지원하지 않는 데이터베이스입니다: {backend}")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
