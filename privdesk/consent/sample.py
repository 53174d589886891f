"""Demo data for the consent records (체험용 데이터).

:func:`seed_consents` is a demo seeder (``(DemoSeed) -> str``, see :mod:`privdesk.demo`), run before
the disclosures' seeder (whose entries on the basis of consent need these records): as the privacy
team it publishes the consent text of every purpose of the profile (in force for a year); as the
intake desk it records consents — at the kiosk, on paper with the scanned form's number, one
given by a 법정대리인 — to 안내·홍보 연락 and 제3자 제공 for the first patients, and one withdrawal.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.permissions import INTAKE, PRIVACY, Permission
from privdesk.consent import records, texts
from privdesk.registry.api import STATUS_ACTIVE, Patient

if TYPE_CHECKING:
    from privdesk.demo import DemoSeed

TEXTS = {
    "contact": "본원은 진료 예약·건강검진 안내와 병원 소식(이벤트 등 광고성 정보)을 문자·전화로 보내기 위해 "
    "이름과 연락처를 이용합니다. 동의하지 않아도 진료에는 불이익이 없으며, 언제든지 철회할 수 있습니다.",
    "provision": "본원은 실손의료보험금 청구 등 환자가 요청한 경우 보험회사 등 제3자에게 이름, 내원일, 진료과를 "
    "제공합니다. 동의하지 않을 수 있으며, 그 경우 해당 제공만 이루어지지 않습니다.",
}


def seed_consents(seed: DemoSeed) -> str:
    ctx, desk, privacy = seed.ctx, seed.actor(INTAKE), seed.actor(PRIVACY)
    published = 0
    for p in texts.purposes(ctx):
        texts.draft(ctx, privacy, p.code, TEXTS.get(p.code, f"{p.name}에 동의합니다."))
        texts.publish(ctx, privacy, p.code, clock.today_kst() - dt.timedelta(days=365))
        published += 1
    if seed.patients <= 0:
        return f"동의서 문안 {published}종 게시"
    with ctx.unit(desk, Permission.PATIENT_READ) as u:
        ids = list(
            u.session.scalars(
                select(Patient.id)
                .where(Patient.status == STATUS_ACTIVE, Patient.hold.is_(False))
                .order_by(Patient.id)
                .limit(12)
            )
        )
    now = clock.now()
    given = 0
    for n, pid in enumerate(ids):
        at = now - dt.timedelta(days=10 + 7 * n)
        for purpose in ("contact", "provision") if n < 5 else ("contact",):
            if n % 3 == 1:
                data = records.ConsentInput(pid, purpose, "paper", at=at, form_ref=f"SCAN-2026-{101 + n:04d}")
            elif n == 2:
                data = records.ConsentInput(
                    pid,
                    purpose,
                    "kiosk",
                    at=at,
                    signer="representative",
                    representative="김보호",
                    relation="모",
                )
            else:
                data = records.ConsentInput(pid, purpose, "kiosk", at=at)
            records.record(ctx, desk, data)
            given += 1
    withdrawn = 0
    if len(ids) > 8:
        records.withdraw(ctx, desk, ids[8], "contact", reason="안내 문자 수신 거부 (전화 요청)")
        withdrawn = 1
    return f"동의서 문안 {published}종 게시, 동의 기록 {given}건 (철회 {withdrawn}건)"
