"""Screenshots of the GUI for the documentation (docs/screenshots/*.png).

Builds a demo database in a temporary folder (the bundled hospital profile, a few staff
accounts, some access-log traffic, sample patients with intake entries), logs in as the privacy
officer and grabs the login dialog, the main window, the account-management screen, the
access-log viewer, the permission history, the patient registry (masked), the patient form with
an inline error and the import wizard's mapping step, offscreen — and, on a database made by
``privdesk demo``'s own code, the demo's marked login and main window.

Two passes, as the screens are used: at 1280×800 (``NAME.png``) and at 125 % scaling
(``QT_SCALE_FACTOR=1.25``, a second process, since Qt reads it at start; ``NAME-125.png``, the
same logical size, 1600×1000 pixels). Look at both: Korean text clipped at 125 % shows there first.
Run: ``python scripts/screenshots.py [OUTPUT_DIR] [--only-1x | --only-125]``.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# column widths, splitters and the last page from a fresh file: never the developer's ui.ini
os.environ["PRIVDESK_UI_SETTINGS"] = str(Path(tempfile.mkdtemp(prefix="privdesk-shots-ui-")) / "ui.ini")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from privdesk import clock
from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, FACILITY, INTAKE, OFFICER, PRIVACY
from privdesk.audit.chain import Action
from privdesk.backup.backups import make_backup
from privdesk.bootstrap import initialize
from privdesk.consent.sample import seed_consents
from privdesk.context import Actor, AppContext
from privdesk.demo import (
    DemoSeed,
    _seed_disclosures,
    seed_patients,
    seed_policy,
    seed_requests,
)
from privdesk.settings import BackupSettings, SecuritySettings, Settings, sqlite_url
from privdesk.training.sample import seed_training
from privdesk.ui.accounts.dialogs import AddAccountDialog
from privdesk.ui.accounts.page import AccountsPage
from privdesk.ui.app import create_application
from privdesk.ui.audit.integrity import RecoveryCodeDialog
from privdesk.ui.backup.keys import KeyBackupDialog
from privdesk.ui.firstrun import FirstRunDialog
from privdesk.ui.login import LoginDialog
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.registry.form import PatientFormDialog
from privdesk.ui.registry.import_wizard import ImportWizard
from privdesk.ui.registry.page import PatientsPage
from privdesk.ui.tasks import TaskRunner

OFFICER_PASSWORD = "Demo-officer1"
WINDOW_SIZE = (1280, 800)  # the main window in every shot (logical pixels)
SCALE_125 = "1.25"
SUFFIX_125 = "-125"
STAFF = (  # login, name, department, roles
    ("kim.sy", "김서연", "원무과", [INTAKE]),
    ("lee.jh", "이준호", "원무과", [INTAKE]),
    ("park.mk", "박민규", "시설팀", [FACILITY]),
    ("choi.ej", "최은정", "전산팀", [PRIVACY]),
    ("jung.hw", "정현우", "감사실", [AUDITOR]),
)


def wait(app: QApplication, runner: TaskRunner, seconds: float = 0.3) -> None:
    end = time.monotonic() + 30
    while runner.pending and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        app.processEvents()
        time.sleep(0.01)


def grab(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def shoot_review(app: QApplication, runner: TaskRunner, window: MainWindow, out: Path) -> None:
    """접속기록 점검 on this month's demo traffic: the findings, the first one's entries below."""
    from privdesk.review import Month
    from privdesk.ui.review.page import ReviewPage

    page = window.show_page("review")
    assert isinstance(page, ReviewPage)
    page.set_month(Month.of(clock.today_kst()))
    wait(app, runner)
    page.run_review()
    wait(app, runner, 1.0)
    review = page.review
    if review is not None and review.findings:
        page.select(review.findings[0].id)
        wait(app, runner, 0.5)
    grab(window, out / "access-review.png")


def main(argv: list[str]) -> int:
    flags = {a for a in argv[1:] if a.startswith("--")}
    args = [a for a in argv[1:] if not a.startswith("--")]
    out = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if "--only-125" not in flags:
        code = shoot_all(out)
        if code or "--only-1x" in flags:
            return code
    return shoot_125(out)


def shoot_125(out: Path) -> int:
    """The second pass at 125 % scaling, in a process of its own (Qt reads QT_SCALE_FACTOR at
    start), into a temporary folder; its files are moved here as ``NAME-125.png``."""
    with tempfile.TemporaryDirectory(prefix="privdesk-shots-125-") as folder:
        env = {**os.environ, "QT_SCALE_FACTOR": SCALE_125, "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run([sys.executable, __file__, folder, "--only-1x"], env=env, check=False)
        if done.returncode:
            return done.returncode
        for shot in sorted(Path(folder).glob("*.png")):
            target = out / f"{shot.stem}{SUFFIX_125}.png"
            shutil.move(shot, target)
            print(f"wrote {target}")
    return 0


def shoot_demo(app: QApplication, runner: TaskRunner, tmp: Path, out: Path) -> None:
    """A database made by ``privdesk demo``'s own code (build_demo): the login and main window
    with 견본(데모) in the title and the band."""
    from privdesk.demo import DEMO_PASSWORD, build_demo
    from privdesk.opening import open_context

    base = Settings(
        db_url=sqlite_url(tmp / "unused.sqlite3"),
        key_file=tmp / "unused.key",
        config_file=tmp / "config.toml",
        security=SecuritySettings(
            password_hash_memory_kib=8192, password_hash_iterations=1, password_hash_lanes=1
        ),
    )
    made = build_demo(base, patients=200, folder=tmp / "demo")
    ctx = open_context(made.settings)
    try:
        login = LoginDialog(ctx, runner)
        login.login_edit.setText("officer")
        login.show()
        wait(app, runner)
        grab(login, out / "demo-login.png")
        login.close()
        window = MainWindow(ctx, runner, users.login(ctx, "officer", DEMO_PASSWORD), idle_timeout_ms=0)
        window.resize(*WINDOW_SIZE)
        window.show()
        wait(app, runner, 0.6)
        grab(window, out / "demo-main-window.png")
        window.close()
        wait(app, runner)
        window.deleteLater()
        runner.wait()
    finally:
        ctx.engine.dispose()


def shoot_all(out: Path) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="privdesk-shots-"))
    try:
        app = create_application()
        runner = TaskRunner(app)
        wizard = FirstRunDialog(
            Settings(
                db_url=sqlite_url(tmp / "new.sqlite3"),
                key_file=tmp / "new.key",
                config_file=tmp / "config.toml",
            ),
            runner,
        )
        wizard.login_edit.setText("yook")
        wizard.name_edit.setText("육의곤")
        wizard.password_edit.setText(OFFICER_PASSWORD)
        wizard.show()
        wait(app, runner)
        grab(wizard, out / "first-run.png")
        wizard.close()

        (tmp / "backups").mkdir()
        settings = Settings(
            db_url=sqlite_url(tmp / "demo.sqlite3"),
            key_file=tmp / "demo.key",
            config_file=tmp / "config.toml",
            backup=BackupSettings(folder=tmp / "backups"),
            security=SecuritySettings(
                password_hash_memory_kib=8192, password_hash_iterations=1, password_hash_lanes=1
            ),
        )
        ctx = initialize(settings, officer_login="yook", officer_name="육의곤", password=OFFICER_PASSWORD)
        code = RecoveryCodeDialog(ctx.recovery_code or "", None)
        code.show()
        wait(app, runner)
        grab(code, out / "recovery-code.png")
        code.written.setChecked(True)
        code.accept()
        officer = users.login(ctx, "yook", OFFICER_PASSWORD)
        step = KeyBackupDialog(ctx, runner, officer)  # the wizard's last step: was the key backed up?
        step.show()
        wait(app, runner)
        grab(step, out / "first-run-key-backup.png")
        step.hide()  # (it cannot be dismissed without the tick; a screenshot only hides it)
        step.deleteLater()
        for login, name, dept, roles in STAFF:
            users.add_account(
                ctx, officer, login=login, name=name, roles=roles, department=dept, reason="신규 배치"
            )
        users.lock_account(ctx, officer, "lee.jh", "장기 휴가")
        _, otp = users.add_account(
            ctx, officer, login="seo.yj", name="서예진", roles=[INTAKE], department="원무과"
        )
        desk = users.change_password(ctx, users.login(ctx, "seo.yj", otp), otp, OFFICER_PASSWORD)
        seed_patients(DemoSeed(ctx, {INTAKE: desk}, 400, 7))
        for login in ("kim.sy", "park.mk"):
            users.reset_password(ctx, officer, login, reason="임시 비밀번호 재발급 요청")
        with ctx.unit(None) as u:  # demo traffic: intake work on patients, by chart number only
            for i in range(300):
                u.log(
                    Action.VIEW if i % 3 else Action.SEARCH,
                    f"patient:{1000 + i}",
                    search_kind=None if i % 3 else "chart_no",
                    detail="데모",
                )
        seed_cctv(ctx, officer)
        seed = DemoSeed(ctx, {INTAKE: desk, PRIVACY: officer, OFFICER: officer}, 400, 7)
        seed_consents(seed)  # before the disclosures: a disclosure on consent needs one
        _seed_disclosures(seed)
        seed_requests(seed)
        seed_policy(seed)
        seed_training(seed)

        make_backup(ctx, officer)  # the start page's backup box: green, with its age

        login = LoginDialog(ctx, runner)
        login.login_edit.setText("yook")
        login.password_edit.setText("x" * 10)
        login.message.setText("아이디 또는 비밀번호가 올바르지 않습니다.")
        login.show()
        wait(app, runner)
        grab(login, out / "login.png")
        login.close()

        window = MainWindow(ctx, runner, officer, idle_timeout_ms=0)
        window.resize(*WINDOW_SIZE)
        window.show()
        wait(app, runner)
        grab(window, out / "main-window.png")
        page = window.show_page("accounts")
        wait(app, runner)
        if isinstance(page, AccountsPage):
            page.select_login("lee.jh")
        wait(app, runner)
        grab(window, out / "accounts.png")
        if isinstance(page, AccountsPage):
            page.add_account()
            dialog = page.dialog
            assert isinstance(dialog, AddAccountDialog)
            dialog.login_edit.setText("han.jw")
            dialog.name_edit.setText("한지원")
            dialog.department_edit.setText("원무과")
            dialog.roles.boxes[INTAKE].setChecked(True)
            wait(app, runner)
            grab(dialog, out / "add-account.png")
            dialog.reject()
        window.show_page("access_log")
        wait(app, runner)
        grab(window, out / "access-log.png")
        window.show_page("permission_history")
        wait(app, runner)
        grab(window, out / "permission-history.png")
        for key, name in (("policy", "policy"), ("consent", "consent-texts"), ("training", "training")):
            window.show_page(key)
            wait(app, runner)
            grab(window, out / f"{name}.png")
        shoot_review(app, runner, window, out)
        shoot_registry(app, runner, window, out, tmp)
        shoot_cctv(app, runner, window, out)
        shoot_rights(app, runner, window, out)
        shoot_lifecycle(app, runner, window, out)
        shoot_incidents(app, runner, window, ctx, officer, out)
        shoot_integrity(app, runner, window, ctx, out)
        window.lock()
        wait(app, runner)
        grab(window, out / "idle-lock.png")
        window.unlock()
        window.close()
        wait(app, runner)
        runner.wait()
        ctx.engine.dispose()
        shoot_demo(app, runner, tmp, out)
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def shoot_integrity(
    app: QApplication, runner: TaskRunner, window: MainWindow, ctx: AppContext, out: Path
) -> None:
    """An entry changed behind privdesk's back (the demo does it with sqlite3, as an intruder
    would), found by verify: the officer's start page with the red lock box, and the
    acknowledgement dialog."""
    from privdesk.integrity import verify_all
    from privdesk.ui.today import TodayPage

    with ctx.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER access_log_no_update")
        conn.exec_driver_sql("UPDATE access_log SET actor = 'kim.sy' WHERE seq = 40")
        conn.exec_driver_sql(
            "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log "
            "BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END"
        )
    verify_all(ctx, window.actor)
    page = window.show_page("today")
    if page is not None:
        page.reload()  # the access-log screen's verify runs as a task that marks pages stale
    wait(app, runner, 0.6)
    grab(window, out / "integrity-lock.png")
    if isinstance(page, TodayPage):
        page.integrity_box.acknowledge()
        dialog = page.integrity_box.dialog
        if dialog is not None:
            dialog.reason.setPlainText(
                "원무과 김서연 PC에서 DB 파일을 직접 열어 고친 것으로 확인, 접근 권한 회수"
            )
            wait(app, runner)
            grab(dialog, out / "integrity-acknowledge.png")
            dialog.reject()
    wait(app, runner)


def shoot_registry(app: QApplication, runner: TaskRunner, window: MainWindow, out: Path, tmp: Path) -> None:
    """환자 명부 (masked, one patient selected), the form with an inline error, the import mapping."""
    page = window.show_page("patients")
    assert isinstance(page, PatientsPage)
    wait(app, runner)
    page.search_edit.setText("김")
    page.search_now()
    wait(app, runner)
    page.select_row(2)
    wait(app, runner)
    grab(window, out / "patients.png")

    page.new_patient()
    form = page.dialog
    assert isinstance(form, PatientFormDialog)
    for key, value in (
        ("chart_no", "00000401"),
        ("name", "정다은"),
        ("rrn", "950231-2345678"),
        ("address", "서울특별시 마포구 마포대로 12"),
        ("phone0", "010-1234-567"),
    ):
        form.edits[key].setText(value)
    wait(app, runner)
    grab(form, out / "patient-form.png")
    form.reject()

    sample = tmp / "emr-export.csv"
    with sample.open("w", encoding="cp949", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["환자번호", "성명", "주민등록번호", "주소", "휴대폰", "최종내원일", "비고"])
        w.writerow(
            [
                "A-1001",
                "김철수",
                "800101-1234566",
                "부산광역시 수영구 수영로 3",
                "010-2222-3333",
                "2024-02-01",
                "",
            ]
        )
        w.writerow(
            [
                "A-1002",
                "이영희",
                "951231-2345674",
                "대구광역시 중구 국채보상로 9",
                "02-345-6789",
                "2023-11-30",
                "재진",
            ]
        )
    page.open_import()
    wizard = page.dialog
    assert isinstance(wizard, ImportWizard)
    wizard.file_page.path_edit.setText(str(sample))
    wizard.next()
    wait(app, runner)
    grab(wizard, out / "import-mapping.png")
    wizard.reject()
    wait(app, runner)


def shoot_rights(app: QApplication, runner: TaskRunner, window: MainWindow, out: Path) -> None:
    """정보주체 요구 (the inbox and a completed correction with its notices), the 제3자 제공 대장,
    the 수탁업체 list, and the start screen's overdue line."""
    from privdesk.ui.disclosures import DisclosuresPage
    from privdesk.ui.requests.page import RequestsPage

    window.show_page("today")
    wait(app, runner)
    grab(window, out / "start-overdue.png")
    page = window.show_page("requests")
    assert isinstance(page, RequestsPage)
    wait(app, runner)
    grab(window, out / "requests-inbox.png")
    page.filter_combo.setCurrentIndex(1)  # all, closed included
    wait(app, runner)
    corrected = next(r for r in page.model.rows() if r.kind == "correct" and r.state == "completed")
    detail = page.open_request(corrected.id)
    wait(app, runner, 0.6)
    detail.tabs.setCurrentIndex(detail.tabs.count() - 1)  # 정정 통지
    wait(app, runner)
    grab(detail, out / "request-correction-notices.png")
    detail.reject()
    disclosures = window.show_page("disclosures")
    assert isinstance(disclosures, DisclosuresPage)
    disclosures.ledger.first.setDate(disclosures.ledger.first.date().addDays(-365))
    wait(app, runner)
    grab(window, out / "disclosure-ledger.png")
    window.show_page("processors")
    wait(app, runner)
    grab(window, out / "processors.png")


