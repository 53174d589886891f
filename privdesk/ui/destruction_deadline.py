"""The destruction deadline on the start page (내 정보) of whoever prepares destruction plans
(``destruction.plan``: the officer, the privacy staff): how many records are past the 파기 기한
(the profile's ``destruction_days`` after the retention ended) and by how many days — red when
any is — and a button to the lifecycle screen (:mod:`privdesk.ui.lifecycle`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from privdesk.accounts.permissions import Permission
from privdesk.errors import PrivdeskError
from privdesk.lifecycle.files import OverdueDestruction, overdue_destruction
from privdesk.ui.host import PageHost

LIFECYCLE_PAGE = "lifecycle"
OVERDUE_STYLE = ("QFrame#destructionBox { background: #fde7e9; border: 1px solid #f1a7ae; }"
                 " QLabel { color: #7f0000; font-weight: bold; }")
DUE_STYLE = "QFrame#destructionBox { background: #fff3e0; border: 1px solid #f0c080; } QLabel { color: #8a4b00; }"
CALM_STYLE = "QFrame#destructionBox { background: #f4f5f7; border: 1px solid #d0d4da; } QLabel { color: #333; }"


class DestructionDeadlineBox(QFrame):
    """Shown to whoever may prepare destruction plans (``destruction.plan``)."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("destructionBox")
        self.summary: OverdueDestruction | None = None
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        self.line = QLabel(self)
        self.line.setObjectName("destructionLine")
        self.line.setWordWrap(True)
        box.addWidget(self.line, 1)
        self.button = QPushButton(self.tr("보유·파기 열기"), self)
        self.button.setObjectName("openLifecycleButton")
        self.button.clicked.connect(lambda _c=False: self.host.show_page(LIFECYCLE_PAGE))
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet(CALM_STYLE)

    def reload(self) -> None:
        actor = self.host.actor
        if not actor.may(Permission.DESTRUCTION_PLAN):
            self.hide()
            return
        self.show()
        keys = getattr(self.host, "page_keys", None)
        self.button.setVisible(keys is None or LIFECYCLE_PAGE in keys())
        ctx = self.host.ctx
        self.host.runner.run(lambda: overdue_destruction(ctx, actor), owner=self, on_done=self.show_summary,
                             on_error=self._failed)

    def show_summary(self, s: OverdueDestruction) -> None:
        self.summary = s
        if s.overdue:
            text = self.tr("파기 기한(보유기간 종료 후 {days}일)이 지난 기록 {n}건 — 가장 오래된 기록은 기한을 {late}일 "
                           "넘겼습니다. 바로 파기하십시오.").format(days=s.deadline_days, n=f"{s.overdue:,}",
                                                             late=f"{s.max_days:,}")
            style = OVERDUE_STYLE
        elif s.due:
            text = self.tr("보유기간이 끝나 파기할 기록 {n}건 — 파기 기한(보유기간 종료 후 {days}일) 안에 있습니다.").format(
                n=f"{s.due:,}", days=s.deadline_days)
            style = DUE_STYLE
        else:
            text = self.tr("파기 기한이 지난 기록이 없습니다.")
            style = CALM_STYLE
        self.line.setText(text)
        self.setStyleSheet(style)

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.line.setText(self.tr("파기 기한 현황을 불러오지 못했습니다: {error}").format(error=str(exc)))
            self.setStyleSheet(CALM_STYLE)
            return True
        return False
