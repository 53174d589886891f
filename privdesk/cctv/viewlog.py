"""The viewing log and CCTV ledger (열람 기록 / 개인영상정보 관리대장, 표준지침 [별지 제3호서식]).

Every use (이용), provision (제공), viewing (열람) and destruction (파기) of footage is one entry with
the form's columns: 번호, 구분, 일시, 파일명/형태, 담당자 (관리책임자 또는 입회자), 목적/사유,
이용·제공받는 제3자/열람등 요구자, 이용·제공 근거, 이용·제공 형태, 기간.

Entries are append-only (database triggers refuse UPDATE and DELETE) and tamper-evident: each one
is anchored in the hash-chained access log in the same transaction (:mod:`privdesk.audit.anchors`),
and :func:`verify_ledger` finds an altered, deleted or inserted entry. A wrong entry is corrected by
a new entry that names it (``corrects_id``, 정정 기재).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit import anchors
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.cctv.cameras import cctv_unit, resolve_cameras
from privdesk.cctv.common import aware, check_window, fmt_window, kst_midnight, text
from privdesk.cctv.models import CctvLedgerEntry
from privdesk.context import SYSTEM_ACTOR, Actor, AppContext, Unit
from privdesk.errors import NotFoundError, ValidationError
from privdesk.fields import reason as reason_text

TABLE = "cctv_ledger"
PAGE_MAX = 1000


class LedgerKind(StrEnum):
    USE = "use"  # 이용
    PROVIDE = "provide"  # 제공
    VIEW = "view"  # 열람
    DESTROY = "destroy"  # 파기


KIND_LABELS: dict[str, str] = {
    LedgerKind.USE: "이용",
    LedgerKind.PROVIDE: "제공",
    LedgerKind.VIEW: "열람",
    LedgerKind.DESTROY: "파기",
}

INTERNAL_BASIS = "개인정보 보호법 제25조제1항 (설치 목적 범위의 이용)"
QUICK_FILE_FORM = "녹화기 영상 재생(화면 열람)"
INTERNAL_COUNTERPART = "내부 열람"


@dataclass(frozen=True)
class LedgerInput:
    """A ledger entry as typed on the full form. ``at`` (when it happened) defaults to now;
    naive datetimes are taken as Korea Standard Time."""

    kind: str
    purpose: str
    file_form: str
    cameras: Sequence[str] = ()
    window_start: dt.datetime | None = None
    window_end: dt.datetime | None = None
    witness: str = ""
    counterpart: str = ""
    basis: str = ""
    provision_form: str = ""
    period: str = ""
    at: dt.datetime | None = None
    corrects_id: int | None = None


@dataclass(frozen=True)
class QuickViewing:
    """The quick entry for an internal viewing: camera(s), time window, purpose, witness."""

    cameras: Sequence[str]
    window_start: dt.datetime
    window_end: dt.datetime
    purpose: str
    witness: str = ""
    kind: str = LedgerKind.VIEW
    at: dt.datetime | None = None


@dataclass(frozen=True)
class LedgerRow:
    """One ledger entry as the viewing-log screen and the printed ledger show it."""

    id: int
    kind: str
    at: dt.datetime
    file_form: str
    camera_numbers: str
    window_start: dt.datetime | None
    window_end: dt.datetime | None
    staff_login: str
    staff_name: str
    witness: str
    purpose: str
    counterpart: str
    basis: str
    provision_form: str
    period: str
    request_id: int | None
    provision_id: int | None
    corrects_id: int | None
    recorded_at: dt.datetime
    recorded_by: str
    corrected_by: tuple[int, ...] = ()  # later entries that correct this one (정정됨), when listed

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def staff_text(self) -> str:
        """담당자 (관리책임자 또는 입회자): ``김시설(kim) / 입회 박주임``."""
        if self.staff_login == SYSTEM_ACTOR:  # written by the daily check, not by a person
            return f"{self.staff_name} (자동 기록)"
        staff = f"{self.staff_name}({self.staff_login})"
        return f"{staff} / 입회 {self.witness}" if self.witness else staff

    @property
    def window_text(self) -> str:
        return fmt_window(self.window_start, self.window_end)


@dataclass(frozen=True)
class LedgerFilter:
    """Filters of the viewing-log screen: KST days (inclusive), kind, camera number, free text."""

    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None
    camera: str | None = None
    text: str | None = None


def row_of(e: CctvLedgerEntry) -> LedgerRow:
    return LedgerRow(
        id=e.id,
        kind=e.kind,
        at=e.at,
        file_form=e.file_form,
        camera_numbers=e.camera_numbers,
        window_start=e.window_start,
        window_end=e.window_end,
        staff_login=e.staff_login,
        staff_name=e.staff_name,
        witness=e.witness,
        purpose=e.purpose,
        counterpart=e.counterpart,
        basis=e.basis,
        provision_form=e.provision_form,
        period=e.period,
        request_id=e.request_id,
        provision_id=e.provision_id,
        corrects_id=e.corrects_id,
        recorded_at=e.recorded_at,
        recorded_by=e.recorded_by,
    )


def canonical_row(e: CctvLedgerEntry | LedgerRow) -> bytes:
    """The entry's canonical bytes for its anchor: every column, in a fixed order."""
    return anchors.canonical(
        e.id,
        e.kind,
        e.at,
        e.file_form,
        e.camera_numbers,
        e.window_start,
        e.window_end,
        e.staff_login,
        e.staff_name,
        e.witness,
        e.purpose,
        e.counterpart,
        e.basis,
        e.provision_form,
        e.period,
        e.request_id,
        e.provision_id,
        e.corrects_id,
        e.recorded_at,
        e.recorded_by,
    )


