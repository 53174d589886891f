"""Backup and restore drills on SQLite and PostgreSQL (issue 11): a backup taken while another
process imports, restored on "another workstation" into an empty database — row counts equal the
manifest, ``audit verify`` passes, the restore is the first entry after the restored head; damaged
archives and a wrong key refused by ``backup verify`` and ``restore`` with the target left empty;
back up → destroy → restore the old backup → the destroyed patients are gone from every byte of the
restored database and the 파기 관리대장 shows the destruction; the restore on the workstation whose
witnesses saw the lost entries; catalogues missing, tampered or unreachable at a destruction."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from privdesk import clock
from privdesk.accounts.users import login
from privdesk.backup import catalogue
from privdesk.backup.backups import make_backup
from privdesk.context import AppContext
from privdesk.crypto import create_key_file
from privdesk.errors import BackupError, LogTamperedError
from privdesk.integrity import verify_all
from privdesk.lifecycle import destruction, separation
from privdesk.lifecycle.ledger import ledger_for_period
from privdesk.lifecycle.models import Tombstone
from privdesk.lifecycle.printing import print_certificate, print_ledger
from privdesk.opening import open_context
from privdesk.registry.models import STATUS_DESTROYED, Patient
from privdesk.registry.sample import write_sample_csv
from privdesk.restore import restore, verify
from privdesk.store.engine import separated_sqlite_path, sqlite_path
from privdesk.store.models import AccessLogEntry, AuditHead
from tests.audit_support import officer
from tests.backup_support import (
    patients,
    source_env,
    target_env,
    target_settings,
    target_url,
    with_folder,
)
from tests.hardening_support import as_officer, assert_refused, db_args
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, run_cli, wait_for
from tests.lifecycle_support import Marked, add_marked, years_ago
from tests.test_hardening_import import summary
from tests.test_lifecycle_unrecoverable import _needles
from tests.test_reports_template import text as pdf_text

__all__ = ["target_url"]


def open_restored(settings):  # type: ignore[no-untyped-def]
    ctx = open_context(settings)
    return ctx, login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def is_empty(url: str, backend: str, ctx: AppContext) -> bool:
    if backend == "sqlite":
        path = sqlite_path(url)
        assert path is not None
        return not path.exists() and not separated_sqlite_path(path).exists()
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        insp = inspect(engine)
        return not insp.get_table_names(schema="public") and "separated" not in insp.get_schema_names()
    finally:
        engine.dispose()


def table_counts(ctx: AppContext) -> dict[str, int]:
    from privdesk.backup.snapshot import _pg_state, sqlite_counts

    main = sqlite_path(ctx.settings.db_url)
    if main is not None:
        ctx.engine.dispose()
        return sqlite_counts(main)
    with ctx.engine.connect() as conn:
        return _pg_state(conn).counts["public"]


# -- the drill: back up while another process imports, restore elsewhere ---------------------------------
def test_backup_while_another_process_imports_then_restore_on_another_workstation(
    ctx: AppContext, tmp_path: Path, target_url: str
) -> None:
    folder = with_folder(ctx, tmp_path / "backups")
    source = write_sample_csv(tmp_path / "emr.csv", 20_000, seed=21)
    env = {**os.environ, "PRIVDESK_PASSWORD": OFFICER_PASSWORD}
    proc = subprocess.Popen(
        [sys.executable, "-m", "privdesk", *db_args(ctx), "patient", "import", str(source), *as_officer()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert wait_for(lambda: patients(ctx) >= 5000, timeout=180)  # a batch is in, the import goes on
        result = make_backup(ctx, officer(ctx))
        out, err = proc.communicate(timeout=600)
        assert summary(out)["imported"] == 20_000, out
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert 5000 <= result.patients <= 20_000 and result.path.parent == folder
    assert result.path.name.endswith(".pdbk") and oct(result.path.stat().st_mode & 0o777) == "0o600"
    contents = verify(ctx.settings, result.path)
    assert (
        contents.manifest["counts"][("main" if ctx.settings.is_sqlite else "public")]["patients"]
        == result.patients
    )
    assert (
        contents.manifest["head"]["seq"] == result.head_seq and contents.manifest["made_by"] == OFFICER_LOGIN
    )

    settings = target_settings(ctx, target_url, tmp_path)
    done = restore(settings, result.path)
    assert "행 수가 백업 목록과 같습니다" in done.lines()[0] and done.head_seq == result.head_seq
    restored, boss = open_restored(settings)
    try:
        counts = table_counts(restored)
        expected = contents.manifest["counts"]["main" if ctx.settings.is_sqlite else "public"]
        assert counts["patients"] == result.patients
        # what the restore itself adds: its entries, the acknowledgement, the backups the catalogue lists
        added = ("access_log", "audit_head", "integrity_events", "backups")
        assert {t: n for t, n in counts.items() if t not in added} == {
            t: n for t, n in expected.items() if t not in added
        }
        assert counts["backups"] == 1 and counts["integrity_events"] == expected["integrity_events"] + 1
        report = verify_all(restored, boss)
        assert report.ok, report.messages
        with restored.session() as s:
            first = s.execute(
                select(AccessLogEntry).where(AccessLogEntry.seq == result.head_seq + 1)
            ).scalar_one()
            old = s.execute(
                select(AccessLogEntry.hash).where(AccessLogEntry.seq == result.head_seq)
            ).scalar_one()
        assert first.action == "restore" and result.path.name in (first.detail or "")
        assert first.actor == "system"
        with ctx.session() as s:
            assert (
                s.execute(
                    select(AccessLogEntry.hash).where(AccessLogEntry.seq == result.head_seq)
                ).scalar_one()
                == old
            )
    finally:
        restored.engine.dispose()


def _backend(ctx: AppContext) -> str:
    return "sqlite" if ctx.settings.is_sqlite else "postgresql"


# -- damage and the wrong key ----------------------------------------------------------------------------
def test_damaged_archives_are_refused_by_verify_and_restore(
    ctx: AppContext, tmp_path: Path, target_url: str
) -> None:
    off = officer(ctx)
    for i in range(3):
        add_marked(ctx, off, i, last_visit=years_ago(1))
    result = make_backup(ctx, off, tmp_path)
    good = result.path.read_bytes()
    flipped = tmp_path / "flipped.pdbk"
    damaged = bytearray(good)
    damaged[len(good) // 2] ^= 0x20
    flipped.write_bytes(bytes(damaged))
    truncated = tmp_path / "truncated.pdbk"
    truncated.write_bytes(good[: len(good) - 4096])
    env = target_env(ctx, target_url, tmp_path)
    for bad in (flipped, truncated):
        r = run_cli("backup", "verify", str(bad), env=source_env(ctx))
        assert_refused(r, "백업 파일이 손상되었습니다", str(bad))
        r = run_cli("restore", str(bad), "--catalogue", str(tmp_path), "--without-catalogue", env=env)
        assert_refused(r, "손상", str(bad))
        assert is_empty(target_url, _backend(ctx), ctx)
    ok = run_cli("backup", "verify", str(result.path), env=source_env(ctx))
    assert ok.returncode == 0 and ok.stdout.startswith("백업 검증 통과"), ok.stderr
    assert "환자 3건" in ok.stdout and result.sha256 in ok.stdout


def test_a_wrong_key_is_refused_naming_the_file_and_the_key_the_archive_needs(
    ctx: AppContext, tmp_path: Path, target_url: str
) -> None:
    result = make_backup(ctx, officer(ctx), tmp_path)
    other = tmp_path / "other.key"
    create_key_file(other)
    prefix = ctx.keys.check_value.hex()[:16]
    env = {**source_env(ctx), "PRIVDESK_KEY_FILE": str(other)}
    r = run_cli("backup", "verify", str(result.path), env=env)
    assert_refused(r, str(other), prefix, "키가 아닙니다")
    r = run_cli(
        "restore",
        str(result.path),
        env={**target_env(ctx, target_url, tmp_path), "PRIVDESK_KEY_FILE": str(other)},
    )
    assert_refused(r, str(other), prefix)
    assert is_empty(target_url, _backend(ctx), ctx)


def test_restore_refuses_a_database_that_is_not_empty(ctx: AppContext, tmp_path: Path) -> None:
    result = make_backup(ctx, officer(ctx), tmp_path)
    before = patients(ctx)
    r = run_cli("restore", str(result.path), env=source_env(ctx))
    assert_refused(r, "비어 있지 않습니다", "덮어쓰지 않았습니다")
    assert patients(ctx) == before


# -- nothing destroyed comes back -------------------------------------------------------------------------
def _scan(files: list[Path], marked: list[Marked]) -> list[str]:
    hits = []
    for f in files:
        data = f.read_bytes()
        for m in marked:
            for what, needle in _needles(m).items():
                if needle in data:
                    hits.append(f"{f.name}: patient {m.id} {what}")
    return hits


def _restored_files(ctx: AppContext, settings, request: pytest.FixtureRequest) -> list[Path]:  # type: ignore[no-untyped-def]
    """Every file of the restored database: the SQLite folder (WAL and any leftover included), or
    the PostgreSQL database's own directory after a checkpoint."""
    main = sqlite_path(settings.db_url)
    if main is not None:
        return [p for p in main.parent.iterdir() if p.is_file()]
    restored = open_context(settings)
    try:
        with restored.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("CHECKPOINT")
            oid = conn.execute(
                text("SELECT oid FROM pg_database WHERE datname = current_database()")
            ).scalar_one()
    finally:
        restored.engine.dispose()
    cluster = request.getfixturevalue("pg_cluster")
    return [p for p in (cluster.data / "base" / str(oid)).rglob("*") if p.is_file()]


