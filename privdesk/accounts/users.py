"""Account use cases (계정 관리)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.crypto import PasswordHashParams, hash_password
from privdesk.store.models import Account, AccountRole, PasswordHistory, PermissionChange


def create_account_row(session: Session, *, login: str, name: str, password: str, roles: list[str],
                       params: PasswordHashParams, actor_login: str, must_change: bool,
                       department: str = "", reason: str = "") -> Account:
    """Insert an account with its roles and first password; records the grant (권한 부여 기록)."""
    now = clock.now()
    phc = hash_password(password, params)
    account = Account(login=login, name=name, department=department, password_hash=phc,
                      must_change_password=must_change, password_changed_at=now, failed_attempts=0,
                      locked=False, active=True, created_at=now)
    account.roles = [AccountRole(role_code=code) for code in sorted(set(roles))]
    session.add(account)
    session.flush()
    session.add(PasswordHistory(account_id=account.id, password_hash=phc, created_at=now))
    session.add(PermissionChange(at=now, actor_login=actor_login, target=login, change="create",
                                 detail="roles=" + ",".join(sorted(set(roles))), reason=reason))
    session.flush()
    return account
