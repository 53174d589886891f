"""Files privdesk writes (출력 파일): the one safe writer and the one spreadsheet-safe CSV cell.

Every export, printed record, archive and rejects file goes through :func:`replacing` (or
:func:`copy_file`):

- The target is checked first (:func:`check`): its folder exists; it is not a folder, a device,
  a pipe or a link to one; it is not one of privdesk's own files (:func:`protected_files`: the
  database and its ``-wal``/``-shm``/``-journal``, the separated store, the key file, the witness
  file, the config and the log file) — compared by resolved path *and* by device and inode, so
  another name or a hard link for the same file is caught; an existing file is replaced only with
  ``force`` (``--force`` on the command line; in the GUI the save dialog has already asked).
- The data goes to a temporary owner-only file (0600) in the same folder, is fsynced and renamed
  over the target (``os.replace``); the target is checked again just before the rename. On any
  failure the temporary file is removed and the target is left as it was.
- An :class:`OSError` becomes an :class:`~privdesk.errors.OutputError` that says in Korean what
  went wrong (a folder, a missing folder, no permission, a full disk, a read-only disk).

Spreadsheets run a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula (CSV injection). :func:`csv_cell` prefixes such a cell with ``'``; :func:`read_cell` takes the
prefix off again when privdesk reads a CSV it may have written (a corrected rejects file).
:func:`csv_writer` applies it to every cell of every row.
"""

from __future__ import annotations

import csv
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Final, cast

from privdesk.errors import OutputError
from privdesk.korean import josa
from privdesk.settings import Settings

FORMULA_START: Final = frozenset("=+-@\t\r")
SQLITE_SIDE_FILES: Final = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Protected:
    """A file privdesk owns and never writes an export onto (``what`` names it in Korean)."""

    path: Path
    what: str


@dataclass(frozen=True)
class Output:
    """Where a file goes: ``force`` allows replacing an existing regular file (``--force``, or the
    GUI's save dialog that asked); ``protected`` are the files that may never be replaced."""

    path: Path
    force: bool = False
    protected: tuple[Protected, ...] = ()

    def __str__(self) -> str:
        return str(self.path)


def as_output(out: Output | Path | str, *, force: bool = False) -> Output:
    if isinstance(out, Output):
        return replace(out, force=out.force or force)
    return Output(Path(out), force)


def protected_files(settings: Settings) -> tuple[Protected, ...]:
    """privdesk's own files for these settings (whether they exist yet or not)."""
    from privdesk.logs import log_file
    from privdesk.store.engine import separated_sqlite_path, sqlite_path

    found: list[Protected] = []
    main = sqlite_path(settings.db_url)
    if main is not None:
        for suffix in SQLITE_SIDE_FILES:
            found.append(Protected(Path(f"{main}{suffix}"), "데이터베이스 파일"))
            found.append(Protected(Path(f"{separated_sqlite_path(main)}{suffix}"), "분리보관 저장소 파일"))
    found.append(Protected(Path(settings.key_file), "키 파일"))
    found.append(Protected(settings.witness_path, "증인 파일"))
    found.append(Protected(Path(settings.config_file), "설정 파일"))
    found.append(Protected(log_file(), "로그 파일"))
    return tuple(found)


def guarded(settings: Settings, out: Output | Path | str, *, force: bool = False) -> Output:
    """``out`` with privdesk's own files (for ``settings``) protected, checked (:func:`check`)."""
    o = as_output(out, force=force)
    extra = tuple(p for p in protected_files(settings) if p not in o.protected)
    return check(replace(o, protected=o.protected + extra))


# -- checks ---------------------------------------------------------------------------------------
def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(os.path.expanduser(path)))


def _same_file(path: Path, st: os.stat_result | None, other: Path) -> bool:
    if os.path.realpath(path) == os.path.realpath(other):
        return True
    if st is None:
        return False
    try:
        ost = os.stat(other)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (ost.st_dev, ost.st_ino)


