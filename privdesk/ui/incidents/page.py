"""The breach register screen (유출 등 사고 대장): the incidents on their 72-hour clock and one incident's
facts, duties, notices and history.

Open incidents come first, the most urgent on top (:func:`privdesk.incidents.register.list_incidents`);
the 통지 and 신고 cells say how many hours are left or how late, red when late (also when done late),
amber within 24 hours. The officer and the privacy staff (``incident.handle``) register an
incident, add the people affected from the data, record the notices sent and print the letters,
the 신고서 and the record; the officer (``incident.approve``) closes; the auditor
(``incident.read``) reads. The use cases check every permission again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.complaints.desk import linked_to
from privdesk.errors import PrivdeskError, ValidationError
from privdesk.files import Output
from privdesk.incidents import affected, printing, register, rules
from privdesk.incidents.register import IncidentDetail, IncidentInput, IncidentRow
from privdesk.incidents.rules import DutyState, Urgency
from privdesk.ui import messages
from privdesk.ui.cctv.common import PrintJob
from privdesk.ui.clocks import CLOCK_ROLES, clock_colour
from privdesk.ui.dateedit import DateEdit
from privdesk.ui.datetimeedit import DateTimeEdit
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import Column, RowTableModel, select_where, selected_row
from privdesk.ui.tasks import PRINTED, Task
from privdesk.ui.widgets import (
    ask_reason,
    bar_button,
    heading,
    record_table,
    rich_detail,
    start_in_first_field,
)

CTX = "IncidentsModel"
OPEN, ALL = "open", "all"
RED, AMBER, GREEN, GREY = "#a00000", "#8a4b00", "#1b5e20", "#666666"


def duty_cell(d: DutyState, now: dt.datetime) -> str:
    """``41시간 남음``, ``5시간 지남``, ``완료``, ``완료(3시간 늦음)``, ``해당 없음`` — short for the table."""
    if not d.applies:
        return "해당 없음"
    late = d.late_by(now)
    if d.done:
        return f"완료 ({rules.hours_text(late)} 늦음)" if late else "완료"
    if late is not None:
        return f"{rules.hours_text(late)} 지남"
    return f"{rules.hours_text(d.due - now)} 남음"


def colour(u: Urgency) -> str:
    return {Urgency.LATE: RED, Urgency.SOON: AMBER, Urgency.DONE: GREEN}.get(u, "#333333")


class IncidentsModel(RowTableModel[IncidentRow]):
    """The register's rows, in the order the use case gives them."""

    CONTEXT = CTX
    COL_NUMBER, COL_LEARNT, COL_KIND, COL_PEOPLE, COL_NOTIFY, COL_REPORT, COL_STATE = range(7)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("IncidentsModel", "사고 번호"), lambda r: r.number),
        Column(
            QT_TRANSLATE_NOOP("IncidentsModel", "인지 일시"),
            lambda r: clock.fmt_datetime(r.learnt_at),
            lambda r: r.learnt_at,
        ),
        Column(QT_TRANSLATE_NOOP("IncidentsModel", "유형"), lambda r: r.kind_label),
        Column(
            QT_TRANSLATE_NOOP("IncidentsModel", "정보주체"),
            lambda r: f"{r.affected:,}",
            lambda r: r.affected,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("IncidentsModel", "통지 (72시간)"), lambda r: duty_cell(r.notify, clock.now())
        ),
        Column(
            QT_TRANSLATE_NOOP("IncidentsModel", "신고 (72시간)"), lambda r: duty_cell(r.report, clock.now())
        ),
        Column(QT_TRANSLATE_NOOP("IncidentsModel", "상태"), lambda r: r.state_label),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in CLOCK_ROLES:
            r = self.row_object(index.row())
            if r.state != register.OPEN:
                return clock_colour(role, closed=True, overdue=False, due_soon=False, clock_cell=False)
            now = clock.now()
            duty = {self.COL_NOTIFY: r.notify, self.COL_REPORT: r.report}.get(index.column())
            u = duty.urgency(now) if duty is not None else r.urgency(now)
            return clock_colour(
                role,
                closed=False,
                overdue=u == Urgency.LATE,
                due_soon=u == Urgency.SOON,
                clock_cell=duty is not None,
            )
        return super().data(index, role)


