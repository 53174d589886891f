"""The monthly access-log review screen (접속기록 점검, 고시 제8조②).

The reviewer (``audit.review``: the officer, the privacy staff, the auditor) picks a month (the
previous one by default) and runs the check (:func:`privdesk.review.run`, in the background). The
screen shows the month's state (entries, accounts, findings, 서명 전 / 서명됨 with who, when and the
access-log head), the accounts' summary with their risk scores (sortable; the score explained in the
tooltip), and the findings. A finding shows the log entries behind it and its detail: the rule, the
reason recorded for a download, print or unmasking, the result and the 소명 thread.

On a finding the reviewer records 정상 / 조치 필요 with a note, sends a 소명 request to the account
that caused it, and accepts or rejects the answer; 점검 완료 서명 closes the month with the password
again. Once signed, nothing on the month can change: every action button is disabled (the use
cases refuse too).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk import review as rv
from privdesk.errors import PrivdeskError
from privdesk.logview import ReadableRow
from privdesk.review import AccountSummary, Finding, Month, MonthReview
from privdesk.review.printing import print_review
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.review.dialogs import (
    REASON_KINDS,
    AskDialog,
    DecideDialog,
    ResultDialog,
    ReviewForm,
    SignDialog,
    open_items,
    thread_html,
    who,
)
from privdesk.ui.tablemodel import SORT_ROLE, Column, RowTableModel, select_where, selected_row
from privdesk.ui.widgets import bar_button, fmt_datetime, heading, record_table, rich_detail

RED, GREEN, GREY, AMBER = "#a00000", "#1b5e20", "#666666", "#8a4b00"
MONTHS_BACK = 24  # the month picker offers this month and the 24 before it
translate = QCoreApplication.translate


# -- one place for how a log entry reads --------------------------------------------------------------
def entry_cells(row: ReadableRow) -> tuple[str, str, str]:
    """(수행업무, 대상, 상세) of one access-log entry in words, as the access-log screen shows them."""
    return row.task, row.subject, row.detail


# -- table models -------------------------------------------------------------------------------------
def _delta(a: AccountSummary, month: str) -> int | None:
    """This month's risk minus the previous month's (None when the previous month has no score)."""
    previous = str(Month.parse(month).previous()) if month else ""
    for m, score in a.risk_history:
        if m == previous:
            return a.risk - score
    return None


def _delta_text(d: int | None) -> str:
    if d is None:
        return "—"
    return f"+{d}" if d > 0 else str(d)


class AccountsModel(RowTableModel[AccountSummary]):
    """계정별 요약: one row per account active in the month."""

    CONTEXT = "ReviewAccountsModel"
    (
        COL_WHO,
        COL_DEPT,
        COL_ENTRIES,
        COL_VIEWS,
        COL_UNMASKS,
        COL_EXPORTS,
        COL_PRINTS,
        COL_FAILED,
        COL_OFF_HOURS,
        COL_RISK,
        COL_DELTA,
        COL_MEDIAN,
    ) = range(12)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ReviewAccountsModel", "이름(ID)"), lambda a: who(a.name, a.login)),
        Column(QT_TRANSLATE_NOOP("ReviewAccountsModel", "부서"), lambda a: a.department or ""),
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "기록 수"),
            lambda a: f"{a.entries:,}",
            lambda a: a.entries,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "조회"),
            lambda a: f"{a.views:,}",
            lambda a: a.views,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "마스킹 해제"),
            lambda a: f"{a.unmasks:,}",
            lambda a: a.unmasks,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "내보내기"),
            lambda a: f"{a.exports:,}",
            lambda a: a.exports,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "출력"),
            lambda a: f"{a.prints:,}",
            lambda a: a.prints,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "로그인 실패"),
            lambda a: f"{a.failed_logins:,}",
            lambda a: a.failed_logins,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "업무시간 외"),
            lambda a: f"{a.off_hours:,}",
            lambda a: a.off_hours,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "위험도"),
            lambda a: str(a.risk),
            lambda a: a.risk,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "지난달 대비"), lambda a: "", align_right=True
        ),  # see data()
        Column(
            QT_TRANSLATE_NOOP("ReviewAccountsModel", "부서 중앙값"),
            lambda a: f"{a.department_median:g}",
            lambda a: a.department_median,
            align_right=True,
        ),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.month = ""

    def set_review(self, review: MonthReview | None) -> None:
        self.month = review.month if review is not None else ""
        self.set_rows(list(review.accounts) if review is not None else [])

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self.rowCount()):
            return None
        a = self.row_object(index.row())
        col = index.column()
        if col == self.COL_RISK and role == Qt.ItemDataRole.ToolTipRole:
            return a.risk_explained or translate("ReviewAccountsModel", "발견 사항 없음")
        if col == self.COL_DELTA:
            d = _delta(a, self.month)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                if role == Qt.ItemDataRole.ToolTipRole and a.risk_history:
                    return ", ".join(f"{m}: {s}" for m, s in a.risk_history)
                return _delta_text(d)
            if role == SORT_ROLE:
                return d if d is not None else -(10**9)
            if role == Qt.ItemDataRole.ForegroundRole and d is not None and d > 0:
                return QColor(RED)
        if (
            col == self.COL_RISK
            and role == Qt.ItemDataRole.ForegroundRole
            and a.risk > 0
            and a.risk > a.department_median
        ):
            return QColor(RED)
        return super().data(index, role)


def result_text(f: Finding) -> str:
    return (
        rv.RESULT_LABELS.get(f.result, str(f.result))
        if f.result is not None
        else translate("ReviewFindingsModel", "미처리")
    )


def j_text(f: Finding) -> str:
    j = f.justification
    if j is None:
        return "—"
    label = rv.J_LABELS.get(j.state, str(j.state))
    return translate("ReviewFindingsModel", "{state} (기한 경과)").format(state=label) if j.overdue else label


def reason_text(f: Finding) -> str:
    if f.reason:
        return f.reason
    return translate("ReviewFindingsModel", "사유 없음") if f.kind in REASON_KINDS else "—"


class FindingsModel(RowTableModel[Finding]):
    """발견 사항, in the order the use case gives them."""

    CONTEXT = "ReviewFindingsModel"
    COL_KIND, COL_WHO, COL_SUMMARY, COL_RULE, COL_COUNT, COL_REASON, COL_RESULT, COL_J = range(8)
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("ReviewFindingsModel", "종류"),
            lambda f: rv.KIND_LABELS.get(f.kind, str(f.kind)),
        ),
        Column(QT_TRANSLATE_NOOP("ReviewFindingsModel", "계정"), lambda f: who(f.account_name, f.account)),
        Column(QT_TRANSLATE_NOOP("ReviewFindingsModel", "내용"), lambda f: f.summary),
        Column(QT_TRANSLATE_NOOP("ReviewFindingsModel", "규칙·기준"), lambda f: f.rule),
        Column(
            QT_TRANSLATE_NOOP("ReviewFindingsModel", "건수"),
            lambda f: f"{f.entry_count:,}",
            lambda f: f.entry_count,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("ReviewFindingsModel", "사유"), reason_text),
        Column(QT_TRANSLATE_NOOP("ReviewFindingsModel", "결과"), result_text),
        Column(QT_TRANSLATE_NOOP("ReviewFindingsModel", "소명 상태"), j_text),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            f = self.row_object(index.row())
            col = index.column()
            if col == self.COL_RESULT:
                if f.result is None:
                    return QColor(AMBER)
                return QColor(RED if f.result == rv.Result.ACTION else GREEN)
            if col == self.COL_REASON and f.kind in REASON_KINDS and not f.reason:
                return QColor(RED)
            if col == self.COL_J and f.justification is not None and f.justification.overdue:
                return QColor(RED)
            return None
        return super().data(index, role)


class EntriesModel(RowTableModel[ReadableRow]):
    """The log entries behind the selected finding."""

    CONTEXT = "ReviewEntriesModel"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("ReviewEntriesModel", "번호"),
            lambda r: str(r.seq),
            lambda r: r.seq,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReviewEntriesModel", "일시"),
            lambda r: fmt_datetime(r.at, seconds=True),
            lambda r: r.seq,
        ),
        Column(QT_TRANSLATE_NOOP("ReviewEntriesModel", "수행업무"), lambda r: entry_cells(r)[0]),
        Column(QT_TRANSLATE_NOOP("ReviewEntriesModel", "대상"), lambda r: entry_cells(r)[1]),
        Column(QT_TRANSLATE_NOOP("ReviewEntriesModel", "상세"), lambda r: entry_cells(r)[2]),
    )


# -- the page -----------------------------------------------------------------------------------------
def recent_months(today_month: Month, n: int = MONTHS_BACK) -> list[Month]:
    months = [today_month]
    for _ in range(n):
        months.append(months[-1].previous())
    return months


class ReviewPage(Page):
    """접속기록 점검 (``audit.review``)."""

    SHOWS = frozenset({"review"})  # the reviews run (a new log entry changes no review)

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("reviewPage")
        self.review: MonthReview | None = None
        self.dialog: ReviewForm | None = None
        self.print_job: Any = None
        self._select_next: int | None = None
        self._entries_for: int | None = None
        self.running = False
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("접속기록 점검"), self))
        intro = QLabel(
            self.tr(
                "개인정보처리시스템의 접속기록을 월 1회 이상 점검하고, 개인정보를 다운로드한 경우 그 사유를 확인합니다(안전성 "
                "확보조치 기준 제8조②). 발견 사항마다 결과를 기록하고, 필요하면 당사자에게 소명을 요청한 뒤 서명하여 "
                "점검을 마칩니다."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        layout.addWidget(intro)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("점검 월"), self))
        self.month_combo = QComboBox(self)
        self.month_combo.setObjectName("monthCombo")
        this_month = Month(clock.today_kst().year, clock.today_kst().month)
        for m in recent_months(this_month):
            self.month_combo.addItem(m.label(), str(m))
        self.month_combo.setCurrentIndex(1)  # the previous month
        self.month_combo.currentIndexChanged.connect(lambda _i: self._month_changed())
        top.addWidget(self.month_combo)
        self.run_button = bar_button(self, top, "runButton", self.tr("점검 실행"), self.run_review)
        self.sign_button = bar_button(self, top, "signButton", self.tr("점검 완료 서명…"), self.sign)
        self.print_button = bar_button(self, top, "printButton", self.tr("결과 출력…"), self.print_report)
        top.addStretch(1)
        layout.addLayout(top)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("stateLine")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.state_label)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reviewTabs")
        layout.addWidget(self.tabs, 1)

        # the findings tab: actions, the findings, then the entries and the detail of the selected one
        findings_tab = QWidget(self.tabs)
        fl = QVBoxLayout(findings_tab)
        bar = QHBoxLayout()
        self.normal_button = bar_button(
            self, bar, "normalButton", self.tr("정상 처리…"), lambda: self.record(rv.Result.NORMAL)
        )
        self.action_button = bar_button(
            self, bar, "actionButton", self.tr("조치 필요…"), lambda: self.record(rv.Result.ACTION)
        )
        self.ask_button = bar_button(self, bar, "askButton", self.tr("소명 요청…"), self.ask)
        self.accept_button = bar_button(
            self, bar, "acceptButton", self.tr("소명 수용…"), lambda: self.decide(True)
        )
        self.reject_button = bar_button(
            self, bar, "rejectButton", self.tr("소명 반려…"), lambda: self.decide(False)
        )
        bar.addStretch(1)
        fl.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical, findings_tab)
        self.findings_model = FindingsModel(self)
        self.findings_table = record_table(splitter, "findingsTable", self.findings_model, wrap=False)
        self.findings_table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        for col, width in enumerate((150, 120, 330, 260, 50, 130, 90)):
            self.findings_table.setColumnWidth(col, width)
        splitter.addWidget(self.findings_table)
        lower = QSplitter(Qt.Orientation.Horizontal, splitter)
        self.entries_model = EntriesModel(self)
        self.entries_table = record_table(lower, "entriesTable", self.entries_model, wrap=False)
        for col, width in enumerate((70, 140, 130, 130)):
            self.entries_table.setColumnWidth(col, width)
        lower.addWidget(self.entries_table)
        self.detail_label = rich_detail(lower, "findingDetail")
        lower.setSizes([620, 420])
        splitter.addWidget(lower)
        splitter.setSizes([260, 300])
        fl.addWidget(splitter, 1)
        self.tabs.addTab(findings_tab, self.tr("발견 사항"))

        # the accounts tab: the summary, sortable, and the thresholds in use
        accounts_tab = QWidget(self.tabs)
        al = QVBoxLayout(accounts_tab)
        self.accounts_model = AccountsModel(self)
        self.accounts_proxy = QSortFilterProxyModel(self)
        self.accounts_proxy.setSourceModel(self.accounts_model)
        self.accounts_proxy.setSortRole(SORT_ROLE)
        self.accounts_table = record_table(
            accounts_tab, "accountsTable", self.accounts_proxy, fit_contents=True, wrap=False
        )
        self.accounts_table.setSortingEnabled(True)
        self.accounts_table.sortByColumn(AccountsModel.COL_RISK, Qt.SortOrder.DescendingOrder)
        al.addWidget(self.accounts_table, 1)
        self.thresholds_label = QLabel(accounts_tab)
        self.thresholds_label.setObjectName("thresholds")
        self.thresholds_label.setWordWrap(True)
        self.thresholds_label.setStyleSheet("color: #555;")
        al.addWidget(self.thresholds_label)
        self.tabs.addTab(accounts_tab, self.tr("계정별 요약"))

        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._update_buttons()

    # -- the month ------------------------------------------------------------------------------------
    def month(self) -> Month:
        return Month.parse(str(self.month_combo.currentData()))

    def set_month(self, month: Month) -> None:
        """Pick ``month`` (adds it to the picker when older than the list)."""
        i = self.month_combo.findData(str(month))
        if i < 0:
            self.month_combo.addItem(month.label(), str(month))
            i = self.month_combo.count() - 1
        self.month_combo.setCurrentIndex(i)

    def _month_changed(self) -> None:
        self.review = None
        self.findings_model.set_rows([])
        self.accounts_model.set_review(None)
        self.entries_model.set_rows([])
        self._entries_for = None
        self.reload()

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def focus_target(self) -> QWidget | None:
        return self.findings_table

    def search_box(self) -> QWidget | None:
        return self.month_combo

    def print_action(self) -> Callable[[], object] | None:
        return self.print_report if self.review is not None else None

    # -- loading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, month = self.host.ctx, self.host.actor, self.month()
        self.host.runner.run(
            lambda: rv.load(ctx, actor, month), owner=self, on_done=self._loaded, on_error=self._failed
        )

    def run_review(self) -> None:
        """점검 실행: compute (or refresh) the month's findings in the background."""
        ctx, actor, month = self.host.ctx, self.host.actor, self.month()
        self.running = True
        self.status.setText(self.tr("{month} 접속기록을 점검하는 중…").format(month=month.label()))
        self._update_buttons()

        def done(review: MonthReview) -> None:
            self.running = False
            self._loaded(review)
            self.status.setText(self.tr("점검을 마쳤습니다: 발견 사항 {n}건.").format(n=len(review.findings)))

        def failed(exc: BaseException) -> bool:
            self.running = False
            self._update_buttons()
            return self._failed(exc)

        self.host.runner.run(
            lambda: rv.run(ctx, actor, month),
            owner=self,
            on_done=done,
            on_error=failed,
            changes=frozenset({"review"}),
        )

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.status.setText(str(exc))
            return True
        return False

    def _loaded(self, review: MonthReview) -> None:
        if review.month != str(self.month()):
            return  # an answer for a month no longer picked
        keep = self.selected()
        self.review = review
        self.state_label.setText(state_html(review))
        self.accounts_model.set_review(review)
        self.findings_model.set_rows(list(review.findings))
        self.tabs.setTabText(0, self.tr("발견 사항 ({n})").format(n=len(review.findings)))
        self.tabs.setTabText(1, self.tr("계정별 요약 ({n})").format(n=len(review.accounts)))
        self.thresholds_label.setText(
            self.tr("점검 기준: ") + " · ".join(f"{k} {v}" for k, v in review.thresholds)
            if review.thresholds
            else ""
        )
        target = self._select_next or (keep.id if keep is not None else None)
        if target is not None and self.select(target):
            self._select_next = None
        elif review.findings and self.selected() is None:
            self.findings_table.selectRow(0)
        self._selection_changed()

    def selected(self) -> Finding | None:
        return selected_row(self.findings_table, self.findings_model)

    def select(self, finding_id: int) -> bool:
        return select_where(self.findings_table, self.findings_model, lambda f: f.id == finding_id)

    def signed(self) -> bool:
        return self.review is not None and self.review.signed is not None

    def _update_buttons(self) -> None:
        f = self.selected()
        open_month = self.review is not None and not self.signed() and not self.running
        j = f.justification if f is not None else None
        self.normal_button.setEnabled(open_month and f is not None)
        self.action_button.setEnabled(open_month and f is not None)
        self.ask_button.setEnabled(open_month and f is not None and f.account is not None and j is None)
        answered = j is not None and j.state == rv.JState.ANSWERED
        self.accept_button.setEnabled(open_month and answered)
        self.reject_button.setEnabled(open_month and answered)
        self.run_button.setEnabled(not self.running and (self.review is None or not self.signed()))
        ended = self.review is not None and Month.parse(self.review.month).last_day() < clock.today_kst()
        checked = self.review is not None and (self.review.entries > 0 or bool(self.review.findings))
        self.sign_button.setEnabled(open_month and ended and checked)
        self.print_button.setEnabled(checked and not self.running)

    def _selection_changed(self) -> None:
        self._update_buttons()
        f = self.selected()
        if f is None:
            self.entries_model.set_rows([])
            self._entries_for = None
            self.detail_label.setText(
                self.tr("발견 사항을 고르면 근거가 된 접속기록과 내용이 여기에 나옵니다.")
            )
            return
        self.detail_label.setText(finding_detail_html(f))
        if self._entries_for != f.id:
            self._entries_for = f.id
            self.entries_model.set_rows([])
            ctx, actor, fid = self.host.ctx, self.host.actor, f.id
            self.host.runner.run(
                lambda: (fid, rv.finding_entries(ctx, actor, fid)),
                owner=self,
                on_done=self._entries_loaded,
                on_error=self._failed,
            )

    def _entries_loaded(self, result: tuple[int, list[ReadableRow]]) -> None:
        fid, rows = result
        if fid == self._entries_for:
            self.entries_model.set_rows(rows)

    # -- actions --------------------------------------------------------------------------------------
    def _open(self, dialog: ReviewForm) -> ReviewForm:
        dialog.done_with.connect(self._changed)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _changed(self, result: Any) -> None:
        fid = getattr(result, "finding_id", None) or getattr(result, "id", None)
        if isinstance(result, Finding):
            fid = result.id
        if fid is not None:
            self._select_next = fid

    def record(self, result: rv.Result) -> ReviewForm | None:
        f = self.selected()
        if f is None or self.signed():
            return None
        return self._open(ResultDialog(self.host, self, f, result))

    def ask(self) -> ReviewForm | None:
        f = self.selected()
        if f is None or f.account is None or self.signed():
            return None
        return self._open(AskDialog(self.host, self, f, justification_days(self.host)))

    def decide(self, accept: bool) -> ReviewForm | None:
        f = self.selected()
        if f is None or f.justification is None or self.signed():
            return None
        return self._open(DecideDialog(self.host, self, f, f.justification, accept))

    def sign(self) -> ReviewForm | None:
        if self.review is None or self.signed():
            return None
        dialog = SignDialog(self.host, self, self.month(), self.review)
        dialog.done_with.connect(
            lambda _s: self.status.setText(self.tr("서명했습니다. 이 달의 점검이 끝났습니다."))
        )
        return self._open(dialog)

    def print_report(self, reason: str | None = None) -> Any:
        """결과 출력: the 접속기록 점검 결과 PDF (summary, findings, results, sign-off, head) rendered in
        the background and opened in the print preview; the reason is asked (and logged)."""
        if self.review is None:
            return None
        from privdesk.ui.cctv.common import PrintJob

        ctx, actor, month = self.host.ctx, self.host.actor, self.month()
        job = PrintJob.start(
            self.host,
            self,
            self.tr("접속기록 점검 결과 {month}").format(month=month.label()),
            f"access-review-{month}.pdf",
            lambda out, _on_page, why: print_review(ctx, actor, month, out, reason=why),
            reason=reason,
        )  # asks the reason (recent ones offered) unless given
        self.print_job = job
        return job


