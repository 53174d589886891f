"""What other domains use of disclosures (issue 17: a domain is imported from outside only through
its api; anything else in privdesk.disclosures is its own business). Re-exports only."""

from __future__ import annotations

from privdesk.disclosures.bases import BASES, private_bases
from privdesk.disclosures.history import SubjectDisclosure, subject_history
from privdesk.disclosures.models import PROVISION, Disclosure, DisclosureSubject, Processor
from privdesk.disclosures.processors import ensure_processors

__all__ = [
    "BASES",
    "PROVISION",
    "Disclosure",
    "DisclosureSubject",
    "Processor",
    "SubjectDisclosure",
    "ensure_processors",
    "private_bases",
    "subject_history",
]
