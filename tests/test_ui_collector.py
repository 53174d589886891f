"""A window in a reference cycle is collected on the GUI thread, never on a task worker
(privdesk.ui.collector): the cause of a rare native crash in the widget tests."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from privdesk.ui.collector import MainThreadCollector


class _Witness:
    """Records the thread that finally frees it."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def _drop_window_in_a_cycle(seen: list[str]) -> None:
    window = QWidget()
    window.witness = _Witness(seen)  # type: ignore[attr-defined]
    window.cycle = window  # type: ignore[attr-defined]  # only the cycle collector can free it


def _allocate_on_a_worker() -> None:
    def churn() -> None:
        for _ in range(50_000):
            node: dict[str, object] = {}
            node["self"] = node  # cycles: crosses the generation-0 threshold many times

    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()


def test_without_the_collector_a_worker_may_collect_the_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    # The hazard itself: the fixture turned main-thread collection on; give it back for this check.
    assert not gc.isenabled()
    gc.enable()
    try:
        seen: list[str] = []
        _drop_window_in_a_cycle(seen)
        _allocate_on_a_worker()
        assert seen == ["worker"]
    finally:
        gc.disable()


def test_with_the_collector_the_gui_thread_collects(qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = MainThreadCollector(interval_ms=10)
    collector.start()
    seen: list[str] = []
    _drop_window_in_a_cycle(seen)
    _allocate_on_a_worker()
    assert seen == []  # nothing was collected on the worker
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)  # the timer on the GUI thread did it
    assert seen == [threading.main_thread().name]
    collector.stop()
    assert not gc.isenabled()  # stop() gives back what start() found: the fixture's state


def test_the_worker_lets_go_of_the_task_function_before_it_signals(qtbot) -> None:  # type: ignore[no-untyped-def]
    """What a task's function captured (a page, a dialog) is released by the Task on the GUI thread,
    never by the worker: after running, the worker's callable holds no reference to the function."""
    from privdesk.ui.tasks import Task, TaskRunner

    runner = TaskRunner()
    widget = QWidget()

    def fn() -> int:
        return id(widget)

    task = Task(runner, fn, None, None, None, False)
    run = task.job()
    worker = threading.Thread(target=run, name="worker")
    worker.start()
    worker.join()
    held = [cell.cell_contents for cell in run.__closure__ or ()]
    assert not any(x is fn or (isinstance(x, list) and fn in x) for x in held)
    assert task._fn is fn  # the Task (GUI thread) still holds it until the result is handled
    qtbot.waitUntil(lambda: task.result == id(widget), timeout=5_000)
