"""Key rotation (키 교체): a new master key for a database, every encrypted field, blind index,
row proof and signature rewritten under it.

When a workstation with the key file is stolen, the officer rotates the key: ``privdesk key rotate
--as ID`` (or 키 관리 → 키 교체 on screen). In order:

1. **Start.** The new key is written to ``<key file>.new`` (owner-only, fsynced) before anything in
   the database changes. Then, in one transaction, ``meta.key_rotation`` names the old and the new
   key check, and an anchored ``rotating`` integrity event locks everyone out
   (:func:`privdesk.context.check_lock`): no workstation may write with the old key meanwhile.
2. **Rows, in batches** (each its own transaction): every row of every proven table whose proof
   holds under the old key gets its ciphertexts decrypted and encrypted again (each ciphertext
   names its key: :meth:`privdesk.crypto.KeyRing.made_this`), its blind indexes recomputed from the
   plaintext and its proof made under the new key. A row whose proof holds under the new key is
   done already — so a run killed at any point (kill -9) simply goes on where it stopped. A row
   whose proof holds under neither key was changed behind privdesk's back: the rotation stops and
   names it (it never seals what it has not checked).
3. **Finish**, in one transaction: the head of the access log and the archive checkpoints are
   checked with the old key and signed with the new one, the recovery code's MAC is made again, the
   database's key check becomes the new one, and an anchored ``key`` event records the retired key
   check (witnesses written under it still bind by number and hash). Then ``<key file>.new``
   replaces the key file. Killed between the two, the next ``key rotate`` only swaps the files.

**Cancel** runs step 2 the other way (new → old), then removes the marker and ``.new``: the database
is as it was. After a rotation the old key file no longer opens the database; old backups and
access-log archive files stay readable only with the old key (README).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, select

from privdesk import clock, proofs
from privdesk.accounts import recovery
from privdesk.audit import anchors, findings
from privdesk.audit.chain import Action, Outcome, PendingEntry, append_head, checkpoint_message, head_message
from privdesk.backup import catalogue
from privdesk.cctv.models import CCTV_REQUEST_PROOF
from privdesk.complaints.models import COMPLAINT_PROOF
from privdesk.context import AppContext, read_key_check
from privdesk.crypto import KeyRing, create_key_file, load_key_file
from privdesk.errors import BackupError, KeyFileError, OutputError, RecordIntegrityError, RuleViolationError
from privdesk.incidents.models import INCIDENT_PROOF, SUBJECT_PROOF
from privdesk.integrity import confirm_officer, inspect_all
from privdesk.korean import josa
from privdesk.lifecycle.models import SEPARATED_PATIENT_PROOF, SEPARATED_PHONE_PROOF
from privdesk.registry import records
from privdesk.registry.models import PATIENT_PROOF, PHONE_PROOF
from privdesk.registry.validation import phone_digits
from privdesk.rights.models import CORRECTION_PROOF, REQUEST_PROOF
from privdesk.settings import Settings
from privdesk.store.engine import make_engine, sqlite_path
from privdesk.store.models import Account, AccountRole, AuditCheckpoint, AuditHead, Meta, RolePermission

META_ROTATION = "key_rotation"
# Rows per transaction. Every blind index changes, so a batch's updates land all over two or three
# indexes and each commit writes (and fsyncs) most of their pages whatever the batch size: at
# 1,000,000 patients a commit cost 0.23 s for 5,000 phone rows; with 50,000 rows per batch the
# phones went from 8,000 to 14,300 rows/s (measured under cProfile on the bench's dataset).
BATCH = 50_000
CACHE_KIB = 256 * 1024  # SQLite page cache for a batch's dirty index pages
Progress = Callable[[str, int, int], None] | None  # (what, rows done, rows in all)
log = logging.getLogger("privdesk.custody")


class Cancelled(Exception):
    """Raised by the cancel check between batches."""


# -- what is rewritten ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Enc:
    """An encrypted column and its associated data (table, column, row binding)."""

    column: str
    aad_table: str
    aad_column: str
    binding: Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True)
class Index:
    """A blind index computed from an encrypted column's plaintext."""

    column: str
    purpose: str
    source: str
    value: Callable[[str], str]


