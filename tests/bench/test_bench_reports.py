"""Benchmark: a 10,000-row ledger through the page template, beside reportlab drawing the same
table alone (SimpleDocTemplate + Table, same font, same cells). Median of 3 runs each.

Run: ``python -m pytest tests/bench/test_bench_reports.py -m bench -s``
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from privdesk.reports import permission_history as ph
from privdesk.reports.template import (
    FONT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    Layout,
    content_width,
    register_fonts,
)

ROWS = 10_000
RUNS = 3


@dataclass(frozen=True)
class Change:
    at: dt.datetime
    actor_login: str
    target: str
    change: str
    detail: str
    reason: str


@dataclass(frozen=True)
class By:
    name: str
    login: str


def ledger(n: int) -> list[Change]:
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    kinds = [
        ("create", "부여: 원무(intake)", "신규 입사 (원무과)"),
        (
            "roles",
            "부여: 시설(facility); 회수: 없음",
            "인사이동: 시설팀 겸임, 2026-11-20 인사명령 제2026-112호에 따라 CCTV 열람 업무 추가",
        ),
        ("lock", "관리자 잠금", "장기 휴직"),
        ("password_reset", "일회용 비밀번호 발급, 다음 로그인 때 변경", "비밀번호 분실 신고"),
        ("deactivate", "회수: 원무(intake), 시설(facility)", "퇴사"),
    ]
    return [
        Change(base + dt.timedelta(minutes=37 * i), "yook", f"staff{i % 300:03d}", *kinds[i % len(kinds)])
        for i in range(n)
    ]


def median_time(fn: Callable[[], int]) -> tuple[float, int]:
    times, pages = [], 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        pages = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), pages


@pytest.mark.bench
def test_bench_10000_row_ledger(tmp_path: Path) -> None:
    rows = ledger(ROWS)
    meta = ph.meta_for("서울행복병원", By("육의곤", "yook"), "2024-01-01 ~ 2024-09-16")

    def through_template() -> int:
        return ph.render_permission_history(tmp_path / "template.pdf", meta, rows)

    def reportlab_alone() -> int:
        """The same cells (strings and wrapping paragraphs) and grid in one plain Table."""
        register_fonts()
        lay = Layout(content_width(meta))
        widths = [lay.width * c.width for c in ph.COLUMNS]
        data: list[list[object]] = [[Paragraph(c.title, lay.st.header_cell) for c in ph.COLUMNS]]
        data += [
            [lay.cell(v, w, c.align) for v, w, c in zip(r, widths, ph.COLUMNS, strict=True)]
            for r in ph.table_rows(rows)
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
        table = Table(
            data, colWidths=widths, repeatRows=1, style=TableStyle([*lay.table_style(ph.COLUMNS), stripes])
        )
        doc.build([table])
        return int(doc.page)

    ours, our_pages = median_time(through_template)
    plain, plain_pages = median_time(reportlab_alone)
    print(
        f"\n{ROWS:,} rows, median of {RUNS}:"
        f"\n  privdesk template (title block, header/footer, 쪽 N / M, zebra): {ours:6.2f} s, {our_pages} pages, "
        f"{(tmp_path / 'template.pdf').stat().st_size / 1e6:.1f} MB"
        f"\n  reportlab Table alone (SimpleDocTemplate):                     {plain:6.2f} s, {plain_pages} pages, "
        f"{(tmp_path / 'plain.pdf').stat().st_size / 1e6:.1f} MB"
    )
    assert our_pages > 100 and plain_pages > 100
    # Same cells, paddings and margins: the page counts differ only by the title block.
    assert abs(our_pages - plain_pages) <= max(3, plain_pages // 20)
