"""Consent records (동의): versioned consent texts, each patient's consents and withdrawals, and the
``consent.read`` / ``consent.record`` / ``consent.manage`` permissions.

Revision ID: 0780
Revises: 0775
Create Date: 2026-12-06 07:00:00

- ``consent_texts`` (append-only): drafts and published versions of each purpose's consent text; a
  published version is numbered per purpose and never changed.
- ``consent_records`` (append-only): consents given and withdrawn; a withdrawal is a later row.
- The permissions ``consent.read`` (intake, privacy), ``consent.record`` (intake) and
  ``consent.manage`` (privacy) — the officer has every permission — recorded in the permission
  history. The application seals the new ``role_permissions`` rows right after this upgrade.
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0780"
down_revision: str | None = "0775"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("consent_texts", "consent_records")
GRANTS = (
    ("officer", "consent.read", "동의 기록 조회"),
    ("officer", "consent.record", "동의 기록·철회 입력"),
    ("officer", "consent.manage", "동의서 문안 관리"),
    ("intake", "consent.read", "동의 기록 조회"),
    ("intake", "consent.record", "동의 기록·철회 입력"),
    ("privacy", "consent.read", "동의 기록 조회"),
    ("privacy", "consent.manage", "동의서 문안 관리"),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "consent_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("requires_fresh_consent", sa.Boolean(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_texts")),
        sa.UniqueConstraint("purpose", "version", name="uq_consent_texts_purpose_version"),
    )
    op.create_index(op.f("ix_consent_texts_purpose"), "consent_texts", ["purpose"])
    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("text_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("form_ref", sa.String(length=200), nullable=False),
        sa.Column("witness", sa.String(length=64), nullable=False),
        sa.Column("signer", sa.String(length=16), nullable=False),
        sa.Column("representative", sa.String(length=100), nullable=False),
        sa.Column("relation", sa.String(length=50), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["text_id"], ["consent_texts.id"], name=op.f("fk_consent_records_text_id_consent_texts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")),
    )
    op.create_index(
        "ix_consent_records_patient_purpose", "consent_records", ["patient_id", "purpose", "at", "id"]
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
                reason=f"스키마 업그레이드 0780: 새 권한 '{label}'",
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
    op.drop_table("consent_records")
    op.drop_table("consent_texts")
