"""The breach register (유출 등 사고 대장): numbers, the 72-hour clock in KST, the duties decided from the
facts (999 vs 1,000; a resident number among the items; outside access; the registry file), affected
people drawn from the data, notices that stop the clock (late ones stay late), closing, who may do
what. Both backends (``ctx``)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.errors import NotFoundError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.incidents import affected, register, rules
from privdesk.incidents.models import IncidentEvent
from privdesk.incidents.register import IncidentEdit
from privdesk.incidents.rules import Urgency
from privdesk.registry.export import export_patients
from privdesk.registry.patients import get_patient
from privdesk.registry.sample import add_sample_patients
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for
from tests.helpers import owner_engine
from tests.incident_support import add_patients, hours_ago, open_at


@pytest.fixture
def officer(ctx: AppContext) -> Actor:
    return actor_for(ctx, "yook")


@pytest.fixture
def staff(ctx: AppContext) -> Actor:
    return actor_for(ctx, "it", ["privacy"])


@pytest.fixture
def clerk(ctx: AppContext) -> Actor:
    return actor_for(ctx, "won", ["intake"])


def kst(d: dt.datetime) -> str:
    return clock.to_kst(d).strftime("%Y-%m-%d %H:%M")


# -- numbers and the clock in KST -------------------------------------------------------------------
def test_friday_evening_breach_is_due_monday_evening_numbered_in_sequence(
    ctx: AppContext, staff: Actor
) -> None:
    first = open_at(ctx, staff, "2026-12-04 18:30")  # a Friday evening, KST
    assert first.number == "INC-2026-0001"
    assert kst(first.row.notify.due) == "2026-12-07 18:30" == kst(first.row.report.due)
    second = open_at(ctx, staff, "2026-11-02 09:00")
    assert second.number == "INC-2026-0002"
    assert [e.change for e in first.events] == ["open"]
    monday = dt.datetime(2026, 12, 7, 9, 0, tzinfo=clock.KST)
    assert first.row.notify.hours_left(monday) == 9
    assert first.row.notify.urgency(monday) == Urgency.SOON
    assert "남은 시간 9시간" in first.row.notify.status(monday)


def test_learnt_at_in_kst_around_midnight_and_across_a_month_and_year_end(
    ctx: AppContext, staff: Actor
) -> None:
    new_year = open_at(ctx, staff, "2026-01-01 00:30")  # 2025-12-31 15:30 UTC
    assert new_year.row.learnt_at == dt.datetime(2025, 12, 31, 15, 30, tzinfo=dt.UTC)
    assert new_year.number == "INC-2026-0001"  # the year in Korea, not in UTC
    assert kst(new_year.row.notify.due) == "2026-01-04 00:30"
    old_year = open_at(ctx, staff, "2025-12-31 23:59")
    assert old_year.number == "INC-2025-0001"
    assert kst(old_year.row.notify.due) == "2026-01-03 23:59"
    month_end = open_at(ctx, staff, "2026-01-31 23:30")
    assert kst(month_end.row.notify.due) == "2026-02-03 23:30"
    feb = open_at(ctx, staff, "2026-02-28 00:00")
    assert kst(feb.row.notify.due) == "2026-03-03 00:00"  # 2026 is not a leap year
    assert [r.number for r in register.list_incidents(ctx, staff, year=2025)] == ["INC-2025-0001"]
    assert len(register.list_incidents(ctx, staff, year=2026)) == 3


def test_bad_input_is_refused_in_korean_and_nothing_is_saved(ctx: AppContext, staff: Actor) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD HH:MM"):
        rules.parse_kst("2026-12-04", "learnt_at", "인지 일시")
    assert rules.parse_kst("2026-12-04 00:10", "learnt_at", "인지 일시") == dt.datetime(
        2026, 12, 3, 15, 10, tzinfo=dt.UTC
    )
    with pytest.raises(ValidationError, match="미래"):
        open_at(ctx, staff, clock.now() + dt.timedelta(hours=2))
    with pytest.raises(ValidationError, match="사고 유형"):
        open_at(ctx, staff, "2026-12-04 18:30", kind="flood")
    with pytest.raises(ValidationError, match="전화번호"):
        open_at(ctx, staff, "2026-12-04 18:30", summary="010-1234-5678 번호로 문자가 잘못 감")
    with pytest.raises(ValidationError, match="인지 일시보다 늦습니다"):
        open_at(ctx, staff, "2026-12-04 18:30", happened_at=dt.datetime(2026, 12, 4, 19, 0))
    with pytest.raises(ValidationError, match="개인정보파일"):
        open_at(ctx, staff, "2026-12-04 18:30", files="payroll")
    assert register.list_incidents(ctx, staff) == []


def test_numbers_stay_unique_when_workstations_open_incidents_at_once(ctx: AppContext, staff: Actor) -> None:
    numbers: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(3):
                numbers.append(open_at(ctx, staff, "2026-12-01 10:00").number)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [f"INC-2026-{i:04d}" for i in range(1, 13)]


# -- the duties from the facts ---------------------------------------------------------------------
def test_999_people_need_no_report_1000_do(ctx: AppContext, officer: Actor, staff: Actor) -> None:
    assert add_sample_patients(ctx, officer, 1000, seed=3) == 1000
    inc = open_at(ctx, staff, hours_ago(5), items="이름, 주소")
    charts = [f"{i:08d}" for i in range(1, 1001)]
    r = affected.affect_charts(ctx, staff, inc.number, charts[:999])
    assert (r.added, r.total) == (999, 999)
    assert r.detail.row.notify.applies and not r.detail.row.report.applies
    assert "신고 의무 없음" in r.line()
    again = affected.affect_charts(ctx, staff, inc.number, charts[:1000])  # 999 already there
    assert (again.added, again.already, again.total) == (1, 999, 1000)
    report = again.detail.row.report
    assert report.applies and report.article == "개인정보 보호법 제34조③, 시행령 제40조"
    assert report.reasons == ("정보주체 1,000명 — 1,000명 이상 (시행령 제40조①1)",)
    assert [e.change for e in again.detail.events] == ["open", "affect", "affect"]
    assert "1,000명" in again.detail.events[-1].detail


def test_a_resident_number_or_health_data_among_the_items_needs_a_report(
    ctx: AppContext, staff: Actor
) -> None:
    plain = open_at(ctx, staff, hours_ago(1), items="이름, 연락처")
    assert not plain.row.report.applies
    rrn = open_at(ctx, staff, hours_ago(1), items="이름, 주민등록번호")
    assert rrn.row.report.applies
    assert rrn.row.report.reasons == ("고유식별정보 포함: 주민등록번호 (시행령 제40조①2)",)
    health = register.update_incident(
        ctx, staff, plain.number, IncidentEdit(items="이름, 진료정보"), expected_version=plain.row.version
    )
    assert health.row.report.reasons == ("민감정보 포함: 진료정보 (시행령 제40조①2)",)
    assert "유출 항목: 이름, 진료정보" in health.events[-1].detail
    registry = open_at(ctx, staff, hours_ago(1), items="이름", files="patient")
    assert registry.row.report.applies and "환자 명부" in registry.row.report.reasons[0]


def test_outside_access_needs_a_report(ctx: AppContext, staff: Actor) -> None:
    attack = open_at(ctx, staff, hours_ago(1), kind="attack", items="아이디")
    assert attack.row.report.reasons == ("외부로부터의 불법적인 접근에 의한 유출 (시행령 제40조①3)",)
    other = open_at(ctx, staff, hours_ago(1), kind="other", items="아이디")
    assert not other.row.report.applies
    flagged = register.update_incident(ctx, staff, other.number, IncidentEdit(outside_access=True))
    assert flagged.row.report.applies and "외부 불법 접근: 예" in flagged.events[-1].detail


# -- affected people from the data --------------------------------------------------------------------
def test_people_of_an_export_found_in_the_access_log(
    ctx: AppContext, staff: Actor, clerk: Actor, tmp_path: Path
) -> None:
    ids = add_patients(ctx, clerk, 3)
    export_patients(ctx, clerk, ids[:2], tmp_path / "out.csv", reason="보험사 제출")
    with ctx.session() as s:
        seq = (
            s.execute(
                select(AccessLogEntry.seq)
                .where(AccessLogEntry.action == Action.EXPORT)
                .order_by(AccessLogEntry.seq)
            )
            .scalars()
            .first()
        )
    inc = open_at(ctx, staff, hours_ago(2), items="이름")
    r = affected.affect_export(ctx, staff, inc.number, int(seq))
    assert r.total == 2 and r.detail.by_source == {"export": 2}
    assert r.detail.files == ("patient",) and r.detail.row.report.applies  # the registry file went out
    with pytest.raises(NotFoundError):
        affected.affect_export(ctx, staff, inc.number, 1)  # not an export entry


def test_people_an_account_touched_in_a_period(ctx: AppContext, staff: Actor, clerk: Actor) -> None:
    ids = add_patients(ctx, clerk, 3)
    snoop = actor_for(ctx, "snoop", ["intake"])
    get_patient(ctx, snoop, ids[0])
    get_patient(ctx, snoop, ids[2])
    inc = open_at(ctx, staff, hours_ago(1), kind="insider", items="이름, 주소")
    today = clock.today_kst()
    r = affected.affect_account(ctx, staff, inc.number, "snoop", today - dt.timedelta(days=1), today)
    assert r.total == 2 and r.added == 2
    with pytest.raises(NotFoundError):
        affected.affect_account(
            ctx, staff, inc.number, "snoop", today - dt.timedelta(days=30), today - dt.timedelta(days=2)
        )
    with pytest.raises(ValidationError, match="기간"):
        affected.affect_account(ctx, staff, inc.number, "snoop", today, today - dt.timedelta(days=1))


def test_people_an_account_imported_are_people_it_touched(
    ctx: AppContext, staff: Actor, officer: Actor, tmp_path: Path
) -> None:
    """An import names its patients in batch entries (privdesk.audit.batches), not one entry each."""
    from privdesk.registry.importer import import_patients
    from privdesk.registry.sample import write_sample_csv

    result = import_patients(ctx, officer, write_sample_csv(tmp_path / "emr.csv", 7, seed=2))
    assert result.imported == 7
    inc = open_at(ctx, staff, hours_ago(1), kind="insider", items="이름, 주소")
    today = clock.today_kst()
    r = affected.affect_account(ctx, staff, inc.number, officer.login, today - dt.timedelta(days=1), today)
    assert r.total == 7 and r.added == 7


def test_unknown_chart_numbers_add_nobody(ctx: AppContext, staff: Actor, clerk: Actor) -> None:
    add_patients(ctx, clerk, 2)
    inc = open_at(ctx, staff, hours_ago(1))
    with pytest.raises(NotFoundError, match="9999"):
        affected.affect_charts(ctx, staff, inc.number, ["1001", "9999"])
    assert register.get_incident(ctx, staff, inc.number).row.affected == 0
    assert affected.read_charts("차트번호\n1001\n\n# 주석\n1002\n1001\n") == ["1001", "1002"]


# -- notices and the clock ----------------------------------------------------------------------------
def test_the_clock_stops_when_duties_are_done_and_late_ones_stay_red(
    ctx: AppContext, staff: Actor, clerk: Actor
) -> None:
    add_patients(ctx, clerk, 3)
    inc = open_at(ctx, staff, hours_ago(80), items="이름, 주민등록번호")
    affected.affect_charts(ctx, staff, inc.number, ["1001", "1002", "1003"])
    now = clock.now()
    d = register.get_incident(ctx, staff, inc.number)
    assert d.row.notify.urgency(now) == Urgency.LATE and "기한 경과 8시간" in d.row.notify.status(now)
    d = register.mark_sent(
        ctx, staff, inc.number, duty="notify", channel="letter", people=2, sent_at=hours_ago(75)
    )
    assert not d.row.notify.done and d.row.notify.notified == 2
    d = register.mark_sent(
        ctx, staff, inc.number, duty="notify", channel="sms", people=1, sent_at=hours_ago(74)
    )
    assert d.row.notify.done and d.row.notify.urgency(clock.now()) == Urgency.DONE  # in time
    assert d.row.report.urgency(clock.now()) == Urgency.LATE
    d = register.mark_sent(ctx, staff, inc.number, duty="report", channel="pipc")  # now: 8 hours late
    late = d.row.report.late_by(clock.now())
    assert late is not None and late >= dt.timedelta(hours=7, minutes=59)
    assert (
        d.row.report.urgency(clock.now() + dt.timedelta(days=3)) == Urgency.LATE
    )  # stays red, does not grow
    assert d.row.report.late_by(clock.now() + dt.timedelta(days=3)) == late
    assert "지남" in d.row.report.status(clock.now()) and "완료" in d.row.report.status(clock.now())
    assert [e.change for e in d.events][-3:] == ["notice", "notice", "notice"]
    with pytest.raises(ValidationError, match="방법"):
        register.mark_sent(ctx, staff, inc.number, duty="report", channel="letter")
    summary = register.clock_summary(ctx, staff)
    assert [r.number for r in summary.rows] == [inc.number] and summary.urgency == Urgency.LATE


def test_homepage_notice_covers_people_whose_contacts_are_unknown(
    ctx: AppContext, staff: Actor, clerk: Actor
) -> None:
    add_patients(ctx, clerk, 2)
    inc = open_at(ctx, staff, hours_ago(3))
    with pytest.raises(RuleViolationError, match="정보주체"):
        register.mark_sent(ctx, staff, inc.number, duty="notify", channel="letter", people=1)
    affected.affect_charts(ctx, staff, inc.number, ["1001", "1002"])
    d = register.mark_sent(ctx, staff, inc.number, duty="notify", channel="homepage", note="공지사항 게시")
    assert d.row.notify.done and not d.row.report.applies


def test_closing_needs_cause_measures_done_duties_and_the_officer(
    ctx: AppContext, officer: Actor, staff: Actor, clerk: Actor
) -> None:
    add_patients(ctx, clerk, 1)
    inc = open_at(ctx, staff, hours_ago(3))
    affected.affect_charts(ctx, staff, inc.number, ["1001"])
    with pytest.raises(PermissionDeniedError):
        register.close_incident(ctx, staff, inc.number, cause="주소 확인 누락", measures="발송 전 이중 확인")
    with pytest.raises(RuleViolationError, match="정보주체 통지"):
        register.close_incident(
            ctx, officer, inc.number, cause="주소 확인 누락", measures="발송 전 이중 확인"
        )
    register.mark_sent(ctx, staff, inc.number, duty="notify", channel="letter", people=1)
    with pytest.raises(ValidationError, match="원인"):
        register.close_incident(ctx, officer, inc.number, cause=" ", measures="발송 전 이중 확인")
    closed = register.close_incident(
        ctx, officer, inc.number, cause="주소 확인 누락", measures="발송 전 이중 확인"
    )
    assert closed.row.state == "closed" and closed.closed_by == "yook"
    with pytest.raises(RuleViolationError, match="종결"):
        affected.affect_charts(ctx, staff, inc.number, ["1001"])
    assert register.list_incidents(ctx, staff, open_only=True) == []


# -- who may do what ----------------------------------------------------------------------------------
def test_officer_and_privacy_staff_act_the_auditor_reads_others_see_nothing(
    ctx: AppContext, officer: Actor, staff: Actor, clerk: Actor
) -> None:
    auditor = actor_for(ctx, "kam", ["auditor"])
    add_patients(ctx, clerk, 1)
    inc = open_at(ctx, officer, hours_ago(1))
    assert register.get_incident(ctx, auditor, inc.number).number == inc.number
    assert len(register.list_incidents(ctx, auditor)) == 1
    for attempt in (
        lambda: open_at(ctx, auditor, hours_ago(1)),
        lambda: affected.affect_charts(ctx, auditor, inc.number, ["1001"]),
        lambda: register.mark_sent(ctx, auditor, inc.number, duty="notify", channel="homepage"),
        lambda: register.close_incident(ctx, auditor, inc.number, cause="a", measures="b"),
        lambda: register.list_incidents(ctx, clerk),
        lambda: open_at(ctx, clerk, hours_ago(1)),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt()
    affected.affect_charts(ctx, staff, inc.number, ["1001"])
    with ctx.session() as s:
        denied = (
            s.execute(select(AccessLogEntry).where(AccessLogEntry.action == Action.PERMISSION_DENIED))
            .scalars()
            .all()
        )
    assert len(denied) == 6


def test_the_history_is_append_only(ctx: AppContext, staff: Actor) -> None:
    inc = open_at(ctx, staff, hours_ago(1))
    with owner_engine(ctx) as engine, engine.connect() as conn:
        for sql in ("UPDATE incident_events SET detail = 'x'", "DELETE FROM incident_events"):
            with pytest.raises(Exception, match="append-only"):
                conn.execute(text(sql))
            conn.rollback()
    with ctx.session() as s:
        assert s.execute(
            select(IncidentEvent.change).where(IncidentEvent.incident_id == inc.id)
        ).scalars().all() == ["open"]


def test_people_of_cctv_viewing_requests_by_their_reception_numbers(
    ctx: AppContext, officer: Actor, staff: Actor
) -> None:
    """The footage handed over to the wrong person: the requesters of those CCTV requests, given
    as CR-YYYY-NNNN (or the number alone); an unknown number adds nobody and is named."""
    from privdesk.cctv import requests as cctv_requests
    from tests.test_cctv_requests import request_input

    first = cctv_requests.receive_request(ctx, officer, request_input(2))
    second = cctv_requests.receive_request(ctx, officer, request_input(3, requester_name="김영희"))
    inc = open_at(ctx, staff, hours_ago(2))
    with pytest.raises(ValidationError, match="접수번호가 아닙니다"):
        affected.read_cctv("CR-2026-x")
    with pytest.raises(NotFoundError):
        affected.affect_cctv(ctx, staff, inc.number, affected.read_cctv(f"{first.number}, 9999"))
    assert register.get_incident(ctx, staff, inc.number).row.affected == 0
    ids = affected.read_cctv(f"{first.number}\n{second.id}")
    assert ids == [first.id, second.id]
    r = affected.affect_cctv(ctx, staff, inc.number, ids)
    assert r.detail.row.affected == 2 and r.detail.by_source == {"cctv": 2}
    again = affected.affect_cctv(ctx, staff, inc.number, [first.id])  # the same person is not counted twice
    assert again.detail.row.affected == 2


def test_people_added_by_mistake_are_taken_off_with_a_reason_and_the_duties_follow(
    ctx: AppContext, staff: Actor, clerk: Actor
) -> None:
    add_patients(ctx, clerk, 3)
    inc = open_at(ctx, staff, hours_ago(4))
    affected.affect_charts(ctx, staff, inc.number, ["1001", "1002", "1003"])
    with pytest.raises(ValidationError, match="제외 사유"):
        affected.remove_charts(ctx, staff, inc.number, ["1003"], "")
    with pytest.raises(ValidationError):  # a resident number is no reason
        affected.remove_charts(ctx, staff, inc.number, ["1003"], "900101-1234568 잘못 추가")
    with pytest.raises(NotFoundError):  # not on the incident: nothing removed
        affected.remove_charts(ctx, staff, inc.number, ["1003", "9999"], "다른 환자")
    assert register.get_incident(ctx, staff, inc.number).row.affected == 3
    r = affected.remove_charts(ctx, staff, inc.number, ["1003"], "팩스 수신처 확인 결과 1003은 명단에 없었음")
    assert r.removed == 1 and r.detail.row.affected == 2 and "1명 제외" in r.line()
    d = register.get_incident(ctx, staff, inc.number)
    assert d.row.affected == 2
    assert [e.change for e in d.events][-1] == "unaffect" and "사유: 팩스 수신처" in d.events[-1].detail
    with pytest.raises(PermissionDeniedError):
        affected.remove_charts(ctx, clerk, inc.number, ["1002"], "권한 없음")
