"""``privdesk consent …`` (contract) and the consents' CSV import: all or nothing, the row numbers of
broken rows in Korean, unknown chart numbers, a binary file, a dry run, a re-import."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from privdesk import clock
from privdesk.consent import records
from privdesk.consent.importer import import_consents
from privdesk.consent.models import ConsentRecord
from privdesk.context import AppContext
from privdesk.errors import PermissionDeniedError, ValidationError
from privdesk.registry.source import ImportFileError
from privdesk.store.models import AccessLogEntry
from tests.audit_support import TEST_PASSWORD, actor_for, officer
from tests.consent_support import publish_text
from tests.helpers import OFFICER_PASSWORD, run_cli
from tests.incident_support import add_patients

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(sqlite_ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": sqlite_ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def count(ctx: AppContext) -> int:
    with ctx.session() as s:
        return int(s.execute(select(func.count()).select_from(ConsentRecord)).scalar_one())


def write(path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path.write_text(text, encoding=encoding)
    return path


GOOD = (
    "차트번호,동의 목적,동의 일시,동의 방법,동의서 번호,입회자,동의자,법정대리인,관계,기타\n"
    "1001,contact,{day} 09:30,서면,SCAN-0001,,본인,,,x\n"
    "1002,안내·홍보 연락,{day},키오스크,,,,,,\n"
    "1003,contact,{day} 10:00,구두,,nurse,법정대리인,김철수,부,\n"
)


def test_import_good_file_then_the_same_file_again(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    add_patients(ctx, yook, 3)
    publish_text(ctx)
    actor_for(ctx, "nurse", ["intake"])
    clerk = actor_for(ctx, "clerk", ["intake"])
    day = clock.today_kst().isoformat()
    path = write(tmp_path / "consents.csv", GOOD.format(day=day))
    dry = import_consents(ctx, clerk, path, dry_run=True)
    assert (dry.imported, dry.skipped, dry.dry_run) == (3, 0, True) and count(ctx) == 0
    done = import_consents(ctx, clerk, path)
    assert (done.imported, done.skipped) == (3, 0) and count(ctx) == 3
    assert "기록한 동의 3건" in done.summary()
    third = records.show(ctx, clerk, 3)
    assert third.states[0].valid and third.history[0].who == "법정대리인 김*수 (부)"
    assert third.history[0].witness == "nurse"
    again = import_consents(ctx, clerk, path)
    assert (again.imported, again.skipped) == (0, 3) and count(ctx) == 3
    with ctx.session() as s:  # every imported patient is named in the access log (batch entries)
        details = [
            d for (d,) in s.execute(select(AccessLogEntry.detail).where(AccessLogEntry.action == "import"))
        ]
    assert any(d and d.startswith("patients=3; ids=1,2,3") for d in details)


def test_a_broken_row_or_an_unknown_chart_number_writes_nothing(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    add_patients(ctx, yook, 2)
    publish_text(ctx)
    day = clock.today_kst().isoformat()
    path = write(
        tmp_path / "bad.csv",
        "차트번호,목적,일시,방법,문서번호\n"
        f"1001,contact,{day},서면,SCAN-1\n"
        f"1002,contact,{day},서면,\n"  # paper without the form reference
        f"9999,contact,{day},키오스크,\n"  # unknown chart number
        f"1002,contact,어제,키오스크,\n"  # not a date
        f"1002,nonsense,{day},키오스크,\n",
    )
    with pytest.raises(ValidationError) as err:
        import_consents(ctx, yook, path)
    message = str(err.value)
    assert "잘못된 행이 4개 있어 아무것도 기록하지 않았습니다" in message
    assert "3행: " in message and "문서번호" in message
    assert "4행: " in message and "차트번호 9999" in message
    assert "5행: 동의 일시는 YYYY-MM-DD" in message
    assert "6행: 알 수 없는 동의 목적" in message
    assert count(ctx) == 0  # the good first row was not written either


def test_binary_file_missing_columns_and_permission(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    binary = tmp_path / "scan.csv"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02\xff\xfe" * 200)
    with pytest.raises(ImportFileError):
        import_consents(ctx, yook, binary)
    with pytest.raises(ImportFileError, match=r"필수 열이 없습니다: .*동의 방법"):
        import_consents(
            ctx, yook, write(tmp_path / "cols.csv", "차트번호,목적,일시\n1001,contact,2026-01-01\n")
        )
    facility = actor_for(ctx, "fac", ["facility"])
    with pytest.raises(PermissionDeniedError):
        import_consents(ctx, facility, write(tmp_path / "x.csv", GOOD.format(day="2026-01-01")))


def test_cli_texts_record_show_list_withdraw_import(cli: Cli, sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    add_patients(ctx, officer(ctx), 2)
    actor_for(ctx, "clerk", ["intake"])
    today = clock.today_kst().isoformat()
    r = cli(
        "consent",
        "text-draft",
        "--purpose",
        "contact",
        "--text",
        "안내 문자를 받는 데 동의합니다.",
        "--as",
        "yook",
    )
    assert r.returncode == 0 and "초안" in r.stdout, r.stderr
    assert (
        cli(
            "consent", "text-publish", "--purpose", "contact", "--effective", "2026-13-01", "--as", "yook"
        ).returncode
        == 2
    )
    r = cli("consent", "text-publish", "--purpose", "contact", "--effective", today, "--as", "yook")
    assert r.returncode == 0 and "제1판을 게시했습니다" in r.stdout, r.stderr
    text_file = tmp_path / "v2.txt"
    text_file.write_text("안내 문자와 홍보 전화를 받는 데 동의합니다.", encoding="utf-8")
    assert (
        cli(
            "consent", "text-draft", "--purpose", "contact", "--file", str(text_file), "--as", "yook"
        ).returncode
        == 0
    )
    r = cli("consent", "text-publish", "--purpose", "contact", "--effective", today, "--as", "yook")
    assert r.returncode == 1 and "바뀌었는지 정하십시오" in r.stderr
    r = cli(
        "consent",
        "text-publish",
        "--purpose",
        "contact",
        "--effective",
        today,
        "--fresh-consent",
        "--as",
        "yook",
    )
    assert r.returncode == 0 and "새 동의 필요" in r.stdout
    r = cli("consent", "texts", "--purpose", "contact", "--as", "yook")
    assert r.returncode == 0 and "제2판" in r.stdout and "홍보 전화" in r.stdout

    clerk = ("--as", "clerk")
    pw = TEST_PASSWORD
    r = cli("consent", "record", "1001", "--purpose", "contact", "--method", "paper", *clerk, password=pw)
    assert r.returncode == 1 and "문서번호" in r.stderr  # paper needs the scanned form's reference
    r = cli(
        "consent",
        "record",
        "1001",
        "--purpose",
        "contact",
        "--method",
        "paper",
        "--form-ref",
        "SCAN-7",
        *clerk,
        password=pw,
    )
    assert r.returncode == 0 and "제2판" in r.stdout, r.stderr
    r = cli("consent", "record", "9999", "--purpose", "contact", "--method", "kiosk", *clerk, password=pw)
    assert r.returncode == 1 and "9999" in r.stderr
    r = cli("consent", "show", "1001", *clerk, password=pw)
    assert r.returncode == 0 and "동의(유효)" in r.stdout and "서면 (SCAN-7)" in r.stdout
    r = cli("consent", "list", "--purpose", "contact", *clerk, password=pw)
    assert r.returncode == 0 and r.stdout.startswith("1001\t") and "# 유효한 동의 1명" in r.stdout
    assert (
        cli("consent", "withdraw", "1001", "--purpose", "contact", *clerk, password=pw).returncode == 2
    )  # --reason
    r = cli(
        "consent", "withdraw", "1001", "--purpose", "contact", "--reason", "수신 거부", *clerk, password=pw
    )
    assert r.returncode == 0 and "철회" in r.stdout
    r = cli("consent", "show", "1001", *clerk, password=pw)
    assert "철회" in r.stdout.splitlines()[1]
    out = tmp_path / "contacts.csv"
    r = cli(
        "patient",
        "export",
        "--out",
        str(out),
        "--reason",
        "검진 안내",
        "--chart",
        "1001",
        "--chart",
        "1002",
        "--consent-use",
        *clerk,
        password=pw,
    )
    assert r.returncode == 1 and "1001, 1002" in r.stderr and not out.exists()

    path = write(tmp_path / "in.csv", f"차트번호,목적,일시,방법\n1002,contact,{today},키오스크\n")
    r = cli("consent", "import", str(path), "--dry-run", *clerk, password=pw)
    assert r.returncode == 0 and "검사만 했습니다" in r.stdout
    r = cli("consent", "import", str(path), *clerk, password=pw)
    assert r.returncode == 0 and "기록한 동의 1건" in r.stdout
    r = cli(
        "patient",
        "export",
        "--out",
        str(out),
        "--reason",
        "검진 안내",
        "--chart",
        "1002",
        "--consent-use",
        *clerk,
        password=pw,
    )
    assert r.returncode == 0 and out.exists(), r.stderr
    r = cli("consent", "text-draft", "--purpose", "contact", "--text", "x", *clerk, password=pw)
    assert r.returncode == 1 and "권한" in r.stderr


def test_the_access_log_reads_the_consent_entries_in_words(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    from privdesk import logview
    from privdesk.audit import query

    ctx = sqlite_ctx
    yook = officer(ctx)
    add_patients(ctx, yook, 3)
    publish_text(ctx)
    actor_for(ctx, "nurse", ["intake"])
    clerk = actor_for(ctx, "clerk", ["intake"])
    import_consents(ctx, clerk, write(tmp_path / "c.csv", GOOD.format(day=clock.today_kst().isoformat())))
    records.withdraw(ctx, clerk, 1, "contact", reason="수신 거부")
    records.record(ctx, clerk, records.ConsentInput(1, "contact", "kiosk"))
    records.show(ctx, clerk, 2)
    records.consenting(ctx, clerk, "contact")
    tasks = [r.task for r in logview.page(ctx, yook, query.LogFilter(), limit=500)]
    for sentence in (
        "동의서 문안 초안 작성",
        "동의서 문안 게시",
        "동의 기록 가져오기 (3명)",
        "환자 동의 철회 기록",
        "환자 동의 기록",
        "환자 동의 기록 조회",
        "동의한 환자 목록 검색(동의한 환자 목록)",
        "동의한 환자 목록 조회 (3명)",
    ):
        assert sentence in tasks, (sentence, tasks[:20])
    assert "환자 명부 가져오기 (3명)" not in tasks


def test_cli_disclosure_on_consent_names_the_purpose(cli: Cli, sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    add_patients(ctx, officer(ctx), 1)
    actor_for(ctx, "desk", ["intake"])
    give = ("consent", "record", "1001", "--method", "kiosk", "--as", "desk")  # and --purpose
    record = [
        "disclosure", "record", "--to", "한빛손해보험(주)", "--purpose", "보험금 심사", "--items", "이름, 내원일",
        "--basis", "consent", "--date", clock.today_kst().isoformat(), "--form", "팩스", "--chart", "1001",
        "--file", "patient",
    ]  # fmt: skip
    publish_text(ctx, "contact")
    publish_text(ctx, "provision")
    assert cli(*give, "--purpose", "contact", password=TEST_PASSWORD).returncode == 0
    r = cli(*record, "--as", "desk", password=TEST_PASSWORD)  # a provision needs 제3자 제공 consent
    assert r.returncode == 1 and "'제3자 제공'" in r.stderr and "1001" in r.stderr
    r = cli(*record, "--consent-purpose", "contact", "--as", "desk", password=TEST_PASSWORD)
    assert r.returncode == 1 and "할 수 없습니다" in r.stderr  # contact consent does not allow a provision
    assert cli(*give, "--purpose", "provision", password=TEST_PASSWORD).returncode == 0
    r = cli(*record, "--consent-purpose", "provision", "--as", "desk", password=TEST_PASSWORD)
    assert r.returncode == 0, r.stderr


def test_cp949_and_an_explicit_utf8_with_bom(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    add_patients(ctx, yook, 2)
    publish_text(ctx)
    day = clock.today_kst().isoformat()
    korean = write(
        tmp_path / "kiosk.csv",
        f"차트번호,동의 목적,동의 일시,동의 방법\n1001,안내·홍보 연락,{day},키오스크\n",
        "cp949",
    )
    assert import_consents(ctx, yook, korean).imported == 1
    bom = write(tmp_path / "bom.csv", f"차트번호,동의 목적,동의 일시,동의 방법\n1002,contact,{day},kiosk\n")
    assert import_consents(ctx, yook, bom, encoding="utf-8", dry_run=True).imported == 1
    with pytest.raises(ImportFileError, match="알 수 없는 문자 인코딩"):
        import_consents(ctx, yook, bom, encoding="klingon")
