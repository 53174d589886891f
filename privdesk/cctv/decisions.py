"""Decisions on viewing requests (열람등 청구의 처리): approve, partly approve, refuse, extend,
masking, completion, closing and withdrawal — the state machine of
:data:`privdesk.cctv.requests.TRANSITIONS`.

Every change is written to the request's history (append-only, who and when) and to the access
log. Closing a request (completed, closed after a refusal, withdrawn) releases its automatic
evidence hold. A completed viewing or deletion is entered in the 관리대장 (열람 / 파기).

Refusal grounds are data (:data:`REFUSAL_GROUNDS`). The public-body ground of 법 제35조제4항제3호
(범죄수사·공소유지·재판수행에 중대한 지장) does not apply to a private hospital and is not offered.
The exact article of the 표준 개인정보 보호지침 on CCTV requests varies by version (제44조/제48조:
UNCONFIRMED), so the grounds cite the 지침 without an article number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.cctv.cameras import cctv_unit
from privdesk.cctv.common import aware, fmt_window, kst_day, text, window_days
from privdesk.cctv.models import CctvRequest
from privdesk.cctv.requests import (
    ELIGIBILITY_LABELS,
    EXTENDABLE_KINDS,
    RELATION_LABELS,
    SPEC,
    STATE_LABELS,
    Eligibility,
    RequestDetail,
    RequestKind,
    RequestState,
    add_event,
    detail_of,
)
from privdesk.cctv.retention import FootageStatus, release_request_holds, statuses
from privdesk.cctv.viewlog import LedgerKind, append_entry
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import RuleViolationError, ValidationError
from privdesk.fields import reason as reason_text
from privdesk.workflow import check_extension


@dataclass(frozen=True)
class RefusalGround:
    """A ground for refusing (or partly refusing) a request, as the notice states it."""

    code: str
    label: str
    basis: str


REFUSAL_GROUNDS: tuple[RefusalGround, ...] = (
    RefusalGround(
        "retention_expired",
        "보관기간 경과로 파기",
        "표준 개인정보 보호지침: 보관기간이 경과하여 개인영상정보를 파기한 경우",
    ),
    RefusalGround(
        "privacy_of_others",
        "타인의 사생활 침해 우려(마스킹 불가)",
        "개인정보 보호법 제35조제4항제2호: 다른 사람의 생명·신체를 해할 우려가 있거나 "
        "다른 사람의 재산과 그 밖의 이익을 부당하게 침해할 우려가 있는 경우",
    ),
    RefusalGround(
        "not_subject",
        "청구인이 촬영되지 않은 영상(열람 대상 아님)",
        "표준 개인정보 보호지침: 열람등 요구는 정보주체 자신이 촬영된 영상 또는 정보주체의 "
        "급박한 생명·신체·재산의 이익을 위하여 필요한 영상에 한정",
    ),
    RefusalGround("other", "기타 정당한 사유", "표준 개인정보 보호지침: 기타 정당한 사유가 있는 경우"),
)
_GROUNDS = {g.code: g for g in REFUSAL_GROUNDS}


def refusal_ground(code: str) -> RefusalGround:
    """The ground with this code; a ValidationError lists the valid ones."""
    try:
        return _GROUNDS[code]
    except KeyError:
        labels = ", ".join(g.label for g in REFUSAL_GROUNDS)
        raise ValidationError("ground", f"거절 사유를 목록에서 고르십시오: {labels}") from None


@dataclass(frozen=True)
class Approval:
    """An approval: why the requester may see the footage, when and where, and the masking of
    other people in the frames (타인 마스킹). Naive datetimes are Korea Standard Time."""

    eligibility: str
    eligibility_note: str = ""
    viewing_at: dt.datetime | None = None  # required for 열람
    viewing_place: str = ""  # default: the profile's viewing place
    others_in_frame: bool = False
    masking_done: bool = False
    masked_by: str = ""


# -- shared steps --------------------------------------------------------------------------------
_open = SPEC.open  # the request locked for a change (stale copies refused)
_check_move = SPEC.check_move
_move = SPEC.move  # a checked state change, written to the history and the access log


def _finish(u: Unit, req: CctvRequest, to: str, note: str) -> None:
    """Move to a final state, record who closed it and release the automatic hold."""
    _move(u, req, to, note)
    req.closed_at, req.closed_by, req.close_note = clock.now(), u.actor_login, note
    release_request_holds(u, req.id, f"청구 종결({STATE_LABELS[to]})")
    u.session.flush()


def _result(ctx: AppContext, u: Unit, req: CctvRequest) -> RequestDetail:
    u.session.flush()
    return detail_of(u, ctx.keys, req, clock.today_kst(), ctx.profile.cctv.retention_days)


def _decide(ctx: AppContext, u: Unit, req: CctvRequest, to: str, a: Approval) -> None:
    if req.footage_gone:
        raise RuleViolationError(
            "요청한 기간의 영상이 보관기간 경과로 없습니다. '보관기간 경과로 파기'를 사유로 거절하십시오."
        )
    if a.eligibility not in (Eligibility.APPEARS, Eligibility.URGENT):
        raise RuleViolationError(
            "청구인이 촬영된 영상이거나 급박한 생명·신체·재산의 이익을 위하여 필요한 영상일 때만 "
            "승인할 수 있습니다. 아니면 거절 사유를 골라 거절하십시오."
        )
    note = reason_text(
        "eligibility_note",
        a.eligibility_note,
        "열람 대상 판단 근거",
        required=a.eligibility == Eligibility.URGENT,
        limit=1000,
    )
    viewing_at: dt.datetime | None = None
    if req.kind == RequestKind.VIEW:
        if a.viewing_at is None:
            raise ValidationError("viewing_at", "열람 일시를 정하십시오.")
        viewing_at = aware(a.viewing_at, "viewing_at")
    masked_by = text("masked_by", a.masked_by, "마스킹 처리자", required=a.masking_done, limit=64)
    req.eligibility, req.eligibility_note = a.eligibility, note
    req.viewing_at = viewing_at
    req.viewing_place = (
        (
            text("viewing_place", a.viewing_place, "열람 장소", required=False)
            or ctx.profile.cctv.viewing_place
        )
        if req.kind == RequestKind.VIEW
        else None
    )
    req.others_in_frame = a.others_in_frame
    req.masking_done = a.masking_done and a.others_in_frame
    req.masked_by = masked_by if req.masking_done else None
    req.masked_at = clock.now() if req.masking_done else None
    req.decision, req.decided_at, req.decided_by = to, clock.now(), u.actor_login
    _move(u, req, to, ELIGIBILITY_LABELS[a.eligibility])


def _enter(
    u: Unit,
    actor: Actor,
    req: CctvRequest,
    at: dt.datetime,
    witness: str,
    *,
    kind: str,
    file_form: str,
    purpose: str,
    basis: str,
    form: str,
) -> None:
    """The 관리대장 entry of a completed request: the requester is the 열람등 요구자."""
    append_entry(
        u,
        kind=kind,
        at=at,
        file_form=file_form,
        purpose=purpose,
        basis=basis,
        provision_form=form,
        staff_login=actor.login,
        staff_name=u.account.name if u.account else actor.name,
        camera_numbers=", ".join(c.number for c in req.cameras),
        window_start=req.window_start,
        window_end=req.window_end,
        witness=witness,
        counterpart=f"{req.requester_name} ({RELATION_LABELS.get(req.relation, req.relation)})",
        request_id=req.id,
        period=fmt_window(req.window_start, req.window_end),
    )


# -- use cases ---------------------------------------------------------------------------------
def approve(
    ctx: AppContext, actor: Actor, request_id: int, approval: Approval, *, expected_version: int | None = None
) -> RequestDetail:
    """Approve (승인): schedule the viewing, record eligibility and masking."""
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = _open(u, request_id, expected_version)
        _decide(ctx, u, req, RequestState.APPROVED, approval)
        return _result(ctx, u, req)


def partly_approve(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    approval: Approval,
    *,
    withheld: str,
    ground: str,
    expected_version: int | None = None,
) -> RequestDetail:
    """Partly approve (일부 승인, 시행령 제42조①): what is withheld and on which ground."""
    g = refusal_ground(ground)
    withheld = reason_text("withheld", withheld, "열람을 제한하는 부분과 그 이유", limit=1000)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = _open(u, request_id, expected_version)
        req.refusal_ground, req.partial_note = g.code, withheld
        _decide(ctx, u, req, RequestState.PARTLY_APPROVED, approval)
        return _result(ctx, u, req)


def refuse(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    *,
    ground: str,
    explanation: str,
    eligibility: str | None = None,
    eligibility_note: str = "",
    expected_version: int | None = None,
) -> RequestDetail:
    """Refuse (거절): a ground from :data:`REFUSAL_GROUNDS` and an explanation are required; the
    result notice states both with how to object (시행령 제42조②)."""
    g = refusal_ground(ground)
    explanation = reason_text("explanation", explanation, "거절 사유 설명", limit=1000)
    if eligibility is not None and eligibility not in ELIGIBILITY_LABELS:
        raise ValidationError("eligibility", "열람 대상 판단을 목록에서 고르십시오.")
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = _open(u, request_id, expected_version)
        if g.code == "retention_expired" and not req.footage_gone:
            found = statuses(
                u,
                req.cameras,
                window_days(req.window_start, req.window_end),
                clock.today_kst(),
                ctx.profile.cctv.retention_days,
            )
            if FootageStatus.GONE not in found.values():
                raise RuleViolationError(
                    "요청한 기간의 영상이 아직 보관 중입니다. '보관기간 경과로 파기'는 거절 사유가 될 수 "
                    "없습니다. 다른 거절 사유를 고르십시오."
                )
        if g.code == "not_subject":
            eligibility = Eligibility.NOT_SHOWN
        req.eligibility = eligibility or req.eligibility
        req.eligibility_note = (
            reason_text(
                "eligibility_note", eligibility_note, "열람 대상 판단 근거", required=False, limit=1000
            )
            or req.eligibility_note
        )
        req.refusal_ground, req.refusal_text = g.code, explanation
        req.decision, req.decided_at, req.decided_by = RequestState.REFUSED, clock.now(), u.actor_login
        _move(u, req, RequestState.REFUSED, g.label)
        return _result(ctx, u, req)


def extend(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    *,
    until: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> RequestDetail:
    """열람 연기 (법 제35조③, 시행령 제42조②) — the same rule as the other data-subject requests: a
    열람 or 존재확인 request only (a 삭제 request is answered within its 10 days), once, with a reason,
    by at most ``profile.extension_max_days`` days (law.md sets no limit: UNCONFIRMED, configurable);
    the notice tells the requester."""
    reason = reason_text("reason", reason, "연기 사유", limit=1000)
    max_days = ctx.profile.extension_max_days
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = _open(u, request_id, expected_version)
        if req.kind not in EXTENDABLE_KINDS:
            raise RuleViolationError(
                "영상 삭제 청구는 처리 기간을 연장할 수 없습니다: 법은 열람의 연기(개인정보 보호법 "
                "제35조제3항)만 정하고 있습니다. 기한 안에 삭제하거나 사유를 들어 거절하십시오."
            )
        check_extension(req, until, max_days, field="until", once="연기한 기한 안에 결정하십시오.")
        req.extended_due, req.extension_reason = until, reason
        _move(u, req, RequestState.EXTENDED, f"기한 {until.isoformat()}까지 연기")
        return _result(ctx, u, req)


def record_masking(
    ctx: AppContext, actor: Actor, request_id: int, *, masked_by: str, expected_version: int | None = None
) -> RequestDetail:
    """Record that other people in the frames were masked (마스킹·모자이크 처리), and by whom."""
    masked_by = text("masked_by", masked_by, "마스킹 처리자", limit=64)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = _open(u, request_id, expected_version)
        if req.state not in (RequestState.APPROVED, RequestState.PARTLY_APPROVED):
            raise RuleViolationError("승인한 청구에만 마스킹 처리를 기록할 수 있습니다.")
        req.others_in_frame, req.masking_done = True, True
        req.masked_by, req.masked_at = masked_by, clock.now()
        u.session.flush()
        add_event(u, req, req.state, req.state, "타인 마스킹 처리 완료")
        return _result(ctx, u, req)


def complete(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    *,
    witness: str = "",
    done_at: dt.datetime | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> RequestDetail:
    """The approved viewing (or deletion, or existence answer) took place: enter it in the
    관리대장 and close the request."""
    witness = text("witness", witness, "입회자", required=False, limit=64)
    note = reason_text("note", note, "비고", required=False, limit=500)
    at = clock.now() if done_at is None else aware(done_at, "done_at")
    if at > clock.now() + dt.timedelta(minutes=1):
        raise ValidationError("done_at", "처리 일시가 미래입니다. 실제로 열람·삭제한 일시를 입력하십시오.")
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = _open(u, request_id, expected_version)
        _check_move(req, RequestState.COMPLETED)
        if req.others_in_frame and not req.masking_done and req.kind == RequestKind.VIEW:
            raise RuleViolationError(
                "다른 사람이 찍힌 영상은 마스킹(모자이크)을 마친 뒤 열람하게 하십시오. "
                "먼저 마스킹 처리를 기록하십시오."
            )
        if req.kind == RequestKind.VIEW:
            masked = f", 타인 마스킹: {req.masked_by}" if req.masking_done else ""
            _enter(
                u,
                actor,
                req,
                at,
                witness,
                kind=LedgerKind.VIEW,
                file_form=f"녹화 영상 열람{masked}",
                purpose=f"정보주체 열람 청구: {req.purpose}",
                basis="개인정보 보호법 제35조 (개인정보의 열람)",
                form="열람(시청)",
            )
        elif req.kind == RequestKind.DELETE:
            _enter(
                u,
                actor,
                req,
                at,
                witness,
                kind=LedgerKind.DESTROY,
                file_form="녹화 영상 (해당 구간 영구 삭제)",
                purpose=f"정보주체 삭제 청구: {req.purpose}",
                basis="개인정보 보호법 제36조 (개인정보의 정정·삭제)",
                form="복원 불가능한 방법으로 삭제",
            )
        _finish(u, req, RequestState.COMPLETED, note or f"처리 완료 {kst_day(at).isoformat()}")
        return _result(ctx, u, req)


def close(
    ctx: AppContext, actor: Actor, request_id: int, *, note: str = "", expected_version: int | None = None
) -> RequestDetail:
    """Close a refused request once its notice went out (종결); the automatic hold ends."""
    note = reason_text("note", note, "종결 메모", required=False, limit=500)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = _open(u, request_id, expected_version)
        _finish(u, req, RequestState.CLOSED, note or "거절 통지 후 종결")
        return _result(ctx, u, req)


def withdraw(
    ctx: AppContext, actor: Actor, request_id: int, *, note: str, expected_version: int | None = None
) -> RequestDetail:
    """The requester withdrew the request (철회); the automatic hold ends."""
    note = reason_text("note", note, "철회 사유", limit=500)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        req = _open(u, request_id, expected_version)
        _finish(u, req, RequestState.WITHDRAWN, note)
        return _result(ctx, u, req)


__all__ = [
    "REFUSAL_GROUNDS",
    "Approval",
    "RefusalGround",
    "approve",
    "close",
    "complete",
    "extend",
    "partly_approve",
    "record_masking",
    "refusal_ground",
    "refuse",
    "withdraw",
]