@dataclass(frozen=True)
class Target:
    table: str  # SQL name (schema-qualified on PostgreSQL's separate store)
    key: tuple[str, ...]
    spec: proofs.ProofSpec
    enc: tuple[Enc, ...] = ()
    index: tuple[Index, ...] = ()
    parent: str | None = None  # the patients table whose uid binds a phone's ciphertext
    label: str = ""

    @property
    def columns(self) -> list[str]:
        wanted = [
            *self.key,
            *self.spec.column_names,
            *(e.column for e in self.enc),
            *(i.column for i in self.index),
            "proof",
        ]
        if self.parent is None and any(e.binding is _own_uid for e in self.enc):
            wanted.append("uid")
        return list(dict.fromkeys(wanted))


def _own_uid(row: Mapping[str, Any]) -> str:
    return str(row["uid"])


def _phone_binding(row: Mapping[str, Any]) -> str:
    return records.phone_row_binding(str(row["parent_uid"]), int(row["position"]))


def _patient_targets(
    patients: str, phones: str, spec: proofs.ProofSpec, phone_spec: proofs.ProofSpec
) -> tuple[Target, Target]:
    return (
        Target(
            patients,
            ("id",),
            spec,
            (
                Enc("rrn_enc", records.PATIENTS, "rrn", _own_uid),
                Enc("address_enc", records.PATIENTS, "address", _own_uid),
            ),
            (Index("rrn_bi", records.BI_RRN, "rrn_enc", lambda v: v),),
            label=spec.label,
        ),
        Target(
            phones,
            ("id",),
            phone_spec,
            (Enc("phone_enc", records.PHONES, "phone", _phone_binding),),
            (
                Index("phone_bi", records.BI_PHONE, "phone_enc", phone_digits),
                Index("last4_bi", records.BI_LAST4, "phone_enc", lambda v: v[-4:]),
            ),
            parent=patients,
            label=phone_spec.label,
        ),
    )


def _request_target(table: str, spec: proofs.ProofSpec) -> Target:
    return Target(
        table,
        ("id",),
        spec,
        tuple(Enc(c, table, c, _own_uid) for c in spec.column_names if c.endswith("_enc")),
        label=spec.label,
    )


def main_targets(dialect: str) -> list[Target]:
    """Every proven table of the main database (and the separate store's on PostgreSQL)."""
    out = [
        *_patient_targets("patients", "patient_phones", PATIENT_PROOF, PHONE_PROOF),
        Target("accounts", ("id",), Account.__proof__, label="계정"),
        Target("account_roles", ("account_id", "role_code"), AccountRole.__proof__, label="역할 부여"),
        Target("role_permissions", ("role_code", "permission"), RolePermission.__proof__, label="역할 권한"),
        _request_target("subject_requests", REQUEST_PROOF),
        _request_target("request_corrections", CORRECTION_PROOF),
        _request_target("cctv_requests", CCTV_REQUEST_PROOF),
        Target("incidents", ("id",), INCIDENT_PROOF, label=INCIDENT_PROOF.label),
        Target("incident_subjects", ("id",), SUBJECT_PROOF, label=SUBJECT_PROOF.label),
        _request_target("complaints", COMPLAINT_PROOF),
    ]
    if dialect == "postgresql":
        out += _patient_targets(
            "separated.patients", "separated.patient_phones", SEPARATED_PATIENT_PROOF, SEPARATED_PHONE_PROOF
        )
    return out


def separate_file_targets() -> list[Target]:
    """The separate store's tables when it is a SQLite file of its own."""
    return list(
        _patient_targets("patients", "patient_phones", SEPARATED_PATIENT_PROOF, SEPARATED_PHONE_PROOF)
    )


