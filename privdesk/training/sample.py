"""Demo data for staff training (체험용 데이터: 개인정보 보호 교육).

:func:`seed_training` is a demo seeder (``(DemoSeed) -> str``, see :mod:`privdesk.demo`): as the
privacy officer it records three sessions through the real use cases — last year's all-staff
training (14 months ago, every demo account), this year's (40 days ago, every account but the
facility team's) and an external course for the officer — so the training screen has sessions and
attendance, and the start screen names one account overdue (the facility account: last trained
14 months ago, the default interval 12 months).

The yearly usage notice is left alone: its duty applies from 50,000 people in the registry
(법 제20조의2), far above any demo's size, so the demo shows it as not applying.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from privdesk import clock
from privdesk.accounts.permissions import OFFICER
from privdesk.training.usecases import SessionInput, add_session, attend

if TYPE_CHECKING:
    from privdesk.demo import DemoSeed

OVERDUE_LOGIN = "facility"  # the demo account left overdue


def seed_training(seed: DemoSeed) -> str:
    ctx, officer = seed.ctx, seed.actor(OFFICER)
    today = clock.today_kst()
    everyone = sorted(a.login for a in seed.actors.values())
    sessions = (
        (
            SessionInput(
                today - dt.timedelta(days=425),
                "개인정보 보호 정기 교육 (전 직원)",
                "내부",
                "2",
                material="개인정보 보호법 개정 사항·내부관리계획 안내 (교육 자료 2025-01)",
                instructor="개인정보 보호책임자",
            ),
            everyone,
        ),
        (
            SessionInput(
                today - dt.timedelta(days=40),
                "개인정보 보호 정기 교육 (전 직원)",
                "내부",
                "2",
                material="처리방침·동의 관리·접속기록 점검 (교육 자료 2026-01)",
                instructor="개인정보 보호책임자",
            ),
            [x for x in everyone if x != OVERDUE_LOGIN],
        ),
        (
            SessionInput(
                today - dt.timedelta(days=100),
                "개인정보 보호책임자 교육 (온라인)",
                "외부",
                "3",
                material="개인정보보호위원회 개인정보보호 교육 이수증",
            ),
            [officer.login],
        ),
    )
    attended = 0
    for data, logins in sessions:
        row = add_session(ctx, officer, data, today=today)
        attended += attend(ctx, officer, row.id, logins)[1]
    return f"개인정보 보호 교육 {len(sessions)}회, 이수 기록 {attended}건 (기한 경과 1명: {OVERDUE_LOGIN})"
