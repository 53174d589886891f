"""Who is affected (유출된 정보주체), drawn from the data, never typed.

- :func:`affect_charts`: registry patients by a list of chart numbers (one a line);
- :func:`affect_export`: the rows of an export that went astray — an export writes one access-log
  entry per patient (``export``, ``patient:<id>``) in one transaction; any one entry's sequence
  number names them all (same actor, same instant);
- :func:`affect_account`: every patient a (suspicious) account touched in a period, from the
  access log's entries of that account;
- :func:`affect_cctv`: the person of a CCTV viewing request (영상정보 열람 청구), by its number.

People already on the incident are not added twice. Each addition is one history row (how many,
from what) and one access-log search entry; the count decides the duties
(:mod:`privdesk.incidents.rules`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, delete, func, insert, select

from privdesk import clock, proofs
from privdesk.audit import batches as log_batches
from privdesk.audit.chain import Action
from privdesk.cctv.api import CctvRequest
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import NotFoundError, ValidationError
from privdesk.fields import reason as reason_text
from privdesk.incidents.models import SUBJECT_PROOF, Incident, IncidentSubject
from privdesk.incidents.register import (
    SOURCE_LABELS,
    IncidentDetail,
    detail_of,
    duty_summary,
    ensure_open,
    incident_unit,
    load,
    record_event,
)
from privdesk.incidents.rules import REGISTRY_FILE, split_list
from privdesk.registry.api import STATUS_DESTROYED, Patient
from privdesk.store.models import AccessLogEntry

CHUNK = 500
REGISTRY_SOURCES = ("export", "account")
MAX_PERIOD_DAYS = 366


@dataclass(frozen=True)
class AffectResult:
    added: int
    already: int
    detail: IncidentDetail

    @property
    def total(self) -> int:
        return self.detail.row.affected

    def line(self) -> str:
        """``INC-…: 정보주체 1,000명 (이번에 1,000명 추가) — 통지 의무, 신고 의무(…)``"""
        d = self.detail
        extra = f", 이미 있던 {self.already:,}명 제외" if self.already else ""
        return (
            f"{d.number}: 정보주체 {self.total:,}명 (이번에 {self.added:,}명 추가{extra}) — "
            f"{duty_summary(d.row)}"
        )


def _add(
    u: Unit, inc: Incident, people: Sequence[tuple[str, int | None, int | None]], source: str, what: str
) -> tuple[int, int]:
    """Insert the people not yet on the incident (Core, in chunks, then sealed); returns (added, already).
    People drawn from the registry's own records (an export of it, an account's access to it) mean
    the registry file leaked: it is added to the incident's files (the report then applies)."""
    if source in REGISTRY_SOURCES and REGISTRY_FILE not in split_list(inc.files):
        inc.files = ",".join([*split_list(inc.files), REGISTRY_FILE])
        what += "; 개인정보파일에 환자 명부 추가"
        u.session.flush()
    have = set(
        u.session.execute(
            select(IncidentSubject.subject_ref).where(IncidentSubject.incident_id == inc.id)
        ).scalars()
    )
    now = clock.now()
    rows, seen = [], set()
    for ref, pid, cid in people:
        if ref in have or ref in seen:
            continue
        seen.add(ref)
        rows.append(
            {
                "incident_id": inc.id,
                "subject_ref": ref,
                "patient_id": pid,
                "cctv_request_id": cid,
                "source": source,
                "added_at": now,
                "added_by": u.actor_login,
            }
        )
    already = len({r for r, _p, _c in people}) - len(rows)
    if rows:
        table = cast(Table, IncidentSubject.__table__)
        for i in range(0, len(rows), CHUNK):
            u.session.execute(insert(table), rows[i : i + CHUNK])
        ids = list(
            u.session.execute(
                select(IncidentSubject.id).where(
                    IncidentSubject.incident_id == inc.id, IncidentSubject.proof.is_(None)
                )
            ).scalars()
        )
        proofs.reseal(
            u.session.connection(), proofs.keys_of(u.session), SUBJECT_PROOF, "incident_subjects", ids
        )
        u.session.expire_all()
    u.log(Action.UPDATE, inc.ref, detail=f"{inc.number}; affected +{len(rows)} ({source})")
    d = detail_of(u.session, inc)
    record_event(
        u,
        inc,
        "affect",
        f"{SOURCE_LABELS.get(source, source)}: {what} → {len(rows):,}명 추가, "
        f"모두 {d.row.affected:,}명 → {duty_summary(d.row)}",
    )
    return len(rows), already


def _result(u: Unit, inc: Incident, added: int, already: int) -> AffectResult:
    return AffectResult(added, already, detail_of(u.session, inc))


def read_charts(text: str) -> list[str]:
    """Chart numbers, one a line (blank lines and ``#`` comments skipped; a header ``차트번호`` too)."""
    out: list[str] = []
    for line in text.splitlines():
        c = line.split("#", 1)[0].strip().strip(",").strip()
        if c and c not in ("차트번호", "chart_no") and c not in out:
            out.append(c)
    return out


