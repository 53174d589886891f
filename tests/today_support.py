"""Planted work for 오늘 할 일 (tests/test_today.py, tests/test_ui_today.py): an overdue
data-subject request, a CCTV viewing request two days overdue, a destruction plan awaiting
approval over records past the destruction deadline, a processor contract ending in 10 days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import update

from privdesk import clock
from privdesk.cctv import requests as cctv_requests
from privdesk.context import Actor, AppContext
from privdesk.disclosures.processors import ProcessorChangeInput, add_processor
from privdesk.lifecycle import destruction
from privdesk.registry.models import Patient
from privdesk.rights import requests as rights
from tests.audit_support import actor_for, officer
from tests.lifecycle_support import add_marked, years_ago
from tests.ui_cctv_support import request_input


@dataclass(frozen=True)
class Planted:
    officer: Actor
    clerk: Actor  # 원무 (intake)
    facility: Actor  # 시설 (facility)
    privacy: Actor  # 개인정보 보호 담당 (privacy)
    auditor: Actor
    request_no: str  # the overdue data-subject request
    cctv_no: str  # the CCTV request two days overdue
    plan_id: int


def plant(ctx: AppContext) -> Planted:
    off = officer(ctx)
    clerk = actor_for(ctx, "won", ["intake"])
    fac = actor_for(ctx, "fac", ["facility"])
    priv = actor_for(ctx, "it", ["privacy"])
    aud = actor_for(ctx, "gam", ["auditor"])
    days = ctx.profile.request_days
    dsr = rights.receive_request(
        ctx,
        clerk,
        rights.RequestInput(
            kind="access",
            file_code="member",
            relation="self",
            requester_name="김회원",
            requester_phone="010-2222-3333",
            id_document="주민등록증",
            request_text="",
            subject_name="김회원",
            subject_birth=dt.date(1988, 2, 3),
            received_at=clock.now() - dt.timedelta(days=days + 2),
        ),
    )
    cctv = cctv_requests.receive_request(
        ctx, fac, request_input(days_ago=days + 4, received_at=clock.now() - dt.timedelta(days=days + 2))
    )
    today = clock.today_kst()
    for i, ago in enumerate((30 + ctx.profile.destruction_days, 1)):  # one past the deadline, one due
        m = add_marked(ctx, off, i, last_visit=years_ago(6))
        with ctx.engine.begin() as conn:
            conn.execute(
                update(Patient)
                .where(Patient.id == m.id)
                .values(retention_until=today - dt.timedelta(days=ago))
            )
    plan = destruction.create_plan(ctx, off)
    add_processor(
        ctx,
        off,
        ProcessorChangeInput(
            name="오늘문자서비스",
            task="진료 예약 안내 문자 발송",
            contract_start=today - dt.timedelta(days=300),
            contract_end=today + dt.timedelta(days=10),
        ),
        reason="계약 등록",
    )
    return Planted(off, clerk, fac, priv, aud, dsr.number, cctv.number, plan.id)
