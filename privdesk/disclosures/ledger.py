"""The ledger of uses beyond the purpose and third-party provisions (개인정보의 목적 외 이용 및 제3자
제공 대장): what went to whom, or was used by which department, why, on what legal basis.

Two kinds of entry (``kind``): a provision to a third party (``provision``, 제3자 제공) and a use
beyond the purpose for which the data was collected, inside the hospital (``internal_use``, 목적 외
이용 — 시행령 제15조 asks for both in the one 대장). For a use, ``recipient`` is the department or
team that used the data (이용기관), and the 법 제18조⑤ request to a recipient does not apply.

One entry per provision, with the columns of 시행령 제15조 (forms.md §6): 개인정보파일의 명칭, 제공받는
자, 제공 목적, 법적 근거, 제공 항목, 날짜·주기·기간, 제공 형태, 법 제18조⑤의 제한·조치 요청 내용 —
plus whose data it was (masked), the count, whether it was de-identified, the request's document
number and who provided it. Entries are append-only (database triggers, migration 0400) and each one
is anchored in the hash-chained access log in the same transaction (:mod:`privdesk.audit.anchors`);
:func:`verify_ledger` finds an altered, deleted or inserted entry. A mistaken entry is answered by a
correcting entry that names it (``corrects_id``, 정정 기재); nothing is ever updated.

Legal bases (:data:`LEGAL_BASES`, law.md §1; the policy's ▣개인정보의 제3자 제공 list):

- ``consent`` — the subject's separate consent (법 제17조①1, 제18조②1);
- ``law`` — a special provision of another law (법 제17조①2·제15조①2, 제18조②2): the detail must
  name the law and its article (형사소송법 제215조 영장, 의료법 제21조③ …);
- ``urgent`` — urgent life, body or property when consent cannot be obtained (법 제18조②3): the
  detail must say what happened;
- ``pseudonymised`` — 가명정보 for statistics, scientific research or public-interest archiving
  (법 제28조의2): the entry carries its 가명처리 record (법 제28조의4③ — what was pseudonymised and
  how, by whom and when, the purpose, where the 추가정보 is kept apart, the period of use) and lists
  **no subjects**, only their number — the data given identifies no one, so no person's history
  (열람 answer, correction notices) is linked to it;
- ``statistics`` — the old ground of 구 법 제18조②4, deleted in 2020: refused for new entries (the
  message points to ``pseudonymised``); entries recorded on it earlier still display, labelled as
  the old ground;
- any entry marked de-identified (``deidentified``) must carry the same 가명처리 record: a flag alone
  says nothing an inspector can check;
- ``public_health`` — 공중위생 등 공공의 안전과 안녕을 위한 긴급한 필요 (법 제18조②10): detail required;
- the public-body-only grounds the policy also lists (법 제18조②5–9: 보호위원회 심의·의결, 조약,
  범죄 수사, 재판, 형 집행) are in the list with ``applies_to_private=False`` and are refused: a
  private hospital answers a police or court request under '다른 법률의 특별한 규정' (a warrant,
  형사소송법 제215조; 의료법 제21조③).

Refusals (the subjects are checked inside the transaction that records the entry):

- a registry patient on processing hold (처리정지·정정 중) — :func:`privdesk.registry.patients.ensure_not_held`;
- a subject flagged suspended (``subject_flags.suspended``, 법 제37조 처리정지) unless the basis is
  ``law`` or ``urgent`` (the grounds on which 법 제37조② lets processing go on); a subject whose
  consent was withdrawn (``consent_withdrawn``) cannot be disclosed on the basis of consent;
- a separated record (분리보관) unless the basis is ``law`` (the policy: "별도 DB로 옮겨진 개인정보는
  법률에 의한 경우가 아니고서는 … 이용되지 않습니다"); its label then carries the chart number only;
- a destroyed or unknown patient.

A correcting entry is checked the same way, except for subjects the corrected entry already listed:
correcting how a past provision was written down discloses nothing new.

Permissions: recording, listing, printing and exporting the ledger all need ``disclosure.write``
(the intake role and the officer): the ledger names subjects (masked), so it stays with the staff
who make disclosures; auditors see every disclosure in the access log. Verifying the anchors needs
``audit.verify``.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.people import people
from privdesk.accounts.permissions import Permission
from privdesk.audit import anchors
from privdesk.audit.chain import Action
from privdesk.consent.api import USE_INTERNAL, USE_PROVISION, require_consent
from privdesk.context import Actor, AppContext, Unit
from privdesk.disclosures.bases import (
    BASES,
    CONSENT,
    DEFAULT_RESTRICTIONS,
    FORMS,
    LAW,
    LEGAL_BASES,
    PSEUDONYM_PURPOSES,
    PSEUDONYMISED,
    SUSPENSION_EXEMPT,
    LegalBasis,
    legal_basis,
    private_bases,
    public_only_refusal,
)
from privdesk.disclosures.models import (
    INTERNAL_USE,
    PROVISION,
    Disclosure,
    DisclosurePseudonym,
    DisclosureSubject,
)
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.fields import reason as reason_text
from privdesk.fields import text
from privdesk.korean import particle
from privdesk.lifecycle.api import LifecycleFile, require_files
from privdesk.personal import mask_name
from privdesk.registry.api import (
    STATUS_ACTIVE,
    STATUS_SEPARATED,
    Patient,
    SubjectFlag,
    ensure_not_held,
    patient_ref,
)
from privdesk.store.models import Account

TABLE = "disclosure"  # anchor subject = Disclosure.ref ("disclosure:<id>")
ALL = "disclosure:*"
MAX_ROWS = 10_000  # one listing (a period of the ledger)
MAX_SUBJECTS = 10_000  # subjects named in one entry
_LAW_ARTICLE = re.compile(r"[가-힣A-Za-z·ㆍ()]*(법|법률|령|규칙|조례)\s*(시행령|시행규칙)?\s*제\s*\d+\s*조")
_LONG_DIGITS = re.compile(r"\d(?:[\d\- .]{5,}\d)")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@")
KIND_LABELS: dict[str, str] = {PROVISION: "제3자 제공", INTERNAL_USE: "목적 외 이용"}


# -- input and output ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExternalSubject:
    """A subject outside the patient registry (a homepage member, an online reservation): the name
    is masked before it is stored; ``note`` says where the subject is from (digits masked)."""

    name: str
    note: str = ""

    def __repr__(self) -> str:
        return "ExternalSubject(***)"


@dataclass(frozen=True)
class PseudonymInput:
    """The 가명처리 record of an entry (법 제28조의4③, 시행령 제29조의5): the purpose (통계작성 ·
    과학적 연구 · 공익적 기록보존), the items pseudonymised and how, who did it and when, where the
    additional information is kept apart (추가정보, 법 제28조의4①), the period of use, and the
    result of the re-identification review (optional). ``performed_by`` (a login) defaults to
    the acting account."""

    purpose_kind: str
    items: str
    method: str
    performed_on: dt.date
    additional_info: str
    use_period: str
    performed_by: str = ""
    review: str = ""


@dataclass(frozen=True)
class PseudonymRow:
    purpose_kind: str
    items: str
    method: str
    performed_by: str
    performed_by_name: str
    performed_on: dt.date
    additional_info: str
    use_period: str
    review: str

    @property
    def purpose_label(self) -> str:
        return PSEUDONYM_PURPOSES.get(self.purpose_kind, self.purpose_kind)

    @property
    def performer_text(self) -> str:
        return (
            f"{self.performed_by_name}({self.performed_by})" if self.performed_by_name else self.performed_by
        )

    @property
    def text(self) -> str:
        """One paragraph for the ledger's cell and the CSV."""
        out = (
            f"{self.purpose_label} 목적; 가명처리 항목: {self.items}; 방법: {self.method}; "
            f"처리자: {self.performer_text}, {self.performed_on.isoformat()}; 추가정보: {self.additional_info}; "
            f"이용 기간: {self.use_period}"
        )
        return f"{out}; 적정성 검토: {self.review}" if self.review else out


