"""The dialogs behind the request detail's buttons (정보주체 요구 처리): 본인 확인, 기간 연장, 열람 완료,
완료, 일부 완료, 분리보관으로 답변, 거절, 취하, the correction notice's 발송 기록, and the 열람 answer.

Each dialog checks what only the form can check (:meth:`ActionDialog.problem`; the OK button waits
while something required is missing) and then emits ``submitted``; the detail runs the use case and
either closes the dialog with the result or shows the use case's Korean error in it, the input kept.
Refusals and partial answers pick a legal ground from the core's list (:func:`grounds_for`), show the
ground's basis, and show the objection sentence the notice will carry.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.context import Actor, AppContext
from privdesk.errors import PrivdeskError
from privdesk.profile import HospitalProfile
from privdesk.rights import decisions
from privdesk.rights.answers import AccessAnswer, asked_labels, objection_text
from privdesk.rights.decisions import VIEWING_METHODS, AccessOutcome, NoticeRow, RefusalGround, grounds_for
from privdesk.rights.requests import RequestDetail, RequestKind
from privdesk.ui.cctv.common import datetime_edit, to_kst_datetime
from privdesk.ui.requests.common import ERROR_STYLE, INFO_STYLE, UNMASKED_STYLE
from privdesk.ui.widgets import DATE_FORMAT, from_date, start_in_first_field, tab_in_form_order, to_date

SEND_METHODS = ("우편", "등기우편", "팩스", "공문", "전자우편", "직접 전달")


def note_box(parent: QWidget, name: str, text: str, lines: int) -> QPlainTextEdit:
    """Long read-only text (a legal basis, the objection sentence): a frameless box of ``lines``
    lines that scrolls if the text is longer, so nothing is clipped at any width."""
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setReadOnly(True)
    box.setPlainText(text)
    box.setFrameShape(QFrame.Shape.NoFrame)
    box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    box.setToolTip(QCoreApplication.translate("Requests", "통지서에 그대로 적힙니다."))
    box.setStyleSheet("QPlainTextEdit { background: #f4f5f7; color: #333; }")
    margins = box.contentsMargins()
    box.setFixedHeight(
        box.fontMetrics().lineSpacing() * lines
        + 2 * round(box.document().documentMargin())
        + margins.top()
        + margins.bottom()
        + 4
    )
    return box


class ActionDialog(QDialog):
    """A form with an error line and OK/Cancel. ``submitted`` fires when the form is complete."""

    submitted = Signal()

    def __init__(
        self, parent: QWidget | None, name: str, title: str, ok_text: str, detail: RequestDetail | None = None
    ) -> None:
        super().__init__(parent)
        self.detail = detail  # the request as the screen showed it (its version goes with the call)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.saving = False
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setDefault(True)  # Enter: this button (nothing while the form is incomplete)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(QCoreApplication.translate("Requests", "취소"))
        cancel.setAutoDefault(False)  # never Enter: it was the default while OK waited for input
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(640)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)
        tab_in_form_order(self.form)  # fields a base class made first are laid out below others
        start_in_first_field(self)
        self.update_ok()

    def info(self, text: str, name: str = "info") -> QLabel:
        note = QLabel(text, self)
        note.setObjectName(name)
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        self.form.addRow(note)
        return note

    def text_edit(self, name: str, height: int = 70) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setFixedHeight(height)
        edit.textChanged.connect(self.update_ok)
        return edit

    def problem(self) -> str:
        """What is still missing, in Korean ("" when the form is complete)."""
        return ""

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        """The use case with the form's values, read now (on the GUI thread), for a background task."""
        raise NotImplementedError

    def add_viewing(self, place: str) -> None:
        """열람 일시·장소·방법·수수료 (the 열람 통지서's fields), tomorrow 10:00 by default."""
        start = clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
        self.viewing_at = datetime_edit(self, clock.to_kst(start).replace(hour=10), "viewingAt")
        self.place = QLineEdit(place, self)
        self.place.setObjectName("viewingPlace")
        self.place.textChanged.connect(self.update_ok)
        self.method = QComboBox(self)
        self.method.setObjectName("viewingMethod")
        self.method.addItems(list(VIEWING_METHODS))
        self.fee = QSpinBox(self)
        self.fee.setObjectName("fee")
        self.fee.setRange(0, 1_000_000)
        self.fee.setSingleStep(100)
        self.fee.setSuffix(QCoreApplication.translate("Requests", " 원"))
        self.form.addRow(QCoreApplication.translate("Requests", "열람 일시"), self.viewing_at)
        self.form.addRow(QCoreApplication.translate("Requests", "열람 장소"), self.place)
        self.form.addRow(QCoreApplication.translate("Requests", "열람 방법"), self.method)
        self.form.addRow(QCoreApplication.translate("Requests", "수수료·우송료"), self.fee)

    def viewing_problem(self) -> str:
        return (
            ""
            if self.place.text().strip()
            else QCoreApplication.translate("Requests", "열람 장소를 입력하십시오.")
        )

    def viewing_outcome(self, note: str = "") -> AccessOutcome:
        return AccessOutcome(
            viewing_at=to_kst_datetime(self.viewing_at.dateTime()),
            viewing_place=self.place.text(),
            viewing_method=self.method.currentText(),
            fee=self.fee.value(),
            note=note,
        )

    @property
    def rid(self) -> int:
        assert self.detail is not None
        return self.detail.id

    @property
    def version(self) -> int:
        assert self.detail is not None
        return self.detail.version

    def update_ok(self) -> None:
        """OK only for a complete form; what is missing is said once the user works in the form
        (a change after it is shown, or OK) — never as an error before anything was done."""
        problem = self.problem()
        self.ok_button.setEnabled(not self.saving and not problem)
        self.message.setText(problem if self.isVisible() else "")

    def _submit(self) -> None:
        problem = self.problem()
        if problem or self.saving:
            self.message.setText(problem)
            return
        self.saving = True
        self.ok_button.setEnabled(False)
        self.message.clear()
        self.submitted.emit()

    def failed(self, exc: PrivdeskError) -> None:
        """The use case refused: say why, keep the input, let the user try again."""
        self.saving = False
        self.ok_button.setEnabled(True)
        self.message.setText(str(exc))


