"""The action as a Korean sentence (:mod:`privdesk.logview`): 환자 조회, 환자 검색(주민등록번호),
주민등록번호·연락처 마스킹 해제, 환자 명부 내보내기 (사유: …), 파기 계획 승인, CCTV 열람 청구 접수 … built from the
entry's action, subject kind and detail; anything unknown falls back to the plain action label."""

from __future__ import annotations

from privdesk.audit import batches, query
from privdesk.audit.chain import Action
from privdesk.logview.terms import (
    CONSENT_MARK,
    KIND_NOUNS,
    LOOKUP_DETAIL,
    REPORT_NAMES,
    SEARCH_KINDS,
    STATE_CHANGE,
    ident_of,
    kind_of,
    split_reason,
)


def task_words(r: query.LogRow) -> str:
    """The action as a Korean sentence (환자 조회, 주민등록번호 마스킹 해제, 파기 계획 승인 …)."""
    a, kind, ident = r.action, kind_of(r.subject), ident_of(r.subject)
    detail, reason = split_reason(r.detail)
    with_why = f" (사유: {reason})" if reason else ""
    fixed = query.action_label(a)
    if a in (
        Action.LOGIN,
        Action.LOGIN_FAILED,
        Action.LOGOUT,
        Action.LOCK,
        Action.UNLOCK,
        Action.IDLE_LOCK,
        Action.PASSWORD_CHANGE,
        Action.PASSWORD_RESET,
        Action.ACCOUNT_CREATE,
        Action.PERMISSION_DENIED,
        Action.INIT,
    ):
        if a == Action.LOCK and detail.startswith("로그인"):
            return "계정 자동 잠금"
        if a == Action.UNLOCK and detail == "recover":
            return "계정 복구(잠금 해제)"
        return fixed
    if a == Action.ACCOUNT_UPDATE:
        return "계정 비활성화" if detail.startswith("deactivate") else "계정 변경"
    if a == Action.ROLE_CHANGE:
        return "역할 권한 변경" if kind == "role" else "계정 역할 변경"
    if a == Action.SEARCH:
        what = {
            "incident": "유출 사고 대상 찾기",
            "incidents": "유출 사고 목록 검색",
            "consent": "동의한 환자 목록 검색",
        }.get(kind)
        if what is None:
            what = "환자 검색"
            if "제3자 제공" in detail:
                what = "제3자 제공 대상 환자 검색"
        sk = SEARCH_KINDS.get(r.search_kind or "", r.search_kind or "")
        return f"{what}({sk})" if sk else what
    if a == Action.UNMASK:
        if kind == "patient":
            if "열람 답변" in detail:
                return "열람 답변 개인정보 마스킹 해제" + with_why
            if "via " in detail:
                return "민원 관련 환자 개인정보 마스킹 해제" + with_why
            return "주민등록번호·연락처 마스킹 해제" + with_why
        noun = {
            "subject_request": "정보주체 요구 연락처",
            "cctv_request": "CCTV 열람 청구인 연락처",
            "complaint": "민원인 연락처",
        }.get(kind, "개인정보")
        return f"{noun} 마스킹 해제{with_why}"
    if a == Action.EXPORT:
        if kind == "patient":
            return f"환자 명부 내보내기{with_why}"
        if kind == "access_log":
            return f"접속기록 내보내기{with_why}"
        if kind == "incident":
            return f"유출 통지 문자 명단 내보내기{with_why}"
        if kind == "disclosure":
            return f"제3자 제공 대장 내보내기{with_why}"
        return f"{KIND_NOUNS.get(kind, '자료')} 내보내기{with_why}"
    if a == Action.PRINT:
        if kind == "report":
            return f"{REPORT_NAMES.get(ident, '기록')} 출력{with_why}"
        if kind == "key":
            return f"{REPORT_NAMES.get(ident, '키 용지')} 출력{with_why}"
        if kind == "patient":
            return f"유출 통지문 출력{with_why}"
        if kind == "incidents":
            return f"유출 사고 대장 출력{with_why}"
        if kind == "destruction_plan":
            return f"파기 확인서 출력{with_why}"
        return f"{KIND_NOUNS.get(kind, '기록')} 서류 출력{with_why}"
    if a == Action.VERIFY:
        if kind == "access_log":
            return "접속기록 무결성 검증"
        if kind == "archive":
            return "접속기록 보관 파일 검증"
        if kind == "incidents":
            return "유출 사고 대장 무결성 검증"
        return f"{KIND_NOUNS.get(kind, '기록')} 무결성 검증"
    if a == Action.ARCHIVE:
        return "접속기록 보관(아카이브)"
    if a in (Action.BACKUP, Action.RESTORE):
        if a == Action.BACKUP and detail.startswith("rotated away"):
            return "오래된 백업 정리"
        if kind == "destruction_plan":
            return "파기 후 백업 정리"
        return "백업" if a == Action.BACKUP else "백업에서 복원"
    if a == Action.INTEGRITY:
        return "무결성 위반 발견·확인 기록"
    if a == Action.SYSTEM:
        if kind == "lifecycle":
            return "보유기간 자동 점검(분리보관)"
        if kind == "destruction_plan":
            return "파기 후 남은 흔적 정리"
        return fixed
    if a == Action.IMPORT:
        if r.subject == batches.SUBJECT:
            what = "동의 기록 가져오기" if CONSENT_MARK in detail else "환자 명부 가져오기"
            return f"{what} ({batches.count_of(r.subject, r.detail):,}명)"
        return "환자 명부 가져오기" if kind in ("", "patient") else f"{KIND_NOUNS.get(kind, '자료')} 가져오기"
    if a == Action.VIEW:
        if r.subject == batches.SUBJECT:
            n = batches.count_of(r.subject, r.detail)
            return f"동의한 환자 목록 조회 ({n:,}명)" if CONSENT_MARK in detail else f"환자 {n:,}명 조회"
        if kind == "access_log":
            return "접속기록 대상 환자 확인" if detail.startswith(LOOKUP_DETAIL) else "접속기록 조회"
        if kind == "patient":
            if "열람 답변" in detail:
                return "열람 답변 작성을 위한 환자 조회"
            if "separated" in detail:
                return "분리보관 기록 조회"
            if "legal_holds" in detail:
                return "환자 법적 보존 조치 조회"
            if "제3자 제공" in detail:
                return "환자 제3자 제공 이력 조회"
            if detail.startswith("동의 기록 조회"):
                return "환자 동의 기록 조회"
            return "환자 조회"
        if kind == "lifecycle":
            return "보유기간 현황 조회"
        if kind in ("accounts", "incidents", "permission_history"):
            return f"{KIND_NOUNS[kind]} 조회"
        if ident == "*":
            return f"{KIND_NOUNS.get(kind, kind)} 목록 조회"
        return f"{KIND_NOUNS.get(kind, '기록')} 조회"
    if a == Action.CREATE:
        return _create_words(kind, ident, detail)
    if a == Action.UPDATE:
        return _update_words(kind, detail) + with_why
    if a == Action.DELETE:
        return "환자 기록 파기" if kind == "patient" else f"{KIND_NOUNS.get(kind, '기록')} 삭제"
    return fixed