@dataclass(frozen=True)
class DisclosureInput:
    """One provision as the entry form collects it. ``patient_ids`` are registry patients;
    ``subject_count`` is given only for pseudonymised data whose subjects are not listed (always for
    ``pseudonymised``). ``provided_by`` (an account login) defaults to the acting account. ``kind``
    is ``provision`` (제3자 제공) or ``internal_use`` (목적 외 이용: ``recipient`` names the
    department that used the data). ``pseudonym`` is the 가명처리 record, required for
    ``pseudonymised`` and for any entry marked ``deidentified``."""

    file_code: str
    recipient: str
    recipient_purpose: str
    items: str
    legal_basis: str
    disclosed_on: dt.date
    form: str
    basis_detail: str = ""
    period: str = ""
    restrictions: str = ""
    document_no: str = ""
    patient_ids: Sequence[int] = ()
    external_subjects: Sequence[ExternalSubject] = ()
    subject_count: int | None = None
    deidentified: bool = False
    provided_by: str = ""
    note: str = ""
    corrects_id: int | None = None
    kind: str = PROVISION
    pseudonym: PseudonymInput | None = None
    consent_purpose: str = ""  # on basis consent: the consent purpose (code); default by kind

    def __repr__(self) -> str:
        return (
            f"DisclosureInput(kind={self.kind!r}, file={self.file_code!r}, basis={self.legal_basis!r}, "
            f"patients={len(self.patient_ids)}, external={len(self.external_subjects)})"
        )


