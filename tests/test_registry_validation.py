"""Registry input rules without a database: phones, resident numbers, 초성, query kinds, samples."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from privdesk.errors import ValidationError
from privdesk.personal import ResidentNumber
from privdesk.registry.hangul import chosung, initial_block, is_chosung_only, prefix_upper_bound
from privdesk.registry.records import masked_rrn, retention_until
from privdesk.registry.sample import check_digit, make_rrn, sample_patients, write_sample_csv
from privdesk.registry.search import SearchKind, classify
from privdesk.registry.validation import (
    CheckDigitWarning,
    PatientInput,
    PatientInputError,
    address_district,
    mask_phone,
    normalise_phone,
    quick_valid,
    require_valid,
    validate_patient_input,
)

TODAY = dt.date(2026, 11, 25)
GOOD_RRN = "900101-1234568"  # legacy check digit correct
BAD_CHECK_RRN = "900101-1234567"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01012345678", "010-1234-5678"),
        ("010 1234 5678", "010-1234-5678"),
        ("+82 10-1234-5678", "010-1234-5678"),
        ("021234567", "02-123-4567"),
        ("02-1234-5678", "02-1234-5678"),
        ("031-123-4567", "031-123-4567"),
        ("0641234567", "064-123-4567"),
        ("070-1234-5678", "070-1234-5678"),
        ("0505-123-4567", "0505-123-4567"),
        ("050412345678", "0504-1234-5678"),
        ("1588-1234", "1588-1234"),
    ],
)
def test_phone_numbers_are_normalised_to_korean_formats(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("0101234567", "010 다음에 숫자 8자리"),
        ("011-123-4567", "011 번호는 더 이상 쓰이지 않습니다"),
        ("02-12-345", "02 다음에 숫자 7~8자리"),
        ("099-123-4567", "알 수 없는 지역번호입니다: 099"),
        ("010-1234-567a", "숫자와 하이픈"),
        ("12345678", "15XX"),
        ("031-12345-67890", "지역번호 031 다음에는"),
    ],
)
def test_other_phone_numbers_are_rejected_with_the_reason(raw: str, reason: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalise_phone(raw)
    assert reason in err.value.message


def test_masks_and_district() -> None:
    assert mask_phone("010-1234-5678") == "010-****-5678"
    assert mask_phone("02-123-4567") == "02-***-4567"
    assert mask_phone("1588-1234") == "****-1234"
    assert address_district("서울특별시 관악구 봉천로 1 101동 101호") == "서울특별시 관악구"
    assert address_district("경기도 성남시 분당구 판교역로 235") == "경기도 성남시 분당구"
    assert address_district("경기도 부천시 호수로 486") == "경기도 부천시"
    assert address_district("세종특별자치시 한누리대로 2130") == "세종특별자치시"
    assert address_district("울산광역시 울주군 삼산로 1") == "울산광역시 울주군"
    assert masked_rrn(dt.date(1990, 1, 1), "M", False) == "900101-1******"
    assert masked_rrn(dt.date(2005, 3, 9), "F", True) == "050309-8******"
    assert masked_rrn(dt.date(1899, 12, 31), "F", False) == "991231-0******"
    assert retention_until(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)


def _form(**kw: object) -> PatientInput:
    base: dict[str, object] = {
        "chart_no": "C-1",
        "name": "홍길동",
        "rrn": GOOD_RRN,
        "address": "서울특별시 관악구 봉천로 1",
        "phones": ["01012345678"],
        "first_visit": "2020-01-02",
        "last_visit": "2024-05-06",
    }
    base.update(kw)
    return PatientInput(**base)  # type: ignore[arg-type]


def test_a_valid_form_is_normalised() -> None:
    report = validate_patient_input(
        _form(name=" 홍  길동 ", phones=["010-1234-5678", "01012345678", "02 123 4567"]), today=TODAY
    )
    assert report.ok and not report.check_digit_warning and report.value is not None
    v = report.value
    assert v.name == "홍 길동"
    assert v.phones == ("010-1234-5678", "02-123-4567")  # the same number twice is kept once
    assert v.rrn.birth_date == dt.date(1990, 1, 1) and v.rrn.sex == "M"
    assert (v.first_visit, v.last_visit) == (dt.date(2020, 1, 2), dt.date(2024, 5, 6))
    assert "900101" not in repr(v) or "******" in repr(v)
    assert "1234568" not in repr(v) and "1234568" not in repr(_form())


def test_every_field_error_comes_back_at_once_in_korean() -> None:
    report = validate_patient_input(
        PatientInput(
            chart_no="",
            name="홍길동1",
            rrn="901301-1234567",
            address="x" * 201,
            phones=["010-1", "0212345678", "011-123-4567", "010-2222-3333"],
            first_visit="2020-13-01",
            last_visit=None,
        ),
        today=TODAY,
    )
    e = report.errors
    assert e["chart_no"] == "차트번호를 입력하십시오."
    assert "한글, 영문" in e["name"]
    assert e["rrn"] == "주민등록번호 앞자리가 실제 날짜(생년월일)가 아닙니다."
    assert "200자" in e["address"]
    assert e["phones"] == "전화번호는 3개까지 입력할 수 있습니다."
    assert "010 다음에" in e["phones.0"] and "011" in e["phones.2"] and "phones.1" not in e
    assert "YYYY-MM-DD" in e["first_visit"]
    assert report.value is None
    with pytest.raises(PatientInputError) as err:
        require_valid(_form(chart_no="차트 1"), accept_check_digit_warning=False, today=TODAY)
    assert err.value.field == "chart_no" and "영문, 숫자" in err.value.message


def test_visit_dates_are_checked_against_each_other_birth_and_today() -> None:
    assert (
        "앞설 수 없습니다"
        in validate_patient_input(
            _form(first_visit="2024-01-02", last_visit="2023-01-01"), today=TODAY
        ).errors["last_visit"]
    )
    assert (
        "오늘 이후"
        in validate_patient_input(_form(last_visit="2027-01-01"), today=TODAY).errors["last_visit"]
    )
    assert (
        "생년월일보다"
        in validate_patient_input(_form(first_visit="1980-01-01"), today=TODAY).errors["first_visit"]
    )
    v = validate_patient_input(_form(first_visit=None, last_visit=None), today=TODAY).value
    assert v is not None and v.first_visit == v.last_visit == TODAY


@pytest.mark.parametrize(
    ("rrn", "message"),
    [
        ("9001011234", "13자리"),
        ("900101-1234567-1", "13자리"),
        ("900230-1234567", "실제 날짜"),
        ("300101-3234567", "미래"),  # 2030 birth with the 2000s digit
    ],
)
def test_resident_number_errors(rrn: str, message: str) -> None:
    assert message in validate_patient_input(_form(rrn=rrn), today=TODAY).errors["rrn"]


def test_a_failed_check_digit_is_a_warning_the_user_must_accept() -> None:
    report = validate_patient_input(_form(rrn=BAD_CHECK_RRN), today=TODAY)
    assert report.ok and report.check_digit_warning
    with pytest.raises(CheckDigitWarning) as err:
        require_valid(_form(rrn=BAD_CHECK_RRN), accept_check_digit_warning=False, today=TODAY)
    assert err.value.field == "rrn" and "2020년 10월 이후" in err.value.message
    v = require_valid(_form(rrn=BAD_CHECK_RRN), accept_check_digit_warning=True, today=TODAY)
    assert v.check_digit_ok is False


def test_chosung_and_ranges() -> None:
    assert chosung("홍길동") == "ㅎㄱㄷ"
    assert chosung("남궁 민") == "ㄴㄱ ㅁ"
    assert chosung("JOHN") == "JOHN"
    assert is_chosung_only("ㅎㄱㄷ") and not is_chosung_only("ㅎ길") and not is_chosung_only("")
    low, high = initial_block("ㅎ")
    assert low == "하" and all(low <= c < high for c in "홍흥힣") and high > "힣"
    assert prefix_upper_bound("홍길") == "홍" + chr(ord("길") + 1)


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("ㅎㄱㄷ", SearchKind.CHOSUNG),
        ("홍", SearchKind.NAME_PREFIX),
        ("홍길동", SearchKind.NAME_PREFIX),
        ("홍ㄱ", SearchKind.NAME_PREFIX),
        ("900101-1234568", SearchKind.RRN),
        ("9001011234568", SearchKind.RRN),
        ("010-1234-5678", SearchKind.PHONE),
        ("01012345678", SearchKind.PHONE),
        ("02-123-4567", SearchKind.PHONE),
        ("5678", SearchKind.PHONE_LAST4),
        ("1990-01-01", SearchKind.BIRTH_DATE),
        ("00012345", SearchKind.CHART_NO),
        ("A-100", SearchKind.CHART_NO),
        ("2023-0001", SearchKind.CHART_NO),
        ("", SearchKind.ALL),
    ],
)
def test_queries_are_classified(query: str, kind: SearchKind) -> None:
    c = classify(query)
    assert c.kind is kind
    assert query not in repr(c) or not query


def test_generated_resident_numbers_are_valid_and_check_digits_follow_the_issue_date() -> None:
    import random

    rng = random.Random(7)
    legacy = make_rrn(rng, dt.date(1985, 6, 15), male=False, foreigner=False)
    assert legacy[:7] == "8506152" and ResidentNumber(legacy).check_digit_ok
    arn = make_rrn(rng, dt.date(1999, 1, 2), male=True, foreigner=True)
    assert arn[6] == "5" and ResidentNumber(arn).check_digit_ok and int(arn[7:9]) % 2 == 0
    assert make_rrn(rng, dt.date(2010, 1, 1), male=True, foreigner=False)[6] == "3"
    assert check_digit("900101123456", foreigner=False) == 8
    patients = list(sample_patients(3000, seed=11, today=TODAY))
    assert len({p.rrn.normalised() for p in patients}) == 3000
    assert len({p.chart_no for p in patients}) == 3000
    bad = 0
    for p in patients:
        digits = p.rrn.normalised()
        parsed = ResidentNumber.parse(digits, today=TODAY)  # real date, century digit consistent
        if not parsed.check_digit_ok:
            bad += 1
        assert p.first_visit <= p.last_visit <= TODAY and p.first_visit >= parsed.birth_date
        report = validate_patient_input(
            PatientInput(p.chart_no, p.name, digits, p.address, p.phones, p.first_visit, p.last_visit),
            today=TODAY,
        )
        assert report.ok, report.errors
    assert 0 < bad < 300  # newborns since 2020-10 and re-issued numbers only
    names = {p.name[0] for p in patients}
    assert {"김", "이", "박"} <= names
    assert sum(p.name.startswith("김") for p in patients) > 400  # about a fifth


def test_sample_csv_is_what_an_emr_writes(tmp_path: Path) -> None:
    path = write_sample_csv(tmp_path / "emr.csv", 20, seed=1, encoding="cp949", today=TODAY)
    with path.open(encoding="cp949", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["차트번호", "이름", "주민등록번호", "주소", "연락처", "최초내원일", "최종내원일"]
    assert len(rows) == 21 and all(r[2][6] == "-" for r in rows[1:])


QUICK_CASES: list[dict[str, object]] = [
    {},
    {"chart_no": " C-1 "},
    {"chart_no": ""},
    {"chart_no": "x" * 33},
    {"chart_no": "-1"},
    {"chart_no": "가1"},
    {"name": " 홍  길동 "},
    {"name": ""},
    {"name": "홍길동1"},
    {"name": "ㅎ" * 65},
    {"name": "Kim Min-ji"},
    {"name": "\u1112\u1169\u11bc길동"},  # decomposed jamo: NFC first
    {"rrn": "9001011234567"},
    {"rrn": "900101 1234568"},
    {"rrn": "901301-1234567"},
    {"rrn": "900101-9234567"},
    {"rrn": "211201-3847561"},
    {"rrn": "300101-3000000"},
    {"rrn": "12345"},
    {"rrn": ""},
    {"address": ""},
    {"address": "  서울   관악구 "},
    {"address": "가" * 201},
    {"phones": []},
    {"phones": ["010-1234-5678", "01012345678", "02 123 4567"]},
    {"phones": ["011-123-4567"]},
    {"phones": ["1", "2", "3", "4"]},
    {"phones": ["", "  ", "0212345678"]},
    {"phones": ["+82 10 1234 5678"]},
    {"first_visit": "", "last_visit": ""},
    {"first_visit": "", "last_visit": "2024-05-06"},
    {"first_visit": "2024-05-06", "last_visit": ""},
    {"first_visit": "2024-13-01"},
    {"last_visit": "2019-01-01"},
    {"last_visit": "2027-01-01"},
    {"first_visit": "1980-01-01"},
    {"first_visit": " 2020-01-02 "},
]


@pytest.mark.parametrize("change", QUICK_CASES)
def test_the_imports_quick_check_gives_what_the_form_validation_gives(change: dict[str, object]) -> None:
    """quick_valid (the import's per-row check): the same value when the form's validation passes,
    None (the import then words the errors through validate_patient_input) when it does not."""
    form = _form(**change)
    report = validate_patient_input(form, today=TODAY)
    quick = quick_valid(
        form.chart_no,
        form.name,
        form.rrn,
        form.address,
        list(form.phones),
        str(form.first_visit or ""),
        str(form.last_visit or ""),
        TODAY,
    )
    if report.value is None:
        assert quick is None
    else:
        assert quick is not None and quick.rrn.normalised() == report.value.rrn.normalised()
        assert (
            quick.chart_no,
            quick.name,
            quick.address,
            quick.phones,
            quick.first_visit,
            quick.last_visit,
            quick.check_digit_ok,
        ) == (
            report.value.chart_no,
            report.value.name,
            report.value.address,
            report.value.phones,
            report.value.first_visit,
            report.value.last_visit,
            report.value.check_digit_ok,
        )


def test_the_imports_quick_check_passes_the_sample_rows_as_the_form_does() -> None:
    LATER = dt.date(2100, 1, 1)  # the sample's visits run up to the real today
    for p in sample_patients(500, seed=11):
        digits = p.rrn.reveal()
        report = validate_patient_input(
            PatientInput(p.chart_no, p.name, digits, p.address or "", p.phones, p.first_visit, p.last_visit),
            today=LATER,
        )
        quick = quick_valid(
            p.chart_no,
            p.name,
            digits,
            p.address or "",
            p.phones,
            p.first_visit.isoformat(),
            p.last_visit.isoformat(),
            LATER,
        )
        assert report.value is not None and quick is not None
        assert (quick.chart_no, quick.name, quick.rrn.normalised(), quick.phones, quick.check_digit_ok) == (
            report.value.chart_no,
            report.value.name,
            report.value.rrn.normalised(),
            report.value.phones,
            report.value.check_digit_ok,
        )
