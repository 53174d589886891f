"""Footage retention (보관기간) and evidence holds (보존 연장).

The recorder keeps each day's footage for ``profile.cctv.retention_days`` days (30: "촬영일로부터
30일"): footage recorded on day D exists while ``today - D < retention_days`` and may be
overwritten from ``D + retention_days`` on (all days in KST). An evidence hold keeps the footage of
some cameras in a time window past that, for a reason (a pending request, a police request, an
incident), until a date (inclusive), until a request is closed, or until it is ended early with a
logged reason. A hold protects only footage that still existed when it was set.

The daily retention check (:func:`retention_check`, ``privdesk cctv retention-check``) lists per
camera up to which day footage may be overwritten and which older days are held.

The recorder's daily overwrite of footage past the retention period is a destruction (파기) and
goes into the 개인영상정보 관리대장 by itself (:func:`record_overwrites`): one 파기 entry per
recording day, written by the retention check and before the ledger is printed, with what law.md
§3 asks for an automatic deletion — the cycle (주기: 매일, 촬영일로부터 N일 경과분) and when it was
confirmed (확인시기: the check that wrote it) — the 관리책임자 as 담당자 (shown "(자동 기록)"; the
account that ran the check is the entry's ``recorded_by``), and the cameras whose
footage of that day an evidence hold kept on its overwrite day (excluded); when such a hold is
released, the footage it alone kept is overwritten and gets an entry of its own naming the hold.
The first entry is for the day overwritten
on the first check; earlier overwrites happened before privdesk kept the ledger and are not
invented. Two workstations checking at once write each day once (the profile row is locked first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select

from privdesk import clock
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.cctv.cameras import CameraInfo, camera_info, cctv_unit, resolve_cameras
from privdesk.cctv.common import (
    check_window,
    fmt_days,
    kst_day,
    kst_midnight,
    request_number,
    runs,
    window_days,
)
from privdesk.cctv.models import CctvCamera, CctvHold, CctvLedgerEntry, CctvRequest
from privdesk.context import META_PROFILE, SYSTEM_ACTOR, Actor, AppContext, Unit
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.fields import reason as reason_text
from privdesk.profile import HospitalProfile
from privdesk.store import check_version
from privdesk.store.models import Meta


class HoldReason(StrEnum):
    REQUEST = "request"  # 열람등 청구 처리 중
    POLICE = "police"  # 수사기관 요청
    INCIDENT = "incident"  # 사고·사건


HOLD_REASON_LABELS: dict[str, str] = {
    HoldReason.REQUEST: "열람등 청구 처리",
    HoldReason.POLICE: "수사기관 요청",
    HoldReason.INCIDENT: "사고·사건 조사",
}


class FootageStatus(StrEnum):
    EXISTS = "exists"  # 보관 중 (보관기간 내)
    HELD = "held"  # 보존 연장 중
    GONE = "gone"  # 보관기간 경과 (덮어쓰기·파기)
    FUTURE = "future"  # 아직 촬영되지 않은 날


FOOTAGE_LABELS: dict[str, str] = {
    FootageStatus.EXISTS: "보관 중",
    FootageStatus.HELD: "보존 연장 중",
    FootageStatus.GONE: "보관기간 경과(파기)",
    FootageStatus.FUTURE: "촬영 전",
}

OPEN_REQUEST_STATES = ("received", "extended", "approved", "partly_approved", "refused")


# -- pure rules ------------------------------------------------------------------------------------
def overwritable_through(today: dt.date, retention_days: int) -> dt.date:
    """The last recording day whose footage may be overwritten on ``today``."""
    return today - dt.timedelta(days=retention_days)


def within_retention(day: dt.date, today: dt.date, retention_days: int) -> bool:
    return 0 <= (today - day).days < retention_days


def hold_active_on(h: CctvHold, today: dt.date) -> bool:
    if kst_day(h.set_at) > today:
        return False
    if h.ended_at is not None and kst_day(h.ended_at) <= today:
        return False
    return h.until_date is None or today <= h.until_date


def hold_covers(h: CctvHold, camera_id: int, day: dt.date, today: dt.date, retention_days: int) -> bool:
    """Whether hold ``h`` keeps camera ``camera_id``'s footage of ``day`` on ``today``: the hold is
    active, covers the camera and the day, and was set while that day's footage still existed."""
    if not hold_active_on(h, today) or all(c.id != camera_id for c in h.cameras):
        return False
    if not kst_day(h.window_start) <= day <= kst_day(h.window_end - dt.timedelta(microseconds=1)):
        return False
    return (kst_day(h.set_at) - day).days < retention_days


