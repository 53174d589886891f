"""The lifecycle commands in child processes (contract) and the destruction PDFs, both backends."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk import clock
from privdesk.context import AppContext
from privdesk.lifecycle import destruction, ledger
from privdesk.registry.patients import set_hold
from tests.audit_support import TEST_PASSWORD, actor_for, officer
from tests.helpers import OFFICER_PASSWORD, run_cli
from tests.lifecycle_support import add_marked, years_ago
from tests.test_reports_template import assert_only_nanum_embedded, page_count
from tests.test_reports_template import text as pdf_text


def text(pdf: Path) -> str:
    return "".join(pdf_text(pdf).split())


Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def test_retention_run_plan_approve_execute_and_pdfs(ctx: AppContext, cli: Cli, tmp_path: Path) -> None:
    off = officer(ctx)
    add_marked(ctx, off, 1, last_visit=years_ago(4))  # to separate
    add_marked(ctx, off, 2, last_visit=years_ago(7))  # due
    add_marked(ctx, off, 3, last_visit=years_ago(8))  # due
    held = add_marked(ctx, off, 4, last_visit=years_ago(9))  # due, held
    set_hold(ctx, off, held.id, "정정 요구 처리 중")
    dry = cli("retention", "run", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "분리보관 대상 1건, 분리보관함 0건" in dry.stdout and "파기 대상 2건" in dry.stdout
    assert "보존(파기 제외) 1건" in dry.stdout
    real = cli("retention", "run")
    assert real.returncode == 0, real.stderr
    assert "분리보관 대상 1건, 분리보관함 1건" in real.stdout and "파기 대상 2건" in real.stdout
    assert cli("retention", "run", "--dry-run").stdout.count("분리보관 대상 0건") == 1

    plan = cli("destruction", "plan", "--as", "yook")
    assert plan.returncode == 0, plan.stderr
    first = plan.stdout.splitlines()[0]
    assert first.startswith("plan ") and first.endswith(": 2 records")
    plan_id = int(first.split()[1].rstrip(":"))
    assert f"patient:{held.id} (차트 {held.chart_no}): 처리정지: 정정 요구 처리 중" in plan.stdout
    clerk = actor_for(ctx, "clerk", ["intake"])
    assert clerk.login == "clerk"
    denied = cli("destruction", "approve", str(plan_id), "--as", "clerk", password=TEST_PASSWORD)
    assert denied.returncode == 1 and "권한" in denied.stderr
    assert cli("destruction", "execute", str(plan_id), "--as", "yook").returncode == 1  # not approved
    ok = cli("destruction", "approve", str(plan_id), "--as", "yook")
    assert ok.returncode == 0 and ok.stdout.strip() == f"plan {plan_id}: 승인됨"
    ex = cli("destruction", "execute", str(plan_id), "--as", "yook")
    assert ex.returncode == 0, ex.stderr
    assert ex.stdout.splitlines()[0] == "destroyed 2"

    ledger.record_manual(
        ctx,
        off,
        ledger.ManualDestruction(
            file_name="환자 진료 접수 및 관리 (종이 접수증)",
            kind="종이 문서",
            item_count=120,
            method="분쇄",
            executed_by="원무과 김담당",
            reason="보유기간 경과",
            destroyed_on=clock.today_kst(),
            witness="총무과 박입회",
        ),
    )
    out = tmp_path / "ledger.pdf"
    r = cli(
        "report",
        "destruction-ledger",
        "--reason",
        "업무 확인",
        "--from",
        clock.today_kst().isoformat(),
        "--to",
        clock.today_kst().isoformat(),
        "--out",
        str(out),
        "--as",
        "yook",
    )
    assert r.returncode == 0, r.stderr
    assert_only_nanum_embedded(out)
    body = text(out)
    for needle in (
        "개인정보파일파기관리대장",
        "[별지제5호서식]",
        "개인정보파일명",
        "자료의종류",
        "생성일",
        "폐기일",
        "폐기사유",
        "처리담당자",
        "처리부서장",
        "환자진료접수및관리",
        "전자파일",
        "종이문서",
        "분쇄",
        "총무과박입회",
        f"파기계획{plan_id}",
    ):
        assert needle in body, needle
    assert page_count(out) == 1
    cert = tmp_path / "cert.pdf"
    c = cli(
        "report",
        "destruction-certificate",
        "--reason",
        "업무 확인",
        str(plan_id),
        "--out",
        str(cert),
        "--as",
        "yook",
    )
    assert c.returncode == 0, c.stderr
    assert_only_nanum_embedded(cert)
    body = text(cert)
    p = destruction.get_plan(ctx, off, plan_id)
    for needle in (
        "개인정보파기확인서",
        "파기건수",
        "2건",
        "파기제외",
        "1건",
        "승인자",
        "확인자",
        "파기실행자",
        p.plan_hash,
        "담당",
        "책임자",
        "개인정보보호법」제21조",
    ):
        assert needle in body, needle
    for name in (held.name,):
        assert name not in body
    not_done = cli(
        "report",
        "destruction-certificate",
        "--reason",
        "업무 확인",
        "999",
        "--out",
        str(tmp_path / "x.pdf"),
        "--as",
        "yook",
    )
    assert not_done.returncode == 1 and not (tmp_path / "x.pdf").exists()


def test_two_person_rule_on_the_command_line(ctx: AppContext, cli: Cli) -> None:
    off = officer(ctx)
    add_marked(ctx, off, 1, last_visit=years_ago(7))
    destruction.set_two_person_rule(ctx, off, True, reason="내부 관리계획 개정")
    actor_for(ctx, "second", ["officer"])
    plan_id = int(cli("destruction", "plan", "--as", "yook").stdout.split()[1].rstrip(":"))
    assert (
        cli("destruction", "approve", str(plan_id), "--as", "yook").stdout.strip()
        == f"plan {plan_id}: 2차 승인 대기"
    )
    again = cli("destruction", "approve", str(plan_id), "--as", "yook")
    assert again.returncode == 1 and "다른 승인권자" in again.stderr
    assert cli("destruction", "execute", str(plan_id), "--as", "yook").returncode == 1
    second = cli("destruction", "approve", str(plan_id), "--as", "second", password=TEST_PASSWORD)
    assert second.stdout.strip() == f"plan {plan_id}: 승인됨"
    assert cli("destruction", "execute", str(plan_id), "--as", "yook").stdout.startswith("destroyed 1")


def test_nothing_due_is_a_clear_refusal(ctx: AppContext, cli: Cli) -> None:
    r = cli("destruction", "plan", "--as", "yook")
    assert r.returncode == 1 and "파기할 기록이 없습니다" in r.stderr
    assert r.stdout == ""


def test_cancel_on_the_command_line_needs_a_reason(ctx: AppContext, cli: Cli) -> None:
    off = officer(ctx)
    add_marked(ctx, off, 1, last_visit=years_ago(7))
    plan = destruction.create_plan(ctx, off)
    refused = cli("destruction", "cancel", str(plan.id), "--as", "yook")
    assert refused.returncode == 2 and "--reason" in refused.stderr
    assert destruction.get_plan(ctx, off, plan.id).state == "draft"
    done = cli("destruction", "cancel", str(plan.id), "--reason", "기준일 오류로 재작성", "--as", "yook")
    assert done.returncode == 0 and done.stdout.strip() == f"plan {plan.id}: 취소"
    view = destruction.get_plan(ctx, off, plan.id)
    assert (view.state, view.cancelled_by, view.cancel_reason) == (
        "cancelled",
        "yook",
        "기준일 오류로 재작성",
    )


def test_the_two_person_rule_is_shown_and_changed_with_a_reason(ctx: AppContext, cli: Cli) -> None:
    officer(ctx)
    assert cli("destruction", "two-person", "--as", "yook").stdout.strip() == "2인 승인: 적용 안 함"
    refused = cli("destruction", "two-person", "on", "--as", "yook")
    assert refused.returncode == 2 and "--reason" in refused.stderr
    done = cli("destruction", "two-person", "on", "--reason", "내부 관리계획 개정", "--as", "yook")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "2인 승인: 적용" and lines[1].startswith("마지막 변경: 육의곤(yook) (")
    assert lines[1].endswith("사유: 내부 관리계획 개정")
    assert destruction.two_person_rule(ctx, officer(ctx))
