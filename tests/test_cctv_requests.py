"""CCTV viewing requests (열람·존재확인·삭제 청구): the 10-day clock, the footage check and the
automatic hold at intake, the decisions and their rules, roles. Both backends (``ctx``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, text

from privdesk import clock
from privdesk.accounts import users
from privdesk.audit.chain import Action, Outcome
from privdesk.cctv import decisions, requests
from privdesk.cctv.decisions import Approval
from privdesk.cctv.models import CctvHold, CctvLedgerEntry, CctvRequest
from privdesk.cctv.provisions import ProvisionInput, provide_footage
from privdesk.cctv.requests import Eligibility, RequestInput, RequestState, Urgency
from privdesk.cctv.retention import FootageStatus
from privdesk.cctv.viewlog import LedgerFilter, list_ledger
from privdesk.context import Actor, AppContext
from privdesk.errors import (
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
    VersionConflictError,
)
from privdesk.store.models import AccessLogEntry
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

PW = "Bright-river42"
PHONE = "010-2345-6789"


# -- helpers shared by the CCTV tests ------------------------------------------------------------
def officer(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def staff(ctx: AppContext, login: str, roles: list[str], name: str = "김시설") -> Actor:
    """An account with ``roles`` that has done its first password change."""
    _, otp = users.add_account(ctx, officer(ctx), login=login, name=name, roles=roles, reason="입사")
    return users.change_password(ctx, users.login(ctx, login, otp), otp, PW)


def window(days_ago: int, hours: int = 1) -> tuple[dt.datetime, dt.datetime]:
    """10:00–11:00 KST ``days_ago`` days before today (``days_ago`` >= 1: always in the past)."""
    day = clock.today_kst() - dt.timedelta(days=days_ago)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=clock.KST)
    return start, start + dt.timedelta(hours=hours)


def request_input(days_ago: int = 2, **kw: Any) -> RequestInput:
    start, end = window(days_ago)
    base: dict[str, Any] = dict(
        kind="view",
        requester_name="홍길동",
        requester_phone=PHONE,
        relation="self",
        id_document="주민등록증",
        cameras=["CAM-02", "CAM-07"],
        window_start=start,
        window_end=end,
        purpose="주차장에서 차량 접촉 사고 확인",
        requester_birth=dt.date(1985, 3, 4),
        requester_address="서울특별시 관악구 봉천로 1",
    )
    base.update(kw)
    return RequestInput(**base)


def entries(ctx: AppContext, **where: Any) -> list[AccessLogEntry]:
    with ctx.session() as s:
        stmt = select(AccessLogEntry).order_by(AccessLogEntry.seq)
        for column, value in where.items():
            stmt = stmt.where(getattr(AccessLogEntry, column) == value)
        return list(s.scalars(stmt))


def approval(**kw: Any) -> Approval:
    base: dict[str, Any] = dict(
        eligibility=Eligibility.APPEARS,
        eligibility_note="청구인이 CAM-07 영상에 보임",
        viewing_at=clock.now() + dt.timedelta(days=2),
    )
    base.update(kw)
    return Approval(**base)


@pytest.fixture
def facility(ctx: AppContext) -> Actor:
    return staff(ctx, "fac01", ["facility"])


# -- the 10-day clock --------------------------------------------------------------------------------
def test_due_date_is_ten_days_after_receipt_and_days_left_count_down(
    ctx: AppContext, facility: Actor
) -> None:
    received = clock.now() - dt.timedelta(days=3)
    d = requests.receive_request(ctx, facility, request_input(days_ago=5, received_at=received))
    assert d.due_date == clock.to_kst(received).date() + dt.timedelta(days=10)
    assert d.row.days_left == 7 and d.row.urgency == Urgency.IN_TIME
    today = clock.today_kst()
    rows = requests.list_requests(ctx, facility, today=today + dt.timedelta(days=5))
    assert rows[0].days_left == 2 and rows[0].urgency == Urgency.DUE_SOON
    late = requests.list_requests(ctx, facility, today=today + dt.timedelta(days=8))[0]
    assert late.days_left == -1 and late.urgency == Urgency.OVERDUE
    assert late.number.startswith("CR-") and late.requester == "홍*동"


def test_inbox_puts_the_most_urgent_open_request_first_and_closed_ones_last(
    ctx: AppContext, facility: Actor
) -> None:
    now = clock.now()
    older = requests.receive_request(ctx, facility, request_input(10, received_at=now - dt.timedelta(days=6)))
    newer = requests.receive_request(ctx, facility, request_input(10, received_at=now - dt.timedelta(days=1)))
    done = requests.receive_request(ctx, facility, request_input(10, received_at=now - dt.timedelta(days=8)))
    decisions.withdraw(ctx, facility, done.id, note="청구인이 전화로 철회")
    rows = requests.list_requests(ctx, facility)
    assert [r.id for r in rows] == [older.id, newer.id, done.id]
    assert rows[-1].urgency == Urgency.CLOSED and rows[-1].state_label == "철회"
    assert [r.id for r in requests.list_requests(ctx, facility, open_only=True)] == [older.id, newer.id]


# -- footage check and automatic hold at intake -------------------------------------------------------
def test_request_for_footage_past_retention_is_flagged_gone_at_intake_without_a_hold(
    ctx: AppContext, facility: Actor
) -> None:
    d = requests.receive_request(ctx, facility, request_input(days_ago=40))
    assert d.row.footage_gone
    assert {f.status for f in d.footage} == {FootageStatus.GONE}
    assert d.holds == ()
    assert "보관기간(30일) 경과" in d.events[0].note
    # nothing to approve: the answer is the refusal on that ground
    with pytest.raises(RuleViolationError, match="보관기간 경과"):
        decisions.approve(ctx, facility, d.id, approval())


def test_request_in_retention_places_a_hold_that_ends_when_the_request_closes(
    ctx: AppContext, facility: Actor
) -> None:
    d = requests.receive_request(ctx, facility, request_input(days_ago=2))
    assert not d.row.footage_gone
    assert len(d.holds) == 1
    hold = d.holds[0]
    assert hold.active and hold.reason_kind == "request" and hold.until_request_id == d.id
    assert hold.cameras == ("CAM-02", "CAM-07") and hold.until_text.endswith("종결 시까지")
    assert {f.status for f in d.footage} == {FootageStatus.HELD}

    decisions.refuse(
        ctx, facility, d.id, ground="other", explanation="청구 목적이 영상으로 확인할 수 없는 내용임"
    )
    assert requests.get_request(ctx, facility, d.id).holds[0].active  # still held until closed
    closed = decisions.close(ctx, facility, d.id, note="거절 통지서 발송")
    assert closed.row.state == RequestState.CLOSED and closed.closed_by == "fac01"
    released = closed.holds[0]
    assert not released.active and released.ended_by == "fac01" and "청구 종결" in (released.end_reason or "")
    assert {f.status for f in closed.footage} == {FootageStatus.EXISTS}
    assert [e.to_state for e in closed.events] == ["received", "refused", "closed"]


def test_hold_is_still_placed_when_part_of_the_window_is_gone(ctx: AppContext, facility: Actor) -> None:
    start = window(30)[0] - dt.timedelta(hours=1)  # two days: day 31 (gone) and day 30 ... 29
    d = requests.receive_request(ctx, facility, request_input(window_start=start, window_end=window(29)[1]))
    statuses = {f.day: f.status for f in d.footage if f.camera == "CAM-02"}
    assert FootageStatus.GONE in statuses.values() and FootageStatus.HELD in statuses.values()
    assert not d.row.footage_gone and len(d.holds) == 1


# -- intake rules -------------------------------------------------------------------------------------
def test_intake_checks_agent_power_of_attorney_subject_and_inputs(ctx: AppContext, facility: Actor) -> None:
    with pytest.raises(RuleViolationError, match="위임장"):
        requests.receive_request(ctx, facility, request_input(relation="agent", subject_name="홍철수"))
    with pytest.raises(ValidationError) as err:
        requests.receive_request(ctx, facility, request_input(relation="agent", proxy_checked=True))
    assert err.value.field == "subject_name"
    with pytest.raises(ValidationError) as err:
        requests.receive_request(ctx, facility, request_input(requester_phone="12"))
    assert err.value.field == "requester_phone"
    with pytest.raises(ValidationError, match="없는 카메라"):
        requests.receive_request(ctx, facility, request_input(cameras=["CAM-99"]))
    start, end = window(1)
    with pytest.raises(ValidationError, match="끝이 시작보다"):
        requests.receive_request(ctx, facility, request_input(window_start=end, window_end=start))
    ok = requests.receive_request(
        ctx, facility, request_input(relation="agent", subject_name="홍철수", proxy_checked=True)
    )
    assert ok.relation_label == "대리인" and ok.proxy_checked and ok.id_checked_by == "fac01"
    with ctx.session() as s:
        assert len(s.scalars(select(CctvRequest)).all()) == 1  # nothing half-saved by the refusals


def test_contact_is_encrypted_masked_in_the_detail_and_unmasked_with_a_logged_reason(
    ctx: AppContext, facility: Actor
) -> None:
    d = requests.receive_request(ctx, facility, request_input())
    assert d.requester_phone_masked == "010-****-6789"
    assert PHONE not in repr(d) and PHONE not in repr(request_input())
    with ctx.engine.connect() as conn:
        raw = conn.execute(text("SELECT requester_phone_enc, requester_address_enc FROM cctv_requests")).one()
    assert b"6789" not in bytes(raw[0]) and "봉천로".encode() not in bytes(raw[1])
    with pytest.raises(ValidationError):
        requests.requester_contact(ctx, facility, d.id, reason=" ")
    c = requests.requester_contact(ctx, facility, d.id, reason="열람 일정 안내 전화")
    assert c.phone == PHONE and c.birth_date == dt.date(1985, 3, 4) and c.address.endswith("봉천로 1")
    unmask = entries(ctx, action=Action.UNMASK)[-1]
    assert unmask.subject == f"cctv_request:{d.id}" and unmask.detail == "사유=열람 일정 안내 전화"
    assert all(PHONE not in (e.detail or "") and "홍길동" not in (e.detail or "") for e in entries(ctx))


# -- decisions ---------------------------------------------------------------------------------------
def test_refusal_needs_a_ground_from_the_list_and_an_explanation(ctx: AppContext, facility: Actor) -> None:
    d = requests.receive_request(ctx, facility, request_input())
    with pytest.raises(ValidationError, match="거절 사유를 목록에서"):
        decisions.refuse(ctx, facility, d.id, ground="", explanation="사유")
    with pytest.raises(ValidationError, match="거절 사유를 목록에서"):
        decisions.refuse(ctx, facility, d.id, ground="crime_investigation", explanation="공공기관 사유")
    with pytest.raises(ValidationError) as err:
        decisions.refuse(ctx, facility, d.id, ground="privacy_of_others", explanation="  ")
    assert err.value.field == "explanation"
    assert requests.get_request(ctx, facility, d.id).row.state == RequestState.RECEIVED
    r = decisions.refuse(ctx, facility, d.id, ground="not_subject", explanation="청구인이 촬영된 구간이 없음")
    assert r.row.state == RequestState.REFUSED and r.refusal_ground == "not_subject"
    assert r.eligibility == Eligibility.NOT_SHOWN and r.decided_by == "fac01"
    codes = [g.code for g in decisions.REFUSAL_GROUNDS]
    assert codes == ["retention_expired", "privacy_of_others", "not_subject", "other"]


def test_approval_needs_eligibility_and_a_viewing_time(ctx: AppContext, facility: Actor) -> None:
    d = requests.receive_request(ctx, facility, request_input())
    with pytest.raises(RuleViolationError, match="촬영된 영상이거나"):
        decisions.approve(ctx, facility, d.id, approval(eligibility=Eligibility.NOT_SHOWN))
    with pytest.raises(ValidationError) as err:
        decisions.approve(ctx, facility, d.id, approval(eligibility=Eligibility.URGENT, eligibility_note=""))
    assert err.value.field == "eligibility_note"
    with pytest.raises(ValidationError, match="열람 일시"):
        decisions.approve(ctx, facility, d.id, approval(viewing_at=None))
    a = decisions.approve(ctx, facility, d.id, approval(others_in_frame=True))
    assert a.row.state == RequestState.APPROVED and a.viewing_place == "7층 행정실 시설팀"
    assert a.others_in_frame and not a.masking_done and a.next_states == ("completed", "withdrawn")


def test_viewing_completes_only_after_masking_and_is_entered_in_the_ledger(
    ctx: AppContext, facility: Actor
) -> None:
    d = requests.receive_request(ctx, facility, request_input())
    a = decisions.approve(ctx, facility, d.id, approval(others_in_frame=True))
    with pytest.raises(RuleViolationError, match="마스킹"):
        decisions.complete(ctx, facility, d.id, witness="박주임")
    m = decisions.record_masking(ctx, facility, d.id, masked_by="이영상", expected_version=a.row.version)
    assert m.masking_done and m.masked_by == "이영상"
    done = decisions.complete(ctx, facility, d.id, witness="박주임")
    assert done.row.state == RequestState.COMPLETED and not done.holds[0].active
    entry = list_ledger(ctx, facility, LedgerFilter(kind="view"))[0]
    assert entry.request_id == d.id and entry.counterpart == "홍길동 (본인)"
    assert (
        entry.witness == "박주임" and "이영상" in entry.file_form and entry.camera_numbers == "CAM-02, CAM-07"
    )
    with pytest.raises(RuleViolationError, match="'완료' 상태"):
        decisions.withdraw(ctx, facility, d.id, note="늦은 철회")


def test_partial_approval_extension_and_stale_versions(ctx: AppContext, facility: Actor) -> None:
    d = requests.receive_request(ctx, facility, request_input())
    with pytest.raises(ValidationError):
        decisions.extend(ctx, facility, d.id, until=d.due_date, reason="마스킹 작업")
    e = decisions.extend(
        ctx,
        facility,
        d.id,
        until=d.due_date + dt.timedelta(days=10),
        reason="다른 사람 12명의 모자이크 처리에 시간이 필요함",
    )
    assert e.row.state == RequestState.EXTENDED and e.row.due == d.due_date + dt.timedelta(days=10)
    with pytest.raises(RuleViolationError, match="한 번만"):
        decisions.extend(ctx, facility, d.id, until=d.due_date + dt.timedelta(days=20), reason="또 연장")
    with pytest.raises(VersionConflictError):
        decisions.partly_approve(
            ctx,
            facility,
            d.id,
            approval(),
            withheld="CAM-02",
            ground="privacy_of_others",
            expected_version=d.row.version,
        )
    p = decisions.partly_approve(
        ctx,
        facility,
        d.id,
        approval(),
        withheld="CAM-02 영상 (마스킹 불가)",
        ground="privacy_of_others",
        expected_version=e.row.version,
    )
    assert p.row.state == RequestState.PARTLY_APPROVED and p.partial_note == "CAM-02 영상 (마스킹 불가)"
    changes = [x.detail for x in entries(ctx, subject=f"cctv_request:{d.id}", action=Action.UPDATE)]
    assert changes == ["received→extended", "extended→partly_approved"]


def test_deletion_request_completes_with_a_destruction_entry(ctx: AppContext, facility: Actor) -> None:
    d = requests.receive_request(ctx, facility, request_input(kind="delete"))
    decisions.approve(ctx, facility, d.id, approval(viewing_at=None))
    decisions.complete(ctx, facility, d.id)
    entry = list_ledger(ctx, facility, LedgerFilter(kind="destroy"))[0]
    assert entry.kind_label == "파기" and "제36조" in entry.basis and entry.request_id == d.id


def test_provision_to_the_police_is_its_own_decision_and_a_ledger_entry(
    ctx: AppContext, facility: Actor
) -> None:
    start, end = window(3)
    data = ProvisionInput(
        recipient="관악경찰서 형사과",
        legal_basis="개인정보 보호법 제18조제2항제2호 (형사소송법 제215조)",
        purpose="차량 파손 사건 수사",
        form="사본 제공(USB)",
        cameras=["CAM-21"],
        window_start=start,
        window_end=end,
        document_no="관악서 형사과-2026-1123",
        period="수사 종료 시까지",
    )
    info = provide_footage(ctx, facility, data)
    entry = list_ledger(ctx, facility, LedgerFilter(kind="provide"))[0]
    assert entry.id == info.ledger_entry_id and entry.provision_id == info.id
    assert entry.counterpart == "관악경찰서 형사과 (공문 관악서 형사과-2026-1123)"
    assert entry.basis.startswith("개인정보 보호법 제18조") and entry.provision_form == "사본 제공(USB)"
    gone = dataclasses.replace(data, window_start=window(45)[0], window_end=window(45)[1])
    with pytest.raises(RuleViolationError, match="보관기간"):
        provide_footage(ctx, facility, gone)
    with pytest.raises(ValidationError):
        provide_footage(ctx, facility, dataclasses.replace(data, legal_basis=""))


# -- roles -------------------------------------------------------------------------------------------
def test_intake_role_is_refused_and_logged_facility_and_auditor_as_allowed(
    ctx: AppContext, facility: Actor
) -> None:
    clerk = staff(ctx, "desk01", ["intake"], name="김원무")
    auditor = staff(ctx, "aud01", ["auditor"], name="감사인")
    with pytest.raises(PermissionDeniedError):
        requests.receive_request(ctx, clerk, request_input())
    with pytest.raises(PermissionDeniedError):
        list_ledger(ctx, clerk)
    denied = entries(ctx, action=Action.PERMISSION_DENIED)
    assert [(e.actor, e.detail, e.outcome) for e in denied] == [
        ("desk01", "cctv.manage", Outcome.DENIED),
        ("desk01", "cctv.read", Outcome.DENIED),
    ]
    d = requests.receive_request(ctx, facility, request_input())
    assert list_ledger(ctx, auditor) == []  # the auditor reads the ledger ...
    with pytest.raises(PermissionDeniedError):  # ... but not the requests
        requests.get_request(ctx, auditor, d.id)
    with pytest.raises(NotFoundError):
        requests.get_request(ctx, facility, d.id + 100)
    with ctx.session() as s:
        assert s.scalars(select(CctvHold)).one().set_by == "fac01"
        assert s.scalars(select(CctvLedgerEntry)).all() == []
