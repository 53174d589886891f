"""Accounts: login, lock-out, passwords, expiry, administration and the permission history.

Every test runs on SQLite and on the suite's PostgreSQL (the ``ctx`` fixture)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import select, update

from privdesk import clock
from privdesk.accounts import users
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action, Outcome
from privdesk.context import Actor, AppContext
from privdesk.errors import (
    AccountLockedError,
    AuthenticationError,
    NotFoundError,
    PasswordChangeRequiredError,
    PasswordRuleError,
    RuleViolationError,
    ValidationError,
    VersionConflictError,
)
from privdesk.store.models import AccessLogEntry, Account, PasswordHistory, PermissionChange
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

PW = "Bright-river42"


def officer(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def make_user(ctx: AppContext, admin: Actor, login: str, roles: list[str], password: str = PW) -> Actor:
    """An account that has done its forced first password change."""
    _, otp = users.add_account(ctx, admin, login=login, name="김원무", roles=roles, reason="입사")
    first = users.login(ctx, login, otp)
    assert first.must_change_password
    return users.change_password(ctx, first, otp, password)


def entries(ctx: AppContext, **where: Any) -> list[AccessLogEntry]:
    with ctx.session() as s:
        stmt = select(AccessLogEntry).order_by(AccessLogEntry.seq)
        for column, value in where.items():
            stmt = stmt.where(getattr(AccessLogEntry, column) == value)
        return list(s.scalars(stmt))


def account_row(ctx: AppContext, login: str) -> Account:
    with ctx.session() as s:
        return s.execute(select(Account).where(Account.login == login)).scalar_one()


def changes(ctx: AppContext, target: str) -> list[PermissionChange]:
    with ctx.session() as s:
        return list(
            s.scalars(
                select(PermissionChange)
                .where(PermissionChange.target == target)
                .order_by(PermissionChange.id)
            )
        )


def with_security(ctx: AppContext, **values: int) -> AppContext:
    """The same database seen with other security settings (another workstation's config)."""
    settings = dataclasses.replace(
        ctx.settings, security=dataclasses.replace(ctx.settings.security, **values)
    )
    return AppContext(settings, ctx.engine, ctx.keys, ctx.wiring, ctx.workstation)


# -- login ---------------------------------------------------------------------------------------
def test_login_returns_actor_and_logs_channel(ctx: AppContext) -> None:
    actor = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD, channel="cli")
    assert actor.login == OFFICER_LOGIN and actor.role_codes == ("officer",)
    assert actor.permissions == frozenset(str(p) for p in Permission)
    assert not actor.must_change_password and actor.password_expires_in_days is None
    last = entries(ctx, action=Action.LOGIN)[-1]
    assert (last.actor, last.subject, last.detail) == (OFFICER_LOGIN, f"acct:{actor.account_id}", "cli")
    first_login_at = account_row(ctx, OFFICER_LOGIN).last_login_at
    assert first_login_at is not None
    assert actor.previous_login_at is None  # first login since init
    users.logout(ctx, actor)
    assert entries(ctx, action=Action.LOGOUT)[-1].subject == f"acct:{actor.account_id}"
    again = users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert again.previous_login_at == first_login_at  # shown on 내 정보 as 지난 로그인


def test_login_is_case_and_space_tolerant_for_the_id(ctx: AppContext) -> None:
    assert users.login(ctx, "  YOOK ", OFFICER_PASSWORD).login == OFFICER_LOGIN