def _title(text: str, d: RequestDetail) -> str:
    return f"{text} — {d.number}"


class VerifyDialog(ActionDialog):
    """본인 확인: the identity (and the agency) checked against the documents."""

    def __init__(self, parent: QWidget | None, d: RequestDetail) -> None:
        super().__init__(parent, "verifyDialog", _title(self.tr("본인 확인"), d), self.tr("본인 확인"), d)
        who = self.tr("{name} ({relation})").format(name=d.requester_name, relation=d.relation_label)
        self.form.addRow(self.tr("요구인"), QLabel(who, self))
        self.form.addRow(self.tr("신분 확인 서류"), QLabel(d.id_document, self))
        if d.row.relation != "self":
            self.form.addRow(
                self.tr("대리 서류"),
                QLabel(self.tr("확인함") if d.proxy_checked else self.tr("확인 안 함"), self),
            )
        self.note = self.text_edit("note", 60)
        self.note.setPlaceholderText(self.tr("선택 — 예: 주민등록증 사진과 얼굴 대조, 위임장 인감 확인"))
        self.form.addRow(self.tr("확인 내용"), self.note)
        self.finish_layout()

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        note, rid, version = self.note.toPlainText(), self.rid, self.version
        return lambda: decisions.verify_identity(ctx, actor, rid, note=note, expected_version=version)


class ExtendDialog(ActionDialog):
    """열람 연기 (법 제35조③): the new due date (at most ``max_days`` later) and the reason. Only a 열람
    request is offered this (the detail's buttons, :func:`decisions.extension_refusal`)."""

    def __init__(self, parent: QWidget | None, d: RequestDetail, max_days: int) -> None:
        super().__init__(parent, "extendDialog", _title(self.tr("열람 연기"), d), self.tr("연기"), d)
        due = d.row.due
        self.max_days = max_days
        self.until = QDateEdit(from_date(due + dt.timedelta(days=max_days)), self)
        self.until.setObjectName("until")
        self.until.setDisplayFormat(DATE_FORMAT)
        self.until.setCalendarPopup(True)
        self.until.setMinimumDate(from_date(due + dt.timedelta(days=1)))
        self.until.setMaximumDate(from_date(due + dt.timedelta(days=max_days)))
        self.reason = self.text_edit("reason", 70)
        self.reason.setPlaceholderText(
            self.tr("연기 통지서에 적힙니다. 예: 다른 사람의 정보를 가리는 데 시간이 걸림")
        )
        self.form.addRow(self.tr("지금 기한"), QLabel(due.isoformat(), self))
        self.form.addRow(self.tr("연기한 기한"), self.until)
        self.form.addRow(self.tr("연기 사유 (필수)"), self.reason)
        self.info(
            self.tr(
                "정당한 사유가 있으면 열람을 한 번, {days}일까지 연기할 수 있습니다(개인정보 보호법 제35조제3항). "
                "연기하면 사유와 이의제기 방법을 적은 열람 연기 통지서를 요구인에게 보내고, 사유가 없어지면 "
                "지체 없이 열람하게 하여야 합니다."
            ).format(days=max_days)
        )
        self.finish_layout()

    def problem(self) -> str:
        return "" if self.reason.toPlainText().strip() else self.tr("연기 사유를 입력하십시오.")

    def values(self) -> tuple[dt.date, str]:
        return to_date(self.until.date()), self.reason.toPlainText()

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        (until, reason), rid, version = self.values(), self.rid, self.version
        return lambda: decisions.extend(
            ctx, actor, rid, new_due=until, reason=reason, expected_version=version
        )


