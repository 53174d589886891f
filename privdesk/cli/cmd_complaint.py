"""``privdesk complaint …``: the complaints desk (개인정보 침해 신고·상담).

Contract:
- ``privdesk complaint add --kind complaint|inquiry --channel phone|visit|mail|web --topic TEXT
  (--chart NO | --name NAME --contact PHONE_OR_EMAIL) [--content TEXT] [--received "YYYY-MM-DD HH:MM"]
  --as ID`` prints ``CP-…: due YYYY-MM-DD``;
- ``privdesk complaint list [--open] --as ID``: one complaint a line, open ones by due date first,
  ``[기한 경과]`` / ``[임박]`` marks, the complainant masked;
- ``privdesk complaint answer CP --answer TEXT --as ID`` records the answer;
- ``privdesk complaint close CP [--answer TEXT] --as ID`` closes it (an answer is required).
"""

from __future__ import annotations

import argparse

from privdesk.cli.common import acting, add_as_option, context_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("complaint", help="개인정보 침해 신고·상담: 접수, 목록, 답변, 종결")
    ps = p.add_subparsers(dest="complaint_command", metavar="SUBCOMMAND")

    a = ps.add_parser("add", help="신고·상담을 접수합니다 (기한: 접수일 + 10일, 프로필의 complaint_days)")
    a.add_argument(
        "--kind",
        required=True,
        choices=("complaint", "inquiry"),
        help="complaint(침해 신고), inquiry(상담·문의)",
    )
    a.add_argument(
        "--channel",
        required=True,
        choices=("phone", "visit", "mail", "web"),
        help="phone(전화), visit(방문), mail(우편), web(홈페이지)",
    )
    a.add_argument("--topic", required=True, metavar="TEXT", help="요지 (개인정보는 적지 마십시오)")
    a.add_argument("--content", default="", metavar="TEXT", help="내용 (암호화하여 저장)")
    a.add_argument("--chart", default="", metavar="NO", help="신고인이 환자이면 차트번호")
    a.add_argument("--name", default="", metavar="NAME", help="환자가 아니면 신고인 성명")
    a.add_argument(
        "--contact", default="", metavar="PHONE|EMAIL", help="환자가 아니면 연락처 (전화번호·전자우편)"
    )
    a.add_argument("--received", metavar='"YYYY-MM-DD HH:MM"', help="접수 일시 (한국 시간, 기본: 지금)")
    add_as_option(a)
    a.set_defaults(func=cmd_add)

    q = ps.add_parser("list", help="신고·상담을 한 줄에 하나씩, 기한이 급한 것부터 보여 줍니다")
    q.add_argument("--open", dest="open_only", action="store_true", help="종결하지 않은 것만")
    add_as_option(q)
    q.set_defaults(func=cmd_list)

    w = ps.add_parser("answer", help="답변 내용을 기록합니다")
    w.add_argument("complaint", metavar="CP", help="접수번호 (CP-YYYY-NNNN)")
    w.add_argument("--answer", required=True, metavar="TEXT", help="답변 내용 (개인정보는 적지 마십시오)")
    add_as_option(w)
    w.set_defaults(func=cmd_answer)

    c = ps.add_parser("close", help="신고·상담을 종결합니다 (답변이 있어야 합니다)")
    c.add_argument("complaint", metavar="CP", help="접수번호 (CP-YYYY-NNNN)")
    c.add_argument("--answer", default="", metavar="TEXT", help="답변 내용 (아직 기록하지 않았으면)")
    add_as_option(c)
    c.set_defaults(func=cmd_close)


def cmd_add(args: argparse.Namespace) -> int:
    from privdesk.complaints.desk import ComplaintInput, receive
    from privdesk.incidents.rules import parse_kst

    received = parse_kst(args.received, "received", "접수 일시(--received)") if args.received else None
    ctx = context_from(args)
    try:
        d = receive(
            ctx,
            acting(ctx, args),
            ComplaintInput(
                kind=args.kind,
                channel=args.channel,
                topic=args.topic,
                content=args.content,
                chart_no=args.chart,
                name=args.name,
                contact=args.contact,
                received_at=received,
            ),
        )
    finally:
        ctx.engine.dispose()
    print(f"{d.number}: due {d.row.due.isoformat()}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from privdesk.complaints.desk import list_complaints

    ctx = context_from(args)
    try:
        rows = list_complaints(ctx, acting(ctx, args), open_only=args.open_only)
    finally:
        ctx.engine.dispose()
    if not rows:
        print("접수된 신고·상담이 없습니다.")
    for r in rows:
        print(r.line())
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    from privdesk.complaints.desk import answer

    ctx = context_from(args)
    try:
        d = answer(ctx, acting(ctx, args), args.complaint, args.answer)
    finally:
        ctx.engine.dispose()
    print(f"{d.number}: {d.row.state_label}")
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    from privdesk.complaints.desk import close

    ctx = context_from(args)
    try:
        d = close(ctx, acting(ctx, args), args.complaint, args.answer or None)
    finally:
        ctx.engine.dispose()
    print(f"{d.number}: {d.row.state_label}")
    return 0