def test_unknown_id_and_wrong_password_look_the_same_and_are_logged(ctx: AppContext) -> None:
    with pytest.raises(AuthenticationError) as unknown:
        users.login(ctx, "nobody", OFFICER_PASSWORD)
    with pytest.raises(AuthenticationError) as wrong:
        users.login(ctx, OFFICER_LOGIN, "Wrong-pass99")
    assert str(unknown.value) == str(wrong.value)
    failed = entries(ctx, action=Action.LOGIN_FAILED)
    assert [(e.actor, e.outcome) for e in failed] == [
        ("nobody", Outcome.FAILED),
        (OFFICER_LOGIN, Outcome.FAILED),
    ]
    assert failed[0].subject is None and failed[1].subject == "acct:1"
    # Control characters typed into the ID field do not reach the log verbatim.
    with pytest.raises(AuthenticationError):
        users.login(ctx, "evil\nid", "x")
    assert entries(ctx, action=Action.LOGIN_FAILED)[-1].actor == "evil id"
    assert account_row(ctx, OFFICER_LOGIN).failed_attempts == 1


def test_lockout_at_threshold_then_unlock(ctx: AppContext) -> None:
    admin = officer(ctx)
    make_user(ctx, admin, "kim", ["intake"])
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            users.login(ctx, "kim", "Wrong-pass99")
    with pytest.raises(AccountLockedError) as locked:
        users.login(ctx, "kim", "Wrong-pass99")
    assert "잠김" in str(locked.value) and "전산팀" in str(locked.value)
    row = account_row(ctx, "kim")
    assert row.locked and row.locked_at is not None and row.failed_attempts == 5
    lock = entries(ctx, action=Action.LOCK)[-1]
    assert (lock.actor, lock.subject) == ("kim", f"acct:{row.id}") and "failed_attempts=5" in (
        lock.detail or ""
    )
    assert changes(ctx, "kim")[-1].change == "lock" and changes(ctx, "kim")[-1].actor_login == "system"
    # The right password does not help a locked account; the attempt is logged as denied.
    with pytest.raises(AccountLockedError):
        users.login(ctx, "kim", PW)
    assert entries(ctx, action=Action.LOGIN_FAILED)[-1].outcome == Outcome.DENIED
    with pytest.raises(ValidationError):
        users.unlock_account(ctx, admin, "kim", "  ")
    info = users.unlock_account(ctx, admin, "kim", "본인 확인 후 해제")
    assert not info.locked and info.failed_attempts == 0
    assert users.login(ctx, "kim", PW).login == "kim"
    assert changes(ctx, "kim")[-1].reason == "본인 확인 후 해제"
    assert entries(ctx, action=Action.UNLOCK)[-1].actor == OFFICER_LOGIN
    with pytest.raises(RuleViolationError):
        users.unlock_account(ctx, admin, "kim", "다시")


def test_concurrent_failures_are_counted_exactly_and_lock_once(ctx: AppContext) -> None:
    """Six workstations fail at once: the counter is atomic, so exactly the fifth failure locks."""
    make_user(ctx, officer(ctx), "kim", ["intake"])

    def attempt(_: int) -> type[Exception]:
        try:
            users.login(ctx, "kim", "Wrong-pass99")
        except (AuthenticationError, AccountLockedError) as exc:
            return type(exc)
        raise AssertionError("a wrong password logged in")

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(attempt, range(6)))
    assert outcomes.count(AuthenticationError) == 4 and outcomes.count(AccountLockedError) == 2
    row = account_row(ctx, "kim")
    assert row.locked and row.failed_attempts == 5
    assert len(entries(ctx, action=Action.LOCK, actor="kim")) == 1
    assert len(entries(ctx, action=Action.LOGIN_FAILED, actor="kim")) == 6


def test_success_resets_the_failure_counter(ctx: AppContext) -> None:
    strict = with_security(ctx, lockout_threshold=3)
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            users.login(strict, OFFICER_LOGIN, "Wrong-pass99")
    users.login(strict, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert account_row(ctx, OFFICER_LOGIN).failed_attempts == 0
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            users.login(strict, OFFICER_LOGIN, "Wrong-pass99")
    # The third consecutive failure locks, even the only officer (security first; a manager unlocks).
    with pytest.raises(AccountLockedError):
        users.login(strict, OFFICER_LOGIN, "Wrong-pass99")
    assert account_row(ctx, OFFICER_LOGIN).locked


def test_lockout_threshold_zero_turns_lockout_off(ctx: AppContext) -> None:
    lenient = with_security(ctx, lockout_threshold=0)
    for _ in range(7):
        with pytest.raises(AuthenticationError):
            users.login(lenient, OFFICER_LOGIN, "Wrong-pass99")
    assert not account_row(ctx, OFFICER_LOGIN).locked


def test_login_rehashes_weaker_hashes(ctx: AppContext) -> None:
    before = account_row(ctx, OFFICER_LOGIN).password_hash
    stronger = with_security(ctx, password_hash_iterations=2)
    users.login(stronger, OFFICER_LOGIN, OFFICER_PASSWORD)
    after = account_row(ctx, OFFICER_LOGIN).password_hash
    assert after != before and ",t=2," in after
    assert users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD).login == OFFICER_LOGIN


