"""Legal holds (증거·법적 보존): keep one patient's record out of every destruction plan.

A hold names the patient by ``patient:<id>`` (table ``lifecycle_holds``) with the reason, who placed
it and when; releasing it (보존 해제) needs a reason too. The table has no column for the release
reason: it is written into the access-log entry of the release (``legal_hold=<id> off; reason=…``),
which is append-only and hash-chained, and :func:`list_legal_holds` reads it back from there.

The officer finds the patient by chart number (:func:`place_legal_hold_by_chart`). A separated
patient (분리보관) keeps its chart number on the main row's stub (see
:mod:`privdesk.lifecycle.separation`), so the same lookup finds active and separated records; a
destroyed record's chart number is replaced by ``~<id>`` and is never found.

The list shows the chart number and the masked name (``홍*동``); a separated patient's name lives
only in the separate store, so it is read from there only when the account may read separated
records (``separated.read``), otherwise the row says 분리보관. Every patient shown is logged as a view.

All use cases here need ``retention.manage`` (the privacy officer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.people import people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext, Unit, permissions_of
from privdesk.errors import NotFoundError, PrivdeskError, RuleViolationError, ValidationError
from privdesk.fields import no_personal_data
from privdesk.lifecycle import store as sep
from privdesk.lifecycle.models import LegalHold
from privdesk.personal import mask_name
from privdesk.registry.api import STATUS_ACTIVE, STATUS_DESTROYED, STATUS_SEPARATED, Patient, patient_ref
from privdesk.store.models import AccessLogEntry

MAX_REASON = 500
STATUS_LABELS = {STATUS_ACTIVE: "이용 중", STATUS_SEPARATED: "분리보관", STATUS_DESTROYED: "파기됨"}


class ChartNotFoundError(NotFoundError):
    """No live (active or separated) patient has this chart number. The message does not repeat
    the chart number: it goes to the screen, and the access log never names a patient by it."""

    def __init__(self) -> None:
        PrivdeskError.__init__(
            self,
            "입력한 차트번호의 환자 기록이 없습니다 (파기된 기록에는 보존을 설정할 수 없습니다). "
            "차트번호를 확인하십시오.",
        )
        self.ref = "chart_no"


@dataclass(frozen=True)
class LegalHoldRow:
    """One legal hold as the 법적 보존 tab shows it (chart number and masked name only)."""

    id: int
    subject: str  # patient:<id>
    patient_id: int | None
    chart_no: str  # "" once the record is destroyed
    name_masked: str  # 홍*동; "" when not shown (destroyed, or separated without separated.read)
    patient_status: str  # active / separated / destroyed / "" (unknown subject)
    reason: str
    placed_at: dt.datetime
    placed_by: str
    released_at: dt.datetime | None
    released_by: str | None
    release_reason: str
    placed_by_label: str = ""  # 이름(ID) (:mod:`privdesk.accounts.people`)
    released_by_label: str = ""

    def __repr__(self) -> str:
        return f"LegalHoldRow(id={self.id}, subject={self.subject!r}, active={self.active})"

    @property
    def active(self) -> bool:
        return self.released_at is None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.patient_status, self.patient_status)


def _reason(reason: str, what: str, example: str) -> str:
    text = (reason or "").strip()
    if not text or len(text) > MAX_REASON:
        raise ValidationError("reason", f"{what} 사유를 {MAX_REASON}자 이내로 입력하십시오 (예: {example}).")
    return no_personal_data("reason", text, f"{what} 사유")


def _place(u: Unit, patient: Patient, reason: str) -> int:
    h = LegalHold(
        subject=patient_ref(patient.id), reason=reason, placed_at=clock.now(), placed_by=u.actor_login
    )
    u.session.add(h)
    u.session.flush()
    u.log(Action.UPDATE, patient_ref(patient.id), detail=f"legal_hold={h.id} on")
    return h.id


def place_legal_hold(ctx: AppContext, actor: Actor, patient_id: int, reason: str) -> int:
    """Keep a record from destruction (증거·법적 보존), e.g. a lawsuit or an investigation."""
    reason = _reason(reason, "보존", "소송 증거 보전")
    with ctx.unit(actor, Permission.RETENTION_MANAGE) as u:
        p = u.session.get(Patient, patient_id)
        if p is None or p.status == STATUS_DESTROYED:
            raise NotFoundError("환자 기록", patient_ref(patient_id))
        return _place(u, p, reason)


def place_legal_hold_by_chart(ctx: AppContext, actor: Actor, chart_no: str, reason: str) -> int:
    """The same by chart number (차트번호): finds active and separated records (their stub keeps
    the chart number), never destroyed ones."""
    chart = (chart_no or "").strip()
    if not chart:
        raise ValidationError("chart_no", "보존할 환자의 차트번호를 입력하십시오.")
    reason = _reason(reason, "보존", "소송 증거 보전")
    with ctx.unit(actor, Permission.RETENTION_MANAGE) as u:
        p = u.session.execute(
            select(Patient).where(
                Patient.chart_no == chart, Patient.status.in_((STATUS_ACTIVE, STATUS_SEPARATED))
            )
        ).scalar_one_or_none()
        if p is None:
            raise ChartNotFoundError()
        return _place(u, p, reason)


def release_legal_hold(ctx: AppContext, actor: Actor, hold_id: int, reason: str) -> None:
    """Release a hold (보존 해제) with a reason, written into the access-log entry of the release.
    The record is then due for destruction again if its retention has ended."""
    reason = _reason(reason, "보존 해제", "소송 종결")
    with ctx.unit(actor, Permission.RETENTION_MANAGE) as u:
        h = u.session.execute(
            select(LegalHold).where(LegalHold.id == hold_id).with_for_update()
        ).scalar_one_or_none()
        if h is None:
            raise NotFoundError("법적 보존", str(hold_id))
        if h.released_at is not None:
            raise RuleViolationError(f"법적 보존 {hold_id}번은 이미 해제되었습니다.")
        h.released_at, h.released_by = clock.now(), u.actor_login
        u.log(Action.UPDATE, h.subject, detail=f"legal_hold={h.id} off; reason={reason}")


def _patient_id(subject: str) -> int | None:
    return int(subject[8:]) if subject.startswith("patient:") and subject[8:].isdigit() else None


def _release_reasons(u: Unit, holds: list[LegalHold]) -> dict[int, str]:
    out: dict[int, str] = {}
    for h in holds:
        if h.released_at is None:
            continue
        detail = u.session.execute(
            select(AccessLogEntry.detail)
            .where(
                AccessLogEntry.subject == h.subject,
                AccessLogEntry.action == str(Action.UPDATE),
                AccessLogEntry.detail.startswith(f"legal_hold={h.id} off", autoescape=True),
            )
            .order_by(AccessLogEntry.seq.desc())
            .limit(1)
        ).scalar_one_or_none()
        if detail:
            out[h.id] = detail.partition("; reason=")[2]
    return out


def list_legal_holds(
    ctx: AppContext, actor: Actor, *, include_released: bool = False, limit: int = 1000
) -> list[LegalHoldRow]:
    """Open legal holds (with ``include_released`` the released ones too), newest first, with the
    subject's chart number and masked name; every patient shown is logged as a view."""
    with sep.open_store(ctx) as store, ctx.unit(actor, Permission.RETENTION_MANAGE) as u:
        stmt = select(LegalHold)
        if not include_released:
            stmt = stmt.where(LegalHold.released_at.is_(None))
        holds = list(
            u.session.execute(
                stmt.order_by(LegalHold.placed_at.desc(), LegalHold.id.desc()).limit(max(1, min(limit, 5000)))
            ).scalars()
        )
        ids = sorted({i for i in (_patient_id(h.subject) for h in holds) if i is not None})
        patients: dict[int, tuple[str, str, str]] = {}
        for k in range(0, len(ids), 500):
            part = ids[k : k + 500]
            for pid, chart, name, status in u.session.execute(
                select(Patient.id, Patient.chart_no, Patient.name, Patient.status).where(Patient.id.in_(part))
            ):
                patients[int(pid)] = (chart, name, status)
        separated = [pid for pid, (_c, _n, st) in patients.items() if st == STATUS_SEPARATED]
        separated_names: dict[int, str] = {}
        may_read_separated = u.account is not None and Permission.SEPARATED_READ in permissions_of(
            u.session, u.account
        )
        if separated and may_read_separated:
            with store.read(u) as conn:
                t = store.patients
                for k in range(0, len(separated), 500):
                    separated_names.update(
                        {
                            int(i): str(n)
                            for i, n in conn.execute(
                                select(t.c.id, t.c.name).where(t.c.id.in_(separated[k : k + 500]))
                            )
                        }
                    )
        released = _release_reasons(u, holds)
        who = people(u.session, [x for h in holds for x in (h.placed_by, h.released_by)])
        out: list[LegalHoldRow] = []
        shown: set[int] = set()
        for h in holds:
            subject_id = _patient_id(h.subject)
            chart, name, status = (
                patients.get(subject_id, ("", "", "")) if subject_id is not None else ("", "", "")
            )
            if status == STATUS_DESTROYED:
                chart, name = "", ""
            elif status == STATUS_SEPARATED:
                name = separated_names.get(subject_id, "") if subject_id is not None else ""
            if subject_id is not None and status in (STATUS_ACTIVE, STATUS_SEPARATED):
                shown.add(subject_id)
            out.append(
                LegalHoldRow(
                    h.id,
                    h.subject,
                    subject_id,
                    chart,
                    mask_name(name) if name else "",
                    status,
                    h.reason,
                    h.placed_at,
                    h.placed_by,
                    h.released_at,
                    h.released_by,
                    released.get(h.id, ""),
                    who.label(h.placed_by),
                    who.label(h.released_by),
                )
            )
        for pid in sorted(shown):
            u.log(Action.VIEW, patient_ref(pid), detail="legal_holds")
        u.log(Action.VIEW, "lifecycle_holds:*", detail=f"rows={len(out)}; released={include_released}")
        return out


__all__ = [
    "ChartNotFoundError",
    "LegalHoldRow",
    "list_legal_holds",
    "place_legal_hold",
    "place_legal_hold_by_chart",
    "release_legal_hold",
]
