"""A demo database is recognisable as such everywhere (issue 14, "Demo vs real"): the marker written
by ``privdesk demo``'s set-up (never the file name), the login and main window's title and coloured
band, and every record printed from it ("견본 — 실제 기록 아님", checked with pdftotext). A real
database shows none of it — even in a file named like the demo's."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from privdesk import clock
from privdesk.accounts import users
from privdesk.bootstrap import initialize
from privdesk.context import AppContext
from privdesk.demo import DB_NAME, DEMO_PASSWORD, build_demo
from privdesk.opening import open_context
from privdesk.printing import SPECIMEN
from privdesk.settings import load_settings, sqlite_url
from privdesk.ui.login import LoginDialog
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner
from tests.helpers import run_cli

BAND = "견본 데이터 — 실제 환자 기록이 아닙니다"


@pytest.fixture
def demo_ctx(tmp_path: Path):  # type: ignore[no-untyped-def]
    result = build_demo(load_settings(), patients=0, folder=tmp_path / "demo", seeders=())
    ctx = open_context(result.settings)
    yield ctx
    ctx.engine.dispose()


@pytest.fixture
def real_ctx(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real database in a file named exactly like the demo's: the name decides nothing."""
    (tmp_path / "real").mkdir()
    settings = load_settings(db=sqlite_url(tmp_path / "real" / DB_NAME), key_file=tmp_path / "real" / "k.key")
    ctx = initialize(settings, officer_login="officer", officer_name="한보호", password=DEMO_PASSWORD)
    yield ctx
    ctx.engine.dispose()


def test_the_marker_is_written_by_the_demo_set_up_and_read_by_the_context(
    demo_ctx: AppContext, real_ctx: AppContext
) -> None:
    assert demo_ctx.is_demo is True
    assert real_ctx.is_demo is False


def test_the_marker_on_both_backends(db_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    """``initialize(demo=True)`` marks the database in the set-up's own transaction; a context opened
    later (another workstation) reads it from the database."""
    ctx = initialize(
        settings_for(db_url),
        officer_login="officer",
        officer_name="한보호",
        password=DEMO_PASSWORD,
        demo=True,
    )
    try:
        assert ctx.is_demo
    finally:
        ctx.engine.dispose()
    again = open_context(settings_for(db_url))
    try:
        assert again.is_demo
    finally:
        again.engine.dispose()


def _windows(ctx: AppContext, qtbot: QtBot) -> tuple[LoginDialog, MainWindow]:
    runner = TaskRunner()
    login = LoginDialog(ctx, runner)
    qtbot.addWidget(login)
    officer = users.login(ctx, "officer", DEMO_PASSWORD)
    window = MainWindow(ctx, runner, officer, idle_timeout_ms=0)
    qtbot.addWidget(window)
    login.show()
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not runner.pending)
    return login, window


def test_a_demo_databases_login_and_main_window_say_so(demo_ctx: AppContext, qtbot: QtBot) -> None:
    login, window = _windows(demo_ctx, qtbot)
    for w in (login, window):
        assert "견본(데모)" in w.windowTitle()
        band = w.demo_band
        assert band is not None and band.text() == BAND and band.isVisible()
        assert "#ffb300" in band.styleSheet()  # coloured, not just text
    # the band sits above the work: at the top of the login dialog, under the main window's menu
    assert login.demo_band is not None and login.demo_band.y() < login.login_edit.y()
    assert window.demo_band is not None
    top = window.demo_band.mapTo(window, window.demo_band.rect().topLeft()).y()
    assert window.menuBar().geometry().bottom() < top < window.centralWidget().geometry().top()


def test_a_real_databases_windows_have_no_demo_mark(real_ctx: AppContext, qtbot: QtBot) -> None:
    login, window = _windows(real_ctx, qtbot)
    for w in (login, window):
        assert "견본" not in w.windowTitle()
        assert w.demo_band is None
        assert not [label for label in w.findChildren(type(login.message)) if "견본" in label.text()]


def _print_permission_history(ctx: AppContext, out: Path) -> str:
    today = clock.today_kst()
    done = run_cli(
        "--db",
        ctx.settings.db_url,
        "--key-file",
        str(ctx.settings.key_file),
        "report",
        "permission-history",
        "--from",
        (today - dt.timedelta(days=1)).isoformat(),
        "--to",
        today.isoformat(),
        "--out",
        str(out),
        "--reason",
        "정기 점검 자료",
        "--as",
        "officer",
        env={"PRIVDESK_PASSWORD": DEMO_PASSWORD},
    )
    assert done.returncode == 0, done.stderr
    return subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout


def test_every_page_printed_from_a_demo_database_is_a_specimen(demo_ctx: AppContext, tmp_path: Path) -> None:
    text = _print_permission_history(demo_ctx, tmp_path / "demo.pdf")
    assert SPECIMEN == "견본 — 실제 기록 아님"
    pages = text.split("\f")[:-1]
    assert pages and all(SPECIMEN in page for page in pages)
    assert "권한 부여·변경·말소 기록" in text  # the record itself is all there


def test_a_real_databases_record_carries_no_specimen_mark(real_ctx: AppContext, tmp_path: Path) -> None:
    text = _print_permission_history(real_ctx, tmp_path / "real.pdf")
    assert "권한 부여·변경·말소 기록" in text
    assert "견본" not in text and "실제 기록 아님" not in text


def test_the_specimen_mark_is_on_every_page_of_a_long_record(demo_ctx: AppContext, tmp_path: Path) -> None:
    """The page template draws it on each page (plain data in the record's meta)."""
    from privdesk.printing import witnessed
    from privdesk.reports.template import Column, Form, new_meta, render

    officer = users.login(demo_ctx, "officer", DEMO_PASSWORD)
    meta = witnessed(demo_ctx, new_meta(demo_ctx.profile.name, Form("시험 대장", "TT"), officer))
    assert meta.specimen == SPECIMEN
    out = tmp_path / "long.pdf"
    pages = render(
        out,
        meta,
        lambda lay: [lay.table([Column("번호", 1)], [[str(i)] for i in range(300)])],
    )
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert pages > 3 and text.count(SPECIMEN) >= pages