def check(out: Output | Path | str) -> Output:
    """``out`` with an absolute path, or an :class:`OutputError` saying why privdesk will not write
    there (checked before any work is done, and again just before the rename)."""
    o = as_output(out)
    path = _absolute(o.path)
    o = replace(o, path=path)
    folder = path.parent
    if not path.name:
        raise OutputError(f"{josa(path, '은/는')} 폴더입니다. 만들 파일의 이름을 지정하십시오.")
    try:
        folder_st = os.stat(folder)
    except FileNotFoundError:
        raise OutputError(f"출력할 폴더가 없습니다: {folder}. 있는 폴더를 지정하십시오.") from None
    except OSError as exc:
        raise error_for(exc, path) from None
    if not stat.S_ISDIR(folder_st.st_mode):
        raise OutputError(
            f"{josa(folder, '은/는')} 폴더가 아닙니다. 있는 폴더 안의 파일 이름을 지정하십시오."
        )
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None  # nothing there (or a link to nothing: the rename replaces the link itself)
    except OSError as exc:
        raise error_for(exc, path) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{josa(path, '은/는')} 폴더입니다. 만들 파일의 이름을 지정하십시오.")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputError(
            f"{josa(path, '은/는')} 일반 파일이 아닙니다(장치·파이프 등). 새 파일 이름을 지정하십시오."
        )
    for p in o.protected:
        if _same_file(path, st, p.path):
            raise OutputError(
                f"{josa(path, '은/는')} privdesk의 {p.what}이라 덮어쓸 수 없습니다. 다른 파일 이름을 지정하십시오."
            )
    if st is not None and not o.force:
        raise OutputError(
            f"파일이 이미 있습니다: {path}. 덮어쓰지 않았습니다. 다른 파일 이름을 지정하거나 덮어쓰기를 "
            "확인하십시오(명령줄: --force, 화면: 찾아보기에서 선택)."
        )
    if sys.platform != "win32" and not os.access(folder, os.W_OK | os.X_OK):
        raise error_for(OSError(errno.EROFS if _read_only_fs(folder) else errno.EACCES, ""), path)
    return o


def _read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def error_for(exc: OSError, path: Path) -> OutputError:
    """The Korean sentence for a failed write to ``path``."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        return OutputError(
            f"디스크 공간이 부족해 파일을 쓰지 못했습니다: {path}. 공간을 확보하거나 다른 위치를 "
            "지정하십시오. 기존 파일은 바뀌지 않았습니다."
        )
    if code == errno.EROFS:
        return OutputError(
            f"읽기 전용 저장 장치라 파일을 쓸 수 없습니다: {path.parent}. 쓸 수 있는 폴더를 지정하십시오."
        )
    if code in (errno.EACCES, errno.EPERM):
        return OutputError(f"이 위치에 파일을 쓸 권한이 없습니다: {path}. 권한이 있는 폴더를 지정하십시오.")
    if code == errno.ENOENT:
        return OutputError(f"출력할 폴더가 없습니다: {path.parent}. 있는 폴더를 지정하십시오.")
    if code == errno.EISDIR:
        return OutputError(f"{josa(path, '은/는')} 폴더입니다. 만들 파일의 이름을 지정하십시오.")
    if code == errno.ENAMETOOLONG:
        return OutputError(f"파일 이름이 너무 깁니다: {path.name}. 짧은 이름을 지정하십시오.")
    if code == errno.ELOOP:
        return OutputError(
            f"{josa(path, '은/는')} 끝없이 이어지는 링크입니다. 다른 파일 이름을 지정하십시오."
        )
    return OutputError(f"파일을 쓸 수 없습니다: {path} ({exc.strerror or exc.__class__.__name__}).")


# -- the writer -----------------------------------------------------------------------------------
class Staged:
    """A temporary owner-only file beside the target (:func:`stage`). Write through ``fh``, then
    :meth:`publish` (fsync, check the target again, rename, fsync the folder); :meth:`discard`
    removes the temporary file if it was not published (always call it, e.g. in ``finally``)."""

    def __init__(self, out: Output, *, binary: bool, encoding: str = "utf-8-sig") -> None:
        self.out = check(out)
        self.path = self.out.path
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        except OSError as exc:
            raise error_for(exc, self.path) from None
        self.tmp = Path(name)
        try:
            self._fh: IO[Any] = (
                os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline="")
            )
        except BaseException:
            os.close(fd)
            self.tmp.unlink(missing_ok=True)
            raise
        self.fh: IO[Any] = cast(IO[Any], _Writes(self._fh, self))
        self.published = False

    def translate(self, exc: OSError) -> OSError | OutputError:
        """``exc`` as the Korean OutputError when it is about this output (not, say, an input file)."""
        if exc.filename in (None, str(self.tmp), str(self.path)):
            return error_for(exc, self.path)
        return exc

    def finish(self) -> None:
        """Flush, fsync and close the temporary file."""
        try:
            if not self._fh.closed:
                self._fh.flush()
                os.fsync(self._fh.fileno())
                self._fh.close()
        except OSError as exc:
            raise self.translate(exc) from None

    def publish(self) -> Path:
        """Put the file in place (after :meth:`finish`, which it calls)."""
        self.finish()
        check(self.out)  # nothing appeared there meanwhile that may not be replaced
        try:
            os.replace(self.tmp, self.path)
        except OSError as exc:
            raise self.translate(exc) from None
        self.published = True
        _sync_folder(self.path.parent)
        return self.path

    def discard(self) -> None:
        if not self._fh.closed:
            with suppress(OSError):
                self._fh.close()
        if not self.published:
            self.tmp.unlink(missing_ok=True)


class _Writes:
    """The temporary file as the caller sees it: a failed write (a full disk) is the Korean
    :class:`OutputError`; everything else is the file's own."""

    def __init__(self, fh: IO[Any], staged: Staged) -> None:
        self._fh, self._staged = fh, staged

    def write(self, data: Any) -> int:
        try:
            return int(self._fh.write(data))
        except OSError as exc:
            raise self._staged.translate(exc) from None

    def flush(self) -> None:
        try:
            self._fh.flush()
        except OSError as exc:
            raise self._staged.translate(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


def stage(out: Output | Path | str, *, binary: bool = False, encoding: str = "utf-8-sig") -> Staged:
    """A :class:`Staged` file for ``out`` (checked first)."""
    return Staged(as_output(out), binary=binary, encoding=encoding)


@contextmanager
def replacing(
    out: Output | Path | str, *, binary: bool = False, encoding: str = "utf-8-sig"
) -> Iterator[IO[Any]]:
    """Write ``out`` safely (see the module docstring): yields the open temporary file (text with
    ``encoding`` and ``newline=""`` for the csv module, or binary); the file replaces the target
    when the block ends without an exception. Pass an :class:`Output` made by :func:`guarded` so
    privdesk's own files are protected."""
    staged = stage(out, binary=binary, encoding=encoding)
    try:
        yield staged.fh
        staged.publish()
    finally:
        staged.discard()


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX: fsync the folder); best effort."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def copy_file(source: Path, out: Output | Path | str) -> Path:
    """Copy ``source`` to ``out`` through :func:`replacing`; returns the target path."""
    o = check(out)
    with Path(source).open("rb") as src, replacing(o, binary=True) as fh:
        while chunk := src.read(1 << 20):
            fh.write(chunk)
    return o.path


