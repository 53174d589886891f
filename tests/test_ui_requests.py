"""The data-subject request screens (정보주체 요구): the inbox on the 10-day clock with its colours,
the intake dialog, the request detail walking a correction from intake through the processing hold,
completion and the correction notices to every recipient, refusals that need a legal ground, the
start page's overdue line, and who may use any of it — real widgets on a real SQLite database."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QWidget

from privdesk import clock
from privdesk.accounts import users
from privdesk.accounts.permissions import FACILITY, INTAKE, Permission
from privdesk.context import Actor, AppContext
from privdesk.disclosures.models import Disclosure, DisclosureSubject
from privdesk.errors import PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.registry.export import export_patients
from privdesk.registry.patients import PatientDetail, create_patient, get_patient
from privdesk.registry.sample import check_digit
from privdesk.registry.validation import PatientInput
from privdesk.rights import answers, decisions
from privdesk.rights import requests as requests_uc
from privdesk.rights.decisions import AccessOutcome, grounds_for
from privdesk.rights.requests import RequestDetail, RequestInput
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.pages import DEFAULT_PAGES, PageSpec
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.requests.actions import (
    AccessAnswerDialog,
    AccessDialog,
    NoticeSentDialog,
    PartlyDialog,
    RefuseDialog,
    SeparationDialog,
    VerifyDialog,
    WithdrawDialog,
)
from privdesk.ui.requests.common import (
    CLOSED_FOREGROUND,
    DUE_SOON_BACKGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
)
from privdesk.ui.requests.detail import RequestDetailDialog
from privdesk.ui.requests.intake import IntakeDialog
from privdesk.ui.requests.page import RequestsModel, RequestsPage, requests_page
from privdesk.ui.requests.parts import RequestCorrectionDialog
from privdesk.ui.tasks import EVERYTHING, TaskRunner
from privdesk.ui.today import TodayPage
from privdesk.ui.widgets import ReasonDialog
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.reason_support import reason_given

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

STAFF_PASSWORD = "Staff-pass12"
SHOTS = os.environ.get("PRIVDESK_SHOTS", "")  # a folder: screenshots of the screens go there
REQUESTS_SPEC = PageSpec("requests", "정보주체 요구", requests_page, (Permission.REQUEST_HANDLE,))
PAGES = (*(p for p in DEFAULT_PAGES if p.key != "requests"), REQUESTS_SPEC)
RECIPIENTS = ("국민건강보험공단", "관악경찰서")


# -- support ---------------------------------------------------------------------------------------
@pytest.fixture(name="runner")
def runner_fixture(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    if SHOTS:
        from privdesk.ui.app import register_fonts

        register_fonts(QApplication.instance())
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=30_000)


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"h5-{name}.png"))


def officer(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def staff(ctx: AppContext, login: str, roles: list[str], name: str = "김원무") -> Actor:
    _, otp = users.add_account(ctx, officer(ctx), login=login, name=name, roles=roles, reason="입사")
    return users.change_password(ctx, users.login(ctx, login, otp), otp, STAFF_PASSWORD)


def rrn(first12: str) -> str:
    return f"{first12[:6]}-{first12[6:]}{check_digit(first12, foreigner=False)}"


def register(ctx: AppContext, actor: Actor, chart: str, name: str, first12: str) -> PatientDetail:
    return create_patient(
        ctx,
        actor,
        PatientInput(
            chart_no=chart,
            name=name,
            rrn=rrn(first12),
            phones=("010-1234-5678",),
            first_visit="2024-03-02",
            last_visit="2025-05-06",
        ),
    )


def days_ago(n: int) -> dt.date:
    return clock.today_kst() - dt.timedelta(days=n)


def disclose(
    ctx: AppContext, recipient: str, on: dt.date, patient_id: int, *, deidentified: bool = False
) -> int:
    """An earlier disclosure in the ledger (the disclosure use cases are not used here)."""
    with ctx.unit(None) as u:
        d = Disclosure(
            file_code="patient",
            file_name="환자 진료 접수 및 관리",
            recipient=recipient,
            recipient_purpose="요양급여 심사",
            items="이름, 주민등록번호, 주소",
            legal_basis="law",
            disclosed_on=on,
            form="전자파일",
            provided_by=OFFICER_LOGIN,
            deidentified=deidentified,
            subject_count=1,
            recorded_at=clock.now(),
            recorded_by=OFFICER_LOGIN,
        )
        u.session.add(d)
        u.session.flush()
        u.session.add(
            DisclosureSubject(
                disclosure_id=d.id,
                position=0,
                subject_ref=f"patient:{patient_id}",
                patient_id=patient_id,
                label="홍*동",
            )
        )
        return d.id


def member_request(
    ctx: AppContext, actor: Actor, *, kind: str = "access", days_ago: int = 0, name: str = "김회원", **kw: Any
) -> RequestDetail:
    base: dict[str, Any] = dict(
        kind=kind,
        file_code="member",
        relation="self",
        requester_name=name,
        requester_phone="010-2222-3333",
        id_document="주민등록증",
        request_text="" if kind == "access" else "회원 정보를 정정해 주십시오.",
        subject_name=name,
        subject_birth=dt.date(1988, 2, 3),
        received_at=clock.now() - dt.timedelta(days=days_ago) if days_ago else None,
    )
    base.update(kw)
    return requests_uc.receive_request(ctx, actor, RequestInput(**base))


def open_window(qtbot, ctx: AppContext, runner: TaskRunner, actor: Actor) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx, runner, actor, pages=PAGES, idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.resize(1200, 820)
    win.show()
    settle(qtbot, runner)
    return win


def open_requests(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    actor: Actor,
) -> tuple[MainWindow, RequestsPage]:
    win = open_window(qtbot, ctx, runner, actor)
    page = win.show_page("requests")
    assert isinstance(page, RequestsPage)
    settle(qtbot, runner)
    return win, page


def close(qtbot, win: MainWindow, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    win.close()
    settle(qtbot, runner)


def ok(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def closed(widget: QWidget) -> bool:
    return not shiboken6.isValid(widget) or not widget.isVisible()


def message_boxes(widget: QWidget) -> list[QMessageBox]:
    return [b for b in widget.findChildren(QMessageBox) if b.isVisible()]


def open_detail(qtbot, page: RequestsPage, runner: TaskRunner, request_id: int) -> RequestDetailDialog:  # type: ignore[no-untyped-def]
    assert page.select(request_id)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    detail = page.detail
    assert isinstance(detail, RequestDetailDialog) and detail.detail is not None
    assert detail.detail.id == request_id
    return detail


def click_action(qtbot, detail: RequestDetailDialog, key: str) -> Any:  # type: ignore[no-untyped-def]
    button = detail.action_buttons[key]
    assert button.isEnabled(), key
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return detail.dialog


def wait_preview(qtbot, detail: RequestDetailDialog, runner: TaskRunner) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: detail.print_job is not None and detail.print_job.preview is not None, timeout=30_000
    )
    assert detail.print_job is not None
    preview = detail.print_job.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count > 0, timeout=15_000)
    settle(qtbot, runner)
    return preview


def log_rows(ctx: AppContext, action: str) -> list[Any]:
    from sqlalchemy import select

    from privdesk.store.models import AccessLogEntry

    with ctx.session() as s:
        return list(
            s.scalars(
                select(AccessLogEntry).where(AccessLogEntry.action == action).order_by(AccessLogEntry.seq)
            )
        )


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


# -- (a) a correction, from intake to the notice to every recipient ------------------------------------
def test_correction_walkthrough_hold_completion_and_notices_to_every_recipient(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won01", [INTAKE])
    hong = register(ctx, clerk, "C-0001", "홍길동", "900101123456")
    other = register(ctx, clerk, "C-0002", "이몽룡", "880202123456")
    for i, recipient in enumerate(RECIPIENTS):
        disclose(ctx, recipient, days_ago(300 - i), hong.id)
    disclose(ctx, "통계청", days_ago(200), hong.id, deidentified=True)  # 가명처리: no notice
    disclose(ctx, "서울대학교병원", days_ago(100), other.id)  # someone else's record

    win, page = open_requests(qtbot, ctx, runner, clerk)
    assert page.model.rowCount() == 0

    # Intake through the dialog: a 정정 of the registry patient, found by chart number.
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, IntakeDialog) and dialog.isVisible()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("correct"))
    assert dialog.file_code == "patient" and dialog.fields["patient_id"].isVisibleTo(dialog)
    assert not dialog.fields["subject_name"].isVisibleTo(dialog)  # the registry has the subject
    # 본인: the name and birth date on the ID presented (the core checks them against the patient)
    assert dialog.fields["requester_name"].isVisibleTo(dialog) and dialog.fields[
        "requester_birth"
    ].isVisibleTo(dialog)
    assert not dialog.fields["proxy_checked"].isVisibleTo(dialog)
    assert not dialog.fields["access_items"].isVisibleTo(dialog)  # only for 열람
    assert "필수" in dialog.request_form.labelForField(dialog.fields["request_text"]).text()
    dialog.chart_edit.setText("C-0001")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert dialog.patient is not None and dialog.patient.id == hong.id
    assert "홍*동" in dialog.patient_label.text() and "홍길동" not in dialog.patient_label.text()

    # Refused by the use case: no phone. The error stands next to the field; the input is kept.
    dialog.requester_name_edit.setText("홍길동")
    dialog.requester_birth_edit.setText("1990-01-01")
    dialog.text_edit.setPlainText("주소 정정: 서울특별시 관악구 봉천로 2")
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.isVisible()
    assert dialog.fields["requester_phone"].error.text() == "연락처를 입력하십시오."
    assert dialog.fields["requester_phone"].error.isVisibleTo(dialog)
    assert dialog.values()["text"] == "주소 정정: 서울특별시 관악구 봉천로 2" and dialog.patient is not None
    assert requests_uc.list_requests(ctx, clerk) == []
    dialog.requester_phone_edit.setText("010-1234-5678")
    # Someone else than the patient cannot ask as 본인: refused, to be taken in as 대리인 / 법정대리인.
    dialog.requester_birth_edit.setText("1991-01-01")
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.isVisible() and "본인 요구로 접수할 수 없습니다" in dialog.message.text()
    assert "생년월일" in dialog.message.text() and "대리인" in dialog.message.text()
    assert requests_uc.list_requests(ctx, clerk) == []
    dialog.requester_birth_edit.setText("1990-01-01")
    shot(dialog, "intake")
    ok(dialog)
    settle(qtbot, runner)
    assert closed(dialog)
    received = page.last_intake
    assert received is not None and received.kind == "correct" and received.row.held
    assert received.requester_name == "홍길동" and received.row.patient_id == hong.id
    assert "처리정지" in page.notice.text() and received.number in page.notice.text()

    # The patient is on hold: the registry says so and the export refuses it.
    assert get_patient(ctx, clerk, hong.id).hold is True
    with pytest.raises(RuleViolationError, match="C-0001"):
        export_patients(ctx, clerk, [hong.id], tmp_path / "held.csv", reason="보험 청구")
    assert not (tmp_path / "held.csv").exists()

    # The inbox shows it; the detail offers only what the state allows.
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    row = page.model.row_object(0)
    assert row.id == received.id and row.subject == "홍*동"
    assert page.model.data(page.model.index(0, RequestsModel.COL_STATE)) == "접수 · 처리정지 중"
    assert page.selected() is not None and page.selected().id == received.id
    shot(page, "inbox-one")
    detail = open_detail(qtbot, page, runner, received.id)
    assert set(detail.action_buttons) == {
        "verify",
        "refuse",
        "withdraw",
    }  # 정정: no extension (시행령 제43조③)
    assert "처리정지" in detail.alert.text()
    assert "010-****-5678" in detail.fields["contact"].text()

    # 본인 확인 → 처리 시작
    verify = click_action(qtbot, detail, "verify")
    assert isinstance(verify, VerifyDialog)
    verify.note.setPlainText("주민등록증 사진 대조")
    shot(verify, "verify")
    ok(verify)
    settle(qtbot, runner)
    assert detail.detail.state == "verified"
    # a registry 정정 completes only by the correction itself: no free-text 완료 / 일부 완료
    assert set(detail.action_buttons) == {"start", "correct", "refuse", "withdraw"}
    click_action(qtbot, detail, "start")
    settle(qtbot, runner)
    assert detail.detail.state == "in_progress"
    assert "start" not in detail.action_buttons and "verify" not in detail.action_buttons

    # 환자 정보 정정: the registry's patient form (the record unmasked with the request as the logged
    # reason); saving corrects the patient, records the change with the request, releases the hold and
    # opens a notice for each recipient.
    click_action(qtbot, detail, "correct")
    settle(qtbot, runner)
    fix = detail.dialog
    assert isinstance(fix, RequestCorrectionDialog) and fix.isVisible()
    assert "주소 정정" in fix.findChild(QLabel, "requestedCorrection").text()
    assert fix.edits["rrn"].text() == rrn("900101123456")  # the full record to edit
    unmasked = [e for e in log_rows(ctx, "unmask") if e.subject == f"patient:{hong.id}"]
    assert unmasked and f"정정 요구 {received.number} 처리" in (unmasked[-1].detail or "")
    qtbot.mouseClick(fix.save_button, Qt.MouseButton.LeftButton)  # nothing changed: refused, kept open
    settle(qtbot, runner)
    assert fix.isVisible() and "고친 항목이 없습니다" in fix.message.text()
    fix.edits["address"].setText("서울특별시 관악구 봉천로 2")
    shot(fix, "correct")
    qtbot.mouseClick(fix.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert closed(fix)
    d = detail.detail
    assert d.state == "completed" and "주소: 서울특별시 관악구 봉천로 2" in d.result_text
    edits = [e for e in log_rows(ctx, "update") if e.subject == f"patient:{hong.id}"]
    assert any(f"fields=address; 정정 요구 {received.number}" == e.detail for e in edits)
    assert [e.to_state for e in d.events] == ["received", "verified", "in_progress", "completed"]
    assert detail.history_table.model().rowCount() == 4
    assert get_patient(ctx, clerk, hong.id).hold is False
    assert export_patients(ctx, clerk, [hong.id], tmp_path / "free.csv", reason="보험 청구") == 1
    assert set(detail.action_buttons) == {"-"}  # closed: no step left

    table = detail.notices_table
    assert (
        detail.tabs.indexOf(table) >= 0 and detail.tabs.tabText(detail.tabs.indexOf(table)) == "정정 통지 (2)"
    )
    assert table.rowCount() == 2
    assert sorted(table.item(i, 0).text() for i in range(2)) == sorted(RECIPIENTS)
    assert all(table.item(i, 3).text() == "발송 안 함" for i in range(2))
    assert "2곳 중 2곳" in detail.alert.text()
    detail.tabs.setCurrentWidget(table)
    shot(detail, "detail-notices")

    # Print the notice to the first recipient into the preview.
    first = next(n for n in detail.notices if n.recipient == RECIPIENTS[0])
    second = next(n for n in detail.notices if n.recipient == RECIPIENTS[1])
    print_button, _sent = detail.notice_buttons[first.id]
    with reason_given():
        qtbot.mouseClick(print_button, Qt.MouseButton.LeftButton)
    preview = wait_preview(qtbot, detail, runner)
    assert preview.path.exists() and preview.path.suffix == ".pdf"
    text = pdf_text(preview.path)
    assert RECIPIENTS[0] in text and RECIPIENTS[1] not in text
    assert "서울특별시 관악구 봉천로 2" in text and "정정한 항목과 정정한 내용" in text.replace("\n", "")
    preview.reject()
    settle(qtbot, runner)
    assert not preview.path.exists()  # the temporary PDF is gone with the preview

    # Record it sent; the other stays unsent.
    qtbot.mouseClick(detail.notice_buttons[first.id][1], Qt.MouseButton.LeftButton)
    sent = detail.dialog
    assert isinstance(sent, NoticeSentDialog) and sent.notice.id == first.id
    sent.method.setCurrentText("등기우편")
    ok(sent)
    settle(qtbot, runner)
    assert closed(sent)
    rows = {n.recipient: n for n in detail.notices}
    assert rows[RECIPIENTS[0]].sent and rows[RECIPIENTS[0]].sent_method == "등기우편"
    assert not rows[RECIPIENTS[1]].sent
    assert (
        not detail.notice_buttons[first.id][1].isEnabled() and detail.notice_buttons[second.id][1].isEnabled()
    )
    by_name = {table.item(i, 0).text(): i for i in range(table.rowCount())}
    assert table.item(by_name[RECIPIENTS[0]], 3).text() == "발송함"
    assert table.item(by_name[RECIPIENTS[0]], 4).text() == "등기우편"
    assert table.item(by_name[RECIPIENTS[1]], 3).text() == "발송 안 함"
    assert "2곳 중 1곳" in detail.alert.text()
    stored = {n.recipient: n.sent for n in decisions.correction_notices(ctx, clerk, received.id)}
    assert stored == {RECIPIENTS[0]: True, RECIPIENTS[1]: False}

    # The request's own result notice is on the 통지서 menu and prints.
    actions = detail.refresh_notice_menu()
    assert [a.data() for a in actions] == ["request_form", "correction_result"]
    with reason_given():
        detail.notice_actions["correction_result"].trigger()
    preview = wait_preview(qtbot, detail, runner)
    assert "정정" in pdf_text(preview.path)
    preview.reject()
    settle(qtbot, runner)
    detail.reject()
    close(qtbot, win, runner)


# -- (b) a refusal needs a ground and an explanation ----------------------------------------------------
def test_refusal_needs_a_ground_and_an_explanation_and_shows_how_to_object(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won02", [INTAKE])
    req = member_request(ctx, clerk, kind="access")
    win, page = open_requests(qtbot, ctx, runner, clerk)
    detail = open_detail(qtbot, page, runner, req.id)

    refuse = click_action(qtbot, detail, "refuse")
    assert isinstance(refuse, RefuseDialog) and refuse.isVisible()
    assert not refuse.ok_button.isEnabled()
    assert refuse.message.text() == ""  # no error before anything was done (issue 14)
    codes = [refuse.ground.itemData(i) for i in range(refuse.ground.count())]
    assert codes == ["", *(g.code for g in grounds_for("access"))]  # only the grounds for 열람
    assert "required_by_law" not in codes
    assert refuse.objection.toPlainText() == answers.objection_text(ctx.profile)
    assert "90일" not in refuse.objection.toPlainText() and "행정심판" not in refuse.objection.toPlainText()
    ok(refuse)  # pressing OK anyway changes nothing
    settle(qtbot, runner)
    assert refuse.isVisible() and requests_uc.get_request(ctx, clerk, req.id).state == "received"

    refuse.select_ground("harm_others")
    assert "제35조제4항제2호" in refuse.basis.toPlainText()
    assert not refuse.ok_button.isEnabled() and refuse.message.text() == "거절 사유 설명을 입력하십시오."
    refuse.explanation.setPlainText("   ")
    assert not refuse.ok_button.isEnabled()
    refuse.explanation.setPlainText("요구한 기록에 다른 환자의 진료 정보가 함께 있어 분리할 수 없습니다.")
    assert refuse.ok_button.isEnabled() and refuse.message.text() == ""
    shot(refuse, "refuse")
    ok(refuse)
    settle(qtbot, runner)
    d = detail.detail
    assert d.state == "refused" and d.refusal_ground == "harm_others"
    assert "다른 사람의 생명·신체" in detail.fields["refusal"].text()
    assert "이의제기 방법" in detail.alert.text()

    # The core refuses a refusal without a valid ground or explanation, too.
    other = member_request(ctx, clerk, kind="correct", name="박회원")
    with pytest.raises(ValidationError) as exc:
        decisions.refuse(ctx, clerk, other.id, ground="", explanation="설명")
    assert exc.value.field == "ground"
    with pytest.raises(ValidationError) as exc:
        decisions.refuse(ctx, clerk, other.id, ground="harm_others", explanation="설명")  # 열람 only
    assert exc.value.field == "ground"

    # A partial answer picks its ground the same way, from the grounds for its kind.
    detail.reject()
    settle(qtbot, runner)
    decisions.verify_identity(ctx, clerk, other.id)
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("all"))
    settle(qtbot, runner)
    detail = open_detail(qtbot, page, runner, other.id)
    partly = click_action(qtbot, detail, "partly")
    assert isinstance(partly, PartlyDialog)
    assert [partly.ground.itemData(i) for i in range(1, partly.ground.count())] == [
        g.code for g in grounds_for("correct")
    ]
    partly.result_edit.setPlainText("연락처를 정정함")
    assert not partly.ok_button.isEnabled() and partly.message.text() == "사유를 목록에서 고르십시오."
    partly.select_ground("not_inaccurate")
    partly.explanation.setPlainText("주소는 주민등록표와 같아 정정할 사유가 없습니다.")
    shot(partly, "partly")
    ok(partly)
    settle(qtbot, runner)
    assert detail.detail.state == "partly_completed" and detail.detail.refusal_ground == "not_inaccurate"
    detail.reject()
    close(qtbot, win, runner)


# -- (c) the inbox: order, colours and words ------------------------------------------------------------
def test_inbox_puts_overdue_first_with_red_and_words_then_due_soon_amber_and_closed_last(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won03", [INTAKE])
    fresh = member_request(ctx, clerk, name="최신규")
    overdue = member_request(ctx, clerk, kind="correct", days_ago=15, name="김지연")
    soon = member_request(ctx, clerk, kind="suspend", days_ago=8, name="박임박")
    done = member_request(ctx, clerk, days_ago=20, name="정종결")
    decisions.withdraw(ctx, clerk, done.id, reason="요구인이 철회함")

    win, page = open_requests(qtbot, ctx, runner, clerk)
    m = page.model
    assert [r.id for r in m.rows()] == [overdue.id, soon.id, fresh.id]  # open only, by due date
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert headers == ["접수번호", "구분", "정보주체", "요구인", "접수일", "기한", "남은 날", "상태"]

    left = RequestsModel.COL_LEFT
    assert m.data(m.index(0, left)) == "5일 지남 (기한 초과)"
    assert m.data(m.index(0, left), Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert m.data(m.index(0, RequestsModel.COL_NUMBER), Qt.ItemDataRole.ForegroundRole) == OVERDUE_FOREGROUND
    assert m.data(m.index(0, RequestsModel.COL_NUMBER), Qt.ItemDataRole.FontRole).bold()
    assert m.data(m.index(0, RequestsModel.COL_SUBJECT)) == "김*연"  # masked
    assert m.data(m.index(0, RequestsModel.COL_KIND)) == "정정"
    assert m.data(m.index(1, left)) == "2일 남음 (임박)"
    assert m.data(m.index(1, left), Qt.ItemDataRole.BackgroundRole) == DUE_SOON_BACKGROUND
    assert m.data(m.index(1, RequestsModel.COL_NUMBER), Qt.ItemDataRole.ForegroundRole) is None
    assert m.data(m.index(2, left)) == "10일 남음"
    assert m.data(m.index(2, left), Qt.ItemDataRole.BackgroundRole) is None
    assert m.data(m.index(0, RequestsModel.COL_DUE)) == overdue.row.due.isoformat()
    assert page.status.text() == "처리 중 3건 — 기한 지남 1건, 기한 임박 1건"
    shot(page, "inbox")

    page.filter_combo.setCurrentIndex(page.filter_combo.findData("all"))
    settle(qtbot, runner)
    assert [r.id for r in m.rows()] == [overdue.id, soon.id, fresh.id, done.id]
    assert m.data(m.index(3, left)) == "종결"
    assert m.data(m.index(3, RequestsModel.COL_STATE)) == "취하"
    assert m.data(m.index(3, RequestsModel.COL_NUMBER), Qt.ItemDataRole.ForegroundRole) == CLOSED_FOREGROUND
    assert m.data(m.index(3, left), Qt.ItemDataRole.BackgroundRole) is None

    # Double-click opens the detail; the header carries the days left in words and colour.
    index = m.index(0, 0)
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, runner)
    detail = page.detail
    assert isinstance(detail, RequestDetailDialog) and detail.detail is not None
    assert detail.detail.id == overdue.id
    assert "5일 지남 (기한 초과)" in detail.summary.text() and "#fde7e9" in detail.summary.styleSheet()
    detail.reject()
    close(qtbot, win, runner)


# -- (d) the start page's lines -----------------------------------------------------------------------------
def _today(qtbot, win: MainWindow, runner: TaskRunner) -> TodayPage:  # type: ignore[no-untyped-def]
    page = win.show_page("today")
    assert isinstance(page, TodayPage)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.items is not None, timeout=10_000)
    return page


def test_today_page_shows_overdue_requests_in_red_and_opens_the_request_screen(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won04", [INTAKE])
    win = open_window(qtbot, ctx, runner, clerk)
    me = _today(qtbot, win, runner)
    assert not [r for r in me.rows if r.item.key.startswith("requests.")]
    assert me.empty.isVisible() and me.empty.text() == "할 일이 없습니다."

    member_request(ctx, clerk, days_ago=12, name="김지연")
    member_request(ctx, clerk, days_ago=9, name="박임박")
    runner.data_changed.emit(EVERYTHING)  # what any saving task that does not say what it changed does
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: me.row("requests.overdue") is not None, timeout=10_000)
    late, soon = me.row("requests.overdue"), me.row("requests.soon")
    assert late is not None and soon is not None and not me.empty.isVisible()
    assert late.text.text().startswith("처리 기한이 지난 정보주체 요구 1건")
    assert "김지연" not in late.text.text() and "김" not in soon.text.text()
    assert late.item.tone == "overdue" and "#fde7e9" in late.styleSheet()  # red
    assert me.rows.index(late) < me.rows.index(soon)
    shot(me, "today")

    assert late.button.isVisible()
    qtbot.mouseClick(late.button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    page = win.current_page()
    assert isinstance(page, RequestsPage) and page.model.rowCount() == 2
    close(qtbot, win, runner)

    # Only due soon: amber, not red.
    boss = officer(ctx)
    for r in requests_uc.list_requests(ctx, boss, overdue_only=True):
        decisions.withdraw(ctx, boss, r.id, reason="중복 접수")
    win = open_window(qtbot, ctx, runner, boss)
    me = win.current_page()
    assert isinstance(me, TodayPage)
    qtbot.waitUntil(lambda: me.items is not None, timeout=10_000)
    soon = me.row("requests.soon")
    assert me.row("requests.overdue") is None and soon is not None
    assert soon.text.text().startswith("처리 기한이 3일 안에 끝나는 정보주체 요구 1건")
    assert "#fff3e0" in soon.styleSheet()
    close(qtbot, win, runner)

    # An account without request.handle sees no such line.
    fac = staff(ctx, "fac04", [FACILITY], "박시설")
    win = open_window(qtbot, ctx, runner, fac)
    me = win.current_page()
    assert isinstance(me, TodayPage)
    qtbot.waitUntil(lambda: me.items is not None, timeout=10_000)
    assert not [r for r in me.rows if r.item.key.startswith("requests.")]
    close(qtbot, win, runner)


# -- (e) who may use it -----------------------------------------------------------------------------------
def test_without_request_handle_no_page_and_every_use_case_refuses(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.rights import printing

    ctx = sqlite_ctx
    boss = officer(ctx)
    req = member_request(ctx, boss, kind="correct")
    fac = staff(ctx, "fac05", [FACILITY], "박시설")
    win = open_window(qtbot, ctx, runner, fac)
    assert "requests" not in win.page_keys() and win.show_page("requests") is None
    close(qtbot, win, runner)
    clerk = staff(ctx, "won05", [INTAKE])
    win = open_window(qtbot, ctx, runner, clerk)
    assert "requests" in win.page_keys()
    close(qtbot, win, runner)

    rid, out = req.id, tmp_path / "x.pdf"
    calls = {
        "receive_request": lambda: requests_uc.receive_request(
            ctx,
            fac,
            RequestInput(
                kind="access",
                file_code="member",
                relation="self",
                requester_name="김회원",
                requester_phone="010-2222-3333",
                id_document="주민등록증",
                request_text="",
                subject_name="김회원",
            ),
        ),
        "list_requests": lambda: requests_uc.list_requests(ctx, fac),
        "get_request": lambda: requests_uc.get_request(ctx, fac, rid),
        "contacts": lambda: requests_uc.contacts(ctx, fac, rid, "확인"),
        "overdue_summary": lambda: requests_uc.overdue_summary(ctx, fac),
        "verify_identity": lambda: decisions.verify_identity(ctx, fac, rid),
        "start": lambda: decisions.start(ctx, fac, rid),
        "extend": lambda: decisions.extend(
            ctx, fac, rid, new_due=req.row.due + dt.timedelta(days=3), reason="사유"
        ),
        "complete_access": lambda: decisions.complete_access(
            ctx,
            fac,
            rid,
            AccessOutcome(viewing_at=clock.now(), viewing_place="원무과", viewing_method="열람·시청"),
        ),
        "complete": lambda: decisions.complete(ctx, fac, rid, result="정정함"),
        "partly_complete": lambda: decisions.partly_complete(
            ctx, fac, rid, result="일부", ground="other", explanation="설명"
        ),
        "answer_by_separation": lambda: decisions.answer_by_separation(ctx, fac, rid, explanation="설명"),
        "refuse": lambda: decisions.refuse(ctx, fac, rid, ground="other", explanation="설명"),
        "withdraw": lambda: decisions.withdraw(ctx, fac, rid, reason="철회"),
        "correction_notices": lambda: decisions.correction_notices(ctx, fac, rid),
        "mark_notice_sent": lambda: decisions.mark_notice_sent(ctx, fac, 1, method="우편"),
        "access_answer": lambda: answers.access_answer(ctx, fac, rid),
        "print_notice": lambda: printing.print_notice(
            ctx, fac, rid, printing.NoticeKind.REQUEST_FORM, out, reason="업무 확인"
        ),
        "print_correction_notice": lambda: printing.print_correction_notice(
            ctx, fac, 1, out, reason="업무 확인"
        ),
    }
    for name, call in calls.items():
        with pytest.raises(PermissionDeniedError):
            call()
        assert not out.exists(), name
    assert requests_uc.get_request(ctx, boss, rid).state == "received"


# -- the intake form: what shows when, and errors in Korean where they belong --------------------------------
def test_intake_for_a_homepage_member_by_an_agent_needs_the_power_of_attorney(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won06", [INTAKE])
    win, page = open_requests(qtbot, ctx, runner, clerk)
    dialog = page.new_request()
    codes = [dialog.file_combo.itemData(i) for i in range(dialog.file_combo.count())]
    assert "cctv" not in codes and {"member", "reservation", "patient"} <= set(codes)
    assert [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())] == [
        "열람",
        "정정",
        "삭제",
        "처리정지",
        "동의철회·회원탈퇴",
    ]

    dialog.file_combo.setCurrentIndex(dialog.file_combo.findData("member"))
    assert not dialog.fields["patient_id"].isVisibleTo(dialog)
    assert dialog.fields["subject_name"].isVisibleTo(dialog) and dialog.fields["subject_birth"].isVisibleTo(
        dialog
    )
    assert dialog.fields["access_items"].isVisibleTo(dialog)  # 열람 is the first kind
    assert "선택" in dialog.request_form.labelForField(dialog.fields["request_text"]).text()

    # 본인, but no name: the error shows at the subject's name (the requester is the subject).
    dialog.requester_phone_edit.setText("010-2222-3333")
    ok(dialog)
    settle(qtbot, runner)
    assert (
        dialog.isVisible() and dialog.fields["subject_name"].error.text() == "정보주체 성명을 입력하십시오."
    )

    # An agent: the requester's own fields appear; without the 위임장 the rule refuses, in the dialog.
    dialog.relation_combo.setCurrentIndex(dialog.relation_combo.findData("agent"))
    for key in ("requester_name", "requester_birth", "requester_address", "proxy_checked", "subject_phone"):
        assert dialog.fields[key].isVisibleTo(dialog), key
    assert "위임장" in dialog.proxy_check.text()
    dialog.subject_name_edit.setText("김회원")
    dialog.subject_birth_edit.setText("1990-13-01")
    dialog.requester_name_edit.setText("이대리")
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.fields["subject_birth"].error.text() == (
        "생년월일: 없는 날짜입니다 (1990-13-01). 월은 1~12, 일은 그 달의 마지막 날까지입니다."
    )
    dialog.subject_birth_edit.setText("1990-01-13")
    dialog.item_checks["consent"].setChecked(False)
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.isVisible() and "위임장" in dialog.message.text()
    assert dialog.values()["requester"] == "이대리"
    dialog.proxy_check.setChecked(True)
    shot(dialog, "intake-agent")
    ok(dialog)
    settle(qtbot, runner)
    assert closed(dialog)
    d = page.last_intake
    assert d is not None and d.relation_label == "대리인" and d.proxy_checked and not d.row.held
    assert d.subject_name == "김회원" and d.requester_name == "이대리"
    assert set(d.access_items) == {"content", "purpose", "retention", "provision"}
    close(qtbot, win, runner)


def test_a_child_under_fourteen_cannot_ask_alone_and_a_patient_needs_a_chart_number(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won07", [INTAKE])
    register(ctx, clerk, "C-0100", "김아동", "150505312345")
    win, page = open_requests(qtbot, ctx, runner, clerk)
    dialog = page.new_request()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("delete"))
    dialog.requester_phone_edit.setText("010-2222-3333")
    dialog.text_edit.setPlainText("진료 기록 삭제 요구")
    ok(dialog)
    assert dialog.fields["patient_id"].error.text() == "환자를 찾아 목록에서 골라 연결하십시오."
    dialog.chart_edit.setText("C-9999")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert "찾을 수 없습니다" in dialog.fields["patient_id"].error.text() and dialog.patient is None
    dialog.chart_edit.setText("C-0100")
    dialog.clear_errors()
    qtbot.keyClick(dialog.chart_edit, Qt.Key.Key_Return)  # Enter searches; it does not submit the form
    settle(qtbot, runner)
    assert dialog.isVisible() and dialog.message.text() == ""
    assert dialog.patient is not None and "김*동" in dialog.patient_label.text()
    dialog.requester_name_edit.setText("김아동")  # the child asking as 본인
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.isVisible() and "14세 미만" in dialog.message.text()
    dialog.relation_combo.setCurrentIndex(dialog.relation_combo.findData("guardian"))
    dialog.requester_name_edit.setText("김보호")
    dialog.proxy_check.setChecked(True)
    ok(dialog)
    settle(qtbot, runner)
    assert closed(dialog)
    d = page.last_intake
    assert d is not None and d.subject_under_14 and d.row.held and "14세 미만" in page.notice.text()
    close(qtbot, win, runner)


# -- a deletion of a registry record: answered by separation, never completed ----------------------------------
def test_deletion_of_a_registry_record_offers_separation_not_completion(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    boss = officer(ctx)
    hong = register(ctx, boss, "C-0200", "홍길동", "900101123456")
    req = requests_uc.receive_request(
        ctx,
        boss,
        RequestInput(
            kind="delete",
            file_code="patient",
            relation="self",
            requester_name="홍길동",
            requester_phone="010-1234-5678",
            id_document="운전면허증",
            request_text="내 기록을 모두 삭제해 주십시오.",
            patient_id=hong.id,
            requester_birth=dt.date(1990, 1, 1),
        ),
    )
    req = decisions.verify_identity(ctx, boss, req.id)
    win, page = open_requests(qtbot, ctx, runner, boss)
    detail = open_detail(qtbot, page, runner, req.id)
    assert set(detail.action_buttons) == {"start", "separate", "refuse", "withdraw"}
    sep = click_action(qtbot, detail, "separate")
    assert isinstance(sep, SeparationDialog) and not sep.ok_button.isEnabled()
    sep.explanation.setPlainText("환자 명부는 의료법에 따라 5년간 보존해야 합니다.")
    shot(sep, "separation")
    ok(sep)
    settle(qtbot, runner)
    assert detail.detail.state == "partly_completed" and detail.detail.refusal_ground == "required_by_law"
    from privdesk.registry.models import STATUS_SEPARATED, Patient

    with ctx.unit(None) as u:
        p = u.session.get(Patient, hong.id)
        assert p is not None and p.status == STATUS_SEPARATED and not p.hold
    detail.reject()
    close(qtbot, win, runner)


# -- 열람: extension with a reason and a notice, the answer from the data, the 열람 통지서 --------------------------
def test_access_request_extended_with_a_reason_answered_and_its_notices_printed(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won08", [INTAKE])
    hong = register(ctx, clerk, "C-0300", "홍길동", "900101123456")
    disclose(ctx, RECIPIENTS[0], days_ago(90), hong.id)
    req = requests_uc.receive_request(
        ctx,
        clerk,
        RequestInput(
            kind="access",
            file_code="patient",
            relation="self",
            requester_name="홍길동",
            requester_phone="010-1234-5678",
            id_document="주민등록증",
            request_text="",
            patient_id=hong.id,
            requester_birth=dt.date(1990, 1, 1),
        ),
    )
    assert not req.row.held  # 열람 does not hold the record
    win, page = open_requests(qtbot, ctx, runner, clerk)
    detail = open_detail(qtbot, page, runner, req.id)

    # 연락처 보기: a reason, the full numbers, masked again after a while.
    detail.remask_ms = 300
    qtbot.mouseClick(detail.contact_button, Qt.MouseButton.LeftButton)
    reason = detail.dialog
    assert isinstance(reason, ReasonDialog)
    reason.reason.setPlainText("열람 일정 안내 전화")
    reason.accept()
    settle(qtbot, runner)
    assert detail.is_unmasked and "010-1234-5678" in detail.fields["contact"].text()
    assert "초 뒤 다시 가립니다" in detail.contact_status.text()
    shot(detail, "detail-unmasked")
    qtbot.waitUntil(lambda: not detail.is_unmasked, timeout=5_000)
    assert (
        "010-****-5678" in detail.fields["contact"].text()
        and "1234-5678" not in detail.fields["contact"].text()
    )

    ext = click_action(qtbot, detail, "extend")
    assert not ext.ok_button.isEnabled() and ext.message.text() == ""  # nothing done yet: no error
    ext.reason.setPlainText("제3자 제공 내역을 수탁기관에 확인하는 중")
    shot(ext, "extend")
    ok(ext)
    settle(qtbot, runner)
    d = detail.detail
    assert d.state == "extended" and d.extended_due == req.row.due + dt.timedelta(days=10)
    assert "연기 통지서" in detail.alert.text() and "extend" not in detail.action_buttons  # only once
    assert [a.data() for a in detail.refresh_notice_menu()] == ["request_form", "delay_refusal"]
    with reason_given():
        detail.notice_actions["delay_refusal"].trigger()
    preview = wait_preview(qtbot, detail, runner)
    assert "제3자 제공 내역을 수탁기관에 확인하는 중" in pdf_text(preview.path).replace("\n", "")
    preview.reject()
    settle(qtbot, runner)

    # Before the identity check nothing personal is shown: no answer (the core refuses it too).
    assert detail.answer_button.isVisible() and not detail.answer_button.isEnabled()
    with pytest.raises(RuleViolationError, match="본인 확인 전에는"):
        answers.access_answer(ctx, clerk, req.id)

    click_action(qtbot, detail, "verify")
    ok(detail.dialog)
    settle(qtbot, runner)

    # The answer from the data (names the recipient of the earlier provision), masked as the registry
    # masks; the full answer with a reason, logged, masked again after a while.
    assert detail.answer_button.isEnabled()
    qtbot.mouseClick(detail.answer_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    view = detail.dialog
    assert isinstance(view, AccessAnswerDialog) and not view.is_unmasked
    text = view.view.toPlainText()
    assert RECIPIENTS[0] in text and "900101-1******" in text and "C-0300" in text
    assert "010-****-5678" in text and "1234-5678" not in text
    shot(view, "answer")
    qtbot.mouseClick(view.unmask_button, Qt.MouseButton.LeftButton)
    reason = detail.reason_dialog
    assert isinstance(reason, ReasonDialog)
    reason.reason.setPlainText("창구 열람 안내")
    reason.accept()
    settle(qtbot, runner)
    assert view.is_unmasked and "010-1234-5678" in view.view.toPlainText()
    assert "초 뒤 다시 가립니다" in view.status.text()
    qtbot.waitUntil(lambda: not view.is_unmasked, timeout=5_000)
    assert "1234-5678" not in view.view.toPlainText()
    view.reject()
    acc = click_action(qtbot, detail, "access")
    assert isinstance(acc, AccessDialog) and acc.place.text().startswith(ctx.profile.name)
    acc.method.setCurrentText("사본·출력물")
    acc.fee.setValue(1000)
    shot(acc, "access")
    ok(acc)
    settle(qtbot, runner)
    d = detail.detail
    assert d.state == "completed" and d.viewing_method == "사본·출력물" and d.fee == 1000
    assert "수수료 1000원" in detail.fields["viewing"].text()
    shot(detail, "detail-access")
    detail.refresh_notice_menu()
    with reason_given():
        detail.notice_actions["access_notice"].trigger()
    preview = wait_preview(qtbot, detail, runner)
    assert RECIPIENTS[0] in pdf_text(preview.path)
    preview.reject()
    settle(qtbot, runner)
    detail.reject()
    close(qtbot, win, runner)


# -- a stale copy -------------------------------------------------------------------------------------------------
def test_a_stale_detail_is_refused_with_the_conflict_message_and_reloads(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won09", [INTAKE])
    req = member_request(ctx, clerk, kind="withdraw")
    win, page = open_requests(qtbot, ctx, runner, clerk)
    detail = open_detail(qtbot, page, runner, req.id)
    decisions.verify_identity(ctx, officer(ctx), req.id)  # another workstation, meanwhile

    wd = click_action(qtbot, detail, "withdraw")
    assert isinstance(wd, WithdrawDialog)
    wd.reason.setPlainText("요구인이 전화로 철회함")
    ok(wd)
    settle(qtbot, runner)
    boxes = message_boxes(detail)
    assert boxes and boxes[0].windowTitle() == "다른 사용자가 변경함"
    assert "다른 사용자가 먼저" in boxes[0].text()
    for b in boxes:
        b.accept()
    assert detail.detail.state == "verified"  # reloaded: the other workstation's step shows
    assert requests_uc.get_request(ctx, clerk, req.id).state == "verified"
    detail.reject()
    close(qtbot, win, runner)


def test_a_partly_answered_access_request_sets_the_viewing_too(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won10", [INTAKE])
    req = member_request(ctx, clerk, kind="access")
    decisions.verify_identity(ctx, clerk, req.id)
    win, page = open_requests(qtbot, ctx, runner, clerk)
    detail = open_detail(qtbot, page, runner, req.id)
    partly = click_action(qtbot, detail, "partly")
    assert isinstance(partly, PartlyDialog) and partly.access
    assert partly.place.text().startswith(ctx.profile.name)
    partly.result_edit.setPlainText("회원 가입 정보")
    partly.place.setText("")
    partly.select_ground("law_prohibits")
    partly.explanation.setPlainText("접속 기록은 다른 법률에 따라 열람이 제한됩니다.")
    assert not partly.ok_button.isEnabled() and partly.message.text() == "열람 장소를 입력하십시오."
    partly.place.setText("원무과 창구")
    partly.method.setCurrentText("전자파일")
    ok(partly)
    settle(qtbot, runner)
    d = detail.detail
    assert (
        d.state == "partly_completed" and d.viewing_place == "원무과 창구" and d.viewing_method == "전자파일"
    )
    assert d.refusal_ground == "law_prohibits" and "원무과 창구" in detail.fields["viewing"].text()
    detail.reject()
    close(qtbot, win, runner)
