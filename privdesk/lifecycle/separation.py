"""Separation (분리보관, PIPA 제21조③) and the daily retention run (``privdesk retention run``).

A patient whose purpose is achieved (no visit for the file's ``separate_after_days``) but whose
retention has not ended moves to the separate store (:mod:`privdesk.lifecycle.store`) with its
encrypted fields, phones and intakes. The main row stays as a *stub* so ids are never reused (the
access log names patients by ``patient:<id>`` only) and the chart number stays taken: it keeps
``status='separated'``, ``chart_no``, ``retention_until`` and any hold, and nothing else — name,
resident number (ciphertext and blind index), birth date, sex, address and visit dates are blanked
(``birth_date``/visit dates set to :data:`TOMBSTONE_DATE`, the blind index to random bytes).

Registry searches only ever see ``status='active'`` rows, so separated records drop out of them.
Only ``separated.read`` (the privacy officer) reads a separated record; every read is logged.
:func:`restore` brings a returning patient back.

The run acts as the system (no account), is logged as ``system``, separates what is due, counts
what is due for destruction and never destroys anything. ``dry_run`` changes nothing (and writes
no log entry: it reads counts only) and reports the same counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Dialect, Table, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from privdesk import clock, proofs
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import NotFoundError, ValidationError
from privdesk.fields import no_personal_data
from privdesk.lifecycle import store as sep
from privdesk.lifecycle.files import DEFAULT_SEPARATE_AFTER_DAYS, PATIENT_FILE, legal_hold_ids
from privdesk.lifecycle.models import PLAN_EXECUTING, DestructionPlan, LifecycleFile
from privdesk.registry.api import (
    PATIENT_PROOF,
    PHONE_PROOF,
    STATUS_ACTIVE,
    STATUS_SEPARATED,
    Intake,
    Patient,
    PatientPhone,
    address_district,
    mask_phone,
    patient_ref,
    records,
)
from privdesk.store.models import Base

TOMBSTONE_DATE = dt.date(1900, 1, 1)
BATCH = 5000
Progress = Callable[[int, int], None] | None  # (done, total)
_P = Base.metadata.tables["patients"]
_PH = Base.metadata.tables["patient_phones"]
_IN = Base.metadata.tables["intakes"]


def random_token(dialect: str) -> ColumnElement[Any]:
    """16 random bytes per row, in SQL (a unique filler for a blanked blind index)."""
    if dialect == "sqlite":
        return func.randomblob(16)
    return func.uuid_send(func.gen_random_uuid())


def blank_values(dialect: str, now: dt.datetime) -> dict[str, Any]:
    """The columns that carry personal data, blanked (shared by separation and destruction)."""
    return {
        "name": "",
        "name_chosung": "",
        "rrn_enc": b"",
        "rrn_bi": random_token(dialect),
        "birth_date": TOMBSTONE_DATE,
        "sex": "",
        "is_foreigner": False,
        "address_enc": None,
        "first_visit": TOMBSTONE_DATE,
        "last_visit": TOMBSTONE_DATE,
        "updated_at": now,
        "version": _P.c.version + 1,
    }


def _chunks(ids: Sequence[int], n: int = 500) -> list[list[int]]:
    return [list(ids[i : i + n]) for i in range(0, len(ids), n)]


@dataclass(frozen=True)
class RunReport:
    """What one retention run found and did."""

    today: dt.date
    dry_run: bool
    to_separate: int
    separated: int
    due: int
    held: int
    reconciled: int
    interrupted_plans: tuple[int, ...]

    def lines(self) -> list[str]:
        head = "보유기간 점검(시험 실행, 변경 없음)" if self.dry_run else "보유기간 점검"
        out = [
            f"{head}: 기준일 {self.today.isoformat()}",
            f"분리보관 대상 {self.to_separate:,}건, 분리보관함 {self.separated:,}건",
            f"파기 대상 {self.due:,}건 (파기는 파기 계획 승인 후 실행), 보존(파기 제외) {self.held:,}건",
        ]
        if self.reconciled:
            out.append(f"중단된 분리보관 정리 {self.reconciled:,}건")
        for pid in self.interrupted_plans:
            out.append(
                f"파기 계획 {pid}의 실행이 중단되었습니다: privdesk destruction execute {pid} 로 마치십시오."
            )
        return out


def _rule_days(u: Unit) -> int:
    days = u.session.execute(
        select(LifecycleFile.separate_after_days).where(LifecycleFile.code == PATIENT_FILE)
    ).scalar_one_or_none()
    return days or DEFAULT_SEPARATE_AFTER_DAYS


def _due_ids(u: Unit, today: dt.date, cutoff: dt.date) -> list[int]:
    return [
        int(x)
        for x in u.session.execute(
            select(Patient.id)
            .where(
                Patient.status == STATUS_ACTIVE, Patient.last_visit < cutoff, Patient.retention_until >= today
            )
            .order_by(Patient.id)
        ).scalars()
    ]


def _destruction_counts(u: Unit, today: dt.date) -> tuple[int, int]:
    legal = legal_hold_ids(u)
    due = held = 0
    for pid, hold in u.session.execute(
        select(Patient.id, Patient.hold).where(
            Patient.status.in_((STATUS_ACTIVE, STATUS_SEPARATED)), Patient.retention_until < today
        )
    ):
        if hold or pid in legal:
            held += 1
        else:
            due += 1
    return due, held


def _due_sql(mark: str, columns: Sequence[str], table: str = "patients", key: str = "id") -> str:
    """Rows of patients that are active, purpose achieved (no visit since the cutoff), retention not
    ended, with ids in ``lo..hi``: a batch is a range of ids re-checked under the write lock.
    Driver-level SQL: the values go from one store to the other in the driver's own format."""
    due = (
        f"SELECT id FROM patients WHERE status = {mark} AND last_visit < {mark} AND retention_until >= {mark} "
        f"AND id >= {mark} AND id <= {mark}"
    )
    if table == "patients":
        return f"SELECT {', '.join(columns)} FROM patients WHERE id IN ({due})"
    return f"SELECT {', '.join(columns)} FROM {table} WHERE {key} IN ({due})"


