"""The separate store (분리보관 저장소, PIPA 제21조③): physically apart from the main database.

- SQLite: a second file beside the main one (``privdesk.sqlite3`` → ``privdesk-separated.sqlite3``),
  created owner-only by :func:`privdesk.store.engine.make_engine` with the same pragmas (WAL,
  ``secure_delete``). Its tables are created on first use.
- PostgreSQL: the schema ``separated`` in the same database (migration 0300), ``REVOKE ALL … FROM
  PUBLIC``; its tables are written in the caller's transaction.

The tables mirror ``patients``, ``patient_phones`` and ``intakes`` column for column (ciphertexts
keep their row binding, so they decrypt with the same key) plus ``separated_at``. The copies of
patients and phones carry row proofs of their own (:data:`~privdesk.lifecycle.models.SEPARATED_PATIENT_PROOF`),
made when they are written; ``audit verify`` checks them (:func:`check_separated_proofs`).

Atomicity across two SQLite files: SQLite cannot commit two WAL databases atomically, so every
write here is idempotent and ordered so that an interruption leaves a duplicate, never a loss:
separation writes the copy (committed) before the main row is emptied; destruction marks the plan
``executing`` first, deletes the copies, then the main rows. :func:`reconcile` removes copies
whose main row is still active (an interrupted separation), and executing an ``executing`` plan
again finishes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    delete,
    select,
)

from privdesk import proofs
from privdesk.context import AppContext, Unit
from privdesk.crypto import KeyRing
from privdesk.lifecycle.models import SEPARATED_PATIENT_PROOF, SEPARATED_PHONE_PROOF
from privdesk.store.engine import SEPARATED_SUFFIX, make_engine, separated_sqlite_path, sqlite_path
from privdesk.store.models import Meta, UTCDateTime

PG_SCHEMA = "separated"
SUFFIX = SEPARATED_SUFFIX


def _tables(schema: str | None) -> tuple[MetaData, Table, Table, Table]:
    md = MetaData(schema=schema)
    patients = Table(
        "patients",
        md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("uid", String(32), nullable=False),
        Column("chart_no", String(32), nullable=False),
        Column("name", String(64), nullable=False),
        Column("name_chosung", String(64), nullable=False),
        Column("rrn_enc", LargeBinary, nullable=False),
        Column("rrn_bi", LargeBinary(16), nullable=False, index=True),
        Column("birth_date", Date, nullable=False),
        Column("sex", String(1), nullable=False),
        Column("is_foreigner", Boolean, nullable=False),
        Column("address_enc", LargeBinary, nullable=True),
        Column("first_visit", Date, nullable=False),
        Column("last_visit", Date, nullable=False),
        Column("retention_until", Date, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("separated_at", UTCDateTime, nullable=False),
        Column("proof", LargeBinary(16), nullable=True),
    )
    phones = Table(
        "patient_phones",
        md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("patient_id", Integer, nullable=False, index=True),
        Column("position", Integer, nullable=False),
        Column("phone_enc", LargeBinary, nullable=False),
        Column("phone_bi", LargeBinary(16), nullable=False),
        Column("last4_bi", LargeBinary(16), nullable=False),
        Column("proof", LargeBinary(16), nullable=True),
    )
    intakes = Table(
        "intakes",
        md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("patient_id", Integer, nullable=False, index=True),
        Column("visit_date", Date, nullable=False),
        Column("department", String(64), nullable=False),
        Column("purpose", String(200), nullable=False),
        Column("staff_login", String(64), nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
    )
    return md, patients, phones, intakes


SQLITE_TABLES = _tables(None)
PG_TABLES = _tables(PG_SCHEMA)
PATIENT_COPY = tuple(c.name for c in SQLITE_TABLES[1].columns if c.name not in ("separated_at", "proof"))
PHONE_COPY = tuple(c.name for c in SQLITE_TABLES[2].columns if c.name != "proof")


def patient_copy_proof(keys: KeyRing, row: Sequence[Any]) -> bytes:
    """The proof of a copy given in :data:`PATIENT_COPY` order."""
    return proofs.seal_values(keys, SEPARATED_PATIENT_PROOF, dict(zip(PATIENT_COPY, row, strict=True)))


def phone_copy_proof(keys: KeyRing, row: Sequence[Any]) -> bytes:
    """The proof of a phone copy given in :data:`PHONE_COPY` order."""
    return proofs.seal_values(keys, SEPARATED_PHONE_PROOF, dict(zip(PHONE_COPY, row, strict=True)))


INTAKE_COPY = tuple(c.name for c in SQLITE_TABLES[3].columns)


def separate_path(main: Path) -> Path:
    """``…/privdesk.sqlite3`` → ``…/privdesk-separated.sqlite3``."""
    return separated_sqlite_path(main)


@dataclass
class SeparateStore:
    """An open separate store. ``engine`` is the second SQLite file's engine (None on PostgreSQL,
    where the tables live in the main database's schema ``separated``)."""

    engine: Engine | None
    path: Path | None
    patients: Table
    phones: Table
    intakes: Table

    @property
    def is_file(self) -> bool:
        return self.engine is not None

    @contextmanager
    def begin(self, u: Unit) -> Iterator[Connection]:
        """A connection to write the store: its own committed transaction for a SQLite file, the
        unit's own transaction on PostgreSQL (one commit covers both)."""
        if self.engine is None:
            yield u.session.connection()
            return
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self, u: Unit) -> Iterator[Connection]:
        if self.engine is None:
            yield u.session.connection()
            return
        with self.engine.connect() as conn:
            yield conn

    def files(self) -> list[Path]:
        """The store's files on disk (SQLite: the file and its WAL), for the unrecoverability steps."""
        if self.path is None:
            return []
        return [self.path, self.path.with_name(self.path.name + "-wal")]


