"""Every printed record, as a form (issue 12, "Printed records"): the internal 결재란 only on internal
records — never on a letter to a patient, a requester, a recipient or the authority, nor on a form the
person signs — decided by the form itself (:class:`privdesk.reports.template.Form`); and dates on paper
in the official style ``2026. 12. 5.``. PDFs read back with pdftotext."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import subprocess
from pathlib import Path

import pytest

import privdesk.reports
from privdesk.cctv import decisions, printing
from privdesk.cctv import requests as cctv_requests
from privdesk.context import Actor, AppContext
from privdesk.reports.template import Form, Layout, new_meta, render
from tests.audit_support import actor_for
from tests.test_cctv_requests import approval, request_input
from tests.test_reports_template import text

# Papers that leave the hospital: the CCTV 청구서 and result notice; the 요구서, 위임장, notices
# 제9·10·12·13호 and the correction letter to recipients; the incident letter and the 신고서.
OUTGOING = {"CQ", "CN", "RQ", "RP", "RA", "RD", "RC", "RS", "RN", "IL", "IR", "UN"}
# Internal records with the 결재란: ledgers, registers, the certificate, review sheets, records.
INTERNAL = {"AL", "AR", "CV", "DL", "DC", "TP", "PR", "PH", "IC", "IB", "TR"}


def has_approval_boxes(pdf: Path) -> bool:
    """The 결재란's narrow first column: the words "결" and "재" stacked, one right under the other, on
    page 1 (read with ``pdftotext -bbox``)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    words = [
        (w, float(x), float(y))
        for x, y, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)
    ]
    return any(
        a == "결" and b == "재" and abs(xa - xb) < 2 and 0 < yb - ya < 40
        for a, xa, ya in words
        for b, xb, yb in words
    )


class By:
    name, login = "육의곤", "yook"


def all_forms() -> list[Form]:
    """Every form declared at module level anywhere in privdesk (the report modules, and the papers a
    domain renders itself, e.g. the monthly review's)."""
    found: dict[str, Form] = {}
    root = Path(privdesk.reports.__file__).parents[1]
    for path in sorted(root.rglob("*.py")):
        if "ui" in path.relative_to(root).parts or "Form(" not in path.read_text(encoding="utf-8"):
            continue
        name = ".".join(path.relative_to(root.parent).with_suffix("").parts).removesuffix(".__init__")
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, Form):
                assert found.setdefault(value.prefix, value) == value, f"two forms numbered {value.prefix}"
    return list(found.values())


def test_every_form_says_whether_it_is_internal() -> None:
    forms = {f.prefix: f for f in all_forms()}
    assert {p for p, f in forms.items() if not f.internal} == OUTGOING
    assert {p for p, f in forms.items() if f.boxes} == INTERNAL
    assert forms["KS"].internal and forms["KS"].boxes == ()  # the key sheet in the safe: no approval
    assert forms["DC"].boxes == ("담당", "확인", "책임자")
    # a letter never carries boxes, even if someone gives it some
    assert Form("통지서", "XX", internal=False, approvals=("담당", "책임자")).boxes == ()


@pytest.mark.parametrize("form", all_forms(), ids=lambda f: f.prefix)
def test_the_approval_boxes_print_on_internal_records_only(form: Form, tmp_path: Path) -> None:
    out = tmp_path / f"{form.prefix}.pdf"
    meta = new_meta("장튼위튼병원", form, By(), printed_at=dt.datetime(2026, 12, 5, 3, 32, tzinfo=dt.UTC))

    def body(lay: Layout) -> list[object]:
        return [lay.text("본문")]

    render(out, meta, body)
    printed = "".join(text(out).split())
    assert has_approval_boxes(out) == bool(form.boxes), printed[:200]
    assert ("담당" in printed) == bool(form.boxes) and ("책임자" in printed) == bool(form.boxes)


@pytest.fixture
def fac(ctx: AppContext) -> Actor:
    return actor_for(ctx, "fac01", ["facility"])


