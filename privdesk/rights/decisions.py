"""Decisions on data-subject requests (정보주체 요구의 처리): identity verified, in progress, extended,
completed, partly completed, refused, withdrawn — the state machine of
:data:`privdesk.rights.requests.TRANSITIONS`.

Every change is written to the request's history (append-only, who and when) and to the access log.
Closing a request releases the registry's processing hold it placed (unless another open correction
or deletion request of the same subject still needs it).

- 열람 completes with the viewing's date, place, method and fee (열람 통지서); the answer itself is
  produced from the data (:mod:`privdesk.rights.answers`).
- 정정 of a registry patient completes by the actual correction (:func:`correct_patient`: the
  registry's patient edit, each changed field recorded and linked to the request); a correction of
  another file completes with what was corrected. A correction notice is opened for every third
  party that had received the record (from the disclosure ledger), and each is tracked until sent.
- 삭제 of a record another law requires to keep (환자 명부, 의료법) cannot complete as a deletion: it is
  refused with that ground, or answered by separation (분리보관: kept only for the legal period, used
  for nothing else) — a partial completion.
- 처리정지 / 동의철회 complete by flagging the subject (:class:`~privdesk.rights.models.SubjectFlag`):
  consent-based uses (안내·홍보 연락, 동의 근거 제3자 제공) are refused for it from then on.

Refusal grounds are data (:data:`REFUSAL_GROUNDS`): the private-sector grounds of 법 제35조④, 제36조①
단서 and 제37조②; the public-body grounds (제35조④3, 제37조②3) do not apply to a private hospital and
are not offered. Each ground names the kinds it can apply to, and only those are offered and accepted:
제37조②4 (the subject has not clearly terminated the contract) can answer a 처리정지 but never a
동의철회·회원탈퇴, which is itself the clear intent to terminate. Every refusal needs a ground and an
explanation; the notice adds how to object.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from privdesk import clock, proofs
from privdesk.accounts.permissions import Permission, label
from privdesk.audit.chain import Action
from privdesk.clock import aware
from privdesk.consent.api import withdraw_all
from privdesk.context import Actor, AppContext, Unit, permissions_of
from privdesk.crypto import KeyRing
from privdesk.disclosures.api import subject_history
from privdesk.errors import PermissionDeniedError, RecordIntegrityError, RuleViolationError, ValidationError
from privdesk.fields import reason as reason_text
from privdesk.fields import text
from privdesk.lifecycle.api import PATIENT_FILE
from privdesk.registry.api import (
    STATUS_ACTIVE,
    Patient,
    PatientDetail,
    PatientInput,
    SubjectFlag,
    release_hold,
)
from privdesk.rights.models import CorrectionNotice, RequestCorrection, SubjectRequest
from privdesk.rights.requests import (
    HOLDING_KINDS,
    KIND_LABELS,
    OPEN_STATES,
    SPEC,
    STATE_LABELS,
    TRANSITIONS,
    RequestDetail,
    RequestKind,
    RequestState,
    detail_of,
    enc,
    load,
    request_number,
    rights_unit,
)
from privdesk.store import check_version
from privdesk.workflow import check_extension

_ALL = frozenset(RequestKind)
CORRECTIONS = "request_corrections"  # the table (and AES-GCM associated data) of the correction records


@dataclass(frozen=True)
class RefusalGround:
    """A ground for refusing (or partly refusing) a request, as the notice states it."""

    code: str
    label: str
    basis: str
    kinds: frozenset[str]


REFUSAL_GROUNDS: tuple[RefusalGround, ...] = (
    RefusalGround(
        "identity",
        "본인 또는 정당한 대리인임을 확인할 수 없음",
        "개인정보 보호법 제38조 및 같은 법 시행령 제46조: 요구를 하는 자가 본인이거나 정당한 대리인인지 "
        "확인할 수 없는 경우",
        _ALL,
    ),
    RefusalGround(
        "law_prohibits",
        "법률에 따라 열람이 금지되거나 제한됨",
        "개인정보 보호법 제35조제4항제1호: 법률에 따라 열람이 금지되거나 제한되는 경우",
        frozenset({RequestKind.ACCESS}),
    ),
    RefusalGround(
        "harm_others",
        "다른 사람의 생명·신체를 해하거나 재산 등 이익을 부당하게 침해할 우려",
        "개인정보 보호법 제35조제4항제2호: 다른 사람의 생명·신체를 해할 우려가 있거나 다른 사람의 "
        "재산과 그 밖의 이익을 부당하게 침해할 우려가 있는 경우",
        frozenset({RequestKind.ACCESS}),
    ),
    RefusalGround(
        "required_by_law",
        "다른 법령에서 수집 대상으로 정한 개인정보(삭제 불가)",
        "개인정보 보호법 제36조제1항 단서: 다른 법령에서 그 개인정보가 수집 대상으로 명시되어 있는 경우 "
        "(의료법 제22조, 같은 법 시행규칙 제15조: 환자 명부 5년 보존)",
        frozenset({RequestKind.DELETE}),
    ),
    RefusalGround(
        "not_inaccurate",
        "정정 요구 내용이 사실과 다르거나 근거가 없음",
        "개인정보 보호법 제36조제2항: 조사 결과 정정할 사유가 없는 경우",
        frozenset({RequestKind.CORRECT}),
    ),
    RefusalGround(
        "legal_duty",
        "법률의 특별한 규정 또는 법령상 의무 준수에 불가피",
        "개인정보 보호법 제37조제2항제1호: 법률에 특별한 규정이 있거나 법령상 의무를 준수하기 위하여 "
        "불가피한 경우 (의료법에 따른 진료기록 보존 등)",
        frozenset({RequestKind.SUSPEND, RequestKind.WITHDRAW}),
    ),
    RefusalGround(
        "harm_others_37",
        "다른 사람의 생명·신체를 해하거나 재산 등 이익을 부당하게 침해할 우려",
        "개인정보 보호법 제37조제2항제2호",
        frozenset({RequestKind.SUSPEND, RequestKind.WITHDRAW}),
    ),
    RefusalGround(
        "contract",
        "약정한 서비스를 제공할 수 없고 계약 해지 의사가 명확하지 않음",
        "개인정보 보호법 제37조제2항제4호: 개인정보를 처리하지 아니하면 정보주체와 약정한 서비스를 "
        "제공하지 못하는 등 계약의 이행이 곤란한 경우로서 정보주체가 그 계약의 해지 의사를 명확하게 "
        "밝히지 아니한 경우",
        frozenset({RequestKind.SUSPEND}),
    ),
    RefusalGround(
        "other", "기타 정당한 사유", "개인정보 보호법 및 같은 법 시행령이 정하는 그 밖의 정당한 사유", _ALL
    ),
)
_GROUNDS = {g.code: g for g in REFUSAL_GROUNDS}


def grounds_for(kind: str) -> tuple[RefusalGround, ...]:
    return tuple(g for g in REFUSAL_GROUNDS if kind in g.kinds)


def refusal_ground(code: str, kind: str | None = None) -> RefusalGround:
    """The ground with this code (valid for ``kind``); a ValidationError lists the valid ones."""
    g = _GROUNDS.get(code)
    if g is None or (kind is not None and kind not in g.kinds):
        labels = ", ".join(x.label for x in (grounds_for(kind) if kind else REFUSAL_GROUNDS))
        raise ValidationError("ground", f"거절 사유를 목록에서 고르십시오: {labels}")
    return g


VIEWING_METHODS: tuple[str, ...] = ("열람·시청", "사본·출력물", "전자파일", "복제물·인화물", "기타")


@dataclass(frozen=True)
class AccessOutcome:
    """How the subject sees the answer (열람 통지서): date and time, place, method, fee (원).
    A naive datetime is Korea Standard Time."""

    viewing_at: dt.datetime
    viewing_place: str
    viewing_method: str
    fee: int = 0
    note: str = ""


# -- shared steps --------------------------------------------------------------------------------
_open = SPEC.open  # the request locked for a change (stale copies refused)
_move = SPEC.move  # a checked state change, written to the history and the access log


def _release_hold(u: Unit, r: SubjectRequest) -> None:
    """Lift the processing hold this request placed, unless another open request still needs it."""
    if not r.hold_placed or r.patient_id is None:
        return
    others = u.session.execute(
        select(SubjectRequest.id).where(
            SubjectRequest.patient_id == r.patient_id,
            SubjectRequest.id != r.id,
            SubjectRequest.hold_placed.is_(True),
            SubjectRequest.state.in_(sorted(OPEN_STATES)),
            SubjectRequest.kind.in_(sorted(HOLDING_KINDS)),
        )
    ).first()
    if others is not None:
        return
    p = u.session.get(Patient, r.patient_id)
    if p is not None and p.hold:
        release_hold(u, r.patient_id)


def _close(u: Unit, r: SubjectRequest, to: str, note: str) -> None:
    _move(u, r, to, note)
    now = clock.now()
    r.closed_at, r.closed_by = now, u.actor_login
    if to != RequestState.WITHDRAWN:
        r.decided_at, r.decided_by = now, u.actor_login
    _release_hold(u, r)
    u.session.flush()


def _result(ctx: AppContext, u: Unit, r: SubjectRequest) -> RequestDetail:
    u.session.flush()
    return detail_of(u, ctx.keys, r, clock.today_kst())


def _set_result(ctx: AppContext, r: SubjectRequest, value: str) -> None:
    r.result_text_enc = enc(ctx.keys, value, "result_text_enc", r.uid)


def _flag(u: Unit, r: SubjectRequest, scope: str) -> None:
    f = u.session.get(SubjectFlag, r.subject_ref)
    now = clock.now()
    if f is None:
        f = SubjectFlag(
            subject_ref=r.subject_ref,
            patient_id=r.patient_id,
            suspended=False,
            consent_withdrawn=False,
            scope="",
            since=now,
            set_by=u.actor_login,
        )
        u.session.add(f)
    if r.kind == RequestKind.SUSPEND:
        f.suspended = True
    else:
        f.consent_withdrawn = True
        if r.patient_id is not None:  # the consent records say so too (a withdrawal appended)
            withdraw_all(u, r.patient_id, r.id)
    f.scope = scope
    f.request_id, f.since, f.set_by = r.id, now, u.actor_login
    u.session.flush()
    u.log(Action.UPDATE, subject=r.subject_ref, detail=f"subject_flag {r.kind}; request={r.id}")


def _open_correction_notices(u: Unit, r: SubjectRequest) -> int:
    """One notice per third party that received this subject's record before the correction."""
    if r.patient_id is None:
        return 0
    by_recipient: dict[str, int] = {}
    for d in subject_history(u.session, r.subject_ref):
        if not d.deidentified:
            by_recipient.setdefault(d.recipient, d.disclosure_id)
    now = clock.now()
    for recipient, disclosure_id in by_recipient.items():
        u.session.add(
            CorrectionNotice(
                request_id=r.id,
                disclosure_id=disclosure_id,
                recipient=recipient,
                created_at=now,
                created_by=u.actor_login,
            )
        )
    u.session.flush()
    return len(by_recipient)


