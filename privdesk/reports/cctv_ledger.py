"""The CCTV ledger (개인영상정보 관리대장, 표준 개인정보 보호지침 [별지 제3호서식]) for a period.

Landscape, with the form's columns in order (forms.md §2): 번호 | 구분 | 일시 | 파일명/형태 |
담당자 | 목적/사유 | 이용·제공받는 제3자/열람등 요구자 | 이용·제공 근거 | 이용·제공 형태 | 기간.
"담당자" carries the staff member and any witness ("관리책임자 또는 입회자 확인" in one copy of the
form). "번호" runs 1, 2, 3 … down the printed rows (in the order of 일시): an entry written late
(a viewing entered the next day) no longer makes the numbers run backwards. A correcting entry
names the entry it corrects by its printed 번호 when that entry is on the same print, otherwise by
its permanent ledger number ("관리대장 기록 #N", the number the screens show).
Above the table: the footage settings of the policy (보관기간·보관장소·관리책임자) and the totals.

Rows are shaped like :class:`privdesk.cctv.viewlog.LedgerRow` (any object with the attributes of
:class:`LedgerEntryRow`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reportlab.platypus import Flowable

from privdesk import clock
from privdesk.files import Output
from privdesk.reports.template import Column, Field, Form, Layout, PrintedBy, ReportMeta, new_meta, render

TITLE = "개인영상정보 관리대장"
FORM_LABEL = "[별지 제3호서식]"
BASIS = (
    "개인정보 보호법 제25조 (고정형 영상정보처리기기의 설치·운영 제한) · 표준 개인정보 보호지침 "
    "(개인영상정보의 이용·제공·열람·파기 기록)"
)
RECORD_PREFIX = "CV"
WHAT = "report:cctv-ledger"
FORM = Form(TITLE, RECORD_PREFIX, BASIS, FORM_LABEL, landscape=True)  # internal: 결재란
KINDS = ("이용", "제공", "열람", "파기")


class LedgerEntryRow(Protocol):
    """One ledger entry (the CCTV module's ``LedgerRow`` has these)."""

    @property
    def id(self) -> int: ...
    @property
    def kind_label(self) -> str: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def file_form(self) -> str: ...
    @property
    def camera_numbers(self) -> str: ...
    @property
    def staff_text(self) -> str: ...
    @property
    def purpose(self) -> str: ...
    @property
    def counterpart(self) -> str: ...
    @property
    def basis(self) -> str: ...
    @property
    def provision_form(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def window_text(self) -> str: ...
    @property
    def corrects_id(self) -> int | None: ...


@dataclass(frozen=True)
class FootageSettings:
    """The policy's footage settings printed above the table."""

    retention: str  # "촬영일로부터 30일"
    storage_place: str
    manager: str  # "진료부 대표원장 (070-4243-5308)"
    camera_count: int


COLUMNS = (
    Column("번호", 0.035, "RIGHT"),
    Column("구분", 0.04, "CENTER"),
    Column("일시", 0.105, "CENTER"),
    Column("파일명/형태", 0.125),
    Column("담당자 (관리책임자 또는 입회자)", 0.10),
    Column("목적/사유", 0.15),
    Column("이용·제공받는 제3자/열람등 요구자", 0.105),
    Column("이용·제공 근거", 0.12),
    Column("이용·제공 형태", 0.075),
    Column("기간", 0.145),
)


def table_rows(rows: Sequence[LedgerEntryRow]) -> list[list[str]]:
    out = []
    printed = {r.id: n for n, r in enumerate(rows, start=1)}
    for n, r in enumerate(rows, start=1):
        file_form = f"{r.camera_numbers}\n{r.file_form}" if r.camera_numbers else r.file_form
        purpose = r.purpose
        if r.corrects_id is not None:
            target = printed.get(r.corrects_id)
            ref = f"{target}번" if target is not None else f"관리대장 기록 #{r.corrects_id}"
            purpose = f"[{ref} 기록 정정] {r.purpose}"
        out.append(
            [
                str(n),
                r.kind_label,
                clock.paper_datetime(r.at),
                file_form,
                r.staff_text,
                purpose,
                r.counterpart,
                r.basis,
                r.provision_form,
                r.period or r.window_text,
            ]
        )
    return out


def summary(rows: Sequence[LedgerEntryRow]) -> str:
    kinds = Counter(r.kind_label for r in rows)
    parts = ", ".join(f"{k} {kinds[k]:,}건" for k in KINDS)
    return f"총 {len(rows):,}건 — {parts}"


def render_ledger(
    path: Path | Output,
    meta: ReportMeta,
    rows: Sequence[LedgerEntryRow],
    settings: FootageSettings,
    *,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """Print the ledger to ``path``; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        info = lay.form(
            [
                (Field("보관기간", settings.retention), Field("보관장소", settings.storage_place)),
                (Field("관리책임자", settings.manager), Field("설치 대수", f"{settings.camera_count}대")),
                (Field("기록 건수", summary(rows)),),
            ],
            label_width=0.09,
        )
        return [info, lay.space(3), lay.table(COLUMNS, table_rows(rows), empty="이 기간의 기록이 없습니다.")]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def meta_for(hospital: str, by: PrintedBy, period: str, printed_at: dt.datetime | None = None) -> ReportMeta:
    """This record's :class:`ReportMeta`: form label, title, basis, landscape, a new record number."""
    return new_meta(hospital, FORM, by, period=period, printed_at=printed_at)
