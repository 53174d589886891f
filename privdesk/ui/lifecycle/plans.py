"""The destruction plan tab (파기 계획): create, review, approve with the password, execute, certificate.

A plan shows the records due (count, file, criteria) and the records excluded with why. Approval
asks for the password again (:class:`PasswordDialog`); under the two-person rule (2인 승인) the
first approval leaves the plan waiting for a second, different approver, and the review says so.
Execution runs in the background with a progress dialog; 취소 raises from the use case's progress
callback before anything is committed, so the transaction rolls back and the plan is ``approved``
again (a plan that was resuming an interrupted run stays ``executing``); a cancel that comes after
the deletion began is too late and the run finishes (the user is told). The 파기 확인서 of an
executed plan opens in the PDF preview.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from privdesk.accounts.permissions import Permission
from privdesk.lifecycle import destruction, printing
from privdesk.lifecycle.destruction import ExclusionRow, ExecuteResult, PlanItemRow, PlanView
from privdesk.lifecycle.models import (
    PLAN_APPROVED,
    PLAN_DRAFT,
    PLAN_EXECUTED,
    PLAN_EXECUTING,
    PLAN_PARTLY_APPROVED,
)
from privdesk.ui import messages
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.lifecycle.common import LifecycleTab
from privdesk.ui.progress import Progress
from privdesk.ui.tablemodel import Column, RowTableModel, selected_row
from privdesk.ui.widgets import fmt_datetime, record_table

if TYPE_CHECKING:
    from privdesk.ui.lifecycle.page import LifecyclePage

OVERDUE_COLOR = QColor("#b00020")
STEP_TEXT = {
    "start": QT_TRANSLATE_NOOP("LifecyclePlans", "파기 준비"),
    "separated": QT_TRANSLATE_NOOP("LifecyclePlans", "분리보관 DB에서 삭제"),
    "main": QT_TRANSLATE_NOOP("LifecyclePlans", "운영 DB에서 삭제"),
    "scrub": QT_TRANSLATE_NOOP("LifecyclePlans", "복구 불가 조치"),
}


class PlanModel(RowTableModel[PlanView]):
    CONTEXT = "LifecyclePlanModel"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanModel", "번호"),
            lambda r: str(r.id),
            lambda r: r.id,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("LifecyclePlanModel", "상태"), lambda r: r.state_label),
        Column(QT_TRANSLATE_NOOP("LifecyclePlanModel", "기준일"), lambda r: r.as_of.isoformat()),
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanModel", "대상"),
            lambda r: f"{r.record_count:,}",
            lambda r: r.record_count,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanModel", "제외"),
            lambda r: f"{r.excluded_count:,}",
            lambda r: r.excluded_count,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanModel", "기한 경과"),
            lambda r: f"{r.overdue_count:,}",
            lambda r: r.overdue_count,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("LifecyclePlanModel", "작성자"), lambda r: r.who(r.created_by)),
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanModel", "승인"),
            lambda r: r.people.labels((r.approved_by, r.second_approved_by)),
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanModel", "파기 건수"),
            lambda r: "" if r.destroyed_count is None else f"{r.destroyed_count:,}",
        ),
    )


class ItemModel(RowTableModel[PlanItemRow]):
    """The plan's records, the most overdue first (red: past the destruction deadline)."""

    CONTEXT = "LifecyclePlanItemModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "대상"), lambda r: r.subject),
        Column(QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "차트번호"), lambda r: r.chart_no),
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "보유기간 종료일"),
            lambda r: r.retention_until.isoformat(),
            lambda r: r.retention_until,
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "파기 기한 경과"),
            lambda r: (
                QCoreApplication.translate("LifecyclePlanItemModel", "{days}일 지남").format(
                    days=r.overdue_days
                )
                if r.overdue_days
                else ""
            ),
            lambda r: r.overdue_days,
            align_right=True,
        ),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and self.row_object(index.row()).overdue_days
        ):
            return OVERDUE_COLOR
        return super().data(index, role)


