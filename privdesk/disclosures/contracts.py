"""What a processor's contract must hold and what happens at its end (위탁 계약 관리, 법 제26조).

- **Checklist** (계약서 필수 기재사항): 법 제26조① requires the outsourcing to be done by a document
  that states (1) 위탁업무 수행 목적 외 개인정보의 처리 금지, (2) 개인정보의 기술적·관리적 보호조치
  and (3) what the decree adds — 시행령 제28조①: 위탁업무의 목적 및 범위, 재위탁 제한, 개인정보에
  대한 접근 제한 등 안전성 확보 조치, 위탁업무와 관련하여 보유하고 있는 개인정보의 관리 현황 점검 등
  감독, 수탁자가 준수하여야 할 의무를 위반한 경우의 손해배상 등 책임 (law.md §6). Each contract
  keeps one row per item: present or not, and where (계약서 조항). A contract whose checklist has a
  missing or unchecked item says so on screen, on the command line and on paper.
- **Sub-processors** (재위탁, 법 제26조⑥: only with the hospital's consent): name, work, the date of
  the consent and its document; ended with a date.
- **Return or destruction** (반환·파기) at the contract's end: the processor returned or destroyed
  the data it held, with the evidence (확인서·공문 번호, 파기 증빙) and who confirmed it. The row is
  append-only and anchored in the access log (:mod:`privdesk.audit.anchors`; ``audit verify`` finds
  an altered, deleted or inserted row). A contract that has ended — deactivated, or
  past its end date — without such a record stays **open** (``outstanding``): listed, marked, and
  printed until the evidence is recorded.

Every change is a ``processor_changes`` row (the processor's history, with a reason) and an
access-log entry. Permission: ``processor.manage``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.people import people
from privdesk.audit import anchors
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext, Unit
from privdesk.disclosures.models import (
    Processor,
    ProcessorChange,
    ProcessorClause,
    ProcessorReturn,
    Subprocessor,
)
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.fields import reason as reason_text
from privdesk.fields import text
from privdesk.korean import particle
from privdesk.store.models import Account

TABLE = "processor_return"  # anchor subject = "processor_return:<id>"


def canonical_return(r: ProcessorReturn) -> bytes:
    """A return/destruction record's canonical bytes for its anchor: every column, in order."""
    return anchors.canonical(
        r.id, r.processor_id, r.method, r.done_on, r.evidence, r.confirmed_by, r.recorded_at, r.recorded_by
    )


def verify_returns_in(session: Session) -> list[anchors.AnchorProblem]:
    """Check every return/destruction record against its access-log anchor (``audit verify``)."""
    rows = session.execute(select(ProcessorReturn).order_by(ProcessorReturn.id)).scalars()
    return anchors.verify_anchored(session, TABLE, ((r.id, canonical_return(r)) for r in rows))


def verify_returns(ctx: AppContext, actor: Actor) -> list[anchors.AnchorProblem]:
    """Verify the processors' return/destruction records; the check is logged."""
    from privdesk.accounts.permissions import Permission

    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        problems = verify_returns_in(u.session)
        u.log(Action.VERIFY, f"{TABLE}:*", detail=f"problems={len(problems)}")
        return problems


@dataclass(frozen=True)
class Clause:
    code: str
    label: str
    basis: str


CLAUSES: tuple[Clause, ...] = (
    Clause("purpose_ban", "위탁업무 수행 목적 외 개인정보의 처리 금지", "법 제26조제1항제1호"),
    Clause("safeguards", "개인정보의 기술적·관리적 보호조치", "법 제26조제1항제2호"),
    Clause("scope", "위탁업무의 목적 및 범위", "시행령 제28조제1항제1호"),
    Clause("subcontract", "재위탁 제한", "시행령 제28조제1항제2호"),
    Clause("access", "개인정보에 대한 접근 제한 등 안전성 확보 조치", "시행령 제28조제1항제3호"),
    Clause("supervision", "개인정보 관리 현황 점검 등 감독", "시행령 제28조제1항제4호"),
    Clause("liability", "의무 위반 시 손해배상 등 책임", "시행령 제28조제1항제5호"),
)
CLAUSE_BY_CODE: dict[str, Clause] = {c.code: c for c in CLAUSES}
RETURN_METHODS: dict[str, str] = {"return": "반환", "destroy": "파기"}
CHECKLIST, SUBCONTRACT, SUBCONTRACT_END, RETURNED = "checklist", "subcontract", "subcontract_end", "returned"
CHANGE_LABELS = {
    CHECKLIST: "계약서 점검",
    SUBCONTRACT: "재위탁 등록",
    SUBCONTRACT_END: "재위탁 종료",
    RETURNED: "반환·파기 확인",
}


