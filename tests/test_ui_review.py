"""The monthly access-log review screen (접속기록 점검) on a real SQLite database with a generated month
of planted anomalies (tests/review_support.py, the core's own generator): running the check, the
findings with their entries, a result recorded, a 소명 asked, answered by the account it was sent to
(JustificationAnswerDialog, as the start screen opens it) and accepted, the sign-off refused with
open items and with a wrong password (nothing signed), then signed with the page locked; and who
gets the page."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy, QTest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from privdesk import clock, review
from privdesk.audit.chain import Action
from privdesk.context import AppContext
from privdesk.review import FindingKind, JState, Month, Result
from privdesk.store.models import AccessLogEntry
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.review.dialogs import (
    AskDialog,
    DecideDialog,
    JustificationAnswerDialog,
    ResultDialog,
    SignDialog,
)
from privdesk.ui.review.page import AccountsModel, FindingsModel, ReviewPage, entry_cells
from privdesk.ui.tablemodel import ROW_ROLE
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import actor_for, officer
from tests.helpers import OFFICER_PASSWORD
from tests.review_support import anomalous_month, months
from tests.ui_inbox_support import ok, runner_fixture, settle, window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SHOTS = os.environ.get("PRIVDESK_SHOTS", "")
__all__ = ["runner_fixture"]  # the fixture "runner"


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"review-{name}.png"))


@pytest.fixture
def planted(sqlite_ctx: AppContext) -> tuple[AppContext, Month, dict[str, dt.date]]:
    bad, _normal = months()
    for login in ("kim", "lee", "park"):
        actor_for(sqlite_ctx, login, ["intake"])
    return sqlite_ctx, bad, anomalous_month(sqlite_ctx, bad)


def row_of(page: ReviewPage, kind: FindingKind, account: str) -> int:
    for i, f in enumerate(page.findings_model.rows()):
        if f.kind == kind and f.account == account:
            return i
    raise AssertionError((kind, account))


def pick(qtbot, page: ReviewPage, runner: TaskRunner, kind: FindingKind, account: str) -> review.Finding:  # type: ignore[no-untyped-def]
    page.findings_table.selectRow(row_of(page, kind, account))
    settle(qtbot, runner)
    f = page.selected()
    assert f is not None and (f.kind, f.account) == (kind, account)
    return f


def closed(dialog: QWidget) -> bool:
    """Closed (and perhaps already deleted: the page deletes its dialogs when they finish)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def cell(page: ReviewPage, kind: FindingKind, account: str, col: int) -> str:
    return str(page.findings_model.data(page.findings_model.index(row_of(page, kind, account), col)))


