"""The dialogs of the monthly access-log review (접속기록 점검): a finding's result, a 소명 request and
its decision, the sign-off with password re-entry, and the 소명 answer of the person asked.

Every dialog runs its one use case in the background when OK is pressed; a known error (a Korean
sentence) stays in the dialog and nothing is changed. Enter accepts (in a text box too; Shift+Enter
starts a new line), Escape cancels.

:class:`JustificationAnswerDialog` is self-contained (host, justification, parent; the ``answered``
signal) so the start screen can open it for the account a finding was sent to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk import review as rv
from privdesk.errors import PrivdeskError, ValidationError
from privdesk.review import Finding, Justification, MonthReview
from privdesk.ui.host import PageHost
from privdesk.ui.widgets import start_in_first_field

CTX = "ReviewDialogs"
RED, GREY = "#a00000", "#555555"


translate = QCoreApplication.translate  # lupdate reads translate("ReviewDialogs", "…")


def who(name: str | None, login: str | None) -> str:
    """``이름(ID)`` as everywhere on this screen; the ID alone when the name is unknown."""
    if not login:
        return "—"
    return f"{name}({login})" if name and name != login else login


def fmt_dt(value: dt.datetime | None) -> str:
    return clock.fmt_datetime(value) if value is not None else ""


class SubmitTextEdit(QPlainTextEdit):
    """A text box where Enter submits the dialog (``submitted``) and Shift+Enter starts a new line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def text(self) -> str:
        return self.toPlainText().strip()


