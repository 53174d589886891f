"""The permission history record (권한 부여·변경·말소 기록).

개인정보의 안전성 확보조치 기준 제5조③: every grant, change and revocation of access rights is
recorded and kept for at least three years. This module prints those records for a period, from
rows shaped like :class:`privdesk.accounts.users.PermissionChangeInfo` (any object with the
attributes of :class:`PermissionChangeRow`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from reportlab.platypus import Flowable

from privdesk import clock
from privdesk.files import Output
from privdesk.reports.template import Column, Form, Layout, PrintedBy, ReportMeta, new_meta, render

TITLE = "권한 부여·변경·말소 기록"
BASIS = "개인정보의 안전성 확보조치 기준 제5조제3항 (권한 부여·변경·말소 내역 기록, 최소 3년 보관)"
RECORD_PREFIX = "PH"
WHAT = "report:permission-history"
FORM = Form(TITLE, RECORD_PREFIX, BASIS, landscape=True)  # internal: 결재란

# The three kinds the 기준 names: grant (부여), change (변경), revocation (말소).
_KIND = {"create": "부여", "deactivate": "말소"}


class PermissionChangeRow(Protocol):
    """One recorded change (the accounts module's ``PermissionChangeInfo`` has these)."""

    @property
    def at(self) -> dt.datetime: ...
    @property
    def actor_login(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def change(self) -> str: ...
    @property
    def change_label(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def reason(self) -> str: ...


def kind_of(code: str) -> str:
    """부여 / 변경 / 말소 — the 기준's three kinds."""
    return _KIND.get(code, "변경")


COLUMNS = (
    Column("번호", 0.05, "RIGHT"),
    Column("일시", 0.11, "CENTER"),
    Column("처리자", 0.11),
    Column("대상 계정", 0.11),
    Column("구분", 0.12, "CENTER"),
    Column("내용", 0.25),
    Column("사유", 0.25),
)


def table_rows(rows: Sequence[PermissionChangeRow]) -> list[list[str]]:
    return [
        [
            str(i),
            clock.paper_datetime(r.at),
            getattr(r, "actor_label", "") or r.actor_login,
            getattr(r, "target_label", "") or r.target,
            r.change_label,
            r.detail,
            r.reason or "",
        ]
        for i, r in enumerate(sorted(rows, key=lambda r: r.at), start=1)
    ]


def summary(rows: Sequence[PermissionChangeRow]) -> str:
    kinds = Counter(kind_of(r.change) for r in rows)
    return (
        f"총 {len(rows):,}건 — 부여 {kinds['부여']:,}건, 변경 {kinds['변경']:,}건, "
        f"말소 {kinds['말소']:,}건 · 대상 계정 {len({r.target for r in rows}):,}개"
    )


def render_permission_history(
    path: Path | Output,
    meta: ReportMeta,
    rows: Sequence[PermissionChangeRow],
    *,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """Print the history to ``path``; returns the page count. ``meta`` comes from
    :func:`meta_for` (or any :class:`ReportMeta` with this record's title)."""

    def body(lay: Layout) -> list[Flowable]:
        return [lay.text(summary(rows)), lay.space(2), lay.table(COLUMNS, table_rows(rows))]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def meta_for(hospital: str, by: PrintedBy, period: str, printed_at: dt.datetime | None = None) -> ReportMeta:
    """This record's :class:`ReportMeta`: title, legal basis, landscape, a new record number."""
    return new_meta(hospital, FORM, by, period=period, printed_at=printed_at)
