"""``data_changed`` says what changed: a page reloads after a change of a kind it shows (or after a
task that did not say), and leaves itself alone otherwise — a CCTV tab does not reload after a
patient edit; the access log and 오늘 할 일 reload after anything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from privdesk.accounts.users import login
from privdesk.context import AppContext
from privdesk.ui.audit.log import AccessLogPage
from privdesk.ui.cctv.page import CctvPage
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.page import Page
from privdesk.ui.registry.page import PatientsPage
from privdesk.ui.tasks import EVERYTHING, KINDS, PRINTED, TaskRunner, changed_kinds, touches
from privdesk.ui.today import TodayPage
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=30_000)


def test_changes_name_known_kinds_and_true_means_everything() -> None:
    assert changed_kinds(True) == EVERYTHING and changed_kinds(False) == frozenset()
    assert changed_kinds(frozenset({"registry"})) == {"registry"}
    with pytest.raises(ValueError):
        changed_kinds(frozenset({"patients"}))  # a typo would silently reload nothing: refused
    with pytest.raises(ValueError):
        changed_kinds(frozenset())
    assert touches(frozenset({"registry"}), frozenset({"registry", "requests"}))
    assert not touches(frozenset({"registry"}), frozenset({"cctv"}))
    assert touches(EVERYTHING, frozenset({"cctv"})) and touches(frozenset({"cctv"}), EVERYTHING)
    assert Page.SHOWS == EVERYTHING  # a page that does not say: everything
    assert TodayPage.SHOWS == EVERYTHING and AccessLogPage.SHOWS == EVERYTHING
    for page in (CctvPage, PatientsPage):
        assert page.SHOWS and page.SHOWS <= KINDS


def test_a_cctv_tab_does_not_reload_after_a_patient_edit(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    officer = login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    win = MainWindow(sqlite_ctx, runner, officer, idle_timeout_ms=0)
    qtbot.addWidget(win)
    win.show()
    cctv = win.show_page("cctv")
    assert isinstance(cctv, CctvPage)
    settle(qtbot, runner)
    reloads: list[str] = []
    original = cctv.reload

    def counted() -> None:
        reloads.append("cctv")
        original()

    cctv.reload = counted  # type: ignore[method-assign]

    runner.run(lambda: None, changes=frozenset({"registry"}))  # what a patient edit announces
    settle(qtbot, runner)
    assert reloads == []
    runner.run(lambda: None, changes=frozenset({"cctv"}))
    settle(qtbot, runner)
    assert reloads == ["cctv"]
    runner.run(lambda: None, changes=True)  # a task that does not say: everything
    settle(qtbot, runner)
    assert reloads == ["cctv", "cctv"]

    today = win.show_page("today")
    assert isinstance(today, TodayPage)
    settle(qtbot, runner)
    seen: list[str] = []
    original_today = today.reload

    def counted_today() -> None:
        seen.append("today")
        original_today()

    today.reload = counted_today  # type: ignore[method-assign]
    runner.run(lambda: None, changes=frozenset({"registry"}))
    settle(qtbot, runner)
    assert seen == ["today"]  # 오늘 할 일 reloads on anything
    assert reloads == ["cctv", "cctv"]
    win.show_page("cctv")  # nor was the hidden CCTV page made stale
    settle(qtbot, runner)
    assert reloads == ["cctv", "cctv"]
    runner.run(lambda: None, changes=frozenset({"cctv", "registry"}))
    settle(qtbot, runner)
    assert reloads == ["cctv", "cctv", "cctv"]
    win.close()
    settle(qtbot, runner)


def test_a_complaint_received_reloads_the_pages_that_show_complaints_and_no_other(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    """A real change through a real dialog: the complaint received announces ``{"complaints"}``; every
    page was loaded first, then each is visited again and its reloads counted — the complaints
    desk, the breach register (its linked complaints), the access log and 오늘 할 일 reload once,
    the other pages (patients, CCTV, accounts …) not at all. A printing (its access-log entry)
    reloads only the access log and 오늘 할 일."""
    from privdesk.ui.complaints.page import ComplaintsPage, ReceiveDialog
    from tests.ui_inbox_support import ok, window

    win = window(qtbot, sqlite_ctx, runner, OFFICER_LOGIN)
    keys = win.page_keys()
    assert {"today", "patients", "cctv", "complaints", "incidents", "access_log", "accounts"} <= set(keys)
    reloads: dict[str, int] = dict.fromkeys(keys, 0)
    for key in keys:
        page = win.show_page(key)
        assert page is not None
        settle(qtbot, runner)

        def counted(key: str = key, original: object = page.reload) -> None:
            reloads[key] += 1
            original()  # type: ignore[operator]

        page.reload = counted  # type: ignore[method-assign]
    assert all(not win.pages[k]._stale for k in keys)  # every page loaded, none stale

    desk = win.show_page("complaints")
    assert isinstance(desk, ComplaintsPage)
    settle(qtbot, runner)
    reloads["complaints"] = 0
    dialog = desk.new_complaint()
    assert isinstance(dialog, ReceiveDialog)
    dialog.topic.setText("홈페이지 회원정보 열람 문의")
    dialog.name.setText("김민수")
    dialog.contact.setText("minsu@example.com")
    ok(dialog)
    settle(qtbot, runner)
    assert desk.model.rowCount() == 1
    for key in keys:
        win.show_page(key)
        settle(qtbot, runner)
    reloaded = {k for k, n in reloads.items() if n}
    assert reloaded == {"complaints", "incidents", "access_log", "today"}, reloads
    assert all(reloads[k] == 1 for k in reloaded - {"complaints"}), reloads
    for key in keys:  # a second round of visits reloads nothing: nothing changed since
        win.show_page(key)
        settle(qtbot, runner)
    assert {k for k, n in reloads.items() if n} == reloaded and all(
        reloads[k] == 1 for k in reloaded - {"complaints"}
    )

    before = dict(reloads)
    runner.run(lambda: None, changes=PRINTED)  # what a printing or an export announces
    settle(qtbot, runner)
    for key in keys:
        win.show_page(key)
        settle(qtbot, runner)
    assert {k for k in keys if reloads[k] != before[k]} == {"access_log", "today"}  # its entry, nothing else
    win.close()
    settle(qtbot, runner)
