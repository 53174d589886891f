"""Row proofs (행 무결성 증명): every row of personal data or of a legal record carries a keyed MAC
over the columns that make up its identity.

Why: the blind indexes, the uid, the chart number, the name, the birth date and the sex of a
patient are separate columns; a person with write access to the database could exchange them
between two rows (a search for one patient's resident number would then find the other; unmask
would show another person's number under this chart number) and nothing would notice. The
ciphertexts are already bound to their row by AES-GCM's associated data, but the indexes and the
plain columns are not. So each proven row stores

    proof = HMAC-SHA256(row-proof key, table || encode(identifying columns))[:16]

with the row's own primary key among the columns: moving any of them to another row, or editing
one, breaks the MAC. The key is derived from the master key (:class:`privdesk.crypto.KeyRing`), so
an attacker of the database alone cannot make a valid proof; one who also holds the key file can —
that is what the witnesses of the access log are for (:mod:`privdesk.audit.witness`).

Ledgers that are anchored in the access log (CCTV 관리대장, 파기 관리대장, 제3자 제공 대장) are
proven by their anchors instead (:mod:`privdesk.audit.anchors`), which also catch deleted rows.

Which columns each table binds is declared next to its model as ``__proof__ = ProofSpec(...)``.
The ORM computes the proof on every insert and update (:func:`install`); code that writes proven
rows with Core statements calls :func:`seal_values` or :func:`reseal`. ``audit verify`` scans every
proven row (:func:`scan`) and names the first one that fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, cast

from sqlalchemy import Connection, Table, bindparam, column, event, inspect, update
from sqlalchemy import table as sa_table
from sqlalchemy.orm import Mapper, Session, object_session
from sqlalchemy.orm.attributes import set_committed_value

from privdesk.crypto import KeyRing

Kind = Literal["int", "text", "bytes", "date", "bool"]
PROOF_LEN = 16
SESSION_KEYS = "privdesk.keys"  # Session.info key holding the KeyRing
_NULL = b"\xff\xff\xff\xff"


@dataclass(frozen=True)
class ProofSpec:
    """What a table's proof binds. ``name`` goes into the MAC (so a row cannot be moved to another
    table); ``label`` names the table for people; ``ref`` renders a row's reference for messages
    (never personal data: internal ids and record numbers)."""

    name: str
    columns: tuple[tuple[str, Kind], ...]
    label: str
    ref_column: str = "id"
    ref_prefix: str = ""

    @cached_property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c for c, _k in self.columns)

    @cached_property
    def codecs(self) -> tuple[Callable[[Any], bytes], ...]:
        return tuple(_ENCODERS[k] for _c, k in self.columns)

    @cached_property
    def prefix(self) -> bytes:
        return self.name.encode() + b"\x1f"

    def ref(self, value: Any) -> str:
        return f"{self.ref_prefix}{value}"


def _text(value: Any) -> bytes:
    return str(value).encode()


def _int(value: Any) -> bytes:
    return str(int(value)).encode()


def _bytes(value: Any) -> bytes:
    return bytes(value)


def _date(value: Any) -> bytes:
    if isinstance(value, dt.datetime):
        value = value.date()
    return (value.isoformat() if isinstance(value, dt.date) else str(value)[:10]).encode()


def _bool(value: Any) -> bytes:
    if isinstance(value, str):
        return b"1" if value.strip().lower() in ("1", "true", "t") else b"0"
    return b"1" if value else b"0"


_ENCODERS: dict[str, Callable[[Any], bytes]] = {
    "int": _int,
    "text": _text,
    "bytes": _bytes,
    "date": _date,
    "bool": _bool,
}


def encoders(spec: ProofSpec) -> tuple[Callable[[Any], bytes], ...]:
    return spec.codecs


def message(
    spec: ProofSpec, values: Sequence[Any], codecs: Sequence[Callable[[Any], bytes]] | None = None
) -> bytes:
    """The bytes a proof covers: the table name, then each value length-prefixed (NULL apart),
    so no two different rows encode alike whatever their text holds."""
    parts = [spec.prefix]
    add = parts.append
    for codec, value in zip(codecs or spec.codecs, values, strict=True):
        if value is None:
            add(_NULL)
        else:
            data = codec(value)
            add(len(data).to_bytes(4, "big") + data)
    return b"".join(parts)


def message_tail(
    spec: ProofSpec, rest: Sequence[Any], codecs: Sequence[Callable[[Any], bytes]] | None = None
) -> bytes:
    """:func:`message` without its prefix and first column: what a bulk writer can encode before
    the row's id is known (in a preparing process); :func:`message_with` completes it."""
    return message(spec, (None, *rest), codecs)[len(spec.prefix) + len(_NULL) :]


def message_with(spec: ProofSpec, first: int, tail: bytes) -> bytes:
    """:func:`message` of a row whose first column is the integer ``first`` (its id) and whose
    other columns :func:`message_tail` encoded: the same bytes."""
    data = str(int(first)).encode()
    return spec.prefix + len(data).to_bytes(4, "big") + data + tail


