"""The yearly usage notice screen (이용·제공 내역 통지, 법 제20조의2) for the officer (``notice.manage``).

Whether the duty applies (the count of registered patients against the threshold, and what the
profile decides), whether the chosen year's notice is made, and the batches made with their
delivery counts. 통지문 만들기… renders the letters (one per patient) to the print preview through
the one print job (reason asked, logged per patient); 발송용 CSV 저장… writes the CSV for a mail/SMS
service (reason asked, then the save dialog); a year already made asks first and makes a numbered
reissue. 모두 발송 기록 and 반송 기록… record deliveries on the batch selected in the table (a
letter of 제1차 returned after the reissue belongs to 제1차), by default the chosen year's latest.
The use cases check every permission again.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.files import Output
from privdesk.notice.models import CSV, PDF, RETURNED, SENT
from privdesk.notice.usecases import BatchRow, MadeBatch, NoticeStatus, batches, deliver, make, status
from privdesk.ui import messages
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import Column, RowTableModel, selected_row
from privdesk.ui.tasks import Task
from privdesk.ui.widgets import ask_reason, bar_button, heading, record_table

YEARS_BACK = 5
CHANGES = frozenset({"notice"})


class BatchesModel(RowTableModel[BatchRow]):
    """The batches made, newest first, with their deliveries."""

    CONTEXT = "NoticeBatchesModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("NoticeBatchesModel", "통지"), lambda b: b.label),
        Column(QT_TRANSLATE_NOOP("NoticeBatchesModel", "형식"), lambda b: b.output.upper()),
        Column(
            QT_TRANSLATE_NOOP("NoticeBatchesModel", "만든 날"),
            lambda b: clock.fmt_datetime(b.made_at),
            lambda b: b.made_at,
        ),
        Column(QT_TRANSLATE_NOOP("NoticeBatchesModel", "만든 사람"), lambda b: b.made_by_label),
        Column(
            QT_TRANSLATE_NOOP("NoticeBatchesModel", "환자"),
            lambda b: f"{b.patients:,}",
            lambda b: b.patients,
            True,
        ),
        Column(
            QT_TRANSLATE_NOOP("NoticeBatchesModel", "제3자 제공"),
            lambda b: f"{b.provisions:,}",
            lambda b: b.provisions,
            True,
        ),
        Column(
            QT_TRANSLATE_NOOP("NoticeBatchesModel", "발송"), lambda b: f"{b.sent:,}", lambda b: b.sent, True
        ),
        Column(
            QT_TRANSLATE_NOOP("NoticeBatchesModel", "반송"),
            lambda b: f"{b.returned:,}",
            lambda b: b.returned,
            True,
        ),
        Column(
            QT_TRANSLATE_NOOP("NoticeBatchesModel", "미기록"),
            lambda b: f"{b.pending:,}",
            lambda b: b.pending,
            True,
        ),
        Column(QT_TRANSLATE_NOOP("NoticeBatchesModel", "사유"), lambda b: b.reason),
    )


class NoticePage(Page):
    """이용·제공 내역 통지 (notice.manage)."""

    SHOWS: ClassVar[frozenset[str]] = frozenset({"notice", "registry", "disclosures"})

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("noticePage")
        self.state: NoticeStatus | None = None
        self.print_job: object | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("개인정보 이용·제공 내역 통지"), self))
        intro = QLabel(
            self.tr(
                "민감정보·고유식별정보를 처리하는 정보주체가 5만 명 이상이면, 해마다 한 번 이상 개인정보의 "
                "이용 목적·항목과 제3자 제공 내역을 본인에게 알려야 합니다 (개인정보 보호법 제20조의2)."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        layout.addWidget(intro)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("stateLabel")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)

        bar = QHBoxLayout()
        self.letters_button = bar_button(
            self, bar, "lettersButton", self.tr("통지문 만들기…"), self.make_letters
        )
        self.csv_button = bar_button(self, bar, "csvButton", self.tr("발송용 CSV 저장…"), self.choose_csv)
        self.sent_button = bar_button(
            self, bar, "sentButton", self.tr("모두 발송 기록"), self.confirm_all_sent
        )
        self.returned_button = bar_button(
            self, bar, "returnedButton", self.tr("반송 기록…"), self.ask_returned
        )
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

        self.model = BatchesModel(self)
        self.table = record_table(self, "batchesTable", self.model, fit_contents=True)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def year(self) -> int:
        return int(self.year_combo.currentData())

    # -- loading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, year = self.host.ctx, self.host.actor, self.year()
        self.host.runner.run(
            lambda: (status(ctx, actor, year), batches(ctx, actor)), owner=self, on_done=self._loaded
        )

    def _loaded(self, result: tuple[NoticeStatus, list[BatchRow]]) -> None:
        self.state, rows = result
        self.model.set_rows(rows)
        s = self.state
        if not s.applies:
            year_text = self.tr("{year}년: 통지 의무가 적용되지 않습니다.").format(year=s.year)
        elif s.batch is not None:
            year_text = self.tr("{year}년: 통지함 — {label}, {n}명 (미기록 {pending}명).").format(
                year=s.year, label=s.batch.label, n=f"{s.batch.patients:,}", pending=f"{s.batch.pending:,}"
            )
        else:
            year_text = self.tr("{year}년: 아직 통지하지 않았습니다 (연내 통지).").format(year=s.year)
        self.state_label.setText(f"{s.count_text}\n{s.decision_text}\n{year_text}")
        self._update_buttons()

    def target(self) -> BatchRow | None:
        """The batch deliveries are recorded on: the one selected in the table, else the chosen
        year's latest."""
        chosen = selected_row(self.table, self.model)
        return chosen if chosen is not None else (self.state.batch if self.state is not None else None)

    def _update_buttons(self) -> None:
        b = self.target()
        self.sent_button.setEnabled(b is not None and b.pending > 0)
        self.returned_button.setEnabled(b is not None)

    def _reissue(self) -> bool | None:
        """False: the year's first batch; True: a reissue the officer confirmed; None: cancelled."""
        b = self.state.batch if self.state is not None else None
        if b is None:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("재발행"),
            self.tr(
                "{year}년 통지는 이미 만들었습니다 ({label}). 재발행(제{n}차)으로 다시 만드시겠습니까?"
            ).format(year=b.year, label=b.label, n=b.issue + 1),
        )
        return True if answer == QMessageBox.StandardButton.Yes else None

    # -- actions --------------------------------------------------------------------------------------
    def make_letters(self, reason: str | None = None, reissue: bool | None = None) -> object | None:
        """The year's letters to the print preview (reason asked unless given; logged per patient)."""
        from privdesk.ui.cctv.common import PrintJob

        again = self._reissue() if reissue is None else reissue
        if again is None:
            return None
        ctx, actor, year = self.host.ctx, self.host.actor, self.year()
        job = PrintJob.start(
            self.host,
            self,
            self.tr("{year}년 개인정보 이용·제공 내역 통지서").format(year=year),
            f"usage-notice-{year}.pdf",
            lambda out, on_page, why: make(
                ctx, actor, year, out, output=PDF, reason=why, reissue=again, on_page=on_page
            ),
            reason=reason,
        )
        if job is not None:
            job.finished.connect(lambda: self.host.runner.data_changed.emit(CHANGES))
        self.print_job = job
        return job

    def choose_csv(self) -> None:
        again = self._reissue()
        if again is None:
            return
        reason = ask_reason(
            self,
            self.host,
            self.host.actor,
            self.tr("내보내는 사유"),
            self.tr("문자·우편 발송 서비스에 보낼 파일을 만드는 사유를 적으십시오. 접속기록에 남습니다."),
        )
        if reason is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("발송용 CSV 저장"),
            f"usage-notice-{self.year()}.csv",
            self.tr("CSV 파일 (*.csv)"),
        )
        if path:
            self.export_csv(Path(path), reason, reissue=again)

    def export_csv(self, path: Path, reason: str, *, reissue: bool = False) -> Task:
        """The CSV for a mail/SMS service (name, address and phone in full: the service needs them)."""
        ctx, actor, year = self.host.ctx, self.host.actor, self.year()
        out = Output(path, force=True)  # the save dialog asked before replacing a file

        def done(r: MadeBatch) -> None:
            messages.show_info(
                self,
                self.tr("발송용 CSV"),
                self.tr("{label}: {n}명을 내보냈습니다: {path}").format(
                    label=r.batch.label, n=f"{r.batch.patients:,}", path=path
                ),
                self.tr("발송 서비스에 올린 뒤 파일을 지우십시오."),
            )

        return self.host.runner.run(
            lambda: make(ctx, actor, year, out, output=CSV, reason=reason, reissue=reissue),
            owner=self,
            on_done=done,
            changes=CHANGES,
        )

    def confirm_all_sent(self) -> Task | None:
        b = self.target()
        if b is None:
            return None
        answer = QMessageBox.question(
            self,
            self.tr("발송 기록"),
            self.tr("{label} 통지문 중 아직 기록이 없는 {n}건을 모두 발송한 것으로 기록하시겠습니까?").format(
                label=b.label, n=f"{b.pending:,}"
            ),
        )
        return self.record_all_sent() if answer == QMessageBox.StandardButton.Yes else None

    def _batch_key(self) -> tuple[int, int | None]:
        b = self.target()
        return (b.year, b.issue) if b is not None else (self.year(), None)

    def record_all_sent(self) -> Task:
        ctx, actor = self.host.ctx, self.host.actor
        year, issue = self._batch_key()
        return self.host.runner.run(
            lambda: deliver(ctx, actor, year, SENT, all_pending=True, issue=issue),
            owner=self,
            changes=CHANGES,
        )

    def ask_returned(self) -> Task | None:
        b = self.target()
        if b is None:
            return None
        text, ok = QInputDialog.getText(
            self,
            self.tr("반송 기록"),
            self.tr("{label} 통지문 중 반송된 것의 차트번호 (여러 개는 쉼표로):").format(label=b.label),
        )
        return self.record_returned(text) if ok and text.strip() else None

    def record_returned(self, charts: str) -> Task:
        ctx, actor = self.host.ctx, self.host.actor
        year, issue = self._batch_key()
        wanted = [c.strip() for c in charts.replace(" ", ",").split(",") if c.strip()]
        return self.host.runner.run(
            lambda: deliver(ctx, actor, year, RETURNED, charts=wanted, issue=issue),
            owner=self,
            changes=CHANGES,
        )


def notice_page(host: PageHost, parent: QWidget | None = None) -> NoticePage:
    return NoticePage(host, parent)
