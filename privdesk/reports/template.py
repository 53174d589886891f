"""The one page template (쪽 서식) every printed record uses.

Every record printed by privdesk carries the hospital's name, the record's title and number, the
page number ("쪽 N / M"), when and by whom it was printed, and — on internal records only — approval
boxes (결재란: 담당 / 책임자); letters and the forms a person signs carry none (:class:`Form`). Only the bundled NanumGothic (regular and bold) is used and
embedded (subset): no style, table or canvas ever refers to a built-in font, so ``pdffonts`` lists
NanumGothic alone, ``emb yes``.

A record module builds its body with a :class:`Layout` (which knows the usable width of the page)
and hands it to :func:`render`::

    from privdesk.reports.template import (Column, Field, FieldGroup, Form, Layout, checkboxes,
                                           new_meta, period_text, render)

    LEDGER = Form("개인영상정보 관리대장", "CV", label="[별지 제3호서식]", landscape=True)  # internal: 결재란
    meta = new_meta(ctx.profile.name, LEDGER, actor, period=period_text(first, last))  # actor: name + login

    def body(lay: Layout) -> list[Flowable]:
        return [
            lay.form([(Field("구분", checkboxes(["열람", "존재확인"], {"열람"})),),
                      FieldGroup("청구인", ((Field("성명", "홍길동"), Field("전화번호", "010-****-1234")),
                                            (Field("주소", "…"),)))]),
            *lay.heading("열람 기록"),
            lay.table([Column("번호", 0.08, "CENTER"), Column("내용", 0.92)], [["1", "…"]]),
        ]

    pages = render(Path("ledger.pdf"), meta, body)

:func:`render` writes through the one safe writer (:mod:`privdesk.files`: a temporary owner-only
file beside the target, renamed into place; never over privdesk's own files or an existing file
without ``force``), so a crash or a cancellation (an exception raised from ``on_page``) never leaves a half PDF; the
printing is logged from ``before_publish``, so no PDF appears without its access-log entry.
The title block (form label, title, period, approval boxes) opens page 1; the running header and
footer are drawn on every page by a two-pass canvas that knows the total page count.

Long cells wrap between words (Korean 어절, as official forms do) and split a word only when it is
wider than its column, so no text ever runs past a cell. (``wordWrap='CJK'`` would also break
inside Korean words — "원|무" — which reads badly; the no-overflow guarantee is the same.)
"""

from __future__ import annotations

import datetime as dt
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from privdesk import clock, files
from privdesk.files import Output
from privdesk.resources import font_path

FONT = "NanumGothic"
FONT_BOLD = "NanumGothic-Bold"

Align = Literal["LEFT", "CENTER", "RIGHT"]

MARGIN_X = 15 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 17 * mm
CELL_PAD = 3.0
CELL_PAD_TOP = 2.0
CELL_PAD_BOTTOM = 2.5
CELL_LEADING = 10.0
GRID = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.88, 0.90, 0.93)
LABEL_FILL = colors.Color(0.93, 0.94, 0.96)
ZEBRA = colors.Color(0.965, 0.965, 0.965)
CHROME = colors.Color(0.3, 0.3, 0.3)
SPECIMEN_INK = colors.Color(0.75, 0.1, 0.1)


def register_fonts() -> None:
    """Register NanumGothic regular and bold with reportlab (idempotent)."""
    registered = pdfmetrics.getRegisteredFontNames()
    if FONT not in registered:
        pdfmetrics.registerFont(TTFont(FONT, str(font_path(bold=False))))
    if FONT_BOLD not in registered:
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_path(bold=True))))
    # <b> in paragraphs maps to the bold face; italics fall back to the same faces (no Hangul italics).
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@dataclass(frozen=True)
class Styles:
    """Paragraph styles; every one is NanumGothic (never a built-in font)."""

    body: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    form_label: ParagraphStyle
    cell: dict[str, ParagraphStyle]  # by alignment: LEFT, CENTER, RIGHT
    header_cell: ParagraphStyle
    label_cell: ParagraphStyle
    cell_size: float = 8.0


