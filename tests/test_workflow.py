"""The one request workflow (issue 17, privdesk/workflow): the due date, the urgency, the numbering,
the identity documents and the history are the same code for data-subject requests (DR-) and CCTV
viewing requests (CR-). Pure functions first, then both kinds on a real database (both backends)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from privdesk import clock, workflow
from privdesk.cctv import common as cctv_common
from privdesk.cctv import requests as cctv_requests
from privdesk.complaints import desk as complaints
from privdesk.context import Actor, AppContext
from privdesk.errors import RuleViolationError, ValidationError
from privdesk.rights import requests as rights
from privdesk.rights.requests import RequestKind
from privdesk.workflow import DUE_SOON_DAYS, Relation, Urgency, due_date, urgency_of
from tests.test_cctv_requests import request_input as cctv_input
from tests.test_cctv_requests import staff
from tests.test_rights import ask, log_rows, make_actor, patient


def kst(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=clock.KST)


# -- deadlines -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (kst(2026, 1, 25, 10), 10, dt.date(2026, 2, 4)),  # across a month end
        (kst(2026, 12, 28, 9), 10, dt.date(2027, 1, 7)),  # across a year end
        (kst(2028, 2, 25, 9), 10, dt.date(2028, 3, 6)),  # a leap February (29 days)
        (kst(2026, 2, 25, 9), 10, dt.date(2026, 3, 7)),  # a common February (28 days)
        (kst(2026, 1, 31, 23, 59), 1, dt.date(2026, 2, 1)),  # the last minute of a day is still that day
    ],
)
def test_the_due_date_counts_calendar_days_from_the_receipt_day_in_kst(
    received: dt.datetime, days: int, due: dt.date
) -> None:
    assert due_date(received, days) == due
    assert due_date(received.astimezone(dt.UTC), days) == due  # the same instant stored in UTC


def test_the_receipt_day_is_the_korean_day_not_the_utc_day() -> None:
    late_utc = dt.datetime(2026, 1, 31, 15, 30, tzinfo=dt.UTC)  # 2026-02-01 00:30 KST
    assert due_date(late_utc, 10) == dt.date(2026, 2, 11)


def test_there_is_no_holiday_rule_a_due_date_may_fall_on_a_sunday_or_a_holiday() -> None:
    """The law counts days (시행령 제41조④: 10일 이내); privdesk shifts nothing to a working day."""
    assert due_date(kst(2026, 9, 14, 9), 10) == dt.date(2026, 9, 24)  # 추석 2026: 9.24–9.26
    assert due_date(kst(2026, 11, 19, 9), 10).weekday() == 6  # a Sunday stays a Sunday


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        (-30, Urgency.OVERDUE),
        (-1, Urgency.OVERDUE),
        (0, Urgency.DUE_SOON),
        (1, Urgency.DUE_SOON),
        (DUE_SOON_DAYS, Urgency.DUE_SOON),
        (DUE_SOON_DAYS + 1, Urgency.IN_TIME),
        (10, Urgency.IN_TIME),
    ],
)
def test_urgency_boundaries(left: int, expected: Urgency) -> None:
    today = dt.date(2026, 3, 1)
    due = today + dt.timedelta(days=left)
    assert urgency_of(due, today, closed=False) == expected
    assert urgency_of(due, today, closed=True) == Urgency.CLOSED
    # each kind: open states run on the clock, final states are closed even past their due date
    assert rights.urgency(rights.RequestState.IN_PROGRESS, due, today) == expected
    assert cctv_requests.urgency(cctv_requests.RequestState.APPROVED, due, today) == expected
    assert rights.urgency(rights.RequestState.COMPLETED, due, today) == Urgency.CLOSED
    assert cctv_requests.urgency(cctv_requests.RequestState.CLOSED, due, today) == Urgency.CLOSED


def test_the_due_soon_window_is_one_number_for_every_inbox() -> None:
    assert DUE_SOON_DAYS == 3
    assert rights.DUE_SOON_DAYS == cctv_requests.DUE_SOON_DAYS == complaints.DUE_SOON_DAYS == DUE_SOON_DAYS
    assert rights.Urgency is cctv_requests.Urgency is complaints.Urgency is Urgency


def test_an_extension_moves_the_due_date_once_later_and_by_at_most_the_maximum() -> None:
    r = SimpleNamespace(due_date=dt.date(2026, 1, 30), extended_due=None)
    assert workflow.effective_due(r) == dt.date(2026, 1, 30)
    assert workflow.check_extension(r, dt.date(2026, 2, 9), 10, field="new_due", once="") == dt.date(
        2026, 1, 30
    )
    with pytest.raises(ValidationError) as late:
        workflow.check_extension(r, dt.date(2026, 2, 10), 10, field="until", once="")
    assert late.value.field == "until" and "2026-02-09까지" in late.value.message
    with pytest.raises(ValidationError):
        workflow.check_extension(r, dt.date(2026, 1, 30), 10, field="new_due", once="")
    extended = SimpleNamespace(due_date=dt.date(2026, 1, 30), extended_due=dt.date(2026, 2, 5))
    assert workflow.effective_due(extended) == dt.date(2026, 2, 5)
    with pytest.raises(RuleViolationError, match="한 번만"):
        workflow.check_extension(extended, dt.date(2026, 2, 8), 10, field="new_due", once="")


def test_the_inbox_order_is_open_by_due_date_then_closed_newest_first() -> None:
    def row(i: int, due: int, urgency: Urgency, received: int) -> SimpleNamespace:
        return SimpleNamespace(
            id=i, due=dt.date(2026, 1, due), urgency=urgency, received_at=kst(2026, 1, received)
        )

    rows = [
        row(1, 20, Urgency.CLOSED, 1),
        row(2, 15, Urgency.IN_TIME, 5),
        row(3, 10, Urgency.OVERDUE, 2),
        row(4, 9, Urgency.CLOSED, 3),
        row(5, 15, Urgency.DUE_SOON, 4),
    ]
    assert [r.id for r in workflow.inbox_order(rows)] == [3, 2, 5, 4, 1]


# -- numbering -------------------------------------------------------------------------------------
def test_each_kind_numbers_with_its_prefix_and_the_year_of_receipt_in_kst() -> None:
    new_year = dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC)  # 2027-01-01 00:30 KST
    assert rights.request_number(7, new_year) == "DR-2027-0007"
    assert cctv_requests.request_number(7, new_year) == "CR-2027-0007"
    assert cctv_common.request_number(7, new_year) == "CR-2027-0007"  # the holds' way to the same number
    assert complaints.complaint_number(7, new_year) == "CP-2027-0007"
    assert rights.request_number(12345, kst(2026, 5, 1)) == "DR-2026-12345"
    assert rights.SPEC.prefix == "DR" and cctv_requests.SPEC.prefix == "CR"


def test_each_kind_keeps_its_own_states_and_the_workflow_derives_open_and_final() -> None:
    assert {"completed", "partly_completed", "refused", "withdrawn"} == rights.FINAL_STATES
    assert {"received", "verified", "in_progress", "extended"} == rights.OPEN_STATES
    assert {"completed", "closed", "withdrawn"} == cctv_requests.FINAL_STATES
    assert cctv_requests.SPEC.open_states == {
        "received",
        "extended",
        "approved",
        "partly_approved",
        "refused",
    }


# -- who asks and how they were identified ---------------------------------------------------------
def test_one_identity_document_list_for_both_kinds() -> None:
    """주민등록증, 운전면허증, 여권 (forms.md §7) and 외국인등록증; 가족관계증명서 proves a legal
    representative's relation (the proof of agency), it does not identify anyone."""
    assert rights.ID_DOCUMENTS is cctv_requests.ID_DOCUMENTS is workflow.ID_DOCUMENTS
    assert workflow.ID_DOCUMENTS == ("주민등록증", "운전면허증", "여권", "외국인등록증", "기타 신분증")
    assert "가족관계증명서" not in workflow.ID_DOCUMENTS
    assert rights.Relation is cctv_requests.Relation is Relation
    assert (
        rights.RELATION_LABELS
        == cctv_requests.RELATION_LABELS
        == {"self": "본인", "guardian": "법정대리인", "agent": "대리인"}
    )


