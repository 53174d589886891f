"""The 수탁업체 screen with pytest-qt on a real database: the ten processors, a contract ending soon
highlighted by colour and by text, an edit through the form (reason required, refusals shown in the
form, a stale copy reloads), the change history, ending an outsourcing, printing the list."""

from __future__ import annotations

import datetime as dt
import subprocess

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from privdesk import clock
from privdesk.accounts.permissions import INTAKE, PRIVACY, Permission
from privdesk.context import Actor, AppContext
from privdesk.disclosures import processors as uc
from privdesk.ui.disclosures.contract import ContractDialog
from privdesk.ui.disclosures.processors import (
    EXPIRED_BACKGROUND,
    SOON_BACKGROUND,
    ProcessorDialog,
    ProcessorHistoryDialog,
    ProcessorsModel,
    ProcessorsPage,
    processors_page,
)
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.pages import PageSpec
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import ReasonDialog
from tests.reason_support import reason_given
from tests.test_processors import form
from tests.ui_cctv_support import dismiss, message_boxes, officer, runner_fixture, settle, staff

__all__ = ["runner_fixture"]

PAGES = (PageSpec("processors", "수탁업체", processors_page, (Permission.PROCESSOR_MANAGE,)),)


def open_page(qtbot, ctx: AppContext, runner: TaskRunner, actor: Actor) -> tuple[MainWindow, ProcessorsPage]:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx, runner, actor, pages=PAGES, idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.resize(1300, 700)
    win.show()
    page = win.show_page("processors")
    assert isinstance(page, ProcessorsPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.model.rowCount() == 10, timeout=15_000)
    return win, page


def save(qtbot, runner: TaskRunner, dialog: ProcessorDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, runner)


