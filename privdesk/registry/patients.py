"""Patient use cases (환자 등록·조회·수정): create, update, view (masked), unmask, intakes, and the
processing hold (처리정지) used by data-subject requests.

Every function takes ``(ctx, actor, ...)``, goes through ``ctx.unit`` with a registry
permission and writes its access-log entries (subject ``patient:<id>``) in the same transaction.
Values leave this module masked (``900101-1******``, ``010-****-5678``, the address to the
district) except from :func:`unmask`, which needs ``patient.unmask`` and a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from privdesk import clock, proofs
from privdesk.accounts.people import label_of, people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Actor, AppContext, Unit
from privdesk.crypto import KeyRing
from privdesk.deadline import overdue_days
from privdesk.errors import (
    NotFoundError,
    RecordIntegrityError,
    RuleViolationError,
    ValidationError,
    VersionConflictError,
)
from privdesk.korean import josa
from privdesk.registry import records
from privdesk.registry.bulk import lock_registrations
from privdesk.registry.hangul import chosung
from privdesk.registry.models import (
    STATUS_ACTIVE,
    STATUS_SEPARATED,
    Intake,
    Patient,
    PatientPhone,
    patient_ref,
)
from privdesk.registry.validation import (
    PatientInput,
    ValidPatient,
    address_district,
    mask_phone,
    require_valid,
)
from privdesk.training.api import ensure_trained

REASON_MAX = 200
FIELD_LABELS: Mapping[str, str] = {
    "chart_no": "차트번호",
    "name": "이름",
    "rrn": "주민등록번호",
    "address": "주소",
    "phones": "연락처",
    "first_visit": "최초 내원일",
    "last_visit": "최종 내원일",
}


class HeldRecordError(RuleViolationError):
    """The record is under a processing hold (처리정지·정정 중): no print, export or disclosure."""

    def __init__(self, chart_no: str) -> None:
        super().__init__(
            f"차트번호 {chart_no} 환자는 처리정지(정정 처리 중) 상태라 출력·내보내기·제공할 수 없습니다."
        )
        self.chart_no = chart_no


@dataclass(frozen=True)
class IntakeRow:
    id: int
    visit_date: dt.date
    department: str
    purpose: str
    staff_login: str
    staff_label: str = ""  # 담당 as people read it: 이름(ID)


@dataclass(frozen=True)
class PatientDetail:
    """A patient as the detail panel shows it: masked. ``version`` goes back with a save."""

    id: int
    chart_no: str
    name: str
    rrn_masked: str
    birth_date: dt.date
    sex: str
    is_foreigner: bool
    address_masked: str
    phones_masked: tuple[str, ...]
    first_visit: dt.date
    last_visit: dt.date
    status: str
    retention_until: dt.date
    hold: bool
    hold_reason: str | None
    version: int
    intakes: tuple[IntakeRow, ...] = ()
    retention_ended: bool = False  # alive past ``retention_until``: due for destruction (파기 대상)
    overdue_days: int = 0  # days past the destruction deadline (파기 기한 경과; get_patient)
    # keyed digests of the encrypted fields as loaded: a later conflict can tell which changed
    digests: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ref(self) -> str:
        return patient_ref(self.id)


@dataclass(frozen=True)
class UnmaskedFields:
    """The full values, for the seconds the screen shows them (``settings.security.unmask_seconds``)."""

    rrn: str
    address: str
    phones: tuple[str, ...]
    seconds: int

    def __repr__(self) -> str:
        return f"UnmaskedFields(rrn={self.rrn[:8]}******, ...)"


# -- helpers shared by the use cases ----------------------------------------------------------
def _load(session: Session, patient_id: int, *, for_update: bool = False) -> Patient:
    stmt = select(Patient).where(Patient.id == patient_id)
    if for_update:
        stmt = stmt.with_for_update()
    p = session.execute(stmt).scalar_one_or_none()
    if p is None or p.status != STATUS_ACTIVE:
        raise NotFoundError("환자 기록", patient_ref(patient_id))
    confirm(proofs.keys_of(session), p)
    return p


def confirm(keys: KeyRing, p: Patient) -> None:
    """The patient's row and phones carry valid proofs (행 무결성 증명), else nothing is shown."""
    if not proofs.holds(keys, p) or not all(proofs.holds(keys, ph) for ph in p.phones):
        raise RecordIntegrityError(f"환자 기록(차트번호 {p.chart_no})")