class ReviewForm(QDialog):
    """A dialog whose OK runs one use case in the background; the error stays in the dialog.
    ``done_with`` carries the use case's result; the dialog closes after it."""

    done_with = Signal(object)

    def __init__(self, host: PageHost, parent: QWidget | None, name: str, title: str) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("summary")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.intro.hide()
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.layout_.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {RED};")
        self.error.hide()
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setText(translate("ReviewDialogs", "저장"))
        self.ok_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setText(translate("ReviewDialogs", "취소"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def set_intro(self, html: str) -> None:
        self.intro.setText(html)
        self.intro.show()

    def text_box(self, name: str, height: int = 90, placeholder: str = "") -> SubmitTextEdit:
        e = SubmitTextEdit(self)
        e.setObjectName(name)
        e.setFixedHeight(height)
        e.setTabChangesFocus(True)
        e.setPlaceholderText(placeholder)
        e.submitted.connect(self.submit)
        return e

    def finish_layout(self, note: str = "", width: int = 560) -> None:
        if note:
            label = QLabel(note, self)
            label.setObjectName("hint")
            self.hint = label
            label.setWordWrap(True)
            label.setStyleSheet(f"color: {GREY};")
            self.layout_.addWidget(label)
        self.layout_.addWidget(self.buttons)
        start_in_first_field(self)  # the note box, not 저장 (the buttons were made first)
        self.resize(width, self.sizeHint().height())

    def call(self) -> Callable[[], Any]:
        """The use case to run (read the widgets here, on the GUI thread)."""
        raise NotImplementedError

    def submit(self) -> None:
        if not self.buttons.isEnabled():
            return  # already running
        try:
            fn = self.call()
        except PrivdeskError as exc:
            self.failed(exc)
            return
        self.buttons.setEnabled(False)
        self.host.runner.run(
            fn, owner=self, on_done=self._done, on_error=self.failed, changes=frozenset({"review"})
        )

    def _done(self, result: Any) -> None:
        self.done_with.emit(result)
        self.accept()

    def failed(self, exc: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if isinstance(exc, PrivdeskError):
            self.show_error(str(exc))
            return True
        return False

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.layout_.activate()
        self.resize(self.width(), max(self.height(), self.layout_.totalHeightForWidth(self.width())))


def finding_html(f: Finding) -> str:
    """The finding in a few lines (kind, account, what, rule), for the dialogs' heads."""
    rows = [
        (translate("ReviewDialogs", "종류"), rv.KIND_LABELS.get(f.kind, str(f.kind))),
        (
            translate("ReviewDialogs", "계정"),
            who(f.account_name, f.account) + (f" · {f.department}" if f.department else ""),
        ),
        (translate("ReviewDialogs", "내용"), f.summary),
        (translate("ReviewDialogs", "규칙·기준"), f.rule),
        (translate("ReviewDialogs", "건수"), f"{f.entry_count:,}"),
    ]
    if f.reason is not None or f.kind in REASON_KINDS:
        rows.append(
            (translate("ReviewDialogs", "사유"), f.reason or translate("ReviewDialogs", "(기록된 사유 없음)"))
        )
    return _table(rows)


def _table(rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><td style='color:{GREY}; padding:1px 12px 1px 0' valign='top'>{escape(k)}</td>"
        f"<td style='padding:1px 0'>{escape(v).replace(chr(10), '<br>')}</td></tr>"
        for k, v in rows
    )
    return f"<table>{body}</table>"


REASON_KINDS = (rv.FindingKind.DOWNLOAD, rv.FindingKind.PRINT, rv.FindingKind.UNMASK)


class ResultDialog(ReviewForm):
    """정상 처리 / 조치 필요: the reviewer's result for one finding, with a note (required)."""

    def __init__(self, host: PageHost, parent: QWidget | None, finding: Finding, result: rv.Result) -> None:
        normal = result == rv.Result.NORMAL
        super().__init__(
            host,
            parent,
            "resultDialog",
            translate("ReviewDialogs", "정상 처리") if normal else translate("ReviewDialogs", "조치 필요"),
        )
        self.finding, self.outcome = finding, result  # not `result`: QDialog.result() is Qt's
        self.set_intro(finding_html(finding))
        self.note = self.text_box(
            "resultNote",
            placeholder=translate("ReviewDialogs", "예: 야간 당직 근무 중 응급 환자 조회로 확인")
            if normal
            else translate("ReviewDialogs", "예: 해당 직원 면담, 권한 축소"),
        )
        if finding.result_note:
            self.note.setPlainText(finding.result_note)
        self.form.addRow(
            translate("ReviewDialogs", "정상으로 판단한 근거")
            if normal
            else translate("ReviewDialogs", "취한 조치"),
            self.note,
        )
        self.ok_button.setText(
            translate("ReviewDialogs", "정상 처리")
            if normal
            else translate("ReviewDialogs", "조치 필요로 기록")
        )
        self.finish_layout(
            translate(
                "ReviewDialogs",
                "메모(필수)는 점검 결과에 남습니다. 개인정보는 적지 마십시오. Shift+Enter로 줄을 바꿉니다.",
            )
        )

    def call(self) -> Callable[[], Any]:
        ctx, actor, fid, result, note = (
            self.host.ctx,
            self.host.actor,
            self.finding.id,
            self.outcome,
            self.note.text(),
        )
        if not note:
            raise ValidationError("note", translate("ReviewDialogs", "메모를 입력하십시오."))
        return lambda: rv.record_result(ctx, actor, fid, result, note)


class AskDialog(ReviewForm):
    """소명 요청: the finding sent to the account that caused it, with a message (required)."""

    def __init__(
        self, host: PageHost, parent: QWidget | None, finding: Finding, days: int | None = None
    ) -> None:
        super().__init__(host, parent, "askDialog", translate("ReviewDialogs", "소명 요청"))
        self.finding = finding
        self.set_intro(finding_html(finding))
        self.message = self.text_box(
            "askMessage",
            placeholder=translate("ReviewDialogs", "예: 11월 14일 새벽에 조회한 사유를 적어 주십시오."),
        )
        self.recipient = QLabel(who(finding.account_name, finding.account), self)
        self.recipient.setObjectName("recipient")
        self.form.addRow(translate("ReviewDialogs", "받는 사람"), self.recipient)
        self.form.addRow(translate("ReviewDialogs", "요청 내용"), self.message)
        self.ok_button.setText(translate("ReviewDialogs", "소명 요청"))
        deadline = (
            translate("ReviewDialogs", "기한은 오늘부터 {days}일입니다.").format(days=days)
            if days
            else translate("ReviewDialogs", "기한은 설정된 소명 기한(기본 7일)입니다.")
        )
        self.finish_layout(
            translate("ReviewDialogs", "받는 사람의 첫 화면에 요청이 나타나고, 본인이 직접 답변합니다.")
            + " "
            + deadline
        )

    def call(self) -> Callable[[], Any]:
        ctx, actor, fid, message = self.host.ctx, self.host.actor, self.finding.id, self.message.text()
        if not message:
            raise ValidationError("message", translate("ReviewDialogs", "요청 내용을 입력하십시오."))
        return lambda: rv.ask_justification(ctx, actor, fid, message)


def thread_html(j: Justification) -> str:
    """The 소명 thread: the request, the answer, the decision."""
    due = j.due.isoformat()
    if j.overdue:
        due = translate("ReviewDialogs", "{due} (기한 경과)").format(due=due)
    rows = [
        (translate("ReviewDialogs", "요청"), f"{fmt_dt(j.asked_at)} · {j.asked_by_label}"),
        (translate("ReviewDialogs", "요청 내용"), j.message),
        (translate("ReviewDialogs", "기한"), due),
        (translate("ReviewDialogs", "상태"), rv.J_LABELS.get(j.state, str(j.state))),
    ]
    if j.answer is not None:
        rows += [
            (
                translate("ReviewDialogs", "답변"),
                f"{fmt_dt(j.answered_at)} · {who(j.account_name, j.account)}",
            ),
            (translate("ReviewDialogs", "답변 내용"), j.answer),
        ]
    if j.decided_at is not None:
        rows += [
            (translate("ReviewDialogs", "판단"), f"{fmt_dt(j.decided_at)} · {j.decided_by_label}"),
            (translate("ReviewDialogs", "판단 메모"), j.decision_note or ""),
        ]
    return _table(rows)


class DecideDialog(ReviewForm):
    """소명 수용 / 소명 반려 of an answered justification; a rejected one makes the finding 조치 필요."""

    def __init__(
        self, host: PageHost, parent: QWidget | None, finding: Finding, j: Justification, accept: bool
    ) -> None:
        super().__init__(
            host,
            parent,
            "decideDialog",
            translate("ReviewDialogs", "소명 수용") if accept else translate("ReviewDialogs", "소명 반려"),
        )
        self.finding, self.j, self.accept_ = finding, j, accept
        self.set_intro(finding_html(finding) + "<hr>" + thread_html(j))
        self.note = self.text_box(
            "decisionNote",
            70,
            translate("ReviewDialogs", "예: 당직 기록과 일치함")
            if accept
            else translate("ReviewDialogs", "예: 업무상 필요가 확인되지 않음 — 교육 실시"),
        )
        self.form.addRow(translate("ReviewDialogs", "판단 메모"), self.note)
        self.ok_button.setText(
            translate("ReviewDialogs", "수용") if accept else translate("ReviewDialogs", "반려")
        )
        self.finish_layout(
            translate(
                "ReviewDialogs",
                "수용하면 이 발견 사항의 결과는 '정상'이 됩니다. 메모(선택)는 점검 결과에 남습니다.",
            )
            if accept
            else translate(
                "ReviewDialogs",
                "반려하면 이 발견 사항의 결과는 '조치 필요'가 되고 메모가 조치 내용으로 남습니다.",
            ),
            620,
        )

    def call(self) -> Callable[[], Any]:
        ctx, actor, jid, accept, note = (
            self.host.ctx,
            self.host.actor,
            self.j.id,
            self.accept_,
            self.note.text(),
        )
        if not note and not accept:
            raise ValidationError("note", translate("ReviewDialogs", "반려하는 이유와 조치를 입력하십시오."))
        return lambda: rv.decide_justification(ctx, actor, jid, accept, note)


def open_items(review: MonthReview) -> tuple[int, int, int]:
    """(findings without a result, 소명 requests not answered, answers not decided)."""
    no_result = sum(1 for f in review.findings if f.result is None)
    js = [f.justification for f in review.findings if f.justification is not None]
    return (
        no_result,
        sum(1 for j in js if j.state == rv.JState.OPEN),
        sum(1 for j in js if j.state == rv.JState.ANSWERED),
    )


class SignDialog(ReviewForm):
    """점검 완료 서명: the month's summary and the reviewer's password again → :func:`privdesk.review.sign`."""

    def __init__(self, host: PageHost, parent: QWidget | None, month: rv.Month, review: MonthReview) -> None:
        super().__init__(
            host,
            parent,
            "signDialog",
            translate("ReviewDialogs", "점검 완료 서명 — {month}").format(month=month.label()),
        )
        self.month, self.review = month, review
        normal = sum(1 for f in review.findings if f.result == rv.Result.NORMAL)
        action = sum(1 for f in review.findings if f.result == rv.Result.ACTION)
        no_result, unanswered, undecided = open_items(review)
        rows = [
            (
                translate("ReviewDialogs", "기간"),
                f"{month.first_day().isoformat()} ~ {month.last_day().isoformat()}",
            ),
            (
                translate("ReviewDialogs", "접속기록"),
                translate("ReviewDialogs", "{n}건").format(n=f"{review.entries:,}"),
            ),
            (
                translate("ReviewDialogs", "계정"),
                translate("ReviewDialogs", "{n}개").format(n=len(review.accounts)),
            ),
            (
                translate("ReviewDialogs", "발견 사항"),
                translate("ReviewDialogs", "{n}건 — 정상 {normal}건, 조치 필요 {action}건").format(
                    n=len(review.findings), normal=normal, action=action
                ),
            ),
        ]
        html = _table(rows)
        if no_result or unanswered or undecided:
            html += (
                f"<p style='color:{RED}'>"
                + escape(
                    translate(
                        "ReviewDialogs",
                        "남은 일: 결과 미기록 {a}건, 답변 대기 소명 {b}건, 판단 대기 소명 {c}건",
                    ).format(a=no_result, b=unanswered, c=undecided)
                )
                + "</p>"
            )
        self.set_intro(html)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(translate("ReviewDialogs", "비밀번호 다시 입력"), self.password)
        self.ok_button.setText(translate("ReviewDialogs", "서명"))
        self.finish_layout(
            translate(
                "ReviewDialogs",
                "서명하면 발견 사항, 결과, 점검자, 시각과 그 순간의 접속기록 끝(순번·해시)이 변경할 수 없게 "
                "기록되고, 이 달은 더 고칠 수 없습니다.",
            )
        )
        self.password.setFocus()

    def call(self) -> Callable[[], Any]:
        ctx, actor, month, password = self.host.ctx, self.host.actor, self.month, self.password.text()
        if not password:
            raise ValidationError("password", translate("ReviewDialogs", "비밀번호를 입력하십시오."))
        return lambda: rv.sign(ctx, actor, month, password)

    def failed(self, exc: BaseException) -> bool:
        handled = super().failed(exc)
        if handled:
            self.password.clear()
            self.password.setFocus()
        return handled

    def done(self, result: int) -> None:
        self.password.clear()  # the password stays nowhere once the window closes
        super().done(result)


class JustificationAnswerDialog(ReviewForm):
    """소명 답변, for the account the finding was sent to: the finding, the reviewer's message and
    the due date, and the answer in the person's own words (required) →
    :func:`privdesk.review.answer_justification`. ``answered`` carries the updated Justification."""

    answered = Signal(object)

    def __init__(self, host: PageHost, j: Justification, parent: QWidget | None = None) -> None:
        super().__init__(
            host,
            parent,
            "justificationAnswerDialog",
            translate("ReviewDialogs", "소명 답변 — {month}").format(month=j.month),
        )
        self.j = j
        due = j.due.isoformat()
        if j.overdue:
            late = translate("ReviewDialogs", "{due} (기한 경과)").format(due=due)
            due_html = f"<span style='color:{RED}'><b>{escape(late)}</b></span>"
        else:
            due_html = escape(due)
        rows = _table(
            [
                (translate("ReviewDialogs", "종류"), rv.KIND_LABELS.get(j.kind, str(j.kind))),
                (translate("ReviewDialogs", "내용"), j.finding_summary),
                (translate("ReviewDialogs", "요청"), f"{fmt_dt(j.asked_at)} · {j.asked_by_label}"),
                (translate("ReviewDialogs", "요청 내용"), j.message),
            ]
        )
        due_label = translate("ReviewDialogs", "답변 기한")
        self.set_intro(rows + f"<p>{escape(due_label)}: {due_html}</p>")
        self.answer = self.text_box(
            "answer", 120, translate("ReviewDialogs", "무슨 업무로 조회·출력했는지 직접 적어 주십시오.")
        )
        if j.answer:
            self.answer.setPlainText(j.answer)
        self.form.addRow(translate("ReviewDialogs", "답변"), self.answer)
        self.ok_button.setText(translate("ReviewDialogs", "답변 보내기"))
        self.finish_layout(
            translate(
                "ReviewDialogs",
                "답변은 점검자에게 전달되고 점검 결과에 남습니다. 주민등록번호·전화번호 같은 개인정보는 "
                "적지 마십시오. Shift+Enter로 줄을 바꿉니다.",
            ),
            600,
        )
        self.done_with.connect(self.answered)
        if j.state != rv.JState.OPEN:  # answered already (or decided): shown, not sent again
            self.answer.setReadOnly(True)
            self.ok_button.setEnabled(False)
            self.ok_button.hide()
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
                translate("ReviewDialogs", "닫기")
            )
            self.show_error(
                translate("ReviewDialogs", "이미 답변했습니다({state}). 점검자의 판단을 기다립니다.").format(
                    state=rv.J_LABELS.get(j.state, str(j.state))
                )
                if j.state == rv.JState.ANSWERED
                else rv.J_LABELS.get(j.state, str(j.state))
            )
            self.error.setStyleSheet(f"color: {GREY};")
        self.answer.setFocus()

    def submit(self) -> None:
        if self.j.state != rv.JState.OPEN:
            return
        super().submit()

    def call(self) -> Callable[[], Any]:
        ctx, actor, jid, text = self.host.ctx, self.host.actor, self.j.id, self.answer.text()
        if not text:
            raise ValidationError("answer", translate("ReviewDialogs", "답변을 입력하십시오."))
        return lambda: rv.answer_justification(ctx, actor, jid, text)


__all__ = [
    "AskDialog",
    "DecideDialog",
    "JustificationAnswerDialog",
    "ResultDialog",
    "ReviewForm",
    "SignDialog",
    "SubmitTextEdit",
    "finding_html",
    "open_items",
    "thread_html",
    "who",
]
