"""The contract dialog of the processor screen (위탁 계약 관리, 법 제26조).

Three parts, each saved by its own button through the use cases of
:mod:`privdesk.disclosures.contracts`: the checklist of the contract's required contents (법 제26조①,
시행령 제28조①: 있음 + 조항, or 누락), the sub-processors (재위탁, with the hospital's consent date),
and — once the contract has ended — the processor's return or destruction of the data with its
evidence. Until that is recorded the contract stays open ("반환·파기 미확인"). A refusal comes back in
Korean inside the dialog; after each save the dialog shows the new state and the page reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.disclosures import contracts
from privdesk.disclosures.contracts import ClauseInput, ContractState, ReturnInput, SubprocessorInput
from privdesk.disclosures.processors import ProcessorRow
from privdesk.errors import PrivdeskError
from privdesk.ui.cctv.common import ERROR_STYLE
from privdesk.ui.disclosures.common import DISCLOSURES
from privdesk.ui.widgets import DATE_FORMAT, from_date, to_date

Save = Callable[[Callable[[], ContractState]], None]


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(from_date(clock.today_kst()), parent)
    edit.setObjectName(name)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    return edit


class ContractDialog(QDialog):
    """위탁 계약 관리 for one processor. ``save(fn)`` (from the page) runs ``fn`` on the task runner
    and calls :meth:`show_state` with its result, or :meth:`failed` with a refusal."""

    changed = Signal()

    def __init__(
        self, parent: QWidget | None, row: ProcessorRow, run: Callable[..., None], ctx: Any, actor: Any
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contractDialog")
        self.row, self.run, self.ctx, self.actor = row, run, ctx, actor
        self.setWindowTitle(self.tr("위탁 계약 관리 — {name}").format(name=row.name))
        layout = QVBoxLayout(self)
        layout.addWidget(self._checklist_box())
        layout.addWidget(self._sub_box())
        layout.addWidget(self._return_box())
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_state(row.contract)
        self.resize(760, 760)

    # -- parts ---------------------------------------------------------------------------------------
    def _checklist_box(self) -> QGroupBox:
        box = QGroupBox(
            self.tr("계약서 필수 기재사항 (개인정보 보호법 제26조제1항, 시행령 제28조제1항)"), self
        )
        grid = QGridLayout(box)
        self.present: dict[str, QCheckBox] = {}
        self.article: dict[str, QLineEdit] = {}
        self.state_labels: dict[str, QLabel] = {}
        for i, c in enumerate(contracts.CLAUSES):
            check = QCheckBox(f"{c.label} ({c.basis})", box)
            check.setObjectName(f"clause_{c.code}")
            article = QLineEdit(box)
            article.setObjectName(f"article_{c.code}")
            article.setPlaceholderText(self.tr("조항 (예: 제7조)"))
            article.setMaximumWidth(120)
            state = QLabel(box)
            state.setObjectName(f"state_{c.code}")
            grid.addWidget(check, i, 0)
            grid.addWidget(article, i, 1)
            grid.addWidget(state, i, 2)
            self.present[c.code], self.article[c.code], self.state_labels[c.code] = check, article, state
        row = QHBoxLayout()
        self.check_reason = QLineEdit(box)
        self.check_reason.setObjectName("checkReason")
        self.check_reason.setPlaceholderText(self.tr("점검 사유 (필수, 예: 위탁 계약서 검토)"))
        row.addWidget(self.check_reason, 1)
        self.save_checklist = QPushButton(self.tr("점검 결과 저장"), box)
        self.save_checklist.setObjectName("saveChecklist")
        self.save_checklist.clicked.connect(lambda _c=False: self._save_checklist())
        row.addWidget(self.save_checklist)
        grid.addLayout(row, len(contracts.CLAUSES), 0, 1, 3)
        self.checklist_summary = QLabel(box)
        self.checklist_summary.setObjectName("checklistSummary")
        grid.addWidget(self.checklist_summary, len(contracts.CLAUSES) + 1, 0, 1, 3)
        return box

    def _sub_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("재위탁 (법 제26조제6항: 병원의 동의)"), self)
        layout = QVBoxLayout(box)
        self.sub_list = QListWidget(box)
        self.sub_list.setObjectName("subprocessorList")
        self.sub_list.setMaximumHeight(90)
        layout.addWidget(self.sub_list)
        form = QFormLayout()
        self.sub_name = QLineEdit(box)
        self.sub_name.setObjectName("subName")
        form.addRow(self.tr("재위탁 수탁자"), self.sub_name)
        self.sub_task = QLineEdit(box)
        self.sub_task.setObjectName("subTask")
        form.addRow(self.tr("재위탁 업무"), self.sub_task)
        self.sub_consented = _date_edit(box, "subConsented")
        form.addRow(self.tr("병원의 동의일"), self.sub_consented)
        self.sub_note = QLineEdit(box)
        self.sub_note.setObjectName("subNote")
        self.sub_note.setPlaceholderText(self.tr("동의 문서 (공문 번호 등)"))
        form.addRow(self.tr("동의 문서"), self.sub_note)
        self.sub_reason = QLineEdit(box)
        self.sub_reason.setObjectName("subReason")
        form.addRow(self.tr("사유"), self.sub_reason)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        self.add_sub = QPushButton(self.tr("재위탁 등록"), box)
        self.add_sub.setObjectName("addSubprocessor")
        self.add_sub.clicked.connect(lambda _c=False: self._add_sub())
        row.addWidget(self.add_sub)
        self.end_sub = QPushButton(self.tr("선택 재위탁 종료"), box)
        self.end_sub.setObjectName("endSubprocessor")
        self.end_sub.clicked.connect(lambda _c=False: self._end_sub())
        row.addWidget(self.end_sub)
        layout.addLayout(row)
        return box

    def _return_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("위탁 종료 시 개인정보 반환·파기 확인"), self)
        self.return_box = box
        form = QFormLayout(box)
        self.return_state = QLabel(box)
        self.return_state.setObjectName("returnState")
        self.return_state.setWordWrap(True)
        form.addRow(self.return_state)
        self.method = QComboBox(box)
        self.method.setObjectName("returnMethod")
        self.method.addItem(self.tr("파기"), "destroy")
        self.method.addItem(self.tr("반환"), "return")
        form.addRow(self.tr("조치"), self.method)
        self.done_on = _date_edit(box, "returnDate")
        form.addRow(self.tr("반환·파기일"), self.done_on)
        self.evidence = QLineEdit(box)
        self.evidence.setObjectName("returnEvidence")
        self.evidence.setPlaceholderText(
            self.tr("확인서·공문 번호, 파기 증명 (예: 파기 확인서 2026-045, 사진 첨부)")
        )
        form.addRow(self.tr("증빙"), self.evidence)
        self.confirmed_by = QLineEdit(box)
        self.confirmed_by.setObjectName("returnConfirmedBy")
        self.confirmed_by.setPlaceholderText(self.tr("확인한 직원의 아이디 (비우면 본인)"))
        form.addRow(self.tr("확인자"), self.confirmed_by)
        self.save_return = QPushButton(self.tr("반환·파기 확인 기록"), box)
        self.save_return.setObjectName("saveReturn")
        self.save_return.clicked.connect(lambda _c=False: self._save_return())
        form.addRow("", self.save_return)
        return box

    # -- state ----------------------------------------------------------------------------------------
    def show_state(self, state: ContractState) -> None:
        self.state = state
        for c in state.clauses:
            self.present[c.code].setChecked(bool(c.present))
            self.article[c.code].setText(c.article)
            self.state_labels[c.code].setText(self._clause_text(c.present, c.article))
        self.checklist_summary.setText(state.checklist_text)
        self.sub_list.clear()
        for s in state.subprocessors:
            item = QListWidgetItem(s.text, self.sub_list)
            item.setData(256, s.id)
        ended = self.row.ended
        if state.returned is not None:
            self.return_state.setText(state.returned.text)
        elif ended:
            self.return_state.setText(
                self.tr(
                    "위탁이 끝났으나 개인정보 반환·파기가 확인되지 않았습니다 (미결). "
                    "수탁업체의 확인서 등 증빙과 함께 기록하십시오."
                )
            )
        else:
            self.return_state.setText(
                self.tr("위탁 중입니다. 위탁을 종료하거나 계약 종료일이 지나면 기록할 수 있습니다.")
            )
        for w in (self.method, self.done_on, self.evidence, self.confirmed_by, self.save_return):
            w.setEnabled(ended)

    def _clause_text(self, present: bool | None, article: str) -> str:
        if present is None:
            return self.tr("미점검")
        if not present:
            return self.tr("누락")
        return self.tr("있음 ({article})").format(article=article) if article else self.tr("있음")

    def failed(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _do(self, fn: Callable[[], ContractState]) -> None:
        def done(state: ContractState) -> None:
            if shiboken6.isValid(self):
                self.message.hide()
                self.show_state(state)
                self.changed.emit()

        def refused(exc: BaseException) -> bool:
            if isinstance(exc, PrivdeskError) and shiboken6.isValid(self):
                self.failed(str(exc))
                return True
            return False

        self.run(fn, done, changes=DISCLOSURES, on_error=refused)

    # -- actions --------------------------------------------------------------------------------------
    def _save_checklist(self) -> None:
        items = {
            code: ClauseInput(check.isChecked(), self.article[code].text())
            for code, check in self.present.items()
        }
        reason, ctx, actor, pid = self.check_reason.text(), self.ctx, self.actor, self.row.id
        self._do(lambda: contracts.check_clauses(ctx, actor, pid, items, reason))

    def _add_sub(self) -> None:
        data = SubprocessorInput(
            self.sub_name.text(),
            self.sub_task.text(),
            to_date(self.sub_consented.date()),
            self.sub_note.text(),
        )
        reason, ctx, actor, pid = self.sub_reason.text(), self.ctx, self.actor, self.row.id
        self._do(lambda: contracts.add_subprocessor(ctx, actor, pid, data, reason))

    def _end_sub(self) -> None:
        item = self.sub_list.currentItem()
        if item is None:
            self.failed(self.tr("종료할 재위탁을 목록에서 고르십시오."))
            return
        sid, reason = int(item.data(256)), self.sub_reason.text()
        ctx, actor, today = self.ctx, self.actor, clock.today_kst()
        self._do(lambda: contracts.end_subprocessor(ctx, actor, sid, today, reason))

    def _save_return(self) -> None:
        data = ReturnInput(
            str(self.method.currentData()),
            to_date(self.done_on.date()),
            self.evidence.text(),
            self.confirmed_by.text(),
        )
        ctx, actor, pid = self.ctx, self.actor, self.row.id
        self._do(lambda: contracts.record_return(ctx, actor, pid, data))
