"""One disclosure-ledger entry, read only (제공 기록 보기): what a double-click on the ledger opens.

Every column of the ledger in full (long cells wrap), plus the restrictions asked of the recipient,
the note and who recorded it when; a corrected entry says which entries correct it. Nothing here
changes the ledger: 정정 is an explicit button, which closes this view and starts a correcting
entry (the tab asks its reason first).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from privdesk.disclosures.ledger import DisclosureRow
from privdesk.ui.disclosures.common import DisclosureLedgerModel
from privdesk.ui.widgets import fmt_datetime


class DisclosureViewDialog(QDialog):
    """The entry in full, read only; ``correct_requested`` when 정정 is pressed."""

    correct_requested = Signal()

    def __init__(self, parent: QWidget | None, row: DisclosureRow, *, may_correct: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("disclosureView")
        self.row = row
        self.setWindowTitle(self.tr("제공 기록 {n}번").format(n=row.id))
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        form = QFormLayout(body)
        self.values: dict[str, QLabel] = {}
        model = DisclosureLedgerModel(self)
        model.set_rows([row])
        fields = [
            (
                str(model.headerData(c, Qt.Orientation.Horizontal)),
                str(model.data(model.index(0, c)) or ""),
            )
            for c in range(model.columnCount())
        ]
        fields += [
            (self.tr("제한·조치 요청"), row.restrictions),
            (self.tr("비고"), row.note),
            (self.tr("기록"), f"{fmt_datetime(row.recorded_at)} {row.recorded_by}"),
        ]
        for title, text in fields:
            value = QLabel(text or "—", body)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[title] = value
            form.addRow(title, value)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        self.correct_button: QPushButton | None = None
        if may_correct:
            self.correct_button = self.buttons.addButton(
                self.tr("정정…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.correct_button.setObjectName("correctFromView")
            self.correct_button.setAutoDefault(False)
            self.correct_button.clicked.connect(self._correct)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.resize(560, 620)

    def _correct(self) -> None:
        self.accept()
        self.correct_requested.emit()