def _plain(keys: KeyRing, p: Patient) -> dict[str, object]:
    """Decrypted values of one patient (used inside this module only)."""
    return {
        "rrn": records.decrypt_rrn(keys, p.uid, p.rrn_enc),
        "address": records.decrypt_address(keys, p.uid, p.address_enc),
        "phones": tuple(records.decrypt_phone(keys, p.uid, ph.position, ph.phone_enc) for ph in p.phones),
    }


def _digest(keys: KeyRing, name: str, value: object) -> str:
    return keys.blind_index("detail-digest", f"{name}\x1f{value!s}").hex()[:16]


def _masked(p: Patient, plain: Mapping[str, object]) -> dict[str, object]:
    phones = plain["phones"]
    assert isinstance(phones, tuple)
    return {
        "rrn": records.masked_rrn(p.birth_date, p.sex, p.is_foreigner),
        "address": address_district(str(plain["address"])),
        "phones": ", ".join(mask_phone(x) for x in phones),
    }


def _detail(
    keys: KeyRing, session: Session, p: Patient, *, deadline_days: int | None = None
) -> PatientDetail:
    """``deadline_days`` (the profile's ``destruction_days``) adds the days overdue for a record
    whose retention has ended."""
    today = clock.today_kst()
    ended = p.status in (STATUS_ACTIVE, STATUS_SEPARATED) and p.retention_until < today
    late = overdue_days(p.retention_until, today, deadline_days) if ended and deadline_days is not None else 0
    plain = _plain(keys, p)
    phones = plain["phones"]
    assert isinstance(phones, tuple)
    intakes = list(
        session.execute(
            select(Intake)
            .where(Intake.patient_id == p.id)
            .order_by(Intake.visit_date.desc(), Intake.id.desc())
        ).scalars()
    )
    who = people(session, [i.staff_login for i in intakes])
    return PatientDetail(
        id=p.id,
        chart_no=p.chart_no,
        name=p.name,
        rrn_masked=records.masked_rrn(p.birth_date, p.sex, p.is_foreigner),
        birth_date=p.birth_date,
        sex=p.sex,
        is_foreigner=p.is_foreigner,
        address_masked=address_district(str(plain["address"])),
        phones_masked=tuple(mask_phone(x) for x in phones),
        first_visit=p.first_visit,
        last_visit=p.last_visit,
        status=p.status,
        retention_until=p.retention_until,
        hold=p.hold,
        hold_reason=p.hold_reason,
        version=p.version,
        intakes=tuple(
            IntakeRow(i.id, i.visit_date, i.department, i.purpose, i.staff_login, who.label(i.staff_login))
            for i in intakes
        ),
        retention_ended=ended,
        overdue_days=late,
        digests={k: _digest(keys, k, v) for k, v in plain.items()},
    )


def retention_years(ctx: AppContext) -> int:
    """The patient file's retention period in years from the hospital profile (5 if it names none)."""
    years = ctx.profile.file("patient").retention_years
    return years if years is not None else 5


def _refuse_duplicates(session: Session, keys: KeyRing, v: ValidPatient, *, exclude_id: int | None) -> None:
    """The same resident number or chart number twice is refused, naming the existing chart."""
    rrn_bi = records.rrn_index(keys, v.rrn.normalised())
    stmt = select(Patient.id, Patient.chart_no).where(Patient.rrn_bi == rrn_bi)
    for pid, chart in session.execute(stmt):
        if pid != exclude_id:
            raise ValidationError("rrn", f"이미 등록된 주민등록번호입니다 (차트번호 {chart}).")
    for other in session.execute(select(Patient.id).where(Patient.chart_no == v.chart_no)).scalars():
        if other != exclude_id:
            raise ValidationError(
                "chart_no", f"차트번호 {josa(v.chart_no, '은/는')} 이미 다른 환자에게 쓰이고 있습니다."
            )


