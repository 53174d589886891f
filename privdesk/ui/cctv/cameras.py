"""The camera registry tab (카메라, 영상정보처리기기 설치 현황): number, location, recording range,
purpose and status of each camera; edits with a reason (a stale copy is refused by the use case
and the tab reloads); each camera's change history."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk.cctv import cameras as cameras_uc
from privdesk.cctv.cameras import STATUS_LABELS, CameraChangeInfo, CameraEdit, CameraInfo, CameraStatus
from privdesk.ui.cctv.common import ERROR_STYLE, CctvTab
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.tablemodel import ROW_ROLE, SORT_ROLE, Column, RowTableModel
from privdesk.ui.tables import remember_table
from privdesk.ui.widgets import fmt_datetime, sort_key_datetime

if TYPE_CHECKING:
    from privdesk.ui.cctv.page import CctvPage

CTX = "CctvCamerasModel"
STATUS_TEXT = {
    CameraStatus.ACTIVE: QT_TRANSLATE_NOOP("CctvCamerasModel", "운영"),
    CameraStatus.INACTIVE: QT_TRANSLATE_NOOP("CctvCamerasModel", "일시 중지"),
    CameraStatus.REMOVED: QT_TRANSLATE_NOOP("CctvCamerasModel", "철거"),
}


def status_text(code: str) -> str:
    source = {str(k): v for k, v in STATUS_TEXT.items()}.get(code)
    return QCoreApplication.translate(CTX, source) if source else STATUS_LABELS.get(code, code)


class CamerasModel(RowTableModel[CameraInfo]):
    CONTEXT = CTX
    COL_NUMBER, COL_LOCATION, COL_COVERAGE, COL_PURPOSE, COL_STATUS, COL_UPDATED, COL_NOTE = range(7)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("CctvCamerasModel", "번호"), lambda c: c.number),
        Column(QT_TRANSLATE_NOOP("CctvCamerasModel", "설치 위치"), lambda c: c.location),
        Column(QT_TRANSLATE_NOOP("CctvCamerasModel", "촬영 범위"), lambda c: c.coverage),
        Column(QT_TRANSLATE_NOOP("CctvCamerasModel", "설치 목적"), lambda c: c.purpose),
        Column(QT_TRANSLATE_NOOP("CctvCamerasModel", "상태"), lambda c: status_text(c.status)),
        Column(
            QT_TRANSLATE_NOOP("CctvCamerasModel", "최종 변경"),
            lambda c: fmt_datetime(c.updated_at),
            lambda c: sort_key_datetime(c.updated_at),
        ),
        Column(QT_TRANSLATE_NOOP("CctvCamerasModel", "비고"), lambda c: c.note),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            status = self.row_object(index.row()).status
            if status == CameraStatus.REMOVED:
                return Qt.GlobalColor.gray
            if status == CameraStatus.INACTIVE:
                return Qt.GlobalColor.darkYellow
        return super().data(index, role)


class CameraDialog(QDialog):
    """카메라 추가 (``camera=None``) or 카메라 수정: the fields and the reason (필수)."""

    def __init__(self, parent: QWidget | None, camera: CameraInfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDialog")
        self.camera = camera
        self.setWindowTitle(
            self.tr("카메라 수정 — {number}").format(number=camera.number)
            if camera
            else self.tr("카메라 추가")
        )
        form = QFormLayout()
        self.number_edit = QLineEdit(camera.number if camera else "", self)
        self.number_edit.setObjectName("number")
        self.number_edit.setReadOnly(camera is not None)
        self.number_edit.setPlaceholderText(self.tr("예: CAM-26"))
        self.location_edit = QLineEdit(camera.location if camera else "", self)
        self.location_edit.setObjectName("location")
        self.location_edit.setPlaceholderText(self.tr("건물로비, 원내, 건물외부 …"))
        self.coverage_edit = QLineEdit(camera.coverage if camera else "", self)
        self.coverage_edit.setObjectName("coverage")
        self.purpose_edit = QLineEdit(camera.purpose if camera else "", self)
        self.purpose_edit.setObjectName("purpose")
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("status")
        for code in STATUS_TEXT:
            self.status_combo.addItem(status_text(code), str(code))
        if camera:
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(camera.status)))
        self.note_edit = QLineEdit(camera.note if camera else "", self)
        self.note_edit.setObjectName("note")
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setFixedHeight(60)
        form.addRow(self.tr("번호"), self.number_edit)
        form.addRow(self.tr("설치 위치"), self.location_edit)
        form.addRow(self.tr("촬영 범위"), self.coverage_edit)
        form.addRow(self.tr("설치 목적"), self.purpose_edit)
        if camera:
            form.addRow(self.tr("상태"), self.status_combo)
            form.addRow(self.tr("비고"), self.note_edit)
        else:
            self.purpose_edit.setPlaceholderText(self.tr("비워 두면 병원 프로필의 설치 목적"))
            self.status_combo.hide()  # not on the form: neither shown in a corner nor a Tab stop
            self.note_edit.hide()
        form.addRow(self.tr("사유 (필수)"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("저장"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self._validate)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _validate(self) -> None:
        if not self.number_edit.text().strip():
            self.message.setText(self.tr("카메라 번호를 입력하십시오."))
            return
        if not self.location_edit.text().strip():
            self.message.setText(self.tr("설치 위치를 입력하십시오."))
            return
        if not self.reason().strip():
            self.message.setText(self.tr("사유를 입력하십시오. 카메라 변경 이력에 남습니다."))
            return
        self.accept()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def edit(self) -> CameraEdit:
        return CameraEdit(
            location=self.location_edit.text(),
            coverage=self.coverage_edit.text(),
            purpose=self.purpose_edit.text(),
            status=self.status_combo.currentData(),
            note=self.note_edit.text(),
        )


class ChangesModel(RowTableModel[CameraChangeInfo]):
    CONTEXT = CTX
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("CctvCamerasModel", "일시"),
            lambda c: fmt_datetime(c.at),
            lambda c: sort_key_datetime(c.at),
        ),
        Column(QT_TRANSLATE_NOOP("CctvCamerasModel", "변경자"), lambda c: c.actor_label or c.actor_login),
        Column(QT_TRANSLATE_NOOP("CctvCamerasModel", "내용"), lambda c: c.detail),
        Column(QT_TRANSLATE_NOOP("CctvCamerasModel", "사유"), lambda c: c.reason),
    )


class CameraHistoryDialog(QDialog):
    def __init__(self, parent: QWidget | None, number: str, changes: list[CameraChangeInfo]) -> None:
        super().__init__(parent)
        self.setObjectName("cameraHistoryDialog")
        self.setWindowTitle(self.tr("카메라 변경 이력 — {number}").format(number=number))
        layout = QVBoxLayout(self)
        self.model = ChangesModel(self)
        self.model.set_rows(changes)
        table = QTableView(self)
        table.setObjectName("historyTable")
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        remember_table(table)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 360)


class CamerasTab(CctvTab):
    def __init__(self, page: CctvPage) -> None:
        super().__init__(page)
        self.setObjectName("camerasTab")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_button = self.button(
            bar, "addCameraButton", self.tr("카메라 추가"), self.add_camera, allowed=self.may_manage
        )
        self.edit_button = self.button(
            bar, "editCameraButton", self.tr("수정"), self.edit_camera, allowed=self.may_manage
        )
        self.history_button = self.button(bar, "cameraHistoryButton", self.tr("변경 이력"), self.show_history)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = CamerasModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("camerasTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CamerasModel.COL_NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        remember_table(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(
            lambda _i: self.edit_camera() if self.may_manage else self.show_history()
        )
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        self._update_buttons()

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def new_action(self) -> Callable[[], object] | None:
        return self.add_camera if self.may_manage else None

    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        self.run(lambda: cameras_uc.list_cameras(ctx, actor), self._loaded, changes=False)

    def _loaded(self, cameras: list[CameraInfo]) -> None:
        keep = self.selected()
        self.model.set_rows(cameras)
        active = sum(1 for c in cameras if c.status == CameraStatus.ACTIVE)
        self.status.setText(self.tr("카메라 {n}대 (운영 {active}대)").format(n=len(cameras), active=active))
        if keep is not None:
            self.select(keep.number)
        self._update_buttons()

    def selected(self) -> CameraInfo | None:
        rows = self.table.selectionModel().selectedRows()
        value = self.proxy.data(rows[0], ROW_ROLE) if rows else None
        return value if isinstance(value, CameraInfo) else None

    def select(self, number: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, ROW_ROLE).number == number:
                self.table.selectionModel().select(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for b in (self.edit_button, self.history_button):
            if b is not None:
                b.setEnabled(has)

    def add_camera(self) -> None:
        dialog = CameraDialog(self)
        ctx, actor = self.host.ctx, self.host.actor

        def save() -> None:
            number, location, coverage = (
                dialog.number_edit.text(),
                dialog.location_edit.text(),
                dialog.coverage_edit.text(),
            )
            purpose, reason = dialog.purpose_edit.text(), dialog.reason()
            self.run(
                lambda: cameras_uc.add_camera(
                    ctx,
                    actor,
                    number=number,
                    location=location,
                    coverage=coverage,
                    purpose=purpose,
                    reason=reason,
                )
            )

        self.open_dialog(dialog, save)

    def edit_camera(self) -> None:
        cam = self.selected()
        if cam is None:
            return
        dialog = CameraDialog(self, cam)
        ctx, actor = self.host.ctx, self.host.actor

        def save() -> None:
            edit, reason = dialog.edit(), dialog.reason()  # read on the GUI thread
            self.run(
                lambda: cameras_uc.update_camera(
                    ctx, actor, cam.number, edit, reason=reason, expected_version=cam.version
                )
            )

        self.open_dialog(dialog, save)

    def show_history(self) -> None:
        cam = self.selected()
        if cam is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        self.run(
            lambda: cameras_uc.camera_history(ctx, actor, cam.number),
            lambda changes: self.open_dialog(CameraHistoryDialog(self, cam.number, changes)),
            changes=False,
        )
