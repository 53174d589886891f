"""Shared set-up for the breach register's tests."""

from __future__ import annotations

import datetime as dt

from privdesk import clock
from privdesk.context import Actor, AppContext
from privdesk.incidents import register
from privdesk.incidents.register import IncidentDetail, IncidentInput
from privdesk.registry.patients import create_patient
from privdesk.registry.validation import PatientInput

ADDRESSES = (
    "서울특별시 관악구 봉천로 1 101동 101호",
    "부산광역시 해운대구 센텀중앙로 97 에이동 2301호",
    "대전광역시 유성구 대학로 99 과학관 305호",
)
NAMES = ("홍길동", "김영희", "박철수")
RRNS = ("900101-1234568", "850505-2345678", "770707-1111111")
PHONES = ("010-1234-5678", "010-2222-3333", "010-4444-5555")


def add_patients(ctx: AppContext, actor: Actor, n: int = 3) -> list[int]:
    ids = []
    for i in range(n):
        ids.append(
            create_patient(
                ctx,
                actor,
                PatientInput(
                    chart_no=f"{1001 + i}",
                    name=NAMES[i],
                    rrn=RRNS[i],
                    address=ADDRESSES[i],
                    phones=[PHONES[i]],
                    first_visit="2020-01-02",
                    last_visit="2024-05-06",
                ),
                accept_check_digit_warning=True,
            ).id
        )
    return ids


def open_at(ctx: AppContext, actor: Actor, learnt: dt.datetime | str, **kw: object) -> IncidentDetail:
    if isinstance(learnt, str):
        learnt = dt.datetime.strptime(learnt, "%Y-%m-%d %H:%M")  # naive: KST
    base: dict[str, object] = dict(
        kind="misdelivery",
        summary="진료비 안내문이 다른 환자에게 잘못 발송됨",
        reporter="원무과 김대리",
        items="이름, 주소",
    )
    base.update(kw)
    return register.open_incident(ctx, actor, IncidentInput(learnt_at=learnt, **base))  # type: ignore[arg-type]


def hours_ago(h: float) -> dt.datetime:
    return clock.now() - dt.timedelta(hours=h)
