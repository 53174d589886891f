"""Archiving old access-log entries (접속기록 보관) on SQLite and PostgreSQL: the signed file, the
checkpoint that keeps the remaining chain verifiable, and the checks on the file alone."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import exc, func, select, text

from privdesk import clock
from privdesk.accounts.permissions import AUDITOR, PRIVACY
from privdesk.audit import verify
from privdesk.audit.archive import archive_before, earliest_allowed, verify_archive, verify_archive_file
from privdesk.audit.chain import Action
from privdesk.audit.verify import check_chain, verify_chain
from privdesk.bootstrap import initialize
from privdesk.context import AppContext
from privdesk.crypto import KeyRing
from privdesk.errors import PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.store.models import AccessLogEntry, AuditArchivePermit, AuditCheckpoint
from tests.audit_support import actor_for, add_entries, entry, head_seq, last_entry, officer
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

INSTALLED = dt.datetime(2020, 3, 2, 9, 0, tzinfo=clock.KST)


@pytest.fixture
def aged(db_url: str, settings_for, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    """A database installed in March 2020: 2 set-up entries, 20 entries in June 2020 (seq 3-22),
    10 in January 2021 (23-32), then 5 of today (33-37)."""
    with monkeypatch.context() as m:
        m.setattr(clock, "now", lambda: INSTALLED)
        context = initialize(
            settings_for(db_url),
            officer_login=OFFICER_LOGIN,
            officer_name="육의곤",
            password=OFFICER_PASSWORD,
        )
    assert head_seq(context) == 2
    add_entries(context, 20, at=dt.datetime(2020, 6, 1, 10, 0, tzinfo=clock.KST))
    add_entries(context, 10, at=dt.datetime(2021, 1, 10, 10, 0, tzinfo=clock.KST), subject_prefix="cctv:")
    add_entries(context, 5)
    assert head_seq(context) == 37
    yield context
    context.engine.dispose()


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def test_archive_moves_the_old_prefix_and_leaves_a_verifiable_chain(aged: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "access-2020.jsonl"
    last_hash = entry(aged, 22)["hash"]
    result = archive_before(aged, officer(aged), dt.date(2020, 12, 31), out)
    assert (result.entries, result.first_seq, result.last_seq, result.path) == (22, 1, 22, out)
    assert not out.with_name(out.name + ".part").exists()

    with aged.session() as s:
        assert s.execute(select(func.min(AccessLogEntry.seq))).scalar_one() == 23
        cp = s.execute(select(AuditCheckpoint)).scalar_one()
        assert s.execute(select(func.count()).select_from(AuditArchivePermit)).scalar_one() == 0
    assert (cp.upto_seq, cp.entries, cp.last_hash, cp.archive_name) == (22, 22, last_hash, out.name)
    assert len(cp.archive_sha256) == 64 and cp.archive_sha256 == result.sha256

    logged = last_entry(aged)
    assert logged["action"] == Action.ARCHIVE and "seq=1-22" in logged["detail"]
    after = verify_chain(aged, officer(aged))
    assert after.ok and after.checked == head_seq(aged) - 1 - 22  # minus the VERIFY just appended

    body = lines(out)
    header, end = json.loads(body[0]), json.loads(body[-1])
    assert (header["from_seq"], header["to_seq"], header["entries"], len(body)) == (1, 22, 22, 24)
    assert end["last_hash"] == last_hash.hex()
    assert json.loads(body[3])["subject"] == "patient:0"
    assert verify_archive_file(out, aged.keys) == verify.VerifyResult(True, 22, None, None)

    # the guard is back: nothing else may be deleted
    with pytest.raises(exc.DBAPIError), aged.engine.begin() as conn:
        conn.execute(text("DELETE FROM access_log WHERE seq = 23"))


def test_a_second_archive_continues_from_the_checkpoint(aged: AppContext, tmp_path: Path) -> None:
    first, second = tmp_path / "a1.jsonl", tmp_path / "a2.jsonl"
    assert archive_before(aged, officer(aged), dt.date(2020, 5, 1), first).last_seq == 2
    r2 = archive_before(aged, officer(aged), dt.date(2021, 6, 1), second)
    assert (r2.first_seq, r2.last_seq, r2.entries) == (3, 32, 30)
    assert json.loads(lines(second)[0])["prev_hash"] == json.loads(lines(first)[-1])["last_hash"]
    assert verify_archive_file(first, aged.keys).checked == 2
    assert verify_archive_file(second, aged.keys).checked == 30
    assert check_chain(aged.engine, aged.keys).ok
    with aged.session() as s:
        assert list(
            s.execute(select(AuditCheckpoint.upto_seq).order_by(AuditCheckpoint.upto_seq)).scalars()
        ) == [2, 32]


def test_only_the_prefix_older_than_the_date_moves(aged: AppContext, tmp_path: Path) -> None:
    """A young entry stops the move: nothing after it leaves, even older ones (clock skew)."""
    add_entries(aged, 1, at=dt.datetime(2020, 1, 1, tzinfo=clock.KST))  # seq 38, dated in the past
    r = archive_before(aged, officer(aged), dt.date(2020, 7, 1), tmp_path / "a.jsonl")
    assert (r.first_seq, r.last_seq) == (1, 22)
    assert entry(aged, 38)["seq"] == 38


def test_nothing_old_enough_writes_no_file(aged: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "none.jsonl"
    r = archive_before(aged, officer(aged), dt.date(2020, 1, 1), out)
    assert r.entries == 0 and r.path is None and not out.exists()
    assert last_entry(aged)["detail"] == "before=2020-01-01 entries=0"


def test_archive_refuses_young_dates_existing_files_and_broken_chains(
    aged: AppContext, tmp_path: Path
) -> None:
    limit = earliest_allowed(clock.today_kst(), 2)
    with pytest.raises(RuleViolationError) as err:
        archive_before(aged, officer(aged), limit + dt.timedelta(days=1), tmp_path / "x.jsonl")
    assert "2년" in str(err.value) and limit.isoformat() in str(err.value)
    taken = tmp_path / "taken.jsonl"
    taken.write_text("keep me", encoding="utf-8")
    with pytest.raises(ValidationError):
        archive_before(aged, officer(aged), dt.date(2020, 12, 31), taken)
    assert taken.read_text(encoding="utf-8") == "keep me"

    from tests.audit_support import tamper

    tamper(aged, "UPDATE access_log SET detail = '조작' WHERE seq = 30")
    with pytest.raises(RuleViolationError) as err:
        archive_before(aged, officer(aged), dt.date(2020, 12, 31), tmp_path / "y.jsonl")
    assert "30번" in str(err.value)
    assert not (tmp_path / "y.jsonl").exists() and entry(aged, 1)["seq"] == 1


def test_earliest_allowed_handles_leap_days() -> None:
    assert earliest_allowed(dt.date(2026, 11, 25), 2) == dt.date(2024, 11, 25)
    assert earliest_allowed(dt.date(2028, 2, 29), 2) == dt.date(2026, 2, 28)


def test_archive_permissions(aged: AppContext, tmp_path: Path) -> None:
    with pytest.raises(PermissionDeniedError):
        archive_before(
            aged, actor_for(aged, "inspector", [AUDITOR]), dt.date(2020, 12, 31), tmp_path / "a.jsonl"
        )
    assert not (tmp_path / "a.jsonl").exists() and entry(aged, 1)["seq"] == 1
    r = archive_before(
        aged, actor_for(aged, "itstaff", [PRIVACY]), dt.date(2020, 12, 31), tmp_path / "a.jsonl"
    )
    assert r.entries == 22
    # the auditor may verify the file; the check is logged
    res = verify_archive(aged, actor_for(aged, "inspector2", [AUDITOR]), tmp_path / "a.jsonl")
    assert res.ok and res.checked == 22
    assert (last_entry(aged)["action"], last_entry(aged)["subject"]) == (Action.VERIFY, "archive:a.jsonl")


def test_tampered_checkpoint_or_missing_checkpoint_fails_verification(
    aged: AppContext, tmp_path: Path
) -> None:
    archive_before(aged, officer(aged), dt.date(2020, 12, 31), tmp_path / "a.jsonl")
    with aged.engine.begin() as conn:
        conn.execute(text("UPDATE audit_checkpoints SET entries = entries + 1"))
    r = check_chain(aged.engine, aged.keys)
    assert (r.ok, r.first_bad_seq, r.problem) == (False, 22, verify.ALTERED)
    assert r.detail is not None and "체크포인트" in r.detail
    with aged.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_checkpoints"))
    r = check_chain(aged.engine, aged.keys)
    assert (r.first_bad_seq, r.problem) == (1, verify.DELETED)


# -- the archive file on its own ------------------------------------------------------------------
@pytest.fixture
def archived(aged: AppContext, tmp_path: Path) -> tuple[AppContext, Path]:
    out = tmp_path / "a.jsonl"
    archive_before(aged, officer(aged), dt.date(2020, 12, 31), out)
    return aged, out


def _rewrite(path: Path, body: list[bytes]) -> None:
    path.write_bytes(b"".join(body))


def _line_of(seq: int) -> int:
    return seq  # line 0 is the header, line k holds seq k


def test_altered_archive_line_is_named(archived: tuple[AppContext, Path]) -> None:
    ctx, path = archived
    body = lines(path)
    obj = json.loads(body[_line_of(5)])
    obj["detail"] = "조작"
    body[_line_of(5)] = json.dumps(obj, ensure_ascii=False).encode() + b"\n"
    _rewrite(path, body)
    r = verify_archive_file(path, ctx.keys)
    assert (r.ok, r.first_bad_seq, r.problem, r.checked) == (False, 5, verify.ALTERED, 4)


def test_removed_swapped_and_truncated_archive_lines_are_named(archived: tuple[AppContext, Path]) -> None:
    ctx, path = archived
    original = lines(path)
    _rewrite(path, original[:7] + original[8:])  # seq 7 removed
    assert (
        verify_archive_file(path, ctx.keys).first_bad_seq,
        verify_archive_file(path, ctx.keys).problem,
    ) == (7, verify.DELETED)
    swapped = list(original)
    swapped[9], swapped[10] = swapped[10], swapped[9]
    _rewrite(path, swapped)
    r = verify_archive_file(path, ctx.keys)
    assert (r.first_bad_seq, r.problem) == (9, verify.REORDERED)
    _rewrite(path, original[:21] + original[-1:])  # seq 21 and 22 gone, signature line kept
    r = verify_archive_file(path, ctx.keys)
    assert (r.first_bad_seq, r.problem) == (21, verify.TAIL_DELETED)
    _rewrite(path, original[:-1])  # signature line gone
    r = verify_archive_file(path, ctx.keys)
    assert (r.ok, r.problem, r.checked) == (False, verify.ALTERED, 22)


def test_archive_signature_needs_this_databases_key(archived: tuple[AppContext, Path]) -> None:
    ctx, path = archived
    r = verify_archive_file(path, KeyRing(b"\x07" * 32))
    assert (r.ok, r.problem, r.first_bad_seq) == (False, verify.ALTERED, None)
    assert r.detail is not None and "서명" in r.detail
    # rewriting the header's claims breaks the signature too
    body = lines(path)
    header = json.loads(body[0])
    header["created_by"] = "someone-else"
    body[0] = json.dumps(header, ensure_ascii=False).encode() + b"\n"
    _rewrite(path, body)
    assert verify_archive_file(path, ctx.keys).ok is False


def test_archive_with_a_forged_header_range_fails(archived: tuple[AppContext, Path]) -> None:
    ctx, path = archived
    body = lines(path)
    header = json.loads(body[0])
    header["to_seq"] = 20
    body[0] = json.dumps(header).encode() + b"\n"
    _rewrite(path, body)
    r = verify_archive_file(path, ctx.keys)
    assert (r.first_bad_seq, r.problem) == (21, verify.INSERTED)
    path.write_bytes(b"not json\n")
    assert verify_archive_file(path, ctx.keys).problem == verify.ALTERED
