"""People on records (담당자·처리자 표시): the one place that turns login IDs into the names printed
on records and shown on screens.

Records store the acting account's login (``received_by``, ``placed_by``, ``actor_login`` …);
people read names. :func:`people` resolves a batch of logins in one query against the accounts
table (name, department), inside the caller's session, so every use case that returns rows for a
record or a screen can carry the display text with it: ``육의곤(yook)`` — the name, the login in
brackets. The scheduled jobs' pseudo-account (``system``) reads ``시스템(자동)``; a login without an
account (an account deleted from an old backup, free text typed into a 확인자 field) is shown as it is. Staff names are not the patients' personal data this app guards, and
none of this is logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk.context import SYSTEM_ACTOR
from privdesk.store.models import Account

_CHUNK = 500
SYSTEM_LABEL = "시스템(자동)"  # the scheduled jobs (보관기간 점검, 자동 파기 …), not a person


@dataclass(frozen=True)
class Person:
    """One account as records show it."""

    login: str
    name: str = ""
    department: str = ""

    @property
    def label(self) -> str:
        """``이름(login)``; ``시스템(자동)`` for the scheduled jobs; the login alone when there is no
        account of that name."""
        if not self.name:
            return SYSTEM_LABEL if self.login == SYSTEM_ACTOR else self.login
        return f"{self.name}({self.login})"

    @property
    def with_department(self) -> str:
        """``부서 이름(login)`` (the forms' 부서·성명 columns); the label when no department is set."""
        return f"{self.department} {self.label}" if self.department else self.label


class People(dict[str, Person]):
    """Logins → :class:`Person`; a login not in the accounts table gives a nameless Person."""

    def person(self, login: str | None) -> Person:
        login = login or ""
        return self.get(login) or Person(login)

    def label(self, login: str | None) -> str:
        """The display text of one login (``""`` for none)."""
        return self.person(login).label if login else ""

    def labels(self, logins: Iterable[str | None], sep: str = ", ") -> str:
        return sep.join(self.label(x) for x in logins if x)

    def department(self, login: str | None) -> str:
        return self.person(login).department


def people(session: Session, logins: Iterable[str | None]) -> People:
    """Resolve ``logins`` (duplicates and empties allowed) in one query per 500."""
    wanted = sorted({x for x in logins if x})
    out = People()
    for i in range(0, len(wanted), _CHUNK):
        for login, name, dept in session.execute(
            select(Account.login, Account.name, Account.department).where(
                Account.login.in_(wanted[i : i + _CHUNK])
            )
        ):
            out[login] = Person(login, name or "", dept or "")
    return out


def label_of(session: Session, login: str | None) -> str:
    """One login's display text (:meth:`Person.label`)."""
    return people(session, [login]).label(login)
