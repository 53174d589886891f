"""The yearly usage notice (이용·제공 내역 통지) benchmark (run with ``-m bench -s``).

50,000 sample patients (encrypted and sealed as the registry benchmark builds them) and a year of
provisions to third parties (3,000 entries naming 1–3 patients each, last year). ``privdesk notice
make`` runs as the user runs it — the command line, in a child process — for the letters (PDF) and
then the CSV (a numbered reissue); printed: wall time and the child's peak memory (max RSS), beside

- the start-up floor: ``privdesk notice status`` in a child (interpreter, imports, opening, login);
- the data floor: the same rows (the active patients with their phones, the year's provisions with
  their subjects) read by a bare query through sqlite3 in a child, each row dropped once read.

Correctness is asserted (the batch's patients, the CSV's rows, the PDF's pages); speed and memory
are printed, not asserted. ``PRIVDESK_BENCH_NOTICE_PATIENTS`` (default 50,000) and
``PRIVDESK_BENCH_NOTICE_OUTPUTS`` (default ``pdf,csv``; ``csv`` alone takes seconds) choose the run.

Recorded (2026-12-05, SQLite, 2 CPUs shared with three other sessions' runs: wall times move a lot;
peak RSS is the steadier figure). Floors: start-up (notice status) 1.1–2.9 s, 84 MiB; the same rows by
bare sqlite3 0.1–0.3 s, 14 MiB.

  run                                 letters.pdf               letters.csv
  5k,  letters held (before)          50.6 s  429 MiB           4.5 s  117 MiB
  5k,  flowables streamed             36.8 s  301 MiB             —
  5k,  + page operators compressed    48.5 s  256 MiB           3.3 s  117 MiB
  5k,  + pages let go in save         27.2 s  206 MiB             —
  50k, flowables streamed, compressed 511 s  1,422 MiB (114 MiB)   8.6 s  236 MiB
  50k, CSV streamed, letters as rows    —                        6.7 s  219 MiB
  50k, + pages let go in save         250 s    935 MiB (114 MiB)     —

What still grows with the batch: the PDF — reportlab keeps every page's content stream in its
document until it writes the file (about 11–17 KiB a page now, from about 57; 50,000 letters in one
PDF still need most of a GiB — splitting a batch into files of a few thousand letters is not done); the CSV — one
access-log entry per patient, committed with the batch in one transaction (by design: the file
appears only when every patient's entry is in the log).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from privdesk import clock
from privdesk.bootstrap import initialize
from privdesk.disclosures.models import PROVISION, Disclosure, DisclosureSubject
from privdesk.registry.bulk import (
    SEALED_PATIENT_COLUMNS,
    SEALED_PHONE_COLUMNS,
    RowEncoder,
    Sealer,
    _insert_sql,
)
from privdesk.registry.sample import sample_patients
from privdesk.registry.validation import ValidPatient
from tests.bench.test_bench_registry import settings_in
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.bench

N = int(os.environ.get("PRIVDESK_BENCH_NOTICE_PATIENTS", "50000"))
PROVISIONS = 3_000
OUTPUTS = os.environ.get("PRIVDESK_BENCH_NOTICE_OUTPUTS", "pdf,csv").split(",")  # "csv" alone: seconds
YEAR = clock.today_kst().year - 1

FLOOR = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
n = 0
for row in con.execute(
    "SELECT p.id, p.chart_no, p.name, p.address_enc, p.uid FROM patients p WHERE p.status = 'active' "
    "ORDER BY p.chart_no"
):
    for ph in con.execute("SELECT position, phone_enc FROM patient_phones WHERE patient_id = ?", (row[0],)):
        pass
    n += 1
for row in con.execute(
    "SELECT s.patient_id, d.* FROM disclosure_subjects s JOIN disclosures d ON d.id = s.disclosure_id "
    "WHERE d.kind = 'provision' AND d.disclosed_on BETWEEN ? AND ? AND s.patient_id IS NOT NULL "
    "ORDER BY d.disclosed_on, d.id",
    (sys.argv[2] + "-01-01", sys.argv[2] + "-12-31"),
):
    pass
print(n)
"""


