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
  script encrypting, blind-indexing and inserting the same rows) and the ratio to it; on SQLite
  and on PostgreSQL (there beside two floors, psycopg ``executemany`` and ``COPY``, with the
  server's CPU counted too).

Correctness is asserted; speed is printed, not asserted.

Recorded, PostgreSQL import (2026-12-05, the suite's PostgreSQL 15 — fsync off — reached as the
workstations' role; 2 CPUs shared with seven other sessions' test runs, load average 2.4–8.5, so
rows/s moved by up to 2× between runs of the same code: the CPU per row, summed over this process,
the preparing process and the server, is the steadier figure). Rows/s, ratio to the executemany /
COPY floor in brackets; "before" is the writer's ``executemany`` with 500-parameter ``IN`` look-ups
(6899f99), "after" ``COPY`` and one binary array look-up per batch (d879187):

  rows, code        floors: execmany   COPY | default workers (1)  | in-process           | CPU µs/row
  50k, before, 1st          5,494   5,725 |  1,965 (0.36 / 0.34) |  1,949 (0.35 / 0.34) | 219 / 189
  50k, before, 2nd          5,649   7,971 |  2,952 (0.52 / 0.37) |  3,144 (0.56 / 0.39) | 208 / 174
  50k, after, 1st           9,377  15,312 |  6,391 (0.68 / 0.42) |  6,756 (0.72 / 0.44) | 149 / 117
  50k, after, 2nd          12,812  17,431 |  7,349 (0.57 / 0.42) |  7,615 (0.59 / 0.44) | 143 / 121
  200k, before, 1st         3,363   4,084 |  2,060 (0.61 / 0.50) |  4,354 (1.29 / 1.07)*| 215 / 173
  200k, before, 2nd         5,213   7,338 |  3,701 (0.71 / 0.50) |  4,329 (0.83 / 0.59) | 199 / 169
  200k, after               7,846  10,904 |  5,562 (0.71 / 0.51) |  5,668 (0.72 / 0.52) | 149 / 128
  (50k: medians of 3; 200k: one run each; * the floors ran while the machine was busiest; CPU µs/row:
  all processes, default workers / in-process, against 94–110 for the executemany floor, 57–73 for COPY)

By CPU the import went from 0.55–0.64 to 0.80 of the executemany floor in-process and to 0.47–0.49
of the COPY floor: the writer 63–68 → 38–39 µs/row, the server 61–69 → 34–41. What is left is
shared with SQLite: validation and encryption (69–76 µs/row in the preparing process, against the
COPY floor's 27 µs/row for reading, encrypting and sending) and, with fewer than two preparing
processes, the row proofs' MACs in the writer.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
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


def _floor_batches(
    keys: Any, csv_path: Path, *, now: Any, false: Any, batch: int = 5000
) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """The bare floor's rows: the CSV read with the csv module, each patient encrypted and
    blind-indexed with the key ring as the importer does (no validation, no proofs), in batches of
    (:data:`PATIENT_COLUMNS` rows, :data:`PHONE_COLUMNS` rows). ``now`` and ``false`` in the
    driver's own format (SQLite: text and 0; psycopg: a datetime and ``False``)."""
    import csv as csvmod

    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csvmod.reader(fh)
        next(reader)
        rows: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
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
                    false,
                    keys.encrypt(address, "patients", "address", uid) if address else None,
                    first or None,
                    last or None,
                    "active",
                    last or None,
                    false,
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
                yield rows, phones
                rows, phones = [], []
        if rows:
            yield rows, phones


Rows = list[tuple[Any, ...]]


def _sqlite_insert(ctx: AppContext, batches: Iterable[tuple[Rows, Rows]]) -> float:
    """Seconds to insert ``batches`` of (patients, phones) rows with bare sqlite3 ``executemany``,
    one transaction each (producing the batches counts: the bare floor encrypts as it goes)."""
    db_file = str(ctx.settings.db_url.removeprefix("sqlite:///"))
    ctx.engine.dispose()
    raw = sqlite3.connect(db_file, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    sql_p = _insert_sql("patients", PATIENT_COLUMNS, _SqliteParams())
    sql_ph = _insert_sql("patient_phones", PHONE_COLUMNS, _SqliteParams())
    t = time.perf_counter()
    for rows, phones in batches:
        raw.execute("BEGIN IMMEDIATE")
        raw.executemany(sql_p, rows)
        raw.executemany(sql_ph, phones)
        raw.execute("COMMIT")
    elapsed = time.perf_counter() - t
    raw.close()
    return elapsed


def _pg_insert(ctx: AppContext, batches: Iterable[tuple[Rows, Rows]], *, copy: bool) -> float:
    """The same with bare psycopg, as the workstations' role: ``executemany`` (psycopg batches it in
    pipeline mode) or ``COPY … FROM STDIN``."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(ctx.settings.db_url)
    ctx.engine.dispose()
    sql_p = _insert_sql("patients", PATIENT_COLUMNS, _PgParams())
    sql_ph = _insert_sql("patient_phones", PHONE_COLUMNS, _PgParams())
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as pg:
        cur = pg.cursor()
        t = time.perf_counter()
        for rows, phones in batches:
            if copy:
                for table, columns, values in (
                    ("patients", PATIENT_COLUMNS, rows),
                    ("patient_phones", PHONE_COLUMNS, phones),
                ):
                    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
                        for row in values:
                            cp.write_row(row)
            else:
                cur.executemany(sql_p, rows)
                cur.executemany(sql_ph, phones)
            pg.commit()
        return time.perf_counter() - t


def _bare_floor(ctx: AppContext, csv_path: Path, *, copy: bool = False) -> float:
    """The issue's floor: the same rows encrypted, blind-indexed and inserted by a bare script (csv
    module, the key ring, the bare driver's ``executemany`` — or psycopg's COPY; no validation, no
    proofs, no access log, one process). Returns the seconds it took."""
    if ctx.engine.dialect.name == "postgresql":
        return _pg_insert(ctx, _floor_batches(ctx.keys, csv_path, now=clock.now(), false=False), copy=copy)
    now = clock.now().isoformat(sep=" ")
    return _sqlite_insert(ctx, _floor_batches(ctx.keys, csv_path, now=now, false=0))


def _insert_floor(ctx: AppContext, csv_path: Path, *, copy: bool = False) -> tuple[float, float]:
    """The narrower floor: the bare driver inserting the importer's own final rows (prepared outside
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
    rows: list[tuple[Rows, Rows]] = []
    pid = 0
    for b in batches:
        patients, phones = [], []
        for p in b.prepared:
            pid += 1
            patients.append((pid, *p.row[: len(PATIENT_COLUMNS) - 1]))
            phones.extend((pid, *ph[: len(PHONE_COLUMNS) - 1]) for ph in p.phones)
        rows.append((patients, phones))
    if ctx.engine.dialect.name == "postgresql":
        return _pg_insert(ctx, rows, copy=copy), prep_time
    return _sqlite_insert(ctx, rows), prep_time


Cpu = tuple[float, float, float]  # seconds: this process, its children (preparing processes), the server


def _no_server() -> float:
    return 0.0


def _cpu(server: Callable[[], float] = _no_server) -> Cpu:
    import resource

    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime, server()


def _cpu_since(start: Cpu, server: Callable[[], float] = _no_server) -> Cpu:
    now = _cpu(server)
    return now[0] - start[0], now[1] - start[1], now[2] - start[2]


def _logged_patients(ctx: AppContext) -> int:
    """Patients identifiable from the import's access-log entries."""
    from privdesk.audit import batches as log_batches

    with ctx.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT subject, detail FROM access_log WHERE action = 'import' AND subject IS NOT NULL")
        ).all()
    return len({ref for subject, detail in rows for ref in log_batches.refs_of(subject, detail)})


def _import_csv() -> Path:
    CACHE.mkdir(parents=True, exist_ok=True, mode=0o700)
    csv_path = CACHE / f"import-{N_IMPORT}.csv"
    if not csv_path.exists():
        write_sample_csv(csv_path, N_IMPORT, seed=77)
    return csv_path


@dataclass
class ImportRuns:
    """Seconds and CPU of each run, by label (the floors', then ``default workers`` and
    ``in-process``), ``repeat`` runs each (in-process once only above 200,000 rows)."""

    repeat: int
    seconds: dict[str, list[float]]
    cpu: dict[str, list[Cpu]]


def measure_imports(
    csv_path: Path,
    fresh: Callable[[str], AppContext],
    floors: Mapping[str, Callable[[AppContext], float]],
    done: Callable[[AppContext], None],
    server_cpu: Callable[[], float] = _no_server,
) -> ImportRuns:
    """Each floor, then ``import_patients`` with its default workers and in-process, each into a
    ``fresh(name)`` database (``done`` after it), alternating, ``PRIVDESK_BENCH_REPEAT`` times."""
    repeat = int(os.environ.get("PRIVDESK_BENCH_REPEAT", "1"))
    out = ImportRuns(repeat, {}, {})
    for r in range(repeat):
        for label, floor in floors.items():
            ctx = fresh(f"{label.replace(' ', '-')}-{r}")
            c0 = _cpu(server_cpu)
            out.seconds.setdefault(label, []).append(floor(ctx))
            out.cpu.setdefault(label, []).append(_cpu_since(c0, server_cpu))
            done(ctx)
        for label, workers in (("default workers", None), ("in-process", 0)):
            if label == "in-process" and r > 0 and N_IMPORT > 200_000:
                continue
            ctx = fresh(f"{label.replace(' ', '-')}-{r}")
            actor = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
            c0 = _cpu(server_cpu)
            t = time.perf_counter()
            result = import_patients(ctx, actor, csv_path, workers=workers)
            out.seconds.setdefault(label, []).append(time.perf_counter() - t)
            out.cpu.setdefault(label, []).append(_cpu_since(c0, server_cpu))
            assert result.imported + result.rejected == N_IMPORT and result.rejected == 0
            assert _logged_patients(ctx) == N_IMPORT
            done(ctx)
    return out


def report_imports(
    title: str, runs: ImportRuns, floors: Mapping[str, str], narrower: list[str], *, server: bool = False
) -> None:
    """Rows/s of the floors (``floors``: label → what it is; the first is the floor the ratios are
    to, the others are printed beside it), of the importer with its default workers and in-process,
    with the CPU each spent per row (this process, the preparing processes, and with ``server`` the
    database server's processes)."""
    n = N_IMPORT

    def per_row(label: str, which: int) -> float:
        return statistics.median(c[which] for c in runs.cpu[label]) / n * 1e6

    def server_cpu(label: str) -> str:
        return f", server {per_row(label, 2):.0f}" if server else ""

    lines = []
    for label, what in floors.items():
        took = statistics.median(runs.seconds[label])
        lines.append(
            f"  {what} {n / took:8,.0f} rows/s  ({took:.1f} s; CPU µs/row: this process "
            f"{per_row(label, 0):.0f}{server_cpu(label)})"
        )
    base = next(iter(floors))
    floor, floor_cpu = statistics.median(runs.seconds[base]), per_row(base, 0)
    workers = default_workers()
    for label in ("default workers", "in-process"):
        took = statistics.median(runs.seconds[label])
        main_cpu, prep_cpu = per_row(label, 0), per_row(label, 1)
        others = "".join(
            f", to the {k} {statistics.median(runs.seconds[k]) / took:.2f}" for k in list(floors)[1:]
        )
        lines.append(
            f"  import_patients, {label:16} {n / took:8,.0f} rows/s  ({took:.1f} s)  "
            f"ratio to the bare floor {floor / took:.2f}{others}"
        )
        if label == "in-process":
            lines.append(
                f"      CPU {main_cpu:.0f} µs/row{server_cpu(label)}: CPU ratio to the floor "
                f"{floor_cpu / main_cpu:.2f}"
            )
        else:
            # the critical path when each process has a core: the writer, or one of the preparers
            path = max(main_cpu, prep_cpu / workers)
            lines.append(
                f"      CPU µs/row: writer {main_cpu:.0f}, {workers} preparing process(es) {prep_cpu:.0f} "
                f"together{server_cpu(label)}: with a core each, ratio to the floor {floor_cpu / path:.2f}"
            )
        if server:
            # on a shared machine the steadiest measure: all the CPU a row costs, client and server
            every = sum(per_row(label, i) for i in range(3))
            lines.append(
                f"      all processes' CPU {every:.0f} µs/row (client, preparers, server): "
                "ratio to the floors' "
                + ", ".join(f"{k} {(per_row(k, 0) + per_row(k, 2)) / every:.2f}" for k in floors)
            )
    print(
        f"\n{title} of {n:,} rows ({os.cpu_count()} CPUs, {workers} preparing process(es) by "
        f"default, medians of {runs.repeat}, runs: "
        + ", ".join(f"{k}=" + "/".join(f"{n / v:,.0f}" for v in vs) for k, vs in runs.seconds.items())
        + "):\n"
        + "\n".join(lines + narrower)
    )


def test_bench_import_sqlite(tmp_path: Path) -> None:
    """Through ``import_patients`` (default workers: one preparing process per spare core, and in
    this process) beside the bare floor, alternating, ``PRIVDESK_BENCH_REPEAT`` times (medians)."""
    csv_path = _import_csv()
    runs = measure_imports(
        csv_path,
        lambda name: _fresh(tmp_path / name),
        {"floor": lambda ctx: _bare_floor(ctx, csv_path)},
        lambda ctx: ctx.engine.dispose(),
    )
    insert_floor, prep_time = _insert_floor(_fresh(tmp_path / "insert-floor"), csv_path)
    report_imports(
        "SQLite import",
        runs,
        {"floor": "bare floor (csv + encrypt + blind index + sqlite3 executemany, one process)"},
        [
            f"  narrower floor: bare sqlite3 executemany of the importer's prepared rows "
            f"{N_IMPORT / insert_floor:8,.0f} rows/s (its validation+encryption alone: "
            f"{N_IMPORT / prep_time:,.0f} rows/s in one process)"
        ],
    )


def _server_cpu(cluster: Any) -> Callable[[], float]:
    """CPU seconds the cluster's processes have spent: the postmaster's own and its ended
    children's (it waits for them), and those of its children still running (/proc). Read outside
    the timings (it waits a moment for the backends of closed connections to be waited for)."""
    tick = os.sysconf("SC_CLK_TCK")
    postmaster = int((Path(cluster.data) / "postmaster.pid").read_text().split()[0])

    def fields(pid: int) -> list[str]:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.rindex(")") + 2 :].split()  # from the state on: ppid is [1], utime [11]

    def total() -> float:
        time.sleep(0.3)  # a backend whose client just left: ended and waited for by the postmaster
        ticks = sum(int(x) for x in fields(postmaster)[11:15])
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == postmaster:
                continue
            try:
                f = fields(int(entry.name))
            except (OSError, ValueError):
                continue  # ended meanwhile
            if int(f[1]) == postmaster:
                ticks += sum(int(x) for x in f[11:15])
        return ticks / tick

    return total


