"""The intake dialog (새 요구 접수, 개인영상정보 열람·존재확인·삭제 청구).

Requester, contact, relation to the person filmed (본인 / 법정대리인 / 대리인 with 위임장 확인),
identity document and who checked it, kind, cameras, time window and purpose. While the window is
being chosen the dialog says what the footage is: still kept (접수하면 자동 보존 연장), held, or
already past retention and not held (영상 없음) — from the retention period and the holds in force,
with the same rule as :func:`privdesk.cctv.retention.footage_status`. The use case decides again on
save; its answer is what the inbox shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.cctv import requests as requests_uc
from privdesk.cctv.cameras import CameraInfo
from privdesk.cctv.common import fmt_days, kst_day, runs, window_days
from privdesk.cctv.requests import ID_DOCUMENTS, RequestDetail, RequestInput
from privdesk.cctv.retention import HoldInfo, list_holds, within_retention
from privdesk.errors import PrivdeskError, ValidationError
from privdesk.ui.cctv.common import (
    ERROR_STYLE,
    GONE_STYLE,
    KIND_TEXT,
    OK_STYLE,
    RELATION_TEXT,
    WARN_STYLE,
    CameraPicker,
    WindowEdit,
    label,
)
from privdesk.ui.dateedit import DateEdit
from privdesk.ui.host import PageHost

GONE, HELD, KEPT, FUTURE = "gone", "held", "exists", "future"


def preview_status(
    camera: str, day: dt.date, today: dt.date, retention_days: int, holds: Sequence[HoldInfo]
) -> str:
    """What became of ``camera``'s footage of ``day`` (the core's rule, on the holds' summaries)."""
    if day > today:
        return FUTURE
    for h in holds:
        if not h.active or camera not in h.cameras:
            continue
        last = kst_day(h.window_end - dt.timedelta(microseconds=1))
        if kst_day(h.window_start) <= day <= last and (kst_day(h.set_at) - day).days < retention_days:
            return HELD
    return KEPT if within_retention(day, today, retention_days) else GONE


