"""The data-subject request screen (정보주체 요구): the inbox on the 10-day clock.

Open requests come first, by due date (the most urgent on top), then the closed ones, newest first
(the order of :func:`privdesk.rights.requests.list_requests`). The 남은 날 cell is coloured — overdue
red, due within three days amber — and says so in words as well. Names are masked in the list.
"요구 접수" opens the intake (:mod:`privdesk.ui.requests.intake`); a double-click or "열기" opens the
request detail (:mod:`privdesk.ui.requests.detail`), which walks the request through its states.

The page needs ``request.handle`` (정보주체 요구 처리), like every use case behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.rights import requests as requests_uc
from privdesk.rights.requests import RELATION_LABELS, RequestDetail, RequestRow, Urgency
from privdesk.ui.cctv.common import PrintJob
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.requests.common import (
    INFO_STYLE,
    KIND_TEXT,
    OK_STYLE,
    RELATION_TEXT,
    STATE_TEXT,
    days_left_text,
    label,
)
from privdesk.ui.requests.detail import RequestDetailDialog
from privdesk.ui.requests.intake import IntakeDialog
from privdesk.ui.tablemodel import Column
from privdesk.ui.widgets import heading
from privdesk.ui.workflow import ClockModel, RequestInbox

CTX = "RequestsModel"
OPEN, ALL = "open", "all"


def requester_cell(r: RequestRow) -> str:
    if r.relation == "self" or r.relation not in RELATION_LABELS:
        return r.requester
    return f"{r.requester} ({label(RELATION_TEXT, r.relation)})"


def state_cell(r: RequestRow) -> str:
    text = label(STATE_TEXT, r.state)
    if r.held and r.urgency != Urgency.CLOSED:
        text += " · " + QCoreApplication.translate("RequestsModel", "처리정지 중")
    return text


class RequestsModel(ClockModel[RequestRow]):
    """The inbox rows, in the order the use case gives them (an overdue one red and bold)."""

    CONTEXT = CTX
    COL_NUMBER, COL_KIND, COL_SUBJECT, COL_REQUESTER, COL_RECEIVED, COL_DUE, COL_LEFT, COL_STATE = range(8)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("RequestsModel", "접수번호"), lambda r: r.number),
        Column(QT_TRANSLATE_NOOP("RequestsModel", "구분"), lambda r: label(KIND_TEXT, r.kind)),
        Column(QT_TRANSLATE_NOOP("RequestsModel", "정보주체"), lambda r: r.subject),
        Column(QT_TRANSLATE_NOOP("RequestsModel", "요구인"), requester_cell),
        Column(
            QT_TRANSLATE_NOOP("RequestsModel", "접수일"),
            lambda r: clock.to_kst(r.received_at).date().isoformat(),
            lambda r: r.received_at,
        ),
        Column(QT_TRANSLATE_NOOP("RequestsModel", "기한"), lambda r: r.due.isoformat()),
        Column(
            QT_TRANSLATE_NOOP("RequestsModel", "남은 날"),
            lambda r: days_left_text(r.days_left, r.urgency),
            lambda r: r.days_left,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("RequestsModel", "상태"), state_cell),
    )


class RequestsPage(RequestInbox[RequestRow, RequestDetailDialog], Page):
    """정보주체 요구 (permission: request.handle)."""

    SHOWS = frozenset({"requests", "registry"})  # the requests and the patients they name or hold

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("requestsPage")
        self.dialog: QDialog | QMessageBox | None = None  # the dialog an action opened (tests reach it here)
        self.print_job: PrintJob | None = None
        self.last_intake: RequestDetail | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("정보주체 요구"), self))
        intro = QLabel(
            self.tr(
                "열람·정정·삭제·처리정지·동의철회 요구를 접수일부터 {days}일 안에 처리하거나 통지합니다. "
                "열람만 정당한 사유가 있을 때 연기 통지서를 보내고 연기할 수 있으며, 정정·삭제·처리정지는 기한 안에 "
                "일부 완료나 거절로 답합니다."
            ).format(days=host.ctx.profile.request_days),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.new_button = self._button(bar, "newRequestButton", self.tr("요구 접수…"), self.new_request)
        self.open_button = self._button(bar, "openRequestButton", self.tr("열기"), self.open_selected)
        self.blank_poa_button = self._button(
            bar, "blankPoaButton", self.tr("빈 위임장 출력"), self.print_blank_poa
        )
        self.blank_poa_button.setToolTip(
            self.tr("대리인이 요구할 때 정보주체가 써 주는 위임장 [별지 제11호서식]")
        )
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("보기"), self))
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("filterCombo")
        self.filter_combo.addItem(self.tr("처리 중인 요구"), OPEN)
        self.filter_combo.addItem(self.tr("전체 (종결 포함)"), ALL)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.filter_combo)
        layout.addLayout(bar)

        self.add_inbox(layout, RequestsModel(self))

    def _button(self, bar: QHBoxLayout, name: str, text: str, slot: Any) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        bar.addWidget(b)
        return b

    def print_blank_poa(self) -> PrintJob:
        """A blank 위임장 [별지 제11호서식] into the PDF preview (for a visitor to take home)."""
        from pathlib import Path

        from privdesk.files import protected_files
        from privdesk.rights import printing

        ctx, actor = self.host.ctx, self.host.actor
        job = PrintJob(
            self.host.runner,
            self,
            self.tr("위임장"),
            "위임장.pdf",  # blank: no personal data, no reason
            lambda out, on_page, _why: printing.print_blank_power_of_attorney(
                ctx, actor, Path(out), on_page=on_page
            ),
            reason=None,
            protected=protected_files(ctx.settings),
        )
        self.print_job = job
        return job

    # -- loading ------------------------------------------------------------------------------------
    @property
    def open_only(self) -> bool:
        return bool(self.filter_combo.currentData() == OPEN)

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def search_box(self) -> QWidget | None:
        return self.filter_combo

    def new_action(self) -> Callable[[], object] | None:
        return self.new_request

    def print_action(self) -> Callable[[], object] | None:
        """Ctrl+P: the selected request's 요구서 (None when no request is selected)."""
        return self.print_selected if self.selected() is not None else None

    def print_selected(self) -> PrintJob | None:
        """The selected request's 요구서 into the preview, through PrintJob (the reason is asked
        first; None when cancelled or nothing is selected)."""
        from pathlib import Path

        from privdesk.rights import printing

        r = self.selected()
        if r is None:
            return None
        ctx, actor, rid = self.host.ctx, self.host.actor, r.id
        kind = printing.NoticeKind.REQUEST_FORM
        title = printing.NOTICE_TITLES[kind]
        job = PrintJob.start(
            self.host,
            self,
            title,
            f"{r.number}-{title}.pdf".replace(" ", "_"),
            lambda out, on_page, why: printing.print_notice(
                ctx, actor, rid, kind, Path(out), reason=why, on_page=on_page
            ),
        )
        if job is not None:
            self.print_job = job
        return job

    def reload(self) -> None:
        ctx, actor, open_only = self.host.ctx, self.host.actor, self.open_only
        self.host.runner.run(
            lambda: requests_uc.list_requests(ctx, actor, open_only=open_only),
            owner=self,
            on_done=self.loaded,
        )

    # -- intake ---------------------------------------------------------------------------------------
    def new_request(self) -> IntakeDialog:
        dialog = IntakeDialog(self.host, self)
        dialog.received.connect(self._received)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _received(self, detail: RequestDetail) -> None:
        self.last_intake = detail
        text = self.tr("{number} {kind} 요구를 접수했습니다. 처리 기한 {due}.").format(
            number=detail.number, kind=label(KIND_TEXT, detail.kind), due=detail.row.due.isoformat()
        )
        if detail.row.held:
            text += " " + self.tr(
                "환자 기록에 처리정지를 걸었습니다: 요구를 처리할 때까지 출력·내보내기·제3자 제공을 "
                "할 수 없습니다."
            )
        if detail.subject_under_14:
            text += " " + self.tr("정보주체가 만 14세 미만입니다(법정대리인 요구).")
        self.announce(detail.id, text, OK_STYLE if not detail.row.held else INFO_STYLE)

    # -- detail ---------------------------------------------------------------------------------------
    def detail_dialog(self, request_id: int) -> RequestDetailDialog:
        return RequestDetailDialog(self, request_id)


def requests_page(host: PageHost, parent: QWidget | None) -> Page:
    """The factory for :class:`~privdesk.ui.pages.PageSpec` (``request.handle``)."""
    return RequestsPage(host, parent)
