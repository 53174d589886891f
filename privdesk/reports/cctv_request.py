"""The CCTV request form and the result notice.

1. 「개인영상정보 열람·존재확인 청구서」 (표준 개인정보 보호지침 [별지 제2호서식]), filled from the
   intake for the requester's signature. UNCONFIRMED layout: no copy of the official form text was
   at hand; the fields follow forms.md §3 (접수번호·접수일·처리기간; 청구인 성명·전화번호·생년월일·
   주소·정보주체와의 관계; 정보주체 성명·전화번호; 구분, 영상정보 기록기간, 설치장소, 청구 목적 및
   사유; 서명; 귀하). A "삭제" box is added (the policy offers 삭제 too) and a box for the hospital's
   reception checks (신분 확인, 위임장) — check against law.go.kr before relying on it.
2. 「개인영상정보 열람등 청구 결과 통지서」: the answer within 10 days (시행령 제41조④·제42조②).
   No official CCTV notice was found; the fields follow the 열람 통지서 / 열람 연기·거절 통지서
   (forms.md §5, UNCONFIRMED): 수신자, 청구 내용, 처리 결과 (승인 with 열람 일시·장소, 일부 승인,
   연기 with the new deadline and reason, 거절 with the ground, or "영상 없음" when the footage is
   past retention), and 이의제기 방법 whenever the answer is not a plain approval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

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

FORM_TITLE = "개인영상정보 열람·존재확인 청구서"
FORM_LABEL = "[별지 제2호서식]"
FORM_BASIS = "개인정보 보호법 제35조 (개인정보의 열람) · 표준 개인정보 보호지침 (개인영상정보 열람등 요구)"
FORM_PREFIX = "CQ"
NOTICE_TITLE = "개인영상정보 열람등 청구 결과 통지서"
NOTICE_BASIS = "개인정보 보호법 제35조 · 같은 법 시행령 제41조제4항, 제42조제2항 (10일 이내 통지)"
NOTICE_PREFIX = "CN"
# Neither goes through the hospital's approval on paper: the 청구서 is the requester's own, signed;
# the notice is a letter to the requester.
REQUEST_FORM = Form(FORM_TITLE, FORM_PREFIX, FORM_BASIS, FORM_LABEL, internal=False)
NOTICE_FORM = Form(NOTICE_TITLE, NOTICE_PREFIX, NOTICE_BASIS, internal=False)
KINDS = ("열람", "존재확인", "삭제")
_OBJECT = {"열람": "열람을", "존재확인": "존재확인을", "삭제": "삭제를"}  # with the object particle

# Where a requester can complain outside the hospital (as public privacy policies list them).
OUTSIDE_BODIES = (
    "개인정보침해 신고센터 (privacy.kisa.or.kr, 국번 없이 118)",
    "개인정보 분쟁조정위원회 (www.kopico.go.kr, 1833-6972)",
)


class Outcome(StrEnum):
    APPROVED = "승인"
    PARTLY = "일부 승인"
    EXTENDED = "연기"
    REFUSED = "거절"
    GONE = "영상 없음(보관기간 경과)"


@dataclass(frozen=True)
class RequestForm:
    """What the request form prints (decrypted by the printing use case)."""

    number: str
    received_at: dt.datetime
    request_days: int
    due: dt.date
    kind: str  # 열람 / 존재확인 / 삭제
    requester_name: str
    requester_phone: str
    requester_birth: str
    requester_address: str
    relation: str  # 본인 / 법정대리인 / 대리인
    subject_name: str
    subject_phone: str
    window: str
    places: str
    purpose: str
    id_document: str
    id_checked_by: str
    proxy_checked: bool
    footage_note: str  # "보존 연장 중" / "영상 없음 (보관기간 경과)"
    addressee: str  # "장튼위튼병원장"

    def __repr__(self) -> str:
        return f"RequestForm({self.number})"


@dataclass(frozen=True)
class ResultNotice:
    """What the result notice prints."""

    number: str
    received_at: dt.datetime
    kind: str
    outcome: Outcome
    requester_name: str
    requester_birth: str
    requester_address: str
    window: str
    places: str
    retention: str  # "촬영일로부터 30일"
    viewing_at: dt.datetime | None = None
    viewing_place: str = ""
    masking: str = ""  # "다른 사람은 마스킹(모자이크) 처리하여 열람합니다" …
    withheld: str = ""  # 일부 승인: what is withheld and why
    ground: str = ""  # 거절·일부 승인 사유 (label)
    ground_basis: str = ""
    explanation: str = ""
    extended_until: dt.date | None = None
    extension_reason: str = ""
    objection: str = ""  # the hospital's own contact for objections
    contact: str = ""  # 문의처
    sender: str = ""  # "장튼위튼병원장"

    def __repr__(self) -> str:
        return f"ResultNotice({self.number}, {self.outcome})"


def _styles(lay: Layout) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    right = ParagraphStyle("cq-right", parent=lay.st.body, alignment=TA_RIGHT, fontSize=10, leading=16)
    centre = ParagraphStyle("cq-centre", parent=lay.st.body, alignment=TA_CENTER, fontSize=10.5, leading=16)
    to = ParagraphStyle("cq-to", parent=lay.st.body, fontName=FONT_BOLD, fontSize=12, leading=18)
    return right, centre, to


def _signer(lay: Layout) -> ParagraphStyle:
    return ParagraphStyle(
        "cn-signer", parent=lay.st.body, fontName=FONT_BOLD, fontSize=12, leading=18, alignment=TA_RIGHT
    )


def render_request_form(
    path: Path | Output,
    meta: ReportMeta,
    f: RequestForm,
    *,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """Print the filled-in request form for the requester's signature; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        right, centre, to = _styles(lay)
        self_ = f.relation == "본인"
        rows: list[FormRow] = [
            (Field("접수번호", f.number), Field("접수일", clock.paper_datetime(f.received_at))),
            (Field("처리기간", f"{f.request_days}일 이내 (기한 {clock.paper_date(f.due)})"),),
            FieldGroup(
                "청구인",
                (
                    (Field("성명", f.requester_name), Field("전화번호", f.requester_phone)),
                    (
                        Field("생년월일", f.requester_birth),
                        Field(
                            "정보주체와의 관계", checkboxes(["본인", "법정대리인", "대리인"], {f.relation})
                        ),
                    ),
                    (Field("주소", f.requester_address),),
                ),
            ),
            FieldGroup(
                "정보주체",
                (
                    (
                        Field("성명", "청구인과 같음" if self_ else f.subject_name),
                        Field("전화번호", "" if self_ else f.subject_phone),
                    ),
                ),
            ),
            FieldGroup(
                "청구 내용",
                (
                    (Field("구분", checkboxes(KINDS, {f.kind})),),
                    (Field("영상정보 기록기간", f.window),),
                    (Field("설치 장소", f.places),),
                    (Field("청구 목적 및 사유", f.purpose),),
                ),
            ),
        ]
        proxy = "확인함" if f.proxy_checked else ("해당 없음 (본인)" if self_ else "확인하지 않음")
        office: list[FormRow] = [
            (Field("신분 확인 서류", f.id_document), Field("확인자", f.id_checked_by)),
            (Field("위임장 등 확인", proxy), Field("영상 보존", f.footage_note)),
        ]
        steps = lay.table(
            [
                Column("청구서 작성", 1, "CENTER"),
                Column("접수·본인 확인", 1, "CENTER"),
                Column("검토·결정", 1, "CENTER"),
                Column("결과 통지", 1, "CENTER"),
            ],
            [["청구인", "시설팀 (접근권한자)", "영상정보 관리책임자", f"접수일부터 {f.request_days}일 이내"]],
            zebra=False,
        )
        return [
            lay.form(rows, label_width=0.15),
            lay.space(5),
            lay.text(
                "「개인정보 보호법」 제35조 및 표준 개인정보 보호지침에 따라 위와 같이 개인영상정보의 "
                f"{_OBJECT.get(f.kind, f.kind)} 청구합니다.",
                centre,
            ),
            lay.space(5),
            lay.text(clock.paper_date(f.received_at), right),
            lay.space(3),
            lay.text(f"청구인\u00a0\u00a0{f.requester_name}" + "\u00a0" * 10 + "(서명 또는 인)", right),
            lay.space(5),
            lay.text(f"{f.addressee} 귀하", to),
            lay.space(6),
            *lay.heading("접수 확인 (병원 기재)", keep_mm=40),
            lay.form(office, label_width=0.15),
            lay.space(4),
            *lay.heading("처리 절차", keep_mm=25),
            steps,
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def _result_rows(n: ResultNotice) -> list[FormRow]:
    rows: list[tuple[Field, ...]] = [
        (Field("결과", checkboxes([o.value for o in Outcome], {n.outcome.value})),)
    ]
    if n.outcome in (Outcome.APPROVED, Outcome.PARTLY):
        if n.kind == "열람":
            rows.append(
                (Field("열람 일시", clock.paper_datetime(n.viewing_at)), Field("열람 장소", n.viewing_place))
            )
            rows.append(
                (Field("열람 방법", "본원 방문 열람(시청). 신분증을 지참하십시오 (대리인은 위임장)."),)
            )
        elif n.kind == "존재확인":
            rows.append((Field("존재 여부", "청구하신 기간의 영상이 보관되어 있습니다."),))
        else:
            rows.append((Field("삭제", "청구하신 구간의 영상을 복원이 불가능한 방법으로 삭제합니다."),))
        if n.masking:
            rows.append((Field("다른 사람 보호", n.masking),))
    if n.outcome == Outcome.PARTLY:
        rows.append((Field("제한 부분과 사유", f"{n.withheld} ({n.ground})"),))
        rows.append((Field("근거", n.ground_basis),))
    if n.outcome == Outcome.REFUSED:
        rows.append((Field("거절 사유", f"{n.ground}: {n.explanation}"),))
        rows.append((Field("근거", n.ground_basis),))
    if n.outcome == Outcome.EXTENDED and n.extended_until is not None:
        rows.append((Field("연기한 기한", f"{clock.paper_date(n.extended_until)}까지"),))
        rows.append((Field("연기 사유", n.extension_reason),))
    if n.outcome == Outcome.GONE:
        rows.append(
            (
                Field(
                    "영상 없음",
                    f"청구하신 기간({n.window})의 영상은 보관기간({n.retention})이 지나 "
                    "복원할 수 없도록 삭제되어 존재하지 않습니다. 따라서 열람·존재확인에 응할 수 없습니다.",
                ),
            )
        )
    out: list[FormRow] = [FieldGroup("처리 결과", tuple(rows))]
    if n.outcome != Outcome.APPROVED:
        outside = "; ".join(OUTSIDE_BODIES)
        out.append(
            (
                Field(
                    "이의제기 방법",
                    f"이 통지에 이의가 있으면 {n.objection}에게 서면·전화·방문으로 이의를 "
                    f"제기할 수 있습니다. 또한 {outside}에 신고하거나 조정을 신청할 수 있습니다.",
                ),
            )
        )
    return out


def render_result_notice(
    path: Path | Output,
    meta: ReportMeta,
    n: ResultNotice,
    *,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """Print the result notice; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        right, centre, _ = _styles(lay)
        head: list[FormRow] = [
            FieldGroup(
                "수신자",
                (
                    (Field("성명", n.requester_name), Field("생년월일", n.requester_birth)),
                    (Field("주소", n.requester_address),),
                ),
            ),
            FieldGroup(
                "청구 내용",
                (
                    (Field("접수번호", n.number), Field("접수일", clock.paper_datetime(n.received_at))),
                    (Field("구분", checkboxes(KINDS, {n.kind})),),
                    (Field("영상정보 기록기간", n.window),),
                    (Field("설치 장소", n.places),),
                ),
            ),
        ]
        return [
            lay.form([*head, *_result_rows(n)], label_width=0.15),
            lay.space(6),
            lay.text("귀하의 개인영상정보 열람등 청구에 대하여 위와 같이 통지합니다.", centre),
            lay.space(5),
            lay.text(clock.paper_date(meta.printed_at), right),
            lay.space(4),
            lay.text(f"{n.sender}\u00a0\u00a0(직인)", _signer(lay)),
            lay.space(6),
            lay.text(f"문의: {n.contact}", lay.st.small),
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def form_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, REQUEST_FORM, by, printed_at=printed_at)


def notice_meta(hospital: str, by: PrintedBy, printed_at: dt.datetime | None = None) -> ReportMeta:
    return new_meta(hospital, NOTICE_FORM, by, printed_at=printed_at)
