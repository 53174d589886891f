"""The words of the readable access log (:mod:`privdesk.logview`): what each subject kind,
search kind, state, field and ``key=value`` of the entries the code writes is called in Korean, and the
shapes of the text the entries hold (references ``kind:id``, ``key=value`` pairs, reasons)."""

from __future__ import annotations

import re

from privdesk.audit import query

LOOKUP_DETAIL = "접속기록 대상 확인"
CONSENT_MARK = "동의"  # the consent domain's batch entries end with words naming it (…; 동의 기록 가져오기)
CHUNK = 500
REF = re.compile(r"\b([a-z][a-z_]*):(\d+|\*)")
KEY_VALUE = re.compile(r"([^\W\d][\w.-]*)=(\S*)")
FILTER_ACTORS = re.compile(r"계정=([^,;]+)")
STATE_CHANGE = re.compile(r"^(-|[a-z_]+)→([a-z_]+)$")
NUM = re.compile(r"^-?\d+$")

KIND_NOUNS: dict[str, str] = {
    "patient": "환자",
    "acct": "계정",
    "role": "역할",
    "accounts": "계정 목록",
    "subject_request": "정보주체 요구",
    "subject_requests": "정보주체 요구",
    "correction_notice": "정정 통지",
    "cctv_request": "CCTV 열람 청구",
    "cctv_requests": "CCTV 열람 청구",
    "cctv_camera": "CCTV 카메라",
    "cctv_hold": "CCTV 영상 보존 조치",
    "cctv_provision": "CCTV 영상 제공",
    "cctv_ledger": "CCTV 관리대장",
    "complaint": "민원",
    "complaints": "민원",
    "incident": "유출 사고",
    "incidents": "유출 사고 목록",
    "incident_events": "유출 사고 처리 이력",
    "incident_notices": "유출 통지",
    "disclosure": "제3자 제공 기록",
    "processor": "수탁업체",
    "processor_return": "수탁업체 반환·파기 확인",
    "subprocessor": "재수탁업체",
    "destruction_plan": "파기 계획",
    "destruction_ledger": "파기 관리대장",
    "lifecycle_file": "개인정보파일",
    "lifecycle_holds": "법적 보존 조치",
    "lifecycle": "보유기간 관리",
    "setting": "설정",
    "integrity_events": "무결성 점검 기록",
    "access_log": query.SUBJECT_LABEL,
    "archive": "접속기록 보관 파일",
    "backup": "백업",
    "permission_history": "권한 변경 기록",
    "report": "출력물",
    "key": "키",
    "intake": "진료 접수",
    "external": "외부 정보주체",
    "form": "서식",
    "access_review": "접속기록 점검",
    "review": "접속기록 점검",
    "policy": "개인정보 처리방침",
    "policy_versions": "개인정보 처리방침 판",
    "consent": "동의 기록",
    "consent_text": "동의서 문안",
    "training": "개인정보 보호 교육",
    "notice": "이용·제공 내역 통지",
}

REPORT_NAMES: dict[str, str] = {
    "access-log": "접속기록",
    "permission-history": "권한 변경 기록",
    "cctv-ledger": "CCTV 관리대장",
    "disclosure-ledger": "제3자 제공 대장",
    "destruction-ledger": "파기 관리대장",
    "processors": "수탁업체 현황",
    "recovery-sheet": "키 복구 용지",
    "access-review": "접속기록 점검 결과",
    "training": "개인정보 보호 교육 실시 결과",
}

SEARCH_KINDS: dict[str, str] = {
    "all": "전체 목록",
    "chosung": "초성",
    "name_prefix": "이름",
    "chart_no": "차트번호",
    "rrn": "주민등록번호",
    "phone": "전화번호",
    "phone_last4": "전화번호 뒤 4자리",
    "birth_date": "생년월일",
    "export": "내보내기 기록",
    "account": "계정별 접근 기록",
    "consent": "동의한 환자 목록",
}

STATES: dict[str, str] = {
    "received": "접수",
    "verified": "본인 확인",
    "in_progress": "처리 중",
    "extended": "기간 연장",
    "completed": "완료",
    "partly_completed": "일부 완료",
    "refused": "거절",
    "withdrawn": "취하",
    "approved": "승인",
    "partly_approved": "일부 승인",
    "closed": "종결",
}

