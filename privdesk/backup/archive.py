"""The backup archive (백업 파일): one encrypted file per backup.

Layout::

    PRIVDESK-BACKUP\\n                      16 bytes, the magic
    u32 big-endian                         length of the header
    header (JSON, UTF-8, plaintext)        format, cipher, chunk size, salt, key check, database id,
                                           when, backend — nothing personal, no key material
    chunk 0, chunk 1, … chunk n            AES-256-GCM ciphertexts of the stream, ``chunk`` bytes
                                           of plaintext each (the last one shorter), 16-byte tags

The key of an archive is derived from the backup key (itself derived from the master key) and
the header's random salt (:meth:`privdesk.crypto.KeyRing.archive_cipher`); chunk ``i`` is sealed
with nonce ``i`` and associated data binding the header's SHA-256, ``i`` and whether it is the
last chunk. So a flipped byte, a chunk moved, dropped, repeated or appended, a truncated file or
an edited header fails to decrypt, and the reader says where. The header carries the database's
key check value (stored in the database anyway, not secret): a key file that does not match is
named before anything is decrypted, with the key check the archive needs (after a key rotation,
old archives open only with the old key file).

The decrypted stream is a sequence of records ``tag (1 byte) | u32 length | payload``:

- ``P`` a part begins (JSON: name, kind); ``D`` data of the current part (≤ 1 MiB each);
  ``E`` the part ends (JSON: size, SHA-256 of its bytes);
- ``M`` the manifest (JSON), always last: schema revision, the access log's head, row counts per
  table, every part with its size and SHA-256, the key check, who made it and when.

The writer only ever writes to a temporary file that the safe writer renames into place once
it is complete and fsynced (:func:`privdesk.files.stage`), so a half-written archive never looks
like one.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from privdesk.crypto import KeyRing
from privdesk.errors import BackupError
from privdesk.korean import josa

MAGIC = b"PRIVDESK-BACKUP\n"
FORMAT = 1
CIPHER = "AES-256-GCM"
CHUNK = 1 << 20  # plaintext bytes per chunk
TAG = 16
SUFFIX = ".pdbk"
MAX_HEADER = 64 * 1024
RECORD_MAX = 1 << 20
_REC = struct.Struct(">cI")
_AAD = b"privdesk-backup/v1\x1f"


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class Header:
    """The archive's plaintext header (readable without the key)."""

    format: int
    chunk: int
    salt: bytes
    key_check: str  # hex of the database's key check value
    database_id: str
    created_at: str  # ISO 8601, UTC
    backend: str
    raw: bytes = field(repr=False, default=b"")  # the header exactly as stored (bound to every chunk)

    @property
    def key_prefix(self) -> str:
        return self.key_check[:16]


@dataclass(frozen=True)
class Part:
    name: str
    kind: str
    size: int
    sha256: str


def new_header(keys: KeyRing, *, database_id: str, created_at: str, backend: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "cipher": CIPHER,
        "chunk": CHUNK,
        "salt": os.urandom(32).hex(),
        "key_check": keys.check_value.hex(),
        "database_id": database_id,
        "created_at": created_at,
        "backend": backend,
    }


def _aad(header_digest: bytes, index: int, last: bool) -> bytes:
    return _AAD + header_digest + index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


