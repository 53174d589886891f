"""One search box for the registry (환자 검색): the query's kind is recognised, results are masked,
sorted by name then birth date (or, asked, by chart number or birth date), and paged with a keyset
cursor (never OFFSET).

Kinds (logged as ``search_kind``; the query itself is never logged):
``chosung`` (ㅎㄱㄷ), ``name_prefix`` (홍, 홍길, 홍ㄱ), ``rrn`` (13 digits), ``phone`` (a full
number), ``phone_last4`` (4 digits), ``birth_date`` (YYYY-MM-DD), ``chart_no`` (anything else),
``all`` (an empty query: the whole registry in name order, for the list view).

Every row shown is confirmed first (행 무결성 증명, :mod:`privdesk.proofs`): its proof and its first
phone's proof must match, and an exact search by resident number or phone decrypts the hit and
compares it with what was typed — so a blind index moved to another row never shows that other
patient. A failure raises :class:`~privdesk.errors.RecordIntegrityError` instead of a result.

Prefix searches are index range scans (``name >= p AND name < p'``), never ``LIKE p%``
(TECH-NOTES). For 초성 the candidates come from the ``name_chosung`` index when they are few;
when they are many they are dense among the names of the first consonant's syllable block, so
walking the name index in order finds a page quickly.

Order (``order``, ``descending``; the list's header click): 이름 (name, birth date — the default),
차트번호 or 생년월일, either way, each an index walk (``ix_patients_name_birth_id``, the unique
chart number, the birth-date index). A 초성 or name-prefix search is read in name order only (its
ranges are walked in that order); its page says which order it used (``SearchPage.order``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import Select, and_, func, select, tuple_
from sqlalchemy.orm import Session, aliased

from privdesk import proofs
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext
from privdesk.crypto import KeyRing
from privdesk.errors import RecordIntegrityError, ValidationError
from privdesk.registry import records
from privdesk.registry.hangul import (
    initial_block,
    is_chosung_only,
    is_hangul_query,
    leading_syllables,
    prefix_upper_bound,
)
from privdesk.registry.models import PATIENT_PROOF, PHONE_PROOF, STATUS_ACTIVE, Patient, PatientPhone
from privdesk.registry.validation import mask_phone, normalise_phone, phone_digits

MAX_LIMIT: Final = 500
CHOSUNG_INDEX_LIMIT: Final = 2000  # above this many candidates, walk the name index instead
_DATE_RE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS_RE: Final = re.compile(r"^[\d\-\s]+$")
AnySelect = Select[*tuple[Any, ...]]


class SearchOrder(StrEnum):
    NAME = "name"  # name, birth date, id
    CHART_NO = "chart_no"
    BIRTH_DATE = "birth_date"  # birth date, id


class SearchKind(StrEnum):
    ALL = "all"
    CHOSUNG = "chosung"
    NAME_PREFIX = "name_prefix"
    CHART_NO = "chart_no"
    RRN = "rrn"
    PHONE = "phone"
    PHONE_LAST4 = "phone_last4"
    BIRTH_DATE = "birth_date"


@dataclass(frozen=True)
class SearchCursor:
    """Where the next page starts: after this row (its name, birth date, id, chart number)."""

    name: str
    birth_date: dt.date
    id: int
    chart_no: str = ""


@dataclass(frozen=True)
class PatientRow:
    """One result line, masked."""

    id: int
    chart_no: str
    name: str
    birth_date: dt.date
    sex: str
    rrn_masked: str
    phone_masked: str
    last_visit: dt.date
    hold: bool

    @property
    def cursor(self) -> SearchCursor:
        return SearchCursor(self.name, self.birth_date, self.id, self.chart_no)


@dataclass(frozen=True)
class SearchPage:
    rows: tuple[PatientRow, ...]
    next_cursor: SearchCursor | None
    kind: SearchKind
    order: SearchOrder = SearchOrder.NAME  # the order the rows are in (see the module docstring)
    descending: bool = False


NAME_KINDS: Final = frozenset({SearchKind.CHOSUNG, SearchKind.NAME_PREFIX})


@dataclass(frozen=True)
class Classified:
    kind: SearchKind
    key: str  # normalised search key (never logged)

    def __repr__(self) -> str:
        return f"Classified(kind={self.kind!s})"


def classify(query: str) -> Classified:
    """Recognise what the user typed (see the module docstring)."""
    q = unicodedata.normalize("NFC", " ".join((query or "").split()))
    if not q:
        return Classified(SearchKind.ALL, "")
    if is_chosung_only(q):
        return Classified(SearchKind.CHOSUNG, q)
    if is_hangul_query(q):
        return Classified(SearchKind.NAME_PREFIX, q)
    if _DATE_RE.match(q):
        return Classified(SearchKind.BIRTH_DATE, q)
    if _DIGITS_RE.match(q):
        digits = re.sub(r"[\s\-]", "", q)
        if len(digits) == 13:
            return Classified(SearchKind.RRN, digits)
        if len(digits) == 4 and digits == q:
            return Classified(SearchKind.PHONE_LAST4, digits)
        if "-" in q or (digits.startswith("0") and 9 <= len(digits) <= 12):
            try:
                return Classified(SearchKind.PHONE, normalise_phone(q))
            except ValidationError:
                pass
    return Classified(SearchKind.CHART_NO, q)


# -- queries --------------------------------------------------------------------------------------
_first_phone = aliased(PatientPhone)


def _base() -> AnySelect:
    return (
        select(
            Patient.id,
            Patient.chart_no,
            Patient.name,
            Patient.birth_date,
            Patient.sex,
            Patient.is_foreigner,
            Patient.last_visit,
            Patient.hold,
            Patient.uid,
            _first_phone.phone_enc,
            # for the row proofs (privdesk.proofs)
            Patient.rrn_bi,
            Patient.rrn_enc,
            Patient.address_enc,
            Patient.status,
            Patient.proof,
            _first_phone.phone_bi,
            _first_phone.last4_bi,
            _first_phone.proof.label("phone_proof"),
        )
        .outerjoin(_first_phone, and_(_first_phone.patient_id == Patient.id, _first_phone.position == 0))
        .where(Patient.status == STATUS_ACTIVE)
    )


_PATIENT_CODECS = proofs.encoders(PATIENT_PROOF)
_PHONE_CODECS = proofs.encoders(PHONE_PROOF)


def _confirm_row(keys: KeyRing, r: Any) -> None:
    """The row's proof and its first phone's proof (see the module docstring)."""
    values = (
        r.id,
        r.uid,
        r.chart_no,
        r.name,
        r.birth_date,
        r.sex,
        r.is_foreigner,
        r.rrn_bi,
        r.rrn_enc,
        r.address_enc,
        r.status,
    )
    ok = r.proof is not None and bytes(r.proof) == keys.row_proof(
        proofs.message(PATIENT_PROOF, values, _PATIENT_CODECS)
    )
    if ok and r.phone_enc is not None:
        phone = (r.id, 0, r.phone_enc, r.phone_bi, r.last4_bi)
        ok = r.phone_proof is not None and bytes(r.phone_proof) == keys.row_proof(
            proofs.message(PHONE_PROOF, phone, _PHONE_CODECS)
        )
    if not ok:
        raise RecordIntegrityError(f"환자 기록(차트번호 {r.chart_no})")


def _confirm_exact(session: Session, keys: KeyRing, c: Classified, rows: Sequence[Any]) -> None:
    """An exact search decrypts what it found and compares it with what was typed."""
    if c.kind is SearchKind.RRN:
        for r in rows:
            if records.decrypt_rrn(keys, r.uid, r.rrn_enc) != c.key:
                raise RecordIntegrityError(f"환자 기록(차트번호 {r.chart_no})")
    elif c.kind in (SearchKind.PHONE, SearchKind.PHONE_LAST4):
        by_id = {r.id: r for r in rows}
        column = PatientPhone.phone_bi if c.kind is SearchKind.PHONE else PatientPhone.last4_bi
        index = (
            records.phone_index(keys, c.key)
            if c.kind is SearchKind.PHONE
            else records.last4_index(keys, c.key)
        )
        found: set[int] = set()
        for ph in session.execute(
            select(PatientPhone).where(PatientPhone.patient_id.in_(list(by_id)), column == index)
        ).scalars():
            r = by_id[ph.patient_id]
            number = records.decrypt_phone(keys, r.uid, ph.position, ph.phone_enc)
            typed_ok = (
                phone_digits(number) == phone_digits(c.key)
                if c.kind is SearchKind.PHONE
                else phone_digits(number).endswith(c.key)
            )
            if not typed_ok or not proofs.holds(keys, ph):
                raise RecordIntegrityError(f"환자 기록(차트번호 {r.chart_no})")
            found.add(ph.patient_id)
        if found != set(by_id):
            raise RecordIntegrityError("검색 결과")


def _page(
    stmt: AnySelect,
    after: SearchCursor | None,
    limit: int,
    order: SearchOrder = SearchOrder.NAME,
    descending: bool = False,
) -> AnySelect:
    columns: tuple[Any, ...] = {
        SearchOrder.CHART_NO: (Patient.chart_no,),
        SearchOrder.BIRTH_DATE: (Patient.birth_date, Patient.id),
    }.get(order, (Patient.name, Patient.birth_date, Patient.id))
    if after is not None:
        values: list[Any] = [after.name, after.birth_date, after.id]
        if order is SearchOrder.CHART_NO:
            values = [after.chart_no]
        elif order is SearchOrder.BIRTH_DATE:
            values = [after.birth_date, after.id]
        key: Any = tuple_(*columns) if len(columns) > 1 else columns[0]
        start: Any = tuple_(*values) if len(values) > 1 else values[0]
        stmt = stmt.where(key < start if descending else key > start)
    return stmt.order_by(*(c.desc() if descending else c for c in columns)).limit(limit + 1)


def _name_range(low: str, high: str) -> Any:
    return and_(Patient.name >= low, Patient.name < high)


def _chosung_range(prefix: str) -> Any:
    return and_(Patient.name_chosung >= prefix, Patient.name_chosung < prefix_upper_bound(prefix))


def _split_name_query(c: Classified) -> tuple[str, str]:
    """(syllable prefix, initial consonants after it): ``ㅎㄱㄷ`` → ("", "ㅎㄱㄷ"), ``홍ㄱ`` →
    ("홍", "ㄱ"), ``홍길`` → ("홍길", ""); a Latin name is all prefix."""
    if c.kind is SearchKind.CHOSUNG:
        return "", c.key
    lead = leading_syllables(c.key) or c.key
    return lead, c.key[len(lead) :]


def _walk(
    session: Session, prefix: str, initials: str, after: SearchCursor | None
) -> Iterator[tuple[str, str]]:
    """Name ranges ``[low, high)``, in name order, holding exactly the names that start with
    ``prefix`` followed by syllables with ``initials``. Only existing prefixes are visited (one
    index probe each), so a page costs probes plus the rows shown, wherever the matches lie."""
    low, high = initial_block(initials[0])
    if len(initials) == 1:
        yield prefix + low, prefix + high
        return
    level = len(prefix)
    start = prefix + low
    if after is not None and after.name.startswith(prefix) and len(after.name) > level:
        start = max(start, prefix + after.name[level])
    while True:
        first = session.execute(
            select(Patient.name)
            .where(Patient.name >= start, Patient.name < prefix + high)
            .order_by(Patient.name)
            .limit(1)
        ).scalar_one_or_none()
        if first is None:
            return
        yield from _walk(session, first[: level + 1], initials[1:], after)
        start = prefix + chr(ord(first[level]) + 1)


def _name_rows(session: Session, c: Classified, after: SearchCursor | None, limit: int) -> list[Any]:
    """Name prefix and 초성 searches: the first ``limit + 1`` matches in name order."""
    prefix, initials = _split_name_query(c)
    if not initials:
        return list(
            session.execute(
                _page(_base().where(_name_range(prefix, prefix_upper_bound(prefix))), after, limit)
            ).all()
        )
    if not prefix and len(initials) > 1:
        few = session.execute(
            select(func.count()).select_from(
                select(Patient.id).where(_chosung_range(initials)).limit(CHOSUNG_INDEX_LIMIT).subquery()
            )
        ).scalar_one()
        if few < CHOSUNG_INDEX_LIMIT:  # few candidates: sort them inside the covering 초성 index
            ids = _page(
                select(Patient.id).where(_chosung_range(initials), Patient.status == STATUS_ACTIVE),
                after,
                limit,
            )
            return list(session.execute(_page(_base().where(Patient.id.in_(ids)), None, limit)).all())
    out: list[Any] = []
    for low, high in _walk(session, prefix, initials, after):
        if after is not None and high <= after.name:
            continue
        out.extend(
            session.execute(_page(_base().where(_name_range(low, high)), after, limit - len(out))).all()
        )
        if len(out) > limit:
            break
    return out


def _statement(keys: KeyRing, c: Classified) -> AnySelect | None:
    k = c.key
    match c.kind:
        case SearchKind.ALL:
            return _base()
        case SearchKind.BIRTH_DATE:
            try:
                day = dt.date.fromisoformat(k)
            except ValueError:
                return None
            return _base().where(Patient.birth_date == day)
        case SearchKind.RRN:
            return _base().where(Patient.rrn_bi == records.rrn_index(keys, k))
        case SearchKind.PHONE:
            hits = select(PatientPhone.patient_id).where(
                PatientPhone.phone_bi == records.phone_index(keys, k)
            )
            return _base().where(Patient.id.in_(hits))
        case SearchKind.PHONE_LAST4:
            hits = select(PatientPhone.patient_id).where(
                PatientPhone.last4_bi == records.last4_index(keys, k)
            )
            return _base().where(Patient.id.in_(hits))
        case SearchKind.CHART_NO:
            return _base().where(Patient.chart_no == k)
    return None


def _row(keys: KeyRing, r: Any) -> PatientRow:
    _confirm_row(keys, r)
    phone = ""
    if r.phone_enc is not None:
        phone = mask_phone(records.decrypt_phone(keys, r.uid, 0, r.phone_enc))
    return PatientRow(
        id=r.id,
        chart_no=r.chart_no,
        name=r.name,
        birth_date=r.birth_date,
        sex=r.sex,
        rrn_masked=records.masked_rrn(r.birth_date, r.sex, r.is_foreigner),
        phone_masked=phone,
        last_visit=r.last_visit,
        hold=r.hold,
    )


def _run(
    session: Session,
    keys: KeyRing,
    c: Classified,
    after: SearchCursor | None,
    limit: int,
    order: SearchOrder = SearchOrder.NAME,
    descending: bool = False,
) -> tuple[list[PatientRow], SearchCursor | None]:
    if c.kind in NAME_KINDS:
        result: Sequence[Any] = _name_rows(session, c, after, limit)
    else:
        stmt = _statement(keys, c)
        result = [] if stmt is None else session.execute(_page(stmt, after, limit, order, descending)).all()
    rows = [_row(keys, r) for r in result[:limit]]
    _confirm_exact(session, keys, c, result[:limit])
    return rows, (rows[-1].cursor if len(result) > limit else None)


def _fallback(c: Classified) -> Classified | None:
    """A second reading of an ambiguous query that found nothing: four digits may be a chart
    number; letters that are no chart number may be a Latin name (foreigners have no 초성)."""
    if c.kind is SearchKind.PHONE_LAST4:
        return Classified(SearchKind.CHART_NO, c.key)
    if c.kind is SearchKind.CHART_NO and re.search(r"[A-Za-z]", c.key):
        return Classified(SearchKind.NAME_PREFIX, c.key)
    return None


def search(
    ctx: AppContext,
    actor: Actor,
    query: str,
    *,
    after: SearchCursor | None = None,
    limit: int = 50,
    order: SearchOrder = SearchOrder.NAME,
    descending: bool = False,
) -> SearchPage:
    """Search the registry (환자 검색). Logged as ``search`` with the kind, never the query.
    ``order``/``descending`` choose the order of the rows (a name search keeps name order; the
    page says which order it used). A cursor is only valid with the order it came from."""
    limit = max(1, min(limit, MAX_LIMIT))
    c = classify(query)
    with ctx.unit(actor, Permission.PATIENT_READ) as u:
        fallback = _fallback(c)
        if c.kind in NAME_KINDS:
            order, descending = SearchOrder.NAME, False
        rows, cursor = _run(u.session, ctx.keys, c, after, limit, order, descending)
        kind = c.kind
        if not rows and fallback is not None:
            kind = fallback.kind
            if fallback.kind in NAME_KINDS:
                order, descending = SearchOrder.NAME, False
            rows, cursor = _run(u.session, ctx.keys, fallback, after, limit, order, descending)
        u.log(Action.SEARCH, None, search_kind=str(kind), detail=f"results={len(rows)}")
        return SearchPage(tuple(rows), cursor, kind, order, descending)
