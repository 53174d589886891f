"""Roles as data, and the permission check of every protected account use case (both backends)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from privdesk.accounts import roles, users
from privdesk.accounts.permissions import ROLE_PRESETS, Permission
from privdesk.audit.chain import Action, Outcome
from privdesk.context import Actor, AppContext
from privdesk.errors import (
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
    VersionConflictError,
)
from privdesk.store.models import AccessLogEntry, Account, PermissionChange
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

PW = "Bright-river42"


def officer(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def make_user(ctx: AppContext, admin: Actor, login: str, role_codes: list[str]) -> Actor:
    _, otp = users.add_account(ctx, admin, login=login, name="박시설", roles=role_codes)
    return users.change_password(ctx, users.login(ctx, login, otp), otp, PW)


def count(ctx: AppContext, model: Any, *where: Any) -> int:
    with ctx.session() as s:
        return int(s.execute(select(func.count()).select_from(model).where(*where)).scalar_one())


def test_list_roles_shows_the_presets(ctx: AppContext) -> None:
    facility = make_user(ctx, officer(ctx), "park", ["facility"])
    listed = {r.code: r for r in roles.list_roles(ctx, facility)}
    assert set(listed) == set(ROLE_PRESETS)
    assert listed["officer"].permissions == frozenset(str(p) for p in Permission)
    assert listed["intake"].name == "원무" and listed["intake"].builtin and listed["intake"].version == 1
    assert Permission.PATIENT_UNMASK in listed["intake"].permissions


def test_set_role_permissions_takes_effect_and_is_recorded(ctx: AppContext) -> None:
    admin = officer(ctx)
    intake = make_user(ctx, admin, "han", ["intake"])
    assert intake.may(Permission.PATIENT_EXPORT)
    before = {r.code: r for r in roles.list_roles(ctx, admin)}["intake"]
    wanted = set(before.permissions) - {Permission.PATIENT_EXPORT} | {Permission.CCTV_READ}
    with pytest.raises(ValidationError):
        roles.set_role_permissions(ctx, admin, "intake", wanted, reason=" ")
    with pytest.raises(ValidationError):
        roles.set_role_permissions(ctx, admin, "intake", {*wanted, "patient.teleport"}, reason="정비")
    with pytest.raises(NotFoundError):
        roles.set_role_permissions(ctx, admin, "doctor", wanted, reason="정비")
    after = roles.set_role_permissions(
        ctx, admin, "intake", wanted, reason="내보내기 권한 회수", expected_version=before.version
    )
    assert after.permissions == frozenset(wanted) and after.version == before.version + 1
    fresh = users.login(ctx, "han", PW)
    assert not fresh.may(Permission.PATIENT_EXPORT) and fresh.may(Permission.CCTV_READ)
    with pytest.raises(VersionConflictError):
        roles.set_role_permissions(
            ctx, admin, "intake", set(before.permissions), reason="되돌림", expected_version=before.version
        )
    with ctx.session() as s:
        row = s.scalars(select(PermissionChange).where(PermissionChange.target == "role:intake")).one()
        log = s.scalars(select(AccessLogEntry).where(AccessLogEntry.action == Action.ROLE_CHANGE)).one()
    assert row.change == "role_permissions" and row.reason == "내보내기 권한 회수"
    assert "부여: CCTV 기록 조회" in row.detail and "회수: 환자 명부 내보내기" in row.detail
    assert (log.subject, log.detail) == ("role:intake", "+cctv.read -patient.export")


def test_officer_role_is_not_editable(ctx: AppContext) -> None:
    admin = officer(ctx)
    with pytest.raises(RuleViolationError) as err:
        roles.set_role_permissions(ctx, admin, "officer", {str(Permission.AUDIT_READ)}, reason="축소")
    assert "개인정보 보호책임자" in str(err.value)
    assert {r.code: r for r in roles.list_roles(ctx, admin)}["officer"].version == 1


def test_every_protected_use_case_refuses_and_logs(ctx: AppContext) -> None:
    """A facility account lacks ACCOUNT_MANAGE, ROLE_EDIT and AUDIT_READ: every door refuses it,
    each refusal is a typed error and one ``permission_denied`` entry, and nothing changes."""
    admin = officer(ctx)
    make_user(ctx, admin, "kim", ["intake"])
    users.lock_account(ctx, admin, "kim", "시험")
    outsider = make_user(ctx, admin, "park", ["facility"])
    calls: dict[str, tuple[Callable[[], object], Permission]] = {
        "add_account": (
            lambda: users.add_account(ctx, outsider, login="lee", name="이", roles=["intake"]),
            Permission.ACCOUNT_MANAGE,
        ),
        "list_accounts": (lambda: users.list_accounts(ctx, outsider), Permission.ACCOUNT_MANAGE),
        "get_account": (lambda: users.get_account(ctx, outsider, "kim"), Permission.ACCOUNT_MANAGE),
        "lock_account": (
            lambda: users.lock_account(ctx, outsider, OFFICER_LOGIN, "x"),
            Permission.ACCOUNT_MANAGE,
        ),
        "unlock_account": (
            lambda: users.unlock_account(ctx, outsider, "kim", "x"),
            Permission.ACCOUNT_MANAGE,
        ),
        "set_roles": (lambda: users.set_roles(ctx, outsider, "park", ["officer"]), Permission.ACCOUNT_MANAGE),
        "reset_password": (
            lambda: users.reset_password(ctx, outsider, OFFICER_LOGIN),
            Permission.ACCOUNT_MANAGE,
        ),
        "deactivate_account": (
            lambda: users.deactivate_account(ctx, outsider, "kim", "x"),
            Permission.ACCOUNT_MANAGE,
        ),
        "permission_history": (lambda: users.permission_history(ctx, outsider), Permission.AUDIT_READ),
        "set_role_permissions": (
            lambda: roles.set_role_permissions(ctx, outsider, "facility", set(Permission), reason="x"),
            Permission.ROLE_EDIT,
        ),
    }
    denied = AccessLogEntry.action == Action.PERMISSION_DENIED
    for name, (call, permission) in calls.items():
        seen = count(ctx, AccessLogEntry, denied)
        with pytest.raises(PermissionDeniedError) as err:
            call()
        assert err.value.permission == permission, name
        assert str(err.value).startswith("권한이 없습니다"), name
        with ctx.session() as s:
            last = s.scalars(select(AccessLogEntry).order_by(AccessLogEntry.seq.desc()).limit(1)).one()
        assert count(ctx, AccessLogEntry, denied) == seen + 1, name
        assert (last.action, last.actor, last.outcome, last.detail) == (
            Action.PERMISSION_DENIED,
            "park",
            Outcome.DENIED,
            str(permission),
        ), name
    assert count(ctx, Account, Account.login == "lee") == 0
    assert users.get_account(ctx, admin, "kim").locked
    assert users.get_account(ctx, admin, "park").role_codes == ("facility",)
    assert users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD).login == OFFICER_LOGIN


def test_auditor_reads_the_permission_history_but_manages_nothing(ctx: AppContext) -> None:
    admin = officer(ctx)
    auditor = make_user(ctx, admin, "choi", ["auditor"])
    assert [r.target for r in users.permission_history(ctx, auditor)] == [OFFICER_LOGIN, "choi"]
    with pytest.raises(PermissionDeniedError):
        users.list_accounts(ctx, auditor)
