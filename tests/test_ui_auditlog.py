"""The access-log viewer: lazy loading (canFetchMore/fetchMore on keyset pages), filters, CSV
export (itself logged) and the chain verification, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from sqlalchemy import select

from privdesk import logview
from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, INTAKE
from privdesk.audit import query
from privdesk.audit.chain import Action
from privdesk.audit.reasons import reason_of
from privdesk.context import Actor, AppContext
from privdesk.store.models import AccessLogEntry
from privdesk.ui.audit.log import PAGE_SIZE, AccessLogModel, AccessLogPage
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tablemodel import ROW_ROLE
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import ReasonDialog
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.incident_support import add_patients

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ENTRIES = 1_000


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=30_000)


@pytest.fixture
def busy_log(ctx: AppContext) -> AppContext:
    """1,000 extra entries in the real chain (one transaction, appended like any use case's)."""
    with ctx.unit(None) as u:
        for i in range(ENTRIES):
            u.log(Action.VIEW, f"patient:{i}", detail="ui test")
    return ctx


@pytest.fixture
def boss(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def open_viewer(qtbot, ctx: AppContext, runner: TaskRunner, actor: Actor) -> tuple[MainWindow, AccessLogPage]:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("access_log")
    assert isinstance(page, AccessLogPage)
    settle(qtbot, runner)
    return window, page


def fetch_page(qtbot, model: AccessLogModel) -> None:  # type: ignore[no-untyped-def]
    """One fetchMore, waited for: the page is read on the task runner and appended on its return."""
    with qtbot.waitSignal(model.fetched, timeout=30_000):
        model.fetchMore(QModelIndex())


def test_model_fetches_keyset_pages_lazily_without_a_view(
    qtbot,
    busy_log: AppContext,
    boss: Actor,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
) -> None:
    flt = query.LogFilter()
    model = AccessLogModel(page_size=PAGE_SIZE, runner=runner)
    with qtbot.waitSignal(model.fetched, timeout=30_000):
        model.start(lambda before, limit: logview.page(busy_log, boss, flt, before_seq=before, limit=limit))
    assert model.rowCount() == PAGE_SIZE and model.fetches == 1
    assert model.canFetchMore(QModelIndex())
    seqs = [model.data(model.index(r, AccessLogModel.COL_SEQ), ROW_ROLE).seq for r in range(PAGE_SIZE)]
    assert seqs == sorted(seqs, reverse=True)  # newest first
    fetch_page(qtbot, model)
    assert model.rowCount() == 2 * PAGE_SIZE
    first_of_second = model.row_object(PAGE_SIZE).seq
    assert first_of_second == seqs[-1] - 1  # keyset: continues right below the last row
    while model.canFetchMore(QModelIndex()):
        fetch_page(qtbot, model)
    total = model.rowCount()
    assert total > ENTRIES and model.exhausted
    assert len({model.row_object(r).seq for r in range(total)}) == total
    assert model.headerData(AccessLogModel.COL_ACTION, Qt.Orientation.Horizontal) == "수행업무"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["번호", "일시", "계정(이름·부서)", "수행업무", "대상", "상세", "결과"]


def test_viewer_opens_with_one_page_and_scrolling_fetches_more(
    qtbot, busy_log: AppContext, runner: TaskRunner, boss: Actor
) -> None:
    window, page = open_viewer(qtbot, busy_log, runner, boss)
    model = page.model
    assert 0 < model.rowCount() < ENTRIES
    assert model.fetches == 1
    assert "아래로 내리면 더 읽습니다" in page.status.text()
    assert model.row_object(0).action == "login"  # the newest before this look: the officer's login
    assert model.data(model.index(0, AccessLogModel.COL_ACTION)) == "로그인"
    assert model.data(model.index(0, AccessLogModel.COL_ACTOR)).startswith(f"육의곤({OFFICER_LOGIN})")
    assert model.data(model.index(0, AccessLogModel.COL_SUBJECT)) == f"육의곤({OFFICER_LOGIN})"
    views = query.page(busy_log, boss, query.LogFilter(subject="access_log"))
    assert views and views[0].action == "view"  # opening the viewer is itself logged
    assert model.data(model.index(0, AccessLogModel.COL_OUTCOME)) == "성공"
    assert len(model.data(model.index(0, AccessLogModel.COL_AT))) == 19  # YYYY-MM-DD HH:MM:SS KST

    before = model.rowCount()
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > before, timeout=5_000)
    assert model.fetches >= 2
    for _ in range(20):
        page.table.scrollToBottom()
        qtbot.wait(10)
        if model.exhausted:
            break
    assert model.exhausted and model.rowCount() > ENTRIES
    assert page.status.text() == f"{model.rowCount()}건"
    window.close()
    settle(qtbot, runner)


def test_filters_by_kind_person_patient_and_period(
    qtbot, busy_log: AppContext, runner: TaskRunner, boss: Actor
) -> None:
    [pid] = add_patients(busy_log, boss, 1)  # 홍길동, chart 1001
    with busy_log.unit(None) as u:
        u.log(Action.VIEW, f"patient:{pid}", detail="ui test")
    window, page = open_viewer(qtbot, busy_log, runner, boss)
    assert page.actor_edit.placeholderText() == "이름 또는 아이디"
    assert page.subject_edit.placeholderText() == "차트번호 또는 이름"
    combo = [page.action_combo.itemText(i) for i in range(page.action_combo.count())]
    assert combo == [
        "전체",
        "조회·검색",
        "마스킹 해제",
        "내보내기·출력",
        "입력·변경·삭제",
        "로그인·계정·권한",
        "무결성·백업·시스템",
    ]
    assert not any(
        re.search(r"[a-z]+[:=_]", t)
        for t in [*combo, page.actor_edit.placeholderText(), page.subject_edit.placeholderText()]
    )
    page.action_combo.setCurrentIndex(combo.index("로그인·계정·권한"))
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)  # the pages are read on the task runner
    rows = page.model.rows()
    assert rows and {r.category for r in rows} == {"로그인·계정·권한"} and "login" in {r.action for r in rows}

    page.action_combo.setCurrentIndex(0)
    page.subject_edit.setText("홍길동")  # a name: resolved by the registry's search, never kept
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)  # the pages are read on the task runner
    rows = page.model.rows()
    assert rows and {r.subject_ref for r in rows} == {f"patient:{pid}"}
    assert rows[0].subject == "차트 1001 홍*동"
    with busy_log.session() as s:
        details = [d or "" for d in s.execute(select(AccessLogEntry.detail)).scalars()]
    assert not any("홍길동" in d for d in details)  # the typed name is in no log entry
    assert f"대상=patient:{pid}" in details  # the view's filter: the internal reference
    assert any(d.startswith("접속기록 대상 확인; 환자 1명") for d in details)  # the names shown, logged
    page.subject_edit.setText("1001")
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)  # the pages are read on the task runner
    assert {r.subject_ref for r in page.model.rows()} == {f"patient:{pid}"}

    page.subject_edit.clear()
    page.actor_edit.setText("육의")  # a name (prefix) finds the login
    page.period.enabled.setChecked(True)
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)  # the pages are read on the task runner
    rows = page.model.rows()
    assert rows and {r.actor for r in rows} == {OFFICER_LOGIN}

    page.actor_edit.setText("nobody")
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)  # the pages are read on the task runner
    assert page.model.rowCount() == 0 and page.status.text() == "0건"
    window.close()
    settle(qtbot, runner)


