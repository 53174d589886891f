"""Evidence on the screen (무결성): the lock banner with the officer's acknowledgement, the
account's notices (e.g. that the officer's account was recovered), and the recovery code shown
once after set-up.

The banner sits on the start page of the privacy officer and the auditor — the only people who
can log in while an integrity finding is open or the access log is damaged. It says what was
found, opens the access-log page (무결성 검증 button), and, for the officer, acknowledges the
finding with a reason and the password typed again (:func:`privdesk.integrity.acknowledge`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk import integrity
from privdesk.accounts import users
from privdesk.accounts.permissions import OFFICER
from privdesk.errors import PrivdeskError
from privdesk.ui import messages
from privdesk.ui.host import PageHost

ACCESS_LOG_PAGE = "access_log"
LOCK_STYLE = (
    "QFrame#integrityBox { background: #fde7e9; border: 2px solid #c62828; }"
    " QLabel { color: #7f0000; font-weight: bold; }"
)
NOTICE_STYLE = (
    "QFrame#noticesBox { background: #fff3e0; border: 1px solid #f0a040; } QLabel { color: #6d3a00; }"
)


class AcknowledgeDialog(QDialog):
    """The officer's acknowledgement: what was investigated and done, and the password again."""

    def __init__(self, parent: QWidget | None, message: str) -> None:
        super().__init__(parent)
        self.setObjectName("acknowledgeDialog")
        self.setWindowTitle(self.tr("무결성 위반 확인 — 개인정보 보호책임자"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        found = QLabel(message, self)
        found.setWordWrap(True)
        found.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(found)
        note = QLabel(
            self.tr(
                "확인하면 다시 작업할 수 있습니다. 잘리거나 바뀐 기록은 지워지지 않고 검증 때마다 '확인된 위반'으로 "
                "표시됩니다. 조사한 내용과 조치를 적으십시오(주민등록번호·전화번호 등 개인정보는 적지 마십시오)."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("ackReason")
        self.reason.setPlaceholderText(self.tr("예: 백업 복원 중 일어난 일로 확인, 전산팀 재발 방지 조치"))
        self.reason.setFixedHeight(90)
        layout.addWidget(self.reason)
        self.password = QLineEdit(self)
        self.password.setObjectName("ackPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("비밀번호 다시 입력"))
        layout.addWidget(self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("확인하고 작업 재개"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self.password.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = len(self.reason.toPlainText().strip()) >= 4 and bool(self.password.text())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def done(self, result: int) -> None:
        accepted = result == QDialog.DialogCode.Accepted
        self.value = (self.reason.toPlainText().strip(), self.password.text()) if accepted else ("", "")
        self.password.clear()
        super().done(result)


class IntegrityBox(QFrame):
    """The red lock banner (hidden while nothing is wrong). ``changed`` fires after an
    acknowledgement, so the page reloads."""

    changed = Signal()

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("integrityBox")
        self.setStyleSheet(LOCK_STYLE)
        self.state: integrity.LockState | None = None
        self.dialog: AcknowledgeDialog | None = None
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        self.line = QLabel(self)
        self.line.setObjectName("integrityLine")
        self.line.setWordWrap(True)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.line, 1)
        self.verify_button = QPushButton(self.tr("접속기록 열기"), self)
        self.verify_button.setObjectName("openAccessLogButton")
        self.verify_button.clicked.connect(lambda _c=False: self.host.show_page(ACCESS_LOG_PAGE))
        box.addWidget(self.verify_button)
        self.ack_button = QPushButton(self.tr("위반 확인…"), self)
        self.ack_button.setObjectName("acknowledgeButton")
        self.ack_button.clicked.connect(self.acknowledge)
        self.ack_button.setVisible(OFFICER in host.actor.role_codes)
        box.addWidget(self.ack_button)
        self.hide()

    def reload(self) -> None:
        ctx = self.host.ctx
        self.host.runner.run(
            lambda: integrity.lock_state(ctx),
            owner=self,
            on_done=self.show_state,
            on_error=lambda exc: isinstance(exc, PrivdeskError),
        )

    def show_state(self, state: integrity.LockState) -> None:
        self.state = state
        if not state.locked:
            self.hide()
            return
        self.line.setText(
            self.tr(
                "{message}\n개인정보 보호책임자와 감사 담당자만 작업할 수 있습니다. "
                "접속기록 화면의 '무결성 검증'으로 확인하십시오."
            ).format(message=state.message)
        )
        keys = getattr(self.host, "page_keys", None)
        self.verify_button.setVisible(keys is None or ACCESS_LOG_PAGE in keys())
        self.show()

    def acknowledge(self) -> None:
        # parented to the window, not to this red box: the box's style sheet would colour the dialog
        dialog = AcknowledgeDialog(self.window(), self.state.message if self.state else "")
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._run_ack(*dialog.value))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _run_ack(self, reason: str, password: str) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        self.ack_button.setEnabled(False)

        def done(result: integrity.AckResult) -> None:
            self.ack_button.setEnabled(True)
            messages.show_info(self, self.tr("무결성 위반 확인"), "\n".join(result.lines))
            self.changed.emit()
            self.reload()

        def failed(exc: BaseException) -> bool:
            self.ack_button.setEnabled(True)
            return False  # the runner shows a known error in Korean

        self.host.runner.run(
            lambda: integrity.acknowledge(ctx, actor, password, reason),
            owner=self,
            on_done=done,
            on_error=failed,
            changes=frozenset({"audit"}),
        )


class NoticesBox(QFrame):
    """Notices for this account (계정 복구 알림 …) until it acknowledges them."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("noticesBox")
        self.setStyleSheet(NOTICE_STYLE)
        self.ids: list[int] = []
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        self.text = QLabel(self)
        self.text.setObjectName("noticesText")
        self.text.setWordWrap(True)
        box.addWidget(self.text, 1)
        self.ack_button = QPushButton(self.tr("읽었습니다"), self)
        self.ack_button.setObjectName("acknowledgeNoticesButton")
        self.ack_button.clicked.connect(self.acknowledge)
        box.addWidget(self.ack_button)
        self.hide()

    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(
            lambda: users.pending_notices(ctx, actor),
            owner=self,
            on_done=self.show_notices,
            on_error=lambda exc: isinstance(exc, PrivdeskError),
        )

    def show_notices(self, notices: list[tuple[int, str]]) -> None:
        self.ids = [i for i, _t in notices]
        self.text.setText("\n".join(t for _i, t in notices))
        self.setVisible(bool(notices))

    def acknowledge(self) -> None:
        ctx, actor, ids = self.host.ctx, self.host.actor, list(self.ids)
        self.host.runner.run(
            lambda: users.acknowledge_notices(ctx, actor, ids),
            owner=self,
            on_done=lambda _n: self.reload(),
            changes=frozenset({"accounts"}),  # the account's notices
        )


class RecoveryCodeDialog(QDialog):
    """The officer's recovery code, shown once after set-up (and after each recovery). It closes
    only after the user confirms it has been written down."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(self.tr("보호책임자 복구 코드"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "개인정보 보호책임자 계정을 복구할 때('privdesk user recover') 필요한 코드입니다. 한 번만 보여 드립니다. "
                "종이에 적어 금고에 보관하십시오. 키 파일과 데이터베이스만으로는 복구할 수 없습니다."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code = QLabel(code, self)
        self.code.setObjectName("recoveryCode")
        font = QFont(self.code.font())
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.code)
        self.written = QCheckBox(self.tr("코드를 적어 두었습니다"), self)
        self.written.setObjectName("codeWrittenDown")
        layout.addWidget(self.written)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("닫기"))
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self.written.toggled.connect(self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def reject(self) -> None:  # Escape does not close it before the code is written down
        if self.written.isChecked():
            super().reject()
