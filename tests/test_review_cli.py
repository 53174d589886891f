"""``privdesk review …`` and ``privdesk report access-review`` in child processes (contract), and the
printed result checked as a person reads it (pdftotext)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk.context import AppContext
from tests.audit_support import TEST_PASSWORD, actor_for
from tests.helpers import OFFICER_PASSWORD, run_cli
from tests.review_support import anomalous_month, history, months

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(sqlite_ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": sqlite_ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_run_result_ask_answer_decide_sign_and_the_printed_result(
    cli: Cli, sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    for login in ("kim", "lee", "park"):
        actor_for(sqlite_ctx, login, ["intake"])
    month, _normal = months()
    history(sqlite_ctx, month, 1)
    anomalous_month(sqlite_ctx, month)
    m = str(month)
    assert cli("review", "run", "--month", "2026-13", "--as", "yook").returncode == 2
    assert cli("review", "run", "--as", "yook").returncode == 2
    r = cli("review", "run", "--month", m, "--as", "yook")
    assert r.returncode == 0, r.stderr
    assert "계정별 요약" in r.stdout and "[업무시간 외 접속] lee" in r.stdout and "서명 전" in r.stdout
    ids = {kind: int(i) for i, kind in re.findall(r"#(\d+) \[([^\]]+)\]", r.stdout)}
    night = ids["업무시간 외 접속"]
    r = cli("review", "run", "--month", m, "--as", "kim", password=TEST_PASSWORD)
    assert r.returncode == 1 and "권한이 없습니다" in r.stderr
    out = tmp_path / "review.pdf"
    assert cli("report", "access-review", "--month", m, "--out", str(out), "--as", "yook").returncode == 2
    assert not out.exists()
    r = cli(
        "report",
        "access-review",
        "--month",
        m,
        "--out",
        str(out),
        "--reason",
        "월간 점검 결재",
        "--as",
        "yook",
    )
    assert r.returncode == 0, r.stderr
    text = pdf_text(out)
    assert "접속기록 점검 결과" in text and "서명 전" in text and "업무시간 외 접속" in text and "외 " in text
    r = cli("review", "sign", "--month", m, "--as", "yook")
    assert r.returncode == 1 and "결과가 기록되지 않은 발견 사항" in r.stderr
    r = cli("review", "ask", str(night), "--message", "새벽 조회의 경위를 적어 주십시오", "--as", "yook")
    assert r.returncode == 0 and "lee" in r.stdout, r.stderr
    j = re.search(r"소명 (\d+)번", r.stdout)
    assert j is not None
    r = cli("review", "status", "--as", "lee", password=TEST_PASSWORD)
    assert r.returncode == 0 and f"소명 {j.group(1)}번" in r.stdout
    r = cli("review", "answer", j.group(1), "--text", "대신 답합니다", "--as", "kim", password=TEST_PASSWORD)
    assert r.returncode == 1 and "본인에게 온 소명" in r.stderr
    r = cli("review", "answer", j.group(1), "--text", "응급 전원 확인", "--as", "lee", password=TEST_PASSWORD)
    assert r.returncode == 0, r.stderr
    r = cli("review", "decide", j.group(1), "--accept", "--note", "확인함", "--as", "yook")
    assert r.returncode == 0 and "수용" in r.stdout, r.stderr
    for fid in ids.values():
        if fid != night:
            r = cli("review", "result", str(fid), "--normal", "--note", "업무상 필요 확인", "--as", "yook")
            assert r.returncode == 0, r.stderr
    # kinds with several findings: resolve the rest through the API's listing
    from privdesk import review
    from tests.audit_support import officer

    for f in review.load(sqlite_ctx, officer(sqlite_ctx), month).findings:
        if f.result is None:
            review.record_result(sqlite_ctx, officer(sqlite_ctx), f.id, review.Result.NORMAL, "확인")
    r = cli("review", "sign", "--month", m, "--as", "yook")
    assert r.returncode == 0, r.stderr
    head = re.search(r"접속기록 헤드 (\d+)번 ([0-9a-f]{16})", r.stdout)
    assert head is not None
    r = cli("review", "sign", "--month", m, "--as", "yook")
    assert r.returncode == 1 and "이미 서명된 달" in r.stderr
    signed = tmp_path / "signed.pdf"
    r = cli(
        "report", "access-review", "--month", m, "--out", str(signed), "--reason", "감사 제출", "--as", "yook"
    )
    assert r.returncode == 0 and "서명됨" in r.stdout, r.stderr
    text = pdf_text(signed)
    flat = re.sub(r"\s+", "", text)
    assert f"{head.group(1)}번기록" in flat and head.group(2) in flat
    assert "서명 전" not in text and "육의곤" in text and "응급 전원 확인" in text
    pages = int(re.search(r"(\d+)쪽", r.stdout).group(1))  # type: ignore[union-attr]
    assert pages <= 12
