"""Backups on screen (백업): the start page's box with the age of the last good backup, the 지금 백업
button, and the automatic backups at the first login of the day and when the application closes.

The box is shown to accounts holding the ``backup`` permission (the privacy officer and IT's
privacy role). It turns red — and says so in words — when the last good backup is older than the
schedule allows, when there is none, when no backup folder is configured, or when the last attempt
failed. The automatic backups act as the system (:func:`privdesk.backup.backups.automatic_backup`):
a failure is in the access log and in the box, never a dialog in the middle of someone's work.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from privdesk import clock
from privdesk.backup.backups import BackupResult, BackupStatus, automatic_backup, backup_status, make_backup
from privdesk.context import AppContext
from privdesk.errors import PrivdeskError
from privdesk.ui.host import PageHost
from privdesk.ui.tasks import Task, TaskRunner

#: what a backup changes (its record: the last backup, shown on 오늘 할 일)
BACKUP: frozenset[str] = frozenset({"backup"})

OK_STYLE = "QFrame#backupBox { background: #eef6ee; border: 1px solid #a9d2a9; } QLabel { color: #1b4d1b; }"
LATE_STYLE = (
    "QFrame#backupBox { background: #fde7e9; border: 1px solid #f1a7ae; }"
    " QLabel { color: #7f0000; font-weight: bold; }"
)


class BackupBox(QFrame):
    """The age of the last good backup and 지금 백업 (hidden without the backup permission)."""

    changed = Signal()

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("backupBox")
        self.status: BackupStatus | None = None
        self.late = False
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        self.line = QLabel(self)
        self.line.setObjectName("backupLine")
        self.line.setWordWrap(True)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.line, 1)
        self.button = QPushButton(self.tr("지금 백업"), self)
        self.button.setObjectName("backupNowButton")
        self.button.clicked.connect(lambda _c=False: self.backup_now())
        box.addWidget(self.button)
        self.setStyleSheet(OK_STYLE)

    def age_text(self, age: dt.timedelta) -> str:
        minutes = max(0, int(age.total_seconds() // 60))
        days, rest = divmod(minutes, 24 * 60)
        hours, mins = divmod(rest, 60)
        if days:
            return self.tr("{days}일 {hours}시간").format(days=days, hours=hours)
        if hours:
            return self.tr("{hours}시간 {minutes}분").format(hours=hours, minutes=mins)
        if mins:
            return self.tr("{minutes}분").format(minutes=mins)
        return self.tr("방금")  # "방금 전": under a minute

    def schedule_text(self, schedule: str) -> str:
        names = {"daily": self.tr("매일"), "weekly": self.tr("매주"), "off": self.tr("자동 백업 꺼짐")}
        return names.get(schedule, schedule)

    def status_text(self, s: BackupStatus, now: dt.datetime | None = None) -> tuple[str, bool]:
        """The box's sentence and whether it is a warning (red)."""
        now = now or clock.now()
        late = s.overdue(now)
        if s.folder is None:
            text = self.tr(
                "백업 폴더가 설정되지 않아 자동 백업을 하지 않습니다. 설정 파일의 [backup] folder에 "
                "백업 폴더(공유 폴더 등)를 적으십시오."
            )
        elif s.last_at is None:
            text = self.tr(
                "아직 백업이 없습니다. 지금 백업하십시오 (자동 백업: {schedule}, 폴더 {folder})."
            ).format(schedule=self.schedule_text(s.schedule), folder=s.folder)
        else:
            age = s.age(now) or dt.timedelta(0)
            when = clock.fmt_datetime(s.last_at)
            if late:
                text = self.tr(
                    "마지막 백업이 {age} 전({when})으로 일정({schedule})보다 오래되었습니다. "
                    "백업 폴더 {folder}와 네트워크를 확인하고 지금 백업하십시오."
                ).format(
                    age=self.age_text(age),
                    when=when,
                    schedule=self.schedule_text(s.schedule),
                    folder=s.folder,
                )
            else:
                text = self.tr(
                    "마지막 백업: {when} ({age} 전, 정상). 자동 백업: {schedule}, 폴더 {folder}"
                ).format(
                    when=when,
                    age=self.age_text(age),
                    schedule=self.schedule_text(s.schedule),
                    folder=s.folder,
                )
        if s.failed_at is not None:
            late = True
            text += "\n" + self.tr("마지막 백업 시도가 실패했습니다({when}): {reason}").format(
                when=clock.fmt_datetime(s.failed_at), reason=s.failed_reason
            )
        return text, late

    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(
            lambda: backup_status(ctx, actor), owner=self, on_done=self.show_status, on_error=self._failed
        )

    def show_status(self, s: BackupStatus) -> None:
        self.status = s
        text, self.late = self.status_text(s)
        self.line.setText(text)
        self.setStyleSheet(LATE_STYLE if self.late else OK_STYLE)

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.line.setText(self.tr("백업 상태를 불러오지 못했습니다: {error}").format(error=str(exc)))
            self.setStyleSheet(LATE_STYLE)
            return True
        return False

    def backup_now(self) -> Task:
        ctx, actor = self.host.ctx, self.host.actor
        self.button.setEnabled(False)
        self.line.setText(self.tr("백업하는 중입니다… 다른 작업은 계속할 수 있습니다."))

        def done(result: BackupResult) -> None:
            self.button.setEnabled(True)
            self.changed.emit()

        def failed(exc: BaseException) -> bool:
            self.button.setEnabled(True)
            self.changed.emit()
            return False  # the runner shows the Korean message

        return self.host.runner.run(
            lambda: make_backup(ctx, actor), owner=self, on_done=done, on_error=failed, changes=BACKUP
        )


def _quiet(exc: BaseException) -> bool:
    """An automatic backup's known failure is logged and shown in the box, not in a dialog."""
    return isinstance(exc, PrivdeskError)


def run_backup_at_login(ctx: AppContext, runner: TaskRunner, owner: QWidget | None) -> Task | None:
    """The automatic backup at the first login of the day (when due), in the background."""
    cfg = ctx.settings.backup
    if cfg.folder is None or cfg.schedule == "off":
        return None
    return runner.run(lambda: automatic_backup(ctx, "login"), owner=owner, on_error=_quiet, changes=BACKUP)


class ClosingBackup(QDialog):
    """Shown while the automatic backup runs as the application closes."""

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("closingBackup")
        self.setWindowTitle(self.tr("privdesk 종료"))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("종료하기 전에 백업하는 중입니다. 잠시 기다려 주십시오…"), self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.setMinimumWidth(360)


def run_backup_at_close(ctx: AppContext, runner: TaskRunner, then: object) -> Task | None:
    """The automatic backup when the application closes (when due); ``then()`` runs afterwards
    (success or failure). None when automatic backups are off: call ``then`` yourself."""
    cfg = ctx.settings.backup
    if cfg.folder is None or cfg.schedule == "off" or not callable(then):
        return None
    dialog = ClosingBackup()
    dialog.show()

    def finish(_result: object = None) -> None:
        dialog.hide()
        dialog.deleteLater()
        then()

    def failed(exc: BaseException) -> bool:
        finish()
        return _quiet(exc)

    return runner.run(lambda: automatic_backup(ctx, "close"), on_done=finish, on_error=failed, changes=False)
