"""The one progress-and-cancel object of the kit (privdesk.ui.progress.Progress): reports from the
worker reach the GUI thread, 취소 sets the flag the worker polls and shows the "cancelling" text,
close() takes the dialog away."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from privdesk.ui.progress import Progress
from privdesk.ui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


def test_reports_reach_the_gui_thread_and_cancel_stops_the_worker(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    seen: list[tuple[int, int, int]] = []
    gui = threading.get_ident()
    tracker = Progress(owner, on_step=lambda done, total: seen.append((done, total, threading.get_ident())))
    dialog = tracker.show_dialog(
        owner,
        "만드는 중…",
        cancel_text="취소",
        title="출력",
        object_name="testProgress",
        cancelling_text="취소하는 중…",
    )
    assert dialog.objectName() == "testProgress" and dialog.windowTitle() == "출력"
    assert dialog.labelText() == "만드는 중…" and dialog.maximum() == 0  # busy until a total is known
    started, workers = threading.Event(), []
    report, cancelled = tracker.report, tracker.is_cancelled

    def work() -> int:
        workers.append(threading.get_ident())
        n = 0
        while not cancelled() and n < 100_000:
            n += 1
            report(n, 100_000)
            started.set()
            threading.Event().wait(0.001)
        return n

    results: list[int] = []
    runner.run(work, on_done=results.append)
    qtbot.waitUntil(lambda: len(seen) > 2, timeout=10_000)
    tracker.set_value(*seen[-1][:2])
    assert dialog.maximum() == 100_000 and dialog.value() == seen[-1][0]
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "취소"
    button.click()
    assert tracker.cancelled and dialog.labelText() == "취소하는 중…"
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results[0] < 100_000  # the worker saw the flag
    assert {t for _, _, t in seen} == {gui} and workers and workers[0] != gui
    tracker.close()
    assert tracker.dialog is None
    tracker.reset()
    assert not tracker.cancelled