def test_backup_destroy_restore_the_old_backup_and_nothing_destroyed_comes_back(
    ctx: AppContext, tmp_path: Path, target_url: str, request: pytest.FixtureRequest
) -> None:
    folder = with_folder(ctx, tmp_path / "backups")
    off = officer(ctx)
    separated = [add_marked(ctx, off, i, last_visit=years_ago(4), seed=31) for i in range(3)]
    due = [add_marked(ctx, off, i, last_visit=years_ago(7), seed=31) for i in range(3, 6)]
    survivors = [add_marked(ctx, off, i, last_visit=years_ago(1), seed=31) for i in range(6, 8)]
    separation.run_retention(ctx)
    old = make_backup(ctx, off)
    plan = destruction.create_plan(ctx, off, today=clock.today_kst() + dt.timedelta(days=800))
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    executed = destruction.execute_plan(ctx, off, plan.id)
    assert executed.destroyed == 6 and "카탈로그)에 기록했습니다" in executed.catalogue
    with ctx.session() as s:
        stones = s.execute(select(Tombstone.uid, Tombstone.plan_id)).all()
        uids = set(
            s.execute(select(Patient.uid).where(Patient.id.in_([m.id for m in separated + due]))).scalars()
        )
    assert {u for u, _p in stones} == uids and {p for _u, p in stones} == {plan.id}
    cat = catalogue.load(folder, ctx.database_id, ctx.keys)
    assert cat is not None and set(cat.tombstones) == uids and cat.signature == "ok"
    assert not any(
        m.name in catalogue.path_in(folder, ctx.database_id).read_text(encoding="utf-8")
        for m in separated + due + survivors
    )

    settings = target_settings(ctx, target_url, tmp_path)
    r = run_cli("restore", str(old.path), env=target_env(ctx, target_url, tmp_path))
    assert r.returncode == 0, r.stderr
    assert "파기 표지 6건" in r.stdout and f"파기 계획 {plan.id}: 6건 다시 파기" in r.stdout, r.stdout
    assert f"파기 관리대장 {executed.ledger_id}번" in r.stdout

    files = _restored_files(ctx, settings, request)
    assert files
    assert _scan(files, separated + due) == []
    assert (
        len({h.split(": ")[1] for h in _scan(files, survivors) if h.endswith(" name")}) == 2
    )  # the scan works
    restored, boss = open_restored(settings)
    try:
        with restored.session() as s:
            gone = s.execute(select(Patient.id).where(Patient.status == STATUS_DESTROYED)).scalars().all()
            assert sorted(gone) == sorted(m.id for m in separated + due)
            assert s.execute(select(func.count()).select_from(Tombstone)).scalar_one() == 6
        rows = ledger_for_period(
            restored, boss, clock.today_kst() - dt.timedelta(days=1), clock.today_kst() + dt.timedelta(days=1)
        )
        assert [(r.id, r.plan_id, r.item_count) for r in rows] == [(executed.ledger_id, plan.id, 6)]
        report = verify_all(restored, boss)
        assert report.ok, report.messages
        ledger_pdf = print_ledger(
            restored, boss, clock.today_kst(), clock.today_kst(), tmp_path / "ledger.pdf", reason="업무 확인"
        ).path
        body = "".join(pdf_text(ledger_pdf).split())
        assert f"파기계획{plan.id}" in body and "백업사본이남아있을수있는기한" in body
        cert = print_certificate(restored, boss, plan.id, tmp_path / "cert.pdf", reason="업무 확인").path
        body = "".join(pdf_text(cert).split())
        assert "개인정보파기확인서" in body and "6건" in body and "백업사본이남아있을수있는기한" in body
        expect = (
            clock.today_kst() + dt.timedelta(days=7)
        ).isoformat()  # one daily backup before: gone after 7 more days
        assert expect in body, body
    finally:
        restored.engine.dispose()


