"""The base of the retention and destruction screen's tabs (:mod:`privdesk.ui.lifecycle.page`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QMessageBox, QPushButton, QWidget

from privdesk.accounts.permissions import Permission
from privdesk.ui.cctv.common import PrintFn, PrintJob
from privdesk.ui.tasks import Changes, Task

#: what a lifecycle use case changes: its records are the registry's patients (separation, holds,
#: destruction), so the patients' screen reloads too
LIFECYCLE: frozenset[str] = frozenset({"lifecycle", "registry"})

if TYPE_CHECKING:
    from privdesk.ui.lifecycle.page import LifecyclePage


class LifecycleTab(QWidget):
    """One tab of the page: ``reload()`` refills it through a use case in the background."""

    def __init__(self, page: LifecyclePage) -> None:
        super().__init__(page)
        self.page = page
        self.host = page.host
        self.stale = True

    def reload(self) -> None:
        raise NotImplementedError

    def may(self, permission: Permission) -> bool:
        return self.host.actor.may(permission)

    def button(
        self,
        bar: QHBoxLayout | QGridLayout,
        name: str,
        text: str,
        slot: Callable[[], None],
        *,
        allowed: bool = True,
    ) -> QPushButton | None:
        if not allowed:
            return None
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        bar.addWidget(b)
        return b

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        changes: Changes = LIFECYCLE,
        on_error: Callable[[BaseException], bool] | None = None,
    ) -> Task:
        return self.host.runner.run(fn, owner=self, on_done=on_done, on_error=on_error, changes=changes)

    def open_dialog(self, dialog: QDialog | QMessageBox, on_accept: Callable[[], None] | None = None) -> None:
        """Open ``dialog`` window-modal (tests reach it as ``page.dialog``)."""
        self.page.dialog = dialog
        if on_accept is not None:
            dialog.accepted.connect(on_accept)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def print_record(self, title: str, file_name: str, fn: PrintFn) -> PrintJob | None:
        """Ask for the reason, then print into the preview (None when cancelled)."""
        job = PrintJob.start(self.host, self, title, file_name, fn)
        if job is not None:
            self.page.print_job = job
        return job
