"""Evidence benchmarks (run with ``-m bench -s``; figures go to the issue's closing note).

- ``audit verify`` of the whole evidence on 1,000,000 patients (with their phones) and 1,000,000
  access-log entries on SQLite: the chain scan beside bare SHA-256 over the same bytes and beside
  fetching the links alone; the row-proof scan beside bare HMAC-SHA256 over the same messages and
  beside fetching the rows alone; the witnesses and the triggers; the whole check (target: under
  60 s on this machine);
- what committing durably costs (``synchronous = FULL`` against SQLite's ``NORMAL``): per search
  through the use case on the same 1,000,000 patients, and per import batch of 5,000 rows.

The 1,000,000 patients are the registry benchmark's cached dataset (tests/bench/test_bench_registry.py),
copied so this file's chain does not change it. Correctness is asserted; speed is printed.
"""

from __future__ import annotations

import hashlib
import hmac
import shutil
import statistics
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from privdesk import proofs
from privdesk.accounts.users import login
from privdesk.audit.findings import NOTHING
from privdesk.audit.verify import Snapshot, chain_in, check_witnesses
from privdesk.context import AppContext
from privdesk.integrity import inspect_all, verify_all
from privdesk.opening import open_context
from privdesk.registry.importer import import_patients
from privdesk.registry.models import PATIENT_PROOF, PHONE_PROOF
from privdesk.registry.sample import write_sample_csv
from privdesk.registry.search import search
from tests.bench.test_bench_audit import build_chain
from tests.bench.test_bench_audit import median_time as median
from tests.bench.test_bench_registry import CACHE, Dataset, dataset, settings_in  # noqa: F401 - the fixture
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.bench

N_LOG = 1_000_000


@pytest.fixture(scope="module")
def evidence(
    dataset: Dataset,  # noqa: F811 - the fixture imported above
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[AppContext, list[bytes]]]:
    """The 1,000,000 patients plus 1,000,000 chained entries, in a copy."""
    folder = tmp_path_factory.mktemp("evidence")
    for name in ("db.sqlite3", "privdesk.key"):
        shutil.copy2(CACHE / name, folder / name)
    ctx = open_context(settings_in(folder))
    t = time.perf_counter()
    hashed = build_chain(ctx, N_LOG)
    print(f"\nbuilt {N_LOG:,} chained entries in {time.perf_counter() - t:.0f} s")
    yield ctx, hashed
    ctx.engine.dispose()


def _messages(ctx: AppContext, table: str, spec: proofs.ProofSpec) -> tuple[list[bytes], float]:
    """The exact bytes the proofs cover, built outside the timing; and the fetch time alone."""
    codecs = proofs.encoders(spec)
    out: list[bytes] = []
    t = time.perf_counter()
    with Snapshot(ctx.engine) as snap, closing(snap.stream(proofs.select_sql(spec, table))) as batches:
        rows = [r for b in batches for r in b]
    fetch = time.perf_counter() - t
    out = [proofs.message(spec, r[1:], codecs) for r in rows]
    return out, fetch


