"""Registry benchmarks (run with ``-m bench -s``; figures go to the issue's closing note).

- 1,000,000 sample patients (realistic names, addresses, phones, correctly generated resident
  numbers), built once with precomputed ciphertexts and cached under /tmp;
- lookups through the ``search`` use case (permission check, query, decryption of the shown
  phone, masking, access-log append) on SQLite and PostgreSQL: exact resident number, name
  prefix, 초성, phone last four, and the empty query the list view opens with. Each is printed
  beside the raw floor: the very SQL statements the use case issued, replayed through bare
  sqlite3 / psycopg in the same run;
- import throughput of a 200,000-row CSV through ``import_patients`` (validation, encryption,
  blind indexes, one access-log entry per patient), with and without the preparing worker
  process, beside bare sqlite3 inserting the same final rows, and the access log's share.

Correctness is asserted; speed is printed, not asserted.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.accounts.users import login
from privdesk.bootstrap import initialize
from privdesk.context import AppContext, open_context
from privdesk.registry.bulk import (
    PATIENT_COLUMNS,
    PHONE_COLUMNS,
    SEALED_PATIENT_COLUMNS,
    SEALED_PHONE_COLUMNS,
    RowEncoder,
    Sealer,
    _insert_sql,
)
from privdesk.registry.hangul import chosung
from privdesk.registry.importer import import_patients
from privdesk.registry.pipeline import InlineBatches, PrepareSpec
from privdesk.registry.sample import sample_patients, write_sample_csv
from privdesk.registry.search import search
from privdesk.registry.validation import ValidPatient
from privdesk.settings import Settings, load_settings
from privdesk.store import migrate
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.bench

N = int(os.environ.get("PRIVDESK_BENCH_PATIENTS", "1000000"))
N_IMPORT = int(os.environ.get("PRIVDESK_BENCH_IMPORT_ROWS", "200000"))
QUERIES = 300
CACHE = Path("/tmp") / f"privdesk-bench-registry-{N}"
_CONFIG = "[security]\npassword_hash_memory_kib = 1024\npassword_hash_iterations = 1\npassword_hash_lanes = 1\n"
PATIENT_TABLES = ("patients", "patient_phones")


# -- the cached 1M dataset -----------------------------------------------------------------------
def settings_in(folder: Path, url: str | None = None) -> Settings:
    cfg = folder / "config.toml"
    cfg.write_text(_CONFIG, encoding="utf-8")
    return load_settings(db=url or f"sqlite:///{folder / 'db.sqlite3'}", key_file=folder / "privdesk.key",
                         env={}, config_file=cfg)


@dataclass(frozen=True)
class Dataset:
    settings: Settings
    queries: dict[str, list[str]]


def _build(folder: Path) -> dict[str, list[str]]:
    ctx = initialize(settings_in(folder), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD)
    enc = RowEncoder(ctx.keys, ctx.engine.dialect, retention_years=5, now=clock.now())
    queries: dict[str, list[str]] = {"rrn": [], "name_prefix": [], "chosung": [], "phone_last4": []}
    rng = random.Random(5)
    every = max(1, N // QUERIES)
    started = time.perf_counter()
    with ctx.engine.begin() as conn:
        sql_p = _insert_sql("patients", SEALED_PATIENT_COLUMNS, conn.dialect)
        sql_ph = _insert_sql("patient_phones", SEALED_PHONE_COLUMNS, conn.dialect)
        seal = Sealer(ctx.keys)
        rows: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        for pid, p in enumerate(sample_patients(N, seed=42), start=1):
            prepared = enc.encode(ValidPatient(p.chart_no, p.name, p.rrn, p.address, p.phones, p.first_visit,
                                               p.last_visit, True))
            rows.append(seal.patient(pid, prepared))
            phones.extend(seal.phones(pid, prepared))
            if pid % every == 0:
                queries["rrn"].append(p.rrn.normalised())
                queries["name_prefix"].append(p.name[:rng.choice((1, 2, 2))])
                queries["chosung"].append(chosung(p.name)[:rng.choice((2, 2, 3))])
                if p.phones:
                    queries["phone_last4"].append(p.phones[0][-4:])
            if len(rows) >= 50_000:
                conn.exec_driver_sql(sql_p, rows)
                conn.exec_driver_sql(sql_ph, phones)
                rows, phones = [], []
        if rows:
            conn.exec_driver_sql(sql_p, rows)
            conn.exec_driver_sql(sql_ph, phones)
    ctx.engine.dispose()  # the last connection to close checkpoints the WAL
    print(f"\nbuilt {N:,} patients in {time.perf_counter() - started:.0f} s")
    return queries


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    ready = CACHE / f"ready-{migrate.head_revision()}.json"
    older = sorted(CACHE.glob("ready-*.json")) if CACHE.is_dir() else []
    if not ready.exists() and older:
        # built under an earlier schema: upgraded in place (seconds) rather than built again
        ctx = open_context(settings_in(CACHE))
        ctx.engine.dispose()
        older[-1].rename(ready)
    if not ready.exists():
        import shutil

        shutil.rmtree(CACHE, ignore_errors=True)
        CACHE.mkdir(parents=True, mode=0o700)
        ready.write_text(json.dumps(_build(CACHE), ensure_ascii=False), encoding="utf-8")
    return Dataset(settings_in(CACHE), json.loads(ready.read_text(encoding="utf-8")))


# -- measuring -----------------------------------------------------------------------------------
@contextmanager
def captured(ctx: AppContext) -> Iterator[list[tuple[str, Any]]]:
    """The registry statements (not the unit's account checks or log appends) a use case issues."""
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if any(t in statement for t in PATIENT_TABLES) and "access_log" not in statement:
            seen.append((statement, parameters))

    event.listen(ctx.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(ctx.engine, "before_cursor_execute", grab)


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values) * 1000:6.2f} ms  p95 {p95 * 1000:6.2f} ms"


