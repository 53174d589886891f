"""The login dialog (로그인) and the password-change dialog (비밀번호 변경).

A wrong ID and a wrong password get the same sentence; a locked account is told it is locked
(잠김) and whom to ask. An account that must change its password (first login, after a reset,
after expiry) gets the change dialog before the main window opens.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk.accounts import users
from privdesk.accounts.passwords import check_password_rules
from privdesk.context import Actor, AppContext
from privdesk.errors import AccountLockedError, PasswordRuleError, PrivdeskError
from privdesk.ui.demo import mark_dialog
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import heading

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


def locked_message(ctx: AppContext) -> str:
    """잠김: says whom to ask, from the hospital profile's privacy officer."""
    officer = ctx.profile.officer
    who = officer.name
    if officer.title:
        who = f"{officer.title} {who}"
    if officer.phone:
        who = f"{who}({officer.phone})"
    if not who:
        return QCoreApplication.translate(
            "LoginDialog", "계정이 잠겼습니다(잠김). 개인정보 보호책임자에게 잠금 해제를 요청하십시오."
        )
    return QCoreApplication.translate(
        "LoginDialog", "계정이 잠겼습니다(잠김). 개인정보 보호책임자 {who}에게 잠금 해제를 요청하십시오."
    ).format(who=who)


