"""The index the start screen's consent count (동의 재수집 대상) filters by.

Revision ID: 0810
Revises: 0790
Create Date: 2026-12-05 07:00:00

``privdesk.consent.records.outdated_count`` counts the live patients whose latest record for a
purpose is a consent (``given``) to a text version that no longer counts. Without an index its
candidates came from a scan of every ``consent_records`` row; ``ix_consent_records_purpose_text``
on (purpose, action, text_id) lets it seek only the consents to the stale versions.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0810"
down_revision: str | None = "0790"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_consent_records_purpose_text", "consent_records", ["purpose", "action", "text_id"])


def downgrade() -> None:
    op.drop_index("ix_consent_records_purpose_text", table_name="consent_records")
