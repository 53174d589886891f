"""The 제3자 제공 screen with pytest-qt on a real database: a disclosure recorded through the entry
form (patient found by chart number, shown masked) appears in the ledger; refusals come back in
Korean inside the form; statistics force de-identified; a correcting entry; the per-subject history;
the printed ledger in the preview and the CSV export."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit

from privdesk import clock
from privdesk.accounts.permissions import FACILITY, INTAKE, Permission
from privdesk.context import Actor, AppContext
from privdesk.disclosures import ledger
from privdesk.registry.patients import set_hold
from privdesk.ui.disclosures import DisclosureDialog, DisclosuresPage, disclosures_page
from privdesk.ui.disclosures.view import DisclosureViewDialog
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.pages import PageSpec
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.tasks import TaskRunner
from tests.consent_support import give_consent
from tests.lifecycle_support import Marked, add_marked
from tests.reason_support import reason_given
from tests.test_disclosures import police
from tests.ui_cctv_support import dismiss, message_boxes, officer, runner_fixture, settle, staff

__all__ = ["runner_fixture"]

PAGES = (PageSpec("disclosures", "제3자 제공", disclosures_page, (Permission.DISCLOSURE_WRITE,)),)


def open_page(qtbot, ctx: AppContext, runner: TaskRunner, actor: Actor) -> tuple[MainWindow, DisclosuresPage]:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx, runner, actor, pages=PAGES, idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.resize(1300, 820)
    win.show()
    page = win.show_page("disclosures")
    assert isinstance(page, DisclosuresPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: len(page.ledger.files) > 0, timeout=15_000)
    return win, page


def patients(ctx: AppContext, n: int = 2) -> list[Marked]:
    boss = officer(ctx)
    return [add_marked(ctx, boss, i, last_visit=clock.today_kst() - dt.timedelta(days=5)) for i in range(n)]


def new_dialog(qtbot, page: DisclosuresPage) -> DisclosureDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.ledger.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, DisclosureDialog) and dialog.isVisible()
    return dialog


def find(qtbot, runner: TaskRunner, dialog: DisclosureDialog, chart: str) -> None:  # type: ignore[no-untyped-def]
    dialog.chart.setText(chart)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)


def fill_police(dialog: DisclosureDialog) -> None:
    dialog.recipient.setText("관악경찰서 형사과")
    dialog.purpose.setPlainText("절도 사건 수사")
    dialog.items.setText("이름, 주소, 내원일")
    dialog.basis.setCurrentIndex(dialog.basis.findData("law"))
    dialog.detail.setText("형사소송법 제215조 압수·수색영장")
    dialog.document_no.setText("형사과-2026-1123")


def double_click(qtbot, widget, pos) -> None:  # type: ignore[no-untyped-def]
    """A person's double-click: press and release, then the double-click (a view emits
    ``doubleClicked`` only on the index that was pressed)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def closed(dialog: DisclosureDialog) -> bool:
    """Accepted: the dialog closed (and was deleted later, as every dialog of the page is)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def submit(qtbot, runner: TaskRunner, dialog: DisclosureDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, runner)


def test_record_through_the_form_and_see_it_in_the_ledger(qtbot, ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    p, q = patients(ctx)
    desk = staff(ctx, "desk01", [INTAKE], "김원무")
    _win, page = open_page(qtbot, ctx, runner, desk)
    tab = page.ledger
    assert tab.model.rowCount() == 0 and [f.code for f in tab.files][-2:] == ["patient", "cctv"]
    dialog = new_dialog(qtbot, page)
    assert dialog.restrictions.toPlainText() == ledger.DEFAULT_RESTRICTIONS
    find(qtbot, runner, dialog, p.chart_no)
    find(qtbot, runner, dialog, p.chart_no)  # the same patient twice is listed once
    find(qtbot, runner, dialog, "NO-SUCH")
    assert dialog.subject_list.count() == 1 and "찾을 수 없습니다" in dialog.message.text()
    label = dialog.subject_list.item(0).text()
    assert label.endswith(f"(차트 {p.chart_no})") and p.name not in label and "*" in label
    dialog.external_name.setText("박민수")
    dialog.external_note.setText("홈페이지 회원")
    dialog.findChild(type(dialog.find_button), "addExternal").click()
    assert dialog.subject_list.item(1).text() == "박*수 (홈페이지 회원)"
    fill_police(dialog)
    assert "제18조제2항제2호" in dialog.basis_text.text() and dialog.detail_label.text() == "근거 상세 (필수)"
    submit(qtbot, runner, dialog)
    assert closed(dialog)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=15_000)
    row = tab.model.row_object(0)
    assert (row.recipient, row.legal_basis, row.subject_count, row.document_no) == (
        "관악경찰서 형사과",
        "law",
        2,
        "형사과-2026-1123",
    )
    assert row.provided_by == "desk01" and row.subject_refs[0] == f"patient:{p.id}"
    shown = [tab.model.data(tab.model.index(0, c)) for c in range(tab.model.columnCount())]
    assert "다른 법률의 특별한 규정: 형사소송법 제215조 압수·수색영장" in shown
    assert any("박*수 (홈페이지 회원)" in (s or "") for s in shown) and not any(
        p.name in (s or "") for s in shown
    )
    assert tab.status.text() == "1건, 정보주체 2명"
    # the filters: recipient text and basis
    tab.recipient.setText("손해보험")
    tab.reload()
    settle(qtbot, runner)
    assert tab.model.rowCount() == 0
    tab.recipient.setText("")
    tab.basis.setCurrentIndex(tab.basis.findData("law"))
    settle(qtbot, runner)
    assert tab.model.rowCount() == 1
    assert q.name not in tab.model.row_object(0).subjects_text


def test_refusals_come_back_in_korean_inside_the_form(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    p, q = patients(ctx)
    set_hold(ctx, officer(ctx), q.id, "정정 요구 처리 중")
    desk = staff(ctx, "desk01", [INTAKE], "김원무")
    _win, page = open_page(qtbot, ctx, runner, desk)
    dialog = new_dialog(qtbot, page)
    find(qtbot, runner, dialog, q.chart_no)
    assert dialog.subject_list.count() == 0
    assert "처리정지(정정 처리 중)" in dialog.message.text() and q.chart_no in dialog.message.text()
    find(qtbot, runner, dialog, p.chart_no)
    fill_police(dialog)
    dialog.basis.setCurrentIndex(dialog.basis.findData("investigation"))
    assert "공공기관에만" in dialog.basis_text.text() and "(공공기관 전용)" in dialog.basis.currentText()
    submit(qtbot, runner, dialog)
    assert dialog.isVisible() and "'다른 법률의 특별한 규정'" in dialog.message.text()
    dialog.basis.setCurrentIndex(dialog.basis.findData("law"))
    dialog.detail.setText("영장")
    submit(qtbot, runner, dialog)
    assert dialog.isVisible() and "법률 이름과 조항" in dialog.message.text()
    assert (
        message_boxes(page) == []
        and ledger.list_disclosures(ctx, desk, clock.today_kst(), clock.today_kst()) == []
    )
    dialog.detail.setText("형사소송법 제215조 압수·수색영장")
    submit(qtbot, runner, dialog)
    assert closed(dialog)
    qtbot.waitUntil(lambda: page.ledger.model.rowCount() == 1, timeout=15_000)


def test_pseudonymised_data_with_its_record_and_a_correction(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    desk = staff(ctx, "desk01", [INTAKE], "김원무")
    _win, page = open_page(qtbot, ctx, runner, desk)
    dialog = new_dialog(qtbot, page)
    assert dialog.basis.findData("statistics") == -1  # the repealed 18②4 ground is not offered
    dialog.recipient.setText("서울대학교 의과대학 연구팀")
    dialog.purpose.setPlainText("내원 양상 통계 연구")
    dialog.items.setText("성별, 연령대, 진료과")
    dialog.detail.setText("외래 내원 양상 연구")
    dialog.basis.setCurrentIndex(dialog.basis.findData("pseudonymised"))
    assert dialog.deidentified.isChecked() and not dialog.deidentified.isEnabled()
    assert (
        not dialog.subjects_box.isEnabled() and dialog.count.isEnabled() and dialog.pseudonym_box.isEnabled()
    )
    dialog.count.setValue(1200)
    submit(qtbot, runner, dialog)  # the 가명처리 record is still empty
    assert not closed(dialog) and "가명처리한 항목" in dialog.message.text()
    dialog.ps_purpose.setCurrentIndex(dialog.ps_purpose.findData("research"))
    dialog.ps_items.setText("이름, 주민등록번호, 생년월일")
    dialog.ps_method.setPlainText("이름·주민등록번호 삭제, 생년월일 → 연령대")
    dialog.ps_additional.setText("추가정보 없음")
    dialog.ps_period.setText("연구 종료 시까지")
    submit(qtbot, runner, dialog)
    tab = page.ledger
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=15_000)
    first = tab.model.row_object(0)
    assert first.deidentified and first.subject_count == 1200 and first.subject_labels == ()
    assert first.pseudonym is not None and first.pseudonym.performed_by == "desk01"
    assert tab.model.data(tab.model.index(0, 1)) == "제3자 제공"

    tab.table.selectRow(0)
    # a double-click views the entry, read only: nothing to edit, no correction started
    rect = tab.table.visualRect(tab.model.index(0, 4))
    double_click(qtbot, tab.table.viewport(), rect.center())
    view = page.dialog
    assert isinstance(view, DisclosureViewDialog) and view.isVisible() and view.row.id == first.id
    assert view.values["이용 부서·제공받는 자"].text() == "서울대학교 의과대학 연구팀"
    assert view.values["이용·제공 목적"].text() == "내원 양상 통계 연구"
    assert not view.findChildren(QLineEdit) and not view.findChildren(QPlainTextEdit)
    view.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert closed(view)
    assert len(ledger.list_disclosures(ctx, desk, clock.today_kst(), clock.today_kst())) == 1

    # 정정 from the view asks the reason first (cancelled: no form), then opens the correcting form
    double_click(qtbot, tab.table.viewport(), rect.center())
    view = page.dialog
    assert isinstance(view, DisclosureViewDialog) and view.correct_button is not None
    with reason_given(None):
        view.correct_button.click()
    assert page.dialog is view and closed(view)
    with reason_given("인원수 오기") as asked:
        qtbot.mouseClick(tab.correct_button, Qt.MouseButton.LeftButton)
    assert asked.titles == ["정정 기재 — 사유"]
    fix = page.dialog
    assert isinstance(fix, DisclosureDialog) and fix.corrects is not None and "정정 기재" in fix.windowTitle()
    assert fix.recipient.text() == "서울대학교 의과대학 연구팀" and fix.count.value() == 1200
    assert fix.ps_items.text() == "이름, 주민등록번호, 생년월일" and not fix.kind.isEnabled()
    assert fix.note.text() == "정정 사유: 인원수 오기"
    fix.count.setValue(1250)
    submit(qtbot, runner, fix)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=15_000)
    a, b = tab.model.rows()
    assert (a.corrected_by, b.corrects_id, b.subject_count) == ((b.id,), a.id, 1250)
    assert b.note == "정정 사유: 인원수 오기" and a.subject_count == 1200  # the original stays
    col = len(tab.model.COLUMNS) - 1
    assert tab.model.data(tab.model.index(0, col)) == f"정정됨 → {b.id}"
    assert tab.model.data(tab.model.index(1, col)) == f"{a.id}번 정정"


def test_internal_use_through_the_form(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    p, _q = patients(ctx)
    give_consent(ctx, [p.id])  # 목적 외 이용 on consent needs the recorded consent
    desk = staff(ctx, "desk01", [INTAKE], "김원무")
    _win, page = open_page(qtbot, ctx, runner, desk)
    dialog = new_dialog(qtbot, page)
    dialog.kind.setCurrentIndex(dialog.kind.findData("internal_use"))
    assert dialog.recipient_label.text() == "이용 부서" and not dialog.restrictions.isEnabled()
    find(qtbot, runner, dialog, p.chart_no)
    dialog.recipient.setText("원무과 고객만족팀")
    dialog.purpose.setPlainText("만족도 조사 안내 문자 발송")
    dialog.items.setText("이름, 연락처")
    dialog.basis.setCurrentIndex(dialog.basis.findData("consent"))
    dialog.detail.setText("만족도 조사 안내 수신 별도 동의서")
    submit(qtbot, runner, dialog)
    assert closed(dialog)
    tab = page.ledger
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=15_000)
    row = tab.model.row_object(0)
    assert (
        row.kind == "internal_use"
        and row.restrictions == ""
        and tab.model.data(tab.model.index(0, 1)) == "목적 외 이용"
    )
    tab.kind.setCurrentIndex(tab.kind.findData("provision"))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=15_000)


def test_history_print_and_export(qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    p, q = patients(ctx)
    give_consent(ctx, [p.id], "provision")
    desk = staff(ctx, "desk01", [INTAKE], "김원무")
    d1 = ledger.record_disclosure(
        ctx, desk, police(p.id, q.id, disclosed_on=clock.today_kst() - dt.timedelta(days=3))
    )
    d2 = ledger.record_disclosure(
        ctx,
        desk,
        police(
            p.id, recipient="한빛손해보험(주)", legal_basis="consent", basis_detail="동의서", restrictions=""
        ),
    )
    _win, page = open_page(qtbot, ctx, runner, desk)
    assert page.ledger.model.rowCount() == 2
    page.tabs.setCurrentWidget(page.history)
    page.history.chart.setText(p.chart_no)
    qtbot.mouseClick(page.history.search_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert [r.disclosure_id for r in page.history.model.rows()] == [d1.id, d2.id]
    assert "제3자 제공 2건" in page.history.summary.text() and p.name not in page.history.summary.text()

    page.tabs.setCurrentWidget(page.ledger)
    with reason_given():
        job = page.ledger.print_ledger()
    assert job is not None
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    preview = job.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count >= 1, timeout=15_000)
    text = subprocess.run(
        ["pdftotext", str(preview.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert (
        "개인정보의 목적 외 이용 및 제3자 제공 대장" in text and "한빛손해보험" in text and p.name not in text
    )
    preview.reject()
    settle(qtbot, runner)

    out = tmp_path / "ledger.csv"
    page.ledger.export_to(out, "보험사 제공 내역 확인")
    settle(qtbot, runner)
    assert page.last_export == (out, 2)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf" + "번호,구분,이용·제공일".encode())
    boxes = message_boxes(page)
    assert boxes and "2건을 내보냈습니다" in boxes[0].text()
    dismiss(boxes)


def test_the_page_needs_disclosure_write(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    fac = staff(sqlite_ctx, "fac01", [FACILITY], "박시설")
    win = MainWindow(sqlite_ctx, runner, fac, pages=PAGES, idle_timeout_ms=0)
    qtbot.addWidget(win)
    assert win.page_keys() == [] and win.show_page("disclosures") is None
