"""Destruction is real (파기 — 복구 불가): after a destruction no plaintext and no stored ciphertext of
a destroyed field is left in any database file (main, main WAL, separate store, its WAL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from privdesk.lifecycle import destruction, separation
from privdesk.lifecycle.store import separate_path
from privdesk.registry.models import STATUS_DESTROYED, Patient
from privdesk.store.engine import sqlite_path
from privdesk.store.models import AccessLogEntry
from tests.helpers import OFFICER_PASSWORD
from tests.lifecycle_support import TODAY, Marked, add_marked, years_ago
from tests.test_audit_support import officer


def _files(main: Path) -> list[Path]:
    sep = separate_path(main)
    return [p for p in (main, Path(f"{main}-wal"), sep, Path(f"{sep}-wal"), Path(f"{main}-journal")) if p.exists()]


def _needles(m: Marked) -> dict[str, bytes]:
    out = {"name": m.name.encode(), "address": m.address.encode(), "phone": m.phone.encode(),
           "rrn": m.rrn.encode(), "phone_digits": m.phone.replace("-", "").encode()}
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

    later = TODAY + dt.timedelta(days=2 * 366)
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
        assert s.execute(select(Patient.id).where(Patient.status == STATUS_DESTROYED)).scalars().all() == sorted(
            m.id for m in separated + active_due)
        log = " ".join(f"{a.subject} {a.detail}" for a in s.execute(select(AccessLogEntry)).scalars())
    for m in separated + active_due:
        assert m.name not in log and m.chart_no not in log and f"patient:{m.id}" in log


def test_postgresql_rows_gone_and_vacuumed(ctx) -> None:  # type: ignore[no-untyped-def]
    if ctx.engine.dialect.name != "postgresql":
        return  # the SQLite case is the raw-bytes test above
    off = officer(ctx)
    sep = add_marked(ctx, off, 1, last_visit=years_ago(4))
    due = add_marked(ctx, off, 2, last_visit=years_ago(6))
    separation.run_retention(ctx)
    with ctx.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM separated.patients")).scalar_one() == 1
        grants = conn.execute(text("SELECT has_schema_privilege('public', 'separated', 'USAGE')")).scalar_one()
    assert grants is False
    import datetime as dt

    plan = destruction.create_plan(ctx, off, today=TODAY + dt.timedelta(days=800))
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    destruction.execute_plan(ctx, off, plan.id)
    with ctx.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM separated.patients")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM separated.patient_phones")).scalar_one() == 0
        names = conn.execute(text("SELECT name FROM patients WHERE id IN (:a, :b)"),
                             {"a": sep.id, "b": due.id}).scalars().all()
        vac = dict(conn.execute(text(
            "SELECT schemaname || '.' || relname, last_vacuum FROM pg_stat_user_tables "
            "WHERE relname IN ('patients', 'patient_phones', 'intakes')")).all())
        phones = conn.execute(text("SELECT count(*) FROM patient_phones WHERE patient_id IN (:a, :b)"),
                              {"a": sep.id, "b": due.id}).scalar_one()
    assert names == ["", ""] and phones == 0
    assert vac["public.patients"] is not None and vac["separated.patients"] is not None
