"""The breach register's papers and files (유출 통지·신고 출력).

- :func:`print_letters`: one notification letter per affected person with the five legal contents
  (법 제34조①, 시행령 제39조); the address is decrypted only into the PDF; each letter is logged
  as a printing of that person's data with the reason given;
- :func:`export_contacts`: the CSV for an SMS service — the mobile number (what the channel
  needs), the name masked, never the address; through the one safe writer;
- :func:`homepage_notice`: the homepage notice for people whose contacts are unknown (no personal
  data);
- :func:`print_report`: the report to the regulator (신고서; fields UNCONFIRMED);
- :func:`print_record`: the incident with its duties, notices and history;
- :func:`print_register`: the register of a year.

Every printing is logged from the template's ``before_publish`` hook, with a row in the incident's
history: if the entry is refused, no file appears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from privdesk import clock, files, proofs
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.cctv.api import CctvRequest
from privdesk.context import Actor, AppContext, Unit
from privdesk.crypto import KeyRing
from privdesk.errors import RecordIntegrityError, RuleViolationError
from privdesk.files import Output
from privdesk.incidents import rules
from privdesk.incidents.models import Incident, IncidentSubject
from privdesk.incidents.register import (
    SOURCE_LABELS,
    IncidentDetail,
    detail_of,
    incident_unit,
    load,
    record_event,
    rows_of,
)
from privdesk.personal import mask_name
from privdesk.printing import witnessed
from privdesk.profile import HospitalProfile
from privdesk.registry.api import Patient, records
from privdesk.reports import incident as paper

OnPage = Callable[[int], None] | None
CHUNK = 500
CSV_HEADER = ("순번", "수신자", "휴대전화", "문자 내용")
CCTV_TABLE = "cctv_requests"


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    record_no: str
    title: str
    letters: int = 0
    skipped: int = 0  # letters: people without an address; CSV: without a mobile number


@dataclass(frozen=True)
class Person:
    """An affected person with what a channel needs, decrypted in memory only."""

    ref: str
    name: str
    address: str
    mobile: str

    def __repr__(self) -> str:
        return f"Person({self.ref})"


# -- shared text ---------------------------------------------------------------------------------------
def _contact(p: HospitalProfile) -> str:
    o, d = p.officer, p.department
    officer = " ".join(x for x in (o.title, o.name) if x)
    dept = " ".join(x for x in (d.department, d.title, d.name) if x)
    return (
        f"개인정보 보호 담당부서: {dept} (전화 {d.phone})\n개인정보 보호책임자: {officer} (전화 {o.phone})\n"
        f"{p.name}: {p.address} (대표전화 {p.phone})"
    )


def advice_for(items: Sequence[str]) -> str:
    """What a person can do, by the items that leaked (법 제34조①3)."""
    out = [
        "병원이나 공공기관을 사칭하여 개인정보·금전을 요구하는 전화·문자·전자우편에 응하지 마시고, 출처가 불분명한 "
        "문자의 인터넷 주소(URL)를 누르지 마십시오."
    ]
    if any(i in rules.UNIQUE_ID_ITEMS for i in items):
        out.append(
            "금융감독원 ‘개인정보노출자 사고예방시스템’(pd.fss.or.kr)에 노출 사실을 등록하면 명의도용 금융거래를 "
            "막는 데 도움이 됩니다. 피해가 우려되면 주민등록번호 변경을 신청할 수 있습니다."
        )
    if any(i in ("아이디", "비밀번호") for i in items):
        out.append("같은 비밀번호를 쓰는 다른 누리집의 비밀번호를 바꾸십시오.")
    if any(i in rules.SENSITIVE_ITEMS for i in items):
        out.append("진료 사실을 빌미로 한 연락을 받으면 응하지 마시고 아래 담당부서로 알려 주십시오.")
    return " ".join(out)


REMEDY = (
    "피해가 생겼거나 우려되면 아래 담당부서에 신고해 주시면 확인하여 구제 절차를 안내해 드립니다. 또한 "
    "개인정보침해 신고센터(국번 없이 118, privacy.kisa.or.kr)에 신고하거나 개인정보 분쟁조정위원회(1833-6972, "
    "kopico.go.kr)에 분쟁조정을 신청할 수 있고, 법원에 손해배상을 청구할 수 있습니다."
)


def letter_text(p: HospitalProfile, d: IncidentDetail) -> paper.LetterText:
    happened = clock.paper_datetime(d.row.happened_at) if d.row.happened_at else "확인 중"
    return paper.LetterText(
        number=d.number,
        items=", ".join(d.items) or "확인 중(확인되는 대로 알려 드립니다)",
        when=f"유출 시점: {happened} / 병원이 알게 된 때: {clock.paper_datetime(d.row.learnt_at)}",
        summary=d.summary,
        advice=advice_for(d.items),
        response=d.containment or "유출 경위를 조사하고 있으며, 추가 유출을 막는 조치를 하고 있습니다.",
        remedy=REMEDY,
        contact=_contact(p),
        sender=f"{p.name}장",
    )


def homepage_notice(ctx: AppContext, actor: Actor, ref: str | int) -> str:
    """The homepage notice (홈페이지 게시문) for people whose contacts are unknown; no personal data.
    The notice stays up at least :data:`~privdesk.incidents.rules.HOMEPAGE_DAYS` days (UNCONFIRMED)."""
    with incident_unit(ctx, actor, write=False) as u:
        inc = load(u, ref)
        d = detail_of(u.session, inc)
        u.log(Action.VIEW, inc.ref, detail=f"{inc.number}; homepage notice")
    t = letter_text(ctx.profile, d)
    contents = (t.items, f"{t.when}\n{t.summary}", t.advice, f"{t.response}\n{t.remedy}", t.contact)
    lines = [
        f"[알림] {ctx.profile.name} 개인정보 유출 사실 안내",
        "",
        f"{ctx.profile.name}에서 관리하던 개인정보가 유출되었거나 유출되었을 가능성이 있어 「개인정보 보호법」 "
        "제34조에 따라 알려 드립니다. 연락처를 알 수 없어 개별 통지를 드리지 못한 분들께 이 게시로 알려 드리며, "
        "불편과 심려를 끼쳐 드려 깊이 사과드립니다.",
        "",
    ]
    for n, (label, value) in enumerate(zip(paper.CONTENTS, contents, strict=True), start=1):
        lines += [f"{n}. {label}", value, ""]
    lines.append(
        f"게시일: {clock.paper_date(clock.today_kst())} (게시 기간 {rules.HOMEPAGE_DAYS}일 이상)  사고 번호 {d.number}"
    )
    return "\n".join(lines)


# -- the people, decrypted -----------------------------------------------------------------------------
def _mobile(phones: Sequence[str]) -> str:
    return next((p for p in phones if p.startswith("01")), "")


def people_of(u: Unit, keys: KeyRing, inc: Incident) -> list[Person]:
    """The affected people with name, address and mobile number, each record's proof checked first
    (a swapped row never sends a letter to the wrong person)."""
    subjects = (
        u.session.execute(
            select(IncidentSubject).where(IncidentSubject.incident_id == inc.id).order_by(IncidentSubject.id)
        )
        .scalars()
        .all()
    )
    for s in subjects:
        if not proofs.holds(keys, s):
            raise RecordIntegrityError(f"유출 사고 정보주체 {s.id}")
    pids = [s.patient_id for s in subjects if s.patient_id is not None]
    cids = [s.cctv_request_id for s in subjects if s.cctv_request_id is not None]
    patients: dict[int, Patient] = {}
    for i in range(0, len(pids), CHUNK):
        patients.update(
            (p.id, p)
            for p in u.session.execute(select(Patient).where(Patient.id.in_(pids[i : i + CHUNK]))).scalars()
        )
    requests: dict[int, CctvRequest] = {}
    for i in range(0, len(cids), CHUNK):
        requests.update(
            (r.id, r)
            for r in u.session.execute(
                select(CctvRequest).where(CctvRequest.id.in_(cids[i : i + CHUNK]))
            ).scalars()
        )
    out: list[Person] = []
    for s in subjects:
        if s.patient_id is not None:
            p = patients.get(s.patient_id)
            if p is None:
                continue
            if not proofs.holds(keys, p):
                raise RecordIntegrityError(p.ref)
            phones = [records.decrypt_phone(keys, p.uid, ph.position, ph.phone_enc) for ph in p.phones]
            out.append(
                Person(
                    s.subject_ref,
                    p.name,
                    records.decrypt_address(keys, p.uid, p.address_enc),
                    _mobile(phones),
                )
            )
        elif s.cctv_request_id is not None:
            r = requests.get(s.cctv_request_id)
            if r is None:
                continue
            if not proofs.holds(keys, r):
                raise RecordIntegrityError(f"cctv_request:{r.id}")

            def dec(blob: bytes | None, column: str, uid: str = r.uid) -> str:
                return "" if blob is None else keys.decrypt(blob, CCTV_TABLE, column, uid)

            if r.relation == "self" or not r.subject_name:
                out.append(
                    Person(
                        s.subject_ref,
                        r.requester_name,
                        dec(r.requester_address_enc, "requester_address_enc"),
                        _mobile([dec(r.requester_phone_enc, "requester_phone_enc")]),
                    )
                )
            else:
                out.append(
                    Person(
                        s.subject_ref,
                        r.subject_name,
                        "",
                        _mobile([dec(r.subject_phone_enc, "subject_phone_enc")]),
                    )
                )
    return out


def _publish(
    ctx: AppContext,
    actor: Actor,
    incident_id: int,
    what: str,
    detail: str,
    why: str,
    per_person: Sequence[str] = (),
    person_detail: str = "",
) -> Callable[[int], None]:
    """The ``before_publish`` hook: the printing's access-log entries (each with the reason, in the
    one form) and its history row."""

    def publish(pages: int) -> None:
        with incident_unit(ctx, actor) as u:
            inc = load(u, incident_id)
            u.log(
                Action.PRINT, inc.ref, detail=with_reason(f"{what}; {inc.number}; {detail}; {pages}쪽", why)
            )
            for ref in per_person:
                u.log(Action.PRINT, ref, detail=with_reason(person_detail, why))
            record_event(u, inc, "print", f"{what} 출력 ({detail}; {pages}쪽; 사유={why})")

    return publish


# -- use cases ------------------------------------------------------------------------------------------
def print_letters(
    ctx: AppContext, actor: Actor, ref: str | int, out: Path | Output, *, reason: str, on_page: OnPage = None
) -> PrintResult:
    """The notification letters, one page per person with an address (those without one are
    counted: tell them another way or on the homepage)."""
    why = require(reason, "출력 사유")
    out = files.guarded(ctx.settings, out)
    with incident_unit(ctx, actor) as u:
        inc = load(u, ref)
        d = detail_of(u.session, inc)
        if not d.row.affected:
            raise RuleViolationError(
                f"{inc.number}: 정보주체가 없습니다. 먼저 유출된 정보주체를 추가하십시오."
            )
        people = people_of(u, ctx.keys, inc)
        u.log(Action.VIEW, inc.ref, detail=f"{inc.number}; letters; people={len(people)}")
    with_address = [p for p in people if p.address.strip()]
    if not with_address:
        raise RuleViolationError(
            f"{d.number}: 주소가 있는 정보주체가 없습니다. 문자(CSV)나 홈페이지 게시로 알리십시오."
        )
    text = letter_text(ctx.profile, d)
    meta = witnessed(ctx, paper.letter_meta(ctx.profile.name, actor))
    recipients = [paper.Recipient(p.name, p.address) for p in with_address]
    skipped = len(people) - len(with_address)
    detail = f"{len(recipients)}통; 주소 없음 {skipped}명; {meta.record_no}"
    pages = paper.render_letters(
        out,
        meta,
        text,
        recipients,
        on_page=on_page,
        before_publish=_publish(
            ctx,
            actor,
            d.id,
            "유출 통지서",
            detail,
            why,
            [p.ref for p in with_address],
            f"{d.number} 유출 통지서; {meta.record_no}",
        ),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title, len(recipients), skipped)


def export_contacts(
    ctx: AppContext, actor: Actor, ref: str | int, out: Path | Output, *, reason: str
) -> PrintResult:
    """The CSV for an SMS service: 순번, the name masked (홍*동), the mobile number the channel needs,
    the message — never the address. People without a mobile number are counted, not written."""
    why = require(reason, "내보내는 사유")
    out = files.guarded(ctx.settings, out)
    p = ctx.profile
    with files.replacing(out) as fh, incident_unit(ctx, actor) as u:
        inc = load(u, ref)
        d = detail_of(u.session, inc)
        people = people_of(u, ctx.keys, inc)
        reachable = [x for x in people if x.mobile]
        if not reachable:
            raise RuleViolationError(
                f"{inc.number}: 휴대전화 번호가 있는 정보주체가 없습니다. 우편이나 홈페이지 게시로 "
                "알리십시오."
            )
        message = (
            f"[{p.name}] 개인정보 유출 안내({d.number}): {', '.join(d.items) or '개인정보'} 유출. 경위·대응·"
            f"피해구제 안내는 우편·홈페이지 공지를 확인하시거나 {p.department.department or '개인정보 보호 담당부서'}"
            f"({p.department.phone})로 문의하십시오."
        )
        w = files.csv_writer(fh, specimen=ctx.is_demo)
        w.writerow(CSV_HEADER)
        for n, x in enumerate(reachable, start=1):
            w.writerow((n, mask_name(x.name), x.mobile, message))
        for x in reachable:
            u.log(Action.EXPORT, x.ref, detail=with_reason(f"{d.number} 유출 통지 문자", why))
        skipped = len(people) - len(reachable)
        u.log(
            Action.EXPORT,
            inc.ref,
            detail=with_reason(
                f"sms csv; {inc.number}; {len(reachable)}명; 번호 없음 {skipped}명; 파일={out.path.name}", why
            ),
        )
        record_event(
            u, inc, "export", f"문자 발송용 CSV {len(reachable):,}명 (휴대전화 번호 없음 {skipped:,}명)"
        )
    return PrintResult(out.path, 0, "", "문자 발송용 CSV", len(reachable), skipped)


def _record(d: IncidentDetail, now: dt.datetime, profile: HospitalProfile) -> paper.IncidentRecord:
    files_named = {f.code: f.name for f in profile.files}
    return paper.IncidentRecord(
        number=d.number,
        kind=d.row.kind_label,
        state=d.row.state_label,
        happened_at=d.row.happened_at,
        learnt_at=d.row.learnt_at,
        reporter=d.reporter,
        summary=d.summary,
        files=", ".join(files_named.get(f, f) for f in d.files),
        items=", ".join(d.items),
        containment=d.containment,
        outside_access=d.outside_access,
        affected=d.row.affected,
        by_source=tuple((SOURCE_LABELS.get(k, k), v) for k, v in sorted(d.by_source.items())),
        duties=tuple(
            paper.DutyLine(
                s.label,
                s.applies,
                s.reasons,
                s.article,
                s.due,
                s.status(now, clock.paper_datetime),
                s.urgency(now) == rules.Urgency.LATE,
            )
            for s in d.row.duties
        ),
        notices=tuple(
            paper.NoticeLine(
                rules.DUTY_LABELS.get(n.duty, n.duty), n.channel_label, n.sent_at, n.people, n.note
            )
            for n in d.notices
        ),
        events=tuple(
            paper.EventLine(e.at, e.actor_label or e.actor_login, e.change_label, e.detail) for e in d.events
        ),
        opened=f"{clock.paper_datetime(d.opened_at)} {d.who(d.opened_by)}",
        cause=d.cause,
        measures=d.measures,
        closed=f"{clock.paper_datetime(d.closed_at)} {d.who(d.closed_by)} (승인)" if d.closed_at else "",
    )


def _detail(ctx: AppContext, actor: Actor, ref: str | int, what: str) -> IncidentDetail:
    with incident_unit(ctx, actor, write=False) as u:
        inc = load(u, ref)
        u.log(Action.VIEW, inc.ref, detail=f"{inc.number}; {what}")
        return detail_of(u.session, inc)


def print_report(
    ctx: AppContext, actor: Actor, ref: str | int, out: Path | Output, *, reason: str, on_page: OnPage = None
) -> PrintResult:
    """The 신고서 to the regulator (printed whether or not the report applies: it says why)."""
    why = require(reason, "출력 사유")
    out = files.guarded(ctx.settings, out)
    d = _detail(ctx, actor, ref, "report form")
    p = ctx.profile
    o, dep = p.officer, p.department
    org = paper.Organisation(
        name=p.name,
        representative=p.representative,
        business_number=p.business_number,
        address=p.address,
        phone=p.phone,
        officer=" ".join(x for x in (o.title, o.name, f"(전화 {o.phone})") if x),
        department=" ".join(x for x in (dep.department, dep.title, dep.name, f"(전화 {dep.phone})") if x),
    )
    meta = witnessed(ctx, paper.report_meta(p.name, actor))
    pages = paper.render_report_form(
        out,
        meta,
        org,
        _record(d, clock.now(), p),
        on_page=on_page,
        before_publish=_publish(ctx, actor, d.id, "유출 등 신고서", meta.record_no, why),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title)


def print_record(
    ctx: AppContext, actor: Actor, ref: str | int, out: Path | Output, *, reason: str, on_page: OnPage = None
) -> PrintResult:
    """The incident with its duties, notices and history (``privdesk report incident``)."""
    why = require(reason, "출력 사유")
    out = files.guarded(ctx.settings, out)
    d = _detail(ctx, actor, ref, "record")
    meta = witnessed(ctx, paper.record_meta(ctx.profile.name, actor))
    pages = paper.render_record(
        out,
        meta,
        _record(d, clock.now(), ctx.profile),
        on_page=on_page,
        before_publish=_publish(ctx, actor, d.id, "사고 처리 기록", meta.record_no, why),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title)


def print_register(
    ctx: AppContext, actor: Actor, year: int, out: Path | Output, *, reason: str, on_page: OnPage = None
) -> PrintResult:
    """The register of a year (incidents numbered in that year, oldest first); ``reason`` (사유)
    checked first, logged with the printing."""
    why = require(reason, "출력 사유")
    out = files.guarded(ctx.settings, out)
    with incident_unit(ctx, actor, write=False) as u:
        rows = sorted(rows_of(u.session, year=year), key=lambda r: r.number)
        u.log(Action.SEARCH, "incidents", detail=f"register {year}; results={len(rows)}")
    now = clock.now()

    def duty(s: rules.DutyState) -> str:
        if not s.applies:
            return "해당 없음"
        late = s.late_by(now)
        head = f"완료 {clock.paper_datetime(s.done_at)}" if s.done_at else "미완료"
        return head + (f" (지연 {rules.hours_text(late)})" if late else "")

    lines = [
        paper.RegisterRow(
            r.number,
            r.learnt_at,
            r.kind_label,
            r.summary,
            r.affected,
            duty(r.notify),
            duty(r.report),
            r.state_label,
        )
        for r in rows
    ]
    meta = witnessed(ctx, paper.register_meta(ctx.profile.name, actor, year))

    def publish(pages: int) -> None:
        with ctx.unit(actor, Permission.INCIDENT_READ) as u:
            u.log(
                Action.PRINT,
                "incidents",
                detail=with_reason(f"register {year}; {len(rows)}건; {meta.record_no}; {pages}쪽", why),
            )

    pages = paper.render_register(out, meta, lines, on_page=on_page, before_publish=publish)
    return PrintResult(out.path, pages, meta.record_no, meta.title, len(rows))
