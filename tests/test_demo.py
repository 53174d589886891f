"""``privdesk demo`` (contract): a separate demo database with one account per role and sample
patients, made by the real command in a child process; the printed logins work."""

from __future__ import annotations

import pytest

from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, FACILITY, INTAKE, OFFICER, PRIVACY, Permission
from privdesk.audit.verify import verify_chain
from privdesk.demo import DEMO_PASSWORD, DemoSeed, build_demo, demo_folder, demo_settings
from privdesk.opening import open_context
from privdesk.registry.patients import get_patient
from privdesk.registry.search import search
from privdesk.settings import load_settings
from tests.helpers import run_cli


def all_rows(ctx, actor):  # type: ignore[no-untyped-def]
    rows, cursor = [], None
    while True:
        page = search(ctx, actor, "", after=cursor, limit=500)
        rows.extend(page.rows)
        if page.next_cursor is None:
            return rows
        cursor = page.next_cursor


def test_demo_creates_a_separate_database_whose_logins_work() -> None:
    done = run_cli("demo", "--no-gui", "--patients", "50")
    assert done.returncode == 0, done.stderr
    settings = demo_settings(load_settings())
    db_file = demo_folder() / "privdesk-demo.sqlite3"
    assert f"체험용 데이터베이스: {db_file}" in done.stdout
    assert f"키 파일: {settings.key_file}" in done.stdout
    assert "견본 데이터: 환자 50명" in done.stdout and "정정 중 1" in done.stdout
    assert f"비밀번호는 모두 {DEMO_PASSWORD}" in done.stdout
    for login in ("officer", "privacy", "intake", "facility", "auditor"):
        assert f"  {login} " in done.stdout
    assert db_file.is_file() and settings.key_file.is_file()
    assert not (load_settings().key_file).exists()  # the real installation is left alone

    ctx = open_context(settings)
    try:
        expected = {
            "officer": OFFICER,
            "privacy": PRIVACY,
            "intake": INTAKE,
            "facility": FACILITY,
            "auditor": AUDITOR,
        }
        actors = {}
        for login, role in expected.items():
            actor = users.login(ctx, login, DEMO_PASSWORD)
            assert not actor.must_change_password and actor.role_codes == (role,)
            actors[login] = actor
        desk = actors["intake"]
        assert desk.may(Permission.PATIENT_READ) and not actors["facility"].may(Permission.PATIENT_READ)
        rows = all_rows(ctx, desk)
        assert len(rows) == 50 and sum(r.hold for r in rows) == 1  # the open correction request
        names = [(r.name, r.birth_date) for r in rows]
        assert names == sorted(names)
        detail = get_patient(ctx, desk, rows[0].id)
        assert detail.intakes and all(
            detail.first_visit <= i.visit_date <= detail.last_visit for i in detail.intakes
        )
        assert detail.intakes[0].visit_date == detail.last_visit and detail.intakes[0].staff_login == "intake"
        assert verify_chain(ctx, actors["officer"]).ok  # everything went through the logged use cases
        from privdesk.cctv.requests import Urgency, list_requests

        inbox = list_requests(ctx, actors["facility"], open_only=True)
        assert [r.urgency for r in inbox][:2] == [Urgency.OVERDUE, Urgency.DUE_SOON]
        assert sum(r.footage_gone for r in inbox) == 1
        assert "CCTV: 열람 요구 3건" in done.stdout
        from privdesk.rights.requests import list_requests as subject_requests

        desk_inbox = subject_requests(ctx, desk, open_only=True)
        assert [r.urgency for r in desk_inbox][:1] == [Urgency.OVERDUE] and len(desk_inbox) >= 4
        assert "정보주체 요구" in done.stdout
        first_key = settings.key_file.read_bytes()
    finally:
        ctx.engine.dispose()

    again = run_cli("demo", "--no-gui", "--patients", "5")  # recreated, not added to
    assert again.returncode == 0, again.stderr
    assert settings.key_file.read_bytes() != first_key
    ctx = open_context(settings)
    try:
        assert len(all_rows(ctx, users.login(ctx, "intake", DEMO_PASSWORD))) == 5
    finally:
        ctx.engine.dispose()


def test_demo_refuses_a_database_option_and_a_bad_count() -> None:
    done = run_cli("--db", "elsewhere.sqlite3", "demo", "--no-gui")
    assert done.returncode == 1 and "--db" in done.stderr
    done = run_cli("demo", "--no-gui", "--patients", "-3")
    assert done.returncode == 2 and "0에서" in done.stderr


def test_later_modules_add_their_sample_data_through_seeders(tmp_path) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, str]] = []

    def cameras(seed: DemoSeed) -> str:
        seen.append((seed.patients, seed.actor(FACILITY).login))
        return "CCTV 3대"

    result = build_demo(load_settings(), patients=0, folder=tmp_path / "demo", seeders=[cameras])
    assert seen == [(0, "facility")] and result.summary == ("CCTV 3대",)
    assert result.db_path == tmp_path / "demo" / "privdesk-demo.sqlite3" and result.db_path.is_file()


@pytest.mark.parametrize("patients", [-1, 1_000_001])
def test_build_demo_checks_the_count(patients: int, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        build_demo(load_settings(), patients=patients, folder=tmp_path)


def test_the_demo_has_training_with_one_account_overdue_and_consent_texts_on_screen(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from privdesk import clock
    from privdesk.notice.usecases import status_in
    from privdesk.today import collect
    from privdesk.training.api import statuses
    from privdesk.training.usecases import list_sessions
    from privdesk.ui.consent.page import ConsentTextsPage
    from privdesk.ui.mainwindow import MainWindow
    from privdesk.ui.pages import DEFAULT_PAGES
    from privdesk.ui.tasks import TaskRunner

    result = build_demo(load_settings(), patients=20, folder=tmp_path / "demo")
    assert any(line.startswith("개인정보 보호 교육 3회, 이수 기록 10건") for line in result.summary)
    ctx = open_context(result.settings)
    runner = TaskRunner()
    try:
        officer = users.login(ctx, "officer", DEMO_PASSWORD)
        assert len(list_sessions(ctx, officer)) == 3
        today = clock.today_kst()
        with ctx.session() as s:
            late = [x.login for x in statuses(s, ctx.profile, today) if x.overdue]
            assert not status_in(s, ctx.profile, today).applies  # 20 patients: no yearly notice duty
        assert late == ["facility"]
        items = {i.key: i for i in collect(ctx, officer)}
        assert "박시설" in items["training.overdue"].text and items["training.overdue"].count == 1

        # the seeded consent texts show on the consent texts screen (the privacy team published them)
        privacy = users.login(ctx, "privacy", DEMO_PASSWORD)
        win = MainWindow(ctx, runner, privacy, pages=DEFAULT_PAGES, idle_timeout_ms=0)
        qtbot.addWidget(win)
        win.show()
        page = win.show_page("consent")
        assert isinstance(page, ConsentTextsPage)
        qtbot.waitUntil(lambda: page.loaded is not None, timeout=15_000)
        m = page.model
        assert m.rowCount() == 1 and m.data(m.index(0, 0)) == "제1판"
        assert m.data(m.index(0, 3)) == "최전산(privacy)"
        assert page.text_view.toPlainText().startswith("본원은 진료 예약·건강검진 안내")
        win.close()
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)
    finally:
        runner.wait()
        ctx.engine.dispose()
