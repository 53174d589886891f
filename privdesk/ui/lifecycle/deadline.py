"""The destruction deadline on the start page (내 정보) of whoever prepares destruction plans
(``destruction.plan``: the officer, the privacy staff): how many records are past the 파기 기한
(the profile's ``destruction_days`` after the retention ended) and by how many days — red when
any is — and a button to the lifecycle screen (:mod:`privdesk.ui.lifecycle.page`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from privdesk.accounts.permissions import Permission
from privdesk.lifecycle.files import OverdueDestruction, overdue_destruction
from privdesk.ui.host import PageHost
from privdesk.ui.startbox import CALM, LATE, SOON, StartBox, box_styles

LIFECYCLE_PAGE = "lifecycle"
STYLES = box_styles("destructionBox", bold_late=True)
OVERDUE_STYLE, DUE_STYLE, CALM_STYLE = STYLES[LATE], STYLES[SOON], STYLES[CALM]


class DestructionDeadlineBox(StartBox):
    """Shown to whoever may prepare destruction plans (``destruction.plan``)."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent, name="destructionBox", line_name="destructionLine", page=LIFECYCLE_PAGE,
                         button_name="openLifecycleButton",
                         permission=Permission.DESTRUCTION_PLAN, styles=STYLES, rich=False)
        self.button.setText(self.tr("보유·파기 열기"))
        self.summary: OverdueDestruction | None = None

    def fetch(self) -> Callable[[], OverdueDestruction]:
        ctx, actor = self.host.ctx, self.host.actor
        return lambda: overdue_destruction(ctx, actor)

    def failed_text(self, error: str) -> str:
        return self.tr("파기 기한 현황을 불러오지 못했습니다: {error}").format(error=error)

    def show_summary(self, s: OverdueDestruction) -> None:
        self.summary = s
        if s.overdue:
            text = self.tr("파기 기한(보유기간 종료 후 {days}일)이 지난 기록 {n}건 — 가장 오래된 기록은 기한을 {late}일 "
                           "넘겼습니다. 바로 파기하십시오.").format(days=s.deadline_days, n=f"{s.overdue:,}",
                                                             late=f"{s.max_days:,}")
            tone = LATE
        elif s.due:
            text = self.tr("보유기간이 끝나 파기할 기록 {n}건 — 파기 기한(보유기간 종료 후 {days}일) 안에 있습니다.").format(
                n=f"{s.due:,}", days=s.deadline_days)
            tone = SOON
        else:
            text = self.tr("파기 기한이 지난 기록이 없습니다.")
            tone = CALM
        self.line.setText(text)
        self.set_tone(tone)
