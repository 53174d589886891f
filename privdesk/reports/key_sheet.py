"""The key recovery sheet (키 복구 용지): the master key as 13 groups with check characters and a
QR code of the key file's line, for the safe (see :mod:`privdesk.custody.sheet`).

Rows are plain data: :class:`privdesk.custody.sheet.KeySheet`-shaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from privdesk.files import Output
from privdesk.reports.template import (
    FONT,
    FONT_BOLD,
    GRID,
    Field,
    Form,
    Layout,
    PrintedBy,
    ReportMeta,
    new_meta,
    render,
)

TITLE = "개인정보 암호화 키 복구 용지"
BASIS = "개인정보의 안전성 확보조치 기준 제7조 (암호키 관리) — 금고 보관, 복사 금지"
RECORD_PREFIX = "KS"
WHAT = "key:recovery-sheet"
FORM = Form(TITLE, RECORD_PREFIX, BASIS, approvals=())  # kept in the safe: a sheet, not an approval
WARNING = (
    "이 용지는 환자의 주민등록번호·주소·연락처를 여는 암호화 키입니다. 금고에 보관하고 복사하거나 사진으로 찍지 "
    "마십시오. 키 파일을 잃었을 때 'privdesk key restore --out 새키파일'을 실행하고 아래 묶음을 차례로 입력하면 "
    "키 파일이 다시 만들어집니다(각 묶음의 마지막 글자는 검사 문자입니다). QR 코드를 읽으면 키 파일 한 줄이 "
    "나옵니다. 키를 교체하면 이 용지는 쓸모가 없으니 새 용지로 바꾸고 이 용지는 분쇄하십시오."
)


class SheetData(Protocol):
    @property
    def hospital(self) -> str: ...
    @property
    def groups(self) -> Sequence[str]: ...
    @property
    def check_value(self) -> str: ...
    @property
    def key_file_line(self) -> str: ...
    @property
    def made_on(self) -> str: ...


def _groups_table(groups: Sequence[str], width: float) -> Table:
    """Two columns of groups: "01  HW13 · 7"; large bold letters, the check character apart."""
    cells = [[f"{i:02d}", g[:4], g[4:]] for i, g in enumerate(groups, start=1)]
    half = (len(cells) + 1) // 2
    left, right = cells[:half], cells[half:] + [["", "", ""]] * (half - len(cells[half:]))
    rows = [[*a, "", *b] for a, b in zip(left, right, strict=True)]
    col = width / 2 - 6 * mm
    widths = [col * 0.2, col * 0.5, col * 0.3, 12 * mm, col * 0.2, col * 0.5, col * 0.3]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT_BOLD, 20, 26),
            ("FONT", (0, 0), (0, -1), FONT, 11, 26),
            ("FONT", (4, 0), (4, -1), FONT, 11, 26),
            ("TEXTCOLOR", (2, 0), (2, -1), (0.55, 0.1, 0.1)),
            ("TEXTCOLOR", (6, 0), (6, -1), (0.55, 0.1, 0.1)),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (2, -1), 0.6, GRID),
            ("BOX", (4, 0), (6, -1), 0.6, GRID),
            ("LINEBELOW", (0, 0), (2, -2), 0.3, GRID),
            ("LINEBELOW", (4, 0), (6, -2), 0.3, GRID),
        ]
    )
    return Table(rows, colWidths=widths, style=style)


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code drawn as filled squares (reportlab's QR encoder; no font involved, so the PDF
    keeps NanumGothic as its only font)."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(text)
        qr.make()
        self.modules = qr.modules
        self.size = size
        self.width = self.height = size

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        n = len(self.modules) + 8  # a quiet zone of four modules around it
        cell = self.size / n
        c = self.canv
        c.setFillColorRGB(0, 0, 0)
        for r, row in enumerate(self.modules):
            for col, dark in enumerate(row):
                if dark:
                    c.rect((col + 4) * cell, self.size - (r + 5) * cell, cell, cell, stroke=0, fill=1)


def render_key_sheet(
    path: Path | Output,
    meta: ReportMeta,
    data: SheetData,
    *,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    def body(lay: Layout) -> list[Flowable]:
        info = lay.form(
            [
                (Field("병원", data.hospital), Field("작성일", data.made_on)),
                (Field("키 확인값", data.check_value), Field("묶음", f"{len(data.groups)}개 × 5글자")),
            ],
            label_width=0.15,
        )
        return [
            lay.text(WARNING),
            lay.space(4),
            info,
            lay.space(6),
            _groups_table(data.groups, lay.width),
            lay.space(8),
            lay.text("키 파일 한 줄 (QR 코드):"),
            lay.space(2),
            QrCode(data.key_file_line, 45 * mm),
        ]

    return render(path, meta, body, before_publish=before_publish)


def meta_for(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, FORM, by, printed_at=printed_at)