def run_lookups(ctx: AppContext, queries: dict[str, list[str]], replay: Callable[[list[tuple[str, Any]]], None],
                check: bool = True) -> dict[str, tuple[list[float], list[float]]]:
    actor = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    kinds = {**queries, "all": [""] * 50}
    out: dict[str, tuple[list[float], list[float]]] = {}
    for kind, qs in kinds.items():
        for q in qs[:20]:  # warm-up
            search(ctx, actor, q)
        use_case: list[float] = []
        floor: list[float] = []
        for q in qs:
            with captured(ctx) as statements:
                t = time.perf_counter()
                page = search(ctx, actor, q)
                use_case.append(time.perf_counter() - t)
            t = time.perf_counter()
            replay(statements)
            floor.append(time.perf_counter() - t)
            if check:
                _check(kind, q, page.rows)
        out[kind] = (use_case, floor)
    return out


def _check(kind: str, q: str, rows: Any) -> None:
    if kind == "rrn":
        assert len(rows) == 1 and rows[0].rrn_masked.startswith(q[:6])
    elif kind == "name_prefix":
        assert rows and all(r.name.startswith(q) for r in rows)
    elif kind == "chosung":
        assert rows and all(chosung(r.name).startswith(q) for r in rows)
    elif kind == "phone_last4":
        assert rows
    names = [(r.name, r.birth_date, r.id) for r in rows]
    assert names == sorted(names)


def report(title: str, results: dict[str, tuple[list[float], list[float]]]) -> None:
    print(f"\n{title}: through the use case | raw floor (same SQL, bare driver)")
    for kind, (use_case, floor) in results.items():
        print(f"  {kind:12} {ms(use_case)}  |  {ms(floor)}   ({len(use_case)} queries)")


# -- lookups on SQLite ---------------------------------------------------------------------------
def test_bench_lookups_sqlite(dataset: Dataset) -> None:
    ctx = open_context(dataset.settings)
    raw = sqlite3.connect(str(CACHE / "db.sqlite3"))
    try:
        def replay(statements: list[tuple[str, Any]]) -> None:
            for stmt, params in statements:
                raw.execute(stmt, params).fetchall()

        report(f"SQLite, {N:,} patients", run_lookups(ctx, dataset.queries, replay))
    finally:
        raw.close()
        ctx.engine.dispose()


# -- lookups on PostgreSQL (the same rows and key, copied over) -----------------------------------
_COPY_ORDER = ("meta", "roles", "role_permissions", "accounts", "account_roles", "password_history",
               "permission_changes", "audit_head", "access_log", "patients", "patient_phones")


def _copy_to_postgres(url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    from privdesk.store.engine import make_engine

    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    u = make_url(url)
    src = sqlite3.connect(str(CACHE / "db.sqlite3"))
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as pg:
        pg.execute("SET TIME ZONE 'UTC'")
        pg.execute("SET session_replication_role = replica")  # bypass the append-only triggers for the copy
        for table in _COPY_ORDER:
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            types = {r[1]: r[2].upper() for r in src.execute(f"PRAGMA table_info({table})")}
            bools = [i for i, c in enumerate(cols) if types[c] == "BOOLEAN"]
            with pg.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                for row in src.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                    if bools:
                        row = tuple(bool(v) if i in bools and v is not None else v for i, v in enumerate(row))
                    cp.write_row(row)
        for table in ("patients", "patient_phones", "accounts", "password_history", "permission_changes"):
            pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
        pg.commit()
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True) as pg:
        pg.execute("VACUUM ANALYZE")
    src.close()


