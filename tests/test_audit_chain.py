"""The append-only, hash-chained access log at the database level, on SQLite and PostgreSQL:
the database itself refuses changes, several processes appending at once never fork the chain,
and appended entries carry the time they were written (or an explicit one)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import exc, insert, select, text

from privdesk import clock
from privdesk.audit.chain import GENESIS, Action, PendingEntry, append, canonical, entry_hash
from privdesk.audit.verify import Snapshot, canonical_sql, check_chain, verify_chain
from privdesk.context import AppContext
from privdesk.store.models import AccessLogEntry
from tests.audit_support import add_entries, entry, head_seq, officer, row_count
from tests.helpers import owner_engine


def test_entries_link_from_genesis_and_carry_their_time(ctx: AppContext) -> None:
    before = clock.now()
    last = add_entries(ctx, 3, actor="kim")
    first = entry(ctx, 1)
    assert first["prev_hash"] == GENESIS
    e = entry(ctx, last)
    assert e["prev_hash"] == entry(ctx, last - 1)["hash"]
    assert e["hash"] == entry_hash(
        e["prev_hash"],
        canonical(
            e["seq"],
            e["at"],
            e["actor"],
            e["workstation"],
            e["ip"],
            e["action"],
            e["subject"],
            e["search_kind"],
            e["outcome"],
            e["detail"],
        ),
    )
    written = dt.datetime.fromisoformat(e["at"])
    assert before <= written <= clock.now()
    assert e["workstation"] == ctx.workstation.host and e["ip"] == ctx.workstation.ip


def test_explicit_time_and_control_characters(ctx: AppContext) -> None:
    old = dt.datetime(2021, 3, 1, 9, 30, tzinfo=clock.KST)
    with ctx.session() as s, s.begin():
        seq = append(
            s,
            ctx.keys,
            ctx.workstation,
            [PendingEntry("kim", Action.SEARCH, "patient:7", "rrn", "ok", "줄\n바꿈\x1f구분")],
            at=old,
        )
    e = entry(ctx, seq)
    assert e["at"] == "2021-03-01T00:30:00.000000Z"
    assert e["detail"] == "줄 바꿈 구분"  # the unit separator cannot forge a field boundary
    assert e["search_kind"] == "rrn"
    assert check_chain(ctx.engine, ctx.keys).ok


@pytest.mark.tampers
def test_database_builds_the_same_canonical_bytes(ctx: AppContext) -> None:
    """The verifier lets the database join the fields (speed); it must give canonical()'s bytes."""
    base = 10**12
    values = [
        (None, None, None),
        ("", "", ""),
        ("patient:1", "rrn", "사유: 보험 청구 😀 \u00e9"),
        ("acct:7", None, "x" * 500),
        (None, "phone_last4", "'quoted' \\ back"),
    ]
    rows = [
        {
            "seq": base + i,
            "at": "2026-01-02T03:04:05.000006Z",
            "actor": "김철수",
            "workstation": "원무-PC",
            "ip": "10.0.0.1",
            "action": "search",
            "subject": subject,
            "search_kind": kind,
            "outcome": "ok",
            "detail": detail,
            "prev_hash": bytes(32),
            "hash": bytes(32),
        }
        for i, (subject, kind, detail) in enumerate(values)
    ]
    with ctx.session() as s, s.begin():
        s.execute(insert(AccessLogEntry), rows)
    with Snapshot(ctx.engine) as snap:
        links = [link for batch in snap.links(base) for link in batch]
    assert [link[1] for link in links] == [
        canonical(
            r["seq"],
            r["at"],
            r["actor"],
            r["workstation"],
            r["ip"],
            r["action"],
            r["subject"],
            r["search_kind"],
            r["outcome"],
            r["detail"],
        )
        for r in rows
    ]
    assert canonical_sql(True) != canonical_sql(False)


