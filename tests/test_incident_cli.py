"""``privdesk incident …`` and ``privdesk report incident…`` in child processes (contract)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk.context import AppContext
from tests.audit_support import actor_for
from tests.helpers import OFFICER_PASSWORD, run_cli
from tests.incident_support import ADDRESSES, add_patients
from tests.test_reports_template import assert_only_nanum_embedded, page_count
from tests.test_reports_template import text as pdf_text

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(sqlite_ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": sqlite_ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def test_open_affect_list_and_print_from_the_command_line(
    sqlite_ctx: AppContext, cli: Cli, tmp_path: Path
) -> None:
    add_patients(sqlite_ctx, actor_for(sqlite_ctx, "won", ["intake"]), 3)
    r = cli("incident", "list", "--as", "yook")
    assert r.returncode == 0 and r.stdout.strip() == "등록된 유출 사고가 없습니다.", r.stderr
    r = cli(
        "incident",
        "open",
        "--learnt",
        "2025-03-01 09:00",
        "--kind",
        "misdelivery",
        "--summary",
        "진료비 안내문 오발송",
        "--items",
        "이름,주소",
        "--as",
        "yook",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "INC-2025-0001: due 2025-03-04 09:00"
    charts = tmp_path / "charts.txt"
    charts.write_text("차트번호\n1001\n1002\n", encoding="utf-8")
    r = cli("incident", "affect", "INC-2025-0001", "--charts", str(charts), "--as", "yook")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("INC-2025-0001: 정보주체 2명 (이번에 2명 추가) — 통지 의무, 신고 의무 없음")
    assert "정보주체 통지 (개인정보 보호법 제34조①, 시행령 제39조)" in r.stdout
    r = cli("incident", "list", "--open", "--as", "yook")
    assert r.returncode == 0 and r.stdout.startswith("[기한 경과] INC-2025-0001  대응 중  오발송·오전달"), (
        r.stdout
    )
    out = tmp_path / "letters.pdf"
    r = cli(
        "report",
        "incident-letters",
        "INC-2025-0001",
        "--out",
        str(out),
        "--reason",
        "우편 통지",
        "--as",
        "yook",
    )
    assert r.returncode == 0, r.stderr
    assert page_count(out) == 2 and "통지서 2통" in r.stdout
    assert_only_nanum_embedded(out)
    r = cli(
        "incident",
        "sent",
        "INC-2025-0001",
        "--duty",
        "notify",
        "--channel",
        "letter",
        "--people",
        "2",
        "--as",
        "yook",
    )
    assert r.returncode == 0 and "정보주체 통지 완료" in r.stdout and "지남" in r.stdout, r.stderr
    record = tmp_path / "record.pdf"
    r = cli(
        "report", "incident", "INC-2025-0001", "--out", str(record), "--reason", "내부 보고", "--as", "yook"
    )
    assert r.returncode == 0, r.stderr
    text = pdf_text(record)
    assert "유출 등 사고 처리 기록" in text and "우편(서면)" in text
    assert not any(a.split()[1] in text for a in ADDRESSES)


def test_bad_input_gets_a_korean_message(sqlite_ctx: AppContext, cli: Cli, tmp_path: Path) -> None:
    r = cli(
        "incident",
        "open",
        "--learnt",
        "12/04 18:30",
        "--kind",
        "lost",
        "--summary",
        "USB 분실",
        "--as",
        "yook",
    )
    assert r.returncode == 1 and "YYYY-MM-DD HH:MM" in r.stderr
    r = cli("incident", "affect", "INC-2026-0009", "--charts", str(tmp_path / "none.txt"), "--as", "yook")
    assert r.returncode == 1 and "읽을 수 없습니다" in r.stderr
    (tmp_path / "c.txt").write_text("1001\n", encoding="utf-8")
    r = cli("incident", "affect", "INC-2026-0009", "--charts", str(tmp_path / "c.txt"), "--as", "yook")
    assert r.returncode == 1 and "찾을 수 없습니다" in r.stderr


def test_remove_people_added_by_mistake_from_the_command_line(
    sqlite_ctx: AppContext, cli: Cli, tmp_path: Path
) -> None:
    add_patients(sqlite_ctx, actor_for(sqlite_ctx, "won", ["intake"]), 3)
    r = cli(
        "incident",
        "open",
        "--learnt",
        "2025-03-01 09:00",
        "--kind",
        "misdelivery",
        "--summary",
        "진료비 안내문 오발송",
        "--items",
        "이름,주소",
        "--as",
        "yook",
    )
    assert r.returncode == 0, r.stderr
    charts = tmp_path / "charts.txt"
    charts.write_text("1001\n1002\n1003\n", encoding="utf-8")
    assert cli("incident", "affect", "INC-2025-0001", "--charts", str(charts), "--as", "yook").returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("1003\n", encoding="utf-8")
    r = cli("incident", "remove", "INC-2025-0001", "--charts", str(wrong), "--as", "yook")
    assert r.returncode == 2 and "--reason" in r.stderr  # the reason is required
    r = cli(
        "incident",
        "remove",
        "INC-2025-0001",
        "--charts",
        str(wrong),
        "--reason",
        "명단에 없던 환자",
        "--as",
        "yook",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("INC-2025-0001: 1명 제외, 모두 2명"), r.stdout
    r = cli("incident", "remove", "INC-2025-0001", "--charts", str(wrong), "--reason", "다시", "--as", "yook")
    assert r.returncode == 1 and "1003" in r.stderr and "Traceback" not in r.stderr
