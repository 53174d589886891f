"""Data-subject request forms and notices (정보주체 요구서·통지서), A4 portrait.

Forms of the 개인정보 처리 방법에 관한 고시 (forms.md §4–§5; every field list there is UNCONFIRMED —
check against law.go.kr before relying on the layout):

1. 「개인정보(열람, 정정·삭제, 처리정지) 요구서」 [별지 제8호서식], filled from the intake for the
   requester's signature: 접수번호·접수일·처리기간, 정보주체 and 대리인 blocks, the 요구 내용
   checkboxes (□열람 with the five items of 시행령 제41조①, □정정·삭제, □처리정지), the request
   text, "요구인 (서명 또는 인)" and the hospital as addressee (귀하), then the hospital's reception
   checks and the 처리 절차.
2. 「개인정보 열람 통지서」 [별지 제9호서식]: 수신자, 요구 내용, 열람 일시·장소·방법, 납부 금액, and
   the 열람할 개인정보 itself (항목 및 내용, 목적, 보유기간, 제3자 제공 현황, 동의 사실·내용).
3. 「개인정보 열람 연기·거절 통지서」 [별지 제10호서식]: 연기 (법 제35조③: new deadline and the
   reason) or 거절 (법 제35조④: ground, basis, explanation). Only 열람 can be postponed: the law gives
   정정·삭제 and 처리정지 no extension (시행령 제43조③, 제44조②), so there is no 연기 notice for them.
4. 「개인정보 정정·삭제 결과 통지서」 [별지 제12호서식] and 5. 「개인정보 처리정지 요구에 대한 결과
   통지서」 [별지 제13호서식] (also for 동의철회·회원탈퇴): 처리 결과 (완료 / 일부 완료 / 거절) with
   what was done, and the ground when not everything was done.
7. 「위임장」 [별지 제11호서식] that the 요구서 refers to: 위임받는 사람 (the agent: 성명, 전화번호,
   생년월일, 정보주체와의 관계, 주소), 위임하는 사람 (the subject: 성명, 전화번호, 생년월일, 주소), the
   requests delegated (□열람 □정정·삭제 □처리정지), "「개인정보 보호법」 제38조에 따라 … 위임합니다",
   the date and the 위임하는 사람's signature — blank, or filled from an agent's request (the field list
   is UNCONFIRMED, forms.md §4). A paper the subject signs: no 결재란.
6. 「개인정보 정정 통지서」 (privdesk's own, no official form): the letter to one third party that
   received the record before a correction (the policy: 제3자에게 정정 통지).

Every notice to the data subject states how to object (이의제기 방법). The dataclasses hold personal
data decrypted by :mod:`privdesk.rights.printing`; their reprs name the request number only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether

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
    checkboxes,
    new_meta,
    render,
)

OnPage = Callable[[int], None] | None

# -- titles, form numbers, legal bases, record-number prefixes ------------------------------------
FORM_TITLE = "개인정보(열람, 정정·삭제, 처리정지) 요구서"
FORM_LABEL = "[별지 제8호서식]"
FORM_BASIS = "개인정보 보호법 제35조·제36조·제37조 · 개인정보 처리 방법에 관한 고시"
FORM_PREFIX = "RQ"

ACCESS_TITLE = "개인정보 열람 통지서"
ACCESS_LABEL = "[별지 제9호서식]"
ACCESS_BASIS = "개인정보 보호법 제35조 · 같은 법 시행령 제41조제4항 (10일 이내 통지)"
ACCESS_PREFIX = "RA"

DELAY_TITLE = "개인정보 열람 연기·거절 통지서"
DELAY_LABEL = "[별지 제10호서식]"
DELAY_BASIS = "개인정보 보호법 제35조제3항·제4항 · 같은 법 시행령 제42조제2항 (10일 이내 통지)"
DELAY_PREFIX = "RD"

CORRECTION_TITLE = "개인정보 정정·삭제 결과 통지서"
CORRECTION_LABEL = "[별지 제12호서식]"
CORRECTION_BASIS = "개인정보 보호법 제36조 · 같은 법 시행령 제43조제3항 (10일 이내 통지)"
CORRECTION_PREFIX = "RC"

SUSPENSION_TITLE = "개인정보 처리정지 요구에 대한 결과 통지서"
SUSPENSION_LABEL = "[별지 제13호서식]"
SUSPENSION_BASIS = "개인정보 보호법 제37조 · 같은 법 시행령 제44조제2항 (10일 이내 통지)"
SUSPENSION_PREFIX = "RS"

POA_TITLE = "위임장"
POA_LABEL = "[별지 제11호서식]"
POA_BASIS = "개인정보 보호법 제38조제1항 · 같은 법 시행령 제45조 · 개인정보 처리 방법에 관한 고시"
POA_PREFIX = "RP"

LETTER_TITLE = "개인정보 정정 통지서"
LETTER_BASIS = "개인정보 보호법 제36조 · 개인정보 처리방침 (정정 내용을 제공받은 제3자에게 통지)"
LETTER_PREFIX = "RN"
# Every paper of a request leaves the hospital: the 요구서 and the 위임장 are the person's own, signed;
# the notices (별지 제9·10·12·13호) and the correction letter go to the person or to the recipients
# of the data. None carries the internal 결재란.
REQUEST_FORM = Form(FORM_TITLE, FORM_PREFIX, FORM_BASIS, FORM_LABEL, internal=False)
ACCESS_FORM = Form(ACCESS_TITLE, ACCESS_PREFIX, ACCESS_BASIS, ACCESS_LABEL, internal=False)
DELAY_FORM = Form(DELAY_TITLE, DELAY_PREFIX, DELAY_BASIS, DELAY_LABEL, internal=False)
CORRECTION_FORM = Form(
    CORRECTION_TITLE, CORRECTION_PREFIX, CORRECTION_BASIS, CORRECTION_LABEL, internal=False
)
SUSPENSION_FORM = Form(
    SUSPENSION_TITLE, SUSPENSION_PREFIX, SUSPENSION_BASIS, SUSPENSION_LABEL, internal=False
)
POA_FORM = Form(POA_TITLE, POA_PREFIX, POA_BASIS, POA_LABEL, internal=False)
LETTER_FORM = Form(LETTER_TITLE, LETTER_PREFIX, LETTER_BASIS, internal=False)

REQUEST_BOXES = ("열람", "정정·삭제", "처리정지")
RELATIONS = ("법정대리인", "대리인")
OUTCOMES = ("완료", "일부 완료", "거절")


# -- what the records print -----------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    """A block of a form: name, phone, birth date (YYYY-MM-DD) and address (full, decrypted)."""

    name: str = ""
    phone: str = ""
    birth: str = ""
    address: str = ""

    def __repr__(self) -> str:
        return "Person(***)"


@dataclass(frozen=True)
class Ground:
    """Why a request was refused or only partly done: the ground's label and basis (law) and the
    handler's explanation."""

    label: str
    basis: str
    explanation: str

    def __repr__(self) -> str:
        return f"Ground({self.label!r})"


