"""A consistent snapshot of the database while others keep working (백업 시점의 사본).

SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies the main file, then the
separate store's file, each in one step — one read transaction, which in WAL mode never blocks the
other workstations' writers (they commit into the WAL meanwhile). The main file goes first: every
write that spans both files (separation, destruction) is ordered so that an interruption leaves
a duplicate, never a loss (:mod:`privdesk.lifecycle.store`), and a snapshot taken in that order is
one such interruption. Each copy goes to a temporary owner-only file beside the database (same disk,
same protection as the database itself), is read into the encrypted archive and then overwritten
with zeros and removed (:func:`privdesk.files.wipe`); one left behind by a killed backup is wiped
by the next backup and by every destruction's scrub (:func:`wipe_stale`). The manifest's row counts
and head are read from the copy itself.

PostgreSQL: ``pg_dump`` in its custom format of the schemas ``public`` and ``separated``, without
owners and privileges (the restore makes them the restoring role's, see :mod:`privdesk.backup.load`),
in a snapshot exported by a repeatable-read transaction of privdesk's own, in which the manifest's
row counts and head are read: the dump and the manifest are the same instant.
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine

from privdesk.backup import pgtools
from privdesk.errors import BackupError
from privdesk.files import wipe

SNAPSHOT_PREFIX = ".privdesk-snapshot-"
PG_SCHEMAS = ("public", "separated")
BLOCK = 1 << 20
Write = Callable[[bytes], None]


@dataclass(frozen=True)
class State:
    """What the snapshot holds: row counts per table (per file or schema), the access log's head
    and the schema revision."""

    counts: dict[str, dict[str, int]]
    head_seq: int
    head_hash: str
    revision: str


# -- SQLite -------------------------------------------------------------------------------------------
def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def wipe_stale(folder: Path) -> int:
    """Wipe snapshot files left in ``folder`` by a backup that was killed (its process is gone)."""
    n = 0
    try:
        names = [p for p in Path(folder).iterdir() if p.name.startswith(SNAPSHOT_PREFIX)]
    except OSError:
        return 0
    for path in names:
        m = re.match(re.escape(SNAPSHOT_PREFIX) + r"(\d+)-", path.name)
        if m is not None and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            n += wipe(path)
    return n


@contextmanager
def sqlite_copy(source: Path) -> Iterator[Path]:
    """A consistent copy of the SQLite file ``source`` (online backup API, one step), in an
    owner-only temporary file beside it; wiped afterwards."""
    folder = source.parent
    tmp = folder / f"{SNAPSHOT_PREFIX}{os.getpid()}-{secrets.token_hex(6)}.sqlite3"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        with (
            closing(sqlite3.connect(str(source), timeout=15)) as src,
            closing(sqlite3.connect(str(tmp))) as dst,
        ):
            src.execute("PRAGMA busy_timeout = 15000")
            dst.execute("PRAGMA journal_mode = OFF")
            dst.execute("PRAGMA synchronous = OFF")
            src.backup(dst)  # pages=-1: everything in one step, one read transaction
        yield tmp
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            wipe(Path(f"{tmp}{suffix}"))


def _readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1", uri=True)


def sqlite_counts(path: Path) -> dict[str, int]:
    """Rows per table of a SQLite file (read-only, nothing written beside it)."""
    with closing(_readonly(path)) as conn:
        names = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {n: int(conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]) for n in names}


def sqlite_state(main: Path, separated: Path | None) -> State:
    counts = {"main": sqlite_counts(main)}
    if separated is not None:
        counts["separated"] = sqlite_counts(separated)
    with closing(_readonly(main)) as conn:
        seq, digest = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    return State(counts, int(seq), bytes(digest).hex(), str(revision))


def stream_file(path: Path, write: Write) -> None:
    with path.open("rb") as fh:
        while block := fh.read(BLOCK):
            write(block)


# -- PostgreSQL ---------------------------------------------------------------------------------------
def _pg_state(conn: Any) -> State:
    counts: dict[str, dict[str, int]] = {}
    for schema in PG_SCHEMAS:
        tables = [
            str(r[0])
            for r in conn.exec_driver_sql(
                "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = %s ORDER BY tablename",
                (schema,),
            )
        ]
        counts[schema] = {
            t: int(conn.exec_driver_sql(f'SELECT COUNT(*) FROM "{schema}"."{t}"').scalar_one())
            for t in tables
        }
    seq, digest = conn.exec_driver_sql("SELECT seq, hash FROM public.audit_head WHERE id = 1").one()
    revision = conn.exec_driver_sql("SELECT version_num FROM public.alembic_version").scalar_one()
    return State(counts, int(seq), bytes(digest).hex(), str(revision))


@contextmanager
def pg_snapshot(engine: Engine) -> Iterator[tuple[str, State]]:
    """A repeatable-read transaction held open while the dump runs: its exported snapshot id and
    the state read in it."""
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        snapshot = str(conn.exec_driver_sql("SELECT pg_catalog.pg_export_snapshot()").scalar_one())
        yield snapshot, _pg_state(conn)


def pg_dump(db_url: str, snapshot: str, write: Write, *, compress: int = 1) -> None:
    """Stream ``pg_dump -Fc`` of the privdesk schemas, taken in ``snapshot``, into ``write``."""
    tool = pgtools.require("pg_dump")["pg_dump"]
    info, env = pgtools.conninfo(db_url)
    args = [
        tool,
        "--format=custom",
        f"--compress={compress}",
        "--no-owner",
        "--no-privileges",
        f"--snapshot={snapshot}",
        *(f"--schema={s}" for s in PG_SCHEMAS),
        f"--dbname={info}",
    ]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, env=env)
        assert proc.stdout is not None
        try:
            while block := proc.stdout.read(BLOCK):
                write(block)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            proc.stdout.close()
        rc = proc.wait()
        if rc != 0:
            err.seek(0)
            raise pgtools.tool_failure(tool, err.read().decode(errors="replace"), "백업")


def pg_tools_missing() -> str | None:
    """Why a PostgreSQL backup cannot run here (None when pg_dump is there)."""
    try:
        pgtools.require("pg_dump")
    except BackupError as exc:
        return str(exc)
    return None
