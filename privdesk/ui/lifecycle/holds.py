"""The legal-hold tab (법적 보존): records kept out of every destruction plan (증거·법적 보존).

The open holds (or all, with 해제된 보존 포함) with the patient's chart number, masked name, the
reason, who placed it and when. 보존 설정 takes a chart number and a reason; 보존 해제 needs a typed
reason, which is written into the access log. The privacy officer only (``retention.manage``);
every patient listed is logged as a view by the use case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from privdesk.errors import PrivdeskError, ValidationError
from privdesk.lifecycle import holds
from privdesk.lifecycle.holds import LegalHoldRow
from privdesk.registry.models import STATUS_ACTIVE, STATUS_DESTROYED, STATUS_SEPARATED
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.lifecycle.common import LifecycleTab
from privdesk.ui.tablemodel import Column, RowTableModel, selected_row
from privdesk.ui.widgets import ReasonDialog, fmt_datetime, record_table

if TYPE_CHECKING:
    from privdesk.ui.lifecycle.page import LifecyclePage

ERROR_STYLE = "color: #a00000;"
CTX = "LifecycleHoldsModel"
STATUS_TEXT = {
    STATUS_ACTIVE: QT_TRANSLATE_NOOP("LifecycleHoldsModel", "이용 중"),
    STATUS_SEPARATED: QT_TRANSLATE_NOOP("LifecycleHoldsModel", "분리보관"),
    STATUS_DESTROYED: QT_TRANSLATE_NOOP("LifecycleHoldsModel", "파기됨"),
}


def _status(r: LegalHoldRow) -> str:
    text = STATUS_TEXT.get(r.patient_status)
    return QCoreApplication.translate(CTX, text) if text else r.patient_status


def _state(r: LegalHoldRow) -> str:
    if r.active:
        return QCoreApplication.translate("LifecycleHoldsModel", "보존 중")
    return QCoreApplication.translate("LifecycleHoldsModel", "해제 {at} {who}").format(
        at=fmt_datetime(r.released_at), who=r.released_by_label or r.released_by or ""
    )


class LegalHoldsModel(RowTableModel[LegalHoldRow]):
    CONTEXT = CTX
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("LifecycleHoldsModel", "번호"),
            lambda r: str(r.id),
            lambda r: r.id,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("LifecycleHoldsModel", "차트번호"), lambda r: r.chart_no),
        Column(QT_TRANSLATE_NOOP("LifecycleHoldsModel", "성명"), lambda r: r.name_masked),
        Column(QT_TRANSLATE_NOOP("LifecycleHoldsModel", "기록 상태"), _status),
        Column(QT_TRANSLATE_NOOP("LifecycleHoldsModel", "보존 사유"), lambda r: r.reason),
        Column(
            QT_TRANSLATE_NOOP("LifecycleHoldsModel", "설정자"), lambda r: r.placed_by_label or r.placed_by
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecycleHoldsModel", "설정 일시"),
            lambda r: fmt_datetime(r.placed_at),
            lambda r: r.placed_at,
        ),
        Column(QT_TRANSLATE_NOOP("LifecycleHoldsModel", "상태"), _state),
        Column(QT_TRANSLATE_NOOP("LifecycleHoldsModel", "해제 사유"), lambda r: r.release_reason),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and not self.row_object(index.row()).active
        ):
            return Qt.GlobalColor.gray
        return super().data(index, role)


class PlaceHoldDialog(QDialog):
    """보존 설정: the patient's chart number and the reason. 설정 emits ``submitted``; the tab
    closes the dialog once the use case placed the hold, or shows the refusal (:meth:`failed`)."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("placeHoldDialog")
        self.setWindowTitle(self.tr("법적 보존 설정"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "보존을 설정한 기록은 보유기간이 지나도 파기 계획에서 제외됩니다 "
                "(소송·수사 등 증거 보전). 분리보관된 기록도 차트번호로 찾습니다."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.chart = QLineEdit(self)
        self.chart.setObjectName("chartNo")
        self.chart.setPlaceholderText(self.tr("예: C2019-00123"))
        self.chart_error = self._error_label("error_chart_no")
        chart_box = QVBoxLayout()
        chart_box.addWidget(self.chart)
        chart_box.addWidget(self.chart_error)
        form.addRow(self.tr("차트번호"), chart_box)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setFixedHeight(72)
        self.reason.setPlaceholderText(
            self.tr("예: 2026가단12345 손해배상 소송 증거 보전 (환자 성명 등 개인정보는 적지 마십시오)")
        )
        self.reason_error = self._error_label("error_reason")
        reason_box = QVBoxLayout()
        reason_box.addWidget(self.reason)
        reason_box.addWidget(self.reason_error)
        form.addRow(self.tr("보존 사유"), reason_box)
        layout.addLayout(form)
        self.message = self._error_label("message")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("설정"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _error_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def chart_no(self) -> str:
        return self.chart.text().strip()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def clear_errors(self) -> None:
        for label in (self.chart_error, self.reason_error, self.message):
            label.clear()
            label.hide()

    def _submit(self) -> None:
        self.clear_errors()
        if not self.chart_no():
            self._show(self.chart_error, self.tr("보존할 환자의 차트번호를 입력하십시오."))
            return
        if not self.reason_text():
            self._show(self.reason_error, self.tr("보존 사유를 입력하십시오."))
            return
        self.submitted.emit()

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()
        self.adjustSize()  # grow with the message: the buttons must not cover the fields

    def failed(self, exc: PrivdeskError) -> None:
        self.clear_errors()
        field = exc.field if isinstance(exc, ValidationError) else ""
        if field == "chart_no" or isinstance(exc, holds.ChartNotFoundError):
            self._show(self.chart_error, str(exc))
        elif field == "reason":
            self._show(self.reason_error, str(exc))
        else:
            self._show(self.message, str(exc))


class LegalHoldsTab(LifecycleTab):
    """법적 보존: open holds (or all), 보존 설정, 보존 해제 with a reason."""

    def __init__(self, page: LifecyclePage) -> None:
        super().__init__(page)
        self.setObjectName("holdsTab")
        self.place_dialog: PlaceHoldDialog | None = None
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "법적 보존 중인 기록은 보유기간이 지나도 파기하지 않습니다. 설정과 해제는 "
                "사유와 함께 접속기록에 남습니다."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        bar = QHBoxLayout()
        self.place_button = self.button(bar, "placeHold", self.tr("보존 설정"), self.place)
        self.release_button = self.button(bar, "releaseHold", self.tr("보존 해제"), self.release)
        bar.addStretch(1)
        self.include_released = QCheckBox(self.tr("해제된 보존 포함"), self)
        self.include_released.setObjectName("includeReleased")
        self.include_released.toggled.connect(lambda _on: self.reload())
        bar.addWidget(self.include_released)
        layout.addLayout(bar)
        self.model = LegalHoldsModel(self)
        self.table = record_table(self, "holdsTable", self.model)
        # the reasons share the width and wrap; the short columns fit their contents
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col in range(self.model.columnCount()):
            header.setSectionResizeMode(
                col,
                QHeaderView.ResizeMode.Stretch if col in (4, 8) else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.model.modelReset.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        self.loaded = False
        self._update_buttons()

    def reload(self) -> None:
        ctx, actor, everything = self.host.ctx, self.host.actor, self.include_released.isChecked()

        def done(rows: list[LegalHoldRow]) -> None:
            self.model.set_rows(rows)
            active = sum(1 for r in rows if r.active)
            self.status.setText(
                self.tr("보존 중 {active}건").format(active=f"{active:,}")
                if not everything
                else self.tr("보존 중 {active}건, 해제 {released}건").format(
                    active=f"{active:,}", released=f"{len(rows) - active:,}"
                )
            )
            self.loaded = True
            self._update_buttons()

        self.run(lambda: holds.list_legal_holds(ctx, actor, include_released=everything), done, changes=False)

    def current(self) -> LegalHoldRow | None:
        return selected_row(self.table, self.model)

    def _update_buttons(self) -> None:
        if self.release_button is not None:
            h = self.current()
            self.release_button.setEnabled(h is not None and h.active)

    def place(self) -> None:
        dialog = PlaceHoldDialog(self)
        dialog.submitted.connect(lambda: self._place(dialog))
        self.place_dialog = dialog
        self.open_dialog(dialog)

    def _place(self, dialog: PlaceHoldDialog) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        chart, reason = dialog.chart_no(), dialog.reason_text()
        dialog.buttons.setEnabled(False)

        def done(_hold_id: int) -> None:
            dialog.accept()

        def failed(exc: BaseException) -> bool:
            dialog.buttons.setEnabled(True)
            if isinstance(exc, PrivdeskError):
                dialog.failed(exc)
                return True
            return False

        self.run(lambda: holds.place_legal_hold_by_chart(ctx, actor, chart, reason), done, on_error=failed)

    def release(self) -> None:
        h = self.current()
        if h is None or not h.active:
            return
        ctx, actor = self.host.ctx, self.host.actor
        who = h.chart_no or h.subject
        dialog = ReasonDialog(
            self,
            self.tr("법적 보존 해제"),
            self.tr(
                "보존 {id}번 (차트번호 {chart})을 해제합니다. 보유기간이 지난 기록이면 다음 파기 계획에 포함됩니다. "
                "해제 사유는 접속기록에 남으니 환자 성명 등 개인정보는 적지 마십시오."
            ).format(id=h.id, chart=who),
            ok_text=self.tr("해제"),
        )
        dialog.setObjectName("releaseHoldDialog")

        def go() -> None:
            reason = dialog.reason_text()
            self.run(lambda: holds.release_legal_hold(ctx, actor, h.id, reason))

        self.open_dialog(dialog, go)
