"""The reason (사유) of an export, download, print or unmasking as it is written into the access log.

안전성 확보조치 기준 제8조②: where personal data was downloaded, the monthly review confirms the
reason. Every use case that exports, prints or unmasks personal data therefore carries the reason the
person gave in its log entry's ``detail``, always in one form, ``…; 사유=<text>`` at the end, so the
review (:mod:`privdesk.review`) and the readable log can find it again. Entries written before this
form existed used ``reason=<text>``; :func:`reason_of` reads both (the chain is never rewritten).
"""

from __future__ import annotations

import re

from privdesk.fields import reason as checked_reason

MARK = "사유="
_FOUND = re.compile(r"(?:^|;\s*)(?:사유|reason)=(.*)$", re.DOTALL)
LIMIT = 200


def require(reason: str | None, label: str = "사유") -> str:
    """The reason, stripped; a Korean :class:`~privdesk.errors.ValidationError` when it is empty,
    too long, or holds personal data (a resident number, a phone number…)."""
    return checked_reason("reason", reason, label, limit=LIMIT)


def with_reason(detail: str | None, reason: str) -> str:
    """``detail`` with the reason appended in the one form the review reads (``…; 사유=…``).
    The reason must already be checked (:func:`require`); semicolons inside it are kept."""
    return f"{detail}; {MARK}{reason}" if detail else f"{MARK}{reason}"


def reason_of(detail: str | None) -> str | None:
    """The reason recorded in an entry's ``detail`` (``사유=`` or the older ``reason=``), or None."""
    if not detail:
        return None
    m = _FOUND.search(detail)
    if m is None:
        return None
    text = m.group(1).strip()
    return text or None
