"""Typed-in text as every use case accepts it (one rule for the whole product).

:func:`text` is the rule for any free text. :func:`reason` adds the rule for reasons and notes
(사유·메모): they go into the access log, the permission history and the ledgers as typed, so they
must not carry personal data. A resident or foreigner registration number (13 digits with or
without the hyphen, a real birth date), a phone number, or a card number (13–19 digits passing the
Luhn check) is refused with a message that says what was found and to remove it — never masked
and stored, so nothing half-personal ends up in a record that cannot be changed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from privdesk.errors import ValidationError
from privdesk.korean import josa

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DASH: Final = r"[\-‐‑‒–—―－]"
_SEP: Final = r"[\s\-‐‑‒–—―－.)(]"
# 6 digits (birth date), a hyphen or spaces, the gender/century digit and 6 more
_RRN: Final = re.compile(rf"(?<![\d])(\d{{6}})\s*{_DASH}?\s*([0-9]\d{{6}})(?!\d)")
# Korean phone numbers: mobile 010/011/016–019, Seoul 02, area codes 031–064, 070, 050X, with +82
_AREA: Final = r"(?:1[016789]|2|[3-6][1-5]|70|50[2-8])"
_PHONE: Final = re.compile(
    rf"(?:\+\s?82{_SEP}*0?|(?<!\d)0){_AREA}{_SEP}{{0,2}}\d{{3,4}}{_SEP}{{0,2}}\d{{4}}(?!\d)"
)
_CARD: Final = re.compile(r"(?<![\d])\d(?:[\s\-]?\d){12,18}(?!\d)")
_CENTURY: Final = {
    "9": 1800,
    "0": 1800,
    "1": 1900,
    "2": 1900,
    "3": 2000,
    "4": 2000,
    "5": 1900,
    "6": 1900,
    "7": 2000,
    "8": 2000,
}


def text(field: str, value: str | None, label: str, *, required: bool = True, limit: int = 200) -> str:
    """``value`` stripped of surrounding space and control characters (newlines and tabs stay); a
    ValidationError names the field when it is missing or too long."""
    value = _CONTROL.sub("", value or "").strip()
    if required and not value:
        raise ValidationError(field, f"{josa(label, '을/를')} 입력하십시오.")
    if len(value) > limit:
        raise ValidationError(field, f"{josa(label, '은/는')} {limit}자 이하로 입력하십시오.")
    return value


def reason(field: str, value: str | None, label: str, *, required: bool = True, limit: int = 200) -> str:
    """:func:`text` for a reason or a note (사유·메모): also refused when it holds personal data
    (:func:`personal_data_in`)."""
    return no_personal_data(field, text(field, value, label, required=required, limit=limit), label)


def no_personal_data(field: str, value: str, label: str) -> str:
    """``value`` unchanged, or a ValidationError saying which kind of personal data it holds."""
    found = personal_data_in(value)
    if found:
        raise ValidationError(
            field,
            f"{label}에 {found}로 보이는 숫자가 있습니다. 사유·메모에는 개인정보를 적지 "
            "마십시오. 그 숫자를 지운 뒤 다시 입력하십시오(필요하면 차트번호나 접수번호로 "
            "가리키십시오).",
        )
    return value


def personal_data_in(value: str) -> str | None:
    """The Korean name of the first kind of personal data found in ``value``, or None."""
    if not value or not any(c.isdigit() for c in value):
        return None
    for m in _RRN.finditer(value):
        if _is_rrn(m.group(1) + m.group(2)):
            return "주민등록번호(외국인등록번호)"
    if _PHONE.search(value):
        return "전화번호"
    for m in _CARD.finditer(value):
        digits = re.sub(r"\D", "", m.group(0))
        if 13 <= len(digits) <= 19 and _luhn(digits):
            return "카드 번호"
    return None


def _is_rrn(digits: str) -> bool:
    century = _CENTURY.get(digits[6])
    if century is None:
        return False
    try:
        dt.date(century + int(digits[0:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return False
    return True


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
