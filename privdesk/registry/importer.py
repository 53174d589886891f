"""Importing patients from an EMR's CSV export (환자 명부 가져오기).

- Encoding: UTF-8 with or without BOM, or CP949/EUC-KR (what Korean Excel writes), detected.
- Header: Korean or English names (:data:`HEADER_ALIASES`), any order, extra columns ignored;
  a caller (the import wizard) may pass its own ``mapping`` of field → column header.
- Every row is validated like the form. Valid rows are imported; each rejected row goes to
  ``FILE.rejects.csv`` with its line number, the reason (never the resident number) and its
  original columns. Rows whose only problem is the check digit are imported and counted.
- Re-importing the same file creates nothing twice: a row whose resident number *and* chart
  number are already registered together is skipped as a duplicate; a row that matches only
  one of them (same resident number under another chart number, or the reverse) is rejected
  with the existing chart number, since it contradicts the registry.
- Each batch is one transaction with one access-log entry per imported patient; a crash or a
  cancel leaves the database as if the unfinished batch never started.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.errors import PrivdeskError
from privdesk.registry.bulk import PreparedPatient, split_known, write_patients
from privdesk.registry.pipeline import (
    FORM_LABELS,
    InlineBatches,
    PrepareError,
    PrepareSpec,
    Reject,
    WorkerBatches,
    workers_available,
)

FIELDS: Final = ("chart_no", "name", "rrn", "address", "phone", "phone2", "phone3", "first_visit", "last_visit")
REQUIRED: Final = ("chart_no", "name", "rrn")
FIELD_LABELS: Final = {"chart_no": "차트번호", "name": "이름", "rrn": "주민등록번호", "address": "주소",
                       "phone": "연락처", "phone2": "연락처 2", "phone3": "연락처 3",
                       "first_visit": "최초내원일", "last_visit": "최종내원일"}
HEADER_ALIASES: Final = {
    "차트번호": "chart_no", "chart_no": "chart_no",
    "이름": "name", "성명": "name", "name": "name",
    "주민등록번호": "rrn", "rrn": "rrn",
    "주소": "address", "address": "address",
    "연락처": "phone", "전화번호": "phone", "휴대폰": "phone", "phone": "phone",
    "최초내원일": "first_visit", "first_visit": "first_visit",
    "최종내원일": "last_visit", "last_visit": "last_visit",
}
WORKER_MIN_ROWS: Final = 20_000  # from here on a second process prepares the rows


class ImportFileError(PrivdeskError):
    """The file cannot be read as a patient list at all (missing, undecodable, no usable header)."""


class ImportCancelled(Exception):
    """Raised inside a batch's transaction to roll it back."""


@dataclass(frozen=True)
class ImportResult:
    imported: int
    rejected: int
    skipped_duplicates: int
    warnings: int               # imported rows whose check digit failed (accepted as warnings)
    rejects_path: Path
    cancelled: bool = False
    warning_lines: tuple[int, ...] = ()

    def summary(self) -> str:
        text = (f"imported {self.imported}, rejected {self.rejected}, "
                f"duplicates skipped {self.skipped_duplicates}, check-digit warnings {self.warnings}")
        return text + (" (cancelled)" if self.cancelled else "")


