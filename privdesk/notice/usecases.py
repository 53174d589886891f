"""Use cases of the yearly usage notice (이용·제공 내역 통지, 법 제20조의2, 시행령 제15조의3).

- :func:`status_in` / :func:`status`: whether the duty applies — the profile's ``[notice] applies``
  (true / false) or, by default, privdesk's own count of registered patients (민감정보·고유식별정보:
  every patient has a resident or foreigner registration number) against the threshold (50,000) —
  and whether this year's batch is made. Counts only: no access-log entry of its own.
- :func:`make`: the year's batch — per registered patient, the purposes and items of use (the
  profile's patient file, the same the policy states) and every provision to a third party that
  year from the disclosure ledger (corrected entries as corrected) — as PDF letters (one per
  patient, addressed to the person: name and address in full on the letter) or as a CSV for a
  mail/SMS service. A reason is required; every patient in it is an access-log entry (출력 or
  내보내기) with the reason, by internal reference only. A year has one batch; making it again is a
  numbered reissue (``reissue=True``: 제2차, 제3차 …), otherwise refused.
- :func:`deliver`: letters sent (발송) or returned (반송), per patient or all pending at once, on
  the year's latest batch or the numbered one the letters belong to.
- :func:`batches`: the batches with their delivery counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, selectinload

from privdesk import clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Actor, AppContext
from privdesk.disclosures.api import BASES, PROVISION, Disclosure, DisclosureSubject
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.lifecycle.api import PATIENT_FILE
from privdesk.notice.models import CSV, PDF, RETURNED, SENT, NoticeBatch, NoticeDelivery, NoticeLetter
from privdesk.profile import HospitalProfile, NoticeRules, notice_rules_from
from privdesk.registry.api import STATUS_ACTIVE, STATUS_SEPARATED, Patient, patient_ref, records
from privdesk.store.models import Account
from privdesk.training.api import ensure_trained

SUBJECT = "notice"
CHUNK = 500


@dataclass(frozen=True)
class BatchRow:
    id: int
    year: int
    issue: int
    output: str
    patients: int
    provisions: int
    made_at: dt.datetime
    made_by: str
    reason: str
    sent: int = 0
    returned: int = 0
    made_by_name: str = ""

    @property
    def made_by_label(self) -> str:
        """``육의곤 (yook)``: people by name, the login after."""
        return f"{self.made_by_name} ({self.made_by})" if self.made_by_name else self.made_by

    @property
    def label(self) -> str:
        return f"{self.year}년 제{self.issue}차" + (" (재발행)" if self.issue > 1 else "")

    @property
    def pending(self) -> int:
        return self.patients - self.sent - self.returned


@dataclass(frozen=True)
class NoticeStatus:
    """Whether the duty applies this year and how far it is done."""

    year: int
    registered: int  # patients privdesk holds (active and separated)
    threshold: int
    decided: bool | None  # the profile's applies (None: by count)
    batch: BatchRow | None  # the year's latest batch
    remind_on: dt.date
    today: dt.date
    capped: bool = False  # the count stopped at the threshold (the start screen)

    @property
    def by_count(self) -> bool:
        return self.registered >= self.threshold

    @property
    def applies(self) -> bool:
        return self.by_count if self.decided is None else self.decided

    @property
    def count_text(self) -> str:
        """등록 환자 N명 — 통지 의무 대상입니다/아닙니다 (기준 5만 명)."""
        verdict = "통지 의무 대상입니다" if self.by_count else "통지 의무 대상이 아닙니다"
        n = f"{self.registered:,}명" + (" 이상" if self.capped and self.registered >= self.threshold else "")
        return f"등록 환자 {n} — {verdict} (기준 {self.threshold:,}명 이상, 법 제20조의2)"

    @property
    def decision_text(self) -> str:
        if self.decided is None:
            return '병원 프로필: 등록 환자 수로 판단 (applies = "auto")'
        word = "대상으로 지정" if self.decided else "대상 아님으로 지정"
        differs = (
            " — 등록 환자 수와 다릅니다. 프로필을 확인하십시오." if self.decided != self.by_count else ""
        )
        return f"병원 프로필: {word}{differs}"

    @property
    def done(self) -> bool:
        return self.batch is not None

    @property
    def due_soon(self) -> bool:
        """This year's batch not made, from the reminder day to the year's end."""
        return self.applies and not self.done and self.today >= self.remind_on


@dataclass(frozen=True)
class Provision:
    """One provision to a third party of a patient's data, as the letter lists it."""

    disclosed_on: dt.date
    recipient: str
    purpose: str
    items: str
    basis: str

    def text(self) -> str:
        return f"{self.disclosed_on.isoformat()} {self.recipient} (목적: {self.purpose}; 항목: {self.items}; 근거: {self.basis})"


