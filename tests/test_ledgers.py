"""Issue 12, the ledgers: the repealed statistics ground (구 법 제18조②4) replaced by 가명정보 with its
가명처리 record (법 제28조의2, 제28조의4③), and 목적 외 이용 as its own kind of entry in the one 대장
(시행령 제15조) — use cases, the anchors, the printed ledger (pdftotext) and the CSV. Both backends
where the database matters."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from privdesk import clock
from privdesk.audit import anchors
from privdesk.context import Actor, AppContext
from privdesk.disclosures import history, ledger, printing, subjects
from privdesk.disclosures.ledger import INTERNAL_USE, DisclosureInput, PseudonymInput, record_disclosure
from privdesk.disclosures.models import Disclosure
from privdesk.errors import RuleViolationError, ValidationError
from tests.audit_support import actor_for, officer
from tests.consent_support import give_consent
from tests.helpers import owner_engine
from tests.lifecycle_support import Marked, add_marked
from tests.test_disclosures import count, police

STUDY = dict(
    legal_basis="pseudonymised",
    basis_detail="외래 내원 양상 연구",
    recipient="서울대학교 의과대학 연구팀",
    recipient_purpose="내원 양상 통계 연구",
    restrictions="재식별 금지, 연구 종료 후 파기",
    items="성별, 연령대, 진료과",
)


def pseudonym(**kw: Any) -> PseudonymInput:
    base: dict[str, Any] = dict(
        purpose_kind="research",
        items="이름, 주민등록번호, 주소, 생년월일",
        method="이름·주민등록번호 삭제, 생년월일 → 5세 단위 연령대",
        performed_on=clock.today_kst() - dt.timedelta(days=2),
        additional_info="대응표는 정보보호팀 암호화 저장소에 분리보관 (관리자: 정보보호팀장)",
        use_period="연구 종료(2027-06-30)까지",
        review="k-익명성 5 이상 확인",
    )
    base.update(kw)
    return PseudonymInput(**base)


def internal(*patients: int, **kw: Any) -> DisclosureInput:
    base: dict[str, Any] = dict(
        kind=INTERNAL_USE,
        file_code="patient",
        recipient="원무과 고객만족팀",
        recipient_purpose="만족도 조사 안내 문자 발송",
        items="이름, 연락처",
        legal_basis="consent",
        basis_detail="만족도 조사 안내 수신 별도 동의서",
        disclosed_on=clock.today_kst(),
        form="전산 조회",
        patient_ids=list(patients),
    )
    base.update(kw)
    return DisclosureInput(**base)


@pytest.fixture
def desk(ctx: AppContext) -> Actor:
    return actor_for(ctx, "desk01", ["intake"])


@pytest.fixture
def people(ctx: AppContext) -> list[Marked]:
    boss = officer(ctx)
    return [add_marked(ctx, boss, i, last_visit=clock.today_kst() - dt.timedelta(days=10)) for i in range(2)]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def squash(s: str) -> str:
    return "".join(s.split())


# -- item 1: the repealed statistics ground, 가명정보 with its 가명처리 record -----------------------------
def test_the_repealed_statistics_ground_is_refused_and_points_to_pseudonymised_data(
    ctx: AppContext, desk: Actor
) -> None:
    assert "statistics" not in [b.code for b in ledger.private_bases()]
    with pytest.raises(RuleViolationError) as err:
        record_disclosure(
            ctx, desk, police(legal_basis="statistics", basis_detail="", subject_count=10, deidentified=True)
        )
    assert "제18조제2항제4호" in str(err.value) and "삭제" in str(err.value) and "가명" in str(err.value)
    assert count(ctx) == 0


@pytest.mark.tampers
def test_pseudonymised_provision_records_what_who_when_and_the_records_of_28_4(
    ctx: AppContext, desk: Actor, people: list[Marked]
) -> None:
    # without the 가명처리 record: refused, with what to write
    with pytest.raises(ValidationError) as err:
        record_disclosure(ctx, desk, police(subject_count=1200, **STUDY))
    assert err.value.field == "pseudonym" and "제28조의4" in str(err.value)
    # a de-identified flag alone is no longer enough on any ground
    with pytest.raises(ValidationError) as err:
        record_disclosure(ctx, desk, police(deidentified=True, subject_count=40))
    assert err.value.field == "pseudonym"
    # subjects are never named in pseudonymised data
    with pytest.raises(ValidationError) as err:
        record_disclosure(ctx, desk, police(people[0].id, pseudonym=pseudonym(), **STUDY))
    assert err.value.field == "subjects"
    # the record's own checks
    for bad, field in (
        (pseudonym(purpose_kind="marketing"), "pseudonym_purpose"),
        (pseudonym(performed_on=clock.today_kst() + dt.timedelta(days=1)), "pseudonym_on"),
        (pseudonym(method="  "), "pseudonym_method"),
        (pseudonym(additional_info=""), "pseudonym_additional"),
        (pseudonym(performed_by="nobody"), "pseudonym_by"),
    ):
        with pytest.raises(ValidationError) as err:
            record_disclosure(ctx, desk, police(subject_count=1200, pseudonym=bad, **STUDY))
        assert err.value.field == field, (bad, err.value.field)
    row = record_disclosure(
        ctx, desk, police(subject_count=1200, pseudonym=pseudonym(performed_by="yook"), **STUDY)
    )
    assert row.deidentified and row.subject_labels == () and row.subject_count == 1200
    p = row.pseudonym
    assert p is not None and p.performed_by == "yook" and p.performed_by_name == "육의곤"
    assert p.purpose_label == "과학적 연구" and p.performed_on == clock.today_kst() - dt.timedelta(days=2)
    assert "대응표" in p.additional_info and row.deidentified_text == "가명처리 (과학적 연구)"
    assert row.basis_label == "가명정보 처리 (통계작성·과학적 연구·공익적 기록보존)"
    # the 가명처리 record is part of the entry's anchor: altering it is found
    assert ledger.verify_ledger(ctx, officer(ctx)) == []
    from tests.test_cctv_ledger import untrigger

    untrigger(ctx, "disclosure_pseudonyms")
    with owner_engine(ctx) as engine, engine.begin() as conn:
        conn.execute(text("UPDATE disclosure_pseudonyms SET method = '없음'"))
    assert [pr.row_id for pr in ledger.verify_ledger(ctx, officer(ctx))] == [row.id]


@pytest.mark.tampers  # the old entry is written as the old version wrote it, without its anchor
def test_an_old_statistics_entry_still_displays_labelled_as_the_old_ground_and_its_anchor_holds(
    ctx: AppContext, desk: Actor, tmp_path: Path
) -> None:
    # an entry recorded before this change: kind 'provision' by the column's default, no record
    old = record_disclosure(ctx, desk, police(subject_count=1200, pseudonym=pseudonym(), **STUDY))
    with ctx.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO disclosures (file_code, file_name, recipient, recipient_purpose, items, legal_basis, "
                "basis_detail, disclosed_on, period, form, restrictions, document_no, provided_by, deidentified, "
                "subject_count, note, recorded_at, recorded_by) SELECT file_code, file_name, recipient, recipient_purpose, "
                "items, 'statistics', '', disclosed_on, period, form, restrictions, document_no, provided_by, "
                "deidentified, 7, note, recorded_at, recorded_by FROM disclosures WHERE id = :i"
            ),
            {"i": old.id},
        )
    rows = ledger.list_disclosures(ctx, desk, clock.today_kst(), clock.today_kst())
    legacy = rows[-1]
    assert legacy.legal_basis == "statistics" and legacy.kind == "provision" and legacy.pseudonym is None
    assert legacy.retired_basis and legacy.basis_label.startswith("(구) 통계작성·학술연구")
    # an entry without kind and record hashes exactly as before the change (old anchors hold)
    with ctx.session() as s:
        d = s.get(Disclosure, legacy.id)
        assert d is not None
        assert ledger.canonical_row(d) == anchors.canonical(
            d.id,
            d.file_code,
            d.file_name,
            d.recipient,
            d.recipient_purpose,
            d.items,
            d.legal_basis,
            d.basis_detail,
            d.disclosed_on,
            d.period,
            d.form,
            d.restrictions,
            d.document_no,
            d.provided_by,
            d.deidentified,
            d.subject_count,
            d.note,
            d.corrects_id,
            d.recorded_at,
            d.recorded_by,
        )
    out = tmp_path / "ledger.pdf"
    printing.print_ledger(ctx, desk, clock.today_kst(), clock.today_kst(), out, reason="업무 확인")
    flat = squash(pdf_text(out))
    assert "(구)통계작성·학술연구" in flat and "2020.8.5.삭제된근거" in flat
    assert (
        "가명처리항목" in flat and "대응표는" in flat and "과학적연구목적" in flat and "예(기록없음)" in flat
    )


# -- item 2: 목적 외 이용 as its own kind of entry -------------------------------------------------------------
def test_internal_use_beyond_the_purpose_is_its_own_kind_of_entry(
    ctx: AppContext, desk: Actor, people: list[Marked], tmp_path: Path
) -> None:
    a, b = people
    give_consent(ctx, [a.id, b.id])  # 목적 외 이용 on consent: each patient's consent (안내·홍보 연락)
    given = record_disclosure(ctx, desk, police(a.id))
    used = record_disclosure(ctx, desk, internal(a.id, b.id))  # no 18⑤ request needed inside the hospital
    assert used.kind == INTERNAL_USE and used.kind_label == "목적 외 이용" and used.restrictions == ""
    assert given.kind == "provision" and given.kind_label == "제3자 제공"
    with pytest.raises(ValidationError) as err:
        record_disclosure(ctx, desk, internal(a.id, kind="gossip"))
    assert err.value.field == "kind"
    with pytest.raises(ValidationError) as err:  # a correction keeps the kind of what it corrects
        record_disclosure(ctx, desk, police(a.id, corrects_id=used.id))
    assert err.value.field == "kind"
    # the same refusals as a provision (a held subject, a repealed ground)
    with pytest.raises(RuleViolationError):
        record_disclosure(
            ctx, desk, internal(legal_basis="statistics", subject_count=3, deidentified=True, patient_ids=[])
        )
    # filters and the per-subject views
    assert [
        r.id
        for r in ledger.list_disclosures(ctx, desk, clock.today_kst(), clock.today_kst(), kind=INTERNAL_USE)
    ] == [used.id]
    assert [
        r.id
        for r in ledger.list_disclosures(ctx, desk, clock.today_kst(), clock.today_kst(), kind="provision")
    ] == [given.id]
    with ctx.session() as s:  # 제3자 제공 현황 (열람 answer, correction notices): provisions only
        assert [h.disclosure_id for h in history.subject_history(s, f"patient:{a.id}")] == [given.id]
    chart = subjects.chart_history(ctx, desk, a.chart_no)
    assert [(r.disclosure_id, r.kind_label) for r in chart.rows] == [
        (given.id, "제3자 제공"),
        (used.id, "목적 외 이용"),
    ]
    assert ledger.verify_ledger(ctx, officer(ctx)) == []
    # the printed ledger: one 대장 with both kinds, told apart
    out = tmp_path / "ledger.pdf"
    result = printing.print_ledger(ctx, desk, clock.today_kst(), clock.today_kst(), out, reason="업무 확인")
    assert result.title == "개인정보의 목적 외 이용 및 제3자 제공 대장" and result.rows == 2
    flat = squash(pdf_text(out))
    assert "개인정보의목적외이용및제3자제공대장" in flat and "원무과고객만족팀" in flat
    assert "제3자제공1건,목적외이용1건" in flat and flat.count("목적외이용") >= 3
    # the CSV
    csv_out = tmp_path / "ledger.csv"
    assert (
        printing.export_csv(ctx, desk, clock.today_kst(), clock.today_kst(), csv_out, reason="업무 확인") == 2
    )
    with csv_out.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][1] == "구분" and [r[1] for r in lines[1:]] == ["제3자 제공", "목적 외 이용"]


def test_internal_use_and_pseudonymised_provision_through_the_command_line(
    ctx: AppContext, desk: Actor, people: list[Marked]
) -> None:
    from tests.audit_support import TEST_PASSWORD
    from tests.helpers import run_cli

    give_consent(ctx, [people[0].id])

    env = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": TEST_PASSWORD,
    }
    day = clock.today_kst().isoformat()
    common = [
        "--file",
        "patient",
        "--items",
        "이름, 연락처",
        "--date",
        day,
        "--form",
        "전산 조회",
        "--as",
        "desk01",
    ]
    r = run_cli(
        "disclosure",
        "record",
        "--kind",
        "internal_use",
        "--to",
        "원무과 고객만족팀",
        "--purpose",
        "만족도 조사 안내",
        "--basis",
        "consent",
        "--detail",
        "별도 동의서",
        "--chart",
        people[0].chart_no,
        *common,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert "목적 외 이용" in r.stdout
    r = run_cli(
        "disclosure",
        "record",
        "--to",
        "연구팀",
        "--purpose",
        "통계 연구",
        "--basis",
        "statistics",
        "--count",
        "10",
        *common,
        env=env,
    )
    assert r.returncode != 0 and "가명" in r.stderr and "Traceback" not in r.stderr
    r = run_cli(
        "disclosure",
        "record",
        "--to",
        "연구팀",
        "--purpose",
        "통계 연구",
        "--basis",
        "pseudonymised",
        "--detail",
        "내원 양상 연구",
        "--restrictions",
        "재식별 금지",
        "--count",
        "10",
        "--pseudonym-purpose",
        "statistics",
        "--pseudonym-items",
        "이름, 생년월일",
        "--pseudonym-method",
        "이름 삭제, 생년월일 범주화",
        "--pseudonym-date",
        day,
        "--pseudonym-additional",
        "추가정보 없음",
        "--pseudonym-period",
        "2027-12-31까지",
        *common,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    r = run_cli("disclosure", "list", "--from", day, "--to", day, "--as", "desk01", env=env)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "[목적 외 이용]" in lines[0] and "[제3자 제공]" in lines[1] and "가명처리" in lines[1]


def test_migration_0710_keeps_old_entries_their_guards_and_their_display(empty_db_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import Session

    from privdesk.audit import protections
    from privdesk.audit.verify import Snapshot
    from privdesk.reports import disclosure_ledger
    from privdesk.store import migrate
    from privdesk.store.engine import make_engine

    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0500")
        with engine.begin() as conn:  # an entry on the old statistics ground, as the old version wrote it
            conn.execute(
                text(
                    "INSERT INTO disclosures (file_code, file_name, recipient, recipient_purpose, items, legal_basis,"
                    " basis_detail, disclosed_on, period, form, restrictions, document_no, provided_by, deidentified,"
                    " subject_count, note, recorded_at, recorded_by) VALUES ('patient', '환자 진료 접수 및 관리',"
                    " '서울대학교 연구팀', '내원 양상 통계', '성별, 연령대', 'statistics', '', '2024-03-02', '',"
                    " '전자파일', '재식별 금지', '', 'desk01', TRUE, 850, '', '2024-03-02 01:00:00', 'desk01')"
                )
            )
        migrate.upgrade(engine)
        assert {"disclosure_pseudonyms", "processor_clauses", "subprocessors", "processor_returns"} <= set(
            inspect(engine).get_table_names()
        )
        with Session(engine) as s:
            d = s.get(Disclosure, 1)
            assert d is not None and d.kind == "provision" and d.pseudonym is None
            row = ledger.rows_of(s, [d])[0]
        assert row.retired_basis and row.basis_text == "(구) 통계작성·학술연구 — 2020. 8. 5. 삭제된 근거"
        assert disclosure_ledger.table_rows([row])[0][1:3] == [
            "제3자 제공",
            "2024. 3. 2.",
        ]  # the date on paper: official style
        # the append-only guard of the old table survived the new column (no table copy on SQLite)
        for stmt in ("UPDATE disclosures SET kind = 'internal_use'", "DELETE FROM disclosures"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(stmt))
        with Snapshot(engine) as snap:  # every append-only guard, the new tables' included, is in place
            assert protections.check(snap, engine.dialect.name) == []
        assert {"disclosure_pseudonyms", "processor_returns"} <= set(protections.APPEND_ONLY)
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0500")
        assert "kind" not in {c["name"] for c in inspect(engine).get_columns("disclosures")}
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("DELETE FROM disclosures"))
        migrate.upgrade(engine)
    finally:
        engine.dispose()
