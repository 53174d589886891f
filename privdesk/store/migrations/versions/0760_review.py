"""The monthly access-log review (접속기록 점검, 안전성 확보조치 기준 제8조②) and the ``audit.review`` permission.

Revision ID: 0760
Revises: 0750
Create Date: 2026-12-05 14:00:00

- ``review_months``: a month's totals and per-account summary from the last run.
- ``review_findings``: the findings, by a stable key (month, kind, account, key).
- ``review_results``, ``review_justifications``, ``review_justification_events`` (append-only): the
  results, the 소명 requests and their answers and decisions.
- ``review_signoffs`` (append-only, anchored in the access log): the month signed off with the head.
- The permission ``audit.review`` (officer, privacy, auditor), recorded in the permission history.
  The application seals the new ``role_permissions`` rows right after this upgrade.
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0760"
down_revision: str | None = "0750"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("review_results", "review_justifications", "review_justification_events", "review_signoffs")
GRANTS = (
    ("officer", "audit.review", "접속기록 점검"),
    ("privacy", "audit.review", "접속기록 점검"),
    ("auditor", "audit.review", "접속기록 점검"),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "review_months",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("computed_by", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("first_seq", sa.BigInteger(), nullable=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=True),
        sa.Column("accounts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_review_months")),
    )
    op.create_table(
        "review_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fkey", sa.String(length=200), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=True),
        sa.Column("department", sa.String(length=64), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("seqs", sa.Text(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_findings")),
        sa.UniqueConstraint("fkey", name=op.f("uq_review_findings_fkey")),
    )
    op.create_index(op.f("ix_review_findings_month"), "review_findings", ["month"], unique=False)
    op.create_index("ix_review_findings_account_month", "review_findings", ["account", "month"], unique=False)
    op.create_table(
        "review_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("by_login", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["review_findings.id"], name=op.f("fk_review_results_finding_id_review_findings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_results")),
    )
    op.create_index(op.f("ix_review_results_finding_id"), "review_results", ["finding_id"], unique=False)
    op.create_table(
        "review_justifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.Column("asked_by", sa.String(length=64), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["review_findings.id"],
            name=op.f("fk_review_justifications_finding_id_review_findings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_justifications")),
    )
    op.create_index(
        op.f("ix_review_justifications_finding_id"), "review_justifications", ["finding_id"], unique=False
    )
    op.create_index(
        op.f("ix_review_justifications_account"), "review_justifications", ["account"], unique=False
    )
    op.create_table(
        "review_justification_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("justification_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("by_login", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["justification_id"],
            ["review_justifications.id"],
            name=op.f("fk_review_justification_events_justification_id_review_justifications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_justification_events")),
    )
    op.create_index(
        op.f("ix_review_justification_events_justification_id"),
        "review_justification_events",
        ["justification_id"],
        unique=False,
    )
    op.create_table(
        "review_signoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("by_login", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("head_seq", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.Column("normal", sa.Integer(), nullable=False),
        sa.Column("action", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_signoffs")),
        sa.UniqueConstraint("month", name=op.f("uq_review_signoffs_month")),
    )
    _create_append_only_guards(sqlite)
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
                reason=f"스키마 업그레이드 0760: 새 권한 '{label}'",
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
    op.execute(perms.delete().where(perms.c.permission.in_(sorted({p for _c, p, _l in GRANTS}))))
    op.drop_table("review_signoffs")
    op.drop_index(
        op.f("ix_review_justification_events_justification_id"), table_name="review_justification_events"
    )
    op.drop_table("review_justification_events")
    op.drop_index(op.f("ix_review_justifications_account"), table_name="review_justifications")
    op.drop_index(op.f("ix_review_justifications_finding_id"), table_name="review_justifications")
    op.drop_table("review_justifications")
    op.drop_index(op.f("ix_review_results_finding_id"), table_name="review_results")
    op.drop_table("review_results")
    op.drop_index("ix_review_findings_account_month", table_name="review_findings")
    op.drop_index(op.f("ix_review_findings_month"), table_name="review_findings")
    op.drop_table("review_findings")
    op.drop_table("review_months")