def _set_phones(keys: KeyRing, session: Session, p: Patient, phones: tuple[str, ...]) -> None:
    session.execute(delete(PatientPhone).where(PatientPhone.patient_id == p.id))
    session.expire(p, ["phones"])
    for row in records.phone_values(keys, p.uid, phones):
        session.add(PatientPhone(patient_id=p.id, **row))
    session.flush()
    session.refresh(p, ["phones"])


def _apply(keys: KeyRing, p: Patient, v: ValidPatient, retention_years: int) -> None:
    digits = v.rrn.normalised()
    p.chart_no, p.name, p.name_chosung = v.chart_no, v.name, chosung(v.name)
    p.rrn_enc = keys.encrypt(digits, records.PATIENTS, "rrn", p.uid)
    p.rrn_bi = records.rrn_index(keys, digits)
    p.birth_date, p.sex, p.is_foreigner = v.rrn.birth_date, v.rrn.sex, v.rrn.is_foreigner
    p.address_enc = keys.encrypt(v.address, records.PATIENTS, "address", p.uid) if v.address else None
    p.first_visit, p.last_visit = v.first_visit, v.last_visit
    p.retention_until = records.retention_until(v.last_visit, retention_years)
    p.updated_at = clock.now()


# -- use cases --------------------------------------------------------------------------------
def create_patient(
    ctx: AppContext, actor: Actor, data: PatientInput, *, accept_check_digit_warning: bool = False
) -> PatientDetail:
    """Register a patient (환자 등록). Field errors raise ``PatientInputError``; a failed check
    digit raises ``CheckDigitWarning`` unless accepted; a known resident or chart number raises
    ``ValidationError`` naming the existing chart number."""
    v = require_valid(data, accept_check_digit_warning=accept_check_digit_warning, today=clock.today_kst())
    years = retention_years(ctx)
    with ctx.unit(actor, Permission.PATIENT_WRITE) as u:
        lock_registrations(u)  # takes turns with imports on PostgreSQL (as SQLite's write lock does)
        _refuse_duplicates(u.session, ctx.keys, v, exclude_id=None)
        uid = records.new_uid()
        values = records.patient_values(ctx.keys, v, uid=uid, retention_years=years, now=clock.now())
        values.pop("version")
        p = Patient(**values)
        u.session.add(p)
        try:
            u.session.flush()
        except IntegrityError:  # another workstation registered the same numbers just now
            raise ValidationError(
                "rrn",
                "방금 다른 사용자가 같은 주민등록번호나 차트번호로 등록했습니다. "
                "다시 조회한 뒤 저장하십시오.",
            ) from None
        for row in records.phone_values(ctx.keys, uid, v.phones):
            u.session.add(PatientPhone(patient_id=p.id, **row))
        u.session.flush()
        u.session.refresh(p, ["phones"])
        u.log(Action.CREATE, p.ref, detail=None if v.check_digit_ok else "check_digit_warning_accepted")
        return _detail(ctx.keys, u.session, p)


def get_patient(ctx: AppContext, actor: Actor, patient_id: int) -> PatientDetail:
    """The masked detail with the intake history (열람: logged as ``view``)."""
    deadline_days = ctx.profile.destruction_days
    with ctx.unit(actor, Permission.PATIENT_READ) as u:
        p = _load(u.session, patient_id)
        u.log(Action.VIEW, p.ref)
        return _detail(ctx.keys, u.session, p, deadline_days=deadline_days)


