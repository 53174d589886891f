"""The breach register screen (사고 대장) and the 72-hour clock on the start page: real widgets on a
real SQLite database — the coloured clock cells, registering an incident, adding people from chart
numbers, recording a notice, printing the letters, closing, and who sees which buttons."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from privdesk.context import AppContext
from privdesk.incidents import affected
from privdesk.incidents.rules import Urgency
from privdesk.ui.incidents.clock import LATE_STYLE, IncidentClockBox
from privdesk.ui.incidents.page import (
    AffectDialog,
    CloseDialog,
    IncidentsModel,
    IncidentsPage,
    OpenDialog,
    SentDialog,
)
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.requests.common import OVERDUE_BACKGROUND
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.today import TodayPage
from tests.audit_support import actor_for
from tests.incident_support import add_patients, hours_ago, open_at
from tests.ui_inbox_support import ok, runner_fixture, settle, window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SHOTS = os.environ.get("PRIVDESK_SHOTS", "")
__all__ = ["runner_fixture"]  # the fixture "runner"


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"incidents-{name}.png"))


def test_officer_sees_the_clock_registers_adds_people_records_prints_and_closes(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    add_patients(ctx, actor_for(ctx, "won", ["intake"]), 3)
    staff = actor_for(ctx, "it", ["privacy"])
    late = open_at(
        ctx,
        staff,
        hours_ago(80),
        items="이름, 주민등록번호, 주소",
        summary="외래 안내 우편물의 봉투와 안내문이 서로 바뀌어 발송됨",
        containment="발송 중단, 회수 요청",
    )
    affected.affect_charts(ctx, staff, late.number, ["1001", "1002"])
    win = window(qtbot, ctx, runner, "yook")
    me = win.show_page("today")
    assert isinstance(me, TodayPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: me.items is not None, timeout=15_000)
    assert me.row("incidents.clock") is None  # the clock box shows it, hour by hour: not twice
    box = me.findChild(IncidentClockBox)
    assert box is not None and box.isVisible() and box.styleSheet() == LATE_STYLE
    assert late.number in box.line.text() and "기한 경과" in box.line.text()
    shot(win, "start")

    page = win.show_page("incidents")
    assert isinstance(page, IncidentsPage)
    settle(qtbot, runner)
    assert page.model.rowCount() == 1
    cell = page.model.index(0, IncidentsModel.COL_NOTIFY)
    assert "지남" in page.model.data(cell)
    assert page.model.data(cell, 8) == OVERDUE_BACKGROUND  # Qt.BackgroundRole
    assert page.current is not None and "시행령 제40조①2" in page.detail_label.text()
    shot(win, "register")

    dialog = page.new_incident()
    assert isinstance(dialog, OpenDialog)
    dialog.learnt.setText("2025-03-01 09:00")
    dialog.summary.setPlainText("노트북 분실")
    files = {
        dialog.files.item(i).data(Qt.ItemDataRole.UserRole): dialog.files.item(i)
        for i in range(dialog.files.count())
    }
    assert "patient" in files and files["patient"].text() != "patient"  # ticked by name, not typed as a code
    files["patient"].setCheckState(Qt.CheckState.Checked)
    assert dialog.checked_files() == ["patient"]
    name = files["patient"].text()
    ok(dialog)
    settle(qtbot, runner)
    assert page.model.rowCount() == 2
    laptop = next(r for r in page.model.rows() if r.id != late.id)
    assert page.select(laptop.id)
    settle(qtbot, runner)
    assert name in files_label(page) and "patient" not in files_label(page)

    assert page.select(late.id)
    settle(qtbot, runner)
    add = page.add_people()
    assert isinstance(add, AffectDialog)
    add.charts.setPlainText("1003\n9999\n")
    ok(add)
    settle(qtbot, runner)
    assert add.isVisible() and "9999" in add.error.text()  # nothing added, the dialog says why
    add.charts.setPlainText("1003\n")
    ok(add)
    settle(qtbot, runner)
    assert page.current is not None and page.current.row.affected == 3

    sent = page.record_sent()
    assert isinstance(sent, SentDialog)
    sent.people.setValue(3)
    ok(sent)
    settle(qtbot, runner)
    assert page.current is not None and page.current.row.notify.done
    assert page.current.row.notify.urgency(page.current.row.notify.due) != Urgency.IN_TIME

    job = page.print_paper("letters", reason="우편 통지")
    assert job is not None
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    preview = job.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count == 3, timeout=15_000)
    settle(qtbot, runner)
    preview.close()

    sent = page.record_sent()
    assert isinstance(sent, SentDialog)
    sent.duty.setCurrentIndex(1)
    ok(sent)
    settle(qtbot, runner)
    closing = page.close_incident()
    assert isinstance(closing, CloseDialog)
    closing.cause.setPlainText("봉투 작업 시 확인 누락")
    closing.measures.setPlainText("발송 전 이중 확인, 직원 교육")
    ok(closing)
    settle(qtbot, runner)
    assert [r.number for r in page.model.rows()] == ["INC-2025-0001"]  # the closed one left the open list
    page.filter_combo.setCurrentIndex(1)
    settle(qtbot, runner)
    assert page.select(late.id)
    settle(qtbot, runner)
    assert (
        page.current is not None and page.current.row.state == "closed" and "종결" in page.detail_label.text()
    )
    shot(win, "detail")
    win.close()
    settle(qtbot, runner)


def test_the_auditor_reads_privacy_staff_act_the_front_desk_sees_nothing(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    open_at(ctx, actor_for(ctx, "yook"), hours_ago(3))
    win = window(qtbot, ctx, runner, "kam", ["auditor"])
    page = win.show_page("incidents")
    assert isinstance(page, IncidentsPage)
    settle(qtbot, runner)
    assert page.model.rowCount() == 1
    assert not any(
        b.isVisible()
        for b in (
            page.new_button,
            page.affect_button,
            page.sent_button,
            page.letters_button,
            page.close_button,
        )
    )
    me = win.show_page("today")
    settle(qtbot, runner)
    assert isinstance(me, TodayPage) and not me.incidents_box.isVisible()
    win.close()
    settle(qtbot, runner)

    win = window(qtbot, ctx, runner, "it", ["privacy"])
    page = win.show_page("incidents")
    assert isinstance(page, IncidentsPage)
    settle(qtbot, runner)
    assert (
        page.new_button.isVisible() and page.letters_button.isVisible() and not page.close_button.isVisible()
    )
    win.close()
    settle(qtbot, runner)

    win = window(qtbot, ctx, runner, "won", ["intake"])
    assert "incidents" not in win.page_keys()
    win.close()
    settle(qtbot, runner)


def files_label(page) -> str:  # type: ignore[no-untyped-def]
    text = page.detail_label.text()
    start = text.index("개인정보파일")
    return text[start : start + 200]


def test_the_sms_file_the_homepage_notice_cctv_people_and_the_year_register_on_screen(  # type: ignore[no-untyped-def]
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:
    import csv

    from privdesk.cctv import requests as cctv_requests
    from privdesk.ui.incidents.page import HomepageDialog, RemoveDialog
    from tests.test_cctv_requests import request_input

    ctx = sqlite_ctx
    boss = actor_for(ctx, "yook")
    add_patients(ctx, boss, 2)
    cctv = cctv_requests.receive_request(ctx, boss, request_input(2))
    inc = open_at(ctx, boss, hours_ago(5))
    affected.affect_charts(ctx, boss, inc.number, ["1001", "1002"])
    win = window(qtbot, ctx, runner, "it", ["privacy"])
    page = win.show_page("incidents")
    assert isinstance(page, IncidentsPage)
    settle(qtbot, runner)
    assert page.select(inc.id)
    settle(qtbot, runner)

    add = page.add_people()
    assert isinstance(add, AffectDialog)
    add.mode.setCurrentIndex(AffectDialog.MODES.index("cctv"))
    assert add.cctv.isVisible() and not add.charts.isVisible()
    add.cctv.setText("CR-2026-x")
    ok(add)
    settle(qtbot, runner)
    assert add.isVisible() and "접수번호가 아닙니다" in add.error.text()
    add.cctv.setText(cctv.number)
    ok(add)
    settle(qtbot, runner)
    assert page.current is not None and page.current.row.affected == 3

    remove = page.remove_people()
    assert isinstance(remove, RemoveDialog)
    remove.charts.setPlainText("1002\n")
    ok(remove)
    settle(qtbot, runner)
    assert remove.isVisible() and "제외 사유" in remove.error.text()  # the reason is required
    remove.reason.setText("수신처 확인 결과 명단에 없던 환자")
    ok(remove)
    settle(qtbot, runner)
    assert (
        page.current is not None
        and page.current.row.affected == 2
        and "정보주체 제외" in page.detail_label.text()
    )
    affected.affect_charts(ctx, boss, inc.number, ["1002"])  # back on, for the file below
    page.reload()
    settle(qtbot, runner)
    assert page.select(inc.id)
    settle(qtbot, runner)

    out = tmp_path / "sms.csv"
    task = page.export_sms(out, "문자 통지 발송")
    assert task is not None
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: out.exists(), timeout=15_000)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["순번", "수신자", "휴대전화", "문자 내용"]
    assert len(rows) == 4  # two patients and the CCTV requester, each with a mobile number
    body = out.read_text(encoding="utf-8-sig")
    assert "서울" not in body and "*" in rows[1][1]
    for w in QApplication.topLevelWidgets():  # the result message
        if w.isVisible() and w.objectName() != "" and w is not win:
            w.close()

    page.show_homepage()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: isinstance(page.dialog, HomepageDialog), timeout=15_000)
    notice = page.dialog
    assert isinstance(notice, HomepageDialog)
    text = notice.text.toPlainText()
    assert inc.number in text and "1. " in text and "5. " in text
    notice.close()

    job = page.print_register(reason="연간 사고 대장 보고")
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    preview = job.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count >= 1, timeout=15_000)
    settle(qtbot, runner)
    preview.close()
    win.close()
    settle(qtbot, runner)
