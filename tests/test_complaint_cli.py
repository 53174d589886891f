"""``privdesk complaint add|list|answer|close`` in child processes (contract)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest

from privdesk.context import AppContext
from tests.helpers import OFFICER_PASSWORD, run_cli

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(sqlite_ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": sqlite_ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": OFFICER_PASSWORD})

    return run


def test_add_list_answer_close(cli: Cli) -> None:
    r = cli("complaint", "list", "--as", "yook")
    assert r.returncode == 0 and r.stdout.strip() == "접수된 신고·상담이 없습니다.", r.stderr
    r = cli(
        "complaint",
        "add",
        "--kind",
        "complaint",
        "--channel",
        "phone",
        "--topic",
        "안내문 오발송 신고",
        "--name",
        "남궁민수",
        "--contact",
        "01098765432",
        "--received",
        "2025-03-01 09:00",
        "--as",
        "yook",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "CP-2025-0001: due 2025-03-11"
    r = cli("complaint", "list", "--open", "--as", "yook")
    assert "CP-2025-0001" in r.stdout and "남**수" in r.stdout and "[기한 경과]" in r.stdout
    assert "남궁민수" not in r.stdout and "9876" not in r.stdout
    r = cli("complaint", "close", "CP-2025-0001", "--as", "yook")
    assert r.returncode == 1 and "답변 내용을 입력하십시오" in r.stderr
    r = cli(
        "complaint", "answer", "CP-2025-0001", "--answer", "경위를 확인하여 전화로 답변함", "--as", "yook"
    )
    assert r.returncode == 0 and r.stdout.strip() == "CP-2025-0001: 답변", r.stderr
    r = cli("complaint", "close", "CP-2025-0001", "--as", "yook")
    assert r.returncode == 0 and r.stdout.strip() == "CP-2025-0001: 종결", r.stderr
    r = cli("complaint", "add", "--kind", "inquiry", "--channel", "fax", "--topic", "x", "--as", "yook")
    assert r.returncode == 2
    r = cli(
        "complaint",
        "add",
        "--kind",
        "inquiry",
        "--channel",
        "web",
        "--topic",
        "문의",
        "--name",
        "김민수",
        "--contact",
        "없음",
        "--as",
        "yook",
    )
    assert r.returncode == 1 and "연락처는 전화번호나 전자우편 주소로" in r.stderr
