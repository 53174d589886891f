"""Rotation of backups (백업 보관 주기) and how long copies of a destroyed record may live on.

The rule is the usual one of backup tools (borg's ``prune``): of the backups in the backup folder,
keep the newest backup of each of the last ``keep_daily`` days that have one and the newest backup
of each of the last ``keep_monthly`` months that have one (Korean calendar days and months); remove
the rest after each backup. The newest backup is always kept.

:func:`copies_until` answers "is it gone everywhere?" for a record destroyed at a moment: the
backups made before that moment still hold it; assuming backups go on as scheduled (one a day, or
a week), the rule above removes them one after the other, and the day the last of them goes is the
date printed on the 파기 확인서 and the 파기 관리대장 ("백업 사본이 남아 있을 수 있는 기한"). The
backup that stays longest is the newest monthly one made before the destruction — about eleven to
twelve months later. Backups written elsewhere with ``--out`` are not rotated: they are counted
apart, "until someone removes them".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from privdesk import clock
from privdesk.settings import BackupSettings

HORIZON_DAYS = 2 * 366 + 62
BACKUP_HOUR = 9  # predicted backups: at the first login of the day, about 09:00 KST


@dataclass(frozen=True)
class Policy:
    keep_daily: int = 7
    keep_monthly: int = 12

    @classmethod
    def of(cls, settings: BackupSettings) -> Policy:
        return cls(max(1, settings.keep_daily), max(0, settings.keep_monthly))


def kept(times: Sequence[dt.datetime], policy: Policy) -> set[int]:
    """The indexes of ``times`` (when each backup was made) that the rotation keeps."""
    order = sorted(range(len(times)), key=lambda i: times[i], reverse=True)
    keep: set[int] = set(order[:1])
    for count, key in ((policy.keep_daily, _day), (policy.keep_monthly, _month)):
        seen: set[object] = set()
        for i in order:
            if len(seen) >= count:
                break
            period = key(times[i])
            if period not in seen:
                seen.add(period)
                keep.add(i)
    return keep


def _day(t: dt.datetime) -> object:
    return clock.to_kst(t).date()


def _month(t: dt.datetime) -> object:
    d = clock.to_kst(t).date()
    return (d.year, d.month)


@dataclass(frozen=True)
class CopiesUntil:
    """Until when copies of a destroyed record may exist in backups (None: no rotated backup holds
    it). ``forever``: automatic backups are off, so nothing rotates them away; ``manual``: backups
    written elsewhere (``--out``) that hold it and stay until someone removes them."""

    until: dt.date | None
    forever: bool = False
    manual: int = 0

    @property
    def text(self) -> str:
        if self.forever:
            head = "자동 백업 순환이 꺼져 있어 백업을 지울 때까지"
        elif self.until is None:
            head = "해당 없음 (파기 전에 만든 백업 없음)"
        else:
            head = self.until.isoformat()
        if self.manual:
            head += f" (따로 보관한 백업 {self.manual}개는 지울 때까지)"
        return head


def copies_until(
    destroyed_at: dt.datetime,
    rotated: Sequence[dt.datetime],
    manual: Sequence[dt.datetime],
    settings: BackupSettings,
    today: dt.date | None = None,
) -> CopiesUntil:
    """When the last backup holding a record destroyed at ``destroyed_at`` is rotated away.

    ``rotated``: the backups still in the backup folder (made and not yet removed); ``manual``: the
    ones written elsewhere. Future backups are predicted from the schedule (daily or weekly)."""
    today = today or clock.today_kst()
    holding_manual = sum(1 for t in manual if t < destroyed_at)
    times = sorted(rotated)
    holding = {t for t in times if t < destroyed_at}
    if not holding:
        return CopiesUntil(None, manual=holding_manual)
    if settings.schedule == "off":
        return CopiesUntil(None, forever=True, manual=holding_manual)
    policy = Policy.of(settings)
    step = 7 if settings.schedule == "weekly" else 1
    last = max(clock.to_kst(t).date() for t in times)
    day = max(today, last)
    for _ in range(HORIZON_DAYS // step):
        day += dt.timedelta(days=step)
        made = dt.datetime.combine(day, dt.time(BACKUP_HOUR), clock.KST).astimezone(dt.UTC)
        times.append(made)
        keep = kept(times, policy)
        times = [t for i, t in enumerate(times) if i in keep]
        if not holding.intersection(times):
            return CopiesUntil(day, manual=holding_manual)
    return CopiesUntil(None, forever=True, manual=holding_manual)


def allowed_age(settings: BackupSettings) -> dt.timedelta | None:
    """How old the last good backup may be before the start page shows it in red (None: off)."""
    if settings.schedule == "off":
        return None
    return dt.timedelta(days=7 if settings.schedule == "weekly" else 1)
