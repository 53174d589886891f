"""Printing (출력) as a use case: the record numbered and witnessed before it is rendered
(:func:`witnessed`), and the printing written into the access log when the PDF is complete
(:func:`record_print`, passed as the renderer's ``before_publish`` hook: a refused entry means no PDF).

The renderers themselves (:mod:`privdesk.reports`) only turn plain data into pages; the domains'
printing modules call these two around them::

    pages = render_permission_history(out, meta, rows, before_publish=lambda n: record_print(
        ctx, actor, WHAT, f"{meta.record_no}; {meta.period}; {len(rows)}건; {n}쪽", reason=reason))
"""

from __future__ import annotations

from dataclasses import replace

from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Actor, AppContext
from privdesk.reports.template import ReportMeta

SPECIMEN = "견본 — 실제 기록 아님"  # on every record printed from a demo database (AppContext.is_demo)


def witnessed(ctx: AppContext, meta: ReportMeta) -> ReportMeta:
    """The record numbered and witnessed, ready to print: its number is the next of its kind this
    year from the database (``CN-2026-0007``, unique across workstations; a cancelled printing leaves
    a gap, never a repeat), and the access log's current head is in its footer
    (``접속기록 1234·3f9a0c1b2d4e``): every printed page is a witness of the log
    (``privdesk audit verify --witness 1234:3f9a0c1b2d4e``). A record printed from a demo database
    is marked as a specimen on every page (:data:`SPECIMEN`). Call it outside a use case's unit."""
    if meta.kind:
        meta = meta.numbered(ctx.next_record_number(meta.kind, meta.year))
    return replace(meta, log_head=ctx.head_mark(), specimen=SPECIMEN if ctx.is_demo else "")


def record_print(
    ctx: AppContext,
    actor: Actor,
    what: str,
    detail: str,
    *,
    reason: str | None,
    permission: Permission = Permission.AUDIT_READ,
) -> None:
    """Log that ``actor`` printed the record ``what`` (e.g. ``report:permission-history``).

    ``detail`` names the record number, period and size — never personal data. ``permission`` is
    what the printed record needs to be read (the access log and the permission history:
    AUDIT_READ; later records pass their own). ``reason`` (사유, checked by
    :func:`privdesk.audit.reasons.require`) is appended in the form the monthly review reads. It is
    required and has no default: every caller says it. ``None`` only for a record that holds no
    personal data (the blank power-of-attorney form, the key recovery sheet); a printing use case
    checks the reason with ``require`` itself first, before it reads, numbers or writes anything.
    """
    if reason is not None:
        detail = with_reason(detail, require(reason))
    with ctx.unit(actor, permission) as u:
        u.log(Action.PRINT, subject=what, detail=detail)
