"""The PDF preview dialog: loads a real generated record, navigates pages, zooms, prints to a PDF
file through an injected QPrinter (no dialog), saves a copy, and removes a temporary file on close."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from privdesk import clock
from privdesk.accounts import users
from privdesk.cctv import printing, viewlog
from privdesk.cctv.viewlog import QuickViewing
from privdesk.context import AppContext
from privdesk.ui.pdfpreview import PdfPreviewDialog
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def pdfinfo_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def three_pages(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    for n in range(3):
        c.drawString(72, 500, f"page {n + 1}")
        c.showPage()
    c.save()
    return path


def open_preview(qtbot, path: Path, **kw) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    dialog = PdfPreviewDialog(path, "관리대장", **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready and dialog.page_count > 0, timeout=15_000)
    return dialog


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_preview_of_a_real_ledger_prints_to_a_pdf_file_and_saves_a_copy(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    boss = users.login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    day = clock.today_kst() - dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(9), tzinfo=clock.KST)
    viewlog.record_viewing(
        sqlite_ctx,
        boss,
        QuickViewing(["CAM-01"], start, start + dt.timedelta(hours=1), "출입문 파손 확인", witness="최입회"),
    )
    source = tmp_path / "ledger.pdf"
    result = printing.print_ledger(sqlite_ctx, boss, day, clock.today_kst(), source, reason="업무 확인")
    dialog = open_preview(qtbot, source, suggested_name="관리대장.pdf")
    assert dialog.page_count == result.pages == pdfinfo_pages(source)
    assert dialog.page_total.text() == f"/ {result.pages}" and dialog.print_button.isEnabled()
    assert dialog.status.text() == f"관리대장.pdf — {result.pages}쪽"

    printed = tmp_path / "printed.pdf"
    assert dialog.print_to(pdf_printer(printed)) == result.pages
    assert printed.stat().st_size > 10_000 and pdfinfo_pages(printed) == result.pages
    assert dialog.status.text() == f"{result.pages}쪽을 인쇄했습니다."

    copy = dialog.save_to(tmp_path / "copy")  # the extension is added
    assert copy.name == "copy.pdf" and copy.read_bytes() == source.read_bytes()
    dialog.reject()
    assert source.exists()  # not a temporary file: left alone


def test_navigation_zoom_and_a_page_range(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_preview(qtbot, three_pages(tmp_path / "three.pdf"))
    assert dialog.page_count == 3 and dialog.current_page() == 0
    assert not dialog.prev_button.isEnabled() and dialog.next_button.isEnabled()
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.current_page() == 1, timeout=5_000)
    assert dialog.page_spin.value() == 2 and dialog.prev_button.isEnabled()
    dialog.page_spin.setValue(3)
    qtbot.waitUntil(lambda: dialog.current_page() == 2, timeout=5_000)
    assert not dialog.next_button.isEnabled()

    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    dialog.zoom_combo.setCurrentIndex(dialog.zoom_combo.findData(1.0))
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom and dialog.view.zoomFactor() == 1.0
    dialog.zoom_in_button.click()
    assert dialog.view.zoomFactor() == 1.25 and dialog.zoom_combo.currentText() == "125%"
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert dialog.view.zoomFactor() == 0.75
    dialog.zoom_combo.setCurrentIndex(dialog.zoom_combo.findData("fit_page"))
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitInView

    printer = pdf_printer(tmp_path / "two.pdf")
    printer.setFromTo(2, 3)
    assert dialog.print_to(printer) == 2 and pdfinfo_pages(tmp_path / "two.pdf") == 2
    dialog.reject()


def test_a_temporary_preview_removes_its_file_and_a_broken_file_is_said(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "print-tmp"
    folder.mkdir()
    path = three_pages(folder / "notice.pdf")
    dialog = open_preview(qtbot, path, temporary=True)
    dialog.close()
    assert not path.exists() and not folder.exists()

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    bad = PdfPreviewDialog(broken, "깨진 파일")
    qtbot.addWidget(bad)
    bad.show()
    qtbot.waitUntil(lambda: "열 수 없습니다" in bad.status.text(), timeout=5_000)
    assert bad.page_count == 0 and not bad.print_button.isEnabled() and not bad.save_button.isEnabled()
    assert bad.print_to(pdf_printer(tmp_path / "none.pdf")) == 0
    bad.reject()
