"""foundation and accounts

Revision ID: 0001
Revises:
Create Date: 2026-11-25 17:42:39.981786
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "access_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("workstation", sa.String(length=128), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=128), nullable=True),
        sa.Column("search_kind", sa.String(length=32), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("hash", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_access_log")),
    )
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.create_index("ix_access_log_action_seq", ["action", "seq"], unique=False)
        batch_op.create_index("ix_access_log_actor_seq", ["actor", "seq"], unique=False)
        batch_op.create_index("ix_access_log_at", ["at"], unique=False)
        batch_op.create_index("ix_access_log_subject_seq", ["subject", "seq"], unique=False)

    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=False),
        sa.Column("contact_enc", sa.LargeBinary(), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("login", name=op.f("uq_accounts_login")),
    )
    op.create_table(
        "audit_archive_permit",
        sa.Column("upto_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("upto_seq", name=op.f("pk_audit_archive_permit")),
    )
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("upto_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("entries", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("archive_name", sa.String(length=255), nullable=False),
        sa.Column("archive_sha256", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoints")),
        sa.UniqueConstraint("upto_seq", name=op.f("uq_audit_checkpoints_upto_seq")),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("signature", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )
    op.create_table(
        "permission_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_login", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("change", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_permission_changes")),
    )
    with op.batch_alter_table("permission_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_permission_changes_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_permission_changes_target"), ["target"], unique=False)

    op.create_table(
        "roles",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_roles")),
    )
    op.create_table(
        "account_roles",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("role_code", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_roles_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["role_code"], ["roles.code"], name=op.f("fk_account_roles_role_code_roles")),
        sa.PrimaryKeyConstraint("account_id", "role_code", name=op.f("pk_account_roles")),
    )
    op.create_table(
        "password_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_password_history_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_history")),
    )
    with op.batch_alter_table("password_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_password_history_account_id"), ["account_id"], unique=False)

    op.create_table(
        "role_permissions",
        sa.Column("role_code", sa.String(length=32), nullable=False),
        sa.Column("permission", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["role_code"],
            ["roles.code"],
            name=op.f("fk_role_permissions_role_code_roles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("role_code", "permission", name=op.f("pk_role_permissions")),
    )

    _create_append_only_guards()


# The access log is append-only (안전성 확보조치 기준 제8조③): the database itself refuses UPDATE,
# and refuses DELETE except for rows an archive run has been permitted to move out.
_SQLITE_TRIGGERS = (
    """CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
       BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END""",
    """CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
       WHEN OLD.seq > COALESCE((SELECT MAX(upto_seq) FROM audit_archive_permit), 0)
       BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END""",
    """CREATE TRIGGER permission_changes_no_update BEFORE UPDATE ON permission_changes
       BEGIN SELECT RAISE(ABORT, 'permission_changes is append-only'); END""",
    """CREATE TRIGGER permission_changes_no_delete BEFORE DELETE ON permission_changes
       BEGIN SELECT RAISE(ABORT, 'permission_changes is append-only'); END""",
)

_PG_STATEMENTS = (
    """CREATE OR REPLACE FUNCTION privdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'access_log' THEN
           IF OLD.seq <= COALESCE((SELECT MAX(upto_seq) FROM audit_archive_permit), 0) THEN
             RETURN OLD;
           END IF;
         END IF;
         RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
       END $$""",
    """CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
       FOR EACH ROW EXECUTE FUNCTION privdesk_append_only()""",
    """CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
       FOR EACH STATEMENT EXECUTE FUNCTION privdesk_append_only()""",
    """CREATE TRIGGER permission_changes_append_only BEFORE UPDATE OR DELETE ON permission_changes
       FOR EACH ROW EXECUTE FUNCTION privdesk_append_only()""",
    """CREATE TRIGGER permission_changes_no_truncate BEFORE TRUNCATE ON permission_changes
       FOR EACH STATEMENT EXECUTE FUNCTION privdesk_append_only()""",
    "REVOKE UPDATE, DELETE, TRUNCATE ON access_log, permission_changes FROM PUBLIC",
)


def _create_append_only_guards() -> None:
    dialect = op.get_bind().dialect.name
    for stmt in _SQLITE_TRIGGERS if dialect == "sqlite" else _PG_STATEMENTS:
        op.execute(stmt)


def _drop_append_only_guards() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in (
            "access_log_no_update",
            "access_log_no_delete",
            "permission_changes_no_update",
            "permission_changes_no_delete",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP FUNCTION IF EXISTS privdesk_append_only() CASCADE")


def downgrade() -> None:
    _drop_append_only_guards()
    op.drop_table("role_permissions")
    with op.batch_alter_table("password_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_password_history_account_id"))

    op.drop_table("password_history")
    op.drop_table("account_roles")
    op.drop_table("roles")
    with op.batch_alter_table("permission_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_permission_changes_target"))
        batch_op.drop_index(batch_op.f("ix_permission_changes_at"))

    op.drop_table("permission_changes")
    op.drop_table("meta")
    op.drop_table("audit_head")
    op.drop_table("audit_checkpoints")
    op.drop_table("audit_archive_permit")
    op.drop_table("accounts")
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_index("ix_access_log_subject_seq")
        batch_op.drop_index("ix_access_log_at")
        batch_op.drop_index("ix_access_log_actor_seq")
        batch_op.drop_index("ix_access_log_action_seq")

    op.drop_table("access_log")
