"""Reading the access log (접속기록 조회·내보내기) for the viewer, the CLI and the monthly review.

:func:`page` gives the newest entries first with keyset pagination on ``seq``: each further page
asks for entries below the last ``seq`` it has, so a log of millions of entries opens and scrolls
without ``OFFSET`` scans. Equality filters use the ``(actor, seq)``, ``(action, seq)`` and
``(subject, seq)`` indexes; periods are inclusive dates in Korea Standard Time compared with the
fixed-width UTC text in ``at``.

Looking at the log is itself logged: one ``view`` entry per opening (the first page), one
``export`` entry per export, with the filter described.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import ColumnElement, Select, select

from privdesk import clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action, Outcome
from privdesk.context import Actor, AppContext
from privdesk.errors import ValidationError
from privdesk.files import Output
from privdesk.store.models import AccessLogEntry

SUBJECT = "access_log"
MAX_PAGE = 1000

ACTION_LABELS: dict[Action, str] = {
    Action.LOGIN: "로그인",
    Action.LOGIN_FAILED: "로그인 실패",
    Action.LOGOUT: "로그아웃",
    Action.LOCK: "계정 잠금",
    Action.UNLOCK: "계정 잠금 해제",
    Action.IDLE_LOCK: "화면 잠금(자리 비움)",
    Action.PASSWORD_CHANGE: "비밀번호 변경",
    Action.PASSWORD_RESET: "비밀번호 초기화",
    Action.ACCOUNT_CREATE: "계정 생성",
    Action.ACCOUNT_UPDATE: "계정 변경",
    Action.ROLE_CHANGE: "권한 변경",
    Action.PERMISSION_DENIED: "권한 없음(거부)",
    Action.VIEW: "조회",
    Action.SEARCH: "검색",
    Action.CREATE: "입력",
    Action.UPDATE: "변경",
    Action.DELETE: "삭제",
    Action.PRINT: "출력",
    Action.EXPORT: "다운로드(내보내기)",
    Action.IMPORT: "가져오기",
    Action.UNMASK: "마스킹 해제",
    Action.VERIFY: "무결성 검증",
    Action.ARCHIVE: "보관(아카이브)",
    Action.INIT: "초기 설정",
    Action.SYSTEM: "시스템",
    Action.INTEGRITY: "무결성 위반 발견·확인",
    Action.BACKUP: "백업",
    Action.RESTORE: "복원",
}

OUTCOME_LABELS: dict[str, str] = {Outcome.OK: "성공", Outcome.DENIED: "거부", Outcome.FAILED: "실패"}

CSV_HEADER = ("번호", "일시(KST)", "계정", "접속지(호스트)", "IP", "수행업무", "대상", "검색 항목",
              "결과", "상세")


@dataclass(frozen=True)
class LogFilter:
    """What the viewer filters on; ``since``/``until`` are inclusive dates in KST."""

    actor: str | None = None
    action: str | None = None
    subject: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def describe(self) -> str:
        """The filter in words, for the log entry of a view or an export (no personal data:
        accounts are logins, subjects internal references)."""
        parts = []
        if self.actor:
            parts.append(f"계정={self.actor}")
        if self.action:
            parts.append(f"수행업무={self.action}")
        if self.subject:
            parts.append(f"대상={self.subject}")
        if self.since or self.until:
            parts.append(f"기간={clock.fmt_date(self.since)}~{clock.fmt_date(self.until)}")
        return ", ".join(parts) if parts else "전체"


@dataclass(frozen=True)
class LogRow:
    seq: int
    at: dt.datetime          # aware, UTC
    actor: str
    workstation: str
    ip: str
    action: str
    subject: str | None
    search_kind: str | None
    outcome: str
    detail: str | None


def actions() -> list[tuple[str, str]]:
    """(code, Korean label) for every action, in the enum's order, for the filter combo."""
    return [(str(a), ACTION_LABELS.get(a, str(a))) for a in Action]


def action_label(code: str) -> str:
    try:
        return ACTION_LABELS.get(Action(code), code)
    except ValueError:
        return code


