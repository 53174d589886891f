"""What a page of the main window may use: the context, the task runner and the acting account."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from privdesk.context import Actor, AppContext
from privdesk.ui.tasks import TaskRunner


class PageHost(Protocol):
    """Implemented by :class:`~privdesk.ui.mainwindow.MainWindow`.

    ``actor`` is read at each use: it changes when the account changes its password."""

    ctx: AppContext
    runner: TaskRunner
    logged_in_at: dt.datetime

    @property
    def actor(self) -> Actor: ...

    def show_page(self, key: str) -> object: ...

    def replace_actor(self, actor: Actor) -> None:
        """After the account changed its own password (a fresh snapshot from the use case)."""
