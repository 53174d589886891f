"""The rules of the monthly access-log review (점검 기준): what the month's entries are checked for.

One streaming pass over the month's entries (``ix_access_log_at``) counts per account and collects
the candidates; the few rows that need their ``detail`` (unmask, export, print, verify, integrity)
are read again by their sequence numbers. Every threshold comes from the profile's ``[review]``
(:class:`privdesk.profile.ReviewRules`), and every finding states its rule in words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.audit import batches as log_batches
from privdesk.audit.chain import Action
from privdesk.audit.reasons import reason_of
from privdesk.korean import josa
from privdesk.profile import WEEKDAYS, ReviewRules
from privdesk.review.types import KIND_LABELS, FindingKind, Month
from privdesk.store.models import AccessLogEntry, Account

# Actions on personal data (views, changes, data leaving the application): what off-hours work counts.
PERSONAL = frozenset(
    {
        Action.VIEW,
        Action.SEARCH,
        Action.UNMASK,
        Action.EXPORT,
        Action.PRINT,
        Action.CREATE,
        Action.UPDATE,
        Action.DELETE,
        Action.IMPORT,
    }
)
VIEWS = frozenset({Action.VIEW, Action.SEARCH})
PERMISSION = {
    Action.ROLE_CHANGE: "역할 변경",
    Action.ACCOUNT_CREATE: "계정 생성",
    Action.ACCOUNT_UPDATE: "계정 변경",
    Action.PASSWORD_RESET: "비밀번호 초기화",
}
CONFIRM = {
    Action.UNMASK: FindingKind.UNMASK,
    Action.EXPORT: FindingKind.DOWNLOAD,
    Action.PRINT: FindingKind.PRINT,
}
_PROBLEMS_RE = re.compile(r"problems=(\d+)")


@dataclass
class Counts:
    entries: int = 0
    views: int = 0
    unmasks: int = 0
    exports: int = 0
    prints: int = 0
    failed_logins: int = 0
    off_hours: int = 0


@dataclass
class Found:
    kind: FindingKind
    account: str | None
    key: str
    summary: str
    rule: str
    entry_count: int
    seqs: list[int] = field(default_factory=list)
    reason: str | None = None

    def fkey(self, month: Month) -> str:
        return f"{month}|{self.kind}|{self.account or '-'}|{self.key}"[:200]


@dataclass
class Computed:
    entries: int
    first_seq: int | None
    last_seq: int | None
    counts: dict[str, Counts]
    found: list[Found]


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def hours_text(rules: ReviewRules) -> str:
    extra = f"; PC별 예외 {len(rules.workstations)}곳" if rules.workstations else ""
    return f"{rules.work_start}–{rules.work_end}, {rules.days_label()}{extra}"


def thresholds(rules: ReviewRules) -> tuple[tuple[str, str], ...]:
    """The rules and their values, for the screen and the report."""
    out = [("업무시간", hours_text(rules))]
    out += [(f"업무시간 예외 PC {ws}", f"{a}–{b}, 매일") for ws, (a, b) in sorted(rules.workstations.items())]
    out += [
        (
            "평소보다 많은 조회",
            f"이달 조회 > 직전 {rules.volume_months}개월 중앙값×{rules.volume_factor:g} 그리고 "
            f"> {rules.volume_min}건 (이력 없으면 부서 중앙값과 비교)",
        ),
        ("내원·요구 없는 환자 조회", f"하루 {rules.no_visit_patients}명 이상"),
        ("로그인 연속 실패", f"{rules.failed_window_minutes}분 안에 {rules.failed_logins}회 이상"),
        ("장기 미사용 계정", f"{rules.dormant_days}일 이상 로그인 없이 사용 중"),
        ("소명 답변 기한", f"{rules.justification_days}일"),
        ("서명 알림", f"매월 {rules.remind_day}일부터"),
        (
            "위험 점수 가중치",
            ", ".join(f"{KIND_LABELS[FindingKind(k)]} {v}" for k, v in rules.weights.items()),
        ),
    ]
    return tuple(out)


def _day_label(day: dt.date) -> str:
    return f"{day.isoformat()}({WEEKDAYS[day.weekday()]})"


class _Clock:
    """``at`` text (UTC) → the KST day, minute of the day and weekday, cached per minute."""

    def __init__(self, rules: ReviewRules) -> None:
        self.rules = rules
        self.default = (_minutes(rules.work_start), _minutes(rules.work_end))
        self.stations = {ws: (_minutes(a), _minutes(b)) for ws, (a, b) in rules.workstations.items()}
        self.days = frozenset(rules.work_days)
        self.cache: dict[str, tuple[dt.date, int, int]] = {}

    def at(self, at: str) -> tuple[dt.date, int, int]:
        key = at[:16]
        hit = self.cache.get(key)
        if hit is None:
            t = dt.datetime(
                int(key[0:4]), int(key[5:7]), int(key[8:10]), int(key[11:13]), int(key[14:16]), tzinfo=dt.UTC
            ).astimezone(clock.KST)
            hit = (t.date(), t.hour * 60 + t.minute, t.weekday())
            self.cache[key] = hit
        return hit

    def off(self, info: tuple[dt.date, int, int], workstation: str) -> bool:
        span = self.stations.get(workstation)
        if span is None:
            if info[2] not in self.days:
                return True
            span = self.default
        return not span[0] <= info[1] < span[1]


def _parse(at: str) -> dt.datetime:
    return dt.datetime.fromisoformat(at.replace("Z", "+00:00"))


def month_bounds(month: Month) -> tuple[str, str]:
    def start(day: dt.date) -> str:
        return clock.iso_utc(dt.datetime.combine(day, dt.time(0), clock.KST))

    return start(month.first_day()), start(month.last_day() + dt.timedelta(days=1))


def _views_per_account(session: Session, month: Month) -> dict[str, int]:
    lo, hi = month_bounds(month)
    rows = session.execute(
        select(AccessLogEntry.actor, func.count())
        .where(
            AccessLogEntry.at >= lo,
            AccessLogEntry.at < hi,
            AccessLogEntry.action.in_([str(a) for a in VIEWS]),
        )
        .group_by(AccessLogEntry.actor)
    )
    return {str(a): int(n) for a, n in rows}


def compute(session: Session, rules: ReviewRules, month: Month, today: dt.date) -> Computed:
    """Every finding of ``month`` (entries up to now), with the entries behind each."""
    lo, hi = month_bounds(month)
    clk = _Clock(rules)
    cap = rules.entries_cap
    counts: dict[str, Counts] = {}
    per_day: dict[dt.date, int] = defaultdict(int)
    off: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    off_n: dict[tuple[str, dt.date], int] = defaultdict(int)
    looked: dict[tuple[str, dt.date], dict[int, int]] = defaultdict(dict)  # patient id -> first seq
    confirm: list[tuple[int, str, dt.date, str]] = []  # seq, actor, day, action
    failed: dict[str, list[tuple[str, int]]] = defaultdict(list)
    locks: list[tuple[int, str, str | None]] = []
    perms: dict[tuple[str, dt.date], list[tuple[int, str]]] = defaultdict(list)
    checks: list[int] = []
    first = last = None
    n = 0
    view, search, unmask, export, prnt = (
        str(a) for a in (Action.VIEW, Action.SEARCH, Action.UNMASK, Action.EXPORT, Action.PRINT)
    )
    personal = frozenset(str(a) for a in PERSONAL)
    login_failed, lock = str(Action.LOGIN_FAILED), str(Action.LOCK)
    perm_actions = frozenset(str(a) for a in PERMISSION)
    integrity = frozenset((str(Action.VERIFY), str(Action.INTEGRITY)))
    # a batch entry (an import naming many patients, privdesk.audit.batches) counts as the patients it names
    listed = case((AccessLogEntry.subject == log_batches.SUBJECT, AccessLogEntry.detail), else_=None)
    stmt = select(
        AccessLogEntry.seq,
        AccessLogEntry.at,
        AccessLogEntry.actor,
        AccessLogEntry.workstation,
        AccessLogEntry.action,
        AccessLogEntry.subject,
        listed,
    ).where(AccessLogEntry.at >= lo, AccessLogEntry.at < hi)
    for seq, at, actor, ws, action, subject, batch in session.execute(stmt):
        weight = 1 if batch is None else log_batches.count_of(subject, batch)
        n += 1
        if first is None or seq < first:
            first = seq
        if last is None or seq > last:
            last = seq
        c = counts.get(actor)
        if c is None:
            c = counts[actor] = Counts()
        c.entries += weight
        info = clk.at(at)
        day = info[0]
        per_day[day] += weight
        if action in personal:
            if clk.off(info, ws):
                c.off_hours += weight
                k = (actor, day)
                off_n[k] += weight
                if off_n[k] <= cap:
                    off[k].append(seq)
            if action == view:
                c.views += 1
                if subject and subject.startswith("patient:"):
                    seen = looked[(actor, day)]
                    tail = subject[8:]
                    if tail.isdigit() and int(tail) not in seen:
                        seen[int(tail)] = seq
            elif action == search:
                c.views += 1
            elif action == unmask:
                c.unmasks += 1
                confirm.append((seq, actor, day, action))
            elif action == export:
                c.exports += 1
                confirm.append((seq, actor, day, action))
            elif action == prnt:
                c.prints += 1
                confirm.append((seq, actor, day, action))
        elif action == login_failed:
            c.failed_logins += 1
            failed[actor].append((at, seq))
        elif action == lock:
            locks.append((seq, actor, subject))
        elif action in perm_actions:
            perms[(actor, day)].append((seq, action))
        elif action in integrity:
            checks.append(seq)
    details = _details(session, [x[0] for x in confirm] + checks)
    found: list[Found] = []
    found += _off_hours(rules, off, off_n)
    found += _volume(session, rules, month, counts)
    found += _no_visit(session, rules, month, looked)
    found += _confirm(confirm, details)
    found += _failed(rules, failed)
    found += _locks(session, locks)
    found += _dormant(session, rules, month, today, hi)
    found += _perms(perms)
    found += _integrity(checks, details)
    began = session.execute(select(func.min(AccessLogEntry.at))).scalar_one_or_none()
    found += _idle(rules, month, today, per_day, clk.at(began)[0] if began else today)
    return Computed(n, first, last, counts, found)


def _details(session: Session, seqs: list[int]) -> dict[int, str | None]:
    out: dict[int, str | None] = {}
    for i in range(0, len(seqs), 500):
        chunk = seqs[i : i + 500]
        for seq, detail in session.execute(
            select(AccessLogEntry.seq, AccessLogEntry.detail).where(AccessLogEntry.seq.in_(chunk))
        ):
            out[int(seq)] = detail
    return out


def _off_hours(
    rules: ReviewRules, off: dict[tuple[str, dt.date], list[int]], off_n: dict[tuple[str, dt.date], int]
) -> Iterable[Found]:
    rule = f"업무시간({hours_text(rules)}) 밖의 개인정보 조회·처리: 계정별·날짜별 1건 이상"
    for (actor, day), seqs in sorted(off.items()):
        yield Found(
            FindingKind.OFF_HOURS,
            actor,
            day.isoformat(),
            f"{_day_label(day)} 업무시간 외 개인정보 조회·처리 {off_n[(actor, day)]}건",
            rule,
            off_n[(actor, day)],
            seqs,
        )


def _volume(session: Session, rules: ReviewRules, month: Month, counts: dict[str, Counts]) -> Iterable[Found]:
    history: dict[str, list[int]] = defaultdict(list)
    m = month
    for _ in range(rules.volume_months):
        m = m.previous()
        for actor, views in _views_per_account(session, m).items():
            if views:
                history[actor].append(views)
    logins = [a for a, c in counts.items() if c.views]
    depts = (
        {
            str(r[0]): str(r[1] or "")
            for r in session.execute(
                select(Account.login, Account.department).where(Account.login.in_(logins))
            )
        }
        if logins
        else {}
    )
    by_dept: dict[str, list[int]] = defaultdict(list)
    for login in logins:
        by_dept[depts.get(login, "")].append(counts[login].views)
    for login in sorted(logins):
        views = counts[login].views
        if views <= rules.volume_min:
            continue
        past = history.get(login)
        if past:
            base = float(statistics.median(past))
            basis = f"직전 {rules.volume_months}개월 중 조회가 있던 {len(past)}개월의 중앙값 {base:g}건"
        else:
            base = float(statistics.median(by_dept[depts.get(login, "")]))
            basis = f"이력이 없어 부서 이달 중앙값 {base:g}건"
        if views > rules.volume_factor * base:
            ratio = f"{views / base:.1f}배" if base else "이전 조회 없음"
            yield Found(
                FindingKind.VOLUME,
                login,
                "",
                f"이달 조회 {views}건: {basis}의 {ratio}",
                f"이달 조회 > 기준(본인 직전 {rules.volume_months}개월 중앙값, 없으면 부서 중앙값)×"
                f"{rules.volume_factor:g} 그리고 > {rules.volume_min}건",
                views,
            )


def _no_visit(
    session: Session, rules: ReviewRules, month: Month, looked: dict[tuple[str, dt.date], dict[int, int]]
) -> Iterable[Found]:
    from privdesk.registry.api import Intake
    from privdesk.rights.api import SubjectRequest

    candidates = {k: v for k, v in looked.items() if len(v) >= rules.no_visit_patients}
    if not candidates:
        return
    first, last = month.first_day(), month.last_day()
    visits: set[tuple[int, dt.date]] = {
        (p, d)
        for p, d in session.execute(
            select(Intake.patient_id, Intake.visit_date).where(
                Intake.visit_date >= first, Intake.visit_date <= last
            )
        )
    }
    start = dt.datetime.combine(first, dt.time(0), clock.KST)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), clock.KST)
    for p, at in session.execute(
        select(SubjectRequest.patient_id, SubjectRequest.received_at).where(
            SubjectRequest.patient_id.is_not(None),
            SubjectRequest.received_at >= start,
            SubjectRequest.received_at < end,
        )
    ):
        if p is not None:
            visits.add((p, clock.kst_day(at)))
    rule = f"하루에 {rules.no_visit_patients}명 이상의 환자를, 그날 접수(내원)나 정보주체 요구가 없는데 조회"
    for (actor, day), patients in sorted(candidates.items()):
        without = sorted(seq for pid, seq in patients.items() if (pid, day) not in visits)
        if len(without) >= rules.no_visit_patients:
            yield Found(
                FindingKind.NO_VISIT,
                actor,
                day.isoformat(),
                f"{_day_label(day)} 그날 접수·요구가 없는 환자 {len(without)}명 조회",
                rule,
                len(without),
                without[: rules.entries_cap],
            )


def _confirm(confirm: list[tuple[int, str, dt.date, str]], details: dict[int, str | None]) -> Iterable[Found]:
    groups: dict[tuple[str, str, dt.date, str], list[int]] = defaultdict(list)
    for seq, actor, day, action in confirm:
        groups[(action, actor, day, reason_of(details.get(seq)) or "")].append(seq)
    what = {
        str(Action.UNMASK): "마스킹 해제",
        str(Action.EXPORT): "내려받기(내보내기)",
        str(Action.PRINT): "출력",
    }
    for (action, actor, day, reason), seqs in sorted(groups.items()):
        kind = CONFIRM[Action(action)]
        tag = hashlib.sha256(reason.encode()).hexdigest()[:12]
        said = f"사유: {reason}" if reason else "사유 기록 없음"
        yield Found(
            kind,
            actor,
            f"{day.isoformat()}|{tag}",
            f"{_day_label(day)} {what[action]} {len(seqs)}건 — {said}",
            f"{josa(what[action], '은/는')} 기록된 사유를 건별로 확인(고시 제8조②: 내려받기 사유 확인)",
            len(seqs),
            seqs,
            reason or None,
        )


def _failed(rules: ReviewRules, failed: dict[str, list[tuple[str, int]]]) -> Iterable[Found]:
    window = dt.timedelta(minutes=rules.failed_window_minutes)
    rule = f"{rules.failed_window_minutes}분 안에 로그인 실패 {rules.failed_logins}회 이상"
    for actor, rows in sorted(failed.items()):
        items = sorted((_parse(at), seq) for at, seq in rows)
        i = 0
        while i < len(items):
            j = i
            while j + 1 < len(items) and items[j + 1][0] - items[i][0] <= window:
                j += 1
            if j - i + 1 >= rules.failed_logins:
                # the burst goes on while failures keep coming within the window of the previous one
                while j + 1 < len(items) and items[j + 1][0] - items[j][0] <= window:
                    j += 1
                burst = items[i : j + 1]
                start = clock.to_kst(burst[0][0])
                yield Found(
                    FindingKind.FAILED_LOGINS,
                    actor,
                    start.strftime("%Y-%m-%dT%H:%M"),
                    f"{start:%Y-%m-%d %H:%M}부터 로그인 실패 {len(burst)}회",
                    rule,
                    len(burst),
                    [s for _t, s in burst],
                )
                i = j + 1
            else:
                i += 1


def _acct_logins(session: Session, refs: Iterable[str | None]) -> dict[str, str]:
    ids = [int(r[5:]) for r in refs if r and r.startswith("acct:") and r[5:].isdigit()]
    if not ids:
        return {}
    return {
        f"acct:{i}": str(login)
        for i, login in session.execute(select(Account.id, Account.login).where(Account.id.in_(ids)))
    }


def _locks(session: Session, locks: list[tuple[int, str, str | None]]) -> Iterable[Found]:
    logins = _acct_logins(session, (s for _q, _a, s in locks))
    for seq, actor, subject in locks:
        who = logins.get(subject or "", actor)
        by = "로그인 연속 실패로 자동 잠금" if who == actor else f"{josa(actor, '이/가')} 잠금"
        yield Found(
            FindingKind.LOCKOUT, who, str(seq), f"계정 잠금 ({by})", "계정 잠금은 건별로 경위 확인", 1, [seq]
        )


def _dormant(session: Session, rules: ReviewRules, month: Month, today: dt.date, hi: str) -> Iterable[Found]:
    ref = min(month.last_day(), today)
    last_login = {
        str(a): str(at)
        for a, at in session.execute(
            select(AccessLogEntry.actor, func.max(AccessLogEntry.at))
            .where(AccessLogEntry.action == str(Action.LOGIN), AccessLogEntry.at < hi)
            .group_by(AccessLogEntry.actor)
        )
    }
    rule = f"{rules.dormant_days}일 이상 로그인하지 않았는데 사용 중(잠기지 않음)인 계정"
    for login, created, locked in session.execute(
        select(Account.login, Account.created_at, Account.locked)
        .where(Account.active.is_(True))
        .order_by(Account.login)
    ):
        if locked or clock.kst_day(created) > ref:
            continue
        used = clock.kst_day(created)
        if login in last_login:
            used = max(used, clock.kst_day(_parse(last_login[login])))
        idle = (ref - used).days
        if idle >= rules.dormant_days:
            yield Found(
                FindingKind.DORMANT,
                str(login),
                "",
                f"{ref.isoformat()} 기준 {idle}일째 로그인 없음 (마지막 사용 {used.isoformat()})",
                rule,
                0,
            )


def _perms(perms: dict[tuple[str, dt.date], list[tuple[int, str]]]) -> Iterable[Found]:
    for (actor, day), rows in sorted(perms.items()):
        kinds: dict[str, int] = defaultdict(int)
        for _seq, action in rows:
            kinds[PERMISSION[Action(action)]] += 1
        what = ", ".join(f"{k} {v}건" for k, v in sorted(kinds.items()))
        yield Found(
            FindingKind.PERMISSION_CHANGE,
            actor,
            day.isoformat(),
            f"{_day_label(day)} {what}",
            "역할·계정·비밀번호 초기화 등 권한 변경은 승인된 것인지 확인",
            len(rows),
            [s for s, _a in rows],
        )


def _integrity(checks: list[int], details: dict[int, str | None]) -> Iterable[Found]:
    for seq in checks:
        detail = details.get(seq) or ""
        m = _PROBLEMS_RE.search(detail)
        if m is not None:
            if int(m.group(1)) == 0:
                continue
            summary = f"무결성 검사에서 문제 {m.group(1)}건 발견"
        elif detail.startswith("sha256="):
            summary = "무결성 확인 기록(발견 또는 확인)이 남음"
        else:
            continue
        yield Found(
            FindingKind.INTEGRITY,
            None,
            str(seq),
            summary,
            "문제가 나온 무결성 검사와 무결성 확인 기록은 건별로 확인",
            1,
            [seq],
        )


def _idle(
    rules: ReviewRules, month: Month, today: dt.date, per_day: dict[dt.date, int], began: dt.date
) -> Iterable[Found]:
    """Working days without any entry, from the day of the log's oldest entry still kept to yesterday."""
    day = max(month.first_day(), began)
    end = min(month.last_day(), today - dt.timedelta(days=1))
    rule = (
        f"근무일({rules.days_label()})인데 접속기록이 한 건도 늘지 않은 날(기록이 꺼졌거나 지워졌을 수 있음)"
    )
    while day <= end:
        if day.weekday() in rules.work_days and not per_day.get(day):
            yield Found(
                FindingKind.HEAD_IDLE, None, day.isoformat(), f"{_day_label(day)} 접속기록 0건", rule, 0
            )
        day += dt.timedelta(days=1)