# -- passwords -----------------------------------------------------------------------------------
def test_first_login_forces_a_password_change(ctx: AppContext) -> None:
    admin = officer(ctx)
    info, otp = users.add_account(ctx, admin, login="lee", name="이시설", roles=["facility"])
    assert info.must_change_password and len(otp) >= 12
    first = users.login(ctx, "lee", otp)
    assert first.must_change_password
    with pytest.raises(PasswordChangeRequiredError):
        users.list_accounts(ctx, first)
    fresh = users.change_password(ctx, first, otp, PW)
    assert not fresh.must_change_password and fresh.role_codes == ("facility",)
    assert not users.login(ctx, "lee", PW).must_change_password
    assert entries(ctx, action=Action.PASSWORD_CHANGE)[-1].subject == f"acct:{info.id}"
    with pytest.raises(AuthenticationError):
        users.login(ctx, "lee", otp)


def test_password_rules_name_the_rule(ctx: AppContext) -> None:
    admin = officer(ctx)
    actor = make_user(ctx, admin, "park", ["intake"])
    for pw, rule in (
        ("Short1!", "complexity"),
        ("alllowercase", "complexity"),
        ("abcdefg12", "complexity"),
        ("xPark-2024!", "contains_login"),
        (PW, "reused"),
    ):
        with pytest.raises(PasswordRuleError) as err:
            users.change_password(ctx, actor, PW, pw)
        assert err.value.rule == rule and "비밀번호 규칙 위반" in str(err.value)
    # "not one of the last 3": P1..P3 are refused, the one before them is allowed again.
    history = ["second2pass", "Third-pass33"]  # 11 characters of 2 kinds is enough
    current = PW
    for pw in history:
        actor = users.change_password(ctx, actor, current, pw)
        current = pw
    for old in (PW, "second2pass", "Third-pass33"):
        with pytest.raises(PasswordRuleError) as err:
            users.change_password(ctx, actor, current, old)
        assert err.value.rule == "reused"
    with ctx.session() as s:
        kept = s.scalars(select(PasswordHistory).where(PasswordHistory.account_id == actor.account_id)).all()
    assert len(kept) == 3  # older hashes are forgotten
    actor = users.change_password(ctx, actor, current, "Fourth-pass44")
    actor = users.change_password(ctx, actor, "Fourth-pass44", PW)  # four changes ago: allowed
    assert users.login(ctx, "park", PW).login == "park"


def test_wrong_old_password_counts_toward_lockout(ctx: AppContext) -> None:
    admin = officer(ctx)
    actor = make_user(ctx, admin, "choi", ["auditor"])
    strict = with_security(ctx, lockout_threshold=2)
    with pytest.raises(AuthenticationError):
        users.change_password(strict, actor, "Wrong-pass99", "Other-pass55")
    with pytest.raises(AccountLockedError):
        users.change_password(strict, actor, "Wrong-pass99", "Other-pass55")
    assert account_row(ctx, "choi").locked