# -- rows ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClauseState:
    """One checklist item as the contract has it (``present`` None: not checked yet)."""

    code: str
    label: str
    basis: str
    present: bool | None
    article: str
    checked_on: dt.date | None
    checked_by: str

    @property
    def state_text(self) -> str:
        if self.present is None:
            return "미점검"
        if not self.present:
            return "누락"
        return f"있음 ({self.article})" if self.article else "있음"


@dataclass(frozen=True)
class SubprocessorRow:
    id: int
    name: str
    task: str
    consented_on: dt.date
    consent_note: str
    ended_on: dt.date | None

    @property
    def text(self) -> str:
        out = f"{self.name} ({self.task}; 동의 {self.consented_on.isoformat()}"
        out += f", {self.consent_note})" if self.consent_note else ")"
        return out + (f" — {self.ended_on.isoformat()} 종료" if self.ended_on else "")


@dataclass(frozen=True)
class ReturnRow:
    id: int
    method: str
    done_on: dt.date
    evidence: str
    confirmed_by: str
    confirmed_by_name: str
    recorded_at: dt.datetime

    @property
    def method_label(self) -> str:
        return RETURN_METHODS.get(self.method, self.method)

    @property
    def text(self) -> str:
        who = (
            f"{self.confirmed_by_name}({self.confirmed_by})" if self.confirmed_by_name else self.confirmed_by
        )
        return f"{self.done_on.isoformat()} {self.method_label} 확인 — 증빙: {self.evidence}; 확인자 {who}"


@dataclass(frozen=True)
class ContractState:
    """A processor's checklist, sub-processors and end-of-contract record."""

    clauses: tuple[ClauseState, ...]
    subprocessors: tuple[SubprocessorRow, ...]
    returned: ReturnRow | None

    @property
    def missing(self) -> tuple[str, ...]:
        """Labels of the items the contract lacks or that nobody checked."""
        return tuple(c.label for c in self.clauses if not c.present)

    @property
    def checklist_text(self) -> str:
        done = sum(1 for c in self.clauses if c.present)
        if done == len(self.clauses):
            return f"필수 기재사항 {done}/{len(self.clauses)} 확인"
        unchecked = all(c.present is None for c in self.clauses)
        if unchecked:
            return "계약서 미점검"
        return f"필수 기재사항 {done}/{len(self.clauses)} — 누락·미점검: {', '.join(self.missing)}"

    @property
    def subprocessor_text(self) -> str:
        live = [s for s in self.subprocessors if s.ended_on is None]
        return "; ".join(s.text for s in live) if live else "없음"


EMPTY = ContractState(
    tuple(ClauseState(c.code, c.label, c.basis, None, "", None, "") for c in CLAUSES), (), None
)


def _names(session: Session, logins: Sequence[str]) -> dict[str, str]:
    """Login → name (:func:`privdesk.accounts.people.people`, the one resolver)."""
    return {login: person.name for login, person in people(session, logins).items()}


