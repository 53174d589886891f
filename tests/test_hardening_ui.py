"""The screens say the same as the command line (issue 10), with real widgets offscreen: an export
never replaces a file the save dialog did not confirm, nor privdesk's own files even then; a
reason holding a resident number is refused in a dialog; a file that is not text is named in the
import wizard; a read-only database raised inside a background task is a Korean message, not
the crash dialog."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import create_engine, text

from privdesk.audit import query
from privdesk.context import Actor, AppContext
from privdesk.files import protected_files
from privdesk.reports import permission_history as history_report
from privdesk.ui.audit.log import AccessLogPage
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.registry.dialogs import ExportDialog, UnmaskDialog
from privdesk.ui.registry.import_wizard import ImportWizard
from privdesk.ui.tasks import TaskRunner
from tests.hardening_support import snapshot
from tests.ui_patients_support import (  # noqa: F401 (fixtures)
    boss_fixture,
    close,
    closed,
    open_registry,
    register_hong,
    runner_fixture,
    settle,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def boxes(window) -> list[QMessageBox]:  # type: ignore[no-untyped-def]
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def db_file(ctx: AppContext) -> Path:
    return Path(ctx.settings.db_url.removeprefix("sqlite:///"))


def open_export(qtbot, page) -> ExportDialog:  # type: ignore[no-untyped-def]
    page.select_row(0)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    export = page.dialog
    assert isinstance(export, ExportDialog)
    export.reason.setEditText("정보주체의 열람 요구")
    return export


def test_the_patient_export_never_replaces_what_the_save_dialog_did_not_confirm(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.accounts import users
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

    ctx = sqlite_ctx
    boss = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    register_hong(ctx, boss)
    window, page = open_registry(qtbot, ctx, runner, boss)
    existing = tmp_path / "명단.csv"
    existing.write_text("다른 사람의 파일\n", encoding="utf-8")
    existing.chmod(0o644)
    before = snapshot(existing)

    export = open_export(qtbot, page)
    export.path_edit.setText(str(existing))  # typed: nobody confirmed replacing it
    qtbot.mouseClick(export.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert export.isVisible() and "파일이 이미 있습니다" in export.message.text()
    assert snapshot(existing) == before

    db = db_file(ctx)
    db_before = snapshot(db)
    export.confirmed_path = str(db)  # even the save dialog's confirmation …
    export.path_edit.setText(str(db))
    qtbot.mouseClick(export.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert "privdesk의 데이터베이스 파일이라 덮어쓸 수 없습니다" in export.message.text()
    assert snapshot(db) == db_before  # … never reaches the database

    export.confirmed_path = str(existing)  # what 찾아보기 records after the dialog asked
    export.path_edit.setText(str(existing))
    qtbot.mouseClick(export.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert closed(export)
    assert existing.read_text(encoding="utf-8-sig").startswith("차트번호,이름")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
    close(qtbot, window, runner)


def test_a_reason_with_a_resident_number_is_refused_on_screen(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    hong = register_hong(ctx, boss)
    window, page = open_registry(qtbot, ctx, runner, boss)
    page.select_row(0)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    qtbot.mouseClick(page.unmask_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, UnmaskDialog)
    dialog.reason.setEditText("본인 900101-1234568 확인")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: bool(boxes(window)), timeout=10_000)
    [box] = boxes(window)
    assert "마스킹 해제 사유에 주민등록번호(외국인등록번호)로 보이는 숫자가 있습니다" in box.text()
    assert not page.panel.is_unmasked
    assert query.page(ctx, boss, query.LogFilter(action="unmask", subject=hong.ref)) == []
    box.close()
    close(qtbot, window, runner)


def test_the_access_log_export_and_the_pdf_copy_never_write_privdesk_files(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.accounts import users
    from privdesk.ui.mainwindow import MainWindow
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

    ctx = sqlite_ctx
    boss = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    window = MainWindow(ctx, runner, boss, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("access_log")
    assert isinstance(page, AccessLogPage)
    settle(qtbot, runner)
    db = db_file(ctx)
    before = snapshot(db)
    page.export_to(db, "감사 자료")  # as if the save dialog had confirmed the name
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: bool(boxes(window)), timeout=10_000)
    assert "privdesk의 데이터베이스 파일이라 덮어쓸 수 없습니다" in boxes(window)[0].text()
    assert snapshot(db) == before
    for box in boxes(window):
        box.close()

    pdf = tmp_path / "history.pdf"
    history_report.render_permission_history(
        pdf, history_report.meta_for("테스트병원", boss, "전체 기간"), []
    )
    key = Path(ctx.settings.key_file)
    key_before = snapshot(key)
    alias = tmp_path / "key-alias.pdf"
    alias.hardlink_to(key)  # the key file under a name the save dialog would offer
    preview = PdfPreviewDialog(pdf, "권한 변경 이력", window, protected=protected_files(ctx.settings))
    qtbot.addWidget(preview)
    preview.save_to(alias, confirmed=True)
    qtbot.waitUntil(lambda: any("키 파일" in b.text() for b in boxes(window)), timeout=10_000)
    assert snapshot(key) == key_before
    copy = preview.save_to(tmp_path / "copy.pdf", confirmed=True)
    assert copy.read_bytes() == pdf.read_bytes() and stat.S_IMODE(copy.stat().st_mode) == 0o600
    preview.close()
    close(qtbot, window, runner)


def test_the_import_wizard_names_a_file_that_is_not_text(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window, page = open_registry(qtbot, ctx, runner, boss)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.dialog
    assert isinstance(wizard, ImportWizard)
    binary = tmp_path / "명단.csv"
    binary.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 100)
    wizard.file_page.path_edit.setText(str(binary))
    qtbot.waitUntil(lambda: "텍스트(CSV) 파일이 아닙니다" in wizard.file_page.info.text(), timeout=10_000)
    assert ".xlsx" in wizard.file_page.info.text() and not wizard.file_page.isComplete()
    wizard.reject()
    close(qtbot, window, runner)


def test_a_read_only_database_in_a_background_task_is_a_korean_message(
    qtbot, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")

    def write() -> None:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (1)"))  # a real SQLITE_READONLY from the driver

    reported: list[BaseException] = []
    runner.error_reported.connect(reported.append)
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    runner.run(write, owner=owner)
    qtbot.waitUntil(lambda: bool(reported), timeout=10_000)
    settle(qtbot, runner)
    assert type(reported[0]).__name__ == "DatabaseError" and "읽기 전용" in str(reported[0])
    [box] = boxes(owner)  # the Korean message, not the crash dialog
    assert "읽기 전용" in box.text() and box.windowTitle() != "예기치 않은 오류"
    box.close()
    engine.dispose()
