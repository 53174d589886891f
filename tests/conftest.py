"""Shared fixtures: real SQLite files, a real PostgreSQL server started by the suite, contexts.

Every test gets its own database (a fresh SQLite file, or a fresh database on the suite's
PostgreSQL cluster). ``backend`` is parametrised over both wherever a test asks for ``db_url``.
PostgreSQL tests skip with a visible reason only when the server binaries are missing; in CI
(``CI=true``) a missing server is an error, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.pg import PgCluster, running_cluster

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Cheap Argon2id for tests (the parameters are stored in each hash; production uses the defaults).
_TEST_CONFIG = """
[security]
password_hash_memory_kib = 1024
password_hash_iterations = 1
password_hash_lanes = 1
"""


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    with running_cluster("pg") as cluster:
        yield cluster


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'privdesk.sqlite3'}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.url(cluster.create_database())


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
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


@pytest.fixture
def settings_for(tmp_path: Path):  # type: ignore[no-untyped-def]
    from privdesk.settings import load_settings

    def make(url: str, key_name: str = "privdesk.key"):  # type: ignore[no-untyped-def]
        return load_settings(db=url, key_file=tmp_path / key_name)

    return make


@pytest.fixture
def ctx(db_url: str, settings_for):  # type: ignore[no-untyped-def]
    """An initialised database (both backends) with the privacy officer ``yook``."""
    from privdesk.bootstrap import initialize

    context = initialize(settings_for(db_url), officer_login=OFFICER_LOGIN, officer_name="육의곤",
                         password=OFFICER_PASSWORD)
    yield context
    context.engine.dispose()


@pytest.fixture
def sqlite_ctx(sqlite_url: str, settings_for):  # type: ignore[no-untyped-def]
    from privdesk.bootstrap import initialize

    context = initialize(settings_for(sqlite_url), officer_login=OFFICER_LOGIN, officer_name="육의곤",
                         password=OFFICER_PASSWORD)
    yield context
    context.engine.dispose()
