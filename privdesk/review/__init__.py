"""The monthly access-log review (접속기록 점검, 안전성 확보조치 기준 제8조②): findings with the entries
behind them, results, 소명 (justifications) and the reviewer's sign-off with the log's head.

Modules: :mod:`~privdesk.review.types` (plain data), :mod:`~privdesk.review.model` (tables),
:mod:`~privdesk.review.findings` (the rules), :mod:`~privdesk.review.usecases` (the use cases).
The use cases are re-exported lazily so the store can load the tables without the context.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from privdesk.review.types import (
    J_LABELS,
    KIND_LABELS,
    RESULT_LABELS,
    AccountSummary,
    Finding,
    FindingKind,
    JState,
    Justification,
    Month,
    MonthReview,
    Result,
    ReviewPending,
    ReviewSignedError,
    SignOff,
)

if TYPE_CHECKING:
    from privdesk.review.usecases import (
        answer_justification,
        ask_justification,
        decide_justification,
        finding_entries,
        load,
        my_justifications,
        pending,
        record_result,
        run,
        sign,
    )

_USECASES = (
    "answer_justification",
    "ask_justification",
    "decide_justification",
    "finding_entries",
    "load",
    "my_justifications",
    "pending",
    "record_result",
    "run",
    "sign",
)

__all__ = [
    "J_LABELS",
    "KIND_LABELS",
    "RESULT_LABELS",
    "AccountSummary",
    "Finding",
    "FindingKind",
    "JState",
    "Justification",
    "Month",
    "MonthReview",
    "Result",
    "ReviewPending",
    "ReviewSignedError",
    "SignOff",
    "answer_justification",
    "ask_justification",
    "decide_justification",
    "finding_entries",
    "load",
    "my_justifications",
    "pending",
    "record_result",
    "run",
    "sign",
]


def __getattr__(name: str) -> Any:
    if name in _USECASES:
        return getattr(importlib.import_module("privdesk.review.usecases"), name)
    raise AttributeError(name)
