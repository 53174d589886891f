"""The destruction plan tab (파기 계획): create, review, approve with the password, execute, certificate.

A plan shows the records it will destroy — masked: 차트번호, masked name, 최종 내원일, the rule — and
the records excluded with why (the hold's reason), a page at a time (``planrecords.plan_records``,
every record shown logged as a view); 승인 is enabled only once both lists of the plan were shown.
Approval asks for the password again (:class:`PasswordDialog`); under the two-person rule (2인
승인, a setting the officer changes on the 보유기간 규칙 tab with a reason; this tab only shows it)
the first approval leaves the plan waiting for a second, different approver, and the review says
so. 계획 취소 and 파기 실행 ask first (:func:`privdesk.ui.confirm.confirm_destructive`); a
cancellation also asks its reason, and a cancelled plan says who cancelled it, when and why.
Execution runs in the background with a progress dialog; 취소 raises from the use case's progress
callback before anything is committed, so the transaction rolls back and the plan is ``approved``
again (a plan that was resuming an interrupted run stays ``executing``); a cancel that comes after
the deletion began is too late and the run finishes (the user is told). The 파기 확인서 of an
executed plan opens in the PDF preview.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from privdesk.accounts.permissions import Permission
from privdesk.lifecycle import destruction, planrecords, printing
from privdesk.lifecycle.destruction import ExecuteResult, PlanView, TwoPersonRule
from privdesk.lifecycle.models import (
    PLAN_APPROVED,
    PLAN_CANCELLED,
    PLAN_DRAFT,
    PLAN_EXECUTED,
    PLAN_EXECUTING,
    PLAN_PARTLY_APPROVED,
)
from privdesk.lifecycle.planrecords import PlanRecord, PlanRecordPage, RecordList
from privdesk.ui import messages
from privdesk.ui.confirm import confirm_destructive
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.lifecycle.common import LifecycleTab
from privdesk.ui.progress import Progress
from privdesk.ui.tablemodel import Column, RowTableModel, selected_row
from privdesk.ui.widgets import ask_reason, fmt_datetime, record_table

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


def _date(value: object) -> str:
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]


class ItemModel(RowTableModel[PlanRecord]):
    """The plan's records, masked, the most overdue first (red: past the destruction deadline)."""

    CONTEXT = "LifecyclePlanItemModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "차트번호"), lambda r: r.chart_no),
        Column(QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "이름"), lambda r: r.name_masked),
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "최종 내원일"),
            lambda r: _date(r.last_visit),
            lambda r: r.last_visit or dt.date.min,
        ),
        Column(QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "보유기간 규칙"), lambda r: r.rule),
        Column(
            QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "보유기간 종료일"),
            lambda r: _date(r.retention_until),
            lambda r: r.retention_until or dt.date.min,
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
        Column(QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "보관 위치"), lambda r: r.place),
        Column(QT_TRANSLATE_NOOP("LifecyclePlanItemModel", "실행 시 제외"), lambda r: r.reason),
    )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and self.row_object(index.row()).overdue_days
        ):
            return OVERDUE_COLOR
        return super().data(index, role)


class ExclusionModel(RowTableModel[PlanRecord]):
    """The records due but excluded, masked, with why (the hold's own reason)."""

    CONTEXT = "LifecycleExclusionModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("LifecycleExclusionModel", "차트번호"), lambda r: r.chart_no),
        Column(QT_TRANSLATE_NOOP("LifecycleExclusionModel", "이름"), lambda r: r.name_masked),
        Column(
            QT_TRANSLATE_NOOP("LifecycleExclusionModel", "최종 내원일"),
            lambda r: _date(r.last_visit),
            lambda r: r.last_visit or dt.date.min,
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecycleExclusionModel", "보유기간 종료일"),
            lambda r: _date(r.retention_until),
            lambda r: r.retention_until or dt.date.min,
        ),
        Column(QT_TRANSLATE_NOOP("LifecycleExclusionModel", "제외 사유"), lambda r: r.reason),
    )


class RecordPager(QWidget):
    """이전 / 다음 and "1–200 / 340건" under one of the plan's lists."""

    def __init__(self, parent: QWidget, name: str, go: Any) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName(name + "Label")
        self.previous = QPushButton(self.tr("이전"), self)
        self.previous.setObjectName(name + "Previous")
        self.next = QPushButton(self.tr("다음"), self)
        self.next.setObjectName(name + "Next")
        self.page: PlanRecordPage | None = None
        self.previous.clicked.connect(lambda _c=False: go(-1))
        self.next.clicked.connect(lambda _c=False: go(1))
        row.addWidget(self.label, 1)
        row.addWidget(self.previous)
        row.addWidget(self.next)
        self.set_page(None)

    def set_page(self, page: PlanRecordPage | None) -> None:
        self.page = page
        if page is None:
            self.label.setText("")
        elif page.total == 0:
            self.label.setText(self.tr("없음"))
        else:
            self.label.setText(
                self.tr("{first}–{last} / {total}건").format(
                    first=f"{page.offset + 1:,}", last=f"{page.last:,}", total=f"{page.total:,}"
                )
            )
        self.previous.setEnabled(page is not None and page.offset > 0)
        self.next.setEnabled(page is not None and page.last < page.total)


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


