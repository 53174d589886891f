"""The first run's key backup (issue 14, "The first run"): after the wizard created the database and
the key file and showed the recovery code, it asks whether the key file was backed up, offers the
key recovery sheet right there, and finishes only on an explicit "키 파일을 백업했습니다"."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from privdesk.reports.key_sheet import WHAT
from privdesk.store.models import AccessLogEntry
from privdesk.ui.backup.keys import KeyBackupDialog
from privdesk.ui.firstrun import FirstRunDialog
from privdesk.ui.tasks import TaskRunner
from tests.helpers import OFFICER_PASSWORD

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=15_000)
    r.wait()


def _wizard_to_the_key_step(
    qtbot: QtBot,
    sqlite_url: str,
    settings_for,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
) -> tuple[FirstRunDialog, KeyBackupDialog]:
    wizard = FirstRunDialog(settings_for(sqlite_url), runner)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.login_edit.setText("yook")
    wizard.name_edit.setText("육의곤")
    wizard.password_edit.setText(OFFICER_PASSWORD)
    wizard.confirm_edit.setText(OFFICER_PASSWORD)
    qtbot.mouseClick(wizard.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(wizard, "code_dialog", None) is not None, timeout=15_000)
    code = wizard.code_dialog
    code.written.setChecked(True)
    qtbot.mouseClick(code.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(wizard, "key_dialog", None) is not None)
    step = wizard.key_dialog
    qtbot.waitUntil(step.isVisible)
    return wizard, step


def _log(wizard: FirstRunDialog) -> list[tuple[str, str, str | None, str | None]]:
    assert wizard.ctx is not None
    with wizard.ctx.session() as s:
        rows = s.execute(
            select(
                AccessLogEntry.actor, AccessLogEntry.action, AccessLogEntry.subject, AccessLogEntry.detail
            ).order_by(AccessLogEntry.seq)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_the_wizard_asks_about_the_key_backup_and_finishes_only_when_confirmed(
    qtbot: QtBot,
    sqlite_url: str,
    settings_for,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    wizard, step = _wizard_to_the_key_step(qtbot, sqlite_url, settings_for, runner)
    assert wizard.result() == 0 and wizard.isVisible()  # not finished yet
    assert str(wizard.settings.key_file) in step.key_path.text()
    assert step.backed_up.text() == "키 파일을 백업했습니다" and not step.backed_up.isChecked()
    assert not step.finish_button.isEnabled()

    step.reject()  # Escape / the close button: the question stays
    assert step.isVisible() and wizard.result() == 0
    assert "키 파일을 백업했습니다" in step.message.text()
    step.finish()  # nor does finishing without the tick
    assert step.isVisible() and wizard.result() == 0

    qtbot.keyClick(step.backed_up, Qt.Key.Key_Space)  # ticked by the keyboard, as a person would
    assert step.backed_up.isChecked() and step.finish_button.isEnabled() and step.message.text() == ""
    qtbot.mouseClick(step.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.result() == FirstRunDialog.DialogCode.Accepted, timeout=15_000)
    assert wizard.ctx is not None
    # the officer was logged in for the step and out again at its end: the login window comes next
    actions = [(actor, action) for actor, action, _s, _d in _log(wizard)]
    assert actions[-2:] == [("yook", "login"), ("yook", "logout")]
    wizard.ctx.engine.dispose()


def test_the_key_recovery_sheet_is_offered_in_the_step(
    qtbot: QtBot,
    sqlite_url: str,
    settings_for,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    wizard, step = _wizard_to_the_key_step(qtbot, sqlite_url, settings_for, runner)
    assert step.sheet_button.isEnabled()
    out = tmp_path / "키복구용지.pdf"
    step.print_sheet(str(out))
    qtbot.waitUntil(lambda: step.sheet_pages > 0, timeout=15_000)
    assert out.is_file() and str(out) in step.sheet_status.text() and "금고" in step.sheet_status.text()
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert wizard.ctx is not None
    assert wizard.ctx.keys.check_value.hex()[:16] in text  # the sheet of this very key
    printed = [(a, d) for a, action, subject, d in _log(wizard) if action == "print" and subject == WHAT]
    assert len(printed) == 1 and printed[0][0] == "yook"  # printed as the new officer, logged
    # printing the sheet is an offer, not the confirmation: the wizard still waits for the tick
    assert wizard.result() == 0 and not step.finish_button.isEnabled()
    first = out.read_bytes()
    step.print_sheet(str(out))  # never over an existing file: said in the step, nothing replaced
    qtbot.waitUntil(lambda: step.sheet_button.isEnabled(), timeout=15_000)
    assert step.sheet_status.text().startswith(f"파일이 이미 있습니다: {out}. 덮어쓰지 않았습니다.")
    assert out.read_bytes() == first
    step.backed_up.setChecked(True)
    step.finish()
    qtbot.waitUntil(lambda: wizard.result() == FirstRunDialog.DialogCode.Accepted, timeout=15_000)
    wizard.ctx.engine.dispose()