def update_patient(
    ctx: AppContext,
    actor: Actor,
    patient_id: int,
    data: PatientInput,
    *,
    expected_version: int,
    accept_check_digit_warning: bool = False,
    loaded: PatientDetail | None = None,
) -> PatientDetail:
    """Save an edit (수정). ``expected_version`` is the version the form was loaded with; if somebody
    saved in between, :class:`VersionConflictError` lists ``changed_fields`` as
    ``{field: (value the user loaded, current value)}`` — masked for encrypted fields. Pass the
    ``loaded`` detail the form was filled from; without it the conflict lists the fields where
    the current record differs from what is being saved."""
    v = require_valid(data, accept_check_digit_warning=accept_check_digit_warning, today=clock.today_kst())
    years = retention_years(ctx)
    with ctx.unit(actor, Permission.PATIENT_WRITE) as u:
        return apply_update(
            u, ctx.keys, patient_id, v, expected_version=expected_version, years=years, loaded=loaded
        ).detail


@dataclass(frozen=True)
class PatientEdit:
    """What :func:`apply_update` changed: the new detail and, per changed field, the value before
    (masked) and after (in full, for the caller to keep encrypted — e.g. a correction's record)."""

    detail: PatientDetail
    version_before: int
    changes: dict[str, tuple[str, str]]

    def __repr__(self) -> str:
        return f"PatientEdit(patient={self.detail.id}, fields={sorted(self.changes)})"


def apply_update(
    u: Unit,
    keys: KeyRing,
    patient_id: int,
    v: ValidPatient,
    *,
    expected_version: int,
    years: int,
    loaded: PatientDetail | None = None,
    log_note: str = "",
) -> PatientEdit:
    """The edit of :func:`update_patient` inside the caller's unit (which checked ``patient.write``):
    version check, duplicates, the values, the proofs and the access-log entry (``log_note`` added to
    its detail, e.g. the data-subject request the edit answers)."""
    p = _load(u.session, patient_id, for_update=True)
    plain = _plain(keys, p)
    if p.version != expected_version:
        raise VersionConflictError(
            "patients", p.ref, expected_version, p.version, _conflict_fields(keys, p, plain, v, loaded)
        )
    version_before = p.version
    lock_registrations(u)
    _refuse_duplicates(u.session, keys, v, exclude_id=p.id)
    changed = _changed(p, plain, v)
    if not changed:
        return PatientEdit(_detail(keys, u.session, p), version_before, {})
    cur, new = _current_values(p, plain), _new_values(v)
    changes = {k: (masked_value(k, cur[k]), display_value(k, new[k])) for k in sorted(changed)}
    _apply(keys, p, v, years)
    if "phones" in changed:
        _set_phones(keys, u.session, p, v.phones)
    try:
        u.session.flush()
    except IntegrityError:  # another workstation took the number just now
        raise ValidationError(
            "rrn",
            "방금 다른 사용자가 같은 주민등록번호나 차트번호를 저장했습니다. 다시 조회한 뒤 저장하십시오.",
        ) from None
    detail = "fields=" + ",".join(sorted(changed)) + (f"; {log_note}" if log_note else "")
    u.log(Action.UPDATE, p.ref, detail=detail)
    return PatientEdit(_detail(keys, u.session, p), version_before, changes)


def display_value(field_name: str, value: object) -> str:
    """A field's value as a person reads it (phones joined, dates ISO, the RRN with its hyphen)."""
    if field_name == "phones" and isinstance(value, tuple | list):
        return ", ".join(str(x) for x in value)
    if field_name == "rrn":
        digits = str(value).replace("-", "")
        return f"{digits[:6]}-{digits[6:]}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "")


def masked_value(field_name: str, value: object) -> str:
    """A field's value masked as the registry masks it on screen (이름 홍*동, 900101-1******, the
    address to its district, 010-****-5678)."""
    from privdesk.personal import mask_name

    if field_name == "name":
        return mask_name(str(value))
    if field_name == "rrn":
        digits = str(value).replace("-", "")
        return f"{digits[:6]}-{digits[6:7]}******"
    if field_name == "address":
        return address_district(str(value or "")) if value else ""
    if field_name == "phones":
        phones = (
            value
            if isinstance(value, tuple | list)
            else [x for x in str(value or "").split(",") if x.strip()]
        )
        return ", ".join(mask_phone(str(x).strip()) for x in phones)
    return display_value(field_name, value)


