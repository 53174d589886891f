"""The composition's wiring: what a domain calls in one above it (:class:`privdesk.context.Wiring`).

Destruction (lifecycle) must not destroy a record under an open data-subject request (rights) and
must tell the backups (backup) what it removed; rights and backup sit above lifecycle — they read
its tables — so lifecycle cannot import them. A contact export (registry) must find a consent
(consent, which sits above the registry) for every patient. The composition hands their functions in here, once,
when a context is built (:mod:`privdesk.opening`, :mod:`privdesk.bootstrap`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from privdesk.backup.backups import catalogue_after_destruction, copies_texts
from privdesk.backup.snapshot import wipe_stale
from privdesk.consent.api import USE_CONTACT, require_consent
from privdesk.context import Wiring
from privdesk.rights.requests import open_request_exclusions


def require_contact_consent(
    session: Session, patient_ids: Sequence[int], profile_raw: Mapping[str, Any], code: str | None
) -> str:
    return require_consent(session, patient_ids, profile_raw, USE_CONTACT, code).code


def standard() -> Wiring:
    return Wiring(
        destruction_exclusions=(open_request_exclusions,),
        catalogue_after_destruction=catalogue_after_destruction,
        wipe_stale_snapshots=wipe_stale,
        backup_copies_texts=copies_texts,
        require_contact_consent=require_contact_consent,
    )
