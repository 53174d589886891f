"""Printing the destruction records (출력): the 파기 관리대장 for a period and the 파기 확인서 of a plan.

Each use case reads what it prints through the one door, renders with the page template and logs
the printing from the template's ``before_publish`` hook (no PDF without its access-log entry).
``on_page(n)`` reports progress; raising from it cancels without leaving a partial file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import extract, func, select

from privdesk import files
from privdesk.accounts.people import people
from privdesk.accounts.permissions import Permission
from privdesk.audit.reasons import require
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import RuleViolationError
from privdesk.files import Output
from privdesk.korean import josa
from privdesk.lifecycle.destruction import get_plan
from privdesk.lifecycle.ledger import ledger_for_period
from privdesk.lifecycle.models import PLAN_EXECUTED, DestructionLedgerEntry, DestructionPlanItem
from privdesk.printing import record_print, witnessed
from privdesk.reports import destruction as record
from privdesk.reports.template import period_text

OnPage = Callable[[int], None] | None


def _backup_copies(ctx: AppContext, actor: Actor, moments: dict[int, dt.datetime]) -> dict[int, str]:
    """백업 사본이 남아 있을 수 있는 기한 of each destruction (see :mod:`privdesk.backup.rotation`)."""
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        return ctx.wiring.backup_copies_texts(u.session, ctx.settings.backup, moments)


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    record_no: str
    title: str
    rows: int = 0


def print_ledger(
    ctx: AppContext,
    actor: Actor,
    first: dt.date,
    last: dt.date,
    out: Path | Output,
    *,
    reason: str,
    on_page: OnPage = None,
) -> PrintResult:
    """Print the 개인정보파일 파기 관리대장 for ``first``..``last`` (폐기일, inclusive); ``reason``
    (사유) checked first, logged with the printing."""
    why = require(reason)
    out = files.guarded(ctx.settings, out)
    rows = ledger_for_period(ctx, actor, first, last)
    copies = _backup_copies(ctx, actor, {r.id: r.recorded_at for r in rows if r.plan_id is not None})
    meta = witnessed(ctx, record.ledger_meta(ctx.profile.name, actor, period_text(first, last)))
    pages = record.render_ledger(
        out,
        meta,
        rows,
        backup_copies=copies,
        on_page=on_page,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            record.LEDGER_WHAT,
            f"{meta.record_no}; {meta.period}; {len(rows)}건; {n}쪽",
            permission=Permission.DESTRUCTION_PLAN,
            reason=why,
        ),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title, len(rows))


def _annex(
    u: Unit, plan_id: int, file_name: str
) -> tuple[tuple[record.AnnexRow, ...], dt.date | None, dt.date | None]:
    """What a plan destroyed, counted per file and per year of the retention end (no personal
    data), and the first and last retention end among them."""
    Item = DestructionPlanItem
    year = extract("year", Item.retention_until)
    done = (Item.plan_id == plan_id, Item.skipped.is_(None))
    rows = tuple(
        record.AnnexRow(file_name, int(y), int(n))
        for y, n in u.session.execute(select(year, func.count()).where(*done).group_by(year).order_by(year))
    )
    first, last = u.session.execute(
        select(func.min(Item.retention_until), func.max(Item.retention_until)).where(*done)
    ).one()
    return rows, first, last


def print_certificate(
    ctx: AppContext, actor: Actor, plan_id: int, out: Path | Output, *, reason: str
) -> PrintResult:
    """Print the 파기 확인서 of an executed plan, with its annex (별첨: 파기 내역)."""
    why = require(reason)
    out = files.guarded(ctx.settings, out)
    plan = get_plan(ctx, actor, plan_id)
    if plan.state != PLAN_EXECUTED or plan.executed_at is None:
        raise RuleViolationError(
            f"파기 계획 {josa(plan_id, '은/는')} 아직 실행되지 않아 파기 확인서를 만들 수 없습니다."
        )
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        entry = (
            u.session.execute(
                select(DestructionLedgerEntry)
                .where(DestructionLedgerEntry.plan_id == plan_id)
                .order_by(DestructionLedgerEntry.id)
            )
            .scalars()
            .first()
        )
        who = people(
            u.session, [plan.created_by, plan.executed_by, plan.approved_by, plan.second_approved_by]
        )
        annex, first, last = _annex(u, plan_id, plan.file_name)
    cert = record.Certificate(
        plan_id=plan.id,
        file_name=plan.file_name,
        items=plan.items,
        count=plan.destroyed_count or 0,
        excluded=plan.excluded_count,
        criteria=plan.criteria,
        reason=plan.reason,
        method=plan.method,
        executed_at=plan.executed_at,
        executed_by=who.person(plan.executed_by).with_department,
        approved_by=who.person(plan.approved_by).with_department,
        verified_by=who.person(plan.second_approved_by).with_department if plan.second_approved_by else "",
        ledger_id=entry.id if entry else None,
        plan_hash=plan.plan_hash,
        hospital=ctx.profile.name,
        backup_copies=_backup_copies(ctx, actor, {plan.id: plan.executed_at}).get(plan.id, ""),
        prepared_by=who.person(plan.created_by).with_department,
        as_of=plan.as_of,
        annex=annex,
    )
    period = record.certificate_period(first, last, plan.id, plan.as_of)
    meta = witnessed(ctx, record.certificate_meta(ctx.profile.name, actor, plan_id, period=period))
    pages = record.render_certificate(
        out,
        meta,
        cert,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            f"destruction_plan:{plan_id}",
            f"파기 확인서; {meta.record_no}; {n}쪽",
            permission=Permission.DESTRUCTION_PLAN,
            reason=why,
        ),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title, 1)
