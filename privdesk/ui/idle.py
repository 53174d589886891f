"""The idle lock (화면 잠금): after a period without input the window is covered.

:class:`IdleWatcher` filters the application's input events and restarts a timer on each; when it
runs out, ``idle`` fires. :class:`LockOverlay` covers the main window (menus and status bar
included) and asks for the password again; the widgets below stay as they are, so unsaved input
survives the lock. Open dialogs of the window are hidden while locked and shown again after.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk.ui.demo import demo_band
from privdesk.ui.widgets import heading

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.InputMethod,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without user input anywhere in the application.

    ``timeout_ms`` may be changed at any time (tests use a few milliseconds); 0 turns the lock off.
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._paused = False
        self.timeout_ms = timeout_ms
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @timeout_ms.setter
    def timeout_ms(self, value: int) -> None:
        self._timeout_ms = max(0, int(value))
        self.restart()

    def restart(self) -> None:
        if self._timeout_ms and not self._paused:
            self._timer.start(self._timeout_ms)
        else:
            self._timer.stop()

    def pause(self) -> None:
        """While the lock is shown: input must not re-arm the timer."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self.restart()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and not self._paused and self._timeout_ms:
            self._timer.start(self._timeout_ms)
        return False


class LockOverlay(QWidget):
    """Covers its parent window; ``unlock_requested(password)`` when the user submits. ``demo``: a
    demo database's lock screen carries the demo's band (견본 데이터) on its panel too."""

    unlock_requested = Signal(str)
    logout_requested = Signal()

    def __init__(self, parent: QWidget, account_text: str, *, demo: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("lockOverlay")
        self.setAutoFillBackground(False)
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        panel = QFrame(self)
        panel.setObjectName("lockPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setStyleSheet("#lockPanel { background: white; border: 1px solid #888; border-radius: 6px; }")
        panel.setMinimumWidth(380)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 20, 24, 20)
        self.demo_band: QLabel | None = None
        if demo:
            self.demo_band = demo_band(panel)
            inner.addWidget(self.demo_band)
        inner.addWidget(heading(self.tr("화면이 잠겼습니다"), panel))
        text = QLabel(
            self.tr(
                "자리를 비운 동안 개인정보가 보이지 않도록 화면을 잠갔습니다. 작성 중인 내용은 그대로 있습니다. "
                "계속하려면 {account}의 비밀번호를 입력하십시오."
            ).format(account=account_text),
            panel,
        )
        text.setWordWrap(True)
        inner.addWidget(text)
        self.password = QLineEdit(panel)
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label = QLabel(self.tr("비밀번호(&P)"), panel)  # Alt+P focuses the box
        self.password_label.setObjectName("unlockPasswordLabel")
        self.password_label.setBuddy(self.password)
        self.password.setAccessibleName(self.tr("비밀번호"))
        inner.addWidget(self.password_label)
        inner.addWidget(self.password)
        self.message = QLabel(panel)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        inner.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.logout_button = QPushButton(self.tr("로그아웃"), panel)
        self.logout_button.setObjectName("lockLogoutButton")
        self.unlock_button = QPushButton(self.tr("잠금 해제"), panel)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        row.addWidget(self.logout_button)
        row.addWidget(self.unlock_button)
        inner.addLayout(row)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(panel)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(1)

        self.unlock_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.logout_button.clicked.connect(self.logout_requested)
        self.hide()

    def _submit(self) -> None:
        if not self.password.text():
            self.message.setText(self.tr("비밀번호를 입력하십시오."))
            return
        self.set_busy(True)
        self.unlock_requested.emit(self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.password.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)

    def show_over_parent(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.password.clear()
        self.message.clear()
        self.set_busy(False)
        self.show()
        self.raise_()
        self.password.setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(40, 44, 52))  # opaque: nothing below is readable
        painter.end()
