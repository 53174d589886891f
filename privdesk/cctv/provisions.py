"""Third-party provision of footage (개인영상정보의 제3자 제공), e.g. to the police.

A provision is its own recorded decision (append-only): who receives the footage, under which
official document (공문 번호) and legal basis, for what purpose, in what form, for how long, and
which cameras and window. It is entered in the 관리대장 as kind 제공 in the same transaction.

A private hospital may provide footage outside its purpose only on a ground of 법 제18조제2항 that
applies to every processor: separate consent (1), a special provision of another law (2) — e.g. a
warrant or an investigative inquiry under the 형사소송법 — or an urgent interest in life, body or
property (3). The ground 제18조제2항제7호 (범죄수사) is for public bodies only (law.md §1).
The example bases below are suggestions (data, editable); the article numbers of the 형사소송법
cited are UNCONFIRMED against the current text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.cctv.cameras import cctv_unit, resolve_cameras
from privdesk.cctv.common import aware, check_window, fmt_window, text, window_days
from privdesk.cctv.models import CctvProvision, CctvRequest
from privdesk.cctv.retention import FootageStatus, statuses
from privdesk.cctv.viewlog import LedgerKind, append_entry
from privdesk.context import Actor, AppContext
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.fields import reason as reason_text

SUGGESTED_BASES: tuple[str, ...] = (
    "개인정보 보호법 제18조제2항제2호 (다른 법률의 특별한 규정: 형사소송법 제215조 압수·수색 영장)",
    "개인정보 보호법 제18조제2항제2호 (다른 법률의 특별한 규정: 형사소송법 제199조제2항 사실조회)",
    "개인정보 보호법 제18조제2항제3호 (급박한 생명·신체·재산의 이익)",
    "개인정보 보호법 제18조제2항제1호 (정보주체의 별도 동의)",
)
SUGGESTED_FORMS: tuple[str, ...] = ("사본 제공(USB)", "사본 제공(CD/DVD)", "현장 열람", "출력물 제공")


@dataclass(frozen=True)
class ProvisionInput:
    recipient: str  # 제공받는 자 (e.g. 관악경찰서 형사과)
    legal_basis: str
    purpose: str
    form: str  # 제공 형태
    cameras: Sequence[str]
    window_start: dt.datetime
    window_end: dt.datetime
    document_no: str = ""  # 공문 번호 (수사기관의 요청서 번호)
    period: str = ""  # 제공받는 자의 이용 기간
    witness: str = ""
    request_id: int | None = None
    provided_at: dt.datetime | None = None


@dataclass(frozen=True)
class ProvisionInfo:
    id: int
    recipient: str
    document_no: str
    legal_basis: str
    purpose: str
    form: str
    period: str
    camera_numbers: str
    window_start: dt.datetime
    window_end: dt.datetime
    decided_by: str
    decided_at: dt.datetime
    request_id: int | None
    ledger_entry_id: int


def provide_footage(ctx: AppContext, actor: Actor, data: ProvisionInput) -> ProvisionInfo:
    """Record a provision of footage to a third party and its 관리대장 entry (제공)."""
    recipient = text("recipient", data.recipient, "제공받는 자")
    basis = text("legal_basis", data.legal_basis, "제공 근거(법령)", limit=1000)
    purpose = reason_text("purpose", data.purpose, "제공 목적", limit=1000)
    form = text("form", data.form, "제공 형태", limit=100)
    document_no = text("document_no", data.document_no, "공문 번호", required=False, limit=100)
    period = text("period", data.period, "이용 기간", required=False)
    witness = text("witness", data.witness, "입회자", required=False, limit=64)
    start, end = check_window(data.window_start, data.window_end)
    now = clock.now()
    at = now if data.provided_at is None else aware(data.provided_at, "provided_at")
    if at > now + dt.timedelta(minutes=1):
        raise ValidationError("provided_at", "제공 일시가 미래입니다. 실제로 제공한 일시를 입력하십시오.")
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        cams = resolve_cameras(u.session, data.cameras)
        if data.request_id is not None and u.session.get(CctvRequest, data.request_id) is None:
            raise NotFoundError("열람등 청구", str(data.request_id))
        found = statuses(u, cams, window_days(start, end), clock.today_kst(), ctx.profile.cctv.retention_days)
        if all(s == FootageStatus.GONE for s in found.values()):
            raise RuleViolationError("이 기간의 영상은 보관기간이 지나 없으므로 제공할 수 없습니다.")
        numbers = ", ".join(c.number for c in cams)
        prov = CctvProvision(
            request_id=data.request_id,
            recipient=recipient,
            document_no=document_no,
            legal_basis=basis,
            purpose=purpose,
            form=form,
            period=period,
            camera_numbers=numbers,
            window_start=start,
            window_end=end,
            decided_by=u.actor_login,
            decided_at=now,
        )
        u.session.add(prov)
        u.session.flush()
        u.log(Action.CREATE, subject=prov.ref, detail=f"provision; request={data.request_id or '-'}")
        doc = f" (공문 {document_no})" if document_no else ""
        entry = append_entry(
            u,
            kind=LedgerKind.PROVIDE,
            at=at,
            file_form=f"녹화 영상 사본: {form}",
            purpose=purpose,
            staff_login=actor.login,
            staff_name=u.account.name if u.account else actor.name,
            camera_numbers=numbers,
            window_start=start,
            window_end=end,
            witness=witness,
            counterpart=recipient + doc,
            basis=basis,
            provision_form=form,
            period="; ".join(p for p in (fmt_window(start, end), period) if p),
            request_id=data.request_id,
            provision_id=prov.id,
        )
        return ProvisionInfo(
            id=prov.id,
            recipient=recipient,
            document_no=document_no,
            legal_basis=basis,
            purpose=purpose,
            form=form,
            period=period,
            camera_numbers=numbers,
            window_start=start,
            window_end=end,
            decided_by=prov.decided_by,
            decided_at=now,
            request_id=data.request_id,
            ledger_entry_id=entry.id,
        )
