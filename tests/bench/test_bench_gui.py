"""GUI benchmarks (run with ``-m bench -s``; figures go to the issues' closing notes).

- The registry screen opened on 1,000,000 patients (the registry benchmark's cached dataset):
  time from creating the page to the first rows in the model, and to the view painted, with the
  whole process's resident memory (targets: < 300 ms, < 400 MB). The same for a typed name prefix
  and 초성. Beside it, the raw floor: the very SQL the ``search`` use case issued for that first
  page, replayed through bare sqlite3.
- The access-log viewer opened on 1,000,000 entries (precomputed chain rows written with
  executemany): time to the first rows and resident memory, beside its first-page query through
  bare sqlite3.

Run each test on its own (``-k registry`` / ``-k access_log``) for a clean memory figure.
Correctness is asserted; speed and memory are printed, not asserted.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psutil
import pytest
from PySide6.QtCore import QEvent, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from privdesk.accounts.users import login
from privdesk.context import AppContext
from privdesk.opening import open_context
from privdesk.registry.search import search
from privdesk.store import migrate
from privdesk.ui.app import create_application
from privdesk.ui.audit.log import AccessLogPage
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.page import Page
from privdesk.ui.registry.model import PAGE_SIZE
from privdesk.ui.registry.page import PatientsPage
from privdesk.ui.tasks import TaskRunner
from tests.bench.test_bench_audit import build_chain
from tests.bench.test_bench_registry import CACHE, N, _build, settings_in
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = [pytest.mark.bench, pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]

RUNS = 15
N_LOG = 1_000_000


def rss_mb() -> float:
    return float(psutil.Process().memory_info().rss) / (1024 * 1024)


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms"


def wait_for(app: QApplication, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    """Run the event loop until ``predicate()``. Like the application's own loop it sleeps between
    events (a 1 ms timer wakes it), so a task on the pool is not slowed by a GUI thread spinning
    for the interpreter lock — which would measure the harness, not the screen."""
    end = time.monotonic() + timeout
    tick = QTimer()
    tick.start(1)
    try:
        while not predicate():
            if time.monotonic() > end:
                raise TimeoutError("the screen did not show rows")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        tick.stop()


@contextmanager
def captured(ctx: AppContext, needle: str) -> Iterator[list[tuple[str, Any]]]:
    """SELECT statements on ``needle``'s table issued meanwhile (not the unit's checks or appends)."""
    seen: list[tuple[str, Any]] = []

    def grab(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
        if (
            statement.lstrip().upper().startswith("SELECT")
            and needle in statement
            and "audit_head" not in statement
        ):
            seen.append((statement, parameters))

    event.listen(ctx.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(ctx.engine, "before_cursor_execute", grab)


def replay_floor(db_file: str, statements: list[tuple[str, Any]], runs: int = RUNS) -> list[float]:
    raw = sqlite3.connect(db_file)
    try:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            for stmt, params in statements:
                raw.execute(stmt, params).fetchall()
            times.append(time.perf_counter() - t)
        return times
    finally:
        raw.close()


def open_page(
    app: QApplication,
    make: Callable[[], Page],
    rows: Callable[[Page], int],
    blocked: list[float] | None = None,
) -> tuple[Page, float, float]:
    """Create the page, show it, let it load: (page, seconds to first rows, seconds to painted).
    ``blocked`` gets the seconds the GUI thread was held by creating, showing and activating the
    page (a first page read on the GUI thread shows here; one read by the task runner does not)."""
    t = time.perf_counter()
    page = make()
    page.resize(1100, 700)
    page.show()
    page.activate()
    if blocked is not None:
        blocked.append(time.perf_counter() - t)
    wait_for(app, lambda: rows(page) > 0)
    first = time.perf_counter() - t
    page.repaint()
    painted = time.perf_counter() - t
    return page, first, painted


def dispose(app: QApplication, runner: TaskRunner, page: Page) -> None:
    wait_for(app, lambda: runner.pending == 0)
    page.close()
    page.deleteLater()
    app.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # processEvents alone keeps them


# -- the registry screen on a million patients ----------------------------------------------------
def registry_settings() -> Any:
    ready = CACHE / f"ready-{migrate.head_revision()}.json"
    if not ready.exists():
        shutil.rmtree(CACHE, ignore_errors=True)
        CACHE.mkdir(parents=True, mode=0o700)
        ready.write_text(json.dumps(_build(CACHE), ensure_ascii=False), encoding="utf-8")
    return settings_in(CACHE)


def test_bench_registry_screen_on_a_million_patients(qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = open_context(registry_settings())
    app = create_application()
    runner = TaskRunner()
    try:
        actor = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        window = MainWindow(ctx, runner, actor, idle_timeout_ms=0)
        window.show()
        wait_for(app, lambda: runner.pending == 0)
        rss_before = rss_mb()
        rss_open = 0.0
        results: dict[str, tuple[float, list[float], list[float], list[float], list[float]]] = {}
        for label, text in (
            ("open (empty query, name order)", ""),
            ("typed name prefix '김'", "김"),
            ("typed 초성 'ㅎㄱ'", "ㅎㄱ"),
        ):
            cold = 0.0
            firsts: list[float] = []
            painted: list[float] = []
            statements: list[tuple[str, Any]] = []
            for i in range(RUNS + 1):

                def make(text: str = text) -> Page:
                    page = PatientsPage(window, None)
                    page.search_edit.blockSignals(True)  # as if typed before the first search ran
                    page.search_edit.setText(text)
                    page.search_edit.blockSignals(False)
                    return page

                with captured(ctx, "patients") as seen:
                    page, first, paint = open_page(app, make, lambda p: p.model.rowCount())  # type: ignore[attr-defined]
                assert isinstance(page, PatientsPage)
                rows = page.model.rows()
                assert (
                    len(rows) == page.model.page_size and not page.model.exhausted
                )  # one page, not the table
                keys = [(r.name, r.birth_date, r.id) for r in rows]
                assert keys == sorted(keys) and all(r.rrn_masked.endswith("******") for r in rows)
                if i == 0:
                    cold = first
                    statements = list(seen)
                    rss_open = max(rss_open, rss_mb())
                else:
                    firsts.append(first)
                    painted.append(paint)
                if i == RUNS:  # scroll through 20 more pages: memory stays bounded
                    for _ in range(20):
                        page.table.scrollToBottom()
                        wait_for(app, lambda p=page: not p.model.loading)
                    assert page.model.rowCount() == 21 * page.model.page_size
                dispose(app, runner, page)
            use_case = []
            for _ in range(RUNS):
                t = time.perf_counter()
                search(ctx, actor, text, limit=PAGE_SIZE)
                use_case.append(time.perf_counter() - t)
            results[label] = (
                cold,
                firsts,
                painted,
                use_case,
                replay_floor(str(CACHE / "db.sqlite3"), statements),
            )
        rss_after = rss_mb()
        print(f"\n[bench GUI registry] {N:,} patients, {RUNS} runs each after one cold run (SQLite)")
        for label, (cold, firsts, painted, use_case, floor) in results.items():
            print(f"  {label}:")
            print(
                f"    first rows in the model   {ms(firsts)}   (cold first run {cold * 1000:.1f} ms; target < 300 ms)"
            )
            print(f"    view painted              {ms(painted)}")
            print(
                f"    the search use case alone {ms(use_case)}   (permission check, query, masking, log append)"
            )
            print(f"    raw floor (same SQL, bare sqlite3) {ms(floor)}")
        print(
            f"  resident memory of the whole process: {rss_before:.0f} MB with the main window open, "
            f"{rss_open:.0f} MB with the registry screen open on its first page, "
            f"{rss_after:.0f} MB after {len(results) * (RUNS + 1)} openings and 20 scrolled pages (target < 400 MB)"
        )
        window.close()
        wait_for(app, lambda: runner.pending == 0)
        window.deleteLater()
        app.processEvents()
    finally:
        runner.wait()
        ctx.engine.dispose()


# -- the access-log viewer on a million entries ---------------------------------------------------
def test_bench_access_log_viewer_on_a_million_entries(qtbot, sqlite_ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    t = time.perf_counter()
    build_chain(ctx, N_LOG)
    built = time.perf_counter() - t
    app = create_application()
    runner = TaskRunner()
    try:
        actor = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        window = MainWindow(ctx, runner, actor, idle_timeout_ms=0)
        window.show()
        wait_for(app, lambda: runner.pending == 0)
        rss_before = rss_mb()
        firsts: list[float] = []
        painted: list[float] = []
        blocked: list[float] = []
        statements: list[tuple[str, Any]] = []
        cold = 0.0
        for i in range(RUNS + 1):
            with captured(ctx, "access_log") as seen:
                page, first, paint = open_page(
                    app,
                    lambda: AccessLogPage(window, None),
                    lambda p: p.model.rowCount(),  # type: ignore[attr-defined]
                    blocked if i else None,
                )
            assert isinstance(page, AccessLogPage)
            seqs = [r.seq for r in page.model.rows()]
            assert (
                len(seqs) == page.model.page_size and seqs == sorted(seqs, reverse=True) and seqs[0] > N_LOG
            )
            if i == 0:
                cold, statements = first, list(seen)
                rss_open = rss_mb()
            else:
                firsts.append(first)
                painted.append(paint)
            if i == RUNS:
                for _ in range(20):
                    page.table.scrollToBottom()
                    app.processEvents()
                    wait_for(app, lambda p=page: not p.model.loading)  # every page comes from the task runner
                assert page.model.rowCount() >= 10 * page.model.page_size
            dispose(app, runner, page)
        floor = replay_floor(ctx.settings.db_url.removeprefix("sqlite:///"), statements)
        rss_after = rss_mb()
        print(
            f"\n[bench GUI access log] {N_LOG:,} entries (built in {built:.1f} s), {RUNS} runs after one cold run"
        )
        print(
            f"  first rows in the model   {ms(firsts)}   (cold first run {cold * 1000:.1f} ms; target < 300 ms)"
        )
        print(f"  view painted              {ms(painted)}")
        print(f"  GUI thread held while opening (create, show, activate) {ms(blocked)}")
        print(f"  raw floor (same SQL, bare sqlite3) {ms(floor)}")
        print(
            f"  resident memory of the whole process: {rss_before:.0f} MB with the main window open, "
            f"{rss_open:.0f} MB with the viewer open on its first page, "
            f"{rss_after:.0f} MB after {RUNS + 1} openings and scrolling (target < 400 MB)"
        )
        window.close()
        wait_for(app, lambda: runner.pending == 0)
        window.deleteLater()
        app.processEvents()
    finally:
        runner.wait()