# -- witnesses --------------------------------------------------------------------------------------------
# The original database is "lost" here: its end-of-test check would compare it with the witnesses the
# restored copy (the same database, same id) wrote into this workstation's file afterwards.
@pytest.mark.tampers
def test_restore_on_the_workstation_whose_witness_saw_the_lost_entries(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    """The backup is older than this workstation's latest witnesses: the restore's first unit
    records the anchored acknowledgement that supersedes them, so login and verify work; the
    same file put back by hand (without the restore) is locked by those witnesses."""
    from tests.audit_support import TEST_PASSWORD, actor_for

    ctx = sqlite_ctx
    off = officer(ctx)
    actor_for(ctx, "clerk", ["intake"])
    add_marked(ctx, off, 1, last_visit=years_ago(1))
    old = make_backup(ctx, off, tmp_path)
    for i in range(2, 5):
        add_marked(ctx, off, i, last_visit=years_ago(1))
    login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)  # a witness of the later head
    latest = ctx.witness.latest()
    assert latest is not None and latest.seq > old.head_seq

    # by hand: the backup's database file decrypted into place, no restore
    by_hand = tmp_path / "by-hand" / "privdesk.sqlite3"
    by_hand.parent.mkdir()
    from privdesk.backup import archive

    with by_hand.open("wb") as fh:
        archive.read_archive(
            old.path,
            ctx.keys,
            ctx.settings.key_file,
            sink=lambda p: fh.write if p.kind == "sqlite-main" else None,
        )
    hand = open_context(ctx.settings.__class__(**{**ctx.settings.__dict__, "db_url": f"sqlite:///{by_hand}"}))
    try:
        with pytest.raises(LogTamperedError) as err:  # the lock a restore must lift
            login(hand, "clerk", TEST_PASSWORD)
        assert "증인" in str(err.value)
    finally:
        hand.engine.dispose()

    same = ctx.settings.__class__(
        **{**ctx.settings.__dict__, "db_url": f"sqlite:///{tmp_path / 'restored.sqlite3'}"}
    )
    assert same.witness_path == ctx.settings.witness_path
    restore(same, old.path, without_catalogue=True)
    restored, boss = open_restored(same)
    try:
        login(restored, "clerk", TEST_PASSWORD)  # no lock: the witnesses are superseded
        report = verify_all(restored, boss)
        assert report.ok, report.messages
        assert any("확인된 위반" in m for m in report.messages)  # the superseded witnesses, known
        with restored.session() as s:
            assert s.execute(select(AuditHead.seq)).scalar_one() > old.head_seq
    finally:
        restored.engine.dispose()


