"""What other domains use of cctv (issue 17: a domain is imported from outside only through
its api; anything else in privdesk.cctv is its own business). Re-exports only."""

from __future__ import annotations

from privdesk.cctv.cameras import ensure_cameras
from privdesk.cctv.models import CctvCamera, CctvRequest

__all__ = [
    "CctvCamera",
    "CctvRequest",
    "ensure_cameras",
]
