"""The CCTV screen: who sees it, the inbox colours, and requests walked from intake to the result
notice — approval with extension and masking, refusal (ground and explanation required), and the
past-retention case — with real widgets on a real database."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
import shiboken6
from PySide6.QtCore import Qt

from privdesk import clock
from privdesk.accounts.permissions import AUDITOR, FACILITY, INTAKE
from privdesk.cctv import requests as requests_uc
from privdesk.cctv import viewlog
from privdesk.cctv.retention import list_holds
from privdesk.context import AppContext
from privdesk.ui.cctv.decisions import (
    ApproveDialog,
    CompleteDialog,
    ExtendDialog,
    MaskingDialog,
    RefuseDialog,
)
from privdesk.ui.cctv.inbox import (
    DUE_SOON_BACKGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    RequestsModel,
)
from privdesk.ui.cctv.intake import IntakeDialog
from privdesk.ui.cctv.request import RequestDetailDialog
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import ReasonDialog, to_date
from tests.reason_support import reason_given
from tests.test_rights import log_rows
from tests.ui_cctv_support import (  # noqa: F401 (fixtures)
    PHONE,
    close,
    dismiss,
    message_boxes,
    ok,
    open_cctv,
    request_input,
    runner_fixture,
    settle,
    staff,
    window,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def fill_intake(dialog: IntakeDialog, days_ago: int, cameras: list[str]) -> None:
    dialog.name_edit.setText("홍길동")
    dialog.phone_edit.setText(PHONE)
    dialog.birth_edit.setText("1985-03-04")
    dialog.purpose_edit.setPlainText("주차장 차량 접촉 사고 확인")
    dialog.picker.set_checked(cameras)
    start, end = window(days_ago)
    dialog.window_edit.set_value(start, end)


def intake(qtbot, page, runner: TaskRunner, days_ago: int, cameras: list[str]) -> IntakeDialog:  # type: ignore[no-untyped-def]
    assert page.inbox is not None
    qtbot.mouseClick(page.inbox.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, IntakeDialog) and dialog.isVisible()
    settle(qtbot, runner)  # the holds in force, for the footage hint
    fill_intake(dialog, days_ago, cameras)
    return dialog


def open_detail(qtbot, page, runner: TaskRunner) -> RequestDetailDialog:  # type: ignore[no-untyped-def]
    inbox = page.inbox
    settle(qtbot, runner)
    row = inbox.selected()
    assert row is not None
    qtbot.mouseClick(inbox.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    detail = inbox.detail
    assert isinstance(detail, RequestDetailDialog) and detail.detail is not None
    return detail


def click_action(qtbot, detail: RequestDetailDialog, state: str):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(detail.action_buttons[state], Qt.MouseButton.LeftButton)
    return detail.dialog


def wait_preview(qtbot, page, runner: TaskRunner) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.print_job is not None and page.print_job.preview is not None, timeout=30_000)
    preview = page.print_job.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count > 0, timeout=15_000)
    settle(qtbot, runner)
    return preview


def pdf_text(preview: PdfPreviewDialog) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(preview.path), "-"], capture_output=True, text=True, check=True
    ).stdout


# -- who sees the screen -----------------------------------------------------------------------------
def test_facility_sees_the_cctv_page_intake_does_not_and_read_only_has_no_buttons(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    clerk = staff(sqlite_ctx, "won01", [INTAKE], "김원무")
    win = MainWindow(sqlite_ctx, runner, clerk, idle_timeout_ms=0)
    qtbot.addWidget(win)
    assert "cctv" not in win.page_keys() and win.show_page("cctv") is None
    close(qtbot, win, runner)

    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    assert "cctv" in win.page_keys()
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs == ["열람 요구", "열람 기록", "보존 연장", "카메라"]
    assert page.inbox is not None and page.inbox.new_button is not None
    assert page.ledger.quick is not None and page.holds.set_button is not None
    assert page.camera_tab.edit_button is not None
    close(qtbot, win, runner)

    auditor = staff(sqlite_ctx, "aud01", [AUDITOR], "정감사")
    win, page = open_cctv(qtbot, sqlite_ctx, runner, auditor)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["열람 기록", "보존 연장", "카메라"]
    assert page.inbox is None and page.ledger.quick is None and page.ledger.provision_button is None
    assert page.holds.set_button is None and page.holds.end_button is None
    assert page.camera_tab.edit_button is None and page.camera_tab.add_button is None
    page.show_tab(page.camera_tab)
    settle(qtbot, runner)
    assert page.camera_tab.model.rowCount() == 25  # reading is allowed
    assert page.ledger.print_button is not None  # printing the ledger needs only cctv.read
    close(qtbot, win, runner)


# -- the inbox -------------------------------------------------------------------------------------
def test_inbox_sorted_by_due_date_with_days_left_colours_and_the_closed_toggle(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    now = clock.now()
    fresh = requests_uc.receive_request(sqlite_ctx, fac, request_input(1))
    late = requests_uc.receive_request(
        sqlite_ctx, fac, request_input(13, received_at=now - dt.timedelta(days=12))
    )
    soon = requests_uc.receive_request(
        sqlite_ctx, fac, request_input(9, received_at=now - dt.timedelta(days=8))
    )
    gone = requests_uc.receive_request(
        sqlite_ctx, fac, request_input(5, received_at=now - dt.timedelta(days=4))
    )
    from privdesk.cctv import decisions

    decisions.withdraw(sqlite_ctx, fac, gone.id, note="청구인이 전화로 철회")
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    inbox = page.inbox
    model = inbox.model
    assert [r.id for r in model.rows()] == [late.id, soon.id, fresh.id]  # most urgent first, withdrawn hidden

    def cell(row: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        return model.data(model.index(row, RequestsModel.COL_LEFT), role)

    assert cell(0) == "2일 지남" and cell(0, Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert cell(0, Qt.ItemDataRole.ForegroundRole) == OVERDUE_FOREGROUND
    assert cell(1) == "2일 남음" and cell(1, Qt.ItemDataRole.BackgroundRole) == DUE_SOON_BACKGROUND
    assert cell(2) == "10일 남음" and cell(2, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(0, RequestsModel.COL_REQUESTER)) == "홍*동"  # masked in the list
    assert model.data(model.index(0, RequestsModel.COL_NUMBER)).startswith("CR-")
    assert inbox.status.text() == "처리 중 3건 — 기한 지남 1건, 기한 임박 1건"

    inbox.include_closed.setChecked(True)
    settle(qtbot, runner)
    assert [r.id for r in model.rows()][-1] == gone.id
    assert cell(3) == "종결" and cell(3, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(3, RequestsModel.COL_STATE)) == "철회"
    close(qtbot, win, runner)


# -- intake to result notice ---------------------------------------------------------------------------
def test_intake_extension_approval_masking_completion_and_result_notice(
    qtbot, ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(ctx, "fac01", [FACILITY])
    win, page = open_cctv(qtbot, ctx, runner, fac)
    dialog = intake(qtbot, page, runner, 2, ["CAM-02", "CAM-07"])
    assert "자동 보존 연장" in dialog.footage.text()  # said before saving
    dialog.relation_combo.setCurrentIndex(dialog.relation_combo.findData("agent"))
    dialog.subject_edit.setText("홍아들")
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.isVisible() and "위임장" in dialog.message.text()  # the use case refused: no proxy checked
    dialog.proxy_check.setChecked(True)
    ok(dialog)
    settle(qtbot, runner)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    inbox = page.inbox
    assert inbox.last_intake is not None and not inbox.last_intake.row.footage_gone
    assert "자동 보존 연장을 걸었습니다" in inbox.notice.text() and "CAM-02, CAM-07" in inbox.notice.text()
    rid = inbox.last_intake.id
    assert [h.until_request_id for h in list_holds(ctx, fac)] == [rid]

    detail = open_detail(qtbot, page, runner)
    assert set(detail.action_buttons) == {"approved", "partly_approved", "refused", "extended", "withdrawn"}
    assert detail.fields["phone"].text() == "010-****-6789"
    assert "정보주체 홍아들" in detail.fields["relation"].text()
    assert detail.footage_table.model().rowCount() == 2 and detail.holds_table.model().rowCount() == 1
    assert not detail.notice_button.isEnabled()  # nothing decided yet

    ext = click_action(qtbot, detail, "extended")
    assert isinstance(ext, ExtendDialog) and not ext.ok_button.isEnabled()  # reason required
    limit = ctx.profile.extension_max_days  # 열람 연기: at most this many days
    assert to_date(ext.until.maximumDate()) == detail.detail.row.due + dt.timedelta(days=limit)
    ext.reason.setPlainText("타인 마스킹 작업에 시간이 걸림")
    until = ext.values()[0]
    ok(ext)
    settle(qtbot, runner)
    assert detail.detail.row.state == "extended" and detail.detail.extended_due == until
    assert "extended" not in detail.action_buttons and detail.notice_button.isEnabled()

    appr = click_action(qtbot, detail, "approved")
    assert isinstance(appr, ApproveDialog)
    appr.note.setPlainText("청구인이 CAM-07 영상에 보임")
    appr.others.setChecked(True)
    ok(appr)
    settle(qtbot, runner)
    assert detail.detail.row.state == "approved" and detail.detail.others_in_frame
    assert set(detail.action_buttons) == {"completed", "withdrawn"} and detail.masking_button.isVisible()
    assert detail.fields["masking"].text() == "필요 — 아직 처리 안 함"

    comp = click_action(qtbot, detail, "completed")
    assert isinstance(comp, CompleteDialog)
    ok(comp)
    settle(qtbot, runner)
    boxes = message_boxes(detail)
    assert boxes and "마스킹" in boxes[0].text()  # no viewing before masking
    dismiss(boxes)
    assert detail.detail.row.state == "approved"

    qtbot.mouseClick(detail.masking_button, Qt.MouseButton.LeftButton)
    mask = detail.dialog
    assert isinstance(mask, MaskingDialog)
    ok(mask)
    assert mask.isVisible() and mask.message.text() == "마스킹 처리자를 입력하십시오."
    mask.masked_by.setText("박시설")
    ok(mask)
    settle(qtbot, runner)
    assert detail.detail.masking_done and detail.fields["masking"].text().startswith("완료 — 박시설")

    comp = click_action(qtbot, detail, "completed")
    comp.witness.setText("최입회")
    ok(comp)
    settle(qtbot, runner)
    assert detail.detail.row.state == "completed" and list(detail.action_buttons) == ["-"]
    assert detail.history_table.model().rowCount() == 5  # 접수, 연장, 승인, 마스킹, 완료
    entry = viewlog.list_ledger(ctx, fac)[0]
    assert entry.kind == "view" and entry.witness == "최입회" and entry.request_id == rid
    assert list_holds(ctx, fac) == []  # the automatic hold ended with the request

    with reason_given():
        qtbot.mouseClick(detail.notice_button, Qt.MouseButton.LeftButton)
    preview = wait_preview(qtbot, page, runner)
    text = pdf_text(preview)
    assert "홍길동" in text and "열람" in text
    path = preview.path
    preview.reject()
    assert not path.exists()  # the temporary PDF with personal data is gone with the preview
    close(qtbot, win, runner)


def test_refusal_needs_a_ground_and_an_explanation_then_closes(
    qtbot, ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(ctx, "fac01", [FACILITY])
    d = requests_uc.receive_request(ctx, fac, request_input(3))
    win, page = open_cctv(qtbot, ctx, runner, fac)
    page.inbox.select(d.id)
    detail = open_detail(qtbot, page, runner)
    refuse = click_action(qtbot, detail, "refused")
    assert isinstance(refuse, RefuseDialog)
    assert not refuse.ok_button.isEnabled()  # explanation required
    grounds = [refuse.ground.itemData(i) for i in range(refuse.ground.count())]
    assert grounds == ["", "retention_expired", "privacy_of_others", "not_subject", "other"]
    assert refuse.ground_code() == ""  # the footage is kept: nothing preselected, the user chooses
    refuse.ground.setCurrentIndex(grounds.index("privacy_of_others"))
    assert "제35조제4항제2호" in refuse.basis.text()
    refuse.explanation.setPlainText("다른 환자가 화면 대부분을 차지하여 마스킹으로 가릴 수 없음")
    assert refuse.ok_button.isEnabled()
    ok(refuse)
    settle(qtbot, runner)
    assert detail.detail.row.state == "refused" and set(detail.action_buttons) == {"closed"}
    assert "타인의 사생활" in detail.fields["refusal"].text()

    with reason_given():
        qtbot.mouseClick(detail.form_button, Qt.MouseButton.LeftButton)  # the 청구서 for the signature
    form = wait_preview(qtbot, page, runner)
    assert "청구서" in pdf_text(form)
    form.reject()
    page.print_job = None
    with reason_given():
        qtbot.mouseClick(detail.notice_button, Qt.MouseButton.LeftButton)
    notice = wait_preview(qtbot, page, runner)
    text = pdf_text(notice)
    assert "마스킹으로 가릴 수 없음" in text and "제35조" in text
    notice.reject()

    closing = click_action(qtbot, detail, "closed")
    assert isinstance(closing, ReasonDialog)
    closing.reason.setPlainText("거절 통지서 우편 발송")
    ok(closing)
    settle(qtbot, runner)
    assert detail.detail.row.state == "closed" and list_holds(ctx, fac) == []
    close(qtbot, win, runner)


def test_past_retention_is_said_at_once_and_only_refusal_on_that_ground_remains(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY])
    win, page = open_cctv(qtbot, sqlite_ctx, runner, fac)
    dialog = intake(qtbot, page, runner, 40, ["CAM-05"])
    assert "보관기간(30일)이 지나 이미 없습니다" in dialog.footage.text()  # before saving
    dialog.window_edit.set_value(*window(5))
    assert "자동 보존 연장" in dialog.footage.text()  # the hint follows the window
    dialog.window_edit.set_value(*window(40))
    ok(dialog)
    settle(qtbot, runner)
    inbox = page.inbox
    assert inbox.last_intake is not None and inbox.last_intake.row.footage_gone
    assert "이미 없습니다" in inbox.notice.text() and list_holds(sqlite_ctx, fac) == []
    row = inbox.model.rows()[0]
    assert (
        inbox.model.data(inbox.model.index(0, RequestsModel.COL_STATE)) == "접수 · 영상 없음"
        and row.footage_gone
    )

    detail = open_detail(qtbot, page, runner)
    assert "영상 없음" in detail.summary.text()
    footage = detail.footage_table.model()
    assert {footage.index(r, 2).data() for r in range(footage.rowCount())} == {"보관기간 경과(파기)"}
    assert detail.notice_button.isEnabled()  # the notice can already say the footage is gone
    appr = click_action(qtbot, detail, "approved")
    ok(appr)
    settle(qtbot, runner)
    boxes = message_boxes(detail)
    assert boxes and "보관기간 경과로 없습니다" in boxes[0].text()
    dismiss(boxes)
    refuse = click_action(qtbot, detail, "refused")
    assert refuse.ground.currentData() == "retention_expired"  # preselected
    refuse.explanation.setPlainText("요청한 날짜의 영상은 보관기간 30일이 지나 덮어쓰였습니다")
    ok(refuse)
    settle(qtbot, runner)
    assert detail.detail.row.state == "refused" and detail.detail.refusal_ground == "retention_expired"
    with reason_given():
        qtbot.mouseClick(detail.notice_button, Qt.MouseButton.LeftButton)
    preview = wait_preview(qtbot, page, runner)
    assert "영상 없음" in pdf_text(preview)  # the notice says the footage no longer exists
    preview.reject()
    close(qtbot, win, runner)


# -- the requester's contact, unmasked with a reason (the request detail base) -------------------------
def test_contact_is_shown_in_full_only_with_a_logged_reason(
    qtbot, ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    fac = staff(ctx, "fac01", [FACILITY])
    _win, page = open_cctv(qtbot, ctx, runner, fac)
    ok(intake(qtbot, page, runner, 2, ["CAM-02"]))
    settle(qtbot, runner)
    detail = open_detail(qtbot, page, runner)
    rid = detail.detail.id
    assert detail.fields["phone"].text() == "010-****-6789"

    qtbot.mouseClick(detail.contact_button, Qt.MouseButton.LeftButton)
    ask = detail.dialog
    assert isinstance(ask, ReasonDialog) and page.dialog is ask and ask.windowTitle() == "연락처 보기"
    ask.accept()  # no reason: nothing shown, nothing logged
    settle(qtbot, runner)
    assert ask.isVisible() and detail.fields["phone"].text() == "010-****-6789"
    assert log_rows(ctx, action="unmask") == []

    ask.reason.setPlainText("열람 일정 안내 전화")
    ask.accept()
    settle(qtbot, runner)
    assert detail.contact is not None and f"전화: {PHONE}" in detail.fields["phone"].text()
    assert "생년월일: 1985-03-04" in detail.fields["phone"].text()
    assert [(e.subject, e.detail) for e in log_rows(ctx, action="unmask")] == [
        (f"cctv_request:{rid}", "사유=열람 일정 안내 전화")
    ]
