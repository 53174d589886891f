"""Use cases of staff training (개인정보 보호 교육): record a session, record who attended, list
the sessions, who is overdue, the yearly figures the report prints; correct a session's facts
(:func:`correct_session`: a new row naming the one it corrects, with a reason — the original stays,
shown as corrected) and cancel an attendance recorded by mistake (:func:`cancel_attendance`). Every
list, the overdue computation and the report use the corrected view; a session keeps its number
(its first row's id) through its corrections.

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
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Actor, AppContext
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.store.models import Account
from privdesk.training.api import AccountStatus, counted, current, session_no, statuses
from privdesk.training.models import (
    EXTERNAL,
    INTERNAL,
    KIND_LABELS,
    TrainingAttendance,
    TrainingAttendanceCancel,
    TrainingSession,
)

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
class SessionVersion:
    """One recorded version of a session's facts (the first row, then each correction)."""

    row_id: int
    held_on: dt.date
    title: str
    kind: str
    minutes: int
    material: str
    instructor: str
    recorded_at: dt.datetime
    recorded_by: str
    reason: str | None  # the correction's reason; None on the first row

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def hours_text(self) -> str:
        return hours_text(self.minutes)

    def facts(self) -> str:
        extra = "".join(f", {x}" for x in (self.instructor, self.material) if x)
        return f"{self.held_on.isoformat()} {self.title} ({self.kind_label}, {self.hours_text}{extra})"


@dataclass(frozen=True)
class CancelledAttendance:
    """An attendance recorded by mistake and cancelled (the row stays; it no longer counts)."""

    attendee: Attendee
    reason: str
    cancelled_at: dt.datetime
    cancelled_by: str


@dataclass(frozen=True)
class SessionRow:
    """A session as it stands (its current version's facts), numbered by its first row."""

    id: int
    held_on: dt.date
    title: str
    kind: str
    minutes: int
    material: str
    instructor: str
    recorded_by: str
    attendees: tuple[Attendee, ...]
    history: tuple[SessionVersion, ...] = ()  # every version, the first row first, the current last
    cancelled: tuple[CancelledAttendance, ...] = ()

    @property
    def corrected(self) -> bool:
        return len(self.history) > 1

    @property
    def corrections(self) -> int:
        return max(0, len(self.history) - 1)

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
    """The session of ``s`` (any of its versions) as it stands: the current version's facts, the
    attendance that counts, the history and the cancelled attendance."""
    no = s.session_no
    versions = list(
        session.execute(
            select(TrainingSession).where(session_no() == no).order_by(TrainingSession.id)
        ).scalars()
    )
    c = versions[-1]
    people = session.execute(
        select(Account.id, Account.login, Account.name, Account.department)
        .join(TrainingAttendance, TrainingAttendance.account_id == Account.id)
        .where(TrainingAttendance.session_id == no, counted())
        .order_by(Account.name, Account.login)
    ).all()
    gone = session.execute(
        select(
            Account.id,
            Account.login,
            Account.name,
            Account.department,
            TrainingAttendanceCancel.reason,
            TrainingAttendanceCancel.recorded_at,
            TrainingAttendanceCancel.recorded_by,
        )
        .join(TrainingAttendance, TrainingAttendance.account_id == Account.id)
        .join(TrainingAttendanceCancel, TrainingAttendanceCancel.attendance_id == TrainingAttendance.id)
        .where(TrainingAttendance.session_id == no)
        .order_by(TrainingAttendanceCancel.id)
    ).all()
    return SessionRow(
        no,
        c.held_on,
        c.title,
        c.kind,
        c.minutes,
        c.material,
        c.instructor,
        versions[0].recorded_by,
        tuple(Attendee(i, login, name, dept or "") for i, login, name, dept in people),
        tuple(
            SessionVersion(
                v.id,
                v.held_on,
                v.title,
                v.kind,
                v.minutes,
                v.material,
                v.instructor,
                v.recorded_at,
                v.recorded_by,
                v.reason,
            )
            for v in versions
        ),
        tuple(
            CancelledAttendance(Attendee(i, login, name, dept or ""), why, at, by)
            for i, login, name, dept, why, at, by in gone
        ),
    )


def _current_of(session: Session, number: int) -> TrainingSession:
    """The current version of session ``number`` (its number, or the id of any of its versions)."""
    s = session.get(TrainingSession, number)
    if s is None:
        raise NotFoundError("교육 회차", f"{number}번")
    return session.execute(
        select(TrainingSession).where(session_no() == s.session_no, current())
    ).scalar_one()


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
        s = _current_of(u.session, session_id)
        no = s.session_no
        found = {
            a.login: a
            for a in u.session.execute(
                select(Account).where(Account.login.in_(wanted), Account.active.is_(True))
            ).scalars()
        }
        missing = [x for x in wanted if x not in found]
        if missing:
            raise NotFoundError("사용 중인 계정", f"ID {missing[0]}")
        have = {
            account_id: live
            for account_id, live in u.session.execute(
                select(
                    TrainingAttendance.account_id,
                    TrainingAttendance.id.not_in(select(TrainingAttendanceCancel.attendance_id)),
                ).where(TrainingAttendance.session_id == no)
            ).all()
        }
        cancelled = [x for x in wanted if found[x].id in have and not have[found[x].id]]
        if cancelled:
            raise RuleViolationError(
                f"ID {cancelled[0]}의 교육 회차 {no}번 이수 기록은 잘못 기록되어 취소되었습니다. 같은 회차에 "
                "다시 기록할 수 없습니다 — 취소가 잘못이었다면 개인정보 보호책임자에게 알리십시오."
            )
        added = 0
        now = clock.now()
        for login in wanted:
            a = found[login]
            if a.id in have:
                continue
            u.session.add(
                TrainingAttendance(session_id=no, account_id=a.id, recorded_at=now, recorded_by=actor.login)
            )
            added += 1
        u.session.flush()
        u.log(Action.CREATE, f"{SUBJECT}:{no}", detail=f"교육 회차 {no}번 이수 기록 {added}명")
        return _row(u.session, s), added