# -- encoding and header --------------------------------------------------------------------------
def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` or ``cp949``; raises :class:`ImportFileError` otherwise."""
    path = Path(path)
    try:
        fh = path.open("rb")
    except OSError:
        raise ImportFileError(f"파일을 열 수 없습니다: {path}") from None
    with fh:
        head = fh.read(3)
        if head == codecs.BOM_UTF8:
            return "utf-8-sig"
        fh.seek(0)
        for encoding in ("utf-8", "cp949"):
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                fh.seek(0)
                continue
            return encoding
    raise ImportFileError(f"파일의 문자 인코딩을 알 수 없습니다: {path.name}. UTF-8 또는 CP949(EUC-KR)로 저장하십시오.")


def _resolve_encoding(path: Path, encoding: str) -> str:
    if encoding == "auto":
        return detect_encoding(path)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportFileError(f"알 수 없는 문자 인코딩입니다: {encoding}") from None
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        with Path(path).open("rb") as fh:
            if fh.read(3) == codecs.BOM_UTF8:
                return "utf-8-sig"
    return encoding


def normalise_header(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).lower()


def read_header(path: Path, encoding: str = "auto") -> list[str]:
    """The first row of the file (the column headers)."""
    path = Path(path)
    enc = _resolve_encoding(path, encoding)
    try:
        with path.open(encoding=enc, newline="") as fh:
            row = next(csv.reader(fh), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        raise ImportFileError(f"파일을 {enc}(으)로 읽을 수 없습니다: {path.name}") from None
    if not row or not any(c.strip() for c in row):
        raise ImportFileError(f"파일에 머리글(첫 줄)이 없습니다: {path.name}")
    return [c.strip() for c in row]


def auto_mapping(header: Sequence[str]) -> dict[str, str]:
    """Field → column header by :data:`HEADER_ALIASES`; up to three phone columns."""
    mapping: dict[str, str] = {}
    phone_slots = ["phone", "phone2", "phone3"]
    for col in header:
        name = HEADER_ALIASES.get(normalise_header(col))
        if name is None:
            continue
        if name == "phone":
            if phone_slots:
                mapping[phone_slots.pop(0)] = col
        elif name not in mapping:
            mapping[name] = col
    return mapping


def _column_indexes(header: Sequence[str], mapping: Mapping[str, str]) -> dict[str, int]:
    unknown = [f for f in mapping if f not in FIELDS]
    if unknown:
        raise ImportFileError(f"알 수 없는 항목입니다: {unknown[0]}")
    idx: dict[str, int] = {}
    for name, col in mapping.items():
        if col not in header:
            raise ImportFileError(f"파일에 '{col}' 열이 없습니다 ({FIELD_LABELS[name]}).")
        idx[name] = header.index(col)
    missing = [FIELD_LABELS[f] for f in REQUIRED if f not in idx]
    if missing:
        raise ImportFileError("필수 열이 없습니다: " + ", ".join(missing)
                              + ". 머리글을 차트번호, 이름, 주민등록번호로 바꾸거나 열을 직접 지정하십시오.")
    return idx


@dataclass(frozen=True)
class Preview:
    """What the import wizard shows before importing: the detected encoding, the header, the
    proposed mapping (field → column) and the first rows as they are in the file."""

    encoding: str
    header: tuple[str, ...]
    mapping: Mapping[str, str]
    rows: tuple[tuple[str, ...], ...]
    missing: tuple[str, ...]  # Korean labels of required fields the mapping lacks


def preview(path: Path, encoding: str = "auto", rows: int = 20) -> Preview:
    """Read the header and the first ``rows`` records (no database access, nothing logged)."""
    path = Path(path)
    enc = _resolve_encoding(path, encoding)
    header = read_header(path, enc)
    sample: list[tuple[str, ...]] = []
    try:
        with path.open(encoding=enc, newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            for cells in reader:
                if len(sample) >= rows:
                    break
                sample.append(tuple(cells))
    except (UnicodeDecodeError, csv.Error):
        pass  # the rows read so far are shown; the import itself reports the bad line
    mapping = auto_mapping(header)
    missing = tuple(FIELD_LABELS[f] for f in REQUIRED if f not in mapping)
    return Preview(enc, tuple(header), mapping, tuple(sample), missing)


def count_data_lines(path: Path) -> int:
    """Lines after the header (an estimate of the rows for the progress bar)."""
    n, last = 0, b"\n"
    with Path(path).open("rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        n += 1
    return max(0, n - 1)


# -- the use case ---------------------------------------------------------------------------------
def rejects_path_for(path: Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".rejects.csv")


def _open_rejects(path: Path, header: Sequence[str]) -> tuple[Any, Any]:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    fh = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
    writer = csv.writer(fh)
    writer.writerow(["줄번호", "사유", *header])
    return fh, writer


def import_patients(ctx: AppContext, actor: Actor | None, path: Path, *, encoding: str = "auto",
                    mapping: Mapping[str, str] | None = None, batch_size: int = 5000,
                    progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None, workers: int | None = None) -> ImportResult:
    """Import ``path`` (see the module docstring). Needs ``patient.import``.

    ``progress(done_rows, total_rows)`` is called after each committed batch; ``cancel()`` is
    polled while a batch is prepared and just before it commits. ``workers``: 1 prepares rows
    in a second process, 0 in this one; by default a second process is used from
    :data:`WORKER_MIN_ROWS` rows on.
    """
    path = Path(path)
    with ctx.unit(actor, Permission.PATIENT_IMPORT):
        pass  # permission first: a refusal is logged before the file is read
    enc = _resolve_encoding(path, encoding)
    header = read_header(path, enc)
    idx = _column_indexes(header, mapping if mapping is not None else auto_mapping(header))
    total = count_data_lines(path)
    spec = PrepareSpec(path=str(path), encoding=enc, idx=idx, batch_size=max(1, batch_size),
                       retention_years=_retention_years(ctx), now=clock.now(), today=clock.today_kst(),
                       db_url=ctx.settings.db_url, key_file=str(ctx.settings.key_file),
                       key_check=ctx.keys.check_value)
    if workers is None:
        workers = 1 if total >= WORKER_MIN_ROWS and workers_available() else 0
    source: WorkerBatches | InlineBatches = (
        WorkerBatches(spec, cancel) if workers > 0 else InlineBatches(spec, ctx.keys, ctx.engine.dialect, cancel))
    rejects_path = rejects_path_for(path)
    t = _Totals()
    rfh, rwriter = _open_rejects(rejects_path, header)
    try:
        for batch in source:
            if cancel is not None and cancel():
                t.cancelled = True
                break
            try:
                with ctx.unit(actor, Permission.PATIENT_IMPORT) as u:
                    keep, known, conflicts = split_known(u, batch.prepared)
                    write_patients(u, keep)
                    if cancel is not None and cancel():
                        raise ImportCancelled
            except ImportCancelled:
                t.cancelled = True
                break
            rejects = batch.rejects + [(c.line, f"[{FORM_LABELS[c.field]}] {c.message}", batch.cells[c.line])
                                       for c in conflicts]
            t.add(keep, known, rejects, batch.rows)
            for line, text, cells in sorted(rejects, key=lambda r: r[0]):
                rwriter.writerow([line, text, *cells])
            rfh.flush()
            if progress is not None:
                progress(min(t.done, total), max(total, t.done))
        t.cancelled = t.cancelled or source.cancelled
    except PrepareError as exc:
        raise ImportFileError(f"{exc.message} {t.imported}건은 가져왔습니다.") from None
    finally:
        rfh.close()
        source.close()
    with ctx.unit(actor, Permission.PATIENT_IMPORT) as u:
        u.log(Action.IMPORT, None, detail=f"imported={t.imported} rejected={t.rejected} skipped={t.skipped} "
                                          f"warnings={len(t.warning_lines)}{' cancelled' if t.cancelled else ''}")
    return ImportResult(t.imported, t.rejected, t.skipped, len(t.warning_lines), rejects_path, t.cancelled,
                        tuple(t.warning_lines))


@dataclass
class _Totals:
    imported: int = 0
    rejected: int = 0
    skipped: int = 0
    done: int = 0
    cancelled: bool = False
    warning_lines: list[int] = field(default_factory=list)

    def add(self, keep: list[PreparedPatient], known: int, rejects: list[Reject], rows: int) -> None:
        self.imported += len(keep)
        self.skipped += known
        self.rejected += len(rejects)
        self.done += rows
        self.warning_lines.extend(p.line for p in keep if not p.check_digit_ok)


def _retention_years(ctx: AppContext) -> int:
    years = ctx.profile.file("patient").retention_years
    return years if years is not None else 5


__all__ = ["FIELDS", "HEADER_ALIASES", "ImportFileError", "ImportResult", "Preview", "auto_mapping",
           "count_data_lines", "detect_encoding", "import_patients", "preview", "read_header", "rejects_path_for"]
