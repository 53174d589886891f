"""Data-subject requests (열람·정정·삭제·처리정지·동의철회): the 10-day clock, the correction hold, the
correction notices to exactly the recipients of the subject, deletion of a 의료법 record, refusal
grounds, flags, the 열람 answer, roles. Both backends (``ctx``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.users import create_account_row, login
from privdesk.audit.chain import Action, Outcome
from privdesk.context import Actor, AppContext
from privdesk.disclosures.models import Disclosure, DisclosureSubject
from privdesk.errors import PermissionDeniedError, RuleViolationError, ValidationError, VersionConflictError
from privdesk.registry.export import export_patients
from privdesk.registry.flags import ConsentUseRefusedError
from privdesk.registry.models import STATUS_SEPARATED, Patient, SubjectFlag
from privdesk.registry.patients import HeldRecordError, create_patient, get_patient, unmask
from privdesk.registry.validation import PatientInput
from privdesk.rights import answers, decisions, requests
from privdesk.rights.decisions import AccessOutcome
from privdesk.rights.requests import RequestInput, RequestKind, RequestState, Urgency
from privdesk.store.models import AccessLogEntry
from tests.helpers import OFFICER_LOGIN

PASSWORD = "Clerk-pass-123"
ADDRESS = "서울특별시 관악구 봉천로 1 101동 101호"


def make_actor(ctx: AppContext, login_id: str, roles: list[str]) -> Actor:
    with ctx.session() as s, s.begin():
        create_account_row(
            s,
            login=login_id,
            name=f"직원 {login_id}",
            password=PASSWORD,
            roles=roles,
            params=ctx.hash_params,
            actor_login=OFFICER_LOGIN,
            must_change=False,
        )
    return login(ctx, login_id, PASSWORD)


@pytest.fixture
def clerk(ctx: AppContext) -> Actor:
    return make_actor(ctx, "clerk", ["intake"])


def patient(
    ctx: AppContext,
    actor: Actor,
    chart: str = "1001",
    rrn: str = "900101-1234568",
    name: str = "홍길동",
    last_visit: str = "2024-05-06",
) -> int:
    data = PatientInput(
        chart_no=chart,
        name=name,
        rrn=rrn,
        address=ADDRESS,
        phones=["010-1234-5678"],
        first_visit=min("2020-01-02", last_visit),
        last_visit=last_visit,
    )
    return create_patient(ctx, actor, data, accept_check_digit_warning=True).id


def ask(kind: str = RequestKind.CORRECT, patient_id: int | None = None, **kw: Any) -> RequestInput:
    base: dict[str, Any] = dict(
        kind=kind,
        file_code="patient",
        relation="self",
        requester_name="홍길동",
        requester_phone="010-1234-5678",
        id_document="주민등록증",
        request_text="주소를 서울특별시 동작구 상도로 2로 정정해 주십시오.",
        patient_id=patient_id,
        requester_birth=dt.date(1990, 1, 1),
    )  # 본인: the birth date of patient()'s RRN
    base.update(kw)
    return RequestInput(**base)


def disclose(
    ctx: AppContext, recipient: str, subject_refs: list[str], on: dt.date, *, deidentified: bool = False
) -> int:
    with ctx.unit(None) as u:
        d = Disclosure(
            file_code="patient",
            file_name="환자 진료 접수 및 관리",
            recipient=recipient,
            recipient_purpose="보험금 심사",
            items="이름, 진료일자",
            legal_basis="consent",
            basis_detail="",
            disclosed_on=on,
            period="",
            form="사본",
            restrictions="",
            document_no="",
            provided_by="clerk",
            deidentified=deidentified,
            subject_count=len(subject_refs),
            note="",
            recorded_at=clock.now(),
            recorded_by="clerk",
        )
        d.subjects = [
            DisclosureSubject(position=i, subject_ref=ref, label="홍*동")
            for i, ref in enumerate(subject_refs)
        ]
        u.session.add(d)
        u.session.flush()
        return d.id


def log_rows(ctx: AppContext, **where: Any) -> list[AccessLogEntry]:
    with ctx.session() as s:
        stmt = select(AccessLogEntry).order_by(AccessLogEntry.seq)
        for column, value in where.items():
            stmt = stmt.where(getattr(AccessLogEntry, column) == value)
        return list(s.scalars(stmt))


def correct(
    ctx: AppContext,
    actor: Actor,
    request_id: int,
    patient_id: int,
    *,
    address: str | None = None,
    phones: list[str] | None = None,
    **kw: Any,
) -> requests.RequestDetail:
    """Complete a 정정 the only way it completes: the patient edited (the corrected address or phones)."""
    det = get_patient(ctx, actor, patient_id)
    plain = unmask(ctx, actor, patient_id, "정정 요구 처리")
    data = PatientInput(
        chart_no=det.chart_no,
        name=det.name,
        rrn=plain.rrn,
        address=plain.address if address is None else address,
        phones=list(plain.phones) if phones is None else phones,
        first_visit=det.first_visit,
        last_visit=det.last_visit,
    )
    return decisions.correct_patient(
        ctx, actor, request_id, data, patient_version=det.version, accept_check_digit_warning=True, **kw
    )


def verified(ctx: AppContext, actor: Actor, request_id: int) -> requests.RequestDetail:
    decisions.verify_identity(ctx, actor, request_id, note="신분증 대조")
    return decisions.start(ctx, actor, request_id)


# -- the clock -----------------------------------------------------------------------------------
def test_due_date_is_ten_days_after_receipt_and_overdue_requests_come_first(
    ctx: AppContext, clerk: Actor
) -> None:
    pid = patient(ctx, clerk)
    now = clock.now()
    fresh = requests.receive_request(ctx, clerk, ask(RequestKind.ACCESS, pid, request_text=""))
    assert fresh.due_date == clock.today_kst() + dt.timedelta(days=10)
    assert fresh.row.days_left == 10 and fresh.row.urgency == Urgency.IN_TIME
    late = requests.receive_request(
        ctx, clerk, ask(RequestKind.ACCESS, pid, request_text="", received_at=now - dt.timedelta(days=12))
    )
    assert late.row.urgency == Urgency.OVERDUE and late.row.days_left == -2
    soon = requests.receive_request(
        ctx,
        clerk,
        ask(RequestKind.SUSPEND, pid, request_text="안내 문자 중지", received_at=now - dt.timedelta(days=8)),
    )
    assert soon.row.urgency == Urgency.DUE_SOON
    inbox = requests.list_requests(ctx, clerk)
    assert [r.id for r in inbox] == [late.id, soon.id, fresh.id]
    assert [r.id for r in requests.list_requests(ctx, clerk, overdue_only=True)] == [late.id]
    assert "[기한 경과]" in inbox[0].line() and inbox[0].subject == "홍*동"
    summary = requests.overdue_summary(ctx, clerk)
    assert (summary.overdue, summary.due_soon, summary.open) == (1, 1, 3)
    with pytest.raises(ValidationError):
        requests.receive_request(
            ctx, clerk, ask(RequestKind.ACCESS, pid, received_at=now + dt.timedelta(days=1))
        )


def test_extension_needs_a_reason_moves_the_due_date_once_and_by_at_most_ten_days(
    ctx: AppContext, clerk: Actor
) -> None:
    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, ask(RequestKind.ACCESS, pid, request_text=""))
    with pytest.raises(ValidationError):
        decisions.extend(ctx, clerk, r.id, new_due=r.due_date + dt.timedelta(days=5), reason=" ")
    with pytest.raises(ValidationError):
        decisions.extend(
            ctx, clerk, r.id, new_due=r.due_date + dt.timedelta(days=11), reason="자료 확인 지연"
        )
    d = decisions.extend(
        ctx, clerk, r.id, new_due=r.due_date + dt.timedelta(days=10), reason="자료 확인 지연"
    )
    assert d.state == RequestState.EXTENDED and d.row.due == r.due_date + dt.timedelta(days=10)
    assert d.extension_reason == "자료 확인 지연"
    with pytest.raises(RuleViolationError):
        decisions.extend(ctx, clerk, r.id, new_due=r.due_date + dt.timedelta(days=12), reason="또")


# -- correction: hold, completion, notices --------------------------------------------------------
def test_correction_holds_the_record_and_notifies_exactly_its_recipients(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    pid = patient(ctx, clerk)
    other = patient(ctx, clerk, chart="1002", rrn="850505-2345678", name="김영희")
    disclose(ctx, "한국손해보험", [f"patient:{pid}"], dt.date(2025, 3, 1))
    disclose(ctx, "한국손해보험", [f"patient:{pid}"], dt.date(2025, 6, 1))  # same recipient again
    disclose(ctx, "서울의료원", [f"patient:{pid}", f"patient:{other}"], dt.date(2025, 4, 1))
    disclose(ctx, "다른보험", [f"patient:{other}"], dt.date(2025, 5, 1))  # not this subject
    disclose(ctx, "통계연구소", [f"patient:{pid}"], dt.date(2025, 5, 2), deidentified=True)

    r = requests.receive_request(ctx, clerk, ask(RequestKind.CORRECT, pid))
    assert r.row.held and get_patient(ctx, clerk, pid).hold
    with pytest.raises(HeldRecordError):
        export_patients(ctx, clerk, [pid], tmp_path / "out.csv", reason="보험 청구")
    with pytest.raises(RuleViolationError, match="본인 확인"):
        correct(ctx, clerk, r.id, pid, address="서울특별시 동작구 상도로 2")
    d = verified(ctx, clerk, r.id)
    assert d.state == RequestState.IN_PROGRESS and get_patient(ctx, clerk, pid).hold
    with pytest.raises(RuleViolationError, match="실제로 고쳐서"):
        decisions.complete(
            ctx, clerk, r.id, result="주소를 동작구 상도로 2로 정정함"
        )  # free text is no correction
    done = correct(ctx, clerk, r.id, pid, address="서울특별시 동작구 상도로 2", expected_version=d.version)
    assert done.state == RequestState.COMPLETED and done.closed_by == "clerk"
    assert not get_patient(ctx, clerk, pid).hold

    notices = decisions.correction_notices(ctx, clerk, r.id)
    assert sorted(n.recipient for n in notices) == ["서울의료원", "한국손해보험"]
    assert not any(n.sent for n in notices)
    first = decisions.mark_notice_sent(
        ctx, clerk, notices[0].id, method="등기우편", expected_version=notices[0].version
    )
    assert first.sent and first.sent_method == "등기우편"
    with pytest.raises(RuleViolationError):
        decisions.mark_notice_sent(ctx, clerk, notices[0].id, method="팩스")
    assert [n.sent for n in decisions.correction_notices(ctx, clerk, r.id)] == [True, False]
    events = [(e.from_state, e.to_state) for e in requests.get_request(ctx, clerk, r.id).events]
    assert events == [
        ("", "received"),
        ("received", "verified"),
        ("verified", "in_progress"),
        ("in_progress", "completed"),
    ]


def test_the_hold_stays_while_another_correction_of_the_same_record_is_open(
    ctx: AppContext, clerk: Actor
) -> None:
    pid = patient(ctx, clerk)
    a = requests.receive_request(ctx, clerk, ask(RequestKind.CORRECT, pid))
    b = requests.receive_request(ctx, clerk, ask(RequestKind.CORRECT, pid, request_text="전화번호 정정"))
    assert a.row.held and not b.row.held  # the hold was already on when b came in
    decisions.withdraw(ctx, clerk, b.id, reason="요구인 취하")
    assert get_patient(ctx, clerk, pid).hold  # a is still open
    decisions.refuse(ctx, clerk, a.id, ground="not_inaccurate", explanation="기록이 신분증과 같음")
    assert not get_patient(ctx, clerk, pid).hold


def test_a_manual_hold_is_not_lifted_by_a_request(ctx: AppContext, clerk: Actor) -> None:
    from privdesk.registry.patients import set_hold

    pid = patient(ctx, clerk)
    set_hold(ctx, clerk, pid, "소송 관련 처리정지")
    r = requests.receive_request(ctx, clerk, ask(RequestKind.CORRECT, pid))
    assert not r.row.held
    decisions.withdraw(ctx, clerk, r.id, reason="취하")
    assert get_patient(ctx, clerk, pid).hold


# -- deletion of a record the law requires to keep ------------------------------------------------
def test_deleting_a_patient_record_is_refused_with_the_legal_ground_or_answered_by_separation(
    ctx: AppContext, clerk: Actor
) -> None:
    pid = patient(ctx, clerk)
    r = requests.receive_request(
        ctx, clerk, ask(RequestKind.DELETE, pid, request_text="제 기록을 모두 삭제해 주십시오.")
    )
    verified(ctx, clerk, r.id)
    with pytest.raises(RuleViolationError, match="의료법"):
        decisions.complete(ctx, clerk, r.id, result="삭제함")
    refused = decisions.refuse(
        ctx, clerk, r.id, ground="required_by_law", explanation="환자 명부는 5년 보존 의무"
    )
    assert refused.state == RequestState.REFUSED and refused.refusal_ground == "required_by_law"
    assert not get_patient(ctx, clerk, pid).hold

    r2 = requests.receive_request(ctx, clerk, ask(RequestKind.DELETE, pid, request_text="삭제 요구"))
    verified(ctx, clerk, r2.id)
    answered = decisions.answer_by_separation(
        ctx, clerk, r2.id, explanation="진료 관계 종료, 보존기간 동안 분리보관"
    )
    assert answered.state == RequestState.PARTLY_COMPLETED
    assert "분리보관" in answered.result_text
    with ctx.session() as s:
        p = s.get(Patient, pid)
        assert p is not None and p.status == STATUS_SEPARATED and not p.hold


def test_deleting_a_homepage_member_completes(ctx: AppContext, clerk: Actor) -> None:
    r = requests.receive_request(
        ctx,
        clerk,
        ask(
            RequestKind.WITHDRAW,
            None,
            file_code="member",
            subject_name="이회원",
            requester_name="이회원",
            request_text="회원 탈퇴",
        ),
    )
    assert r.subject_ref.startswith("external:") and not r.row.held
    verified(ctx, clerk, r.id)
    done = decisions.complete(ctx, clerk, r.id, result="홈페이지 회원정보 삭제, 탈퇴 처리")
    assert done.state == RequestState.COMPLETED
    with ctx.session() as s:
        flag = s.get(SubjectFlag, r.subject_ref)
        assert flag is not None and flag.consent_withdrawn


# -- refusal grounds ---------------------------------------------------------------------------
def test_refusal_needs_a_ground_valid_for_the_kind_and_an_explanation(ctx: AppContext, clerk: Actor) -> None:
    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, ask(RequestKind.ACCESS, pid, request_text=""))
    with pytest.raises(ValidationError):
        decisions.refuse(
            ctx, clerk, r.id, ground="required_by_law", explanation="삭제 사유는 열람에 쓸 수 없음"
        )
    with pytest.raises(ValidationError):
        decisions.refuse(ctx, clerk, r.id, ground="", explanation="사유 없음")
    with pytest.raises(ValidationError):
        decisions.refuse(ctx, clerk, r.id, ground="harm_others", explanation="  ")
    assert requests.get_request(ctx, clerk, r.id).state == RequestState.RECEIVED  # nothing half-saved
    d = decisions.refuse(
        ctx, clerk, r.id, ground="harm_others", explanation="제3자의 진료 정보가 함께 기록됨"
    )
    assert d.state == RequestState.REFUSED and d.decided_by == "clerk"
    assert {g.code for g in decisions.grounds_for(RequestKind.ACCESS)} >= {
        "law_prohibits",
        "harm_others",
        "identity",
    }
    assert "required_by_law" not in {g.code for g in decisions.grounds_for(RequestKind.ACCESS)}
    assert "개인정보침해 신고센터" in answers.objection_text(ctx.profile)
    with pytest.raises(RuleViolationError):
        decisions.verify_identity(ctx, clerk, r.id)  # a final state accepts nothing


# -- suspension and withdrawal ---------------------------------------------------------------------
def test_suspension_flags_the_subject_and_the_access_answer_says_so(ctx: AppContext, clerk: Actor) -> None:
    pid = patient(ctx, clerk)
    s = requests.receive_request(
        ctx, clerk, ask(RequestKind.SUSPEND, pid, request_text="안내 문자 발송 중지")
    )
    verified(ctx, clerk, s.id)
    decisions.complete(ctx, clerk, s.id, result="안내·홍보 문자 발송 대상에서 제외")
    with ctx.session() as ses:
        flag = ses.get(SubjectFlag, f"patient:{pid}")
        assert flag is not None and flag.suspended and flag.request_id == s.id
    a = requests.receive_request(ctx, clerk, ask(RequestKind.ACCESS, pid, request_text=""))
    decisions.verify_identity(ctx, clerk, a.id)
    answer = answers.access_answer(ctx, clerk, a.id)
    assert "처리정지" in answer.consent


def test_a_consent_based_use_is_refused_for_a_flagged_subject(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    from privdesk.consent import records as consent_records
    from tests.consent_support import give_consent

    pid = patient(ctx, clerk)
    other = patient(ctx, clerk, chart="1002", rrn="850505-2345678", name="김영희")
    give_consent(ctx, [pid, other])  # opt-in: both consented to 안내·홍보 연락 first
    w = requests.receive_request(
        ctx, clerk, ask(RequestKind.WITHDRAW, pid, request_text="안내 문자 동의 철회")
    )
    verified(ctx, clerk, w.id)
    decisions.complete(ctx, clerk, w.id, result="문자 수신 동의 철회 처리")
    # the completed 동의철회 appended a withdrawal to the consent records (method: the request)
    state = consent_records.show(ctx, clerk, pid).states[0]
    assert state.state == "withdrawn" and state.latest is not None
    assert state.latest.method == "request" and state.latest.request_id == w.id
    assert consent_records.show(ctx, clerk, other).states[0].valid
    with pytest.raises(ConsentUseRefusedError, match="1001"):
        export_patients(
            ctx, clerk, [pid, other], tmp_path / "notice.csv", reason="검진 안내 문자", consent_use=True
        )
    assert not (tmp_path / "notice.csv").exists()
    assert (
        export_patients(
            ctx, clerk, [other], tmp_path / "notice.csv", reason="검진 안내 문자", consent_use=True
        )
        == 1
    )
    assert (
        export_patients(ctx, clerk, [pid], tmp_path / "work.csv", reason="보험 청구") == 1
    )  # not consent-based


# -- the 열람 answer -------------------------------------------------------------------------------
def test_access_answer_is_produced_from_the_data_and_logged_without_personal_data(
    ctx: AppContext, clerk: Actor
) -> None:
    pid = patient(ctx, clerk)
    disclose(ctx, "한국손해보험", [f"patient:{pid}"], dt.date(2025, 3, 1))
    r = requests.receive_request(ctx, clerk, ask(RequestKind.ACCESS, pid, request_text=""))
    with pytest.raises(RuleViolationError, match="본인 확인 전에는"):
        answers.access_answer(ctx, clerk, r.id)
    with pytest.raises(RuleViolationError, match="본인 확인"):
        decisions.complete_access(
            ctx,
            clerk,
            r.id,
            AccessOutcome(
                viewing_at=dt.datetime.now() + dt.timedelta(days=1),
                viewing_place="원무과 상담실",
                viewing_method="사본·출력물",
            ),
        )
    decisions.verify_identity(ctx, clerk, r.id)
    answer = answers.access_answer(ctx, clerk, r.id, reason="창구 열람")
    content = {i.label: i.content for i in answer.content}
    assert content["이름"] == "홍길동" and content["주소"] == ADDRESS
    assert content["주민등록번호"] == "900101-1234568"  # unmasked with a reason
    assert answers.access_answer(ctx, clerk, r.id).content[2].content == "900101-1******"
    assert answer.purpose and answer.retention.startswith("최종 내원일로부터 5년 (의료법 시행규칙 제15조")
    assert [p.recipient for p in answer.provisions] == ["한국손해보험"]
    assert "법령" in answer.consent
    # and the patient's 선택 동의 from the consent records (처리에 동의한 사실 및 내용)
    assert "선택 동의: 안내·홍보 연락 — 기록 없음; 제3자 제공 — 기록 없음." in answer.consent
    assert repr(answer) == f"AccessAnswer(request_id={r.id}, items={len(answer.content)})"
    only = requests.receive_request(
        ctx, clerk, ask(RequestKind.ACCESS, pid, request_text="", access_items=["provision"])
    )
    decisions.verify_identity(ctx, clerk, only.id)
    assert answers.access_answer(ctx, clerk, only.id).content == ()
    for e in log_rows(ctx):
        assert "홍길동" not in (e.detail or "") and ADDRESS not in (e.detail or "")
    decisions.start(ctx, clerk, r.id)
    done = decisions.complete_access(
        ctx,
        clerk,
        r.id,
        AccessOutcome(
            viewing_at=dt.datetime.now() + dt.timedelta(days=1),
            viewing_place="원무과 상담실",
            viewing_method="사본·출력물",
            fee=0,
        ),
    )
    assert done.state == RequestState.COMPLETED and done.viewing_method == "사본·출력물"


# -- intake rules ------------------------------------------------------------------------------
def test_intake_checks_representatives_children_files_and_subjects(ctx: AppContext, clerk: Actor) -> None:
    pid = patient(ctx, clerk)
    child = patient(
        ctx,
        clerk,
        chart="2001",
        rrn=f"{(clock.today_kst().year - 2000 - 8):02d}0101-3123456",
        name="홍아이",
        last_visit=clock.today_kst().isoformat(),
    )
    with pytest.raises(RuleViolationError, match="위임장"):
        requests.receive_request(
            ctx, clerk, ask(RequestKind.ACCESS, pid, relation="agent", requester_name="대리인")
        )
    with pytest.raises(RuleViolationError, match="14세"):
        requests.receive_request(ctx, clerk, ask(RequestKind.ACCESS, child, requester_name="홍아이"))
    ok = requests.receive_request(
        ctx,
        clerk,
        ask(RequestKind.ACCESS, child, relation="guardian", requester_name="홍부모", proxy_checked=True),
    )
    assert ok.subject_under_14 and ok.relation_label == "법정대리인"
    with pytest.raises(ValidationError):
        requests.receive_request(
            ctx, clerk, ask(RequestKind.ACCESS, None, request_text="")
        )  # patient file, no patient
    with pytest.raises(ValidationError, match="CCTV"):
        requests.receive_request(
            ctx, clerk, ask(RequestKind.ACCESS, None, file_code="cctv", subject_name="홍길동")
        )
    with pytest.raises(ValidationError):
        requests.receive_request(ctx, clerk, ask(RequestKind.CORRECT, pid, request_text=""))
    with pytest.raises(ValidationError):
        requests.receive_request(ctx, clerk, ask(RequestKind.CORRECT, pid, requester_phone="12345"))
    assert "홍길동" not in repr(ask(RequestKind.CORRECT, pid))


def test_contacts_are_encrypted_masked_and_unmasked_with_a_logged_reason(
    ctx: AppContext, clerk: Actor
) -> None:
    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, ask(RequestKind.CORRECT, pid, requester_phone="010-9876-5432"))
    assert r.requester_phone_masked == "010-****-5432"
    with ctx.session() as s:
        row = s.get(requests.SubjectRequest, r.id)
        assert row is not None and row.requester_phone_enc is not None
        assert b"9876" not in row.requester_phone_enc
        assert "정정".encode() not in (row.request_text_enc or b"")
    with pytest.raises(ValidationError):
        requests.contacts(ctx, clerk, r.id, reason="")
    c = requests.contacts(ctx, clerk, r.id, reason="결과 통지 전화")
    assert c.requester_phone == "010-9876-5432" and repr(c) == "Contacts(***)"
    assert (
        log_rows(ctx, action=Action.UNMASK)[-1].detail == "requester only (본인 확인 전); 사유=결과 통지 전화"
    )


# -- concurrency and roles -------------------------------------------------------------------------
def test_a_stale_save_is_a_conflict(ctx: AppContext, clerk: Actor) -> None:
    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, ask(RequestKind.CORRECT, pid))
    decisions.verify_identity(ctx, clerk, r.id, expected_version=r.version)
    with pytest.raises(VersionConflictError):
        decisions.start(ctx, clerk, r.id, expected_version=r.version)


def test_a_role_without_the_permission_is_refused_and_logged(ctx: AppContext, clerk: Actor) -> None:
    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, ask(RequestKind.ACCESS, pid, request_text=""))
    facility = make_actor(ctx, "fac", ["facility"])
    calls: list[Any] = [
        lambda: requests.receive_request(ctx, facility, ask(RequestKind.ACCESS, pid, request_text="")),
        lambda: requests.list_requests(ctx, facility),
        lambda: requests.get_request(ctx, facility, r.id),
        lambda: requests.contacts(ctx, facility, r.id, reason="확인"),
        lambda: decisions.verify_identity(ctx, facility, r.id),
        lambda: decisions.refuse(ctx, facility, r.id, ground="identity", explanation="x"),
        lambda: answers.access_answer(ctx, facility, r.id),
    ]
    for call in calls:
        with pytest.raises(PermissionDeniedError):
            call()
    denied = log_rows(ctx, actor="fac", outcome=Outcome.DENIED)
    assert len(denied) == len(calls)


def test_detail_repr_and_rows_hold_no_personal_data(ctx: AppContext, clerk: Actor) -> None:
    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, ask(RequestKind.CORRECT, pid))
    assert "홍길동" not in repr(r) and "홍길동" not in repr(dataclasses.replace(r.row, subject="x"))
    assert r.row.subject == "홍*동" and r.row.requester == "홍*동"


# -- the record's legal life ---------------------------------------------------------------------
def test_a_record_with_an_open_request_is_excluded_from_destruction(ctx: AppContext, clerk: Actor) -> None:
    from privdesk.lifecycle import destruction

    old = patient(ctx, clerk, last_visit="2015-01-02")  # retention ended in 2020
    other = patient(ctx, clerk, chart="1002", rrn="850505-2345678", name="김영희", last_visit="2015-03-04")
    r = requests.receive_request(ctx, clerk, ask(RequestKind.ACCESS, old, request_text=""))
    boss = login(ctx, OFFICER_LOGIN, "Officer-pass1")
    plan = destruction.create_plan(ctx, boss)
    assert plan.record_count == 1 and plan.excluded_count == 1
    (row,) = plan.excluded
    assert row.reason_code == "subject_request" and r.number in row.reason
    decisions.withdraw(ctx, clerk, r.id, reason="취하")
    destruction.cancel_plan(ctx, boss, plan.id, reason="계획 재작성")
    assert destruction.create_plan(ctx, boss).record_count == 2
    assert other


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_postgresql_keeps_no_statistics_samples_of_personal_columns(ctx: AppContext) -> None:
    from sqlalchemy import text

    with ctx.session() as s:
        rows = s.execute(
            text(
                "SELECT c.relname, a.attname, a.attstattarget FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                "WHERE c.relname IN ('patients', 'patient_phones') AND a.attname IN "
                "('name', 'name_chosung', 'rrn_enc', 'address_enc', 'phone_enc')"
            )
        ).all()
    assert len(rows) == 10 and all(target == 0 for _, _, target in rows)


def test_a_corrected_disclosure_counts_once_in_the_subject_history(ctx: AppContext, clerk: Actor) -> None:
    from privdesk.disclosures.history import subject_history

    pid = patient(ctx, clerk)
    first = disclose(ctx, "한국손해보험", [f"patient:{pid}"], dt.date(2025, 3, 1))
    with ctx.unit(None) as u:
        original = u.session.get(Disclosure, first)
        assert original is not None
        fixed = Disclosure(
            file_code="patient",
            file_name=original.file_name,
            recipient="한국손해보험(주)",
            recipient_purpose=original.recipient_purpose,
            items=original.items,
            legal_basis="consent",
            basis_detail="",
            disclosed_on=original.disclosed_on,
            period="",
            form="사본",
            restrictions="",
            document_no="",
            provided_by="clerk",
            deidentified=False,
            subject_count=1,
            note="오기 정정",
            corrects_id=first,
            recorded_at=clock.now(),
            recorded_by="clerk",
        )
        fixed.subjects = [DisclosureSubject(position=0, subject_ref=f"patient:{pid}", label="홍*동")]
        u.session.add(fixed)
    with ctx.session() as s:
        assert [d.recipient for d in subject_history(s, f"patient:{pid}")] == ["한국손해보험(주)"]
