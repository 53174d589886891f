"""The reasons an account gave lately (최근 사유), offered again when it is asked for the next one.

Only the account's own export, print and unmasking entries are read (the ``(actor, seq)`` index,
newest first), nothing is logged: a reason holds no personal data
(:func:`privdesk.audit.reasons.require` refuses one that does), and reading one's own words back is
not a look at anybody's data.
"""

from __future__ import annotations

from sqlalchemy import select

from privdesk.audit.chain import Action, Outcome
from privdesk.audit.reasons import reason_of
from privdesk.context import Actor, AppContext
from privdesk.store.models import AccessLogEntry

ACTIONS = (Action.EXPORT, Action.PRINT, Action.UNMASK)
_BATCH = 200
_MAX_BATCHES = 10  # at most 2,000 of the account's own entries read: a patient export logs one per patient


def recent_reasons(ctx: AppContext, actor: Actor, limit: int = 8) -> list[str]:
    """The distinct reasons of ``actor``'s latest exports, prints and unmaskings, newest first
    (at most ``limit``). Reads only the actor's own entries; writes no log entry."""
    if limit <= 0:
        return []
    found: list[str] = []
    seen: set[str] = set()
    E = AccessLogEntry
    before: int | None = None
    with ctx.unit(actor) as u:
        for _ in range(_MAX_BATCHES):
            q = (
                select(E.seq, E.detail)
                .where(
                    E.actor == actor.login, E.action.in_([str(a) for a in ACTIONS]), E.outcome == Outcome.OK
                )
                .order_by(E.seq.desc())
                .limit(_BATCH)
            )
            if before is not None:
                q = q.where(E.seq < before)
            rows = u.session.execute(q).all()
            for seq, detail in rows:
                before = seq
                text = reason_of(detail)
                if text and text not in seen:
                    seen.add(text)
                    found.append(text)
                    if len(found) >= limit:
                        return found
            if len(rows) < _BATCH:
                break
    return found