@dataclass(frozen=True)
class Letter:
    """One patient's letter (personal data: ``repr`` names the patient by internal id only)."""

    patient_id: int
    chart_no: str
    name: str
    address: str
    phone: str
    provisions: tuple[Provision, ...]

    def __repr__(self) -> str:
        return f"Letter(patient_id={self.patient_id}, provisions={len(self.provisions)})"


@dataclass(frozen=True)
class Use:
    """The purposes and items of use (the profile's patient file, as the policy states them)."""

    file_name: str
    purpose: str
    items: str
    legal_basis: str
    retention: str


@dataclass(frozen=True)
class MadeBatch:
    batch: BatchRow
    path: Path
    pages: int  # 0 for a CSV
    record_no: str


def rules_of(profile: HospitalProfile) -> NoticeRules:
    return notice_rules_from(profile.raw)


def _batch_row(session: Session, b: NoticeBatch) -> BatchRow:
    latest = (
        select(NoticeDelivery.letter_id, func.max(NoticeDelivery.id).label("last"))
        .join(NoticeLetter, NoticeLetter.id == NoticeDelivery.letter_id)
        .where(NoticeLetter.batch_id == b.id)
        .group_by(NoticeDelivery.letter_id)
        .subquery()
    )
    counts = dict(
        session.execute(
            select(NoticeDelivery.state, func.count())
            .join(latest, latest.c.last == NoticeDelivery.id)
            .group_by(NoticeDelivery.state)
        ).all()
    )
    return BatchRow(
        b.id,
        b.year,
        b.issue,
        b.output,
        b.patients,
        b.provisions,
        b.made_at,
        b.made_by,
        b.reason,
        int(counts.get(SENT, 0)),
        int(counts.get(RETURNED, 0)),
        session.execute(select(Account.name).where(Account.login == b.made_by)).scalar_one_or_none() or "",
    )


def _latest(session: Session, year: int) -> NoticeBatch | None:
    return session.execute(
        select(NoticeBatch).where(NoticeBatch.year == year).order_by(NoticeBatch.issue.desc()).limit(1)
    ).scalar_one_or_none()


def _issue(session: Session, year: int, issue: int) -> NoticeBatch | None:
    return session.execute(
        select(NoticeBatch).where(NoticeBatch.year == year, NoticeBatch.issue == issue)
    ).scalar_one_or_none()


def registered(session: Session, cap: int | None = None) -> int:
    """Patients privdesk holds (active and separated); counting stops at ``cap`` (the start screen
    needs only "the threshold or more", and stays fast at a million patients)."""
    inner = select(Patient.id).where(Patient.status.in_((STATUS_ACTIVE, STATUS_SEPARATED)))
    if cap is not None:
        inner = inner.limit(cap)
    return int(session.execute(select(func.count()).select_from(inner.subquery())).scalar_one())


def status_in(
    session: Session,
    profile: HospitalProfile,
    today: dt.date,
    year: int | None = None,
    *,
    capped: bool = False,
) -> NoticeStatus:
    """The status inside the caller's unit (counts only, nothing logged); ``capped``: the count stops
    at the threshold (the start screen)."""
    rules = rules_of(profile)
    year = year or today.year
    b = _latest(session, year)
    return NoticeStatus(
        year,
        registered(session, rules.threshold if capped else None),
        rules.threshold,
        rules.applies,
        _batch_row(session, b) if b is not None else None,
        rules.remind_on(year),
        today,
        capped,
    )


def status(
    ctx: AppContext, actor: Actor, year: int | None = None, *, today: dt.date | None = None
) -> NoticeStatus:
    """``privdesk notice status``: ``notice.manage``; counts only (no access-log entry)."""
    today = today or clock.today_kst()
    with ctx.unit(actor, Permission.NOTICE_MANAGE, read_only=True) as u:
        return status_in(u.session, ctx.profile, today, year)


def use_of(profile: HospitalProfile) -> Use:
    f = profile.file(PATIENT_FILE)
    return Use(f.name, f.purpose, ", ".join(f.items), f.legal_basis, f.retention_note)


