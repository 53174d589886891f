"""The complaints desk screen (신고·상담) and its line on the start page: real widgets on a real SQLite
database — the coloured days-left cell, receiving with a Korean message for bad input, answering
and closing, the contact shown with a logged reason, opening an incident with the link shown, and
who sees which buttons."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.complaints import desk
from privdesk.complaints.desk import ComplaintInput
from privdesk.context import AppContext
from privdesk.store.models import AccessLogEntry
from privdesk.ui.complaints.page import (
    AnswerDialog,
    ComplaintsModel,
    ComplaintsPage,
    IncidentDialog,
    ReceiveDialog,
)
from privdesk.ui.incidents.page import IncidentsPage
from privdesk.ui.requests.common import OVERDUE_BACKGROUND
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.today import TodayPage
from tests.audit_support import actor_for
from tests.ui_inbox_support import ok, runner_fixture, settle, window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SHOTS = os.environ.get("PRIVDESK_SHOTS", "")
__all__ = ["runner_fixture"]  # the fixture "runner"


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"complaints-{name}.png"))


def test_officer_sees_overdue_on_start_page_receives_answers_links_and_closes(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    staff = actor_for(ctx, "it", ["privacy"])
    late = desk.receive(
        ctx,
        staff,
        ComplaintInput(
            kind="complaint",
            channel="phone",
            topic="진료비 안내 문자가 다른 사람에게 갔다는 신고",
            name="남궁민수",
            contact="010-9876-5432",
            received_at=clock.now() - dt.timedelta(days=12),
        ),
    )
    win = window(qtbot, ctx, runner, "yook")
    me = win.show_page("today")
    assert isinstance(me, TodayPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: me.items is not None, timeout=15_000)
    row = me.row("complaints.overdue")  # counts and numbers only: no complainant, even masked
    assert row is not None and row.isVisible() and row.item.tone == "overdue"
    assert (
        late.number in row.text.text()
        and "남**수" not in row.text.text()
        and "남궁민수" not in row.text.text()
    )
    shot(win, "start")

    page = win.show_page("complaints")
    assert isinstance(page, ComplaintsPage)
    settle(qtbot, runner)
    assert page.model.rowCount() == 1
    cell = page.model.index(0, ComplaintsModel.COL_LEFT)
    assert "기한 초과" in page.model.data(cell)
    assert page.model.data(cell, 8) == OVERDUE_BACKGROUND  # Qt.BackgroundRole
    assert page.current is not None and "010-****-5432" in page.detail_label.text()

    dialog = page.new_complaint()
    assert isinstance(dialog, ReceiveDialog)
    dialog.topic.setText("홈페이지 회원정보 열람 문의")
    dialog.name.setText("김민수")
    dialog.contact.setText("전화 없음")
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.isVisible() and "연락처는 전화번호나 전자우편 주소로 입력하십시오" in dialog.error.text()
    dialog.contact.setText("minsu@example.com")
    ok(dialog)
    settle(qtbot, runner)
    assert page.model.rowCount() == 2

    assert page.select(late.id)
    settle(qtbot, runner)
    page.show_contact(reason="회신 전화")
    settle(qtbot, runner)
    assert "남궁민수 · 010-9876-5432" in page.detail_label.text()
    with ctx.session() as s:
        assert (
            s.execute(
                select(AccessLogEntry).where(
                    AccessLogEntry.action == Action.UNMASK, AccessLogEntry.subject == f"complaint:{late.id}"
                )
            ).first()
            is not None
        )

    inc = page.to_incident()
    assert isinstance(inc, IncidentDialog)
    ok(inc)
    settle(qtbot, runner)
    assert page.current is not None and page.current.row.incident_number is not None
    assert page.current.row.incident_number in page.detail_label.text()
    assert not page.incident_button.isEnabled()
    shot(win, "desk")

    close = page.answer(closing=True)
    assert isinstance(close, AnswerDialog)
    ok(close)
    settle(qtbot, runner)
    assert close.isVisible() and "답변 내용을 입력하십시오" in close.error.text()
    close.answer.setPlainText("발송 경위를 확인하여 전화로 답변함")
    ok(close)
    settle(qtbot, runner)
    assert desk.get_complaint(ctx, staff, late.id).state == desk.CLOSED
    incidents = win.show_page("incidents")
    assert isinstance(incidents, IncidentsPage)
    settle(qtbot, runner)
    assert incidents.current is not None
    assert f"개인정보 침해 신고</td><td style='padding:2px 0'>{late.number}" in incidents.detail_label.text()
    win.close()
    settle(qtbot, runner)


def test_the_auditor_reads_the_front_desk_sees_nothing(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    desk.receive(
        ctx,
        actor_for(ctx, "yook"),
        ComplaintInput(
            kind="inquiry", channel="web", topic="처리방침 문의", name="김민수", contact="010-2222-3333"
        ),
    )
    win = window(qtbot, ctx, runner, "kam", ["auditor"])
    page = win.show_page("complaints")
    assert isinstance(page, ComplaintsPage)
    settle(qtbot, runner)
    assert page.model.rowCount() == 1
    assert not any(
        b.isVisible()
        for b in (
            page.new_button,
            page.answer_button,
            page.close_button,
            page.request_button,
            page.incident_button,
        )
    )
    me = win.show_page("today")
    settle(qtbot, runner)
    assert isinstance(me, TodayPage)
    qtbot.waitUntil(lambda: me.items is not None, timeout=15_000)
    assert me.row("complaints.overdue") is None
    win.close()
    settle(qtbot, runner)
    win = window(qtbot, ctx, runner, "won", ["intake"])
    assert "complaints" not in win.page_keys()
    win.close()
    settle(qtbot, runner)


def test_the_request_opened_from_a_complaint_names_it(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.rights.requests import RequestInput
    from privdesk.ui.requests.page import RequestsPage
    from tests.incident_support import add_patients

    ctx = sqlite_ctx
    officer = actor_for(ctx, "yook")
    add_patients(ctx, officer, 1)
    c = desk.receive(
        ctx,
        officer,
        ComplaintInput(kind="complaint", channel="visit", topic="주소 오기 신고", chart_no="1001"),
    )
    d = desk.open_request(
        ctx,
        officer,
        c.id,
        RequestInput(
            kind="correct",
            file_code="",
            relation="self",
            requester_name="홍길동",
            requester_phone="010-1234-5678",
            id_document="주민등록증",
            request_text="주소 정정",
            requester_birth=dt.date(1990, 1, 1),
        ),
    )
    assert d.request_id is not None
    win = window(qtbot, ctx, runner, "yook")
    page = win.show_page("requests")
    assert isinstance(page, RequestsPage)
    settle(qtbot, runner)
    dialog = page.open_request(d.request_id)
    settle(qtbot, runner)
    assert f"개인정보 침해 신고 {c.number}에서 접수" in dialog.fields["received"].text()
    dialog.close()
    complaints = win.show_page("complaints")
    assert isinstance(complaints, ComplaintsPage)
    settle(qtbot, runner)
    assert complaints.current is not None and d.row.request_number in complaints.detail_label.text()
    assert not complaints.request_button.isEnabled()
    win.close()
    settle(qtbot, runner)
