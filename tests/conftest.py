"""Shared fixtures: real SQLite files, a real PostgreSQL server started by the suite, contexts.

Every test gets its own database (a fresh SQLite file, or a fresh database on the suite's
PostgreSQL cluster). ``backend`` is parametrised over both wherever a test asks for ``db_url``.
PostgreSQL tests skip with a visible reason only when the server binaries are missing; in CI
(``CI=true``) a missing server is an error, not a skip.

``db_url`` (and so ``ctx``, ``sqlite_ctx``) is a copy of a template that the session migrated once
to the head revision: schema only, no rows, exactly what a fresh database holds after
``migrate.upgrade`` (on PostgreSQL ``CREATE DATABASE … TEMPLATE``, on SQLite a copy of the file).
A test that must start from a truly empty database (the migrations themselves, ``init`` creating
the schema) asks for ``empty_db_url`` (or ``sqlite_url``: a file not yet created) instead.

Under pytest-xdist every worker is its own session: it starts its own cluster (its own port and
folder) and migrates its own template.
"""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.pg import PgCluster, running_cluster

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Every PostgreSQL test reaches its database as the workstations' role of the README: it owns the
# database (for a destruction's VACUUM FULL) but no table, so it cannot disable a trigger or drop a
# table; what an intruder with the owner's rights does goes through tests.helpers.owner_engine.
APP_ROLE = "privdesk_app"

# Cheap Argon2id for tests (the parameters are stored in each hash; production uses the defaults).
_TEST_CONFIG = """
[security]
password_hash_memory_kib = 1024
password_hash_iterations = 1
password_hash_lanes = 1
"""


# -- pytest-xdist ---------------------------------------------------------------------------------
# Test modules whose tests must all run on one worker, in one go: their module-scoped fixture is too
# costly to build twice (test_frozen builds the application with PyInstaller, ~35 s, and two
# concurrent builds would also share PyInstaller's cache folder).
ONE_WORKER_MODULES = ("tests/test_frozen.py",)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):  # type: ignore[no-untyped-def]
    """``-n N`` (``--dist load``): one test at a time to whichever worker is free, except that each
    module of ONE_WORKER_MODULES is a single unit, sent first (it is the longest).

    xdist's own ``--dist loadgroup`` with an ``xdist_group`` mark would do this, but it marks the
    group by rewriting the items' node ids, which pytest 9.2 no longer allows: the group was split
    across both workers and the application built twice, concurrently."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_WORKER_MODULES else nodeid

    config.option.loadscopereorder = True  # the largest unit (a whole module) goes out first
    return Scheduling(config, log)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    with running_cluster("pg") as cluster:
        cluster.execute(f"CREATE ROLE {APP_ROLE} LOGIN")
        yield cluster


@pytest.fixture(scope="session")
def pg_template(pg_cluster: PgCluster) -> str:
    """A database migrated once to the head revision, copied for every PostgreSQL test.
    Nobody may connect to it afterwards (CREATE DATABASE … TEMPLATE needs it idle)."""
    from privdesk.audit.protections import grant_statements
    from privdesk.store import migrate
    from privdesk.store.engine import make_engine

    name = pg_cluster.create_database()
    engine = make_engine(pg_cluster.url(name))
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    # the README's set-up: the tables and the public schema belong to the owner (here the
    # superuser), the workstations' role gets rows only (privdesk db grant)
    pg_cluster.execute("ALTER SCHEMA public OWNER TO postgres", *grant_statements(APP_ROLE), dbname=name)
    pg_cluster.execute(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
    return name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once to the head revision (no rows), copied for the SQLite tests:
    initialize() then took 34 ms instead of 80 ms (median of 60)."""
    from privdesk.store import migrate
    from privdesk.store.engine import make_engine

    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()  # the last connection checkpoints the WAL into the file and removes it
    assert not Path(f"{path}-wal").exists()
    return path


