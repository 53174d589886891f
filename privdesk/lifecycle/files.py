"""Personal-information files (개인정보파일) and their retention rules (보유기간 규칙) as data.

The rows are seeded from the hospital profile (``ctx.profile.files``) once, where the database is
born (``privdesk init``; an upgrade past revision 0800 for an older database), and are then
the officer's to edit (``retention.manage``); every change is an access-log entry naming the
fields changed. The patient file's rule is 5 years after the last visit (의료법 시행규칙 제15조
환자 명부); :data:`LEGAL_PERIODS` lists the other periods of 제15조 to choose from.

"Purpose achieved" (목적 달성, PIPA 제21조) for a patient is not defined by law: privdesk takes it as
*no visit for ``separate_after_days``* (default :data:`DEFAULT_SEPARATE_AFTER_DAYS`, 3 years) —
**UNCONFIRMED**, editable per file. A record whose purpose is achieved but whose retention has not
ended moves to the separate store (분리보관); once retention ends it is due for destruction (파기).

:func:`stage` is the one rule that names a record's stage; the registry screen and the dashboard
call it with the values they already have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from enum import StrEnum

from sqlalchemy import func, or_, select

from privdesk import clock
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Actor, AppContext, Unit
from privdesk.deadline import overdue_days
from privdesk.errors import DatabaseError, NotFoundError, ValidationError
from privdesk.fields import no_personal_data
from privdesk.lifecycle.models import LegalHold, LifecycleFile
from privdesk.profile import HospitalProfile
from privdesk.registry.api import STATUS_ACTIVE, STATUS_DESTROYED, STATUS_SEPARATED, Patient

PATIENT_FILE = "patient"
DEFAULT_SEPARATE_AFTER_DAYS = 3 * 365
RULES = ("after_last_visit", "after_purpose", "after_recording")
RULE_LABELS = {
    "after_last_visit": "최종 내원일로부터",
    "after_purpose": "목적 달성 시까지",
    "after_recording": "촬영일로부터",
}


@dataclass(frozen=True)
class LegalPeriod:
    """A retention period set by law (법정 보존기간)."""

    code: str
    label: str
    years: int
    basis: str

    @property
    def note(self) -> str:
        """The retention note a file gets when the officer picks this period."""
        return f"최종 내원일로부터 {self.years}년 ({self.basis} {self.label})"


_R15 = "의료법 시행규칙 제15조"
LEGAL_PERIODS: tuple[LegalPeriod, ...] = (
    LegalPeriod("patient_list", "환자 명부", 5, _R15),
    LegalPeriod("medical_record", "진료기록부", 10, _R15),
    LegalPeriod("prescription", "처방전", 2, _R15),
    LegalPeriod("surgery_record", "수술기록", 10, _R15),
    LegalPeriod("test_record", "검사내용 및 검사소견기록", 5, _R15),
    LegalPeriod("radiology", "방사선 사진(영상물 포함) 및 소견서", 5, _R15),
    LegalPeriod("nursing_record", "간호기록부", 5, _R15),
    LegalPeriod("midwifery_record", "조산기록부", 5, _R15),
    LegalPeriod("certificate_copy", "진단서 등의 부본", 3, _R15),
)


class Stage(StrEnum):
    """Where a record is in its legal life."""

    ACTIVE = "active"  # 이용 중
    SEPARATED = "separated"  # 분리보관
    DUE = "due"  # 파기 대상
    HELD = "held"  # 보존(파기 제외)
    DESTROYED = "destroyed"  # 파기됨


STAGE_LABELS: dict[str, str] = {
    Stage.ACTIVE: "이용 중",
    Stage.SEPARATED: "분리보관",
    Stage.DUE: "파기 대상",
    Stage.HELD: "보존(파기 제외)",
    Stage.DESTROYED: "파기됨",
}


def stage(status: str, retention_until: dt.date, today: dt.date, *, held: bool = False) -> Stage:
    """The stage of one record: destroyed, else held (a processing or legal hold) if its
    retention has ended, else due for destruction once ``retention_until`` has passed, else
    separated or active as stored."""
    if status == STATUS_DESTROYED:
        return Stage.DESTROYED
    if retention_until < today:
        return Stage.HELD if held else Stage.DUE
    return Stage.SEPARATED if status == STATUS_SEPARATED else Stage.ACTIVE


@dataclass(frozen=True)
class FileRule:
    """A file and its rule as the settings screen shows it."""

    id: int
    code: str
    name: str
    items: str
    purpose: str
    legal_basis: str
    retention_rule: str
    retention_years: int | None
    retention_days: int | None
    retention_note: str
    separate_after_days: int | None
    updated_at: dt.datetime
    updated_by: str
    version: int
    updated_by_label: str = ""  # 이름(ID) of who changed the rule last (list_files, update_rule)

    @property
    def retention_text(self) -> str:
        if self.retention_rule == "after_last_visit" and self.retention_years:
            return f"최종 내원일로부터 {self.retention_years}년"
        if self.retention_rule == "after_recording" and self.retention_days:
            return f"촬영일로부터 {self.retention_days}일"
        return self.retention_note or RULE_LABELS.get(self.retention_rule, self.retention_rule)


@dataclass(frozen=True)
class RuleChange:
    """What the officer may change; ``None`` leaves a field as it is."""

    retention_rule: str | None = None
    retention_years: int | None = None
    retention_days: int | None = None
    retention_note: str | None = None
    separate_after_days: int | None = None
    legal_period: str | None = None  # a code of LEGAL_PERIODS: sets the years and the note


def _rule(f: LifecycleFile, who: People | None = None) -> FileRule:
    return FileRule(
        f.id,
        f.code,
        f.name,
        f.items,
        f.purpose,
        f.legal_basis,
        f.retention_rule,
        f.retention_years,
        f.retention_days,
        f.retention_note,
        f.separate_after_days,
        f.updated_at,
        f.updated_by,
        f.version,
        who.label(f.updated_by) if who is not None else "",
    )


def ensure_files(u: Unit, profile: HospitalProfile) -> None:
    """Seed the files from the profile (idempotent: only the codes not there yet; the officer's rules
    are never overwritten). Called where the data is born — :func:`privdesk.bootstrap.initialize`
    and, for a database made before revision 0800, the step after the upgrade
    (:data:`privdesk.opening.ANCHORED_BY_REVISION`) — never by a use case that reads."""
    known = set(u.session.execute(select(LifecycleFile.code)).scalars())
    now = clock.now()
    for pf in profile.files:
        if pf.code in known:
            continue
        u.session.add(
            LifecycleFile(
                code=pf.code,
                name=pf.name,
                items=", ".join(pf.items),
                purpose=pf.purpose,
                legal_basis=pf.legal_basis,
                retention_rule=pf.retention_rule,
                retention_years=pf.retention_years,
                retention_days=pf.retention_days,
                retention_note=pf.retention_note,
                separate_after_days=DEFAULT_SEPARATE_AFTER_DAYS
                if pf.retention_rule == "after_last_visit"
                else None,
                updated_at=now,
                updated_by=u.actor_login,
            )
        )
    u.session.flush()


NOT_SEEDED = (
    "이 데이터베이스에는 개인정보파일(보유기간 규칙)이 등록되어 있지 않습니다. 초기 설정과 업그레이드 때 "
    "병원 프로필에서 등록되는데 빠져 있습니다. 개인정보 보호책임자에게 알리십시오."
)


def require_files(u: Unit) -> None:
    """Refuse, with a clear Korean error, a database whose files were never seeded (impossible after
    ``privdesk init`` or an upgrade): read use cases read, they do not seed."""
    if u.session.execute(select(LifecycleFile.id).limit(1)).first() is None:
        raise DatabaseError("files_not_seeded", NOT_SEEDED)


def load_file(u: Unit, code: str) -> LifecycleFile:
    f = u.session.execute(select(LifecycleFile).where(LifecycleFile.code == code)).scalar_one_or_none()
    if f is None:
        raise NotFoundError("개인정보파일", code)
    return f


def file_rule(u: Unit, code: str) -> FileRule:
    """The rule of one file inside a caller's unit."""
    require_files(u)
    return _rule(load_file(u, code))