@dataclass(frozen=True)
class RequestForm:
    """The 요구서 (별지 제8호서식) filled from the intake."""

    number: str
    received_at: dt.datetime
    request_days: int
    due: dt.date
    box: str  # which of REQUEST_BOXES is ticked
    kind_label: str  # 열람 / 정정 / 삭제 / 처리정지 / 동의철회·회원탈퇴
    file_name: str
    subject: Person
    agent: Person | None  # None: the subject asks (본인)
    relation: str  # 본인 / 법정대리인 / 대리인
    under_14: bool
    access_options: tuple[str, ...]  # the five items of 시행령 제41조①
    access_ticked: tuple[str, ...]
    request_text: str
    channel: str  # 방문 / 우편 / …
    id_document: str
    id_checked_by: str
    proxy_checked: bool
    received_by: str
    requester_name: str
    addressee: str  # the hospital (… 귀하)

    def __repr__(self) -> str:
        return f"RequestForm({self.number})"


@dataclass(frozen=True)
class NoticeHead:
    """What every notice to the data subject starts with: 수신자 and 요구 내용."""

    number: str
    received_at: dt.datetime
    kind_label: str
    file_name: str
    request_text: str
    recipient: Person  # the requester (the subject, or the agent)
    relation: str

    def __repr__(self) -> str:
        return f"NoticeHead({self.number})"


@dataclass(frozen=True)
class Footer:
    """How to object, the sender and whom to ask."""

    objection: str  # answers.objection_text(profile)
    sender: str  # "장튼위튼병원장"
    contact: str  # 문의처


@dataclass(frozen=True)
class AnswerRow:
    label: str
    content: str

    def __repr__(self) -> str:
        return f"AnswerRow({self.label!r})"


