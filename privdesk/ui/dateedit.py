"""The date field of every form (날짜 입력): typed as ``2026-12-05`` or ``20261205`` (also
``2026.12.5``), or chosen from a calendar popup (the button at its right end, Alt+↓ or F4).

:class:`DateEdit` is a :class:`QLineEdit`, so a form that reads ``text()`` keeps working: eight
digits that make a real date become ``YYYY-MM-DD`` as soon as they are typed, and any readable
date is written that way when the field is left. :meth:`DateEdit.date` gives the value (None when
empty) or raises a :class:`~privdesk.errors.ValidationError` with a Korean message that says how to
write it — ``2026-13-40`` is refused, never turned into another day and never a crash.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QDate, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QWidget

from privdesk import clock
from privdesk.errors import ValidationError

_ISO = re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?")
_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")
FIRST_YEAR, LAST_YEAR = 1900, 2200


def parse_date(text: str, field: str = "date", label: str = "") -> dt.date | None:
    """``2026-12-05``, ``20261205``, ``2026.12.5`` (and the official ``2026. 12. 5.``) → a date; empty →
    None; anything else a ValidationError for ``field`` whose message names ``label`` (the field's
    name on the form) and says how to write it."""
    t = text.strip()
    if not t:
        return None
    name = label or QCoreApplication.translate("DateEdit", "날짜")
    m = _ISO.fullmatch(t) or _DIGITS.fullmatch(t)
    if m is None:
        raise ValidationError(
            field,
            QCoreApplication.translate(
                "DateEdit", "{label}: 2026-12-05 또는 20261205처럼 연·월·일을 입력하십시오."
            ).format(label=name),
        )
    year, month, day = (int(g) for g in m.groups())
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            field,
            QCoreApplication.translate(
                "DateEdit", "{label}: 없는 날짜입니다 ({text}). 월은 1~12, 일은 그 달의 마지막 날까지입니다."
            ).format(label=name, text=t),
        ) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            field,
            QCoreApplication.translate("DateEdit", "{label}: 연도를 확인하십시오 ({first}~{last}).").format(
                label=name, first=FIRST_YEAR, last=LAST_YEAR
            ),
        )
    return value


class DateEdit(QLineEdit):
    """A date typed or picked (see the module docstring). ``optional``: empty is allowed (the
    placeholder says so unless one is given). ``date_chosen`` fires when the calendar sets a date."""

    date_chosen = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        value: dt.date | None = None,
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
                QCoreApplication.translate("DateEdit", "YYYY-MM-DD (선택)")
                if optional
                else QCoreApplication.translate("DateEdit", "YYYY-MM-DD")
            )
        )
        self.setMaxLength(16)
        self.setToolTip(
            QCoreApplication.translate(
                "DateEdit", "2026-12-05 또는 20261205처럼 입력하거나, 오른쪽 단추(Alt+↓)로 달력을 엽니다."
            )
        )
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setObjectName("calendarButton")
        self.calendar_action.setToolTip(QCoreApplication.translate("DateEdit", "달력에서 고르기"))
        self.calendar_action.triggered.connect(lambda _checked=False: self.open_calendar())
        self.calendar: QCalendarWidget | None = None
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self.normalise)
        if value is not None:
            self.set_date(value)

    # -- the value ------------------------------------------------------------------------------
    def date(self, field: str | None = None) -> dt.date | None:
        """The date, None when empty; a ValidationError (for ``field``, default the object name)
        when the text is not a date."""
        return parse_date(self.text(), field or self.objectName() or "date", self.label)

    def set_date(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value is not None else "")

    def iso_text(self) -> str:
        """The text as ``YYYY-MM-DD`` when it is a date, else as typed (for a form that checks text)."""
        try:
            value = self.date()
        except ValidationError:
            return self.text()
        return value.isoformat() if value is not None else ""

    def is_valid(self) -> bool:
        try:
            self.date()
        except ValidationError:
            return False
        return True

    def normalise(self) -> None:
        """A readable date is written as ``YYYY-MM-DD``; anything else stays as typed (the form's
        check says what is wrong)."""
        try:
            value = self.date()
        except ValidationError:
            return
        if value is not None and self.text() != value.isoformat():
            self.setText(value.isoformat())

    def _typed(self, text: str) -> None:
        if _DIGITS.fullmatch(text.strip()):
            self.normalise()

    # -- the calendar ---------------------------------------------------------------------------
    def open_calendar(self) -> QCalendarWidget:
        """The calendar popup below the field, on the field's date (or today); a click or Enter on
        a day sets it and closes the popup, Escape closes it without a change."""
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
            current = self.date()
        except ValidationError:
            current = None
        if current is None:
            current = clock.today_kst()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        return calendar

    def _picked(self, value: QDate) -> None:
        self.setText(dt.date(value.year(), value.month(), value.day()).isoformat())
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
