"""Helpers shared by the command modules: settings, the context, the acting account."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from typing import TYPE_CHECKING

from privdesk.errors import PasswordChangeRequiredError, PrivdeskError
from privdesk.settings import Settings, load_settings

if TYPE_CHECKING:  # the context and the files pull in SQLAlchemy: imported when a command runs,
    from privdesk.context import Actor, AppContext  # so `privdesk --version` and `--help` stay fast
    from privdesk.files import Output

ENV_PASSWORD = "PRIVDESK_PASSWORD"
ENV_NEW_PASSWORD = "PRIVDESK_NEW_PASSWORD"


class InputError(PrivdeskError):
    """Required input was not given (and there is no terminal to ask)."""


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(db=getattr(args, "db", None), key_file=getattr(args, "key_file", None))


def context_from(args: argparse.Namespace) -> AppContext:
    from privdesk.opening import open_context

    return open_context(settings_from(args))


def add_force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help="같은 이름의 파일이 있으면 덮어씁니다 (privdesk의 데이터베이스·키 파일 등은 어떤 경우에도 덮어쓰지 않습니다)",
    )


def output_from(args: argparse.Namespace) -> Output:
    """``--out`` (and ``--force``) checked against privdesk's own files before any work
    (:func:`privdesk.files.guarded`)."""
    from privdesk.files import guarded

    return guarded(settings_from(args), args.out, force=bool(getattr(args, "force", False)))


def read_secret(env_name: str, prompt: str, *, confirm: bool = False, what: str = "비밀번호") -> str:
    value = os.environ.get(env_name)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise InputError(f"{what}가 필요합니다: 환경 변수 {env_name}를 설정하거나 터미널에서 실행하십시오.")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("한 번 더 입력: ") != value:
        raise InputError("두 비밀번호가 서로 다릅니다.")
    return value


def add_reason_option(parser: argparse.ArgumentParser, help_text: str = "출력·내보내는 사유") -> None:
    """``--reason TEXT``, required: every printing or export of personal data gives its reason (사유),
    recorded with the access-log entry (안전성 확보조치 기준 제8조②). Without it argparse exits 2."""
    parser.add_argument(
        "--reason",
        required=True,
        metavar="TEXT",
        help=f"{help_text} (필수, 접속기록에 남습니다; 개인정보는 적지 마십시오)",
    )


def add_as_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        dest="as_login",
        metavar="ID",
        required=True,
        help="이 계정으로 실행 (비밀번호: PRIVDESK_PASSWORD 또는 입력)",
    )


def acting(ctx: AppContext, args: argparse.Namespace, *, allow_password_change: bool = False) -> Actor:
    """Log in the account given with ``--as`` (same checks, lock-out and logging as the GUI)."""
    from privdesk.accounts.users import login, pending_notices

    password = read_secret(ENV_PASSWORD, f"{args.as_login} 비밀번호: ")
    actor = login(ctx, args.as_login, password, channel="cli")
    if actor.must_change_password and not allow_password_change:
        raise PasswordChangeRequiredError()
    with contextlib.suppress(PrivdeskError):
        for _id, text in pending_notices(ctx, actor):
            print(
                f"privdesk: 알림: {text} ('privdesk user notices --ack --as {actor.login}'로 확인)",
                file=sys.stderr,
            )
    return actor