def footage_status(
    camera_id: int, day: dt.date, today: dt.date, retention_days: int, holds: Iterable[CctvHold]
) -> FootageStatus:
    """What became of camera ``camera_id``'s footage of ``day``, as of ``today``."""
    if day > today:
        return FootageStatus.FUTURE
    if any(hold_covers(h, camera_id, day, today, retention_days) for h in holds):
        return FootageStatus.HELD
    if within_retention(day, today, retention_days):
        return FootageStatus.EXISTS
    return FootageStatus.GONE


# -- data for the screens --------------------------------------------------------------------------
@dataclass(frozen=True)
class HoldInput:
    """A new evidence hold: cameras, the time window, the reason and its end (a date or a request)."""

    cameras: Sequence[str]
    window_start: dt.datetime
    window_end: dt.datetime
    reason_kind: str
    reason: str
    until_date: dt.date | None = None
    until_request_id: int | None = None


@dataclass(frozen=True)
class HoldInfo:
    id: int
    reason_kind: str
    reason: str
    cameras: tuple[str, ...]
    window_start: dt.datetime
    window_end: dt.datetime
    set_by: str
    set_at: dt.datetime
    until_date: dt.date | None
    until_request_id: int | None
    until_request_no: str | None
    ended_at: dt.datetime | None
    ended_by: str | None
    end_reason: str | None
    active: bool
    version: int
    set_by_label: str = ""  # 이름(ID) (:mod:`privdesk.accounts.people`)

    @property
    def reason_label(self) -> str:
        return HOLD_REASON_LABELS.get(self.reason_kind, self.reason_kind)

    @property
    def until_text(self) -> str:
        if self.until_request_no is not None:
            return f"청구 {self.until_request_no} 종결 시까지"
        return f"{self.until_date.isoformat()}까지" if self.until_date else ""


@dataclass(frozen=True)
class HeldDays:
    """Days of one camera kept by one hold (a run of consecutive days)."""

    hold_id: int
    first: dt.date
    last: dt.date
    reason_label: str
    until_text: str
    past_retention: bool  # True: would already be overwritten without the hold


@dataclass(frozen=True)
class RetentionLine:
    camera: CameraInfo
    overwritable_through: dt.date
    held: tuple[HeldDays, ...]


@dataclass(frozen=True)
class RetentionReport:
    """The daily retention check (보관기간 점검)."""

    date: dt.date
    retention_days: int
    overwritable_through: dt.date
    lines: tuple[RetentionLine, ...]
    holds: tuple[HoldInfo, ...]
    overwrites_recorded: tuple[
        dt.date, ...
    ] = ()  # recording days entered in the ledger as 파기 by this check


def hold_info(u: Unit, h: CctvHold, today: dt.date, who: People | None = None) -> HoldInfo:
    """One hold for a screen; ``who`` the page's people resolved in one batch (else one query)."""
    req_no = None
    if h.until_request_id is not None:
        req = u.session.get(CctvRequest, h.until_request_id)
        req_no = request_number(req.id, req.received_at) if req else str(h.until_request_id)
    return HoldInfo(
        id=h.id,
        reason_kind=h.reason_kind,
        reason=h.reason,
        cameras=tuple(c.number for c in h.cameras),
        window_start=h.window_start,
        window_end=h.window_end,
        set_by=h.set_by,
        set_at=h.set_at,
        until_date=h.until_date,
        until_request_id=h.until_request_id,
        until_request_no=req_no,
        ended_at=h.ended_at,
        ended_by=h.ended_by,
        end_reason=h.end_reason,
        active=hold_active_on(h, today),
        version=h.version,
        set_by_label=(who if who is not None else people(u.session, [h.set_by])).label(h.set_by),
    )


