"""Staff training's face to other domains (services that run inside the caller's unit).

- :func:`account_status` / :func:`statuses`: when an account was last trained, when it falls due,
  how many days overdue (an account never trained counts from its creation date);
- :func:`current` / :func:`counted` / :func:`session_no`: the corrected view — a session's current
  version (no row corrects it), an attendance not cancelled, the session's number (its first row);
- :func:`ensure_trained`: the optional gate (profile ``[training] gate = true``): an account overdue
  by more than ``gate_days`` may not unmask or export personal data until it is trained again — the
  registry's unmask and export and the rights domain's unmasked answer call it inside their unit.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session, aliased

from privdesk import clock
from privdesk.errors import PermissionDeniedError, PrivdeskError
from privdesk.profile import HospitalProfile, TrainingRules, training_rules_from
from privdesk.store.models import Account
from privdesk.training.models import TrainingAttendance, TrainingAttendanceCancel, TrainingSession

GATE = "개인정보 보호 교육 이수(기한 경과)"  # the refusal's detail in the access log: 필요한 권한: …


class TrainingOverdueError(PermissionDeniedError):
    """The gate: an account overdue for training may not unmask or export (Korean message). A
    permission refusal, so the unit records it in the access log (``permission_denied``,
    detail :data:`GATE`) like any other."""

    def __init__(self, due: dt.date, days: int) -> None:
        PrivdeskError.__init__(
            self,
            f"개인정보 보호 교육 이수 기한({due.isoformat()})이 {days}일 지났습니다. 교육을 이수한 뒤에 "
            "마스킹 해제와 내보내기를 할 수 있습니다 — 개인정보 보호책임자에게 교육 이수 기록을 요청하십시오.",
        )
        self.permission = GATE
        self.due = due
        self.days = days


@dataclass(frozen=True)
class AccountStatus:
    """One account's training status on a day."""

    account_id: int
    login: str
    name: str
    department: str
    last_trained: dt.date | None  # None: never trained
    due: dt.date  # the last training (or the account's creation) + the interval
    overdue_days: int  # 0 when not overdue

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def never(self) -> bool:
        return self.last_trained is None

    @property
    def who(self) -> str:
        return f"{self.name}({self.login})"


def current() -> ColumnElement[bool]:
    """``TrainingSession`` is a session's current version: no row corrects it."""
    later = aliased(TrainingSession)
    return ~exists().where(later.corrects_id == TrainingSession.id)


def counted() -> ColumnElement[bool]:
    """``TrainingAttendance`` counts: not cancelled as recorded by mistake."""
    return TrainingAttendance.id.not_in(select(TrainingAttendanceCancel.attendance_id))


def session_no() -> ColumnElement[int]:
    """The session's number of a ``TrainingSession`` row: its first row's id (what attendance names)."""
    return func.coalesce(TrainingSession.root_id, TrainingSession.id)


def rules_of(profile: HospitalProfile) -> TrainingRules:
    return training_rules_from(profile.raw)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31 January + 1 month = 28/29 February)."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _status(account: Account, last: dt.date | None, rules: TrainingRules, today: dt.date) -> AccountStatus:
    start = last if last is not None else clock.kst_day(account.created_at)
    due = add_months(start, rules.interval_months)
    return AccountStatus(
        account.id,
        account.login,
        account.name,
        account.department or "",
        last,
        due,
        max(0, (today - due).days),
    )


def statuses(session: Session, profile: HospitalProfile, today: dt.date) -> list[AccountStatus]:
    """Every active account's status, the most overdue first, then by name (no access-log entry:
    the caller's unit logs its own look). The corrected view: a session's current day, cancelled
    attendance left out."""
    rules = rules_of(profile)
    last = dict(
        session.execute(
            select(TrainingAttendance.account_id, func.max(TrainingSession.held_on))
            .join(TrainingSession, session_no() == TrainingAttendance.session_id)
            .where(TrainingSession.held_on <= today, current(), counted())
            .group_by(TrainingAttendance.account_id)
        ).all()
    )
    accounts = session.execute(select(Account).where(Account.active.is_(True))).scalars()
    out = [_status(a, last.get(a.id), rules, today) for a in accounts]
    return sorted(out, key=lambda s: (-s.overdue_days, s.name, s.login))


def account_status(
    session: Session, profile: HospitalProfile, account: Account, today: dt.date
) -> AccountStatus:
    last = session.execute(
        select(func.max(TrainingSession.held_on))
        .join(TrainingAttendance, TrainingAttendance.session_id == session_no())
        .where(
            TrainingAttendance.account_id == account.id,
            TrainingSession.held_on <= today,
            current(),
            counted(),
        )
    ).scalar_one_or_none()
    return _status(account, last, rules_of(profile), today)


def ensure_trained(
    session: Session, profile: HospitalProfile, account: Account | None, today: dt.date | None = None
) -> None:
    """The gate, inside the caller's unit: raises :class:`TrainingOverdueError` when the profile turns
    it on and ``account`` is overdue by more than ``gate_days``. The system (``account=None``) and
    every account while the gate is off pass."""
    rules = rules_of(profile)
    if not rules.gate or account is None:
        return
    s = account_status(session, profile, account, today or clock.today_kst())
    if s.overdue_days > rules.gate_days:
        raise TrainingOverdueError(s.due, s.overdue_days)
