"""The tabs of the 제3자 제공 screen: 제공 대장 (the ledger of a period, the entry form, printing,
CSV export) and 정보주체별 이력 (a chart number → every disclosure of that patient's data).

A double-click on a ledger row views the entry, read only (:class:`DisclosureViewDialog`); correcting
it is an explicit action (정정 기재, also from the view), which asks the reason first and writes it
into the correcting entry's note; the original entry stays as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.disclosures import ledger, printing, subjects
from privdesk.disclosures.ledger import DisclosureRow, FileChoice
from privdesk.disclosures.subjects import ChartHistory, SubjectChoice
from privdesk.errors import PrivdeskError
from privdesk.files import Output
from privdesk.ui import messages
from privdesk.ui.cctv.common import PrintJob
from privdesk.ui.disclosures.common import (
    DISCLOSURES,
    DisclosureHistoryModel,
    DisclosureLedgerModel,
    basis_label,
    date_edit,
)
from privdesk.ui.disclosures.form import DisclosureDialog
from privdesk.ui.disclosures.view import DisclosureViewDialog
from privdesk.ui.tablemodel import selected_row
from privdesk.ui.tasks import PRINTED, Changes
from privdesk.ui.widgets import ask_reason, record_table, to_date

if TYPE_CHECKING:
    from privdesk.ui.disclosures import DisclosuresPage


class DisclosureLedgerTab(QWidget):
    def __init__(self, page: DisclosuresPage) -> None:
        super().__init__(page)
        self.setObjectName("disclosureLedgerTab")
        self.page = page
        self.host = page.host
        self.stale = True
        self.files: list[FileChoice] = []
        self.entry_dialog: DisclosureDialog | None = None
        self.view_dialog: DisclosureViewDialog | None = None
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        today = clock.today_kst()
        filters.addWidget(QLabel(self.tr("이용·제공일"), self))
        self.first = date_edit(self, today.replace(month=1, day=1), "periodFrom")
        self.last = date_edit(self, today, "periodTo")
        filters.addWidget(self.first)
        filters.addWidget(QLabel("~", self))
        filters.addWidget(self.last)
        filters.addWidget(QLabel(self.tr("이용 부서·제공받는 자"), self))
        self.recipient = QLineEdit(self)
        self.recipient.setObjectName("recipientFilter")
        self.recipient.returnPressed.connect(self.reload)
        filters.addWidget(self.recipient)
        self.basis = QComboBox(self)
        self.basis.setObjectName("basisFilter")
        self.basis.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.basis.setMinimumContentsLength(16)
        self.basis.addItem(self.tr("법적 근거 전체"), None)
        for b in ledger.private_bases():
            self.basis.addItem(basis_label(b.code), b.code)
        filters.addWidget(self.basis)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kindFilter")
        self.kind.addItem(self.tr("구분 전체"), None)
        self.kind.addItem(self.tr("제3자 제공"), "provision")
        self.kind.addItem(self.tr("목적 외 이용"), "internal_use")
        filters.addWidget(self.kind)
        self.search_button = self._button(filters, "searchLedger", self.tr("조회"), self.reload)
        filters.addStretch(1)
        layout.addLayout(filters)
        bar = QHBoxLayout()
        self.new_button = self._button(bar, "newDisclosure", self.tr("이용·제공 기록"), self.new_entry)
        self.correct_button = self._button(
            bar, "correctDisclosure", self.tr("선택 기록 정정 기재"), self.correct_selected
        )
        bar.addStretch(1)
        self.print_button = self._button(bar, "printLedger", self.tr("대장 출력"), self.print_ledger)
        self.export_button = self._button(
            bar, "exportLedger", self.tr("CSV 내보내기"), self.choose_export_file
        )
        layout.addLayout(bar)
        self.model = DisclosureLedgerModel(self)
        self.table = record_table(self, "disclosureTable", self.model)  # columns fit their content
        self.table.doubleClicked.connect(lambda _i: self.view_selected())
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        self.basis.currentIndexChanged.connect(lambda _i: self.reload())
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())

    def _button(self, bar: QHBoxLayout, name: str, text: str, slot: Any) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        bar.addWidget(b)
        return b

    def run(self, fn: Any, on_done: Any = None, *, changes: Changes = False, on_error: Any = None) -> None:
        """Run a disclosures use case; ``changes=DISCLOSURES`` when it changed the disclosures data."""
        self.host.runner.run(
            fn,
            owner=self,
            on_done=on_done,
            on_error=on_error,
            changes=changes,
        )

    def period(self) -> tuple[dt.date, dt.date]:
        return to_date(self.first.date()), to_date(self.last.date())

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def search_box(self) -> QWidget | None:
        return self.recipient

    def new_action(self) -> Callable[[], object] | None:
        return self.new_entry

    def print_action(self) -> Callable[[], object] | None:
        return self.print_ledger

    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        first, last = self.period()
        recipient, basis = self.recipient.text().strip() or None, self.basis.currentData()
        kind = self.kind.currentData()
        self.run(
            lambda: ledger.list_disclosures(
                ctx, actor, first, last, recipient=recipient, legal_basis=basis, kind=kind
            ),
            self._loaded,
        )
        if not self.files:
            self.run(lambda: ledger.disclosure_files(ctx, actor), self._files_loaded)

    def _files_loaded(self, files: list[FileChoice]) -> None:
        self.files = files

    def _loaded(self, rows: list[DisclosureRow]) -> None:
        self.model.set_rows(rows)
        people = sum(r.subject_count for r in rows)
        self.status.setText(self.tr("{n}건, 정보주체 {people}명").format(n=len(rows), people=f"{people:,}"))

    # -- recording ------------------------------------------------------------------------------------
    def new_entry(self, corrects: DisclosureRow | None = None) -> DisclosureDialog:
        from privdesk.consent.purposes import purposes_from

        dialog = DisclosureDialog(
            self, self.files, corrects, consent_purposes=purposes_from(self.host.ctx.profile.raw)
        )
        dialog.lookup.connect(lambda chart: self._lookup(dialog, chart))
        dialog.submitted.connect(lambda: self._save(dialog))
        self.entry_dialog = dialog
        self.page.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def view_selected(self) -> DisclosureViewDialog | None:
        """The selected entry, read only (a double-click); 정정 from there starts a correction."""
        row = selected_row(self.table, self.model)
        if row is None:
            return None
        dialog = DisclosureViewDialog(self, row)
        dialog.correct_requested.connect(lambda: self.correct(row))
        self.view_dialog = dialog
        self.page.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def correct_selected(self) -> None:
        row = selected_row(self.table, self.model)
        if row is None:
            messages.show_info(self, self.tr("정정 기재"), self.tr("정정할 기록을 표에서 고르십시오."))
            return
        self.correct(row)

    def correct(self, row: DisclosureRow) -> DisclosureDialog | None:
        """A correcting entry for ``row`` (정정 기재): the reason first, then the form filled from
        the entry, the reason in its note. The original entry is never changed."""
        reason = ask_reason(
            self,
            self.host,
            self.host.actor,
            self.tr("정정 기재 — 사유"),
            self.tr(
                "{n}번 기록을 정정하는 사유를 적으십시오. 정정 기록의 비고에 남고, 원래 기록은 그대로 남습니다."
            ).format(n=row.id),
        )
        if reason is None:
            return None
        dialog = self.new_entry(row)
        dialog.note.setText(self.tr("정정 사유: {reason}").format(reason=" ".join(reason.split())))
        return dialog

    def _lookup(self, dialog: DisclosureDialog, chart: str) -> None:
        ctx, actor = self.host.ctx, self.host.actor

        def found(choice: SubjectChoice) -> None:
            if shiboken6.isValid(dialog):  # the form may have been closed meanwhile
                dialog.add_patient(choice)

        def failed(exc: BaseException) -> bool:
            if not shiboken6.isValid(dialog):
                return isinstance(exc, PrivdeskError)
            dialog.lookup_done()
            if isinstance(exc, PrivdeskError):
                dialog.failed(str(exc))
                return True
            return False

        self.run(lambda: subjects.find_patient(ctx, actor, chart), found, on_error=failed)

    def _save(self, dialog: DisclosureDialog) -> None:
        try:
            data = dialog.value()
        except PrivdeskError as exc:
            dialog.failed(str(exc))
            return
        ctx, actor = self.host.ctx, self.host.actor
        dialog.buttons.setEnabled(False)

        def done(_row: DisclosureRow) -> None:
            if shiboken6.isValid(dialog):
                dialog.accept()

        def failed(exc: BaseException) -> bool:
            if not shiboken6.isValid(dialog):
                return False  # shown by the runner as a message box
            dialog.buttons.setEnabled(True)
            if isinstance(exc, PrivdeskError):
                dialog.failed(str(exc))
                return True
            return False

        self.run(
            lambda: ledger.record_disclosure(ctx, actor, data), done, changes=DISCLOSURES, on_error=failed
        )

    # -- printing and export ---------------------------------------------------------------------------
    def print_ledger(self) -> PrintJob | None:
        first, last = self.period()
        if first > last:
            messages.show_error(
                self,
                PrivdeskError(self.tr("기간의 첫날이 마지막 날보다 늦습니다. 기간을 다시 지정하십시오.")),
            )
            return None
        ctx, actor = self.host.ctx, self.host.actor
        job = PrintJob.start(
            self.host,
            self,
            self.tr("개인정보의 목적 외 이용 및 제3자 제공 대장"),
            f"제3자제공대장-{first.isoformat()}_{last.isoformat()}.pdf",
            lambda out, on_page, why: printing.print_ledger(
                ctx, actor, first, last, Path(out), reason=why, on_page=on_page
            ),
        )
        if job is not None:
            self.page.print_job = job
        return job

    def choose_export_file(self) -> None:
        first, last = self.period()
        reason = ask_reason(
            self,
            self.host,
            self.host.actor,
            self.tr("내보내는 사유"),
            self.tr("제3자 제공 대장을 파일로 내보내는 사유를 적으십시오. 접속기록에 남습니다."),
        )
        if reason is None:
            return
        default = f"제3자제공대장-{first.isoformat()}_{last.isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("제3자 제공 대장 내보내기"), default, self.tr("CSV 파일 (*.csv)")
        )
        if path:
            self.export_to(Path(path), reason)

    def export_to(self, path: Path, reason: str) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        first, last = self.period()
        self.export_button.setEnabled(False)

        def done(n: int) -> None:
            self.export_button.setEnabled(True)
            self.page.last_export = (path, n)
            messages.show_info(
                self,
                self.tr("내보내기 완료"),
                self.tr("제3자 제공 기록 {n}건을 내보냈습니다: {path}").format(n=n, path=path),
                self.tr("내보낸 파일도 개인정보 처리 기록입니다. 보관과 파기에 주의하십시오."),
            )

        def failed(_exc: BaseException) -> bool:
            self.export_button.setEnabled(True)
            return False

        out = Output(path, force=True)  # the save dialog asked before replacing a file
        self.run(
            lambda: printing.export_csv(ctx, actor, first, last, out, reason=reason),
            done,
            changes=PRINTED,  # an export writes the access log only
            on_error=failed,
        )


# -- the per-subject history tab ---------------------------------------------------------------------------------
class DisclosureHistoryTab(QWidget):
    """정보주체별 이력: a chart number → every disclosure of that patient's data (a logged look)."""

    def __init__(self, page: DisclosuresPage) -> None:
        super().__init__(page)
        self.setObjectName("disclosureHistoryTab")
        self.page = page
        self.host = page.host
        self.stale = False
        self.result: ChartHistory | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("차트번호"), self))
        self.chart = QLineEdit(self)
        self.chart.setObjectName("historyChart")
        self.chart.returnPressed.connect(self.search)
        bar.addWidget(self.chart)
        self.search_button = QPushButton(self.tr("조회"), self)
        self.search_button.setObjectName("searchHistory")
        self.search_button.clicked.connect(lambda _c=False: self.search())
        bar.addWidget(self.search_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.summary = QLabel(
            self.tr("차트번호로 환자를 찾으면 그 환자의 개인정보를 제3자에게 제공한 기록이 모두 나옵니다."),
            self,
        )
        self.summary.setObjectName("historySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = DisclosureHistoryModel(self)
        self.table = record_table(self, "historyTable", self.model)
        layout.addWidget(self.table, 1)

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def search_box(self) -> QWidget | None:
        return self.chart

    def reload(self) -> None:
        if self.result is not None:
            self.search()

    def search(self) -> None:
        chart = self.chart.text().strip()
        if not chart:
            return
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(
            lambda: subjects.chart_history(ctx, actor, chart), owner=self, on_done=self._shown
        )

    def _shown(self, result: ChartHistory) -> None:
        self.result = result
        self.model.set_rows(list(result.rows))
        self.summary.setText(
            self.tr("{label} — 제3자 제공 {n}건").format(label=result.label, n=len(result.rows))
        )