RECORD_PAGE = 200


class PlansTab(LifecycleTab):
    def __init__(self, page: LifecyclePage) -> None:
        super().__init__(page)
        self.setObjectName("plansTab")
        self.current: PlanView | None = None
        self.execute_job: ExecuteJob | None = None
        self.rule: TwoPersonRule | None = None
        # (plan id, state) whose record lists were loaded; 승인 waits until both were shown
        self.shown: dict[str, tuple[int, str] | None] = {RecordList.ITEMS: None, RecordList.EXCLUSIONS: None}
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
        # the hospital-wide rule is only shown here; the officer changes it on the rules tab
        self.two_person = QLabel(self)
        self.two_person.setObjectName("twoPersonRule")
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
        dl.addWidget(QLabel(self.tr("파기 대상 기록 (파기 기한이 지난 기록 먼저, 이름은 가림)"), detail))
        self.items = ItemModel(self)
        self.item_table = record_table(detail, "planItemTable", self.items)
        dl.addWidget(self.item_table, 1)
        self.item_pager = RecordPager(detail, "itemPager", lambda step: self.turn(RecordList.ITEMS, step))
        dl.addWidget(self.item_pager)
        dl.addWidget(QLabel(self.tr("파기 제외 기록과 사유"), detail))
        self.exclusions = ExclusionModel(self)
        self.exclusion_table = record_table(detail, "exclusionTable", self.exclusions)
        dl.addWidget(self.exclusion_table, 1)
        self.exclusion_pager = RecordPager(
            detail, "exclusionPager", lambda step: self.turn(RecordList.EXCLUSIONS, step)
        )
        dl.addWidget(self.exclusion_pager)
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

        def load() -> tuple[list[PlanView], TwoPersonRule]:
            return destruction.list_plans(ctx, actor), destruction.two_person_setting(ctx, actor)

        def done(result: tuple[list[PlanView], TwoPersonRule]) -> None:
            plans, rule = result
            self.model.set_rows(plans)
            self.show_rule(rule)
            self.current = None
            self._show(None)
            if keep is not None:
                self.select(keep)

        self.run(load, done, changes=False)

    def show_rule(self, rule: TwoPersonRule) -> None:
        self.rule = rule
        self.two_person.setText(
            self.tr("2인 승인: 적용 (두 번째 승인권자 필요)") if rule.on else self.tr("2인 승인: 적용 안 함")
        )
        self.two_person.setToolTip(
            self.tr("이 규칙은 보유기간 규칙 탭에서 개인정보 보호책임자가 사유와 함께 바꿉니다.")
        )

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
        previous = self.current
        self.current = plan
        if plan is None:
            self.detail.setText(self.tr("계획을 고르면 내용을 보여 줍니다."))
            self.approval.setText("")
            self.exclusions.set_rows([])
            self.items.set_rows([])
            self.item_pager.set_page(None)
            self.exclusion_pager.set_page(None)
            self.shown = {RecordList.ITEMS: None, RecordList.EXCLUSIONS: None}
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
        if plan.overdue_count and plan.state not in (PLAN_EXECUTED, PLAN_CANCELLED):
            self.detail.setText(
                self.detail.text()
                + "\n"
                + self.tr(
                    "파기 기한(보유기간 종료 후 {days}일)이 지난 기록 {n}건 — 목록 맨 위에 있습니다."
                ).format(days=plan.deadline_days, n=f"{plan.overdue_count:,}")
            )
        self.approval.setText(self.approval_text(plan))
        if previous is None or (previous.id, previous.state) != (plan.id, plan.state):
            self.shown = {RecordList.ITEMS: None, RecordList.EXCLUSIONS: None}
            self.load_records(plan, RecordList.ITEMS, 0)
            self.load_records(plan, RecordList.EXCLUSIONS, 0)
        self._update_buttons()

    def load_records(self, plan: PlanView, which: str, offset: int) -> None:
        """One page of the plan's records or exclusions (each record shown is logged as a view)."""
        ctx, actor, plan_id, state = self.host.ctx, self.host.actor, plan.id, plan.state

        def done(page: PlanRecordPage) -> None:
            if self.current is None or self.current.id != plan_id:
                return  # another plan was opened meanwhile
            model, pager = (
                (self.items, self.item_pager)
                if which == RecordList.ITEMS
                else (self.exclusions, self.exclusion_pager)
            )
            model.set_rows(list(page.rows))
            pager.set_page(page)
            self.shown[which] = (plan_id, state)
            self._update_buttons()

        self.run(
            lambda: planrecords.plan_records(ctx, actor, plan_id, which, offset=offset, limit=RECORD_PAGE),
            done,
            changes=False,
        )

    def turn(self, which: str, step: int) -> None:
        pager = self.item_pager if which == RecordList.ITEMS else self.exclusion_pager
        plan, page = self.current, pager.page
        if plan is None or page is None:
            return
        self.load_records(plan, which, max(0, page.offset + step * RECORD_PAGE))

    def records_shown(self) -> bool:
        """Both lists of the current plan (as it is now) were shown: only then may it be approved."""
        p = self.current
        return p is not None and all(v == (p.id, p.state) for v in self.shown.values())

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
        if plan.state == PLAN_CANCELLED:
            if plan.cancelled_by:
                parts.append(
                    self.tr("취소됨: {who} ({at})").format(
                        who=plan.who(plan.cancelled_by), at=fmt_datetime(plan.cancelled_at)
                    )
                    + (
                        self.tr(" — 사유: {reason}").format(reason=plan.cancel_reason)
                        if plan.cancel_reason
                        else ""
                    )
                )
            else:
                parts.append(self.tr("취소됨"))
        elif plan.state == PLAN_PARTLY_APPROVED:
            parts.append(self.tr("2인 승인 규칙: 첫 승인자와 다른 승인권자의 두 번째 승인이 필요합니다."))
        elif not plan.approved_by and plan.state == PLAN_DRAFT:
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
            (
                self.approve_button,
                p is not None and p.state in (PLAN_DRAFT, PLAN_PARTLY_APPROVED) and self.records_shown(),
            ),
            (self.execute_button, p is not None and p.state in (PLAN_APPROVED, PLAN_EXECUTING)),
            (
                self.cancel_button,
                p is not None and p.state in (PLAN_DRAFT, PLAN_PARTLY_APPROVED, PLAN_APPROVED),
            ),
            (self.certificate_button, p is not None and p.state == PLAN_EXECUTED),
        ):
            if b is not None:
                b.setEnabled(ok)
        if self.approve_button is not None:
            waiting = (
                p is not None and p.state in (PLAN_DRAFT, PLAN_PARTLY_APPROVED) and not self.records_shown()
            )
            self.approve_button.setToolTip(
                self.tr("파기 대상 기록과 파기 제외 기록을 불러오는 중입니다. 목록을 확인한 뒤 승인하십시오.")
                if waiting
                else ""
            )

    # -- actions -------------------------------------------------------------------------------------
    def create_plan(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor

        def done(plan: PlanView) -> None:
            self._show(plan)
            messages.show_info(
                self,
                self.tr("파기 계획 작성"),
                self.tr(
                    "파기 계획 {n}을 작성했습니다: 파기 대상 {count}건, 파기 제외 {excluded}건. 목록을 검토한 뒤 승인하십시오."
                ).format(n=plan.id, count=f"{plan.record_count:,}", excluded=f"{plan.excluded_count:,}"),
            )

        self.run(lambda: destruction.create_plan(ctx, actor), done)

    def approve(self) -> None:
        plan = self.current
        if plan is None or not self.records_shown():
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
        if confirm_destructive(
            self,
            self.tr("파기 실행"),
            self.tr("파기 계획 {n}의 기록 {count}건을 운영 DB와 분리보관 DB에서 삭제합니다.").format(
                n=plan.id, count=f"{plan.record_count:,}"
            ),
            self.tr("삭제한 기록은 복구할 수 없습니다."),
            action_text=self.tr("파기 실행"),
        ):
            self.execute_job = ExecuteJob(self, plan.id)

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
        if not confirm_destructive(
            self,
            self.tr("계획 취소"),
            self.tr("파기 계획 {n} (파기 대상 {count}건)을 취소합니다.").format(
                n=plan.id, count=f"{plan.record_count:,}"
            ),
            self.tr(
                "취소한 계획은 다시 승인하거나 실행할 수 없습니다. 기록은 삭제되지 않으며, "
                "필요하면 새 계획을 작성합니다."
            ),
            action_text=self.tr("계획 취소"),
            keep_text=self.tr("돌아가기"),
        ):
            return
        ctx, actor, plan_id = self.host.ctx, self.host.actor, plan.id
        reason = ask_reason(
            self,
            self.host,
            actor,
            self.tr("계획 취소 — 사유"),
            self.tr("파기 계획 {n}을 취소하는 사유를 적으십시오 (접속기록에 남습니다).").format(n=plan_id),
        )
        if reason is None:
            return

        def cancelled(_none: None) -> None:
            self.run(lambda: destruction.get_plan(ctx, actor, plan_id), self._show, changes=False)

        self.run(lambda: destruction.cancel_plan(ctx, actor, plan_id, reason=reason), cancelled)

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
