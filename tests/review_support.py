"""Generated months for the access-log review's tests: normal work on every working day, and the
planted anomalies. Entries go through the chain's own append (with a past time), so the chain stays
valid."""

from __future__ import annotations

import datetime as dt

from privdesk import clock
from privdesk.audit.chain import Action, Outcome, PendingEntry, Workstation, append
from privdesk.audit.reasons import with_reason
from privdesk.context import Actor, AppContext
from privdesk.review import Month

# normal views per working day: kim and lee 20 patients each, park 5 (a small account)
NORMAL = {"kim": 20, "lee": 20, "park": 5}


def months() -> tuple[Month, Month]:
    """(the month with the planted anomalies, the normal month after it): both over."""
    normal = Month.of(clock.today_kst()).previous()
    return normal.previous(), normal


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), clock.KST)


def put(
    ctx: AppContext, when: dt.datetime, entries: list[PendingEntry], station: Workstation | None = None
) -> int:
    with ctx.session() as s, s.begin():
        return append(s, ctx.keys, station or ctx.workstation, entries, at=when)


def views(actor: str, patients: range | list[int]) -> list[PendingEntry]:
    return [PendingEntry(actor, Action.VIEW, f"patient:{p}") for p in patients]


def working_days(month: Month) -> list[dt.date]:
    day, out = month.first_day(), []
    while day <= month.last_day():
        if day.weekday() < 6:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def normal_month(ctx: AppContext, month: Month, per_day: dict[str, int] | None = None) -> None:
    """Every working day at 10:00 KST: each account looks up its patients (fewer than 30 a day)."""
    per_day = per_day or NORMAL
    for day in working_days(month):
        entries: list[PendingEntry] = []
        for actor, n in per_day.items():
            entries += views(actor, range(1, n + 1))
        put(ctx, at(day, 10), entries)


def anomalous_month(ctx: AppContext, month: Month) -> dict[str, dt.date]:
    """Normal work plus: park at 20× its usual volume (100 views a day of 10 patients), a night-time
    burst by lee, an export by kim whose reason nobody confirmed, 6 failed logins of kim within 5
    minutes, 35 patients looked up by kim on one day without a visit. Returns the planted days."""
    days = working_days(month)
    for day in days:
        put(
            ctx,
            at(day, 10),
            views("kim", range(1, 21))
            + views("lee", range(1, 21))
            + [e for _ in range(10) for e in views("park", range(1, 11))],
        )
    night, export, failed, trawl = days[8], days[10], days[12], days[14]
    put(ctx, at(night, 2, 30), views("lee", range(500, 540)))
    put(
        ctx,
        at(export, 11),
        [
            PendingEntry(
                "kim", Action.EXPORT, "patients:*", None, Outcome.OK, with_reason("rows=10", "업무 참고")
            )
        ],
    )
    for i in range(6):
        put(
            ctx,
            at(failed, 9, i),
            [PendingEntry("kim", Action.LOGIN_FAILED, None, None, Outcome.FAILED, "gui")],
        )
    put(ctx, at(trawl, 14), views("kim", range(1000, 1035)))
    return {"night": night, "export": export, "failed": failed, "trawl": trawl}


def history(ctx: AppContext, month: Month, n: int = 3) -> None:
    """``n`` normal months before ``month``."""
    m = month
    for _ in range(n):
        m = m.previous()
        normal_month(ctx, m)


def asked_lee(ctx: AppContext) -> tuple[dict[str, Actor], Actor]:
    """Three intake staff with three normal months and the planted one; the officer has run the
    review and asked lee for a 소명 about the night-time burst. Returns (staff by login, officer)."""
    from privdesk import review
    from privdesk.review import FindingKind
    from tests.audit_support import actor_for, officer

    month, _normal = months()
    people = {login: actor_for(ctx, login, ["intake"]) for login in ("kim", "lee", "park")}
    history(ctx, month)
    anomalous_month(ctx, month)
    boss = officer(ctx)
    night = next(
        f
        for f in review.run(ctx, boss, month).findings
        if f.kind == FindingKind.OFF_HOURS and f.account == "lee"
    )
    review.ask_justification(ctx, boss, night.id, "새벽 조회의 경위를 적어 주십시오.")
    return people, boss