class ExclusionModel(RowTableModel[ExclusionRow]):
    CONTEXT = "LifecycleExclusionModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("LifecycleExclusionModel", "대상"), lambda r: r.subject),
        Column(QT_TRANSLATE_NOOP("LifecycleExclusionModel", "차트번호"), lambda r: r.chart_no),
        Column(QT_TRANSLATE_NOOP("LifecycleExclusionModel", "제외 사유"), lambda r: r.reason),
    )


class PasswordDialog(QDialog):
    """Password re-entry for an approval (비밀번호 재확인)."""

    def __init__(self, parent: QWidget | None, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("파기 승인 — 비밀번호 확인"))
        layout = QVBoxLayout(self)
        label = QLabel(text, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("승인"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.password.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.password.text()))

    def done(self, result: int) -> None:
        value = self.password.text()
        self.value = value if result == QDialog.DialogCode.Accepted else ""
        self.password.clear()
        super().done(result)


class ExecutionCancelled(Exception):
    """Raised from the progress callback when 취소 was pressed: the main transaction rolls back."""


class ExecuteJob(QObject):
    """Run ``execute_plan`` in the background with a progress dialog and a cancel button."""

    finished = Signal()

    def __init__(self, tab: PlansTab, plan_id: int) -> None:
        super().__init__(tab)
        self.tab = tab
        self.plan_id = plan_id
        self.result: ExecuteResult | None = None
        self.cancelled = False
        self.state_after_cancel: str | None = None  # the plan's state, read back after a cancel
        self.steps: list[str] = []  # the steps reported so far (shown in the dialog)
        self.tracker = Progress(self, on_step=self._step)
        self.tracker.show_dialog(
            tab,
            self.tr("파기 계획 {n} 실행 중…").format(n=plan_id),
            cancel_text=self.tr("취소"),
            title=self.tr("파기 실행"),
            object_name="executeProgress",
            cancelling_text=self.tr("취소하는 중…"),
        )
        report, cancelled = self.tracker.report, self.tracker.is_cancelled
        # On SQLite the separate store commits on its own before the main database, so a cancel
        # is honoured only before anything is deleted ("start"); on PostgreSQL everything up to the
        # commit is one transaction. "scrub" comes after the commit: too late to cancel anywhere.
        cancellable = (
            {"start"} if tab.host.ctx.engine.dialect.name == "sqlite" else {"start", "separated", "main"}
        )

        def progress(step: str, done: int, total: int) -> None:
            if cancelled() and step in cancellable:
                raise ExecutionCancelled
            report(step, done, total)

        ctx, actor = tab.host.ctx, tab.host.actor
        self.task = tab.run(
            lambda: destruction.execute_plan(ctx, actor, plan_id, progress=progress),
            self._done,
            on_error=self._failed,
        )

    @property
    def progress(self) -> QProgressDialog | None:
        """The progress dialog while the plan runs."""
        return self.tracker.dialog

    @property
    def cancel_event(self) -> threading.Event:
        return self.tracker.cancel_event

    def cancel(self) -> None:
        self.tracker.cancel()

    def _step(self, step: str, done: int, total: int) -> None:
        self.steps.append(step)
        if self.tracker.cancelled:
            return
        self.tracker.set_value(done, total)
        name = QCoreApplication.translate("LifecyclePlans", STEP_TEXT.get(step, step))
        if step == "scrub" and done < total:
            self.tracker.set_label(self.tr("{step} 중… (운영 DB 정리, 잠시 기다리십시오)").format(step=name))
            return
        self.tracker.set_label(
            self.tr("{step}: {done}/{total}건").format(step=name, done=f"{done:,}", total=f"{total:,}")
        )

    def _close(self) -> None:
        self.tracker.close()

    def _done(self, result: ExecuteResult) -> None:
        self._close()
        self.result = result
        self.tab.executed(result)
        self.finished.emit()
        if self.tracker.cancelled:
            messages.show_info(
                self.tab,
                self.tr("파기 실행"),
                self.tr(
                    "취소를 눌렀을 때는 이미 삭제가 시작되어 되돌릴 수 없었습니다. 파기를 끝까지 마쳤습니다."
                ),
            )

    def _failed(self, exc: BaseException) -> bool:
        self._close()
        self.finished.emit()
        if not isinstance(exc, ExecutionCancelled):
            return False
        self.cancelled = True
        ctx, actor, plan_id, tab = self.tab.host.ctx, self.tab.host.actor, self.plan_id, self.tab

        def tell(plan: PlanView) -> None:
            self.state_after_cancel = plan.state
            if plan.state == PLAN_APPROVED:
                text = self.tr(
                    "파기 실행을 취소했습니다. 아무 기록도 삭제되지 않았고 계획은 '승인됨' 상태로 "
                    "돌아갔습니다. 나중에 다시 실행하거나 계획을 취소할 수 있습니다."
                )
            else:
                text = self.tr(
                    "파기 실행을 취소했습니다. 이번 실행으로 삭제된 기록은 없습니다. 이전에 중단된 실행을 "
                    "이어 하던 계획이라 '실행 중(중단됨)'으로 남으며, 다시 실행하면 마칠 수 있습니다."
                )
            messages.show_info(tab, self.tr("파기 실행 취소"), text)
            tab.page.reload()

        tab.run(lambda: destruction.get_plan(ctx, actor, plan_id), tell, changes=False)
        return True