def proof_of(keys: KeyRing, spec: ProofSpec, values: Sequence[Any]) -> bytes:
    return keys.row_proof(message(spec, values))


def seal_values(keys: KeyRing, spec: ProofSpec, row: Mapping[str, Any]) -> bytes:
    """The proof of a row given as a mapping of column values (Core inserts)."""
    return proof_of(keys, spec, [row[c] for c in spec.column_names])


# -- the ORM ------------------------------------------------------------------------------------
def spec_of(cls: type) -> ProofSpec | None:
    spec = getattr(cls, "__proof__", None)
    return spec if isinstance(spec, ProofSpec) else None


def _keys_of(target: Any) -> KeyRing | None:
    session = object_session(target)
    keys = session.info.get(SESSION_KEYS) if session is not None else None
    return keys if isinstance(keys, KeyRing) else None


def _values(target: Any, spec: ProofSpec) -> list[Any] | None:
    values = [getattr(target, c) for c in spec.column_names]
    return None if values[0] is None and spec.columns[0][1] == "int" else values


def _before_write(_mapper: Mapper[Any], _conn: Connection, target: Any) -> None:
    spec = spec_of(type(target))
    keys = _keys_of(target) if spec is not None else None
    if spec is None or keys is None:
        return
    values = _values(target, spec)
    if values is not None:  # else: the id comes from the insert (see _after_insert)
        target.proof = proof_of(keys, spec, values)