def correct_session(
    ctx: AppContext,
    actor: Actor,
    session_id: int,
    data: SessionInput,
    *,
    reason: str,
    today: dt.date | None = None,
) -> SessionRow:
    """Correct a session's facts (교육 회차 정정); ``training.manage``. ``data`` is the whole corrected
    session (checked like a new one); ``reason`` required. A new row names the version it corrects;
    the earlier versions stay and are shown as corrected; the attendance stays with the session."""
    c = checked(data, today or clock.today_kst())
    assert isinstance(c.held_on, dt.date) and isinstance(c.hours, int)
    why = require(reason, "정정 사유")
    with ctx.unit(actor, Permission.TRAINING_MANAGE) as u:
        old = _current_of(u.session, session_id)
        no = old.session_no
        same = (old.held_on, old.title, old.kind, old.minutes, old.material, old.instructor) == (
            c.held_on,
            c.title,
            c.kind,
            c.hours,
            c.material,
            c.instructor,
        )
        if same:
            raise ValidationError("title", f"교육 회차 {no}번의 기록과 바뀐 내용이 없습니다.")
        s = TrainingSession(
            held_on=c.held_on,
            title=c.title,
            kind=c.kind,
            minutes=c.hours,
            material=c.material,
            instructor=c.instructor,
            recorded_at=clock.now(),
            recorded_by=actor.login,
            corrects_id=old.id,
            root_id=no,
            reason=why,
        )
        u.session.add(s)
        u.session.flush()
        u.log(
            Action.UPDATE,
            f"{SUBJECT}:{no}",
            detail=with_reason(f"교육 회차 {no}번 정정 (기록 {old.id} → {s.id})", why),
        )
        return _row(u.session, s)


def cancel_attendance(
    ctx: AppContext, actor: Actor, session_id: int, logins: Sequence[str], *, reason: str
) -> tuple[SessionRow, int]:
    """Cancel the attendance of ``logins`` at session ``session_id`` recorded by mistake (이수 기록
    취소); ``training.manage``; ``reason`` required. The attendance rows stay; the overdue
    computation and the report no longer count them. An account with no counted attendance at the
    session is refused, nothing saved. Returns the session and how many were cancelled."""
    wanted = sorted({x.strip() for x in logins if x.strip()})
    if not wanted:
        raise ValidationError("accounts", "이수 기록을 취소할 계정을 하나 이상 고르십시오.")
    why = require(reason, "취소 사유")
    with ctx.unit(actor, Permission.TRAINING_MANAGE) as u:
        s = _current_of(u.session, session_id)
        no = s.session_no
        rows = dict(
            u.session.execute(
                select(Account.login, TrainingAttendance.id)
                .join(TrainingAttendance, TrainingAttendance.account_id == Account.id)
                .where(TrainingAttendance.session_id == no, Account.login.in_(wanted), counted())
            ).all()
        )
        missing = [x for x in wanted if x not in rows]
        if missing:
            raise NotFoundError(f"교육 회차 {no}번의 이수 기록", f"ID {missing[0]}")
        now = clock.now()
        u.session.add_all(
            TrainingAttendanceCancel(
                attendance_id=rows[x], reason=why, recorded_at=now, recorded_by=actor.login
            )
            for x in wanted
        )
        u.session.flush()
        u.log(
            Action.UPDATE,
            f"{SUBJECT}:{no}",
            detail=with_reason(f"교육 회차 {no}번 이수 기록 취소 {len(wanted)}명", why),
        )
        return _row(u.session, s), len(wanted)


def session_of(ctx: AppContext, actor: Actor, session_id: int) -> SessionRow:
    """One session as it stands, with its history (``training.read``)."""
    with ctx.unit(actor, Permission.TRAINING_READ) as u:
        row = _row(u.session, _current_of(u.session, session_id))
        u.log(Action.VIEW, f"{SUBJECT}:{row.id}", detail=f"교육 회차 {row.id}번")
        return row


def changed_input(
    row: SessionRow,
    *,
    held_on: dt.date | str | None = None,
    title: str | None = None,
    kind: str | None = None,
    hours: float | str | None = None,
    material: str | None = None,
    instructor: str | None = None,
) -> SessionInput:
    """The session ``row`` with the given facts changed, the others kept (for :func:`correct_session`)."""
    return SessionInput(
        row.held_on if held_on is None else held_on,
        row.title if title is None else title,
        row.kind if kind is None else kind,
        f"{row.minutes / 60:g}" if hours is None else hours,
        row.material if material is None else material,
        row.instructor if instructor is None else instructor,
    )


def list_sessions(ctx: AppContext, actor: Actor, year: int | None = None) -> list[SessionRow]:
    """The sessions (of ``year``, or all), newest first, with who attended; ``training.read``."""
    with ctx.unit(actor, Permission.TRAINING_READ) as u:
        stmt = (
            select(TrainingSession)
            .where(current())
            .order_by(TrainingSession.held_on.desc(), session_no().desc())
        )
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
                current(),
                TrainingSession.held_on >= dt.date(year, 1, 1),
                TrainingSession.held_on <= dt.date(year, 12, 31),
            )
            .order_by(TrainingSession.held_on, session_no())
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
