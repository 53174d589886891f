"""The monthly review's benchmark (run with ``-m bench``; figures go to the issue's note).

``review run`` on a month of 1,000,000 entries by 200 accounts (target: under 10 s), beside a bare
``SELECT actor, action, count(*) … GROUP BY`` over the same rows through sqlite3, and the start
screen's ``pending`` on that database. Correctness is asserted; speed is printed, not asserted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import time
from typing import Any

import pytest
from sqlalchemy import select

from privdesk import clock, review
from privdesk.audit.chain import SEP, head_message
from privdesk.audit.verify import COLUMNS
from privdesk.context import AppContext
from privdesk.review import FindingKind
from privdesk.review.findings import month_bounds
from privdesk.store.engine import sqlite_path
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for, head_seq, officer
from tests.bench.test_bench_audit import median_time
from tests.review_support import months, working_days

pytestmark = pytest.mark.bench

N = 1_000_000
ACCOUNTS = 200


def build_month(ctx: AppContext, month: review.Month, n: int) -> None:
    """``n`` chained entries in ``month``: views and searches in working hours, a few unmasks,
    exports and prints with reasons, logins; every 5,000th entry at night."""
    start = head_seq(ctx)
    with ctx.session() as s:
        prev = bytes(s.execute(select(AccessLogEntry.hash).where(AccessLogEntry.seq == start)).scalar_one())
    days = working_days(month)
    sha, join = hashlib.sha256, SEP.join
    rows = []
    for i in range(1, n + 1):
        seq = start + i
        a = i % ACCOUNTS
        day = days[(i // ACCOUNTS) % len(days)]
        minute = 2 * 60 if i % 5000 == 500 else 8 * 60 + (i * 7919) % (11 * 60)
        when = dt.datetime.combine(day, dt.time(minute // 60, minute % 60, i % 60), clock.KST)
        at = clock.iso_utc(when)
        r = i % 1000
        action = (
            "unmask"
            if r == 1
            else "export"
            if r == 2
            else "print"
            if r == 3
            else "login"
            if r < 20
            else "search"
            if r < 200
            else "view"
        )
        subject = f"patient:{a * 20 + i % 20}" if action in ("view", "unmask") else None
        detail = "사유=보험 청구 확인" if action in ("unmask", "export", "print") else None
        actor = f"user{a:03d}"
        data = (
            prev
            + join(
                (str(seq), at, actor, "WS-01", "10.1.2.3", action, subject or "", "", "ok", detail or "")
            ).encode()
        )
        h = sha(data).digest()
        rows.append((seq, at, actor, "WS-01", "10.1.2.3", action, subject, None, "ok", detail, prev, h))
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


def test_bench_review_run_million(sqlite_ctx: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = sqlite_ctx
    month, _ = months()
    for a in range(ACCOUNTS):
        actor_for(ctx, f"user{a:03d}", ["intake"])
    t = time.perf_counter()
    build_month(ctx, month, N)
    built = time.perf_counter() - t
    me = officer(ctx)
    results: list[review.MonthReview] = []
    t_run = median_time(lambda: results.append(review.run(ctx, me, month)), runs=3)
    r = results[-1]
    assert r.entries == N and len(r.accounts) == ACCOUNTS
    kinds = {f.kind for f in r.findings}
    assert FindingKind.OFF_HOURS in kinds and FindingKind.UNMASK in kinds and FindingKind.VOLUME not in kinds
    assert [f.id for f in results[0].findings] == [f.id for f in r.findings]  # a re-run keeps the findings
    path = sqlite_path(ctx.settings.db_url)
    assert path is not None
    lo, hi = month_bounds(month)
    grouped: list[int] = []

    def bare() -> None:
        con = sqlite3.connect(path)
        try:
            got = con.execute(
                "SELECT actor, action, count(*) FROM access_log WHERE at >= ? AND at < ? "
                "GROUP BY actor, action",
                (lo, hi),
            ).fetchall()
            grouped.append(sum(int(x[2]) for x in got))
        finally:
            con.close()

    t_bare = median_time(bare)
    assert grouped[0] == N
    t_pending = median_time(lambda: review.pending(ctx, me), runs=5)
    t_load = median_time(lambda: review.load(ctx, me, month), runs=3)
    with capsys.disabled():
        print(
            f"\n[bench review sqlite] {N:,} entries in {month} by {ACCOUNTS} accounts (built in {built:.1f} s), "
            f"{len(r.findings):,} findings"
        )
        print(f"  review run:            {t_run:6.2f} s   (target < 10 s)")
        print(f"  bare GROUP BY sqlite3: {t_bare:6.2f} s")
        print(f"  review load:           {1000 * t_load:6.0f} ms")
        print(f"  pending (start):       {1000 * t_pending:6.1f} ms")