# -- use cases ---------------------------------------------------------------------------------
def verify_identity(
    ctx: AppContext, actor: Actor, request_id: int, *, note: str = "", expected_version: int | None = None
) -> RequestDetail:
    """본인 확인: the identity (and the agency) was checked against the documents."""
    note = reason_text("note", note, "확인 내용", required=False, limit=500)
    with rights_unit(ctx, actor) as u:
        r = _open(u, request_id, expected_version)
        _move(u, r, RequestState.VERIFIED, note)
        r.identity_verified_at = clock.now()
        return _result(ctx, u, r)


def start(
    ctx: AppContext, actor: Actor, request_id: int, *, expected_version: int | None = None
) -> RequestDetail:
    """처리 중: the answer is being prepared."""
    with rights_unit(ctx, actor) as u:
        r = _open(u, request_id, expected_version)
        if r.identity_verified_at is None:
            raise RuleViolationError("본인 확인을 먼저 기록하십시오.")
        _move(u, r, RequestState.IN_PROGRESS)
        return _result(ctx, u, r)


EXTENDABLE_KINDS = frozenset({RequestKind.ACCESS})  # only 열람 may be postponed (법 제35조③)


def extension_refusal(kind: str) -> str | None:
    """Why a request of ``kind`` cannot be extended (None: it can). The law provides a postponement
    for 열람 only (법 제35조③, 시행령 제42조②); 정정·삭제 (시행령 제43조③) and 처리정지·동의철회
    (시행령 제44조②) must be answered within their 10 days — partly, or refused with a ground."""
    if kind in EXTENDABLE_KINDS:
        return None
    return (
        f"{KIND_LABELS.get(kind, kind)} 요구는 처리 기간을 연장할 수 없습니다: 법은 열람의 연기(개인정보 보호법 "
        "제35조제3항)만 정하고 있습니다. 기한 안에 처리한 부분만 '일부 완료'로 답하거나, 사유를 들어 거절하십시오."
    )


