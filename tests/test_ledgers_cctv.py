"""Issue 12, the 개인영상정보 관리대장 ([별지 제3호서식]) as an inspector reads it (pdftotext): 번호 runs
in the printed order, the 설치 대수 is the camera registry's count (a 26th camera counts; a removed
one does not), and the recorder's daily overwrite of footage past the retention period is entered
as 파기 by itself — once per recording day, with 주기·확인시기, the held cameras excluded — even
when two workstations check at the same moment. Both backends."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from privdesk import clock
from privdesk.cctv import cameras, printing, retention, viewlog
from privdesk.cctv.models import CctvHold, CctvLedgerEntry
from privdesk.cctv.retention import HoldInput
from privdesk.context import Actor, AppContext
from privdesk.reports import cctv_ledger
from tests.audit_support import actor_for
from tests.test_cctv_requests import window


@pytest.fixture
def fac(ctx: AppContext) -> Actor:
    return actor_for(ctx, "fac01", ["facility"])


def layout_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def squash(s: str) -> str:
    return "".join(s.split())


def printed_numbers(path: Path) -> list[int]:
    """The 번호 column: the number that starts each table row (before its 구분)."""
    return [
        int(m.group(1)) for m in re.finditer(r"^\s*(\d+)\s+(이용|제공|열람|파기)\s", layout_text(path), re.M)
    ]


def destroyed(ctx: AppContext) -> list[CctvLedgerEntry]:
    with ctx.session() as s:
        return list(
            s.scalars(
                select(CctvLedgerEntry)
                .where(CctvLedgerEntry.kind == "destroy")
                .order_by(CctvLedgerEntry.window_start)
            )
        )


def test_numbers_run_in_the_printed_order_even_for_entries_written_late(
    ctx: AppContext, fac: Actor, tmp_path: Path
) -> None:
    # five viewings entered in the reverse order of when they happened (the demo's 5,4,3,2,1,6)
    now = clock.now()
    for i in range(5, 0, -1):
        s, e = window(3)
        viewlog.record_viewing(
            ctx,
            fac,
            viewlog.QuickViewing(["CAM-01"], s, e, f"확인 {i}", "박주임", at=now - dt.timedelta(hours=6 - i)),
        )
    late = viewlog.add_entry(
        ctx,
        fac,
        viewlog.LedgerInput(
            kind="view",
            purpose="확인 1 (입회자 정정)",
            file_form="녹화기 영상 재생",
            cameras=["CAM-01"],
            witness="최과장",
            corrects_id=5,
        ),
    )
    rows = viewlog.ledger_for_period(ctx, fac, clock.today_kst(), clock.today_kst())
    assert [r.id for r in rows][:5] == [5, 4, 3, 2, 1]  # by 일시: the ids run backwards
    cells = cctv_ledger.table_rows(rows)
    assert [c[0] for c in cells] == [str(n) for n in range(1, len(rows) + 1)]
    assert cells[[r.id for r in rows].index(late.id)][5].startswith("[1번 기록 정정]")  # 5 printed as 1
    out = tmp_path / "ledger.pdf"
    result = printing.print_ledger(ctx, fac, clock.today_kst(), clock.today_kst(), out, reason="업무 확인")
    assert printed_numbers(out) == list(range(1, result.rows + 1))


def test_the_camera_count_is_the_registrys_not_the_profiles(
    ctx: AppContext, fac: Actor, tmp_path: Path
) -> None:
    assert ctx.profile.cctv.camera_count == 25
    cameras.add_camera(
        ctx, fac, number="CAM-26", location="별관 주차장", coverage="주차장 출입구", reason="별관 신축"
    )
    out = tmp_path / "a.pdf"
    printing.print_ledger(ctx, fac, clock.today_kst(), clock.today_kst(), out, reason="업무 확인")
    assert "설치대수26대" in squash(layout_text(out))
    cameras.update_camera(
        ctx, fac, "CAM-03", cameras.CameraEdit(status="removed"), reason="리모델링으로 철거"
    )
    out = tmp_path / "b.pdf"
    printing.print_ledger(ctx, fac, clock.today_kst(), clock.today_kst(), out, reason="업무 확인")
    assert "설치대수25대" in squash(layout_text(out))


def test_the_daily_overwrite_is_entered_as_destruction_once_per_day_with_cycle_and_check(
    ctx: AppContext, fac: Actor, tmp_path: Path
) -> None:
    days = ctx.profile.cctv.retention_days
    # a hold set three days ago kept CAM-02's footage of (today - days - 1) past its retention
    s, e = window(days - 2)
    hold = retention.set_hold(
        ctx,
        fac,
        HoldInput(
            ["CAM-02"],
            s,
            e,
            "incident",
            "주차장 사고 조사",
            until_date=clock.today_kst() + dt.timedelta(days=30),
        ),
    )
    with ctx.session() as sess, sess.begin():  # as if it had been set three days ago
        h = sess.get(CctvHold, hold.id)
        assert h is not None
        back = dt.timedelta(days=3)
        h.set_at, h.window_start, h.window_end = h.set_at - back, h.window_start - back, h.window_end - back
    held_day = clock.today_kst() - dt.timedelta(days=days + 1)
    # the first check (five days ago) enters the one day overwritten that day, nothing before it
    first = retention.retention_check(ctx, None, clock.today_kst() - dt.timedelta(days=5))
    assert first.overwrites_recorded == (clock.today_kst() - dt.timedelta(days=days + 5),)
    # today's check enters the days since, each once
    report = retention.retention_check(ctx, fac)
    assert report.overwrites_recorded == tuple(
        clock.today_kst() - dt.timedelta(days=days + k) for k in range(4, -1, -1)
    )
    assert retention.retention_check(ctx, fac).overwrites_recorded == ()
    rows = destroyed(ctx)
    assert len(rows) == 6
    by_day = {clock.kst_day(r.window_start): r for r in rows}
    assert sorted(by_day) == [clock.today_kst() - dt.timedelta(days=days + k) for k in range(5, -1, -1)]
    for day, r in by_day.items():
        assert r.at == dt.datetime.combine(day + dt.timedelta(days=days), dt.time(), tzinfo=clock.KST)
        assert (
            f"파기 주기: 매일 자동 (촬영일로부터 {days}일 경과분 덮어쓰기)" in r.period
            and "확인시기:" in r.period
        )
        assert r.staff_name == "진료부 대표원장" and r.purpose.startswith(
            f"보관기간(촬영일로부터 {days}일) 경과"
        )
    assert "보존 연장으로 제외: CAM-02" in by_day[held_day].period
    assert "(카메라 24대)" in by_day[held_day].file_form
    assert "제외" not in by_day[clock.today_kst() - dt.timedelta(days=days)].period
    auto = by_day[clock.today_kst() - dt.timedelta(days=days + 5)]
    assert {r.staff_login for r in rows} == {"system"} and {r.recorded_by for r in rows} == {
        "system",
        "fac01",
    }
    assert viewlog.row_of(auto).staff_text == "진료부 대표원장 (자동 기록)"
    assert viewlog.verify_ledger(ctx, actor_for(ctx, "aud01", ["auditor"])) == []
    # the printed ledger carries them as 파기 with their cycle
    out = tmp_path / "ledger.pdf"
    result = printing.print_ledger(
        ctx, fac, clock.today_kst() - dt.timedelta(days=7), clock.today_kst(), out, reason="업무 확인"
    )
    body = squash(layout_text(out))
    assert result.rows == 6 and "파기6건" in body and "파기주기:매일자동" in body


def test_footage_a_hold_kept_is_entered_as_destroyed_once_the_hold_is_released(
    ctx: AppContext, fac: Actor
) -> None:
    days = ctx.profile.cctv.retention_days
    retention.retention_check(
        ctx, None, clock.today_kst() - dt.timedelta(days=6)
    )  # privdesk enters overwrites since then
    s, e = window(days - 2)
    hold = retention.set_hold(
        ctx,
        fac,
        HoldInput(
            ["CAM-07", "CAM-08"],
            s,
            e,
            "police",
            "관악서 수사 협조",
            until_date=clock.today_kst() + dt.timedelta(days=30),
        ),
    )
    with ctx.session() as sess, sess.begin():  # set five days ago (footage of today-33 still existed)
        h = sess.get(CctvHold, hold.id)
        assert h is not None
        back = dt.timedelta(days=5)
        h.set_at, h.window_start, h.window_end = h.set_at - back, h.window_start - back, h.window_end - back
    retention.retention_check(ctx, fac)
    held_day = clock.today_kst() - dt.timedelta(days=days + 3)
    by_day = {clock.kst_day(r.window_start): r for r in destroyed(ctx) if r.counterpart == "-"}
    assert "보존 연장으로 제외: CAM-07, CAM-08" in by_day[held_day].period
    assert not [r for r in destroyed(ctx) if r.counterpart != "-"]
    retention.end_hold(ctx, fac, hold.id, "수사 종결 통보")
    retention.retention_check(ctx, fac)
    retention.retention_check(ctx, fac)  # once only
    released = [r for r in destroyed(ctx) if r.counterpart != "-"]
    assert len(released) == 1
    r = released[0]
    assert (
        r.counterpart == f"보존 연장 #{hold.id} 해제" and "(보존 연장 카메라 CAM-07, CAM-08)" in r.file_form
    )
    assert held_day.isoformat() in r.file_form and "보존 연장 해제 후 자동 덮어쓰기" in r.period
    assert clock.kst_day(r.window_start) == held_day
    assert viewlog.verify_ledger(ctx, actor_for(ctx, "aud01", ["auditor"])) == []


def test_two_workstations_checking_at_once_enter_each_day_once(ctx: AppContext, fac: Actor) -> None:
    retention.retention_check(ctx, None, clock.today_kst() - dt.timedelta(days=3))
    errors: list[BaseException] = []

    def check() -> None:
        try:
            retention.retention_check(ctx, None)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=check) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with ctx.session() as s:
        n, distinct = s.execute(
            select(func.count(), func.count(func.distinct(CctvLedgerEntry.window_start))).where(
                CctvLedgerEntry.kind == "destroy"
            )
        ).one()
    assert n == distinct == 4
