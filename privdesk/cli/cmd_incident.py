"""``privdesk incident …`` and the breach register's reports (유출 등 사고 대장).

Contract:
- ``privdesk incident open --learnt "YYYY-MM-DD HH:MM" --kind lost|misdelivery|insider|attack|other
  --summary TEXT --as ID`` (+ ``--happened``, ``--reporter``, ``--items``, ``--files``,
  ``--containment``, ``--outside``) prints ``INC-…: due YYYY-MM-DD HH:MM`` (KST);
- ``privdesk incident affect INC --charts FILE --as ID`` (one chart number a line; or
  ``--export-seq N``, ``--account LOGIN --from DATE --to DATE``, ``--cctv ID,…``) prints the count
  and which duties now apply;
- ``privdesk incident list [--open] [--year YYYY] --as ID``: one incident a line, the most urgent
  first; ``[기한 경과]`` / ``[임박]`` marks;
- ``privdesk incident sent INC --duty notify|report --channel … [--people N] [--at …] --as ID``,
  ``privdesk incident close INC --cause TEXT --measures TEXT --as ID`` (the officer),
  ``privdesk incident sms INC --out FILE.csv --reason TEXT --as ID``,
  ``privdesk incident homepage INC --as ID`` (prints the homepage notice);
- ``privdesk report incident INC --out FILE.pdf --reason TEXT --as ID`` (the incident with its
  notices and history), ``privdesk report incident-letters INC --out FILE.pdf --reason TEXT --as ID``,
  ``privdesk report incident-form INC …`` (신고서), ``privdesk report incident-register --year YYYY
  --out FILE.pdf --as ID`` (added to the ``report`` group by :func:`add_report_commands`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from privdesk.cli.common import acting, add_as_option, add_force_option, context_from, output_from
from privdesk.errors import ValidationError

KINDS = ("lost", "misdelivery", "insider", "attack", "other")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식으로 쓰십시오: {text!r}") from None


def _kst(text: str, field: str, label: str) -> dt.datetime:
    from privdesk.incidents.rules import parse_kst

    return parse_kst(text, field, label)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("incident", help="유출 등 사고 대장: 등록, 정보주체, 72시간 기한, 통지·신고, 종결")
    ps = p.add_subparsers(dest="incident_command", metavar="SUBCOMMAND")

    o = ps.add_parser("open", help="유출 사고를 등록합니다 (기한: 인지 일시 + 72시간)")
    o.add_argument(
        "--learnt", required=True, metavar='"YYYY-MM-DD HH:MM"', help="병원이 알게 된 일시 (한국 시간)"
    )
    o.add_argument(
        "--kind",
        required=True,
        choices=KINDS,
        help="lost(분실·도난), misdelivery(오발송), insider(직원의 권한 없는 접근), attack(외부 공격), other",
    )
    o.add_argument("--summary", required=True, metavar="TEXT", help="경위 (개인정보는 적지 마십시오)")
    o.add_argument("--happened", metavar='"YYYY-MM-DD HH:MM"', help="유출이 일어난 일시 (알면)")
    o.add_argument("--reporter", default="", metavar="TEXT", help="최초 보고자 (부서·이름)")
    o.add_argument("--items", default="", metavar="A,B", help="유출 항목 (예: 이름,주민등록번호,주소)")
    o.add_argument("--files", default="", metavar="CODE,…", help="개인정보파일 코드 (예: patient)")
    o.add_argument("--containment", default="", metavar="TEXT", help="최초 대응조치")
    o.add_argument("--outside", action="store_true", help="외부로부터의 불법적인 접근에 의한 유출")
    add_as_option(o)
    o.set_defaults(func=cmd_open)

    a = ps.add_parser("affect", help="유출된 정보주체를 데이터에서 골라 추가합니다")
    a.add_argument("incident", metavar="INC", help="사고 번호 (INC-YYYY-NNNN)")
    g = a.add_mutually_exclusive_group(required=True)
    g.add_argument("--charts", type=Path, metavar="FILE", help="차트번호 목록 파일 (한 줄에 하나)")
    g.add_argument("--export-seq", type=int, metavar="N", help="유출된 내보내기의 접속기록 순번")
    g.add_argument("--account", metavar="LOGIN", help="이 계정이 기간 동안 접근한 환자 (--from, --to)")
    g.add_argument(
        "--cctv", metavar="CR-…,…", help="CCTV 열람 청구 접수번호 (CR-2026-0007 또는 7, 쉼표로 여러 개)"
    )
    a.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD", help="--account 기간의 첫날")
    a.add_argument("--to", dest="last", type=_date, metavar="YYYY-MM-DD", help="--account 기간의 마지막 날")
    add_as_option(a)
    a.set_defaults(func=cmd_affect)

    rm = ps.add_parser("remove", help="잘못 추가한 정보주체를 사유와 함께 뺍니다 (기록은 이력에 남습니다)")
    rm.add_argument("incident", metavar="INC", help="사고 번호 (INC-YYYY-NNNN)")
    rm.add_argument(
        "--charts", type=Path, required=True, metavar="FILE", help="뺄 차트번호 목록 파일 (한 줄에 하나)"
    )
    rm.add_argument("--reason", required=True, metavar="TEXT", help="빼는 사유")
    add_as_option(rm)
    rm.set_defaults(func=cmd_remove)

    q = ps.add_parser("list", help="사고를 한 줄에 하나씩, 급한 것부터 보여 줍니다")
    q.add_argument("--open", dest="open_only", action="store_true", help="대응 중인 사고만")
    q.add_argument("--year", type=int, metavar="YYYY", help="이 해의 사고만")
    add_as_option(q)
    q.set_defaults(func=cmd_list)

    s = ps.add_parser("sent", help="보낸 통지·신고를 기록합니다 (의무가 끝나면 기한 계산이 멈춥니다)")
    s.add_argument("incident", metavar="INC")
    s.add_argument(
        "--duty", required=True, choices=("notify", "report"), help="notify(정보주체 통지), report(신고)"
    )
    s.add_argument(
        "--channel",
        required=True,
        choices=("letter", "sms", "email", "phone", "homepage", "pipc", "kisa"),
        help="방법·기관",
    )
    s.add_argument("--people", type=int, default=0, metavar="N", help="이 방법으로 통지한 인원")
    s.add_argument("--at", metavar='"YYYY-MM-DD HH:MM"', help="보낸 일시 (기본: 지금)")
    s.add_argument("--note", default="", metavar="TEXT")
    add_as_option(s)
    s.set_defaults(func=cmd_sent)

    c = ps.add_parser("close", help="사고를 종결합니다 (개인정보 보호책임자의 승인)")
    c.add_argument("incident", metavar="INC")
    c.add_argument("--cause", required=True, metavar="TEXT", help="원인")
    c.add_argument("--measures", required=True, metavar="TEXT", help="재발 방지 등 조치")
    add_as_option(c)
    c.set_defaults(func=cmd_close)

    m = ps.add_parser("sms", help="문자 발송 업체용 CSV (이름 마스킹, 휴대전화 번호, 주소 없음)")
    m.add_argument("incident", metavar="INC")
    m.add_argument("--out", required=True, type=Path, metavar="FILE.csv")
    m.add_argument("--reason", required=True, metavar="TEXT", help="내보내는 사유 (접속기록에 남습니다)")
    add_force_option(m)
    add_as_option(m)
    m.set_defaults(func=cmd_sms)

    h = ps.add_parser("homepage", help="연락처를 모르는 정보주체를 위한 홈페이지 게시문을 출력합니다")
    h.add_argument("incident", metavar="INC")
    add_as_option(h)
    h.set_defaults(func=cmd_homepage)


def add_report_commands(rs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the breach register's papers to the ``report`` group."""
    for name, help_text, func in (
        ("incident", "유출 등 사고 처리 기록 (통지·신고와 처리 이력)", cmd_report_incident),
        ("incident-letters", "유출 통지서 (정보주체마다 한 장, 법 제34조①의 통지 내용)", cmd_report_letters),
        ("incident-form", "개인정보 유출 등 신고서 (보호위원회·KISA, 서식 항목 미확인)", cmd_report_form),
    ):
        if name in rs.choices:
            continue
        q = rs.add_parser(name, help=help_text, description=help_text)
        q.add_argument("incident", metavar="INC", help="사고 번호 (INC-YYYY-NNNN)")
        q.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
        q.add_argument("--reason", required=True, metavar="TEXT", help="출력 사유 (접속기록에 남습니다)")
        add_force_option(q)
        add_as_option(q)
        q.set_defaults(func=func)
    if "incident-register" not in rs.choices:
        help_text = "유출 등 사고 대장 (한 해)"
        q = rs.add_parser("incident-register", help=help_text, description=help_text)
        q.add_argument("--reason", required=True, metavar="TEXT", help="출력 사유 (접속기록에 남습니다)")
        q.add_argument("--year", required=True, type=int, metavar="YYYY")
        q.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
        add_force_option(q)
        add_as_option(q)
        q.set_defaults(func=cmd_report_register)