def _insert(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    if rows:
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        name = f"{table.schema}.{table.name}" if table.schema else table.name
        conn.exec_driver_sql(
            f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})",
            list(rows),
        )


def separate_batch(
    u: Unit,
    store: sep.SeparateStore,
    today: dt.date,
    cutoff: dt.date,
    lo: int,
    hi: int,
    now: dt.datetime,
    detail: str = "분리보관",
) -> int:
    """Move the due active patients with ids ``lo..hi`` to the separate store inside the unit;
    returns how many moved. The copy is committed before the main rows are blanked (see
    :mod:`privdesk.lifecycle.store`)."""
    conn_main = u.session.connection()
    d = conn_main.dialect
    mark = "?" if d.paramstyle == "qmark" else "%s"
    date = _converter(_P.c.last_visit, d)
    params = (STATUS_ACTIVE, date(cutoff), date(today), lo, hi)
    rows = conn_main.exec_driver_sql(_due_sql(mark, sep.PATIENT_COPY), params).all()
    if not rows:
        return 0
    phones = conn_main.exec_driver_sql(
        _due_sql(mark, sep.PHONE_COPY, "patient_phones", "patient_id"), params
    ).all()
    intakes = conn_main.exec_driver_sql(
        _due_sql(mark, sep.INTAKE_COPY, "intakes", "patient_id"), params
    ).all()
    stamp = _converter(store.patients.c.separated_at, d)(now)
    keys = proofs.keys_of(u.session)
    copies = [(*r, stamp, sep.patient_copy_proof(keys, r)) for r in rows]
    phone_copies = [(*r, sep.phone_copy_proof(keys, r)) for r in phones]
    moved = [int(r[0]) for r in rows]

    def write(conn: Connection) -> None:
        _insert(conn, store.patients, (*sep.PATIENT_COPY, "separated_at", "proof"), copies)
        _insert(conn, store.phones, (*sep.PHONE_COPY, "proof"), phone_copies)
        _insert(conn, store.intakes, sep.INTAKE_COPY, [tuple(r) for r in intakes])

    try:
        with store.begin(u) as conn:
            write(conn)
    except IntegrityError:
        if not store.is_file:
            raise
        with store.begin(u) as conn:  # a copy left by an interrupted run: replace it
            sep.remove(conn, store, moved)
            write(conn)
    where = and_(
        _P.c.status == STATUS_ACTIVE,
        _P.c.last_visit < cutoff,
        _P.c.retention_until >= today,
        _P.c.id >= lo,
        _P.c.id <= hi,
    )
    ids_q = select(_P.c.id).where(where)
    conn_main.execute(delete(_PH).where(_PH.c.patient_id.in_(ids_q)))
    conn_main.execute(delete(_IN).where(_IN.c.patient_id.in_(ids_q)))
    conn_main.execute(update(_P).where(where).values(status=STATUS_SEPARATED, **blank_values(d.name, now)))
    proofs.reseal(conn_main, keys, PATIENT_PROOF, "patients", moved)
    for pid in moved:
        u.log(Action.UPDATE, patient_ref(pid), detail=detail)
    return len(moved)


