"""The data born with the hospital profile is seeded at birth from now on (no schema change).

Revision ID: 0800
Revises: 0790
Create Date: 2026-12-05 07:10:00

A marker only: before it, the personal-information files (``lifecycle_files``), the processors
(``processors``) and the CCTV cameras (``cctv_cameras``) were seeded by the first use case that read them; now ``privdesk init`` seeds
them and the read use cases only read. A database made before this revision may never have had
them read, so the application seeds what is missing right after this upgrade, in its first unit
(:mod:`privdesk.opening`, ``ANCHORED_BY_REVISION``); a migration cannot, having no key (row
proofs) and no access to the chain's head.
"""

from collections.abc import Sequence

revision: str = "0800"
down_revision: str | None = "0790"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