class IntakeDialog(QDialog):
    """``received(detail)`` fires after the use case took the request in; the dialog then closes."""

    received = Signal(object)

    def __init__(self, host: PageHost, cameras: Sequence[CameraInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeDialog")
        self.setWindowTitle(self.tr("새 요구 접수 — 개인영상정보 열람·존재확인·삭제 청구"))
        self.host = host
        self.retention_days = host.ctx.profile.cctv.retention_days
        self.holds: list[HoldInfo] = []
        self.saving = False

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kind")
        for code in KIND_TEXT:
            self.kind_combo.addItem(label(KIND_TEXT, code), code)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("requesterName")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("requesterPhone")
        self.phone_edit.setPlaceholderText("010-0000-0000")
        self.birth_edit = DateEdit(self, name="requesterBirth", label=self.tr("생년월일"), optional=True)
        self.address_edit = QLineEdit(self)
        self.address_edit.setObjectName("requesterAddress")
        self.address_edit.setPlaceholderText(self.tr("선택 — 결과 통지서를 우편으로 보낼 때"))
        self.relation_combo = QComboBox(self)
        self.relation_combo.setObjectName("relation")
        for code in RELATION_TEXT:
            self.relation_combo.addItem(label(RELATION_TEXT, code), code)
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setObjectName("subjectName")
        self.proxy_check = QCheckBox(self)
        self.proxy_check.setObjectName("proxyChecked")
        self.document_combo = QComboBox(self)
        self.document_combo.setObjectName("idDocument")
        self.document_combo.addItems(list(ID_DOCUMENTS))
        self.checked_by_edit = QLineEdit(host.actor.name, self)
        self.checked_by_edit.setObjectName("idCheckedBy")

        who = QGroupBox(self.tr("청구인"), self)
        form = QFormLayout(who)
        form.addRow(self.tr("청구 구분"), self.kind_combo)
        form.addRow(self.tr("성명"), self.name_edit)
        form.addRow(self.tr("연락처"), self.phone_edit)
        form.addRow(self.tr("생년월일"), self.birth_edit)
        form.addRow(self.tr("주소"), self.address_edit)
        form.addRow(self.tr("정보주체와의 관계"), self.relation_combo)
        form.addRow(self.tr("정보주체 성명"), self.subject_edit)
        form.addRow("", self.proxy_check)
        form.addRow(self.tr("신분 확인 서류"), self.document_combo)
        form.addRow(self.tr("확인자"), self.checked_by_edit)

        what = QGroupBox(self.tr("청구 대상 영상"), self)
        grid = QGridLayout(what)
        self.picker = CameraPicker(what)
        self.picker.set_cameras(cameras)
        self.picker.setMinimumHeight(150)
        self.window_edit = WindowEdit(what)
        yesterday = clock.today_kst() - dt.timedelta(days=1)
        self.window_edit.set_day(yesterday, dt.time(9), dt.time(10))
        self.purpose_edit = QPlainTextEdit(what)
        self.purpose_edit.setObjectName("purpose")
        self.purpose_edit.setFixedHeight(60)
        grid.addWidget(QLabel(self.tr("카메라 (여러 대 선택)"), what), 0, 0)
        grid.addWidget(self.picker, 1, 0, 5, 1)
        grid.addWidget(QLabel(self.tr("영상 기간 (촬영 일시)"), what), 0, 1)
        grid.addWidget(self.window_edit, 1, 1)
        grid.addWidget(QLabel(self.tr("청구 목적 및 사유"), what), 2, 1)
        grid.addWidget(self.purpose_edit, 3, 1)
        self.footage = QLabel(what)
        self.footage.setObjectName("footageHint")
        self.footage.setWordWrap(True)
        grid.addWidget(self.footage, 4, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(what, 1)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("접수"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.relation_combo.currentIndexChanged.connect(lambda _i: self._relation_changed())
        self.picker.changed.connect(self.update_footage)
        self.window_edit.changed.connect(self.update_footage)
        self._relation_changed()
        self.update_footage()
        self.resize(820, 760)
        actor, ctx = host.actor, host.ctx
        host.runner.run(
            lambda: list_holds(ctx, actor, active_only=True), owner=self, on_done=self._holds_loaded
        )

    def _holds_loaded(self, holds: list[HoldInfo]) -> None:
        self.holds = holds
        self.update_footage()

    def _relation_changed(self) -> None:
        relation = self.relation_combo.currentData()
        self.subject_edit.setEnabled(relation != "self")
        self.proxy_check.setEnabled(relation != "self")
        if relation == "agent":
            self.proxy_check.setText(self.tr("위임장 확인함 (개인정보 보호법 제38조)"))
        elif relation == "guardian":
            self.proxy_check.setText(self.tr("대리 관계 서류(가족관계증명서 등) 확인함"))
        else:
            self.proxy_check.setText(self.tr("본인 청구 — 위임장 필요 없음"))
            self.proxy_check.setChecked(False)

    # -- the footage, at once ---------------------------------------------------------------------
    def footage_statuses(self) -> dict[tuple[str, dt.date], str]:
        start, end = self.window_edit.value()
        if end <= start:
            return {}
        today = clock.today_kst()
        days = window_days(start, end)
        if len(days) > 31:
            return {}
        return {
            (cam, d): preview_status(cam, d, today, self.retention_days, self.holds)
            for cam in self.picker.checked()
            for d in days
        }

    def update_footage(self) -> None:
        start, end = self.window_edit.value()
        found = self.footage_statuses()
        if not self.picker.checked():
            self._hint(WARN_STYLE, self.tr("영상을 확인할 카메라를 고르십시오."))
        elif end <= start:
            self._hint(WARN_STYLE, self.tr("영상 기간의 끝이 시작보다 늦어야 합니다."))
        elif not found:
            self._hint(WARN_STYLE, self.tr("영상 기간은 31일 이내로 지정하십시오."))
        elif FUTURE in found.values():
            self._hint(WARN_STYLE, self.tr("아직 촬영되지 않은 시각은 지정할 수 없습니다."))
        elif all(s == GONE for s in found.values()):
            self._hint(
                GONE_STYLE,
                self.tr(
                    "요청한 기간의 영상은 보관기간({days}일)이 지나 이미 없습니다(보존 연장 없음). 접수하면 '영상 없음'으로 "
                    "기록되고, 결과 통지서에 영상이 없다고 안내합니다."
                ).format(days=self.retention_days),
            )
        else:
            gone_days = sorted({d for (_c, d), s in found.items() if s == GONE})
            text = self.tr("접수하면 고른 카메라·기간의 영상에 청구 종결 시까지 자동 보존 연장을 겁니다.")
            if gone_days:
                spans = ", ".join(fmt_days(r) for r in runs(gone_days))
                text += " " + self.tr("다만 {days}의 영상은 보관기간이 지나 없습니다.").format(days=spans)
            if HELD in found.values():
                text += " " + self.tr("일부 영상은 이미 보존 연장 중입니다.")
            self._hint(WARN_STYLE if gone_days else OK_STYLE, text)

    def _hint(self, style: str, text: str) -> None:
        self.footage.setStyleSheet(style)
        self.footage.setText(text)

    # -- saving ------------------------------------------------------------------------------------
    def request_input(self) -> RequestInput:
        """The form as the use case's input; a ValidationError for what only the form can check."""
        birth = self.birth_edit.date("requester_birth")  # a ValidationError saying how to write it
        start, end = self.window_edit.value()
        relation = self.relation_combo.currentData()
        return RequestInput(
            kind=self.kind_combo.currentData(),
            requester_name=self.name_edit.text(),
            requester_phone=self.phone_edit.text(),
            relation=relation,
            id_document=self.document_combo.currentText(),
            cameras=self.picker.checked(),
            window_start=start,
            window_end=end,
            purpose=self.purpose_edit.toPlainText(),
            requester_birth=birth,
            requester_address=self.address_edit.text(),
            subject_name=self.subject_edit.text() if relation != "self" else "",
            proxy_checked=self.proxy_check.isChecked() and relation != "self",
            id_checked_by=self.checked_by_edit.text(),
        )

    def submit(self) -> None:
        if self.saving:
            return
        try:
            data = self.request_input()
        except ValidationError as exc:
            self.message.setText(str(exc))
            return
        self.saving = True
        self.ok_button.setEnabled(False)
        self.message.clear()
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(
            lambda: requests_uc.receive_request(ctx, actor, data),
            owner=self,
            on_done=self._saved,
            on_error=self._failed,
            changes=frozenset({"cctv"}),
        )

    def _saved(self, detail: RequestDetail) -> None:
        self.saving = False
        self.received.emit(detail)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.saving = False
        self.ok_button.setEnabled(True)
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            return True
        return False
