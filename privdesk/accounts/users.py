"""Account use cases (계정 관리): login (로그인), lock-out (접속 제한), password changes, and the
administration of accounts and their roles with the permission history (권한 부여·변경·말소 기록,
안전성 확보조치 기준 제5조).

Login has no actor yet, so it does not go through :meth:`AppContext.unit`: it reads the account
in a short transaction, verifies the password outside any transaction (Argon2id is slow on
purpose and SQLite transactions hold the write lock), then commits the outcome — the failure
counter, the lock and the access-log entries — in a transaction of its own before raising.

Every administrative change writes a :class:`PermissionChange` row (who, whom, what, when, why)
and an access-log entry whose subject is the account reference ``acct:<id>``. Free-text reasons
go to the permission history only, never into the immutable access log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from privdesk import clock, proofs
from privdesk.accounts import recovery
from privdesk.accounts.passwords import check_password_rules, expiry_state, one_time_password, validate_login
from privdesk.accounts.people import people
from privdesk.accounts.permissions import OFFICER, Permission, label
from privdesk.accounts.roles import (
    bump_version,
    describe_roles,
    guard_last_officer,
    role_names,
    validate_role_codes,
)
from privdesk.audit.chain import Action, Outcome, PendingEntry, clean
from privdesk.context import (
    SYSTEM_ACTOR,
    Actor,
    AppContext,
    Unit,
    check_account,
    check_lock,
    is_investigator,
    permissions_of,
)
from privdesk.crypto import PasswordHashParams, dummy_verify, hash_password, needs_rehash, verify_password
from privdesk.errors import (
    AccountLockedError,
    AuthenticationError,
    IntegrityLockedError,
    KeyRotationError,
    LogTamperedError,
    NotFoundError,
    PermissionDeniedError,
    PrivdeskError,
    RecordIntegrityError,
    RuleViolationError,
    ValidationError,
    VersionConflictError,
)
from privdesk.fields import no_personal_data
from privdesk.korean import josa
from privdesk.store.models import Account, AccountNotice, AccountRole, PasswordHistory, PermissionChange

# Kinds of permission-history rows and their Korean names for screens and printouts.
CHANGE_LABELS: dict[str, str] = {
    "create": "계정 생성·권한 부여",
    "roles": "역할 변경",
    "lock": "계정 잠금",
    "unlock": "잠금 해제",
    "password_reset": "비밀번호 초기화",
    "deactivate": "계정 말소",
    "role_permissions": "역할 권한 변경",
    "recover": "보호책임자 계정 복구",
}


@dataclass(frozen=True)
class AccountInfo:
    """An account as the screens and the command line see it (never its password hash)."""

    id: int
    login: str
    name: str
    department: str
    role_codes: tuple[str, ...]
    locked: bool
    active: bool
    must_change_password: bool
    failed_attempts: int
    last_login_at: dt.datetime | None
    password_changed_at: dt.datetime
    created_at: dt.datetime
    version: int

    @property
    def status(self) -> str:
        """활성 / 잠김 / 말소."""
        if not self.active:
            return "말소"
        return "잠김" if self.locked else "활성"


@dataclass(frozen=True)
class PermissionChangeInfo:
    """One row of the permission history (권한 부여·변경·말소 이력)."""

    at: dt.datetime
    actor_login: str
    target: str
    change: str
    detail: str
    reason: str
    actor_label: str = ""  # 처리자 as people read it: 이름(ID) (:mod:`privdesk.accounts.people`)
    target_label: str = ""  # 대상 계정 likewise (a role change keeps its ``role:`` target)

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS.get(self.change, self.change)


def account_info(a: Account) -> AccountInfo:
    return AccountInfo(
        id=a.id,
        login=a.login,
        name=a.name,
        department=a.department,
        role_codes=tuple(a.role_codes),
        locked=a.locked,
        active=a.active,
        must_change_password=a.must_change_password,
        failed_attempts=a.failed_attempts,
        last_login_at=a.last_login_at,
        password_changed_at=a.password_changed_at,
        created_at=a.created_at,
        version=a.version,
    )


def create_account_row(
    session: Session,
    *,
    login: str,
    name: str,
    password: str,
    roles: list[str],
    params: PasswordHashParams,
    actor_login: str,
    must_change: bool,
    department: str = "",
    reason: str = "",
) -> Account:
    """Insert an account with its roles and first password; records the grant (권한 부여 기록)."""
    now = clock.now()
    phc = hash_password(password, params)
    codes = sorted(set(roles))
    account = Account(
        login=login,
        name=name,
        department=department,
        password_hash=phc,
        must_change_password=must_change,
        password_changed_at=now,
        failed_attempts=0,
        locked=False,
        active=True,
        created_at=now,
    )
    account.roles = [AccountRole(role_code=code) for code in codes]
    session.add(account)
    session.flush()
    session.add(PasswordHistory(account_id=account.id, password_hash=phc, created_at=now))
    session.add(
        PermissionChange(
            at=now,
            actor_login=actor_login,
            target=login,
            change="create",
            detail="부여: " + describe_roles(role_names(session), codes),
            reason=reason,
        )
    )
    session.flush()
    return account


# -- login, re-authentication, logout ------------------------------------------------------------
@dataclass(frozen=True)
class _Snapshot:
    id: int
    login: str
    password_hash: str
    locked: bool
    active: bool

    @property
    def ref(self) -> str:
        return f"acct:{self.id}"


def _snapshot(
    ctx: AppContext, *, login: str | None = None, account_id: int | None = None
) -> _Snapshot | None:
    with ctx.session() as s, s.begin():
        stmt = select(Account)
        stmt = (
            stmt.where(Account.login == login) if login is not None else stmt.where(Account.id == account_id)
        )
        a = s.execute(stmt).scalar_one_or_none()
        if a is None:
            return None
        return _Snapshot(a.id, a.login, a.password_hash, a.locked, a.active)


def _lock_contact(ctx: AppContext) -> str:
    """Whom a locked-out user asks: the privacy department named in the hospital profile."""
    try:
        dept = ctx.profile.department
    except PrivdeskError:
        return ""
    if not dept.department:
        return ""
    return f"개인정보 보호 담당부서({dept.department}{', ' + dept.phone if dept.phone else ''})"


def _fail(ctx: AppContext, snap: _Snapshot, channel: str) -> NoReturn:
    """Count one failed password for a known account and lock it at the threshold.

    Committed before raising, so neither the counter nor the log entries are lost."""
    threshold = ctx.settings.security.lockout_threshold
    now = clock.now()
    with ctx.session() as s, s.begin():
        count = s.execute(
            update(Account)
            .where(Account.id == snap.id, Account.locked.is_(False))
            .values(failed_attempts=Account.failed_attempts + 1)
            .returning(Account.failed_attempts)
            .execution_options(synchronize_session=False)
        ).scalar_one_or_none()
        entries = [PendingEntry(snap.login, Action.LOGIN_FAILED, snap.ref, None, Outcome.FAILED, channel)]
        locked = count is None  # locked meanwhile by somebody else
        if count is not None and 0 < threshold <= count:
            s.execute(
                update(Account)
                .where(Account.id == snap.id)
                .values(locked=True, locked_at=now, version=Account.version + 1)
                .execution_options(synchronize_session=False)
            )
            s.add(
                PermissionChange(
                    at=now,
                    actor_login=SYSTEM_ACTOR,
                    target=snap.login,
                    change="lock",
                    detail=f"로그인 {count}회 연속 실패로 자동 잠금",
                    reason="접속 제한(비밀번호 연속 오류)",
                )
            )
            entries.append(
                PendingEntry(
                    snap.login, Action.LOCK, snap.ref, None, Outcome.OK, f"auto; failed_attempts={count}"
                )
            )
            locked = True
        try:
            ctx.append(s, entries)  # checks the head before it writes anything
        except LogTamperedError as exc:
            # The lock-out still counts; the entries go to the witness file instead of the log.
            ctx.hold(snap.login, entries, exc.problem)
    if locked:
        raise AccountLockedError(_lock_contact(ctx))
    raise AuthenticationError()


def _actor(
    session: Session,
    account: Account,
    *,
    must_change: bool,
    expires_in: int | None,
    previous_login_at: dt.datetime | None = None,
) -> Actor:
    return Actor(
        account_id=account.id,
        login=account.login,
        name=account.name,
        role_codes=tuple(account.role_codes),
        permissions=permissions_of(session, account),
        must_change_password=must_change,
        password_expires_in_days=expires_in,
        previous_login_at=previous_login_at,
    )


def login(ctx: AppContext, login: str, password: str, *, channel: str = "gui") -> Actor:
    """Log in (로그인). A wrong ID and a wrong password raise the same
    :class:`AuthenticationError`; the attempt that reaches the lock-out threshold locks the
    account and raises :class:`AccountLockedError`, as does any attempt on a locked account."""
    key = login.strip().lower()
    snap = _snapshot(ctx, login=key) if key else None
    if snap is None or not snap.active:
        # Spend the time of a real verification, so the answer time does not reveal the ID.
        if snap is None:
            dummy_verify(password, ctx.hash_params)
        else:
            verify_password(password, snap.password_hash)
        ctx.record(
            clean(login, 64) or "?",
            Action.LOGIN_FAILED,
            snap.ref if snap else None,
            outcome=Outcome.FAILED,
            detail=channel,
        )
        raise AuthenticationError()
    if snap.locked:
        verify_password(password, snap.password_hash)
        ctx.record(
            snap.login, Action.LOGIN_FAILED, snap.ref, outcome=Outcome.DENIED, detail=f"{channel}; locked"
        )
        raise AccountLockedError(_lock_contact(ctx))
    if not verify_password(password, snap.password_hash):
        _fail(ctx, snap, channel)
    new_hash = (
        hash_password(password, ctx.hash_params)
        if needs_rehash(snap.password_hash, ctx.hash_params)
        else None
    )
    entry = PendingEntry(snap.login, Action.LOGIN, snap.ref, None, Outcome.OK, channel)
    held: str | None = None
    try:
        actor, head = _commit_login(ctx, snap, password, new_hash, entry)
    except _Held as h:
        actor, head, held = h.actor, None, h.problem
    except RecordIntegrityError:
        ctx.record(
            snap.login, Action.LOGIN_FAILED, snap.ref, outcome=Outcome.FAILED, detail=f"{channel}; proof"
        )
        raise
    except (LogTamperedError, IntegrityLockedError, KeyRotationError) as exc:
        ctx.refused(snap.login, exc)
        raise
    if held is not None:
        ctx.hold(snap.login, [entry], held)  # an investigator's login while the log is damaged
    elif head is not None:
        ctx.after_commit(head, 1, "login", snap.login)
    return actor


class _Held(Exception):
    def __init__(self, actor: Actor, problem: str) -> None:
        super().__init__(problem)
        self.actor, self.problem = actor, problem


def _commit_login(
    ctx: AppContext, snap: _Snapshot, password: str, new_hash: str | None, entry: PendingEntry
) -> tuple[Actor, tuple[int, bytes]]:
    """The successful login's transaction: the account checked again (and its proof), the lock
    checked (only the officer and the auditor may log in while a finding is open or the log is
    damaged; their login entry then waits in the witness file), the counters reset, the entry."""
    sec = ctx.settings.security
    with ctx.session() as s, s.begin():
        account = s.get(Account, snap.id, with_for_update=True)
        if account is None or not account.active:
            raise AuthenticationError()  # deactivated between the check and now
        if account.password_hash != snap.password_hash and not verify_password(
            password, account.password_hash
        ):
            raise AuthenticationError()  # changed or reset between the check and now
        if account.locked:
            raise AccountLockedError(_lock_contact(ctx))
        check_account(ctx.keys, account)
        investigator = is_investigator(account)
        check_lock(s, investigator)
        now = clock.now()
        previous_login_at = account.last_login_at
        state = expiry_state(
            account.password_changed_at,
            now,
            expiry_days=sec.password_expiry_days,
            notice_days=sec.password_expiry_notice_days,
        )
        values: dict[str, Any] = {"failed_attempts": 0, "last_login_at": now}
        if new_hash is not None:
            values["password_hash"] = new_hash
        if state.expired:
            values["must_change_password"] = True
        s.execute(
            update(Account)
            .where(Account.id == account.id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if new_hash is not None:
            proofs.reseal(s.connection(), ctx.keys, Account.__proof__, "accounts", [account.id])
        must_change = account.must_change_password or state.expired
        actor = _actor(
            s,
            account,
            must_change=must_change,
            expires_in=None if must_change else state.days_left,
            previous_login_at=previous_login_at,
        )
        try:
            head = ctx.append(s, [entry])
        except LogTamperedError as exc:
            if not investigator:
                raise
            raise _Held(actor, exc.problem) from None
        return actor, head


def verify_password_again(ctx: AppContext, actor: Actor, password: str) -> None:
    """Ask the logged-in account for its password again (idle unlock, approvals). A wrong
    password raises :class:`AuthenticationError` and counts toward the lock-out."""
    snap = _snapshot(ctx, account_id=actor.account_id)
    if snap is None or not snap.active or snap.login != actor.login:
        raise AuthenticationError()
    if snap.locked:
        raise AccountLockedError(_lock_contact(ctx))
    if not verify_password(password, snap.password_hash):
        _fail(ctx, snap, "reauth")
    with ctx.session() as s, s.begin():
        s.execute(
            update(Account)
            .where(Account.id == snap.id, Account.failed_attempts != 0)
            .values(failed_attempts=0)
            .execution_options(synchronize_session=False)
        )
        head = ctx.append(s, [PendingEntry(snap.login, Action.LOGIN, snap.ref, None, Outcome.OK, "reauth")])
    ctx.after_commit(head, 1, "sign-off", snap.login)


def count_failure(ctx: AppContext, account_id: int, channel: str) -> NoReturn:
    """A wrong password typed for an approval (re-entered password): counts toward the lock-out
    like a failed login, and raises."""
    snap = _snapshot(ctx, account_id=account_id)
    if snap is None:
        raise AuthenticationError()
    _fail(ctx, snap, channel)


def record_idle_lock(ctx: AppContext, actor: Actor) -> None:
    """The GUI covered itself after inactivity (or Ctrl+L): one access-log entry (화면 잠금)."""
    ctx.record(actor.login, Action.IDLE_LOCK, f"acct:{actor.account_id}")


def logout(ctx: AppContext, actor: Actor) -> None:
    """Log out (로그아웃): one access-log entry. Works even if the account was locked meanwhile."""
    ctx.record(actor.login, Action.LOGOUT, f"acct:{actor.account_id}")


# -- passwords -----------------------------------------------------------------------------------
def _recent_hashes(session: Session, account_id: int, n: int) -> list[str]:
    rows = session.execute(
        select(PasswordHistory.password_hash)
        .where(PasswordHistory.account_id == account_id)
        .order_by(PasswordHistory.created_at.desc(), PasswordHistory.id.desc())
        .limit(max(n, 0))
    )
    return list(rows.scalars())


def _store_password(
    ctx: AppContext, session: Session, account: Account, phc: str, *, must_change: bool
) -> None:
    """Set a new password hash, remember it and forget history older than needed."""
    now = clock.now()
    account.password_hash = phc
    account.must_change_password = must_change
    account.password_changed_at = now
    account.failed_attempts = 0
    session.add(PasswordHistory(account_id=account.id, password_hash=phc, created_at=now))
    session.flush()
    keep = max(ctx.settings.security.password_history, 1)
    old = (
        select(PasswordHistory.id)
        .where(PasswordHistory.account_id == account.id)
        .order_by(PasswordHistory.created_at.desc(), PasswordHistory.id.desc())
        .offset(keep)
    )
    session.execute(
        delete(PasswordHistory)
        .where(PasswordHistory.id.in_(old))
        .execution_options(synchronize_session=False)
    )


def change_password(ctx: AppContext, actor: Actor, old_password: str, new_password: str) -> Actor:
    """The account changes its own password (비밀번호 변경). A wrong old password counts toward
    the lock-out; a new one that breaks a rule raises :class:`PasswordRuleError` naming it.
    Returns a fresh :class:`Actor` that no longer must change its password."""
    snap = _snapshot(ctx, account_id=actor.account_id)
    if snap is None or not snap.active or snap.login != actor.login:
        raise AuthenticationError()
    if snap.locked:
        raise AccountLockedError(_lock_contact(ctx))
    if not verify_password(old_password, snap.password_hash):
        _fail(ctx, snap, "password_change")
    with ctx.session() as s, s.begin():
        history = _recent_hashes(s, snap.id, ctx.settings.security.password_history)
    previous = [snap.password_hash, *(h for h in history if h != snap.password_hash)]
    check_password_rules(new_password, login=snap.login, previous_hashes=previous)
    phc = hash_password(new_password, ctx.hash_params)
    with ctx.unit(actor, allow_password_change=True) as u:
        account = _me(u)
        u.session.refresh(account, with_for_update=True)
        if account.password_hash != snap.password_hash:
            raise AuthenticationError()  # changed or reset meanwhile
        _store_password(ctx, u.session, account, phc, must_change=False)
        u.log(Action.PASSWORD_CHANGE, account.ref)
        u.session.flush()
        return _actor(u.session, account, must_change=False, expires_in=None)


# -- administration (ACCOUNT_MANAGE) -------------------------------------------------------------
def _me(u: Unit) -> Account:
    if u.account is None:
        raise AuthenticationError()
    return u.account


def _target(u: Unit, login: str) -> Account:
    account = u.session.execute(
        select(Account)
        .where(Account.login == login.strip().lower())
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if account is None:
        raise NotFoundError("계정", login)
    return account


def _require_active(account: Account) -> None:
    if not account.active:
        raise RuleViolationError(f"말소된 계정({account.login})은 바꿀 수 없습니다.")


def _require_reason(reason: str, what: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", f"{what} 사유를 입력하십시오.")
    return no_personal_data("reason", reason, f"{what} 사유")


def _optional_reason(reason: str) -> str:
    return no_personal_data("reason", (reason or "").strip(), "사유")


def _not_self(u: Unit, account: Account, what: str) -> None:
    if account.id == _me(u).id:
        raise RuleViolationError(f"자기 자신의 계정은 {what} 수 없습니다. 다른 관리자에게 요청하십시오.")


def _officer_only(u: Unit, account: Account, new_roles: list[str] | None = None) -> None:
    """Only a privacy officer may manage an officer's account or grant the officer role
    (otherwise an account manager could reset the officer's password and take the account)."""
    touches_officer = OFFICER in account.role_codes or (new_roles is not None and OFFICER in new_roles)
    if touches_officer and OFFICER not in _me(u).role_codes:
        raise RuleViolationError(
            "개인정보 보호책임자의 계정과 역할은 개인정보 보호책임자만 관리할 수 있습니다."
        )


def _history(u: Unit, target: str, change: str, detail: str, reason: str) -> None:
    """A permission-history row; its reason never carries personal data (checked again here, so
    no path can store one)."""
    u.session.add(
        PermissionChange(
            at=clock.now(),
            actor_login=u.actor_login,
            target=target,
            change=change,
            detail=detail,
            reason=_optional_reason(reason),
        )
    )


def _text(field: str, value: str, what: str, *, required: bool) -> str:
    value = " ".join(value.split())
    if required and not value:
        raise ValidationError(field, f"{josa(what, '을/를')} 입력하십시오.")
    if len(value) > 64:
        raise ValidationError(field, f"{josa(what, '은/는')} 64자 이하여야 합니다.")
    return value


def add_account(
    ctx: AppContext,
    actor: Actor,
    *,
    login: str,
    name: str,
    roles: list[str],
    department: str = "",
    reason: str = "",
) -> tuple[AccountInfo, str]:
    """Create an account (계정 생성) with a one-time password that must be changed at first login.
    Returns the account and the one-time password (shown once, never stored in plain text)."""
    login = validate_login(login.strip().lower())
    name = _text("name", name, "이름", required=True)
    department = _text("department", department, "부서", required=False)
    reason = _optional_reason(reason)
    with ctx.unit(actor, Permission.ACCOUNT_MANAGE) as u:
        codes = validate_role_codes(u.session, roles)
        if OFFICER in codes and OFFICER not in _me(u).role_codes:
            raise RuleViolationError("개인정보 보호책임자 역할은 개인정보 보호책임자만 부여할 수 있습니다.")
        if u.session.execute(select(Account.id).where(Account.login == login)).first() is not None:
            raise ValidationError(
                "login", f"이미 있는 아이디입니다: {login}. 말소된 계정의 아이디도 다시 쓸 수 없습니다."
            )
        otp = one_time_password()
        account = create_account_row(
            u.session,
            login=login,
            name=name,
            password=otp,
            roles=codes,
            params=ctx.hash_params,
            actor_login=actor.login,
            must_change=True,
            department=department,
            reason=reason.strip(),
        )
        u.log(Action.ACCOUNT_CREATE, account.ref, detail="roles=" + ",".join(codes))
        return account_info(account), otp


def list_accounts(ctx: AppContext, actor: Actor, *, include_inactive: bool = False) -> list[AccountInfo]:
    with ctx.unit(actor, Permission.ACCOUNT_MANAGE) as u:
        stmt = select(Account).order_by(Account.login)
        if not include_inactive:
            stmt = stmt.where(Account.active.is_(True))
        rows = [account_info(a) for a in u.session.execute(stmt).scalars()]
        u.log(Action.VIEW, "accounts", detail=f"list; rows={len(rows)}")
        return rows


def get_account(ctx: AppContext, actor: Actor, login: str) -> AccountInfo:
    with ctx.unit(actor, Permission.ACCOUNT_MANAGE) as u:
        account = u.session.execute(
            select(Account).where(Account.login == login.strip().lower())
        ).scalar_one_or_none()
        if account is None:
            raise NotFoundError("계정", login)
        u.log(Action.VIEW, account.ref)
        return account_info(account)


def lock_account(ctx: AppContext, actor: Actor, login: str, reason: str) -> AccountInfo:
    """Lock an account (계정 잠금) by hand. The last active privacy officer cannot be locked."""
    with ctx.unit(actor, Permission.ACCOUNT_MANAGE) as u:
        account = _target(u, login)
        _require_active(account)
        if account.locked:
            raise RuleViolationError(f"이미 잠긴 계정입니다: {account.login}")
        guard_last_officer(u.session, account, "잠글")
        _not_self(u, account, "잠글")
        _officer_only(u, account)
        account.locked = True
        account.locked_at = clock.now()
        _history(u, account.login, "lock", "관리자 잠금", reason)
        u.log(Action.LOCK, account.ref, detail="manual")
        u.session.flush()
        return account_info(account)


def unlock_account(ctx: AppContext, actor: Actor, login: str, reason: str) -> AccountInfo:
    """Unlock an account (잠금 해제) with a reason; resets the failure counter. Any account
    manager may unlock an officer, so a locked-out officer can always be let back in."""
    reason = _require_reason(reason, "잠금 해제")
    with ctx.unit(actor, Permission.ACCOUNT_MANAGE) as u:
        account = _target(u, login)
        _require_active(account)
        if not account.locked:
            raise RuleViolationError(f"잠겨 있지 않은 계정입니다: {account.login}")
        failures = account.failed_attempts
        account.locked = False
        account.locked_at = None
        account.failed_attempts = 0
        _history(u, account.login, "unlock", f"잠금 해제 (실패 횟수 {failures}회 초기화)", reason)
        u.log(Action.UNLOCK, account.ref)
        u.session.flush()
        return account_info(account)


def set_roles(
    ctx: AppContext,
    actor: Actor,
    login: str,
    roles: list[str],
    *,
    reason: str = "",
    expected_version: int | None = None,
) -> AccountInfo:
    """Replace an account's roles (역할 변경): grants and revocations are recorded.
    ``expected_version`` is the version the screen showed; a stale one raises
    :class:`VersionConflictError`."""
    with ctx.unit(actor, Permission.ACCOUNT_MANAGE) as u:
        account = _target(u, login)
        codes = validate_role_codes(u.session, roles)
        _require_active(account)
        if expected_version is not None and expected_version != account.version:
            raise VersionConflictError("accounts", account.login, expected_version, account.version)
        before = account.role_codes
        if codes == before:
            return account_info(account)
        if OFFICER in before and OFFICER not in codes:
            guard_last_officer(u.session, account, "개인정보 보호책임자 역할에서 뺄")
        _not_self(u, account, "역할을 바꿀")
        _officer_only(u, account, codes)
        granted = [c for c in codes if c not in before]
        revoked = [c for c in before if c not in codes]
        account.roles = [r for r in account.roles if r.role_code in codes] + [
            AccountRole(role_code=c) for c in granted
        ]
        bump_version(u.session, account, "accounts", account.login, expected_version)
        names = role_names(u.session)
        _history(
            u,
            account.login,
            "roles",
            f"부여: {describe_roles(names, granted)}; 회수: {describe_roles(names, revoked)}",
            reason,
        )
        u.log(Action.ROLE_CHANGE, account.ref, detail=f"+{','.join(granted)} -{','.join(revoked)}")
        u.session.flush()
        return account_info(account)


@dataclass(frozen=True)
class Recovery:
    """What ``privdesk user recover`` hands out: the one-time password and the next recovery code."""

    one_time_password: str
    recovery_code: str


def recover_officer(ctx: AppContext, login: str, *, reason: str, code: str) -> Recovery:
    """Let a privacy officer back in (보호책임자 계정 복구) when nobody else can.

    Runs without an acting account, as the system (``privdesk user recover``). Holding the key
    file and the database is not enough — every workstation has both: the officer's recovery code
    from the safe is needed too (:mod:`privdesk.accounts.recovery`). Only accounts holding the
    officer role qualify; it unlocks, issues a one-time password that must be changed at the next
    login and a new recovery code (the old one stops working), records all of it in the
    permission history and the access log, and leaves every officer a notice shown at each login
    until acknowledged. A wrong code is refused and logged."""
    reason = _require_reason(reason, "계정 복구")
    with ctx.unit(None, break_glass=True) as u:
        ok = recovery.check_code(u.session, ctx.keys, code)
    if not ok:
        ctx.record(
            SYSTEM_ACTOR,
            Action.PASSWORD_RESET,
            None,
            outcome=Outcome.DENIED,
            detail="recover; wrong recovery code",
        )
        raise AuthenticationError.recovery()
    with ctx.unit(None, break_glass=True) as u:
        if not recovery.check_code(u.session, ctx.keys, code):  # used up meanwhile by another recovery
            raise AuthenticationError.recovery()
        account = _target(u, login)
        _require_active(account)
        if OFFICER not in account.role_codes:
            raise RuleViolationError(
                "복구는 개인정보 보호책임자 계정만 할 수 있습니다. 다른 계정은 계정 관리 권한자가 잠금 해제하십시오."
            )
        otp = one_time_password()
        account.locked = False
        account.locked_at = None
        account.failed_attempts = 0
        _store_password(ctx, u.session, account, hash_password(otp, ctx.hash_params), must_change=True)
        _history(
            u,
            account.login,
            "recover",
            "잠금 해제와 일회용 비밀번호 발급 (복구 코드 사용, 새 복구 코드 발급)",
            reason,
        )
        new_code = recovery.store_code(u.session, ctx.keys, ctx.hash_params)
        u.log(Action.UNLOCK, account.ref, detail="recover")
        u.log(Action.PASSWORD_RESET, account.ref, detail="recover")
        now = clock.now()
        text = (
            f"계정 복구가 실행되었습니다 ({clock.fmt_datetime(now)}, 작업 PC {ctx.workstation.host}, "
            f"대상 {account.login}). 본인이나 다른 보호책임자가 한 일이 아니면 즉시 조사하십시오."
        )
        officers = (
            u.session.execute(
                select(Account)
                .join(AccountRole)
                .where(AccountRole.role_code == OFFICER, Account.active.is_(True))
            )
            .scalars()
            .all()
        )
        for officer in officers:
            u.session.add(AccountNotice(account_id=officer.id, kind="recovery", text=text, created_at=now))
        u.session.flush()
        u.witness("recover")
        return Recovery(otp, new_code)


def pending_notices(ctx: AppContext, actor: Actor) -> list[tuple[int, str]]:
    """Notices the account has not acknowledged yet, oldest first: ``(id, text)``."""
    with ctx.unit(actor, allow_password_change=True) as u:
        rows = u.session.execute(
            select(AccountNotice.id, AccountNotice.text)
            .where(AccountNotice.account_id == actor.account_id, AccountNotice.acknowledged_at.is_(None))
            .order_by(AccountNotice.id)
        ).all()
        return [(int(i), str(t)) for i, t in rows]


def acknowledge_notices(ctx: AppContext, actor: Actor, ids: list[int]) -> int:
    """The account has read these notices; each acknowledgement is logged."""
    with ctx.unit(actor, allow_password_change=True) as u:
        rows = (
            u.session.execute(
                select(AccountNotice).where(
                    AccountNotice.account_id == actor.account_id,
                    AccountNotice.id.in_(ids),
                    AccountNotice.acknowledged_at.is_(None),
                )
            )
            .scalars()
            .all()
        )
        now = clock.now()
        for n in rows:
            n.acknowledged_at = now
            u.log(Action.UPDATE, f"acct:{actor.account_id}", detail=f"notice {n.id} acknowledged ({n.kind})")
        return len(rows)


def reset_password(ctx: AppContext, actor: Actor, login: str, *, reason: str = "") -> str:
    """Issue a new one-time password (비밀번호 초기화); the account must change it at next login.
    Does not unlock a locked account (that is :func:`unlock_account`, with its own reason)."""
    with ctx.unit(actor, Permission.ACCOUNT_MANAGE) as u:
        account = _target(u, login)
        _require_active(account)
        if account.id == _me(u).id:
            raise RuleViolationError(
                "자기 비밀번호는 초기화하지 말고 비밀번호 변경('privdesk passwd')으로 바꾸십시오."
            )
        _officer_only(u, account)
        otp = one_time_password()
        _store_password(ctx, u.session, account, hash_password(otp, ctx.hash_params), must_change=True)
        _history(u, account.login, "password_reset", "일회용 비밀번호 발급, 다음 로그인 때 변경", reason)
        u.log(Action.PASSWORD_RESET, account.ref)
        u.session.flush()
        return otp


def deactivate_account(ctx: AppContext, actor: Actor, login: str, reason: str) -> AccountInfo:
    """Deactivate an account (계정 말소): its roles are revoked and it can no longer log in.
    The row stays, so the access log and the permission history keep naming it."""
    reason = _require_reason(reason, "계정 말소")
    with ctx.unit(actor, Permission.ACCOUNT_MANAGE) as u:
        account = _target(u, login)
        if not account.active:
            raise RuleViolationError(f"이미 말소된 계정입니다: {account.login}")
        guard_last_officer(u.session, account, "말소할")
        _not_self(u, account, "말소할")
        _officer_only(u, account)
        revoked = account.role_codes
        account.active = False
        account.roles = []
        _history(
            u, account.login, "deactivate", f"회수: {describe_roles(role_names(u.session), revoked)}", reason
        )
        u.log(Action.ACCOUNT_UPDATE, account.ref, detail="deactivate; -" + ",".join(revoked))
        u.session.flush()
        return account_info(account)


def permission_history(
    ctx: AppContext,
    actor: Actor,
    *,
    target: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[PermissionChangeInfo]:
    """The permission history (권한 변경 이력), oldest first; ``since``/``until`` are inclusive
    days in Korea time. Needs AUDIT_READ or ACCOUNT_MANAGE; the look itself is logged."""
    with ctx.unit(actor) as u:
        perms = permissions_of(u.session, _me(u))
        if Permission.AUDIT_READ not in perms and Permission.ACCOUNT_MANAGE not in perms:
            raise PermissionDeniedError(str(Permission.AUDIT_READ), label(Permission.AUDIT_READ))
        stmt = select(PermissionChange).order_by(PermissionChange.at, PermissionChange.id)
        if target:
            stmt = stmt.where(PermissionChange.target == target.strip())
        if since is not None:
            stmt = stmt.where(PermissionChange.at >= dt.datetime.combine(since, dt.time(), clock.KST))
        if until is not None:
            end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), clock.KST)
            stmt = stmt.where(PermissionChange.at < end)
        changes = list(u.session.execute(stmt).scalars())
        who = people(u.session, [x for c in changes for x in (c.actor_login, c.target)])
        rows = [
            PermissionChangeInfo(
                at=c.at,
                actor_login=c.actor_login,
                target=c.target,
                change=c.change,
                detail=c.detail,
                reason=c.reason,
                actor_label=who.label(c.actor_login),
                target_label=who.label(c.target),
            )
            for c in changes
        ]
        filters = [
            f"target={target}" if target else "",
            f"since={since}" if since else "",
            f"until={until}" if until else "",
        ]
        u.log(Action.VIEW, "permission_history", detail="; ".join(f for f in filters if f) or "all")
        return rows