def append_entry(
    u: Unit,
    *,
    kind: str,
    at: dt.datetime,
    file_form: str,
    purpose: str,
    staff_login: str,
    staff_name: str,
    camera_numbers: str = "",
    window_start: dt.datetime | None = None,
    window_end: dt.datetime | None = None,
    witness: str = "",
    counterpart: str = "",
    basis: str = "",
    provision_form: str = "",
    period: str = "",
    request_id: int | None = None,
    provision_id: int | None = None,
    corrects_id: int | None = None,
) -> CctvLedgerEntry:
    """Insert one entry and anchor it in the access log, inside the caller's transaction."""
    if kind not in KIND_LABELS:
        raise ValidationError("kind", "구분(이용·제공·열람·파기)을 고르십시오.")
    entry = CctvLedgerEntry(
        kind=kind,
        at=at,
        file_form=file_form,
        camera_numbers=camera_numbers,
        window_start=window_start,
        window_end=window_end,
        staff_login=staff_login,
        staff_name=staff_name,
        witness=witness,
        purpose=purpose,
        counterpart=counterpart,
        basis=basis,
        provision_form=provision_form,
        period=period,
        request_id=request_id,
        provision_id=provision_id,
        corrects_id=corrects_id,
        recorded_at=clock.now(),
        recorded_by=u.actor_login,
    )
    u.session.add(entry)
    u.session.flush()
    anchors.anchor(u, Action.CREATE, TABLE, entry.id, canonical_row(entry))
    return entry


def _when(value: dt.datetime | None) -> dt.datetime:
    now = clock.now()
    at = now if value is None else aware(value, "at")
    if at > now + dt.timedelta(minutes=1):
        raise ValidationError("at", "일시가 미래입니다. 실제로 열람·이용·제공·파기한 일시를 입력하십시오.")
    return at


def _staff_name(u: Unit, actor: Actor) -> str:
    return u.account.name if u.account is not None else actor.name


# -- use cases ---------------------------------------------------------------------------------
def add_entry(ctx: AppContext, actor: Actor, data: LedgerInput) -> LedgerRow:
    """Write one ledger entry from the full form (the acting account is the 담당자)."""
    return _add_entry(ctx, actor, data)


