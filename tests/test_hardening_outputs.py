"""Every ``--out`` goes through the one safe writer (issue 10), driven through the real command line:
privdesk's own files (the database, its -wal/-shm, the separated store, the key file, the witness
file — by name, by another name, by hard link or by symbolic link) are never written, not even
with ``--force``; an existing file is kept byte for byte and mode for mode unless ``--force``; a
device, a pipe or a folder is refused; every output is mode 0600; a full disk, a read-only disk
and a folder without permission are named in Korean and leave no temporary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from privdesk.accounts.users import login
from privdesk.context import AppContext
from privdesk.lifecycle.store import separate_path
from privdesk.registry.patients import create_patient
from privdesk.registry.validation import PatientInput
from tests.hardening_support import (
    as_officer,
    assert_refused,
    cli,
    db_args,
    read_only,
    run_cli_in_namespace,
    run_cli_without_file_override,
    snapshot,
    tmpfs,
)
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.ui_patients_support import rrn

# Each command that writes a file, with {out} where the file goes.
COMMANDS: dict[str, list[str]] = {
    "audit-export": ["audit", "export", "--reason", "감사 자료", "--out", "{out}"],
    "report-pdf": [
        "report",
        "permission-history",
        "--reason",
        "업무 확인",
        "--from",
        "2020-01-01",
        "--to",
        "2035-12-31",
        "--out",
        "{out}",
    ],
    "disclosure-export": [
        "disclosure",
        "export",
        "--reason",
        "업무 확인",
        "--from",
        "2020-01-01",
        "--to",
        "2035-12-31",
        "--out",
        "{out}",
    ],
    "patient-export": ["patient", "export", "--reason", "점검", "--out", "{out}"],
}


def command(name: str, out: Path | str, *extra: str) -> list[str]:
    return [a.replace("{out}", str(out)) for a in COMMANDS[name]] + list(extra) + as_officer()


@pytest.fixture
def sqlite_db(sqlite_ctx: AppContext) -> AppContext:
    """A SQLite database with one patient (so every export has something to write)."""
    officer = login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    create_patient(
        sqlite_ctx,
        officer,
        PatientInput(
            chart_no="C-0001",
            name="홍길동",
            rrn=rrn("900101123456"),
            address="서울특별시 관악구 봉천로 1",
            phones=("010-1234-5678",),
        ),
    )
    return sqlite_ctx


def db_file(ctx: AppContext) -> Path:
    return Path(ctx.settings.db_url.removeprefix("sqlite:///"))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_privdesk_own_files_are_never_written_even_with_force(
    sqlite_db: AppContext, tmp_path: Path, name: str
) -> None:
    ctx = sqlite_db
    db = db_file(ctx)
    hard_link = tmp_path / "copy-of-db.sqlite3"
    os.link(db, hard_link)  # another name for the very same file
    for target, what in (
        (db, "데이터베이스 파일"),
        (Path(ctx.settings.key_file), "키 파일"),
        (hard_link, "데이터베이스 파일"),
    ):
        before = snapshot(target)
        r = cli(ctx, *command(name, target, "--force"))
        assert_refused(r, "privdesk의", what, "덮어쓸 수 없습니다")
        assert snapshot(target) == before, target  # byte for byte, mode for mode
    assert cli(ctx, "audit", "verify", *as_officer()).returncode == 0  # the database is intact


def test_every_other_privdesk_file_and_link_is_refused(sqlite_db: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_db
    db = db_file(ctx)
    witness = ctx.settings.witness_path
    assert witness.exists()
    link_to_key = tmp_path / "innocent.csv"
    link_to_key.symlink_to(ctx.settings.key_file)
    cases = [
        (witness, "증인 파일"),
        (Path(f"{db}-wal"), "데이터베이스 파일"),
        (Path(f"{db}-shm"), "데이터베이스 파일"),
        (separate_path(db), "분리보관 저장소 파일"),
        (link_to_key, "키 파일"),
        (ctx.settings.config_file, "설정 파일"),
    ]
    for target, what in cases:
        before = snapshot(target) if target.exists() else None
        r = cli(ctx, *command("audit-export", target, "--force"))
        assert_refused(r, what)
        assert (snapshot(target) if target.exists() else None) == before, target
    assert link_to_key.is_symlink() and os.readlink(link_to_key) == str(ctx.settings.key_file)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_an_existing_file_is_kept_without_force_and_outputs_are_owner_only(
    sqlite_db: AppContext, tmp_path: Path, name: str
) -> None:
    ctx = sqlite_db
    existing = tmp_path / "report.out"
    existing.write_bytes(b"someone else's work\n")
    existing.chmod(0o644)
    before = snapshot(existing)
    r = cli(ctx, *command(name, existing))
    assert_refused(r, "파일이 이미 있습니다", "--force")
    assert snapshot(existing) == before
    r = cli(ctx, *command(name, existing, "--force"))
    assert r.returncode == 0, r.stderr
    assert existing.read_bytes() != before[0]
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.out"
    assert cli(ctx, *command(name, fresh)).returncode == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert (
        sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    )  # no temporary file left


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_device_is_never_replaced(sqlite_db: AppContext, name: str) -> None:
    r = cli(sqlite_db, *command(name, "/dev/full", "--force"))
    assert_refused(r, "/dev/full", "일반 파일이 아닙니다")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_pipe_a_folder_and_a_missing_folder_are_named(sqlite_db: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_db
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert_refused(cli(ctx, *command("audit-export", fifo, "--force"), timeout=60), "일반 파일이 아닙니다")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert_refused(cli(ctx, *command("patient-export", folder, "--force")), "폴더입니다")
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert_refused(cli(ctx, *command("report-pdf", tmp_path / "nowhere" / "x.pdf")), "출력할 폴더가 없습니다")
    assert not (tmp_path / "nowhere").exists()


def test_a_full_disk_is_named_and_leaves_no_temporary_file(sqlite_db: AppContext, tmp_path: Path) -> None:
    out_dir = tmp_path / "small-disk"
    out_dir.mkdir()
    r = run_cli_in_namespace(
        tmpfs(out_dir, "16k"),
        [*db_args(sqlite_db), *command("report-pdf", out_dir / "history.pdf")],
        after=f"echo LEFT:$(ls -A {out_dir})",
    )
    assert_refused(r, "디스크 공간이 부족해", "history.pdf")
    assert "LEFT:\n" in r.stdout or r.stdout.rstrip().endswith("LEFT:")  # the temporary file was removed


def test_a_read_only_disk_is_named(sqlite_db: AppContext, tmp_path: Path) -> None:
    out_dir = tmp_path / "read-only"
    out_dir.mkdir()
    r = run_cli_in_namespace(
        read_only(out_dir), [*db_args(sqlite_db), *command("audit-export", out_dir / "log.csv")]
    )
    assert_refused(r, "읽기 전용 저장 장치", str(out_dir))
    assert list(out_dir.iterdir()) == []


def test_a_folder_without_permission_is_named(sqlite_db: AppContext, tmp_path: Path) -> None:
    out_dir = tmp_path / "not-mine"
    out_dir.mkdir()
    out_dir.chmod(0o500)
    try:
        r = run_cli_without_file_override(
            [*db_args(sqlite_db), *command("patient-export", out_dir / "list.csv")]
        )
        assert_refused(r, "쓸 권한이 없습니다")
        assert list(out_dir.iterdir()) == []
    finally:
        out_dir.chmod(0o700)


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_on_postgresql_the_key_and_witness_files_are_protected_too(ctx: AppContext, tmp_path: Path) -> None:
    for target, what in ((Path(ctx.settings.key_file), "키 파일"), (ctx.settings.witness_path, "증인 파일")):
        before = snapshot(target)
        assert_refused(cli(ctx, *command("audit-export", target, "--force")), what)
        assert snapshot(target) == before
    out = tmp_path / "log.csv"
    assert cli(ctx, *command("audit-export", out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
