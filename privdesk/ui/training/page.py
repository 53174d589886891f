"""The staff training screen (개인정보 보호 교육, 법 제28조①) for the officer and the privacy staff.

The sessions of the chosen year (교육일, 제목, 내부/외부, 시간, 강사, 교재·자료, 이수자 수) with the
attendees of the selected one below; who is overdue for training and since when (never trained:
counted from the account's creation). ``training.manage`` records a session (교육 등록…), records
attendance by picking accounts by name (이수 기록…), corrects the selected session's facts (정정…: the
whole session again with a reason; the original stays, shown as corrected in the detail), cancels an
attendance recorded by mistake (이수 취소…, with a reason) and prints the yearly report (결과 보고서
출력…, through the print preview with a logged reason). ``training.read`` only reads. The use cases check
every permission again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.errors import PrivdeskError
from privdesk.training.api import AccountStatus
from privdesk.training.models import EXTERNAL, INTERNAL
from privdesk.training.printing import print_training
from privdesk.training.usecases import (
    Attendee,
    SessionInput,
    SessionRow,
    account_statuses,
    accounts,
    add_session,
    attend,
    cancel_attendance,
    correct_session,
    list_sessions,
)
from privdesk.ui.dateedit import DateEdit
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import Column, RowTableModel, select_where, selected_row
from privdesk.ui.widgets import bar_button, heading, record_table, rich_detail

RED = "#a00000"
YEARS_BACK = 5
CHANGES = frozenset({"training"})


class SessionsModel(RowTableModel[SessionRow]):
    """교육 회차: one row per session of the year, newest first."""

    CONTEXT = "TrainingSessionsModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("TrainingSessionsModel", "번호"), lambda s: str(s.id), lambda s: s.id, True),
        Column(
            QT_TRANSLATE_NOOP("TrainingSessionsModel", "교육일"),
            lambda s: s.held_on.isoformat(),
            lambda s: s.held_on,
        ),
        Column(QT_TRANSLATE_NOOP("TrainingSessionsModel", "제목"), lambda s: s.title),
        Column(QT_TRANSLATE_NOOP("TrainingSessionsModel", "구분"), lambda s: s.kind_label),
        Column(
            QT_TRANSLATE_NOOP("TrainingSessionsModel", "시간"),
            lambda s: s.hours_text,
            lambda s: s.minutes,
            True,
        ),
        Column(QT_TRANSLATE_NOOP("TrainingSessionsModel", "강사"), lambda s: s.instructor),
        Column(QT_TRANSLATE_NOOP("TrainingSessionsModel", "교재·자료"), lambda s: s.material),
        Column(
            QT_TRANSLATE_NOOP("TrainingSessionsModel", "이수자"),
            lambda s: str(len(s.attendees)),
            lambda s: len(s.attendees),
            True,
        ),
        Column(
            QT_TRANSLATE_NOOP("TrainingSessionsModel", "정정"),
            lambda s: (
                QCoreApplication.translate("TrainingSessionsModel", "정정 {n}회").format(n=s.corrections)
                if s.corrected
                else ""
            ),
            lambda s: s.corrections,
        ),
    )


class OverdueModel(RowTableModel[AccountStatus]):
    """교육 기한이 지난 직원, the most overdue first."""

    CONTEXT = "TrainingOverdueModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("TrainingOverdueModel", "이름(ID)"), lambda s: s.who),
        Column(QT_TRANSLATE_NOOP("TrainingOverdueModel", "부서"), lambda s: s.department),
        Column(
            QT_TRANSLATE_NOOP("TrainingOverdueModel", "마지막 이수"),
            lambda s: (
                s.last_trained.isoformat()
                if s.last_trained
                else QCoreApplication.translate("TrainingOverdueModel", "이수 기록 없음")
            ),
            lambda s: s.last_trained.isoformat() if s.last_trained else "",
        ),
        Column(
            QT_TRANSLATE_NOOP("TrainingOverdueModel", "기한"), lambda s: s.due.isoformat(), lambda s: s.due
        ),
        Column(
            QT_TRANSLATE_NOOP("TrainingOverdueModel", "지난 일수"),
            lambda s: QCoreApplication.translate("TrainingOverdueModel", "{n}일").format(n=s.overdue_days),
            lambda s: s.overdue_days,
            True,
        ),
    )


class _Form(QDialog):
    """A dialog whose OK runs one use case in the background; the error stays in the dialog."""

    done_with = Signal(object)

    def __init__(self, page: TrainingPage, name: str, title: str) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
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
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("TrainingForm", "저장")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("TrainingForm", "취소")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def line(self, name: str, text: str = "", placeholder: str = "") -> QLineEdit:
        e = QLineEdit(text, self)
        e.setObjectName(name)
        e.setPlaceholderText(placeholder)
        return e

    def call(self) -> Callable[[], Any]:
        raise NotImplementedError

    def submit(self) -> None:
        try:
            fn = self.call()
        except PrivdeskError as exc:
            self._failed(exc)
            return
        self.buttons.setEnabled(False)
        self.page.host.runner.run(fn, owner=self, on_done=self._done, on_error=self._failed, changes=CHANGES)

    def _done(self, result: Any) -> None:
        self.done_with.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if isinstance(exc, PrivdeskError):
            self.error.setText(str(exc))
            self.error.show()
            return True
        return False


class SessionDialog(_Form):
    """교육 등록: the day, title, 내부/외부, hours, material and instructor."""

    def __init__(self, page: TrainingPage) -> None:
        super().__init__(page, "sessionDialog", QCoreApplication.translate("TrainingForm", "교육 등록"))
        self.held_on = DateEdit(self, clock.today_kst(), name="heldOn", label=self.tr("교육일"))
        self.title_edit = self.line("title", "", self.tr("예: 2026년 개인정보 보호 정기 교육"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("내부"), INTERNAL)
        self.kind.addItem(self.tr("외부"), EXTERNAL)
        self.hours = self.line("hours", "2", self.tr("시간 (예: 1.5)"))
        self.material = self.line("material", "", self.tr("교재·자료 (파일명, 문서번호)"))
        self.instructor = self.line("instructor", "", self.tr("강사"))
        for label, w in (
            (self.tr("교육일"), self.held_on),
            (self.tr("제목"), self.title_edit),
            (self.tr("구분"), self.kind),
            (self.tr("시간"), self.hours),
            (self.tr("교재·자료"), self.material),
            (self.tr("강사"), self.instructor),
        ):
            self.form.addRow(label, w)
        self.layout_.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    def call(self) -> Callable[[], Any]:
        data = SessionInput(
            self.held_on.iso_text(),
            self.title_edit.text(),
            str(self.kind.currentData()),
            self.hours.text(),
            self.material.text(),
            self.instructor.text(),
        )
        ctx, actor = self.page.host.ctx, self.page.host.actor
        return lambda: add_session(ctx, actor, data)


class CorrectDialog(SessionDialog):
    """정정: the selected session's facts, to correct, and the reason (required by the use case)."""

    def __init__(self, page: TrainingPage, session: SessionRow) -> None:
        super().__init__(page)
        self.setObjectName("correctDialog")
        self.setWindowTitle(
            QCoreApplication.translate("TrainingForm", "교육 회차 {n}번 정정").format(n=session.id)
        )
        self.session = session
        self.held_on.set_date(session.held_on)
        self.title_edit.setText(session.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(session.kind)))
        self.hours.setText(f"{session.minutes / 60:g}")
        self.material.setText(session.material)
        self.instructor.setText(session.instructor)
        self.reason = self.line("reason", "", self.tr("예: 교육일 오기 정정"))
        self.form.addRow(self.tr("정정 사유"), self.reason)
        note = QLabel(
            self.tr("원래 기록은 지워지지 않고 '정정됨'으로 남습니다. 이수 기록은 그대로입니다."), self
        )
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)

    def call(self) -> Callable[[], Any]:
        data = SessionInput(
            self.held_on.iso_text(),
            self.title_edit.text(),
            str(self.kind.currentData()),
            self.hours.text(),
            self.material.text(),
            self.instructor.text(),
        )
        ctx, actor, sid, why = self.page.host.ctx, self.page.host.actor, self.session.id, self.reason.text()
        return lambda: correct_session(ctx, actor, sid, data, reason=why)


