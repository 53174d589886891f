"""Shared fixtures: real SQLite files, a real PostgreSQL server started by the suite, contexts.

Every test gets its own database (a fresh SQLite file, or a fresh database on the suite's
PostgreSQL cluster). ``backend`` is parametrised over both wherever a test asks for ``db_url``.
PostgreSQL tests skip with a visible reason only when the server binaries are missing; in CI
(``CI=true``) a missing server is an error, not a skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Cheap Argon2id for tests (the parameters are stored in each hash; production uses the defaults).
_TEST_CONFIG = """
[security]
password_hash_memory_kib = 1024
password_hash_iterations = 1
password_hash_lanes = 1
"""


def _find_pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / name).exists():
            return str(base / name)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.sock = root / "sock"
        self.port = _free_port()
        self.as_root = hasattr(os, "geteuid") and os.geteuid() == 0

    def _run(self, *cmd: str) -> None:
        full = ["runuser", "-u", "postgres", "--", *cmd] if self.as_root else list(cmd)
        subprocess.run(full, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        initdb, pg_ctl = _find_pg_bin("initdb"), _find_pg_bin("pg_ctl")
        assert initdb and pg_ctl
        for d in (self.root, self.data, self.sock):
            d.mkdir(parents=True, exist_ok=True)
            if self.as_root:
                shutil.chown(d, "postgres", "postgres")
        self._run(initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self._run(pg_ctl, "-D", str(self.data), "-w", "-l", str(self.data / "log"), "-o",
                  f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off "
                  "-c full_page_writes=off -c max_connections=200", "start")

    def stop(self) -> None:
        pg_ctl = _find_pg_bin("pg_ctl")
        if pg_ctl:
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "stop")

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgCluster]:
    if _find_pg_bin("initdb") is None or _find_pg_bin("pg_ctl") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) are missing in CI")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: PostgreSQL tests skipped")
    root = Path("/tmp") / f"privdesk-pg-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    cluster = PgCluster(root)
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"could not start PostgreSQL: {exc.stderr.decode(errors='replace')}")
    yield cluster
    cluster.stop()
    shutil.rmtree(root, ignore_errors=True)


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


def assert_intact(context) -> None:  # type: ignore[no-untyped-def]
    """Whatever a test did through privdesk, the evidence still holds: the chain verifies, every
    row proof matches, every protection is on. (Tests that tamper on purpose are marked
    ``tampers``.) This is the net that catches a write path that forgot its row proof."""
    from privdesk.audit.findings import NOTHING
    from privdesk.integrity import inspect_all

    chain, found = inspect_all(context, NOTHING)
    assert chain.ok, chain.message
    assert [p.message for p in found.problems] == []


@pytest.fixture
def ctx(db_url: str, settings_for, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """An initialised database (both backends) with the privacy officer ``yook``."""
    from privdesk.bootstrap import initialize

    context = initialize(settings_for(db_url), officer_login=OFFICER_LOGIN, officer_name="육의곤",
                         password=OFFICER_PASSWORD)
    yield context
    try:
        if request.node.get_closest_marker("tampers") is None:
            assert_intact(context)
    finally:
        context.engine.dispose()


@pytest.fixture
def sqlite_ctx(sqlite_url: str, settings_for, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    from privdesk.bootstrap import initialize

    context = initialize(settings_for(sqlite_url), officer_login=OFFICER_LOGIN, officer_name="육의곤",
                         password=OFFICER_PASSWORD)
    yield context
    try:
        if request.node.get_closest_marker("tampers") is None:
            assert_intact(context)
    finally:
        context.engine.dispose()