def wipe(path: Path) -> bool:
    """Overwrite a file privdesk made for a moment (a plaintext database snapshot, a part of a
    restore that did not finish) with zeros, fsync, and remove it; True when it was there. Best
    effort against the bytes lingering on disk (a copy-on-write file system or an SSD may keep the
    old blocks; the file is owner-only meanwhile)."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return False
    try:
        size = os.fstat(fd).st_size
        zeros = bytes(1 << 20)
        done = 0
        while done < size:
            done += os.write(fd, zeros[: min(len(zeros), size - done)])
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
    Path(path).unlink(missing_ok=True)
    return True


# -- spreadsheet-safe CSV ---------------------------------------------------------------------------
def csv_cell(value: object) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text: a cell beginning with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (so does one that already has
    apostrophes before such a character, so :func:`read_cell` gives the original back)."""
    text = "" if value is None else str(value)
    bare = text.lstrip("'")
    if bare and bare[0] in FORMULA_START:
        return "'" + text
    return text


def read_cell(text: str) -> str:
    """The value :func:`csv_cell` wrote (one ``'`` before a formula character is taken off)."""
    if text.startswith("'"):
        bare = text.lstrip("'")
        if bare and bare[0] in FORMULA_START:
            return text[1:]
    return text


SPECIMEN_COLUMN = "견본 표시"  # the first column of every CSV written from a demo database
SPECIMEN_CELL = "견본 — 실제 기록 아님"  # in that column on every row (= privdesk.printing.SPECIMEN)


class CsvWriter:
    """``csv.writer`` whose every cell goes through :func:`csv_cell`.

    ``specimen`` (a demo database's file, 견본): a first column :data:`SPECIMEN_COLUMN` whose cell
    says :data:`SPECIMEN_CELL` on every row after the header — what a spreadsheet user sees on any
    row, also after sorting, filtering or copying rows elsewhere. An extra column, not a comment
    line: privdesk's importer ignores columns it does not know, so a demo's export or rejects file
    still imports (into another demo)."""

    def __init__(self, fh: IO[str], *, specimen: bool = False) -> None:
        self._w = csv.writer(fh)
        self._specimen = specimen
        self._rows = 0

    def writerow(self, row: Iterable[object]) -> None:
        cells = [csv_cell(v) for v in row]
        if self._specimen:
            cells.insert(0, SPECIMEN_COLUMN if self._rows == 0 else SPECIMEN_CELL)
        self._rows += 1
        self._w.writerow(cells)

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(fh: IO[str], *, specimen: bool = False) -> CsvWriter:
    """The spreadsheet-safe writer; ``specimen=ctx.is_demo`` marks a demo's file (see :class:`CsvWriter`)."""
    return CsvWriter(fh, specimen=specimen)


__all__ = [
    "FORMULA_START",
    "SPECIMEN_CELL",
    "SPECIMEN_COLUMN",
    "CsvWriter",
    "Output",
    "Protected",
    "Staged",
    "as_output",
    "check",
    "copy_file",
    "csv_cell",
    "csv_writer",
    "error_for",
    "guarded",
    "protected_files",
    "read_cell",
    "replacing",
    "stage",
    "wipe",
]
