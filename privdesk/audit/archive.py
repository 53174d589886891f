"""Archiving old access-log entries (접속기록 보관) into a signed file, leaving a checkpoint.

The law asks for the access log to be kept at least two years (안전성 확보조치 기준 제8조①);
older entries may leave the database for a signed archive file so the live log stays fast.
:func:`archive_before` moves the oldest entries, those strictly before a date (KST), and only up
to the first younger entry so the moved part is a prefix of the chain. In one transaction it
inserts a signed :class:`~privdesk.store.models.AuditCheckpoint` (the remaining chain continues
from its ``last_hash``) and deletes the moved rows under an ``audit_archive_permit`` row, which is
the only way past the database's delete trigger.

Archive file format (UTF-8 JSON lines, one object per line)::

    {"format": "privdesk-access-log-archive", "version": 1, "from_seq": 1, "to_seq": 5000,
     "entries": 5000, "prev_hash": "<hex>", "before": "2024-01-01", "hospital": "…",
     "created_at": "…Z", "created_by": "<login>", "workstation": "<host>"}
    {"seq": 1, "at": "…Z", "actor": "…", "workstation": "…", "ip": "…", "action": "…",
     "subject": …, "search_kind": …, "outcome": "…", "detail": …, "prev_hash": "<hex>", "hash": "<hex>"}
    … one line per entry, ascending seq …
    {"end": "privdesk-access-log-archive", "entries": 5000, "last_hash": "<hex>",
     "body_sha256": "<hex>", "signature": "<hex>"}

``body_sha256`` is the SHA-256 of every byte before the last line; ``signature`` is
HMAC-SHA256 (the key file's signing key) over ``b"privdesk-audit-archive\\x1f" + body digest``.
The checkpoint records the file's name and the SHA-256 of the whole file. A file is verified on
its own with :func:`verify_archive_file` (the same chain rules as the database, and the signature).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import delete, func, select

from privdesk import clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action, Outcome, checkpoint_message, lock_head
from privdesk.audit.query import SUBJECT, kst_start
from privdesk.audit.verify import (
    ALTERED,
    COLUMNS,
    INSERTED,
    TAIL_DELETED,
    Link,
    Row,
    Snapshot,
    VerifyResult,
    chain_start,
    check_chain,
    diagnose,
    failed,
    link_of,
    passed,
    scan,
)
from privdesk.context import Actor, AppContext
from privdesk.crypto import KeyRing
from privdesk.errors import RuleViolationError, ValidationError
from privdesk.store.models import AccessLogEntry, AuditArchivePermit, AuditCheckpoint

FORMAT = "privdesk-access-log-archive"
VERSION = 1
_BATCH = 5000


@dataclass(frozen=True)
class ArchiveResult:
    """What an archive run moved; ``entries == 0`` (and no file) when nothing was old enough."""

    entries: int
    first_seq: int | None = None
    last_seq: int | None = None
    path: Path | None = None
    sha256: str | None = None


def archive_message(body_digest: bytes) -> bytes:
    return b"privdesk-audit-archive\x1f" + body_digest


def earliest_allowed(today: dt.date, years: int) -> dt.date:
    """The latest ``before`` date that keeps ``years`` of entries (29 Feb falls back to 28 Feb)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _line(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _entry_line(row: Row) -> bytes:
    obj = dict(zip(COLUMNS, row, strict=True))
    obj["seq"] = int(row[0])
    obj["prev_hash"] = bytes(row[10]).hex()
    obj["hash"] = bytes(row[11]).hex()
    return _line(obj)


class _Writer:
    """Writes the archive file while the rows stream past, keeping the body digest."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.body = hashlib.sha256()
        self.whole = hashlib.sha256()

    def write(self, data: bytes, *, body: bool = True) -> None:
        self.fh.write(data)
        self.whole.update(data)
        if body:
            self.body.update(data)

    def tee(self, batches: Iterator[list[Row]]) -> Iterator[list[Link]]:
        for batch in batches:
            self.write(b"".join(_entry_line(r) for r in batch))
            yield [link_of(r) for r in batch]


def archive_before(ctx: AppContext, actor: Actor, before: dt.date, out: Path) -> ArchiveResult:
    """접속기록 보관: move the entries older than ``before`` (KST) into the signed file ``out``.

    Refuses a date that would move entries younger than the profile's retention
    (``access_log_years``), an existing ``out``, and a chain that does not verify."""
    out = Path(out)
    with ctx.unit(actor, Permission.AUDIT_ARCHIVE):
        pass  # the permission check (a refusal is logged by the unit)
    years = ctx.profile.access_log_years
    limit = earliest_allowed(clock.today_kst(), years)
    if before > limit:
        raise RuleViolationError(
            f"접속기록은 {years}년 이상 보관해야 하므로 기준 날짜는 {limit.isoformat()} 또는 그 이전이어야 합니다."
        )
    if out.exists() or out.is_symlink():  # an archive never replaces anything (no --force)
        raise ValidationError("out", f"파일이 이미 있습니다: {out}. 다른 파일 이름을 지정하십시오.")
    target = files.guarded(ctx.settings, out)
    check = check_chain(ctx.engine, ctx.keys)
    if not check.ok:
        raise RuleViolationError(f"체인 검증에 실패해 보관하지 않았습니다. {check.message}")

    staged = files.stage(target, binary=True)
    linked = False
    try:
        written = _write_file(ctx, actor, before, staged)
        if written is None:
            with ctx.unit(actor, Permission.AUDIT_ARCHIVE) as u:
                u.log(Action.ARCHIVE, SUBJECT, detail=f"before={before.isoformat()} entries=0")
            return ArchiveResult(0)
        first, upto, n, last_hash, digest = written
        with ctx.unit(actor, Permission.AUDIT_ARCHIVE) as u:
            s = u.session
            lock_head(s)  # serialises against appends and other archive runs
            latest = s.execute(select(func.max(AuditCheckpoint.upto_seq))).scalar_one_or_none() or 0
            stored = s.execute(select(AccessLogEntry.hash).where(AccessLogEntry.seq == upto)).scalar()
            if latest != first - 1 or stored != last_hash:
                raise RuleViolationError("다른 보관 작업이 먼저 끝났습니다. 다시 실행하십시오.")
            s.add(
                AuditCheckpoint(
                    upto_seq=upto,
                    last_hash=last_hash,
                    entries=n,
                    created_at=clock.now(),
                    archive_name=out.name,
                    archive_sha256=digest,
                    signature=ctx.keys.sign(checkpoint_message(upto, last_hash, n, out.name, digest)),
                )
            )
            s.add(AuditArchivePermit(upto_seq=upto))
            s.flush()
            s.execute(
                delete(AccessLogEntry)
                .where(AccessLogEntry.seq <= upto)
                .execution_options(synchronize_session=False)
            )
            s.execute(delete(AuditArchivePermit).execution_options(synchronize_session=False))
            u.log(
                Action.ARCHIVE,
                SUBJECT,
                detail=f"before={before.isoformat()} seq={first}-{upto} entries={n} "
                f"file={out.name} sha256={digest}",
            )
            # Into place inside the transaction, so a failure rolls the move back. A rename, not
            # a hard link: USB sticks and some shares have none.
            if out.exists() or out.is_symlink():
                raise ValidationError("out", f"파일이 이미 있습니다: {out}. 다른 파일 이름을 지정하십시오.")
            staged.publish()
            linked = True
    except BaseException:
        if linked:
            target.path.unlink(missing_ok=True)
        raise
    finally:
        staged.discard()
    return ArchiveResult(n, first, upto, target.path, digest)


def _write_file(
    ctx: AppContext, actor: Actor, before: dt.date, staged: files.Staged
) -> tuple[int, int, int, bytes, str] | None:
    """Write the archive of the old prefix to the staged file (finished: fsynced and closed);
    (first, upto, n, last hash, file sha256), or None when no entry is old enough."""
    cutoff = kst_start(before)
    with Snapshot(ctx.engine) as snap:
        start = chain_start(snap, ctx.keys)
        if isinstance(start, VerifyResult):
            raise RuleViolationError(f"체인 검증에 실패해 보관하지 않았습니다. {start.message}")
        young = snap.one("SELECT MIN(seq) FROM access_log WHERE seq >= ? AND at >= ?", (start.seq, cutoff))
        upto = int(young[0]) - 1 if young and young[0] is not None else start.head_seq
        if upto < start.seq:
            return None
        header = {
            "format": FORMAT,
            "version": VERSION,
            "from_seq": start.seq,
            "to_seq": upto,
            "entries": upto - start.seq + 1,
            "prev_hash": start.hash.hex(),
            "before": before.isoformat(),
            "hospital": ctx.profile.name,
            "created_at": clock.iso_utc(clock.now()),
            "created_by": actor.login,
            "workstation": ctx.workstation.host,
        }
        w = _Writer(staged.fh)
        w.write(_line(header))
        with closing(snap.entries(start.seq, upto)) as rows:
            end = scan(w.tee(rows), start.seq, start.hash, upto)
        if end.bad is not None or end.expected != upto + 1:
            raise RuleViolationError("보관할 기록을 읽는 동안 체인이 맞지 않았습니다. 다시 실행하십시오.")
        n = upto - start.seq + 1
        sig = ctx.keys.sign(archive_message(w.body.digest()))
        w.write(
            _line(
                {
                    "end": FORMAT,
                    "entries": n,
                    "last_hash": end.prev.hex(),
                    "body_sha256": w.body.hexdigest(),
                    "signature": sig.hex(),
                }
            ),
            body=False,
        )
        staged.finish()
        return start.seq, upto, n, end.prev, w.whole.hexdigest()


# -- verifying an archive file -------------------------------------------------------------------
class _BadLine(Exception):
    pass


def _row_from(obj: Any) -> Row:
    try:
        values = [obj[c] for c in COLUMNS]
        seq = values[0]
        if not isinstance(seq, int) or isinstance(seq, bool):
            raise _BadLine
        for i in (1, 2, 3, 4, 5, 8):
            if not isinstance(values[i], str):
                raise _BadLine
        for i in (6, 7, 9):
            if values[i] is not None and not isinstance(values[i], str):
                raise _BadLine
        values[10] = bytes.fromhex(values[10])
        values[11] = bytes.fromhex(values[11])
    except (KeyError, TypeError, ValueError):
        raise _BadLine from None
    return tuple(values)


class _ArchiveReader:
    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.body = hashlib.sha256()
        self.end: dict[str, Any] | None = None
        self.bad_line = False
        self.after_end = False

    def header(self) -> dict[str, Any] | None:
        line = self.fh.readline()
        self.body.update(line)
        try:
            obj = json.loads(line)
        except ValueError:
            return None
        return obj if isinstance(obj, dict) and obj.get("format") == FORMAT else None

    def batches(self) -> Iterator[list[Link]]:
        batch: list[Link] = []
        for line in self.fh:
            if self.end is not None:
                self.after_end = True
                return
            try:
                obj = json.loads(line)
            except ValueError:
                self.bad_line = True
                break
            if isinstance(obj, dict) and obj.get("end") == FORMAT:
                self.end = obj
                continue
            self.body.update(line)
            try:
                batch.append(link_of(_row_from(obj)))
            except _BadLine:
                self.bad_line = True
                break
            if len(batch) >= _BATCH:
                yield batch
                batch = []
        if batch:
            yield batch


def _entries_in_file(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as fh:
        fh.readline()
        for line in fh:
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get("seq"), int):
                yield obj


def _find_in_file(path: Path, h: bytes) -> int | None:
    target = h.hex()
    return next((int(o["seq"]) for o in _entries_in_file(path) if o.get("hash") == target), None)


def _seq_in_file(path: Path, seq: int) -> bool:
    return any(o["seq"] == seq for o in _entries_in_file(path))


def verify_archive_file(path: Path, keys: KeyRing) -> VerifyResult:
    """Verify an archive file on its own: chain links and hashes from its ``prev_hash``, the
    count and range in its header, and the signature over everything but the last line."""
    path = Path(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise ValidationError("path", f"보관 파일을 열 수 없습니다: {path} ({exc.strerror})") from None
    with fh:
        reader = _ArchiveReader(fh)
        header = reader.header()
        try:
            if header is None:
                raise ValueError
            first, upto = int(header["from_seq"]), int(header["to_seq"])
            start_hash = bytes.fromhex(header["prev_hash"])
        except (TypeError, KeyError, ValueError):
            return failed(0, None, ALTERED, "보관 파일의 머리글을 읽을 수 없습니다")
        end = scan(reader.batches(), first, start_hash, upto)
    if end.bad is not None:
        seq, problem = diagnose(
            end, first, start_hash, upto, lambda h: _find_in_file(path, h), lambda n: _seq_in_file(path, n)
        )
        return failed(end.checked, seq, problem)
    if reader.bad_line:
        return failed(end.checked, end.expected, ALTERED, "형식이 맞지 않는 줄이 있습니다")
    if reader.after_end:
        return failed(end.checked, end.expected, INSERTED, "서명 줄 뒤에 내용이 있습니다")
    if end.expected - 1 < upto:
        return failed(end.checked, end.expected, TAIL_DELETED)
    tail = reader.end
    if tail is None:
        return failed(end.checked, None, ALTERED, "보관 파일의 서명 줄이 없습니다")
    try:
        signature = bytes.fromhex(tail["signature"])
        good = (
            tail.get("body_sha256") == reader.body.hexdigest()
            and keys.verify_signature(archive_message(reader.body.digest()), signature)
            and tail.get("last_hash") == end.prev.hex()
            and tail.get("entries") == end.checked
            and header.get("entries") == end.checked
        )
    except (KeyError, TypeError, ValueError):
        good = False
    if not good:
        return failed(end.checked, None, ALTERED, "보관 파일의 서명이 맞지 않습니다")
    return passed(end.checked)


def verify_archive(ctx: AppContext, actor: Actor, path: Path) -> VerifyResult:
    """The use case behind ``privdesk audit verify-archive``: check the permission, verify the
    file with this database's key, and log the check."""
    path = Path(path)
    with ctx.unit(actor, Permission.AUDIT_VERIFY):
        pass
    result = verify_archive_file(path, ctx.keys)
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        u.log(
            Action.VERIFY,
            f"archive:{path.name}"[:128],
            outcome=Outcome.OK if result.ok else Outcome.FAILED,
            detail=f"checked={result.checked}"
            if result.ok
            else f"checked={result.checked} first_bad_seq={result.first_bad_seq} problem={result.problem}",
        )
    return result
