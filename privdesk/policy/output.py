"""The privacy policy on paper and on the homepage: a self-contained HTML file (UTF-8, inline CSS,
no external asset; the remedies bodies' sites are plain links) and a PDF with the one page template
(an outgoing document: no 결재란). Both are written through the one safe writer
(:mod:`privdesk.files`: owner-only, never over privdesk's own files or an existing file without
``force``) and logged (HTML: an export, PDF: a printing) with the version as subject.

The policy holds no data subject's personal data (the officer's and the department's published
contacts only), so no reason (사유) is asked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from reportlab.platypus import Flowable

from privdesk import clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.errors import ValidationError
from privdesk.files import Output
from privdesk.policy.document import CCTV_DOCUMENT, CCTV_TITLE, REMEDY_BODIES, Section
from privdesk.policy.versions import VersionInfo, for_render
from privdesk.printing import SPECIMEN, record_print, witnessed
from privdesk.reports.template import Column, Form, Layout, new_meta
from privdesk.reports.template import render as render_pdf

TITLE = "개인정보 처리방침"
RECORD_PREFIX = "PP"
BASIS = "개인정보 보호법 제30조 (개인정보 처리방침의 수립 및 공개) · 같은 법 시행령 제31조"
CCTV_BASIS = "개인정보 보호법 제25조제7항 · 같은 법 시행령 제25조 (영상정보처리기기 운영·관리 방침)"

CSS = """
body { font-family: "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans KR", sans-serif; color: #222;
       max-width: 860px; margin: 2em auto; padding: 0 1em; line-height: 1.65; }