def test_ending_soon_is_highlighted_by_colour_and_by_text(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    me = staff(ctx, "priv01", [PRIVACY], "최전산")
    rows = uc.list_processors(ctx, me)
    uc.update_processor(
        ctx,
        me,
        rows[1].id,
        form(
            rows[1],
            contract_start=dt.date(2025, 1, 1),
            contract_end=clock.today_kst() + dt.timedelta(days=12),
        ),
        "계약서 확인",
        1,
    )
    uc.update_processor(
        ctx,
        me,
        rows[4].id,
        form(
            rows[4], contract_start=dt.date(2024, 1, 1), contract_end=clock.today_kst() - dt.timedelta(days=2)
        ),
        "계약서 확인",
        1,
    )
    _win, page = open_page(qtbot, ctx, runner, me)
    m = page.model
    status = [m.data(m.index(r, ProcessorsModel.COL_STATUS)) for r in range(10)]
    assert status[1] == "⚠ 종료 임박 (D-12)" and status[4] == "■ 반환·파기 미확인"  # ended, data not yet back
    assert [s for i, s in enumerate(status) if i not in (1, 4)] == [""] * 8
    assert m.data(m.index(1, 1), Qt.ItemDataRole.BackgroundRole) == SOON_BACKGROUND
    assert m.data(m.index(4, 3), Qt.ItemDataRole.BackgroundRole) == EXPIRED_BACKGROUND
    assert m.data(m.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert m.data(m.index(1, ProcessorsModel.COL_NAME)) == "(주)태영소프트"
    assert page.status.text() == "위탁 중 10곳 — 계약 종료 임박 1곳, 계약 만료 1곳, 반환·파기 미확인 1곳"


def test_edit_a_processor_through_the_form(qtbot, ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    me = staff(ctx, "priv01", [PRIVACY], "최전산")
    _win, page = open_page(qtbot, ctx, runner, me)
    assert page.select_name("(주)태영소프트")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ProcessorDialog) and dialog.name.text() == "(주)태영소프트"
    dialog.start.set_value(dt.date(2025, 1, 1))
    dialog.end.set_value(clock.today_kst() + dt.timedelta(days=20))
    dialog.contact.setText("홍담당 02-123-4567")
    dialog.last_check.set_value(clock.today_kst())
    save(qtbot, runner, dialog)  # no reason: refused by the form itself
    assert dialog.isVisible() and "사유를 입력하십시오" in dialog.message.text()
    dialog.reason.setPlainText("위탁 계약서 확인")
    dialog.end.set_value(dt.date(2024, 12, 1))  # before the start: the use case refuses, in the form
    save(qtbot, runner, dialog)
    assert dialog.isVisible() and "계약 종료일은 계약 시작일보다 늦어야" in dialog.message.text()
    dialog.end.set_value(clock.today_kst() + dt.timedelta(days=20))
    save(qtbot, runner, dialog)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    qtbot.waitUntil(lambda: any(r.ending_soon for r in page.model.rows()), timeout=15_000)
    row = next(r for r in page.model.rows() if r.name == "(주)태영소프트")
    assert (row.contract_end, row.contact, row.last_check, row.version) == (
        clock.today_kst() + dt.timedelta(days=20),
        "홍담당 02-123-4567",
        clock.today_kst(),
        2,
    )
    assert page.model.data(page.model.index(page.model.rows().index(row), 0)) == "⚠ 종료 임박 (D-20)"

    # the history names what changed and why
    page.select_name("(주)태영소프트")
    qtbot.mouseClick(page.history_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    hist = page.dialog
    assert isinstance(hist, ProcessorHistoryDialog) and hist.model.rowCount() == 2
    last = hist.model.row_object(1)
    assert last.reason == "위탁 계약서 확인" and "계약 종료일: (없음) → " in last.detail
    assert hist.model.data(hist.model.index(1, 2)) == "변경"
    hist.reject()

    # a stale copy (someone else saved first): refused, the list reloads, nothing overwritten
    page.select_name("(주)태영소프트")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    stale = page.dialog
    assert isinstance(stale, ProcessorDialog)
    uc.update_processor(
        ctx, officer(ctx), row.id, form(row, contact="다른 담당 02-999-0000"), "담당자 변경", row.version
    )
    stale.contact.setText("내가 고친 담당")
    stale.reason.setPlainText("담당자 변경")
    save(qtbot, runner, stale)
    boxes = message_boxes(page)
    assert boxes and "다른 사용자가 먼저" in boxes[0].text()
    dismiss(boxes)
    settle(qtbot, runner)
    assert uc.get_processor(ctx, me, row.id).contact == "다른 담당 02-999-0000"


def test_end_an_outsourcing_and_print_the_list(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    me = staff(ctx, "priv01", [PRIVACY], "최전산")
    _win, page = open_page(qtbot, ctx, runner, me)
    page.select_name("(주)피어나인")
    assert page.active_button.text() == "위탁 종료"
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReasonDialog)
    dialog.reason.setPlainText("검진센터 문자 서비스 해지")
    dialog.accept()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: not page.model.rows()[-1].active, timeout=15_000)
    ended = page.model.rows()[-1]
    # ended, but open (red, listed even without 위탁 종료 업체) until the return or destruction is on record
    assert ended.name == "(주)피어나인" and page.model.data(page.model.index(9, 0)) == "■ 반환·파기 미확인"
    assert page.model.data(page.model.index(9, 1), Qt.ItemDataRole.BackgroundRole) == EXPIRED_BACKGROUND
    page.show_inactive.setChecked(False)
    settle(qtbot, runner)
    assert page.model.rowCount() == 10
    page.select_name("(주)피어나인")
    qtbot.mouseClick(page.contract_button, Qt.MouseButton.LeftButton)
    contract = page.dialog
    assert isinstance(contract, ContractDialog) and contract.save_return.isEnabled()
    assert "미결" in contract.return_state.text()
    contract.save_return.click()  # no evidence: refused in Korean, in the dialog
    settle(qtbot, runner)
    assert contract.message.isVisible() and "증빙" in contract.message.text()
    contract.evidence.setText("수탁업체 파기 확인서 (공문 피어나인-2026-12)")
    contract.save_return.click()
    settle(qtbot, runner)
    assert contract.return_state.text().startswith(
        f"{clock.today_kst().isoformat()} 파기 확인 — 증빙: 수탁업체 파기 확인서"
    )
    contract.reject()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.model.rowCount() == 9, timeout=15_000)

    with reason_given():
        job = page.print_list()
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    preview = job.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count >= 1, timeout=15_000)
    text = subprocess.run(
        ["pdftotext", str(preview.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "개인정보 처리업무 위탁 현황" in text and "(주)태영소프트" in text and "(주)피어나인" not in text
    preview.reject()


def test_the_page_needs_processor_manage(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    desk = staff(sqlite_ctx, "desk01", [INTAKE], "김원무")
    win = MainWindow(sqlite_ctx, runner, desk, pages=PAGES, idle_timeout_ms=0)
    qtbot.addWidget(win)
    assert win.page_keys() == [] and win.show_page("processors") is None


def test_the_contract_checklist_and_a_subprocessor_through_the_dialog(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    me = staff(ctx, "priv01", [PRIVACY], "최전산")
    _win, page = open_page(qtbot, ctx, runner, me)
    col = [c.header for c in ProcessorsModel.COLUMNS].index("계약서 필수 기재사항")
    assert page.model.data(page.model.index(0, col)) == "계약서 미점검"
    page.select_name("(주)태영소프트")
    qtbot.mouseClick(page.contract_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ContractDialog) and not dialog.save_return.isEnabled()  # still running
    for i, (code, check) in enumerate(dialog.present.items(), start=3):
        if code != "liability":
            check.setChecked(True)
            dialog.article[code].setText(f"제{i}조")
    dialog.check_reason.setText("위탁 계약서 검토")
    dialog.save_checklist.click()
    settle(qtbot, runner)
    assert (
        dialog.state_labels["liability"].text() == "누락"
        and dialog.state_labels["scope"].text() == "있음 (제5조)"
    )
    assert dialog.checklist_summary.text() == "필수 기재사항 6/7 — 누락·미점검: 의무 위반 시 손해배상 등 책임"
    dialog.sub_name.setText("(주)클라우드원")
    dialog.sub_task.setText("영상 저장 서버 운영")
    dialog.sub_reason.setText("재위탁 동의")
    dialog.add_sub.click()
    settle(qtbot, runner)
    assert dialog.sub_list.count() == 1 and dialog.sub_list.item(0).text().startswith("(주)클라우드원")
    dialog.reject()
    settle(qtbot, runner)
    row = next(i for i, r in enumerate(page.model.rows()) if r.name == "(주)태영소프트")
    qtbot.waitUntil(
        lambda: page.model.data(page.model.index(row, col)).startswith("필수 기재사항 6/7"), timeout=15_000
    )
