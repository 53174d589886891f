"""오늘 할 일 (today's work): what needs doing now, for the first screen after login.

:func:`collect` opens one read-only transaction for the acting account (no permission of its own: the
account is re-read and its permissions re-checked from the database, as every unit does), runs
every provider in :data:`PROVIDERS` in it, and returns their :class:`WorkItem` lines, the most
urgent first. Each provider checks its own permission on those permissions and reads counts,
dates and record numbers only — never a name, a phone or a resident number — so ``collect``
writes **no** access-log entry: opening an item (the screen it names) is what gets logged. It
writes nothing else either (no seeding: a provider only reads) — the unit is ``read_only``, so
the database refuses a write and an entry raises; on SQLite it does not take the write lock.

A provider is a function ``(Probe) -> list[WorkItem]``; adding one is one line in
:data:`PROVIDERS`. A provider that must call another domain's use case (which opens its own
``ctx.unit``) is marked :func:`own_unit`: it runs after the shared transaction has closed (a
unit is a transaction of its own; an ordinary one on SQLite takes the write lock — ``BEGIN
IMMEDIATE`` — and could not nest in another). It checks ``probe.may(...)`` first, so a refusal is never
logged for an account that simply does not have that work, and the use case it calls must not
log either. For example::

    @own_unit
    def review_items(p: Probe) -> list[WorkItem]:
        if not p.may(Permission.AUDIT_READ):
            return []
        pending = review.pending(p.ctx, p.actor)
        ...

The queries are the indexed ones the domains' start-page summaries use (request state and due
date, plan state, ``patients.retention_until``); the destruction counts stop at
:data:`COUNT_CAP` (the lifecycle screen gives exact figures), so the start screen stays fast at
a million patients (``tests/bench/test_bench_today.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from privdesk import clock, workflow
from privdesk.accounts.permissions import Permission
from privdesk.backup.backups import status_in as backup_status_in
from privdesk.cctv import requests as cctv_requests
from privdesk.cctv.models import CctvHold
from privdesk.cctv.retention import hold_active_on, overwritable_through
from privdesk.complaints import desk as complaints
from privdesk.complaints.models import Complaint
from privdesk.consent.purposes import purposes_from as consent_purposes_from
from privdesk.consent.records import outdated_count
from privdesk.consent.texts import in_force as consent_in_force
from privdesk.context import Actor, AppContext, Unit, permissions_of
from privdesk.deadline import overdue_cutoff
from privdesk.disclosures.models import Processor
from privdesk.disclosures.processors import ENDING_SOON_DAYS
from privdesk.incidents import register as incidents
from privdesk.incidents.rules import Urgency as Clock
from privdesk.lifecycle.files import legal_hold_ids
from privdesk.lifecycle.models import (
    PLAN_APPROVED,
    PLAN_DRAFT,
    PLAN_EXECUTING,
    PLAN_PARTLY_APPROVED,
    DestructionPlan,
)
from privdesk.notice.usecases import status_in as notice_status_in
from privdesk.policy.document import CATEGORY_LABELS
from privdesk.policy.versions import outdated as policy_changes
from privdesk.registry.models import STATUS_ACTIVE, STATUS_SEPARATED, Patient
from privdesk.review import Month
from privdesk.review import pending as review_pending
from privdesk.rights import requests as rights
from privdesk.rights.models import CorrectionNotice, SubjectRequest
from privdesk.store.models import Account
from privdesk.training.api import statuses as training_statuses

Tone = Literal["overdue", "soon", "calm"]
OVERDUE: Tone = "overdue"
SOON: Tone = "soon"
CALM: Tone = "calm"
TONE_ORDER: dict[str, int] = {OVERDUE: 0, SOON: 1, CALM: 2}
COUNT_CAP = 10_000  # the destruction counts stop here ("10,000건 이상")
NUMBERS_SHOWN = 3  # record numbers named in a line; the rest are counted


@dataclass(frozen=True)
class WorkItem:
    """One line of 오늘 할 일. ``text`` is Korean with counts and record numbers only (no personal
    data); ``page`` is the key of the screen that does the work (:mod:`privdesk.ui.pages`);
    ``permission`` the one the provider checked (None: every account)."""

    key: str
    text: str
    count: int
    tone: Tone
    page: str
    permission: Permission | None


@dataclass(frozen=True)
class Probe:
    """What a provider reads with: the one transaction of :func:`collect`, the account's
    permissions as the database has them now, and the day (KST)."""

    ctx: AppContext
    actor: Actor
    unit: Unit
    permissions: frozenset[str]
    today: dt.date
    now: dt.datetime

    @property
    def session(self) -> Session:
        """The shared transaction's session (not for :func:`own_unit` providers: it is closed)."""
        return self.unit.session

    def may(self, permission: Permission) -> bool:
        return str(permission) in self.permissions


