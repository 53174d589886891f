"""Printing and exporting the disclosure records (출력·내보내기): the 제3자 제공 대장 for a period
as PDF and CSV, and the processor list for the policy as PDF.

Each use case reads what it prints through the one door, renders with the page template and logs
the printing from the template's ``before_publish`` hook (no PDF without its access-log entry);
``on_page(n)`` reports progress and raising from it cancels without leaving a partial file.

The CSV is UTF-8 with a BOM (Korean Excel opens it directly), written through the one safe writer
(:mod:`privdesk.files`) and moved into place only after its ``export`` entry is committed. It holds the ledger's columns
and the subjects' masked labels (홍*동 (차트 12345)) — never a full name. Text that a spreadsheet
would run as a formula is neutralised (:func:`privdesk.files.csv_cell`). Held records are not refused here: the ledger
carries no personal data beyond those masked labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final

from privdesk import clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Actor, AppContext
from privdesk.disclosures.ledger import ALL, DisclosureRow, ledger_rows
from privdesk.disclosures.processors import list_processors
from privdesk.files import Output
from privdesk.printing import record_print, witnessed
from privdesk.reports import disclosure_ledger, processors
from privdesk.reports.template import period_text

OnPage = Callable[[int], None] | None

CSV_HEADER: Final = (
    "번호",
    "구분",
    "이용·제공일",
    "날짜·주기·기간",
    "개인정보파일 명칭",
    "이용기관·제공받는 자",
    "이용·제공 목적",
    "법적 근거",
    "근거 상세",
    "항목",
    "형태",
    "제한·조치 요청 내용",
    "정보주체 수",
    "정보주체(마스킹)",
    "가명처리 여부",
    "가명처리 기록",
    "문서번호",
    "처리자",
    "정정 대상 번호",
    "정정 기록 번호",
    "비고",
    "기록 일시",
    "기록자",
)


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    record_no: str
    title: str
    rows: int = 0


def print_ledger(
    ctx: AppContext,
    actor: Actor,
    first: dt.date,
    last: dt.date,
    out: Path | Output,
    *,
    reason: str,
    on_page: OnPage = None,
) -> PrintResult:
    """Print the 개인정보의 목적 외 이용 및 제3자 제공 대장 for 이용·제공일 ``first``..``last`` (inclusive);
    ``reason`` (사유) checked first, logged with the printing."""
    why = require(reason)
    out = files.guarded(ctx.settings, out)
    with ctx.unit(actor, Permission.DISCLOSURE_WRITE) as u:
        rows = ledger_rows(u, first, last)
        u.log(
            Action.VIEW,
            ALL,
            detail=f"제3자 제공 대장 출력 {first.isoformat()}~{last.isoformat()}; rows={len(rows)}",
        )
    meta = witnessed(ctx, disclosure_ledger.meta_for(ctx.profile.name, actor, period_text(first, last)))
    pages = disclosure_ledger.render_ledger(
        out,
        meta,
        rows,
        on_page=on_page,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            disclosure_ledger.WHAT,
            f"{meta.record_no}; {meta.period}; {len(rows)}건; {n}쪽",
            permission=Permission.DISCLOSURE_WRITE,
            reason=why,
        ),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title, len(rows))


def print_processors(
    ctx: AppContext,
    actor: Actor,
    out: Path | Output,
    *,
    reason: str,
    today: dt.date | None = None,
    on_page: OnPage = None,
) -> PrintResult:
    """Print the processors in use (수탁업체 현황) for the policy (their contact persons are on it);
    ``reason`` (사유) checked first, logged with the printing."""
    why = require(reason)
    out = files.guarded(ctx.settings, out)
    today = today or clock.today_kst()
    rows = list_processors(ctx, actor, today=today, include_inactive=False)
    meta = witnessed(ctx, processors.meta_for(ctx.profile.name, actor))
    pages = processors.render_processors(
        out,
        meta,
        rows,
        today,
        on_page=on_page,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            processors.WHAT,
            f"{meta.record_no}; {today.isoformat()}; {len(rows)}곳; {n}쪽",
            permission=Permission.PROCESSOR_MANAGE,
            reason=why,
        ),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title, len(rows))


def csv_record(r: DisclosureRow) -> list[str]:
    """One ledger row as CSV cells (the writer neutralises formulas: :func:`privdesk.files.csv_cell`)."""
    return [
        str(r.id),
        r.kind_label,
        r.disclosed_on.isoformat(),
        r.period,
        r.file_name,
        r.recipient,
        r.recipient_purpose,
        r.basis_label,
        r.basis_detail,
        r.items,
        r.form,
        r.restrictions,
        str(r.subject_count),
        "; ".join(r.subject_labels),
        "예" if r.deidentified else "아니오",
        r.pseudonym_text,
        r.document_no,
        r.provider_text,
        str(r.corrects_id) if r.corrects_id is not None else "",
        ",".join(str(i) for i in r.corrected_by),
        r.note,
        clock.fmt_datetime(r.recorded_at),
        r.recorded_by,
    ]


def write_csv(rows: Iterable[DisclosureRow], fh: IO[str], *, specimen: bool = False) -> int:
    n = 0
    w = files.csv_writer(fh, specimen=specimen)
    w.writerow(CSV_HEADER)
    for r in rows:
        w.writerow(csv_record(r))
        n += 1
    return n


def export_csv(
    ctx: AppContext, actor: Actor, first: dt.date, last: dt.date, path: Path | Output, *, reason: str
) -> int:
    """Export the ledger of 제공일 ``first``..``last`` to ``path`` (CSV); returns the rows written.
    The file appears (through the one safe writer) only after its ``export`` entry is committed;
    ``reason`` (사유) is checked before anything is opened and logged with the entry."""
    why = require(reason)
    out = files.guarded(ctx.settings, path)
    with files.replacing(out) as fh, ctx.unit(actor, Permission.DISCLOSURE_WRITE) as u:
        n = write_csv(ledger_rows(u, first, last), fh, specimen=ctx.is_demo)
        u.log(
            Action.EXPORT,
            ALL,
            detail=with_reason(
                f"제3자 제공 대장 {first.isoformat()}~{last.isoformat()}; {n}건; 파일={out.path.name}", why
            ),
        )
    return n
