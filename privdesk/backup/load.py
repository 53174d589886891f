"""Putting a backup's data into an empty database (복원 적재), all or nothing.

A restored database must never be used before the restore has re-applied the destructions made
after the backup (:mod:`privdesk.restore`). So the data arrives together with a marker,
``meta.restore_pending``, in one atomic step, and :func:`privdesk.opening.open_context` refuses a
database that carries it; the restore removes it as its very last step.

SQLite: each part is decrypted into a temporary owner-only file beside its target (the safe
writer's :func:`privdesk.files.stage`), the row counts are compared with the manifest, the marker
is written into the main file, then the separate store's file and last the main file are renamed
into place. A restore killed before that leaves only temporary files (wiped by the next attempt);
after it, the main file with its marker (finished by the next attempt).

PostgreSQL: the archive is first read completely (every chunk, every hash) with ``pg_restore -l``
listing the dump's contents; then the dump is decrypted again into ``pg_restore -f -`` whose SQL
goes, between a ``BEGIN`` and the marker's ``INSERT`` + ``COMMIT`` written by privdesk, into
``psql`` — one transaction: a restore killed at any point before the ``COMMIT`` leaves the database
as empty as it was. The objects belong to the restoring role (the tables' owner); the workstations'
role gets its rights with ``--grant ROLE`` afterwards.
"""

from __future__ import annotations

import sqlite3
import subprocess
import tempfile
import threading
from collections.abc import Callable
from contextlib import closing, suppress
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, inspect, text

from privdesk import files
from privdesk.backup import archive, pgtools, snapshot
from privdesk.crypto import KeyRing
from privdesk.errors import BackupError
from privdesk.korean import josa
from privdesk.store.engine import separated_sqlite_path

MARKER = "restore_pending"
Progress = Callable[[int, int], None] | None


Marker = Callable[[archive.Contents], str]  # the marker's value for what the archive held