def shoot_lifecycle(app: QApplication, runner: TaskRunner, window: MainWindow, out: Path) -> None:
    """보유·파기: the dashboard, the retention rules and the legal holds."""
    from privdesk.ui.lifecycle.page import LifecyclePage

    page = window.show_page("lifecycle")
    assert isinstance(page, LifecyclePage)
    wait(app, runner)
    grab(window, out / "lifecycle-dashboard.png")
    for tab, name in ((page.rules, "lifecycle-rules.png"), (page.holds, "lifecycle-holds.png")):
        if tab is not None:
            page.show_tab(tab)
            wait(app, runner)
            grab(window, out / name)


def shoot_incidents(
    app: QApplication, runner: TaskRunner, window: MainWindow, ctx: AppContext, officer: Actor, out: Path
) -> None:
    """유출 등 사고 대장: a misdelivered list learnt 30 hours ago (42 hours left), the start page's clock."""
    import datetime as dt

    from sqlalchemy import select

    from privdesk import clock
    from privdesk.incidents.affected import affect_charts
    from privdesk.incidents.register import IncidentInput, open_incident
    from privdesk.registry.models import Patient

    opened = open_incident(
        ctx,
        officer,
        IncidentInput(
            learnt_at=clock.now() - dt.timedelta(hours=30),
            kind="misdelivery",
            summary="진료 예약 안내 명단(이름·연락처·주소)이 다른 거래처 팩스로 잘못 전송됨",
            reporter="원무과 서예진",
            files=("patient",),
            items=("이름", "연락처", "주소"),
            containment="수신처에 파기 요청, 파기 확인서 회신 받음",
        ),
    )
    with ctx.session() as s:
        charts = list(s.execute(select(Patient.chart_no).order_by(Patient.id).limit(37)).scalars())
    affect_charts(ctx, officer, opened.number, charts)
    window.show_page("incidents")
    wait(app, runner, 0.6)
    grab(window, out / "incidents.png")
    me = window.show_page("today")
    me.reload()  # opened here through the use case, not the GUI: no change signal
    wait(app, runner)
    grab(window, out / "start-incident.png")


