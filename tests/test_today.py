"""오늘 할 일 (privdesk.today): per role, the right items on planted data, and no access-log entry."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError

from privdesk import clock, today
from privdesk.accounts.permissions import Permission
from privdesk.context import AppContext, ReadOnlyUnitError
from privdesk.lifecycle.models import DestructionPlan
from privdesk.rights import requests as rights
from privdesk.today import WorkItem, collect
from tests.audit_support import row_count
from tests.today_support import plant


def by_key(items: list[WorkItem]) -> dict[str, WorkItem]:
    keys = [i.key for i in items]
    assert len(keys) == len(set(keys))  # no line twice
    return {i.key: i for i in items}


def collect_quietly(ctx: AppContext, actor: object) -> dict[str, WorkItem]:
    before = row_count(ctx)
    items = collect(ctx, actor)  # type: ignore[arg-type]
    assert row_count(ctx) == before  # opening an item is what gets logged, not the list
    order = [today.TONE_ORDER[i.tone] for i in items]
    assert order == sorted(order)  # overdue first, then soon, then calm
    return by_key(items)


def test_each_role_gets_its_work_and_nothing_is_logged(ctx: AppContext) -> None:
    p = plant(ctx)

    clerk = collect_quietly(ctx, p.clerk)  # 원무: data-subject requests only
    assert set(clerk) == {"requests.overdue"}
    line = clerk["requests.overdue"]
    assert line.tone == "overdue" and line.page == "requests" and line.permission == Permission.REQUEST_HANDLE
    assert line.count == 1 and p.request_no in line.text and "2일 지났습니다" in line.text
    assert "김회원" not in line.text and "김**" not in line.text  # counts and numbers only

    fac = collect_quietly(ctx, p.facility)  # 시설: the CCTV request two days overdue
    assert set(fac) == {"cctv_requests.overdue"}
    cctv = fac["cctv_requests.overdue"]
    assert (
        cctv.page == "cctv"
        and cctv.tone == "overdue"
        and p.cctv_no in cctv.text
        and "2일 지났습니다" in cctv.text
    )
    assert "홍길동" not in cctv.text and "홍*" not in cctv.text

    boss = collect_quietly(ctx, p.officer)  # the officer: everything that is due
    assert {
        "requests.overdue",
        "cctv_requests.overdue",
        "plans.approve",
        "records.overdue",
        "records.due",
        "processors.ending",
        "backup.age",
    } <= set(boss)
    plan = boss["plans.approve"]
    assert (
        plan.page == "lifecycle"
        and plan.permission == Permission.DESTRUCTION_APPROVE
        and f"{p.plan_id}번" in plan.text
    )
    assert boss["records.overdue"].count == 1 and "30일" in boss["records.overdue"].text
    assert boss["records.due"].count == 1 and boss["records.due"].tone == "soon"
    ending = boss["processors.ending"]
    assert ending.page == "processors" and ending.count == 1 and "10일 남음" in ending.text
    assert "오늘문자서비스" not in ending.text
    assert boss["backup.age"].tone == "overdue"  # no backup folder set in the tests

    staff = collect_quietly(ctx, p.privacy)  # privacy staff plan, but do not approve
    assert "plans.approve" not in staff and "requests.overdue" not in staff
    assert {"records.overdue", "processors.ending", "backup.age"} <= set(staff)

    # read-only: nothing to do but the monthly review (last month's, from the 5th until it is signed)
    assert set(collect_quietly(ctx, p.auditor)) <= {"review.unsigned"}

    # Approved: the planner is told it waits for execution; the approver no longer sees it to approve.
    with ctx.engine.begin() as conn:
        conn.execute(update(DestructionPlan).where(DestructionPlan.id == p.plan_id).values(state="approved"))
    boss = collect_quietly(ctx, p.officer)
    assert "plans.approve" not in boss and f"{p.plan_id}번" in boss["plans.execute"].text
    assert "plans.execute" in collect_quietly(ctx, p.privacy)


def test_due_soon_and_in_time_requests_and_a_later_day(ctx: AppContext) -> None:
    p = plant(ctx)
    later = clock.today_kst() + dt.timedelta(days=25)
    items = by_key(collect(ctx, p.clerk, today=later))
    assert items["requests.overdue"].count == 1 and "27일 지났습니다" in items["requests.overdue"].text
    earlier = clock.today_kst() - dt.timedelta(days=3)  # three days ago the request was due in one day
    items = by_key(collect(ctx, p.clerk, today=earlier))
    assert "requests.overdue" not in items and items["requests.soon"].tone == "soon"
    assert "1일 남음" in items["requests.soon"].text


def test_a_provider_is_one_line_and_one_that_logs_is_refused(ctx: AppContext) -> None:
    p = plant(ctx)

    def extra(probe: today.Probe) -> list[WorkItem]:
        return (
            [WorkItem("extra", "추가 항목 1건.", 1, "calm", "today", None)]
            if probe.may(Permission.AUDIT_READ)
            else []
        )

    assert by_key(collect(ctx, p.auditor, providers=(*today.PROVIDERS, extra))).keys() - {
        "review.unsigned"
    } == {"extra"}

    def noisy(probe: today.Probe) -> list[WorkItem]:
        probe.unit.log("view", "patient:*")
        return []

    def seeding(probe: today.Probe) -> list[WorkItem]:  # a read path that writes
        probe.unit.session.execute(text("UPDATE accounts SET name = name"))
        return []

    before = row_count(ctx)
    with pytest.raises(ReadOnlyUnitError):
        collect(ctx, p.auditor, providers=(noisy,))
    with pytest.raises(DBAPIError):  # the database itself refuses: the unit is read-only
        collect(ctx, p.auditor, providers=(seeding,))
    assert row_count(ctx) == before

    @today.own_unit
    def through_a_use_case(probe: today.Probe) -> list[WorkItem]:  # as the monthly review's will
        if not probe.may(Permission.REQUEST_HANDLE):
            return []
        s = rights.overdue_summary(probe.ctx, probe.actor)  # its own unit: after collect's
        return [WorkItem("via", f"요구 {s.open}건.", s.open, "calm", "requests", Permission.REQUEST_HANDLE)]

    items = by_key(collect(ctx, p.clerk, providers=(*today.PROVIDERS, through_a_use_case)))
    assert items["via"].count == 1 and "requests.overdue" in items
    assert collect(ctx, p.facility, providers=(through_a_use_case,)) == []
    assert row_count(ctx) == before


def test_numbers_are_shortened() -> None:
    assert today.numbers(["A", "B"]) == "A, B"
    assert today.numbers(["A", "B", "C", "D", "E"]) == "A, B, C 외 2건"


def test_the_monthly_review_lines(sqlite_ctx: AppContext) -> None:
    """The reviewer is reminded of last month's unsigned review from the reminder day on, and sees
    answers waiting for a decision; the person asked sees the 소명 request — counts only, no log."""
    from privdesk import review
    from tests.review_support import asked_lee

    ctx = sqlite_ctx
    people, boss = asked_lee(ctx)

    lee = collect_quietly(ctx, people["lee"])
    asked = lee["review.to_answer"]
    assert asked.page == today.ANSWER_PAGE and asked.tone == "soon" and asked.count == 1
    assert "소명" in asked.text and "lee" not in asked.text
    assert "review.to_answer" not in collect_quietly(ctx, people["kim"])

    review.answer_justification(
        ctx,
        people["lee"],
        review.my_justifications(ctx, people["lee"])[0].id,
        "응급 전원 환자 확인을 요청받아 조회했습니다.",
    )
    assert "review.to_answer" not in collect_quietly(ctx, people["lee"])
    boss_items = collect_quietly(ctx, boss)
    assert (
        boss_items["review.to_decide"].count == 1 and boss_items["review.to_decide"].page == today.REVIEW_PAGE
    )

    # Last month unsigned: nothing before the reminder day (5th), a line from it on.
    this_month = clock.today_kst().replace(day=1)
    early = by_key(collect(ctx, boss, this_month + dt.timedelta(days=1)))
    late = by_key(collect(ctx, boss, this_month + dt.timedelta(days=5)))
    assert "review.unsigned" not in early and "review.unsigned" in late
    assert "서명되지 않았습니다" in late["review.unsigned"].text
    assert "review.unsigned" not in collect_quietly(ctx, people["kim"])  # reviewers only
