"""The start screen's consent count (:func:`privdesk.consent.records.outdated_count`) seeks the
consents to stale versions through ``ix_consent_records_purpose_text`` (migration 0810) instead of
scanning ``consent_records``: the plan of the very statement it runs, on both backends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, inspect

from privdesk import clock
from privdesk.consent import records, texts
from privdesk.context import AppContext
from tests.audit_support import officer
from tests.consent_support import publish_text
from tests.incident_support import add_patients

INDEX = "ix_consent_records_purpose_text"


@contextmanager
def captured(ctx: AppContext) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        seen.append((statement, params))

    event.listen(ctx.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(ctx.engine, "before_cursor_execute", grab)


def test_outdated_count_seeks_the_stale_consents_through_the_index(ctx: AppContext) -> None:
    yook = officer(ctx)
    pids = add_patients(ctx, yook, 3)
    today = clock.today_kst()
    publish_text(ctx, effective=today - dt.timedelta(days=60))
    for pid in pids:
        records.record(ctx, yook, records.ConsentInput(patient_id=pid, purpose="contact", method="kiosk"))
    texts.draft(ctx, yook, "contact", "건강검진 홍보 전화를 받는 데도 동의합니다.")
    texts.publish(ctx, yook, "contact", today - dt.timedelta(days=1), requires_fresh_consent=True)
    records.record(ctx, yook, records.ConsentInput(patient_id=pids[0], purpose="contact", method="kiosk"))

    assert INDEX in {ix["name"] for ix in inspect(ctx.engine).get_indexes("consent_records")}
    with ctx.session() as s, captured(ctx) as seen:
        assert records.outdated_count(s, "contact", today) == 2  # consented to 제1판 only
    statement, params = next((q, p) for q, p in seen if "count(" in q.lower())
    sqlite = ctx.engine.dialect.name == "sqlite"
    with ctx.engine.connect() as conn:
        if sqlite:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
        else:
            # a handful of rows: the planner would rightly read the table whole; forbid that to
            # see which path it takes once the table is large
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            rows = conn.exec_driver_sql("EXPLAIN " + statement, params).all()
    plan = "\n".join(str(r[-1]) for r in rows)
    assert INDEX in plan, plan
    if sqlite:
        assert "SCAN consent_records" not in plan.replace(f"USING INDEX {INDEX}", ""), plan
    else:
        assert "Seq Scan on consent_records" not in plan, plan
