"""``privdesk audit``: verify, archive, verify-archive and export the access log (접속기록).

Contract: ``privdesk audit verify --as ID`` exits 0 printing the number of entries checked, and
exits 1 naming the first problem on stderr: an entry altered, deleted, inserted or reordered, a
witness the chain disagrees with, a missing or disabled protection, a row whose proof fails, a
ledger row. ``--witness SEQ:HASH`` (typed from a printed page) and ``--witness-file FILE`` (another
workstation's witness file) add witnesses to this workstation's own.
``privdesk audit acknowledge --reason TEXT --as OFFICER`` records the officer's acknowledgement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from privdesk import clock
from privdesk.cli.common import acting, add_as_option, add_force_option, context_from, output_from

if TYPE_CHECKING:  # imported where used: the CLI parses its arguments before loading SQLAlchemy
    from privdesk.audit.query import LogFilter
    from privdesk.audit.witness import Witness
    from privdesk.context import Actor, AppContext
    from privdesk.files import Output


def _date(text: str) -> dt.date:
    try:
        return clock.parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식으로 입력하십시오: {text}") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("audit", help="접속기록 검증·보관·내보내기")
    a = p.add_subparsers(dest="audit_command", metavar="SUBCOMMAND")

    v = a.add_parser("verify", help="접속기록 체인, 증인, 보호 장치, 행 무결성 증명, 대장을 검증합니다")
    v.add_argument(
        "--witness",
        action="append",
        default=[],
        type=_witness,
        metavar="SEQ:HASH",
        help="출력물 아래쪽에 찍힌 접속기록 증인 (예: 1234:3f9a0c1b2d4e, 여러 번 지정 가능)",
    )
    v.add_argument(
        "--witness-file",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="다른 작업 PC에서 가져온 증인 파일 (여러 번 지정 가능)",
    )
    add_as_option(v)
    v.set_defaults(func=cmd_verify)

    k = a.add_parser(
        "acknowledge", help="발견된 무결성 위반을 조사한 뒤 확인합니다 (개인정보 보호책임자, 사유 필수)"
    )
    k.add_argument("--reason", required=True, metavar="TEXT", help="조사 내용과 조치")
    add_as_option(k)
    k.set_defaults(func=cmd_acknowledge)

    r = a.add_parser("archive", help="보존기간이 지난 접속기록을 서명된 보관 파일로 옮깁니다")
    r.add_argument(
        "--before",
        required=True,
        type=_date,
        metavar="DATE",
        help="이 날짜(YYYY-MM-DD, 한국 시간) 이전의 기록을 옮깁니다",
    )
    r.add_argument("--out", required=True, type=Path, metavar="FILE", help="보관 파일 (새 파일)")
    add_as_option(r)
    r.set_defaults(func=cmd_archive)

    f = a.add_parser("verify-archive", help="보관 파일을 그 자체로 검증합니다")
    f.add_argument("file", type=Path, metavar="FILE")
    add_as_option(f)
    f.set_defaults(func=cmd_verify_archive)

    e = a.add_parser(
        "export", help="조건에 맞는 접속기록을 읽을 수 있는 CSV(엑셀용 UTF-8)로 내보냅니다 (사유 필수)"
    )
    e.add_argument("--out", required=True, type=Path, metavar="FILE")
    add_force_option(e)
    _filter_options(e)
    e.add_argument("--reason", required=True, metavar="TEXT", help="내보내는 사유 (접속기록에 함께 남습니다)")
    add_as_option(e)
    e.set_defaults(func=cmd_export)

    li = a.add_parser("list", help="조건에 맞는 접속기록을 최근 것부터 읽을 수 있는 문장으로 보여 줍니다")
    _filter_options(li)
    li.add_argument("--limit", type=int, default=50, metavar="N", help="보여 줄 건수 (기본 50, 최대 1000)")
    add_as_option(li)
    li.set_defaults(func=cmd_list)


def _filter_options(p: argparse.ArgumentParser) -> None:
    from privdesk.audit.actions import Action, categories

    p.add_argument("--actor", metavar="NAME_OR_ID", help="계정: 이름 또는 아이디")
    p.add_argument(
        "--kind",
        choices=[code for code, _ in categories()],
        metavar="KIND",
        help="수행업무 분류: " + ", ".join(f"{code}={text}" for code, text in categories()),
    )
    p.add_argument(
        "--patient", metavar="CHART_OR_NAME", help="환자: 차트번호 (환자 명부 조회 권한이 있으면 이름도)"
    )
    p.add_argument(
        "--action",
        choices=[str(x) for x in Action],
        metavar="ACTION",
        help="수행업무 (기계용 코드: view, search, export …)",
    )
    p.add_argument("--subject", metavar="REF", help="대상 참조 (기계용: CSV의 '대상 참조' 열)")
    p.add_argument("--from", dest="since", type=_date, metavar="DATE", help="시작 날짜 (포함)")
    p.add_argument("--to", dest="until", type=_date, metavar="DATE", help="끝 날짜 (포함)")


def _witness(text: str) -> Witness:
    from privdesk.audit.witness import parse_manual

    try:
        return parse_manual(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _with_actor(args: argparse.Namespace) -> tuple[AppContext, Actor]:
    ctx = context_from(args)
    try:
        return ctx, acting(ctx, args)
    except BaseException:
        ctx.engine.dispose()
        raise


def cmd_verify(args: argparse.Namespace) -> int:
    for path in args.witness_file:
        if not Path(path).is_file():
            print(f"privdesk: 증인 파일이 없습니다: {path}", file=sys.stderr)
            return 1
    ctx, actor = _with_actor(args)
    try:
        return run_verify(ctx, actor, witness_files=args.witness_file, manual=args.witness)
    finally:
        ctx.engine.dispose()


def run_verify(
    ctx: AppContext, actor: Actor, *, witness_files: Sequence[Path] = (), manual: Sequence[Witness] = ()
) -> int:
    from privdesk.integrity import verify_all

    report = verify_all(ctx, actor, witness_files=witness_files, manual=manual)
    if report.ok:
        print(f"검증한 기록: {report.chain.checked}건")
        for line in report.messages:
            print(line)
        return 0
    bad = [p.message if p.message.endswith(".") else f"{p.message}." for p in report.problems]
    print(f"privdesk: {bad[0]}", file=sys.stderr)
    for line in bad[1:]:
        print(f"privdesk: {line}", file=sys.stderr)
    print(
        "privdesk: 개인정보 보호책임자가 조사한 뒤 'privdesk audit acknowledge --reason … --as <아이디>'로 "
        "확인할 때까지 보호책임자와 감사 담당자만 작업할 수 있습니다.",
        file=sys.stderr,
    )
    return 1


def cmd_acknowledge(args: argparse.Namespace) -> int:
    from privdesk.cli.common import ENV_PASSWORD, read_secret
    from privdesk.integrity import acknowledge

    ctx, actor = _with_actor(args)
    try:
        result = acknowledge(ctx, actor, read_secret(ENV_PASSWORD, f"{actor.login} 비밀번호: "), args.reason)
    finally:
        ctx.engine.dispose()
    for line in result.lines:
        print(line)
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    ctx, actor = _with_actor(args)
    try:
        return run_archive(ctx, actor, args.before, args.out)
    finally:
        ctx.engine.dispose()


def run_archive(ctx: AppContext, actor: Actor, before: dt.date, out: Path) -> int:
    from privdesk.audit.archive import archive_before

    result = archive_before(ctx, actor, before, out)
    if result.entries == 0:
        print(f"{before.isoformat()} 이전의 기록이 없어 옮기지 않았습니다.")
        return 0
    print(f"보관한 기록: {result.entries}건 ({result.first_seq}번~{result.last_seq}번)")
    print(f"보관 파일: {result.path}")
    print(f"SHA-256: {result.sha256}")
    return 0


def cmd_verify_archive(args: argparse.Namespace) -> int:
    ctx, actor = _with_actor(args)
    try:
        return run_verify_archive(ctx, actor, args.file)
    finally:
        ctx.engine.dispose()


def run_verify_archive(ctx: AppContext, actor: Actor, path: Path) -> int:
    from privdesk.audit.archive import verify_archive

    result = verify_archive(ctx, actor, path)
    if result.ok:
        print(f"검증한 기록: {result.checked}건 ({path.name})")
        print(result.message)
        return 0
    print(f"privdesk: {path.name}: {result.message}", file=sys.stderr)
    return 1


def log_filter(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> LogFilter:
    """The command line's filter, the person and the patient resolved through the use cases."""
    from privdesk.audit.query import LogFilter
    from privdesk.logview import patient_refs, person_logins

    return LogFilter(
        action=args.action,
        subject=args.subject,
        since=args.since,
        until=args.until,
        category=args.kind,
        actors=person_logins(ctx, actor, args.actor) if args.actor else (),
        subjects=patient_refs(ctx, actor, args.patient) if args.patient else (),
    )


