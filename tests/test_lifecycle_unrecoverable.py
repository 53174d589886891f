"""Destruction is real (파기 — 복구 불가): after a destruction no plaintext and no stored ciphertext of
a destroyed field is left in any database file (main, main WAL, separate store, its WAL)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from privdesk import clock
from privdesk.context import AppContext
from privdesk.lifecycle import destruction, separation
from privdesk.lifecycle.store import separate_path
from privdesk.registry.models import STATUS_DESTROYED, Patient
from privdesk.store.engine import sqlite_path
from privdesk.store.models import AccessLogEntry
from tests.audit_support import officer
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.lifecycle_support import Marked, add_marked, years_ago
from tests.pg import PgCluster, running_cluster


def _files(main: Path) -> list[Path]:
    sep = separate_path(main)
    return [
        p for p in (main, Path(f"{main}-wal"), sep, Path(f"{sep}-wal"), Path(f"{main}-journal")) if p.exists()
    ]


def _needles(m: Marked) -> dict[str, bytes]:
    out = {
        "name": m.name.encode(),
        "address": m.address.encode(),
        "phone": m.phone.encode(),
        "rrn": m.rrn.encode(),
        "phone_digits": m.phone.replace("-", "").encode(),
    }
    out.update({f"ciphertext{i}": blob for i, blob in enumerate(m.ciphertexts)})
    return out


def _found(files: list[Path], marked: list[Marked]) -> list[str]:
    hits = []
    for f in files:
        data = f.read_bytes()
        for m in marked:
            for what, needle in _needles(m).items():
                if needle in data:
                    hits.append(f"{f.name}: patient {m.id} {what}")
    return hits


def test_no_plaintext_or_ciphertext_left_in_any_sqlite_file(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    off = officer(ctx)
    main = sqlite_path(ctx.settings.db_url)
    assert main is not None
    separated = [add_marked(ctx, off, i, last_visit=years_ago(4), seed=7) for i in range(10)]
    active_due = [add_marked(ctx, off, i, last_visit=years_ago(6), seed=7) for i in range(10, 20)]
    survivors = [add_marked(ctx, off, i, last_visit=years_ago(1), seed=7) for i in range(20, 25)]
    separation.run_retention(ctx)
    # the marker scan works: before destruction every marker is somewhere on disk
    assert len({h.split(": ")[1] for h in _found(_files(main), separated + active_due) if "name" in h}) == 20
    assert any(separate_path(main).name in h for h in _found(_files(main), separated))
    import datetime as dt

    later = clock.today_kst() + dt.timedelta(days=2 * 366)
    plan = destruction.create_plan(ctx, off, today=later)
    assert plan.record_count == 20
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    assert destruction.execute_plan(ctx, off, plan.id).destroyed == 20
    ctx.engine.dispose()
    files = _files(main)
    assert separate_path(main) in files
    assert _found(files, separated + active_due) == []
    # the survivors are intact (the scan would see them)
    assert len(_found(files, survivors)) >= 5
    with ctx.session() as s:
        assert s.execute(
            select(Patient.id).where(Patient.status == STATUS_DESTROYED)
        ).scalars().all() == sorted(m.id for m in separated + active_due)
        log = " ".join(f"{a.subject} {a.detail}" for a in s.execute(select(AccessLogEntry)).scalars())
    for m in separated + active_due:
        assert m.name not in log and m.chart_no not in log and f"patient:{m.id}" in log


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_postgresql_rows_gone_and_tables_rewritten(ctx) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL only (the SQLite case is the raw-bytes test above)."""
    assert ctx.engine.dialect.name == "postgresql"
    off = officer(ctx)
    sep = add_marked(ctx, off, 1, last_visit=years_ago(4))
    due = add_marked(ctx, off, 2, last_visit=years_ago(6))
    separation.run_retention(ctx)
    with ctx.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM separated.patients")).scalar_one() == 1
        grants = conn.execute(
            text("SELECT has_schema_privilege('public', 'separated', 'USAGE')")
        ).scalar_one()
    assert grants is False
    import datetime as dt

    plan = destruction.create_plan(ctx, off, today=clock.today_kst() + dt.timedelta(days=800))
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    files_before = _filenodes(ctx)
    destruction.execute_plan(ctx, off, plan.id)
    files_after = _filenodes(ctx)
    with ctx.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM separated.patients")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM separated.patient_phones")).scalar_one() == 0
        names = (
            conn.execute(text("SELECT name FROM patients WHERE id IN (:a, :b)"), {"a": sep.id, "b": due.id})
            .scalars()
            .all()
        )
        phones = conn.execute(
            text("SELECT count(*) FROM patient_phones WHERE patient_id IN (:a, :b)"),
            {"a": sep.id, "b": due.id},
        ).scalar_one()
    assert names == ["", ""] and phones == 0
    # VACUUM FULL wrote every affected table (and its indexes) into new files
    assert set(files_before) == set(destruction.PG_TABLES)
    assert all(files_after[t] != files_before[t] for t in destruction.PG_TABLES), (files_before, files_after)


