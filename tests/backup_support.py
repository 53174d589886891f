"""Helpers of the backup and restore tests (this module holds no tests): a context with a backup
folder, the empty database of "another workstation" to restore into, the command line, and a kill
-9 at a chosen point of a real ``privdesk`` process."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from privdesk.context import AppContext
from privdesk.registry.models import Patient
from privdesk.settings import BackupSettings, Settings, load_settings
from tests.helpers import OFFICER_PASSWORD

KILLED = -signal.SIGKILL


def with_folder(ctx: AppContext, folder: Path, **kw: object) -> Path:
    """Give ``ctx`` a backup folder (as ``[backup] folder`` would)."""
    folder.mkdir(parents=True, exist_ok=True)
    ctx.settings = dataclasses.replace(ctx.settings, backup=BackupSettings(folder=folder, **kw))  # type: ignore[arg-type]
    return folder


def config_with_folder(tmp_path: Path, folder: Path) -> None:
    """The test's config file (PRIVDESK_CONFIG) with the backup folder, for child processes."""
    cfg = tmp_path / "config.toml"
    text = cfg.read_text(encoding="utf-8")
    if "[backup]" not in text:
        cfg.write_text(text + f'\n[backup]\nfolder = "{folder}"\n', encoding="utf-8")


@pytest.fixture
def target_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database to restore into: a SQLite file not yet there (in a folder of its own), or a
    new empty PostgreSQL database reached as its owner."""
    if backend == "sqlite":
        folder = tmp_path / "other-workstation"
        folder.mkdir()
        return f"sqlite:///{folder / 'privdesk.sqlite3'}"
    return str(request.getfixturevalue("empty_db_url"))


def target_settings(ctx: AppContext, url: str, tmp_path: Path) -> Settings:
    """The settings of another workstation: the same key file, its own witness file."""
    s = load_settings(db=url, key_file=ctx.settings.key_file)
    return dataclasses.replace(s, witness_file=tmp_path / "other-workstation-witness.log")


def target_env(ctx: AppContext, url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "PRIVDESK_DB": url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_WITNESS_FILE": str(tmp_path / "other-workstation-witness.log"),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }


def source_env(ctx: AppContext) -> dict[str, str]:
    return {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }


def patients(ctx: AppContext) -> int:
    with ctx.session() as s:
        return int(s.execute(select(func.count()).select_from(Patient)).scalar_one())


# A real privdesk process that kills itself (SIGKILL: nothing runs after it, no finally, no atexit)
# at the n-th call of a function — a kill -9 at a chosen, repeatable point, with no hook in the code.
_KILLER = """
import functools, importlib, os, signal, sys
target, nth = sys.argv[1], int(sys.argv[2])
module_name, _, attr = target.partition(":")
owner = importlib.import_module(module_name)
*path, name = attr.split(".")
for part in path:
    owner = getattr(owner, part)
original = getattr(owner, name)
calls = [0]
@functools.wraps(original)
def killer(*args, **kwargs):
    calls[0] += 1
    if calls[0] == nth:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args, **kwargs)
setattr(owner, name, killer)
from privdesk.cli import main
sys.exit(main(sys.argv[3:]))
"""


def killed_at(
    target: str, nth: int, *args: str, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run ``privdesk ARGS`` and SIGKILL it at the ``nth`` call of ``module:attr.path``."""
    return subprocess.run(
        [sys.executable, "-c", _KILLER, target, str(nth), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        cwd=Path(__file__).resolve().parents[1],
    )
