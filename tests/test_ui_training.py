"""The 교육 page on a real SQLite database: add a session through the dialog (a bad hour refused in
the dialog, nothing saved), record attendance by picking an account by name, the overdue list
shrinking, the yearly report printed through the preview with its reason logged; the privacy staff
get the page with its buttons, an intake clerk gets no page."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.context import AppContext
from privdesk.store.models import AccessLogEntry
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.training.page import AttendDialog, SessionDialog, TrainingPage
from tests.audit_support import actor_for
from tests.training_support import created_on
from tests.ui_inbox_support import ok, runner_fixture, settle, window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
__all__ = ["runner_fixture"]


def closed(dialog: QWidget) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_training_page_add_attend_overdue_and_print(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    actor_for(ctx, "kim", ["intake"])
    created_on(ctx, "kim", dt.date(2020, 1, 2))  # never trained, due long ago
    win = window(qtbot, ctx, runner, "yook")
    assert "training" in win.page_keys()
    page = win.show_page("training")
    assert isinstance(page, TrainingPage)
    settle(qtbot, runner)
    assert [s.login for s in page.overdue_model.rows()] == ["kim"]
    assert "1명" in page.overdue_title.text() and page.sessions_model.rows() == []
    assert not page.attend_button.isEnabled()

    dialog = page.add_session()
    assert isinstance(dialog, SessionDialog)
    dialog.title_edit.setText("개인정보 보호 정기 교육")
    dialog.hours.setText("두 시간")
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.error.isVisible() and "교육 시간" in dialog.error.text() and not closed(dialog)
    dialog.hours.setText("1.5")
    dialog.instructor.setText("육의곤")
    ok(dialog)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: closed(dialog), timeout=10_000)
    settle(qtbot, runner)
    rows = page.sessions_model.rows()
    assert [(r.title, r.hours_text) for r in rows] == [("개인정보 보호 정기 교육", "1시간 30분")]
    assert page.selected() is not None and page.attend_button.isEnabled()

    attend = page.record_attendance()
    assert isinstance(attend, AttendDialog)
    names = [attend.people.item(i).text() for i in range(attend.people.count())]
    assert any(n.startswith("kim 님 (kim)") for n in names) and any(
        n.startswith("육의곤 (yook)") for n in names
    )
    attend.check("kim")
    ok(attend)
    qtbot.waitUntil(lambda: closed(attend), timeout=10_000)
    settle(qtbot, runner)
    assert page.overdue_model.rows() == [] and "0명" in page.overdue_title.text()
    assert "kim 님" in page.detail.text() and [a.login for a in page.selected().attendees] == ["kim"]  # type: ignore[union-attr]

    job = page.print_report(reason="연간 교육 결과 보고")
    assert job is not None
    qtbot.waitUntil(lambda: job.preview is not None or job.error is not None, timeout=30_000)  # type: ignore[attr-defined]
    assert job.error is None  # type: ignore[attr-defined]
    preview = job.preview  # type: ignore[attr-defined]
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count >= 1, timeout=15_000)
    text = subprocess.run(["pdftotext", str(job.out), "-"], capture_output=True, text=True, check=True).stdout  # type: ignore[attr-defined]
    assert "개인정보 보호 교육 실시 결과" in text and "개인정보 보호 정기 교육" in text
    settle(qtbot, runner)
    preview.close()
    with ctx.session() as s:
        printed = s.scalars(
            select(AccessLogEntry.detail)
            .where(AccessLogEntry.action == Action.PRINT)
            .order_by(AccessLogEntry.seq.desc())
        ).first()
    assert (
        printed is not None
        and "사유=연간 교육 결과 보고" in printed
        and str(clock.today_kst().year) in printed
    )
    win.close()
    settle(qtbot, runner)


def test_who_gets_the_page(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    clerk = window(qtbot, sqlite_ctx, runner, "clerk", ["intake"])
    assert "training" not in clerk.page_keys()
    clerk.close()
    it = window(qtbot, sqlite_ctx, runner, "it", ["privacy"])
    page = it.show_page("training")
    assert isinstance(page, TrainingPage) and page.add_button.isVisibleTo(page)
    it.close()
    settle(qtbot, runner)


def test_correct_a_session_and_cancel_an_attendance(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    """정정… corrects the selected session (a reason required, in the dialog); the original shows as
    corrected in the detail; 이수 취소… cancels an attendance recorded by mistake and the account is
    overdue again."""
    from privdesk.training.usecases import SessionInput, add_session, attend
    from privdesk.ui.training.page import CancelDialog, CorrectDialog
    from tests.audit_support import officer

    ctx = sqlite_ctx
    actor_for(ctx, "kim", ["intake"])
    created_on(ctx, "kim", dt.date(2020, 1, 2))
    created_on(ctx, "yook", dt.date(2020, 1, 2))
    day = clock.today_kst() - dt.timedelta(days=3)
    sid = add_session(ctx, officer(ctx), SessionInput(day, "정기 교욱", "내부", "2")).id
    attend(ctx, officer(ctx), sid, ["kim", "yook"])
    win = window(qtbot, ctx, runner, "yook")
    page = win.show_page("training")
    assert isinstance(page, TrainingPage)
    settle(qtbot, runner)
    assert page.selected() is not None and page.correct_button.isEnabled() and page.cancel_button.isEnabled()
    assert page.overdue_model.rows() == []

    dialog = page.correct_session()
    assert isinstance(dialog, CorrectDialog)
    assert dialog.title_edit.text() == "정기 교욱" and dialog.hours.text() == "2"
    dialog.title_edit.setText("정기 교육")
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.error.isVisible() and "정정 사유" in dialog.error.text() and not closed(dialog)
    dialog.reason.setText("제목 오타 정정")
    ok(dialog)
    qtbot.waitUntil(lambda: closed(dialog), timeout=10_000)
    settle(qtbot, runner)
    row = page.selected()
    assert row is not None and row.id == sid and row.title == "정기 교육" and row.corrected
    assert page.sessions_model.rows()[0].corrections == 1
    detail = page.detail.text()
    assert "정정됨" in detail and "정기 교욱" in detail and "제목 오타 정정" in detail

    cancel = page.cancel_attendance()
    assert isinstance(cancel, CancelDialog) and cancel.people.count() == 2
    cancel.check("kim")
    cancel.reason.setText("불참자 잘못 기록")
    ok(cancel)
    qtbot.waitUntil(lambda: closed(cancel), timeout=10_000)
    settle(qtbot, runner)
    row = page.selected()
    assert row is not None and [a.login for a in row.attendees] == ["yook"]
    assert "이수 취소" in page.detail.text() and "불참자 잘못 기록" in page.detail.text()
    assert [s.login for s in page.overdue_model.rows()] == ["kim"]  # overdue again: the corrected view
    win.close()
    settle(qtbot, runner)
