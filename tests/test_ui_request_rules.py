"""The request rules on screen (issue 12): grounds offered per kind, no extension where the law gives
none (CCTV deletion included), and the 위임장 printed from the requests page and from an agent's
request — real widgets on a real SQLite database, PDFs read with pdftotext."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from privdesk.accounts.permissions import FACILITY, INTAKE
from privdesk.cctv import requests as cctv_requests
from privdesk.context import AppContext
from privdesk.rights import decisions
from privdesk.rights.decisions import grounds_for
from privdesk.ui.requests.actions import PartlyDialog, RefuseDialog
from privdesk.ui.tasks import TaskRunner
from tests.reason_support import reason_given
from tests.test_ui_requests import (
    click_action,
    close,
    member_request,
    open_detail,
    open_requests,
    pdf_text,
    register,
    runner_fixture,
    settle,
    staff,
)
from tests.ui_cctv_support import open_cctv, request_input

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
__all__ = ["runner_fixture"]


def test_a_withdrawal_is_not_offered_the_unclear_termination_ground_and_corrections_no_extension(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won21", [INTAKE])
    quit_ = member_request(ctx, clerk, kind="withdraw", request_text="홈페이지 회원 탈퇴")
    win, page = open_requests(qtbot, ctx, runner, clerk)
    detail = open_detail(qtbot, page, runner, quit_.id)
    assert "extend" not in detail.action_buttons  # 동의철회: answered within its deadline
    refuse = click_action(qtbot, detail, "refuse")
    assert isinstance(refuse, RefuseDialog)
    codes = [refuse.ground.itemData(i) for i in range(1, refuse.ground.count())]
    assert codes == [g.code for g in grounds_for("withdraw")] and "contract" not in codes
    assert (
        "행정심판" not in refuse.objection.toPlainText()
        and "분쟁조정위원회" in refuse.objection.toPlainText()
    )
    refuse.reject()
    decisions.verify_identity(ctx, clerk, quit_.id)
    detail.reload()
    settle(qtbot, runner)
    partly = click_action(qtbot, detail, "partly")
    assert isinstance(partly, PartlyDialog)
    assert "contract" not in [partly.ground.itemData(i) for i in range(partly.ground.count())]
    partly.reject()
    detail.reject()

    stop = member_request(ctx, clerk, kind="suspend", request_text="안내 문자 중지", name="박회원")
    page.reload()
    settle(qtbot, runner)
    detail = open_detail(qtbot, page, runner, stop.id)
    assert "extend" not in detail.action_buttons
    refuse = click_action(qtbot, detail, "refuse")
    assert "contract" in [
        refuse.ground.itemData(i) for i in range(refuse.ground.count())
    ]  # 처리정지: it can apply
    refuse.reject()
    detail.reject()

    look = member_request(ctx, clerk, kind="access", name="최회원")
    page.reload()
    settle(qtbot, runner)
    detail = open_detail(qtbot, page, runner, look.id)
    assert "extend" in detail.action_buttons  # 열람 연기 only
    assert detail.action_buttons["extend"].text() == "열람 연기"
    detail.reject()
    close(qtbot, win, runner)


def test_the_power_of_attorney_prints_from_the_page_and_from_an_agents_request(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won22", [INTAKE])
    win, page = open_requests(qtbot, ctx, runner, clerk)
    qtbot.mouseClick(page.blank_poa_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.print_job is not None and page.print_job.preview is not None, timeout=30_000)
    assert page.print_job is not None and page.print_job.preview is not None
    preview = page.print_job.preview
    qtbot.waitUntil(lambda: preview.ready and preview.page_count > 0, timeout=15_000)
    text = "".join(pdf_text(preview.path).split())
    assert "[별지제11호서식]" in text and "위임하는사람" in text and "위임합니다" in text
    preview.reject()
    settle(qtbot, runner)

    hong = register(ctx, clerk, "C-0900", "홍길동", "900101123456")
    from privdesk.rights import requests as requests_uc
    from privdesk.rights.requests import RequestInput

    agent = requests_uc.receive_request(
        ctx,
        clerk,
        RequestInput(
            kind="access",
            file_code="patient",
            relation="agent",
            requester_name="김대리",
            requester_phone="010-5555-6666",
            id_document="주민등록증",
            request_text="",
            patient_id=hong.id,
            proxy_checked=True,
            requester_birth=dt.date(1970, 5, 5),
        ),
    )
    page.reload()
    settle(qtbot, runner)
    detail = open_detail(qtbot, page, runner, agent.id)
    kinds = [a.data() for a in detail.refresh_notice_menu()]
    assert kinds[:2] == ["request_form", "power_of_attorney"]
    with reason_given():
        detail.notice_actions["power_of_attorney"].trigger()
    qtbot.waitUntil(
        lambda: detail.print_job is not None and detail.print_job.preview is not None, timeout=30_000
    )
    assert detail.print_job is not None and detail.print_job.preview is not None
    preview = detail.print_job.preview
    qtbot.waitUntil(lambda: preview.ready and preview.page_count > 0, timeout=15_000)
    text = "".join(pdf_text(preview.path).split())
    assert "김대리" in text and "홍길동" in text and "■열람" in text
    preview.reject()
    settle(qtbot, runner)
    detail.reject()
    close(qtbot, win, runner)


def test_a_cctv_deletion_is_not_offered_an_extension(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    ctx = sqlite_ctx
    fac = staff(ctx, "fac21", [FACILITY])
    gone = cctv_requests.receive_request(ctx, fac, request_input(kind="delete"))
    win, page = open_cctv(qtbot, ctx, runner, fac)
    detail = page.inbox.open_request(gone.id)
    settle(qtbot, runner)
    assert detail.detail is not None and detail.detail.id == gone.id
    assert "extended" not in detail.action_buttons and "refused" in detail.action_buttons
    detail.reject()
    close(qtbot, win, runner)


def test_a_registry_correction_may_be_partial_with_a_ground(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    from privdesk.rights import requests as requests_uc
    from privdesk.rights.requests import RequestInput
    from privdesk.ui.requests.parts import RequestCorrectionDialog

    ctx = sqlite_ctx
    clerk = staff(ctx, "won23", [INTAKE])
    hong = register(ctx, clerk, "C-0910", "홍길동", "900101123456")
    req = requests_uc.receive_request(
        ctx,
        clerk,
        RequestInput(
            kind="correct",
            file_code="patient",
            relation="self",
            requester_name="홍길동",
            requester_phone="010-1234-5678",
            id_document="주민등록증",
            request_text="연락처와 이름을 바꾸어 주십시오.",
            patient_id=hong.id,
            requester_birth=dt.date(1990, 1, 1),
        ),
    )
    decisions.verify_identity(ctx, clerk, req.id)
    win, page = open_requests(qtbot, ctx, runner, clerk)
    detail = open_detail(qtbot, page, runner, req.id)
    assert "partly" not in detail.action_buttons and "complete" not in detail.action_buttons
    click_action(qtbot, detail, "correct")
    settle(qtbot, runner)
    fix = detail.dialog
    assert isinstance(fix, RequestCorrectionDialog) and not fix.ground.isVisible()
    fix.edits["phone0"].setText("010-2222-3333")
    fix.partial.setChecked(True)
    assert fix.ground.isVisible()
    codes = [fix.ground.itemData(i) for i in range(1, fix.ground.count())]
    assert codes == [g.code for g in grounds_for("correct")]
    qtbot.mouseClick(fix.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert fix.isVisible() and "사유를 목록에서" in fix.message.text()
    fix.ground.setCurrentIndex(fix.ground.findData("not_inaccurate"))
    fix.explanation.setPlainText("이름은 가족관계등록부와 같아 정정할 사유가 없습니다.")
    qtbot.mouseClick(fix.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    d = detail.detail
    assert d is not None and d.state == "partly_completed" and d.refusal_ground == "not_inaccurate"
    assert "연락처: 010-2222-3333" in d.result_text
    detail.reject()
    close(qtbot, win, runner)
