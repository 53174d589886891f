"""Third-party disclosure and processor tables (제3자 제공, 처리 위탁).

``disclosures`` is the 개인정보 제3자 제공 대장 (columns after 시행령 제15조, forms.md §6) and is
append-only: the database refuses UPDATE and DELETE (migration 0400); a mistaken entry is answered by
a correcting entry (``corrects_id``). ``disclosure_subjects`` lists whose data went out: a registry
patient by internal reference (``patient:<id>``, no foreign key, so the row outlives the patient's
destruction with no personal data left), or a subject outside the registry by a masked label only.

``kind`` tells a provision to a third party (제3자 제공) from a use beyond the purpose inside the
hospital (목적 외 이용, 시행령 제15조); ``disclosure_pseudonyms`` holds the 가명처리 record of an entry
whose data was pseudonymised (법 제28조의2, 제28조의4③; append-only, anchored with its entry).

``processors`` (수탁업체) are seeded from the hospital profile; every change is a row of
``processor_changes`` (append-only). Each contract has a checklist of the contents 법 제26조① and
시행령 제28조① require (``processor_clauses``), its sub-processors (재위탁, ``subprocessors``) and,
at its end, the processor's return or destruction of the data with its evidence
(``processor_returns``, append-only, anchored in the access log like the other ledgers).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from privdesk.store.models import Base

PROVISION, INTERNAL_USE = "provision", "internal_use"  # 제3자 제공 / 목적 외 이용


class Disclosure(Base):
    """One provision of personal data to a third party (제3자 제공), or one use beyond the purpose
    inside the hospital (목적 외 이용: ``kind == "internal_use"``, ``recipient`` = the department
    that used it)."""

    __tablename__ = "disclosures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default=PROVISION, server_default=PROVISION)
    file_code: Mapped[str] = mapped_column(String(32))  # lifecycle file code (patients, …)
    file_name: Mapped[str] = mapped_column(String(100))  # 개인정보파일의 명칭 (at the time)
    recipient: Mapped[str] = mapped_column(String(200))  # 제공받는 자
    recipient_purpose: Mapped[str] = mapped_column(Text)  # 제공받는 자의 이용 목적
    items: Mapped[str] = mapped_column(Text)  # 제공 항목
    legal_basis: Mapped[str] = mapped_column(String(32))  # code, see disclosures.LEGAL_BASES
    basis_detail: Mapped[str] = mapped_column(Text, default="")  # the law's article, consent form no., …
    disclosed_on: Mapped[dt.date] = mapped_column(Date)  # 제공 날짜
    period: Mapped[str] = mapped_column(String(200), default="")  # 날짜·주기 또는 기간 (recurring)
    form: Mapped[str] = mapped_column(String(100))  # 제공 형태 (사본, 전자파일, 열람 …)
    restrictions: Mapped[str] = mapped_column(Text, default="")  # 법 제18조⑤ 제한·조치 요청 내용
    document_no: Mapped[str] = mapped_column(String(100), default="")  # 요청 공문 번호
    provided_by: Mapped[str] = mapped_column(String(64))  # account login
    deidentified: Mapped[bool] = mapped_column(Boolean, default=False)  # 가명·익명 처리하여 제공
    subject_count: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    corrects_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str] = mapped_column(String(64))

    subjects: Mapped[list[DisclosureSubject]] = relationship(
        back_populates="disclosure", order_by="DisclosureSubject.position", lazy="selectin"
    )
    pseudonym: Mapped[DisclosurePseudonym | None] = relationship(lazy="selectin", uselist=False)

    __table_args__ = (Index("ix_disclosures_on_id", "disclosed_on", "id"),)

    @property
    def ref(self) -> str:
        return f"disclosure:{self.id}"


class DisclosureSubject(Base):
    """Whose data a disclosure carried. ``subject_ref`` is ``patient:<id>`` for a registry patient
    (the key of the per-subject history), or ``external:<random>`` for a subject outside the registry;
    ``label`` is masked (홍*동, chart number) and never holds a resident number."""

    __tablename__ = "disclosure_subjects"
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_ref: Mapped[str] = mapped_column(String(64))
    patient_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    label: Mapped[str] = mapped_column(String(100), default="")

    disclosure: Mapped[Disclosure] = relationship(back_populates="subjects")

    __table_args__ = (Index("ix_disclosure_subjects_subject", "subject_ref", "disclosure_id"),)


class DisclosurePseudonym(Base):
    """The 가명처리 record of one entry (법 제28조의4③, 시행령 제29조의5: 처리 목적, 가명처리한 항목,
    이용·제공 내역, 제공받는 자, 이용 기간): what was pseudonymised, how, by whom and when, where the
    additional information (추가정보, 법 제28조의4①) is kept apart. Append-only."""

    __tablename__ = "disclosure_pseudonyms"
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), primary_key=True)
    purpose_kind: Mapped[str] = mapped_column(String(16))  # statistics / research / archiving
    items: Mapped[str] = mapped_column(Text)  # 가명처리한 개인정보의 항목
    method: Mapped[str] = mapped_column(Text)  # 가명처리 방법 (삭제·대체·범주화 …)
    performed_by: Mapped[str] = mapped_column(String(64))  # account login
    performed_on: Mapped[dt.date] = mapped_column(Date)
    additional_info: Mapped[str] = mapped_column(Text)  # 추가정보 분리보관 (장소·관리자)
    use_period: Mapped[str] = mapped_column(String(200))  # 가명정보의 이용·보유 기간
    review: Mapped[str] = mapped_column(Text, default="")  # 적정성 검토 (재식별 위험 검토) 결과


class Processor(Base):
    """A processor (수탁업체) and its outsourcing contract (법 제26조)."""

    __tablename__ = "processors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    task: Mapped[str] = mapped_column(Text)  # 위탁업무 내용
    retention: Mapped[str] = mapped_column(String(200), default="")  # 보유기간
    contract_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contract_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contact: Mapped[str] = mapped_column(String(200), default="")  # 담당자·연락처 (company contact)
    last_check: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # 최근 점검·교육일
    check_note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def ref(self) -> str:
        return f"processor:{self.id}"


class ProcessorChange(Base):
    """A processor's change history (append-only): who changed what, when, why."""

    __tablename__ = "processor_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    processor_id: Mapped[int] = mapped_column(ForeignKey("processors.id"), index=True)
    at: Mapped[dt.datetime]
    actor_login: Mapped[str] = mapped_column(String(64))
    change: Mapped[str] = mapped_column(String(16))  # create / update
    detail: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class ProcessorClause(Base):
    """One required content of a processor's contract (법 제26조①, 시행령 제28조①): whether the
    contract has it and where (조항). The checklist's current state; every change is a
    ``processor_changes`` row."""

    __tablename__ = "processor_clauses"
    processor_id: Mapped[int] = mapped_column(ForeignKey("processors.id"), primary_key=True)
    clause: Mapped[str] = mapped_column(String(32), primary_key=True)
    present: Mapped[bool] = mapped_column(Boolean, default=False)
    article: Mapped[str] = mapped_column(String(100), default="")  # 계약서 조항 (예: 제7조)
    checked_on: Mapped[dt.date] = mapped_column(Date)
    checked_by: Mapped[str] = mapped_column(String(64))


class Subprocessor(Base):
    """A sub-processor (재위탁 수탁자, 법 제26조⑥: needs the hospital's consent)."""

    __tablename__ = "subprocessors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    processor_id: Mapped[int] = mapped_column(ForeignKey("processors.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    task: Mapped[str] = mapped_column(Text)  # 재위탁 업무 내용
    consented_on: Mapped[dt.date] = mapped_column(Date)  # 위탁자(병원)의 동의일
    consent_note: Mapped[str] = mapped_column(Text, default="")  # 동의 문서 (공문 번호 등)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(64))


class ProcessorReturn(Base):
    """At a contract's end: the processor returned (반환) or destroyed (파기) the data, with the
    evidence (확인서·공문 번호, 파기 증빙) and who confirmed it. Append-only and, like the other
    ledgers, anchored in the hash-chained access log (which also catches a deleted row; a keyed row
    proof would not survive a key rotation on an append-only table)."""

    __tablename__ = "processor_returns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    processor_id: Mapped[int] = mapped_column(ForeignKey("processors.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))  # return / destroy
    done_on: Mapped[dt.date] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text)
    confirmed_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str] = mapped_column(String(64))

    @property
    def ref(self) -> str:
        return f"processor_return:{self.id}"
