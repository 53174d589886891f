"""Witnesses of the access log's head outside the database (접속기록 증인 기록).

A person with write access to the database (and even the key file) can cut the access log short
and re-sign its head, or recompute every hash after editing an entry. What they cannot change is
what was written down elsewhere before: each workstation appends the head it has seen — sequence
number and hash — to its own witness file (owner-only, in the user data folder), at every login and
sign-off and at least every ``security.witness_every`` entries; every printed record carries the
short form in its footer (``접속기록 1234·3f9a0c1b2d4e``). ``privdesk audit verify`` checks the
chain against every witness it can read: a chain shorter than a witness, or whose entry at a
witnessed sequence has another hash, fails naming the first witness that disagrees.

A witness proves that the entries up to its sequence number existed with that hash when it was
written; it does not protect entries written after the last witness, and it proves nothing if
the witness file itself is deleted or edited by someone who controls the workstation.

The file holds one JSON object per line::

    {"v":1,"at":"…Z","db":"<database id>","loc":"<where>","seq":123,"hash":"<64 hex>",
     "kc":"<key check prefix>","ev":"login","by":"yook","host":"ws-01"}

Lines with ``"ev": "refused"`` or ``"held"`` carry no head: they record what the application refused
or could not append to a damaged access log (never personal data: account IDs, internal
references and problem codes only). Only this workstation appends to its file; every line is
written with ``O_APPEND`` and fsync'd before the caller goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from privdesk import clock

VERSION = 1
HEAD_EVENTS = ("init", "login", "logout", "sign-off", "periodic", "verify", "ack", "recover", "restore")
NOTE_EVENTS = ("refused", "held")
_TAIL = 64 * 1024
_MANUAL_RE = re.compile(r"^\s*(\d+)\s*[:·.]\s*([0-9a-fA-F]{8,64})\s*$")


@dataclass(frozen=True)
class Witness:
    """One witnessed head. ``hash`` is the whole hash (a file) or a prefix of it (typed from a
    printed page); ``source`` says where it comes from, in Korean, for the verify message."""

    seq: int
    hash: bytes | str
    source: str
    at: dt.datetime | None = None
    key_check: str = ""
    event: str = ""

    @property
    def hash_hex(self) -> str:
        return self.hash.hex() if isinstance(self.hash, bytes) else self.hash.lower()

    def matches(self, full_hash: bytes) -> bool:
        return full_hash.hex().startswith(self.hash_hex)

    @property
    def short(self) -> str:
        return short_form(self.seq, self.hash_hex)


def short_form(seq: int, hash_hex: str) -> str:
    """What a printed page carries: ``1234·3f9a0c1b2d4e`` (sequence and 12 hex digits)."""
    return f"{seq}·{hash_hex[:12]}"


def parse_manual(text: str) -> Witness:
    """``SEQ:HASHPREFIX`` (or ``SEQ·HASHPREFIX`` as printed) typed from a printed page.
    Raises ValueError with a Korean message."""
    m = _MANUAL_RE.match(text or "")
    if not m:
        raise ValueError(
            f"증인 값 형식이 올바르지 않습니다: {text!r}. 출력물 아래쪽의 '번호·해시' "
            "(예: 1234:3f9a0c1b2d4e, 해시는 8자리 이상)를 입력하십시오."
        )
    return Witness(
        int(m.group(1)), m.group(2).lower(), f"직접 입력한 증인 {m.group(1)}·{m.group(2)[:12].lower()}"
    )


def location_of(db_url: str) -> str:
    """Where a database lives, without credentials: a SQLite file's absolute path, or
    ``postgresql://host:port/name``."""
    u = make_url(db_url)
    if u.get_backend_name() == "sqlite":
        return str(Path(u.database or "").resolve()) if u.database else ":memory:"
    return f"postgresql://{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"


@dataclass(frozen=True)
class FileReport:
    """What a witness file holds for one database."""

    path: Path
    witnesses: tuple[Witness, ...]
    bad_lines: tuple[int, ...]  # line numbers that are not valid witness lines
    other_database_here: str | None  # a database id seen at the same location but not this one
    readable: bool = True


def _source(path: Path, host: str, at: dt.datetime | None, local: bool) -> str:
    where = "이 PC의 증인 파일" if local else f"증인 파일 {path.name}"
    when = f", {clock.fmt_datetime(at)}" if at else ""
    return f"{where}({host or '?'}{when})"


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            yield number, raw.decode("utf-8", errors="replace")


def _parse(line: str) -> dict[str, object] | None:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) and obj.get("v") == VERSION else None


def _at(obj: dict[str, object]) -> dt.datetime | None:
    text = obj.get("at")
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _witness_of(obj: dict[str, object], path: Path, local: bool) -> Witness | None:
    seq, digest = obj.get("seq"), obj.get("hash")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0 or not isinstance(digest, str):
        return None
    try:
        raw = bytes.fromhex(digest)
    except ValueError:
        return None
    if len(raw) != 32:
        return None
    at = _at(obj)
    return Witness(
        seq,
        raw,
        _source(path, str(obj.get("host", "")), at, local),
        at,
        str(obj.get("kc", "")),
        str(obj.get("ev", "")),
    )


