"""Each patient's consents (동의 기록): given, withdrawn, and the state that follows.

- :func:`record` (``consent.record``, the intake desk): a consent given for one purpose to a
  published version of its text — how (서면: the scanned form's reference; 키오스크; 구두: another
  staff account that witnessed it, never the one recording) and by whom (본인 / 법정대리인, whose
  name is stored masked and whose relation is required).
- :func:`withdraw` (``consent.record``): 동의 철회 — a later record with a reason, never an UPDATE.
  Withdrawing is easier than consenting (법 제37조: no form or witness needed).
- :func:`show` (``consent.read``): one patient's consents, each purpose's current state and its
  history; an access-log entry on the patient like every look at a patient.
- :func:`consenting` (``consent.read``): the patients whose consent to a purpose counts today (a
  contact list's chart numbers), logged as batch entries naming every patient listed.

A consent names the version agreed to (default: the one in force). It must still count, and it
cannot be dated before both the version's effective date and its publication: an old paper form is
entered with its own date under a version whose effective date covers it, and a new version can be
signed in advance, between its publication and its effective date.

**The current state** of a patient and purpose is the latest record (by when it happened, then by
the order it was written). It counts (``valid``) only when it is a consent to a text version that
still counts (:func:`privdesk.consent.texts.counting_ids`); a consent to a version whose purpose
changed since is ``outdated``, a withdrawal ``withdrawn``, no record ``none``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit import batches
from privdesk.audit.chain import Action
from privdesk.consent.models import (
    GIVEN,
    KIOSK,
    PAPER,
    PUBLISHED,
    REPRESENTATIVE,
    REQUEST,
    SELF,
    VERBAL,
    WITHDRAWN,
    ConsentRecord,
    ConsentText,
)
from privdesk.consent.purposes import Purpose, find
from privdesk.consent.texts import counting_ids, in_force, purposes
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.fields import reason as reason_field
from privdesk.fields import text as text_field
from privdesk.korean import josa
from privdesk.personal import mask_name
from privdesk.registry.api import STATUS_ACTIVE, Patient, patient_ref
from privdesk.store.models import Account

METHOD_LABELS = {PAPER: "서면", KIOSK: "키오스크", VERBAL: "구두", REQUEST: "정보주체 요구"}
GIVE_METHODS = (PAPER, KIOSK, VERBAL)
WITHDRAW_METHODS = (PAPER, KIOSK, VERBAL, REQUEST)
SIGNER_LABELS = {SELF: "본인", REPRESENTATIVE: "법정대리인"}
ACTION_LABELS = {GIVEN: "동의", WITHDRAWN: "철회"}

VALID, OUTDATED, NONE = "valid", "outdated", "none"
STATE_LABELS = {VALID: "동의(유효)", OUTDATED: "새 동의 필요", WITHDRAWN: "철회", NONE: "기록 없음"}
FUTURE_SLACK = dt.timedelta(minutes=5)  # workstation clocks differ a little


@dataclass(frozen=True)
class ConsentInput:
    """A consent given (:func:`record`)."""

    patient_id: int
    purpose: str
    method: str
    at: dt.datetime | None = None  # default now
    version: int | None = None  # default the version in force
    form_ref: str = ""  # 서면: the scanned form's reference (문서번호·스캔 파일 번호)
    witness: str = ""  # 구두: the witnessing staff account's login
    signer: str = SELF
    representative: str = ""  # 법정대리인의 이름 (stored masked)
    relation: str = ""  # 법정대리인의 관계
    note: str = ""


@dataclass(frozen=True)
class ConsentRow:
    id: int
    patient_id: int
    purpose: str
    purpose_name: str
    action: str
    version: int | None
    at: dt.datetime
    method: str
    form_ref: str
    witness: str
    signer: str
    representative: str  # masked
    relation: str
    request_id: int | None
    note: str
    recorded_at: dt.datetime
    recorded_by: str

    @property
    def how(self) -> str:
        out = METHOD_LABELS.get(self.method, self.method)
        if self.form_ref:
            out += f" ({self.form_ref})"
        if self.witness:
            out += f" (입회 {self.witness})"
        if self.request_id is not None:
            out += f" (요구 {self.request_id})"
        return out

    @property
    def who(self) -> str:
        if self.signer == REPRESENTATIVE:
            return f"법정대리인 {self.representative} ({self.relation})"
        return SIGNER_LABELS.get(self.signer, self.signer)


@dataclass(frozen=True)
class PurposeState:
    purpose: str
    purpose_name: str
    state: str  # valid / outdated / withdrawn / none
    latest: ConsentRow | None

    @property
    def label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def valid(self) -> bool:
        return self.state == VALID


@dataclass(frozen=True)
class PatientConsents:
    patient_id: int
    chart_no: str
    states: tuple[PurposeState, ...]
    history: tuple[ConsentRow, ...]  # newest first


@dataclass(frozen=True)
class ConsentingPatient:
    patient_id: int
    chart_no: str
    name: str
    version: int | None
    at: dt.datetime


# -- reading ------------------------------------------------------------------------------------
def _versions(session: Session, text_ids: Iterable[int | None]) -> dict[int, int | None]:
    ids = sorted({i for i in text_ids if i is not None})
    if not ids:
        return {}
    rows = session.execute(select(ConsentText.id, ConsentText.version).where(ConsentText.id.in_(ids)))
    return {int(i): v for i, v in rows}


def _row(r: ConsentRecord, names: dict[str, str], versions: dict[int, int | None]) -> ConsentRow:
    return ConsentRow(
        r.id,
        r.patient_id,
        r.purpose,
        names.get(r.purpose, r.purpose),
        r.action,
        versions.get(r.text_id) if r.text_id is not None else None,
        r.at,
        r.method,
        r.form_ref,
        r.witness,
        r.signer,
        r.representative,
        r.relation,
        r.request_id,
        r.note,
        r.recorded_at,
        r.recorded_by,
    )


def latest_records(
    session: Session, patient_ids: Sequence[int], purpose: str | None = None
) -> dict[tuple[int, str], ConsentRecord]:
    """The latest record per (patient, purpose)."""
    out: dict[tuple[int, str], ConsentRecord] = {}
    ids = sorted(set(patient_ids))
    for i in range(0, len(ids), 500):
        stmt = select(ConsentRecord).where(ConsentRecord.patient_id.in_(ids[i : i + 500]))
        if purpose is not None:
            stmt = stmt.where(ConsentRecord.purpose == purpose)
        for r in session.execute(stmt.order_by(ConsentRecord.at, ConsentRecord.id)).scalars():
            out[(r.patient_id, r.purpose)] = r
    return out


def state_of(record: ConsentRecord | None, counting: set[int]) -> str:
    if record is None:
        return NONE
    if record.action == WITHDRAWN:
        return WITHDRAWN
    return VALID if record.text_id in counting else OUTDATED


def without_consent(session: Session, patient_ids: Sequence[int], purpose: str, today: dt.date) -> list[int]:
    """The patients (of ``patient_ids``) whose consent to ``purpose`` does not count today."""
    counting = counting_ids(session, purpose, today)
    latest = latest_records(session, patient_ids, purpose)
    return [
        pid for pid in sorted(set(patient_ids)) if state_of(latest.get((pid, purpose)), counting) != VALID
    ]


def valid_latest(session: Session, purpose: str, today: dt.date) -> dict[int, ConsentRecord]:
    """Patient id → the latest record, for every patient whose consent to ``purpose`` counts today
    (any status: callers keep the live patients)."""
    counting = counting_ids(session, purpose, today)
    latest: dict[int, ConsentRecord] = {}
    for r in session.execute(
        select(ConsentRecord)
        .where(ConsentRecord.purpose == purpose)
        .order_by(ConsentRecord.at, ConsentRecord.id)
    ).scalars():
        latest[r.patient_id] = r
    return {pid: r for pid, r in latest.items() if state_of(r, counting) == VALID}


def outdated_count(session: Session, purpose: str, today: dt.date) -> int:
    """How many live patients' latest record for ``purpose`` is a consent to a version that no
    longer counts (a version published with fresh consent took effect since): count only, nothing
    read about the patients but their status. Nothing is queried unless such a version exists; then
    the candidates are sought through ``ix_consent_records_purpose_text`` (purpose, action, text_id)
    and the newest-record test walks ``ix_consent_records_patient_purpose`` per candidate."""
    counting = counting_ids(session, purpose, today)
    stale = [
        i
        for i in session.execute(
            select(ConsentText.id).where(ConsentText.purpose == purpose, ConsentText.state == PUBLISHED)
        ).scalars()
        if i not in counting
    ]
    if not stale:
        return 0
    later = aliased(ConsentRecord)
    newer = (
        select(later.id)
        .where(
            later.patient_id == ConsentRecord.patient_id,
            later.purpose == ConsentRecord.purpose,
            or_(later.at > ConsentRecord.at, and_(later.at == ConsentRecord.at, later.id > ConsentRecord.id)),
        )
        .exists()
    )
    stmt = (
        select(func.count())  # one newest record per patient and purpose
        .select_from(ConsentRecord)
        .join(Patient, Patient.id == ConsentRecord.patient_id)
        .where(
            ConsentRecord.purpose == purpose,
            ConsentRecord.action == GIVEN,
            ConsentRecord.text_id.in_(stale),
            Patient.status == STATUS_ACTIVE,
            ~newer,
        )
    )
    return int(session.execute(stmt).scalar_one())


# -- checks -------------------------------------------------------------------------------------
def _patient(session: Session, patient_id: int) -> Patient:
    p = session.get(Patient, patient_id)
    if p is None or p.status != STATUS_ACTIVE:
        raise NotFoundError("환자 기록", patient_ref(patient_id))
    return p


def _when(at: dt.datetime | None) -> dt.datetime:
    now = clock.now()
    if at is None:
        return now
    at = clock.aware(at, "at")
    if at > now + FUTURE_SLACK:
        raise ValidationError("at", "동의·철회 일시가 미래입니다. 실제로 받은 날짜와 시각을 입력하십시오.")
    return at


def _witness(session: Session, login: str, recorder: str) -> str:
    login = text_field("witness", login, "입회한 직원의 아이디", limit=64)
    if login == recorder:
        raise ValidationError("witness", "구두 동의의 입회자는 기록하는 본인이 아닌 다른 직원이어야 합니다.")
    account = session.execute(select(Account).where(Account.login == login)).scalar_one_or_none()
    if account is None or not account.active:
        raise ValidationError(
            "witness",
            f"입회한 직원의 계정 {josa(repr(login), '이/가')} 없습니다. 직원의 아이디를 입력하십시오.",
        )
    return login


def _signer(signer: str, representative: str, relation: str) -> tuple[str, str, str]:
    if signer not in SIGNER_LABELS:
        raise ValidationError(
            "signer", "동의한 사람은 본인(self) 또는 법정대리인(representative)이어야 합니다."
        )
    if signer == SELF:
        if representative.strip() or relation.strip():
            raise ValidationError("representative", "본인이 동의했으면 법정대리인을 적지 마십시오.")
        return SELF, "", ""
    name = text_field("representative", representative, "법정대리인의 이름", limit=50)
    rel = reason_field("relation", relation, "법정대리인과의 관계 (예: 부, 모, 후견인)", limit=50)
    return REPRESENTATIVE, mask_name(name), rel


def _text_for(session: Session, p: Purpose, version: int | None, at: dt.datetime) -> ConsentText:
    today = clock.today_kst()
    if version is None:
        row = in_force(session, p.code, today)
        if row is None:
            raise RuleViolationError(
                f"'{p.name}' 동의서 문안이 게시되지 않았습니다. 개인정보 보호 담당이 문안을 게시한 뒤 기록하십시오."
            )
    else:
        row = session.execute(
            select(ConsentText).where(
                ConsentText.purpose == p.code, ConsentText.version == version, ConsentText.state == PUBLISHED
            )
        ).scalar_one_or_none()
        if row is None:
            raise ValidationError("version", f"'{p.name}' 동의서 문안 제{version}판이 없습니다.")
    if row.id not in counting_ids(session, p.code, today):
        raise RuleViolationError(
            f"'{p.name}' 동의서 문안 제{row.version}판은 그 뒤 동의 목적이 바뀌어 더는 유효하지 않습니다. "
            "현재 판으로 새 동의를 받으십시오."
        )
    # a text can be agreed to from its effective date (an older paper form entered later) or from its
    # publication (the new text signed in advance, before it takes effect) — not before both
    day = clock.to_kst(at).date()
    published = clock.to_kst(row.published_at).date() if row.published_at is not None else None
    starts = [d for d in (row.effective_date, published) if d is not None]
    if starts and day < min(starts):
        raise ValidationError(
            "at",
            f"동의 일시가 제{row.version}판의 시행일·게시일({min(starts).isoformat()})보다 앞섭니다. "
            "그때 시행 중이던 판을 고르거나 일시를 확인하십시오.",
        )
    return row


@dataclass(frozen=True)
class Checked:
    purpose: Purpose
    method: str
    at: dt.datetime
    form_ref: str
    signer: str
    representative: str
    relation: str
    note: str


def check_input(all_purposes: tuple[Purpose, ...], data: ConsentInput) -> Checked:
    p = find(all_purposes, data.purpose)
    if data.method not in GIVE_METHODS:
        raise ValidationError(
            "method", "동의 방법은 서면(paper), 키오스크(kiosk), 구두(verbal) 중 하나여야 합니다."
        )
    form_ref = reason_field(
        "form_ref", data.form_ref, "스캔한 동의서의 문서번호", required=data.method == PAPER, limit=200
    )
    signer, rep, rel = _signer(data.signer, data.representative, data.relation)
    note = reason_field("note", data.note, "비고", required=False, limit=500)
    return Checked(p, data.method, _when(data.at), form_ref, signer, rep, rel, note)


def add_given(u: Unit, c: Checked, patient_id: int, version: int | None, witness: str) -> ConsentRecord:
    """Append one consent given, checked (inside the caller's unit: the import writes many)."""
    s = u.session
    _patient(s, patient_id)
    text_row = _text_for(s, c.purpose, version, c.at)
    who = _witness(s, witness, u.actor_login) if c.method == VERBAL else ""
    row = ConsentRecord(
        patient_id=patient_id,
        purpose=c.purpose.code,
        action=GIVEN,
        text_id=text_row.id,
        at=c.at,
        method=c.method,
        form_ref=c.form_ref,
        witness=who,
        signer=c.signer,
        representative=c.representative,
        relation=c.relation,
        request_id=None,
        note=c.note,
        recorded_at=clock.now(),
        recorded_by=u.actor_login,
    )
    s.add(row)
    s.flush()
    return row


# -- use cases ----------------------------------------------------------------------------------
def record(ctx: AppContext, actor: Actor, data: ConsentInput) -> ConsentRow:
    """Record a consent given (see the module doc)."""
    all_purposes = purposes(ctx)
    checked = check_input(all_purposes, data)
    if data.method != VERBAL and data.witness.strip():
        raise ValidationError("witness", "입회자는 구두 동의에만 적습니다.")
    with ctx.unit(actor, Permission.CONSENT_RECORD) as u:
        row = add_given(u, checked, data.patient_id, data.version, data.witness)
        names = {p.code: p.name for p in all_purposes}
        out = _row(row, names, _versions(u.session, [row.text_id]))
        u.log(
            Action.CREATE,
            patient_ref(data.patient_id),
            detail=f"동의 기록 {row.ref}; 목적={row.purpose}; 판={out.version}; 방법={row.method}; "
            f"동의자={row.signer}",
        )
        return out


def append_withdrawal(
    u: Unit,
    patient_id: int,
    purpose: str,
    *,
    method: str,
    at: dt.datetime,
    note: str,
    signer: str = SELF,
    representative: str = "",
    relation: str = "",
    form_ref: str = "",
    request_id: int | None = None,
) -> ConsentRecord:
    row = ConsentRecord(
        patient_id=patient_id,
        purpose=purpose,
        action=WITHDRAWN,
        text_id=None,
        at=at,
        method=method,
        form_ref=form_ref,
        witness="",
        signer=signer,
        representative=representative,
        relation=relation,
        request_id=request_id,
        note=note,
        recorded_at=clock.now(),
        recorded_by=u.actor_login,
    )
    u.session.add(row)
    u.session.flush()
    u.log(
        Action.CREATE,
        patient_ref(patient_id),
        detail=f"동의 철회 {row.ref}; 목적={purpose}; 방법={method}"
        + (f"; 요구={request_id}" if request_id is not None else ""),
    )
    return row


def withdraw(
    ctx: AppContext,
    actor: Actor,
    patient_id: int,
    purpose: str,
    *,
    reason: str,
    method: str = VERBAL,
    at: dt.datetime | None = None,
    form_ref: str = "",
    signer: str = SELF,
    representative: str = "",
    relation: str = "",
) -> ConsentRow:
    """동의 철회: a withdrawal record after the patient's consent to ``purpose``."""
    all_purposes = purposes(ctx)
    p = find(all_purposes, purpose)
    note = reason_field("reason", reason, "철회 사유", limit=500)
    if method not in (PAPER, KIOSK, VERBAL):
        raise ValidationError(
            "method", "철회 방법은 서면(paper), 키오스크(kiosk), 구두(verbal) 중 하나여야 합니다."
        )
    ref = reason_field("form_ref", form_ref, "스캔한 철회서의 문서번호", required=False, limit=200)
    who, rep, rel = _signer(signer, representative, relation)
    when = _when(at)
    with ctx.unit(actor, Permission.CONSENT_RECORD) as u:
        _patient(u.session, patient_id)
        last = latest_records(u.session, [patient_id], p.code).get((patient_id, p.code))
        if last is None or last.action != GIVEN:
            raise RuleViolationError(f"이 환자는 '{p.name}'에 동의한 기록이 없어 철회할 것이 없습니다.")
        if when < last.at:
            raise ValidationError("at", "철회 일시가 동의 일시보다 앞섭니다.")
        row = append_withdrawal(
            u,
            patient_id,
            p.code,
            method=method,
            at=when,
            note=note,
            signer=who,
            representative=rep,
            relation=rel,
            form_ref=ref,
        )
        return _row(row, {x.code: x.name for x in all_purposes}, {})


def show(ctx: AppContext, actor: Actor, patient_id: int) -> PatientConsents:
    """One patient's consents: the current state per purpose and the history, newest first."""
    all_purposes = purposes(ctx)
    names = {p.code: p.name for p in all_purposes}
    today = clock.today_kst()
    with ctx.unit(actor, Permission.CONSENT_READ) as u:
        s = u.session
        p = s.get(Patient, patient_id)
        if p is None:
            raise NotFoundError("환자 기록", patient_ref(patient_id))
        rows = list(
            s.execute(
                select(ConsentRecord)
                .where(ConsentRecord.patient_id == patient_id)
                .order_by(ConsentRecord.at.desc(), ConsentRecord.id.desc())
            ).scalars()
        )
        versions = _versions(s, [r.text_id for r in rows])
        history = tuple(_row(r, names, versions) for r in rows)
        states = []
        for purpose in all_purposes:
            latest = next((r for r in rows if r.purpose == purpose.code), None)
            state = state_of(latest, counting_ids(s, purpose.code, today))
            shown = next((h for h in history if latest is not None and h.id == latest.id), None)
            states.append(PurposeState(purpose.code, purpose.name, state, shown))
        u.log(Action.VIEW, patient_ref(patient_id), detail=f"동의 기록 조회; records={len(rows)}")
        return PatientConsents(patient_id, p.chart_no, tuple(states), history)


def consenting(ctx: AppContext, actor: Actor, purpose: str) -> list[ConsentingPatient]:
    """The live patients whose consent to ``purpose`` counts today, by chart number."""
    p = find(purposes(ctx), purpose)
    today = clock.today_kst()
    with ctx.unit(actor, Permission.CONSENT_READ) as u:
        s = u.session
        latest = valid_latest(s, p.code, today)
        ids = sorted(latest)
        versions = _versions(s, [r.text_id for r in latest.values()])
        out: list[ConsentingPatient] = []
        for i in range(0, len(ids), 500):
            for pat in s.execute(
                select(Patient).where(Patient.id.in_(ids[i : i + 500]), Patient.status == STATUS_ACTIVE)
            ).scalars():
                r = latest[pat.id]
                out.append(
                    ConsentingPatient(pat.id, pat.chart_no, pat.name, versions.get(r.text_id or 0), r.at)
                )
        out.sort(key=lambda c: c.chart_no)
        u.log(Action.SEARCH, "consent:*", search_kind="consent", detail=f"목적={p.code}; results={len(out)}")
        for subject, detail in batches.entries([c.patient_id for c in out], limit=batches.DETAIL_LIMIT - 30):
            u.log(Action.VIEW, subject, detail=f"{detail}; 동의한 환자 목록")
        return out
