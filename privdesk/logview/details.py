"""References resolved in bulk and details in words (:mod:`privdesk.logview`).

:func:`resolve` looks up every reference of a page — accounts, patients, requests, complaints,
incidents, cameras, processors — one query per kind; :func:`detail_words` and :func:`subject_words`
turn an entry's detail and subject into words with it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import ROLE_NAMES
from privdesk.accounts.permissions import label as permission_label
from privdesk.audit import batches, query
from privdesk.audit.chain import Action
from privdesk.logview.terms import (
    CATEGORY_LABELS,
    CHUNK,
    FIELDS,
    FILTER_ACTORS,
    KEY_VALUE,
    KEYS,
    KIND_NOUNS,
    LOOKUP_DETAIL,
    NUM,
    REF,
    REPORT_NAMES,
    STATE_CHANGE,
    STATES,
    WORDS,
    ident_of,
    kind_of,
    split_reason,
)
from privdesk.personal import mask_name
from privdesk.store.models import Account


@dataclass
class Resolver:
    """The references of one page, resolved in one query per kind (see :func:`resolve`)."""

    people: People = field(default_factory=People)
    accounts: dict[int, str] = field(default_factory=dict)  # acct id → login
    patients: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # id → (chart, name, status)
    numbers: dict[tuple[str, int], str] = field(default_factory=dict)  # (kind, id) → number / name
    show_names: bool = False
    named: set[int] = field(default_factory=set)  # patients shown with a name

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
        return f"{noun} {n}번"


def _refs(rows: Sequence[query.LogRow]) -> dict[str, set[int]]:
    wanted: dict[str, set[int]] = {}
    for r in rows:
        for text in (r.subject or "", r.detail or ""):
            for kind, ident in REF.findall(text):
                if ident != "*":
                    wanted.setdefault(kind, set()).add(int(ident))
        for kind, ident in _detail_refs(r):
            wanted.setdefault(kind, set()).add(ident)
        wanted.setdefault("patient", set()).update(batches.ids_of(r.subject, r.detail))
    return wanted


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    s = sorted(ids)
    for i in range(0, len(s), CHUNK):
        yield s[i : i + CHUNK]


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
            for m in FILTER_ACTORS.finditer(r.detail or ""):
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
    dated = (
        ("subject_request", SubjectRequest, "DR"),
        ("cctv_request", CctvRequest, "CR"),
        ("complaint", Complaint, "CP"),
    )
    for kind, model, prefix in dated:
        for part in _chunks(wanted.get(kind, ())):
            for ident, at in session.execute(select(model.id, model.received_at).where(model.id.in_(part))):
                res.numbers[(kind, int(ident))] = f"{prefix}-{clock.to_kst(at).year}-{int(ident):04d}"
    named: tuple[tuple[str, Any, Any], ...] = (
        ("incident", Incident.id, Incident.number),
        ("cctv_camera", CctvCamera.id, CctvCamera.number),
        ("processor", Processor.id, Processor.name),
    )
    for kind, key, column in named:
        for part in _chunks(wanted.get(kind, ())):
            for ident, number in session.execute(select(key, column).where(key.in_(part))):
                res.numbers[(kind, int(ident))] = str(number)
    return res


_DETAIL_REF_KEYS: dict[tuple[str, str], str] = {
    ("cctv_hold", "request"): "cctv_request",
    ("cctv_provision", "request"): "cctv_request",
    ("patient", "request"): "subject_request",
    ("", "request"): "subject_request",
    ("destruction_plan", "ledger"): "destruction_ledger",
}


def _detail_refs(r: query.LogRow) -> Iterator[tuple[str, int]]:
    kind = kind_of(r.subject)
    for key, value in KEY_VALUE.findall(r.detail or ""):
        target = _DETAIL_REF_KEYS.get((kind, key)) or (
            _DETAIL_REF_KEYS.get(("", key)) if key == "request" else None
        )
        if target and NUM.match(value):
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
        return f"개인정보파일 {value}" if kind == "lifecycle" else f"파일 {value}"
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
        return f"방법: {dict(destroy='파기').get(value, '반환' if value == 'return' else value)}"
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
    if key == "corrected_by":
        return f"정정 기록 {value}번"
    if key == "ledger":
        return res.ref("destruction_ledger", value) if NUM.match(value) else value
    if key == "request":
        target = _DETAIL_REF_KEYS.get((kind, key)) or "subject_request"
        return res.ref(target, value) if NUM.match(value) else value
    if key == "stopped":
        return f"오류로 중단 ({value})"
    if key == "os_user":
        return f"OS 사용자 {value}"
    if key == "made":
        return f"백업 시각 {value}"
    if key == "expires":
        return f"만료 {value}"
    return f"{FIELDS.get(key, key)}: {value}"


PLAN_PAGE = re.compile(r"(items|exclusions) (\d+)-(\d+)/(\d+)")


def _segment(seg: str, kind: str, res: Resolver) -> str:
    seg = seg.strip()
    if not seg:
        return ""
    if seg in WORDS:
        return WORDS[seg]
    m = STATE_CHANGE.match(seg)
    if m:
        a, b = m.groups()
        return f"{STATES.get(b, b)}" if a == "-" else f"{STATES.get(a, a)} → {STATES.get(b, b)}"
    if seg.startswith("key check "):
        return "키 확인값 " + seg.removeprefix("key check ")
    if seg.startswith("period "):
        return "기간 " + seg.removeprefix("period ")
    if seg.startswith("approve "):
        return {"first": "1차 승인", "second": "2차 승인", "final": "승인"}.get(
            seg.removeprefix("approve "), "승인"
        )
    m = PLAN_PAGE.fullmatch(seg)
    if m:  # a page of a destruction plan's records shown before approval (lifecycle.planrecords)
        which, first, last, total = m.groups()
        return f"{'파기 대상' if which == 'items' else '파기 제외'} 기록 {first}–{last}번째 (전체 {total}건)"
    if seg.startswith("retention-check "):
        return f"{seg.removeprefix('retention-check ')} 보존기간 점검"
    if seg.startswith("register "):
        return f"{seg.removeprefix('register ')}년 대장"
    if seg.startswith("rotated away: "):
        return f"오래된 백업 정리: {seg.removeprefix('rotated away: ')}"
    if seg.startswith("linked "):
        return f"연결: {seg.removeprefix('linked ')}"
    if seg.startswith("via "):
        return f"{_words_refs(seg.removeprefix('via '), res)} 경유"
    if re.fullmatch(r"\d+(?:\.\d+)?s", seg):
        return f"{seg[:-1]}초 걸림"
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
        src = {"chart_no": "차트번호 목록", "export": "내보내기 기록", "account": "계정별 접근 기록"}.get(
            source or "", ""
        )
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
    if KEY_VALUE.search(seg):
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
    for m in KEY_VALUE.finditer(text):
        words = text[pos : m.start()].strip()
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
        if noun and m.string[: m.start()].rstrip().endswith(noun) and words.startswith(noun + " "):
            return words[len(noun) + 1 :]  # "제3자 제공 기록 disclosure:8" → "… 기록 8번"
        return words

    text = REF.sub(one, text)
    return KEY_VALUE.sub(lambda m: f"{FIELDS.get(m.group(1), m.group(1))}: {m.group(2)}", text)


def detail_words(r: query.LogRow, res: Resolver, *, with_reason: bool = True) -> str:
    """The entry's details in words; the reason last, as ``사유: …`` (unless ``with_reason`` is
    False: the task's sentence already carries it)."""
    kind = kind_of(r.subject)
    head, reason = split_reason(r.detail)
    listed = batches.ids_of(r.subject, r.detail)
    if listed:  # a batch entry (an import): every patient it names
        parts = [f"환자 {len(listed):,}명: " + ", ".join(res.patient(i) for i in listed)]
    elif r.action == Action.PERMISSION_DENIED and head:
        parts = [f"필요한 권한: {permission_label(head)}"]
    elif r.action in (Action.LOGIN, Action.LOGIN_FAILED, Action.LOGOUT, Action.IDLE_LOCK):
        parts = [_segment(s, kind, res) for s in head.split(";")]
        parts = ["접속: " + p if p in (WORDS["gui"], WORDS["cli"], WORDS["demo"]) else p for p in parts]
    elif head.startswith(LOOKUP_DETAIL):  # the access-log lookups of this module
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


