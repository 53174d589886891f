"""The start page (내 정보): who is logged in, with which roles and permissions, and the
password change. For whoever handles data-subject requests (``request.handle``) it starts with a
prominent line counting the overdue and due-soon requests (red when any is overdue) and a button
to the request screen; for whoever handles breaches (``incident.handle``: the officer, privacy staff)
the hours left on each open incident's 72-hour clock (:mod:`privdesk.ui.incidents.clock`) and the overdue and
due-soon complaints (:mod:`privdesk.ui.complaints.due`); for whoever prepares destruction plans
(``destruction.plan``) the records past the destruction deadline, red, with the days overdue
(:mod:`privdesk.ui.lifecycle.deadline`); for whoever may back up (``backup``: the officer, IT) a line with the age of
the last good backup (red, in words, when older than the schedule allows; :mod:`privdesk.ui.backup.page`).
The lines refresh whenever data changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from privdesk.accounts.permissions import LABELS, ROLE_DESCRIPTIONS, ROLE_NAMES, Permission
from privdesk.context import INVESTIGATORS, Actor
from privdesk.errors import PrivdeskError
from privdesk.rights.requests import OverdueSummary, overdue_summary
from privdesk.ui.audit.integrity import IntegrityBox, NoticesBox
from privdesk.ui.backup.page import BackupBox
from privdesk.ui.complaints.due import ComplaintsDueBox
from privdesk.ui.host import PageHost
from privdesk.ui.incidents.clock import IncidentClockBox
from privdesk.ui.lifecycle.deadline import DestructionDeadlineBox
from privdesk.ui.login import ChangePasswordDialog
from privdesk.ui.page import Page
from privdesk.ui.widgets import fmt_datetime, heading

REQUESTS_PAGE = "requests"
OVERDUE_STYLE = ("QFrame#requestsBox { background: #fde7e9; border: 1px solid #f1a7ae; }"
                 " QLabel { color: #7f0000; font-weight: bold; }")
DUE_SOON_STYLE = ("QFrame#requestsBox { background: #fff3e0; border: 1px solid #f0c080; }"
                  " QLabel { color: #8a4b00; font-weight: bold; }")
CALM_STYLE = "QFrame#requestsBox { background: #f4f5f7; border: 1px solid #d0d4da; } QLabel { color: #333; }"


class MePage(Page):
    """Always shown. The account part reads only the logged-in account's own snapshot; the
    request line (``request.handle`` only) asks :func:`overdue_summary` in the background."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("mePage")
        self.dialog: ChangePasswordDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("내 정보"), self))
        self.integrity_box = IntegrityBox(host, self)       # the lock: officer and auditor only
        self.integrity_box.changed.connect(self.reload)
        layout.addWidget(self.integrity_box)
        self.notices_box = NoticesBox(host, self)
        layout.addWidget(self.notices_box)
        self.summary: OverdueSummary | None = None
        self.requests_box = QFrame(self)
        self.requests_box.setObjectName("requestsBox")
        box = QHBoxLayout(self.requests_box)
        box.setContentsMargins(10, 8, 10, 8)
        self.requests_line = QLabel(self.requests_box)
        self.requests_line.setObjectName("requestsLine")
        self.requests_line.setWordWrap(True)
        box.addWidget(self.requests_line, 1)
        self.requests_button = QPushButton(self.tr("정보주체 요구 열기"), self.requests_box)
        self.requests_button.setObjectName("openRequestsButton")
        self.requests_button.clicked.connect(lambda _c=False: self.open_requests())
        box.addWidget(self.requests_button)
        self.requests_box.setVisible(host.actor.may(Permission.REQUEST_HANDLE))
        layout.addWidget(self.requests_box)
        self.incidents_box = IncidentClockBox(host, self)        # the 72-hour clock of open breaches
        self.incidents_box.setVisible(host.actor.may(Permission.INCIDENT_HANDLE))
        layout.addWidget(self.incidents_box)
        self.complaints_box = ComplaintsDueBox(host, self)       # overdue and due-soon complaints
        self.complaints_box.setVisible(host.actor.may(Permission.INCIDENT_HANDLE))
        layout.addWidget(self.complaints_box)
        self.destruction_box = DestructionDeadlineBox(host, self)   # the 파기 기한 of records past retention
        self.destruction_box.setVisible(host.actor.may(Permission.DESTRUCTION_PLAN))
        layout.addWidget(self.destruction_box)
        self.backup_box = BackupBox(host, self)
        self.backup_box.changed.connect(self.reload)
        self.backup_box.setVisible(host.actor.may(Permission.BACKUP))
        layout.addWidget(self.backup_box)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.account_label = self._value("account")
        self.roles_label = self._value("roles")
        self.permissions_label = self._value("permissions")
        self.login_label = self._value("loginTime")
        self.previous_login_label = self._value("previousLoginTime")
        self.station_label = self._value("workstation")
        self.password_label = self._value("passwordState")
        self.form.addRow(self.tr("계정"), self.account_label)
        self.form.addRow(self.tr("역할"), self.roles_label)
        self.form.addRow(self.tr("할 수 있는 일"), self.permissions_label)
        self.form.addRow(self.tr("이번 로그인"), self.login_label)
        self.form.addRow(self.tr("지난 로그인"), self.previous_login_label)
        self.form.addRow(self.tr("작업 PC"), self.station_label)
        self.form.addRow(self.tr("비밀번호"), self.password_label)
        layout.addLayout(self.form)
        row = QHBoxLayout()
        self.change_button = QPushButton(self.tr("비밀번호 변경…"), self)
        self.change_button.setObjectName("changePasswordButton")
        self.change_button.clicked.connect(self.change_password)
        row.addWidget(self.change_button)
        row.addStretch(1)
        layout.addLayout(row)
        note = QLabel(self.tr(
            "이 프로그램에서 개인정보를 조회·변경·출력할 때마다 접속기록에 남습니다. "
            "자리를 비울 때는 로그아웃하십시오. 입력이 없으면 화면이 자동으로 잠깁니다."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        layout.addStretch(1)

    def _value(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def reload(self) -> None:
        actor: Actor = self.host.actor
        station = self.host.ctx.workstation
        self.account_label.setText(f"{actor.name} ({actor.login})")
        self.roles_label.setText("\n".join(
            f"{ROLE_NAMES.get(code, code)} — {ROLE_DESCRIPTIONS.get(code, '')}".rstrip(" —")
            for code in actor.role_codes) or self.tr("없음"))
        perms = [LABELS[p] for p in Permission if p in actor.permissions]
        self.permissions_label.setText(", ".join(perms) or self.tr("없음"))
        self.login_label.setText(fmt_datetime(self.host.logged_in_at))
        self.previous_login_label.setText(
            fmt_datetime(actor.previous_login_at) if actor.previous_login_at else self.tr("없음 (첫 로그인)"))
        self.station_label.setText(f"{station.host} ({station.ip})")
        days = actor.password_expires_in_days
        if days is not None:
            self.password_label.setText(self.tr("{days}일 뒤 만료됩니다. 미리 변경하십시오.").format(days=days))
            self.password_label.setStyleSheet("color: #b00020;")
        else:
            self.password_label.setText(self.tr("사용 중"))
            self.password_label.setStyleSheet("")

        self.reload_requests()
        self.incidents_box.reload()
        self.complaints_box.reload()
        self.destruction_box.reload()
        if actor.may(Permission.BACKUP):
            self.backup_box.show()
            self.backup_box.reload()
        else:
            self.backup_box.hide()
        self.notices_box.reload()
        if actor.role_codes and INVESTIGATORS & set(actor.role_codes):
            self.integrity_box.reload()

    # -- the data-subject requests waiting ------------------------------------------------------
    def reload_requests(self) -> None:
        actor = self.host.actor
        if not actor.may(Permission.REQUEST_HANDLE):
            self.requests_box.hide()
            return
        self.requests_box.show()
        keys = getattr(self.host, "page_keys", None)  # the main window lists its pages; a test host may not
        self.requests_button.setVisible(keys is None or REQUESTS_PAGE in keys())
        ctx = self.host.ctx
        self.host.runner.run(lambda: overdue_summary(ctx, actor), owner=self, on_done=self.show_summary,
                             on_error=self._summary_failed)

    def show_summary(self, s: OverdueSummary) -> None:
        self.summary = s
        if s.overdue:
            text = self.tr("처리 기한이 지난 정보주체 요구 {overdue}건, 기한 임박 {soon}건이 있습니다 (처리 중 {open}건). "
                           "바로 처리하십시오.").format(overdue=s.overdue, soon=s.due_soon, open=s.open)
            style = OVERDUE_STYLE
        elif s.due_soon:
            text = self.tr("처리 기한이 임박한 정보주체 요구 {soon}건이 있습니다 (처리 중 {open}건).").format(
                soon=s.due_soon, open=s.open)
            style = DUE_SOON_STYLE
        elif s.open:
            text = self.tr("처리 중인 정보주체 요구 {open}건 — 모두 기한 안에 있습니다.").format(open=s.open)
            style = CALM_STYLE
        else:
            text = self.tr("처리 중인 정보주체 요구가 없습니다.")
            style = CALM_STYLE
        self.requests_line.setText(text)
        self.requests_box.setStyleSheet(style)

    def _summary_failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.summary = None
            self.requests_line.setText(self.tr("정보주체 요구 현황을 불러오지 못했습니다: {error}").format(error=str(exc)))
            self.requests_box.setStyleSheet(CALM_STYLE)
            return True
        return False

    def open_requests(self) -> object:
        return self.host.show_page(REQUESTS_PAGE)

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.host.ctx, self.host.runner, self.host.actor, parent=self)
        self.dialog = dialog

        def changed() -> None:
            if dialog.actor is not None:
                self.host.replace_actor(dialog.actor)
            self.reload()

        dialog.accepted.connect(changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
