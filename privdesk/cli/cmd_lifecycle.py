"""``privdesk retention …``, ``privdesk destruction …`` and the destruction reports (보유기간·파기).

Contract:
- ``privdesk retention run [--dry-run]``: no account; acts as the system (logged as ``system``),
  separates what is due (분리보관), lists what is due for destruction, never destroys. ``--dry-run``
  changes nothing and prints the same counts. Safe to schedule daily.
- ``privdesk destruction plan --as ID``: first line ``plan N: M records``, then the exclusions.
- ``privdesk destruction show PLAN [--records | --exclusions] [--page N] --as ID``: the plan (state,
  file, criteria, counts, who made and approved it); ``--records`` one page (50) of the records it
  destroys, most overdue first, ``--exclusions`` of the records it leaves out with the hold's reason
  — masked (차트번호, 홍*동), each record shown logged as a view like the screen's
  (:func:`privdesk.lifecycle.planrecords.plan_records`): what the officer reads before approving.
- ``privdesk destruction approve PLAN --as ID``: the password re-entry is the ``--as`` password
  (``PRIVDESK_PASSWORD`` or asked again on a terminal); under the two-person rule a second
  approver's ``approve`` completes it.
- ``privdesk destruction execute PLAN --as ID``: prints ``destroyed M``.
- ``privdesk report destruction-ledger --from DATE --to DATE --out FILE.pdf --as ID`` and
  ``privdesk report destruction-certificate PLAN --out FILE.pdf --as ID`` (added to the ``report``
  group by :func:`add_report_commands`, called from :mod:`privdesk.cli.cmd_report`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from privdesk import clock
from privdesk.cli.common import (
    ENV_PASSWORD,
    acting,
    add_as_option,
    add_force_option,
    add_reason_option,
    context_from,
    output_from,
    read_secret,
)

LEDGER_COMMAND = "destruction-ledger"
SHOW_PAGE = 50  # records per page of ``destruction show --records``
CERT_COMMAND = "destruction-certificate"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식으로 쓰십시오: {text!r}") from None


def _page(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"쪽 번호는 1 이상의 정수입니다: {text!r}")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = sub.add_parser("retention", help="보유기간 점검: 분리보관하고 파기 대상을 보여 줍니다")
    rs = r.add_subparsers(dest="retention_command", metavar="SUBCOMMAND")
    run = rs.add_parser(
        "run",
        help="분리보관 대상을 옮기고 파기 대상을 셉니다 (파기하지 않음)",
        description="시스템으로 실행합니다 (계정 불필요, 접속기록에 system). 매일 실행해도 안전합니다.",
    )
    run.add_argument("--dry-run", action="store_true", help="아무것도 바꾸지 않고 같은 건수만 보여 줍니다")
    run.set_defaults(func=cmd_retention_run)

    d = sub.add_parser("destruction", help="파기 계획 작성·승인·실행 (개인정보 보호책임자)")
    ds = d.add_subparsers(dest="destruction_command", metavar="SUBCOMMAND")
    plan = ds.add_parser("plan", help="보유기간이 끝난 기록의 파기 계획을 만듭니다")
    add_as_option(plan)
    plan.set_defaults(func=cmd_plan)
    help_text = "파기 계획을 봅니다; --records로 파기할 기록을, --exclusions로 제외한 기록을 한 쪽씩 (가려서)"
    show = ds.add_parser("show", help=help_text, description=help_text)
    show.add_argument("plan_id", type=int, metavar="PLAN", help="파기 계획 번호")
    which = show.add_mutually_exclusive_group()
    which.add_argument(
        "--records", action="store_true", help="파기할 기록 (기한 경과가 큰 것부터, 이름은 가려서)"
    )
    which.add_argument("--exclusions", action="store_true", help="파기에서 제외한 기록과 그 사유")
    show.add_argument(
        "--page", type=_page, default=1, metavar="N", help=f"쪽 번호 (한 쪽 {SHOW_PAGE}건, 기본 1)"
    )
    add_as_option(show)
    show.set_defaults(func=cmd_show)
    for name, help_text, func in (
        ("approve", "파기 계획을 승인합니다 (비밀번호 재확인)", cmd_approve),
        ("execute", "승인된 파기 계획을 실행합니다 (복구 불가 삭제)", cmd_execute),
        ("cancel", "실행 전의 파기 계획을 취소합니다", cmd_cancel),
    ):
        q = ds.add_parser(name, help=help_text, description=help_text)
        q.add_argument("plan_id", type=int, metavar="PLAN", help="파기 계획 번호")
        if name == "cancel":
            add_reason_option(q, "취소 사유")
        add_as_option(q)
        q.set_defaults(func=func)
    help_text = "파기 승인 2인 승인 규칙: 지금 규칙을 보거나, on/off로 바꿉니다 (바꿀 때 사유 필수)"
    tp = ds.add_parser("two-person", help=help_text, description=help_text)
    tp.add_argument("state", nargs="?", choices=("on", "off"), help="켜기(on) 또는 끄기(off); 없으면 보기만")
    tp.add_argument(
        "--reason",
        metavar="TEXT",
        help="바꾸는 사유 (바꿀 때 필수, 접속기록에 남습니다; 개인정보는 적지 마십시오)",
    )
    add_as_option(tp)
    tp.set_defaults(func=cmd_two_person)


def add_report_commands(rs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the destruction ledger and certificate to the ``report`` group."""
    if LEDGER_COMMAND in rs.choices:
        return
    help_text = "개인정보파일 파기 관리대장 [별지 제5호서식]"
    q = rs.add_parser(LEDGER_COMMAND, help=help_text, description=help_text)
    q.add_argument(
        "--from", dest="first", required=True, type=_date, metavar="YYYY-MM-DD", help="폐기일 기간의 첫날"
    )
    q.add_argument(
        "--to", dest="last", required=True, type=_date, metavar="YYYY-MM-DD", help="폐기일 기간의 마지막 날"
    )
    q.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
    add_force_option(q)
    add_reason_option(q, "출력 사유")
    add_as_option(q)
    q.set_defaults(func=cmd_ledger)
    help_text = "파기 확인서 (실행된 파기 계획 하나)"
    c = rs.add_parser(CERT_COMMAND, help=help_text, description=help_text)
    c.add_argument("plan_id", type=int, metavar="PLAN", help="파기 계획 번호")
    c.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
    add_force_option(c)
    add_reason_option(c, "출력 사유")
    add_as_option(c)
    c.set_defaults(func=cmd_certificate)


