"""The letters of the yearly usage notice (개인정보 이용·제공 내역 통지서, 법 제20조의2): one letter
per patient, one PDF for the batch. A letter goes to the person: no 결재란; the name and the
address are in full on the letter (it is addressed to them), the resident number never. Each
letter states the purposes and items of use and every provision to a third party of the year,
and where to ask (열람·정정·삭제·처리정지 요구: the officer and the department). Renders the
batch's plain data only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from privdesk import clock
from privdesk.files import Output
from privdesk.korean import josa
from privdesk.notice.usecases import Letter, Use
from privdesk.profile import HospitalProfile
from privdesk.reports.template import (
    Column,
    Field,
    Form,
    Layout,
    PrintedBy,
    ReportMeta,
    new_meta,
    period_text,
    render,
)

TITLE = "개인정보 이용·제공 내역 통지서"
BASIS = "개인정보 보호법 제20조의2, 같은 법 시행령 제15조의3"
RECORD_PREFIX = "UN"
FORM = Form(TITLE, RECORD_PREFIX, BASIS, internal=False)  # a letter to the person: no 결재란


@dataclass(frozen=True)
class LetterBook:
    hospital: str
    year: int
    issue: int
    use: Use
    letters: tuple[Letter, ...]
    contacts: str

    def __repr__(self) -> str:
        return f"LetterBook(year={self.year}, issue={self.issue}, letters={len(self.letters)})"


def contacts_of(profile: HospitalProfile) -> str:
    o, d = profile.officer, profile.department
    officer = " ".join(x for x in (o.title, o.name) if x)
    return f"개인정보 보호책임자 {officer} (전화 {o.phone}), 담당 부서 {d.department} (전화 {d.phone})"


def meta_for(hospital: str, by: PrintedBy, year: int, issue: int) -> ReportMeta:
    meta = new_meta(hospital, FORM, by, period=period_text(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if issue > 1:
        from dataclasses import replace

        meta = replace(meta, title=f"{TITLE} (재발행 제{issue}차)")
    return meta


def _letter(lay: Layout, book: LetterBook, x: Letter) -> list[Flowable]:
    u = book.use
    story: list[Flowable] = [
        lay.text(f"{x.name} 님께", lay.st.heading),
        lay.form(
            [(Field("받는 분", x.name), Field("차트번호", x.chart_no)), (Field("주소", x.address or "-"),)]
        ),
        lay.space(3),
        lay.text(
            f"{josa(book.hospital, '은/는')} 개인정보 보호법 제20조의2에 따라 {book.year}년 한 해 동안 귀하의 "
            "개인정보를 이용하고 제3자에게 제공한 내역을 알려 드립니다."
        ),
        *lay.heading("1. 개인정보의 이용 목적과 항목", keep_mm=25),
        lay.table(
            [
                Column("개인정보파일", 0.2),
                Column("이용 목적", 0.3),
                Column("이용 항목", 0.25),
                Column("보유기간", 0.25),
            ],
            [[u.file_name, u.purpose, u.items, u.retention or "-"]],
        ),
        lay.text(f"처리 근거: {u.legal_basis}"),
        *lay.heading(f"2. {book.year}년 제3자 제공 내역", keep_mm=25),
        lay.table(
            [
                Column("제공일", 0.13, "CENTER"),
                Column("제공받은 자", 0.22),
                Column("제공 목적", 0.22),
                Column("제공 항목", 0.2),
                Column("근거", 0.23),
            ],
            [
                [clock.paper_date(p.disclosed_on), p.recipient, p.purpose, p.items, p.basis]
                for p in x.provisions
            ],
            empty=f"{book.year}년에 귀하의 개인정보를 제3자에게 제공한 내역이 없습니다.",
        ),
        *lay.heading("3. 문의와 권리 행사", keep_mm=20),
        lay.text(
            f"귀하는 언제든지 개인정보의 열람·정정·삭제·처리정지를 요구할 수 있습니다. 문의: {book.contacts}."
        ),
    ]
    return story


def body(book: LetterBook) -> Callable[[Layout], Iterator[Flowable]]:
    """The letters' flowables produced one letter at a time (the renderer lays them out as they
    come: a batch of 50,000 letters is never a story of 50,000 letters' flowables at once)."""

    def build(lay: Layout) -> Iterator[Flowable]:
        for i, x in enumerate(book.letters):
            if i:
                yield PageBreak()
            yield from _letter(lay, book, x)

    return build


def render_letters(
    path: Path | Output,
    meta: ReportMeta,
    book: LetterBook,
    *,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    return render(path, meta, body(book), on_page=on_page, before_publish=before_publish)
