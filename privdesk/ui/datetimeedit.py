"""The date-and-time field of every form (일시 입력, Korea Standard Time, 24-hour clock): typed as
``2026-12-05 14:30`` or ``202612051430`` (also ``2026.12.5 14:30``, ``2026-12-05 1430`` or
``2026-12-05T14:30``), the date part chosen from a calendar popup (the button at its right end,
Alt+↓ or F4) that keeps the time already typed.

:class:`DateTimeEdit` is a :class:`QLineEdit` like :class:`~privdesk.ui.dateedit.DateEdit`: twelve
digits that make a real moment become ``YYYY-MM-DD HH:MM`` as soon as they are typed, any readable
value is written that way when the field is left, and :meth:`DateTimeEdit.value` gives the naive KST
datetime (None when empty) or raises a :class:`~privdesk.errors.ValidationError` with a Korean
message that says how to write it — ``2026-12-05 25:00`` is refused, never turned into another time.
:meth:`DateTimeEdit.instant` gives the same moment as an aware UTC datetime (what the use cases take).
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QDate, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QWidget

from privdesk import clock
from privdesk.errors import ValidationError
from privdesk.ui.dateedit import parse_date

_SPLIT = re.compile(r"(\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}\.?|\d{8})\s*(?:\s|T)\s*(\d{1,2}):?(\d{2})")
_DIGITS = re.compile(r"(\d{8})(\d{2})(\d{2})")
FORMAT = "%Y-%m-%d %H:%M"


def _example_error(field: str, name: str) -> ValidationError:
    return ValidationError(
        field,
        QCoreApplication.translate(
            "DateTimeEdit",
            "{label}: 2026-12-05 14:30 또는 202612051430처럼 날짜와 시각(한국 시간, 24시간제)을 입력하십시오.",
        ).format(label=name),
    )


def parse_datetime(text: str, field: str = "datetime", label: str = "") -> dt.datetime | None:
    """``2026-12-05 14:30``, ``202612051430``, ``2026.12.5 14:30``, ``2026-12-05 1430`` or
    ``2026-12-05T14:30`` → a naive datetime in Korea Standard Time; empty → None; anything else a
    ValidationError for ``field`` whose message names ``label`` and says how to write it."""
    t = text.strip()
    if not t:
        return None
    name = label or QCoreApplication.translate("DateTimeEdit", "일시")
    m = _DIGITS.fullmatch(t) or _SPLIT.fullmatch(t)
    if m is None:
        raise _example_error(field, name)
    day = parse_date(m.group(1), field, name)  # the date's own Korean refusal (없는 날짜 …)
    if day is None:
        raise _example_error(field, name)
    hour, minute = int(m.group(2)), int(m.group(3))
    if hour > 23 or minute > 59:
        raise ValidationError(
            field,
            QCoreApplication.translate(
                "DateTimeEdit", "{label}: 없는 시각입니다 ({text}). 시는 0~23, 분은 0~59입니다."
            ).format(label=name, text=t),
        )
    return dt.datetime(day.year, day.month, day.day, hour, minute)


class DateTimeEdit(QLineEdit):
    """A date and time typed, the date also picked (see the module docstring). ``optional``: empty
    is allowed (the placeholder says so unless one is given). ``date_chosen`` fires when the calendar
    sets the date."""

    date_chosen = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        value: dt.datetime | None = None,
        *,
        name: str = "",
        label: str = "",
        optional: bool = False,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.label = label
        self.optional = optional
        self.setPlaceholderText(
            placeholder
            or (
                QCoreApplication.translate("DateTimeEdit", "YYYY-MM-DD HH:MM (선택)")
                if optional
                else QCoreApplication.translate("DateTimeEdit", "YYYY-MM-DD HH:MM")
            )
        )
        self.setMaxLength(24)
        self.setToolTip(
            QCoreApplication.translate(
                "DateTimeEdit",
                "2026-12-05 14:30 또는 202612051430처럼 한국 시간으로 입력하거나, 오른쪽 단추(Alt+↓)로 "
                "달력에서 날짜를 고릅니다.",
            )
        )
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setObjectName("calendarButton")
        self.calendar_action.setToolTip(QCoreApplication.translate("DateTimeEdit", "달력에서 날짜 고르기"))
        self.calendar_action.triggered.connect(lambda _checked=False: self.open_calendar())
        self.calendar: QCalendarWidget | None = None
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self.normalise)
        if value is not None:
            self.set_value(value)

    # -- the value ------------------------------------------------------------------------------
    def value(self, field: str | None = None) -> dt.datetime | None:
        """The naive KST datetime, None when empty; a ValidationError (for ``field``, default the
        object name) when the text is not a date and time."""
        return parse_datetime(self.text(), field or self.objectName() or "datetime", self.label)

    def instant(self, field: str | None = None) -> dt.datetime | None:
        """The value as an aware UTC datetime (None when empty)."""
        value = self.value(field)
        return clock.aware(value) if value is not None else None

    def set_value(self, value: dt.datetime | None) -> None:
        """A naive value is KST; an aware one is shown in KST."""
        if value is not None and value.tzinfo is not None:
            value = clock.to_kst(value).replace(tzinfo=None)
        self.setText(value.strftime(FORMAT) if value is not None else "")

    def is_valid(self) -> bool:
        try:
            self.value()
        except ValidationError:
            return False
        return True

    def normalise(self) -> None:
        """A readable value is written as ``YYYY-MM-DD HH:MM``; anything else stays as typed."""
        try:
            value = self.value()
        except ValidationError:
            return
        if value is not None and self.text() != value.strftime(FORMAT):
            self.setText(value.strftime(FORMAT))

    def _typed(self, text: str) -> None:
        if _DIGITS.fullmatch(text.strip()):
            self.normalise()

    def _time_part(self) -> tuple[int, int]:
        try:
            current = self.value()
        except ValidationError:
            current = None
        if current is None:
            now = clock.to_kst(clock.now())
            return now.hour, now.minute
        return current.hour, current.minute

    # -- the calendar ---------------------------------------------------------------------------
    def open_calendar(self) -> QCalendarWidget:
        """The calendar popup below the field, on the field's date (or today); a click or Enter on
        a day sets the date (the time typed stays, else the time now) and closes the popup."""
        if self.calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setObjectName("calendarPopup")
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setGridVisible(True)
            calendar.clicked.connect(self._picked)
            calendar.activated.connect(self._picked)
            self.calendar = calendar
        calendar = self.calendar
        try:
            current = self.value()
        except ValidationError:
            current = None
        day = current.date() if current is not None else clock.today_kst()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        return calendar

    def _picked(self, value: QDate) -> None:
        hour, minute = self._time_part()
        self.setText(dt.datetime(value.year(), value.month(), value.day(), hour, minute).strftime(FORMAT))
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.date_chosen.emit()
        self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return
        super().keyPressEvent(event)
