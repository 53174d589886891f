"""Persistence: models, the engine factory, migrations, and optimistic locking helpers."""

from __future__ import annotations

from typing import Protocol

from privdesk.errors import VersionConflictError


class Versioned(Protocol):
    version: int

    @property
    def __tablename__(self) -> str: ...


def check_version(obj: Versioned, expected: int | None, ref: str) -> None:
    """Refuse a save made from a stale copy (동시 수정 충돌): ``expected`` is the version the user
    loaded. The ORM's ``version_id_col`` also guards the window between this check and the write."""
    if expected is not None and obj.version != expected:
        raise VersionConflictError(obj.__tablename__, ref, expected, obj.version)
