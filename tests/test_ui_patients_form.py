"""The new / edit patient form (inline Korean validation, the check-digit choice, duplicates, the
conflict dialog), intake entries, the processing hold and the CSV export of selected patients —
real widgets on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from privdesk import clock
from privdesk.accounts import roles as roles_uc
from privdesk.accounts.permissions import AUDITOR, Permission
from privdesk.audit import query
from privdesk.context import Actor, AppContext
from privdesk.registry.patients import get_patient, unmask, update_patient
from privdesk.registry.search import search
from privdesk.registry.validation import PatientInput
from privdesk.ui.registry.dialogs import ExportDialog, VisitIntakeDialog
from privdesk.ui.registry.form import PatientFormDialog
from privdesk.ui.registry.model import PatientSearchModel
from privdesk.ui.registry.page import PatientsPage
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import ReasonDialog
from tests.confirm_support import confirm_answered
from tests.ui_patients_support import (  # noqa: F401 (fixtures)
    HONG_RRN,
    boss_fixture,
    close,
    closed,
    open_registry,
    register_hong,
    rrn,
    runner_fixture,
    settle,
    staff,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def new_form(qtbot, page: PatientsPage) -> PatientFormDialog:  # type: ignore[no-untyped-def]
    assert page.new_button is not None
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.dialog
    assert isinstance(form, PatientFormDialog) and form.isVisible()
    return form


def errors(form: PatientFormDialog) -> dict[str, str]:
    return {k: label.text() for k, label in form.errors.items() if label.text()}


def select_first(qtbot, page: PatientsPage) -> None:  # type: ignore[no-untyped-def]
    page.select_row(0)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)


def test_new_patient_shows_inline_errors_as_you_type_then_saves(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    boss: Actor,
) -> None:
    window, page = open_registry(qtbot, ctx, runner, boss)
    form = new_form(qtbot, page)
    assert errors(form) == {} and not form.save_button.isEnabled()  # an empty form does not scold

    form.edits["chart_no"].setText("C 1")
    form.edits["name"].setText("홍1")
    form.edits["rrn"].setText("901301-1234567")
    form.edits["phone1"].setText("011-123-4567")  # the second phone field, the first left empty
    form.edits["last_visit"].setText("2024-13-01")
    assert errors(form) == {
        "chart_no": "차트번호는 영문, 숫자, 하이픈(-)으로 32자 이내로 입력하십시오.",
        "name": "이름에는 한글, 영문, 공백과 . ' - 만 쓸 수 있습니다.",
        "rrn": "주민등록번호 앞자리가 실제 날짜(생년월일)가 아닙니다.",
        "phone1": "011 번호는 더 이상 쓰이지 않습니다. 010 번호로 입력하십시오.",
        "last_visit": "최종 내원일은 YYYY-MM-DD 형식의 실제 날짜로 입력하십시오.",
    }
    assert not form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
    assert form.isVisible()

    form.edits["chart_no"].setText("C-0100")
    form.edits["name"].setText("김하늘")
    form.edits["rrn"].setText(rrn("010203412345").replace("-", ""))  # without the hyphen
    form.edits["phone1"].setText("01098765432")
    form.edits["last_visit"].setText("2019-01-01")
    form.edits["first_visit"].setText("2020-02-02")
    assert errors(form) == {"last_visit": "최종 내원일이 최초 내원일보다 앞설 수 없습니다."}
    form.edits["last_visit"].setText("2024-02-02")
    form.edits["address"].setText("부산광역시 해운대구 해운대로 77")
    assert errors(form) == {} and form.save_button.isEnabled() and not form.check_digit_box.isVisible()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert closed(form)

    d = page.panel.detail
    assert d is not None and d.chart_no == "C-0100" and d.name == "김하늘"
    assert page.panel.values["phones"].text() == "010-****-5432"  # normalised, masked
    assert page.panel.values["address"].text() == "부산광역시 해운대구"
    assert [r.chart_no for r in search(ctx, boss, "ㄱㅎㄴ").rows] == ["C-0100"]
    close(qtbot, window, runner)


def test_a_failed_check_digit_is_an_explicit_choice(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    boss: Actor,
) -> None:
    window, page = open_registry(qtbot, ctx, runner, boss)
    form = new_form(qtbot, page)
    form.edits["chart_no"].setText("C-0200")
    form.edits["name"].setText("이새롬")
    form.edits["rrn"].setText(rrn("850607212345", good=False))
    box = form.check_digit_box
    assert box.isVisible() and not box.isChecked()
    assert (
        box.text() == "번호 검증 숫자가 맞지 않습니다. 2020년 10월 이후 발급 번호일 수 있습니다 — 그대로 저장"
    )
    assert errors(form) == {} and not form.save_button.isEnabled()  # a warning, not an error, but a choice
    box.setChecked(True)
    assert form.save_button.isEnabled()
    form.edits["rrn"].setText(rrn("850607212345"))  # a good number: the choice goes away
    assert not box.isVisible() and not box.isChecked() and form.save_button.isEnabled()
    form.edits["rrn"].setText(rrn("850607212345", good=False))
    assert not form.save_button.isEnabled()
    box.setChecked(True)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert closed(form)
    d = page.panel.detail
    assert d is not None and d.chart_no == "C-0200"
    created = query.page(ctx, boss, query.LogFilter(action="create", subject=d.ref))
    assert created and created[0].detail == "check_digit_warning_accepted"
    close(qtbot, window, runner)


def test_the_same_resident_number_twice_names_the_existing_chart(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    boss: Actor,
) -> None:
    register_hong(ctx, boss)
    window, page = open_registry(qtbot, ctx, runner, boss)
    form = new_form(qtbot, page)
    form.edits["chart_no"].setText("C-0999")
    form.edits["name"].setText("홍길동")
    form.edits["rrn"].setText(HONG_RRN)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert form.isVisible()  # nothing saved, the input stays
    assert form.errors["rrn"].text() == "이미 등록된 주민등록번호입니다 (차트번호 C-0001)."
    assert len(search(ctx, boss, "홍길동").rows) == 1
    form.reject()
    close(qtbot, window, runner)


def test_a_save_after_another_workstation_saved_shows_what_changed_then_reloads(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    hong = register_hong(ctx, boss)
    window, page = open_registry(qtbot, ctx, runner, boss)
    select_first(qtbot, page)
    assert page.edit_button is not None
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(page.dialog, PatientFormDialog), timeout=10_000)
    form = page.dialog
    assert form.edits["rrn"].text() == HONG_RRN and form.edits["phone0"].text() == "010-1234-5678"
    assert (
        form.save_button.text() == "저장" and form.detail is not None and form.detail.version == hong.version
    )
    edit_unmasks = query.page(ctx, boss, query.LogFilter(action="unmask", subject=hong.ref))
    assert edit_unmasks and edit_unmasks[0].detail == "사유=환자 정보 수정"

    # the other workstation: a second use-case call saves first
    other = PatientInput(
        chart_no="C-0001",
        name="홍길도",
        rrn=HONG_RRN,
        address="서울특별시 강남구 테헤란로 5",
        phones=("010-1234-5678",),
        first_visit="2021-03-02",
        last_visit="2024-05-06",
    )
    update_patient(ctx, boss, hong.id, other, expected_version=hong.version)

    form.edits["phone0"].setText("010-2222-3333")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: form.conflict_dialog is not None and form.conflict_dialog.isVisible(), timeout=10_000
    )
    changes = form.conflict_dialog.changes()
    assert ("이름", "홍길동", "홍길도") in changes
    assert ("주소", "서울특별시 관악구", "서울특별시 강남구") in changes
    assert not any(HONG_RRN in cell for row in changes for cell in row)  # masked
    assert get_patient(ctx, boss, hong.id).phones_masked == ("010-****-5678",)  # our change was not saved

    qtbot.mouseClick(form.conflict_dialog.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.edits["name"].text() == "홍길도", timeout=10_000)
    settle(qtbot, runner)
    assert (
        form.edits["address"].text() == "서울특별시 강남구 테헤란로 5" and form.detail.version > hong.version
    )
    assert "최신 내용을 불러왔습니다" in form.message.text()
    form.edits["phone0"].setText("010-2222-3333")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert closed(form)
    stored = unmask(ctx, boss, hong.id, "본인 확인")
    assert stored.phones == ("010-2222-3333",) and stored.address == "서울특별시 강남구 테헤란로 5"
    assert get_patient(ctx, boss, hong.id).name == "홍길도"
    assert page.notice.isVisible() and page.notice.text() == "홍*도 (차트번호 C-0001)의 변경을 저장했습니다."
    close(qtbot, window, runner)


def test_intake_hold_and_export_of_selected_patients(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    boss: Actor,
    tmp_path: Path,
) -> None:
    hong = register_hong(ctx, boss)
    window, page = open_registry(qtbot, ctx, runner, boss)
    select_first(qtbot, page)

    # intake entry: a date in the future is refused in the dialog, then a valid one is saved
    assert page.intake_button is not None
    qtbot.mouseClick(page.intake_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, VisitIntakeDialog)
    tomorrow = clock.today_kst() + dt.timedelta(days=1)
    dialog.date_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    dialog.department.setEditText("내과")
    dialog.purpose.setText("외래 진료")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert dialog.isVisible() and dialog.message.text() == "접수일이 오늘 이후입니다. 날짜를 확인하십시오."
    dialog.date_edit.setDate(QDate(2024, 6, 1))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert closed(dialog)
    qtbot.waitUntil(lambda: page.panel.intakes.rowCount() == 1, timeout=10_000)
    assert page.panel.values["last_visit"].text() == "2024-06-01"  # the visit moved the last visit on
    assert page.panel.values["retention"].text() == "2029-06-01"

    # processing hold with a reason
    assert page.hold_button is not None and page.hold_button.text() == "처리정지 설정"
    qtbot.mouseClick(page.hold_button, Qt.MouseButton.LeftButton)
    reason = page.dialog
    assert isinstance(reason, ReasonDialog)
    reason.reason.setPlainText("정정 요구 처리 중")
    reason.buttons.accepted.emit()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.panel.detail is not None and page.panel.detail.hold, timeout=10_000)
    assert page.panel.values["hold"].text() == "예 — 정정 요구 처리 중"
    assert page.hold_button.text() == "처리정지 해제"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_object(0).hold, timeout=10_000)
    assert page.model.data(page.model.index(0, PatientSearchModel.COL_HOLD)) == "정지"

    # export of a held record is refused with the reason, and no file is left
    page.select_row(0)
    out = tmp_path / "export.csv"
    assert page.export_button is not None and page.export_button.isEnabled()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    export = page.dialog
    assert isinstance(export, ExportDialog) and export.unmasked_box is not None
    assert not export.ok_button.isEnabled()  # the reason is required
    export.path_edit.setText(str(out))
    export.reason.setCurrentIndex(0)
    qtbot.mouseClick(export.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert export.isVisible()
    assert (
        export.message.text()
        == "차트번호 C-0001 환자는 처리정지(정정 처리 중) 상태라 출력·내보내기·제공할 수 없습니다."
    )
    assert not out.exists()
    export.reject()

    # clearing the hold, then the export goes through, masked
    with confirm_answered("keep") as seen:  # the safe answer (and the default) keeps the hold
        qtbot.mouseClick(page.hold_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert seen.defaults == ["취소"] and page.panel.detail is not None and page.panel.detail.hold
    with confirm_answered("action") as seen:
        qtbot.mouseClick(page.hold_button, Qt.MouseButton.LeftButton)
    assert sorted(seen.buttons[0]) == ["처리정지 해제", "취소"]
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.panel.detail is not None and not page.panel.detail.hold, timeout=10_000)
    assert page.panel.values["hold"].text() == "아니오"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.model.loading, timeout=10_000)
    page.select_row(0)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    export = page.dialog
    export.path_edit.setText(str(out))
    export.reason.setEditText("정보주체의 열람 요구")
    qtbot.mouseClick(export.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert closed(export) and out.exists()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][:3] == ["C-0001", "홍길동", "900101-1******"] and HONG_RRN not in out.read_text(
        "utf-8-sig"
    )
    info = [b for b in window.findChildren(QMessageBox) if b.isVisible() and "내보냈습니다" in b.text()]
    assert info and "1명" in info[0].text()
    logged = query.page(ctx, boss, query.LogFilter(action="export", subject=hong.ref))
    assert logged and logged[0].detail == "masked; 사유=정보주체의 열람 요구"
    close(qtbot, window, runner)


def test_export_without_the_unmask_permission_offers_no_unmasked_export(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    register_hong(ctx, boss)
    auditor = next(r for r in roles_uc.list_roles(ctx, boss) if r.code == AUDITOR)
    roles_uc.set_role_permissions(
        ctx,
        boss,
        AUDITOR,
        {*auditor.permissions, str(Permission.PATIENT_READ), str(Permission.PATIENT_EXPORT)},
        reason="명부 점검",
    )
    reader = staff(ctx, boss, "reader", [AUDITOR], name="감사인")
    window, page = open_registry(qtbot, ctx, runner, reader)
    page.select_row(0)
    assert page.export_button is not None and page.unmask_button is None
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    export = page.dialog
    assert isinstance(export, ExportDialog) and export.unmasked_box is None
    export.reject()
    close(qtbot, window, runner)