h1 { font-size: 1.6em; border-bottom: 2px solid #345; padding-bottom: .3em; }
h2 { font-size: 1.2em; margin-top: 2em; color: #234; }
h3 { font-size: 1.02em; margin: 1.2em 0 .3em; }
p.version { color: #555; }
table { border-collapse: collapse; width: 100%; margin: .6em 0; font-size: .95em; }
th, td { border: 1px solid #bbb; padding: .35em .5em; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
footer { margin-top: 3em; border-top: 1px solid #ccc; color: #555; font-size: .9em; }
"""


TABLE_WIDTHS = {
    "개인정보파일": [0.24, 0.38, 0.38],
    "수탁업체명": [0.27, 0.43, 0.30],
    "번호": [0.14, 0.26, 0.60],
}


@dataclass(frozen=True)
class RenderResult:
    path: Path
    kind: str  # "html" / "pdf"
    label: str  # 제N판 / 현재 자료
    pages: int = 0
    record_no: str = ""


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".pdf":
        return "pdf"
    raise ValidationError("out", "만들 파일의 이름은 .html 또는 .pdf로 끝나야 합니다.")


def blocks(lines: Sequence[str]) -> list[tuple[str, object]]:
    """The section's lines as blocks: ("h", text), ("p", text), ("ul", [items]), ("table", [rows])."""
    out: list[tuple[str, object]] = []
    for line in lines:
        if line.startswith("## "):
            out.append(("h", line[3:]))
        elif line.startswith("- "):
            if out and out[-1][0] == "ul":
                items = out[-1][1]
                assert isinstance(items, list)
                items.append(line[2:])
            else:
                out.append(("ul", [line[2:]]))
        elif line.startswith("| "):
            cells = [c.strip() for c in line[2:].split(" | ")]
            if out and out[-1][0] == "table":
                rows = out[-1][1]
                assert isinstance(rows, list)
                rows.append(cells)
            else:
                out.append(("table", [cells]))
        else:
            out.append(("p", line))
    return out


_SITES = {b.site for b in REMEDY_BODIES if b.site}


def _linked(text: str) -> str:
    """Escaped text; the remedies bodies' sites become plain links."""
    html = escape(text)
    for site in _SITES:
        if site in html:
            html = re.sub(re.escape(site), f'<a href="https://{site}">{site}</a>', html, count=1)
    return html


def _version_line(info: VersionInfo) -> str:
    if info.number is None:
        return "초안 — 게시 전 (시행일 미정)"
    by = f", 게시 {clock.paper_date(info.published_at)}" if info.published_at else ""
    return f"제{info.number}판 · 시행일 {clock.paper_date(info.effective_date)}{by}"


def document_sections(info: VersionInfo, *, cctv: bool = False) -> list[Section]:
    """The policy's sections (without a separate CCTV document), or with ``cctv`` the separate CCTV
    운영·관리 방침 (the profile's ``[policy] cctv = "separate"``) and the hospital's footer."""
    if not cctv:
        return [s for s in info.sections if s.key != CCTV_DOCUMENT]
    doc = [s for s in info.sections if s.key == CCTV_DOCUMENT]
    if not doc:
        raise ValidationError(
            "cctv",
            "이 판에는 별도의 영상정보처리기기 운영·관리 방침이 없습니다: 처리방침의 한 절입니다 "
            '(병원 프로필 [policy] cctv = "separate"이면 별도 문서로 만듭니다).',
        )
    return doc + [s for s in info.sections if s.key == "hospital"]


SPECIMEN_STYLE = (
    "background: #fdecea; color: #a31515; border: 2px solid #a31515; font-weight: bold;"
    " text-align: center; padding: .5em; margin: 0 0 1em;"
)


def html_document(hospital: str, info: VersionInfo, *, cctv: bool = False, specimen: str = "") -> str:
    """The policy as one HTML page (no script, no external file). The list of earlier versions with
    their effective dates is part of the stored text (the last section, 처리방침 변경).

    ``specimen`` (a demo database's page: :data:`privdesk.printing.SPECIMEN`): said in the title,
    in a red band at the top and again at the bottom of the page, and the page asks search engines
    not to index it — a demo's policy put on a homepage by mistake says what it is."""
    mark = escape(specimen)
    title = f"{escape(hospital)} {CCTV_TITLE if cctv else TITLE}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ko">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        *(['<meta name="robots" content="noindex, nofollow">'] if specimen else []),
        f"<title>[{mark}] {title}</title>" if specimen else f"<title>{title}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
    ]
    band = f'<p class="specimen" role="note" style="{SPECIMEN_STYLE}">{mark}</p>'
    if specimen:
        parts.append(band)
    sections = document_sections(info, cctv=cctv)
    footer = sections.pop() if sections and sections[-1].key == "hospital" else None
    for i, s in enumerate(sections):
        if i == 0:
            parts.append(f"<h1>{escape(hospital)} {escape(s.title)}</h1>")
            parts.append(f'<p class="version">{escape(_version_line(info))}</p>')
        else:
            parts.append(f'<section id="{escape(s.key)}"><h2>{escape(s.title)}</h2>')
        for kind, value in blocks(s.lines):
            if kind == "h":
                parts.append(f"<h3>{escape(str(value))}</h3>")
            elif kind == "p":
                parts.append(f"<p>{_linked(str(value))}</p>")
            elif kind == "ul":
                assert isinstance(value, list)
                parts.append("<ul>" + "".join(f"<li>{_linked(x)}</li>" for x in value) + "</ul>")
            else:
                assert isinstance(value, list)
                head, *rows = value
                parts.append(
                    "<table><thead><tr>"
                    + "".join(f"<th>{escape(c)}</th>" for c in head)
                    + "</tr></thead><tbody>"
                    + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
                    + "</tbody></table>"
                )
        if i:
            parts.append("</section>")
    if footer is not None:
        parts.append("<footer>" + "".join(f"<p>{escape(x)}</p>" for x in footer.lines) + "</footer>")
    if specimen:
        parts.append(band)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _pdf_body(info: VersionInfo, sections: list[Section]) -> Callable[[Layout], list[Flowable]]:
    def body(lay: Layout) -> list[Flowable]:
        story: list[Flowable] = [lay.text(_version_line(info)), lay.space(3)]
        for i, s in enumerate(sections):
            if i:
                story += lay.heading(s.title)
            for kind, value in blocks(s.lines):
                if kind == "h":
                    story += [lay.space(1.5), lay.text(str(value), lay.st.heading)]
                elif kind == "p":
                    story += [lay.text(str(value)), lay.space(1)]
                elif kind == "ul":
                    assert isinstance(value, list)
                    story += [lay.text("• " + x) for x in value]
                    story.append(lay.space(1))
                else:
                    assert isinstance(value, list)
                    head, *rows = value
                    widths = TABLE_WIDTHS.get(head[0], [1.0 / len(head)] * len(head))
                    story += [
                        lay.table([Column(h, w) for h, w in zip(head, widths, strict=True)], rows),
                        lay.space(2),
                    ]
            story.append(lay.space(3))
        return story

    return body


def render(
    ctx: AppContext,
    actor: Actor,
    out: Output | Path | str,
    *,
    number: int | None = None,
    force: bool = False,
    cctv: bool = False,
) -> RenderResult:
    """Write version ``number`` (default: the latest published, else today's data as a draft) to
    ``out`` — ``.html`` for the homepage or ``.pdf`` — and log it. ``cctv``: the separate CCTV
    운영·관리 방침 instead (when the profile makes it a document of its own)."""
    target = files.guarded(ctx.settings, out, force=force)
    kind = _kind(target.path)
    info = for_render(ctx, actor, number)
    sections = document_sections(info, cctv=cctv)
    hospital = ctx.profile.name
    what = "CCTV 운영·관리방침" if cctv else "처리방침"
    if kind == "html":
        text = html_document(hospital, info, cctv=cctv, specimen=SPECIMEN if ctx.is_demo else "")
        with files.replacing(target, encoding="utf-8") as fh:
            fh.write(text)
            with ctx.unit(actor, Permission.POLICY_MANAGE) as u:
                u.log(
                    Action.EXPORT,
                    info.subject,
                    detail=f"{what} HTML {info.label}; {len(text.encode()):,}바이트",
                )
        return RenderResult(target.path, kind, info.label)
    form = (
        Form(CCTV_TITLE, RECORD_PREFIX, CCTV_BASIS, internal=False)
        if cctv
        else Form(TITLE, RECORD_PREFIX, BASIS, internal=False)
    )
    meta = witnessed(ctx, new_meta(hospital, form, actor))
    body = _pdf_body(info, sections)
    pages = render_pdf(
        target,
        meta,
        body,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            info.subject,
            f"{meta.record_no}; {what} {info.label}; {n}쪽",
            reason=None,
            permission=Permission.POLICY_MANAGE,
        ),
    )
    return RenderResult(target.path, kind, info.label, pages, meta.record_no)


def effective_of(text: str) -> dt.date:
    """``YYYY-MM-DD`` as a date (a clear Korean error otherwise)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("effective", f"시행일은 YYYY-MM-DD 형식의 날짜여야 합니다: {text!r}") from None
