"""Ledgers a privacy lawyer would sign: 목적 외 이용 entries, 가명처리 records, and the processors'
contract checklist, sub-processors and return/destruction evidence.

Revision ID: 0710
Revises: 0500
Create Date: 2026-12-05 00:00:00

- ``disclosures.kind``: ``provision`` (제3자 제공; every existing row) or ``internal_use`` (목적 외
  이용, 시행령 제15조). Added with a constant default, so neither SQLite nor PostgreSQL rewrites
  the append-only table (no UPDATE runs, the triggers stay as they are).
- ``disclosure_pseudonyms`` (append-only): the 가명처리 record of an entry (법 제28조의4③).
- ``processor_clauses``: the contract checklist of 법 제26조① / 시행령 제28조①.
- ``subprocessors``: 재위탁 (법 제26조⑥).
- ``processor_returns`` (append-only): the processor's return or destruction of the data at the
  contract's end, with the evidence. Its rows are evidence: each is anchored in the access log
  like the other ledgers (a keyed row proof would need an UPDATE at every key rotation, which the
  append-only guard refuses). No row proofs are added, so nothing for
  :data:`privdesk.proofs.SEALED_BY_REVISION`.

Existing entries on the repealed statistics ground (구 법 제18조②4) are not rewritten: the ledger
is append-only and anchored; they keep their code and are labelled as the old ground.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0710"
down_revision: str | None = "0700"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("disclosure_pseudonyms", "processor_returns")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # a plain ADD COLUMN (not batch): a batch copy would drop the append-only triggers on SQLite
    op.add_column(
        "disclosures", sa.Column("kind", sa.String(length=16), server_default="provision", nullable=False)
    )
    op.create_table(
        "disclosure_pseudonyms",
        sa.Column("disclosure_id", sa.Integer(), nullable=False),
        sa.Column("purpose_kind", sa.String(length=16), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("performed_by", sa.String(length=64), nullable=False),
        sa.Column("performed_on", sa.Date(), nullable=False),
        sa.Column("additional_info", sa.Text(), nullable=False),
        sa.Column("use_period", sa.String(length=200), nullable=False),
        sa.Column("review", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["disclosure_id"],
            ["disclosures.id"],
            name=op.f("fk_disclosure_pseudonyms_disclosure_id_disclosures"),
        ),
        sa.PrimaryKeyConstraint("disclosure_id", name=op.f("pk_disclosure_pseudonyms")),
    )
    op.create_table(
        "processor_clauses",
        sa.Column("processor_id", sa.Integer(), nullable=False),
        sa.Column("clause", sa.String(length=32), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("article", sa.String(length=100), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("checked_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["processor_id"], ["processors.id"], name=op.f("fk_processor_clauses_processor_id_processors")
        ),
        sa.PrimaryKeyConstraint("processor_id", "clause", name=op.f("pk_processor_clauses")),
    )
    op.create_table(
        "subprocessors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("processor_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("task", sa.Text(), nullable=False),
        sa.Column("consented_on", sa.Date(), nullable=False),
        sa.Column("consent_note", sa.Text(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["processor_id"], ["processors.id"], name=op.f("fk_subprocessors_processor_id_processors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subprocessors")),
    )
    op.create_index(op.f("ix_subprocessors_processor_id"), "subprocessors", ["processor_id"], unique=False)
    op.create_table(
        "processor_returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("processor_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["processor_id"], ["processors.id"], name=op.f("fk_processor_returns_processor_id_processors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processor_returns")),
    )
    op.create_index(
        op.f("ix_processor_returns_processor_id"), "processor_returns", ["processor_id"], unique=False
    )
    _create_append_only_guards(sqlite)


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
    op.drop_index(op.f("ix_processor_returns_processor_id"), table_name="processor_returns")
    op.drop_table("processor_returns")
    op.drop_index(op.f("ix_subprocessors_processor_id"), table_name="subprocessors")
    op.drop_table("subprocessors")
    op.drop_table("processor_clauses")
    op.drop_table("disclosure_pseudonyms")
    if sqlite:
        # SQLite drops a column in place (3.35+); a batch copy would lose the append-only triggers
        op.execute("ALTER TABLE disclosures DROP COLUMN kind")
    else:
        op.drop_column("disclosures", "kind")