@dataclass(frozen=True)
class DisclosureRow:
    """One ledger entry as the screens, the PDF and the CSV show it (subjects masked)."""

    id: int
    disclosed_on: dt.date
    period: str
    file_code: str
    file_name: str
    recipient: str
    recipient_purpose: str
    items: str
    legal_basis: str
    basis_detail: str
    form: str
    restrictions: str
    document_no: str
    provided_by: str
    provided_by_name: str
    deidentified: bool
    subject_count: int
    subject_refs: tuple[str, ...]
    subject_labels: tuple[str, ...]
    note: str
    corrects_id: int | None
    corrected_by: tuple[int, ...]
    recorded_at: dt.datetime
    recorded_by: str
    kind: str = PROVISION
    pseudonym: PseudonymRow | None = None

    def __repr__(self) -> str:
        return f"DisclosureRow(id={self.id}, kind={self.kind!r}, on={self.disclosed_on}, basis={self.legal_basis!r})"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def retired_basis(self) -> bool:
        """Recorded on a ground that has since been repealed (구 법 제18조②4)."""
        b = BASES.get(self.legal_basis)
        return bool(b and b.retired)

    @property
    def ref(self) -> str:
        return f"disclosure:{self.id}"

    @property
    def basis_label(self) -> str:
        b = BASES.get(self.legal_basis)
        return b.label if b else self.legal_basis

    @property
    def basis_text(self) -> str:
        """``다른 법률의 특별한 규정: 형사소송법 제215조 …``."""
        return f"{self.basis_label}: {self.basis_detail}" if self.basis_detail else self.basis_label

    @property
    def when_text(self) -> str:
        """제공일 (날짜·주기·기간)."""
        return (
            f"{self.disclosed_on.isoformat()} ({self.period})"
            if self.period
            else self.disclosed_on.isoformat()
        )

    @property
    def provider_text(self) -> str:
        return f"{self.provided_by_name}({self.provided_by})" if self.provided_by_name else self.provided_by

    @property
    def subjects_text(self) -> str:
        return ", ".join(self.subject_labels)

    @property
    def pseudonym_text(self) -> str:
        return self.pseudonym.text if self.pseudonym is not None else ""

    @property
    def deidentified_text(self) -> str:
        if self.pseudonym is not None:
            return f"가명처리 ({self.pseudonym.purpose_label})"
        return "가명·익명 처리" if self.deidentified else "아니오"


@dataclass(frozen=True)
class FileChoice:
    code: str
    name: str


@dataclass(frozen=True)
class LedgerFilter:
    """The ledger screen's filters: recipient text, legal basis code and kind (all optional)."""

    recipient: str | None = None
    legal_basis: str | None = None
    subject_ref: str | None = None
    kind: str | None = None


# -- helpers -----------------------------------------------------------------------------------------
def scrub(note: str) -> str:
    """Digits that could be a phone or resident number keep their last four; e-mail addresses keep
    their first letter (``010-****-5678``-like, ``h***@example.com``)."""

    def digits(m: re.Match[str]) -> str:
        s = m.group(0)
        keep = 4
        out, seen = [], 0
        for ch in reversed(s):
            if ch.isdigit():
                seen += 1
                out.append(ch if seen <= keep else "*")
            else:
                out.append(ch)
        return "".join(reversed(out))

    note = _LONG_DIGITS.sub(digits, note)
    return _EMAIL.sub(lambda m: m.group(1) + "***@", note)


def external_label(s: ExternalSubject) -> str:
    name = text("external_subjects", s.name, "정보주체 이름", limit=64)
    if any(ch.isdigit() for ch in name) or "@" in name:
        raise ValidationError(
            "external_subjects",
            "정보주체는 이름만 입력하십시오. 연락처·주민등록번호·전자우편은 적지 마십시오.",
        )
    note = scrub(text("external_subjects", s.note, "정보주체 구분", required=False, limit=60))
    label = mask_name(name)
    return f"{label} ({note})" if note else label


