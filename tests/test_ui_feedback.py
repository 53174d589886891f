"""Feedback at the desk (issue 14): a new patient is said on the page (masked) and the list moves to
and selects it; a request's refusal dialog and the CCTV one show no error before anything was done;
the lock screen's password box has a label that is its buddy; the import wizard maps 환자번호 /
환자 번호 / 등록번호 to 차트번호 and names the fields as the patient form does. Real widgets, real
database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow

from privdesk.accounts.permissions import FACILITY, INTAKE
from privdesk.context import Actor, AppContext
from privdesk.registry import importer, pipeline
from privdesk.registry.labels import FIELD_LABELS
from privdesk.ui.cctv.decisions import RefuseDialog as CctvRefuseDialog
from privdesk.ui.registry import form as patient_form
from privdesk.ui.registry.form import PatientFormDialog
from privdesk.ui.registry.import_wizard import map_label
from privdesk.ui.requests.actions import RefuseDialog
from privdesk.ui.tasks import TaskRunner
from tests.test_ui_requests import click_action, member_request, open_detail, open_requests, staff
from tests.ui_cctv_support import open_cctv, request_input
from tests.ui_patients_support import open_registry, register_hong, rrn, runner_fixture, settle

__all__ = ["runner_fixture"]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_new_patient_is_said_and_the_list_moves_to_the_new_row(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.accounts import users
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

    ctx = sqlite_ctx
    boss = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    register_hong(ctx, boss)
    window, page = open_registry(qtbot, ctx, runner, boss)
    page.search_edit.setText("홍")  # a search the new patient is not in
    qtbot.waitUntil(lambda: not page.debounce.isActive() and not page.model.loading, timeout=15_000)
    settle(qtbot, runner)
    assert not page.notice.isVisible()

    assert page.new_button is not None
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.dialog
    assert isinstance(form, PatientFormDialog)
    form.edits["chart_no"].setText("C-0100")
    form.edits["name"].setText("김하늘")
    form.edits["rrn"].setText(rrn("010203412345"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == 1, timeout=15_000)
    settle(qtbot, runner)

    said = page.notice.text()
    assert page.notice.isVisible() and said == "신규 환자 김*늘 (차트번호 C-0100)을 등록했습니다."
    assert "김하늘" not in said  # masked
    assert isinstance(window, QMainWindow) and window.statusBar().currentMessage() == said
    assert page.search_edit.text() == "C-0100" and page.model.row_object(0).chart_no == "C-0100"
    assert page.selected_ids() == [page.model.row_object(0).id]  # the new row is selected
    assert page.panel.detail is not None and page.panel.detail.chart_no == "C-0100"
    page.search_edit.setText("")
    qtbot.keyClicks(page.search_edit, "C")  # the user searches on: the notice goes
    assert not page.notice.isVisible()
    window.close()
    settle(qtbot, runner)


def test_refusal_dialogs_show_no_error_before_anything_was_done(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.cctv import requests as cctv_requests
    from tests.ui_cctv_support import staff as cctv_staff

    ctx = sqlite_ctx
    clerk = staff(ctx, "won31", [INTAKE])
    req = member_request(ctx, clerk, kind="access")
    win, page = open_requests(qtbot, ctx, runner, clerk)
    detail = open_detail(qtbot, page, runner, req.id)
    refuse = click_action(qtbot, detail, "refuse")
    assert isinstance(refuse, RefuseDialog) and refuse.isVisible()
    assert refuse.message.text() == "" and not refuse.ok_button.isEnabled()
    refuse.select_ground("harm_others")  # working in the form: now it says what is missing
    assert refuse.message.text() == "거절 사유 설명을 입력하십시오."
    refuse.explanation.setPlainText("다른 환자의 진료 정보가 함께 있어 분리할 수 없습니다.")
    assert refuse.message.text() == "" and refuse.ok_button.isEnabled()
    refuse.reject()
    win.close()
    settle(qtbot, runner)

    fac = cctv_staff(ctx, "fac31", [FACILITY])
    d = cctv_requests.receive_request(ctx, fac, request_input(3))
    cwin, cpage = open_cctv(qtbot, ctx, runner, fac)
    assert cpage.inbox is not None and cpage.inbox.select(d.id)
    qtbot.mouseClick(cpage.inbox.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    cdetail = cpage.inbox.detail
    qtbot.mouseClick(cdetail.action_buttons["refused"], Qt.MouseButton.LeftButton)
    crefuse = cdetail.dialog
    assert isinstance(crefuse, CctvRefuseDialog) and crefuse.isVisible()
    assert crefuse.message.text() == ""
    assert not [
        w.text() for w in crefuse.findChildren(QLabel) if w.isVisible() and "입력하십시오" in w.text()
    ]
    crefuse.reject()
    cwin.close()
    settle(qtbot, runner)


def test_the_lock_screen_password_box_has_a_label_that_is_its_buddy(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, boss_any: Actor
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.ui.mainwindow import MainWindow

    window = MainWindow(sqlite_ctx, runner, boss_any, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, runner)
    window.lock()
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    overlay = window.overlay
    label = overlay.password_label
    assert label.isVisible() and label.text().replace("&", "") == "비밀번호(P)"
    assert label.buddy() is overlay.password and overlay.password.accessibleName() == "비밀번호"
    window.close()
    settle(qtbot, runner)


@pytest.fixture(name="boss_any")
def boss_any_fixture(sqlite_ctx: AppContext) -> Actor:
    from privdesk.accounts import users
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

    return users.login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


@pytest.mark.parametrize("header", ["환자번호", "환자 번호", "등록번호", "차트 번호", "Chart No"])
def test_the_hospital_systems_patient_number_maps_to_the_chart_number(header: str) -> None:
    mapping = importer.auto_mapping([header, "성명", "주민등록번호", "최초 내원일", "최종내원일"])
    assert mapping["chart_no"] == header and mapping["name"] == "성명"
    assert mapping["first_visit"] == "최초 내원일" and mapping["last_visit"] == "최종내원일"


def test_the_wizard_and_the_form_name_the_fields_the_same_from_one_table(qtbot) -> None:  # type: ignore[no-untyped-def]
    form_keys = {"phone": "phone0", "phone2": "phone1", "phone3": "phone2"}
    for key, label in FIELD_LABELS.items():
        assert patient_form.LABELS[form_keys.get(key, key)] == label  # the UI's markers = the core's table
        assert map_label(key) == label  # the wizard's mapping rows say what the form says
    assert map_label("first_visit") == "최초 내원일" == importer.FIELD_LABELS["first_visit"]
    assert pipeline.FORM_LABELS["first_visit"] == "최초 내원일"
    assert pipeline.FORM_LABELS["phones.1"] == "연락처 2"


def test_the_mapping_page_shows_the_forms_labels(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, boss_any: Actor, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.test_ui_patients_import import HEADER, open_wizard, write_cp949

    path = write_cp949(
        tmp_path / "his.csv",
        [HEADER, ["C-1001", "김철수", rrn("900101123456"), "", "010-2222-3333", "2024-01-01", ""]],
    )
    window, page = open_registry(qtbot, sqlite_ctx, runner, boss_any)
    wizard = open_wizard(qtbot, page)
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    mapping = wizard.mapping_page
    assert mapping.combos["chart_no"].currentData() == "환자번호" and mapping.isComplete()
    shown = {
        form.labelForField(mapping.combos[k]).text()
        for form in mapping.findChildren(QFormLayout)
        for k in ("first_visit", "last_visit")
        if form.labelForField(mapping.combos[k]) is not None
    }
    assert shown == {"최초 내원일", "최종 내원일"}
    wizard.reject()
    window.close()
    settle(qtbot, runner)
