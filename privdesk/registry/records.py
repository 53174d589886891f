"""Turning a validated patient into stored values and back (암호화·마스킹): one place for the
row binding of every ciphertext, the blind-index purposes and the masks shown on screen."""

from __future__ import annotations

import datetime as dt
import secrets
import time
from typing import Any, Final

from privdesk.crypto import KeyRing
from privdesk.registry.hangul import chosung
from privdesk.registry.models import STATUS_ACTIVE
from privdesk.registry.validation import ValidPatient, phone_digits

PATIENTS: Final = "patients"
PHONES: Final = "patient_phones"
BI_RRN: Final = "rrn"
BI_PHONE: Final = "phone"
BI_LAST4: Final = "phone_last4"


def new_uid(random10: bytes | None = None) -> str:
    """A row binding made before the row exists: 48 bits of milliseconds, then 80 random bits
    (the layout of UUIDv7), 32 hex digits. Time-ordered, so new rows are appended at the end
    of the uid index instead of rewriting pages all over it during a bulk import."""
    return f"{time.time_ns() // 1_000_000:012x}{(random10 or secrets.token_bytes(10)).hex()}"


def phone_row_binding(uid: str, position: int) -> str:
    return f"{uid}:{position}"


def retention_until(last_visit: dt.date, years: int) -> dt.date:
    """``last_visit`` plus ``years`` (29 February falls back to 28 February)."""
    try:
        return last_visit.replace(year=last_visit.year + years)
    except ValueError:
        return last_visit.replace(year=last_visit.year + years, day=28)


def seventh_digit(birth_date: dt.date, sex: str, is_foreigner: bool) -> str:
    """The gender/century digit (law.md §5), derived from the stored birth date and sex."""
    male = sex == "M"
    if birth_date.year < 1900:
        return "9" if male else "0"
    if birth_date.year < 2000:
        return ("5" if male else "6") if is_foreigner else ("1" if male else "2")
    return ("7" if male else "8") if is_foreigner else ("3" if male else "4")


def masked_rrn(birth_date: dt.date, sex: str, is_foreigner: bool) -> str:
    """``900101-1******`` without decrypting anything."""
    return f"{birth_date:%y%m%d}-{seventh_digit(birth_date, sex, is_foreigner)}******"


def rrn_index(keys: KeyRing, digits13: str) -> bytes:
    return keys.blind_index(BI_RRN, digits13)


def phone_index(keys: KeyRing, formatted: str) -> bytes:
    return keys.blind_index(BI_PHONE, phone_digits(formatted))


def last4_index(keys: KeyRing, last4: str) -> bytes:
    return keys.blind_index(BI_LAST4, last4)


def patient_values(
    keys: KeyRing, v: ValidPatient, *, uid: str, retention_years: int, now: dt.datetime
) -> dict[str, Any]:
    """The ``patients`` row for ``v`` (without ``id``), encrypted and indexed."""
    digits = v.rrn.normalised()
    return {
        "uid": uid,
        "chart_no": v.chart_no,
        "name": v.name,
        "name_chosung": chosung(v.name),
        "rrn_enc": keys.encrypt(digits, PATIENTS, "rrn", uid),
        "rrn_bi": keys.blind_index(BI_RRN, digits),
        "birth_date": v.rrn.birth_date,
        "sex": v.rrn.sex,
        "is_foreigner": v.rrn.is_foreigner,
        "address_enc": keys.encrypt(v.address, PATIENTS, "address", uid) if v.address else None,
        "first_visit": v.first_visit,
        "last_visit": v.last_visit,
        "status": STATUS_ACTIVE,
        "retention_until": retention_until(v.last_visit, retention_years),
        "hold": False,
        "hold_reason": None,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def phone_values(keys: KeyRing, uid: str, phones: tuple[str, ...]) -> list[dict[str, Any]]:
    """``patient_phones`` rows (without ``patient_id``) for the numbers in order."""
    return [
        {
            "position": i,
            "phone_enc": keys.encrypt(p, PHONES, "phone", phone_row_binding(uid, i)),
            "phone_bi": keys.blind_index(BI_PHONE, phone_digits(p)),
            "last4_bi": keys.blind_index(BI_LAST4, p[-4:]),
        }
        for i, p in enumerate(phones)
    ]


def decrypt_rrn(keys: KeyRing, uid: str, blob: bytes) -> str:
    return keys.decrypt(blob, PATIENTS, "rrn", uid)


def decrypt_address(keys: KeyRing, uid: str, blob: bytes | None) -> str:
    return keys.decrypt(blob, PATIENTS, "address", uid) if blob else ""


def decrypt_phone(keys: KeyRing, uid: str, position: int, blob: bytes) -> str:
    return keys.decrypt(blob, PHONES, "phone", phone_row_binding(uid, position))
