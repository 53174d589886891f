"""내 정보 (the profile): who is logged in, with which roles and permissions, the login times and
the workstation, and the password change — a dialog opened from the 계정 menu (계정 → 내 정보…).
The first screen after login is 오늘 할 일 (:mod:`privdesk.ui.today`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk.accounts.permissions import LABELS, ROLE_DESCRIPTIONS, ROLE_NAMES, Permission
from privdesk.context import Actor
from privdesk.ui.host import PageHost
from privdesk.ui.login import ChangePasswordDialog
from privdesk.ui.widgets import fmt_datetime


def open_password_change(
    host: PageHost, parent: QWidget, changed: Callable[[], None] | None = None
) -> ChangePasswordDialog:
    """The password change (비밀번호 변경): on success the window takes the account's fresh snapshot."""
    dialog = ChangePasswordDialog(host.ctx, host.runner, host.actor, parent=parent)

    def done() -> None:
        if dialog.actor is not None:
            host.replace_actor(dialog.actor)
        if changed is not None:
            changed()

    dialog.accepted.connect(done)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class ProfileDialog(QDialog):
    """내 정보: reads only the logged-in account's own snapshot (nothing is logged); 비밀번호 변경…
    opens the password change."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("profileDialog")
        self.setWindowTitle(self.tr("내 정보"))
        self.setMinimumWidth(520)
        self.dialog: ChangePasswordDialog | None = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.account_label = self._value("account")
        self.roles_label = self._value("roles")
        self.permissions_label = self._value("permissions")
        self.login_label = self._value("loginTime")
        self.previous_login_label = self._value("previousLoginTime")
        self.station_label = self._value("workstation")
        self.password_label = self._value("passwordState")
        self.form.addRow(self.tr("계정"), self.account_label)
        self.form.addRow(self.tr("역할"), self.roles_label)
        self.form.addRow(self.tr("할 수 있는 일"), self.permissions_label)
        self.form.addRow(self.tr("이번 로그인"), self.login_label)
        self.form.addRow(self.tr("지난 로그인"), self.previous_login_label)
        self.form.addRow(self.tr("작업 PC"), self.station_label)
        self.form.addRow(self.tr("비밀번호"), self.password_label)
        layout.addLayout(self.form)
        row = QHBoxLayout()
        self.change_button = QPushButton(self.tr("비밀번호 변경…"), self)
        self.change_button.setObjectName("changePasswordButton")
        self.change_button.clicked.connect(self.change_password)
        row.addWidget(self.change_button)
        row.addStretch(1)
        layout.addLayout(row)
        note = QLabel(
            self.tr(
                "이 프로그램에서 개인정보를 조회·변경·출력할 때마다 접속기록에 남습니다. "
                "자리를 비울 때는 로그아웃하십시오. 입력이 없으면 화면이 자동으로 잠깁니다."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def _value(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def reload(self) -> None:
        actor: Actor = self.host.actor
        station = self.host.ctx.workstation
        self.account_label.setText(f"{actor.name} ({actor.login})")
        self.roles_label.setText(
            "\n".join(
                f"{ROLE_NAMES.get(code, code)} — {ROLE_DESCRIPTIONS.get(code, '')}".rstrip(" —")
                for code in actor.role_codes
            )
            or self.tr("없음")
        )
        perms = [LABELS[p] for p in Permission if p in actor.permissions]
        self.permissions_label.setText(", ".join(perms) or self.tr("없음"))
        self.login_label.setText(fmt_datetime(self.host.logged_in_at))
        self.previous_login_label.setText(
            fmt_datetime(actor.previous_login_at) if actor.previous_login_at else self.tr("없음 (첫 로그인)")
        )
        self.station_label.setText(f"{station.host} ({station.ip})")
        days = actor.password_expires_in_days
        if days is not None:
            self.password_label.setText(
                self.tr("{days}일 뒤 만료됩니다. 미리 변경하십시오.").format(days=days)
            )
            self.password_label.setStyleSheet("color: #b00020;")
        else:
            self.password_label.setText(self.tr("사용 중"))
            self.password_label.setStyleSheet("")

    def change_password(self) -> ChangePasswordDialog:
        self.dialog = open_password_change(self.host, self, self.reload)
        return self.dialog
