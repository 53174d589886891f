"""처리정지 / 동의철회 in force: consent-based uses of a subject's data are refused.

A completed suspension or withdrawal request flags the subject (:class:`SubjectFlag`). Uses that
need the subject's consent — contacting for notices and promotion (안내·홍보 연락), a disclosure on
the basis of consent — call :func:`ensure_consent_use_allowed` inside their own unit. Uses the law
requires (keeping the 환자 명부, a disclosure under a specific law) are not affected.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from privdesk.errors import RuleViolationError
from privdesk.registry.models import Patient, SubjectFlag


class ConsentUseRefusedError(RuleViolationError):
    """The subject stopped processing or withdrew consent: a consent-based use is refused."""

    def __init__(self, chart_no: str, what: str) -> None:
        super().__init__(
            f"차트번호 {chart_no} 환자는 {what} 상태라 동의가 필요한 이용(안내·홍보 연락 등)을 할 수 없습니다."
        )
        self.chart_no = chart_no


def ensure_consent_use_allowed(session: Session, patient_ids: Iterable[int]) -> None:
    """Raise :class:`ConsentUseRefusedError` naming the first flagged patient's chart number."""
    ids = sorted(set(patient_ids))
    for i in range(0, len(ids), 500):
        row = session.execute(
            select(Patient.chart_no, SubjectFlag.suspended)
            .join(SubjectFlag, SubjectFlag.patient_id == Patient.id)
            .where(
                Patient.id.in_(ids[i : i + 500]),
                or_(SubjectFlag.suspended.is_(True), SubjectFlag.consent_withdrawn.is_(True)),
            )
            .order_by(Patient.chart_no)
            .limit(1)
        ).first()
        if row is not None:
            raise ConsentUseRefusedError(row[0], "처리정지" if row[1] else "동의철회")