Provider = Callable[[Probe], list[WorkItem]]
OWN_UNIT = "privdesk_today_own_unit"


def own_unit(provider: Provider) -> Provider:
    """Mark ``provider`` as one that opens its own unit (see the module docstring)."""
    setattr(provider, OWN_UNIT, True)
    return provider


def runs_in_own_unit(provider: Provider) -> bool:
    return bool(getattr(provider, OWN_UNIT, False))


def numbers(values: Sequence[str], limit: int = NUMBERS_SHOWN) -> str:
    """``DR-2026-0001, DR-2026-0002 외 3건``."""
    shown = ", ".join(values[:limit])
    rest = len(values) - limit
    return f"{shown} 외 {rest}건" if rest > 0 else shown


# -- data-subject and CCTV requests -----------------------------------------------------------------
def _clock_items(
    key: str,
    what: str,
    page: str,
    permission: Permission,
    clocks: Sequence[workflow.OpenClock],
    today: dt.date,
) -> list[WorkItem]:
    late = [c for c in clocks if c.urgency == workflow.Urgency.OVERDUE]
    soon = [c for c in clocks if c.urgency == workflow.Urgency.DUE_SOON]
    calm = len(clocks) - len(late) - len(soon)
    items = []
    if late:
        worst = max((today - c.due).days for c in late)
        items.append(
            WorkItem(
                f"{key}.overdue",
                f"처리 기한이 지난 {what} {len(late)}건 — 가장 늦은 건은 {worst}일 "
                f"지났습니다 ({numbers([c.number for c in late])}). 바로 처리하십시오.",
                len(late),
                OVERDUE,
                page,
                permission,
            )
        )
    if soon:
        first = min((c.due - today).days for c in soon)
        left = "오늘까지" if first == 0 else f"{first}일 남음"
        items.append(
            WorkItem(
                f"{key}.soon",
                f"처리 기한이 {workflow.DUE_SOON_DAYS}일 안에 끝나는 {what} {len(soon)}건 "
                f"({numbers([c.number for c in soon])}; 가장 이른 기한 {left}).",
                len(soon),
                SOON,
                page,
                permission,
            )
        )
    if calm:
        items.append(
            WorkItem(f"{key}.open", f"기한 안에 처리 중인 {what} {calm}건.", calm, CALM, page, permission)
        )
    return items


def subject_requests(p: Probe) -> list[WorkItem]:
    """Overdue, due-soon and open data-subject requests (정보주체 요구)."""
    if not p.may(Permission.REQUEST_HANDLE):
        return []
    return _clock_items(
        "requests",
        "정보주체 요구",
        "requests",
        Permission.REQUEST_HANDLE,
        rights.open_clocks(p.session, p.today),
        p.today,
    )


def cctv_viewing_requests(p: Probe) -> list[WorkItem]:
    """Overdue, due-soon and open CCTV viewing requests (영상 열람 등 청구)."""
    if not p.may(Permission.CCTV_MANAGE):
        return []
    return _clock_items(
        "cctv_requests",
        "영상정보 열람 청구",
        "cctv",
        Permission.CCTV_MANAGE,
        cctv_requests.open_clocks(p.session, p.today),
        p.today,
    )