def _create_words(kind: str, ident: str, detail: str) -> str:
    if kind == "patient":
        if detail.startswith("intake:"):
            return "진료 접수 등록"
        if "제3자 제공" in detail or "목적 외" in detail:
            return "환자 제3자 제공 기록"
        if detail.startswith("동의 기록 consent:"):
            return "환자 동의 기록"
        if detail.startswith("동의 철회 consent:"):
            return "환자 동의 철회 기록"
        return "환자 등록"
    if kind == "consent_text":
        return "동의서 문안 게시" if "게시" in detail else "동의서 문안 초안 작성"
    special = {
        "cctv_request": "CCTV 열람 청구 접수",
        "subject_request": "정보주체 요구 접수",
        "complaint": "민원 접수",
        "incident": "유출 사고 등록",
        "cctv_hold": "CCTV 영상 보존 조치",
        "cctv_provision": "CCTV 영상 제공 기록",
        "cctv_ledger": "CCTV 관리대장 기록",
        "disclosure": "제3자 제공 대장 기록",
        "destruction_plan": "파기 계획 작성",
        "destruction_ledger": "파기 관리대장 기록",
        "processor_return": "수탁업체 반환·파기 확인 기록",
        "incident_events": "유출 사고 처리 이력 기록",
        "incident_notices": "유출 통지 기록",
        "integrity_events": "무결성 점검 기록",
    }
    if kind in special:
        return special[kind]
    if ident == "*":
        return f"{KIND_NOUNS.get(kind, kind)} 처음 등록"
    return f"{KIND_NOUNS.get(kind, '기록')} 등록"


