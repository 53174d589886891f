"""The third-party disclosure ledger (제3자 제공 대장): recording with the legal bases of law.md §1,
the refusals (processing hold, 처리정지 flag, public-body-only grounds, separated records), de-identified
entries (more in tests/test_ledgers.py), corrections, the per-subject history, the database's append-only guard, the
anchors, and the permission refusals. Both backends (``ctx``) where the database matters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from privdesk import clock
from privdesk.audit import anchors
from privdesk.audit.chain import Action, Outcome
from privdesk.context import Actor, AppContext
from privdesk.disclosures import history, ledger, subjects
from privdesk.disclosures.ledger import (
    LEGAL_BASES,
    DisclosureInput,
    ExternalSubject,
    record_disclosure,
)
from privdesk.disclosures.models import Disclosure, DisclosureSubject
from privdesk.errors import NotFoundError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.lifecycle import separation
from privdesk.registry.models import SubjectFlag
from privdesk.registry.patients import HeldRecordError, set_hold
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for, officer
from tests.consent_support import give_consent
from tests.helpers import owner_engine
from tests.lifecycle_support import Marked, add_marked, years_ago

WARRANT = "형사소송법 제215조 압수·수색영장"


def entries(ctx: AppContext, **where: Any) -> list[AccessLogEntry]:
    with ctx.session() as s:
        stmt = select(AccessLogEntry).order_by(AccessLogEntry.seq)
        for column, value in where.items():
            stmt = stmt.where(getattr(AccessLogEntry, column) == value)
        return list(s.scalars(stmt))


def police(*patients: int, **kw: Any) -> DisclosureInput:
    base: dict[str, Any] = dict(
        file_code="patient",
        recipient="관악경찰서 형사과",
        recipient_purpose="절도 사건 수사",
        items="이름, 주소, 내원일",
        legal_basis="law",
        basis_detail=WARRANT,
        disclosed_on=clock.today_kst(),
        form="사본(종이)",
        restrictions=ledger.DEFAULT_RESTRICTIONS,
        document_no="형사과-2026-1123",
        patient_ids=list(patients),
    )
    base.update(kw)
    return DisclosureInput(**base)


def flag(ctx: AppContext, patient_id: int, *, suspended: bool = False, withdrawn: bool = False) -> None:
    """What the data-subject request module writes when it grants 처리정지 or 동의철회."""
    with ctx.session() as s, s.begin():
        s.add(
            SubjectFlag(
                subject_ref=f"patient:{patient_id}",
                patient_id=patient_id,
                suspended=suspended,
                consent_withdrawn=withdrawn,
                scope="안내 문자 발송",
                since=clock.now(),
                set_by="yook",
            )
        )


def count(ctx: AppContext, model: type[Any] = Disclosure) -> int:
    with ctx.session() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.fixture
def desk(ctx: AppContext) -> Actor:
    return actor_for(ctx, "desk01", ["intake"])


@pytest.fixture
def people(ctx: AppContext) -> list[Marked]:
    boss = officer(ctx)
    return [add_marked(ctx, boss, i, last_visit=clock.today_kst() - dt.timedelta(days=10)) for i in range(3)]


# -- the legal bases as data ---------------------------------------------------------------------------
def test_legal_bases_follow_the_policy_and_the_law() -> None:
    codes = {b.code: b for b in LEGAL_BASES}
    assert [b.code for b in ledger.private_bases()] == [
        "consent",
        "law",
        "urgent",
        "pseudonymised",
        "public_health",
    ]
    assert {c for c, b in codes.items() if not b.applies_to_private} == {
        "pipc",
        "treaty",
        "investigation",
        "trial",
        "sentence",
    }
    assert "제18조제2항제2호" in codes["law"].basis and codes["law"].detail_required
    assert "제18조제2항제3호" in codes["urgent"].basis and codes["urgent"].detail_required
    assert "제18조제2항제10호" in codes["public_health"].basis
    assert codes["investigation"].public_article == "제18조제2항제7호"
    assert all(b.label and b.basis for b in LEGAL_BASES)


# -- recording -----------------------------------------------------------------------------------------------
def test_record_masks_the_subjects_anchors_the_entry_and_logs_each_patient(
    ctx: AppContext, desk: Actor, people: list[Marked]
) -> None:
    p = people[0]
    row = record_disclosure(
        ctx,
        desk,
        police(
            p.id,
            external_subjects=[
                ExternalSubject("박민수", "홈페이지 회원 010-9876-5432"),
                ExternalSubject("최하린", "hong.gil@example.com"),
            ],
        ),
    )
    assert row.id == 1 and row.subject_count == 3 and not row.deidentified
    assert row.subject_labels[0] == f"{p.name[0]}{'*' * (len(p.name) - 2)}{p.name[-1]} (차트 {p.chart_no})"
    assert row.subject_labels[1:] == ("박*수 (홈페이지 회원 ***-****-5432)", "최*린 (h***@example.com)")
    assert row.subject_refs[0] == f"patient:{p.id}" and row.subject_refs[1].startswith("external:")
    assert row.file_name == "환자 진료 접수 및 관리" and row.provided_by == "desk01"
    assert row.provided_by_name == "desk01 님" and row.provider_text == "desk01 님(desk01)"
    assert row.basis_text == f"다른 법률의 특별한 규정: {WARRANT}" and row.recorded_by == "desk01"
    assert p.name not in repr(row) and p.name not in repr(police(p.id))
    [anchor] = entries(ctx, subject="disclosure:1", action=Action.CREATE)
    with ctx.session() as s:
        d = s.get(Disclosure, 1)
        assert d is not None
        assert anchor.detail == "sha256=" + anchors.digest(ledger.canonical_row(d))
    [logged] = entries(ctx, subject=f"patient:{p.id}", actor="desk01")
    assert logged.action == Action.CREATE and "disclosure:1" in (logged.detail or "")
    assert ledger.verify_ledger(ctx, officer(ctx)) == []
    # nothing unmasked in the access log
    for e in entries(ctx):
        assert p.name not in f"{e.subject} {e.detail}" and "9876" not in f"{e.detail}"


def test_listing_filters_and_logs_the_look(ctx: AppContext, desk: Actor, people: list[Marked]) -> None:
    give_consent(ctx, [people[1].id], "provision")
    a = record_disclosure(
        ctx, desk, police(people[0].id, disclosed_on=clock.today_kst() - dt.timedelta(days=3))
    )
    b = record_disclosure(
        ctx,
        desk,
        police(
            people[1].id,
            recipient="한빛손해보험(주)",
            legal_basis="consent",
            basis_detail="제3자 제공 동의서",
            restrictions="",
        ),
    )
    c = record_disclosure(
        ctx, desk, police(people[1].id, people[2].id, disclosed_on=clock.today_kst() - dt.timedelta(days=40))
    )
    week = clock.today_kst() - dt.timedelta(days=7)
    assert [r.id for r in ledger.list_disclosures(ctx, desk, week, clock.today_kst())] == [a.id, b.id]
    assert [
        r.id
        for r in ledger.list_disclosures(
            ctx, desk, clock.today_kst() - dt.timedelta(days=60), clock.today_kst()
        )
    ] == [c.id, a.id, b.id]
    assert [r.id for r in ledger.list_disclosures(ctx, desk, week, clock.today_kst(), recipient="손해")] == [
        b.id
    ]
    assert [r.id for r in ledger.list_disclosures(ctx, desk, week, clock.today_kst(), legal_basis="law")] == [
        a.id
    ]
    assert [
        r.id
        for r in ledger.list_disclosures(
            ctx,
            desk,
            clock.today_kst() - dt.timedelta(days=60),
            clock.today_kst(),
            subject_ref=f"patient:{people[1].id}",
        )
    ] == [c.id, b.id]
    assert ledger.list_disclosures(ctx, desk, week, clock.today_kst(), recipient="100%") == []
    with pytest.raises(ValidationError):
        ledger.list_disclosures(ctx, desk, clock.today_kst(), week)
    views = entries(ctx, actor="desk01", action=Action.VIEW)
    assert views[0].subject == "disclosure:*" and "rows=2" in (views[0].detail or "")
    assert any(v.subject == f"patient:{people[1].id}" for v in views)
    got = ledger.get_disclosure(ctx, desk, b.id)
    assert got == b and entries(ctx, action=Action.VIEW)[-1].subject == f"disclosure:{b.id}"
    with pytest.raises(NotFoundError):
        ledger.get_disclosure(ctx, desk, 999)


def test_input_is_checked_before_anything_is_written(
    sqlite_ctx: AppContext, people_sqlite: list[Marked]
) -> None:
    ctx, p = sqlite_ctx, people_sqlite[0]
    desk = actor_for(ctx, "desk02", ["intake"])
    cases: list[tuple[DisclosureInput, str]] = [
        (police(p.id, basis_detail="영장"), "basis_detail"),
        (police(p.id, basis_detail=""), "basis_detail"),
        (police(p.id, legal_basis="urgent", basis_detail=" "), "basis_detail"),
        (police(p.id, legal_basis="public_health", basis_detail=""), "basis_detail"),
        (police(p.id, legal_basis="nonsense"), "legal_basis"),
        (police(p.id, disclosed_on=clock.today_kst() + dt.timedelta(days=1)), "disclosed_on"),
        (police(p.id, recipient="  "), "recipient"),
        (police(p.id, restrictions=""), "restrictions"),
        (police(), "subjects"),
        (police(p.id, subject_count=5), "subject_count"),
        (police(p.id, file_code="nope"), "file_code"),
        (police(p.id, provided_by="ghost"), "provided_by"),
        (police(external_subjects=[ExternalSubject("홍길동 010-1234-5678")]), "external_subjects"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as err:
            record_disclosure(ctx, desk, data)
        assert err.value.field == field, (data, err.value)
    assert count(ctx) == 0
    with pytest.raises(NotFoundError):
        record_disclosure(ctx, desk, police(99999))
    # the law's name with its article in other common forms is accepted; consent needs no restrictions
    # (and the patient's recorded consent to 제3자 제공, privdesk.consent)
    give_consent(ctx, [p.id], "provision")
    for detail in (
        "의료법 제21조제3항제6호",
        "감염병의 예방 및 관리에 관한 법률 제11조",
        "국민건강보험법 시행령 제69조",
    ):
        record_disclosure(ctx, desk, police(p.id, basis_detail=detail))
    row = record_disclosure(
        ctx, desk, police(p.id, legal_basis="consent", basis_detail="", restrictions="", provided_by="yook")
    )
    assert row.provided_by == "yook" and row.provided_by_name == "육의곤"
    assert count(ctx) == 4


@pytest.fixture
def people_sqlite(sqlite_ctx: AppContext) -> list[Marked]:
    boss = officer(sqlite_ctx)
    return [
        add_marked(sqlite_ctx, boss, i, last_visit=clock.today_kst() - dt.timedelta(days=10))
        for i in range(2)
    ]


# -- refusals ---------------------------------------------------------------------------------------------------
def test_a_record_on_processing_hold_is_not_disclosed(
    ctx: AppContext, desk: Actor, people: list[Marked]
) -> None:
    held, free = people[0], people[1]
    set_hold(ctx, officer(ctx), held.id, "정정 요구 처리 중")
    with pytest.raises(HeldRecordError) as err:
        record_disclosure(ctx, desk, police(free.id, held.id))
    assert held.chart_no in str(err.value) and "제공할 수 없습니다" in str(err.value)
    for basis, detail in (("urgent", "심정지 환자 전원"), ("consent", "동의서")):
        with pytest.raises(HeldRecordError):
            record_disclosure(ctx, desk, police(held.id, legal_basis=basis, basis_detail=detail))
    assert count(ctx) == 0 and count(ctx, DisclosureSubject) == 0
    assert record_disclosure(ctx, desk, police(free.id)).subject_count == 1


def test_suspension_flag_lets_only_law_and_urgent_through(
    ctx: AppContext, desk: Actor, people: list[Marked]
) -> None:
    stopped, withdrawn = people[0], people[1]
    flag(ctx, stopped.id, suspended=True)
    flag(ctx, withdrawn.id, withdrawn=True)
    for basis, detail in (("consent", "동의서"), ("public_health", "집단 감염 역학조사")):
        with pytest.raises(RuleViolationError) as err:
            record_disclosure(ctx, desk, police(stopped.id, legal_basis=basis, basis_detail=detail))
        assert "처리정지" in str(err.value) and stopped.chart_no in str(err.value)
    with pytest.raises(RuleViolationError) as err:
        record_disclosure(ctx, desk, police(withdrawn.id, legal_basis="consent", basis_detail="동의서"))
    assert "동의를 철회" in str(err.value)
    assert count(ctx) == 0
    assert record_disclosure(ctx, desk, police(stopped.id)).legal_basis == "law"
    assert (
        record_disclosure(
            ctx, desk, police(stopped.id, legal_basis="urgent", basis_detail="의식 없는 환자 이송")
        ).legal_basis
        == "urgent"
    )
    assert (
        record_disclosure(
            ctx, desk, police(withdrawn.id, legal_basis="public_health", basis_detail="집단 감염 역학조사")
        ).subject_count
        == 1
    )
    found = subjects.find_patient(ctx, desk, stopped.chart_no)
    assert found.suspended and not found.consent_withdrawn and not found.held


def test_public_body_grounds_are_refused_with_the_private_alternative(
    sqlite_ctx: AppContext, people_sqlite: list[Marked]
) -> None:
    desk = actor_for(sqlite_ctx, "desk03", ["intake"])
    for b in LEGAL_BASES:
        if b.applies_to_private:
            continue
        with pytest.raises(RuleViolationError) as err:
            record_disclosure(
                sqlite_ctx, desk, police(people_sqlite[0].id, legal_basis=b.code, basis_detail="공문")
            )
        msg = str(err.value)
        assert b.public_article in msg and "공공기관에만" in msg
        assert "'다른 법률의 특별한 규정'" in msg and "형사소송법 제215조" in msg
    assert count(sqlite_ctx) == 0


def test_separated_records_go_out_only_under_a_law(sqlite_ctx: AppContext) -> None:
    boss = officer(sqlite_ctx)
    old = add_marked(sqlite_ctx, boss, 5, last_visit=years_ago(4))
    assert separation.run_retention(sqlite_ctx).separated == 1
    desk = actor_for(sqlite_ctx, "desk04", ["intake"])
    with pytest.raises(RuleViolationError) as err:
        record_disclosure(sqlite_ctx, desk, police(old.id, legal_basis="consent", basis_detail="동의서"))
    assert "분리보관" in str(err.value)
    row = record_disclosure(sqlite_ctx, desk, police(old.id))
    assert row.subject_labels == (f"분리보관 기록 (차트 {old.chart_no})",)
    assert subjects.find_patient(sqlite_ctx, desk, old.chart_no).status == "separated"


# -- pseudonymised data: see tests/test_ledgers.py (가명정보, 법 제28조의2; the repealed 18②4 ground) ----------


# -- corrections ------------------------------------------------------------------------------------------------------
def test_a_mistake_is_answered_by_a_correcting_entry(
    ctx: AppContext, desk: Actor, people: list[Marked]
) -> None:
    first = record_disclosure(ctx, desk, police(people[0].id, document_no="형사과-2026-1132"))
    fix = record_disclosure(
        ctx,
        desk,
        police(
            people[0].id,
            people[1].id,
            document_no="형사과-2026-1123",
            note="문서번호 오기, 정보주체 누락",
            corrects_id=first.id,
        ),
    )
    assert fix.corrects_id == first.id and fix.subject_count == 2
    rows = ledger.list_disclosures(ctx, desk, clock.today_kst(), clock.today_kst())
    assert [(r.id, r.corrects_id, r.corrected_by) for r in rows] == [
        (first.id, None, (fix.id,)),
        (fix.id, first.id, ()),
    ]
    assert rows[0].document_no == "형사과-2026-1132"  # the mistaken entry is left as it was
    with pytest.raises(NotFoundError):
        record_disclosure(ctx, desk, police(people[0].id, corrects_id=999))
    # a hold placed since: correcting the same subjects still works, adding a held subject does not
    boss = officer(ctx)
    set_hold(ctx, boss, people[0].id, "정정 요구 처리 중")
    set_hold(ctx, boss, people[2].id, "정정 요구 처리 중")
    again = record_disclosure(
        ctx,
        desk,
        police(
            people[0].id,
            people[1].id,
            disclosed_on=clock.today_kst() - dt.timedelta(days=1),
            corrects_id=fix.id,
        ),
    )
    assert again.corrects_id == fix.id
    with pytest.raises(HeldRecordError):
        record_disclosure(ctx, desk, police(people[0].id, people[2].id, corrects_id=fix.id))
    assert ledger.verify_ledger(ctx, boss) == []


# -- the per-subject history -----------------------------------------------------------------------------------------
def test_subject_history_lists_exactly_the_subjects_disclosures(
    ctx: AppContext, desk: Actor, people: list[Marked]
) -> None:
    p1, p2, p3 = people
    give_consent(ctx, [p2.id], "provision")
    d1 = record_disclosure(
        ctx, desk, police(p1.id, p2.id, disclosed_on=clock.today_kst() - dt.timedelta(days=5))
    )
    d2 = record_disclosure(
        ctx,
        desk,
        police(
            p2.id, recipient="한빛손해보험(주)", legal_basis="consent", basis_detail="동의서", restrictions=""
        ),
    )
    d3 = record_disclosure(ctx, desk, police(p3.id))
    d4 = record_disclosure(
        ctx,
        desk,
        police(
            p1.id,
            disclosed_on=clock.today_kst() - dt.timedelta(days=20),
            external_subjects=[ExternalSubject("박민수")],
        ),
    )
    from tests.test_ledgers import pseudonym

    record_disclosure(ctx, desk, police(subject_count=99, deidentified=True, pseudonym=pseudonym()))
    with ctx.session() as s:
        h1 = history.subject_history(s, f"patient:{p1.id}")
        h2 = history.subject_history(s, f"patient:{p2.id}")
        h3 = history.subject_history(s, f"patient:{p3.id}")
        until = history.subject_history(
            s, f"patient:{p1.id}", until=clock.today_kst() - dt.timedelta(days=10)
        )
    assert [h.disclosure_id for h in h1] == [d4.id, d1.id]
    assert [h.disclosure_id for h in h2] == [d1.id, d2.id]
    assert [h.disclosure_id for h in h3] == [d3.id]
    assert [h.disclosure_id for h in until] == [d4.id]
    assert (h2[1].recipient, h2[1].legal_basis, h2[1].basis_detail) == (
        "한빛손해보험(주)",
        "consent",
        "동의서",
    )
    rows = subjects.subject_disclosures(ctx, desk, f"patient:{p2.id}")
    assert [r.disclosure_id for r in rows] == [d1.id, d2.id] and rows[1].basis_label == "정보주체의 별도 동의"
    assert entries(ctx, action=Action.VIEW)[-1].subject == f"patient:{p2.id}"
    fix = record_disclosure(ctx, desk, police(p1.id, disclosed_on=d4.disclosed_on, corrects_id=d4.id))
    chart = subjects.chart_history(ctx, desk, p1.chart_no)
    assert (
        chart.patient_id == p1.id
        and chart.label.endswith(f"(차트 {p1.chart_no})")
        and p1.name not in chart.label
    )
    assert [(r.disclosure_id, r.corrects_id, r.corrected_by) for r in chart.rows] == [
        (d4.id, None, (fix.id,)),
        (fix.id, d4.id, ()),
        (d1.id, None, ()),
    ]
    assert chart.rows[0].correction_text == f"정정됨 → {fix.id}번"
    with pytest.raises(NotFoundError):
        subjects.chart_history(ctx, desk, "NO-SUCH")


def test_find_patient_by_chart_number(ctx: AppContext, desk: Actor, people: list[Marked]) -> None:
    p = people[0]
    set_hold(ctx, officer(ctx), p.id, "정정 중")
    found = subjects.find_patient(ctx, desk, f" {p.chart_no} ")
    assert (found.patient_id, found.chart_no, found.held, found.status) == (p.id, p.chart_no, True, "active")
    assert p.name not in found.label and p.name not in repr(found)
    search = entries(ctx, action=Action.SEARCH)[-1]
    assert (search.subject, search.search_kind) == (f"patient:{p.id}", "chart_no")
    with pytest.raises(NotFoundError):
        subjects.find_patient(ctx, desk, "ZZZ999")
    files = ledger.disclosure_files(ctx, desk)
    assert [f.code for f in files] == ["member", "reservation", "patient", "cctv"]


# -- the database guards the ledger -----------------------------------------------------------------------------------
@pytest.mark.tampers
def test_database_refuses_update_and_delete_and_verification_finds_tampering(
    ctx: AppContext, desk: Actor, people: list[Marked]
) -> None:
    rows = [record_disclosure(ctx, desk, police(p.id)) for p in people]
    boss = officer(ctx)
    for table in ("disclosures", "disclosure_subjects"):
        for stmt in (
            f"UPDATE {table} SET disclosure_id = disclosure_id"
            if table == "disclosure_subjects"
            else f"UPDATE {table} SET recipient = '고친 수신처'",
            f"DELETE FROM {table}",
        ):
            with owner_engine(ctx) as engine, pytest.raises(DBAPIError) as err, engine.begin() as conn:
                conn.execute(text(stmt))
            assert "append-only" in str(err.value)
    assert count(ctx) == 3 and count(ctx, DisclosureSubject) == 3
    # an intruder going around the guard is caught by the anchors
    with owner_engine(ctx) as engine, engine.begin() as conn:
        if ctx.engine.dialect.name == "sqlite":
            for table in ("disclosures", "disclosure_subjects"):
                conn.execute(text(f"DROP TRIGGER {table}_no_update"))
                conn.execute(text(f"DROP TRIGGER {table}_no_delete"))
        else:
            conn.execute(text("ALTER TABLE disclosures DISABLE TRIGGER USER"))
            conn.execute(text("ALTER TABLE disclosure_subjects DISABLE TRIGGER USER"))
    with owner_engine(ctx) as engine, engine.begin() as conn:
        conn.execute(text("UPDATE disclosures SET recipient = '다른 곳' WHERE id = :i"), {"i": rows[0].id})
        conn.execute(
            text("UPDATE disclosure_subjects SET label = '바꾼 사람' WHERE disclosure_id = :i"),
            {"i": rows[1].id},
        )
        conn.execute(text("DELETE FROM disclosure_subjects WHERE disclosure_id = :i"), {"i": rows[2].id})
        conn.execute(text("DELETE FROM disclosures WHERE id = :i"), {"i": rows[2].id})
    problems = ledger.verify_ledger(ctx, boss)
    assert [(p.row_id, p.problem) for p in problems] == [
        (rows[0].id, anchors.ALTERED),
        (rows[1].id, anchors.ALTERED),
        (rows[2].id, anchors.DELETED),
    ]
    with pytest.raises(PermissionDeniedError):
        ledger.verify_ledger(ctx, desk)


# -- permissions --------------------------------------------------------------------------------------------------------
def test_accounts_without_the_permission_are_refused_and_logged(
    ctx: AppContext, people: list[Marked], tmp_path: Any
) -> None:
    from privdesk.disclosures import printing

    desk = actor_for(ctx, "desk05", ["intake"])
    row = record_disclosure(ctx, desk, police(people[0].id))
    for login, roles in (("fac01", ["facility"]), ("aud01", ["auditor"]), ("priv01", ["privacy"])):
        who = actor_for(ctx, login, roles)
        calls = [
            lambda who=who: record_disclosure(ctx, who, police(people[1].id)),
            lambda who=who: ledger.list_disclosures(ctx, who, clock.today_kst(), clock.today_kst()),
            lambda who=who: ledger.get_disclosure(ctx, who, row.id),
            lambda who=who: ledger.disclosure_files(ctx, who),
            lambda who=who: subjects.find_patient(ctx, who, people[0].chart_no),
            lambda who=who: subjects.subject_disclosures(ctx, who, f"patient:{people[0].id}"),
            lambda who=who: subjects.chart_history(ctx, who, people[0].chart_no),
            lambda who=who: printing.export_csv(
                ctx, who, clock.today_kst(), clock.today_kst(), tmp_path / "x.csv", reason="업무 확인"
            ),
            lambda who=who: printing.print_ledger(
                ctx, who, clock.today_kst(), clock.today_kst(), tmp_path / "x.pdf", reason="업무 확인"
            ),
        ]
        for call in calls:
            with pytest.raises(PermissionDeniedError):
                call()
        denied = entries(ctx, actor=login, action=Action.PERMISSION_DENIED)
        assert [e.detail for e in denied] == ["disclosure.write"] * len(calls)
        assert all(e.outcome == Outcome.DENIED for e in denied)
    assert count(ctx) == 1
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.pdf").exists()


# -- the demo seeder ------------------------------------------------------------------------------------------------
def test_demo_seeder_records_typical_disclosures_and_contracts(tmp_path: Any) -> None:
    from privdesk.accounts import users
    from privdesk.consent.sample import seed_consents
    from privdesk.demo import DEMO_PASSWORD, build_demo, seed_patients
    from privdesk.disclosures import processors
    from privdesk.disclosures.sample import seed_disclosures
    from privdesk.opening import open_context
    from privdesk.settings import load_settings

    result = build_demo(
        load_settings(),
        patients=20,
        folder=tmp_path / "demo",
        seeders=(seed_patients, seed_consents, seed_disclosures),
    )
    assert result.summary[-1] == (
        "목적 외 이용·제3자 제공 기록 8건 (목적 외 이용 1건, 정정 1건), 수탁업체 10곳 (계약 종료 임박 1곳)"
    )
    ctx = open_context(result.settings)
    try:
        desk = users.login(ctx, "intake", DEMO_PASSWORD)
        rows = ledger.list_disclosures(
            ctx, desk, clock.today_kst() - dt.timedelta(days=60), clock.today_kst()
        )
        assert {r.legal_basis for r in rows} == {"law", "consent", "urgent", "pseudonymised"}
        assert [r.kind for r in rows].count("internal_use") == 1
        assert [r.pseudonym is not None for r in rows].count(True) == 1
        assert sum(1 for r in rows if r.corrects_id is not None) == 1
        assert ledger.verify_ledger(ctx, users.login(ctx, "officer", DEMO_PASSWORD)) == []
        contracts = processors.list_processors(ctx, users.login(ctx, "privacy", DEMO_PASSWORD))
        assert [r.expired for r in contracts].count(True) == 1
    finally:
        ctx.engine.dispose()
