"""The request clocks' colours, the same in every inbox (정보주체 요구, CCTV 열람 청구, 침해 신고,
사고): overdue red, due soon amber, closed grey — on the clock cell (남은 날, 통지 기한 …), and for an
overdue request its whole row in red and bold. The cell also says so in words (its text), so the
urgency never rests on colour alone. The urgency itself is the core's (:mod:`privdesk.workflow`,
:mod:`privdesk.incidents.rules`); this only paints it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

OVERDUE_BACKGROUND = QColor("#f8d0d0")
OVERDUE_FOREGROUND = QColor("#a00000")
DUE_SOON_BACKGROUND = QColor("#ffe0b2")
DUE_SOON_FOREGROUND = QColor("#8a4b00")
CLOSED_FOREGROUND = QColor("#808080")

# The roles a clock paints (a model's ``data`` hands these to :func:`clock_colour`).
CLOCK_ROLES = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)


def clock_colour(
    role: int,
    *,
    closed: bool,
    overdue: bool,
    due_soon: bool,
    clock_cell: bool,
    whole_row: bool = True,
    closed_foreground: QColor = CLOSED_FOREGROUND,
) -> QColor | QFont | None:
    """What a cell of a request on the clock shows in ``role``: the clock cell red (overdue) or amber
    (due soon); with ``whole_row`` the other cells of an overdue request in red and every cell of it
    bold; a closed request greyed."""
    if closed:
        return closed_foreground if role == Qt.ItemDataRole.ForegroundRole else None
    if role == Qt.ItemDataRole.FontRole:
        if not (overdue and whole_row):
            return None
        font = QFont()
        font.setBold(True)
        return font
    background = role == Qt.ItemDataRole.BackgroundRole
    if overdue and clock_cell:
        return OVERDUE_BACKGROUND if background else OVERDUE_FOREGROUND
    if overdue and whole_row:
        return None if background else OVERDUE_FOREGROUND
    if due_soon and clock_cell:
        return DUE_SOON_BACKGROUND if background else DUE_SOON_FOREGROUND
    return None
