"""Per-subject disclosure history (제3자 제공 현황 of one subject), for use inside a unit of work.

Used by the 열람 answer (시행령 제41조①: 제3자 제공 현황) and by the correction notices of a completed
correction (every third party that received the record). Only provisions to third parties
(``kind == "provision"``): a use beyond the purpose inside the hospital (목적 외 이용) is in the
ledger but is neither a 제3자 제공 of 시행령 제41조① nor a recipient to notify. The caller's unit has
checked its own permission and logs its own look; this only reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk.disclosures.models import PROVISION, Disclosure, DisclosureSubject


@dataclass(frozen=True)
class SubjectDisclosure:
    """One disclosure that carried this subject's data."""

    disclosure_id: int
    disclosed_on: dt.date
    recipient: str
    recipient_purpose: str
    items: str
    legal_basis: str  # code (privdesk.disclosures.ledger.LEGAL_BASES)
    basis_detail: str
    form: str
    deidentified: bool
    document_no: str
    kind: str = PROVISION


def subject_history(
    session: Session,
    subject_ref: str,
    *,
    until: dt.date | None = None,
    include_corrected: bool = False,
    kinds: tuple[str, ...] = (PROVISION,),
) -> list[SubjectDisclosure]:
    """Every disclosure of ``subject_ref`` (``patient:<id>``), oldest first, as last recorded: an
    entry replaced by a correcting entry (``corrects_id``) is left out for the correction unless
    ``include_corrected`` (the ledger's own history view marks both). ``until`` (inclusive) limits
    it to disclosures made on or before that day. ``kinds`` widens it to uses beyond the purpose
    (the ledger's own per-subject view)."""
    corrected = select(Disclosure.corrects_id).where(Disclosure.corrects_id.is_not(None))
    stmt = (
        select(Disclosure)
        .join(DisclosureSubject, DisclosureSubject.disclosure_id == Disclosure.id)
        .where(DisclosureSubject.subject_ref == subject_ref, Disclosure.kind.in_(kinds))
        .order_by(Disclosure.disclosed_on, Disclosure.id)
    )
    if not include_corrected:
        stmt = stmt.where(Disclosure.id.not_in(corrected))
    if until is not None:
        stmt = stmt.where(Disclosure.disclosed_on <= until)
    out: list[SubjectDisclosure] = []
    seen: set[int] = set()
    for d in session.execute(stmt).scalars():
        if d.id in seen:
            continue
        seen.add(d.id)
        out.append(
            SubjectDisclosure(
                d.id,
                d.disclosed_on,
                d.recipient,
                d.recipient_purpose,
                d.items,
                d.legal_basis,
                d.basis_detail,
                d.form,
                d.deidentified,
                d.document_no,
                d.kind,
            )
        )
    return out
