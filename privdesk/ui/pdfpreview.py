"""The PDF preview (인쇄 미리보기): a printed record shown in the application before it goes to paper.

:class:`PdfPreviewDialog` shows a PDF with :class:`QPdfView` (every page, scrolling), page
navigation, zoom, 인쇄 (through the system print dialog, :class:`QPrintDialog`) and 저장 (save a
copy). Printing renders each page with :meth:`QPdfDocument.render` into the printer's painter, so
whatever the printer driver is, the paper shows the same embedded fonts as the PDF.

A preview of a temporary file (``temporary=True``) removes the file when the dialog closes: printed
records carry personal data and should not linger in the temporary folder.

Tests inject the printer: :meth:`PdfPreviewDialog.print_to` prints to a given :class:`QPrinter`
(e.g. one with ``setOutputFileName``) without any dialog.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from privdesk import files
from privdesk.errors import PrivdeskError
from privdesk.files import Output, Protected
from privdesk.ui import messages

log = logging.getLogger("privdesk.ui")

MAX_PRINT_DPI = 300  # a page image at 300 dpi is ~35 MB; a 1200 dpi printer gains nothing from more
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FIT_WIDTH, FIT_PAGE = "fit_width", "fit_page"


class PdfPreviewDialog(QDialog):
    """A PDF in a window: pages, zoom, print and save. ``suggested_name`` is the save dialog's default."""

    def __init__(
        self,
        path: Path,
        title: str,
        parent: QWidget | None = None,
        *,
        suggested_name: str = "",
        temporary: bool = False,
        protected: Sequence[Protected] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.setWindowTitle(self.tr("미리보기 — {title}").format(title=title))
        self.path = Path(path)
        self.temporary = temporary
        self.protected = tuple(protected)  # privdesk's own files: a copy never replaces them
        self.suggested_name = suggested_name or self.path.name
        self.printed_pages = 0

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        bar = QHBoxLayout()
        self.prev_button = self._button(bar, "prevPage", self.tr("◀ 이전"), self.previous_page)
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setMinimum(1)
        self.page_spin.setMaximum(1)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        bar.addWidget(self.page_spin)
        self.page_total = QLabel("/ 0", self)
        self.page_total.setObjectName("pageTotal")
        bar.addWidget(self.page_total)
        self.next_button = self._button(bar, "nextPage", self.tr("다음 ▶"), self.next_page)
        bar.addSpacing(16)
        self.zoom_out_button = self._button(bar, "zoomOut", "−", self.zoom_out)
        self.zoom_combo = QComboBox(self)
        self.zoom_combo.setObjectName("zoomCombo")
        self.zoom_combo.addItem(self.tr("폭 맞춤"), FIT_WIDTH)
        self.zoom_combo.addItem(self.tr("쪽 맞춤"), FIT_PAGE)
        for factor in ZOOM_STEPS:
            self.zoom_combo.addItem(f"{round(factor * 100)}%", factor)
        self.zoom_combo.currentIndexChanged.connect(lambda _i: self._apply_zoom())
        bar.addWidget(self.zoom_combo)
        self.zoom_in_button = self._button(bar, "zoomIn", "+", self.zoom_in)
        bar.addStretch(1)
        self.print_button = self._button(bar, "printButton", self.tr("인쇄…"), self.print_with_dialog)
        self.save_button = self._button(bar, "saveButton", self.tr("저장…"), self.save_with_dialog)
        self.close_button = self._button(bar, "closeButton", self.tr("닫기"), self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        layout.addWidget(self.status)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_with_dialog)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, self.next_page)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, self.previous_page)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.document.statusChanged.connect(self._status_changed)
        self.document.pageCountChanged.connect(lambda _n: self._update_pages())
        self.resize(900, 800)
        error = self.document.load(str(self.path))
        if error != QPdfDocument.Error.None_:
            self.status.setText(self.tr("PDF 파일을 열 수 없습니다: {name}").format(name=self.path.name))
        self._update_pages()

    def _button(self, bar: QHBoxLayout, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        bar.addWidget(button)
        return button

    # -- state ----------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def _status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            self._update_pages()
        elif status == QPdfDocument.Status.Error:
            self.status.setText(self.tr("PDF 파일을 열 수 없습니다: {name}").format(name=self.path.name))
            self._update_pages()

    def _update_pages(self) -> None:
        n = self.page_count
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, n))
        self.page_spin.setValue(min(self.current_page() + 1, max(1, n)))
        self.page_spin.blockSignals(False)
        self.page_total.setText(f"/ {n}")
        for widget in (
            self.page_spin,
            self.print_button,
            self.save_button,
            self.zoom_combo,
            self.zoom_in_button,
            self.zoom_out_button,
        ):
            widget.setEnabled(n > 0)
        self.prev_button.setEnabled(n > 0 and self.current_page() > 0)
        self.next_button.setEnabled(n > 0 and self.current_page() < n - 1)
        if n > 0:
            self.status.setText(self.tr("{name} — {n}쪽").format(name=self.suggested_name, n=n))

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count - 1)

    # -- navigation and zoom ------------------------------------------------------------------
    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count:
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def _apply_zoom(self) -> None:
        value = self.zoom_combo.currentData()
        if value == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(value))

    def _step_zoom(self, direction: int) -> None:
        current = self.zoom_combo.currentData()
        factor = self.view.zoomFactor() if isinstance(current, str) else float(current)
        steps = [f for f in ZOOM_STEPS if (f > factor + 1e-6 if direction > 0 else f < factor - 1e-6)]
        if steps:
            target = steps[0] if direction > 0 else steps[-1]
            self.zoom_combo.setCurrentIndex(self.zoom_combo.findData(target))

    def zoom_in(self) -> None:
        self._step_zoom(+1)

    def zoom_out(self) -> None:
        self._step_zoom(-1)

    # -- printing -------------------------------------------------------------------------------
    def print_with_dialog(self) -> None:
        """인쇄: the system print dialog, then the pages to the chosen printer."""
        if not self.ready or self.page_count == 0:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        self._match_orientation(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("인쇄"))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, self.page_count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def _match_orientation(self, printer: QPrinter) -> None:
        size = self.document.pagePointSize(0)
        landscape = size.width() > size.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )

    def _page_range(self, printer: QPrinter) -> range:
        n = self.page_count
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0 and last <= 0:
            return range(n)
        first = max(1, first or 1)
        last = min(n, last or n)
        return range(first - 1, last)

    def print_to(self, printer: QPrinter) -> int:
        """Print every page (or the printer's page range) to ``printer``; returns the pages printed.
        Each page is rendered at up to :data:`MAX_PRINT_DPI` and scaled into the printable area,
        keeping its proportions."""
        if not self.ready or self.page_count == 0:
            return 0
        pages = self._page_range(printer)
        painter = QPainter()
        if not painter.begin(printer):
            messages.show_error(
                self, RuntimeError(self.tr("프린터를 열 수 없습니다. 프린터 설정을 확인하십시오."))
            )
            return 0
        printed = 0
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            for i, page in enumerate(pages):
                if i > 0:
                    printer.newPage()
                size = self.document.pagePointSize(page)
                image = self.document.render(
                    page,
                    QSize(max(1, round(size.width() * dpi / 72)), max(1, round(size.height() * dpi / 72))),
                )
                area = painter.viewport()
                scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(
                    area.x() + (area.width() - scaled.width()) // 2,
                    area.y() + (area.height() - scaled.height()) // 2,
                    scaled.width(),
                    scaled.height(),
                )
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        self.printed_pages = printed
        self.status.setText(self.tr("{n}쪽을 인쇄했습니다.").format(n=printed))
        return printed

    # -- saving ---------------------------------------------------------------------------------
    def save_with_dialog(self) -> None:
        """저장: a copy of the PDF where the user chooses."""
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("PDF 저장"), self.suggested_name, self.tr("PDF 파일 (*.pdf)")
        )
        if target:
            self.save_to(Path(target), confirmed=True)

    def save_to(self, target: Path, *, confirmed: bool = False) -> Path:
        """Copy the PDF to ``target`` through the one safe writer. ``confirmed``: the save dialog
        asked before replacing that very file (a name changed afterwards never replaces one)."""
        if target.suffix.lower() != ".pdf":
            target, confirmed = target.with_name(target.name + ".pdf"), False
        try:
            files.copy_file(self.path, Output(target, force=confirmed, protected=self.protected))
        except PrivdeskError as exc:
            messages.show_error(self, exc)
            return target
        except OSError as exc:
            log.warning("could not save the PDF copy: %s", exc.__class__.__name__)
            messages.show_error(
                self, RuntimeError(self.tr("파일을 저장할 수 없습니다: {name}").format(name=target.name))
            )
            return target
        self.status.setText(self.tr("저장했습니다: {path}").format(path=target))
        return target

    # -- closing --------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._release()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._release()
        super().closeEvent(event)

    def _release(self) -> None:
        """Close the document; a temporary file is removed with its folder when that is empty."""
        if self.document.status() != QPdfDocument.Status.Null:
            self.document.close()
        if self.temporary:
            self.path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                self.path.parent.rmdir()
