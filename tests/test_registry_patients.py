"""Registry use cases on SQLite and PostgreSQL: create, duplicates, masking, unmask, conflicts,
intakes, the processing hold, export and every kind of search."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from privdesk.accounts.permissions import Permission
from privdesk.accounts.users import create_account_row, login
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.errors import NotFoundError, PermissionDeniedError, ValidationError, VersionConflictError
from privdesk.registry import search as search_module
from privdesk.registry.export import export_patients
from privdesk.registry.models import Patient
from privdesk.registry.patients import (
    HeldRecordError,
    add_intake,
    clear_hold,
    create_patient,
    get_patient,
    set_hold,
    unmask,
    update_patient,
)
from privdesk.registry.sample import sample_patients
from privdesk.registry.search import SearchKind, search
from privdesk.registry.validation import CheckDigitWarning, PatientInput, PatientInputError
from privdesk.store.models import AccessLogEntry, Role, RolePermission
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

RRN = "900101-1234568"
PASSWORD = "Clerk-pass-123"


def make_actor(ctx: AppContext, login_id: str, roles: list[str]) -> Actor:
    with ctx.session() as s, s.begin():
        create_account_row(
            s,
            login=login_id,
            name=f"직원 {login_id}",
            password=PASSWORD,
            roles=roles,
            params=ctx.hash_params,
            actor_login=OFFICER_LOGIN,
            must_change=False,
        )
    return login(ctx, login_id, PASSWORD)


def hong(**kw: object) -> PatientInput:
    base: dict[str, object] = {
        "chart_no": "1001",
        "name": "홍길동",
        "rrn": RRN,
        "address": "서울특별시 관악구 봉천로 1 101동 101호",
        "phones": ["010-1234-5678", "02-123-4567"],
        "first_visit": "2020-01-02",
        "last_visit": "2024-05-06",
    }
    base.update(kw)
    return PatientInput(**base)  # type: ignore[arg-type]


def log_rows(ctx: AppContext) -> list[AccessLogEntry]:
    with ctx.session() as s:
        return list(s.execute(select(AccessLogEntry).order_by(AccessLogEntry.seq)).scalars())


def assert_no_personal_data_in_log(ctx: AppContext, *secrets: str) -> None:
    for e in log_rows(ctx):
        text = " ".join(str(v) for v in (e.actor, e.subject, e.search_kind, e.detail) if v)
        for secret in secrets:
            assert secret not in text, (e.seq, e.action)
        assert not re.search(r"\d{6}-?\d{7}", text)


@pytest.fixture
def clerk(ctx: AppContext) -> Actor:
    return make_actor(ctx, "won", ["intake"])


def test_create_returns_a_masked_detail_and_logs_create(ctx: AppContext, clerk: Actor) -> None:
    d = create_patient(ctx, clerk, hong())
    assert (d.chart_no, d.name, d.rrn_masked, d.sex) == ("1001", "홍길동", "900101-1******", "M")
    assert d.birth_date == dt.date(1990, 1, 1) and not d.is_foreigner
    assert d.address_masked == "서울특별시 관악구"
    assert d.phones_masked == ("010-****-5678", "02-***-4567")
    assert d.retention_until == dt.date(2029, 5, 6)  # last visit + 5 years (환자 명부)
    assert d.version == 1 and d.status == "active" and not d.hold
    assert "1234568" not in repr(d) and "봉천로" not in repr(d)
    last = log_rows(ctx)[-1]
    assert (last.action, last.subject, last.actor) == (Action.CREATE, f"patient:{d.id}", "won")
    with ctx.session() as s:
        row = s.get(Patient, d.id)
        assert row is not None and b"1234568" not in row.rrn_enc and row.name_chosung == "ㅎㄱㄷ"


def test_invalid_input_and_duplicates_are_refused_with_the_existing_chart(
    ctx: AppContext, clerk: Actor
) -> None:
    with pytest.raises(PatientInputError) as err:
        create_patient(ctx, clerk, hong(phones=["011-123-4567"], rrn="900231-1234567"))
    assert set(err.value.errors) == {"phones.0", "rrn"}
    create_patient(ctx, clerk, hong())
    with pytest.raises(ValidationError) as dup:
        create_patient(ctx, clerk, hong(chart_no="2002", name="홍길순", rrn="9001011234568"))
    assert dup.value.field == "rrn" and "차트번호 1001" in dup.value.message
    assert "1234568" not in dup.value.message
    with pytest.raises(ValidationError) as dup_chart:
        create_patient(ctx, clerk, hong(rrn="850615-2345674"))
    assert dup_chart.value.field == "chart_no" and "1001" in dup_chart.value.message
    with ctx.session() as s:
        assert len(s.execute(select(Patient)).all()) == 1  # nothing half-saved


def test_a_failed_check_digit_needs_an_explicit_choice(ctx: AppContext, clerk: Actor) -> None:
    new_style = "211201-3847561"  # issued after 2020-10: random digits, check digit fails
    with pytest.raises(CheckDigitWarning):
        create_patient(ctx, clerk, hong(rrn=new_style, first_visit="2022-01-01"))
    d = create_patient(
        ctx, clerk, hong(rrn=new_style, first_visit="2022-01-01"), accept_check_digit_warning=True
    )
    assert d.rrn_masked == "211201-3******"
    assert log_rows(ctx)[-1].detail == "check_digit_warning_accepted"


def test_view_unmask_and_permissions(ctx: AppContext, clerk: Actor) -> None:
    d = create_patient(ctx, clerk, hong())
    shown = get_patient(ctx, clerk, d.id)
    assert shown.rrn_masked == "900101-1******"
    assert log_rows(ctx)[-1].action == Action.VIEW
    with pytest.raises(ValidationError) as no_reason:
        unmask(ctx, clerk, d.id, "  ")
    assert no_reason.value.field == "reason"
    full = unmask(ctx, clerk, d.id, "본인 확인 전화")
    assert full.rrn == RRN and full.address.endswith("101동 101호")
    assert full.phones == ("010-1234-5678", "02-123-4567") and full.seconds == 30
    assert "1234568" not in repr(full)
    entry = log_rows(ctx)[-1]
    assert (entry.action, entry.subject, entry.detail) == (
        Action.UNMASK,
        f"patient:{d.id}",
        "사유=본인 확인 전화",
    )

    facility = make_actor(ctx, "sisul", ["facility"])
    with pytest.raises(PermissionDeniedError):
        get_patient(ctx, facility, d.id)
    reader = _role_actor(ctx, "reader", {Permission.PATIENT_READ, Permission.PATIENT_EXPORT})
    with pytest.raises(PermissionDeniedError):
        unmask(ctx, reader, d.id, "궁금해서")
    denied = log_rows(ctx)[-1]
    assert (denied.action, denied.actor, denied.outcome) == (Action.PERMISSION_DENIED, "reader", "denied")
    with pytest.raises(NotFoundError):
        get_patient(ctx, clerk, 999)
    assert_no_personal_data_in_log(ctx, "1234568", "봉천로", "5678")


def _role_actor(ctx: AppContext, login_id: str, permissions: set[Permission]) -> Actor:
    with ctx.session() as s, s.begin():
        s.add(
            Role(
                code=f"r_{login_id}",
                name=login_id,
                description="",
                builtin=False,
                permissions=[RolePermission(permission=str(p)) for p in permissions],
            )
        )
    return make_actor(ctx, login_id, [f"r_{login_id}"])


def test_a_stale_save_raises_a_conflict_listing_masked_changes(ctx: AppContext, clerk: Actor) -> None:
    loaded = create_patient(ctx, clerk, hong())
    other = make_actor(ctx, "other", ["intake"])
    saved = update_patient(
        ctx,
        other,
        loaded.id,
        hong(name="홍길순", address="서울특별시 관악구 남부순환로 9", phones=["010-9999-0000"]),
        expected_version=loaded.version,
    )
    assert saved.version == loaded.version + 1 and saved.name == "홍길순"
    assert log_rows(ctx)[-1].detail == "fields=address,name,phones"
    with pytest.raises(VersionConflictError) as err:
        update_patient(
            ctx,
            clerk,
            loaded.id,
            hong(last_visit="2024-06-01"),
            expected_version=loaded.version,
            loaded=loaded,
        )
    changed = err.value.changed_fields
    assert changed["name"] == ("홍길동", "홍길순")
    assert changed["address"] == (
        "서울특별시 관악구",
        "서울특별시 관악구 (변경됨)",
    )  # same district, new street
    assert changed["phones"] == ("010-****-5678, 02-***-4567", "010-****-0000")
    assert set(changed) == {"name", "address", "phones"}
    assert "다른 사용자가 먼저" in str(err.value)
    # without the loaded detail: what the stale form would overwrite
    with pytest.raises(VersionConflictError) as err2:
        update_patient(ctx, clerk, loaded.id, hong(), expected_version=loaded.version)
    assert err2.value.changed_fields["name"] == ("홍길동", "홍길순")
    assert "봉천로" not in str(err2.value.changed_fields) and "남부순환로" not in str(
        err2.value.changed_fields
    )
    assert get_patient(ctx, clerk, loaded.id).name == "홍길순"  # never silently overwritten


def test_update_changes_the_resident_number_and_refuses_another_patients(
    ctx: AppContext, clerk: Actor
) -> None:
    a = create_patient(ctx, clerk, hong())
    b = create_patient(ctx, clerk, hong(chart_no="1002", name="김철수", rrn="850615-1234562", phones=[]))
    with pytest.raises(ValidationError) as err:
        update_patient(ctx, clerk, b.id, hong(chart_no="1002", name="김철수"), expected_version=b.version)
    assert "차트번호 1001" in err.value.message
    moved = update_patient(
        ctx,
        clerk,
        a.id,
        hong(rrn="900101-2234561"),
        expected_version=a.version,
        accept_check_digit_warning=True,
    )
    assert moved.sex == "F" and moved.rrn_masked == "900101-2******"
    assert [r.chart_no for r in search(ctx, clerk, "9001012234561").rows] == ["1001"]
    assert search(ctx, clerk, RRN).rows == ()
    same = update_patient(
        ctx,
        clerk,
        a.id,
        hong(rrn="900101-2234561"),
        expected_version=moved.version,
        accept_check_digit_warning=True,
    )
    assert same.version == moved.version  # nothing changed, nothing written


def test_intakes_move_the_last_visit_and_retention(ctx: AppContext, clerk: Actor) -> None:
    d = create_patient(ctx, clerk, hong())
    add_intake(ctx, clerk, d.id, visit_date=dt.date(2025, 3, 2), department="내과", purpose="초진")
    add_intake(ctx, clerk, d.id, visit_date=dt.date(2019, 7, 1), department="외과")
    with pytest.raises(ValidationError):
        add_intake(ctx, clerk, d.id, visit_date=dt.date(2025, 3, 2), department=" ")
    shown = get_patient(ctx, clerk, d.id)
    assert [(i.visit_date, i.department, i.staff_login) for i in shown.intakes] == [
        (dt.date(2025, 3, 2), "내과", "won"),
        (dt.date(2019, 7, 1), "외과", "won"),
    ]
    assert (shown.first_visit, shown.last_visit) == (dt.date(2019, 7, 1), dt.date(2025, 3, 2))
    assert shown.retention_until == dt.date(2030, 3, 2)


def test_a_held_record_cannot_be_exported(ctx: AppContext, clerk: Actor, tmp_path: Path) -> None:
    a = create_patient(ctx, clerk, hong())
    b = create_patient(ctx, clerk, hong(chart_no="1002", name="김영희", rrn="850615-2345674", phones=[]))
    held = set_hold(ctx, clerk, a.id, "정정 요구 처리 중")
    assert held.hold and held.hold_reason == "정정 요구 처리 중"
    out = tmp_path / "out.csv"
    with pytest.raises(HeldRecordError) as err:
        export_patients(ctx, clerk, [a.id, b.id], out, reason="보험사 제출")
    assert "1001" in str(err.value) and not out.exists()
    assert not [e for e in log_rows(ctx) if e.action == Action.EXPORT]
    clear_hold(ctx, clerk, a.id)
    assert export_patients(ctx, clerk, [a.id, b.id], out, reason="보험사 제출") == 2
    assert len([e for e in log_rows(ctx) if e.action == Action.EXPORT]) == 2


def test_export_is_masked_unless_unmask_is_allowed_and_asked(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    d = create_patient(ctx, clerk, hong())
    out = tmp_path / "masked.csv"
    with pytest.raises(ValidationError):
        export_patients(ctx, clerk, [d.id], out, reason="")
    assert export_patients(ctx, clerk, [d.id], out, reason="원무 점검") == 1
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["차트번호", "이름", "주민등록번호"]
    assert rows[1][:3] == ["1001", "홍길동", "900101-1******"]
    assert rows[1][5] == "서울특별시 관악구" and rows[1][6] == "010-****-5678 / 02-***-4567"
    assert (out.stat().st_mode & 0o077) == 0
    full = tmp_path / "full.csv"
    export_patients(ctx, clerk, [d.id], full, reason="법원 제출", unmasked=True)
    text = full.read_text(encoding="utf-8-sig")
    assert RRN in text and "101동 101호" in text and "010-1234-5678" in text
    entry = log_rows(ctx)[-1]
    assert (entry.action, entry.subject, entry.detail) == (
        Action.EXPORT,
        f"patient:{d.id}",
        "unmasked; 사유=법원 제출",
    )
    exporter = _role_actor(ctx, "exp", {Permission.PATIENT_READ, Permission.PATIENT_EXPORT})
    with pytest.raises(PermissionDeniedError):
        export_patients(ctx, exporter, [d.id], tmp_path / "no.csv", reason="확인", unmasked=True)
    assert not (tmp_path / "no.csv").exists()


def test_search_finds_by_every_kind_masked_and_logs_only_the_kind(ctx: AppContext, clerk: Actor) -> None:
    d = create_patient(ctx, clerk, hong())
    create_patient(
        ctx, clerk, hong(chart_no="1002", name="홍길순", rrn="850615-2345674", phones=["031-987-6543"])
    )
    create_patient(
        ctx,
        clerk,
        hong(
            chart_no="1003",
            name="김철수",
            rrn="010203-3456788",
            phones=["010-5555-5678"],
            first_visit="2021-01-01",
        ),
    )
    create_patient(ctx, clerk, hong(chart_no="A-9", name="JOHN SMITH", rrn="800101-5123453", phones=[]))
    cases = {
        "ㅎㄱㄷ": (SearchKind.CHOSUNG, ["1001"]),
        "ㅎㄱ": (SearchKind.CHOSUNG, ["1001", "1002"]),
        "홍": (SearchKind.NAME_PREFIX, ["1001", "1002"]),
        "홍길ㅅ": (SearchKind.NAME_PREFIX, ["1002"]),
        "1001": (SearchKind.CHART_NO, ["1001"]),  # four digits: no phone ends so, so a chart number
        "A-9": (SearchKind.CHART_NO, ["A-9"]),
        "JOHN": (SearchKind.NAME_PREFIX, ["A-9"]),
        RRN: (SearchKind.RRN, ["1001"]),
        "8506152345674": (SearchKind.RRN, ["1002"]),
        "010-1234-5678": (SearchKind.PHONE, ["1001"]),
        "0319876543": (SearchKind.PHONE, ["1002"]),
        "5678": (SearchKind.PHONE_LAST4, ["1003", "1001"]),  # sorted by name: 김 before 홍
        "1990-01-01": (SearchKind.BIRTH_DATE, ["1001"]),
        "": (SearchKind.ALL, ["A-9", "1003", "1001", "1002"]),
        "ㅋ": (SearchKind.CHOSUNG, []),
    }
    for query, (kind, charts) in cases.items():
        page = search(ctx, clerk, query)
        assert page.kind is kind, query
        assert [r.chart_no for r in page.rows] == charts, query
    row = search(ctx, clerk, "ㅎㄱㄷ").rows[0]
    assert (row.id, row.rrn_masked, row.phone_masked) == (d.id, "900101-1******", "010-****-5678")
    kinds = [e.search_kind for e in log_rows(ctx) if e.action == Action.SEARCH]
    assert kinds[:4] == ["chosung", "chosung", "name_prefix", "name_prefix"]
    assert "rrn" in kinds and "phone_last4" in kinds and "birth_date" in kinds
    assert_no_personal_data_in_log(ctx, "1234568", "5678", "홍길", "ㅎㄱㄷ", "1990-01-01")


def test_search_never_shows_separated_or_destroyed_records(ctx: AppContext, clerk: Actor) -> None:
    d = create_patient(ctx, clerk, hong())
    with ctx.session() as s, s.begin():
        row = s.get(Patient, d.id)
        assert row is not None
        row.status = "separated"
    assert search(ctx, clerk, "홍").rows == () and search(ctx, clerk, RRN).rows == ()
    with pytest.raises(NotFoundError):
        get_patient(ctx, clerk, d.id)


def test_keyset_pages_cover_everything_once_in_name_order(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """500 sample patients imported in bulk; both 초성 strategies page through the same order."""
    from privdesk.registry.bulk import RowEncoder, write_patients
    from privdesk.registry.validation import ValidPatient

    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    enc = RowEncoder(ctx.keys, ctx.engine.dialect, retention_years=5, now=dt.datetime.now(dt.UTC))
    people = list(sample_patients(500, seed=3))
    with ctx.unit(officer, Permission.PATIENT_IMPORT) as u:
        write_patients(
            u,
            [
                enc.encode(
                    ValidPatient(
                        p.chart_no, p.name, p.rrn, p.address, p.phones, p.first_visit, p.last_visit, True
                    )
                )
                for p in people
            ],
        )

    def all_pages(query: str, size: int) -> list[str]:
        out: list[str] = []
        page = search(ctx, officer, query, limit=size)
        out += [r.chart_no for r in page.rows]
        while page.next_cursor is not None:
            page = search(ctx, officer, query, after=page.next_cursor, limit=size)
            out += [r.chart_no for r in page.rows]
        return out

    def expected(pred) -> list[str]:  # type: ignore[no-untyped-def]
        from privdesk.registry.hangul import chosung

        chosen = [p for p in people if pred(p.name, chosung(p.name))]
        return [p.chart_no for p in sorted(chosen, key=lambda p: (p.name, p.rrn.birth_date, int(p.chart_no)))]

    assert all_pages("", 37) == expected(lambda n, c: True)
    assert all_pages("김", 7) == expected(lambda n, c: n.startswith("김"))
    assert all_pages("ㅇ", 9) == expected(lambda n, c: c.startswith("ㅇ"))
    for threshold in (search_module.CHOSUNG_INDEX_LIMIT, 1):  # 초성 index, then the name-index walk
        monkeypatch.setattr(search_module, "CHOSUNG_INDEX_LIMIT", threshold)
        for q in ("ㄱㅁ", "ㅇㅈ", "ㅂㅎ", "ㅇㅅㅁ"):
            assert all_pages(q, 5) == expected(lambda n, c, q=q: c.startswith(q)), (q, threshold)
        assert all_pages("이ㅅ", 4) == expected(lambda n, c: n.startswith("이") and c[1:2] == "ㅅ")
