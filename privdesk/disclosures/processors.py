"""The processor registry (수탁업체, 개인정보 처리업무 위탁 — 법 제26조, 시행령 제28조).

The ten processors of the policy (▣수집한 개인정보의 위탁) are seeded from the hospital profile the
first time any use case here runs (only while the registry is empty, so a renamed or deactivated
processor never comes back). Each row keeps what the policy publishes (name, outsourced work,
retention) and what supervision needs (contract start and end, the company's contact, the last
inspection or training of 법 제26조④, with a note). Every change bumps the version (two
workstations get a conflict, never a silent overwrite), is written to ``processor_changes``
(append-only: who, when, what — "계약 종료일: 2026-12-31 → 2027-12-31" — and why) and to the access
log (field names only). A processor that is no longer used is deactivated with a reason, never
deleted: its history stays. Contracts ending within :data:`ENDING_SOON_DAYS` days stand out
(``ending_soon``), ended ones are ``expired``. Each row carries its contract's checklist,
sub-processors and end-of-contract record (:mod:`privdesk.disclosures.contracts`); a contract that
ended without the processor's return or destruction of the data on record is ``outstanding`` and
stays in the list of processors in use (and on paper) until it is recorded.

Permission: ``processor.manage`` (the privacy role and the officer) for the list, edits, history
and the printed list — the registry is part of the published policy, kept by the privacy team.
Processors hold no data subject's personal data, so reading the list is not an access-log entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

from sqlalchemy import func, select

from privdesk import clock
from privdesk.accounts.people import people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.context import META_PROFILE, Actor, AppContext, Unit
from privdesk.disclosures import contracts
from privdesk.disclosures.contracts import EMPTY, ContractState, contract_ended, states_of
from privdesk.disclosures.models import Processor, ProcessorChange
from privdesk.errors import DatabaseError, NotFoundError, RuleViolationError, ValidationError
from privdesk.fields import reason as reason_text
from privdesk.fields import text
from privdesk.profile import HospitalProfile
from privdesk.store import check_version
from privdesk.store.models import Meta

ENDING_SOON_DAYS = 30
SEED_REASON = "개인정보 처리방침(병원 프로필)의 수탁업체"
CREATE, UPDATE, DEACTIVATE, REACTIVATE = "create", "update", "deactivate", "reactivate"
CHANGE_LABELS = {
    CREATE: "등록",
    UPDATE: "변경",
    DEACTIVATE: "위탁 종료",
    REACTIVATE: "재개",
    **contracts.CHANGE_LABELS,
}
FIELD_LABELS = {
    "name": "수탁업체명",
    "task": "위탁업무 내용",
    "retention": "보유기간",
    "contract_start": "계약 시작일",
    "contract_end": "계약 종료일",
    "contact": "담당자·연락처",
    "last_check": "최근 점검·교육일",
    "check_note": "점검·교육 내용",
}
_LIMITS = {"name": 100, "task": 1000, "retention": 200, "contact": 200, "check_note": 1000}
_REQUIRED = {"name", "task"}


@dataclass(frozen=True)
class ProcessorChangeInput:
    """The processor form (추가·수정): every field as it should be after the save."""

    name: str
    task: str
    retention: str = "위탁계약 종료 시까지"
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None
    contact: str = ""
    last_check: dt.date | None = None
    check_note: str = ""

    def __repr__(self) -> str:
        return f"ProcessorChangeInput(name={self.name!r})"


@dataclass(frozen=True)
class ProcessorRow:
    """One processor as the list shows it; ``days_left`` counts to the contract's end."""

    id: int
    name: str
    task: str
    retention: str
    contract_start: dt.date | None
    contract_end: dt.date | None
    contact: str
    last_check: dt.date | None
    check_note: str
    active: bool
    updated_at: dt.datetime
    updated_by: str
    version: int
    ending_soon: bool
    expired: bool
    days_left: int | None
    ended: bool = False  # deactivated, or past the contract's end date
    contract: ContractState = EMPTY

    @property
    def outstanding(self) -> bool:
        """Ended without the processor's return or destruction of the data on record (still open)."""
        return self.ended and self.contract.returned is None

    def __repr__(self) -> str:
        return f"ProcessorRow(id={self.id}, name={self.name!r}, version={self.version})"

    @property
    def contract_text(self) -> str:
        """``2025-01-01 ~ 2026-12-31`` (a missing end or start left blank)."""
        if self.contract_start is None and self.contract_end is None:
            return ""
        a = self.contract_start.isoformat() if self.contract_start else ""
        b = self.contract_end.isoformat() if self.contract_end else ""
        return f"{a} ~ {b}".strip()

    @property
    def checklist_text(self) -> str:
        return self.contract.checklist_text

    @property
    def subprocessors_text(self) -> str:
        return self.contract.subprocessor_text

    @property
    def end_text(self) -> str:
        """What became of the processor's data at the contract's end (반환·파기)."""
        r = self.contract.returned
        if r is not None:
            return r.text
        return "미확인 — 반환·파기 증빙을 기록하십시오" if self.ended else "위탁 중"

    @property
    def status_text(self) -> str:
        """``위탁 종료 — 반환·파기 미확인`` / ``위탁 종료`` / ``계약 만료`` / ``종료 임박 (D-12)`` / ``""``
        — shown as text, not only colour."""
        if self.outstanding:
            return ("위탁 종료" if not self.active else "계약 만료") + " — 반환·파기 미확인"
        if not self.active:
            return "위탁 종료"
        if self.expired:
            return "계약 만료"
        if self.ending_soon and self.days_left is not None:
            return f"종료 임박 (D-{self.days_left})"
        return ""


