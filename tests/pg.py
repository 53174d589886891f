"""The suite's own PostgreSQL clusters (see conftest's ``pg_cluster`` and the scrub test's cluster)."""

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


# The suite's server: a throw-away cluster, so durability is switched off.
FAST_SETTINGS = {"fsync": "off", "full_page_writes": "off", "max_connections": "200"}


class PgCluster:
    """A PostgreSQL cluster of the suite's own, in ``root`` (see cluster_base; the socket path must be
    short). ``initdb_args`` and ``settings`` (server options, ``-c name=value``) let a test module
    run one built for its purpose (see ``test_lifecycle_unrecoverable``)."""

    def __init__(
        self, root: Path, *, initdb_args: tuple[str, ...] = (), settings: dict[str, str] | None = None
    ) -> None:
        self.root = root
        self.data = root / "data"
        self.sock = root / "sock"
        self.port = _free_port()
        self.initdb_args = initdb_args
        self.settings = {**FAST_SETTINGS, **(settings or {})}
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
        self._run(
            initdb,
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
            *self.initdb_args,
        )
        options = " ".join(f"-c {k}={v}" for k, v in self.settings.items())
        # _free_port() only finds a port that was free a moment ago: another process (another
        # xdist worker's cluster) may take it first. Then the server fails to start; try another.
        for attempt in range(5):
            try:
                self._run(
                    pg_ctl,
                    "-D",
                    str(self.data),
                    "-w",
                    "-l",
                    str(self.data / "log"),
                    "-o",
                    f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 {options}",
                    "start",
                )
                return
            except subprocess.CalledProcessError:
                log = self.data / "log"
                text = log.read_text(errors="replace") if log.exists() else ""
                if attempt == 4 or "could not bind" not in text:
                    raise
                self.port = _free_port()

    def stop(self) -> None:
        pg_ctl = _find_pg_bin("pg_ctl")
        if pg_ctl:
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "stop")

    def url(self, dbname: str, user: str = "postgres") -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{dbname}"

    def execute(self, *statements: str, dbname: str = "postgres") -> None:
        """Run statements one by one, autocommit, as ``postgres`` (in the ``postgres`` database)."""
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname}", autocommit=True
        ) as conn:
            for sql in statements:
                conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, template: str | None = None, owner: str | None = None) -> str:
        """A new database, empty or a copy of ``template``, owned by ``owner`` (default: postgres).
        The copy is a file copy (two checkpoints, cheap here) rather than PostgreSQL 15's default,
        which writes the whole template (about 8 MiB) into the WAL once per test."""
        name = "t_" + uuid.uuid4().hex[:12]
        self.execute(
            f'CREATE DATABASE "{name}"'
            + (f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else "")
            + (f' OWNER "{owner}"' if owner else "")
        )
        return name

    def drop_database(self, name: str) -> None:
        """Best effort, after the test: keeps the cluster (in RAM, see cluster_base) small. FORCE ends
        what the test left connected (a pool, a killed child's session)."""
        import psycopg

        with contextlib.suppress(psycopg.Error):
            self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Each PostgreSQL test copies (and afterwards drops) a database of about 8 MiB. Measured on the
# project's machines (ext4 mounted with discard): 100 CREATE DATABASE … TEMPLATE took 18 s in /tmp
# and 4.4 s in /dev/shm (tmpfs), and the PostgreSQL half of five test modules 28 s against 16 s.
# So the clusters live in RAM when there is room, else in /tmp. A full run on 2 workers used at
# most 173 MiB of /dev/shm.
SHM_MIN_FREE = 1 << 30


def cluster_base() -> Path:
    """Where the suite's clusters go: $PRIVDESK_TEST_PG_BASE if set, else /dev/shm when it is a
    writable tmpfs with SHM_MIN_FREE bytes free, else /tmp."""
    if os.environ.get("PRIVDESK_TEST_PG_BASE"):
        return Path(os.environ["PRIVDESK_TEST_PG_BASE"])
    shm = Path("/dev/shm")
    try:
        st = os.statvfs(shm)
        if os.access(shm, os.W_OK | os.X_OK) and st.f_bavail * st.f_frsize >= SHM_MIN_FREE:
            return shm
    except OSError:
        pass
    return Path("/tmp")


@contextlib.contextmanager
def running_cluster(name: str, **kwargs: object) -> Iterator[PgCluster]:
    """Start a cluster (skip without the server binaries, fail in CI), stop and remove it after."""
    if _find_pg_bin("initdb") is None or _find_pg_bin("pg_ctl") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) are missing in CI")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: PostgreSQL tests skipped")
    root = cluster_base() / f"privdesk-{name}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    cluster = PgCluster(root, **kwargs)  # type: ignore[arg-type]
    try:
        try:
            cluster.start()
        except subprocess.CalledProcessError as exc:
            log = cluster.data / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"could not start PostgreSQL: {exc.stderr.decode(errors='replace')}\n{tail}")
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
