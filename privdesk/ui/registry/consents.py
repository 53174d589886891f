"""The 동의 tab of the patient detail (환자 상세 → 동의): the patient's consent per purpose, its
history, recording a consent (dialog) and a withdrawal (confirmation with a reason).

Reading needs ``consent.read`` (the tab is there only then; every look is logged by the use case);
the buttons need ``consent.record``. Everything runs on the task runner; a refusal (no published
text, a missing form reference …) stays in the dialog in Korean so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.clock import fmt_datetime
from privdesk.consent import records
from privdesk.consent.purposes import Purpose
from privdesk.consent.texts import TextInfo, purposes, texts
from privdesk.errors import PrivdeskError
from privdesk.fields import reason as reason_field
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.login import ERROR_STYLE
from privdesk.ui.tablemodel import Column, RowTableModel, selected_row
from privdesk.ui.widgets import ReasonDialog, bar_button, bold, record_table

CTX = "ConsentSection"
STATE_TEXT = {
    "valid": QT_TRANSLATE_NOOP("ConsentSection", "동의(유효)"),
    "outdated": QT_TRANSLATE_NOOP("ConsentSection", "새 동의 필요"),
    "withdrawn": QT_TRANSLATE_NOOP("ConsentSection", "철회"),
    "none": QT_TRANSLATE_NOOP("ConsentSection", "기록 없음"),
}
ACTION_TEXT = {
    "given": QT_TRANSLATE_NOOP("ConsentSection", "동의"),
    "withdrawn": QT_TRANSLATE_NOOP("ConsentSection", "철회"),
}
METHODS = (
    ("kiosk", QT_TRANSLATE_NOOP("ConsentDialog", "키오스크")),
    ("paper", QT_TRANSLATE_NOOP("ConsentDialog", "서면 (스캔한 동의서)")),
    ("verbal", QT_TRANSLATE_NOOP("ConsentDialog", "구두 (다른 직원 입회)")),
)


def _tr(source: str) -> str:
    return QCoreApplication.translate(CTX, source)


def _version(v: int | None) -> str:
    return "" if v is None else QCoreApplication.translate("ConsentSection", "제{n}판").format(n=v)


class StatesModel(RowTableModel[records.PurposeState]):
    CONTEXT = CTX
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ConsentSection", "목적"), lambda s: s.purpose_name),
        Column(QT_TRANSLATE_NOOP("ConsentSection", "상태"), lambda s: _tr(STATE_TEXT.get(s.state, s.state))),
        Column(
            QT_TRANSLATE_NOOP("ConsentSection", "판"),
            lambda s: _version(s.latest.version if s.latest else None),
        ),
        Column(
            QT_TRANSLATE_NOOP("ConsentSection", "일시"),
            lambda s: fmt_datetime(s.latest.at) if s.latest else "",
        ),
        Column(
            QT_TRANSLATE_NOOP("ConsentSection", "방법·동의자"),
            lambda s: f"{s.latest.how} · {s.latest.who}" if s.latest else "",
        ),
    )


class HistoryModel(RowTableModel[records.ConsentRow]):
    CONTEXT = CTX
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ConsentSection", "일시"), lambda r: fmt_datetime(r.at)),
        Column(QT_TRANSLATE_NOOP("ConsentSection", "목적"), lambda r: r.purpose_name),
        Column(
            QT_TRANSLATE_NOOP("ConsentSection", "구분"), lambda r: _tr(ACTION_TEXT.get(r.action, r.action))
        ),
        Column(QT_TRANSLATE_NOOP("ConsentSection", "판"), lambda r: _version(r.version)),
        Column(QT_TRANSLATE_NOOP("ConsentSection", "방법·동의자"), lambda r: f"{r.how} · {r.who}"),
        Column(QT_TRANSLATE_NOOP("ConsentSection", "기록"), lambda r: r.recorded_by),
        Column(QT_TRANSLATE_NOOP("ConsentSection", "비고"), lambda r: r.note),
    )


class ConsentDialog(QDialog):
    """동의 기록: purpose, how (키오스크 / 서면 with the form's number / 구두 with a witness), by
    whom (본인 / 법정대리인 with name and relation). ``recorded`` after the use case saved it."""

    recorded = Signal(object)

    def __init__(
        self,
        host: PageHost,
        parent: QWidget | None,
        patient_id: int,
        title: str,
        choices: tuple[Purpose, ...],
        versions: Sequence[TextInfo] = (),
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.patient_id = patient_id
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("동의 기록 — {who}").format(who=title))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.purpose = QComboBox(self)
        self.purpose.setObjectName("purpose")
        for p in choices:
            self.purpose.addItem(p.name, p.code)
        self.versions = [v for v in versions if v.version is not None]
        self.version = QComboBox(self)
        self.version.setObjectName("version")
        self.text_view = QPlainTextEdit(self)
        self.text_view.setObjectName("consentText")
        self.text_view.setReadOnly(True)
        self.text_view.setFixedHeight(90)
        self.method = QComboBox(self)
        self.method.setObjectName("method")
        for code, label in METHODS:
            self.method.addItem(self.tr(label), code)
        self.form_ref = QLineEdit(self)
        self.form_ref.setObjectName("formRef")
        self.form_ref.setMaxLength(200)
        self.form_ref.setPlaceholderText(self.tr("예: SCAN-2026-0001"))
        self.witness = QLineEdit(self)
        self.witness.setObjectName("witness")
        self.witness.setMaxLength(64)
        self.witness.setPlaceholderText(self.tr("입회한 직원의 아이디"))
        self.signer = QComboBox(self)
        self.signer.setObjectName("signer")
        self.signer.addItem(self.tr("본인"), "self")
        self.signer.addItem(self.tr("법정대리인"), "representative")
        self.representative = QLineEdit(self)
        self.representative.setObjectName("representative")
        self.representative.setMaxLength(50)
        self.representative.setPlaceholderText(self.tr("이름 (가려서 저장됩니다)"))
        self.relation = QLineEdit(self)
        self.relation.setObjectName("relation")
        self.relation.setMaxLength(50)
        self.relation.setPlaceholderText(self.tr("예: 부, 모, 후견인"))
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note.setMaxLength(500)
        form.addRow(self.tr("동의 목적"), self.purpose)
        form.addRow(self.tr("문안 판"), self.version)
        form.addRow(self.tr("동의서 문안"), self.text_view)
        form.addRow(self.tr("방법"), self.method)
        form.addRow(self.tr("동의서 번호"), self.form_ref)
        form.addRow(self.tr("입회자"), self.witness)
        form.addRow(self.tr("동의한 사람"), self.signer)
        form.addRow(self.tr("법정대리인"), self.representative)
        form.addRow(self.tr("관계"), self.relation)
        form.addRow(self.tr("비고"), self.note)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("기록"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.purpose.currentIndexChanged.connect(lambda _i: self._fill_versions())
        self.version.currentIndexChanged.connect(lambda _i: self._show_text())
        self._fill_versions()
        self.method.currentIndexChanged.connect(lambda _i: self._update())
        self.signer.currentIndexChanged.connect(lambda _i: self._update())
        self._update()
        self.resize(420, self.sizeHint().height())

    def _fill_versions(self) -> None:
        """The purpose's published versions, newest first; the one in force chosen (a newer one
        may be signed in advance)."""
        code, today = self.purpose.currentData(), clock.today_kst()
        self.version.clear()
        mine = sorted((v for v in self.versions if v.purpose == code), key=lambda v: -(v.version or 0))
        for v in mine:
            when = v.effective_date.isoformat() if v.effective_date else ""
            self.version.addItem(self.tr("제{n}판 (시행 {date})").format(n=v.version, date=when), v.version)
        in_force = next((i for i, v in enumerate(mine) if v.effective_date and v.effective_date <= today), 0)
        self.version.setCurrentIndex(in_force if mine else -1)
        self._show_text()

    def _show_text(self) -> None:
        chosen, code = self.version.currentData(), self.purpose.currentData()
        text = next((v.text for v in self.versions if v.purpose == code and v.version == chosen), None)
        self.text_view.setPlainText(text if text is not None else self.tr("게시된 동의서 문안이 없습니다."))

    def _update(self) -> None:
        method = self.method.currentData()
        self.form_ref.setEnabled(method == "paper")
        self.witness.setEnabled(method == "verbal")
        representative = self.signer.currentData() == "representative"
        self.representative.setEnabled(representative)
        self.relation.setEnabled(representative)

    def data(self) -> records.ConsentInput:
        method = str(self.method.currentData())
        representative = self.signer.currentData() == "representative"
        return records.ConsentInput(
            patient_id=self.patient_id,
            purpose=str(self.purpose.currentData()),
            method=method,
            version=self.version.currentData(),
            form_ref=self.form_ref.text() if method == "paper" else "",
            witness=self.witness.text() if method == "verbal" else "",
            signer=str(self.signer.currentData()),
            representative=self.representative.text() if representative else "",
            relation=self.relation.text() if representative else "",
            note=self.note.text(),
        )

    def save(self) -> None:
        ctx, actor, data = self.host.ctx, self.host.actor, self.data()
        self.ok_button.setEnabled(False)
        self.message.clear()
        self.host.runner.run(
            lambda: records.record(ctx, actor, data),
            owner=self,
            on_done=self._saved,
            on_error=self._failed,
            changes=frozenset({"registry"}),
        )

    def _saved(self, row: records.ConsentRow) -> None:
        self.recorded.emit(row)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.ok_button.setEnabled(True)
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            return True
        return False


class ConsentSection(QWidget):
    """The 동의 tab: current state per purpose, the history, and (``consent.record``) the buttons."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("consentSection")
        self.patient_id: int | None = None
        self.title = ""
        self.dialog: QDialog | None = None  # the dialog an action opened (tests reach it here)
        self._generation = 0
        may_record = host.actor.may(Permission.CONSENT_RECORD)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.states = StatesModel(self)
        self.state_table = record_table(self, "consentStates", self.states, fit_contents=True)
        layout.addWidget(self.state_table, 1)
        bar = QHBoxLayout()
        self.record_button = (
            bar_button(self, bar, "recordConsent", self.tr("동의 기록…"), self.record) if may_record else None
        )
        self.withdraw_button = (
            bar_button(self, bar, "withdrawConsent", self.tr("철회…"), self.withdraw) if may_record else None
        )
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(bold(QLabel(self.tr("동의·철회 이력"), self)))
        self.history = HistoryModel(self)
        self.history_table = record_table(self, "consentHistory", self.history, fit_contents=True)
        layout.addWidget(self.history_table, 1)
        self.state_table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.clear()

    def clear(self) -> None:
        self._generation += 1
        self.patient_id = None
        self.states.set_rows([])
        self.history.set_rows([])
        self._update()

    def show_patient(self, patient_id: int, title: str) -> None:
        """Load ``patient_id``'s consents (one logged look)."""
        self.patient_id, self.title = patient_id, title
        self._generation += 1
        generation = self._generation
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(
            lambda: records.show(ctx, actor, patient_id),
            owner=self,
            on_done=lambda c: self._loaded(generation, c),
        )

    def _loaded(self, generation: int, consents: records.PatientConsents) -> None:
        if generation != self._generation:
            return
        self.states.set_rows(consents.states)
        self.history.set_rows(consents.history)
        self._update()

    def _update(self) -> None:
        if self.record_button is not None:
            self.record_button.setEnabled(self.patient_id is not None)
        if self.withdraw_button is not None:
            chosen = selected_row(self.state_table, self.states)
            self.withdraw_button.setEnabled(
                chosen is not None and chosen.latest is not None and chosen.latest.action == "given"
            )

    def _reload(self) -> None:
        if self.patient_id is not None:
            self.show_patient(self.patient_id, self.title)

    def record(self) -> None:
        if self.patient_id is None:
            return
        ctx, actor, pid, title = self.host.ctx, self.host.actor, self.patient_id, self.title

        def opened(versions: list[TextInfo]) -> None:
            if self.patient_id != pid:
                return
            dialog = ConsentDialog(self.host, self, pid, title, purposes(ctx), versions)
            dialog.recorded.connect(lambda _row: self._reload())
            self._open(dialog)

        self.host.runner.run(lambda: texts(ctx, actor), owner=self, on_done=opened)

    def withdraw(self) -> None:
        chosen = selected_row(self.state_table, self.states)
        if self.patient_id is None or chosen is None:
            return
        pid, code = self.patient_id, chosen.purpose
        dialog = ReasonDialog(
            self,
            self.tr("동의 철회"),
            self.tr(
                "{who}의 '{purpose}' 동의를 철회한 것으로 기록합니다. 이후 이 목적의 이용(연락 명단, 동의 근거 제공)에서 "
                "빠집니다. 철회 사유를 적으십시오 (개인정보는 적지 마십시오)."
            ).format(who=self.title, purpose=chosen.purpose_name),
            ok_text=self.tr("철회 기록"),
            validate=lambda t: reason_field("reason", t, "철회 사유", limit=500),
        )
        ctx, actor = self.host.ctx, self.host.actor

        def go() -> None:
            reason = dialog.reason_text()
            self.host.runner.run(
                lambda: records.withdraw(ctx, actor, pid, code, reason=reason),
                owner=self,
                on_done=lambda _row: self._reload(),
                changes=frozenset({"registry"}),
            )

        dialog.accepted.connect(go)
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