# -- the catalogue ----------------------------------------------------------------------------------------
def test_restore_needs_the_catalogue_and_refuses_a_tampered_one(
    ctx: AppContext, tmp_path: Path, target_url: str
) -> None:
    folder = with_folder(ctx, tmp_path / "backups")
    result = make_backup(ctx, officer(ctx))
    env = target_env(ctx, target_url, tmp_path)
    elsewhere = tmp_path / "moved"
    elsewhere.mkdir()
    moved = elsewhere / result.path.name
    result.path.rename(moved)
    r = run_cli("restore", str(moved), env=env)
    assert_refused(r, "카탈로그", "--catalogue", "--without-catalogue")
    assert is_empty(target_url, _backend(ctx), ctx)
    path = catalogue.path_in(folder, ctx.database_id)
    original = path.read_text(encoding="utf-8")
    path.write_text(
        original.replace('"tombstones": []', '"tombstones": [["deadbeef", 1, "2026-01-01T00:00:00Z"]]'),
        encoding="utf-8",
    )
    assert path.read_text(encoding="utf-8") != original
    r = run_cli("restore", str(moved), "--catalogue", str(folder), env=env)
    assert_refused(r, "서명이 맞지 않습니다")
    path.write_text(original, encoding="utf-8")
    r = run_cli("restore", str(moved), "--catalogue", str(folder), env=env)
    assert r.returncode == 0, r.stderr
    assert "다시 적용할 파기 없음" in r.stdout


