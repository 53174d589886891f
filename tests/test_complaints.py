"""The complaints desk (개인정보 침해 신고·상담): receiving (a registry patient by chart number, or a name
and contact encrypted), the due date, answering and closing (the answer required), opening a
data-subject request or an incident with the link seen from both sides, the start page's overdue
list, who may do what, and a Korean message for bad input. Both backends (``ctx``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, text

from privdesk import clock
from privdesk.audit.chain import Action
from privdesk.complaints import desk
from privdesk.complaints.desk import ComplaintInput, Urgency
from privdesk.context import Actor, AppContext
from privdesk.errors import PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.incidents import register
from privdesk.incidents.register import IncidentInput
from privdesk.rights import requests as rights
from privdesk.rights.requests import RequestInput
from privdesk.store.engine import sqlite_path
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for
from tests.incident_support import add_patients

NAME, PHONE = "남궁민수", "010-9876-5432"


@pytest.fixture
def officer(ctx: AppContext) -> Actor:
    return actor_for(ctx, "yook")


@pytest.fixture
def staff(ctx: AppContext) -> Actor:
    return actor_for(ctx, "it", ["privacy"])


def outsider(ctx: AppContext, staff: Actor, *, days_ago: int = 0) -> desk.ComplaintDetail:
    return desk.receive(
        ctx,
        staff,
        ComplaintInput(
            kind="complaint",
            channel="phone",
            topic="홈페이지 회원 정보가 다른 사람에게 보였다는 신고",
            content=f"{NAME}님이 전화로 신고함",
            name=NAME,
            contact=PHONE,
            received_at=clock.now() - dt.timedelta(days=days_ago),
        ),
    )


def test_receive_outsider_due_in_ten_days_masked_answer_then_close(ctx: AppContext, staff: Actor) -> None:
    d = outsider(ctx, staff)
    assert d.number == f"CP-{clock.today_kst().year}-{d.id:04d}"
    assert d.row.due == clock.today_kst() + dt.timedelta(days=10)
    assert d.row.who == "남**수" and d.name_masked == "남**수"
    assert d.contact_masked == "010-****-5432" and d.row.received_by == "it"
    assert d.row.urgency == Urgency.IN_TIME
    with pytest.raises(ValidationError, match="답변 내용을 입력하십시오"):
        desk.close(ctx, staff, d.id)
    answered = desk.answer(ctx, staff, d.number, "회원 정보 노출 여부를 확인하여 전화로 답변함")
    assert answered.state == desk.ANSWERED and answered.row.urgency == Urgency.CLOSED
    closed = desk.close(ctx, staff, d.id, expected_version=answered.version)
    assert closed.state == desk.CLOSED and closed.closed_by == "it"
    with pytest.raises(RuleViolationError, match="종결된"):
        desk.answer(ctx, staff, d.id, "다시")


def test_registry_patient_by_chart_number(ctx: AppContext, officer: Actor, staff: Actor) -> None:
    pid = add_patients(ctx, officer, 1)[0]
    d = desk.receive(
        ctx,
        staff,
        ComplaintInput(kind="inquiry", channel="visit", topic="진료기록 열람 방법 문의", chart_no="1001"),
    )
    assert d.patient_id == pid and d.chart_no == "1001"
    assert d.row.who == "홍*동 (1001)" and d.contact_masked == "010-****-5678"
    full = desk.contact(ctx, staff, d.id, "답변 전화")
    assert (full.name, full.contact) == ("홍길동", "010-1234-5678")
    with pytest.raises(ValidationError, match="차트번호 9999인 환자가 명부에 없습니다"):
        desk.receive(
            ctx, staff, ComplaintInput(kind="inquiry", channel="visit", topic="문의", chart_no="9999")
        )


def test_bad_input_gets_a_korean_message_and_nothing_is_saved(ctx: AppContext, staff: Actor) -> None:
    with pytest.raises(ValidationError, match="연락처는 전화번호나 전자우편 주소로 입력하십시오") as e:
        desk.receive(
            ctx,
            staff,
            ComplaintInput(kind="complaint", channel="phone", topic="신고", name=NAME, contact="전화 없음"),
        )
    assert e.value.field == "contact"
    with pytest.raises(ValidationError, match="신고인 성명을 입력하십시오"):
        desk.receive(
            ctx, staff, ComplaintInput(kind="complaint", channel="phone", topic="신고", contact=PHONE)
        )
    with pytest.raises(ValidationError, match="접수 방법"):
        desk.receive(
            ctx,
            staff,
            ComplaintInput(kind="complaint", channel="fax", topic="신고", name=NAME, contact=PHONE),
        )
    with pytest.raises(ValidationError, match="요지에 전화번호"):
        desk.receive(
            ctx,
            staff,
            ComplaintInput(
                kind="complaint", channel="phone", topic=f"{PHONE} 신고", name=NAME, contact=PHONE
            ),
        )
    assert desk.list_complaints(ctx, staff) == []


def test_overdue_and_due_soon_complaints_on_the_start_page_first_in_the_list(
    ctx: AppContext, staff: Actor
) -> None:
    late = outsider(ctx, staff, days_ago=12)
    soon = outsider(ctx, staff, days_ago=8)
    calm = outsider(ctx, staff)
    s = desk.due_summary(ctx, staff)
    assert (s.overdue, s.due_soon, s.open) == (1, 1, 3)
    assert [r.id for r in s.rows] == [late.id, soon.id]
    assert s.rows[0].urgency == Urgency.OVERDUE and s.rows[0].days_left == -2
    assert "[기한 경과]" in s.rows[0].line()
    assert [r.id for r in desk.list_complaints(ctx, staff)] == [late.id, soon.id, calm.id]
    desk.close(ctx, staff, late.id, "확인 결과를 우편으로 답변함")
    assert desk.due_summary(ctx, staff).overdue == 0
    assert [r.id for r in desk.list_complaints(ctx, staff)][-1] == late.id


def test_due_days_follow_the_profile(ctx: AppContext, staff: Actor) -> None:
    ctx._profile = __import__("dataclasses").replace(ctx.profile, complaint_days=14)
    d = outsider(ctx, staff)
    assert d.row.due == clock.today_kst() + dt.timedelta(days=14)


def test_complaint_opens_a_request_linked_both_ways(ctx: AppContext, officer: Actor) -> None:
    add_patients(ctx, officer, 1)
    c = desk.receive(
        ctx,
        officer,
        ComplaintInput(
            kind="complaint", channel="visit", topic="주소가 틀리게 등록되어 있다는 신고", chart_no="1001"
        ),
    )
    d = desk.open_request(
        ctx,
        officer,
        c.id,
        RequestInput(
            kind="correct",
            file_code="",
            relation="self",
            requester_name="홍길동",
            requester_phone="010-1234-5678",
            id_document="주민등록증",
            request_text="주소 정정",
            requester_birth=dt.date(1990, 1, 1),
        ),
    )
    assert d.request_id is not None and d.row.request_number is not None
    req = rights.get_request(ctx, officer, d.request_id)
    assert req.row.patient_id == c.patient_id and req.number == d.row.request_number
    assert desk.linked_to(ctx, officer, request_id=req.id) == [c.number]
    with pytest.raises(RuleViolationError, match="이미 정보주체 요구를 열었습니다"):
        desk.open_request(
            ctx,
            officer,
            c.id,
            RequestInput(
                kind="access",
                file_code="",
                relation="self",
                requester_name="홍길동",
                requester_phone="010-1234-5678",
                id_document="주민등록증",
                request_text="",
                requester_birth=dt.date(1990, 1, 1),
            ),
        )
    assert len(rights.list_requests(ctx, officer)) == 1


def test_complaint_opens_an_incident_linked_both_ways(ctx: AppContext, staff: Actor) -> None:
    c = outsider(ctx, staff)
    d = desk.open_incident(
        ctx,
        staff,
        c.number,
        IncidentInput(learnt_at=clock.now(), kind="other", summary="홈페이지 회원 정보 노출 신고로 인지"),
    )
    assert d.incident_id is not None and d.row.incident_number is not None
    inc = register.get_incident(ctx, staff, d.incident_id)
    assert inc.number == d.row.incident_number and inc.reporter == f"개인정보 침해 신고 {c.number}"
    assert desk.linked_to(ctx, staff, incident_id=inc.id) == [c.number]
    assert d.row.links == inc.number
    assert inc.number in desk.list_complaints(ctx, staff)[0].line()


def test_permissions_officer_and_staff_handle_auditor_reads_clerk_nothing(
    ctx: AppContext, staff: Actor
) -> None:
    c = outsider(ctx, staff)
    auditor = actor_for(ctx, "audit", ["auditor"])
    clerk = actor_for(ctx, "won", ["intake"])
    assert [r.id for r in desk.list_complaints(ctx, auditor)] == [c.id]
    assert desk.get_complaint(ctx, auditor, c.id).number == c.number
    with pytest.raises(PermissionDeniedError):
        desk.answer(ctx, auditor, c.id, "답변")
    with pytest.raises(PermissionDeniedError):
        outsider(ctx, auditor)
    with pytest.raises(PermissionDeniedError):
        desk.open_incident(
            ctx, auditor, c.id, IncidentInput(learnt_at=clock.now(), kind="other", summary="x")
        )
    for call in (
        lambda: desk.list_complaints(ctx, clerk),
        lambda: desk.get_complaint(ctx, clerk, c.id),
        lambda: desk.contact(ctx, clerk, c.id, "확인"),
    ):
        with pytest.raises(PermissionDeniedError):
            call()
    assert desk.linked_to(ctx, clerk, incident_id=1) == []


def test_every_contact_view_is_logged_with_its_reason(ctx: AppContext, staff: Actor) -> None:
    c = outsider(ctx, staff)
    full = desk.contact(ctx, staff, c.id, "회신 전화")
    assert (full.name, full.contact) == (NAME, PHONE) and NAME not in repr(full)
    with ctx.session() as s:
        rows = (
            s.execute(
                select(AccessLogEntry).where(
                    AccessLogEntry.action == Action.UNMASK, AccessLogEntry.subject == f"complaint:{c.id}"
                )
            )
            .scalars()
            .all()
        )
    assert len(rows) == 1 and rows[0].actor == "it" and "회신 전화" in (rows[0].detail or "")


def test_name_and_phone_are_not_in_the_database_file_in_plaintext(sqlite_ctx: AppContext) -> None:
    staff = actor_for(sqlite_ctx, "it", ["privacy"])
    outsider(sqlite_ctx, staff)
    with sqlite_ctx.engine.connect() as conn:
        stored = conn.execute(text("SELECT name_enc, contact_enc, content_enc FROM complaints")).one()
    assert all(isinstance(v, bytes) and len(v) > 12 for v in stored)
    path = sqlite_path(str(sqlite_ctx.engine.url))
    assert path is not None
    raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    for plain in (NAME, PHONE, PHONE.replace("-", ""), "전화로 신고함"):
        assert plain.encode() not in raw
    assert "홈페이지 회원 정보".encode() in raw  # the subject line is a record, not personal data


def test_a_key_rotation_rewrites_the_complainant_and_keeps_the_proof(sqlite_ctx: AppContext) -> None:
    from privdesk.accounts import users
    from privdesk.custody import rotation
    from privdesk.opening import open_context
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

    ctx = sqlite_ctx
    c = outsider(ctx, actor_for(ctx, "it", ["privacy"]))
    with ctx.session() as s:
        before = bytes(s.execute(text("SELECT name_enc FROM complaints")).scalar_one())
    assert rotation.rotate(ctx, OFFICER_LOGIN, OFFICER_PASSWORD).finished
    ctx.engine.dispose()
    new_ctx = open_context(ctx.settings)
    try:
        with new_ctx.session() as s:
            assert bytes(s.execute(text("SELECT name_enc FROM complaints")).scalar_one()) != before
        officer = users.login(new_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
        full = desk.contact(new_ctx, officer, c.id, "회신 전화")
        assert (full.name, full.contact) == (NAME, PHONE)
    finally:
        new_ctx.engine.dispose()
