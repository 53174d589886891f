"""The PyInstaller one-folder build (build.spec) works as shipped: slow, run with ``pytest -m slow``.

The build runs once per module into a temporary work/dist folder; then the frozen binary is run as an
administrator would run it, from a folder outside the checkout, so nothing can come from the source tree.
Under pytest-xdist the whole module runs on one worker (``ONE_WORKER_MODULES`` in conftest), so the
build runs once.
"""

from __future__ import annotations

import importlib.util
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from privdesk import __version__
from privdesk.store.migrate import MIGRATIONS_DIR, head_revision
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXE_NAME = "privdesk.exe" if sys.platform == "win32" else "privdesk"


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build dist/privdesk with build.spec; returns the path of the frozen executable."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed in this environment (pip install 'privdesk[dev]')")
    base = tmp_path_factory.mktemp("frozen")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--workpath",
            str(base / "build"),
            "--distpath",
            str(base / "dist"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, f"PyInstaller failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}"
    exe = base / "dist" / "privdesk" / EXE_NAME
    assert exe.is_file(), f"no executable at {exe}"
    return exe


def run_frozen(
    exe: Path, *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    full_env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(exe), *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=timeout
    )


def bundle_dir(exe: Path) -> Path:
    """The folder PyInstaller unpacks to (sys._MEIPASS): ``_internal`` beside the executable."""
    internal = exe.parent / "_internal"
    return internal if internal.is_dir() else exe.parent


def test_version_prints_the_package_version(frozen: Path, tmp_path: Path) -> None:
    proc = run_frozen(frozen, "--version", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"privdesk {__version__}"


def test_usage_error_exits_2(frozen: Path, tmp_path: Path) -> None:
    proc = run_frozen(frozen, "no-such-command", cwd=tmp_path)
    assert proc.returncode == 2
    assert "no-such-command" in proc.stderr


def test_init_creates_schema_key_and_officer(frozen: Path, tmp_path: Path, empty_db_url: str) -> None:
    """init from the frozen build: migrations run from the bundled Alembic scripts on both backends."""
    key = tmp_path / "frozen.key"
    env = {"PRIVDESK_PASSWORD": OFFICER_PASSWORD}
    proc = run_frozen(
        frozen,
        "--db",
        empty_db_url,
        "--key-file",
        str(key),
        "init",
        "--officer",
        OFFICER_LOGIN,
        "--officer-name",
        "육의곤",
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert OFFICER_LOGIN in proc.stdout
    assert key.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600

    engine = create_engine(empty_db_url)
    try:
        assert {"accounts", "meta", "alembic_version"} <= set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            assert (
                conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
            )
            assert conn.execute(text("SELECT count(*) FROM accounts")).scalar_one() == 1
    finally:
        engine.dispose()

    # the officer logs in through the frozen CLI: Argon2id, the key check and decryption all work frozen
    listed = run_frozen(
        frozen,
        "--db",
        empty_db_url,
        "--key-file",
        str(key),
        "user",
        "list",
        "--as",
        OFFICER_LOGIN,
        cwd=tmp_path,
        env=env,
    )
    assert listed.returncode == 0, listed.stderr
    assert OFFICER_LOGIN in listed.stdout

    # a refused operation: exit 1 with a one-line Korean reason, not a traceback
    again = run_frozen(
        frozen,
        "--db",
        empty_db_url,
        "--key-file",
        str(key),
        "init",
        "--officer",
        OFFICER_LOGIN,
        "--officer-name",
        "육의곤",
        cwd=tmp_path,
        env=env,
    )
    assert again.returncode == 1
    assert again.stderr.startswith("privdesk: ")
    assert "Traceback" not in again.stderr
    assert any("\uac00" <= ch <= "\ud7a3" for ch in again.stderr)


def test_self_test_opens_and_closes_the_main_window(frozen: Path, tmp_path: Path) -> None:
    proc = run_frozen(frozen, "self-test", cwd=tmp_path)
    log = tmp_path / "logs" / "privdesk.log"  # PRIVDESK_LOG_DIR, set by conftest
    log_tail = log.read_text(encoding="utf-8")[-4000:] if log.is_file() else "(no log file)"
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}\nlog:\n{log_tail}"


def test_bundle_carries_fonts_migrations_and_trimmed_qt(frozen: Path) -> None:
    meipass = bundle_dir(frozen)
    fonts = meipass / "resources" / "fonts"
    for name in ("NanumGothic.ttf", "NanumGothicBold.ttf", "OFL.txt"):
        assert (fonts / name).is_file(), name
    assert (fonts / "NanumGothic.ttf").read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines
    assert (meipass / "resources" / "profile" / "default.toml").is_file()

    # privdesk.store.migrate computes MIGRATIONS_DIR from __file__: <bundle>/privdesk/store/migrations
    bundled = meipass / "privdesk" / "store" / "migrations"
    assert (bundled / "env.py").is_file() and (bundled / "script.py.mako").is_file()
    assert sorted(p.name for p in (bundled / "versions").glob("*.py")) == sorted(
        p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py")
    )

    names = {p.name for p in meipass.rglob("*") if p.is_file() or p.is_symlink()}
    for heavy in ("Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt6Multimedia", "Qt6Charts", "Qt63D", "libqgtk3"):
        assert not any(heavy in n for n in names), f"{heavy} should not be bundled"
    for needed in ("Qt6Widgets", "Qt6PrintSupport", "Qt6Pdf", "Qt6Svg", "qoffscreen"):
        assert any(needed in n for n in names), f"{needed} is missing from the bundle"
    qt_translations = [n for n in names if n.startswith("qt") and n.endswith(".qm")]
    assert qt_translations, "Qt's own translations (Korean dialogs) are missing"
    assert all(n.endswith(("_ko.qm", "_en.qm")) for n in qt_translations)
    assert not any(n.startswith(("tkinter", "_tkinter")) for n in names)
