"""Answering the confirmation of a destructive action (privdesk.ui.confirm) from a test.

The box is modal (``exec``): a timer on the GUI thread answers it from inside its event loop — the
real box, its action button or its safe button clicked (or Escape pressed) as a person would.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from privdesk.ui.confirm import DestructiveConfirm


@dataclass
class Seen:
    """What the timer saw in each box: title, text, informative text, the button texts, the default."""

    titles: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    consequences: list[str] = field(default_factory=list)
    buttons: list[list[str]] = field(default_factory=list)
    defaults: list[str] = field(default_factory=list)


def open_confirms() -> list[DestructiveConfirm]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, DestructiveConfirm) and w.isVisible()]


@contextmanager
def confirm_answered(answer: str) -> Iterator[Seen]:
    """While inside: every confirmation that opens is answered — ``"action"`` presses the action
    button, ``"keep"`` the safe one, ``"escape"`` presses Escape."""
    seen = Seen()
    timer = QTimer()
    timer.setInterval(20)

    def act() -> None:
        for box in open_confirms():
            seen.titles.append(box.windowTitle())
            seen.texts.append(box.text())
            seen.consequences.append(box.informativeText())
            seen.buttons.append([b.text() for b in box.buttons()])
            default = box.defaultButton()
            seen.defaults.append(default.text() if default is not None else "")
            if answer == "action":
                box.action_button.click()
            elif answer == "keep":
                box.keep_button.click()
            else:
                QTest.keyClick(box, Qt.Key.Key_Escape)

    timer.timeout.connect(act)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()