def justification_days(host: PageHost) -> int | None:
    """The configured 소명 deadline in days (profile ``[review]``), when the profile has it."""
    rules = getattr(host.ctx.profile, "review", None)
    days = getattr(rules, "justification_days", None)
    return days if isinstance(days, int) else None


# -- rich text ----------------------------------------------------------------------------------------
def state_html(r: MonthReview) -> str:
    """The month's state in one or two lines: entries, accounts, findings, the sign-off."""
    month = Month.parse(r.month)
    no_result, unanswered, undecided = open_items(r)
    span = (
        translate("ReviewPage", " (순번 {first}–{last})").format(
            first=f"{r.first_seq:,}", last=f"{r.last_seq:,}"
        )
        if r.first_seq is not None and r.last_seq is not None
        else ""
    )
    line = translate(
        "ReviewPage",
        "{month}: 접속기록 {entries}건{span}, 계정 {accounts}개, 발견 사항 {findings}건 "
        "(결과 미기록 {open}건, 소명 답변 대기 {unanswered}건, 판단 대기 {undecided}건)",
    ).format(
        month=month.label(),
        entries=f"{r.entries:,}",
        span=span,
        accounts=len(r.accounts),
        findings=len(r.findings),
        open=no_result,
        unanswered=unanswered,
        undecided=undecided,
    )
    not_signed, signed = translate("ReviewPage", "서명 전"), translate("ReviewPage", "서명됨")
    if r.entries == 0 and not r.findings and r.signed is None:
        line = translate("ReviewPage", "{month}: 아직 점검하지 않았습니다. '점검 실행'을 누르십시오.").format(
            month=month.label()
        )
    if r.signed is None:
        state = f"<b style='color:{AMBER}'>{escape(not_signed)}</b>"
    else:
        s = r.signed
        state = f"<b style='color:{GREEN}'>{escape(signed)}</b> " + escape(
            translate("ReviewPage", "{who}, {at} — 서명 때 접속기록 끝: {seq}번 · {hash}…").format(
                who=who(s.by_name, s.by),
                at=clock.fmt_datetime(s.at),
                seq=f"{s.head_seq:,}",
                hash=s.head_hash[:16],
            )
        )
    return f"{escape(line)}<br>{state}"