def read_file(path: Path, database_id: str, location: str, *, local: bool) -> FileReport:
    """Every head witnessed for ``database_id`` in the file at ``path``. A missing file is an
    empty report (a new workstation has none yet); an unreadable one says so."""
    path = Path(path)
    if not path.exists():
        return FileReport(path, (), (), None)
    found: list[Witness] = []
    bad: list[int] = []
    other: str | None = None
    try:
        for number, line in _lines(path):
            if not line.strip():
                continue
            obj = _parse(line)
            if obj is None:
                bad.append(number)
                continue
            db = str(obj.get("db", ""))
            ev = str(obj.get("ev", ""))
            if db != database_id:
                if obj.get("loc") == location and ev in HEAD_EVENTS:
                    other = db
                continue
            if ev in NOTE_EVENTS:
                continue
            w = _witness_of(obj, path, local)
            if w is None:
                bad.append(number)
            else:
                found.append(w)
    except OSError:
        return FileReport(path, (), (), None, readable=False)
    # A database id seen here only before this database's first witness is an earlier
    # installation at the same place (privdesk init after the old file was removed), not a swap.
    if other is not None and found:
        other = None if _only_before(path, other, found[0]) else other
    return FileReport(path, tuple(found), tuple(bad), other)


def _only_before(path: Path, other_db: str, first: Witness) -> bool:
    """True when every line of ``other_db`` comes before ``first`` in time."""
    if first.at is None:
        return False
    for _n, line in _lines(path):
        obj = _parse(line)
        if obj is None or str(obj.get("db", "")) != other_db:
            continue
        when = _at(obj)
        if when is None or when >= first.at:
            return False
    return True


def _owner_only_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


class WitnessBook:
    """This workstation's witness file for one database: appends heads and notes durably and
    remembers the latest head it (or another process on this workstation) wrote."""

    def __init__(self, path: Path, database_id: str, location: str, key_check: bytes, host: str) -> None:
        self.path = Path(path)
        self.database_id = database_id
        self.location = location
        self.key_check = key_check.hex()[:16]
        self.host = host
        self._stamp: tuple[int, int] | None = None
        self._latest: Witness | None = None

    def __repr__(self) -> str:
        return f"WitnessBook(path={str(self.path)!r})"

    # -- writing ------------------------------------------------------------------------
    def _write(self, record: dict[str, object]) -> None:
        line = (
            json.dumps(
                {
                    "v": VERSION,
                    "at": clock.iso_utc(clock.now()),
                    "db": self.database_id,
                    "loc": self.location,
                    **record,
                    "host": self.host,
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
            + "\n"
        )
        _owner_only_dir(self.path.parent)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        if sys.platform != "win32" and os.stat(self.path).st_mode & 0o077:
            os.chmod(self.path, 0o600)

    def record_head(self, seq: int, digest: bytes, event: str, actor: str = "") -> Witness:
        """Write down a head that is already committed durably."""
        self._write({"seq": seq, "hash": digest.hex(), "kc": self.key_check, "ev": event, "by": actor})
        now = clock.now()
        w = Witness(seq, digest, _source(self.path, self.host, now, True), now, self.key_check, event)
        self._latest, self._stamp = w, self._stat()
        return w

    def note(self, event: str, actor: str, detail: str) -> None:
        """Record what could not go into the access log (a refusal, an entry held back)."""
        if event not in NOTE_EVENTS:
            raise ValueError(event)
        self._write({"ev": event, "by": actor, "note": detail[:500]})
        self._stamp = self._stat()

    # -- reading ------------------------------------------------------------------------
    def _stat(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns)

    def latest(self) -> Witness | None:
        """The head this workstation witnessed last for this database (read again only when the
        file changed). The last written, not the highest: after the officer re-based a cut chain,
        the chain goes on from a lower number."""
        stamp = self._stat()
        if stamp is None:
            return None
        if stamp == self._stamp:
            return self._latest
        last = self._scan_tail()
        if last is None and stamp[0] > _TAIL:
            report = read_file(self.path, self.database_id, self.location, local=True)
            last = report.witnesses[-1] if report.witnesses else None
        self._latest, self._stamp = last, stamp
        return last

    def _scan_tail(self) -> Witness | None:
        try:
            with self.path.open("rb") as fh:
                size = fh.seek(0, os.SEEK_END)
                fh.seek(max(0, size - _TAIL))
                chunk = fh.read()
        except OSError:
            return None
        best: Witness | None = None
        for line in chunk.decode("utf-8", errors="replace").splitlines():
            obj = _parse(line)
            if obj is None or obj.get("db") != self.database_id or obj.get("ev") in NOTE_EVENTS:
                continue
            w = _witness_of(obj, self.path, True)
            if w is not None:
                best = w
        return best

    def report(self) -> FileReport:
        return read_file(self.path, self.database_id, self.location, local=True)


def read_files(paths: Iterable[Path], database_id: str, location: str) -> list[FileReport]:
    """Witness files copied from other workstations (``--witness-file``)."""
    return [read_file(Path(p), database_id, location, local=False) for p in paths]
