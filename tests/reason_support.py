"""Answering the reason dialog (사유) that every printing and export of personal data opens first.

The dialog is modal (``exec``): the test cannot type into it after the call returns, so a timer on
the GUI thread answers it from inside its event loop — the real dialog, filled and accepted (or
cancelled) as a person would, never a patched one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from privdesk.ui.widgets import ReasonDialog

REASON = "월례 점검 자료 출력"


@dataclass
class Answered:
    """What the timer saw: each dialog's title, the recent reasons it offered, the OK state before typing."""

    titles: list[str] = field(default_factory=list)
    offered: list[list[str]] = field(default_factory=list)
    ok_before: list[bool] = field(default_factory=list)


def open_reason_dialogs() -> list[ReasonDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ReasonDialog) and w.isVisible()]


@contextmanager
def reason_given(
    text: str | None = REASON, *, act: Callable[[ReasonDialog], None] | None = None
) -> Iterator[Answered]:
    """While inside: every reason dialog that opens is answered — ``text`` typed and OK pressed,
    or ``act(dialog)`` for a test of its own; ``text=None`` presses 취소 (cancel)."""
    seen = Answered()
    timer = QTimer()
    timer.setInterval(20)

    def answer() -> None:
        for d in open_reason_dialogs():
            seen.titles.append(d.windowTitle())
            recent = d.recent
            seen.offered.append(
                [recent.item(i).text() for i in range(recent.count())] if recent is not None else []
            )
            seen.ok_before.append(d.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled())
            if act is not None:
                act(d)
            elif text is None:
                d.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
            else:
                d.reason.setPlainText(text)
                d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    timer.timeout.connect(answer)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()