def _after_insert(mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    spec = spec_of(type(target))
    if spec is None or target.proof is not None:
        return
    keys = _keys_of(target)
    values = _values(target, spec) if keys is not None else None
    if keys is None or values is None:
        return
    proof = proof_of(keys, spec, values)
    table = cast(Table, mapper.local_table)
    conn.execute(
        update(table)
        .where(*[c == getattr(target, c.key) for c in table.primary_key.columns])
        .values(proof=proof)
    )
    set_committed_value(target, "proof", proof)


def install(base: type) -> None:
    """Compute proofs on every ORM insert and update of a model that declares ``__proof__``."""
    if event.contains(base, "before_insert", _before_write):
        return
    event.listen(base, "before_insert", _before_write, propagate=True)
    event.listen(base, "before_update", _before_write, propagate=True)
    event.listen(base, "after_insert", _after_insert, propagate=True)


def session_info(keys: KeyRing) -> dict[str, Any]:
    """``Session(info=…)`` for sessions that write proven rows."""
    return {SESSION_KEYS: keys}


def attach(session: Session, keys: KeyRing) -> Session:
    session.info[SESSION_KEYS] = keys
    return session


def holds(keys: KeyRing, obj: Any) -> bool:
    """True when the loaded ORM object's stored proof matches its columns."""
    spec = spec_of(type(obj))
    if spec is None:
        return True
    stored = getattr(obj, "proof", None)
    values = [getattr(obj, c) for c in spec.column_names]
    return stored is not None and bytes(stored) == proof_of(keys, spec, values)


# -- Core writers -------------------------------------------------------------------------------
def _mark(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _primary_key(conn: Connection, table: str) -> tuple[str, ...]:
    schema, _, name = table.rpartition(".")
    cols = inspect(conn).get_pk_constraint(name, schema=schema or None).get("constrained_columns") or ["id"]
    return tuple(cols)


def _reseal_where(
    conn: Connection,
    keys: KeyRing,
    spec: ProofSpec,
    table: str,
    where: str,
    params: Sequence[Any],
    pk: tuple[str, ...],
) -> int:
    cols = ", ".join((*pk, *spec.column_names))
    rows = conn.exec_driver_sql(f"SELECT {cols} FROM {table}{where}", tuple(params)).all()
    if not rows:
        return 0
    codecs = encoders(spec)
    n = len(pk)
    payload = [
        {"p": keys.row_proof(message(spec, r[n:], codecs)), **{f"k{i}": r[i] for i in range(n)}} for r in rows
    ]
    conn.execute(_update_proof(table, pk), payload)
    return len(rows)


def reseal(
    conn: Connection, keys: KeyRing, spec: ProofSpec, table: str, where_ids: Sequence[int], key: str = "id"
) -> int:
    """Recompute the proofs of the rows of ``table`` whose ``key`` is in ``where_ids`` (after a Core
    UPDATE changed proven columns). Returns how many rows were resealed."""
    mark = _mark(conn)
    done = 0
    for i in range(0, len(where_ids), 500):
        chunk = tuple(where_ids[i : i + 500])
        done += _reseal_where(
            conn, keys, spec, table, f" WHERE {key} IN ({', '.join([mark] * len(chunk))})", chunk, (key,)
        )
    return done


def reseal_all(conn: Connection, keys: KeyRing, spec: ProofSpec, table: str) -> int:
    """Recompute the proof of every row of ``table`` (the officer's acknowledgement; the one-time
    sealing of rows written before proofs existed)."""
    return _reseal_where(conn, keys, spec, table, "", (), _primary_key(conn, table))


def seal_missing(conn: Connection, keys: KeyRing, spec: ProofSpec, table: str) -> int:
    """Seal the rows without a proof (right after the upgrade that added the column, only)."""
    return _reseal_where(conn, keys, spec, table, " WHERE proof IS NULL", (), _primary_key(conn, table))


def _update_proof(table: str, pk: tuple[str, ...]) -> Any:
    schema, _, name = table.rpartition(".")
    t = sa_table(name, *(column(k) for k in pk), column("proof"), schema=schema or None)
    return (
        update(t)
        .where(*(t.c[k] == bindparam(f"k{i}") for i, k in enumerate(pk)))
        .values(proof=bindparam("p"))
    )


PROOFS_REVISION = "0500"  # the migration that added the proof columns
# Proven tables into which a migration writes rows (it has no key, so they come without a proof):
# the application seals exactly those right after it ran the upgrade itself. "*": every table.
SEALED_BY_REVISION: dict[str, tuple[str, ...]] = {
    PROOFS_REVISION: ("*",),
    "0600": ("role_permissions",),
    "0720": ("role_permissions",),
    "0760": ("role_permissions",),
    "0770": ("role_permissions",),
    "0790": ("role_permissions",),
}
META_SEPARATED_PENDING = "separated_proofs"  # a separate SQLite file still to be sealed


def pending_marker(keys: KeyRing, database_id: str) -> str:
    """The signed value of :data:`META_SEPARATED_PENDING` (a keyless attacker cannot set it to make
    the application seal rows it changed)."""
    return keys.sign(f"separated-proofs-pending\x1f{database_id}".encode()).hex()


def keys_of(session: Session) -> KeyRing:
    """The key ring of a session made by :class:`~privdesk.context.AppContext` (Core writers)."""
    keys = session.info.get(SESSION_KEYS)
    if not isinstance(keys, KeyRing):
        raise RuntimeError("this session carries no key ring: open it through AppContext")
    return keys


# -- verification -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProofProblem:
    """A row whose proof does not match its columns (or that has none)."""

    spec: ProofSpec
    ref: str
    missing: bool = False

    @property
    def fingerprint(self) -> str:
        return f"proof:{self.spec.name}:{self.ref}"

    @property
    def message(self) -> str:
        what = (
            "무결성 증명이 없습니다" if self.missing else "식별 정보가 무결성 증명과 맞지 않습니다(교체·변조)"
        )
        return f"{self.spec.label} {self.ref}: {what}."


def scan_rows(
    keys: KeyRing, spec: ProofSpec, batches: Iterable[Sequence[Sequence[Any]]]
) -> Iterator[ProofProblem]:
    """Check rows given as ``(proof, *spec columns)`` tuples; yields each row that fails.
    Kept flat for speed (a few microseconds per row)."""
    codecs = encoders(spec)
    ref_at = spec.column_names.index(spec.ref_column) + 1 if spec.ref_column in spec.column_names else None
    sign = keys.row_proof
    name = spec.name.encode() + b"\x1f"
    null = _NULL
    for batch in batches:
        for row in batch:
            stored = row[0]
            parts = [name]
            for codec, value in zip(codecs, row[1:], strict=True):
                if value is None:
                    parts.append(null)
                else:
                    data = codec(value)
                    parts.append(len(data).to_bytes(4, "big"))
                    parts.append(data)
            if stored is None or bytes(stored) != sign(b"".join(parts)):
                ref = spec.ref(row[ref_at]) if ref_at is not None else "?"
                yield ProofProblem(spec, ref, missing=stored is None)


def select_sql(spec: ProofSpec, table: str, order_by: str = "id") -> str:
    return f"SELECT proof, {', '.join(spec.column_names)} FROM {table} ORDER BY {order_by}"


_UNMAPPED: list[tuple[str, ProofSpec, str | None]] = []


def register(table: str, spec: ProofSpec, *, backend: str | None = None) -> None:
    """Declare a proven table that is not an ORM model (the separate store's copies on
    PostgreSQL); ``backend`` limits it to one database kind."""
    if all(t != table for t, _s, _b in _UNMAPPED):
        _UNMAPPED.append((table, spec, backend))


def all_specs(base: type, backend: str) -> list[tuple[str, ProofSpec]]:
    """Every proven table of this database: the ORM models' and the registered ones."""
    return mapped_specs(base) + [(t, s) for t, s, b in _UNMAPPED if b in (None, backend)]


def mapped_specs(base: type) -> list[tuple[str, ProofSpec]]:
    """``(table name, spec)`` of every ORM model on ``base`` that declares a proof."""
    out: list[tuple[str, ProofSpec]] = []
    for mapper in base.registry.mappers:  # type: ignore[attr-defined]
        spec = spec_of(mapper.class_)
        if spec is not None:
            out.append((mapper.local_table.name, spec))
    return sorted(out, key=lambda t: t[0])


def has_proof_column(conn: Connection, table: str) -> bool:
    schema, _, name = table.rpartition(".")
    return "proof" in {c["name"] for c in inspect(conn).get_columns(name, schema=schema or None)}
