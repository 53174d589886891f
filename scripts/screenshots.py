"""Screenshots of the GUI for the documentation (docs/screenshots/*.png).

Builds a demo database in a temporary folder (the bundled hospital profile, a few staff
accounts, some access-log traffic), logs in as the privacy officer and grabs the login dialog,
the main window, the account-management screen, the access-log viewer and the permission
history, offscreen. Run: ``python scripts/screenshots.py [OUTPUT_DIR]``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, FACILITY, INTAKE, PRIVACY
from privdesk.audit.chain import Action
from privdesk.bootstrap import initialize
from privdesk.settings import SecuritySettings, Settings, sqlite_url
from privdesk.ui.account_dialogs import AddAccountDialog
from privdesk.ui.accounts import AccountsPage
from privdesk.ui.app import create_application
from privdesk.ui.firstrun import FirstRunDialog
from privdesk.ui.login import LoginDialog
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner

OFFICER_PASSWORD = "Demo-officer1"
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


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="privdesk-shots-"))
    try:
        app = create_application()
        runner = TaskRunner(app)
        wizard = FirstRunDialog(Settings(db_url=sqlite_url(tmp / "new.sqlite3"), key_file=tmp / "new.key",
                                         config_file=tmp / "config.toml"), runner)
        wizard.login_edit.setText("yook")
        wizard.name_edit.setText("육의곤")
        wizard.password_edit.setText(OFFICER_PASSWORD)
        wizard.show()
        wait(app, runner)
        grab(wizard, out / "first-run.png")
        wizard.close()

        settings = Settings(db_url=sqlite_url(tmp / "demo.sqlite3"), key_file=tmp / "demo.key",
                            config_file=tmp / "config.toml",
                            security=SecuritySettings(password_hash_memory_kib=8192, password_hash_iterations=1,
                                                      password_hash_lanes=1))
        ctx = initialize(settings, officer_login="yook", officer_name="육의곤", password=OFFICER_PASSWORD)
        officer = users.login(ctx, "yook", OFFICER_PASSWORD)
        for login, name, dept, roles in STAFF:
            users.add_account(ctx, officer, login=login, name=name, roles=roles, department=dept,
                              reason="신규 배치")
        users.lock_account(ctx, officer, "lee.jh", "장기 휴가")
        for login in ("kim.sy", "park.mk"):
            users.reset_password(ctx, officer, login, reason="임시 비밀번호 재발급 요청")
        with ctx.unit(None) as u:  # demo traffic: intake work on patients, by chart number only
            for i in range(300):
                u.log(Action.VIEW if i % 3 else Action.SEARCH, f"patient:{1000 + i}",
                      search_kind=None if i % 3 else "chart_no", detail="데모")

        login = LoginDialog(ctx, runner)
        login.login_edit.setText("yook")
        login.password_edit.setText("x" * 10)
        login.message.setText("아이디 또는 비밀번호가 올바르지 않습니다.")
        login.show()
        wait(app, runner)
        grab(login, out / "login.png")
        login.close()

        window = MainWindow(ctx, runner, officer, idle_timeout_ms=0)
        window.resize(1200, 760)
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
        window.lock()
        wait(app, runner)
        grab(window, out / "idle-lock.png")
        window.unlock()
        window.close()
        wait(app, runner)
        runner.wait()
        ctx.engine.dispose()
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
