"""Helpers for tests (import as ``from tests.helpers import ...``)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

OFFICER_LOGIN = "yook"
OFFICER_PASSWORD = "Officer-pass1"


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m privdesk`` in a child process, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "privdesk", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


def wait_for(predicate, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False
