"""Printed and exported disclosure records, read back as a person would: the 제3자 제공 대장 and the
processor list as PDF (only NanumGothic, embedded; the Hangul comes back; no subject's name), the
ledger as CSV (UTF-8 with BOM, the Korean header, masked subjects, formulas neutralised), every one
in the access log; and the command-line contract in child processes, on both backends."""

from __future__ import annotations

import csv
import datetime as dt
import re
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.disclosures import printing
from privdesk.disclosures import processors as puc
from privdesk.disclosures.ledger import ExternalSubject, record_disclosure
from privdesk.errors import ValidationError
from privdesk.personal import mask_name
from privdesk.reports import disclosure_ledger
from privdesk.reports.template import period_text
from tests.audit_support import TEST_PASSWORD, actor_for, officer
from tests.consent_support import give_consent
from tests.helpers import OFFICER_PASSWORD, run_cli
from tests.lifecycle_support import Marked, add_marked
from tests.test_disclosures import entries, police
from tests.test_processors import form
from tests.test_reports_template import (
    assert_only_nanum_embedded,
    page_count,
    page_size,
    png_of_first_page,
    text,
)

Cli = Callable[..., subprocess.CompletedProcess[str]]


def squash(s: str) -> str:
    return "".join(s.split())


@pytest.fixture
def desk(ctx: AppContext) -> Actor:
    return actor_for(ctx, "desk01", ["intake"])


@pytest.fixture
def people(ctx: AppContext) -> list[Marked]:
    boss = officer(ctx)
    return [add_marked(ctx, boss, i, last_visit=clock.today_kst() - dt.timedelta(days=3)) for i in range(2)]


def fill(ctx: AppContext, desk: Actor, people: list[Marked]) -> None:
    give_consent(ctx, [people[1].id], "provision")  # the entry on the basis of consent needs it
    first = record_disclosure(
        ctx,
        desk,
        police(
            people[0].id,
            disclosed_on=clock.today_kst() - dt.timedelta(days=2),
            document_no="형사과-2026-1132",
        ),
    )
    record_disclosure(
        ctx,
        desk,
        police(
            people[0].id,
            disclosed_on=clock.today_kst() - dt.timedelta(days=2),
            document_no="형사과-2026-1123",
            corrects_id=first.id,
        ),
    )
    record_disclosure(
        ctx,
        desk,
        police(
            people[1].id,
            recipient='=HYPERLINK("x")',
            legal_basis="consent",
            basis_detail="제3자 제공 동의서",
            restrictions="",
            external_subjects=[ExternalSubject("박민수", "홈페이지 회원")],
        ),
    )
    from tests.test_ledgers import pseudonym

    record_disclosure(
        ctx,
        desk,
        police(
            legal_basis="pseudonymised",
            basis_detail="내원 양상 연구",
            recipient="서울대학교 연구팀",
            recipient_purpose="내원 양상 통계",
            restrictions="재식별 금지",
            subject_count=850,
            period="2025-01 ~ 2025-12",
            pseudonym=pseudonym(),
        ),
    )


def test_ledger_pdf_has_the_columns_and_no_subject_names(
    ctx: AppContext, desk: Actor, people: list[Marked], tmp_path: Path
) -> None:
    fill(ctx, desk, people)
    out = tmp_path / "ledger.pdf"
    result = printing.print_ledger(
        ctx, desk, clock.today_kst() - dt.timedelta(days=7), clock.today_kst(), out, reason="업무 확인"
    )
    assert (result.rows, result.pages, result.title) == (
        4,
        page_count(out),
        "개인정보의 목적 외 이용 및 제3자 제공 대장",
    )
    assert_only_nanum_embedded(out)
    w, h = page_size(out)
    assert w > h
    body = squash(text(out))
    for words in (
        "개인정보의목적외이용및제3자제공대장",
        "번호",
        "구분",
        "이용·제공일(날짜·주기·기간)",
        "개인정보파일명칭",
        "이용기관·제공받는자",
        "이용·제공목적",
        "법적근거",
        "항목",
        "형태",
        "제한·조치요청내용",
        "정보주체수",
        "가명처리(법제28조의4)",
        "문서번호",
        "처리자",
        "관악경찰서",
        "형사소송법제215조압수·수색영장",
        "형사과-2026-1123",
        "형사과-2026-1132",
        "[1번기록정정]",
        "[2번기록으로정정됨]",
        "정보주체의별도동의:제3자제공동의서",
        "850명",
        "(2025-01",
        "desk01님(desk01)",
        "총4건(제3자제공4건,목적외이용0건),정보주체854명—다른법률의특별한규정2건,정보주체의별도동의1건",
        "정정기재",
        "시행령제15조",
        "장튼위튼병원",
        "담당",
        "책임자",
        f"기록번호{result.record_no}",
        f"쪽1/{result.pages}",
    ):
        assert words in body, words
    for p in people:
        assert p.name not in body and p.chart_no not in body
    assert "박민수" not in body
    printed = entries(ctx, action=Action.PRINT)[-1]
    assert (printed.subject, printed.actor) == (disclosure_ledger.WHAT, "desk01")
    assert (
        printed.detail
        == f"{result.record_no}; {period_text(clock.today_kst() - dt.timedelta(days=7), clock.today_kst())}; 4건; {result.pages}쪽; 사유=업무 확인"
    )
    assert png_of_first_page(out).stat().st_size > 10_000