def list_files(ctx: AppContext, actor: Actor) -> list[FileRule]:
    """The files with their rules (the 보유기간 규칙 screen): for the officer who edits them
    (``retention.manage``) and, read-only, for whoever drafts destruction plans (``destruction.plan``)."""
    permission = (
        Permission.RETENTION_MANAGE if actor.may(Permission.RETENTION_MANAGE) else Permission.DESTRUCTION_PLAN
    )
    with ctx.unit(actor, permission, read_only=True) as u:
        require_files(u)
        rows = list(u.session.execute(select(LifecycleFile).order_by(LifecycleFile.id)).scalars())
        who = people(u.session, [f.updated_by for f in rows])
        return [_rule(f, who) for f in rows]


def _validated(change: RuleChange) -> dict[str, object]:
    out: dict[str, object] = {}
    if change.legal_period is not None:
        period = next((p for p in LEGAL_PERIODS if p.code == change.legal_period), None)
        if period is None:
            raise ValidationError("legal_period", "법정 보존기간 목록에 있는 항목을 고르십시오.")
        out["retention_years"] = period.years
        out["retention_note"] = period.note
    for f in fields(change):
        value = getattr(change, f.name)
        if value is None or f.name == "legal_period":
            continue
        if f.name == "retention_rule" and value not in RULES:
            raise ValidationError(
                "retention_rule", "보유기간 기준은 최종 내원일·목적 달성·촬영일 중에서 고르십시오."
            )
        if f.name in ("retention_years", "retention_days", "separate_after_days") and not (
            isinstance(value, int) and 0 < value <= 36500
        ):
            raise ValidationError(f.name, "기간은 1 이상의 정수로 입력하십시오.")
        if f.name == "retention_note" and len(str(value)) > 500:
            raise ValidationError(f.name, "보유기간 설명은 500자 이내로 입력하십시오.")
        if f.name == "retention_note":
            no_personal_data(f.name, str(value), "보유기간 설명")
        out[f.name] = value
    return out


