"""``scripts/start.sh`` on a machine without a screen (issue 14, "No screen"): it says so in Korean and
English, points to ``privdesk demo --no-gui`` and the command line, and stops with exit code 3 —
unless asked for a virtual screen (``--virtual-screen``: xvfb-run, as before).

The script runs for real in a copy of the repository's layout whose ``scripts/install.sh``,
``.venv/bin/privdesk`` and ``xvfb-run`` are stand-ins that only write down that they ran: nothing
is installed and no window opens."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run_cli

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "start.sh"
NO_SCREEN = 3
SCREEN_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _env(tmp_path: Path, **screen: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCREEN_VARS}
    env["PATH"] = f"{tmp_path / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.update(screen)
    return env


def _stand_in(path: Path, name: str, log: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n', encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The script in a checkout whose installer, privdesk and xvfb-run only log that they ran."""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(SCRIPT, root / "scripts" / "start.sh")
    log = tmp_path / "ran.log"
    (root / "scripts" / "install.sh").write_text(f'echo "install" >> "{log}"\n', encoding="utf-8")
    _stand_in(root / ".venv" / "bin" / "privdesk", "privdesk", log)
    _stand_in(tmp_path / "bin" / "xvfb-run", "xvfb-run", log)
    return root


def _start(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(root / "scripts" / "start.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _ran(tmp_path: Path) -> list[str]:
    log = tmp_path / "ran.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def _says_no_screen(stderr: str) -> None:
    assert "화면(디스플레이)이 없습니다" in stderr and "No screen (display) found" in stderr
    assert ".venv/bin/privdesk demo --no-gui" in stderr
    assert ".venv/bin/privdesk --help" in stderr
    assert "bash scripts/start.sh --virtual-screen" in stderr


def test_the_screen_check_alone_without_a_display(tmp_path: Path) -> None:
    done = _start(SCRIPT.parents[1], _env(tmp_path), "--check-screen")
    assert done.returncode == NO_SCREEN
    _says_no_screen(done.stderr)
    assert done.stdout == ""


@pytest.mark.parametrize(
    "screen", [{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}, {"QT_QPA_PLATFORM": "eglfs"}]
)
def test_the_screen_check_alone_with_a_display(tmp_path: Path, screen: dict[str, str]) -> None:
    done = _start(SCRIPT.parents[1], _env(tmp_path, **screen), "--check-screen")
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize(
    "nowhere",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "minimal"},
        {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"},
    ],
)
def test_qt_told_to_draw_nowhere_is_no_screen(tmp_path: Path, nowhere: dict[str, str]) -> None:
    done = _start(SCRIPT.parents[1], _env(tmp_path, **nowhere), "--check-screen")
    assert done.returncode == NO_SCREEN
    _says_no_screen(done.stderr)


def test_without_a_screen_it_installs_then_stops_and_says_why(checkout: Path, tmp_path: Path) -> None:
    done = _start(checkout, _env(tmp_path), "demo")
    assert done.returncode == NO_SCREEN
    _says_no_screen(done.stderr)
    assert _ran(tmp_path) == ["install"]  # installed (so the commands it names work); no window


def test_with_a_screen_it_starts_privdesk_with_the_arguments(checkout: Path, tmp_path: Path) -> None:
    done = _start(checkout, _env(tmp_path, DISPLAY=":0"), "demo", "--patients", "10")
    assert done.returncode == 0, done.stderr
    assert _ran(tmp_path) == ["install", "privdesk demo --patients 10"]


def test_a_virtual_screen_only_when_asked(checkout: Path, tmp_path: Path) -> None:
    done = _start(checkout, _env(tmp_path), "--virtual-screen", "demo")
    assert done.returncode == 0, done.stderr
    assert "xvfb-run" in done.stderr
    ran = _ran(tmp_path)
    assert ran[0] == "install" and ran[1].startswith("xvfb-run -a -s -screen 0 1440x900x24 ")
    assert ran[1].endswith(".venv/bin/privdesk demo")  # the flag itself is not passed on to privdesk


def test_the_commands_the_message_names_exist() -> None:
    demo = run_cli("demo", "--help")
    assert demo.returncode == 0 and "--no-gui" in demo.stdout
    top = run_cli("--help")
    assert top.returncode == 0 and "demo" in top.stdout
