"""The privacy policy as data (개인정보 처리방침, 법 제30조): its versions and the ``policy.manage`` /
``policy.publish`` permissions.

Revision ID: 0770
Revises: 0760
Create Date: 2026-12-05 18:00:00

- ``policy_versions`` (append-only): drafts and published versions, each rendered from privdesk's
  data with its editable texts; a published version is numbered and never changed.
- The permissions ``policy.manage`` (officer, privacy: draft, compare, render, status) and
  ``policy.publish`` (officer only), recorded in the permission history. The application seals the
  new ``role_permissions`` rows right after this upgrade.
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0770"
down_revision: str | None = "0760"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("policy_versions",)
GRANTS = (
    ("officer", "policy.manage", "개인정보 처리방침 작성·비교"),
    ("privacy", "policy.manage", "개인정보 처리방침 작성·비교"),
    ("officer", "policy.publish", "개인정보 처리방침 게시"),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "policy_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("sections", sa.Text(), nullable=False),
        sa.Column("texts", sa.Text(), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_versions")),
        sa.UniqueConstraint("number", name=op.f("uq_policy_versions_number")),
    )
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
                reason=f"스키마 업그레이드 0770: 새 권한 '{label}'",
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
    op.drop_table("policy_versions")
