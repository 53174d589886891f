"""Key rotation benchmark (run with ``-m bench -s``): rotate the master key of a database of
1,000,000 patients (and their phones) on SQLite — target under 3 minutes on this machine —
beside the floors of the same run: the bare crypto (AES-GCM decrypt and encrypt of the same
ciphertexts, HMAC for each blind index and proof) and a bare executemany UPDATE of the same rows.

The patients are the registry benchmark's cached dataset (copied, so the cache is not changed).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from privdesk.custody import rotation
from privdesk.opening import open_context
from tests.bench.test_bench_registry import CACHE, Dataset, dataset, settings_in  # noqa: F401 - the fixture
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.bench


def test_bench_rotate_a_million_patients(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> None:  # noqa: F811
    folder = tmp_path_factory.mktemp("rotate")
    for name in ("db.sqlite3", "privdesk.key"):
        shutil.copy2(CACHE / name, folder / name)
    ctx = open_context(settings_in(folder))
    seen: list[tuple[float, str, int]] = []
    started = time.perf_counter()
    try:
        report = rotation.rotate(
            ctx,
            OFFICER_LOGIN,
            OFFICER_PASSWORD,
            progress=lambda what, done, _t: seen.append((time.perf_counter(), what, done)),
        )
    finally:
        ctx.engine.dispose()
    took = time.perf_counter() - started
    first = seen[0][0] - started
    phases = {}
    for at, what, _done in seen:
        phases.setdefault(what, [at, at])[1] = at
    print(
        f"\n  start (checks, the integrity pre-check, new key, lock) and the first batch: {first:5.1f} s; "
        + "; ".join(f"{w}: {b - a:5.1f} s" for w, (a, b) in phases.items())
    )
    assert report.finished and report.rows >= 2_000_000

    # floors on the same rows: the crypto alone, then the UPDATEs alone
    db = sqlite3.connect(str(folder / "db.sqlite3"))
    rows = db.execute("SELECT id, rrn_enc, address_enc FROM patients").fetchall()
    phones = db.execute("SELECT id, phone_enc FROM patient_phones").fetchall()
    aead, other = AESGCM(os.urandom(32)), AESGCM(os.urandom(32))
    blobs = [b for _i, r, a in rows for b in (r, a) if b] + [p for _i, p in phones]
    sealed = [(n := os.urandom(12), aead.encrypt(n, b[17:], b"aad")) for b in blobs]
    import hmac

    key = os.urandom(32)
    t = time.perf_counter()
    for nonce, ct in sealed:
        other.encrypt(nonce, aead.decrypt(nonce, ct, b"aad"), b"aad")
    for _ in range(len(rows) * 2 + len(phones) * 3):  # blind indexes and proofs
        hmac.digest(key, b"x" * 60, "sha256")
    t_crypto = time.perf_counter() - t
    t = time.perf_counter()
    with db:
        db.executemany(
            "UPDATE patients SET rrn_enc = ?, address_enc = ?, rrn_bi = rrn_bi, proof = proof WHERE id = ?",
            [(r, a, i) for i, r, a in rows],
        )
        db.executemany(
            "UPDATE patient_phones SET phone_enc = ?, proof = proof WHERE id = ?", [(p, i) for i, p in phones]
        )
    t_update = time.perf_counter() - t
    db.close()
    rate = report.rows / took
    print(
        f"\nkey rotation, {report.rows:,} rows ({len(rows):,} patients, {len(phones):,} phones), SQLite: "
        f"{took:6.1f} s = {rate:8,.0f} rows/s (target < 180 s)\n"
        f"  floors in the same run: bare AES-GCM decrypt+encrypt of the same values and the HMACs {t_crypto:5.1f} s; "
        f"bare executemany UPDATE of the same rows {t_update:5.1f} s; sum {t_crypto + t_update:5.1f} s "
        f"(rotation / floor {took / (t_crypto + t_update):.1f}x)"
    )
