"""The monthly access-log review (접속기록 점검, 고시 제8조②): findings on a generated month with planted
anomalies (and none on a normal month), results kept across re-runs, the 소명 round trip, the
sign-off with the log's head, and a signed month that cannot change. SQLite; the main flow also on
PostgreSQL (``ctx``)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from privdesk import clock, review
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.errors import AuthenticationError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.review import FindingKind, JState, Month, Result, ReviewSignedError
from privdesk.store.models import AccessLogEntry, AuditHead
from tests.audit_support import TEST_PASSWORD, actor_for, officer
from tests.helpers import OFFICER_PASSWORD
from tests.review_support import anomalous_month, history, months, normal_month, put, views, working_days

PLANTED = {
    FindingKind.OFF_HOURS,
    FindingKind.VOLUME,
    FindingKind.DOWNLOAD,
    FindingKind.FAILED_LOGINS,
    FindingKind.NO_VISIT,
}


def staff(ctx: AppContext) -> dict[str, Actor]:
    return {login: actor_for(ctx, login, ["intake"]) for login in ("kim", "lee", "park")}


def one(r: review.MonthReview, kind: FindingKind, account: str | None = None) -> review.Finding:
    found = [f for f in r.findings if f.kind == kind and (account is None or f.account == account)]
    assert len(found) == 1, (kind, account, [f.summary for f in r.findings])
    return found[0]


@pytest.fixture
def planted(sqlite_ctx: AppContext) -> tuple[AppContext, Month, dict[str, dt.date]]:
    bad, _normal = months()
    staff(sqlite_ctx)
    history(sqlite_ctx, bad)
    return sqlite_ctx, bad, anomalous_month(sqlite_ctx, bad)


def test_month_parse_and_labels() -> None:
    m = Month.parse("2026-01")
    assert (str(m), m.label(), str(m.previous()), m.last_day()) == (
        "2026-01",
        "2026년 1월",
        "2025-12",
        dt.date(2026, 1, 31),
    )
    for bad in ("2026-13", "26-01", "2026/01", ""):
        with pytest.raises(ValidationError):
            Month.parse(bad)


def test_planted_anomalies_are_each_found_with_their_entries(
    planted: tuple[AppContext, Month, dict[str, dt.date]],
) -> None:
    ctx, month, days = planted
    me = officer(ctx)
    r = review.run(ctx, me, month)
    assert {f.kind for f in r.findings} >= PLANTED
    night = one(r, FindingKind.OFF_HOURS, "lee")
    assert night.entry_count == 40 and days["night"].isoformat() in night.summary and "업무시간" in night.rule
    rows = review.finding_entries(ctx, me, night.id)
    assert len(rows) == 40 and {clock.to_kst(x.at).hour for x in rows} == {2}
    volume = one(r, FindingKind.VOLUME, "park")
    assert re.search(r"의 (19|20|21)\.\d배", volume.summary) and "×5" in volume.rule and "500" in volume.rule
    assert [f.account for f in r.findings if f.kind == FindingKind.VOLUME] == [
        "park"
    ]  # kim, lee: their usual
    export = one(r, FindingKind.DOWNLOAD, "kim")
    assert export.reason == "업무 참고" and export.result is None and "업무 참고" in export.summary
    burst = one(r, FindingKind.FAILED_LOGINS, "kim")
    assert burst.entry_count == 6
    assert len(review.finding_entries(ctx, me, burst.id)) == 6
    trawl = one(r, FindingKind.NO_VISIT, "kim")
    assert trawl.entry_count == 35 + 20 and days["trawl"].isoformat() in trawl.summary
    assert not [f for f in r.findings if f.kind == FindingKind.HEAD_IDLE]
    park = next(a for a in r.accounts if a.login == "park")
    assert (
        park.views == 100 * len(working_days(month))
        and park.risk == 3
        and "평소보다 많은 조회 1건×3" in park.risk_explained
    )
    kim = next(a for a in r.accounts if a.login == "kim")
    assert kim.failed_logins == 6 and kim.exports == 1 and kim.risk == 2 + 2 + 3
    assert (
        r.signed is None
        and r.entries > 2600
        and ("업무시간", "08:00–19:00, 월·화·수·목·금·토") in r.thresholds
    )
    viewed = ctx_entries(ctx, f"review:{month}")
    assert viewed and all(a == Action.VIEW for a in viewed)


def ctx_entries(ctx: AppContext, subject: str) -> list[str]:
    with ctx.session() as s:
        return [
            str(a)
            for a in s.execute(
                select(AccessLogEntry.action)
                .where(AccessLogEntry.subject == subject)
                .order_by(AccessLogEntry.seq)
            ).scalars()
        ]


def test_a_normal_month_gives_none_of_them(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    bad, normal = months()
    staff(ctx)
    history(ctx, bad)
    normal_month(ctx, bad)
    normal_month(ctx, normal)
    r = review.run(ctx, officer(ctx), normal)
    assert [f.summary for f in r.findings] == []
    assert all(a.risk == 0 for a in r.accounts) and {a.login for a in r.accounts} == {"kim", "lee", "park"}
    assert next(a for a in r.accounts if a.login == "kim").views == 20 * len(
        [
            d
            for d in range((normal.last_day() - normal.first_day()).days + 1)
            if (normal.first_day() + dt.timedelta(days=d)).weekday() < 6
        ]
    )


def test_a_workstation_with_its_own_hours_is_not_off_hours(
    planted: tuple[AppContext, Month, dict[str, dt.date]],
) -> None:
    from dataclasses import replace

    from privdesk.audit.chain import Workstation

    ctx, month, days = planted
    er = Workstation("er-pc", "10.0.0.9")
    put(ctx, dt.datetime.combine(days["night"], dt.time(3), clock.KST), views("park", range(1, 4)), er)
    profile = ctx.profile
    ctx._profile = replace(
        profile, review=replace(profile.review, workstations={"er-pc": ("00:00", "24:00")})
    )
    r = review.run(ctx, officer(ctx), month)
    assert not [f for f in r.findings if f.kind == FindingKind.OFF_HOURS and f.account == "park"]
    assert any(label.startswith("업무시간 예외 PC er-pc") for label, _v in r.thresholds)
    ctx._profile = profile
    r = review.run(ctx, officer(ctx), month)
    assert one(r, FindingKind.OFF_HOURS, "park").entry_count == 3


def test_results_are_kept_across_runs_and_a_finding_that_went_away_is_hidden(
    planted: tuple[AppContext, Month, dict[str, dt.date]],
) -> None:
    ctx, month, _days = planted
    me = officer(ctx)
    r = review.run(ctx, me, month)
    export = one(r, FindingKind.DOWNLOAD, "kim")
    with pytest.raises(ValidationError):
        review.record_result(ctx, me, export.id, Result.NORMAL, "  ")
    done = review.record_result(ctx, me, export.id, Result.NORMAL, "원무과장 확인: 보험 청구 자료")
    assert (done.result, done.result_by) == (Result.NORMAL, "yook")
    done = review.record_result(ctx, me, export.id, Result.ACTION, "사유 불충분: 재교육")
    assert done.result == Result.ACTION  # a later result supersedes
    again = review.run(ctx, me, month)
    kept = one(again, FindingKind.DOWNLOAD, "kim")
    assert (kept.id, kept.result, kept.result_note) == (export.id, Result.ACTION, "사유 불충분: 재교육")
    assert len(again.findings) == len(r.findings)
    clerk = actor_for(ctx, "kim")
    with pytest.raises(PermissionDeniedError):
        review.record_result(ctx, clerk, export.id, Result.NORMAL, "본인이 정상 처리")
    with pytest.raises(PermissionDeniedError):
        review.run(ctx, clerk, month)


def test_an_off_hours_import_counts_every_patient_its_batch_entries_name(sqlite_ctx: AppContext) -> None:
    """An import logs one entry per group of patients (privdesk.audit.batches): the review counts
    the patients, as it did when the import logged one entry per patient."""
    from privdesk.audit import batches
    from privdesk.audit.chain import PendingEntry

    ctx = sqlite_ctx
    bad, normal = months()
    staff(ctx)
    history(ctx, bad)
    normal_month(ctx, bad)
    normal_month(ctx, normal)
    night = working_days(normal)[3]
    grouped = [
        PendingEntry("lee", Action.IMPORT, subject, None, "ok", detail)
        for subject, detail in batches.entries(range(1, 151))
    ]
    assert len(grouped) < 10
    put(ctx, dt.datetime.combine(night, dt.time(2), clock.KST), grouped)
    r = review.run(ctx, officer(ctx), normal)
    found = one(r, FindingKind.OFF_HOURS, "lee")
    assert found.entry_count == 150 and "150건" in found.summary
    assert next(a for a in r.accounts if a.login == "lee").off_hours == 150


def test_justification_round_trip(planted: tuple[AppContext, Month, dict[str, dt.date]]) -> None:
    ctx, month, _days = planted
    me = officer(ctx)
    people = {x: actor_for(ctx, x) for x in ("kim", "lee")}
    r = review.run(ctx, me, month)
    night = one(r, FindingKind.OFF_HOURS, "lee")
    j = review.ask_justification(ctx, me, night.id, "새벽 2시 30분 조회 40건의 경위를 적어 주십시오.")
    assert (j.state, j.account, j.due) == (JState.OPEN, "lee", clock.today_kst() + dt.timedelta(days=7))
    with pytest.raises(RuleViolationError):
        review.ask_justification(ctx, me, night.id, "다시")
    assert [x.id for x in review.my_justifications(ctx, people["lee"])] == [j.id]
    assert review.my_justifications(ctx, people["kim"]) == []
    assert [x.id for x in review.pending(ctx, people["lee"]).to_answer] == [j.id]
    p = review.pending(ctx, me)
    assert (p.open_sent, p.to_decide, p.overdue_sent) == (1, 0, 0)
    assert review.pending(ctx, me, clock.today_kst() + dt.timedelta(days=8)).overdue_sent == 1
    before = count_entries(ctx)
    review.pending(ctx, people["lee"])
    assert count_entries(ctx) == before  # the start screen writes nothing
    with pytest.raises(PermissionDeniedError):
        review.answer_justification(ctx, people["kim"], j.id, "제가 대신 답합니다")
    with pytest.raises(RuleViolationError):
        review.decide_justification(ctx, me, j.id, True, "")  # nothing answered yet
    a = review.answer_justification(ctx, people["lee"], j.id, "응급 전원 환자 확인을 요청받아 조회했습니다.")
    assert a.state == JState.ANSWERED and a.answer is not None and a.answered_at is not None
    with pytest.raises(RuleViolationError):
        review.answer_justification(ctx, people["lee"], j.id, "한 번 더")
    assert review.pending(ctx, me).to_decide == 1
    with pytest.raises(ValidationError):
        review.decide_justification(ctx, me, j.id, False, "")  # a rejection says why
    d = review.decide_justification(ctx, me, j.id, False, "전원 기록 없음: 접근 권한 축소")
    assert (d.state, d.decided_by) == (JState.REJECTED, "yook")
    f = one(review.load(ctx, me, month), FindingKind.OFF_HOURS, "lee")
    assert (
        f.result == Result.ACTION and f.justification is not None and f.justification.state == JState.REJECTED
    )
    assert review.my_justifications(ctx, people["lee"]) == []
    head_idle_like = [x for x in review.load(ctx, me, month).findings if x.account is None]
    for x in head_idle_like:
        with pytest.raises(RuleViolationError):
            review.ask_justification(ctx, me, x.id, "누구에게?")


def count_entries(ctx: AppContext) -> int:
    with ctx.session() as s:
        return int(s.execute(select(func.count()).select_from(AccessLogEntry)).scalar_one())


def _resolve_all(ctx: AppContext, me: Actor, r: review.MonthReview) -> None:
    for f in r.findings:
        if f.result is None:
            review.record_result(ctx, me, f.id, Result.NORMAL, "업무상 필요 확인")


def sign_flow(ctx: AppContext, month: Month) -> None:
    me = officer(ctx)
    lee = actor_for(ctx, "lee")
    r = review.run(ctx, me, month)
    with pytest.raises(RuleViolationError, match=f"결과가 기록되지 않은 발견 사항 {len(r.findings)}건"):
        review.sign(ctx, me, month, OFFICER_PASSWORD)
    _resolve_all(ctx, me, r)
    j = review.ask_justification(ctx, me, one(r, FindingKind.OFF_HOURS, "lee").id, "경위를 적어 주십시오.")
    with pytest.raises(RuleViolationError, match="소명 1건"):
        review.sign(ctx, me, month, OFFICER_PASSWORD)
    review.answer_justification(ctx, lee, j.id, "야간 응급 지원")
    with pytest.raises(RuleViolationError, match="소명 1건"):
        review.sign(ctx, me, month, OFFICER_PASSWORD)
    review.decide_justification(ctx, me, j.id, True, "응급 지원 확인")
    with pytest.raises(AuthenticationError):
        review.sign(ctx, me, month, "wrong-password")
    with pytest.raises(PermissionDeniedError):
        review.sign(ctx, lee, month, TEST_PASSWORD)
    signed = review.sign(ctx, me, month, OFFICER_PASSWORD)
    with ctx.session() as s:
        at_head = s.execute(
            select(AccessLogEntry.hash).where(AccessLogEntry.seq == signed.head_seq)
        ).scalar_one()
        assert bytes(at_head).hex() == signed.head_hash
        assert s.get(AuditHead, 1).seq > signed.head_seq  # the sign-off's own entries came after  # type: ignore[union-attr]
    assert (signed.by, signed.findings, signed.normal + signed.action) == (
        "yook",
        len(r.findings),
        len(r.findings),
    )
    assert signed.action == 0 and signed.by_name == "육의곤"
    with pytest.raises(ReviewSignedError, match="이미 서명된 달"):
        review.sign(ctx, me, month, OFFICER_PASSWORD)
    f = r.findings[0]
    with pytest.raises(ReviewSignedError):
        review.record_result(ctx, me, f.id, Result.ACTION, "고침")
    with pytest.raises(ReviewSignedError):
        review.ask_justification(ctx, me, one(r, FindingKind.DOWNLOAD, "kim").id, "소명")
    put(ctx, dt.datetime.combine(month.first_day(), dt.time(23), clock.KST), views("lee", range(1, 3)))
    stored = review.run(ctx, me, month)  # a signed month is not recomputed
    assert stored.signed == signed and len(stored.findings) == len(r.findings)
    assert review.pending(ctx, me, month.next().first_day() + dt.timedelta(days=6)).unsigned_month is None
    p = review.pending(ctx, me, month.next().next().first_day() + dt.timedelta(days=5))
    assert (p.unsigned_month, p.remind) == (str(month.next()), True)
    p = review.pending(ctx, me, month.next().next().first_day() + dt.timedelta(days=2))
    assert p.remind is False


def test_sign_refused_while_open_then_signed_with_the_head_and_never_changed(
    planted: tuple[AppContext, Month, dict[str, dt.date]],
) -> None:
    ctx, month, _days = planted
    sign_flow(ctx, month)
    from privdesk.review.usecases import verify_ledger_in

    with ctx.session() as s:
        assert verify_ledger_in(s) == []
    with pytest.raises(RuleViolationError, match="끝난 뒤"):
        me = officer(ctx)
        review.run(ctx, me, Month.of(clock.today_kst()))
        review.sign(ctx, me, Month.of(clock.today_kst()), OFFICER_PASSWORD)
    with pytest.raises(ValidationError):
        review.run(ctx, officer(ctx), Month.of(clock.today_kst()).next())


def test_main_flow_on_both_backends(ctx: AppContext) -> None:
    bad, _normal = months()
    staff(ctx)
    history(ctx, bad, 1)
    anomalous_month(ctx, bad)
    r = review.run(ctx, officer(ctx), bad)
    assert {FindingKind.OFF_HOURS, FindingKind.DOWNLOAD, FindingKind.FAILED_LOGINS, FindingKind.NO_VISIT} <= {
        f.kind for f in r.findings
    }
    sign_flow(ctx, bad)


def test_the_other_rules_lockouts_dormant_permissions_integrity_idle_days_unmask_print_and_visits(
    planted: tuple[AppContext, Month, dict[str, dt.date]],
) -> None:
    from sqlalchemy import update

    from privdesk.audit.chain import Outcome, PendingEntry
    from privdesk.audit.reasons import with_reason
    from privdesk.registry.patients import add_intake
    from privdesk.store.models import Account
    from tests.incident_support import add_patients
    from tests.review_support import at, working_days

    ctx, month, days = planted
    me = officer(ctx)
    old, recent = actor_for(ctx, "old", ["intake"]), actor_for(ctx, "recent", ["intake"])
    with ctx.session() as s, s.begin():
        s.execute(
            update(Account)
            .where(Account.login.in_(["old", "recent"]))
            .values(created_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
        )
    kim = actor_for(ctx, "kim")
    day = days["export"]
    put(
        ctx,
        at(month.last_day() - dt.timedelta(days=20), 9),
        [PendingEntry(recent.login, Action.LOGIN, "acct:1")],
    )
    put(
        ctx,
        at(day, 9, 30),
        [
            PendingEntry(
                "kim", Action.LOCK, f"acct:{kim.account_id}", None, Outcome.OK, "auto; failed_attempts=5"
            ),
            PendingEntry(
                "yook", Action.ROLE_CHANGE, f"acct:{old.account_id}", None, Outcome.OK, "roles=intake"
            ),
            PendingEntry("yook", Action.PASSWORD_RESET, f"acct:{old.account_id}"),
            PendingEntry(
                "yook", Action.VERIFY, "access_log:*", None, Outcome.FAILED, "checked=10; problems=2"
            ),
            PendingEntry("yook", Action.VERIFY, "access_log:*", None, Outcome.OK, "checked=10; problems=0"),
            PendingEntry(
                "lee", Action.UNMASK, "patient:3", "rrn", Outcome.OK, with_reason("rrn", "보험 자격 확인")
            ),
            PendingEntry("lee", Action.PRINT, "patient:3", None, Outcome.OK, "진료비 영수증"),
        ],
    )
    r = review.run(ctx, me, month)
    assert one(r, FindingKind.LOCKOUT, "kim").entry_count == 1
    assert [f.account for f in r.findings if f.kind == FindingKind.DORMANT] == ["old"]
    perm = one(r, FindingKind.PERMISSION_CHANGE, "yook")
    assert perm.entry_count == 2 and "역할 변경 1건" in perm.summary and "비밀번호 초기화 1건" in perm.summary
    assert one(r, FindingKind.INTEGRITY).summary == "무결성 검사에서 문제 2건 발견"
    unmask = one(r, FindingKind.UNMASK, "lee")
    assert unmask.reason == "보험 자격 확인"
    printed = one(r, FindingKind.PRINT, "lee")
    assert printed.reason is None and "사유 기록 없음" in printed.summary
    assert not [f for f in r.findings if f.kind == FindingKind.HEAD_IDLE]

    # a working day without any entry, in a month the log already covered
    later = month.next()
    skipped = working_days(later)[3:5]
    for d in working_days(later):
        if d not in skipped:
            put(ctx, at(d, 10), views("kim", range(1, 3)))
    idle = review.run(ctx, me, later)
    assert sorted(f.summary[:10] for f in idle.findings if f.kind == FindingKind.HEAD_IDLE) == [
        d.isoformat() for d in skipped
    ]

    # patients who came that day (intake) do not count as looked up without a visit
    ids = add_patients(ctx, me, 3)
    clerk = actor_for(ctx, "won", ["intake"])
    visit_day = working_days(later)[6]
    for pid in ids:
        add_intake(ctx, clerk, pid, visit_date=visit_day, department="내과")
    put(ctx, at(visit_day, 11), views("won", [*ids, *range(900_000, 900_028)]))  # 31 patients, 3 came
    r = review.run(ctx, me, later)
    assert not [f for f in r.findings if f.kind == FindingKind.NO_VISIT and f.account == "won"]
    put(ctx, at(visit_day, 12), views("won", range(900_100, 900_102)))  # 2 more: 30 without a visit
    r = review.run(ctx, me, later)
    assert one(r, FindingKind.NO_VISIT, "won").entry_count == 30


@pytest.mark.tampers
def test_a_finding_edited_after_the_signature_is_caught(
    planted: tuple[AppContext, Month, dict[str, dt.date]],
) -> None:
    from sqlalchemy import update

    from privdesk.audit import anchors
    from privdesk.review.model import ReviewFinding
    from privdesk.review.usecases import verify_ledger_in

    ctx, month, _days = planted
    sign_flow(ctx, month)
    with ctx.session() as s, s.begin():
        s.execute(
            update(ReviewFinding)
            .where(ReviewFinding.month == str(month), ReviewFinding.kind == "off_hours")
            .values(summary="업무시간 외 없음")
        )
    with ctx.session() as s:
        assert [p.problem for p in verify_ledger_in(s)] == [anchors.ALTERED]


def test_review_rules_in_the_profile() -> None:
    from privdesk.errors import ConfigError
    from privdesk.profile import ReviewRules, review_rules_from

    assert review_rules_from(None) == ReviewRules()
    r = review_rules_from(
        {
            "work_start": "7:30",
            "work_days": ["월", "화", "수", "목", "금"],
            "volume_min": 300,
            "workstations": {"er-pc": "00:00-24:00"},
            "weights": {"integrity": 8},
        }
    )
    assert (r.work_start, r.work_days, r.volume_min, r.hours_of("er-pc"), r.weight("integrity")) == (
        "07:30",
        (0, 1, 2, 3, 4),
        300,
        ("00:00", "24:00"),
        8,
    )
    for bad in (
        {"work_start": "25:00"},
        {"volume_min": 0},
        {"volume_factor": 1},
        {"work_days": ["x"]},
        {"weights": {"nope": 1}},
        {"unknown": 1},
        {"workstations": {"a": "10:00"}},
        {"work_start": "19:00", "work_end": "08:00"},
    ):
        with pytest.raises(ConfigError):
            review_rules_from(bad)