# -- dialogs --------------------------------------------------------------------------------------------
class _Form(QDialog):
    """A dialog whose OK runs one use case in the background; the error stays in the dialog."""

    done_with = Signal(object)
    CHANGES: ClassVar[frozenset[str]] = frozenset({"incidents"})  # what the use case changes

    def __init__(self, page: IncidentsPage, name: str) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName(name)
        self.layout_ = QVBoxLayout(self)
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
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("IncidentForm", "저장")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("IncidentForm", "취소")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.buttons)
        start_in_first_field(self)  # the cursor starts in the first field, not on 저장
        self.resize(560, self.sizeHint().height())

    def text_edit(self, name: str, height: int = 70) -> QPlainTextEdit:
        e = QPlainTextEdit(self)
        e.setObjectName(name)
        e.setFixedHeight(height)
        return e

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
        self.page.host.runner.run(
            fn, owner=self, on_done=self._done, on_error=self._failed, changes=self.CHANGES
        )

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


class OpenDialog(_Form):
    """사고 등록: the facts as reported; the clock starts at the learnt-at time (KST)."""

    def __init__(self, page: IncidentsPage) -> None:
        super().__init__(page, "openIncidentDialog")
        self.setWindowTitle(self.tr("유출 사고 등록"))
        self.learnt = DateTimeEdit(self, clock.now(), name="learnt", label=self.tr("인지 일시"))
        self.happened = DateTimeEdit(
            self,
            name="happened",
            label=self.tr("발생 일시"),
            optional=True,
            placeholder=self.tr("YYYY-MM-DD HH:MM — 모르면 비워 두십시오"),
        )
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for code, label in rules.KIND_LABELS.items():
            self.kind.addItem(label, code)
        self.reporter = self.line("reporter", "", self.tr("부서·이름"))
        self.summary = self.text_edit("summary", 80)
        self.items = self.line("items", "", self.tr("예: 이름, 주민등록번호, 주소"))
        self.files = QListWidget(self)  # the personal-information files, by name, to tick
        self.files.setObjectName("files")
        for f in page.host.ctx.profile.files:
            item = QListWidgetItem(f.name, self.files)
            item.setData(Qt.ItemDataRole.UserRole, f.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.files.setFixedHeight(min(110, 22 * max(1, self.files.count()) + 6))
        self.containment = self.text_edit("containment", 60)
        self.outside = QCheckBox(self.tr("외부로부터의 불법적인 접근(해킹 등)"), self)
        self.outside.setObjectName("outside")
        for label, w in (
            (self.tr("인지 일시 (한국 시간)"), self.learnt),
            (self.tr("발생 일시"), self.happened),
            (self.tr("유형"), self.kind),
            (self.tr("최초 보고자"), self.reporter),
            (self.tr("경위"), self.summary),
            (self.tr("유출 항목"), self.items),
            (self.tr("개인정보파일"), self.files),
            (self.tr("최초 대응조치"), self.containment),
            ("", self.outside),
        ):
            self.form.addRow(label, w)
        note = QLabel(
            self.tr(
                "경위와 조치에는 주민등록번호·전화번호 같은 개인정보를 적지 마십시오. 기한은 인지 일시부터 "
                "72시간입니다."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.layout_.addWidget(note)
        self.finish_layout()

    def checked_files(self) -> list[str]:
        return [
            str(self.files.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.files.count())
            if self.files.item(i).checkState() == Qt.CheckState.Checked
        ]

    def call(self) -> Callable[[], Any]:
        learnt = self.learnt.instant("learnt_at")
        if learnt is None:
            raise ValidationError(
                "learnt_at", self.tr("인지 일시: 언제 알게 되었는지 입력하십시오 (예: 2026-12-05 14:30).")
            )
        happened = self.happened.instant("happened_at")
        data = IncidentInput(
            learnt_at=learnt,
            happened_at=happened,
            kind=str(self.kind.currentData()),
            reporter=self.reporter.text(),
            summary=self.summary.toPlainText(),
            items=self.items.text(),
            files=self.checked_files(),
            containment=self.containment.toPlainText(),
            outside_access=self.outside.isChecked(),
        )
        ctx, actor = self.page.host.ctx, self.page.host.actor
        return lambda: register.open_incident(ctx, actor, data)


class AffectDialog(_Form):
    """정보주체 추가: chart numbers, an export's access-log entry, or an account's accesses."""

    MODES = ("charts", "export", "account", "cctv")

    def __init__(self, page: IncidentsPage, number: str) -> None:
        super().__init__(page, "affectDialog")
        self.setWindowTitle(self.tr("유출된 정보주체 추가 — {number}").format(number=number))
        self.number = number
        self.mode = QComboBox(self)
        self.mode.setObjectName("mode")
        for code, label in zip(
            self.MODES,
            (
                self.tr("차트번호 목록"),
                self.tr("내보내기 접속기록 순번"),
                self.tr("계정의 접근 기록"),
                self.tr("CCTV 열람 청구"),
            ),
            strict=True,
        ):
            self.mode.addItem(label, code)
        self.charts = self.text_edit("charts", 120)
        self.charts.setPlaceholderText(self.tr("한 줄에 차트번호 하나"))
        self.seq = self.line("exportSeq", "", self.tr("접속기록 화면의 순번"))
        self.login = self.line("login", "", self.tr("아이디"))
        self.cctv = self.line("cctv", "", self.tr("접수번호, 쉼표로 여러 개 (예: CR-2026-0007)"))
        today = clock.today_kst()
        self.first = DateEdit(self, today, name="first", label=self.tr("기간 (첫날)"))
        self.last = DateEdit(self, today, name="last", label=self.tr("기간 (마지막 날)"))
        self.form.addRow(self.tr("찾는 방법"), self.mode)
        self.form.addRow(self.tr("차트번호"), self.charts)
        self.form.addRow(self.tr("순번"), self.seq)
        self.form.addRow(self.tr("계정"), self.login)
        self.form.addRow(self.tr("CCTV 열람 청구"), self.cctv)
        self.form.addRow(self.tr("기간 (첫날)"), self.first)
        self.form.addRow(self.tr("기간 (마지막 날)"), self.last)
        self.mode.currentIndexChanged.connect(lambda _i: self._mode_changed())
        self._mode_changed()
        self.finish_layout()

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        for w, visible in (
            (self.charts, mode == "charts"),
            (self.seq, mode == "export"),
            (self.login, mode == "account"),
            (self.cctv, mode == "cctv"),
            (self.first, mode == "account"),
            (self.last, mode == "account"),
        ):
            w.setVisible(visible)
            lbl = self.form.labelForField(w)
            if lbl is not None:
                lbl.setVisible(visible)

    def call(self) -> Callable[[], Any]:
        ctx, actor, number, mode = (
            self.page.host.ctx,
            self.page.host.actor,
            self.number,
            self.mode.currentData(),
        )
        if mode == "charts":
            charts = affected.read_charts(self.charts.toPlainText())
            return lambda: affected.affect_charts(ctx, actor, number, charts)
        if mode == "export":
            if not self.seq.text().strip().isdigit():
                raise ValidationError("seq", "내보내기 접속기록의 순번(숫자)을 입력하십시오.")
            seq = int(self.seq.text().strip())
            return lambda: affected.affect_export(ctx, actor, number, seq)
        if mode == "cctv":
            ids = affected.read_cctv(self.cctv.text())
            return lambda: affected.affect_cctv(ctx, actor, number, ids)
        first, last = self.first.date("first"), self.last.date("last")
        if first is None or last is None:
            raise ValidationError(
                "first" if first is None else "last", "기간의 첫날과 마지막 날을 입력하십시오."
            )
        login = self.login.text()
        return lambda: affected.affect_account(ctx, actor, number, login, first, last)


class SentDialog(_Form):
    """통지·신고 기록: what was sent, how, when, to how many people."""

    def __init__(self, page: IncidentsPage, number: str) -> None:
        super().__init__(page, "sentDialog")
        self.setWindowTitle(self.tr("보낸 통지·신고 기록 — {number}").format(number=number))
        self.number = number
        self.duty = QComboBox(self)
        self.duty.setObjectName("duty")
        for code, label in rules.DUTY_LABELS.items():
            self.duty.addItem(label, code)
        self.channel = QComboBox(self)
        self.channel.setObjectName("channel")
        self.people = QSpinBox(self)
        self.people.setObjectName("people")
        self.people.setRange(0, 10_000_000)
        self.at = DateTimeEdit(self, clock.now(), name="sentAt", label=self.tr("보낸 일시"))
        self.note = self.line("note")
        for label, w in (
            (self.tr("의무"), self.duty),
            (self.tr("방법·기관"), self.channel),
            (self.tr("통지한 인원"), self.people),
            (self.tr("보낸 일시 (한국 시간)"), self.at),
            (self.tr("메모"), self.note),
        ):
            self.form.addRow(label, w)
        self.duty.currentIndexChanged.connect(lambda _i: self._duty_changed())
        self._duty_changed()
        self.finish_layout()

    def _duty_changed(self) -> None:
        self.channel.clear()
        notify = self.duty.currentData() == rules.Duty.NOTIFY
        for c in rules.NOTIFY_CHANNELS if notify else rules.REPORT_CHANNELS:
            self.channel.addItem(rules.CHANNEL_LABELS[c], str(c))
        self.people.setEnabled(notify)

    def call(self) -> Callable[[], Any]:
        at = self.at.instant("sent_at")
        if at is None:
            raise ValidationError(
                "sent_at", self.tr("보낸 일시: 언제 보냈는지 입력하십시오 (예: 2026-12-05 14:30).")
            )
        ctx, actor, number = self.page.host.ctx, self.page.host.actor, self.number
        duty, channel, people, note = (
            str(self.duty.currentData()),
            str(self.channel.currentData()),
            self.people.value(),
            self.note.text(),
        )
        return lambda: register.mark_sent(
            ctx, actor, number, duty=duty, channel=channel, sent_at=at, people=people, note=note
        )


class CloseDialog(_Form):
    """종결: the cause and the measures, approved by the officer."""

    def __init__(self, page: IncidentsPage, row: IncidentRow) -> None:
        super().__init__(page, "closeDialog")
        self.setWindowTitle(self.tr("사고 종결 — {number}").format(number=row.number))
        self.row = row
        self.cause = self.text_edit("cause")
        self.measures = self.text_edit("measures")
        self.form.addRow(self.tr("원인"), self.cause)
        self.form.addRow(self.tr("재발 방지 등 조치"), self.measures)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("종결 승인"))
        self.finish_layout()

    def call(self) -> Callable[[], Any]:
        ctx, actor, row = self.page.host.ctx, self.page.host.actor, self.row
        cause, measures = self.cause.toPlainText(), self.measures.toPlainText()
        return lambda: register.close_incident(
            ctx, actor, row.number, cause=cause, measures=measures, expected_version=row.version
        )


class RemoveDialog(_Form):
    """정보주체 제외: patients added by mistake, by chart number, with the reason (kept in the history)."""

    def __init__(self, page: IncidentsPage, number: str) -> None:
        super().__init__(page, "removeDialog")
        self.setWindowTitle(self.tr("잘못 추가한 정보주체 제외 — {number}").format(number=number))
        self.number = number
        self.charts = self.text_edit("charts", 100)
        self.charts.setPlaceholderText(self.tr("한 줄에 차트번호 하나"))
        self.reason = self.line("reason", "", self.tr("예: 수신처 확인 결과 명단에 없던 환자"))
        self.form.addRow(self.tr("차트번호"), self.charts)
        self.form.addRow(self.tr("제외 사유"), self.reason)
        self.finish_layout()

    def call(self) -> Callable[[], Any]:
        ctx, actor, number = self.page.host.ctx, self.page.host.actor, self.number
        charts, reason = affected.read_charts(self.charts.toPlainText()), self.reason.text()
        return lambda: affected.remove_charts(ctx, actor, number, charts, reason)


# -- the page -------------------------------------------------------------------------------------------
class IncidentsPage(Page):
    """유출 등 사고 대장 (incident.read; acting needs incident.handle, closing incident.approve)."""

    SHOWS = frozenset({"incidents", "complaints"})  # and the complaints linked to each

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("incidentsPage")
        self.dialog: QDialog | QMessageBox | None = None
        self.print_job: PrintJob | None = None
        self.current: IncidentDetail | None = None
        self._select_next: int | None = None
        actor = host.actor
        self.may_handle = actor.may(Permission.INCIDENT_HANDLE)
        self.may_approve = actor.may(Permission.INCIDENT_APPROVE)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("유출 등 사고 대장"), self))
        intro = QLabel(
            self.tr(
                "개인정보가 유출되었음을 알게 된 때부터 72시간 안에 정보주체에게 알리고, 1,000명 이상이거나 "
                "민감·고유식별정보가 포함되었거나 외부의 불법 접근이면 개인정보보호위원회·KISA에 신고합니다 "
                "(개인정보 보호법 제34조)."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        layout.addWidget(intro)

        bar = QHBoxLayout()  # the work on an incident
        self.new_button = self._button(bar, "newIncidentButton", self.tr("사고 등록…"), self.new_incident)
        self.affect_button = self._button(bar, "affectButton", self.tr("정보주체 추가…"), self.add_people)
        self.remove_button = self._button(bar, "removeButton", self.tr("정보주체 제외…"), self.remove_people)
        self.sent_button = self._button(bar, "sentButton", self.tr("통지·신고 기록…"), self.record_sent)
        self.close_button = self._button(bar, "closeIncidentButton", self.tr("종결…"), self.close_incident)
        papers = QHBoxLayout()  # its papers and files (a second row: one row was wider than 1280 px)
        papers_label = QLabel(self.tr("출력·내보내기:"), self)
        papers.addWidget(papers_label)
        self.letters_button = self._button(
            papers, "lettersButton", self.tr("통지서…"), lambda: self.print_paper("letters")
        )
        self.sms_button = self._button(papers, "smsButton", self.tr("문자 발송 CSV…"), self.choose_sms_file)
        self.homepage_button = self._button(
            papers, "homepageButton", self.tr("홈페이지 게시문…"), self.show_homepage
        )
        self.form_button = self._button(
            papers, "reportFormButton", self.tr("신고서…"), lambda: self.print_paper("form")
        )
        self.record_button = self._button(
            papers, "recordButton", self.tr("처리 기록…"), lambda: self.print_paper("record")
        )
        self.register_button = self._button(
            papers, "registerButton", self.tr("연간 대장…"), lambda: self.print_register()
        )
        papers.addStretch(1)
        for b in (
            self.new_button,
            self.affect_button,
            self.remove_button,
            self.sent_button,
            self.letters_button,
            self.form_button,
            self.record_button,
            self.sms_button,
            self.homepage_button,
        ):
            b.setVisible(self.may_handle)
        papers_label.setVisible(True)
        self.close_button.setVisible(self.may_approve)
        bar.addStretch(1)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("filterCombo")
        self.filter_combo.addItem(self.tr("대응 중인 사고"), OPEN)
        self.filter_combo.addItem(self.tr("전체 (종결 포함)"), ALL)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.filter_combo)
        layout.addLayout(bar)
        layout.addLayout(papers)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = IncidentsModel(self)
        self.table = record_table(splitter, "incidentsTable", self.model, fit_contents=True, wrap=False)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        splitter.addWidget(self.table)
        self.detail_label = rich_detail(splitter, "incidentDetail")
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 420])
        layout.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        self._update_buttons()

    def _button(self, bar: QHBoxLayout, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        return bar_button(self, bar, name, text, slot)

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def focus_target(self) -> QWidget | None:
        return self.table

    def search_box(self) -> QWidget | None:
        return self.filter_combo

    def new_action(self) -> Callable[[], object] | None:
        return self.new_incident if self.may_handle else None

    def print_action(self) -> Callable[[], object] | None:
        """Ctrl+P: the selected incident's 처리 기록."""
        if not self.may_handle or self.selected() is None:
            return None
        return lambda: self.print_paper("record")

    # -- loading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        open_only = self.filter_combo.currentData() == OPEN
        self.host.runner.run(
            lambda: register.list_incidents(ctx, actor, open_only=open_only), owner=self, on_done=self._loaded
        )

    def _loaded(self, rows: list[IncidentRow]) -> None:
        keep = self.selected()
        self.model.set_rows(rows)
        now = clock.now()
        open_rows = [r for r in rows if r.state == register.OPEN]
        late = sum(1 for r in open_rows if r.urgency(now) == Urgency.LATE)
        self.status.setText(
            self.tr("대응 중 {n}건 — 기한을 넘긴 의무가 있는 사고 {late}건").format(
                n=len(open_rows), late=late
            )
        )
        target = self._select_next or (keep.id if keep is not None else None)
        if target is not None and self.select(target):
            self._select_next = None
        elif rows and self.selected() is None:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> IncidentRow | None:
        return selected_row(self.table, self.model)

    def select(self, incident_id: int) -> bool:
        return select_where(self.table, self.model, lambda r: r.id == incident_id)

    def _update_buttons(self) -> None:
        r = self.selected()
        is_open = r is not None and r.state == register.OPEN
        for b in (self.affect_button, self.remove_button, self.sent_button):
            b.setEnabled(is_open)
        for b in (
            self.letters_button,
            self.form_button,
            self.record_button,
            self.sms_button,
            self.homepage_button,
        ):
            b.setEnabled(r is not None)
        self.close_button.setEnabled(is_open)

    def _selection_changed(self) -> None:
        self._update_buttons()
        r = self.selected()
        if r is None:
            self.current = None
            self.detail_label.setText(self.tr("사고를 고르면 내용이 여기에 나옵니다."))
            return
        ctx, actor, number, iid = self.host.ctx, self.host.actor, r.number, r.id
        self.host.runner.run(
            lambda: register.get_incident(ctx, actor, number), owner=self, on_done=self.show_detail
        )
        self.host.runner.run(
            lambda: (iid, linked_to(ctx, actor, incident_id=iid)), owner=self, on_done=self._show_complaints
        )

    def _show_complaints(self, found: tuple[int, list[str]]) -> None:
        """The complaints (신고·상담) that opened this incident: the link seen from this side."""
        self.complaints = found
        if self.current is not None and self.current.id == found[0]:
            self.show_detail(self.current)

    def show_detail(self, d: IncidentDetail) -> None:
        self.current = d
        iid, numbers = getattr(self, "complaints", (None, []))
        names = {f.code: f.name for f in self.host.ctx.profile.files}
        self.detail_label.setText(detail_html(d, clock.now(), numbers if iid == d.id else (), names))

    # -- actions --------------------------------------------------------------------------------------
    def _open(self, dialog: _Form) -> _Form:
        dialog.done_with.connect(self._changed)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _changed(self, result: Any) -> None:
        d = getattr(result, "detail", result)
        if isinstance(d, IncidentDetail) and not self.select(d.id):
            self._select_next = d.id

    def new_incident(self) -> _Form:
        return self._open(OpenDialog(self))

    def add_people(self) -> _Form | None:
        r = self.selected()
        return self._open(AffectDialog(self, r.number)) if r is not None else None

    def remove_people(self) -> _Form | None:
        r = self.selected()
        return self._open(RemoveDialog(self, r.number)) if r is not None else None

    def record_sent(self) -> _Form | None:
        r = self.selected()
        return self._open(SentDialog(self, r.number)) if r is not None else None

    def close_incident(self) -> _Form | None:
        r = self.selected()
        return self._open(CloseDialog(self, r)) if r is not None else None

    def print_paper(self, which: str, reason: str | None = None) -> PrintJob | None:
        r = self.selected()
        if r is None:
            return None
        ctx, actor, number = self.host.ctx, self.host.actor, r.number
        fn = {
            "letters": printing.print_letters,
            "form": printing.print_report,
            "record": printing.print_record,
        }[which]
        title = {
            "letters": self.tr("유출 통지서"),
            "form": self.tr("개인정보 유출 등 신고서"),
            "record": self.tr("유출 등 사고 처리 기록"),
        }[which]
        job = PrintJob.start(
            self.host,
            self,
            title,
            f"{number}-{which}.pdf",
            lambda out, on_page, why: fn(ctx, actor, number, out, reason=why, on_page=on_page),
            reason=reason,
        )
        if job is not None:
            self.print_job = job
        return job

    def print_register(self, year: int | None = None, reason: str | None = None) -> PrintJob | None:
        """The year's 유출 등 사고 대장 (the selected incident's year, else this year), after its reason."""
        r = self.selected()
        year = year or (clock.to_kst(r.learnt_at).year if r is not None else clock.today_kst().year)
        ctx, actor, y = self.host.ctx, self.host.actor, year
        job = PrintJob.start(
            self.host,
            self,
            self.tr("유출 등 사고 대장 {year}").format(year=year),
            f"incident-register-{year}.pdf",
            lambda out, on_page, why: printing.print_register(
                ctx, actor, y, out, reason=why, on_page=on_page
            ),
            reason=reason,
        )
        if job is not None:
            self.print_job = job
        return job

    def choose_sms_file(self) -> None:
        r = self.selected()
        if r is None:
            return
        reason = ask_reason(
            self,
            self.host,
            self.host.actor,
            self.tr("내보내는 사유"),
            self.tr("문자 발송용 파일을 만드는 사유를 적으십시오. 접속기록에 남습니다."),
        )
        if reason is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("문자 발송용 CSV 저장"), f"{r.number}-sms.csv", self.tr("CSV 파일 (*.csv)")
        )
        if path:
            self.export_sms(Path(path), reason)

    def export_sms(self, path: Path, reason: str) -> Task | None:
        """The CSV for an SMS service (name masked, mobile number, no address)."""
        r = self.selected()
        if r is None:
            return None
        ctx, actor, number = self.host.ctx, self.host.actor, r.number
        out = Output(path, force=True)  # the save dialog asked before replacing a file

        def done(result: printing.PrintResult) -> None:
            messages.show_info(
                self,
                self.tr("문자 발송용 파일"),
                self.tr("{n}명을 내보냈습니다: {path}").format(n=result.letters, path=path),
                self.tr(
                    "휴대전화 번호가 없는 {n}명은 우편이나 홈페이지 게시로 알리십시오. 파일은 발송 뒤 "
                    "지우십시오."
                ).format(n=result.skipped),
            )

        return self.host.runner.run(
            lambda: printing.export_contacts(ctx, actor, number, out, reason=reason),
            owner=self,
            on_done=done,
            changes=PRINTED,  # an export writes the access log only
        )

    def show_homepage(self) -> Task | None:
        """The homepage notice for people whose contacts are unknown, to copy into the homepage."""
        r = self.selected()
        if r is None:
            return None
        ctx, actor, number = self.host.ctx, self.host.actor, r.number

        def done(text: str) -> None:
            dialog = HomepageDialog(self, number, text)
            self.dialog = dialog
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        return self.host.runner.run(
            lambda: printing.homepage_notice(ctx, actor, number), owner=self, on_done=done
        )