_ANCHORED = frozenset(
    {
        "cctv_ledger",
        "disclosure",
        "processor_return",
        "destruction_ledger",
        "incident_events",
        "incident_notices",
        "integrity_events",
    }
)


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


def subject_words(r: query.LogRow, res: Resolver) -> str:
    """The subject in words: a chart number (and masked name), a record number, an account."""
    if not r.subject:
        return ""
    kind, ident = kind_of(r.subject), ident_of(r.subject)
    if kind == "report" or kind == "key":
        return REPORT_NAMES.get(ident, "출력물")
    if kind in ("lifecycle", "setting"):
        return {
            "dashboard": "보유기간 현황",
            "retention-run": "보유기간 점검",
            "destruction-two-person": "파기 2인 승인",
        }.get(ident, KIND_NOUNS.get(kind, kind))
    if kind == "archive":
        return f"보관 파일 {ident}"
    if kind == "role":
        return f"역할 {ROLE_NAMES.get(ident, ident)}"
    if r.subject == batches.SUBJECT:
        return f"환자 {batches.count_of(r.subject, r.detail):,}명"
    if ":" not in r.subject:
        return KIND_NOUNS.get(r.subject, r.subject)
    if ident == "*" or NUM.match(ident):
        return res.ref(kind, ident)
    return f"{KIND_NOUNS.get(kind, kind)} {ident}"