@dataclass(frozen=True)
class ProcessorChangeRow:
    at: dt.datetime
    actor_login: str
    change: str
    detail: str
    reason: str
    actor_label: str = ""  # 이름(ID) (:mod:`privdesk.accounts.people`)

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS.get(self.change, self.change)


def row_of(
    p: Processor, today: dt.date, soon_days: int = ENDING_SOON_DAYS, contract: ContractState = EMPTY
) -> ProcessorRow:
    left = (p.contract_end - today).days if p.contract_end is not None else None
    return ProcessorRow(
        id=p.id,
        name=p.name,
        task=p.task,
        retention=p.retention,
        contract_start=p.contract_start,
        contract_end=p.contract_end,
        contact=p.contact,
        last_check=p.last_check,
        check_note=p.check_note,
        active=p.active,
        updated_at=p.updated_at,
        updated_by=p.updated_by,
        version=p.version,
        ending_soon=bool(p.active and left is not None and 0 <= left <= soon_days),
        expired=bool(p.active and left is not None and left < 0),
        days_left=left,
        ended=contract_ended(p, today),
        contract=contract,
    )


def rows_of(
    u: Unit, items: list[Processor], today: dt.date, soon_days: int = ENDING_SOON_DAYS
) -> list[ProcessorRow]:
    states = states_of(u.session, [p.id for p in items])
    return [row_of(p, today, soon_days, states[p.id]) for p in items]


# -- seeding and the unit ---------------------------------------------------------------------------
def ensure_processors(u: Unit, profile: HospitalProfile, *, log: bool = True) -> int:
    """Seed the profile's processors while the registry is empty (idempotent); returns how many.
    Called where the data is born — :func:`privdesk.bootstrap.initialize` and, for a database made
    before revision 0800, the step after the upgrade (:data:`privdesk.opening.ANCHORED_BY_REVISION`)
    — never by a use case. The profile row is locked first, so two workstations upgrading at once
    do not both seed. ``log=False``: no access-log entry of its own (the set-up's ``init`` entry,
    naming the profile, stands for it)."""
    if u.session.execute(select(func.count()).select_from(Processor)).scalar_one() > 0:
        return 0
    u.session.execute(select(Meta.key).where(Meta.key == META_PROFILE).with_for_update()).all()
    if u.session.execute(select(func.count()).select_from(Processor)).scalar_one() > 0:
        return 0
    now = clock.now()
    seen: set[str] = set()
    for pp in profile.processors:
        if pp.name in seen:
            continue
        seen.add(pp.name)
        p = Processor(
            name=pp.name,
            task=pp.task,
            retention=pp.retention,
            contact="",
            check_note="",
            active=True,
            created_at=now,
            updated_at=now,
            updated_by=u.actor_login,
        )
        u.session.add(p)
        u.session.flush()
        u.session.add(
            ProcessorChange(
                processor_id=p.id,
                at=now,
                actor_login=u.actor_login,
                change=CREATE,
                detail=f"위탁업무 내용: {p.task}; 보유기간: {p.retention}",
                reason=SEED_REASON,
            )
        )
    u.session.flush()
    if seen and log:
        u.log(Action.CREATE, "processor:*", detail=f"seed={len(seen)}")
    return len(seen)


