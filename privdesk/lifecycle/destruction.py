"""Destruction (파기, PIPA 제21조·시행령 제16조, 안전성 확보조치 기준 제13조): plans, approval,
execution and unrecoverability.

1. :func:`create_plan` lists the patients whose retention has ended (count, file, criteria) and the
   ones excluded, with why. Exclusions come from a tuple of provider functions
   (:func:`default_providers`: the ones the composition wires in — open data-subject requests, from
   privdesk.rights, which lifecycle does not import — then processing hold 처리정지 and legal/evidence
   hold 법적 보존) plus records already in another open plan.
   The plan's hash covers its file, criteria, date, every item and every exclusion.
2. :func:`approve_plan`: the privacy officer (``destruction.approve``) re-enters the password; with
   the two-person rule on (:func:`set_two_person_rule`) a second, different approver completes it.
3. :func:`execute_plan`: the plan is marked ``executing`` (committed), exclusions are checked again
   (a hold placed since the plan was made skips that record), the separate store's copies are
   deleted, then the main rows are emptied to a ``destroyed`` stub (id and ``retention_until`` only:
   ids are never reused), phones and intakes deleted, a tombstone left per record (uid and plan
   only, :class:`~privdesk.lifecycle.models.Tombstone`), the ledger row written and anchored, and
   the plan marked ``executed`` — one transaction on PostgreSQL; on SQLite two files, so the order
   above makes an interruption resumable: executing an ``executing`` plan again finishes it (every
   step is idempotent) and ``retention run`` reports such a plan.
4. :func:`scrub` makes the freed space unrecoverable: SQLite ``secure_delete`` (always on),
   ``PRAGMA wal_checkpoint(TRUNCATE)``, ``VACUUM``, and a second checkpoint, on both files;
   PostgreSQL ``VACUUM FULL`` of the affected tables outside a transaction (plain VACUUM leaves
   the dead tuples' bytes in the pages; FULL rewrites them and locks each table while it runs)
   and, for a superuser, the planner statistics that sample those columns (:func:`_scrub_postgresql`).
5. After the scrub the tombstones go to the backup folder's catalogue (:mod:`privdesk.backup.catalogue`),
   so a restore of a backup taken before the destruction destroys the records again with
   :func:`destroy_records`; when the folder cannot be written then, the next backup does it.

A run stopped before anything was committed (the GUI's 취소 raises from the progress callback)
puts the plan back to ``approved``; see :func:`execute_plan`.

The access log keeps only ``patient:<id>`` references of destroyed subjects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine, delete, func, insert, select, update

from privdesk import clock, proofs
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action, Outcome
from privdesk.audit.reasons import reason_of, require, with_reason
from privdesk.context import Actor, AppContext, Exclusion, ExclusionProvider, Unit
from privdesk.deadline import overdue_cutoff, overdue_days
from privdesk.errors import NotFoundError, RuleViolationError
from privdesk.korean import josa
from privdesk.lifecycle import store as sep
from privdesk.lifecycle.files import PATIENT_FILE, file_rule, legal_hold_ids

# the legal-hold use cases live in privdesk.lifecycle.holds; their names stay importable from here
from privdesk.lifecycle.holds import place_legal_hold as place_legal_hold
from privdesk.lifecycle.holds import release_legal_hold as release_legal_hold
from privdesk.lifecycle.ledger import ELECTRONIC_METHOD, append_entry
from privdesk.lifecycle.models import (
    OPEN_PLAN_STATES,
    PLAN_APPROVED,
    PLAN_CANCELLED,
    PLAN_DRAFT,
    PLAN_EXECUTED,
    PLAN_EXECUTING,
    PLAN_PARTLY_APPROVED,
    DestructionPlan,
    DestructionPlanExclusion,
    DestructionPlanItem,
    Tombstone,
)
from privdesk.lifecycle.separation import blank_values
from privdesk.registry.api import (
    PATIENT_PROOF,
    STATUS_ACTIVE,
    STATUS_DESTROYED,
    STATUS_SEPARATED,
    Intake,
    Patient,
    PatientPhone,
    patient_ref,
)
from privdesk.store.engine import is_sqlite, sqlite_path
from privdesk.store.models import AccessLogEntry, Meta

log = logging.getLogger("privdesk.lifecycle")
META_TWO_PERSON = "lifecycle.two_person_rule"
STATE_LABELS = {
    PLAN_DRAFT: "승인 대기",
    PLAN_PARTLY_APPROVED: "2차 승인 대기",
    PLAN_APPROVED: "승인됨",
    PLAN_EXECUTING: "실행 중(중단됨)",
    PLAN_EXECUTED: "파기 완료",
    PLAN_CANCELLED: "취소됨",
}
Progress = Callable[[str, int, int], None] | None  # (step, done, total)
_CHUNK = 500


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[i : i + _CHUNK]) for i in range(0, len(ids), _CHUNK)]


# -- exclusion providers ---------------------------------------------------------------------------
def processing_holds(u: Unit, ids: Sequence[int]) -> dict[int, Exclusion]:
    """처리정지 (a correction or suspension request is open on the record)."""
    out: dict[int, Exclusion] = {}
    for part in _chunks(ids):
        for pid, reason in u.session.execute(
            select(Patient.id, Patient.hold_reason).where(Patient.id.in_(part), Patient.hold.is_(True))
        ):
            out[int(pid)] = ("processing_hold", f"처리정지: {reason or '사유 없음'}")
    return out


def legal_holds(u: Unit, ids: Sequence[int]) -> dict[int, Exclusion]:
    """법적 보존 (evidence or legal hold, :mod:`privdesk.lifecycle.holds`)."""
    wanted = set(ids)
    return {
        pid: ("legal_hold", f"법적 보존: {reason}")
        for pid, reason in legal_hold_ids(u).items()
        if pid in wanted
    }


OWN_PROVIDERS: tuple[ExclusionProvider, ...] = (processing_holds, legal_holds)


def default_providers(ctx: AppContext) -> tuple[ExclusionProvider, ...]:
    """The exclusions a plan applies: those the composition wires in (정보주체 요구 처리 중 — an open
    data-subject request on the record, from privdesk.rights) first, then the lifecycle's own."""
    return (*ctx.wiring.destruction_exclusions, *OWN_PROVIDERS)


