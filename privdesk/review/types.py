"""The review's plain data (no database): the month, the kinds of finding, results, 소명 states and
the dataclasses the screens and the report render."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from privdesk.errors import RuleViolationError, ValidationError

_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month in Korea (``2026-11``)."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        m = _MONTH_RE.match(text or "")
        if m is None or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2999:
            raise ValidationError(
                "month", f"점검할 달은 'YYYY-MM' 형식으로 적으십시오 (예: 2026-11): {text!r}"
            )
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def label(self) -> str:
        return f"{self.year}년 {self.month}월"


class FindingKind(StrEnum):
    OFF_HOURS = "off_hours"
    VOLUME = "volume"
    NO_VISIT = "no_visit"
    UNMASK = "unmask"
    DOWNLOAD = "download"
    PRINT = "print"
    FAILED_LOGINS = "failed_logins"
    LOCKOUT = "lockout"
    DORMANT = "dormant"
    PERMISSION_CHANGE = "permission_change"
    INTEGRITY = "integrity"
    HEAD_IDLE = "head_idle"


KIND_LABELS: dict[FindingKind, str] = {
    FindingKind.OFF_HOURS: "업무시간 외 접속",
    FindingKind.VOLUME: "평소보다 많은 조회",
    FindingKind.NO_VISIT: "내원·요구 없는 환자 다수 조회",
    FindingKind.UNMASK: "마스킹 해제",
    FindingKind.DOWNLOAD: "내려받기(내보내기)",
    FindingKind.PRINT: "출력",
    FindingKind.FAILED_LOGINS: "로그인 연속 실패",
    FindingKind.LOCKOUT: "계정 잠금",
    FindingKind.DORMANT: "장기 미사용 계정",
    FindingKind.PERMISSION_CHANGE: "권한 변경",
    FindingKind.INTEGRITY: "무결성 검사 결과",
    FindingKind.HEAD_IDLE: "접속기록이 늘지 않은 근무일",
}


class Result(StrEnum):
    NORMAL = "normal"
    ACTION = "action"


RESULT_LABELS: dict[Result, str] = {Result.NORMAL: "정상", Result.ACTION: "조치 필요"}


class JState(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


J_LABELS: dict[JState, str] = {
    JState.OPEN: "소명 요청됨",
    JState.ANSWERED: "답변됨",
    JState.ACCEPTED: "수용",
    JState.REJECTED: "반려(조치 필요)",
}


class ReviewSignedError(RuleViolationError):
    """The month is signed: it cannot be re-signed, re-run or edited."""

    def __init__(self, month: str) -> None:
        super().__init__(
            f"이미 서명된 달입니다({month}): 서명된 접속기록 점검은 다시 서명하거나 고칠 수 없습니다."
        )
        self.month = month


@dataclass(frozen=True)
class Justification:
    """소명: a finding sent to the account that caused it, its answer and the reviewer's decision."""

    id: int
    finding_id: int
    month: str
    kind: FindingKind
    finding_summary: str
    account: str
    account_name: str
    asked_by: str
    asked_at: dt.datetime
    message: str
    due: dt.date
    answer: str | None
    answered_at: dt.datetime | None
    state: JState
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str | None
    overdue: bool
    asked_by_name: str = ""  # the reviewer's name (이름(ID) is shown as asked_by_label)
    decided_by_name: str = ""

    @property
    def asked_by_label(self) -> str:
        return (
            f"{self.asked_by_name}({self.asked_by})"
            if self.asked_by_name and self.asked_by_name != self.asked_by
            else self.asked_by
        )

    @property
    def decided_by_label(self) -> str:
        if not self.decided_by:
            return ""
        return (
            f"{self.decided_by_name}({self.decided_by})"
            if self.decided_by_name and self.decided_by_name != self.decided_by
            else self.decided_by
        )


@dataclass(frozen=True)
class Finding:
    id: int
    month: str
    kind: FindingKind
    account: str | None
    account_name: str | None
    department: str | None
    summary: str
    rule: str
    entry_count: int
    weight: int
    reason: str | None
    result: Result | None
    result_note: str | None
    result_by: str | None
    result_at: dt.datetime | None
    justification: Justification | None
    result_by_name: str | None = None  # 이름(ID) of result_by (result_by stays the login: it is signed)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class AccountSummary:
    login: str
    name: str
    department: str
    entries: int
    views: int
    unmasks: int
    exports: int
    prints: int
    failed_logins: int
    off_hours: int
    risk: int
    risk_explained: str
    risk_history: tuple[tuple[str, int], ...]
    department_median: float


@dataclass(frozen=True)
class SignOff:
    month: str
    by: str
    by_name: str
    at: dt.datetime
    head_seq: int
    head_hash: str
    findings: int
    normal: int
    action: int


@dataclass(frozen=True)
class MonthReview:
    month: str
    entries: int
    first_seq: int | None
    last_seq: int | None
    accounts: tuple[AccountSummary, ...]
    findings: tuple[Finding, ...]
    signed: SignOff | None
    thresholds: tuple[tuple[str, str], ...]

    def by_kind(self) -> list[tuple[FindingKind, int, int, int]]:
        """(kind, findings, 정상, 조치 필요) for the kinds found, in the enum's order."""
        out = []
        for kind in FindingKind:
            of = [f for f in self.findings if f.kind == kind]
            if of:
                out.append(
                    (
                        kind,
                        len(of),
                        sum(f.result == Result.NORMAL for f in of),
                        sum(f.result == Result.ACTION for f in of),
                    )
                )
        return out

    @property
    def open_justifications(self) -> tuple[Justification, ...]:
        return tuple(
            f.justification
            for f in self.findings
            if f.justification is not None and f.justification.state in (JState.OPEN, JState.ANSWERED)
        )

    @property
    def unresolved(self) -> int:
        return sum(f.result is None for f in self.findings)


@dataclass(frozen=True)
class ReviewPending:
    unsigned_month: str | None
    remind: bool
    to_answer: tuple[Justification, ...]
    to_decide: int
    open_sent: int
    overdue_sent: int
