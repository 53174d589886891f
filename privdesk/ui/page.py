"""The base of every main-window page (화면): loads when first shown, reloads on data changes
of the kinds it shows."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from privdesk.ui.host import PageHost
from privdesk.ui.tasks import EVERYTHING, touches


class Page(QWidget):
    """Subclasses implement :meth:`reload` (start a task that refills the page). ``SHOWS`` is the
    kinds of data the page shows (:data:`privdesk.ui.tasks.KINDS`); a change of another kind
    leaves it as it is. A page that does not say shows everything (the safe default)."""

    SHOWS: ClassVar[frozenset[str]] = EVERYTHING

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self._stale = True
        host.runner.data_changed.connect(self._data_changed)

    def activate(self) -> None:
        """Called when the page becomes the current one."""
        if self._stale:
            self._stale = False
            self.reload()

    def _data_changed(self, changed: frozenset[str]) -> None:
        if not touches(changed, self.SHOWS):
            return
        self._stale = True
        if self.isVisible():
            self.activate()

    def focus_start(self) -> None:
        """Put the cursor where work on this page starts, when the window opens on it (nothing here)."""

    def reload(self) -> None:
        raise NotImplementedError
