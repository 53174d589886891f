"""The main window (주 화면): navigation to the modules the account may use, a status bar with
the account, its roles and the workstation, the idle lock, and logout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from privdesk import clock, review
from privdesk.accounts import users
from privdesk.accounts.permissions import INTAKE, OFFICER, PRIVACY
from privdesk.context import Actor, AppContext
from privdesk.errors import AccountLockedError, AuthenticationError, PrivdeskError
from privdesk.ui import memory, messages
from privdesk.ui.demo import mark_main_window
from privdesk.ui.idle import IdleWatcher, LockOverlay
from privdesk.ui.login import locked_message
from privdesk.ui.page import Page
from privdesk.ui.pages import DEFAULT_PAGES, NAV_CONTEXT, PageSpec
from privdesk.ui.shortcuts import install as install_shortcuts
from privdesk.ui.shortcuts import shortcut
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import role_names

KEY_ROLE = Qt.ItemDataRole.UserRole
REGISTRY_PAGE = "patients"


def landing_page(actor: Actor, keys: Sequence[str]) -> str:
    """Where the window opens: intake staff (원무, without the officer's or privacy staff's role) on
    the registry, to search for the patient at the counter; everyone else on 오늘 할 일 (the first page)."""
    roles = set(actor.role_codes)
    if INTAKE in roles and not roles & {OFFICER, PRIVACY} and REGISTRY_PAGE in keys:
        return REGISTRY_PAGE
    return keys[0] if keys else ""


class MainWindow(QMainWindow):
    """``session_ended(message)`` fires once, after logout (message empty) or a forced end
    (e.g. the account was locked while the screen was locked): the login dialog comes back.
    ``closed`` fires when the user closed the window: logged out, and the application ends."""

    session_ended = Signal(str)
    closed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        actor: Actor,
        *,
        pages: Sequence[PageSpec] = DEFAULT_PAGES,
        idle_timeout_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.runner = runner
        self._actor = actor
        self.logged_in_at: dt.datetime = clock.now()
        self._ended = False
        self.specs = [spec for spec in pages if spec.allowed(actor)]
        self.pages: dict[str, Page] = {}
        self.setObjectName("mainWindow")
        self.setWindowTitle(
            self.tr("{hospital} — privdesk 개인정보 보호 업무").format(hospital=ctx.profile.name)
        )

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setStyleSheet(
            "QListWidget { border: none; border-right: 1px solid #ccc; background: #f4f5f7;"
            " outline: 0; }"
            "QListWidget::item { padding: 10px 12px; }"
            "QListWidget::item:selected { background: #dfe7f5; color: black; }"
        )
        for spec in self.specs:
            item = QListWidgetItem(QCoreApplication.translate(NAV_CONTEXT, spec.title))
            item.setData(KEY_ROLE, spec.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.central = central
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.itemClicked.connect(lambda _item: self._focus_page())
        self.nav.itemActivated.connect(lambda _item: self._focus_page())

        self._build_menu()
        self.shortcut_actions = install_shortcuts(
            self,
            {
                "search": self.search_current,
                "refresh": self.refresh_current,
                "new": self.new_on_current,
                "print": self.print_current,
            },
            page=self.show_page_at,
        )
        self._build_status_bar()
        self.demo_band = mark_main_window(self, ctx)  # a demo database says so (title, band)

        self.overlay = LockOverlay(self, f"{actor.name} ({actor.login})", demo=ctx.is_demo)
        self.overlay.unlock_requested.connect(self._try_unlock)
        self.overlay.logout_requested.connect(self.logout)
        self._hidden_dialogs: list[QDialog] = []
        minutes = ctx.settings.security.idle_lock_minutes
        self.idle_watcher = IdleWatcher(
            idle_timeout_ms if idle_timeout_ms is not None else minutes * 60_000, self
        )
        self.idle_watcher.idle.connect(self.lock)

        self.resize(1100, 700)
        memory.restore_window(self, "mainwindow")
        self.landing = memory.last_page(actor.login, self.page_keys()) or landing_page(
            actor, self.page_keys()
        )
        if self.landing != (self.page_keys() or [""])[0] and self._asked_to_justify():
            self.landing = self.page_keys()[0]  # a 소명 waits for this account: 오늘 할 일 shows it first
        self._focused = False
        self._navigated = False  # the page shown at login is not one the user chose
        self.show_page(self.landing)
        self._navigated = True
        if actor.password_expires_in_days is not None:
            QTimer.singleShot(0, self._expiry_notice)

    def _asked_to_justify(self) -> bool:
        """Whether a reviewer asked this account for a 소명 it has not answered (one indexed query,
        no log entry; a failure here never keeps the window from opening)."""
        try:
            return bool(review.pending(self.ctx, self._actor).to_answer)
        except PrivdeskError:
            return False

    # -- the acting account -----------------------------------------------------------------
    @property
    def actor(self) -> Actor:
        return self._actor

    def replace_actor(self, actor: Actor) -> None:
        self._actor = actor
        self._update_status_bar()

    # -- navigation -------------------------------------------------------------------------
    def page_keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    def show_page(self, key: str) -> Page | None:
        """Switch to the page ``key`` with the cursor on its main input (:meth:`Page.focus_start`).
        Moving through the navigation with the arrow keys keeps the cursor there; a click on it or
        Enter moves the cursor to the page."""
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                self.nav.setCurrentRow(row)
                page = self.pages.get(key)
                if page is not None:
                    page.focus_start()
                return page
        return None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused:
            self._focused = True
            QTimer.singleShot(0, self._focus_landing)

    def _focus_landing(self) -> None:
        """Once the window shows: the cursor where the landing page's work starts."""
        page = self.pages.get(self.landing)
        if page is not None and self.current_page() is page and not self._ended:
            self.activateWindow()
            page.focus_start()

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def _nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        spec = self.specs[row]
        page = self.pages.get(spec.key)
        if page is None:
            page = spec.factory(self, self.stack)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            memory.remember_splitters(page, spec.key)
        self.stack.setCurrentWidget(page)
        if self._navigated:
            memory.set_last_page(self._actor.login, spec.key)
        page.activate()

    def _focus_page(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_start()

    # -- keyboard shortcuts (privdesk.ui.shortcuts) --------------------------------------------
    def _keys_page(self) -> Page | None:
        """The page a shortcut acts on: none while the screen is locked or the session ended."""
        if self._ended or self.locked:
            return None
        return self.current_page()

    def show_page_at(self, n: int) -> Page | None:
        """Alt+1 … Alt+9: the n-th page of the navigation (from 0), its main input focused."""
        if self._keys_page() is None or not 0 <= n < len(self.specs):
            return None
        return self.show_page(self.specs[n].key)

    def search_current(self) -> None:
        """Ctrl+F: the current page's search or filter box."""
        page = self._keys_page()
        box = page.search_box() if page is not None else None
        if box is not None and box.isEnabled():
            box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if isinstance(box, QLineEdit):
                box.selectAll()

    def refresh_current(self) -> None:
        """F5: read the current page again."""
        page = self._keys_page()
        if page is not None:
            page.refresh()

    def new_on_current(self) -> None:
        """Ctrl+N: the current page's "new" action; nothing on a page without one."""
        page = self._keys_page()
        action = page.new_action() if page is not None else None
        if action is not None:
            action()

    def print_current(self) -> None:
        """Ctrl+P: print what the current page has selected (the print asks its reason)."""
        page = self._keys_page()
        action = page.print_action() if page is not None else None
        if action is not None:
            action()

    # -- menu and status bar ------------------------------------------------------------------
    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("계정(&A)"))
        self.profile_action = QAction(self.tr("내 정보…"), self)
        self.profile_action.setObjectName("profileAction")
        self.profile_action.triggered.connect(self.open_profile)
        menu.addAction(self.profile_action)
        self.change_password_action = QAction(self.tr("비밀번호 변경…"), self)
        self.change_password_action.triggered.connect(self.change_password)
        menu.addAction(self.change_password_action)
        self.lock_action = QAction(self.tr("화면 잠금"), self)
        self.lock_action.setShortcut(QKeySequence(shortcut("lock").keys))
        self.lock_action.triggered.connect(self.lock)
        menu.addAction(self.lock_action)
        self.keys_action = QAction(self.tr("키 관리…"), self)
        self.keys_action.setObjectName("keysAction")
        self.keys_action.triggered.connect(self.open_keys)
        self.keys_action.setVisible(OFFICER in self._actor.role_codes)  # the privacy officer's
        menu.addAction(self.keys_action)
        menu.addSeparator()
        self.logout_action = QAction(self.tr("로그아웃"), self)
        self.logout_action.setObjectName("logoutAction")
        self.logout_action.triggered.connect(self.logout)
        menu.addAction(self.logout_action)
        self._build_help_menu()

    def _build_help_menu(self) -> None:
        """도움말(H), beside 계정(A): 정보, 사용 설명서, 단축키 (privdesk.ui.help)."""
        menu = self.menuBar().addMenu(self.tr("도움말(&H)"))
        menu.setObjectName("helpMenu")
        self.guide_action = QAction(self.tr("사용 설명서"), self)
        self.guide_action.setObjectName("guideAction")
        self.guide_action.setShortcut(QKeySequence(shortcut("guide").keys))
        self.guide_action.triggered.connect(self.open_guide)
        menu.addAction(self.guide_action)
        self.shortcuts_action = QAction(self.tr("단축키"), self)
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.triggered.connect(self.open_shortcuts)
        menu.addAction(self.shortcuts_action)
        menu.addSeparator()
        self.about_action = QAction(self.tr("정보…"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.open_about)
        menu.addAction(self.about_action)

    def _open_help(self, dialog: QDialog) -> QDialog:
        self.help_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.show()
        return dialog

    def open_about(self) -> QDialog:
        """도움말 → 정보…: version, database, key file, schema, the log's head and its witness."""
        from privdesk.ui.help import AboutDialog

        return self._open_help(AboutDialog(self, self))

    def open_guide(self) -> QDialog:
        """도움말 → 사용 설명서 (F1): the README's user guide, beside the work (not modal)."""
        from privdesk.ui.help import GuideDialog

        return self._open_help(GuideDialog(self))

    def open_shortcuts(self) -> QDialog:
        """도움말 → 단축키: the table of privdesk.ui.shortcuts."""
        from privdesk.ui.help import ShortcutsDialog

        return self._open_help(ShortcutsDialog(self))

    def open_keys(self) -> QDialog:
        from privdesk.ui.backup.keys import KeysDialog

        dialog = KeysDialog(self, self)
        self.keys_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.account_status = QLabel(self)
        self.account_status.setObjectName("accountStatus")
        self.roles_status = QLabel(self)
        self.roles_status.setObjectName("rolesStatus")
        self.station_status = QLabel(self)
        self.station_status.setObjectName("workstationStatus")
        for label in (self.account_status, self.roles_status, self.station_status):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
        self.busy_status = QLabel(self)
        self.busy_status.setObjectName("busyStatus")
        bar.addWidget(self.busy_status)
        self.runner.busy_changed.connect(self._busy_changed)
        self._update_status_bar()

    def _busy_changed(self, busy: bool) -> None:
        self.busy_status.setText(self.tr("처리 중…") if busy else "")

    def _update_status_bar(self) -> None:
        a = self._actor
        station = self.ctx.workstation
        self.account_status.setText(self.tr("계정: {name} ({login})").format(name=a.name, login=a.login))
        self.roles_status.setText(self.tr("역할: {roles}").format(roles=role_names(a.role_codes) or "-"))
        self.station_status.setText(
            self.tr("작업 PC: {host} ({ip})").format(host=station.host, ip=station.ip)
        )

    def _expiry_notice(self) -> None:
        days = self._actor.password_expires_in_days
        if days is None or self._ended:
            return
        text = self.tr(
            "비밀번호가 {days}일 뒤 만료됩니다. [계정] 메뉴의 비밀번호 변경으로 미리 바꾸십시오."
        ).format(days=days)
        self.statusBar().showMessage(text, 60_000)
        messages.show_info(self, self.tr("비밀번호 만료 예정"), text)

    def open_profile(self) -> QDialog:
        """계정 → 내 정보…: the account, its roles and permissions, login times, the password change."""
        from privdesk.ui.accounts.me import ProfileDialog

        dialog = ProfileDialog(self, self)
        self.profile_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def change_password(self) -> QDialog:
        """계정 → 비밀번호 변경…"""
        from privdesk.ui.accounts.me import open_password_change

        dialog = open_password_change(self, self)
        self.password_dialog = dialog
        return dialog

    # -- idle lock --------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.overlay.isVisible()

    def lock(self) -> None:
        """Cover the window; the forms below keep their input. Open dialogs hide until unlocked."""
        if self._ended or self.locked:
            return
        self.idle_watcher.pause()
        self._hidden_dialogs = [d for d in self.findChildren(QDialog) if d.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        self.central.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.overlay.show_over_parent()
        ctx, actor = self.ctx, self._actor
        self.runner.run(lambda: users.record_idle_lock(ctx, actor), owner=self)

    def _try_unlock(self, password: str) -> None:
        ctx, actor = self.ctx, self._actor
        self.runner.run(
            lambda: users.verify_password_again(ctx, actor, password),
            owner=self,
            on_done=lambda _none: self.unlock(),
            on_error=self._unlock_failed,
        )

    def _unlock_failed(self, exc: BaseException) -> bool:
        if isinstance(exc, AccountLockedError):
            self._end_session(locked_message(self.ctx))
            return True
        if isinstance(exc, AuthenticationError):
            self.overlay.set_busy(False)
            self.overlay.password.clear()
            self.overlay.password.setFocus()
            self.overlay.message.setText(
                self.tr("비밀번호가 올바르지 않습니다. 계속 틀리면 계정이 잠깁니다.")
            )
            return True
        if isinstance(exc, PrivdeskError):
            self.overlay.set_busy(False)
            self.overlay.message.setText(str(exc))
            return True
        self.overlay.set_busy(False)
        return False

    def unlock(self) -> None:
        self.overlay.hide()
        self.overlay.password.clear()
        self.central.setEnabled(True)
        self.menuBar().setEnabled(True)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self.idle_watcher.resume()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())

    # -- ending the session -------------------------------------------------------------------
    def logout(self) -> None:
        """Log out (recorded), then close; the application shows the login dialog again."""
        if self._ended:
            return
        ctx, actor = self.ctx, self._actor
        self.runner.run(lambda: users.logout(ctx, actor), on_error=lambda exc: isinstance(exc, PrivdeskError))
        self._end_session("")

    def _end_session(self, message: str) -> None:
        if self._ended:
            return
        self._ended = True
        memory.save_window(self, "mainwindow", self.pages)
        self.idle_watcher.stop()
        for dialog in self.findChildren(QDialog):
            dialog.hide()
        self.close()
        self.session_ended.emit(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._ended:
            # Closing the window logs out; the application then quits (no login dialog).
            ctx, actor = self.ctx, self._actor
            self._ended = True
            memory.save_window(self, "mainwindow", self.pages)
            self.idle_watcher.stop()
            self.runner.run(
                lambda: users.logout(ctx, actor), on_error=lambda exc: isinstance(exc, PrivdeskError)
            )
            self.closed.emit()
        event.accept()

    @property
    def ended(self) -> bool:
        return self._ended
