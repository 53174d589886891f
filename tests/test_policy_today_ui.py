"""The start page shows the policy line (out of date after a processor change); its 열기 opens the
policy screen, which names what differs."""

from __future__ import annotations

from privdesk import clock
from privdesk.context import AppContext
from privdesk.disclosures import processors
from privdesk.policy import versions
from privdesk.ui.policy.page import PolicyPage
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import officer, row_count
from tests.test_ui_today import open_window, today_of
from tests.ui_cctv_support import runner_fixture, settle

__all__ = ["runner_fixture"]


def test_the_outdated_policy_line_opens_the_policy_screen(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    yook = officer(sqlite_ctx)
    versions.draft(sqlite_ctx, yook)
    versions.publish(sqlite_ctx, yook, clock.today_kst())
    processors.add_processor(
        sqlite_ctx,
        yook,
        processors.ProcessorChangeInput(name="(주)새수탁", task="주차 관리"),
        reason="주차 관리 위탁 계약",
    )
    before = row_count(sqlite_ctx)
    win = open_window(qtbot, sqlite_ctx, runner, yook)
    page = today_of(qtbot, win)
    row = page.row("policy.outdated")
    assert row is not None and "수탁업체" in row.text.text()
    assert row_count(sqlite_ctx) == before  # the start page reads without logging
    assert row.button.isVisible() and "policy" in win.page_keys()
    row.button.click()
    settle(qtbot, runner)
    policy = win.current_page()
    assert isinstance(policy, PolicyPage)
    qtbot.waitUntil(lambda: policy.loaded is not None, timeout=15_000)
    settle(qtbot, runner)
    assert "[수탁업체]" in policy.status_label.text() and "+ (주)새수탁" in policy.status_label.text()
    win.close()
    settle(qtbot, runner)
