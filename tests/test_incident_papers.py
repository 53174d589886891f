"""The breach register's papers, read back with poppler: one letter per person on its own page with
the five legal contents and nobody else's data, fonts embedded; the SMS CSV with the number the
channel needs and nothing more; the 신고서 with its UNCONFIRMED marks; the incident record and the
year's register; addresses never in the access log, the log file or the CSV; who may print."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.errors import PermissionDeniedError, ValidationError
from privdesk.incidents import affected, printing, register
from privdesk.registry.patients import create_patient
from privdesk.registry.validation import PatientInput
from privdesk.reports.incident import CONTENTS
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for
from tests.incident_support import ADDRESSES, NAMES, PHONES, add_patients, hours_ago, open_at
from tests.test_reports_template import assert_only_nanum_embedded, page_count, page_size
from tests.test_reports_template import text as pdf_text


def squash(s: str) -> str:
    return "".join(s.split())


@pytest.fixture
def staff(ctx: AppContext) -> Actor:
    return actor_for(ctx, "it", ["privacy"])


@pytest.fixture
def incident(ctx: AppContext, staff: Actor) -> str:
    clerk = actor_for(ctx, "won", ["intake"])
    add_patients(ctx, clerk, 3)
    create_patient(
        ctx,
        clerk,
        PatientInput(
            chart_no="1004",
            name="최무주",
            rrn="660606-1234561",
            address="",
            phones=[],
            first_visit="2020-01-02",
            last_visit="2024-05-06",
        ),
        accept_check_digit_warning=True,
    )
    inc = open_at(
        ctx,
        staff,
        hours_ago(20),
        items="이름, 주민등록번호, 주소",
        summary="외래 진료비 안내 우편물 300통을 발송하면서 봉투와 안내문이 서로 다른 환자에게 바뀌어 들어감",
        containment="발송 중단, 잘못 받은 분들께 회수 요청, 발송 절차 점검",
    )
    affected.affect_charts(ctx, staff, inc.number, ["1001", "1002", "1003", "1004"])
    return inc.number


def log_details(ctx: AppContext) -> str:
    with ctx.session() as s:
        rows = s.execute(select(AccessLogEntry.subject, AccessLogEntry.detail)).all()
    return "\n".join(f"{a} {b}" for a, b in rows)


def log_files(tmp_path: Path) -> str:
    folder = tmp_path / "logs"
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def test_one_letter_per_person_with_the_five_contents_and_nobody_elses_data(
    ctx: AppContext, staff: Actor, incident: str, tmp_path: Path
) -> None:
    out = tmp_path / "letters.pdf"
    result = printing.print_letters(ctx, staff, incident, out, reason="유출 통지 우편 발송")
    assert (result.letters, result.skipped) == (3, 1)  # 최무주 has no address
    assert result.pages == page_count(out) == 3
    assert_only_nanum_embedded(out)
    w, h = page_size(out)
    assert w < h
    for page in range(1, 4):
        body = squash(pdf_text(out, page, page))
        for label in CONTENTS:
            assert squash(label) in body, (page, label)
        assert "주민등록번호" in body and "118" in body and "1833-6972" in body and incident in body
        mine = [i for i in range(3) if squash(ADDRESSES[i]) in body]
        assert len(mine) == 1, page
        i = mine[0]
        assert f"{NAMES[i]}귀하" in body
        others = [j for j in range(3) if j != i]
        assert not any(NAMES[j] in body or squash(ADDRESSES[j]) in body for j in others)
        assert "최무주" not in body and not any(squash(p) in body for p in PHONES)
    details = log_details(ctx)
    assert not any(a in details for a in ADDRESSES) and not any(n in details for n in NAMES)
    with ctx.session() as s:
        prints = s.execute(
            select(AccessLogEntry.subject, AccessLogEntry.detail).where(AccessLogEntry.action == Action.PRINT)
        ).all()
    assert sorted(subj for subj, _d in prints if subj.startswith("patient:")) == [
        "patient:1",
        "patient:2",
        "patient:3",
    ]
    assert all("사유=유출 통지 우편 발송" in d for _s, d in prints)
    assert not any(a in log_files(tmp_path) for a in ADDRESSES)
    d = register.get_incident(ctx, staff, incident)
    assert d.events[-1].change == "print" and "3통" in d.events[-1].detail


def test_sms_csv_has_the_mobile_number_a_masked_name_and_no_address(
    ctx: AppContext, staff: Actor, incident: str, tmp_path: Path
) -> None:
    out = tmp_path / "sms.csv"
    result = printing.export_contacts(ctx, staff, incident, out, reason="문자 발송 업체 전달")
    assert (result.letters, result.skipped) == (3, 1)
    raw = out.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[0] == ["순번", "수신자", "휴대전화", "문자 내용"]
    assert sorted(r[2] for r in rows[1:]) == sorted(PHONES)
    assert sorted(r[1] for r in rows[1:]) == sorted(["홍*동", "김*희", "박*수"])
    assert not any(n in raw for n in NAMES)
    assert not any(a in raw or a.split()[1] in raw for a in ADDRESSES)
    assert (out.stat().st_mode & 0o777) == 0o600
    details = log_details(ctx)
    assert not any(p in details for p in PHONES) and not any(a in details for a in ADDRESSES)


def test_homepage_notice_text_has_the_five_contents_and_no_personal_data(
    ctx: AppContext, staff: Actor, incident: str
) -> None:
    notice = printing.homepage_notice(ctx, staff, incident)
    for label in CONTENTS:
        assert label in notice
    assert not any(n in notice for n in NAMES) and not any(a in notice for a in ADDRESSES)
    assert "30일" in notice


def test_report_form_marks_unconfirmed_fields_and_states_why(
    ctx: AppContext, staff: Actor, incident: str, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    printing.print_report(ctx, staff, incident, out, reason="KISA 신고")
    assert_only_nanum_embedded(out)
    body = squash(pdf_text(out))
    assert "UNCONFIRMED" in body and "※" in body
    assert squash("고유식별정보 포함: 주민등록번호") in body and "4명" in body
    assert squash("발송 중단") in body and incident in body
    assert not any(n in body for n in NAMES)
    # dates in the official style, the duty's deadline included (issue 12: not 2026-12-07 / 12월 07일)
    assert not re.search(r"\d{4}-\d\d-\d\d|\d+월\d+일", body), body
    assert re.search(r"기한\d{4}\.\d{1,2}\.\d{1,2}\.\d\d:\d\d", body)


def test_record_and_register_print_the_duties_notices_and_history(
    ctx: AppContext, staff: Actor, incident: str, tmp_path: Path
) -> None:
    register.mark_sent(ctx, staff, incident, duty="notify", channel="letter", people=3)
    register.mark_sent(ctx, staff, incident, duty="notify", channel="homepage", note="홈페이지 공지 30일")
    out = tmp_path / "record.pdf"
    printing.print_record(ctx, staff, incident, out, reason="내부 보고")
    assert_only_nanum_embedded(out)
    body = squash(pdf_text(out))
    for word in (
        "정보주체통지",
        "개인정보보호위원회·KISA신고",
        "시행령제40조①2",
        "우편(서면)",
        "홈페이지게시",
        "정보주체추가",
        "담당",
        "책임자",
    ):
        assert word in body, word
    assert not any(n in body for n in NAMES)
    year = int(incident.split("-")[1])
    reg = tmp_path / "register.pdf"
    result = printing.print_register(ctx, staff, year, reg, reason="업무 확인")
    assert result.letters == 1
    assert_only_nanum_embedded(reg)
    w, h = page_size(reg)
    assert w > h
    assert incident in pdf_text(reg)


def test_only_the_officer_and_privacy_staff_print(ctx: AppContext, incident: str, tmp_path: Path) -> None:
    auditor = actor_for(ctx, "kam", ["auditor"])
    clerk = actor_for(ctx, "won")
    for name, call in (
        ("letters.pdf", printing.print_letters),
        ("report.pdf", printing.print_report),
        ("record.pdf", printing.print_record),
    ):
        with pytest.raises(PermissionDeniedError):
            call(ctx, auditor, incident, tmp_path / name, reason="감사")
        assert not (tmp_path / name).exists()
    with pytest.raises(PermissionDeniedError):
        printing.export_contacts(ctx, auditor, incident, tmp_path / "sms.csv", reason="감사")
    assert not (tmp_path / "sms.csv").exists()
    with pytest.raises(PermissionDeniedError):
        printing.print_letters(ctx, clerk, incident, tmp_path / "x.pdf", reason="출력")
    staff = actor_for(ctx, "it")
    with pytest.raises(ValidationError, match="사유"):
        printing.print_letters(ctx, staff, incident, tmp_path / "x.pdf", reason=" ")
