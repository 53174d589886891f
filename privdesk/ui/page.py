"""The base of every main-window page (화면): loads when first shown, reloads on data changes
of the kinds it shows, and says what the keyboard may do on it.

The main window's shortcuts (:mod:`privdesk.ui.shortcuts`) ask the current page: Ctrl+F goes to
:meth:`Page.search_box`, F5 calls :meth:`Page.refresh`, Ctrl+N calls :meth:`Page.new_action` and
Ctrl+P :meth:`Page.print_action` when they return something; after a page switch the cursor goes to
:meth:`Page.focus_target`. A page with tabs (a ``tabs`` QTabWidget) asks its current tab: a tab may
define any of ``search_box``, ``new_action``, ``print_action``, ``focus_target`` with the same
signatures; what neither defines does nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTabWidget, QWidget

from privdesk.ui.host import PageHost
from privdesk.ui.tasks import EVERYTHING, touches


class Page(QWidget):
    """Subclasses implement :meth:`reload` (start a task that refills the page). ``SHOWS`` is the
    kinds of data the page shows (:data:`privdesk.ui.tasks.KINDS`); a change of another kind
    leaves it as it is. A page that does not say shows everything (the safe default)."""

    SHOWS: ClassVar[frozenset[str]] = EVERYTHING

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self._stale = True
        host.runner.data_changed.connect(self._data_changed)

    def activate(self) -> None:
        """Called when the page becomes the current one."""
        if self._stale:
            self._stale = False
            self.reload()

    def _data_changed(self, changed: frozenset[str]) -> None:
        if not touches(changed, self.SHOWS):
            return
        self._stale = True
        if self.isVisible():
            self.activate()

    # -- what the keyboard may do here (see the module docstring) -------------------------------
    def current_part(self) -> QWidget:
        """The current tab of a page with tabs (its ``tabs`` attribute), else the page itself."""
        tabs = getattr(self, "tabs", None)
        if isinstance(tabs, QTabWidget) and tabs.currentWidget() is not None:
            return tabs.currentWidget()
        return self

    def _from_part(self, name: str) -> Any:
        part = self.current_part()
        if part is self:
            return None
        fn = getattr(part, name, None)
        return fn() if callable(fn) else None

    def search_box(self) -> QWidget | None:
        """The search or filter box Ctrl+F goes to (None: the page has none)."""
        box = self._from_part("search_box")
        return box if isinstance(box, QWidget) else None

    def new_action(self) -> Callable[[], object] | None:
        """What Ctrl+N does: the page's "new" (신규) action when this account may use it, else None."""
        fn = self._from_part("new_action")
        return fn if callable(fn) else None

    def print_action(self) -> Callable[[], object] | None:
        """What Ctrl+P does: print the selected record or the page's ledger (through PrintJob, which
        asks the reason), or None when there is nothing to print now."""
        fn = self._from_part("print_action")
        return fn if callable(fn) else None

    def refresh(self) -> None:
        """F5: read the page again from the database."""
        self._stale = False
        self.reload()

    def focus_target(self) -> QWidget | None:
        """The page's main input: its search box, else the current tab's target, else its first
        table or list."""
        box = self.search_box()
        if box is not None and box.isEnabled():
            return box
        target = self._from_part("focus_target")
        if isinstance(target, QWidget):
            return target
        part = self.current_part()
        for view in part.findChildren(QAbstractItemView):
            if view.isVisibleTo(part) and view.isEnabled() and view.focusPolicy() != Qt.FocusPolicy.NoFocus:
                return view
        return None

    def focus_start(self) -> None:
        """Put the cursor on :meth:`focus_target` (after login and after every page switch)."""
        target = self.focus_target()
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if isinstance(target, QLineEdit):
                target.selectAll()

    def reload(self) -> None:
        raise NotImplementedError
