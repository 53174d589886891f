"""The 보유기간 규칙 and 법적 보존 tabs of the retention screen with pytest-qt on a real database:
the files and their rules, the edit dialog (legal period, typed period, validation next to the
field, a stale version), the read-only view, legal holds placed by chart number and released with
a reason."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from sqlalchemy import select

from privdesk.accounts.permissions import PRIVACY
from privdesk.audit.reasons import reason_of
from privdesk.context import AppContext
from privdesk.lifecycle import files, holds
from privdesk.lifecycle.files import RuleChange
from privdesk.personal import mask_name
from privdesk.store.models import AccessLogEntry
from privdesk.ui.lifecycle.holds import PlaceHoldDialog
from privdesk.ui.lifecycle.rules import RuleDialog, RulesTab
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import ReasonDialog
from tests.lifecycle_support import add_marked, years_ago
from tests.reason_support import reason_given
from tests.test_ui_lifecycle import open_page
from tests.ui_cctv_support import dismiss, message_boxes, officer, runner_fixture, settle, staff

__all__ = ["runner_fixture"]
RULE_REASON = "의료법 시행규칙 개정 반영"


def closed(dialog: QDialog) -> bool:
    """The dialog was closed (and possibly already deleted: dialogs delete themselves when done)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _rules_tab(qtbot, ctx: AppContext, runner: TaskRunner, actor) -> tuple[object, RulesTab]:  # type: ignore[no-untyped-def]
    win, page = open_page(qtbot, ctx, runner, actor)
    tab = page.rules
    assert isinstance(tab, RulesTab)
    page.show_tab(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() >= 4, timeout=15_000)
    return win, tab


def _select(tab: RulesTab, code: str) -> None:
    for row, rule in enumerate(tab.model.rows()):
        if rule.code == code:
            tab.table.selectRow(row)
            return
    raise AssertionError(code)


def _open_dialog(tab: RulesTab, code: str) -> RuleDialog:
    _select(tab, code)
    assert tab.edit_button is not None and tab.edit_button.isEnabled()
    tab.edit_button.click()
    dialog = tab.page.dialog
    assert isinstance(dialog, RuleDialog) and dialog.isVisible()
    return dialog


def _error(dialog: RuleDialog, key: str) -> QLabel:
    label = dialog.findChild(QLabel, f"error_{key}")
    assert label is not None
    return label


