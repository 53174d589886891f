"""The registry screen: search as you type (name prefix, 초성, phone last four, resident number),
the lazy result list, the detail panel, unmasking with a reason that masks again and is logged,
and who sees the screen at all — real widgets on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from privdesk.accounts import roles as roles_uc
from privdesk.accounts.permissions import AUDITOR, FACILITY, INTAKE, Permission
from privdesk.audit import query
from privdesk.context import Actor, AppContext
from privdesk.registry.hangul import chosung
from privdesk.registry.patients import add_intake
from privdesk.registry.sample import add_sample_patients
from privdesk.registry.search import SearchKind
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.registry.dialogs import UnmaskDialog
from privdesk.ui.registry.model import PAGE_SIZE, PatientSearchModel
from privdesk.ui.tasks import TaskRunner
from tests.ui_patients_support import (  # noqa: F401 (fixtures)
    HONG_RRN,
    boss_fixture,
    close,
    open_registry,
    register,
    register_hong,
    rrn,
    runner_fixture,
    settle,
    staff,
    type_search,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_search_as_you_type_by_name_prefix_chosung_phone_last_four_and_rrn(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    add_sample_patients(ctx, boss, 40, seed=3)
    register_hong(ctx, boss)
    register(ctx, boss, "C-0002", "홍길순", rrn("920304223456"), phones=("02-555-1234",))
    register(ctx, boss, "C-0003", "황금동", rrn("850505154321"), phones=("010-9999-0000",))
    window, page = open_registry(qtbot, ctx, runner, boss)
    assert page.model.kind is SearchKind.ALL and page.model.rowCount() == 43  # the registry in name order

    names = type_search(qtbot, page, "홍길")
    assert names == ["홍길동", "홍길순"] and page.model.kind is SearchKind.NAME_PREFIX
    assert page.status.text() == "2명 — 검색: 이름"

    names = type_search(qtbot, page, "ㅎㄱㄷ")
    assert "홍길동" in names and "황금동" in names and "홍길순" not in names
    assert all(chosung(n).startswith("ㅎㄱㄷ") for n in names)
    assert page.model.kind is SearchKind.CHOSUNG

    type_search(qtbot, page, "5678")
    rows = page.model.rows()
    assert "C-0001" in [r.chart_no for r in rows] and page.model.kind is SearchKind.PHONE_LAST4
    hong = next(r for r in rows if r.chart_no == "C-0001")
    assert hong.phone_masked == "010-****-5678"  # masked in the list

    type_search(qtbot, page, HONG_RRN)
    assert [r.chart_no for r in page.model.rows()] == ["C-0001"] and page.model.kind is SearchKind.RRN
    row = page.model.index(0, PatientSearchModel.COL_RRN)
    assert page.model.data(row) == "900101-1******"
    assert HONG_RRN not in [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]

    assert type_search(qtbot, page, "없는이름") == [] and page.status.text() == "찾는 환자가 없습니다."
    # each search is logged with its kind, never the text typed
    searches = query.page(ctx, boss, query.LogFilter(action="search"))
    kinds = {s.search_kind for s in searches}
    assert {"name_prefix", "chosung", "phone_last4", "rrn"} <= kinds
    assert not any(HONG_RRN[:6] in (s.detail or "") or "홍길" in (s.detail or "") for s in searches)
    close(qtbot, window, runner)


def test_the_list_loads_lazily_one_keyset_page_at_a_time(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    boss: Actor,
) -> None:
    total = 2 * PAGE_SIZE + 30
    add_sample_patients(ctx, boss, total, seed=11)
    window, page = open_registry(qtbot, ctx, runner, boss)
    model = page.model
    assert model.rowCount() == PAGE_SIZE and model.fetches == 1  # never the whole registry at once
    assert model.canFetchMore(QModelIndex())
    assert "아래로 내리면 더 읽습니다" in page.status.text()

    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE and not model.loading, timeout=10_000)
    for _ in range(50):
        if model.exhausted:
            break
        page.table.scrollToBottom()
        qtbot.wait(20)
    assert model.exhausted and model.rowCount() == total and model.fetches == 3
    keys = [(r.name, r.birth_date, r.id) for r in model.rows()]
    assert keys == sorted(keys) and len({k[2] for k in keys}) == total  # name, birth date; no duplicates
    assert page.status.text() == f"{total}명 — 검색: 전체 (이름순)"
    close(qtbot, window, runner)


def test_detail_panel_shows_the_masked_record_status_retention_hold_and_intakes(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    hong = register_hong(ctx, boss)
    add_intake(ctx, boss, hong.id, visit_date=dt.date(2024, 5, 6), department="내과", purpose="외래 진료")
    add_intake(ctx, boss, hong.id, visit_date=dt.date(2023, 1, 9), department="정형외과", purpose="")
    window, page = open_registry(qtbot, ctx, runner, boss)
    assert page.panel.empty.isVisible() and page.edit_button is not None and not page.edit_button.isEnabled()

    page.select_row(0)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    v = page.panel.values
    assert page.panel.title.text() == "홍길동 (차트번호 C-0001)"
    assert v["rrn"].text() == "900101-1******"
    assert v["address"].text() == "서울특별시 관악구"
    assert v["phones"].text() == "010-****-5678"
    assert v["birth"].text() == "1990-01-01 · 남"
    assert v["status"].text() == "활성 (보유 중)"
    assert v["retention"].text() == "2029-05-06"  # last visit + 5 years (환자 명부, 의료법 시행규칙 제15조)
    assert v["hold"].text() == "아니오"
    intakes = page.panel.intakes
    assert intakes.rowCount() == 2
    assert [intakes.data(intakes.index(r, 1)) for r in range(2)] == ["내과", "정형외과"]  # newest first
    assert intakes.data(intakes.index(0, 3)) == f"{boss.name}({boss.login})"  # 담당 by name
    assert page.edit_button.isEnabled() and page.unmask_button is not None and page.unmask_button.isEnabled()
    views = query.page(ctx, boss, query.LogFilter(action="view", subject=hong.ref))
    assert views  # looking at the record is logged
    close(qtbot, window, runner)


def test_unmask_asks_a_reason_shows_the_full_values_masks_again_and_is_logged(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    hong = register_hong(ctx, boss)
    window, page = open_registry(qtbot, ctx, runner, boss)
    page.remask_ms = 400  # settings.security.unmask_seconds is 30 s; shortened for the test
    page.select_row(0)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    assert page.unmask_button is not None
    qtbot.mouseClick(page.unmask_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, UnmaskDialog) and not dialog.ok_button.isEnabled()  # a reason is required
    offered = [dialog.reason.itemText(i) for i in range(dialog.reason.count())]
    assert offered == ["본인 확인", "진료비 청구", "보험 청구", "법령에 따른 제출"]
    assert "30초 뒤 다시 가려집니다" in dialog.findChildren(type(page.status))[0].text()
    dialog.reason.setCurrentIndex(2)
    assert dialog.reason_text() == "보험 청구" and dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.panel.is_unmasked, timeout=10_000)
    v = page.panel.values
    assert v["rrn"].text() == HONG_RRN
    assert v["address"].text() == "서울특별시 관악구 봉천로 1 101동 202호"
    assert v["phones"].text() == "010-1234-5678"
    assert "초 뒤 다시 가립니다" in page.panel.unmask_status.text()

    qtbot.waitUntil(lambda: not page.panel.is_unmasked, timeout=5_000)
    assert v["rrn"].text() == "900101-1******" and v["phones"].text() == "010-****-5678"
    assert page.panel.unmask_status.text() == ""
    entries = query.page(ctx, boss, query.LogFilter(action="unmask", subject=hong.ref))
    assert len(entries) == 1 and entries[0].actor == boss.login and entries[0].detail == "사유=보험 청구"

    # a typed reason works as well; leaving the screen masks at once
    page.remask_ms = None
    qtbot.mouseClick(page.unmask_button, Qt.MouseButton.LeftButton)
    page.dialog.reason.setEditText("  정보주체 본인   확인 요청 ")
    qtbot.mouseClick(page.dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.panel.is_unmasked, timeout=10_000)
    assert page.panel.remask_timer.remainingTime() > 25_000  # the configured 30 seconds
    window.show_page("today")
    assert not page.panel.is_unmasked and page.panel.values["rrn"].text() == "900101-1******"
    entries = query.page(ctx, boss, query.LogFilter(action="unmask", subject=hong.ref))
    assert entries[0].detail == "사유=정보주체 본인 확인 요청"
    close(qtbot, window, runner)


def test_an_account_that_may_only_read_gets_no_unmask_or_write_actions(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    register_hong(ctx, boss)
    auditor = next(r for r in roles_uc.list_roles(ctx, boss) if r.code == AUDITOR)
    roles_uc.set_role_permissions(
        ctx, boss, AUDITOR, {*auditor.permissions, str(Permission.PATIENT_READ)}, reason="명부 점검"
    )
    reader = staff(ctx, boss, "reader", [AUDITOR], name="감사인")
    window, page = open_registry(qtbot, ctx, runner, reader)
    assert page.model.rowCount() == 1
    for button in (
        page.unmask_button,
        page.edit_button,
        page.new_button,
        page.intake_button,
        page.hold_button,
        page.export_button,
        page.import_button,
    ):
        assert button is None
    page.select_row(0)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    assert page.panel.values["rrn"].text() == "900101-1******"
    close(qtbot, window, runner)


def test_intake_staff_see_the_registry_and_facility_staff_do_not(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    boss: Actor,
) -> None:
    desk = staff(ctx, boss, "desk", [INTAKE], name="원무")
    window = MainWindow(ctx, runner, desk, idle_timeout_ms=0)
    qtbot.addWidget(window)
    assert window.page_keys() == ["today", "patients", "requests", "disclosures", "consent"]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "오늘 할 일",
        "환자 명부",
        "정보주체 요구",
        "제3자 제공",
        "동의서 문안",
    ]
    page = window.show_page("patients")
    assert page is not None
    settle(qtbot, runner)
    for button in (
        page.unmask_button,
        page.edit_button,
        page.new_button,
        page.export_button,
        page.import_button,
    ):
        assert button is not None
    close(qtbot, window, runner)

    guard = staff(ctx, boss, "guard", [FACILITY], name="시설")
    window = MainWindow(ctx, runner, guard, idle_timeout_ms=0)
    qtbot.addWidget(window)
    assert "patients" not in window.page_keys() and window.show_page("patients") is None
    close(qtbot, window, runner)
