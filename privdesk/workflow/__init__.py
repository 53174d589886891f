"""One request workflow (issue 17): what a request with a legal clock is, whatever its kind.

Data-subject requests (정보주체 요구, :mod:`privdesk.rights.requests`) and CCTV viewing requests
(영상정보 열람등 청구, :mod:`privdesk.cctv.requests`) are one workflow with kind-specific states,
notices, forms and tables. What they share lives here, below both domains (it imports neither):

- :mod:`~privdesk.workflow.identity` — who asks (본인·법정대리인·대리인), the identity document
  checked (시행령 제46조) and the proof of agency (위임장, 가족관계증명서 등);
- :mod:`~privdesk.workflow.deadlines` — the due date, the extension (연기) and the urgency colours;
- :mod:`~privdesk.workflow.spec` — one kind's request table and event history (:class:`RequestSpec`:
  its number prefix, load with a lock, the state machine's move, the history, the open clocks for
  the start screen) and contact unmasking's logged reason.
"""

from __future__ import annotations

from privdesk.workflow.deadlines import (
    DUE_SOON_DAYS,
    OpenClock,
    Urgency,
    check_extension,
    due_date,
    effective_due,
    inbox_order,
    urgency_of,
)
from privdesk.workflow.identity import (
    ID_DOCUMENTS,
    RELATION_LABELS,
    Relation,
    check_proxy,
    check_relation,
    checked_by,
    identity_document,
    proxy_flag,
)
from privdesk.workflow.spec import EventInfo, RequestSpec, log_unmask, reception_number, unmask_reason

__all__ = [
    "DUE_SOON_DAYS",
    "ID_DOCUMENTS",
    "RELATION_LABELS",
    "EventInfo",
    "OpenClock",
    "Relation",
    "RequestSpec",
    "Urgency",
    "check_extension",
    "check_proxy",
    "check_relation",
    "checked_by",
    "due_date",
    "effective_due",
    "identity_document",
    "inbox_order",
    "log_unmask",
    "proxy_flag",
    "reception_number",
    "unmask_reason",
    "urgency_of",
]