def test_officer_changes_the_patient_file_to_a_legal_period(
    qtbot, ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    boss = officer(ctx)
    _win, tab = _rules_tab(qtbot, ctx, runner, boss)
    names = [r.name for r in tab.model.rows()]
    assert len(names) == 4 and any("진료 접수" in n for n in names) and any("CCTV" in n for n in names)
    headers = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())]
    assert headers[:5] == ["개인정보파일", "항목", "목적", "법적 근거", "보유기간"]
    dialog = _open_dialog(tab, "patient")
    assert "5년" in tab.detail.text() and "의료법 시행규칙 제15조" in tab.detail.text()
    # the patient file is kept from the last visit only; it opens on its legal period (환자 명부 5년)
    assert not dialog.kind.isEnabled() and dialog.by_law.isChecked()
    assert dialog.legal.currentData() == "patient_list" and dialog.note.isReadOnly()
    dialog.legal.setCurrentIndex(dialog.legal.findData("medical_record"))
    assert "진료기록부" in dialog.note.toPlainText() and "10년" in dialog.note.toPlainText()
    dialog.separate.setValue(400)
    before = {r.code: r for r in files.list_files(ctx, boss)}["patient"]
    with reason_given(RULE_REASON):
        dialog.submitted.emit()
    qtbot.waitUntil(lambda: closed(dialog), timeout=15_000)
    settle(qtbot, runner)
    after = {r.code: r for r in files.list_files(ctx, boss)}["patient"]
    assert (after.retention_years, after.separate_after_days, after.version) == (10, 400, before.version + 1)
    assert after.retention_note == next(p for p in files.LEGAL_PERIODS if p.code == "medical_record").note
    qtbot.waitUntil(
        lambda: any(r.code == "patient" and r.retention_years == 10 for r in tab.model.rows()), timeout=15_000
    )
    row = next(i for i, r in enumerate(tab.model.rows()) if r.code == "patient")
    assert (
        "진료기록부" in tab.model.index(row, 4).data() and tab.model.index(row, 5).data() == "미내원 400일 후"
    )
    assert tab.model.index(row, 6).data() == f"{boss.name}({boss.login})"  # 수정자 by name
    # the reason asked on saving is written with the change
    with ctx.session() as s:
        details = list(
            s.execute(
                select(AccessLogEntry.detail).where(AccessLogEntry.subject == f"lifecycle_file:{after.id}")
            ).scalars()
        )
    assert any("retention_years=10" in (d or "") and reason_of(d) == RULE_REASON for d in details), details

    # cancelling the reason saves nothing and leaves the dialog open
    dialog = _open_dialog(tab, "patient")
    dialog.separate.setValue(600)
    with reason_given(None):
        dialog.submitted.emit()
    settle(qtbot, runner)
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    assert {r.code: r for r in files.list_files(ctx, boss)}["patient"].separate_after_days == 400
    dialog.reject()

    # a typed period for the CCTV file (days from the recording)
    dialog = _open_dialog(tab, "cctv")
    assert dialog.by_hand.isChecked() and dialog.days.isVisible() and not dialog.years.isVisible()
    assert not dialog.separate.isEnabled()
    dialog.days.setValue(45)
    dialog.note.setPlainText("촬영일로부터 45일")
    with reason_given(RULE_REASON):
        dialog.submitted.emit()
    qtbot.waitUntil(lambda: closed(dialog), timeout=15_000)
    settle(qtbot, runner)
    cctv = {r.code: r for r in files.list_files(ctx, boss)}["cctv"]
    assert (cctv.retention_days, cctv.retention_note, cctv.retention_rule) == (
        45,
        "촬영일로부터 45일",
        "after_recording",
    )


