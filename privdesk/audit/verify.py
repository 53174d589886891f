"""Verification of the hash-chained access log (접속기록 위·변조 검증).

The chain is read in ``seq`` order through a raw DB-API cursor (``fetchmany``) inside one
read-only snapshot, together with the signed chain head and the signed checkpoints left by
archive runs. Checked, in order:

1. every checkpoint's signature (a checkpoint is where the chain continues after archived entries);
2. no entry below the latest checkpoint remains in the table;
3. from the latest checkpoint's ``last_hash`` (or the genesis hash): ``seq`` continuity, the stored
   ``prev_hash`` link, and the recomputed ``SHA-256(prev_hash || canonical(entry))``;
4. the last entry is the signed head (``head_message(seq, hash)``), so a deleted tail, or entries
   appended behind privdesk's back, are caught;
5. the head's signature;
6. the witnesses of the head kept outside the database (:func:`check_witnesses`).

A link the privacy officer has acknowledged as broken (:mod:`privdesk.audit.findings`) is stepped
over and reported as known. Values of the wrong type (a text where a number belongs, a NULL hash)
are diagnosed like any other change, never a crash.

On the first failure a short diagnosis names the entry and what happened to it: 변조 (altered),
삭제 (deleted), 삽입 (inserted), 순서 바뀜 (reordered) or 마지막 기록 삭제 (tail deleted).
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import GENESIS, Action, Outcome, canonical, checkpoint_message, head_message
from privdesk.audit.findings import acknowledged
from privdesk.audit.witness import Witness
from privdesk.context import Actor, AppContext
from privdesk.crypto import KeyRing
from privdesk.errors import LogTamperedError
from privdesk.korean import josa

ALTERED = "변조"
DELETED = "삭제"
INSERTED = "삽입"
REORDERED = "순서 바뀜"
TAIL_DELETED = "마지막 기록 삭제"
HEAD_BAD = "체인 헤드 이상"
WITNESS = "증인 불일치"

# Column order of a full chain row everywhere in this package (the archive file uses it too).
COLUMNS = (
    "seq",
    "at",
    "actor",
    "workstation",
    "ip",
    "action",
    "subject",
    "search_kind",
    "outcome",
    "detail",
    "prev_hash",
    "hash",
)
Row = tuple[Any, ...]
# What the scan checks: (seq, canonical content bytes, stored prev_hash, stored hash).
Link = tuple[int, bytes, bytes, bytes]
BATCH = 20_000

log = logging.getLogger("privdesk.audit")

_SENTENCES = {
    ALTERED: "{n}번 기록이 변조되었습니다",
    DELETED: "{n}번 기록이 삭제되었습니다",
    INSERTED: "{n}번 기록은 체인에 없던 기록이 삽입된 것입니다",
    REORDERED: "{n}번 기록의 순서가 바뀌었습니다",
    TAIL_DELETED: "{n}번부터 마지막 기록까지 삭제되었습니다",
}


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of a verification. ``problem`` is one of 변조, 삭제, 삽입, 순서 바뀜,
    마지막 기록 삭제; ``checked`` counts the entries verified before the first problem."""

    ok: bool
    checked: int
    first_bad_seq: int | None
    problem: str | None
    detail: str | None = None
    known: tuple[int, ...] = ()  # acknowledged broken links that were stepped over

    @property
    def fingerprint(self) -> str | None:
        """What an acknowledgement of this result covers (see :mod:`privdesk.audit.findings`)."""
        if self.ok:
            return None
        if self.problem in (TAIL_DELETED, HEAD_BAD) or self.first_bad_seq is None:
            return f"head:{self.first_bad_seq or 0}"
        return f"chain:{self.first_bad_seq}"

    @property
    def message(self) -> str:
        """One Korean sentence for the user."""
        if self.ok:
            return f"접속기록 {self.checked:,}건을 검증했습니다: 위·변조가 없습니다."
        what = self.problem or ALTERED
        if self.first_bad_seq is not None:
            sentence = _SENTENCES.get(what, "{n}번 기록: " + what).format(n=self.first_bad_seq)
        else:
            sentence = what
        tail = f" ({self.detail})" if self.detail else ""
        return f"접속기록 검증 실패 [{what}]: {sentence}{tail}. 앞선 {self.checked:,}건은 정상입니다."