def test_verify_password_again(ctx: AppContext) -> None:
    strict = with_security(ctx, lockout_threshold=2)
    admin = users.login(strict, OFFICER_LOGIN, OFFICER_PASSWORD)
    users.verify_password_again(strict, admin, OFFICER_PASSWORD)
    assert entries(ctx, action=Action.LOGIN)[-1].detail == "reauth"
    with pytest.raises(AuthenticationError):
        users.verify_password_again(strict, admin, "Wrong-pass99")
    assert account_row(ctx, OFFICER_LOGIN).failed_attempts == 1
    users.verify_password_again(strict, admin, OFFICER_PASSWORD)
    assert account_row(ctx, OFFICER_LOGIN).failed_attempts == 0
    for exc in (AuthenticationError, AccountLockedError):
        with pytest.raises(exc):
            users.verify_password_again(strict, admin, "Wrong-pass99")
    with pytest.raises(AccountLockedError):
        users.verify_password_again(strict, admin, OFFICER_PASSWORD)


def test_password_expiry_notice_and_forced_change(ctx: AppContext) -> None:
    expiring = with_security(ctx, password_expiry_days=90, password_expiry_notice_days=14)
    assert users.login(expiring, OFFICER_LOGIN, OFFICER_PASSWORD).password_expires_in_days is None

    def age(days: int) -> None:
        with ctx.session() as s, s.begin():
            s.execute(
                update(Account)
                .where(Account.login == OFFICER_LOGIN)
                .values(password_changed_at=clock.now() - dt.timedelta(days=days, hours=1))
            )

    age(80)
    assert users.login(expiring, OFFICER_LOGIN, OFFICER_PASSWORD).password_expires_in_days == 10
    assert users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD).password_expires_in_days is None  # expiry off
    age(90)
    actor = users.login(expiring, OFFICER_LOGIN, OFFICER_PASSWORD)
    assert actor.must_change_password
    with pytest.raises(PasswordChangeRequiredError):  # kept in the database, so every door refuses
        users.list_accounts(expiring, actor)
    fresh = users.change_password(expiring, actor, OFFICER_PASSWORD, PW)
    assert not fresh.must_change_password
    assert users.login(expiring, OFFICER_LOGIN, PW).password_expires_in_days is None


# -- administration ------------------------------------------------------------------------------
def test_add_account_validates_and_records(ctx: AppContext) -> None:
    admin = officer(ctx)
    with pytest.raises(ValidationError) as bad_role:
        users.add_account(ctx, admin, login="han", name="한원무", roles=["intake", "doctor"])
    assert "doctor" in str(bad_role.value) and "intake(원무)" in str(bad_role.value)
    with pytest.raises(ValidationError):
        users.add_account(ctx, admin, login="9bad", name="한원무", roles=["intake"])
    with pytest.raises(ValidationError):
        users.add_account(ctx, admin, login="han", name="  ", roles=["intake"])
    with pytest.raises(ValidationError):
        users.add_account(ctx, admin, login="han", name="한원무", roles=[])
    info, _ = users.add_account(
        ctx,
        admin,
        login="Han",
        name="한원무",
        roles=["intake", "intake"],
        department="원무과",
        reason="신규 입사",
    )
    assert (info.login, info.role_codes, info.department, info.active) == ("han", ("intake",), "원무과", True)
    with pytest.raises(ValidationError):
        users.add_account(ctx, admin, login="han", name="다른 사람", roles=["intake"])
    row = changes(ctx, "han")[0]
    assert (row.actor_login, row.change, row.reason) == (OFFICER_LOGIN, "create", "신규 입사")
    assert "원무(intake)" in row.detail
    created = entries(ctx, action=Action.ACCOUNT_CREATE)[-1]
    assert created.subject == f"acct:{info.id}" and created.actor == OFFICER_LOGIN
    assert users.get_account(ctx, admin, "han") == info
    assert entries(ctx, action=Action.VIEW)[-1].subject == f"acct:{info.id}"
    with pytest.raises(NotFoundError):
        users.get_account(ctx, admin, "ghost")


