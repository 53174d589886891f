"""The demo's marking on screen (견본 표시): a database made by ``privdesk demo`` must never be
mistaken for the hospital's real one. Its login window and main window carry "견본(데모)" in the
title and a coloured band ("견본 데이터 — 실제 환자 기록이 아닙니다"); every record printed from it
says so on paper (:data:`privdesk.printing.SPECIMEN`).

Whether a database is a demo is :attr:`privdesk.context.AppContext.is_demo` (a marker written when
the demo was created), never the file name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QBoxLayout, QDialog, QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from privdesk.context import AppContext

BAND_OBJECT = "demoBand"
BAND_STYLE = (
    "QLabel#demoBand { background: #ffb300; color: #3e2700; font-weight: bold;"
    " padding: 5px 12px; border-bottom: 1px solid #c68400; }"
)


def demo_title(ctx: AppContext, title: str) -> str:
    """``title`` with "견본(데모)" in front for a demo database; unchanged for a real one."""
    if not ctx.is_demo:
        return title
    return QCoreApplication.translate("Demo", "[견본(데모)] {title}").format(title=title)


def demo_band(parent: QWidget) -> QLabel:
    """The coloured band that says the data is a sample."""
    band = QLabel(QCoreApplication.translate("Demo", "견본 데이터 — 실제 환자 기록이 아닙니다"), parent)
    band.setObjectName(BAND_OBJECT)
    band.setStyleSheet(BAND_STYLE)
    band.setAlignment(Qt.AlignmentFlag.AlignCenter)
    band.setWordWrap(True)
    band.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return band


def mark_main_window(window: QMainWindow, ctx: AppContext) -> QLabel | None:
    """A demo database's main window: the title and a band under the menu bar (a fixed tool bar,
    so the window's own layout stays as it is). Returns the band (None for a real database)."""
    if not ctx.is_demo:
        return None
    window.setWindowTitle(demo_title(ctx, window.windowTitle()))
    bar = QToolBar(window)
    bar.setObjectName("demoBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)  # no way to hide it from the tool bars' context menu
    bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
    bar.setStyleSheet("QToolBar#demoBar { border: none; padding: 0; spacing: 0; }")
    band = demo_band(bar)
    bar.addWidget(band)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return band


def mark_dialog(dialog: QDialog, ctx: AppContext) -> QLabel | None:
    """A demo database's dialog (the login window): the title and the band at the top of its
    layout (a box layout). Returns the band (None for a real database)."""
    if not ctx.is_demo:
        return None
    dialog.setWindowTitle(demo_title(ctx, dialog.windowTitle()))
    band = demo_band(dialog)
    layout = dialog.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, band)
    return band
