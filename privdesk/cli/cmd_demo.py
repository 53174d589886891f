"""``privdesk demo [--patients N] [--no-gui]`` (체험용 데이터베이스): a contract.

Creates a separate demo database and key file in the user data folder (recreated on every run),
one account per role with a known password and realistic sample data, prints where it is and the
logins, then opens the program window on it (``--no-gui``: only create and print).
"""

from __future__ import annotations

import argparse

from privdesk.cli.common import settings_from
from privdesk.errors import ConfigError


def _count(text: str) -> int:
    from privdesk.demo import MAX_PATIENTS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"정수가 아닙니다: {text}") from None
    if not 0 <= value <= MAX_PATIENTS:
        raise argparse.ArgumentTypeError(f"0에서 {MAX_PATIENTS} 사이여야 합니다: {value}")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="견본 데이터가 든 체험용 데이터베이스를 새로 만들고 프로그램 창을 엽니다")
    p.add_argument("--patients", type=_count, default=1000, metavar="N", help="견본 환자 수 (기본 1000)")
    p.add_argument("--no-gui", action="store_true", help="만들고 안내만 출력합니다 (창을 열지 않음)")
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from privdesk.demo import build_demo

    if getattr(args, "db", None) or getattr(args, "key_file", None):
        raise ConfigError(
            "demo는 따로 만든 체험용 데이터베이스를 씁니다. --db, --key-file과 함께 쓸 수 없습니다."
        )
    print("체험용 데이터베이스를 만드는 중입니다…", flush=True)
    result = build_demo(settings_from(args), patients=args.patients)
    print(f"체험용 데이터베이스: {result.db_path}")
    print(f"키 파일: {result.settings.key_file}")
    for line in result.summary:
        print(f"견본 데이터: {line}")
    print(f"체험용 계정 (비밀번호는 모두 {result.password}):")
    for account in result.accounts:
        print(f"  {account.login:<10} {account.role_name} — {account.name} ({account.department})")
    print("실제 개인정보를 넣지 마십시오. 'privdesk demo'를 다시 실행하면 새로 만듭니다.")
    if args.no_gui:
        return 0
    from privdesk.ui.app import run_gui

    return run_gui(result.settings)
