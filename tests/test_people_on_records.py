"""People appear by name on records and screens, the login ID in brackets (issue 12, printed
records): the permission history, legal holds, rule changes, intakes, data-subject and CCTV
requests (접수자, 확인자, 처리자) — all resolved by :mod:`privdesk.accounts.people` in the use
cases. Real databases (both backends), PDFs read with pdftotext."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from privdesk import clock
from privdesk.accounts.users import permission_history
from privdesk.cctv import printing as cctv_printing
from privdesk.cctv import requests as cctv_requests
from privdesk.context import AppContext
from privdesk.lifecycle import files, holds
from privdesk.registry.patients import add_intake, get_patient
from privdesk.reports import permission_history as history_report
from privdesk.rights import printing as rights_printing
from privdesk.rights import requests as rights_requests
from privdesk.rights.requests import RequestKind
from tests.audit_support import actor_for, officer
from tests.test_cctv_requests import request_input
from tests.test_reports_template import text as pdf_text
from tests.test_rights import ask, patient


def squash(s: str) -> str:
    return "".join(s.split())


def test_permission_history_names_who_did_it_and_to_whom(ctx: AppContext, tmp_path: Path) -> None:
    actor_for(ctx, "kimd", ["privacy"])  # granted by yook (create_account_row in the helper)
    rows = permission_history(ctx, officer(ctx), target="kimd")
    assert rows and rows[0].actor_label == "육의곤(yook)" and rows[0].target_label == "kimd 님(kimd)"
    out = tmp_path / "ph.pdf"
    history_report.render_permission_history(out, history_report.meta_for("병원", officer(ctx), "전체"), rows)
    body = squash(pdf_text(out))
    assert "육의곤(yook)" in body.replace("출력", "")  # the 처리자 cell, not only the printed-by footer
    assert body.count("육의곤(yook)") >= 2 and "kimd님(kimd)" in body


def test_holds_rules_and_intakes_carry_names(ctx: AppContext) -> None:
    off = officer(ctx)
    pid = patient(ctx, off)
    hold = holds.place_legal_hold(ctx, off, pid, "소송 증거 보전")
    (row,) = [r for r in holds.list_legal_holds(ctx, off) if r.id == getattr(hold, "id", r.id)]
    assert row.placed_by == "yook" and row.placed_by_label == "육의곤(yook)"
    rule = next(r for r in files.list_files(ctx, off) if r.code == files.PATIENT_FILE)
    changed = files.update_rule(
        ctx,
        off,
        rule.code,
        files.RuleChange(separate_after_days=400),
        expected_version=rule.version,
        reason="법령 개정 반영",
    )
    assert changed.updated_by_label == "육의곤(yook)"
    assert (
        next(r for r in files.list_files(ctx, off) if r.code == rule.code).updated_by_label == "육의곤(yook)"
    )
    entry = add_intake(ctx, off, pid, visit_date=dt.date(2024, 6, 1), department="내과", purpose="외래")
    assert entry.staff_label == "육의곤(yook)"
    assert get_patient(ctx, off, pid).intakes[0].staff_label == "육의곤(yook)"


def test_a_data_subject_request_names_the_receiver_the_checker_and_the_handlers(
    ctx: AppContext, tmp_path: Path
) -> None:
    clerk = actor_for(ctx, "clerk", ["intake"])
    pid = patient(ctx, officer(ctx))
    d = rights_requests.receive_request(ctx, clerk, ask(RequestKind.ACCESS, pid, id_checked_by=""))
    assert d.who(d.received_by) == "clerk 님(clerk)" and d.who(d.id_checked_by) == "clerk 님(clerk)"
    assert d.events and d.events[0].actor_label == "clerk 님(clerk)"
    typed = rights_requests.receive_request(
        ctx, clerk, ask(RequestKind.ACCESS, pid, id_checked_by="원무과 박주임")
    )
    assert typed.who(typed.id_checked_by) == "원무과 박주임"  # a name typed by hand stays as typed
    out = tmp_path / "form.pdf"
    rights_printing.print_notice(
        ctx, clerk, d.id, rights_printing.NoticeKind.REQUEST_FORM, out, reason="업무 확인"
    )
    body = squash(pdf_text(out))
    assert "접수자clerk님(clerk)" in body or "clerk님(clerk)" in body.split("접수자", 1)[1][:40]


def test_a_cctv_request_names_the_receiver_and_the_checker(ctx: AppContext, tmp_path: Path) -> None:
    fac = actor_for(ctx, "fac01", ["facility"])
    d = cctv_requests.receive_request(ctx, fac, request_input())
    assert d.who(d.received_by) == "fac01 님(fac01)" and d.id_checked_by == "fac01"  # checked by the receiver
    assert d.who(d.id_checked_by) == "fac01 님(fac01)"
    assert d.events and d.events[0].actor_label == "fac01 님(fac01)"
    out = tmp_path / "form.pdf"
    cctv_printing.print_request_form(ctx, fac, d.id, out, reason="업무 확인")
    body = squash(pdf_text(out))
    assert "fac01님(fac01)" in body  # 확인자 on the 청구서


def test_cctv_holds_and_incidents_carry_names(ctx: AppContext) -> None:
    from privdesk.cctv import retention
    from tests.incident_support import hours_ago, open_at
    from tests.test_cctv_retention import police_hold

    fac = actor_for(ctx, "fac01", ["facility"])
    hold = retention.set_hold(
        ctx, fac, police_hold(3, clock.today_kst() + dt.timedelta(days=60), ("CAM-21",))
    )
    assert hold.set_by == "fac01" and hold.set_by_label == "fac01 님(fac01)"
    inc = open_at(ctx, officer(ctx), hours_ago(2))
    assert inc.who(inc.opened_by) == "육의곤(yook)"
    assert inc.events and inc.events[0].actor_label == "육의곤(yook)"
