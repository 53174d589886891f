"""``--db`` that is not a privdesk database, a read-only database, a PostgreSQL server that cannot be
reached (issue 10), through the real command line: one Korean line, exit 1, no traceback, never
"예기치 않은 오류"; a file that is not a privdesk database is never modified (not even a 0-byte file),
and no file is created that ``init`` was not asked to create. The log file names the cause without
row contents."""

from __future__ import annotations

import os
import socket
import sqlite3
from pathlib import Path

import pytest

from privdesk.context import AppContext
from tests.hardening_support import (
    as_officer,
    assert_refused,
    log_text,
    read_only,
    run_cli_in_namespace,
    snapshot,
)
from tests.helpers import run_cli


def find(db: Path | str, key: Path) -> list[str]:
    return ["--db", str(db), "--key-file", str(key), "patient", "find", "홍", *as_officer()]


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


@pytest.fixture
def not_databases(tmp_path: Path) -> list[tuple[Path, str]]:
    text = tmp_path / "notes.txt"
    text.write_text("환자 명단 메모\n", encoding="utf-8")
    binary = tmp_path / "random.bin"
    binary.write_bytes(os.urandom(64 * 1024))
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    foreign = tmp_path / "other-program.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT)")
        conn.execute("INSERT INTO orders (item) VALUES ('x')")
    return [
        (text, "privdesk 데이터베이스가 아닙니다"),
        (binary, "privdesk 데이터베이스가 아닙니다"),
        (empty, "빈 파일"),
        (folder, "폴더입니다"),
        (foreign, "다른 프로그램의 SQLite 데이터베이스"),
        (Path("/dev/null"), "일반 파일이 아님"),
    ]


def test_a_file_that_is_not_a_privdesk_database_is_named_and_never_modified(
    tmp_path: Path, not_databases: list[tuple[Path, str]]
) -> None:
    key = tmp_path / "some.key"
    for path, why in not_databases:
        before = snapshot(path) if path.is_file() else None
        r = run_cli(*find(path, key), env={"PRIVDESK_PASSWORD": "x"})
        assert_refused(r, why)
        if before is not None:
            assert snapshot(path) == before, path  # not a byte, not the mode
            assert side_files(path) == [], path  # no -wal, no -shm beside it
        # init is refused as well (except on the empty file), and no key file appears
        if path.name != "empty.sqlite3":
            r = run_cli(
                "--db",
                str(path),
                "--key-file",
                str(key),
                "init",
                "--officer",
                "yook",
                "--officer-name",
                "육의곤",
                env={"PRIVDESK_PASSWORD": "Officer-pass1"},
            )
            assert_refused(r, why)
            assert not key.exists()
            if before is not None:
                assert snapshot(path) == before and side_files(path) == []
    assert list((tmp_path / "folder.sqlite3").iterdir()) == []


def test_a_missing_database_is_not_created_by_any_command_but_init(tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "privdesk.sqlite3"
    r = run_cli(*find(db, tmp_path / "k.key"), env={"PRIVDESK_PASSWORD": "x"})
    assert_refused(r, "초기화되지 않았습니다", "privdesk init")
    assert not db.exists() and not db.parent.exists()


def test_an_empty_file_may_become_a_database_through_init(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    db.write_bytes(b"")
    r = run_cli(
        "--db",
        str(db),
        "--key-file",
        str(tmp_path / "k.key"),
        "init",
        "--officer",
        "yook",
        "--officer-name",
        "육의곤",
        env={"PRIVDESK_PASSWORD": "Officer-pass1"},
    )
    assert r.returncode == 0, r.stderr
    assert db.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_read_only_database_is_named(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    db = Path(sqlite_ctx.settings.db_url.removeprefix("sqlite:///"))
    sqlite_ctx.engine.dispose()
    r = run_cli_in_namespace(
        read_only(tmp_path),
        [
            "--db",
            str(db),
            "--key-file",
            str(sqlite_ctx.settings.key_file),
            "patient",
            "find",
            "홍",
            *as_officer(),
        ],
    )
    assert_refused(r, "데이터베이스에 쓸 수 없습니다(읽기 전용)", str(db))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends: nobody listens there


def test_a_postgresql_server_that_cannot_be_reached_is_named(tmp_path: Path) -> None:
    port = _closed_port()
    r = run_cli(
        *find(f"postgresql+psycopg://privdesk@127.0.0.1:{port}/privdesk", tmp_path / "k.key"),
        env={"PRIVDESK_PASSWORD": "x"},
    )
    assert_refused(r, "데이터베이스 서버에 연결할 수 없습니다", f"127.0.0.1:{port}/privdesk")
    log = log_text(tmp_path)
    assert "unreachable in command patient" in log and "psycopg.OperationalError" in log
    assert "Traceback" not in log


@pytest.mark.postgres
def test_a_postgresql_database_that_does_not_exist_is_named(pg_cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(*find(pg_cluster.url("no_such_database"), tmp_path / "k.key"), env={"PRIVDESK_PASSWORD": "x"})
    assert_refused(r, "그 이름의 데이터베이스가 없습니다")
