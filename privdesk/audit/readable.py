"""The access log as people read it (읽을 수 있는 접속기록): screen, CSV and printed listing.

The chain stores what the code wrote — ``acct:5``, ``patient:623``, ``problems=0``,
``separated=0; due=489``, ``sha256=…`` — and that stays as it is (the chain is never rewritten).
:func:`readable_rows` turns a page of :class:`~privdesk.audit.query.LogRow` into
:class:`ReadableRow`: the account's name and department beside its ID (이름(ID)), the action as a
Korean sentence built from (action, subject kind, detail), the subject in words (a chart number, a
request's reception number, an account's name …) and the details in words (문제 없음, 2,262건 확인,
사유: …). References are resolved in bulk, one query per kind per page, never per row.

A patient subject shows the chart number and the masked name (홍*동) only to an account that may
read the registry (:attr:`Permission.PATIENT_READ`), and that look is itself logged: one ``view``
entry per page (subject ``access_log``, detail ``접속기록 대상 확인; 환자 N명`` — no personal data).
The auditor sees chart numbers only. An action, subject kind or detail this module does not know
falls back to the plain action label and the text as written, never an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from privdesk import clock, files
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import ROLE_NAMES, Permission
from privdesk.accounts.permissions import label as permission_label
from privdesk.audit import query
from privdesk.audit.chain import Action, Outcome
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Actor, AppContext, Unit, permissions_of
from privdesk.errors import ValidationError
from privdesk.files import Output
from privdesk.personal import mask_name
from privdesk.store.models import AccessLogEntry, Account

LOOKUP_DETAIL = "접속기록 대상 확인"
PATIENT_FILTER_LIMIT = 50
_CHUNK = 500
_REF = re.compile(r"\b([a-z][a-z_]*):(\d+|\*)")
_KEY_VALUE = re.compile(r"([^\W\d][\w.-]*)=(\S*)")
_FILTER_ACTORS = re.compile(r"계정=([^,;]+)")
_STATE_CHANGE = re.compile(r"^(-|[a-z_]+)→([a-z_]+)$")
_NUM = re.compile(r"^-?\d+$")

# -- what the words are ----------------------------------------------------------------------------

KIND_NOUNS: dict[str, str] = {
    "patient": "환자", "acct": "계정", "role": "역할", "accounts": "계정 목록",
    "subject_request": "정보주체 요구", "subject_requests": "정보주체 요구",
    "correction_notice": "정정 통지",
    "cctv_request": "CCTV 열람 청구", "cctv_requests": "CCTV 열람 청구", "cctv_camera": "CCTV 카메라",
    "cctv_hold": "CCTV 영상 보존 조치", "cctv_provision": "CCTV 영상 제공", "cctv_ledger": "CCTV 관리대장",
    "complaint": "민원", "complaints": "민원", "incident": "유출 사고", "incidents": "유출 사고 목록",
    "incident_events": "유출 사고 처리 이력", "incident_notices": "유출 통지",
    "disclosure": "제3자 제공 기록", "processor": "수탁업체", "processor_return": "수탁업체 반환·파기 확인",
    "subprocessor": "재수탁업체",
    "destruction_plan": "파기 계획", "destruction_ledger": "파기 관리대장", "lifecycle_file": "개인정보파일",
    "lifecycle_holds": "법적 보존 조치", "lifecycle": "보유기간 관리", "setting": "설정",
    "integrity_events": "무결성 점검 기록", "access_log": query.SUBJECT_LABEL, "archive": "접속기록 보관 파일",
    "backup": "백업", "permission_history": "권한 변경 기록", "report": "출력물", "key": "키",
    "intake": "진료 접수", "external": "외부 정보주체", "form": "서식",
}

REPORT_NAMES: dict[str, str] = {
    "access-log": "접속기록", "permission-history": "권한 변경 기록", "cctv-ledger": "CCTV 관리대장",
    "disclosure-ledger": "제3자 제공 대장", "destruction-ledger": "파기 관리대장", "processors": "수탁업체 현황",
    "recovery-sheet": "키 복구 용지", "access-review": "접속기록 점검 결과",
}

VERBS: dict[str, str] = {
    Action.VIEW: "조회", Action.SEARCH: "검색", Action.CREATE: "등록", Action.UPDATE: "변경",
    Action.DELETE: "파기", Action.PRINT: "출력", Action.EXPORT: "내보내기", Action.IMPORT: "가져오기",
    Action.UNMASK: "마스킹 해제", Action.VERIFY: "무결성 검증", Action.ARCHIVE: "보관",
    Action.BACKUP: "백업", Action.RESTORE: "복원", Action.SYSTEM: "자동 처리", Action.INTEGRITY: "무결성 점검 기록",
}

SEARCH_KINDS: dict[str, str] = {
    "all": "전체 목록", "chosung": "초성", "name_prefix": "이름", "chart_no": "차트번호", "rrn": "주민등록번호",
    "phone": "전화번호", "phone_last4": "전화번호 뒤 4자리", "birth_date": "생년월일", "export": "내보내기 기록",
    "account": "계정별 접근 기록",
}

STATES: dict[str, str] = {
    "received": "접수", "verified": "본인 확인", "in_progress": "처리 중", "extended": "기간 연장",
    "completed": "완료", "partly_completed": "일부 완료", "refused": "거절", "withdrawn": "취하",
    "approved": "승인", "partly_approved": "일부 승인", "closed": "종결",
}

FIELDS: dict[str, str] = {
    "name": "이름", "rrn": "주민등록번호", "phones": "전화번호", "address": "주소", "chart_no": "차트번호",
    "birth_date": "생년월일", "sex": "성별", "first_visit": "최초 내원일", "last_visit": "최종 내원일",
    "number": "번호", "location": "설치 위치", "area": "촬영 범위", "purpose": "목적", "status": "상태",
    "contract_start": "계약 시작일", "contract_end": "계약 종료일", "contact": "연락처", "last_check": "최근 점검일",
    "check_note": "점검 내용", "task": "위탁 업무", "items": "항목", "retention_years": "보유기간",
    "retention_note": "보유기간 메모", "retention_basis": "보유 근거", "department": "부서",
}

WORDS: dict[str, str] = {
    "demo": "견본 데이터", "inbox": "요구 목록", "list": "목록", "answer": "답변 등록", "closed": "종결",
    "cancel": "취소", "manual": "관리자 조치", "recover": "계정 복구", "gui": "프로그램 화면", "cli": "명령줄",
    "reauth": "다시 인증", "locked": "잠긴 계정", "proof": "계정 기록 무결성 확인 실패",
    "masked": "마스킹된 값", "unmasked": "마스킹 해제된 값", "consent-use": "동의 범위 내 이용",
    "separated": "분리보관 기록", "legal_holds": "법적 보존 조치", "correction notices": "정정 통지 목록",
    "start page": "시작 화면", "homepage notice": "홈페이지 게시문", "letters": "통지 우편",
    "sms csv": "문자 발송용 CSV", "auto": "자동", "end": "종료", "finished": "완료", "all": "전체",
    "check_digit_warning_accepted": "주민등록번호 검증 숫자 경고를 확인하고 등록", "execute start": "실행 시작",
    "executed": "실행 완료", "incident": "유출 사고 대상 찾기", "deactivate": "계정 비활성화",
    "requester only (본인 확인 전)": "요구인 정보만 (본인 확인 전)", "cancelled": "취소됨", "wrong recovery code": "복구 코드 틀림",
    "execute stopped before any deletion; approved again": "삭제 전에 실행 중단, 다시 승인 상태",
}

KEYS: dict[str, str] = {
    "rows": "{n}건 표시", "results": "결과 {n}건", "found": "결과 {n}건", "checked": "{n}건 확인",
    "separated": "분리보관 {n}건", "due": "보유기간 경과 {n}건", "held": "보존 조치로 제외 {n}건",
    "reconciled": "정리 {n}건", "imported": "가져옴 {n}건", "rejected": "거부 {n}건", "skipped": "건너뜀 {n}건",
    "warnings": "경고 {n}건", "entries": "{n}건", "patients": "환자 {n}명", "people": "정보주체 {n}명",
    "records": "대상 {n}건", "excluded": "제외 {n}건", "destroyed": "파기 {n}건", "cameras": "카메라 {n}대",
    "intakes": "진료 접수 {n}건", "seed": "처음 등록 {n}건", "holds": "보존 조치 {n}건", "size": "{size}",
}


CATEGORY_LABELS: dict[str, str] = {code: text for code, text, _ in query.CATEGORIES}


def category_of(action: str) -> str:
    """The Korean kind of action (조회·검색, 마스킹 해제 …) of one action code."""
    for _code, text, members in query.CATEGORIES:
        if action in members:
            return text
    return query.action_label(action)


# -- the readable row ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadableRow:
    """One access-log entry in words. ``actor`` and ``subject_ref`` keep the raw references (for
    the CSV's machine columns); everything else is display text."""

    seq: int
    at: dt.datetime           # aware, UTC
    actor: str                # login
    account: str              # 이름(ID)
    department: str
    workstation: str
    ip: str
    action: str               # code
    category: str             # 조회·검색 …
    task: str                 # the sentence: 환자 조회, 파기 계획 승인 …
    subject: str              # the subject in words
    detail: str               # the details in words
    outcome: str              # 성공 / 거부 / 실패
    outcome_code: str
    subject_ref: str | None
    reason: str | None

    @property
    def account_text(self) -> str:
        """``이름(ID) · 부서`` (the screen's 계정 column)."""
        return f"{self.account} · {self.department}" if self.department else self.account


@dataclass
class Resolver:
    """The references of one page, resolved in one query per kind (see :func:`resolve`)."""

    people: People = field(default_factory=People)
    accounts: dict[int, str] = field(default_factory=dict)          # acct id → login
    patients: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # id → (chart, name, status)
    numbers: dict[tuple[str, int], str] = field(default_factory=dict)        # (kind, id) → number / name
    show_names: bool = False
    named: set[int] = field(default_factory=set)                    # patients shown with a name

    def account(self, ident: int) -> str:
        login = self.accounts.get(ident)
        return self.people.label(login) if login else f"계정 {ident}번"

    def patient(self, ident: int) -> str:
        got = self.patients.get(ident)
        if got is None:
            return f"환자 기록 {ident}번"
        chart, name, status = got
        if chart.startswith("~") or status == "destroyed":
            return f"파기된 환자 기록 ({ident}번)"
        if status == "separated":
            return f"분리보관 기록 (차트 {chart})"
        if self.show_names and name:
            self.named.add(ident)
            return f"차트 {chart} {mask_name(name)}"
        return f"차트 {chart}"

    def ref(self, kind: str, ident: str) -> str:
        """One reference (``kind:id``) in words."""
        noun = KIND_NOUNS.get(kind, kind)
        if ident == "*":
            return noun
        n = int(ident)
        if kind == "patient":
            return self.patient(n)
        if kind == "acct":
            return self.account(n)
        number = self.numbers.get((kind, n))
        if number:
            return f"{noun} {number}"
        return f"{noun} 제{n}호"


def _refs(rows: Sequence[query.LogRow]) -> dict[str, set[int]]:
    wanted: dict[str, set[int]] = {}
    for r in rows:
        for text in (r.subject or "", r.detail or ""):
            for kind, ident in _REF.findall(text):
                if ident != "*":
                    wanted.setdefault(kind, set()).add(int(ident))
        for kind, ident in _detail_refs(r):
            wanted.setdefault(kind, set()).add(ident)
    return wanted


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    s = sorted(ids)
    for i in range(0, len(s), _CHUNK):
        yield s[i:i + _CHUNK]


def resolve(session: Session, rows: Sequence[query.LogRow], *, show_names: bool) -> Resolver:
    """Look up every reference of ``rows`` (accounts, patients, requests …), one query per kind."""
    from privdesk.cctv.models import CctvCamera, CctvRequest
    from privdesk.complaints.models import Complaint
    from privdesk.disclosures.models import Processor
    from privdesk.incidents.models import Incident
    from privdesk.registry.models import Patient
    from privdesk.rights.models import SubjectRequest

    wanted = _refs(rows)
    res = Resolver(show_names=show_names)
    logins: set[str] = {r.actor for r in rows}
    for r in rows:
        if r.subject == query.SUBJECT:
            for m in _FILTER_ACTORS.finditer(r.detail or ""):
                logins.update(m.group(1).strip().split("|"))
    for part in _chunks(wanted.get("acct", ())):
        for ident, login in session.execute(select(Account.id, Account.login).where(Account.id.in_(part))):
            res.accounts[int(ident)] = login
            logins.add(login)
    res.people = people(session, logins)
    for part in _chunks(wanted.get("patient", ())):
        stmt = select(Patient.id, Patient.chart_no, Patient.name, Patient.status).where(Patient.id.in_(part))
        for ident, chart, name, status in session.execute(stmt):
            res.patients[int(ident)] = (chart, name if show_names else "", status)
    dated = (("subject_request", SubjectRequest, "DR"), ("cctv_request", CctvRequest, "CR"),
             ("complaint", Complaint, "CP"))
    for kind, model, prefix in dated:
        for part in _chunks(wanted.get(kind, ())):
            for ident, at in session.execute(select(model.id, model.received_at).where(model.id.in_(part))):
                res.numbers[(kind, int(ident))] = f"{prefix}-{clock.to_kst(at).year}-{int(ident):04d}"
    named: tuple[tuple[str, Any, Any], ...] = (
        ("incident", Incident.id, Incident.number), ("cctv_camera", CctvCamera.id, CctvCamera.number),
        ("processor", Processor.id, Processor.name))
    for kind, key, column in named:
        for part in _chunks(wanted.get(kind, ())):
            for ident, number in session.execute(select(key, column).where(key.in_(part))):
                res.numbers[(kind, int(ident))] = str(number)
    return res


# -- details in words ------------------------------------------------------------------------------

_DETAIL_REF_KEYS: dict[tuple[str, str], str] = {
    ("cctv_hold", "request"): "cctv_request", ("cctv_provision", "request"): "cctv_request",
    ("patient", "request"): "subject_request", ("", "request"): "subject_request",
    ("destruction_plan", "ledger"): "destruction_ledger",
}


def _kind(subject: str | None) -> str:
    if not subject:
        return ""
    return subject.split(":", 1)[0]


def _ident(subject: str | None) -> str:
    if not subject or ":" not in subject:
        return ""
    return subject.split(":", 1)[1]


def _detail_refs(r: query.LogRow) -> Iterator[tuple[str, int]]:
    kind = _kind(r.subject)
    for key, value in _KEY_VALUE.findall(r.detail or ""):
        target = _DETAIL_REF_KEYS.get((kind, key)) or (_DETAIL_REF_KEYS.get(("", key)) if key == "request" else None)
        if target and _NUM.match(value):
            yield target, int(value)


def _count(value: str) -> str:
    try:
        return f"{int(value):,}"
    except ValueError:
        return value


def _size(value: str) -> str:
    try:
        n = int(value)
    except ValueError:
        return value
    if n >= 1024 * 1024:
        return f"크기 {n / 1024 / 1024:,.1f} MB"
    if n >= 1024:
        return f"크기 {n / 1024:,.1f} KB"
    return f"크기 {n:,}바이트"


def _list(value: str, names: dict[str, str]) -> str:
    items = [v for v in value.split(",") if v]
    return "·".join(names.get(v, v) for v in items) or "없음"


def _pair(key: str, value: str, kind: str, res: Resolver) -> str:
    """One ``key=value`` in words."""
    if key in KEYS:
        if key == "size":
            return _size(value)
        return KEYS[key].format(n=_count(value))
    if key == "problems":
        return "문제 없음" if value == "0" else f"문제 {_count(value)}건"
    if key in ("sha256",):
        return f"파일 지문 {value[:12]}"
    if key == "hold":
        return "보존 조치 설정" if value == "on" else "보존 조치 해제"
    if key == "active":
        return "사용 재개" if value == "on" else "사용 중지"
    if key == "on":
        return "켬" if value in ("True", "on", "1") else "끔"
    if key in ("file", "파일", "archive"):
        return f"파일 {value}"
    if key == "head":
        return f"접속기록 {_count(value)}번까지"
    if key == "before":
        return f"{value} 이전"
    if key == "seq":
        if "-" in value:
            a, _, b = value.partition("-")
            return f"{_count(a)}번~{_count(b)}번"
        return f"접속기록 {_count(value)}번"
    if key == "first_bad_seq":
        return f"처음 문제 {_count(value)}번" if value not in ("None", "") else ""
    if key == "fields":
        return f"바뀐 항목: {_list(value, FIELDS)}"
    if key == "checklist":
        return f"점검 항목 {len([v for v in value.split(',') if v])}개"
    if key == "subprocessor":
        return "재수탁업체 추가" if value == "add" else "재수탁업체 종료"
    if key in ("roles", "role"):
        return f"역할: {_list(value, dict(ROLE_NAMES))}"
    if key == "number":
        return f"번호 {value}"
    if key == "kind":
        from privdesk.cctv.retention import HOLD_REASON_LABELS

        return f"사유 종류: {HOLD_REASON_LABELS.get(value, value)}"
    if key == "method":
        return f"방법: {value}"
    if key == "basis":
        from privdesk.disclosures.bases import BASES

        basis = BASES.get(value)
        return f"근거: {basis.label if basis else value}"
    if key == "profile":
        return f"병원: {value}"
    if key == "account":
        return f"계정 {res.people.label(value) if value in res.people else value}"
    if key == "open_only":
        return "진행 중만" if value == "True" else "전체"
    if key == "year":
        return "" if value in ("-", "") else f"{value}년"
    if key == "released":
        return "해제 포함" if value == "True" else ""
    if key == "legal_hold":
        return f"법적 보존 조치 {value}번"
    if key == "ledger":
        return res.ref("destruction_ledger", value) if _NUM.match(value) else value
    if key == "request":
        target = _DETAIL_REF_KEYS.get((kind, key)) or "subject_request"
        return res.ref(target, value) if _NUM.match(value) else value
    if key == "stopped":
        return f"오류로 중단 ({value})"
    if key == "os_user":
        return f"OS 사용자 {value}"
    if key == "made":
        return f"백업 시각 {value}"
    if key == "expires":
        return f"만료 {value}"
    return f"{FIELDS.get(key, key)}: {value}"


def _segment(seg: str, kind: str, res: Resolver) -> str:
    seg = seg.strip()
    if not seg:
        return ""
    if seg in WORDS:
        return WORDS[seg]
    m = _STATE_CHANGE.match(seg)
    if m:
        a, b = m.groups()
        return f"{STATES.get(b, b)}" if a == "-" else f"{STATES.get(a, a)} → {STATES.get(b, b)}"
    if seg.startswith("period "):
        return "기간 " + seg.removeprefix("period ")
    if seg.startswith("approve "):
        return {"first": "1차 승인", "second": "2차 승인", "final": "승인"}.get(seg.removeprefix("approve "), "승인")
    if seg.startswith("retention-check "):
        return f"{seg.removeprefix('retention-check ')} 보존기간 점검"
    if seg.startswith("register "):
        return f"{seg.removeprefix('register ')}년 대장"
    if seg.startswith("rotated away: "):
        return f"오래된 백업 정리: {seg.removeprefix('rotated away: ')}"
    if seg.startswith("linked "):
        return f"{seg.removeprefix('linked ')}와 연결"
    if seg.startswith("via "):
        return f"{_words_refs(seg.removeprefix('via '), res)}를 통해"
    if seg.startswith("subject_flag "):
        return "정보주체 요구에 따른 처리 제한 표시"
    m = re.match(r"^notice (\d+) acknowledged \((\w+)\)$", seg)
    if m:
        return f"알림 {m.group(1)}번 확인"
    m = re.match(r"^correction notice (\d+) sent$", seg)
    if m:
        return f"정정 통지 {m.group(1)}번 발송"
    m = re.match(r"^affected ([+-])(\d+)(?: \((\w+)\))?$", seg)
    if m:
        sign, n, source = m.groups()
        verb = "추가" if sign == "+" else "제외"
        src = {"chart_no": "차트번호 목록", "export": "내보내기 기록", "account": "계정별 접근 기록"}.get(source or "", "")
        return f"정보주체 {_count(n)}명 {verb}" + (f" ({src})" if src else "")
    m = re.match(r"^intake:(\d+)$", seg)
    if m:
        return f"진료 접수 {m.group(1)}번 등록"
    m = re.match(r"^\+([\w.,]*) -([\w.,]*)$", seg)
    if m:
        given, taken = m.groups()
        return f"부여: {_perm_list(given)} / 회수: {_perm_list(taken)}"
    m = re.match(r"^-([\w.,]+)$", seg)
    if m:
        return f"회수: {_perm_list(m.group(1))}"
    if seg.startswith(("scrub: ", "catalogue: ")):
        head, _, rest = seg.partition(": ")
        return ("파일 정리: " if head == "scrub" else "백업 목록: ") + rest
    if seg.startswith("request=") and seg.endswith(" closed"):
        return _pair("request", seg.removeprefix("request=").removesuffix(" closed"), kind, res) + " 종결"
    if "problem=" in seg:
        before, _, problem = seg.partition("problem=")
        head = _pairs(before, kind, res)
        return ", ".join(x for x in (head, f"문제: {problem.strip()}") if x)
    if seg.endswith(" on") and "=" in seg:
        return _pairs(seg.removesuffix(" on"), kind, res) + " 설정"
    if seg.endswith(" off") and "=" in seg:
        return _pairs(seg.removesuffix(" off"), kind, res) + " 해제"
    if _KEY_VALUE.search(seg):
        return _pairs(seg, kind, res)
    return _words_refs(WORDS.get(seg, seg), res)


def _perm_list(value: str) -> str:
    items = [v for v in value.split(",") if v]
    if not items:
        return "없음"
    return ", ".join(ROLE_NAMES.get(v) or permission_label(v) for v in items)


def _pairs(text: str, kind: str, res: Resolver) -> str:
    """A segment holding ``key=value`` pairs (separated by spaces) and maybe words between them."""
    out: list[str] = []
    pos = 0
    for m in _KEY_VALUE.finditer(text):
        words = text[pos:m.start()].strip()
        if words:
            out.append(_words_refs(WORDS.get(words, words), res))
        out.append(_pair(m.group(1), m.group(2), kind, res))
        pos = m.end()
    tail = text[pos:].strip()
    if tail:
        out.append(_words_refs(WORDS.get(tail, tail), res))
    return ", ".join(x for x in out if x)


def _words_refs(text: str, res: Resolver) -> str:
    """Every ``kind:id`` in free text replaced by its words; any ``key=value`` left by ``key: value``."""
    def one(m: re.Match[str]) -> str:
        words = res.ref(m.group(1), m.group(2))
        noun = KIND_NOUNS.get(m.group(1), "")
        if noun and m.string[:m.start()].rstrip().endswith(noun) and words.startswith(noun + " "):
            return words[len(noun) + 1:]       # "제3자 제공 기록 disclosure:8" → "… 기록 제8호"
        return words

    text = _REF.sub(one, text)
    return _KEY_VALUE.sub(lambda m: f"{FIELDS.get(m.group(1), m.group(1))}: {m.group(2)}", text)


_REASON_AT = re.compile(r"(?:^|;\s*)(?:사유|reason)=")


def split_reason(detail: str | None) -> tuple[str, str | None]:
    """``detail`` without its reason, and the reason. The one form (``…; 사유=<text>``) ends the
    detail; the older ``reason=<text>`` may be followed by ``; more`` (kept in the detail)."""
    if not detail:
        return "", None
    m = _REASON_AT.search(detail)
    if m is None:
        return detail, None
    head, rest = detail[:m.start()], detail[m.end():]
    if m.group(0).lstrip("; ").startswith("reason=") and "; " in rest:
        rest, _, tail = rest.partition("; ")
        head = f"{head}; {tail}" if head else tail
    return head, rest.strip() or None


def detail_words(r: query.LogRow, res: Resolver, *, with_reason: bool = True) -> str:
    """The entry's details in words; the reason last, as ``사유: …`` (unless ``with_reason`` is
    False: the task's sentence already carries it)."""
    kind = _kind(r.subject)
    head, reason = split_reason(r.detail)
    if r.action == Action.PERMISSION_DENIED and head:
        parts = [f"필요한 권한: {permission_label(head)}"]
    elif r.action in (Action.LOGIN, Action.LOGIN_FAILED, Action.LOGOUT, Action.IDLE_LOCK):
        parts = [_segment(s, kind, res) for s in head.split(";")]
        parts = ["접속: " + p if p in (WORDS["gui"], WORDS["cli"], WORDS["demo"]) else p for p in parts]
    elif head.startswith(LOOKUP_DETAIL):   # the access-log lookups of this module
        parts = [head.removeprefix(LOOKUP_DETAIL).strip("; ")]
    elif kind == "access_log" and r.action in (Action.VIEW, Action.EXPORT):
        segs = head.split(";")
        parts = ["조건: " + _filter_words(segs[0], res), *(_segment(s, kind, res) for s in segs[1:])]
    elif kind in _ANCHORED and head.startswith("sha256="):
        parts = [f"기록 지문 {head.removeprefix('sha256=')[:12]}"]
    else:
        parts = [_segment(s, kind, res) for s in head.split(";")]
    if reason and with_reason:
        parts.append(f"사유: {reason}")
    return "; ".join(p for p in parts if p)


_ANCHORED = frozenset({"cctv_ledger", "disclosure", "processor_return", "destruction_ledger", "incident_events",
                       "incident_notices", "integrity_events"})


def _filter_words(seg: str, res: Resolver) -> str:
    """A logged filter description (``계정=kim, 수행업무=view, 대상=patient:3``) in words."""
    seg = seg.strip()

    def one(item: str) -> str:
        key, eq, value = item.partition("=")
        if not eq:
            return _segment(item, "access_log", res)
        if key == "계정":
            return "계정: " + ", ".join(res.people.label(x) for x in value.split("|"))
        if key == "수행업무":
            return "수행업무: " + query.action_label(value)
        if key == "분류":
            return "분류: " + CATEGORY_LABELS.get(value, value)
        if key == "대상":
            return "대상: " + ", ".join(_words_refs(x, res) for x in value.split("|"))
        if key == "기간":
            return "기간: " + value
        if key in ("파일", "file"):
            return "파일 " + value
        return f"{key}: {value}"

    return ", ".join(one(x.strip()) for x in seg.split(", ") if x.strip())


# -- the sentence ----------------------------------------------------------------------------------

def task_words(r: query.LogRow) -> str:
    """The action as a Korean sentence (환자 조회, 주민등록번호 마스킹 해제, 파기 계획 승인 …)."""
    a, kind, ident = r.action, _kind(r.subject), _ident(r.subject)
    detail, reason = split_reason(r.detail)
    with_why = f" (사유: {reason})" if reason else ""
    fixed = query.action_label(a)
    if a in (Action.LOGIN, Action.LOGIN_FAILED, Action.LOGOUT, Action.LOCK, Action.UNLOCK, Action.IDLE_LOCK,
             Action.PASSWORD_CHANGE, Action.PASSWORD_RESET, Action.ACCOUNT_CREATE, Action.PERMISSION_DENIED,
             Action.INIT):
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
        what = {"incident": "유출 사고 대상 찾기", "incidents": "유출 사고 목록 검색"}.get(kind)
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
        noun = {"subject_request": "정보주체 요구 연락처", "cctv_request": "CCTV 열람 청구인 연락처",
                "complaint": "민원인 연락처"}.get(kind, "개인정보")
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
        return f"{KIND_NOUNS.get(kind, '기록')} 서류 출력{with_why}"
    if a == Action.VERIFY:
        if kind == "access_log":
            return "접속기록 무결성 검증"
        if kind == "archive":
            return "접속기록 보관 파일 검증"
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
        return "환자 명부 가져오기" if kind in ("", "patient") else f"{KIND_NOUNS.get(kind, '자료')} 가져오기"
    if a == Action.VIEW:
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
            return "환자 조회"
        if kind == "lifecycle":
            return "보유기간 현황 조회"
        if ident == "*" or kind in ("accounts", "incidents", "permission_history"):
            return f"{KIND_NOUNS.get(kind, kind)} 목록 조회" if kind not in ("permission_history",) else "권한 변경 기록 조회"
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
        return "환자 등록"
    special = {"cctv_request": "CCTV 열람 청구 접수", "subject_request": "정보주체 요구 접수",
               "complaint": "민원 접수", "incident": "유출 사고 등록", "cctv_hold": "CCTV 영상 보존 조치",
               "cctv_provision": "CCTV 영상 제공 기록", "cctv_ledger": "CCTV 관리대장 기록",
               "disclosure": "제3자 제공 대장 기록", "destruction_plan": "파기 계획 작성",
               "destruction_ledger": "파기 관리대장 기록", "processor_return": "수탁업체 반환·파기 확인 기록",
               "incident_events": "유출 사고 처리 이력 기록", "incident_notices": "유출 통지 기록",
               "integrity_events": "무결성 점검 기록"}
    if kind in special:
        return special[kind]
    if ident == "*":
        return f"{KIND_NOUNS.get(kind, kind)} 처음 등록"
    return f"{KIND_NOUNS.get(kind, '기록')} 등록"


def _update_words(kind: str, detail: str) -> str:
    if kind == "destruction_plan":
        if detail.startswith("approve"):
            return "파기 계획 승인"
        if detail == "cancel":
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
            m = _STATE_CHANGE.match(detail.strip())
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
    if kind == "lifecycle_file":
        return "보유기간 규칙 변경"
    return f"{KIND_NOUNS.get(kind, '기록')} 변경"


def subject_words(r: query.LogRow, res: Resolver) -> str:
    """The subject in words: a chart number (and masked name), a record number, an account."""
    if not r.subject:
        return ""
    kind, ident = _kind(r.subject), _ident(r.subject)
    if kind == "report" or kind == "key":
        return REPORT_NAMES.get(ident, "출력물")
    if kind in ("lifecycle", "setting"):
        return {"dashboard": "보유기간 현황", "retention-run": "보유기간 점검",
                "destruction-two-person": "파기 2인 승인"}.get(ident, KIND_NOUNS.get(kind, kind))
    if kind == "archive":
        return f"보관 파일 {ident}"
    if kind == "role":
        return f"역할 {ROLE_NAMES.get(ident, ident)}"
    if ":" not in r.subject:
        return KIND_NOUNS.get(r.subject, r.subject)
    if ident == "*" or _NUM.match(ident):
        return res.ref(kind, ident)
    return f"{KIND_NOUNS.get(kind, kind)} {ident}"


def readable_rows(rows: Sequence[query.LogRow], res: Resolver) -> list[ReadableRow]:
    """``rows`` in words with the references of ``res`` (:func:`resolve`)."""
    out = []
    for r in rows:
        person = res.people.person(r.actor)
        label = "시스템(자동)" if r.actor == "system" else (person.label or r.actor)
        _head, reason = split_reason(r.detail)
        task = _safe(task_words, r)
        try:
            detail = detail_words(r, res, with_reason="(사유: " not in task)
        except Exception:   # an entry the rules do not know: no details rather than a crash
            detail = ""
        out.append(ReadableRow(
            seq=r.seq, at=r.at, actor=r.actor, account=label, department=person.department,
            workstation=r.workstation, ip=r.ip, action=r.action, category=category_of(r.action),
            task=task, subject=_safe_res(subject_words, r, res), detail=detail,
            outcome=query.OUTCOME_LABELS.get(r.outcome, r.outcome), outcome_code=r.outcome,
            subject_ref=r.subject, reason=reason))
    return out


def _safe(fn: object, r: query.LogRow) -> str:
    try:
        return str(fn(r))  # type: ignore[operator]
    except Exception:   # an entry the rules do not know: the plain label, never a crash
        return query.action_label(r.action)


def _safe_res(fn: object, r: query.LogRow, res: Resolver) -> str:
    try:
        return str(fn(r, res))  # type: ignore[operator]
    except Exception:
        return ""


def may_see_patients(u: Unit) -> bool:
    """Whether the acting account may read the registry (then patients show a masked name)."""
    return u.account is not None and Permission.PATIENT_READ in permissions_of(u.session, u.account)


def describe(u: Unit, rows: Sequence[query.LogRow]) -> list[ReadableRow]:
    """``rows`` in words inside the caller's unit; when patient names were shown, log that look
    (one ``view`` entry: ``접속기록 대상 확인; 환자 N명``)."""
    res = resolve(u.session, rows, show_names=may_see_patients(u))
    out = readable_rows(rows, res)
    if res.named:
        u.log(Action.VIEW, query.SUBJECT, detail=f"{LOOKUP_DETAIL}; 환자 {len(res.named)}명")
    return out


# -- use cases -------------------------------------------------------------------------------------

def page(ctx: AppContext, actor: Actor, flt: query.LogFilter, *, before_seq: int | None = None,
         limit: int = 200) -> list[ReadableRow]:
    """:func:`privdesk.audit.query.page` in words: the first page logs the look at the log; any
    page that shows patients' names logs that too."""
    with ctx.unit(actor, Permission.AUDIT_READ) as u:
        rows = query.fetch(u, flt, before_seq=before_seq, limit=limit)
        return describe(u, rows)


CSV_HEADER = ("번호", "일시(KST)", "계정", "부서", "접속지(호스트)", "IP", "분류", "수행업무", "대상", "상세",
              "사유", "결과", "계정 ID", "대상 참조", "수행업무 코드")


def csv_record(r: ReadableRow) -> list[str]:
    """One entry as CSV cells: readable columns, the raw references at the end for machines."""
    return [str(r.seq), clock.to_kst(r.at).strftime("%Y-%m-%d %H:%M:%S"), r.account, r.department, r.workstation,
            r.ip, r.category, r.task, r.subject, r.detail, r.reason or "", r.outcome, r.actor, r.subject_ref or "",
            r.action]


def write_csv(rows: Iterable[ReadableRow], fh: IO[str]) -> int:
    """Oldest first as the rows come; every cell spreadsheet-safe (:func:`privdesk.files.csv_cell`)."""
    n = 0
    w = files.csv_writer(fh)
    w.writerow(CSV_HEADER)
    for r in rows:
        w.writerow(csv_record(r))
        n += 1
    return n


def export_csv(ctx: AppContext, actor: Actor, flt: query.LogFilter, path: Path | Output, *, reason: str) -> int:
    """접속기록 다운로드: the filtered entries (oldest first) in words to ``path`` as CSV.

    The reason (사유) is required and recorded in the export's entry; UTF-8 with a BOM, owner-only,
    through the one safe writer — the file appears only once the export is logged."""
    why = require(reason)
    out = files.guarded(ctx.settings, path)
    stmt = query.select_entries(flt).order_by(AccessLogEntry.seq).execution_options(yield_per=2000)
    with files.replacing(out) as fh, ctx.unit(actor, Permission.AUDIT_EXPORT) as u:
        show = may_see_patients(u)
        named: set[int] = set()

        def words() -> Iterator[ReadableRow]:
            batch: list[query.LogRow] = []
            for raw in u.session.execute(stmt):
                batch.append(query.row_of(raw))
                if len(batch) >= 1000:
                    yield from _batch(batch)
                    batch = []
            if batch:
                yield from _batch(batch)

        def _batch(batch: list[query.LogRow]) -> list[ReadableRow]:
            res = resolve(u.session, batch, show_names=show)
            got = readable_rows(batch, res)
            named.update(res.named)
            return got

        n = write_csv(words(), fh)
        if named:
            u.log(Action.VIEW, query.SUBJECT, detail=f"{LOOKUP_DETAIL}; 환자 {len(named)}명")
        u.log(Action.EXPORT, query.SUBJECT,
              detail=with_reason(f"{flt.describe()}; {n}건; 파일={out.path.name}", why))
    return n


# -- filters in words ------------------------------------------------------------------------------

def person_logins(ctx: AppContext, actor: Actor, text: str) -> tuple[str, ...]:
    """The logins a person filter means: an exact login, or the accounts whose name starts with
    ``text`` (staff names; not logged). A text that matches no account is taken as a login (the
    ``system`` actor, an account from an old backup)."""
    text = text.strip()
    if not text:
        return ()
    with ctx.unit(actor, Permission.AUDIT_READ) as u:
        found = u.session.execute(select(Account.login).where(or_(
            Account.login == text, Account.name == text,
            (Account.name >= text) & (Account.name < text + "\uffff")))).scalars().all()
    return tuple(sorted(set(found))) or (text,)


_CHART_LIKE = re.compile(r"^[0-9A-Za-z\-]+$")


def patient_refs(ctx: AppContext, actor: Actor, text: str) -> tuple[str, ...]:
    """The internal references a patient filter means (chart number or name), never the text.

    With the registry's read permission the registry's own search finds them (it logs its search,
    kind only). Without it (the auditor), only an exact chart number is looked up, logged as a
    ``search`` by chart number; a name is refused with a Korean message."""
    text = text.strip()
    if not text:
        return ()
    from privdesk.registry.models import Patient, patient_ref

    if actor.may(Permission.PATIENT_READ):
        from privdesk.registry.search import search

        got = search(ctx, actor, text, limit=PATIENT_FILTER_LIMIT)
        if got.next_cursor is not None:
            raise ValidationError("patient", f"찾은 환자가 {PATIENT_FILTER_LIMIT}명이 넘습니다. "
                                             "차트번호나 이름을 더 자세히 입력하십시오.")
        if not got.rows:
            raise ValidationError("patient", "그런 환자를 찾지 못했습니다. 차트번호나 이름을 확인하십시오.")
        return tuple(patient_ref(r.id) for r in got.rows)
    if not _CHART_LIKE.match(text):
        raise ValidationError("patient", "환자 명부 조회 권한이 없는 계정은 차트번호로만 찾을 수 있습니다.")
    with ctx.unit(actor, Permission.AUDIT_READ) as u:
        ids = u.session.execute(select(Patient.id).where(Patient.chart_no == text)).scalars().all()
        u.log(Action.SEARCH, None, search_kind="chart_no", detail=f"{LOOKUP_DETAIL}; 결과 {len(ids)}건")
    if not ids:
        raise ValidationError("patient", "그 차트번호의 환자 기록이 없습니다. 차트번호를 확인하십시오.")
    return tuple(patient_ref(i) for i in ids)


# -- the printed listing's summary -----------------------------------------------------------------

@dataclass(frozen=True)
class Summary:
    """Counts for the printed listing: entries per task, failed logins, refusals."""

    total: int
    accounts: int
    per_task: tuple[tuple[str, int, int], ...]        # (category, entries, not ok)
    failed_logins: tuple[tuple[str, int], ...]        # (account label, count)
    refused: tuple[tuple[str, int], ...]
    outputs: tuple[tuple[str, int], ...]              # (task, count) of exports, prints, unmaskings


def summarise(rows: Sequence[ReadableRow]) -> Summary:
    per: dict[str, list[int]] = {}
    failed: dict[str, int] = {}
    refused: dict[str, int] = {}
    outputs: dict[str, int] = {}
    for r in rows:
        cell = per.setdefault(r.category, [0, 0])
        cell[0] += 1
        if r.outcome_code != Outcome.OK:
            cell[1] += 1
        if r.action == Action.LOGIN_FAILED:
            failed[r.account] = failed.get(r.account, 0) + 1
        if r.outcome_code == Outcome.DENIED or r.action == Action.PERMISSION_DENIED:
            refused[r.account] = refused.get(r.account, 0) + 1
        if r.action in (Action.EXPORT, Action.PRINT, Action.UNMASK):
            key = query.action_label(r.action)
            outputs[key] = outputs.get(key, 0) + 1

    def top(d: dict[str, int]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))

    return Summary(len(rows), len({r.actor for r in rows}),
                   tuple((k, v[0], v[1]) for k, v in sorted(per.items(), key=lambda kv: (-kv[1][0], kv[0]))),
                   top(failed), top(refused), top(outputs))
