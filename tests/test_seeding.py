"""The data born with the hospital profile — the personal-information files and their rules, the
processors, the CCTV cameras — is seeded where the database is born (``privdesk init``) or, for a
database made before revision 0800, once right after the upgrade; the read use cases only read
(issue 17: no read path writes)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, inspect, select

from privdesk import clock
from privdesk.audit import protections
from privdesk.audit.chain import Action
from privdesk.cctv import cameras, retention
from privdesk.cctv.models import CctvCamera, CctvCameraChange
from privdesk.context import AppContext
from privdesk.disclosures import ledger, processors
from privdesk.disclosures.models import Processor
from privdesk.errors import DatabaseError
from privdesk.incidents.register import clock_summary
from privdesk.lifecycle import files
from privdesk.lifecycle.models import LifecycleFile
from privdesk.notice import usecases as notice
from privdesk.opening import open_context
from privdesk.rights.requests import overdue_summary
from privdesk.store import migrate
from privdesk.store.engine import sqlite_path
from privdesk.store.models import AccessLogEntry
from tests.audit_support import officer
from tests.conftest import assert_intact

CAMERA_SEED = "cctv_camera:*"
PROCESSOR_SEED = "processor:*"


def _born(ctx: AppContext) -> tuple[int, int, int]:
    """How many files, processors and cameras the stored profile names."""
    p = ctx.profile
    return len(p.files), len({x.name for x in p.processors}), len(p.cctv.cameras)


def _stored(ctx: AppContext) -> tuple[int, int, int]:
    with ctx.session() as s:
        return tuple(  # type: ignore[return-value]
            s.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (LifecycleFile, Processor, CctvCamera)
        )


def _seed_entries(ctx: AppContext, subject: str) -> list[str | None]:
    with ctx.session() as s:
        return list(
            s.scalars(
                select(AccessLogEntry.detail)
                .where(AccessLogEntry.subject == subject, AccessLogEntry.action == Action.CREATE)
                .order_by(AccessLogEntry.seq)
            )
        )


def _all_counts(ctx: AppContext) -> dict[str, int]:
    """Rows in every table of the main database."""
    with ctx.engine.connect() as conn:
        names = sorted(inspect(conn).get_table_names())
        q = conn.dialect.identifier_preparer.quote
        return {n: conn.exec_driver_sql(f"SELECT count(*) FROM {q(n)}").scalar_one() for n in names}


def _unseed(ctx: AppContext, *, keep: tuple[str, ...] = ()) -> None:
    """Behind privdesk's back (SQLite): remove the seeded rows, as a database made before 0800 whose
    screens were never opened held none; the append-only triggers are put back exactly."""
    path = sqlite_path(ctx.settings.db_url)
    assert path is not None
    ctx.engine.dispose()
    triggers = [
        e for e in protections.expected("sqlite") if e.table in ("cctv_camera_changes", "processor_changes")
    ]
    con = sqlite3.connect(path)
    try:
        with con:
            for e in triggers:
                con.execute(f"DROP TRIGGER {e.name}")
            for table in ("cctv_camera_changes", "cctv_cameras", "processor_changes", "processors"):
                con.execute(f"DELETE FROM {table}")
            marks = ",".join("?" for _ in keep)
            con.execute(f"DELETE FROM lifecycle_files WHERE code NOT IN ({marks or "''"})", keep)
            for e in triggers:
                con.execute(e.sqlite_sql)
    finally:
        con.close()


# -- at birth ------------------------------------------------------------------------------------------
def test_a_new_database_has_its_files_processors_and_cameras_right_after_init(ctx: AppContext) -> None:
    n_files, n_processors, n_cameras = _born(ctx)
    assert n_files >= 1 and n_processors >= 1 and n_cameras >= 1  # the shipped profile names all three
    assert _stored(ctx) == (n_files, n_processors, n_cameras)
    with ctx.session() as s:
        assert s.execute(select(func.count()).select_from(CctvCameraChange)).scalar_one() == n_cameras
        patient = s.execute(
            select(LifecycleFile).where(LifecycleFile.code == files.PATIENT_FILE)
        ).scalar_one()
        assert (
            patient.updated_by == "system"
            and patient.separate_after_days == files.DEFAULT_SEPARATE_AFTER_DAYS
        )
    # part of the set-up: its two entries (init naming the profile, the officer's account) stand for it
    with ctx.session() as s:
        logged = list(
            s.execute(select(AccessLogEntry.action, AccessLogEntry.detail).order_by(AccessLogEntry.seq))
        )
    assert [a for a, _ in logged] == [Action.INIT, Action.ACCOUNT_CREATE]
    assert logged[0][1] == f"profile={ctx.profile.name}"
    assert _seed_entries(ctx, CAMERA_SEED) == _seed_entries(ctx, PROCESSOR_SEED) == []
    # seeding again creates nothing (the steps are idempotent)
    with ctx.unit(None) as u:
        assert cameras.ensure_cameras(u, ctx.profile) == 0
        assert processors.ensure_processors(u, ctx.profile) == 0
        files.ensure_files(u, ctx.profile)
    assert _stored(ctx) == (n_files, n_processors, n_cameras)


# -- the reads only read ---------------------------------------------------------------------------------
def test_the_screens_reads_write_nothing(ctx: AppContext) -> None:
    """The lifecycle, CCTV, processor and start-page reads: not one row anywhere, the access log
    included (most of them run in a read-only unit, where a write would fail)."""
    off = officer(ctx)
    before = _all_counts(ctx)
    rules = files.list_files(ctx, off)
    assert len(rules) == _born(ctx)[0] and files.PATIENT_FILE in {r.code for r in rules}
    assert files.overdue_destruction(ctx, off).due == 0
    listed_cameras = cameras.list_cameras(ctx, off)
    assert len(listed_cameras) == _born(ctx)[2]
    first = listed_cameras[0].number
    assert [h.change for h in cameras.camera_history(ctx, off, first)] == ["create"]
    assert retention.list_holds(ctx, off) == []
    assert retention.footage_on(ctx, off, first, clock.today_kst()) == retention.FootageStatus.EXISTS
    assert {c.code for c in ledger.disclosure_files(ctx, off)} == {r.code for r in rules}
    listed = processors.list_processors(ctx, off)
    assert len(listed) == _born(ctx)[1]
    assert processors.get_processor(ctx, off, listed[0].id).name == listed[0].name
    assert overdue_summary(ctx, off).open == 0
    assert clock_summary(ctx, off).rows == ()
    notice.status(ctx, off)
    assert _all_counts(ctx) == before


def test_a_database_seeded_by_nobody_is_refused_clearly_not_seeded(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    off = officer(ctx)
    _unseed(ctx)
    before = _all_counts(ctx)
    for read in (
        lambda: files.list_files(ctx, off),
        lambda: files.dashboard(ctx, off),
        lambda: ledger.disclosure_files(ctx, off),
        lambda: cameras.list_cameras(ctx, off),
        lambda: processors.list_processors(ctx, off),
    ):
        with pytest.raises(DatabaseError, match="등록되어 있지 않습니다") as caught:
            read()
        assert caught.value.kind.endswith("_not_seeded")
        assert "개인정보 보호책임자에게 알리십시오" in caught.value.message
    assert _all_counts(ctx) == before
    assert _stored(ctx) == (0, 0, 0)


# -- a database made before 0800 ---------------------------------------------------------------------------
def test_a_database_upgraded_from_0790_is_seeded_once_keeping_the_officers_rules(
    sqlite_ctx: AppContext,
) -> None:
    ctx = sqlite_ctx
    off = officer(ctx)
    n_files, n_processors, n_cameras = _born(ctx)
    files.update_rule(
        ctx,
        off,
        files.PATIENT_FILE,
        files.RuleChange(separate_after_days=1000),
        expected_version=1,
        reason="분리보관 시점 조정",
    )
    _unseed(ctx, keep=(files.PATIENT_FILE,))  # as a 0790 database whose other screens were never opened
    from alembic import command

    cfg = migrate.alembic_config()
    with ctx.engine.begin() as conn:  # back to 0790 through the migrations (the later ones' schema goes)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0790")
    ctx.engine.dispose()
    assert _stored(ctx) == (1, 0, 0)

    upgraded = open_context(ctx.settings)
    try:
        assert migrate.current_revision(upgraded.engine) == migrate.head_revision()
        assert _stored(upgraded) == (n_files, n_processors, n_cameras)
        with upgraded.session() as s:
            patient = s.execute(
                select(LifecycleFile).where(LifecycleFile.code == files.PATIENT_FILE)
            ).scalar_one()
            assert patient.separate_after_days == 1000  # the officer's rule is not overwritten
        assert _seed_entries(upgraded, CAMERA_SEED) == [
            f"seed={n_cameras}"
        ]  # the upgrade's step, by the system
        assert _seed_entries(upgraded, PROCESSOR_SEED) == [f"seed={n_processors}"]
    finally:
        upgraded.engine.dispose()

    again = open_context(ctx.settings)  # at the head now: no step runs
    try:
        assert _stored(again) == (n_files, n_processors, n_cameras)
        assert len(_seed_entries(again, CAMERA_SEED)) == len(_seed_entries(again, PROCESSOR_SEED)) == 1
        assert len(cameras.list_cameras(again, officer(again))) == n_cameras
        assert_intact(again)
    finally:
        again.engine.dispose()
