"""The resident-number type: validation rules (law.md §5) and masking everywhere."""

from __future__ import annotations

import datetime as dt
import logging
import pickle

import pytest

from privdesk.errors import ValidationError
from privdesk.personal import ResidentNumber, mask_name, mask_phone


def with_check_digit(first12: str, foreigner: bool = False) -> str:
    weights = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
    check = (11 - sum(int(c) * w for c, w in zip(first12, weights, strict=True)) % 11) % 10
    if foreigner:
        check = (check + 2) % 10
    return first12 + str(check)


def test_valid_number_is_masked_in_str_repr_format_and_exceptions(caplog: pytest.LogCaptureFixture) -> None:
    digits = with_check_digit("900101123456")
    rrn = ResidentNumber.parse(digits[:6] + "-" + digits[6:])
    assert rrn.check_digit_ok
    assert str(rrn) == "900101-1******"
    assert repr(rrn) == "ResidentNumber('900101-1******')"
    assert f"{rrn}" == "900101-1******" and f"{rrn:>16}".endswith("900101-1******")
    assert rrn.reveal() == digits[:6] + "-" + digits[6:]
    assert rrn.birth_date == dt.date(1990, 1, 1) and rrn.sex == "M" and not rrn.is_foreigner
    with caplog.at_level(logging.INFO):
        logging.getLogger("privdesk.test").info("patient %s %r", rrn, rrn)
    assert digits[7:] not in caplog.text
    err = ValueError(f"bad {rrn!r}")
    assert digits[7:] not in str(err)
    with pytest.raises(TypeError):
        pickle.dumps(rrn)


@pytest.mark.parametrize(
    ("text", "birth", "sex"),
    [
        ("0001010", dt.date(1800, 1, 1), "F"),
        ("0512243", dt.date(2005, 12, 24), "M"),
        ("0402294", dt.date(2004, 2, 29), "F"),
    ],
)
def test_century_and_sex_come_from_the_seventh_digit(text: str, birth: dt.date, sex: str) -> None:
    digits = with_check_digit((text + "12345")[:12])
    rrn = ResidentNumber.parse(digits)
    assert rrn.birth_date == birth and rrn.sex == sex


def test_failed_check_digit_is_reported_not_rejected() -> None:
    digits = with_check_digit("211015312345")
    wrong = digits[:12] + str((int(digits[12]) + 1) % 10)
    rrn = ResidentNumber.parse(wrong)  # issued after 2020-10: random tail, no valid check digit
    assert rrn.check_digit_ok is False


def test_foreigner_number_uses_its_own_check_digit() -> None:
    digits = with_check_digit("850315512345", foreigner=True)
    arn = ResidentNumber.parse(digits)
    assert arn.is_foreigner and arn.check_digit_ok and arn.kind_label == "외국인등록번호"
    assert arn.birth_date == dt.date(1985, 3, 15)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("90010112345", "13자리"),
        ("900101-12345678", "13자리"),
        ("abcdef-1234567", "13자리"),
        ("901301-1234567", "실제 날짜"),
        ("900230-2234567", "실제 날짜"),
        ("300101-3234567", "미래"),
    ],
)
def test_invalid_numbers_get_a_korean_reason(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as err:
        ResidentNumber.parse(text, today=dt.date(2026, 11, 25))
    assert fragment in str(err.value) and err.value.field == "rrn"
    assert text[-4:] not in str(err.value)


def test_masking_helpers() -> None:
    assert mask_phone("010-1234-5678") == "010-****-5678"
    assert mask_phone("02-123-4567") == "02-***-4567"
    assert mask_name("홍길동") == "홍*동" and mask_name("남궁민수") == "남**수" and mask_name("이산") == "이*"
