"""The contact list in one step (안내·홍보 연락 명단): every patient whose consent to a purpose counts
today, written to CSV by the patient export.

:func:`export_contacts` (``patient.export``; unmasked also ``patient.unmask``) finds the live
patients whose latest consent record for the purpose is a consent to a text version that still
counts (opt-in, :func:`privdesk.consent.records.valid_latest`), leaves out those under 처리정지 or
동의철회 (:class:`privdesk.registry.models.SubjectFlag`) and those whose processing is on hold while a
correction is open (처리 보류), and hands the rest to the one patient export
(:func:`privdesk.registry.export.export_patients` with ``consent_use``) — its writer, its masking,
its reason, its access-log entry per patient, and its own check of every consent and flag inside
the unit that writes the file. What was left out is counted in the result (never named: the list
is personal data only in the file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.consent.purposes import USE_CONTACT, Purpose, for_use
from privdesk.consent.records import valid_latest
from privdesk.consent.texts import purposes
from privdesk.context import Actor, AppContext
from privdesk.errors import RuleViolationError
from privdesk.files import Output
from privdesk.registry.api import STATUS_ACTIVE, Patient, SubjectFlag, export_patients, export_reason

_CHUNK = 500


@dataclass(frozen=True)
class ContactExport:
    """What :func:`export_contacts` wrote and what it left out (counts only)."""

    purpose: Purpose
    written: int
    stopped: int  # 처리정지·동의철회: left out
    held: int  # 처리 보류 (정정 중): left out
    path: Path


def contact_purposes(ctx: AppContext) -> tuple[Purpose, ...]:
    """The profile's purposes whose consent allows a contact list (``uses`` has ``contact``)."""
    return tuple(p for p in purposes(ctx) if USE_CONTACT in p.uses)


def _split(session: Session, ids: list[int]) -> tuple[list[int], int, int]:
    """(the live patients to export, how many are under 처리정지/동의철회, how many on hold)."""
    keep: list[int] = []
    stopped = held = 0
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        flagged = set(
            session.execute(
                select(SubjectFlag.patient_id).where(
                    SubjectFlag.patient_id.in_(chunk),
                    or_(SubjectFlag.suspended.is_(True), SubjectFlag.consent_withdrawn.is_(True)),
                )
            ).scalars()
        )
        for pid, hold in session.execute(
            select(Patient.id, Patient.hold).where(Patient.id.in_(chunk), Patient.status == STATUS_ACTIVE)
        ):
            if pid in flagged:
                stopped += 1
            elif hold:
                held += 1
            else:
                keep.append(int(pid))
    return sorted(keep), stopped, held


def export_contacts(
    ctx: AppContext,
    actor: Actor,
    purpose: str | None,
    path: Path | Output,
    *,
    reason: str,
    unmasked: bool = False,
) -> ContactExport:
    """Write every patient whose consent to ``purpose`` (a code; None: the first purpose that
    allows contact) counts today to ``path`` (see the module doc). Refused in Korean when nobody
    is left to contact."""
    p = for_use(purposes(ctx), USE_CONTACT, purpose)
    reason = export_reason(reason)  # checked before anything is read
    today = clock.today_kst()
    with ctx.unit(actor, Permission.PATIENT_EXPORT) as u:
        keep, stopped, held = _split(u.session, sorted(valid_latest(u.session, p.code, today)))
        u.log(
            Action.SEARCH,
            "consent:*",
            search_kind="consent",
            detail=f"연락 명단; 목적={p.code}; results={len(keep)}; 처리정지·철회 제외={stopped}; 보류 제외={held}",
        )
    if not keep:
        raise RuleViolationError(
            f"'{p.name}'에 유효하게 동의한 환자가 없어 내보낼 명단이 없습니다"
            + (f" (처리정지·동의철회 {stopped}명, 처리 보류 {held}명 제외)." if stopped or held else ".")
        )
    written = export_patients(
        ctx, actor, keep, path, reason=reason, unmasked=unmasked, consent_use=True, consent_purpose=p.code
    )
    out = path.path if isinstance(path, Output) else path
    return ContactExport(p, written, stopped, held, Path(out))
