"""Every export, download and print of personal data needs a reason (사유), in the one form (issue 13).

The contract is read from the command line's own argparse tree (built by ``privdesk.cli``): every
``report`` command and every export-like command (``export``, ``sms``, ``ledger``, or anything with
``--out``) has a REQUIRED ``--reason``, and running it without one exits 2 before anything is read or
written. The use cases refuse a missing reason or one holding personal data before any file is
opened, and log the reason as ``…; 사유=<text>`` (read back by ``reason_of``). ``recent_reasons``
gives the account's own latest reasons, newest first, and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.audit.reasons import reason_of
from privdesk.audit.recent import recent_reasons
from privdesk.cli import build_parser, main
from privdesk.context import Actor, AppContext
from privdesk.errors import ValidationError
from privdesk.printing import record_print
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for, head_seq, officer

# Commands that write a file but are NOT an export of personal data — each with why.
EXCEPTIONS: dict[tuple[str, ...], str] = {
    (
        "audit",
        "archive",
    ): "moves old years of the access log into a signed archive (retention, not a download); "
    "entries carry internal references only",
    ("request", "blank"): "a blank 위임장 form: no personal data on it",
    ("key", "print"): "the key recovery sheet: key material, no personal data; officer role only and logged",
    ("key", "restore"): "writes a key file from the paper sheet's groups: nothing read from the database",
    (
        "policy",
        "render",
    ): "the privacy policy: a public document for the homepage (법 제30조②); no patient data, only the officer's published contacts; logged",
}
EXPORT_WORDS = ("export", "sms", "ledger")


def leaves(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for s in subs:
        for name, child in s.choices.items():
            yield from leaves(child, (*path, name))


def options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {o: a for a in parser._actions for o in a.option_strings}


def needs_reason(path: tuple[str, ...], parser: argparse.ArgumentParser) -> bool:
    return path[0] == "report" or any(w in path[-1] for w in EXPORT_WORDS) or "--out" in options(parser)


TREE = dict(leaves(build_parser()))
COVERED = sorted(p for p, q in TREE.items() if needs_reason(p, q) and p not in EXCEPTIONS)


def test_the_tree_is_what_the_contract_expects() -> None:
    reports = {p for p in TREE if p[0] == "report"}
    assert (
        len(reports) >= 11
        and ("report", "permission-history") in reports
        and ("report", "access-log") in reports
    )
    for must in [
        ("patient", "export"),
        ("disclosure", "export"),
        ("consent", "export"),
        ("incident", "sms"),
        ("request", "print"),
    ]:
        assert must in COVERED, must
    for path in EXCEPTIONS:  # the list of exceptions stays honest: each names a real command
        assert path in TREE, path


@pytest.mark.parametrize("path", COVERED, ids=[" ".join(p) for p in COVERED])
def test_every_report_and_export_has_a_required_reason(path: tuple[str, ...]) -> None:
    reason = options(TREE[path]).get("--reason")
    assert reason is not None, f"privdesk {' '.join(path)} has no --reason"
    assert reason.required, f"privdesk {' '.join(path)}: --reason is not required"


def argv_without_reason(path: tuple[str, ...], parser: argparse.ArgumentParser, out: Path) -> list[str]:
    """The command with every other required argument filled in plausibly."""
    argv = list(path)
    for a in parser._actions:
        if isinstance(a, argparse._HelpAction) or "--reason" in a.option_strings:
            continue
        if a.option_strings and not a.required:
            continue
        if a.choices:
            value = str(next(iter(a.choices)))
        elif a.option_strings == ["--out"]:
            value = str(out)
        elif (a.metavar or "") == "YYYY-MM-DD":
            value = clock.today_kst().isoformat()
        elif (a.metavar or "") == "YYYY-MM":
            value = clock.today_kst().strftime("%Y-%m")
        elif (a.metavar or "") == "YYYY" or a.type is int:
            value = str(clock.today_kst().year) if (a.metavar or "") == "YYYY" else "1"
        else:
            value = "X-1"
        argv += [a.option_strings[0], value] if a.option_strings else [value]
    return argv


@pytest.mark.parametrize("path", COVERED, ids=[" ".join(p) for p in COVERED])
def test_without_reason_the_command_exits_2_and_writes_nothing(
    path: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    argv = argv_without_reason(path, TREE[path], work / "out.file")
    build_parser().parse_args([*argv, "--reason", "월례 점검"])  # the reason is the only thing missing
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(work / "none.db"), *argv])
    assert exit_.value.code == 2
    assert "--reason" in capsys.readouterr().err
    assert list(work.iterdir()) == []  # no database opened, no file written


def test_record_print_takes_its_reason_as_a_required_keyword() -> None:
    p = inspect.signature(record_print).parameters["reason"]
    assert p.kind == inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty


# -- the use cases -----------------------------------------------------------------------------------
def _uses() -> dict[str, Callable[[AppContext, Actor, Path, str], object]]:
    from privdesk.cctv import printing as cctv
    from privdesk.disclosures import printing as disclosures
    from privdesk.incidents import printing as incidents
    from privdesk.lifecycle import printing as lifecycle
    from privdesk.ui.accounts.permhistory import print_permission_history

    first = clock.today_kst() - dt.timedelta(days=7)
    return {
        "cctv-ledger": lambda c, a, o, r: cctv.print_ledger(c, a, first, clock.today_kst(), o, reason=r),
        "destruction-ledger": lambda c, a, o, r: lifecycle.print_ledger(
            c, a, first, clock.today_kst(), o, reason=r
        ),
        "disclosure-ledger": lambda c, a, o, r: disclosures.print_ledger(
            c, a, first, clock.today_kst(), o, reason=r
        ),
        "disclosure-export": lambda c, a, o, r: disclosures.export_csv(
            c, a, first, clock.today_kst(), o, reason=r
        ),
        "processors": lambda c, a, o, r: disclosures.print_processors(c, a, o, reason=r),
        "incident-register": lambda c, a, o, r: incidents.print_register(
            c, a, clock.today_kst().year, o, reason=r
        ),
        "permission-history": lambda c, a, o, r: print_permission_history(
            c, a, o, reason=r, target=None, since=first, until=clock.today_kst()
        ),
    }


USES = sorted(_uses())


def log_of(ctx: AppContext, *actions: str) -> list[AccessLogEntry]:
    with ctx.session() as s:
        return list(
            s.scalars(
                select(AccessLogEntry).where(AccessLogEntry.action.in_(actions)).order_by(AccessLogEntry.seq)
            )
        )


@pytest.mark.parametrize("use", USES)
@pytest.mark.parametrize(
    "bad", ["", "   ", "환자 010-2345-6789 요청", "x" * 201], ids=["empty", "blank", "phone", "long"]
)
def test_refused_without_a_clean_reason_before_anything_is_written(
    sqlite_ctx: AppContext, tmp_path: Path, use: str, bad: str
) -> None:
    boss = officer(sqlite_ctx)
    before = head_seq(sqlite_ctx)
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(ValidationError):
        _uses()[use](sqlite_ctx, boss, work / "out.file", bad)
    assert list(work.iterdir()) == []
    assert head_seq(sqlite_ctx) == before  # not even the look or a record number was logged


@pytest.mark.parametrize("use", USES)
def test_the_reason_is_logged_in_the_one_form(ctx: AppContext, tmp_path: Path, use: str) -> None:
    boss = officer(ctx)
    out = tmp_path / "out.file"
    _uses()[use](ctx, boss, out, "  개인정보 보호위원회 점검 대응 ")
    assert out.exists()
    [logged] = log_of(ctx, Action.PRINT, Action.EXPORT)
    assert logged.actor == boss.login and logged.detail is not None
    assert logged.detail.endswith("; 사유=개인정보 보호위원회 점검 대응")
    assert reason_of(logged.detail) == "개인정보 보호위원회 점검 대응"


def test_unmask_and_patient_export_write_the_one_form_and_old_entries_still_read(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    from privdesk.registry.export import export_patients
    from privdesk.registry.patients import create_patient, unmask
    from tests.test_registry_patients import hong

    ctx = sqlite_ctx
    boss = officer(ctx)
    p = create_patient(ctx, boss, hong())
    unmask(ctx, boss, p.id, "보험 청구 확인")
    with pytest.raises(ValidationError):
        export_patients(ctx, boss, [p.id], tmp_path / "x.csv", reason="주민번호 900101-1234568 확인")
    assert not (tmp_path / "x.csv").exists()
    assert export_patients(ctx, boss, [p.id], tmp_path / "y.csv", reason="법원 제출") == 1
    details = [e.detail for e in log_of(ctx, Action.UNMASK, Action.EXPORT)]
    assert details == ["사유=보험 청구 확인", "masked; 사유=법원 제출"]
    assert [reason_of(d) for d in details] == ["보험 청구 확인", "법원 제출"]
    assert reason_of("masked; reason=법원 제출") == "법원 제출"  # entries written before the one form


# -- recent reasons ----------------------------------------------------------------------------------
def test_recent_reasons_are_the_accounts_own_distinct_and_newest_first(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    boss = officer(ctx)
    lee = actor_for(ctx, "lee", ["auditor"])
    for why in ("월례 점검", "감사 대응", "월례 점검", "법원 제출"):
        record_print(ctx, boss, "report:permission-history", "PH-1; 1쪽", reason=why)
    record_print(ctx, lee, "report:access-log", "AL-1; 1쪽", reason="이감사의 사유")
    with ctx.unit(boss) as u:  # a view and an entry of another kind: not offered
        u.log(Action.VIEW, "patient:1", detail="사유=조회는 아님")
    before = head_seq(ctx)
    assert recent_reasons(ctx, boss) == ["법원 제출", "월례 점검", "감사 대응"]
    assert recent_reasons(ctx, boss, limit=2) == ["법원 제출", "월례 점검"]
    assert recent_reasons(ctx, lee) == ["이감사의 사유"]
    assert recent_reasons(ctx, boss, limit=0) == []
    assert head_seq(ctx) == before  # reading one's own reasons logs nothing


def test_recent_reasons_query_walks_the_actor_index(sqlite_ctx: AppContext) -> None:
    from sqlalchemy import text

    with sqlite_ctx.session() as s:
        plan = " ".join(
            str(r[-1])
            for r in s.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT seq, detail FROM access_log WHERE actor = 'x' "
                    "AND action IN ('export', 'print', 'unmask') AND outcome = 'ok' ORDER BY seq DESC LIMIT 200"
                )
            )
        )
    assert "ix_access_log_actor_seq" in plan and "TEMP B-TREE" not in plan


@pytest.mark.parametrize(
    "argv",
    [
        [
            "report",
            "permission-history",
            "--from",
            clock.today_kst().isoformat(),
            "--to",
            clock.today_kst().isoformat(),
        ],
        [
            "report",
            "cctv-ledger",
            "--from",
            clock.today_kst().isoformat(),
            "--to",
            clock.today_kst().isoformat(),
        ],
        [
            "disclosure",
            "export",
            "--from",
            clock.today_kst().isoformat(),
            "--to",
            clock.today_kst().isoformat(),
        ],
    ],
    ids=["permission-history", "cctv-ledger", "disclosure-export"],
)
def test_a_reason_with_personal_data_exits_1_with_no_file_and_a_clean_one_is_logged(
    sqlite_ctx: AppContext, tmp_path: Path, argv: list[str]
) -> None:
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD, run_cli

    env = {
        "PRIVDESK_DB": sqlite_ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(sqlite_ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    out = tmp_path / "work" / "out.file"
    out.parent.mkdir()
    bad = run_cli(
        *argv, "--out", str(out), "--reason", "환자 010-2345-6789 문의", "--as", OFFICER_LOGIN, env=env
    )
    assert bad.returncode == 1 and "전화번호" in bad.stderr and "010-2345-6789" not in bad.stderr
    assert list(out.parent.iterdir()) == []
    assert log_of(sqlite_ctx, Action.PRINT, Action.EXPORT) == []
    good = run_cli(*argv, "--out", str(out), "--reason", "월례 점검", "--as", OFFICER_LOGIN, env=env)
    assert good.returncode == 0, good.stderr
    [logged] = log_of(sqlite_ctx, Action.PRINT, Action.EXPORT)
    assert reason_of(logged.detail) == "월례 점검" and out.exists()