def _excluded(u: Unit, ids: Sequence[int], providers: Sequence[ExclusionProvider]) -> dict[int, Exclusion]:
    out: dict[int, Exclusion] = {}
    for provider in providers:
        for pid, why in provider(u, ids).items():
            out.setdefault(pid, why)
    return out


# -- views -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExclusionRow:
    subject: str
    chart_no: str
    reason_code: str
    reason: str


@dataclass(frozen=True)
class PlanItemRow:
    """One record of a plan as the review screen lists it: the most overdue first."""

    subject: str
    chart_no: str
    retention_until: dt.date
    overdue_days: int  # days past the destruction deadline (0: within it)
    skipped: str = ""  # why execution skipped it (a hold placed after the plan)


@dataclass(frozen=True)
class PlanView:
    """A plan as the review screen and the certificate show it."""

    id: int
    state: str
    file_code: str
    file_name: str
    items: str
    criteria: str
    reason: str
    method: str
    as_of: dt.date
    record_count: int
    excluded_count: int
    excluded: tuple[ExclusionRow, ...]  # the first 1,000 (all of them in get_plan up to that)
    created_first: dt.date | None
    created_last: dt.date | None
    plan_hash: str
    created_by: str
    created_at: dt.datetime
    approved_by: str | None
    approved_at: dt.datetime | None
    second_approved_by: str | None
    second_approved_at: dt.datetime | None
    executed_by: str | None
    executed_at: dt.datetime | None
    destroyed_count: int | None
    two_person_rule: bool
    items_list: tuple[PlanItemRow, ...] = ()  # the first 1,000 records, overdue first (get_plan, create_plan)
    overdue_count: int = 0  # records past the destruction deadline (파기 기한 경과)
    deadline_days: int = 0
    people: People = field(default_factory=People, compare=False)  # its logins → names
    cancelled_by: str | None = None  # 계획 취소: who, when and why (from the access log's entry)
    cancelled_at: dt.datetime | None = None
    cancel_reason: str = ""

    def who(self, login: str | None) -> str:
        """``이름(ID)`` of one of the plan's people (작성자, 승인자, 실행자)."""
        return self.people.label(login)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def created_text(self) -> str:
        if self.created_first is None:
            return ""
        if self.created_first == self.created_last or self.created_last is None:
            return self.created_first.isoformat()
        return f"{self.created_first.isoformat()} ~ {self.created_last.isoformat()}"


@dataclass(frozen=True)
class ExecuteResult:
    plan_id: int
    destroyed: int
    skipped: int
    ledger_id: int
    catalogue: str = ""  # what became of the tombstones in the backup folder's catalogue


def _items(
    u: Unit, p: DestructionPlan, deadline_days: int, limit: int
) -> tuple[tuple[PlanItemRow, ...], int]:
    """The plan's records, oldest retention end first — the overdue ones lead — and how many are
    overdue, counted on the day of execution for an executed plan, else today."""
    day = clock.to_kst(p.executed_at).date() if p.executed_at is not None else clock.today_kst()
    cutoff = overdue_cutoff(day, deadline_days)
    item = DestructionPlanItem
    overdue = int(
        u.session.execute(
            select(func.count()).select_from(item).where(item.plan_id == p.id, item.retention_until < cutoff)
        ).scalar_one()
    )
    if limit <= 0:
        return (), overdue
    rows = u.session.execute(
        select(item.patient_id, item.retention_until, item.skipped)
        .where(item.plan_id == p.id)
        .order_by(item.retention_until, item.patient_id)
        .limit(limit)
    ).all()
    charts: dict[int, str] = {}
    for part in _chunks([int(r[0]) for r in rows]):
        charts.update(
            {
                int(i): c
                for i, c in u.session.execute(
                    select(Patient.id, Patient.chart_no).where(Patient.id.in_(part))
                )
            }
        )
    return tuple(
        PlanItemRow(
            patient_ref(int(pid)),
            charts.get(int(pid), ""),
            until,
            overdue_days(until, day, deadline_days),
            skipped or "",
        )
        for pid, until, skipped in rows
    ), overdue