# -- SQLite -------------------------------------------------------------------------------------------
def _tables_of(path: Path) -> set[str] | None:
    """The tables of an existing SQLite file (None: no file or an empty one)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            return {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        raise BackupError(
            "not_empty",
            f"{josa(path, '은/는')} SQLite 데이터베이스가 아닌 파일입니다. 복원은 비어 있는 "
            "데이터베이스(없는 파일)에만 합니다. 다른 파일 이름을 지정하십시오.",
        ) from None


def sqlite_pending(main: Path) -> str | None:
    """The marker of an unfinished restore in a SQLite file, None when the target is empty;
    a :class:`BackupError` when it holds a database of its own."""
    separated = separated_sqlite_path(main)
    tables = _tables_of(main)
    if tables:
        if "meta" in tables:
            with closing(sqlite3.connect(f"file:{main}?mode=ro", uri=True)) as conn:
                row = conn.execute("SELECT value FROM meta WHERE key = ?", (MARKER,)).fetchone()
            if row is not None:
                return str(row[0])
        raise _not_empty(main)
    if _tables_of(separated):
        raise BackupError(
            "not_empty",
            f"복원할 자리에 분리보관 저장소 파일이 이미 있습니다: {separated}. 복원은 비어 있는 "
            "데이터베이스에만 합니다(기존 데이터를 덮어쓰지 않습니다). 다른 파일 이름을 "
            "지정하십시오.",
        )
    return None


def _not_empty(where: object) -> BackupError:
    return BackupError(
        "not_empty",
        f"복원할 데이터베이스가 비어 있지 않습니다: {where}. 복원은 비어 있는 데이터베이스"
        "(SQLite: 없는 파일, PostgreSQL: 새로 만든 빈 데이터베이스)에만 합니다. 기존 데이터를 "
        "덮어쓰지 않았습니다.",
    )


def _wipe_partial(main: Path) -> None:
    for target in (main, separated_sqlite_path(main)):
        for leftover in target.parent.glob(f".{target.name}.*.part"):
            files.wipe(leftover)


def load_sqlite(
    path: Path, keys: KeyRing, key_file: Path | str, main: Path, marker: Marker, progress: Progress = None
) -> archive.Contents:
    """Decrypt the archive's SQLite files into place at ``main`` (and its separate store), with the
    marker; returns what the archive held (checked against its manifest)."""
    _wipe_partial(main)
    main.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    targets = {"sqlite-main": main, "sqlite-separated": separated_sqlite_path(main)}
    staged: dict[str, files.Staged] = {}

    def sink(part: archive.Part) -> Callable[[bytes], None]:
        target = targets.get(part.kind)
        if target is None or part.kind in staged:
            raise BackupError("damaged", f"백업 파일에 알 수 없는 부분이 있습니다: {part.name}.")
        exists = target.exists()
        staged[part.kind] = files.stage(
            files.Output(target, force=exists and target.stat().st_size == 0), binary=True
        )
        fh = staged[part.kind].fh

        def write(data: bytes) -> None:
            fh.write(data)

        return write

    try:
        contents = archive.read_archive(path, keys, key_file, sink=sink, progress=progress)
        if contents.header.backend != "sqlite" or "sqlite-main" not in staged:
            raise BackupError("damaged", f"백업 {path.name}에 SQLite 데이터베이스가 없습니다.")
        for st in staged.values():
            st.finish()
        expected = contents.manifest["counts"]
        for kind, name in (("sqlite-main", "main"), ("sqlite-separated", "separated")):
            if kind in staged and snapshot.sqlite_counts(staged[kind].tmp) != expected.get(name):
                raise BackupError(
                    "counts", f"복원한 {name} 파일의 표별 행 수가 백업 목록(매니페스트)과 다릅니다."
                )
        with closing(sqlite3.connect(str(staged["sqlite-main"].tmp), isolation_level=None)) as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (MARKER, marker(contents)))
        if "sqlite-separated" in staged:
            staged["sqlite-separated"].publish()
        staged["sqlite-main"].publish()
        return contents
    finally:
        for st in staged.values():
            if not st.published:
                st.discard()
                files.wipe(st.tmp)
                for suffix in ("-wal", "-shm", "-journal"):
                    files.wipe(Path(f"{st.tmp}{suffix}"))


# -- PostgreSQL ---------------------------------------------------------------------------------------
def pg_pending(engine: Engine) -> str | None:
    """The marker of an unfinished restore, None when the database is empty; a
    :class:`BackupError` when it holds data of its own."""
    insp = inspect(engine)
    tables = insp.get_table_names(schema="public")
    separated = "separated" in insp.get_schema_names()
    if not tables and not separated:
        return None
    if "meta" in tables:
        with engine.connect() as conn:
            value = conn.execute(
                text("SELECT value FROM meta WHERE key = :k"), {"k": MARKER}
            ).scalar_one_or_none()
        if value is not None:
            return str(value)
    raise _not_empty(engine.url.render_as_string(hide_password=True))


def _dump_sink(proc: subprocess.Popen[bytes]) -> Callable[[archive.Part], Callable[[bytes], None] | None]:
    def sink(part: archive.Part) -> Callable[[bytes], None] | None:
        if part.kind != "pg_dump":
            raise BackupError("damaged", f"백업 파일에 알 수 없는 부분이 있습니다: {part.name}.")
        stdin = proc.stdin
        assert stdin is not None
        state = {"open": True}

        def write(data: bytes) -> None:
            if state["open"]:
                try:
                    stdin.write(data)
                except (BrokenPipeError, ValueError):
                    state["open"] = False  # the tool has read what it needs (pg_restore -l)

        return write

    return sink


def _filtered_toc(listing: str) -> str:
    """The dump's table of contents without the ``public`` schema itself (an empty database has it)."""
    keep = []
    for line in listing.splitlines():
        if " SCHEMA - public " in line or " COMMENT - SCHEMA public " in line:
            keep.append(";" + line)
        else:
            keep.append(line)
    return "\n".join(keep) + "\n"


def _read(fh: IO[bytes]) -> str:
    fh.seek(0)
    return fh.read().decode(errors="replace")


