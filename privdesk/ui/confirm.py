"""The confirmation of a destructive action (되돌릴 수 없는 작업의 확인).

Every screen that cancels, destroys, revokes, deletes or overwrites asks through
:func:`confirm_destructive`: the question says what is affected and what follows, the action
button names the action ("계획 취소", "파기 실행" — never a bare 예/Yes), and the safe answer
(취소, Escape, Enter on the default button) leaves everything as it was.

The box is modal (``exec``) and returns True only when the action button was pressed. Tests answer it
from a timer on the GUI thread (``tests/confirm_support.py``), the real box clicked as a person would.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

OBJECT_NAME = "confirmDestructive"
ACTION_BUTTON = "confirmAction"
KEEP_BUTTON = "confirmKeep"


class DestructiveConfirm(QMessageBox):
    """The box itself (built by :func:`confirm_destructive`; tests find it by its class)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        what: str,
        consequence: str,
        *,
        action_text: str,
        keep_text: str = "",
    ) -> None:
        super().__init__(QMessageBox.Icon.Warning, title, what, QMessageBox.StandardButton.NoButton, parent)
        self.setObjectName(OBJECT_NAME)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if consequence:
            self.setInformativeText(consequence)
        self.action_button = self.addButton(action_text, QMessageBox.ButtonRole.DestructiveRole)
        self.action_button.setObjectName(ACTION_BUTTON)
        self.keep_button = self.addButton(
            keep_text or QCoreApplication.translate("Confirm", "취소"), QMessageBox.ButtonRole.RejectRole
        )
        self.keep_button.setObjectName(KEEP_BUTTON)
        # the safe answer is the default (Enter) and the escape (Escape, closing the window)
        self.setDefaultButton(self.keep_button)
        self.setEscapeButton(self.keep_button)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.action_button


def confirm_destructive(
    parent: QWidget | None,
    title: str,
    what: str,
    consequence: str,
    *,
    action_text: str,
    keep_text: str = "",
) -> bool:
    """Ask before an action that cannot be undone; True only when ``action_text`` was pressed.

    ``what``: what will be affected (e.g. "파기 계획 12 (대상 340건)을 취소합니다."); ``consequence``:
    what follows (e.g. "취소한 계획은 되살릴 수 없습니다."); ``action_text``: the action's own name
    on its button; ``keep_text``: the safe button (default 취소), which is the default and the escape."""
    if not action_text.strip():
        raise ValueError("action_text names the action (e.g. '계획 취소'), never a bare yes")
    box = DestructiveConfirm(
        parent or QApplication.activeWindow(),
        title,
        what,
        consequence,
        action_text=action_text,
        keep_text=keep_text,
    )
    try:
        box.exec()
        return box.confirmed()
    finally:
        box.deleteLater()
