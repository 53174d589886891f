"""The consent texts screen (동의서 문안): per purpose the versions, the text of the one chosen, a new
draft, publishing with the effective date and the fresh-consent decision, and the contact list in
one step (연락 명단 내보내기).

A page of its own rather than a tab of the privacy policy: the policy page is the officer's
(``policy.manage``), while the consent texts are managed with ``consent.manage`` (the privacy team)
and read with ``consent.read`` — which the intake desk has, together with ``patient.export``, so the
clerk who sends the notices finds the texts the patients agreed to and the contact list in one
place, without access to the policy. Every call goes through the consent use cases
(:mod:`privdesk.consent.texts`, :mod:`privdesk.consent.contacts`) on the task runner; they check
the permissions — the buttons only follow them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.consent import texts
from privdesk.consent.contacts import ContactExport, contact_purposes, export_contacts
from privdesk.consent.purposes import Purpose
from privdesk.consent.texts import TextInfo
from privdesk.context import Actor, AppContext
from privdesk.errors import PrivdeskError
from privdesk.files import Output
from privdesk.korean import particle_in
from privdesk.ui import messages
from privdesk.ui.confirm import confirm_destructive
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import Column, RowTableModel, select_where, selected_row
from privdesk.ui.widgets import bar_button, from_date, heading, recent_of, record_table, to_date

ERROR_STYLE = "color: #b3261e;"
CHANGES = frozenset({"consent", "policy"})  # the policy states the texts in force


def tr(source: str) -> str:
    return QCoreApplication.translate("ConsentTextsPage", source)


def version_label(v: TextInfo) -> str:
    if v.version is not None:
        return tr("제{n}판").format(n=v.version)
    return tr("초안 {id}").format(id=v.id)


def change_label(v: TextInfo) -> str:
    """What publishing decided: fresh consent (the purpose changed) or the wording only."""
    if v.version is None:
        return ""
    if v.requires_fresh_consent:
        return tr("새 동의 필요") if v.version > 1 else tr("첫 판")
    return tr("문구만 수정")


@dataclass(frozen=True)
class Loaded:
    """Every version of the chosen purpose, the newest first."""

    purpose: str
    versions: tuple[TextInfo, ...]

    @property
    def published(self) -> tuple[TextInfo, ...]:
        return tuple(v for v in self.versions if v.version is not None)

    @property
    def latest_draft(self) -> TextInfo | None:
        """The draft that 게시 would publish (the newest row, when it is a draft)."""
        if self.versions and self.versions[0].version is None:
            return self.versions[0]
        return None


def load(ctx: AppContext, actor: Actor, purpose: str) -> Loaded:
    """The published versions and the drafts written after the newest of them (an older draft was
    published or set aside by a later one: the list shows what was published, not every save)."""
    rows = texts.texts(ctx, actor, purpose)
    last = max((v.id for v in rows if v.version is not None), default=0)
    return Loaded(purpose, tuple(v for v in rows if v.version is not None or v.id > last))


class ConsentVersionsModel(RowTableModel[TextInfo]):
    """판 목록: the purpose's versions and drafts, the newest first."""

    CONTEXT = "ConsentVersionsModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ConsentVersionsModel", "판"), version_label, lambda v: v.id),
        Column(
            QT_TRANSLATE_NOOP("ConsentVersionsModel", "시행일"),
            lambda v: v.effective_date.isoformat() if v.effective_date else "",
        ),
        Column(QT_TRANSLATE_NOOP("ConsentVersionsModel", "동의"), change_label),
        Column(
            QT_TRANSLATE_NOOP("ConsentVersionsModel", "게시자(초안: 작성자)"),
            lambda v: v.published_by_name if v.version is not None else v.created_by_name,
        ),
        Column(
            QT_TRANSLATE_NOOP("ConsentVersionsModel", "게시·작성 일시"),
            lambda v: clock.fmt_datetime(v.published_at or v.created_at),
        ),
    )


