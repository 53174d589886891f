"""Time (시각): stored in UTC, shown in Korea Standard Time (Asia/Seoul has no daylight saving)."""

from __future__ import annotations

import datetime as dt

KST = dt.timezone(dt.timedelta(hours=9), "KST")


def now() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def today_kst() -> dt.date:
    return now().astimezone(KST).date()


def to_kst(value: dt.datetime) -> dt.datetime:
    return value.astimezone(KST)


def fmt_datetime(value: dt.datetime | None) -> str:
    """``YYYY-MM-DD HH:MM`` in KST, 24 h."""
    return "" if value is None else to_kst(value).strftime("%Y-%m-%d %H:%M")


def fmt_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = to_kst(value).date()
    return value.isoformat()


def paper_date(value: dt.date | dt.datetime | None) -> str:
    """A date on paper, in the Korean official style (공문서 날짜 표기): ``2026. 12. 5.`` — the day
    in KST. Every printed record uses this (screens keep ``YYYY-MM-DD``)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = to_kst(value).date()
    return f"{value.year}. {value.month}. {value.day}."


def paper_datetime(value: dt.datetime | None, *, seconds: bool = False) -> str:
    """A time on paper: ``2026. 12. 5. 14:30`` (KST, 24 h; ``14:30:15`` with ``seconds``)."""
    if value is None:
        return ""
    at = to_kst(value)
    return f"{paper_date(at)} {at:%H:%M:%S}" if seconds else f"{paper_date(at)} {at:%H:%M}"


def iso_utc(value: dt.datetime) -> str:
    """Canonical text form used in the access log: ``2026-11-25T08:00:00.123456Z``."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD``; raises ValueError."""
    return dt.date.fromisoformat(text.strip())


def aware(value: dt.datetime, field: str = "") -> dt.datetime:
    """An aware UTC datetime; a naive one is taken as Korea Standard Time (what the user typed)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=KST)
    return value.astimezone(dt.UTC)


def kst_day(value: dt.datetime) -> dt.date:
    """The Korean calendar day of an instant."""
    return to_kst(value).date()