def active_holds(u: Unit, today: dt.date) -> list[CctvHold]:
    rows = u.session.execute(
        select(CctvHold).where(CctvHold.ended_at.is_(None)).order_by(CctvHold.id)
    ).scalars()
    return [h for h in rows if hold_active_on(h, today)]


def statuses(
    u: Unit, cameras: Sequence[CctvCamera], days: Sequence[dt.date], today: dt.date, retention_days: int
) -> dict[tuple[str, dt.date], FootageStatus]:
    """``(camera number, day) -> status`` for every camera and day given."""
    holds = active_holds(u, today)
    return {
        (c.number, d): footage_status(c.id, d, today, retention_days, holds) for c in cameras for d in days
    }


# -- helpers for requests ------------------------------------------------------------------------
def place_request_hold(u: Unit, req: CctvRequest, reason: str) -> CctvHold:
    """The automatic hold a new request places on its cameras and window until it is closed."""
    hold = CctvHold(
        reason_kind=HoldReason.REQUEST,
        reason=reason,
        window_start=req.window_start,
        window_end=req.window_end,
        set_by=u.actor_login,
        set_at=clock.now(),
        until_date=None,
        until_request_id=req.id,
    )
    hold.cameras = list(req.cameras)
    u.session.add(hold)
    u.session.flush()
    u.log(Action.CREATE, subject=hold.ref, detail=f"auto; request={req.id}")
    return hold


def release_request_holds(u: Unit, request_id: int, reason: str) -> list[int]:
    """End every open hold that lasts until request ``request_id`` is closed."""
    rows = (
        u.session.execute(
            select(CctvHold)
            .where(CctvHold.until_request_id == request_id, CctvHold.ended_at.is_(None))
            .with_for_update()
        )
        .scalars()
        .all()
    )
    now = clock.now()
    for h in rows:
        h.ended_at, h.ended_by, h.end_reason = now, u.actor_login, reason
        u.log(Action.UPDATE, subject=h.ref, detail=f"end; request={request_id} closed")
    u.session.flush()
    return [h.id for h in rows]


# -- the automatic 파기 entries -----------------------------------------------------------------------
AUTO_OVERWRITE_FORM = (
    "녹화기 자동 덮어쓰기 (복구 불가)"  # marks the automatic entries (이용·제공 형태 column)
)
AUTO_OVERWRITE_BASIS = (
    "개인정보 보호법 제21조, 같은 법 시행령 제16조 (보유기간 경과 시 파기) · "
    "영상정보처리기기 운영·관리 방침의 보관기간"
)
MAX_OVERWRITE_DAYS = 400  # days one check enters at most (a long gap)


DAILY_COUNTERPART = "-"  # the daily entries; a hold's release names the hold


def _released_counterpart(hold_id: int) -> str:
    return f"보존 연장 #{hold_id} 해제"


def _last_recorded_overwrite(u: Unit) -> dt.date | None:
    last = u.session.execute(
        select(func.max(CctvLedgerEntry.window_start)).where(
            CctvLedgerEntry.kind == "destroy",
            CctvLedgerEntry.provision_form == AUTO_OVERWRITE_FORM,
            CctvLedgerEntry.counterpart == DAILY_COUNTERPART,
        )
    ).scalar_one_or_none()
    return kst_day(last) if last is not None else None


def _released_at(h: CctvHold, today: dt.date) -> dt.datetime | None:
    """When the hold stopped keeping footage (ended early or by its request, or past its date)."""
    if h.ended_at is not None:
        return h.ended_at
    if h.until_date is not None and h.until_date < today:
        return kst_midnight(h.until_date + dt.timedelta(days=1))
    return None


