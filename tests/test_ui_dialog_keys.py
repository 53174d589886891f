"""Every dialog answers the keyboard the same way (issue 14): a default button (Enter) that is the
dialog's accepting button — never a helper like 찾기 —, Escape closes it and changes nothing.

One case per dialog class that can be built without a record behind it (the dialogs of a request,
a finding or a plan need one and are driven by their own screens' tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from privdesk.accounts.permissions import ROLE_NAMES
from privdesk.context import AppContext
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import officer, row_count
from tests.ui_cctv_support import runner_fixture, settle

__all__ = ["runner_fixture"]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROLES = [(code, name, "") for code, name in ROLE_NAMES.items()]
Build = Callable[[MainWindow, Path], QDialog]


def _page(win: MainWindow, key: str):  # type: ignore[no-untyped-def]
    page = win.show_page(key)
    assert page is not None
    return page


def _builders() -> dict[str, Build]:
    from privdesk.ui.accounts.dialogs import AddAccountDialog, RolesDialog
    from privdesk.ui.accounts.me import ProfileDialog
    from privdesk.ui.audit.integrity import AcknowledgeDialog, RecoveryCodeDialog
    from privdesk.ui.backup.keys import KeysDialog
    from privdesk.ui.cctv.cameras import CameraDialog, CameraHistoryDialog
    from privdesk.ui.cctv.decisions import ProvisionDialog
    from privdesk.ui.cctv.holds import HoldDialog
    from privdesk.ui.cctv.intake import IntakeDialog as CctvIntakeDialog
    from privdesk.ui.complaints.page import ReceiveDialog
    from privdesk.ui.disclosures.form import DisclosureDialog
    from privdesk.ui.disclosures.processors import ProcessorDialog, ProcessorHistoryDialog
    from privdesk.ui.help import AboutDialog, GuideDialog, ShortcutsDialog
    from privdesk.ui.incidents.page import AffectDialog, HomepageDialog, OpenDialog, RemoveDialog, SentDialog
    from privdesk.ui.lifecycle.holds import PlaceHoldDialog
    from privdesk.ui.lifecycle.ledger import ManualDialog
    from privdesk.ui.lifecycle.plans import PasswordDialog
    from privdesk.ui.login import ChangePasswordDialog, LoginDialog
    from privdesk.ui.registry.dialogs import ExportDialog, UnmaskDialog, VisitIntakeDialog
    from privdesk.ui.registry.form import PatientFormDialog
    from privdesk.ui.requests.intake import IntakeDialog as RequestIntakeDialog
    from privdesk.ui.widgets import OneTimePasswordDialog, ReasonDialog

    number = "INC-2026-0001"
    return {
        "LoginDialog": lambda w, _t: LoginDialog(w.ctx, w.runner),
        "ChangePasswordDialog": lambda w, _t: ChangePasswordDialog(w.ctx, w.runner, w.actor, parent=w),
        "ProfileDialog": lambda w, _t: ProfileDialog(w, w),
        "KeysDialog": lambda w, _t: KeysDialog(w, w),
        "AddAccountDialog": lambda w, _t: AddAccountDialog(ROLES, w),
        "RolesDialog": lambda w, _t: RolesDialog("lee", "이직원", ROLES, ["intake"], w),
        "OneTimePasswordDialog": lambda w, _t: OneTimePasswordDialog(w, "lee", "Temp-pass-123"),
        "ReasonDialog": lambda w, _t: ReasonDialog(
            w, "출력 사유", "사유를 적으십시오.", recent=["월례 점검"]
        ),
        "AcknowledgeDialog": lambda w, _t: AcknowledgeDialog(w, "접속기록 점검에서 문제가 발견되었습니다."),
        "RecoveryCodeDialog": lambda w, _t: RecoveryCodeDialog("ABCD-EFGH-IJKL-MNOP", w),
        "PatientFormDialog": lambda w, _t: PatientFormDialog(w, w),
        "UnmaskDialog": lambda w, _t: UnmaskDialog(w, "1001", "홍길동", 30, recent=["본인 확인"]),
        "VisitIntakeDialog": lambda w, _t: VisitIntakeDialog(w, w, 1, "홍길동"),
        "ExportDialog": lambda w, t: ExportDialog(w, w, [1], may_unmask=True, default_path=t / "out.csv"),
        "RequestIntakeDialog": lambda w, _t: RequestIntakeDialog(w, w),
        "DisclosureDialog": lambda w, _t: DisclosureDialog(w, []),
        "ProcessorDialog": lambda w, _t: ProcessorDialog(w),
        "ProcessorHistoryDialog": lambda w, _t: ProcessorHistoryDialog(w, "오늘문자서비스", []),
        "CctvIntakeDialog": lambda w, _t: CctvIntakeDialog(w, [], w),
        "CameraDialog": lambda w, _t: CameraDialog(w),
        "CameraHistoryDialog": lambda w, _t: CameraHistoryDialog(w, "C-01", []),
        "HoldDialog": lambda w, _t: HoldDialog(w, [], []),
        "ProvisionDialog": lambda w, _t: ProvisionDialog(w, []),
        "OpenDialog": lambda w, _t: OpenDialog(_page(w, "incidents")),
        "AffectDialog": lambda w, _t: AffectDialog(_page(w, "incidents"), number),
        "SentDialog": lambda w, _t: SentDialog(_page(w, "incidents"), number),
        "RemoveDialog": lambda w, _t: RemoveDialog(_page(w, "incidents"), number),
        "HomepageDialog": lambda w, _t: HomepageDialog(w, number, "게시문"),
        "ReceiveDialog": lambda w, _t: ReceiveDialog(_page(w, "complaints")),
        "ManualDialog": lambda w, _t: ManualDialog(w),
        "PlaceHoldDialog": lambda w, _t: PlaceHoldDialog(w),
        "PasswordDialog": lambda w, _t: PasswordDialog(w, "비밀번호를 다시 입력하십시오."),
        "AboutDialog": lambda w, _t: AboutDialog(w, w),
        "GuideDialog": lambda w, _t: GuideDialog(w),
        "ShortcutsDialog": lambda w, _t: ShortcutsDialog(w),
    }


def _dsr(w: MainWindow):  # type: ignore[no-untyped-def]
    """A data-subject request (열람, a homepage member) to open the request dialogs on."""
    import datetime as dt

    from privdesk.rights import requests as rights

    return rights.receive_request(
        w.ctx,
        w.actor,
        rights.RequestInput(
            kind="access",
            file_code="member",
            relation="self",
            requester_name="김회원",
            requester_phone="010-2222-3333",
            id_document="주민등록증",
            request_text="",
            subject_name="김회원",
            subject_birth=dt.date(1988, 2, 3),
        ),
    )


def _cctv(w: MainWindow):  # type: ignore[no-untyped-def]
    from privdesk.cctv import requests as cctv_requests
    from tests.ui_cctv_support import request_input

    return cctv_requests.receive_request(w.ctx, w.actor, request_input())


def _complaint(w: MainWindow):  # type: ignore[no-untyped-def]
    from privdesk.complaints import desk
    from privdesk.complaints.desk import ComplaintInput

    return desk.receive(
        w.ctx,
        w.actor,
        ComplaintInput(
            kind="complaint",
            channel="phone",
            topic="안내 문자 오발송 신고",
            name="남궁민수",
            contact="010-9876-5432",
        ),
    )


def _incident_row(w: MainWindow):  # type: ignore[no-untyped-def]
    from tests.incident_support import hours_ago, open_at

    return open_at(w.ctx, w.actor, hours_ago(2)).row


def _review(w: MainWindow):  # type: ignore[no-untyped-def]
    """A reviewed month with findings (the planted night-time burst and the rest)."""
    from privdesk import review
    from tests.review_support import anomalous_month, months

    month, _ = months()
    anomalous_month(w.ctx, month)
    return month, review.run(w.ctx, w.actor, month)


def _with_records() -> dict[str, Build]:
    """Dialogs on a record, the record made through the use cases first."""
    from privdesk.disclosures.processors import list_processors
    from privdesk.errors import VersionConflictError
    from privdesk.lifecycle.files import list_files
    from privdesk.review.types import Result
    from privdesk.ui.cctv import decisions
    from privdesk.ui.complaints.page import AnswerDialog, IncidentDialog, RequestDialog
    from privdesk.ui.disclosures.contract import ContractDialog
    from privdesk.ui.incidents.page import CloseDialog
    from privdesk.ui.lifecycle.rules import RuleDialog
    from privdesk.ui.registry.form import ConflictDialog
    from privdesk.ui.requests import actions
    from privdesk.ui.review.dialogs import AskDialog, ResultDialog, SignDialog

    objection = "이의가 있으면 개인정보 보호책임자에게 신청하십시오."
    return {
        "requests.VerifyDialog": lambda w, _t: actions.VerifyDialog(w, _dsr(w)),
        "requests.ExtendDialog": lambda w, _t: actions.ExtendDialog(w, _dsr(w), 10),
        "requests.AccessDialog": lambda w, _t: actions.AccessDialog(w, _dsr(w), "원무과"),
        "requests.CompleteDialog": lambda w, _t: actions.CompleteDialog(w, _dsr(w)),
        "requests.RefuseDialog": lambda w, _t: actions.RefuseDialog(w, _dsr(w), objection),
        "requests.PartlyDialog": lambda w, _t: actions.PartlyDialog(w, _dsr(w), objection),
        "requests.WithdrawDialog": lambda w, _t: actions.WithdrawDialog(w, _dsr(w)),
        "cctv.ApproveDialog": lambda w, _t: decisions.ApproveDialog(w, _cctv(w), "시설팀 사무실"),
        "cctv.RefuseDialog": lambda w, _t: decisions.RefuseDialog(w, _cctv(w)),
        "cctv.ExtendDialog": lambda w, _t: decisions.ExtendDialog(w, _cctv(w), 10),
        "cctv.MaskingDialog": lambda w, _t: decisions.MaskingDialog(w, _cctv(w)),
        "cctv.CompleteDialog": lambda w, _t: decisions.CompleteDialog(w, _cctv(w)),
        "complaints.AnswerDialog": lambda w, _t: AnswerDialog(
            _page(w, "complaints"), _complaint(w).row, "", closing=False
        ),
        "complaints.RequestDialog": lambda w, _t: RequestDialog(_page(w, "complaints"), _complaint(w)),
        "complaints.IncidentDialog": lambda w, _t: IncidentDialog(_page(w, "complaints"), _complaint(w)),
        "incidents.CloseDialog": lambda w, _t: CloseDialog(_page(w, "incidents"), _incident_row(w)),
        "RuleDialog": lambda w, _t: RuleDialog(w, list_files(w.ctx, w.actor)[0]),
        "review.ResultDialog": lambda w, _t: ResultDialog(w, w, _review(w)[1].findings[0], Result.NORMAL),
        "review.AskDialog": lambda w, _t: AskDialog(w, w, _review(w)[1].findings[0], 7),
        "review.SignDialog": lambda w, _t: SignDialog(w, w, *_review(w)),
        "ContractDialog": lambda w, _t: ContractDialog(
            w, list_processors(w.ctx, w.actor)[0], _page(w, "processors").run, w.ctx, w.actor
        ),
        "ConflictDialog": lambda w, _t: ConflictDialog(
            VersionConflictError("patients", "1001", 1, 2, {"name": ("홍길동", "홍길순")}), w
        ),
    }


_base_builders = _builders


def _builders() -> dict[str, Build]:  # type: ignore[no-redef]
    return {**_base_builders(), **_with_records()}


NAMES = sorted(_builders())
INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QCheckBox)
ACCEPTING = {
    QDialogButtonBox.ButtonRole.AcceptRole,
    QDialogButtonBox.ButtonRole.YesRole,
    QDialogButtonBox.ButtonRole.ApplyRole,
}


def dispose(qtbot, runner: TaskRunner, win: MainWindow, *dialogs: QDialog) -> None:  # type: ignore[no-untyped-def]
    """Delete the dialogs now, on the GUI thread, then close the window (pytest-qt deletes it):
    nothing of a test is left for the garbage collector to destroy."""
    for d in dialogs:
        if shiboken6.isValid(d):
            d.hide()
            d.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    win.close()
    settle(qtbot, runner)


def default_button(dialog: QDialog) -> QPushButton | None:
    found = [b for b in dialog.findChildren(QPushButton) if b.isDefault() and b.isVisibleTo(dialog)]
    return found[0] if len(found) == 1 else None


@pytest.mark.parametrize("name", NAMES)
def test_enter_is_the_dialogs_own_button_and_escape_closes_it_changing_nothing(
    name: str, qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:
    win = MainWindow(sqlite_ctx, runner, officer(sqlite_ctx), idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.show()
    settle(qtbot, runner)
    before = row_count(sqlite_ctx)
    dialog = _builders()[name](win, tmp_path)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    settle(qtbot, runner)
    logged = row_count(sqlite_ctx)  # what opening it logs (a look at a record, e.g. 정보 logs nothing)

    button = default_button(dialog)
    assert button is not None, f"{name}: no single default button for Enter"
    box = button.parent()
    if isinstance(box, QDialogButtonBox):
        role = box.buttonRole(button)
        no_accept = not any(box.buttonRole(b) in ACCEPTING for b in box.buttons() if b.isVisible())
        closes = (
            role == QDialogButtonBox.ButtonRole.RejectRole and no_accept
        )  # a window to read: Enter closes
        assert role in ACCEPTING or closes, f"{name}: Enter presses {button.text()!r}"

    if name == "RecoveryCodeDialog":  # shown once: Escape closes it only after "written down" is ticked
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        dialog.written.setChecked(True)  # type: ignore[attr-defined]
    focus = dialog.focusWidget() or dialog
    qtbot.keyClick(focus, Qt.Key.Key_Escape)
    settle(qtbot, runner)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible(), f"{name}: Escape did not close it"
    if shiboken6.isValid(dialog):
        assert dialog.result() == QDialog.DialogCode.Rejected
    assert row_count(sqlite_ctx) == logged >= before  # Escape wrote nothing
    dispose(qtbot, runner, win, dialog)


def test_tab_order_follows_the_layout_in_the_forms(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    """Tab walks a form's fields top to bottom (each next field lower, or on the same row to the
    right), so the cursor never jumps back up."""
    from privdesk.ui.registry.form import PatientFormDialog

    win = MainWindow(sqlite_ctx, runner, officer(sqlite_ctx), idle_timeout_ms=0)
    qtbot.addWidget(win)
    form = PatientFormDialog(win, win)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=5_000)
    order: list[QWidget] = []
    first = form.edits["chart_no"]
    first.setFocus()
    widget: QWidget | None = first
    for _ in range(len(form.edits)):
        assert widget is not None
        order.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
    assert order == list(form.edits.values())
    form.reject()
    dispose(qtbot, runner, win, form)


def test_enter_in_the_disclosure_chart_field_looks_up_and_does_not_save(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    from privdesk.ui.disclosures.form import DisclosureDialog

    win = MainWindow(sqlite_ctx, runner, officer(sqlite_ctx), idle_timeout_ms=0)
    qtbot.addWidget(win)
    dialog = DisclosureDialog(win, [])
    asked: list[str] = []
    dialog.lookup.connect(asked.append)
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    dialog.chart.setFocus()
    dialog.chart.setText("1001")
    qtbot.keyClick(dialog.chart, Qt.Key.Key_Return)
    assert asked == ["1001"] and accepted == [] and dialog.isVisible()
    dialog.reject()
    dispose(qtbot, runner, win, dialog)


def tab_chain(dialog: QDialog) -> list[QWidget]:
    """The widgets Tab visits, from the first, once round (as Qt's focus chain orders them)."""
    chain: list[QWidget] = []
    start = dialog.nextInFocusChain()
    w = start
    for _ in range(500):
        if (
            w.isVisibleTo(dialog)
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.window() is dialog
            and w not in chain
        ):
            chain.append(w)
        w = w.nextInFocusChain()
        if w is start:
            break
    return chain


def _place(w: QWidget, dialog: QDialog) -> tuple[int, int, int, int]:
    """(top in the dialog, top inside a scrolled body, left, right): a field inside a scroll area is
    placed by the scroll area first, then by where it sits in the scrolled body."""
    scroll = next((p for p in _parents(w, dialog) if isinstance(p, QScrollArea)), None)
    pos = w.mapTo(dialog, w.rect().topLeft())
    if scroll is None:
        return pos.y(), 0, pos.x(), pos.x() + w.width()
    body = scroll.widget()
    inner = w.mapTo(body, w.rect().topLeft()) if body is not None else pos
    return scroll.mapTo(dialog, scroll.rect().topLeft()).y(), inner.y(), pos.x(), pos.x() + w.width()


def _parents(w: QWidget, dialog: QDialog) -> list[QWidget]:
    out = []
    p = w.parentWidget()
    while p is not None and p is not dialog:
        out.append(p)
        p = p.parentWidget()
    return out


def jumps(dialog: QDialog) -> list[str]:
    """Where Tab goes back up the dialog: to a widget higher than the one before it (beyond the
    same row) that is not in a column to its right. Tab goes round, so once round there is one way
    back up, from the last widget to the first."""
    chain = tab_chain(dialog)
    up = []
    for a, b in zip(chain, chain[1:] + chain[:1], strict=True):
        (ta, ia, _la, ra), (tb, ib, lb, _rb) = _place(a, dialog), _place(b, dialog)
        tolerance = max(a.height(), b.height()) // 2
        higher = tb < ta - tolerance or (tb == ta and ib < ia - tolerance)
        if higher and lb < ra:
            up.append(f"{a.objectName() or type(a).__name__} → {b.objectName() or type(b).__name__}")
    return up


@pytest.mark.parametrize("name", NAMES)
def test_tab_goes_down_the_dialog(
    name: str, qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(sqlite_ctx, runner, officer(sqlite_ctx), idle_timeout_ms=0)
    qtbot.addWidget(win)
    dialog = _builders()[name](win, tmp_path)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, runner)
    assert len(jumps(dialog)) <= 1, jumps(dialog)  # only the way round, from the last back to the first
    start = dialog.focusWidget()
    button = default_button(dialog)
    box = button.parent() if button is not None else None
    form = isinstance(box, QDialogButtonBox) and box.buttonRole(button) in ACCEPTING  # type: ignore[arg-type]
    if form and any(isinstance(w, INPUTS) for w in tab_chain(dialog)):  # the cursor starts in a field
        assert start is not None and not isinstance(start.parentWidget(), QDialogButtonBox), (
            f"{name}: a form that opens with the focus on {start}"
        )
    if name == "RecoveryCodeDialog":
        dialog.written.setChecked(True)  # type: ignore[attr-defined]
    dialog.reject()
    dispose(qtbot, runner, win, dialog)
