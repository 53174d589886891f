"""Benchmark: a CCTV ledger (개인영상정보 관리대장) of 10,000 entries to PDF — through the printing
use case (database read + page template), the page template alone, and reportlab drawing the same
table alone (SimpleDocTemplate + Table, same font and cells). Median of 3 runs each. Also the
anchor verification of the 10,000 entries.

Run: ``python -m pytest tests/bench/test_bench_cctv.py -m bench -s``
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.bootstrap import initialize
from privdesk.cctv import printing, viewlog
from privdesk.cctv.cameras import cctv_unit
from privdesk.reports import cctv_ledger as record
from privdesk.reports.template import FONT, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Layout, content_width
from tests.audit_support import actor_for
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

ROWS = 10_000
RUNS = 3
PURPOSES = (
    "화재 경보 원인 확인",
    "분실물(지갑) 습득 경위 확인 — 1층 로비 대기석 주변",
    "주차장 차량 접촉 사고 확인 요청에 따른 열람",
    "야간 출입문 개방 여부 점검",
    "시설 점검",
)


def median_time(fn: Callable[[], int]) -> tuple[float, int]:
    times, pages = [], 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        pages = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), pages


@pytest.mark.bench
def test_bench_10000_entry_cctv_ledger(tmp_path: Path, settings_for) -> None:  # type: ignore[no-untyped-def]
    ctx = initialize(
        settings_for(f"sqlite:///{tmp_path / 'bench.sqlite3'}"),
        officer_login=OFFICER_LOGIN,
        officer_name="육의곤",
        password=OFFICER_PASSWORD,
    )
    try:
        fac = actor_for(ctx, "fac01", ["facility"])
        base = clock.now() - dt.timedelta(days=25)
        t0 = time.perf_counter()
        with cctv_unit(ctx, fac, Permission.CCTV_MANAGE) as u:  # one transaction, 10,000 anchors
            for i in range(ROWS):
                at = base + dt.timedelta(minutes=3 * i)
                viewlog.append_entry(
                    u,
                    kind=viewlog.LedgerKind.VIEW if i % 7 else viewlog.LedgerKind.USE,
                    at=at,
                    file_form=viewlog.QUICK_FILE_FORM,
                    purpose=PURPOSES[i % len(PURPOSES)],
                    staff_login="fac01",
                    staff_name="김시설",
                    camera_numbers=f"CAM-{i % 25 + 1:02d}",
                    window_start=at - dt.timedelta(hours=2),
                    window_end=at - dt.timedelta(hours=1),
                    witness="박주임" if i % 3 else "",
                    counterpart=viewlog.INTERNAL_COUNTERPART,
                    basis=viewlog.INTERNAL_BASIS,
                    provision_form="화면 열람",
                    period=f"영상 {clock.fmt_datetime(at - dt.timedelta(hours=2))} ~",
                )
        insert_s = time.perf_counter() - t0
        first, last = clock.to_kst(base).date(), clock.today_kst()
        rows = viewlog.ledger_for_period(ctx, fac, first, last)
        assert len(rows) == ROWS
        settings = record.FootageSettings(
            "촬영일로부터 30일", "행정실", "진료부 대표원장 (070-4243-5308)", 25
        )
        meta = record.meta_for("장튼위튼병원", fac, f"{first} ~ {last}")

        def use_case() -> int:
            return printing.print_ledger(
                ctx, fac, first, last, tmp_path / "use-case.pdf", reason="업무 확인"
            ).pages

        def template_only() -> int:
            return record.render_ledger(tmp_path / "template.pdf", meta, rows, settings)

        def reportlab_alone() -> int:
            lay = Layout(content_width(meta))
            widths = [lay.width * c.width for c in record.COLUMNS]
            data: list[list[object]] = [[Paragraph(c.title, lay.st.header_cell) for c in record.COLUMNS]]
            data += [
                [lay.cell(v, w, c.align) for v, w, c in zip(r, widths, record.COLUMNS, strict=True)]
                for r in record.table_rows(rows)
            ]
            doc = SimpleDocTemplate(
                str(tmp_path / "plain.pdf"),
                pagesize=landscape(A4),
                leftMargin=MARGIN_X,
                rightMargin=MARGIN_X,
                topMargin=MARGIN_TOP,
                bottomMargin=MARGIN_BOTTOM,
                initialFontName=FONT,
            )
            stripes = ("ROWBACKGROUNDS", (0, 1), (-1, -1), ["#FFFFFF", "#F6F6F6"])
            doc.build(
                [
                    Table(
                        data,
                        colWidths=widths,
                        repeatRows=1,
                        style=TableStyle([*lay.table_style(record.COLUMNS), stripes]),
                    )
                ]
            )
            return int(doc.page)

        full, full_pages = median_time(use_case)
        ours, our_pages = median_time(template_only)
        plain, plain_pages = median_time(reportlab_alone)
        t0 = time.perf_counter()
        problems = viewlog.verify_ledger(ctx, actor_for(ctx, OFFICER_LOGIN))
        verify_s = time.perf_counter() - t0
        print(
            f"\nCCTV ledger, {ROWS:,} entries (insert + anchor in one transaction: {insert_s:.2f} s), median of {RUNS}:"
            f"\n  print_ledger use case (DB read + template + PRINT log): {full:6.2f} s, {full_pages} pages"
            f"\n  page template alone (rows in memory):                  {ours:6.2f} s, {our_pages} pages, "
            f"{(tmp_path / 'template.pdf').stat().st_size / 1e6:.1f} MB"
            f"\n  reportlab Table alone (SimpleDocTemplate):             {plain:6.2f} s, {plain_pages} pages, "
            f"{(tmp_path / 'plain.pdf').stat().st_size / 1e6:.1f} MB"
            f"\n  anchor verification of the ledger:                     {verify_s:6.2f} s"
        )
        assert problems == []
        assert full_pages == our_pages > 100 and plain_pages > 100
        assert abs(our_pages - plain_pages) <= max(3, plain_pages // 20)
    finally:
        ctx.engine.dispose()