@dataclass(frozen=True)
class ProvisionRow:
    """One line of the 제3자 제공 현황 table."""

    disclosed_on: dt.date
    recipient: str
    purpose: str
    items: str
    basis: str
    form: str


@dataclass(frozen=True)
class AccessContent:
    """The 열람할 개인정보: the answer produced from the data (rights.answers.AccessAnswer)."""

    asked: tuple[str, ...]  # labels of what was asked for, in the form's order
    content: tuple[AnswerRow, ...]
    visits: tuple[tuple[dt.date, str, str], ...]
    purpose: str
    legal_basis: str
    retention: str
    provisions: tuple[ProvisionRow, ...]
    consent: str
    held_outside: bool
    ask_content: bool
    ask_purpose: bool
    ask_retention: bool
    ask_provision: bool
    ask_consent: bool

    def __repr__(self) -> str:
        return f"AccessContent(items={len(self.content)})"


@dataclass(frozen=True)
class AccessNotice:
    """The 열람 통지서 (별지 제9호서식)."""

    head: NoticeHead
    viewing_at: dt.datetime | None
    viewing_place: str
    viewing_methods: tuple[str, ...]
    viewing_method: str
    fee: int
    note: str
    partial: Ground | None  # 일부 제한 (시행령 제42조①)
    answer: AccessContent
    footer: Footer

    def __repr__(self) -> str:
        return f"AccessNotice({self.head.number})"


@dataclass(frozen=True)
class DelayRefusalNotice:
    """The 열람 연기·거절 통지서 (별지 제10호서식)."""

    head: NoticeHead
    refused: bool
    due: dt.date  # the original deadline
    extended_due: dt.date | None
    extension_reason: str
    ground: Ground | None
    footer: Footer

    def __repr__(self) -> str:
        return f"DelayRefusalNotice({self.head.number}, refused={self.refused})"


@dataclass(frozen=True)
class ResultNotice:
    """The 정정·삭제 결과 통지서 (별지 제12호서식) or the 처리정지 결과 통지서 (별지 제13호서식)."""

    head: NoticeHead
    options: tuple[str, ...]  # the 구분 checkboxes (정정 / 삭제, 처리정지 / 동의철회·회원탈퇴)
    outcome: str  # one of OUTCOMES
    result_text: str  # what was done (조치 내용)
    decided_at: dt.datetime | None
    ground: Ground | None
    footer: Footer
    third_parties: int = 0  # 정정: recipients to be told of the correction

    def __repr__(self) -> str:
        return f"ResultNotice({self.head.number}, {self.outcome})"


@dataclass(frozen=True)
class ChangeRow:
    """One corrected item on a correction letter: the value before (masked), after (in full when
    the recipient received that item, masked otherwise) and a note."""

    label: str
    before: str
    after: str
    note: str

    def __repr__(self) -> str:
        return f"ChangeRow({self.label!r})"


@dataclass(frozen=True)
class CorrectionLetter:
    """The 정정 통지 to one third party that received the record before the correction."""

    recipient: str
    subject_name: str
    subject_birth: str
    request_number: str
    corrected_at: dt.datetime | None
    result_text: str  # what was corrected
    disclosures: tuple[ProvisionRow, ...]  # what this recipient received, when
    document_nos: tuple[str, ...]
    contact: str
    hospital_address: str
    sender: str
    changes: tuple[ChangeRow, ...] = ()  # the corrected items (a registry correction)

    def __repr__(self) -> str:
        return f"CorrectionLetter({self.request_number})"


@dataclass(frozen=True)
class PowerOfAttorney:
    """The 위임장 (별지 제11호서식): blank (every field empty) or filled from an agent's request."""

    agent: Person  # 위임받는 사람
    relation: str  # 정보주체와의 관계 (free text: 배우자, 자녀 …)
    subject: Person  # 위임하는 사람
    ticked: tuple[str, ...]  # which of REQUEST_BOXES is delegated (empty: to be ticked)
    file_name: str  # the personal-information file concerned ("" on a blank)
    request_number: str  # the request it goes with ("" on a blank)
    addressee: str  # the hospital (… 귀하)

    def __repr__(self) -> str:
        return f"PowerOfAttorney({self.request_number or 'blank'})"


