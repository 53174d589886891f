"""Pieces shared by the CCTV screens (CCTV 공통): camera pickers, time-window fields, days-left text,
and the print job that renders a record in the background and opens the preview.

Times on screen are Korea Standard Time; :func:`to_kst_datetime` turns what a date-time field shows
into an aware datetime for the use cases.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDateTime, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from privdesk import clock
from privdesk.cctv.cameras import CameraInfo, CameraStatus
from privdesk.errors import VersionConflictError
from privdesk.files import Protected, protected_files
from privdesk.korean import particle_in
from privdesk.ui import messages
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.progress import Progress
from privdesk.ui.tasks import PRINTED, Changes, TaskRunner
from privdesk.ui.widgets import ask_reason

if TYPE_CHECKING:
    from privdesk.ui.cctv.page import CctvPage
    from privdesk.ui.host import PageHost

CTX = "Cctv"
#: what a CCTV use case changes (the default of :meth:`CctvTab.run`)
CCTV: frozenset[str] = frozenset({"cctv"})
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
ERROR_STYLE = "color: #a00000;"
WARN_STYLE = "color: #8a4b00; background: #fff3e0; padding: 6px; border: 1px solid #f0c080;"
OK_STYLE = "color: #1b5e20; background: #e8f5e9; padding: 6px; border: 1px solid #a5d6a7;"
GONE_STYLE = "color: #7f0000; background: #fde7e9; padding: 6px; border: 1px solid #f1a7ae;"


def translated(source: str) -> str:
    """A source text marked with QT_TRANSLATE_NOOP("Cctv", …), translated at run time."""
    return QCoreApplication.translate(CTX, source)


# Labels of the core's codes, translatable here (the source texts match the core's Korean labels).
KIND_TEXT = {
    "view": QT_TRANSLATE_NOOP("Cctv", "열람"),
    "exist": QT_TRANSLATE_NOOP("Cctv", "존재확인"),
    "delete": QT_TRANSLATE_NOOP("Cctv", "삭제"),
}
STATE_TEXT = {
    "received": QT_TRANSLATE_NOOP("Cctv", "접수"),
    "extended": QT_TRANSLATE_NOOP("Cctv", "기간 연장"),
    "approved": QT_TRANSLATE_NOOP("Cctv", "승인"),
    "partly_approved": QT_TRANSLATE_NOOP("Cctv", "일부 승인"),
    "refused": QT_TRANSLATE_NOOP("Cctv", "거절"),
    "completed": QT_TRANSLATE_NOOP("Cctv", "완료"),
    "closed": QT_TRANSLATE_NOOP("Cctv", "종결"),
    "withdrawn": QT_TRANSLATE_NOOP("Cctv", "철회"),
}
RELATION_TEXT = {
    "self": QT_TRANSLATE_NOOP("Cctv", "본인"),
    "guardian": QT_TRANSLATE_NOOP("Cctv", "법정대리인"),
    "agent": QT_TRANSLATE_NOOP("Cctv", "대리인"),
}
FOOTAGE_TEXT = {
    "exists": QT_TRANSLATE_NOOP("Cctv", "보관 중"),
    "held": QT_TRANSLATE_NOOP("Cctv", "보존 연장 중"),
    "gone": QT_TRANSLATE_NOOP("Cctv", "보관기간 경과(파기)"),
    "future": QT_TRANSLATE_NOOP("Cctv", "촬영 전"),
}
HOLD_REASON_TEXT = {
    "request": QT_TRANSLATE_NOOP("Cctv", "열람등 청구 처리"),
    "police": QT_TRANSLATE_NOOP("Cctv", "수사기관 요청"),
    "incident": QT_TRANSLATE_NOOP("Cctv", "사고·사건 조사"),
}
LEDGER_KIND_TEXT = {
    "use": QT_TRANSLATE_NOOP("Cctv", "이용"),
    "provide": QT_TRANSLATE_NOOP("Cctv", "제공"),
    "view": QT_TRANSLATE_NOOP("Cctv", "열람"),
    "destroy": QT_TRANSLATE_NOOP("Cctv", "파기"),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label of ``code`` in one of the tables above (the code itself if unknown)."""
    if code is None:
        return ""
    source = table.get(str(code))
    return translated(source) if source else str(code)


# -- dates and times ---------------------------------------------------------------------------
def to_qdatetime(value: dt.datetime) -> QDateTime:
    """An aware datetime as the KST wall-clock time a date-time field shows."""
    k = clock.to_kst(value)
    result = QDateTime(k.year, k.month, k.day, k.hour, k.minute, k.second)
    return result


def to_kst_datetime(value: QDateTime) -> dt.datetime:
    """What a date-time field shows, as an aware KST datetime."""
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=clock.KST)


def fmt_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def days_left_text(days_left: int, closed: bool) -> str:
    if closed:
        return QCoreApplication.translate("Cctv", "종결")
    if days_left < 0:
        return QCoreApplication.translate("Cctv", "{n}일 지남").format(n=-days_left)
    if days_left == 0:
        return QCoreApplication.translate("Cctv", "오늘 마감")
    return QCoreApplication.translate("Cctv", "{n}일 남음").format(n=days_left)


