"""Shared pieces of the 제3자 제공 screen: basis labels (translatable), date fields, table models."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDateEdit, QWidget

from privdesk.disclosures.ledger import BASES, DisclosureRow
from privdesk.disclosures.subjects import SubjectHistoryRow
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.tablemodel import Column, RowTableModel
from privdesk.ui.widgets import DATE_FORMAT, from_date

#: what a disclosures use case changes (``changes=`` of the runner)
DISCLOSURES: frozenset[str] = frozenset({"disclosures"})

CTX = "DisclosureBases"
BASIS_TEXT = {
    "consent": QT_TRANSLATE_NOOP("DisclosureBases", "정보주체의 별도 동의"),
    "law": QT_TRANSLATE_NOOP("DisclosureBases", "다른 법률의 특별한 규정"),
    "urgent": QT_TRANSLATE_NOOP("DisclosureBases", "급박한 생명·신체·재산의 이익"),
    "pseudonymised": QT_TRANSLATE_NOOP(
        "DisclosureBases", "가명정보 처리 (통계작성·과학적 연구·공익적 기록보존)"
    ),
    "statistics": QT_TRANSLATE_NOOP("DisclosureBases", "(구) 통계작성·학술연구 — 2020. 8. 5. 삭제된 근거"),
    "public_health": QT_TRANSLATE_NOOP("DisclosureBases", "공중위생 등 공공의 안전을 위한 긴급한 필요"),
    "pipc": QT_TRANSLATE_NOOP("DisclosureBases", "보호위원회 심의·의결 (소관 업무 수행)"),
    "treaty": QT_TRANSLATE_NOOP("DisclosureBases", "조약·국제협정의 이행"),
    "investigation": QT_TRANSLATE_NOOP("DisclosureBases", "범죄의 수사와 공소의 제기·유지"),
    "trial": QT_TRANSLATE_NOOP("DisclosureBases", "법원의 재판업무 수행"),
    "sentence": QT_TRANSLATE_NOOP("DisclosureBases", "형 및 감호·보호처분의 집행"),
}


def basis_label(code: str) -> str:
    source = BASIS_TEXT.get(code)
    return QCoreApplication.translate(CTX, source) if source else BASES[code].label if code in BASES else code


KIND_TEXT = {
    "provision": QT_TRANSLATE_NOOP("DisclosureBases", "제3자 제공"),
    "internal_use": QT_TRANSLATE_NOOP("DisclosureBases", "목적 외 이용"),
}


def kind_label(code: str) -> str:
    source = KIND_TEXT.get(code)
    return QCoreApplication.translate(CTX, source) if source else code


def date_edit(parent: QWidget, value: dt.date, name: str) -> QDateEdit:
    edit = QDateEdit(from_date(value), parent)
    edit.setObjectName(name)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    return edit


# -- table models ----------------------------------------------------------------------------------------
class DisclosureLedgerModel(RowTableModel[DisclosureRow]):
    CONTEXT = "DisclosureLedgerModel"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("DisclosureLedgerModel", "번호"),
            lambda r: str(r.id),
            lambda r: r.id,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("DisclosureLedgerModel", "구분"), lambda r: kind_label(r.kind)),
        Column(QT_TRANSLATE_NOOP("DisclosureLedgerModel", "이용·제공일"), lambda r: r.when_text),
        Column(QT_TRANSLATE_NOOP("DisclosureLedgerModel", "개인정보파일"), lambda r: r.file_name),
        Column(QT_TRANSLATE_NOOP("DisclosureLedgerModel", "이용 부서·제공받는 자"), lambda r: r.recipient),
        Column(QT_TRANSLATE_NOOP("DisclosureLedgerModel", "이용·제공 목적"), lambda r: r.recipient_purpose),
        Column(
            QT_TRANSLATE_NOOP("DisclosureLedgerModel", "법적 근거"),
            lambda r: (
                f"{basis_label(r.legal_basis)}: {r.basis_detail}"
                if r.basis_detail
                else basis_label(r.legal_basis)
            ),
        ),
        Column(QT_TRANSLATE_NOOP("DisclosureLedgerModel", "항목"), lambda r: r.items),
        Column(QT_TRANSLATE_NOOP("DisclosureLedgerModel", "형태"), lambda r: r.form),
        Column(
            QT_TRANSLATE_NOOP("DisclosureLedgerModel", "정보주체"),
            lambda r: (
                r.subjects_text
                or QCoreApplication.translate("DisclosureLedgerModel", "{n}명").format(n=r.subject_count)
            ),
            lambda r: r.subject_count,
        ),
        Column(
            QT_TRANSLATE_NOOP("DisclosureLedgerModel", "가명처리"),
            lambda r: r.pseudonym_text or yes_no(r.deidentified),
        ),
        Column(QT_TRANSLATE_NOOP("DisclosureLedgerModel", "문서번호"), lambda r: r.document_no),
        Column(QT_TRANSLATE_NOOP("DisclosureLedgerModel", "제공자"), lambda r: r.provider_text),
        Column(
            QT_TRANSLATE_NOOP("DisclosureLedgerModel", "정정"),
            lambda r: correction_text(r.corrects_id, r.corrected_by),
        ),
    )


class DisclosureHistoryModel(RowTableModel[SubjectHistoryRow]):
    CONTEXT = "DisclosureHistoryModel"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("DisclosureHistoryModel", "번호"),
            lambda r: str(r.disclosure_id),
            lambda r: r.disclosure_id,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("DisclosureHistoryModel", "구분"), lambda r: kind_label(r.kind)),
        Column(
            QT_TRANSLATE_NOOP("DisclosureHistoryModel", "이용·제공일"), lambda r: r.disclosed_on.isoformat()
        ),
        Column(QT_TRANSLATE_NOOP("DisclosureHistoryModel", "제공받는 자"), lambda r: r.recipient),
        Column(QT_TRANSLATE_NOOP("DisclosureHistoryModel", "제공 목적"), lambda r: r.recipient_purpose),
        Column(
            QT_TRANSLATE_NOOP("DisclosureHistoryModel", "법적 근거"), lambda r: basis_label(r.legal_basis)
        ),
        Column(QT_TRANSLATE_NOOP("DisclosureHistoryModel", "제공 항목"), lambda r: r.items),
        Column(QT_TRANSLATE_NOOP("DisclosureHistoryModel", "제공 형태"), lambda r: r.form),
        Column(QT_TRANSLATE_NOOP("DisclosureHistoryModel", "문서번호"), lambda r: r.document_no),
        Column(
            QT_TRANSLATE_NOOP("DisclosureHistoryModel", "정정"),
            lambda r: correction_text(r.corrects_id, r.corrected_by),
        ),
    )


def yes_no(value: bool) -> str:
    if value:
        return QCoreApplication.translate("DisclosureLedgerModel", "예")
    return QCoreApplication.translate("DisclosureLedgerModel", "아니오")


def correction_text(corrects_id: int | None, corrected_by: tuple[int, ...]) -> str:
    parts = []
    if corrects_id is not None:
        parts.append(QCoreApplication.translate("DisclosureLedgerModel", "{n}번 정정").format(n=corrects_id))
    if corrected_by:
        parts.append(
            QCoreApplication.translate("DisclosureLedgerModel", "정정됨 → {ids}").format(
                ids=", ".join(str(i) for i in corrected_by)
            )
        )
    return "; ".join(parts)