def test_bench_lookups_postgresql(dataset: Dataset, pg_cluster: Any) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    url = pg_cluster.url(pg_cluster.create_database())
    t = time.perf_counter()
    _copy_to_postgres(url)
    print(f"\ncopied {N:,} patients to PostgreSQL in {time.perf_counter() - t:.0f} s")
    settings = settings_in(CACHE, url)
    ctx = open_context(settings)
    u = make_url(url)
    raw = psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True)
    try:
        def replay(statements: list[tuple[str, Any]]) -> None:
            for stmt, params in statements:
                raw.execute(stmt, params).fetchall()

        report(f"PostgreSQL, {N:,} patients", run_lookups(ctx, dataset.queries, replay))
    finally:
        raw.close()
        ctx.engine.dispose()


# -- import throughput ---------------------------------------------------------------------------
def _fresh(folder: Path) -> AppContext:
    folder.mkdir(parents=True, exist_ok=True)
    return initialize(settings_in(folder), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD)


def test_bench_import_sqlite(tmp_path: Path) -> None:
    CACHE.mkdir(parents=True, exist_ok=True, mode=0o700)
    csv_path = CACHE / f"import-{N_IMPORT}.csv"
    if not csv_path.exists():
        write_sample_csv(csv_path, N_IMPORT, seed=77)
    lines = []
    for label, workers, batch in (("worker process", 1, 5000), ("in-process", 0, 5000),
                                  ("worker process", 1, 20000)):
        ctx = _fresh(tmp_path / f"{label.replace(' ', '-')}-{batch}")
        actor = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        t = time.perf_counter()
        result = import_patients(ctx, actor, csv_path, workers=workers, batch_size=batch)
        elapsed = time.perf_counter() - t
        assert result.imported + result.rejected == N_IMPORT and result.rejected == 0
        with ctx.engine.connect() as conn:
            logged = conn.execute(text("SELECT COUNT(*) FROM access_log WHERE action = 'import' "
                                       "AND subject IS NOT NULL")).scalar_one()
        assert logged == N_IMPORT
        lines.append(f"  import_patients, {label:14} batches of {batch:6,} {N_IMPORT / elapsed:8,.0f} rows/s"
                     f"  ({elapsed:.1f} s)")
        ctx.engine.dispose()

    # the raw floor: bare sqlite3 inserting the same final rows (prepared outside the timing)
    ctx = _fresh(tmp_path / "floor")
    spec = PrepareSpec(path=str(csv_path), encoding="utf-8-sig",
                       idx={"chart_no": 0, "name": 1, "rrn": 2, "address": 3, "phone": 4, "first_visit": 5,
                            "last_visit": 6},
                       batch_size=5000, retention_years=5, now=clock.now(), today=clock.today_kst(),
                       db_url=ctx.settings.db_url, key_file=str(ctx.settings.key_file), key_check=ctx.keys.check_value)
    t = time.perf_counter()
    batches = list(InlineBatches(spec, ctx.keys, ctx.engine.dialect))
    prep_time = time.perf_counter() - t
    db_file = str(ctx.settings.db_url.removeprefix("sqlite:///"))
    ctx.engine.dispose()
    raw = sqlite3.connect(db_file, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    sql_p = _insert_sql("patients", PATIENT_COLUMNS, _SqliteParams())
    sql_ph = _insert_sql("patient_phones", PHONE_COLUMNS, _SqliteParams())
    pid = 0
    t = time.perf_counter()
    for b in batches:
        raw.execute("BEGIN IMMEDIATE")
        rows, phones = [], []
        for p in b.prepared:
            pid += 1
            rows.append((pid, *p.row))
            phones.extend((pid, *ph) for ph in p.phones)
        raw.executemany(sql_p, rows)
        raw.executemany(sql_ph, phones)
        raw.execute("COMMIT")
    floor = time.perf_counter() - t
    raw.close()
    lines.append(f"  raw floor: bare sqlite3 executemany of the same rows, batches of 5,000 {N_IMPORT / floor:8,.0f} rows/s"
                 f"  (validation+encryption alone: {N_IMPORT / prep_time:,.0f} rows/s in one process)")

    # the access log's share: one entry per patient, appended as the import does
    ctx = _fresh(tmp_path / "log")
    actor = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    t = time.perf_counter()
    for start in range(0, N_IMPORT, 5000):
        with ctx.unit(actor, Permission.PATIENT_IMPORT) as u:
            for i in range(start, min(start + 5000, N_IMPORT)):
                u.log("import", f"patient:{i + 1}")
    log_time = time.perf_counter() - t
    ctx.engine.dispose()
    lines.append(f"  access log alone (one entry per patient): {log_time / N_IMPORT * 1e6:.1f} µs/row, "
                 f"{N_IMPORT / log_time:,.0f} entries/s")
    print(f"\nSQLite import of {N_IMPORT:,} rows ({os.cpu_count()} CPUs):\n" + "\n".join(lines))


class _SqliteParams:
    paramstyle = "qmark"