def test_a_long_ledger_paginates_with_every_entry(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    desk = actor_for(ctx, "desk02", ["intake"])
    p = add_marked(ctx, officer(ctx), 1, last_visit=clock.today_kst())
    long_purpose = "보험금 지급 심사를 위한 진료 사실 확인 및 입원 기간 확인 " * 3
    for i in range(45):
        record_disclosure(
            ctx, desk, police(p.id, recipient=f"수신기관{i:03d}", recipient_purpose=long_purpose)
        )
    out = tmp_path / "long.pdf"
    result = printing.print_ledger(ctx, desk, clock.today_kst(), clock.today_kst(), out, reason="업무 확인")
    assert result.pages == page_count(out) > 2
    body = squash(text(out))
    assert all(f"수신기관{i:03d}" in body for i in range(45))
    assert body.count("제한·조치요청내용") == result.pages  # the header row on every page


def test_processor_list_pdf_for_the_policy(ctx: AppContext, tmp_path: Path) -> None:
    me = actor_for(ctx, "priv01", ["privacy"])
    rows = puc.list_processors(ctx, me)
    puc.update_processor(
        ctx,
        me,
        rows[1].id,
        form(
            rows[1],
            contract_start=dt.date(2025, 1, 1),
            contract_end=clock.today_kst() + dt.timedelta(days=12),
            last_check=clock.today_kst(),
        ),
        "계약서 확인",
        1,
    )
    puc.deactivate_processor(ctx, me, rows[9].id, "위탁 종료", 1)
    # ended and its data confirmed destroyed: off the policy's list (tests/test_ledgers_processors.py: until then on it)
    from privdesk.disclosures import contracts

    contracts.record_return(
        ctx, me, rows[9].id, contracts.ReturnInput("destroy", clock.today_kst(), "파기 확인서")
    )
    out = tmp_path / "processors.pdf"
    result = printing.print_processors(ctx, me, out, reason="업무 확인")
    assert result.rows == 9 and result.pages == page_count(out) == 1
    assert_only_nanum_embedded(out)
    body = squash(text(out))
    for words in (
        "개인정보처리업무위탁현황(수탁업체)",
        "수탁업체명",
        "위탁업무내용",
        "보유기간",
        "계약기간",
        "최근점검·교육일",
        "아미스테크놀로지(주)",
        "의료영상저장전송",
        "위탁계약종료시까지",
        "종료임박(D-12)",
        squash(clock.paper_date(clock.today_kst())),
        "제26조",
        "9곳",
        "본원은원활한개인정보업무처리를위하여",
    ):
        assert words in body, words
    assert not re.search(r"\d{4}-\d\d-\d\d", body), re.findall(r"\d{4}-\d\d-\d\d", body)  # 2025. 1. 1. ~
    assert "(주)피어나인" not in body
    printed = entries(ctx, action=Action.PRINT)[-1]
    assert printed.subject == "report:processors" and printed.detail.endswith("9곳; 1쪽; 사유=업무 확인")  # type: ignore[union-attr]


def test_csv_opens_as_utf8_with_bom_and_masks_the_subjects(
    ctx: AppContext, desk: Actor, people: list[Marked], tmp_path: Path
) -> None:
    fill(ctx, desk, people)
    out = tmp_path / "ledger.csv"
    n = printing.export_csv(
        ctx, desk, clock.today_kst() - dt.timedelta(days=7), clock.today_kst(), out, reason="업무 확인"
    )
    raw = out.read_bytes()
    assert n == 4 and raw.startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == printing.CSV_HEADER
    assert rows[0][:5] == ["번호", "구분", "이용·제공일", "날짜·주기·기간", "개인정보파일 명칭"]
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_id["1"]["정정 기록 번호"] == "2" and by_id["2"]["정정 대상 번호"] == "1"
    assert by_id["3"]["이용기관·제공받는 자"] == '\'=HYPERLINK("x")'  # not a formula in a spreadsheet
    assert (
        by_id["3"]["정보주체(마스킹)"]
        == f"{mask_name(people[1].name)} (차트 {people[1].chart_no}); 박*수 (홈페이지 회원)"
    )
    assert by_id["4"]["가명처리 여부"] == "예" and by_id["4"]["정보주체 수"] == "850"
    assert by_id["4"]["가명처리 기록"].startswith("과학적 연구 목적; 가명처리 항목:")
    decoded = raw.decode("utf-8-sig")
    for p in people:
        assert p.name not in decoded and p.address not in decoded and p.phone not in decoded
    assert "박민수" not in decoded
    exported = entries(ctx, action=Action.EXPORT)[-1]
    assert (exported.subject, exported.actor) == ("disclosure:*", "desk01")
    assert "4건" in (exported.detail or "") and "파일=ledger.csv" in (exported.detail or "")
    with pytest.raises(ValidationError):
        printing.export_csv(
            ctx,
            desk,
            clock.today_kst(),
            clock.today_kst(),
            tmp_path / "missing" / "x.csv",
            reason="업무 확인",
        )
    assert not list(tmp_path.glob(".*.part"))


# -- the command line ---------------------------------------------------------------------------------------------------
@pytest.fixture
def cli(ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def test_cli_contract(ctx: AppContext, cli: Cli, desk: Actor, people: list[Marked], tmp_path: Path) -> None:
    fill(ctx, desk, people)
    first, last = (clock.today_kst() - dt.timedelta(days=7)).isoformat(), clock.today_kst().isoformat()
    pdf = tmp_path / "ledger.pdf"
    r = cli(
        "report",
        "disclosure-ledger",
        "--reason",
        "업무 확인",
        "--from",
        first,
        "--to",
        last,
        "--out",
        str(pdf),
        "--as",
        "desk01",
        password=TEST_PASSWORD,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"{pdf}: 개인정보의 목적 외 이용 및 제3자 제공 대장 4건, 1쪽 (기록번호 TP-")
    assert_only_nanum_embedded(pdf)
    assert "개인정보의목적외이용및제3자제공대장" in squash(text(pdf))

    listed = cli("disclosure", "list", "--from", first, "--to", last, "--as", "yook")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 4 and lines[0].startswith("1  [제3자 제공]  ") and "(정정됨→2)" in lines[0]
    assert "1번 정정" in lines[1] and "정보주체 850명  (가명처리: 이름, 주민등록번호" in lines[3]
    assert all(p.name not in listed.stdout for p in people)

    out = tmp_path / "ledger.csv"
    exported = cli(
        "disclosure",
        "export",
        "--reason",
        "업무 확인",
        "--from",
        first,
        "--to",
        last,
        "--out",
        str(out),
        "--as",
        "yook",
    )
    assert exported.returncode == 0 and exported.stdout.strip() == f"{out}: 4건"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf" + "번호,구분,이용·제공일,".encode())

    me = officer(ctx)
    row = puc.list_processors(ctx, me)[1]
    puc.update_processor(
        ctx,
        me,
        row.id,
        form(row, contract_start=dt.date(2025, 1, 1), contract_end=clock.today_kst() + dt.timedelta(days=12)),
        "계약서 확인",
        1,
    )
    plist = cli("processor", "list", "--as", "yook")
    assert plist.returncode == 0, plist.stderr
    plines = plist.stdout.splitlines()
    assert len(plines) == 10 and plines[1].startswith("[종료 임박 D-12] (주)태영소프트 | 의료영상저장전송 | ")
    assert not plines[0].startswith("[")
    ppdf = tmp_path / "processors.pdf"
    pr = cli("report", "processors", "--reason", "업무 확인", "--out", str(ppdf), "--as", "yook")
    assert pr.returncode == 0 and "10곳, 1쪽" in pr.stdout
    assert_only_nanum_embedded(ppdf)

    # refusals: a role without the permission (exit 1, Korean reason, no file), a bad period (exit 1)
    actor_for(ctx, "fac01", ["facility"])
    denied = cli(
        "report",
        "disclosure-ledger",
        "--reason",
        "업무 확인",
        "--from",
        first,
        "--to",
        last,
        "--out",
        str(tmp_path / "no.pdf"),
        "--as",
        "fac01",
        password=TEST_PASSWORD,
    )
    assert (
        denied.returncode == 1 and "권한이 없습니다" in denied.stderr and not (tmp_path / "no.pdf").exists()
    )
    denied = cli("processor", "list", "--as", "desk01", password=TEST_PASSWORD)
    assert denied.returncode == 1 and "수탁업체 관리" in denied.stderr
    backwards = cli("disclosure", "list", "--from", last, "--to", first, "--as", "yook")
    assert backwards.returncode == 1 and "기간의 첫날" in backwards.stderr
    assert (
        cli(
            "report",
            "disclosure-ledger",
            "--reason",
            "업무 확인",
            "--from",
            "2026-13-01",
            "--to",
            last,
            "--out",
            str(pdf),
            "--as",
            "yook",
        ).returncode
        == 2
    )
