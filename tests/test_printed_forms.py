"""Every printed record, as a form (issue 12, "Printed records"): the internal 결재란 only on internal
records — never on a letter to a patient, a requester, a recipient or the authority, nor on a form the
person signs — decided by the form itself (:class:`privdesk.reports.template.Form`); and dates on paper
in the official style ``2026. 12. 5.``. PDFs read back with pdftotext."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
import subprocess
from pathlib import Path

import pytest

import privdesk.reports
from privdesk.cctv import decisions, printing
from privdesk.cctv import requests as cctv_requests
from privdesk.context import Actor, AppContext
from privdesk.reports.template import Form, Layout, new_meta, render
from tests.test_audit_support import actor_for
from tests.test_cctv_requests import approval, request_input
from tests.test_reports_template import text

# Papers that leave the hospital: the CCTV 청구서 and result notice; the 요구서, 위임장, notices
# 제9·10·12·13호 and the correction letter to recipients; the incident letter and the 신고서.
OUTGOING = {"CQ", "CN", "RQ", "RP", "RA", "RD", "RC", "RS", "RN", "IL", "IR"}
# Internal records with the 결재란: ledgers, registers, the certificate, review sheets, records.
INTERNAL = {"AL", "CV", "DL", "DC", "TP", "PR", "PH", "IC", "IB"}


def has_approval_boxes(pdf: Path) -> bool:
    """The 결재란's narrow first column: the words "결" and "재" stacked, one right under the other, on
    page 1 (read with ``pdftotext -bbox``)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    words = [(w, float(x), float(y)) for x, y, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)]
    return any(a == "결" and b == "재" and abs(xa - xb) < 2 and 0 < yb - ya < 40
               for a, xa, ya in words for b, xb, yb in words)


class By:
    name, login = "육의곤", "yook"


def all_forms() -> list[Form]:
    found: dict[str, Form] = {}
    for info in pkgutil.iter_modules(privdesk.reports.__path__):
        module = importlib.import_module(f"privdesk.reports.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Form):
                assert found.setdefault(value.prefix, value) == value, f"two forms numbered {value.prefix}"
    return list(found.values())


def test_every_form_says_whether_it_is_internal() -> None:
    forms = {f.prefix: f for f in all_forms()}
    assert {p for p, f in forms.items() if not f.internal} == OUTGOING
    assert {p for p, f in forms.items() if f.boxes} == INTERNAL
    assert forms["KS"].internal and forms["KS"].boxes == ()   # the key sheet in the safe: no approval
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


def test_a_cctv_result_notice_has_no_approval_boxes_the_ledger_has(ctx: AppContext, fac: Actor,
                                                                    tmp_path: Path) -> None:
    d = cctv_requests.receive_request(ctx, fac, request_input())
    decisions.approve(ctx, fac, d.id, approval())
    printing.print_result_notice(ctx, fac, d.id, tmp_path / "notice.pdf")
    printing.print_request_form(ctx, fac, d.id, tmp_path / "form.pdf")
    ledger = tmp_path / "ledger.pdf"
    today = dt.date.today()
    printing.print_ledger(ctx, fac, today - dt.timedelta(days=7), today, ledger)
    for letter in ("notice.pdf", "form.pdf"):
        assert not has_approval_boxes(tmp_path / letter), letter
    assert has_approval_boxes(ledger)
