"""Roles (역할) as data: seeded from the presets, editable by the privacy officer.

A role is a named set of permissions (권한); an account may hold several roles. The privacy
officer's role (개인정보 보호책임자, ``officer``) always holds every permission and cannot be
edited, so there is always somebody who can repair a broken role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from privdesk import clock
from privdesk.accounts.permissions import (
    OFFICER,
    ROLE_DESCRIPTIONS,
    ROLE_NAMES,
    ROLE_PRESETS,
    Permission,
    label,
)
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError, VersionConflictError
from privdesk.fields import no_personal_data
from privdesk.store.models import Account, AccountRole, PermissionChange, Role, RolePermission


@dataclass(frozen=True)
class RoleInfo:
    """A role as the screens and the command line see it."""

    code: str
    name: str
    description: str
    builtin: bool
    permissions: frozenset[str]
    version: int


def seed_roles(session: Session) -> None:
    """Create the preset roles that do not exist yet (idempotent; edited roles are left alone)."""
    existing = set(session.execute(select(Role.code)).scalars())
    for code, perms in ROLE_PRESETS.items():
        if code in existing:
            continue
        role = Role(code=code, name=ROLE_NAMES[code], description=ROLE_DESCRIPTIONS[code], builtin=True)
        role.permissions = [RolePermission(permission=str(p)) for p in sorted(perms)]
        session.add(role)
    session.flush()


def role_info(role: Role) -> RoleInfo:
    return RoleInfo(
        code=role.code,
        name=role.name,
        description=role.description,
        builtin=role.builtin,
        permissions=frozenset(p.permission for p in role.permissions),
        version=role.version,
    )


def role_names(session: Session) -> dict[str, str]:
    """Role code -> Korean name, in code order."""
    rows = session.execute(select(Role.code, Role.name).order_by(Role.code))
    return {code: name for code, name in rows}


def validate_role_codes(session: Session, codes: Iterable[str]) -> list[str]:
    """The given role codes, sorted and without duplicates; an unknown code is a ValidationError
    that lists the valid ones."""
    wanted = sorted({c.strip() for c in codes})
    if not wanted:
        raise ValidationError("roles", "역할을 하나 이상 지정하십시오.")
    names = role_names(session)
    unknown = [c for c in wanted if c not in names]
    if unknown:
        valid = ", ".join(f"{code}({name})" for code, name in names.items())
        raise ValidationError(
            "roles", f"알 수 없는 역할입니다: {', '.join(unknown)}. 사용할 수 있는 역할: {valid}"
        )
    return wanted


def describe_roles(names: dict[str, str], codes: Iterable[str]) -> str:
    return ", ".join(f"{names.get(c, c)}({c})" for c in codes) or "없음"


def active_officer_ids(session: Session) -> set[int]:
    """Accounts that hold the officer role and are active and not locked.

    The officer role's row is locked ``FOR UPDATE`` first as a mutex (a no-op on SQLite, whose
    transactions are already serialised by ``BEGIN IMMEDIATE``), then the officers are counted in
    a fresh statement: two administrators on PostgreSQL cannot each remove one of the last two
    officers at once, and no two transactions wait on each other's account rows.
    """
    session.execute(select(Role.code).where(Role.code == OFFICER).with_for_update()).all()
    officers = select(AccountRole.account_id).where(AccountRole.role_code == OFFICER)
    rows = session.execute(
        select(Account.id).where(
            Account.id.in_(officers), Account.active.is_(True), Account.locked.is_(False)
        )
    )
    return set(rows.scalars())


def guard_last_officer(session: Session, account: Account, what: str) -> None:
    """Refuse ``what`` when ``account`` is the last active, unlocked privacy officer."""
    if OFFICER not in account.role_codes or not account.active or account.locked:
        return
    if active_officer_ids(session) <= {account.id}:
        raise RuleViolationError(
            f"마지막 개인정보 보호책임자 계정({account.login})은 {what} 수 없습니다. "
            "먼저 다른 계정에 개인정보 보호책임자 역할을 부여하십시오."
        )


def bump_version(session: Session, row: Account | Role, table: str, ref: str, expected: int | None) -> None:
    """Optimistic locking (동시 수정 충돌 방지): check ``expected`` and force a version bump even
    when only child rows (roles, permissions) changed. Callers load ``row`` ``FOR UPDATE``, so
    the ORM's own version check cannot fail behind our back on PostgreSQL."""
    if expected is not None and expected != row.version:
        raise VersionConflictError(table, ref, expected, row.version)
    flag_modified(row, "name")
    session.flush()


# -- use cases ---------------------------------------------------------------------------------
def list_roles(ctx: AppContext, actor: Actor) -> list[RoleInfo]:
    """Every role with its permissions (any logged-in account may see what the roles mean)."""
    with ctx.unit(actor) as u:
        roles = u.session.execute(select(Role).order_by(Role.code)).scalars().all()
        return [role_info(r) for r in roles]


def set_role_permissions(
    ctx: AppContext,
    actor: Actor,
    code: str,
    permissions: set[str],
    *,
    reason: str,
    expected_version: int | None = None,
) -> RoleInfo:
    """Change what a role may do (역할 권한 변경). Recorded in the permission history."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", "역할 권한을 바꾸는 사유를 입력하십시오.")
    no_personal_data("reason", reason, "역할 권한을 바꾸는 사유")
    valid = {str(p) for p in Permission}
    unknown = sorted(set(permissions) - valid)
    if unknown:
        raise ValidationError("permissions", f"알 수 없는 권한입니다: {', '.join(unknown)}")
    with ctx.unit(actor, Permission.ROLE_EDIT) as u:
        role = u.session.get(Role, code, populate_existing=True, with_for_update=True)
        if role is None:
            raise NotFoundError("역할", code)
        if role.code == OFFICER:
            raise RuleViolationError("개인정보 보호책임자 역할은 항상 모든 권한을 가지므로 바꿀 수 없습니다.")
        before = {p.permission for p in role.permissions}
        after = set(permissions)
        if before == after:
            if expected_version is not None and expected_version != role.version:
                raise VersionConflictError("roles", f"role:{code}", expected_version, role.version)
            return role_info(role)
        keep = [p for p in role.permissions if p.permission in after]
        role.permissions = keep + [RolePermission(permission=p) for p in sorted(after - before)]
        bump_version(u.session, role, "roles", f"role:{code}", expected_version)
        granted = ", ".join(label(p) for p in sorted(after - before)) or "없음"
        revoked = ", ".join(label(p) for p in sorted(before - after)) or "없음"
        detail = f"부여: {granted}; 회수: {revoked}"
        u.session.add(
            PermissionChange(
                at=clock.now(),
                actor_login=actor.login,
                target=f"role:{code}",
                change="role_permissions",
                detail=detail,
                reason=reason,
            )
        )
        u.log(
            Action.ROLE_CHANGE,
            f"role:{code}",
            detail="+" + ",".join(sorted(after - before)) + " -" + ",".join(sorted(before - after)),
        )
        u.session.flush()
        return role_info(role)
