"""Importing patients from an EMR's CSV export (환자 명부 가져오기).

- The file is read in bounded memory whatever its size (:mod:`privdesk.registry.source`): a
  file that is not text, or whose encoding is unknown, is refused within about a second naming
  why; a row longer than ``[import] max_row_kib`` (64 KiB), bytes that do not fit the encoding or
  broken quoting reject that row alone, and the import goes on.
- Encoding: UTF-8 with or without BOM, or CP949/EUC-KR (what Korean Excel writes), detected.
- Header: Korean or English names (:data:`HEADER_ALIASES`), any order, extra columns ignored;
  a caller (the import wizard) may pass its own ``mapping`` of field → column header.
- Every row is validated like the form. Valid rows are imported; each rejected row goes to
  ``FILE.rejects.csv`` with its line number, the reason (never the resident number) and its
  original columns. Rows whose only problem is the check digit are imported and counted. The
  rejects file goes through the one safe writer (:mod:`privdesk.files`): owner-only, every cell
  spreadsheet-safe (``'=…``), and the prefix is taken off again when the corrected rejects file is
  imported. It replaces an earlier rejects file of privdesk's, never another file (unless ``force``).
- Re-importing the same file creates nothing twice: a row whose resident number *and* chart
  number are already registered together is skipped as a duplicate; a row that matches only
  one of them (same resident number under another chart number, or the reverse) is rejected
  with the existing chart number, since it contradicts the registry.
- Each batch is one transaction whose access-log entries name every imported patient (batch
  entries of about fifty patients each, :mod:`privdesk.audit.batches`); a crash or a
  cancel leaves the database as if the unfinished batch never started. On PostgreSQL the batches
  of concurrent imports take turns (:func:`~privdesk.registry.bulk.lock_registrations`), so two
  imports of the same file end as on SQLite: one imports, the other reports duplicates.
- An import that stops part-way (a full disk, a server gone, the preparing process killed) says
  so in Korean with the number of patients already imported; the committed batches are kept.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

from privdesk import clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action, Outcome
from privdesk.context import Actor, AppContext
from privdesk.errors import OutputError, PrivdeskError
from privdesk.failures import known_failure, log_known
from privdesk.files import Output
from privdesk.korean import josa
from privdesk.registry import labels
from privdesk.registry.bulk import PreparedPatient, lock_registrations, split_known, write_patients
from privdesk.registry.pipeline import (
    FORM_LABELS,
    InlineBatches,
    PrepareError,
    PrepareSpec,
    Reject,
    WorkerBatches,
    default_workers,
    workers_available,
)
from privdesk.registry.source import (
    DEFAULT_MAX_ROW_BYTES,
    ImportFileError,
    Problem,
    count_data_lines,
    records,
    sniff,
)

FIELDS: Final = (
    "chart_no",
    "name",
    "rrn",
    "address",
    "phone",
    "phone2",
    "phone3",
    "first_visit",
    "last_visit",
)
REQUIRED: Final = ("chart_no", "name", "rrn")
FIELD_LABELS: Final = labels.FIELD_LABELS
# normalised (no spaces, lower case): "환자 번호" and "Chart No" match too
HEADER_ALIASES: Final = {
    "차트번호": "chart_no",
    "chart_no": "chart_no",
    "chartno": "chart_no",
    "환자번호": "chart_no",
    "등록번호": "chart_no",
    "병록번호": "chart_no",
    "이름": "name",
    "성명": "name",
    "name": "name",
    "주민등록번호": "rrn",
    "rrn": "rrn",
    "주소": "address",
    "address": "address",
    "연락처": "phone",
    "전화번호": "phone",
    "휴대폰": "phone",
    "phone": "phone",
    "최초내원일": "first_visit",
    "first_visit": "first_visit",
    "최종내원일": "last_visit",
    "last_visit": "last_visit",
}
WORKER_MIN_ROWS: Final = 20_000  # from here on other processes prepare the rows

log = logging.getLogger("privdesk.registry.importer")


class ImportCancelled(Exception):
    """Raised inside a batch's transaction to roll it back."""


