"""Lifecycle benchmarks (run with ``-m bench -s``; figures go to the issue's closing note).

On SQLite: separate 100,000 due records, and destroy 100,000 records (plan, approval, execution
with the ledger row, the access-log entries and the unrecoverability steps), each beside a bare
DELETE of the same rows on a copy of the same database; then the 10,000-row destruction ledger
to PDF.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from privdesk import clock
from privdesk.bootstrap import initialize
from privdesk.context import AppContext
from privdesk.lifecycle import destruction, ledger, printing, separation
from privdesk.lifecycle.files import PATIENT_FILE
from privdesk.opening import open_context
from privdesk.registry.bulk import (
    SEALED_PATIENT_COLUMNS,
    SEALED_PHONE_COLUMNS,
    RowEncoder,
    Sealer,
    _insert_sql,
)
from privdesk.registry.models import STATUS_DESTROYED, STATUS_SEPARATED
from privdesk.registry.sample import sample_patients
from privdesk.registry.validation import ValidPatient
from privdesk.settings import Settings, load_settings
from tests.audit_support import officer
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.bench

N = 100_000
LEDGER_ROWS = 10_000
_CONFIG = (
    "[security]\npassword_hash_memory_kib = 1024\npassword_hash_iterations = 1\npassword_hash_lanes = 1\n"
)


def settings_in(folder: Path) -> Settings:
    folder.mkdir(parents=True, exist_ok=True)
    cfg = folder / "config.toml"
    cfg.write_text(_CONFIG, encoding="utf-8")
    return load_settings(
        db=f"sqlite:///{folder / 'db.sqlite3'}", key_file=folder / "privdesk.key", env={}, config_file=cfg
    )


def _years_ago(today: dt.date, n: int) -> dt.date:
    return today.replace(year=today.year - n, day=min(today.day, 28))


def build(folder: Path, last_visit: dt.date) -> AppContext:
    """N patients (with phones and one intake each) whose last visit was ``last_visit``."""
    ctx = initialize(
        settings_in(folder), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD
    )
    enc = RowEncoder(ctx.keys, ctx.engine.dialect, retention_years=5, now=clock.now())
    with ctx.engine.begin() as conn:
        sql_p = _insert_sql("patients", SEALED_PATIENT_COLUMNS, conn.dialect)
        sql_ph = _insert_sql("patient_phones", SEALED_PHONE_COLUMNS, conn.dialect)
        seal = Sealer(ctx.keys)
        sql_in = _insert_sql(
            "intakes",
            ("patient_id", "visit_date", "department", "purpose", "staff_login", "created_at"),
            conn.dialect,
        )
        rows: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        intakes: list[tuple[Any, ...]] = []
        stamp = clock.now().replace(tzinfo=None)
        for pid, p in enumerate(sample_patients(N, seed=3), start=1):
            prepared = enc.encode(
                ValidPatient(
                    p.chart_no,
                    p.name,
                    p.rrn,
                    p.address,
                    p.phones,
                    min(p.first_visit, last_visit),
                    last_visit,
                    True,
                )
            )
            rows.append(seal.patient(pid, prepared))
            phones.extend(seal.phones(pid, prepared))
            intakes.append((pid, last_visit, "내과", "진료", OFFICER_LOGIN, stamp))
        conn.exec_driver_sql(sql_p, rows)
        conn.exec_driver_sql(sql_ph, phones)
        conn.exec_driver_sql(sql_in, intakes)
    return ctx


def bare_delete(folder: Path, copy: Path, where: str) -> float:
    shutil.copytree(folder, copy)
    ctx = open_context(settings_in(copy))
    started = time.perf_counter()
    with ctx.engine.begin() as conn:
        conn.execute(
            text(f"DELETE FROM patient_phones WHERE patient_id IN (SELECT id FROM patients WHERE {where})")
        )
        conn.execute(text(f"DELETE FROM intakes WHERE patient_id IN (SELECT id FROM patients WHERE {where})"))
        n = conn.execute(text(f"DELETE FROM patients WHERE {where}")).rowcount
    took = time.perf_counter() - started
    assert n == N
    ctx.engine.dispose()
    return took


def test_bench_separate_100k_sqlite(tmp_path: Path) -> None:
    today = clock.today_kst()
    ctx = build(tmp_path / "a", _years_ago(today, 4))
    ctx.engine.dispose()
    baseline = bare_delete(tmp_path / "a", tmp_path / "a-copy", "status = 'active'")
    ctx = open_context(settings_in(tmp_path / "a"))
    started = time.perf_counter()
    report = separation.run_retention(ctx)
    took = time.perf_counter() - started
    assert report.separated == N
    with ctx.engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM patients WHERE status = :s"), {"s": STATUS_SEPARATED}
            ).scalar_one()
            == N
        )
    print(
        f"\nseparate {N:,} records (copy to the separate file, blank main rows, {N:,} log entries): "
        f"{took:.2f} s; bare DELETE of the same rows: {baseline:.2f} s"
    )
    ctx.engine.dispose()


def test_bench_destroy_100k_sqlite(tmp_path: Path) -> None:
    today = clock.today_kst()
    ctx = build(tmp_path / "b", _years_ago(today, 7))
    # half of them separated (as three years ago), so both stores are destroyed from
    with ctx.engine.begin() as conn:
        conn.execute(
            text("UPDATE lifecycle_files SET separate_after_days = 365 WHERE code = :c"), {"c": PATIENT_FILE}
        )
    separation.run_retention(ctx, today=_years_ago(today, 3))
    ctx.engine.dispose()
    baseline = bare_delete(tmp_path / "b", tmp_path / "b-copy", "status IN ('active', 'separated')")
    ctx = open_context(settings_in(tmp_path / "b"))
    off = officer(ctx)
    t0 = time.perf_counter()
    plan = destruction.create_plan(ctx, off)
    t1 = time.perf_counter()
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    t2 = time.perf_counter()
    result = destruction.execute_plan(ctx, off, plan.id)
    t3 = time.perf_counter()
    assert plan.record_count == N and result.destroyed == N
    with ctx.engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM patients WHERE status = :s"), {"s": STATUS_DESTROYED}
            ).scalar_one()
            == N
        )
    print(
        f"\ndestroy {N:,} records: plan {t1 - t0:.2f} s, approve {t2 - t1:.2f} s, execute (both stores, "
        f"ledger, {N:,} log entries, checkpoint+VACUUM) {t3 - t2:.2f} s; bare DELETE of the same rows: "
        f"{baseline:.2f} s"
    )
    ctx.engine.dispose()


def test_bench_ledger_10k_pdf(tmp_path: Path) -> None:
    ctx = initialize(
        settings_in(tmp_path), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD
    )
    off = officer(ctx)
    today = clock.today_kst()
    with ctx.unit(off) as u:
        for i in range(LEDGER_ROWS):
            ledger.append_entry(
                u,
                file_name="환자 진료 접수 및 관리 (종이 접수증)",
                kind="종이 문서",
                created="2019-03-04",
                destroyed_on=today,
                reason=f"보유기간 경과 (접수증 묶음 {i})",
                item_count=100 + i % 50,
                method="분쇄",
                executed_by="원무과 김담당",
                approved_by="원무과장 이과장",
                witness="총무과 박입회",
            )
    started = time.perf_counter()
    result = printing.print_ledger(ctx, off, today, today, tmp_path / "ledger.pdf", reason="업무 확인")
    took = time.perf_counter() - started
    assert result.rows == LEDGER_ROWS and result.pages > 100
    print(
        f"\ndestruction ledger {LEDGER_ROWS:,} rows to PDF: {took:.2f} s, {result.pages} pages, "
        f"{(tmp_path / 'ledger.pdf').stat().st_size / 1e6:.1f} MB"
    )
    ctx.engine.dispose()