class CancelDialog(_Form):
    """이수 취소: tick the attendance recorded by mistake, give the reason."""

    def __init__(self, page: TrainingPage, session: SessionRow) -> None:
        super().__init__(page, "cancelDialog", QCoreApplication.translate("TrainingForm", "이수 기록 취소"))
        self.session = session
        self.form.addRow(
            self.tr("교육"), QLabel(f"{session.id}. {session.held_on.isoformat()} {session.title}", self)
        )
        self.people = QListWidget(self)
        self.people.setObjectName("people")
        for a in session.attendees:
            item = QListWidgetItem(f"{a.name} ({a.login})", self.people)
            item.setData(Qt.ItemDataRole.UserRole, a.login)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.layout_.insertWidget(1, self.people)
        note = QLabel(
            self.tr("잘못 기록된 이수자에 표시하십시오. 기록은 '취소됨'으로 남고 이수로 세지 않습니다."), self
        )
        note.setWordWrap(True)
        self.layout_.insertWidget(2, note)
        reasons = QFormLayout()
        self.reason = self.line("reason", "", self.tr("예: 불참자 잘못 기록"))
        reasons.addRow(self.tr("취소 사유"), self.reason)
        self.layout_.insertLayout(3, reasons)
        self.layout_.addWidget(self.buttons)
        self.resize(480, 420)

    def check(self, login: str) -> None:
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == login:
                item.setCheckState(Qt.CheckState.Checked)
                return
        raise KeyError(login)

    def chosen(self) -> list[str]:
        return [
            str(self.people.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]

    def call(self) -> Callable[[], Any]:
        logins = self.chosen()
        ctx, actor, sid, why = self.page.host.ctx, self.page.host.actor, self.session.id, self.reason.text()
        return lambda: cancel_attendance(ctx, actor, sid, logins, reason=why)


class AttendDialog(_Form):
    """이수 기록: tick the accounts (by name) that attended the session."""

    def __init__(self, page: TrainingPage, session: SessionRow, people: Sequence[Attendee]) -> None:
        super().__init__(page, "attendDialog", QCoreApplication.translate("TrainingForm", "이수 기록"))
        self.session = session
        self.form.addRow(
            self.tr("교육"), QLabel(f"{session.id}. {session.held_on.isoformat()} {session.title}", self)
        )
        self.people = QListWidget(self)
        self.people.setObjectName("people")
        done = {a.account_id for a in session.attendees}
        for a in people:
            text = f"{a.name} ({a.login})" + (f" — {a.department}" if a.department else "")
            item = QListWidgetItem(text, self.people)
            item.setData(Qt.ItemDataRole.UserRole, a.login)
            if a.account_id in done:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Checked)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        self.layout_.insertWidget(1, self.people)
        note = QLabel(self.tr("이수한 직원에 표시하십시오. 이미 기록된 직원은 흐리게 표시됩니다."), self)
        note.setWordWrap(True)
        self.layout_.insertWidget(2, note)
        self.layout_.addWidget(self.buttons)
        self.resize(480, 480)

    def check(self, login: str) -> None:
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == login:
                item.setCheckState(Qt.CheckState.Checked)
                return
        raise KeyError(login)

    def chosen(self) -> list[str]:
        out = []
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsEnabled and item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def call(self) -> Callable[[], Any]:
        logins = self.chosen()
        ctx, actor, sid = self.page.host.ctx, self.page.host.actor, self.session.id
        return lambda: attend(ctx, actor, sid, logins)


