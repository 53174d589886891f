"""Typed personal data (개인정보 값 형식) whose ``str``/``repr`` never reveal the value.

A resident registration number (주민등록번호) or foreigner registration number (외국인등록번호) is
a :class:`ResidentNumber`; printing it, formatting it into a log line or an exception shows
``900101-1******``. The full number is only available through :meth:`ResidentNumber.reveal`.

Rules: ../shared/domain/law.md §5. Numbers issued from 2020-10-05 carry random digits instead of
a check digit, so a failed check digit is reported (``check_digit_ok``), never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from typing import Final

from privdesk.errors import ValidationError

_DIGITS_RE: Final = re.compile(r"^(\d{6})-?(\d{7})$")
_WEIGHTS: Final = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
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


class ResidentNumber:
    """A validated 13-digit RRN or ARN. Masked in ``str``, ``repr`` and f-strings."""

    __slots__ = ("_digits",)

    def __init__(self, digits: str) -> None:
        if len(digits) != 13 or not digits.isdigit():
            raise ValidationError("rrn", "주민등록번호는 숫자 13자리여야 합니다.")
        self._digits = digits

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str, today: dt.date | None = None) -> ResidentNumber:
        """Validate ``text`` (with or without the hyphen). Raises :class:`ValidationError`.

        The check digit is *not* enforced here; look at :attr:`check_digit_ok`.
        """
        cleaned = re.sub(r"\s", "", text or "")
        m = _DIGITS_RE.match(cleaned)
        if not m:
            raise ValidationError(
                "rrn", "주민등록번호는 숫자 13자리(생년월일 6자리-뒷자리 7자리)로 입력하십시오."
            )
        digits = m.group(1) + m.group(2)
        gender = digits[6]
        century = _CENTURY.get(gender)
        if century is None:
            raise ValidationError(
                "rrn", "주민등록번호 뒷자리 첫 숫자는 0에서 9 사이의 성별·세기 구분이어야 합니다."
            )
        try:
            birth = dt.date(century + int(digits[0:2]), int(digits[2:4]), int(digits[4:6]))
        except ValueError:
            raise ValidationError("rrn", "주민등록번호 앞자리가 실제 날짜(생년월일)가 아닙니다.") from None
        today = today or dt.date.today()
        if birth > today:
            raise ValidationError(
                "rrn", "주민등록번호의 생년월일이 미래입니다. 뒷자리 첫 숫자(세기 구분)를 확인하십시오."
            )
        return cls(digits)

    # -- derived facts --------------------------------------------------------------------
    @property
    def birth_date(self) -> dt.date:
        d = self._digits
        return dt.date(_CENTURY[d[6]] + int(d[0:2]), int(d[2:4]), int(d[4:6]))

    @property
    def sex(self) -> str:
        """``"M"`` or ``"F"`` (odd gender digits are male, 0 is the 1800s female)."""
        return "M" if self._digits[6] in "13579" else "F"

    @property
    def is_foreigner(self) -> bool:
        return self._digits[6] in "5678"

    @property
    def check_digit_ok(self) -> bool:
        total: int = sum(map(operator.mul, map(int, self._digits[:12]), _WEIGHTS))
        check = (11 - total % 11) % 10
        if self.is_foreigner:
            check = (check + 2) % 10
        return check == int(self._digits[12])

    @property
    def kind_label(self) -> str:
        return "외국인등록번호" if self.is_foreigner else "주민등록번호"

    # -- presentation ---------------------------------------------------------------------
    def masked(self) -> str:
        return f"{self._digits[:6]}-{self._digits[6]}******"

    def reveal(self) -> str:
        """The full number with the hyphen. Call only after the unmask permission check."""
        return f"{self._digits[:6]}-{self._digits[6:]}"

    def normalised(self) -> str:
        """13 digits, no hyphen: the form that is encrypted and blind-indexed."""
        return self._digits

    def __str__(self) -> str:
        return self.masked()

    def __repr__(self) -> str:
        return f"ResidentNumber({self.masked()!r})"

    def __format__(self, spec: str) -> str:
        return format(self.masked(), spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ResidentNumber) and other._digits == self._digits

    def __hash__(self) -> int:
        return hash(("ResidentNumber", self._digits))

    def __reduce__(self) -> tuple[object, ...]:  # pickling is refused: it would write the number out
        raise TypeError("ResidentNumber cannot be pickled")


def mask_phone(phone: str) -> str:
    """``010-1234-5678`` → ``010-****-5678``."""
    parts = phone.split("-")
    if len(parts) == 3:
        return f"{parts[0]}-{'*' * len(parts[1])}-{parts[2]}"
    return "*" * max(0, len(phone) - 4) + phone[-4:]


def mask_name(name: str) -> str:
    """``홍길동`` → ``홍*동``; two letters → ``홍*``."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