def states_of(session: Session, ids: Sequence[int]) -> dict[int, ContractState]:
    """The contract state of each processor in ``ids`` (for the list and the printed record)."""
    ids = list(ids)
    if not ids:
        return {}
    clauses: dict[int, dict[str, ProcessorClause]] = {}
    subs: dict[int, list[SubprocessorRow]] = {}
    returns: dict[int, ProcessorReturn] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for c in session.scalars(select(ProcessorClause).where(ProcessorClause.processor_id.in_(chunk))):
            clauses.setdefault(c.processor_id, {})[c.clause] = c
        for s in session.scalars(
            select(Subprocessor).where(Subprocessor.processor_id.in_(chunk)).order_by(Subprocessor.id)
        ):
            subs.setdefault(s.processor_id, []).append(
                SubprocessorRow(s.id, s.name, s.task, s.consented_on, s.consent_note, s.ended_on)
            )
        for r in session.scalars(
            select(ProcessorReturn)
            .where(ProcessorReturn.processor_id.in_(chunk))
            .order_by(ProcessorReturn.id)
        ):
            returns[r.processor_id] = r  # the latest record stands (a later one corrects)
    names = _names(session, [r.confirmed_by for r in returns.values()])
    out: dict[int, ContractState] = {}
    for pid in ids:
        have = clauses.get(pid, {})
        states = []
        for cl in CLAUSES:
            row = have.get(cl.code)
            states.append(
                ClauseState(
                    cl.code,
                    cl.label,
                    cl.basis,
                    None if row is None else row.present,
                    row.article if row else "",
                    row.checked_on if row else None,
                    row.checked_by if row else "",
                )
            )
        last = returns.get(pid)
        ret = (
            None
            if last is None
            else ReturnRow(
                last.id,
                last.method,
                last.done_on,
                last.evidence,
                last.confirmed_by,
                names.get(last.confirmed_by, ""),
                last.recorded_at,
            )
        )
        out[pid] = ContractState(tuple(states), tuple(subs.get(pid, ())), ret)
    return out


def contract_ended(p: Processor, today: dt.date) -> bool:
    """The outsourcing has ended: deactivated, or its contract's end date has passed."""
    return (not p.active) or (p.contract_end is not None and p.contract_end < today)


# -- inputs ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClauseInput:
    present: bool
    article: str = ""  # where the contract says it (제7조)


@dataclass(frozen=True)
class SubprocessorInput:
    name: str
    task: str
    consented_on: dt.date
    consent_note: str = ""


@dataclass(frozen=True)
class ReturnInput:
    method: str  # return / destroy
    done_on: dt.date
    evidence: str
    confirmed_by: str = ""  # login; defaults to the acting account


# -- helpers -----------------------------------------------------------------------------------------
def _load(u: Unit, processor_id: int, *, lock: bool = False) -> Processor:
    p = u.session.get(Processor, processor_id, with_for_update=lock, populate_existing=lock)
    if p is None:
        raise NotFoundError("수탁업체", f"processor:{processor_id}")
    return p


def _change(u: Unit, p: Processor, change: str, detail: str, reason: str) -> None:
    u.session.add(
        ProcessorChange(
            processor_id=p.id,
            at=clock.now(),
            actor_login=u.actor_login,
            change=change,
            detail=detail,
            reason=reason,
        )
    )
    u.session.flush()


def _state(u: Unit, processor_id: int) -> ContractState:
    return states_of(u.session, [processor_id])[processor_id]


def _unit(ctx: AppContext, actor: Actor | None) -> AbstractContextManager[Unit]:
    from privdesk.disclosures.processors import processor_unit  # processors imports this module

    return processor_unit(ctx, actor)


# -- use cases ---------------------------------------------------------------------------------------
def contract_state(ctx: AppContext, actor: Actor, processor_id: int) -> ContractState:
    """A processor's checklist, sub-processors and return/destruction record."""
    with _unit(ctx, actor) as u:
        _load(u, processor_id)
        return _state(u, processor_id)


