"""The complaints line on the start page (내 정보) of the officer and the privacy staff: the overdue
and due-soon complaints (개인정보 침해 신고·상담), one line each with the days left, red when any is
overdue, amber when one is due within three days, and a button to the complaints desk
(:mod:`privdesk.ui.complaints.page`). The complainant is masked."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QWidget

from privdesk.accounts.permissions import Permission
from privdesk.complaints.desk import DueSummary, due_summary
from privdesk.ui.host import PageHost
from privdesk.ui.requests.common import days_left_text
from privdesk.ui.startbox import CALM, LATE, SOON, StartBox, box_styles

COMPLAINTS_PAGE = "complaints"
STYLES = box_styles("complaintsBox")
LATE_STYLE, SOON_STYLE, CALM_STYLE = STYLES[LATE], STYLES[SOON], STYLES[CALM]


class ComplaintsDueBox(StartBox):
    """Shown to whoever handles complaints (``incident.handle``)."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent, name="complaintsBox", line_name="complaintsLine", page=COMPLAINTS_PAGE,
                         button_name="openComplaintsButton",
                         permission=Permission.INCIDENT_HANDLE, styles=STYLES)
        self.button.setText(self.tr("신고·상담 열기"))
        self.summary: DueSummary | None = None

    def fetch(self) -> Callable[[], DueSummary]:
        ctx, actor = self.host.ctx, self.host.actor
        return lambda: due_summary(ctx, actor)

    def failed_text(self, error: str) -> str:
        return escape(self.tr("신고·상담 현황을 불러오지 못했습니다: {error}").format(error=error))

    def show_summary(self, s: DueSummary) -> None:
        self.summary = s
        if not s.rows:
            self.line.setText(escape(self.tr("기한이 지났거나 임박한 개인정보 침해 신고·상담이 없습니다 (처리 중 {n}건).")
                                     .format(n=s.open)))
            self.set_tone(CALM)
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
        self.set_tone(LATE if s.overdue else SOON)
