"""``privdesk notice …``: the yearly usage notice (이용·제공 내역 통지, 법 제20조의2).

Contract:
- ``privdesk notice status [--year Y] --as ID``: whether the duty applies (the profile and the count
  of registered patients: "등록 환자 N명 — 통지 의무 대상입니다/아닙니다") and whether the year's batch is made;
- ``privdesk notice make --year Y --out FILE.pdf|FILE.csv --reason TEXT [--reissue] [--force] --as ID``:
  the year's batch as letters (PDF) or a CSV for a mail/SMS service (by the file's extension); a
  second batch of the same year needs ``--reissue`` (a numbered reissue) and is refused otherwise;
- ``privdesk notice deliver --year Y [--issue N] (--sent|--returned) (--chart C … | --all) [--note TEXT]
  --as ID``: letters sent or returned, of the year's batch ``N`` (제N차; by default the latest);
- ``privdesk notice list --as ID``: the batches with their delivery counts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from privdesk.cli.common import acting, add_as_option, add_force_option, add_reason_option, context_from
from privdesk.errors import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("notice", help="개인정보 이용·제공 내역 통지 (연 1회, 법 제20조의2)")
    ps = p.add_subparsers(dest="notice_command", metavar="SUBCOMMAND")

    s = ps.add_parser("status", help="통지 의무 대상인지(등록 환자 수)와 올해 통지를 했는지 보여 줍니다")
    s.add_argument("--year", type=int, metavar="Y", help="대상 연도 (기본: 올해)")
    add_as_option(s)
    s.set_defaults(func=cmd_status)

    m = ps.add_parser("make", help="한 해의 통지문(PDF) 또는 발송용 CSV를 만듭니다")
    m.add_argument("--year", required=True, type=int, metavar="Y", help="대상 연도")
    m.add_argument(
        "--out", required=True, type=Path, metavar="FILE.pdf|FILE.csv", help="만들 파일 (확장자로 형식)"
    )
    add_reason_option(m, "통지문을 만드는 사유")
    m.add_argument(
        "--reissue", action="store_true", help="이미 만든 해의 통지를 재발행합니다 (제2차, 제3차 …)"
    )
    add_force_option(m)
    add_as_option(m)
    m.set_defaults(func=cmd_make)

    d = ps.add_parser("deliver", help="통지문의 발송·반송을 기록합니다")
    d.add_argument("--year", required=True, type=int, metavar="Y", help="대상 연도")
    d.add_argument(
        "--issue",
        type=int,
        metavar="N",
        help="통지 차수 (제N차: 재발행 전 통지문의 반송 등; 기본: 그 해의 마지막 차수)",
    )
    g = d.add_mutually_exclusive_group(required=True)
    g.add_argument("--sent", action="store_true", help="발송")
    g.add_argument("--returned", action="store_true", help="반송")
    d.add_argument("--chart", action="append", default=[], metavar="C", help="차트번호 (여러 번)")
    d.add_argument("--all", action="store_true", help="아직 기록이 없는 통지문 모두 발송")
    d.add_argument("--note", default="", metavar="TEXT", help="메모 (개인정보는 적지 마십시오)")
    add_as_option(d)
    d.set_defaults(func=cmd_deliver)

    li = ps.add_parser("list", help="만든 통지와 발송·반송 현황을 보여 줍니다")
    add_as_option(li)
    li.set_defaults(func=cmd_list)


def cmd_status(args: argparse.Namespace) -> int:
    from privdesk.notice.usecases import status

    ctx = context_from(args)
    try:
        s = status(ctx, acting(ctx, args), args.year)
    finally:
        ctx.engine.dispose()
    print(s.count_text)
    print(s.decision_text)
    if not s.applies:
        print(f"{s.year}년: 통지 의무가 적용되지 않습니다")
    elif s.batch is not None:
        b = s.batch
        print(
            f"{s.year}년: 통지함 — {b.label}, {b.patients:,}명, 발송 {b.sent:,} 반송 {b.returned:,} 미기록 {b.pending:,}"
        )
    else:
        print(f"{s.year}년: 아직 통지하지 않았습니다 (연내 통지, 알림 시작 {s.remind_on.isoformat()})")
    return 0


def cmd_make(args: argparse.Namespace) -> int:
    from privdesk.cli.common import output_from
    from privdesk.notice.models import CSV, PDF
    from privdesk.notice.usecases import make

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise ValidationError("out", "파일 이름은 .pdf(우편 통지문) 또는 .csv(발송용)로 끝나야 합니다.")
    out = output_from(args)
    ctx = context_from(args)
    try:
        r = make(
            ctx,
            acting(ctx, args),
            args.year,
            out,
            output=PDF if suffix == ".pdf" else CSV,
            reason=args.reason,
            reissue=bool(args.reissue),
        )
    finally:
        ctx.engine.dispose()
    pages = f", {r.pages}쪽" if r.pages else ""
    print(
        f"{r.path}: 이용·제공 내역 통지 {r.batch.label} — {r.batch.patients:,}명, 제3자 제공 {r.batch.provisions:,}건"
        f"{pages} (기록번호 {r.record_no})"
    )
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    from privdesk.notice.models import RETURNED, SENT
    from privdesk.notice.usecases import deliver

    ctx = context_from(args)
    try:
        n = deliver(
            ctx,
            acting(ctx, args),
            args.year,
            SENT if args.sent else RETURNED,
            charts=args.chart,
            all_pending=bool(args.all),
            note=args.note,
            issue=args.issue,
        )
    finally:
        ctx.engine.dispose()
    which = f" 제{args.issue}차" if args.issue else ""
    print(f"{args.year}년{which} 통지: {'발송' if args.sent else '반송'} {n}건 기록")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from privdesk import clock
    from privdesk.notice.usecases import batches

    ctx = context_from(args)
    try:
        rows = batches(ctx, acting(ctx, args))
    finally:
        ctx.engine.dispose()
    if not rows:
        print("만든 통지가 없습니다")
    for b in rows:
        print(
            f"{b.label} [{b.output}] {clock.fmt_date(b.made_at)} {b.made_by_label}: {b.patients:,}명, 제3자 제공 {b.provisions:,}건"
            f" — 발송 {b.sent:,} 반송 {b.returned:,} 미기록 {b.pending:,}"
        )
    return 0
