"""The CCTV screen's records: the viewing log (quick entry with Enter, filters, keyset paging,
관리대장 printing with progress and cancel), evidence holds with the retention check, and the
camera registry (edit with a reason, version conflict, history) — real widgets, real database."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.permissions import FACILITY
from privdesk.cctv import cameras as cameras_uc
from privdesk.cctv import printing, viewlog
from privdesk.cctv.cameras import CameraEdit
from privdesk.cctv.retention import list_holds
from privdesk.cctv.viewlog import QuickViewing
from privdesk.context import AppContext
from privdesk.errors import ValidationError
from privdesk.store.models import AccessLogEntry
from privdesk.ui.cctv.cameras import CameraDialog, CameraHistoryDialog, CamerasModel
from privdesk.ui.cctv.decisions import ProvisionDialog
from privdesk.ui.cctv.holds import HoldDialog, RetentionModel
from privdesk.ui.cctv.ledger import CorrectionDialog, LedgerModel, LedgerPreviewDialog
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import ReasonDialog
from tests.reason_support import reason_given
from tests.ui_cctv_support import (  # noqa: F401 (fixtures)
    close,
    dismiss,
    message_boxes,
    ok,
    open_cctv,
    runner_fixture,
    settle,
    staff,
    window,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_quick_viewing_entry_saves_on_enter_and_appears_in_the_log(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    page.show_tab(page.ledger)
    settle(qtbot, runner)
    tab, quick = page.ledger, page.ledger.quick
    assert quick is not None and tab.model.rowCount() == 0 and quick.camera.count() == 25
    quick.camera.setCurrentIndex(quick.camera.findData("CAM-07"))
    qtbot.keyClick(quick.purpose, Qt.Key.Key_Return)  # no purpose: said, nothing saved
    assert quick.message.text() == "열람 목적을 입력하십시오." and viewlog.list_ledger(sqlite_ctx, fac) == []
    quick.purpose.setText("분실물(지갑) 확인")
    quick.witness.setText("최입회")
    # Enter shows what will be written; nothing is in the append-only ledger yet
    qtbot.keyClick(quick.purpose, Qt.Key.Key_Return)
    preview = page.dialog
    assert isinstance(preview, LedgerPreviewDialog) and preview.isVisible()
    text = preview.preview.text()
    assert "구분: 열람" in text and "카메라: CAM-07" in text and "목적: 분실물(지갑) 확인" in text
    assert "담당자: 박시설(fac01) / 입회 최입회" in text
    assert preview.write_button.isDefault()
    assert viewlog.list_ledger(sqlite_ctx, fac) == []
    # Escape goes back to the form: nothing written, nothing lost
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    settle(qtbot, runner)
    assert viewlog.list_ledger(sqlite_ctx, fac) == [] and quick.purpose.text() == "분실물(지갑) 확인"
    qtbot.keyClick(quick.purpose, Qt.Key.Key_Return)
    preview = page.dialog
    assert isinstance(preview, LedgerPreviewDialog)
    qtbot.keyClick(preview, Qt.Key.Key_Return)  # Enter again writes it
    settle(qtbot, runner)
    assert tab.model.rowCount() == 1
    row = tab.model.row_object(0)
    assert (row.kind, row.camera_numbers, row.purpose, row.witness) == (
        "view",
        "CAM-07",
        "분실물(지갑) 확인",
        "최입회",
    )
    assert tab.model.data(tab.model.index(0, LedgerModel.COL_KIND)) == "열람"
    assert tab.model.data(tab.model.index(0, LedgerModel.COL_STAFF)) == "박시설(fac01) / 입회 최입회"
    assert quick.purpose.text() == "" and quick.message.text().startswith(f"기록했습니다: {row.id}번 CAM-07")
    assert quick.camera.currentData() == "CAM-07"  # ready for the next one on the same camera

    quick.purpose.setText("주차 차량 파손 확인")
    qtbot.keyClick(quick.witness, Qt.Key.Key_Enter)  # Enter from another field previews too
    assert isinstance(page.dialog, LedgerPreviewDialog)
    qtbot.keyClick(page.dialog, Qt.Key.Key_Enter)
    settle(qtbot, runner)
    assert tab.model.rowCount() == 2 and tab.model.row_object(0).purpose == "주차 차량 파손 확인"

    tab.camera_combo.setCurrentIndex(tab.camera_combo.findData("CAM-01"))
    settle(qtbot, runner)
    assert tab.model.rowCount() == 0 and tab.status.text() == "0건"
    tab.camera_combo.setCurrentIndex(0)
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("provide"))
    settle(qtbot, runner)
    assert tab.model.rowCount() == 0
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("view"))
    settle(qtbot, runner)
    assert tab.model.rowCount() == 2
    close(qtbot, win, runner)


def test_the_log_pages_with_keyset_fetches(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    start, end = window(1)
    for i in range(7):
        viewlog.record_viewing(sqlite_ctx, fac, QuickViewing(["CAM-03"], start, end, f"점검 {i}"))
    model = LedgerModel(page_size=3, runner=runner)

    def fetch(before: int | None, limit: int) -> list[viewlog.LedgerRow]:
        return viewlog.list_ledger(sqlite_ctx, fac, before_id=before, limit=limit)

    with qtbot.waitSignal(model.fetched, timeout=30_000):  # every page is read on the task runner
        model.start(fetch)
    assert model.rowCount() == 3 and model.canFetchMore() and model.fetches == 1
    with qtbot.waitSignal(model.fetched, timeout=30_000):
        model.fetchMore()
    assert model.rowCount() == 6 and model.fetches == 2
    with qtbot.waitSignal(model.fetched, timeout=30_000):
        model.fetchMore()
    assert model.rowCount() == 7 and not model.canFetchMore() and model.fetches == 3
    ids = [model.row_object(r).id for r in range(7)]
    assert ids == sorted(ids, reverse=True)  # newest first, no row twice
    assert model.row_object(0).purpose == "점검 6"


def test_ledger_printing_opens_the_preview_and_can_be_cancelled(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    start, end = window(1)
    viewlog.record_viewing(
        sqlite_ctx, fac, QuickViewing(["CAM-04"], start, end, "야간 출입 확인", witness="최입회")
    )
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    tab = page.ledger
    page.show_tab(tab)
    settle(qtbot, runner)
    with reason_given():
        qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    job = page.print_job
    assert job is not None
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    preview = job.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count >= 1, timeout=15_000)
    assert job.pages_done >= 1  # progress came through on_page
    assert preview.path.name.startswith("관리대장-")
    text = subprocess.run(
        ["pdftotext", str(preview.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "개인영상정보 관리대장" in text and "야간 출입 확인" in text
    folder = preview.path.parent
    preview.reject()
    assert not folder.exists()

    # cancel: the use case is held at its first page until the cancel button was pressed
    reached, go_on = threading.Event(), threading.Event()
    today = clock.today_kst()

    def slow_print(out: Path, on_page, why):  # type: ignore[no-untyped-def]
        def paged(n: int) -> None:
            reached.set()
            go_on.wait(10)
            on_page(n)

        return printing.print_ledger(
            sqlite_ctx, fac, today.replace(day=1), today, out, on_page=paged, reason=why
        )

    with reason_given():
        job = tab.print_record("개인영상정보 관리대장", "관리대장-취소.pdf", slow_print)
    qtbot.waitUntil(reached.is_set, timeout=15_000)
    assert job.progress is not None
    cancel = job.progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "취소"
    cancel.click()  # the progress dialog's cancel button
    go_on.set()
    settle(qtbot, runner)
    assert job.cancelled and job.preview is None
    assert not job.out.exists() and not job.out.parent.exists()  # no partial PDF left behind
    assert message_boxes(tab) == []  # a cancel is not an error
    close(qtbot, win, runner)


def test_third_party_provision_from_the_log(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    page.show_tab(page.ledger)
    settle(qtbot, runner)
    qtbot.mouseClick(page.ledger.provision_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ProvisionDialog)
    ok(dialog)
    assert dialog.isVisible() and dialog.message.text() == "제공받는 자를 입력하십시오."
    dialog.recipient.setText("관악경찰서 형사과")
    dialog.document_no.setText("형사과-2026-1234")
    dialog.purpose.setText("폭행 사건 수사")
    dialog.picker.set_checked(["CAM-10"])
    dialog.footage_window.set_value(*window(3))
    assert dialog.basis.currentText().startswith("개인정보 보호법 제18조제2항제2호")
    ok(dialog)
    settle(qtbot, runner)
    entry = viewlog.list_ledger(sqlite_ctx, fac)[0]
    assert entry.kind == "provide" and entry.counterpart == "관악경찰서 형사과 (공문 형사과-2026-1234)"
    assert page.ledger.model.row_object(0).id == entry.id
    close(qtbot, win, runner)


def test_holds_set_and_end_with_a_reason_and_the_retention_check(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    tab = page.holds
    page.show_tab(tab)
    settle(qtbot, runner)
    assert tab.model.rowCount() == 0 and tab.retention_model.rowCount() == 25
    assert "30일" in tab.check_summary.text()
    # the check entered today's overwrite in the 관리대장 as 파기, and the ledger tab shows it when opened
    assert "관리대장에 파기로 기록했습니다" in tab.check_summary.text() and page.ledger.stale
    page.show_tab(page.ledger)
    settle(qtbot, runner)
    assert [page.ledger.model.row_object(i).kind for i in range(page.ledger.model.rowCount())] == ["destroy"]
    page.show_tab(tab)
    settle(qtbot, runner)
    qtbot.mouseClick(tab.set_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    dialog = page.dialog
    assert isinstance(dialog, HoldDialog) and not dialog.by_request.isEnabled()  # no open request
    ok(dialog)
    assert dialog.message.text() == "보존할 카메라를 고르십시오."
    dialog.picker.set_checked(["CAM-11", "CAM-12"])
    dialog.footage_window.set_value(*window(29, hours=30))  # runs into the day past retention tomorrow
    dialog.reason.setText("주차장 차량 파손 사건 — 보험사 확인 대기")
    dialog.kind.setCurrentIndex(dialog.kind.findData("incident"))
    ok(dialog)
    settle(qtbot, runner)
    assert tab.model.rowCount() == 1
    hold = tab.model.row_object(0)
    assert hold.cameras == ("CAM-11", "CAM-12") and hold.reason_kind == "incident" and hold.active
    lines = {
        line.camera.number: tab.retention_model.data(tab.retention_model.index(r, RetentionModel.COL_HELD))
        for r, line in enumerate(tab.retention_model.rows())
    }
    assert "사고·사건 조사" in lines["CAM-11"] and lines["CAM-01"] == ""

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    end = page.dialog
    assert isinstance(end, ReasonDialog) and not end.buttons.button(end.buttons.StandardButton.Ok).isEnabled()
    end.reason.setPlainText("보험사 확인 완료")
    ok(end)
    settle(qtbot, runner)
    assert tab.model.rowCount() == 0 and list_holds(sqlite_ctx, fac) == []
    tab.include_ended.setChecked(True)
    settle(qtbot, runner)
    assert tab.model.rowCount() == 1 and "보험사 확인 완료" in tab.model.data(tab.model.index(0, 7))
    close(qtbot, win, runner)


def test_camera_edit_with_reason_version_conflict_and_history(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    tab = page.camera_tab
    page.show_tab(tab)
    settle(qtbot, runner)
    assert tab.model.rowCount() == 25 and tab.status.text() == "카메라 25대 (운영 25대)"
    assert tab.select("CAM-03")
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, CameraDialog) and dialog.number_edit.isReadOnly()
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("inactive"))
    ok(dialog)
    assert dialog.isVisible() and "사유" in dialog.message.text()
    dialog.reason_edit.setPlainText("렌즈 고장 — 수리 의뢰")
    ok(dialog)
    settle(qtbot, runner)
    assert tab.selected().status == "inactive" and tab.status.text() == "카메라 25대 (운영 24대)"
    row = next(r for r in range(tab.proxy.rowCount()) if tab.proxy.index(r, 0).data() == "CAM-03")
    assert tab.proxy.index(row, CamerasModel.COL_STATUS).data() == "일시 중지"

    # somebody else saves the same camera while the dialog is open: refused, said, reloaded
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    stale = page.dialog
    cameras_uc.update_camera(
        sqlite_ctx, fac, "CAM-03", CameraEdit(coverage="1층 복도 서쪽"), reason="각도 조정"
    )
    stale.location_edit.setText("원내")
    stale.reason_edit.setPlainText("위치 정정")
    ok(stale)
    settle(qtbot, runner)
    boxes = message_boxes(tab)
    assert boxes and "다른 사용자" in boxes[0].text()
    dismiss(boxes)
    assert tab.selected() is not None and tab.selected().coverage == "1층 복도 서쪽"

    qtbot.mouseClick(tab.history_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    history = page.dialog
    assert isinstance(history, CameraHistoryDialog)
    details = [c.detail for c in history.model.rows()]
    assert (
        len(details) == 3
        and details[1] == "상태: 운영 → 일시 중지"
        and history.model.rows()[2].reason == "각도 조정"
    )
    history.reject()
    close(qtbot, win, runner)


def test_a_wrong_entry_is_corrected_by_a_new_entry_and_the_original_stays(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    start, end = window(1)
    wrong = viewlog.record_viewing(sqlite_ctx, fac, QuickViewing(["CAM-04"], start, end, "야간 출입 확인"))
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    page.show_tab(page.ledger)
    settle(qtbot, runner)
    tab = page.ledger
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=15_000)
    assert tab.correct_button is not None
    tab.table.selectRow(0)
    tab.correct_button.click()
    dialog = page.dialog
    assert isinstance(dialog, CorrectionDialog) and dialog.row.id == wrong.id
    assert dialog.cameras.text() == "CAM-04" and dialog.texts["purpose"].text() == "야간 출입 확인"
    assert not dialog.save_button.isEnabled()  # the reason is required
    dialog.cameras.setText("CAM-05")
    dialog.reason.setPlainText("카메라 번호 오기")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=15_000)
    settle(qtbot, runner)

    fix, original = tab.model.row_object(0), tab.model.row_object(1)
    assert (fix.corrects_id, fix.camera_numbers, fix.purpose) == (wrong.id, "CAM-05", "야간 출입 확인")
    # the original is intact, marked corrected (and greyed)
    assert original.id == wrong.id and original.camera_numbers == "CAM-04"
    assert original.corrected_by == (fix.id,)
    assert tab.model.data(tab.model.index(1, LedgerModel.COL_CORRECTION)) == f"정정됨 → {fix.id}"
    assert tab.model.data(tab.model.index(0, LedgerModel.COL_CORRECTION)) == f"{wrong.id}번 정정"
    assert tab.model.data(tab.model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    with sqlite_ctx.session() as s:
        assert viewlog.verify_ledger_in(s) == []  # both anchored, nothing altered
        detail = s.execute(
            select(AccessLogEntry.detail).where(
                AccessLogEntry.subject == f"cctv_ledger:{wrong.id}", AccessLogEntry.action == "update"
            )
        ).scalar_one()
    assert detail == f"corrected_by={fix.id}; 사유=카메라 번호 오기"

    # a correction without a reason is refused by the use case too
    with pytest.raises(ValidationError):
        viewlog.correct_entry(
            sqlite_ctx, fac, wrong.id, viewlog.LedgerInput("view", "확인", "화면"), reason=" "
        )
    close(qtbot, win, runner)
