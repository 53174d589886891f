"""Record numbers from the database (일련번호): one counter row per (kind, year) in ``record_counters``.

:func:`next_number` increments the row in the caller's transaction and returns the new value, so two
workstations never get the same number: SQLite's ``BEGIN IMMEDIATE`` (every transaction takes the
write lock first) serialises them, and on PostgreSQL the ``UPDATE`` takes the row lock and a second
writer waits, then re-reads the committed value (READ COMMITTED). The first number of a year
creates the row with ``INSERT … ON CONFLICT DO NOTHING``, so two first numbers cannot collide either.
A number taken in a transaction that rolls back is given again; one taken for a printing that is
then cancelled is not (a gap, never a repeat).
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, update
from sqlalchemy.orm import Session

from privdesk.store.models import RecordCounter


def next_number(session: Session, kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year`` (1, 2, 3 …), taken in ``session``'s transaction."""
    table = cast(Table, RecordCounter.__table__)
    where = (table.c.kind == kind) & (table.c.year == year)
    bump = update(table).where(where).values(last=table.c.last + 1).returning(table.c.last)
    got = session.execute(bump).scalar_one_or_none()
    if got is None:
        if session.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            session.execute(pg_insert(table).values(kind=kind, year=year, last=0).on_conflict_do_nothing())
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            session.execute(
                sqlite_insert(table).values(kind=kind, year=year, last=0).on_conflict_do_nothing()
            )
        got = session.execute(bump).scalar_one()
    return int(got)