def test_review_run_result_justification_and_sign_off(qtbot, planted, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    ctx, month, days = planted
    win = window(qtbot, ctx, runner, "yook")
    page = win.show_page("review")
    assert isinstance(page, ReviewPage)
    settle(qtbot, runner)
    assert page.month_combo.currentData() == str(Month.of(clock.today_kst()).previous())  # the default
    page.set_month(month)
    settle(qtbot, runner)
    assert "아직 점검하지 않았습니다" in page.state_label.text() and page.findings_model.rowCount() == 0
    assert (
        not page.sign_button.isEnabled() and not page.print_button.isEnabled() and page.run_button.isEnabled()
    )

    page.run_button.click()
    settle(qtbot, runner)
    kinds = {f.kind for f in page.findings_model.rows()}
    assert {
        FindingKind.OFF_HOURS,
        FindingKind.DOWNLOAD,
        FindingKind.FAILED_LOGINS,
        FindingKind.NO_VISIT,
    } <= kinds
    state = page.state_label.text()
    assert month.label() in state and "서명 전" in state and f"{page.review.entries:,}" in state
    assert page.tabs.tabText(0) == f"발견 사항 ({page.findings_model.rowCount()})"
    for f in page.findings_model.rows():  # Korean labels only, never the internal codes
        assert page.findings_model.data(page.findings_model.index(0, FindingsModel.COL_KIND)) != str(f.kind)

    # the accounts: sortable, the risk explained in the tooltip
    accounts = page.accounts_model
    assert {a.login for a in accounts.rows()} >= {"kim", "lee", "park"}
    kim_row = next(i for i, a in enumerate(accounts.rows()) if a.login == "kim")
    kim = accounts.row_object(kim_row)
    assert accounts.data(accounts.index(kim_row, AccountsModel.COL_WHO)) == "kim 님(kim)"
    assert (
        accounts.data(accounts.index(kim_row, AccountsModel.COL_RISK), Qt.ItemDataRole.ToolTipRole)
        == kim.risk_explained
    )
    assert "×" in kim.risk_explained
    page.accounts_table.sortByColumn(AccountsModel.COL_RISK, Qt.SortOrder.DescendingOrder)
    proxy = page.accounts_proxy
    risks = [
        proxy.data(proxy.index(i, AccountsModel.COL_RISK), ROW_ROLE).risk for i in range(proxy.rowCount())
    ]
    assert risks == sorted(risks, reverse=True)
    page.tabs.setCurrentIndex(1)
    shot(win, "accounts")
    page.tabs.setCurrentIndex(0)

    # a download: its entry below, the reason in the detail; 정상 처리 needs a note
    export = pick(qtbot, page, runner, FindingKind.DOWNLOAD, "kim")
    assert page.entries_model.rowCount() == 1
    action, _subject, detail = entry_cells(page.entries_model.row_object(0))
    assert "내보내기" in action and "업무 참고" in action + detail  # in words, with its reason
    assert "업무 참고" in page.detail_label.text()
    assert cell(page, FindingKind.DOWNLOAD, "kim", FindingsModel.COL_REASON) == "업무 참고"
    assert page.normal_button.isEnabled() and page.ask_button.isEnabled()
    assert not page.accept_button.isEnabled() and not page.reject_button.isEnabled()
    page.normal_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ResultDialog) and dialog.isVisible()
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.isVisible() and "메모를 입력하십시오" in dialog.error.text()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Escape cancels
    assert closed(dialog)
    page.normal_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ResultDialog)
    dialog.note.setPlainText("원무과장 확인: 보험 청구 자료")
    QTest.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter accepts, in the text box too
    settle(qtbot, runner)
    assert closed(dialog)
    assert cell(page, FindingKind.DOWNLOAD, "kim", FindingsModel.COL_RESULT) == "정상"
    assert page.selected() is not None and page.selected().id == export.id  # the selection is kept
    assert "원무과장 확인" in page.detail_label.text()

    # 소명: asked of lee, answered by lee in the start screen's dialog, accepted by the reviewer
    night = pick(qtbot, page, runner, FindingKind.OFF_HOURS, "lee")
    assert page.entries_model.rowCount() == 40
    assert days["night"].isoformat() in page.entries_model.data(page.entries_model.index(0, 1))
    page.ask_button.click()
    ask = page.dialog
    assert isinstance(ask, AskDialog) and ask.recipient.text() == "lee 님(lee)"
    assert "7일" in ask.hint.text()
    ask.message.setPlainText("새벽 2시 30분 조회 40건의 경위를 적어 주십시오.")
    ok(ask)
    settle(qtbot, runner)
    assert cell(page, FindingKind.OFF_HOURS, "lee", FindingsModel.COL_J) == "소명 요청됨"
    assert not page.ask_button.isEnabled() and not page.accept_button.isEnabled()
    assert "새벽 2시 30분" in page.detail_label.text()
    shot(win, "findings")

    lee = actor_for(ctx, "lee")
    lee_win = window(qtbot, ctx, runner, "lee")
    assert "review" not in lee_win.page_keys()
    (j,) = review.my_justifications(ctx, lee)
    answer = JustificationAnswerDialog(lee_win, j, lee_win)
    spy = QSignalSpy(answer.answered)
    answer.open()
    assert "새벽 2시 30분" in answer.intro.text() and j.due.isoformat() in answer.intro.text()
    assert (
        "업무시간 외 접속" in answer.intro.text() and "육의곤(yook)" in answer.intro.text()
    )  # the reviewer by name
    ok(answer)
    settle(qtbot, runner)
    assert answer.isVisible() and "답변을 입력하십시오" in answer.error.text() and spy.count() == 0
    answer.answer.setPlainText("응급 전원 환자 확인을 요청받아 조회했습니다.")
    shot(answer, "answer")
    ok(answer)
    settle(qtbot, runner)
    assert closed(answer) and spy.count() == 1
    answered = spy.at(0)[0]
    assert answered.state == JState.ANSWERED and answered.id == j.id
    (again,) = review.my_justifications(ctx, lee)  # answered, waiting: shown, not sent twice
    seen = JustificationAnswerDialog(lee_win, again, lee_win)
    seen.open()
    assert (
        seen.answer.isReadOnly()
        and not seen.ok_button.isVisible()
        and "이미 답변했습니다" in seen.error.text()
    )
    QTest.keyClick(seen.answer, Qt.Key.Key_Return)
    settle(qtbot, runner)
    assert seen.isVisible()
    QTest.keyClick(seen, Qt.Key.Key_Escape)
    assert closed(seen)
    lee_win.close()
    settle(qtbot, runner)

    settle(qtbot, runner)  # the page reloaded on the change
    assert cell(page, FindingKind.OFF_HOURS, "lee", FindingsModel.COL_J) == "답변됨"
    pick(qtbot, page, runner, FindingKind.OFF_HOURS, "lee")
    assert page.accept_button.isEnabled() and page.reject_button.isEnabled()
    assert "응급 전원 환자" in page.detail_label.text()
    page.accept_button.click()
    decide = page.dialog
    assert isinstance(decide, DecideDialog)
    decide.note.setPlainText("응급실 지원 기록과 일치")
    ok(decide)
    settle(qtbot, runner)
    assert cell(page, FindingKind.OFF_HOURS, "lee", FindingsModel.COL_J) == "수용"
    assert cell(page, FindingKind.OFF_HOURS, "lee", FindingsModel.COL_RESULT) == "정상"
    assert night.id == page.selected().id and not page.accept_button.isEnabled()

    # the sign-off: refused while findings are open, then with a wrong password; nothing signed
    assert page.sign_button.isEnabled()
    page.sign_button.click()
    sign = page.dialog
    assert isinstance(sign, SignDialog)
    assert "남은 일: 결과 미기록" in sign.intro.text()
    assert sign.password.echoMode() == sign.password.EchoMode.Password
    sign.password.setText(OFFICER_PASSWORD)
    QTest.keyClick(sign.password, Qt.Key.Key_Return)  # Enter accepts
    settle(qtbot, runner)
    assert sign.isVisible() and "결과가 기록되지 않은 발견 사항" in sign.error.text()
    assert sign.password.text() == ""  # asked again
    QTest.keyClick(sign, Qt.Key.Key_Escape)
    assert closed(sign)
    me = officer(ctx)
    for f in review.load(ctx, me, month).findings:
        if f.result is None:
            review.record_result(ctx, me, f.id, Result.NORMAL, "업무상 필요 확인")
    page.reload()
    settle(qtbot, runner)
    page.sign_button.click()
    sign = page.dialog
    assert isinstance(sign, SignDialog) and "남은 일" not in sign.intro.text()
    sign.password.setText("Wrong-pass1")
    ok(sign)
    settle(qtbot, runner)
    assert (
        sign.isVisible()
        and sign.error.isVisible()
        and "비밀번호가 올바르지 않습니다" in sign.error.text()
        and "아이디" not in sign.error.text()
    )
    assert review.load(ctx, me, month).signed is None
    shot(sign, "sign")
    sign.password.setText(OFFICER_PASSWORD)
    ok(sign)
    settle(qtbot, runner)
    assert closed(sign)
    signed = review.load(ctx, me, month).signed
    assert signed is not None and signed.by == "yook"
    state = page.state_label.text()
    assert "서명됨" in state and "육의곤(yook)" in state and f"{signed.head_seq:,}번" in state
    assert signed.head_hash[:16] in state
    for b in (
        page.normal_button,
        page.action_button,
        page.ask_button,
        page.accept_button,
        page.reject_button,
        page.sign_button,
        page.run_button,
    ):
        assert not b.isEnabled(), b.objectName()
    assert page.record(Result.ACTION) is None  # and nothing opens
    shot(win, "signed")

    # 결과 출력: the printed result through the preview, carrying the sign-off's head; the print logged
    assert page.print_button.isEnabled()
    job = page.print_report(reason="월간 점검 결과 보고")
    assert job is not None
    qtbot.waitUntil(lambda: job.preview is not None or job.error is not None, timeout=30_000)
    assert job.error is None
    preview = job.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count >= 1, timeout=15_000)
    text = subprocess.run(["pdftotext", str(job.out), "-"], capture_output=True, text=True, check=True).stdout
    assert "접속기록 점검" in text and f"{signed.head_seq}번" in text and "육의곤" in text
    settle(qtbot, runner)
    preview.close()
    with ctx.session() as s:
        printed = (
            s.execute(
                select(AccessLogEntry.detail)
                .where(AccessLogEntry.action == Action.PRINT)
                .order_by(AccessLogEntry.seq.desc())
            )
            .scalars()
            .first()
        )
    assert printed is not None and "사유=월간 점검 결과 보고" in printed
    win.close()
    settle(qtbot, runner)


