"""The consent domain's face to the other domains (runs inside the caller's unit).

- :func:`require_consent` — the registry's consent-use export and the disclosure ledger's entries on
  the basis of consent call it: every patient must have a consent that counts for the purpose, else
  :class:`ConsentMissingError` names the chart numbers without one (nothing is written: the caller's
  unit rolls back).
- :func:`consent_summary` — the 열람 answer's "처리에 동의한 사실 및 내용" (:mod:`privdesk.rights.answers`):
  the patient's consent per purpose in one line.
- :func:`texts_in_force` — the privacy policy (:mod:`privdesk.policy.document`) states the purposes
  processed only with consent, with the version of each text in force.
- :func:`withdraw_all` — a completed 동의철회 request (:mod:`privdesk.rights.decisions`) appends a
  withdrawal record for every purpose the patient had consented to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.consent.models import GIVEN, REQUEST
from privdesk.consent.purposes import (
    USE_CONTACT,
    USE_INTERNAL,
    USE_PROVISION,
    Purpose,
    for_use,
    purposes_from,
)
from privdesk.consent.records import (
    METHOD_LABELS,
    STATE_LABELS,
    append_withdrawal,
    latest_records,
    state_of,
    without_consent,
)
from privdesk.consent.texts import counting_ids, in_force
from privdesk.context import Unit
from privdesk.errors import RuleViolationError
from privdesk.registry.api import Patient

__all__ = [
    "USE_CONTACT",
    "USE_INTERNAL",
    "USE_PROVISION",
    "ConsentMissingError",
    "consent_summary",
    "purpose_for",
    "require_consent",
    "texts_in_force",
    "withdraw_all",
]
SHOWN = 10  # chart numbers named in the error; the rest counted


class ConsentMissingError(RuleViolationError):
    """Patients without a consent that counts for a consent-based use."""

    def __init__(self, purpose: Purpose, charts: Sequence[str]) -> None:
        named = ", ".join(charts[:SHOWN]) + (f" 외 {len(charts) - SHOWN}명" if len(charts) > SHOWN else "")
        super().__init__(
            f"'{purpose.name}'에 대한 유효한 동의 기록이 없는 환자가 있어 거절했습니다 (차트번호 {named}). "
            "동의를 받아 기록하거나 이 환자들을 빼고 다시 하십시오."
        )
        self.charts = tuple(charts)


def purpose_for(profile_raw: Mapping[str, Any], use: str, code: str | None = None) -> Purpose:
    """The consent purpose a use needs (``code`` when the caller names one)."""
    return for_use(purposes_from(profile_raw), use, code)


def require_consent(
    session: Session,
    patient_ids: Sequence[int],
    profile_raw: Mapping[str, Any],
    use: str,
    code: str | None = None,
) -> Purpose:
    """Raise :class:`ConsentMissingError` unless every patient's consent for the use's purpose counts
    today; returns the purpose checked."""
    purpose = purpose_for(profile_raw, use, code)
    missing = without_consent(session, patient_ids, purpose.code, clock.today_kst())
    if missing:
        charts: list[str] = []
        for i in range(0, len(missing), 500):
            charts.extend(
                session.execute(
                    select(Patient.chart_no).where(Patient.id.in_(missing[i : i + 500]))
                ).scalars()
            )
        raise ConsentMissingError(purpose, sorted(charts))
    return purpose


def withdraw_all(u: Unit, patient_id: int, request_id: int) -> int:
    """Append a withdrawal (method 정보주체 요구) for every purpose whose latest record is a consent;
    returns how many were appended."""
    latest = latest_records(u.session, [patient_id])
    now = clock.now()
    n = 0
    for (_pid, purpose), r in sorted(latest.items()):
        if r.action != GIVEN:
            continue
        append_withdrawal(
            u,
            patient_id,
            purpose,
            method=REQUEST,
            at=now,
            note=f"동의철회 요구 처리 (요구 {request_id})",
            request_id=request_id,
        )
        n += 1
    return n


def consent_summary(session: Session, profile_raw: Mapping[str, Any], patient_id: int) -> str:
    """``선택 동의: 안내·홍보 연락 — 동의(유효) 2026-11-02, 제1판, 서면; 제3자 제공 — 기록 없음``."""
    today = clock.today_kst()
    latest = latest_records(session, [patient_id])
    parts: list[str] = []
    for p in purposes_from(profile_raw):
        r = latest.get((patient_id, p.code))
        state = state_of(r, counting_ids(session, p.code, today))
        text = f"{p.name} — {STATE_LABELS.get(state, state)}"
        if r is not None:
            text += f" {clock.to_kst(r.at):%Y-%m-%d}, {METHOD_LABELS.get(r.method, r.method)}"
        parts.append(text)
    return "선택 동의: " + "; ".join(parts) + "."


def texts_in_force(
    session: Session, profile_raw: Mapping[str, Any], today: dt.date
) -> list[tuple[str, int, dt.date]]:
    """(purpose name, version, effective date) of each purpose's consent text in force today, in the
    profile's order; purposes without a text in force are left out."""
    out: list[tuple[str, int, dt.date]] = []
    for p in purposes_from(profile_raw):
        row = in_force(session, p.code, today)
        if row is not None and row.version is not None and row.effective_date is not None:
            out.append((p.name, row.version, row.effective_date))
    return out
