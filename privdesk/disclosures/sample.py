"""Demo data for the disclosure ledger and the processor registry (체험용 데이터).

:func:`seed_disclosures` is a demo seeder (``(DemoSeed) -> str``, see :mod:`privdesk.demo`): as the
intake desk it records a month of typical provisions — a police warrant, the health insurer under
its law, an insurer with the patient's consent, an urgent case, a 보건소 report, pseudonymised data
for a study with its 가명처리 record, one use beyond the purpose inside the hospital (목적 외 이용) —
and one correcting entry; as the privacy team it fills in the processors' contracts,
one ending within the month and one already ended, with their inspection dates. Everything goes
through the real use cases, so the access log reads like a real one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select

from privdesk import clock
from privdesk.accounts.permissions import INTAKE, PRIVACY, Permission
from privdesk.disclosures.bases import DEFAULT_RESTRICTIONS
from privdesk.disclosures.ledger import (
    INTERNAL_USE,
    DisclosureInput,
    ExternalSubject,
    PseudonymInput,
    record_disclosure,
)
from privdesk.disclosures.processors import ProcessorChangeInput, list_processors, update_processor
from privdesk.registry.api import STATUS_ACTIVE, Patient

if TYPE_CHECKING:
    from privdesk.demo import DemoSeed

ITEMS = "이름, 주민등록번호, 주소, 연락처, 내원일"


def _patients(seed: DemoSeed, n: int) -> list[int]:
    """A few live patients that are not on hold (the registry seeder ran first)."""
    with seed.ctx.unit(seed.actor(INTAKE), Permission.PATIENT_READ) as u:
        return list(
            u.session.scalars(
                select(Patient.id)
                .where(Patient.status == STATUS_ACTIVE, Patient.hold.is_(False))
                .order_by(Patient.id)
                .limit(n)
            )
        )


def _entries(today: dt.date, ids: list[int]) -> list[DisclosureInput]:
    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    out = [
        DisclosureInput(
            file_code="patient",
            recipient="서울대학교병원 의학연구소",
            recipient_purpose="외래 환자 내원 양상 통계 연구",
            items="성별, 연령대, 진료과, 내원 월",
            legal_basis="pseudonymised",
            basis_detail="외래 내원 양상 연구",
            disclosed_on=ago(20),
            period="2025-01 ~ 2025-12 내원분",
            form="전자파일",
            subject_count=850,
            restrictions="재식별 시도 금지, 연구 종료 후 파기, 결과 공표 시 개별 정보 비공개",
            pseudonym=PseudonymInput(
                purpose_kind="research",
                items="이름, 주민등록번호, 주소, 연락처, 생년월일",
                method="이름·주민등록번호·연락처 삭제, 생년월일 → 연령 5세 단위 범주화, 주소 → 시·도 단위",
                performed_on=ago(22),
                additional_info="추가정보 없음 (일련번호 대응표 미생성)",
                use_period="연구 종료(2027-06-30) 시까지",
                review="재식별 위험 검토: 준식별자 조합 k≥5 확인",
            ),
        )
    ]
    out.append(
        DisclosureInput(
            file_code="patient",
            kind=INTERNAL_USE,
            recipient="원무과 (고객만족팀)",
            recipient_purpose="진료 후 만족도 조사 안내 문자 발송",
            items="이름, 연락처, 내원일",
            legal_basis="consent",
            basis_detail="만족도 조사 안내 수신 별도 동의 (접수 시 동의서)",
            disclosed_on=ago(12),
            form="전산 조회",
            period="2026년 상반기 내원분",
            patient_ids=ids[:2],
            external_subjects=[] if ids[:2] else [ExternalSubject("김하늘", "홈페이지 회원")],
        )
    )
    if len(ids) < 5:
        return out
    out += [
        DisclosureInput(
            file_code="patient",
            recipient="관악경찰서 형사과",
            recipient_purpose="절도 사건 수사 (피해자 내원 사실 확인)",
            items=ITEMS,
            legal_basis="law",
            basis_detail="형사소송법 제215조 압수·수색영장 (서울중앙지방법원 발부)",
            disclosed_on=ago(18),
            form="사본(종이)",
            restrictions=DEFAULT_RESTRICTIONS,
            document_no="관악서 형사과-2026-0412",
            patient_ids=[ids[0]],
        ),
        DisclosureInput(
            file_code="patient",
            recipient="국민건강보험공단 관악지사",
            recipient_purpose="요양급여 적정성 확인",
            items="이름, 주민등록번호, 내원일, 진료과",
            legal_basis="law",
            basis_detail="국민건강보험법 제96조 (자료의 제공)",
            disclosed_on=ago(14),
            form="전산 연계",
            restrictions=DEFAULT_RESTRICTIONS,
            document_no="건보관악-2026-1187",
            patient_ids=[ids[1], ids[2]],
        ),
        DisclosureInput(
            file_code="patient",
            recipient="한빛손해보험(주) 보상팀",
            recipient_purpose="실손의료보험금 지급 심사",
            items="이름, 내원일, 진료과",
            legal_basis="consent",
            basis_detail="제3자 제공 동의서 (본인 서명)",
            disclosed_on=ago(9),
            form="팩스",
            patient_ids=[ids[3]],
        ),
        DisclosureInput(
            file_code="patient",
            recipient="서울OO병원 응급의료센터",
            recipient_purpose="의식 없는 환자의 응급 처치",
            items="이름, 연락처, 내원일, 진료과",
            legal_basis="urgent",
            basis_detail="전원 중 의식 저하, 보호자 연락 불가: 복용 약물 확인이 급박히 필요",
            disclosed_on=ago(5),
            form="구두 회신",
            restrictions="응급 처치 목적 외 이용 금지",
            patient_ids=[ids[4]],
        ),
        DisclosureInput(
            file_code="reservation",
            recipient="관악구 보건소 감염병관리팀",
            recipient_purpose="감염병 역학조사",
            items="이름, 연락처",
            legal_basis="law",
            basis_detail="감염병의 예방 및 관리에 관한 법률 제18조 (역학조사)",
            disclosed_on=ago(3),
            form="전자파일",
            restrictions=DEFAULT_RESTRICTIONS,
            document_no="관악보건-2026-088",
            external_subjects=[
                ExternalSubject("이서준", "온라인예약"),
                ExternalSubject("최하린", "온라인예약"),
            ],
        ),
    ]
    return out


def _contracts(today: dt.date) -> list[tuple[dt.date, dt.date, dt.date | None]]:
    """(start, end, last inspection) per processor in profile order: one ends within the month,
    one has ended, the rest run on."""
    year = dt.timedelta(days=365)
    out: list[tuple[dt.date, dt.date, dt.date | None]] = []
    for i in range(10):
        start = today - year - dt.timedelta(days=30 * i)
        end = start + 2 * year
        check: dt.date | None = today - dt.timedelta(days=40 + 25 * i)
        if i == 1:
            end = today + dt.timedelta(days=18)
        elif i == 6:
            end = today - dt.timedelta(days=3)
            check = None
        out.append((start, end, check))
    return out


def seed_disclosures(seed: DemoSeed) -> str:
    """The demo seeder: disclosures as the intake desk, processor contracts as the privacy team."""
    ctx, desk, privacy = seed.ctx, seed.actor(INTAKE), seed.actor(PRIVACY)
    today = clock.today_kst()
    ids = _patients(seed, 5) if seed.patients > 0 else []
    rows = [record_disclosure(ctx, desk, data) for data in _entries(today, ids)]
    fixed = 0
    police = next((r for r in rows if r.recipient == "관악경찰서 형사과"), None)
    if police is not None and ids:
        record_disclosure(
            ctx,
            desk,
            DisclosureInput(
                file_code="patient",
                recipient=police.recipient,
                recipient_purpose=police.recipient_purpose,
                items=police.items,
                legal_basis="law",
                basis_detail=police.basis_detail,
                disclosed_on=police.disclosed_on,
                form=police.form,
                restrictions=police.restrictions,
                document_no="관악서 형사과-2026-0421",
                patient_ids=[ids[0]],
                note="영장 문서번호 오기 정정",
                corrects_id=police.id,
            ),
        )
        fixed = 1
    processors = list_processors(ctx, privacy, today=today)
    for p, (start, end, check) in zip(processors, _contracts(today), strict=False):
        update_processor(
            ctx,
            privacy,
            p.id,
            ProcessorChangeInput(
                name=p.name,
                task=p.task,
                retention=p.retention,
                contract_start=start,
                contract_end=end,
                contact=f"{p.name} 개인정보 담당",
                last_check=check,
                check_note="수탁자 보호조치 점검표 회신 확인" if check else "",
            ),
            "위탁 계약서 확인 (체험용)",
            p.version,
        )
    soon = sum(1 for r in list_processors(ctx, privacy, today=today) if r.ending_soon)
    used = sum(1 for r in rows if r.kind == INTERNAL_USE)
    return (
        f"목적 외 이용·제3자 제공 기록 {len(rows) + fixed}건 (목적 외 이용 {used}건, 정정 {fixed}건), "
        f"수탁업체 {len(processors)}곳 (계약 종료 임박 {soon}곳)"
    )