def passed(checked: int, known: tuple[int, ...] = ()) -> VerifyResult:
    return VerifyResult(True, checked, None, None, known=known)


def failed(
    checked: int, seq: int | None, problem: str, detail: str | None = None, known: tuple[int, ...] = ()
) -> VerifyResult:
    return VerifyResult(False, checked, seq, problem, detail, known)


# -- the hot loop -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScanEnd:
    """Where a scan stopped: ``expected`` is the next seq it wanted, ``prev`` the last good hash,
    ``bad`` the first link that did not fit (None when the links ran out cleanly)."""

    checked: int
    expected: int
    prev: bytes
    bad: Link | None


def link_of(row: Row) -> Link:
    """A full row (``COLUMNS`` order) as the scan sees it, through :func:`chain.canonical`."""
    return (int(row[0]), canonical(*row[:10]), bytes(row[10]), bytes(row[11]))


def scan(
    batches: Iterable[Sequence[Link]], start_seq: int, start_hash: bytes, last_seq: int | None = None
) -> ScanEnd:
    """Check links (ascending seq) against the chain rules until the first one that breaks a
    rule, or one past ``last_seq``. Kept flat for speed (well under a microsecond per link)."""
    sha = hashlib.sha256
    limit = sys.maxsize if last_seq is None else last_seq
    expected, prev = start_seq, start_hash
    for batch in batches:
        for link in batch:
            seq, content, stored_prev, stored = link
            if (
                seq != expected
                or seq > limit
                or stored_prev != prev
                or sha(prev + content).digest() != stored
            ):
                return ScanEnd(expected - start_seq, expected, prev, link)
            prev = stored
            expected += 1
    return ScanEnd(expected - start_seq, expected, prev, None)


def diagnose(
    end: ScanEnd,
    start_seq: int,
    start_hash: bytes,
    last_seq: int,
    find_hash: Callable[[bytes], int | None],
    has_seq: Callable[[int], bool] | None = None,
) -> tuple[int, str]:
    """Name the first bad entry and what happened to it, from the row where the scan stopped.

    ``find_hash(h)`` returns the seq of the row whose stored hash is ``h`` (None if none);
    ``has_seq(n)`` says whether entry ``n`` comes later (files, whose lines can be out of order;
    a database is read in seq order, so there a gap always means deletion)."""
    assert end.bad is not None
    bad, expected, prev = end.bad, end.expected, end.prev
    seq, content, stored_prev, stored = bad
    if seq > last_seq:
        return seq, INSERTED  # behind the signed head
    if seq < expected:
        return expected, INSERTED  # a repeated or extra entry
    if seq > expected:
        if has_seq is not None and has_seq(expected):
            return expected, REORDERED  # it is there, further on
        return expected, DELETED  # a gap: expected .. seq-1 are gone
    if stored_prev == prev:
        return seq, ALTERED  # linked correctly, content does not hash
    if hashlib.sha256(prev + content).digest() == stored:
        return seq, ALTERED  # only its link column was changed
    pred = start_seq - 1 if stored_prev == start_hash else find_hash(stored_prev)
    if pred is None:
        return seq, DELETED  # its predecessor is gone, later rows renumbered
    if pred > seq:
        return seq, REORDERED  # it now stands before its own predecessor
    if pred < seq - 1:
        return pred + 1, INSERTED  # rows pred+1 .. seq-1 were put in between
    return seq, ALTERED


# -- reading the database -----------------------------------------------------------------------
def canonical_sql(sqlite: bool) -> str:
    """:func:`privdesk.audit.chain.canonical` as an SQL expression giving the same UTF-8 bytes:
    the fields joined with the unit separator, NULL as empty text (every column, so a schema
    changed behind privdesk's back gives a mismatch, not a crash). A test compares the two on
    both databases; a difference could only raise a false alarm, never hide a change."""
    sep = "char(31)" if sqlite else "chr(31)"
    parts = [f"coalesce({c}, '')" for c in COLUMNS[1:10]]
    text = f" || {sep} || ".join(["CAST(seq AS TEXT)", *parts])
    return f"CAST({text} AS BLOB)" if sqlite else f"convert_to({text}, 'UTF8')"