def test_set_roles_records_grants_and_checks_the_version(ctx: AppContext) -> None:
    admin = officer(ctx)
    make_user(ctx, admin, "kim", ["intake"])
    seen = users.get_account(ctx, admin, "kim")
    info = users.set_roles(
        ctx, admin, "kim", ["facility", "auditor"], reason="부서 이동", expected_version=seen.version
    )
    assert info.role_codes == ("auditor", "facility") and info.version > seen.version
    with pytest.raises(VersionConflictError):
        users.set_roles(ctx, admin, "kim", ["intake"], expected_version=seen.version)
    assert users.get_account(ctx, admin, "kim").role_codes == ("auditor", "facility")
    row = changes(ctx, "kim")[-1]
    assert row.change == "roles" and row.reason == "부서 이동"
    assert "부여: 감사(auditor), 시설(facility)" in row.detail and "회수: 원무(intake)" in row.detail
    log = entries(ctx, action=Action.ROLE_CHANGE)[-1]
    assert log.subject == f"acct:{info.id}" and log.detail == "+auditor,facility -intake"
    # The new roles take effect at once, even for an Actor taken before the change.
    assert users.login(ctx, "kim", PW).may(Permission.CCTV_MANAGE)
    unchanged = users.set_roles(ctx, admin, "kim", ["auditor", "facility"])
    assert unchanged.version == info.version


def test_reset_password_forces_change_and_never_logs_the_password(ctx: AppContext) -> None:
    admin = officer(ctx)
    make_user(ctx, admin, "kim", ["intake"])
    otp = users.reset_password(ctx, admin, "kim", reason="비밀번호 분실")
    with pytest.raises(AuthenticationError):
        users.login(ctx, "kim", PW)
    actor = users.login(ctx, "kim", otp)
    assert actor.must_change_password
    assert changes(ctx, "kim")[-1].change == "password_reset"
    assert entries(ctx, action=Action.PASSWORD_RESET)[-1].subject == f"acct:{actor.account_id}"
    users.change_password(ctx, actor, otp, "Renewed-pass77")
    with pytest.raises(RuleViolationError):
        users.reset_password(ctx, admin, OFFICER_LOGIN)  # own password: use change_password
    with ctx.session() as s:
        logged = [(e.actor, e.subject, e.detail) for e in s.scalars(select(AccessLogEntry))]
        history = [(c.detail, c.reason) for c in s.scalars(select(PermissionChange))]
    text = repr(logged) + repr(history)
    for secret in (otp, PW, "Renewed-pass77", OFFICER_PASSWORD, "Wrong-pass99"):
        assert secret not in text


def test_deactivate_keeps_the_row_and_history(ctx: AppContext) -> None:
    admin = officer(ctx)
    make_user(ctx, admin, "kim", ["intake", "auditor"])
    with pytest.raises(ValidationError):
        users.deactivate_account(ctx, admin, "kim", "")
    info = users.deactivate_account(ctx, admin, "kim", "퇴사")
    assert not info.active and info.role_codes == () and info.status == "말소"
    with pytest.raises(AuthenticationError):
        users.login(ctx, "kim", PW)
    assert [a.login for a in users.list_accounts(ctx, admin)] == [OFFICER_LOGIN]
    assert [a.login for a in users.list_accounts(ctx, admin, include_inactive=True)] == ["kim", OFFICER_LOGIN]
    assert [c.change for c in changes(ctx, "kim")] == ["create", "deactivate"]
    assert "회수: 감사(auditor), 원무(intake)" in changes(ctx, "kim")[-1].detail
    for call in (
        lambda: users.lock_account(ctx, admin, "kim", "x"),
        lambda: users.set_roles(ctx, admin, "kim", ["intake"]),
        lambda: users.reset_password(ctx, admin, "kim"),
        lambda: users.deactivate_account(ctx, admin, "kim", "다시"),
    ):
        with pytest.raises(RuleViolationError):
            call()
    with pytest.raises(ValidationError):  # a deactivated ID is never given to somebody else
        users.add_account(ctx, admin, login="kim", name="김신입", roles=["intake"])


