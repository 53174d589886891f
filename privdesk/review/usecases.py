"""The monthly access-log review's use cases (접속기록 점검, 고시 제8조②).

``run`` computes the month's findings (:mod:`privdesk.review.findings`) and keeps, by their stable key,
the results and 소명 of findings still present; ``record_result``, the 소명 round trip
(``ask_justification`` → ``answer_justification`` by the account itself → ``decide_justification``)
and ``sign`` (password again; refused while anything is open) close the month. The sign-off is
append-only and anchored in the access log with the head it saw; a signed month is never changed.
``pending`` feeds the start screen and writes no log entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from privdesk import clock, logview
from privdesk.accounts.people import people
from privdesk.accounts.permissions import Permission
from privdesk.audit import anchors
from privdesk.audit.chain import Action, read_head
from privdesk.audit.query import LogRow
from privdesk.context import SYSTEM_ACTOR, Actor, AppContext, Unit, permissions_of
from privdesk.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
)
from privdesk.korean import josa
from privdesk.logview import ReadableRow
from privdesk.profile import ReviewRules
from privdesk.review import findings as rules_of
from privdesk.review.model import (
    SIGNOFFS,
    ReviewFinding,
    ReviewJustification,
    ReviewJustificationEvent,
    ReviewMonth,
    ReviewResult,
    ReviewSignOff,
)
from privdesk.review.types import (
    KIND_LABELS,
    AccountSummary,
    Finding,
    FindingKind,
    JState,
    Justification,
    Month,
    MonthReview,
    Result,
    ReviewPending,
    ReviewSignedError,
    SignOff,
)
from privdesk.store.models import AccessLogEntry

TEXT_LIMIT = 2000
HISTORY_MONTHS = 6
ANSWER = "answer"
ACCEPT = "accept"
REJECT = "reject"


def subject_of(month: Month | str) -> str:
    return f"review:{month}"


def _rules(ctx: AppContext) -> ReviewRules:
    return ctx.profile.review


def _text(field_name: str, value: str, what: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field_name, f"{josa(what, '을/를')} 적으십시오.")
    if len(text) > TEXT_LIMIT:
        raise ValidationError(field_name, f"{josa(what, '은/는')} {TEXT_LIMIT}자 이내로 적으십시오.")
    return text


def _names(session: Session, logins: Iterable[str | None]) -> dict[str, tuple[str, str]]:
    """Login → (name, department) through the one resolver (:func:`privdesk.accounts.people.people`)."""
    return {login: (p.name, p.department) for login, p in people(session, logins).items()}


def _name(names: dict[str, tuple[str, str]], login: str) -> str:
    """The account's name; the scheduled jobs' pseudo-account is 시스템; an unknown ID stays as typed."""
    if login in names:
        return names[login][0]
    return "시스템" if login == SYSTEM_ACTOR else login


def who(names: dict[str, tuple[str, str]], login: str) -> str:
    """``이름(ID)`` of one login (the screen's and the paper's 기록 line); 시스템 for the jobs."""
    name = _name(names, login)
    return f"{name}({login})" if name != login and login != SYSTEM_ACTOR else name


def _signoff_row(session: Session, month: str) -> ReviewSignOff | None:
    return session.execute(select(ReviewSignOff).where(ReviewSignOff.month == month)).scalar_one_or_none()


def canonical_signoff(s: ReviewSignOff) -> bytes:
    return anchors.canonical(
        s.id,
        s.month,
        s.by_login,
        s.at,
        s.head_seq,
        bytes(s.head_hash).hex(),
        s.findings,
        s.normal,
        s.action,
        s.digest,
    )


def _signoff(session: Session, s: ReviewSignOff) -> SignOff:
    name = _names(session, [s.by_login]).get(s.by_login, (s.by_login, ""))[0]
    return SignOff(
        month=s.month,
        by=s.by_login,
        by_name=name,
        at=s.at,
        head_seq=int(s.head_seq),
        head_hash=bytes(s.head_hash).hex(),
        findings=s.findings,
        normal=s.normal,
        action=s.action,
    )


# -- reading back what is stored ----------------------------------------------------------------------
def _state(
    events: Sequence[ReviewJustificationEvent],
) -> tuple[JState, ReviewJustificationEvent | None, ReviewJustificationEvent | None]:
    answer = next((e for e in reversed(events) if e.kind == ANSWER), None)
    decision = next((e for e in reversed(events) if e.kind in (ACCEPT, REJECT)), None)
    if decision is not None:
        return (JState.ACCEPTED if decision.kind == ACCEPT else JState.REJECTED), answer, decision
    return (JState.ANSWERED if answer is not None else JState.OPEN), answer, None


def _justification(
    j: ReviewJustification,
    events: Sequence[ReviewJustificationEvent],
    f: ReviewFinding,
    names: dict[str, tuple[str, str]],
    today: dt.date,
) -> Justification:
    state, answer, decision = _state(events)
    return Justification(
        id=j.id,
        finding_id=j.finding_id,
        month=f.month,
        kind=FindingKind(f.kind),
        finding_summary=f.summary,
        account=j.account,
        account_name=_name(names, j.account),
        asked_by=j.asked_by,
        asked_at=j.asked_at,
        message=j.message,
        due=j.due,
        answer=answer.text if answer else None,
        answered_at=answer.at if answer else None,
        state=state,
        decided_by=decision.by_login if decision else None,
        decided_at=decision.at if decision else None,
        decision_note=decision.text if decision else None,
        overdue=state == JState.OPEN and today > j.due,
        asked_by_name=_name(names, j.asked_by),
        decided_by_name=_name(names, decision.by_login) if decision else "",
    )


def _events_of(session: Session, ids: Sequence[int]) -> dict[int, list[ReviewJustificationEvent]]:
    out: dict[int, list[ReviewJustificationEvent]] = defaultdict(list)
    if ids:
        for e in session.execute(
            select(ReviewJustificationEvent)
            .where(ReviewJustificationEvent.justification_id.in_(ids))
            .order_by(ReviewJustificationEvent.id)
        ).scalars():
            out[e.justification_id].append(e)
    return out


def _findings(session: Session, rows: Sequence[ReviewFinding], today: dt.date) -> list[Finding]:
    ids = [f.id for f in rows]
    results: dict[int, ReviewResult] = {}
    latest_j: dict[int, ReviewJustification] = {}
    if ids:
        for rr in session.execute(
            select(ReviewResult).where(ReviewResult.finding_id.in_(ids)).order_by(ReviewResult.id)
        ).scalars():
            results[rr.finding_id] = rr
        for jj in session.execute(
            select(ReviewJustification)
            .where(ReviewJustification.finding_id.in_(ids))
            .order_by(ReviewJustification.id)
        ).scalars():
            latest_j[jj.finding_id] = jj
    events = _events_of(session, [j.id for j in latest_j.values()])
    names = _names(
        session,
        [
            *(f.account for f in rows),
            *(j.account for j in latest_j.values()),
            *(j.asked_by for j in latest_j.values()),
            *(e.by_login for evs in events.values() for e in evs),
            *(r.by_login for r in results.values()),
        ],
    )
    out = []
    for f in rows:
        r: ReviewResult | None = results.get(f.id)
        j: ReviewJustification | None = latest_j.get(f.id)
        out.append(
            Finding(
                id=f.id,
                month=f.month,
                kind=FindingKind(f.kind),
                account=f.account,
                account_name=_name(names, f.account) if f.account else None,
                department=f.department,
                summary=f.summary,
                rule=f.rule,
                entry_count=f.entry_count,
                weight=f.weight,
                reason=f.reason,
                result=Result(r.result) if r else None,
                result_note=r.note if r else None,
                result_by=r.by_login if r else None,
                result_by_name=who(names, r.by_login) if r else None,
                result_at=r.at if r else None,
                justification=_justification(j, events.get(j.id, []), f, names, today) if j else None,
            )
        )
    return out


_KIND_ORDER = {k: i for i, k in enumerate(FindingKind)}


def _load(session: Session, rules: ReviewRules, month: Month, today: dt.date) -> MonthReview:
    key = str(month)
    stored = session.get(ReviewMonth, key)
    rows = list(
        session.execute(
            select(ReviewFinding).where(ReviewFinding.month == key, ReviewFinding.present.is_(True))
        ).scalars()
    )
    rows.sort(key=lambda f: (_KIND_ORDER.get(FindingKind(f.kind), 99), f.account or "", f.fkey))
    accounts = (
        tuple(
            AccountSummary(**{**a, "risk_history": tuple(tuple(x) for x in a["risk_history"])})
            for a in json.loads(stored.accounts)
        )
        if stored
        else ()
    )
    sign_row = _signoff_row(session, key)
    return MonthReview(
        month=key,
        entries=stored.entries if stored else 0,
        first_seq=stored.first_seq if stored else None,
        last_seq=stored.last_seq if stored else None,
        accounts=accounts,
        findings=tuple(_findings(session, rows, today)),
        signed=_signoff(session, sign_row) if sign_row else None,
        thresholds=rules_of.thresholds(rules),
    )


def _check_month(month: Month, today: dt.date) -> None:
    if month.first_day() > today:
        raise ValidationError(
            "month",
            f"{josa(month.label(), '은/는')} 아직 시작되지 않았습니다. 지난 달이나 이번 달을 고르십시오.",
        )


def load(ctx: AppContext, actor: Actor, month: Month) -> MonthReview:
    """What is stored for the month (no recompute); logged as a view of the review."""
    today = clock.today_kst()
    with ctx.unit(actor, Permission.AUDIT_REVIEW) as u:
        review = _load(u.session, _rules(ctx), month, today)
        u.log(Action.VIEW, subject_of(month), detail=f"load; findings={len(review.findings)}")
        return review


# -- run -------------------------------------------------------------------------------------------
def _risk(found: Sequence[tuple[str, int]]) -> tuple[int, str]:
    """Sum of (kind, weight) of an account's findings, explained in words."""
    per: dict[str, list[int]] = defaultdict(list)
    for kind, weight in found:
        per[kind].append(weight)
    parts = []
    total = 0
    for kind in FindingKind:
        ws = per.get(kind)
        if not ws:
            continue
        total += sum(ws)
        w = ws[0]
        parts.append(
            f"{KIND_LABELS[kind]} {len(ws)}건×{w}"
            if all(x == w for x in ws)
            else f"{KIND_LABELS[kind]} {len(ws)}건 {sum(ws)}점"
        )
    return total, (" + ".join(parts) + f" = {total}") if parts else "발견 사항 없음 = 0"