def test_cells_are_words_with_long_ones_as_tooltips(
    qtbot, busy_log: AppContext, runner: TaskRunner, boss: Actor
) -> None:
    window, page = open_viewer(qtbot, busy_log, runner, boss)
    model = page.model
    assert model.rowCount() > 0
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            shown = model.data(model.index(r, c))
            assert not re.search(r"\b(acct|patient):\d", shown), shown
            assert not re.search(r"\b[a-z_]+=", shown), shown
            assert model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole) == shown
    window.close()
    settle(qtbot, runner)


def test_export_asks_a_reason_and_writes_words_and_logs_it(
    qtbot,
    busy_log: AppContext,
    runner: TaskRunner,
    boss: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, page = open_viewer(qtbot, busy_log, runner, boss)
    assert page.export_button is not None and page.verify_button is not None
    page.action_combo.setCurrentIndex(page.action_combo.findData("look"))
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "log.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    seen: list[bool] = []

    def answer(text: str | None) -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, ReasonDialog) and w.isVisible()
        )
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen.append(ok.isEnabled())  # no reason, no export
        if text is None:
            dialog.reject()
            return
        dialog.reason.setPlainText(text)
        ok.click()

    QTimer.singleShot(0, lambda: answer(None))
    page.export_button.click()
    settle(qtbot, runner)
    assert not out.exists()
    QTimer.singleShot(0, lambda: answer("외부 감사 자료 제출"))
    page.export_button.click()
    settle(qtbot, runner)
    assert seen == [False, False]
    with out.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][0] == "번호" and lines[0][-3:] == ["계정 ID", "대상 참조", "수행업무 코드"]
    assert len(lines) > ENTRIES
    mine = [row for row in lines[1:] if row[13] == "patient:42"]
    assert mine and mine[0][7] == "환자 조회" and mine[0][2] == "시스템(자동)" and mine[0][6] == "조회·검색"
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "건을 내보냈습니다" in boxes[-1].text()
    exports = query.page(busy_log, boss, query.LogFilter(action="export"))
    assert len(exports) == 1 and exports[0].actor == OFFICER_LOGIN
    assert reason_of(exports[0].detail) == "외부 감사 자료 제출" and "분류=look" in (exports[0].detail or "")
    window.close()
    settle(qtbot, runner)


