"""The Qt application (프로그램 창): fonts, translations, the crash handler, and the flow
first-run wizard → login → main window → (logout) → login.

:func:`run_gui` is what ``privdesk`` with no command starts; :func:`self_test` is
``privdesk self-test`` (offscreen, on a temporary database; works from the frozen build).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QObject,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from privdesk.context import Actor, AppContext
from privdesk.errors import KeyFileError, NotInitializedError, PrivdeskError
from privdesk.failures import known_failure, log_known
from privdesk.logs import log_file
from privdesk.opening import open_context
from privdesk.resources import font_path, translations_dir
from privdesk.settings import SecuritySettings, Settings, sqlite_url
from privdesk.ui.collector import MainThreadCollector
from privdesk.ui.tasks import TaskRunner, handle_crash

log = logging.getLogger("privdesk.ui")
FONT_FAMILY = "NanumGothic"


def register_fonts(app: QApplication) -> str:
    """Register the bundled NanumGothic (Regular, Bold) and make it the application font, so
    Hangul renders on a machine without Korean fonts."""
    family = ""
    for bold in (False, True):
        path = font_path(bold)
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not register font %s", path.name)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        if families and not family:
            family = families[0]
    family = family or FONT_FAMILY
    font = QFont(family)
    font.setPointSize(10)
    app.setFont(font)
    return family


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Korean is the source language; another language loads ``resources/i18n/privdesk_<lang>.qm``
    when it exists. Qt's own strings (standard buttons) follow the same language."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(Path(qt_dir), f"qtbase_{language}.qm")]
    with contextlib.suppress(FileNotFoundError):
        candidates.append((translations_dir(), f"privdesk_{language}.qm"))
    for folder, name in candidates:
        path = folder / name
        if not path.is_file():
            continue
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Korean if language == "ko" else QLocale.Language.English))
    return installed


_QT_NOISE = ("This plugin does not support propagateSizeHints",)  # the offscreen platform, on every show


def _qt_messages(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own messages go to the log file (named logger), not to the user's terminal."""
    if any(message.startswith(noise) for noise in _QT_NOISE):
        return
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    logging.getLogger("privdesk.qt").log(level, "%s", message)


def create_application(language: str = "ko") -> QApplication:
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_qt_messages)  # not under pytest-qt, which captures Qt messages itself
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("privdesk")
    app.setApplicationDisplayName("privdesk")
    register_fonts(app)
    install_translations(app, language)
    return app