@contextmanager
def open_store(ctx: AppContext) -> Iterator[SeparateStore]:
    """Open the separate store for one use case (the SQLite file is created owner-only on first use)."""
    main = sqlite_path(str(ctx.engine.url.render_as_string(hide_password=False)))
    if main is None:
        _md, p, ph, i = PG_TABLES
        yield SeparateStore(None, None, p, ph, i)
        return
    path = separate_path(main)
    engine = make_engine(f"sqlite:///{path}", create_file=True)
    try:
        md, p, ph, i = SQLITE_TABLES
        md.create_all(engine)
        _add_proofs(ctx, engine)
        yield SeparateStore(engine, path, p, ph, i)
    finally:
        engine.dispose()


def _add_proofs(ctx: AppContext, engine: Engine) -> None:
    """A separate file made before row proofs gets its ``proof`` columns; its copies are sealed
    only when the main database says (with a signed marker, set when the file was older than
    the proofs) that this is still to be done — never just because a column is missing."""
    with engine.begin() as conn:
        missing = [t for t in ("patients", "patient_phones") if not proofs.has_proof_column(conn, t)]
        for table in missing:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN proof BLOB")
    with ctx.session() as s, s.begin():
        marker = s.get(Meta, proofs.META_SEPARATED_PENDING)
        if marker is None or marker.value != proofs.pending_marker(ctx.keys, ctx.database_id):
            return
        with engine.begin() as conn:
            proofs.reseal_all(conn, ctx.keys, SEPARATED_PATIENT_PROOF, "patients")
            proofs.reseal_all(conn, ctx.keys, SEPARATED_PHONE_PROOF, "patient_phones")
        s.delete(marker)


def check_separated_proofs(ctx: AppContext) -> list[proofs.ProofProblem]:
    """The proofs of the copies in a separate SQLite file (on PostgreSQL the copies are in the
    main database and checked with the other tables). The first failing row of each table."""
    main = sqlite_path(str(ctx.engine.url.render_as_string(hide_password=False)))
    if main is None or not separate_path(main).exists():
        return []
    out: list[proofs.ProofProblem] = []
    with open_store(ctx) as store, closing(store.engine.raw_connection()) as raw:  # type: ignore[union-attr]
        cur = raw.cursor()
        for table, spec in (("patients", SEPARATED_PATIENT_PROOF), ("patient_phones", SEPARATED_PHONE_PROOF)):
            cur.execute(proofs.select_sql(spec, table))
            for problem in proofs.scan_rows(ctx.keys, spec, iter(lambda: cur.fetchmany(20_000), [])):
                out.append(problem)
                break
        cur.close()
    return out


def reseal_separated(ctx: AppContext) -> int:
    """Re-seal every copy in a separate SQLite file (the officer's acknowledgement)."""
    main = sqlite_path(str(ctx.engine.url.render_as_string(hide_password=False)))
    if main is None or not separate_path(main).exists():
        return 0
    with open_store(ctx) as store, store.engine.begin() as conn:  # type: ignore[union-attr]
        return proofs.reseal_all(conn, ctx.keys, SEPARATED_PATIENT_PROOF, "patients") + proofs.reseal_all(
            conn, ctx.keys, SEPARATED_PHONE_PROOF, "patient_phones"
        )


def copy_in(
    conn: Connection,
    store: SeparateStore,
    patients: Sequence[dict[str, Any]],
    phones: Sequence[dict[str, Any]],
    intakes: Sequence[dict[str, Any]],
    now: dt.datetime,
) -> None:
    """Write copies (a copy already there is an IntegrityError: :func:`remove` it first)."""
    if patients:
        conn.execute(store.patients.insert(), [{**p, "separated_at": now} for p in patients])
    if phones:
        conn.execute(store.phones.insert(), list(phones))
    if intakes:
        conn.execute(store.intakes.insert(), list(intakes))


def remove(conn: Connection, store: SeparateStore, ids: Sequence[int], chunk: int = 500) -> int:
    """Delete the copies of these patients; returns how many patients were removed."""
    n = 0
    for k in range(0, len(ids), chunk):
        part = list(ids[k : k + chunk])
        conn.execute(delete(store.phones).where(store.phones.c.patient_id.in_(part)))
        conn.execute(delete(store.intakes).where(store.intakes.c.patient_id.in_(part)))
        n += conn.execute(delete(store.patients).where(store.patients.c.id.in_(part))).rowcount or 0
    return n


def stored_ids(conn: Connection, store: SeparateStore) -> list[int]:
    return [int(x) for x in conn.execute(select(store.patients.c.id).order_by(store.patients.c.id)).scalars()]


__all__ = ["PG_SCHEMA", "SeparateStore", "copy_in", "open_store", "remove", "separate_path", "stored_ids"]
