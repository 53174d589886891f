"""``privdesk init`` and ``privdesk self-test``."""

from __future__ import annotations

import argparse
from pathlib import Path

from privdesk.cli.common import ENV_PASSWORD, read_secret, settings_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="스키마, 키 파일, 개인정보 보호책임자 계정을 만듭니다")
    p.add_argument("--officer", required=True, metavar="ID", help="개인정보 보호책임자의 아이디")
    p.add_argument("--officer-name", required=True, metavar="NAME", help="개인정보 보호책임자의 이름")
    p.add_argument("--profile", metavar="FILE", type=Path, help="병원 프로필 TOML (기본: 내장 프로필)")
    p.set_defaults(func=cmd_init)

    t = sub.add_parser("self-test", help="임시 데이터베이스로 주 화면을 열고 닫습니다 (화면 없이)")
    t.set_defaults(func=cmd_self_test)


def cmd_init(args: argparse.Namespace) -> int:
    from privdesk.bootstrap import initialize

    settings = settings_from(args)
    password = read_secret(ENV_PASSWORD, f"{args.officer} 비밀번호: ", confirm=True)
    ctx = initialize(
        settings,
        officer_login=args.officer,
        officer_name=args.officer_name,
        password=password,
        profile_path=args.profile,
    )
    print(f"데이터베이스: {ctx.engine.url.render_as_string(hide_password=True)}")
    print(f"키 파일: {settings.key_file} (백업해 두십시오. 잃어버리면 암호화된 정보를 읽을 수 없습니다)")
    print(f"개인정보 보호책임자 계정: {args.officer}")
    print(
        "보호책임자 복구 코드 (한 번만 보여 드립니다. 적어서 금고에 보관하십시오. "
        "'privdesk user recover'에 필요합니다):"
    )
    print(ctx.recovery_code)
    ctx.engine.dispose()
    return 0


def cmd_self_test(args: argparse.Namespace) -> int:
    from privdesk.ui.app import self_test

    return self_test()
