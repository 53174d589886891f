"""What other domains use of rights (issue 17: a domain is imported from outside only through
its api; anything else in privdesk.rights is its own business). Re-exports only."""

from __future__ import annotations

from privdesk.rights import requests
from privdesk.rights.models import SubjectRequest

__all__ = [
    "SubjectRequest",
    "requests",
]