def test_an_agent_or_a_guardian_needs_the_proof_of_agency_in_each_kinds_words() -> None:
    workflow.check_proxy(Relation.SELF, False, noun="요구")
    workflow.check_proxy(Relation.AGENT, True, noun="청구")
    with pytest.raises(
        RuleViolationError, match=r"대리인의 요구는 위임장\(개인정보 보호법 제38조, 별지 제11호서식\)"
    ):
        workflow.check_proxy(Relation.AGENT, False, noun="요구", attorney=", 별지 제11호서식")
    with pytest.raises(RuleViolationError, match=r"법정대리인의 청구는 .*가족관계증명서 등"):
        workflow.check_proxy(Relation.GUARDIAN, False, noun="청구")
    with pytest.raises(ValidationError):
        workflow.check_relation("friend")
    assert (
        workflow.proxy_flag(Relation.SELF, True) is False
        and workflow.proxy_flag(Relation.AGENT, True) is True
    )
    assert (
        workflow.checked_by("", "clerk") == "clerk" and workflow.checked_by(" 김원무 ", "clerk") == "김원무"
    )


# -- both kinds on a real database -----------------------------------------------------------------
def test_both_kinds_run_the_same_clock_history_and_unmasking(ctx: AppContext) -> None:
    clerk: Actor = make_actor(ctx, "clerk", ["intake"])
    facility = staff(ctx, "fac01", ["facility"])
    dr = rights.receive_request(ctx, clerk, ask(RequestKind.CORRECT, patient(ctx, clerk)))
    cr = cctv_requests.receive_request(ctx, facility, cctv_input())
    today = clock.today_kst()
    assert dr.number.startswith(f"DR-{today.year}-") and cr.number.startswith(f"CR-{today.year}-")
    assert dr.due_date == cr.due_date == today + dt.timedelta(days=ctx.profile.request_days)
    for detail in (dr, cr):
        assert [(e.from_state, e.to_state, e.actor_label != "") for e in detail.events] == [
            ("", "received", True)
        ]
    with ctx.session() as s:
        assert [c.number for c in rights.open_clocks(s, today)] == [dr.number]
        assert [c.number for c in cctv_requests.open_clocks(s, today)] == [cr.number]
        late = today + dt.timedelta(days=ctx.profile.request_days + 1)
        assert {c.urgency for c in rights.open_clocks(s, late) + cctv_requests.open_clocks(s, late)} == {
            Urgency.OVERDUE
        }
    with pytest.raises(ValidationError):
        rights.contacts(ctx, clerk, dr.id, "")  # no reason, no look
    rights.contacts(ctx, clerk, dr.id, "요구인에게 회신 전화")
    cctv_requests.requester_contact(ctx, facility, cr.id, "청구인에게 열람 일정 안내")
    unmasked = [(e.subject, e.detail) for e in log_rows(ctx, action="unmask")]
    assert unmasked == [
        (f"subject_request:{dr.id}", "requester only (본인 확인 전); 사유=요구인에게 회신 전화"),
        (f"cctv_request:{cr.id}", "사유=청구인에게 열람 일정 안내"),
    ]