def datetime_edit(parent: QWidget, value: dt.datetime, name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit(to_qdatetime(value), parent)
    edit.setObjectName(name)
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    return edit


class WindowEdit(QWidget):
    """영상 기간: from and to, 24 h, KST. Defaults to the last hour."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
    ) -> None:
        super().__init__(parent)
        now = clock.now().replace(second=0, microsecond=0)
        self.start = datetime_edit(self, start or now - dt.timedelta(hours=1), "windowStart")
        self.end = datetime_edit(self, end or now, "windowEnd")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start)
        layout.addWidget(QLabel("~", self))
        layout.addWidget(self.end)
        layout.addStretch(1)
        self.start.dateTimeChanged.connect(lambda _v: self.changed.emit())
        self.end.dateTimeChanged.connect(lambda _v: self.changed.emit())

    def value(self) -> tuple[dt.datetime, dt.datetime]:
        return to_kst_datetime(self.start.dateTime()), to_kst_datetime(self.end.dateTime())

    def set_value(self, start: dt.datetime, end: dt.datetime) -> None:
        self.start.setDateTime(to_qdatetime(start))
        self.end.setDateTime(to_qdatetime(end))

    def set_day(self, day: dt.date, first: dt.time, last: dt.time) -> None:
        base = dt.datetime.combine(day, dt.time(), tzinfo=clock.KST)
        self.set_value(
            base.replace(hour=first.hour, minute=first.minute),
            base.replace(hour=last.hour, minute=last.minute),
        )

    def set_time_only(self, start: QTime, end: QTime) -> None:
        self.start.setTime(start)
        self.end.setTime(end)


class CameraPicker(QListWidget):
    """Cameras as checkable lines (``CAM-07  원내 · 2층 복도``); removed cameras are left out."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPicker")
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_cameras(self, cameras: Sequence[CameraInfo], checked: Sequence[str] = ()) -> None:
        self.blockSignals(True)
        self.clear()
        for cam in cameras:
            if cam.status == CameraStatus.REMOVED and cam.number not in checked:
                continue
            item = QListWidgetItem(f"{cam.number}  {cam.place}", self)
            item.setData(Qt.ItemDataRole.UserRole, cam.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if cam.number in checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self.changed.emit()

    def numbers(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def checked(self) -> list[str]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, numbers: Sequence[str]) -> None:
        wanted = {n.upper() for n in numbers}
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(
                Qt.CheckState.Checked
                if str(item.data(Qt.ItemDataRole.UserRole)).upper() in wanted
                else Qt.CheckState.Unchecked
            )


# -- printing in the background ---------------------------------------------------------------
class PrintCancelled(Exception):
    """Raised from ``on_page`` when the user cancelled: the use case leaves no file behind."""


PrintFn = Callable[[Path, Callable[[int], None], str], Any]  # fn(out, on_page, reason)


class PrintJob(QObject):
    """Render one record to a temporary PDF off the GUI thread, with a progress dialog and a cancel
    button, then open the preview. ``fn(out, on_page, reason)`` is the printing use case.

    A record of personal data is printed only with a reason (사유): :meth:`start` asks for it first
    (recent reasons offered, :func:`privdesk.ui.widgets.ask_reason`) — cancelling leaves no file and
    no log entry — and the use case logs it with the printing. The constructor takes the reason
    already given; ``None`` only for a record without personal data (the blank 위임장).

    The temporary folder is owner-only; the preview removes the file when it closes.
    """

    finished = Signal()

    @classmethod
    def start(
        cls,
        host: PageHost,
        owner: QWidget,
        title: str,
        file_name: str,
        fn: PrintFn,
        *,
        reason: str | None = None,
        show_progress: bool = True,
        protected: Sequence[Protected] | None = None,
    ) -> PrintJob | None:
        """Ask for the reason (unless ``reason`` is given), then print; None when cancelled."""
        if reason is None:
            ask = QCoreApplication.translate(
                "Cctv", "{title}{eul} 출력하는 사유를 적으십시오. 접속기록에 남습니다."
            )
            reason = ask_reason(
                owner,
                host,
                host.actor,
                QCoreApplication.translate("Cctv", "출력 사유"),
                ask.format(title=title, eul=particle_in(ask, title, "을/를")),
            )
            if reason is None:
                return None
        return cls(
            host.runner,
            owner,
            title,
            file_name,
            fn,
            reason=reason,
            show_progress=show_progress,
            protected=protected_files(host.ctx.settings) if protected is None else protected,
        )

    def __init__(
        self,
        runner: TaskRunner,
        owner: QWidget,
        title: str,
        file_name: str,
        fn: Callable[[Path, Callable[[int], None], Any], Any],
        *,
        reason: str | None,
        show_progress: bool = True,
        protected: Sequence[Protected] = (),
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self.reason = reason
        self.title = title
        self.file_name = file_name
        self.protected = tuple(protected)  # privdesk's own files: a saved copy never replaces them
        self.pages_done = 0
        self.preview: PdfPreviewDialog | None = None
        self.cancelled = False
        self.error: BaseException | None = None
        folder = Path(tempfile.mkdtemp(prefix="privdesk-print-"))
        self.out = folder / file_name
        self.tracker = Progress(self, on_step=self._page)
        if show_progress:
            self.tracker.show_dialog(
                owner,
                QCoreApplication.translate("Cctv", "{title} 만드는 중…").format(title=title),
                cancel_text=QCoreApplication.translate("Cctv", "취소"),
                title=QCoreApplication.translate("Cctv", "출력"),
                object_name="printProgress",
                cancelling_text=QCoreApplication.translate("Cctv", "취소하는 중…"),
                minimum_duration=300,
            )
        report, cancelled = self.tracker.report, self.tracker.is_cancelled

        def on_page(n: int) -> None:
            if cancelled():
                raise PrintCancelled
            report(n)

        out = self.out
        self.task = runner.run(
            lambda: fn(out, on_page, reason),
            owner=owner,
            on_done=self._done,
            on_error=self._failed,
            changes=PRINTED,
        )

    @property
    def progress(self) -> QProgressDialog | None:
        """The progress dialog while the PDF is made (None without one, or once it is done)."""
        return self.tracker.dialog

    @property
    def cancel_event(self) -> threading.Event:
        return self.tracker.cancel_event

    def cancel(self) -> None:
        self.tracker.cancel()

    def _page(self, n: int) -> None:
        self.pages_done = n
        if not self.tracker.cancelled:
            self.tracker.set_label(
                QCoreApplication.translate("Cctv", "{title} 만드는 중… {n}쪽").format(title=self.title, n=n)
            )

    def _close_progress(self) -> None:
        self.tracker.close()

    def _done(self, _result: Any) -> None:
        self._close_progress()
        self.preview = PdfPreviewDialog(
            self.out,
            self.title,
            self.owner,
            suggested_name=self.file_name,
            temporary=True,
            protected=self.protected,
        )
        self.preview.finished.connect(self.preview.deleteLater)
        self.preview.open()
        self.finished.emit()

    def _failed(self, exc: BaseException) -> bool:
        self._close_progress()
        self.error = exc
        self._cleanup()
        self.finished.emit()
        if isinstance(exc, PrintCancelled):
            self.cancelled = True
            return True
        return False

    def _cleanup(self) -> None:
        self.out.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.out.parent.rmdir()


# -- the base of the CCTV page's tabs ------------------------------------------------------------
class CctvTab(QWidget):
    """One tab of the CCTV page. ``reload()`` refills it through a use case in the background;
    ``may_manage`` says whether the account has ``cctv.manage`` (buttons that need it are not
    created; the use cases refuse anyway)."""

    def __init__(self, page: CctvPage) -> None:
        super().__init__(page)
        self.page = page
        self.host = page.host
        self.may_manage = page.may_manage
        self.stale = True
        self.cameras: list[CameraInfo] = []

    def reload(self) -> None:
        raise NotImplementedError

    def set_cameras(self, cameras: Sequence[CameraInfo]) -> None:
        self.cameras = list(cameras)

    def button(
        self, bar: QHBoxLayout, name: str, text: str, slot: Callable[[], None], *, allowed: bool = True
    ) -> QPushButton | None:
        if not allowed:
            return None
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        bar.addWidget(b)
        return b

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        changes: Changes = CCTV,
        on_error: Callable[[BaseException], bool] | None = None,
    ) -> None:
        """Run a CCTV use case for this tab; by default it changed the CCTV data (``changes=False``: a read)."""

        def failed(exc: BaseException) -> bool:
            if on_error is not None and on_error(exc):
                return True
            return self.failed(exc)

        self.host.runner.run(
            fn,
            owner=self,
            on_done=on_done,
            on_error=failed,
            changes=changes,
        )

    def failed(self, exc: BaseException) -> bool:
        if isinstance(exc, VersionConflictError):
            messages.show_info(
                self,
                QCoreApplication.translate("Cctv", "다른 사용자가 변경함"),
                QCoreApplication.translate(
                    "Cctv",
                    "다른 사용자가 먼저 이 기록을 변경했습니다. 최신 내용을 다시 불러왔으니 확인한 뒤 다시 하십시오.",
                ),
            )
            self.page.reload()
            return True
        return False

    def open_dialog(self, dialog: QDialog, on_accept: Callable[[], None] | None = None) -> None:
        """Open ``dialog`` window-modal (tests reach it as ``page.dialog``)."""
        self.page.dialog = dialog
        if on_accept is not None:
            dialog.accepted.connect(on_accept)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def print_record(
        self, title: str, file_name: str, fn: PrintFn, *, owner: QWidget | None = None
    ) -> PrintJob | None:
        """Ask for the reason, then print in the background into the preview (None when cancelled);
        ``owner`` (default: this tab) parents the progress and preview windows (a dialog printing
        passes itself, so it is not blocked)."""
        job = PrintJob.start(self.host, owner or self, title, file_name, fn)
        if job is not None:
            self.page.print_job = job
        return job
