"""The printed result of a month's review (``privdesk report access-review``): read in one logged
look, rendered with the one page template, the printing logged with its reason before the file
appears."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from privdesk import files
from privdesk.accounts.permissions import Permission
from privdesk.audit.reasons import require
from privdesk.context import Actor, AppContext
from privdesk.printing import record_print, witnessed
from privdesk.review import paper
from privdesk.review.types import Month
from privdesk.review.usecases import review_with_entries


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    record_no: str
    title: str
    findings: int
    signed: bool


def print_review(
    ctx: AppContext, actor: Actor, month: Month, out: Path | files.Output, *, reason: str
) -> PrintResult:
    """접속기록 점검 결과 of ``month`` as a PDF; ``reason`` (출력 사유) is required."""
    why = require(reason, "출력 사유")
    out = files.guarded(ctx.settings, out)
    review, entries = review_with_entries(ctx, actor, month, paper.ENTRY_CAP)
    meta = witnessed(ctx, paper.meta_for(ctx.profile.name, actor, month))
    pages = paper.render_access_review(
        out,
        meta,
        review,
        entries,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            paper.WHAT,
            f"{meta.record_no}; {month}; findings={len(review.findings)}; {n}쪽",
            permission=Permission.AUDIT_REVIEW,
            reason=why,
        ),
    )
    return PrintResult(
        out.path, pages, meta.record_no, meta.title, len(review.findings), review.signed is not None
    )
