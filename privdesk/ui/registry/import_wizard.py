"""The import wizard (환자 명부 가져오기 마법사): file and encoding with a decoded preview, the
header mapping, the import with a progress bar and a cancel button, and the summary.

The import runs off the GUI thread through the :class:`~privdesk.ui.tasks.TaskRunner`; the use
case's ``progress`` callback is called on the worker thread and reaches the progress bar through
a queued signal; cancelling sets a flag the use case polls (``cancel``), and the use case rolls
the unfinished batch back. Resident and phone numbers in the preview are masked: the preview is
there to check that Hangul decodes, not to read the numbers.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from privdesk.errors import PrivdeskError, ValidationError
from privdesk.korean import josa, particle_in
from privdesk.registry.importer import (
    FIELDS,
    REQUIRED,
    ImportFileError,
    ImportResult,
    auto_mapping,
    detect_encoding,
    import_patients,
    read_header,
)
from privdesk.registry.source import Problem, records
from privdesk.registry.validation import mask_phone, normalise_phone
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.login import ERROR_STYLE, OK_STYLE
from privdesk.ui.progress import Progress
from privdesk.ui.registry.form import field_label

PREVIEW_ROWS = 5
ENCODINGS = (
    ("auto", QT_TRANSLATE_NOOP("FilePage", "자동 판별")),
    ("utf-8", "UTF-8"),
    ("cp949", QT_TRANSLATE_NOOP("FilePage", "CP949 (EUC-KR, 한글 Excel)")),
)
_FORM_KEYS = {"phone": "phone0", "phone2": "phone1", "phone3": "phone2"}  # the importer's → the form's


def map_label(name: str) -> str:
    """An import field's name: the patient form's own label (one wording for both screens)."""
    return field_label(_FORM_KEYS.get(name, name))


_RRN = re.compile(r"^(\d{6})-?(\d)\d{6}$")
_PHONE_LIKE = re.compile(r"^[\d\-\s()+.]{8,16}$")


@dataclass(frozen=True)
class Preview:
    encoding: str  # what the file is read with
    header: list[str]
    rows: list[list[str]]


def resolve_encoding(path: Path, choice: str) -> str:
    if choice == "auto":
        return detect_encoding(path)
    if choice == "utf-8":
        with path.open("rb") as fh:
            if fh.read(3) == codecs.BOM_UTF8:
                return "utf-8-sig"
    return choice


def read_preview(path: Path, choice: str) -> Preview:
    """The header and the first rows of ``path`` decoded as chosen (raises ImportFileError)."""
    encoding = resolve_encoding(path, choice)
    header = read_header(path, encoding)
    rows: list[list[str]] = []
    for _line, cells in records(path, encoding):  # bounded: a huge row is a Problem, not memory
        if isinstance(cells, Problem):
            if "인코딩" in cells.reason:
                raise ImportFileError(
                    f"파일을 {josa(encoding, '으로/로')} 읽을 수 없습니다: {path.name}. 다른 인코딩을 고르십시오."
                )
            continue
        rows.append([mask_cell(c) for c in cells])
        if len(rows) >= PREVIEW_ROWS:
            break
    return Preview(encoding, header, rows)


def mask_cell(text: str) -> str:
    """Resident and phone numbers as the registry shows them (``900101-1******``, ``010-****-5678``)."""
    value = text.strip()
    m = _RRN.match(value)
    if m:
        return f"{m.group(1)}-{m.group(2)}******"
    if _PHONE_LIKE.match(value):
        try:
            return mask_phone(normalise_phone(value))
        except ValidationError:
            return text  # chart numbers, dates and other digits stay as they are
    return text


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("1. 파일과 인코딩"))
        self.setSubTitle(
            self.tr("EMR에서 내보낸 CSV 파일을 고르십시오. 한글이 제대로 보이는지 미리보기로 확인하십시오.")
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        row.addWidget(self.path_edit, 1)
        browse = QPushButton(self.tr("찾아보기…"), self)
        browse.setObjectName("browseButton")
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        form.addRow(self.tr("파일"), row)
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("encoding")
        for code, label in ENCODINGS:
            self.encoding.addItem(QCoreApplication.translate("FilePage", label), code)
        form.addRow(self.tr("문자 인코딩"), self.encoding)
        layout.addLayout(form)
        self.info = QLabel(self)
        self.info.setObjectName("previewInfo")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName("preview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.preview: Preview | None = None
        self.path_edit.textChanged.connect(lambda _t: self.load_preview())
        self.encoding.currentIndexChanged.connect(lambda _i: self.load_preview())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("가져올 파일"),
            self.path_edit.text(),
            self.tr("CSV 파일 (*.csv *.txt);;모든 파일 (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def load_preview(self) -> None:
        """Decode the first rows (small reads; detection reads the file once)."""
        self.preview = None
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        text = self.path_edit.text().strip()
        if not text:
            self.info.setText("")
        elif not self.path().is_file():
            self.info.setStyleSheet(ERROR_STYLE)
            self.info.setText(self.tr("파일이 없습니다: {path}").format(path=text))
        else:
            try:
                self.preview = read_preview(self.path(), self.encoding.currentData())
            except PrivdeskError as exc:
                self.info.setStyleSheet(ERROR_STYLE)
                self.info.setText(str(exc))
            else:
                self._show(self.preview)
        self.completeChanged.emit()

    def _show(self, p: Preview) -> None:
        label = {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "cp949": "CP949 (EUC-KR)"}.get(
            p.encoding, p.encoding
        )
        self.info.setStyleSheet(OK_STYLE)
        text = self.tr(
            "{encoding}{ro} 읽습니다. 열 {columns}개, 처음 {rows}줄 미리보기 "
            "(주민등록번호·전화번호는 가려서 표시)."
        )
        ro = particle_in(text, label, "으로/로")
        self.info.setText(text.format(encoding=label, ro=ro, columns=len(p.header), rows=len(p.rows)))
        self.table.setColumnCount(len(p.header))
        self.table.setHorizontalHeaderLabels(p.header)
        self.table.setRowCount(len(p.rows))
        for r, cells in enumerate(p.rows):
            for c, value in enumerate(cells[: len(p.header)]):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def isComplete(self) -> bool:
        return self.preview is not None


class MappingPage(QWizardPage):
    """One list per field, pre-filled from the header names the importer knows."""

    NONE = ""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("2. 열 지정"))
        self.setSubTitle(
            self.tr("각 항목을 파일의 어느 열에서 읽을지 고르십시오. 알려진 머리글은 미리 골라 두었습니다.")
        )
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for name in FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"map_{name}")
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            label = map_label(name) + (self.tr(" (필수)") if name in REQUIRED else "")
            form.addRow(label, combo)
            self.combos[name] = combo
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("mappingMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:
        preview = self.wiz.file_page.preview
        header = preview.header if preview else []
        suggested = auto_mapping(header)
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(가져오지 않음)"), self.NONE)
            for col in header:
                combo.addItem(col, col)
            index = combo.findData(suggested.get(name, self.NONE))
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self._changed()

    def mapping(self) -> dict[str, str]:
        return {name: combo.currentData() for name, combo in self.combos.items() if combo.currentData()}

    def problem(self) -> str:
        mapping = self.mapping()
        missing = [map_label(f) for f in REQUIRED if f not in mapping]
        if missing:
            return self.tr("필수 항목의 열을 고르십시오: {fields}").format(fields=", ".join(missing))
        used = list(mapping.values())
        twice = sorted({c for c in used if used.count(c) > 1})
        if twice:
            return self.tr("한 열을 두 항목에 쓸 수 없습니다: {column}").format(column=twice[0])
        return ""

    def _changed(self) -> None:
        self.message.setText(self.problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problem()


class ProgressPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("3. 가져오는 중"))
        self.setSubTitle(
            self.tr("행마다 검증하고 암호화해 저장합니다. 취소하면 진행 중인 묶음은 저장되지 않습니다.")
        )
        layout = QVBoxLayout(self)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progress")
        self.bar.setRange(0, 0)
        layout.addWidget(self.bar)
        self.label = QLabel(self)
        self.label.setObjectName("progressLabel")
        layout.addWidget(self.label)
        self.cancel_button = QPushButton(self.tr("가져오기 취소"), self)
        self.cancel_button.setObjectName("cancelImportButton")
        self.cancel_button.clicked.connect(self.wiz.cancel_import)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.cancel_button.setEnabled(True)
        self.label.setText(self.tr("시작하는 중…"))
        self.wiz.start_import()

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.label.setText(self.tr("{done} / {total}행 처리").format(done=done, total=total))

    def isComplete(self) -> bool:
        return self.done


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("4. 결과"))
        layout = QVBoxLayout(self)
        self.headline = QLabel(self)
        self.headline.setObjectName("summaryHeadline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        form = QFormLayout()
        self.counts: dict[str, QLabel] = {}
        for key, label in (
            ("imported", self.tr("가져옴")),
            ("rejected", self.tr("거부 (오류)")),
            ("duplicates", self.tr("이미 등록되어 건너뜀")),
            ("warnings", self.tr("검증번호 경고 (가져옴)")),
        ):
            value = QLabel(self)
            value.setObjectName(f"count_{key}")
            form.addRow(label, value)
            self.counts[key] = value
        layout.addLayout(form)
        self.rejects_label = QLabel(self)
        self.rejects_label.setObjectName("rejectsPath")
        self.rejects_label.setWordWrap(True)
        layout.addWidget(self.rejects_label)
        self.open_rejects_button = QPushButton(self.tr("거부된 행 파일 열기"), self)
        self.open_rejects_button.setObjectName("openRejectsButton")
        self.open_rejects_button.clicked.connect(self.open_rejects)
        layout.addWidget(self.open_rejects_button)
        layout.addStretch(1)

    def initializePage(self) -> None:
        r, error = self.wiz.outcome, self.wiz.error
        if r is None:
            self.headline.setStyleSheet(ERROR_STYLE)
            self.headline.setText(self.tr("가져오지 못했습니다: {message}").format(message=error or ""))
            for value in self.counts.values():
                value.setText("-")
            self.rejects_label.clear()
            self.open_rejects_button.setEnabled(False)
            return
        self.headline.setStyleSheet(ERROR_STYLE if r.cancelled else OK_STYLE)
        self.headline.setText(
            self.tr("취소했습니다. 아래 건수까지만 저장되었고, 진행 중이던 묶음은 저장되지 않았습니다.")
            if r.cancelled
            else self.tr("가져오기를 마쳤습니다.")
        )
        self.counts["imported"].setText(str(r.imported))
        self.counts["rejected"].setText(str(r.rejected))
        self.counts["duplicates"].setText(str(r.skipped_duplicates))
        self.counts["warnings"].setText(str(r.warnings))
        self.rejects_label.setText(self.tr("거부된 행과 사유: {path}").format(path=r.rejects_path))
        self.open_rejects_button.setEnabled(r.rejected > 0 and r.rejects_path.is_file())

    def rejects_url(self) -> QUrl:
        r = self.wiz.outcome
        return QUrl.fromLocalFile(str(r.rejects_path)) if r is not None else QUrl()

    def open_rejects(self) -> None:
        url = self.rejects_url()
        if url.isValid():
            QDesktopServices.openUrl(url)


class ImportWizard(QWizard):
    """가져오기 (permission: patient.import). ``batch_size`` is the use case's (tests lower it)."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.batch_size = 5000
        self.outcome: ImportResult | None = None  # not `result`: QDialog.result() is Qt's
        self.error: str | None = None
        self.running = False
        # the import's progress reports and its cancel flag (the bar is a page of the wizard, not a dialog)
        self.tracker = Progress(self, on_step=self._show_progress)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("환자 명부 가져오기"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for which, text in (
            (QWizard.WizardButton.NextButton, self.tr("다음")),
            (QWizard.WizardButton.BackButton, self.tr("이전")),
            (QWizard.WizardButton.CommitButton, self.tr("가져오기 시작")),
            (QWizard.WizardButton.FinishButton, self.tr("닫기")),
            (QWizard.WizardButton.CancelButton, self.tr("취소")),
        ):
            self.setButtonText(which, text)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.progress_page = ProgressPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.file_page, self.mapping_page, self.progress_page, self.summary_page):
            self.addPage(page)
        self.resize(760, 560)

    def start_import(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        path, encoding = self.file_page.path(), self.file_page.encoding.currentData()
        mapping, batch = self.mapping_page.mapping(), self.batch_size
        tracker = self.tracker
        tracker.reset()
        self.outcome, self.error, self.running = None, None, True
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)

        def work() -> ImportResult:
            return import_patients(
                ctx,
                actor,
                path,
                encoding=encoding,
                mapping=mapping,
                batch_size=batch,
                progress=tracker.report,
                cancel=tracker.is_cancelled,
            )

        self.host.runner.run(
            work, owner=self, on_done=self._finished, on_error=self._failed, changes=frozenset({"registry"})
        )

    def _show_progress(self, done: int, total: int) -> None:
        self.progress_page.show_progress(done, total)

    def cancel_import(self) -> None:
        if self.running:
            self.tracker.cancel()
            self.progress_page.cancel_button.setEnabled(False)
            self.progress_page.label.setText(self.tr("취소하는 중… 진행 중인 묶음을 되돌립니다."))

    def _finished(self, result: ImportResult) -> None:
        self.running = False
        self.outcome = result
        self._to_summary()

    def _failed(self, exc: BaseException) -> bool:
        self.running = False
        if not isinstance(exc, PrivdeskError):
            self._to_summary()
            return False
        self.error = str(exc)
        self._to_summary()
        return True

    def _to_summary(self) -> None:
        self.progress_page.done = True
        self.progress_page.cancel_button.setEnabled(False)
        self.progress_page.completeChanged.emit()
        if self.currentPage() is self.progress_page:
            self.next()

    def reject(self) -> None:
        """Closing while importing cancels first; the wizard closes once the batch rolled back."""
        if self.running:
            self.cancel_import()
            return
        super().reject()
