"""The account command line (contract), run in child processes against a real SQLite file."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from privdesk.accounts import users
from privdesk.context import AppContext
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, run_cli

PW = "Bright-river42"
Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(sqlite_ctx: AppContext) -> Cli:
    base = {"PRIVDESK_DB": sqlite_ctx.settings.db_url, "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file)}

    def run(*args: str, password: str = OFFICER_PASSWORD, **env: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env={**base, "PRIVDESK_PASSWORD": password, **env})

    return run


def make_user(ctx: AppContext, login: str, roles: list[str]) -> None:
    admin = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    _, otp = users.add_account(ctx, admin, login=login, name="김원무", roles=roles)
    users.change_password(ctx, users.login(ctx, login, otp), otp, PW)


def test_add_then_forced_passwd_then_list(cli: Cli) -> None:
    r = cli(
        "user",
        "add",
        "kim",
        "--name",
        "김원무",
        "--role",
        "intake",
        "--role",
        "auditor",
        "--as",
        OFFICER_LOGIN,
    )
    assert r.returncode == 0, r.stderr
    otp = r.stdout.strip().splitlines()[-1]
    assert len(otp) == 12 and " " not in otp
    refused = cli("user", "list", "--as", "kim", password=otp)
    assert refused.returncode == 1 and "privdesk passwd" in refused.stderr
    weak = cli("passwd", "--as", "kim", password=otp, PRIVDESK_NEW_PASSWORD="short")
    assert weak.returncode == 1 and "비밀번호 규칙 위반" in weak.stderr and "8자" in weak.stderr
    with_id = cli("passwd", "--as", "kim", password=otp, PRIVDESK_NEW_PASSWORD="Kim-is-here42")
    assert with_id.returncode == 1 and "아이디" in with_id.stderr
    changed = cli("passwd", "--as", "kim", password=otp, PRIVDESK_NEW_PASSWORD=PW)
    assert changed.returncode == 0, changed.stderr
    denied = cli("user", "list", "--as", "kim", password=PW)
    assert denied.returncode == 1 and "권한이 없습니다" in denied.stderr
    assert (
        cli("user", "add", "lee", "--name", "이시설", "--role", "facility", "--as", OFFICER_LOGIN).returncode
        == 0
    )
    listed = cli("user", "list", "--as", OFFICER_LOGIN)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert lines == [
        "kim\t김원무\tauditor,intake\t활성",
        "lee\t이시설\tfacility\t활성 비밀번호 변경 필요",
        "yook\t육의곤\tofficer\t활성",
    ]


def test_unknown_id_and_wrong_password_get_the_same_line(cli: Cli) -> None:
    unknown = cli("user", "list", "--as", "ghost")
    wrong = cli("user", "list", "--as", OFFICER_LOGIN, password="Wrong-pass99")
    assert unknown.returncode == wrong.returncode == 1
    assert unknown.stderr == wrong.stderr and len(unknown.stderr.strip().splitlines()) == 1
    assert unknown.stdout == wrong.stdout == ""


def test_lockout_and_unlock(cli: Cli, sqlite_ctx: AppContext, tmp_path: Path) -> None:
    make_user(sqlite_ctx, "kim", ["intake"])
    config = tmp_path / "strict.toml"
    config.write_text(
        "[security]\nlockout_threshold = 2\npassword_hash_memory_kib = 1024\n"
        "password_hash_iterations = 1\npassword_hash_lanes = 1\n",
        encoding="utf-8",
    )
    first = cli("user", "list", "--as", "kim", password="Wrong-pass99", PRIVDESK_CONFIG=str(config))
    assert first.returncode == 1 and "잠김" not in first.stderr
    second = cli("user", "list", "--as", "kim", password="Wrong-pass99", PRIVDESK_CONFIG=str(config))
    assert second.returncode == 1 and "잠김" in second.stderr
    locked = cli("user", "list", "--as", "kim", password=PW)
    assert locked.returncode == 1 and "잠김" in locked.stderr
    assert cli("user", "unlock", "kim", "--as", OFFICER_LOGIN).returncode == 2  # --reason is required
    unlocked = cli("user", "unlock", "kim", "--reason", "본인 확인", "--as", OFFICER_LOGIN)
    assert unlocked.returncode == 0, unlocked.stderr
    after = cli("user", "list", "--as", "kim", password=PW)
    assert after.returncode == 1 and "권한이 없습니다" in after.stderr


def test_roles_lock_reset_deactivate_and_history(cli: Cli, sqlite_ctx: AppContext) -> None:
    make_user(sqlite_ctx, "kim", ["intake"])
    bad = cli("user", "roles", "kim", "--role", "doctor", "--as", OFFICER_LOGIN)
    assert bad.returncode == 1 and "doctor" in bad.stderr
    for code in ("officer", "privacy", "intake", "facility", "auditor"):
        assert code in bad.stderr
    roles = cli(
        "user",
        "roles",
        "kim",
        "--role",
        "facility",
        "--role",
        "auditor",
        "--reason",
        "부서 이동",
        "--as",
        OFFICER_LOGIN,
    )
    assert roles.returncode == 0 and "auditor,facility" in roles.stdout
    assert cli("user", "lock", "kim", "--reason", "점검", "--as", OFFICER_LOGIN).returncode == 0
    assert "잠김" in cli("user", "history", "--as", "kim", password=PW).stderr
    last_officer = cli("user", "lock", OFFICER_LOGIN, "--as", OFFICER_LOGIN)
    assert last_officer.returncode == 1 and "마지막 개인정보 보호책임자" in last_officer.stderr
    reset = cli("user", "reset-password", "kim", "--reason", "분실", "--as", OFFICER_LOGIN)
    assert reset.returncode == 0
    otp = reset.stdout.strip().splitlines()[-1]
    assert cli("user", "unlock", "kim", "--reason", "확인", "--as", OFFICER_LOGIN).returncode == 0
    must = cli("user", "history", "--as", "kim", password=otp)
    assert must.returncode == 1 and "privdesk passwd" in must.stderr
    gone = cli("user", "deactivate", "kim", "--reason", "퇴사", "--as", OFFICER_LOGIN)
    assert gone.returncode == 0, gone.stderr
    listed = cli("user", "list", "--all", "--as", OFFICER_LOGIN).stdout.splitlines()
    assert "kim\t김원무\t-\t말소" in listed
    history = cli("user", "history", "kim", "--as", OFFICER_LOGIN)
    assert history.returncode == 0, history.stderr
    kinds = [line.split("\t")[3] for line in history.stdout.strip().splitlines()]
    assert kinds == [
        "계정 생성·권한 부여",
        "역할 변경",
        "계정 잠금",
        "비밀번호 초기화",
        "잠금 해제",
        "계정 말소",
    ]
    assert "사유: 퇴사" in history.stdout and otp not in history.stdout
    assert "\tyook\tkim\t" in history.stdout


def test_a_locked_out_last_officer_is_recovered_only_with_the_recovery_code(
    cli: Cli, sqlite_ctx: AppContext
) -> None:
    code = sqlite_ctx.recovery_code
    assert code is not None and len(code) == 23
    make_user(sqlite_ctx, "kim", ["intake"])
    for _ in range(5):
        cli("user", "list", "--as", OFFICER_LOGIN, password="Wrong-pass99")
    assert "잠김" in cli("user", "list", "--as", OFFICER_LOGIN).stderr
    assert cli("user", "recover", OFFICER_LOGIN).returncode == 2  # --reason is required
    no_code = cli("user", "recover", OFFICER_LOGIN, "--reason", "분실")  # the key file and the database alone
    assert (
        no_code.returncode == 1
        and "복구 코드가 필요합니다" in no_code.stderr
        and "Traceback" not in no_code.stderr
    )
    wrong = cli(
        "user", "recover", OFFICER_LOGIN, "--reason", "분실", PRIVDESK_RECOVERY_CODE="AAAAA-BBBBB-CCCCC-DDDDD"
    )
    assert wrong.returncode == 1 and "복구 코드가 맞지 않습니다" in wrong.stderr
    refused = cli("user", "recover", "kim", "--reason", "분실", PRIVDESK_RECOVERY_CODE=code)
    assert refused.returncode == 1 and "보호책임자 계정만" in refused.stderr
    # typed the way people type: lower case, spaces instead of dashes
    r = cli(
        "user",
        "recover",
        OFFICER_LOGIN,
        "--reason",
        "비밀번호 연속 오류로 잠김, 본인 확인",
        PRIVDESK_RECOVERY_CODE=code.lower().replace("-", " "),
    )
    assert r.returncode == 0, r.stderr
    out = r.stdout.strip().splitlines()
    otp, new_code = out[-1], out[-3]
    assert len(new_code) == 23 and new_code != code
    again = cli("user", "recover", OFFICER_LOGIN, "--reason", "다시", PRIVDESK_RECOVERY_CODE=code)
    assert again.returncode == 1 and "복구 코드가 맞지 않습니다" in again.stderr  # the old code is used up
    assert "privdesk passwd" in cli("user", "list", "--as", OFFICER_LOGIN, password=otp).stderr
    assert (
        cli("passwd", "--as", OFFICER_LOGIN, password=otp, PRIVDESK_NEW_PASSWORD="Recovered-pass7").returncode
        == 0
    )
    history = cli("user", "history", OFFICER_LOGIN, "--as", OFFICER_LOGIN, password="Recovered-pass7")
    assert history.returncode == 0 and "보호책임자 계정 복구" in history.stdout
    assert "계정 복구가 실행되었습니다" in history.stderr  # every officer sees it until acknowledged
    ack = cli("user", "notices", "--ack", "--as", OFFICER_LOGIN, password="Recovered-pass7")
    assert ack.returncode == 0 and "알림 1건을 확인했습니다" in ack.stdout
    assert (
        "계정 복구가 실행되었습니다"
        not in cli("user", "list", "--as", OFFICER_LOGIN, password="Recovered-pass7").stderr
    )