def test_a_cctv_result_notice_has_no_approval_boxes_the_ledger_has(
    ctx: AppContext, fac: Actor, tmp_path: Path
) -> None:
    d = cctv_requests.receive_request(ctx, fac, request_input())
    decisions.approve(ctx, fac, d.id, approval())
    printing.print_result_notice(ctx, fac, d.id, tmp_path / "notice.pdf", reason="업무 확인")
    printing.print_request_form(ctx, fac, d.id, tmp_path / "form.pdf", reason="업무 확인")
    ledger = tmp_path / "ledger.pdf"
    today = dt.date.today()
    printing.print_ledger(ctx, fac, today - dt.timedelta(days=7), today, ledger, reason="업무 확인")
    for letter in ("notice.pdf", "form.pdf"):
        assert not has_approval_boxes(tmp_path / letter), letter
    assert has_approval_boxes(ledger)


# -- dates on paper: 2026. 12. 5. ---------------------------------------------------------------------
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH_DAY = re.compile(r"\d+월\s*\d+일")


def assert_official_dates_only(pdf: Path) -> str:
    """The PDF's text, once checked: no ``2026-12-05`` and no ``12월 05일`` anywhere on it."""
    body = text(pdf)
    assert not ISO_DATE.search(body), ISO_DATE.findall(body)
    assert not MONTH_DAY.search(body), MONTH_DAY.findall(body)
    return body


def test_the_official_date_style() -> None:
    from privdesk import clock

    assert clock.paper_date(dt.date(2026, 12, 5)) == "2026. 12. 5."
    assert clock.paper_date(dt.date(2026, 1, 31)) == "2026. 1. 31."
    at = dt.datetime(2026, 12, 4, 15, 5, 9, tzinfo=dt.UTC)  # 2026-12-05 00:05:09 KST
    assert clock.paper_date(at) == "2026. 12. 5."
    assert clock.paper_datetime(at) == "2026. 12. 5. 00:05"
    assert clock.paper_datetime(at, seconds=True) == "2026. 12. 5. 00:05:09"
    assert clock.paper_date(None) == clock.paper_datetime(None) == ""


def test_cctv_papers_print_dates_in_the_official_style(ctx: AppContext, fac: Actor, tmp_path: Path) -> None:
    from privdesk import clock

    d = cctv_requests.receive_request(ctx, fac, request_input())
    when = dt.datetime(2026, 12, 1, 14, 0, tzinfo=clock.KST)
    decisions.approve(ctx, fac, d.id, approval(viewing_at=when))
    printing.print_result_notice(ctx, fac, d.id, tmp_path / "notice.pdf", reason="업무 확인")
    printing.print_request_form(ctx, fac, d.id, tmp_path / "form.pdf", reason="업무 확인")
    notice = assert_official_dates_only(tmp_path / "notice.pdf")
    form = assert_official_dates_only(tmp_path / "form.pdf")
    today = clock.paper_date(clock.today_kst())
    assert "2026. 12. 1. 14:00" in notice and today in notice  # the viewing, the letter's date
    assert "1985. 3. 4." in form and today in form  # the birth date, the date signed
    assert "출력 " + today in notice  # the footer


def test_rights_letters_print_dates_in_the_official_style(ctx: AppContext, tmp_path: Path) -> None:
    from privdesk import clock
    from privdesk.rights import decisions as rights_decisions
    from privdesk.rights.printing import NoticeKind, print_notice
    from tests.test_rights_printing import add_patient, receive

    clerk = actor_for(ctx, "desk01", ["intake", "privacy"])
    pid = add_patient(ctx, clerk)
    late = receive(ctx, clerk, "access", pid)
    new_due = late.due_date + dt.timedelta(days=7)
    rights_decisions.extend(ctx, clerk, late.id, new_due=new_due, reason="분리보관 기록을 찾아 확인해야 함")
    print_notice(ctx, clerk, late.id, NoticeKind.DELAY_REFUSAL, tmp_path / "delay.pdf", reason="업무 확인")
    print_notice(ctx, clerk, late.id, NoticeKind.REQUEST_FORM, tmp_path / "form.pdf", reason="업무 확인")
    delay = assert_official_dates_only(tmp_path / "delay.pdf")
    assert f"{clock.paper_date(new_due)}까지" in delay and clock.paper_date(late.due_date) in delay
    assert clock.paper_date(clock.today_kst()) in delay
    assert_official_dates_only(tmp_path / "form.pdf")


def test_ledger_periods_print_in_the_official_style(ctx: AppContext, fac: Actor, tmp_path: Path) -> None:
    out = tmp_path / "ledger.pdf"
    printing.print_ledger(ctx, fac, dt.date(2026, 11, 1), dt.date(2026, 11, 30), out, reason="업무 확인")
    assert "2026. 11. 1. ~ 2026. 11. 30." in text(out)