def test_bench_verify_a_million_patients_and_entries(evidence: tuple[AppContext, list[bytes]]) -> None:
    ctx, hashed = evidence
    lines = [f"\naudit verify, {len(hashed):,} access-log entries and the registry's patients (SQLite):"]

    # the chain, beside bare SHA-256 over the same bytes and beside the fetch alone
    result: list[Any] = []

    def chain() -> None:
        with Snapshot(ctx.engine) as snap:
            result.append(chain_in(snap, ctx.keys))

    t_chain = median(chain)
    assert result[-1].ok

    def bare_sha() -> None:
        sha = hashlib.sha256
        for b in hashed:
            sha(b).digest()

    t_sha = median(bare_sha)

    def fetch_links() -> None:
        with Snapshot(ctx.engine) as snap, closing(snap.links(1)) as links:
            for _ in links:
                pass

    t_fetch = median(fetch_links)
    n = result[-1].checked
    lines.append(
        f"  chain scan   {t_chain:6.2f} s  {n / t_chain:10,.0f} entries/s | bare SHA-256 {t_sha:5.2f} s "
        f"({t_chain / t_sha:.1f}x) | fetch alone {t_fetch:5.2f} s ({t_chain / t_fetch:.1f}x)"
    )

    # the row proofs, table by table, beside bare HMAC over the same messages and the fetch alone
    key = hashlib.sha256(b"bench").digest()
    total_rows = 0
    for table, spec in (("patients", PATIENT_PROOF), ("patient_phones", PHONE_PROOF)):
        messages, fetch = _messages(ctx, table, spec)
        total_rows += len(messages)

        def scan(table: str = table, spec: proofs.ProofSpec = spec) -> None:
            with (
                Snapshot(ctx.engine) as snap,
                closing(snap.stream(proofs.select_sql(spec, table))) as batches,
            ):
                assert next(proofs.scan_rows(ctx.keys, spec, batches), None) is None

        def bare_hmac(messages: list[bytes] = messages) -> None:
            digest = hmac.digest
            for m in messages:
                digest(key, m, "sha256")

        t_scan, t_hmac = median(scan), median(bare_hmac)
        lines.append(
            f"  {table:14} {len(messages):9,} rows  {t_scan:6.2f} s | bare HMAC {t_hmac:5.2f} s "
            f"({t_scan / t_hmac:.1f}x) | fetch alone {fetch:5.2f} s ({t_scan / fetch:.1f}x)"
        )

    # the witnesses (this workstation's file) and the whole check as ``audit verify`` runs it
    t = time.perf_counter()
    with Snapshot(ctx.engine) as snap:
        assert check_witnesses(snap, ctx.keys, ctx.witness.report().witnesses) == []
    lines.append(f"  witnesses    {time.perf_counter() - t:6.3f} s")
    t = time.perf_counter()
    chain_result, found = inspect_all(ctx, NOTHING)
    t_inspect = time.perf_counter() - t
    assert chain_result.ok and found.problems == [] and found.rows >= total_rows
    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    t = time.perf_counter()
    report = verify_all(ctx, officer)
    t_all = time.perf_counter() - t
    assert report.ok, report.messages
    lines.append(
        f"  everything but the ledgers: {t_inspect:6.2f} s; audit verify through the use case (ledgers and "
        f"logging included): {t_all:6.2f} s (target < 60 s) for {found.rows:,} proven rows"
    )
    print("\n".join(lines))


# -- durability: synchronous = FULL against NORMAL ------------------------------------------------------
def _normal(ctx: AppContext) -> None:
    """This context's SQLite connections commit with synchronous = NORMAL (the former setting)."""
    ctx.engine.dispose()

    def pragma(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA synchronous = NORMAL")

    event.listen(ctx.engine, "connect", pragma)


def test_bench_the_cost_of_durable_commits(dataset: Dataset, tmp_path: Path) -> None:  # noqa: F811
    lines = ["\nsynchronous = FULL (durable before witnessed) against NORMAL, SQLite:"]
    queries = dataset.queries["rrn"][:200]
    for label in ("FULL", "NORMAL"):
        ctx = open_context(dataset.settings)
        if label == "NORMAL":
            _normal(ctx)
        actor = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        for q in queries[:20]:
            search(ctx, actor, q)
        times = []
        for q in queries:
            t = time.perf_counter()
            search(ctx, actor, q)
            times.append(time.perf_counter() - t)
        ctx.engine.dispose()
        lines.append(
            f"  search by resident number ({len(queries)} queries, 1,000,000 patients), {label:6}: "
            f"median {statistics.median(times) * 1000:5.2f} ms"
        )
    csv_path = write_sample_csv(tmp_path / "emr.csv", 20_000, seed=9)
    for label in ("FULL", "NORMAL"):
        from privdesk.bootstrap import initialize

        folder = tmp_path / label
        folder.mkdir()
        ctx = initialize(
            settings_in(folder), officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD
        )
        if label == "NORMAL":
            _normal(ctx)
        actor = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        t = time.perf_counter()
        result = import_patients(ctx, actor, csv_path, batch_size=5000, workers=0)
        took = time.perf_counter() - t
        assert result.imported == 20_000
        ctx.engine.dispose()
        lines.append(
            f"  import of 20,000 rows in batches of 5,000, {label:6}: {took:6.2f} s, "
            f"{took / 4 * 1000:7.1f} ms per batch, {20_000 / took:7,.0f} rows/s"
        )
    print("\n".join(lines))
