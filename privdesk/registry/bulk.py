"""Bulk registration (일괄 등록) for the importer and the sample data: validated rows prepared
as plain tuples (validation and encryption need no database), then written in one transaction
with driver-level ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) — the per-row cost of the ORM
would dominate otherwise.

Ids are assigned by the writer inside the batch's transaction (SQLite: after ``MAX(id)`` under
the ``BEGIN IMMEDIATE`` write lock; PostgreSQL: from the table's sequence), so the phones and
the access-log entries can refer to them without a round trip per row.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from sqlalchemy import ColumnElement, Connection, text
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

from privdesk import proofs
from privdesk.audit import batches as log_batches
from privdesk.audit.chain import Action
from privdesk.context import Unit
from privdesk.crypto import KeyRing
from privdesk.korean import josa
from privdesk.registry import records
from privdesk.registry.hangul import chosung
from privdesk.registry.models import PATIENT_PROOF, PHONE_PROOF, STATUS_ACTIVE, Patient, patient_ref
from privdesk.registry.validation import ValidPatient, phone_digits
from privdesk.store.engine import count_write

PATIENT_COLUMNS: Final = (
    "id",
    "uid",
    "chart_no",
    "name",
    "name_chosung",
    "rrn_enc",
    "rrn_bi",
    "birth_date",
    "sex",
    "is_foreigner",
    "address_enc",
    "first_visit",
    "last_visit",
    "status",
    "retention_until",
    "hold",
    "hold_reason",
    "created_at",
    "updated_at",
    "version",
)
PHONE_COLUMNS: Final = ("patient_id", "position", "phone_enc", "phone_bi", "last4_bi")
# where the proof's columns stand in a PATIENT_COLUMNS row (privdesk.proofs); the first is the id
_PROOF_AT: Final = tuple(PATIENT_COLUMNS.index(c) for c in PATIENT_PROOF.column_names)
assert _PROOF_AT[0] == 0 and PHONE_COLUMNS[0] == PHONE_PROOF.column_names[0]
_CHUNK: Final = 500  # bound parameters per IN (...) look-up


class PreparedPatient(NamedTuple):
    """One patient ready to insert: ``row`` is :data:`PATIENT_COLUMNS` without the id, in the
    database's own value format; ``phones`` are :data:`PHONE_COLUMNS` without the patient id.
    A named tuple: made and pickled per row (cheaper than a dataclass)."""

    line: int
    chart_no: str
    rrn_bi: bytes
    row: tuple[Any, ...]
    phones: tuple[tuple[Any, ...], ...]
    check_digit_ok: bool
    # the row proofs' messages without the id (privdesk.proofs.message_tail), encoded where the
    # row was prepared; the writer adds the id and the MAC (Sealer)
    tail: bytes = b""
    phone_tails: tuple[bytes, ...] = ()


def _converter(column: ColumnElement[Any], dialect: Dialect) -> Callable[[Any], Any]:
    proc = column.type.dialect_impl(dialect).bind_processor(dialect)
    return proc if proc is not None else (lambda v: v)


def _memo(convert: Callable[[Any], Any], size: int = 100_000) -> Callable[[Any], Any]:
    """``convert`` remembering its results (at most ``size``, then it starts afresh)."""
    seen: dict[Any, Any] = {}

    def memo(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            if len(seen) >= size:
                seen.clear()
            out = seen[value] = convert(value)
            return out

    return memo


class RowEncoder:
    """Turns a :class:`ValidPatient` into a :class:`PreparedPatient` for one dialect."""

    def __init__(
        self, keys: KeyRing, dialect: Dialect, *, retention_years: int, now: dt.datetime, tails: bool = True
    ) -> None:
        self.keys = keys
        self.tails = tails  # encode the row proofs' messages (PreparedPatient.tail) for the Sealer
        self.retention_years = retention_years
        c = Patient.__table__.c
        self.date = _memo(_converter(c.birth_date, dialect))  # the same few thousand dates again and again
        self.bool = _converter(c.hold, dialect)
        stamp = _converter(c.created_at, dialect)(now)
        self.true, self.false = self.bool(True), self.bool(False)
        self.stamps = (self.false, None, stamp, stamp, 1)
        self._pool, self._pos = b"", 0
        self.codecs, self.phone_codecs = proofs.encoders(PATIENT_PROOF), proofs.encoders(PHONE_PROOF)

    def new_uid(self) -> str:
        """:func:`records.new_uid`, with the system's randomness read 10 KiB at a time (one
        ``getrandom`` call per 1,024 rows instead of one per row)."""
        if self._pos >= len(self._pool):
            self._pool, self._pos = os.urandom(10 * 1024), 0
        uid = records.new_uid(self._pool[self._pos : self._pos + 10])
        self._pos += 10
        return uid

    def encode(self, v: ValidPatient, line: int = 0) -> PreparedPatient:
        keys, date = self.keys, self.date
        uid = self.new_uid()
        rrn = v.rrn
        digits = rrn.normalised()
        rrn_bi = keys.blind_index(records.BI_RRN, digits)
        address = keys.encrypt(v.address, records.PATIENTS, "address", uid) if v.address else None
        row = (
            uid,
            v.chart_no,
            v.name,
            chosung(v.name),
            keys.encrypt(digits, records.PATIENTS, "rrn", uid),
            rrn_bi,
            date(rrn.birth_date),
            rrn.sex,
            self.true if rrn.is_foreigner else self.false,
            address,
            date(v.first_visit),
            date(v.last_visit),
            STATUS_ACTIVE,
            date(records.retention_until(v.last_visit, self.retention_years)),
            *self.stamps,
        )
        phones = tuple(
            (
                i,
                keys.encrypt(p, records.PHONES, "phone", f"{uid}:{i}"),
                keys.blind_index(records.BI_PHONE, phone_digits(p)),
                keys.blind_index(records.BI_LAST4, p[-4:]),
            )
            for i, p in enumerate(v.phones)
        )
        if not self.tails:
            return PreparedPatient(line, v.chart_no, rrn_bi, row, phones, v.check_digit_ok)
        tail = proofs.message_tail(PATIENT_PROOF, [row[i - 1] for i in _PROOF_AT[1:]], self.codecs)
        phone_tails = tuple(proofs.message_tail(PHONE_PROOF, ph, self.phone_codecs) for ph in phones)
        return PreparedPatient(line, v.chart_no, rrn_bi, row, phones, v.check_digit_ok, tail, phone_tails)


def _known(u: Unit, key: str, other: str, values: Sequence[Any]) -> dict[Any, Any]:
    """``{key: other}`` for the registered rows whose ``key`` column is one of ``values``
    (straight to the driver, this runs per batch: on PostgreSQL one array parameter, on SQLite
    chunks of :data:`_CHUNK` bound parameters)."""
    conn = u.session.connection()
    out: dict[Any, Any] = {}
    if conn.dialect.name == "postgresql" and values:
        # one array parameter: one statement per batch, which psycopg converts once (it parses
        # anew every statement with more than 50 parameters, ~10 ms for 500 of them); sent in
        # binary (%b): psycopg's text format quotes a bytea array's elements one by one, ~30 µs each
        sql = f"SELECT {key}, {other} FROM patients WHERE {key} = ANY(%b)"
        out.update(
            (k if isinstance(k, str) else bytes(k), o if isinstance(o, str) else bytes(o))
            for k, o in conn.exec_driver_sql(sql, (list(values),))
        )
        return out
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    for i in range(0, len(values), _CHUNK):
        chunk = tuple(values[i : i + _CHUNK])
        sql = f"SELECT {key}, {other} FROM patients WHERE {key} IN ({', '.join([mark] * len(chunk))})"
        out.update(
            (k if isinstance(k, str) else bytes(k), o if isinstance(o, str) else bytes(o))
            for k, o in conn.exec_driver_sql(sql, chunk)
        )
    return out


@dataclass(frozen=True)
class Conflict:
    line: int
    field: str
    message: str


def split_known(
    u: Unit, batch: Sequence[PreparedPatient]
) -> tuple[list[PreparedPatient], int, list[Conflict]]:
    """Sort a batch against the registry (and against itself): rows to insert, the number of rows
    already registered under the same resident number *and* chart number, and conflicts (the
    resident number under another chart number, or the chart number with another resident number)."""
    by_rrn: dict[bytes, str] = _known(u, "rrn_bi", "chart_no", [p.rrn_bi for p in batch])
    by_chart: dict[str, bytes] = _known(u, "chart_no", "rrn_bi", [p.chart_no for p in batch])
    keep: list[PreparedPatient] = []
    conflicts: list[Conflict] = []
    known = 0
    for p in batch:
        known_chart = by_rrn.get(p.rrn_bi)
        known_rrn = by_chart.get(p.chart_no)
        if known_chart is None and known_rrn is None:
            keep.append(p)
            by_rrn[p.rrn_bi], by_chart[p.chart_no] = p.chart_no, p.rrn_bi
        elif known_chart == p.chart_no and known_rrn == p.rrn_bi:
            known += 1
        elif known_chart is not None:
            conflicts.append(
                Conflict(p.line, "rrn", f"이미 등록된 주민등록번호입니다 (차트번호 {known_chart}).")
            )
        else:
            conflicts.append(
                Conflict(
                    p.line,
                    "chart_no",
                    f"차트번호 {josa(p.chart_no, '은/는')} 다른 환자에게 이미 쓰이고 있습니다.",
                )
            )
    return keep, known, conflicts


REGISTRATION_LOCK: Final = 0x70726976_0001  # pg_advisory_xact_lock key: "priv" + registrations


def lock_registrations(u: Unit) -> None:
    """Serialise the decision "is this patient new?" between workstations for the rest of the
    unit's transaction. SQLite already holds its write lock (``BEGIN IMMEDIATE``); on PostgreSQL
    two imports of the same file would otherwise both find a row new and the second would fail on
    the unique index — with the lock, the second waits and then reports the rows as duplicates."""
    conn = u.session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": REGISTRATION_LOCK})


def _new_ids(u: Unit, n: int) -> list[int]:
    conn = u.session.connection()
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text("SELECT nextval(pg_get_serial_sequence('patients', 'id')) FROM generate_series(1, :n)"),
            {"n": n},
        )
        return sorted(int(r[0]) for r in rows)
    top = conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM patients")).scalar_one()
    return list(range(int(top) + 1, int(top) + 1 + n))


def _insert(conn: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` of ``columns``: with the driver's ``executemany`` on SQLite; with
    ``COPY … FROM STDIN`` on PostgreSQL, in the unit's transaction on its connection (the same rows
    and triggers, a fraction of the server's and the client's work per row). A driver error is
    raised as SQLAlchemy raises it from a statement (``DBAPIError`` and its subclasses, the
    connection invalidated when it is gone)."""
    if conn.dialect.name != "postgresql":
        conn.exec_driver_sql(_insert_sql(table, columns, conn.dialect), rows)
        return
    import psycopg

    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    raw: Any = conn.connection.driver_connection
    cursor = raw.cursor()
    count_write(conn)
    try:
        with cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as exc:
        error: Any = exc
        gone = bool(conn.dialect.is_disconnect(error, raw, cursor))
        if gone:
            conn.invalidate(exc)
        raise DBAPIError.instance(
            sql,
            None,
            exc,
            psycopg.Error,
            hide_parameters=True,
            connection_invalidated=gone,
            dialect=conn.dialect,
        ) from exc
    finally:
        cursor.close()


