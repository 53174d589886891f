"""Validation of registry input (입력 검증): one Korean sentence per field, nothing half-saved.

- Resident numbers (주민등록번호) and foreigner registration numbers (외국인등록번호): 13 digits, a
  real date, a 7th digit consistent with the century (law.md §5). A failed check digit is a
  *warning* (numbers issued from 2020-10 carry random digits): :class:`CheckDigitWarning`.
- Phone numbers (연락처) normalised to the Korean formats ``010-XXXX-XXXX``, ``02-XXX(X)-XXXX``,
  ``0XX-XXX(X)-XXXX``, ``070-XXXX-XXXX``, ``050X-XXX(X)-XXXX`` and ``15XX-XXXX``; anything
  else is rejected with the reason.

Error keys name the form fields: ``chart_no``, ``name``, ``rrn``, ``address``, ``phones.0`` …
``phones.2``, ``first_visit``, ``last_visit``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from privdesk.errors import ValidationError
from privdesk.korean import josa
from privdesk.personal import ResidentNumber
from privdesk.registry.labels import FIELD_LABELS
from privdesk.registry.models import MAX_PHONES

CHART_NO_MAX = 32
NAME_MAX = 64
ADDRESS_MAX = 200

_CHART_RE: Final = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-]*$")
_NAME_RE: Final = re.compile(r"^[가-힣A-Za-z][가-힣A-Za-z .'\-]*$")
_PHONE_CHARS_RE: Final = re.compile(r"[\s\-.()]")
_SPACES_RE: Final = re.compile(r"\s+")
_AREA_CODES: Final = frozenset(
    {
        "031",
        "032",
        "033",
        "041",
        "042",
        "043",
        "044",
        "051",
        "052",
        "053",
        "054",
        "055",
        "061",
        "062",
        "063",
        "064",
    }
)
_OLD_MOBILE: Final = frozenset({"011", "016", "017", "018", "019"})


class CheckDigitWarning(ValidationError):
    """The resident number's check digit fails (검증번호 불일치): the user must choose to keep it."""

    def __init__(self) -> None:
        super().__init__(
            "rrn",
            "주민등록번호 끝자리(검증번호)가 맞지 않습니다. 2020년 10월 이후 발급된 번호이면 그대로 저장하고, "
            "아니면 번호를 다시 확인하십시오.",
        )