def _update_words(kind: str, detail: str) -> str:
    if kind == "destruction_plan":
        if detail.startswith("approve"):
            return "파기 계획 승인"
        if detail == "cancel" or detail.startswith("cancel;"):
            return "파기 계획 취소"
        if detail.startswith("execute start"):
            return "파기 실행 시작"
        if detail.startswith("executed"):
            return "파기 실행 완료"
        if detail.startswith("execute stopped"):
            return "파기 실행 중단"
        return "파기 계획 변경"
    if kind == "patient":
        if "legal_hold=" in detail:
            return "법적 보존 조치 해제" if " off" in detail else "법적 보존 조치 설정"
        if detail.startswith("hold="):
            return "환자 기록 보존 조치 해제" if detail == "hold=off" else "환자 기록 보존 조치 설정"
        if detail.startswith("subject_flag"):
            return "정보주체 요구에 따른 처리 제한 표시"
        if detail.startswith("분리보관 해제"):
            return "분리보관 해제(복원)"
        if "분리보관" in detail or detail.startswith("separat"):
            return "분리보관"
        return "환자 정보 변경"
    if kind in ("subject_request", "cctv_request"):
        noun = KIND_NOUNS[kind]
        if detail.startswith("correction notice"):
            return "정정 통지 발송"
        if "→" in detail:
            m = STATE_CHANGE.match(detail.strip())
            if m and m.group(2) in ("completed", "partly_completed", "refused", "withdrawn", "closed"):
                return f"{noun} 처리 완료"
            return f"{noun} 처리"
        return f"{noun} 변경"
    if kind == "complaint":
        return {"answer": "민원 답변", "closed": "민원 종결"}.get(detail, "민원 처리")
    if kind == "incident":
        if detail.endswith("closed"):
            return "유출 사고 종결"
        if "affected" in detail:
            return "유출 사고 정보주체 변경"
        return "유출 사고 변경"
    if kind == "cctv_hold":
        return "CCTV 영상 보존 조치 종료"
    if kind == "processor":
        if detail.startswith("active="):
            return "수탁업체 사용 재개" if detail == "active=on" else "수탁업체 사용 중지"
        if detail.startswith("checklist"):
            return "수탁업체 점검표 기록"
        if detail.startswith("subprocessor"):
            return "재수탁업체 변경"
        if "processor_return" in detail:
            return "수탁업체 반환·파기 확인"
        return "수탁업체 정보 변경"
    if kind == "acct":
        return "알림 확인"
    if kind == "setting":
        return "파기 2인 승인 설정 변경"
    if kind == "cctv_ledger" and detail.startswith("corrected_by="):
        return "CCTV 관리대장 정정 기재"
    if kind == "lifecycle_file":
        return "보유기간 규칙 변경"
    return f"{KIND_NOUNS.get(kind, '기록')} 변경"
