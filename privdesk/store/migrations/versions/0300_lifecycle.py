"""Lifecycle (개인정보 생애주기): files and retention rules, legal holds, destruction plans, the
destruction ledger (개인정보파일 파기 관리대장), and on PostgreSQL the separate store's schema.

Revision ID: 0300
Revises: 0200
Create Date: 2026-11-27 10:00:00

``destruction_ledger`` is append-only: the database refuses UPDATE, DELETE (and on PostgreSQL
TRUNCATE) with 0200's ``privdesk_refuse_change()``. On PostgreSQL the separate store (분리보관) is
the schema ``separated`` with copies of ``patients``, ``patient_phones`` and ``intakes``
(:mod:`privdesk.lifecycle.store`); ``REVOKE ALL … FROM PUBLIC`` leaves it to the owning role. On
SQLite the separate store is a second file, created by the application on first use.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0300"
down_revision: str | None = "0200"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("destruction_ledger",)


def upgrade() -> None:
    op.create_table(
        "destruction_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("created", sa.String(length=64), nullable=False),
        sa.Column("destroyed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=100), nullable=False),
        sa.Column("executed_by", sa.String(length=100), nullable=False),
        sa.Column("approved_by", sa.String(length=100), nullable=False),
        sa.Column("witness", sa.String(length=100), nullable=False),
        sa.Column("certificate_no", sa.String(length=100), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("plan_hash", sa.String(length=64), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_destruction_ledger")),
    )
    op.create_index("ix_destruction_ledger_on_id", "destruction_ledger", ["destroyed_on", "id"], unique=False)
    op.create_table(
        "destruction_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_code", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.String(length=100), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("excluded_count", sa.Integer(), nullable=False),
        sa.Column("created_first", sa.Date(), nullable=True),
        sa.Column("created_last", sa.Date(), nullable=True),
        sa.Column("plan_hash", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("second_approved_by", sa.String(length=64), nullable=True),
        sa.Column("second_approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("executed_by", sa.String(length=64), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("executed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("destroyed_count", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_destruction_plans")),
    )
    op.create_table(
        "lifecycle_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("retention_rule", sa.String(length=32), nullable=False),
        sa.Column("retention_years", sa.Integer(), nullable=True),
        sa.Column("retention_days", sa.Integer(), nullable=True),
        sa.Column("retention_note", sa.Text(), nullable=False),
        sa.Column("separate_after_days", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lifecycle_files")),
        sa.UniqueConstraint("code", name=op.f("uq_lifecycle_files_code")),
    )
    op.create_table(
        "lifecycle_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("placed_by", sa.String(length=64), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("released_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lifecycle_holds")),
    )
    op.create_index(op.f("ix_lifecycle_holds_subject"), "lifecycle_holds", ["subject"], unique=False)
    op.create_table(
        "destruction_plan_exclusions",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("reason_code", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["destruction_plans.id"],
            name=op.f("fk_destruction_plan_exclusions_plan_id_destruction_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "subject", name=op.f("pk_destruction_plan_exclusions")),
    )
    op.create_table(
        "destruction_plan_items",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("retention_until", sa.Date(), nullable=False),
        sa.Column("skipped", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["destruction_plans.id"],
            name=op.f("fk_destruction_plan_items_plan_id_destruction_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "patient_id", name=op.f("pk_destruction_plan_items")),
    )
    op.create_index(
        "ix_destruction_plan_items_patient", "destruction_plan_items", ["patient_id"], unique=False
    )
    _create_append_only_guards()
    if op.get_bind().dialect.name == "postgresql":
        _create_separated_schema()


def _create_append_only_guards() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
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


# The separate store's tables as they were at this revision (a migration never imports live code:
# privdesk.lifecycle.store describes today's tables, which later revisions extend).
_SEPARATED = (
    """CREATE TABLE separated.intakes (
        id INTEGER NOT NULL, patient_id INTEGER NOT NULL, visit_date DATE NOT NULL,
        department VARCHAR(64) NOT NULL, purpose VARCHAR(200) NOT NULL, staff_login VARCHAR(64) NOT NULL,
        created_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (id))""",
    "CREATE INDEX ix_separated_intakes_patient_id ON separated.intakes (patient_id)",
    """CREATE TABLE separated.patient_phones (
        id INTEGER NOT NULL, patient_id INTEGER NOT NULL, position INTEGER NOT NULL, phone_enc BYTEA NOT NULL,
        phone_bi BYTEA NOT NULL, last4_bi BYTEA NOT NULL, PRIMARY KEY (id))""",
    "CREATE INDEX ix_separated_patient_phones_patient_id ON separated.patient_phones (patient_id)",
    """CREATE TABLE separated.patients (
        id INTEGER NOT NULL, uid VARCHAR(32) NOT NULL, chart_no VARCHAR(32) NOT NULL, name VARCHAR(64) NOT NULL,
        name_chosung VARCHAR(64) NOT NULL, rrn_enc BYTEA NOT NULL, rrn_bi BYTEA NOT NULL, birth_date DATE NOT NULL,
        sex VARCHAR(1) NOT NULL, is_foreigner BOOLEAN NOT NULL, address_enc BYTEA, first_visit DATE NOT NULL,
        last_visit DATE NOT NULL, retention_until DATE NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,
        separated_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (id))""",
    "CREATE INDEX ix_separated_patients_rrn_bi ON separated.patients (rrn_bi)",
)


def _create_separated_schema() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS separated")
    op.execute("REVOKE ALL ON SCHEMA separated FROM PUBLIC")
    for stmt in _SEPARATED:
        op.execute(stmt)
    op.execute("REVOKE ALL ON ALL TABLES IN SCHEMA separated FROM PUBLIC")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP SCHEMA IF EXISTS separated CASCADE")
    for table in APPEND_ONLY:
        if bind.dialect.name == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    op.drop_index("ix_destruction_plan_items_patient", table_name="destruction_plan_items")
    op.drop_table("destruction_plan_items")
    op.drop_table("destruction_plan_exclusions")
    op.drop_index("ix_lifecycle_holds_subject", table_name="lifecycle_holds")
    op.drop_table("lifecycle_holds")
    op.drop_table("lifecycle_files")
    op.drop_table("destruction_plans")
    op.drop_index("ix_destruction_ledger_on_id", table_name="destruction_ledger")
    op.drop_table("destruction_ledger")