def _provisions(session: Session, year: int) -> dict[int, list[Provision]]:
    """Every provision to a third party in ``year`` by patient id (a corrected entry as corrected)."""
    corrected = select(Disclosure.corrects_id).where(Disclosure.corrects_id.is_not(None))
    rows = session.execute(
        select(DisclosureSubject.patient_id, Disclosure)
        .join(Disclosure, Disclosure.id == DisclosureSubject.disclosure_id)
        .where(
            Disclosure.kind == PROVISION,
            Disclosure.disclosed_on >= dt.date(year, 1, 1),
            Disclosure.disclosed_on <= dt.date(year, 12, 31),
            Disclosure.id.not_in(corrected),
            DisclosureSubject.patient_id.is_not(None),
        )
        .order_by(Disclosure.disclosed_on, Disclosure.id)
    ).all()
    out: dict[int, list[Provision]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for pid, d in rows:
        if pid is None or (pid, d.id) in seen:
            continue
        seen.add((pid, d.id))
        basis = BASES[d.legal_basis].label if d.legal_basis in BASES else d.legal_basis
        detail = f" — {d.basis_detail}" if d.basis_detail else ""
        out[int(pid)].append(
            Provision(d.disclosed_on, d.recipient, d.recipient_purpose, d.items, basis + detail)
        )
    return out


def _iter_letters(ctx: AppContext, session: Session, year: int) -> Iterator[Letter]:
    """The letters one by one, the patients read :data:`CHUNK` at a time (a batch's size does not
    decide what is held in memory)."""
    provisions = _provisions(session, year)
    stmt = (
        select(Patient)
        .where(Patient.status == STATUS_ACTIVE)
        .order_by(Patient.chart_no)
        .options(selectinload(Patient.phones))
        .execution_options(yield_per=CHUNK)
    )
    for p in session.execute(stmt).scalars():
        address = records.decrypt_address(ctx.keys, p.uid, p.address_enc)
        phones = [records.decrypt_phone(ctx.keys, p.uid, ph.position, ph.phone_enc) for ph in p.phones]
        yield Letter(
            p.id,
            p.chart_no,
            p.name,
            address,
            phones[0] if phones else "",
            tuple(provisions.get(p.id, ())),
        )
        session.expunge(p)


def _letters(ctx: AppContext, session: Session, year: int) -> list[Letter]:
    return list(_iter_letters(ctx, session, year))


def _check_year(year: int, today: dt.date) -> None:
    if not 2000 <= year <= today.year:
        raise ValidationError("year", f"통지 연도는 2000년부터 {today.year}년 사이여야 합니다.")


def _refuse_rerun(b: NoticeBatch | None, reissue: bool) -> int:
    """The issue number of the batch to make: 1, or the next for a reissue; a second batch of a year
    without ``reissue`` is refused."""
    if b is None:
        return 1
    if not reissue:
        raise RuleViolationError(
            f"{b.year}년 이용·제공 내역 통지는 이미 만들었습니다 (제{b.issue}차, "
            f"{clock.fmt_datetime(b.made_at)}, {b.made_by}). 다시 보내야 하면 재발행(--reissue)으로 "
            f"제{b.issue + 1}차를 만드십시오."
        )
    return b.issue + 1


def read_batch(
    ctx: AppContext, actor: Actor, year: int, *, reissue: bool = False, today: dt.date | None = None
) -> tuple[int, Use, list[Letter]]:
    """The batch's content (``notice.manage``, the training gate): the issue it will be, the use and
    the letters. Nothing is logged here: the letters reach a file only through :func:`_record`,
    which logs every patient in the same transaction as the batch."""
    today = today or clock.today_kst()
    _check_year(year, today)
    with ctx.unit(actor, Permission.NOTICE_MANAGE) as u:
        ensure_trained(u.session, ctx.profile, u.account, today)
        issue = _refuse_rerun(_latest(u.session, year), reissue)
        return issue, use_of(ctx.profile), _letters(ctx, u.session, year)


def _record(
    ctx: AppContext,
    actor: Actor,
    year: int,
    issue: int,
    output: str,
    letters: Sequence[tuple[int, int]],
    reason: str,
    record_no: str,
) -> BatchRow:
    """The batch, its letters and one access-log entry per patient, in one transaction; a batch of
    the same issue made meanwhile on another workstation is refused (re-checked here)."""
    action = Action.PRINT if output == PDF else Action.EXPORT
    with ctx.unit(actor, Permission.NOTICE_MANAGE) as u:
        current = _latest(u.session, year)
        if (current.issue if current else 0) != issue - 1:
            raise RuleViolationError(f"{year}년 통지를 그사이 다른 곳에서 만들었습니다. 목록을 확인하십시오.")
        b = NoticeBatch(
            year=year,
            issue=issue,
            output=output,
            patients=len(letters),
            provisions=sum(n for _pid, n in letters),
            made_at=clock.now(),
            made_by=actor.login,
            reason=reason,
        )
        u.session.add(b)
        u.session.flush()
        for i in range(0, len(letters), CHUNK):  # rows, not objects: a batch of 50,000 stays small
            u.session.execute(
                insert(NoticeLetter),
                [{"batch_id": b.id, "patient_id": pid, "provisions": n} for pid, n in letters[i : i + CHUNK]],
            )
        detail = f"{record_no}; 이용·제공 내역 통지 {year}년 제{issue}차 ({output})"
        for pid, _n in letters:
            u.log(action, patient_ref(pid), detail=with_reason(detail, reason))
        u.log(Action.CREATE, f"{SUBJECT}:{b.id}", detail=with_reason(f"{detail}; {len(letters)}명", reason))
        return _batch_row(u.session, b)


CSV_HEADER = (
    "통지번호",
    "차트번호",
    "이름",
    "주소",
    "연락처",
    "이용 목적",
    "이용 항목",
    "제3자 제공 건수",
    "제3자 제공 내역",
)


def make(
    ctx: AppContext,
    actor: Actor,
    year: int,
    out: Path | files.Output,
    *,
    output: str = PDF,
    reason: str,
    reissue: bool = False,
    today: dt.date | None = None,
    on_page: Callable[[int], None] | None = None,
) -> MadeBatch:
    """Make the year's batch as PDF letters (``output="pdf"``) or a CSV for a mail/SMS service
    (``output="csv"``); ``reason`` required. The file appears only when the batch and its
    access-log entries are committed. ``on_page(n)`` follows the PDF page by page (an exception
    raised there cancels: no file, no batch)."""
    from privdesk.notice import paper
    from privdesk.printing import witnessed

    if output not in (PDF, CSV):
        raise ValidationError("output", "통지 형식은 pdf(우편 통지문) 또는 csv(문자·전자우편 발송용)입니다.")
    why = require(reason, "통지 사유")
    out = files.guarded(ctx.settings, out)
    files.check(out)
    if output == CSV:
        return _make_csv(ctx, actor, year, out, why, reissue, today or clock.today_kst())
    issue, use, letters = read_batch(ctx, actor, year, reissue=reissue, today=today)
    if not letters:
        raise RuleViolationError("통지할 환자가 없습니다 (등록된 환자가 없습니다).")
    meta = witnessed(ctx, paper.meta_for(ctx.profile.name, actor, year, issue))
    refs = [(x.patient_id, len(x.provisions)) for x in letters]
    made: list[BatchRow] = []
    pages = paper.render_letters(
        out,
        meta,
        paper.LetterBook(ctx.profile.name, year, issue, use, tuple(letters), paper.contacts_of(ctx.profile)),
        on_page=on_page,
        before_publish=lambda _n: made.append(
            _record(ctx, actor, year, issue, PDF, refs, why, meta.record_no)
        ),
    )
    return MadeBatch(made[0], out.path, pages, meta.record_no)


def _make_csv(
    ctx: AppContext, actor: Actor, year: int, out: files.Output, why: str, reissue: bool, today: dt.date
) -> MadeBatch:
    """The CSV streamed: each letter written as it is read (only its patient id and provision count
    kept for the batch's rows), in the one safe writer — the file appears only when the batch and
    its access-log entries are committed."""
    from privdesk.notice import paper
    from privdesk.printing import witnessed

    _check_year(year, today)
    with ctx.unit(actor, Permission.NOTICE_MANAGE) as u:
        ensure_trained(u.session, ctx.profile, u.account, today)
        issue = _refuse_rerun(_latest(u.session, year), reissue)
        anyone = u.session.execute(select(Patient.id).where(Patient.status == STATUS_ACTIVE).limit(1)).first()
    if anyone is None:
        raise RuleViolationError("통지할 환자가 없습니다 (등록된 환자가 없습니다).")
    use = use_of(ctx.profile)
    meta = witnessed(ctx, paper.meta_for(ctx.profile.name, actor, year, issue))
    refs: list[tuple[int, int]] = []
    with files.replacing(out) as fh:
        w = files.csv_writer(fh, specimen=ctx.is_demo)
        w.writerow(CSV_HEADER)
        # read-only: nothing is logged while reading; _record logs every patient with the batch
        with ctx.unit(actor, Permission.NOTICE_MANAGE) as u:
            for x in _iter_letters(ctx, u.session, year):
                w.writerow(
                    (
                        meta.record_no,
                        x.chart_no,
                        x.name,
                        x.address,
                        x.phone,
                        use.purpose,
                        use.items,
                        str(len(x.provisions)),
                        " / ".join(p.text() for p in x.provisions) or "없음",
                    )
                )
                refs.append((x.patient_id, len(x.provisions)))
        if not refs:
            raise RuleViolationError("통지할 환자가 없습니다 (등록된 환자가 없습니다).")
        row = _record(ctx, actor, year, issue, CSV, refs, why, meta.record_no)
    return MadeBatch(row, out.path, 0, meta.record_no)


def deliver(
    ctx: AppContext,
    actor: Actor,
    year: int,
    state: str,
    *,
    charts: Iterable[str] = (),
    all_pending: bool = False,
    note: str = "",
    issue: int | None = None,
) -> int:
    """Record letters as sent (발송) or returned (반송): the given chart numbers, or (``all_pending``,
    sent only) every letter of the batch with no delivery yet. The batch is the year's ``issue``
    (제1차, a reissue 제2차 …: a letter of an earlier batch returned after the reissue was made is
    recorded on the batch it belongs to), by default the year's latest. Returns how many."""
    if state not in (SENT, RETURNED):
        raise ValidationError("state", "발송(sent) 또는 반송(returned)을 고르십시오.")
    wanted = sorted({c.strip() for c in charts if c.strip()})
    if all_pending and (wanted or state != SENT):
        raise ValidationError("charts", "전체 발송 기록은 차트번호 없이, 발송에만 쓸 수 있습니다.")
    if not all_pending and not wanted:
        raise ValidationError("charts", "차트번호를 하나 이상 입력하거나, 전체 발송을 고르십시오.")
    note = require(note, "메모") if note.strip() else ""
    if issue is not None and issue < 1:
        raise ValidationError("issue", "통지 차수는 1 이상이어야 합니다 (1 = 그 해의 첫 통지, 2부터 재발행).")
    with ctx.unit(actor, Permission.NOTICE_MANAGE) as u:
        b = _latest(u.session, year) if issue is None else _issue(u.session, year, issue)
        if b is None:
            raise NotFoundError("이용·제공 내역 통지", f"{year}년" + (f" 제{issue}차" if issue else ""))
        if all_pending:
            done = select(NoticeDelivery.letter_id)
            letters = list(
                u.session.execute(
                    select(NoticeLetter.id).where(NoticeLetter.batch_id == b.id, NoticeLetter.id.not_in(done))
                ).scalars()
            )
            refs: list[str] = []
        else:
            ids = dict(
                u.session.execute(
                    select(Patient.chart_no, Patient.id).where(Patient.chart_no.in_(wanted))
                ).all()
            )
            missing = [c for c in wanted if c not in ids]
            if missing:
                raise NotFoundError("환자 기록", f"차트번호 {missing[0]}")
            by_patient = dict(
                u.session.execute(
                    select(NoticeLetter.patient_id, NoticeLetter.id).where(
                        NoticeLetter.batch_id == b.id, NoticeLetter.patient_id.in_(list(ids.values()))
                    )
                ).all()
            )
            absent = [c for c in wanted if ids[c] not in by_patient]
            if absent:
                raise NotFoundError(f"{year}년 제{b.issue}차 통지문", f"차트번호 {absent[0]}")
            letters = [by_patient[ids[c]] for c in wanted]
            refs = [patient_ref(ids[c]) for c in wanted]
        now = clock.now()
        u.session.add_all(
            NoticeDelivery(letter_id=i, state=state, at=now, by_login=actor.login, note=note) for i in letters
        )
        label = "발송" if state == SENT else "반송"
        for ref in refs:
            u.log(Action.UPDATE, ref, detail=f"이용·제공 내역 통지 {year}년 제{b.issue}차 {label}")
        u.log(Action.UPDATE, f"{SUBJECT}:{b.id}", detail=f"{label} {len(letters)}건 기록")
        return len(letters)


def batches(ctx: AppContext, actor: Actor) -> list[BatchRow]:
    """Every batch, newest first, with its deliveries (``notice.manage``; counts only)."""
    with ctx.unit(actor, Permission.NOTICE_MANAGE) as u:
        return [
            _batch_row(u.session, b)
            for b in u.session.execute(
                select(NoticeBatch).order_by(NoticeBatch.year.desc(), NoticeBatch.issue.desc())
            ).scalars()
        ]
