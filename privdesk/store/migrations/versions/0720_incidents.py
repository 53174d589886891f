"""The breach register (유출 등 사고 대장, 개인정보 보호법 제34조): incidents, who is affected, the notices
sent, the history; the ``incident.*`` permissions.

Revision ID: 0720
Revises: 0600
Create Date: 2026-12-05 12:00:00

- ``incident_counters``: the last number given per year (INC-YYYY-NNNN), incremented in the
  transaction that opens an incident (a row lock on PostgreSQL, the write lock on SQLite).
- ``incidents`` (with a row proof): one incident and the facts that decide its duties.
- ``incident_subjects`` (with a row proof): who is affected, by internal reference only.
- ``incident_notices`` (append-only): each notice marked sent (duty, channel, date, people).
- ``incident_events`` (append-only, anchored in the access log): every change of an incident.
- The permissions ``incident.read`` (officer, privacy, auditor), ``incident.handle`` (officer,
  privacy) and ``incident.approve`` (officer), recorded in the permission history. The application
  seals the new ``role_permissions`` rows right after this upgrade
  (``privdesk.proofs.SEALED_BY_REVISION``).
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0720"
down_revision: str | None = "0710"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("incident_notices", "incident_events")
GRANTS = (
    ("officer", "incident.read", "유출 사고 대장 조회"),
    ("officer", "incident.handle", "유출 사고 대응(등록·통지·신고)"),
    ("officer", "incident.approve", "유출 사고 종결 승인"),
    ("privacy", "incident.read", "유출 사고 대장 조회"),
    ("privacy", "incident.handle", "유출 사고 대응(등록·통지·신고)"),
    ("auditor", "incident.read", "유출 사고 대장 조회"),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "incident_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_incident_counters")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("learnt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reporter", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("containment", sa.Text(), nullable=False),
        sa.Column("outside_access", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("proof", sa.LargeBinary(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("number", name=op.f("uq_incidents_number")),
    )
    op.create_index(op.f("ix_incidents_learnt_at"), "incidents", ["learnt_at"], unique=False)
    op.create_index(op.f("ix_incidents_state"), "incidents", ["state"], unique=False)
    op.create_table(
        "incident_subjects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("cctv_request_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("proof", sa.LargeBinary(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_subjects_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_subjects")),
        sa.UniqueConstraint("incident_id", "subject_ref", name="uq_incident_subjects_incident_subject"),
    )
    op.create_table(
        "incident_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("duty", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_notices_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_notices")),
    )
    op.create_index(
        op.f("ix_incident_notices_incident_id"), "incident_notices", ["incident_id"], unique=False
    )
    op.create_table(
        "incident_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_login", sa.String(length=64), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_events_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_events")),
    )
    op.create_index(op.f("ix_incident_events_incident_id"), "incident_events", ["incident_id"], unique=False)
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
                reason=f"스키마 업그레이드 0720: 새 권한 '{label}'",
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
    op.drop_index(op.f("ix_incident_events_incident_id"), table_name="incident_events")
    op.drop_table("incident_events")
    op.drop_index(op.f("ix_incident_notices_incident_id"), table_name="incident_notices")
    op.drop_table("incident_notices")
    op.drop_table("incident_subjects")
    op.drop_index(op.f("ix_incidents_state"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_learnt_at"), table_name="incidents")
    op.drop_table("incidents")
    op.drop_table("incident_counters")