def _record_releases(
    u: Unit, holds: Sequence[CctvHold], today: dt.date, retention: int, manager: str, checked: str
) -> int:
    """Enter as 파기 the footage a hold alone kept past retention, overwritten once the hold was
    released (each hold once; only releases since privdesk enters the overwrites)."""
    from privdesk.cctv.viewlog import LedgerKind, append_entry

    since = u.session.execute(
        select(func.min(CctvLedgerEntry.at)).where(
            CctvLedgerEntry.kind == "destroy", CctvLedgerEntry.provision_form == AUTO_OVERWRITE_FORM
        )
    ).scalar_one_or_none()
    if since is None:
        return 0
    entered = set(
        u.session.execute(
            select(CctvLedgerEntry.counterpart).where(
                CctvLedgerEntry.kind == "destroy",
                CctvLedgerEntry.provision_form == AUTO_OVERWRITE_FORM,
                CctvLedgerEntry.counterpart != DAILY_COUNTERPART,
            )
        ).scalars()
    )
    now, n = clock.now(), 0
    for h in holds:
        released = _released_at(h, today)
        if released is None or released > now or released < since or _released_counterpart(h.id) in entered:
            continue
        off = kst_day(released)
        set_day = kst_day(h.set_at)
        days = [
            d
            for d in window_days(h.window_start, h.window_end)
            if (set_day - d).days < retention and (off - d).days >= retention
        ]
        if not days:
            continue
        cams = ", ".join(c.number for c in h.cameras)
        append_entry(
            u,
            kind=LedgerKind.DESTROY,
            at=released,
            file_form=f"녹화 영상 {fmt_days([days[0], days[-1]] if len(days) > 1 else days)} 촬영분 "
            f"(보존 연장 카메라 {cams})",
            purpose=f"보존 연장 #{h.id} 해제 후 보관기간(촬영일로부터 {retention}일) 경과 영상의 자동 삭제",
            staff_login=SYSTEM_ACTOR,
            staff_name=manager,
            counterpart=_released_counterpart(h.id),
            basis=AUTO_OVERWRITE_BASIS,
            provision_form=AUTO_OVERWRITE_FORM,
            period=(
                f"파기 주기: 보존 연장 해제 후 자동 덮어쓰기 · 확인시기: {checked} 보관기간 점검 · "
                f"파기 일자: {off.isoformat()}"
            ),
            window_start=kst_midnight(days[0]),
            window_end=kst_midnight(days[-1] + dt.timedelta(days=1)),
        )
        n += 1
    return n