def _converter(column: ColumnElement[Any], dialect: Dialect) -> Callable[[Any], Any]:
    proc = column.type.dialect_impl(dialect).bind_processor(dialect)
    return proc if proc is not None else (lambda v: v)


def reconcile(u: Unit, store: sep.SeparateStore, *, dry_run: bool = False) -> int:
    """Remove copies whose main row is still active (a separation interrupted between its two
    commits; the main row is the record that counts)."""
    with store.read(u) as conn:
        copied = sep.stored_ids(conn, store)
    stale: list[int] = []
    for part in _chunks(copied):
        stale += [
            int(x)
            for x in u.session.execute(
                select(Patient.id).where(Patient.id.in_(part), Patient.status == STATUS_ACTIVE)
            ).scalars()
        ]
    if stale and not dry_run:
        with store.begin(u) as conn:
            sep.remove(conn, store, stale)
    return len(stale)


def run_retention(
    ctx: AppContext,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    batch: int = BATCH,
    progress: Progress = None,
) -> RunReport:
    """The daily retention run (보유기간 점검), as the system. Never destroys anything."""
    today = today or clock.today_kst()
    with sep.open_store(ctx) as store:
        with ctx.unit(None) as u:
            days = _rule_days(u)
            cutoff = today - dt.timedelta(days=days)
            reconciled = reconcile(u, store, dry_run=dry_run)
            ids = _due_ids(u, today, cutoff)
            interrupted = tuple(
                int(x)
                for x in u.session.execute(
                    select(DestructionPlan.id).where(DestructionPlan.state == PLAN_EXECUTING)
                ).scalars()
            )
        separated = 0
        if not dry_run:
            now = clock.now()
            for k in range(0, len(ids), batch):
                part = ids[k : k + batch]
                with ctx.unit(None) as u:
                    separated += separate_batch(u, store, today, cutoff, part[0], part[-1], now)
                if progress is not None:
                    progress(min(k + batch, len(ids)), len(ids))
        with ctx.unit(None) as u:
            due, held = _destruction_counts(u, today)
            report = RunReport(today, dry_run, len(ids), separated, due, held, reconciled, interrupted)
            if not dry_run:
                u.log(
                    Action.SYSTEM,
                    "lifecycle:retention-run",
                    detail=f"separated={separated}; due={due}; held={held}; reconciled={reconciled}",
                )
    return report


# -- reading and restoring separated records -----------------------------------------------------
@dataclass(frozen=True)
class SeparatedRecord:
    """A separated patient as the officer sees it (masked, like the registry's detail)."""

    id: int
    chart_no: str
    name: str
    rrn_masked: str
    address_masked: str
    phones_masked: tuple[str, ...]
    first_visit: dt.date
    last_visit: dt.date
    retention_until: dt.date
    separated_at: dt.datetime
    visits: int

    @property
    def ref(self) -> str:
        return patient_ref(self.id)


def _record(ctx: AppContext, conn: Any, store: sep.SeparateStore, r: Any) -> SeparatedRecord:
    phones = conn.execute(
        select(store.phones.c.position, store.phones.c.phone_enc)
        .where(store.phones.c.patient_id == r.id)
        .order_by(store.phones.c.position)
    ).all()
    visits = conn.execute(
        select(func.count()).select_from(store.intakes).where(store.intakes.c.patient_id == r.id)
    ).scalar_one()
    address = records.decrypt_address(ctx.keys, r.uid, r.address_enc)
    return SeparatedRecord(
        id=r.id,
        chart_no=r.chart_no,
        name=r.name,
        rrn_masked=records.masked_rrn(r.birth_date, r.sex, r.is_foreigner),
        address_masked=address_district(address),
        phones_masked=tuple(
            mask_phone(records.decrypt_phone(ctx.keys, r.uid, pos, enc)) for pos, enc in phones
        ),
        first_visit=r.first_visit,
        last_visit=r.last_visit,
        retention_until=r.retention_until,
        separated_at=r.separated_at,
        visits=int(visits),
    )


