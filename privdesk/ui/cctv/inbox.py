"""The request inbox tab (열람 요구): open viewing requests on the 10-day clock, most urgent first.

The days-left column is coloured by the core's urgency (:func:`privdesk.cctv.requests.urgency`):
overdue red, due soon orange, otherwise plain. "지난 요구 포함" adds the closed requests. A request
opens in :class:`~privdesk.ui.cctv.request.RequestDetailDialog`; "새 요구 접수" opens the intake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QVBoxLayout,
)

from privdesk.cctv import requests as requests_uc
from privdesk.cctv.common import fmt_window
from privdesk.cctv.requests import RequestDetail, RequestRow, Urgency
from privdesk.ui.cctv.common import (
    GONE_STYLE,
    KIND_TEXT,
    OK_STYLE,
    STATE_TEXT,
    CctvTab,
    PrintJob,
    days_left_text,
    label,
)
from privdesk.ui.cctv.intake import IntakeDialog
from privdesk.ui.cctv.request import RequestDetailDialog
from privdesk.ui.clocks import DUE_SOON_BACKGROUND as DUE_SOON_BACKGROUND  # the one set of clock colours
from privdesk.ui.clocks import DUE_SOON_FOREGROUND as DUE_SOON_FOREGROUND
from privdesk.ui.clocks import OVERDUE_BACKGROUND as OVERDUE_BACKGROUND
from privdesk.ui.clocks import OVERDUE_FOREGROUND as OVERDUE_FOREGROUND
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.tablemodel import Column
from privdesk.ui.widgets import fmt_datetime
from privdesk.ui.workflow import ClockModel, RequestInbox

if TYPE_CHECKING:
    from privdesk.ui.cctv.page import CctvPage

CTX = "CctvRequestsModel"


def state_cell(r: RequestRow) -> str:
    text = label(STATE_TEXT, r.state)
    return text + QCoreApplication.translate("Cctv", " · 영상 없음") if r.footage_gone else text


class RequestsModel(ClockModel[RequestRow]):
    """The inbox rows in the order the use case gives (open by due date, then closed, newest first);
    only the days-left cell is coloured."""

    WHOLE_ROW = False
    CLOSED_COLOUR = QColor(Qt.GlobalColor.gray)

    CONTEXT = CTX
    (
        COL_NUMBER,
        COL_KIND,
        COL_REQUESTER,
        COL_RECEIVED,
        COL_DUE,
        COL_LEFT,
        COL_STATE,
        COL_CAMERAS,
        COL_WINDOW,
    ) = range(9)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("CctvRequestsModel", "접수번호"), lambda r: r.number),
        Column(QT_TRANSLATE_NOOP("CctvRequestsModel", "구분"), lambda r: label(KIND_TEXT, r.kind)),
        Column(QT_TRANSLATE_NOOP("CctvRequestsModel", "청구인"), lambda r: r.requester),
        Column(QT_TRANSLATE_NOOP("CctvRequestsModel", "접수 일시"), lambda r: fmt_datetime(r.received_at)),
        Column(QT_TRANSLATE_NOOP("CctvRequestsModel", "처리 기한"), lambda r: r.due.isoformat()),
        Column(
            QT_TRANSLATE_NOOP("CctvRequestsModel", "남은 기간"),
            lambda r: days_left_text(r.days_left, r.urgency == Urgency.CLOSED),
            lambda r: r.days_left,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("CctvRequestsModel", "상태"), state_cell),
        Column(QT_TRANSLATE_NOOP("CctvRequestsModel", "카메라"), lambda r: ", ".join(r.cameras)),
        Column(
            QT_TRANSLATE_NOOP("CctvRequestsModel", "영상 기간"),
            lambda r: fmt_window(r.window_start, r.window_end),
        ),
    )


class InboxTab(RequestInbox[RequestRow, RequestDetailDialog], CctvTab):
    def __init__(self, page: CctvPage) -> None:
        super().__init__(page)
        self.setObjectName("inboxTab")
        self.last_intake: RequestDetail | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = self.button(bar, "newRequestButton", self.tr("새 요구 접수"), self.new_request)
        self.open_button = self.button(bar, "openRequestButton", self.tr("열기"), self.open_selected)
        bar.addStretch(1)
        self.include_closed = QCheckBox(self.tr("지난 요구 포함"), self)
        self.include_closed.setObjectName("includeClosed")
        self.include_closed.toggled.connect(lambda _on: self.reload())
        bar.addWidget(self.include_closed)
        layout.addLayout(bar)
        self.add_inbox(layout, RequestsModel(self))

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def new_action(self) -> Callable[[], object] | None:
        return self.new_request

    def print_action(self) -> Callable[[], object] | None:
        """Ctrl+P: the selected request's 청구서 (None when no request is selected)."""
        return self.print_selected if self.selected() is not None else None

    def print_selected(self) -> PrintJob | None:
        """The selected request's 열람·존재확인 청구서 into the preview, through PrintJob (the
        reason is asked first; None when cancelled or nothing is selected)."""
        from pathlib import Path

        from privdesk.cctv import printing

        r = self.selected()
        if r is None:
            return None
        ctx, actor, rid = self.host.ctx, self.host.actor, r.id
        return self.print_record(
            self.tr("개인영상정보 열람·존재확인 청구서"),
            f"{r.number}-청구서.pdf",
            lambda out, on_page, why: printing.print_request_form(
                ctx, actor, rid, Path(out), reason=why, on_page=on_page
            ),
        )

    # -- loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, open_only = self.host.ctx, self.host.actor, not self.include_closed.isChecked()
        self.run(
            lambda: requests_uc.list_requests(ctx, actor, open_only=open_only), self.loaded, changes=False
        )

    # -- intake ----------------------------------------------------------------------------------
    def new_request(self) -> None:
        dialog = IntakeDialog(self.host, self.page.cameras, self)
        dialog.received.connect(self._received)
        self.open_dialog(dialog)

    def _received(self, detail: RequestDetail) -> None:
        """Says at once what became of the footage: gone (past retention, not held) or held."""
        self.last_intake = detail
        if detail.row.footage_gone:
            text, style = (
                self.tr(
                    "{number} 접수: 요청한 기간의 영상은 보관기간이 지나 이미 없습니다(보존 연장 없음). "
                    "'보관기간 경과로 파기'를 사유로 결과를 통지하십시오. 처리 기한 {due}."
                ).format(number=detail.number, due=detail.row.due.isoformat()),
                GONE_STYLE,
            )
        else:
            cams = ", ".join(detail.row.cameras)
            text, style = (
                self.tr(
                    "{number} 접수: 카메라 {cameras}의 {window} 영상에 청구 종결 시까지 자동 보존 연장을 걸었습니다. "
                    "처리 기한 {due}."
                ).format(
                    number=detail.number,
                    cameras=cams,
                    window=fmt_window(detail.row.window_start, detail.row.window_end),
                    due=detail.row.due.isoformat(),
                ),
                OK_STYLE,
            )
        self.announce(detail.id, text, style)

    # -- detail ----------------------------------------------------------------------------------
    def detail_dialog(self, request_id: int) -> RequestDetailDialog:
        return RequestDetailDialog(self, request_id)

    def show_dialog(self, dialog: QDialog) -> None:
        self.open_dialog(dialog)