def correction_notices(p: Probe) -> list[WorkItem]:
    """Correction notices (정정 통지) to earlier recipients not yet recorded as sent."""
    if not p.may(Permission.REQUEST_HANDLE):
        return []
    rows = p.session.execute(
        select(SubjectRequest.id, SubjectRequest.received_at, func.count())
        .join(CorrectionNotice, CorrectionNotice.request_id == SubjectRequest.id)
        .where(CorrectionNotice.sent_at.is_(None))
        .group_by(SubjectRequest.id, SubjectRequest.received_at)
        .order_by(SubjectRequest.id)
    ).all()
    if not rows:
        return []
    total = sum(int(n) for _i, _a, n in rows)
    nums = [rights.request_number(rid, at) for rid, at, _n in rows]
    return [
        WorkItem(
            "requests.notices",
            f"보내지 않은 정정 통지 {total}건 (요구 {numbers(nums)}) — 통지하고 발송을 기록하십시오.",
            total,
            SOON,
            "requests",
            Permission.REQUEST_HANDLE,
        )
    ]


# -- retention and destruction --------------------------------------------------------------------
def destruction_plans(p: Probe) -> list[WorkItem]:
    """Plans waiting for this approver's approval; approved plans waiting to be executed, and
    executions that stopped half-way."""
    rows = p.session.execute(
        select(DestructionPlan.id, DestructionPlan.state, DestructionPlan.approved_by)
        .where(DestructionPlan.state.in_((PLAN_DRAFT, PLAN_PARTLY_APPROVED, PLAN_APPROVED, PLAN_EXECUTING)))
        .order_by(DestructionPlan.id)
    ).all()
    items = []
    if p.may(Permission.DESTRUCTION_APPROVE):
        waiting = [
            f"{pid}번"
            for pid, state, by in rows
            if state == PLAN_DRAFT or (state == PLAN_PARTLY_APPROVED and by != p.actor.login)
        ]
        if waiting:
            items.append(
                WorkItem(
                    "plans.approve",
                    f"승인을 기다리는 파기 계획 {len(waiting)}건 ({numbers(waiting)}).",
                    len(waiting),
                    SOON,
                    "lifecycle",
                    Permission.DESTRUCTION_APPROVE,
                )
            )
    if p.may(Permission.DESTRUCTION_PLAN):
        stopped = [f"{pid}번" for pid, state, _by in rows if state == PLAN_EXECUTING]
        if stopped:
            items.append(
                WorkItem(
                    "plans.stopped",
                    f"실행이 중단된 파기 계획 {len(stopped)}건 ({numbers(stopped)}) — "
                    "다시 실행해 마치십시오.",
                    len(stopped),
                    OVERDUE,
                    "lifecycle",
                    Permission.DESTRUCTION_PLAN,
                )
            )
        approved = [f"{pid}번" for pid, state, _by in rows if state == PLAN_APPROVED]
        if approved:
            items.append(
                WorkItem(
                    "plans.execute",
                    f"승인되어 실행을 기다리는 파기 계획 {len(approved)}건 ({numbers(approved)}).",
                    len(approved),
                    SOON,
                    "lifecycle",
                    Permission.DESTRUCTION_PLAN,
                )
            )
    return items


def _capped(session: Session, *conditions: object) -> int:
    inner = select(Patient.id).where(*conditions).limit(COUNT_CAP).subquery()  # type: ignore[arg-type]
    return int(session.execute(select(func.count()).select_from(inner)).scalar_one())


def _count_text(n: int) -> str:
    return f"{COUNT_CAP:,}건 이상" if n >= COUNT_CAP else f"{n:,}건"