def _view(
    u: Unit,
    p: DestructionPlan,
    *,
    exclusions_limit: int = 1000,
    deadline_days: int = 0,
    items_limit: int = 1000,
) -> PlanView:
    rows = u.session.execute(
        select(
            DestructionPlanExclusion.subject,
            DestructionPlanExclusion.reason_code,
            DestructionPlanExclusion.reason,
        )
        .where(DestructionPlanExclusion.plan_id == p.id)
        .order_by(DestructionPlanExclusion.subject)
        .limit(exclusions_limit)
    ).all()
    charts: dict[int, str] = {}
    ids = [int(s[8:]) for s, _c, _r in rows if s.startswith("patient:")]
    for part in _chunks(ids):
        charts.update(
            {
                int(i): c
                for i, c in u.session.execute(
                    select(Patient.id, Patient.chart_no).where(Patient.id.in_(part))
                )
            }
        )
    excl = tuple(
        ExclusionRow(s, charts.get(int(s[8:]), "") if s.startswith("patient:") else "", c, r)
        for s, c, r in rows
    )
    cancelled: tuple[str | None, dt.datetime | None, str] = (None, None, "")
    if p.state == PLAN_CANCELLED:
        cancelled = _cancellation(u, p.id)
    return PlanView(
        p.id,
        p.state,
        p.file_code,
        p.file_name,
        p.items,
        p.criteria,
        p.reason,
        p.method,
        p.as_of,
        p.record_count,
        p.excluded_count,
        excl,
        p.created_first,
        p.created_last,
        p.plan_hash,
        p.created_by,
        p.created_at,
        p.approved_by,
        p.approved_at,
        p.second_approved_by,
        p.second_approved_at,
        p.executed_by,
        p.executed_at,
        p.destroyed_count,
        _two_person(u),
        *_items(u, p, deadline_days, items_limit),
        deadline_days,
        people(u.session, [p.created_by, p.approved_by, p.second_approved_by, p.executed_by, cancelled[0]]),
        cancelled_by=cancelled[0],
        cancelled_at=cancelled[1],
        cancel_reason=cancelled[2],
    )


CANCEL_DETAIL = "cancel"


