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