# -- writing ----------------------------------------------------------------------------------------
class ArchiveWriter:
    """Writes one archive to ``fh`` (an open binary file, normally :func:`privdesk.files.stage`'s).

    ``begin_part`` / ``write`` / ``end_part`` for each part, then ``finish(manifest)``; the parts
    written are in ``parts`` (name, size, SHA-256) for the manifest. ``size`` and ``sha256`` are
    those of the archive file itself."""

    def __init__(self, fh: IO[bytes], keys: KeyRing, header: dict[str, Any]) -> None:
        self._fh = fh
        raw = json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        self._file_hash = hashlib.sha256()
        self.size = 0
        self._put(MAGIC + len(raw).to_bytes(4, "big") + raw)
        self._digest = hashlib.sha256(MAGIC + len(raw).to_bytes(4, "big") + raw).digest()
        self._aead = keys.archive_cipher(bytes.fromhex(str(header["salt"])))
        self._chunk = int(header["chunk"])
        self._buf = bytearray()
        self._index = 0
        self._part: tuple[str, str] | None = None
        self._part_hash = hashlib.sha256()
        self._part_size = 0
        self.parts: list[Part] = []
        self.finished = False

    def _put(self, data: bytes) -> None:
        self._fh.write(data)
        self._file_hash.update(data)
        self.size += len(data)

    def _seal(self, plain: bytes | memoryview, last: bool) -> None:
        self._put(
            self._aead.encrypt(_nonce(self._index), bytes(plain), _aad(self._digest, self._index, last))
        )
        self._index += 1

    def _record(self, tag: bytes, payload: bytes | memoryview) -> None:
        self._buf += _REC.pack(tag, len(payload))
        self._buf += payload
        n = self._chunk
        if len(self._buf) > n:  # keep at least one byte back: the last chunk is sealed by finish()
            view = memoryview(self._buf)
            start = 0
            while len(self._buf) - start > n:
                self._seal(view[start : start + n], False)
                start += n
            view.release()
            del self._buf[:start]

    def begin_part(self, name: str, kind: str) -> None:
        if self._part is not None:
            raise RuntimeError("a part is already open")
        self._part = (name, kind)
        self._part_hash = hashlib.sha256()
        self._part_size = 0
        self._record(b"P", json.dumps({"name": name, "kind": kind}).encode())

    def write(self, data: bytes | memoryview) -> None:
        if self._part is None:
            raise RuntimeError("no part is open")
        view = memoryview(data)
        for i in range(0, len(view), RECORD_MAX):
            piece = view[i : i + RECORD_MAX]
            self._part_hash.update(piece)
            self._part_size += len(piece)
            self._record(b"D", piece)

    def end_part(self) -> Part:
        if self._part is None:
            raise RuntimeError("no part is open")
        part = Part(self._part[0], self._part[1], self._part_size, self._part_hash.hexdigest())
        self._record(b"E", json.dumps({"size": part.size, "sha256": part.sha256}).encode())
        self.parts.append(part)
        self._part = None
        return part

    def finish(self, manifest: dict[str, Any]) -> None:
        if self._part is not None:
            raise RuntimeError("a part is still open")
        self._record(b"M", json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode())
        self._seal(memoryview(self._buf), True)
        self._buf.clear()
        self.finished = True

    @property
    def sha256(self) -> str:
        return self._file_hash.hexdigest()


# -- reading ----------------------------------------------------------------------------------------
def _damaged(path: Path, what: str) -> BackupError:
    return BackupError(
        "damaged",
        f"백업 파일이 손상되었습니다: {path} — {what}. 다른 백업 파일을 사용하십시오 "
        "(privdesk backup verify로 백업 폴더의 파일을 하나씩 확인할 수 있습니다).",
    )


def read_header(fh: Readable, path: Path) -> Header:
    """The plaintext header, or a Korean :class:`BackupError` when this is not a privdesk archive."""
    magic = fh.read(len(MAGIC))
    if magic != MAGIC:
        if not magic:
            raise BackupError("empty", f"{josa(path, '은/는')} 빈 파일입니다: privdesk 백업 파일이 아닙니다.")
        raise BackupError(
            "not_archive", f"{josa(path, '은/는')} privdesk 백업 파일이 아닙니다 (파일 형식 표시가 없습니다)."
        )
    size_raw = fh.read(4)
    if len(size_raw) != 4:
        raise _damaged(path, "머리글이 잘렸습니다")
    size = int.from_bytes(size_raw, "big")
    if not 0 < size <= MAX_HEADER:
        raise _damaged(path, "머리글의 길이가 올바르지 않습니다")
    raw = fh.read(size)
    if len(raw) != size:
        raise _damaged(path, "머리글이 잘렸습니다")
    try:
        obj = json.loads(raw.decode())
        fmt = int(obj["format"])
        if fmt != FORMAT:
            raise BackupError(
                "format",
                f"{josa(path, '은/는')} 이 privdesk가 모르는 형식({fmt})의 백업입니다. 새 버전의 privdesk로 여십시오.",
            )
        if obj.get("cipher") != CIPHER:
            raise ValueError
        chunk = int(obj["chunk"])
        salt = bytes.fromhex(str(obj["salt"]))
        if not 4096 <= chunk <= 64 << 20 or len(salt) < 16:
            raise ValueError
        return Header(
            fmt,
            chunk,
            salt,
            str(obj["key_check"]),
            str(obj["database_id"]),
            str(obj["created_at"]),
            str(obj["backend"]),
            MAGIC + size_raw + raw,
        )
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _damaged(path, "머리글을 읽을 수 없습니다") from None


