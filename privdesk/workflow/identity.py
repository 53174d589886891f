"""Who asks and how they were identified (개인정보 보호법 제38조, 시행령 제46조).

A request is made by the subject (본인), a legal representative (법정대리인: a child under 14's
parent, with a document proving the relation — 가족관계증명서 등) or an agent (대리인, with the
subject's power of attorney — 위임장, 별지 제11호서식). The requester's identity is checked with an
identity document (:data:`ID_DOCUMENTS`); the proof of agency is a separate check (``proxy_checked``).
"""

from __future__ import annotations

from enum import StrEnum

from privdesk.errors import RuleViolationError, ValidationError
from privdesk.fields import text


class Relation(StrEnum):
    SELF = "self"  # 본인
    GUARDIAN = "guardian"  # 법정대리인
    AGENT = "agent"  # 대리인 (위임장)


RELATION_LABELS: dict[str, str] = {
    Relation.SELF: "본인",
    Relation.GUARDIAN: "법정대리인",
    Relation.AGENT: "대리인",
}

# The documents that identify the requester (신분증: ../shared/domain/forms.md §7 "주민등록증, 운전면허증
# or 여권"; 외국인등록증 for a foreign resident, law.md §1 시행령 제19조). 가족관계증명서 is not one: it
# proves a legal representative's relation and is checked as the proof of agency (``proxy_checked``).
ID_DOCUMENTS: tuple[str, ...] = ("주민등록증", "운전면허증", "여권", "외국인등록증", "기타 신분증")


def check_relation(relation: str) -> None:
    if relation not in RELATION_LABELS:
        raise ValidationError("relation", "정보주체와의 관계(본인·법정대리인·대리인)를 고르십시오.")


def check_proxy(relation: str, proxy_checked: bool, *, noun: str, attorney: str = "") -> None:
    """An agent's or a legal representative's request is taken in only once the proof of agency was
    checked. ``noun`` is the kind's word (요구·청구); ``attorney`` cites the form of the 위임장."""
    if relation == Relation.AGENT and not proxy_checked:
        raise RuleViolationError(
            f"대리인의 {noun}는 위임장(개인정보 보호법 제38조{attorney})을 확인한 뒤 접수하십시오."
        )
    if relation == Relation.GUARDIAN and not proxy_checked:
        raise RuleViolationError(
            f"법정대리인의 {noun}는 대리 관계를 증명하는 서류(가족관계증명서 등)를 확인한 뒤 접수하십시오."
        )


def proxy_flag(relation: str, proxy_checked: bool) -> bool:
    """What is stored: a proof of agency is recorded only for a request not made by the subject."""
    return bool(proxy_checked and relation != Relation.SELF)


def identity_document(value: str) -> str:
    """The identity document presented (신분 확인 서류)."""
    return text("id_document", value, "신분 확인 서류", limit=32)


def checked_by(value: str, actor_login: str) -> str:
    """Who checked the identity (신분 확인자): as typed, or the account doing the intake."""
    return text("id_checked_by", value, "신분 확인자", required=False, limit=64) or actor_login
