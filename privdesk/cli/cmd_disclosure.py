"""``privdesk disclosure …``, ``privdesk processor …`` and their reports (제3자 제공·수탁업체).

Contract:
- ``privdesk disclosure list --from DATE --to DATE --as ID``: one entry per line, oldest first:
  ``번호  제공일  제공받는 자  법적 근거  정보주체 N명`` (+ ``가명·익명``, ``정정 M``); the look is logged.
- ``privdesk disclosure export --from DATE --to DATE --out FILE.csv --as ID``: the ledger of the
  period as CSV (UTF-8 with BOM; subjects masked); prints ``FILE: N건``.
- ``privdesk processor list --as ID [--all]``: one processor per line; a contract ending within 30
  days starts with ``[종료 임박 D-N]``, an ended one with ``[계약 만료]``.
- ``privdesk report disclosure-ledger --from DATE --to DATE --out FILE.pdf --as ID`` and
  ``privdesk report processors --out FILE.pdf --as ID`` (added to the ``report`` group by
  :func:`add_report_commands`, called from :mod:`privdesk.cli.cmd_report`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from privdesk.cli.common import acting, add_as_option, add_force_option, context_from, output_from
from privdesk.errors import ValidationError

LEDGER_COMMAND = "disclosure-ledger"
PROCESSORS_COMMAND = "processors"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식으로 쓰십시오: {text!r}") from None


def _period_options(q: argparse.ArgumentParser) -> None:
    q.add_argument("--from", dest="first", required=True, type=_date, metavar="YYYY-MM-DD", help="제공일 기간의 첫날")
    q.add_argument("--to", dest="last", required=True, type=_date, metavar="YYYY-MM-DD", help="제공일 기간의 마지막 날")


def _check_period(args: argparse.Namespace) -> None:
    if args.first > args.last:
        raise ValidationError("from", "기간의 첫날(--from)이 마지막 날(--to)보다 늦습니다. 기간을 다시 지정하십시오.")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    d = sub.add_parser("disclosure", help="개인정보 제3자 제공 대장: 조회·내보내기")
    ds = d.add_subparsers(dest="disclosure_command", metavar="SUBCOMMAND")
    q = ds.add_parser("list", help="기간의 제3자 제공 기록을 한 줄에 하나씩 보여 줍니다",
                      description="제공일 기준, 오래된 것부터. 조회는 접속기록에 남습니다.")
    _period_options(q)
    add_as_option(q)
    q.set_defaults(func=cmd_list)
    e = ds.add_parser("export", help="기간의 제3자 제공 대장을 CSV로 내보냅니다 (UTF-8, Excel용 BOM)",
                      description="정보주체는 마스킹된 표시(홍*동 (차트 12345))로만 나갑니다. 내보내기는 접속기록에 남습니다.")
    _period_options(e)
    e.add_argument("--out", required=True, type=Path, metavar="FILE.csv", help="만들 CSV 파일")
    add_force_option(e)
    add_as_option(e)
    e.set_defaults(func=cmd_export)

    p = sub.add_parser("processor", help="수탁업체(개인정보 처리업무 위탁) 현황")
    ps = p.add_subparsers(dest="processor_command", metavar="SUBCOMMAND")
    pl = ps.add_parser("list", help="수탁업체를 한 줄에 하나씩 보여 줍니다 (계약 종료 임박 표시)")
    pl.add_argument("--all", action="store_true", help="위탁을 종료한 업체도 보여 줍니다")
    add_as_option(pl)
    pl.set_defaults(func=cmd_processor_list)


def add_report_commands(rs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the disclosure ledger and the processor list to the ``report`` group."""
    if LEDGER_COMMAND not in rs.choices:
        help_text = "개인정보 제3자 제공 대장 (개인정보 보호법 시행령 제15조의 기재 사항)"
        q = rs.add_parser(LEDGER_COMMAND, help=help_text, description=help_text)
        _period_options(q)
        q.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
        add_force_option(q)
        add_as_option(q)
        q.set_defaults(func=cmd_ledger)
    if PROCESSORS_COMMAND not in rs.choices:
        help_text = "개인정보 처리업무 위탁 현황 (수탁업체, 처리방침 게시용)"
        c = rs.add_parser(PROCESSORS_COMMAND, help=help_text, description=help_text)
        c.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
        add_force_option(c)
        add_as_option(c)
        c.set_defaults(func=cmd_processors)


def cmd_list(args: argparse.Namespace) -> int:
    from privdesk.disclosures.ledger import list_disclosures

    _check_period(args)
    ctx = context_from(args)
    try:
        rows = list_disclosures(ctx, acting(ctx, args), args.first, args.last)
    finally:
        ctx.engine.dispose()
    for r in rows:
        extra = []
        if r.deidentified:
            extra.append("가명·익명")
        if r.corrects_id is not None:
            extra.append(f"{r.corrects_id}번 정정")
        if r.corrected_by:
            extra.append("정정됨→" + ",".join(str(i) for i in r.corrected_by))
        tail = f"  ({'; '.join(extra)})" if extra else ""
        print(f"{r.id}  {r.disclosed_on.isoformat()}  {r.recipient}  {r.basis_text}  정보주체 {r.subject_count:,}명{tail}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from privdesk.disclosures.printing import export_csv

    _check_period(args)
    out = output_from(args)
    ctx = context_from(args)
    try:
        n = export_csv(ctx, acting(ctx, args), args.first, args.last, out)
    finally:
        ctx.engine.dispose()
    print(f"{args.out}: {n:,}건")
    return 0


def cmd_processor_list(args: argparse.Namespace) -> int:
    from privdesk.disclosures.processors import list_processors

    ctx = context_from(args)
    try:
        rows = list_processors(ctx, acting(ctx, args), include_inactive=args.all)
    finally:
        ctx.engine.dispose()
    for r in rows:
        if not r.active:
            mark = "[위탁 종료] "
        elif r.expired:
            mark = "[계약 만료] "
        elif r.ending_soon:
            mark = f"[종료 임박 D-{r.days_left}] "
        else:
            mark = ""
        parts = [f"{mark}{r.name}", r.task, r.retention or "-", f"계약 {r.contract_text or '-'}",
                 f"최근 점검·교육 {r.last_check.isoformat() if r.last_check else '-'}"]
        print(" | ".join(parts))
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from privdesk.disclosures.printing import print_ledger
    _check_period(args)
    out = output_from(args)
    ctx = context_from(args)
    try:
        result = print_ledger(ctx, acting(ctx, args), args.first, args.last, out)
    finally:
        ctx.engine.dispose()
    print(f"{result.path}: {result.title} {result.rows:,}건, {result.pages}쪽 (기록번호 {result.record_no})")
    return 0


def cmd_processors(args: argparse.Namespace) -> int:
    from privdesk.disclosures.printing import print_processors
    out = output_from(args)
    ctx = context_from(args)
    try:
        result = print_processors(ctx, acting(ctx, args), out)
    finally:
        ctx.engine.dispose()
    print(f"{result.path}: {result.title} {result.rows:,}곳, {result.pages}쪽 (기록번호 {result.record_no})")
    return 0
