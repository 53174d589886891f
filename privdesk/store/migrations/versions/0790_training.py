"""Staff training (개인정보 보호 교육) and the yearly usage notice (이용·제공 내역 통지, 법 제20조의2):
their tables and the ``training.read`` / ``training.manage`` / ``notice.manage`` permissions.

Revision ID: 0790
Revises: 0780
Create Date: 2026-12-05 06:00:00

- ``training_sessions``, ``training_attendance`` (append-only): sessions and who attended.
- ``notice_batches``, ``notice_letters``, ``notice_deliveries`` (append-only): the yearly batch, one
  letter per patient (by internal id, no personal data), and each letter's delivery.
- ``training.read`` and ``training.manage`` for the officer and privacy staff; ``notice.manage`` for
  the officer, recorded in the permission history. The application seals the new
  ``role_permissions`` rows right after this upgrade.
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0790"
down_revision: str | None = "0780"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = (
    "training_sessions",
    "training_attendance",
    "notice_batches",
    "notice_letters",
    "notice_deliveries",
)
GRANTS = (
    ("officer", "training.read", "개인정보 보호 교육 조회"),
    ("privacy", "training.read", "개인정보 보호 교육 조회"),
    ("officer", "training.manage", "개인정보 보호 교육 관리"),
    ("privacy", "training.manage", "개인정보 보호 교육 관리"),
    ("officer", "notice.manage", "이용·제공 내역 통지"),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "training_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("material", sa.Text(), nullable=False),
        sa.Column("instructor", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_sessions")),
    )
    op.create_index(op.f("ix_training_sessions_held_on"), "training_sessions", ["held_on"])
    op.create_table(
        "training_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_training_attendance_session_id_training_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_training_attendance_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_attendance")),
        sa.UniqueConstraint("session_id", "account_id", name=op.f("uq_training_attendance_session_id")),
    )
    op.create_index(op.f("ix_training_attendance_session_id"), "training_attendance", ["session_id"])
    op.create_index(op.f("ix_training_attendance_account_id"), "training_attendance", ["account_id"])
    op.create_table(
        "notice_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("issue", sa.Integer(), nullable=False),
        sa.Column("output", sa.String(length=8), nullable=False),
        sa.Column("patients", sa.Integer(), nullable=False),
        sa.Column("provisions", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_batches")),
        sa.UniqueConstraint("year", "issue", name=op.f("uq_notice_batches_year")),
    )
    op.create_index(op.f("ix_notice_batches_year"), "notice_batches", ["year"])
    op.create_table(
        "notice_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("provisions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["notice_batches.id"], name=op.f("fk_notice_letters_batch_id_notice_batches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_letters")),
    )
    op.create_index(op.f("ix_notice_letters_batch_id"), "notice_letters", ["batch_id"])
    op.create_index(op.f("ix_notice_letters_patient_id"), "notice_letters", ["patient_id"])
    op.create_table(
        "notice_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by_login", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["notice_letters.id"], name=op.f("fk_notice_deliveries_letter_id_notice_letters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_deliveries")),
    )
    op.create_index(op.f("ix_notice_deliveries_letter_id"), "notice_deliveries", ["letter_id"])
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
    _grant()


def _grant() -> None:
    bind = op.get_bind()
    roles = sa.table("roles", sa.column("code", sa.String))
    perms = sa.table(
        "role_permissions", sa.column("role_code", sa.String), sa.column("permission", sa.String)
    )
    changes = sa.table(
        "permission_changes",
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("actor_login", sa.String),
        sa.column("target", sa.String),
        sa.column("change", sa.String),
        sa.column("detail", sa.Text),
        sa.column("reason", sa.Text),
    )
    existing = {str(r[0]) for r in bind.execute(sa.select(roles.c.code))}
    now = dt.datetime.now(dt.UTC)
    if bind.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    for code, permission, label in GRANTS:
        if code not in existing:
            continue
        have = bind.execute(
            sa.select(perms.c.role_code).where(perms.c.role_code == code, perms.c.permission == permission)
        ).first()
        if have is not None:
            continue
        bind.execute(perms.insert().values(role_code=code, permission=permission))
        bind.execute(
            changes.insert().values(
                at=now,
                actor_login="system",
                target=f"role:{code}",
                change="role_permissions",
                detail=f"부여: {label}; 회수: 없음",
                reason=f"스키마 업그레이드 0790: 새 권한 '{label}'",
            )
        )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in APPEND_ONLY:
        if sqlite:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    perms = sa.table("role_permissions", sa.column("permission", sa.String))
    op.execute(perms.delete().where(perms.c.permission.in_(sorted({p for _c, p, _l in GRANTS}))))
    for table in reversed(APPEND_ONLY):
        op.drop_table(table)
