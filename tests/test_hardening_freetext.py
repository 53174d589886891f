"""No personal data in reasons and notes (issue 10): a resident number, a phone number or a card
number typed into a reason or a note is refused with a Korean message saying what was found —
in the use cases (so the GUI and the CLI say the same), and nothing of it reaches the access log,
the permission history or a ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from privdesk import clock, integrity
from privdesk.accounts import roles as roles_uc
from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR
from privdesk.cctv import cameras as cctv_cameras
from privdesk.cctv import decisions as cctv_decisions
from privdesk.cctv import requests as cctv_requests
from privdesk.cctv import retention as cctv_retention
from privdesk.context import Actor, AppContext
from privdesk.disclosures import ledger, processors
from privdesk.errors import ValidationError
from privdesk.fields import personal_data_in
from privdesk.lifecycle import files as lifecycle_files
from privdesk.lifecycle import holds
from privdesk.lifecycle import ledger as destruction_ledger
from privdesk.registry import patients as registry
from privdesk.registry.export import export_patients
from privdesk.rights import decisions as rights_decisions
from privdesk.rights import requests as rights_requests
from privdesk.store.models import AccessLogEntry, PermissionChange
from tests.hardening_support import as_officer, assert_refused, cli
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.test_cctv_requests import request_input
from tests.test_disclosures import police
from tests.test_rights import ask, make_actor, patient

RRN = "900101-1234568"
TEXTS = {
    "rrn": f"본인 {RRN} 확인",
    "rrn_bare": "주민번호 9001011234568 대조",
    "phone": "010-9876-5432로 연락 요청",
    "seoul": "02 345 6789 회신",
    "card": "카드 4111 1111 1111 1111 결제 확인",
}
KIND = {
    "rrn": "주민등록번호",
    "rrn_bare": "주민등록번호",
    "phone": "전화번호",
    "seoul": "전화번호",
    "card": "카드 번호",
}


@pytest.mark.parametrize(
    "text,found",
    [
        (RRN, "주민등록번호(외국인등록번호)"),
        ("9001011234568", "주민등록번호(외국인등록번호)"),
        ("외국인 850615-5123456", "주민등록번호(외국인등록번호)"),
        ("010-1234-5678", "전화번호"),
        ("01012345678", "전화번호"),
        ("010 1234 5678", "전화번호"),
        ("+82 10-1234-5678", "전화번호"),
        ("(02)123-4567", "전화번호"),
        ("031-123-4567", "전화번호"),
        ("4111 1111 1111 1111", "카드 번호"),
        ("5500-0000-0000-0004", "카드 번호"),
        ("378282246310005", "카드 번호"),
        # what reasons legitimately hold
        ("차트 00001234 재내원", None),
        ("2024-05-06 10:30 요청", None),
        ("문서 제2024-0123호", None),
        ("사건번호 2024고단1234", None),
        ("1588-1234 고객센터 문의", None),
        ("접수 12345", None),
        ("991301-1234567", None),
        ("4111 1111 1111 1112", None),
        ("정보주체 본인 확인 요청", None),
        ("", None),
    ],
)
def test_what_counts_as_personal_data(text: str, found: str | None) -> None:
    assert personal_data_in(text) == found


@pytest.fixture
def boss(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def nothing_stored(ctx: AppContext, *fragments: str) -> None:
    with ctx.session() as s:
        details = [d or "" for d in s.scalars(select(AccessLogEntry.detail))]
        reasons = [r or "" for r in s.scalars(select(PermissionChange.reason))]
    for fragment in fragments:
        assert not any(fragment in t for t in details + reasons), fragment


def _cases(ctx: AppContext, boss: Actor, tmp_path: Path) -> dict[str, Callable[[str], Any]]:
    pid = patient(ctx, boss)
    make_actor(ctx, "clerk", ["intake"])
    hold_id = holds.place_legal_hold(ctx, boss, pid, "소송 진행 중")
    cctv = cctv_requests.receive_request(ctx, boss, request_input())
    rights = rights_requests.receive_request(ctx, boss, ask(patient_id=pid))
    rights_decisions.verify_identity(ctx, boss, rights.id, note="신분증 대조")
    rights_decisions.start(ctx, boss, rights.id)
    access = rights_requests.receive_request(ctx, boss, ask(kind="access", patient_id=pid, request_text=""))
    start = dt.datetime.combine(clock.today_kst() - dt.timedelta(days=2), dt.time(9), tzinfo=clock.KST)
    return {
        "unmask": lambda t: registry.unmask(ctx, boss, pid, t),
        "processing hold": lambda t: registry.set_hold(ctx, boss, pid, t),
        "export reason": lambda t: export_patients(ctx, boss, [pid], tmp_path / "x.csv", reason=t),
        "legal hold": lambda t: holds.place_legal_hold(ctx, boss, pid, t),
        "legal hold release": lambda t: holds.release_legal_hold(ctx, boss, hold_id, t),
        "account lock": lambda t: users.lock_account(ctx, boss, "clerk", t),
        "account deactivation": lambda t: users.deactivate_account(ctx, boss, "clerk", t),
        "role change": lambda t: users.set_roles(ctx, boss, "clerk", [AUDITOR], reason=t),
        "password reset": lambda t: users.reset_password(ctx, boss, "clerk", reason=t),
        "new account": lambda t: users.add_account(
            ctx, boss, login="newbie", name="신입", roles=[AUDITOR], reason=t
        ),
        "role permissions": lambda t: roles_uc.set_role_permissions(ctx, boss, AUDITOR, set(), reason=t),
        "integrity acknowledgement": lambda t: integrity.acknowledge(ctx, boss, OFFICER_PASSWORD, t),
        "destruction reason": lambda t: destruction_ledger.record_manual(
            ctx,
            boss,
            destruction_ledger.ManualDestruction(
                file_name="진료 접수 대장(종이)",
                kind="종이 문서",
                item_count=3,
                method="분쇄",
                executed_by="원무과 김주임",
                reason=t,
                destroyed_on=clock.today_kst(),
            ),
        ),
        "retention note": lambda t: lifecycle_files.update_rule(
            ctx,
            boss,
            "patient",
            lifecycle_files.RuleChange(retention_note=t),
            expected_version=next(
                r for r in lifecycle_files.list_files(ctx, boss) if r.code == "patient"
            ).version,
            reason="법령 개정 반영",
        ),
        "CCTV request purpose": lambda t: cctv_requests.receive_request(ctx, boss, request_input(purpose=t)),
        "CCTV contact unmask": lambda t: cctv_requests.requester_contact(ctx, boss, cctv.id, t),
        "CCTV extension": lambda t: cctv_decisions.extend(
            ctx, boss, cctv.id, until=clock.today_kst() + dt.timedelta(days=15), reason=t
        ),
        "CCTV withdrawal note": lambda t: cctv_decisions.withdraw(ctx, boss, cctv.id, note=t),
        "CCTV evidence hold": lambda t: cctv_retention.set_hold(
            ctx,
            boss,
            cctv_retention.HoldInput(
                cameras=["CAM-02"],
                window_start=start,
                window_end=start + dt.timedelta(hours=1),
                reason_kind=cctv_retention.HoldReason.INCIDENT,
                reason=t,
                until_date=clock.today_kst(),
            ),
        ),
        "camera note": lambda t: cctv_cameras.update_camera(
            ctx, boss, "CAM-02", cctv_cameras.CameraEdit(note=t), reason="점검"
        ),
        "request contact unmask": lambda t: rights_requests.contacts(ctx, boss, rights.id, t),
        "request extension": lambda t: rights_decisions.extend(
            ctx, boss, access.id, new_due=clock.today_kst() + dt.timedelta(days=15), reason=t
        ),
        "request withdrawal": lambda t: rights_decisions.withdraw(ctx, boss, rights.id, reason=t),
        "disclosure note": lambda t: ledger.record_disclosure(ctx, boss, police(pid, note=t)),
        "processor reason": lambda t: processors.add_processor(
            ctx, boss, processors.ProcessorChangeInput(name="새 수탁업체", task="전산 유지보수"), t
        ),
        "processor check note": lambda t: processors.add_processor(
            ctx,
            boss,
            processors.ProcessorChangeInput(name="다른 수탁업체", task="전산 유지보수", check_note=t),
            "신규 계약",
        ),
    }


def test_every_reason_and_note_refuses_personal_data(ctx: AppContext, boss: Actor, tmp_path: Path) -> None:
    cases = _cases(ctx, boss, tmp_path)
    for name, call in cases.items():
        for key, text in TEXTS.items():
            with pytest.raises(ValidationError) as err:
                call(text)
            message = str(err.value)
            assert KIND[key] in message and "지운 뒤 다시 입력하십시오" in message, (name, key, message)
            assert RRN not in message and "9876" not in message, (name, message)  # the value is not echoed
    assert not (tmp_path / "x.csv").exists()
    nothing_stored(ctx, RRN, "9001011234568", "9876-5432", "345 6789", "4111")
    # and the same calls go through with a clean reason (so the refusals above were about the text)
    for name in ("unmask", "legal hold", "CCTV extension", "request extension", "processor reason"):
        cases[name]("정보주체 본인 요청")


def test_the_command_line_says_the_same(ctx: AppContext, boss: Actor) -> None:
    make_actor(ctx, "clerk", ["intake"])
    users.lock_account(ctx, boss, "clerk", "퇴근 후 잠금")
    r = cli(ctx, "user", "unlock", "clerk", "--reason", TEXTS["rrn"], *as_officer())
    assert_refused(r, "잠금 해제 사유에 주민등록번호(외국인등록번호)로 보이는 숫자가 있습니다")
    r = cli(ctx, "user", "deactivate", "clerk", "--reason", TEXTS["card"], *as_officer())
    assert_refused(r, "카드 번호")
    r = cli(ctx, "audit", "acknowledge", "--reason", TEXTS["phone"], *as_officer())
    assert_refused(r, "확인 사유에 전화번호로 보이는 숫자가 있습니다")
    r = cli(ctx, "patient", "export", "--out", "x.csv", "--reason", TEXTS["seoul"], *as_officer())
    assert_refused(r, "내보내는 사유에 전화번호")
    assert users.get_account(ctx, boss, "clerk").locked
    nothing_stored(ctx, RRN, "4111", "9876-5432")
    assert cli(ctx, "user", "unlock", "clerk", "--reason", "본인 확인 후 해제", *as_officer()).returncode == 0


def test_a_clean_reason_is_stored_as_typed(ctx: AppContext, boss: Actor) -> None:
    pid = patient(ctx, boss)
    registry.unmask(ctx, boss, pid, "차트 00001234 보험 청구 (접수 2024-0123)")
    with ctx.session() as s:
        details = list(s.scalars(select(AccessLogEntry.detail).where(AccessLogEntry.action == "unmask")))
    assert details == ["사유=차트 00001234 보험 청구 (접수 2024-0123)"]
