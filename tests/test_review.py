"""The monthly access-log review (접속기록 점검): findings on generated months, results, 소명, sign-off."""

from __future__ import annotations

from privdesk import review
from privdesk.context import AppContext
from privdesk.review import Month
from tests.test_audit_support import officer


def test_smoke_run_current_month(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    who = officer(ctx)
    from privdesk import clock
    r = review.run(ctx, who, Month.of(clock.today_kst()))
    assert r.entries > 0
    again = review.load(ctx, who, Month.parse(r.month))
    assert again.entries == r.entries
    assert review.pending(ctx, who).unsigned_month is not None
