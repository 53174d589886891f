"""kill -9 during a backup and during a restore, then recover (issue 11), on SQLite and PostgreSQL.

A real ``privdesk`` process is SIGKILLed at a chosen point (``tests.backup_support.killed_at``:
nothing of it runs afterwards, its children lose their pipes). After a killed backup no file looks
like an archive, and the next backup works and wipes what the killed one left. After a killed
restore the target is either still empty (killed while loading: the next run starts over and wipes
the partial files) or closed to everyone by its marker (killed after the data was in: every
command refuses it and names the fix; the next run of the same restore finishes it) — never a
database with the destroyed records back in it."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from privdesk import clock
from privdesk.accounts.users import login
from privdesk.backup import archive
from privdesk.backup.backups import make_backup
from privdesk.backup.snapshot import SNAPSHOT_PREFIX
from privdesk.context import AppContext
from privdesk.errors import BackupError
from privdesk.integrity import verify_all
from privdesk.lifecycle import destruction
from privdesk.opening import open_context, restore_pending
from privdesk.registry.models import STATUS_DESTROYED, Patient
from privdesk.registry.sample import write_sample_csv
from privdesk.store.engine import make_engine, sqlite_path
from tests.audit_support import officer
from tests.backup_support import (
    KILLED,
    config_with_folder,
    killed_at,
    source_env,
    target_env,
    target_settings,
    target_url,
    with_folder,
)
from tests.hardening_support import as_officer, assert_refused, cli
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, run_cli
from tests.lifecycle_support import add_marked, years_ago
from tests.test_backup_drills import is_empty

__all__ = ["target_url"]


def _some_patients(ctx: AppContext, tmp_path: Path, n: int = 3000) -> None:
    source = write_sample_csv(tmp_path / "emr.csv", n, seed=5)
    r = cli(ctx, "patient", "import", str(source), *as_officer())
    assert r.returncode == 0, r.stderr


def test_kill_9_during_a_backup_leaves_no_archive_and_the_next_backup_recovers(
    ctx: AppContext, tmp_path: Path
) -> None:
    folder = with_folder(ctx, tmp_path / "backups")
    config_with_folder(tmp_path, folder)
    _some_patients(ctx, tmp_path)
    # killed when the second encrypted chunk is sealed (SQLite: the database is ~2 MiB; PostgreSQL: the
    # dump streams from pg_dump, whose pipe the kill cuts)
    r = killed_at(
        "privdesk.backup.archive:ArchiveWriter._seal", 2, "backup", *as_officer(), env=source_env(ctx)
    )
    assert r.returncode == KILLED, r.stderr
    assert list(folder.glob(f"*{archive.SUFFIX}")) == []  # no half archive looks complete
    parts = list(folder.glob(".*.part"))
    assert len(parts) == 1 and archive.peek(parts[0]) is not None  # the temporary file, hidden
    verify = run_cli("backup", "verify", str(parts[0]), env=source_env(ctx))
    assert_refused(verify, "손상")
    main = sqlite_path(ctx.settings.db_url)
    if main is not None:
        stale = list(main.parent.glob(f"{SNAPSHOT_PREFIX}*"))
        assert len(stale) == 1  # the plaintext snapshot it left
    old = time.time() - 2 * 86400
    os.utime(parts[0], (old, old))  # a killed backup's part, two days on
    result = make_backup(ctx, officer(ctx))
    assert result.patients == 3000
    assert list(folder.glob(".*.part")) == []
    if main is not None:
        assert list(main.parent.glob(f"{SNAPSHOT_PREFIX}*")) == []
    assert [p.name for p in folder.glob(f"*{archive.SUFFIX}")] == [result.path.name]
    assert run_cli("backup", "verify", str(result.path), env=source_env(ctx)).returncode == 0


def _scenario(ctx: AppContext, tmp_path: Path) -> tuple[Path, list[int], int]:
    """A backup, then a destruction of records the backup holds: (archive, destroyed ids, plan)."""
    with_folder(ctx, tmp_path / "backups")
    off = officer(ctx)
    doomed = [add_marked(ctx, off, i, last_visit=years_ago(7), seed=41) for i in range(3)]
    add_marked(ctx, off, 9, last_visit=years_ago(1), seed=41)
    old = make_backup(ctx, off)
    plan = destruction.create_plan(ctx, off, today=clock.today_kst() + dt.timedelta(days=800))
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    destruction.execute_plan(ctx, off, plan.id)
    return old.path, sorted(m.id for m in doomed), plan.id


def _finished(ctx: AppContext, url: str, tmp_path: Path, destroyed: list[int]) -> None:
    settings = target_settings(ctx, url, tmp_path)
    restored = open_context(settings)
    try:
        with restored.session() as s:
            gone = s.execute(select(Patient.id).where(Patient.status == STATUS_DESTROYED)).scalars().all()
            assert sorted(gone) == destroyed
            assert s.execute(select(func.count()).select_from(Patient)).scalar_one() == 4
        boss = login(restored, OFFICER_LOGIN, OFFICER_PASSWORD)
        report = verify_all(restored, boss)
        assert report.ok, report.messages
    finally:
        restored.engine.dispose()


def _pending(url: str) -> str | None:
    engine = make_engine(url, create_file=False)
    try:
        return restore_pending(engine)
    finally:
        engine.dispose()


SQLITE_POINTS = {
    # every part decrypted into its temporary file, killed before the first is renamed into place
    "loading": ("privdesk.files:Staged.publish", 1),
    # the data in place with its marker, nothing re-applied yet
    "loaded": ("privdesk.restore:_reapply", 1),
    # the destructions re-applied and committed, not yet scrubbed, the marker still there
    "reapplied": ("privdesk.restore:scrub", 1),
}
PG_POINTS = {
    # everything sent to psql inside its transaction, killed just before the COMMIT
    "loading": ("privdesk.backup.load:_commit", 1),
    "loaded": ("privdesk.restore:_reapply", 1),
    "reapplied": ("privdesk.restore:scrub", 1),
}


@pytest.mark.parametrize("point", ["loading", "loaded", "reapplied"])
def test_kill_9_during_a_restore_then_the_same_command_finishes_it(
    ctx: AppContext, tmp_path: Path, target_url: str, point: str
) -> None:
    path, destroyed, plan = _scenario(ctx, tmp_path)
    env = target_env(ctx, target_url, tmp_path)
    where, nth = (SQLITE_POINTS if ctx.settings.is_sqlite else PG_POINTS)[point]
    r = killed_at(where, nth, "restore", str(path), env=env)
    assert r.returncode == KILLED, (r.stdout, r.stderr)
    main = sqlite_path(target_url)
    if point == "loading":
        assert is_empty(target_url, "sqlite" if main is not None else "postgresql", ctx)
        if main is not None:
            left = list(main.parent.glob(".privdesk.sqlite3.*.part"))
            assert left  # the partial plaintext file it was writing
    else:
        marker = _pending(target_url)
        assert marker is not None and (f'"state": "{point}"' in marker)
        # nobody can open it meanwhile, and every command says how to finish
        with pytest.raises(BackupError, match="복원하던 중에 멈췄습니다"):
            open_context(target_settings(ctx, target_url, tmp_path))
        refused = run_cli("audit", "verify", "--as", OFFICER_LOGIN, env=env)
        assert_refused(refused, "복원하던 중에 멈췄습니다", "restore")
    again = run_cli("restore", str(path), env=env)
    assert again.returncode == 0, again.stderr
    if point == "loading":
        assert "중단된 복원을 마침" not in again.stdout
        if main is not None:
            assert list(main.parent.glob(".privdesk.sqlite3.*.part")) == []  # wiped
    else:
        assert "중단된 복원을 마침" in again.stdout
    if point != "reapplied":
        assert f"파기 계획 {plan}: 3건 다시 파기" in again.stdout, again.stdout
    assert _pending(target_url) is None
    _finished(ctx, target_url, tmp_path, destroyed)


def test_a_half_restore_of_another_archive_is_refused(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    path, _destroyed, _plan = _scenario(ctx, tmp_path)
    other = make_backup(ctx, officer(ctx), tmp_path)
    url = f"sqlite:///{tmp_path / 'target' / 'privdesk.sqlite3'}"
    (tmp_path / "target").mkdir()
    env = target_env(ctx, url, tmp_path)
    r = killed_at("privdesk.restore:_reapply", 1, "restore", str(path), env=env)
    assert r.returncode == KILLED
    refused = run_cli("restore", str(other.path), "--catalogue", str(tmp_path / "backups"), env=env)
    assert_refused(refused, "다른 백업", path.name)
    assert run_cli("restore", str(path), env=env).returncode == 0
