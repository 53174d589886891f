"""The access log in words (privdesk.logview): every kind of entry the code writes reads as
Korean — no raw ``acct:``/``patient:`` reference, no ``key=value`` — patients' names only for
accounts that may read the registry (and that look logged), references resolved per page in bulk."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from privdesk import clock, logview
from privdesk.accounts.permissions import AUDITOR
from privdesk.audit import query
from privdesk.audit.chain import Action, Outcome
from privdesk.context import AppContext
from privdesk.errors import ValidationError
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for, officer
from tests.incident_support import add_patients

RAW_REF = re.compile(
    r"\b(acct|patient|subject_request|cctv_request|complaint|incident|destruction_plan|"
    r"disclosure|processor|cctv_[a-z]+|lifecycle_[a-z]+|integrity_events):(\d|\*)"
)
KEY_VALUE = re.compile(r"\b[A-Za-z_]+=")

# (action, subject, detail, search_kind): the forms every `u.log(` / `ctx.record(` / PendingEntry /
# anchor / record_print call site in privdesk/ writes (grep "u.log(" and "Action." in privdesk/).
P = "patient:{p}"
A = "acct:{a}"
SAMPLES: list[tuple[str, str | None, str | None, str | None]] = [
    # accounts, logins (accounts/users.py, context.py, bootstrap.py)
    (Action.INIT, None, "profile=장튼위튼병원", None),
    (Action.ACCOUNT_CREATE, A, "role=officer", None),
    (Action.ACCOUNT_CREATE, A, "roles=intake,auditor", None),
    (Action.LOGIN, A, "gui", None),
    (Action.LOGIN, A, "reauth", None),
    (Action.LOGIN, A, "cli", None),
    (Action.LOGIN_FAILED, A, "gui", None),
    (Action.LOGIN_FAILED, A, "gui; locked", None),
    (Action.LOGIN_FAILED, A, "cli; proof", None),
    (Action.LOGIN_FAILED, None, "gui", None),
    (Action.LOCK, A, "로그인 5회 연속 실패로 자동 잠금", None),
    (Action.LOCK, A, "manual", None),
    (Action.UNLOCK, A, None, None),
    (Action.UNLOCK, A, "recover", None),
    (Action.PASSWORD_RESET, A, "recover", None),
    (Action.PASSWORD_RESET, None, "recover; wrong recovery code", None),
    (Action.PASSWORD_CHANGE, A, None, None),
    (Action.IDLE_LOCK, A, None, None),
    (Action.LOGOUT, A, None, None),
    (Action.ROLE_CHANGE, A, "+auditor -intake", None),
    (Action.ROLE_CHANGE, "role:intake", "+patient.export -", None),
    (Action.ACCOUNT_UPDATE, A, "deactivate; -intake", None),
    (Action.UPDATE, A, "notice 3 acknowledged (password)", None),
    (Action.PERMISSION_DENIED, None, "patient.export", None),
    (Action.VIEW, "accounts", "list; rows=5", None),
    (Action.VIEW, A, None, None),
    (Action.VIEW, "permission_history", "all", None),
    # registry
    (Action.SEARCH, None, "results=3", "rrn"),
    (Action.SEARCH, None, "results=0", "name_prefix"),
    (Action.SEARCH, None, "results=1", "chart_no"),
    (Action.SEARCH, None, "제3자 제공; found=0", "chart_no"),
    (Action.SEARCH, P, "제3자 제공", "chart_no"),
    (Action.VIEW, P, None, None),
    (Action.CREATE, P, None, None),
    (Action.CREATE, P, "check_digit_warning_accepted", None),
    (Action.CREATE, P, "intake:12", None),
    (Action.CREATE, P, "intakes=3; demo", None),
    (Action.UPDATE, P, "fields=address,phones", None),
    (Action.UPDATE, P, "fields=name; 정정 요구 DR-2026-0005", None),
    (Action.UPDATE, P, "hold=on", None),
    (Action.UPDATE, P, "hold=off", None),
    (Action.UNMASK, P, "reason=진료비 문의 본인 확인", None),
    (Action.UNMASK, P, "사유=진료비 문의", None),
    (Action.EXPORT, P, "masked; reason=보험 청구", None),
    (Action.EXPORT, P, "unmasked; consent-use; 사유=연구", None),
    (Action.IMPORT, None, "imported=3 rejected=1 skipped=0 warnings=2", None),
    (Action.IMPORT, None, "imported=3 rejected=1 skipped=0 warnings=2 cancelled", None),
    (Action.IMPORT, None, "imported=0 rejected=0 skipped=0 stopped=RecordIntegrityError", None),
    (Action.IMPORT, P, None, None),
    # rights
    (Action.CREATE, "subject_request:{r}", "-→received", None),
    (Action.UPDATE, "subject_request:{r}", "received→verified", None),
    (Action.UPDATE, "subject_request:{r}", "in_progress→completed", None),
    (Action.VIEW, "subject_request:*", "inbox; rows=4", None),
    (Action.VIEW, "subject_request:{r}", None, None),
    (Action.UNMASK, "subject_request:{r}", "reason=회신; requester only (본인 확인 전)", None),
    (Action.UNMASK, P, "열람 답변; request={r}; reason=열람 답변 작성", None),
    (Action.VIEW, P, "열람 답변; request={r}", None),
    (Action.UPDATE, P, "subject_flag suspend; request={r}", None),
    (Action.VIEW, "subject_request:{r}", "correction notices", None),
    (Action.UPDATE, "subject_request:{r}", "correction notice 2 sent", None),
    (Action.PRINT, "subject_request:{r}", "열람 결과 통지서; DR-2026-0001; 2쪽", None),
    # cctv
    (Action.CREATE, "cctv_camera:*", "seed=25", None),
    (Action.CREATE, "cctv_camera:1", "number=C-01", None),
    (Action.UPDATE, "cctv_camera:1", "fields=location,area", None),
    (Action.CREATE, "cctv_request:{c}", "-→received", None),
    (Action.UPDATE, "cctv_request:{c}", "received→approved", None),
    (Action.VIEW, "cctv_request:*", "inbox; rows=3", None),
    (Action.VIEW, "cctv_request:{c}", None, None),
    (Action.UNMASK, "cctv_request:{c}", "reason=연락", None),
    (Action.CREATE, "cctv_hold:1", "auto; request={c}", None),
    (Action.UPDATE, "cctv_hold:1", "end; request={c} closed", None),
    (Action.CREATE, "cctv_hold:2", "kind=police; cameras=2", None),
    (Action.UPDATE, "cctv_hold:2", "end; reason=수사 종료", None),
    (Action.VIEW, "cctv_hold:*", "retention-check 2026-12-01; holds=2", None),
    (Action.CREATE, "cctv_provision:1", "provision; request={c}", None),
    (Action.CREATE, "cctv_ledger:*", "자동 파기 기록 3건; 보존 연장 해제분 1건", None),
    (Action.CREATE, "cctv_ledger:5", "sha256=" + "ab" * 32, None),
    (Action.VIEW, "cctv_ledger:*", "rows=5", None),
    (Action.VIEW, "cctv_ledger:*", "period 2026-11-01~2026-11-30; rows=5", None),
    (Action.VERIFY, "cctv_ledger:*", "problems=0", None),
    (Action.PRINT, "report:cctv-ledger", "CL-2026-0001; 2026. 11.; 5건; 1쪽", None),
    # incidents, complaints
    (Action.CREATE, "incident:{i}", "INC-2026-0001", None),
    (Action.UPDATE, "incident:{i}", "INC-2026-0001", None),
    (Action.VIEW, "incident:{i}", "INC-2026-0001; homepage notice", None),
    (Action.UPDATE, "incident:{i}", "INC-2026-0001; closed", None),
    (Action.UPDATE, "incident:{i}", "INC-2026-0001; affected +3 (chart_no)", None),
    (Action.UPDATE, "incident:{i}", "INC-2026-0001; affected -1; 사유=착오", None),
    (Action.SEARCH, "incidents", "open_only=True; year=-; results=2", None),
    (Action.SEARCH, "incident:{i}", "incident; results=2", "chart_no"),
    (Action.SEARCH, "incident:{i}", "incident; seq=42; results=7", "export"),
    (Action.SEARCH, "incident:{i}", "incident; account=kim; 2026-11-01~2026-11-30; results=7", "account"),
    (Action.PRINT, "incident:{i}", "통지문; INC-2026-0001; 3명; 2쪽", None),
    (Action.PRINT, P, "유출 통지문 INC-2026-0001", None),
    (Action.VIEW, "incident:{i}", "INC-2026-0001; letters; people=3", None),
    (
        Action.EXPORT,
        "incident:{i}",
        "sms csv; INC-2026-0001; 3명; 번호 없음 0명; 파일=a.csv; 사유=통지",
        None,
    ),
    (Action.EXPORT, P, "INC-2026-0001 유출 통지 문자; 사유=통지", None),
    (Action.SEARCH, "incidents", "register 2026; results=1", None),
    (Action.PRINT, "incidents", "register 2026; 1건; IR-2026-0001; 1쪽", None),
    (Action.VERIFY, "incidents", "problems=0", None),
    (Action.CREATE, "incident_events:3", "sha256=" + "cd" * 32, None),
    (Action.CREATE, "complaint:{m}", "CP-2026-0001; 전화", None),
    (Action.CREATE, "complaint:{m}", "CP-2026-0001; 전화; " + P, None),
    (Action.VIEW, "complaint:*", "list; rows=2", None),
    (Action.VIEW, "complaint:*", "start page; rows=1", None),
    (Action.UNMASK, P, "reason=회신; via complaint:{m}", None),
    (Action.UNMASK, "complaint:{m}", "reason=회신", None),
    (Action.UPDATE, "complaint:{m}", "answer", None),
    (Action.UPDATE, "complaint:{m}", "closed", None),
    (Action.UPDATE, "complaint:{m}", "linked DR-2026-0001", None),
    # disclosures, processors
    (Action.CREATE, P, "제3자 제공 기록 disclosure:8; basis=law", None),
    (Action.CREATE, "disclosure:8", "sha256=" + "ef" * 32, None),
    (Action.VIEW, "disclosure:*", "제3자 제공 대장 2026-11-01~2026-11-30; rows=3", None),
    (Action.EXPORT, "disclosure:*", "제3자 제공 대장 2026-11-01~2026-11-30; 3건; 파일=d.csv", None),
    (Action.VERIFY, "disclosure:*", "problems=1", None),
    (Action.VIEW, P, "제3자 제공 이력; rows=2", None),
    (Action.CREATE, "processor:*", "seed=10", None),
    (Action.CREATE, "processor:{o}", "fields=name,task", None),
    (Action.UPDATE, "processor:{o}", "fields=contract_end", None),
    (Action.UPDATE, "processor:{o}", "active=off", None),
    (Action.UPDATE, "processor:{o}", "checklist=a,b,c", None),
    (Action.UPDATE, "processor:{o}", "subprocessor=add", None),
    (Action.UPDATE, "processor:{o}", "processor_return:2; method=destroy", None),
    (Action.VERIFY, "processor_return:*", "problems=0", None),
    # lifecycle
    (Action.VIEW, "destruction_ledger:*", "rows=3", None),
    (Action.VERIFY, "destruction_ledger:*", "problems=0", None),
    (Action.UPDATE, P, "legal_hold=3 on", None),
    (Action.UPDATE, P, "legal_hold=3 off; reason=소송 종료", None),
    (Action.VIEW, P, "legal_holds", None),
    (Action.VIEW, "lifecycle_holds:*", "rows=2; released=False", None),
    (Action.UPDATE, "lifecycle_file:1", "retention_years=5; retention_note", None),
    (Action.VIEW, "lifecycle:dashboard", "file=patients", None),
    (Action.UPDATE, "setting:destruction-two-person", "on=True", None),
    (Action.CREATE, "destruction_plan:4", "records=489; excluded=2; sha256=" + "12" * 32, None),
    (Action.VIEW, "destruction_plan:4", None, None),
    (Action.VIEW, "destruction_plan:*", "rows=1", None),
    (Action.UPDATE, "destruction_plan:4", "approve first", None),
    (Action.UPDATE, "destruction_plan:4", "cancel", None),
    (Action.UPDATE, "destruction_plan:4", "cancel; 사유=기준일 오류로 재작성", None),
    (Action.VIEW, "destruction_plan:4", "items 1-200/489", None),
    (Action.VIEW, "destruction_plan:4", "exclusions 1-2/2", None),
    (Action.VIEW, P, "destruction_plan:4", None),
    (Action.UPDATE, "setting:destruction-two-person", "on=True; 사유=내부 관리계획 개정", None),
    (Action.UPDATE, "lifecycle_file:1", "retention_years=10; 사유=의료법 시행규칙 개정", None),
    (Action.UPDATE, "cctv_ledger:3", "corrected_by=4; 사유=카메라 번호 오기", None),
    (Action.UPDATE, "destruction_plan:4", "execute start; skipped=1", None),
    (Action.UPDATE, "destruction_plan:4", "execute stopped before any deletion; approved again", None),
    (Action.DELETE, P, "파기 계획 4", None),
    (Action.UPDATE, "destruction_plan:4", "executed; destroyed=488; skipped=1; ledger=7", None),
    (Action.SYSTEM, "destruction_plan:4", "scrub: wal checkpoint", None),
    (Action.BACKUP, "destruction_plan:4", "catalogue: 3개 백업에서 삭제", None),
    (Action.UPDATE, P, "분리보관: 보유기간 경과", None),
    (Action.UPDATE, P, "분리보관 해제: 소송", None),
    (Action.SYSTEM, "lifecycle:retention-run", "separated=0; due=489; held=2; reconciled=0", None),
    (Action.VIEW, P, "separated", None),
    (Action.CREATE, "destruction_ledger:7", "sha256=" + "34" * 32, None),
    (Action.PRINT, "report:destruction-ledger", "DL-2026-0001; 2026년; 3건; 1쪽", None),
    # audit, integrity, backup, reports
    (Action.VIEW, "access_log", "전체", None),
    (Action.VIEW, "access_log", "계정=officer|kim, 분류=look, 대상=" + P, None),
    (Action.VIEW, "access_log", "접속기록 대상 확인; 환자 3명", None),
    (Action.EXPORT, "access_log", "계정=kim; 5건; 파일=x.csv; 사유=감사", None),
    (Action.VERIFY, "access_log", "checked=2262", None),
    (Action.VERIFY, "access_log", "checked=10 first_bad_seq=4 problem=체인 불일치 (4번)", None),
    (Action.ARCHIVE, "access_log", "before=2024-01-01 entries=0", None),
    (
        Action.ARCHIVE,
        "access_log",
        "before=2024-01-01 seq=1-500 entries=500 file=a.jsonl sha256=" + "56" * 32,
        None,
    ),
    (Action.VERIFY, "archive:a.jsonl", "checked=500", None),
    (Action.VERIFY, "archive:a.jsonl", "checked=3 first_bad_seq=2 problem=서명 불일치", None),
    (Action.VERIFY, "integrity_events:*", "problems=0", None),
    (Action.INTEGRITY, "integrity_events:2", "sha256=" + "78" * 32, None),
    (
        Action.BACKUP,
        "backup:3",
        "manual; file=b.tar; size=1048576; sha256=" + "9a" * 32 + "; head=42; patients=3; 1.2s",
        None,
    ),
    (Action.BACKUP, "backup:3", "rotated away: b.tar", None),
    (Action.BACKUP, None, "daily; disk full", None),
    (
        Action.RESTORE,
        None,
        "archive=b.tar; sha256=" + "9a" * 32 + "; made=2026-12-01 by officer; head=42; os_user=root",
        None,
    ),
    (Action.RESTORE, None, "finished; archive=b.tar; scrub: ok", None),
    (Action.PRINT, "report:access-log", "AL-2026-0001; 2026. 11.; 10건; 1쪽; 사유=월간 점검", None),
    (Action.PRINT, "report:permission-history", "PH-2026-0001; 2026. 11.; 3건; 1쪽", None),
    (Action.PRINT, "report:processors", "PR-2026-0001; 10곳; 1쪽", None),
    (Action.PRINT, "key:recovery-sheet", "KS-2026-0001; 1쪽", None),
    ("no_such_action", "unknown_kind:3", "strange=1; ok", None),
]


@pytest.fixture
def world(ctx: AppContext) -> tuple[AppContext, dict[str, int]]:
    me = officer(ctx)
    [pid] = add_patients(ctx, me, 1)
    ids = {"p": pid, "a": me.account_id, "r": 1, "c": 1, "i": 1, "m": 1, "o": 1}
    return ctx, ids


def _rows(ids: dict[str, int]) -> list[query.LogRow]:
    at = clock.now()
    out = []
    for n, (action, subject, detail, kind) in enumerate(SAMPLES, start=1):
        out.append(
            query.LogRow(
                n,
                at,
                "yook",
                "ws",
                "10.0.0.1",
                str(action),
                subject.format(**ids) if subject else None,
                kind,
                Outcome.OK,
                detail.format(**ids) if detail else None,
            )
        )
    return out


def test_every_kind_of_entry_reads_as_words(world: tuple[AppContext, dict[str, int]]) -> None:
    ctx, ids = world
    rows = _rows(ids)
    with ctx.session() as s:
        res = logview.resolve(s, rows, show_names=True)
    got = logview.readable_rows(rows, res)
    assert len(got) == len(SAMPLES)
    for raw, r in zip(rows, got, strict=True):
        for cell in (r.task, r.subject, r.detail, r.account, r.category):
            assert not RAW_REF.search(cell), (raw, cell)
            assert not KEY_VALUE.search(cell), (raw, cell)
        assert raw.action not in set(Action) or re.search(r"[가-힣]", r.task), raw
    by = {(raw.action, raw.subject, raw.detail): r for raw, r in zip(rows, got, strict=True)}

    def one(action: str, subject: str | None, detail: str | None) -> logview.ReadableRow:
        return by[
            (action, subject.format(**ids) if subject else None, detail.format(**ids) if detail else None)
        ]

    assert one(Action.VIEW, P, None).task == "환자 조회"
    assert one(Action.VIEW, P, None).subject == "차트 1001 홍*동"
    assert one(Action.SEARCH, None, "results=3").task == "환자 검색(주민등록번호)"
    assert one(Action.SEARCH, None, "results=3").detail == "결과 3건"
    assert (
        one(Action.UNMASK, P, "reason=진료비 문의 본인 확인").task
        == "주민등록번호·연락처 마스킹 해제 (사유: 진료비 문의 본인 확인)"
    )
    assert one(
        Action.UNMASK, "subject_request:{r}", "reason=회신; requester only (본인 확인 전)"
    ).task.startswith("정보주체 요구 연락처 마스킹 해제")
    assert one(Action.EXPORT, P, "masked; reason=보험 청구").task == "환자 명부 내보내기 (사유: 보험 청구)"
    assert one(Action.UPDATE, "destruction_plan:4", "approve first").task == "파기 계획 승인"
    cancelled = one(Action.UPDATE, "destruction_plan:4", "cancel; 사유=기준일 오류로 재작성")
    assert cancelled.task == "파기 계획 취소 (사유: 기준일 오류로 재작성)", cancelled
    fixed = one(Action.UPDATE, "cctv_ledger:3", "corrected_by=4; 사유=카메라 번호 오기")
    assert fixed.task == "CCTV 관리대장 정정 기재 (사유: 카메라 번호 오기)", fixed
    assert fixed.detail == "정정 기록 4번", fixed
    page = one(Action.VIEW, "destruction_plan:4", "items 1-200/489")
    assert (page.task, page.detail) == ("파기 계획 조회", "파기 대상 기록 1–200번째 (전체 489건)"), page
    seen = one(Action.VIEW, P, "destruction_plan:4")
    assert (seen.task, seen.detail) == ("환자 조회", "파기 계획 4번"), seen
    two = one(Action.UPDATE, "setting:destruction-two-person", "on=True; 사유=내부 관리계획 개정")
    assert two.task == "파기 2인 승인 설정 변경 (사유: 내부 관리계획 개정)", two
    assert one(Action.CREATE, "cctv_request:{c}", "-→received").task == "CCTV 열람 청구 접수"
    assert one(Action.UPDATE, "subject_request:{r}", "received→verified").task == "정보주체 요구 처리"
    assert one(Action.VERIFY, "access_log", "checked=2262").task == "접속기록 무결성 검증"
    assert one(Action.VERIFY, "access_log", "checked=2262").detail == "2,262건 확인"
    assert one(Action.VERIFY, "cctv_ledger:*", "problems=0").detail == "문제 없음"
    sep = one(Action.SYSTEM, "lifecycle:retention-run", "separated=0; due=489; held=2; reconciled=0").detail
    assert sep == "분리보관 0건; 보유기간 경과 489건; 보존 조치로 제외 2건; 정리 0건"
    assert one(Action.UPDATE, P, "hold=on").detail == "보존 조치 설정"
    assert one(Action.CREATE, "cctv_ledger:5", "sha256=" + "ab" * 32).detail == "기록 지문 " + "ab" * 6
    backup = one(
        Action.BACKUP,
        "backup:3",
        "manual; file=b.tar; size=1048576; sha256=" + "9a" * 32 + "; head=42; patients=3; 1.2s",
    ).detail
    assert "파일 지문 9a9a9a9a9a9a" in backup and "크기 1.0 MB" in backup and "환자 3명" in backup
    assert one(Action.ACCOUNT_CREATE, A, "role=officer").subject == "육의곤(yook)"
    assert one(Action.ACCOUNT_CREATE, A, "role=officer").detail == "역할: 개인정보 보호책임자"
    printed = one(Action.PRINT, "report:access-log", "AL-2026-0001; 2026. 11.; 10건; 1쪽; 사유=월간 점검")
    assert printed.task == "접속기록 출력 (사유: 월간 점검)" and printed.reason == "월간 점검"
    assert printed.detail == "AL-2026-0001; 2026. 11.; 10건; 1쪽"  # the reason once, in the sentence
    assert one(Action.CREATE, P, "제3자 제공 기록 disclosure:8; basis=law").detail == (
        "제3자 제공 기록 8번; 근거: 다른 법률의 특별한 규정"
    )
    unknown = one("no_such_action", "unknown_kind:3", "strange=1; ok")  # never a crash
    assert unknown.task == "no_such_action" and unknown.detail == "strange: 1; ok"


def test_the_auditor_sees_chart_numbers_and_a_name_shown_is_logged(
    world: tuple[AppContext, dict[str, int]],
) -> None:
    ctx, ids = world
    boss = officer(ctx)
    auditor = actor_for(ctx, "inspector", [AUDITOR])
    ref = f"patient:{ids['p']}"
    with ctx.unit(None) as u:
        u.log(Action.VIEW, ref)
    flt = query.LogFilter(subjects=(ref,), category="look")

    def lookups() -> int:
        with ctx.session() as s:
            return int(
                s.execute(
                    select(func.count())
                    .select_from(AccessLogEntry)
                    .where(
                        AccessLogEntry.detail.like(logview.LOOKUP_DETAIL + "%"),
                        AccessLogEntry.action == Action.VIEW,
                    )
                ).scalar_one()
            )

    seen = logview.page(ctx, auditor, flt)
    assert seen and {r.subject for r in seen} == {"차트 1001"}
    assert lookups() == 0  # nothing resolved to a name: nothing to log
    seen = logview.page(ctx, boss, flt)
    assert {r.subject for r in seen} == {"차트 1001 홍*동"}
    assert lookups() == 1
    with ctx.session() as s:
        last = s.execute(select(AccessLogEntry).order_by(AccessLogEntry.seq.desc()).limit(1)).scalar_one()
    assert (last.subject, last.detail) == ("access_log", "접속기록 대상 확인; 환자 1명")
    assert "홍" not in (last.detail or "")

    assert logview.patient_refs(ctx, auditor, "1001") == (ref,)  # a chart number: yes
    with pytest.raises(ValidationError, match="차트번호로만"):
        logview.patient_refs(ctx, auditor, "홍길동")  # a name: not for the auditor
    assert logview.patient_refs(ctx, boss, "홍길동") == (ref,)  # through the registry's search
    with ctx.session() as s:
        searches = s.execute(
            select(AccessLogEntry.detail, AccessLogEntry.search_kind).where(
                AccessLogEntry.action == Action.SEARCH
            )
        ).all()
    assert ("results=1", "name_prefix") in [tuple(x) for x in searches]
    assert not any("홍길동" in (d or "") for d, _ in searches)


def test_people_filter_takes_names_or_logins(ctx: AppContext) -> None:
    me = officer(ctx)
    assert logview.person_logins(ctx, me, "육의곤") == ("yook",)
    assert logview.person_logins(ctx, me, "yook") == ("yook",)
    assert logview.person_logins(ctx, me, "system") == ("system",)


def test_references_resolve_in_bulk_per_page(world: tuple[AppContext, dict[str, int]]) -> None:
    ctx, _ids = world
    at = clock.now() - dt.timedelta(minutes=1)
    rows = [
        query.LogRow(
            i, at, f"user{i % 7}", "ws", "", Action.VIEW, f"patient:{i}", None, Outcome.OK, f"request={i}"
        )
        for i in range(1, 301)
    ]
    rows += [
        query.LogRow(400 + i, at, "yook", "ws", "", Action.UPDATE, f"acct:{i}", None, Outcome.OK, None)
        for i in range(1, 51)
    ]
    statements: list[Any] = []

    def count(*_a: Any) -> None:
        statements.append(1)

    event.listen(ctx.engine, "before_cursor_execute", count)
    try:
        with ctx.session() as s:
            logview.readable_rows(rows, logview.resolve(s, rows, show_names=False))
    finally:
        event.remove(ctx.engine, "before_cursor_execute", count)
    assert len(statements) <= 10  # one query per kind, not one per row


def test_the_demo_log_reads_as_words_for_the_officer_and_the_auditor(tmp_path: Path) -> None:
    """A whole generated log (accounts, registry, requests, CCTV, disclosures, processors …)."""
    from privdesk.accounts import users
    from privdesk.demo import DEMO_PASSWORD, build_demo
    from privdesk.opening import open_context
    from privdesk.settings import load_settings

    done = build_demo(load_settings(), patients=30, folder=tmp_path / "demo")
    ctx = open_context(done.settings)
    try:
        for login in ("officer", "auditor"):
            me = users.login(ctx, login, DEMO_PASSWORD)
            rows: list[logview.ReadableRow] = []
            before: int | None = None
            while True:
                got = logview.page(ctx, me, query.LogFilter(), before_seq=before, limit=1000)
                rows += got
                if len(got) < 1000:
                    break
                before = got[-1].seq
            assert len({r.action for r in rows}) > 8
            for r in rows:
                for cell in (r.task, r.subject, r.detail, r.account):
                    assert not RAW_REF.search(cell), (r.seq, cell)
                    assert not KEY_VALUE.search(cell), (r.seq, cell)
            named = [r.subject for r in rows if r.subject_ref and r.subject_ref.startswith("patient:")]
            assert named and all(s.startswith("차트 ") for s in named)
            if login == "auditor":
                assert not any("*" in s for s in named)  # chart numbers only
            else:
                assert any("*" in s for s in named)  # masked names for a registry reader
    finally:
        ctx.engine.dispose()
