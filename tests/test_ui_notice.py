"""The 이용·제공 내역 통지 page on a real SQLite database: the count and the year's state, the letters
to the print preview with the reason logged per patient, the batch listed, deliveries recorded, the
CSV for a mail service; the start-screen line opens it; only the officer gets the page."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from privdesk.audit.chain import Action
from privdesk.context import AppContext
from privdesk.disclosures.ledger import record_disclosure
from privdesk.store.models import AccessLogEntry
from privdesk.ui.notice.page import NoticePage
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.tablemodel import select_where
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import officer
from tests.incident_support import add_patients
from tests.test_disclosures import police
from tests.training_support import with_sections
from tests.ui_inbox_support import runner_fixture, settle, window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
__all__ = ["runner_fixture"]


def test_notice_page_letters_deliveries_and_csv(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    ids = add_patients(ctx, officer(ctx), 3)
    record_disclosure(ctx, officer(ctx), police(ids[0]))
    with_sections(ctx, notice={"threshold": 3})
    win = window(qtbot, ctx, runner, "yook")
    assert "notice" in win.page_keys()
    page = win.show_page("notice")
    assert isinstance(page, NoticePage)
    settle(qtbot, runner)
    text = page.state_label.text()
    assert "등록 환자 3명 — 통지 의무 대상입니다" in text and "아직 통지하지 않았습니다" in text
    assert not page.sent_button.isEnabled() and page.model.rows() == []

    job = page.make_letters(reason="연간 이용·제공 내역 통지", reissue=False)
    assert job is not None
    qtbot.waitUntil(lambda: job.preview is not None or job.error is not None, timeout=30_000)  # type: ignore[attr-defined]
    assert job.error is None  # type: ignore[attr-defined]
    preview = job.preview  # type: ignore[attr-defined]
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count >= 3, timeout=15_000)
    letters = subprocess.run(
        ["pdftotext", str(job.out), "-"], capture_output=True, text=True, check=True
    ).stdout  # type: ignore[attr-defined]
    assert "홍길동 님께" in letters and "관악경찰서 형사과" in letters
    preview.close()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: len(page.model.rows()) == 1, timeout=10_000)
    assert "통지함" in page.state_label.text() and page.sent_button.isEnabled()
    with ctx.session() as s:
        printed = list(s.scalars(select(AccessLogEntry).where(AccessLogEntry.action == Action.PRINT)))
    assert len(printed) == 3 and all("사유=연간 이용·제공 내역 통지" in (e.detail or "") for e in printed)

    page.record_returned("1002")
    settle(qtbot, runner)
    page.record_all_sent()
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.model.rows()[0].pending == 0, timeout=10_000)
    b = page.model.rows()[0]
    assert (b.sent, b.returned) == (2, 1) and not page.sent_button.isEnabled()

    out = tmp_path / "notice.csv"
    page.export_csv(out, "문자 발송 서비스", reissue=True)
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: len(page.model.rows()) == 2, timeout=10_000)
    assert out.exists() and page.model.rows()[0].label == f"{dt.date.today().year}년 제2차 (재발행)"
    for box in page.findChildren(QMessageBox):  # the info box the export showed
        assert "3명을 내보냈습니다" in box.text()
        box.close()
    # a letter of 제1차 returned after the reissue: recorded on 제1차, selected in the table
    assert page.target() is not None and page.target().issue == 2  # type: ignore[union-attr]
    assert select_where(page.table, page.model, lambda r: r.issue == 1)
    assert page.target().issue == 1 and not page.sent_button.isEnabled()  # type: ignore[union-attr]
    page.record_returned("1001")
    settle(qtbot, runner)
    qtbot.waitUntil(lambda: page.model.rows()[1].returned == 2, timeout=10_000)
    assert page.model.rows()[0].returned == 0 and page.model.rows()[1].sent == 1
    win.close()
    settle(qtbot, runner)


def test_the_start_screen_line_opens_the_page_and_only_the_officer_has_it(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    from tests.test_ui_today import today_of

    ctx = sqlite_ctx
    add_patients(ctx, officer(ctx), 3)
    with_sections(ctx, notice={"threshold": 3, "remind_from": "01-01"})
    win = window(qtbot, ctx, runner, "yook")
    page = today_of(qtbot, win)
    row = page.row("notice.due")
    assert row is not None and row.button.isVisible()
    row.button.click()
    settle(qtbot, runner)
    assert isinstance(win.current_page(), NoticePage)
    win.close()
    it = window(qtbot, ctx, runner, "it", ["privacy"])
    assert "notice" not in it.page_keys()
    it.close()
    settle(qtbot, runner)