def finding_detail_html(f: Finding) -> str:
    """The lower-right pane: the finding, its rule, reason, result and 소명 thread."""

    def table(rows: list[tuple[str, str]]) -> str:
        body = "".join(
            f"<tr><td style='color:{GREY}; padding:1px 12px 1px 0' valign='top'>{escape(k)}</td>"
            f"<td style='padding:1px 0'>{escape(v).replace(chr(10), '<br>')}</td></tr>"
            for k, v in rows
        )
        return f"<table>{body}</table>"

    rows = [
        (
            translate("ReviewPage", "계정"),
            who(f.account_name, f.account) + (f" · {f.department}" if f.department else ""),
        ),
        (translate("ReviewPage", "규칙·기준"), f.rule),
        (translate("ReviewPage", "건수"), f"{f.entry_count:,}"),
        (translate("ReviewPage", "가중치"), str(f.weight)),
    ]
    if f.kind in REASON_KINDS or f.reason:
        rows.append((translate("ReviewPage", "기록된 사유"), reason_text(f)))
    result_rows = [(translate("ReviewPage", "결과"), result_text(f))]
    if f.result is not None:
        result_rows += [
            (translate("ReviewPage", "메모"), f.result_note or ""),
            (
                translate("ReviewPage", "기록"),
                f"{clock.fmt_datetime(f.result_at) if f.result_at else ''} · {f.result_by_name or f.result_by or ''}",
            ),
        ]
    result_label, j_label = translate("ReviewPage", "점검 결과"), translate("ReviewPage", "소명")
    html = (
        f"<h3 style='margin:0'>{escape(rv.KIND_LABELS.get(f.kind, str(f.kind)))}</h3>"
        f"<p style='margin:2px 0 6px 0'>{escape(f.summary)}</p>{table(rows)}"
        f"<h4 style='margin:8px 0 2px 0'>{escape(result_label)}</h4>{table(result_rows)}"
    )
    if f.justification is not None:
        html += f"<h4 style='margin:8px 0 2px 0'>{escape(j_label)}</h4>{thread_html(f.justification)}"
    return html


def review_page(host: PageHost, parent: QWidget | None) -> Page:
    """The factory for :class:`~privdesk.ui.pages.PageSpec` (``audit.review``)."""
    return ReviewPage(host, parent)


__all__ = [
    "AccountsModel",
    "EntriesModel",
    "FindingsModel",
    "ReviewPage",
    "entry_cells",
    "finding_detail_html",
    "review_page",
    "state_html",
]