# -- shared pieces --------------------------------------------------------------------------------
def _styles(lay: Layout) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    right = ParagraphStyle("dr-right", parent=lay.st.body, alignment=TA_RIGHT, fontSize=10, leading=16)
    centre = ParagraphStyle("dr-centre", parent=lay.st.body, alignment=TA_CENTER, fontSize=10.5, leading=16)
    to = ParagraphStyle("dr-to", parent=lay.st.body, fontName=FONT_BOLD, fontSize=12, leading=18)
    signer = ParagraphStyle(
        "dr-signer", parent=lay.st.body, fontName=FONT_BOLD, fontSize=12, leading=18, alignment=TA_RIGHT
    )
    return right, centre, to, signer


def _head_rows(
    h: NoticeHead, kinds: Sequence[str] | None = None, *, kind_value: str | None = None
) -> list[FormRow]:
    """수신자 and 요구 내용 (접수번호, 접수일, 구분, 대상 파일, 요구 내용)."""
    who = h.recipient
    recipient = FieldGroup(
        "수신자",
        (
            (
                Field("성명", f"{who.name} ({h.relation})" if h.relation != "본인" else who.name),
                Field("생년월일", who.birth),
            ),
            (Field("주소", who.address),),
        ),
    )
    kind = (
        kind_value
        if kind_value is not None
        else (checkboxes(kinds, {h.kind_label}) if kinds else h.kind_label)
    )
    rows: list[tuple[Field, ...]] = [
        (Field("접수번호", h.number), Field("접수일", clock.paper_datetime(h.received_at))),
        (Field("구분", kind), Field("대상 개인정보파일", h.file_name)),
    ]
    if h.request_text.strip():
        rows.append((Field("내용·사유", h.request_text),))
    return [recipient, FieldGroup("요구 내용", tuple(rows))]


def _ground_rows(g: Ground, title: str) -> tuple[tuple[Field, ...], ...]:
    return ((Field(title, g.label),), (Field("근거", g.basis),), (Field("설명", g.explanation),))


def _closing(lay: Layout, sentence: str, printed_at: dt.datetime, footer: Footer) -> list[Flowable]:
    """이의제기 방법, the closing sentence, the date and the sender, kept on one page."""
    right, centre, _, signer = _styles(lay)
    return [
        KeepTogether(
            [
                lay.text("이의제기 방법", lay.st.heading),
                lay.form([(Field("이의제기 방법", footer.objection),)], label_width=0.15),
                lay.space(6),
                lay.text(sentence, centre),
                lay.space(5),
                lay.text(clock.paper_date(printed_at), right),
                lay.space(4),
                lay.text(f"{footer.sender}\u00a0\u00a0(직인)", signer),
                lay.space(6),
                lay.text(f"문의: {footer.contact}", lay.st.small),
            ]
        )
    ]


