"""``privdesk user …`` (계정 관리) and ``privdesk passwd`` (비밀번호 변경).

Every command acts as the account given with ``--as`` and goes through the same use cases,
permissions, lock-out and access log as the GUI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from privdesk import clock
from privdesk.cli.common import (
    ENV_NEW_PASSWORD,
    ENV_PASSWORD,
    acting,
    add_as_option,
    context_from,
    read_secret,
)

if TYPE_CHECKING:  # imported where used: the CLI parses its arguments before loading SQLAlchemy
    from privdesk.accounts import users
    from privdesk.context import Actor, AppContext


Handler = Callable[["AppContext", "Actor", argparse.Namespace], int]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    user = sub.add_parser("user", help="계정 관리: 추가, 목록, 잠금, 해제, 역할, 비밀번호 초기화, 말소, 이력")
    commands = user.add_subparsers(dest="user_command", metavar="COMMAND")

    p = commands.add_parser("add", help="계정을 만들고 일회용 비밀번호를 마지막 줄에 출력합니다")
    p.add_argument("login", metavar="ID")
    p.add_argument("--name", required=True, metavar="NAME", help="이름")
    p.add_argument(
        "--role",
        dest="roles",
        action="append",
        required=True,
        metavar="ROLE",
        help="역할: officer, privacy, intake, facility, auditor (여러 번 지정 가능)",
    )
    p.add_argument("--department", default="", metavar="TEXT", help="부서")
    p.add_argument("--reason", default="", metavar="TEXT", help="사유 (권한 부여 기록에 남습니다)")
    _finish(p, _add)

    p = commands.add_parser("list", help="계정 목록")
    p.add_argument("--all", action="store_true", help="말소된 계정도 보입니다")
    _finish(p, _list)

    p = commands.add_parser("lock", help="계정을 잠급니다")
    p.add_argument("login", metavar="ID")
    p.add_argument("--reason", default="", metavar="TEXT")
    _finish(p, _lock)

    p = commands.add_parser("unlock", help="잠긴 계정을 풉니다 (사유 필수)")
    p.add_argument("login", metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT")
    _finish(p, _unlock)

    p = commands.add_parser("roles", help="계정의 역할을 바꿉니다 (지정한 역할로 교체)")
    p.add_argument("login", metavar="ID")
    p.add_argument("--role", dest="roles", action="append", required=True, metavar="ROLE")
    p.add_argument("--reason", default="", metavar="TEXT")
    _finish(p, _roles)

    p = commands.add_parser("reset-password", help="일회용 비밀번호를 새로 발급합니다 (마지막 줄)")
    p.add_argument("login", metavar="ID")
    p.add_argument("--reason", default="", metavar="TEXT")
    _finish(p, _reset)

    p = commands.add_parser("deactivate", help="계정을 말소합니다 (기록은 남습니다, 사유 필수)")
    p.add_argument("login", metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT")
    _finish(p, _deactivate)

    p = commands.add_parser("history", help="권한 부여·변경·말소 이력")
    p.add_argument("login", metavar="ID", nargs="?")
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--until", type=_date, metavar="YYYY-MM-DD")
    _finish(p, _history)

    p = commands.add_parser(
        "recover",
        help="개인정보 보호책임자 계정을 복구합니다 (계정 없이 실행; 금고의 복구 코드 필요: "
        "PRIVDESK_RECOVERY_CODE 또는 입력; 사유 필수)",
    )
    p.add_argument("login", metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(func=cmd_recover)

    p = commands.add_parser("notices", help="자기 계정에 온 알림(계정 복구 등)을 봅니다; --ack로 확인 처리")
    p.add_argument("--ack", action="store_true", help="보인 알림을 모두 확인한 것으로 기록합니다")
    _finish(p, _notices)

    pw = sub.add_parser(
        "passwd", help="자기 계정의 비밀번호를 바꿉니다 (새 비밀번호: PRIVDESK_NEW_PASSWORD 또는 입력)"
    )
    add_as_option(pw)
    pw.set_defaults(func=cmd_passwd)


def cmd_recover(args: argparse.Namespace) -> int:
    from privdesk.accounts import users
    from privdesk.accounts.recovery import ENV_RECOVERY_CODE

    code = read_secret(ENV_RECOVERY_CODE, "복구 코드: ", what="복구 코드")
    ctx = context_from(args)
    try:
        result = users.recover_officer(ctx, args.login, reason=args.reason, code=code)
    finally:
        ctx.engine.dispose()
    print(f"계정을 복구했습니다: {args.login}. 다음 로그인 때 비밀번호를 바꿔야 합니다.")
    print("새 복구 코드 (이전 코드는 이제 쓸 수 없습니다. 금고의 코드를 바꿔 두십시오):")
    print(result.recovery_code)
    print("일회용 비밀번호:")
    print(result.one_time_password)
    return 0


def _notices(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> int:
    from privdesk.accounts import users

    notices = users.pending_notices(ctx, actor)
    for _id, text in notices:
        print(text)
    if not notices:
        print("확인하지 않은 알림이 없습니다.")
    elif args.ack:
        n = users.acknowledge_notices(ctx, actor, [i for i, _t in notices])
        print(f"알림 {n}건을 확인했습니다.")
    return 0


def _date(text: str) -> dt.date:
    try:
        return clock.parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식이어야 합니다: {text}") from None


def _finish(parser: argparse.ArgumentParser, handler: Handler) -> None:
    add_as_option(parser)
    parser.set_defaults(func=lambda args: _run(args, handler))


def _run(args: argparse.Namespace, handler: Handler) -> int:
    ctx = context_from(args)
    try:
        return handler(ctx, acting(ctx, args), args)
    finally:
        ctx.engine.dispose()


def _status(info: users.AccountInfo) -> str:
    return info.status + (" 비밀번호 변경 필요" if info.must_change_password and info.active else "")


def _add(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> int:
    from privdesk.accounts import users

    info, otp = users.add_account(
        ctx,
        actor,
        login=args.login,
        name=args.name,
        roles=args.roles,
        department=args.department,
        reason=args.reason,
    )
    print(f"계정을 만들었습니다: {info.login} ({info.name}), 역할: {','.join(info.role_codes)}")
    print("일회용 비밀번호 (첫 로그인 때 바꿔야 합니다. 다시 보여 드리지 않습니다):")
    print(otp)
    return 0


def _list(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> int:
    from privdesk.accounts import users

    for info in users.list_accounts(ctx, actor, include_inactive=args.all):
        print("\t".join((info.login, info.name, ",".join(info.role_codes) or "-", _status(info))))
    return 0


def _lock(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> int:
    from privdesk.accounts import users

    info = users.lock_account(ctx, actor, args.login, args.reason)
    print(f"계정을 잠갔습니다: {info.login}")
    return 0


def _unlock(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> int:
    from privdesk.accounts import users

    info = users.unlock_account(ctx, actor, args.login, args.reason)
    print(f"계정 잠금을 풀었습니다: {info.login}")
    return 0


def _roles(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> int:
    from privdesk.accounts import users

    info = users.set_roles(ctx, actor, args.login, args.roles, reason=args.reason)
    print(f"역할을 바꿨습니다: {info.login} → {','.join(info.role_codes)}")
    return 0


def _reset(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> int:
    from privdesk.accounts import users

    otp = users.reset_password(ctx, actor, args.login, reason=args.reason)
    print(f"비밀번호를 초기화했습니다: {args.login} (다음 로그인 때 바꿔야 합니다)")
    print(otp)
    return 0


def _deactivate(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> int:
    from privdesk.accounts import users

    info = users.deactivate_account(ctx, actor, args.login, args.reason)
    print(f"계정을 말소했습니다: {info.login} (기록은 보존됩니다)")
    return 0


def _history(ctx: AppContext, actor: Actor, args: argparse.Namespace) -> int:
    from privdesk.accounts import users

    rows = users.permission_history(ctx, actor, target=args.login, since=args.since, until=args.until)
    for r in rows:
        print(
            "\t".join(
                (
                    clock.fmt_datetime(r.at),
                    r.actor_login,
                    r.target,
                    r.change_label,
                    r.detail,
                    f"사유: {r.reason}" if r.reason else "사유: -",
                )
            )
        )
    if not rows:
        print("기록이 없습니다.")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    """Change the acting account's own password; allowed while a change is required."""
    from privdesk.accounts import users

    ctx = context_from(args)
    try:
        old = read_secret(ENV_PASSWORD, f"{args.as_login} 현재 비밀번호: ")
        os.environ[ENV_PASSWORD] = old  # acting() reads it from there: the user is asked only once
        actor = acting(ctx, args, allow_password_change=True)
        new = read_secret(ENV_NEW_PASSWORD, "새 비밀번호: ", confirm=True)
        users.change_password(ctx, actor, old, new)
        print(f"비밀번호를 바꿨습니다: {actor.login}")
        return 0
    finally:
        ctx.engine.dispose()