def test_a_destruction_while_the_folder_is_away_is_written_by_the_next_backup(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    ctx = sqlite_ctx
    folder = with_folder(ctx, tmp_path / "share")
    off = officer(ctx)
    doomed = add_marked(ctx, off, 1, last_visit=years_ago(7))
    make_backup(ctx, off)
    folder.rename(tmp_path / "share-offline")  # the network share is gone
    plan = destruction.create_plan(ctx, off, today=clock.today_kst() + dt.timedelta(days=800))
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    executed = destruction.execute_plan(ctx, off, plan.id)
    assert executed.destroyed == 1 and "다음 백업이 빠진 것을 기록합니다" in executed.catalogue
    with ctx.session() as s:
        noted = (
            s.execute(
                select(AccessLogEntry).where(
                    AccessLogEntry.action == "backup", AccessLogEntry.outcome == "failed"
                )
            )
            .scalars()
            .all()
        )
        uid = s.execute(select(Patient.uid).where(Patient.id == doomed.id)).scalar_one()
    assert any((e.detail or "").startswith("catalogue:") for e in noted)
    (tmp_path / "share-offline").rename(folder)
    stale = catalogue.load(folder, ctx.database_id, ctx.keys)
    assert stale is not None and uid not in stale.tombstones
    make_backup(ctx, off)
    fresh = catalogue.load(folder, ctx.database_id, ctx.keys)
    assert fresh is not None and fresh.tombstones[uid][0] == plan.id


def test_a_backup_is_logged_and_needs_the_permission(ctx: AppContext, tmp_path: Path) -> None:
    from tests.audit_support import actor_for

    clerk = actor_for(ctx, "clerk", ["intake"])
    it = actor_for(ctx, "itstaff", ["privacy"])
    from privdesk.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        make_backup(ctx, clerk, tmp_path)
    assert not list(tmp_path.glob("*.pdbk"))
    made = make_backup(ctx, it, tmp_path)
    with ctx.session() as s:
        entries = (
            s.execute(
                select(AccessLogEntry)
                .where(AccessLogEntry.action.in_(("backup", "permission_denied")))
                .order_by(AccessLogEntry.seq)
            )
            .scalars()
            .all()
        )
    assert [(e.actor, e.action, e.outcome) for e in entries] == [
        ("clerk", "permission_denied", "denied"),
        ("itstaff", "backup", "ok"),
    ]
    assert made.sha256 in (entries[-1].detail or "") and made.path.name in (entries[-1].detail or "")
    with pytest.raises(BackupError, match="백업 폴더가 설정되지 않았습니다"):
        make_backup(ctx, it)


# -- a key rotation between the backup and the restore ---------------------------------------------------
def test_a_backup_from_before_a_key_rotation_restores_with_the_old_key_and_the_catalogue_checked_under_the_new(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    """The archive is under the old key (the key sheet in the safe); the catalogue was signed again
    under the new key by the rotation and carries the later destruction. The restore checks it with
    the current key file (--catalogue-key), never on trust: a catalogue claiming another key with
    the tombstone taken out is refused."""
    import json
    import shutil

    from privdesk.custody import rotation

    ctx = sqlite_ctx
    folder = with_folder(ctx, tmp_path / "backups")
    off = officer(ctx)
    doomed = add_marked(ctx, off, 1, last_visit=years_ago(7), seed=41)
    kept = add_marked(ctx, off, 2, last_visit=years_ago(1), seed=41)
    old = make_backup(ctx, off)
    old_key = tmp_path / "sheet" / "old.key"
    old_key.parent.mkdir()
    shutil.copy2(ctx.settings.key_file, old_key)
    old_check = catalogue.load(folder, ctx.database_id, ctx.keys)
    assert old_check is not None and old_check.signature == "ok"

    rotation.rotate(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    cat = catalogue.load(folder, ctx.database_id, ctx.keys)
    assert cat is not None and cat.signature == "ok" and cat.key_check != old_check.key_check  # signed again
    plan = destruction.create_plan(ctx, off, today=clock.today_kst() + dt.timedelta(days=800))
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    assert destruction.execute_plan(ctx, off, plan.id).destroyed == 1

    target = tmp_path / "other" / "privdesk.sqlite3"
    target.parent.mkdir()
    env = {
        "PRIVDESK_DB": f"sqlite:///{target}",
        "PRIVDESK_KEY_FILE": str(old_key),
        "PRIVDESK_WITNESS_FILE": str(tmp_path / "other" / "witness.log"),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    r = run_cli("restore", str(old.path), env=env)
    assert_refused(r, "다른 키", "--catalogue-key")
    assert not target.exists()
    r = run_cli("restore", str(old.path), "--catalogue-key", str(old_key), env=env)
    assert_refused(r, "카탈로그를 서명한 키가 아닙니다")

    # forged: the tombstone taken out and "another key" claimed to dodge the signature check
    path = catalogue.path_in(folder, ctx.database_id)
    genuine = path.read_text(encoding="utf-8")
    forged = json.loads(genuine)
    forged["tombstones"], forged["key_check"] = [], "0" * 16
    path.write_text(json.dumps(forged), encoding="utf-8")
    r = run_cli("restore", str(old.path), "--catalogue-key", str(ctx.settings.key_file), env=env)
    assert_refused(r, "카탈로그를 서명한 키가 아닙니다")
    assert not target.exists()

    path.write_text(genuine, encoding="utf-8")
    r = run_cli("restore", str(old.path), "--catalogue-key", str(ctx.settings.key_file), env=env)
    assert r.returncode == 0, r.stderr
    assert f"파기 계획 {plan.id}: 1건 다시 파기" in r.stdout and "key rotate" in r.stdout, r.stdout
    settings = dataclasses_replace_key(target, old_key, tmp_path / "other" / "witness.log")
    restored, boss = open_restored(settings)
    try:
        with restored.session() as s:
            status = dict(s.execute(select(Patient.id, Patient.status)).all())
        assert status[doomed.id] == STATUS_DESTROYED and status[kept.id] != STATUS_DESTROYED
        assert verify_all(restored, boss).ok
    finally:
        restored.engine.dispose()


def dataclasses_replace_key(target: Path, key: Path, witness: Path):  # type: ignore[no-untyped-def]
    import dataclasses

    from privdesk.settings import load_settings

    return dataclasses.replace(load_settings(db=f"sqlite:///{target}", key_file=key), witness_file=witness)