def records_due(p: Probe) -> list[WorkItem]:
    """Records whose retention ended (파기 대상) and those past the destruction deadline (파기 기한
    경과), as :func:`privdesk.lifecycle.files.overdue_destruction` counts them (alive, no
    processing or legal hold) — on the ``retention_until`` index, stopping at :data:`COUNT_CAP`."""
    if not p.may(Permission.DESTRUCTION_PLAN):
        return []
    days = p.ctx.profile.destruction_days
    cutoff = overdue_cutoff(p.today, days)
    base = [Patient.status.in_((STATUS_ACTIVE, STATUS_SEPARATED)), Patient.hold.is_(False)]
    legal = sorted(legal_hold_ids(p.unit))
    if legal:
        base.append(Patient.id.not_in(legal))
    late = _capped(p.session, Patient.retention_until < cutoff, *base)
    due = _capped(p.session, Patient.retention_until >= cutoff, Patient.retention_until < p.today, *base)
    items = []
    if late:
        oldest = p.session.execute(
            select(Patient.retention_until)
            .where(Patient.retention_until < cutoff, *base)
            .order_by(Patient.retention_until)
            .limit(1)
        ).scalar_one()
        worst = (cutoff - oldest).days
        items.append(
            WorkItem(
                "records.overdue",
                f"파기 기한(보유기간 종료 후 {days}일)이 지난 기록 {_count_text(late)} — "
                f"가장 오래된 기록은 기한을 {worst:,}일 넘겼습니다. 파기 계획을 만드십시오.",
                late,
                OVERDUE,
                "lifecycle",
                Permission.DESTRUCTION_PLAN,
            )
        )
    if due:
        items.append(
            WorkItem(
                "records.due",
                f"보유기간이 끝나 파기할 기록 {_count_text(due)} — 파기 기한 안에 있습니다.",
                due,
                SOON,
                "lifecycle",
                Permission.DESTRUCTION_PLAN,
            )
        )
    return items


# -- CCTV footage, processors, backups ------------------------------------------------------------
def footage_held(p: Probe) -> list[WorkItem]:
    """Evidence holds (보존 연장) in force that keep footage past the retention period: each is
    to be ended when no longer needed."""
    if not p.may(Permission.CCTV_MANAGE):
        return []
    through = overwritable_through(p.today, p.ctx.profile.cctv.retention_days)
    holds = [
        h
        for h in p.session.execute(
            select(CctvHold).where(CctvHold.ended_at.is_(None)).order_by(CctvHold.id)
        ).scalars()
        if hold_active_on(h, p.today) and clock.kst_day(h.window_start) <= through
    ]
    if not holds:
        return []
    return [
        WorkItem(
            "cctv.holds",
            f"보관기간이 지난 영상을 보존 연장 중인 건 {len(holds)}건 (보존 연장 "
            f"{numbers([f'{h.id}번' for h in holds])}) — 계속 필요한지 확인하고, 필요 없으면 종료하십시오.",
            len(holds),
            CALM,
            "cctv",
            Permission.CCTV_MANAGE,
        )
    ]


def processor_contracts(p: Probe) -> list[WorkItem]:
    """Processors (수탁업체) whose contract ends within 30 days, or ended while still active."""
    if not p.may(Permission.PROCESSOR_MANAGE):
        return []
    ends = sorted(
        d
        for d in p.session.execute(
            select(Processor.contract_end).where(
                Processor.active.is_(True),
                Processor.contract_end.is_not(None),
                Processor.contract_end <= p.today + dt.timedelta(days=ENDING_SOON_DAYS),
            )
        ).scalars()
        if d is not None
    )
    ended = [d for d in ends if d < p.today]
    ending = [d for d in ends if d >= p.today]
    items = []
    if ended:
        items.append(
            WorkItem(
                "processors.ended",
                f"위탁계약이 끝났는데 사용 중으로 되어 있는 수탁업체 {len(ended)}곳 — "
                "계약을 갱신했으면 종료일을 고치고, 끝났으면 위탁을 종료하고 파기·반환을 확인하십시오.",
                len(ended),
                OVERDUE,
                "processors",
                Permission.PROCESSOR_MANAGE,
            )
        )
    if ending:
        left = (ending[0] - p.today).days
        items.append(
            WorkItem(
                "processors.ending",
                f"위탁계약이 {ENDING_SOON_DAYS}일 안에 끝나는 수탁업체 {len(ending)}곳 "
                f"(가장 이른 종료 {ending[0].isoformat()}, {left}일 남음).",
                len(ending),
                SOON,
                "processors",
                Permission.PROCESSOR_MANAGE,
            )
        )
    return items