_CCTV_NUMBER = re.compile(r"^(?:CR-(\d{4})-)?0*(\d+)$", re.IGNORECASE)


def read_cctv(text: str) -> list[int]:
    """CCTV viewing requests by their reception number (``CR-2026-0007``) or the number alone
    (``7``), separated by commas, spaces or lines; anything else is named in Korean."""
    out: list[int] = []
    for token in re.split(r"[\s,]+", text.strip()):
        if not token:
            continue
        m = _CCTV_NUMBER.match(token)
        if m is None:
            raise ValidationError(
                "cctv", f"CCTV 열람 청구 접수번호가 아닙니다: {token[:20]}. 예: CR-2026-0007 또는 7"
            )
        n = int(m.group(2))
        if n not in out:
            out.append(n)
    if not out:
        raise ValidationError("cctv", "CCTV 열람 청구 접수번호를 하나 이상 입력하십시오 (예: CR-2026-0007).")
    return out


def affect_charts(ctx: AppContext, actor: Actor, ref: str | int, charts: Sequence[str]) -> AffectResult:
    """Add the registry patients with these chart numbers; a number not in the registry is an
    error naming it (nothing is added)."""
    wanted = list(dict.fromkeys(c.strip() for c in charts if c.strip()))
    if not wanted:
        raise ValidationError("charts", "차트번호를 한 줄에 하나씩 입력하십시오.")
    with incident_unit(ctx, actor) as u:
        inc = load(u, ref, lock=True)
        ensure_open(inc)
        found: dict[str, int] = {}
        for i in range(0, len(wanted), CHUNK):
            found.update(
                (str(c), int(p))
                for c, p in u.session.execute(
                    select(Patient.chart_no, Patient.id).where(
                        Patient.chart_no.in_(wanted[i : i + CHUNK]), Patient.status != STATUS_DESTROYED
                    )
                )
            )
        u.log(Action.SEARCH, inc.ref, search_kind="chart_no", detail=f"incident; results={len(found)}")
        missing = [c for c in wanted if c not in found]
        if missing:
            more = f" 외 {len(missing) - 1:,}건" if len(missing) > 1 else ""
            raise NotFoundError(
                "환자 기록", f"차트번호 {missing[0]}{more} — 목록을 고친 뒤 다시 추가하십시오"
            )
        people = [(f"patient:{found[c]}", found[c], None) for c in wanted]
        added, already = _add(u, inc, people, "charts", f"차트번호 {len(wanted):,}건")
        return _result(u, inc, added, already)


def affect_export(ctx: AppContext, actor: Actor, ref: str | int, export_seq: int) -> AffectResult:
    """Add every patient of the export that wrote the access-log entry ``export_seq``."""
    with incident_unit(ctx, actor) as u:
        inc = load(u, ref, lock=True)
        ensure_open(inc)
        entry = u.session.get(AccessLogEntry, int(export_seq))
        if entry is None or entry.action != Action.EXPORT:
            raise NotFoundError("내보내기 접속기록", f"순번 {export_seq}")
        subjects = (
            u.session.execute(
                select(AccessLogEntry.subject).where(
                    AccessLogEntry.actor == entry.actor,
                    AccessLogEntry.at == entry.at,
                    AccessLogEntry.action == Action.EXPORT,
                )
            )
            .scalars()
            .all()
        )
        ids = sorted(
            {
                int(s.split(":", 1)[1])
                for s in subjects
                if s and s.startswith("patient:") and s.split(":", 1)[1].isdigit()
            }
        )
        if not ids:
            raise NotFoundError("내보낸 환자", f"접속기록 순번 {export_seq}")
        u.log(
            Action.SEARCH,
            inc.ref,
            search_kind="export",
            detail=f"incident; seq={export_seq}; results={len(ids)}",
        )
        people = [(f"patient:{i}", i, None) for i in ids]
        added, already = _add(
            u,
            inc,
            people,
            "export",
            f"접속기록 순번 {export_seq}({entry.actor}, {entry.at[:16].replace('T', ' ')} UTC)의 "
            f"내보내기 {len(ids):,}명",
        )
        return _result(u, inc, added, already)


