"""``privdesk review …``: the monthly access-log review (접속기록 점검, 안전성 확보조치 기준 제8조②).

Contract:
- ``privdesk review run --month YYYY-MM --as ID``: computes (again) the month's findings and prints
  the per-account summary and the findings with their numbers;
- ``privdesk review result FINDING --normal|--action --note TEXT --as ID``: 정상 (why) / 조치 필요 (what was done);
- ``privdesk review ask FINDING --message TEXT --as ID``: 소명 요청 to the account behind the finding;
- ``privdesk review answer J --text TEXT --as ID``: the addressed account answers (nobody else);
- ``privdesk review decide J --accept|--reject [--note TEXT] --as ID`` (a rejection needs a note);
- ``privdesk review sign --month YYYY-MM --as ID``: the password again (PRIVDESK_PASSWORD or the prompt);
- ``privdesk review status --as ID``: what is waiting for this account.
And ``privdesk report access-review --month YYYY-MM --out FILE.pdf --reason TEXT --as ID``
(:func:`add_report_commands`). A bad month or a missing option exits 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from privdesk.cli.common import (
    ENV_PASSWORD,
    acting,
    add_as_option,
    add_force_option,
    context_from,
    read_secret,
)
from privdesk.errors import ValidationError


def _month(text: str) -> object:
    from privdesk.review.types import Month

    try:
        return Month.parse(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("review", help="접속기록 점검 (월 1회): 실행, 결과 기록, 소명, 서명")
    ps = p.add_subparsers(dest="review_command", metavar="SUBCOMMAND")

    r = ps.add_parser("run", help="한 달의 접속기록을 점검하고 계정별 요약과 발견 사항을 보여 줍니다")
    r.add_argument("--month", required=True, type=_month, metavar="YYYY-MM", help="점검할 달")
    add_as_option(r)
    r.set_defaults(func=cmd_run)

    x = ps.add_parser("result", help="발견 사항의 점검 결과를 기록합니다 (나중 기록이 앞의 것을 대신합니다)")
    x.add_argument("finding", type=int, metavar="FINDING", help="발견 사항 번호")
    g = x.add_mutually_exclusive_group(required=True)
    g.add_argument("--normal", action="store_true", help="정상 (--note: 정상으로 본 근거)")
    g.add_argument("--action", action="store_true", help="조치 필요 (--note: 취한 조치)")
    x.add_argument("--note", required=True, metavar="TEXT", help="근거 또는 조치 내용")
    add_as_option(x)
    x.set_defaults(func=cmd_result)

    a = ps.add_parser("ask", help="발견 사항을 그 계정에 보내 소명을 요청합니다")
    a.add_argument("finding", type=int, metavar="FINDING", help="발견 사항 번호")
    a.add_argument("--message", required=True, metavar="TEXT", help="요청 내용")
    add_as_option(a)
    a.set_defaults(func=cmd_ask)

    w = ps.add_parser("answer", help="나에게 온 소명 요청에 답변합니다")
    w.add_argument("justification", type=int, metavar="J", help="소명 번호")
    w.add_argument("--text", required=True, metavar="TEXT", help="소명 내용 (본인의 말로)")
    add_as_option(w)
    w.set_defaults(func=cmd_answer)

    d = ps.add_parser("decide", help="답변된 소명을 수용하거나 반려합니다 (반려: 조치 필요)")
    d.add_argument("justification", type=int, metavar="J", help="소명 번호")
    h = d.add_mutually_exclusive_group(required=True)
    h.add_argument("--accept", action="store_true", help="수용 (결과: 정상)")
    h.add_argument("--reject", action="store_true", help="반려 (결과: 조치 필요, --note 필수)")
    d.add_argument("--note", default="", metavar="TEXT", help="판정 의견 / 반려 사유와 조치")
    add_as_option(d)
    d.set_defaults(func=cmd_decide)

    s = ps.add_parser("sign", help="점검을 마치고 서명합니다 (비밀번호 재입력; 미결이 있으면 거절)")
    s.add_argument("--month", required=True, type=_month, metavar="YYYY-MM", help="서명할 달")
    add_as_option(s)
    s.set_defaults(func=cmd_sign)

    t = ps.add_parser("status", help="나에게 온 소명 요청과 (점검자는) 서명·판정을 기다리는 일을 보여 줍니다")
    add_as_option(t)
    t.set_defaults(func=cmd_status)


def add_report_commands(rs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``access-review`` to the ``report`` group."""
    if "access-review" in rs.choices:
        return
    help_text = (
        "접속기록 점검 결과 (안전성 확보조치 기준 제8조②: 요약, 계정별 위험, 발견 사항과 근거 기록, 서명)"
    )
    q = rs.add_parser("access-review", help=help_text, description=help_text)
    q.add_argument("--month", required=True, type=_month, metavar="YYYY-MM", help="점검한 달")
    q.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
    q.add_argument("--reason", required=True, metavar="TEXT", help="출력 사유 (접속기록에 남습니다)")
    add_force_option(q)
    add_as_option(q)
    q.set_defaults(func=cmd_report)