def build(folder: Path) -> None:
    ctx = initialize(
        settings_in(folder), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD
    )
    enc = RowEncoder(ctx.keys, ctx.engine.dialect, retention_years=5, now=clock.now())
    seal = Sealer(ctx.keys)
    started = time.perf_counter()
    with ctx.engine.begin() as conn:
        rows: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        for pid, p in enumerate(sample_patients(N, seed=7), start=1):
            prepared = enc.encode(
                ValidPatient(
                    p.chart_no, p.name, p.rrn, p.address, p.phones, p.first_visit, p.last_visit, True
                )
            )
            rows.append(seal.patient(pid, prepared))
            phones.extend(seal.phones(pid, prepared))
        conn.exec_driver_sql(_insert_sql("patients", SEALED_PATIENT_COLUMNS, conn.dialect), rows)
        conn.exec_driver_sql(_insert_sql("patient_phones", SEALED_PHONE_COLUMNS, conn.dialect), phones)
        rng = random.Random(11)
        now = clock.now()
        entries, subjects = [], []
        for i in range(1, PROVISIONS + 1):
            entries.append(
                {
                    "id": i,
                    "kind": PROVISION,
                    "file_code": "patients",
                    "file_name": "환자 진료기록",
                    "recipient": rng.choice(("관악경찰서 형사과", "국민건강보험공단", "○○생명보험")),
                    "recipient_purpose": "수사·보험금 심사",
                    "items": "성명, 진료기록 사본",
                    "legal_basis": rng.choice(("law", "consent")),
                    "basis_detail": "형사소송법 제215조",
                    "disclosed_on": dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(365)),
                    "period": "",
                    "form": "사본",
                    "restrictions": "",
                    "document_no": f"BENCH-{i}",
                    "provided_by": OFFICER_LOGIN,
                    "deidentified": False,
                    "subject_count": 0,
                    "note": "",
                    "recorded_at": now,
                    "recorded_by": OFFICER_LOGIN,
                }
            )
            who = rng.sample(range(1, N + 1), rng.randint(1, 3))
            entries[-1]["subject_count"] = len(who)
            subjects += [
                {
                    "disclosure_id": i,
                    "position": k,
                    "subject_ref": f"patient:{pid}",
                    "patient_id": pid,
                    "label": "",
                }
                for k, pid in enumerate(who)
            ]
        conn.execute(insert(Disclosure), entries)
        conn.execute(insert(DisclosureSubject), subjects)
    ctx.engine.dispose()
    print(f"\n  built {N:,} patients and {PROVISIONS:,} provisions in {time.perf_counter() - started:.0f} s")


PEAK = """
import atexit, runpy, sys


def peak() -> None:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            sys.stderr.write("PEAK_KIB " + line.split()[1] + "\\n")


atexit.register(peak)
sys.argv = sys.argv[1:]
if sys.argv[0] == "-c":  # the floor: sys.argv[1:] = the database, the year
    exec(compile(FLOOR, "floor", "exec"))
else:
    runpy.run_module("privdesk", run_name="__main__", alter_sys=True)
"""


def measured(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, the child's own peak RSS (VmHWM, MiB: read at its exit, after exec — a
    forked child's rusage would count the parent's pages) and its stdout."""
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", f"FLOOR = {FLOOR!r}\n" + PEAK, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - t
    assert proc.returncode == 0, proc.stderr
    kib = next(int(x.split()[1]) for x in proc.stderr.splitlines() if x.startswith("PEAK_KIB"))
    return took, kib / 1024, proc.stdout


def test_bench_notice_make_at_50000_patients(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("notice-bench")
    build(folder)
    env = {
        "PRIVDESK_DB": f"sqlite:///{folder / 'db.sqlite3'}",
        "PRIVDESK_KEY_FILE": str(folder / "privdesk.key"),
        "PRIVDESK_CONFIG": str(folder / "config.toml"),
        "PRIVDESK_WITNESS_FILE": str(folder / "witness.log"),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
        "QT_QPA_PLATFORM": "offscreen",
    }
    cli = ["privdesk"]
    start_s, start_mb, _ = measured(
        [*cli, "notice", "status", "--year", str(YEAR), "--as", OFFICER_LOGIN], env
    )
    floor_s, floor_mb, counted = measured(["-c", str(folder / "db.sqlite3"), str(YEAR)], env)
    assert int(counted) == N
    reason = ["--reason", "연간 이용·제공 내역 통지", "--as", OFFICER_LOGIN]
    made: dict[str, tuple[float, float, str]] = {}
    for kind in OUTPUTS:
        again = ["--reissue"] if made else []
        out = folder / f"letters.{kind}"
        made[kind] = measured(
            [*cli, "notice", "make", "--year", str(YEAR), "--out", str(out), *again, *reason], env
        )
        assert f"{N:,}명" in made[kind][2]
    print(
        f"\n  privdesk notice make, {N:,} patients, {PROVISIONS:,} provisions of {YEAR} (children; wall, peak RSS)"
    )
    print(f"  start-up floor (notice status)       {start_s:7.1f} s  {start_mb:7.0f} MiB")
    print(f"  data floor (bare sqlite3, same rows) {floor_s:7.1f} s  {floor_mb:7.0f} MiB")
    if "pdf" in made:
        pdf_s, pdf_mb, pdf_out = made["pdf"]
        pages = int(pdf_out.rsplit("쪽", 1)[0].rsplit(" ", 1)[-1])
        assert pages >= N
        size = (folder / "letters.pdf").stat().st_size / 2**20
        print(
            f"  make --out letters.pdf ({pages:,} pages) {pdf_s:7.1f} s  {pdf_mb:7.0f} MiB  ({size:.0f} MiB file)"
        )
    if "csv" in made:
        assert len((folder / "letters.csv").read_text(encoding="utf-8-sig").splitlines()) == N + 1
        print(f"  make --out letters.csv               {made['csv'][0]:7.1f} s  {made['csv'][1]:7.0f} MiB")
