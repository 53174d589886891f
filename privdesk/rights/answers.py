"""The 열람 answer, produced from the data (시행령 제41조①), and the sentences every notice shares.

For a registry patient the answer gives what privdesk holds: the items and their content (name,
resident number, address, phone numbers, visits), the purpose and legal basis of the file, the
retention rule and this record's end date and stage, every third-party provision from the
disclosure ledger, and the basis of processing (the law, not consent, for the 환자 명부; plus any
처리정지 / 동의철회 on the subject). The resident number is given with its last six digits masked
on paper (the notice may travel by post); the full number is shown at the counter after the
identity check. For the files kept outside privdesk (homepage members, reservations) the answer names
the items and says the content is printed from the homepage system and attached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.permissions import Permission, label
from privdesk.audit.chain import Action
from privdesk.audit.reasons import require, with_reason
from privdesk.consent.api import consent_summary
from privdesk.context import Actor, AppContext, permissions_of
from privdesk.crypto import KeyRing
from privdesk.disclosures.api import SubjectDisclosure, subject_history
from privdesk.errors import PermissionDeniedError, RuleViolationError
from privdesk.lifecycle.api import PATIENT_FILE, STAGE_LABELS, FileRule, file_rule, stage
from privdesk.profile import HospitalProfile
from privdesk.registry.api import (
    STATUS_ACTIVE,
    Intake,
    Patient,
    SubjectFlag,
    address_district,
    mask_phone,
    records,
)
from privdesk.rights.requests import (
    ACCESS_ITEM_LABELS,
    AccessItem,
    RequestKind,
    load,
    request_number,
    rights_unit,
)
from privdesk.training.api import ensure_trained


@dataclass(frozen=True)
class AnswerItem:
    label: str
    content: str


@dataclass(frozen=True)
class AccessAnswer:
    """What the subject asked to see, from the data. Holds personal data: never logged."""

    request_id: int
    number: str
    subject_name: str
    file_name: str
    asked: tuple[str, ...]  # AccessItem codes asked for
    content: tuple[AnswerItem, ...]  # 개인정보의 항목 및 내용
    visits: tuple[tuple[dt.date, str, str], ...]  # (date, department, purpose)
    purpose: str  # 수집·이용 목적
    legal_basis: str
    retention: str  # 보유 및 이용 기간 (rule, end date, stage)
    provisions: tuple[SubjectDisclosure, ...]  # 제3자 제공 현황
    consent: str  # 처리에 동의한 사실 및 내용 / 처리 근거
    held_outside: bool  # the content lives outside privdesk (homepage)
    masked: bool = True  # on screen: masked as the registry masks
    seconds: int = 0  # unmasked: mask again after this many seconds

    def __repr__(self) -> str:
        return f"AccessAnswer(request_id={self.request_id}, items={len(self.content)})"


def objection_text(p: HospitalProfile) -> str:
    """How to object (이의제기 방법), stated on every refusal and result notice: the profile's text for
    its kind of organisation (민간: the hospital's procedure, 분쟁조정, 신고센터, civil courts; 공공:
    행정심판·행정소송), see :data:`privdesk.profile.DEFAULT_REMEDIES`."""
    return p.remedies_text()


def _retention_text(rule: FileRule, p: Patient | None, today: dt.date) -> str:
    text, note = rule.retention_text, rule.retention_note
    if note.startswith(text):
        text = note  # "최종 내원일로부터 5년 (의료법 시행규칙 제15조 환자 명부)"
    elif note:
        text += f" ({note})"
    if p is not None:
        st = stage(p.status, p.retention_until, today, held=p.hold)
        text += f"; 이 기록의 보존 종료일 {p.retention_until.isoformat()}, 현재 {STAGE_LABELS.get(st, st)}"
    return text


def _consent_text(rule: FileRule, flag: SubjectFlag | None) -> str:
    if rule.code == PATIENT_FILE:
        text = f"동의가 아닌 법령에 근거하여 처리합니다: {rule.legal_basis or '의료법'}."
    else:
        text = f"가입·예약 시 받은 동의에 근거하여 처리합니다: {rule.legal_basis or '정보주체의 동의'}."
    if flag is not None and (flag.suspended or flag.consent_withdrawn):
        what = "처리정지" if flag.suspended else "동의철회"
        text += f" {clock.to_kst(flag.since):%Y-%m-%d}부터 {what}: 동의가 필요한 이용(안내·홍보 연락 등)을 하지 않습니다."
    return text


IDENTITY_FIRST = (
    "본인 확인 전에는 정보주체의 개인정보를 볼 수 없습니다. 요구인의 신분증(대리인은 위임장 등)을 확인하고 "
    "'본인 확인'을 먼저 기록하십시오."
)


class AnswerMode(StrEnum):
    """How much of the subject's data an answer shows."""

    MASKED = "masked"  # on screen after the identity check: the registry's masking
    UNMASKED = "unmasked"  # on screen with a logged reason (마스킹 해제, the registry's rule)
    PAPER = "paper"  # the 열람 통지서 to the subject: full address and phones, the RRN masked


def access_answer(
    ctx: AppContext, actor: Actor, request_id: int, *, reason: str | None = None, today: dt.date | None = None
) -> AccessAnswer:
    """The answer to a 열람 request, from the data (a logged look at the subject's record).

    Nothing personal is shown before the identity check (본인 확인): refused with a RuleViolationError.
    After it the answer is masked as the registry masks (resident number, address to the district,
    phones); with a ``reason`` it is unmasked by the registry's rule — the ``patient.unmask``
    permission, the reason in the access log, and the screen masks again after
    ``settings.security.unmask_seconds`` (:attr:`AccessAnswer.seconds`)."""
    if reason is None:
        return build_answer(ctx, actor, request_id, AnswerMode.MASKED, today=today)
    reason = require(reason, "마스킹 해제 사유")
    return build_answer(ctx, actor, request_id, AnswerMode.UNMASKED, reason=reason, today=today)


