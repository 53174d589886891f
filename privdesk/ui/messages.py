"""Message boxes (알림 창): known errors in Korean, information, and the crash notice.

Boxes with a parent open window-modal without blocking (``open()``), so the event loop keeps
running and tests can read them; without any window they block (``exec()``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from privdesk.logs import log_file


def _show(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = ""
) -> QMessageBox:
    parent = parent or QApplication.activeWindow()
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("privdeskMessage")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if detail:
        box.setInformativeText(detail)
    if parent is None:
        box.exec()
    else:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A known error: its one Korean sentence."""
    return _show(parent, QMessageBox.Icon.Warning, QCoreApplication.translate("Messages", "알림"), str(exc))


def show_info(parent: QWidget | None, title: str, text: str, detail: str = "") -> QMessageBox:
    return _show(parent, QMessageBox.Icon.Information, title, text, detail)


def show_crash(parent: QWidget | None) -> QMessageBox:
    """A bug: the details went to the log file, never personal data on screen."""
    return _show(
        parent,
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Messages", "예기치 않은 오류"),
        QCoreApplication.translate(
            "Messages", "예기치 않은 오류가 발생했습니다. 작업은 저장되지 않았을 수 있습니다."
        ),
        QCoreApplication.translate("Messages", "자세한 내용은 로그 파일을 보십시오: {path}").format(
            path=log_file()
        ),
    )