def update_rule(
    ctx: AppContext, actor: Actor, code: str, change: RuleChange, *, expected_version: int, reason: str
) -> FileRule:
    """Change a file's retention rule (보유기간 규칙 변경) with its reason (사유, required); logged
    with the fields changed and the reason. A changed period applies to retention dates computed
    from then on (registry saves)."""
    why = require(reason)
    values = _validated(change)
    with ctx.unit(actor, Permission.RETENTION_MANAGE) as u:
        require_files(u)
        f = load_file(u, code)
        if f.version != expected_version:
            from privdesk.errors import VersionConflictError

            raise VersionConflictError(
                "lifecycle_files", f"lifecycle_file:{f.id}", expected_version, f.version
            )
        changed = sorted(k for k, v in values.items() if getattr(f, k) != v)
        if not changed:
            return _rule(f, people(u.session, [f.updated_by]))
        if f.code == PATIENT_FILE and values.get("retention_rule", f.retention_rule) != "after_last_visit":
            raise ValidationError("retention_rule", "환자 명부는 최종 내원일 기준으로만 보관할 수 있습니다.")
        for k in changed:
            setattr(f, k, values[k])
        f.updated_at, f.updated_by = clock.now(), u.actor_login
        u.session.flush()
        u.log(
            Action.UPDATE,
            f"lifecycle_file:{f.id}",
            detail=with_reason(
                "; ".join(f"{k}={values[k]}" for k in changed if k != "retention_note")
                + ("; retention_note" if "retention_note" in changed else ""),
                why,
            ),
        )
        return _rule(f, people(u.session, [f.updated_by]))


# -- the dashboard ------------------------------------------------------------------------------
@dataclass(frozen=True)
class HeldRecord:
    subject: str
    chart_no: str
    kind: str  # 처리정지 / 법적 보존
    reason: str
    retention_until: dt.date


@dataclass(frozen=True)
class Dashboard:
    """보유기간 현황: counts per stage of the patient file, what is due this month, what is held."""

    today: dt.date
    file_name: str
    rule: str
    counts: dict[str, int]
    due_this_month: int
    to_separate: int
    held: tuple[HeldRecord, ...]
    deadline_days: int = 0  # 파기 기한: the profile's ``destruction_days``
    overdue: int = 0  # due (not held) records past that deadline
    overdue_max_days: int = 0  # the longest overdue, in days past the deadline


@dataclass(frozen=True)
class OverdueDestruction:
    """파기 기한 경과: records due for destruction (not held) whose deadline has passed."""

    deadline_days: int
    overdue: int
    max_days: int
    due: int  # all due, not held (overdue included)


def _month_end(today: dt.date) -> dt.date:
    nxt = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def legal_hold_ids(u: Unit) -> dict[int, str]:
    """``patient id -> reason`` of the open legal holds."""
    rows = u.session.execute(
        select(LegalHold.subject, LegalHold.reason).where(LegalHold.released_at.is_(None))
    )
    out: dict[int, str] = {}
    for subj, reason in rows:
        if subj.startswith("patient:") and subj[8:].isdigit():
            out[int(subj[8:])] = reason
    return out