@cache
def styles() -> Styles:
    register_fonts()
    base = ParagraphStyle(
        "pd-body", fontName=FONT, fontSize=9.5, leading=13.5, wordWrap=None, textColor=colors.black
    )

    def cell(name: str, align: int) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, fontSize=8, leading=CELL_LEADING, alignment=align)

    return Styles(
        body=base,
        small=ParagraphStyle("pd-small", parent=base, fontSize=8, leading=10.5, textColor=CHROME),
        heading=ParagraphStyle(
            "pd-heading",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=6,
            spaceAfter=3,
        ),
        title=ParagraphStyle("pd-title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=22),
        form_label=ParagraphStyle("pd-form-label", parent=base, fontSize=8, leading=10),
        cell={
            "LEFT": cell("pd-cell-l", TA_LEFT),
            "CENTER": cell("pd-cell-c", TA_CENTER),
            "RIGHT": cell("pd-cell-r", TA_RIGHT),
        },
        header_cell=ParagraphStyle(
            "pd-head-cell",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=8,
            leading=CELL_LEADING,
            alignment=TA_CENTER,
        ),
        label_cell=ParagraphStyle(
            "pd-label-cell", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=11, alignment=TA_CENTER
        ),
    )


@dataclass(frozen=True)
class ReportMeta:
    """What the page template prints around a record's body."""

    hospital: str
    title: str  # official title, e.g. "권한 부여·변경·말소 기록"
    record_no: str  # this printing's number (record_number(); a draft until numbered)
    printed_by_name: str
    printed_by_login: str
    printed_at: dt.datetime  # aware; shown in KST
    form_label: str = ""  # e.g. "[별지 제5호서식]"
    period: str = ""  # e.g. "2026. 11. 1. ~ 2026. 11. 30." (period_text)
    basis: str = ""  # legal basis line under the title
    approvals: tuple[str, ...] = ("담당", "책임자")  # () = no approval boxes
    landscape: bool = False
    log_head: str = ""  # the access log's head, short form (a paper witness), in the footer
    kind: str = ""  # the record's kind (number prefix, e.g. "CN"): its own number sequence
    specimen: str = ""  # e.g. "견본 — 실제 기록 아님": printed above the header and across every page

    def __post_init__(self) -> None:
        if self.printed_at.tzinfo is None:
            raise ValueError("ReportMeta.printed_at must be timezone-aware")

    @property
    def year(self) -> int:
        """The year the number belongs to: the printing's year in KST."""
        return clock.to_kst(self.printed_at).year

    def numbered(self, n: int) -> ReportMeta:
        """This record with the ``n``-th number of its kind this year (from the database)."""
        return replace(self, record_no=record_number(self.kind, self.year, n))

    @property
    def printed_by(self) -> str:
        return f"{self.printed_by_name} ({self.printed_by_login})"

    @property
    def pagesize(self) -> tuple[float, float]:
        w, h = landscape(A4) if self.landscape else A4
        return float(w), float(h)


class PrintedBy(Protocol):
    """Who prints (an :class:`~privdesk.context.Actor` fits)."""

    @property
    def name(self) -> str: ...
    @property
    def login(self) -> str: ...


INTERNAL_APPROVALS = ("담당", "책임자")


@dataclass(frozen=True)
class Form:
    """One kind of printed record: its official title, number prefix (its own number sequence),
    form label, legal basis, orientation — and whether it is an internal record.

    ``internal``: a record the hospital keeps (ledgers, registers, certificates, plans, review
    sheets, its own incident record) carries the 결재란 (``approvals``). A paper that goes to a
    person or body outside — a letter or notice to a patient, a requester, a recipient of the
    data or the authority, or a form the person fills in and signs (요구서, 청구서, 위임장) — is
    not internal and carries none, whatever ``approvals`` says.
    """

    title: str
    prefix: str
    basis: str = ""
    label: str = ""  # e.g. "[별지 제5호서식]"
    internal: bool = True
    approvals: tuple[str, ...] = INTERNAL_APPROVALS
    landscape: bool = False

    @property
    def boxes(self) -> tuple[str, ...]:
        """The approval boxes printed on this form: none on a paper that leaves the hospital."""
        return self.approvals if self.internal else ()


def new_meta(
    hospital: str, form: Form, by: PrintedBy, *, period: str = "", printed_at: dt.datetime | None = None
) -> ReportMeta:
    """A :class:`ReportMeta` of ``form`` printed now by ``by``, with a draft number (``PH-2026-견본``):
    :func:`privdesk.printing.witnessed` gives it its number from the database. The 결재란 is the
    form's (:attr:`Form.boxes`), never the caller's."""
    at = printed_at or clock.now()
    return ReportMeta(
        hospital=hospital,
        title=form.title,
        record_no=draft_number(form.prefix, at),
        printed_by_name=by.name,
        printed_by_login=by.login,
        printed_at=at,
        form_label=form.label,
        period=period,
        basis=form.basis,
        approvals=form.boxes,
        landscape=form.landscape,
        kind=form.prefix,
    )


def record_number(prefix: str, year: int, n: int) -> str:
    """A printing's number: ``PREFIX-YYYY-NNNN``, the ``n``-th of its kind in the year (e.g.
    ``CN-2026-0007``), unique per kind: ``n`` comes from the database (:mod:`privdesk.store.counters`),
    never from the clock (numbers from the time to the second repeated on notices printed together)."""
    return f"{prefix}-{year}-{n:04d}"


def draft_number(prefix: str, at: dt.datetime) -> str:
    """The number of a record not yet numbered (a specimen rendered without the database)."""
    return f"{prefix}-{clock.to_kst(at).year}-견본"


def period_text(first: dt.date, last: dt.date) -> str:
    """``2026. 11. 1. ~ 2026. 11. 30.`` (both days included; the official style, :func:`clock.paper_date`)."""
    return f"{clock.paper_date(first)} ~ {clock.paper_date(last)}"


@dataclass(frozen=True)
class Column:
    """A data-table column; ``width`` is a fraction of the table width (fractions are normalised)."""

    title: str
    width: float
    align: Align = "LEFT"


@dataclass(frozen=True)
class Field:
    """One label | value pair of a form table; ``value`` may be text or a flowable."""

    label: str
    value: str | Flowable = ""


@dataclass(frozen=True)
class FieldGroup:
    """Rows under one group label spanning them (e.g. "청구인": 성명, 전화번호, 주소)."""

    label: str
    rows: tuple[tuple[Field, ...], ...]


FormRow = tuple[Field, ...] | FieldGroup


def checkboxes(options: Sequence[str], checked: Iterable[str] = ()) -> str:
    """``□열람  ■정정·삭제`` — a checkbox row for a form value."""
    ticked = set(checked)
    return "\u00a0\u00a0 ".join(("■" if o in ticked else "□") + o for o in options)


def _fractions(widths: Sequence[float], total: float) -> list[float]:
    s = sum(widths)
    if s <= 0 or any(w < 0 for w in widths):
        raise ValueError("column widths must be positive fractions")
    return [total * w / s for w in widths]


def _row_height(cells: Sequence[str | Paragraph], widths: Sequence[float]) -> float:
    """The height reportlab's Table would give this row (same paddings and leading)."""
    h = 0.0
    for v, w in zip(cells, widths, strict=True):
        if isinstance(v, str):
            t = CELL_LEADING * (v.count("\n") + 1)
        else:
            t = float(v.wrap(w - 2 * CELL_PAD, 1e6)[1])
        h = max(h, t)
    return h + CELL_PAD_TOP + CELL_PAD_BOTTOM


def _fit_row(
    cells: list[str | Paragraph], widths: Sequence[float], limit: float
) -> Iterator[tuple[list[str | Paragraph], float]]:
    """(cells, height) of the row — or, when it is taller than ``limit`` (a page), of the rows it
    is cut into, the long cells continuing in the rows below (the other cells left empty)."""
    while (h := _row_height(cells, widths)) > limit:
        first: list[str | Paragraph] = []
        rest: list[str | Paragraph] = []
        for v, w in zip(cells, widths, strict=True):
            parts = (
                []
                if isinstance(v, str)
                else v.split(w - 2 * CELL_PAD, limit - CELL_PAD_TOP - CELL_PAD_BOTTOM)
            )
            first.append(parts[0] if len(parts) == 2 else v)
            rest.append(parts[1] if len(parts) == 2 else "")
        if all(r == "" for r in rest):
            break  # nothing could be cut (cannot happen with text cells); reportlab will say so
        yield first, _row_height(first, widths)
        cells = rest
    yield cells, h


class PagedTable(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """A long data table that splits page by page in linear time.

    reportlab's Table (and LongTable) recompute the heights of all remaining rows at each page
    split, so a 10,000-row table takes quadratic time. Here every row is measured once (``tops``:
    running heights, ``len(rows) + 1`` of them); a split puts the rows that fit (a bisection) into
    an ordinary Table under the header row and leaves the rest as a view on the same lists.
    """

    def __init__(
        self,
        header: list[Paragraph],
        header_h: float,
        rows: list[list[str | Paragraph]],
        tops: list[float],
        widths: list[float],
        cmds: list[tuple[Any, ...]],
        *,
        zebra: bool = True,
        start: int = 0,
    ) -> None:
        super().__init__()
        self.header, self.header_h, self.rows, self.tops = header, header_h, rows, tops
        self.widths, self.cmds, self.zebra, self.start = widths, cmds, zebra, start
        self.hAlign = "LEFT"

    def _end_that_fits(self, avail_height: float) -> int:
        """Index one past the last row that fits under the header in ``avail_height``."""
        limit = self.tops[self.start] + avail_height - self.header_h + 1e-6
        return bisect_right(self.tops, limit, lo=self.start) - 1

    def _table(self, end: int) -> Table:
        rows = self.rows[self.start : end]
        cmds = list(self.cmds)
        if self.zebra:
            stripes = [colors.white, ZEBRA] if self.start % 2 == 0 else [ZEBRA, colors.white]
            cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), stripes))
        heights = [self.header_h] + [self.tops[i + 1] - self.tops[i] for i in range(self.start, end)]
        return Table(
            [self.header, *rows],
            colWidths=self.widths,
            rowHeights=heights,
            style=TableStyle(cmds),
            hAlign="LEFT",
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self.header_h + self.tops[-1] - self.tops[self.start]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        end = self._end_that_fits(availHeight)
        if end <= self.start:
            return []  # not even one row fits: the frame moves on to the next page
        if end >= len(self.rows):
            return [self._table(len(self.rows))]
        rest = PagedTable(
            self.header,
            self.header_h,
            self.rows,
            self.tops,
            self.widths,
            self.cmds,
            zebra=self.zebra,
            start=end,
        )
        return [self._table(end), rest]

    def draw(self) -> None:
        t = self._table(len(self.rows))
        t.wrapOn(self.canv, self.width, self.height)
        t.drawOn(self.canv, 0, 0)


@dataclass
class Layout:
    """Builds body flowables sized for the page: the ``story_builder`` of :func:`render` gets one.
    ``width`` and ``height`` are those of the page's body frame, in points."""

    width: float
    height: float = float(A4[1]) - MARGIN_TOP - MARGIN_BOTTOM
    st: Styles = field(default_factory=styles)

    # -- text ------------------------------------------------------------------------------------
    def text(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of plain text (escaped; newlines kept)."""
        return Paragraph(escape(text).replace("\n", "<br/>"), style or self.st.body)

    def heading(self, text: str, *, keep_mm: float = 30) -> list[Flowable]:
        """A section heading; starts a new page unless ``keep_mm`` of room is left below it, so a
        heading never ends a page alone."""
        return [CondPageBreak(keep_mm * mm), self.text(text, self.st.heading)]

    def space(self, height_mm: float) -> Spacer:
        return Spacer(1, height_mm * mm)

    # -- tables ----------------------------------------------------------------------------------
    def cell(self, text: str, width: float, align: Align = "LEFT") -> str | Paragraph:
        """Short text stays a plain string (fast); text that would not fit becomes a wrapping
        paragraph, so nothing runs past its cell."""
        if "\n" not in text and pdfmetrics.stringWidth(text, FONT, self.st.cell_size) <= width - 2 * CELL_PAD:
            return text
        return self.text(text, self.st.cell[align])

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[str]],
        *,
        zebra: bool = True,
        width: float = 1.0,
        empty: str = "기록이 없습니다.",
    ) -> Flowable:
        """A data table: header row repeated on every page, long cells wrapped, grid lines, zebra
        rows. ``width`` is the table's share of the page width. Any number of rows: the table is
        paginated in linear time (see :class:`PagedTable`)."""
        widths = _fractions([c.width for c in columns], self.width * width)
        header = [Paragraph(escape(c.title), self.st.header_cell) for c in columns]
        header_h = _row_height(header, widths)
        body: list[list[str | Paragraph]] = []
        tops = [0.0]
        for row in rows:
            if len(row) != len(columns):
                raise ValueError(f"row has {len(row)} cells, table has {len(columns)} columns")
            cells = [self.cell(str(v), w, c.align) for v, w, c in zip(row, widths, columns, strict=True)]
            for part, h in _fit_row(cells, widths, self.height - header_h - 1):
                body.append(part)
                tops.append(tops[-1] + h)
        cmds = self.table_style(columns)
        if not body:
            cmds.append(("SPAN", (0, 1), (-1, 1)))
            empty_row = [self.text(empty, self.st.cell["CENTER"])] + [""] * (len(columns) - 1)
            return Table(
                [header, empty_row], colWidths=widths, repeatRows=1, style=TableStyle(cmds), hAlign="LEFT"
            )
        return PagedTable(header, header_h, body, tops, widths, cmds, zebra=zebra)

    def table_style(self, columns: Sequence[Column]) -> list[tuple[Any, ...]]:
        """The data table's style commands (fonts, paddings, grid, header fill, column alignment)."""
        cmds: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, self.st.cell_size, CELL_LEADING),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_TOP),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_BOTTOM),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ]
        cmds += [("ALIGN", (i, 1), (i, -1), c.align) for i, c in enumerate(columns)]
        return cmds

    def form(self, rows: Sequence[FormRow], *, label_width: float = 0.17, width: float = 1.0) -> Table:
        """A key-value form table as on official Korean forms: ``label | value`` rows, two pairs in
        a row when given two fields, and groups whose label spans their rows at the left."""
        total = self.width * width
        grouped = any(isinstance(r, FieldGroup) for r in rows)
        gw = total * 0.11 if grouped else 0.0
        lw = total * label_width
        vw = (total - gw - 2 * lw) / 2
        widths = ([gw] if grouped else []) + [lw, vw, lw, vw]
        off = 1 if grouped else 0
        data: list[list[Any]] = []
        cmds: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, 8.5, 11),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ]

        def value(v: str | Flowable) -> Any:
            return self.text(v, self.st.cell["LEFT"]) if isinstance(v, str) else v

        def add_row(fields: tuple[Field, ...], first_col: int) -> None:
            if not 1 <= len(fields) <= 2:
                raise ValueError("a form row holds one or two fields")
            r = len(data)
            cells: list[Any] = [""] * len(widths)
            for k, f in enumerate(fields):
                c = off + 2 * k
                cells[c] = Paragraph(escape(f.label), self.st.label_cell)
                cells[c + 1] = value(f.value)
                cmds.append(("BACKGROUND", (c, r), (c, r), LABEL_FILL))
            if len(fields) == 1:
                cmds.append(("SPAN", (off + 1, r), (-1, r)))
            if first_col < off:  # an ungrouped row in a grouped form: the label spans both columns
                cells[0], cells[1] = cells[1], ""
                cmds.append(("SPAN", (0, r), (1, r)))
                cmds.append(("BACKGROUND", (0, r), (0, r), LABEL_FILL))
            data.append(cells)

        for row in rows:
            if isinstance(row, FieldGroup):
                start = len(data)
                for fields in row.rows:
                    add_row(fields, off)
                data[start][0] = Paragraph(escape(row.label), self.st.label_cell)
                cmds.append(("SPAN", (0, start), (0, len(data) - 1)))
                cmds.append(("BACKGROUND", (0, start), (0, len(data) - 1), LABEL_FILL))
            else:
                add_row(row, 0)
        return Table(data, colWidths=widths, style=TableStyle(cmds), hAlign="LEFT")

    # -- the title block ---------------------------------------------------------------------------
    def approval_boxes(self, labels: Sequence[str]) -> Table:
        """결재란: a narrow "결재" column, then one signature box per label."""
        data = [
            [
                Paragraph("결<br/>재", self.st.label_cell),
                *[Paragraph(escape(x), self.st.label_cell) for x in labels],
            ],
            ["", *[""] * len(labels)],
        ]
        return Table(
            data,
            colWidths=_approval_widths(len(labels)),
            rowHeights=[6.5 * mm, 15 * mm],
            style=TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 8.5, 11),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("SPAN", (0, 0), (0, 1)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL),
                    ("BACKGROUND", (0, 0), (0, 1), LABEL_FILL),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            ),
            hAlign="RIGHT",
        )

    def title_block(self, meta: ReportMeta) -> list[Flowable]:
        left: list[Flowable] = []
        if meta.form_label:
            left.append(self.text(meta.form_label, self.st.form_label))
        left.append(self.text(meta.title, self.st.title))
        if meta.basis:
            left.append(self.text(meta.basis, self.st.small))
        info = [f"기록번호 {meta.record_no}"]
        if meta.period:
            info.insert(0, f"기간 {meta.period}")
        left.append(self.text("  ·  ".join(info), self.st.small))
        if not meta.approvals:
            return [*left, self.space(4)]
        boxes = self.approval_boxes(meta.approvals)
        right_w = sum(_approval_widths(len(meta.approvals))) + 2
        block = Table(
            [[left, boxes]],
            colWidths=[self.width - right_w, right_w],
            style=TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 9, 12),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
            hAlign="LEFT",
        )
        return [block, self.space(4)]


