"""The access log as printed (접속기록 (출력)).

A period's entries in words, landscape — the account's name and department, the task as a
sentence, the subject as a chart or record number, the details as words — after a compact
summary: entries per kind of task, failed logins, refusals, and the exports, prints and
unmaskings whose reasons the monthly review confirms (개인정보의 안전성 확보조치 기준 제8조②).
The signed monthly review itself is its own record (``privdesk report access-review``).

Rows are :class:`privdesk.logview.ReadableRow` (any object with the attributes of
:class:`LogEntryRow`); the summary is passed in (:func:`privdesk.logview.summarise` makes it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from reportlab.platypus import Flowable

from privdesk import clock
from privdesk.files import Output
from privdesk.reports.template import (
    Column,
    Field,
    Form,
    Layout,
    PrintedBy,
    ReportMeta,
    new_meta,
    render,
)

TITLE = "접속기록 (출력)"
BASIS = "개인정보의 안전성 확보조치 기준 제8조 (접속기록의 보관 및 점검)"
RECORD_PREFIX = "AL"
WHAT = "report:access-log"
FORM = Form(TITLE, RECORD_PREFIX, BASIS, landscape=True)  # internal: 결재란


class LogEntryRow(Protocol):
    """One access-log entry in words (:class:`privdesk.logview.ReadableRow`)."""

    @property
    def seq(self) -> int: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def actor(self) -> str: ...
    @property
    def account(self) -> str: ...
    @property
    def department(self) -> str: ...
    @property
    def workstation(self) -> str: ...
    @property
    def ip(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def task(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def outcome_code(self) -> str: ...


def fmt_at(value: dt.datetime) -> str:
    """``2026. 12. 5. 14:30:15`` in KST (the access log keeps seconds)."""
    return clock.paper_datetime(value, seconds=True)


COLUMNS = (
    Column("번호", 0.05, "RIGHT"),
    Column("일시", 0.11, "CENTER"),
    Column("계정", 0.12),
    Column("수행업무", 0.17),
    Column("대상", 0.14),
    Column("상세", 0.27),
    Column("접속지", 0.09),
    Column("결과", 0.05, "CENTER"),
)


def table_rows(rows: Sequence[LogEntryRow]) -> list[list[str]]:
    out = []
    for r in sorted(rows, key=lambda r: r.seq):
        account = f"{r.account}\n{r.department}" if r.department else r.account
        place = f"{r.workstation}\n{r.ip}" if r.ip else r.workstation
        out.append([str(r.seq), fmt_at(r.at), account, r.task, r.subject, r.detail, place, r.outcome])
    return out


def _by_account(items: Sequence[tuple[str, int]], limit: int = 8) -> str:
    if not items:
        return "없음"
    total = sum(n for _, n in items)
    top = ", ".join(f"{a} {n:,}건" for a, n in items[:limit])
    more = f" 외 {len(items) - limit}개 계정" if len(items) > limit else ""
    return f"{total:,}건 — {top}{more}"


class LogSummary(Protocol):
    """The counts the summary prints (:func:`privdesk.logview.summarise` makes them)."""

    @property
    def total(self) -> int: ...
    @property
    def accounts(self) -> int: ...
    @property
    def per_task(self) -> Sequence[tuple[str, int, int]]: ...
    @property
    def failed_logins(self) -> Sequence[tuple[str, int]]: ...
    @property
    def refused(self) -> Sequence[tuple[str, int]]: ...
    @property
    def outputs(self) -> Sequence[tuple[str, int]]: ...


def summary_block(lay: Layout, meta: ReportMeta, s: LogSummary) -> list[Flowable]:
    """The compact summary: totals, failed logins, refusals, outputs, entries per kind of task."""
    outputs = ", ".join(f"{k} {n:,}건" for k, n in s.outputs) or "없음"
    form = lay.form(
        [
            (
                Field("기간", meta.period or "전체"),
                Field("총 기록", f"{s.total:,}건 · 계정 {s.accounts:,}개"),
            ),
            (Field("로그인 실패", _by_account(s.failed_logins)),),
            (Field("권한 거부", _by_account(s.refused)),),
            (Field("내보내기·출력·마스킹 해제", f"{outputs}  (사유는 월간 접속기록 점검에서 확인합니다)"),),
        ],
        label_width=0.16,
    )
    per_task = lay.table(
        [Column("수행업무 분류", 0.5), Column("건수", 0.25, "RIGHT"), Column("실패·거부", 0.25, "RIGHT")],
        [[k, f"{n:,}", f"{bad:,}" if bad else ""] for k, n, bad in s.per_task],
        zebra=False,
        width=0.45,
        empty="이 기간의 접속기록이 없습니다.",
    )
    return [form, lay.space(4), *lay.heading("수행업무 분류별 건수"), per_task]


def render_access_log(
    path: Path | Output,
    meta: ReportMeta,
    rows: Sequence[LogEntryRow],
    summary: LogSummary,
    *,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """Print the listing to ``path`` after its ``summary``; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        return [
            *summary_block(lay, meta, summary),
            lay.space(4),
            *lay.heading("접속기록"),
            lay.table(COLUMNS, table_rows(rows), empty="이 기간의 접속기록이 없습니다."),
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def meta_for(hospital: str, by: PrintedBy, period: str, printed_at: dt.datetime | None = None) -> ReportMeta:
    """This record's :class:`ReportMeta`: title, legal basis, landscape, a new record number."""
    return new_meta(hospital, FORM, by, period=period, printed_at=printed_at)
