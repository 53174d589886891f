"""Helpers shared by the registry screen tests (this module holds no tests): accounts by role,
correctly generated resident numbers, patients registered through the use case, the screen
opened in a real main window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6

from privdesk.accounts import users
from privdesk.context import Actor, AppContext
from privdesk.registry.patients import PatientDetail, create_patient
from privdesk.registry.sample import check_digit
from privdesk.registry.validation import PatientInput
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.registry.page import PatientsPage
from privdesk.ui.tasks import TaskRunner
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

STAFF_PASSWORD = "Staff-pass12"


@pytest.fixture(name="runner")
def runner_fixture(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=30_000)
    r.wait()


@pytest.fixture(name="boss")
def boss_fixture(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def settle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=30_000)


def staff(ctx: AppContext, boss: Actor, login: str, roles: list[str], name: str = "직원") -> Actor:
    """A new account with ``roles`` that has already chosen its own password."""
    _, otp = users.add_account(ctx, boss, login=login, name=name, roles=roles)
    return users.change_password(ctx, users.login(ctx, login, otp), otp, STAFF_PASSWORD)


def rrn(first12: str, *, good: bool = True) -> str:
    """``first12`` plus the legacy check digit (or a wrong one), with the hyphen."""
    digit = check_digit(first12, foreigner=first12[6] in "5678")
    if not good:
        digit = (digit + 1) % 10
    return f"{first12[:6]}-{first12[6:]}{digit}"


HONG_RRN = rrn("900101123456")


def register(
    ctx: AppContext,
    actor: Actor,
    chart: str,
    name: str,
    resident: str,
    *,
    phones: tuple[str, ...] = (),
    address: str = "",
    first_visit: str | None = None,
    last_visit: str | None = None,
) -> PatientDetail:
    return create_patient(
        ctx,
        actor,
        PatientInput(
            chart_no=chart,
            name=name,
            rrn=resident,
            address=address,
            phones=phones,
            first_visit=first_visit,
            last_visit=last_visit,
        ),
    )


def register_hong(ctx: AppContext, actor: Actor) -> PatientDetail:
    return register(
        ctx,
        actor,
        "C-0001",
        "홍길동",
        HONG_RRN,
        phones=("010-1234-5678",),
        address="서울특별시 관악구 봉천로 1 101동 202호",
        first_visit="2021-03-02",
        last_visit="2024-05-06",
    )


def open_registry(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    actor: Actor,
) -> tuple[MainWindow, PatientsPage]:
    window = MainWindow(ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("patients")
    assert isinstance(page, PatientsPage)
    wait_search(qtbot, page)
    settle(qtbot, runner)
    return window, page


def wait_search(qtbot, page: PatientsPage) -> None:  # type: ignore[no-untyped-def]
    """Until the debounced search ran and its first page arrived."""
    qtbot.waitUntil(
        lambda: not page.debounce.isActive() and page.model.fetches >= 1 and not page.model.loading,
        timeout=15_000,
    )


def type_search(qtbot, page: PatientsPage, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Put ``text`` in the search box as typing would (setText: Hangul cannot be key-clicked)."""
    page.search_edit.setText(text)
    assert page.debounce.isActive()  # searching waits for a pause in typing
    wait_search(qtbot, page)
    return [r.name for r in page.model.rows()]


def close(qtbot, window: MainWindow, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    window.close()
    settle(qtbot, runner)


def closed(widget: object) -> bool:
    """A dialog closed (and perhaps already deleted: dialogs delete themselves when finished)."""
    return not shiboken6.isValid(widget) or not widget.isVisible()  # type: ignore[attr-defined]
