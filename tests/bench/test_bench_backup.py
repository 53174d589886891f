"""Backup and restore benchmarks (run with ``-m bench -s``; figures go to the issue's closing note).

1,000,000 patients (the registry benchmark's cached dataset, copied) with 1,000,000 access-log
entries on SQLite: ``make_backup`` (online backup API of both files, then the encrypted archive),
``backup verify`` and ``restore`` into an empty database on "another workstation" — each beside the
raw floors of the same run: copying the database file, SQLite's own ``.backup`` of it (the
``sqlite3`` module's ``Connection.backup``), and bare AES-256-GCM over the same number of bytes in
the archive's 1 MiB chunks. Correctness is asserted (the restored counts and ``audit verify``);
speed is printed.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import time
from contextlib import closing

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from privdesk.accounts.users import login
from privdesk.backup.backups import make_backup
from privdesk.integrity import verify_all
from privdesk.opening import open_context
from privdesk.restore import restore, verify
from privdesk.settings import BackupSettings, load_settings
from tests.bench.test_bench_audit import build_chain
from tests.bench.test_bench_registry import CACHE, Dataset, N, dataset, settings_in  # noqa: F401 - the fixture
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.bench

N_LOG = 1_000_000
CHUNK = 1 << 20


def _aes_floor(nbytes: int) -> tuple[float, float]:
    """Bare AES-256-GCM encrypt, then decrypt, of ``nbytes`` in 1 MiB chunks (seconds each)."""
    aead = AESGCM(AESGCM.generate_key(bit_length=256))
    block = os.urandom(CHUNK)
    chunks = max(1, nbytes // CHUNK)
    nonce = os.urandom(12)
    t = time.perf_counter()
    sealed = [aead.encrypt(nonce, block, b"ad") for _ in range(min(chunks, 64))]
    enc = (time.perf_counter() - t) * chunks / min(chunks, 64)
    t = time.perf_counter()
    for c in sealed:
        aead.decrypt(nonce, c, b"ad")
    dec = (time.perf_counter() - t) * chunks / len(sealed)
    return enc, dec


def test_bench_backup_verify_restore_a_million_patients(
    dataset: Dataset,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("backup-source")
    for name in ("db.sqlite3", "privdesk.key"):
        shutil.copy2(CACHE / name, folder / name)
    out = folder / "backups"
    out.mkdir()
    settings = dataclasses.replace(
        settings_in(folder), witness_file=folder / "witness.log", backup=BackupSettings(folder=out)
    )
    ctx = open_context(settings)
    try:
        t = time.perf_counter()
        build_chain(ctx, N_LOG)
        print(f"\n  built {N_LOG:,} access-log entries in {time.perf_counter() - t:.0f} s")
        officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        db_bytes = (folder / "db.sqlite3").stat().st_size

        # floors: the file copied, SQLite's own backup of it, bare AES-GCM over as many bytes
        t = time.perf_counter()
        shutil.copyfile(folder / "db.sqlite3", folder / "copy.sqlite3")
        copy_s = time.perf_counter() - t
        (folder / "copy.sqlite3").unlink()
        t = time.perf_counter()
        with (
            closing(sqlite3.connect(folder / "db.sqlite3")) as src,
            closing(sqlite3.connect(folder / "raw.sqlite3")) as dst,
        ):
            src.backup(dst)
        raw_backup_s = time.perf_counter() - t
        (folder / "raw.sqlite3").unlink()
        enc_s, dec_s = _aes_floor(db_bytes)

        t = time.perf_counter()
        made = make_backup(ctx, officer)
        backup_s = time.perf_counter() - t
        assert made.patients == N

        t = time.perf_counter()
        contents = verify(settings, made.path)
        verify_s = time.perf_counter() - t
        assert contents.sha256 == made.sha256
    finally:
        ctx.engine.dispose()

    target = tmp_path_factory.mktemp("backup-target")
    shutil.copy2(folder / "privdesk.key", target / "privdesk.key")
    tset = dataclasses.replace(
        load_settings(
            db=f"sqlite:///{target / 'db.sqlite3'}",
            key_file=target / "privdesk.key",
            env={},
            config_file=folder / "config.toml",
        ),
        witness_file=target / "witness.log",
    )
    t = time.perf_counter()
    restored = restore(tset, made.path, catalogue_dir=out)
    restore_s = time.perf_counter() - t
    assert not restored.reapplied
    rctx = open_context(tset)
    try:
        t = time.perf_counter()
        report = verify_all(rctx, login(rctx, OFFICER_LOGIN, OFFICER_PASSWORD))
        verify_all_s = time.perf_counter() - t
        assert report.ok, report.messages
    finally:
        rctx.engine.dispose()

    mib = db_bytes / (1 << 20)
    print(
        f"\nbackup of {N:,} patients + {N_LOG:,} access-log entries, SQLite {mib:,.0f} MiB "
        f"-> archive {made.size / (1 << 20):,.0f} MiB"
    )
    print(f"  make_backup (online backup + encrypt + fsync + rename + catalogue): {backup_s:6.1f} s")
    print(f"  backup verify (decrypt + every hash):                              {verify_s:6.1f} s")
    print(f"  restore (decrypt into place, counts, witnesses superseded, logged): {restore_s:6.1f} s")
    print(f"  audit verify of the restored database:                             {verify_all_s:6.1f} s")
    print(
        f"  floors in the same run: file copy {copy_s:5.1f} s; sqlite3 Connection.backup {raw_backup_s:5.1f} s; "
        f"bare AES-GCM encrypt {enc_s:5.1f} s, decrypt {dec_s:5.1f} s"
    )
    floor_b = raw_backup_s + enc_s
    floor_r = copy_s + dec_s
    print(
        f"  ratios: backup / (.backup + encrypt) {backup_s / floor_b:4.1f}x; "
        f"restore / (copy + decrypt) {restore_s / floor_r:4.1f}x"
    )
