"""The destruction records name people and say what was destroyed (issue 12, printed records):
the 파기 관리대장's 처리담당자 / 처리부서장, the 파기 확인서's subtitle and annex; both backends."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.people import Person, people
from privdesk.context import AppContext
from privdesk.lifecycle import destruction, ledger, printing
from privdesk.registry.models import Patient
from privdesk.reports.template import period_text
from privdesk.store.models import Account
from tests.audit_support import actor_for, officer
from tests.helpers import OFFICER_PASSWORD
from tests.lifecycle_support import add_marked, years_ago
from tests.test_reports_template import text as pdf_text


def squash(pdf: Path) -> str:
    return "".join(pdf_text(pdf).split())


def _set_department(ctx: AppContext, login: str, department: str) -> None:
    with ctx.session() as s, s.begin():
        s.execute(select(Account).where(Account.login == login)).scalar_one().department = department


def test_people_resolves_logins_to_names_with_the_id_in_brackets(ctx: AppContext) -> None:
    actor_for(ctx, "kimd", ["privacy"])
    _set_department(ctx, "kimd", "개인정보보호팀")
    with ctx.session() as s:
        who = people(s, ["yook", "kimd", "kimd", "", None, "system"])
    assert who.label("yook") == "육의곤(yook)"
    assert who.person("kimd").with_department == "개인정보보호팀 kimd 님(kimd)"
    assert who.label("system") == "시스템(자동)" and who.label(None) == ""
    assert who.labels(["yook", "kimd"]) == "육의곤(yook), kimd 님(kimd)"
    assert Person("x").with_department == "x"


def test_the_ledger_names_the_handler_and_the_approver_and_the_certificate_says_what_was_destroyed(
    ctx: AppContext, tmp_path: Path
) -> None:
    off = officer(ctx)
    staff = actor_for(ctx, "kimd", ["privacy"])  # prepares plans, may not approve
    _set_department(ctx, "kimd", "개인정보보호팀")
    _set_department(ctx, "yook", "원무부")
    marked = [
        add_marked(ctx, off, 1, last_visit=years_ago(7)),
        add_marked(ctx, off, 2, last_visit=years_ago(8)),
        add_marked(ctx, off, 3, last_visit=years_ago(8, 40)),
        add_marked(ctx, off, 4, last_visit=years_ago(10)),
    ]
    with ctx.session() as s:
        ends = {
            int(i): d
            for i, d in s.execute(
                select(Patient.id, Patient.retention_until).where(Patient.id.in_([m.id for m in marked]))
            )
        }
    plan = destruction.create_plan(ctx, staff)
    destruction.approve_plan(ctx, off, plan.id, OFFICER_PASSWORD)
    destruction.execute_plan(ctx, off, plan.id)

    out = tmp_path / "ledger.pdf"
    printing.print_ledger(ctx, off, clock.today_kst(), clock.today_kst(), out, reason="업무 확인")
    body = pdf_text(out)
    # 처리담당자 then 처리부서장, each 부서 이름(ID) (the cells wrap: department line, then the names)
    assert "개인정보보호팀 원무부" in body and re.search(r"kimd 님\(kimd\)\s+육의곤\(yook\)", body)
    (row,) = ledger.ledger_for_period(ctx, off, clock.today_kst(), clock.today_kst())
    assert (row.executed_by, row.approved_by) == ("개인정보보호팀 kimd 님(kimd)", "원무부 육의곤(yook)")

    cert = tmp_path / "cert.pdf"
    printing.print_certificate(ctx, off, plan.id, cert, reason="업무 확인")
    body = squash(cert)
    assert f"기간파기계획{plan.id}" not in body
    first, last = min(ends.values()), max(ends.values())
    assert "".join(period_text(first, last).split()) + "(보유기간종료일)" in body  # whatever the date style
    assert f"파기계획제{plan.id}호" in body
    assert "계획작성자개인정보보호팀kimd님(kimd)" in body and "원무부육의곤(yook)" in body
    assert "별첨:파기내역" in body
    for year, n in Counter(d.year for d in ends.values()).items():
        assert f"{year}년{n}건" in body, (year, n)
    assert f"합계{len(marked)}건" in body
    for m in marked:  # counts only: no personal data in the annex
        assert m.name not in body and m.chart_no not in body
