"""Helpers for the hardening tests (issue 10; this module holds no tests): the command line run as
a user would, a clean Korean failure, files compared byte for byte, and real broken machines —
a full disk, a read-only disk, a folder without permission — made in a private mount namespace
(``unshare -m``) so nothing outside the test ever sees them."""

from __future__ import annotations

import functools
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from privdesk.context import AppContext
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, run_cli


def db_args(ctx: AppContext) -> list[str]:
    return ["--db", ctx.settings.db_url, "--key-file", str(ctx.settings.key_file)]


def cli(
    ctx: AppContext, *args: str, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``privdesk --db … --key-file … ARGS`` in a child process, logging in as the officer."""
    return run_cli(
        *db_args(ctx), *args, env={"PRIVDESK_PASSWORD": OFFICER_PASSWORD, **(env or {})}, timeout=timeout
    )


def as_officer() -> list[str]:
    return ["--as", OFFICER_LOGIN]


def assert_refused(r: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 1 with a one-line Korean reason on stderr: no traceback, never "예기치 않은 오류"."""
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "예기치 않은 오류" not in r.stderr, r.stderr
    lines = [
        line
        for line in r.stderr.splitlines()
        if line.startswith("privdesk: ") and not line.startswith("privdesk: 알림")
    ]
    assert len(lines) == 1, r.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def snapshot(path: Path) -> tuple[bytes, int]:
    """A file's bytes and mode (following no link)."""
    st = os.lstat(path)
    return path.read_bytes(), st.st_mode


@functools.cache
def _namespaces_work() -> str:
    """'' when this machine lets the tests mount in a private namespace, else why not."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "mount namespaces need root"
    try:
        r = subprocess.run(
            ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt"],
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unshare is not available ({exc.__class__.__name__})"
    return "" if r.returncode == 0 else "this machine does not allow mounting in a namespace"


def need_namespaces() -> None:
    why = _namespaces_work()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)


def run_cli_in_namespace(
    setup: str, args: list[str], *, after: str = "", env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``privdesk ARGS`` in a private mount namespace after the shell commands ``setup``
    (mounts), then ``after`` (e.g. list what is left in a folder that only exists in there)."""
    need_namespaces()
    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "privdesk", *args])
    script = f"set -e\n{setup}\nset +e\n{command}\nrc=$?\n{after}\nexit $rc\n"
    full_env = {**os.environ, "PRIVDESK_PASSWORD": OFFICER_PASSWORD, **(env or {})}
    return subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


def tmpfs(folder: Path, size: str) -> str:
    """Shell commands: a tmpfs of ``size`` over ``folder`` (which must exist)."""
    return f"mount -t tmpfs -o size={size},mode=0755 tmpfs {shlex.quote(str(folder))}"


def read_only(folder: Path) -> str:
    """Shell commands: ``folder`` made read-only (a read-only bind mount of itself)."""
    q = shlex.quote(str(folder))
    return f"mount --bind {q} {q}\nmount -o remount,ro,bind {q}"


def log_text(tmp_path: Path) -> str:
    """The rotating log file the child processes wrote (PRIVDESK_LOG_DIR is per test)."""
    path = tmp_path / "logs" / "privdesk.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def run_cli_without_file_override(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``privdesk ARGS`` as root without the right to override file permissions (as an ordinary
    user is): a folder mode 0500 is then really not writable."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return run_cli(*args, env={"PRIVDESK_PASSWORD": OFFICER_PASSWORD, **(env or {})}, timeout=timeout)
    full_env = {**os.environ, "PRIVDESK_PASSWORD": OFFICER_PASSWORD, **(env or {})}
    return subprocess.run(
        [
            "setpriv",
            "--bounding-set",
            "-dac_override,-dac_read_search",
            "--",
            sys.executable,
            "-m",
            "privdesk",
            *args,
        ],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
