"""The records of a destruction plan as the officer reviews them before approval (파기 대상 확인).

A plan is approved from what it will destroy, not from its counts: :func:`plan_records` returns one
page of the plan's records (차트번호, masked name, 최종 내원일, the retention rule and its end, days
past the destruction deadline) or of its exclusions (the same, with the hold's reason), read from
the main database or, for a separated record, from the separate store (분리보관). Each record
shown is logged as a view of personal data (``patient:<id>``, detail ``destruction_plan:<n>``),
like the separated-records list; the page itself is logged on the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext, Unit
from privdesk.deadline import overdue_days
from privdesk.errors import NotFoundError, ValidationError
from privdesk.lifecycle import store as sep
from privdesk.lifecycle.models import DestructionPlan, DestructionPlanExclusion, DestructionPlanItem
from privdesk.personal import mask_name
from privdesk.registry.api import STATUS_DESTROYED, STATUS_SEPARATED, Patient, patient_ref

PAGE_MAX = 500
_CHUNK = 500


class RecordList(StrEnum):
    ITEMS = "items"  # 파기 대상
    EXCLUSIONS = "exclusions"  # 파기 제외


@dataclass(frozen=True)
class PlanRecord:
    """One record of a plan, masked: what the officer sees before approving."""

    patient_id: int
    chart_no: str
    name_masked: str
    last_visit: dt.date | None  # None: not readable any more (destroyed)
    retention_until: dt.date | None  # None for an exclusion whose record is gone
    rule: str  # the retention rule the plan applied (e.g. "최종 내원일로부터 5년")
    overdue_days: int = 0  # days past the destruction deadline (items only)
    reason: str = ""  # why excluded (exclusions: 처리정지/법적 보존 + the hold's reason) or skipped
    place: str = ""  # 운영 DB / 분리보관 / 파기됨

    @property
    def ref(self) -> str:
        return patient_ref(self.patient_id)


@dataclass(frozen=True)
class PlanRecordPage:
    plan_id: int
    which: str
    offset: int
    total: int
    rows: tuple[PlanRecord, ...]

    @property
    def last(self) -> int:
        """The 1-based number of the last row shown (0 when empty)."""
        return self.offset + len(self.rows)


def _rule_text(criteria: str) -> str:
    """The rule as the plan wrote it (its criteria start with the rule's text)."""
    head, sep_, _rest = criteria.partition(" 보유기간이 끝난 기록")
    return head if sep_ else criteria


def _people(
    u: Unit, store: sep.SeparateStore, ids: Sequence[int]
) -> dict[int, tuple[str, str, dt.date | None, str]]:
    """chart_no, name, last visit and where, for each id (main rows; separated ones from the store)."""
    out: dict[int, tuple[str, str, dt.date | None, str]] = {}
    separated: list[int] = []
    for i in range(0, len(ids), _CHUNK):
        part = list(ids[i : i + _CHUNK])
        for pid, chart, name, last, status in u.session.execute(
            select(Patient.id, Patient.chart_no, Patient.name, Patient.last_visit, Patient.status).where(
                Patient.id.in_(part)
            )
        ):
            if status == STATUS_SEPARATED:
                separated.append(int(pid))
                out[int(pid)] = (chart, "", None, "분리보관")
            elif status == STATUS_DESTROYED:
                out[int(pid)] = (chart, "", None, "파기됨")
            else:
                out[int(pid)] = (chart, name, last, "운영 DB")
    if separated:
        t = store.patients
        with store.read(u) as conn:
            for i in range(0, len(separated), _CHUNK):
                for pid, chart, name, last in conn.execute(
                    select(t.c.id, t.c.chart_no, t.c.name, t.c.last_visit).where(
                        t.c.id.in_(separated[i : i + _CHUNK])
                    )
                ):
                    out[int(pid)] = (chart, name, last, "분리보관")
    return out


def plan_records(
    ctx: AppContext,
    actor: Actor,
    plan_id: int,
    which: str = RecordList.ITEMS,
    *,
    offset: int = 0,
    limit: int = 200,
) -> PlanRecordPage:
    """One page of a plan's records (``items``: what it destroys, the most overdue first) or of its
    exclusions (``exclusions``: the held records with the hold's reason), masked. Each record shown
    is logged as a view (개인정보 조회)."""
    if which not in (RecordList.ITEMS, RecordList.EXCLUSIONS):
        raise ValidationError("which", "파기 대상 또는 파기 제외 목록을 고르십시오.")
    if offset < 0:
        raise ValidationError("offset", "목록의 시작 위치가 올바르지 않습니다.")
    limit = max(1, min(limit, PAGE_MAX))
    deadline_days = ctx.profile.destruction_days
    with sep.open_store(ctx) as store, ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        p = u.session.get(DestructionPlan, plan_id)
        if p is None:
            raise NotFoundError("파기 계획", str(plan_id))
        rule = _rule_text(p.criteria)
        day = clock.to_kst(p.executed_at).date() if p.executed_at is not None else clock.today_kst()
        rows: list[Any]
        if which == RecordList.ITEMS:
            item = DestructionPlanItem
            total = int(
                u.session.execute(
                    select(func.count()).select_from(item).where(item.plan_id == plan_id)
                ).scalar_one()
            )
            rows = list(
                u.session.execute(
                    select(item.patient_id, item.retention_until, item.skipped)
                    .where(item.plan_id == plan_id)
                    .order_by(item.retention_until, item.patient_id)
                    .offset(offset)
                    .limit(limit)
                )
            )
            ids = [int(r[0]) for r in rows]
        else:
            ex = DestructionPlanExclusion
            total = int(
                u.session.execute(
                    select(func.count()).select_from(ex).where(ex.plan_id == plan_id)
                ).scalar_one()
            )
            rows = list(
                u.session.execute(
                    select(ex.subject, ex.reason)
                    .where(ex.plan_id == plan_id)
                    .order_by(ex.subject)
                    .offset(offset)
                    .limit(limit)
                )
            )
            ids = [int(s[8:]) for s, _r in rows if str(s).startswith("patient:")]
        found = _people(u, store, ids)
        until_of: dict[int, dt.date] = {}
        if which == RecordList.EXCLUSIONS and ids:
            for i in range(0, len(ids), _CHUNK):
                until_of.update(
                    {
                        int(a): b
                        for a, b in u.session.execute(
                            select(Patient.id, Patient.retention_until).where(
                                Patient.id.in_(ids[i : i + _CHUNK])
                            )
                        )
                    }
                )
        out: list[PlanRecord] = []
        if which == RecordList.ITEMS:
            for pid, until, skipped in rows:
                chart, name, last, place = found.get(int(pid), ("", "", None, ""))
                out.append(
                    PlanRecord(
                        int(pid),
                        chart,
                        mask_name(name) if name else "",
                        last,
                        until,
                        rule,
                        overdue_days(until, day, deadline_days),
                        skipped or "",
                        place,
                    )
                )
        else:
            for subject, reason in rows:
                if not str(subject).startswith("patient:"):
                    continue
                pid = int(str(subject)[8:])
                chart, name, last, place = found.get(pid, ("", "", None, ""))
                out.append(
                    PlanRecord(
                        pid,
                        chart,
                        mask_name(name) if name else "",
                        last,
                        until_of.get(pid),
                        rule,
                        0,
                        reason,
                        place,
                    )
                )
        for rec in out:
            u.log(Action.VIEW, rec.ref, detail=f"destruction_plan:{plan_id}")
        u.log(
            Action.VIEW,
            f"destruction_plan:{plan_id}",
            detail=f"{which} {offset + 1}-{offset + len(out)}/{total}",
        )
        return PlanRecordPage(plan_id, str(which), offset, total, tuple(out))
