"""Record numbers from the database: one counter per (kind, year) for every numbered record.

Revision ID: 0730
Revises: 0720
Create Date: 2026-12-05 01:00:00

- ``record_counters`` (kind, year, last): the last number given to a kind of record in a year —
  ``INC`` for incidents (INC-2026-0001) and a printed record's prefix for its printings
  (CN-2026-0001, formerly CN-20261205-033204, which repeated when two were printed in one second).
- ``incident_counters`` is folded into it (its rows become kind ``INC``) and dropped: one counter
  mechanism, not two.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0730"
down_revision: str | None = "0720"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "record_counters",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "year", name=op.f("pk_record_counters")),
    )
    op.execute(
        "INSERT INTO record_counters (kind, year, last) SELECT 'INC', year, last FROM incident_counters"
    )
    op.drop_table("incident_counters")


def downgrade() -> None:
    op.create_table(
        "incident_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_incident_counters")),
    )
    op.execute(
        "INSERT INTO incident_counters (year, last) SELECT year, last FROM record_counters WHERE kind = 'INC'"
    )
    op.drop_table("record_counters")
