"""Tables of the privacy policy (개인정보 처리방침, 개인정보 보호법 제30조).

``policy_versions`` (append-only): every draft (초안) and every published version (게시본) is a row
that is never changed or deleted. A draft is the policy as privdesk rendered it from its data at
that moment, with the editable texts; publishing inserts a new row, ``state = 'published'``, with
the next ``number`` (1, 2, 3 …), the effective date (시행일) and who published it — the draft it
came from stays as it was. So the published versions are numbered, kept forever and immutable
(the database's own trigger refuses an UPDATE or DELETE, :mod:`privdesk.audit.protections`).

- ``sections``: the rendered policy as JSON (``[{"key", "title", "lines"}]``, see
  :mod:`privdesk.policy.document`);
- ``texts``: the editable texts (introductions, the safety-measures prose) as JSON;
- ``facts``: what the policy states about processors, cameras, retention rules and contacts, as
  JSON lists by category — :func:`privdesk.policy.versions.status` compares them with today's data.

No personal data of any data subject: the officer's and the department's published contacts only.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from privdesk.store.models import Base

DRAFT = "draft"
PUBLISHED = "published"


class PolicyVersion(Base):
    """A draft or a published version of the privacy policy (append-only)."""

    __tablename__ = "policy_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int | None] = mapped_column(Integer, unique=True, nullable=True)  # published only
    state: Mapped[str] = mapped_column(String(16))
    effective_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    sections: Mapped[str] = mapped_column(Text)
    texts: Mapped[str] = mapped_column(Text)
    facts: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # published: the draft's id
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[dt.datetime | None]
    published_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