class TrainingPage(Page):
    """개인정보 보호 교육 (training.read; recording and printing need training.manage)."""

    SHOWS: ClassVar[frozenset[str]] = frozenset({"training", "accounts"})

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("trainingPage")
        self.may_manage = host.actor.may(Permission.TRAINING_MANAGE)
        self.dialog: QDialog | None = None
        self.print_job: object | None = None
        self.people: list[Attendee] = []
        self._select_next: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("개인정보 보호 교육"), self))
        intro = QLabel(
            self.tr(
                "개인정보를 처리하는 직원의 정기 교육(개인정보 보호법 제28조)입니다. 교육 회차와 이수자를 "
                "기록하면, 교육 주기가 지난 직원이 아래와 오늘 할 일에 나옵니다."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.add_button = bar_button(self, bar, "addSessionButton", self.tr("교육 등록…"), self.add_session)
        self.attend_button = bar_button(
            self, bar, "attendButton", self.tr("이수 기록…"), self.record_attendance
        )
        self.correct_button = bar_button(self, bar, "correctButton", self.tr("정정…"), self.correct_session)
        self.cancel_button = bar_button(
            self, bar, "cancelAttendanceButton", self.tr("이수 취소…"), self.cancel_attendance
        )
        self.print_button = bar_button(
            self, bar, "printButton", self.tr("결과 보고서 출력…"), self.print_report
        )
        for b in (
            self.add_button,
            self.attend_button,
            self.correct_button,
            self.cancel_button,
            self.print_button,
        ):
            b.setVisible(self.may_manage)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("연도"), self))
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("yearCombo")
        this_year = clock.today_kst().year
        for y in range(this_year, this_year - YEARS_BACK - 1, -1):
            self.year_combo.addItem(str(y), y)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.year_combo)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.sessions_model = SessionsModel(self)
        self.sessions_table = record_table(splitter, "sessionsTable", self.sessions_model, fit_contents=True)
        self.sessions_table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        splitter.addWidget(self.sessions_table)
        self.detail = rich_detail(splitter, "sessionDetail")
        box = QWidget(splitter)
        lower = QVBoxLayout(box)
        lower.setContentsMargins(0, 0, 0, 0)
        self.overdue_title = heading(self.tr("교육 기한이 지난 직원"), box)
        lower.addWidget(self.overdue_title)
        self.overdue_model = OverdueModel(self)
        self.overdue_table = record_table(box, "overdueTable", self.overdue_model, fit_contents=True)
        lower.addWidget(self.overdue_table)
        splitter.addWidget(box)
        splitter.setSizes([260, 140, 220])
        layout.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        self._update_buttons()

    def year(self) -> int:
        return int(self.year_combo.currentData())

    # -- loading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, year, manage = self.host.ctx, self.host.actor, self.year(), self.may_manage

        def load() -> tuple[list[SessionRow], list[AccountStatus], list[Attendee]]:
            people = accounts(ctx, actor) if manage else []
            return list_sessions(ctx, actor, year), account_statuses(ctx, actor, overdue_only=True), people

        self.host.runner.run(load, owner=self, on_done=self._loaded)

    def _loaded(self, result: tuple[list[SessionRow], list[AccountStatus], list[Attendee]]) -> None:
        sessions, overdue, people = result
        keep = self.selected()
        self.people = people
        self.sessions_model.set_rows(sessions)
        self.overdue_model.set_rows(overdue)
        self.overdue_title.setText(self.tr("교육 기한이 지난 직원 {n}명").format(n=len(overdue)))
        attended = sum(len(s.attendees) for s in sessions)
        self.status.setText(
            self.tr("{year}년 교육 {n}회, 이수 기록 {a}건 — 기한이 지난 직원 {late}명").format(
                year=self.year(), n=len(sessions), a=attended, late=len(overdue)
            )
        )
        target = self._select_next or (keep.id if keep is not None else None)
        if target is not None and select_where(
            self.sessions_table, self.sessions_model, lambda s: s.id == target
        ):
            self._select_next = None
        elif sessions and self.selected() is None:
            self.sessions_table.selectRow(0)
        self._selection_changed()

    def selected(self) -> SessionRow | None:
        return selected_row(self.sessions_table, self.sessions_model)

    def _update_buttons(self) -> None:
        s = self.selected()
        self.attend_button.setEnabled(s is not None)
        self.correct_button.setEnabled(s is not None)
        self.cancel_button.setEnabled(s is not None and bool(s.attendees))

    def _selection_changed(self) -> None:
        self._update_buttons()
        s = self.selected()
        if s is None:
            self.detail.setText(self.tr("교육 회차를 고르면 이수자가 여기에 나옵니다."))
            return
        names = ", ".join(escape(f"{a.name} ({a.department or a.login})") for a in s.attendees)
        parts = [
            f"<b>{escape(s.title)}</b> — {escape(s.held_on.isoformat())}, {escape(s.kind_label)}, "
            f"{escape(s.hours_text)}",
            self.tr("이수자 {n}명: {names}").format(n=len(s.attendees), names=names or "-"),
        ]
        for old, new in zip(s.history, s.history[1:], strict=False):
            parts.append(
                "<span style='color: #777;'>"
                + self.tr("정정됨: {facts} — {at} {by}, 사유: {reason}").format(
                    facts=escape(old.facts()),
                    at=escape(clock.fmt_datetime(new.recorded_at)),
                    by=escape(new.recorded_by),
                    reason=escape(new.reason or ""),
                )
                + "</span>"
            )
        for c in s.cancelled:
            parts.append(
                "<span style='color: #777;'>"
                + self.tr("이수 취소: {who} — {at} {by}, 사유: {reason}").format(
                    who=escape(f"{c.attendee.name} ({c.attendee.login})"),
                    at=escape(clock.fmt_datetime(c.cancelled_at)),
                    by=escape(c.cancelled_by),
                    reason=escape(c.reason),
                )
                + "</span>"
            )
        self.detail.setText("<br>".join(parts))

    # -- actions --------------------------------------------------------------------------------------
    def _open(self, dialog: _Form) -> _Form:
        dialog.done_with.connect(self._changed)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed(self, result: object) -> None:
        row = result[0] if isinstance(result, tuple) else result
        if isinstance(row, SessionRow):
            self._select_next = row.id
            if row.held_on.year != self.year():
                self.year_combo.setCurrentIndex(self.year_combo.findData(row.held_on.year))

    def add_session(self) -> _Form:
        return self._open(SessionDialog(self))

    def record_attendance(self) -> _Form | None:
        s = self.selected()
        if s is None:
            return None
        return self._open(AttendDialog(self, s, self.people))

    def correct_session(self) -> _Form | None:
        s = self.selected()
        if s is None:
            return None
        return self._open(CorrectDialog(self, s))

    def cancel_attendance(self) -> _Form | None:
        s = self.selected()
        if s is None or not s.attendees:
            return None
        return self._open(CancelDialog(self, s))

    def print_report(self, reason: str | None = None) -> object | None:
        """개인정보 보호 교육 실시 결과 of the chosen year through the print preview (reason asked, logged)."""
        from privdesk.ui.cctv.common import PrintJob

        ctx, actor, year = self.host.ctx, self.host.actor, self.year()
        job = PrintJob.start(
            self.host,
            self,
            self.tr("{year}년 개인정보 보호 교육 실시 결과").format(year=year),
            f"training-{year}.pdf",
            lambda out, _on_page, why: print_training(ctx, actor, year, out, reason=why),
            reason=reason,
        )
        self.print_job = job
        return job


def training_page(host: PageHost, parent: QWidget | None = None) -> TrainingPage:
    return TrainingPage(host, parent)