NOT_SEEDED = (
    "이 데이터베이스에는 병원 프로필의 수탁업체가 등록되어 있지 않습니다. 초기 설정과 업그레이드 때 "
    "등록되는데 빠져 있습니다. 개인정보 보호책임자에게 알리십시오."
)


@contextmanager
def processor_unit(ctx: AppContext, actor: Actor | None, *, read_only: bool = False) -> Iterator[Unit]:
    """``ctx.unit`` with ``processor.manage``. It never seeds the registry (see
    :func:`ensure_processors`): an empty registry while the hospital profile lists processors — a
    database seeded by nobody, impossible after ``privdesk init`` or an upgrade — is refused with a
    clear error."""
    with ctx.unit(actor, Permission.PROCESSOR_MANAGE, read_only=read_only) as u:
        if ctx.profile.processors and u.session.execute(select(Processor.id).limit(1)).first() is None:
            raise DatabaseError("processors_not_seeded", NOT_SEEDED)
        yield u


def _load(u: Unit, processor_id: int, *, lock: bool = False) -> Processor:
    p = u.session.get(Processor, processor_id, with_for_update=lock, populate_existing=lock)
    if p is None:
        raise NotFoundError("수탁업체", f"processor:{processor_id}")
    return p


def _validated(data: ProcessorChangeInput, today: dt.date) -> dict[str, object]:
    out: dict[str, object] = {}
    for f in fields(data):
        value = getattr(data, f.name)
        if f.name in _LIMITS:
            check = reason_text if f.name == "check_note" else text  # a note: no personal data
            out[f.name] = check(
                f.name, value, FIELD_LABELS[f.name], required=f.name in _REQUIRED, limit=_LIMITS[f.name]
            )
        else:
            out[f.name] = value
    start, end = data.contract_start, data.contract_end
    if start is not None and end is not None and end <= start:
        raise ValidationError(
            "contract_end", "계약 종료일은 계약 시작일보다 늦어야 합니다. 계약기간을 확인하십시오."
        )
    if data.last_check is not None and data.last_check > today:
        raise ValidationError(
            "last_check", "최근 점검·교육일이 미래입니다. 실제로 점검·교육한 날을 입력하십시오."
        )
    return out


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(없음)"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _name_taken(u: Unit, name: str, processor_id: int | None) -> None:
    other = u.session.execute(select(Processor.id).where(Processor.name == name)).scalar_one_or_none()
    if other is not None and other != processor_id:
        raise ValidationError("name", f"이미 등록된 수탁업체입니다: {name}. 목록에서 그 업체를 고치십시오.")


def _reason(reason: str) -> str:
    return reason_text("reason", reason, "사유", limit=500)


# -- use cases ---------------------------------------------------------------------------------------
def list_processors(
    ctx: AppContext,
    actor: Actor,
    *,
    today: dt.date | None = None,
    include_inactive: bool = True,
    ending_soon_days: int = ENDING_SOON_DAYS,
) -> list[ProcessorRow]:
    """The registry: active processors first, then those whose outsourcing ended. Without
    ``include_inactive``, an ended processor still shows while it is ``outstanding`` (no return or
    destruction of the data on record)."""
    today = today or clock.today_kst()
    with processor_unit(ctx, actor, read_only=True) as u:
        rows = rows_of(u, list(u.session.scalars(select(Processor))), today, ending_soon_days)
    if not include_inactive:
        rows = [r for r in rows if r.active or r.outstanding]
    return sorted(rows, key=lambda r: (not r.active, r.id))


def get_processor(
    ctx: AppContext, actor: Actor, processor_id: int, *, today: dt.date | None = None
) -> ProcessorRow:
    today = today or clock.today_kst()
    with processor_unit(ctx, actor, read_only=True) as u:
        return rows_of(u, [_load(u, processor_id)], today)[0]


def add_processor(ctx: AppContext, actor: Actor, data: ProcessorChangeInput, reason: str) -> ProcessorRow:
    """Register a new processor (위탁 계약 체결)."""
    today = clock.today_kst()
    values = _validated(data, today)
    why = _reason(reason)
    with processor_unit(ctx, actor) as u:
        _name_taken(u, str(values["name"]), None)
        now = clock.now()
        p = Processor(**values, active=True, created_at=now, updated_at=now, updated_by=u.actor_login)
        u.session.add(p)
        u.session.flush()
        detail = "; ".join(f"{FIELD_LABELS[k]}: {_shown(v)}" for k, v in values.items() if k != "name" and v)
        u.session.add(
            ProcessorChange(
                processor_id=p.id, at=now, actor_login=u.actor_login, change=CREATE, detail=detail, reason=why
            )
        )
        u.log(Action.CREATE, p.ref, detail="fields=" + ",".join(k for k, v in values.items() if v))
        u.session.flush()
        return rows_of(u, [p], today)[0]


