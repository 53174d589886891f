"""The index the start screen's consent count filters by; corrections of staff training records.

Revision ID: 0810
Revises: 0800
Create Date: 2026-12-05 07:00:00

- ``privdesk.consent.records.outdated_count`` counts the live patients whose latest record for a
  purpose is a consent (``given``) to a text version that no longer counts. Without an index its
  candidates came from a scan of every ``consent_records`` row; ``ix_consent_records_purpose_text``
  on (purpose, action, text_id) lets it seek only the consents to the stale versions.
- Training records (append-only) could not be corrected: ``training_sessions`` gains
  ``corrects_id`` (the row a correcting row corrects), ``root_id`` (the session's first row) and
  ``reason`` (the correction's reason) — all NULL on the rows already there, which stay first rows —
  and ``training_attendance_cancels`` (append-only) cancels an attendance recorded by mistake, with
  a reason.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0810"
down_revision: str | None = "0800"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CANCELS = "training_attendance_cancels"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_index("ix_consent_records_purpose_text", "consent_records", ["purpose", "action", "text_id"])
    # plain ADD COLUMN (nullable, no default): the append-only triggers on the table stay as they are
    op.add_column("training_sessions", sa.Column("corrects_id", sa.Integer(), nullable=True))
    op.add_column("training_sessions", sa.Column("root_id", sa.Integer(), nullable=True))
    op.add_column("training_sessions", sa.Column("reason", sa.Text(), nullable=True))
    # unique: a version is corrected once (two officers correcting at once: the second is refused)
    op.create_index(
        op.f("ix_training_sessions_corrects_id"), "training_sessions", ["corrects_id"], unique=True
    )
    op.create_index(op.f("ix_training_sessions_root_id"), "training_sessions", ["root_id"])
    op.create_table(
        CANCELS,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attendance_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendance_id"],
            ["training_attendance.id"],
            name=op.f("fk_training_attendance_cancels_attendance_id_training_attendance"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_attendance_cancels")),
        sa.UniqueConstraint("attendance_id", name=op.f("uq_training_attendance_cancels_attendance_id")),
    )
    if sqlite:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {CANCELS}_no_{verb.lower()} BEFORE {verb} ON {CANCELS} "
                f"BEGIN SELECT RAISE(ABORT, '{CANCELS} is append-only'); END"
            )
    else:
        op.execute(
            f"CREATE TRIGGER {CANCELS}_append_only BEFORE UPDATE OR DELETE ON {CANCELS} "
            "FOR EACH ROW EXECUTE FUNCTION privdesk_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {CANCELS}_no_truncate BEFORE TRUNCATE ON {CANCELS} "
            "FOR EACH STATEMENT EXECUTE FUNCTION privdesk_refuse_change()"
        )
        op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {CANCELS} FROM PUBLIC")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute(f"DROP TRIGGER IF EXISTS {CANCELS}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {CANCELS}_no_delete")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {CANCELS}_append_only ON {CANCELS}")
        op.execute(f"DROP TRIGGER IF EXISTS {CANCELS}_no_truncate ON {CANCELS}")
    op.drop_table(CANCELS)
    op.drop_index(op.f("ix_training_sessions_root_id"), table_name="training_sessions")
    op.drop_index(op.f("ix_training_sessions_corrects_id"), table_name="training_sessions")
    # plain DROP COLUMN (SQLite 3.35+, the indexes gone first): no table copy, the triggers stay
    for column in ("reason", "root_id", "corrects_id"):
        op.drop_column("training_sessions", column)
    op.drop_index("ix_consent_records_purpose_text", table_name="consent_records")
