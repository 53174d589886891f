"""Reading an import file in bounded memory (가져오기 파일 읽기).

Whatever its size, an import file is read a line at a time, never whole:

- :func:`sniff` decides in about a second whether the file is text at all and which encoding it
  has — UTF-8 with or without BOM, or CP949/EUC-KR (what Korean Excel writes) — from its first
  mebibyte and, when that is plain ASCII, from the first bytes that are not. A folder, a device or
  pipe, an empty file, a PDF, a spreadsheet, an archive, a database, a picture, UTF-16 text or
  bytes that no encoding explains are refused with an :class:`ImportFileError` naming why.
- :func:`records` yields each CSV record after the header with the number of its first line. A
  record longer than the limit (``[import] max_row_kib``, 64 KiB by default: one line, or several
  when a quoted field holds line breaks — so also any field in it), a line whose bytes do not fit
  the encoding, and broken quoting become a :class:`Problem` for that record alone; reading goes
  on at the next line. An oversized line is skipped in small pieces, so a 10 MB field costs no
  more memory than a short one.
- A cell that privdesk neutralised on the way out (``'=…``, :func:`privdesk.files.csv_cell`) is
  read back as it was, so a corrected rejects file imports its values unchanged.
"""

from __future__ import annotations

import codecs
import csv
import os
import stat
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

from privdesk.errors import PrivdeskError
from privdesk.files import read_cell
from privdesk.korean import josa

