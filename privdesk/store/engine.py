"""The one place that builds a database engine (SQLite or PostgreSQL).

SQLite: WAL, ``foreign_keys=ON``, ``secure_delete=ON``, a busy timeout, and every transaction
opened with ``BEGIN IMMEDIATE`` so two processes never read the same access-log chain head before
either writes (SQLAlchemy's documented recipe for pysqlite transaction control) — except a read-only
transaction (:data:`READ_ONLY`, a connection execution option): plain ``BEGIN`` under
``PRAGMA query_only``, so a screen that only reads neither waits for nor holds the write lock, and
SQLite itself refuses a write in it. The file and its folder are created owner-only.

PostgreSQL: ``postgresql+psycopg://`` URLs; the chain head is serialised with ``SELECT … FOR
UPDATE`` in :mod:`privdesk.audit`.

Both engines hide bound parameters in exception text (``hide_parameters``): a failed statement
must never carry a name, a ciphertext or a blind index into a log file or an error dialog.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from privdesk.errors import ConfigError, DatabaseError, NotInitializedError
from privdesk.korean import josa

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


SQLITE_HEADER = b"SQLite format 3\x00"
PRIVDESK_TABLES = frozenset({"meta", "alembic_version"})  # what an initialised (or initialising) file has


def _not_a_database(path: Path, why: str) -> DatabaseError:
    return DatabaseError(
        "not_database",
        f"{josa(path, '은/는')} privdesk 데이터베이스가 아닙니다({why}). --db에 privdesk "
        "데이터베이스 파일을 지정하십시오. 이 파일은 바꾸지 않았습니다.",
    )


def _unreadable(path: Path) -> DatabaseError:
    return DatabaseError(
        "unreadable", f"데이터베이스 파일을 읽을 권한이 없습니다: {path}. 파일 권한을 확인하십시오."
    )


def read_only_database(path: Path | str) -> DatabaseError:
    return DatabaseError(
        "read_only",
        f"데이터베이스에 쓸 수 없습니다(읽기 전용): {path}. privdesk는 모든 작업을 접속기록에 "
        "남기므로 쓰기 권한이 필요합니다. 파일 권한과 저장 장치(읽기 전용 여부)를 확인하십시오.",
    )


def _tables(path: Path) -> set[str]:
    """The table names of an existing SQLite file, read without changing a byte (read-only)."""
    # Without a -wal file beside it the file is read as immutable: no lock, no -shm is created.
    wal = Path(f"{path}-wal").exists()
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("" if wal else "&immutable=1")
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
            return {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code == sqlite3.SQLITE_NOTADB or code == sqlite3.SQLITE_CORRUPT:
            raise _not_a_database(path, "손상되었거나 SQLite 데이터베이스가 아님") from None
        if code in (sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
            raise _unreadable(path) from None
        if code == sqlite3.SQLITE_CANTOPEN:  # WAL without its -shm in a folder we may not write
            raise read_only_database(path) from None
        raise


def check_sqlite_file(path: Path, *, create: bool, main: bool) -> None:
    """Refuse, before SQLite touches it, a file privdesk must not open (SQLite would rewrite a
    0-byte or foreign file into a database of its own). ``create``: a missing or 0-byte file may
    become a database (``privdesk init``, the separated store). ``main``: the file must be (or, with
    ``create``, become) privdesk's own database — a SQLite file of another program is refused."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if create:
            return
        raise NotInitializedError() from None
    except PermissionError:
        raise _unreadable(path) from None
    if stat.S_ISDIR(st.st_mode):
        raise DatabaseError(
            "not_database",
            f"{josa(path, '은/는')} 폴더입니다. --db에는 privdesk 데이터베이스 파일"
            "(예: privdesk.sqlite3)을 지정하십시오.",
        )
    if not stat.S_ISREG(st.st_mode):
        raise _not_a_database(path, "일반 파일이 아님")
    if st.st_size == 0:
        if create:
            return
        raise DatabaseError(
            "empty",
            f"{josa(path, '은/는')} 빈 파일이라 privdesk 데이터베이스가 아닙니다. 새 데이터베이스는 "
            "'privdesk init'으로 만드십시오. 이 파일은 바꾸지 않았습니다.",
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except PermissionError:
        raise _unreadable(path) from None
    if head != SQLITE_HEADER:
        raise _not_a_database(path, "SQLite 데이터베이스 파일이 아님")
    if not main:
        return
    tables = _tables(path)
    if tables and not tables & PRIVDESK_TABLES:
        raise _not_a_database(path, "다른 프로그램의 SQLite 데이터베이스")
    if not create and "meta" not in tables:
        raise NotInitializedError()
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK):
        raise read_only_database(path)


