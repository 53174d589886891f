"""Importing the EMR's CSV on SQLite and PostgreSQL: encodings, header aliases, rejects, re-import,
cancel and a killed process (whole batches only, the access log still verifies), and the CLI."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from privdesk import clock
from privdesk.accounts.users import login
from privdesk.audit import batches as log_batches
from privdesk.audit.chain import Action
from privdesk.audit.verify import check_chain
from privdesk.context import Actor, AppContext
from privdesk.errors import PermissionDeniedError
from privdesk.registry.bulk import PreparedPatient, RowEncoder, write_patients
from privdesk.registry.importer import (
    HEADER_ALIASES,
    ImportFileError,
    auto_mapping,
    detect_encoding,
    import_patients,
    preview,
    read_header,
)
from privdesk.registry.models import Patient, PatientPhone
from privdesk.registry.sample import sample_patients, write_sample_csv
from privdesk.registry.search import search
from privdesk.registry.validation import ValidPatient
from privdesk.store.models import AccessLogEntry
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, run_cli, wait_for
from tests.test_registry_patients import make_actor

HEADER = ["차트번호", "이름", "주민등록번호", "주소", "연락처", "최초내원일", "최종내원일"]
ROWS = [
    [
        "1001",
        "홍길동",
        "900101-1234568",
        "서울특별시 관악구 봉천로 1",
        "010-1234-5678/02-123-4567",
        "2020-01-02",
        "2024-05-06",
    ],
    [
        "1002",
        "김영희",
        "8506152345674",
        "부산광역시 해운대구 해운대로 5",
        "01098765432",
        "2019-03-04",
        "2023-01-01",
    ],
    ["1003", "이순신", "211201-3847561", "", "", "2022-01-01", "2022-02-02"],  # check digit fails: warning
]


@pytest.fixture
def officer(ctx: AppContext) -> Actor:
    return login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def count(ctx: AppContext, model: type) -> int:
    with ctx.session() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def import_entries(ctx: AppContext) -> list[AccessLogEntry]:
    with ctx.session() as s:
        return list(
            s.execute(
                select(AccessLogEntry)
                .where(AccessLogEntry.action == Action.IMPORT)
                .order_by(AccessLogEntry.seq)
            ).scalars()
        )


def logged_patients(ctx: AppContext) -> list[str]:
    """Every patient the import entries name (an import logs batch entries listing the patients),
    in log order; a patient named twice shows twice."""
    return [ref for e in import_entries(ctx) for ref in log_batches.refs_of(e.subject, e.detail)]


def patient_refs_in_db(ctx: AppContext) -> list[str]:
    with ctx.session() as s:
        return [f"patient:{i}" for i in s.execute(select(Patient.id).order_by(Patient.id)).scalars()]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp949"])
def test_each_encoding_is_detected_and_imported(
    ctx: AppContext, officer: Actor, tmp_path: Path, encoding: str
) -> None:
    path = write_csv(tmp_path / "emr.csv", HEADER, ROWS, encoding)
    assert detect_encoding(path) == encoding
    assert read_header(path) == HEADER
    result = import_patients(ctx, officer, path)
    assert (result.imported, result.rejected, result.skipped_duplicates, result.warnings) == (3, 0, 0, 1)
    assert result.warning_lines == (4,)
    assert result.summary().startswith("imported 3, rejected 0")
    assert [r.chart_no for r in search(ctx, officer, "ㅎㄱㄷ").rows] == ["1001"]
    hong = search(ctx, officer, "010-1234-5678").rows[0]
    assert (hong.name, hong.rrn_masked, hong.phone_masked) == ("홍길동", "900101-1******", "010-****-5678")
    assert [r.chart_no for r in search(ctx, officer, "02-123-4567").rows] == ["1001"]
    assert count(ctx, PatientPhone) == 3
    entries = import_entries(ctx)
    assert logged_patients(ctx) == [
        f"patient:{r.id}" for r in sorted(search(ctx, officer, "").rows, key=lambda r: r.id)
    ]
    assert entries[-1].subject is None and entries[-1].detail == "imported=3 rejected=0 skipped=0 warnings=1"


def test_headers_in_any_order_with_aliases_and_extra_columns(
    ctx: AppContext, officer: Actor, tmp_path: Path
) -> None:
    header = ["비고", "휴대폰", "성명", "RRN", "전화번호", "Chart_No", "주 소", "최종내원일", "first_visit"]
    rows = [
        [
            "VIP",
            "010-1111-2222",
            "박민수",
            "9001011234568",
            "031-123-4567",
            "77",
            "경기도 성남시 분당구 판교역로 1",
            "2024-01-01",
            "2023-01-01",
        ]
    ]
    path = write_csv(tmp_path / "odd.csv", header, rows)
    mapping = auto_mapping(read_header(path))
    assert mapping == {
        "phone": "휴대폰",
        "name": "성명",
        "rrn": "RRN",
        "phone2": "전화번호",
        "chart_no": "Chart_No",
        "address": "주 소",
        "last_visit": "최종내원일",
        "first_visit": "first_visit",
    }
    assert set(HEADER_ALIASES.values()) == {
        "chart_no",
        "name",
        "rrn",
        "address",
        "phone",
        "first_visit",
        "last_visit",
    }
    assert import_patients(ctx, officer, path).imported == 1
    row = search(ctx, officer, "77").rows
    assert [r.name for r in row] == ["박민수"]
    assert [r.chart_no for r in search(ctx, officer, "0311234567").rows] == ["77"]
    # the wizard's own mapping for columns the aliases do not know
    other = write_csv(
        tmp_path / "mapped.csv", ["번호", "환자명", "주민번호"], [["88", "최유리", "850615-2345674"]]
    )
    with pytest.raises(ImportFileError) as err:
        import_patients(ctx, officer, other)
    assert "필수 열이 없습니다: 차트번호, 이름, 주민등록번호" in str(err.value)
    result = import_patients(
        ctx, officer, other, mapping={"chart_no": "번호", "name": "환자명", "rrn": "주민번호"}
    )
    assert result.imported == 1


def test_rejects_file_lists_line_reason_and_original_columns(
    ctx: AppContext, officer: Actor, tmp_path: Path
) -> None:
    bad = [
        ["2001", "정상인", "850615-2345674", "", "", "", ""],
        ["2002", "날짜오류", "900231-1234567", "", "", "", ""],
        ["", "차트없음", "900101-1234568", "", "", "", ""],
        ["2004", "전화오류", "700101-1234565", "", "011-123-4567", "", ""],
        ["2005", "같은번호", "850615-2345674", "", "", "", ""],  # the resident number of line 2
        ["2001", "같은차트", "700101-2234564", "", "", "", ""],  # the chart number of line 2
        ["", "", "", "", "", "", ""],  # an empty line Excel leaves: ignored
    ]
    path = write_csv(tmp_path / "bad.csv", HEADER, bad, "cp949")
    result = import_patients(ctx, officer, path)
    assert (result.imported, result.rejected) == (1, 5)
    assert result.rejects_path == tmp_path / "bad.csv.rejects.csv"
    with result.rejects_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["줄번호", "사유", *HEADER]
    by_line = {int(r[0]): r for r in rows[1:]}
    assert sorted(by_line) == [3, 4, 5, 6, 7]
    assert by_line[3][1] == "[주민등록번호] 주민등록번호 앞자리가 실제 날짜(생년월일)가 아닙니다."
    assert by_line[4][1] == "[차트번호] 차트번호를 입력하십시오."
    assert "011 번호는 더 이상 쓰이지 않습니다" in by_line[5][1]
    assert by_line[6][1] == "[주민등록번호] 이미 등록된 주민등록번호입니다 (차트번호 2001)."
    assert "차트번호 2001은 다른 환자에게" in by_line[7][1]
    assert by_line[3][2:] == bad[1]  # the original columns, to fix and import again
    for r in rows[1:]:
        assert not any(d in r[1] for d in ("900231", "1234567", "2345674", "700101"))
    assert (result.rejects_path.stat().st_mode & 0o077) == 0


@pytest.mark.parametrize("workers", [0, 1, 2], ids=["in-process", "worker-process", "two-workers"])
def test_reimporting_the_same_file_creates_no_duplicates(
    ctx: AppContext, officer: Actor, tmp_path: Path, workers: int
) -> None:
    path = write_sample_csv(tmp_path / "emr.csv", 300, seed=5)
    first = import_patients(ctx, officer, path, batch_size=64, workers=workers)
    assert first.imported + first.rejected == 300 and first.rejected == 0
    assert first.warnings == len(first.warning_lines) > 0
    again = import_patients(ctx, officer, path, batch_size=64, workers=workers)
    assert (again.imported, again.rejected, again.skipped_duplicates) == (0, 0, 300)
    assert count(ctx, Patient) == 300
    assert check_chain(ctx.engine, ctx.keys).ok


def test_cancel_mid_import_keeps_whole_batches_only(ctx: AppContext, officer: Actor, tmp_path: Path) -> None:
    path = write_sample_csv(tmp_path / "emr.csv", 1000, seed=6)
    calls = iter(range(10_000))
    seen: list[tuple[int, int]] = []
    # polled at each batch's start and just before its commit: the 6th poll cancels batch 3
    result = import_patients(
        ctx,
        officer,
        path,
        batch_size=100,
        cancel=lambda: next(calls) >= 5,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.cancelled and result.imported == 200
    assert seen == [(100, 1000), (200, 1000)]
    assert count(ctx, Patient) == 200
    assert logged_patients(ctx) == patient_refs_in_db(ctx)
    assert count(ctx, Patient) == 200 and "cancelled" in (import_entries(ctx)[-1].detail or "")
    with ctx.session() as s:
        orphans = s.execute(
            select(func.count())
            .select_from(PatientPhone)
            .where(PatientPhone.patient_id.not_in(select(Patient.id)))
        ).scalar_one()
    assert orphans == 0
    rest = import_patients(ctx, officer, path, batch_size=100)
    assert (rest.imported, rest.skipped_duplicates) == (800, 200)


def test_several_preparing_processes_keep_the_files_order_and_its_rejects(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    """Batches handed out in turn to three preparing processes come back in the file's order: the
    ids follow the lines, the rejects file lists the same lines and reasons as an in-process import."""
    ctx = sqlite_ctx
    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    source = write_sample_csv(tmp_path / "sample.csv", 700, seed=12)
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[40][2] = "900231-1234567"  # line 41: not a date
    rows[333][1] = "홍길동1"  # line 334: a digit in the name
    rows[650][0] = rows[10][0]  # line 651: the chart number of line 11
    path = write_csv(tmp_path / "emr.csv", rows[0], rows[1:])
    result = import_patients(ctx, officer, path, batch_size=37, workers=3)
    assert (result.imported, result.rejected) == (697, 3)
    with ctx.session() as s:
        charts = list(s.execute(select(Patient.chart_no).order_by(Patient.id)).scalars())
    assert charts == [r[0] for i, r in enumerate(rows[1:], start=2) if i not in (41, 334, 651)]
    with result.rejects_path.open(encoding="utf-8-sig", newline="") as fh:
        rejected = [(int(r[0]), r[1].split("]")[0]) for r in list(csv.reader(fh))[1:]]
    assert rejected == [(41, "[주민등록번호"), (334, "[이름"), (651, "[차트번호")]
    assert logged_patients(ctx) == patient_refs_in_db(ctx)
    assert check_chain(ctx.engine, ctx.keys).ok


def test_the_import_log_names_every_patient_readably_and_the_patient_filter_finds_it(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    """One chained entry per group of patients (not one per row); the access-log screen shows it as
    환자 명부 가져오기 (N명) with the chart numbers, and filtering the log by a patient finds it."""
    from privdesk import logview
    from privdesk.audit import query

    ctx = sqlite_ctx
    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    path = write_sample_csv(tmp_path / "emr.csv", 130, seed=3)
    assert import_patients(ctx, officer, path, batch_size=100).imported == 130
    batch_entries = [e for e in import_entries(ctx) if e.subject]
    assert all(
        e.subject == log_batches.SUBJECT and len(e.detail or "") <= log_batches.DETAIL_LIMIT
        for e in batch_entries
    )
    assert 2 <= len(batch_entries) <= 6  # 130 patients in two batches, about fifty per entry
    assert logged_patients(ctx) == patient_refs_in_db(ctx)
    with ctx.session() as s:
        some = s.execute(select(Patient.id, Patient.chart_no).where(Patient.id.in_((1, 11, 111, 130)))).all()
    for pid, chart in some:
        refs = logview.patient_refs(ctx, officer, chart)
        assert refs == (f"patient:{pid}",)
        found = logview.page(ctx, officer, query.LogFilter(subjects=refs, action=Action.IMPORT))
        raw = query.page(ctx, officer, query.LogFilter(subjects=refs, action=Action.IMPORT))
        assert len(found) == len(raw) == 1, chart  # exactly the entry naming it (1 is not 11 nor 111)
        assert pid in log_batches.ids_of(raw[0].subject, raw[0].detail)
        n = log_batches.count_of(raw[0].subject, raw[0].detail)
        assert found[0].task == f"환자 명부 가져오기 ({n}명)"
        assert f"차트 {chart}" in found[0].detail and found[0].subject == f"환자 {n}명"
        assert query.page(ctx, officer, query.LogFilter(subject=f"patient:{pid}", action=Action.IMPORT))
    assert not query.page(ctx, officer, query.LogFilter(subjects=("patient:131",), action=Action.IMPORT))


@pytest.mark.parametrize("workers", [0, 2], ids=["in-process", "two-workers"])
def test_imported_rows_carry_the_row_proofs_the_orm_would_write(
    ctx: AppContext, officer: Actor, tmp_path: Path, workers: int
) -> None:
    """The proofs' messages are encoded where the rows are prepared and completed with the id by
    the writer (privdesk.proofs.message_tail / message_with): the same proofs, on both backends."""
    from privdesk import proofs

    path = write_sample_csv(tmp_path / "emr.csv", 240, seed=9)
    assert import_patients(ctx, officer, path, batch_size=50, workers=workers).imported == 240
    with ctx.session() as s:
        patients = list(s.execute(select(Patient)).scalars())
        phones = list(s.execute(select(PatientPhone)).scalars())
        assert len(patients) == 240 and len(phones) > 240
        assert all(proofs.holds(ctx.keys, p) for p in patients)
        assert all(proofs.holds(ctx.keys, p) for p in phones)


def _prepared(ctx: AppContext, n: int) -> list[PreparedPatient]:
    encoder = RowEncoder(ctx.keys, ctx.engine.dialect, retention_years=5, now=clock.now())
    return [
        encoder.encode(
            ValidPatient(p.chart_no, p.name, p.rrn, p.address, p.phones, p.first_visit, p.last_visit, True)
        )
        for p in sample_patients(n, seed=3)
    ]


def test_the_writer_counts_as_a_write_and_fails_as_sqlalchemy_does(ctx: AppContext, officer: Actor) -> None:
    """The writer's inserts (PostgreSQL: COPY on the unit's connection, past SQLAlchemy's execute)
    count as writes for the unit (an investigator's unit that wrote is never held), and a driver
    error comes out as SQLAlchemy raises it, on both backends: here the unique index."""
    from privdesk.accounts.permissions import Permission
    from privdesk.store.engine import wrote_since

    batch = _prepared(ctx, 3)
    with ctx.unit(officer, Permission.PATIENT_IMPORT) as u:
        mark = wrote_since(u.session.connection())
        ids = write_patients(u, batch)
        assert mark() and len(ids) == 3
    assert count(ctx, Patient) == 3
    with pytest.raises(IntegrityError), ctx.unit(officer, Permission.PATIENT_IMPORT) as u:
        write_patients(u, _prepared(ctx, 4)[3:])
        write_patients(u, batch)  # the same resident numbers again
    assert count(ctx, Patient) == 3  # the failed unit left nothing


def test_batch_entries_fit_the_chains_detail_and_name_each_id_once() -> None:
    ids = [*range(1, 1200), 99_999_999, 100_000_000]
    made = log_batches.entries(ids)
    assert all(
        subject == log_batches.SUBJECT and len(detail) <= log_batches.DETAIL_LIMIT for subject, detail in made
    )
    assert [i for subject, detail in made for i in log_batches.ids_of(subject, detail)] == ids
    assert sum(log_batches.count_of(subject, detail) for subject, detail in made) == len(ids)
    assert len(made) < len(ids) / 40
    assert log_batches.refs_of("patient:7", None) == ("patient:7",)
    assert (
        log_batches.refs_of("acct:7", "patients=1; ids=7") == () and log_batches.count_of("acct:7", None) == 1
    )


_CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from privdesk.accounts.users import login
    from privdesk.opening import open_context
    from privdesk.registry.importer import import_patients
    from privdesk.settings import load_settings

    ctx = open_context(load_settings(db=sys.argv[1], key_file=sys.argv[2]))
    actor = login(ctx, "yook", "Officer-pass1")
    def progress(done, total):
        print(done, flush=True)
    import_patients(ctx, actor, Path(sys.argv[3]), batch_size=250, progress=progress, workers=1)
    print("finished", flush=True)
""")