def check_key(header: Header, keys: KeyRing, path: Path, key_file: Path | str) -> None:
    """Refuse a key file whose key check differs from the archive's, naming both (a key rotated
    since the backup: the archive needs the key file of that time)."""
    if keys.check_value.hex() != header.key_check:
        raise BackupError(
            "wrong_key",
            f"키 파일 {josa(key_file, '은/는')} 이 백업의 키가 아닙니다: 백업 {josa(path.name, '은/는')} 키 확인값이 "
            f"{header.key_prefix}…인 키로 만들어졌고, 이 키 파일의 키 확인값은 "
            f"{keys.check_value.hex()[:16]}…입니다. 백업할 때 쓰던 키 파일(키를 교체했다면 "
            "교체 전의 키 파일)을 --key-file로 지정하십시오.",
        )


class Reader:
    """Decrypts an archive chunk by chunk and yields its records, checking every part's SHA-256.

    ``records()`` yields ``("part", Part-with-size-0)``, ``("data", bytes)``, ``("end", Part)``
    and finally ``("manifest", dict)``; any damage is a :class:`BackupError` naming the file."""

    def __init__(self, fh: Readable, header: Header, keys: KeyRing, path: Path) -> None:
        self._fh = fh
        self.header = header
        self.path = path
        self._aead: AESGCM = keys.archive_cipher(header.salt)
        self._digest = hashlib.sha256(header.raw).digest()
        self._offset = len(header.raw)
        self.bytes_read = len(header.raw)

    def _chunks(self) -> Iterator[bytes]:
        size = self.header.chunk + TAG
        index = 0
        block = self._fh.read(size)
        if not block:
            raise _damaged(self.path, "머리글 뒤에 내용이 없습니다(파일이 잘렸습니다)")
        while block:
            nxt = self._fh.read(size)
            last = not nxt
            if len(block) < TAG or (not last and len(block) != size):
                raise _damaged(self.path, f"{self._offset:,}바이트 부근에서 파일이 잘렸습니다")
            try:
                plain = self._aead.decrypt(_nonce(index), block, _aad(self._digest, index, last))
            except InvalidTag:
                where = (
                    "파일의 마지막 블록: 내용이 바뀌었거나 파일이 잘렸습니다"
                    if last
                    else f"{self._offset:,}바이트 부근의 내용이 바뀌었습니다"
                )
                raise _damaged(self.path, f"암호 블록 {index}번이 맞지 않습니다({where})") from None
            self._offset += len(block)
            self.bytes_read += len(block)
            yield plain
            index += 1
            block = nxt

    def records(self) -> Iterator[tuple[str, Any]]:
        buf = bytearray()
        chunks = self._chunks()
        part: tuple[str, str] | None = None
        part_hash = hashlib.sha256()
        part_size = 0
        manifest: dict[str, Any] | None = None
        done = False

        def need(n: int) -> bool:
            while len(buf) < n:
                try:
                    buf.extend(next(chunks))
                except StopIteration:
                    return False
            return True

        while True:
            if not need(_REC.size):
                if buf:
                    raise _damaged(self.path, "마지막 기록이 잘렸습니다")
                break
            if done:
                raise _damaged(self.path, "목록(매니페스트) 뒤에 내용이 더 있습니다")
            tag, length = _REC.unpack_from(buf)
            if length > max(RECORD_MAX, 16 << 20) or not need(_REC.size + length):
                raise _damaged(self.path, "기록이 잘렸습니다")
            payload = bytes(buf[_REC.size : _REC.size + length])
            del buf[: _REC.size + length]
            if tag == b"D":
                if part is None:
                    raise _damaged(self.path, "부분 밖의 데이터가 있습니다")
                part_hash.update(payload)
                part_size += len(payload)
                yield "data", payload
            elif tag == b"P":
                if part is not None:
                    raise _damaged(self.path, "부분이 닫히지 않았습니다")
                info = _json(payload, self.path)
                part = (str(info["name"]), str(info["kind"]))
                part_hash, part_size = hashlib.sha256(), 0
                yield "part", Part(part[0], part[1], 0, "")
            elif tag == b"E":
                if part is None:
                    raise _damaged(self.path, "열리지 않은 부분의 끝이 있습니다")
                info = _json(payload, self.path)
                found = Part(part[0], part[1], part_size, part_hash.hexdigest())
                if int(info["size"]) != found.size or str(info["sha256"]) != found.sha256:
                    raise _damaged(self.path, f"부분 {found.name}의 SHA-256이 기록과 다릅니다")
                part = None
                yield "end", found
            elif tag == b"M":
                if part is not None:
                    raise _damaged(self.path, "부분이 닫히지 않았습니다")
                manifest = _json(payload, self.path)
                done = True
                yield "manifest", manifest
            else:
                raise _damaged(self.path, "알 수 없는 기록이 있습니다")
        if manifest is None:
            raise _damaged(self.path, "목록(매니페스트)이 없습니다(파일이 잘렸습니다)")


