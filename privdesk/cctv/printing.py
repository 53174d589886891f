"""Printing CCTV records (출력): the 관리대장 for a period, a request's 청구서 and its result notice.

Each use case reads what it prints through the one door, renders the PDF with the page template
and logs the printing (``print``) from the template's ``before_publish`` hook: if the entry is
refused, no PDF appears. ``on_page(n)`` reports progress; raising from it cancels the printing
without leaving a partial file (for the GUI's background task).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from privdesk import clock, files
from privdesk.accounts.people import label_of
from privdesk.accounts.permissions import Permission
from privdesk.audit.reasons import require
from privdesk.cctv.cameras import cctv_unit, list_cameras
from privdesk.cctv.decisions import refusal_ground
from privdesk.cctv.requests import (
    KIND_LABELS,
    RELATION_LABELS,
    RequestState,
    contact_of,
    effective_due,
    load,
    request_number,
)
from privdesk.cctv.retention import record_overwrites_now
from privdesk.cctv.viewlog import ledger_for_period
from privdesk.context import Actor, AppContext
from privdesk.errors import RuleViolationError
from privdesk.files import Output
from privdesk.printing import record_print, witnessed
from privdesk.profile import HospitalProfile
from privdesk.reports import cctv_ledger, cctv_request
from privdesk.reports.template import period_text

OnPage = Callable[[int], None] | None


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    record_no: str
    title: str
    rows: int = 0


def _manager(p: HospitalProfile) -> str:
    m = p.cctv.manager
    who = " ".join(x for x in (m.department, m.title, m.name) if x)
    return f"{who} ({m.phone})" if m.phone else who


def _contact(p: HospitalProfile) -> str:
    a = p.cctv.access
    who = " ".join(x for x in (a.department, a.title) if x)
    return (
        f"영상정보 관리책임자 {_manager(p)}; 접근권한자 {who} ({a.phone}); 확인 장소 {p.cctv.viewing_place}"
    )


def _retention(p: HospitalProfile) -> str:
    return f"촬영일로부터 {p.cctv.retention_days}일"


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
    """Print the 개인영상정보 관리대장 for ``first``..``last`` (KST days, inclusive). The recorder's
    overwrites up to today are entered first (:func:`record_overwrites_now`); the 설치 대수 is the
    camera registry's count (cameras not removed), not the profile's figure. ``reason`` (사유) is
    checked first and logged with the printing."""
    why = require(reason)
    out = files.guarded(ctx.settings, out)
    record_overwrites_now(ctx, actor)
    rows = ledger_for_period(ctx, actor, first, last)
    cameras = list_cameras(ctx, actor, include_removed=False)
    p = ctx.profile
    settings = cctv_ledger.FootageSettings(
        retention=_retention(p),
        storage_place=p.cctv.storage_place,
        manager=_manager(p),
        camera_count=len(cameras),
    )
    meta = witnessed(ctx, cctv_ledger.meta_for(p.name, actor, period_text(first, last)))
    pages = cctv_ledger.render_ledger(
        out,
        meta,
        rows,
        settings,
        on_page=on_page,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            cctv_ledger.WHAT,
            f"{meta.record_no}; {meta.period}; {len(rows)}건; {n}쪽",
            permission=Permission.CCTV_READ,
            reason=why,
        ),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title, len(rows))


def _places(cameras: list[tuple[str, str, str]]) -> str:
    return "; ".join(f"{n} {loc} · {cov}" if cov else f"{n} {loc}" for n, loc, cov in cameras)


def print_request_form(
    ctx: AppContext, actor: Actor, request_id: int, out: Path | Output, *, reason: str, on_page: OnPage = None
) -> PrintResult:
    """Print the request's 청구서 ([별지 제2호서식]) filled from the intake, for signature."""
    why = require(reason)
    out = files.guarded(ctx.settings, out)
    p = ctx.profile
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = load(u, request_id)
        c = contact_of(ctx.keys, req)
        form = cctv_request.RequestForm(
            number=request_number(req.id, req.received_at),
            received_at=req.received_at,
            request_days=p.request_days,
            due=effective_due(req),
            kind=KIND_LABELS[req.kind],
            requester_name=req.requester_name,
            requester_phone=c.phone,
            requester_birth=clock.paper_date(c.birth_date),
            requester_address=c.address,
            relation=RELATION_LABELS[req.relation],
            subject_name=req.subject_name,
            subject_phone=c.subject_phone,
            window=_window(req.window_start, req.window_end),
            places=_places([(x.number, x.location, x.coverage) for x in req.cameras]),
            purpose=req.purpose,
            id_document=req.id_document,
            id_checked_by=label_of(u.session, req.id_checked_by),
            proxy_checked=req.proxy_checked,
            footage_note=(
                "영상 없음 (보관기간 경과)" if req.footage_gone else "청구 종결 시까지 자동 보존 연장"
            ),
            addressee=f"{p.name}장",
        )
        ref = req.ref
    meta = witnessed(ctx, cctv_request.form_meta(p.name, actor))
    pages = cctv_request.render_request_form(
        out,
        meta,
        form,
        on_page=on_page,
        before_publish=lambda n: record_print(
            ctx, actor, ref, f"청구서; {meta.record_no}; {n}쪽", permission=Permission.CCTV_MANAGE, reason=why
        ),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title)