def test_a_refused_value_is_shown_next_to_its_field_and_nothing_is_saved(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    boss = officer(sqlite_ctx)
    _win, tab = _rules_tab(qtbot, sqlite_ctx, runner, boss)
    before = {r.code: r for r in files.list_files(sqlite_ctx, boss)}
    dialog = _open_dialog(tab, "patient")
    dialog.by_hand.setChecked(True)
    assert not dialog.note.isReadOnly() and dialog.years.isEnabled()
    dialog.years.setValue(7)
    dialog.separate.setValue(500)
    dialog.note.setPlainText("가" * 501)
    with reason_given(RULE_REASON):
        dialog.submitted.emit()
    qtbot.waitUntil(lambda: _error(dialog, "retention_note").isVisible(), timeout=15_000)
    settle(qtbot, runner)
    assert "500자" in _error(dialog, "retention_note").text()
    assert dialog.isVisible() and dialog.buttons.isEnabled() and not _error(dialog, "period").isVisible()
    assert {r.code: r for r in files.list_files(sqlite_ctx, boss)} == before  # nothing half-saved

    # corrected, the same change is saved whole
    dialog.note.setPlainText("최종 내원일로부터 7년 (내부 규정)")
    with reason_given(RULE_REASON):
        dialog.submitted.emit()
    qtbot.waitUntil(lambda: closed(dialog), timeout=15_000)
    settle(qtbot, runner)
    saved = {r.code: r for r in files.list_files(sqlite_ctx, boss)}["patient"]
    assert (saved.retention_years, saved.separate_after_days, saved.retention_note) == (
        7,
        500,
        "최종 내원일로부터 7년 (내부 규정)",
    )


def test_a_rule_changed_meanwhile_is_a_conflict_and_the_table_reloads(
    qtbot,
    ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    boss = officer(ctx)
    _win, tab = _rules_tab(qtbot, ctx, runner, boss)
    dialog = _open_dialog(tab, "patient")
    stale = dialog.rule
    # another workstation saves first
    files.update_rule(
        ctx,
        boss,
        "patient",
        RuleChange(separate_after_days=800),
        expected_version=stale.version,
        reason="법령 개정 반영",
    )
    dialog.legal.setCurrentIndex(dialog.legal.findData("test_record"))
    dialog.separate.setValue(900)
    with reason_given(RULE_REASON):
        dialog.submitted.emit()
    qtbot.waitUntil(lambda: bool(message_boxes(tab.page)), timeout=15_000)
    settle(qtbot, runner)
    boxes = message_boxes(tab.page)
    assert any("다른 사용자가 먼저" in b.text() and "저장하지 않았습니다" in b.text() for b in boxes)
    dismiss(boxes)
    assert closed(dialog)
    saved = {r.code: r for r in files.list_files(ctx, boss)}["patient"]
    assert (saved.separate_after_days, saved.version) == (800, stale.version + 1)
    qtbot.waitUntil(
        lambda: any(r.code == "patient" and r.version == stale.version + 1 for r in tab.model.rows()),
        timeout=15_000,
    )


def test_plan_drafters_see_the_rules_read_only_and_no_holds(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    privacy = staff(sqlite_ctx, "jeon", [PRIVACY], "전산담당")
    _win, page = open_page(qtbot, sqlite_ctx, runner, privacy)
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "보유기간 규칙" in tabs and "법적 보존" not in tabs and page.holds is None
    tab = page.rules
    assert tab is not None and tab.edit_button is None and not tab.may_edit
    page.show_tab(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4, timeout=15_000)
    tab.table.selectRow(0)
    tab.edit()  # a double click does nothing either
    assert not isinstance(page.dialog, RuleDialog)


def test_legal_holds_are_placed_by_chart_number_and_released_with_a_reason(
    qtbot,
    ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    boss = officer(ctx)
    p = add_marked(ctx, boss, 71, last_visit=years_ago(2), seed=3)
    _win, page = open_page(qtbot, ctx, runner, boss)
    tab = page.holds
    assert tab is not None and tab.place_button is not None and tab.release_button is not None
    page.show_tab(tab)
    qtbot.waitUntil(lambda: tab.loaded, timeout=15_000)
    assert tab.model.rowCount() == 0 and not tab.release_button.isEnabled()

    tab.place_button.click()
    dialog = page.dialog
    assert isinstance(dialog, PlaceHoldDialog)
    dialog.ok_button.click()  # nothing typed: said next to the chart number
    assert dialog.chart_error.isVisible() and "차트번호" in dialog.chart_error.text()
    dialog.chart.setText("NO-SUCH-CHART")
    dialog.ok_button.click()  # no reason yet
    assert dialog.reason_error.isVisible() and not dialog.chart_error.isVisible()
    dialog.reason.setPlainText("2026가단777 손해배상 소송 증거 보전")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.chart_error.isVisible(), timeout=15_000)
    settle(qtbot, runner)
    assert "차트번호를 확인하십시오" in dialog.chart_error.text() and dialog.isVisible()
    assert holds.list_legal_holds(ctx, boss) == []
    dialog.chart.setText(p.chart_no)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=15_000)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=15_000)
    row = tab.model.row_object(0)
    assert (row.chart_no, row.name_masked, row.reason, row.placed_by) == (
        p.chart_no,
        mask_name(p.name),
        "2026가단777 손해배상 소송 증거 보전",
        boss.login,
    )
    shown = [tab.model.index(0, c).data() for c in range(tab.model.columnCount())]
    assert p.name not in shown and mask_name(p.name) in shown and "보존 중" in shown
    assert "보존 중 1건" in tab.status.text()

    # release: the reason is required
    tab.table.selectRow(0)
    assert tab.release_button.isEnabled()
    tab.release_button.click()
    release = page.dialog
    assert isinstance(release, ReasonDialog) and release.objectName() == "releaseHoldDialog"
    ok = release.buttons.buttons()[0]
    assert not ok.isEnabled()
    release.reason.setPlainText("소송 종결")
    assert ok.isEnabled()
    release.accept()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=15_000)
    assert holds.list_legal_holds(ctx, boss) == []

    tab.include_released.setChecked(True)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=15_000)
    settle(qtbot, runner)
    gone = tab.model.row_object(0)
    assert not gone.active and gone.release_reason == "소송 종결" and gone.released_by == boss.login
    assert "해제 1건" in tab.status.text()
    tab.table.selectRow(0)
    assert not tab.release_button.isEnabled()