@dataclass(frozen=True)
class ImportResult:
    imported: int
    rejected: int
    skipped_duplicates: int
    warnings: int  # imported rows whose check digit failed (accepted as warnings)
    rejects_path: Path
    cancelled: bool = False
    warning_lines: tuple[int, ...] = ()

    def summary(self) -> str:
        text = (
            f"imported {self.imported}, rejected {self.rejected}, "
            f"duplicates skipped {self.skipped_duplicates}, check-digit warnings {self.warnings}"
        )
        return text + (" (cancelled)" if self.cancelled else "")


# -- encoding and header --------------------------------------------------------------------------
def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` or ``cp949``; raises :class:`ImportFileError` for a file that
    is not text or whose encoding is unknown (:func:`privdesk.registry.source.sniff`: about a
    second whatever the size)."""
    return sniff(Path(path))


def _resolve_encoding(path: Path, encoding: str) -> str:
    if encoding == "auto":
        return detect_encoding(path)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportFileError(f"알 수 없는 문자 인코딩입니다: {encoding}") from None
    sniff(Path(path))  # a file that is not text is refused whatever encoding was chosen
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        with Path(path).open("rb") as fh:
            if fh.read(3) == codecs.BOM_UTF8:
                return "utf-8-sig"
    return encoding


def normalise_header(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).lower()


def read_header(
    path: Path, encoding: str = "auto", *, max_row_bytes: int = DEFAULT_MAX_ROW_BYTES
) -> list[str]:
    """The first row of the file (the column headers)."""
    path = Path(path)
    enc = _resolve_encoding(path, encoding)
    first = next(records(path, enc, max_row_bytes=max_row_bytes, header=True), None)
    if first is not None and isinstance(first[1], Problem):
        if first[0] == 1:
            raise ImportFileError(
                f"파일의 머리글(첫 줄)을 {josa(enc, '으로/로')} 읽을 수 없습니다: {path.name}. "
                f"{first[1].reason.removeprefix('[행] ')}"
            )
        first = None
    if first is None or first[0] != 1 or not any(c.strip() for c in first[1]):  # type: ignore[union-attr]
        raise ImportFileError(f"파일에 머리글(첫 줄)이 없습니다: {path.name}")
    cells = first[1]
    assert isinstance(cells, list)
    return [c.strip() for c in cells]


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
        raise ImportFileError(
            "필수 열이 없습니다: "
            + ", ".join(missing)
            + ". 머리글을 차트번호, 이름, 주민등록번호로 바꾸거나 열을 직접 지정하십시오."
        )
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


def preview(
    path: Path, encoding: str = "auto", rows: int = 20, *, max_row_bytes: int = DEFAULT_MAX_ROW_BYTES
) -> Preview:
    """Read the header and the first ``rows`` records (no database access, nothing logged); a
    record that cannot be read is left out (the import reports it)."""
    path = Path(path)
    enc = _resolve_encoding(path, encoding)
    header = read_header(path, enc, max_row_bytes=max_row_bytes)
    sample: list[tuple[str, ...]] = []
    for _line, cells in records(path, enc, max_row_bytes=max_row_bytes):
        if len(sample) >= rows:
            break
        if not isinstance(cells, Problem):
            sample.append(tuple(cells))
    mapping = auto_mapping(header)
    missing = tuple(FIELD_LABELS[f] for f in REQUIRED if f not in mapping)
    return Preview(enc, tuple(header), mapping, tuple(sample), missing)


# -- the use case ---------------------------------------------------------------------------------
def rejects_path_for(path: Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".rejects.csv")


REJECTS_HEADER: Final = ("줄번호", "사유")


def _own_rejects_file(path: Path) -> bool:
    """Whether ``path`` is a rejects file privdesk wrote (it may be replaced by the next import of
    the same file; any other file there is kept unless ``force``)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError:
        return False
    text = head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="ignore")
    text = text.removeprefix(files.SPECIMEN_COLUMN + ",")  # a demo database's file (견본)
    return text.startswith(",".join(REJECTS_HEADER) + ",")


def _rejects_output(ctx: AppContext, path: Path, force: bool) -> Output:
    target = rejects_path_for(path)
    return files.guarded(ctx.settings, target, force=force or _replaceable(target))


def _stage_rejects(out: Output) -> files.Staged:
    """Stage the rejects file; one that another import of the same file published between the look
    in :func:`_rejects_output` and this check is privdesk's own and may be replaced (as at publish)."""
    try:
        return files.stage(out)
    except OutputError:
        if out.force or not _replaceable(out.path):
            raise
        return files.stage(replace(out, force=True))


def _replaceable(target: Path) -> bool:
    return target.is_file() and not target.is_symlink() and _own_rejects_file(target)


def _publish_rejects(rejects: files.Staged) -> None:
    """Put the rejects file in place; one that another import of the same file wrote meanwhile
    (another workstation, the same moment) is privdesk's own and is replaced."""
    for _attempt in range(3):
        if not rejects.out.force and _replaceable(rejects.path):
            rejects.out = replace(rejects.out, force=True)
        try:
            rejects.publish()
            return
        except OutputError:
            # the other import's rename may land between the look above and the check in
            # publish: look again (a file that is not privdesk's rejects file is still refused)
            if rejects.out.force or not _replaceable(rejects.path):
                raise


def _max_row_bytes(ctx: AppContext) -> int:
    return ctx.settings.imports.max_row_kib * 1024


def import_patients(
    ctx: AppContext,
    actor: Actor | None,
    path: Path,
    *,
    encoding: str = "auto",
    mapping: Mapping[str, str] | None = None,
    batch_size: int = 5000,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
    force: bool = False,
) -> ImportResult:
    """Import ``path`` (see the module docstring). Needs ``patient.import``.

    ``progress(done_rows, total_rows)`` is called after each committed batch; ``cancel()`` is
    polled while a batch is prepared and just before it commits. ``workers``: how many other
    processes prepare the rows (batches handed out in turn, received in the file's order), 0 to
    prepare them in this one; by default one per spare core
    (:func:`~privdesk.registry.pipeline.default_workers`) from :data:`WORKER_MIN_ROWS` rows on. ``force``: the rejects file may replace an existing file that
    is not a rejects file of privdesk's (one of privdesk's own is replaced anyway).
    """
    path = Path(path)
    with ctx.unit(actor, Permission.PATIENT_IMPORT):
        pass  # permission first: a refusal is logged before the file is read
    limit = _max_row_bytes(ctx)
    enc = _resolve_encoding(path, encoding)
    header = read_header(path, enc, max_row_bytes=limit)
    idx = _column_indexes(header, mapping if mapping is not None else auto_mapping(header))
    rejects_out = _rejects_output(ctx, path, force)
    total = count_data_lines(path)
    if workers is None:
        workers = default_workers() if total >= WORKER_MIN_ROWS and workers_available() else 0
    # with two or more preparing processes the writer is the slower side: they also encode the
    # row proofs' messages; one preparing process is the slower side itself
    spec = PrepareSpec(
        path=str(path),
        encoding=enc,
        idx=idx,
        batch_size=max(1, batch_size),
        retention_years=_retention_years(ctx),
        now=clock.now(),
        today=clock.today_kst(),
        db_url=ctx.settings.db_url,
        key_file=str(ctx.settings.key_file),
        key_check=ctx.keys.check_value,
        max_row_bytes=limit,
        proof_tails=workers >= 2,
    )
    t = _Totals()
    rejects = _stage_rejects(rejects_out)
    try:
        rwriter = files.csv_writer(rejects.fh, specimen=ctx.is_demo)
        rwriter.writerow([*REJECTS_HEADER, *header])
        source: WorkerBatches | InlineBatches = (
            WorkerBatches(spec, cancel, workers)
            if workers > 0
            else InlineBatches(spec, ctx.keys, ctx.engine.dialect, cancel)
        )
        try:
            _run(ctx, actor, source, t, rwriter, rejects, cancel, progress, total)
        finally:
            source.close()
        _publish_rejects(rejects)
    except BaseException as exc:
        _stopped(ctx, actor, t, rejects, exc)
        named = _named(exc, t, ctx.settings.db_url)
        if named is exc:
            raise
        raise named from None
    finally:
        rejects.discard()
    with ctx.unit(actor, Permission.PATIENT_IMPORT) as u:
        u.log(
            Action.IMPORT,
            None,
            detail=f"imported={t.imported} rejected={t.rejected} skipped={t.skipped} "
            f"warnings={len(t.warning_lines)}{' cancelled' if t.cancelled else ''}",
        )
    return ImportResult(
        t.imported,
        t.rejected,
        t.skipped,
        len(t.warning_lines),
        rejects_out.path,
        t.cancelled,
        tuple(t.warning_lines),
    )


def _run(
    ctx: AppContext,
    actor: Actor | None,
    source: WorkerBatches | InlineBatches,
    t: _Totals,
    rwriter: files.CsvWriter,
    rejects: files.Staged,
    cancel: Callable[[], bool] | None,
    progress: Callable[[int, int], None] | None,
    total: int,
) -> None:
    for batch in source:
        if cancel is not None and cancel():
            t.cancelled = True
            break
        try:
            with ctx.unit(actor, Permission.PATIENT_IMPORT) as u:
                lock_registrations(u)  # one batch at a time decides what is new (PostgreSQL as SQLite)
                keep, known, conflicts = split_known(u, batch.prepared)
                write_patients(u, keep)
                if cancel is not None and cancel():
                    raise ImportCancelled
        except ImportCancelled:
            t.cancelled = True
            break
        found = batch.rejects + [
            (c.line, f"[{FORM_LABELS[c.field]}] {c.message}", batch.cells[c.line]) for c in conflicts
        ]
        t.add(keep, known, found, batch.rows)
        for line, text, cells in sorted(found, key=lambda r: r[0]):
            rwriter.writerow([line, text, *cells])
        rejects.fh.flush()
        if progress is not None:
            progress(min(t.done, total), max(total, t.done))
    t.cancelled = t.cancelled or source.cancelled


def _named(exc: BaseException, t: _Totals, db_url: str) -> BaseException:
    """The Korean error for an import that stopped part-way (the batches before it are kept)."""
    done = f"그 전까지 {t.imported:,}건은 가져왔고, 같은 파일을 다시 가져오면 이미 가져온 환자는 건너뜁니다."
    if isinstance(exc, PrepareError):
        return ImportFileError(f"{exc.message} 진행 중이던 묶음은 저장하지 않았습니다. {done}")
    if isinstance(exc, PrivdeskError) or not isinstance(exc, Exception):
        return exc
    known = known_failure(exc, db_url)
    if known is None:
        return exc
    log_known(exc, known, "patient import")
    if getattr(known, "kind", "") == "disk_full":
        return ImportFileError(
            f"저장 공간이 부족해 가져오기를 멈췄습니다. 진행 중이던 묶음은 취소되어 저장되지 않았습니다. "
            f"{done} 디스크 공간을 확보한 뒤 다시 가져오십시오."
        )
    return ImportFileError(f"가져오기를 멈췄습니다. {known} {done}")


def _stopped(
    ctx: AppContext, actor: Actor | None, t: _Totals, rejects: files.Staged, exc: BaseException
) -> None:
    """An import that stopped part-way: keep the rejects of the batches that were committed, and
    log what was done (both best effort: the disk may be the very thing that is full)."""
    if t.done == 0 and t.imported == 0:
        return
    try:
        _publish_rejects(rejects)
    except (OSError, PrivdeskError):
        log.warning("the rejects file of a stopped import could not be written", exc_info=False)
    try:
        with ctx.unit(actor, Permission.PATIENT_IMPORT) as u:
            u.log(
                Action.IMPORT,
                None,
                outcome=Outcome.FAILED,
                detail=f"imported={t.imported} rejected={t.rejected} skipped={t.skipped} "
                f"stopped={type(exc).__name__}",
            )
    except Exception:
        log.warning("the stopped import could not be logged", exc_info=False)


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


__all__ = [
    "FIELDS",
    "HEADER_ALIASES",
    "ImportFileError",
    "ImportResult",
    "Preview",
    "auto_mapping",
    "count_data_lines",
    "detect_encoding",
    "import_patients",
    "preview",
    "read_header",
    "rejects_path_for",
]