class LoginDialog(QDialog):
    """Asks for ID and password; ``actor`` is set when the dialog is accepted."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.actor: Actor | None = None
        self.change_dialog: ChangePasswordDialog | None = None
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("로그인"))  # the application's display name adds " — privdesk"

        layout = QVBoxLayout(self)
        layout.addWidget(heading(ctx.profile.name, self))
        subtitle = QLabel(self.tr("개인정보 보호 업무 관리 — 본인 계정으로 로그인하십시오."), self)
        subtitle.setWordWrap(True)
        layout.addWidget(subtitle)

        form = QFormLayout()
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("login")
        self.login_edit.setMaxLength(32)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("아이디"), self.login_edit)
        form.addRow(self.tr("비밀번호"), self.password_edit)
        layout.addLayout(form)

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(self)
        self.login_button = QPushButton(self.tr("로그인"), self)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        quit_button = QPushButton(self.tr("종료"), self)
        self.buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        station = ctx.workstation
        where = QLabel(
            self.tr("작업 PC: {host} ({ip}) — 로그인과 실패는 접속기록에 남습니다.").format(
                host=station.host, ip=station.ip
            ),
            self,
        )
        where.setWordWrap(True)
        where.setStyleSheet("color: #555;")
        layout.addWidget(where)
        self.setMinimumWidth(420)
        self.demo_band = mark_dialog(self, ctx)  # a demo database says so (title, band)

    def submit(self) -> None:
        login = self.login_edit.text().strip()
        password = self.password_edit.text()
        if login and not password and self.focusWidget() is self.login_edit:
            self.password_edit.setFocus()  # Enter after the ID moves on to the password, no error
            self.message.setText("")
            return
        if not login or not password:
            self.message.setText(self.tr("아이디와 비밀번호를 입력하십시오."))
            return
        self._set_busy(True)
        self.message.setText("")
        ctx = self.ctx
        self.runner.run(
            lambda: users.login(ctx, login, password, channel="gui"),
            owner=self,
            on_done=self._logged_in,
            on_error=self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        for w in (self.login_edit, self.password_edit, self.login_button):
            w.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> bool:
        self._set_busy(False)
        self.password_edit.clear()
        self.password_edit.setFocus()
        if isinstance(exc, AccountLockedError):
            self.message.setText(locked_message(self.ctx))
            return True
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            return True
        return False

    def _logged_in(self, actor: Actor) -> None:
        self.password_edit.clear()
        if actor.must_change_password:
            self._set_busy(False)
            dialog = ChangePasswordDialog(self.ctx, self.runner, actor, forced=True, parent=self)
            self.change_dialog = dialog
            dialog.accepted.connect(lambda: self._finish(dialog.actor or actor))
            dialog.rejected.connect(lambda: self._abandon(actor))
            dialog.open()
            return
        self._finish(actor)

    def _abandon(self, actor: Actor) -> None:
        """The forced change was cancelled: the session ends here."""
        self.message.setText(self.tr("비밀번호를 변경해야 로그인할 수 있습니다."))
        ctx = self.ctx
        self.runner.run(
            lambda: users.logout(ctx, actor), owner=self, on_error=lambda exc: isinstance(exc, PrivdeskError)
        )

    def _finish(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()


class ChangePasswordDialog(QDialog):
    """비밀번호 변경: the rules are checked as you type; the server checks them again (and history)."""

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        actor: Actor,
        *,
        forced: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.actor_before = actor
        self.actor: Actor | None = None
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("비밀번호 변경"))
        layout = QVBoxLayout(self)
        if forced:
            why = QLabel(
                self.tr(
                    "처음 로그인했거나 관리자가 비밀번호를 초기화했거나 비밀번호 사용 기간이 지났습니다. "
                    "계속하려면 새 비밀번호로 변경하십시오."
                ),
                self,
            )
            why.setWordWrap(True)
            layout.addWidget(why)
        form = QFormLayout()
        self.old_edit = self._password_field("oldPassword")
        self.new_edit = self._password_field("newPassword")
        self.confirm_edit = self._password_field("confirmPassword")
        form.addRow(self.tr("현재 비밀번호"), self.old_edit)
        form.addRow(self.tr("새 비밀번호"), self.new_edit)
        form.addRow(self.tr("새 비밀번호 확인"), self.confirm_edit)
        layout.addLayout(form)
        rules = QLabel(
            self.tr(
                "규칙: 영문 대문자·소문자·숫자·특수문자 중 3종류 이상으로 8자 이상 또는 2종류 이상으로 10자 이상, "
                "아이디 포함 금지, 최근에 쓴 비밀번호 금지."
            ),
            self,
        )
        rules.setWordWrap(True)
        rules.setStyleSheet("color: #555;")
        layout.addWidget(rules)
        self.rule_status = QLabel(self)
        self.rule_status.setObjectName("ruleStatus")
        self.rule_status.setWordWrap(True)
        layout.addWidget(self.rule_status)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("변경"))
        self.ok_button.setObjectName("changeButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("로그아웃") if forced else self.tr("취소")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.old_edit, self.new_edit, self.confirm_edit):
            edit.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(460)

    def _password_field(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def _check(self) -> None:
        new, confirm = self.new_edit.text(), self.confirm_edit.text()
        ok = False
        if not new:
            self.rule_status.setText("")
        else:
            try:
                check_password_rules(new, login=self.actor_before.login, previous_hashes=())
            except PasswordRuleError as exc:
                self.rule_status.setText(str(exc))
                self.rule_status.setStyleSheet(ERROR_STYLE)
            else:
                if confirm and confirm != new:
                    self.rule_status.setText(self.tr("새 비밀번호와 확인이 서로 다릅니다."))
                    self.rule_status.setStyleSheet(ERROR_STYLE)
                else:
                    self.rule_status.setText(self.tr("규칙을 만족합니다."))
                    self.rule_status.setStyleSheet(OK_STYLE)
                    ok = confirm == new
        self.ok_button.setEnabled(ok and bool(self.old_edit.text()))

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        old, new = self.old_edit.text(), self.new_edit.text()
        self.ok_button.setEnabled(False)
        self.message.setText("")
        ctx, actor = self.ctx, self.actor_before
        self.runner.run(
            lambda: users.change_password(ctx, actor, old, new),
            owner=self,
            on_done=self._changed,
            on_error=self._failed,
        )

    def _changed(self, actor: Actor) -> None:
        self.actor = actor
        for edit in (self.old_edit, self.new_edit, self.confirm_edit):
            edit.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self._check()
        if isinstance(exc, AccountLockedError):
            self.message.setText(locked_message(self.ctx))
            return True
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            return True
        return False
