"""The processor list for the policy (개인정보 처리업무 위탁 현황 — 수탁업체).

법 제26조② / 시행령 제28조②: the outsourced work and the processors are published in the privacy
policy. This record lists the processors in use with the policy's columns (수탁업체명, 위탁업무 내용,
보유기간) and what supervision adds (계약기간, 최근 점검·교육일, 법 제26조④). A contract ending soon
or already ended is marked in words ("종료 임박 (D-12)", "계약 만료"), so the paper shows it too.

A second table is the supervision record of 법 제26조: per processor, the contract's required
contents (법 제26조①, 시행령 제28조①: n/7 and what is missing or unchecked), the sub-processors
(재위탁, 법 제26조⑥) and, at the contract's end, the return or destruction of the data with its
evidence. An ended contract without that evidence is listed and marked "반환·파기 미확인" until it
is recorded.

Rows are shaped like :class:`privdesk.disclosures.processors.ProcessorRow`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from reportlab.platypus import Flowable

from privdesk import clock
from privdesk.files import Output
from privdesk.reports.template import Column, Field, Form, Layout, PrintedBy, ReportMeta, new_meta, render

TITLE = "개인정보 처리업무 위탁 현황 (수탁업체)"
BASIS = "개인정보 보호법 제26조 (업무위탁에 따른 개인정보의 처리 제한) · 같은 법 시행령 제28조"
RECORD_PREFIX = "PR"
WHAT = "report:processors"
FORM = Form(TITLE, RECORD_PREFIX, BASIS)  # internal: 결재란
INTRO = "본원은 원활한 개인정보 업무처리를 위하여 다음과 같이 개인정보 처리업무를 위탁하고 있습니다."


class ProcessorEntryRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def task(self) -> str: ...
    @property
    def retention(self) -> str: ...
    @property
    def contract_start(self) -> dt.date | None: ...
    @property
    def contract_end(self) -> dt.date | None: ...
    @property
    def last_check(self) -> dt.date | None: ...
    @property
    def status_text(self) -> str: ...
    @property
    def checklist_text(self) -> str: ...
    @property
    def subprocessors_text(self) -> str: ...
    @property
    def end_text(self) -> str: ...
    @property
    def outstanding(self) -> bool: ...


COLUMNS = (
    Column("번호", 0.05, "RIGHT"),
    Column("수탁업체명", 0.18),
    Column("위탁업무 내용", 0.24),
    Column("보유기간", 0.17),
    Column("계약기간", 0.20, "CENTER"),
    Column("최근 점검·교육일", 0.15, "CENTER"),
)


CONTRACT_COLUMNS = (
    Column("번호", 0.05, "RIGHT"),
    Column("수탁업체명", 0.16),
    Column("계약서 필수 기재사항 (법 제26조제1항, 시행령 제28조제1항)", 0.29),
    Column("재위탁 (법 제26조제6항)", 0.22),
    Column("위탁 종료 시 개인정보 반환·파기", 0.28),
)


def contract_rows(rows: Sequence[ProcessorEntryRow]) -> list[list[str]]:
    return [
        [str(i), r.name, r.checklist_text, r.subprocessors_text, r.end_text]
        for i, r in enumerate(rows, start=1)
    ]


def table_rows(rows: Sequence[ProcessorEntryRow]) -> list[list[str]]:
    out = []
    for i, r in enumerate(rows, start=1):
        contract = _contract(r)
        if r.status_text:
            contract += f"\n{r.status_text}"
        out.append(
            [
                str(i),
                r.name,
                r.task,
                r.retention,
                contract,
                clock.paper_date(r.last_check) if r.last_check else "-",
            ]
        )
    return out


def _contract(r: ProcessorEntryRow) -> str:
    """``2025. 1. 1. ~ 2026. 12. 31.`` (a missing end or start left blank), ``-`` with neither."""
    if r.contract_start is None and r.contract_end is None:
        return "-"
    return f"{clock.paper_date(r.contract_start)} ~ {clock.paper_date(r.contract_end)}".strip()


def render_processors(
    path: Path | Output,
    meta: ReportMeta,
    rows: Sequence[ProcessorEntryRow],
    as_of: dt.date,
    *,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """Print the list to ``path``; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        soon = sum(1 for r in rows if r.status_text.startswith("종료 임박"))
        ended = sum(1 for r in rows if r.status_text.startswith("계약 만료"))
        open_ = sum(1 for r in rows if r.outstanding)
        info = lay.form(
            [
                (Field("기준일", clock.paper_date(as_of)), Field("수탁업체", f"{len(rows):,}곳")),
                (Field("계약 종료 임박", f"{soon:,}곳"), Field("계약 만료", f"{ended:,}곳")),
                (Field("반환·파기 미확인", f"{open_:,}곳"),),
            ],
            label_width=0.15,
        )
        return [
            lay.text(INTRO),
            lay.space(3),
            info,
            lay.space(3),
            lay.table(COLUMNS, table_rows(rows), empty="위탁 중인 수탁업체가 없습니다."),
            lay.space(4),
            *lay.heading("위탁 계약 관리 (개인정보 보호법 제26조)"),
            lay.table(CONTRACT_COLUMNS, contract_rows(rows), empty="위탁 중인 수탁업체가 없습니다."),
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def meta_for(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, FORM, by, printed_at=printed_at)
