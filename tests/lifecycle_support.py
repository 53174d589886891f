"""Shared helpers of the lifecycle tests: patients with unique marker strings."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import select

from privdesk import clock
from privdesk.context import Actor, AppContext
from privdesk.registry.models import Patient, PatientPhone
from privdesk.registry.patients import add_intake, create_patient
from privdesk.registry.sample import make_rrn
from privdesk.registry.validation import PatientInput


@dataclass(frozen=True)
class Marked:
    id: int
    chart_no: str
    name: str
    address: str
    phone: str
    rrn: str
    ciphertexts: tuple[bytes, ...]


_SYLL = "가나다라마바사아자차카타파하"


def marker_name(i: int) -> str:
    return "표식" + _SYLL[i // len(_SYLL) % len(_SYLL)] + _SYLL[i % len(_SYLL)] + "힣"


def add_marked(ctx: AppContext, actor: Actor, i: int, *, last_visit: dt.date, seed: int = 0) -> Marked:
    """A patient whose name, address and phone are unique strings (found by a raw-bytes scan)."""
    rng = random.Random(seed * 1000 + i)
    rrn = make_rrn(rng, dt.date(1960 + i % 30, 1 + i % 12, 1 + i % 27), male=i % 2 == 0, foreigner=False)
    name = marker_name(i)
    address = f"마커특별시 유일구 표식로 {7000 + i}번길 {i}호"
    phone = f"010-77{i % 100:02d}-{4000 + i:04d}"
    d = create_patient(
        ctx,
        actor,
        PatientInput(
            chart_no=f"M{seed}{i:05d}",
            name=name,
            rrn=rrn,
            address=address,
            phones=(phone,),
            first_visit=last_visit,
            last_visit=last_visit,
        ),
        accept_check_digit_warning=True,
    )
    add_intake(ctx, actor, d.id, visit_date=last_visit, department="내과", purpose="표식접수목적")
    with ctx.session() as s:
        p = s.execute(select(Patient).where(Patient.id == d.id)).scalar_one()
        phones = (
            s.execute(select(PatientPhone.phone_enc).where(PatientPhone.patient_id == d.id)).scalars().all()
        )
        blobs = tuple(b for b in (p.rrn_enc, p.address_enc, *phones) if b)
    return Marked(d.id, d.chart_no, name, address, phone, rrn, blobs)


def years_ago(n: int, days: int = 0) -> dt.date:
    try:
        d = clock.today_kst().replace(year=clock.today_kst().year - n)
    except ValueError:
        d = clock.today_kst().replace(year=clock.today_kst().year - n, day=28)
    return d - dt.timedelta(days=days)
