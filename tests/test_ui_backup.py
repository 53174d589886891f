"""Backups on screen (issue 11): the start page's box for the officer and IT — red and in words
when there is no backup folder, no backup yet, or the last one is older than the schedule; 지금
백업 makes one while the page stays usable; a clerk never sees the box; the automatic backup runs
at the first login of the day (once) and when the application closes, as the system."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from privdesk.accounts.permissions import INTAKE
from privdesk.backup.models import BackupRecord
from privdesk.context import AppContext
from privdesk.store.models import AccessLogEntry
from privdesk.ui.backup.page import LATE_STYLE, OK_STYLE
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.today import TodayPage
from tests.audit_support import officer
from tests.backup_support import with_folder
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.test_registry_patients import make_actor
from tests.test_ui_integrity import open_window, settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CLERK_PASSWORD = "Clerk-pass-123"


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


def start_page(qtbot, ctx: AppContext, runner: TaskRunner, login: str, password: str) -> TodayPage:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, ctx, runner, login, password)
    me = window.show_page("today")
    assert isinstance(me, TodayPage)
    settle(qtbot, runner)
    return me


def archives(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdbk"))


def test_no_folder_is_red_and_says_where_to_set_it(qtbot, sqlite_ctx: AppContext, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    me = start_page(qtbot, sqlite_ctx, runner, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert me.backup_box.isVisible()
    qtbot.waitUntil(lambda: me.backup_box.status is not None, timeout=15_000)
    assert "[backup] folder" in me.backup_box.line.text()
    assert me.backup_box.styleSheet() == LATE_STYLE


def test_backup_now_from_the_start_page_then_green_with_its_age(
    qtbot,
    sqlite_ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    folder = with_folder(sqlite_ctx, tmp_path / "share")
    me = start_page(qtbot, sqlite_ctx, runner, OFFICER_LOGIN, OFFICER_PASSWORD)
    box = me.backup_box
    qtbot.waitUntil(lambda: box.status is not None, timeout=15_000)
    assert "아직 백업이 없습니다" in box.line.text() and box.styleSheet() == LATE_STYLE
    box.button.click()
    assert not box.button.isEnabled()
    qtbot.waitUntil(lambda: box.button.isEnabled() and "정상" in box.line.text(), timeout=60_000)
    assert len(archives(folder)) == 1 and box.styleSheet() == OK_STYLE
    assert "매일" in box.line.text() and str(folder) in box.line.text()

    # two days later (the record made older): red, with the age in words
    with sqlite_ctx.session() as s, s.begin():
        for rec in s.execute(select(BackupRecord)).scalars():
            rec.made_at = rec.made_at - dt.timedelta(days=2)
    me.reload()
    qtbot.waitUntil(lambda: "오래되었습니다" in box.line.text(), timeout=15_000)
    assert "2일" in box.line.text() and box.styleSheet() == LATE_STYLE


def test_a_clerk_never_sees_the_box(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with_folder(sqlite_ctx, tmp_path / "share")
    make_actor(sqlite_ctx, "won", [INTAKE])
    me = start_page(qtbot, sqlite_ctx, runner, "won", CLERK_PASSWORD)
    assert not me.backup_box.isVisible()


def test_automatic_backups_at_the_first_login_of_the_day_and_at_close(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    from PySide6.QtWidgets import QApplication

    from privdesk.ui.app import LoginCycle

    folder = with_folder(sqlite_ctx, tmp_path / "share")
    boss = officer(sqlite_ctx)
    cycle = LoginCycle(QApplication.instance(), sqlite_ctx, runner)  # type: ignore[arg-type]
    quits: list[int] = []
    cycle.quit = lambda: quits.append(1)
    cycle.open_main(boss)
    qtbot.addWidget(cycle.window)
    qtbot.waitUntil(lambda: len(archives(folder)) == 1, timeout=60_000)
    settle(qtbot, runner)
    cycle.open_main(boss)  # a second login the same day: no second backup
    qtbot.addWidget(cycle.window)
    settle(qtbot, runner)
    assert len(archives(folder)) == 1

    # closing: a backup when anything was written since (the pages' views were), then it quits
    cycle._closed()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: quits == [1], timeout=30_000)
    assert len(archives(folder)) == 1
    # nothing written since that one: closing makes none and quits at once
    with sqlite_ctx.session() as s:
        before = len(s.execute(select(BackupRecord.id)).all())
    quits.clear()
    cycle._closed()
    qtbot.waitUntil(lambda: quits == [1], timeout=30_000)
    with sqlite_ctx.session() as s:
        assert len(s.execute(select(BackupRecord.id)).all()) == before

    # something written since the backup: closing backs up first, then quits
    from privdesk.registry.importer import import_patients
    from privdesk.registry.sample import write_sample_csv

    import_patients(sqlite_ctx, boss, write_sample_csv(tmp_path / "emr.csv", 20, seed=3))
    quits.clear()
    cycle._closed()
    assert cycle.closing_backup is not None and quits == []
    qtbot.waitUntil(lambda: quits == [1], timeout=60_000)
    assert len(archives(folder)) == 1  # the daily rotation keeps the day's newest
    with sqlite_ctx.session() as s:
        records = s.execute(
            select(BackupRecord.file_name, BackupRecord.removed_at).order_by(BackupRecord.id)
        ).all()
    assert (
        len(records) == before + 1 and records[-1][0] == archives(folder)[0].name and records[-1][1] is None
    )
    assert all(removed is not None for _n, removed in records[:-1])
    assert len({name for name, _r in records}) == len(records)  # never a name twice
    with sqlite_ctx.session() as s:
        made = s.execute(
            select(AccessLogEntry.actor, AccessLogEntry.detail).where(
                AccessLogEntry.action == "backup", AccessLogEntry.outcome == "ok"
            )
        ).all()
    assert {actor for actor, _d in made} == {"system"}
    assert any("automatic:login" in (d or "") for _a, d in made) and any(
        "automatic:close" in (d or "") for _a, d in made
    )
