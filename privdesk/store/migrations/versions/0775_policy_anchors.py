"""The privacy policy's versions are anchored in the access log from now on (no schema change).

Revision ID: 0775
Revises: 0770
Create Date: 2026-12-05 06:10:00

A marker only: the versions a database stored under 0770 have no anchor, and ``audit verify`` would
report each of them as inserted behind privdesk's back. The application anchors them right after
this upgrade, in its first unit (:mod:`privdesk.opening`, ``ANCHORED_BY_REVISION``); a migration
cannot, having no key and no access to the chain's head.
"""

from collections.abc import Sequence

revision: str = "0775"
down_revision: str | None = "0770"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
