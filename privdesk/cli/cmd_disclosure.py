"""``privdesk disclosure …``, ``privdesk processor …`` and their reports (목적 외 이용·제3자 제공,
수탁업체).

Contract:
- ``privdesk disclosure record --kind provision|internal_use --file CODE --to WHO --purpose TEXT
  --items TEXT --basis CODE [--detail TEXT] --date DATE --form TEXT [--chart NO]... [--count N]
  [--restrictions TEXT] [--document NO] [--period TEXT] [--pseudonym-purpose statistics|research|archiving
  --pseudonym-items … --pseudonym-method … --pseudonym-date DATE --pseudonym-additional …
  --pseudonym-period … [--pseudonym-by ID] [--pseudonym-review …]] --as ID``: records one entry
  (제3자 제공 or 목적 외 이용, with its 가명처리 record) and prints ``번호  구분  …``.
- ``privdesk disclosure list --from DATE --to DATE [--kind KIND] --as ID``: one entry per line, oldest
  first: ``번호  [구분]  이용·제공일  이용기관·제공받는 자  법적 근거  정보주체 N명`` (+ ``가명처리``,
  ``정정 M``); the look is logged.
- ``privdesk disclosure export --from DATE --to DATE --out FILE.csv --as ID``: the ledger of the
  period as CSV (UTF-8 with BOM; subjects masked); prints ``FILE: N건``.
- ``privdesk processor list --as ID [--all]``: one processor per line; a contract ending within 30
  days starts with ``[종료 임박 D-N]``, an ended one with ``[계약 만료]``, an ended one without the
  return or destruction of its data on record with ``[반환·파기 미확인]`` (listed even without
  ``--all``); each line ends with the checklist (``필수 기재사항 7/7 확인``) and the sub-processors.
- ``privdesk processor checklist ID [--present CODE=조항]... [--missing CODE]... --reason TEXT --as ID``:
  records what the contract holds of 법 제26조① / 시행령 제28조① (codes: purpose_ban, safeguards,
  scope, subcontract, access, supervision, liability); without options it prints the checklist.
- ``privdesk processor subcontract ID --name N --task T --consented DATE [--consent-note T] --reason T
  --as ID``: records a sub-processor (재위탁) with the hospital's consent.
- ``privdesk processor returned ID --method return|destroy --date DATE --evidence TEXT
  [--confirmed-by ID] --as ID``: the processor's return or destruction of the data at the end.
- ``privdesk report disclosure-ledger --from DATE --to DATE --out FILE.pdf --as ID`` and
  ``privdesk report processors --out FILE.pdf --as ID`` (added to the ``report`` group by
  :func:`add_report_commands`, called from :mod:`privdesk.cli.cmd_report`).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from privdesk.errors import ValidationError

if TYPE_CHECKING:
    from privdesk.disclosures.ledger import PseudonymInput

LEDGER_COMMAND = "disclosure-ledger"
PROCESSORS_COMMAND = "processors"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식으로 쓰십시오: {text!r}") from None


def _period_options(q: argparse.ArgumentParser) -> None:
    q.add_argument(
        "--from", dest="first", required=True, type=_date, metavar="YYYY-MM-DD", help="제공일 기간의 첫날"
    )
    q.add_argument(
        "--to", dest="last", required=True, type=_date, metavar="YYYY-MM-DD", help="제공일 기간의 마지막 날"
    )


def _check_period(args: argparse.Namespace) -> None:
    if args.first > args.last:
        raise ValidationError(
            "from", "기간의 첫날(--from)이 마지막 날(--to)보다 늦습니다. 기간을 다시 지정하십시오."
        )


KINDS = ("provision", "internal_use")


def _record_options(r: argparse.ArgumentParser) -> None:
    r.add_argument(
        "--kind",
        choices=KINDS,
        default="provision",
        help="provision: 제3자 제공 (기본), internal_use: 목적 외 이용 (병원 내부)",
    )
    r.add_argument(
        "--file", dest="file_code", required=True, metavar="CODE", help="개인정보파일 코드 (예: patient)"
    )
    r.add_argument("--to", dest="recipient", required=True, help="제공받는 자 또는 이용 부서")
    r.add_argument("--purpose", required=True, help="이용·제공 목적")
    r.add_argument("--items", required=True, help="이용·제공 항목")
    r.add_argument(
        "--basis",
        required=True,
        metavar="CODE",
        help="법적 근거 코드: consent, law, urgent, pseudonymised, public_health",
    )
    r.add_argument("--detail", default="", help="근거 상세 (법률 조항, 동의서, 연구 과제명 …)")
    r.add_argument(
        "--consent-purpose",
        default="",
        metavar="CODE",
        help="--basis consent: 환자들이 동의한 목적 코드 (기본: 제3자 제공은 provision, 목적 외 이용은 contact); "
        "동의 기록이 없는 환자가 있으면 거절",
    )
    r.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD", help="이용·제공일")
    r.add_argument("--form", required=True, help="이용·제공 형태 (예: 전자파일, 전산 조회)")
    r.add_argument("--period", default="", help="날짜·주기·기간 (반복되는 경우)")
    r.add_argument("--restrictions", default="", help="제한·조치 요청 내용 (법 제18조제5항; 제3자 제공)")
    r.add_argument("--document", dest="document_no", default="", help="요청 공문 번호")
    r.add_argument(
        "--chart", action="append", default=[], metavar="NO", help="정보주체 환자의 차트번호 (여러 번)"
    )
    r.add_argument("--count", type=int, default=None, help="가명정보: 정보주체 수")
    r.add_argument("--note", default="", help="비고")
    r.add_argument(
        "--pseudonym-purpose",
        choices=("statistics", "research", "archiving"),
        default=None,
        help="가명처리 기록: 처리 목적 (통계작성·과학적 연구·공익적 기록보존)",
    )
    r.add_argument("--pseudonym-items", default="", help="가명처리 기록: 가명처리한 항목")
    r.add_argument("--pseudonym-method", default="", help="가명처리 기록: 가명처리 방법")
    r.add_argument(
        "--pseudonym-date", type=_date, default=None, metavar="YYYY-MM-DD", help="가명처리 기록: 처리일"
    )
    r.add_argument(
        "--pseudonym-by", default="", metavar="ID", help="가명처리 기록: 처리자 아이디 (기본: 실행 계정)"
    )
    r.add_argument(
        "--pseudonym-additional", default="", help="가명처리 기록: 추가정보 분리보관 (장소·관리자)"
    )
    r.add_argument("--pseudonym-period", default="", help="가명처리 기록: 가명정보 이용 기간")
    r.add_argument("--pseudonym-review", default="", help="가명처리 기록: 적정성 검토 결과")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    d = sub.add_parser("disclosure", help="개인정보의 목적 외 이용 및 제3자 제공 대장: 기록·조회·내보내기")
    ds = d.add_subparsers(dest="disclosure_command", metavar="SUBCOMMAND")
    r = ds.add_parser(
        "record",
        help="목적 외 이용 또는 제3자 제공 한 건을 기록합니다",
        description="가명정보를 이용·제공했다면 가명처리 기록(--pseudonym-…)을 함께 남깁니다 "
        "(개인정보 보호법 제28조의4제3항).",
    )
    _record_options(r)
    add_as_option(r)
    r.set_defaults(func=cmd_record)
    q = ds.add_parser(
        "list",
        help="기간의 목적 외 이용·제3자 제공 기록을 한 줄에 하나씩 보여 줍니다",
        description="이용·제공일 기준, 오래된 것부터. 조회는 접속기록에 남습니다.",
    )
    _period_options(q)
    q.add_argument("--kind", choices=KINDS, default=None, help="한 구분만 (provision / internal_use)")
    add_as_option(q)
    q.set_defaults(func=cmd_list)
    e = ds.add_parser(
        "export",
        help="기간의 제3자 제공 대장을 CSV로 내보냅니다 (UTF-8, Excel용 BOM)",
        description="정보주체는 마스킹된 표시(홍*동 (차트 12345))로만 나갑니다. 내보내기는 접속기록에 남습니다.",
    )
    _period_options(e)
    e.add_argument("--out", required=True, type=Path, metavar="FILE.csv", help="만들 CSV 파일")
    add_force_option(e)
    add_reason_option(e, "내보내는 사유")
    add_as_option(e)
    e.set_defaults(func=cmd_export)

    p = sub.add_parser("processor", help="수탁업체(개인정보 처리업무 위탁) 현황")
    ps = p.add_subparsers(dest="processor_command", metavar="SUBCOMMAND")
    pl = ps.add_parser("list", help="수탁업체를 한 줄에 하나씩 보여 줍니다 (계약 종료 임박 표시)")
    pl.add_argument("--all", action="store_true", help="위탁을 종료한 업체도 보여 줍니다")
    add_as_option(pl)
    pl.set_defaults(func=cmd_processor_list)
    pc = ps.add_parser(
        "checklist", help="위탁 계약서의 필수 기재사항 (법 제26조제1항, 시행령 제28조제1항) 점검"
    )
    pc.add_argument(
        "processor_id", type=int, metavar="ID", help="수탁업체 번호 (processor list의 순서가 아닌 번호)"
    )
    pc.add_argument(
        "--present",
        action="append",
        default=[],
        metavar="CODE=조항",
        help="계약서에 있는 기재사항과 조항 (예: purpose_ban=제5조)",
    )
    pc.add_argument("--missing", action="append", default=[], metavar="CODE", help="계약서에 없는 기재사항")
    pc.add_argument("--reason", default="", help="점검 사유 (기록할 때 필수)")
    add_as_option(pc)
    pc.set_defaults(func=cmd_processor_checklist)
    sc = ps.add_parser("subcontract", help="재위탁 (법 제26조제6항: 병원의 동의) 등록")
    sc.add_argument("processor_id", type=int, metavar="ID")
    sc.add_argument("--name", required=True, help="재위탁 수탁자명")
    sc.add_argument("--task", required=True, help="재위탁 업무 내용")
    sc.add_argument("--consented", required=True, type=_date, metavar="YYYY-MM-DD", help="병원의 동의일")
    sc.add_argument("--consent-note", default="", help="동의 문서 (공문 번호 등)")
    sc.add_argument("--reason", required=True, help="사유")
    add_as_option(sc)
    sc.set_defaults(func=cmd_processor_subcontract)
    rt = ps.add_parser("returned", help="위탁 종료 후 수탁업체의 개인정보 반환·파기 확인 (증빙과 함께)")
    rt.add_argument("processor_id", type=int, metavar="ID")
    rt.add_argument(
        "--method", required=True, choices=("return", "destroy"), help="return: 반환, destroy: 파기"
    )
    rt.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD", help="반환·파기일")
    rt.add_argument("--evidence", required=True, help="증빙 (확인서·공문 번호, 파기 증명)")
    rt.add_argument("--confirmed-by", default="", metavar="ID", help="확인자 아이디 (기본: 실행 계정)")
    add_as_option(rt)
    rt.set_defaults(func=cmd_processor_returned)


def add_report_commands(rs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the disclosure ledger and the processor list to the ``report`` group."""
    if LEDGER_COMMAND not in rs.choices:
        help_text = "개인정보의 목적 외 이용 및 제3자 제공 대장 (개인정보 보호법 시행령 제15조의 기재 사항)"
        q = rs.add_parser(LEDGER_COMMAND, help=help_text, description=help_text)
        _period_options(q)
        q.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
        add_force_option(q)
        add_reason_option(q, "출력 사유")
        add_as_option(q)
        q.set_defaults(func=cmd_ledger)
    if PROCESSORS_COMMAND not in rs.choices:
        help_text = "개인정보 처리업무 위탁 현황 (수탁업체, 처리방침 게시용)"
        c = rs.add_parser(PROCESSORS_COMMAND, help=help_text, description=help_text)
        c.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="만들 PDF 파일")
        add_force_option(c)
        add_reason_option(c, "출력 사유")
        add_as_option(c)
        c.set_defaults(func=cmd_processors)