def _new_values(v: ValidPatient) -> dict[str, object]:
    return {
        "chart_no": v.chart_no,
        "name": v.name,
        "rrn": v.rrn.normalised(),
        "address": v.address or "",
        "phones": v.phones,
        "first_visit": v.first_visit,
        "last_visit": v.last_visit,
    }


def _current_values(p: Patient, plain: Mapping[str, object]) -> dict[str, object]:
    return {
        "chart_no": p.chart_no,
        "name": p.name,
        "rrn": plain["rrn"],
        "address": plain["address"],
        "phones": plain["phones"],
        "first_visit": p.first_visit,
        "last_visit": p.last_visit,
    }


def _changed(p: Patient, plain: Mapping[str, object], v: ValidPatient) -> set[str]:
    new, cur = _new_values(v), _current_values(p, plain)
    return {k for k in new if new[k] != cur[k]}


def _conflict_fields(
    keys: KeyRing, p: Patient, plain: Mapping[str, object], v: ValidPatient, loaded: PatientDetail | None
) -> dict[str, tuple[object, object]]:
    masked_now = _masked(p, plain)
    cur = _current_values(p, plain)
    out: dict[str, tuple[object, object]] = {}
    if loaded is not None:
        was: dict[str, object] = {
            "chart_no": loaded.chart_no,
            "name": loaded.name,
            "first_visit": loaded.first_visit,
            "last_visit": loaded.last_visit,
        }
        for k, old in was.items():
            if old != cur[k]:
                out[k] = (old, cur[k])
        shown = {
            "rrn": loaded.rrn_masked,
            "address": loaded.address_masked,
            "phones": ", ".join(loaded.phones_masked),
        }
        for k in ("rrn", "address", "phones"):
            if loaded.digests.get(k) != _digest(keys, k, plain[k]):
                out[k] = (shown[k], _mark(shown[k], masked_now[k]))
        return out
    new = _new_values(v)
    masked_new = {
        "rrn": v.rrn.masked(),
        "address": address_district(v.address),
        "phones": ", ".join(mask_phone(x) for x in v.phones),
    }
    for k in new:
        if new[k] != cur[k]:
            out[k] = (
                (masked_new[k], _mark(masked_new[k], masked_now[k])) if k in masked_new else (new[k], cur[k])
            )
    return out


def _mark(before: object, after: object) -> object:
    """A masked value that looks unchanged although the value behind it changed."""
    return f"{after} (변경됨)" if before == after else after


def unmask(ctx: AppContext, actor: Actor, patient_id: int, reason: str) -> UnmaskedFields:
    """Show the full resident number, address and phones (마스킹 해제): needs ``patient.unmask``
    and a reason, which is logged. The screen masks again after ``unmask_seconds``."""
    reason = _require_reason(reason, "마스킹 해제")
    with ctx.unit(actor, Permission.PATIENT_UNMASK) as u:
        ensure_trained(u.session, ctx.profile, u.account)  # the optional training gate (교육 미이수)
        p = _load(u.session, patient_id)
        plain = _plain(ctx.keys, p)
        u.log(Action.UNMASK, p.ref, detail=with_reason(None, reason))
        digits = str(plain["rrn"])
        phones = plain["phones"]
        assert isinstance(phones, tuple)
        return UnmaskedFields(
            rrn=f"{digits[:6]}-{digits[6:]}",
            address=str(plain["address"]),
            phones=phones,
            seconds=ctx.settings.security.unmask_seconds,
        )


def _require_reason(reason: str, what: str) -> str:
    """The reason checked by the one check of every reason (:func:`privdesk.audit.reasons.require`)."""
    text = " ".join((reason or "").split())
    if not text:
        raise ValidationError("reason", f"{what} 사유를 입력하십시오.")
    return require(text, f"{what} 사유")


