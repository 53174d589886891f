"""Python's cyclic garbage collection, done on the GUI thread only.

CPython runs its cycle collector in whichever thread happens to cross the allocation threshold —
very often a :class:`~privdesk.ui.tasks.TaskRunner` worker busy with SQLAlchemy. A closed window
or dialog that sits in a reference cycle (a signal connected to a lambda that captures ``self``)
is then destroyed on that worker thread, and Qt widgets must only ever be destroyed on the GUI
thread: the result is a native crash at a random later moment. While a :class:`MainThreadCollector`
is active, automatic collection is off and a timer on the GUI thread collects instead, one
generation at a time with the interpreter's own thresholds (the approach pyqtgraph takes too).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect everything once, here, and give collection back to the interpreter."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def check(self) -> None:
        first, second, third = self._thresholds
        count0, count1, count2 = gc.get_count()
        if count0 > first:
            gc.collect(0)
            if count1 > second:
                gc.collect(1)
                if count2 > third:
                    gc.collect(2)