class PlansTab(LifecycleTab):
    def __init__(self, page: LifecyclePage) -> None:
        super().__init__(page)
        self.setObjectName("plansTab")
        self.current: PlanView | None = None
        self.execute_job: ExecuteJob | None = None
        may_plan, may_approve = (
            self.may(Permission.DESTRUCTION_PLAN),
            self.may(Permission.DESTRUCTION_APPROVE),
        )
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.create_button = self.button(
            bar, "createPlan", self.tr("파기 계획 작성"), self.create_plan, allowed=may_plan
        )
        self.approve_button = self.button(
            bar, "approvePlan", self.tr("승인"), self.approve, allowed=may_approve
        )
        self.execute_button = self.button(
            bar, "executePlan", self.tr("파기 실행"), self.execute, allowed=may_approve
        )
        self.cancel_button = self.button(
            bar, "cancelPlan", self.tr("계획 취소"), self.cancel_plan, allowed=may_approve
        )
        self.certificate_button = self.button(
            bar, "certificate", self.tr("파기 확인서"), self.certificate, allowed=may_plan
        )
        bar.addStretch(1)
        self.two_person: QCheckBox | None = None
        if self.may(Permission.RETENTION_MANAGE):
            self.two_person = QCheckBox(self.tr("2인 승인 (두 번째 승인권자 필요)"), self)
            self.two_person.setObjectName("twoPersonRule")
            self.two_person.clicked.connect(self.set_two_person)
            bar.addWidget(self.two_person)
        layout.addLayout(bar)
        split = QSplitter(self)
        self.model = PlanModel(self)
        self.table = record_table(split, "planTable", self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.open_selected())
        split.addWidget(self.table)
        detail = QWidget(split)
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel(self.tr("계획을 고르면 내용을 보여 줍니다."), detail)
        self.detail.setObjectName("planDetail")
        self.detail.setWordWrap(True)
        dl.addWidget(self.detail)
        self.approval = QLabel(detail)
        self.approval.setObjectName("approvalStatus")
        self.approval.setWordWrap(True)
        dl.addWidget(self.approval)
        dl.addWidget(QLabel(self.tr("파기 대상 기록 (파기 기한이 지난 기록 먼저)"), detail))
        self.items = ItemModel(self)
        self.item_table = record_table(detail, "planItemTable", self.items)
        dl.addWidget(self.item_table, 1)
        dl.addWidget(QLabel(self.tr("파기 제외 기록과 사유"), detail))
        self.exclusions = ExclusionModel(self)
        self.exclusion_table = record_table(detail, "exclusionTable", self.exclusions)
        dl.addWidget(self.exclusion_table, 1)
        split.addWidget(detail)
        split.setSizes([450, 550])
        layout.addWidget(split, 1)
        self._update_buttons()

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def new_action(self) -> Callable[[], object] | None:
        return self.create_plan if self.create_button is not None else None

    # -- loading -------------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        keep = self.current.id if self.current else None

        def load() -> tuple[list[PlanView], bool]:
            return destruction.list_plans(ctx, actor), destruction.two_person_rule(ctx, actor)

        def done(result: tuple[list[PlanView], bool]) -> None:
            plans, two = result
            self.model.set_rows(plans)
            if self.two_person is not None:
                self.two_person.setChecked(two)
            self.current = None
            self._show(None)
            if keep is not None:
                self.select(keep)

        self.run(load, done, changes=False)

    def select(self, plan_id: int) -> None:
        for row, plan in enumerate(self.model.rows()):
            if plan.id == plan_id:
                self.table.selectRow(row)
                return

    def open_selected(self) -> None:
        plan = selected_row(self.table, self.model)
        if plan is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        self.run(lambda: destruction.get_plan(ctx, actor, plan.id), self._show, changes=False)

    def _show(self, plan: PlanView | None) -> None:
        self.current = plan
        if plan is None:
            self.detail.setText(self.tr("계획을 고르면 내용을 보여 줍니다."))
            self.approval.setText("")
            self.exclusions.set_rows([])
            self.items.set_rows([])
            self._update_buttons()
            return
        self.detail.setText(
            self.tr(
                "파기 계획 {n} ({state})\n개인정보파일: {file}\n파기 대상: {count}건, 파기 제외: {excluded}건\n"
                "기준: {criteria}\n사유: {reason}\n방법: {method}\n계획 해시: {hash}"
            ).format(
                n=plan.id,
                state=plan.state_label,
                file=plan.file_name,
                count=f"{plan.record_count:,}",
                excluded=f"{plan.excluded_count:,}",
                criteria=plan.criteria,
                reason=plan.reason,
                method=plan.method,
                hash=plan.plan_hash[:16] + "…",
            )
        )
        if plan.overdue_count and plan.state != PLAN_EXECUTED:
            self.detail.setText(
                self.detail.text()
                + "\n"
                + self.tr(
                    "파기 기한(보유기간 종료 후 {days}일)이 지난 기록 {n}건 — 목록 맨 위에 있습니다."
                ).format(days=plan.deadline_days, n=f"{plan.overdue_count:,}")
            )
        self.approval.setText(self.approval_text(plan))
        self.exclusions.set_rows(list(plan.excluded))
        self.items.set_rows(list(plan.items_list))
        self._update_buttons()

    def approval_text(self, plan: PlanView) -> str:
        parts: list[str] = []
        if plan.approved_by:
            parts.append(
                self.tr("1차 승인: {who} ({at})").format(
                    who=plan.who(plan.approved_by), at=fmt_datetime(plan.approved_at)
                )
            )
        if plan.second_approved_by:
            parts.append(
                self.tr("2차 승인: {who} ({at})").format(
                    who=plan.who(plan.second_approved_by), at=fmt_datetime(plan.second_approved_at)
                )
            )
        if plan.state == PLAN_PARTLY_APPROVED:
            parts.append(self.tr("2인 승인 규칙: 첫 승인자와 다른 승인권자의 두 번째 승인이 필요합니다."))
        elif not plan.approved_by and plan.state not in (PLAN_EXECUTED,):
            parts.append(
                self.tr("승인 전입니다.")
                + (
                    self.tr(" (2인 승인 규칙 적용: 승인권자 두 명이 필요합니다.)")
                    if plan.two_person_rule
                    else ""
                )
            )
        if plan.executed_at is not None:
            parts.append(
                self.tr("파기 실행: {who} ({at}), {n}건").format(
                    who=plan.who(plan.executed_by),
                    at=fmt_datetime(plan.executed_at),
                    n=f"{plan.destroyed_count or 0:,}",
                )
            )
        return "\n".join(parts)

    def _update_buttons(self) -> None:
        p = self.current
        for b, ok in (
            (self.approve_button, p is not None and p.state in (PLAN_DRAFT, PLAN_PARTLY_APPROVED)),
            (self.execute_button, p is not None and p.state in (PLAN_APPROVED, PLAN_EXECUTING)),
            (
                self.cancel_button,
                p is not None and p.state in (PLAN_DRAFT, PLAN_PARTLY_APPROVED, PLAN_APPROVED),
            ),
            (self.certificate_button, p is not None and p.state == PLAN_EXECUTED),
        ):
            if b is not None:
                b.setEnabled(ok)

    # -- actions -------------------------------------------------------------------------------------
    def create_plan(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor

        def done(plan: PlanView) -> None:
            self.current = plan
            self._show(plan)
            messages.show_info(
                self,
                self.tr("파기 계획 작성"),
                self.tr(
                    "파기 계획 {n}을 작성했습니다: 파기 대상 {count}건, 파기 제외 {excluded}건. 검토한 뒤 승인하십시오."
                ).format(n=plan.id, count=f"{plan.record_count:,}", excluded=f"{plan.excluded_count:,}"),
            )

        self.run(lambda: destruction.create_plan(ctx, actor), done)

    def approve(self) -> None:
        plan = self.current
        if plan is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        dialog = PasswordDialog(
            self,
            self.tr(
                "파기 계획 {n} ({count}건)을 승인합니다. 본인 확인을 위해 비밀번호를 다시 입력하십시오."
            ).format(n=plan.id, count=f"{plan.record_count:,}"),
        )

        def go() -> None:
            password = dialog.value
            self.run(lambda: destruction.approve_plan(ctx, actor, plan.id, password), self._show)

        self.open_dialog(dialog, go)

    def execute(self) -> None:
        plan = self.current
        if plan is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("파기 실행"),
            self.tr(
                "파기 계획 {n}의 기록 {count}건을 운영 DB와 분리보관 DB에서 복구할 수 없게 삭제합니다. 실행하시겠습니까?"
            ).format(n=plan.id, count=f"{plan.record_count:,}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("executeConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("파기 실행"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("취소"))

        def answered(button: Any) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.execute_job = ExecuteJob(self, plan.id)

        box.buttonClicked.connect(answered)
        self.page.dialog = box
        box.finished.connect(box.deleteLater)
        box.open()

    def executed(self, result: ExecuteResult) -> None:
        text = self.tr("파기 계획 {n}: {count}건을 파기했습니다 (관리대장 {ledger}번).").format(
            n=result.plan_id, count=f"{result.destroyed:,}", ledger=result.ledger_id
        )
        if result.skipped:
            text += " " + self.tr("작성 후 보존 조치된 {k}건은 제외했습니다.").format(k=f"{result.skipped:,}")
        self.approval.setText(text)

    def cancel_plan(self) -> None:
        plan = self.current
        if plan is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        self.run(lambda: destruction.cancel_plan(ctx, actor, plan.id))

    def certificate(self) -> None:
        plan = self.current
        if plan is None or plan.state != PLAN_EXECUTED:
            return
        ctx, actor, plan_id = self.host.ctx, self.host.actor, plan.id
        self.print_record(
            self.tr("파기 확인서"),
            f"파기확인서-{plan_id}.pdf",
            lambda out, _on_page, why: printing.print_certificate(ctx, actor, plan_id, Path(out), reason=why),
        )

    def set_two_person(self, on: bool) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        self.run(lambda: destruction.set_two_person_rule(ctx, actor, on))
