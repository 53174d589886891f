"""patient intake registry (환자 명부): patients, patient_phones, intakes

Revision ID: 0100
Revises: 0001
Create Date: 2026-11-25 17:55:19.005348
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0100"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("chart_no", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("name_chosung", sa.String(length=64), nullable=False),
        sa.Column("rrn_enc", sa.LargeBinary(), nullable=False),
        sa.Column("rrn_bi", sa.LargeBinary(length=16), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("is_foreigner", sa.Boolean(), nullable=False),
        sa.Column("address_enc", sa.LargeBinary(), nullable=True),
        sa.Column("first_visit", sa.Date(), nullable=False),
        sa.Column("last_visit", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("retention_until", sa.Date(), nullable=False),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("hold_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patients")),
        sa.UniqueConstraint("chart_no", name=op.f("uq_patients_chart_no")),
        sa.UniqueConstraint("rrn_bi", name=op.f("uq_patients_rrn_bi")),
        sa.UniqueConstraint("uid", name=op.f("uq_patients_uid")),
    )
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patients_birth_date"), ["birth_date"], unique=False)
        batch_op.create_index("ix_patients_name_birth_id", ["name", "birth_date", "id"], unique=False)
        batch_op.create_index(
            "ix_patients_chosung_name", ["name_chosung", "name", "birth_date", "id", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_patients_retention_until"), ["retention_until"], unique=False)

    op.create_table(
        "intakes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("staff_login", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_intakes_patient_id_patients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intakes")),
    )
    with op.batch_alter_table("intakes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intakes_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "patient_phones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("phone_enc", sa.LargeBinary(), nullable=False),
        sa.Column("phone_bi", sa.LargeBinary(length=16), nullable=False),
        sa.Column("last4_bi", sa.LargeBinary(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_patient_phones_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_phones")),
        sa.UniqueConstraint("patient_id", "position", name=op.f("uq_patient_phones_patient_id")),
    )
    with op.batch_alter_table("patient_phones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patient_phones_last4_bi"), ["last4_bi"], unique=False)
        batch_op.create_index(batch_op.f("ix_patient_phones_phone_bi"), ["phone_bi"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("patient_phones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patient_phones_phone_bi"))
        batch_op.drop_index(batch_op.f("ix_patient_phones_last4_bi"))

    op.drop_table("patient_phones")
    with op.batch_alter_table("intakes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intakes_patient_id"))

    op.drop_table("intakes")
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patients_retention_until"))
        batch_op.drop_index("ix_patients_chosung_name")
        batch_op.drop_index("ix_patients_name_birth_id")
        batch_op.drop_index(batch_op.f("ix_patients_birth_date"))

    op.drop_table("patients")
