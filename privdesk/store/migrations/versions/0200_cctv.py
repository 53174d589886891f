"""CCTV (영상정보처리기기): cameras, evidence holds, viewing requests, provisions, the 관리대장

Revision ID: 0200
Revises: 0100
Create Date: 2026-11-26 10:00:00

``cctv_camera_changes``, ``cctv_request_events``, ``cctv_provisions`` and ``cctv_ledger`` are
append-only: the database refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE), as for
``access_log`` in 0001. PostgreSQL gets a trigger function of its own, ``privdesk_refuse_change()``:
0001's ``privdesk_append_only()`` reads ``OLD.seq``, which these tables do not have.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0200"
down_revision: str | None = "0100"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("cctv_camera_changes", "cctv_request_events", "cctv_provisions", "cctv_ledger")


def upgrade() -> None:
    op.create_table(
        "cctv_cameras",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("location", sa.String(length=64), nullable=False),
        sa.Column("coverage", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cctv_cameras")),
        sa.UniqueConstraint("number", name=op.f("uq_cctv_cameras_number")),
    )
    op.create_table(
        "cctv_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("requester_name", sa.String(length=64), nullable=False),
        sa.Column("requester_phone_enc", sa.LargeBinary(), nullable=False),
        sa.Column("requester_birth_enc", sa.LargeBinary(), nullable=True),
        sa.Column("requester_address_enc", sa.LargeBinary(), nullable=True),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("subject_name", sa.String(length=64), nullable=False),
        sa.Column("subject_phone_enc", sa.LargeBinary(), nullable=True),
        sa.Column("proxy_checked", sa.Boolean(), nullable=False),
        sa.Column("id_document", sa.String(length=32), nullable=False),
        sa.Column("id_checked_by", sa.String(length=64), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.String(length=64), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("extended_due", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("footage_gone", sa.Boolean(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("eligibility", sa.String(length=16), nullable=True),
        sa.Column("eligibility_note", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("refusal_ground", sa.String(length=32), nullable=True),
        sa.Column("refusal_text", sa.Text(), nullable=True),
        sa.Column("partial_note", sa.Text(), nullable=True),
        sa.Column("viewing_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("viewing_place", sa.String(length=200), nullable=True),
        sa.Column("others_in_frame", sa.Boolean(), nullable=False),
        sa.Column("masking_done", sa.Boolean(), nullable=False),
        sa.Column("masked_by", sa.String(length=64), nullable=True),
        sa.Column("masked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cctv_requests")),
        sa.UniqueConstraint("uid", name=op.f("uq_cctv_requests_uid")),
    )
    with op.batch_alter_table("cctv_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cctv_requests_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_cctv_requests_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_cctv_requests_state"), ["state"], unique=False)

    op.create_table(
        "cctv_camera_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_login", sa.String(length=64), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["camera_id"], ["cctv_cameras.id"], name=op.f("fk_cctv_camera_changes_camera_id_cctv_cameras")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cctv_camera_changes")),
    )
    with op.batch_alter_table("cctv_camera_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cctv_camera_changes_camera_id"), ["camera_id"], unique=False)

    op.create_table(
        "cctv_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reason_kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until_date", sa.Date(), nullable=True),
        sa.Column("until_request_id", sa.Integer(), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(length=64), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["until_request_id"],
            ["cctv_requests.id"],
            name=op.f("fk_cctv_holds_until_request_id_cctv_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cctv_holds")),
    )
    with op.batch_alter_table("cctv_holds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cctv_holds_until_request_id"), ["until_request_id"], unique=False
        )

    op.create_table(
        "cctv_provisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("document_no", sa.String(length=100), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("form", sa.String(length=100), nullable=False),
        sa.Column("period", sa.String(length=200), nullable=False),
        sa.Column("camera_numbers", sa.String(length=400), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["cctv_requests.id"], name=op.f("fk_cctv_provisions_request_id_cctv_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cctv_provisions")),
    )
    op.create_table(
        "cctv_request_cameras",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["camera_id"], ["cctv_cameras.id"], name=op.f("fk_cctv_request_cameras_camera_id_cctv_cameras")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["cctv_requests.id"],
            name=op.f("fk_cctv_request_cameras_request_id_cctv_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", "camera_id", name=op.f("pk_cctv_request_cameras")),
    )
    op.create_table(
        "cctv_request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_login", sa.String(length=64), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=False),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["cctv_requests.id"], name=op.f("fk_cctv_request_events_request_id_cctv_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cctv_request_events")),
    )
    with op.batch_alter_table("cctv_request_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cctv_request_events_request_id"), ["request_id"], unique=False)

    op.create_table(
        "cctv_hold_cameras",
        sa.Column("hold_id", sa.Integer(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["camera_id"], ["cctv_cameras.id"], name=op.f("fk_cctv_hold_cameras_camera_id_cctv_cameras")
        ),
        sa.ForeignKeyConstraint(
            ["hold_id"],
            ["cctv_holds.id"],
            name=op.f("fk_cctv_hold_cameras_hold_id_cctv_holds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("hold_id", "camera_id", name=op.f("pk_cctv_hold_cameras")),
    )
    op.create_table(
        "cctv_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_form", sa.String(length=200), nullable=False),
        sa.Column("camera_numbers", sa.String(length=400), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("window_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("staff_login", sa.String(length=64), nullable=False),
        sa.Column("staff_name", sa.String(length=64), nullable=False),
        sa.Column("witness", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("counterpart", sa.String(length=200), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("provision_form", sa.String(length=100), nullable=False),
        sa.Column("period", sa.String(length=200), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("provision_id", sa.Integer(), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["cctv_ledger.id"], name=op.f("fk_cctv_ledger_corrects_id_cctv_ledger")
        ),
        sa.ForeignKeyConstraint(
            ["provision_id"], ["cctv_provisions.id"], name=op.f("fk_cctv_ledger_provision_id_cctv_provisions")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["cctv_requests.id"], name=op.f("fk_cctv_ledger_request_id_cctv_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cctv_ledger")),
    )
    with op.batch_alter_table("cctv_ledger", schema=None) as batch_op:
        batch_op.create_index("ix_cctv_ledger_at_id", ["at", "id"], unique=False)

    _create_append_only_guards()


_PG_FUNCTION = """CREATE OR REPLACE FUNCTION privdesk_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
   END $$"""


def _create_append_only_guards() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if not sqlite:
        op.execute(_PG_FUNCTION)
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


def _drop_append_only_guards() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in APPEND_ONLY:
        if sqlite:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    if not sqlite:
        op.execute("DROP FUNCTION IF EXISTS privdesk_refuse_change()")


def downgrade() -> None:
    _drop_append_only_guards()
    with op.batch_alter_table("cctv_ledger", schema=None) as batch_op:
        batch_op.drop_index("ix_cctv_ledger_at_id")

    op.drop_table("cctv_ledger")
    op.drop_table("cctv_hold_cameras")
    with op.batch_alter_table("cctv_request_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cctv_request_events_request_id"))

    op.drop_table("cctv_request_events")
    op.drop_table("cctv_request_cameras")
    op.drop_table("cctv_provisions")
    with op.batch_alter_table("cctv_holds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cctv_holds_until_request_id"))

    op.drop_table("cctv_holds")
    with op.batch_alter_table("cctv_camera_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cctv_camera_changes_camera_id"))

    op.drop_table("cctv_camera_changes")
    with op.batch_alter_table("cctv_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cctv_requests_state"))
        batch_op.drop_index(batch_op.f("ix_cctv_requests_received_at"))
        batch_op.drop_index(batch_op.f("ix_cctv_requests_due_date"))

    op.drop_table("cctv_requests")
    op.drop_table("cctv_cameras")
