"""``privdesk training …``: staff training (개인정보 보호 교육).

Contract:
- ``privdesk training add --date YYYY-MM-DD --title TEXT --kind 내부|외부 --hours H [--material TEXT]
  [--instructor TEXT] --as ID``: records a session, prints its number;
- ``privdesk training attend SESSION --account ID [--account ID …] --as ID``: records attendance;
- ``privdesk training correct SESSION [--date D] [--title T] [--kind K] [--hours H] [--material T]
  [--instructor T] --reason TEXT --as ID``: corrects a session's facts (the others kept; the original
  stays, shown as corrected);
- ``privdesk training unattend SESSION --account ID [--account ID …] --reason TEXT --as ID``: cancels
  an attendance recorded by mistake;
- ``privdesk training list [--year Y] --as ID``: the sessions with their attendees (and corrections);
- ``privdesk training overdue --as ID``: who is overdue and since when (exit 0 either way);
- ``privdesk training report --year Y --out FILE.pdf --reason TEXT [--force] --as ID``: the yearly report.
A missing option exits 2; a refused or invalid input exits 1 with a Korean message.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from privdesk.cli.common import acting, add_as_option, add_force_option, add_reason_option, context_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "training", help="개인정보 보호 교육: 교육 회차, 이수 기록, 기한 경과, 연간 결과 보고서"
    )
    ps = p.add_subparsers(dest="training_command", metavar="SUBCOMMAND")

    a = ps.add_parser("add", help="교육 회차를 기록합니다")
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="교육일")
    a.add_argument("--title", required=True, metavar="TEXT", help="교육 제목")
    a.add_argument(
        "--kind", required=True, metavar="내부|외부", help="교육 구분 (내부 / 외부, internal / external)"
    )
    a.add_argument("--hours", required=True, metavar="H", help="교육 시간 (시간, 예: 2 또는 1.5)")
    a.add_argument("--material", default="", metavar="TEXT", help="교재·자료 (파일명, 문서번호)")
    a.add_argument("--instructor", default="", metavar="TEXT", help="강사")
    add_as_option(a)
    a.set_defaults(func=cmd_add)

    t = ps.add_parser("attend", help="교육 회차의 이수자를 기록합니다")
    t.add_argument("session", type=int, metavar="SESSION", help="교육 회차 번호")
    t.add_argument("--account", required=True, action="append", metavar="ID", help="이수한 계정 ID (여러 번)")
    add_as_option(t)
    t.set_defaults(func=cmd_attend)

    c = ps.add_parser("correct", help="교육 회차의 기록을 정정합니다 (원래 기록은 정정됨으로 남습니다)")
    c.add_argument("session", type=int, metavar="SESSION", help="교육 회차 번호")
    c.add_argument("--date", metavar="YYYY-MM-DD", help="교육일")
    c.add_argument("--title", metavar="TEXT", help="교육 제목")
    c.add_argument("--kind", metavar="내부|외부", help="교육 구분")
    c.add_argument("--hours", metavar="H", help="교육 시간 (시간)")
    c.add_argument("--material", metavar="TEXT", help="교재·자료")
    c.add_argument("--instructor", metavar="TEXT", help="강사")
    add_reason_option(c, "정정 사유")
    add_as_option(c)
    c.set_defaults(func=cmd_correct)

    x = ps.add_parser("unattend", help="잘못 기록한 이수 기록을 취소합니다 (기록은 취소됨으로 남습니다)")
    x.add_argument("session", type=int, metavar="SESSION", help="교육 회차 번호")
    x.add_argument("--account", required=True, action="append", metavar="ID", help="계정 ID (여러 번)")
    add_reason_option(x, "취소 사유")
    add_as_option(x)
    x.set_defaults(func=cmd_unattend)

    li = ps.add_parser("list", help="교육 회차와 이수자를 보여 줍니다")
    li.add_argument("--year", type=int, metavar="Y", help="이 해의 교육만")
    add_as_option(li)
    li.set_defaults(func=cmd_list)

    o = ps.add_parser("overdue", help="교육 기한이 지난 계정과 그 기한을 보여 줍니다")
    add_as_option(o)
    o.set_defaults(func=cmd_overdue)

    r = ps.add_parser("report", help="연간 개인정보 보호 교육 실시 결과 (PDF)")
    r.add_argument("--year", required=True, type=int, metavar="Y", help="대상 연도")
    r.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
    add_reason_option(r, "출력 사유")
    add_force_option(r)
    add_as_option(r)
    r.set_defaults(func=cmd_report)


def cmd_add(args: argparse.Namespace) -> int:
    from privdesk.training.usecases import SessionInput, add_session

    ctx = context_from(args)
    try:
        s = add_session(
            ctx,
            acting(ctx, args),
            SessionInput(args.date, args.title, args.kind, args.hours, args.material, args.instructor),
        )
    finally:
        ctx.engine.dispose()
    print(f"교육 회차 {s.id}번: {s.held_on.isoformat()} {s.title} ({s.kind_label}, {s.hours_text})")
    return 0


def cmd_attend(args: argparse.Namespace) -> int:
    from privdesk.training.usecases import attend

    ctx = context_from(args)
    try:
        s, added = attend(ctx, acting(ctx, args), args.session, args.account)
    finally:
        ctx.engine.dispose()
    print(f"교육 회차 {s.id}번: 이수 {added}명 기록 (이수자 모두 {len(s.attendees)}명)")
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    from privdesk.errors import ValidationError
    from privdesk.training.usecases import changed_input, correct_session, session_of

    given = {
        "held_on": args.date,
        "title": args.title,
        "kind": args.kind,
        "hours": args.hours,
        "material": args.material,
        "instructor": args.instructor,
    }
    if all(v is None for v in given.values()):
        raise ValidationError(
            "session", "정정할 내용을 하나 이상 주십시오 (--date, --title, --kind, --hours …)."
        )
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        current = session_of(ctx, actor, args.session)
        s = correct_session(ctx, actor, args.session, changed_input(current, **given), reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(
        f"교육 회차 {s.id}번 정정 ({s.corrections}번째): {s.held_on.isoformat()} {s.title} "
        f"({s.kind_label}, {s.hours_text})"
    )
    return 0


def cmd_unattend(args: argparse.Namespace) -> int:
    from privdesk.training.usecases import cancel_attendance

    ctx = context_from(args)
    try:
        s, n = cancel_attendance(ctx, acting(ctx, args), args.session, args.account, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"교육 회차 {s.id}번: 이수 기록 취소 {n}명 (이수자 {len(s.attendees)}명)")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from privdesk import clock
    from privdesk.training.usecases import list_sessions

    ctx = context_from(args)
    try:
        rows = list_sessions(ctx, acting(ctx, args), args.year)
    finally:
        ctx.engine.dispose()
    if not rows:
        print("기록된 교육이 없습니다")
    for s in rows:
        print(
            f"#{s.id} {s.held_on.isoformat()} {s.title} [{s.kind_label}] {s.hours_text}"
            f" 강사 {s.instructor or '-'} 자료 {s.material or '-'} — 이수 {len(s.attendees)}명"
        )
        if s.attendees:
            print("   " + ", ".join(a.who for a in s.attendees))
        for v in s.history[1:]:
            print(f"   정정 {clock.fmt_datetime(v.recorded_at)} {v.recorded_by}: {v.reason}")
        if s.corrected:
            print(f"   (정정 {s.corrections}회; 처음 기록: {s.history[0].facts()})")
        for c in s.cancelled:
            print(
                f"   이수 취소 {c.attendee.who} — {clock.fmt_datetime(c.cancelled_at)} {c.cancelled_by}: {c.reason}"
            )
    return 0


def cmd_overdue(args: argparse.Namespace) -> int:
    from privdesk.training.usecases import account_statuses

    ctx = context_from(args)
    try:
        rows = account_statuses(ctx, acting(ctx, args), overdue_only=True)
    finally:
        ctx.engine.dispose()
    if not rows:
        print("교육 기한이 지난 계정이 없습니다")
    for s in rows:
        last = s.last_trained.isoformat() if s.last_trained else "이수 기록 없음"
        print(
            f"{s.who} [{s.department or '-'}] 마지막 이수 {last}, 기한 {s.due.isoformat()}부터 {s.overdue_days}일 지남"
        )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from privdesk.cli.common import output_from
    from privdesk.training.printing import print_training

    out = output_from(args)
    ctx = context_from(args)
    try:
        r = print_training(ctx, acting(ctx, args), args.year, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(
        f"{r.path}: {args.year}년 개인정보 보호 교육 실시 결과 — 교육 {r.sessions}회, 기한 경과 {r.overdue}명, {r.pages}쪽 (기록번호 {r.record_no})"
    )
    return 0
