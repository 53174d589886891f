"""The reason dialog (사유) before every printing on screen, with pytest-qt on a real database: a
printing through PrintJob cannot start without a reason (OK disabled until one is typed), the
account's recent reasons are offered and one is picked, the reason lands in the access-log entry;
cancelling leaves no file, no temporary folder and no entry. Driven through the 수탁업체 page's
printing (PrintJob.start, the same door every page's printing uses)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import select

from privdesk.accounts.permissions import PRIVACY
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require
from privdesk.context import AppContext
from privdesk.disclosures import printing
from privdesk.store.models import AccessLogEntry
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import ReasonDialog
from tests.audit_support import head_seq
from tests.reason_support import reason_given
from tests.test_ui_processors import open_page
from tests.ui_cctv_support import runner_fixture, settle, staff

__all__ = ["runner_fixture"]


def prints(ctx: AppContext) -> list[AccessLogEntry]:
    with ctx.session() as s:
        return list(
            s.scalars(
                select(AccessLogEntry)
                .where(AccessLogEntry.action == Action.PRINT)
                .order_by(AccessLogEntry.seq)
            )
        )


def temp_print_folders() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("privdesk-print-*"))


def ok_button(d: ReasonDialog):  # type: ignore[no-untyped-def]
    return d.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_reason_dialog_offers_recent_reasons_enter_accepts_escape_cancels(qtbot) -> None:  # type: ignore[no-untyped-def]
    d = ReasonDialog(
        None, "출력 사유", "사유를 적으십시오.", recent=["감사 대응", "월례 점검"], validate=require
    )
    qtbot.addWidget(d)
    d.show()
    assert d.recent is not None and [d.recent.item(i).text() for i in range(d.recent.count())] == [
        "감사 대응",
        "월례 점검",
    ]
    assert not ok_button(d).isEnabled() and d.reason_text() == ""
    QTest.keyClick(d.reason, Qt.Key.Key_Return)  # Enter with nothing typed: nothing happens
    assert d.isVisible() and d.result() == 0
    d.recent.itemClicked.emit(d.recent.item(1))  # a click on a recent reason fills the box
    assert d.reason_text() == "월례 점검" and ok_button(d).isEnabled()
    d.reason.setPlainText("환자 010-2345-6789 요청")  # personal data: refused in the dialog
    ok_button(d).click()
    assert d.isVisible() and "전화번호" in d.message.text() and d.message.isVisible()
    d.reason.setPlainText("감사 대응 자료")
    assert not d.message.isVisible()
    QTest.keyClick(d.reason, Qt.Key.Key_Return)
    assert d.result() == QDialog.DialogCode.Accepted and d.reason_text() == "감사 대응 자료"

    e = ReasonDialog(None, "출력 사유", "사유를 적으십시오.")
    qtbot.addWidget(e)
    e.show()
    assert e.recent is None  # nothing recent: no list
    e.reason.setPlainText("점검")
    QTest.keyClick(e, Qt.Key.Key_Escape)
    assert e.result() == QDialog.DialogCode.Rejected


def test_printing_asks_first_offers_recent_reasons_and_logs_the_chosen_one(  # type: ignore[no-untyped-def]
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:
    ctx = sqlite_ctx
    me = staff(ctx, "priv01", [PRIVACY], "최전산")
    for why in ("감사 대응", "처리방침 게시용"):  # two earlier printings of this account
        printing.print_processors(ctx, me, tmp_path / f"{why}.pdf", reason=why)
    _win, page = open_page(qtbot, ctx, runner, me)

    def pick(d: ReasonDialog) -> None:
        assert not ok_button(d).isEnabled()  # cannot proceed without a reason
        assert d.recent is not None
        d.recent.itemClicked.emit(d.recent.item(1))  # the older one: "감사 대응"
        assert ok_button(d).isEnabled()
        QTest.keyClick(d.reason, Qt.Key.Key_Return)

    with reason_given(act=pick) as seen:
        job = page.print_list()
    assert seen.offered == [["처리방침 게시용", "감사 대응"]] and seen.ok_before == [False]
    assert job is not None and job.reason == "감사 대응"
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    assert isinstance(job.preview, PdfPreviewDialog)
    last = prints(ctx)[-1]
    assert last.actor == "priv01" and last.subject == "report:processors"
    assert last.detail is not None and last.detail.endswith("; 사유=감사 대응")
    job.preview.reject()
    settle(qtbot, runner)


def test_cancelling_the_reason_prints_nothing_and_logs_nothing(  # type: ignore[no-untyped-def]
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    ctx = sqlite_ctx
    me = staff(ctx, "priv01", [PRIVACY], "최전산")
    _win, page = open_page(qtbot, ctx, runner, me)
    folders, before = temp_print_folders(), head_seq(ctx)
    with reason_given(None) as seen:  # 취소
        job = page.print_list()
    assert seen.titles == ["출력 사유"] and job is None and page.print_job is None
    settle(qtbot, runner)
    assert prints(ctx) == [] and head_seq(ctx) == before  # no entry (asking logs nothing either)
    assert temp_print_folders() == folders  # no temporary PDF, not even its folder

    def escape(d: ReasonDialog) -> None:
        d.reason.setPlainText("처리방침 게시용")
        QTest.keyClick(d, Qt.Key.Key_Escape)

    with reason_given(act=escape):
        assert page.print_list() is None
    settle(qtbot, runner)
    assert prints(ctx) == [] and temp_print_folders() == folders


def test_the_registrys_unmask_offers_this_accounts_own_recent_reason_first(  # type: ignore[no-untyped-def]
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    from privdesk.accounts import users
    from privdesk.registry.patients import unmask
    from privdesk.ui.registry.dialogs import UnmaskDialog
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
    from tests.ui_patients_support import close, open_registry, register_hong

    ctx = sqlite_ctx
    boss = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    hong = register_hong(ctx, boss)
    unmask(ctx, boss, hong.id, "민원 회신 전화")  # an earlier reason of this account
    window, page = open_registry(qtbot, ctx, runner, boss)
    page.select_row(0)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    assert page.unmask_button is not None
    qtbot.mouseClick(page.unmask_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, UnmaskDialog) and not dialog.ok_button.isEnabled()
    offered = [dialog.reason.itemText(i) for i in range(dialog.reason.count())]
    assert offered == ["민원 회신 전화", "본인 확인", "진료비 청구", "보험 청구", "법령에 따른 제출"]
    dialog.reason.setCurrentIndex(0)
    assert dialog.reason_text() == "민원 회신 전화" and dialog.ok_button.isEnabled()
    dialog.reject()
    close(qtbot, window, runner)