def cmd_export(args: argparse.Namespace) -> int:
    out = output_from(args)
    ctx, actor = _with_actor(args)
    try:
        return run_export(ctx, actor, log_filter(ctx, actor, args), out, reason=args.reason)
    finally:
        ctx.engine.dispose()


def run_export(ctx: AppContext, actor: Actor, flt: LogFilter, out: Path | Output, *, reason: str) -> int:
    from privdesk.logview import export_csv

    n = export_csv(ctx, actor, flt, out, reason=reason)
    print(f"내보낸 기록: {n}건 → {out}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    ctx, actor = _with_actor(args)
    try:
        return run_list(ctx, actor, log_filter(ctx, actor, args), limit=args.limit)
    finally:
        ctx.engine.dispose()


def run_list(ctx: AppContext, actor: Actor, flt: LogFilter, *, limit: int = 50) -> int:
    from privdesk.logview import page

    rows = page(ctx, actor, flt, limit=limit)
    for r in rows:
        at = clock.to_kst(r.at).strftime("%Y-%m-%d %H:%M:%S")
        parts = [f"{r.seq:>7}", at, r.account_text, r.task]
        parts += [x for x in (r.subject, r.detail) if x]
        if r.outcome_code != "ok":
            parts.append(r.outcome)
        print("  ".join(parts))
    print(f"{len(rows)}건 (최근 것부터)")
    return 0