def _approval_widths(n: int) -> list[float]:
    return [7 * mm] + [20 * mm] * n


def content_width(meta: ReportMeta) -> float:
    return meta.pagesize[0] - 2 * float(MARGIN_X)


def _chrome_canvas(meta: ReportMeta) -> type[Canvas]:
    """A canvas class that keeps each page until the end, then draws the running header and the
    footer with the total page count ("쪽 N / M") on every page."""

    class ChromeCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            # the page's drawing operators kept compressed until the end (a batch of thousands of
            # letters held every page's operators as text: most of its memory); restored as one
            # string, which reportlab joins to the same page stream
            state = {k: v for k, v in self.__dict__.items() if k != "_pages"}
            state["_code"] = zlib.compress("\n".join(self._code).encode("utf-8"), 1)
            self._pages.append(state)
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            pages, self._pages = self._pages, []
            pages.reverse()
            number = 0
            while pages:  # each page let go once drawn: never all of them uncompressed at once
                state = pages.pop()
                number += 1
                state["_code"] = [zlib.decompress(state["_code"]).decode("utf-8")]
                self.__dict__.update(state)
                self._chrome(number, total)
                super().showPage()
            super().save()

        def _specimen(self, w: float, h: float) -> None:
            """A specimen (견본, a demo database's record): a red line above the header and the
            text faintly across the page, so no copy of it passes for a real record."""
            self.saveState()
            self.setFillColor(SPECIMEN_INK)
            self.setFont(FONT_BOLD, 9)
            self.drawCentredString(w / 2, h - 7.5 * mm, meta.specimen)
            self.setFillAlpha(0.13)
            size = min(w, h) / 11
            self.setFont(FONT_BOLD, size)
            self.translate(w / 2, h / 2)
            self.rotate(35)
            self.drawCentredString(0, -size / 3, meta.specimen)
            self.restoreState()

        def _chrome(self, number: int, total: int) -> None:
            w, h = self._pagesize
            left, right = MARGIN_X, w - MARGIN_X
            if meta.specimen:
                self._specimen(w, h)
            self.saveState()
            self.setFillColor(CHROME)
            self.setStrokeColor(CHROME)
            top = h - 12 * mm
            self.setFont(FONT_BOLD, 8)
            self.drawString(left, top, meta.hospital)
            self.setFont(FONT, 8)
            self.drawRightString(right, top, f"{meta.title}  ·  기록번호 {meta.record_no}")
            self.setLineWidth(0.5)
            self.line(left, top - 2.2 * mm, right, top - 2.2 * mm)
            bottom = 9 * mm
            self.line(left, bottom + 4 * mm, right, bottom + 4 * mm)
            self.setFont(FONT, 7.5)
            self.drawString(left, bottom, f"출력 {clock.paper_datetime(meta.printed_at)}  {meta.printed_by}")
            self.setFont(FONT, 8)
            self.drawCentredString(w / 2, bottom, f"쪽 {number} / {total}")
            self.setFont(FONT, 7.5)
            self.drawRightString(
                right, bottom, f"접속기록 {meta.log_head}" if meta.log_head else meta.hospital
            )
            self.restoreState()

    return ChromeCanvas


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: Any, meta: ReportMeta, on_page: Callable[[int], None] | None) -> None:
        super().__init__(
            target,
            pagesize=meta.pagesize,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta.title,
            author=meta.hospital,
            subject=f"{meta.title} {meta.record_no}",
            creator="privdesk",
            initialFontName=FONT,
            initialFontSize=9,
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=meta.pagesize)])
        self._on_page = on_page

    def afterPage(self) -> None:
        if self._on_page is not None:
            self._on_page(self.page)


