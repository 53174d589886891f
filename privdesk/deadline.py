"""The destruction deadline (파기 기한): a record whose retention has ended must be destroyed
without delay (지체 없이, 법 제21조①) — the hospital's profile turns that into ``destruction_days``.

A record is retained through its ``retention_until`` day; from the next day it is due (파기 대상).
It is overdue (파기 기한 경과) when its retention ended more than ``destruction_days`` days ago,
that is when ``retention_until < today - destruction_days``; the days overdue count from there.
Pure date arithmetic (no database), shared by the lifecycle screens, the start page, the
destruction plan and the patient detail.
"""

from __future__ import annotations

import datetime as dt


def overdue_cutoff(today: dt.date, deadline_days: int) -> dt.date:
    """Records with ``retention_until`` before this day are overdue."""
    return today - dt.timedelta(days=max(0, deadline_days))


def overdue_days(retention_until: dt.date, today: dt.date, deadline_days: int) -> int:
    """How many days past the destruction deadline (0 when not overdue)."""
    return max(0, (overdue_cutoff(today, deadline_days) - retention_until).days)