def seed_cctv(ctx: AppContext, officer: Actor) -> None:
    """CCTV demo data: requests on the 10-day clock (overdue, due soon, fresh, past retention,
    completed), internal viewings, a police provision and an evidence hold."""
    import datetime as dt

    from privdesk import clock
    from privdesk.cctv import decisions, requests, retention, viewlog
    from privdesk.cctv.provisions import ProvisionInput, provide_footage

    now, today = clock.now(), clock.today_kst()

    def at(days_ago: int, hour: int, minutes: int = 60) -> tuple[dt.datetime, dt.datetime]:
        start = dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour), tzinfo=clock.KST)
        return start, start + dt.timedelta(minutes=minutes)

    def receive(
        name: str,
        phone: str,
        days_ago: int,
        received_days_ago: float,
        cameras: list[str],
        purpose: str,
        **kw: object,
    ) -> requests.RequestDetail:
        start, end = at(days_ago, 14)
        return requests.receive_request(
            ctx,
            officer,
            requests.RequestInput(
                kind=str(kw.pop("kind", "view")),
                requester_name=name,
                requester_phone=phone,
                relation=str(kw.pop("relation", "self")),
                id_document="주민등록증",
                cameras=cameras,
                window_start=start,
                window_end=end,
                purpose=purpose,
                received_at=now - dt.timedelta(days=received_days_ago),
                **kw,
            ),
        )  # type: ignore[arg-type]

    done = receive("한지민", "010-4821-7730", 20, 18, ["CAM-01"], "로비에서 분실한 가방 확인")
    decisions.approve(
        ctx,
        officer,
        done.id,
        decisions.Approval(
            eligibility="appears",
            eligibility_note="청구인이 CAM-01 영상에 보임",
            viewing_at=now - dt.timedelta(days=14),
        ),
    )
    decisions.complete(ctx, officer, done.id, witness="박민규", done_at=now - dt.timedelta(days=14))
    receive("김도윤", "010-3342-1187", 13, 12, ["CAM-02", "CAM-07"], "주차장 차량 접촉 사고 확인")
    receive("이서연", "010-9051-2264", 9, 8.2, ["CAM-14"], "진료 대기 중 넘어짐 사고 경위 확인", kind="exist")
    receive(
        "박하준",
        "010-7714-5520",
        3,
        1,
        ["CAM-05", "CAM-06"],
        "아버지 낙상 사고 경위 확인",
        relation="guardian",
        subject_name="박정수",
        proxy_checked=True,
    )
    receive("최유나", "010-2290-6613", 41, 0.1, ["CAM-21"], "외부 주차장 차량 긁힘 확인")
    for i, (cam, purpose, witness) in enumerate(
        (
            ("CAM-03", "분실물(지갑) 확인", "최은정"),
            ("CAM-09", "야간 출입문 개방 경위 확인", ""),
            ("CAM-12", "주차 차량 파손 신고 확인", "박민규"),
            ("CAM-01", "로비 소란 상황 확인", ""),
            ("CAM-17", "화재감지기 오작동 시각 확인", "정현우"),
            ("CAM-04", "택배 분실 확인", ""),
        )
    ):
        start, end = at(i + 1, 9 + i, 30)
        viewlog.record_viewing(
            ctx, officer, viewlog.QuickViewing([cam], start, end, purpose, witness=witness)
        )
    start, end = at(6, 22, 90)
    provide_footage(
        ctx,
        officer,
        ProvisionInput(
            recipient="관악경찰서 형사과",
            legal_basis="개인정보 보호법 제18조제2항제2호 (형사소송법 제199조제2항 사실조회)",
            purpose="응급실 앞 폭행 사건 수사",
            form="사본 제공(USB)",
            cameras=["CAM-10", "CAM-11"],
            window_start=start,
            window_end=end,
            document_no="형사과-2026-4412",
            period="수사 종결 시까지",
            witness="박민규",
        ),
    )
    start, end = at(27, 20, 180)
    retention.set_hold(
        ctx,
        officer,
        retention.HoldInput(
            cameras=["CAM-22", "CAM-23"],
            window_start=start,
            window_end=end,
            reason_kind="incident",
            reason="외부 주차장 차량 파손 — 보험사 확인 대기",
            until_date=today + dt.timedelta(days=30),
        ),
    )


