"""Evidence that holds (증거 보전): row proofs, integrity findings and acknowledgements, the
database's identity, account notices.

Revision ID: 0500
Revises: 0400
Create Date: 2026-12-04 10:00:00

- ``proof`` (16 bytes, keyed MAC over a row's identifying columns, see :mod:`privdesk.proofs`) on
  ``patients``, ``patient_phones``, ``accounts``, ``account_roles``, ``role_permissions``,
  ``subject_requests``, ``cctv_requests`` and, on PostgreSQL, the separate store's
  ``separated.patients`` / ``separated.patient_phones``. The rows already there get their proofs
  from the application right after this upgrade (the key is not available to a migration).
- ``integrity_events`` (append-only): what ``audit verify`` found and the officer's
  acknowledgement with its reason.
- ``account_notices``: notices an account sees at login until it acknowledges them (e.g. that the
  officer's account was recovered).
- ``meta.database_id``: a random identity written into every witness line, so a witness of one
  database is never compared with another.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0500"
down_revision: str | None = "0400"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROVEN = (
    "patients",
    "patient_phones",
    "accounts",
    "account_roles",
    "role_permissions",
    "subject_requests",
    "cctv_requests",
)
PG_SEPARATED = ("separated.patients", "separated.patient_phones")
APPEND_ONLY = ("integrity_events",)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in PROVEN:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("proof", sa.LargeBinary(length=16), nullable=True))
    if not sqlite:
        for table in PG_SEPARATED:
            op.execute(f"ALTER TABLE {table} ADD COLUMN proof BYTEA")
    op.create_table(
        "integrity_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("actor_login", sa.String(length=64), nullable=False),
        sa.Column("head_seq", sa.BigInteger(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("covers", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrity_events")),
    )
    op.create_table(
        "account_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_notices_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_notices")),
    )
    op.create_index(op.f("ix_account_notices_account_id"), "account_notices", ["account_id"], unique=False)
    _create_append_only_guards(sqlite)
    meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    bind = op.get_bind()
    if bind.execute(sa.select(meta.c.key).where(meta.c.key == "database_id")).first() is None:
        op.execute(meta.insert().values(key="database_id", value=uuid.uuid4().hex))


def _create_append_only_guards(sqlite: bool) -> None:
    for table in APPEND_ONLY:
        if sqlite:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        else:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION privdesk_refuse_change()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION privdesk_refuse_change()"
            )
    if not sqlite:
        op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {', '.join(APPEND_ONLY)} FROM PUBLIC")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in APPEND_ONLY:
        if sqlite:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    op.drop_index(op.f("ix_account_notices_account_id"), table_name="account_notices")
    op.drop_table("account_notices")
    op.drop_table("integrity_events")
    if not sqlite:
        for table in PG_SEPARATED:
            op.execute(f"ALTER TABLE {table} DROP COLUMN proof")
    for table in reversed(PROVEN):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("proof")
