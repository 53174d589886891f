"""Dialogs of the account-management screen: add an account (계정 추가), change roles (역할 변경)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from privdesk.accounts.passwords import validate_login
from privdesk.errors import ValidationError
from privdesk.ui.login import ERROR_STYLE


class RoleChecks(QGroupBox):
    """One checkbox per role, labelled with the role's Korean name and description."""

    def __init__(
        self,
        roles: Sequence[tuple[str, str, str]],
        checked: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("역할"), parent)
        layout = QVBoxLayout(self)
        self.boxes: dict[str, QCheckBox] = {}
        for code, name, description in roles:
            box = QCheckBox(f"{name} — {description}" if description else name, self)
            box.setObjectName(f"role_{code}")
            box.setChecked(code in checked)
            layout.addWidget(box)
            self.boxes[code] = box

    def selected(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]


class AddAccountDialog(QDialog):
    """계정 추가: ID, name, department, roles and the reason; the password is a one-time password."""

    def __init__(self, roles: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addAccountDialog")
        self.setWindowTitle(self.tr("계정 추가"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "한 사람에 한 계정만 만드십시오(공용 계정 금지). 임시 비밀번호는 저장 후 한 번만 표시됩니다."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("login")
        self.login_edit.setMaxLength(32)
        self.login_edit.setPlaceholderText(self.tr("영문 소문자로 시작, 예: kim.js"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name")
        self.name_edit.setMaxLength(64)
        self.department_edit = QLineEdit(self)
        self.department_edit.setObjectName("department")
        self.department_edit.setMaxLength(64)
        form.addRow(self.tr("아이디"), self.login_edit)
        form.addRow(self.tr("이름"), self.name_edit)
        form.addRow(self.tr("부서"), self.department_edit)
        layout.addLayout(form)
        self.roles = RoleChecks(roles, parent=self)
        layout.addWidget(self.roles)
        layout.addWidget(QLabel(self.tr("사유 (선택)"), self))
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setFixedHeight(60)
        layout.addWidget(self.reason_edit)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("추가"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self._validate)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def _validate(self) -> None:
        """Check what can be checked here; the use case checks everything again."""
        try:
            validate_login(self.login_edit.text().strip())
        except ValidationError as exc:
            self.message.setText(str(exc))
            self.login_edit.setFocus()
            return
        if not self.name_edit.text().strip():
            self.message.setText(self.tr("이름을 입력하십시오."))
            self.name_edit.setFocus()
            return
        if not self.roles.selected():
            self.message.setText(self.tr("역할을 하나 이상 고르십시오."))
            return
        self.message.clear()
        self.accept()

    def values(self) -> dict[str, Any]:
        return {
            "login": self.login_edit.text().strip(),
            "name": self.name_edit.text().strip(),
            "department": self.department_edit.text().strip(),
            "roles": self.roles.selected(),
            "reason": self.reason_edit.toPlainText().strip(),
        }


class RolesDialog(QDialog):
    """역할 변경: the account's roles as checkboxes, and the reason (기록에 남습니다)."""

    def __init__(
        self,
        login: str,
        name: str,
        roles: Sequence[tuple[str, str, str]],
        current: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rolesDialog")
        self.setWindowTitle(self.tr("역할 변경"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{name} ({login})의 역할").format(name=name, login=login), self))
        self.roles = RoleChecks(roles, current, parent=self)
        layout.addWidget(self.roles)
        layout.addWidget(QLabel(self.tr("사유 (필수) — 권한 변경 이력에 남습니다"), self))
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setFixedHeight(60)
        layout.addWidget(self.reason_edit)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("변경"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self._validate)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(400)

    def _validate(self) -> None:
        if not self.roles.selected():
            self.message.setText(
                self.tr("역할을 하나 이상 고르십시오. 사용을 멈추려면 잠금이나 계정 말소를 쓰십시오.")
            )
            return
        if not self.reason():
            self.message.setText(self.tr("역할을 바꾸는 사유를 입력하십시오."))
            return
        self.accept()

    def selected(self) -> list[str]:
        return self.roles.selected()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()