def _json(payload: bytes, path: Path) -> dict[str, Any]:
    try:
        obj = json.loads(payload.decode())
    except (ValueError, UnicodeDecodeError):
        raise _damaged(path, "기록을 읽을 수 없습니다") from None
    if not isinstance(obj, dict):
        raise _damaged(path, "기록을 읽을 수 없습니다")
    return obj


@dataclass(frozen=True)
class Contents:
    """What a whole pass over an archive found (every part checked against the manifest)."""

    header: Header
    manifest: dict[str, Any]
    parts: tuple[Part, ...]
    size: int
    sha256: str


Sink = Callable[[Part], Callable[[bytes], None] | None]


def read_archive(
    path: Path,
    keys: KeyRing,
    key_file: Path | str,
    *,
    sink: Sink | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Contents:
    """Decrypt ``path`` completely: the key check first, then every chunk, every part's SHA-256,
    and the manifest (which must list exactly the parts found, with the same sizes and hashes, and
    the header's key check and database). ``sink(part)`` may return a function that receives the
    part's bytes (the restore writes them out); ``progress(done, total)`` counts file bytes."""
    path = Path(path)
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise BackupError("missing", f"백업 파일이 없습니다: {path}.") from None
    except IsADirectoryError:
        raise BackupError(
            "missing", f"{josa(path, '은/는')} 폴더입니다. 백업 파일(*{SUFFIX})을 지정하십시오."
        ) from None
    except PermissionError:
        raise BackupError("unreadable", f"백업 파일을 읽을 권한이 없습니다: {path}.") from None
    with fh:
        total = os.fstat(fh.fileno()).st_size
        file_hash = _HashingReader(fh)
        header = read_header(file_hash, path)
        check_key(header, keys, path, key_file)
        reader = Reader(file_hash, header, keys, path)
        parts: list[Part] = []
        manifest: dict[str, Any] = {}
        out: Callable[[bytes], None] | None = None
        for kind, value in reader.records():
            if kind == "data":
                if out is not None:
                    out(value)
                if progress is not None:
                    progress(reader.bytes_read, total)
            elif kind == "part":
                out = sink(value) if sink is not None else None
            elif kind == "end":
                parts.append(value)
                out = None
            else:
                manifest = value
        _check_manifest(manifest, header, parts, path)
        return Contents(header, manifest, tuple(parts), file_hash.size, file_hash.hexdigest())


class _HashingReader:
    """A file whose bytes, as read, go into a SHA-256 (the archive's own checksum)."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._hash = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        data = self._fh.read(n)
        self._hash.update(data)
        self.size += len(data)
        return data

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def _check_manifest(manifest: dict[str, Any], header: Header, parts: list[Part], path: Path) -> None:
    try:
        listed = [
            Part(str(p["name"]), str(p["kind"]), int(p["size"]), str(p["sha256"])) for p in manifest["parts"]
        ]
        if manifest["key_check"] != header.key_check or manifest["database_id"] != header.database_id:
            raise _damaged(path, "목록(매니페스트)과 머리글이 서로 다른 데이터베이스를 가리킵니다")
        int(manifest["head"]["seq"])
        str(manifest["revision"])
        if not isinstance(manifest["counts"], dict):
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise _damaged(path, "목록(매니페스트)의 항목이 빠졌거나 올바르지 않습니다") from None
    if listed != parts:
        raise _damaged(path, "목록(매니페스트)의 부분·크기·SHA-256이 파일 내용과 다릅니다")


def peek(path: Path) -> Header | None:
    """The header of an archive, or None when ``path`` is not a readable privdesk archive (the
    rotation and the catalogue look at the folder's files without a key)."""
    try:
        with Path(path).open("rb") as fh:
            return read_header(fh, Path(path))
    except (OSError, BackupError):
        return None


__all__ = [
    "CHUNK",
    "FORMAT",
    "MAGIC",
    "SUFFIX",
    "ArchiveWriter",
    "Contents",
    "Header",
    "Part",
    "check_key",
    "new_header",
    "peek",
    "read_archive",
    "read_header",
]
