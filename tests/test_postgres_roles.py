"""The PostgreSQL set-up of the README: the tables belong to an owner role only the administrator
uses; the workstations connect as a role that owns no table. Checked here: the workstations' role
does its daily work (incl. a destruction, whose ``VACUUM FULL`` it may run as the database's
owner), and it cannot disable a trigger, drop or truncate a table, or change the append-only
rows; what the owner's role does behind privdesk's back is named by ``audit verify``."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from privdesk.accounts import users
from privdesk.bootstrap import initialize
from privdesk.context import AppContext
from privdesk.errors import ConfigError
from privdesk.integrity import verify_all
from privdesk.opening import open_context
from privdesk.registry.patients import create_patient
from privdesk.registry.search import search
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, run_cli
from tests.test_registry_patients import hong

pytestmark = pytest.mark.postgres


@dataclass
class Shared:
    owner_url: str
    app_url: str
    admin_dsn: str
    app: AppContext


def _admin(dsn: str, *statements: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        for stmt in statements:
            conn.execute(stmt)  # type: ignore[arg-type]


@pytest.fixture
def shared(pg_cluster, settings_for) -> Iterator[Shared]:  # type: ignore[no-untyped-def]
    """The README's steps: two roles, the database owned by the workstations' role (so it may
    VACUUM), the public schema and every table owned by the owner role; init as the owner;
    ``privdesk db grant``; the workstations open it as the app role."""
    tag = uuid.uuid4().hex[:8]
    owner, app, db = f"owner_{tag}", f"app_{tag}", f"shared_{tag}"
    server = f"host=127.0.0.1 port={pg_cluster.port} user=postgres"
    _admin(
        f"{server} dbname=postgres",
        f"CREATE ROLE {owner} LOGIN",
        f"CREATE ROLE {app} LOGIN",
        f"CREATE DATABASE {db} OWNER {app}",
        f"GRANT CREATE ON DATABASE {db} TO {owner}",
    )
    _admin(f"{server} dbname={db}", f"ALTER SCHEMA public OWNER TO {owner}")
    base = f"postgresql+psycopg://{{}}@127.0.0.1:{pg_cluster.port}/{db}"
    owner_url, app_url = base.format(owner), base.format(app)
    ctx = initialize(
        settings_for(owner_url), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD
    )
    ctx.engine.dispose()
    env = {"PRIVDESK_DB": owner_url, "PRIVDESK_KEY_FILE": str(ctx.settings.key_file)}
    r = run_cli("db", "grant", app, env=env)
    assert r.returncode == 0, r.stderr
    app_ctx = open_context(replace(ctx.settings, db_url=app_url))
    yield Shared(owner_url, app_url, f"{server} dbname={db}", app_ctx)
    app_ctx.engine.dispose()


def refused(ctx: AppContext, statement: str) -> str:
    with pytest.raises(DBAPIError) as err, ctx.engine.begin() as conn:
        conn.execute(text(statement))
    return str(err.value.orig)


def test_the_workstations_role_does_the_daily_work(shared: Shared) -> None:
    ctx = shared.app
    officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    created = create_patient(ctx, officer, hong())
    assert [r.chart_no for r in search(ctx, officer, "900101-1234568").rows] == [created.chart_no]
    # a destruction: its VACUUM FULL is allowed to the database's owner (the statistics are not)
    import datetime as dt

    from privdesk.accounts.users import login
    from privdesk.lifecycle import destruction, separation
    from tests.lifecycle_support import add_marked, years_ago

    old = add_marked(ctx, officer, 1, last_visit=years_ago(6))
    separation.run_retention(ctx)
    plan = destruction.create_plan(ctx, officer, today=dt.date.today() + dt.timedelta(days=800))
    destruction.approve_plan(ctx, officer, plan.id, OFFICER_PASSWORD)
    assert destruction.execute_plan(ctx, officer, plan.id).destroyed >= 1
    with ctx.engine.connect() as conn:
        note = conn.execute(
            text("SELECT detail FROM access_log WHERE subject = :s AND action = 'system'"),
            {"s": f"destruction_plan:{plan.id}"},
        ).scalar_one()
        left = conn.execute(text("SELECT name FROM patients WHERE id = :i"), {"i": old.id}).scalar_one()
    assert note == "scrub: vacuum full; statistics not cleared (needs a superuser)" and left == ""
    report = verify_all(ctx, login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD))
    assert report.ok, report.messages


def test_the_workstations_role_cannot_switch_off_or_get_round_the_protections(shared: Shared) -> None:
    ctx = shared.app
    assert "must be owner" in refused(ctx, "ALTER TABLE access_log DISABLE TRIGGER USER")
    assert "must be owner" in refused(ctx, "ALTER TABLE cctv_ledger DISABLE TRIGGER ALL")
    assert "must be owner" in refused(ctx, "DROP TABLE access_log")
    assert "must be owner" in refused(ctx, "DROP TRIGGER access_log_append_only ON access_log")
    assert "permission denied" in refused(ctx, "TRUNCATE access_log")
    assert "permission denied" in refused(ctx, "UPDATE access_log SET detail = 'x' WHERE seq = 1")
    assert "append-only" in refused(ctx, "DELETE FROM access_log WHERE seq = 1")
    assert "permission denied" in refused(ctx, "DELETE FROM permission_changes")
    assert "permission denied" in refused(ctx, "UPDATE alembic_version SET version_num = '0001'")
    assert "permission denied" in refused(ctx, "SET session_replication_role = replica")


def test_what_the_owners_role_does_is_named_by_verify(shared: Shared) -> None:
    owner = create_engine(shared.owner_url)
    try:
        with owner.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE access_log DISABLE TRIGGER access_log_append_only")
    finally:
        owner.dispose()
    officer = users.login(shared.app, OFFICER_LOGIN, OFFICER_PASSWORD)
    report = verify_all(shared.app, officer)
    assert not report.ok and "access_log_append_only" in report.problems[0].message
    assert "꺼져 있습니다" in report.problems[0].message


def test_an_upgrade_needs_the_owner_and_says_so(shared: Shared) -> None:
    _admin(shared.admin_dsn, "UPDATE alembic_version SET version_num = '0400'")  # as if a new release came
    with pytest.raises(ConfigError, match="privdesk db upgrade"):
        open_context(shared.app.settings)
