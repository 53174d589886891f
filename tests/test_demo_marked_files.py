"""The demo's marking where tests/test_demo_marked.py does not look: CSV files (a first column
"견본 표시" saying "견본 — 실제 기록 아님" on every row, so a spreadsheet user sees it on any row; the
importer ignores it, so a demo's export imports again), the privacy policy's HTML page (title, a
red band at the top and the bottom, noindex) and the idle-lock screen (the demo's band on its
panel). A real database's files and lock screen carry none of it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from privdesk.accounts.permissions import INTAKE
from privdesk.audit import query
from privdesk.bootstrap import initialize
from privdesk.context import AppContext
from privdesk.demo import DB_NAME, DEMO_PASSWORD, build_demo
from privdesk.files import SPECIMEN_CELL, SPECIMEN_COLUMN
from privdesk.logview import export_csv as export_log
from privdesk.opening import open_context
from privdesk.policy.output import render as render_policy
from privdesk.printing import SPECIMEN
from privdesk.registry.export import export_patients
from privdesk.registry.importer import import_patients
from privdesk.settings import load_settings, sqlite_url
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import actor_for
from tests.incident_support import add_patients
from tests.ui_cctv_support import runner_fixture

__all__ = ["runner_fixture"]
BAND = "견본 데이터 — 실제 환자 기록이 아닙니다"


@pytest.fixture
def demo_ctx(tmp_path: Path):  # type: ignore[no-untyped-def]
    result = build_demo(load_settings(), patients=0, folder=tmp_path / "demo", seeders=())
    ctx = open_context(result.settings)
    yield ctx
    ctx.engine.dispose()


@pytest.fixture
def real_ctx(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "real").mkdir()
    settings = load_settings(db=sqlite_url(tmp_path / "real" / DB_NAME), key_file=tmp_path / "real" / "k.key")
    ctx = initialize(settings, officer_login="officer", officer_name="한보호", password=DEMO_PASSWORD)
    yield ctx
    ctx.engine.dispose()


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_the_mark_is_the_same_words_on_paper_and_in_a_file() -> None:
    assert SPECIMEN_CELL == SPECIMEN == "견본 — 실제 기록 아님"


def test_a_demos_csv_says_so_on_every_row_and_still_imports(
    demo_ctx: AppContext, real_ctx: AppContext, tmp_path: Path
) -> None:
    clerk = actor_for(demo_ctx, "won", [INTAKE])
    ids = add_patients(demo_ctx, clerk, 3)
    out = tmp_path / "demo-patients.csv"
    assert export_patients(demo_ctx, clerk, ids, out, reason="견본 확인", unmasked=True) == 3
    rows = _rows(out)
    assert rows[0][0] == SPECIMEN_COLUMN and "차트번호" in rows[0]
    assert len(rows) == 4 and all(r[0] == SPECIMEN_CELL for r in rows[1:])  # every row, not a first line

    log = tmp_path / "demo-log.csv"
    assert export_log(demo_ctx, actor_for(demo_ctx, "officer"), query.LogFilter(), log, reason="점검") > 0
    log_rows = _rows(log)
    assert log_rows[0][0] == SPECIMEN_COLUMN and all(r[0] == SPECIMEN_CELL for r in log_rows[1:])

    # the importer ignores the column it does not know: the demo's export imports (here into a second demo)
    other = build_demo(load_settings(), patients=0, folder=tmp_path / "demo2", seeders=())
    ctx2 = open_context(other.settings)
    try:
        result = import_patients(ctx2, actor_for(ctx2, "won2", [INTAKE]), out, workers=0)
        assert result.imported == 3 and result.rejected == 0
    finally:
        ctx2.engine.dispose()

    # a real database's export has no such column
    real_clerk = actor_for(real_ctx, "won", [INTAKE])
    real_ids = add_patients(real_ctx, real_clerk, 2)
    real_out = tmp_path / "real-patients.csv"
    export_patients(real_ctx, real_clerk, real_ids, real_out, reason="확인")
    real_rows = _rows(real_out)
    assert SPECIMEN_COLUMN not in real_rows[0] and not any(SPECIMEN_CELL in r for r in real_rows)


def test_a_demos_policy_page_says_so(demo_ctx: AppContext, real_ctx: AppContext, tmp_path: Path) -> None:
    demo_html = tmp_path / "demo-policy.html"
    render_policy(demo_ctx, actor_for(demo_ctx, "officer"), demo_html)
    text = demo_html.read_text(encoding="utf-8")
    assert f"<title>[{SPECIMEN}]" in text
    assert text.count('<p class="specimen" role="note"') == 2  # top and bottom of the page
    assert text.index('class="specimen"') < text.index("<h1>")
    assert '<meta name="robots" content="noindex, nofollow">' in text

    real_html = tmp_path / "real-policy.html"
    render_policy(real_ctx, actor_for(real_ctx, "officer"), real_html)
    real = real_html.read_text(encoding="utf-8")
    assert "견본" not in real and 'class="specimen"' not in real and "noindex" not in real


@pytest.mark.parametrize("demo", [True, False])
def test_the_lock_screen_of_a_demo_says_so(
    demo: bool, demo_ctx: AppContext, real_ctx: AppContext, qtbot: QtBot, runner: TaskRunner
) -> None:
    ctx = demo_ctx if demo else real_ctx
    window = MainWindow(ctx, runner, actor_for(ctx, "officer"), idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=30_000)
    window.lock()
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    band = window.overlay.demo_band
    if demo:
        assert band is not None and band.isVisible() and band.text() == BAND
    else:
        assert band is None
    window.close()
