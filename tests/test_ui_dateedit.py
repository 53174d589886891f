"""The kit's date field (ui/dateedit.py): typed as 2026-12-05 or 20261205, picked from the calendar
popup, an impossible date refused with a Korean message; and the forms that use it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from privdesk.context import AppContext
from privdesk.errors import ValidationError
from privdesk.ui.dateedit import DateEdit, parse_date
from privdesk.ui.registry.form import PatientFormDialog
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import officer
from tests.ui_cctv_support import runner_fixture, settle

__all__ = ["runner_fixture"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-05", dt.date(2026, 12, 5)),
        ("20261205", dt.date(2026, 12, 5)),
        ("2026.12.5", dt.date(2026, 12, 5)),
        ("2026. 12. 5.", dt.date(2026, 12, 5)),
        (" 2024-02-29 ", dt.date(2024, 2, 29)),
        ("", None),
    ],
)
def test_the_ways_a_date_may_be_written(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13-40", "생일: 없는 날짜입니다 (2026-13-40). 월은 1~12, 일은 그 달의 마지막 날까지입니다."),
        ("2025-02-29", "생일: 없는 날짜입니다 (2025-02-29). 월은 1~12, 일은 그 달의 마지막 날까지입니다."),
        ("26-12-05", "생일: 2026-12-05 또는 20261205처럼 연·월·일을 입력하십시오."),
        ("내일", "생일: 2026-12-05 또는 20261205처럼 연·월·일을 입력하십시오."),
        ("0001-01-01", "생일: 연도를 확인하십시오 (1900~2200)."),
    ],
)
def test_what_is_not_a_date_is_refused_in_korean(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text, "birth", "생일")
    assert caught.value.field == "birth" and caught.value.message == message


def test_typing_both_forms(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    edit = DateEdit(parent, name="when", label="시행일")
    other = DateEdit(parent, name="other")
    parent.show()
    qtbot.waitExposed(parent)
    parent.activateWindow()
    qtbot.waitUntil(parent.isActiveWindow, timeout=5_000)
    edit.setFocus()
    qtbot.keyClicks(edit, "20261205")
    assert edit.text() == "2026-12-05" and edit.date() == dt.date(2026, 12, 5)  # formatted as typed
    edit.clear()
    qtbot.keyClicks(edit, "2026-12-05")
    assert edit.date() == dt.date(2026, 12, 5)
    edit.clear()
    qtbot.keyClicks(edit, "2026.3.7")
    assert edit.text() == "2026.3.7"
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # leaving the field writes it the one way
    assert edit.text() == "2026-03-07" and other.hasFocus()

    edit.clear()
    qtbot.keyClicks(edit, "20261340")  # eight digits that are no date: left as typed, refused
    assert edit.text() == "20261340" and not edit.is_valid()
    with pytest.raises(ValidationError) as caught:
        edit.date()
    assert caught.value.field == "when" and caught.value.message.startswith("시행일: 없는 날짜입니다")
    edit.clear()
    assert edit.date() is None and edit.is_valid()


@pytest.mark.qt_log_ignore(  # a popup on the offscreen platform (no window manager): nothing of ours
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_the_calendar_popup_sets_the_value(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    edit = DateEdit(parent, dt.date(2026, 12, 5), name="due")
    parent.show()
    qtbot.waitExposed(parent)
    parent.activateWindow()
    qtbot.waitUntil(parent.isActiveWindow, timeout=5_000)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # Alt+↓ opens it
    calendar = edit.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2026, 12, 5)  # on the field's date
    with qtbot.waitSignal(edit.date_chosen):
        calendar.setSelectedDate(QDate(2026, 12, 24))
        qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert edit.text() == "2026-12-24" and not calendar.isVisible()

    edit.calendar_action.trigger()  # the button at the right end opens it too
    assert calendar.isVisible()
    with qtbot.waitSignal(edit.date_chosen):
        calendar.clicked.emit(QDate(2027, 1, 2))
    assert edit.date() == dt.date(2027, 1, 2)

    edit.setText("2026-13-40")  # an impossible text: the calendar opens on today, no crash
    edit.open_calendar()
    assert calendar.isVisible() and calendar.selectedDate().isValid()
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    assert edit.text() == "2026-13-40"


def test_the_patient_form_takes_a_typed_compact_date(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.ui.mainwindow import MainWindow

    win = MainWindow(sqlite_ctx, runner, officer(sqlite_ctx), idle_timeout_ms=0)
    qtbot.addWidget(win)
    form = PatientFormDialog(win, win)
    qtbot.addWidget(form)
    form.show()
    first, last = form.edits["first_visit"], form.edits["last_visit"]
    assert isinstance(first, DateEdit) and isinstance(last, DateEdit)
    first.setText("20200202")  # not yet formatted (set, not typed): the form still reads it as a date
    last.setText("2024-13-01")
    values = form.values()
    assert values.first_visit == "2020-02-02"
    assert values.last_visit == "2024-13-01"  # the form's own check says what is wrong
    form.reject()
    win.close()
    settle(qtbot, runner)