def _age(delta: dt.timedelta) -> str:
    hours = max(0, int(delta.total_seconds() // 3600))
    days, hours = divmod(hours, 24)
    return f"{days}일 {hours}시간" if days else f"{hours}시간"


def backup_age(p: Probe) -> list[WorkItem]:
    """The last good backup, when older than the schedule allows (or none, or no folder). The
    start screen's backup box (with 지금 백업) shows the same, so the screen lists it only there."""
    if not p.may(Permission.BACKUP):
        return []
    s = backup_status_in(p.unit, p.ctx)
    if not s.overdue(p.now):
        return []
    if s.folder is None:
        text = "백업 폴더가 설정되지 않아 백업하지 않습니다."
    elif s.last_at is None:
        text = "아직 백업이 없습니다. 지금 백업하십시오."
    else:
        text = (
            f"마지막 백업이 {_age(p.now - s.last_at)} 전으로 백업 일정보다 오래되었습니다. 지금 백업하십시오."
        )
    return [WorkItem("backup.age", text, 1, OVERDUE, "today", Permission.BACKUP)]


# -- breaches and complaints -------------------------------------------------------------------
def incident_clocks(p: Probe) -> list[WorkItem]:
    """Open breaches' 72-hour clocks (the start screen's incident box shows them hour by hour)."""
    if not p.may(Permission.INCIDENT_HANDLE):
        return []
    rows = incidents.rows_of(p.session, open_only=True)
    if not rows:
        return []
    late = [r.number for r in rows if r.urgency(p.now) == Clock.LATE]
    soon = [r.number for r in rows if r.urgency(p.now) == Clock.SOON]
    if late:
        text, tone = (
            f"대응 중인 유출 사고 {len(rows)}건 — 통지·신고 기한이 지난 사고 {numbers(late)}.",
            OVERDUE,
        )
    elif soon:
        text, tone = (
            f"대응 중인 유출 사고 {len(rows)}건 — 통지·신고 기한이 24시간 안에 끝나는 사고 {numbers(soon)}.",
            SOON,
        )
    else:
        text, tone = f"대응 중인 유출 사고 {len(rows)}건 — 통지·신고 기한 안에 있습니다.", CALM
    return [WorkItem("incidents.clock", text, len(rows), tone, "incidents", Permission.INCIDENT_HANDLE)]


def complaints_due(p: Probe) -> list[WorkItem]:
    """Overdue and due-soon complaints (개인정보 침해 신고·상담), by number only."""
    if not p.may(Permission.INCIDENT_HANDLE):
        return []
    open_ = list(
        p.session.execute(
            select(Complaint)
            .where(Complaint.state == complaints.OPEN)
            .order_by(Complaint.due_date, Complaint.id)
        ).scalars()
    )
    late = [
        complaints.complaint_number(c.id, c.received_at)
        for c in open_
        if complaints.urgency(c, p.today) == workflow.Urgency.OVERDUE
    ]
    soon = [
        complaints.complaint_number(c.id, c.received_at)
        for c in open_
        if complaints.urgency(c, p.today) == workflow.Urgency.DUE_SOON
    ]
    items = []
    if late:
        items.append(
            WorkItem(
                "complaints.overdue",
                f"처리 기한이 지난 개인정보 침해 신고·상담 {len(late)}건 ({numbers(late)}).",
                len(late),
                OVERDUE,
                "complaints",
                Permission.INCIDENT_HANDLE,
            )
        )
    if soon:
        items.append(
            WorkItem(
                "complaints.soon",
                f"처리 기한이 {complaints.DUE_SOON_DAYS}일 안에 끝나는 개인정보 침해 "
                f"신고·상담 {len(soon)}건 ({numbers(soon)}).",
                len(soon),
                SOON,
                "complaints",
                Permission.INCIDENT_HANDLE,
            )
        )
    return items


# -- the monthly access-log review (접속기록 점검, 고시 제8조②) ------------------------------------------
REVIEW_PAGE = "review"
POLICY_PAGE = "policy"
ANSWER_PAGE = "review.answer"  # not a page: the start screen opens the answer dialog itself


@own_unit
def monthly_review(p: Probe) -> list[WorkItem]:
    """The reviewer's unsigned previous month (from the reminder day on), answers waiting for a
    decision, 소명 requests past their deadline; for every account, the 소명 requests addressed to it."""
    r = review_pending(p.ctx, p.actor, p.today)
    items: list[WorkItem] = []
    if r.to_answer:
        late = [j for j in r.to_answer if j.overdue]
        due = min(j.due for j in r.to_answer)
        items.append(
            WorkItem(
                "review.to_answer",
                f"접속기록 점검에서 소명을 요청받았습니다: {len(r.to_answer)}건 "
                f"({'기한이 지난 것 ' + str(len(late)) + '건' if late else '답변 기한 ' + due.isoformat()}).",
                len(r.to_answer),
                OVERDUE if late else SOON,
                ANSWER_PAGE,
                None,
            )
        )
    if not p.may(Permission.AUDIT_REVIEW):
        return items
    if r.unsigned_month is not None and r.remind:
        label = Month.parse(r.unsigned_month).label()
        items.append(
            WorkItem(
                "review.unsigned",
                f"{label} 접속기록 점검이 아직 서명되지 않았습니다 (매월 1회 이상 점검).",
                1,
                SOON,
                REVIEW_PAGE,
                Permission.AUDIT_REVIEW,
            )
        )
    if r.overdue_sent:
        items.append(
            WorkItem(
                "review.overdue",
                f"답변 기한이 지난 소명 요청 {r.overdue_sent}건이 있습니다.",
                r.overdue_sent,
                OVERDUE,
                REVIEW_PAGE,
                Permission.AUDIT_REVIEW,
            )
        )
    if r.to_decide:
        items.append(
            WorkItem(
                "review.to_decide",
                f"검토를 기다리는 소명 답변 {r.to_decide}건이 있습니다.",
                r.to_decide,
                SOON,
                REVIEW_PAGE,
                Permission.AUDIT_REVIEW,
            )
        )
    return items


def policy_outdated(p: Probe) -> list[WorkItem]:
    """The published privacy policy no longer states what privdesk holds (processors, cameras,
    retention rules, contacts). A few small tables, read only; 열기 opens the policy screen."""
    if not p.may(Permission.POLICY_MANAGE):
        return []
    found = policy_changes(p.session, p.ctx.profile)
    if not found:
        return []
    what = ", ".join(CATEGORY_LABELS.get(c.category, c.category) for c in found)
    return [
        WorkItem(
            "policy.outdated",
            f"게시된 개인정보 처리방침이 현재 자료와 다릅니다: {what} — 새 초안을 만들어 "
            "비교하고 게시하십시오.",
            len(found),
            SOON,
            POLICY_PAGE,
            Permission.POLICY_MANAGE,
        )
    ]


# -- staff training and the yearly usage notice (issue 16) ------------------------------------------
TRAINING_PAGE = "training"
NOTICE_PAGE = "notice"


def training_overdue(p: Probe) -> list[WorkItem]:
    """Accounts overdue for 개인정보 보호 교육 (the profile's interval after their last training, or
    after the account's creation when never trained), named with the day they fell due: staff
    accounts only, never a data subject."""
    if not p.may(Permission.TRAINING_MANAGE):
        return []
    late = [s for s in training_statuses(p.session, p.ctx.profile, p.today) if s.overdue]
    if not late:
        return []
    named = numbers(
        [f"{s.name} ({s.due.isoformat()} 기한 경과{', 이수 기록 없음' if s.never else ''})" for s in late]
    )
    return [
        WorkItem(
            "training.overdue",
            f"개인정보 보호 교육 기한이 지난 직원 {len(late)}명: {named} — 교육을 실시하고 이수를 기록하십시오.",
            len(late),
            OVERDUE,
            TRAINING_PAGE,
            Permission.TRAINING_MANAGE,
        )
    ]


def usage_notice(p: Probe) -> list[WorkItem]:
    """The yearly usage notice (이용·제공 내역 통지, 법 제20조의2) when the duty applies: last year's
    batch never made (overdue), this year's not yet made from the reminder day (due soon). Counts
    only."""
    if not p.may(Permission.NOTICE_MANAGE):
        return []
    now = notice_status_in(p.session, p.ctx.profile, p.today, capped=True)
    if not now.applies:
        return []
    last = notice_status_in(p.session, p.ctx.profile, p.today, p.today.year - 1, capped=True)
    first_use = p.session.execute(select(func.min(Account.created_at))).scalar_one_or_none()
    used_last_year = first_use is not None and clock.kst_day(first_use).year <= last.year
    items = []
    if last.applies and not last.done and used_last_year:  # not for a year before privdesk was in use
        items.append(
            WorkItem(
                "notice.overdue",
                f"{last.year}년 개인정보 이용·제공 내역 통지를 하지 않았습니다 (연 1회, 법 제20조의2) — "
                f"{now.count_text}. 통지문을 만들어 보내십시오.",
                1,
                OVERDUE,
                NOTICE_PAGE,
                Permission.NOTICE_MANAGE,
            )
        )
    if now.due_soon:
        items.append(
            WorkItem(
                "notice.due",
                f"올해({now.year}년) 개인정보 이용·제공 내역 통지를 아직 하지 않았습니다 (연내 통지) — "
                f"{now.count_text}.",
                1,
                SOON,
                NOTICE_PAGE,
                Permission.NOTICE_MANAGE,
            )
        )
    return items


# -- consent texts (issue 16) -------------------------------------------------------------------------
CONSENT_PAGE = "consent"


def consent_outdated(p: Probe) -> list[WorkItem]:
    """A consent text published with fresh consent (새 동의 필요) took effect and patients who had
    consented to an earlier version have not consented again: per purpose, the count only
    (:func:`privdesk.consent.records.outdated_count`)."""
    if not p.may(Permission.CONSENT_MANAGE):
        return []
    items = []
    for purpose in consent_purposes_from(p.ctx.profile.raw):
        n = outdated_count(p.session, purpose.code, p.today)
        if not n:
            continue
        current = consent_in_force(p.session, purpose.code, p.today)
        since = (
            f"제{current.version}판(시행 {current.effective_date.isoformat()})"
            if current is not None and current.effective_date is not None
            else "새 판"
        )
        items.append(
            WorkItem(
                f"consent.outdated.{purpose.code}",
                f"'{purpose.name}' 동의서 문안 {since}으로 동의 목적이 바뀌어, 이전 판에 동의한 환자 "
                f"{n:,}명의 동의가 효력을 잃었습니다 — 다시 동의를 받기 전에는 연락 명단에서 빠집니다.",
                n,
                SOON,
                CONSENT_PAGE,
                Permission.CONSENT_MANAGE,
            )
        )
    return items


PROVIDERS: tuple[Provider, ...] = (
    subject_requests,
    cctv_viewing_requests,
    correction_notices,
    incident_clocks,
    complaints_due,
    destruction_plans,
    records_due,
    footage_held,
    processor_contracts,
    backup_age,
    monthly_review,
    policy_outdated,
    training_overdue,
    usage_notice,
    consent_outdated,
)


def collect(
    ctx: AppContext, actor: Actor, today: dt.date | None = None, *, providers: Sequence[Provider] = PROVIDERS
) -> list[WorkItem]:
    """오늘 할 일 of ``actor``: the providers' items, read in one transaction (then the
    :func:`own_unit` providers, each in the unit of the use case it calls), the overdue first, then
    the due-soon, then the rest (each group in provider order). No access-log entry."""
    today = today or clock.today_kst()
    shared = [p for p in providers if not runs_in_own_unit(p)]
    # read-only: a provider only reads counts (see the module docstring) — the database refuses a
    # write, an access-log entry raises, and the start screen never holds the write lock
    with ctx.unit(actor, read_only=True) as u:
        perms = permissions_of(u.session, u.account) if u.account is not None else frozenset()
        probe = Probe(ctx, actor, u, perms, today, clock.now())
        items = [item for provider in shared for item in provider(probe)]
    items += [item for provider in providers if runs_in_own_unit(provider) for item in provider(probe)]
    return sorted(items, key=lambda i: TONE_ORDER[i.tone])
