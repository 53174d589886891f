"""``privdesk consent …``: consent texts and each patient's consents (동의).

Contract (exit 0 on success, 1 with a one-line Korean reason on refusal, 2 on usage errors):
- ``consent text-draft --purpose CODE (--text TEXT | --file FILE) --as ID``: a new draft of the
  purpose's consent text (``consent.manage``);
- ``consent text-publish --purpose CODE --effective YYYY-MM-DD [--fresh-consent | --wording-only]
  --as ID``: the latest draft becomes the next version; after the first version one of the two flags
  is required — the purpose changed (earlier consents stop counting) or only the wording;
- ``consent texts [--purpose CODE] --as ID``: every version, newest first;
- ``consent record CHART --purpose CODE --method paper|kiosk|verbal [--form-ref REF] [--witness ID]
  [--at "YYYY-MM-DD HH:MM"] [--version N] [--representative NAME --relation REL] [--note T] --as ID``;
- ``consent withdraw CHART --purpose CODE --reason TEXT [--method …] [--at …] --as ID``;
- ``consent show CHART --as ID``: the current state per purpose and the history;
- ``consent import FILE [--encoding auto|utf-8|cp949] [--dry-run] --as ID``: all or nothing;
- ``consent list --purpose CODE --as ID``: chart numbers of the patients whose consent counts today,
  one per line (chart, name, version, date).
- ``consent export [--purpose CODE] --out FILE.csv --reason TEXT [--unmasked] [--force] --as ID``: the
  contact list in one step (:mod:`privdesk.consent.contacts`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from privdesk.cli.common import acting, add_as_option, add_force_option, context_from, output_from
from privdesk.errors import ValidationError

if TYPE_CHECKING:
    from privdesk.context import Actor, AppContext


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 YYYY-MM-DD 형식이어야 합니다: {text!r}") from None


def _when(text: str) -> dt.datetime:
    from privdesk.consent.importer import parse_when

    try:
        return parse_when(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"판 번호는 1 이상의 정수여야 합니다: {text!r}")
    return int(text)


def _purpose(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument(
        "--purpose",
        required=required,
        metavar="CODE",
        help="동의 목적 코드 또는 이름 (기본 프로필: contact=안내·홍보 연락, provision=제3자 제공)",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("consent", help="동의: 동의서 문안(판), 환자별 동의·철회 기록, 가져오기")
    ps = p.add_subparsers(dest="consent_command", metavar="SUBCOMMAND")

    d = ps.add_parser("text-draft", help="동의서 문안 초안을 만듭니다")
    _purpose(d)
    src = d.add_mutually_exclusive_group(required=True)
    src.add_argument("--text", metavar="TEXT", help="문안")
    src.add_argument("--file", type=Path, metavar="FILE", help="문안이 든 UTF-8 파일")
    add_as_option(d)
    d.set_defaults(func=cmd_text_draft)

    u = ps.add_parser("text-publish", help="최신 초안을 다음 판으로 게시합니다")
    _purpose(u)
    u.add_argument("--effective", required=True, type=_date, metavar="YYYY-MM-DD", help="시행일")
    change = u.add_mutually_exclusive_group()
    change.add_argument(
        "--fresh-consent",
        dest="fresh",
        action="store_const",
        const=True,
        help="동의 목적(이용 목적·항목·제공받는 자)이 바뀜: 이전 판의 동의는 시행일부터 효력이 없습니다",
    )
    change.add_argument(
        "--wording-only",
        dest="fresh",
        action="store_const",
        const=False,
        help="문구만 고침: 이전 판의 동의가 유지됩니다",
    )
    add_as_option(u)
    u.set_defaults(func=cmd_text_publish, fresh=None)

    t = ps.add_parser("texts", help="동의서 문안의 판을 보여 줍니다")
    _purpose(t, required=False)
    add_as_option(t)
    t.set_defaults(func=cmd_texts)

    r = ps.add_parser("record", help="환자의 동의를 기록합니다")
    r.add_argument("chart", metavar="CHART", help="차트번호")
    _purpose(r)
    r.add_argument(
        "--method", required=True, choices=("paper", "kiosk", "verbal"), help="서면, 키오스크, 구두"
    )
    r.add_argument("--form-ref", default="", metavar="REF", help="서면: 스캔한 동의서의 문서번호 (필수)")
    r.add_argument("--witness", default="", metavar="ID", help="구두: 입회한 다른 직원의 아이디 (필수)")
    r.add_argument("--at", type=_when, metavar='"YYYY-MM-DD HH:MM"', help="동의 일시 (기본: 지금)")
    r.add_argument("--version", type=_positive, metavar="N", help="동의한 문안의 판 (기본: 시행 중인 판)")
    r.add_argument("--representative", default="", metavar="NAME", help="법정대리인이 동의했으면 그 이름")
    r.add_argument("--relation", default="", metavar="REL", help="법정대리인과의 관계 (부, 모, 후견인 …)")
    r.add_argument("--note", default="", metavar="TEXT", help="비고 (개인정보는 적지 마십시오)")
    add_as_option(r)
    r.set_defaults(func=cmd_record)

    w = ps.add_parser("withdraw", help="환자의 동의 철회를 기록합니다")
    w.add_argument("chart", metavar="CHART", help="차트번호")
    _purpose(w)
    w.add_argument("--reason", required=True, metavar="TEXT", help="철회 사유 (개인정보는 적지 마십시오)")
    w.add_argument("--method", default="verbal", choices=("paper", "kiosk", "verbal"), help="기본: 구두")
    w.add_argument("--form-ref", default="", metavar="REF", help="서면 철회서의 문서번호")
    w.add_argument("--at", type=_when, metavar='"YYYY-MM-DD HH:MM"', help="철회 일시 (기본: 지금)")
    w.add_argument("--representative", default="", metavar="NAME", help="법정대리인이 철회했으면 그 이름")
    w.add_argument("--relation", default="", metavar="REL", help="법정대리인과의 관계")
    add_as_option(w)
    w.set_defaults(func=cmd_withdraw)

    s = ps.add_parser("show", help="환자의 동의 현황과 이력을 보여 줍니다")
    s.add_argument("chart", metavar="CHART", help="차트번호")
    add_as_option(s)
    s.set_defaults(func=cmd_show)

    i = ps.add_parser(
        "import", help="CSV 파일에서 동의 기록을 가져옵니다 (잘못된 행이 있으면 아무것도 기록하지 않음)"
    )
    i.add_argument("file", type=Path, metavar="FILE", help="CSV 파일 (UTF-8 또는 CP949)")
    i.add_argument("--encoding", choices=("auto", "utf-8", "cp949"), default="auto", help="문자 인코딩")
    i.add_argument("--dry-run", action="store_true", help="검사만 하고 기록하지 않습니다")
    add_as_option(i)
    i.set_defaults(func=cmd_import)

    li = ps.add_parser("list", help="지금 유효한 동의가 있는 환자의 차트번호를 보여 줍니다")
    _purpose(li)
    add_as_option(li)
    li.set_defaults(func=cmd_list)

    ex = ps.add_parser(
        "export",
        help="지금 유효한 동의가 있는 환자 전원을 CSV 연락 명단으로 내보냅니다 (사유 필수, 환자마다 접속기록에 남음)",
        description="환자 명부 내보내기와 같은 파일입니다: 동의가 유효한 환자만, 처리정지·동의철회·처리 보류 "
        "중인 환자는 빼고 (뺀 인원을 알려 줌), 사유가 환자마다 접속기록에 남습니다. 기본은 마스킹된 값이며 "
        "--unmasked에는 마스킹 해제 권한이 필요합니다.",
    )
    ex.add_argument(
        "--purpose",
        metavar="CODE",
        help="동의 목적 코드 (기본: 연락에 쓰는 첫 목적, 기본 프로필은 contact=안내·홍보 연락)",
    )
    ex.add_argument("--out", required=True, type=Path, metavar="FILE.csv", help="만들 CSV 파일")
    add_force_option(ex)
    ex.add_argument(
        "--reason", required=True, metavar="TEXT", help="내보내는 사유 (필수, 개인정보는 적지 마십시오)"
    )
    ex.add_argument(
        "--unmasked", action="store_true", help="마스킹을 해제한 값으로 내보냅니다 (마스킹 해제 권한 필요)"
    )
    add_as_option(ex)
    ex.set_defaults(func=cmd_export)


def _patient_id(ctx: AppContext, actor: Actor, chart: str) -> int:
    from privdesk.registry.export import patients_to_export

    return patients_to_export(ctx, actor, charts=[chart])[0]


def cmd_text_draft(args: argparse.Namespace) -> int:
    from privdesk.consent import texts

    if args.file is not None:
        try:
            body = Path(args.file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise ValidationError("file", f"문안 파일을 UTF-8로 읽을 수 없습니다: {args.file}") from None
    else:
        body = args.text
    ctx = context_from(args)
    try:
        v = texts.draft(ctx, acting(ctx, args), args.purpose, body)
    finally:
        ctx.engine.dispose()
    print(
        f"'{v.purpose_name}' 동의서 문안 초안을 만들었습니다 (초안 {v.id}). "
        f"게시: privdesk consent text-publish --purpose {v.purpose} --effective YYYY-MM-DD"
    )
    return 0


def cmd_text_publish(args: argparse.Namespace) -> int:
    from privdesk.consent import texts

    ctx = context_from(args)
    try:
        v = texts.publish(
            ctx, acting(ctx, args), args.purpose, args.effective, requires_fresh_consent=args.fresh
        )
    finally:
        ctx.engine.dispose()
    fresh = "새 동의 필요" if v.requires_fresh_consent else "기존 동의 유지"
    assert v.effective_date is not None
    print(
        f"'{v.purpose_name}' 동의서 문안 {v.label}을 게시했습니다 (시행일 {v.effective_date.isoformat()}, {fresh})."
    )
    return 0


def cmd_texts(args: argparse.Namespace) -> int:
    from privdesk.consent import texts

    ctx = context_from(args)
    try:
        rows = texts.texts(ctx, acting(ctx, args), args.purpose)
    finally:
        ctx.engine.dispose()
    if not rows:
        print("동의서 문안이 없습니다. privdesk consent text-draft로 만드십시오.")
    for v in rows:
        when = v.effective_date.isoformat() if v.effective_date else "-"
        flag = (" 새 동의 필요" if v.requires_fresh_consent else " 문구 수정") if v.version else ""
        print(f"{v.purpose}\t{v.label}\t시행일 {when}{flag}\t{v.published_by or v.created_by}")
        print("\t" + v.text.replace("\n", "\n\t"))
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from privdesk.consent.models import REPRESENTATIVE, SELF
    from privdesk.consent.records import ConsentInput, record

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        pid = _patient_id(ctx, actor, args.chart)
        row = record(
            ctx,
            actor,
            ConsentInput(
                patient_id=pid,
                purpose=args.purpose,
                method=args.method,
                at=args.at,
                version=args.version,
                form_ref=args.form_ref,
                witness=args.witness,
                signer=REPRESENTATIVE if args.representative or args.relation else SELF,
                representative=args.representative,
                relation=args.relation,
                note=args.note,
            ),
        )
    finally:
        ctx.engine.dispose()
    print(
        f"차트번호 {args.chart}: '{row.purpose_name}' 동의를 기록했습니다 (제{row.version}판, {row.how}, {row.who})."
    )
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    from privdesk.consent.models import REPRESENTATIVE, SELF
    from privdesk.consent.records import withdraw

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        pid = _patient_id(ctx, actor, args.chart)
        row = withdraw(
            ctx,
            actor,
            pid,
            args.purpose,
            reason=args.reason,
            method=args.method,
            at=args.at,
            form_ref=args.form_ref,
            signer=REPRESENTATIVE if args.representative or args.relation else SELF,
            representative=args.representative,
            relation=args.relation,
        )
    finally:
        ctx.engine.dispose()
    print(f"차트번호 {args.chart}: '{row.purpose_name}' 동의 철회를 기록했습니다.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from privdesk import clock
    from privdesk.consent.records import ACTION_LABELS, show

    ctx = context_from(args)
    try:
        actor = acting(ctx, args)
        c = show(ctx, actor, _patient_id(ctx, actor, args.chart))
    finally:
        ctx.engine.dispose()
    print(f"차트번호 {c.chart_no} 동의 현황")
    for st in c.states:
        extra = ""
        if st.latest is not None:
            extra = f" ({clock.fmt_datetime(st.latest.at)}" + (
                f", 제{st.latest.version}판)" if st.latest.version else ")"
            )
        print(f"  {st.purpose}\t{st.purpose_name}\t{st.label}{extra}")
    if c.history:
        print("이력 (최근 순)")
    for h in c.history:
        version = f"제{h.version}판" if h.version else "-"
        note = f"\t{h.note}" if h.note else ""
        print(
            f"  {clock.fmt_datetime(h.at)}\t{h.purpose}\t{ACTION_LABELS.get(h.action, h.action)}\t{version}\t"
            f"{h.how}\t{h.who}\t기록 {h.recorded_by}{note}"
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from privdesk.consent.importer import import_consents

    ctx = context_from(args)
    try:
        result = import_consents(
            ctx, acting(ctx, args), args.file, encoding=args.encoding, dry_run=args.dry_run
        )
    finally:
        ctx.engine.dispose()
    print(result.summary())
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from privdesk import clock
    from privdesk.consent.records import consenting

    ctx = context_from(args)
    try:
        rows = consenting(ctx, acting(ctx, args), args.purpose)
    finally:
        ctx.engine.dispose()
    for r in rows:
        print(f"{r.chart_no}\t{r.name}\t제{r.version}판\t{clock.fmt_datetime(r.at)}")
    print(f"# 유효한 동의 {len(rows)}명")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from privdesk.consent.contacts import export_contacts
    from privdesk.registry.export import export_reason

    export_reason(args.reason)  # refused before anything is read or logged
    out = output_from(args)
    ctx = context_from(args)
    try:
        r = export_contacts(
            ctx, acting(ctx, args), args.purpose, out, reason=args.reason, unmasked=args.unmasked
        )
    finally:
        ctx.engine.dispose()
    left = f"; 처리정지·동의철회 {r.stopped}명, 처리 보류 {r.held}명 제외" if r.stopped or r.held else ""
    print(
        f"'{r.purpose.name}' 연락 명단: {r.written:,}명 ({'마스킹 해제' if args.unmasked else '마스킹'}{left}) → {out}"
    )
    return 0
