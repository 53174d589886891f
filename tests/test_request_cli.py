"""``privdesk request list`` and ``privdesk request print`` in child processes (contract)."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.cli.cmd_request import _KINDS, parse_reference
from privdesk.context import AppContext
from privdesk.errors import ValidationError
from privdesk.rights import decisions
from privdesk.rights.printing import NoticeKind
from privdesk.rights.requests import RequestDetail, RequestInput, receive_request
from tests.audit_support import TEST_PASSWORD, actor_for, officer
from tests.helpers import OFFICER_PASSWORD, run_cli
from tests.test_cctv_requests import entries
from tests.test_reports_template import assert_only_nanum_embedded
from tests.test_reports_template import text as pdf_text

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password})

    return run


def receive(
    ctx: AppContext, kind: str = "correct", *, days_ago: int = 0, name: str = "홍길동"
) -> RequestDetail:
    received = (clock.now() - dt.timedelta(days=days_ago)).astimezone(clock.KST).replace(tzinfo=None)
    return receive_request(
        ctx,
        officer(ctx),
        RequestInput(
            kind=kind,
            file_code="member",
            relation="self",
            requester_name=name,
            requester_phone="010-2345-6789",
            id_document="주민등록증",
            request_text="연락처를 010-9876-5432로 바꾸어 주십시오.",
            subject_name=name,
            subject_birth=dt.date(1988, 2, 3),
            received_at=received,
        ),
    )


def test_list_prints_one_line_per_request_with_its_due_date(ctx: AppContext, cli: Cli) -> None:
    empty = cli("request", "list", "--as", "yook")
    assert empty.returncode == 0, empty.stderr
    assert empty.stdout.strip() == "접수된 정보주체 요구가 없습니다."
    late = receive(ctx, days_ago=20, name="김철수")
    fresh = receive(ctx, "access", name="이영희")
    r = cli("request", "list", "--as", "yook")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{late.number}\t정정\t접수\t김*수\t") and "[기한 경과]" in lines[0]
    assert f"기한 {late.due_date.isoformat()} (-10일)" in lines[0]
    assert (
        lines[1].startswith(f"{fresh.number}\t열람\t접수\t이*희\t")
        and f"기한 {fresh.due_date.isoformat()}" in lines[1]
    )
    assert "김철수" not in r.stdout and "이영희" not in r.stdout
    overdue = cli("request", "list", "--overdue", "--as", "yook")
    assert overdue.returncode == 0 and overdue.stdout.splitlines() == lines[:1]
    decisions.withdraw(ctx, officer(ctx), late.id, reason="취하")
    none_late = cli("request", "list", "--overdue", "--as", "yook")
    assert (
        none_late.returncode == 0 and none_late.stdout.strip() == "처리 기한이 지난 정보주체 요구가 없습니다."
    )
    assert [e.detail for e in entries(ctx, action=Action.VIEW, subject="subject_request:*")] == [
        "inbox; rows=0",
        "inbox; rows=2",
        "inbox; rows=1",
        "inbox; rows=0",
    ]


def test_print_by_number_or_id(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    base = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    d = receive(ctx)
    out = tmp_path / "form.pdf"
    r = run_cli(
        "request",
        "print",
        "--reason",
        "업무 확인",
        d.number,
        "--notice",
        "request_form",
        "--out",
        str(out),
        "--as",
        "yook",
        env=base,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"{out}: 개인정보(열람, 정정·삭제, 처리정지) 요구서, 1쪽 (기록번호 RQ-")
    assert_only_nanum_embedded(out)
    body = "".join(pdf_text(out).split())
    assert d.number in body and "■정정·삭제" in body and "요구인홍길동" in body

    refused = run_cli(
        "request",
        "print",
        "--reason",
        "업무 확인",
        str(d.id),
        "--notice",
        "correction_result",
        "--out",
        str(tmp_path / "early.pdf"),
        "--as",
        "yook",
        env=base,
    )
    assert refused.returncode == 1 and "출력할 수 없습니다" in refused.stderr
    assert not (tmp_path / "early.pdf").exists()

    decisions.verify_identity(ctx, officer(ctx), d.id)
    decisions.complete(ctx, officer(ctx), d.id, result="연락처를 010-9876-5432로 정정함")
    done = tmp_path / "done.pdf"
    ok = run_cli(
        "request",
        "print",
        "--reason",
        "업무 확인",
        str(d.id),
        "--notice",
        "correction_result",
        "--out",
        str(done),
        "--as",
        "yook",
        env=base,
    )
    assert ok.returncode == 0, ok.stderr
    assert "개인정보정정·삭제결과통지서" in "".join(pdf_text(done).split())
    printed = entries(ctx, action=Action.PRINT)
    assert [e.detail.split(";")[0] for e in printed if e.detail] == ["request_form", "correction_result"]
    assert all(e.actor == "yook" and e.subject == f"subject_request:{d.id}" for e in printed)

    year = int(d.number.split("-")[1])
    other = d.number.replace(f"-{year}-", f"-{year - 1}-")  # the same id under another year: not this request
    missing = run_cli(
        "request",
        "print",
        "--reason",
        "업무 확인",
        other,
        "--notice",
        "request_form",
        "--out",
        str(tmp_path / "m.pdf"),
        "--as",
        "yook",
        env=base,
    )
    assert missing.returncode == 1 and other in missing.stderr
    bad = run_cli(
        "request",
        "print",
        "--reason",
        "업무 확인",
        "요구7",
        "--notice",
        "request_form",
        "--out",
        str(tmp_path / "b.pdf"),
        "--as",
        "yook",
        env=base,
    )
    assert bad.returncode == 1 and "접수번호" in bad.stderr
    usage = run_cli(
        "request",
        "print",
        "--reason",
        "업무 확인",
        "1",
        "--notice",
        "receipt",
        "--out",
        str(tmp_path / "u.pdf"),
        "--as",
        "yook",
        env=base,
    )
    assert usage.returncode == 2
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["done.pdf", "form.pdf"]


def test_an_account_without_request_handling_is_refused(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    actor_for(ctx, "fac01", ["facility"])
    d = receive(ctx)
    base = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": TEST_PASSWORD,
    }
    r = run_cli("request", "list", "--as", "fac01", env=base)
    assert r.returncode == 1 and "권한" in r.stderr and r.stdout == ""
    p = run_cli(
        "request",
        "print",
        "--reason",
        "업무 확인",
        str(d.id),
        "--notice",
        "request_form",
        "--out",
        str(tmp_path / "x.pdf"),
        "--as",
        "fac01",
        env=base,
    )
    assert p.returncode == 1 and "권한" in p.stderr and not (tmp_path / "x.pdf").exists()
    assert [e.detail for e in entries(ctx, action=Action.PERMISSION_DENIED, actor="fac01")] == [
        "request.handle",
        "request.handle",
    ]


def test_references_and_kinds() -> None:
    assert parse_reference("7") == (7, None)
    assert parse_reference(" dr-2026-0007 ") == (7, "DR-2026-0007")
    assert parse_reference("DR-2027-12345") == (12345, "DR-2027-12345")
    for bad in ("0", "DR-2026-0000", "DR-26-0007", "7번", ""):
        with pytest.raises(ValidationError):
            parse_reference(bad)
    assert sorted(k.value for k in NoticeKind) == sorted(_KINDS)
