"""The application around the screens: first-run wizard, start-up errors, the login → main
window → logout flow, fonts, the crash handler, the self-test, and the PySide6 void-call check."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QWidget

from privdesk.errors import ValidationError
from privdesk.logs import log_file, setup_logging
from privdesk.opening import open_context
from privdesk.ui.app import LoginCycle, open_or_initialize, register_fonts, self_test
from privdesk.ui.firstrun import FirstRunDialog
from privdesk.ui.login import LoginDialog
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner, handle_crash
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=15_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)


def test_first_run_wizard_creates_the_database_key_and_officer(
    qtbot,
    sqlite_url: str,
    settings_for,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    settings = settings_for(sqlite_url)
    assert not settings.key_file.exists()
    wizard = FirstRunDialog(settings, runner)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.findChild(QLabel, "keyFilePath").text() == str(settings.key_file)
    assert not wizard.ok_button.isEnabled()
    wizard.login_edit.setText("yook")
    wizard.name_edit.setText("육의곤")
    wizard.password_edit.setText("short1")
    assert "규칙 위반" in wizard.rule_status.text() and not wizard.ok_button.isEnabled()
    wizard.password_edit.setText(OFFICER_PASSWORD)
    wizard.confirm_edit.setText(OFFICER_PASSWORD + "x")
    assert (
        wizard.rule_status.text() == "비밀번호와 확인이 서로 다릅니다." and not wizard.ok_button.isEnabled()
    )
    wizard.confirm_edit.setText(OFFICER_PASSWORD)
    assert wizard.ok_button.isEnabled()
    qtbot.mouseClick(wizard.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)

    # the officer's recovery code, shown once; the wizard closes only once it is written down
    code = wizard.code_dialog
    assert re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{5}){3}", code.code.text())
    close = code.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not close.isEnabled()
    code.reject()  # Escape does not lose it
    assert code.isVisible()
    code.written.setChecked(True)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    # then the key file's backup, confirmed (tests/test_ui_firstrun_keys.py drives that step)
    qtbot.waitUntil(lambda: getattr(wizard, "key_dialog", None) is not None)
    wizard.key_dialog.backed_up.setChecked(True)
    qtbot.mouseClick(wizard.key_dialog.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.result() == FirstRunDialog.DialogCode.Accepted)
    assert wizard.result() == FirstRunDialog.DialogCode.Accepted
    assert wizard.ctx is not None
    wizard.ctx.engine.dispose()
    assert settings.key_file.is_file() and (settings.key_file.stat().st_mode & 0o077) == 0
    ctx = open_context(settings)
    try:
        from privdesk.accounts import users

        actor = users.login(ctx, "yook", OFFICER_PASSWORD)
        assert actor.role_codes == ("officer",) and not actor.must_change_password
    finally:
        ctx.engine.dispose()


def test_first_run_wizard_refuses_an_existing_key_file_and_says_so(
    qtbot,
    sqlite_url: str,
    settings_for,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    settings = settings_for(sqlite_url)
    settings.key_file.write_bytes(b"not ours")
    wizard = FirstRunDialog(settings, runner)
    qtbot.addWidget(wizard)
    wizard.login_edit.setText("yook")
    wizard.name_edit.setText("육의곤")
    wizard.password_edit.setText(OFFICER_PASSWORD)
    wizard.confirm_edit.setText(OFFICER_PASSWORD)
    qtbot.mouseClick(wizard.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert wizard.ctx is None and wizard.result() == 0
    assert "키 파일이 이미 있습니다" in wizard.message.text()
    assert settings.key_file.read_bytes() == b"not ours"


def _answer_next_box(found: list[str]) -> None:
    """Read and close the next modal message box (start-up errors block with exec())."""

    def check() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            found.append(box.windowTitle() + "|" + box.text())
            box.accept()
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(20, check)


def test_a_wrong_key_file_is_a_clear_dialog_naming_the_file(
    qtbot,
    sqlite_ctx,
    settings_for,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    other = settings_for(sqlite_ctx.settings.db_url, key_name="other.key")
    from privdesk.crypto import create_key_file

    create_key_file(other.key_file)
    found: list[str] = []
    _answer_next_box(found)
    assert open_or_initialize(other, runner) is None
    assert len(found) == 1
    assert found[0].startswith("키 파일 오류|") and str(other.key_file) in found[0]


def test_login_main_window_logout_and_login_again(qtbot, sqlite_ctx, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    session = LoginCycle(app, sqlite_ctx, runner)
    session.show_login()
    dialog = session.login_dialog
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()
    dialog.login_edit.setText(OFFICER_LOGIN)
    dialog.password_edit.setText(OFFICER_PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    window = session.window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    window.idle_watcher.timeout_ms = 0
    window.logout_action.trigger()
    settle(qtbot, runner)
    assert session.window is None and window.ended
    again = session.login_dialog
    assert isinstance(again, LoginDialog) and again is not dialog and again.isVisible()
    again.close()
    session.deleteLater()


def test_bundled_font_renders_hangul(qapp) -> None:  # type: ignore[no-untyped-def]
    family = register_fonts(qapp)
    assert family == "NanumGothic"
    assert qapp.font().family() == "NanumGothic"
    assert QFontDatabase.WritingSystem.Korean in QFontDatabase.writingSystems(family)


def test_crash_handler_logs_a_bug_and_shows_a_known_error_in_korean(qtbot) -> None:  # type: ignore[no-untyped-def]
    setup_logging()
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    try:
        raise RuntimeError("boom for the crash handler test")
    except RuntimeError as exc:
        handle_crash(type(exc), exc, exc.__traceback__, parent)
    for handler in logging.getLogger("privdesk").handlers:
        handler.flush()
    assert "boom for the crash handler test" in log_file().read_text(encoding="utf-8")
    crash = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert len(crash) == 1 and crash[0].text().startswith("예기치 않은 오류가 발생했습니다")
    assert str(log_file()) in crash[0].informativeText()
    crash[0].accept()

    known = ValidationError("name", "이름을 입력하십시오.")
    handle_crash(type(known), known, None, parent)
    boxes = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert [b.text() for b in boxes] == ["이름을 입력하십시오."]
    assert boxes[0].icon() == QMessageBox.Icon.Warning


def test_self_test_returns_zero(qapp, capsys) -> None:  # type: ignore[no-untyped-def]
    assert self_test() == 0
    assert "self-test ok" in capsys.readouterr().out


def test_twenty_thousand_void_qt_calls_do_not_crash(qapp) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12 on Python 3.11 dropped a reference to None on every void call and aborted
    after a few thousand (TECH-NOTES); on 3.12+ None is immortal. Keep this many calls working."""
    widget = QLabel("가나다")
    for i in range(10_000):
        widget.update()
        if i % 2 == 0:
            widget.setText("가나다")
        QCoreApplication.processEvents()
    assert widget.text() == "가나다"
    widget.deleteLater()


def test_task_runner_hands_results_errors_and_data_changed_to_the_gui_thread(
    qtbot, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    import threading

    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    seen: list[object] = []
    main = threading.get_ident()
    with qtbot.waitSignal(runner.data_changed, timeout=5_000):
        runner.run(
            lambda: threading.get_ident(),
            owner=owner,
            changes=True,
            on_done=lambda worker: seen.append((worker != main, threading.get_ident() == main)),
        )
    assert seen == [(True, True)]  # ran on a worker, the callback on the GUI thread

    runner.run(lambda: (_ for _ in ()).throw(ValidationError("name", "이름을 입력하십시오.")), owner=owner)
    settle(qtbot, runner)
    boxes = [b for b in owner.findChildren(QMessageBox) if b.isVisible()]
    assert [b.text() for b in boxes] == ["이름을 입력하십시오."]

    with qtbot.capture_exceptions() as caught:
        runner.run(lambda: 1 // 0, owner=owner)
        settle(qtbot, runner)
    assert len(caught) == 1 and caught[0][0] is ZeroDivisionError  # a bug reaches the crash hook