def extend(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    *,
    new_due: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> RequestDetail:
    """열람 연기 (법 제35조③, 시행령 제42조②): a 열람 request only, with a reason (the 정당한 사유 the
    연기 통지서 states); the due date moves once, by at most ``profile.extension_max_days`` days. Any
    other kind is refused (:func:`extension_refusal`)."""
    reason = reason_text("reason", reason, "연기 사유", limit=1000)
    max_days = ctx.profile.extension_max_days
    with rights_unit(ctx, actor) as u:
        r = _open(u, request_id, expected_version)
        refusal = extension_refusal(r.kind)
        if refusal is not None:
            raise RuleViolationError(refusal)
        due = check_extension(
            r, new_due, max_days, field="new_due", once="연기한 기한 안에 열람하게 하거나 거절하십시오."
        )
        r.extended_due, r.extension_reason = new_due, reason
        _move(u, r, RequestState.EXTENDED, f"기한 {due.isoformat()} → {new_due.isoformat()}")
        return _result(ctx, u, r)


def complete_access(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    outcome: AccessOutcome,
    *,
    expected_version: int | None = None,
) -> RequestDetail:
    """열람 완료: the date, place, method and fee of the viewing (열람 통지서)."""
    place, note = _checked_viewing(outcome)
    with rights_unit(ctx, actor) as u:
        r = _open(u, request_id, expected_version)
        if r.kind != RequestKind.ACCESS:
            raise RuleViolationError("열람 요구만 열람 완료로 처리할 수 있습니다.")
        if r.identity_verified_at is None:
            raise RuleViolationError("본인 확인을 먼저 기록하십시오.")
        _set_viewing(r, outcome, place)
        _set_result(ctx, r, note)
        _close(u, r, RequestState.COMPLETED, f"열람 {outcome.viewing_method}")
        return _result(ctx, u, r)


def _checked_viewing(outcome: AccessOutcome) -> tuple[str, str]:
    place = text("viewing_place", outcome.viewing_place, "열람 장소", limit=200)
    if outcome.viewing_method not in VIEWING_METHODS:
        raise ValidationError("viewing_method", "열람 방법을 목록에서 고르십시오.")
    if outcome.fee < 0:
        raise ValidationError("fee", "수수료는 0원 이상으로 입력하십시오.")
    return place, reason_text("note", outcome.note, "비고", required=False, limit=1000)


def _set_viewing(r: SubjectRequest, outcome: AccessOutcome, place: str) -> None:
    r.viewing_at = aware(outcome.viewing_at, "viewing_at")
    r.viewing_place, r.viewing_method, r.fee = place, outcome.viewing_method, outcome.fee


def complete(
    ctx: AppContext, actor: Actor, request_id: int, *, result: str, expected_version: int | None = None
) -> RequestDetail:
    """Complete a correction, deletion, suspension or withdrawal with what was done (처리 결과).

    정정: correction notices are opened for every earlier recipient. 삭제 of a registry record is
    refused here (see :func:`answer_by_separation`). 처리정지 / 동의철회: the subject is flagged."""
    result = text("result", result, "처리 결과", limit=2000)
    with rights_unit(ctx, actor) as u:
        r = _open(u, request_id, expected_version)
        if r.kind == RequestKind.ACCESS:
            raise RuleViolationError("열람 요구는 열람 일시·장소·방법을 정하여 '열람 완료'로 처리하십시오.")
        if r.kind == RequestKind.DELETE and r.file_code == PATIENT_FILE:
            raise RuleViolationError(
                "환자 명부는 의료법(시행규칙 제15조)에 따라 보존해야 하므로 삭제할 수 없습니다. "
                "'다른 법령에서 수집 대상으로 정한 개인정보' 사유로 거절하거나 분리보관으로 답하십시오."
            )
        if r.identity_verified_at is None:
            raise RuleViolationError("본인 확인을 먼저 기록하십시오.")
        if r.kind == RequestKind.CORRECT and r.patient_id is not None:
            raise RuleViolationError(CORRECT_BY_EDIT)
        _set_result(ctx, r, result)
        note = ""
        if r.kind == RequestKind.CORRECT:
            n = _open_correction_notices(u, r)
            note = f"정정 통지 대상 {n}곳"
        elif r.kind in (RequestKind.SUSPEND, RequestKind.WITHDRAW):
            _flag(u, r, result)
            note = "처리정지 표시" if r.kind == RequestKind.SUSPEND else "동의철회 표시"
        _close(u, r, RequestState.COMPLETED, note)
        return _result(ctx, u, r)


def partly_complete(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    *,
    result: str,
    ground: str,
    explanation: str,
    viewing: AccessOutcome | None = None,
    expected_version: int | None = None,
) -> RequestDetail:
    """일부 완료 (시행령 제42조①): what was done, and what was not (``explanation``: which items are
    withheld and why) on which ground. A partly answered 열람 needs the viewing's date, place, method
    and fee (``viewing``) like a full one."""
    result = text("result", result, "처리 결과", limit=2000)
    explanation = reason_text("explanation", explanation, "제한하는 부분과 그 사유", limit=1000)
    checked = _checked_viewing(viewing) if viewing is not None else None
    with rights_unit(ctx, actor) as u:
        r = _open(u, request_id, expected_version)
        g = refusal_ground(ground, r.kind)
        if r.identity_verified_at is None:
            raise RuleViolationError("본인 확인을 먼저 기록하십시오.")
        if r.kind == RequestKind.ACCESS:
            if viewing is None or checked is None:
                raise ValidationError("viewing_at", "일부 열람도 열람 일시·장소·방법을 정하십시오.")
            _set_viewing(r, viewing, checked[0])
        if r.kind == RequestKind.DELETE and r.file_code == PATIENT_FILE:
            raise RuleViolationError("환자 명부의 삭제 요구는 거절하거나 분리보관으로 답하십시오.")
        if r.kind == RequestKind.CORRECT and r.patient_id is not None:
            raise RuleViolationError(CORRECT_BY_EDIT)
        _set_result(ctx, r, result)
        r.refusal_ground, r.refusal_text = g.code, explanation
        if r.kind == RequestKind.CORRECT:
            _open_correction_notices(u, r)
        elif r.kind in (RequestKind.SUSPEND, RequestKind.WITHDRAW):
            _flag(u, r, result)
        _close(u, r, RequestState.PARTLY_COMPLETED, g.label)
        return _result(ctx, u, r)


CORRECT_BY_EDIT = (
    "환자 명부 기록의 정정은 환자 정보를 실제로 고쳐서 완료하십시오('환자 정보 정정'): 고친 항목이 "
    "요구에 연결되어 기록되고, 정정 통지에 정정한 내용이 적힙니다. 일부만 정정하면 그때 제한 사유를 "
    "고르십시오."
)


@dataclass(frozen=True)
class CorrectionRow:
    """One field a correction changed: its label, the value before (masked) and after (in full)."""

    field: str
    label: str
    before_masked: str
    after: str

    def __repr__(self) -> str:
        return f"CorrectionRow({self.field!r})"


def correct_patient(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    data: PatientInput,
    *,
    patient_version: int,
    note: str = "",
    ground: str = "",
    explanation: str = "",
    accept_check_digit_warning: bool = False,
    loaded: PatientDetail | None = None,
    expected_version: int | None = None,
) -> RequestDetail:
    """정정 완료 by the actual correction (법 제36조②): the registry's patient edit
    (:func:`privdesk.registry.patients.apply_update` — validation, version check, duplicates, proofs,
    its access-log entry naming the request), each changed field recorded and linked to the request
    (:class:`~privdesk.rights.models.RequestCorrection`, the new value encrypted), the result text,
    and a correction notice for every earlier recipient; the hold is released. With a ``ground`` (and
    its ``explanation``) only part was corrected: the request ends partly completed. Needs
    ``patient.write`` besides ``request.handle``."""
    from privdesk.registry.api import FIELD_LABELS, apply_update, require_valid, retention_years

    note = reason_text("note", note, "비고", required=False, limit=1000)
    if ground:
        explanation = reason_text("explanation", explanation, "정정하지 않은 부분과 그 사유", limit=1000)
    v = require_valid(data, accept_check_digit_warning=accept_check_digit_warning, today=clock.today_kst())
    years = retention_years(ctx)
    keys = ctx.keys
    with rights_unit(ctx, actor) as u:
        if u.account is None or Permission.PATIENT_WRITE not in permissions_of(u.session, u.account):
            raise PermissionDeniedError(str(Permission.PATIENT_WRITE), label(Permission.PATIENT_WRITE))
        r = _open(u, request_id, expected_version)
        if r.kind != RequestKind.CORRECT or r.patient_id is None:
            raise RuleViolationError("환자 정보 정정은 환자 명부 기록의 정정 요구에만 쓸 수 있습니다.")
        if r.identity_verified_at is None:
            raise RuleViolationError("본인 확인을 먼저 기록하십시오.")
        target = RequestState.PARTLY_COMPLETED if ground else RequestState.COMPLETED
        if target not in TRANSITIONS.get(r.state, ()):
            raise RuleViolationError(
                f"'{STATE_LABELS.get(r.state, r.state)}' 상태의 요구는 정정할 수 없습니다."
            )
        g = refusal_ground(ground, r.kind) if ground else None
        number = request_number(r.id, r.received_at)
        edit = apply_update(
            u,
            keys,
            r.patient_id,
            v,
            expected_version=patient_version,
            years=years,
            loaded=loaded,
            log_note=f"정정 요구 {number}",
        )
        if not edit.changes:
            raise ValidationError(
                "patient", "고친 항목이 없습니다. 요구한 내용대로 환자 정보를 고친 뒤 저장하십시오."
            )
        now = clock.now()
        for name, (before, after) in edit.changes.items():
            uid = secrets.token_hex(16)
            u.session.add(
                RequestCorrection(
                    uid=uid,
                    request_id=r.id,
                    patient_id=r.patient_id,
                    field=name,
                    before_masked=before,
                    after_enc=keys.encrypt(after, CORRECTIONS, "after_enc", uid),
                    patient_version=edit.detail.version,
                    at=now,
                    by=u.actor_login,
                )
            )
        labels = ", ".join(FIELD_LABELS.get(k, k) for k in edit.changes)
        corrected = "; ".join(
            f"{FIELD_LABELS.get(k, k)}: {after or '(없음)'}" for k, (_b, after) in edit.changes.items()
        )
        _set_result(ctx, r, f"환자 정보 정정 — {corrected}" + (f" ({note})" if note else ""))
        if g is not None:
            r.refusal_ground, r.refusal_text = g.code, explanation
        u.session.flush()
        n = _open_correction_notices(u, r)
        _close(
            u,
            r,
            target,
            f"환자 정보 정정: {labels} (환자 기록 버전 {edit.version_before}→{edit.detail.version}); "
            f"정정 통지 대상 {n}곳",
        )
        return _result(ctx, u, r)


def corrections_of(u: Unit, keys: KeyRing, request_id: int) -> list[CorrectionRow]:
    """What a correction changed (decrypted: for the correction letters and the request detail)."""
    from privdesk.registry.api import FIELD_LABELS

    rows = u.session.execute(
        select(RequestCorrection)
        .where(RequestCorrection.request_id == request_id)
        .order_by(RequestCorrection.id)
    ).scalars()
    out: list[CorrectionRow] = []
    for c in rows:
        if not proofs.holds(keys, c):
            raise RecordIntegrityError(f"정정 기록(요구 {request_id})")
        out.append(
            CorrectionRow(
                c.field,
                FIELD_LABELS.get(c.field, c.field),
                c.before_masked,
                keys.decrypt(c.after_enc, CORRECTIONS, "after_enc", c.uid),
            )
        )
    return out


def answer_by_separation(
    ctx: AppContext, actor: Actor, request_id: int, *, explanation: str, expected_version: int | None = None
) -> RequestDetail:
    """Answer a deletion request on a registry record by separation (분리보관): the record leaves the
    registry for the separate store, kept only for the legal period and used for nothing else; the
    request ends partly completed on the ground that the law requires keeping it."""
    from privdesk.lifecycle.api import separate_batch
    from privdesk.lifecycle.api import store as sep

    explanation = reason_text("explanation", explanation, "설명", limit=1000)
    today = clock.today_kst()
    with sep.open_store(ctx) as store, rights_unit(ctx, actor) as u:
        r = _open(u, request_id, expected_version)
        if r.kind != RequestKind.DELETE or r.patient_id is None:
            raise RuleViolationError("분리보관 답변은 환자 명부 기록의 삭제 요구에만 쓸 수 있습니다.")
        if r.identity_verified_at is None:
            raise RuleViolationError("본인 확인을 먼저 기록하십시오.")
        p = u.session.get(Patient, r.patient_id)
        g = refusal_ground("required_by_law", r.kind)
        r.refusal_ground, r.refusal_text = g.code, explanation
        _set_result(
            ctx,
            r,
            "삭제 대신 분리보관: 법정 보존기간 동안 별도 저장소에 보관하고 그 밖의 용도로 이용하지 않으며, "
            "보존기간이 끝나면 파기합니다.",
        )
        _close(u, r, RequestState.PARTLY_COMPLETED, "분리보관으로 답변")
        if p is not None and p.status == STATUS_ACTIVE:
            u.session.flush()
            u.session.expire(p)
            moved = separate_batch(
                u,
                store,
                today,
                today + dt.timedelta(days=1),
                p.id,
                p.id,
                clock.now(),
                detail=f"삭제 요구 {request_number(r.id, r.received_at)}에 따른 분리보관",
            )
            if not moved:
                raise RuleViolationError(
                    "이 기록은 보존기간이 끝나 분리보관할 수 없습니다. 파기 계획으로 처리하십시오."
                )
        return _result(ctx, u, r)


def refuse(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    *,
    ground: str,
    explanation: str,
    expected_version: int | None = None,
) -> RequestDetail:
    """거절: a ground from :data:`REFUSAL_GROUNDS` valid for the request's kind and an explanation are
    required; the notice states both with how to object."""
    explanation = reason_text("explanation", explanation, "거절 사유 설명", limit=1000)
    with rights_unit(ctx, actor) as u:
        r = _open(u, request_id, expected_version)
        g = refusal_ground(ground, r.kind)
        r.refusal_ground, r.refusal_text = g.code, explanation
        _close(u, r, RequestState.REFUSED, g.label)
        return _result(ctx, u, r)


def withdraw(
    ctx: AppContext, actor: Actor, request_id: int, *, reason: str, expected_version: int | None = None
) -> RequestDetail:
    """취하: the requester withdrew the request."""
    reason = reason_text("reason", reason, "취하 사유", limit=500)
    with rights_unit(ctx, actor) as u:
        r = _open(u, request_id, expected_version)
        _close(u, r, RequestState.WITHDRAWN, reason)
        return _result(ctx, u, r)


# -- correction notices ----------------------------------------------------------------------------
@dataclass(frozen=True)
class NoticeRow:
    id: int
    request_id: int
    disclosure_id: int
    recipient: str
    disclosed_on: dt.date | None
    items: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    sent_by: str | None
    sent_method: str | None
    version: int

    @property
    def sent(self) -> bool:
        return self.sent_at is not None


def _notice_rows(u: Unit, request_id: int) -> list[NoticeRow]:
    from privdesk.disclosures.api import Disclosure

    rows = u.session.execute(
        select(CorrectionNotice, Disclosure.disclosed_on, Disclosure.items)
        .join(Disclosure, Disclosure.id == CorrectionNotice.disclosure_id)
        .where(CorrectionNotice.request_id == request_id)
        .order_by(CorrectionNotice.id)
    ).all()
    return [
        NoticeRow(
            n.id,
            n.request_id,
            n.disclosure_id,
            n.recipient,
            on,
            items,
            n.created_at,
            n.sent_at,
            n.sent_by,
            n.sent_method,
            n.version,
        )
        for n, on, items in rows
    ]


def correction_notices(ctx: AppContext, actor: Actor, request_id: int) -> list[NoticeRow]:
    """The correction notices of a request: every recipient, and whether the notice was sent."""
    with rights_unit(ctx, actor) as u:
        r = load(u, request_id)
        u.log(Action.VIEW, subject=r.ref, detail="correction notices")
        return _notice_rows(u, request_id)


def mark_notice_sent(
    ctx: AppContext, actor: Actor, notice_id: int, *, method: str, expected_version: int | None = None
) -> NoticeRow:
    """Record that the correction notice went to its recipient (우편, 팩스, 공문 …)."""
    method = text("method", method, "통지 방법", limit=64)
    with rights_unit(ctx, actor) as u:
        n = u.session.get(CorrectionNotice, notice_id, with_for_update=True)
        if n is None:
            from privdesk.errors import NotFoundError

            raise NotFoundError("정정 통지", str(notice_id))
        check_version(n, expected_version, f"correction_notice:{n.id}")
        if n.sent_at is not None:
            raise RuleViolationError(f"{n.recipient}에 대한 정정 통지는 이미 발송으로 기록되었습니다.")
        n.sent_at, n.sent_by, n.sent_method = clock.now(), u.actor_login, method
        u.session.flush()
        u.log(
            Action.UPDATE, subject=f"subject_request:{n.request_id}", detail=f"correction notice {n.id} sent"
        )
        return next(x for x in _notice_rows(u, n.request_id) if x.id == n.id)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
