"""Cameras and footage retention (보관기간), evidence holds (보존 연장) and the daily retention check.
Rules are checked directly; use cases on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.cctv import cameras, decisions, requests, retention
from privdesk.cctv.cameras import CameraEdit
from privdesk.cctv.models import CctvCamera, CctvCameraChange, CctvHold
from privdesk.cctv.retention import FootageStatus, HoldInput
from privdesk.context import Actor, AppContext
from privdesk.errors import PermissionDeniedError, RuleViolationError, ValidationError, VersionConflictError
from tests.audit_support import actor_for
from tests.test_cctv_requests import entries, request_input, window

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def fac(ctx: AppContext) -> Actor:
    return actor_for(ctx, "fac01", ["facility"])


def police_hold(days_ago: int, until: dt.date | None, cams: tuple[str, ...] = ("CAM-21",)) -> HoldInput:
    start, end = window(days_ago)
    return HoldInput(
        cameras=cams,
        window_start=start,
        window_end=end,
        reason_kind="police",
        reason="관악경찰서 수사협조 요청 (공문 접수 2026-1123)",
        until_date=until,
    )


# -- the rule ----------------------------------------------------------------------------------------
def _hold(
    set_on: dt.date,
    days: tuple[dt.date, dt.date],
    camera_id: int = 7,
    until: dt.date | None = None,
    ended_on: dt.date | None = None,
) -> CctvHold:
    def at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tzinfo=clock.KST)

    h = CctvHold(
        set_at=at(set_on, 9),
        window_start=at(days[0], 0),
        window_end=at(days[1], 23),
        until_date=until,
        ended_at=at(ended_on, 12) if ended_on else None,
    )
    h.cameras = [CctvCamera(id=camera_id, number="CAM-07")]
    return h


def test_footage_exists_for_thirty_days_then_may_be_overwritten() -> None:
    assert retention.footage_status(7, TODAY, TODAY, 30, []) == FootageStatus.EXISTS
    assert retention.footage_status(7, TODAY - dt.timedelta(days=29), TODAY, 30, []) == FootageStatus.EXISTS
    assert retention.footage_status(7, TODAY - dt.timedelta(days=30), TODAY, 30, []) == FootageStatus.GONE
    assert retention.footage_status(7, TODAY + dt.timedelta(days=1), TODAY, 30, []) == FootageStatus.FUTURE
    assert retention.overwritable_through(TODAY, 30) == dt.date(2026, 10, 26)


def test_a_hold_keeps_only_footage_that_existed_when_it_was_set_and_only_while_in_force() -> None:
    old = TODAY - dt.timedelta(days=40)
    h = _hold(
        set_on=TODAY - dt.timedelta(days=15),
        days=(old, old + dt.timedelta(days=20)),
        until=TODAY + dt.timedelta(days=5),
    )
    # day old+20 = TODAY-20 was 5 days old when the hold was set: held now, past its 30 days
    assert retention.footage_status(7, TODAY - dt.timedelta(days=20), TODAY, 30, [h]) == FootageStatus.HELD
    # day TODAY-40 was already 25 days old when set: still inside 30 days then, so held
    assert retention.footage_status(7, old, TODAY, 30, [h]) == FootageStatus.HELD
    # another camera, or a day before the window, is not held
    assert retention.footage_status(8, old, TODAY, 30, [h]) == FootageStatus.GONE
    assert retention.footage_status(7, old - dt.timedelta(days=1), TODAY, 30, [h]) == FootageStatus.GONE
    # set too late: footage of TODAY-50 was gone 5 days before the hold began
    late = _hold(set_on=TODAY - dt.timedelta(days=15), days=(TODAY - dt.timedelta(days=50),) * 2)
    assert retention.footage_status(7, TODAY - dt.timedelta(days=50), TODAY, 30, [late]) == FootageStatus.GONE
    # after its end date, or once ended, the hold keeps nothing
    after = TODAY + dt.timedelta(days=6)
    assert retention.footage_status(7, old, after, 30, [h]) == FootageStatus.GONE
    ended = _hold(set_on=TODAY - dt.timedelta(days=15), days=(old, old), ended_on=TODAY)
    assert retention.footage_status(7, old, TODAY - dt.timedelta(days=1), 30, [ended]) == FootageStatus.HELD
    assert retention.footage_status(7, old, TODAY, 30, [ended]) == FootageStatus.GONE


# -- the camera registry -------------------------------------------------------------------------------
def test_cameras_are_seeded_once_from_the_profile(ctx: AppContext, fac: Actor) -> None:
    with ctx.unit(None) as u:  # seeded at init: seeding again creates nothing
        assert cameras.ensure_cameras(u, ctx.profile) == 0
    listed = cameras.list_cameras(ctx, fac)
    assert [c.number for c in listed[:2]] == ["CAM-01", "CAM-02"] and len(listed) == 25
    assert {c.location for c in listed} == {"건물로비", "원내", "건물외부"}
    assert listed[0].place == "건물로비 · 1층 정문 출입구" and listed[0].status_label == "운영"
    assert listed[0].purpose == "시설안전 및 화재 예방, 고객의 안전을 위한 범죄 예방"
    with ctx.session() as s:  # born with the database, by the system, under the init's own entry
        assert {c.actor_login for c in s.scalars(select(CctvCameraChange))} == {"system"}
    assert entries(ctx, subject="cctv_camera:*") == []


def test_camera_changes_bump_the_version_and_are_kept_in_history(ctx: AppContext, fac: Actor) -> None:
    cam = cameras.list_cameras(ctx, fac)[8]
    changed = cameras.update_camera(
        ctx,
        fac,
        cam.number,
        CameraEdit(coverage="3층 검사실 앞 복도", status="inactive"),
        reason="공사로 일시 중지",
        expected_version=cam.version,
    )
    assert changed.version == cam.version + 1 and changed.status_label == "일시 중지"
    with pytest.raises(VersionConflictError):
        cameras.update_camera(
            ctx, fac, cam.number, CameraEdit(status="active"), reason="재가동", expected_version=cam.version
        )
    with pytest.raises(RuleViolationError, match="바뀐 내용"):
        cameras.update_camera(ctx, fac, cam.number, CameraEdit(status="inactive"), reason="같은 값")
    with pytest.raises(ValidationError) as err:
        cameras.update_camera(ctx, fac, cam.number, CameraEdit(status="broken"), reason="x")
    assert err.value.field == "status"
    with pytest.raises(ValidationError) as err:
        cameras.update_camera(ctx, fac, cam.number, CameraEdit(location="원내"), reason=" ")
    assert err.value.field == "reason"
    history = cameras.camera_history(ctx, fac, cam.number.lower())
    assert [h.change for h in history] == ["create", "update"]
    assert history[1].detail == "촬영 범위: 3층 검사실 앞 → 3층 검사실 앞 복도; 상태: 운영 → 일시 중지"
    assert history[1].actor_login == "fac01" and history[1].reason == "공사로 일시 중지"
    assert entries(ctx, subject=f"cctv_camera:{cam.id}")[-1].detail == "fields=coverage,status"
    new = cameras.add_camera(
        ctx, fac, number="cam-26", location="원내", coverage="8층 옥상 출입문", reason="증설"
    )
    assert new.number == "CAM-26" and len(cameras.list_cameras(ctx, fac)) == 26
    with pytest.raises(ValidationError, match="이미 있는"):
        cameras.add_camera(ctx, fac, number="CAM-26", location="원내", reason="중복")
    clerk = actor_for(ctx, "desk01", ["intake"])
    with pytest.raises(PermissionDeniedError):
        cameras.update_camera(ctx, clerk, "CAM-01", CameraEdit(location="원내"), reason="x")


# -- holds and the daily check ------------------------------------------------------------------------
def test_retention_check_lists_overwritable_and_held_days_per_camera(ctx: AppContext, fac: Actor) -> None:
    today = clock.today_kst()
    police = retention.set_hold(ctx, fac, police_hold(3, today + dt.timedelta(days=60), ("CAM-21", "CAM-22")))
    req = requests.receive_request(ctx, fac, request_input(days_ago=5, cameras=["CAM-02"]))

    now = retention.retention_check(ctx, fac)
    assert now.date == today and now.overwritable_through == today - dt.timedelta(days=30)
    by_cam = {line.camera.number: line for line in now.lines}
    assert len(by_cam) == 25 and by_cam["CAM-01"].held == ()
    [held] = by_cam["CAM-21"].held
    assert held.hold_id == police.id and held.first == held.last == today - dt.timedelta(days=3)
    assert not held.past_retention and held.reason_label == "수사기관 요청"
    assert {h.id for h in now.holds} == {police.id, req.holds[0].id}

    later = retention.retention_check(ctx, None, today + dt.timedelta(days=40))  # the system's daily job
    assert later.overwritable_through == today + dt.timedelta(days=10)
    lines = {line.camera.number: line for line in later.lines}
    assert lines["CAM-21"].held[0].past_retention and lines["CAM-22"].held[0].hold_id == police.id
    [kept] = lines["CAM-02"].held
    assert kept.past_retention and kept.until_text == f"청구 {req.number} 종결 시까지"
    assert entries(ctx, actor="system", action=Action.VIEW)[-1].detail.startswith("retention-check")

    decisions.withdraw(ctx, fac, req.id, note="철회")
    after = retention.retention_check(ctx, None, today + dt.timedelta(days=40))
    assert {line.camera.number: line for line in after.lines}["CAM-02"].held == ()
    expired = retention.retention_check(ctx, None, today + dt.timedelta(days=61))
    assert all(line.held == () for line in expired.lines) and expired.holds == ()


def test_hold_rules_and_ending_a_hold_needs_a_reason(ctx: AppContext, fac: Actor) -> None:
    today = clock.today_kst()
    with pytest.raises(ValidationError, match="하나로 지정"):
        retention.set_hold(ctx, fac, police_hold(3, None))
    with pytest.raises(ValidationError, match="이미 지났습니다"):
        retention.set_hold(ctx, fac, police_hold(3, today - dt.timedelta(days=1)))
    with pytest.raises(RuleViolationError, match="이미 없으므로"):
        retention.set_hold(ctx, fac, police_hold(31, today + dt.timedelta(days=10)))
    h = retention.set_hold(ctx, fac, police_hold(3, today + dt.timedelta(days=60)))
    day = today - dt.timedelta(days=3)
    assert retention.footage_on(ctx, fac, "CAM-21", day) == FootageStatus.HELD
    assert (
        retention.footage_on(ctx, fac, "CAM-21", day, today=today + dt.timedelta(days=60))
        == FootageStatus.HELD
    )
    assert (
        retention.footage_on(ctx, fac, "CAM-21", day, today=today + dt.timedelta(days=61))
        == FootageStatus.GONE
    )
    assert (
        retention.footage_on(ctx, fac, "CAM-01", day, today=today + dt.timedelta(days=60))
        == FootageStatus.GONE
    )
    with pytest.raises(ValidationError) as err:
        retention.end_hold(ctx, fac, h.id, reason="")
    assert err.value.field == "reason"
    ended = retention.end_hold(ctx, fac, h.id, reason="경찰 사본 수령 완료", expected_version=h.version)
    assert not ended.active and ended.ended_by == "fac01" and ended.end_reason == "경찰 사본 수령 완료"
    with pytest.raises(RuleViolationError, match="이미 해제"):
        retention.end_hold(ctx, fac, h.id, reason="두 번")
    assert retention.list_holds(ctx, fac) == []
    assert [x.id for x in retention.list_holds(ctx, fac, active_only=False)] == [h.id]
    assert [e.detail for e in entries(ctx, subject=f"cctv_hold:{h.id}")] == [
        "kind=police; cameras=1",
        "end; reason=경찰 사본 수령 완료",
    ]
    auditor = actor_for(ctx, "aud01", ["auditor"])
    assert retention.list_holds(ctx, auditor, active_only=False)[0].reason_label == "수사기관 요청"
    with pytest.raises(PermissionDeniedError):
        retention.set_hold(ctx, auditor, police_hold(3, today + dt.timedelta(days=10)))
    with ctx.session() as s:
        assert s.execute(select(func.count()).select_from(CctvHold)).scalar() == 1
