"""The first-run wizard (초기 설정): what ``privdesk init`` does, for the first start with no database.

Creates the key file, the schema and the privacy officer's account (개인정보 보호책임자) through
:func:`privdesk.bootstrap.initialize`. The password is typed twice; the rules are shown as you type.
Then the officer's recovery code, once; then the key file's backup (:class:`KeyBackupDialog`): the
wizard finishes only when the officer confirms the key file was backed up, with the key recovery
sheet offered right there (printed as the new officer, who is logged in for it and out again).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from privdesk import bootstrap
from privdesk.accounts import users
from privdesk.accounts.passwords import check_password_rules, validate_login
from privdesk.context import Actor, AppContext
from privdesk.errors import PasswordRuleError, PrivdeskError, ValidationError
from privdesk.profile import load_profile
from privdesk.resources import default_profile_path
from privdesk.settings import Settings
from privdesk.store.engine import sqlite_path
from privdesk.ui.backup.keys import KeyBackupDialog
from privdesk.ui.login import ERROR_STYLE, OK_STYLE
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import heading


def database_text(settings: Settings) -> str:
    path = sqlite_path(settings.db_url)
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url

    return make_url(settings.db_url).render_as_string(hide_password=True)


class FirstRunDialog(QDialog):
    """``ctx`` is the new context once the dialog is accepted."""

    def __init__(self, settings: Settings, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner
        self.ctx: AppContext | None = None
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("privdesk 초기 설정"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("처음 시작합니다"), self))
        try:
            hospital = load_profile(default_profile_path()).name
        except PrivdeskError:
            hospital = ""
        intro = QLabel(
            self.tr(
                "데이터베이스가 아직 없습니다. 데이터베이스와 암호화 키 파일을 만들고 "
                "개인정보 보호책임자 계정을 등록합니다. 병원 프로필: {hospital}"
            ).format(hospital=hospital or "-"),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        where = QFormLayout()
        db = QLabel(database_text(settings), self)
        db.setObjectName("databasePath")
        db.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        db.setWordWrap(True)
        key = QLabel(str(settings.key_file), self)
        key.setObjectName("keyFilePath")
        key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key.setWordWrap(True)
        where.addRow(self.tr("데이터베이스"), db)
        where.addRow(self.tr("키 파일"), key)
        layout.addLayout(where)
        warning = QLabel(
            self.tr(
                "키 파일은 데이터베이스에 저장되지 않습니다. 키 파일을 잃으면 암호화된 개인정보를 "
                "되살릴 수 없으니 설정 후 안전한 곳에 따로 백업하십시오."
            ),
            self,
        )
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #8a4b00;")
        layout.addWidget(warning)

        form = QFormLayout()
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("officerLogin")
        self.login_edit.setMaxLength(32)
        self.login_edit.setPlaceholderText(self.tr("영문 소문자로 시작, 예: yook"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("officerName")
        self.name_edit.setMaxLength(64)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("confirmPassword")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("보호책임자 아이디"), self.login_edit)
        form.addRow(self.tr("보호책임자 이름"), self.name_edit)
        form.addRow(self.tr("비밀번호"), self.password_edit)
        form.addRow(self.tr("비밀번호 확인"), self.confirm_edit)
        layout.addLayout(form)
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
        self.ok_button.setText(self.tr("설정 시작"))
        self.ok_button.setObjectName("createButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("종료"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.login_edit, self.name_edit, self.password_edit, self.confirm_edit):
            edit.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(520)

    def _check(self) -> bool:
        login = self.login_edit.text().strip()
        password, confirm = self.password_edit.text(), self.confirm_edit.text()
        problem = ""
        if login:
            try:
                validate_login(login)
            except ValidationError as exc:
                problem = str(exc)
        if not problem and password:
            try:
                check_password_rules(password, login=login, previous_hashes=())
            except PasswordRuleError as exc:
                problem = str(exc)
            if not problem and confirm and confirm != password:
                problem = self.tr("비밀번호와 확인이 서로 다릅니다.")
        ready = (
            bool(login and self.name_edit.text().strip() and password and confirm == password) and not problem
        )
        if problem:
            self.rule_status.setText(problem)
            self.rule_status.setStyleSheet(ERROR_STYLE)
        elif password:
            self.rule_status.setText(self.tr("비밀번호 규칙을 만족합니다."))
            self.rule_status.setStyleSheet(OK_STYLE)
        else:
            self.rule_status.setText(
                self.tr(
                    "비밀번호 규칙: 영문 대문자·소문자·숫자·특수문자 중 3종류 이상으로 8자 이상, "
                    "또는 2종류 이상으로 10자 이상. 아이디를 포함할 수 없습니다."
                )
            )
            self.rule_status.setStyleSheet("color: #555;")
        self.ok_button.setEnabled(ready)
        return ready

    def submit(self) -> None:
        if not self._check():
            return
        settings = self.settings
        login, name = self.login_edit.text().strip(), self.name_edit.text().strip()
        password = self.password_edit.text()
        self._set_busy(True)
        self.message.setText("")

        def create() -> tuple[AppContext, Actor | None]:
            ctx = bootstrap.initialize(settings, officer_login=login, officer_name=name, password=password)
            try:  # the new officer, for the key recovery sheet offered at the end
                return ctx, users.login(ctx, login, password, channel="first-run")
            except PrivdeskError:
                return ctx, None

        self.runner.run(create, owner=self, on_done=self._created, on_error=self._failed)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.login_edit, self.name_edit, self.password_edit, self.confirm_edit):
            w.setEnabled(not busy)
        self.ok_button.setEnabled(not busy)

    def _created(self, made: tuple[AppContext, Actor | None]) -> None:
        """Show the officer's recovery code once; once it has been written down, the key file's
        backup; the wizard closes when that is confirmed."""
        from privdesk.ui.audit.integrity import RecoveryCodeDialog

        ctx, officer = made
        self.ctx = ctx
        self.password_edit.clear()
        self.confirm_edit.clear()
        code, ctx.recovery_code = ctx.recovery_code, None
        if not code:
            self._ask_key_backup(officer)
            return
        dialog = RecoveryCodeDialog(code, self)
        self.code_dialog = dialog
        dialog.finished.connect(lambda _r: self._ask_key_backup(officer))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _ask_key_backup(self, officer: Actor | None) -> None:
        assert self.ctx is not None
        dialog = KeyBackupDialog(self.ctx, self.runner, officer, self)
        self.key_dialog = dialog
        dialog.accepted.connect(self.accept)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _failed(self, exc: BaseException) -> bool:
        self._set_busy(False)
        self._check()
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            return True
        return False