def _copy_of(template: Path, tmp_path: Path) -> str:
    """A private copy of the migrated template, owner-only like the files the application makes."""
    path = tmp_path / "privdesk.sqlite3"
    shutil.copyfile(template, path)
    path.chmod(0o600)
    return f"sqlite:///{path}"


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A new database, migrated to the head revision and empty (what ``migrate.upgrade`` would
    leave; ``initialize`` takes it from there): a copy of a template, as a SQLite file or a
    PostgreSQL database."""
    if backend == "sqlite":
        yield _copy_of(request.getfixturevalue("sqlite_template"), tmp_path)
        return
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database(template=request.getfixturevalue("pg_template"), owner=APP_ROLE)
    yield cluster.url(name, user=APP_ROLE)
    cluster.drop_database(name)


@pytest.fixture
def empty_db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A truly empty database (no schema, no alembic_version) for tests of the migrations and
    of ``init`` creating the schema."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'privdesk.sqlite3'}"
        return
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database()
    yield cluster.url(name)
    cluster.drop_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file not yet created (the first-run wizard creates it)."""
    return f"sqlite:///{tmp_path / 'privdesk.sqlite3'}"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's real config, data folder or log folder."""
    cfg = tmp_path / "config.toml"
    cfg.write_text(_TEST_CONFIG, encoding="utf-8")
    monkeypatch.setenv("PRIVDESK_CONFIG", str(cfg))
    monkeypatch.setenv("PRIVDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # column widths, window geometry, the last page: a fresh file per test, never the developer's
    monkeypatch.setenv("PRIVDESK_UI_SETTINGS", str(tmp_path / "ui.ini"))
    for name in ("PRIVDESK_DB", "PRIVDESK_KEY_FILE", "PRIVDESK_PASSWORD", "PRIVDESK_NEW_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _gui_thread_collection(request: pytest.FixtureRequest) -> Iterator[None]:
    """Widget tests collect garbage on the GUI thread only, as the application does
    (privdesk.ui.collector): a window dropped by a test must never be destroyed by a collection
    that happens to run on a task worker. After the test, one full collection, here."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from privdesk.ui.collector import MainThreadCollector

    request.getfixturevalue("qapp")
    collector = MainThreadCollector()
    collector.start()
    try:
        yield
    finally:
        collector.stop()
        collector.deleteLater()
        # What survived that collection is held by something longer-lived than the test (module
        # state, caches, what earlier tests left behind) and grows through the session: about
        # 2,000 objects a test, so the full collection above took 0.9 s per widget test by the
        # end of a run (95 s in all). Freezing the survivors (gc.freeze) leaves them out of every
        # later collection; the next widget test's collection sees only what came after.
        gc.freeze()


@pytest.fixture
def settings_for(tmp_path: Path):  # type: ignore[no-untyped-def]
    from privdesk.settings import load_settings

    def make(url: str, key_name: str = "privdesk.key"):  # type: ignore[no-untyped-def]
        return load_settings(db=url, key_file=tmp_path / key_name)

    return make


def assert_intact(context) -> None:  # type: ignore[no-untyped-def]
    """Whatever a test did through privdesk, the evidence still holds: the chain verifies, every
    row proof matches, every protection is on. (Tests that tamper on purpose are marked
    ``tampers``.) This is the net that catches a write path that forgot its row proof."""
    from privdesk.audit.findings import NOTHING
    from privdesk.crypto import load_key_file
    from privdesk.integrity import inspect_all

    if context.settings.key_file.exists():  # a key rotation (perhaps in another process) changed it
        context.use_keys(load_key_file(context.settings.key_file))
    chain, found = inspect_all(context, NOTHING)
    assert chain.ok, chain.message
    assert [p.message for p in found.problems] == []


@pytest.fixture
def ctx(db_url: str, settings_for, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """An initialised database (both backends) with the privacy officer ``yook``."""
    from privdesk.bootstrap import initialize

    context = initialize(
        settings_for(db_url), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD
    )
    yield context
    try:
        if request.node.get_closest_marker("tampers") is None:
            assert_intact(context)
    finally:
        context.engine.dispose()


@pytest.fixture
def sqlite_ctx(sqlite_template: Path, tmp_path: Path, settings_for, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """``ctx`` on SQLite only."""
    from privdesk.bootstrap import initialize

    context = initialize(
        settings_for(_copy_of(sqlite_template, tmp_path)),
        officer_login=OFFICER_LOGIN,
        officer_name="육의곤",
        password=OFFICER_PASSWORD,
    )
    yield context
    try:
        if request.node.get_closest_marker("tampers") is None:
            assert_intact(context)
    finally:
        context.engine.dispose()
