"""The access-log viewer (접속기록 조회).

A log of millions of entries opens at once: :class:`AccessLogModel` loads one keyset page
(newest first) when the view asks for more rows (``canFetchMore`` / ``fetchMore``). Every entry
is shown in words (:mod:`privdesk.logview`): the account's name and department, the task
as a sentence, the subject as a chart number or record number, the details as words; long cells
show whole as tooltips. Filters by person (name or ID), patient (chart number or name, resolved
to internal references by the use cases), kind of action and period; the filtered view exports
to CSV after a reason is given (the export and its reason are logged by the use case); the hash
chain can be verified from here by accounts that may.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock, integrity, logview
from privdesk.accounts.permissions import Permission
from privdesk.audit import query, verify
from privdesk.errors import PrivdeskError
from privdesk.files import Output
from privdesk.ui import messages
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import Column, KeysetTableModel
from privdesk.ui.tables import remember_table
from privdesk.ui.tasks import EVERYTHING, PRINTED, TaskRunner
from privdesk.ui.widgets import PeriodFilter, ask_reason, fmt_datetime, heading

CTX = "AccessLogModel"
PAGE_SIZE = 200

# The kinds of action of privdesk.audit.query.CATEGORIES, marked for translation (the combo shows them).
CATEGORY_TEXTS = (
    QT_TRANSLATE_NOOP("AccessLogModel", "조회·검색"),
    QT_TRANSLATE_NOOP("AccessLogModel", "마스킹 해제"),
    QT_TRANSLATE_NOOP("AccessLogModel", "내보내기·출력"),
    QT_TRANSLATE_NOOP("AccessLogModel", "입력·변경·삭제"),
    QT_TRANSLATE_NOOP("AccessLogModel", "로그인·계정·권한"),
    QT_TRANSLATE_NOOP("AccessLogModel", "무결성·백업·시스템"),
)
OUTCOME_LABELS = {
    "ok": QT_TRANSLATE_NOOP("AccessLogModel", "성공"),
    "denied": QT_TRANSLATE_NOOP("AccessLogModel", "거부"),
    "failed": QT_TRANSLATE_NOOP("AccessLogModel", "실패"),
}


def outcome_label(code: str) -> str:
    source = OUTCOME_LABELS.get(code)
    return QCoreApplication.translate(CTX, source) if source else code


class AccessLogModel(KeysetTableModel[logview.ReadableRow]):
    """Lazy, newest first. ``fetcher(before_seq, limit)`` returns the next keyset page in words."""

    SERVER_ORDER = (0, Qt.SortOrder.DescendingOrder)  # 번호, newest first

    CONTEXT = CTX
    COL_SEQ, COL_AT, COL_ACTOR, COL_ACTION, COL_SUBJECT, COL_DETAIL, COL_OUTCOME = range(7)

    def __init__(
        self, parent: Any = None, page_size: int = PAGE_SIZE, *, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(lambda r: r.seq, parent, page_size, runner=runner)
        self.COLUMNS = (
            Column(
                QT_TRANSLATE_NOOP("AccessLogModel", "번호"),
                lambda r: str(r.seq),
                lambda r: r.seq,
                align_right=True,
            ),
            Column(QT_TRANSLATE_NOOP("AccessLogModel", "일시"), lambda r: fmt_datetime(r.at, seconds=True)),
            Column(QT_TRANSLATE_NOOP("AccessLogModel", "계정(이름·부서)"), lambda r: r.account_text),
            Column(QT_TRANSLATE_NOOP("AccessLogModel", "수행업무"), lambda r: r.task),
            Column(QT_TRANSLATE_NOOP("AccessLogModel", "대상"), lambda r: r.subject),
            Column(QT_TRANSLATE_NOOP("AccessLogModel", "상세"), lambda r: self._detail(r)),
            Column(QT_TRANSLATE_NOOP("AccessLogModel", "결과"), lambda r: outcome_label(r.outcome_code)),
        )

    @staticmethod
    def _detail(r: logview.ReadableRow) -> str:
        place = f"{r.workstation} ({r.ip})" if r.ip else r.workstation
        return f"{r.detail} — {place}" if r.detail else place


class AccessLogPage(Page):
    """접속기록 (permission: audit.read; export: audit.export; verify: audit.verify)."""

    SHOWS = EVERYTHING  # every use case writes the access log: reloads after any change

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("accessLogPage")
        actor = host.actor
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("접속기록"), self))

        row1 = QHBoxLayout()
        row1.addWidget(QLabel(self.tr("계정"), self))
        self.actor_edit = QLineEdit(self)
        self.actor_edit.setObjectName("actorFilter")
        self.actor_edit.setPlaceholderText(self.tr("이름 또는 아이디"))
        self.actor_edit.setClearButtonEnabled(True)
        row1.addWidget(self.actor_edit)
        row1.addWidget(QLabel(self.tr("수행업무"), self))
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("actionFilter")
        self.action_combo.addItem(self.tr("전체"), None)
        for code, text in query.categories():
            self.action_combo.addItem(QCoreApplication.translate(CTX, text), code)
        row1.addWidget(self.action_combo)
        row1.addWidget(QLabel(self.tr("환자"), self))
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setObjectName("subjectFilter")
        self.subject_edit.setPlaceholderText(
            self.tr("차트번호 또는 이름") if actor.may(Permission.PATIENT_READ) else self.tr("차트번호")
        )
        self.subject_edit.setClearButtonEnabled(True)
        row1.addWidget(self.subject_edit)
        row1.addStretch(1)
        layout.addLayout(row1)

        row2 = QHBoxLayout()
        self.period = PeriodFilter(self, days=30)
        row2.addWidget(self.period)
        self.search_button = QPushButton(self.tr("조회"), self)
        self.search_button.setObjectName("searchButton")
        self.search_button.clicked.connect(self.reload)
        row2.addWidget(self.search_button)
        row2.addStretch(1)
        self.export_button: QPushButton | None = None
        if actor.may(Permission.AUDIT_EXPORT):
            self.export_button = QPushButton(self.tr("CSV 내보내기"), self)
            self.export_button.setObjectName("exportButton")
            self.export_button.clicked.connect(self.choose_export_file)
            row2.addWidget(self.export_button)
        self.verify_button: QPushButton | None = None
        if actor.may(Permission.AUDIT_VERIFY):
            self.verify_button = QPushButton(self.tr("무결성 검증"), self)
            self.verify_button.setObjectName("verifyButton")
            self.verify_button.clicked.connect(self.verify_chain)
            row2.addWidget(self.verify_button)
        layout.addLayout(row2)
        for edit in (self.actor_edit, self.subject_edit):
            edit.returnPressed.connect(self.reload)

        self.last_verify: verify.VerifyResult | None = None
        self._shown: list[
            query.LogFilter
        ] = []  # the resolved filter of the rows on screen (see shown_filter)
        self.model = AccessLogModel(self, runner=host.runner)
        self.model.fetch_failed.connect(lambda exc: messages.show_error(self, exc))
        self.model.fetched.connect(self._update_status)
        self.table = QTableView(self)
        self.table.setObjectName("logTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        remember_table(self.table)  # sized to the content, remembered (privdesk.ui.tables)
        header.setSectionResizeMode(AccessLogModel.COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)

    def log_filter(self) -> query.LogFilter:
        """The filter as typed (person and patient not yet resolved: :meth:`_resolver`)."""
        since, until = self.period.value()
        return query.LogFilter(category=self.action_combo.currentData(), since=since, until=until)

    def _resolver(self) -> Callable[[], query.LogFilter]:
        """The filter with the person resolved to logins and the patient to internal references
        (through the use cases; the typed patient text is never kept or logged), as a function of
        what is typed now: the widgets are read here, on the GUI thread; the function (use cases
        only) runs on the task runner."""
        ctx, actor, flt = self.host.ctx, self.host.actor, self.log_filter()
        person, patient = self.actor_edit.text().strip(), self.subject_edit.text().strip()

        def resolve() -> query.LogFilter:
            return dataclasses.replace(
                flt,
                actors=logview.person_logins(ctx, actor, person) if person else (),
                subjects=logview.patient_refs(ctx, actor, patient) if patient else (),
            )

        return resolve

    @property
    def shown_filter(self) -> query.LogFilter | None:
        """The resolved filter of the rows on screen (None until the first page of this search was read)."""
        return self._shown[0] if self._shown else None

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def search_box(self) -> QWidget | None:
        return self.actor_edit

    def reload(self) -> None:
        """Start over with the current filter (the first page is read at once, the rest on scroll;
        both on the task runner)."""
        ctx, actor, resolve = self.host.ctx, self.host.actor, self._resolver()
        resolved: list[
            query.LogFilter
        ] = []  # this search's own: a late page of an older one never touches it

        def fetch(before: int | None, limit: int) -> list[logview.ReadableRow]:
            if not resolved:
                resolved.append(resolve())
            return logview.page(ctx, actor, resolved[0], before_seq=before, limit=limit)

        self._shown = resolved
        self.model.start(fetch)

    def _update_status(self) -> None:
        n = self.model.rowCount()
        if self.model.exhausted:
            self.status.setText(self.tr("{n}건").format(n=n))
        else:
            self.status.setText(self.tr("{n}건 표시 — 아래로 내리면 더 읽습니다").format(n=n))

    # -- export and verify ----------------------------------------------------------------
    def choose_export_file(self) -> None:
        reason = ask_reason(
            self,
            self.host,
            self.host.actor,
            self.tr("접속기록 내보내기"),
            self.tr("내보내는 까닭을 적으십시오. 사유는 내보내기 기록에 함께 남습니다."),
        )
        if reason is None:
            return
        default = f"access-log-{clock.today_kst().isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("접속기록 내보내기"), default, self.tr("CSV 파일 (*.csv)")
        )
        if path:
            self.export_to(Path(path), reason)

    def export_to(self, path: Path, reason: str) -> None:
        """Export the rows on screen (the filter of the last search) with ``reason``."""
        ctx, actor, shown = self.host.ctx, self.host.actor, self.shown_filter
        if self.export_button is not None:
            self.export_button.setEnabled(False)

        def done(count: int) -> None:
            self._export_finished()
            messages.show_info(
                self,
                self.tr("내보내기 완료"),
                self.tr("접속기록 {n}건을 내보냈습니다: {path}").format(n=count, path=path),
                self.tr("내보낸 파일도 개인정보 처리 기록입니다. 보관과 파기에 주의하십시오."),
            )

        def failed(_exc: BaseException) -> bool:
            self._export_finished()
            return False

        out = Output(path, force=True)  # the save dialog asked before replacing a file
        # the filter on screen, or the typed one resolved in the task (a patient or person it cannot
        # find is a known error: the runner shows it and no file is written)
        resolve = self._resolver() if shown is None else (lambda: shown)

        def export() -> int:
            return logview.export_csv(ctx, actor, resolve(), out, reason=reason)

        self.host.runner.run(export, owner=self, on_done=done, on_error=failed, changes=PRINTED)

    def _export_finished(self) -> None:
        if self.export_button is not None:
            self.export_button.setEnabled(True)

    def verify_chain(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        if self.verify_button is not None:
            self.verify_button.setEnabled(False)
            self.verify_button.setText(self.tr("검증 중…"))
        self.host.runner.run(
            lambda: integrity.verify_all(ctx, actor),
            owner=self,
            on_done=self._verified,
            on_error=self._verify_failed,
            changes=frozenset({"audit"}),
        )

    def _verify_finished(self) -> None:
        if self.verify_button is not None:
            self.verify_button.setEnabled(True)
            self.verify_button.setText(self.tr("무결성 검증"))

    def _verify_failed(self, _exc: BaseException) -> bool:
        self._verify_finished()
        return False

    def _verified(self, report: integrity.IntegrityReport) -> None:
        self._verify_finished()
        self.last_verify = report.chain
        self.last_report = report
        text = "\n".join(report.messages)
        if report.ok:
            messages.show_info(self, self.tr("무결성 검증"), text)
        else:
            messages.show_error(self, PrivdeskError(text))
