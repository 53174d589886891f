"""The composition's wiring: what a domain calls in one above it (:class:`privdesk.context.Wiring`).

Destruction (lifecycle) must not destroy a record under an open data-subject request (rights) and
must tell the backups (backup) what it removed; rights and backup sit above lifecycle — they read
its tables — so lifecycle cannot import them. The composition hands their functions in here, once,
when a context is built (:mod:`privdesk.opening`, :mod:`privdesk.bootstrap`).
"""

from __future__ import annotations

from privdesk.backup.backups import catalogue_after_destruction, copies_texts
from privdesk.backup.snapshot import wipe_stale
from privdesk.context import Wiring
from privdesk.rights.requests import open_request_exclusions


def standard() -> Wiring:
    return Wiring(
        destruction_exclusions=(open_request_exclusions,),
        catalogue_after_destruction=catalogue_after_destruction,
        wipe_stale_snapshots=wipe_stale,
        backup_copies_texts=copies_texts,
    )