class AccessDialog(ActionDialog):
    """열람 완료: when, where and how the subject sees the data, and the fee (열람 통지서)."""

    def __init__(self, parent: QWidget | None, d: RequestDetail, place: str) -> None:
        super().__init__(parent, "accessDialog", _title(self.tr("열람 완료"), d), self.tr("열람 완료"), d)
        self.add_viewing(place)
        self.note = self.text_edit("note", 50)
        self.note.setPlaceholderText(self.tr("선택 — 예: 사본 3매 교부"))
        self.form.addRow(self.tr("비고"), self.note)
        self.finish_layout()

    def problem(self) -> str:
        return self.viewing_problem()

    def outcome(self) -> AccessOutcome:
        return self.viewing_outcome(self.note.toPlainText())

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        outcome, rid, version = self.outcome(), self.rid, self.version
        return lambda: decisions.complete_access(ctx, actor, rid, outcome, expected_version=version)


class CompleteDialog(ActionDialog):
    """완료: what was done (처리 결과)."""

    def __init__(self, parent: QWidget | None, d: RequestDetail) -> None:
        super().__init__(parent, "completeDialog", _title(self.tr("완료"), d), self.tr("완료"), d)
        self.result_edit = self.text_edit("result", 90)
        self.result_edit.setPlaceholderText(self.tr("결과 통지서에 적힙니다. 예: 주소를 요구한 대로 정정함"))
        self.form.addRow(self.tr("처리 결과 (필수)"), self.result_edit)
        kind = d.row.kind
        if kind == RequestKind.CORRECT:
            self.info(
                self.tr(
                    "완료하면 이 기록을 제공받은 제3자마다 정정 통지가 만들어지고, 환자 기록의 처리정지가 "
                    "풀립니다."
                )
            )
        elif kind in (RequestKind.SUSPEND, RequestKind.WITHDRAW):
            self.info(
                self.tr(
                    "완료하면 정보주체에 처리정지·동의철회가 표시되어, 동의가 필요한 이용(안내·홍보 연락 등)을 "
                    "더 하지 않습니다."
                )
            )
        self.finish_layout()

    def problem(self) -> str:
        return "" if self.result_edit.toPlainText().strip() else self.tr("처리 결과를 입력하십시오.")

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        result, rid, version = self.result_edit.toPlainText(), self.rid, self.version
        return lambda: decisions.complete(ctx, actor, rid, result=result, expected_version=version)


