"""Printed CCTV records, read back with poppler: the 관리대장, the 청구서 and the result notices
(approval, refusal, extension, footage gone). Every font embedded NanumGothic; the Hangul comes
back out; every printing is in the access log. Both backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.cctv import decisions, printing, requests, viewlog
from privdesk.cctv.provisions import ProvisionInput, provide_footage
from privdesk.context import Actor, AppContext
from privdesk.errors import PermissionDeniedError, RuleViolationError
from privdesk.reports.template import period_text
from tests.audit_support import actor_for
from tests.test_cctv_requests import approval, entries, request_input, window
from tests.test_reports_template import assert_only_nanum_embedded, page_count, page_size, text


@pytest.fixture
def fac(ctx: AppContext) -> Actor:
    return actor_for(ctx, "fac01", ["facility"])


def squash(s: str) -> str:
    """pdftotext output without line breaks and spaces (cells wrap where they like)."""
    return "".join(s.split())


def test_ledger_pdf_has_the_form_columns_and_entries(ctx: AppContext, fac: Actor, tmp_path: Path) -> None:
    s, e = window(2)
    viewlog.record_viewing(ctx, fac, viewlog.QuickViewing(["CAM-05"], s, e, "후문 출입 기록 확인", "박주임"))
    provide_footage(
        ctx,
        fac,
        ProvisionInput(
            recipient="관악경찰서 형사과",
            legal_basis="개인정보 보호법 제18조제2항제2호",
            purpose="절도 사건 수사",
            form="사본 제공(USB)",
            cameras=["CAM-20"],
            window_start=s,
            window_end=e,
            document_no="형사과-1123",
        ),
    )
    today = clock.today_kst()
    out = tmp_path / "ledger.pdf"
    result = printing.print_ledger(ctx, fac, today - dt.timedelta(days=7), today, out, reason="업무 확인")
    # 2 entries + the recorder's overwrite of today, entered as 파기 automatically before printing
    assert result.pages == page_count(out) == 1 and result.rows == 3
    assert_only_nanum_embedded(out)
    w, h = page_size(out)
    assert w > h  # landscape
    body = squash(text(out))
    for words in (
        "[별지제3호서식]",
        "개인영상정보관리대장",
        "번호",
        "구분",
        "일시",
        "파일명/형태",
        "목적/사유",
        "이용·제공받는제3자/열람등요구자",
        "이용·제공근거",
        "이용·제공형태",
        "기간",
        "후문출입기록확인",
        "관악경찰서형사과(공문형사과-1123)",
        "촬영일로부터30일",
        "장튼위튼병원",
        "쪽1/1",
        "담당",
        "책임자",
        f"기록번호{result.record_no}",
        "총3건—이용0건,제공1건,열람1건,파기1건",
    ):
        assert words in body, words
    printed = entries(ctx, action=Action.PRINT)[-1]
    assert printed.subject == "report:cctv-ledger" and printed.actor == "fac01"
    assert (
        printed.detail
        == f"{result.record_no}; {period_text(today - dt.timedelta(days=7), today)}; 3건; 1쪽; 사유=업무 확인"
    )


def test_request_form_is_filled_from_the_intake_for_signature(
    ctx: AppContext, fac: Actor, tmp_path: Path
) -> None:
    d = requests.receive_request(
        ctx, fac, request_input(relation="guardian", subject_name="홍아기", proxy_checked=True)
    )
    out = tmp_path / "form.pdf"
    result = printing.print_request_form(ctx, fac, d.id, out, reason="업무 확인")
    assert result.pages == 1
    assert_only_nanum_embedded(out)
    body = squash(text(out))
    for words in (
        "[별지제2호서식]",
        "개인영상정보열람·존재확인청구서",
        d.number,
        "10일이내",
        "홍길동",
        "010-2345-6789",
        "1985.3.4.",
        "서울특별시관악구봉천로1",
        "■법정대리인",
        "홍아기",
        "■열람",
        "□존재확인",
        "CAM-02건물로비·1층로비접수대",
        "주차장에서차량접촉사고확인",
        "열람을청구합니다",
        "(서명또는인)",
        "장튼위튼병원장귀하",
        "주민등록증",
        "확인함",
        "청구종결시까지자동보존연장",
    ):
        assert words in body, words
    printed = entries(ctx, action=Action.PRINT)[-1]
    assert (
        printed.subject == f"cctv_request:{d.id}"
        and printed.detail == f"청구서; {result.record_no}; 1쪽; 사유=업무 확인"
    )
    assert "홍길동" not in (printed.detail or "") and "2345" not in (printed.detail or "")


def notice_text(ctx: AppContext, actor: Actor, request_id: int, out: Path) -> str:
    printing.print_result_notice(ctx, actor, request_id, out, reason="업무 확인")
    assert_only_nanum_embedded(out)
    return squash(text(out))


def test_result_notices_for_each_outcome(ctx: AppContext, fac: Actor, tmp_path: Path) -> None:
    ok = requests.receive_request(ctx, fac, request_input())
    with pytest.raises(RuleViolationError, match="아직 결정하지 않은"):
        printing.print_result_notice(ctx, fac, ok.id, tmp_path / "early.pdf", reason="업무 확인")
    assert not (tmp_path / "early.pdf").exists()
    when = dt.datetime(2026, 12, 1, 14, 0, tzinfo=clock.KST)
    decisions.approve(ctx, fac, ok.id, approval(viewing_at=when, others_in_frame=True))
    approved = notice_text(ctx, fac, ok.id, tmp_path / "approved.pdf")
    assert "■승인" in approved and "2026.12.1.14:00" in approved and "7층행정실시설팀" in approved
    assert "마스킹(모자이크)" in approved and "이의제기방법" not in approved

    no = requests.receive_request(ctx, fac, request_input())
    decisions.refuse(
        ctx,
        fac,
        no.id,
        ground="privacy_of_others",
        explanation="다른 환자 다수가 찍혀 마스킹으로 보호할 수 없음",
    )
    refused = notice_text(ctx, fac, no.id, tmp_path / "refused.pdf")
    for words in (
        "■거절",
        "타인의사생활침해우려(마스킹불가)",
        "다른환자다수가찍혀",
        "제35조제4항제2호",
        "이의제기방법",
        "1833-6972",
        "국번없이118",
        "070-4243-5308",
        "장튼위튼병원장(직인)",
    ):
        assert words in refused, words

    later = requests.receive_request(ctx, fac, request_input())
    until = later.due_date + dt.timedelta(days=10)
    decisions.extend(ctx, fac, later.id, until=until, reason="모자이크 처리에 시간이 필요함")
    extended = notice_text(ctx, fac, later.id, tmp_path / "extended.pdf")
    assert (
        "■연기" in extended
        and f"{squash(clock.paper_date(until))}까지" in extended
        and "이의제기방법" in extended
    )

    gone = requests.receive_request(ctx, fac, request_input(days_ago=45, kind="exist"))
    notice = notice_text(ctx, fac, gone.id, tmp_path / "gone.pdf")
    assert "■영상없음(보관기간경과)" in notice and "■존재확인" in notice
    assert "보관기간(촬영일로부터30일)이지나" in notice and "존재하지않습니다" in notice
    kinds = [e.detail.split(";")[0] for e in entries(ctx, action=Action.PRINT)]
    assert kinds == [
        "결과 통지서(승인)",
        "결과 통지서(거절)",
        "결과 통지서(연기)",
        "결과 통지서(영상 없음(보관기간 경과))",
    ]


def test_printing_needs_the_permission_and_a_cancelled_print_leaves_nothing(
    ctx: AppContext, fac: Actor, tmp_path: Path
) -> None:
    clerk = actor_for(ctx, "desk01", ["intake"])
    d = requests.receive_request(ctx, fac, request_input())
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PermissionDeniedError):
        printing.print_request_form(ctx, clerk, d.id, out / "x.pdf", reason="업무 확인")
    with pytest.raises(PermissionDeniedError):
        printing.print_ledger(
            ctx, clerk, clock.today_kst(), clock.today_kst(), out / "y.pdf", reason="업무 확인"
        )

    def cancel(page: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        printing.print_request_form(ctx, fac, d.id, out / "z.pdf", on_page=cancel, reason="업무 확인")
    assert list(out.iterdir()) == []
    assert entries(ctx, action=Action.PRINT) == []
    decisions.withdraw(ctx, fac, d.id, note="철회")
    with pytest.raises(RuleViolationError, match="철회"):
        printing.print_result_notice(ctx, fac, d.id, out / "w.pdf", reason="업무 확인")
