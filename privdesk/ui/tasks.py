"""The one background-task helper (백그라운드 작업).

A use case runs on a :class:`QThreadPool`; its result or its exception comes back on the GUI thread.
A known error (:class:`~privdesk.errors.PrivdeskError`) is shown as its Korean sentence, anything
else goes to the crash handler. After a task that changed data, one app-wide ``data_changed``
signal says what changed — a frozenset of kinds (``{"registry"}``, ``{"cctv"}`` …, the domain
folders of ``privdesk/ui``), :data:`EVERYTHING` when the task did not say — and each open screen
reloads when it shows one of them (:func:`touches`; a screen that does not say shows everything).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from privdesk.errors import PrivdeskError
from privdesk.failures import known_failure, log_known
from privdesk.ui import messages

log = logging.getLogger("privdesk.ui")

#: what a task changed when it does not say, and what a screen shows when it does not say
EVERYTHING: frozenset[str] = frozenset({"*"})

#: the kinds of change: the domains of ``privdesk/ui`` (a screen shows, a task changes, some of them)
KINDS: frozenset[str] = frozenset(
    {
        "accounts",
        "audit",
        "backup",
        "cctv",
        "complaints",
        "consent",
        "disclosures",
        "incidents",
        "lifecycle",
        "policy",
        "notice",
        "registry",
        "requests",
        "review",
        "training",
    }
)

#: what a printing or an export changes: the access log (its entry), nothing a screen of its domain shows
PRINTED: frozenset[str] = frozenset({"audit"})

#: ``changes=`` of :meth:`TaskRunner.run`: False (a read), True (everything) or the kinds changed
Changes = bool | frozenset[str]


def changed_kinds(changes: Changes) -> frozenset[str]:
    """What ``changes=`` announces: nothing, :data:`EVERYTHING`, or the named kinds (checked)."""
    if changes is True:
        return EVERYTHING
    if changes is False:
        return frozenset()
    unknown = changes - KINDS - EVERYTHING
    if unknown or not changes:
        raise ValueError(f"unknown kinds of change: {sorted(unknown)}")
    return changes


def touches(changed: frozenset[str], shows: frozenset[str]) -> bool:
    """Whether a change of ``changed`` concerns a screen showing ``shows`` — when unsure, it does."""
    return "*" in changed or "*" in shows or bool(changed & shows)


DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], bool | None]


class _Relay(QObject):
    """Lives on the GUI thread; the worker's signals are queued to it."""

    done = Signal(object)
    failed = Signal(object)


class Task(QObject):
    """One running use case. ``finished`` fires after the callbacks ran (success or failure)."""

    finished = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        fn: Callable[[], Any],
        owner: QObject | None,
        on_done: DoneCallback | None,
        on_error: ErrorCallback | None,
        changes: frozenset[str],
    ) -> None:
        super().__init__(runner)
        self._runner = runner
        self._owner = owner
        self._on_done = on_done
        self._on_error = on_error
        self._changes = changes
        self.result: Any = None
        self.error: BaseException | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._relay.failed.connect(self._failed)
        self._fn = fn

    def job(self) -> Callable[[], None]:
        """The plain callable the pool runs. Deliberately not a QRunnable subclass: the pool
        deletes its runnable on the worker thread, and a Python-side QRunnable wrapper freed on
        the GUI thread at the same moment is a known PySide crash. A plain function is only
        reference-counted (under the GIL), and it holds no widget.

        The worker lets go of ``fn`` before it signals: this Task keeps its own reference until the
        GUI thread has handled the result, so whatever ``fn`` captured (a page, a dialog) is never
        released — and never destroyed — on the worker thread."""
        box: list[Callable[[], Any]] = [self._fn]
        relay = self._relay

        def run() -> None:
            fn: Callable[[], Any] | None = box.pop()
            try:
                assert fn is not None
                result = fn()
            except BaseException as exc:  # handed to the GUI thread, never swallowed
                fn = None
                relay.failed.emit(exc)
            else:
                fn = None
                relay.done.emit(result)

        return run

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    @Slot(object)
    def _done(self, result: Any) -> None:
        self.result = result
        try:
            if self._on_done is not None and self._owner_alive():
                self._on_done(result)
        finally:
            self._finish(changed=self._changes)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        try:
            handled = False
            if self._on_error is not None and self._owner_alive():
                handled = bool(self._on_error(exc))
            if not handled:
                parent = self._owner if self._owner_alive() and isinstance(self._owner, QWidget) else None
                self._runner.report(exc, parent)
        finally:
            self._finish(changed=frozenset())

    def _finish(self, *, changed: frozenset[str]) -> None:
        self._runner._forget(self)
        self.finished.emit()
        if changed:
            self._runner.data_changed.emit(changed)
        self.deleteLater()


class TaskRunner(QObject):
    """Runs use cases off the GUI thread. One per application; passed to every screen."""

    data_changed = Signal(object)  # the frozenset of kinds changed (EVERYTHING when the task did not say)
    busy_changed = Signal(bool)
    error_reported = Signal(object)  # every error shown by report(): the self-test counts them

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[Task] = set()

    @property
    def pending(self) -> int:
        return len(self._running)

    def run(
        self,
        fn: Callable[[], Any],
        *,
        owner: QObject | None = None,
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
        changes: Changes = False,
    ) -> Task:
        """Run ``fn()`` on the pool. ``on_error`` returns True when it showed the error itself.
        Callbacks are skipped when ``owner`` was deleted meanwhile. ``changes`` — True (everything)
        or the kinds changed, e.g. ``frozenset({"registry"})`` — emits ``data_changed`` after a success."""
        task = Task(self, fn, owner, on_done, on_error, changed_kinds(changes))
        self._running.add(task)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        self._pool.start(task.job())
        return task

    def _forget(self, task: Task) -> None:
        self._running.discard(task)
        if not self._running:
            self.busy_changed.emit(False)

    def report(self, exc: BaseException, parent: QWidget | None) -> None:
        """Known errors as their Korean sentence; everything else to the crash handler, which
        is ``sys.excepthook`` (installed by the application; pytest-qt's in tests, so a bug in a
        task fails the test)."""
        known = known_failure(exc)
        if known is not None and known is not exc:  # a full disk, a server that cannot be reached …
            log_known(exc, known, "a GUI task")
            exc = known
        self.error_reported.emit(exc)
        if isinstance(exc, PrivdeskError):
            messages.show_error(parent, exc)
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (shutdown, tests); queued callbacks still need events."""
        return bool(self._pool.waitForDone(msecs))


def handle_crash(
    exc_type: type[BaseException], exc: BaseException, tb: Any, parent: QWidget | None = None
) -> None:
    """The crash handler (sys.excepthook): a bug is logged and shown; a known error is shown in Korean."""
    known = known_failure(exc)
    if known is not None:
        log_known(exc, known, "the GUI")
        messages.show_error(parent, known)
        return
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("unexpected error in the GUI", exc_info=(exc_type, exc, tb))
    messages.show_crash(parent)
