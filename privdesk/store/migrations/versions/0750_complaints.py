"""The complaints desk (개인정보 침해 신고·상담): one table of complaints and inquiries.

Revision ID: 0750
Revises: 0720
Create Date: 2026-12-05 13:00:00

- ``complaints`` (with a row proof): a complaint or inquiry, who made it (a registry patient by
  internal reference, or a name and contact encrypted), what about, the due date, the answer, the
  closing, and the data-subject request or incident it opened.

No new permission: the desk reuses ``incident.handle`` (officer, privacy staff) and ``incident.read``
(the auditor too), granted by 0720.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0750"
down_revision: str | None = "0730"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("name_enc", sa.LargeBinary(), nullable=True),
        sa.Column("contact_enc", sa.LargeBinary(), nullable=True),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("content_enc", sa.LargeBinary(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.String(length=64), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.String(length=64), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("proof", sa.LargeBinary(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("uid", name=op.f("uq_complaints_uid")),
    )
    op.create_index(op.f("ix_complaints_subject_ref"), "complaints", ["subject_ref"], unique=False)
    op.create_index(op.f("ix_complaints_due_date"), "complaints", ["due_date"], unique=False)
    op.create_index(op.f("ix_complaints_state"), "complaints", ["state"], unique=False)
    op.create_index(op.f("ix_complaints_request_id"), "complaints", ["request_id"], unique=False)
    op.create_index(op.f("ix_complaints_incident_id"), "complaints", ["incident_id"], unique=False)


def downgrade() -> None:
    for name in ("incident_id", "request_id", "state", "due_date", "subject_ref"):
        op.drop_index(op.f(f"ix_complaints_{name}"), table_name="complaints")
    op.drop_table("complaints")