def correct_entry(
    ctx: AppContext, actor: Actor, corrects_id: int, data: LedgerInput, *, reason: str
) -> LedgerRow:
    """A correcting entry (정정 기재) for entry ``corrects_id``: a new entry that names it, written
    as ``data`` says (the acting account is its 담당자); the corrected entry is never changed. The
    reason (사유, required) goes into the access log with the correction, under the corrected entry."""
    why = require(reason)
    if data.corrects_id not in (None, corrects_id):
        raise ValidationError("corrects_id", "정정하는 기록의 번호가 맞지 않습니다.")
    return _add_entry(ctx, actor, replace(data, corrects_id=corrects_id), reason=why)


def _add_entry(ctx: AppContext, actor: Actor, data: LedgerInput, *, reason: str | None = None) -> LedgerRow:
    if data.kind not in KIND_LABELS:
        raise ValidationError("kind", "구분(이용·제공·열람·파기)을 고르십시오.")
    purpose = reason_text("purpose", data.purpose, "목적/사유", limit=1000)
    file_form = text("file_form", data.file_form, "파일명/형태")
    window: tuple[dt.datetime, dt.datetime] | None = None
    if data.window_start is not None or data.window_end is not None:
        if data.window_start is None or data.window_end is None:
            raise ValidationError("window", "영상 기간은 시작과 끝을 모두 입력하십시오.")
        window = check_window(data.window_start, data.window_end)
    at = _when(data.at)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        numbers = (
            ", ".join(c.number for c in resolve_cameras(u.session, data.cameras)) if data.cameras else ""
        )
        if data.corrects_id is not None and u.session.get(CctvLedgerEntry, data.corrects_id) is None:
            raise NotFoundError("관리대장 기록", str(data.corrects_id))
        entry = append_entry(
            u,
            kind=data.kind,
            at=at,
            file_form=file_form,
            purpose=purpose,
            staff_login=actor.login,
            staff_name=_staff_name(u, actor),
            camera_numbers=numbers,
            window_start=window[0] if window else None,
            window_end=window[1] if window else None,
            witness=text("witness", data.witness, "입회자", required=False, limit=64),
            counterpart=text(
                "counterpart", data.counterpart, "이용·제공받는 제3자/열람등 요구자", required=False
            ),
            basis=text("basis", data.basis, "이용·제공 근거", required=False, limit=1000),
            provision_form=text(
                "provision_form", data.provision_form, "이용·제공 형태", required=False, limit=100
            ),
            period=text("period", data.period, "기간", required=False),
            corrects_id=data.corrects_id,
        )
        if reason is not None and data.corrects_id is not None:
            u.log(
                Action.UPDATE,
                f"{TABLE}:{data.corrects_id}",
                detail=with_reason(f"corrected_by={entry.id}", reason),
            )
        return row_of(entry)


def record_viewing(ctx: AppContext, actor: Actor, data: QuickViewing) -> LedgerRow:
    """Quick entry (빠른 기록) of an internal viewing: the acting account viewed the footage of
    these cameras and window now, for this purpose, with this witness."""
    if data.kind not in (LedgerKind.VIEW, LedgerKind.USE):
        raise ValidationError("kind", "빠른 기록의 구분은 열람 또는 이용이어야 합니다.")
    start, end = check_window(data.window_start, data.window_end)
    purpose = reason_text("purpose", data.purpose, "열람 목적", limit=1000)
    witness = text("witness", data.witness, "입회자", required=False, limit=64)
    at = _when(data.at)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        cams = resolve_cameras(u.session, data.cameras)
        entry = append_entry(
            u,
            kind=data.kind,
            at=at,
            file_form=QUICK_FILE_FORM,
            purpose=purpose,
            staff_login=actor.login,
            staff_name=_staff_name(u, actor),
            camera_numbers=", ".join(c.number for c in cams),
            window_start=start,
            window_end=end,
            witness=witness,
            counterpart=INTERNAL_COUNTERPART,
            basis=INTERNAL_BASIS,
            provision_form="화면 열람",
            period=fmt_window(start, end),
        )
        return row_of(entry)


