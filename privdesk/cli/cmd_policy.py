"""``privdesk policy …``: the privacy policy (개인정보 처리방침, 법 제30조) from privdesk's data.

Contract:
- ``privdesk policy render [--version N] [--cctv] --out FILE.html|FILE.pdf [--force] --as ID``: the
  homepage HTML (self-contained) or the PDF of version N (default the latest published; nothing
  published: today's data as a draft); ``--cctv``: the CCTV 운영·관리 방침 when the profile makes it a
  document of its own (``[policy] cctv = "separate"``; by default it is a section of the policy);
- ``privdesk policy diff [--from N] [--to N] --as ID``: a unified diff, section by section (exit 0
  whether or not anything differs); default from the latest published to the latest draft (or
  today's data);
- ``privdesk policy draft [--text KEY=FILE …] --as ID``: a new draft from today's data (editable texts
  from UTF-8 files);
- ``privdesk policy publish --effective YYYY-MM-DD --as ID``: the latest draft becomes the next version;
- ``privdesk policy status --as ID``: whether the published version matches today's data, what differs
  (exit 0 either way).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from privdesk.cli.common import acting, add_as_option, add_force_option, context_from
from privdesk.errors import ValidationError
from privdesk.korean import josa


def _effective(text: str) -> object:
    from privdesk.policy.output import effective_of

    try:
        return effective_of(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"판 번호는 1 이상의 정수여야 합니다: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"판 번호는 1 이상의 정수여야 합니다: {text!r}")
    return n


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("policy", help="개인정보 처리방침: 자료로 작성, 비교, 게시, 현황, HTML·PDF")
    ps = p.add_subparsers(dest="policy_command", metavar="SUBCOMMAND")

    r = ps.add_parser("render", help="처리방침을 홈페이지용 HTML 또는 PDF로 만듭니다")
    r.add_argument("--version", type=_positive, metavar="N", help="판 번호 (없으면 최신 게시본)")
    r.add_argument("--out", required=True, type=Path, metavar="FILE.html|FILE.pdf", help="만들 파일")
    r.add_argument(
        "--cctv",
        action="store_true",
        help='별도 문서인 영상정보처리기기 운영·관리 방침 (병원 프로필 [policy] cctv = "separate")',
    )
    add_force_option(r)
    add_as_option(r)
    r.set_defaults(func=cmd_render)

    d = ps.add_parser("diff", help="두 판을 절별로 비교합니다 (unified diff)")
    d.add_argument(
        "--from", dest="from_number", type=_positive, metavar="N", help="이전 판 (없으면 최신 게시본)"
    )
    d.add_argument(
        "--to",
        dest="to_number",
        type=_positive,
        metavar="N",
        help="새 판 (없으면 최신 초안, 초안이 없으면 현재 자료)",
    )
    add_as_option(d)
    d.set_defaults(func=cmd_diff)

    f = ps.add_parser("draft", help="현재 자료로 새 초안을 만듭니다")
    f.add_argument(
        "--text",
        action="append",
        default=[],
        metavar="KEY=FILE",
        help="편집 문구를 UTF-8 파일로 바꿉니다 (예: intro=머리말.txt; 여러 번)",
    )
    add_as_option(f)
    f.set_defaults(func=cmd_draft)

    u = ps.add_parser("publish", help="최신 초안을 다음 판으로 게시합니다 (개인정보 보호책임자)")
    u.add_argument("--effective", required=True, type=_effective, metavar="YYYY-MM-DD", help="시행일")
    add_as_option(u)
    u.set_defaults(func=cmd_publish)

    t = ps.add_parser("status", help="게시된 처리방침이 현재 자료와 같은지, 무엇이 다른지 보여 줍니다")
    add_as_option(t)
    t.set_defaults(func=cmd_status)


def cmd_render(args: argparse.Namespace) -> int:
    from privdesk.cli.common import output_from
    from privdesk.policy.output import render

    out = output_from(args)
    ctx = context_from(args)
    try:
        r = render(ctx, acting(ctx, args), out, number=args.version, cctv=args.cctv)
    finally:
        ctx.engine.dispose()
    extra = f", {r.pages}쪽, 문서번호 {r.record_no}" if r.kind == "pdf" else ""
    what = "영상정보처리기기 운영·관리 방침" if args.cctv else "개인정보 처리방침"
    print(f"{what} {josa(r.label, '을/를')} {r.path}에 저장했습니다 ({r.kind.upper()}{extra}).")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from privdesk.policy import versions

    ctx = context_from(args)
    try:
        d = versions.diff(ctx, acting(ctx, args), args.from_number, args.to_number)
    finally:
        ctx.engine.dispose()
    print(d.unified(), end="")
    print(f"# 바뀐 절 {len(d.changed)}개 / 전체 {len(d.sections)}개")
    return 0


def _texts(specs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for spec in specs:
        key, sep, name = spec.partition("=")
        if not sep or not key.strip() or not name.strip():
            raise ValidationError("text", f"--text는 KEY=FILE 형식이어야 합니다: {spec!r}")
        try:
            out[key.strip()] = Path(name.strip()).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise ValidationError("text", f"문구 파일을 UTF-8로 읽을 수 없습니다: {name.strip()}") from None
    return out


def cmd_draft(args: argparse.Namespace) -> int:
    from privdesk.policy import versions

    texts = _texts(args.text)
    ctx = context_from(args)
    try:
        v = versions.draft(ctx, acting(ctx, args), texts)
    finally:
        ctx.engine.dispose()
    print(
        f"개인정보 처리방침 초안을 만들었습니다 (초안 {v.id}, 절 {len(v.sections)}개). "
        "비교: privdesk policy diff, 게시: privdesk policy publish --effective YYYY-MM-DD"
    )
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from privdesk.policy import versions

    ctx = context_from(args)
    try:
        v = versions.publish(ctx, acting(ctx, args), args.effective)
    finally:
        ctx.engine.dispose()
    print(
        f"개인정보 처리방침 제{v.number}판을 게시했습니다 (시행일 {args.effective.isoformat()}). "
        f"홈페이지용 파일: privdesk policy render --version {v.number} --out 처리방침.html"
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from privdesk.policy import versions

    ctx = context_from(args)
    try:
        st = versions.status(ctx, acting(ctx, args))
    finally:
        ctx.engine.dispose()
    print(st.summary())
    for c in st.changes:
        print(f"[{c.label}] 해당 절: {', '.join(c.sections)}")
        for x in c.removed:
            print(f"  - {x}")
        for x in c.added:
            print(f"  + {x}")
    return 0