def _cancellation(u: Unit, plan_id: int) -> tuple[str | None, dt.datetime | None, str]:
    """Who cancelled a plan, when and why: the cancel entry of the access log (written by
    :func:`cancel_plan` in the same transaction as the state change, so it is always there for a
    plan cancelled since reasons were asked; an older one shows who and when without a reason)."""
    row = u.session.execute(
        select(AccessLogEntry.actor, AccessLogEntry.at, AccessLogEntry.detail)
        .where(
            AccessLogEntry.subject == f"destruction_plan:{plan_id}",
            AccessLogEntry.action == Action.UPDATE,
            AccessLogEntry.outcome == Outcome.OK,
            AccessLogEntry.detail.startswith(CANCEL_DETAIL, autoescape=True),
        )
        .order_by(AccessLogEntry.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        return None, None, ""
    return str(row[0]), dt.datetime.fromisoformat(row[1]), reason_of(row[2]) or ""


def _hash(
    file_code: str,
    criteria: str,
    as_of: dt.date,
    items: Sequence[tuple[int, dt.date]],
    exclusions: Sequence[tuple[str, str]],
) -> str:
    h = hashlib.sha256()
    h.update(f"privdesk-destruction-plan\x1f{file_code}\x1f{criteria}\x1f{as_of.isoformat()}\n".encode())
    for pid, until in sorted(items):
        h.update(f"{pid}\x1f{until.isoformat()}\n".encode())
    h.update(b"--\n")
    for subject, code in sorted(exclusions):
        h.update(f"{subject}\x1f{code}\n".encode())
    return h.hexdigest()


def _stored_hash(u: Unit, p: DestructionPlan) -> str:
    items = [
        (int(a), b)
        for a, b in u.session.execute(
            select(DestructionPlanItem.patient_id, DestructionPlanItem.retention_until).where(
                DestructionPlanItem.plan_id == p.id
            )
        )
    ]
    excl = [
        (a, b)
        for a, b in u.session.execute(
            select(DestructionPlanExclusion.subject, DestructionPlanExclusion.reason_code).where(
                DestructionPlanExclusion.plan_id == p.id
            )
        )
    ]
    return _hash(p.file_code, p.criteria, p.as_of, items, excl)


def _check_hash(u: Unit, p: DestructionPlan) -> None:
    if _stored_hash(u, p) != p.plan_hash:
        raise RuleViolationError(
            f"파기 계획 {p.id}의 내용이 작성 후 바뀌었습니다(해시 불일치). 계획을 취소하고 새로 작성하십시오."
        )


# -- settings: the two-person rule -----------------------------------------------------------------
def _two_person(u: Unit) -> bool:
    row = u.session.get(Meta, META_TWO_PERSON)
    return row is not None and row.value == "1"


def two_person_rule(ctx: AppContext, actor: Actor) -> bool:
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        return _two_person(u)


TWO_PERSON_SUBJECT = "setting:destruction-two-person"


@dataclass(frozen=True)
class TwoPersonRule:
    """The hospital-wide two-person rule (2인 승인) as the screens show it: on or off, and the last
    change — who, when, why — read from the access log, which is this setting's history."""

    on: bool
    changed_by: str | None = None
    changed_at: dt.datetime | None = None
    reason: str = ""
    people: People = field(default_factory=People, compare=False)

    @property
    def changed_by_label(self) -> str:
        return self.people.label(self.changed_by) if self.changed_by else ""


def two_person_setting(ctx: AppContext, actor: Actor) -> TwoPersonRule:
    """The rule and its last change (for the plan screen, which only shows it, and the rules screen,
    where the officer changes it)."""
    permission = (
        Permission.RETENTION_MANAGE if actor.may(Permission.RETENTION_MANAGE) else Permission.DESTRUCTION_PLAN
    )
    with ctx.unit(actor, permission) as u:
        row = u.session.execute(
            select(AccessLogEntry.actor, AccessLogEntry.at, AccessLogEntry.detail)
            .where(
                AccessLogEntry.subject == TWO_PERSON_SUBJECT,
                AccessLogEntry.action == Action.UPDATE,
                AccessLogEntry.outcome == Outcome.OK,
            )
            .order_by(AccessLogEntry.seq.desc())
            .limit(1)
        ).first()
        if row is None:
            return TwoPersonRule(_two_person(u))
        login = str(row[0])
        return TwoPersonRule(
            _two_person(u),
            login,
            dt.datetime.fromisoformat(row[1]),
            reason_of(row[2]) or "",
            people(u.session, [login]),
        )


def set_two_person_rule(ctx: AppContext, actor: Actor, on: bool, *, reason: str) -> TwoPersonRule:
    """Require a second, different approver for every destruction plan (2인 승인) — a hospital-wide
    rule, changed only by the officer (``retention.manage``) with a reason (사유, required), which
    the access log keeps with the change (the setting's history). Plans already approved keep
    their approval; the rule applies to approvals from now on."""
    why = require(reason)
    with ctx.unit(actor, Permission.RETENTION_MANAGE) as u:
        row = u.session.get(Meta, META_TWO_PERSON)
        before = row is not None and row.value == "1"
        if before == on:
            raise RuleViolationError(
                "2인 승인 규칙이 이미 " + ("켜져" if on else "꺼져") + " 있습니다. 바꿀 것이 없습니다."
            )
        if row is None:
            u.session.add(Meta(key=META_TWO_PERSON, value="1" if on else "0"))
        else:
            row.value = "1" if on else "0"
        u.log(Action.UPDATE, TWO_PERSON_SUBJECT, detail=with_reason(f"on={on}", why))
        return TwoPersonRule(on, u.actor_login, clock.now(), why, people(u.session, [u.actor_login]))


# -- plan ------------------------------------------------------------------------------------------
def create_plan(
    ctx: AppContext,
    actor: Actor,
    *,
    today: dt.date | None = None,
    providers: Sequence[ExclusionProvider] | None = None,
) -> PlanView:
    """List what is due for destruction in the patient file (파기 계획 작성)."""
    today = today or clock.today_kst()
    providers = default_providers(ctx) if providers is None else providers
    profile = ctx.profile
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        rule = file_rule(u, PATIENT_FILE)
        s = u.session
        due = [
            (int(i), r, c)
            for i, r, c in s.execute(
                select(Patient.id, Patient.retention_until, Patient.created_at)
                .where(Patient.status.in_((STATUS_ACTIVE, STATUS_SEPARATED)), Patient.retention_until < today)
                .order_by(Patient.id)
            )
        ]
        ids = [d[0] for d in due]
        excluded = _excluded(u, ids, providers)
        in_plans: dict[int, int] = {
            int(a): int(b)
            for a, b in s.execute(
                select(DestructionPlanItem.patient_id, DestructionPlanItem.plan_id)
                .join(DestructionPlan, DestructionPlan.id == DestructionPlanItem.plan_id)
                .where(DestructionPlan.state.in_(OPEN_PLAN_STATES))
            )
        }
        for pid in ids:
            if pid in in_plans and pid not in excluded:
                excluded[pid] = ("in_plan", f"파기 계획 {in_plans[pid]}에 포함됨")
        items = [(pid, until, created) for pid, until, created in due if pid not in excluded]
        if not items:
            raise RuleViolationError(
                f"파기할 기록이 없습니다 (보유기간이 지난 기록 {len(ids):,}건, 모두 파기 제외)."
            )
        criteria = (
            f"{rule.retention_text} 보유기간이 끝난 기록 (보유기간 종료일이 "
            f"{(today - dt.timedelta(days=1)).isoformat()} 이전, 기준일 {today.isoformat()})"
        )
        reason = f"보유기간 경과 (개인정보 보호법 제21조제1항; {rule.retention_note or rule.retention_text})"
        excl = sorted((patient_ref(pid), why[0]) for pid, why in excluded.items())
        created = [clock.to_kst(c).date() for _p, _u, c in items]
        plan = DestructionPlan(
            file_code=rule.code,
            file_name=rule.name,
            items=rule.items,
            criteria=criteria,
            reason=reason,
            method=ELECTRONIC_METHOD,
            as_of=today,
            record_count=len(items),
            excluded_count=len(excluded),
            created_first=min(created),
            created_last=max(created),
            plan_hash=_hash(rule.code, criteria, today, [(p, d) for p, d, _c in items], excl),
            state=PLAN_DRAFT,
            created_at=clock.now(),
            created_by=u.actor_login,
        )
        s.add(plan)
        s.flush()
        s.execute(
            insert(DestructionPlanItem),
            [{"plan_id": plan.id, "patient_id": p, "retention_until": d} for p, d, _c in items],
        )
        if excluded:
            s.execute(
                insert(DestructionPlanExclusion),
                [
                    {
                        "plan_id": plan.id,
                        "subject": patient_ref(pid),
                        "reason_code": code,
                        "reason": why[:1000],
                    }
                    for pid, (code, why) in sorted(excluded.items())
                ],
            )
        u.log(
            Action.CREATE,
            f"destruction_plan:{plan.id}",
            detail=f"records={len(items)}; excluded={len(excluded)}; sha256={plan.plan_hash}",
        )
        return _view(u, plan, deadline_days=profile.destruction_days)


def _load(u: Unit, plan_id: int, *, lock: bool = False) -> DestructionPlan:
    stmt = select(DestructionPlan).where(DestructionPlan.id == plan_id)
    p = u.session.execute(stmt.with_for_update() if lock else stmt).scalar_one_or_none()
    if p is None:
        raise NotFoundError("파기 계획", str(plan_id))
    return p


def get_plan(ctx: AppContext, actor: Actor, plan_id: int) -> PlanView:
    deadline_days = ctx.profile.destruction_days
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        view = _view(u, _load(u, plan_id), deadline_days=deadline_days)
        u.log(Action.VIEW, f"destruction_plan:{plan_id}")
        return view


def list_plans(ctx: AppContext, actor: Actor, *, limit: int = 200) -> list[PlanView]:
    """Plans, newest first (the review screen's list; exclusions are not loaded: open one plan)."""
    deadline_days = ctx.profile.destruction_days
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        plans = (
            u.session.execute(
                select(DestructionPlan).order_by(DestructionPlan.id.desc()).limit(max(1, min(limit, 1000)))
            )
            .scalars()
            .all()
        )
        out = [_view(u, p, exclusions_limit=0, items_limit=0, deadline_days=deadline_days) for p in plans]
        u.log(Action.VIEW, "destruction_plan:*", detail=f"rows={len(out)}")
        return out


def approve_plan(ctx: AppContext, actor: Actor, plan_id: int, password: str) -> PlanView:
    """Approve with password re-entry (파기 승인). Under the two-person rule the first approval
    leaves the plan waiting for a second, different approver."""
    from privdesk.accounts.users import verify_password_again

    verify_password_again(ctx, actor, password)
    deadline_days = ctx.profile.destruction_days
    with ctx.unit(actor, Permission.DESTRUCTION_APPROVE) as u:
        p = _load(u, plan_id, lock=True)
        _check_hash(u, p)
        now = clock.now()
        if p.state == PLAN_DRAFT:
            p.approved_by, p.approved_at = u.actor_login, now
            p.state = PLAN_PARTLY_APPROVED if _two_person(u) else PLAN_APPROVED
            step = "1/2" if p.state == PLAN_PARTLY_APPROVED else "1/1"
        elif p.state == PLAN_PARTLY_APPROVED:
            if p.approved_by == u.actor_login:
                raise RuleViolationError(
                    "2인 승인 규칙: 두 번째 승인은 첫 승인자와 다른 승인권자가 해야 합니다."
                )
            p.second_approved_by, p.second_approved_at, p.state = u.actor_login, now, PLAN_APPROVED
            step = "2/2"
        else:
            raise RuleViolationError(
                f"파기 계획 {josa(plan_id, '은/는')} {STATE_LABELS.get(p.state, p.state)} 상태라 승인할 수 없습니다."
            )
        u.session.flush()
        u.log(Action.UPDATE, f"destruction_plan:{plan_id}", detail=f"approve {step}")
        return _view(u, p, deadline_days=deadline_days)


def cancel_plan(ctx: AppContext, actor: Actor, plan_id: int, *, reason: str) -> None:
    """Cancel a plan before it runs (계획 취소), with the reason (사유, required), written with the
    change into the access log; the plan then shows who cancelled it, when and why."""
    why = require(reason)
    with ctx.unit(actor, Permission.DESTRUCTION_APPROVE) as u:
        p = _load(u, plan_id, lock=True)
        if p.state not in (PLAN_DRAFT, PLAN_PARTLY_APPROVED, PLAN_APPROVED):
            raise RuleViolationError(
                f"파기 계획 {josa(plan_id, '은/는')} {STATE_LABELS.get(p.state, p.state)} 상태라 취소할 수 없습니다."
            )
        p.state = PLAN_CANCELLED
        u.log(Action.UPDATE, f"destruction_plan:{plan_id}", detail=with_reason(CANCEL_DETAIL, why))


# -- execution -------------------------------------------------------------------------------------
def _start(
    ctx: AppContext, actor: Actor, plan_id: int, providers: Sequence[ExclusionProvider]
) -> tuple[list[int], bool]:
    """Mark the plan executing (committed) and skip records held since it was made. Returns the
    ids to destroy and whether this call started the plan (``approved`` → ``executing``)."""
    with ctx.unit(actor, Permission.DESTRUCTION_APPROVE) as u:
        p = _load(u, plan_id, lock=True)
        if p.state not in (PLAN_APPROVED, PLAN_EXECUTING):
            raise RuleViolationError(
                f"파기 계획 {josa(plan_id, '은/는')} {STATE_LABELS.get(p.state, p.state)} 상태라 실행할 수 없습니다. "
                "먼저 승인을 받으십시오."
            )
        _check_hash(u, p)
        ids = [
            int(x)
            for x in u.session.execute(
                select(DestructionPlanItem.patient_id)
                .where(DestructionPlanItem.plan_id == plan_id, DestructionPlanItem.skipped.is_(None))
                .order_by(DestructionPlanItem.patient_id)
            ).scalars()
        ]
        held = _excluded(u, ids, providers)
        for pid, (_code, why) in held.items():
            u.session.execute(
                update(DestructionPlanItem)
                .where(DestructionPlanItem.plan_id == plan_id, DestructionPlanItem.patient_id == pid)
                .values(skipped=why[:1000])
            )
        fresh = p.state == PLAN_APPROVED
        if fresh:
            p.state, p.started_at, p.executed_by = PLAN_EXECUTING, clock.now(), u.actor_login
            u.log(Action.UPDATE, f"destruction_plan:{plan_id}", detail=f"execute start; skipped={len(held)}")
        return [pid for pid in ids if pid not in held], fresh


def _back_to_approved(ctx: AppContext, actor: Actor, plan_id: int) -> None:
    """Undo :func:`_start` after an execution stopped before anything was committed (a cancel
    from the progress callback, an error): the plan is ``approved`` again, its skip marks cleared,
    so it can be executed later or cancelled. Logged."""
    with ctx.unit(actor, Permission.DESTRUCTION_APPROVE) as u:
        p = _load(u, plan_id, lock=True)
        if p.state != PLAN_EXECUTING:
            return
        p.state, p.started_at, p.executed_by = PLAN_APPROVED, None, None
        u.session.execute(
            update(DestructionPlanItem).where(DestructionPlanItem.plan_id == plan_id).values(skipped=None)
        )
        u.log(
            Action.UPDATE,
            f"destruction_plan:{plan_id}",
            detail="execute stopped before any deletion; approved again",
        )


def ledger_people(u: Unit, p: DestructionPlan, executor: str | None) -> tuple[str, str]:
    """The 파기 관리대장's 처리담당자 and 처리부서장 of a plan, as ``부서 이름(ID)``.

    처리담당자 is the staff member who prepared the plan (작성자), with whoever executed it when that
    is someone else who did not approve it; 처리부서장 is the approver (both, under the two-person
    rule). One person doing all of it shows in both columns — as it happened."""
    who = people(u.session, [p.created_by, executor, p.approved_by, p.second_approved_by])
    approvers = [x for x in (p.approved_by, p.second_approved_by) if x]
    handlers = [p.created_by]
    if executor and executor != p.created_by and executor not in approvers:
        handlers.append(executor)
    return (
        ", ".join(who.person(x).with_department for x in handlers),
        ", ".join(who.person(x).with_department for x in approvers),
    )


def execute_plan(
    ctx: AppContext,
    actor: Actor,
    plan_id: int,
    *,
    providers: Sequence[ExclusionProvider] | None = None,
    progress: Progress = None,
) -> ExecuteResult:
    """Destroy the plan's records in the main and the separate store and make them
    unrecoverable (파기 실행). Re-running an interrupted execution finishes it.

    ``progress(step, done, total)`` may raise to stop the run (the GUI's 취소): raised at
    ``start`` it stops before anything is deleted on both backends; on PostgreSQL also at
    ``separated`` and ``main`` (one transaction). When this call started the plan and nothing
    was committed yet, the plan goes back to ``approved`` (:func:`_back_to_approved`); a resumed
    ``executing`` plan, or a SQLite run stopped after the separate store's commit, stays
    ``executing`` so that running it again finishes it."""
    ids, fresh = _start(ctx, actor, plan_id, default_providers(ctx) if providers is None else providers)
    run = _Run()
    try:
        return _execute(ctx, actor, plan_id, ids, progress, run)
    except BaseException:
        if fresh and not run.committed:
            try:
                _back_to_approved(ctx, actor, plan_id)
            except Exception:  # the original error is the one to report
                log.exception("could not set destruction plan %s back to approved", plan_id)
        raise


@dataclass
class _Run:
    committed: bool = False  # a deletion was committed somewhere (SQLite's separate store, or the main store)


def destroy_records(
    u: Unit,
    store: sep.SeparateStore,
    ids: Sequence[int],
    plan_id: int,
    *,
    destroyed_at: dt.datetime,
    note: str = "",
    progress: Progress = None,
    copies_removed: Callable[[], None] | None = None,
) -> int:
    """The deletion itself (파기), in the caller's unit: the separate store's copies of ``ids`` are
    deleted (SQLite: its own committed transaction, first), then the main rows are emptied to a
    ``destroyed`` stub (id, uid, ``retention_until``), their phones and intakes deleted and the stubs
    re-sealed; a tombstone (uid, plan, when — no personal data) is left for each record emptied
    now, and each is logged as ``patient:<id>``. Idempotent: a record already destroyed is left
    alone. Used by :func:`execute_plan` and by the restore that re-applies a destruction to a
    backup taken before it (:mod:`privdesk.restore`); both then :func:`scrub`.
    Returns how many main rows were emptied."""
    total = len(ids)
    with store.begin(u) as conn:  # SQLite: committed first (idempotent); PostgreSQL: this transaction
        sep.remove(conn, store, ids)
    if copies_removed is not None:
        copies_removed()
    if progress is not None:
        progress("separated", total, total)
    s = u.session
    keys = proofs.keys_of(s)
    dialect = s.get_bind().dialect.name
    now = clock.now()
    destroyed = 0
    for k, part in enumerate(_chunks(ids)):
        uids = [
            str(x)
            for x in s.execute(
                select(Patient.uid).where(Patient.id.in_(part), Patient.status != STATUS_DESTROYED)
            ).scalars()
        ]
        have = (
            set(s.execute(select(Tombstone.uid).where(Tombstone.uid.in_(uids))).scalars()) if uids else set()
        )
        fresh = [x for x in uids if x not in have]
        if fresh:
            s.execute(
                insert(Tombstone),
                [{"uid": x, "plan_id": plan_id, "destroyed_at": destroyed_at} for x in fresh],
            )
        s.execute(delete(PatientPhone).where(PatientPhone.patient_id.in_(part)))
        s.execute(delete(Intake).where(Intake.patient_id.in_(part)))
        res = s.execute(
            update(Patient)
            .where(Patient.id.in_(part), Patient.status != STATUS_DESTROYED)
            .values(
                status=STATUS_DESTROYED,
                chart_no="~" + func.cast(Patient.id, Patient.chart_no.type),
                hold=False,
                hold_reason=None,
                **blank_values(dialect, now),
            )
            .execution_options(synchronize_session=False)
        )
        destroyed += int(getattr(res, "rowcount", 0) or 0)
        proofs.reseal(s.connection(), keys, PATIENT_PROOF, "patients", part)
        if progress is not None:
            progress("main", min((k + 1) * _CHUNK, total), total)
    detail = f"파기 계획 {plan_id}" + (f" ({note})" if note else "")
    for pid in ids:
        u.log(Action.DELETE, patient_ref(pid), detail=detail)
    return destroyed


def _execute(
    ctx: AppContext, actor: Actor, plan_id: int, ids: list[int], progress: Progress, run: _Run
) -> ExecuteResult:
    total = len(ids)
    with sep.open_store(ctx) as store:
        with ctx.unit(actor, Permission.DESTRUCTION_APPROVE) as u:
            p = _load(u, plan_id, lock=True)
            if p.state != PLAN_EXECUTING:  # somebody else finished it meanwhile
                raise RuleViolationError(
                    f"파기 계획 {josa(plan_id, '은/는')} 이미 {STATE_LABELS.get(p.state, p.state)} 상태입니다."
                )
            if progress is not None:
                progress("start", 0, total)  # the last point where a cancel destroys nothing on any backend
            now = clock.now()

            def copies_removed() -> None:
                run.committed = run.committed or store.is_file

            destroy_records(
                u, store, ids, plan_id, destroyed_at=now, progress=progress, copies_removed=copies_removed
            )
            s = u.session
            skipped = int(
                s.execute(
                    select(func.count())
                    .select_from(DestructionPlanItem)
                    .where(DestructionPlanItem.plan_id == plan_id, DestructionPlanItem.skipped.is_not(None))
                ).scalar_one()
            )
            p.state, p.executed_at, p.destroyed_count = PLAN_EXECUTED, now, total
            handlers, approvers = ledger_people(u, p, p.executed_by or u.actor_login)
            entry = append_entry(
                u,
                file_name=p.file_name,
                kind="전자파일",
                created=_created(p),
                destroyed_on=clock.today_kst(),
                reason=p.reason,
                item_count=total,
                method=p.method,
                executed_by=handlers,
                approved_by=approvers,
                plan_id=p.id,
                plan_hash=p.plan_hash,
            )
            u.log(
                Action.UPDATE,
                f"destruction_plan:{plan_id}",
                detail=f"executed; destroyed={total}; skipped={skipped}; ledger={entry.id}",
            )
            ledger_id = entry.id
        run.committed = True
        if progress is not None:
            progress("scrub", 0, total)  # after the commit: too late to cancel
        done = scrub(ctx, store)
    ctx.record(actor.login, Action.SYSTEM, f"destruction_plan:{plan_id}", detail=f"scrub: {done}")
    note = _catalogue(ctx, actor, plan_id)
    if progress is not None:
        progress("scrub", total, total)
    return ExecuteResult(plan_id, total, skipped, ledger_id, note)


def _catalogue(ctx: AppContext, actor: Actor, plan_id: int) -> str:
    """Copy the tombstones to the backup folder's catalogue (logged); when the folder is not set or
    cannot be written now, the next backup writes what is missing — the returned sentence says so."""
    try:
        note, ok = ctx.wiring.catalogue_after_destruction(ctx)
    except Exception:  # the destruction is done; the catalogue is the next backup's to finish
        log.exception("catalogue after destruction plan %s", plan_id)
        note, ok = "백업 폴더의 목록(카탈로그)을 쓰지 못했습니다: 다음 백업 때 기록됩니다.", False
    ctx.record(
        actor.login,
        Action.BACKUP,
        f"destruction_plan:{plan_id}",
        outcome=Outcome.OK if ok else Outcome.FAILED,
        detail=f"catalogue: {note}",
    )
    return note


def _created(p: DestructionPlan) -> str:
    if p.created_first is None:
        return ""
    if p.created_last is None or p.created_last == p.created_first:
        return p.created_first.isoformat()
    return f"{p.created_first.isoformat()} ~ {p.created_last.isoformat()}"


def _scrub_sqlite(engine: Engine) -> None:
    raw = engine.raw_connection()  # autocommit (pysqlite's isolation_level is None): VACUUM needs it
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA secure_delete = ON")
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cur.execute("VACUUM")
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cur.close()
    finally:
        raw.close()


PG_TABLES = (
    "patients",
    "patient_phones",
    "intakes",
    "separated.patients",
    "separated.patient_phones",
    "separated.intakes",
)


def _scrub_postgresql(engine: Engine) -> str:
    """``VACUUM FULL`` of the affected tables, then (superuser only) their planner statistics.

    Plain ``VACUUM`` is not enough: measured on PostgreSQL 15, the dead tuples' bytes (name,
    resident-number and address ciphertexts) stay in the free space of the heap pages and the
    name indexes after it. ``VACUUM FULL`` rewrites each table and its indexes into new files
    (the old files are truncated at commit) — at the price of an exclusive lock on the table
    for the rewrite: the registry waits on every workstation while it runs.

    ``ANALYZE`` keeps sample values (histogram bounds, most common values) of every column in
    ``pg_catalog.pg_statistic``, names and ciphertexts included, and does not touch them when the
    table is empty (e.g. the separate store after its last record was destroyed). Only a
    superuser may delete those rows and rewrite that catalog; other roles get a note in the
    returned summary (and in the access log).
    Not reached from here: the WAL (old page images until the segments are recycled and
    overwritten), archived WAL, backups and replicas — the database administrator's part."""
    tables = ", ".join(f"'{t}'::regclass" for t in PG_TABLES)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in PG_TABLES:
            conn.exec_driver_sql(f"VACUUM (FULL) {table}")
        superuser = conn.exec_driver_sql("SELECT current_setting('is_superuser')").scalar_one() == "on"
        if superuser:
            conn.exec_driver_sql(f"DELETE FROM pg_catalog.pg_statistic WHERE starelid IN ({tables})")
        for table in PG_TABLES:
            conn.exec_driver_sql(f"ANALYZE {table}")
        if superuser:
            conn.exec_driver_sql("VACUUM (FULL) pg_catalog.pg_statistic")
    return (
        "vacuum full; statistics cleared"
        if superuser
        else "vacuum full; statistics not cleared (needs a superuser)"
    )


def scrub(ctx: AppContext, store: sep.SeparateStore) -> str:
    """Unrecoverability steps after a destruction (복구 불가 조치), both stores; returns what was
    done (for the access log). On SQLite also wipes a backup's plaintext snapshot that a killed
    backup left beside the database (:func:`privdesk.backup.snapshot.wipe_stale`)."""
    if is_sqlite(ctx.engine):
        _scrub_sqlite(ctx.engine)
        if store.engine is not None:
            _scrub_sqlite(store.engine)
        main = sqlite_path(ctx.engine.url.render_as_string(hide_password=False))
        wiped = ctx.wiring.wipe_stale_snapshots(main.parent) if main is not None else 0
        return "checkpoint+vacuum" + (f"; stale backup snapshots wiped={wiped}" if wiped else "")
    return _scrub_postgresql(ctx.engine)


def destroyed_count(ctx: AppContext, actor: Actor) -> int:
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        return int(
            u.session.execute(
                select(func.count()).select_from(Patient).where(Patient.status == STATUS_DESTROYED)
            ).scalar_one()
        )
