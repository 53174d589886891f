"""``privdesk cctv …`` and ``privdesk report cctv-ledger`` (CCTV, 영상정보처리기기).

Contract:
- ``privdesk cctv retention-check [--date YYYY-MM-DD] [--as ID]`` prints, per camera, up to which
  recording day footage may be overwritten and which older days are held (보존 연장). Without
  ``--as`` it runs as the system (a scheduled job) and the access log names ``system``.
- ``privdesk report cctv-ledger --from DATE --to DATE --out FILE.pdf --as ID`` prints the
  개인영상정보 관리대장 for the period. The ``report`` group belongs to :mod:`privdesk.cli.cmd_report`,
  which calls :func:`add_report_commands`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from privdesk.cli.common import (
    acting,
    add_as_option,
    add_force_option,
    add_reason_option,
    context_from,
    output_from,
)

if TYPE_CHECKING:  # imported where used: the CLI parses its arguments before loading SQLAlchemy
    from privdesk.cctv.retention import RetentionReport
    from privdesk.context import Actor, AppContext


LEDGER_COMMAND = "cctv-ledger"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식으로 쓰십시오: {text!r}") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("cctv", help="CCTV 보관기간 점검 (영상정보처리기기)")
    cs = p.add_subparsers(dest="cctv_command", metavar="SUBCOMMAND")
    r = cs.add_parser(
        "retention-check",
        help="카메라별로 덮어쓸 수 있는 날과 보존 연장된 날을 보여 줍니다",
        description="카메라별로 보관기간이 지나 덮어쓸 수 있는 촬영일과 보존 연장으로 지켜야 하는 날을 보여 줍니다.",
    )
    r.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="점검 기준일 (한국 시간, 기본: 오늘)")
    r.add_argument(
        "--as",
        dest="as_login",
        metavar="ID",
        help="이 계정으로 실행 (없으면 시스템으로 실행하고 접속기록에 system으로 남깁니다)",
    )
    r.set_defaults(func=cmd_retention_check)


def add_report_commands(rs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``cctv-ledger`` to the ``report`` group (called from :mod:`privdesk.cli.cmd_report`)."""
    if LEDGER_COMMAND in rs.choices:
        return
    help_text = "개인영상정보 관리대장 [별지 제3호서식] (이용·제공·열람·파기 기록)"
    q = rs.add_parser(LEDGER_COMMAND, help=help_text, description=help_text)
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
    q.set_defaults(func=cmd_cctv_ledger)


# -- retention-check -------------------------------------------------------------------------------
def format_report(report: RetentionReport) -> list[str]:
    """The retention check as printed lines (Korean)."""
    from privdesk.cctv.common import fmt_days

    through = report.overwritable_through.isoformat()
    lines = [
        f"CCTV 보관기간 점검: 기준일 {report.date.isoformat()}, 보관기간 촬영일로부터 {report.retention_days}일",
        f"덮어쓰기 가능: {through} 이전(포함) 촬영분 — 아래의 보존 연장분은 덮어쓰지 마십시오.",
    ]
    if report.holds:
        lines.append(f"보존 연장 {len(report.holds)}건:")
        for h in report.holds:
            lines.append(f"  보존 #{h.id} {h.reason_label}, {h.until_text}, 카메라 {', '.join(h.cameras)}")
    else:
        lines.append("보존 연장: 없음")
    if report.overwrites_recorded:
        done = report.overwrites_recorded
        lines.append(
            f"관리대장에 자동 파기(덮어쓰기) 기록: {fmt_days([done[0], done[-1]] if len(done) > 1 else done)} "
            f"촬영분 {len(done)}건"
        )
    lines.append("")
    for line in report.lines:
        cam = line.camera
        status = "" if cam.status == "active" else f" ({cam.status_label})"
        parts = [f"~{through} 덮어쓰기 가능"]
        for held in line.held:
            days = fmt_days([held.first, held.last] if held.first != held.last else [held.first])
            where = "보존 중" if held.past_retention else "보존 예정(보관기간 내)"
            parts.append(f"{where} {days} (보존 #{held.hold_id} {held.reason_label}, {held.until_text})")
        lines.append(f"{cam.number}{status} {cam.place}: " + "; ".join(parts))
    return lines


def run_retention_check(ctx: AppContext, actor: Actor | None, day: dt.date | None) -> int:
    from privdesk.cctv.retention import retention_check

    for line in format_report(retention_check(ctx, actor, day)):
        print(line)
    return 0


def cmd_retention_check(args: argparse.Namespace) -> int:
    ctx = context_from(args)
    try:
        actor = acting(ctx, args) if args.as_login else None
        return run_retention_check(ctx, actor, args.date)
    finally:
        ctx.engine.dispose()


# -- report cctv-ledger ----------------------------------------------------------------------------
def cmd_cctv_ledger(args: argparse.Namespace) -> int:
    from privdesk.cctv.printing import print_ledger
    from privdesk.errors import ValidationError

    if args.first > args.last:
        raise ValidationError(
            "from", "기간의 첫날(--from)이 마지막 날(--to)보다 늦습니다. 기간을 다시 지정하십시오."
        )
    out = output_from(args)
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        result = print_ledger(ctx, actor, args.first, args.last, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"{result.path}: {result.title} {result.rows:,}건, {result.pages}쪽 (기록번호 {result.record_no})")
    return 0