def affect_account(
    ctx: AppContext, actor: Actor, ref: str | int, login: str, first: dt.date, last: dt.date
) -> AffectResult:
    """Add every patient whose record the account ``login`` viewed, searched into, changed, printed
    or exported between ``first`` and ``last`` (KST days, both included)."""
    if first > last:
        raise ValidationError("from", "기간의 첫날이 마지막 날보다 늦습니다. 기간을 다시 지정하십시오.")
    if (last - first).days >= MAX_PERIOD_DAYS:
        raise ValidationError("to", f"기간은 {MAX_PERIOD_DAYS}일 이내로 지정하십시오.")
    login = (login or "").strip()
    if not login:
        raise ValidationError("login", "접근 기록을 볼 계정의 아이디를 입력하십시오.")
    start = clock.iso_utc(dt.datetime.combine(first, dt.time(0), tzinfo=clock.KST))
    end = clock.iso_utc(dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=clock.KST))
    with incident_unit(ctx, actor) as u:
        inc = load(u, ref, lock=True)
        ensure_open(inc)
        subjects = (
            u.session.execute(
                select(func.distinct(AccessLogEntry.subject)).where(
                    AccessLogEntry.actor == login,
                    AccessLogEntry.at >= start,
                    AccessLogEntry.at < end,
                    AccessLogEntry.subject >= "patient:",
                    AccessLogEntry.subject < "patient;",
                    AccessLogEntry.outcome == "ok",
                )
            )
            .scalars()
            .all()
        )
        ids = sorted(
            {int(s.split(":", 1)[1]) for s in subjects if s and s.split(":", 1)[1].isdigit()}
            | _imported(u, login, start, end)
        )
        u.log(
            Action.SEARCH,
            inc.ref,
            search_kind="account",
            detail=f"incident; account={login}; {first.isoformat()}~{last.isoformat()}; results={len(ids)}",
        )
        if not ids:
            raise NotFoundError("그 기간에 이 계정이 접근한 환자 기록", f"{login}, {first}~{last}")
        people = [(f"patient:{i}", i, None) for i in ids]
        added, already = _add(
            u,
            inc,
            people,
            "account",
            f"계정 {login}의 {first.isoformat()}~{last.isoformat()} 접근 기록 {len(ids):,}명",
        )
        return _result(u, inc, added, already)


def _imported(u: Unit, login: str, start: str, end: str) -> set[int]:
    """The patients ``login`` imported in the period (an import's batch entries name them)."""
    rows = u.session.execute(
        select(AccessLogEntry.subject, AccessLogEntry.detail).where(
            AccessLogEntry.actor == login,
            AccessLogEntry.at >= start,
            AccessLogEntry.at < end,
            AccessLogEntry.subject == log_batches.SUBJECT,
            AccessLogEntry.outcome == "ok",
        )
    )
    return {i for subject, detail in rows for i in log_batches.ids_of(subject, detail)}


def affect_cctv(ctx: AppContext, actor: Actor, ref: str | int, request_ids: Sequence[int]) -> AffectResult:
    """Add the person of each CCTV viewing request (영상정보 열람 청구) given by id."""
    ids = sorted({int(i) for i in request_ids})
    if not ids:
        raise ValidationError("cctv", "CCTV 열람 청구를 하나 이상 고르십시오.")
    with incident_unit(ctx, actor) as u:
        inc = load(u, ref, lock=True)
        ensure_open(inc)
        found = set(u.session.execute(select(CctvRequest.id).where(CctvRequest.id.in_(ids))).scalars())
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError("CCTV 열람 청구", str(missing[0]))
        people = [(f"cctv_request:{i}", None, i) for i in ids]
        added, already = _add(u, inc, people, "cctv", f"CCTV 열람 청구 {len(ids):,}건")
        return _result(u, inc, added, already)


@dataclass(frozen=True)
class RemoveResult:
    removed: int
    detail: IncidentDetail

    def line(self) -> str:
        return (
            f"{self.detail.number}: {self.removed:,}명 제외, 모두 {self.detail.row.affected:,}명 → "
            f"{duty_summary(self.detail.row)}"
        )


def remove_charts(
    ctx: AppContext, actor: Actor, ref: str | int, charts: Sequence[str], reason: str
) -> RemoveResult:
    """Take registry patients added by mistake off an open incident, with a reason (the count, and so
    the duties, follow). The removal stays in the incident's append-only history and the access log;
    a chart number that is not on the incident is named and nothing is removed."""
    wanted = list(dict.fromkeys(c.strip() for c in charts if c.strip()))
    if not wanted:
        raise ValidationError("charts", "제외할 차트번호를 한 줄에 하나씩 입력하십시오.")
    why = reason_text("reason", reason, "제외 사유", required=True)
    with incident_unit(ctx, actor) as u:
        inc = load(u, ref, lock=True)
        ensure_open(inc)
        found = dict(
            u.session.execute(select(Patient.chart_no, Patient.id).where(Patient.chart_no.in_(wanted))).all()
        )
        on = dict(
            u.session.execute(
                select(IncidentSubject.patient_id, IncidentSubject.id).where(
                    IncidentSubject.incident_id == inc.id,
                    IncidentSubject.patient_id.in_(list(found.values())),
                )
            ).all()
        )
        missing = [c for c in wanted if found.get(c) not in on]
        if missing:
            raise NotFoundError("이 사고의 정보주체", missing[0])
        u.session.execute(delete(IncidentSubject).where(IncidentSubject.id.in_(list(on.values()))))
        u.session.expire_all()
        u.log(Action.UPDATE, inc.ref, detail=f"{inc.number}; affected -{len(on)}; 사유={why}")
        d = detail_of(u.session, inc)
        record_event(
            u,
            inc,
            "unaffect",
            f"차트번호 목록: {len(on):,}명 제외 (사유: {why}), 모두 {d.row.affected:,}명 → "
            f"{duty_summary(d.row)}",
        )
        return RemoveResult(len(on), detail_of(u.session, inc))