def _pseudonym(args: argparse.Namespace) -> PseudonymInput | None:
    from privdesk.disclosures.ledger import PseudonymInput

    if args.pseudonym_purpose is None:
        return None
    if args.pseudonym_date is None:
        raise ValidationError("pseudonym_on", "가명처리일(--pseudonym-date)을 입력하십시오.")
    return PseudonymInput(
        purpose_kind=args.pseudonym_purpose,
        items=args.pseudonym_items,
        method=args.pseudonym_method,
        performed_on=args.pseudonym_date,
        additional_info=args.pseudonym_additional,
        use_period=args.pseudonym_period,
        performed_by=args.pseudonym_by,
        review=args.pseudonym_review,
    )


def cmd_record(args: argparse.Namespace) -> int:
    from privdesk.disclosures.ledger import DisclosureInput, record_disclosure
    from privdesk.disclosures.subjects import find_patient

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        ids = [find_patient(ctx, actor, chart).patient_id for chart in args.chart]
        row = record_disclosure(
            ctx,
            actor,
            DisclosureInput(
                kind=args.kind,
                file_code=args.file_code,
                recipient=args.recipient,
                recipient_purpose=args.purpose,
                items=args.items,
                legal_basis=args.basis,
                basis_detail=args.detail,
                disclosed_on=args.date,
                form=args.form,
                period=args.period,
                restrictions=args.restrictions,
                document_no=args.document_no,
                patient_ids=ids,
                subject_count=args.count,
                note=args.note,
                pseudonym=_pseudonym(args),
                consent_purpose=args.consent_purpose,
            ),
        )
    finally:
        ctx.engine.dispose()
    print(
        f"{row.id}  {row.kind_label}  {row.disclosed_on.isoformat()}  {row.recipient}  {row.basis_text}  "
        f"정보주체 {row.subject_count:,}명"
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from privdesk.disclosures.ledger import list_disclosures

    _check_period(args)
    ctx = context_from(args)
    try:
        rows = list_disclosures(ctx, acting(ctx, args), args.first, args.last, kind=args.kind)
    finally:
        ctx.engine.dispose()
    for r in rows:
        extra = []
        if r.pseudonym is not None:
            extra.append(
                f"가명처리: {r.pseudonym.items} ({r.pseudonym.performer_text}, "
                f"{r.pseudonym.performed_on.isoformat()})"
            )
        elif r.deidentified:
            extra.append("가명·익명")
        if r.corrects_id is not None:
            extra.append(f"{r.corrects_id}번 정정")
        if r.corrected_by:
            extra.append("정정됨→" + ",".join(str(i) for i in r.corrected_by))
        tail = f"  ({'; '.join(extra)})" if extra else ""
        print(
            f"{r.id}  [{r.kind_label}]  {r.disclosed_on.isoformat()}  {r.recipient}  {r.basis_text}  "
            f"정보주체 {r.subject_count:,}명{tail}"
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from privdesk.disclosures.printing import export_csv

    _check_period(args)
    out = output_from(args)
    ctx = context_from(args)
    try:
        n = export_csv(ctx, acting(ctx, args), args.first, args.last, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"{args.out}: {n:,}건")
    return 0


def cmd_processor_list(args: argparse.Namespace) -> int:
    from privdesk.disclosures.processors import list_processors

    ctx = context_from(args)
    try:
        rows = list_processors(ctx, acting(ctx, args), include_inactive=args.all)
    finally:
        ctx.engine.dispose()
    for r in rows:
        if r.outstanding:
            mark = "[반환·파기 미확인] "
        elif not r.active:
            mark = "[위탁 종료] "
        elif r.expired:
            mark = "[계약 만료] "
        elif r.ending_soon:
            mark = f"[종료 임박 D-{r.days_left}] "
        else:
            mark = ""
        parts = [
            f"{mark}{r.name}",
            r.task,
            r.retention or "-",
            f"계약 {r.contract_text or '-'}",
            f"최근 점검·교육 {r.last_check.isoformat() if r.last_check else '-'}",
            r.checklist_text,
            f"재위탁 {r.subprocessors_text}",
        ]
        if r.ended:
            parts.append(f"반환·파기 {r.end_text}")
        print(" | ".join(parts))
    return 0


def cmd_processor_checklist(args: argparse.Namespace) -> int:
    from privdesk.disclosures import contracts

    items: dict[str, contracts.ClauseInput] = {}
    for value in args.present:
        code, sep, article = value.partition("=")
        if not sep:
            raise ValidationError(
                "present", f"--present는 CODE=조항 형식으로 쓰십시오 (예: purpose_ban=제5조): {value!r}"
            )
        items[code.strip()] = contracts.ClauseInput(True, article.strip())
    for code in args.missing:
        items[code.strip()] = contracts.ClauseInput(False)
    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        if items:
            state = contracts.check_clauses(ctx, actor, args.processor_id, items, args.reason)
        else:
            state = contracts.contract_state(ctx, actor, args.processor_id)
    finally:
        ctx.engine.dispose()
    for c in state.clauses:
        print(f"{c.code}  {c.label} ({c.basis}): {c.state_text}")
    print(state.checklist_text)
    return 0


def cmd_processor_subcontract(args: argparse.Namespace) -> int:
    from privdesk.disclosures import contracts

    ctx = context_from(args)
    try:
        state = contracts.add_subprocessor(
            ctx,
            acting(ctx, args),
            args.processor_id,
            contracts.SubprocessorInput(args.name, args.task, args.consented, args.consent_note),
            args.reason,
        )
    finally:
        ctx.engine.dispose()
    print(f"재위탁: {state.subprocessor_text}")
    return 0


def cmd_processor_returned(args: argparse.Namespace) -> int:
    from privdesk.disclosures import contracts

    ctx = context_from(args)
    try:
        state = contracts.record_return(
            ctx,
            acting(ctx, args),
            args.processor_id,
            contracts.ReturnInput(args.method, args.date, args.evidence, args.confirmed_by),
        )
    finally:
        ctx.engine.dispose()
    assert state.returned is not None
    print(f"반환·파기: {state.returned.text}")
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from privdesk.disclosures.printing import print_ledger

    _check_period(args)
    out = output_from(args)
    ctx = context_from(args)
    try:
        result = print_ledger(ctx, acting(ctx, args), args.first, args.last, out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"{result.path}: {result.title} {result.rows:,}건, {result.pages}쪽 (기록번호 {result.record_no})")
    return 0


def cmd_processors(args: argparse.Namespace) -> int:
    from privdesk.disclosures.printing import print_processors

    out = output_from(args)
    ctx = context_from(args)
    try:
        result = print_processors(ctx, acting(ctx, args), out, reason=args.reason)
    finally:
        ctx.engine.dispose()
    print(f"{result.path}: {result.title} {result.rows:,}곳, {result.pages}쪽 (기록번호 {result.record_no})")
    return 0
