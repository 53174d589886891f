"""The detail panel of the registry screen (환자 상세): the masked record, its status, the retention
end date, the processing hold, and tabs: the intake history and (added by the page) the consents.

After an unmask (마스킹 해제) the panel shows the full resident number, address and phones with a
countdown and masks them again when it runs out (``settings.security.unmask_seconds``), when
another patient is shown, or when the panel is cleared.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from privdesk.registry.patients import PatientDetail, UnmaskedFields
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.login import ERROR_STYLE
from privdesk.ui.registry.model import IntakeModel, sex_label
from privdesk.ui.tables import remember_table
from privdesk.ui.widgets import bold

STATUS_LABELS = {
    "active": QT_TRANSLATE_NOOP("PatientDetailPanel", "활성 (보유 중)"),
    "separated": QT_TRANSLATE_NOOP("PatientDetailPanel", "분리보관"),
    "destroyed": QT_TRANSLATE_NOOP("PatientDetailPanel", "파기"),
}
UNMASKED_STYLE = "color: #0d47a1; font-weight: bold;"
OVERDUE_STYLE = "color: #b00020; font-weight: bold;"  # past the destruction deadline (파기 기한)


class PatientDetailPanel(QWidget):
    """Shows one :class:`PatientDetail`; the page puts its action buttons into :attr:`actions`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientDetail")
        self.detail: PatientDetail | None = None
        self.unmasked: UnmaskedFields | None = None
        self._deadline = 0.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.title = bold(QLabel(self))
        self.title.setObjectName("detailTitle")
        layout.addWidget(self.title)
        self.empty = QLabel(self.tr("환자를 고르면 상세 정보가 여기에 표시됩니다."), self)
        self.empty.setObjectName("detailEmpty")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)

        self.body = QWidget(self)
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        rows = (
            ("chart_no", self.tr("차트번호")),
            ("name", self.tr("이름")),
            ("rrn", self.tr("주민등록번호")),
            ("birth", self.tr("생년월일·성별")),
            ("address", self.tr("주소")),
            ("phones", self.tr("연락처")),
            ("first_visit", self.tr("최초 내원일")),
            ("last_visit", self.tr("최종 내원일")),
            ("status", self.tr("상태")),
            ("retention", self.tr("보유기간 종료일")),
            ("hold", self.tr("처리정지")),
        )
        for key, label in rows:
            value = QLabel(self.body)
            value.setObjectName(f"value_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.values[key] = value
        layout.addWidget(self.body)
        self.unmask_status = QLabel(self)
        self.unmask_status.setObjectName("unmaskStatus")
        self.unmask_status.setStyleSheet(UNMASKED_STYLE)
        layout.addWidget(self.unmask_status)

        self.action_grid = QGridLayout()
        layout.addLayout(self.action_grid)

        self.tabs = QTabWidget(self)  # 진료 접수 이력, and the page's own tabs (동의)
        self.tabs.setObjectName("detailTabs")
        self.intakes = IntakeModel(self)
        self.intake_table = QTableView(self)
        self.intake_table.setObjectName("intakeTable")
        self.intake_table.setModel(self.intakes)
        self.intake_table.verticalHeader().setVisible(False)
        self.intake_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.intake_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.intake_table.horizontalHeader().setStretchLastSection(True)
        remember_table(self.intake_table)
        self.tabs.addTab(self.intake_table, self.tr("진료 접수 이력"))
        layout.addWidget(self.tabs, 1)

        self.remask_timer = QTimer(self)
        self.remask_timer.setSingleShot(True)
        self.remask_timer.timeout.connect(self.remask)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self._tick)
        self.clear()

    def add_tab(self, widget: QWidget, title: str) -> None:
        """A tab of the page's own beside the intake history (the 동의 tab)."""
        self.tabs.addTab(widget, title)

    def add_action(self, button: QWidget) -> None:
        """The page's buttons, two to a row."""
        n = self.action_grid.count()
        self.action_grid.addWidget(button, n // 2, n % 2)

    # -- showing --------------------------------------------------------------------------------
    def clear(self) -> None:
        self.remask()
        self.detail = None
        self.title.setText(self.tr("환자 상세"))
        self.empty.setVisible(True)
        self.body.setVisible(False)
        self.intakes.set_rows([])

    def show_detail(self, detail: PatientDetail) -> None:
        if self.detail is None or self.detail.id != detail.id:
            self.remask()
        self.detail = detail
        self.empty.setVisible(False)
        self.body.setVisible(True)
        self.title.setText(
            self.tr("{name} (차트번호 {chart})").format(name=detail.name, chart=detail.chart_no)
        )
        v = self.values
        v["chart_no"].setText(detail.chart_no)
        v["name"].setText(detail.name)
        v["birth"].setText(
            f"{detail.birth_date.isoformat()} · {sex_label(detail.sex)}"
            + (self.tr(" · 외국인") if detail.is_foreigner else "")
        )
        v["first_visit"].setText(detail.first_visit.isoformat())
        v["last_visit"].setText(detail.last_visit.isoformat())
        source = STATUS_LABELS.get(detail.status)
        if detail.retention_ended:  # alive past its retention: due for destruction
            text = self.tr("보유기간 경과 — 파기 대상")
            if detail.overdue_days:
                text += self.tr(" (파기 기한 {days}일 지남)").format(days=detail.overdue_days)
            v["status"].setText(text)
            v["status"].setStyleSheet(OVERDUE_STYLE if detail.overdue_days else "")
        else:
            v["status"].setText(
                QCoreApplication.translate("PatientDetailPanel", source) if source else detail.status
            )
            v["status"].setStyleSheet("")
        v["retention"].setText(detail.retention_until.isoformat())
        if detail.hold:
            v["hold"].setText(self.tr("예 — {reason}").format(reason=detail.hold_reason or ""))
            v["hold"].setStyleSheet(ERROR_STYLE)
        else:
            v["hold"].setText(self.tr("아니오"))
            v["hold"].setStyleSheet("")
        self.intakes.set_rows(detail.intakes)
        self._show_personal()

    def _show_personal(self) -> None:
        d, u, v = self.detail, self.unmasked, self.values
        if d is None:
            return
        if u is not None:
            v["rrn"].setText(u.rrn)
            v["address"].setText(u.address or self.tr("(없음)"))
            v["phones"].setText(", ".join(u.phones) or self.tr("(없음)"))
        else:
            v["rrn"].setText(d.rrn_masked)
            v["address"].setText(d.address_masked or self.tr("(없음)"))
            v["phones"].setText(", ".join(d.phones_masked) or self.tr("(없음)"))
        for key in ("rrn", "address", "phones"):
            v[key].setStyleSheet(UNMASKED_STYLE if u is not None else "")

    # -- unmask and re-mask ---------------------------------------------------------------------
    def show_unmasked(self, fields: UnmaskedFields, msecs: int) -> None:
        """The full values for ``msecs``; then :meth:`remask`."""
        self.unmasked = fields
        self._deadline = time.monotonic() + msecs / 1000
        self._show_personal()
        self.remask_timer.start(max(0, msecs))
        self.tick_timer.start()
        self._tick()

    def _tick(self) -> None:
        left = max(0, math.ceil(self._deadline - time.monotonic()))
        self.unmask_status.setText(
            self.tr("마스킹 해제됨 — {seconds}초 뒤 다시 가립니다").format(seconds=left)
        )

    @property
    def is_unmasked(self) -> bool:
        return self.unmasked is not None

    def remask(self) -> None:
        self.remask_timer.stop()
        self.tick_timer.stop()
        self.unmasked = None
        self.unmask_status.clear()
        self._show_personal()
