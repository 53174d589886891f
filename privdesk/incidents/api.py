"""What other domains use of incidents (issue 17: a domain is imported from outside only through
its api; anything else in privdesk.incidents is its own business). Re-exports only."""

from __future__ import annotations

from privdesk.incidents import register
from privdesk.incidents.models import Incident

__all__ = [
    "Incident",
    "register",
]