def test_reject_makes_action_and_the_page_is_only_for_reviewers(qtbot, planted, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    ctx, month, _days = planted
    me = officer(ctx)
    r = review.run(ctx, me, month)
    export = next(f for f in r.findings if f.kind == FindingKind.DOWNLOAD and f.account == "kim")
    j = review.ask_justification(ctx, me, export.id, "내보낸 목록의 용도를 적어 주십시오.")
    review.answer_justification(ctx, actor_for(ctx, "kim"), j.id, "업무 참고")

    auditor = window(qtbot, ctx, runner, "audit", ["auditor"])  # the auditor reviews too
    page = auditor.show_page("review")
    assert isinstance(page, ReviewPage)
    settle(qtbot, runner)
    page.set_month(month)
    settle(qtbot, runner)
    assert page.findings_model.rowCount() == len(r.findings)  # loaded, not re-run
    pick(qtbot, page, runner, FindingKind.DOWNLOAD, "kim")
    page.reject_button.click()
    decide = page.dialog
    assert isinstance(decide, DecideDialog)
    ok(decide)
    settle(qtbot, runner)
    assert decide.isVisible() and "반려하는 이유" in decide.error.text()
    decide.note.setPlainText("용도 불명확: 재교육")
    ok(decide)
    settle(qtbot, runner)
    assert cell(page, FindingKind.DOWNLOAD, "kim", FindingsModel.COL_RESULT) == "조치 필요"
    assert cell(page, FindingKind.DOWNLOAD, "kim", FindingsModel.COL_J) == "반려(조치 필요)"
    assert "용도 불명확" in page.detail_label.text()
    auditor.close()
    settle(qtbot, runner)

    for login, roles in (("kim", None), ("cctv", ["facility"])):  # intake and facility staff: no page
        win = window(qtbot, ctx, runner, login, roles)
        assert "review" not in win.page_keys() and win.show_page("review") is None
        win.close()
        settle(qtbot, runner)


def test_change_on_last_month_and_the_state_line_without_a_run() -> None:
    from privdesk.review import AccountSummary, MonthReview
    from privdesk.ui.review.page import _delta, _delta_text, state_html

    def acc(risk: int, history: tuple[tuple[str, int], ...]) -> AccountSummary:
        return AccountSummary(
            login="kim",
            name="김",
            department="원무과",
            entries=1,
            views=1,
            unmasks=0,
            exports=0,
            prints=0,
            failed_logins=0,
            off_hours=0,
            risk=risk,
            risk_explained="",
            risk_history=history,
            department_median=0.0,
        )

    assert _delta(acc(7, (("2026-09", 4), ("2026-08", 9))), "2026-10") == 3
    assert _delta(acc(2, (("2026-09", 5),)), "2026-10") == -3
    assert _delta(acc(2, (("2026-08", 5),)), "2026-10") is None  # no score for September
    assert [_delta_text(d) for d in (3, -3, 0, None)] == ["+3", "-3", "0", "—"]
    empty = MonthReview(
        month="2026-10",
        entries=0,
        first_seq=None,
        last_seq=None,
        accounts=(),
        findings=(),
        signed=None,
        thresholds=(),
    )
    assert "아직 점검하지 않았습니다" in state_html(empty) and "서명 전" in state_html(empty)
