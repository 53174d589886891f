"""Third-party disclosures (제3자 제공 대장), processors (수탁업체) and data-subject requests
(열람·정정·삭제·처리정지·동의철회 요구) with their history, correction notices and subject flags.

Revision ID: 0400
Revises: 0300
Create Date: 2026-12-02 10:00:00

Append-only (UPDATE and DELETE refused by the database, as in 0200/0300): ``disclosures``,
``disclosure_subjects``, ``processor_changes`` and ``subject_request_events``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0400"
down_revision: str | None = "0300"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("disclosures", "disclosure_subjects", "processor_changes", "subject_request_events")


def upgrade() -> None:
    op.create_table(
        "disclosures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_code", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.String(length=100), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("recipient_purpose", sa.Text(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.String(length=32), nullable=False),
        sa.Column("basis_detail", sa.Text(), nullable=False),
        sa.Column("disclosed_on", sa.Date(), nullable=False),
        sa.Column("period", sa.String(length=200), nullable=False),
        sa.Column("form", sa.String(length=100), nullable=False),
        sa.Column("restrictions", sa.Text(), nullable=False),
        sa.Column("document_no", sa.String(length=100), nullable=False),
        sa.Column("provided_by", sa.String(length=64), nullable=False),
        sa.Column("deidentified", sa.Boolean(), nullable=False),
        sa.Column("subject_count", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosures")),
    )
    op.create_index("ix_disclosures_on_id", "disclosures", ["disclosed_on", "id"], unique=False)
    op.create_table(
        "processors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("task", sa.Text(), nullable=False),
        sa.Column("retention", sa.String(length=200), nullable=False),
        sa.Column("contract_start", sa.Date(), nullable=True),
        sa.Column("contract_end", sa.Date(), nullable=True),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("last_check", sa.Date(), nullable=True),
        sa.Column("check_note", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processors")),
        sa.UniqueConstraint("name", name=op.f("uq_processors_name")),
    )
    op.create_table(
        "subject_flags",
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("suspended", sa.Boolean(), nullable=False),
        sa.Column("consent_withdrawn", sa.Boolean(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("subject_ref", name=op.f("pk_subject_flags")),
    )
    op.create_table(
        "subject_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_code", sa.String(length=32), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("subject_name", sa.String(length=64), nullable=False),
        sa.Column("subject_phone_enc", sa.LargeBinary(), nullable=True),
        sa.Column("subject_birth_enc", sa.LargeBinary(), nullable=True),
        sa.Column("subject_address_enc", sa.LargeBinary(), nullable=True),
        sa.Column("subject_under_14", sa.Boolean(), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("requester_name", sa.String(length=64), nullable=False),
        sa.Column("requester_phone_enc", sa.LargeBinary(), nullable=True),
        sa.Column("requester_birth_enc", sa.LargeBinary(), nullable=True),
        sa.Column("requester_address_enc", sa.LargeBinary(), nullable=True),
        sa.Column("proxy_checked", sa.Boolean(), nullable=False),
        sa.Column("id_document", sa.String(length=32), nullable=False),
        sa.Column("id_checked_by", sa.String(length=64), nullable=False),
        sa.Column("identity_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("access_items", sa.String(length=100), nullable=False),
        sa.Column("request_text_enc", sa.LargeBinary(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("extended_due", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("hold_placed", sa.Boolean(), nullable=False),
        sa.Column("result_text_enc", sa.LargeBinary(), nullable=True),
        sa.Column("viewing_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("viewing_place", sa.String(length=200), nullable=True),
        sa.Column("viewing_method", sa.String(length=64), nullable=True),
        sa.Column("fee", sa.Integer(), nullable=False),
        sa.Column("refusal_ground", sa.String(length=32), nullable=True),
        sa.Column("refusal_text", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_requests")),
        sa.UniqueConstraint("uid", name=op.f("uq_subject_requests_uid")),
    )
    op.create_index(op.f("ix_subject_requests_due_date"), "subject_requests", ["due_date"], unique=False)
    op.create_index(op.f("ix_subject_requests_patient_id"), "subject_requests", ["patient_id"], unique=False)
    op.create_index(op.f("ix_subject_requests_state"), "subject_requests", ["state"], unique=False)
    op.create_index("ix_subject_requests_state_due", "subject_requests", ["state", "due_date"], unique=False)
    op.create_index(
        op.f("ix_subject_requests_subject_ref"), "subject_requests", ["subject_ref"], unique=False
    )
    op.create_table(
        "correction_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("disclosure_id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_by", sa.String(length=64), nullable=True),
        sa.Column("sent_method", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["disclosure_id"],
            ["disclosures.id"],
            name=op.f("fk_correction_notices_disclosure_id_disclosures"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["subject_requests.id"],
            name=op.f("fk_correction_notices_request_id_subject_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction_notices")),
        sa.UniqueConstraint("request_id", "disclosure_id", name="uq_correction_notices_request_disclosure"),
    )
    op.create_index(
        op.f("ix_correction_notices_request_id"), "correction_notices", ["request_id"], unique=False
    )
    op.create_table(
        "disclosure_subjects",
        sa.Column("disclosure_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["disclosure_id"],
            ["disclosures.id"],
            name=op.f("fk_disclosure_subjects_disclosure_id_disclosures"),
        ),
        sa.PrimaryKeyConstraint("disclosure_id", "position", name=op.f("pk_disclosure_subjects")),
    )
    op.create_index(
        "ix_disclosure_subjects_subject",
        "disclosure_subjects",
        ["subject_ref", "disclosure_id"],
        unique=False,
    )
    op.create_table(
        "processor_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("processor_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_login", sa.String(length=64), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["processor_id"], ["processors.id"], name=op.f("fk_processor_changes_processor_id_processors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processor_changes")),
    )
    op.create_index(
        op.f("ix_processor_changes_processor_id"), "processor_changes", ["processor_id"], unique=False
    )
    op.create_table(
        "subject_request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_login", sa.String(length=64), nullable=False),
        sa.Column("from_state", sa.String(length=24), nullable=False),
        sa.Column("to_state", sa.String(length=24), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["subject_requests.id"],
            name=op.f("fk_subject_request_events_request_id_subject_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_request_events")),
    )
    op.create_index(
        op.f("ix_subject_request_events_request_id"), "subject_request_events", ["request_id"], unique=False
    )

    _create_append_only_guards()
    if op.get_bind().dialect.name == "postgresql":
        _no_statistics_samples()


# ANALYZE (autovacuum runs it on every real server) keeps sample values of each column in
# pg_statistic, where a destroyed patient's name or ciphertext would outlive the destruction.
# Statistics target 0 stops the sampling of the personal-data columns (the planner falls back to
# default estimates for them; the indexes still serve the searches).
_PERSONAL_COLUMNS = {
    "patients": ("name", "name_chosung", "rrn_enc", "address_enc"),
    "patient_phones": ("phone_enc",),
    "separated.patients": ("name", "name_chosung", "rrn_enc", "address_enc"),
    "separated.patient_phones": ("phone_enc",),
}


def _no_statistics_samples() -> None:
    for table, names in _PERSONAL_COLUMNS.items():
        op.execute(f"ALTER TABLE {table} " + ", ".join(f"ALTER COLUMN {c} SET STATISTICS 0" for c in names))


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


def downgrade() -> None:
    bind = op.get_bind()
    for table in APPEND_ONLY:
        if bind.dialect.name == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    op.drop_index(op.f("ix_subject_request_events_request_id"), table_name="subject_request_events")
    op.drop_table("subject_request_events")
    op.drop_index(op.f("ix_processor_changes_processor_id"), table_name="processor_changes")
    op.drop_table("processor_changes")
    op.drop_index("ix_disclosure_subjects_subject", table_name="disclosure_subjects")
    op.drop_table("disclosure_subjects")
    op.drop_index(op.f("ix_correction_notices_request_id"), table_name="correction_notices")
    op.drop_table("correction_notices")
    op.drop_index(op.f("ix_subject_requests_subject_ref"), table_name="subject_requests")
    op.drop_index("ix_subject_requests_state_due", table_name="subject_requests")
    op.drop_index(op.f("ix_subject_requests_state"), table_name="subject_requests")
    op.drop_index(op.f("ix_subject_requests_patient_id"), table_name="subject_requests")
    op.drop_index(op.f("ix_subject_requests_due_date"), table_name="subject_requests")
    op.drop_table("subject_requests")
    op.drop_table("subject_flags")
    op.drop_table("processors")
    op.drop_index("ix_disclosures_on_id", table_name="disclosures")
    op.drop_table("disclosures")
