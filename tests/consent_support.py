"""Consent records for tests of the consent-based uses (export, disclosures on consent): a published
text per purpose and a kiosk consent per patient, through the real use cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from privdesk import clock
from privdesk.consent import records, texts
from privdesk.context import AppContext
from tests.audit_support import officer

TEXTS = {
    "contact": "진료 예약·검진 안내와 병원 소식을 문자·전화로 받는 데 동의합니다.",
    "provision": "보험금 청구 등을 위해 제3자에게 개인정보를 제공하는 데 동의합니다.",
}


def publish_text(
    ctx: AppContext, purpose: str = "contact", effective: dt.date | None = None
) -> texts.TextInfo:
    yook = officer(ctx)
    texts.draft(ctx, yook, purpose, TEXTS.get(purpose, "동의합니다."))
    return texts.publish(
        ctx,
        yook,
        purpose,
        effective or clock.today_kst() - dt.timedelta(days=30),
        requires_fresh_consent=True,
    )


def give_consent(ctx: AppContext, patient_ids: Sequence[int], purpose: str = "contact") -> None:
    """Each patient consents (kiosk) to the purpose's text in force; the text is published first
    when there is none."""
    yook = officer(ctx)
    if not [t for t in texts.texts(ctx, yook, purpose) if t.version is not None]:
        publish_text(ctx, purpose)
    for pid in patient_ids:
        records.record(ctx, yook, records.ConsentInput(patient_id=pid, purpose=purpose, method="kiosk"))