class PatientInputError(ValidationError):
    """Input with one or more field errors; ``errors`` maps every field to its message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        first_field, first_message = next(iter(errors.items()))
        super().__init__(first_field, first_message)
        self.errors: dict[str, str] = dict(errors)


@dataclass(frozen=True)
class PatientInput:
    """What the new/edit form (or one import row) gives. Dates as ``date`` or ``YYYY-MM-DD``."""

    chart_no: str
    name: str
    rrn: str
    address: str = ""
    phones: Sequence[str] = ()
    first_visit: dt.date | str | None = None
    last_visit: dt.date | str | None = None

    def __repr__(self) -> str:  # the form's raw text must not reach a log line through repr
        return f"PatientInput(chart_no={self.chart_no!r}, ...)"


@dataclass(frozen=True)
class ValidPatient:
    """Input that passed validation, normalised. ``rrn`` stays a masked-by-default type."""

    chart_no: str
    name: str
    rrn: ResidentNumber
    address: str | None
    phones: tuple[str, ...]
    first_visit: dt.date
    last_visit: dt.date
    check_digit_ok: bool

    def __repr__(self) -> str:
        return f"ValidPatient(chart_no={self.chart_no!r}, rrn={self.rrn!r})"


@dataclass(frozen=True)
class ValidationReport:
    """Result of :func:`validate_patient_input`: field errors (Korean) and the warning flag."""

    errors: Mapping[str, str] = field(default_factory=dict)
    check_digit_warning: bool = False
    value: ValidPatient | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


# -- phones -----------------------------------------------------------------------------------
def normalise_phone(text: str) -> str:
    """``01012345678`` → ``010-1234-5678``. Raises :class:`ValidationError` with the reason."""
    raw = _PHONE_CHARS_RE.sub("", text or "")
    if raw.startswith("+82"):
        raw = "0" + raw[3:]
    if not raw:
        raise ValidationError("phones", "전화번호가 비어 있습니다.")
    if not raw.isdigit() or not raw.isascii():
        raise ValidationError("phones", "전화번호에는 숫자와 하이픈(-)만 쓸 수 있습니다.")
    n = len(raw)
    if raw.startswith("010"):
        if n != 11:
            raise ValidationError(
                "phones", "휴대전화 번호는 010 다음에 숫자 8자리여야 합니다 (010-XXXX-XXXX)."
            )
        return f"{raw[:3]}-{raw[3:7]}-{raw[7:]}"
    if raw[:3] in _OLD_MOBILE:
        raise ValidationError("phones", f"{raw[:3]} 번호는 더 이상 쓰이지 않습니다. 010 번호로 입력하십시오.")
    if raw.startswith("02"):
        if n not in (9, 10):
            raise ValidationError(
                "phones", "서울 전화번호는 02 다음에 숫자 7~8자리여야 합니다 (02-XXX(X)-XXXX)."
            )
        return f"02-{raw[2:-4]}-{raw[-4:]}"
    if raw.startswith("070"):
        if n != 11:
            raise ValidationError(
                "phones", "인터넷 전화번호는 070 다음에 숫자 8자리여야 합니다 (070-XXXX-XXXX)."
            )
        return f"070-{raw[3:7]}-{raw[7:]}"
    if raw[:3] in _AREA_CODES:
        if n not in (10, 11):
            raise ValidationError("phones", f"지역번호 {raw[:3]} 다음에는 숫자 7~8자리가 와야 합니다.")
        return f"{raw[:3]}-{raw[3:-4]}-{raw[-4:]}"
    if raw.startswith("050") and n in (11, 12) and raw[3] in "2345678":
        return f"{raw[:4]}-{raw[4:-4]}-{raw[-4:]}"
    if raw[:2] in ("15", "16", "18") and n == 8:
        return f"{raw[:4]}-{raw[4:]}"
    if raw.startswith("0"):
        raise ValidationError("phones", f"알 수 없는 지역번호입니다: {raw[:3]}. 지역번호를 확인하십시오.")
    raise ValidationError(
        "phones", "전화번호는 0으로 시작하는 지역번호·휴대전화 번호이거나 15XX·16XX·18XX 대표번호여야 합니다."
    )


def phone_digits(formatted: str) -> str:
    """The blind-indexed form of a phone number: digits only."""
    return formatted.replace("-", "")


def mask_phone(formatted: str) -> str:
    """``010-1234-5678`` → ``010-****-5678``; ``1588-1234`` → ``****-1234``."""
    parts = formatted.split("-")
    if len(parts) == 3:
        return f"{parts[0]}-{'*' * len(parts[1])}-{parts[2]}"
    return "****-" + formatted[-4:]


# -- addresses --------------------------------------------------------------------------------
def address_district(address: str | None) -> str:
    """The address up to the district (시·군·구): ``서울특별시 관악구 봉천로 1`` → ``서울특별시 관악구``."""
    if not address:
        return ""
    tokens = address.split()
    out = tokens[:1]
    for tok in tokens[1:3]:
        if tok.endswith(("시", "군", "구")):
            out.append(tok)
            if tok.endswith(("군", "구")):
                break
        else:
            break
    return " ".join(out)


# -- the whole form ---------------------------------------------------------------------------
def _date(value: dt.date | str | None, fieldname: str, label: str, errors: dict[str, str]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        errors[fieldname] = f"{josa(label, '은/는')} YYYY-MM-DD 형식의 실제 날짜로 입력하십시오."
        return None


def validate_patient_input(data: PatientInput, *, today: dt.date | None = None) -> ValidationReport:
    """Check every field; return all errors at once (for inline form validation)."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}

    chart_no = (data.chart_no or "").strip()
    if not chart_no:
        errors["chart_no"] = "차트번호를 입력하십시오."
    elif len(chart_no) > CHART_NO_MAX or not _CHART_RE.match(chart_no):
        errors["chart_no"] = f"차트번호는 영문, 숫자, 하이픈(-)으로 {CHART_NO_MAX}자 이내로 입력하십시오."

    name = _SPACES_RE.sub(" ", unicodedata.normalize("NFC", data.name or "")).strip()
    if not name:
        errors["name"] = "이름을 입력하십시오."
    elif len(name) > NAME_MAX:
        errors["name"] = f"이름은 {NAME_MAX}자 이내로 입력하십시오."
    elif not _NAME_RE.match(name):
        errors["name"] = "이름에는 한글, 영문, 공백과 . ' - 만 쓸 수 있습니다."

    rrn: ResidentNumber | None = None
    check_ok = True
    try:
        rrn = ResidentNumber.parse(data.rrn or "", today=today)
        check_ok = rrn.check_digit_ok
    except ValidationError as exc:
        errors["rrn"] = exc.message

    address = _SPACES_RE.sub(" ", unicodedata.normalize("NFC", data.address or "")).strip() or None
    if address is not None and len(address) > ADDRESS_MAX:
        errors["address"] = f"주소는 {ADDRESS_MAX}자 이내로 입력하십시오."

    phones: list[str] = []
    given = [p for p in data.phones if p and p.strip()]
    if len(given) > MAX_PHONES:
        errors["phones"] = f"전화번호는 {MAX_PHONES}개까지 입력할 수 있습니다."
    for i, text in enumerate(given[:MAX_PHONES]):
        try:
            formatted = normalise_phone(text)
        except ValidationError as exc:
            errors[f"phones.{i}"] = exc.message
            continue
        if formatted not in phones:
            phones.append(formatted)

    first = _date(data.first_visit, "first_visit", FIELD_LABELS["first_visit"], errors)
    last = _date(data.last_visit, "last_visit", FIELD_LABELS["last_visit"], errors)
    if "first_visit" not in errors and "last_visit" not in errors:
        first = first or last or today
        last = last or first
        if first > last:
            errors["last_visit"] = "최종 내원일이 최초 내원일보다 앞설 수 없습니다."
        elif last > today:
            errors["last_visit"] = "최종 내원일이 오늘 이후입니다. 날짜를 확인하십시오."
        elif rrn is not None and first < rrn.birth_date:
            errors["first_visit"] = "최초 내원일이 생년월일보다 앞섭니다. 날짜를 확인하십시오."

    if errors or rrn is None or first is None or last is None:
        return ValidationReport(errors=errors, check_digit_warning=rrn is not None and not check_ok)
    value = ValidPatient(
        chart_no=chart_no,
        name=name,
        rrn=rrn,
        address=address,
        phones=tuple(phones),
        first_visit=first,
        last_visit=last,
        check_digit_ok=check_ok,
    )
    return ValidationReport(errors={}, check_digit_warning=not check_ok, value=value)