class Snapshot:
    """A read-only snapshot on a raw DB-API connection (SQLite deferred read transaction in WAL;
    PostgreSQL REPEATABLE READ READ ONLY), so head, checkpoints and entries agree."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"

    def __enter__(self) -> Snapshot:
        self._raw = self.engine.raw_connection()
        conn = self._raw.driver_connection
        assert conn is not None
        self.conn: Any = conn
        if self.sqlite:
            self.conn.execute("BEGIN")
        else:
            with self.conn.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if self.sqlite:
                self.conn.execute("ROLLBACK")
            else:
                self.conn.rollback()
        finally:
            self._raw.close()

    def _sql(self, sql: str) -> str:
        return sql if self.sqlite else sql.replace("?", "%s")

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cur = self.conn.cursor()
        try:
            cur.execute(self._sql(sql), tuple(params))
            return [tuple(r) for r in cur.fetchall()]
        finally:
            cur.close()

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = BATCH) -> Generator[list[Row]]:
        """Batches of rows; a server-side cursor on PostgreSQL so memory stays flat."""
        cur = self.conn.cursor() if self.sqlite else self.conn.cursor(name="privdesk_audit_stream")
        try:
            cur.execute(self._sql(sql), tuple(params))
            while batch := cur.fetchmany(size):
                yield batch
        finally:
            cur.close()

    def entries(self, from_seq: int, to_seq: int) -> Generator[list[Row]]:
        """Full rows in ``COLUMNS`` order."""
        return self.stream(
            f"SELECT {', '.join(COLUMNS)} FROM access_log WHERE seq >= ? AND seq <= ? ORDER BY seq",
            (from_seq, to_seq),
        )

    def links(self, from_seq: int) -> Generator[list[Link]]:
        """Every link from ``from_seq`` on, the content built by the database (see
        :func:`canonical_sql`): four values per row instead of twelve is most of the speed."""
        return self.stream(
            f"SELECT seq, {canonical_sql(self.sqlite)}, prev_hash, hash FROM access_log "
            "WHERE seq >= ? ORDER BY seq",
            (from_seq,),
        )

    def find_hash(self, h: bytes) -> int | None:
        row = self.one("SELECT MIN(seq) FROM access_log WHERE hash = ?", (h,))
        return None if row is None or row[0] is None else int(row[0])


@dataclass(frozen=True)
class ChainStart:
    """Where the live chain begins: after the latest checkpoint, or at the genesis hash."""

    seq: int
    hash: bytes
    head_seq: int
    head_hash: bytes


def _as_int(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _as_blob(value: object) -> bytes | None:
    return bytes(value) if isinstance(value, (bytes, bytearray, memoryview)) else None


def chain_start(snap: Snapshot, keys: KeyRing) -> ChainStart | VerifyResult:
    """Read and check the head and the checkpoints; a VerifyResult when one of them is bad."""
    heads = snap.all("SELECT id, seq, hash, signature FROM audit_head")
    main = [h for h in heads if _as_int(h[0]) == 1]
    if not main:
        last = snap.one("SELECT MAX(seq) FROM access_log")
        n = _as_int(last[0]) if last is not None else None
        return failed(0, n, HEAD_BAD, "체인 헤드(마지막 기록 정보)가 없습니다")
    if len(heads) > 1:
        return failed(0, None, HEAD_BAD, f"체인 헤드가 {len(heads)}개 있습니다 (하나여야 합니다)")
    head_seq, head_hash, head_sig = _as_int(main[0][1]), _as_blob(main[0][2]), _as_blob(main[0][3])
    if head_seq is None or head_hash is None or head_sig is None:
        return failed(0, None, HEAD_BAD, "체인 헤드의 값이 올바르지 않습니다")
    start_seq, start_hash = 1, GENESIS
    for upto, last_hash, entries, name, digest, sig in snap.all(
        "SELECT upto_seq, last_hash, entries, archive_name, archive_sha256, signature "
        "FROM audit_checkpoints ORDER BY upto_seq"
    ):
        upto_n, last_b, entries_n, sig_b = _as_int(upto), _as_blob(last_hash), _as_int(entries), _as_blob(sig)
        if (
            upto_n is None
            or last_b is None
            or entries_n is None
            or sig_b is None
            or not keys.verify_signature(
                checkpoint_message(upto_n, last_b, entries_n, str(name), str(digest)), sig_b
            )
            or upto_n > head_seq
        ):
            return failed(0, upto_n, ALTERED, f"보관 체크포인트({name})의 서명이 맞지 않습니다")
        start_seq, start_hash = upto_n + 1, last_b
    if not keys.verify_signature(head_message(head_seq, head_hash), head_sig):
        return failed(0, head_seq, HEAD_BAD, "체인 헤드(마지막 기록 정보)의 서명이 맞지 않습니다")
    return ChainStart(start_seq, start_hash, head_seq, head_hash)


def _robust_links(snap: Snapshot, from_seq: int) -> Generator[list[Link]]:
    """:meth:`Snapshot.links` with every value checked: a row whose values have the wrong type
    (changed behind privdesk's back) becomes a link that can never fit."""
    for batch in snap.links(from_seq):
        out: list[Link] = []
        for seq, content, prev, h in batch:
            n = _as_int(seq)
            out.append(
                (
                    n if n is not None else -1,
                    _as_blob(content) or b"",
                    _as_blob(prev) or b"",
                    _as_blob(h) or b"",
                )
            )
        yield out


def _scan_from(snap: Snapshot, seq: int, prev: bytes, head_seq: int) -> ScanEnd:
    with closing(snap.links(seq)) as links:  # close the cursor inside the snapshot
        try:
            return scan(links, seq, prev, head_seq)
        except (TypeError, ValueError):
            pass
    with closing(_robust_links(snap, seq)) as links:
        return scan(links, seq, prev, head_seq)


def check_chain(engine: Engine, keys: KeyRing, *, skip: frozenset[int] = frozenset()) -> VerifyResult:
    """Verify the whole live chain. No permission check: callers are use cases. Links at the
    sequence numbers in ``skip`` (acknowledged by the officer) are stepped over."""
    with Snapshot(engine) as snap:
        return chain_in(snap, keys, skip)


def chain_in(snap: Snapshot, keys: KeyRing, skip: frozenset[int] = frozenset()) -> VerifyResult:
    start = chain_start(snap, keys)
    if isinstance(start, VerifyResult):
        return start
    low = snap.one("SELECT MIN(seq) FROM access_log")
    low_n = _as_int(low[0]) if low is not None else None
    if low_n is not None and low_n < start.seq:
        return failed(0, low_n, INSERTED, "보관 처리된 구간에 기록이 있습니다")
    known: list[int] = []
    expected, prev, checked = start.seq, start.hash, 0
    while True:
        end = _scan_from(snap, expected, prev, start.head_seq)
        checked += end.checked
        if end.bad is None:
            break
        bad = end.bad
        if bad[0] < 0:
            seq, problem = end.expected, ALTERED
        else:
            seq, problem = diagnose(end, start.seq, start.hash, start.head_seq, snap.find_hash)
        if seq in skip and bad[0] >= end.expected:
            known.append(seq)
            expected, prev, checked = bad[0] + 1, bad[3], checked + 1
            continue
        detail = None
        if problem == INSERTED and bad[0] == start.head_seq + 1 and end.expected == bad[0]:
            detail = (
                f"서명된 체인 헤드는 {start.head_seq}번인데 그 뒤에 기록이 있습니다: 몰래 덧붙인 기록이거나 "
                "체인 헤드가 이전 값으로 되돌려졌습니다"
            )
        return failed(checked, seq, problem, detail, tuple(known))
    if end.expected - 1 < start.head_seq:
        return failed(checked, end.expected, TAIL_DELETED, known=tuple(known))
    if end.prev != start.head_hash:
        return failed(
            checked,
            start.head_seq,
            ALTERED,
            "기록의 해시가 서명된 체인 헤드와 맞지 않습니다: 기록이 바뀌고 해시가 다시 계산되었습니다",
            tuple(known),
        )
    return passed(checked, tuple(known))


# -- witnesses ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class WitnessProblem:
    """A witness the chain does not agree with; ``message`` is one Korean sentence."""

    witness: Witness
    message: str


def check_witnesses(
    snap: Snapshot, keys: KeyRing, witnesses: Sequence[Witness], retired: frozenset[str] = frozenset()
) -> list[WitnessProblem]:
    """Compare the chain with each witness, lowest sequence number first: a chain shorter than
    a witness, an entry at a witnessed sequence with another hash, a witness of another key."""
    head = snap.one("SELECT seq FROM audit_head WHERE id = 1")
    head_seq = _as_int(head[0]) if head is not None else None
    archived = snap.one("SELECT MAX(upto_seq) FROM audit_checkpoints")
    archived_upto = (_as_int(archived[0]) if archived is not None else None) or 0
    last = snap.one("SELECT MAX(seq) FROM access_log")
    top = max(x for x in (head_seq, _as_int(last[0]) if last is not None else None, 0) if x is not None)
    check = keys.check_value.hex()
    ordered = sorted(witnesses, key=lambda w: w.seq)
    found: dict[int, bytes | None] = {}
    wanted = sorted({w.seq for w in ordered if archived_upto < w.seq <= top})
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        marks = ", ".join(["?"] * len(chunk))
        for seq, h in snap.all(f"SELECT seq, hash FROM access_log WHERE seq IN ({marks})", chunk):
            n = _as_int(seq)
            if n is not None:
                found[n] = _as_blob(h)
    problems: list[WitnessProblem] = []
    for w in ordered:
        if w.key_check and not check.startswith(w.key_check) and w.key_check not in retired:
            problems.append(
                WitnessProblem(
                    w,
                    f"{josa(w.source, '이/가')} 본 키(확인값 {w.key_check[:8]}…)와 지금 키가 "
                    "다릅니다: 키 파일과 데이터베이스의 키 확인값이 바뀌었습니다",
                )
            )
            continue
        if w.seq == 0 or w.seq <= archived_upto:
            continue  # before the live chain: in a signed archive file
        if w.seq > top or (head_seq is not None and w.seq > head_seq and w.seq not in found):
            end = head_seq if head_seq is not None else top
            problems.append(
                WitnessProblem(
                    w,
                    f"{josa(w.source, '은/는')} {w.seq}번 기록(해시 {w.hash_hex[:12]})까지 "
                    f"보았는데 접속기록은 {end}번에서 끝납니다: 그 뒤의 기록이 삭제되고 "
                    "체인 헤드가 옮겨졌습니다",
                )
            )
            continue
        actual = found.get(w.seq)
        if actual is None:
            problems.append(
                WitnessProblem(w, f"{josa(w.source, '이/가')} 본 {w.seq}번 기록이 없습니다: 삭제되었습니다")
            )
        elif not w.matches(actual):
            problems.append(
                WitnessProblem(
                    w,
                    f"{josa(w.source, '이/가')} 본 {w.seq}번 기록의 해시({w.hash_hex[:12]})와 "
                    f"지금 해시({actual.hex()[:12]})가 다릅니다: {w.seq}번까지의 기록이 "
                    "바뀐 뒤 해시가 다시 계산되었습니다",
                )
            )
    return problems


# -- the use case -------------------------------------------------------------------------------
def verify_chain(ctx: AppContext, actor: Actor) -> VerifyResult:
    """접속기록 무결성 검증: check the whole chain and log the check (Action.VERIFY).

    The check itself runs in a read-only snapshot outside the use case's write transaction, so
    other workstations keep appending while a long chain is read. Links the officer has
    acknowledged are stepped over (and listed in ``known``). A passed check witnesses the head."""
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        skip = acknowledged(u.session).chain_seqs
    result = check_chain(ctx.engine, ctx.keys, skip=skip)
    return log_verification(ctx, actor, result, "access_log")


def log_verification(ctx: AppContext, actor: Actor, result: VerifyResult, subject: str) -> VerifyResult:
    """Write the check into the access log (a passed one is witnessed). When the log cannot take
    it — its head is damaged, or a planted row holds the next sequence number — the result is
    returned anyway with a note: reporting the finding is what the check is for."""
    held = False
    try:
        with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
            if result.ok:
                u.log(Action.VERIFY, subject, detail=f"checked={result.checked}")
                u.witness("verify")
            else:
                u.log(
                    Action.VERIFY,
                    subject,
                    outcome=Outcome.FAILED,
                    detail=f"checked={result.checked} first_bad_seq={result.first_bad_seq} "
                    f"problem={result.problem}",
                )
        held = u.held
    except (IntegrityError, LogTamperedError):
        if result.ok:
            raise
        held = True
    if not held:
        return result
    log.error("access log: verification entry not appended (the log's head is damaged)")
    note = "이 검증 결과는 접속기록에 추가하지 못했습니다(증인 파일에 남겼습니다)"
    return replace(result, detail=f"{result.detail}; {note}" if result.detail else note)
