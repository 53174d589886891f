"""People by name on the screens (issue 14): every "who" column and line shows the person's name
(이름(ID)), never a bare login ID — the permission history, legal holds and retention rules, the
camera and processor change histories, a data-subject request's 처리 이력 and 확인/접수 lines, a
CCTV request's 접수 line, a complaint's 접수·답변 lines — and a data-subject request's subject is
found with the registry's own logged search (name, 초성, birth date, chart number). Real widgets,
real databases."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractItemModel, Qt

from privdesk import clock
from privdesk.accounts.permissions import FACILITY, INTAKE
from privdesk.cctv import cameras as cameras_uc
from privdesk.cctv import requests as cctv_requests
from privdesk.cctv.cameras import CameraEdit
from privdesk.complaints import desk
from privdesk.complaints.desk import ComplaintInput
from privdesk.context import AppContext
from privdesk.disclosures import processors
from privdesk.lifecycle import files, holds
from privdesk.registry.patients import add_intake
from privdesk.rights import requests as requests_uc
from privdesk.rights.requests import RequestKind
from privdesk.ui.accounts.permhistory import PermissionHistoryPage
from privdesk.ui.cctv.cameras import CameraHistoryDialog
from privdesk.ui.cctv.page import CctvPage
from privdesk.ui.cctv.request import RequestDetailDialog as CctvDetailDialog
from privdesk.ui.complaints.page import ComplaintsPage
from privdesk.ui.disclosures.processors import ProcessorHistoryDialog
from privdesk.ui.lifecycle.page import LifecyclePage
from privdesk.ui.registry.page import PatientsPage
from privdesk.ui.requests.intake import IntakeDialog
from privdesk.ui.requests.page import RequestsPage
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import actor_for
from tests.lifecycle_support import add_marked, years_ago
from tests.test_cctv_requests import request_input
from tests.test_rights import ask, patient
from tests.test_ui_requests import closed, log_rows, ok, open_detail, register, staff
from tests.ui_inbox_support import runner_fixture, settle, window

__all__ = ["runner_fixture"]

OFFICER = "육의곤(yook)"  # the seeded officer, as people read him


def column(model: QAbstractItemModel, header: str) -> list[str]:
    """The cells of the column headed ``header`` (display text)."""
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header in heads, heads
    col = heads.index(header)
    return [str(model.index(r, col).data() or "") for r in range(model.rowCount())]


def assert_named(cells: list[str], logins: set[str], *names: str) -> None:
    """No cell is a bare login ID; every name expected appears."""
    assert cells
    assert not [c for c in cells if c.strip() in logins], cells
    for name in names:
        assert any(name in c for c in cells), (name, cells)


def logins(ctx: AppContext) -> set[str]:
    from sqlalchemy import select

    from privdesk.store.models import Account

    with ctx.session() as s:
        return set(s.scalars(select(Account.login)))


def test_permission_history_holds_and_retention_rules_show_names(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    boss = actor_for(ctx, "yook")
    actor_for(ctx, "kimd", ["privacy"])
    p = add_marked(ctx, boss, 71, last_visit=years_ago(2), seed=3)
    holds.place_legal_hold(ctx, boss, p.id, "2026가단777 손해배상 소송 증거 보전")
    rule = next(r for r in files.list_files(ctx, boss) if r.code == files.PATIENT_FILE)
    files.update_rule(
        ctx,
        boss,
        rule.code,
        files.RuleChange(separate_after_days=400),
        expected_version=rule.version,
        reason="분리보관 기준 조정",
    )
    who = logins(ctx)

    win = window(qtbot, ctx, runner, "yook")
    history = win.show_page("permission_history")
    assert isinstance(history, PermissionHistoryPage)
    settle(qtbot, runner)
    assert_named(column(history.model, "처리자"), who, OFFICER)

    page = win.show_page("lifecycle")
    assert isinstance(page, LifecyclePage) and page.holds is not None and page.rules is not None
    page.show_tab(page.holds)
    qtbot.waitUntil(lambda: page.holds.loaded and page.holds.model.rowCount() == 1, timeout=15_000)
    assert_named(column(page.holds.model, "설정자"), who, OFFICER)
    page.show_tab(page.rules)
    qtbot.waitUntil(lambda: page.rules.model.rowCount() >= 4, timeout=15_000)
    changed = [c for c in column(page.rules.model, "수정자") if c]
    assert_named(changed, who, OFFICER)
    win.close()
    settle(qtbot, runner)


def test_camera_and_processor_change_histories_show_names(qtbot, sqlite_ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    fac = actor_for(ctx, "fac01", [FACILITY])
    cameras_uc.update_camera(ctx, fac, "CAM-03", CameraEdit(coverage="1층 복도 서쪽"), reason="각도 조정")
    dialog = CameraHistoryDialog(None, "CAM-03", cameras_uc.camera_history(ctx, fac, "CAM-03"))
    qtbot.addWidget(dialog)
    assert_named(column(dialog.model, "변경자"), logins(ctx), "fac01 님(fac01)")

    boss = actor_for(ctx, "yook")
    row = processors.list_processors(ctx, boss)[0]
    processors.deactivate_processor(ctx, boss, row.id, "위탁 계약 종료", expected_version=row.version)
    hist = ProcessorHistoryDialog(None, row.name, processors.processor_history(ctx, boss, row.id))
    qtbot.addWidget(hist)
    assert_named(column(hist.model, "변경자"), logins(ctx), OFFICER)


def test_requests_and_complaints_name_who_received_checked_and_handled(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = actor_for(ctx, "intake", [INTAKE])
    fac = actor_for(ctx, "facility", [FACILITY])
    pid = patient(ctx, actor_for(ctx, "yook"))
    add_intake(ctx, clerk, pid, visit_date=dt.date(2024, 6, 1), department="내과", purpose="외래")
    d = requests_uc.receive_request(ctx, clerk, ask(RequestKind.ACCESS, pid, id_checked_by=""))
    cctv = cctv_requests.receive_request(ctx, fac, request_input())
    c = desk.receive(
        ctx,
        actor_for(ctx, "yook"),
        ComplaintInput(
            kind="complaint",
            channel="phone",
            topic="안내 문자가 다른 사람에게 갔다는 신고",
            name="남궁민수",
            contact="010-9876-5432",
            received_at=clock.now() - dt.timedelta(days=1),
        ),
    )
    who = logins(ctx)

    win = window(qtbot, ctx, runner, "yook")
    patients = win.show_page("patients")
    assert isinstance(patients, PatientsPage)
    qtbot.waitUntil(lambda: patients.model.rowCount() == 1 and not patients.model.loading, timeout=15_000)
    patients.select_row(0)
    qtbot.waitUntil(lambda: patients.panel.intakes.rowCount() == 1, timeout=15_000)
    assert_named(column(patients.panel.intakes, "담당"), who, "intake 님(intake)")  # 접수 이력

    page = win.show_page("requests")
    assert isinstance(page, RequestsPage)
    settle(qtbot, runner)
    detail = open_detail(qtbot, page, runner, d.id)
    assert_named(column(detail.history_table.model(), "처리자"), who, "intake 님(intake)")
    identity, received = detail.fields["identity"].text(), detail.fields["received"].text()
    assert "확인: intake 님(intake)" in identity and "intake 님(intake)" in received
    detail.close()

    cpage = win.show_page("cctv")
    assert isinstance(cpage, CctvPage) and cpage.inbox is not None
    settle(qtbot, runner)
    assert cpage.inbox.select(cctv.id)
    qtbot.mouseClick(cpage.inbox.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    cdetail = cpage.inbox.detail
    assert isinstance(cdetail, CctvDetailDialog)
    assert "(facility 님(facility))" in cdetail.fields["received"].text()
    assert "(facility)" not in cdetail.fields["received"].text().replace("facility 님(facility)", "")
    assert_named(column(cdetail.history_table.model(), "처리자"), who, "facility 님(facility)")
    cdetail.close()
    cpage.show_tab(cpage.holds)  # the automatic hold of the request: 설정 by name
    qtbot.waitUntil(lambda: cpage.holds.model.rowCount() == 1, timeout=15_000)
    (set_by,) = column(cpage.holds.model, "설정")
    assert set_by.endswith(" facility 님(facility)")

    comp = win.show_page("complaints")
    assert isinstance(comp, ComplaintsPage)
    settle(qtbot, runner)
    assert comp.select(c.id)
    settle(qtbot, runner)
    text = comp.detail_label.text()
    assert OFFICER in text and "· yook<" not in text
    win.close()
    settle(qtbot, runner)


def test_the_scheduled_jobs_read_as_the_system_not_an_id(sqlite_ctx: AppContext) -> None:
    from privdesk.accounts.people import people

    with sqlite_ctx.session() as s:
        who = people(s, ["system", "yook", "nobody"])
    assert (who.label("system"), who.label("yook"), who.label("nobody")) == (
        "시스템(자동)",
        OFFICER,
        "nobody",  # an ID without an account (an old backup, typed by hand) stays as it is
    )


# -- finding the person for a data-subject request ----------------------------------------------------
def test_the_request_subject_is_found_by_name_and_chosung_through_the_logged_registry_search(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    clerk = staff(ctx, "won11", [INTAKE])
    hong = register(ctx, clerk, "C-0001", "홍길동", "900101123456")
    register(ctx, clerk, "C-0002", "홍길순", "920303223456")
    register(ctx, clerk, "C-0003", "이몽룡", "880202123456")
    win = window(qtbot, ctx, runner, "won11")
    page = win.show_page("requests")
    assert isinstance(page, RequestsPage)
    settle(qtbot, runner)
    dialog = page.new_request()
    assert isinstance(dialog, IntakeDialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("access"))
    searches_before = len(log_rows(ctx, "search"))

    # by name: both 홍길* are candidates, masked; nothing is linked until one is picked
    dialog.chart_edit.setText("홍길")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    shown = [dialog.candidates.item(i).text() for i in range(dialog.candidates.count())]
    assert len(shown) == 2 and dialog.candidates.isVisibleTo(dialog) and dialog.patient is None
    assert any("홍*동" in t and "C-0001" in t for t in shown) and any("홍*순" in t for t in shown)
    assert not any("홍길동" in t or "홍길순" in t for t in shown)
    assert "2명" in dialog.patient_label.text()
    dialog.candidates.setCurrentRow(next(i for i, t in enumerate(shown) if "C-0001" in t))
    qtbot.keyClick(dialog.candidates, Qt.Key.Key_Return)  # Enter picks; it does not submit the form
    assert dialog.isVisible() and dialog.patient is not None and dialog.patient.id == hong.id
    assert "홍*동" in dialog.patient_label.text() and not dialog.candidates.isVisibleTo(dialog)
    assert dialog.focusWidget() is dialog.requester_name_edit  # on with the form

    # by 초성: one candidate, picked with the mouse
    dialog.chart_edit.setText("ㅎㄱㄷ")
    qtbot.keyClick(dialog.chart_edit, Qt.Key.Key_Return)
    settle(qtbot, runner)
    assert dialog.candidates.count() == 1 and dialog.patient is None
    item = dialog.candidates.item(0)
    rect = dialog.candidates.visualItemRect(item)
    qtbot.mouseClick(dialog.candidates.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.patient is not None and dialog.patient.id == hong.id

    # the chart number still links at once; an unknown name says so next to the field
    dialog.chart_edit.setText("C-0003")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert dialog.patient is not None and dialog.patient.chart_no == "C-0003"
    dialog.chart_edit.setText("없는사람")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert dialog.patient is None and "찾을 수 없습니다" in dialog.fields["patient_id"].error.text()

    # logged as the registry search is: the kind and the count, never what was typed
    entries = log_rows(ctx, "search")[searches_before:]
    assert [e.search_kind for e in entries] == ["name_prefix", "chosung", "chart_no", "name_prefix"]
    assert all(e.actor == "won11" for e in entries)
    assert [e.detail for e in entries[:2]] == ["results=2", "results=1"]
    assert not any(q in (e.detail or "") for e in entries for q in ("홍길", "ㅎㄱㄷ", "없는사람"))

    # picked, then taken in: the request is about that patient
    dialog.chart_edit.setText("홍길동")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    dialog.candidates.setCurrentRow(0)
    qtbot.keyClick(dialog.candidates, Qt.Key.Key_Enter)
    dialog.requester_name_edit.setText("홍길동")
    dialog.requester_birth_edit.setText("1990-01-01")
    dialog.requester_phone_edit.setText("010-1234-5678")
    ok(dialog)
    settle(qtbot, runner)
    received = page.last_intake
    assert received is not None and received.row.patient_id == hong.id
    assert closed(dialog)
    win.close()
    settle(qtbot, runner)
