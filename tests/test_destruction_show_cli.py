"""``privdesk destruction show PLAN [--records | --exclusions] [--page N]``: the officer on the
command line reads a plan's records before approving — masked, a page at a time, each record shown
logged as a view naming the plan, like the screen (lifecycle/planrecords.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from privdesk.cli import cmd_lifecycle
from privdesk.context import AppContext
from privdesk.lifecycle import destruction
from privdesk.personal import mask_name
from privdesk.store.models import AccessLogEntry
from tests.audit_support import TEST_PASSWORD, actor_for, officer
from tests.helpers import OFFICER_PASSWORD, run_cli
from tests.lifecycle_support import add_marked, years_ago


def _cli(ctx: AppContext, *args: str, password: str = OFFICER_PASSWORD):  # type: ignore[no-untyped-def]
    env = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": password,
    }
    return run_cli(*args, env=env)


def _viewed(ctx: AppContext, plan_id: int) -> list[str]:
    with ctx.session() as s:
        return list(
            s.execute(
                select(AccessLogEntry.subject)
                .where(
                    AccessLogEntry.action == "view", AccessLogEntry.detail == f"destruction_plan:{plan_id}"
                )
                .order_by(AccessLogEntry.seq)
            ).scalars()
        )


def test_show_pages_the_masked_records_and_logs_each_view(
    sqlite_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = sqlite_ctx
    monkeypatch.setattr(cmd_lifecycle, "SHOW_PAGE", 2)  # three records: two pages
    boss = officer(ctx)
    due = [add_marked(ctx, boss, i, last_visit=years_ago(6 + i), seed=5) for i in range(3)]
    held = add_marked(ctx, boss, 7, last_visit=years_ago(9), seed=5)
    destruction.place_legal_hold(ctx, boss, held.id, "소송 증거 보전")
    plan = destruction.create_plan(ctx, boss)
    assert plan.record_count == 3 and plan.excluded_count == 1

    summary = _cli(ctx, "destruction", "show", str(plan.id), "--as", "yook")
    assert summary.returncode == 0, summary.stderr
    lines = summary.stdout.splitlines()
    assert lines[0].startswith(f"plan {plan.id}: ")
    assert "파기 대상 3건" in summary.stdout and "파기 제외 1건" in summary.stdout
    assert f"destruction show {plan.id} --records" in summary.stdout
    assert _viewed(ctx, plan.id) == []  # the summary names nobody

    first = _cli(ctx, "destruction", "show", str(plan.id), "--records", "--as", "yook")
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert "파기 대상 1–2 / 3건 (1/2쪽)" in out
    assert "차트번호\t이름\t최종 내원일\t보유기간 종료\t위치\t기한 경과\t비고" in out
    oldest = due[2]  # the longest ago: its retention ended first, shown first
    row = next(line for line in out.splitlines() if line.startswith(oldest.chart_no + "\t"))
    assert mask_name(oldest.name) in row.split("\t") and oldest.name not in out
    assert years_ago(8).isoformat() in row and "운영 DB" in row
    assert f"다음 쪽: privdesk destruction show {plan.id} --records --page 2" in out
    assert _viewed(ctx, plan.id) == [f"patient:{due[2].id}", f"patient:{due[1].id}"]

    second = _cli(ctx, "destruction", "show", str(plan.id), "--records", "--page", "2", "--as", "yook")
    assert second.returncode == 0, second.stderr
    assert "파기 대상 3–3 / 3건 (2/2쪽)" in second.stdout and due[0].chart_no in second.stdout
    assert "다음 쪽" not in second.stdout
    assert _viewed(ctx, plan.id)[-1] == f"patient:{due[0].id}"

    excl = _cli(ctx, "destruction", "show", str(plan.id), "--exclusions", "--as", "yook")
    assert excl.returncode == 0, excl.stderr
    assert "파기 제외 1–1 / 1건" in excl.stdout
    assert "법적 보존: 소송 증거 보전" in excl.stdout and mask_name(held.name) in excl.stdout
    assert held.name not in excl.stdout

    gone = _cli(ctx, "destruction", "show", str(plan.id), "--records", "--page", "3", "--as", "yook")
    assert gone.returncode == 1 and "3쪽이 없습니다 (전체 2쪽)" in gone.stderr
    bad = _cli(ctx, "destruction", "show", str(plan.id), "--records", "--page", "0", "--as", "yook")
    assert bad.returncode == 2 and "쪽 번호는 1 이상" in bad.stderr
    both = _cli(ctx, "destruction", "show", str(plan.id), "--records", "--exclusions", "--as", "yook")
    assert both.returncode == 2

    # not the officer's: refused by the use case, nothing shown, nothing logged as viewed
    before = len(_viewed(ctx, plan.id))
    actor_for(ctx, "clerk", ["intake"])
    denied = _cli(
        ctx, "destruction", "show", str(plan.id), "--records", "--as", "clerk", password=TEST_PASSWORD
    )
    assert denied.returncode == 1 and "권한" in denied.stderr and oldest.chart_no not in denied.stdout
    assert len(_viewed(ctx, plan.id)) == before
