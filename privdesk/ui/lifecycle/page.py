"""The retention and destruction screen (보유·파기): the legal life of every record.

Tabs, each shown only to an account whose permission the use cases behind it need:
현황 (the retention dashboard and the 보유기간 점검 run), 파기 계획 (plan, review, approval with the
password, execution with progress and cancel, the 파기 확인서), 파기 관리대장 (the destruction ledger,
manual paper/media entries, printing), 보유기간 규칙 (the personal-information files and their
retention rules, edited by the officer; read-only for plan drafters), 법적 보존 (legal holds: place
by chart number, release with a reason) and 분리보관 (separated records; the privacy officer only,
every read logged by the use case).

:func:`run_retention_at_start` runs ``retention run`` once after the first login, as the system.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from privdesk.accounts.permissions import Permission
from privdesk.context import AppContext
from privdesk.lifecycle import files, separation
from privdesk.lifecycle.files import STAGE_LABELS, Dashboard, HeldRecord, Stage
from privdesk.lifecycle.separation import RunReport, SeparatedRecord
from privdesk.ui import messages
from privdesk.ui.cctv.common import PrintJob
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.lifecycle.common import LIFECYCLE, LifecycleTab
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import Column, KeysetTableModel, RowTableModel, selected_row
from privdesk.ui.tasks import Task, TaskRunner
from privdesk.ui.widgets import ReasonDialog, fmt_datetime, heading, record_table

CTX = "Lifecycle"
STAGE_TEXT = {
    Stage.ACTIVE: QT_TRANSLATE_NOOP("Lifecycle", "이용 중"),
    Stage.SEPARATED: QT_TRANSLATE_NOOP("Lifecycle", "분리보관"),
    Stage.DUE: QT_TRANSLATE_NOOP("Lifecycle", "파기 대상"),
    Stage.HELD: QT_TRANSLATE_NOOP("Lifecycle", "보존(파기 제외)"),
    Stage.DESTROYED: QT_TRANSLATE_NOOP("Lifecycle", "파기됨"),
}


def run_retention_at_start(ctx: AppContext, runner: TaskRunner, owner: QWidget | None) -> Task:
    """``retention run`` once at GUI start, in the background, as the system (never destroys);
    a known error is shown as its Korean sentence by the runner."""
    return runner.run(lambda: separation.run_retention(ctx, dry_run=False), owner=owner, changes=LIFECYCLE)


# -- 현황 ----------------------------------------------------------------------------------------
class HeldModel(RowTableModel[HeldRecord]):
    CONTEXT = "LifecycleHeldModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("LifecycleHeldModel", "차트번호"), lambda r: r.chart_no),
        Column(QT_TRANSLATE_NOOP("LifecycleHeldModel", "구분"), lambda r: r.kind),
        Column(QT_TRANSLATE_NOOP("LifecycleHeldModel", "사유"), lambda r: r.reason),
        Column(
            QT_TRANSLATE_NOOP("LifecycleHeldModel", "보유기간 종료일"),
            lambda r: r.retention_until.isoformat(),
        ),
    )


OVERDUE_STYLE = (
    "QLabel { background: #fde7e9; border: 1px solid #f1a7ae; color: #7f0000; font-weight: bold;"
    " padding: 6px; }"
)


class DashboardTab(LifecycleTab):
    """보유기간 현황: counts per stage of the patient file, due this month, to separate, held and why."""

    def __init__(self, page: LifecyclePage) -> None:
        super().__init__(page)
        self.setObjectName("dashboardTab")
        self.data: Dashboard | None = None
        self.report: RunReport | None = None
        layout = QVBoxLayout(self)
        self.file_label = QLabel(self)
        self.file_label.setObjectName("fileLabel")
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        box = QGroupBox(self.tr("단계별 건수"), self)
        grid = QGridLayout(box)
        self.count_labels: dict[str, QLabel] = {}
        for col, st in enumerate(Stage):
            grid.addWidget(
                QLabel(QCoreApplication.translate(CTX, STAGE_TEXT.get(st, STAGE_LABELS[st])), box), 0, col
            )
            value = QLabel("-", box)
            value.setObjectName(f"count_{st.value}")
            value.setStyleSheet("font-size: 16pt; font-weight: bold;")
            grid.addWidget(value, 1, col)
            self.count_labels[str(st)] = value
        layout.addWidget(box)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.overdue_label = QLabel(self)  # red: past the destruction deadline (파기 기한)
        self.overdue_label.setObjectName("overdueLabel")
        self.overdue_label.setWordWrap(True)
        self.overdue_label.setStyleSheet(OVERDUE_STYLE)
        self.overdue_label.hide()
        layout.addWidget(self.overdue_label)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("보존(파기 제외) 기록과 사유"), self), 1)
        self.run_button = self.button(
            bar,
            "runRetention",
            self.tr("보유기간 점검 실행"),
            self.run_check,
            allowed=self.may(Permission.RETENTION_MANAGE),
        )
        layout.addLayout(bar)
        self.held_model = HeldModel(self)
        self.held_table = record_table(self, "heldTable", self.held_model)
        layout.addWidget(self.held_table, 1)
        self.report_text = QPlainTextEdit(self)
        self.report_text.setObjectName("runReport")
        self.report_text.setReadOnly(True)
        self.report_text.setMaximumHeight(90)
        self.report_text.hide()
        layout.addWidget(self.report_text)

    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        self.run(lambda: files.dashboard(ctx, actor), self.show_dashboard, changes=False)

    def show_dashboard(self, d: Dashboard) -> None:
        self.data = d
        self.file_label.setText(
            self.tr("{file} — 보유기간: {rule} (기준일 {today})").format(
                file=d.file_name, rule=d.rule, today=d.today.isoformat()
            )
        )
        for key, value in self.count_labels.items():
            value.setText(f"{d.counts.get(key, 0):,}")
        self.summary.setText(
            self.tr(
                "이번 달 보유기간이 끝나는 기록 {month}건, 분리보관 대상 {sep}건, 파기 대상 {due}건"
            ).format(
                month=f"{d.due_this_month:,}", sep=f"{d.to_separate:,}", due=f"{d.counts.get(Stage.DUE, 0):,}"
            )
        )
        if d.overdue:
            self.overdue_label.setText(
                self.tr(
                    "파기 기한(보유기간 종료 후 {days}일)이 지난 기록 {n}건 — 가장 오래된 기록은 기한을 {late}일 넘겼습니다. "
                    "파기 계획을 만들어 바로 파기하십시오."
                ).format(days=d.deadline_days, n=f"{d.overdue:,}", late=f"{d.overdue_max_days:,}")
            )
            self.overdue_label.show()
        else:
            self.overdue_label.hide()
        self.held_model.set_rows(list(d.held))

    def run_check(self) -> None:
        ctx = self.host.ctx
        if self.run_button is not None:
            self.run_button.setEnabled(False)

        def done(report: RunReport) -> None:
            self.report = report
            self.report_text.setPlainText("\n".join(report.lines()))
            self.report_text.show()

        def finished() -> None:
            if self.run_button is not None:
                self.run_button.setEnabled(True)

        task = self.run(lambda: separation.run_retention(ctx, dry_run=False), done)
        task.finished.connect(finished)


# -- 분리보관 ------------------------------------------------------------------------------------
class SeparatedModel(KeysetTableModel[SeparatedRecord]):
    CONTEXT = "LifecycleSeparatedModel"
    SERVER_ORDER = (7, Qt.SortOrder.AscendingOrder)  # in the order the records were separated
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("LifecycleSeparatedModel", "차트번호"), lambda r: r.chart_no),
        Column(QT_TRANSLATE_NOOP("LifecycleSeparatedModel", "성명"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("LifecycleSeparatedModel", "주민등록번호"), lambda r: r.rrn_masked),
        Column(QT_TRANSLATE_NOOP("LifecycleSeparatedModel", "주소"), lambda r: r.address_masked),
        Column(QT_TRANSLATE_NOOP("LifecycleSeparatedModel", "연락처"), lambda r: ", ".join(r.phones_masked)),
        Column(
            QT_TRANSLATE_NOOP("LifecycleSeparatedModel", "최종 내원일"), lambda r: r.last_visit.isoformat()
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecycleSeparatedModel", "보유기간 종료일"),
            lambda r: r.retention_until.isoformat(),
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecycleSeparatedModel", "분리보관 일시"),
            lambda r: fmt_datetime(r.separated_at),
        ),
    )

    def __init__(self, parent: Any = None, *, runner: TaskRunner | None = None) -> None:
        super().__init__(lambda r: r.id, parent, 100, runner=runner)


class SeparatedTab(LifecycleTab):
    """분리보관 기록 (separated.read): each page read is logged per record by the use case."""

    def __init__(self, page: LifecyclePage) -> None:
        super().__init__(page)
        self.setObjectName("separatedTab")
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "목적이 달성되었으나 법령에 따라 보관하는 기록입니다. 조회할 때마다 접속기록에 남습니다."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("차트번호"), self))
        self.chart = QLineEdit(self)
        self.chart.setObjectName("chartFilter")
        self.chart.returnPressed.connect(self.reload)
        bar.addWidget(self.chart)
        self.button(bar, "searchSeparated", self.tr("조회"), self.reload)
        bar.addStretch(1)
        self.restore_button = self.button(
            bar, "restoreButton", self.tr("분리보관 해제(재내원)"), self.restore
        )
        layout.addLayout(bar)
        self.model = SeparatedModel(self, runner=self.host.runner)
        self.model.fetch_failed.connect(lambda exc: messages.show_error(self, exc))
        self.table = record_table(self, "separatedTable", self.model)
        layout.addWidget(self.table, 1)

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def search_box(self) -> QWidget | None:
        return self.chart

    def reload(self) -> None:
        ctx, actor, chart = self.host.ctx, self.host.actor, self.chart.text().strip() or None

        def fetch(after: int | None, limit: int) -> list[SeparatedRecord]:
            return separation.list_separated(ctx, actor, chart_no=chart, after_id=after or 0, limit=limit)

        self.model.start(fetch)

    def restore(self) -> None:
        rec = selected_row(self.table, self.model)
        if rec is None:
            messages.show_info(self, self.tr("분리보관 해제"), self.tr("해제할 기록을 표에서 고르십시오."))
            return
        ctx, actor = self.host.ctx, self.host.actor
        dialog = ReasonDialog(
            self,
            self.tr("분리보관 해제"),
            self.tr(
                "차트번호 {chart} 기록을 환자 명부로 되돌립니다. 사유를 입력하십시오 (예: 재내원)."
            ).format(chart=rec.chart_no),
        )

        def go() -> None:
            reason = dialog.reason_text()
            self.run(lambda: separation.restore(ctx, actor, rec.id, reason))

        self.open_dialog(dialog, go)


# -- the page ------------------------------------------------------------------------------------
class LifecyclePage(Page):
    """보유·파기 (retention.manage, destruction.plan, destruction.approve or separated.read)."""

    SHOWS = frozenset({"lifecycle", "registry"})  # the rules, holds and plans of the patients' file

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        from privdesk.ui.lifecycle.holds import LegalHoldsTab
        from privdesk.ui.lifecycle.ledger import LedgerTab
        from privdesk.ui.lifecycle.plans import PlansTab
        from privdesk.ui.lifecycle.rules import RulesTab

        self.setObjectName("lifecyclePage")
        self.dialog: QDialog | QMessageBox | None = None
        self.print_job: PrintJob | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("보유기간·분리보관·파기"), self))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("lifecycleTabs")
        actor = host.actor
        self.dashboard: DashboardTab | None = None
        self.plans: PlansTab | None = None
        self.ledger: LedgerTab | None = None
        self.rules: RulesTab | None = None
        self.holds: LegalHoldsTab | None = None
        self.separated: SeparatedTab | None = None
        may_plan, may_manage = actor.may(Permission.DESTRUCTION_PLAN), actor.may(Permission.RETENTION_MANAGE)
        if may_plan:
            self.dashboard = DashboardTab(self)
            self.tabs.addTab(self.dashboard, self.tr("현황"))
            self.plans = PlansTab(self)
            self.tabs.addTab(self.plans, self.tr("파기 계획"))
            self.ledger = LedgerTab(self)
            self.tabs.addTab(self.ledger, self.tr("파기 관리대장"))
        if may_plan or may_manage:  # read-only without retention.manage
            self.rules = RulesTab(self)
            self.tabs.addTab(self.rules, self.tr("보유기간 규칙"))
        if may_manage:
            self.holds = LegalHoldsTab(self)
            self.tabs.addTab(self.holds, self.tr("법적 보존"))
        if actor.may(Permission.SEPARATED_READ):
            self.separated = SeparatedTab(self)
            self.tabs.addTab(self.separated, self.tr("분리보관"))
        if self.tabs.count() == 0:
            layout.addWidget(QLabel(self.tr("이 계정에는 보유·파기 업무 권한이 없습니다."), self))
        self.tabs.currentChanged.connect(lambda _i: self._reload_current())
        layout.addWidget(self.tabs, 1)

    def all_tabs(self) -> list[LifecycleTab]:
        return [
            t
            for t in (self.dashboard, self.plans, self.ledger, self.rules, self.holds, self.separated)
            if t is not None
        ]

    def show_tab(self, tab: LifecycleTab) -> None:
        self.tabs.setCurrentWidget(tab)
        self._reload_current()

    def reload(self) -> None:
        for tab in self.all_tabs():
            tab.stale = True
        self._reload_current()

    def _reload_current(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, LifecycleTab) and tab.stale:
            tab.stale = False
            tab.reload()
