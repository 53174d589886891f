"""The 72-hour clock on the start page (오늘 할 일) of the officer and the privacy staff: one line per
open incident with the hours left (or how late) of each duty that is not done, red when a duty is
late, amber within 24 hours, and a button to the register (:mod:`privdesk.ui.incidents.page`)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QWidget

from privdesk.accounts.permissions import Permission
from privdesk.incidents.register import ClockSummary, clock_summary
from privdesk.incidents.rules import Urgency
from privdesk.ui.host import PageHost
from privdesk.ui.startbox import CALM, LATE, SOON, StartBox, box_styles

INCIDENTS_PAGE = "incidents"
STYLES = box_styles("incidentsBox")
LATE_STYLE, SOON_STYLE, CALM_STYLE = STYLES[LATE], STYLES[SOON], STYLES[CALM]


class IncidentClockBox(StartBox):
    """Shown to whoever handles incidents (``incident.handle``)."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(
            host,
            parent,
            name="incidentsBox",
            line_name="incidentsLine",
            page=INCIDENTS_PAGE,
            button_name="openIncidentsButton",
            permission=Permission.INCIDENT_HANDLE,
            styles=STYLES,
        )
        self.button.setText(self.tr("사고 대장 열기"))
        self.summary: ClockSummary | None = None

    def fetch(self) -> Callable[[], ClockSummary]:
        ctx, actor = self.host.ctx, self.host.actor
        return lambda: clock_summary(ctx, actor)

    def failed_text(self, error: str) -> str:
        return escape(self.tr("유출 사고 현황을 불러오지 못했습니다: {error}").format(error=error))

    def show_summary(self, s: ClockSummary) -> None:
        self.summary = s
        if not s.rows:
            self.line.setText(escape(self.tr("대응 중인 유출 사고가 없습니다.")))
            self.set_tone(CALM)
            return
        title = self.tr("대응 중인 유출 사고 {n}건 (72시간 기한)").format(n=len(s.rows))
        all_done = self.tr("모든 의무 완료")
        lines = [f"<b>{escape(title)}</b>"]
        for r in s.rows[:5]:
            lines.append(f"{escape(r.number)} · {escape(r.kind_label)} · 정보주체 {r.affected:,}명")
            parts = []
            for d in r.duties:
                if not d.applies or (d.done and d.late_by(s.now) is None):
                    continue
                text = escape(f"{d.label}: {d.status(s.now)}")
                u = d.urgency(s.now)
                parts.append(
                    f"&nbsp;&nbsp;&nbsp;<b>{text}</b>"
                    if u in (Urgency.LATE, Urgency.SOON)
                    else f"&nbsp;&nbsp;&nbsp;{text}"
                )
            lines += parts or [f"&nbsp;&nbsp;&nbsp;{escape(all_done)}"]
        if len(s.rows) > 5:
            lines.append(escape(self.tr("외 {n}건").format(n=len(s.rows) - 5)))
        self.line.setText("<br>".join(lines))
        self.line.updateGeometry()
        self.updateGeometry()
        self.set_tone({Urgency.LATE: LATE, Urgency.SOON: SOON}.get(s.urgency, CALM))
