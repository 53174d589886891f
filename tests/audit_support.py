"""Helpers shared by the access-log tests (this module holds no tests).

Accounts are created with ``create_account_row`` in a session and the :class:`Actor` is built
here, so these tests do not depend on the account use cases. Tampering goes around privdesk and
around the database's own guards, the way an intruder with database access would: SQLite drops
the append-only triggers, PostgreSQL disables them (the test server user is a superuser).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, insert, select, text

from privdesk.accounts.users import create_account_row
from privdesk.audit.chain import GENESIS, Action, PendingEntry, append, canonical, entry_hash
from privdesk.context import Actor, AppContext, permissions_of
from privdesk.store.models import AccessLogEntry, Account, AuditHead
from tests.helpers import OFFICER_LOGIN, owner_engine

TEST_PASSWORD = "Audit-test-pass1"


def actor_for(ctx: AppContext, login: str, roles: list[str] | None = None) -> Actor:
    """The Actor of an existing account (``roles is None``) or of a new one with ``roles``."""
    with ctx.session() as s, s.begin():
        if roles is None:
            account = s.execute(select(Account).where(Account.login == login)).scalar_one()
        else:
            account = create_account_row(
                s,
                login=login,
                name=f"{login} 님",
                password=TEST_PASSWORD,
                roles=roles,
                params=ctx.hash_params,
                actor_login=OFFICER_LOGIN,
                must_change=False,
            )
        return Actor(
            account_id=account.id,
            login=account.login,
            name=account.name,
            role_codes=tuple(account.role_codes),
            permissions=permissions_of(s, account),
        )


def officer(ctx: AppContext) -> Actor:
    return actor_for(ctx, OFFICER_LOGIN)


def add_entries(
    ctx: AppContext,
    n: int,
    *,
    actor: str = "tester",
    action: str = Action.VIEW,
    at: dt.datetime | None = None,
    subject_prefix: str = "patient:",
) -> int:
    """Append ``n`` entries, one transaction each (as use cases do); returns the last seq."""
    last = -1
    for i in range(n):
        with ctx.session() as s, s.begin():
            last = append(
                s,
                ctx.keys,
                ctx.workstation,
                [PendingEntry(actor, action, f"{subject_prefix}{i}", None, "ok", f"n={i}")],
                at=at,
            )
    return last


def head_seq(ctx: AppContext) -> int:
    with ctx.session() as s:
        return int(s.execute(select(AuditHead.seq)).scalar_one())


def row_count(ctx: AppContext) -> int:
    with ctx.session() as s:
        return int(s.execute(select(func.count()).select_from(AccessLogEntry)).scalar_one())


def entry(ctx: AppContext, seq: int) -> dict[str, Any]:
    with ctx.session() as s:
        row = s.execute(select(AccessLogEntry).where(AccessLogEntry.seq == seq)).scalar_one()
        return {
            c: getattr(row, c)
            for c in (
                "seq",
                "at",
                "actor",
                "workstation",
                "ip",
                "action",
                "subject",
                "search_kind",
                "outcome",
                "detail",
                "prev_hash",
                "hash",
            )
        }


def last_entry(ctx: AppContext) -> dict[str, Any]:
    return entry(ctx, head_seq(ctx))


def forged(
    seq: int, prev: bytes, *, detail: str = "위조된 기록", at: str = "2026-01-05T01:00:00.000000Z"
) -> dict[str, Any]:
    """A row an intruder computes correctly (SHA-256 needs no key): it links to ``prev``."""
    fields: dict[str, Any] = {
        "seq": seq,
        "at": at,
        "actor": "intruder",
        "workstation": "PC-X",
        "ip": "10.0.0.66",
        "action": "view",
        "subject": "patient:999",
        "search_kind": None,
        "outcome": "ok",
        "detail": detail,
    }
    h = entry_hash(
        prev,
        canonical(
            fields["seq"],
            fields["at"],
            fields["actor"],
            fields["workstation"],
            fields["ip"],
            fields["action"],
            fields["subject"],
            fields["search_kind"],
            fields["outcome"],
            fields["detail"],
        ),
    )
    return {**fields, "prev_hash": prev, "hash": h}


def tamper(ctx: AppContext, *statements: str, rows: list[dict[str, Any]] | None = None) -> None:
    """Run ``statements`` (then insert ``rows``) on access_log with its guards off."""
    sqlite = ctx.engine.dialect.name == "sqlite"
    with owner_engine(ctx) as engine, engine.begin() as conn:
        if sqlite:
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS access_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS access_log_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE access_log DISABLE TRIGGER ALL")
        for stmt in statements:
            conn.execute(text(stmt))
        if rows:
            conn.execute(insert(AccessLogEntry), rows)
        if not sqlite:
            conn.exec_driver_sql("ALTER TABLE access_log ENABLE TRIGGER ALL")


def shift(ctx_sql_from: int, by: int) -> tuple[str, str]:
    """Two statements that renumber seq >= ``ctx_sql_from`` by ``by`` without unique clashes."""
    return (
        f"UPDATE access_log SET seq = -seq WHERE seq >= {ctx_sql_from}",
        f"UPDATE access_log SET seq = -seq + ({by}) WHERE seq < 0",
    )


__all__ = [
    "GENESIS",
    "TEST_PASSWORD",
    "actor_for",
    "add_entries",
    "entry",
    "forged",
    "head_seq",
    "last_entry",
    "officer",
    "row_count",
    "shift",
    "tamper",
]
