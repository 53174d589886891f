"""The access-log review sheet (접속기록 점검표).

개인정보의 안전성 확보조치 기준 제8조②: the privacy officer reviews the access log at least once a
month; downloads (다운로드) of personal data need their reason checked. This sheet prints a period's
entries, landscape, after a summary block — entries per task (수행업무), failed logins, refused
actions, printings/downloads/unmaskings — and boxes for the review result.

Rows are shaped like :class:`privdesk.audit.query.LogRow` (any object with the attributes of
:class:`LogEntryRow`); task and outcome labels are the audit module's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from reportlab.platypus import Flowable

from privdesk import clock
from privdesk.audit.chain import Action, Outcome
from privdesk.audit.query import OUTCOME_LABELS, action_label
from privdesk.files import Output
from privdesk.reports.template import (
    Column,
    Field,
    Form,
    Layout,
    PrintedBy,
    ReportMeta,
    checkboxes,
    new_meta,
    render,
)

TITLE = "접속기록 점검표"
BASIS = "개인정보의 안전성 확보조치 기준 제8조제2항 (접속기록 월 1회 이상 점검, 다운로드 사유 확인)"
RECORD_PREFIX = "AL"
WHAT = "report:access-log"
FORM = Form(TITLE, RECORD_PREFIX, BASIS, landscape=True)   # internal: 결재란

# Tasks whose reason the officer checks (제8조②: 다운로드; printing and unmasking likewise).
TO_CHECK = (Action.EXPORT, Action.PRINT, Action.UNMASK)


class LogEntryRow(Protocol):
    """One access-log entry as the audit query returns it."""

    @property
    def seq(self) -> int: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def actor(self) -> str: ...
    @property
    def workstation(self) -> str: ...
    @property
    def ip(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def search_kind(self) -> str | None: ...
    @property
    def outcome(self) -> str: ...
    @property
    def detail(self) -> str | None: ...


def fmt_at(value: dt.datetime) -> str:
    """``2026. 12. 5. 14:30:15`` in KST (the access log keeps seconds)."""
    return clock.paper_datetime(value, seconds=True)


COLUMNS = (
    Column("번호", 0.055, "RIGHT"),
    Column("일시", 0.12, "CENTER"),
    Column("계정", 0.08),
    Column("접속지", 0.13),
    Column("수행업무", 0.08, "CENTER"),
    Column("대상", 0.12),
    Column("검색 항목", 0.065, "CENTER"),
    Column("결과", 0.05, "CENTER"),
    Column("비고", 0.30),
)


def table_rows(rows: Sequence[LogEntryRow]) -> list[list[str]]:
    out = []
    for r in sorted(rows, key=lambda r: r.seq):
        place = f"{r.workstation} ({r.ip})" if r.ip else r.workstation
        out.append([str(r.seq), fmt_at(r.at), r.actor, place, action_label(r.action), r.subject or "",
                    r.search_kind or "", OUTCOME_LABELS.get(r.outcome, r.outcome), r.detail or ""])
    return out


def _by_actor(counter: Counter[str], limit: int = 8) -> str:
    if not counter:
        return "없음"
    total = sum(counter.values())
    top = ", ".join(f"{a} {n:,}건" for a, n in counter.most_common(limit))
    more = f" 외 {len(counter) - limit}개 계정" if len(counter) > limit else ""
    return f"{total:,}건 — {top}{more}"


def summary_block(lay: Layout, meta: ReportMeta, rows: Sequence[LogEntryRow]) -> list[Flowable]:
    """The officer's summary: totals, failed logins, refusals, tasks to check, review boxes."""
    actions: Counter[str] = Counter()
    not_ok: Counter[str] = Counter()
    failed_logins: Counter[str] = Counter()
    denied: Counter[str] = Counter()
    to_check: Counter[str] = Counter()
    for r in rows:
        actions[r.action] += 1
        if r.outcome != Outcome.OK:
            not_ok[r.action] += 1
        if r.action == Action.LOGIN_FAILED:
            failed_logins[r.actor] += 1
        if r.outcome == Outcome.DENIED or r.action == Action.PERMISSION_DENIED:
            denied[r.actor] += 1
        if r.action in TO_CHECK:
            to_check[action_label(r.action)] += 1
    accounts = len({r.actor for r in rows})
    checks = ", ".join(f"{k} {n:,}건" for k, n in sorted(to_check.items())) or "없음"
    form = lay.form([
        (Field("점검 기간", meta.period or "전체"), Field("총 기록", f"{len(rows):,}건 · 계정 {accounts:,}개")),
        (Field("로그인 실패", _by_actor(failed_logins)),),
        (Field("권한 거부", _by_actor(denied)),),
        (Field("사유 확인 대상", f"{checks}  (다운로드·출력·마스킹 해제는 업무상 사유를 확인하십시오)"),),
        (Field("점검 결과", checkboxes(["이상 없음", "조치 필요"])), Field("점검자·점검일", "")),
        (Field("점검 의견", lay.space(16)),),
    ], label_width=0.12)
    per_action = lay.table(
        [Column("수행업무", 0.5), Column("건수", 0.25, "RIGHT"), Column("실패·거부", 0.25, "RIGHT")],
        [[action_label(a), f"{n:,}", f"{not_ok[a]:,}" if not_ok[a] else ""]
         for a, n in sorted(actions.items(), key=lambda kv: (-kv[1], kv[0]))],
        zebra=False, width=0.45, empty="이 기간의 접속기록이 없습니다.")
    return [form, lay.space(4), *lay.heading("수행업무별 건수"), per_action]


def render_access_log(path: Path | Output, meta: ReportMeta, rows: Sequence[LogEntryRow], *,
                      on_page: Callable[[int], None] | None = None,
                      before_publish: Callable[[int], None] | None = None) -> int:
    """Print the review sheet to ``path``; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        return [*summary_block(lay, meta, rows), lay.space(4), *lay.heading("접속기록"),
                lay.table(COLUMNS, table_rows(rows), empty="이 기간의 접속기록이 없습니다.")]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def meta_for(hospital: str, by: PrintedBy, period: str, printed_at: dt.datetime | None = None) -> ReportMeta:
    """This record's :class:`ReportMeta`: title, legal basis, landscape, a new record number."""
    return new_meta(hospital, FORM, by, period=period, printed_at=printed_at)
