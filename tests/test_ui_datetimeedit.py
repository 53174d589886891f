"""The kit's date-and-time field (ui/datetimeedit.py): typed as 2026-12-05 14:30 or 202612051430,
the date picked from the calendar popup keeping the time, an impossible value refused with a Korean
message; and the incident forms (사고 등록, 통지·신고 기록) that use it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from privdesk import clock
from privdesk.context import AppContext
from privdesk.errors import ValidationError
from privdesk.ui.datetimeedit import DateTimeEdit, parse_datetime
from privdesk.ui.incidents.page import IncidentsPage, OpenDialog, SentDialog
from privdesk.ui.tasks import TaskRunner
from tests.ui_inbox_support import ok, runner_fixture, settle, window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
__all__ = ["runner_fixture"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-05 14:30", dt.datetime(2026, 12, 5, 14, 30)),
        ("202612051430", dt.datetime(2026, 12, 5, 14, 30)),
        ("2026-12-05 1430", dt.datetime(2026, 12, 5, 14, 30)),
        ("2026.12.5 9:05", dt.datetime(2026, 12, 5, 9, 5)),
        ("2026. 12. 5. 09:05", dt.datetime(2026, 12, 5, 9, 5)),
        ("2026-12-05T00:00", dt.datetime(2026, 12, 5, 0, 0)),
        (" 2024-02-29 23:59 ", dt.datetime(2024, 2, 29, 23, 59)),
        ("", None),
    ],
)
def test_the_ways_a_moment_may_be_written(text: str, expected: dt.datetime | None) -> None:
    assert parse_datetime(text) == expected


HOW = "인지 일시: 2026-12-05 14:30 또는 202612051430처럼 날짜와 시각(한국 시간, 24시간제)을 입력하십시오."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-12-05", HOW),  # a date alone: the time is part of the duty's clock
        ("2026-12-05 오후 2시", HOW),
        ("어제 저녁", HOW),
        ("2026121514", HOW),
        ("2026-12-05 24:00", "인지 일시: 없는 시각입니다 (2026-12-05 24:00). 시는 0~23, 분은 0~59입니다."),
        ("2026-12-05 14:60", "인지 일시: 없는 시각입니다 (2026-12-05 14:60). 시는 0~23, 분은 0~59입니다."),
        (
            "2025-02-29 10:00",
            "인지 일시: 없는 날짜입니다(2025-02-29). 월은 1~12, 일은 그 달의 마지막 날까지입니다.",
        ),
    ],
)
def test_what_is_not_a_moment_is_refused_in_korean(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_datetime(text, "learnt_at", "인지 일시")
    assert caught.value.field == "learnt_at"
    assert caught.value.message.replace(" (", "(") == message.replace(" (", "(")


def test_typing_both_forms_and_the_instant_in_utc(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    edit = DateTimeEdit(parent, name="when", label="보낸 일시")
    other = DateTimeEdit(parent, name="other", optional=True)
    assert "선택" in other.placeholderText() and "선택" not in edit.placeholderText()
    parent.show()
    qtbot.waitExposed(parent)
    parent.activateWindow()
    qtbot.waitUntil(parent.isActiveWindow, timeout=5_000)
    edit.setFocus()
    qtbot.keyClicks(edit, "202612051430")
    assert edit.text() == "2026-12-05 14:30"  # formatted as soon as the twelve digits are in
    assert edit.value() == dt.datetime(2026, 12, 5, 14, 30)
    assert edit.instant() == dt.datetime(2026, 12, 5, 5, 30, tzinfo=dt.UTC)  # KST is UTC+9
    edit.clear()
    qtbot.keyClicks(edit, "2026.3.7 9:05")
    assert edit.text() == "2026.3.7 9:05"
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # leaving the field writes it the one way
    assert edit.text() == "2026-03-07 09:05" and other.hasFocus()

    edit.clear()
    qtbot.keyClicks(edit, "202612052561")  # twelve digits that are no time: left as typed, refused
    assert edit.text() == "202612052561" and not edit.is_valid()
    with pytest.raises(ValidationError) as caught:
        edit.value()
    assert caught.value.field == "when" and caught.value.message.startswith("보낸 일시: 없는 시각입니다")
    edit.clear()
    assert edit.value() is None and edit.instant() is None and edit.is_valid()

    edit.set_value(dt.datetime(2026, 12, 4, 23, 10, tzinfo=dt.UTC))  # an instant is shown in KST
    assert edit.text() == "2026-12-05 08:10"


@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_the_calendar_sets_the_date_and_keeps_the_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    edit = DateTimeEdit(parent, dt.datetime(2026, 12, 5, 14, 30), name="learnt")
    parent.show()
    qtbot.waitExposed(parent)
    parent.activateWindow()
    qtbot.waitUntil(parent.isActiveWindow, timeout=5_000)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = edit.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2026, 12, 5)
    with qtbot.waitSignal(edit.date_chosen):
        calendar.setSelectedDate(QDate(2026, 12, 3))
        qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert edit.text() == "2026-12-03 14:30" and not calendar.isVisible()  # the time stays

    edit.clear()  # no time typed yet: the day picked, at the time now
    edit.calendar_action.trigger()
    assert calendar.isVisible() and calendar.selectedDate() == QDate(*clock.today_kst().timetuple()[:3])
    with qtbot.waitSignal(edit.date_chosen):
        calendar.clicked.emit(QDate(2027, 1, 2))
    value = edit.value()
    assert value is not None and value.date() == dt.date(2027, 1, 2)

    edit.setText("2026-13-40 10:00")  # an impossible text: the calendar opens on today, no crash
    edit.open_calendar()
    assert calendar.isVisible() and calendar.selectedDate().isValid()
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    assert edit.text() == "2026-13-40 10:00"


def test_the_incident_forms_take_typed_moments_and_refuse_a_bad_one(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    win = window(qtbot, sqlite_ctx, runner, "jeong", ["privacy"])
    page = win.show_page("incidents")
    assert isinstance(page, IncidentsPage)
    settle(qtbot, runner)
    dialog = page.new_incident()
    assert isinstance(dialog, OpenDialog)
    assert isinstance(dialog.learnt, DateTimeEdit) and isinstance(dialog.happened, DateTimeEdit)
    assert dialog.learnt.is_valid() and dialog.learnt.value() is not None  # starts at now
    dialog.learnt.setText("2026-12-05 25:10")
    dialog.summary.setPlainText("노트북 분실")
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.isVisible() and page.model.rowCount() == 0  # nothing saved
    assert dialog.error.text().startswith("인지 일시: 없는 시각입니다")

    dialog.learnt.setText("")
    ok(dialog)
    settle(qtbot, runner)
    assert dialog.isVisible() and dialog.error.text().startswith("인지 일시:")

    dialog.learnt.setText("202612010930")  # set, not typed: still read as a moment
    dialog.happened.setText("2026-11-30 2200")
    ok(dialog)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=15_000)  # the dialog closed, saved
    row = page.model.rows()[0]
    assert clock.aware(row.learnt_at) == dt.datetime(2026, 12, 1, 0, 30, tzinfo=dt.UTC)
    assert row.happened_at is not None
    assert clock.aware(row.happened_at) == dt.datetime(2026, 11, 30, 13, 0, tzinfo=dt.UTC)

    assert page.select(row.id)
    settle(qtbot, runner)
    sent = page.record_sent()
    assert isinstance(sent, SentDialog) and isinstance(sent.at, DateTimeEdit)
    sent.at.setText("12월 2일")
    ok(sent)
    settle(qtbot, runner)
    assert sent.isVisible() and sent.error.text().startswith("보낸 일시: 2026-12-05 14:30 또는")
    sent.people.setValue(2)
    sent.at.setText("202612021000")  # the moment is read; the register answers (nobody added yet)
    ok(sent)
    settle(qtbot, runner)
    assert sent.isVisible() and "정보주체" in sent.error.text() and "보낸 일시" not in sent.error.text()
    sent.reject()
    win.close()
