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
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import or_, select

from privdesk import clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit import query
from privdesk.audit.chain import Action, Outcome
from privdesk.audit.reasons import require, with_reason
from privdesk.context import Actor, AppContext, Unit, permissions_of
from privdesk.errors import ValidationError
from privdesk.files import Output
from privdesk.logview.details import Resolver, detail_words, resolve, subject_words
from privdesk.logview.sentences import task_words
from privdesk.logview.terms import LOOKUP_DETAIL, category_of, split_reason
from privdesk.store.models import AccessLogEntry, Account

__all__ = [
    "LOOKUP_DETAIL",
    "PATIENT_FILTER_LIMIT",
    "ReadableRow",
    "Resolver",
    "Summary",
    "category_of",
    "describe",
    "detail_words",
    "export_csv",
    "page",
    "patient_refs",
    "person_logins",
    "readable_rows",
    "resolve",
    "split_reason",
    "subject_words",
    "summarise",
    "task_words",
    "write_csv",
]

PATIENT_FILTER_LIMIT = 50


@dataclass(frozen=True)
class ReadableRow:
    """One access-log entry in words. ``actor`` and ``subject_ref`` keep the raw references (for
    the CSV's machine columns); everything else is display text."""

    seq: int
    at: dt.datetime  # aware, UTC
    actor: str  # login
    account: str  # 이름(ID)
    department: str
    workstation: str
    ip: str
    action: str  # code
    category: str  # 조회·검색 …
    task: str  # the sentence: 환자 조회, 파기 계획 승인 …
    subject: str  # the subject in words
    detail: str  # the details in words
    outcome: str  # 성공 / 거부 / 실패
    outcome_code: str
    subject_ref: str | None
    reason: str | None

    @property
    def account_text(self) -> str:
        """``이름(ID) · 부서`` (the screen's 계정 column)."""
        return f"{self.account} · {self.department}" if self.department else self.account


def readable_rows(rows: Sequence[query.LogRow], res: Resolver) -> list[ReadableRow]:
    """``rows`` in words with the references of ``res`` (:func:`resolve`)."""
    out = []
    for r in rows:
        person = res.people.person(r.actor)
        label = person.label or r.actor
        _head, reason = split_reason(r.detail)
        task = _safe(task_words, r)
        try:
            detail = detail_words(r, res, with_reason="(사유: " not in task)
        except Exception:  # an entry the rules do not know: no details rather than a crash
            detail = ""
        out.append(
            ReadableRow(
                seq=r.seq,
                at=r.at,
                actor=r.actor,
                account=label,
                department=person.department,
                workstation=r.workstation,
                ip=r.ip,
                action=r.action,
                category=category_of(r.action),
                task=task,
                subject=_safe_res(subject_words, r, res),
                detail=detail,
                outcome=query.OUTCOME_LABELS.get(r.outcome, r.outcome),
                outcome_code=r.outcome,
                subject_ref=r.subject,
                reason=reason,
            )
        )
    return out


def _safe(fn: object, r: query.LogRow) -> str:
    try:
        return str(fn(r))  # type: ignore[operator]
    except Exception:  # an entry the rules do not know: the plain label, never a crash
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


def page(
    ctx: AppContext, actor: Actor, flt: query.LogFilter, *, before_seq: int | None = None, limit: int = 200
) -> list[ReadableRow]:
    """:func:`privdesk.audit.query.page` in words: the first page logs the look at the log; any
    page that shows patients' names logs that too."""
    with ctx.unit(actor, Permission.AUDIT_READ) as u:
        rows = query.fetch(u, flt, before_seq=before_seq, limit=limit)
        return describe(u, rows)


CSV_HEADER = (
    "번호",
    "일시(KST)",
    "계정",
    "부서",
    "접속지(호스트)",
    "IP",
    "분류",
    "수행업무",
    "대상",
    "상세",
    "사유",
    "결과",
    "계정 ID",
    "대상 참조",
    "수행업무 코드",
)


def csv_record(r: ReadableRow) -> list[str]:
    """One entry as CSV cells: readable columns, the raw references at the end for machines."""
    return [
        str(r.seq),
        clock.to_kst(r.at).strftime("%Y-%m-%d %H:%M:%S"),
        r.account,
        r.department,
        r.workstation,
        r.ip,
        r.category,
        r.task,
        r.subject,
        r.detail,
        r.reason or "",
        r.outcome,
        r.actor,
        r.subject_ref or "",
        r.action,
    ]


def write_csv(rows: Iterable[ReadableRow], fh: IO[str], *, specimen: bool = False) -> int:
    """Oldest first as the rows come; every cell spreadsheet-safe (:func:`privdesk.files.csv_cell`);
    ``specimen``: a demo database's file, marked on every row."""
    n = 0
    w = files.csv_writer(fh, specimen=specimen)
    w.writerow(CSV_HEADER)
    for r in rows:
        w.writerow(csv_record(r))
        n += 1
    return n


def export_csv(
    ctx: AppContext, actor: Actor, flt: query.LogFilter, path: Path | Output, *, reason: str
) -> int:
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

        n = write_csv(words(), fh, specimen=ctx.is_demo)
        if named:
            u.log(Action.VIEW, query.SUBJECT, detail=f"{LOOKUP_DETAIL}; 환자 {len(named)}명")
        u.log(
            Action.EXPORT,
            query.SUBJECT,
            detail=with_reason(f"{flt.describe()}; {n}건; 파일={out.path.name}", why),
        )
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
        found = (
            u.session.execute(
                select(Account.login).where(
                    or_(
                        Account.login == text,
                        Account.name == text,
                        (Account.name >= text) & (Account.name < text + "\uffff"),
                    )
                )
            )
            .scalars()
            .all()
        )
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
            raise ValidationError(
                "patient",
                f"찾은 환자가 {PATIENT_FILTER_LIMIT}명이 넘습니다. 차트번호나 이름을 더 자세히 입력하십시오.",
            )
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
    per_task: tuple[tuple[str, int, int], ...]  # (category, entries, not ok)
    failed_logins: tuple[tuple[str, int], ...]  # (account label, count)
    refused: tuple[tuple[str, int], ...]
    outputs: tuple[tuple[str, int], ...]  # (task, count) of exports, prints, unmaskings


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

    return Summary(
        len(rows),
        len({r.actor for r in rows}),
        tuple((k, v[0], v[1]) for k, v in sorted(per.items(), key=lambda kv: (-kv[1][0], kv[0]))),
        top(failed),
        top(refused),
        top(outputs),
    )