def kst_start(day: dt.date) -> str:
    """``at`` text of 00:00 KST on ``day`` (the log stores UTC text of fixed width)."""
    return clock.iso_utc(dt.datetime.combine(day, dt.time(0), clock.KST))


def _conditions(flt: LogFilter) -> list[ColumnElement[bool]]:
    t = AccessLogEntry
    cond: list[ColumnElement[bool]] = []
    if flt.since and flt.until and flt.since > flt.until:
        raise ValidationError("until", "기간의 끝 날짜가 시작 날짜보다 앞섭니다. 기간을 다시 지정하십시오.")
    if flt.actor:
        cond.append(t.actor == flt.actor)
    if flt.action:
        cond.append(t.action == flt.action)
    if flt.subject:
        cond.append(t.subject == flt.subject)
    if flt.since:
        cond.append(t.at >= kst_start(flt.since))
    if flt.until:
        cond.append(t.at < kst_start(flt.until + dt.timedelta(days=1)))
    return cond


def _select(flt: LogFilter) -> Select[*tuple[Any, ...]]:
    t = AccessLogEntry
    return select(t.seq, t.at, t.actor, t.workstation, t.ip, t.action, t.subject, t.search_kind,
                  t.outcome, t.detail).where(*_conditions(flt))


def _row(r: Any) -> LogRow:
    return LogRow(int(r[0]), dt.datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7],
                  r[8], r[9])


def page(ctx: AppContext, actor: Actor, flt: LogFilter, *, before_seq: int | None = None,
         limit: int = 200) -> list[LogRow]:
    """Newest entries first matching ``flt``; pass the last row's ``seq`` as ``before_seq`` for
    the next page. The first page (``before_seq is None``) logs one ``view`` of the access log."""
    limit = max(1, min(limit, MAX_PAGE))
    stmt = _select(flt)
    if before_seq is not None:
        stmt = stmt.where(AccessLogEntry.seq < before_seq)
    stmt = stmt.order_by(AccessLogEntry.seq.desc()).limit(limit)
    with ctx.unit(actor, Permission.AUDIT_READ) as u:
        rows = [_row(r) for r in u.session.execute(stmt)]
        if before_seq is None:
            u.log(Action.VIEW, SUBJECT, detail=flt.describe())
    return rows


def csv_record(r: LogRow) -> list[str]:
    """One entry as CSV cells (the writer neutralises formulas: :func:`privdesk.files.csv_cell`)."""
    return [str(r.seq), clock.to_kst(r.at).strftime("%Y-%m-%d %H:%M:%S"), r.actor, r.workstation, r.ip,
            action_label(r.action), r.subject or "", r.search_kind or "", OUTCOME_LABELS.get(r.outcome, r.outcome),
            r.detail or ""]


def write_csv(rows: Iterable[LogRow], fh: IO[str]) -> int:
    """Oldest first as the rows come; every cell spreadsheet-safe."""
    n = 0
    w = files.csv_writer(fh)
    w.writerow(CSV_HEADER)
    for r in rows:
        w.writerow(csv_record(r))
        n += 1
    return n


def export_csv(ctx: AppContext, actor: Actor, flt: LogFilter, path: Path | Output) -> int:
    """접속기록 다운로드: write the filtered entries (oldest first) to ``path`` as CSV and log it.

    UTF-8 with a BOM so Excel reads the Hangul, owner-only, through the one safe writer
    (:mod:`privdesk.files`): the file appears only when the export is logged (it is renamed into
    place after the log entry is committed)."""
    out = files.guarded(ctx.settings, path)
    stmt = _select(flt).order_by(AccessLogEntry.seq).execution_options(yield_per=2000)
    with files.replacing(out) as fh, ctx.unit(actor, Permission.AUDIT_EXPORT) as u:
        n = write_csv((_row(r) for r in u.session.execute(stmt)), fh)
        u.log(Action.EXPORT, SUBJECT, detail=f"{flt.describe()}; {n}건; 파일={out.path.name}")
    return n