def _filtered(stmt: Select[CctvLedgerEntry], flt: LedgerFilter) -> Select[CctvLedgerEntry]:
    if flt.since is not None:
        stmt = stmt.where(CctvLedgerEntry.at >= kst_midnight(flt.since))
    if flt.until is not None:
        stmt = stmt.where(CctvLedgerEntry.at < kst_midnight(flt.until + dt.timedelta(days=1)))
    if flt.kind:
        stmt = stmt.where(CctvLedgerEntry.kind == flt.kind)
    if flt.camera and flt.camera.strip():
        stmt = stmt.where(
            CctvLedgerEntry.camera_numbers.contains(flt.camera.strip().upper(), autoescape=True)
        )
    if flt.text and flt.text.strip():
        t = flt.text.strip()
        stmt = stmt.where(
            or_(
                CctvLedgerEntry.purpose.contains(t, autoescape=True),
                CctvLedgerEntry.counterpart.contains(t, autoescape=True),
                CctvLedgerEntry.staff_name.contains(t, autoescape=True),
                CctvLedgerEntry.witness.contains(t, autoescape=True),
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
    """The viewing log, newest first, one page (``before_id`` = the last id of the previous page)."""
    flt = flt or LedgerFilter()
    limit = max(1, min(limit, PAGE_MAX))
    with cctv_unit(ctx, actor, Permission.CCTV_READ) as u:
        stmt = _filtered(select(CctvLedgerEntry), flt)
        if before_id is not None:
            stmt = stmt.where(CctvLedgerEntry.id < before_id)
        rows = [row_of(e) for e in u.session.scalars(stmt.order_by(CctvLedgerEntry.id.desc()).limit(limit))]
        rows = with_corrections(u.session, rows)
        u.log(Action.VIEW, subject="cctv_ledger:*", detail=f"rows={len(rows)}")
        return rows


def ledger_for_period(ctx: AppContext, actor: Actor, first: dt.date, last: dt.date) -> list[LedgerRow]:
    """Every entry whose date (KST) is in ``first``..``last``, oldest first (for printing)."""
    if first > last:
        raise ValidationError("from", "기간의 첫날이 마지막 날보다 늦습니다. 기간을 다시 지정하십시오.")
    with cctv_unit(ctx, actor, Permission.CCTV_READ) as u:
        stmt = _filtered(select(CctvLedgerEntry), LedgerFilter(since=first, until=last))
        rows = [row_of(e) for e in u.session.scalars(stmt.order_by(CctvLedgerEntry.at, CctvLedgerEntry.id))]
        u.log(
            Action.VIEW,
            subject="cctv_ledger:*",
            detail=f"period {first.isoformat()}~{last.isoformat()}; rows={len(rows)}",
        )
        return rows


def with_corrections(session: Session, rows: list[LedgerRow]) -> list[LedgerRow]:
    """The rows, each with the ids of the later entries that correct it (정정됨 → …)."""
    ids = [r.id for r in rows]
    fixes: dict[int, list[int]] = {}
    for i in range(0, len(ids), 500):
        for fix, target in session.execute(
            select(CctvLedgerEntry.id, CctvLedgerEntry.corrects_id)
            .where(CctvLedgerEntry.corrects_id.in_(ids[i : i + 500]))
            .order_by(CctvLedgerEntry.id)
        ):
            if target is not None:
                fixes.setdefault(int(target), []).append(int(fix))
    return [replace(r, corrected_by=tuple(fixes[r.id])) if r.id in fixes else r for r in rows]


def verify_ledger_in(session: Session) -> list[anchors.AnchorProblem]:
    """Check every ledger entry against its access-log anchor (for ``privdesk audit verify``)."""
    rows = session.execute(select(CctvLedgerEntry).order_by(CctvLedgerEntry.id)).scalars()
    return anchors.verify_anchored(session, TABLE, ((e.id, canonical_row(e)) for e in rows))


def verify_ledger(ctx: AppContext, actor: Actor) -> list[anchors.AnchorProblem]:
    """Verify the CCTV ledger (관리대장 위·변조 검증); the check is logged. A plain unit, not
    :func:`~privdesk.cctv.cameras.cctv_unit`: a check asks nothing of the camera registry."""
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        problems = verify_ledger_in(u.session)
        u.log(Action.VERIFY, subject="cctv_ledger:*", detail=f"problems={len(problems)}")
        return problems