# -- 1. 요구서 -------------------------------------------------------------------------------------
def render_request_form(
    path: Path | Output,
    meta: ReportMeta,
    f: RequestForm,
    *,
    on_page: OnPage = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """The filled-in 요구서 for the requester's signature; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        right, centre, to, _ = _styles(lay)
        agent = f.agent or Person()
        subject_name = f.subject.name + (" (만 14세 미만)" if f.under_14 else "")
        access = checkboxes(f.access_options, f.access_ticked if f.box == "열람" else ())
        if f.box == "열람" and f.request_text.strip():
            access += f"\n{f.request_text}"
        correction = f"{f.kind_label}: {f.request_text}" if f.box == "정정·삭제" else ""
        suspension = f"{f.kind_label}: {f.request_text}" if f.box == "처리정지" else ""
        top: list[FormRow] = [
            (Field("접수번호", f.number), Field("접수일", clock.paper_datetime(f.received_at))),
            (
                Field("처리기간", f"{f.request_days}일 이내 (기한 {clock.paper_date(f.due)})"),
                Field("대상 개인정보파일", f.file_name),
            ),
            FieldGroup(
                "정보주체",
                (
                    (Field("성명", subject_name), Field("전화번호", f.subject.phone)),
                    (Field("생년월일", f.subject.birth),),
                    (Field("주소", f.subject.address),),
                ),
            ),
            FieldGroup(
                "대리인",
                (
                    (Field("성명", agent.name), Field("전화번호", agent.phone)),
                    (
                        Field("생년월일", agent.birth),
                        Field("정보주체와의 관계", checkboxes(RELATIONS, {f.relation} if f.agent else ())),
                    ),
                    (Field("주소", agent.address),),
                ),
            ),
        ]
        content: list[FormRow] = [
            FieldGroup(
                "요구 내용",
                (
                    (Field(checkboxes(["열람"], {f.box}), access),),
                    (Field(checkboxes(["정정·삭제"], {f.box}), correction),),
                    (Field(checkboxes(["처리정지"], {f.box}), suspension),),
                ),
            )
        ]
        if f.relation == "대리인":
            proxy = "위임장 확인함" if f.proxy_checked else "위임장 확인하지 않음"
        elif f.relation == "법정대리인":
            proxy = "대리 관계 서류 확인함" if f.proxy_checked else "대리 관계 서류 확인하지 않음"
        else:
            proxy = "해당 없음 (본인)"
        office: list[FormRow] = [
            (Field("접수 방법", f.channel), Field("접수자", f.received_by)),
            (Field("신분 확인 서류", f.id_document), Field("확인자", f.id_checked_by)),
            (Field("위임장 등 확인", proxy),),
        ]
        steps = lay.table(
            [
                Column("요구서 작성", 1, "CENTER"),
                Column("접수·본인 확인", 1, "CENTER"),
                Column("검토·결정", 1, "CENTER"),
                Column("결과 통지", 1, "CENTER"),
            ],
            [
                [
                    "요구인",
                    "접수 담당 (원무과·행정실)",
                    "개인정보 보호책임자",
                    f"접수일부터 {f.request_days}일 이내",
                ]
            ],
            zebra=False,
        )
        return [
            lay.form(top, label_width=0.15),
            lay.space(2),
            lay.form(content, label_width=0.15),
            lay.space(5),
            KeepTogether(
                [
                    lay.text(
                        "「개인정보 보호법」 제35조·제36조 또는 제37조에 따라 위와 같이 요구합니다.", centre
                    ),
                    lay.space(5),
                    lay.text(clock.paper_date(f.received_at), right),
                    lay.space(3),
                    lay.text(
                        f"요구인\u00a0\u00a0{f.requester_name}" + "\u00a0" * 10 + "(서명 또는 인)", right
                    ),
                    lay.space(5),
                    lay.text(f"{f.addressee} 귀하", to),
                    lay.space(3),
                    lay.text(
                        "※ 대리인이 요구하는 경우에는 위임장([별지 제11호서식])을, 법정대리인은 대리 관계를 증명하는 "
                        "서류를 함께 제출하여야 합니다. 열람은 수수료와 우송료(실비)를 청구할 수 있습니다.",
                        lay.st.small,
                    ),
                ]
            ),
            lay.space(4),
            *lay.heading("접수 확인 (병원 기재)", keep_mm=40),
            lay.form(office, label_width=0.15),
            lay.space(4),
            *lay.heading("처리 절차", keep_mm=25),
            steps,
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


# -- 2. 열람 통지서 --------------------------------------------------------------------------------
def _answer_flowables(lay: Layout, a: AccessContent) -> list[Flowable]:
    out: list[Flowable] = [
        *lay.heading("열람할 개인정보", keep_mm=40),
        lay.form([(Field("열람 요구 사항", ", ".join(a.asked)),)], label_width=0.15),
        lay.space(2),
    ]
    if a.ask_content:
        out += lay.heading("개인정보의 항목 및 내용", keep_mm=30)
        if a.held_outside:
            out.append(
                lay.text(
                    "이 개인정보는 홈페이지 관리 시스템에 있어, 내용을 그 시스템에서 출력하여 이 통지서에 "
                    "첨부합니다.",
                    lay.st.small,
                )
            )
        out.append(
            lay.table(
                [Column("항목", 0.25), Column("내용", 0.75)],
                [[r.label, r.content] for r in a.content],
                zebra=False,
            )
        )
        if a.visits:
            out += [
                lay.space(2),
                lay.text("내원 기록", lay.st.small),
                lay.table(
                    [Column("내원일", 0.2, "CENTER"), Column("진료과", 0.3), Column("목적", 0.5)],
                    [[clock.paper_date(d), dept, purpose] for d, dept, purpose in a.visits],
                ),
            ]
    if a.ask_purpose:
        out += [
            *lay.heading("개인정보의 수집·이용 목적", keep_mm=25),
            lay.form([(Field("목적", a.purpose),), (Field("법적 근거", a.legal_basis),)], label_width=0.15),
        ]
    if a.ask_retention:
        out += [
            *lay.heading("개인정보 보유 및 이용 기간", keep_mm=25),
            lay.form([(Field("보유 및 이용 기간", a.retention),)], label_width=0.15),
        ]
    if a.ask_provision:
        out += [
            *lay.heading("개인정보의 제3자 제공 현황", keep_mm=30),
            lay.table(
                [
                    Column("제공일", 0.12, "CENTER"),
                    Column("제공받는 자", 0.18),
                    Column("이용 목적", 0.2),
                    Column("제공 항목", 0.2),
                    Column("제공 근거", 0.18),
                    Column("형태", 0.12),
                ],
                [
                    [clock.paper_date(p.disclosed_on), p.recipient, p.purpose, p.items, p.basis, p.form]
                    for p in a.provisions
                ],
                zebra=False,
                empty="제3자에게 제공한 기록이 없습니다.",
            ),
        ]
    if a.ask_consent:
        out += [
            *lay.heading("개인정보 처리에 동의한 사실 및 내용", keep_mm=25),
            lay.form([(Field("처리 근거·동의", a.consent),)], label_width=0.15),
        ]
    return out


def render_access_notice(
    path: Path | Output,
    meta: ReportMeta,
    n: AccessNotice,
    *,
    on_page: OnPage = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """The 열람 통지서 with the answer; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        fee = f"{n.fee:,}원 (수수료·우송료 합계)" if n.fee else "0원 (납부할 금액 없음)"
        viewing: list[tuple[Field, ...]] = [
            (
                Field("열람 일시", clock.paper_datetime(n.viewing_at) or "별도 안내"),
                Field("열람 장소", n.viewing_place or "별도 안내"),
            ),
            (Field("열람 방법", checkboxes(n.viewing_methods, {n.viewing_method})),),
            (Field("납부 금액", fee), Field("산정 명세", "실비 (개인정보 보호법 시행령 제47조)")),
        ]
        if n.note.strip():
            viewing.append((Field("비고", n.note),))
        rows: list[FormRow] = [*_head_rows(n.head), FieldGroup("열람", tuple(viewing))]
        if n.partial is not None:
            rows.append(FieldGroup("열람 제한", _ground_rows(n.partial, "제한 사유")))
        sentence = (
            "「개인정보 보호법」 제35조 및 같은 법 시행령 제41조제4항에 따라 귀하의 개인정보 열람 요구에 "
            "대하여 위와 같이 통지합니다."
        )
        return [
            lay.form(rows, label_width=0.15),
            lay.space(3),
            *_answer_flowables(lay, n.answer),
            *_closing(lay, sentence, meta.printed_at, n.footer),
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


# -- 3. 연기·거절 통지서 ---------------------------------------------------------------------------
def render_delay_refusal(
    path: Path | Output,
    meta: ReportMeta,
    n: DelayRefusalNotice,
    *,
    on_page: OnPage = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """The 연기 or 거절 notice; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        what = "연기" if not n.refused else "거절"
        decision: list[tuple[Field, ...]] = [(Field("구분", checkboxes(["연기", "거절"], {what})),)]
        if not n.refused:
            until = clock.paper_date(n.extended_due) if n.extended_due else ""
            decision += [
                (Field("당초 기한", clock.paper_date(n.due)), Field("연기한 기한", f"{until}까지")),
                (Field("연기 사유", n.extension_reason),),
            ]
        elif n.ground is not None:
            decision += list(_ground_rows(n.ground, "거절 사유"))
        rows: list[FormRow] = [*_head_rows(n.head), FieldGroup(f"{what} 내용", tuple(decision))]
        if n.refused:
            sentence = (
                "「개인정보 보호법」 제35조제4항 및 같은 법 시행령 제42조제2항에 따라 귀하의 개인정보 열람 요구에 "
                "대하여 위와 같이 거절을 통지합니다."
            )
        else:
            sentence = (
                "「개인정보 보호법」 제35조제3항 및 같은 법 시행령 제42조제2항에 따라 귀하의 개인정보 열람 요구에 "
                "대하여 위와 같이 열람의 연기를 통지합니다. 연기 사유가 없어지면 지체 없이 열람하게 하겠습니다."
            )
        return [lay.form(rows, label_width=0.15), *_closing(lay, sentence, meta.printed_at, n.footer)]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


# -- 4./5. 정정·삭제 / 처리정지 결과 통지서 -------------------------------------------------------
def render_result_notice(
    path: Path | Output,
    meta: ReportMeta,
    n: ResultNotice,
    *,
    correction: bool,
    on_page: OnPage = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """The 정정·삭제 (``correction``) or 처리정지 result notice; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        result: list[tuple[Field, ...]] = [
            (
                Field("처리 결과", checkboxes(OUTCOMES, {n.outcome})),
                Field("처리일", clock.paper_datetime(n.decided_at)),
            )
        ]
        if n.outcome != "거절":
            result.append((Field("조치 내용", n.result_text),))
        if n.ground is not None:
            result += list(_ground_rows(n.ground, "거절 사유" if n.outcome == "거절" else "제한 사유"))
        if correction and n.outcome != "거절" and n.third_parties:
            result.append(
                (
                    Field(
                        "제3자 통지",
                        f"정정 전의 개인정보를 제공받은 제3자 {n.third_parties}곳에 정정 "
                        "사실을 통지하여 정정을 요청합니다.",
                    ),
                )
            )
        rows: list[FormRow] = [*_head_rows(n.head, n.options), FieldGroup("처리 결과", tuple(result))]
        if correction:
            sentence = (
                "「개인정보 보호법」 제36조 및 같은 법 시행령 제43조제3항에 따라 귀하의 개인정보 "
                f"{n.head.kind_label} 요구에 대한 처리 결과를 위와 같이 통지합니다."
            )
        else:
            sentence = (
                "「개인정보 보호법」 제37조 및 같은 법 시행령 제44조제2항에 따라 귀하의 개인정보 "
                f"{n.head.kind_label} 요구에 대한 결과를 위와 같이 통지합니다."
            )
        return [lay.form(rows, label_width=0.15), *_closing(lay, sentence, meta.printed_at, n.footer)]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


# -- 6. 정정 통지 (to a third party) ----------------------------------------------------------------
def render_correction_letter(
    path: Path | Output,
    meta: ReportMeta,
    n: CorrectionLetter,
    *,
    on_page: OnPage = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """The letter to one recipient of the record: what was corrected and the request to correct their
    copy; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        right, centre, _, signer = _styles(lay)
        head: list[FormRow] = [
            (Field("수신", f"{n.recipient} 귀하"),),
            FieldGroup("정보주체", ((Field("성명", n.subject_name), Field("생년월일", n.subject_birth)),)),
            FieldGroup(
                "정정 내용",
                (
                    (
                        Field("정정일", clock.paper_datetime(n.corrected_at)),
                        Field("요구 접수번호", n.request_number),
                    ),
                    # a registry correction: the items below, each as this recipient may read it (the result
                    # text quotes every corrected value in full, for the subject's own notice)
                    (Field("정정한 내용", "아래 표와 같습니다." if n.changes else n.result_text),),
                ),
            ),
        ]
        changes: list[Flowable] = []
        if n.changes:
            changes = [
                *lay.heading("정정한 항목과 정정한 내용", keep_mm=30),
                lay.table(
                    [
                        Column("항목", 0.14),
                        Column("정정 전", 0.27),
                        Column("정정 후", 0.35),
                        Column("비고", 0.24),
                    ],
                    [[c.label, c.before, c.after, c.note] for c in n.changes],
                    zebra=False,
                ),
                lay.space(1),
                lay.text(
                    "※ 귀 기관에 제공한 항목은 정정한 내용 전체를, 제공하지 않은 항목은 가려서 적었습니다.",
                    lay.st.small,
                ),
                lay.space(3),
            ]
        ask = (
            "귀 기관이 제공받아 보유하고 있는 위 정보주체의 개인정보를 위 정정 내용에 따라 정정하여 주시고, 정정 전의 "
            "개인정보는 더 이상 이용하거나 다른 곳에 제공하지 마시기 바랍니다. 정정을 마치면 아래 연락처로 알려 주시기 "
            "바랍니다."
        )
        return [
            lay.form(head, label_width=0.15),
            *changes,
            *lay.heading("귀 기관에 제공한 내역", keep_mm=30),
            lay.table(
                [
                    Column("제공일", 0.13, "CENTER"),
                    Column("제공 항목", 0.3),
                    Column("이용 목적", 0.25),
                    Column("제공 형태", 0.14),
                    Column("요청 문서번호", 0.18),
                ],
                [
                    [clock.paper_date(p.disclosed_on), p.items, p.purpose, p.form, doc]
                    for p, doc in zip(n.disclosures, n.document_nos, strict=True)
                ],
                zebra=False,
            ),
            lay.space(4),
            lay.form(
                [
                    (Field("요청 사항", ask),),
                    (Field("문의", n.contact),),
                    (Field("주소", n.hospital_address),),
                ],
                label_width=0.15,
            ),
            lay.space(6),
            KeepTogether(
                [
                    lay.text(
                        "「개인정보 보호법」 제36조에 따라 정정한 개인정보를 위와 같이 알려 드리니 정정하여 주시기 "
                        "바랍니다.",
                        centre,
                    ),
                    lay.space(5),
                    lay.text(clock.paper_date(meta.printed_at), right),
                    lay.space(4),
                    lay.text(f"{n.sender}\u00a0\u00a0(직인)", signer),
                ]
            ),
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


# -- 7. 위임장 ----------------------------------------------------------------------------------------
def render_power_of_attorney(
    path: Path | Output,
    meta: ReportMeta,
    f: PowerOfAttorney,
    *,
    on_page: OnPage = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """The 위임장 for the subject's signature; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        right, centre, to, _ = _styles(lay)
        sign = ParagraphStyle("poa-sign", parent=lay.st.body, alignment=TA_RIGHT, fontSize=11, leading=18)
        blank = "\u00a0" * 14
        rows: list[FormRow] = [
            FieldGroup(
                "위임받는 사람",
                (
                    (Field("성명", f.agent.name), Field("전화번호", f.agent.phone)),
                    (Field("생년월일", f.agent.birth), Field("정보주체와의 관계", f.relation)),
                    (Field("주소", f.agent.address),),
                ),
            ),
            FieldGroup(
                "위임하는 사람",
                (
                    (Field("성명", f.subject.name), Field("전화번호", f.subject.phone)),
                    (Field("생년월일", f.subject.birth),),
                    (Field("주소", f.subject.address),),
                ),
            ),
            FieldGroup(
                "위임 내용",
                (
                    (Field("요구", checkboxes(REQUEST_BOXES, f.ticked)),),
                    (Field("대상 개인정보파일", f.file_name), Field("요구 접수번호", f.request_number)),
                ),
            ),
        ]
        return [
            lay.form(rows, label_width=0.17),
            lay.space(8),
            KeepTogether(
                [
                    lay.text(
                        "「개인정보 보호법」 제38조에 따라 위와 같이 개인정보의 (열람, 정정·삭제, 처리정지) 요구를 "
                        "위의 사람에게 위임합니다.",
                        centre,
                    ),
                    lay.space(8),
                    lay.text(
                        "년\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0월\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0일",
                        right,
                    ),
                    lay.space(6),
                    lay.text(
                        f"위임하는 사람\u00a0\u00a0{f.subject.name or blank}"
                        + "\u00a0" * 8
                        + "(서명 또는 인)",
                        sign,
                    ),
                    lay.space(8),
                    lay.text(f"{f.addressee} 귀하", to),
                    lay.space(6),
                    lay.text(
                        "※ 위임하는 사람(정보주체)의 신분증 사본을 함께 제출하여야 합니다. 위임받는 사람은 요구할 때 "
                        "자신의 신분증을 제시하여야 합니다(개인정보 보호법 시행령 제46조).",
                        lay.st.small,
                    ),
                    lay.text(
                        "※ 만 14세 미만 아동의 법정대리인은 위임장 대신 가족관계증명서 등 대리 관계를 증명하는 서류를 "
                        "제출합니다.",
                        lay.st.small,
                    ),
                ]
            ),
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def poa_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, POA_FORM, by, printed_at=printed_at)


# -- metas -------------------------------------------------------------------------------------------
def form_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, REQUEST_FORM, by, printed_at=printed_at)


def access_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, ACCESS_FORM, by, printed_at=printed_at)


def delay_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, DELAY_FORM, by, printed_at=printed_at)


def result_meta(
    hospital: str, by: PrintedBy, *, correction: bool, printed_at: dt.datetime | None = None
) -> ReportMeta:
    if correction:
        return new_meta(hospital, CORRECTION_FORM, by, printed_at=printed_at)
    return new_meta(hospital, SUSPENSION_FORM, by, printed_at=printed_at)


def letter_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, LETTER_FORM, by, printed_at=printed_at)
