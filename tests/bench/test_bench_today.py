"""오늘 할 일 benchmark (run with ``-m bench -s``; figures go to the issue's closing note).

The 1,000,000 patients are the registry benchmark's cached dataset (tests/bench/test_bench_registry.py),
copied (the cache is not changed, nor upgraded in place: another run may be reading it); the copy is
upgraded to the current schema. Planted on top: open data-subject requests (some overdue, some due
soon), CCTV viewing requests, a processor contract ending in 10 days. In the sample data about half
the records are past their retention (none was ever destroyed), so the destruction counts meet their
cap.

Printed: :func:`privdesk.today.collect` for the officer (every provider) — median and p95 — beside
the raw floor (the very SQL statements collect issued, the unit's account and head checks included,
replayed through bare sqlite3 in the same run), the unit alone (no provider), and each provider on
its own. The policy duties of issue 16 — the consent count (100,000 consents to a 제1판 that a
제2판 needing fresh consent replaced), the training overdue list, the yearly notice — each print
their own floor too (their statements replayed the same way). Target: under 100 ms. Correctness (no access-log entry) is asserted; speed is printed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert

from privdesk import clock, today
from privdesk.accounts.users import login
from privdesk.cctv import requests as cctv_requests
from privdesk.consent import texts as consent_texts
from privdesk.consent.models import GIVEN, ConsentRecord
from privdesk.context import AppContext
from privdesk.disclosures.processors import ProcessorChangeInput, add_processor
from privdesk.opening import open_context
from privdesk.rights import requests as rights
from tests.audit_support import row_count
from tests.bench.test_bench_registry import CACHE, settings_in
from tests.consent_support import publish_text
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.ui_cctv_support import request_input

pytestmark = pytest.mark.bench

RUNS = 30
CONSENTS = 100_000
POLICY_DUTIES = (today.consent_outdated, today.training_overdue, today.usage_notice)


@pytest.fixture(scope="module")
def million(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[AppContext]:
    if not list(CACHE.glob("ready-*.json")):
        request.getfixturevalue("dataset")  # builds the registry benchmark's cache (long, once)
    folder = tmp_path_factory.mktemp("today-million")
    for name in ("db.sqlite3", "privdesk.key"):
        shutil.copy2(CACHE / name, folder / name)
    t = time.perf_counter()
    ctx = open_context(dataclasses.replace(settings_in(folder), witness_file=folder / "witness.log"))
    print(f"\n  copy opened and upgraded to the current schema in {time.perf_counter() - t:.1f} s")
    try:
        yield ctx
    finally:
        ctx.engine.dispose()


def plant(ctx: AppContext) -> None:
    boss = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    days = ctx.profile.request_days
    for i in range(30):  # 10 overdue, 10 due soon, 10 in time
        ago = (days + 3, days - 1, 1)[i % 3]
        rights.receive_request(
            ctx,
            boss,
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
                received_at=clock.now() - dt.timedelta(days=ago),
            ),
        )
    for i in range(10):
        ago = (days + 2, 1)[i % 2]
        cctv_requests.receive_request(
            ctx, boss, request_input(days_ago=ago + 2, received_at=clock.now() - dt.timedelta(days=ago))
        )
    add_processor(
        ctx,
        boss,
        ProcessorChangeInput(
            name="벤치문자서비스",
            task="예약 안내 문자 발송",
            contract_end=clock.today_kst() + dt.timedelta(days=10),
        ),
        reason="계약 등록",
    )
    plant_consents(ctx)


def plant_consents(ctx: AppContext) -> None:
    """제1판 of the contact consent, CONSENTS patients consenting to it (rows written in bulk: the
    use case's checks are not what is measured), then 제2판 needing fresh consent: every one of them
    is counted by the start screen's consent line."""
    boss = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    now = clock.now()
    v1 = publish_text(ctx, effective=clock.today_kst() - dt.timedelta(days=90))
    with ctx.engine.begin() as conn:
        ids = [r[0] for r in conn.exec_driver_sql(f"SELECT id FROM patients ORDER BY id LIMIT {CONSENTS}")]
        conn.execute(
            insert(ConsentRecord),
            [
                {
                    "patient_id": pid,
                    "purpose": "contact",
                    "action": GIVEN,
                    "text_id": v1.id,
                    "at": now - dt.timedelta(days=60),
                    "method": "kiosk",
                    "form_ref": "",
                    "witness": "",
                    "signer": "self",
                    "representative": "",
                    "relation": "",
                    "note": "",
                    "recorded_at": now - dt.timedelta(days=60),
                    "recorded_by": OFFICER_LOGIN,
                }
                for pid in ids
            ],
        )
    consent_texts.draft(ctx, boss, "contact", "건강검진 홍보 전화를 받는 데도 동의합니다.")
    consent_texts.publish(
        ctx, boss, "contact", clock.today_kst() - dt.timedelta(days=1), requires_fresh_consent=True
    )


@contextmanager
def captured(ctx: AppContext) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def grab(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
        seen.append((statement, parameters))

    event.listen(ctx.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(ctx.engine, "before_cursor_execute", grab)


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    fn()  # warm (pages in the OS cache, statements compiled)
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values) * 1000:7.2f} ms  p95 {p95 * 1000:7.2f} ms"


def replay(db_file: Path, statements: list[tuple[str, Any]]) -> list[float]:
    """The statements in one read transaction, as collect() runs them (its own BEGIN/COMMIT left out)."""
    queries = [
        (s, p) for s, p in statements if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))
    ]
    with closing(sqlite3.connect(db_file, isolation_level=None)) as raw:

        def run() -> None:
            raw.execute("BEGIN")
            for stmt, params in queries:
                raw.execute(stmt, params).fetchall()
            raw.execute("COMMIT")

        return timed(run)


