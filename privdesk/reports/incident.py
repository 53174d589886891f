"""Breach register papers (유출 등 사고 대장 출력): the notification letters to the people affected, the
report to the regulator (신고서), the record of one incident, and the register of a year.

Plain data in, PDF out, through the one page template (:mod:`privdesk.reports.template`). The
letters go to patients: no approval boxes, one page per person (each letter starts a page and is
kept on it), and nothing on a letter names anybody else — the running header and footer carry only
the hospital, the title, the record number and who printed it. The other papers are internal
records with 담당 / 책임자 boxes and no personal data of the people affected.

The 신고서 fields follow ../shared/domain/forms.md and law.md §6; the official form was not at hand,
so every field label carries ※ (UNCONFIRMED) and the paper says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak

from privdesk import clock
from privdesk.files import Output
from privdesk.reports.template import (
    FONT_BOLD,
    Column,
    Field,
    FieldGroup,
    Form,
    FormRow,
    Layout,
    PrintedBy,
    ReportMeta,
    new_meta,
    period_text,
    render,
)

OnPage = Callable[[int], None] | None
Publish = Callable[[int], None] | None

LETTER_TITLE = "개인정보 유출 통지서"
LETTER_BASIS = "개인정보 보호법 제34조제1항 · 같은 법 시행령 제39조"
LETTER_PREFIX = "IL"
REPORT_TITLE = "개인정보 유출 등 신고서"
REPORT_BASIS = "개인정보 보호법 제34조제3항 · 같은 법 시행령 제40조"
REPORT_LABEL = "※ 표시 항목: 공식 서식과 대조하지 않음(UNCONFIRMED)"
REPORT_PREFIX = "IR"
RECORD_TITLE = "유출 등 사고 처리 기록"
RECORD_BASIS = "개인정보 보호법 제34조 · 표준 개인정보 보호지침 제25조"
RECORD_PREFIX = "IC"
REGISTER_TITLE = "유출 등 사고 대장"
REGISTER_PREFIX = "IB"
# The letter goes to the people affected and the 신고서 to the authority: neither carries the 결재란.
LETTER_FORM = Form(LETTER_TITLE, LETTER_PREFIX, LETTER_BASIS, internal=False)
REPORT_FORM = Form(REPORT_TITLE, REPORT_PREFIX, REPORT_BASIS, REPORT_LABEL, internal=False)
RECORD_FORM = Form(RECORD_TITLE, RECORD_PREFIX, RECORD_BASIS)  # internal: 결재란
REGISTER_FORM = Form(REGISTER_TITLE, REGISTER_PREFIX, RECORD_BASIS, landscape=True)  # internal: 결재란
UNCONFIRMED = "※"

# the five contents of a notice (법 제34조①, 시행령 제39조)
CONTENTS = (
    "유출등이 된 개인정보 항목",
    "유출등이 된 시점과 그 경위",
    "피해를 최소화하기 위하여 정보주체가 할 수 있는 방법",
    "병원의 대응조치 및 피해 구제절차",
    "피해 신고 접수 담당부서 및 연락처",
)


@dataclass(frozen=True)
class Recipient:
    """The addressee of one letter (decrypted only for the paper)."""

    name: str
    address: str

    def __repr__(self) -> str:
        return "Recipient(***)"


@dataclass(frozen=True)
class LetterText:
    """What every letter of one incident says (no personal data)."""

    number: str
    items: str
    when: str  # 시점
    summary: str  # 경위
    advice: str  # what the person can do
    response: str  # the hospital's measures
    remedy: str  # 피해 구제절차
    contact: str  # 담당부서 및 연락처
    sender: str


@dataclass(frozen=True)
class DutyLine:
    label: str
    applies: bool
    reasons: tuple[str, ...]
    article: str
    due: dt.datetime
    status: str
    late: bool


@dataclass(frozen=True)
class NoticeLine:
    duty: str
    channel: str
    sent_at: dt.datetime
    people: int
    note: str


@dataclass(frozen=True)
class EventLine:
    at: dt.datetime
    actor: str
    change: str
    detail: str


@dataclass(frozen=True)
class IncidentRecord:
    """One incident as the internal papers show it (no names or contacts of the people affected)."""

    number: str
    kind: str
    state: str
    happened_at: dt.datetime | None
    learnt_at: dt.datetime
    reporter: str
    summary: str
    files: str
    items: str
    containment: str
    outside_access: bool
    affected: int
    by_source: tuple[tuple[str, int], ...]
    duties: tuple[DutyLine, ...]
    notices: tuple[NoticeLine, ...]
    events: tuple[EventLine, ...]
    opened: str
    cause: str
    measures: str
    closed: str


@dataclass(frozen=True)
class Organisation:
    """The reporting organisation on the 신고서."""

    name: str
    representative: str
    business_number: str
    address: str
    phone: str
    officer: str
    department: str


@dataclass(frozen=True)
class RegisterRow:
    number: str
    learnt_at: dt.datetime
    kind: str
    summary: str
    affected: int
    notify: str
    report: str
    state: str


def _when(value: dt.datetime | None, unknown: str = "확인 중") -> str:
    return clock.paper_datetime(value) if value is not None else unknown


# -- letters -----------------------------------------------------------------------------------------
def render_letters(
    path: Path | Output,
    meta: ReportMeta,
    text: LetterText,
    recipients: Sequence[Recipient],
    *,
    on_page: OnPage = None,
    before_publish: Publish = None,
) -> int:
    """One letter per recipient, each on its own page; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        st = lay.st
        to = ParagraphStyle("il-to", parent=st.body, fontName=FONT_BOLD, fontSize=12, leading=17)
        addr = ParagraphStyle("il-addr", parent=st.body, fontSize=10, leading=14)
        right = ParagraphStyle("il-right", parent=st.body, alignment=TA_RIGHT, fontSize=10, leading=15)
        signer = ParagraphStyle("il-signer", parent=right, fontName=FONT_BOLD, fontSize=12, leading=18)
        date = clock.paper_date(meta.printed_at)
        contents = (
            text.items,
            f"{text.when}\n{text.summary}",
            text.advice,
            f"{text.response}\n{text.remedy}",
            text.contact,
        )
        story: list[Flowable] = []
        for i, r in enumerate(recipients):
            letter: list[Flowable] = [] if i == 0 else [*lay.title_block(meta)]
            letter += [
                lay.text(r.address, addr),
                lay.text(f"{r.name} 귀하", to),
                lay.space(4),
                lay.text(
                    f"{text.sender}에서 관리하던 귀하의 개인정보가 유출되었거나 유출되었을 가능성이 있어 "
                    "「개인정보 보호법」 제34조에 따라 아래와 같이 알려 드립니다. 불편과 심려를 끼쳐 드려 깊이 "
                    "사과드립니다.",
                    st.body,
                ),
                lay.space(3),
                lay.form(
                    [
                        (Field(f"{n}. {label}", value),)
                        for n, (label, value) in enumerate(zip(CONTENTS, contents, strict=True), start=1)
                    ],
                    label_width=0.27,
                ),
                lay.space(3),
                lay.text(
                    f"사고 번호 {text.number}. 아직 확인되지 않은 내용은 확인되는 대로 다시 알려 드리겠습니다.",
                    st.small,
                ),
                lay.space(5),
                lay.text(date, right),
                lay.space(2),
                lay.text(f"{text.sender}\u00a0\u00a0(직인)", signer),
            ]
            story.append(KeepTogether(letter))
            if i < len(recipients) - 1:
                story.append(PageBreak())
        return story

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


