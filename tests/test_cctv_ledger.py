"""The CCTV ledger (개인영상정보 관리대장): quick entry, filters, append-only in the database, and
anchor verification against the hash-chained access log (altered, deleted, inserted rows; rows
whose anchors were archived). Both backends."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from privdesk import clock
from privdesk.audit import anchors
from privdesk.audit.archive import archive_before
from privdesk.audit.chain import Action
from privdesk.audit.verify import verify_chain
from privdesk.bootstrap import initialize
from privdesk.cctv import viewlog
from privdesk.cctv.viewlog import LedgerFilter, LedgerInput, QuickViewing
from privdesk.context import Actor, AppContext
from privdesk.errors import NotFoundError, PermissionDeniedError, ValidationError
from tests.audit_support import actor_for
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, owner_engine
from tests.test_cctv_requests import entries, window

APPEND_ONLY = ("cctv_ledger", "cctv_request_events", "cctv_camera_changes", "cctv_provisions")


@pytest.fixture
def fac(ctx: AppContext) -> Actor:
    return actor_for(ctx, "fac01", ["facility"])


def quick(
    ctx: AppContext,
    actor: Actor,
    cameras: list[str],
    purpose: str,
    days_ago: int = 1,
    witness: str = "박주임",
) -> viewlog.LedgerRow:
    start, end = window(days_ago)
    return viewlog.record_viewing(ctx, actor, QuickViewing(cameras, start, end, purpose, witness))


def untrigger(ctx: AppContext, table: str) -> None:
    """Go around the database's guard as an intruder with the owner's rights would."""
    with owner_engine(ctx) as engine, engine.begin() as conn:
        if ctx.engine.dialect.name == "sqlite":
            conn.execute(text(f"DROP TRIGGER {table}_no_update"))
            conn.execute(text(f"DROP TRIGGER {table}_no_delete"))
        else:
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))


# -- entries and filters ------------------------------------------------------------------------
def test_quick_entry_records_who_what_when_and_the_witness(ctx: AppContext, fac: Actor) -> None:
    row = quick(ctx, fac, ["cam-03", "CAM-01"], "분실물(지갑) 습득 경위 확인")
    assert row.kind_label == "열람" and row.camera_numbers == "CAM-01, CAM-03"
    assert row.staff_login == "fac01" and row.staff_name == "fac01 님" and row.witness == "박주임"
    assert row.staff_text == "fac01 님(fac01) / 입회 박주임"
    assert row.counterpart == viewlog.INTERNAL_COUNTERPART and row.basis.startswith("개인정보 보호법 제25조")
    assert row.window_start == window(1)[0] and row.period == row.window_text
    anchor = entries(ctx, subject=f"cctv_ledger:{row.id}")[-1]
    assert anchor.action == Action.CREATE and anchor.actor == "fac01"
    assert anchor.detail == "sha256=" + anchors.digest(viewlog.canonical_row(row))
    with pytest.raises(ValidationError) as err:
        quick(ctx, fac, ["CAM-01"], "  ")
    assert err.value.field == "purpose"


def test_full_entry_corrections_and_filters(ctx: AppContext, fac: Actor) -> None:
    a = quick(ctx, fac, ["CAM-01"], "화재 경보 원인 확인", days_ago=3)
    b = quick(ctx, fac, ["CAM-22"], "주차 차량 파손 확인", days_ago=2)
    start, end = window(2)
    c = viewlog.add_entry(
        ctx,
        fac,
        LedgerInput(
            kind="destroy",
            purpose=f"{b.id}번 열람 때 만든 사본 파기",
            file_form="USB 사본",
            cameras=["CAM-22"],
            window_start=start,
            window_end=end,
            basis="보관기간 경과",
            provision_form="영구 삭제",
        ),
    )
    d = viewlog.add_entry(
        ctx,
        fac,
        LedgerInput(
            kind="view",
            purpose="화재 경보 원인 확인 (입회자 정정)",
            file_form="녹화기 영상 재생",
            cameras=["CAM-01"],
            witness="최과장",
            corrects_id=a.id,
        ),
    )
    assert d.corrects_id == a.id and c.kind_label == "파기"
    assert [r.id for r in viewlog.list_ledger(ctx, fac)] == [d.id, c.id, b.id, a.id]
    assert [r.id for r in viewlog.list_ledger(ctx, fac, LedgerFilter(kind="destroy"))] == [c.id]
    assert [r.id for r in viewlog.list_ledger(ctx, fac, LedgerFilter(camera="cam-22"))] == [c.id, b.id]
    assert [r.id for r in viewlog.list_ledger(ctx, fac, LedgerFilter(text="화재"))] == [d.id, a.id]
    assert [r.id for r in viewlog.list_ledger(ctx, fac, LedgerFilter(text="100%"))] == []
    assert [r.id for r in viewlog.list_ledger(ctx, fac, before_id=c.id, limit=1)] == [b.id]
    today = clock.today_kst()
    assert len(viewlog.list_ledger(ctx, fac, LedgerFilter(since=today, until=today))) == 4
    assert viewlog.list_ledger(ctx, fac, LedgerFilter(until=today - dt.timedelta(days=1))) == []
    with pytest.raises(NotFoundError):
        viewlog.add_entry(ctx, fac, LedgerInput(kind="view", purpose="x", file_form="y", corrects_id=999))
    with pytest.raises(ValidationError) as err:
        viewlog.add_entry(ctx, fac, LedgerInput(kind="copy", purpose="x", file_form="y"))
    assert err.value.field == "kind"
    with pytest.raises(ValidationError) as err:
        viewlog.add_entry(
            ctx,
            fac,
            LedgerInput(kind="use", purpose="x", file_form="y", at=clock.now() + dt.timedelta(hours=2)),
        )
    assert err.value.field == "at"


def test_intake_role_may_neither_write_nor_read_the_ledger(ctx: AppContext, fac: Actor) -> None:
    clerk = actor_for(ctx, "desk01", ["intake"])
    with pytest.raises(PermissionDeniedError):
        quick(ctx, clerk, ["CAM-01"], "궁금해서")
    with pytest.raises(PermissionDeniedError):
        viewlog.list_ledger(ctx, clerk)
    assert viewlog.list_ledger(ctx, fac) == []
    assert [e.detail for e in entries(ctx, actor="desk01", action=Action.PERMISSION_DENIED)] == [
        "cctv.manage",
        "cctv.read",
    ]


# -- append-only in the database -------------------------------------------------------------------
def test_database_refuses_update_and_delete_of_append_only_cctv_tables(ctx: AppContext, fac: Actor) -> None:
    from privdesk.cctv import decisions, requests
    from tests.test_cctv_requests import request_input

    quick(ctx, fac, ["CAM-01"], "시설 점검")
    req = requests.receive_request(ctx, fac, request_input())
    decisions.withdraw(ctx, fac, req.id, note="철회")
    for table in APPEND_ONLY[:3]:
        for stmt in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
            with owner_engine(ctx) as engine, pytest.raises(DBAPIError) as err, engine.begin() as conn:
                conn.execute(text(stmt))
            assert "append-only" in str(err.value)
    with ctx.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM cctv_ledger")).scalar() == 1
        assert conn.execute(text("SELECT COUNT(*) FROM cctv_request_events")).scalar() == 2
    if ctx.engine.dialect.name == "postgresql":
        with (
            owner_engine(ctx) as engine,
            pytest.raises(DBAPIError, match="append-only"),
            engine.begin() as conn,
        ):
            conn.execute(text("TRUNCATE cctv_ledger CASCADE"))


# -- tamper evidence ----------------------------------------------------------------------------
@pytest.mark.tampers
def test_verification_finds_altered_deleted_and_inserted_ledger_rows(ctx: AppContext, fac: Actor) -> None:
    officer = actor_for(ctx, OFFICER_LOGIN)
    rows = [quick(ctx, fac, [f"CAM-0{i}"], f"시설 점검 {i}") for i in range(1, 5)]
    assert viewlog.verify_ledger(ctx, officer) == []
    untrigger(ctx, "cctv_ledger")
    with owner_engine(ctx) as engine, engine.begin() as conn:
        conn.execute(text("UPDATE cctv_ledger SET purpose = '고쳐 쓴 목적' WHERE id = :i"), {"i": rows[1].id})
        conn.execute(text("DELETE FROM cctv_ledger WHERE id = :i"), {"i": rows[2].id})
        conn.execute(
            text(
                "INSERT INTO cctv_ledger (id, kind, at, file_form, camera_numbers, staff_login, staff_name, witness,"
                " purpose, counterpart, basis, provision_form, period, recorded_at, recorded_by) SELECT 900, kind, at,"
                " file_form, camera_numbers, staff_login, staff_name, witness, '끼워 넣은 기록', counterpart, basis,"
                " provision_form, period, recorded_at, recorded_by FROM cctv_ledger WHERE id = :i"
            ),
            {"i": rows[0].id},
        )
    problems = viewlog.verify_ledger(ctx, officer)
    assert [(p.row_id, p.problem) for p in problems] == [
        (rows[1].id, anchors.ALTERED),
        (rows[2].id, anchors.DELETED),
        (900, anchors.INSERTED),
    ]
    assert (
        problems[0].message == f"cctv_ledger {rows[1].id}번 행: 내용이 접속기록에 남은 값과 다릅니다(변조)."
    )
    assert entries(ctx, action=Action.VERIFY)[-1].detail == "problems=3"
    assert verify_chain(ctx, officer).ok  # the access log itself is intact: the ledger was the target
    with pytest.raises(PermissionDeniedError):
        viewlog.verify_ledger(ctx, fac)


def test_canonical_bytes_are_unambiguous() -> None:
    assert anchors.canonical("a|b", "c") != anchors.canonical("a", "b|c")
    assert anchors.canonical("a\x1fb") != anchors.canonical("a", "b")
    assert anchors.canonical(None) != anchors.canonical("")
    at = dt.datetime(2026, 11, 25, 14, 30, tzinfo=clock.KST)
    assert (
        anchors.canonical(at)
        == anchors.canonical(at.astimezone(dt.UTC))
        == b'["2026-11-25T05:30:00.000000Z"]'
    )


INSTALLED = dt.datetime(2020, 3, 2, 9, 0, tzinfo=clock.KST)


@pytest.fixture
def aged(db_url: str, settings_for, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    """Installed in March 2020 with two ledger entries of June 2020."""
    with monkeypatch.context() as m:
        m.setattr(clock, "now", lambda: INSTALLED)
        context = initialize(
            settings_for(db_url),
            officer_login=OFFICER_LOGIN,
            officer_name="육의곤",
            password=OFFICER_PASSWORD,
        )
        fac = actor_for(context, "fac01", ["facility"])
        m.setattr(clock, "now", lambda: dt.datetime(2020, 6, 1, 10, 0, tzinfo=clock.KST))
        for n in ("CAM-01", "CAM-02"):
            quick(context, fac, [n], "2020년 점검")
    yield context
    context.engine.dispose()


def test_rows_anchored_in_an_archived_part_of_the_log_still_verify(aged: AppContext, tmp_path: Path) -> None:
    officer = actor_for(aged, OFFICER_LOGIN)
    fac = actor_for(aged, "fac01")
    assert archive_before(aged, officer, dt.date(2021, 1, 1), tmp_path / "2020.jsonl").entries > 0
    assert entries(aged, subject="cctv_ledger:1") == []  # the anchors left with the archive
    assert viewlog.verify_ledger(aged, officer) == []
    new = quick(aged, fac, ["CAM-03"], "오늘 점검")
    assert viewlog.verify_ledger(aged, officer) == []
    untrigger(aged, "cctv_ledger")
    with (
        owner_engine(aged) as engine,
        engine.begin() as conn,
    ):  # an old row altered after archiving cannot be checked here ...
        conn.execute(text("UPDATE cctv_ledger SET purpose = 'x' WHERE id = 1"))
        conn.execute(text("UPDATE cctv_ledger SET purpose = 'y' WHERE id = :i"), {"i": new.id})
        conn.execute(
            text(
                "INSERT INTO cctv_ledger (id, kind, at, file_form, camera_numbers, staff_login, staff_name, witness,"
                " purpose, counterpart, basis, provision_form, period, recorded_at, recorded_by) SELECT 77, kind, at,"
                " file_form, camera_numbers, staff_login, staff_name, witness, purpose, counterpart, basis,"
                " provision_form, period, recorded_at, recorded_by FROM cctv_ledger WHERE id = 1"
            )
        )
    problems = [(p.row_id, p.problem) for p in viewlog.verify_ledger(aged, officer)]
    assert problems == [(new.id, anchors.ALTERED), (77, anchors.INSERTED)]  # ... the live ones are


def test_a_fake_anchor_detail_is_ignored(ctx: AppContext, fac: Actor) -> None:
    row = quick(ctx, fac, ["CAM-05"], "점검")
    with ctx.unit(fac) as u:  # another entry on the same subject that is not an anchor
        u.log(Action.VIEW, subject=f"cctv_ledger:{row.id}", detail="sha256=not-a-digest")
    assert viewlog.verify_ledger(ctx, actor_for(ctx, OFFICER_LOGIN)) == []
    assert dataclasses.replace(row, purpose="다름") != row


def test_migration_0200_downgrades_and_upgrades_with_its_guards(empty_db_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from privdesk.store import migrate
    from privdesk.store.engine import make_engine

    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine)
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0100")
        assert not [t for t in inspect(engine).get_table_names() if t.startswith("cctv_")]
        migrate.upgrade(engine)
        assert {"cctv_ledger", "cctv_requests", "cctv_holds"} <= set(inspect(engine).get_table_names())
        with engine.begin() as conn:  # the triggers act per row: give them one
            conn.execute(
                text(
                    "INSERT INTO cctv_ledger (kind, at, file_form, camera_numbers, staff_login, staff_name, witness,"
                    " purpose, counterpart, basis, provision_form, period, recorded_at, recorded_by) VALUES ('use',"
                    " '2026-01-01 00:00:00', 'f', '', 'a', 'a', '', 'p', '', '', '', '', '2026-01-01 00:00:00', 'a')"
                )
            )
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("DELETE FROM cctv_ledger"))
    finally:
        engine.dispose()