class _GroundDialog(ActionDialog):
    """A ground from the law's list for this kind, its basis, an explanation, and the objection text."""

    def __init__(
        self, parent: QWidget | None, d: RequestDetail, name: str, title: str, ok_text: str, objection: str
    ) -> None:
        super().__init__(parent, name, title, ok_text, d)
        self.grounds: tuple[RefusalGround, ...] = grounds_for(d.row.kind)
        self.ground = QComboBox(self)
        self.ground.setObjectName("ground")
        self.ground.addItem(QCoreApplication.translate("Requests", "— 사유를 고르십시오 —"), "")
        for g in self.grounds:
            self.ground.addItem(g.label, g.code)
            self.ground.setItemData(self.ground.count() - 1, g.basis, Qt.ItemDataRole.ToolTipRole)
        self.ground.currentIndexChanged.connect(lambda _i: self._ground_changed())
        self.ground.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ground.setMinimumContentsLength(30)
        self.basis = note_box(self, "groundBasis", "", 3)
        self.explanation = self.text_edit("explanation", 80)
        self.explanation.setPlaceholderText(
            QCoreApplication.translate(
                "Requests", "통지서에 그대로 적힙니다. 무엇을 왜 할 수 없는지 구체적으로 적으십시오."
            )
        )
        self.objection = note_box(self, "objection", objection, 6)

    def add_ground_rows(self, ground_label: str) -> None:
        self.form.addRow(ground_label, self.ground)
        self.form.addRow(QCoreApplication.translate("Requests", "근거"), self.basis)
        self.form.addRow(QCoreApplication.translate("Requests", "설명 (필수)"), self.explanation)
        self.form.addRow(QCoreApplication.translate("Requests", "이의제기 방법"), self.objection)

    def _ground_changed(self) -> None:
        code = self.ground_code()
        self.basis.setPlainText(next((g.basis for g in self.grounds if g.code == code), ""))
        self.update_ok()

    def ground_code(self) -> str:
        return str(self.ground.currentData() or "")

    def select_ground(self, code: str) -> None:
        self.ground.setCurrentIndex(max(0, self.ground.findData(code)))

    def problem(self) -> str:
        if not self.ground_code():
            return QCoreApplication.translate("Requests", "사유를 목록에서 고르십시오.")
        if not self.explanation.toPlainText().strip():
            return QCoreApplication.translate("Requests", "사유 설명을 입력하십시오.")
        return ""


class RefuseDialog(_GroundDialog):
    """거절: a ground valid for the kind, with its basis, and an explanation (both required)."""

    def __init__(self, parent: QWidget | None, d: RequestDetail, objection: str) -> None:
        super().__init__(parent, d, "refuseDialog", _title(self.tr("거절"), d), self.tr("거절"), objection)
        self.add_ground_rows(self.tr("거절 사유"))
        self.finish_layout()

    def problem(self) -> str:
        if not self.ground_code():
            return self.tr("거절 사유를 목록에서 고르십시오.")
        if not self.explanation.toPlainText().strip():
            return self.tr("거절 사유 설명을 입력하십시오.")
        return ""

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        ground, text, rid, version = (
            self.ground_code(),
            self.explanation.toPlainText(),
            self.rid,
            self.version,
        )
        return lambda: decisions.refuse(
            ctx, actor, rid, ground=ground, explanation=text, expected_version=version
        )


class PartlyDialog(_GroundDialog):
    """일부 완료 (시행령 제42조①): what was done, and what was not on which ground; a partly answered
    열람 also sets the viewing (일시·장소·방법·수수료) like a full one."""

    def __init__(self, parent: QWidget | None, d: RequestDetail, objection: str, place: str = "") -> None:
        super().__init__(
            parent, d, "partlyDialog", _title(self.tr("일부 완료"), d), self.tr("일부 완료"), objection
        )
        self.access = d.row.kind == RequestKind.ACCESS
        self.result_edit = self.text_edit("result", 60)
        self.result_edit.setPlaceholderText(
            self.tr("열람하게 한 부분 — 예: 진료 접수 기록")
            if self.access
            else self.tr("처리한 부분 — 예: 연락처는 정정함")
        )
        self.form.addRow(self.tr("처리 결과 (필수)"), self.result_edit)
        if self.access:
            self.add_viewing(place)
        self.add_ground_rows(self.tr("제한 사유"))
        self.explanation.setPlaceholderText(self.tr("제한하는 부분과 그 사유 — 통지서에 그대로 적힙니다."))
        self.finish_layout()

    def problem(self) -> str:
        if not self.result_edit.toPlainText().strip():
            return self.tr("처리한 부분을 처리 결과에 적으십시오.")
        if self.access and self.viewing_problem():
            return self.viewing_problem()
        return super().problem()

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        result, ground, text = (
            self.result_edit.toPlainText(),
            self.ground_code(),
            self.explanation.toPlainText(),
        )
        viewing = self.viewing_outcome() if self.access else None
        rid, version = self.rid, self.version
        return lambda: decisions.partly_complete(
            ctx,
            actor,
            rid,
            result=result,
            ground=ground,
            explanation=text,
            viewing=viewing,
            expected_version=version,
        )