def build_answer(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    mode: AnswerMode,
    *,
    reason: str = "",
    today: dt.date | None = None,
) -> AccessAnswer:
    """The answer in ``mode`` (see :class:`AnswerMode`); :func:`access_answer` is the screen's door,
    :mod:`privdesk.rights.printing` asks for the paper."""
    today = today or clock.today_kst()
    keys = ctx.keys
    profile = ctx.profile
    seconds = ctx.settings.security.unmask_seconds
    with rights_unit(ctx, actor) as u:
        r = load(u, request_id)
        if r.kind != RequestKind.ACCESS:
            raise RuleViolationError("열람 요구에만 열람 답변을 만들 수 있습니다.")
        if r.identity_verified_at is None:
            raise RuleViolationError(IDENTITY_FIRST)
        if mode == AnswerMode.UNMASKED and (
            u.account is None or Permission.PATIENT_UNMASK not in permissions_of(u.session, u.account)
        ):
            raise PermissionDeniedError(str(Permission.PATIENT_UNMASK), label(Permission.PATIENT_UNMASK))
        if mode == AnswerMode.UNMASKED:
            ensure_trained(u.session, profile, u.account)  # the optional training gate (교육 미이수)
        rule = file_rule(u, r.file_code)
        asked = tuple(x for x in r.access_items.split(",") if x) or tuple(AccessItem)
        p = u.session.get(Patient, r.patient_id) if r.patient_id is not None else None
        content: list[AnswerItem] = []
        visits: tuple[tuple[dt.date, str, str], ...] = ()
        held_outside = p is None
        if p is not None and p.status == STATUS_ACTIVE:
            content = _patient_items(keys, p, mode)
            visits = tuple(
                (i.visit_date, i.department, i.purpose)
                for i in u.session.execute(
                    select(Intake).where(Intake.patient_id == p.id).order_by(Intake.visit_date, Intake.id)
                ).scalars()
            )
        elif p is not None:
            content = [
                AnswerItem("이름", p.name),
                AnswerItem("차트번호", p.chart_no),
                AnswerItem(
                    "보관 상태",
                    "분리보관 중인 기록: 개인정보 보호책임자가 별도 저장소에서 확인하여 답변합니다.",
                ),
            ]
        else:
            content = [
                AnswerItem(item.strip(), "홈페이지 관리 시스템에서 출력하여 첨부")
                for item in rule.items.split(",")
                if item.strip()
            ]
        provisions = tuple(subject_history(u.session, r.subject_ref)) if AccessItem.PROVISION in asked else ()
        flag = u.session.get(SubjectFlag, r.subject_ref)
        if mode == AnswerMode.UNMASKED:
            u.log(
                Action.UNMASK,
                subject=r.subject_ref,
                detail=with_reason(f"열람 답변; request={r.id}", require(reason)),
            )
        else:
            u.log(Action.VIEW, subject=r.subject_ref, detail=f"열람 답변; request={r.id}")
        return AccessAnswer(
            request_id=r.id,
            number=request_number(r.id, r.received_at),
            subject_name=r.subject_name,
            file_name=rule.name,
            asked=asked,
            content=tuple(content) if AccessItem.CONTENT in asked else (),
            visits=visits if AccessItem.CONTENT in asked else (),
            purpose=rule.purpose,
            legal_basis=rule.legal_basis,
            retention=_retention_text(rule, p, today),
            provisions=provisions,
            consent=_consent_text(rule, flag)
            + (f" {consent_summary(u.session, profile.raw, p.id)}" if p is not None else ""),
            held_outside=held_outside,
            masked=mode == AnswerMode.MASKED,
            seconds=seconds if mode == AnswerMode.UNMASKED else 0,
        )


def _patient_items(keys: KeyRing, p: Patient, mode: AnswerMode) -> list[AnswerItem]:
    rrn = records.decrypt_rrn(keys, p.uid, p.rrn_enc).replace("-", "")
    phones = [records.decrypt_phone(keys, p.uid, ph.position, ph.phone_enc) for ph in p.phones]
    address = records.decrypt_address(keys, p.uid, p.address_enc)
    if mode == AnswerMode.MASKED:
        rrn_text = records.masked_rrn(p.birth_date, p.sex, p.is_foreigner)
        address = address_district(address) if address else ""
        phones = [mask_phone(x) for x in phones]
    elif mode == AnswerMode.UNMASKED:
        rrn_text = f"{rrn[:6]}-{rrn[6:]}"
    else:
        rrn_text = f"{rrn[:6]}-{rrn[6:7]}****** (전체 번호는 창구에서 본인 확인 후 열람)"
    del rrn
    return [
        AnswerItem("이름", p.name),
        AnswerItem("차트번호", p.chart_no),
        AnswerItem("주민등록번호", rrn_text),
        AnswerItem("주소", address or "(없음)"),
        AnswerItem("연락처", ", ".join(phones) or "(없음)"),
        AnswerItem(
            "최초·최종 내원일", f"{clock.paper_date(p.first_visit)} / {clock.paper_date(p.last_visit)}"
        ),
    ]


def asked_labels(answer: AccessAnswer) -> list[str]:
    return [ACCESS_ITEM_LABELS[a] for a in answer.asked if a in ACCESS_ITEM_LABELS]
