"""Registry benchmarks (run with ``-m bench -s``; figures go to the issue's closing note).

- 1,000,000 sample patients (realistic names, addresses, phones, correctly generated resident
  numbers), built once with precomputed ciphertexts and cached under /tmp;
- lookups through the ``search`` use case (permission check, query, decryption of the shown
  phone, masking, access-log append) on SQLite and PostgreSQL: exact resident number, name
  prefix, 초성, phone last four, and the empty query the list view opens with. Each is printed
  beside the raw floor: the very SQL statements the use case issued, replayed through bare
  sqlite3 / psycopg in the same run;
- import throughput of a CSV (``PRIVDESK_BENCH_IMPORT_ROWS``: 200,000 by default, 1,000,000 for the
  closing note) through ``import_patients`` (validation, encryption, blind indexes, row proofs, the
  access log), with its default preparing workers and in-process, beside the bare floor (a bare
  script encrypting, blind-indexing and inserting the same rows) and the ratio to it.

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
from privdesk.accounts.users import login
from privdesk.bootstrap import initialize
from privdesk.context import AppContext
from privdesk.opening import open_context
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
from privdesk.registry.pipeline import InlineBatches, PrepareSpec, default_workers
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
_CONFIG = (
    "[security]\npassword_hash_memory_kib = 1024\npassword_hash_iterations = 1\npassword_hash_lanes = 1\n"
)
PATIENT_TABLES = ("patients", "patient_phones")


# -- the cached 1M dataset -----------------------------------------------------------------------
def settings_in(folder: Path, url: str | None = None) -> Settings:
    cfg = folder / "config.toml"
    cfg.write_text(_CONFIG, encoding="utf-8")
    return load_settings(
        db=url or f"sqlite:///{folder / 'db.sqlite3'}",
        key_file=folder / "privdesk.key",
        env={},
        config_file=cfg,
    )


@dataclass(frozen=True)
class Dataset:
    settings: Settings
    queries: dict[str, list[str]]


def _build(folder: Path) -> dict[str, list[str]]:
    ctx = initialize(
        settings_in(folder), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD
    )
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
            prepared = enc.encode(
                ValidPatient(
                    p.chart_no, p.name, p.rrn, p.address, p.phones, p.first_visit, p.last_visit, True
                )
            )
            rows.append(seal.patient(pid, prepared))
            phones.extend(seal.phones(pid, prepared))
            if pid % every == 0:
                queries["rrn"].append(p.rrn.normalised())
                queries["name_prefix"].append(p.name[: rng.choice((1, 2, 2))])
                queries["chosung"].append(chosung(p.name)[: rng.choice((2, 2, 3))])
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

    def grab(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
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


def run_lookups(
    ctx: AppContext,
    queries: dict[str, list[str]],
    replay: Callable[[list[tuple[str, Any]]], None],
    check: bool = True,
) -> dict[str, tuple[list[float], list[float]]]:
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
_COPY_ORDER = (
    "meta",
    "roles",
    "role_permissions",
    "accounts",
    "account_roles",
    "password_history",
    "permission_changes",
    "audit_head",
    "access_log",
    "patients",
    "patient_phones",
)


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
            pg.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
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
    return initialize(
        settings_in(folder), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD
    )


def _bare_floor(ctx: AppContext, csv_path: Path, batch: int = 5000) -> float:
    """The issue's floor: the same rows encrypted, blind-indexed and inserted by a bare script (csv
    module, the key ring, sqlite3 ``executemany``; no validation, no proofs, no access log, one
    process). Returns the seconds it took."""
    import csv as csvmod

    keys = ctx.keys
    db_file = str(ctx.settings.db_url.removeprefix("sqlite:///"))
    ctx.engine.dispose()
    raw = sqlite3.connect(db_file, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    sql_p = _insert_sql("patients", PATIENT_COLUMNS, _SqliteParams())
    sql_ph = _insert_sql("patient_phones", PHONE_COLUMNS, _SqliteParams())
    now = clock.now().isoformat(sep=" ")
    t = time.perf_counter()
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csvmod.reader(fh)
        next(reader)
        rows: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []

        def flush() -> None:
            raw.execute("BEGIN IMMEDIATE")
            raw.executemany(sql_p, rows)
            raw.executemany(sql_ph, phones)
            raw.execute("COMMIT")
            rows.clear()
            phones.clear()

        for pid, (chart, name, rrn, address, phone, first, last) in enumerate(reader, start=1):
            uid = os.urandom(10).hex()
            digits = rrn.replace("-", "")
            born = f"{'19' if digits[6] in '1256' else '20'}{digits[:2]}-{digits[2:4]}-{digits[4:6]}"
            rows.append(
                (
                    pid,
                    uid,
                    chart,
                    name,
                    chosung(name),
                    keys.encrypt(digits, "patients", "rrn", uid),
                    keys.blind_index("rrn", digits),
                    born,
                    "M" if digits[6] in "1357" else "F",
                    0,
                    keys.encrypt(address, "patients", "address", uid) if address else None,
                    first or None,
                    last or None,
                    "active",
                    last or None,
                    0,
                    None,
                    now,
                    now,
                    1,
                )
            )
            for i, ph in enumerate(p for p in phone.split("/") if p):
                d = ph.replace("-", "")
                phones.append(
                    (
                        pid,
                        i,
                        keys.encrypt(ph, "patient_phones", "phone", f"{uid}:{i}"),
                        keys.blind_index("phone", d),
                        keys.blind_index("phone_last4", d[-4:]),
                    )
                )
            if len(rows) >= batch:
                flush()
        if rows:
            flush()
    elapsed = time.perf_counter() - t
    raw.close()
    return elapsed


def _insert_floor(ctx: AppContext, csv_path: Path) -> tuple[float, float]:
    """The narrower floor: bare sqlite3 inserting the importer's own final rows (prepared outside
    the timing). Returns (insert seconds, preparation seconds in one process)."""
    spec = PrepareSpec(
        path=str(csv_path),
        encoding="utf-8-sig",
        idx={"chart_no": 0, "name": 1, "rrn": 2, "address": 3, "phone": 4, "first_visit": 5, "last_visit": 6},
        batch_size=5000,
        retention_years=5,
        now=clock.now(),
        today=clock.today_kst(),
        db_url=ctx.settings.db_url,
        key_file=str(ctx.settings.key_file),
        key_check=ctx.keys.check_value,
    )
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
            rows.append((pid, *p.row[: len(PATIENT_COLUMNS) - 1]))
            phones.extend((pid, *ph[: len(PHONE_COLUMNS) - 1]) for ph in p.phones)
        raw.executemany(sql_p, rows)
        raw.executemany(sql_ph, phones)
        raw.execute("COMMIT")
    floor = time.perf_counter() - t
    raw.close()
    return floor, prep_time


def _cpu() -> tuple[float, float]:
    import resource

    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def _cpu_since(start: tuple[float, float]) -> tuple[float, float]:
    now = _cpu()
    return now[0] - start[0], now[1] - start[1]


def _logged_patients(ctx: AppContext) -> int:
    """Patients identifiable from the import's access-log entries."""
    from privdesk.audit import batches as log_batches

    with ctx.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT subject, detail FROM access_log WHERE action = 'import' AND subject IS NOT NULL")
        ).all()
    return len({ref for subject, detail in rows for ref in log_batches.refs_of(subject, detail)})