class SeparationDialog(ActionDialog):
    """분리보관으로 답변: a deletion request on a record the law requires to keep."""

    def __init__(self, parent: QWidget | None, d: RequestDetail, objection: str) -> None:
        super().__init__(
            parent,
            "separationDialog",
            _title(self.tr("분리보관으로 답변"), d),
            self.tr("분리보관으로 답변"),
            d,
        )
        self.info(
            self.tr(
                "환자 명부는 의료법(시행규칙 제15조)에 따라 보존해야 하므로 삭제할 수 없습니다. 이 기록을 별도 "
                "저장소로 옮겨 법정 보존기간 동안만 보관하고 그 밖의 용도로 이용하지 않으며, 보존기간이 끝나면 "
                "파기합니다. 요구는 '일부 완료'로 끝납니다."
            )
        )
        self.explanation = self.text_edit("explanation", 80)
        self.explanation.setPlaceholderText(self.tr("통지서에 적힙니다."))
        self.form.addRow(self.tr("설명 (필수)"), self.explanation)
        self.form.addRow(self.tr("이의제기 방법"), note_box(self, "objection", objection, 6))
        self.finish_layout()

    def problem(self) -> str:
        return "" if self.explanation.toPlainText().strip() else self.tr("설명을 입력하십시오.")

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        text, rid, version = self.explanation.toPlainText(), self.rid, self.version
        return lambda: decisions.answer_by_separation(
            ctx, actor, rid, explanation=text, expected_version=version
        )


class WithdrawDialog(ActionDialog):
    """취하: the requester withdrew the request."""

    def __init__(self, parent: QWidget | None, d: RequestDetail) -> None:
        super().__init__(parent, "withdrawDialog", _title(self.tr("취하"), d), self.tr("취하"), d)
        self.reason = self.text_edit("reason", 70)
        self.reason.setPlaceholderText(self.tr("예: 요구인이 전화로 요구를 철회함"))
        self.form.addRow(self.tr("취하 사유 (필수)"), self.reason)
        self.finish_layout()

    def problem(self) -> str:
        return "" if self.reason.toPlainText().strip() else self.tr("취하 사유를 입력하십시오.")

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        reason, rid, version = self.reason.toPlainText(), self.rid, self.version
        return lambda: decisions.withdraw(ctx, actor, rid, reason=reason, expected_version=version)


class NoticeSentDialog(ActionDialog):
    """발송 기록: the correction notice went to its recipient, by which method."""

    def __init__(self, parent: QWidget | None, n: NoticeRow) -> None:
        super().__init__(parent, "noticeSentDialog", self.tr("정정 통지 발송 기록"), self.tr("기록"))
        self.notice = n
        self.method = QComboBox(self)
        self.method.setObjectName("method")
        self.method.setEditable(True)
        self.method.addItems(list(SEND_METHODS))
        self.method.editTextChanged.connect(lambda _t: self.update_ok())
        self.form.addRow(self.tr("받는 곳"), QLabel(n.recipient, self))
        self.form.addRow(self.tr("통지 방법"), self.method)
        self.finish_layout()

    def problem(self) -> str:
        return "" if self.method.currentText().strip() else self.tr("통지 방법을 입력하십시오.")

    def call(self, ctx: AppContext, actor: Actor) -> Callable[[], Any]:
        method, nid, version = self.method.currentText(), self.notice.id, self.notice.version
        return lambda: decisions.mark_notice_sent(ctx, actor, nid, method=method, expected_version=version)


def action_dialog(
    key: str, parent: QWidget | None, d: RequestDetail, profile: HospitalProfile
) -> ActionDialog:
    """The dialog behind the detail's button ``key`` (see ``requests_detail.ACTIONS``)."""
    objection = objection_text(profile)
    place = " ".join(x for x in (profile.name, profile.department.department) if x)
    if key == "verify":
        return VerifyDialog(parent, d)
    if key == "extend":
        return ExtendDialog(parent, d, profile.extension_max_days)
    if key == "access":
        return AccessDialog(parent, d, place)
    if key == "complete":
        return CompleteDialog(parent, d)
    if key == "partly":
        return PartlyDialog(parent, d, objection, place)
    if key == "separate":
        return SeparationDialog(parent, d, objection)
    if key == "refuse":
        return RefuseDialog(parent, d, objection)
    if key == "withdraw":
        return WithdrawDialog(parent, d)
    raise KeyError(key)


