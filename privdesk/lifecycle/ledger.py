"""The destruction ledger (개인정보파일 파기 관리대장, 표준 개인정보 보호지침 [별지 제5호서식]).

Columns of the form (forms.md §1, near-primary): 번호 | 개인정보 파일명 | 자료의 종류 | 생성일 |
폐기일 | 폐기사유 | 처리담당자 | 처리부서장; privdesk adds how it was done (method, count, witness,
the shredding company's certificate number) and, for electronic destruction, the plan and its hash.

Rows are append-only (database triggers) and each is anchored in the hash-chained access log in
the same transaction (:mod:`privdesk.audit.anchors`); :func:`verify_ledger` finds an altered,
deleted or inserted row. A wrong row is corrected by a new row naming it (``corrects_id``).

Executed plans write their row themselves (:mod:`privdesk.lifecycle.destruction`); paper and other
media are entered by hand with :func:`record_manual` (분쇄 / 소각 / 전문업체).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit import anchors
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import NotFoundError, ValidationError
from privdesk.fields import no_personal_data
from privdesk.korean import josa
from privdesk.lifecycle.models import DestructionLedgerEntry

TABLE = "destruction_ledger"
PAGE_MAX = 1000
METHODS = ("분쇄", "소각", "전문업체")  # paper and other media (시행령 16①2)
ELECTRONIC_METHOD = "영구 삭제 (복구 불가 조치: 삭제 영역 덮어쓰기·정리)"
KINDS = ("전자파일", "종이 문서", "저장매체", "기타")


@dataclass(frozen=True)
class LedgerRow:
    """One row of the ledger (the screen and the printed ledger)."""

    id: int
    file_name: str
    kind: str
    created: str
    destroyed_on: dt.date
    reason: str
    item_count: int
    method: str
    executed_by: str
    approved_by: str
    witness: str
    certificate_no: str
    plan_id: int | None
    plan_hash: str
    corrects_id: int | None
    recorded_at: dt.datetime
    recorded_by: str


@dataclass(frozen=True)
class ManualDestruction:
    """A paper or media destruction entered by hand (what, how many, how, who, witness, certificate)."""

    file_name: str
    kind: str
    item_count: int
    method: str
    executed_by: str
    reason: str
    destroyed_on: dt.date
    created: str = ""
    witness: str = ""
    certificate_no: str = ""
    approved_by: str = ""
    corrects_id: int | None = None


@dataclass(frozen=True)
class LedgerFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None
    text: str | None = None


def row_of(e: DestructionLedgerEntry) -> LedgerRow:
    return LedgerRow(
        e.id,
        e.file_name,
        e.kind,
        e.created,
        e.destroyed_on,
        e.reason,
        e.item_count,
        e.method,
        e.executed_by,
        e.approved_by,
        e.witness,
        e.certificate_no,
        e.plan_id,
        e.plan_hash,
        e.corrects_id,
        e.recorded_at,
        e.recorded_by,
    )


def canonical_row(e: DestructionLedgerEntry | LedgerRow) -> bytes:
    return anchors.canonical(
        e.id,
        e.file_name,
        e.kind,
        e.created,
        e.destroyed_on,
        e.reason,
        e.item_count,
        e.method,
        e.executed_by,
        e.approved_by,
        e.witness,
        e.certificate_no,
        e.plan_id,
        e.plan_hash,
        e.corrects_id,
        e.recorded_at,
        e.recorded_by,
    )


def append_entry(
    u: Unit,
    *,
    file_name: str,
    kind: str,
    created: str,
    destroyed_on: dt.date,
    reason: str,
    item_count: int,
    method: str,
    executed_by: str,
    approved_by: str,
    witness: str = "",
    certificate_no: str = "",
    plan_id: int | None = None,
    plan_hash: str = "",
    corrects_id: int | None = None,
) -> DestructionLedgerEntry:
    """Insert one row and anchor it in the access log, inside the caller's transaction."""
    e = DestructionLedgerEntry(
        file_name=file_name,
        kind=kind,
        created=created,
        destroyed_on=destroyed_on,
        reason=reason,
        item_count=item_count,
        method=method,
        executed_by=executed_by,
        approved_by=approved_by,
        witness=witness,
        certificate_no=certificate_no,
        plan_id=plan_id,
        plan_hash=plan_hash,
        corrects_id=corrects_id,
        recorded_at=clock.now(),
        recorded_by=u.actor_login,
    )
    u.session.add(e)
    u.session.flush()
    anchors.anchor(u, Action.CREATE, TABLE, e.id, canonical_row(e))
    return e


def _text(field: str, value: str, label: str, *, required: bool = True, limit: int = 100) -> str:
    v = (value or "").strip()
    if required and not v:
        raise ValidationError(field, f"{josa(label, '을/를')} 입력하십시오.")
    if len(v) > limit:
        raise ValidationError(field, f"{josa(label, '은/는')} {limit}자 이내로 입력하십시오.")
    return v


