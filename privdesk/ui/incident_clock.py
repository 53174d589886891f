"""The 72-hour clock on the start page (내 정보) of the officer and the privacy staff: one line per
open incident with the hours left (or how late) of each duty that is not done, red when a duty is
late, amber within 24 hours, and a button to the register (:mod:`privdesk.ui.incidents`)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from privdesk.accounts.permissions import Permission
from privdesk.errors import PrivdeskError
from privdesk.incidents.register import ClockSummary, clock_summary
from privdesk.incidents.rules import Urgency
from privdesk.ui.host import PageHost

INCIDENTS_PAGE = "incidents"
LATE_STYLE = ("QFrame#incidentsBox { background: #fde7e9; border: 1px solid #f1a7ae; }"
              " QLabel { color: #7f0000; }")
SOON_STYLE = "QFrame#incidentsBox { background: #fff3e0; border: 1px solid #f0c080; } QLabel { color: #8a4b00; }"
CALM_STYLE = "QFrame#incidentsBox { background: #f4f5f7; border: 1px solid #d0d4da; } QLabel { color: #333; }"


class IncidentClockBox(QFrame):
    """Shown to whoever handles incidents (``incident.handle``)."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("incidentsBox")
        self.summary: ClockSummary | None = None
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        self.line = QLabel(self)
        self.line.setObjectName("incidentsLine")
        self.line.setWordWrap(True)
        self.line.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.line, 1)
        self.button = QPushButton(self.tr("사고 대장 열기"), self)
        self.button.setObjectName("openIncidentsButton")
        self.button.clicked.connect(lambda _c=False: self.host.show_page(INCIDENTS_PAGE))
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet(CALM_STYLE)

    def reload(self) -> None:
        actor = self.host.actor
        if not actor.may(Permission.INCIDENT_HANDLE):
            self.hide()
            return
        self.show()
        keys = getattr(self.host, "page_keys", None)
        self.button.setVisible(keys is None or INCIDENTS_PAGE in keys())
        ctx = self.host.ctx
        self.host.runner.run(lambda: clock_summary(ctx, actor), owner=self, on_done=self.show_summary,
                             on_error=self._failed)

    def show_summary(self, s: ClockSummary) -> None:
        self.summary = s
        if not s.rows:
            self.line.setText(escape(self.tr("대응 중인 유출 사고가 없습니다.")))
            self.setStyleSheet(CALM_STYLE)
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
                parts.append(f"&nbsp;&nbsp;&nbsp;<b>{text}</b>" if u in (Urgency.LATE, Urgency.SOON)
                             else f"&nbsp;&nbsp;&nbsp;{text}")
            lines += parts or [f"&nbsp;&nbsp;&nbsp;{escape(all_done)}"]
        if len(s.rows) > 5:
            lines.append(escape(self.tr("외 {n}건").format(n=len(s.rows) - 5)))
        self.line.setText("<br>".join(lines))
        self.line.updateGeometry()
        self.updateGeometry()
        self.setStyleSheet({Urgency.LATE: LATE_STYLE, Urgency.SOON: SOON_STYLE}.get(s.urgency, CALM_STYLE))

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.line.setText(escape(self.tr("유출 사고 현황을 불러오지 못했습니다: {error}").format(error=str(exc))))
            self.setStyleSheet(CALM_STYLE)
            return True
        return False
