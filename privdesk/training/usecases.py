"""Use cases of staff training (개인정보 보호 교육): record a session, record who attended, list
the sessions, who is overdue, the yearly figures the report prints.

Each runs through ``ctx.unit(actor, Permission.X)``: ``training.manage`` to record, ``training.read``
to read. Staff names are personal data too: every look is an access-log entry (subject
``training``), every record a ``create`` entry naming the session number — never a name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.errors import NotFoundError, ValidationError
from privdesk.store.models import Account
from privdesk.training.api import AccountStatus, statuses
from privdesk.training.models import EXTERNAL, INTERNAL, KIND_LABELS, TrainingAttendance, TrainingSession

SUBJECT = "training"
KIND_WORDS = {INTERNAL: INTERNAL, EXTERNAL: EXTERNAL, "내부": INTERNAL, "외부": EXTERNAL}


@dataclass(frozen=True)
class SessionInput:
    """A session as the officer enters it (text as typed; :func:`add_session` checks it)."""

    held_on: dt.date | str
    title: str
    kind: str  # internal / external (내부 / 외부)
    hours: float | str
    material: str = ""
    instructor: str = ""


@dataclass(frozen=True)
class Attendee:
    account_id: int
    login: str
    name: str
    department: str

    @property
    def who(self) -> str:
        return f"{self.name}({self.login})"


@dataclass(frozen=True)
class SessionRow:
    id: int
    held_on: dt.date
    title: str
    kind: str
    minutes: int
    material: str
    instructor: str
    recorded_by: str
    attendees: tuple[Attendee, ...]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def hours_text(self) -> str:
        return hours_text(self.minutes)


@dataclass(frozen=True)
class DepartmentLine:
    """One department in the yearly report: accounts, how many attended a session in the year."""

    department: str
    accounts: int
    trained: int

    @property
    def rate(self) -> str:
        return f"{100 * self.trained / self.accounts:.0f}%" if self.accounts else "-"


@dataclass(frozen=True)
class TrainingYear:
    """What the yearly training report prints."""

    year: int
    sessions: tuple[SessionRow, ...]
    departments: tuple[DepartmentLine, ...]
    overdue: tuple[AccountStatus, ...]
    interval_months: int
    as_of: dt.date

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.sessions)


def hours_text(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}시간" + (f" {m}분" if m else "") if h else f"{m}분"


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _minutes(hours: float | str) -> int:
    text = str(hours).strip().replace("시간", "")
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise ValidationError("hours", "교육 시간은 시간 단위의 수로 입력하십시오 (예: 2 또는 1.5).")
    minutes = round(float(text) * 60)
    if not 10 <= minutes <= 24 * 60:
        raise ValidationError("hours", "교육 시간은 10분(0.17시간) 이상 24시간 이하여야 합니다.")
    return minutes


def checked(data: SessionInput, today: dt.date) -> SessionInput:
    """The input with its values checked (Korean ValidationError naming the field)."""
    try:
        held = data.held_on if isinstance(data.held_on, dt.date) else clock.parse_date(data.held_on)
    except ValueError:
        raise ValidationError("held_on", "교육일은 YYYY-MM-DD 형식으로 입력하십시오.") from None
    if held > today:
        raise ValidationError("held_on", "교육일이 오늘보다 뒤입니다. 교육을 마친 뒤에 기록하십시오.")
    title = _clean(data.title)
    if not title:
        raise ValidationError("title", "교육 제목을 입력하십시오.")
    if len(title) > 200:
        raise ValidationError("title", "교육 제목은 200자 이내로 입력하십시오.")
    kind = KIND_WORDS.get(_clean(data.kind))
    if kind is None:
        raise ValidationError("kind", "교육 구분은 내부 또는 외부여야 합니다.")
    material, instructor = _clean(data.material), _clean(data.instructor)
    if len(material) > 500 or len(instructor) > 100:
        raise ValidationError("material", "교재·자료는 500자, 강사는 100자 이내로 입력하십시오.")
    return SessionInput(held, title, kind, _minutes(data.hours), material, instructor)


def _row(session: Session, s: TrainingSession) -> SessionRow:
    people = session.execute(
        select(Account.id, Account.login, Account.name, Account.department)
        .join(TrainingAttendance, TrainingAttendance.account_id == Account.id)
        .where(TrainingAttendance.session_id == s.id)
        .order_by(Account.name, Account.login)
    ).all()
    return SessionRow(
        s.id,
        s.held_on,
        s.title,
        s.kind,
        s.minutes,
        s.material,
        s.instructor,
        s.recorded_by,
        tuple(Attendee(i, login, name, dept or "") for i, login, name, dept in people),
    )


def add_session(
    ctx: AppContext, actor: Actor, data: SessionInput, *, today: dt.date | None = None
) -> SessionRow:
    """Record a training session (교육 회차 등록); ``training.manage``."""
    c = checked(data, today or clock.today_kst())
    assert isinstance(c.held_on, dt.date) and isinstance(c.hours, int)
    with ctx.unit(actor, Permission.TRAINING_MANAGE) as u:
        s = TrainingSession(
            held_on=c.held_on,
            title=c.title,
            kind=c.kind,
            minutes=c.hours,
            material=c.material,
            instructor=c.instructor,
            recorded_at=clock.now(),
            recorded_by=actor.login,
        )
        u.session.add(s)
        u.session.flush()
        u.log(Action.CREATE, f"{SUBJECT}:{s.id}", detail=f"교육 회차 {s.id}번 {c.held_on.isoformat()}")
        return _row(u.session, s)


def attend(ctx: AppContext, actor: Actor, session_id: int, logins: Sequence[str]) -> tuple[SessionRow, int]:
    """Record that the accounts ``logins`` attended session ``session_id`` (이수 기록);
    ``training.manage``. Returns the session and how many were newly recorded (an account already
    recorded for the session is left as it is). An unknown or inactive login is refused, nothing saved."""
    wanted = sorted({x.strip() for x in logins if x.strip()})
    if not wanted:
        raise ValidationError("accounts", "이수한 계정을 하나 이상 고르십시오.")
    with ctx.unit(actor, Permission.TRAINING_MANAGE) as u:
        s = u.session.get(TrainingSession, session_id)
        if s is None:
            raise NotFoundError("교육 회차", f"{session_id}번")
        found = {
            a.login: a
            for a in u.session.execute(
                select(Account).where(Account.login.in_(wanted), Account.active.is_(True))
            ).scalars()
        }
        missing = [x for x in wanted if x not in found]
        if missing:
            raise NotFoundError("사용 중인 계정", f"ID {missing[0]}")
        have = set(
            u.session.execute(
                select(TrainingAttendance.account_id).where(TrainingAttendance.session_id == s.id)
            ).scalars()
        )
        added = 0
        now = clock.now()
        for login in wanted:
            a = found[login]
            if a.id in have:
                continue
            u.session.add(
                TrainingAttendance(session_id=s.id, account_id=a.id, recorded_at=now, recorded_by=actor.login)
            )
            added += 1
        u.session.flush()
        u.log(Action.CREATE, f"{SUBJECT}:{s.id}", detail=f"교육 회차 {s.id}번 이수 기록 {added}명")
        return _row(u.session, s), added


def list_sessions(ctx: AppContext, actor: Actor, year: int | None = None) -> list[SessionRow]:
    """The sessions (of ``year``, or all), newest first, with who attended; ``training.read``."""
    with ctx.unit(actor, Permission.TRAINING_READ) as u:
        stmt = select(TrainingSession).order_by(TrainingSession.held_on.desc(), TrainingSession.id.desc())
        if year is not None:
            stmt = stmt.where(
                TrainingSession.held_on >= dt.date(year, 1, 1),
                TrainingSession.held_on <= dt.date(year, 12, 31),
            )
        rows = [_row(u.session, s) for s in u.session.execute(stmt).scalars()]
        u.log(Action.VIEW, SUBJECT, detail=f"교육 회차 {len(rows)}건" + (f" ({year}년)" if year else ""))
        return rows


def account_statuses(
    ctx: AppContext, actor: Actor, *, overdue_only: bool = False, today: dt.date | None = None
) -> list[AccountStatus]:
    """Every active account's training status (or the overdue ones), the most overdue first;
    ``training.read``."""
    today = today or clock.today_kst()
    with ctx.unit(actor, Permission.TRAINING_READ) as u:
        rows = statuses(u.session, ctx.profile, today)
        if overdue_only:
            rows = [r for r in rows if r.overdue]
        u.log(
            Action.VIEW,
            SUBJECT,
            detail=f"교육 이수 현황 {len(rows)}명" + (" (기한 경과)" if overdue_only else ""),
        )
        return rows


def accounts(ctx: AppContext, actor: Actor) -> list[Attendee]:
    """The active accounts to pick attendees from, by name; ``training.manage``."""
    with ctx.unit(actor, Permission.TRAINING_MANAGE) as u:
        rows = [
            Attendee(a.id, a.login, a.name, a.department or "")
            for a in u.session.execute(
                select(Account).where(Account.active.is_(True)).order_by(Account.name, Account.login)
            ).scalars()
        ]
        u.log(Action.VIEW, SUBJECT, detail=f"교육 대상 계정 {len(rows)}명")
        return rows


def year_of(session: Session, ctx: AppContext, year: int, today: dt.date) -> TrainingYear:
    """The yearly figures inside the caller's unit (the report's data)."""
    from privdesk.training.api import rules_of

    sessions = [
        _row(session, s)
        for s in session.execute(
            select(TrainingSession)
            .where(
                TrainingSession.held_on >= dt.date(year, 1, 1),
                TrainingSession.held_on <= dt.date(year, 12, 31),
            )
            .order_by(TrainingSession.held_on, TrainingSession.id)
        ).scalars()
    ]
    trained = {a.account_id for s in sessions for a in s.attendees}
    by_dept: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in session.execute(select(Account).where(Account.active.is_(True))).scalars():
        line = by_dept[a.department or "(부서 없음)"]
        line[0] += 1
        line[1] += a.id in trained
    departments = tuple(DepartmentLine(d, n, t) for d, (n, t) in sorted(by_dept.items()))
    as_of = min(today, dt.date(year, 12, 31))
    overdue = tuple(s for s in statuses(session, ctx.profile, as_of) if s.overdue)
    return TrainingYear(
        year, tuple(sessions), departments, overdue, rules_of(ctx.profile).interval_months, as_of
    )
