"""The base of every main-window page (화면): loads when first shown, reloads on data changes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from privdesk.ui.host import PageHost


class Page(QWidget):
    """Subclasses implement :meth:`reload` (start a task that refills the page)."""

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

    def _data_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.activate()

    def focus_start(self) -> None:
        """Put the cursor where work on this page starts, when the window opens on it (nothing here)."""

    def reload(self) -> None:
        raise NotImplementedError