def _insert_sql(table: str, columns: Sequence[str], dialect: Dialect) -> str:
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"


class Sealer:
    """Rows of :data:`PATIENT_COLUMNS` / :data:`PHONE_COLUMNS` with their row proofs appended
    (:mod:`privdesk.proofs`), for writers that insert with the driver (the importer, sample data)."""

    def __init__(self, keys: KeyRing) -> None:
        self.mac = keys.row_proof
        self.codecs, self.phone_codecs = proofs.encoders(PATIENT_PROOF), proofs.encoders(PHONE_PROOF)

    def patient(self, pid: int, p: PreparedPatient) -> tuple[Any, ...]:
        if p.tail:
            return (pid, *p.row, self.mac(proofs.message_with(PATIENT_PROOF, pid, p.tail)))
        row = (pid, *p.row)
        return (*row, self.mac(proofs.message(PATIENT_PROOF, [row[i] for i in _PROOF_AT], self.codecs)))

    def phones(self, pid: int, p: PreparedPatient) -> list[tuple[Any, ...]]:
        if len(p.phone_tails) == len(p.phones):
            return [
                (pid, *ph, self.mac(proofs.message_with(PHONE_PROOF, pid, tail)))
                for ph, tail in zip(p.phones, p.phone_tails, strict=True)
            ]
        return [
            (pid, *ph, self.mac(proofs.message(PHONE_PROOF, (pid, *ph), self.phone_codecs)))
            for ph in p.phones
        ]