def check_clauses(
    ctx: AppContext,
    actor: Actor,
    processor_id: int,
    items: Mapping[str, ClauseInput],
    reason: str,
    *,
    checked_on: dt.date | None = None,
) -> ContractState:
    """Record what the contract holds of the required contents (계약서 필수 기재사항 점검), for the
    items given (the others keep their state)."""
    why = reason_text("reason", reason, "사유", limit=500)
    today = clock.today_kst()
    on = checked_on or today
    if on > today:
        raise ValidationError("checked_on", "점검일이 미래입니다. 실제로 계약서를 확인한 날을 입력하십시오.")
    if not items:
        raise ValidationError("clauses", "점검한 기재사항을 하나 이상 고르십시오.")
    clean: dict[str, ClauseInput] = {}
    for code, item in items.items():
        if code not in CLAUSE_BY_CODE:
            names = ", ".join(c.code for c in CLAUSES)
            raise ValidationError(
                "clauses", f"알 수 없는 기재사항입니다: {code}. 다음 중에서 고르십시오: {names}"
            )
        article = text("article", item.article, "계약서 조항", required=False, limit=100)
        if item.present and not article:
            raise ValidationError(
                "article",
                f"'{CLAUSE_BY_CODE[code].label}'{particle(CLAUSE_BY_CODE[code].label, '이/가')} 계약서의 몇 조에 있는지 적으십시오 (예: 제7조).",
            )
        clean[code] = ClauseInput(item.present, article if item.present else "")
    with _unit(ctx, actor) as u:
        p = _load(u, processor_id, lock=True)
        have = {
            c.clause: c
            for c in u.session.scalars(select(ProcessorClause).where(ProcessorClause.processor_id == p.id))
        }
        parts = []
        for code, item in clean.items():
            row = have.get(code)
            if row is None:
                u.session.add(
                    ProcessorClause(
                        processor_id=p.id,
                        clause=code,
                        present=item.present,
                        article=item.article,
                        checked_on=on,
                        checked_by=u.actor_login,
                    )
                )
            else:
                row.present, row.article, row.checked_on, row.checked_by = (
                    item.present,
                    item.article,
                    on,
                    u.actor_login,
                )
            label = CLAUSE_BY_CODE[code].label
            parts.append(f"{label}: {'있음 (' + item.article + ')' if item.present else '누락'}")
        u.session.flush()
        _change(u, p, CHECKLIST, f"점검일 {on.isoformat()}; " + "; ".join(parts), why)
        u.log(Action.UPDATE, p.ref, detail="checklist=" + ",".join(sorted(clean)))
        return _state(u, p.id)


def add_subprocessor(
    ctx: AppContext, actor: Actor, processor_id: int, data: SubprocessorInput, reason: str
) -> ContractState:
    """Record a sub-processor (재위탁) with the hospital's consent (법 제26조⑥)."""
    why = reason_text("reason", reason, "사유", limit=500)
    name = text("sub_name", data.name, "재위탁 수탁자명", limit=100)
    task = text("sub_task", data.task, "재위탁 업무 내용", limit=1000)
    note = text("consent_note", data.consent_note, "동의 문서", required=False, limit=500)
    if data.consented_on > clock.today_kst():
        raise ValidationError("consented_on", "재위탁 동의일이 미래입니다. 병원이 동의한 날을 입력하십시오.")
    with _unit(ctx, actor) as u:
        p = _load(u, processor_id, lock=True)
        if not p.active:
            raise RuleViolationError("위탁을 종료한 수탁업체에는 재위탁을 등록할 수 없습니다.")
        u.session.add(
            Subprocessor(
                processor_id=p.id,
                name=name,
                task=task,
                consented_on=data.consented_on,
                consent_note=note,
                ended_on=None,
                created_at=clock.now(),
                created_by=u.actor_login,
            )
        )
        u.session.flush()
        _change(
            u,
            p,
            SUBCONTRACT,
            f"재위탁: {name}; 업무: {task}; 동의일: {data.consented_on.isoformat()}"
            + (f"; 동의 문서: {note}" if note else ""),
            why,
        )
        u.log(Action.UPDATE, p.ref, detail="subprocessor=add")
        return _state(u, p.id)


