"""The permission history screen (권한 변경 이력, 안전성 확보조치 기준 제5조③).

Every grant, change and revocation of an account's access: who, whom, what, when and why.
Filtered by account and period; printable when the PDF record module is installed.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock, files
from privdesk.accounts import users
from privdesk.accounts.permissions import Permission
from privdesk.context import Actor, AppContext
from privdesk.files import Output
from privdesk.ui import messages
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import SORT_ROLE, Column, RowTableModel
from privdesk.ui.tables import remember_table
from privdesk.ui.tasks import PRINTED
from privdesk.ui.widgets import PeriodFilter, ask_reason, fmt_datetime, heading, sort_key_datetime

CTX = "PermissionHistoryModel"

# Source texts match privdesk.accounts.users.CHANGE_LABELS; here they are translatable.
CHANGE_LABELS: dict[str, str] = {
    "create": QT_TRANSLATE_NOOP("PermissionHistoryModel", "계정 생성·권한 부여"),
    "roles": QT_TRANSLATE_NOOP("PermissionHistoryModel", "역할 변경"),
    "lock": QT_TRANSLATE_NOOP("PermissionHistoryModel", "계정 잠금"),
    "unlock": QT_TRANSLATE_NOOP("PermissionHistoryModel", "잠금 해제"),
    "password_reset": QT_TRANSLATE_NOOP("PermissionHistoryModel", "비밀번호 초기화"),
    "deactivate": QT_TRANSLATE_NOOP("PermissionHistoryModel", "계정 말소"),
    "role_permissions": QT_TRANSLATE_NOOP("PermissionHistoryModel", "역할 권한 변경"),
}


def change_label(change: users.PermissionChangeInfo) -> str:
    source = CHANGE_LABELS.get(change.change)
    return QCoreApplication.translate(CTX, source) if source else change.change_label


class PermissionHistoryModel(RowTableModel[users.PermissionChangeInfo]):
    CONTEXT = CTX
    COL_AT, COL_ACTOR, COL_TARGET, COL_CHANGE, COL_DETAIL, COL_REASON = range(6)
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("PermissionHistoryModel", "일시"),
            lambda c: fmt_datetime(c.at),
            lambda c: sort_key_datetime(c.at),
        ),
        Column(
            QT_TRANSLATE_NOOP("PermissionHistoryModel", "처리자"), lambda c: c.actor_label or c.actor_login
        ),
        Column(QT_TRANSLATE_NOOP("PermissionHistoryModel", "대상"), lambda c: c.target_label or c.target),
        Column(QT_TRANSLATE_NOOP("PermissionHistoryModel", "변경"), change_label),
        Column(QT_TRANSLATE_NOOP("PermissionHistoryModel", "내용"), lambda c: c.detail),
        Column(QT_TRANSLATE_NOOP("PermissionHistoryModel", "사유"), lambda c: c.reason),
    )


def printing_available() -> bool:
    """The PDF record (privdesk.reports.permission_history) is optional: no button without it."""
    try:
        return importlib.util.find_spec("privdesk.reports.permission_history") is not None
    except ModuleNotFoundError:
        return False


class PermissionHistoryPage(Page):
    """권한 변경 이력 (permission: audit.read or account.manage)."""

    SHOWS = frozenset({"accounts"})  # the roles granted and taken

    def __init__(self, host: PageHost, parent: QWidget | None = None, *, target: str = "") -> None:
        super().__init__(host, parent)
        self.setObjectName("permissionHistoryPage")
        layout = QVBoxLayout(self)
        if not target:
            layout.addWidget(heading(self.tr("권한 변경 이력"), self))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("계정"), self))
        self.target_edit = QLineEdit(target, self)
        self.target_edit.setObjectName("target")
        self.target_edit.setPlaceholderText(self.tr("아이디 (비우면 전체)"))
        self.target_edit.setClearButtonEnabled(True)
        self.target_edit.returnPressed.connect(self.reload)
        filters.addWidget(self.target_edit)
        self.period = PeriodFilter(self, days=365)
        filters.addWidget(self.period)
        self.search_button = QPushButton(self.tr("조회"), self)
        self.search_button.setObjectName("searchButton")
        self.search_button.clicked.connect(self.reload)
        filters.addWidget(self.search_button)
        filters.addStretch(1)
        self.print_button: QPushButton | None = None
        if printing_available() and host.actor.may(Permission.AUDIT_READ):
            self.print_button = QPushButton(self.tr("인쇄/PDF"), self)
            self.print_button.setObjectName("printButton")
            self.print_button.clicked.connect(self.print_pdf)
            filters.addWidget(self.print_button)
        layout.addLayout(filters)

        self.model = PermissionHistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PermissionHistoryModel.COL_AT, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        remember_table(self.table)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)

    def filters(self) -> dict[str, Any]:
        since, until = self.period.value()
        return {"target": self.target_edit.text().strip() or None, "since": since, "until": until}

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def search_box(self) -> QWidget | None:
        return self.target_edit

    def print_action(self) -> Callable[[], object] | None:
        return self.print_pdf if self.print_button is not None else None

    def reload(self) -> None:
        ctx, actor, f = self.host.ctx, self.host.actor, self.filters()
        self.host.runner.run(
            lambda: users.permission_history(ctx, actor, **f), owner=self, on_done=self._loaded
        )

    def _loaded(self, rows: list[users.PermissionChangeInfo]) -> None:
        self.model.set_rows(rows)
        self.status.setText(self.tr("{n}건").format(n=len(rows)))

    def print_pdf(self) -> None:
        reason = ask_reason(
            self,
            self.host,
            self.host.actor,
            self.tr("출력 사유"),
            self.tr("권한 변경 이력을 PDF로 저장하는 사유를 적으십시오. 접속기록에 남습니다."),
        )
        if reason is None:
            return
        stem = f"permission-history-{clock.today_kst().isoformat()}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("권한 변경 이력 PDF 저장"), stem, self.tr("PDF 파일 (*.pdf)")
        )
        if path:
            self.print_to(Path(path), reason)

    def print_to(self, path: Path, reason: str) -> None:
        """Render the filtered history to a PDF (인쇄용) in the background; the printing is logged."""
        ctx, actor, f = self.host.ctx, self.host.actor, self.filters()
        if self.print_button is not None:
            self.print_button.setEnabled(False)

        def done(result: tuple[int, int]) -> None:
            self._print_finished()
            pages, count = result
            messages.show_info(
                self,
                self.tr("PDF 저장"),
                self.tr("권한 변경 이력 {n}건을 {pages}쪽 PDF로 저장했습니다: {path}").format(
                    n=count, pages=pages, path=path
                ),
            )

        def failed(_exc: BaseException) -> bool:
            self._print_finished()
            return False

        out = Output(path, force=True)  # the save dialog asked before replacing a file
        self.host.runner.run(
            lambda: print_permission_history(ctx, actor, out, reason=reason, **f),
            owner=self,
            on_done=done,
            on_error=failed,
            changes=PRINTED,
        )

    def _print_finished(self) -> None:
        if self.print_button is not None:
            self.print_button.setEnabled(True)


def print_permission_history(
    ctx: AppContext,
    actor: Actor,
    path: Path | Output,
    *,
    reason: str,
    target: str | None,
    since: dt.date | None,
    until: dt.date | None,
) -> tuple[int, int]:
    """Read the history, render the record and log the printing with its reason (사유, checked
    first; the file is removed if the log entry is refused). Runs on the task pool. Returns (pages, rows)."""
    from privdesk.audit.reasons import require
    from privdesk.printing import record_print, witnessed
    from privdesk.reports import permission_history as report
    from privdesk.reports.template import period_text

    why = require(reason)
    rows = users.permission_history(ctx, actor, target=target, since=since, until=until)
    if since is not None and until is not None:
        period = period_text(since, until)
    else:
        period = QCoreApplication.translate("PermissionHistoryModel", "전체 기간")
    if target:
        period = f"{period} · {target}"
    meta = witnessed(ctx, report.meta_for(ctx.profile.name, actor, period))
    out = files.guarded(ctx.settings, path)
    pages = report.render_permission_history(
        out,
        meta,
        rows,
        before_publish=lambda n: record_print(
            ctx, actor, report.WHAT, f"{meta.record_no}; {meta.period}; {len(rows)}건; {n}쪽", reason=why
        ),
    )
    return pages, len(rows)
