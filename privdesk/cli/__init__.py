"""The admin command line (관리 명령). A contract: names and exit codes are kept stable.

Exit codes: 0 success; 1 a refused or failed operation, with a one-line Korean reason on stderr;
2 usage errors (argparse). ``privdesk`` with no command starts the GUI.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from privdesk import __version__
from privdesk.errors import PrivdeskError
from privdesk.failures import known_failure, log_known
from privdesk.logs import log_file, setup_logging

# Each module registers its sub-commands: register(subparsers) -> None.
COMMAND_MODULES = (
    "init",
    "user",
    "audit",
    "report",
    "patient",
    "cctv",
    "lifecycle",
    "disclosure",
    "request",
    "demo",
    "db",
    "backup",
    "key",
    "incident",
    "complaint",
    "review",
    "policy",
    "consent",
    "training",
    "notice",
)

log = logging.getLogger("privdesk.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="privdesk",
        description="privdesk — 병원 개인정보 보호 업무 관리. 명령 없이 실행하면 프로그램 창을 엽니다.",
    )
    parser.add_argument("--version", action="version", version=f"privdesk {__version__}")
    parser.add_argument(
        "--db", metavar="URL", help="데이터베이스 (sqlite:///파일, postgresql+psycopg://…, 또는 파일 경로)"
    )
    parser.add_argument("--key-file", metavar="PATH", help="키 파일 경로")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"privdesk.cli.cmd_{name}").register(sub)
    return parser


def _db_url(args: argparse.Namespace) -> str | None:
    from privdesk.cli.common import settings_from

    try:
        return settings_from(args).db_url
    except PrivdeskError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    if args.command is None:
        from privdesk.cli.common import settings_from

        try:
            settings = settings_from(args)
        except PrivdeskError as exc:
            print(f"privdesk: {exc}", file=sys.stderr)
            return 1
        from privdesk.ui.app import run_gui

        return run_gui(settings)
    func = getattr(args, "func", None)
    if func is None:  # a command group without its sub-command
        parser.parse_args([*(argv or sys.argv[1:]), "--help"])
        return 2
    try:
        return int(func(args))
    except PrivdeskError as exc:
        print(f"privdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("privdesk: 취소했습니다.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (``privdesk patient find 김 | head``): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:
        known = known_failure(exc, _db_url(args))
        if known is not None:  # a full disk, a read-only database, a server that cannot be reached …
            log_known(exc, known, f"command {args.command}")
            print(f"privdesk: {known}", file=sys.stderr)
            return 1
        log.exception("unexpected error in command %s", args.command)
        print(
            f"privdesk: 예기치 않은 오류가 발생했습니다. 자세한 내용은 로그 파일을 보십시오: {log_file()}",
            file=sys.stderr,
        )
        return 1