def cmd_open(args: argparse.Namespace) -> int:
    from privdesk import clock
    from privdesk.incidents.register import IncidentInput, open_incident

    learnt = _kst(args.learnt, "learnt", "인지 일시(--learnt)")
    happened = _kst(args.happened, "happened", "발생 일시(--happened)") if args.happened else None
    ctx = context_from(args)
    try:
        d = open_incident(
            ctx,
            acting(ctx, args),
            IncidentInput(
                learnt_at=learnt,
                kind=args.kind,
                summary=args.summary,
                reporter=args.reporter,
                happened_at=happened,
                items=args.items,
                files=args.files,
                containment=args.containment,
                outside_access=args.outside,
            ),
        )
    finally:
        ctx.engine.dispose()
    print(f"{d.number}: due {clock.fmt_datetime(d.row.notify.due)}")
    return 0


def _charts_file(path: Path) -> list[str]:
    from privdesk.incidents import affected

    try:
        return affected.read_charts(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        raise ValidationError(
            "charts", f"차트번호 목록 파일을 읽을 수 없습니다: {path} (UTF-8 텍스트, 한 줄에 차트번호 하나)"
        ) from None


def cmd_remove(args: argparse.Namespace) -> int:
    from privdesk.incidents import affected

    charts = _charts_file(args.charts)
    ctx = context_from(args)
    try:
        r = affected.remove_charts(ctx, acting(ctx, args), args.incident, charts, args.reason)
    finally:
        ctx.engine.dispose()
    print(r.line())
    return 0


def cmd_affect(args: argparse.Namespace) -> int:
    from privdesk.incidents import affected

    charts: list[str] = []
    if args.charts is not None:
        charts = _charts_file(args.charts)
    if args.account and (args.first is None or args.last is None):
        raise ValidationError("from", "--account에는 기간(--from, --to)을 함께 지정하십시오.")
    cctv: list[int] = []
    if args.cctv:
        cctv = affected.read_cctv(args.cctv)
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        if args.charts is not None:
            r = affected.affect_charts(ctx, actor, args.incident, charts)
        elif args.export_seq is not None:
            r = affected.affect_export(ctx, actor, args.incident, args.export_seq)
        elif args.account:
            r = affected.affect_account(ctx, actor, args.incident, args.account, args.first, args.last)
        else:
            r = affected.affect_cctv(ctx, actor, args.incident, cctv)
    finally:
        ctx.engine.dispose()
    print(r.line())
    for duty in r.detail.row.duties:
        if duty.applies:
            print(f"  {duty.label} ({duty.article}): " + "; ".join(duty.reasons))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from privdesk import clock
    from privdesk.incidents.register import list_incidents

    ctx = context_from(args)
    try:
        rows = list_incidents(ctx, acting(ctx, args), open_only=args.open_only, year=args.year)
    finally:
        ctx.engine.dispose()
    now = clock.now()
    if not rows:
        print("대응 중인 유출 사고가 없습니다." if args.open_only else "등록된 유출 사고가 없습니다.")
    for r in rows:
        print(r.line(now))
    return 0


def cmd_sent(args: argparse.Namespace) -> int:
    from privdesk import clock
    from privdesk.incidents.register import mark_sent

    at = _kst(args.at, "at", "보낸 일시(--at)") if args.at else None
    ctx = context_from(args)
    try:
        d = mark_sent(
            ctx,
            acting(ctx, args),
            args.incident,
            duty=args.duty,
            channel=args.channel,
            sent_at=at,
            people=args.people,
            note=args.note,
        )
    finally:
        ctx.engine.dispose()
    now = clock.now()
    for duty in d.row.duties:
        print(f"{d.number}: {duty.label} {duty.status(now)}")
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    from privdesk import clock
    from privdesk.incidents.register import close_incident

    ctx = context_from(args)
    try:
        d = close_incident(ctx, acting(ctx, args), args.incident, cause=args.cause, measures=args.measures)
    finally:
        ctx.engine.dispose()
    print(f"{d.number}: 종결 {clock.fmt_datetime(d.closed_at)} ({d.closed_by})")
    return 0


def cmd_sms(args: argparse.Namespace) -> int:
    from privdesk.incidents.printing import export_contacts

    out = output_from(args)
    ctx = context_from(args)
    try:
        r = export_contacts(ctx, acting(ctx, args), args.incident, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"{r.path}: {r.letters:,}명 (휴대전화 번호 없음 {r.skipped:,}명)")
    return 0


def cmd_homepage(args: argparse.Namespace) -> int:
    from privdesk.incidents.printing import homepage_notice

    ctx = context_from(args)
    try:
        text = homepage_notice(ctx, acting(ctx, args), args.incident)
    finally:
        ctx.engine.dispose()
    print(text)
    return 0


def _print(args: argparse.Namespace, which: str) -> int:
    from privdesk.incidents import printing

    out = output_from(args)
    ctx = context_from(args)
    func = {
        "record": printing.print_record,
        "letters": printing.print_letters,
        "form": printing.print_report,
    }[which]
    try:
        r = func(ctx, acting(ctx, args), args.incident, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    extra = f" 통지서 {r.letters:,}통 (주소 없음 {r.skipped:,}명)," if which == "letters" else ""
    print(f"{r.path}: {r.title}{extra} {r.pages}쪽 (기록번호 {r.record_no})")
    return 0


def cmd_report_incident(args: argparse.Namespace) -> int:
    return _print(args, "record")


def cmd_report_letters(args: argparse.Namespace) -> int:
    return _print(args, "letters")


def cmd_report_form(args: argparse.Namespace) -> int:
    return _print(args, "form")


def cmd_report_register(args: argparse.Namespace) -> int:
    from privdesk.incidents.printing import print_register

    out = output_from(args)
    ctx = context_from(args)
    try:
        r = print_register(ctx, acting(ctx, args), args.year, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"{r.path}: {r.title} {r.letters:,}건, {r.pages}쪽 (기록번호 {r.record_no})")
    return 0
