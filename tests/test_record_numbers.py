"""Record numbers come from the database, unique per kind (issue 12, "Printed records"): numbers
built from the time to the second repeated (CN-20261205-033204 on three CCTV notices). Several
workstations (each its own AppContext and engine) print at once; every number is distinct. Both
backends; the PDFs are read back with pdftotext."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.cctv import decisions, printing, requests
from privdesk.context import AppContext
from privdesk.incidents import rules as incident_rules
from privdesk.opening import open_context
from privdesk.reports.template import Form, new_meta, record_number
from privdesk.store import counters
from tests.audit_support import actor_for
from tests.test_cctv_requests import approval, entries, request_input
from tests.test_reports_template import text

WORKSTATIONS = 4


def together(ctx: AppContext, n: int, work: Callable[[AppContext, int], None]) -> None:
    """Run ``work(context, i)`` on ``n`` workstations at once (threads, each with its own context and
    engine, released together by a barrier); re-raise the first failure."""
    contexts = [open_context(ctx.settings) for _ in range(n)]
    start = threading.Barrier(n)
    failures: list[BaseException] = []

    def run(i: int) -> None:
        try:
            start.wait()
            work(contexts[i], i)
        except BaseException as exc:  # handed to the test
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
    finally:
        for c in contexts:
            c.engine.dispose()
    assert not any(t.is_alive() for t in threads)
    if failures:
        raise failures[0]


def test_the_number_format_and_a_draft_number() -> None:
    assert record_number("CN", 2026, 7) == "CN-2026-0007"
    assert record_number("CN", 2026, 12345) == "CN-2026-12345"

    class By:
        name, login = "육의곤", "yook"

    meta = new_meta("장튼위튼병원", Form("통지서", "CN", internal=False), By())
    assert meta.kind == "CN" and meta.record_no == f"CN-{clock.today_kst().year}-견본"
    assert meta.numbered(3).record_no == f"CN-{meta.year}-0003"


def test_counters_are_per_kind_and_year_and_never_repeat_under_concurrency(ctx: AppContext) -> None:
    got: dict[str, list[int]] = {"CN": [], "RS": []}
    lock = threading.Lock()

    def take(c: AppContext, i: int) -> None:
        for _ in range(15):
            kind = "CN" if i % 2 == 0 else "RS"
            n = c.next_record_number(kind, 2026)
            m = c.next_record_number("CN", 2026) if i % 2 else None
            with lock:
                got[kind].append(n)
                if m is not None:
                    got["CN"].append(m)

    together(ctx, WORKSTATIONS, take)
    # 2 workstations × 15 CN + 2 × 15 CN (taken by the RS workstations): 1 … 60, each once
    assert sorted(got["CN"]) == list(range(1, 61))
    assert sorted(got["RS"]) == list(range(1, 31))
    assert ctx.next_record_number("CN", 2027) == 1 and ctx.next_record_number("CN", 2026) == 61
    assert ctx.next_record_number(incident_rules.INCIDENT_KIND, 2026) == 1


def test_incidents_number_from_the_same_counters(ctx: AppContext) -> None:
    with ctx.session() as s, s.begin():
        assert counters.next_number(s, incident_rules.INCIDENT_KIND, 2026) == 1
    with ctx.session() as s, s.begin():
        assert counters.next_number(s, incident_rules.INCIDENT_KIND, 2026) == 2
        s.rollback()
    with ctx.session() as s, s.begin():  # a rolled-back number is given again
        assert counters.next_number(s, incident_rules.INCIDENT_KIND, 2026) == 2


def test_notices_printed_at_once_on_several_workstations_have_distinct_numbers(
    ctx: AppContext, tmp_path: Path
) -> None:
    fac = actor_for(ctx, "fac01", ["facility"])
    d = requests.receive_request(ctx, fac, request_input())
    decisions.approve(ctx, fac, d.id, approval())
    per_station = 3
    numbers: list[str] = []
    lock = threading.Lock()

    def print_notices(c: AppContext, i: int) -> None:
        for k in range(per_station):
            r = printing.print_result_notice(
                c, fac, d.id, tmp_path / f"notice-{i}-{k}.pdf", reason="업무 확인"
            )
            with lock:
                numbers.append(r.record_no)

    together(ctx, WORKSTATIONS, print_notices)
    year = clock.today_kst().year
    assert sorted(numbers) == [f"CN-{year}-{n:04d}" for n in range(1, WORKSTATIONS * per_station + 1)]
    printed = set()
    for pdf in tmp_path.glob("notice-*.pdf"):
        found = set(re.findall(r"CN-\d{4}-\d{4}", text(pdf)))
        assert len(found) == 1, found  # one number, on the title block and every page header
        printed |= found
    assert printed == set(numbers)
    # the access log names each printing's own number
    logged = [e.detail.split("; ")[1] for e in entries(ctx, action=Action.PRINT)]
    assert sorted(logged) == sorted(numbers)


def test_a_cancelled_printing_leaves_a_gap_never_a_repeat(ctx: AppContext, tmp_path: Path) -> None:
    fac = actor_for(ctx, "fac01", ["facility"])
    d = requests.receive_request(ctx, fac, request_input())
    decisions.approve(ctx, fac, d.id, approval())

    def cancel(page: int) -> None:
        raise KeyboardInterrupt

    first = printing.print_result_notice(ctx, fac, d.id, tmp_path / "1.pdf", reason="업무 확인")
    with pytest.raises(KeyboardInterrupt):
        printing.print_result_notice(ctx, fac, d.id, tmp_path / "2.pdf", on_page=cancel, reason="업무 확인")
    third = printing.print_result_notice(ctx, fac, d.id, tmp_path / "3.pdf", reason="업무 확인")
    year = clock.today_kst().year
    assert (first.record_no, third.record_no) == (f"CN-{year}-0001", f"CN-{year}-0003")
