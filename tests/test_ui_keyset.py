"""KeysetTableModel reads every page on the task runner: never on the GUI thread, one page in
flight at a time, a stale page (the model restarted meanwhile) dropped, errors through
``fetch_failed``. The fetcher here is a plain keyset over a list — the model is what is tested."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex

from privdesk.errors import PrivdeskError
from privdesk.ui.tablemodel import Column, KeysetTableModel
from privdesk.ui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROWS = list(range(25, 0, -1))  # keys, newest first


class Model(KeysetTableModel[int]):
    COLUMNS = (Column("번호", lambda r: str(r)),)


def keyset(before: int | None, limit: int) -> list[int]:
    return [r for r in ROWS if before is None or r < before][:limit]


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


def test_the_gui_thread_never_runs_the_fetcher(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    threads: list[int] = []

    def fetch(before: int | None, limit: int) -> list[int]:
        threads.append(threading.get_ident())
        return keyset(before, limit)

    model = Model(lambda r: r, page_size=10, runner=runner)
    model.start(fetch)
    assert model.rowCount() == 0 and model.loading  # the first page too: nothing read yet
    qtbot.waitUntil(lambda: model.fetches == 1, timeout=10_000)
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.fetched, timeout=10_000):
            model.fetchMore(QModelIndex())
    assert model.rows() == ROWS and model.exhausted and model.fetches == 3
    assert len(threads) == 3 and threading.get_ident() not in threads


def test_one_fetch_in_flight_and_a_stale_page_is_dropped(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    entered = threading.Event()

    def slow(before: int | None, limit: int) -> list[int]:
        entered.set()
        gate.wait(10)
        return [999, 998]

    model = Model(lambda r: r, page_size=10, runner=runner)
    model.start(slow)
    assert entered.wait(10)
    assert not model.canFetchMore(QModelIndex())  # in flight: Qt asks for no second page
    model.fetchMore(QModelIndex())  # and a forced ask starts none
    assert runner.pending == 1
    model.start(keyset)  # the filter changed meanwhile
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    assert model.rows() == ROWS[:10] and model.fetches == 1  # the slow page never showed


def test_a_known_error_ends_the_paging_through_fetch_failed(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    def refused(before: int | None, limit: int) -> list[int]:
        raise PrivdeskError("권한이 없습니다.")

    model = Model(lambda r: r, page_size=10, runner=runner)
    failures: list[object] = []
    model.fetch_failed.connect(failures.append)
    reported: list[object] = []
    runner.error_reported.connect(reported.append)
    with qtbot.waitSignal(model.fetched, timeout=10_000):
        model.start(refused)
    assert len(failures) == 1 and isinstance(failures[0], PrivdeskError)
    assert model.exhausted and not model.canFetchMore(QModelIndex()) and model.rowCount() == 0
    assert reported == []  # shown once, by the page listening to fetch_failed


def test_a_model_without_a_runner_refuses_to_read_on_the_gui_thread() -> None:
    model = Model(lambda r: r, page_size=10)
    with pytest.raises(RuntimeError):
        model.start(keyset)