def _filenodes(ctx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with ctx.engine.connect() as conn:
        return {
            t: int(
                conn.execute(text("SELECT pg_relation_filenode(CAST(:t AS regclass))"), {"t": t}).scalar_one()
            )
            for t in destruction.PG_TABLES
        }


def _scan_dir(root: Path, marked: list[Marked], *, skip_wal: bool = False) -> list[str]:
    hits = []
    for f in sorted(root.rglob("*")):
        if not f.is_file() or (skip_wal and "pg_wal" in f.parts):
            continue
        try:
            data = f.read_bytes()
        except OSError:  # a file removed by the server while we walk (temporary stats …)
            continue
        for m in marked:
            for what, needle in _needles(m).items():
                if needle in data:
                    hits.append(f"{f.relative_to(root)}: patient {m.id} {what}")
    return hits


def _autocommit(ctx, *statements: str) -> list[object]:  # type: ignore[no-untyped-def]
    """Run each statement outside a transaction; the first value of each (None for a command)."""
    out: list[object] = []
    with ctx.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for sql in statements:
            result = conn.exec_driver_sql(sql)
            out.append(result.scalar() if result.returns_rows else None)
    return out


# The scrub test's own cluster, built so that the WAL can be emptied of old records on demand:
# 1 MiB segments (initdb --wal-segsize=1), no segment kept for replication (wal_keep_size = 0, no
# slots, no archiving) and none recycled (wal_recycle = off: a recycled segment is only renamed to a
# future name, the old bytes stay in it until overwritten), from the start. Its data directory holds
# nothing but this test's database and the ones initdb makes, so the raw-bytes scan is small and
# sees no other test's rows.
SCRUB_CLUSTER_SETTINGS = {
    "wal_recycle": "off",
    "wal_keep_size": "0",
    "archive_mode": "off",
    "max_wal_senders": "0",
    "min_wal_size": "2MB",
    "max_wal_size": "16MB",
}


@pytest.fixture(scope="module")
def scrub_cluster() -> Iterator[PgCluster]:
    with running_cluster(
        "scrub", initdb_args=("--wal-segsize=1",), settings=SCRUB_CLUSTER_SETTINGS
    ) as cluster:
        yield cluster


@pytest.fixture
def scrub_ctx(scrub_cluster: PgCluster, settings_for) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    """An initialised database (as ``ctx``) on the scrub cluster, reached as its superuser ``postgres``
    (the scrub clears planner statistics only for a superuser)."""
    from privdesk.bootstrap import initialize

    context = initialize(
        settings_for(scrub_cluster.url(scrub_cluster.create_database())),
        officer_login=OFFICER_LOGIN,
        officer_name="육의곤",
        password=OFFICER_PASSWORD,
    )
    yield context
    context.engine.dispose()


def _wal_segments(cluster: PgCluster) -> list[str]:
    """WAL segment files in pg_wal (24 hex digits: timeline, log, segment; they sort by position)."""
    return sorted(
        f.name
        for f in (cluster.data / "pg_wal").iterdir()
        if len(f.name) == 24 and all(c in "0123456789ABCDEF" for c in f.name)
    )


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_no_plaintext_or_ciphertext_left_in_any_postgresql_file(backend: str, request) -> None:  # type: ignore[no-untyped-def]
    """The raw-bytes scan of a PostgreSQL 15 cluster's whole data directory.

    Measured while writing this test: after a plain ``VACUUM`` the destroyed names and ciphertexts
    were still in the heap file of ``patients`` and in both name indexes (dead tuples' bytes in the
    pages' free space), and after an ``ANALYZE`` taken before the destruction (autovacuum does it
    on any real server) in ``pg_statistic``, whose sample values ANALYZE leaves alone once a table
    is empty (the separate store). Hence ``scrub`` runs ``VACUUM FULL`` and, as a superuser (the
    cluster's ``postgres`` role is one), clears and rebuilds those statistics; since migration 0400
    the personal columns are not sampled at all (statistics target 0). Both checked here with the
    WAL left aside. The WAL keeps the inserts' records until its segments are removed, which only
    the server's administrator can do; the second scan does it the way an administrator would
    (``wal_recycle = off``, no WAL kept, ``pg_switch_wal()``, ``CHECKPOINT``) on a cluster of the
    test's own (:data:`SCRUB_CLUSTER_SETTINGS`): it waits until every segment written up to the end
    of the destruction has been removed from ``pg_wal`` (by name), then finds nothing anywhere."""
    assert backend == "postgresql"  # the SQLite files are scanned above
    cluster: PgCluster = request.getfixturevalue("scrub_cluster")
    ctx = request.getfixturevalue("scrub_ctx")
    assert _autocommit(
        ctx,
        "SHOW wal_recycle",
        "SHOW wal_keep_size",
        "SHOW archive_mode",
        "SELECT count(*) FROM pg_replication_slots",
    ) == ["off", "0", "off", 0]
    off = officer(ctx)
    separated = [add_marked(ctx, off, i, last_visit=years_ago(4), seed=91) for i in range(150, 155)]
    active_due = [add_marked(ctx, off, i, last_visit=years_ago(6), seed=91) for i in range(155, 160)]
    survivors = [add_marked(ctx, off, i, last_visit=years_ago(1), seed=91) for i in range(160, 163)]
    separation.run_retention(ctx)
    # the scan works on the WAL too: the inserts are there (looked at before the checkpoint below,
    # which removes finished segments — with 1 MB segments, ANALYZE of every table can finish one)
    assert _scan_dir(cluster.data / "pg_wal", separated + active_due)
    _autocommit(
        ctx, "ANALYZE", "CHECKPOINT"
    )  # statistics sampled before the destruction, as autovacuum would
    before = _scan_dir(cluster.data, separated + active_due, skip_wal=True)
    assert {h.split(": ")[1].split()[1] for h in before if h.endswith(" name")} == {
        str(m.id) for m in separated + active_due
    }  # the scan works: every name is on disk before
    # … but not in pg_statistic: migration 0400 set the personal columns' statistics target to 0
    assert not any(h.startswith(f"base/{_db_oid(ctx)}/2619") for h in before)

    import datetime as dt

    plan = destruction.create_plan(ctx, off, today=clock.today_kst() + dt.timedelta(days=800))
    assert plan.record_count == 10
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    assert destruction.execute_plan(ctx, off, plan.id).destroyed == 10
    with ctx.session() as s:
        scrub_note = s.execute(
            select(AccessLogEntry.detail).where(
                AccessLogEntry.subject == f"destruction_plan:{plan.id}", AccessLogEntry.action == "system"
            )
        ).scalar_one()
    assert scrub_note == "scrub: vacuum full; statistics cleared"
    _autocommit(ctx, "CHECKPOINT")
    assert _scan_dir(cluster.data, separated + active_due, skip_wal=True) == []
    assert len(_scan_dir(cluster.data, survivors, skip_wal=True)) >= 3  # the survivors are still found

    # the WAL: every record of the destroyed rows lies before the current insert position; the
    # segment holding it (and all earlier ones) must go. pg_switch_wal() closes it, the next
    # CHECKPOINT's redo point lies after it, and the checkpoint removes (wal_recycle = off: unlinks)
    # every segment before its redo point. One round does it; the bounded loop only covers a
    # checkpoint already under way when the first switch came.
    (last,) = _autocommit(ctx, "SELECT pg_walfile_name(pg_current_wal_insert_lsn())")
    assert isinstance(last, str) and last in _wal_segments(cluster)
    deadline = time.monotonic() + 60
    while True:
        _autocommit(ctx, "SELECT pg_switch_wal()", "CHECKPOINT")
        old = [name for name in _wal_segments(cluster) if name <= last]
        if not old or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert old == [], f"WAL segments up to {last} still in pg_wal after 60 s: {old}"
    assert _scan_dir(cluster.data, separated + active_due) == []


def _db_oid(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.engine.connect() as conn:
        return int(
            conn.execute(text("SELECT oid FROM pg_database WHERE datname = current_database()")).scalar_one()
        )
