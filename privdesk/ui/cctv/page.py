"""The CCTV screen (영상정보처리기기 운영·관리): the facility team's daily tool.

Tabs: 열람 요구 (the request inbox on the 10-day clock; ``cctv.manage`` only, like the use cases
behind it), 열람 기록 (the viewing log / 관리대장 with quick entry and printing), 보존 연장 (evidence
holds and the daily retention check) and 카메라 (the camera registry). The page needs ``cctv.manage``
or ``cctv.read``; without ``cctv.manage`` the buttons that change anything are not shown (and the
use cases refuse anyway).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from privdesk.accounts.permissions import Permission
from privdesk.cctv.cameras import CameraInfo, list_cameras
from privdesk.ui.cctv.cameras import CamerasTab
from privdesk.ui.cctv.common import CctvTab, PrintJob
from privdesk.ui.cctv.holds import HoldsTab
from privdesk.ui.cctv.inbox import InboxTab
from privdesk.ui.cctv.ledger import LedgerTab
from privdesk.ui.host import PageHost
from privdesk.ui.page import Page
from privdesk.ui.widgets import heading


class CctvPage(Page):
    """CCTV (permission: cctv.manage or cctv.read)."""

    SHOWS = frozenset({"cctv"})  # a patient edit leaves the CCTV tabs as they are

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("cctvPage")
        self.may_manage = host.actor.may(Permission.CCTV_MANAGE)
        self.dialog: QDialog | QMessageBox | None = None  # the dialog an action opened (tests reach it here)
        self.print_job: PrintJob | None = None
        self.cameras: list[CameraInfo] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("CCTV 관리"), self))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("cctvTabs")
        self.inbox: InboxTab | None = None
        if self.may_manage:
            self.inbox = InboxTab(self)
            self.tabs.addTab(self.inbox, self.tr("열람 요구"))
        self.ledger = LedgerTab(self)
        self.tabs.addTab(self.ledger, self.tr("열람 기록"))
        self.holds = HoldsTab(self)
        self.tabs.addTab(self.holds, self.tr("보존 연장"))
        self.camera_tab = CamerasTab(self)
        self.tabs.addTab(self.camera_tab, self.tr("카메라"))
        self.tabs.currentChanged.connect(lambda _i: self._reload_current())
        layout.addWidget(self.tabs, 1)

    def all_tabs(self) -> list[CctvTab]:
        return [t for t in (self.inbox, self.ledger, self.holds, self.camera_tab) if t is not None]

    def show_tab(self, tab: CctvTab) -> None:
        self.tabs.setCurrentWidget(tab)

    def new_action(self) -> Callable[[], object] | None:
        """Ctrl+N: the current tab's (a camera on 카메라); elsewhere a new viewing request (열람 요구)."""
        own = super().new_action()
        if own is not None or self.inbox is None:
            return own
        inbox = self.inbox

        def new_request() -> None:
            self.show_tab(inbox)
            inbox.new_request()

        return new_request

    def reload(self) -> None:
        """After any data change: the cameras (for every picker), then the tab in view; the other
        tabs reload when they are shown."""
        for tab in self.all_tabs():
            tab.stale = True
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(lambda: list_cameras(ctx, actor), owner=self, on_done=self._cameras_loaded)
        self._reload_current()

    def _cameras_loaded(self, cameras: list[CameraInfo]) -> None:
        self.cameras = cameras
        for tab in self.all_tabs():
            tab.set_cameras(cameras)

    def _reload_current(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, CctvTab) and tab.stale:
            tab.stale = False
            tab.reload()
