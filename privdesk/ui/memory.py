"""The one place for per-user UI settings (화면 설정 기억): table columns, window size, splitters,
the last page.

One INI file (``QSettings`` IniFormat): ``$PRIVDESK_UI_SETTINGS`` when set, else ``ui.ini`` beside
the user's ``config.toml`` (:func:`privdesk.settings.user_config_dir`: ``~/.config/privdesk`` on
Linux, ``%LOCALAPPDATA%\\privdesk`` on Windows — the app's ``AppConfigLocation``). It holds only
how the screens look — column widths and order, sort column, window geometry, splitter
positions, page keys (per account under a hash of the login) — never a record, a name or a
search. QSettings objects on the same file in one process see each other's changes at once; the
file is written when the last one goes (or on :func:`flush`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

ENV = "PRIVDESK_UI_SETTINGS"


def settings_path() -> Path:
    """The settings file: ``$PRIVDESK_UI_SETTINGS``, or ``ui.ini`` beside the user's config file."""
    override = os.environ.get(ENV, "").strip()
    if override:
        return Path(override)
    from privdesk.settings import user_config_dir

    return user_config_dir() / "ui.ini"


def settings() -> QSettings:
    """A QSettings on the per-user UI settings file (a new object each call: cheap, and it follows
    a changed ``$PRIVDESK_UI_SETTINGS``)."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def read_bytes(key: str) -> QByteArray | None:
    """A saved state (``saveState``/``saveGeometry``) under ``key``, or None."""
    value = settings().value(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None


def read_text(key: str) -> str:
    value = settings().value(key)
    return value if isinstance(value, str) else ""


def write(key: str, value: QByteArray | str) -> None:
    settings().setValue(key, value)


def forget(key: str) -> None:
    settings().remove(key)


def flush() -> None:
    """Write pending changes to the file now (closing the window does)."""
    settings().sync()


def splitter_key(scope: str, splitter: QSplitter, index: int) -> str:
    return f"splitters/{scope}/{splitter.objectName() or f'splitter{index}'}"


def remember_splitters(root: QWidget, scope: str) -> None:
    """Restore every splitter under ``root`` (by objectName, else its place in creation order) and
    save it whenever the user moves it. ``scope`` keeps screens apart (a page key)."""
    for index, splitter in enumerate(root.findChildren(QSplitter)):
        key = splitter_key(scope, splitter, index)
        state = read_bytes(key)
        if state is not None:
            splitter.restoreState(state)
        splitter.splitterMoved.connect(lambda _pos, _i, s=splitter, k=key: write(k, s.saveState()))


def save_splitters(root: QWidget, scope: str) -> None:
    """Save every splitter under ``root`` now (the window closing)."""
    for index, splitter in enumerate(root.findChildren(QSplitter)):
        write(splitter_key(scope, splitter, index), splitter.saveState())


# -- windows --------------------------------------------------------------------------------------
def save_window(window: QWidget, name: str, pages: Mapping[str, QWidget] | None = None) -> None:
    """Remember the window's size, position and maximised state and the splitters of its
    ``pages`` (by page key), and write the file now."""
    write(f"windows/{name}/geometry", window.saveGeometry())
    for scope, page in (pages or {}).items():
        save_splitters(page, scope)
    flush()


def on_a_screen(window: QWidget) -> bool:
    """Whether enough of the window's title bar lies on a connected screen to grab it."""
    frame = window.frameGeometry()
    top = frame.adjusted(0, 0, 0, -(frame.height() - min(frame.height(), 40)))
    for screen in QGuiApplication.screens():
        seen = screen.availableGeometry().intersected(top)
        if seen.width() >= min(100, frame.width()) and seen.height() > 0:
            return True
    return False


def restore_window(window: QWidget, name: str) -> bool:
    """Size and position as last time, kept on a visible screen (a screen since unplugged: the
    window's default size, centred on the primary screen). False when nothing was remembered."""
    state = read_bytes(f"windows/{name}/geometry")
    if state is None:
        return False
    size = window.size()
    if not window.restoreGeometry(state):
        return False
    if not on_a_screen(window):
        screen = QGuiApplication.primaryScreen()
        window.resize(size)
        if screen is not None:
            frame = window.frameGeometry()
            frame.moveCenter(screen.availableGeometry().center())
            window.move(frame.topLeft())
    return True


def _account(login: str) -> str:
    """A key per account that does not spell the login out in the file."""
    return hashlib.sha256(login.encode("utf-8")).hexdigest()[:16]


def set_last_page(login: str, key: str) -> None:
    write(f"accounts/{_account(login)}/lastPage", key)


def last_page(login: str, allowed: Sequence[str]) -> str:
    """The page this account was on when it last closed the window, if it may still open it."""
    key = read_text(f"accounts/{_account(login)}/lastPage")
    return key if key in allowed else ""