def _history(session: Session, month: Month, logins: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
    months = []
    m = month
    for _ in range(HISTORY_MONTHS):
        m = m.previous()
        months.append(str(m))
    have = {
        str(r[0]) for r in session.execute(select(ReviewMonth.month).where(ReviewMonth.month.in_(months)))
    }
    sums: dict[tuple[str, str], int] = {}
    if logins and have:
        for acct, mon, total in session.execute(
            select(ReviewFinding.account, ReviewFinding.month, func.sum(ReviewFinding.weight))
            .where(
                ReviewFinding.month.in_(sorted(have)),
                ReviewFinding.present.is_(True),
                ReviewFinding.account.in_(logins),
            )
            .group_by(ReviewFinding.account, ReviewFinding.month)
        ):
            sums[(str(acct), str(mon))] = int(total or 0)
    return {login: [(mon, sums.get((login, mon), 0)) for mon in months if mon in have] for login in logins}


def _summaries(
    session: Session, computed: rules_of.Computed, rows: Sequence[ReviewFinding], month: Month
) -> list[dict[str, object]]:
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for f in rows:
        if f.present and f.account:
            found[f.account].append((f.kind, f.weight))
    logins = sorted(set(computed.counts) | set(found))
    names = _names(session, logins)
    logins = [x for x in logins if x in names]  # failed logins of unknown IDs stay findings only
    history = _history(session, month, logins)
    risks = {login: _risk(found.get(login, [])) for login in logins}
    by_dept: dict[str, list[int]] = defaultdict(list)
    for login in logins:
        by_dept[names[login][1]].append(risks[login][0])
    out = []
    for login in logins:
        c = computed.counts.get(login, rules_of.Counts())
        name, dept = names[login]
        out.append(
            asdict(
                AccountSummary(
                    login=login,
                    name=name,
                    department=dept,
                    entries=c.entries,
                    views=c.views,
                    unmasks=c.unmasks,
                    exports=c.exports,
                    prints=c.prints,
                    failed_logins=c.failed_logins,
                    off_hours=c.off_hours,
                    risk=risks[login][0],
                    risk_explained=risks[login][1],
                    risk_history=tuple(sorted(history.get(login, []), reverse=True)),
                    department_median=float(statistics.median(by_dept[dept])),
                )
            )
        )
    out.sort(key=lambda a: (-int(str(a["risk"])), str(a["login"])))
    return out


def run(ctx: AppContext, actor: Actor, month: Month) -> MonthReview:
    """Compute (again) the findings of an unsigned month; a signed month's stored state is returned."""
    today = clock.today_kst()
    _check_month(month, today)
    rules = _rules(ctx)
    key = str(month)
    with ctx.unit(actor, Permission.AUDIT_REVIEW) as u:
        s = u.session
        if _signoff_row(s, key) is not None:
            review = _load(s, rules, month, today)
            u.log(Action.VIEW, subject_of(month), detail=f"run; signed; findings={len(review.findings)}")
            return review
        computed = rules_of.compute(s, rules, month, today)
        departments = {k: v[1] for k, v in _names(s, [f.account for f in computed.found]).items()}
        existing = {
            f.fkey: f for f in s.execute(select(ReviewFinding).where(ReviewFinding.month == key)).scalars()
        }
        now = clock.now()
        seen: set[str] = set()
        for found in computed.found:
            fkey = found.fkey(month)
            seen.add(fkey)
            row = existing.get(fkey)
            if row is None:
                row = ReviewFinding(
                    fkey=fkey, month=key, kind=str(found.kind), account=found.account, found_at=now
                )
                s.add(row)
                existing[fkey] = row
            row.department = departments.get(found.account or "") if found.account else None
            row.summary, row.rule, row.reason = found.summary, found.rule, found.reason
            row.entry_count, row.weight = found.entry_count, rules.weight(str(found.kind))
            row.seqs = ",".join(str(x) for x in found.seqs[: rules.entries_cap])
            row.present = True
        for fkey, row in existing.items():
            if fkey not in seen:
                row.present = False
        s.flush()
        summaries = _summaries(s, computed, list(existing.values()), month)
        stored = s.get(ReviewMonth, key)
        if stored is None:
            stored = ReviewMonth(month=key)
            s.add(stored)
        stored.computed_at, stored.computed_by = now, actor.login
        stored.entries, stored.first_seq, stored.last_seq = (
            computed.entries,
            computed.first_seq,
            computed.last_seq,
        )
        stored.accounts = json.dumps(summaries, ensure_ascii=False, default=list)
        s.flush()
        review = _load(s, rules, month, today)
        u.log(
            Action.VIEW,
            subject_of(month),
            detail=f"run; entries={computed.entries}; findings={len(review.findings)}",
        )
        return review


# -- results and 소명 -------------------------------------------------------------------------------
def _finding_row(u: Unit, finding_id: int, *, writable: bool = True) -> ReviewFinding:
    row = u.session.get(ReviewFinding, finding_id)
    if row is None or not row.present:
        raise NotFoundError("점검 발견 사항", str(finding_id))
    if writable and _signoff_row(u.session, row.month) is not None:
        raise ReviewSignedError(row.month)
    return row


def _one(session: Session, row: ReviewFinding) -> Finding:
    return _findings(session, [row], clock.today_kst())[0]


def _entries(session: Session, row: ReviewFinding, limit: int) -> list[LogRow]:
    seqs = [int(x) for x in row.seqs.split(",") if x][: max(0, limit)]
    out: list[LogRow] = []
    for i in range(0, len(seqs), 500):
        chunk = seqs[i : i + 500]
        for e in session.execute(select(AccessLogEntry).where(AccessLogEntry.seq.in_(chunk))).scalars():
            out.append(
                LogRow(
                    seq=int(e.seq),
                    at=dt.datetime.fromisoformat(e.at.replace("Z", "+00:00")),
                    actor=e.actor,
                    workstation=e.workstation,
                    ip=e.ip,
                    action=e.action,
                    subject=e.subject,
                    search_kind=e.search_kind,
                    outcome=e.outcome,
                    detail=e.detail,
                )
            )
    out.sort(key=lambda r: r.seq)
    return out


def finding_entries(ctx: AppContext, actor: Actor, finding_id: int, limit: int = 500) -> list[ReadableRow]:
    """The access-log entries behind a finding (up to ``limit``, oldest first), in words as the
    access-log screen shows them (:mod:`privdesk.logview`: names only for those who may read
    patients, that look logged too); logged."""
    with ctx.unit(actor, Permission.AUDIT_REVIEW) as u:
        row = _finding_row(u, finding_id, writable=False)
        out = _entries(u.session, row, limit)
        u.log(Action.VIEW, subject_of(row.month), detail=f"entries; finding={row.id}; shown={len(out)}")
        return logview.describe(u, out)


def review_with_entries(
    ctx: AppContext, actor: Actor, month: Month, per_finding: int = 20
) -> tuple[MonthReview, dict[int, list[ReadableRow]]]:
    """What is stored for the month and the first ``per_finding`` entries of every finding, in one
    look (the printed result); logged once."""
    today = clock.today_kst()
    with ctx.unit(actor, Permission.AUDIT_REVIEW) as u:
        review = _load(u.session, _rules(ctx), month, today)
        rows = {
            f.id: f
            for f in u.session.execute(
                select(ReviewFinding).where(
                    ReviewFinding.month == str(month), ReviewFinding.present.is_(True)
                )
            ).scalars()
        }
        raw = {fid: _entries(u.session, row, per_finding) for fid, row in rows.items()}
        u.log(Action.VIEW, subject_of(month), detail=f"report; findings={len(review.findings)}")
        words = iter(logview.describe(u, [e for fid in raw for e in raw[fid]]))  # one resolution for all
        return review, {fid: [next(words) for _ in raw[fid]] for fid in raw}


def _add_result(u: Unit, row: ReviewFinding, result: Result, note: str) -> None:
    u.session.add(
        ReviewResult(finding_id=row.id, result=str(result), note=note, by_login=u.actor_login, at=clock.now())
    )
    u.session.flush()
    u.log(Action.UPDATE, subject_of(row.month), detail=f"result; finding={row.id}; {result}")


def record_result(ctx: AppContext, actor: Actor, finding_id: int, result: Result, note: str) -> Finding:
    """The reviewer's result for a finding: 정상 (why) or 조치 필요 (what was done). A later one supersedes."""
    result = Result(result)
    what = "정상으로 본 근거" if result == Result.NORMAL else "취한 조치"
    text = _text("note", note, what)
    with ctx.unit(actor, Permission.AUDIT_REVIEW) as u:
        row = _finding_row(u, finding_id)
        _add_result(u, row, result, text)
        return _one(u.session, row)


def _latest_justification(session: Session, finding_id: int) -> ReviewJustification | None:
    return session.execute(
        select(ReviewJustification)
        .where(ReviewJustification.finding_id == finding_id)
        .order_by(ReviewJustification.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _j_of(session: Session, j: ReviewJustification) -> Justification:
    f = session.get(ReviewFinding, j.finding_id)
    assert f is not None
    events = _events_of(session, [j.id]).get(j.id, [])
    return _justification(
        j,
        events,
        f,
        _names(session, [j.account, j.asked_by, *(e.by_login for e in events)]),
        clock.today_kst(),
    )


def ask_justification(ctx: AppContext, actor: Actor, finding_id: int, message: str) -> Justification:
    """Send a finding to the account that caused it (소명 요청); due in ``review.justification_days``."""
    text = _text("message", message, "소명 요청 내용")
    days = _rules(ctx).justification_days
    with ctx.unit(actor, Permission.AUDIT_REVIEW) as u:
        row = _finding_row(u, finding_id)
        if not row.account or not _names(u.session, [row.account]):
            raise RuleViolationError("이 발견 사항은 특정 계정의 행위가 아니어서 소명을 요청할 수 없습니다.")
        last = _latest_justification(u.session, row.id)
        if last is not None and _j_of(u.session, last).state in (JState.OPEN, JState.ANSWERED):
            raise RuleViolationError("이 발견 사항에는 아직 끝나지 않은 소명 요청이 있습니다.")
        j = ReviewJustification(
            finding_id=row.id,
            account=row.account,
            asked_by=actor.login,
            asked_at=clock.now(),
            message=text,
            due=clock.today_kst() + dt.timedelta(days=days),
        )
        u.session.add(j)
        u.session.flush()
        u.log(Action.CREATE, subject_of(row.month), detail=f"ask; finding={row.id}; justification={j.id}")
        return _j_of(u.session, j)


def _j_row(u: Unit, justification_id: int) -> tuple[ReviewJustification, Justification]:
    j = u.session.get(ReviewJustification, justification_id)
    if j is None:
        raise NotFoundError("소명 요청", str(justification_id))
    return j, _j_of(u.session, j)


def answer_justification(ctx: AppContext, actor: Actor, justification_id: int, text: str) -> Justification:
    """The addressed account answers in its own words (no special permission; nobody else may)."""
    answer = _text("text", text, "소명 내용")
    with ctx.unit(actor) as u:
        j, view = _j_row(u, justification_id)
        if j.account != actor.login:
            raise PermissionDeniedError("review.answer", "본인에게 온 소명 요청에만 답변할 수 있습니다")
        if view.state != JState.OPEN:
            raise RuleViolationError(
                f"이 소명 요청은 이미 {'답변되었' if view.state == JState.ANSWERED else '판정되었'}습니다."
            )
        u.session.add(
            ReviewJustificationEvent(
                justification_id=j.id, kind=ANSWER, by_login=actor.login, at=clock.now(), text=answer
            )
        )
        u.session.flush()
        u.log(Action.UPDATE, subject_of(view.month), detail=f"answer; justification={j.id}")
        return _j_of(u.session, j)


def decide_justification(
    ctx: AppContext, actor: Actor, justification_id: int, accept: bool, note: str
) -> Justification:
    """Accept or reject an answer. Accepted: the finding's result becomes 정상 (소명 수용); rejected:
    조치 필요 with the note."""
    text = _text("note", note, "반려 사유와 조치" if not accept else "판정 의견", required=not accept)
    with ctx.unit(actor, Permission.AUDIT_REVIEW) as u:
        j, view = _j_row(u, justification_id)
        row = _finding_row(u, j.finding_id)
        if j.account == actor.login:
            raise RuleViolationError("자신에게 온 소명은 직접 판정할 수 없습니다.")
        if view.state != JState.ANSWERED:
            raise RuleViolationError(
                "답변된 소명만 수용하거나 반려할 수 있습니다."
                if view.state == JState.OPEN
                else "이 소명은 이미 판정되었습니다."
            )
        kind = ACCEPT if accept else REJECT
        u.session.add(
            ReviewJustificationEvent(
                justification_id=j.id, kind=kind, by_login=actor.login, at=clock.now(), text=text
            )
        )
        u.session.flush()
        u.log(Action.UPDATE, subject_of(row.month), detail=f"decide; justification={j.id}; {kind}")
        if accept:
            _add_result(u, row, Result.NORMAL, f"소명 수용: {text}" if text else "소명 수용")
        else:
            _add_result(u, row, Result.ACTION, f"소명 반려: {text}")
        return _j_of(u.session, j)


def my_justifications(ctx: AppContext, actor: Actor) -> list[Justification]:
    """The 소명 requests addressed to this account that are not decided yet (any account)."""
    with ctx.unit(actor) as u:
        rows = list(
            u.session.execute(
                select(ReviewJustification)
                .where(ReviewJustification.account == actor.login)
                .order_by(ReviewJustification.id)
            ).scalars()
        )
        out = [_j_of(u.session, j) for j in rows]
        return [j for j in out if j.state in (JState.OPEN, JState.ANSWERED)]


# -- sign ------------------------------------------------------------------------------------------
def _digest(review: MonthReview) -> str:
    body = [
        [f.id, str(f.kind), f.account, f.summary, f.entry_count, str(f.result), f.result_note, f.result_by]
        for f in review.findings
    ]
    return hashlib.sha256(
        json.dumps([review.month, review.entries, body], ensure_ascii=False).encode()
    ).hexdigest()


def sign(ctx: AppContext, actor: Actor, month: Month, password: str) -> SignOff:
    """Close the month (서명): password again; refused while a finding has no result or a 소명 is open.
    Stores the counts, the reviewer, the time and the log's head (append-only, anchored)."""
    from privdesk.accounts.users import verify_password_again

    today = clock.today_kst()
    key = str(month)
    with ctx.unit(actor, Permission.AUDIT_REVIEW) as u:  # permission before the password prompt counts
        if _signoff_row(u.session, key) is not None:
            raise ReviewSignedError(key)
    if not password:
        raise ValidationError("password", "서명하려면 비밀번호를 다시 입력하십시오.")
    try:
        verify_password_again(ctx, actor, password)
    except AuthenticationError:
        raise AuthenticationError.password_again() from None
    with ctx.unit(actor, Permission.AUDIT_REVIEW) as u:
        s = u.session
        if _signoff_row(s, key) is not None:
            raise ReviewSignedError(key)
        if today <= month.last_day():
            raise RuleViolationError(f"{josa(month.label(), '이/가')} 끝난 뒤에 서명할 수 있습니다.")
        if s.get(ReviewMonth, key) is None:
            raise RuleViolationError(f"{month.label()}의 점검을 먼저 실행하십시오 (privdesk review run).")
        review = _load(s, _rules(ctx), month, today)
        unresolved, still_open = review.unresolved, len(review.open_justifications)
        if unresolved or still_open:
            parts = []
            if unresolved:
                parts.append(f"결과가 기록되지 않은 발견 사항 {unresolved}건")
            if still_open:
                parts.append(f"답변이나 판정을 기다리는 소명 {still_open}건")
            raise RuleViolationError(
                f"{', '.join(parts)}이 있어 서명할 수 없습니다. 모두 처리한 뒤 서명하십시오."
            )
        head = read_head(s)
        assert head is not None
        row = ReviewSignOff(
            month=key,
            by_login=actor.login,
            at=clock.now(),
            head_seq=int(head[0]),  # type: ignore[call-overload]
            head_hash=bytes(head[1]),  # type: ignore[call-overload]
            findings=len(review.findings),
            normal=sum(f.result == Result.NORMAL for f in review.findings),
            action=sum(f.result == Result.ACTION for f in review.findings),
            digest=_digest(review),
        )
        s.add(row)
        s.flush()
        anchors.anchor(u, Action.CREATE, SIGNOFFS, row.id, canonical_signoff(row))
        u.log(Action.UPDATE, subject_of(month), detail=f"sign; findings={row.findings}; head={row.head_seq}")
        u.witness("review-sign")
        return _signoff(s, row)


def verify_ledger_in(session: Session) -> list[anchors.AnchorProblem]:
    """The sign-offs against their access-log anchors, and each signed month's findings and results
    against the digest its sign-off stored (a finding edited after the signature shows as 변조);
    for ``audit verify``."""
    rows = list(session.execute(select(ReviewSignOff).order_by(ReviewSignOff.id)).scalars())
    problems = anchors.verify_anchored(session, SIGNOFFS, ((r.id, canonical_signoff(r)) for r in rows))
    today = clock.today_kst()
    for r in rows:
        if _digest(_load(session, ReviewRules(), Month.parse(r.month), today)) != r.digest:
            problems.append(anchors.AnchorProblem(SIGNOFFS, r.id, anchors.ALTERED))
    return sorted(problems, key=lambda p: p.row_id)


def verify_ledger(ctx: AppContext, actor: Actor) -> list[anchors.AnchorProblem]:
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        problems = verify_ledger_in(u.session)
        u.log(Action.VERIFY, f"{SIGNOFFS}:*", detail=f"problems={len(problems)}")
        return problems


# -- the start screen ------------------------------------------------------------------------------
def pending(ctx: AppContext, actor: Actor, today: dt.date | None = None) -> ReviewPending:
    """What the start screen shows about the review (counts, and the 소명 to answer). Never logs."""
    today = today or clock.today_kst()
    rules = _rules(ctx)
    with ctx.unit(actor) as u:
        s = u.session
        reviewer = u.account is not None and Permission.AUDIT_REVIEW in permissions_of(s, u.account)
        mine = list(
            s.execute(
                select(ReviewJustification)
                .where(ReviewJustification.account == actor.login)
                .order_by(ReviewJustification.id)
            ).scalars()
        )
        to_answer = tuple(j for j in (_j_of(s, x) for x in mine) if j.state == JState.OPEN)
        unsigned: str | None = None
        remind = False
        to_decide = open_sent = overdue_sent = 0
        if reviewer:
            prev = Month.of(today).previous()
            if _signoff_row(s, str(prev)) is None:
                unsigned = str(prev)
                remind = today.day >= rules.remind_day
            decided = select(ReviewJustificationEvent.justification_id).where(
                ReviewJustificationEvent.kind.in_((ACCEPT, REJECT))
            )
            answered = select(ReviewJustificationEvent.justification_id).where(
                ReviewJustificationEvent.kind == ANSWER
            )
            live = list(
                s.execute(
                    select(ReviewJustification.id, ReviewJustification.due).where(
                        ReviewJustification.id.not_in(decided)
                    )
                ).all()
            )
            done = (
                {
                    int(r[0])
                    for r in s.execute(
                        answered.where(
                            ReviewJustificationEvent.justification_id.in_([int(x[0]) for x in live])
                        )
                    )
                }
                if live
                else set()
            )
            for jid, due in live:
                if int(jid) in done:
                    to_decide += 1
                else:
                    open_sent += 1
                    overdue_sent += int(today > due)
        return ReviewPending(
            unsigned_month=unsigned,
            remind=remind,
            to_answer=to_answer,
            to_decide=to_decide,
            open_sent=open_sent,
            overdue_sent=overdue_sent,
        )