def prepare_sqlite_file(path: Path) -> None:
    """Create the folder (0700) and an empty file (0600) before SQLite does, so both are owner-only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass  # there already (two first opens at once — e.g. the separate store from two tasks)
    else:
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


READ_ONLY = "privdesk_read_only"
"""Execution option: the transaction about to begin only reads (see the module docstring).
PostgreSQL: the unit issues ``SET TRANSACTION READ ONLY`` itself."""

_QUERY_ONLY = "privdesk.query_only"


def _on_sqlite_begin(conn: Any) -> None:
    read_only = bool(conn.get_execution_options().get(READ_ONLY))
    if read_only != conn.info.get(_QUERY_ONLY, False):  # outside any transaction: may change
        conn.exec_driver_sql(f"PRAGMA query_only = {int(read_only)}")
        conn.info[_QUERY_ONLY] = read_only
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


_WRITES = "privdesk.writes"
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP", "TRUNCATE")


def _count_writes(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
    if statement.lstrip()[:8].upper().startswith(_WRITE_VERBS):
        conn.info[_WRITES] = conn.info.get(_WRITES, 0) + 1


def count_write(conn: Connection) -> None:
    """Count a write made on ``conn``'s driver connection past SQLAlchemy's ``execute`` (the
    importer's ``COPY`` on PostgreSQL), which the statement listener above does not see."""
    conn.info[_WRITES] = conn.info.get(_WRITES, 0) + 1


def wrote_since(conn: Connection) -> Callable[[], bool]:
    """A mark on ``conn``: calling the result says whether a writing statement ran since."""
    start = conn.info.get(_WRITES, 0)
    return lambda: bool(conn.info.get(_WRITES, 0) != start)


def make_engine(url: str, *, create_file: bool = True, echo: bool = False, main: bool = False) -> Engine:
    """The engine for ``url``. ``create_file``: a SQLite file may be created (owner-only).
    ``main``: the file is privdesk's own database (implied without ``create_file``): a file that is
    not one is refused before SQLite opens it (:func:`check_sqlite_file`)."""
    try:
        u = make_url(url)
    except Exception:
        raise ConfigError("데이터베이스 주소 형식이 올바르지 않습니다.") from None
    backend = u.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            check_sqlite_file(path, create=create_file, main=main or not create_file)
            if create_file:
                prepare_sqlite_file(path)
        engine = create_engine(
            url,
            echo=echo,
            poolclass=NullPool if path is None else None,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
            hide_parameters=True,
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        event.listen(engine, "before_cursor_execute", _count_writes)
        return engine
    if backend == "postgresql":
        if u.get_driver_name() != "psycopg":
            raise ConfigError("PostgreSQL 주소는 postgresql+psycopg:// 로 시작해야 합니다.")
        # search_path pinned: a schema the workstations' role might create cannot shadow a table
        engine = create_engine(
            url,
            echo=echo,
            pool_pre_ping=True,
            pool_size=5,
            max_overflow=5,
            hide_parameters=True,
            connect_args={"options": "-c search_path=public"},
        )
        event.listen(engine, "before_cursor_execute", _count_writes)
        return engine
    raise ConfigError(f"지원하지 않는 데이터베이스입니다: {backend}")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