def test_a_killed_import_leaves_whole_batches_and_a_valid_chain(
    ctx: AppContext, officer: Actor, tmp_path: Path
) -> None:
    path = write_sample_csv(tmp_path / "emr.csv", 6000, seed=8)
    out = tmp_path / "child.out"
    with out.open("w") as fh:
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, ctx.settings.db_url, str(ctx.settings.key_file), str(path)],
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=os.environ.copy(),
        )
    try:
        assert wait_for(lambda: len(out.read_text().split()) >= 3, timeout=120), out.read_text()
        workers = psutil.Process(child.pid).children()
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert "finished" not in out.read_text()
    assert workers and wait_for(
        lambda: not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers), timeout=30
    )  # the preparer stops too
    n = count(ctx, Patient)
    assert n >= 750 and n % 250 == 0 and n < 6000
    assert logged_patients(ctx) == patient_refs_in_db(ctx) and len(patient_refs_in_db(ctx)) == n
    assert check_chain(ctx.engine, ctx.keys).ok
    rest = import_patients(ctx, officer, path, batch_size=1000)
    assert (rest.imported, rest.skipped_duplicates, rest.rejected) == (6000 - n, n, 0)
    assert count(ctx, Patient) == 6000


def test_unreadable_files_and_permissions(ctx: AppContext, officer: Actor, tmp_path: Path) -> None:
    garbage = tmp_path / "x.csv"
    garbage.write_bytes(b"\xff\xfe\xfa" * 50)
    with pytest.raises(ImportFileError) as err:
        import_patients(ctx, officer, garbage)
    assert "인코딩" in str(err.value)
    with pytest.raises(ImportFileError):
        import_patients(ctx, officer, tmp_path / "missing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ImportFileError):
        import_patients(ctx, officer, empty)
    facility = make_actor(ctx, "sisul", ["facility"])
    with pytest.raises(PermissionDeniedError):
        import_patients(ctx, facility, write_csv(tmp_path / "ok.csv", HEADER, ROWS))
    assert count(ctx, Patient) == 0


Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(sqlite_ctx: AppContext) -> Cli:
    env = {
        "PRIVDESK_DB": sqlite_ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    return lambda *args: run_cli(*args, env=env)


def test_cli_import_and_find_contract(cli: Cli, sqlite_ctx: AppContext, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "emr.csv", HEADER, [*ROWS, ["1004", "오류", "900230-1234567", "", "", "", ""]], "cp949"
    )
    started = time.time()  # compared with a file time: wall clock, not monotonic
    r = cli("patient", "import", str(path), "--as", OFFICER_LOGIN)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].startswith("imported 3, rejected 1")
    assert "check-digit warnings 1" in r.stdout.splitlines()[0]
    rejects = tmp_path / "emr.csv.rejects.csv"
    assert rejects.exists() and rejects.stat().st_mtime >= started - 2  # written by this import
    assert "1234567" not in r.stdout + r.stderr
    again = cli("patient", "import", str(path), "--encoding", "cp949", "--as", OFFICER_LOGIN)
    assert again.stdout.startswith("imported 0, rejected 1, duplicates skipped 3")
    found = cli("patient", "find", "ㅎㄱㄷ", "--as", OFFICER_LOGIN)
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines() == ["1001\t홍길동\t900101-1******\t남\t010-****-5678\t2024-05-06"]
    by_last4 = cli("patient", "find", "5432", "--as", OFFICER_LOGIN).stdout.splitlines()
    assert [line.split("\t")[0] for line in by_last4] == ["1002"]
    for line in cli("patient", "find", "", "--as", OFFICER_LOGIN).stdout.splitlines():
        assert line.split("\t")[0] in {"1001", "1002", "1003"} and "******" in line
    unreadable = tmp_path / "bin.csv"
    unreadable.write_bytes(b"\xff" * 20)
    bad = cli("patient", "import", str(unreadable), "--as", OFFICER_LOGIN)
    assert bad.returncode == 1 and "privdesk:" in bad.stderr and bad.stdout == ""
    missing = cli("patient", "import", str(tmp_path / "none.csv"), "--as", OFFICER_LOGIN)
    assert missing.returncode == 1 and "파일을 열 수 없습니다" in missing.stderr


def test_demo_sample_patients_go_through_the_real_import(ctx: AppContext, officer: Actor) -> None:
    from privdesk.registry.sample import add_sample_patients

    assert add_sample_patients(ctx, officer, 120, seed=4) == 120
    assert add_sample_patients(ctx, officer, 120, seed=4) == 0
    assert count(ctx, Patient) == 120
    page = search(ctx, officer, "김")
    assert page.rows and all(r.name.startswith("김") and r.rrn_masked.endswith("******") for r in page.rows)
    assert check_chain(ctx.engine, ctx.keys).ok


def test_preview_for_the_wizard_reads_without_touching_the_database(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "emr.csv",
        ["번호", "성명", "주민번호", "휴대폰"],
        [[str(i), "홍길동", "900101-1234568", "010-1234-5678"] for i in range(30)],
        "cp949",
    )
    p = preview(path, rows=5)
    assert p.encoding == "cp949" and p.header == ("번호", "성명", "주민번호", "휴대폰")
    assert p.mapping == {"name": "성명", "phone": "휴대폰"}
    assert p.missing == ("차트번호", "주민등록번호")
    assert len(p.rows) == 5 and p.rows[0] == ("0", "홍길동", "900101-1234568", "010-1234-5678")


def test_no_resident_number_phone_or_address_in_the_database_file(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    officer = login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert import_patients(sqlite_ctx, officer, write_csv(tmp_path / "emr.csv", HEADER, ROWS)).imported == 3
    db = Path(sqlite_ctx.settings.db_url.removeprefix("sqlite:///"))
    raw = b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())
    assert "홍길동".encode() in raw  # names stay plaintext (prefix search), so the scan does see rows
    for secret in (
        "9001011234568",
        "900101-1234568",
        "8506152345674",
        "010-1234-5678",
        "01012345678",
        "01098765432",
        "봉천로",
        "해운대로",
    ):
        assert secret.encode() not in raw, secret
