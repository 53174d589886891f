"""The patient registry screen (환자 명부): search as you type, a lazy result list, the detail panel
and the actions the account may take.

One search box takes a name or its prefix, 초성 (ㅎㄱㄷ), a chart number, a resident number, a
phone number or its last four digits, or a birth date (YYYY-MM-DD); the ``search`` use case
recognises which. Typing restarts a 250 ms timer, so a search runs when the user pauses; each
search is logged by the use case with its kind, never its text. Results arrive one keyset page
at a time (:class:`~privdesk.ui.registry.model.PatientSearchModel`).

Actions and the permission each needs (buttons the account may not use are not shown; the use
cases check again): new patient, edit, intake, processing hold — ``patient.write`` (edit also
``patient.unmask``: the form needs the full values); unmask — ``patient.unmask``; export —
``patient.export``; import — ``patient.import``. The detail's 동의 tab — ``consent.read`` (recording and
withdrawing there: ``consent.record``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.errors import NotFoundError
from privdesk.korean import particle_in
from privdesk.personal import mask_name
from privdesk.registry.patients import (
    PatientDetail,
    UnmaskedFields,
    clear_hold,
    get_patient,
    set_hold,
    unmask,
)
from privdesk.registry.search import SearchCursor, SearchOrder, SearchPage, search
from privdesk.ui import messages
from privdesk.ui.confirm import confirm_destructive
from privdesk.ui.host import PageHost
from privdesk.ui.page import Page
from privdesk.ui.registry.consents import ConsentSection
from privdesk.ui.registry.detail import PatientDetailPanel
from privdesk.ui.registry.dialogs import ExportDialog, UnmaskDialog, VisitIntakeDialog
from privdesk.ui.registry.form import EDIT_UNMASK_REASON, PatientFormDialog
from privdesk.ui.registry.model import PatientSearchModel, kind_label
from privdesk.ui.tables import remember_table
from privdesk.ui.widgets import ReasonDialog, heading, recent_of

NOTICE_STYLE = "color: #1b5e20; background: #e8f5e9; padding: 6px; border: 1px solid #a5d6a7;"

DEBOUNCE_MS = 250


class PatientsPage(Page):
    """환자 명부 (permission: patient.read)."""

    SHOWS = frozenset(
        {"registry", "requests", "lifecycle"}
    )  # patients, their holds (requests) and separation (lifecycle)

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("patientsPage")
        actor = host.actor
        self.may_write = actor.may(Permission.PATIENT_WRITE)
        self.may_unmask = actor.may(Permission.PATIENT_UNMASK)
        self.dialog: QDialog | QMessageBox | None = None  # the dialog an action opened (tests reach it here)
        self.remask_ms: int | None = None  # None: settings.security.unmask_seconds (tests shorten it)
        self.current_id: int | None = None
        self._detail_generation = 0

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("환자 명부"), self))
        bar = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            self.tr("이름·초성(ㅎㄱㄷ)·차트번호·주민등록번호·전화번호(끝 4자리)·생년월일(YYYY-MM-DD)")
        )
        bar.addWidget(self.search_edit, 1)
        self.new_button = self._button(
            bar, "newButton", self.tr("신규 등록"), self.new_patient, self.may_write
        )
        self.import_button = self._button(
            bar, "importButton", self.tr("가져오기…"), self.open_import, actor.may(Permission.PATIENT_IMPORT)
        )
        self.export_button = self._button(
            bar,
            "exportButton",
            self.tr("내보내기…"),
            self.export_selected,
            actor.may(Permission.PATIENT_EXPORT),
        )
        layout.addLayout(bar)
        self.notice = QLabel(self)  # what the last save did (non-modal: the work goes on)
        self.notice.setObjectName("savedNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(lambda _t: self.debounce.start())
        self.search_edit.textEdited.connect(lambda _t: self.notice.hide())
        self.search_edit.returnPressed.connect(self.search_now)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = PatientSearchModel(host.runner, self)
        self.model.owner = self
        self.model.fetched.connect(self._fetched)
        self.table = QTableView(left)
        self.table.setObjectName("patientsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        # sorted by the server (차트번호, 이름, 생년월일), sized to the content, remembered
        remember_table(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.table.doubleClicked.connect(
            lambda _i: self.edit_patient() if self.edit_button is not None else None
        )
        left_layout.addWidget(self.table, 1)
        self.status = QLabel(left)
        self.status.setObjectName("status")
        left_layout.addWidget(self.status)

        self.panel = PatientDetailPanel(splitter)
        self.unmask_button = self._button(
            None, "unmaskButton", self.tr("마스킹 해제"), self.unmask_current, self.may_unmask
        )
        self.edit_button: QPushButton | None = self._button(
            None, "editButton", self.tr("수정"), self.edit_patient, self.may_write and self.may_unmask
        )
        self.intake_button = self._button(
            None, "intakeButton", self.tr("접수 추가"), self.add_intake, self.may_write
        )
        self.hold_button = self._button(
            None, "holdButton", self.tr("처리정지 설정"), self.toggle_hold, self.may_write
        )
        for button in (self.unmask_button, self.edit_button, self.intake_button, self.hold_button):
            if button is not None:
                self.panel.add_action(button)
        self.consents: ConsentSection | None = None
        if actor.may(Permission.CONSENT_READ):
            self.consents = ConsentSection(host, self.panel)
            self.panel.add_tab(self.consents, self.tr("동의"))
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([790, 310])  # the list whole at 1280 px (foreign names too); the panel beside
        layout.addWidget(splitter, 1)
        self._update_buttons()

    def _button(
        self, bar: QHBoxLayout | None, name: str, text: str, slot: Callable[[], None], allowed: bool
    ) -> QPushButton | None:
        if not allowed:
            return None
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        if bar is not None:
            bar.addWidget(button)
        return button

    # -- searching ------------------------------------------------------------------------------
    def search_box(self) -> QWidget | None:
        """Ctrl+F and the landing focus: intake staff start here with the cursor in the search box."""
        return self.search_edit

    def new_action(self) -> Callable[[], object] | None:
        """Ctrl+N: 신규 등록 (with patient.write)."""
        return self.new_patient if self.new_button is not None else None

    def reload(self) -> None:
        """Run the current search again and refresh the shown patient (after any data change)."""
        self.search_now()
        if self.current_id is not None:
            self.load_detail(self.current_id)

    def search_now(self) -> None:
        self.debounce.stop()
        ctx, actor, query = self.host.ctx, self.host.actor, self.search_edit.text()

        def fetch(after: SearchCursor | None, limit: int, order: SearchOrder, descending: bool) -> SearchPage:
            return search(ctx, actor, query, after=after, limit=limit, order=order, descending=descending)

        self.status.setText(self.tr("찾는 중…"))
        self.model.start(fetch)

    def _fetched(self) -> None:
        n = self.model.rowCount()
        kind = kind_label(self.model.kind)
        if n == 0 and self.model.exhausted:
            self.status.setText(self.tr("찾는 환자가 없습니다."))
        elif self.model.exhausted:
            self.status.setText(self.tr("{n}명 — 검색: {kind}").format(n=n, kind=kind))
        else:
            self.status.setText(
                self.tr("{n}명 표시 — 검색: {kind} — 아래로 내리면 더 읽습니다").format(n=n, kind=kind)
            )
        if self.current_id is not None and not self.table.selectionModel().hasSelection():
            row = self.model.row_of(self.current_id)
            if row >= 0:
                self.select_row(row)

    # -- selection and detail -------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_object(r).id for r in rows if r < self.model.rowCount()]

    def select_row(self, row: int) -> None:
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1 and ids[0] != self.current_id:
            self.load_detail(ids[0])
        self._update_buttons()

    def load_detail(self, patient_id: int) -> None:
        self.current_id = patient_id
        self._detail_generation += 1
        generation = self._detail_generation
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(
            lambda: get_patient(ctx, actor, patient_id),
            owner=self,
            on_done=lambda d: self._detail_loaded(generation, d),
            on_error=lambda exc: self._detail_failed(generation, exc),
        )

    def _detail_loaded(self, generation: int, detail: PatientDetail) -> None:
        if generation == self._detail_generation:
            self.panel.show_detail(detail)
            if self.consents is not None:
                self.consents.show_patient(
                    detail.id,
                    self.tr("{name} (차트번호 {chart})").format(name=detail.name, chart=detail.chart_no),
                )
            self._update_buttons()

    def _detail_failed(self, generation: int, exc: BaseException) -> bool:
        if generation != self._detail_generation:
            return True
        if isinstance(exc, NotFoundError):  # destroyed or separated meanwhile
            self.current_id = None
            self.panel.clear()
            if self.consents is not None:
                self.consents.clear()
            self._update_buttons()
        return False

    def _update_buttons(self) -> None:
        d = self.panel.detail
        for button in (self.edit_button, self.unmask_button, self.intake_button, self.hold_button):
            if button is not None:
                button.setEnabled(d is not None)
        if self.hold_button is not None:
            self.hold_button.setText(
                self.tr("처리정지 해제") if d is not None and d.hold else self.tr("처리정지 설정")
            )
        if self.export_button is not None:
            self.export_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _open(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- unmask ---------------------------------------------------------------------------------
    def unmask_current(self) -> None:
        d = self.panel.detail
        if d is None:
            return
        seconds = self.host.ctx.settings.security.unmask_seconds
        dialog = UnmaskDialog(self, d.chart_no, d.name, seconds, recent=recent_of(self.host, self.host.actor))
        ctx, actor, pid = self.host.ctx, self.host.actor, d.id

        def go() -> None:
            reason = dialog.reason_text()
            self.host.runner.run(lambda: unmask(ctx, actor, pid, reason), owner=self, on_done=self._unmasked)

        dialog.accepted.connect(go)
        self._open(dialog)

    def _unmasked(self, fields: UnmaskedFields) -> None:
        if self.panel.detail is None:
            return
        msecs = self.remask_ms if self.remask_ms is not None else fields.seconds * 1000
        self.panel.show_unmasked(fields, msecs)

    # -- new, edit ------------------------------------------------------------------------------
    def new_patient(self) -> None:
        form = PatientFormDialog(self.host, self)
        form.saved.connect(self._created)
        self._open(form)

    def _created(self, detail: PatientDetail) -> None:
        """A new patient: said on the page (masked), and the list shows and selects the new row —
        searched by its chart number, so it is there whatever the search was (the data-changed
        reload that follows runs that search)."""
        self._saved(detail)
        self.table.clearSelection()
        with QSignalBlocker(self.search_edit):
            self.search_edit.setText(detail.chart_no)
        self._say(
            self.tr("신규 환자 {name} (차트번호 {chart}){eul} 등록했습니다."),
            mask_name(detail.name),
            detail.chart_no,
        )

    def _edited(self, detail: PatientDetail) -> None:
        self._saved(detail)
        self._say(
            self.tr("{name} (차트번호 {chart})의 변경을 저장했습니다."),
            mask_name(detail.name),
            detail.chart_no,
        )

    def _say(self, template: str, name: str, chart: str) -> None:
        eul = particle_in(template, chart, "을/를")  # after "(차트번호 C-0009)"
        text = template.format(name=name, chart=chart, eul=eul)
        self.notice.setText(text)
        self.notice.show()
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15_000)

    def edit_patient(self) -> None:
        d = self.panel.detail
        if d is None:
            return
        ctx, actor, pid = self.host.ctx, self.host.actor, d.id

        def load() -> tuple[PatientDetail, UnmaskedFields]:
            return get_patient(ctx, actor, pid), unmask(ctx, actor, pid, EDIT_UNMASK_REASON)

        def loaded(result: tuple[PatientDetail, UnmaskedFields]) -> None:
            form = PatientFormDialog(self.host, self, detail=result[0], plain=result[1])
            form.saved.connect(self._edited)
            self._open(form)

        self.host.runner.run(load, owner=self, on_done=loaded)

    def _saved(self, detail: PatientDetail) -> None:
        self.current_id = detail.id
        self.panel.show_detail(detail)
        self._update_buttons()

    # -- intake and hold ------------------------------------------------------------------------
    def add_intake(self) -> None:
        d = self.panel.detail
        if d is not None:
            self._open(VisitIntakeDialog(self.host, self, d.id, d.name))

    def toggle_hold(self) -> None:
        d = self.panel.detail
        if d is None:
            return
        ctx, actor, pid = self.host.ctx, self.host.actor, d.id
        if not d.hold:
            dialog = ReasonDialog(
                self,
                self.tr("처리정지 설정"),
                self.tr(
                    "{name} (차트번호 {chart})의 처리를 정지합니다. 해제할 때까지 출력·내보내기·제3자 제공을 할 수 없습니다."
                ).format(name=d.name, chart=d.chart_no),
                ok_text=self.tr("설정"),
            )

            def go() -> None:
                reason = dialog.reason_text()
                self._run_hold(lambda: set_hold(ctx, actor, pid, reason))

            dialog.accepted.connect(go)
            self._open(dialog)
            return
        if confirm_destructive(
            self,
            self.tr("처리정지 해제"),
            self.tr("{name} (차트번호 {chart})의 처리정지를 해제합니다.").format(
                name=d.name, chart=d.chart_no
            ),
            self.tr(
                "해제하면 출력·내보내기·제3자 제공이 다시 가능해집니다. 정정 요구 처리가 끝났는지 확인하십시오."
            ),
            action_text=self.tr("처리정지 해제"),
        ):
            self._run_hold(lambda: clear_hold(ctx, actor, pid))

    def _run_hold(self, fn: Callable[[], PatientDetail]) -> None:
        self.host.runner.run(fn, owner=self, on_done=self._saved, changes=frozenset({"registry"}))

    # -- export and import ----------------------------------------------------------------------
    def export_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        default = Path.home() / f"patients-{clock.today_kst().isoformat()}.csv"
        dialog = ExportDialog(self.host, self, ids, may_unmask=self.may_unmask, default_path=default)
        dialog.exported.connect(self._exported)
        self._open(dialog)

    def _exported(self, count: int, path: str) -> None:
        messages.show_info(
            self,
            self.tr("내보내기 완료"),
            self.tr("환자 {n}명을 내보냈습니다: {path}").format(n=count, path=path),
            self.tr("내보낸 파일도 개인정보입니다. 목적을 다하면 바로 파기하십시오."),
        )

    def open_import(self) -> None:
        from privdesk.ui.registry.import_wizard import ImportWizard

        self._open(ImportWizard(self.host, self))

    def hideEvent(self, event: Any) -> None:
        self.panel.remask()  # leaving the screen masks again at once
        super().hideEvent(event)