def test_bench_import_sqlite(tmp_path: Path) -> None:
    """Through ``import_patients`` (default workers: one preparing process per spare core, and in
    this process) beside the bare floor, alternating, ``PRIVDESK_BENCH_REPEAT`` times (medians)."""
    CACHE.mkdir(parents=True, exist_ok=True, mode=0o700)
    csv_path = CACHE / f"import-{N_IMPORT}.csv"
    if not csv_path.exists():
        write_sample_csv(csv_path, N_IMPORT, seed=77)
    repeat = int(os.environ.get("PRIVDESK_BENCH_REPEAT", "1"))
    runs: dict[str, list[float]] = {}
    cpu: dict[str, list[tuple[float, float]]] = {}  # (this process, preparing processes) seconds
    for r in range(repeat):
        ctx = _fresh(tmp_path / f"bare-{r}")
        c0 = _cpu()
        runs.setdefault("floor", []).append(_bare_floor(ctx, csv_path))
        cpu.setdefault("floor", []).append(_cpu_since(c0))
        for label, workers in (("default workers", None), ("in-process", 0)):
            if label == "in-process" and r > 0 and N_IMPORT > 200_000:
                continue
            ctx = _fresh(tmp_path / f"{label.replace(' ', '-')}-{r}")
            actor = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
            c0 = _cpu()
            t = time.perf_counter()
            result = import_patients(ctx, actor, csv_path, workers=workers)
            runs.setdefault(label, []).append(time.perf_counter() - t)
            cpu.setdefault(label, []).append(_cpu_since(c0))
            assert result.imported + result.rejected == N_IMPORT and result.rejected == 0
            assert _logged_patients(ctx) == N_IMPORT
            ctx.engine.dispose()
    ctx = _fresh(tmp_path / "insert-floor")
    insert_floor, prep_time = _insert_floor(ctx, csv_path)

    floor = statistics.median(runs["floor"])
    floor_cpu = statistics.median(c[0] for c in cpu["floor"]) / N_IMPORT * 1e6
    lines = [
        f"  bare floor (csv + encrypt + blind index + sqlite3 executemany, one process) "
        f"{N_IMPORT / floor:8,.0f} rows/s  ({floor:.1f} s; CPU {floor_cpu:.0f} µs/row)"
    ]
    workers = default_workers()
    for label in ("default workers", "in-process"):
        took = statistics.median(runs[label])
        main_cpu = statistics.median(c[0] for c in cpu[label]) / N_IMPORT * 1e6
        prep_cpu = statistics.median(c[1] for c in cpu[label]) / N_IMPORT * 1e6
        lines.append(
            f"  import_patients, {label:16} {N_IMPORT / took:8,.0f} rows/s  ({took:.1f} s)  "
            f"ratio to the bare floor {floor / took:.2f}"
        )
        if label == "in-process":
            lines.append(
                f"      CPU {main_cpu:.0f} µs/row: CPU ratio to the floor {floor_cpu / main_cpu:.2f}"
            )
        else:
            # the critical path when each process has a core: the writer, or one of the preparers
            path = max(main_cpu, prep_cpu / workers)
            lines.append(
                f"      CPU µs/row: writer {main_cpu:.0f}, {workers} preparing process(es) {prep_cpu:.0f} "
                f"together: with a core each, ratio to the floor {floor_cpu / path:.2f}"
            )
    lines.append(
        f"  narrower floor: bare sqlite3 executemany of the importer's prepared rows {N_IMPORT / insert_floor:8,.0f} "
        f"rows/s (its validation+encryption alone: {N_IMPORT / prep_time:,.0f} rows/s in one process)"
    )
    print(
        f"\nSQLite import of {N_IMPORT:,} rows ({os.cpu_count()} CPUs, {workers} preparing process(es) by "
        f"default, medians of {repeat}, "
        f"runs: {', '.join(f'{k}=' + '/'.join(f'{N_IMPORT / v:,.0f}' for v in vs) for k, vs in runs.items())}):\n"
        + "\n".join(lines)
    )


class _SqliteParams:
    paramstyle = "qmark"
