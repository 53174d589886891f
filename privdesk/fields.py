"""Typed-in text as every use case accepts it (one rule for the whole product)."""

from __future__ import annotations

import re

from privdesk.errors import ValidationError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text(field: str, value: str | None, label: str, *, required: bool = True, limit: int = 200) -> str:
    """``value`` stripped of surrounding space and control characters (newlines and tabs stay); a
    ValidationError names the field when it is missing or too long."""
    value = _CONTROL.sub("", value or "").strip()
    if required and not value:
        raise ValidationError(field, f"{label}을(를) 입력하십시오.")
    if len(value) > limit:
        raise ValidationError(field, f"{label}은(는) {limit}자 이하로 입력하십시오.")
    return value
