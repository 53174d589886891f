"""``privdesk request …`` (정보주체 요구: 열람·정정·삭제·처리정지).

Contract:
- ``privdesk request list [--overdue] --as ID`` prints the request inbox, one request per line with
  its due date (open requests by due date first, then closed ones); ``--overdue`` only those past
  their due date. An empty inbox prints one Korean line saying so. Exit 0.
- ``privdesk request print NUMBER_OR_ID --notice KIND --out FILE.pdf --as ID`` prints a request's
  요구서 or one of its notices (KIND: request_form, power_of_attorney, access_notice, delay_refusal,
  correction_result, suspension_result); NUMBER_OR_ID is the reception number (``DR-2026-0007``) or the numeric id.
  A notice that does not fit the request's state is refused (exit 1, Korean reason on stderr); the
  위임장 (power_of_attorney) is filled only for an agent's request.
- ``privdesk request blank --form power_of_attorney --out FILE.pdf --as ID`` prints a blank form for
  a visitor to fill in: the 위임장 [별지 제11호서식] a subject gives to the person sent in their place.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING

from privdesk.cli.common import (
    acting,
    add_as_option,
    add_force_option,
    add_reason_option,
    context_from,
    output_from,
)
from privdesk.errors import NotFoundError, ValidationError

if TYPE_CHECKING:  # imported where used: the CLI parses its arguments before loading SQLAlchemy
    from privdesk.context import Actor, AppContext


_NUMBER = re.compile(r"^DR-(\d{4})-(\d{4,})$", re.IGNORECASE)
_KINDS = (
    "request_form",
    "power_of_attorney",
    "access_notice",
    "delay_refusal",
    "correction_result",
    "suspension_result",
)
_BLANKS = ("power_of_attorney",)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("request", help="정보주체 요구 (열람·정정·삭제·처리정지) 목록과 서식 출력")
    rs = p.add_subparsers(dest="request_command", metavar="SUBCOMMAND")
    q = rs.add_parser(
        "list",
        help="정보주체 요구 목록 (처리 기한 순)",
        description="정보주체 요구를 한 줄에 하나씩, 처리 기한과 함께 보여 줍니다 (열린 요구는 기한 순).",
    )
    q.add_argument("--overdue", action="store_true", help="처리 기한이 지난 요구만")
    add_as_option(q)
    q.set_defaults(func=cmd_list)
    pr = rs.add_parser(
        "print",
        help="요구서 또는 통지서를 PDF로 출력",
        description="요구서 [별지 제8호서식], 대리인 요구의 위임장 [별지 제11호서식] 또는 통지서(열람 통지서, 연기·거절 통지서, 정정·삭제 결과 "
        "통지서, 처리정지 결과 통지서)를 PDF로 만듭니다.",
    )
    pr.add_argument("request", metavar="NUMBER_OR_ID", help="접수번호 (예: DR-2026-0007) 또는 요구 ID")
    pr.add_argument(
        "--notice", required=True, choices=_KINDS, metavar="KIND", help="출력할 서식: " + ", ".join(_KINDS)
    )
    pr.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
    add_force_option(pr)
    add_reason_option(pr, "출력 사유")
    add_as_option(pr)
    pr.set_defaults(func=cmd_print)
    bl = rs.add_parser(
        "blank",
        help="빈 서식(위임장)을 PDF로 출력",
        description="방문객이 채워 올 빈 서식을 PDF로 만듭니다: 위임장 [별지 제11호서식].",
    )
    bl.add_argument(
        "--form", required=True, choices=_BLANKS, metavar="FORM", help="출력할 서식: " + ", ".join(_BLANKS)
    )
    bl.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
    add_force_option(bl)
    add_as_option(bl)
    bl.set_defaults(func=cmd_blank)


def parse_reference(text: str) -> tuple[int, str | None]:
    """``(id, number)`` from ``DR-2026-0007`` (number kept for the check) or ``7`` (no number)."""
    value = text.strip()
    if value.isdigit() and int(value) > 0:
        return int(value), None
    m = _NUMBER.match(value)
    if m is None or int(m.group(2)) == 0:
        raise ValidationError(
            "request", f"요구는 접수번호(예: DR-2026-0007)나 숫자 ID로 지정하십시오: {value!r}"
        )
    return int(m.group(2)), value.upper()


def resolve(ctx: AppContext, actor: Actor, text: str) -> int:
    """The id of the request named by its reception number or id (a number must match exactly)."""
    from privdesk.rights.requests import get_request

    request_id, number = parse_reference(text)
    if number is not None and get_request(ctx, actor, request_id).number != number:
        raise NotFoundError("정보주체 요구", number)
    return request_id


def cmd_list(args: argparse.Namespace) -> int:
    from privdesk.rights.requests import list_requests

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        rows = list_requests(ctx, actor, overdue_only=args.overdue)
    finally:
        ctx.engine.dispose()
    if not rows:
        print(
            "처리 기한이 지난 정보주체 요구가 없습니다."
            if args.overdue
            else "접수된 정보주체 요구가 없습니다."
        )
        return 0
    for row in rows:
        print(row.line())
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from privdesk.rights.printing import notice_kind, print_notice

    kind = notice_kind(args.notice)
    parse_reference(args.request)  # a malformed reference is refused before logging in
    out = output_from(args)
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        result = print_notice(ctx, actor, resolve(ctx, actor, args.request), kind, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"{result.path}: {result.title}, {result.pages}쪽 (기록번호 {result.record_no})")
    return 0


def cmd_blank(args: argparse.Namespace) -> int:
    from privdesk.rights.printing import print_blank_power_of_attorney

    out = output_from(args)
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        result = print_blank_power_of_attorney(ctx, actor, out)
    finally:
        ctx.engine.dispose()
    print(f"{result.path}: {result.title}, {result.pages}쪽 (기록번호 {result.record_no})")
    return 0
