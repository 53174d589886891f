"""``privdesk key``: the master key's recovery sheet, its restoration from the sheet, and its
rotation (키 관리; the privacy officer's)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privdesk.cli.common import ENV_PASSWORD, acting, add_as_option, context_from, read_secret, settings_from
from privdesk.errors import KeyFileError, PrivdeskError, ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "key", help="암호화 키 관리: 복구 용지 출력, 용지로 키 파일 복구, 키 교체 (개인정보 보호책임자)"
    )
    k = p.add_subparsers(dest="key_command", metavar="SUBCOMMAND")
    pr = k.add_parser("print", help="키 복구 용지(PDF)를 만듭니다: 금고에 보관")
    pr.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    pr.add_argument("--force", action="store_true", help="같은 이름의 파일이 있으면 바꿉니다")
    add_as_option(pr)
    pr.set_defaults(func=cmd_print)
    rs = k.add_parser(
        "restore", help="용지의 묶음 13개를 입력해 키 파일을 다시 만듭니다 (표준 입력 또는 터미널)"
    )
    rs.add_argument("--out", required=True, type=Path, metavar="PATH", help="새로 만들 키 파일")
    rs.set_defaults(func=cmd_restore)
    ro = k.add_parser(
        "rotate", help="새 키로 바꿉니다 (비밀번호 재입력; 중단돼도 다시 실행하면 이어서 마칩니다)"
    )
    ro.add_argument("--cancel", action="store_true", help="진행 중인 교체를 취소하고 원래 키로 되돌립니다")
    add_as_option(ro)
    ro.set_defaults(func=cmd_rotate)


def cmd_print(args: argparse.Namespace) -> int:
    from privdesk.custody.sheet import print_sheet

    ctx = context_from(args)
    try:
        pages = print_sheet(ctx, acting(ctx, args), args.out, force=args.force)
    finally:
        ctx.engine.dispose()
    print(f"{args.out}: 키 복구 용지 {pages}쪽. 인쇄해 금고에 보관하고 이 파일은 지우십시오.")
    return 0


def _typed_groups() -> list[str]:
    from privdesk.custody.sheet import GROUPS, check_group

    tty = sys.stdin.isatty()
    out: list[str] = []
    while len(out) < GROUPS:
        index = len(out) + 1
        if tty:
            print(f"{index:02d}번 묶음: ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            raise ValidationError("group", f"묶음 {GROUPS}개를 모두 입력하십시오 ({len(out)}개 입력됨).")
        if not line.strip():
            continue
        try:
            check_group(index, line)
        except ValidationError as exc:
            if not tty:
                raise
            print(f"privdesk: {exc}", file=sys.stderr)
            continue
        out.append(line)
    return out


def cmd_restore(args: argparse.Namespace) -> int:
    from privdesk.context import read_key_check
    from privdesk.crypto import KeyRing
    from privdesk.custody.sheet import master_from_groups, write_key_file
    from privdesk.store.engine import make_engine

    settings = settings_from(args)
    engine = make_engine(settings.db_url, create_file=False)
    try:
        stored = read_key_check(engine)
    finally:
        engine.dispose()
    if stored is None:
        raise KeyFileError(
            "데이터베이스에 키 확인값이 없습니다: --db로 복구할 키의 데이터베이스를 지정하십시오.",
            str(args.out),
        )
    master = master_from_groups(_typed_groups())
    if not KeyRing(master).matches(stored):
        raise KeyFileError(
            "입력한 키가 이 데이터베이스의 키가 아닙니다(키 확인값 불일치). 이 데이터베이스의 용지인지, "
            "키를 교체한 뒤 새로 출력한 용지인지 확인하십시오.",
            str(args.out),
        )
    write_key_file(args.out, master)
    print(
        f"키 파일을 만들었습니다: {args.out} (소유자만 읽기). 설정의 key_file 또는 --key-file로 지정하십시오."
    )
    return 0


def cmd_rotate(args: argparse.Namespace) -> int:
    from privdesk.custody import rotation

    password = read_secret(ENV_PASSWORD, f"{args.as_login} 비밀번호: ")
    settings = settings_from(args)
    try:
        ctx = context_from(args)
    except KeyFileError:
        if rotation.finish_files(settings):  # killed after the database took the new key
            print("키 교체를 마쳤습니다: 새 키 파일을 제자리에 두었습니다.")
            return 0
        raise
    try:

        def progress(what: str, done: int, total: int) -> None:
            print(f"{done:,}/{total:,} {what}", file=sys.stderr, flush=True)

        if args.cancel:
            report = rotation.cancel(ctx, args.as_login, password, progress=progress)
        else:
            report = rotation.rotate(ctx, args.as_login, password, progress=progress)
    except PrivdeskError:
        raise
    finally:
        ctx.engine.dispose()
    for line in report.lines:
        print(line)
    return 0