def quick_valid(
    chart_no: str,
    name: str,
    rrn: str,
    address: str,
    phones: Sequence[str],
    first_visit: str,
    last_visit: str,
    today: dt.date,
) -> ValidPatient | None:
    """The import's per-row check: the :class:`ValidPatient` that :func:`validate_patient_input`
    gives for these values when they pass (the same rules, without building the form's input and
    report), or None when any rule fails — the caller then asks :func:`validate_patient_input`
    for every error in its Korean words. Dates are ``YYYY-MM-DD`` text, empty for none."""
    chart_no = chart_no.strip()
    if not chart_no or len(chart_no) > CHART_NO_MAX or not _CHART_RE.match(chart_no):
        return None
    name = _SPACES_RE.sub(" ", unicodedata.normalize("NFC", name)).strip()
    if not name or len(name) > NAME_MAX or not _NAME_RE.match(name):
        return None
    try:
        number = ResidentNumber.parse(rrn, today=today)
        first = dt.date.fromisoformat(first_visit.strip()) if first_visit else None
        last = dt.date.fromisoformat(last_visit.strip()) if last_visit else None
        formatted: list[str] = []
        given = [p for p in phones if p and p.strip()]
        if len(given) > MAX_PHONES:
            return None
        for text in given:
            one = normalise_phone(text)
            if one not in formatted:
                formatted.append(one)
    except (ValidationError, ValueError):
        return None
    clean_address = _SPACES_RE.sub(" ", unicodedata.normalize("NFC", address)).strip() or None
    if clean_address is not None and len(clean_address) > ADDRESS_MAX:
        return None
    first = first or last or today
    last = last or first
    if first > last or last > today or first < number.birth_date:
        return None
    return ValidPatient(
        chart_no=chart_no,
        name=name,
        rrn=number,
        address=clean_address,
        phones=tuple(formatted),
        first_visit=first,
        last_visit=last,
        check_digit_ok=number.check_digit_ok,
    )


def require_valid(
    data: PatientInput, *, accept_check_digit_warning: bool, today: dt.date | None = None
) -> ValidPatient:
    """Validate for saving: field errors raise :class:`PatientInputError`, an unaccepted failed
    check digit raises :class:`CheckDigitWarning`."""
    report = validate_patient_input(data, today=today)
    if report.errors:
        raise PatientInputError(report.errors)
    assert report.value is not None
    if report.check_digit_warning and not accept_check_digit_warning:
        raise CheckDigitWarning()
    return report.value
