"""Printed data-subject request papers, read back with poppler: the 요구서 (별지 제8호서식), the 열람
통지서 (제9호), the 연기·거절 통지서 (제10호), the 정정·삭제 결과 통지서 (제12호), the 처리정지 결과
통지서 (제13호) and the 정정 통지 to a third party. Each for a request driven through the real use
cases; every font embedded NanumGothic; the Hangul comes back out; every printing is in the access
log without personal data; a paper that does not fit the request's state is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.disclosures.models import Disclosure, DisclosureSubject
from privdesk.errors import NotFoundError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.registry.patients import create_patient
from privdesk.registry.validation import PatientInput
from privdesk.rights import decisions, printing
from privdesk.rights.printing import NoticeKind, available_notices, print_correction_notice, print_notice
from privdesk.rights.requests import RequestDetail, RequestInput, get_request, receive_request
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for
from tests.test_reports_template import assert_only_nanum_embedded, page_size
from tests.test_reports_template import text as pdf_text
from tests.test_rights import correct

ADDRESS = "서울특별시 관악구 남부순환로 1867 장튼위튼타워 리버사이드 아파트 1203동 1504호 (봉천동, 관악센트럴푸르지오)"
AGENT_ADDRESS = (
    "경기도 성남시 분당구 판교역로 235 에이치스퀘어 엔동 7층 법무법인 한결 개인정보 분쟁 담당 변호사실"
)
CORRECTION_TEXT = (
    "주소가 이사 전 주소로 잘못 기록되어 있습니다. 2026년 9월에 관악구 봉천동에서 동작구 사당동으로 "
    "이사하였으므로 주소를 '서울특별시 동작구 동작대로 1 사당래미안 아파트 101동 1001호'로 정정하여 주시고, "
    "휴대전화 번호도 010-9876-5432로 바꾸어 주십시오. 정정 전 주소로 보험회사와 국민건강보험공단에 "
    "자료가 제공되었다면 그 기관에도 정정 사실을 알려 주시기를 요청합니다. 정정 결과는 우편으로 받겠습니다."
)
NEW_ADDRESS = "서울특별시 동작구 동작대로 1 사당래미안 아파트 101동 1001호"
RESULT = "주소를 '서울특별시 동작구 동작대로 1 사당래미안 아파트 101동 1001호'로, 휴대전화를 010-9876-5432로 정정함"
SECRETS = (
    "홍길동",
    "김대리",
    "관악구 남부순환로",
    "판교역로",
    "010-2345-6789",
    "010-3456-7890",
    "사당래미안",
    "9876",
)


def squash(s: str) -> str:
    return "".join(s.split())


def read(pdf: Path) -> str:
    assert_only_nanum_embedded(pdf)
    w, h = page_size(pdf)
    assert w < h  # A4 portrait
    return squash(pdf_text(pdf))


@pytest.fixture
def clerk(ctx: AppContext) -> Actor:
    return actor_for(ctx, "won", ["intake"])


def add_patient(
    ctx: AppContext, actor: Actor, chart: str = "1001", name: str = "홍길동", rrn: str = "900101-1234568"
) -> int:
    return create_patient(
        ctx,
        actor,
        PatientInput(
            chart_no=chart,
            name=name,
            rrn=rrn,
            address=ADDRESS,
            phones=["010-2345-6789"],
            first_visit="2020-01-02",
            last_visit="2026-05-06",
        ),
    ).id


def disclose(
    ctx: AppContext,
    patient_id: int,
    recipient: str,
    on: dt.date,
    *,
    items: str = "이름, 주소, 진료기록 사본",
    document_no: str = "",
) -> int:
    """A disclosure row inserted directly (the disclosure use cases are written elsewhere)."""
    with ctx.unit(None) as u:
        d = Disclosure(
            file_code="patient",
            file_name="환자 진료 접수 및 관리",
            recipient=recipient,
            recipient_purpose="보험금 지급 심사",
            items=items,
            legal_basis="consent",
            basis_detail="제3자 제공 동의서 2026-03-02",
            disclosed_on=on,
            form="사본(종이)",
            document_no=document_no,
            provided_by="won",
            subject_count=1,
            recorded_at=clock.now(),
            recorded_by="won",
        )
        u.session.add(d)
        u.session.flush()
        u.session.add(
            DisclosureSubject(
                disclosure_id=d.id,
                position=0,
                subject_ref=f"patient:{patient_id}",
                patient_id=patient_id,
                label="홍*동",
            )
        )
        return d.id


def receive(ctx: AppContext, actor: Actor, kind: str, patient_id: int | None, **kw: Any) -> RequestDetail:
    base: dict[str, Any] = dict(
        kind=kind,
        file_code="patient",
        relation="self",
        requester_name="홍길동",
        requester_phone="010-2345-6789",
        id_document="주민등록증",
        request_text=CORRECTION_TEXT if kind != "access" else "",
        patient_id=patient_id,
        requester_address=ADDRESS,
        subject_address=ADDRESS,
        requester_birth=dt.date(1990, 1, 1),
    )
    base.update(kw)
    return receive_request(ctx, actor, RequestInput(**base))


def print_entries(ctx: AppContext) -> list[AccessLogEntry]:
    with ctx.session() as s:
        return list(
            s.scalars(
                select(AccessLogEntry)
                .where(AccessLogEntry.action == Action.PRINT)
                .order_by(AccessLogEntry.seq)
            )
        )


def assert_clean(entry: AccessLogEntry) -> None:
    text = f"{entry.subject} {entry.detail}"
    for secret in SECRETS:
        assert secret not in text, secret


def viewing(**kw: Any) -> decisions.AccessOutcome:
    base: dict[str, Any] = dict(
        viewing_at=dt.datetime(2026, 12, 3, 14, 30),
        viewing_place="본관 1층 원무과 상담실",
        viewing_method="사본·출력물",
        fee=3500,
    )
    base.update(kw)
    return decisions.AccessOutcome(**base)


# -- 요구서 ------------------------------------------------------------------------------------------
def test_request_form_by_an_agent_is_filled_for_signature(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    pid = add_patient(ctx, clerk)
    d = receive(
        ctx,
        clerk,
        "correct",
        pid,
        relation="agent",
        requester_name="김대리",
        proxy_checked=True,
        requester_phone="010-3456-7890",
        requester_birth=dt.date(1975, 6, 7),
        requester_address=AGENT_ADDRESS,
        channel="mail",
    )
    out = tmp_path / "form.pdf"
    result = print_notice(ctx, clerk, d.id, NoticeKind.REQUEST_FORM, out, reason="업무 확인")
    assert result.pages == 1 and result.title == "개인정보(열람, 정정·삭제, 처리정지) 요구서"
    assert result.record_no.startswith("RQ-") and result.path == out
    body = read(out)
    for words in (
        "[별지제8호서식]",
        "개인정보(열람,정정·삭제,처리정지)요구서",
        d.number,
        "처리기간",
        "10일이내",
        f"기한{squash(clock.paper_date(d.due_date))}",
        "정보주체",
        "홍길동",
        "1990.1.1.",
        squash(ADDRESS),
        "대리인",
        "김대리",
        "010-3456-7890",
        "1975.6.7.",
        squash(AGENT_ADDRESS),
        "□법정대리인",
        "■대리인",
        "□열람",
        "□개인정보의항목및내용",
        "■정정·삭제",
        "□처리정지",
        "정정:주소가이사전주소로",
        "정정결과는우편으로받겠습니다.",
        "위와같이요구합니다",
        "요구인김대리",
        "(서명또는인)",
        "장튼위튼병원귀하",
        "우편",
        "주민등록증",
        "위임장확인함",
        "처리절차",
        "쪽1/1",
    ):
        assert words in body, words
    printed = print_entries(ctx)[-1]
    assert printed.subject == f"subject_request:{d.id}" and printed.actor == "won"
    assert printed.detail == f"request_form; {d.number}; {result.record_no}; 1쪽; 사유=업무 확인"
    assert_clean(printed)


def test_request_form_of_an_access_request_ticks_the_items_asked(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    clerk = actor_for(sqlite_ctx, "won", ["intake"])
    pid = add_patient(sqlite_ctx, clerk)
    d = receive(
        sqlite_ctx,
        clerk,
        "access",
        pid,
        access_items=("content", "provision"),
        request_text="보험 청구에 필요하여 제3자 제공 내역을 확인하고자 합니다.",
    )
    out = tmp_path / "form.pdf"
    print_notice(sqlite_ctx, clerk, d.id, "request_form", out, reason="업무 확인")
    body = read(out)
    for words in (
        "■열람",
        "■개인정보의항목및내용",
        "□개인정보의수집·이용의목적",
        "□개인정보보유및이용기간",
        "■개인정보의제3자제공현황",
        "□개인정보처리에동의한사실및내용",
        "□정정·삭제",
        "□처리정지",
        "보험청구에필요하여",
        "요구인홍길동",
        "해당없음(본인)",
        "□법정대리인□대리인",
    ):
        assert words in body, words


# -- 열람 통지서 --------------------------------------------------------------------------------------
def test_access_notice_carries_the_answer_from_the_data(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    pid = add_patient(ctx, clerk)
    disclose(ctx, pid, "한국손해보험(주) 보험금심사팀", dt.date(2026, 3, 5))
    disclose(ctx, pid, "국민건강보험공단 관악지사", dt.date(2026, 4, 1), items="이름, 주민등록번호, 진료일")
    d = receive(ctx, clerk, "access", pid)
    decisions.verify_identity(ctx, clerk, d.id)
    decisions.complete_access(ctx, clerk, d.id, viewing(note="사본 2부를 우편으로 보냄"))
    out = tmp_path / "access.pdf"
    result = print_notice(ctx, clerk, d.id, NoticeKind.ACCESS_NOTICE, out, reason="업무 확인")
    assert result.title == "개인정보 열람 통지서"
    body = read(out)
    for words in (
        "[별지제9호서식]",
        "개인정보열람통지서",
        d.number,
        "수신자",
        "홍길동",
        squash(ADDRESS),
        "열람일시",
        "2026.12.3.14:30",
        "본관1층원무과상담실",
        "□열람·시청",
        "■사본·출력물",
        "□전자파일",
        "납부금액",
        "3,500원",
        "사본2부를우편으로보냄",
        "열람할개인정보",
        "개인정보의항목및내용",
        "900101-1******",
        "010-2345-6789",
        "개인정보의수집·이용목적",
        "진료,진료접수및환자관리",
        "개인정보보유및이용기간",
        "개인정보의제3자제공현황",
        "한국손해보험(주)보험금심사팀",
        "2026.3.5.",
        "국민건강보험공단관악지사",
        "정보주체의별도동의",
        "개인정보처리에동의한사실및내용",
        "동의가아닌법령에근거하여",
        "이의제기방법",
        "이통지에이의가있으면장튼위튼병원의이의제기절차에따라",
        "장튼위튼병원장(직인)",
    ):
        assert words in body, words
    assert "1234568" not in body  # the resident number's tail is never printed
    printed = print_entries(ctx)[-1]
    assert (
        printed.detail == f"access_notice; {d.number}; {result.record_no}; {result.pages}쪽; 사유=업무 확인"
    )
    assert_clean(printed)


def test_partly_completed_access_notice_states_the_ground(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    clerk = actor_for(sqlite_ctx, "won", ["intake"])
    pid = add_patient(sqlite_ctx, clerk)
    d = receive(sqlite_ctx, clerk, "access", pid, access_items=("content", "retention"))
    decisions.verify_identity(sqlite_ctx, clerk, d.id)
    with pytest.raises(ValidationError):  # a partly answered 열람 still needs when, where and how
        decisions.partly_complete(
            sqlite_ctx,
            clerk,
            d.id,
            result="이름·주소·연락처만 열람하게 함",
            ground="harm_others",
            explanation="보호자가 적은 메모에 다른 사람의 정보가 함께 있음",
        )
    decisions.partly_complete(
        sqlite_ctx,
        clerk,
        d.id,
        result="이름·주소·연락처만 열람하게 함",
        ground="harm_others",
        explanation="보호자가 적은 메모에 다른 사람의 정보가 함께 있음",
        viewing=decisions.AccessOutcome(
            viewing_at=dt.datetime(2026, 12, 10, 14, 0),
            viewing_place="원무과 상담실",
            viewing_method="열람·시청",
        ),
    )
    out = tmp_path / "partly.pdf"
    print_notice(sqlite_ctx, clerk, d.id, NoticeKind.ACCESS_NOTICE, out, reason="업무 확인")
    body = read(out)
    for words in (
        "원무과상담실",
        "열람제한",
        "다른사람의생명·신체를해하거나재산등이익을부당하게침해할우려",
        "제35조제4항제2호",
        "보호자가적은메모에",
        "개인정보의항목및내용",
        "개인정보보유및이용기간",
        "이통지에이의가있으면",
    ):
        assert words in body, words
    assert "개인정보의제3자제공현황" not in body  # not asked for


# -- 연기·거절 통지서 ---------------------------------------------------------------------------------
def test_extension_and_refusal_notices(ctx: AppContext, clerk: Actor, tmp_path: Path) -> None:
    pid = add_patient(ctx, clerk)
    late = receive(ctx, clerk, "access", pid)
    new_due = late.due_date + dt.timedelta(days=7)
    late = decisions.extend(
        ctx, clerk, late.id, new_due=new_due, reason="분리보관 기록(주민등록초본 사본)을 찾아 확인해야 함"
    )
    assert available_notices(late) == (NoticeKind.REQUEST_FORM, NoticeKind.DELAY_REFUSAL)
    out = tmp_path / "delay.pdf"
    result = print_notice(ctx, clerk, late.id, NoticeKind.DELAY_REFUSAL, out, reason="업무 확인")
    assert result.title == "개인정보 열람 연기·거절 통지서" == printing.notice_title(late, "delay_refusal")
    body = read(out)
    for words in (
        "[별지제10호서식]",
        "개인정보열람연기·거절통지서",
        late.number,
        "■연기",
        "□거절",
        f"당초기한{squash(clock.paper_date(late.due_date))}",
        f"{squash(clock.paper_date(new_due))}까지",
        "주민등록초본",
        "이의제기방법",
        "이통지에이의가있으면",
        "열람의연기를통지합니다",
        "제35조제3항",
    ):
        assert words in body, words

    no = receive(ctx, clerk, "access", pid)
    decisions.refuse(
        ctx, clerk, no.id, ground="law_prohibits", explanation="수사기관의 요청으로 열람이 제한된 기간임"
    )
    out2 = tmp_path / "refusal.pdf"
    result2 = print_notice(ctx, clerk, no.id, NoticeKind.DELAY_REFUSAL, out2, reason="업무 확인")
    assert (
        result2.title
        == "개인정보 열람 연기·거절 통지서"
        == printing.notice_title(no, NoticeKind.DELAY_REFUSAL)
    )
    body = read(out2)
    for words in (
        "[별지제10호서식]",
        "개인정보열람연기·거절통지서",
        no.number,
        "□연기",
        "■거절",
        "거절사유",
        "법률에따라열람이금지되거나제한됨",
        "개인정보보호법제35조제4항제1호",
        "수사기관의요청으로",
        "이통지에이의가있으면",
        "개인정보분쟁조정위원회(1833-6972,www.kopico.go.kr)",
        "070-4243-5308",
    ):
        assert words in body, words
    details = [e.detail for e in print_entries(ctx)]
    assert details == [
        f"delay_refusal; {late.number}; 연기; {result.record_no}; 1쪽; 사유=업무 확인",
        f"delay_refusal; {no.number}; 거절; {result2.record_no}; 1쪽; 사유=업무 확인",
    ]


def test_extended_access_request_gets_the_official_form(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    clerk = actor_for(sqlite_ctx, "won", ["intake"])
    d = receive(sqlite_ctx, clerk, "access", add_patient(sqlite_ctx, clerk))
    decisions.extend(
        sqlite_ctx, clerk, d.id, new_due=d.due_date + dt.timedelta(days=3), reason="서고 기록 확인 필요"
    )
    out = tmp_path / "x.pdf"
    assert (
        print_notice(sqlite_ctx, clerk, d.id, NoticeKind.DELAY_REFUSAL, out, reason="업무 확인").title
        == "개인정보 열람 연기·거절 통지서"
    )
    body = read(out)
    assert "■연기" in body and "열람의연기를통지합니다" in body and "서고기록확인필요" in body


# -- 정정·삭제 결과 통지서 ---------------------------------------------------------------------------
def test_correction_and_deletion_result_notices(ctx: AppContext, clerk: Actor, tmp_path: Path) -> None:
    pid = add_patient(ctx, clerk)
    disclose(ctx, pid, "한국손해보험(주) 보험금심사팀", dt.date(2026, 3, 5))
    fix = receive(ctx, clerk, "correct", pid)
    decisions.verify_identity(ctx, clerk, fix.id)
    correct(ctx, clerk, fix.id, pid, address=NEW_ADDRESS, phones=["010-9876-5432"])
    out = tmp_path / "corrected.pdf"
    result = print_notice(ctx, clerk, fix.id, NoticeKind.CORRECTION_RESULT, out, reason="업무 확인")
    assert result.title == "개인정보 정정·삭제 결과 통지서"
    body = read(out)
    for words in (
        "[별지제12호서식]",
        "개인정보정정·삭제결과통지서",
        fix.number,
        "■정정",
        "□삭제",
        "■완료",
        "□일부완료",
        "□거절",
        "조치내용",
        "사당래미안아파트101동1001호",
        "제3자1곳에정정사실을통지",
        "이통지에이의가있으면",
        "장튼위튼병원장(직인)",
    ):
        assert words in body, words

    erase = receive(ctx, clerk, "delete", pid, request_text="진료 기록을 모두 삭제해 주십시오.")
    decisions.verify_identity(ctx, clerk, erase.id)
    decisions.refuse(
        ctx,
        clerk,
        erase.id,
        ground="required_by_law",
        explanation="환자 명부는 최종 내원일부터 5년간 보존해야 합니다.",
    )
    out2 = tmp_path / "refused.pdf"
    print_notice(ctx, clerk, erase.id, NoticeKind.CORRECTION_RESULT, out2, reason="업무 확인")
    body = read(out2)
    for words in (
        "□정정",
        "■삭제",
        "■거절",
        "거절사유",
        "다른법령에서수집대상으로정한개인정보(삭제불가)",
        "개인정보보호법제36조제1항단서",
        "최종내원일부터5년간보존",
        "이통지에이의가있으면",
    ):
        assert words in body, words
    assert "조치내용" not in body
    printed = print_entries(ctx)
    assert [e.detail.split(";")[-4].strip() for e in printed if e.detail] == ["완료", "거절"]
    for e in printed:
        assert_clean(e)


def test_partly_completed_correction_states_done_and_not_done(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    clerk = actor_for(sqlite_ctx, "won", ["intake"])
    pid = add_patient(sqlite_ctx, clerk)
    fix = receive(sqlite_ctx, clerk, "correct", pid)
    decisions.verify_identity(sqlite_ctx, clerk, fix.id)
    correct(
        sqlite_ctx,
        clerk,
        fix.id,
        pid,
        phones=["010-9876-5432"],
        note="휴대전화 번호만",
        ground="not_inaccurate",
        explanation="주소는 제출한 주민등록초본과 이미 같습니다.",
    )
    out = tmp_path / "partly.pdf"
    print_notice(sqlite_ctx, clerk, fix.id, NoticeKind.CORRECTION_RESULT, out, reason="업무 확인")
    body = read(out)
    for words in (
        "■일부완료",
        "휴대전화번호만",
        "제한사유",
        "정정요구내용이사실과다르거나근거가없음",
        "제36조제2항",
        "주소는제출한주민등록초본과",
        "이통지에이의가있으면",
    ):
        assert words in body, words


# -- 처리정지 결과 통지서 ----------------------------------------------------------------------------
def test_suspension_and_withdrawal_result_notices(ctx: AppContext, clerk: Actor, tmp_path: Path) -> None:
    pid = add_patient(ctx, clerk)
    stop = receive(
        ctx, clerk, "suspend", pid, request_text="건강검진 안내 문자와 홍보 우편을 보내지 마십시오."
    )
    decisions.verify_identity(ctx, clerk, stop.id)
    decisions.complete(ctx, clerk, stop.id, result="안내·홍보 연락을 정지함 (2026-11-25부터)")
    out = tmp_path / "suspended.pdf"
    result = print_notice(ctx, clerk, stop.id, NoticeKind.SUSPENSION_RESULT, out, reason="업무 확인")
    assert result.title == "개인정보 처리정지 요구에 대한 결과 통지서"
    body = read(out)
    for words in (
        "[별지제13호서식]",
        "개인정보처리정지요구에대한결과통지서",
        stop.number,
        "■처리정지",
        "□동의철회·회원탈퇴",
        "■완료",
        "안내·홍보연락을정지함",
        "건강검진안내문자와",
        "이통지에이의가있으면",
    ):
        assert words in body, words

    quit_ = receive(
        ctx,
        clerk,
        "withdraw",
        None,
        file_code="member",
        subject_name="홍길동",
        request_text="홈페이지 회원 탈퇴와 함께 진료 기록의 처리에 대한 동의도 철회합니다.",
    )
    decisions.verify_identity(ctx, clerk, quit_.id)
    decisions.refuse(
        ctx, clerk, quit_.id, ground="legal_duty", explanation="진료기록은 의료법에 따라 보존해야 합니다."
    )
    out2 = tmp_path / "withdrawal.pdf"
    print_notice(ctx, clerk, quit_.id, NoticeKind.SUSPENSION_RESULT, out2, reason="업무 확인")
    body = read(out2)
    for words in (
        "□처리정지",
        "■동의철회·회원탈퇴",
        "■거절",
        "홈페이지회원가입및관리",
        "법률의특별한규정또는법령상의무준수에불가피",
        "제37조제2항제1호",
        "진료기록은의료법에따라",
        "이통지에이의가있으면",
        "동의철회·회원탈퇴요구에대한결과",
    ):
        assert words in body, words


# -- which papers fit which state -------------------------------------------------------------------
def test_available_notices_per_state_and_a_misfit_is_refused(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    clerk = actor_for(ctx, "won", ["intake"])
    pid = add_patient(ctx, clerk)
    form = (NoticeKind.REQUEST_FORM,)
    a = receive(ctx, clerk, "access", pid)
    assert available_notices(a) == form
    a = decisions.verify_identity(ctx, clerk, a.id)
    assert available_notices(a) == form
    a = decisions.start(ctx, clerk, a.id)
    assert available_notices(a) == form
    a = decisions.complete_access(ctx, clerk, a.id, viewing())
    assert available_notices(a) == (NoticeKind.REQUEST_FORM, NoticeKind.ACCESS_NOTICE)

    late = receive(ctx, clerk, "access", pid)
    late = decisions.extend(
        ctx, clerk, late.id, new_due=late.due_date + dt.timedelta(days=5), reason="기록 확인"
    )
    assert available_notices(late) == (NoticeKind.REQUEST_FORM, NoticeKind.DELAY_REFUSAL)
    late = decisions.verify_identity(ctx, clerk, late.id)
    late = decisions.complete_access(ctx, clerk, late.id, viewing())
    assert available_notices(late) == (
        NoticeKind.REQUEST_FORM,
        NoticeKind.ACCESS_NOTICE,
        NoticeKind.DELAY_REFUSAL,
    )

    gone = receive(ctx, clerk, "access", pid)
    gone = decisions.withdraw(ctx, clerk, gone.id, reason="요구인이 취하함")
    assert available_notices(gone) == form

    c = receive(
        ctx,
        clerk,
        "delete",
        None,
        file_code="reservation",
        subject_name="홍길동",
        request_text="예약 기록 삭제",
    )
    assert available_notices(c) == form
    c = decisions.verify_identity(ctx, clerk, c.id)
    c = decisions.complete(ctx, clerk, c.id, result="예약 기록을 삭제함")
    assert available_notices(c) == (NoticeKind.REQUEST_FORM, NoticeKind.CORRECTION_RESULT)

    s = receive(ctx, clerk, "suspend", pid)
    s = decisions.refuse(ctx, clerk, s.id, ground="identity", explanation="신분증 사본이 흐려 본인 확인 불가")
    assert available_notices(s) == (NoticeKind.REQUEST_FORM, NoticeKind.SUSPENSION_RESULT)

    open_fix = receive(ctx, clerk, "correct", pid)
    for kind in (
        NoticeKind.ACCESS_NOTICE,
        NoticeKind.DELAY_REFUSAL,
        NoticeKind.CORRECTION_RESULT,
        NoticeKind.SUSPENSION_RESULT,
    ):
        with pytest.raises(RuleViolationError, match="출력할 수 없습니다"):
            print_notice(ctx, clerk, open_fix.id, kind, tmp_path / f"{kind}.pdf", reason="업무 확인")
    with pytest.raises(RuleViolationError, match="열람 통지서는 열람을 완료"):
        print_notice(ctx, clerk, c.id, NoticeKind.ACCESS_NOTICE, tmp_path / "x.pdf", reason="업무 확인")
    with pytest.raises(ValidationError, match="request_form"):
        print_notice(ctx, clerk, c.id, "receipt", tmp_path / "x.pdf", reason="업무 확인")
    with pytest.raises(NotFoundError):
        print_notice(ctx, clerk, 9999, NoticeKind.REQUEST_FORM, tmp_path / "x.pdf", reason="업무 확인")
    assert list(tmp_path.glob("*.pdf")) == []
    assert print_entries(ctx) == []
    assert get_request(ctx, clerk, open_fix.id).state == "received"


# -- permission, cancellation ------------------------------------------------------------------------
def test_printing_needs_request_handle_and_a_cancelled_print_leaves_nothing(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    fac = actor_for(ctx, "fac01", ["facility"])
    out = tmp_path / "out"
    out.mkdir()
    pid = add_patient(ctx, clerk)
    disclose(ctx, pid, "한국손해보험(주) 보험금심사팀", dt.date(2026, 3, 5))
    d = receive(ctx, clerk, "correct", pid)
    decisions.verify_identity(ctx, clerk, d.id)
    correct(ctx, clerk, d.id, pid, address=NEW_ADDRESS, phones=["010-9876-5432"])
    notice = decisions.correction_notices(ctx, clerk, d.id)[0]
    with pytest.raises(PermissionDeniedError):
        print_notice(ctx, fac, d.id, NoticeKind.REQUEST_FORM, out / "a.pdf", reason="업무 확인")
    with pytest.raises(PermissionDeniedError):
        print_correction_notice(ctx, fac, notice.id, out / "b.pdf", reason="업무 확인")
    with ctx.session() as s:
        denied = list(
            s.scalars(
                select(AccessLogEntry).where(
                    AccessLogEntry.action == Action.PERMISSION_DENIED, AccessLogEntry.actor == "fac01"
                )
            )
        )
    assert [e.detail for e in denied] == ["request.handle", "request.handle"]
    assert all(e.outcome == "denied" for e in denied)

    def cancel(page: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        print_notice(
            ctx, clerk, d.id, NoticeKind.CORRECTION_RESULT, out / "c.pdf", on_page=cancel, reason="업무 확인"
        )
    with pytest.raises(KeyboardInterrupt):
        print_correction_notice(ctx, clerk, notice.id, out / "d.pdf", on_page=cancel, reason="업무 확인")
    assert list(out.iterdir()) == []
    assert print_entries(ctx) == []
    with pytest.raises(ValidationError, match="출력할 폴더가 없습니다"):
        print_notice(ctx, clerk, d.id, NoticeKind.REQUEST_FORM, out / "missing" / "x.pdf", reason="업무 확인")


# -- 정정 통지 to a third party --------------------------------------------------------------------
def test_correction_notice_goes_to_exactly_its_recipient(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    pid = add_patient(ctx, clerk)
    other = add_patient(ctx, clerk, chart="1002", name="이순신", rrn="850304-2123451")
    disclose(ctx, pid, "한국손해보험(주) 보험금심사팀", dt.date(2026, 3, 5), document_no="보심-2026-0311")
    disclose(
        ctx,
        pid,
        "한국손해보험(주) 보험금심사팀",
        dt.date(2026, 6, 9),
        items="이름, 주소, 연락처",
        document_no="보심-2026-0642",
    )
    disclose(ctx, pid, "국민건강보험공단 관악지사", dt.date(2026, 4, 1), items="이름, 주민등록번호, 진료일")
    disclose(ctx, other, "서울관악경찰서 형사과", dt.date(2026, 5, 1))
    d = receive(ctx, clerk, "correct", pid)
    decisions.verify_identity(ctx, clerk, d.id)
    correct(ctx, clerk, d.id, pid, address=NEW_ADDRESS, phones=["010-9876-5432"])
    notices = decisions.correction_notices(ctx, clerk, d.id)
    assert sorted(n.recipient for n in notices) == [
        "국민건강보험공단 관악지사",
        "한국손해보험(주) 보험금심사팀",
    ]
    insurer = next(n for n in notices if n.recipient.startswith("한국손해보험"))
    out = tmp_path / "letter.pdf"
    result = print_correction_notice(ctx, clerk, insurer.id, out, reason="업무 확인")
    assert result.title == "개인정보 정정 통지서" and result.record_no.startswith("RN-")
    body = read(out)
    for words in (
        "개인정보정정통지서",
        "수신",
        "한국손해보험(주)보험금심사팀귀하",
        "정보주체",
        "홍길동",
        "1990.1.1.",
        "정정내용",
        d.number,
        "사당래미안아파트101동1001호",
        "010-9876-5432",
        "귀기관에제공한내역",
        "2026.3.5.",
        "보심-2026-0311",
        "2026.6.9.",
        "보심-2026-0642",
        "이름,주소,연락처",
        "보험금지급심사",
        "정정하여주시고",
        "정정전의개인정보는더이상이용하거나",
        "070-4209-9794",
        "070-4243-5308",
        "서울시관악구남부순환로1867",
        "장튼위튼병원장(직인)",
    ):
        assert words in body, words
    for absent in ("국민건강보험공단", "2026.4.1.", "서울관악경찰서", "이순신"):
        assert absent not in body, absent
    printed = print_entries(ctx)[-1]
    assert printed.subject == f"subject_request:{d.id}"
    assert (
        printed.detail
        == f"correction_notice {insurer.id}; {d.number}; {result.record_no}; 1쪽; 사유=업무 확인"
    )
    assert_clean(printed)
    assert "한국손해보험" not in (printed.detail or "")
    with pytest.raises(NotFoundError):
        print_correction_notice(ctx, clerk, 9999, tmp_path / "none.pdf", reason="업무 확인")


def test_notice_kinds_and_titles_are_complete() -> None:
    assert set(printing.NOTICE_TITLES) == set(NoticeKind)
    assert printing.NOTICE_TITLES[NoticeKind.DELAY_REFUSAL] == "개인정보 열람 연기·거절 통지서"
    assert printing.notice_kind("suspension_result") is NoticeKind.SUSPENSION_RESULT


def test_longest_texts_wrap_onto_further_pages_without_loss(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    """The longest request, result and explanation the use cases accept: nothing is cut off."""
    ctx = sqlite_ctx
    clerk = actor_for(ctx, "won", ["intake"])
    ask = (CORRECTION_TEXT * 20)[:1990] + " 요구끝표시"
    done = (RESULT + " ") * 40
    done = done[:1990] + " 결과끝표시"
    why = ("제출한 서류만으로는 주소 변경 사실을 확인할 수 없습니다. " * 40)[:990] + " 설명끝표시"
    fix = receive(
        ctx,
        clerk,
        "correct",
        None,
        requester_address=ADDRESS * 2,
        request_text=ask,
        file_code="member",
        subject_name="홍길동",
    )
    decisions.verify_identity(ctx, clerk, fix.id)
    decisions.partly_complete(ctx, clerk, fix.id, result=done, ground="not_inaccurate", explanation=why)
    for kind in (NoticeKind.REQUEST_FORM, NoticeKind.CORRECTION_RESULT):
        out = tmp_path / f"{kind}.pdf"
        result = print_notice(ctx, clerk, fix.id, kind, out, reason="업무 확인")
        body = read(out)
        assert "요구끝표시" in body and squash(ask[:60]) in body, kind
        if kind == NoticeKind.CORRECTION_RESULT:
            assert result.pages >= 2
            assert "결과끝표시" in body and "설명끝표시" in body and "이통지에이의가있으면" in body