# -- the 신고서 --------------------------------------------------------------------------------------
def _u(label: str) -> str:
    return f"{label} {UNCONFIRMED}"


def render_report_form(
    path: Path | Output,
    meta: ReportMeta,
    org: Organisation,
    r: IncidentRecord,
    *,
    on_page: OnPage = None,
    before_publish: Publish = None,
) -> int:
    """The report to the 개인정보보호위원회 / KISA; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        report = next((d for d in r.duties if d.label.endswith("신고")), None)
        notices = (
            "\n".join(
                f"{clock.paper_datetime(n.sent_at)} {n.channel}" + (f" {n.people:,}명" if n.people else "")
                for n in r.notices
                if n.duty == "정보주체 통지"
            )
            or "통지 전"
        )
        rows: list[FormRow] = [
            FieldGroup(
                _u("신고기관"),
                (
                    (Field("기관명", org.name), Field("대표자", org.representative)),
                    (Field("사업자등록번호", org.business_number), Field("대표 전화", org.phone)),
                    (Field("주소", org.address),),
                    (Field("개인정보 보호책임자", org.officer),),
                    (Field("담당부서·담당자", org.department),),
                ),
            ),
            FieldGroup(
                _u("유출 등 사고"),
                (
                    (Field("사고 번호", r.number), Field("유형", r.kind)),
                    (Field("유출 일시", _when(r.happened_at)), Field("인지 일시", _when(r.learnt_at))),
                    (Field("유출 경위", r.summary),),
                    (Field("외부 불법 접근", "예" if r.outside_access else "아니오"),),
                ),
            ),
            FieldGroup(
                _u("유출 항목·규모"),
                (
                    (Field("유출 항목", r.items or "확인 중"),),
                    (Field("개인정보파일", r.files or "-"), Field("정보주체 수", f"{r.affected:,}명")),
                ),
            ),
            (Field(_u("신고 사유"), "\n".join(report.reasons) if report else ""),),
            (Field(_u("통지 여부·일시·방법"), notices),),
            (Field(_u("피해 최소화 조치"), r.containment or "조치 중"),),
            (Field(_u("재발 방지 조치"), r.measures or "수립 중"),),
        ]
        due = f"신고 기한 {clock.paper_datetime(report.due)} ({report.status})" if report else ""
        return [
            lay.text(
                "※ 이 신고서의 항목은 개인정보 유출 등 신고서 공식 서식과 대조하지 않았습니다(UNCONFIRMED). "
                "제출 전에 개인정보보호위원회·KISA의 최신 서식(개인정보 포털)과 대조하여 옮겨 적으십시오.",
                lay.st.small,
            ),
            lay.space(2),
            lay.form(rows, label_width=0.16),
            lay.space(3),
            lay.text(due, lay.st.small),
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


# -- the incident record -------------------------------------------------------------------------------
def render_record(
    path: Path | Output,
    meta: ReportMeta,
    r: IncidentRecord,
    *,
    on_page: OnPage = None,
    before_publish: Publish = None,
) -> int:
    """The incident with its duties, notices and history; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        sources = ", ".join(f"{label} {n:,}명" for label, n in r.by_source) or "-"
        facts: list[FormRow] = [
            (Field("사고 번호", r.number), Field("상태", r.state)),
            (Field("유형", r.kind), Field("외부 불법 접근", "예" if r.outside_access else "아니오")),
            (Field("발생 일시", _when(r.happened_at, "미상")), Field("인지 일시", _when(r.learnt_at))),
            (Field("최초 보고자", r.reporter or "-"), Field("등록", r.opened)),
            (Field("경위", r.summary),),
            (Field("개인정보파일", r.files or "-"), Field("유출 항목", r.items or "확인 중")),
            (Field("정보주체", f"{r.affected:,}명 ({sources})"),),
            (Field("최초 대응조치", r.containment or "-"),),
            (Field("원인", r.cause or "-"),),
            (Field("재발 방지 조치", r.measures or "-"),),
            (Field("종결", r.closed or "대응 중"),),
        ]
        return [
            lay.form(facts, label_width=0.14),
            *lay.heading("통지·신고 의무"),
            lay.table(
                [
                    Column("의무", 0.2),
                    Column("적용", 0.07, "CENTER"),
                    Column("사유·근거", 0.39),
                    Column("기한", 0.13, "CENTER"),
                    Column("상태", 0.21),
                ],
                [
                    [
                        d.label,
                        "적용" if d.applies else "해당 없음",
                        "\n".join([*d.reasons, d.article]),
                        clock.paper_datetime(d.due),
                        d.status + (" ■지연" if d.late else ""),
                    ]
                    for d in r.duties
                ],
            ),
            *lay.heading("보낸 통지·신고"),
            lay.table(
                [
                    Column("일시", 0.16, "CENTER"),
                    Column("의무", 0.2),
                    Column("방법", 0.2),
                    Column("인원", 0.1, "RIGHT"),
                    Column("메모", 0.34),
                ],
                [
                    [
                        clock.paper_datetime(n.sent_at),
                        n.duty,
                        n.channel,
                        f"{n.people:,}" if n.people else "-",
                        n.note,
                    ]
                    for n in r.notices
                ]
                or [["-", "-", "-", "-", "아직 없음"]],
            ),
            *lay.heading("처리 이력"),
            lay.table(
                [
                    Column("일시", 0.16, "CENTER"),
                    Column("처리자", 0.12),
                    Column("구분", 0.12, "CENTER"),
                    Column("내용", 0.6),
                ],
                [[clock.paper_datetime(e.at), e.actor, e.change, e.detail] for e in r.events],
            ),
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


# -- the register of a year -----------------------------------------------------------------------------
def render_register(
    path: Path | Output,
    meta: ReportMeta,
    rows: Sequence[RegisterRow],
    *,
    on_page: OnPage = None,
    before_publish: Publish = None,
) -> int:
    def body(lay: Layout) -> list[Flowable]:
        return [
            lay.table(
                [
                    Column("사고 번호", 0.11, "CENTER"),
                    Column("인지 일시", 0.11, "CENTER"),
                    Column("유형", 0.1),
                    Column("경위", 0.26),
                    Column("정보주체", 0.07, "RIGHT"),
                    Column("통지", 0.13),
                    Column("신고", 0.13),
                    Column("상태", 0.09, "CENTER"),
                ],
                [
                    [
                        r.number,
                        clock.paper_datetime(r.learnt_at),
                        r.kind,
                        r.summary,
                        f"{r.affected:,}명",
                        r.notify,
                        r.report,
                        r.state,
                    ]
                    for r in rows
                ]
                or [["-", "-", "-", "이 해에 등록된 사고가 없습니다.", "-", "-", "-", "-"]],
            )
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


# -- metas ------------------------------------------------------------------------------------------------
def letter_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, LETTER_FORM, by, printed_at=printed_at)


def report_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, REPORT_FORM, by, printed_at=printed_at)


def record_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, RECORD_FORM, by, printed_at=printed_at)


def register_meta(
    hospital: str, by: PrintedBy, year: int, printed_at: dt.datetime | None = None
) -> ReportMeta:
    return new_meta(
        hospital,
        REGISTER_FORM,
        by,
        period=period_text(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        printed_at=printed_at,
    )