def cmd_run(args: argparse.Namespace) -> int:
    from privdesk import review
    from privdesk.review.types import KIND_LABELS, RESULT_LABELS

    ctx = context_from(args)
    try:
        r = review.run(ctx, acting(ctx, args), args.month)
    finally:
        ctx.engine.dispose()
    state = f"서명됨 ({r.signed.by_name}, 헤드 {r.signed.head_seq}번)" if r.signed else "서명 전"
    print(
        f"{args.month.label()} 접속기록 점검: 기록 {r.entries:,}건, 계정 {len(r.accounts)}개, "
        f"발견 사항 {len(r.findings)}건 — {state}"
    )
    print("계정별 요약 (위험 점수 높은 순):")
    for a in r.accounts:
        print(
            f"  {a.login} {a.name} [{a.department or '-'}] 기록 {a.entries:,} 조회 {a.views:,} 해제 {a.unmasks} "
            f"내려받기 {a.exports} 출력 {a.prints} 로그인 실패 {a.failed_logins} 업무시간 외 {a.off_hours} "
            f"위험 {a.risk} ({a.risk_explained}; 부서 중앙값 {a.department_median:g})"
        )
    print("발견 사항:")
    if not r.findings:
        print("  없음")
    for f in r.findings:
        who = f"{f.account}({f.account_name})" if f.account else "전체"
        result = RESULT_LABELS[f.result] if f.result else "미결"
        j = f" 소명 {f.justification.id}번" if f.justification else ""
        print(f"  #{f.id} [{KIND_LABELS[f.kind]}] {who}: {f.summary} — 기록 {f.entry_count:,}건, {result}{j}")
    return 0


def cmd_result(args: argparse.Namespace) -> int:
    from privdesk import review
    from privdesk.review.types import RESULT_LABELS, Result

    ctx = context_from(args)
    try:
        f = review.record_result(
            ctx, acting(ctx, args), args.finding, Result.NORMAL if args.normal else Result.ACTION, args.note
        )
    finally:
        ctx.engine.dispose()
    print(f"발견 사항 {f.id}번: {RESULT_LABELS[f.result] if f.result else ''} 기록")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from privdesk import review

    ctx = context_from(args)
    try:
        j = review.ask_justification(ctx, acting(ctx, args), args.finding, args.message)
    finally:
        ctx.engine.dispose()
    print(f"소명 {j.id}번: {j.account}({j.account_name})에게 요청, 기한 {j.due.isoformat()}")
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    from privdesk import review

    ctx = context_from(args)
    try:
        j = review.answer_justification(ctx, acting(ctx, args), args.justification, args.text)
    finally:
        ctx.engine.dispose()
    print(f"소명 {j.id}번: 답변했습니다")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from privdesk import review
    from privdesk.review.types import J_LABELS

    ctx = context_from(args)
    try:
        j = review.decide_justification(
            ctx, acting(ctx, args), args.justification, bool(args.accept), args.note
        )
    finally:
        ctx.engine.dispose()
    print(f"소명 {j.id}번: {J_LABELS[j.state]}")
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    from privdesk import review

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        password = read_secret(ENV_PASSWORD, f"서명: {actor.login} 비밀번호를 다시 입력하십시오: ")
        s = review.sign(ctx, actor, args.month, password)
    finally:
        ctx.engine.dispose()
    print(
        f"{args.month.label()} 접속기록 점검 서명: {s.by_name}({s.by}), 발견 사항 {s.findings}건 "
        f"(정상 {s.normal}, 조치 필요 {s.action}), 접속기록 헤드 {s.head_seq}번 {s.head_hash[:16]}"
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from privdesk import review

    ctx = context_from(args)
    try:
        p = review.pending(ctx, acting(ctx, args))
    finally:
        ctx.engine.dispose()
    if p.unsigned_month:
        print(
            f"{p.unsigned_month} 접속기록 점검이 아직 서명되지 않았습니다"
            + (" (점검 기한: 서명 필요)" if p.remind else "")
        )
    if p.to_decide or p.open_sent:
        print(
            f"판정을 기다리는 소명 {p.to_decide}건, 답변을 기다리는 소명 {p.open_sent}건 (기한 지남 {p.overdue_sent}건)"
        )
    for j in p.to_answer:
        late = " [기한 지남]" if j.overdue else ""
        print(f"소명 {j.id}번 ({j.month}, 기한 {j.due.isoformat()}){late}: {j.finding_summary} — {j.message}")
    if not (p.unsigned_month or p.to_decide or p.open_sent or p.to_answer):
        print("기다리는 일이 없습니다")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from privdesk.cli.common import output_from
    from privdesk.review.printing import print_review

    out = output_from(args)
    ctx = context_from(args)
    try:
        r = print_review(ctx, acting(ctx, args), args.month, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    state = "서명됨" if r.signed else "서명 전"
    print(f"{r.path}: {r.title} 발견 사항 {r.findings}건 ({state}), {r.pages}쪽 (기록번호 {r.record_no})")
    return 0
