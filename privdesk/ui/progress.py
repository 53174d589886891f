"""The one progress-and-cancel object (진행 표시와 취소) for a use case on the task runner.

A long use case (a PDF print, the patient import, a destruction plan, the key rotation) takes a
progress callback and polls a cancel flag on the worker thread. :class:`Progress` is both ends:

- ``report(*args)`` may be called from any thread; the arguments reach ``on_step`` on the GUI
  thread (a queued signal) — the worker never touches a widget;
- ``is_cancelled()`` is the flag the worker polls (a :class:`threading.Event`, no Qt);
- optionally the standard dialog (``show_dialog``): a busy bar, a label and a 취소 button, which
  does not close or reset itself; 취소 sets the flag and shows the "cancelling" text. ``close()``
  takes the dialog away when the task returned.

What a cancel means stays the use case's (it rolls back, or it is too late and finishes).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class Progress(QObject):
    """Progress reports from the worker to the GUI thread, a cancel flag, and an optional dialog."""

    step = Signal(object)  # the arguments of one report(), as a tuple; delivered on the GUI thread
    cancel_requested = Signal()  # 취소 was pressed (or cancel() called); the flag is already set

    def __init__(self, parent: QObject, on_step: Callable[..., None] | None = None) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.is_cancelled: Callable[[], bool] = self.cancel_event.is_set  # for the worker: no Qt inside
        self.dialog: QProgressDialog | None = None
        self._cancelling_text: str | None = None
        self._on_step = on_step
        self.step.connect(self._deliver)

    # -- the worker's side (any thread) -------------------------------------------------------------
    def report(self, *args: Any) -> None:
        """One progress report; reaches ``on_step(*args)`` on the GUI thread."""
        self.step.emit(args)

    # -- the GUI thread -----------------------------------------------------------------------------
    def show_dialog(
        self,
        owner: QWidget,
        label: str,
        *,
        cancel_text: str,
        title: str,
        object_name: str,
        cancelling_text: str,
        minimum_duration: int = 0,
    ) -> QProgressDialog:
        """The standard progress dialog: busy until ``set_value`` gives a total, 취소 cancels."""
        dialog = QProgressDialog(label, cancel_text, 0, 0, owner)
        dialog.setObjectName(object_name)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(minimum_duration)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self._cancelling_text = cancelling_text
        return dialog

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def cancel(self) -> None:
        """Ask the use case to stop (it polls ``is_cancelled``)."""
        self.cancel_event.set()
        if self.dialog is not None and self._cancelling_text is not None:
            self.dialog.setLabelText(self._cancelling_text)
        self.cancel_requested.emit()

    def reset(self) -> None:
        """Clear the flag before the same work starts again (a wizard's second run)."""
        self.cancel_event.clear()

    def set_label(self, text: str) -> None:
        if self.dialog is not None:
            self.dialog.setLabelText(text)

    def set_value(self, done: int, total: int) -> None:
        """``done`` of ``total`` on the dialog's bar (a total of 0 counts as 1)."""
        if self.dialog is not None:
            top = max(total, 1)
            self.dialog.setMaximum(top)
            self.dialog.setValue(min(done, top))

    def close(self) -> None:
        """The task returned: the dialog goes (its 취소 no longer reaches the flag)."""
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    @Slot(object)
    def _deliver(self, args: tuple[Any, ...]) -> None:
        if self._on_step is not None:
            self._on_step(*args)