def test_bench_import_postgresql(tmp_path: Path, pg_cluster: Any, pg_template: str) -> None:
    """The same CSV into PostgreSQL databases made as the suite makes them (a copy of the migrated
    template, reached as the workstations' role, which owns no table), beside two bare floors in the
    same run: psycopg ``executemany`` and ``COPY``. CPU also counts the server's processes."""
    from tests.conftest import APP_ROLE

    csv_path = _import_csv()
    made: dict[str, str] = {}

    def fresh(name: str) -> AppContext:
        db = pg_cluster.create_database(template=pg_template, owner=APP_ROLE)
        folder = tmp_path / name
        folder.mkdir(parents=True)
        ctx = initialize(
            settings_in(folder, pg_cluster.url(db, user=APP_ROLE)),
            officer_login=OFFICER_LOGIN,
            officer_name="육의곤",
            password=OFFICER_PASSWORD,
        )
        made[ctx.settings.db_url] = db
        return ctx

    def done(ctx: AppContext) -> None:
        ctx.engine.dispose()
        pg_cluster.drop_database(made.pop(ctx.settings.db_url))

    runs = measure_imports(
        csv_path,
        fresh,
        {
            "floor": lambda ctx: _bare_floor(ctx, csv_path),
            "COPY floor": lambda ctx: _bare_floor(ctx, csv_path, copy=True),
        },
        done,
        _server_cpu(pg_cluster),
    )
    narrower = []
    for copy in (False, True):
        ctx = fresh(f"insert-floor-{copy}")
        insert_floor, prep_time = _insert_floor(ctx, csv_path, copy=copy)
        done(ctx)
        narrower.append(
            f"  narrower floor: bare psycopg {'COPY' if copy else 'executemany'} of the importer's "
            f"prepared rows {N_IMPORT / insert_floor:8,.0f} rows/s (its validation+encryption alone: "
            f"{N_IMPORT / prep_time:,.0f} rows/s in one process)"
        )
    report_imports(
        "PostgreSQL import",
        runs,
        {
            "floor": "bare floor (csv + encrypt + blind index + psycopg executemany, one process)",
            "COPY floor": "bare floor with psycopg COPY instead                                 ",
        },
        narrower,
        server=True,
    )


class _SqliteParams:
    paramstyle = "qmark"


class _PgParams:
    paramstyle = "format"