def record_overwrites(u: Unit, profile: HospitalProfile, today: dt.date) -> list[dt.date]:
    """Enter in the CCTV ledger, as 파기, each recording day whose footage the recorder has
    overwritten by ``today`` and that is not yet entered (see the module doc). Inside the caller's
    unit; returns the recording days entered."""
    from privdesk.cctv.viewlog import LedgerKind, append_entry

    today = min(today, clock.today_kst())
    retention = profile.cctv.retention_days
    through = overwritable_through(today, retention)
    # one writer at a time (PostgreSQL; SQLite's write transaction is already exclusive)
    u.session.execute(select(Meta.key).where(Meta.key == META_PROFILE).with_for_update()).all()
    last = _last_recorded_overwrite(u)
    first = through if last is None else last + dt.timedelta(days=1)
    first = max(first, through - dt.timedelta(days=MAX_OVERWRITE_DAYS - 1))
    cams = list(
        u.session.execute(
            select(CctvCamera).where(CctvCamera.status != "removed").order_by(CctvCamera.number)
        ).scalars()
    )
    if not cams:
        return []
    holds = list(u.session.execute(select(CctvHold).order_by(CctvHold.id)).scalars())
    m = profile.cctv.manager
    manager = " ".join(x for x in (m.department, m.title, m.name) if x) or "영상정보 관리책임자"
    checked = clock.fmt_datetime(clock.now())
    done: list[dt.date] = []
    day = first
    while day <= through:
        off = day + dt.timedelta(days=retention)  # the day the recorder overwrote it (unless held then)
        kept = [c.number for c in cams if any(hold_covers(h, c.id, day, off, retention) for h in holds)]
        gone = len(cams) - len(kept)
        period = (
            f"파기 주기: 매일 자동 (촬영일로부터 {retention}일 경과분 덮어쓰기) · 확인시기: {checked} 보관기간 점검"
            f" · 파기 일자: {(day + dt.timedelta(days=retention)).isoformat()}"
        )
        if kept:
            period += f" · 보존 연장으로 제외: {', '.join(kept)}"
        append_entry(
            u,
            kind=LedgerKind.DESTROY,
            at=kst_midnight(day + dt.timedelta(days=retention)),
            file_form=f"녹화 영상 {day.isoformat()} 촬영분 (카메라 {gone}대)",
            purpose=(f"보관기간(촬영일로부터 {retention}일) 경과 영상의 자동 삭제"),
            staff_login=SYSTEM_ACTOR,
            staff_name=manager,
            counterpart=DAILY_COUNTERPART,
            basis=AUTO_OVERWRITE_BASIS,
            provision_form=AUTO_OVERWRITE_FORM,
            period=period,
            window_start=kst_midnight(day),
            window_end=kst_midnight(day + dt.timedelta(days=1)),
        )
        done.append(day)
        day += dt.timedelta(days=1)
    released = _record_releases(u, holds, today, retention, manager, checked)
    if done or released:
        span = f" ({done[0].isoformat()}~{done[-1].isoformat()} 촬영분)" if done else ""
        u.log(
            Action.CREATE,
            subject="cctv_ledger:*",
            detail=f"자동 파기 기록 {len(done)}건{span}; 보존 연장 해제분 {released}건",
        )
    return done


def record_overwrites_now(ctx: AppContext, actor: Actor | None) -> list[dt.date]:
    """:func:`record_overwrites` as of today in a unit of its own (before the ledger is printed);
    ``None`` acts as the system."""
    profile = ctx.profile
    with cctv_unit(ctx, actor, Permission.CCTV_READ) as u:
        return record_overwrites(u, profile, clock.today_kst())


# -- use cases ---------------------------------------------------------------------------------
def set_hold(ctx: AppContext, actor: Actor, data: HoldInput) -> HoldInfo:
    """Place an evidence hold (보존 연장) on footage that still exists."""
    start, end = check_window(data.window_start, data.window_end)
    if data.reason_kind not in HOLD_REASON_LABELS:
        raise ValidationError(
            "reason_kind", "보존 사유 구분(청구 처리·수사기관 요청·사고 조사)을 고르십시오."
        )
    reason = reason_text("reason", data.reason, "보존 사유", limit=1000)
    if (data.until_date is None) == (data.until_request_id is None):
        raise ValidationError("until", "보존 종료를 날짜 또는 '청구 종결 시까지' 중 하나로 지정하십시오.")
    today = clock.today_kst()
    if data.until_date is not None and data.until_date < today:
        raise ValidationError("until", "보존 종료일이 이미 지났습니다. 오늘 이후 날짜를 지정하십시오.")
    retention = ctx.profile.cctv.retention_days
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        cams = resolve_cameras(u.session, data.cameras)
        if data.until_request_id is not None:
            req = u.session.get(CctvRequest, data.until_request_id)
            if req is None:
                raise NotFoundError("열람등 청구", str(data.until_request_id))
            if req.state not in OPEN_REQUEST_STATES:
                raise RuleViolationError(
                    "이미 종결된 청구에는 보존을 걸 수 없습니다. 날짜로 보존 종료를 지정하십시오."
                )
        found = statuses(u, cams, window_days(start, end), today, retention)
        if all(s == FootageStatus.GONE for s in found.values()):
            raise RuleViolationError(
                f"이 기간의 영상은 보관기간({retention}일)이 지나 이미 없으므로 보존할 수 없습니다."
            )
        hold = CctvHold(
            reason_kind=data.reason_kind,
            reason=reason,
            window_start=start,
            window_end=end,
            set_by=u.actor_login,
            set_at=clock.now(),
            until_date=data.until_date,
            until_request_id=data.until_request_id,
        )
        hold.cameras = cams
        u.session.add(hold)
        u.session.flush()
        u.log(Action.CREATE, subject=hold.ref, detail=f"kind={data.reason_kind}; cameras={len(cams)}")
        return hold_info(u, hold, today)


