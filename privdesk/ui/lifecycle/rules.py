"""The retention-rules tab (보유기간 규칙): the personal-information files (개인정보파일) of the
privacy policy with their items, purpose, legal basis and retention rule, stored as data.

The privacy officer (``retention.manage``) changes a rule in :class:`RuleDialog`: a period set by law
(의료법 시행규칙 제15조, ``files.LEGAL_PERIODS``) or years/days typed by hand, the retention note and,
for files kept from the last visit, the days without a visit after which a record moves to the
separate store (분리보관). The change is saved through ``files.update_rule`` with the version the
dialog was opened on: a rule changed meanwhile by another workstation is a conflict, shown in Korean,
and the table reloads; a refused value is shown next to its field and nothing is saved. Saving asks
the reason of the change (사유), written with it into the access log. Accounts that only draft
destruction plans (``destruction.plan``) see the table read-only.

The hospital-wide two-person rule for destruction approvals (2인 승인) is set here too, by the
officer, with a reason (``destruction.set_two_person_rule``); the plan screen only shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from privdesk.accounts.permissions import Permission
from privdesk.errors import PrivdeskError, ValidationError, VersionConflictError
from privdesk.lifecycle import destruction, files
from privdesk.lifecycle.destruction import TwoPersonRule
from privdesk.lifecycle.files import LEGAL_PERIODS, PATIENT_FILE, FileRule, RuleChange, matching_period
from privdesk.ui import messages
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.lifecycle.common import LifecycleTab
from privdesk.ui.tablemodel import Column, RowTableModel, selected_row
from privdesk.ui.widgets import ask_reason, fmt_datetime, record_table

if TYPE_CHECKING:
    from privdesk.ui.lifecycle.page import LifecyclePage

ERROR_STYLE = "color: #a00000;"
RULE_TEXT = {
    "after_last_visit": QT_TRANSLATE_NOOP("LifecycleRules", "최종 내원일로부터"),
    "after_purpose": QT_TRANSLATE_NOOP("LifecycleRules", "목적 달성 시까지"),
    "after_recording": QT_TRANSLATE_NOOP("LifecycleRules", "촬영일로부터"),
}


def separate_text(rule: FileRule) -> str:
    if rule.separate_after_days is None:
        return ""
    return QCoreApplication.translate("LifecycleRulesModel", "미내원 {days}일 후").format(
        days=f"{rule.separate_after_days:,}"
    )


class RulesModel(RowTableModel[FileRule]):
    CONTEXT = "LifecycleRulesModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("LifecycleRulesModel", "개인정보파일"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("LifecycleRulesModel", "항목"), lambda r: r.items),
        Column(QT_TRANSLATE_NOOP("LifecycleRulesModel", "목적"), lambda r: r.purpose),
        Column(QT_TRANSLATE_NOOP("LifecycleRulesModel", "법적 근거"), lambda r: r.legal_basis),
        Column(
            QT_TRANSLATE_NOOP("LifecycleRulesModel", "보유기간"),
            lambda r: r.retention_note or r.retention_text,
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecycleRulesModel", "분리보관 기준"),
            separate_text,
            lambda r: r.separate_after_days or 0,
        ),
        Column(
            QT_TRANSLATE_NOOP("LifecycleRulesModel", "수정자"), lambda r: r.updated_by_label or r.updated_by
        ),
        Column(QT_TRANSLATE_NOOP("LifecycleRulesModel", "수정 일시"), lambda r: fmt_datetime(r.updated_at)),
    )


class RuleDialog(QDialog):
    """보유기간 규칙 변경 for one file. 저장 emits ``submitted``; the tab closes the dialog once the
    use case accepted the change, or shows the refusal next to its field (:meth:`failed`)."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None, rule: FileRule) -> None:
        super().__init__(parent)
        self.given_reason: str | None = None  # the reason of the change, once asked (사유)
        self.rule = rule
        self.setObjectName("ruleDialog")
        self.setWindowTitle(self.tr("보유기간 규칙 변경 — {file}").format(file=rule.name))
        layout = QVBoxLayout(self)
        about = QLabel(
            self.tr("항목: {items}\n목적: {purpose}\n법적 근거: {basis}").format(
                items=rule.items, purpose=rule.purpose, basis=rule.legal_basis
            ),
            self,
        )
        about.setObjectName("fileAbout")
        about.setWordWrap(True)
        layout.addWidget(about)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, QLabel] = {}

        self.kind = QComboBox(self)
        self.kind.setObjectName("retentionRule")
        for code in files.RULES:
            self.kind.addItem(QCoreApplication.translate("LifecycleRules", RULE_TEXT[code]), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(rule.retention_rule)))
        if rule.code == PATIENT_FILE:
            self.kind.setEnabled(False)
            self.kind.setToolTip(
                self.tr("환자 명부는 최종 내원일 기준으로만 보관합니다 (의료법 시행규칙 제15조).")
            )
        form.addRow(self.tr("보유기간 기준"), self._with_error("retention_rule", self.kind))

        period = QWidget(self)
        grid = QVBoxLayout(period)
        grid.setContentsMargins(0, 0, 0, 0)
        self.mode = QButtonGroup(self)
        legal_row = QHBoxLayout()
        self.by_law = QRadioButton(self.tr("법정 보존기간"), period)
        self.by_law.setObjectName("byLaw")
        self.legal = QComboBox(period)
        self.legal.setObjectName("legalPeriod")
        for p in LEGAL_PERIODS:
            self.legal.addItem(
                self.tr("{label} {years}년 ({basis})").format(label=p.label, years=p.years, basis=p.basis),
                p.code,
            )
        legal_row.addWidget(self.by_law)
        legal_row.addWidget(self.legal, 1)
        grid.addLayout(legal_row)
        own_row = QHBoxLayout()
        self.by_hand = QRadioButton(self.tr("직접 입력"), period)
        self.by_hand.setObjectName("byHand")
        self.years = QSpinBox(period)
        self.years.setObjectName("retentionYears")
        self.years.setRange(1, 100)
        self.years.setSuffix(self.tr("년"))
        self.years.setValue(rule.retention_years or 5)
        self.days = QSpinBox(period)
        self.days.setObjectName("retentionDays")
        self.days.setRange(1, 36500)
        self.days.setSuffix(self.tr("일"))
        self.days.setValue(rule.retention_days or 30)
        self.no_period = QLabel(self.tr("기간 없음: 목적을 달성하면 파기합니다."), period)
        own_row.addWidget(self.by_hand)
        own_row.addWidget(self.years)
        own_row.addWidget(self.days)
        own_row.addWidget(self.no_period)
        own_row.addStretch(1)
        grid.addLayout(own_row)
        self.mode.addButton(self.by_law)
        self.mode.addButton(self.by_hand)
        form.addRow(self.tr("보유기간"), self._with_error("period", period))

        self.note = QPlainTextEdit(self)
        self.note.setObjectName("retentionNote")
        self.note.setFixedHeight(64)
        self.note.setPlaceholderText(self.tr("예: 최종 내원일로부터 5년 (의료법 시행규칙 제15조 환자 명부)"))
        self.note.setPlainText(rule.retention_note)
        form.addRow(self.tr("보유기간 설명"), self._with_error("retention_note", self.note))

        self.separate = QSpinBox(self)
        self.separate.setObjectName("separateAfterDays")
        self.separate.setRange(1, 36500)
        self.separate.setSuffix(self.tr("일"))
        self.separate.setValue(rule.separate_after_days or files.DEFAULT_SEPARATE_AFTER_DAYS)
        self.separate.setToolTip(
            self.tr(
                "이 기간 동안 내원이 없으면 목적을 달성한 것으로 보고 분리보관합니다 "
                "(법령에 정한 기준이 없어 병원이 정합니다)."
            )
        )
        form.addRow(
            self.tr("분리보관 기준 (미내원 일수)"), self._with_error("separate_after_days", self.separate)
        )
        layout.addLayout(form)

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("저장"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.submitted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        current = matching_period(rule)
        if current is not None:
            self.legal.setCurrentIndex(self.legal.findData(current.code))
            self.by_law.setChecked(True)
        else:
            self.by_hand.setChecked(True)
        self.kind.currentIndexChanged.connect(lambda _i: self._update())
        self.by_law.toggled.connect(lambda _on: self._update())
        self.legal.currentIndexChanged.connect(lambda _i: self._update())
        self._update()
        self.setMinimumWidth(640)

    def _with_error(self, key: str, field: QWidget) -> QWidget:
        box = QWidget(self)
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(field)
        err = QLabel(box)
        err.setObjectName(f"error_{key}")
        err.setStyleSheet(ERROR_STYLE)
        err.setWordWrap(True)
        err.hide()
        v.addWidget(err)
        self.errors[key] = err
        return box

    def rule_code(self) -> str:
        return str(self.kind.currentData())

    def _update(self) -> None:
        """Show what the chosen rule needs: a legal period or years (last visit), days (recording),
        nothing (purpose); the note follows the legal period while one is chosen."""
        code = self.rule_code()
        from_visit = code == "after_last_visit"
        self.by_law.setEnabled(from_visit)
        self.legal.setEnabled(from_visit and self.by_law.isChecked())
        if not from_visit and self.by_law.isChecked():
            self.by_hand.setChecked(True)
        self.by_hand.setVisible(code != "after_purpose")
        self.years.setVisible(from_visit)
        self.years.setEnabled(self.by_hand.isChecked())
        self.days.setVisible(code == "after_recording")
        self.no_period.setVisible(code == "after_purpose")
        self.separate.setEnabled(from_visit)
        legal = self._legal_period()
        self.note.setReadOnly(legal is not None)
        if legal is not None:
            self.note.setPlainText(legal.note)

    def _legal_period(self) -> files.LegalPeriod | None:
        if self.rule_code() != "after_last_visit" or not self.by_law.isChecked():
            return None
        code = self.legal.currentData()
        return next((p for p in LEGAL_PERIODS if p.code == code), None)

    def change(self) -> RuleChange:
        """The change to save (fields that do not apply to the chosen rule are left as they are)."""
        code = self.rule_code()
        legal = self._legal_period()
        if legal is not None:
            return RuleChange(
                retention_rule=code, legal_period=legal.code, separate_after_days=self.separate.value()
            )
        note = self.note.toPlainText().strip()
        if code == "after_last_visit":
            return RuleChange(
                retention_rule=code,
                retention_years=self.years.value(),
                retention_note=note,
                separate_after_days=self.separate.value(),
            )
        if code == "after_recording":
            return RuleChange(retention_rule=code, retention_days=self.days.value(), retention_note=note)
        return RuleChange(retention_rule=code, retention_note=note)

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.message.clear()
        self.message.hide()

    def failed(self, exc: PrivdeskError) -> None:
        """Show a refusal next to its field (a field the form does not have: below the form)."""
        self.clear_errors()
        key = exc.field if isinstance(exc, ValidationError) else ""
        if key in ("legal_period", "retention_years", "retention_days"):
            key = "period"
        label = self.errors.get(key, self.message)
        label.setText(str(exc))
        label.show()
        self.adjustSize()


class RulesTab(LifecycleTab):
    """보유기간 규칙: the files and their rules; 규칙 변경 for the officer."""

    def __init__(self, page: LifecyclePage) -> None:
        super().__init__(page)
        self.setObjectName("rulesTab")
        self.rule_dialog: RuleDialog | None = None
        self.may_edit = self.may(Permission.RETENTION_MANAGE)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "개인정보 처리방침의 개인정보파일과 보유기간입니다. 기간을 바꾸면 그 뒤에 계산하는 "
                "보유기간 종료일부터 적용됩니다. 바꿀 때마다 접속기록에 남습니다."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        bar = QHBoxLayout()
        self.edit_button = self.button(
            bar, "editRule", self.tr("규칙 변경"), self.edit, allowed=self.may_edit
        )
        if not self.may_edit:
            bar.addWidget(QLabel(self.tr("읽기 전용: 규칙은 개인정보 보호책임자가 바꿉니다."), self))
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = RulesModel(self)
        self.table = record_table(self, "rulesTable", self.model)
        # few rows, long texts: the text columns share the width and wrap, the rows grow to fit
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col in range(self.model.columnCount()):
            header.setSectionResizeMode(
                col,
                QHeaderView.ResizeMode.Stretch
                if col in (1, 2, 3, 4)
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.model.modelReset.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.table, 1)
        self.detail = QLabel(self)
        self.detail.setObjectName("ruleDetail")
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        two = QHBoxLayout()
        self.two_person_rule: TwoPersonRule | None = None
        self.two_person = QLabel(self)
        self.two_person.setObjectName("twoPersonStatus")
        self.two_person.setWordWrap(True)
        two.addWidget(self.two_person, 1)
        self.two_person_button = self.button(
            two, "twoPersonChange", self.tr("2인 승인 변경"), self.change_two_person, allowed=self.may_edit
        )
        layout.addLayout(two)
        self._selected()
        self.show_two_person(None)

    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        selected = self.current()
        keep = selected.code if selected is not None else None

        def load() -> tuple[list[FileRule], TwoPersonRule]:
            return files.list_files(ctx, actor), destruction.two_person_setting(ctx, actor)

        def done(result: tuple[list[FileRule], TwoPersonRule]) -> None:
            rules, two = result
            self.model.set_rows(rules)
            for row, r in enumerate(rules):
                if r.code == keep:
                    self.table.selectRow(row)
            self._selected()
            self.show_two_person(two)

        self.run(load, done, changes=False)

    # -- the two-person rule (2인 승인) -----------------------------------------------------------------
    def show_two_person(self, rule: TwoPersonRule | None) -> None:
        self.two_person_rule = rule
        if self.two_person_button is not None:
            self.two_person_button.setEnabled(rule is not None)
            if rule is not None:
                self.two_person_button.setText(
                    self.tr("2인 승인 끄기…") if rule.on else self.tr("2인 승인 켜기…")
                )
        if rule is None:
            self.two_person.setText("")
            return
        text = (
            self.tr("파기 승인 2인 승인 규칙: 적용 — 파기 계획마다 서로 다른 승인권자 두 명이 승인합니다.")
            if rule.on
            else self.tr("파기 승인 2인 승인 규칙: 적용 안 함 — 승인권자 한 명의 승인으로 실행합니다.")
        )
        if rule.changed_by:
            text += "\n" + self.tr("마지막 변경: {who} ({at})").format(
                who=rule.changed_by_label, at=fmt_datetime(rule.changed_at)
            )
            if rule.reason:
                text += " — " + self.tr("사유: {reason}").format(reason=rule.reason)
        self.two_person.setText(text)

    def change_two_person(self) -> None:
        rule = self.two_person_rule
        if rule is None or not self.may_edit:
            return
        on = not rule.on
        reason = ask_reason(
            self,
            self.host,
            self.host.actor,
            self.tr("2인 승인 켜기") if on else self.tr("2인 승인 끄기"),
            (
                self.tr("모든 파기 계획에 두 번째 승인권자의 승인이 필요해집니다. 바꾸는 사유를 적으십시오.")
                if on
                else self.tr(
                    "파기 계획을 승인권자 한 명이 승인할 수 있게 됩니다. 바꾸는 사유를 적으십시오 "
                    "(접속기록에 남습니다)."
                )
            ),
        )
        if reason is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        self.run(lambda: destruction.set_two_person_rule(ctx, actor, on, reason=reason), self.show_two_person)

    def current(self) -> FileRule | None:
        return selected_row(self.table, self.model)

    def _selected(self) -> None:
        rule = self.current()
        if self.edit_button is not None:
            self.edit_button.setEnabled(rule is not None)
        if rule is None:
            self.detail.setText(self.tr("파일을 고르면 내용을 보여 줍니다."))
            return
        text = self.tr("{file}\n항목: {items}\n목적: {purpose}\n법적 근거: {basis}\n보유기간: {rule}").format(
            file=rule.name,
            items=rule.items,
            purpose=rule.purpose,
            basis=rule.legal_basis,
            rule=rule.retention_note or rule.retention_text,
        )
        if rule.separate_after_days is not None:
            text += "\n" + self.tr("분리보관: 최종 내원 후 {days}일 동안 내원이 없으면 분리보관").format(
                days=f"{rule.separate_after_days:,}"
            )
        text += "\n" + self.tr("마지막 수정: {who} ({at})").format(
            who=rule.updated_by_label or rule.updated_by, at=fmt_datetime(rule.updated_at)
        )
        self.detail.setText(text)

    def edit(self) -> None:
        rule = self.current()
        if rule is None or not self.may_edit:
            return
        dialog = RuleDialog(self, rule)
        dialog.submitted.connect(lambda: self._save(dialog))
        self.rule_dialog = dialog
        self.open_dialog(dialog)

    def _save(self, dialog: RuleDialog) -> None:
        ctx, actor, rule = self.host.ctx, self.host.actor, dialog.rule
        change = dialog.change()
        dialog.clear_errors()
        # asked once per dialog: a refused value corrected and saved again does not ask twice
        reason = dialog.given_reason or ask_reason(
            dialog,
            self.host,
            actor,
            self.tr("보유기간 규칙 변경 — 사유"),
            self.tr("'{file}'의 보유기간 규칙을 바꾸는 사유를 적으십시오 (변경과 함께 기록됩니다).").format(
                file=rule.name
            ),
        )
        if reason is None:
            return  # the dialog stays open, nothing saved
        dialog.given_reason = reason
        dialog.buttons.setEnabled(False)

        def done(_saved: FileRule) -> None:
            dialog.accept()

        def failed(exc: BaseException) -> bool:
            dialog.buttons.setEnabled(True)
            if isinstance(exc, VersionConflictError):
                dialog.reject()
                messages.show_info(
                    self,
                    self.tr("보유기간 규칙 변경"),
                    self.tr(
                        "다른 사용자가 먼저 '{file}'의 규칙을 바꾸었습니다. 저장하지 않았습니다. 최신 규칙을 다시 "
                        "불러왔으니 확인한 뒤 다시 바꾸십시오."
                    ).format(file=rule.name),
                )
                self.page.reload()
                return True
            if isinstance(exc, PrivdeskError):
                dialog.failed(exc)
                return True
            return False

        self.run(
            lambda: files.update_rule(
                ctx, actor, rule.code, change, expected_version=rule.version, reason=reason
            ),
            done,
            on_error=failed,
        )