def test_permission_history_filters_and_is_logged(ctx: AppContext) -> None:
    admin = officer(ctx)
    make_user(ctx, admin, "kim", ["intake"])
    auditor = make_user(ctx, admin, "choi", ["auditor"])
    users.lock_account(ctx, admin, "kim", "점검")
    all_rows = users.permission_history(ctx, auditor)
    assert [(r.target, r.change) for r in all_rows] == [
        (OFFICER_LOGIN, "create"),
        ("kim", "create"),
        ("choi", "create"),
        ("kim", "lock"),
    ]
    assert all_rows[-1].change_label == "계정 잠금" and all_rows[-1].reason == "점검"
    assert [r.change for r in users.permission_history(ctx, admin, target="kim")] == ["create", "lock"]
    today = clock.today_kst()
    assert len(users.permission_history(ctx, auditor, since=today, until=today)) == 4
    assert users.permission_history(ctx, auditor, until=today - dt.timedelta(days=1)) == []
    assert users.permission_history(ctx, auditor, since=today + dt.timedelta(days=1)) == []
    views = entries(ctx, action=Action.VIEW, subject="permission_history")
    assert views[0].actor == "choi" and views[1].detail == "target=kim"


def test_last_active_officer_is_protected(ctx: AppContext) -> None:
    admin = officer(ctx)
    manager = make_user(ctx, admin, "kim", ["privacy"])
    with pytest.raises(RuleViolationError) as err:
        users.lock_account(ctx, manager, OFFICER_LOGIN, "시험")
    assert "마지막 개인정보 보호책임자" in str(err.value)
    with pytest.raises(RuleViolationError, match="마지막 개인정보 보호책임자"):
        users.deactivate_account(ctx, manager, OFFICER_LOGIN, "시험")
    with pytest.raises(RuleViolationError, match="마지막 개인정보 보호책임자"):
        users.set_roles(ctx, admin, OFFICER_LOGIN, ["privacy"])
    assert users.get_account(ctx, admin, OFFICER_LOGIN).role_codes == ("officer",)
    # A second officer: now an officer may lock the other, but the one left is protected again.
    second = make_user(ctx, admin, "park", ["officer"])
    users.lock_account(ctx, second, OFFICER_LOGIN, "휴직")
    with pytest.raises(RuleViolationError, match="마지막 개인정보 보호책임자"):
        users.set_roles(ctx, manager, "park", ["auditor"])
    # An account manager may still unlock a locked-out officer (recovery).
    assert not users.unlock_account(ctx, manager, OFFICER_LOGIN, "복직").locked


def test_officer_accounts_are_managed_by_officers_only(ctx: AppContext) -> None:
    admin = officer(ctx)
    manager = make_user(ctx, admin, "kim", ["privacy"])
    make_user(ctx, admin, "park", ["officer"])
    with pytest.raises(RuleViolationError, match="개인정보 보호책임자만"):
        users.add_account(ctx, manager, login="lee", name="이", roles=["officer"])
    with pytest.raises(RuleViolationError, match="개인정보 보호책임자만"):
        users.reset_password(ctx, manager, "park")
    with pytest.raises(RuleViolationError, match="개인정보 보호책임자만"):
        users.lock_account(ctx, manager, "park", "x")
    with pytest.raises(RuleViolationError, match="개인정보 보호책임자만"):
        users.set_roles(ctx, manager, "park", ["officer", "intake"])
    with pytest.raises(RuleViolationError, match="자기 자신"):
        users.set_roles(ctx, manager, "kim", ["privacy", "intake"])
    with pytest.raises(RuleViolationError, match="자기 자신"):
        users.lock_account(ctx, manager, "kim", "x")
    # A manager does manage the other roles.
    users.add_account(ctx, manager, login="lee", name="이원무", roles=["intake"])
    with pytest.raises(RuleViolationError, match="개인정보 보호책임자만"):
        users.set_roles(ctx, manager, "lee", ["officer"])
    assert users.set_roles(ctx, manager, "lee", ["facility"]).role_codes == ("facility",)
