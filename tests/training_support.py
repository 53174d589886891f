"""Shared set-up for the training and usage-notice tests."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from sqlalchemy import update

from privdesk.context import AppContext
from privdesk.profile import profile_from_dict
from privdesk.store.models import Account


def with_sections(ctx: AppContext, **sections: dict[str, Any]) -> None:
    """The profile with ``[training]`` / ``[notice]`` … replaced (as an edited profile would be)."""
    raw = copy.deepcopy(ctx.profile.raw)
    raw.update(sections)
    ctx._profile = profile_from_dict(raw, "test")


def created_on(ctx: AppContext, login: str, day: dt.date) -> None:
    """Back-date an account's creation (an account that has existed for years)."""
    at = dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)
    with ctx.session() as s, s.begin():
        s.execute(update(Account).where(Account.login == login).values(created_at=at))