def test_bench_today_at_a_million_patients(million: AppContext) -> None:
    ctx = million
    plant(ctx)
    boss = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    before = row_count(ctx)
    items = today.collect(ctx, boss)
    assert row_count(ctx) == before  # no access-log entry
    keys = {i.key for i in items}
    assert {
        "requests.overdue",
        "requests.soon",
        "cctv_requests.overdue",
        "records.overdue",
        "processors.ending",
        "consent.outdated.contact",
    } <= keys
    assert f"{CONSENTS:,}명" in next(i.text for i in items if i.key == "consent.outdated.contact")
    with captured(ctx) as statements:
        today.collect(ctx, boss)
    whole = timed(lambda: today.collect(ctx, boss))
    floor = replay(Path(str(ctx.engine.url.database)), statements)
    unit_only = timed(lambda: today.collect(ctx, boss, providers=()))
    print(
        f"\n  오늘 할 일 at 1,000,000 patients (officer: every provider; {len(items)} lines, "
        f"{len(statements)} statements)"
    )
    print(f"  collect()                     {ms(whole)}")
    print(f"  raw floor (same SQL, sqlite3) {ms(floor)}")
    print(f"  the unit alone (no provider)  {ms(unit_only)}")
    for provider in today.PROVIDERS:
        alone = timed(lambda p=provider: today.collect(ctx, boss, providers=(p,)), runs=10)  # type: ignore[misc]
        print(f"  + {provider.__name__:<26}  {ms(alone)}")
    print("  the policy duties (issue 16), each alone beside its floor:")
    for provider in POLICY_DUTIES:
        with captured(ctx) as own:
            today.collect(ctx, boss, providers=(provider,))
        alone = timed(lambda p=provider: today.collect(ctx, boss, providers=(p,)))  # type: ignore[misc]
        print(f"  + {provider.__name__:<26}  {ms(alone)}")
        print(
            f"    raw floor ({len(own):2} statements)    {ms(replay(Path(str(ctx.engine.url.database)), own))}"
        )
    for item in items:
        print(f"    [{item.tone:7}] {item.text}")
    assert row_count(ctx) == before
