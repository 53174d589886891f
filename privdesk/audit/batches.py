"""Batch entries of the access log (묶음 기록): one chained entry naming many patients.

A bulk writer (the patient import) logs one entry per group of patients instead of one per patient:
subject :data:`SUBJECT` (``patients``) and detail ``patients=N; ids=1,2,3`` — every patient's id,
so the log stays complete: each imported patient is identifiable from it. An entry holds as many
ids as fit the chain's detail limit (:data:`DETAIL_LIMIT`, about 50–60); a batch of 5,000 patients
is about 90 entries instead of 5,000.

This module is the one place that knows the format: :func:`entries` writes it, :func:`refs_of` and
:func:`count_of` read it (the readable log, the monthly review, an incident's affected patients),
and :func:`mentions` is the SQL condition the access-log filter by patient uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, func, literal, or_

SUBJECT: Final = "patients"
PATIENT_PREFIX: Final = "patient:"
DETAIL_LIMIT: Final = 500  # privdesk.audit.chain.clean's limit on a detail
_HEAD = re.compile(r"^patients=(\d+); ids=([\d,]*)")


def _detail(ids: Sequence[int]) -> str:
    return f"patients={len(ids)}; ids={','.join(map(str, ids))}"


def entries(ids: Iterable[int], *, limit: int = DETAIL_LIMIT) -> list[tuple[str, str]]:
    """``(subject, detail)`` of the batch entries naming ``ids`` (in order), each detail within
    ``limit`` characters."""
    out: list[tuple[str, str]] = []
    group: list[int] = []
    size = len("patients=; ids=") + 3  # room for a count of up to three digits
    used = size
    for i in ids:
        width = len(str(i)) + 1
        if group and used + width > limit:
            out.append((SUBJECT, _detail(group)))
            group, used = [], size
        group.append(i)
        used += width
    if group:
        out.append((SUBJECT, _detail(group)))
    return out


def ids_of(subject: str | None, detail: str | None) -> tuple[int, ...]:
    """The patient ids a batch entry names (empty for any other entry)."""
    if subject != SUBJECT or not detail:
        return ()
    m = _HEAD.match(detail)
    if m is None:
        return ()
    return tuple(int(x) for x in m.group(2).split(",") if x)


def refs_of(subject: str | None, detail: str | None) -> tuple[str, ...]:
    """The patient references (``patient:ID``) an entry is about: its subject, or every patient a
    batch entry names."""
    if subject and subject.startswith(PATIENT_PREFIX):
        return (subject,)
    return tuple(f"{PATIENT_PREFIX}{i}" for i in ids_of(subject, detail))


def count_of(subject: str | None, detail: str | None) -> int:
    """How many patients' records an entry stands for: the count of a batch entry, else 1."""
    if subject != SUBJECT or not detail:
        return 1
    m = _HEAD.match(detail)
    return int(m.group(1)) if m is not None else 1


def mentions(subject: Any, detail: Any, refs: Sequence[str]) -> ColumnElement[bool] | None:
    """SQL: a batch entry naming one of the patient ``refs`` (``patient:ID``); None when ``refs``
    holds no patient. The ids list is made comma-delimited on both ends and matched with LIKE."""
    ids = [r.removeprefix(PATIENT_PREFIX) for r in refs if r.startswith(PATIENT_PREFIX)]
    ids = [i for i in ids if i.isdigit()]
    if not ids:
        return None
    listed = func.replace(detail, literal("ids="), literal(",")).concat(",")
    return and_(subject == SUBJECT, or_(*(listed.like(f"%,{i},%") for i in ids)))


__all__ = ["DETAIL_LIMIT", "SUBJECT", "count_of", "entries", "ids_of", "mentions", "refs_of"]