SNIFF_BYTES: Final = 1 << 20
SKIP_CHUNK: Final = 1 << 16
DEFAULT_MAX_ROW_BYTES: Final = 64 * 1024
_MAGIC: Final = (
    (b"%PDF", "PDF 문서"),
    (b"PK\x03\x04", "압축 파일 또는 엑셀 통합 문서(.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "예전 엑셀·한글·워드 문서(.xls/.hwp/.doc)"),
    (b"SQLite format 3\x00", "SQLite 데이터베이스"),
    (b"\x89PNG", "그림 파일(PNG)"),
    (b"\xff\xd8\xff", "그림 파일(JPEG)"),
    (b"GIF8", "그림 파일(GIF)"),
    (b"\x1f\x8b", "압축 파일(gzip)"),
    (b"7z\xbc\xaf\x27\x1c", "압축 파일(7z)"),
    (b"Rar!", "압축 파일(RAR)"),
    (b"MZ", "실행 파일"),
    (b"\x7fELF", "실행 파일"),
)
_CONTROL: Final = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"
_SAVE_AS: Final = "엑셀에서 '다른 이름으로 저장 → CSV UTF-8(쉼표로 분리)'로 저장한 파일을 지정하십시오."


class ImportFileError(PrivdeskError):
    """The file cannot be read as a patient list at all (not text, unknown encoding, no header)."""


@dataclass(frozen=True)
class Problem:
    """A record that cannot be read (too long, bytes that do not fit the encoding, broken quoting)."""

    reason: str


def kib(n: int) -> str:
    return f"{n // 1024:,} KiB" if n % 1024 == 0 else f"{n:,}바이트"


def _open(path: Path) -> BinaryIO:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ImportFileError(f"파일을 열 수 없습니다: {path} (파일이 없습니다).") from None
    except OSError:
        raise ImportFileError(f"파일을 열 수 없습니다: {path}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ImportFileError(f"{josa(path, '은/는')} 폴더입니다. 가져올 CSV 파일을 지정하십시오.")
    if not stat.S_ISREG(st.st_mode):
        raise ImportFileError(
            f"{josa(path, '은/는')} 일반 파일이 아닙니다(장치·파이프 등). 가져올 CSV 파일을 지정하십시오."
        )
    try:
        return path.open("rb")
    except OSError:
        raise ImportFileError(f"파일을 열 수 없습니다(권한 없음): {path}") from None


def _decodes(data: bytes, encoding: str, *, final: bool) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=final)
    except UnicodeDecodeError:
        return False
    return True


def sniff(path: Path) -> str:
    """``utf-8-sig``, ``utf-8`` or ``cp949`` — or an :class:`ImportFileError` saying why the file is
    not a text file privdesk can read. Reads the first mebibyte, and when that is plain ASCII the
    file up to its first other bytes (at memory speed, a chunk at a time)."""
    path = Path(path)
    with _open(path) as fh:
        head = fh.read(SNIFF_BYTES)
        at_end = len(head) < SNIFF_BYTES
        if not head:
            raise ImportFileError(
                f"빈 파일입니다: {path.name}. 머리글과 환자 행이 있는 CSV 파일을 지정하십시오."
            )
        for magic, what in _MAGIC:
            if head.startswith(magic):
                raise ImportFileError(f"텍스트(CSV) 파일이 아닙니다: {path.name} ({what}). {_SAVE_AS}")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise ImportFileError(
                f"UTF-16(유니코드 텍스트) 인코딩으로 저장된 파일이라 읽을 수 없습니다: {path.name}. {_SAVE_AS}"
            )
        if b"\x00" in head or sum(head.count(c) for c in _CONTROL) > len(head) // 100:
            raise ImportFileError(
                f"텍스트(CSV) 파일이 아닙니다: {path.name} (이진 데이터가 들어 있음). {_SAVE_AS}"
            )
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        sample, final = head, at_end
        if head.isascii() and not at_end:
            sample, final = _first_non_ascii(fh)
        for encoding in ("utf-8", "cp949"):
            if _decodes(sample, encoding, final=final):
                return encoding
    raise ImportFileError(
        f"파일의 문자 인코딩을 알 수 없습니다: {path.name}. UTF-8 또는 CP949(EUC-KR)로 저장하십시오."
    )


def _first_non_ascii(fh: BinaryIO) -> tuple[bytes, bool]:
    """The bytes from the first one that is not ASCII (up to 64 KiB), and whether they end the file."""
    while chunk := fh.read(SNIFF_BYTES):
        if not chunk.isascii():
            i = next(i for i, b in enumerate(chunk) if b > 0x7F)
            sample = chunk[i : i + SKIP_CHUNK]
            return sample, len(chunk) < SNIFF_BYTES and i + SKIP_CHUNK >= len(chunk)
    return b"", True


class _Broken(Exception):
    """Raised from the line feed into the csv reader: this record cannot be read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Lines:
    """Decoded lines for the csv reader, each at most ``limit`` bytes, counting line numbers and
    the bytes of the record being read."""

    def __init__(self, fh: BinaryIO, encoding: str, limit: int) -> None:
        self.fh = fh
        self.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        self.limit = limit
        self.line = 0  # physical lines handed out (or skipped)
        self.record_bytes = 0  # bytes of the record the reader is on
        if encoding == "utf-8-sig" and fh.read(3) != codecs.BOM_UTF8:
            fh.seek(0)

    def _skip_rest(self) -> None:
        while True:
            piece = self.fh.readline(SKIP_CHUNK)
            if not piece or piece.endswith(b"\n"):
                return

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        raw = self.fh.readline(self.limit + 1)
        if not raw:
            raise StopIteration
        self.line += 1
        self.record_bytes += len(raw)
        if self.record_bytes > self.limit:
            if not raw.endswith(b"\n"):
                self._skip_rest()
            raise _Broken(
                f"[행] 한 행이 {kib(self.limit)}를 넘어 가져오지 않았습니다(너무 긴 줄 또는 항목). "
                "원래 내용은 이 파일에 옮기지 않았습니다."
            )
        try:
            return raw.decode(self.encoding)
        except UnicodeDecodeError:
            raise _Broken(
                f"[행] 문자 인코딩({self.encoding.upper()})에 맞지 않는 바이트가 있어 읽을 수 없습니다."
            ) from None


def records(
    path: Path, encoding: str, *, max_row_bytes: int = DEFAULT_MAX_ROW_BYTES, header: bool = False
) -> Generator[tuple[int, list[str] | Problem], None, None]:
    """(first line number, cells or :class:`Problem`) of every non-empty record; the header row too
    when ``header``. Memory stays bounded by ``max_row_bytes`` whatever the file's size."""
    if csv.field_size_limit() < max_row_bytes:
        csv.field_size_limit(max_row_bytes)  # the limit here is the row's bytes, checked above
    with _open(Path(path)) as fh:
        lines = _Lines(fh, encoding, max_row_bytes)
        first = True
        while True:
            reader = csv.reader(lines)
            try:
                while True:
                    start = lines.line + 1
                    lines.record_bytes = 0
                    cells = next(reader, None)
                    if cells is None:
                        return
                    if first:
                        first = False
                        if not header:
                            continue
                    if any(c.strip() for c in cells):
                        yield start, [read_cell(c) for c in cells]
            except _Broken as exc:
                first = False
                yield start, Problem(exc.reason)
            except csv.Error:
                first = False
                yield start, Problem("[행] CSV 형식이 맞지 않아(따옴표 등) 읽을 수 없습니다.")


def count_data_lines(path: Path) -> int:
    """Lines after the header (an estimate of the rows for the progress bar), in bounded memory."""
    n, last = 0, b"\n"
    with _open(Path(path)) as fh:
        while chunk := fh.read(SNIFF_BYTES):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        n += 1
    return max(0, n - 1)


__all__ = [
    "DEFAULT_MAX_ROW_BYTES",
    "ImportFileError",
    "Problem",
    "count_data_lines",
    "kib",
    "records",
    "sniff",
]