def check_output_path(path: Path | Output) -> Output:
    """The output checked before any work (:func:`privdesk.files.check`): an OutputError when its
    folder is missing, it is a folder or a device, it is one of privdesk's own files, or it exists
    and may not be replaced."""
    return files.check(path)


class _StreamedStory(list):  # type: ignore[type-arg]
    """A story read from an iterator as reportlab consumes it (``build`` asks ``len()`` before each
    flowable and only looks at the front): at most ``ahead`` flowables are held, so a body of
    thousands of letters is laid out without building all their flowables first."""

    def __init__(self, head: list[Flowable], rest: Iterator[Flowable], ahead: int = 256) -> None:
        super().__init__(head)
        self._rest: Iterator[Flowable] | None = rest
        self._ahead = ahead

    def __len__(self) -> int:
        n = super().__len__()
        while self._rest is not None and n < self._ahead:
            try:
                self.append(next(self._rest))
            except StopIteration:
                self._rest = None
                break
            n += 1
        return n

    def __bool__(self) -> bool:
        return len(self) > 0


def render(
    path: Path | Output,
    meta: ReportMeta,
    story_builder: Callable[[Layout], Iterable[Flowable]],
    *,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """Render a record to ``path`` and return its page count.

    ``story_builder(layout)`` returns the body (a list, or an iterator: then laid out as it is
    produced, see :class:`_StreamedStory`); the title block is put before it. ``on_page(n)`` is
    called after each page is laid out (progress); an exception raised there cancels the printing.
    ``before_publish(pages)`` runs when the PDF is complete but not yet in place — log the printing
    there (:func:`privdesk.printing.record_print`): if it raises, no file appears.
    The PDF goes through the one safe writer (:func:`privdesk.files.replacing`: a temporary
    owner-only file in the same folder, fsynced and renamed into place); on any failure the
    temporary file is removed and an existing file at ``path`` is left alone. Pass an
    :class:`~privdesk.files.Output` from :func:`privdesk.files.guarded` to protect privdesk's own files.
    """
    out = check_output_path(path)
    register_fonts()
    lay = Layout(content_width(meta), meta.pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM)
    body = story_builder(lay)
    story: list[Flowable] = (
        _StreamedStory(list(lay.title_block(meta)), body)
        if isinstance(body, Iterator)
        else [*lay.title_block(meta), *body]
    )
    with files.replacing(out, binary=True) as fh:
        doc = _Doc(fh, meta, on_page)
        doc.build(story, canvasmaker=_chrome_canvas(meta))
        pages = int(doc.page)
        if before_publish is not None:
            before_publish(pages)
    return pages