SEALED_PATIENT_COLUMNS: Final = (*PATIENT_COLUMNS, "proof")
SEALED_PHONE_COLUMNS: Final = (*PHONE_COLUMNS, "proof")


def write_patients(
    u: Unit, batch: Sequence[PreparedPatient], *, action: str = Action.IMPORT, detail: str | None = None
) -> list[int]:
    """Insert the batch and its phones in the unit's transaction. The access log names every
    patient: an import in batch entries (:mod:`privdesk.audit.batches`: one chained entry per
    about fifty patients, listing their ids), any other action one entry per patient. Returns the
    new ids in batch order."""
    if not batch:
        return []
    conn = u.session.connection()
    seal = Sealer(proofs.keys_of(u.session))
    ids = _new_ids(u, len(batch))
    _insert(
        conn,
        "patients",
        SEALED_PATIENT_COLUMNS,
        [seal.patient(pid, p) for pid, p in zip(ids, batch, strict=True)],
    )
    phones = [ph for pid, p in zip(ids, batch, strict=True) for ph in seal.phones(pid, p)]
    if phones:
        _insert(conn, "patient_phones", SEALED_PHONE_COLUMNS, phones)
    if action == Action.IMPORT and detail is None:
        for subject, listed in log_batches.entries(ids):
            u.log(action, subject, detail=listed)
    else:
        for pid in ids:
            u.log(action, patient_ref(pid), detail=detail)
    return ids


__all__ = [
    "PATIENT_COLUMNS",
    "PHONE_COLUMNS",
    "SEALED_PATIENT_COLUMNS",
    "SEALED_PHONE_COLUMNS",
    "Conflict",
    "PreparedPatient",
    "RowEncoder",
    "Sealer",
    "lock_registrations",
    "split_known",
    "write_patients",
]
