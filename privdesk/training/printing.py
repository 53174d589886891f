"""The printed yearly training report (``privdesk training report``): read in one logged look,
rendered with the one page template, the printing logged with its reason before the file appears."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from privdesk import clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require
from privdesk.context import Actor, AppContext
from privdesk.errors import ValidationError
from privdesk.printing import record_print, witnessed
from privdesk.training import paper
from privdesk.training.usecases import SUBJECT, TrainingYear, year_of


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    record_no: str
    sessions: int
    overdue: int


def training_year(ctx: AppContext, actor: Actor, year: int, *, today: dt.date | None = None) -> TrainingYear:
    """The year's figures (``training.read``), one logged look."""
    today = today or clock.today_kst()
    if not 2000 <= year <= today.year:
        raise ValidationError("year", f"연도는 2000년부터 {today.year}년 사이여야 합니다.")
    with ctx.unit(actor, Permission.TRAINING_READ) as u:
        y = year_of(u.session, ctx, year, today)
        u.log(Action.VIEW, SUBJECT, detail=f"{year}년 교육 실시 결과")
        return y


def print_training(
    ctx: AppContext,
    actor: Actor,
    year: int,
    out: Path | files.Output,
    *,
    reason: str,
    today: dt.date | None = None,
) -> PrintResult:
    """개인정보 보호 교육 실시 결과 of ``year`` as a PDF (``training.manage``); ``reason`` required."""
    why = require(reason, "출력 사유")
    out = files.guarded(ctx.settings, out)
    y = training_year(ctx, actor, year, today=today)
    meta = witnessed(ctx, paper.meta_for(ctx.profile.name, actor, year))
    pages = paper.render_training(
        out,
        meta,
        y,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            paper.WHAT,
            f"{meta.record_no}; {year}; sessions={len(y.sessions)}; {n}쪽",
            permission=Permission.TRAINING_MANAGE,
            reason=why,
        ),
    )
    return PrintResult(out.path, pages, meta.record_no, len(y.sessions), len(y.overdue))
