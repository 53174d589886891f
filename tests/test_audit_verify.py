"""Tamper detection in the access-log chain (접속기록 위·변조 검증), on SQLite and PostgreSQL.

Each test builds a real chain, changes the database behind privdesk's back, and checks that
``verify_chain`` names the first entry that was altered, deleted, inserted or reordered.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from privdesk.accounts.permissions import AUDITOR, FACILITY, INTAKE
from privdesk.audit import verify
from privdesk.audit.chain import Action, Outcome
from privdesk.audit.verify import VerifyResult, verify_chain
from privdesk.context import AppContext
from privdesk.errors import PermissionDeniedError
from tests.audit_support import (
    actor_for,
    add_entries,
    entry,
    forged,
    head_seq,
    last_entry,
    officer,
    shift,
    tamper,
)

pytestmark = pytest.mark.tampers


@pytest.fixture
def chain(ctx: AppContext) -> AppContext:
    """The initialised database plus ten entries, each appended in its own transaction."""
    add_entries(ctx, 10)
    assert head_seq(ctx) >= 12
    return ctx


def check(ctx: AppContext) -> VerifyResult:
    return verify_chain(ctx, officer(ctx))


def test_intact_chain_verifies_and_the_check_is_logged(chain: AppContext) -> None:
    n = head_seq(chain)
    result = check(chain)
    assert result == VerifyResult(True, n, None, None)
    assert f"{n:,}건" in result.message
    logged = last_entry(chain)
    assert (logged["action"], logged["subject"], logged["detail"]) == (
        Action.VERIFY,
        "access_log",
        f"checked={n}",
    )
    assert logged["outcome"] == Outcome.OK
    assert check(chain).checked == n + 1  # the VERIFY entry is part of the chain too


def test_altered_content_is_named(chain: AppContext) -> None:
    tamper(chain, "UPDATE access_log SET detail = '조작' WHERE seq = 5")
    r = check(chain)
    assert (r.ok, r.first_bad_seq, r.problem, r.checked) == (False, 5, verify.ALTERED, 4)
    assert "5번" in r.message and "변조" in r.message
    logged = last_entry(chain)
    assert logged["outcome"] == Outcome.FAILED and "first_bad_seq=5" in logged["detail"]


@pytest.mark.parametrize("column", ["hash", "prev_hash"])
def test_altered_hash_columns_are_named(chain: AppContext, column: str) -> None:
    other = entry(chain, 9)["hash"]
    sql = f"UPDATE access_log SET {column} = (SELECT hash FROM access_log WHERE seq = 9) WHERE seq = 6"
    tamper(chain, sql)
    assert entry(chain, 6)[column] == other
    r = check(chain)
    assert (r.first_bad_seq, r.problem) == (6, verify.ALTERED)


def test_deleted_middle_entry_is_named(chain: AppContext) -> None:
    tamper(chain, "DELETE FROM access_log WHERE seq = 5")
    r = check(chain)
    assert (r.ok, r.first_bad_seq, r.problem) == (False, 5, verify.DELETED)


def test_deleted_entry_with_later_ones_renumbered_is_named(chain: AppContext) -> None:
    tamper(chain, "DELETE FROM access_log WHERE seq = 7", *shift(8, -1))
    assert entry(chain, 7)["detail"] == "n=5"  # what was seq 8 now sits at 7
    r = check(chain)
    assert (r.first_bad_seq, r.problem) == (7, verify.DELETED)


def test_inserted_entry_is_named(chain: AppContext) -> None:
    prev = entry(chain, 4)["hash"]
    tamper(chain, *shift(5, 1), rows=[forged(5, prev)])
    r = check(chain)
    assert (r.first_bad_seq, r.problem, r.checked) == (5, verify.INSERTED, 5)
    assert "삽입" in r.message
    # the planted row holds the next seq, so the check itself could not be appended: it says so
    assert r.detail is not None and "추가하지 못했습니다" in r.detail


def test_entry_appended_behind_privdesks_back_is_named(chain: AppContext) -> None:
    n = head_seq(chain)
    tamper(chain, rows=[forged(n + 1, entry(chain, n)["hash"])])
    r = check(chain)
    assert (r.first_bad_seq, r.problem, r.checked) == (n + 1, verify.INSERTED, n)


def test_swapped_entries_are_named(chain: AppContext) -> None:
    tamper(
        chain,
        "UPDATE access_log SET seq = -1 WHERE seq = 5",
        "UPDATE access_log SET seq = 5 WHERE seq = 6",
        "UPDATE access_log SET seq = 6 WHERE seq = -1",
    )
    r = check(chain)
    assert (r.first_bad_seq, r.problem) == (5, verify.REORDERED)
    assert "순서 바뀜" in r.message


def test_deleted_tail_is_caught_by_the_signed_head(chain: AppContext) -> None:
    n = head_seq(chain)
    tamper(chain, f"DELETE FROM access_log WHERE seq >= {n - 1}")
    r = check(chain)
    assert (r.first_bad_seq, r.problem, r.checked) == (n - 1, verify.TAIL_DELETED, n - 2)
    assert "마지막 기록" in r.message


def test_rewritten_chain_with_recomputed_hashes_fails_at_the_head(chain: AppContext) -> None:
    """An intruder who alters entry 5 and recomputes every later hash still cannot sign the head."""
    n = head_seq(chain)
    prev = entry(chain, 4)["hash"]
    rows = []
    for seq in range(5, n + 1):
        row = forged(seq, prev, detail=f"다시 쓴 기록 {seq}")
        rows.append(row)
        prev = row["hash"]
    tamper(chain, "DELETE FROM access_log WHERE seq >= 5", rows=rows)
    r = check(chain)
    assert (r.ok, r.first_bad_seq, r.problem) == (False, n, verify.ALTERED)
    assert r.detail is not None and "체인 헤드" in r.detail


def test_forged_head_signature_is_caught(chain: AppContext) -> None:
    n = head_seq(chain)
    prev = entry(chain, n - 2)["hash"]
    tamper(chain, f"DELETE FROM access_log WHERE seq >= {n - 1}")
    with chain.engine.begin() as conn:  # rewind the head to the new last entry (cannot sign it)
        conn.execute(text("UPDATE audit_head SET seq = :n, hash = :h"), {"n": n - 2, "h": prev})
    r = check(chain)
    assert (r.ok, r.problem) == (False, verify.HEAD_BAD)
    assert r.detail is not None and "서명" in r.detail


def test_permission_to_verify(chain: AppContext) -> None:
    for login, role in (("clerk", INTAKE), ("guard", FACILITY)):
        who = actor_for(chain, login, [role])
        with pytest.raises(PermissionDeniedError) as err:
            verify_chain(chain, who)
        assert "권한이 없습니다" in str(err.value)
        refused = last_entry(chain)
        assert (refused["actor"], refused["action"], refused["outcome"]) == (
            login,
            Action.PERMISSION_DENIED,
            Outcome.DENIED,
        )
    auditor = actor_for(chain, "inspector", [AUDITOR])
    result = verify_chain(chain, auditor)
    assert result.ok and result.checked == head_seq(chain) - 1
    assert last_entry(chain)["actor"] == "inspector"