def install_crash_handler() -> None:
    """Bugs are logged and shown; known errors are shown as their Korean sentence, never as a crash."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
        handle_crash(exc_type, exc, tb, QApplication.activeWindow())

    sys.excepthook = hook


class LoginCycle(QObject):
    """Login → main window → logout → login again, until the user quits."""

    def __init__(self, app: QApplication, ctx: AppContext, runner: TaskRunner) -> None:
        super().__init__(app)
        self.app = app
        self.ctx = ctx
        self.runner = runner
        self.login_dialog: object = None
        self.window: object = None
        self.quit = app.quit  # what closing the main window ends with (tests replace it)
        self.closing_backup: object = None

    def show_login(self, message: str = "") -> None:
        from privdesk.ui.login import LoginDialog

        dialog = LoginDialog(self.ctx, self.runner)
        dialog.message.setText(message)
        dialog.accepted.connect(lambda: self.open_main(dialog.actor))
        dialog.rejected.connect(self.app.quit)
        dialog.finished.connect(dialog.deleteLater)
        self.login_dialog = dialog
        dialog.show()

    def open_main(self, actor: Actor | None) -> None:
        from privdesk.ui.mainwindow import MainWindow

        if actor is None:
            return
        window = MainWindow(self.ctx, self.runner, actor)
        window.session_ended.connect(self._ended)
        window.closed.connect(self._closed)
        self.window = window
        window.show()
        if not getattr(self, "retention_started", False):  # retention run once at GUI start, as the system
            from privdesk.ui.lifecycle.page import run_retention_at_start

            self.retention_started = run_retention_at_start(self.ctx, self.runner, window) is not None
        if not getattr(self, "backup_started", False):  # the automatic backup at the first login of the day
            from privdesk.ui.backup.page import run_backup_at_login

            self.backup_started = run_backup_at_login(self.ctx, self.runner, window) is not None

    def _closed(self) -> None:
        """The main window was closed: the automatic backup (when due), then the application ends."""
        from privdesk.ui.backup.page import run_backup_at_close

        self.closing_backup = run_backup_at_close(self.ctx, self.runner, self.quit)
        if self.closing_backup is None:
            self.quit()

    def _ended(self, message: str) -> None:
        old = self.window
        self.window = None
        if old is not None:
            old.deleteLater()  # type: ignore[attr-defined]
        self.show_login(message)


def _fatal(title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
    box.exec()


def open_or_initialize(settings: Settings, runner: TaskRunner) -> AppContext | None:
    """The context of an initialised database; the first-run wizard when there is none yet.
    None when the user gave up or the database cannot be opened (a dialog said why)."""
    from privdesk.ui.firstrun import FirstRunDialog

    try:
        return open_context(settings)
    except NotInitializedError:
        wizard = FirstRunDialog(settings, runner)
        if wizard.exec() != FirstRunDialog.DialogCode.Accepted:
            return None
        return wizard.ctx
    except KeyFileError as exc:
        _fatal(
            QApplication.translate("App", "키 파일 오류"),
            QApplication.translate("App", "{message}\n\n키 파일: {path}").format(message=exc, path=exc.path),
        )
        return None
    except PrivdeskError as exc:
        _fatal(QApplication.translate("App", "시작할 수 없음"), str(exc))
        return None
    except Exception as exc:
        known = known_failure(exc, settings.db_url)
        if known is not None:  # a server that cannot be reached, a read-only database …
            log_known(exc, known, "start-up")
            _fatal(QApplication.translate("App", "시작할 수 없음"), str(known))
            return None
        log.exception("cannot open the database")
        _fatal(
            QApplication.translate("App", "시작할 수 없음"),
            QApplication.translate(
                "App", "데이터베이스를 열 수 없습니다. 주소와 네트워크를 확인하십시오. 자세한 내용: {path}"
            ).format(path=log_file()),
        )
        return None


def run_gui(settings: Settings) -> int:
    app = create_application(settings.language)
    app.setQuitOnLastWindowClosed(False)
    install_crash_handler()
    collector = MainThreadCollector(app)  # Qt objects are only ever collected on this thread
    collector.start()
    runner = TaskRunner(app)
    ctx = open_or_initialize(settings, runner)
    if ctx is None:
        runner.wait()
        return 1
    try:
        cycle = LoginCycle(app, ctx, runner)
        cycle.show_login()
        code = app.exec()
        runner.wait(-1 if cycle.closing_backup is not None else 30_000)
        app.processEvents()
        return int(code)
    finally:
        collector.stop()
        ctx.engine.dispose()


# -- self-test -------------------------------------------------------------------------------
def _wait_tasks(app: QApplication, runner: TaskRunner, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while runner.pending and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)
    if runner.pending:
        raise RuntimeError("background tasks did not finish")
    app.processEvents()


def self_test() -> int:
    """Open the main window on a temporary database offscreen, visit every page, close. 0 = fine."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from privdesk import bootstrap
    from privdesk.accounts import users
    from privdesk.accounts.passwords import one_time_password
    from privdesk.ui.mainwindow import MainWindow

    tmp = Path(tempfile.mkdtemp(prefix="privdesk-selftest-"))
    ctx: AppContext | None = None
    try:
        app = create_application()
        collector = MainThreadCollector(app)
        collector.start()
        settings = Settings(
            db_url=sqlite_url(tmp / "selftest.sqlite3"),
            key_file=tmp / "selftest.key",
            config_file=tmp / "config.toml",
            security=SecuritySettings(
                password_hash_memory_kib=8192, password_hash_iterations=1, password_hash_lanes=1
            ),
        )
        password = one_time_password(16)
        ctx = bootstrap.initialize(
            settings, officer_login="selftest", officer_name="자가 점검", password=password
        )
        actor = users.login(ctx, "selftest", password, channel="self-test")
        runner = TaskRunner(app)
        errors: list[BaseException] = []
        runner.error_reported.connect(errors.append)
        window = MainWindow(ctx, runner, actor)
        window.show()
        _wait_tasks(app, runner)
        for key in window.page_keys():
            if window.show_page(key) is None:
                raise RuntimeError(f"page {key} did not open")
            _wait_tasks(app, runner)
        window.close()
        _wait_tasks(app, runner)
        if errors:
            raise RuntimeError(f"a screen reported an error: {errors[0]!r}")
        window.deleteLater()
        app.processEvents()
        collector.stop()
        print(f"self-test ok: {len(window.page_keys())} pages")
        return 0
    except Exception as exc:
        log.exception("self-test failed")
        print(f"privdesk self-test failed: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        if ctx is not None:
            ctx.engine.dispose()
        shutil.rmtree(tmp, ignore_errors=True)