FIELDS: dict[str, str] = {
    "name": "이름",
    "rrn": "주민등록번호",
    "phones": "전화번호",
    "address": "주소",
    "chart_no": "차트번호",
    "birth_date": "생년월일",
    "sex": "성별",
    "first_visit": "최초 내원일",
    "last_visit": "최종 내원일",
    "number": "번호",
    "location": "설치 위치",
    "area": "촬영 범위",
    "purpose": "목적",
    "status": "상태",
    "contract_start": "계약 시작일",
    "contract_end": "계약 종료일",
    "contact": "연락처",
    "last_check": "최근 점검일",
    "check_note": "점검 내용",
    "task": "위탁 업무",
    "items": "항목",
    "retention_years": "보유기간",
    "retention_note": "보유기간 메모",
    "retention_basis": "보유 근거",
    "department": "부서",
}

WORDS: dict[str, str] = {
    "demo": "견본 데이터",
    "inbox": "요구 목록",
    "list": "목록",
    "answer": "답변 등록",
    "closed": "종결",
    "cancel": "취소",
    "manual": "관리자 조치",
    "recover": "계정 복구",
    "gui": "프로그램 화면",
    "cli": "명령줄",
    "reauth": "다시 인증",
    "locked": "잠긴 계정",
    "proof": "계정 기록 무결성 확인 실패",
    "masked": "마스킹된 값",
    "unmasked": "마스킹 해제된 값",
    "consent-use": "동의 범위 내 이용",
    "separated": "분리보관 기록",
    "legal_holds": "법적 보존 조치",
    "correction notices": "정정 통지 목록",
    "start page": "시작 화면",
    "homepage notice": "홈페이지 게시문",
    "letters": "통지 우편",
    "sms csv": "문자 발송용 CSV",
    "auto": "자동",
    "end": "종료",
    "finished": "완료",
    "all": "전체",
    "check_digit_warning_accepted": "주민등록번호 검증 숫자 경고를 확인하고 등록",
    "execute start": "실행 시작",
    "executed": "실행 완료",
    "incident": "유출 사고 대상 찾기",
    "deactivate": "계정 비활성화",
    "requester only (본인 확인 전)": "요구인 정보만 (본인 확인 전)",
    "cancelled": "취소됨",
    "wrong recovery code": "복구 코드 틀림",
    "execute stopped before any deletion; approved again": "삭제 전에 실행 중단, 다시 승인 상태",
    "provision": "영상 제공",
    "daily": "정기",
    "execute stopped before any deletion": "삭제 전에 실행 중단",
    "approved again": "다시 승인 상태로",
    "retention_note": "보유기간 메모 변경",
}

KEYS: dict[str, str] = {
    "rows": "{n}건 표시",
    "results": "결과 {n}건",
    "found": "결과 {n}건",
    "checked": "{n}건 확인",
    "separated": "분리보관 {n}건",
    "due": "보유기간 경과 {n}건",
    "held": "보존 조치로 제외 {n}건",
    "reconciled": "정리 {n}건",
    "imported": "가져옴 {n}건",
    "rejected": "거부 {n}건",
    "skipped": "건너뜀 {n}건",
    "warnings": "경고 {n}건",
    "entries": "{n}건",
    "patients": "환자 {n}명",
    "people": "정보주체 {n}명",
    "records": "대상 {n}건",
    "excluded": "제외 {n}건",
    "destroyed": "파기 {n}건",
    "cameras": "카메라 {n}대",
    "intakes": "진료 접수 {n}건",
    "seed": "처음 등록 {n}건",
    "holds": "보존 조치 {n}건",
    "size": "{size}",
}


CATEGORY_LABELS: dict[str, str] = {code: text for code, text, _ in query.CATEGORIES}


def category_of(action: str) -> str:
    """The Korean kind of action (조회·검색, 마스킹 해제 …) of one action code."""
    for _code, text, members in query.CATEGORIES:
        if action in members:
            return text
    return query.action_label(action)


def kind_of(subject: str | None) -> str:
    if not subject:
        return ""
    return subject.split(":", 1)[0]


def ident_of(subject: str | None) -> str:
    if not subject or ":" not in subject:
        return ""
    return subject.split(":", 1)[1]


REASON_AT = re.compile(r"(?:^|;\s*)(?:사유|reason)=")


def split_reason(detail: str | None) -> tuple[str, str | None]:
    """``detail`` without its reason, and the reason. The one form (``…; 사유=<text>``) ends the
    detail; the older ``reason=<text>`` may be followed by ``; more`` (kept in the detail)."""
    if not detail:
        return "", None
    m = REASON_AT.search(detail)
    if m is None:
        return detail, None
    head, rest = detail[: m.start()], detail[m.end() :]
    if m.group(0).lstrip("; ").startswith("reason=") and "; " in rest:
        rest, _, tail = rest.partition("; ")
        head = f"{head}; {tail}" if head else tail
    return head, rest.strip() or None
