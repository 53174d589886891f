"""Access-log benchmarks (run with ``-m bench``; figures go to the issue's closing note).

- append 100,000 entries, one per transaction as use cases do, on SQLite and PostgreSQL, beside a
  bare INSERT loop of the same rows through the same session machinery in the same run (and the
  same in batches of 100 per transaction);
- verify a 1,000,000-entry chain on SQLite (target >= 300,000 entries/s) beside bare SHA-256 over
  the same bytes and beside just fetching the rows; first-page times of the viewer query on it.

Each figure is the median of several runs. Correctness is asserted; speed is printed, not asserted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Column, Index, LargeBinary, MetaData, String, Table, Text, insert, select
from sqlalchemy.types import BigInteger

from privdesk import clock
from privdesk.audit.chain import SEP, Action, PendingEntry, append, head_message
from privdesk.audit.query import LogFilter, page
from privdesk.audit.verify import COLUMNS, Snapshot, check_chain, verify_chain
from privdesk.context import AppContext
from privdesk.store.models import AccessLogEntry
from tests.audit_support import head_seq, officer
from tests.helpers import owner_engine

pytestmark = pytest.mark.bench

N_APPEND = 100_000
N_VERIFY = 1_000_000
CHAIN_START = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
RUNS = 3


def median_time(fn: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bare_table() -> Table:
    """A plain copy of access_log (same columns and indexes, no triggers, no chain)."""
    md = MetaData()
    t = Table(
        "bench_bare_log",
        md,
        Column("seq", BigInteger, primary_key=True, autoincrement=False),
        Column("at", String(32), nullable=False),
        Column("actor", String(64), nullable=False),
        Column("workstation", String(128), nullable=False),
        Column("ip", String(64), nullable=False),
        Column("action", String(32), nullable=False),
        Column("subject", String(128)),
        Column("search_kind", String(32)),
        Column("outcome", String(16), nullable=False),
        Column("detail", Text),
        Column("prev_hash", LargeBinary(32), nullable=False),
        Column("hash", LargeBinary(32), nullable=False),
    )
    Index("ix_bench_at", t.c.at)
    Index("ix_bench_actor_seq", t.c.actor, t.c.seq)
    Index("ix_bench_subject_seq", t.c.subject, t.c.seq)
    Index("ix_bench_action_seq", t.c.action, t.c.seq)
    return t


def test_bench_append(ctx: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    backend = ctx.engine.dialect.name
    bare = bare_table()
    with owner_engine(ctx) as owner:  # the workstations' role creates no table (PostgreSQL)
        bare.metadata.create_all(owner)
        if backend == "postgresql":
            with owner.begin() as conn:
                conn.exec_driver_sql(f"GRANT ALL ON bench_bare_log TO {ctx.engine.url.username}")
    entries = [
        PendingEntry(f"user{i % 40}", Action.VIEW, f"patient:{i}", None, "ok", "화면: 환자 상세")
        for i in range(N_APPEND)
    ]
    run = {"n": 0}

    def chain_one_per_tx() -> None:
        for e in entries:
            with ctx.session() as s, s.begin():
                append(s, ctx.keys, ctx.workstation, [e])

    def rows_of_last_run(n: int) -> list[dict[str, Any]]:
        top = head_seq(ctx)
        with ctx.session() as s:
            got = (
                s.execute(
                    select(AccessLogEntry.__table__)
                    .where(AccessLogEntry.seq > top - n)
                    .order_by(AccessLogEntry.seq)
                )
                .mappings()
                .all()
            )
        run["n"] += 1
        offset = run["n"] * 10_000_000  # fresh keys in the bare table for every run
        return [{**r, "seq": r["seq"] + offset} for r in got]

    chain_times, bare_times = [], []
    for _ in range(RUNS):
        t = time.perf_counter()
        chain_one_per_tx()
        chain_times.append(time.perf_counter() - t)
        rows = rows_of_last_run(N_APPEND)
        t = time.perf_counter()
        for r in rows:
            with ctx.session() as s, s.begin():
                s.execute(insert(bare), r)
        bare_times.append(time.perf_counter() - t)

    batch = 100
    chunks = [entries[i : i + batch] for i in range(0, N_APPEND, batch)]

    def chain_batches() -> None:
        for c in chunks:
            with ctx.session() as s, s.begin():
                append(s, ctx.keys, ctx.workstation, c)

    chain_b = median_time(chain_batches)
    rows = rows_of_last_run(N_APPEND)
    row_chunks = [rows[i : i + batch] for i in range(0, N_APPEND, batch)]

    def bare_batches() -> None:
        run["n"] += 1
        for c in row_chunks:
            with ctx.session() as s, s.begin():
                s.execute(insert(bare), [{**r, "seq": r["seq"] + run["n"] * 10_000_000} for r in c])

    bare_b = median_time(bare_batches)
    result = check_chain(ctx.engine, ctx.keys)
    assert result.ok and result.checked == head_seq(ctx)
    c1, b1 = N_APPEND / statistics.median(chain_times), N_APPEND / statistics.median(bare_times)
    c100, b100 = N_APPEND / chain_b, N_APPEND / bare_b
    with capsys.disabled():
        print(f"\n[bench append {backend}] {N_APPEND:,} entries, median of {RUNS} runs")
        print(f"  1 entry/transaction:   chain {c1:8,.0f}/s   bare INSERT {b1:8,.0f}/s   ratio {c1 / b1:.2f}")
        print(
            f"  100 entries/transaction: chain {c100:8,.0f}/s   bare INSERT {b100:8,.0f}/s   ratio {c100 / b100:.2f}"
        )


# -- verify a million entries ------------------------------------------------------------------
def build_chain(ctx: AppContext, n: int) -> list[bytes]:
    """Write ``n`` entries straight into the table with precomputed hashes (executemany), sign the
    head, and return the hashed bytes (prev_hash + canonical) for the bare SHA-256 floor."""
    start = head_seq(ctx)
    with ctx.session() as s:
        prev = bytes(s.execute(select(AccessLogEntry.hash).where(AccessLogEntry.seq == start)).scalar_one())
    first = CHAIN_START
    step = dt.timedelta(days=730) / n
    sha, join = hashlib.sha256, SEP.join
    rows, hashed = [], []
    actions = ("view", "search", "update", "print", "export", "login")
    for i in range(1, n + 1):
        seq = start + i
        at = clock.iso_utc(first + step * i)
        actor, action = f"user{i % 97}", actions[i % len(actions)]
        subject, kind = f"patient:{i % 50_000}", ("rrn" if action == "search" else None)
        detail = "화면: 환자 상세"
        data = (
            prev
            + join(
                (str(seq), at, actor, "WS-ADMIN-03", "10.1.2.3", action, subject, kind or "", "ok", detail)
            ).encode()
        )
        h = sha(data).digest()
        rows.append((seq, at, actor, "WS-ADMIN-03", "10.1.2.3", action, subject, kind, "ok", detail, prev, h))
        hashed.append(data)
        prev = h
    raw = ctx.engine.raw_connection()
    try:
        conn: Any = raw.driver_connection
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            f"INSERT INTO access_log ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * 12)})", rows
        )
        last = start + n
        conn.execute(
            "UPDATE audit_head SET seq = ?, hash = ?, signature = ?",
            (last, prev, ctx.keys.sign(head_message(last, prev))),
        )
        conn.execute("COMMIT")
    finally:
        raw.close()
    return hashed


def test_bench_verify_million(sqlite_ctx: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = sqlite_ctx
    t = time.perf_counter()
    hashed = build_chain(ctx, N_VERIFY)
    built = time.perf_counter() - t
    me = officer(ctx)
    total = head_seq(ctx)
    results = []

    def run_verify() -> None:
        results.append(verify_chain(ctx, me))

    t_verify = median_time(run_verify)
    assert all(r.ok for r in results) and results[0].checked == total

    def bare_sha() -> None:
        sha = hashlib.sha256
        for b in hashed:
            sha(b).digest()

    t_sha = median_time(bare_sha)

    def fetch_only() -> None:
        with Snapshot(ctx.engine) as snap:
            for _ in snap.links(1):
                pass

    t_fetch = median_time(fetch_only)
    rate, sha_rate, fetch_rate = total / t_verify, len(hashed) / t_sha, total / t_fetch

    end = (CHAIN_START + dt.timedelta(days=730)).date()  # the generated entries span two years
    year_back = end - dt.timedelta(days=365)
    month_end = year_back + dt.timedelta(days=29)
    filters = {
        "no filter": LogFilter(),
        "account": LogFilter(actor="user42"),
        "action": LogFilter(action=Action.EXPORT),
        "subject": LogFilter(subject="patient:777"),
        "last 7 days": LogFilter(since=end - dt.timedelta(days=7)),
        "one month, a year back": LogFilter(since=year_back, until=month_end),
        "account + month": LogFilter(actor="user42", since=year_back, until=month_end),
    }
    page_ms = {}
    for name, flt in filters.items():
        got: list[int] = []

        def first_page(flt: LogFilter = flt, got: list[int] = got) -> None:
            got.append(len(page(ctx, me, flt)))

        page_ms[name] = 1000 * median_time(first_page, runs=5)
        assert got[0] > 0, name
    middle: list[int] = []

    def middle_page() -> None:
        middle.append(len(page(ctx, me, LogFilter(), before_seq=total // 2)))

    page_ms["no filter, page in the middle"] = 1000 * median_time(middle_page, runs=5)
    assert middle[0] == 200
    with capsys.disabled():
        print(f"\n[bench verify sqlite] {total:,} entries (built in {built:.1f} s), median of {RUNS} runs")
        print(f"  verify_chain:   {t_verify:6.2f} s   {rate:10,.0f} entries/s   (target 300,000/s)")
        print(
            f"  bare SHA-256:   {t_sha:6.2f} s   {sha_rate:10,.0f} hashes/s    verify/bare ratio {rate / sha_rate:.2f}"
        )
        print(
            f"  fetch links only:{t_fetch:6.2f} s   {fetch_rate:10,.0f} rows/s      verify/fetch ratio {rate / fetch_rate:.2f}"
        )
        print("  viewer first page (200 rows), median of 5:")
        for name, ms in page_ms.items():
            print(f"    {name:30s} {ms:8.1f} ms")
