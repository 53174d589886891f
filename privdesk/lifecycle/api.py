"""What other domains use of lifecycle (issue 17: a domain is imported from outside only through
its api; anything else in privdesk.lifecycle is its own business). Re-exports only."""

from __future__ import annotations

from privdesk.lifecycle import store
from privdesk.lifecycle.files import (
    DEFAULT_SEPARATE_AFTER_DAYS,
    PATIENT_FILE,
    RULE_LABELS,
    STAGE_LABELS,
    FileRule,
    ensure_files,
    file_rule,
    require_files,
    stage,
)
from privdesk.lifecycle.models import (
    PLAN_EXECUTED,
    DestructionLedgerEntry,
    DestructionPlan,
    LifecycleFile,
    Tombstone,
)
from privdesk.lifecycle.separation import separate_batch

__all__ = [
    "DEFAULT_SEPARATE_AFTER_DAYS",
    "PATIENT_FILE",
    "PLAN_EXECUTED",
    "RULE_LABELS",
    "STAGE_LABELS",
    "DestructionLedgerEntry",
    "DestructionPlan",
    "FileRule",
    "LifecycleFile",
    "Tombstone",
    "ensure_files",
    "file_rule",
    "require_files",
    "separate_batch",
    "stage",
    "store",
]
