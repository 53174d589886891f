"""The composition's wiring: what a domain calls in one above it (:class:`privdesk.context.Wiring`).

Destruction (lifecycle) must not destroy a record under an open data-subject request (rights) and
must tell the backups (backup) what it removed; rights and backup sit above lifecycle — they read
its tables — so lifecycle cannot import them. A contact export (registry) must find a consent
(consent, which sits above the registry) for every patient. The composition hands their functions
in here, once, when a context is built (:mod:`privdesk.opening`, :mod:`privdesk.bootstrap`).

Each function imports its domain when it is first called, not when the context is built: opening
a database (and the login window) loads no domain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from privdesk.context import Wiring

if TYPE_CHECKING:
    from privdesk.context import AppContext, Unit
    from privdesk.settings import BackupSettings


def open_request_exclusions(u: Unit, patient_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    from privdesk.rights.requests import open_request_exclusions as exclusions

    return exclusions(u, patient_ids)


def catalogue_after_destruction(ctx: AppContext) -> tuple[str, bool]:
    from privdesk.backup.backups import catalogue_after_destruction as catalogue

    return catalogue(ctx)


def wipe_stale_snapshots(folder: Path) -> int:
    from privdesk.backup.snapshot import wipe_stale

    return wipe_stale(folder)


def backup_copies_texts(
    session: Session, settings: BackupSettings, moments: dict[int, dt.datetime]
) -> dict[int, str]:
    from privdesk.backup.backups import copies_texts

    return copies_texts(session, settings, moments)


def require_contact_consent(
    session: Session, patient_ids: Sequence[int], profile_raw: Mapping[str, Any], code: str | None
) -> str:
    from privdesk.consent.api import USE_CONTACT, require_consent

    return require_consent(session, patient_ids, profile_raw, USE_CONTACT, code).code


def standard() -> Wiring:
    return Wiring(
        destruction_exclusions=(open_request_exclusions,),
        catalogue_after_destruction=catalogue_after_destruction,
        wipe_stale_snapshots=wipe_stale_snapshots,
        backup_copies_texts=backup_copies_texts,
        require_contact_consent=require_contact_consent,
    )
