"""The account-management screen (계정 관리): accounts, roles, lock, unlock, reset, deactivate.

Every action goes through a use case in :mod:`privdesk.accounts.users` (which checks the
permission and writes the access log and the permission history); a reason is asked where the
record needs one. A save from a stale copy (somebody else changed the account meanwhile) is
refused by the use case; the screen says so and reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk.accounts import roles as roles_uc
from privdesk.accounts import users
from privdesk.accounts.permissions import ROLE_DESCRIPTIONS, ROLE_NAMES
from privdesk.errors import VersionConflictError
from privdesk.ui import messages
from privdesk.ui.accounts.dialogs import AddAccountDialog, RolesDialog
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import ROW_ROLE, SORT_ROLE, Column, RowTableModel
from privdesk.ui.tables import remember_table
from privdesk.ui.widgets import (
    OneTimePasswordDialog,
    ReasonDialog,
    fmt_datetime,
    heading,
    role_names,
    sort_key_datetime,
)

CTX = "AccountsModel"


def account_state(a: users.AccountInfo) -> str:
    if not a.active:
        return QCoreApplication.translate("AccountsModel", "말소")
    if a.locked:
        return QCoreApplication.translate("AccountsModel", "잠김")
    if a.must_change_password:
        return QCoreApplication.translate("AccountsModel", "비밀번호 변경 필요")
    return QCoreApplication.translate("AccountsModel", "사용 중")


class AccountsModel(RowTableModel[users.AccountInfo]):
    """Accounts as a table; role names come from the roles table when loaded."""

    CONTEXT = CTX
    COL_LOGIN, COL_NAME, COL_DEPARTMENT, COL_ROLES, COL_STATE, COL_LAST_LOGIN, COL_PASSWORD, COL_CREATED = (
        range(8)
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.role_names: dict[str, str] = dict(ROLE_NAMES)
        self.COLUMNS = (
            Column(QT_TRANSLATE_NOOP("AccountsModel", "아이디"), lambda a: a.login),
            Column(QT_TRANSLATE_NOOP("AccountsModel", "이름"), lambda a: a.name),
            Column(QT_TRANSLATE_NOOP("AccountsModel", "부서"), lambda a: a.department),
            Column(
                QT_TRANSLATE_NOOP("AccountsModel", "역할"),
                lambda a: role_names(a.role_codes, self.role_names),
            ),
            Column(QT_TRANSLATE_NOOP("AccountsModel", "상태"), account_state),
            Column(
                QT_TRANSLATE_NOOP("AccountsModel", "마지막 로그인"),
                lambda a: fmt_datetime(a.last_login_at),
                lambda a: sort_key_datetime(a.last_login_at),
            ),
            Column(
                QT_TRANSLATE_NOOP("AccountsModel", "비밀번호 변경"),
                lambda a: fmt_datetime(a.password_changed_at),
                lambda a: sort_key_datetime(a.password_changed_at),
            ),
            Column(
                QT_TRANSLATE_NOOP("AccountsModel", "등록"),
                lambda a: fmt_datetime(a.created_at),
                lambda a: sort_key_datetime(a.created_at),
            ),
        )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            a = self.row_object(index.row())
            if not a.active:
                return Qt.GlobalColor.gray
            if a.locked:
                return Qt.GlobalColor.darkRed
        return super().data(index, role)


class AccountsPage(Page):
    """계정 관리 (permission: account.manage)."""

    SHOWS = frozenset({"accounts"})  # the accounts and their roles

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("accountsPage")
        self.dialog: QDialog | None = None  # the dialog an action opened (tests reach it here)
        self.roles: list[tuple[str, str, str]] = [
            (code, name, ROLE_DESCRIPTIONS.get(code, "")) for code, name in ROLE_NAMES.items()
        ]
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("계정 관리"), self))

        bar = QHBoxLayout()
        self.add_button = self._button(bar, "addButton", self.tr("계정 추가"), self.add_account)
        self.roles_button = self._button(bar, "rolesButton", self.tr("역할 변경"), self.change_roles)
        self.lock_button = self._button(bar, "lockButton", self.tr("잠금"), self.lock)
        self.unlock_button = self._button(bar, "unlockButton", self.tr("잠금 해제"), self.unlock)
        self.reset_button = self._button(bar, "resetButton", self.tr("비밀번호 초기화"), self.reset_password)
        self.deactivate_button = self._button(bar, "deactivateButton", self.tr("계정 말소"), self.deactivate)
        self.history_button = self._button(bar, "historyButton", self.tr("권한 변경 이력"), self.show_history)
        bar.addStretch(1)
        layout.addLayout(bar)

        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("아이디·이름·부서로 거르기"))
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 1)
        self.include_inactive = QCheckBox(self.tr("말소된 계정 포함"), self)
        self.include_inactive.setObjectName("includeInactive")
        self.include_inactive.toggled.connect(self.reload)
        filters.addWidget(self.include_inactive)
        layout.addLayout(filters)

        self.model = AccountsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("accountsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AccountsModel.COL_LOGIN, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        remember_table(self.table)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.change_roles())
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)
        self._update_buttons()

    def _button(self, bar: QHBoxLayout, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        bar.addWidget(button)
        return button

    # -- the keyboard (privdesk.ui.shortcuts) ----------------------------------------------------
    def search_box(self) -> QWidget | None:
        return self.search

    def new_action(self) -> Callable[[], object] | None:
        return self.add_account

    # -- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, inactive = self.host.ctx, self.host.actor, self.include_inactive.isChecked()

        def load() -> tuple[list[users.AccountInfo], list[roles_uc.RoleInfo]]:
            return (
                users.list_accounts(ctx, actor, include_inactive=inactive),
                roles_uc.list_roles(ctx, actor),
            )

        self.host.runner.run(load, owner=self, on_done=self._loaded)

    def _loaded(self, result: tuple[list[users.AccountInfo], list[roles_uc.RoleInfo]]) -> None:
        accounts, roles = result
        keep = self.selected()
        order = list(ROLE_NAMES)  # the presets' order (officer first), other roles after
        self.roles = [
            (r.code, r.name, r.description)
            for r in sorted(
                roles, key=lambda r: (order.index(r.code) if r.code in order else len(order), r.code)
            )
        ]
        self.model.role_names = {r.code: r.name for r in roles}
        self.model.set_rows(accounts)
        self.status.setText(self.tr("계정 {n}개").format(n=len(accounts)))
        if keep is not None:
            self.select_login(keep.login)
        self._update_buttons()

    # -- selection ------------------------------------------------------------------------
    def selected(self) -> users.AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.proxy.data(rows[0], ROW_ROLE)
        return value if isinstance(value, users.AccountInfo) else None

    def select_login(self, login: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            account = self.proxy.data(index, ROW_ROLE)
            if account is not None and account.login == login:
                self.table.selectionModel().select(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    def _update_buttons(self) -> None:
        a = self.selected()
        usable = a is not None and a.active
        self.roles_button.setEnabled(usable)
        self.lock_button.setEnabled(usable and a is not None and not a.locked)
        self.unlock_button.setEnabled(usable and a is not None and a.locked)
        self.reset_button.setEnabled(usable)
        self.deactivate_button.setEnabled(usable)
        self.history_button.setEnabled(a is not None)

    # -- actions --------------------------------------------------------------------------
    def _open(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None) -> None:
        self.host.runner.run(
            fn, owner=self, on_done=on_done, on_error=self._failed, changes=frozenset({"accounts"})
        )

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, VersionConflictError):
            messages.show_info(
                self,
                self.tr("다른 사용자가 변경함"),
                self.tr(
                    "다른 사용자가 먼저 이 계정을 변경했습니다. 최신 내용을 다시 불러왔으니 확인한 뒤 다시 하십시오."
                ),
            )
            self.reload()
            return True
        return False

    def add_account(self) -> None:
        dialog = AddAccountDialog(self.roles, self)
        ctx, actor = self.host.ctx, self.host.actor

        def save() -> None:
            v = dialog.values()
            self._run(
                lambda: users.add_account(
                    ctx,
                    actor,
                    login=str(v["login"]),
                    name=str(v["name"]),
                    roles=list(v["roles"]),
                    department=str(v["department"]),
                    reason=str(v["reason"]),
                ),
                self._added,
            )

        self._open(dialog, save)

    def _added(self, result: tuple[users.AccountInfo, str]) -> None:
        info, password = result
        self.show_one_time_password(info.login, password)

    def show_one_time_password(self, login: str, password: str) -> None:
        dialog = OneTimePasswordDialog(self, login, password)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def change_roles(self) -> None:
        a = self.selected()
        if a is None or not a.active:
            return
        dialog = RolesDialog(a.login, a.name, self.roles, a.role_codes, self)
        ctx, actor = self.host.ctx, self.host.actor

        def save() -> None:
            roles, reason = dialog.selected(), dialog.reason()  # read on the GUI thread
            self._run(
                lambda: users.set_roles(ctx, actor, a.login, roles, reason=reason, expected_version=a.version)
            )

        self._open(dialog, save)

    def _reason_action(
        self,
        title: str,
        text: str,
        ok_text: str,
        required: bool,
        action: Callable[[str], Any],
        on_done: Callable[[Any], None] | None = None,
    ) -> None:
        dialog = ReasonDialog(self, title, text, required=required, ok_text=ok_text)

        def go() -> None:
            reason = dialog.reason_text()  # read on the GUI thread
            self._run(lambda: action(reason), on_done)

        self._open(dialog, go)

    def lock(self) -> None:
        a = self.selected()
        if a is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        self._reason_action(
            self.tr("계정 잠금"),
            self.tr("{name} ({login}) 계정을 잠급니다. 잠긴 계정은 로그인할 수 없습니다.").format(
                name=a.name, login=a.login
            ),
            self.tr("잠금"),
            True,
            lambda reason: users.lock_account(ctx, actor, a.login, reason),
        )

    def unlock(self) -> None:
        a = self.selected()
        if a is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        self._reason_action(
            self.tr("잠금 해제"),
            self.tr("{name} ({login}) 계정의 잠금을 풉니다. 본인 확인 후 사유를 적으십시오.").format(
                name=a.name, login=a.login
            ),
            self.tr("잠금 해제"),
            True,
            lambda reason: users.unlock_account(ctx, actor, a.login, reason),
        )

    def reset_password(self) -> None:
        a = self.selected()
        if a is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        self._reason_action(
            self.tr("비밀번호 초기화"),
            self.tr(
                "{name} ({login}) 계정에 임시 비밀번호를 발급합니다. 다음 로그인 때 변경해야 합니다."
            ).format(name=a.name, login=a.login),
            self.tr("초기화"),
            False,
            lambda reason: users.reset_password(ctx, actor, a.login, reason=reason),
            lambda password: self.show_one_time_password(a.login, password),
        )

    def deactivate(self) -> None:
        a = self.selected()
        if a is None:
            return
        ctx, actor = self.host.ctx, self.host.actor
        self._reason_action(
            self.tr("계정 말소"),
            self.tr(
                "{name} ({login}) 계정을 말소합니다(퇴직·전보). 모든 역할이 회수되고 다시 로그인할 수 없습니다. "
                "계정 기록과 이력은 남습니다."
            ).format(name=a.name, login=a.login),
            self.tr("말소"),
            True,
            lambda reason: users.deactivate_account(ctx, actor, a.login, reason),
        )

    def show_history(self) -> None:
        a = self.selected()
        if a is None:
            return
        from privdesk.ui.accounts.permhistory import PermissionHistoryPage

        dialog = QDialog(self)
        dialog.setObjectName("accountHistoryDialog")
        dialog.setWindowTitle(self.tr("권한 변경 이력 — {name} ({login})").format(name=a.name, login=a.login))
        layout = QVBoxLayout(dialog)
        page = PermissionHistoryPage(self.host, dialog, target=a.login)
        layout.addWidget(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(900, 500)
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        page.activate()