def cmd_retention_run(args: argparse.Namespace) -> int:
    from privdesk.lifecycle.separation import run_retention

    ctx = context_from(args)
    try:
        report = run_retention(ctx, dry_run=args.dry_run)
    finally:
        ctx.engine.dispose()
    for line in report.lines():
        print(line)
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from privdesk.lifecycle.destruction import create_plan

    ctx = context_from(args)
    try:
        plan = create_plan(ctx, acting(ctx, args))
    finally:
        ctx.engine.dispose()
    print(f"plan {plan.id}: {plan.record_count} records")
    print(f"파일: {plan.file_name}; 기준: {plan.criteria}")
    if plan.overdue_count:
        print(
            f"파기 기한(보유기간 종료 후 {plan.deadline_days}일) 경과 {plan.overdue_count:,}건: 먼저 파기하십시오"
        )
    print(f"파기 제외 {plan.excluded_count:,}건" + (":" if plan.excluded else ""))
    for e in plan.excluded:
        chart = f" (차트 {e.chart_no})" if e.chart_no else ""
        print(f"  {e.subject}{chart}: {e.reason}")
    if plan.excluded_count > len(plan.excluded):
        print(f"  … 외 {plan.excluded_count - len(plan.excluded):,}건")
    print(f"계획 해시 {plan.plan_hash}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from privdesk.errors import ValidationError
    from privdesk.lifecycle.destruction import get_plan
    from privdesk.lifecycle.planrecords import RecordList, plan_records

    which = RecordList.EXCLUSIONS if args.exclusions else RecordList.ITEMS if args.records else None
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        plan = get_plan(ctx, actor, args.plan_id)
        page = (
            plan_records(ctx, actor, args.plan_id, which, offset=(args.page - 1) * SHOW_PAGE, limit=SHOW_PAGE)
            if which is not None
            else None
        )
    finally:
        ctx.engine.dispose()
    print(f"plan {plan.id}: {plan.state_label}")
    print(f"파일: {plan.file_name}; 기준: {plan.criteria}")
    overdue = f" (파기 기한 경과 {plan.overdue_count:,}건)" if plan.overdue_count else ""
    print(f"파기 대상 {plan.record_count:,}건{overdue}, 파기 제외 {plan.excluded_count:,}건")
    print(f"작성: {plan.who(plan.created_by)} {clock.fmt_datetime(plan.created_at)}")
    if plan.approved_by:
        print(f"승인: {plan.who(plan.approved_by)} {clock.fmt_datetime(plan.approved_at)}")
    if plan.second_approved_by:
        print(f"2차 승인: {plan.who(plan.second_approved_by)} {clock.fmt_datetime(plan.second_approved_at)}")
    print(f"계획 해시 {plan.plan_hash}")
    if page is None:
        print(f"기록을 보려면: privdesk destruction show {plan.id} --records (제외한 기록: --exclusions)")
        return 0
    pages = max(1, -(-page.total // SHOW_PAGE))
    if page.total and not page.rows:
        raise ValidationError("page", f"{args.page}쪽이 없습니다 (전체 {pages}쪽).")
    title = "파기 대상" if which == RecordList.ITEMS else "파기 제외"
    if not page.total:
        print(f"{title}: 없음")
        return 0
    print(f"{title} {page.offset + 1:,}–{page.last:,} / {page.total:,}건 ({args.page}/{pages}쪽)")
    head = ["차트번호", "이름", "최종 내원일", "보유기간 종료", "위치"]
    head += ["기한 경과", "비고"] if which == RecordList.ITEMS else ["제외 사유"]
    print("\t".join(head))
    for r in page.rows:
        cells = [
            r.chart_no,
            r.name_masked,
            r.last_visit.isoformat() if r.last_visit else "",
            r.retention_until.isoformat() if r.retention_until else "",
            r.place,
        ]
        if which == RecordList.ITEMS:
            cells += [f"{r.overdue_days}일" if r.overdue_days else "", r.reason]
        else:
            cells.append(r.reason)
        print("\t".join(cells))
    if args.page < pages:
        flag = "--records" if which == RecordList.ITEMS else "--exclusions"
        print(f"다음 쪽: privdesk destruction show {plan.id} {flag} --page {args.page + 1}")
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    from privdesk.lifecycle.destruction import approve_plan

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        password = read_secret(ENV_PASSWORD, f"승인: {args.as_login} 비밀번호를 다시 입력하십시오: ")
        plan = approve_plan(ctx, actor, args.plan_id, password)
    finally:
        ctx.engine.dispose()
    print(f"plan {plan.id}: {plan.state_label}")
    return 0


def cmd_execute(args: argparse.Namespace) -> int:
    from privdesk.lifecycle.destruction import execute_plan

    ctx = context_from(args)
    try:
        result = execute_plan(ctx, acting(ctx, args), args.plan_id)
    finally:
        ctx.engine.dispose()
    print(f"destroyed {result.destroyed}")
    if result.skipped:
        print(f"제외(계획 작성 후 보존 사유 발생) {result.skipped}건")
    print(f"파기 관리대장 {result.ledger_id}번에 기록했습니다.")
    return 0


def cmd_cancel(args: argparse.Namespace) -> int:
    from privdesk.lifecycle.destruction import cancel_plan

    ctx = context_from(args)
    try:
        cancel_plan(ctx, acting(ctx, args), args.plan_id, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"plan {args.plan_id}: 취소")
    return 0


def cmd_two_person(args: argparse.Namespace) -> int:
    from privdesk.lifecycle.destruction import set_two_person_rule, two_person_setting

    if args.state is not None and not args.reason:
        print("2인 승인 규칙을 바꾸려면 --reason TEXT로 사유를 적으십시오.", file=sys.stderr)
        return 2
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        if args.state is None:
            rule = two_person_setting(ctx, actor)
        else:
            rule = set_two_person_rule(ctx, actor, args.state == "on", reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"2인 승인: {'적용' if rule.on else '적용 안 함'}")
    if rule.changed_by:
        from privdesk.clock import fmt_datetime

        print(
            f"마지막 변경: {rule.changed_by_label} ({fmt_datetime(rule.changed_at)}) 사유: {rule.reason or '-'}"
        )
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from privdesk.errors import ValidationError
    from privdesk.lifecycle.printing import print_ledger

    if args.first > args.last:
        raise ValidationError(
            "from", "기간의 첫날(--from)이 마지막 날(--to)보다 늦습니다. 기간을 다시 지정하십시오."
        )
    out = output_from(args)
    ctx = context_from(args)
    try:
        result = print_ledger(ctx, acting(ctx, args), args.first, args.last, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"{result.path}: {result.title} {result.rows:,}건, {result.pages}쪽 (기록번호 {result.record_no})")
    return 0


def cmd_certificate(args: argparse.Namespace) -> int:
    from privdesk.lifecycle.printing import print_certificate

    out = output_from(args)
    ctx = context_from(args)
    try:
        result = print_certificate(ctx, acting(ctx, args), args.plan_id, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"{result.path}: {result.title}, {result.pages}쪽 (기록번호 {result.record_no})")
    return 0
