"""Helpers for tests (import as ``from tests.helpers import ...``)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine

OFFICER_LOGIN = "yook"
OFFICER_PASSWORD = "Officer-pass1"


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120, process: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run privdesk's command line as a user would and return its exit code, stdout and stderr.

    By default in this process, through :func:`privdesk.cli.main` (the contract is the same:
    arguments, environment, exit code — argparse's 2 included —, the two streams; stdin is empty and
    not a terminal, as in CI), which saves a Python start-up per call. ``process=True`` runs
    ``python -m privdesk`` in a child where a process is the point (start-up, a kill, the
    interpreter's own output)."""
    if process:
        full_env = {**os.environ, **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "privdesk", *args],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
        )
    return _in_process(list(args), env or {})


def _in_process(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    from privdesk.cli import main

    saved_env = dict(os.environ)
    saved_stdin = sys.stdin
    out, err = io.StringIO(), io.StringIO()
    os.environ.update(env)
    sys.stdin = io.StringIO("")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse: --help (0), usage errors (2)
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin = saved_stdin
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["privdesk", *args], code, out.getvalue(), err.getvalue())


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
