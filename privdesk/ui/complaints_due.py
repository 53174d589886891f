"""The complaints line on the start page (내 정보) of the officer and the privacy staff: the overdue
and due-soon complaints (개인정보 침해 신고·상담), one line each with the days left, red when any is
overdue, amber when one is due within three days, and a button to the complaints desk
(:mod:`privdesk.ui.complaints`). The complainant is masked."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from privdesk.accounts.permissions import Permission
from privdesk.complaints.desk import DueSummary, due_summary
from privdesk.errors import PrivdeskError
from privdesk.ui.host import PageHost
from privdesk.ui.requests_common import days_left_text

COMPLAINTS_PAGE = "complaints"
LATE_STYLE = ("QFrame#complaintsBox { background: #fde7e9; border: 1px solid #f1a7ae; }"
              " QLabel { color: #7f0000; }")
SOON_STYLE = "QFrame#complaintsBox { background: #fff3e0; border: 1px solid #f0c080; } QLabel { color: #8a4b00; }"
CALM_STYLE = "QFrame#complaintsBox { background: #f4f5f7; border: 1px solid #d0d4da; } QLabel { color: #333; }"


class ComplaintsDueBox(QFrame):
    """Shown to whoever handles complaints (``incident.handle``)."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("complaintsBox")
        self.summary: DueSummary | None = None
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        self.line = QLabel(self)
        self.line.setObjectName("complaintsLine")
        self.line.setWordWrap(True)
        self.line.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.line, 1)
        self.button = QPushButton(self.tr("신고·상담 열기"), self)
        self.button.setObjectName("openComplaintsButton")
        self.button.clicked.connect(lambda _c=False: self.host.show_page(COMPLAINTS_PAGE))
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet(CALM_STYLE)

    def reload(self) -> None:
        actor = self.host.actor
        if not actor.may(Permission.INCIDENT_HANDLE):
            self.hide()
            return
        self.show()
        keys = getattr(self.host, "page_keys", None)
        self.button.setVisible(keys is None or COMPLAINTS_PAGE in keys())
        ctx = self.host.ctx
        self.host.runner.run(lambda: due_summary(ctx, actor), owner=self, on_done=self.show_summary,
                             on_error=self._failed)

    def show_summary(self, s: DueSummary) -> None:
        self.summary = s
        if not s.rows:
            self.line.setText(escape(self.tr("기한이 지났거나 임박한 개인정보 침해 신고·상담이 없습니다 (처리 중 {n}건).")
                                     .format(n=s.open)))
            self.setStyleSheet(CALM_STYLE)
            return
        title = self.tr("개인정보 침해 신고·상담: 기한 경과 {overdue}건, 임박 {soon}건 (처리 중 {n}건)").format(
            overdue=s.overdue, soon=s.due_soon, n=s.open)
        lines = [f"<b>{escape(title)}</b>"]
        for r in s.rows[:5]:
            left = escape(days_left_text(r.days_left, r.urgency))
            lines.append(f"{escape(r.number)} · {escape(r.who)} · {escape(r.topic)} · <b>{left}</b>")
        if len(s.rows) > 5:
            lines.append(escape(self.tr("외 {n}건").format(n=len(s.rows) - 5)))
        self.line.setText("<br>".join(lines))
        self.setStyleSheet(LATE_STYLE if s.overdue else SOON_STYLE)

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.line.setText(escape(self.tr("신고·상담 현황을 불러오지 못했습니다: {error}").format(error=str(exc))))
            self.setStyleSheet(CALM_STYLE)
            return True
        return False