def load_pg(
    path: Path, keys: KeyRing, key_file: Path | str, db_url: str, marker: Marker, progress: Progress = None
) -> archive.Contents:
    """Verify the archive, then load its dump into the empty database at ``db_url`` in one
    transaction together with the marker (see the module docstring)."""
    tools = pgtools.require("pg_restore", "psql")
    info, env = pgtools.conninfo(db_url)
    with tempfile.TemporaryFile() as toc_out, tempfile.TemporaryFile() as toc_err:
        lister = subprocess.Popen(
            [tools["pg_restore"], "--list"], stdin=subprocess.PIPE, stdout=toc_out, stderr=toc_err, env=env
        )
        try:
            contents = archive.read_archive(
                path,
                keys,
                key_file,
                sink=_dump_sink(lister),
                progress=None if progress is None else (lambda d, t: progress(d, 2 * t)),
            )
        finally:
            with suppress(OSError, ValueError):
                assert lister.stdin is not None
                lister.stdin.close()
            rc = lister.wait()
        if contents.header.backend != "postgresql":
            raise BackupError(
                "damaged", f"백업 {josa(path.name, '은/는')} PostgreSQL 데이터베이스의 백업이 아닙니다."
            )
        if rc != 0:
            raise pgtools.tool_failure(tools["pg_restore"], _read(toc_err), "복원 목록을 읽지")
        toc = _filtered_toc(_read(toc_out))
    with (
        tempfile.NamedTemporaryFile("w", suffix=".toc", encoding="utf-8") as listfile,
        tempfile.TemporaryFile() as psql_err,
        tempfile.TemporaryFile() as restore_err,
    ):
        listfile.write(toc)
        listfile.flush()
        psql = subprocess.Popen(
            [
                tools["psql"],
                "--no-psqlrc",
                "--quiet",
                "--set",
                "ON_ERROR_STOP=1",
                f"--dbname={info}",
                "--file=-",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_err,
            env=env,
        )
        restore = subprocess.Popen(
            [tools["pg_restore"], "--no-owner", "--no-privileges", f"--use-list={listfile.name}", "--file=-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=restore_err,
            env=env,
        )
        relay = _Relay(restore, psql)
        committed = False
        try:
            relay.start()
            total = contents.size
            archive.read_archive(
                path,
                keys,
                key_file,
                sink=_dump_sink(restore),
                progress=None if progress is None else (lambda d, _t: progress(total + d, 2 * total)),
            )
            assert restore.stdin is not None
            restore.stdin.close()
            rc = restore.wait()
            relay.join()
            if rc != 0:
                raise pgtools.tool_failure(tools["pg_restore"], _read(restore_err), "복원")
            if relay.error is not None:
                raise pgtools.tool_failure(tools["psql"], _read(psql_err), "복원")
            _commit(psql, marker(contents))
            if psql.wait() != 0:
                raise pgtools.tool_failure(tools["psql"], _read(psql_err), "복원")
            committed = True
        finally:
            if not committed:
                # psql first: with its input cut short it must never reach a COMMIT
                for proc in (psql, restore):
                    with suppress(OSError):
                        proc.kill()
                for proc in (psql, restore):
                    with suppress(OSError):
                        proc.wait()
                relay.join()
    return contents


def _commit(psql: subprocess.Popen[bytes], marker: str) -> None:
    """The marker and the ``COMMIT``: the data, the marker and nothing else, all at once."""
    assert psql.stdin is not None
    value = marker.replace("'", "''")
    psql.stdin.write(
        f"INSERT INTO public.meta (key, value) VALUES ('{MARKER}', '{value}');\nCOMMIT;\n".encode()
    )
    psql.stdin.close()


class _Relay(threading.Thread):
    """Copies pg_restore's SQL into psql after a ``BEGIN`` (the ``COMMIT`` is written by the caller
    only when everything before it succeeded)."""

    def __init__(self, restore: subprocess.Popen[bytes], psql: subprocess.Popen[bytes]) -> None:
        super().__init__(name="privdesk-restore-relay", daemon=True)
        self._restore, self._psql = restore, psql
        self.error: BaseException | None = None

    def run(self) -> None:
        src, dst = self._restore.stdout, self._psql.stdin
        assert src is not None and dst is not None
        try:
            dst.write(b"BEGIN;\n")
            while block := src.read(1 << 20):
                dst.write(block)
            dst.flush()
        except (OSError, ValueError) as exc:
            self.error = exc
            with suppress(OSError):
                self._restore.kill()


def pg_counts(engine: Engine) -> dict[str, dict[str, int]]:
    with engine.connect() as conn:
        return snapshot._pg_state(conn).counts


def compare_counts(found: dict[str, dict[str, int]], expected: dict[str, Any]) -> list[str]:
    """The tables whose row counts differ from the manifest's (``file.table: found ≠ expected``)."""
    out = []
    for where, tables in expected.items():
        for table, n in dict(tables).items():
            have = found.get(where, {}).get(table)
            if have != int(n):
                out.append(f"{where}.{table}: {have} ≠ {n}")
    return out
