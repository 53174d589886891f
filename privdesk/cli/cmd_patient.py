"""``privdesk patient import`` and ``privdesk patient find`` (환자 명부).

Contract: ``patient import FILE [--encoding auto|utf-8|cp949] --as ID`` prints a summary line
beginning ``imported N, rejected M`` and writes ``FILE.rejects.csv`` beside the file; exit 0
when the file was processed, 1 when it could not be read at all. ``patient find QUERY --as ID``
prints masked matches, one per line, starting with the chart number.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privdesk.cli.common import acting, add_as_option, context_from

_SEX = {"M": "남", "F": "여"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("patient", help="환자 명부: 가져오기, 찾기")
    psub = p.add_subparsers(dest="patient_command", metavar="COMMAND")

    imp = psub.add_parser("import", help="EMR에서 내보낸 CSV 파일로 환자를 가져옵니다")
    imp.add_argument("file", type=Path, metavar="FILE", help="CSV 파일 (UTF-8 또는 CP949)")
    imp.add_argument("--encoding", choices=("auto", "utf-8", "cp949"), default="auto",
                     help="문자 인코딩 (기본: 자동 판별)")
    imp.add_argument("--force", action="store_true",
                     help="FILE.rejects.csv 자리에 privdesk가 만든 것이 아닌 파일이 있어도 덮어씁니다")
    add_as_option(imp)
    imp.set_defaults(func=cmd_import)

    find = psub.add_parser("find", help="이름, 초성, 차트번호, 주민등록번호, 전화번호(또는 끝 4자리)로 찾습니다")
    find.add_argument("query", metavar="QUERY")
    find.add_argument("--limit", type=int, default=50, help="최대 건수 (기본 50)")
    add_as_option(find)
    find.set_defaults(func=cmd_find)


def cmd_import(args: argparse.Namespace) -> int:
    from privdesk.registry.importer import import_patients

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        result = import_patients(ctx, actor, args.file, encoding=args.encoding, progress=progress,
                                 force=args.force)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(result.summary())
        print(f"rejects: {result.rejects_path}")
        return 0
    finally:
        ctx.engine.dispose()


def cmd_find(args: argparse.Namespace) -> int:
    from privdesk.registry.search import search

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        page = search(ctx, actor, args.query, limit=args.limit)
        for r in page.rows:
            print("\t".join((r.chart_no, r.name, r.rrn_masked, _SEX.get(r.sex, r.sex), r.phone_masked,
                             r.last_visit.isoformat())))
        if not page.rows:
            print("찾는 환자가 없습니다.", file=sys.stderr)
        return 0
    finally:
        ctx.engine.dispose()