class AccessAnswerDialog(QDialog):
    """열람 답변 보기: what the subject asked to see, from the data (a logged look). Only after the
    identity check (the core refuses before it), and masked as the registry masks; "전체 보기…"
    (``reveal``) asks for a reason and the detail calls the use case, then :meth:`show_full` shows
    the full answer for its seconds and masks it again."""

    reveal = Signal()

    def __init__(self, parent: QWidget | None, answer: AccessAnswer) -> None:
        super().__init__(parent)
        self.setObjectName("accessAnswerDialog")
        self.setWindowTitle(self.tr("열람 답변 — {number}").format(number=answer.number))
        self.masked_answer = answer
        self.full: AccessAnswer | None = None
        layout = QVBoxLayout(self)
        self.view = QTextBrowser(self)
        self.view.setObjectName("answerView")
        layout.addWidget(self.view, 1)
        self.status = QLabel(self)
        self.status.setObjectName("answerStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        self.unmask_button = buttons.addButton(self.tr("전체 보기…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.unmask_button.setObjectName("unmaskAnswerButton")
        self.unmask_button.setAutoDefault(False)
        self.unmask_button.clicked.connect(lambda _c=False: self.reveal.emit())
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.remask_timer = QTimer(self)
        self.remask_timer.setSingleShot(True)
        self.remask_timer.timeout.connect(self.remask)
        self.remask()
        self.resize(820, 680)

    @property
    def is_unmasked(self) -> bool:
        return self.full is not None

    def show_full(self, answer: AccessAnswer, msecs: int) -> None:
        """The unmasked answer (the use case logged the reason), masked again after ``msecs``."""
        self.full = answer
        self.view.setHtml(self.answer_html(answer))
        self.status.setText(
            self.tr("마스킹 해제됨 — {seconds}초 뒤 다시 가립니다").format(seconds=max(0, msecs // 1000))
        )
        self.status.setStyleSheet(UNMASKED_STYLE)
        self.unmask_button.setEnabled(False)
        self.remask_timer.start(max(0, msecs))

    def remask(self) -> None:
        self.remask_timer.stop()
        self.full = None
        self.view.setHtml(self.answer_html(self.masked_answer))
        self.status.setText(
            self.tr(
                "주민등록번호·주소·연락처는 가려서 보입니다. 전체를 보려면 사유를 적으십시오 "
                "(접속기록에 남습니다)."
            )
        )
        self.status.setStyleSheet(INFO_STYLE)
        self.unmask_button.setEnabled(True)

    def done(self, result: int) -> None:
        self.remask()  # nothing stays unmasked behind a closed window
        super().done(result)

    def answer_html(self, a: AccessAnswer) -> str:  # not `render`: QWidget.render() is Qt's
        e = html.escape

        def table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
            head = "".join(f"<th align='left'>{e(h)}</th>" for h in headers)
            body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
            return f"<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>{head}</tr>{body}</table>"

        def h(text: str) -> str:
            return f"<h4>{e(text)}</h4>"

        def p(text: str) -> str:
            return f"<p>{e(text)}</p>"

        title = self.tr("{file} — {name}").format(file=a.file_name, name=a.subject_name)
        parts = [
            f"<h3>{e(title)}</h3>",
            p(self.tr("요구한 사항: {items}").format(items=", ".join(asked_labels(a)))),
        ]
        if a.content:
            parts.append(h(self.tr("개인정보의 항목 및 내용")))
            parts.append(table((self.tr("항목"), self.tr("내용")), [(i.label, i.content) for i in a.content]))
        if a.visits:
            parts.append(h(self.tr("내원 기록")))
            parts.append(
                table(
                    (self.tr("내원일"), self.tr("진료과"), self.tr("목적")),
                    [(v[0].isoformat(), v[1], v[2]) for v in a.visits],
                )
            )
        if a.held_outside:
            parts.append(p(self.tr("내용은 홈페이지 관리 시스템에서 출력하여 첨부합니다.")))
        parts.append(h(self.tr("수집·이용의 목적")))
        parts.append(p(f"{a.purpose} ({a.legal_basis})" if a.legal_basis else a.purpose))
        parts.append(h(self.tr("보유 및 이용 기간")))
        parts.append(p(a.retention))
        if "provision" in a.asked:
            parts.append(h(self.tr("제3자 제공 현황")))
            if a.provisions:
                parts.append(
                    table(
                        (
                            self.tr("제공일"),
                            self.tr("제공받은 자"),
                            self.tr("이용 목적"),
                            self.tr("항목"),
                            self.tr("형태"),
                        ),
                        [
                            (x.disclosed_on.isoformat(), x.recipient, x.recipient_purpose, x.items, x.form)
                            for x in a.provisions
                        ],
                    )
                )
            else:
                parts.append(p(self.tr("제3자에게 제공한 내역이 없습니다.")))
        parts.append(h(self.tr("처리에 동의한 사실 및 내용")))
        parts.append(p(a.consent))
        return "".join(parts)