def record_manual(ctx: AppContext, actor: Actor, data: ManualDestruction) -> LedgerRow:
    """Enter a paper or media destruction (종이·저장매체 파기 기록)."""
    if data.method not in METHODS:
        raise ValidationError("method", "파기 방법은 분쇄, 소각, 전문업체 중에서 고르십시오.")
    if data.kind not in KINDS:
        raise ValidationError("kind", "자료의 종류를 목록에서 고르십시오.")
    if not 0 < data.item_count <= 10_000_000:
        raise ValidationError("item_count", "파기한 수량은 1 이상의 정수로 입력하십시오.")
    if data.destroyed_on > clock.today_kst():
        raise ValidationError("destroyed_on", "파기일이 미래입니다. 실제로 파기한 날을 입력하십시오.")
    if data.method == "전문업체" and not data.certificate_no.strip():
        raise ValidationError(
            "certificate_no", "전문업체 파기는 업체의 파기 확인서(증명서) 번호를 입력하십시오."
        )
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        if data.corrects_id is not None and u.session.get(DestructionLedgerEntry, data.corrects_id) is None:
            raise NotFoundError("파기 관리대장 기록", str(data.corrects_id))
        e = append_entry(
            u,
            file_name=_text("file_name", data.file_name, "개인정보 파일명"),
            kind=data.kind,
            created=_text("created", data.created, "생성일", required=False, limit=64),
            destroyed_on=data.destroyed_on,
            reason=no_personal_data(
                "reason", _text("reason", data.reason, "파기 사유", limit=1000), "파기 사유"
            ),
            item_count=data.item_count,
            method=data.method,
            executed_by=_text("executed_by", data.executed_by, "처리담당자"),
            approved_by=_text("approved_by", data.approved_by, "처리부서장", required=False),
            witness=_text("witness", data.witness, "입회자", required=False),
            certificate_no=_text("certificate_no", data.certificate_no, "파기 확인서 번호", required=False),
            corrects_id=data.corrects_id,
        )
        return row_of(e)


def _filtered(stmt: Select[DestructionLedgerEntry], flt: LedgerFilter) -> Select[DestructionLedgerEntry]:
    E = DestructionLedgerEntry
    if flt.since is not None:
        stmt = stmt.where(E.destroyed_on >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(E.destroyed_on <= flt.until)
    if flt.kind:
        stmt = stmt.where(E.kind == flt.kind)
    if flt.text and flt.text.strip():
        t = flt.text.strip()
        stmt = stmt.where(
            or_(
                E.file_name.contains(t, autoescape=True),
                E.reason.contains(t, autoescape=True),
                E.executed_by.contains(t, autoescape=True),
                E.method.contains(t, autoescape=True),
            )
        )
    return stmt


def list_ledger(
    ctx: AppContext,
    actor: Actor,
    flt: LedgerFilter | None = None,
    *,
    before_id: int | None = None,
    limit: int = 200,
) -> list[LedgerRow]:
    """The ledger, newest first, one page (``before_id`` = last id of the previous page)."""
    flt = flt or LedgerFilter()
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        stmt = _filtered(select(DestructionLedgerEntry), flt)
        if before_id is not None:
            stmt = stmt.where(DestructionLedgerEntry.id < before_id)
        rows = [
            row_of(e)
            for e in u.session.scalars(
                stmt.order_by(DestructionLedgerEntry.id.desc()).limit(max(1, min(limit, PAGE_MAX)))
            )
        ]
        u.log(Action.VIEW, f"{TABLE}:*", detail=f"rows={len(rows)}")
        return rows


def ledger_for_period(ctx: AppContext, actor: Actor, first: dt.date, last: dt.date) -> list[LedgerRow]:
    """Every row destroyed in ``first``..``last`` (inclusive), oldest first (for printing)."""
    if first > last:
        raise ValidationError("from", "기간의 첫날이 마지막 날보다 늦습니다. 기간을 다시 지정하십시오.")
    with ctx.unit(actor, Permission.DESTRUCTION_PLAN) as u:
        stmt = _filtered(select(DestructionLedgerEntry), LedgerFilter(since=first, until=last))
        rows = [
            row_of(e)
            for e in u.session.scalars(
                stmt.order_by(DestructionLedgerEntry.destroyed_on, DestructionLedgerEntry.id)
            )
        ]
        u.log(
            Action.VIEW,
            f"{TABLE}:*",
            detail=f"period {first.isoformat()}~{last.isoformat()}; rows={len(rows)}",
        )
        return rows


def verify_ledger_in(session: Session) -> list[anchors.AnchorProblem]:
    rows = session.execute(select(DestructionLedgerEntry).order_by(DestructionLedgerEntry.id)).scalars()
    return anchors.verify_anchored(session, TABLE, ((e.id, canonical_row(e)) for e in rows))


def verify_ledger(ctx: AppContext, actor: Actor) -> list[anchors.AnchorProblem]:
    """Verify the destruction ledger against its anchors (파기 관리대장 위·변조 검증); logged."""
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        problems = verify_ledger_in(u.session)
        u.log(Action.VERIFY, f"{TABLE}:*", detail=f"problems={len(problems)}")
        return problems
