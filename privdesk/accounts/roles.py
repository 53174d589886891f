"""Roles (역할) as data: seeded from the presets, editable by the privacy officer."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk.accounts.permissions import ROLE_DESCRIPTIONS, ROLE_NAMES, ROLE_PRESETS
from privdesk.store.models import Role, RolePermission


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
