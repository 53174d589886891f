"""The CCTV refusal dialog chooses its ground from the request's footage: 보관기간 경과로 파기 is not
offered while the footage is kept (nothing preselected: the user chooses), offered but not chosen
when part of it is gone, preselected when all of it is gone (tests/test_ui_cctv.py); the use case
refuses that ground for footage still kept."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QStandardItemModel

from privdesk import clock
from privdesk.accounts.permissions import FACILITY
from privdesk.cctv import decisions
from privdesk.cctv import requests as requests_uc
from privdesk.context import AppContext
from privdesk.errors import RuleViolationError
from privdesk.ui.cctv.decisions import RefuseDialog
from privdesk.ui.cctv.request import RequestDetailDialog
from privdesk.ui.tasks import TaskRunner
from tests.ui_cctv_support import close, ok, open_cctv, request_input, runner_fixture, settle, staff

__all__ = ["runner_fixture"]


def _refuse_dialog(qtbot, page, runner: TaskRunner, rid: int) -> RefuseDialog:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    assert page.inbox.select(rid)
    qtbot.mouseClick(page.inbox.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    detail = page.inbox.detail
    assert isinstance(detail, RequestDetailDialog) and detail.detail is not None
    qtbot.mouseClick(detail.action_buttons["refused"], Qt.MouseButton.LeftButton)
    dialog = detail.dialog
    assert isinstance(dialog, RefuseDialog)
    return dialog


def _retention_enabled(dialog: RefuseDialog) -> bool:
    model = dialog.ground.model()
    assert isinstance(model, QStandardItemModel)
    item = model.item(dialog.ground.findData("retention_expired"))
    assert item is not None
    return item.isEnabled()


def test_kept_footage_preselects_no_ground_and_never_offers_retention(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    fac = staff(ctx, "fac41", [FACILITY])
    kept = requests_uc.receive_request(ctx, fac, request_input(3))
    assert not kept.row.footage_gone
    win, page = open_cctv(qtbot, ctx, runner, fac)
    dialog = _refuse_dialog(qtbot, page, runner, kept.id)
    assert dialog.ground_code() == "" and dialog.ground.currentText() == "— 거절 사유를 고르십시오 —"
    assert not _retention_enabled(dialog)  # the footage is kept: it was not destroyed
    assert dialog.basis.text() == "" and dialog.message.text() == ""
    dialog.explanation.setPlainText("다른 환자가 화면 대부분을 차지하여 마스킹으로 가릴 수 없음")
    assert not dialog.ok_button.isEnabled()  # a ground is still to be chosen
    assert dialog.problem() == "거절 사유를 목록에서 고르십시오."
    dialog.select_ground("privacy_of_others")
    assert dialog.ok_button.isEnabled() and "제35조제4항제2호" in dialog.basis.text()
    ok(dialog)
    settle(qtbot, runner)
    again = requests_uc.get_request(ctx, fac, kept.id)
    assert again.row.state == "refused" and again.refusal_ground == "privacy_of_others"
    close(qtbot, win, runner)


def test_partly_gone_footage_offers_retention_without_choosing_it(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    fac = staff(ctx, "fac42", [FACILITY])
    retention = ctx.profile.cctv.retention_days
    day = clock.today_kst() - dt.timedelta(days=retention)  # the first day gone, the next one kept
    start = dt.datetime.combine(day, dt.time(22), tzinfo=clock.KST)
    part = requests_uc.receive_request(
        ctx, fac, request_input(window_start=start, window_end=start + dt.timedelta(hours=4))
    )
    assert not part.row.footage_gone
    statuses = {f.status for f in part.footage}
    assert "gone" in statuses and statuses - {"gone"}
    win, page = open_cctv(qtbot, ctx, runner, fac)
    dialog = _refuse_dialog(qtbot, page, runner, part.id)
    assert dialog.ground_code() == "" and _retention_enabled(dialog)
    dialog.reject()
    close(qtbot, win, runner)


def test_the_use_case_refuses_retention_for_footage_still_kept(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    fac = staff(ctx, "fac43", [FACILITY])
    kept = requests_uc.receive_request(ctx, fac, request_input(3))
    with pytest.raises(RuleViolationError) as caught:
        decisions.refuse(ctx, fac, kept.id, ground="retention_expired", explanation="보관기간이 지났습니다")
    assert "아직 보관 중" in str(caught.value)
    assert requests_uc.get_request(ctx, fac, kept.id).row.state == "received"
