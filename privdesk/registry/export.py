"""Export of selected patients to CSV (환자 명부 내보내기).

Needs ``patient.export`` and a stated reason (logged with every exported patient). Values are
masked unless ``unmasked=True``, which also needs ``patient.unmask``. Records under a
processing hold (처리정지) are refused, naming the chart number. The file goes through the one safe
writer (:mod:`privdesk.files`: owner-only, never over privdesk's own files or an existing file
without ``force``), UTF-8 with BOM (Korean Excel opens it directly), every cell spreadsheet-safe
(:func:`privdesk.files.csv_cell`); it appears only when the export and its entries are committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from sqlalchemy import select

from privdesk import files
from privdesk.accounts.permissions import Permission, label
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Actor, AppContext, permissions_of
from privdesk.errors import NotFoundError, PermissionDeniedError, ValidationError
from privdesk.files import Output
from privdesk.registry import records
from privdesk.registry.flags import ensure_consent_use_allowed
from privdesk.registry.models import STATUS_ACTIVE, Patient, patient_ref
from privdesk.registry.patients import ensure_not_held
from privdesk.registry.validation import address_district, mask_phone
from privdesk.training.api import ensure_trained

HEADER: Final = (
    "차트번호",
    "이름",
    "주민등록번호",
    "생년월일",
    "성별",
    "주소",
    "연락처",
    "최초내원일",
    "최종내원일",
)
REASON_MAX: Final = 200
_SEX: Final = {"M": "남", "F": "여"}


def export_reason(reason: str) -> str:
    """The export's reason as it is logged: required, at most :data:`REASON_MAX` characters, no
    personal data (:func:`privdesk.audit.reasons.require`, the one check of every reason)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError("reason", "내보내는 사유를 입력하십시오.")
    return require(reason, "내보내는 사유")


def export_patients(
    ctx: AppContext,
    actor: Actor,
    patient_ids: Sequence[int],
    path: Path | Output,
    *,
    reason: str,
    unmasked: bool = False,
    consent_use: bool = False,
    consent_purpose: str | None = None,
) -> int:
    """Write the selected patients to ``path``; returns the number of rows written.
    ``consent_use`` marks an export for a use that needs the subject's consent (안내·홍보 연락):
    patients who stopped processing or withdrew consent are then refused
    (:func:`privdesk.registry.flags.ensure_consent_use_allowed`), and so is the whole export unless
    every patient has a consent that counts for the purpose (opt-in,
    :func:`privdesk.consent.api.require_consent`, handed in as ``ctx.wiring.require_contact_consent``
    — consent sits above the registry; ``consent_purpose`` a purpose's code, default the
    first that allows contact — 안내·홍보 연락)."""
    reason = export_reason(reason)
    ids = sorted(set(patient_ids))
    if not ids:
        raise ValidationError("patients", "내보낼 환자를 선택하십시오.")
    out = files.guarded(ctx.settings, path)
    with files.replacing(out) as fh, ctx.unit(actor, Permission.PATIENT_EXPORT) as u:
        if unmasked and (
            u.account is None or Permission.PATIENT_UNMASK not in permissions_of(u.session, u.account)
        ):
            raise PermissionDeniedError(str(Permission.PATIENT_UNMASK), label(Permission.PATIENT_UNMASK))
        ensure_trained(u.session, ctx.profile, u.account)  # the optional training gate (교육 미이수)
        patients: list[Patient] = []
        mode_purpose = ""
        for i in range(0, len(ids), 500):
            patients.extend(
                u.session.execute(
                    select(Patient).where(Patient.id.in_(ids[i : i + 500]), Patient.status == STATUS_ACTIVE)
                ).scalars()
            )
        found = {p.id for p in patients}
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError("환자 기록", patient_ref(missing[0]))
        ensure_not_held(u.session, ids)
        if consent_use:
            ensure_consent_use_allowed(u.session, ids)
            code = ctx.wiring.require_contact_consent(u.session, ids, ctx.profile.raw, consent_purpose)
            mode_purpose = f"; purpose={code}"
        patients.sort(key=lambda p: (p.name, p.birth_date, p.id))
        w = files.csv_writer(fh, specimen=ctx.is_demo)
        w.writerow(HEADER)
        for p in patients:
            w.writerow(_row(ctx, p, unmasked))
        mode = ("unmasked" if unmasked else "masked") + (
            f"; consent-use{mode_purpose}" if consent_use else ""
        )
        for p in patients:
            u.log(Action.EXPORT, p.ref, detail=with_reason(mode, reason))
    return len(patients)


def patients_to_export(
    ctx: AppContext, actor: Actor, *, query: str = "", charts: Sequence[str] = ()
) -> list[int]:
    """The patients an export names (``privdesk patient export``): the given chart numbers exactly
    (a missing one is an error), or everyone the registry search finds for ``query`` (everyone for
    an empty query). Logged as searches, like the screen's."""
    from privdesk.registry.search import MAX_LIMIT, search

    if charts:
        wanted = sorted({c.strip() for c in charts if c.strip()})
        found: dict[str, int] = {}
        with ctx.unit(actor, Permission.PATIENT_READ) as u:
            for i in range(0, len(wanted), 500):
                found.update(
                    (str(c), int(pid))
                    for c, pid in u.session.execute(
                        select(Patient.chart_no, Patient.id).where(
                            Patient.chart_no.in_(wanted[i : i + 500]), Patient.status == STATUS_ACTIVE
                        )
                    )
                )
            u.log(Action.SEARCH, None, search_kind="chart_no", detail=f"results={len(found)}")
        missing = [c for c in wanted if c not in found]
        if missing:
            raise NotFoundError("환자 기록", f"차트번호 {missing[0]}")
        return [found[c] for c in wanted]
    ids: list[int] = []
    page = search(ctx, actor, query, limit=MAX_LIMIT)
    while True:
        ids.extend(r.id for r in page.rows)
        if page.next_cursor is None:
            return ids
        page = search(ctx, actor, query, after=page.next_cursor, limit=MAX_LIMIT)


def _row(ctx: AppContext, p: Patient, unmasked: bool) -> tuple[str, ...]:
    keys = ctx.keys
    address = records.decrypt_address(keys, p.uid, p.address_enc)
    phones = [records.decrypt_phone(keys, p.uid, ph.position, ph.phone_enc) for ph in p.phones]
    if unmasked:
        digits = records.decrypt_rrn(keys, p.uid, p.rrn_enc)
        rrn = f"{digits[:6]}-{digits[6:]}"
    else:
        rrn = records.masked_rrn(p.birth_date, p.sex, p.is_foreigner)
        address = address_district(address)
        phones = [mask_phone(x) for x in phones]
    return (
        p.chart_no,
        p.name,
        rrn,
        p.birth_date.isoformat(),
        _SEX.get(p.sex, p.sex),
        address,
        " / ".join(phones),
        p.first_visit.isoformat(),
        p.last_visit.isoformat(),
    )
