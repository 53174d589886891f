"""Evidence that holds: the attacks of the evidence issue, on SQLite and PostgreSQL, each one
detected by the integrity check (``verify_all`` / ``privdesk audit verify``, exit 1 naming it).

The attacker works around privdesk with the database (SQLite: drops the append-only triggers;
PostgreSQL: disables them — the suite's role owns the tables here) and, where the test says so,
with the key file too (it re-signs the head and recomputes hashes). Workstation witnesses are
written the way the application writes them: at logins, sign-offs and every N entries.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text, update

from privdesk import proofs
from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, INTAKE, OFFICER
from privdesk.audit.chain import Action, canonical, entry_hash, head_message
from privdesk.audit.findings import NOTHING, open_finding
from privdesk.audit.witness import parse_manual
from privdesk.context import Actor, AppContext
from privdesk.errors import (
    AuthenticationError,
    IntegrityLockedError,
    KeyFileError,
    LogTamperedError,
    PrivdeskError,
    RecordIntegrityError,
)
from privdesk.integrity import IntegrityReport, acknowledge, inspect_all, verify_all
from privdesk.registry.models import Patient, PatientPhone
from privdesk.registry.patients import get_patient, unmask
from privdesk.registry.search import search
from privdesk.store.models import AccessLogEntry, AccountRole, AuditHead
from tests.audit_support import add_entries, entry, forged, head_seq, tamper
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, owner_engine, run_cli
from tests.test_registry_patients import hong, make_actor

pytestmark = pytest.mark.tampers

CLERK_PASSWORD = "Clerk-pass-123"


# -- the attacker's tools ------------------------------------------------------------------------
def sql(ctx: AppContext, *statements: str, **params: Any) -> None:
    """Statements on any table with the append-only guards out of the way."""
    sqlite = ctx.engine.dialect.name == "sqlite"
    with owner_engine(ctx) as engine, engine.begin() as conn:
        if sqlite:
            for name in ("access_log_no_update", "access_log_no_delete"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        else:
            conn.exec_driver_sql("ALTER TABLE access_log DISABLE TRIGGER USER")
        for stmt in statements:
            conn.execute(text(stmt), params)
        if not sqlite:
            conn.exec_driver_sql("ALTER TABLE access_log ENABLE TRIGGER USER")
    if sqlite:  # the attacker puts the triggers back, so only the chain itself can tell
        from privdesk.audit import protections

        with ctx.engine.begin() as conn:
            protections.repair_sqlite(
                conn, [protections.Hole(n, "") for n in ("access_log_no_update", "access_log_no_delete")]
            )


def set_head(ctx: AppContext, seq: int, digest: bytes, *, sign: bool) -> None:
    """Move the head; with the key file the attacker signs it too."""
    signature = ctx.keys.sign(head_message(seq, digest)) if sign else b"\x00" * 32
    with ctx.engine.begin() as conn:
        conn.execute(
            update(AuditHead).where(AuditHead.id == 1).values(seq=seq, hash=digest, signature=signature)
        )


def rechain(ctx: AppContext, from_seq: int) -> None:
    """A key holder recomputes every hash from ``from_seq`` on and re-signs the head."""
    with ctx.session() as s:
        rows = list(
            s.execute(
                select(AccessLogEntry).where(AccessLogEntry.seq >= from_seq - 1).order_by(AccessLogEntry.seq)
            ).scalars()
        )
    prev = rows[0].hash
    fixed = []
    for r in rows[1:]:
        h = entry_hash(
            prev,
            canonical(
                r.seq,
                r.at,
                r.actor,
                r.workstation,
                r.ip,
                r.action,
                r.subject,
                r.search_kind,
                r.outcome,
                r.detail,
            ),
        )
        fixed.append((r.seq, prev, h))
        prev = h
    statements = [
        f"UPDATE access_log SET prev_hash = :p{i}, hash = :h{i} WHERE seq = {seq}"
        for i, (seq, _p, _h) in enumerate(fixed)
    ]
    params = {
        **{f"p{i}": p for i, (_s, p, _h) in enumerate(fixed)},
        **{f"h{i}": h for i, (_s, _p, h) in enumerate(fixed)},
    }
    sql(ctx, *statements, **params)
    set_head(ctx, fixed[-1][0], fixed[-1][2], sign=True)


def head_row(ctx: AppContext) -> tuple[int, bytes, bytes]:
    with ctx.session() as s:
        h = s.execute(select(AuditHead)).scalar_one()
        return h.seq, bytes(h.hash), bytes(h.signature)


# -- the people -----------------------------------------------------------------------------------
@pytest.fixture
def office(ctx: AppContext) -> dict[str, Actor]:
    """The officer, an auditor and a clerk, each logged in once (a witness at every login), and
    120 entries so the chain crossed a periodic witness too."""
    people = {
        "officer": users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD),
        "auditor": make_actor(ctx, "gam", [AUDITOR]),
        "clerk": make_actor(ctx, "won", [INTAKE]),
    }
    for i in range(120):  # through the application, which witnesses the head every 100 entries
        ctx.record("won", Action.VIEW, f"patient:{i}", detail=f"n={i}")
    people["officer"] = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)  # witnesses the head
    return people


def check(ctx: AppContext, actor: Actor, **kw: Any) -> IntegrityReport:
    return verify_all(ctx, actor, **kw)


def first_problem(report: IntegrityReport) -> str:
    assert not report.ok, "the tampering went unnoticed"
    return report.problems[0].message


# -- the access log -------------------------------------------------------------------------------
def test_an_honest_office_verifies_and_every_login_left_a_witness(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    report = check(ctx, office["officer"])
    assert report.ok, report.messages
    assert report.witnesses >= 5  # init, three logins, the periodic one at 100
    lines = ctx.witness.path.read_text(encoding="utf-8").splitlines()
    events = [json.loads(x)["ev"] for x in lines]
    assert {"init", "login", "periodic", "verify"} <= set(events)
    if os.name == "posix":
        assert stat.S_IMODE(ctx.witness.path.stat().st_mode) == 0o600
    # a witness names accounts and internal numbers, never personal data
    assert all(
        set(json.loads(x)) <= {"v", "at", "db", "loc", "seq", "hash", "kc", "ev", "by", "host"} for x in lines
    )


def test_a_cut_tail_under_a_re_signed_head_is_named_by_the_witness(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    n = head_seq(ctx)
    keep = n - 60
    sql(ctx, f"DELETE FROM access_log WHERE seq > {keep}")
    set_head(ctx, keep, entry(ctx, keep)["hash"], sign=True)  # the key holder signs the forged head
    before = head_row(ctx)
    # the attacker logs in once more: the clerk is refused, nothing is re-signed
    with pytest.raises(LogTamperedError) as err:
        users.login(ctx, "won", CLERK_PASSWORD)
    assert "접속기록이 변조되었습니다" in str(err.value) and f"{keep}번에서 끝나는데" in str(err.value)
    assert head_row(ctx) == before
    # the officer may still log in to investigate (the login waits in the witness file)
    officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert head_row(ctx) == before
    report = check(ctx, officer)
    message = first_problem(report)  # the first witness that disagrees: the lowest one above the cut
    assert "보았는데" in message and f"{keep}번에서 끝납니다" in message and "삭제" in message
    held = [json.loads(x) for x in ctx.witness.path.read_text(encoding="utf-8").splitlines()]
    assert any(x["ev"] == "refused" and x["by"] == "won" for x in held)
    assert any(x["ev"] == "held" and x["by"] == OFFICER_LOGIN and "login" in x["note"] for x in held)


def test_a_cut_tail_without_the_key_is_never_re_signed(ctx: AppContext, office: dict[str, Actor]) -> None:
    n = head_seq(ctx)
    sql(ctx, f"DELETE FROM access_log WHERE seq > {n - 5}")
    set_head(ctx, n - 5, entry(ctx, n - 5)["hash"], sign=False)
    before = head_row(ctx)
    for _ in range(2):
        with pytest.raises(LogTamperedError, match="서명이 맞지 않습니다"):
            users.login(ctx, "won", CLERK_PASSWORD)
    assert head_row(ctx) == before
    report = check(ctx, users.login(ctx, "gam", CLERK_PASSWORD))  # the auditor investigates
    assert "서명이 맞지 않습니다" in first_problem(report)


def test_an_older_copy_of_the_head_row_is_named(ctx: AppContext, office: dict[str, Actor]) -> None:
    old = head_row(ctx)
    add_entries(ctx, 3)
    with ctx.engine.begin() as conn:
        conn.execute(update(AuditHead).values(seq=old[0], hash=old[1], signature=old[2]))
    with pytest.raises(LogTamperedError, match="뒤에 체인에 없는 기록"):
        users.login(ctx, "won", CLERK_PASSWORD)
    message = first_problem(check(ctx, office["officer"]))
    assert f"{old[0] + 1}번 기록" in message and "되돌려졌습니다" in message


def test_a_recomputed_chain_after_editing_an_actor_is_named_by_the_witness(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    sql(ctx, "UPDATE access_log SET actor = 'nobody' WHERE seq = 20")
    rechain(ctx, 20)
    report = check(ctx, office["officer"])
    assert report.chain.ok  # the chain itself is consistent again ...
    message = first_problem(report)  # ... but the periodic witness at 100 disagrees
    assert "100번 기록의 해시" in message and "다시 계산" in message


def test_a_replaced_key_and_key_check_are_named(
    ctx: AppContext, office: dict[str, Actor], tmp_path: Path
) -> None:
    from privdesk.crypto import create_key_file
    from privdesk.opening import open_context

    new_key = tmp_path / "attacker.key"
    attacker = create_key_file(new_key)
    with ctx.engine.begin() as conn:
        conn.execute(
            text("UPDATE meta SET value = :v WHERE key = 'key_check'"), {"v": attacker.check_value.hex()}
        )
    n = head_seq(ctx)
    last = entry(ctx, n)["hash"]
    with ctx.engine.begin() as conn:
        conn.execute(update(AuditHead).values(signature=attacker.sign(head_message(n, last))))
    with pytest.raises(KeyFileError, match="이 데이터베이스의 키가 아닙니다"):
        open_context(ctx.settings)  # the hospital's own key file no longer opens it: noticed at once
    other = open_context(type(ctx.settings)(**{**ctx.settings.__dict__, "key_file": new_key}))
    try:
        for login_id, password in (("won", CLERK_PASSWORD), (OFFICER_LOGIN, OFFICER_PASSWORD)):
            with pytest.raises(RecordIntegrityError):  # no account's proof holds under another key
                users.login(other, login_id, password)
        chain, found = inspect_all(other, NOTHING)  # what verify reports with the attacker's key
        assert chain.ok and any("키" in p.message and "다릅니다" in p.message for p in found.problems)
    finally:
        other.engine.dispose()


def test_rows_planted_after_the_head_and_a_deleted_head_give_a_diagnosis_not_a_crash(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    n = head_seq(ctx)
    tamper(ctx, rows=[forged(n + 1, entry(ctx, n)["hash"])])
    with pytest.raises(LogTamperedError):
        users.login(ctx, "won", CLERK_PASSWORD)
    report = check(ctx, office["officer"])
    assert f"{n + 1}번 기록" in first_problem(report)
    with ctx.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_head"))
    with pytest.raises(LogTamperedError, match="체인 헤드"):
        users.login(ctx, "won", CLERK_PASSWORD)
    assert "체인 헤드(마지막 기록 정보)가 없습니다" in first_problem(
        check(ctx, users.login(ctx, "gam", CLERK_PASSWORD))
    )
    # the command line says the same in one Korean line, exit 1, no traceback
    env = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    r = run_cli("audit", "verify", "--as", OFFICER_LOGIN, env=env)
    assert r.returncode == 1 and "체인 헤드" in r.stderr and "Traceback" not in r.stderr
    assert "예기치 않은 오류" not in r.stderr
    clerk = run_cli("user", "list", "--as", "won", env={**env, "PRIVDESK_PASSWORD": CLERK_PASSWORD})
    assert clerk.returncode == 1 and "접속기록이 변조되었습니다" in clerk.stderr


def test_an_extra_head_row_and_values_of_the_wrong_type_are_diagnosed(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    seq, digest, signature = head_row(ctx)
    with ctx.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO audit_head (id, seq, hash, signature) VALUES (2, :s, :h, :g)"),
            {"s": seq, "h": digest, "g": signature},
        )
    assert "체인 헤드가 2개" in first_problem(check(ctx, office["officer"]))
    with ctx.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_head WHERE id = 2"))
    sql(
        ctx,
        "UPDATE access_log SET hash = 'not a hash', seq = 'thirty' WHERE seq = 30"
        if ctx.engine.dialect.name == "sqlite"
        else "UPDATE access_log SET detail = NULL, hash = '\\x00' WHERE seq = 30",
    )
    assert "30번 기록" in first_problem(check(ctx, office["officer"]))


def test_a_disabled_or_missing_trigger_and_an_open_archive_permit_are_named(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    with owner_engine(ctx) as engine, engine.begin() as conn:
        if ctx.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER access_log_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE access_log DISABLE TRIGGER USER")
    message = first_problem(check(ctx, office["officer"]))
    assert "access_log" in message and ("없습니다" in message or "꺼져 있습니다" in message)
    with owner_engine(ctx) as engine, engine.begin() as conn:
        if ctx.engine.dialect.name != "sqlite":
            conn.exec_driver_sql("ALTER TABLE access_log ENABLE TRIGGER USER")
            conn.exec_driver_sql("ALTER TABLE cctv_ledger DISABLE TRIGGER cctv_ledger_append_only")
        conn.execute(text("INSERT INTO audit_archive_permit (upto_seq) VALUES (999999)"))
    report = check(ctx, office["officer"])
    assert any("보관 허가 표" in p.message for p in report.problems)
    if ctx.engine.dialect.name != "sqlite":
        assert any("cctv_ledger_append_only" in p.message and "꺼져" in p.message for p in report.problems)


def test_entries_deleted_through_a_planted_archive_permit_are_named(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    with (
        ctx.engine.begin() as conn
    ):  # no trigger dropped: the permit row makes the delete trigger let them go
        conn.execute(text("INSERT INTO audit_archive_permit (upto_seq) VALUES (50)"))
        conn.execute(text("DELETE FROM access_log WHERE seq BETWEEN 10 AND 20"))
    report = check(ctx, office["officer"])
    assert "10번 기록이 삭제" in first_problem(report)
    assert any("보관 허가 표" in p.message for p in report.problems)
    acknowledge(ctx, office["officer"], OFFICER_PASSWORD, "조사 완료: 허가 행 제거")
    after = check(ctx, office["officer"])
    assert after.ok and "chain:10" in {p.fingerprint for p in after.known}  # the permit row is gone
    with ctx.session() as s:
        assert s.execute(text("SELECT COUNT(*) FROM audit_archive_permit")).scalar() == 0


def test_witness_files_from_other_workstations_are_checked_and_a_wrong_file_is_no_finding(
    ctx: AppContext, office: dict[str, Actor], tmp_path: Path
) -> None:
    copied = tmp_path / "witness-ws2.log"
    copied.write_bytes(ctx.witness.path.read_bytes())  # as if copied from another workstation
    assert check(ctx, office["officer"], witness_files=[copied]).ok
    wrong = tmp_path / "passwd"
    wrong.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    with pytest.raises(PrivdeskError, match="증인 기록이 없습니다"):
        check(ctx, office["officer"], witness_files=[wrong])
    with ctx.session() as s:
        assert open_finding(s) is None  # nobody is locked out by a typo
    ctx.witness.path.unlink()  # this workstation lost its file ...
    n = head_seq(ctx)
    sql(ctx, f"DELETE FROM access_log WHERE seq > {n - 10}")
    set_head(ctx, n - 10, entry(ctx, n - 10)["hash"], sign=True)
    message = first_problem(
        check(ctx, office["officer"], witness_files=[copied])
    )  # ... the other one remembers
    assert "증인 파일 witness-ws2.log" in message and f"{n - 10}번에서 끝납니다" in message


def test_a_manual_witness_from_a_printed_page_is_checked(ctx: AppContext, office: dict[str, Actor]) -> None:
    e = entry(ctx, 50)
    good = parse_manual(f"50:{e['hash'].hex()[:12]}")
    assert check(ctx, office["officer"], manual=[good]).ok
    bad = parse_manual(f"50·{'0' * 12}")
    message = first_problem(check(ctx, office["officer"], manual=[bad]))
    assert "직접 입력한 증인" in message and "50번 기록의 해시" in message
    with pytest.raises(ValueError, match="형식"):
        parse_manual("fifty")


# -- the lock and the acknowledgement ----------------------------------------------------------------
def test_a_finding_locks_everyone_but_the_officer_and_the_auditor_until_acknowledged(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    tamper(ctx, "UPDATE access_log SET detail = '조작' WHERE seq = 40")
    report = check(ctx, office["auditor"])
    assert report.finding_id is not None and "40번 기록이 변조" in first_problem(report)
    with pytest.raises(IntegrityLockedError, match="보호책임자가 확인할 때까지"):
        users.login(ctx, "won", CLERK_PASSWORD)
    with pytest.raises(IntegrityLockedError):
        search(ctx, office["clerk"], "홍")
    assert check(ctx, users.login(ctx, "gam", CLERK_PASSWORD)).finding_id is None  # the same finding, once
    officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    with pytest.raises(AuthenticationError):
        acknowledge(ctx, officer, "wrong-password", "조사 완료, 40번 기록은 시험 중 변경")
    with pytest.raises(PrivdeskError, match="보호책임자"):
        acknowledge(ctx, users.login(ctx, "gam", CLERK_PASSWORD), CLERK_PASSWORD, "감사가 확인")
    result = acknowledge(ctx, officer, OFFICER_PASSWORD, "조사 완료: 40번 기록은 시험 중 바뀐 것으로 확인")
    assert "chain:40" in result.covered
    users.login(ctx, "won", CLERK_PASSWORD)  # work resumes
    after = check(ctx, officer)
    assert after.ok and any("40번" in p.message for p in after.known)
    with ctx.session() as s:
        assert open_finding(s) is None


def test_acknowledging_a_cut_tail_re_bases_the_head_and_keeps_the_evidence(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    n = head_seq(ctx)
    sql(ctx, f"DELETE FROM access_log WHERE seq > {n - 30}")
    set_head(ctx, n - 30, entry(ctx, n - 30)["hash"], sign=True)
    officer = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert not check(ctx, officer).ok
    result = acknowledge(ctx, officer, OFFICER_PASSWORD, "백업 복원 사고 조사 완료, 경찰 신고함")
    assert "witness" in result.covered
    clerk = users.login(ctx, "won", CLERK_PASSWORD)
    search(ctx, clerk, "홍")
    after = check(ctx, officer)
    assert after.ok, after.messages
    assert any("증인" in p.message for p in after.known)
    # the acknowledgement is anchored: planting another one in the table is noticed
    with ctx.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO integrity_events (at, kind, actor_login, head_seq, summary, covers, reason) "
                "SELECT at, kind, actor_login, head_seq, summary, covers, reason FROM integrity_events "
                "WHERE kind = 'ack'"
            )
        )
    assert any("무결성 확인 기록" in p.message for p in check(ctx, officer).problems)


# -- rows that carry their own proof ---------------------------------------------------------------
@pytest.fixture
def two(ctx: AppContext, office: dict[str, Actor]) -> tuple[int, int]:
    from privdesk.registry.patients import create_patient

    a = create_patient(ctx, office["officer"], hong())
    b = create_patient(
        ctx,
        office["officer"],
        hong(chart_no="2002", name="김영희", rrn="850505-2345670", phones=["010-9876-5432"]),
        accept_check_digit_warning=True,
    )
    return a.id, b.id


def swap(ctx: AppContext, table: str, columns: list[str], a: int, b: int, key: str = "id") -> None:
    with ctx.engine.begin() as conn:
        cols = ", ".join(columns)
        ra = conn.execute(text(f"SELECT {cols} FROM {table} WHERE {key} = :a"), {"a": a}).one()
        rb = conn.execute(text(f"SELECT {cols} FROM {table} WHERE {key} = :b"), {"b": b}).one()
        if "uid" in columns:  # unique columns need a detour
            conn.execute(text(f"UPDATE {table} SET uid = 'tmp' WHERE {key} = :a"), {"a": a})
        if "rrn_bi" in columns:
            conn.execute(text(f"UPDATE {table} SET rrn_bi = :t WHERE {key} = :a"), {"a": a, "t": b"t" * 16})
        sets = ", ".join(f"{c} = :{c}" for c in columns)
        conn.execute(
            text(f"UPDATE {table} SET {sets} WHERE {key} = :k"),
            {**dict(zip(columns, ra, strict=True)), "k": b},
        )
        conn.execute(
            text(f"UPDATE {table} SET {sets} WHERE {key} = :k"),
            {**dict(zip(columns, rb, strict=True)), "k": a},
        )


def test_swapped_resident_number_indexes_never_show_the_other_patient(
    ctx: AppContext, office: dict[str, Actor], two: tuple[int, int]
) -> None:
    a, b = two
    swap(ctx, "patients", ["rrn_bi"], a, b)
    officer = office["officer"]
    with pytest.raises(RecordIntegrityError, match="차트번호"):
        search(ctx, officer, "900101-1234568")  # A's number: the index now points at B
    message = first_problem(check(ctx, officer))
    assert f"patient:{min(a, b)}" in message and "무결성 증명" in message


@pytest.mark.parametrize("column", ["phone_bi", "last4_bi"])
def test_swapped_phone_indexes_are_caught(
    ctx: AppContext, office: dict[str, Actor], two: tuple[int, int], column: str
) -> None:
    a, b = two
    with ctx.session() as s:
        pa = s.execute(
            select(PatientPhone.id).where(PatientPhone.patient_id == a, PatientPhone.position == 0)
        ).scalar()
        pb = s.execute(
            select(PatientPhone.id).where(PatientPhone.patient_id == b, PatientPhone.position == 0)
        ).scalar()
    assert pa is not None and pb is not None
    swap(ctx, "patient_phones", [column], pa, pb)
    with pytest.raises(RecordIntegrityError):
        search(ctx, office["officer"], "010-1234-5678" if column == "phone_bi" else "5678")
    assert "환자 연락처" in first_problem(check(ctx, office["officer"]))


def test_a_whole_identity_moved_to_another_chart_number_is_caught(
    ctx: AppContext, office: dict[str, Actor], two: tuple[int, int]
) -> None:
    a, b = two
    swap(ctx, "patients", ["uid", "rrn_enc", "rrn_bi", "address_enc", "birth_date", "sex"], a, b)
    with ctx.session() as s:  # the phones' ciphertexts are bound to the uid: moved along
        pa, pb = (
            s.execute(
                select(PatientPhone.id).where(PatientPhone.patient_id == x, PatientPhone.position == 0)
            ).scalar_one()
            for x in (a, b)
        )
    swap(ctx, "patient_phones", ["phone_enc", "phone_bi", "last4_bi"], pa, pb)
    officer = office["officer"]
    with pytest.raises(RecordIntegrityError):
        unmask(ctx, officer, a, "본인 확인")
    with pytest.raises(RecordIntegrityError):
        get_patient(ctx, officer, b)
    assert "무결성 증명" in first_problem(check(ctx, officer))


def test_an_edited_name_and_a_swapped_id_are_caught(
    ctx: AppContext, office: dict[str, Actor], two: tuple[int, int]
) -> None:
    a, b = two
    with ctx.engine.begin() as conn:
        conn.execute(update(Patient).where(Patient.id == a).values(name="홍길순"))
    with pytest.raises(RecordIntegrityError):
        search(ctx, office["officer"], "홍길")
    assert f"patient:{a}" in first_problem(check(ctx, office["officer"]))
    with ctx.engine.begin() as conn:
        conn.execute(update(Patient).where(Patient.id == a).values(name="홍길동"))
    # the ids swapped (every other column stays): the access log's patient:<id> would name the other person
    with owner_engine(ctx) as engine, engine.begin() as conn:
        if ctx.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        else:
            conn.exec_driver_sql("SET session_replication_role = replica")  # the attacker turns off FK checks
        for frm, to in ((a, -1), (b, a), (-1, b)):
            conn.execute(update(Patient).where(Patient.id == frm).values(id=to))
            conn.execute(update(PatientPhone).where(PatientPhone.patient_id == frm).values(patient_id=to))
    with pytest.raises(RecordIntegrityError):
        get_patient(ctx, office["officer"], a)
    problems = check(ctx, office["officer"]).problems
    assert any(f"patient:{min(a, b)}" in p.message for p in problems)


def test_a_planted_role_grant_and_a_swapped_password_hash_are_refused(
    ctx: AppContext, office: dict[str, Actor]
) -> None:
    clerk = office["clerk"]
    with ctx.engine.begin() as conn:
        conn.execute(AccountRole.__table__.insert().values(account_id=clerk.account_id, role_code=OFFICER))
    with pytest.raises(RecordIntegrityError, match="계정 won"):
        users.login(ctx, "won", CLERK_PASSWORD)
    with pytest.raises(RecordIntegrityError):
        search(ctx, clerk, "홍")
    assert "역할 부여" in first_problem(check(ctx, office["officer"]))
    with ctx.engine.begin() as conn:
        conn.execute(
            text("DELETE FROM account_roles WHERE account_id = :a AND role_code = 'officer'"),
            {"a": clerk.account_id},
        )
        clerk_hash = conn.execute(text("SELECT password_hash FROM accounts WHERE login = 'won'")).scalar()
        conn.execute(
            text("UPDATE accounts SET password_hash = :h WHERE login = :o"),
            {"h": clerk_hash, "o": OFFICER_LOGIN},
        )
    with pytest.raises(RecordIntegrityError, match=f"계정 {OFFICER_LOGIN}"):
        users.login(ctx, OFFICER_LOGIN, CLERK_PASSWORD)  # the clerk's password on the officer's account


def test_every_row_proof_is_made_by_the_write_paths(ctx: AppContext, office: dict[str, Actor]) -> None:
    """Registration, import, update, separation and restoration all seal what they write (the
    end-of-test check of the other tests covers the rest)."""
    from privdesk.registry.importer import import_patients
    from privdesk.registry.sample import write_sample_csv

    csv_path = write_sample_csv(Path(ctx.settings.key_file).parent / "emr.csv", 30)
    result = import_patients(ctx, office["officer"], csv_path)
    assert result.imported == 30
    report = check(ctx, office["officer"])
    assert report.ok and report.proven_rows > 30
    with ctx.session() as s:
        assert all(p is not None for p in s.execute(select(Patient.proof)).scalars())
        assert proofs.holds(ctx.keys, s.execute(select(Patient)).scalars().first())


# -- paper witnesses -------------------------------------------------------------------------------
def test_every_printed_page_carries_the_head_and_the_page_witnesses_the_log(
    ctx: AppContext, office: dict[str, Actor], tmp_path: Path
) -> None:
    import re
    import subprocess

    env = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    out = tmp_path / "access.pdf"
    r = run_cli(
        "report",
        "permission-history",
        "--reason",
        "업무 확인",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        str(out),
        "--as",
        OFFICER_LOGIN,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    pages = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    marks = {m for page in pages if page.strip() for m in re.findall(r"접속기록 (\d+·[0-9a-f]{12})", page)}
    assert len(marks) == 1, pages[0][-400:]  # on every page, the same head
    mark = marks.pop()
    ok = run_cli("audit", "verify", "--witness", mark.replace("·", ":"), "--as", OFFICER_LOGIN, env=env)
    assert ok.returncode == 0, ok.stderr
    # a key holder rewrites the chain from before that head: the paper still knows
    seq = int(mark.split("·")[0])
    sql(ctx, f"UPDATE access_log SET detail = 'rewritten' WHERE seq = {seq - 1}")
    rechain(ctx, seq - 1)
    ctx.witness.path.unlink()  # and deletes this workstation's witness file
    bad = run_cli("audit", "verify", "--witness", mark.replace("·", ":"), "--as", OFFICER_LOGIN, env=env)
    assert bad.returncode == 1 and "직접 입력한 증인" in bad.stderr and f"{seq}번 기록의 해시" in bad.stderr
    typo = run_cli("audit", "verify", "--witness", "12x:zz", "--as", OFFICER_LOGIN, env=env)
    assert typo.returncode == 2 and "증인 값 형식" in typo.stderr
