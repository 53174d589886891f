"""``privdesk report …``: printed records as PDF (출력).

Each command logs in with ``--as``, reads the record through its use case (which logs the look),
renders the PDF with the one page template, and logs the printing (``print``) before the file is
put in place: a refused log entry means no file, so no record leaves without its access-log entry.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from privdesk.cli.common import (
    acting,
    add_as_option,
    add_force_option,
    add_reason_option,
    context_from,
    output_from,
)
from privdesk.errors import ValidationError
from privdesk.files import Output

PAGE_SIZE = 1000  # access-log rows fetched per page (the query's maximum)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식으로 쓰십시오: {text!r}") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="기록을 PDF로 출력합니다 (권한 변경 기록, 접속기록, CCTV·파기·제3자 제공 대장, 파기 확인서, 수탁업체 현황)",
    )
    rs = p.add_subparsers(dest="report", metavar="RECORD")
    for name, help_text, func in (
        (
            "permission-history",
            "권한 부여·변경·말소 기록 (안전성 확보조치 기준 제5조③)",
            cmd_permission_history,
        ),
        (
            "access-log",
            "접속기록 (출력): 기간의 접속기록을 읽을 수 있는 문장으로 (안전성 확보조치 기준 제8조)",
            cmd_access_log,
        ),
    ):
        q = rs.add_parser(name, help=help_text, description=help_text)
        q.add_argument(
            "--from",
            dest="first",
            required=True,
            type=_date,
            metavar="YYYY-MM-DD",
            help="기간의 첫날 (한국 시간, 포함)",
        )
        q.add_argument(
            "--to",
            dest="last",
            required=True,
            type=_date,
            metavar="YYYY-MM-DD",
            help="기간의 마지막 날 (한국 시간, 포함)",
        )
        q.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
        add_force_option(q)
        add_reason_option(q, "출력 사유")
        add_as_option(q)
        q.set_defaults(func=func)
    # Records of other modules add their own report commands here.
    from privdesk.cli.cmd_cctv import add_report_commands as add_cctv_reports

    add_cctv_reports(rs)
    from privdesk.cli.cmd_lifecycle import add_report_commands as add_lifecycle_reports

    add_lifecycle_reports(rs)
    from privdesk.cli.cmd_disclosure import add_report_commands as add_disclosure_reports

    add_disclosure_reports(rs)
    from privdesk.cli.cmd_incident import add_report_commands as add_incident_reports

    add_incident_reports(rs)
    from privdesk.cli.cmd_review import add_report_commands as add_review_reports

    add_review_reports(rs)


def _period(args: argparse.Namespace) -> tuple[dt.date, dt.date, Output]:
    if args.first > args.last:
        raise ValidationError(
            "from", "기간의 첫날(--from)이 마지막 날(--to)보다 늦습니다. 기간을 다시 지정하십시오."
        )
    return args.first, args.last, output_from(args)


def cmd_permission_history(args: argparse.Namespace) -> int:
    from privdesk.accounts.users import permission_history
    from privdesk.audit.reasons import require
    from privdesk.printing import record_print, witnessed
    from privdesk.reports import permission_history as record
    from privdesk.reports.template import period_text

    why = require(args.reason)  # checked before the login, the reading and the record number
    first, last, out = _period(args)
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        rows = permission_history(ctx, actor, since=first, until=last)
        meta = witnessed(ctx, record.meta_for(ctx.profile.name, actor, period_text(first, last)))
        pages = record.render_permission_history(
            out,
            meta,
            rows,
            before_publish=lambda n: record_print(
                ctx, actor, record.WHAT, f"{meta.record_no}; {meta.period}; {len(rows)}건; {n}쪽", reason=why
            ),
        )
    finally:
        ctx.engine.dispose()
    print(f"{out}: {meta.title} {len(rows):,}건, {pages}쪽 (기록번호 {meta.record_no})")
    return 0


def cmd_access_log(args: argparse.Namespace) -> int:
    from privdesk.audit.query import LogFilter
    from privdesk.logview import ReadableRow, page, summarise
    from privdesk.printing import record_print, witnessed
    from privdesk.reports import access_log as record
    from privdesk.reports.template import period_text

    first, last, out = _period(args)
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        flt = LogFilter(since=first, until=last)
        rows: list[ReadableRow] = []
        before: int | None = None
        while True:  # newest first, keyset pages in words; the first page logs the look
            batch = page(ctx, actor, flt, before_seq=before, limit=PAGE_SIZE)
            rows.extend(batch)
            if len(batch) < PAGE_SIZE:
                break
            before = batch[-1].seq
        meta = witnessed(ctx, record.meta_for(ctx.profile.name, actor, period_text(first, last)))
        pages = record.render_access_log(
            out,
            meta,
            rows,
            summarise(rows),
            before_publish=lambda n: record_print(
                ctx,
                actor,
                record.WHAT,
                f"{meta.record_no}; {meta.period}; {len(rows)}건; {n}쪽",
                reason=args.reason,
            ),
        )
    finally:
        ctx.engine.dispose()
    print(f"{out}: {meta.title} {len(rows):,}건, {pages}쪽 (기록번호 {meta.record_no})")
    return 0