def _outcome(state: str, decision: str | None, footage_gone: bool) -> cctv_request.Outcome:
    if footage_gone:  # nothing to approve: the answer is that the footage no longer exists
        return cctv_request.Outcome.GONE
    if decision == RequestState.APPROVED:
        return cctv_request.Outcome.APPROVED
    if decision == RequestState.PARTLY_APPROVED:
        return cctv_request.Outcome.PARTLY
    if decision == RequestState.REFUSED:
        return cctv_request.Outcome.REFUSED
    if state == RequestState.EXTENDED:
        return cctv_request.Outcome.EXTENDED
    raise RuleViolationError(
        "아직 결정하지 않은 청구라서 결과 통지서를 만들 수 없습니다. 먼저 승인·거절·연기를 결정하십시오."
    )


def print_result_notice(
    ctx: AppContext, actor: Actor, request_id: int, out: Path | Output, *, reason: str, on_page: OnPage = None
) -> PrintResult:
    """Print the request's result notice: approval with the schedule, partial approval, extension,
    refusal with its ground, or "footage no longer exists" — with how to object."""
    why = require(reason)
    out = files.guarded(ctx.settings, out)
    p = ctx.profile
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = load(u, request_id)
        if req.state == RequestState.WITHDRAWN:
            raise RuleViolationError("철회된 청구에는 결과 통지서를 보내지 않습니다.")
        outcome = _outcome(req.state, req.decision, req.footage_gone)
        c = contact_of(ctx.keys, req)
        g = refusal_ground(req.refusal_ground) if req.refusal_ground else None
        masking = ""
        if req.others_in_frame:
            masking = "다른 사람이 알아볼 수 없도록 마스킹(모자이크) 처리하여 열람하게 합니다" + (
                " (처리 완료)." if req.masking_done else "."
            )
        notice = cctv_request.ResultNotice(
            number=request_number(req.id, req.received_at),
            received_at=req.received_at,
            kind=KIND_LABELS[req.kind],
            outcome=outcome,
            requester_name=req.requester_name,
            requester_birth=clock.paper_date(c.birth_date),
            requester_address=c.address,
            window=_window(req.window_start, req.window_end),
            places=_places([(x.number, x.location, x.coverage) for x in req.cameras]),
            retention=_retention(p),
            viewing_at=req.viewing_at,
            viewing_place=req.viewing_place or "",
            masking=masking,
            withheld=req.partial_note or "",
            ground=g.label if g else "",
            ground_basis=g.basis if g else "",
            explanation=req.refusal_text or "",
            extended_until=req.extended_due,
            extension_reason=req.extension_reason or "",
            objection=f"영상정보 관리책임자 {_manager(p)} 또는 개인정보 보호책임자 {p.officer.name} ({p.officer.phone})",
            contact=_contact(p),
            sender=f"{p.name}장",
        )
        ref = req.ref
    meta = witnessed(ctx, cctv_request.notice_meta(p.name, actor))
    pages = cctv_request.render_result_notice(
        out,
        meta,
        notice,
        on_page=on_page,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            ref,
            f"결과 통지서({outcome.value}); {meta.record_no}; {n}쪽",
            permission=Permission.CCTV_MANAGE,
            reason=why,
        ),
    )
    return PrintResult(out.path, pages, meta.record_no, meta.title)


__all__ = ["PrintResult", "print_ledger", "print_request_form", "print_result_notice"]


def _window(start: dt.datetime, end: dt.datetime) -> str:
    """The recording window on paper: ``2026. 11. 20. 14:00 ~ 15:30`` (the end's date only when it differs)."""
    same_day = clock.kst_day(start) == clock.kst_day(end)
    return f"{clock.paper_datetime(start)} ~ {f'{clock.to_kst(end):%H:%M}' if same_day else clock.paper_datetime(end)}"