def end_hold(
    ctx: AppContext, actor: Actor, hold_id: int, reason: str, *, expected_version: int | None = None
) -> HoldInfo:
    """End a hold before its time; the reason is required and logged."""
    reason = reason_text("reason", reason, "보존 해제 사유", limit=1000)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        hold = u.session.get(CctvHold, hold_id, with_for_update=True)
        if hold is None:
            raise NotFoundError("보존 연장", str(hold_id))
        check_version(hold, expected_version, hold.ref)
        if hold.ended_at is not None:
            raise RuleViolationError("이미 해제된 보존입니다.")
        hold.ended_at, hold.ended_by, hold.end_reason = clock.now(), u.actor_login, reason
        u.session.flush()
        u.log(Action.UPDATE, subject=hold.ref, detail=f"end; reason={reason}")
        return hold_info(u, hold, clock.today_kst())


def list_holds(ctx: AppContext, actor: Actor, *, active_only: bool = True) -> list[HoldInfo]:
    """Evidence holds, newest first (only those in force unless ``active_only`` is False)."""
    today = clock.today_kst()
    with cctv_unit(ctx, actor, Permission.CCTV_READ, read_only=True) as u:
        rows = u.session.execute(select(CctvHold).order_by(CctvHold.id.desc())).scalars().all()
        who = people(u.session, [h.set_by for h in rows])
        infos = [hold_info(u, h, today, who) for h in rows]
        return [h for h in infos if h.active] if active_only else infos


def footage_on(
    ctx: AppContext, actor: Actor, camera_number: str, day: dt.date, today: dt.date | None = None
) -> FootageStatus:
    """Whether camera ``camera_number``'s footage of ``day`` exists, is held or is past retention."""
    today = today or clock.today_kst()
    with cctv_unit(ctx, actor, Permission.CCTV_READ, read_only=True) as u:
        cam = resolve_cameras(u.session, [camera_number], field="camera")[0]
        return statuses(u, [cam], [day], today, ctx.profile.cctv.retention_days)[(cam.number, day)]


def retention_check(ctx: AppContext, actor: Actor | None, day: dt.date | None = None) -> RetentionReport:
    """The daily retention check for ``day`` (default today, KST); ``actor=None`` acts as the system."""
    today = day or clock.today_kst()
    profile = ctx.profile
    retention = profile.cctv.retention_days
    through = overwritable_through(today, retention)
    with cctv_unit(ctx, actor, Permission.CCTV_READ) as u:
        recorded = record_overwrites(u, profile, today)
        cams = list(u.session.execute(select(CctvCamera).order_by(CctvCamera.number)).scalars())
        holds = active_holds(u, today)
        who = people(u.session, [h.set_by for h in holds])
        infos = {h.id: hold_info(u, h, today, who) for h in holds}
        lines = []
        for cam in cams:
            held: list[HeldDays] = []
            for h in holds:
                days = [
                    d
                    for d in window_days(h.window_start, h.window_end)
                    if d <= today and hold_covers(h, cam.id, d, today, retention)
                ]
                for past in (True, False):
                    part = [d for d in days if (d <= through) == past]
                    for run in runs(part):
                        held.append(
                            HeldDays(
                                h.id, run[0], run[-1], infos[h.id].reason_label, infos[h.id].until_text, past
                            )
                        )
            held.sort(key=lambda x: (x.first, x.hold_id))
            lines.append(RetentionLine(camera_info(cam), through, tuple(held)))
        u.log(
            Action.VIEW,
            subject="cctv_hold:*",
            detail=f"retention-check {today.isoformat()}; holds={len(holds)}",
        )
        return RetentionReport(
            today, retention, through, tuple(lines), tuple(infos.values()), tuple(recorded)
        )