def patient_label(p: Patient) -> str:
    if p.status == STATUS_SEPARATED:
        return f"분리보관 기록 (차트 {p.chart_no})"
    return f"{mask_name(p.name)} (차트 {p.chart_no})"


def _flags(session: Session, refs: Sequence[str]) -> dict[str, SubjectFlag]:
    out: dict[str, SubjectFlag] = {}
    for i in range(0, len(refs), 500):
        for f in session.execute(
            select(SubjectFlag).where(SubjectFlag.subject_ref.in_(refs[i : i + 500]))
        ).scalars():
            out[f.subject_ref] = f
    return out


def _names(session: Session, logins: Iterable[str]) -> dict[str, str]:
    """Login → name (:func:`privdesk.accounts.people.people`, the one resolver)."""
    return {login: person.name for login, person in people(session, logins).items()}


def corrected_by(session: Session, ids: Sequence[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(Disclosure.id, Disclosure.corrects_id)
            .where(Disclosure.corrects_id.in_(ids[i : i + 500]))
            .order_by(Disclosure.id)
        )
        for did, target in rows:
            if target is not None:
                out.setdefault(target, []).append(did)
    return out


def _pseudonym_row(p: DisclosurePseudonym | None, names: dict[str, str]) -> PseudonymRow | None:
    if p is None:
        return None
    return PseudonymRow(
        purpose_kind=p.purpose_kind,
        items=p.items,
        method=p.method,
        performed_by=p.performed_by,
        performed_by_name=names.get(p.performed_by, ""),
        performed_on=p.performed_on,
        additional_info=p.additional_info,
        use_period=p.use_period,
        review=p.review,
    )


def rows_of(session: Session, items: Sequence[Disclosure]) -> list[DisclosureRow]:
    names = _names(
        session,
        [
            *(d.provided_by for d in items),
            *(d.pseudonym.performed_by for d in items if d.pseudonym is not None),
        ],
    )
    fixes = corrected_by(session, [d.id for d in items])
    return [
        DisclosureRow(
            id=d.id,
            disclosed_on=d.disclosed_on,
            period=d.period,
            file_code=d.file_code,
            file_name=d.file_name,
            recipient=d.recipient,
            recipient_purpose=d.recipient_purpose,
            items=d.items,
            legal_basis=d.legal_basis,
            basis_detail=d.basis_detail,
            form=d.form,
            restrictions=d.restrictions,
            document_no=d.document_no,
            provided_by=d.provided_by,
            provided_by_name=names.get(d.provided_by, ""),
            deidentified=d.deidentified,
            subject_count=d.subject_count,
            subject_refs=tuple(s.subject_ref for s in d.subjects),
            subject_labels=tuple(s.label for s in d.subjects),
            note=d.note,
            corrects_id=d.corrects_id,
            corrected_by=tuple(fixes.get(d.id, ())),
            recorded_at=d.recorded_at,
            recorded_by=d.recorded_by,
            kind=d.kind,
            pseudonym=_pseudonym_row(d.pseudonym, names),
        )
        for d in items
    ]


def canonical_row(d: Disclosure) -> bytes:
    """The entry's canonical bytes for its anchor: every column and every subject, in order; then
    the kind and the 가명처리 record, only where they differ from what an entry written before
    they existed has (a third-party provision without a record), so old anchors still hold."""
    subjects: list[str | int | None] = []
    for s in sorted(d.subjects, key=lambda s: s.position):
        subjects += [s.position, s.subject_ref, s.patient_id, s.label]
    extra: list[str | int | bool | dt.date | None] = []
    if (d.kind or PROVISION) != PROVISION:
        extra += ["kind", d.kind]
    p = d.pseudonym
    if p is not None:
        extra += [
            "pseudonym",
            p.purpose_kind,
            p.items,
            p.method,
            p.performed_by,
            p.performed_on,
            p.additional_info,
            p.use_period,
            p.review,
        ]
    return anchors.canonical(
        d.id,
        d.file_code,
        d.file_name,
        d.recipient,
        d.recipient_purpose,
        d.items,
        d.legal_basis,
        d.basis_detail,
        d.disclosed_on,
        d.period,
        d.form,
        d.restrictions,
        d.document_no,
        d.provided_by,
        d.deidentified,
        d.subject_count,
        d.note,
        d.corrects_id,
        d.recorded_at,
        d.recorded_by,
        *subjects,
        *extra,
    )


# -- validation ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Valid:
    basis: LegalBasis
    detail: str
    recipient: str
    purpose: str
    items: str
    form: str
    period: str
    restrictions: str
    document_no: str
    note: str
    deidentified: bool
    patient_ids: tuple[int, ...]
    external_labels: tuple[str, ...]
    count: int
    kind: str
    pseudonym: PseudonymInput | None

    def __repr__(self) -> str:
        return f"_Valid(kind={self.kind!r}, basis={self.basis.code!r})"


def _pseudonym(p: PseudonymInput, disclosed_on: dt.date, today: dt.date) -> PseudonymInput:
    if p.purpose_kind not in PSEUDONYM_PURPOSES:
        raise ValidationError(
            "pseudonym_purpose", "가명정보 처리 목적(통계작성·과학적 연구·공익적 기록보존)을 고르십시오."
        )
    if p.performed_on > today:
        raise ValidationError("pseudonym_on", "가명처리일이 미래입니다. 실제로 가명처리한 날을 입력하십시오.")
    if p.performed_on > disclosed_on:
        raise ValidationError(
            "pseudonym_on",
            "가명처리일이 이용·제공일보다 늦습니다. 가명처리는 이용·제공 전에 합니다. 날짜를 확인하십시오.",
        )
    return PseudonymInput(
        purpose_kind=p.purpose_kind,
        items=text("pseudonym_items", p.items, "가명처리한 항목", limit=1000),
        method=reason_text("pseudonym_method", p.method, "가명처리 방법", limit=1000),
        performed_on=p.performed_on,
        additional_info=reason_text(
            "pseudonym_additional", p.additional_info, "추가정보 분리보관 (장소·관리자)", limit=1000
        ),
        use_period=text("pseudonym_period", p.use_period, "가명정보 이용 기간"),
        performed_by=text("pseudonym_by", p.performed_by, "가명처리자", required=False, limit=64),
        review=reason_text("pseudonym_review", p.review, "적정성 검토 결과", required=False, limit=1000),
    )


def _validated(data: DisclosureInput, today: dt.date) -> _Valid:
    if data.kind not in KIND_LABELS:
        raise ValidationError("kind", "구분(제3자 제공·목적 외 이용)을 고르십시오.")
    basis = legal_basis(data.legal_basis)
    if basis.retired:
        raise RuleViolationError(basis.retired)
    if not basis.applies_to_private:
        raise RuleViolationError(public_only_refusal(basis))
    detail = text("basis_detail", data.basis_detail, "근거 상세", required=basis.detail_required, limit=1000)
    if basis.code == LAW and not _LAW_ARTICLE.search(detail):
        raise ValidationError(
            "basis_detail",
            "다른 법률의 특별한 규정에 따른 제공은 법률 이름과 조항을 적으십시오 "
            "(예: 형사소송법 제215조 압수·수색영장, 의료법 제21조제3항).",
        )
    if data.disclosed_on > today:
        raise ValidationError(
            "disclosed_on", "이용·제공일이 미래입니다. 실제로 이용·제공한 날을 입력하십시오."
        )
    pseudonymised = basis.code == PSEUDONYMISED
    deidentified = bool(data.deidentified) or pseudonymised
    pseudonym = None
    if data.pseudonym is not None:
        pseudonym = _pseudonym(data.pseudonym, data.disclosed_on, today)
        deidentified = True
    elif deidentified:
        raise ValidationError(
            "pseudonym",
            "가명처리한 개인정보의 이용·제공은 가명처리 기록(처리 목적, 가명처리한 항목과 "
            "방법, 처리자·처리일, 추가정보 분리보관, 이용 기간)을 함께 남겨야 합니다 "
            "(개인정보 보호법 제28조의4제3항).",
        )
    ids = tuple(sorted({int(i) for i in data.patient_ids}))
    externals = tuple(external_label(s) for s in data.external_subjects)
    listed = len(ids) + len(externals)
    if pseudonymised and listed:
        raise ValidationError(
            "subjects",
            "가명정보는 특정 개인을 알아볼 수 없는 정보이므로 정보주체를 지정하지 않고 인원수만 기록합니다.",
        )
    if listed > MAX_SUBJECTS:
        raise ValidationError("subjects", f"한 번에 기록할 수 있는 정보주체는 {MAX_SUBJECTS:,}명까지입니다.")
    if listed:
        if data.subject_count is not None and data.subject_count != listed:
            raise ValidationError(
                "subject_count",
                f"정보주체 수({data.subject_count})가 지정한 정보주체({listed}명)와 다릅니다.",
            )
        count = listed
    elif deidentified:
        if data.subject_count is None or not 0 < data.subject_count <= 100_000_000:
            raise ValidationError(
                "subject_count", "가명·익명 처리하여 제공한 정보주체의 수를 1 이상으로 입력하십시오."
            )
        count = data.subject_count
    else:
        raise ValidationError(
            "subjects", "제공한 정보주체를 지정하십시오 (차트번호로 환자를 찾거나 외부 정보주체를 추가)."
        )
    # 법 제18조⑤: the request to restrict use goes to a recipient; a use inside the hospital has none
    restrictions = text(
        "restrictions",
        data.restrictions,
        "제한·조치 요청 내용",
        required=basis.code != CONSENT and data.kind == PROVISION,
        limit=1000,
    )
    who = "이용 부서" if data.kind == INTERNAL_USE else "제공받는 자"
    why = "이용 목적" if data.kind == INTERNAL_USE else "제공받는 자의 이용 목적"
    return _Valid(
        basis=basis,
        detail=detail,
        recipient=text("recipient", data.recipient, who),
        purpose=text("recipient_purpose", data.recipient_purpose, why, limit=1000),
        items=text("items", data.items, "이용·제공 항목", limit=1000),
        form=text("form", data.form, "이용·제공 형태", limit=100),
        period=text("period", data.period, "날짜·주기·기간", required=False),
        restrictions=restrictions,
        document_no=text("document_no", data.document_no, "문서번호", required=False, limit=100),
        note=reason_text("note", data.note, "비고", required=False, limit=1000),
        deidentified=deidentified,
        patient_ids=ids,
        external_labels=externals,
        count=count,
        kind=data.kind,
        pseudonym=pseudonym,
    )


def _file(u: Unit, code: str) -> LifecycleFile:
    f = u.session.execute(select(LifecycleFile).where(LifecycleFile.code == code)).scalar_one_or_none()
    if f is None:
        raise ValidationError("file_code", "개인정보파일을 목록에서 고르십시오.")
    return f


def _provider(u: Unit, login: str, *, field: str = "provided_by", label: str = "제공자") -> str:
    login = text(field, login, label, required=False, limit=64) or u.actor_login
    if (
        login != u.actor_login
        and u.session.execute(select(Account.id).where(Account.login == login)).first() is None
    ):
        raise ValidationError(
            field,
            f"{label} 계정 '{login}'{particle(login, '이/가')} 없습니다. 해당 직원의 아이디를 입력하십시오.",
        )
    return login


def _check_patients(u: Unit, ids: Sequence[int], basis: LegalBasis, exempt: set[int]) -> list[Patient]:
    """The patients, in the given order, each checked: live, not held, not suspended (see module doc)."""
    found: dict[int, Patient] = {}
    for i in range(0, len(ids), 500):
        # locked: a hold placed by another workstation (place_hold locks the row too) waits for us
        for p in u.session.execute(
            select(Patient).where(Patient.id.in_(ids[i : i + 500])).with_for_update()
        ).scalars():
            found[p.id] = p
    for pid in ids:
        q = found.get(pid)
        if q is None or q.status not in (STATUS_ACTIVE, STATUS_SEPARATED):
            raise NotFoundError("환자 기록", patient_ref(pid))
        if q.status == STATUS_SEPARATED and basis.code != LAW and pid not in exempt:
            raise RuleViolationError(
                f"차트번호 {q.chart_no} 기록은 분리보관 중입니다. 분리보관한 개인정보는 법률에 "
                "따른 경우('다른 법률의 특별한 규정')에만 제공할 수 있습니다."
            )
    ensure_not_held(u.session, [i for i in ids if i not in exempt])
    flags = _flags(u.session, [patient_ref(i) for i in ids if i not in exempt])
    for pid in ids:
        f = flags.get(patient_ref(pid))
        if f is None:
            continue
        chart = found[pid].chart_no
        if f.suspended and basis.code not in SUSPENSION_EXEMPT:
            raise RuleViolationError(
                f"차트번호 {chart} 환자는 처리정지를 요구하여 제공할 수 없습니다. 법률의 특별한 "
                "규정이나 급박한 생명·신체·재산의 이익을 위한 경우에만 제공할 수 있습니다."
            )
        if f.consent_withdrawn and basis.code == CONSENT:
            raise RuleViolationError(
                f"차트번호 {chart} 환자는 동의를 철회하여 동의를 근거로 제공할 수 없습니다."
            )
    return [found[i] for i in ids]


# -- use cases ------------------------------------------------------------------------------------------
def record_disclosure(ctx: AppContext, actor: Actor, data: DisclosureInput) -> DisclosureRow:
    """Record one provision to a third party (제3자 제공 기록) or one use beyond the purpose (목적 외
    이용 기록, ``data.kind``), with its 가명처리 record if any; refusals are listed in the module doc."""
    v = _validated(data, clock.today_kst())
    profile = ctx.profile
    with ctx.unit(actor, Permission.DISCLOSURE_WRITE) as u:
        require_files(u)
        f = _file(u, text("file_code", data.file_code, "개인정보파일", limit=32))
        exempt: set[int] = set()
        if data.corrects_id is not None:
            target = u.session.get(Disclosure, data.corrects_id)
            if target is None:
                raise NotFoundError("제3자 제공 기록", f"disclosure:{data.corrects_id}")
            if target.kind != v.kind:
                raise ValidationError(
                    "kind",
                    f"{data.corrects_id}번 기록은 {KIND_LABELS.get(target.kind, target.kind)} "
                    "기록입니다. 정정 기록도 같은 구분으로 남기십시오.",
                )
            exempt = {s.patient_id for s in target.subjects if s.patient_id is not None}
        patients = _check_patients(u, v.patient_ids, v.basis, exempt)
        unlisted = [i for i in v.patient_ids if i not in exempt]
        if v.basis.code == CONSENT and unlisted:
            # opt-in: a provision on the basis of consent needs each patient's recorded consent
            require_consent(
                u.session,
                unlisted,
                profile.raw,
                USE_INTERNAL if v.kind == INTERNAL_USE else USE_PROVISION,
                data.consent_purpose or None,
            )
        now = clock.now()
        d = Disclosure(
            file_code=f.code,
            file_name=f.name,
            recipient=v.recipient,
            recipient_purpose=v.purpose,
            items=v.items,
            legal_basis=v.basis.code,
            basis_detail=v.detail,
            disclosed_on=data.disclosed_on,
            period=v.period,
            form=v.form,
            restrictions=v.restrictions,
            document_no=v.document_no,
            provided_by=_provider(u, data.provided_by),
            deidentified=v.deidentified,
            subject_count=v.count,
            note=v.note,
            corrects_id=data.corrects_id,
            recorded_at=now,
            recorded_by=u.actor_login,
            kind=v.kind,
        )
        u.session.add(d)
        u.session.flush()
        if v.pseudonym is not None:
            ps = v.pseudonym
            u.session.add(
                DisclosurePseudonym(
                    disclosure_id=d.id,
                    purpose_kind=ps.purpose_kind,
                    items=ps.items,
                    method=ps.method,
                    performed_by=_provider(u, ps.performed_by, field="pseudonym_by", label="가명처리자"),
                    performed_on=ps.performed_on,
                    additional_info=ps.additional_info,
                    use_period=ps.use_period,
                    review=ps.review,
                )
            )
        position = 0
        for p in patients:
            position += 1
            u.session.add(
                DisclosureSubject(
                    disclosure_id=d.id,
                    position=position,
                    subject_ref=p.ref,
                    patient_id=p.id,
                    label=patient_label(p),
                )
            )
        for label in v.external_labels:
            position += 1
            u.session.add(
                DisclosureSubject(
                    disclosure_id=d.id,
                    position=position,
                    subject_ref=f"external:{secrets.token_hex(8)}",
                    patient_id=None,
                    label=label[:100],
                )
            )
        u.session.flush()
        u.session.refresh(d, ["subjects", "pseudonym"])
        anchors.anchor(u, Action.CREATE, TABLE, d.id, canonical_row(d))
        for p in patients:
            u.log(Action.CREATE, p.ref, detail=f"{KIND_LABELS[v.kind]} 기록 {d.ref}; basis={v.basis.code}")
        return rows_of(u.session, [d])[0]


def _filtered(stmt: Select[Disclosure], flt: LedgerFilter) -> Select[Disclosure]:
    if flt.recipient and flt.recipient.strip():
        t = flt.recipient.strip()
        stmt = stmt.where(
            or_(
                Disclosure.recipient.contains(t, autoescape=True),
                Disclosure.recipient_purpose.contains(t, autoescape=True),
            )
        )
    if flt.legal_basis:
        stmt = stmt.where(Disclosure.legal_basis == flt.legal_basis)
    if flt.kind:
        stmt = stmt.where(Disclosure.kind == flt.kind)
    if flt.subject_ref:
        stmt = stmt.where(
            Disclosure.id.in_(
                select(DisclosureSubject.disclosure_id).where(
                    DisclosureSubject.subject_ref == flt.subject_ref
                )
            )
        )
    return stmt


def ledger_rows(
    u: Unit, first: dt.date, last: dt.date, flt: LedgerFilter | None = None
) -> list[DisclosureRow]:
    """The entries provided in ``first``..``last`` (inclusive), oldest first, inside a caller's unit."""
    if first > last:
        raise ValidationError("from", "기간의 첫날이 마지막 날보다 늦습니다. 기간을 다시 지정하십시오.")
    stmt = _filtered(
        select(Disclosure).where(Disclosure.disclosed_on >= first, Disclosure.disclosed_on <= last),
        flt or LedgerFilter(),
    )
    items = list(u.session.scalars(stmt.order_by(Disclosure.disclosed_on, Disclosure.id).limit(MAX_ROWS)))
    return rows_of(u.session, items)


def list_disclosures(
    ctx: AppContext,
    actor: Actor,
    first: dt.date,
    last: dt.date,
    *,
    subject_ref: str | None = None,
    recipient: str | None = None,
    legal_basis: str | None = None,
    kind: str | None = None,
) -> list[DisclosureRow]:
    """The ledger for a period (이용·제공일 ``first``..``last``), oldest first, with the screen's
    filters (``kind``: only provisions or only uses beyond the purpose); the look is logged."""
    flt = LedgerFilter(recipient=recipient, legal_basis=legal_basis, subject_ref=subject_ref, kind=kind)
    with ctx.unit(actor, Permission.DISCLOSURE_WRITE) as u:
        rows = ledger_rows(u, first, last, flt)
        u.log(
            Action.VIEW,
            subject_ref or ALL,
            detail=f"제3자 제공 대장 {first.isoformat()}~{last.isoformat()}; rows={len(rows)}",
        )
        return rows


def get_disclosure(ctx: AppContext, actor: Actor, disclosure_id: int) -> DisclosureRow:
    """One entry (a logged look)."""
    with ctx.unit(actor, Permission.DISCLOSURE_WRITE) as u:
        d = u.session.get(Disclosure, disclosure_id)
        if d is None:
            raise NotFoundError("제3자 제공 기록", f"disclosure:{disclosure_id}")
        u.log(Action.VIEW, d.ref)
        return rows_of(u.session, [d])[0]


def disclosure_files(ctx: AppContext, actor: Actor) -> list[FileChoice]:
    """The personal-information files a disclosure can come from (the entry form's list)."""
    with ctx.unit(actor, Permission.DISCLOSURE_WRITE, read_only=True) as u:
        require_files(u)
        rows = u.session.execute(select(LifecycleFile.code, LifecycleFile.name).order_by(LifecycleFile.id))
        return [FileChoice(code, name) for code, name in rows]


def verify_ledger_in(session: Session) -> list[anchors.AnchorProblem]:
    """Check every entry against its access-log anchor (for ``privdesk audit verify``)."""
    rows = session.execute(select(Disclosure).order_by(Disclosure.id)).scalars()
    return anchors.verify_anchored(session, TABLE, ((d.id, canonical_row(d)) for d in rows))


def verify_ledger(ctx: AppContext, actor: Actor) -> list[anchors.AnchorProblem]:
    """Verify the disclosure ledger (제3자 제공 대장 위·변조 검증); the check is logged."""
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        problems = verify_ledger_in(u.session)
        u.log(Action.VERIFY, ALL, detail=f"problems={len(problems)}")
        return problems


__all__ = [
    "ALL",
    "BASES",
    "DEFAULT_RESTRICTIONS",
    "FORMS",
    "INTERNAL_USE",
    "KIND_LABELS",
    "LEGAL_BASES",
    "PROVISION",
    "DisclosureInput",
    "DisclosureRow",
    "ExternalSubject",
    "FileChoice",
    "LedgerFilter",
    "LegalBasis",
    "PseudonymInput",
    "PseudonymRow",
    "disclosure_files",
    "get_disclosure",
    "ledger_rows",
    "legal_basis",
    "list_disclosures",
    "private_bases",
    "record_disclosure",
    "verify_ledger",
    "verify_ledger_in",
]