def _overdue(u: Unit, today: dt.date, deadline_days: int, legal: dict[int, str]) -> OverdueDestruction:
    """Due records (retention ended, alive, no processing or legal hold) and how many of them are
    past the destruction deadline (:mod:`privdesk.deadline`)."""
    live = Patient.status.in_((STATUS_ACTIVE, STATUS_SEPARATED))
    rows = u.session.execute(
        select(Patient.id, Patient.retention_until).where(
            live, Patient.retention_until < today, Patient.hold.is_(False)
        )
    ).all()
    due = [until for pid, until in rows if int(pid) not in legal]
    late = [overdue_days(until, today, deadline_days) for until in due]
    late = [d for d in late if d > 0]
    return OverdueDestruction(deadline_days, len(late), max(late, default=0), len(due))


def overdue_destruction(ctx: AppContext, actor: Actor, *, today: dt.date | None = None) -> OverdueDestruction:
    """How many records are past the destruction deadline (파기 기한 경과), for the start page."""
    today = today or clock.today_kst()
    deadline_days = ctx.profile.destruction_days
    # counts only (no record is shown): not an access-log entry, or every start page would write one
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN, read_only=True) as u:
        return _overdue(u, today, deadline_days, legal_hold_ids(u))


def dashboard(
    ctx: AppContext, actor: Actor, *, today: dt.date | None = None, held_limit: int = 500
) -> Dashboard:
    """The retention dashboard of the patient file (the officer's 보유기간 현황)."""
    today = today or clock.today_kst()
    profile = ctx.profile
    deadline_days = profile.destruction_days
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        rule = file_rule(u, PATIENT_FILE)
        legal = legal_hold_ids(u)
        s = u.session
        counts = {str(st): 0 for st in Stage}
        live = Patient.status.in_((STATUS_ACTIVE, STATUS_SEPARATED))
        for status, n in s.execute(
            select(Patient.status, func.count())
            .where(or_(Patient.retention_until >= today, Patient.status == STATUS_DESTROYED))
            .group_by(Patient.status)
        ):
            counts[str(stage(status, today, today))] += int(n)
        due_rows = s.execute(
            select(
                Patient.id, Patient.chart_no, Patient.hold, Patient.hold_reason, Patient.retention_until
            ).where(live, Patient.retention_until < today)
        ).all()
        held: list[HeldRecord] = []
        for pid, chart, hold, hold_reason, until in due_rows:
            if hold or pid in legal:
                counts[Stage.HELD] += 1
                if len(held) < held_limit:
                    kind, why = ("처리정지", hold_reason or "") if hold else ("법적 보존", legal[pid])
                    held.append(HeldRecord(f"patient:{pid}", chart, kind, why, until))
            else:
                counts[Stage.DUE] += 1
        month = int(
            s.execute(
                select(func.count())
                .select_from(Patient)
                .where(live, Patient.retention_until >= today, Patient.retention_until <= _month_end(today))
            ).scalar_one()
        )
        cutoff = today - dt.timedelta(days=rule.separate_after_days or DEFAULT_SEPARATE_AFTER_DAYS)
        to_sep = int(
            s.execute(
                select(func.count())
                .select_from(Patient)
                .where(
                    Patient.status == STATUS_ACTIVE,
                    Patient.last_visit < cutoff,
                    Patient.retention_until >= today,
                )
            ).scalar_one()
        )
        late = _overdue(u, today, deadline_days, legal)
        u.log(Action.VIEW, "lifecycle:dashboard", detail=f"file={PATIENT_FILE}")
        return Dashboard(
            today,
            rule.name,
            rule.retention_text,
            counts,
            month,
            to_sep,
            tuple(held),
            deadline_days,
            late.overdue,
            late.max_days,
        )


def periods() -> Sequence[LegalPeriod]:
    return LEGAL_PERIODS


def matching_period(rule: FileRule) -> LegalPeriod | None:
    """The legal period a file's rule was set from (its note and years match), if any."""
    if rule.retention_rule != "after_last_visit":
        return None
    return next(
        (p for p in LEGAL_PERIODS if p.years == rule.retention_years and p.note == rule.retention_note), None
    )