def _refused(ctx: AppContext, sql: str) -> str:
    with owner_engine(ctx) as engine, pytest.raises(exc.DBAPIError) as err, engine.begin() as conn:
        conn.execute(text(sql))  # even the tables' owner: the trigger refuses
    return str(err.value.orig)


def test_database_refuses_update_and_delete(ctx: AppContext) -> None:
    add_entries(ctx, 3)
    n, detail = row_count(ctx), entry(ctx, 2)["detail"]
    assert "append-only" in _refused(ctx, "UPDATE access_log SET detail = 'x' WHERE seq = 2")
    assert "append-only" in _refused(ctx, "UPDATE access_log SET seq = seq + 100")
    assert "append-only" in _refused(ctx, "DELETE FROM access_log WHERE seq = 2")
    assert "append-only" in _refused(ctx, "DELETE FROM access_log")
    if ctx.engine.dialect.name == "postgresql":
        assert "append-only" in _refused(ctx, "TRUNCATE access_log")
    assert row_count(ctx) == n and entry(ctx, 2)["detail"] == detail
    assert check_chain(ctx.engine, ctx.keys).ok


def test_orm_delete_is_refused_too(ctx: AppContext) -> None:
    with pytest.raises(exc.DBAPIError), ctx.session() as s, s.begin():
        s.delete(s.execute(select(AccessLogEntry).where(AccessLogEntry.seq == 1)).scalar_one())
    assert entry(ctx, 1)["seq"] == 1


# -- several workstations appending at once ------------------------------------------------------
_WORKER = """
import os, sys, time
from pathlib import Path
from sqlalchemy import text
from privdesk.audit.chain import Action
from privdesk.opening import open_context
from privdesk.settings import load_settings

url, key, wid, n, go = sys.argv[1:]
ctx = open_context(load_settings(db=url, key_file=Path(key)))
with ctx.session() as s:                    # connected and ready: say so, then wait for the others
    s.execute(text("SELECT 1"))
Path(f"{go}.ready{wid}").touch()
while not os.path.exists(go):
    time.sleep(0.002)
for j in range(int(n)):
    if j % 3 == 0:      # a use case that logs two entries in one transaction
        with ctx.unit(None) as u:
            u.log(Action.SYSTEM, f"w{wid}:{j}:a")
            u.log(Action.SYSTEM, f"w{wid}:{j}:b")
    else:
        ctx.record("system", Action.SYSTEM, f"w{wid}:{j}")
ctx.engine.dispose()
"""

WORKERS = 4
ROUNDS = 40


def _expected_subjects() -> set[str]:
    subjects = set()
    for w in range(WORKERS):
        for j in range(ROUNDS):
            subjects |= {f"w{w}:{j}:a", f"w{w}:{j}:b"} if j % 3 == 0 else {f"w{w}:{j}"}
    return subjects


def test_concurrent_processes_never_fork_the_chain(ctx: AppContext, tmp_path: Path) -> None:
    base = head_seq(ctx)
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WORKER,
                ctx.settings.db_url,
                str(ctx.settings.key_file),
                str(w),
                str(ROUNDS),
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WORKERS)
    ]
    # A barrier: every worker has opened its context and connected before any of them starts, so
    # they overlap however loaded the machine is (a fixed sleep may not be long enough).
    deadline = time.monotonic() + 120
    while not all(Path(f"{go}.ready{w}").exists() for w in range(WORKERS)):
        assert time.monotonic() < deadline, [p.poll() for p in procs]
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs if p.poll() is not None]
        time.sleep(0.01)
    go.touch()
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    expected = _expected_subjects()
    assert head_seq(ctx) == base + len(expected)
    with ctx.session() as s:
        got = list(s.execute(select(AccessLogEntry.subject).where(AccessLogEntry.seq > base)).scalars())
    assert Counter(got) == Counter(expected)  # every entry once, none lost, none doubled
    result = verify_chain(ctx, officer(ctx))
    assert result.ok and result.checked == base + len(expected)