def test_verify_button_shows_the_result(qtbot, busy_log: AppContext, runner: TaskRunner, boss: Actor) -> None:
    window, page = open_viewer(qtbot, busy_log, runner, boss)
    assert page.verify_button is not None
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert page.last_verify is not None and page.last_verify.ok
    assert page.last_verify.checked > ENTRIES
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "위·변조가 없습니다" in boxes[-1].text()
    assert page.verify_button.isEnabled()
    window.close()
    settle(qtbot, runner)


def test_auditor_sees_the_log_but_no_account_management(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:
    _, otp = users.add_account(ctx, boss, login="audit", name="감사인", roles=[AUDITOR])
    auditor = users.change_password(ctx, users.login(ctx, "audit", otp), otp, "Checker-pass1")
    window, page = open_viewer(qtbot, ctx, runner, auditor)
    assert window.page_keys() == [
        "today",
        "cctv",
        "incidents",
        "complaints",
        "access_log",
        "review",
        "permission_history",
    ]  # read-only (and the monthly review)
    assert page.model.rowCount() > 0
    assert page.verify_button is not None and page.export_button is not None
    assert page.subject_edit.placeholderText() == "차트번호"  # no names for an account that may not read them
    page.subject_edit.setText("홍길동")
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "차트번호로만" in boxes[-1].text() and page.model.rowCount() == 0
    for box in boxes:
        box.close()
    window.close()
    settle(qtbot, runner)

    _, otp = users.add_account(ctx, boss, login="desk", name="접수", roles=[INTAKE])
    desk = users.change_password(ctx, users.login(ctx, "desk", otp), otp, "Intake-pass1")
    window = MainWindow(ctx, runner, desk, idle_timeout_ms=0)
    qtbot.addWidget(window)
    assert "access_log" not in window.page_keys()
    window.close()
    settle(qtbot, runner)
