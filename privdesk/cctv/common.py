"""Small helpers shared by the CCTV use cases: text checks, time windows in KST days, labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from privdesk import clock
from privdesk.clock import aware as aware  # shared helpers, importable from here as before
from privdesk.clock import kst_day as kst_day
from privdesk.errors import ValidationError
from privdesk.fields import text as text
from privdesk.workflow import reception_number

MAX_WINDOW_DAYS = 31
REQUEST_PREFIX = "CR"  # 열람등 청구 numbers: CR-2026-0007


def kst_midnight(day: dt.date) -> dt.datetime:
    """00:00 KST of ``day`` as an aware UTC datetime."""
    return dt.datetime.combine(day, dt.time(), tzinfo=clock.KST).astimezone(dt.UTC)


def window_days(start: dt.datetime, end: dt.datetime) -> list[dt.date]:
    """The KST days a footage window touches (an end at exactly midnight does not touch that day)."""
    first = kst_day(start)
    last = kst_day(end - dt.timedelta(microseconds=1)) if end > start else first
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def check_window(
    start: dt.datetime, end: dt.datetime, *, now: dt.datetime | None = None, field: str = "window"
) -> tuple[dt.datetime, dt.datetime]:
    """A recorded time window: start before end, not in the future, at most 31 days long."""
    start, end = aware(start, field), aware(end, field)
    if end <= start:
        raise ValidationError(field, "영상 기간의 끝이 시작보다 늦어야 합니다. 시작·끝 시각을 확인하십시오.")
    if end > (now or clock.now()) + dt.timedelta(minutes=1):
        raise ValidationError(
            field, "아직 촬영되지 않은 시각은 지정할 수 없습니다. 영상 기간의 끝을 지금 이전으로 하십시오."
        )
    if len(window_days(start, end)) > MAX_WINDOW_DAYS:
        raise ValidationError(field, f"영상 기간은 {MAX_WINDOW_DAYS}일 이내로 지정하십시오.")
    return start, end


def fmt_window(start: dt.datetime | None, end: dt.datetime | None) -> str:
    """``2026-11-20 14:00 ~ 15:30`` (the end's date is repeated only when it differs)."""
    if start is None or end is None:
        return ""
    a, b = clock.to_kst(start), clock.to_kst(end)
    tail = f"{b:%H:%M}" if a.date() == b.date() else f"{b:%Y-%m-%d %H:%M}"
    return f"{a:%Y-%m-%d %H:%M} ~ {tail}"


def fmt_days(days: Sequence[dt.date]) -> str:
    """``2026-10-20`` or ``2026-10-20 ~ 2026-10-22`` for a run of consecutive days."""
    if not days:
        return ""
    return days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()} ~ {days[-1].isoformat()}"


def runs(days: Sequence[dt.date]) -> list[list[dt.date]]:
    """Sorted days split into runs of consecutive days."""
    out: list[list[dt.date]] = []
    for d in sorted(set(days)):
        if out and (d - out[-1][-1]).days == 1:
            out[-1].append(d)
        else:
            out.append([d])
    return out


def camera_list(numbers: Sequence[str]) -> str:
    return ", ".join(numbers)


def request_number(request_id: int, received_at: dt.datetime) -> str:
    """A viewing request's reception number (접수번호): ``CR-2026-0007`` (the workflow's numbering;
    here for the modules below :mod:`privdesk.cctv.requests`, e.g. the holds)."""
    return reception_number(REQUEST_PREFIX, request_id, received_at)