class HomepageDialog(QDialog):
    """The homepage notice as text, with 복사."""

    def __init__(self, parent: QWidget, number: str, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("homepageDialog")
        self.setWindowTitle(self.tr("홈페이지 게시문 — {number}").format(number=number))
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("homepageText")
        self.text.setPlainText(text)
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(self.tr("복사"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("copyButton")
        copy.clicked.connect(lambda _c=False: QApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("닫기"))
        close.setDefault(True)  # Enter closes (복사 is a click or Tab away)
        copy.setAutoDefault(False)
        layout.addWidget(buttons)
        self.resize(720, 560)


def _duty_html(s: DutyState, now: dt.datetime) -> str:
    c = colour(s.urgency(now)) if s.applies else GREY
    reasons = "<br>".join(escape(x) for x in s.reasons)
    return (
        f"<tr><td style='padding:3px 8px 3px 0'><b>{escape(s.label)}</b><br>"
        f"<span style='color:{GREY}'>{escape(s.article)}</span></td>"
        f"<td style='padding:3px 8px; color:{c}'><b>{escape(s.status(now))}</b></td>"
        f"<td style='padding:3px 0'>{reasons}</td></tr>"
    )


def detail_html(
    d: IncidentDetail,
    now: dt.datetime,
    complaints: Sequence[str] = (),
    file_names: Mapping[str, str] | None = None,
) -> str:
    """One incident as rich text: the facts (with the complaints that opened it), the duties in colour,
    the notices, the history."""
    r = d.row
    sources = ", ".join(f"{register.SOURCE_LABELS.get(k, k)} {v:,}명" for k, v in sorted(d.by_source.items()))
    facts = [
        ("유형", r.kind_label),
        ("발생 일시", clock.fmt_datetime(r.happened_at) if r.happened_at else "미상"),
        ("인지 일시", clock.fmt_datetime(r.learnt_at)),
        ("최초 보고자", d.reporter or "-"),
        ("경위", d.summary),
        ("개인정보파일", ", ".join((file_names or {}).get(c, c) for c in d.files) or "-"),
        ("유출 항목", ", ".join(d.items) or "확인 중"),
        ("외부 불법 접근", "예" if d.outside_access else "아니오"),
        ("정보주체", f"{r.affected:,}명" + (f" ({sources})" if sources else "")),
        ("최초 대응조치", d.containment or "-"),
    ]
    if complaints:
        facts.insert(4, ("개인정보 침해 신고", ", ".join(complaints)))
    if d.closed_at:
        facts += [
            ("원인", d.cause),
            ("재발 방지 조치", d.measures),
            ("종결", f"{clock.fmt_datetime(d.closed_at)} {d.who(d.closed_by)}"),
        ]
    rows = "".join(
        f"<tr><td style='padding:2px 10px 2px 0; color:{GREY}' valign='top'>{escape(k)}</td>"
        f"<td style='padding:2px 0'>{escape(v).replace(chr(10), '<br>')}</td></tr>"
        for k, v in facts
    )
    duties = "".join(_duty_html(s, now) for s in r.duties)
    notices = (
        "".join(
            f"<li>{escape(clock.fmt_datetime(n.sent_at))} {escape(rules.DUTY_LABELS.get(n.duty, n.duty))} — "
            f"{escape(n.channel_label)}{f', {n.people:,}명' if n.people else ''} {escape(n.note)}</li>"
            for n in d.notices
        )
        or "<li>아직 없음</li>"
    )
    events = "".join(
        f"<li>{escape(clock.fmt_datetime(e.at))} {escape(e.actor_label or e.actor_login)} [{escape(e.change_label)}] "
        f"{escape(e.detail)}</li>"
        for e in d.events
    )
    return (
        f"<h3 style='margin:0'>{escape(d.number)} <span style='color:{GREY}; font-weight:normal'>"
        f"{escape(r.state_label)}</span></h3><table>{rows}</table>"
        f"<h4 style='margin:8px 0 2px 0'>통지·신고 의무</h4><table>{duties}</table>"
        f"<h4 style='margin:8px 0 2px 0'>보낸 통지·신고</h4><ul style='margin:0'>{notices}</ul>"
        f"<h4 style='margin:8px 0 2px 0'>처리 이력</h4><ul style='margin:0'>{events}</ul>"
    )


def incidents_page(host: PageHost, parent: QWidget | None) -> Page:
    """The factory for :class:`~privdesk.ui.pages.PageSpec` (``incident.read``)."""
    return IncidentsPage(host, parent)


__all__ = ["IncidentsModel", "IncidentsPage", "detail_html", "duty_cell", "incidents_page"]