def end_subprocessor(
    ctx: AppContext, actor: Actor, subprocessor_id: int, ended_on: dt.date, reason: str
) -> ContractState:
    """End a sub-processing (재위탁 종료) on ``ended_on``."""
    why = reason_text("reason", reason, "사유", limit=500)
    with _unit(ctx, actor) as u:
        s = u.session.get(Subprocessor, subprocessor_id, with_for_update=True)
        if s is None:
            raise NotFoundError("재위탁", f"subprocessor:{subprocessor_id}")
        if s.ended_on is not None:
            raise RuleViolationError("이미 종료된 재위탁입니다.")
        if ended_on < s.consented_on:
            raise ValidationError("ended_on", "재위탁 종료일이 동의일보다 빠릅니다. 날짜를 확인하십시오.")
        p = _load(u, s.processor_id, lock=True)
        s.ended_on = ended_on
        u.session.flush()
        _change(u, p, SUBCONTRACT_END, f"재위탁 종료: {s.name}; 종료일: {ended_on.isoformat()}", why)
        u.log(Action.UPDATE, p.ref, detail="subprocessor=end")
        return _state(u, p.id)


def record_return(ctx: AppContext, actor: Actor, processor_id: int, data: ReturnInput) -> ContractState:
    """At the contract's end: the processor returned (반환) or destroyed (파기) the data, with the
    evidence. Only for an ended contract; a later record corrects an earlier one (append-only)."""
    if data.method not in RETURN_METHODS:
        raise ValidationError("method", "반환 또는 파기 중 하나를 고르십시오.")
    today = clock.today_kst()
    if data.done_on > today:
        raise ValidationError(
            "done_on", "반환·파기일이 미래입니다. 수탁업체가 실제로 반환·파기한 날을 입력하십시오."
        )
    evidence = reason_text("evidence", data.evidence, "증빙 (확인서·공문 번호, 파기 증명)", limit=1000)
    with _unit(ctx, actor) as u:
        p = _load(u, processor_id, lock=True)
        if p.active and (p.contract_end is None or p.contract_end > today):
            raise RuleViolationError(
                "위탁이 끝나지 않은 수탁업체입니다. 위탁을 종료하거나 계약 종료일이 지난 뒤 "
                "개인정보의 반환·파기를 기록하십시오."
            )
        if p.contract_start is not None and data.done_on < p.contract_start:
            raise ValidationError("done_on", "반환·파기일이 계약 시작일보다 빠릅니다. 날짜를 확인하십시오.")
        confirmed = (
            text("confirmed_by", data.confirmed_by, "확인자", required=False, limit=64) or u.actor_login
        )
        if (
            confirmed != u.actor_login
            and u.session.execute(select(Account.id).where(Account.login == confirmed)).first() is None
        ):
            raise ValidationError(
                "confirmed_by",
                f"확인자 계정 '{confirmed}'{particle(confirmed, '이/가')} 없습니다. 확인한 직원의 아이디를 입력하십시오.",
            )
        r = ProcessorReturn(
            processor_id=p.id,
            method=data.method,
            done_on=data.done_on,
            evidence=evidence,
            confirmed_by=confirmed,
            recorded_at=clock.now(),
            recorded_by=u.actor_login,
        )
        u.session.add(r)
        u.session.flush()
        anchors.anchor(u, Action.CREATE, TABLE, r.id, canonical_return(r))
        _change(
            u,
            p,
            RETURNED,
            f"{RETURN_METHODS[data.method]} 확인: {data.done_on.isoformat()}; 증빙: {evidence}",
            f"위탁 종료 후 개인정보 {RETURN_METHODS[data.method]} 확인",
        )
        u.log(Action.UPDATE, p.ref, detail=f"{r.ref}; method={data.method}")
        return _state(u, p.id)


__all__ = [
    "CLAUSES",
    "RETURN_METHODS",
    "ClauseInput",
    "ClauseState",
    "ContractState",
    "ReturnInput",
    "ReturnRow",
    "SubprocessorInput",
    "SubprocessorRow",
    "add_subprocessor",
    "check_clauses",
    "contract_ended",
    "contract_state",
    "end_subprocessor",
    "record_return",
    "states_of",
    "verify_returns",
    "verify_returns_in",
]
