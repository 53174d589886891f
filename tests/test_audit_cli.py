"""``privdesk audit`` commands: the contract (exit codes, what is printed) on SQLite and PostgreSQL.

The command bodies are run in-process with an account built here; the same commands are also run
as a user would, in a child process logging in with ``--as`` (these need the login use case).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from privdesk.accounts.permissions import INTAKE
from privdesk.audit.query import LogFilter
from privdesk.cli.cmd_audit import run_archive, run_export, run_verify, run_verify_archive
from privdesk.context import AppContext
from privdesk.errors import PermissionDeniedError
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for, add_entries, head_seq, officer, shift, tamper
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, run_cli


@pytest.mark.tampers
def test_verify_prints_the_count_or_names_the_entry(
    ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    add_entries(ctx, 6)
    n = head_seq(ctx)
    assert run_verify(ctx, officer(ctx)) == 0
    out = capsys.readouterr().out
    assert f"검증한 기록: {n}건" in out
    tamper(
        ctx,
        "UPDATE access_log SET seq = -1 WHERE seq = 4",
        "UPDATE access_log SET seq = 4 WHERE seq = 5",
        "UPDATE access_log SET seq = 5 WHERE seq = -1",
    )
    assert run_verify(ctx, officer(ctx)) == 1
    err = capsys.readouterr().err
    assert "4번" in err and "순서 바뀜" in err


def test_verify_refused_without_permission(ctx: AppContext) -> None:
    with pytest.raises(PermissionDeniedError):
        run_verify(ctx, actor_for(ctx, "clerk", [INTAKE]))


def test_archive_verify_archive_and_export(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_entries(ctx, 4, at=dt.datetime(2019, 5, 1, tzinfo=dt.UTC))  # after today's set-up entries
    me = officer(ctx)
    out = tmp_path / "old.jsonl"
    assert run_archive(ctx, me, dt.date(2020, 1, 1), out) == 0  # seq 1 is today's: nothing moves
    assert "옮기지 않았습니다" in capsys.readouterr().out and not out.exists()

    csv_out = tmp_path / "x.csv"
    assert run_export(ctx, me, LogFilter(actor="tester"), csv_out, reason="월간 점검") == 0
    assert "내보낸 기록: 4건" in capsys.readouterr().out
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_verify_archive_exit_codes(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from privdesk import clock

    monkeypatch.setattr(clock, "today_kst", lambda: dt.date(2040, 1, 1))  # everything is old by then
    me = officer(ctx)
    out = tmp_path / "a.jsonl"
    assert run_archive(ctx, me, dt.date(2030, 1, 1), out) == 0
    printed = capsys.readouterr().out
    assert "보관한 기록: 2건 (1번~2번)" in printed and str(out) in printed
    assert run_verify_archive(ctx, me, out) == 0
    assert "검증한 기록: 2건" in capsys.readouterr().out
    body = out.read_bytes().splitlines(keepends=True)
    obj = json.loads(body[2])
    obj["actor"] = "someone"
    body[2] = json.dumps(obj).encode() + b"\n"
    out.write_bytes(b"".join(body))
    assert run_verify_archive(ctx, me, out) == 1
    assert "2번" in capsys.readouterr().err
    assert run_verify(ctx, me) == 0


# -- as a user runs them ------------------------------------------------------------------------


def _cli(ctx: AppContext, *args: str) -> tuple[int, str, str]:
    r = run_cli(
        "--db",
        ctx.settings.db_url,
        "--key-file",
        str(ctx.settings.key_file),
        *args,
        "--as",
        OFFICER_LOGIN,
        env={"PRIVDESK_PASSWORD": OFFICER_PASSWORD},
    )
    return r.returncode, r.stdout, r.stderr


@pytest.mark.tampers
def test_cli_verify_contract(ctx: AppContext) -> None:
    add_entries(ctx, 5)
    code, out, err = _cli(ctx, "audit", "verify")
    assert code == 0, err
    checked = int(out.split("검증한 기록: ")[1].split("건")[0])
    with ctx.session() as s:  # the command's own login is the last entry checked; its verify entry follows
        verify_seq = (
            s.execute(
                select(AccessLogEntry.seq).where(
                    AccessLogEntry.action == "verify", AccessLogEntry.subject == "access_log"
                )
            )
            .scalars()
            .one()
        )
    assert checked == verify_seq - 1
    assert "개인영상정보 관리대장: 위·변조가 없습니다." in out
    tamper(ctx, "DELETE FROM access_log WHERE seq = 5", *shift(6, -1))
    code, out, err = _cli(ctx, "audit", "verify")
    assert code == 1 and "5번" in err and "삭제" in err


def test_cli_export_and_archive_contract(ctx: AppContext, tmp_path: Path) -> None:
    csv_out = tmp_path / "e.csv"
    code, out, err = _cli(
        ctx,
        "audit",
        "export",
        "--out",
        str(csv_out),
        "--action",
        "init",
        "--from",
        "2020-01-01",
        "--to",
        "2099-12-31",
    )
    assert code == 2 and "--reason" in err and not csv_out.exists()  # no reason, no file
    code, out, err = _cli(
        ctx,
        "audit",
        "export",
        "--out",
        str(csv_out),
        "--action",
        "init",
        "--from",
        "2020-01-01",
        "--to",
        "2099-12-31",
        "--reason",
        "분기 감사 자료",
    )
    assert code == 0, err
    assert "내보낸 기록: 1건" in out and csv_out.exists()
    code, out, err = _cli(
        ctx, "audit", "archive", "--before", "2099-01-01", "--out", str(tmp_path / "a.jsonl")
    )
    assert code == 1 and "2년" in err and not (tmp_path / "a.jsonl").exists()
    code, out, err = _cli(ctx, "audit", "verify-archive", str(tmp_path / "missing.jsonl"))
    assert code == 1 and "열 수 없습니다" in err