def shoot_cctv(app: QApplication, runner: TaskRunner, window: MainWindow, out: Path) -> None:
    """CCTV: the inbox with its colours, the intake (past retention said at once), a request detail,
    the viewing log, the ledger preview, holds with the retention check, the cameras."""
    import datetime as dt

    from privdesk import clock
    from privdesk.ui.cctv.intake import IntakeDialog
    from privdesk.ui.cctv.page import CctvPage

    page = window.show_page("cctv")
    assert isinstance(page, CctvPage) and page.inbox is not None
    wait(app, runner)
    page.inbox.include_closed.setChecked(True)
    wait(app, runner)
    grab(window, out / "cctv-inbox.png")
    page.inbox.new_request()
    intake = page.dialog
    assert isinstance(intake, IntakeDialog)
    wait(app, runner)
    intake.name_edit.setText("정우진")
    intake.phone_edit.setText("010-6620-4471")
    intake.purpose_edit.setPlainText("응급실 입구에서 넘어진 사고 확인")
    intake.picker.set_checked(["CAM-03", "CAM-04"])
    intake.window_edit.set_day(clock.today_kst() - dt.timedelta(days=35), dt.time(15), dt.time(16))
    wait(app, runner)
    grab(intake, out / "cctv-intake.png")
    intake.reject()
    wait(app, runner)
    guardian = next(r for r in page.inbox.model.rows() if r.requester == "박*준")
    detail = page.inbox.open_request(guardian.id)
    wait(app, runner, 0.6)
    grab(detail, out / "cctv-request.png")
    detail.reject()
    page.show_tab(page.ledger)
    wait(app, runner)
    grab(window, out / "cctv-viewing-log.png")
    page.ledger.print_from.setDate(page.ledger.print_from.date().addDays(-30))
    answer = QTimer()  # the printing asks its reason (사유) first, in a modal dialog

    def give_reason() -> None:
        from privdesk.ui.widgets import ReasonDialog

        for w in QApplication.topLevelWidgets():
            if isinstance(w, ReasonDialog) and w.isVisible():
                w.reason.setPlainText("월례 점검 자료")
                w.accept()

    answer.timeout.connect(give_reason)
    answer.start(50)
    page.ledger.print_ledger()
    answer.stop()
    end = time.monotonic() + 30
    while time.monotonic() < end and not (
        page.print_job and page.print_job.preview and page.print_job.preview.ready
    ):
        app.processEvents()
        time.sleep(0.01)
    wait(app, runner, 1.0)
    if page.print_job and page.print_job.preview:
        grab(page.print_job.preview, out / "cctv-ledger-preview.png")
        page.print_job.preview.reject()
    page.show_tab(page.holds)
    wait(app, runner)
    grab(window, out / "cctv-holds.png")
    page.show_tab(page.camera_tab)
    wait(app, runner)
    grab(window, out / "cctv-cameras.png")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