def add_intake(
    ctx: AppContext, actor: Actor, patient_id: int, *, visit_date: dt.date, department: str, purpose: str = ""
) -> IntakeRow:
    """Record an intake (진료 접수); moves the last visit and the retention date forward."""
    department = " ".join((department or "").split())
    if not department:
        raise ValidationError("department", "진료과를 입력하십시오.")
    if len(department) > 64 or len(purpose) > 200:
        raise ValidationError("department", "진료과는 64자, 접수 목적은 200자 이내로 입력하십시오.")
    if visit_date > clock.today_kst():
        raise ValidationError("visit_date", "접수일이 오늘 이후입니다. 날짜를 확인하십시오.")
    years = retention_years(ctx)
    with ctx.unit(actor, Permission.PATIENT_WRITE) as u:
        p = _load(u.session, patient_id, for_update=True)
        if visit_date < p.birth_date:
            raise ValidationError("visit_date", "접수일이 생년월일보다 앞섭니다. 날짜를 확인하십시오.")
        entry = Intake(
            patient_id=p.id,
            visit_date=visit_date,
            department=department,
            purpose=purpose.strip(),
            staff_login=actor.login,
            created_at=clock.now(),
        )
        u.session.add(entry)
        if visit_date > p.last_visit:
            p.last_visit = visit_date
            p.retention_until = records.retention_until(visit_date, years)
        if visit_date < p.first_visit:
            p.first_visit = visit_date
        p.updated_at = clock.now()
        u.session.flush()
        u.log(Action.CREATE, p.ref, detail=f"intake:{entry.id}")
        return IntakeRow(
            entry.id,
            entry.visit_date,
            entry.department,
            entry.purpose,
            entry.staff_login,
            label_of(u.session, entry.staff_login),
        )


# -- processing hold (처리정지) -------------------------------------------------------------------
def place_hold(u: Unit, patient_id: int, reason: str) -> Patient:
    """Set the hold inside another use case's unit (e.g. a correction request)."""
    reason = _require_reason(reason, "처리정지")
    p = _load(u.session, patient_id, for_update=True)
    p.hold, p.hold_reason, p.updated_at = True, reason, clock.now()
    u.session.flush()
    u.log(Action.UPDATE, p.ref, detail="hold=on")
    return p


def release_hold(u: Unit, patient_id: int) -> Patient:
    p = _load(u.session, patient_id, for_update=True)
    p.hold, p.hold_reason, p.updated_at = False, None, clock.now()
    u.session.flush()
    u.log(Action.UPDATE, p.ref, detail="hold=off")
    return p


def set_hold(ctx: AppContext, actor: Actor, patient_id: int, reason: str) -> PatientDetail:
    """Place a processing hold (처리정지·정정 중): no print, export or disclosure until cleared."""
    with ctx.unit(actor, Permission.PATIENT_WRITE) as u:
        p = place_hold(u, patient_id, reason)
        return _detail(ctx.keys, u.session, p)


def clear_hold(ctx: AppContext, actor: Actor, patient_id: int) -> PatientDetail:
    with ctx.unit(actor, Permission.PATIENT_WRITE) as u:
        p = release_hold(u, patient_id)
        return _detail(ctx.keys, u.session, p)


def ensure_not_held(session: Session, patient_ids: Iterable[int]) -> None:
    """Refuse printing, export or disclosure of held records: raises :class:`HeldRecordError`
    naming the first held chart number. Call inside the unit that prints or discloses."""
    ids = sorted(set(patient_ids))
    for i in range(0, len(ids), 500):
        row = session.execute(
            select(Patient.chart_no)
            .where(Patient.id.in_(ids[i : i + 500]), Patient.hold.is_(True))
            .order_by(Patient.chart_no)
            .limit(1)
        ).first()
        if row is not None:
            raise HeldRecordError(row[0])
