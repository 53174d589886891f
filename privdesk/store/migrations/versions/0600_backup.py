"""Backup and restore (백업·복원): tombstones of destroyed records, the backups made, the ``backup``
permission.

Revision ID: 0600
Revises: 0500
Create Date: 2026-12-05 10:00:00

- ``tombstones`` (append-only): one row per record a destruction emptied — its internal ``uid``,
  the plan number and when — no personal data. A restore from a backup taken before a destruction
  destroys the record again from these (and from the backup folder's catalogue).
- ``backups``: the archives privdesk wrote (file name, folder, size, SHA-256, head, rotation).
- The ``backup`` permission for the privacy officer's role and the privacy role (IT), recorded in
  the permission history. ``role_permissions`` rows carry row proofs, which a migration cannot
  compute (it has no key): the application seals exactly these rows right after it ran this
  upgrade (``privdesk.proofs.SEALED_BY_REVISION``).
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0600"
down_revision: str | None = "0500"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("tombstones",)
GRANTED = ("officer", "privacy")
PERMISSION = "backup"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "tombstones",
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("destroyed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_tombstones")),
    )
    op.create_index(op.f("ix_tombstones_plan_id"), "tombstones", ["plan_id"], unique=False)
    op.create_table(
        "backups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(length=64), nullable=False),
        sa.Column("backend", sa.String(length=16), nullable=False),
        sa.Column("head_seq", sa.BigInteger(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rotated", sa.Boolean(), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backups")),
    )
    op.create_index("ix_backups_made_at", "backups", ["made_at"], unique=False)
    _create_append_only_guards(sqlite)
    _grant_backup()


def _grant_backup() -> None:
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
    for code in GRANTED:
        if code not in existing:
            continue
        have = bind.execute(
            sa.select(perms.c.role_code).where(perms.c.role_code == code, perms.c.permission == PERMISSION)
        ).first()
        if have is not None:
            continue
        bind.execute(perms.insert().values(role_code=code, permission=PERMISSION))
        bind.execute(
            changes.insert().values(
                at=now,
                actor_login="system",
                target=f"role:{code}",
                change="role_permissions",
                detail="부여: 백업·복원; 회수: 없음",
                reason="스키마 업그레이드 0600: 새 권한 '백업·복원'",
            )
        )


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
    perms = sa.table("role_permissions", sa.column("permission", sa.String))
    op.execute(perms.delete().where(perms.c.permission == PERMISSION))
    op.drop_index("ix_backups_made_at", table_name="backups")
    op.drop_table("backups")
    op.drop_index(op.f("ix_tombstones_plan_id"), table_name="tombstones")
    op.drop_table("tombstones")
