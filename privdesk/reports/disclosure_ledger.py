"""The ledger of uses beyond the purpose and third-party provisions (개인정보의 목적 외 이용 및 제3자
제공 대장, 시행령 제15조) for a period.

Landscape, with the items of 시행령 제15조 (forms.md §6) as columns: 번호 | 구분 (제3자 제공 / 목적 외
이용) | 이용·제공일 (날짜·주기·기간) | 개인정보파일 명칭 | 이용기관·제공받는 자 | 이용·제공 목적 |
법적 근거 | 항목 | 형태 | 제한·조치 요청 내용 | 정보주체 수 | 가명처리 (the 가명처리 record of 법
제28조의4③ in words) | 문서번호 | 처리자. The official column layout is **UNCONFIRMED** (forms.md §6).
An entry on the repealed statistics ground (구 법 제18조②4) prints with that label. "번호" is the entry's permanent number; a correcting entry names the
entry it corrects and a corrected entry names its correction (정정 기재). Subjects are counted, never
named: the printed ledger holds no personal data of the subjects.

Rows are shaped like :class:`privdesk.disclosures.ledger.DisclosureRow`.
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
from privdesk.reports.template import Column, Field, Form, Layout, PrintedBy, ReportMeta, new_meta, render

TITLE = "개인정보의 목적 외 이용 및 제3자 제공 대장"
BASIS = (
    "개인정보 보호법 제17조 (개인정보의 제공) · 제18조 (목적 외 이용·제공 제한) · 제28조의4 (가명정보 처리 기록) · "
    "같은 법 시행령 제15조 (목적 외 이용 및 제3자 제공 대장의 기재 사항)"
)
RECORD_PREFIX = "TP"
WHAT = "report:disclosure-ledger"
FORM = Form(TITLE, RECORD_PREFIX, BASIS, landscape=True)  # internal: 결재란


class DisclosureEntryRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def kind_label(self) -> str: ...
    @property
    def pseudonym_text(self) -> str: ...
    @property
    def disclosed_on(self) -> dt.date: ...
    @property
    def period(self) -> str: ...
    @property
    def file_name(self) -> str: ...
    @property
    def recipient(self) -> str: ...
    @property
    def recipient_purpose(self) -> str: ...
    @property
    def basis_label(self) -> str: ...
    @property
    def basis_text(self) -> str: ...
    @property
    def items(self) -> str: ...
    @property
    def form(self) -> str: ...
    @property
    def restrictions(self) -> str: ...
    @property
    def subject_count(self) -> int: ...
    @property
    def deidentified(self) -> bool: ...
    @property
    def document_no(self) -> str: ...
    @property
    def provider_text(self) -> str: ...
    @property
    def corrects_id(self) -> int | None: ...
    @property
    def corrected_by(self) -> tuple[int, ...]: ...


COLUMNS = (
    Column("번호", 0.03, "RIGHT"),
    Column("구분", 0.04, "CENTER"),
    Column("이용·제공일 (날짜 · 주기 · 기간)", 0.072, "CENTER"),
    Column("개인정보 파일 명칭", 0.05),
    Column("이용기관 · 제공받는 자", 0.068),
    Column("이용·제공 목적", 0.08),
    Column("법적 근거", 0.10),
    Column("항목", 0.06),
    Column("형태", 0.05, "CENTER"),
    Column("제한·조치 요청 내용", 0.125),
    Column("정보 주체 수", 0.045, "RIGHT"),
    Column("가명처리 (법 제28조의4)", 0.14),
    Column("문서번호", 0.07),
    Column("처리자", 0.07),
)


def table_rows(rows: Sequence[DisclosureEntryRow]) -> list[list[str]]:
    out = []
    for r in rows:
        marks = []
        if r.corrects_id is not None:
            marks.append(f"[{r.corrects_id}번 기록 정정]")
        if r.corrected_by:
            marks.append("[" + ", ".join(f"{i}번" for i in r.corrected_by) + " 기록으로 정정됨]")
        purpose = " ".join([*marks, r.recipient_purpose])
        when = clock.paper_date(r.disclosed_on) + (f" ({r.period})" if r.period else "")
        out.append(
            [
                str(r.id),
                r.kind_label,
                when,
                r.file_name,
                r.recipient,
                purpose,
                r.basis_text,
                r.items,
                r.form,
                r.restrictions or "-",
                f"{r.subject_count:,}명",
                r.pseudonym_text or ("예 (기록 없음)" if r.deidentified else "-"),
                r.document_no,
                r.provider_text,
            ]
        )
    return out


def summary(rows: Sequence[DisclosureEntryRow]) -> str:
    bases = Counter(r.basis_label for r in rows)
    kinds = Counter(r.kind_label for r in rows)
    people = sum(r.subject_count for r in rows)
    parts = ", ".join(f"{label} {n:,}건" for label, n in bases.most_common())
    head = (
        f"총 {len(rows):,}건 (제3자 제공 {kinds['제3자 제공']:,}건, 목적 외 이용 {kinds['목적 외 이용']:,}건), "
        f"정보주체 {people:,}명"
    )
    return f"{head} — {parts}" if parts else head


def render_ledger(
    path: Path | Output,
    meta: ReportMeta,
    rows: Sequence[DisclosureEntryRow],
    *,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """Print the ledger to ``path``; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        deid = sum(1 for r in rows if r.deidentified)
        info = lay.form(
            [
                (Field("기록 건수", summary(rows)),),
                (
                    Field("가명처리", f"{deid:,}건"),
                    Field("정정 기재", f"{sum(1 for r in rows if r.corrects_id is not None):,}건"),
                ),
            ],
            label_width=0.11,
        )
        return [
            info,
            lay.space(3),
            lay.table(COLUMNS, table_rows(rows), empty="이 기간의 목적 외 이용·제3자 제공 기록이 없습니다."),
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def meta_for(hospital: str, by: PrintedBy, period: str, printed_at: dt.datetime | None = None) -> ReportMeta:
    """This record's :class:`ReportMeta`: title, basis, landscape, a new record number."""
    return new_meta(hospital, FORM, by, period=period, printed_at=printed_at)