def list_separated(
    ctx: AppContext, actor: Actor, *, chart_no: str | None = None, after_id: int = 0, limit: int = 200
) -> list[SeparatedRecord]:
    """Separated records, by id, one page (분리보관 기록 조회); each record shown is logged."""
    with sep.open_store(ctx) as store, ctx.unit(actor, Permission.SEPARATED_READ) as u:
        with store.read(u) as conn:
            t = store.patients
            stmt = select(t).where(t.c.id > after_id)
            if chart_no:
                stmt = stmt.where(t.c.chart_no == chart_no.strip())
            rows = conn.execute(stmt.order_by(t.c.id).limit(max(1, min(limit, 1000)))).all()
            out = [_record(ctx, conn, store, r) for r in rows]
        for rec in out:
            u.log(Action.VIEW, rec.ref, detail="separated")
        return out


def get_separated(ctx: AppContext, actor: Actor, patient_id: int) -> SeparatedRecord:
    """One separated record (masked); logged as a view."""
    with sep.open_store(ctx) as store, ctx.unit(actor, Permission.SEPARATED_READ) as u:
        with store.read(u) as conn:
            r = conn.execute(select(store.patients).where(store.patients.c.id == patient_id)).first()
            if r is None:
                raise NotFoundError("분리보관 기록", patient_ref(patient_id))
            rec = _record(ctx, conn, store, r)
        u.log(Action.VIEW, rec.ref, detail="separated")
        return rec


def restore(ctx: AppContext, actor: Actor, patient_id: int, reason: str) -> None:
    """Bring a separated patient back to the registry (e.g. the patient visits again): the main
    stub gets its values back, phones and intakes return, the copy is removed. Logged with the reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", "분리보관 해제 사유를 입력하십시오 (예: 재내원).")
    no_personal_data("reason", reason, "분리보관 해제 사유")
    with sep.open_store(ctx) as store, ctx.unit(actor, Permission.SEPARATED_READ) as u:
        stub = u.session.execute(
            select(Patient).where(Patient.id == patient_id).with_for_update()
        ).scalar_one_or_none()
        with store.read(u) as conn:
            r = (
                conn.execute(select(store.patients).where(store.patients.c.id == patient_id))
                .mappings()
                .first()
            )
            phones = [
                dict(x)
                for x in conn.execute(
                    select(store.phones).where(store.phones.c.patient_id == patient_id)
                ).mappings()
            ]
            intakes = [
                dict(x)
                for x in conn.execute(
                    select(store.intakes).where(store.intakes.c.patient_id == patient_id)
                ).mappings()
            ]
        if stub is None or stub.status != STATUS_SEPARATED or r is None:
            raise NotFoundError("분리보관 기록", patient_ref(patient_id))
        values = {
            k: r[k]
            for k in sep.PATIENT_COPY
            if k not in ("id", "uid", "chart_no", "retention_until", "created_at")
        }
        keys = proofs.keys_of(u.session)
        try:
            u.session.execute(
                update(Patient)
                .where(Patient.id == patient_id)
                .values(status=STATUS_ACTIVE, updated_at=clock.now(), version=Patient.version + 1, **values)
                .execution_options(synchronize_session=False)
            )
            proofs.reseal(u.session.connection(), keys, PATIENT_PROOF, "patients", [patient_id])
            if phones:
                rows = [{k: v for k, v in x.items() if k not in ("id", "proof")} for x in phones]
                u.session.execute(
                    insert(PatientPhone),
                    [{**x, "proof": proofs.seal_values(keys, PHONE_PROOF, x)} for x in rows],
                )
            if intakes:
                u.session.execute(
                    insert(Intake), [{k: v for k, v in x.items() if k != "id"} for x in intakes]
                )
            u.session.flush()
        except IntegrityError:
            raise ValidationError(
                "rrn",
                "같은 주민등록번호로 새로 등록된 환자가 있어 되돌릴 수 없습니다. 두 기록을 확인하십시오.",
            ) from None
        u.log(Action.UPDATE, patient_ref(patient_id), detail="분리보관 해제: " + reason[:200])
    with (
        sep.open_store(ctx) as store,
        ctx.unit(actor, Permission.SEPARATED_READ) as u,
        store.begin(u) as conn,
    ):
        sep.remove(conn, store, [patient_id])
