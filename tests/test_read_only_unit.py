"""A read-only unit (``ctx.unit(..., read_only=True)``): the database refuses a write in it, an
access-log entry raises, on SQLite it neither waits for nor blocks a writer, and the pooled
connection it used is an ordinary writing one again afterwards."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from privdesk.audit.actions import Action
from privdesk.context import AppContext, ReadOnlyUnitError
from privdesk.store.models import Account
from tests.audit_support import officer, row_count


def test_a_write_in_a_read_only_unit_is_refused_by_the_database(ctx: AppContext) -> None:
    actor = officer(ctx)
    with pytest.raises(DBAPIError), ctx.unit(actor, read_only=True) as u:
        u.session.execute(text("UPDATE accounts SET name = name || '!'"))
    with ctx.unit(actor, read_only=True) as u:  # reads work
        assert u.session.scalar(select(func.count()).select_from(Account)) == 1
    with ctx.session() as s:
        assert s.scalars(select(Account.name)).all() == ["육의곤"]


def test_an_access_log_entry_in_a_read_only_unit_raises_and_nothing_is_appended(ctx: AppContext) -> None:
    actor = officer(ctx)
    before = row_count(ctx)
    with pytest.raises(ReadOnlyUnitError, match="읽기 전용"), ctx.unit(actor, read_only=True) as u:
        u.log(Action.VIEW, "patient:1")
    assert row_count(ctx) == before


def test_the_connection_writes_again_after_a_read_only_unit(ctx: AppContext) -> None:
    actor = officer(ctx)
    for _ in range(3):  # the pool hands the same connection back: query_only must be off again
        with ctx.unit(actor, read_only=True) as u:
            u.session.scalar(select(func.count()).select_from(Account))
        with ctx.unit(actor) as u:
            u.session.execute(text("UPDATE accounts SET name = name"))
            u.log(Action.VIEW, "account:1")
    assert row_count(ctx) >= 3


def test_sqlite_a_read_only_unit_does_not_hold_the_write_lock(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    actor = officer(ctx)
    inside, wrote = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            inside.wait(10)
            with ctx.unit(actor) as u:  # BEGIN IMMEDIATE while the reader's transaction is open
                u.log(Action.VIEW, "account:1")
            wrote.set()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    t = threading.Thread(target=writer)
    t.start()
    with ctx.unit(actor, read_only=True) as u:
        u.session.scalar(select(func.count()).select_from(Account))  # the read transaction is open
        inside.set()
        assert wrote.wait(10), "the writer waited for a read-only unit"
    t.join(10)
    assert errors == []
