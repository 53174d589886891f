"""The evidence-hold tab (보존 연장) and the daily retention check (보관기간 점검).

Holds in force (or all, with "해제된 보존 포함"); setting a hold (cameras, window, reason kind and
text, end on a date or when a request is closed); ending one early with a reason (required, logged).
Below: the retention check for a day — per camera, up to which recording day footage may be
overwritten and which older days are kept by a hold.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.cctv import requests as requests_uc
from privdesk.cctv import retention
from privdesk.cctv.cameras import CameraInfo
from privdesk.cctv.common import fmt_window
from privdesk.cctv.requests import RequestRow
from privdesk.cctv.retention import HoldInfo, HoldInput, RetentionLine, RetentionReport
from privdesk.ui.cctv.common import HOLD_REASON_TEXT, CameraPicker, CctvTab, WindowEdit, label
from privdesk.ui.cctv.decisions import _FormDialog
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.tablemodel import ROW_ROLE, Column, RowTableModel
from privdesk.ui.widgets import (
    DATE_FORMAT,
    ReasonDialog,
    fmt_datetime,
    from_date,
    heading,
    record_table,
    to_date,
)

if TYPE_CHECKING:
    from privdesk.ui.cctv.page import CctvPage

CTX = "CctvHoldsModel"


def hold_state(h: HoldInfo) -> str:
    if h.active:
        return QCoreApplication.translate("CctvHoldsModel", "보존 중")
    if h.ended_at is not None:
        return QCoreApplication.translate("CctvHoldsModel", "해제 — {reason}").format(
            reason=h.end_reason or ""
        )
    return QCoreApplication.translate("CctvHoldsModel", "기간 만료")


class HoldsModel(RowTableModel[HoldInfo]):
    CONTEXT = CTX
    COL_ID, COL_KIND, COL_REASON, COL_CAMERAS, COL_WINDOW, COL_UNTIL, COL_SET, COL_STATE = range(8)
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("CctvHoldsModel", "번호"), lambda h: str(h.id), lambda h: h.id, align_right=True
        ),
        Column(
            QT_TRANSLATE_NOOP("CctvHoldsModel", "사유 구분"), lambda h: label(HOLD_REASON_TEXT, h.reason_kind)
        ),
        Column(QT_TRANSLATE_NOOP("CctvHoldsModel", "사유"), lambda h: h.reason),
        Column(QT_TRANSLATE_NOOP("CctvHoldsModel", "카메라"), lambda h: ", ".join(h.cameras)),
        Column(
            QT_TRANSLATE_NOOP("CctvHoldsModel", "영상 기간"),
            lambda h: fmt_window(h.window_start, h.window_end),
        ),
        Column(QT_TRANSLATE_NOOP("CctvHoldsModel", "보존 종료"), lambda h: h.until_text),
        Column(
            QT_TRANSLATE_NOOP("CctvHoldsModel", "설정"),
            lambda h: f"{fmt_datetime(h.set_at)} {h.set_by_label or h.set_by}",
        ),
        Column(QT_TRANSLATE_NOOP("CctvHoldsModel", "상태"), hold_state),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and not self.row_object(index.row()).active
        ):
            return Qt.GlobalColor.gray
        return super().data(index, role)


def held_text(line: RetentionLine) -> str:
    parts = []
    for h in line.held:
        span = h.first.isoformat() if h.first == h.last else f"{h.first.isoformat()} ~ {h.last.isoformat()}"
        tail = QCoreApplication.translate("CctvHoldsModel", ", 보관기간 지남") if h.past_retention else ""
        parts.append(f"{span} ({h.reason_label}, {h.until_text}{tail})")
    return "; ".join(parts)


class RetentionModel(RowTableModel[RetentionLine]):
    CONTEXT = CTX
    COL_CAMERA, COL_PLACE, COL_THROUGH, COL_HELD = range(4)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("CctvHoldsModel", "카메라"), lambda r: r.camera.number),
        Column(QT_TRANSLATE_NOOP("CctvHoldsModel", "위치"), lambda r: r.camera.place),
        Column(
            QT_TRANSLATE_NOOP("CctvHoldsModel", "덮어쓰기 가능"), lambda r: r.overwritable_through.isoformat()
        ),
        Column(QT_TRANSLATE_NOOP("CctvHoldsModel", "보존 중인 날"), held_text),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.FontRole
            and index.isValid()
            and index.column() == self.COL_HELD
            and any(h.past_retention for h in self.row_object(index.row()).held)
        ):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class HoldDialog(_FormDialog):
    """보존 연장 설정: cameras, window, reason kind and text, the end (a date or a request's close)."""

    def __init__(self, parent: QWidget | None, cameras: list[CameraInfo], requests: list[RequestRow]) -> None:
        super().__init__(parent, "holdDialog", self.tr("보존 연장 설정"), self.tr("설정"))
        self.picker = CameraPicker(self)
        self.picker.set_cameras(cameras)
        self.picker.setFixedHeight(140)
        self.footage_window = WindowEdit(self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("reasonKind")
        for code in HOLD_REASON_TEXT:
            self.kind.addItem(label(HOLD_REASON_TEXT, code), code)
        self.kind.setCurrentIndex(self.kind.findData("police"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("예: 관악경찰서 수사 협조 요청 (공문 접수 전)"))
        self.by_date = QRadioButton(self.tr("날짜까지"), self)
        self.by_date.setObjectName("untilDate")
        self.by_date.setChecked(True)
        self.until = QDateEdit(from_date(clock.today_kst() + dt.timedelta(days=30)), self)
        self.until.setObjectName("until")
        self.until.setDisplayFormat(DATE_FORMAT)
        self.until.setCalendarPopup(True)
        self.by_request = QRadioButton(self.tr("청구 종결 시까지"), self)
        self.by_request.setObjectName("untilRequest")
        self.request = QComboBox(self)
        self.request.setObjectName("request")
        for r in requests:
            self.request.addItem(f"{r.number} ({r.requester}, {', '.join(r.cameras)})", r.id)
        self.by_request.setEnabled(bool(requests))
        end_date = QHBoxLayout()
        end_date.addWidget(self.by_date)
        end_date.addWidget(self.until)
        end_date.addStretch(1)
        end_request = QHBoxLayout()
        end_request.addWidget(self.by_request)
        end_request.addWidget(self.request, 1)
        self.form.addRow(self.tr("카메라"), self.picker)
        self.form.addRow(self.tr("영상 기간"), self.footage_window)
        self.form.addRow(self.tr("사유 구분"), self.kind)
        self.form.addRow(self.tr("사유"), self.reason)
        self.form.addRow(self.tr("보존 종료"), end_date)
        self.form.addRow("", end_request)
        self.by_date.toggled.connect(self._end_changed)
        self._end_changed()
        self.finish_layout()
        self.setMinimumWidth(600)

    def _end_changed(self) -> None:
        self.until.setEnabled(self.by_date.isChecked())
        self.request.setEnabled(not self.by_date.isChecked())

    def problem(self) -> str:
        if not self.picker.checked():
            return self.tr("보존할 카메라를 고르십시오.")
        if not self.reason.text().strip():
            return self.tr("보존 사유를 입력하십시오.")
        return ""

    def hold_input(self) -> HoldInput:
        start, end = self.footage_window.value()
        by_date = self.by_date.isChecked()
        return HoldInput(
            cameras=self.picker.checked(),
            window_start=start,
            window_end=end,
            reason_kind=self.kind.currentData(),
            reason=self.reason.text(),
            until_date=to_date(self.until.date()) if by_date else None,
            until_request_id=None if by_date else self.request.currentData(),
        )


class HoldsTab(CctvTab):
    def __init__(self, page: CctvPage) -> None:
        super().__init__(page)
        self.setObjectName("holdsTab")
        self.report: RetentionReport | None = None
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.set_button = self.button(
            bar, "setHoldButton", self.tr("보존 연장 설정"), self.set_hold, allowed=self.may_manage
        )
        self.end_button = self.button(
            bar, "endHoldButton", self.tr("보존 해제"), self.end_hold, allowed=self.may_manage
        )
        bar.addStretch(1)
        self.include_ended = QCheckBox(self.tr("해제된 보존 포함"), self)
        self.include_ended.setObjectName("includeEnded")
        self.include_ended.toggled.connect(lambda _on: self.reload())
        bar.addWidget(self.include_ended)
        top_layout.addLayout(bar)
        self.model = HoldsModel(self)
        self.table = self._table(self.model, "holdsTable", top)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        top_layout.addWidget(self.table, 1)

        bottom = QWidget(splitter)
        b_layout = QVBoxLayout(bottom)
        b_layout.setContentsMargins(0, 0, 0, 0)
        check_bar = QHBoxLayout()
        check_bar.addWidget(heading(self.tr("보관기간 점검"), bottom))
        self.check_date = QDateEdit(from_date(clock.today_kst()), bottom)
        self.check_date.setObjectName("checkDate")
        self.check_date.setDisplayFormat(DATE_FORMAT)
        self.check_date.setCalendarPopup(True)
        check_bar.addWidget(self.check_date)
        self.check_button = self.button(check_bar, "checkButton", self.tr("점검"), self.run_check)
        self.check_summary = QLabel(bottom)
        self.check_summary.setObjectName("checkSummary")
        check_bar.addWidget(self.check_summary, 1)
        b_layout.addLayout(check_bar)
        self.retention_model = RetentionModel(self)
        self.retention_table = self._table(self.retention_model, "retentionTable", bottom)
        b_layout.addWidget(self.retention_table, 1)
        splitter.setSizes([260, 360])
        layout.addWidget(splitter, 1)
        self._update_buttons()

    def _table(self, model: Any, name: str, parent: QWidget) -> QTableView:
        return record_table(parent, name, model, fit_contents=True, wrap=False)

    # -- loading ------------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, active_only = self.host.ctx, self.host.actor, not self.include_ended.isChecked()
        self.run(
            lambda: retention.list_holds(ctx, actor, active_only=active_only), self._loaded, changes=False
        )
        self.run_check()

    def _loaded(self, holds: list[HoldInfo]) -> None:
        keep = self.selected()
        self.model.set_rows(holds)
        if keep is not None:
            for row, h in enumerate(holds):
                if h.id == keep.id:
                    self.table.selectionModel().select(
                        self.model.index(row, 0),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
        self._update_buttons()

    def run_check(self) -> None:
        ctx, actor, day = self.host.ctx, self.host.actor, to_date(self.check_date.date())
        self.run(lambda: retention.retention_check(ctx, actor, day), self._checked, changes=False)

    def _checked(self, report: RetentionReport) -> None:
        self.report = report
        self.retention_model.set_rows(report.lines)
        held = sum(1 for line in report.lines if line.held)
        self.check_summary.setText(
            self.tr(
                "{date} 기준 보관기간 {days}일: {through}까지 촬영분은 덮어쓸 수 있습니다. 보존 연장 중인 카메라 {held}대."
            ).format(
                date=report.date.isoformat(),
                days=report.retention_days,
                through=report.overwritable_through.isoformat(),
                held=held,
            )
        )
        if report.overwrites_recorded:  # entered in the 관리대장 as 파기: the ledger tab reloads when shown
            self.page.ledger.stale = True
            self.check_summary.setText(
                self.check_summary.text()
                + " "
                + self.tr("덮어쓴 영상 {n}일분을 관리대장에 파기로 기록했습니다.").format(
                    n=len(report.overwrites_recorded)
                )
            )

    def selected(self) -> HoldInfo | None:
        rows = self.table.selectionModel().selectedRows()
        value = self.model.data(rows[0], ROW_ROLE) if rows else None
        return value if isinstance(value, HoldInfo) else None

    def _update_buttons(self) -> None:
        if self.end_button is not None:
            h = self.selected()
            self.end_button.setEnabled(h is not None and h.ended_at is None)

    # -- actions ---------------------------------------------------------------------------------------
    def set_hold(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        self.run(
            lambda: requests_uc.list_requests(ctx, actor, open_only=True),
            self._open_hold_dialog,
            changes=False,
        )

    def _open_hold_dialog(self, open_requests: list[RequestRow]) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        dialog = HoldDialog(self, self.cameras, open_requests)

        def go() -> None:
            data = dialog.hold_input()
            self.run(lambda: retention.set_hold(ctx, actor, data))

        self.open_dialog(dialog, go)

    def end_hold(self) -> None:
        h = self.selected()
        if h is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        dialog = ReasonDialog(
            self,
            self.tr("보존 해제"),
            self.tr(
                "보존 {id}번({cameras})을 지금 해제합니다. 해제한 영상은 보관기간이 지났으면 덮어쓰일 수 있습니다."
            ).format(id=h.id, cameras=", ".join(h.cameras)),
            ok_text=self.tr("해제"),
        )

        def go() -> None:
            reason = dialog.reason_text()
            self.run(lambda: retention.end_hold(ctx, actor, h.id, reason, expected_version=h.version))

        self.open_dialog(dialog, go)
