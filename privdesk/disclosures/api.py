"""What other domains use of disclosures (issue 17: a domain is imported from outside only through
its api; anything else in privdesk.disclosures is its own business). Re-exports only."""

from __future__ import annotations

from privdesk.disclosures.bases import BASES, private_bases
from privdesk.disclosures.history import SubjectDisclosure, subject_history
from privdesk.disclosures.models import PROVISION, Disclosure, DisclosureSubject, Processor

__all__ = [
    "BASES",
    "PROVISION",
    "Disclosure",
    "DisclosureSubject",
    "Processor",
    "SubjectDisclosure",
    "private_bases",
    "subject_history",
]
