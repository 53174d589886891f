"""The request rules a compliance review checked against PIPA and its decree (issue 12, "Request
rules"): a 본인 request must match its subject; nothing personal before the identity check; only
열람 may be postponed, by a limited number of days (CCTV too); refusal grounds that fit the kind;
a correction completed by the real patient edit and told to every recipient; the remedies text by
kind of organisation; the 위임장 (별지 제11호서식). Real databases on both backends (``ctx``), PDFs
read with pdftotext."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from privdesk import clock
from privdesk.cctv import decisions as cctv_decisions
from privdesk.cctv import requests as cctv_requests
from privdesk.context import Actor, AppContext
from privdesk.errors import RuleViolationError, ValidationError
from privdesk.profile import ORG_PUBLIC, load_profile, profile_from_dict
from privdesk.resources import default_profile_path
from privdesk.rights import answers, decisions, printing, requests
from privdesk.rights.requests import RequestInput, RequestKind, RequestState
from tests.test_cctv_requests import request_input as cctv_input
from tests.test_rights import ask, make_actor, patient, verified

BIRTH = dt.date(1990, 1, 1)  # the birth date of tests.test_rights.patient()'s resident number


@pytest.fixture
def clerk(ctx: AppContext) -> Actor:
    return make_actor(ctx, "clerk", ["intake"])


def own(kind: str, pid: int | None, **kw: Any) -> RequestInput:
    """A request by the subject (본인) with the name and birth date of the ID presented."""
    base: dict[str, Any] = dict(requester_birth=BIRTH)
    if kind == RequestKind.ACCESS:
        base["request_text"] = ""
    base.update(kw)
    return ask(kind, pid, **base)


# -- 3. extensions: 열람 only, with its ground; the others answered within their deadline ------------------
@pytest.mark.parametrize(
    "kind", [RequestKind.CORRECT, RequestKind.DELETE, RequestKind.SUSPEND, RequestKind.WITHDRAW]
)
def test_only_an_access_request_can_be_postponed(ctx: AppContext, clerk: Actor, kind: str) -> None:
    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, own(kind, pid))
    assert RequestState.EXTENDED not in r.next_states
    with pytest.raises(RuleViolationError, match="연장할 수 없습니다") as exc:
        decisions.extend(ctx, clerk, r.id, new_due=r.due_date + dt.timedelta(days=5), reason="자료 확인 지연")
    assert "제35조제3항" in str(exc.value) and "일부 완료" in str(exc.value)
    d = requests.get_request(ctx, clerk, r.id)
    assert d.state == RequestState.RECEIVED and d.extended_due is None  # nothing half-saved
    # answered within the deadline instead: refused with a ground that fits the kind
    ground = decisions.grounds_for(kind)[0].code
    assert (
        decisions.refuse(ctx, clerk, r.id, ground=ground, explanation="기한 안에 거절").state
        == RequestState.REFUSED
    )


def test_access_is_postponed_once_by_at_most_the_profile_days_and_the_notice_cites_35_3(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    from tests.test_rights_printing import read

    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, own(RequestKind.ACCESS, pid))
    assert RequestState.EXTENDED in r.next_states
    limit = ctx.profile.extension_max_days
    assert limit == 10
    with pytest.raises(ValidationError, match=f"{limit}일까지만"):
        decisions.extend(
            ctx, clerk, r.id, new_due=r.due_date + dt.timedelta(days=limit + 1), reason="자료 확인"
        )
    d = decisions.extend(
        ctx,
        clerk,
        r.id,
        new_due=r.due_date + dt.timedelta(days=limit),
        reason="분리보관 저장소의 기록을 확인해야 함",
    )
    assert d.state == RequestState.EXTENDED and RequestState.EXTENDED not in d.next_states
    with pytest.raises(RuleViolationError, match="한 번만"):
        decisions.extend(ctx, clerk, r.id, new_due=d.extended_due + dt.timedelta(days=1), reason="또")
    assert printing.NoticeKind.DELAY_REFUSAL in printing.available_notices(d)
    out = printing.print_notice(ctx, clerk, r.id, "delay_refusal", tmp_path / "delay.pdf", reason="업무 확인")
    text = read(out.path)
    assert "제35조제3항" in text and "시행령제42조제2항" in text
    assert "제43조" not in text and "제44조" not in text


def test_no_delay_notice_exists_for_other_kinds_even_of_an_old_extended_row(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    ctx = sqlite_ctx
    clerk = make_actor(ctx, "clerk", ["intake"])
    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, own(RequestKind.CORRECT, pid))
    # a row extended before the rule (the old code allowed it)
    from privdesk.rights.models import SubjectRequest

    with ctx.unit(None) as u:
        row = u.session.get(SubjectRequest, r.id)
        assert row is not None
        row.extended_due, row.extension_reason, row.state = (
            r.due_date + dt.timedelta(days=5),
            "옛 연장",
            "extended",
        )
    d = requests.get_request(ctx, clerk, r.id)
    assert printing.NoticeKind.DELAY_REFUSAL not in printing.available_notices(d)
    with pytest.raises(RuleViolationError, match="열람 연기·거절 통지서"):
        printing.print_notice(ctx, clerk, r.id, "delay_refusal", tmp_path / "x.pdf", reason="업무 확인")
    assert not (tmp_path / "x.pdf").exists()


def test_the_postponement_limit_comes_from_the_profile() -> None:
    p = load_profile(default_profile_path())
    assert p.extension_max_days == 10 and p.org_kind == "private"
    raw = dict(p.raw)
    raw["deadlines"] = {**raw.get("deadlines", {}), "extension_max_days": 20}
    assert profile_from_dict(raw).extension_max_days == 20
    raw["deadlines"]["extension_max_days"] = 0
    from privdesk.errors import ConfigError

    with pytest.raises(ConfigError, match="extension_max_days"):
        profile_from_dict(raw)


# -- 8. CCTV: the same rule, with the maximum --------------------------------------------------------------
def test_cctv_viewing_is_postponed_once_within_the_maximum_and_a_deletion_never(ctx: AppContext) -> None:
    from tests.test_cctv_requests import staff

    fac = staff(ctx, "fac", ["facility"])
    view = cctv_requests.receive_request(ctx, fac, cctv_input())
    assert "extended" in view.next_states
    with pytest.raises(ValidationError, match="10일까지만"):
        cctv_decisions.extend(
            ctx, fac, view.id, until=view.due_date + dt.timedelta(days=11), reason="마스킹 작업"
        )
    e = cctv_decisions.extend(
        ctx, fac, view.id, until=view.due_date + dt.timedelta(days=10), reason="마스킹 작업"
    )
    assert e.row.due == view.due_date + dt.timedelta(days=10) and "extended" not in e.next_states
    exist = cctv_requests.receive_request(ctx, fac, cctv_input(kind="exist"))
    cctv_decisions.extend(ctx, fac, exist.id, until=exist.due_date + dt.timedelta(days=3), reason="영상 확인")
    delete = cctv_requests.receive_request(ctx, fac, cctv_input(kind="delete"))
    assert "extended" not in delete.next_states
    with pytest.raises(RuleViolationError, match="연장할 수 없습니다"):
        cctv_decisions.extend(
            ctx, fac, delete.id, until=delete.due_date + dt.timedelta(days=3), reason="사유"
        )
    assert cctv_requests.get_request(ctx, fac, delete.id).row.state == "received"


# -- 4. refusal grounds that can apply to the kind ----------------------------------------------------------
def test_a_withdrawal_cannot_be_refused_for_an_unclear_intent_to_terminate(
    ctx: AppContext, clerk: Actor
) -> None:
    assert "contract" not in {g.code for g in decisions.grounds_for(RequestKind.WITHDRAW)}
    assert "contract" in {g.code for g in decisions.grounds_for(RequestKind.SUSPEND)}
    for kind in RequestKind:
        for g in decisions.grounds_for(kind):
            if "제37조" in g.basis:
                assert kind in (RequestKind.SUSPEND, RequestKind.WITHDRAW)
            if "제35조제4항" in g.basis:
                assert kind == RequestKind.ACCESS
            if "제36조" in g.basis:
                assert kind in (RequestKind.CORRECT, RequestKind.DELETE)
    r = requests.receive_request(
        ctx,
        clerk,
        ask(
            RequestKind.WITHDRAW,
            None,
            file_code="member",
            subject_name="홍길동",
            subject_birth=BIRTH,
            request_text="회원 탈퇴",
        ),
    )
    with pytest.raises(ValidationError) as exc:
        decisions.refuse(ctx, clerk, r.id, ground="contract", explanation="탈퇴 의사가 명확하지 않음")
    assert exc.value.field == "ground" and "계약 해지 의사" not in exc.value.message
    decisions.verify_identity(ctx, clerk, r.id)
    with pytest.raises(ValidationError):
        decisions.partly_complete(ctx, clerk, r.id, result="일부 탈퇴", ground="contract", explanation="x")
    assert requests.get_request(ctx, clerk, r.id).state == RequestState.VERIFIED


# -- 6. 이의제기: by kind of organisation ---------------------------------------------------------------------
def test_a_private_hospital_names_no_administrative_appeal(ctx: AppContext) -> None:
    text = answers.objection_text(ctx.profile)
    assert ctx.profile.org_kind == "private" and ctx.profile.org_kind_label == "민간"
    for absent in ("행정심판", "행정소송", "90일"):
        assert absent not in text
    for present in (
        "이의제기 절차",
        "개인정보 분쟁조정위원회",
        "개인정보침해 신고센터",
        "민사소송",
        ctx.profile.officer.phone,
    ):
        assert present in text
    public = dataclasses.replace(ctx.profile, org_kind=ORG_PUBLIC)
    assert "행정심판" in answers.objection_text(public) and "행정소송" in answers.objection_text(public)
    raw = dict(ctx.profile.raw)
    raw["hospital"] = {**raw["hospital"], "kind": "공공"}
    assert profile_from_dict(raw).org_kind == ORG_PUBLIC
    raw["remedies"] = {"민간": "{name} 고충처리위원회에 이의를 제기할 수 있습니다."}
    raw["hospital"]["kind"] = "민간"
    assert (
        answers.objection_text(profile_from_dict(raw))
        == f"{ctx.profile.name} 고충처리위원회에 이의를 제기할 수 있습니다."
    )
    raw["hospital"]["kind"] = "개인"
    from privdesk.errors import ConfigError

    with pytest.raises(ConfigError, match="민간"):
        profile_from_dict(raw)


@pytest.mark.parametrize(
    "notice", ["delay_refusal", "access_notice", "correction_result", "suspension_result"]
)
def test_the_notices_carry_the_private_remedies(sqlite_ctx: AppContext, tmp_path: Path, notice: str) -> None:
    from tests.test_rights_printing import read, viewing

    ctx = sqlite_ctx
    clerk = make_actor(ctx, "clerk", ["intake"])
    pid = patient(ctx, clerk)
    kind = {
        "delay_refusal": RequestKind.ACCESS,
        "access_notice": RequestKind.ACCESS,
        "correction_result": RequestKind.CORRECT,
        "suspension_result": RequestKind.SUSPEND,
    }[notice]
    r = requests.receive_request(ctx, clerk, own(kind, pid))
    if notice == "delay_refusal":
        decisions.refuse(ctx, clerk, r.id, ground="harm_others", explanation="다른 환자의 정보가 함께 있음")
    elif notice == "access_notice":
        verified(ctx, clerk, r.id)
        decisions.complete_access(ctx, clerk, r.id, viewing())
    else:
        decisions.refuse(
            ctx, clerk, r.id, ground=decisions.grounds_for(kind)[0].code, explanation="사유 설명"
        )
    out = printing.print_notice(ctx, clerk, r.id, notice, tmp_path / f"{notice}.pdf", reason="업무 확인")
    text = read(out.path)
    assert "이의제기방법" in text and "개인정보분쟁조정위원회" in text and "민사소송" in text
    for absent in ("행정심판", "행정소송", "90일"):
        assert absent not in text, absent


# -- 1. a 본인 request must match its subject ------------------------------------------------------------
def test_a_self_request_by_someone_else_is_refused_at_intake(ctx: AppContext, clerk: Actor) -> None:
    pid = patient(ctx, clerk)  # 홍길동, born 1990-01-01
    with pytest.raises(RuleViolationError) as exc:
        requests.receive_request(ctx, clerk, own(RequestKind.ACCESS, pid, requester_name="체험요구인"))
    message = exc.value.message
    assert "본인 요구로 접수할 수 없습니다" in message and "성명" in message
    assert "대리인" in message and "법정대리인" in message and "위임장" in message
    assert "체험요구인" not in message and "홍길동" not in message  # no personal data in the error
    with pytest.raises(RuleViolationError, match="생년월일"):
        requests.receive_request(
            ctx, clerk, own(RequestKind.ACCESS, pid, requester_birth=dt.date(1990, 1, 2))
        )
    with pytest.raises(ValidationError) as missing:
        requests.receive_request(ctx, clerk, own(RequestKind.ACCESS, pid, requester_birth=None))
    assert missing.value.field == "requester_birth"
    # an external file: the subject's name and birth date are the requester's
    with pytest.raises(RuleViolationError, match="성명"):
        requests.receive_request(
            ctx,
            clerk,
            ask(
                RequestKind.WITHDRAW,
                None,
                file_code="member",
                subject_name="이회원",
                requester_name="홍길동",
                request_text="회원 탈퇴",
            ),
        )
    with pytest.raises(ValidationError) as missing:
        requests.receive_request(
            ctx,
            clerk,
            ask(
                RequestKind.WITHDRAW,
                None,
                file_code="member",
                subject_name="이회원",
                requester_name="이회원",
                requester_birth=None,
                request_text="탈퇴",
            ),
        )
    assert missing.value.field == "subject_birth"
    assert requests.list_requests(ctx, clerk) == []  # nothing was taken in
    # the same person (spacing aside) is 본인; someone else is taken in as 대리인 with the 위임장
    same = requests.receive_request(ctx, clerk, own(RequestKind.ACCESS, pid, requester_name="홍 길동"))
    assert same.relation_label == "본인"
    agent = requests.receive_request(
        ctx,
        clerk,
        own(
            RequestKind.ACCESS,
            pid,
            relation="agent",
            requester_name="체험요구인",
            requester_birth=dt.date(1970, 5, 5),
            proxy_checked=True,
        ),
    )
    assert (
        agent.relation_label == "대리인"
        and agent.requester_name == "체험요구인"
        and agent.subject_name == "홍길동"
    )


def test_the_demo_takes_self_requests_from_the_subjects_themselves(tmp_path: Path) -> None:
    from sqlalchemy import select

    from privdesk.demo import build_demo
    from privdesk.opening import open_context
    from privdesk.rights.models import SubjectRequest
    from privdesk.settings import load_settings

    result = build_demo(load_settings(), patients=30, folder=tmp_path / "demo")
    ctx = open_context(result.settings)
    try:
        with ctx.session() as s:
            rows = s.execute(
                select(SubjectRequest.relation, SubjectRequest.requester_name, SubjectRequest.subject_name)
            ).all()
    finally:
        ctx.engine.dispose()
    assert len(rows) >= 4 and all(name == subject for relation, name, subject in rows if relation == "self")


# -- 2. nothing personal before the identity check; after it, the registry's unmasking rule -----------------
def test_the_access_answer_needs_the_identity_check_then_masks_and_unmasks_by_the_registry_rule(
    ctx: AppContext, clerk: Actor
) -> None:
    from privdesk.accounts import roles as roles_uc
    from privdesk.accounts.permissions import INTAKE, ROLE_PRESETS, Permission
    from privdesk.accounts.users import login
    from privdesk.audit.chain import Action
    from privdesk.errors import PermissionDeniedError
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
    from tests.test_rights import ADDRESS, log_rows

    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, own(RequestKind.ACCESS, pid))
    before = len(log_rows(ctx, action=Action.VIEW, subject=f"patient:{pid}"))
    with pytest.raises(RuleViolationError, match="본인 확인 전에는"):
        answers.access_answer(ctx, clerk, r.id)
    with pytest.raises(RuleViolationError, match="본인 확인 전에는"):
        answers.access_answer(ctx, clerk, r.id, reason="창구 열람")
    assert len(log_rows(ctx, action=Action.VIEW, subject=f"patient:{pid}")) == before  # nothing was read
    agent = requests.receive_request(
        ctx,
        clerk,
        own(
            RequestKind.ACCESS,
            pid,
            relation="agent",
            requester_name="김대리",
            proxy_checked=True,
            subject_phone="010-7777-8888",
            subject_address=ADDRESS,
            requester_phone="010-5555-6666",
        ),
    )
    early = requests.contacts(ctx, clerk, agent.id, "회신 전화")  # the requester only, before the check
    assert (
        early.requester_phone == "010-5555-6666" and early.subject_phone == "" and early.subject_address == ""
    )
    decisions.verify_identity(ctx, clerk, agent.id)
    assert requests.contacts(ctx, clerk, agent.id, "회신 전화").subject_phone == "010-7777-8888"
    decisions.verify_identity(ctx, clerk, r.id, note="주민등록증 대조")

    masked = answers.access_answer(ctx, clerk, r.id)
    content = {i.label: i.content for i in masked.content}
    assert masked.masked and content["주민등록번호"] == "900101-1******"
    assert (
        content["연락처"] == "010-****-5678" and content["주소"] != ADDRESS and "101호" not in content["주소"]
    )
    with pytest.raises(ValidationError):
        answers.access_answer(ctx, clerk, r.id, reason="  ")
    full = answers.access_answer(ctx, clerk, r.id, reason="창구에서 본인 열람")
    content = {i.label: i.content for i in full.content}
    assert not full.masked and full.seconds == ctx.settings.security.unmask_seconds
    assert (
        content["주소"] == ADDRESS
        and content["연락처"] == "010-1234-5678"
        and content["주민등록번호"] == "900101-1234568"
    )
    unmasks = log_rows(ctx, action=Action.UNMASK, subject=f"patient:{pid}")
    assert len(unmasks) == 1 and "사유=창구에서 본인 열람" in (unmasks[0].detail or "")
    assert "900101-1234568" not in (unmasks[0].detail or "")

    # handling requests without the registry's unmask permission: masked only, the refusal logged
    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    roles_uc.set_role_permissions(
        ctx,
        officer,
        INTAKE,
        {str(p) for p in ROLE_PRESETS[INTAKE] if p != Permission.PATIENT_UNMASK},
        reason="마스킹 해제 권한 회수",
    )
    assert answers.access_answer(ctx, clerk, r.id).masked
    with pytest.raises(PermissionDeniedError):
        answers.access_answer(ctx, clerk, r.id, reason="창구에서 본인 열람")
    assert len(log_rows(ctx, action=Action.UNMASK, subject=f"patient:{pid}")) == 1


# -- 7. the 위임장 (별지 제11호서식) ----------------------------------------------------------------------
def test_the_power_of_attorney_prints_blank_and_filled_for_an_agent(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    from privdesk.audit.chain import Action
    from tests.test_rights import ADDRESS, log_rows
    from tests.test_rights_printing import read

    blank = printing.print_blank_power_of_attorney(ctx, clerk, tmp_path / "blank.pdf")
    assert blank.title == "위임장" and blank.pages == 1 and blank.record_no.startswith("RP-")
    text = read(blank.path)
    for words in (
        "[별지제11호서식]",
        "위임장",
        "위임받는사람",
        "위임하는사람",
        "정보주체와의관계",
        "□열람",
        "□정정·삭제",
        "□처리정지",
        "「개인정보보호법」제38조에따라",
        "위임합니다",
        "(서명또는인)",
        f"{ctx.profile.name}귀하",
        "신분증사본",
    ):
        assert words in text, words
    assert "결재" not in text  # a paper the subject signs carries no internal approval boxes

    pid = patient(ctx, clerk)
    self_request = requests.receive_request(ctx, clerk, own(RequestKind.ACCESS, pid))
    assert printing.NoticeKind.POWER_OF_ATTORNEY not in printing.available_notices(self_request)
    with pytest.raises(RuleViolationError, match="대리인의 요구에만"):
        printing.print_notice(
            ctx, clerk, self_request.id, "power_of_attorney", tmp_path / "no.pdf", reason="업무 확인"
        )
    agent = requests.receive_request(
        ctx,
        clerk,
        own(
            RequestKind.CORRECT,
            pid,
            relation="agent",
            requester_name="김대리",
            requester_birth=dt.date(1970, 5, 5),
            proxy_checked=True,
            requester_phone="010-5555-6666",
            requester_address=ADDRESS,
        ),
    )
    assert printing.available_notices(agent)[:2] == (
        printing.NoticeKind.REQUEST_FORM,
        printing.NoticeKind.POWER_OF_ATTORNEY,
    )
    filled = printing.print_notice(
        ctx, clerk, agent.id, "power_of_attorney", tmp_path / "poa.pdf", reason="업무 확인"
    )
    text = read(filled.path)
    for words in (
        "김대리",
        "1970.5.5.",
        "010-5555-6666",
        "홍길동",
        "1990.1.1.",
        "■정정·삭제",
        "□열람",
        agent.number,
    ):
        assert words in text, words
    details = [e.detail or "" for e in log_rows(ctx, action=Action.PRINT)]
    assert details[0].startswith("blank;") and details[1].startswith(f"power_of_attorney; {agent.number}")
    assert not any("김대리" in d or "홍길동" in d for d in details)


def test_the_power_of_attorney_from_the_command_line(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    from tests.helpers import OFFICER_PASSWORD, run_cli
    from tests.test_rights_printing import read

    ctx = sqlite_ctx
    env = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    out = tmp_path / "poa.pdf"
    done = run_cli(
        "request", "blank", "--form", "power_of_attorney", "--out", str(out), "--as", "yook", env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{out}: 위임장, 1쪽 (기록번호 RP-")
    assert "위임하는사람" in read(out)
    clerk = make_actor(ctx, "clerk", ["intake"])
    pid = patient(ctx, clerk)
    agent = requests.receive_request(
        ctx,
        clerk,
        own(RequestKind.ACCESS, pid, relation="agent", requester_name="김대리", proxy_checked=True),
    )
    filled = tmp_path / "filled.pdf"
    done = run_cli(
        "request",
        "print",
        "--reason",
        "업무 확인",
        agent.number,
        "--notice",
        "power_of_attorney",
        "--out",
        str(filled),
        "--as",
        "yook",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "김대리" in read(filled) and "■열람" in read(filled)


# -- 5. a correction completed by the actual correction ------------------------------------------------------
def test_a_correction_is_the_patient_edit_recorded_with_the_request_and_told_to_each_recipient(
    ctx: AppContext, clerk: Actor, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from privdesk import proofs
    from privdesk.audit.chain import Action
    from privdesk.errors import VersionConflictError
    from privdesk.registry.patients import get_patient, unmask
    from privdesk.rights.models import RequestCorrection
    from tests.test_rights import ADDRESS, correct, disclose, log_rows
    from tests.test_rights_printing import read

    new_address = "서울특별시 동작구 상도로 2 상도아파트 3동 404호"
    pid = patient(ctx, clerk)
    disclose(ctx, "한국손해보험", [f"patient:{pid}"], dt.date(2025, 3, 1))  # 이름, 진료일자: no address
    _disclose_items(ctx, pid, "서울의료원", "이름, 주소, 연락처")  # received the address and phone

    r = requests.receive_request(ctx, clerk, own(RequestKind.CORRECT, pid))
    verified(ctx, clerk, r.id)
    with pytest.raises(RuleViolationError, match="실제로 고쳐서"):
        decisions.complete(ctx, clerk, r.id, result="주소를 정정함")
    with pytest.raises(RuleViolationError, match="실제로 고쳐서"):
        decisions.partly_complete(
            ctx, clerk, r.id, result="일부", ground="not_inaccurate", explanation="설명"
        )
    with pytest.raises(ValidationError, match="고친 항목이 없습니다"):
        correct(ctx, clerk, r.id, pid)
    stale = get_patient(ctx, clerk, pid)
    with pytest.raises(VersionConflictError):
        plain = unmask(ctx, clerk, pid, "정정")
        from privdesk.registry.validation import PatientInput

        decisions.correct_patient(
            ctx,
            clerk,
            r.id,
            PatientInput(
                chart_no=stale.chart_no,
                name=stale.name,
                rrn=plain.rrn,
                address=new_address,
                phones=list(plain.phones),
                first_visit=stale.first_visit,
                last_visit=stale.last_visit,
            ),
            patient_version=stale.version - 1,
            accept_check_digit_warning=True,
        )
    assert requests.get_request(ctx, clerk, r.id).state == RequestState.IN_PROGRESS  # nothing half-saved

    done = correct(ctx, clerk, r.id, pid, address=new_address, phones=["010-2222-3333"])
    assert done.state == RequestState.COMPLETED and f"주소: {new_address}" in done.result_text
    assert get_patient(ctx, clerk, pid).address_masked.startswith("서울특별시 동작구")
    assert unmask(ctx, clerk, pid, "확인").address == new_address
    assert not get_patient(ctx, clerk, pid).hold
    with ctx.session() as s:
        rows = list(
            s.scalars(
                select(RequestCorrection)
                .where(RequestCorrection.request_id == r.id)
                .order_by(RequestCorrection.field)
            )
        )
        assert [x.field for x in rows] == ["address", "phones"] and all(x.patient_id == pid for x in rows)
        assert rows[0].before_masked == "서울특별시 관악구" and rows[1].before_masked == "010-****-5678"
        assert all(proofs.holds(ctx.keys, x) for x in rows)
        assert new_address.encode() not in rows[0].after_enc  # encrypted
    edit = [
        e
        for e in log_rows(ctx, action=Action.UPDATE, subject=f"patient:{pid}")
        if "fields=" in (e.detail or "")
    ]
    assert edit[-1].detail == f"fields=address,phones; 정정 요구 {done.number}"
    assert "환자 정보 정정: 주소, 연락처" in done.events[-1].note

    notices = {n.recipient: n for n in decisions.correction_notices(ctx, clerk, r.id)}
    assert set(notices) == {"한국손해보험", "서울의료원"}
    full = read(
        printing.print_correction_notice(
            ctx, clerk, notices["서울의료원"].id, tmp_path / "a.pdf", reason="업무 확인"
        ).path
    )
    for words in (
        "정정한항목과정정한내용",
        "주소",
        "서울특별시관악구",
        "".join(new_address.split()),
        "010-2222-3333",
        "제공한항목:정정하여주십시오",
    ):
        assert words in full, words
    partial = read(
        printing.print_correction_notice(
            ctx, clerk, notices["한국손해보험"].id, tmp_path / "b.pdf", reason="업무 확인"
        ).path
    )
    assert (
        "정정한항목과정정한내용" in partial and "서울특별시동작구" in partial and "010-****-3333" in partial
    )
    assert "상도아파트" not in partial and "010-2222-3333" not in partial and "제공하지않은항목" in partial
    assert "".join(ADDRESS.split()) not in full + partial  # the old address is never printed


def _disclose_items(ctx: AppContext, patient_id: int, recipient: str, items: str) -> int:
    from privdesk.disclosures.models import Disclosure, DisclosureSubject

    with ctx.unit(None) as u:
        d = Disclosure(
            file_code="patient",
            file_name="환자 진료 접수 및 관리",
            recipient=recipient,
            recipient_purpose="진료 의뢰",
            items=items,
            legal_basis="consent",
            basis_detail="",
            disclosed_on=dt.date(2025, 5, 1),
            period="",
            form="사본",
            restrictions="",
            document_no="",
            provided_by="clerk",
            deidentified=False,
            subject_count=1,
            note="",
            recorded_at=clock.now(),
            recorded_by="clerk",
        )
        d.subjects = [
            DisclosureSubject(
                position=0, subject_ref=f"patient:{patient_id}", patient_id=patient_id, label="홍*동"
            )
        ]
        u.session.add(d)
        u.session.flush()
        return d.id


def test_a_correction_needs_the_registry_write_permission_and_may_be_partial(
    ctx: AppContext, clerk: Actor
) -> None:
    from privdesk.accounts import roles as roles_uc
    from privdesk.accounts.permissions import INTAKE, ROLE_PRESETS, Permission
    from privdesk.accounts.users import login
    from privdesk.errors import PermissionDeniedError
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
    from tests.test_rights import correct

    pid = patient(ctx, clerk)
    r = requests.receive_request(ctx, clerk, own(RequestKind.CORRECT, pid))
    decisions.verify_identity(ctx, clerk, r.id)
    done = correct(
        ctx,
        clerk,
        r.id,
        pid,
        phones=["010-2222-3333"],
        ground="not_inaccurate",
        explanation="주소는 주민등록초본과 같아 정정할 사유가 없습니다.",
    )
    assert done.state == RequestState.PARTLY_COMPLETED and done.refusal_ground == "not_inaccurate"
    other = requests.receive_request(ctx, clerk, own(RequestKind.CORRECT, pid))
    decisions.verify_identity(ctx, clerk, other.id)
    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    roles_uc.set_role_permissions(
        ctx,
        officer,
        INTAKE,
        {str(p) for p in ROLE_PRESETS[INTAKE] if p != Permission.PATIENT_WRITE},
        reason="수정 권한 회수",
    )
    with pytest.raises(PermissionDeniedError):
        correct(ctx, clerk, other.id, pid, phones=["010-4444-5555"])
    assert requests.get_request(ctx, clerk, other.id).state == RequestState.VERIFIED
