"""Subjects of disclosures (정보주체): finding a registry patient for the entry form and each
subject's disclosure history (제3자 제공 현황 — the 열람 answer, 시행령 제41조①, and the correction
notices of 법 제36조 / the policy's 정정 통지).

:func:`subject_disclosures` and :func:`chart_history` wrap :func:`privdesk.disclosures.history.subject_history`
with the permission check (``disclosure.write``) and the access-log entry; each row also says whether
the entry corrects another (``corrects_id``) or was itself corrected later (``corrected_by``): a
mistaken entry stays in the ledger (append-only), so a reader needs both to read it right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext, Unit
from privdesk.disclosures.bases import BASES
from privdesk.disclosures.history import subject_history
from privdesk.disclosures.ledger import corrected_by, patient_label
from privdesk.disclosures.models import INTERNAL_USE, PROVISION, Disclosure
from privdesk.errors import NotFoundError
from privdesk.fields import text
from privdesk.registry.api import STATUS_ACTIVE, STATUS_SEPARATED, Patient, SubjectFlag


@dataclass(frozen=True)
class SubjectChoice:
    """A registry patient found by chart number for the entry form (masked)."""

    patient_id: int
    chart_no: str
    label: str  # 홍*동 (차트 12345)
    status: str
    held: bool
    suspended: bool
    consent_withdrawn: bool

    def __repr__(self) -> str:
        return f"SubjectChoice(patient_id={self.patient_id})"


@dataclass(frozen=True)
class SubjectHistoryRow:
    """One disclosure of one subject's data (the subject's 제3자 제공 현황), with its corrections."""

    disclosure_id: int
    disclosed_on: dt.date
    recipient: str
    recipient_purpose: str
    items: str
    legal_basis: str
    basis_detail: str
    form: str
    deidentified: bool
    document_no: str
    corrects_id: int | None
    corrected_by: tuple[int, ...]
    kind: str = PROVISION

    @property
    def kind_label(self) -> str:
        return "목적 외 이용" if self.kind == INTERNAL_USE else "제3자 제공"

    @property
    def basis_label(self) -> str:
        b = BASES.get(self.legal_basis)
        return b.label if b else self.legal_basis

    @property
    def correction_text(self) -> str:
        parts = []
        if self.corrects_id is not None:
            parts.append(f"{self.corrects_id}번 기록을 정정")
        if self.corrected_by:
            parts.append("정정됨 → " + ", ".join(f"{i}번" for i in self.corrected_by))
        return "; ".join(parts)


@dataclass(frozen=True)
class ChartHistory:
    """A patient found by chart number and every disclosure of its data, oldest first."""

    patient_id: int
    chart_no: str
    label: str
    rows: tuple[SubjectHistoryRow, ...]

    def __repr__(self) -> str:
        return f"ChartHistory(patient_id={self.patient_id}, rows={len(self.rows)})"


def _history(u: Unit, subject_ref: str, until: dt.date | None) -> list[SubjectHistoryRow]:
    found = subject_history(
        u.session, subject_ref, until=until, include_corrected=True, kinds=(PROVISION, INTERNAL_USE)
    )
    ids = [h.disclosure_id for h in found]
    fixes = corrected_by(u.session, ids)
    targets: dict[int, int | None] = {}
    for i in range(0, len(ids), 500):
        for did, target in u.session.execute(
            select(Disclosure.id, Disclosure.corrects_id).where(Disclosure.id.in_(ids[i : i + 500]))
        ):
            targets[did] = target
    return [
        SubjectHistoryRow(
            h.disclosure_id,
            h.disclosed_on,
            h.recipient,
            h.recipient_purpose,
            h.items,
            h.legal_basis,
            h.basis_detail,
            h.form,
            h.deidentified,
            h.document_no,
            targets.get(h.disclosure_id),
            tuple(fixes.get(h.disclosure_id, ())),
            h.kind,
        )
        for h in found
    ]


def subject_disclosures(
    ctx: AppContext, actor: Actor, subject_ref: str, *, until: dt.date | None = None
) -> list[SubjectHistoryRow]:
    """Every disclosure of ``subject_ref`` (``patient:<id>``), oldest first (a logged look)."""
    ref = text("subject_ref", subject_ref, "정보주체", limit=64)
    with ctx.unit(actor, Permission.DISCLOSURE_WRITE) as u:
        rows = _history(u, ref, until)
        u.log(Action.VIEW, ref, detail=f"제3자 제공 이력; rows={len(rows)}")
        return rows


def chart_history(ctx: AppContext, actor: Actor, chart_no: str) -> ChartHistory:
    """The per-subject history by chart number (the screen's 정보주체별 제공 이력)."""
    chart = text("chart_no", chart_no, "차트번호", limit=32)
    with ctx.unit(actor, Permission.DISCLOSURE_WRITE) as u:
        p = u.session.execute(select(Patient).where(Patient.chart_no == chart)).scalar_one_or_none()
        if p is None:
            u.log(Action.SEARCH, None, search_kind="chart_no", detail="제3자 제공 이력; found=0")
            raise NotFoundError("환자 기록", f"차트번호 {chart}")
        rows = _history(u, p.ref, None)
        u.log(Action.VIEW, p.ref, detail=f"제3자 제공 이력; rows={len(rows)}")
        return ChartHistory(p.id, p.chart_no, patient_label(p), tuple(rows))


def find_patient(ctx: AppContext, actor: Actor, chart_no: str) -> SubjectChoice:
    """A registry patient by chart number for the entry form: masked name, hold and flags (logged)."""
    chart = text("chart_no", chart_no, "차트번호", limit=32)
    with ctx.unit(actor, Permission.DISCLOSURE_WRITE) as u:
        p = u.session.execute(select(Patient).where(Patient.chart_no == chart)).scalar_one_or_none()
        if p is None or p.status not in (STATUS_ACTIVE, STATUS_SEPARATED):
            u.log(Action.SEARCH, None, search_kind="chart_no", detail="제3자 제공; found=0")
            raise NotFoundError("환자 기록", f"차트번호 {chart}")
        flag = u.session.get(SubjectFlag, p.ref)
        u.log(Action.SEARCH, p.ref, search_kind="chart_no", detail="제3자 제공")
        return SubjectChoice(
            p.id,
            p.chart_no,
            patient_label(p),
            p.status,
            p.hold,
            bool(flag and flag.suspended),
            bool(flag and flag.consent_withdrawn),
        )
