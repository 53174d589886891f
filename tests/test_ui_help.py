"""도움말(H): 정보 (version, database, key file, schema, the log's head and witness — no password),
사용 설명서 (the README's section, also from the packaged copy) and 단축키 (from the table)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from privdesk import __version__
from privdesk.context import AppContext
from privdesk.resources import readme_path
from privdesk.store.migrate import head_revision
from privdesk.ui.help import AboutDialog, GuideDialog, ShortcutsDialog, guide_markdown
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.shortcuts import SHORTCUTS
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import officer
from tests.ui_cctv_support import runner_fixture, settle

__all__ = ["runner_fixture"]

ROOT = Path(__file__).resolve().parent.parent


def open_window(qtbot, ctx: AppContext, runner: TaskRunner) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx, runner, officer(ctx), idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    settle(qtbot, runner)
    return win


def test_the_help_menu_sits_beside_the_account_menu(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    win = open_window(qtbot, sqlite_ctx, runner)
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles.index("도움말(&H)") == titles.index("계정(&A)") + 1
    menu = win.menuBar().actions()[titles.index("도움말(&H)")].menu()
    assert menu is not None
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == ["사용 설명서", "단축키", "정보…"]
    win.close()
    settle(qtbot, runner)


def test_about_shows_what_this_installation_is_without_a_password(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    win = open_window(qtbot, sqlite_ctx, runner)
    win.about_action.trigger()
    dialog = win.help_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=10_000)
    text = {k: label.text() for k, label in dialog.labels.items()}
    assert text["version"] == __version__
    assert text["database"] == "SQLite"
    db_file = sqlite_ctx.settings.db_url.split("///", 1)[1]
    assert text["location"] == str(Path(db_file).resolve())
    assert text["key"] == str(sqlite_ctx.settings.key_file)
    assert text["schema"] == f"{head_revision()} (최신)"
    seq, _, prefix = text["head"].partition("·")
    assert seq.isdigit() and len(prefix) == 12  # the head as printed on paper
    assert text["witness"].split("번")[0].isdigit()  # the login was witnessed on this PC
    assert text["witness_file"] == str(sqlite_ctx.witness.path)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    win.close()
    settle(qtbot, runner)


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_about_on_postgresql_names_the_server_and_never_the_password(
    qtbot, ctx: AppContext, runner: TaskRunner
) -> None:
    win = open_window(qtbot, ctx, runner)
    dialog = win.open_about()
    assert isinstance(dialog, AboutDialog)
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=10_000)
    assert dialog.labels["database"].text() == "PostgreSQL"
    location = dialog.labels["location"].text()
    assert location.startswith("postgresql://") and "@" not in location
    password = ctx.engine.url.password
    shown = " ".join(label.text() for label in dialog.labels.values())
    assert not password or str(password) not in shown
    dialog.reject()
    win.close()
    settle(qtbot, runner)


def test_the_user_guide_is_the_readme_section_shown_in_the_program(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = guide_markdown(readme)
    assert guide.startswith("# 사용 설명서") and "## Screenshots" not in guide and "Ctrl+F" in guide
    win = open_window(qtbot, sqlite_ctx, runner)
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_F1)  # F1, as the shortcut table says
    dialog = win.help_dialog
    assert isinstance(dialog, GuideDialog) and dialog.isVisible()
    shown = dialog.browser.toPlainText()
    assert shown.startswith("사용 설명서") and "마스킹 해제" in shown and "Alt+1" in shown
    assert "## " not in shown  # rendered as Markdown, not shown as source
    dialog.reject()
    win.close()
    settle(qtbot, runner)


def test_the_guide_is_in_the_packaged_resources() -> None:
    """A wheel carries the README under privdesk/_resources (pyproject force-include); the frozen
    build puts it beside the other resources (build.spec): readme_path() finds either."""
    assert readme_path().is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"README.md" = "privdesk/_resources/README.md"' in pyproject
    assert '(str(ROOT / "README.md"), "resources")' in (ROOT / "build.spec").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_wheel_carries_the_guide(tmp_path: Path) -> None:
    """Builds the wheel (pip fetches hatchling for the isolated build) and reads the guide from it."""
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    wheel = next(tmp_path.glob("privdesk-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        text = z.read("privdesk/_resources/README.md").decode("utf-8")
    assert guide_markdown(text) == guide_markdown((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_shortcut_list_is_generated_from_the_table(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    win = open_window(qtbot, sqlite_ctx, runner)
    dialog = win.open_shortcuts()
    assert isinstance(dialog, ShortcutsDialog)
    rows = dialog.rows()
    assert rows == [(s.shown_keys(), s.label()) for s in SHORTCUTS]
    assert ("Ctrl+F", "현재 화면의 검색·필터 칸으로 이동") in rows
    assert any(keys.startswith("Alt+1") and keys.endswith("Alt+9") for keys, _ in rows)
    dialog.activateWindow()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter closes (the default button)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    assert QApplication.activeModalWidget() is None
    win.close()
    settle(qtbot, runner)
