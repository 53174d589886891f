"""Password rules (비밀번호 작성규칙) and one-time passwords.

The rule follows the widely used recommendation (law.md §2: a recommendation, not a fixed rule):
at least 8 characters of 3 kinds, or 10 characters of 2 kinds; not containing the account ID;
not one of the last N passwords (N = ``security.password_history``, 3 by default).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass

from privdesk.crypto import verify_password
from privdesk.errors import PasswordRuleError, ValidationError

_LOGIN_RE = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
_SPECIALS = "!@#$%^&*()-_=+[]{};:,.?/~"


def validate_login(login: str) -> str:
    if not _LOGIN_RE.match(login or ""):
        raise ValidationError(
            "login", "아이디는 영문 소문자로 시작하고 영문 소문자·숫자·._- 로 2~32자여야 합니다."
        )
    return login


def char_kinds(password: str) -> int:
    kinds = 0
    kinds += any(c.isupper() for c in password)
    kinds += any(c.islower() for c in password)
    kinds += any(c.isdigit() for c in password)
    kinds += any(not c.isalnum() for c in password)
    return kinds


def check_password_rules(password: str, *, login: str, previous_hashes: Iterable[str]) -> None:
    """Raise :class:`PasswordRuleError` naming the first rule the password breaks."""
    kinds = char_kinds(password)
    if not ((len(password) >= 8 and kinds >= 3) or (len(password) >= 10 and kinds >= 2)):
        raise PasswordRuleError(
            "complexity",
            "비밀번호 규칙 위반: 영문 대문자·소문자·숫자·특수문자 중 3종류 이상으로 8자 이상, "
            "또는 2종류 이상으로 10자 이상이어야 합니다.",
        )
    if len(login) >= 3 and login.lower() in password.lower():
        raise PasswordRuleError(
            "contains_login", "비밀번호 규칙 위반: 비밀번호에 아이디를 포함할 수 없습니다."
        )
    for phc in previous_hashes:
        if verify_password(password, phc):
            raise PasswordRuleError(
                "reused", "비밀번호 규칙 위반: 최근에 사용한 비밀번호는 다시 쓸 수 없습니다."
            )


def one_time_password(length: int = 12) -> str:
    """A random password that satisfies the rules (upper, lower, digit and a special sign)."""
    alphabet = string.ascii_letters + string.digits + _SPECIALS
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(length))
        if char_kinds(pw) == 4:
            return pw


@dataclass(frozen=True)
class ExpiryState:
    """Where a password stands against the optional expiry (비밀번호 변경주기)."""

    expired: bool
    days_left: int | None  # set only inside the notice period, before expiry


def expiry_state(
    changed_at: dt.datetime, now: dt.datetime, *, expiry_days: int, notice_days: int
) -> ExpiryState:
    """``expiry_days == 0`` turns expiry off. Days are whole days since the last change."""
    if expiry_days <= 0:
        return ExpiryState(False, None)
    age = (now - changed_at).days
    left = expiry_days - age
    if left <= 0:
        return ExpiryState(True, None)
    return ExpiryState(False, left if left <= notice_days else None)