# -- rewriting rows ---------------------------------------------------------------------------------
def _mark(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _select(t: Target, after: tuple[Any, ...] | None, mark: str) -> tuple[str, tuple[Any, ...]]:
    cols = ", ".join(f"t.{c}" for c in t.columns)
    joined = ""
    # a lookup by primary key per row, not a join: SQLite could walk the parent first and sort,
    # once per batch
    extra = f", (SELECT p.uid FROM {t.parent} p WHERE p.id = t.patient_id) AS parent_uid" if t.parent else ""
    where, params = "", ()
    if after is not None and len(t.key) == 1:
        where, params = f" WHERE t.{t.key[0]} > {mark}", after
    order = ", ".join(f"t.{k}" for k in t.key)
    limit = f" LIMIT {BATCH}" if len(t.key) == 1 else ""
    return f"SELECT {cols}{extra} FROM {t.table} t{joined}{where} ORDER BY {order}{limit}", params


def _under(old: KeyRing, new: KeyRing, t: Target, row: Mapping[str, Any]) -> KeyRing | None:
    """The key under which the row's proof holds (the new one first: a resumed run), or None."""
    stored = row["proof"]
    if stored is None:
        return None
    message = proofs.message(t.spec, [row[c] for c in t.spec.column_names])
    stored = bytes(stored)
    for keys in (new, old):
        if stored == keys.row_proof(message):
            return keys
    return None


def _rewrite(t: Target, row: dict[str, Any], old: KeyRing, new: KeyRing) -> dict[str, Any]:
    """The row's ciphertexts, blind indexes and proof under ``new``."""
    plain: dict[str, str] = {}
    for e in t.enc:
        blob = row[e.column]
        if blob is None or len(bytes(blob)) == 0:  # empty: a separated or destroyed stub
            continue
        blob = bytes(blob)
        source = new if new.made_this(blob) else old
        text = source.decrypt(blob, e.aad_table, e.aad_column, e.binding(row))
        plain[e.column] = text
        row[e.column] = new.encrypt(text, e.aad_table, e.aad_column, e.binding(row))
    for ix in t.index:
        if ix.source in plain:
            row[ix.column] = new.blind_index(ix.purpose, ix.value(plain[ix.source]))
    row["proof"] = proofs.proof_of(new, t.spec, [row[c] for c in t.spec.column_names])
    return row


def rewrite_table(
    conn_for: Callable[[], Any],
    t: Target,
    old: KeyRing,
    new: KeyRing,
    tick: Callable[[int], None],
    cancel: Callable[[], bool],
) -> int:
    """Bring every row of ``t`` from ``old`` to ``new``, a batch per transaction; returns the rows
    rewritten. ``conn_for()`` opens a transaction (a context manager giving a connection)."""
    changed = [e.column for e in t.enc] + [i.column for i in t.index] + ["proof"]
    after: tuple[Any, ...] | None = None
    done = 0
    while True:
        if cancel():
            raise Cancelled()
        with conn_for() as conn:
            if conn.dialect.name == "sqlite":
                # a batch's dirty index pages stay in memory until its commit (the default cache
                # of 2 MiB would spill them to the WAL mid-batch)
                conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
            mark = _mark(conn)
            sql, params = _select(t, after, mark)
            result = conn.exec_driver_sql(sql, params)
            names = [d[0] for d in result.cursor.description]
            rows = [dict(zip(names, r, strict=True)) for r in result.fetchall()]
            if not rows:
                return done
            updates = []
            for row in rows:
                under = _under(old, new, t, row)
                if under is new:
                    continue
                if under is None:
                    ref = t.spec.ref(row.get(t.spec.ref_column, "?"))
                    raise RecordIntegrityError(f"{t.label} {ref}")
                new_row = _rewrite(t, row, old, new)
                updates.append(tuple(new_row[c] for c in changed) + tuple(new_row[k] for k in t.key))
            if updates:
                sets = ", ".join(f"{c} = {mark}" for c in changed)
                keys = " AND ".join(f"{k} = {mark}" for k in t.key)
                conn.exec_driver_sql(f"UPDATE {t.table} SET {sets} WHERE {keys}", updates)
            done += len(updates)
            tick(len(rows))
            if len(t.key) != 1 or len(rows) < BATCH:
                return done
            after = (rows[-1][t.key[0]],)


def _count(conn: Connection, t: Target) -> int:
    return int(conn.exec_driver_sql(f"SELECT COUNT(*) FROM {t.table}").scalar_one())


# -- the state on disk and in the database ----------------------------------------------------------
def new_key_path(key_file: Path) -> Path:
    return Path(f"{key_file}.new")


@dataclass(frozen=True)
class State:
    """A rotation under way: its marker in the database and its keys."""

    old: KeyRing
    new: KeyRing
    started_by: str


def read_marker(engine: Engine) -> dict[str, str] | None:
    with engine.connect() as conn:
        raw = conn.execute(select(Meta.value).where(Meta.key == META_ROTATION)).scalar_one_or_none()
    return json.loads(raw) if raw else None


@dataclass
class Report:
    rows: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    finished: bool = False
    cancelled: bool = False
    new_key_check: str = ""

    @property
    def lines(self) -> list[str]:
        if self.cancelled:
            return [
                f"키 교체를 취소했습니다: 되돌린 행 {self.rows:,}건. 데이터베이스는 원래 키 그대로입니다."
            ]
        return [
            f"키를 교체했습니다: 다시 암호화·봉인한 행 {self.rows:,}건 (새 키 확인값 {self.new_key_check}).",
            "새 키 파일을 다른 작업 PC에 복사하고('chmod 600'), 키 복구 용지를 다시 출력해 금고의 용지와 바꾸십시오. "
            "이전 키 파일로는 이제 열 수 없습니다(이전 백업과 접속기록 보관 파일은 이전 키로만 열립니다).",
        ]


# -- the use case -------------------------------------------------------------------------------------
def _append(
    s: Any,
    ctx: AppContext,
    keys: KeyRing,
    actor: str,
    kind: str,
    summary: str,
    covers: list[str],
    head_keys: KeyRing | None = None,
) -> tuple[int, bytes]:
    """An anchored integrity event and its access-log entry (bypassing the lock: the rotation is
    the one thing that runs while it holds)."""
    head = s.execute(select(AuditHead.seq).where(AuditHead.id == 1)).scalar_one()
    ev = findings.add_event(s, kind, actor, int(head), [summary], covers)
    entry = PendingEntry(
        actor,
        Action.INTEGRITY,
        f"{findings.TABLE}:{ev.id}",
        None,
        Outcome.OK,
        anchors.DETAIL_PREFIX + anchors.digest(findings.canonical_event(ev)),
    )
    return append_head(s, head_keys or keys, ctx.workstation, [entry])


def start(ctx: AppContext, actor_login: str) -> State:
    """Write the new key file and lock the database for the rotation (or find the one under way)."""
    key_file = Path(ctx.settings.key_file)
    pending = new_key_path(key_file)
    marker = read_marker(ctx.engine)
    if marker is not None:
        if not pending.exists():
            raise KeyFileError(
                f"키 교체가 진행 중인데 새 키 파일이 없습니다: {pending}. 교체를 시작한 작업 PC에서 "
                "다시 실행하십시오.",
                str(pending),
            )
        new = load_key_file(pending)
        if new.check_value.hex() != marker["to"]:
            raise KeyFileError(
                f"{josa(pending, '은/는')} 진행 중인 키 교체의 새 키가 아닙니다.", str(pending)
            )
        return State(ctx.keys, new, marker.get("by", ""))
    with ctx.session() as s:
        ack = findings.acknowledged(s)
    chain, found = inspect_all(ctx, ack)  # never re-seal what has not been checked
    if not chain.ok or found.problems:
        first = found.problems[0].message if found.problems else chain.message
        raise RuleViolationError(
            f"무결성 검증에 실패해 키를 교체하지 않았습니다: {first}. 먼저 'privdesk audit verify'로 "
            "확인하십시오."
        )
    pending.unlink(missing_ok=True)  # a key made by a run killed before it marked the database: never used
    new = create_key_file(pending)
    _fsync_dir(pending.parent)
    with ctx.session() as s, s.begin():
        s.add(
            Meta(
                key=META_ROTATION,
                value=json.dumps(
                    {
                        "from": ctx.keys.check_value.hex(),
                        "to": new.check_value.hex(),
                        "by": actor_login,
                        "at": clock.iso_utc(clock.now()),
                    }
                ),
            )
        )
        _append(s, ctx, ctx.keys, actor_login, findings.ROTATING, "키 교체 시작", [])
    return State(ctx.keys, new, actor_login)


@contextmanager
def _separate_store(ctx: AppContext) -> Iterator[Engine | None]:
    main = sqlite_path(str(ctx.engine.url.render_as_string(hide_password=False)))
    if main is None:
        yield None
        return
    from privdesk.lifecycle.store import separate_path

    path = separate_path(main)
    if not path.exists():
        yield None
        return
    engine = make_engine(f"sqlite:///{path}", create_file=True)  # the separate store: not a main database
    try:
        yield engine
    finally:
        engine.dispose()


def rewrite_all(
    ctx: AppContext,
    old: KeyRing,
    new: KeyRing,
    progress: Progress = None,
    cancel: Callable[[], bool] = lambda: False,
) -> Report:
    """Every proven row from ``old`` to ``new`` (step 2; also the way back for a cancel)."""
    report = Report()
    with _separate_store(ctx) as store:
        work = [(ctx.engine, t) for t in main_targets(ctx.engine.dialect.name)]
        if store is not None:
            work += [(store, t) for t in separate_file_targets()]
        totals = {}
        for engine, t in work:
            with engine.connect() as conn:
                totals[(id(engine), t.table)] = _count(conn, t)
        total = sum(totals.values())
        seen = 0
        for engine, t in work:

            def tick(n: int, label: str = t.label) -> None:
                nonlocal seen
                seen += n
                if progress is not None:
                    progress(label, seen, total)

            n = rewrite_table(engine.begin, t, old, new, tick, cancel)
            report.tables[f"{t.table}"] = n
            report.rows += n
    return report


def finish(ctx: AppContext, state: State, actor_login: str) -> None:
    """Step 3: signatures under the new key, the key check, the ``key`` event; then the files."""
    old, new = state.old, state.new
    with ctx.session() as s, s.begin():
        head = s.get(AuditHead, 1, with_for_update=True)
        if head is None or not old.verify_signature(head_message(head.seq, head.hash), head.signature):
            raise RecordIntegrityError("접속기록의 체인 헤드")
        head.signature = new.sign(head_message(head.seq, head.hash))
        for cp in s.execute(select(AuditCheckpoint)).scalars():
            msg = checkpoint_message(
                cp.upto_seq, cp.last_hash, cp.entries, cp.archive_name, cp.archive_sha256
            )
            if not old.verify_signature(msg, cp.signature):
                raise RecordIntegrityError(f"보관 체크포인트 {cp.archive_name}")
            cp.signature = new.sign(msg)
        recovery.rekey(s, old, new)
        pending_marker = s.get(Meta, proofs.META_SEPARATED_PENDING)
        if pending_marker is not None:
            pending_marker.value = proofs.pending_marker(new, ctx.database_id)
        check = s.get(Meta, "key_check")
        assert check is not None
        check.value = new.check_value.hex()
        s.execute(delete(Meta).where(Meta.key == META_ROTATION))
        s.flush()
        final = _append(
            s, ctx, new, actor_login, findings.KEY, "키 교체 완료", [f"kc:{old.check_value.hex()[:16]}"]
        )
    swap_files(Path(ctx.settings.key_file))
    ctx.use_keys(new)
    ctx.witness.record_head(*final, "key", actor_login)
    _rekey_catalogue(ctx, old, new)


def _rekey_catalogue(ctx: AppContext, old: KeyRing, new: KeyRing) -> None:
    """The backup folder's catalogue signed again under the new key (checked under the old one).
    A folder away or a catalogue that fails its check is left as it is: the next backup rebuilds
    it from the database (said in the log, no personal data)."""
    folder = ctx.settings.backup.folder
    if folder is None:
        return
    try:
        catalogue.rekey(Path(folder), ctx.database_id, old, new, ctx.settings)
    except (BackupError, OutputError, OSError) as exc:
        log.warning(
            "key rotation: the backup catalogue was not signed again (%s); the next backup rebuilds it",
            exc.__class__.__name__,
        )


def swap_files(key_file: Path) -> None:
    """``<key file>.new`` replaces the key file (the database already uses the new key)."""
    pending = new_key_path(key_file)
    os.replace(pending, key_file)
    _fsync_dir(key_file.parent)


def cancel_rotation(ctx: AppContext, state: State, actor_login: str, progress: Progress = None) -> Report:
    """Take every row back to the old key, remove the marker and the new key file."""
    report = rewrite_all(ctx, state.new, state.old, progress)
    with ctx.session() as s, s.begin():
        s.execute(delete(Meta).where(Meta.key == META_ROTATION))
        _append(s, ctx, state.old, actor_login, findings.ROTATION_CANCELLED, "키 교체 취소", [])
    new_key_path(Path(ctx.settings.key_file)).unlink(missing_ok=True)
    report.cancelled = True
    return report


def rotate(
    ctx: AppContext,
    login: str,
    password: str,
    *,
    progress: Progress = None,
    cancel: Callable[[], bool] = lambda: False,
) -> Report:
    """The whole rotation (start, rows, finish), resuming one under way; the privacy officer with
    the password typed again (not a login: nobody can log in while a rotation holds the lock).
    ``cancel()`` is polled between batches: then every row goes back to the old key
    (:func:`cancel_rotation`)."""
    confirm_officer(ctx, login, password)
    state = start(ctx, login)
    actor_login = login
    try:
        report = rewrite_all(ctx, state.old, state.new, progress, cancel)
    except Cancelled:
        return cancel_rotation(ctx, state, actor_login, progress)
    finish(ctx, state, actor_login)
    report.finished, report.new_key_check = True, state.new.check_value.hex()[:16]
    return report


def cancel(ctx: AppContext, login: str, password: str, *, progress: Progress = None) -> Report:
    """Cancel the rotation under way (``privdesk key rotate --cancel``): every row back to the old key."""
    confirm_officer(ctx, login, password)
    if read_marker(ctx.engine) is None:
        raise RuleViolationError("진행 중인 키 교체가 없습니다.")
    return cancel_rotation(ctx, start(ctx, login), login, progress)


def finish_files(settings: Settings) -> bool:
    """Finish a rotation killed after its last commit (the database holds the new key check, the
    new key is still in ``<key file>.new``): swap the files. False when that is not the case."""
    key_file = Path(settings.key_file)
    pending = new_key_path(key_file)
    if not pending.exists():
        return False
    engine = make_engine(settings.db_url, create_file=False)
    try:
        stored = read_key_check(engine)
    finally:
        engine.dispose()
    if stored is None or not load_key_file(pending).matches(stored):
        return False
    swap_files(key_file)
    return True


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = [
    "BATCH",
    "META_ROTATION",
    "Cancelled",
    "Report",
    "State",
    "cancel_rotation",
    "finish",
    "main_targets",
    "new_key_path",
    "read_marker",
    "rewrite_all",
    "rotate",
    "start",
    "swap_files",
]
