"""The third-party disclosure screen (제3자 제공): the 제3자 제공 대장 and each subject's history.

Tabs: 제공 대장 (the ledger of a period with filters — recipient text and legal basis — the entry
form, a correcting entry for the selected one, the printed ledger in the PDF preview and the CSV
export) and 정보주체별 이력 (a chart number → every disclosure of that patient's data). Everything
goes through :mod:`privdesk.disclosures` use cases on the task runner; refusals (a held record, a
처리정지 subject, a public-body-only ground) come back as their Korean sentence in the form.
The page needs ``disclosure.write``.

A package because the screen outgrew one module: :mod:`.common` (basis labels, table models),
:mod:`.form` (the entry form), :mod:`.tabs` (the two tabs); the page and its factory live here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from privdesk.ui.cctv.common import PrintJob
from privdesk.ui.disclosures.common import DisclosureHistoryModel, DisclosureLedgerModel, basis_label
from privdesk.ui.disclosures.form import DisclosureDialog
from privdesk.ui.disclosures.tabs import DisclosureHistoryTab, DisclosureLedgerTab
from privdesk.ui.host import PageHost
from privdesk.ui.page import Page
from privdesk.ui.widgets import heading


class DisclosuresPage(Page):
    """제3자 제공 (permission: disclosure.write)."""

    SHOWS = frozenset({"disclosures", "registry"})  # the records and the patients they name

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("disclosuresPage")
        self.dialog: QDialog | None = None
        self.print_job: PrintJob | None = None
        self.last_export: tuple[Path, int] | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("개인정보 목적 외 이용·제3자 제공"), self))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("disclosureTabs")
        self.ledger = DisclosureLedgerTab(self)
        self.tabs.addTab(self.ledger, self.tr("제공 대장"))
        self.history = DisclosureHistoryTab(self)
        self.tabs.addTab(self.history, self.tr("정보주체별 이력"))
        self.tabs.currentChanged.connect(lambda _i: self._reload_current())
        layout.addWidget(self.tabs, 1)

    def reload(self) -> None:
        self.ledger.stale = True
        self.history.stale = True
        self._reload_current()

    def _reload_current(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, DisclosureLedgerTab | DisclosureHistoryTab) and tab.stale:
            tab.stale = False
            tab.reload()


def disclosures_page(host: PageHost, parent: QWidget | None) -> Page:
    """The page factory for :class:`privdesk.ui.pages.PageSpec`."""
    return DisclosuresPage(host, parent)


__all__ = [
    "DisclosureDialog",
    "DisclosureHistoryModel",
    "DisclosureHistoryTab",
    "DisclosureLedgerModel",
    "DisclosureLedgerTab",
    "DisclosuresPage",
    "basis_label",
    "disclosures_page",
]
