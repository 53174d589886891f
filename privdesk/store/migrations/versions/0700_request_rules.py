"""Request rules (issue 12): the record of what a correction changed.

Revision ID: 0700
Revises: 0500
Create Date: 2026-12-05 09:00:00

- ``request_corrections``: one row per registry field a completed 정정 changed — the value before
  (masked) and after (AES-GCM, bound to the row's ``uid``), the patient's version after the edit, who
  and when — linked to its ``subject_requests`` row. Its rows carry a ``proof`` (:mod:`privdesk.proofs`)
  written by the application on insert; this migration writes no rows, so nothing is left to seal.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0700"
down_revision: str | None = "0600"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "request_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("before_masked", sa.Text(), nullable=False),
        sa.Column("after_enc", sa.LargeBinary(), nullable=False),
        sa.Column("patient_version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("proof", sa.LargeBinary(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["subject_requests.id"],
            name=op.f("fk_request_corrections_request_id_subject_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_corrections")),
        sa.UniqueConstraint("uid", name=op.f("uq_request_corrections_uid")),
    )
    op.create_index(
        op.f("ix_request_corrections_request_id"), "request_corrections", ["request_id"], unique=False
    )
    op.create_index(
        op.f("ix_request_corrections_patient_id"), "request_corrections", ["patient_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_request_corrections_patient_id"), table_name="request_corrections")
    op.drop_index(op.f("ix_request_corrections_request_id"), table_name="request_corrections")
    op.drop_table("request_corrections")
