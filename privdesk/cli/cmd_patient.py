"""``privdesk patient import``, ``export`` and ``find`` (환자 명부).

Contract: ``patient import FILE [--encoding auto|utf-8|cp949] --as ID`` prints a summary line
beginning ``imported N, rejected M`` and writes ``FILE.rejects.csv`` beside the file; exit 0
when the file was processed, 1 when it could not be read at all. ``patient find QUERY --as ID``
prints masked matches, one per line, starting with the chart number.
``patient export --out FILE.csv --reason TEXT [--chart NO …|--query QUERY] [--unmasked] [--force] --as ID``
writes the screen's export (masked unless ``--unmasked``, which needs the unmask permission); the
reason is required (exit 2 without it) and logged with every exported patient.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privdesk.cli.common import acting, add_as_option, add_force_option, context_from, output_from
from privdesk.errors import ValidationError

_SEX = {"M": "남", "F": "여"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("patient", help="환자 명부: 가져오기, 찾기")
    psub = p.add_subparsers(dest="patient_command", metavar="COMMAND")

    imp = psub.add_parser("import", help="EMR에서 내보낸 CSV 파일로 환자를 가져옵니다")
    imp.add_argument("file", type=Path, metavar="FILE", help="CSV 파일 (UTF-8 또는 CP949)")
    imp.add_argument(
        "--encoding", choices=("auto", "utf-8", "cp949"), default="auto", help="문자 인코딩 (기본: 자동 판별)"
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="FILE.rejects.csv 자리에 privdesk가 만든 것이 아닌 파일이 있어도 덮어씁니다",
    )
    add_as_option(imp)
    imp.set_defaults(func=cmd_import)

    exp = psub.add_parser(
        "export",
        help="환자 명부를 CSV 파일로 내보냅니다 (사유 필수, 환자마다 접속기록에 남음)",
        description="화면의 내보내기와 같습니다: 사유가 환자마다 접속기록에 남고, 처리정지 중인 환자가 "
        "있으면 거절됩니다. 기본은 마스킹된 값이며 --unmasked에는 마스킹 해제 권한이 필요합니다.",
    )
    exp.add_argument("--out", required=True, type=Path, metavar="FILE.csv", help="만들 CSV 파일")
    add_force_option(exp)
    exp.add_argument(
        "--reason", required=True, metavar="TEXT", help="내보내는 사유 (필수, 개인정보는 적지 마십시오)"
    )
    which = exp.add_mutually_exclusive_group()
    which.add_argument(
        "--chart", action="append", default=[], metavar="NO", help="이 차트번호의 환자 (여러 번 지정 가능)"
    )
    which.add_argument(
        "--query",
        default="",
        metavar="QUERY",
        help="찾기와 같은 검색어(이름, 초성, 차트번호 …)에 맞는 환자 (기본: 전체)",
    )
    exp.add_argument(
        "--unmasked", action="store_true", help="마스킹을 해제한 값으로 내보냅니다 (마스킹 해제 권한 필요)"
    )
    exp.add_argument(
        "--consent-use",
        action="store_true",
        help="안내·홍보 연락처럼 동의가 필요한 용도: 모든 환자에게 유효한 동의 기록이 있어야 하며, 없거나 "
        "처리정지·동의철회한 환자가 있으면 거절",
    )
    exp.add_argument(
        "--consent-purpose",
        metavar="CODE",
        help="--consent-use의 동의 목적 코드 (기본: 안내·홍보 연락; privdesk consent texts로 확인)",
    )
    add_as_option(exp)
    exp.set_defaults(func=cmd_export)

    find = psub.add_parser(
        "find", help="이름, 초성, 차트번호, 주민등록번호, 전화번호(또는 끝 4자리)로 찾습니다"
    )
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

        result = import_patients(
            ctx, actor, args.file, encoding=args.encoding, progress=progress, force=args.force
        )
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(result.summary())
        print(f"rejects: {result.rejects_path}")
        return 0
    finally:
        ctx.engine.dispose()


def cmd_export(args: argparse.Namespace) -> int:
    from privdesk.registry.export import export_patients, export_reason, patients_to_export

    export_reason(args.reason)  # refused before anything is read or logged
    out = output_from(args)
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        ids = patients_to_export(ctx, actor, query=args.query, charts=args.chart)
        if not ids:
            raise ValidationError("patients", "검색어에 맞는 환자가 없어 내보내지 않았습니다.")
        n = export_patients(
            ctx,
            actor,
            ids,
            out,
            reason=args.reason,
            unmasked=args.unmasked,
            consent_use=args.consent_use or bool(args.consent_purpose),
            consent_purpose=args.consent_purpose,
        )
    finally:
        ctx.engine.dispose()
    print(f"내보낸 환자: {n:,}명 ({'마스킹 해제' if args.unmasked else '마스킹'}) → {out}")
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    from privdesk.registry.search import search

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        page = search(ctx, actor, args.query, limit=args.limit)
        for r in page.rows:
            print(
                "\t".join(
                    (
                        r.chart_no,
                        r.name,
                        r.rrn_masked,
                        _SEX.get(r.sex, r.sex),
                        r.phone_masked,
                        r.last_visit.isoformat(),
                    )
                )
            )
        if not page.rows:
            print("찾는 환자가 없습니다.", file=sys.stderr)
        return 0
    finally:
        ctx.engine.dispose()