def update_processor(
    ctx: AppContext,
    actor: Actor,
    processor_id: int,
    data: ProcessorChangeInput,
    reason: str,
    expected_version: int | None,
) -> ProcessorRow:
    """Change a processor (with a reason); a stale copy (``expected_version``) is a conflict.
    The history names each field with its old and new value."""
    today = clock.today_kst()
    values = _validated(data, today)
    why = _reason(reason)
    with processor_unit(ctx, actor) as u:
        p = _load(u, processor_id, lock=True)
        check_version(p, expected_version, p.ref)
        changed = {k: v for k, v in values.items() if getattr(p, k) != v}
        if not changed:
            raise RuleViolationError("바뀐 내용이 없습니다. 고칠 항목을 바꾼 뒤 저장하십시오.")
        if "name" in changed:
            _name_taken(u, str(changed["name"]), p.id)
        parts = [f"{FIELD_LABELS[k]}: {_shown(getattr(p, k))} → {_shown(v)}" for k, v in changed.items()]
        for k, v in changed.items():
            setattr(p, k, v)
        p.updated_at, p.updated_by = clock.now(), u.actor_login
        u.session.flush()
        u.session.add(
            ProcessorChange(
                processor_id=p.id,
                at=p.updated_at,
                actor_login=u.actor_login,
                change=UPDATE,
                detail="; ".join(parts),
                reason=why,
            )
        )
        u.log(Action.UPDATE, p.ref, detail="fields=" + ",".join(changed))
        u.session.flush()
        return rows_of(u, [p], today)[0]


def _set_active(
    ctx: AppContext, actor: Actor, processor_id: int, active: bool, reason: str, expected_version: int | None
) -> ProcessorRow:
    why = _reason(reason)
    today = clock.today_kst()
    with processor_unit(ctx, actor) as u:
        p = _load(u, processor_id, lock=True)
        check_version(p, expected_version, p.ref)
        if p.active == active:
            raise RuleViolationError(
                "이미 위탁을 종료한 수탁업체입니다." if not active else "이미 위탁 중인 수탁업체입니다."
            )
        p.active, p.updated_at, p.updated_by = active, clock.now(), u.actor_login
        u.session.flush()
        change = REACTIVATE if active else DEACTIVATE
        u.session.add(
            ProcessorChange(
                processor_id=p.id,
                at=p.updated_at,
                actor_login=u.actor_login,
                change=change,
                detail=f"상태: {'위탁 종료 → 위탁 중' if active else '위탁 중 → 위탁 종료'}",
                reason=why,
            )
        )
        u.log(Action.UPDATE, p.ref, detail=f"active={'on' if active else 'off'}")
        u.session.flush()
        return rows_of(u, [p], today)[0]


def deactivate_processor(
    ctx: AppContext, actor: Actor, processor_id: int, reason: str, expected_version: int | None = None
) -> ProcessorRow:
    """End the outsourcing (위탁 종료): the processor leaves the policy's list, its history stays."""
    return _set_active(ctx, actor, processor_id, False, reason, expected_version)


def reactivate_processor(
    ctx: AppContext, actor: Actor, processor_id: int, reason: str, expected_version: int | None = None
) -> ProcessorRow:
    """Undo a deactivation (a new contract with the same company, or a mistake), with a reason."""
    return _set_active(ctx, actor, processor_id, True, reason, expected_version)


def processor_history(ctx: AppContext, actor: Actor, processor_id: int) -> list[ProcessorChangeRow]:
    """A processor's change history, oldest first."""
    with processor_unit(ctx, actor) as u:
        p = _load(u, processor_id)
        rows = u.session.scalars(
            select(ProcessorChange).where(ProcessorChange.processor_id == p.id).order_by(ProcessorChange.id)
        ).all()
        who = people(u.session, [r.actor_login for r in rows])
        return [
            ProcessorChangeRow(r.at, r.actor_login, r.change, r.detail, r.reason, who.label(r.actor_login))
            for r in rows
        ]
