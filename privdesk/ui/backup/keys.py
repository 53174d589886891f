"""Key management on screen (키 관리, the privacy officer's): print the key recovery sheet and
rotate the master key with a progress bar and a cancel button (:mod:`privdesk.custody`); and the
first run's last step (:class:`KeyBackupDialog`): was the key file backed up? — with the recovery
sheet offered right there.

A rotation locks everyone out while it runs; 취소 takes every row back to the old key (as long as
it takes to get there), so the database is as it was. A rotation interrupted by a crash is
finished (or cancelled) with ``privdesk key rotate`` — nobody can log in meanwhile.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk.accounts import users
from privdesk.context import Actor, AppContext
from privdesk.custody import rotation
from privdesk.custody.sheet import print_sheet
from privdesk.errors import PrivdeskError
from privdesk.files import Output
from privdesk.ui import messages
from privdesk.ui.host import PageHost
from privdesk.ui.progress import Progress
from privdesk.ui.tasks import KINDS, TaskRunner
from privdesk.ui.widgets import heading

SHEET_FILE_NAME = "키복구용지.pdf"


class RotationJob(QObject):
    """Run :func:`privdesk.custody.rotation.rotate` on the task runner with a progress dialog."""

    finished = Signal()

    def __init__(self, host: PageHost, parent: QWidget, password: str) -> None:
        super().__init__(parent)
        self.host = host
        self.report: rotation.Report | None = None
        self.tracker = Progress(self, on_step=self._step)
        self.tracker.show_dialog(
            parent,
            self.tr("키를 교체하는 중…"),
            cancel_text=self.tr("취소"),
            title=self.tr("키 교체"),
            object_name="rotationProgress",
            cancelling_text=self.tr("취소하는 중: 바꾼 행을 원래 키로 되돌립니다…"),
        )
        tracker, ctx, login = self.tracker, host.ctx, host.actor.login
        host.runner.run(
            lambda: rotation.rotate(
                ctx, login, password, progress=tracker.report, cancel=tracker.is_cancelled
            ),
            owner=self,
            on_done=self._done,
            on_error=self._failed,
            changes=KINDS,  # every encrypted row of every domain is rewritten
        )

    @property
    def progress(self) -> QProgressDialog | None:
        """The progress dialog while the rotation runs."""
        return self.tracker.dialog

    @property
    def cancel_event(self) -> threading.Event:
        return self.tracker.cancel_event

    def cancel(self) -> None:
        self.tracker.cancel()

    def _step(self, what: str, done: int, total: int) -> None:
        self.tracker.set_value(done, total)
        verb = self.tr("되돌리는 중") if self.tracker.cancelled else self.tr("다시 암호화하는 중")
        self.tracker.set_label(
            self.tr("{verb}: {what} — {done}/{total}행").format(
                verb=verb, what=what, done=f"{done:,}", total=f"{total:,}"
            )
        )

    def _close(self) -> None:
        self.tracker.close()

    def _done(self, report: rotation.Report) -> None:
        self._close()
        self.report = report
        messages.show_info(
            self.parent() if isinstance(self.parent(), QWidget) else None,  # type: ignore[arg-type]
            self.tr("키 교체"),
            "\n".join(report.lines),
        )
        self.finished.emit()

    def _failed(self, _exc: BaseException) -> bool:
        self._close()
        self.finished.emit()
        return False  # the runner shows the Korean message


class KeysDialog(QDialog):
    """The officer's key management: the recovery sheet and the rotation."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.job: RotationJob | None = None
        self.setObjectName("keysDialog")
        self.setWindowTitle(self.tr("키 관리 — 개인정보 보호책임자"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        check = host.ctx.keys.check_value.hex()[:16]
        self.info = QLabel(self.tr("지금 키의 확인값: {check}").format(check=check), self)
        self.info.setObjectName("keyCheck")
        layout.addWidget(self.info)
        sheet_text = QLabel(
            self.tr(
                "키 복구 용지: 키를 종이에 적은 것입니다. 인쇄해 금고에 보관하면 키 파일을 모두 잃어도 "
                "'privdesk key restore'로 다시 만들 수 있습니다."
            ),
            self,
        )
        sheet_text.setWordWrap(True)
        layout.addWidget(sheet_text)
        self.sheet_button = QPushButton(self.tr("키 복구 용지 저장…"), self)
        self.sheet_button.setObjectName("printKeySheet")
        self.sheet_button.clicked.connect(self.print_sheet)
        layout.addWidget(self.sheet_button)
        rotate_text = QLabel(
            self.tr(
                "키 교체: 키 파일이 있는 PC를 잃었을 때 새 키로 바꿉니다. 교체하는 동안 아무도 작업할 수 없고, 끝나면 새 키 "
                "파일을 다른 작업 PC에 복사해야 합니다. 이전 키 파일로는 더 이상 열리지 않습니다."
            ),
            self,
        )
        rotate_text.setWordWrap(True)
        layout.addWidget(rotate_text)
        self.password = QLineEdit(self)
        self.password.setObjectName("rotatePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("비밀번호 다시 입력"))
        layout.addWidget(self.password)
        self.rotate_button = QPushButton(self.tr("키 교체 시작"), self)
        self.rotate_button.setObjectName("rotateKey")
        self.rotate_button.clicked.connect(self.rotate)
        self.rotate_button.setEnabled(False)
        self.password.textChanged.connect(
            lambda t: self.rotate_button.setEnabled(bool(t) and self.job is None)
        )
        layout.addWidget(self.rotate_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def print_sheet(self, path: str | None = None) -> None:
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("키 복구 용지 저장"), "키복구용지.pdf", self.tr("PDF (*.pdf)")
            )
            if not path:
                return
            force = True  # the save dialog asked before replacing a file
        else:
            force = False
        ctx, actor, out = self.host.ctx, self.host.actor, Output(Path(path), force)

        def done(pages: int) -> None:
            messages.show_info(
                self,
                self.tr("키 복구 용지"),
                self.tr(
                    "{path}에 저장했습니다 ({pages}쪽). 인쇄해 금고에 보관하고 파일은 지우십시오."
                ).format(path=path, pages=pages),
            )

        self.host.runner.run(lambda: print_sheet(ctx, actor, out), owner=self, on_done=done)

    def rotate(self) -> None:
        password = self.password.text()
        self.password.clear()
        self.rotate_button.setEnabled(False)
        self.job = RotationJob(self.host, self, password)
        self.job.finished.connect(self._finished)

    def _finished(self) -> None:
        self.job = None
        self.info.setText(
            self.tr("지금 키의 확인값: {check}").format(check=self.host.ctx.keys.check_value.hex()[:16])
        )


class KeyBackupDialog(QDialog):
    """The first run's last step (초기 설정 — 키 파일 백업): after the wizard warned that the key file
    must be backed up, it asks whether that was done, offers the key recovery sheet right here,
    and finishes only once "키 파일을 백업했습니다" is ticked (Escape does not skip it).

    ``actor`` is the new privacy officer (logged in by the wizard, so the sheet's printing is
    theirs in the access log); when the dialog is accepted, that session is logged out."""

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, actor: Actor | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.actor = actor
        self.sheet_pages = 0
        self._finishing = False
        self.setObjectName("keyBackupDialog")
        self.setWindowTitle(self.tr("초기 설정 — 키 파일 백업"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("키 파일을 백업했습니까?"), self))
        ask = QLabel(
            self.tr(
                "이 PC 밖의 안전한 곳(USB 메모리 등 따로 보관하는 매체)에 키 파일을 복사하십시오. "
                "키 파일을 잃으면 암호화된 개인정보(주민등록번호, 주소, 연락처)를 되살릴 수 없습니다."
            ),
            self,
        )
        ask.setWordWrap(True)
        layout.addWidget(ask)
        self.key_path = QLabel(self.tr("키 파일: {path}").format(path=ctx.settings.key_file), self)
        self.key_path.setObjectName("keyFilePath")
        self.key_path.setWordWrap(True)
        self.key_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.key_path)
        sheet_text = QLabel(
            self.tr(
                "키 복구 용지도 지금 만들 수 있습니다: 키를 종이에 적은 것으로, 인쇄해 금고에 보관하면 키 파일을 모두 "
                "잃어도 'privdesk key restore'로 다시 만들 수 있습니다. 나중에는 계정 → 키 관리…에서 출력합니다."
            ),
            self,
        )
        sheet_text.setWordWrap(True)
        layout.addWidget(sheet_text)
        self.sheet_button = QPushButton(self.tr("키 복구 용지 저장…"), self)
        self.sheet_button.setObjectName("printKeySheet")
        self.sheet_button.clicked.connect(lambda: self.print_sheet())
        self.sheet_button.setEnabled(actor is not None)
        layout.addWidget(self.sheet_button)
        self.sheet_status = QLabel(self)
        self.sheet_status.setObjectName("sheetStatus")
        self.sheet_status.setWordWrap(True)
        self.sheet_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.sheet_status)
        self.backed_up = QCheckBox(self.tr("키 파일을 백업했습니다"), self)
        self.backed_up.setObjectName("keyBackedUp")
        layout.addWidget(self.backed_up)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.finish_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.finish_button.setText(self.tr("설정 마치기"))
        self.finish_button.setObjectName("finishButton")
        self.finish_button.setEnabled(False)
        self.buttons.accepted.connect(self.finish)
        layout.addWidget(self.buttons)
        self.backed_up.toggled.connect(self._toggled)

    def _toggled(self, checked: bool) -> None:
        self.finish_button.setEnabled(checked and not self._finishing)
        if checked:
            self.message.setText("")

    def print_sheet(self, path: str | None = None) -> None:
        """Save the key recovery sheet (asks where; ``path`` given: there, never over a file)."""
        if self.actor is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("키 복구 용지 저장"), SHEET_FILE_NAME, self.tr("PDF (*.pdf)")
            )
            if not path:
                return
            force = True  # the save dialog asked before replacing a file
        else:
            force = False
        ctx, actor, out = self.ctx, self.actor, Output(Path(path), force)
        self.sheet_button.setEnabled(False)
        self.sheet_status.setText(self.tr("키 복구 용지를 만드는 중…"))

        def done(pages: int) -> None:
            self.sheet_pages = pages
            self.sheet_button.setEnabled(True)
            self.sheet_status.setText(
                self.tr(
                    "{path}에 저장했습니다 ({pages}쪽). 인쇄해 금고에 보관하고 파일은 지우십시오."
                ).format(path=path, pages=pages)
            )

        def failed(exc: BaseException) -> bool:
            self.sheet_button.setEnabled(True)
            self.sheet_status.setText("")
            if isinstance(exc, PrivdeskError):
                self.sheet_status.setText(str(exc))
                return True
            return False

        self.runner.run(lambda: print_sheet(ctx, actor, out), owner=self, on_done=done, on_error=failed)

    def finish(self) -> None:
        if not self.backed_up.isChecked():
            self.message.setText(self.tr("키 파일을 백업한 뒤 '키 파일을 백업했습니다'에 표시하십시오."))
            return
        if self._finishing:
            return
        self._finishing = True
        self.finish_button.setEnabled(False)
        if self.actor is None:
            self.accept()
            return
        ctx, actor = self.ctx, self.actor
        self.runner.run(
            lambda: users.logout(ctx, actor),
            owner=self,
            on_done=lambda _r: self.accept(),
            on_error=self._logout_failed,
        )

    def _logout_failed(self, exc: BaseException) -> bool:
        self.accept()  # the set-up is done; the login window comes next either way
        return isinstance(exc, PrivdeskError)

    def reject(self) -> None:  # Escape or the window's close button do not skip the question
        self.message.setText(self.tr("키 파일을 백업한 뒤 '키 파일을 백업했습니다'에 표시하십시오."))