class ConsentPublishDialog(QDialog):
    """게시: the effective date and — after the first version — the decision whether the purpose
    changed (동의를 다시 받아야 합니다) or only the wording (문구만 고칩니다); nothing is preselected."""

    def __init__(
        self, parent: QWidget, purpose_name: str, draft: TextInfo, number: int, earliest: dt.date | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consentPublishDialog")
        self.setWindowTitle(self.tr("동의서 문안 게시"))
        self.setMinimumWidth(520)
        self.purpose_name = purpose_name
        self.draft = draft
        self.number = number
        layout = QVBoxLayout(self)
        intro = QLabel(self._intro(), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("시행일"), self))
        self.date = QDateEdit(self)
        self.date.setObjectName("consentEffectiveDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        today = clock.today_kst()
        if earliest is not None:
            self.date.setMinimumDate(from_date(earliest))
        self.date.setMaximumDate(from_date(today + dt.timedelta(days=366)))
        self.date.setDate(from_date(max(today, earliest or today)))
        row.addWidget(self.date)
        row.addStretch(1)
        layout.addLayout(row)
        self.first = number == 1
        self.fresh = QRadioButton(
            self.tr(
                "동의를 다시 받아야 합니다 — 이용 목적·항목·제공받는 자가 바뀌었습니다. 이전 판에 한 동의는 "
                "시행일부터 효력이 없어, 다시 동의한 환자만 연락 명단에 들어갑니다."
            ),
            self,
        )
        self.fresh.setObjectName("consentFresh")
        self.wording = QRadioButton(
            self.tr("문구만 고칩니다 — 목적은 그대로입니다. 이전 판에 한 동의가 그대로 유효합니다."), self
        )
        self.wording.setObjectName("consentWordingOnly")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.fresh)
        self.choice.addButton(self.wording)
        for b in (self.fresh, self.wording):
            b.setStyleSheet("QRadioButton { padding: 2px; }")
        box = QGroupBox(self.tr("이전 판과 비교해 무엇이 바뀌었습니까?"), self)
        g = QVBoxLayout(box)
        g.addWidget(self.fresh)
        g.addWidget(self.wording)
        box.setVisible(not self.first)
        layout.addWidget(box)
        if self.first:
            note = QLabel(self.tr("첫 판입니다: 이 판부터 동의를 받습니다."), self)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("게시…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.choice.buttonToggled.connect(lambda *_a: self._update())
        self._update()

    def _intro(self) -> str:
        text = self.tr("'{purpose}' 동의서 문안 {draft}{eul} 제{n}판으로 게시합니다.")
        label = version_label(self.draft)
        return text.format(
            purpose=self.purpose_name, draft=label, eul=particle_in(text, label, "을/를"), n=self.number
        )

    def _update(self) -> None:
        self.ok_button.setEnabled(self.first or self.choice.checkedButton() is not None)

    def effective(self) -> dt.date:
        return to_date(self.date.date())

    def requires_fresh_consent(self) -> bool | None:
        """True/False as chosen; None for the first version (it always starts consent)."""
        if self.first:
            return None
        return self.fresh.isChecked()


class ContactExportDialog(QDialog):
    """연락 명단 내보내기: the purpose (a picker when the profile has more than one for contact), the
    reason, the file and — for accounts that may unmask — the full values. ``exported(result)``."""

    exported = Signal(object)

    def __init__(
        self,
        host: PageHost,
        parent: QWidget | None,
        choices: Sequence[Purpose],
        *,
        purpose: str | None,
        may_unmask: bool,
        default_path: Path,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("contactExportDialog")
        self.setWindowTitle(self.tr("연락 명단 내보내기"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "지금 유효한 동의가 있는 환자 전원을 CSV 파일로 내보냅니다. 처리정지·동의철회·처리 보류 "
                "중인 환자는 빠집니다. 사유가 환자마다 접속기록에 남습니다."
            ),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.purpose = QComboBox(self)
        self.purpose.setObjectName("contactPurpose")
        for p in choices:
            self.purpose.addItem(p.name, p.code)
        self.purpose.setCurrentIndex(max(0, self.purpose.findData(purpose)))
        if len(choices) > 1:
            form.addRow(self.tr("동의 목적"), self.purpose)
        else:
            self.purpose.hide()
        self.reason = QComboBox(self)
        self.reason.setObjectName("reason")
        self.reason.setEditable(True)
        for r in recent_of(host, host.actor):
            self.reason.addItem(r)
        self.reason.addItem(self.tr("진료 예약·검진 안내 발송"), "진료 예약·검진 안내 발송")
        self.reason.setCurrentIndex(-1)
        form.addRow(self.tr("사유"), self.reason)
        row = QHBoxLayout()
        self.confirmed_path = ""
        self.path_edit = QLineEdit(str(default_path), self)
        self.path_edit.setObjectName("path")
        row.addWidget(self.path_edit, 1)
        browse = QPushButton(self.tr("찾아보기…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        form.addRow(self.tr("파일"), row)
        layout.addLayout(form)
        self.unmasked_box: QCheckBox | None = None
        if may_unmask:
            self.unmasked_box = QCheckBox(self.tr("마스킹 해제하여 내보내기 (전화번호 전체)"), self)
            self.unmasked_box.setObjectName("unmasked")
            layout.addWidget(self.unmasked_box)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("내보내기"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.editTextChanged.connect(lambda _t: self._update())
        self.path_edit.textChanged.connect(lambda _t: self._update())
        self._update()
        self.resize(540, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("내보낼 파일"), self.path_edit.text(), self.tr("CSV 파일 (*.csv)")
        )
        if path:
            self.confirmed_path = path  # the save dialog asked before replacing an existing file
            self.path_edit.setText(path)

    def reason_text(self) -> str:
        text = " ".join(self.reason.currentText().split())
        index = self.reason.findText(self.reason.currentText())
        if index >= 0 and self.reason.itemData(index):
            return str(self.reason.itemData(index))  # the Korean source text, whatever the language
        return text

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason_text()) and bool(self.path_edit.text().strip()))

    def save(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        typed = self.path_edit.text().strip()
        reason, code = self.reason_text(), str(self.purpose.currentData())
        # an existing file is replaced only when the save dialog asked (a typed name never replaces one)
        out = Output(Path(typed), force=typed == self.confirmed_path)
        unmasked = self.unmasked_box is not None and self.unmasked_box.isChecked()
        self.ok_button.setEnabled(False)
        self.message.clear()
        self.host.runner.run(
            lambda: export_contacts(ctx, actor, code, out, reason=reason, unmasked=unmasked),
            owner=self,
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, result: ContactExport) -> None:
        self.exported.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self._update()
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            return True
        return False


class ConsentTextsPage(Page):
    """동의서 문안 (consent.read; drafting and publishing consent.manage)."""

    SHOWS = frozenset({"consent"})

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("consentTextsPage")
        actor = host.actor
        self.may_manage = actor.may(Permission.CONSENT_MANAGE)
        self.may_export = actor.may(Permission.PATIENT_EXPORT)
        self.may_unmask = actor.may(Permission.PATIENT_UNMASK)
        self.loaded: Loaded | None = None
        self.dialog: QDialog | None = None
        self.purposes = texts.purposes(host.ctx)
        self.contact_choices = contact_purposes(host.ctx)
        self._shown_draft = ""
        self._select_id: int | None = None  # the row to show after a reload (a version just saved)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("동의서 문안"), self))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("동의 목적"), self))
        self.purpose_combo = QComboBox(self)
        self.purpose_combo.setObjectName("consentPurpose")
        for p in self.purposes:
            self.purpose_combo.addItem(p.name, p.code)
        bar.addWidget(self.purpose_combo)
        bar.addStretch(1)
        self.export_button = bar_button(
            self, bar, "consentExportButton", self.tr("연락 명단 내보내기…"), self.ask_export
        )
        self.export_button.setVisible(self.may_export and bool(self.contact_choices))
        layout.addLayout(bar)
        self.message = QLabel(self)
        self.message.setObjectName("consentMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("consentTextsSplit")
        self.model = ConsentVersionsModel(self)
        self.table = record_table(split, "consentTextVersions", self.model)
        view = QWidget(split)
        vbox = QVBoxLayout(view)
        vbox.setContentsMargins(0, 0, 0, 0)
        self.version_info = QLabel(view)
        self.version_info.setObjectName("consentVersionInfo")
        self.version_info.setWordWrap(True)
        vbox.addWidget(self.version_info)
        self.text_view = QPlainTextEdit(view)
        self.text_view.setObjectName("consentTextView")
        self.text_view.setReadOnly(True)
        vbox.addWidget(self.text_view, 1)
        split.addWidget(self.table)
        split.addWidget(view)
        layout.addWidget(split, 1)

        self.draft_box = QGroupBox(self.tr("새 문안 (초안)"), self)
        dbox = QVBoxLayout(self.draft_box)
        self.draft_edit = QPlainTextEdit(self.draft_box)
        self.draft_edit.setObjectName("consentDraftEdit")
        self.draft_edit.setTabChangesFocus(True)
        self.draft_edit.setMaximumHeight(140)
        dbox.addWidget(self.draft_edit)
        dbar = QHBoxLayout()
        dbar.addStretch(1)
        self.draft_button = bar_button(
            self.draft_box, dbar, "consentDraftButton", self.tr("초안 저장"), self.save_draft
        )
        self.publish_button = bar_button(
            self.draft_box, dbar, "consentPublishButton", self.tr("게시…"), self.ask_publish
        )
        dbox.addLayout(dbar)
        self.draft_box.setVisible(self.may_manage)
        layout.addWidget(self.draft_box)

        self.purpose_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self._publish_state()

    # -- loading --------------------------------------------------------------------------------
    def current_purpose(self) -> str:
        return str(self.purpose_combo.currentData())

    def purpose_name(self) -> str:
        return self.purpose_combo.currentText()

    def reload(self) -> None:
        ctx, actor, code = self.host.ctx, self.host.actor, self.current_purpose()
        self.host.runner.run(lambda: load(ctx, actor, code), owner=self, on_done=self.show_loaded)

    def show_loaded(self, loaded: Loaded) -> None:
        if loaded.purpose != self.current_purpose():
            return  # an answer for a purpose no longer chosen
        keep = selected_row(self.table, self.model)
        wanted = self._select_id if self._select_id is not None else (keep.id if keep is not None else None)
        self._select_id = None
        self.loaded = loaded
        self.model.set_rows(loaded.versions)
        if not loaded.versions:
            self.version_info.setText(
                self.tr("'{purpose}' 동의서 문안이 아직 없습니다.").format(purpose=self.purpose_name())
            )
            self.text_view.setPlainText("")
        elif wanted is None or not select_where(self.table, self.model, lambda v: v.id == wanted):
            # the version in force (else the newest) is what the desk reads first
            today = clock.today_kst()
            current = next(
                (v for v in loaded.published if v.effective_date is not None and v.effective_date <= today),
                loaded.versions[0],
            )
            select_where(self.table, self.model, lambda v: v.id == current.id)
        # a new draft starts from the newest text; a text being typed stays as typed
        base = loaded.versions[0].text if loaded.versions else ""
        if self.draft_edit.toPlainText() == self._shown_draft:
            self.draft_edit.setPlainText(base)
        self._shown_draft = base
        self._publish_state()

    def _show_selected(self) -> None:
        v = selected_row(self.table, self.model)
        if v is None:
            return
        self.text_view.setPlainText(v.text)
        self.version_info.setText(self.describe(v))

    def describe(self, v: TextInfo) -> str:
        if v.version is None:
            return self.tr("{label} — 작성 {at}, {who}. 아직 게시하지 않았습니다.").format(
                label=version_label(v), at=clock.fmt_datetime(v.created_at), who=v.created_by_name
            )
        today = clock.today_kst()
        effective = v.effective_date.isoformat() if v.effective_date else ""
        if v.effective_date is not None and v.effective_date > today:
            state = self.tr("시행 예정")
        else:
            state = self.tr("시행")
        if v.version == 1:
            decision = self.tr("첫 판: 이 판부터 동의를 받습니다.")
        elif v.requires_fresh_consent:
            decision = self.tr("동의를 다시 받아야 합니다: 이전 판에 한 동의는 시행일부터 효력이 없습니다.")
        else:
            decision = self.tr("문구만 고쳤습니다: 이전 판에 한 동의가 그대로 유효합니다.")
        return self.tr("{label} — {state} {date}, 게시 {who} ({at}). {decision}").format(
            label=version_label(v),
            state=state,
            date=effective,
            who=v.published_by_name,
            at=clock.fmt_datetime(v.published_at),
            decision=decision,
        )

    def _publish_state(self) -> None:
        draft = self.loaded.latest_draft if self.loaded is not None else None
        self.publish_button.setEnabled(self.may_manage and draft is not None)
        if draft is None:
            self.publish_button.setToolTip(self.tr("게시할 초안이 없습니다. 먼저 초안을 저장하십시오."))
        else:
            tip = self.tr("{draft}{eul} 게시합니다.")
            label = version_label(draft)
            self.publish_button.setToolTip(tip.format(draft=label, eul=particle_in(tip, label, "을/를")))

    # -- draft and publish ----------------------------------------------------------------------
    def save_draft(self) -> None:
        ctx, actor, code, body = (
            self.host.ctx,
            self.host.actor,
            self.current_purpose(),
            self.draft_edit.toPlainText(),
        )
        self.draft_button.setEnabled(False)

        def done(v: TextInfo) -> None:
            self.draft_button.setEnabled(True)
            self._shown_draft = body  # what is typed is now the saved draft
            self._select_id = v.id
            text = self.tr("{draft}{eul} 저장했습니다. 게시하면 다음 판이 됩니다.")
            label = version_label(v)
            self.message.setStyleSheet("")
            self.message.setText(text.format(draft=label, eul=particle_in(text, label, "을/를")))

        def failed(exc: BaseException) -> bool:
            self.draft_button.setEnabled(True)
            if isinstance(exc, PrivdeskError):
                self.message.setStyleSheet(ERROR_STYLE)
                self.message.setText(str(exc))
                return True
            return False

        self.host.runner.run(
            lambda: texts.draft(ctx, actor, code, body),
            owner=self,
            on_done=done,
            on_error=failed,
            changes=CHANGES,
        )

    def ask_publish(self) -> ConsentPublishDialog | None:
        loaded = self.loaded
        draft = loaded.latest_draft if loaded is not None else None
        if loaded is None or draft is None or not self.may_manage:
            return None
        published = loaded.published
        number = (published[0].version or 0) + 1 if published else 1
        earliest = published[0].effective_date if published else None
        dialog = ConsentPublishDialog(self, self.purpose_name(), draft, number, earliest)
        dialog.accepted.connect(lambda: self.confirm_publish(dialog, loaded.purpose))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def confirm_publish(self, dialog: ConsentPublishDialog, purpose: str) -> None:
        effective, fresh, number = dialog.effective(), dialog.requires_fresh_consent(), dialog.number
        what = self.tr("'{purpose}' 동의서 문안 제{n}판을 게시합니다 (시행일 {date}).").format(
            purpose=dialog.purpose_name, n=number, date=effective.isoformat()
        )
        if fresh is None:
            consequence = self.tr("첫 판입니다: 이 판부터 동의를 받습니다.")
        elif fresh:
            consequence = self.tr(
                "동의를 다시 받아야 합니다: 이전 판에 한 동의는 {date}부터 효력이 없어, 다시 동의한 환자만 "
                "연락 명단에 들어갑니다."
            ).format(date=effective.isoformat())
        else:
            consequence = self.tr("문구만 고칩니다: 이전 판에 한 동의가 그대로 유효합니다.")
        consequence += " " + self.tr("게시한 판은 고치거나 지울 수 없습니다.")
        if confirm_destructive(
            self,
            self.tr("동의서 문안 게시"),
            what,
            consequence,
            action_text=self.tr("제{n}판 게시").format(n=number),
        ):
            self.publish(purpose, effective, fresh)

    def publish(self, purpose: str, effective: dt.date, fresh: bool | None) -> None:
        ctx, actor = self.host.ctx, self.host.actor

        def done(v: TextInfo) -> None:
            self._select_id = v.id
            self.message.setStyleSheet("")
            self.message.setText(
                self.tr("'{purpose}' 동의서 문안 제{n}판을 게시했습니다 (시행일 {date}, {change}).").format(
                    purpose=v.purpose_name, n=v.version, date=effective.isoformat(), change=change_label(v)
                )
            )

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, PrivdeskError):
                self.message.setStyleSheet(ERROR_STYLE)
                self.message.setText(str(exc))
                return True
            return False

        self.host.runner.run(
            lambda: texts.publish(ctx, actor, purpose, effective, requires_fresh_consent=fresh),
            owner=self,
            on_done=done,
            on_error=failed,
            changes=CHANGES,
        )

    # -- the contact list -----------------------------------------------------------------------
    def ask_export(self) -> ContactExportDialog | None:
        if not self.may_export or not self.contact_choices:
            return None
        chosen = self.current_purpose()
        default = Path.home() / f"contacts-{clock.today_kst().isoformat()}.csv"
        dialog = ContactExportDialog(
            self.host,
            self,
            self.contact_choices,
            purpose=chosen if any(p.code == chosen for p in self.contact_choices) else None,
            may_unmask=self.may_unmask,
            default_path=default,
        )
        dialog.exported.connect(self._exported)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _exported(self, r: ContactExport) -> None:
        left = ""
        if r.stopped or r.held:
            left = self.tr(" 처리정지·동의철회 {s}명, 처리 보류 {h}명은 뺐습니다.").format(
                s=r.stopped, h=r.held
            )
        text = self.tr("'{purpose}' 연락 명단: 환자 {n}명을 내보냈습니다: {path}.").format(
            purpose=r.purpose.name, n=r.written, path=r.path
        )
        self.message.setStyleSheet("")
        self.message.setText(text + left)
        messages.show_info(
            self,
            self.tr("내보내기 완료"),
            text + left,
            self.tr("내보낸 파일도 개인정보입니다. 목적을 다하면 바로 파기하십시오."),
        )


def consent_texts_page(host: PageHost, parent: QWidget | None = None) -> ConsentTextsPage:
    return ConsentTextsPage(host, parent)
