"""A box of the start page (오늘 할 일) that says more than one work line can — today the 72-hour
clock of breaches, hour by hour (the one-line counts are :class:`privdesk.today.WorkItem` rows): a
coloured frame (red late, amber soon, grey calm) with the text and a button to the page where the
work is done. Shown only to accounts holding its
permission; the summary is read in the background by the domain's use case.

Subclasses give the use case (:meth:`StartBox.fetch`), render its result
(:meth:`StartBox.show_summary`, calling :meth:`StartBox.set_tone`) and word the failure
(:meth:`StartBox.failed_text`); their strings stay in their own translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from privdesk.accounts.permissions import Permission
from privdesk.errors import PrivdeskError
from privdesk.ui.host import PageHost

LATE, SOON, CALM = "late", "soon", "calm"


def box_styles(name: str, *, bold_late: bool = False) -> dict[str, str]:
    """The three tones of the frame ``QFrame#name``."""
    bold = " font-weight: bold;" if bold_late else ""
    return {
        LATE: f"QFrame#{name} {{ background: #fde7e9; border: 1px solid #f1a7ae; }} QLabel {{ color: #7f0000;{bold} }}",
        SOON: f"QFrame#{name} {{ background: #fff3e0; border: 1px solid #f0c080; }} QLabel {{ color: #8a4b00; }}",
        CALM: f"QFrame#{name} {{ background: #f4f5f7; border: 1px solid #d0d4da; }} QLabel {{ color: #333; }}",
    }


class StartBox(QFrame):
    """The frame, the line and the button (see the module docstring)."""

    def __init__(
        self,
        host: PageHost,
        parent: QWidget | None,
        *,
        name: str,
        line_name: str,
        page: str,
        button_name: str,
        permission: Permission,
        styles: dict[str, str],
        rich: bool = True,
    ) -> None:
        super().__init__(parent)
        self.host, self.page, self.permission, self.styles = host, page, permission, styles
        self.setObjectName(name)
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        self.line = QLabel(self)
        self.line.setObjectName(line_name)
        self.line.setWordWrap(True)
        if rich:
            self.line.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.line, 1)
        self.button = QPushButton(self)  # its text is the subclass's (its translation context)
        self.button.setObjectName(button_name)
        self.button.clicked.connect(lambda _c=False: self.host.show_page(self.page))
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.set_tone(CALM)

    def set_tone(self, tone: str) -> None:
        self.setStyleSheet(self.styles[tone])

    def fetch(self) -> Callable[[], Any]:
        """The use case to run in the background (its result goes to :meth:`show_summary`)."""
        raise NotImplementedError

    def show_summary(self, summary: Any) -> None:
        raise NotImplementedError

    def failed_text(self, error: str) -> str:
        raise NotImplementedError

    def reload(self) -> None:
        if not self.host.actor.may(self.permission):
            self.hide()
            return
        self.show()
        keys = getattr(self.host, "page_keys", None)
        self.button.setVisible(keys is None or self.page in keys())
        self.host.runner.run(self.fetch(), owner=self, on_done=self.show_summary, on_error=self._failed)

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.line.setText(self.failed_text(str(exc)))
            self.set_tone(CALM)
            return True
        return False
