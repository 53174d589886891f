"""Helpers for tests (import as ``from tests.helpers import ...``)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine

OFFICER_LOGIN = "yook"
OFFICER_PASSWORD = "Officer-pass1"


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m privdesk`` in a child process, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "privdesk", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


@contextlib.contextmanager
def owner_engine(ctx: Any) -> Iterator[Engine]:
    """An engine with the tables' owner's rights (PostgreSQL: the suite's superuser on the same
    database; SQLite: the file itself, as anyone who can write it) — what an intruder with
    database access uses to go around privdesk."""
    if ctx.engine.dialect.name == "sqlite":
        yield ctx.engine
        return
    from sqlalchemy import create_engine

    engine = create_engine(ctx.engine.url.set(username="postgres"))
    try:
        yield engine
    finally:
        engine.dispose()


def wait_for(predicate, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False
