"""The privacy policy screen (개인정보 처리방침, 법 제30조): is the published version still what privdesk
holds, the versions, a draft from today's data with its editable texts, the difference section by
section, publishing (the officer) and the homepage HTML or the PDF.

Every call goes through the policy's use cases (:mod:`privdesk.policy.versions`,
:mod:`privdesk.policy.output`) on the task runner; they check the permissions (``policy.manage``;
publishing ``policy.publish``) — the 게시 button is only enabled for an account that may publish.
The policy is public text: rendering it asks no reason (사유).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.context import Actor, AppContext
from privdesk.errors import ConfigError
from privdesk.files import Output, protected_files
from privdesk.korean import particle_in
from privdesk.policy import output, versions
from privdesk.policy.document import CCTV_SEPARATE, TEXT_DEFAULTS, cctv_mode
from privdesk.policy.versions import PolicyDiff, PolicyStatus, VersionInfo
from privdesk.ui import messages
from privdesk.ui.cctv.common import OK_STYLE, WARN_STYLE, PrintJob
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page
from privdesk.ui.tablemodel import Column, RowTableModel, selected_row
from privdesk.ui.widgets import bar_button, from_date, heading, record_table, to_date

CTX = "PolicyPage"

# the core's labels, translatable here (the source texts are the core's Korean labels)
CATEGORY_TEXT = {
    "processors": QT_TRANSLATE_NOOP("PolicyPage", "수탁업체"),
    "cameras": QT_TRANSLATE_NOOP("PolicyPage", "CCTV"),
    "retention": QT_TRANSLATE_NOOP("PolicyPage", "보유기간·항목"),
    "contacts": QT_TRANSLATE_NOOP("PolicyPage", "연락처"),
}
TEXT_TITLES = {
    "intro": QT_TRANSLATE_NOOP("PolicyPage", "머리말"),
    "items": QT_TRANSLATE_NOOP("PolicyPage", "수집 항목 안내"),
    "purposes": QT_TRANSLATE_NOOP("PolicyPage", "이용목적 안내"),
    "destruction_method": QT_TRANSLATE_NOOP("PolicyPage", "파기방법"),
    "provision": QT_TRANSLATE_NOOP("PolicyPage", "제3자 제공 안내"),
    "outsourcing": QT_TRANSLATE_NOOP("PolicyPage", "위탁 안내"),
    "rights": QT_TRANSLATE_NOOP("PolicyPage", "권리 행사 안내"),
    "auto_collection": QT_TRANSLATE_NOOP("PolicyPage", "자동수집 장치"),
    "complaints": QT_TRANSLATE_NOOP("PolicyPage", "민원서비스 안내"),
    "safety": QT_TRANSLATE_NOOP("PolicyPage", "안전성 확보조치"),
    "cctv": QT_TRANSLATE_NOOP("PolicyPage", "CCTV 방침 안내"),
    "cctv_safety": QT_TRANSLATE_NOOP("PolicyPage", "영상정보 보호조치"),
    "changes": QT_TRANSLATE_NOOP("PolicyPage", "변경 공지"),
}
CHANGE_TEXT = {
    "added": QT_TRANSLATE_NOOP("PolicyPage", "추가"),
    "removed": QT_TRANSLATE_NOOP("PolicyPage", "삭제"),
    "changed": QT_TRANSLATE_NOOP("PolicyPage", "변경"),
    "same": QT_TRANSLATE_NOOP("PolicyPage", "같음"),
}
ADDED_STYLE = "background-color:#e6f4ea; color:#1b5e20;"
REMOVED_STYLE = "background-color:#fde7e9; color:#7f0000;"
HUNK_STYLE = "color:#555555;"


def tr(source: str) -> str:
    return QCoreApplication.translate(CTX, source)


def version_label(v: VersionInfo) -> str:
    if v.number is not None:
        return QCoreApplication.translate("PolicyPage", "제{n}판").format(n=v.number)
    return (
        QCoreApplication.translate("PolicyPage", "초안 {id}").format(id=v.id)
        if v.id
        else QCoreApplication.translate("PolicyPage", "현재 자료")
    )


@dataclass(frozen=True)
class Loaded:
    """What the page shows: the status against today's data and every stored version (newest first)."""

    status: PolicyStatus
    versions: tuple[VersionInfo, ...]

    @property
    def latest_draft(self) -> VersionInfo | None:
        """The draft that 게시 would publish (the newest stored version, when it is a draft)."""
        if self.versions and self.versions[0].number is None:
            return self.versions[0]
        return None

    @property
    def published(self) -> tuple[VersionInfo, ...]:
        return tuple(v for v in self.versions if v.number is not None)

    @property
    def texts(self) -> dict[str, str]:
        """The editable texts a new draft starts from: the newest version's, else the seed's."""
        base = self.versions[0].texts if self.versions else {}
        return {k: base.get(k, v) for k, v in TEXT_DEFAULTS.items()}


def cctv_separate(ctx: AppContext) -> bool:
    """Whether the profile makes the CCTV 운영·관리 방침 a document of its own (``[policy] cctv``)."""
    try:
        return cctv_mode(ctx.profile) == CCTV_SEPARATE
    except ConfigError:  # a wrong value: drafting says so in Korean; here, no second document
        return False


def load(ctx: AppContext, actor: Actor) -> Loaded:
    return Loaded(versions.status(ctx, actor), tuple(versions.versions(ctx, actor)))


def diff_html(d: PolicyDiff) -> str:
    """The difference as HTML for a QTextBrowser: one heading per changed section, added lines green,
    removed lines red (every text escaped)."""
    head = QCoreApplication.translate("PolicyPage", "{old} → {new}: 바뀐 절 {n}개 / 전체 {total}개").format(
        old=escape(d.old), new=escape(d.new), n=len(d.changed), total=len(d.sections)
    )
    parts = [f"<p><b>{head}</b></p>"]
    if not d.changed:
        same = QCoreApplication.translate("PolicyPage", "두 판의 내용이 같습니다.")
        parts.append(f"<p>{escape(same)}</p>")
    for s in d.changed:
        parts.append(f"<h3>[{escape(tr(CHANGE_TEXT[s.change]))}] {escape(s.title)}</h3>")
        lines = []
        for line in s.lines:
            if line.startswith(("+++", "---")):
                continue
            if line.startswith("@@"):
                style = HUNK_STYLE
            elif line.startswith("+"):
                style = ADDED_STYLE
            elif line.startswith("-"):
                style = REMOVED_STYLE
            else:
                style = ""
            lines.append(f'<span style="{style}">{escape(line)}</span>' if style else escape(line))
        parts.append('<pre style="white-space: pre-wrap;">' + "\n".join(lines) + "</pre>")
    return "\n".join(parts)


class VersionsModel(RowTableModel[VersionInfo]):
    """판 목록: every stored version, the newest first."""

    CONTEXT = "PolicyVersionsModel"
    COL_LABEL, COL_STATE, COL_EFFECTIVE, COL_BY, COL_AT = range(5)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PolicyVersionsModel", "판"), version_label, lambda v: v.id),
        Column(
            QT_TRANSLATE_NOOP("PolicyVersionsModel", "상태"),
            lambda v: (
                QCoreApplication.translate("PolicyPage", "게시")
                if v.number is not None
                else QCoreApplication.translate("PolicyPage", "초안")
            ),
        ),
        Column(
            QT_TRANSLATE_NOOP("PolicyVersionsModel", "시행일"),
            lambda v: v.effective_date.isoformat() if v.effective_date else "",
        ),
        Column(
            QT_TRANSLATE_NOOP("PolicyVersionsModel", "게시자(초안: 작성자)"),
            lambda v: v.published_by_name if v.number is not None else v.created_by_name,
        ),
        Column(
            QT_TRANSLATE_NOOP("PolicyVersionsModel", "게시·작성 일시"),
            lambda v: clock.fmt_datetime(v.published_at or v.created_at),
        ),
    )


class PublishDialog(QDialog):
    """게시: the effective date (시행일) and a confirmation naming the version and the date."""

    def __init__(self, parent: QWidget, draft: VersionInfo, number: int, earliest: dt.date | None) -> None:
        super().__init__(parent)
        self.setObjectName("policyPublishDialog")
        self.setWindowTitle(self.tr("개인정보 처리방침 게시"))
        self.setMinimumWidth(480)
        self.draft = draft
        self.number = number
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("시행일"), self))
        # a QDateEdit: its calendar keeps the date between the earliest allowed and a year ahead
        self.date = QDateEdit(self)
        self.date.setObjectName("policyEffectiveDate")
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
        self.confirm = QLabel(self)
        self.confirm.setObjectName("policyPublishConfirm")
        self.confirm.setWordWrap(True)
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("게시"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.date.dateChanged.connect(self._update)
        self._update(self.date.date())

    def effective(self) -> dt.date:
        return to_date(self.date.date())

    def _update(self, _date: QDate) -> None:
        text = self.tr(
            "{draft}{eul} 제{n}판으로 게시합니다. 시행일: {date}. 게시한 판은 고치거나 지울 수 "
            "없습니다. 게시하시겠습니까?"
        )
        label = version_label(self.draft)
        self.confirm.setText(
            text.format(
                draft=label,
                eul=particle_in(text, label, "을/를"),
                n=self.number,
                date=self.effective().isoformat(),
            )
        )


class PolicyPage(Page):
    """개인정보 처리방침: status, 판 목록, 초안 편집, 비교·게시, HTML·PDF."""

    SHOWS = frozenset({"policy", "disclosures", "cctv", "lifecycle", "accounts"})

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("policyPage")
        self.may_publish = host.actor.may(Permission.POLICY_PUBLISH)
        self.loaded: Loaded | None = None
        self.diff: PolicyDiff | None = None
        self.diff_source = ""
        self.dialog: QDialog | None = None
        self.print_job: PrintJob | None = None
        self.last_saved: Path | None = None
        self._shown_texts: dict[str, str] = {}

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("개인정보 처리방침"), self))
        self.status_label = QLabel(self)
        self.status_label.setObjectName("policyStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)
        self.message = QLabel(self)
        self.message.setObjectName("policyMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("policyTabs")
        layout.addWidget(self.tabs, 1)
        self._versions_tab()
        self._draft_tab()
        self._diff_tab()

    # -- building -------------------------------------------------------------------------------
    def _versions_tab(self) -> None:
        tab = QWidget(self.tabs)
        box = QVBoxLayout(tab)
        self.versions_model = VersionsModel(self)
        self.versions_table = record_table(tab, "policyVersions", self.versions_model, fit_contents=True)
        box.addWidget(self.versions_table, 1)
        bar = QHBoxLayout()
        self.target_label = QLabel(tab)
        self.target_label.setObjectName("policyRenderTarget")
        bar.addWidget(self.target_label, 1)
        # the profile's [policy] cctv = "separate": the CCTV 운영·관리 방침 is a document of its own
        self.document_combo = QComboBox(tab)
        self.document_combo.setObjectName("policyDocument")
        self.document_combo.addItem(self.tr("개인정보 처리방침"), False)
        self.document_combo.addItem(self.tr("영상정보처리기기 운영·관리 방침"), True)
        self.cctv_separate = cctv_separate(self.host.ctx)
        self.document_combo.setVisible(self.cctv_separate)
        bar.addWidget(self.document_combo)
        self.html_button = bar_button(tab, bar, "policyHtmlButton", self.tr("HTML로 저장…"), self.ask_html)
        self.pdf_button = bar_button(tab, bar, "policyPdfButton", self.tr("PDF 미리보기"), self.preview_pdf)
        box.addLayout(bar)
        self.versions_table.selectionModel().selectionChanged.connect(lambda *_a: self._show_target())
        self.tabs.addTab(tab, self.tr("판 목록"))

    def _draft_tab(self) -> None:
        tab = QWidget(self.tabs)
        box = QVBoxLayout(tab)
        hint = QLabel(
            self.tr(
                "수탁업체·CCTV·보유기간·연락처 등은 privdesk의 자료에서 그대로 만들어집니다. 아래 문구만 "
                "고칠 수 있습니다 ({name}은 병원 이름으로 바뀝니다; '## '는 소제목, '- '는 항목)."
            ),
            tab,
        )
        hint.setWordWrap(True)
        box.addWidget(hint)
        scroll = QScrollArea(tab)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(scroll)
        form = QVBoxLayout(inner)
        self.editors: dict[str, QPlainTextEdit] = {}
        for key in TEXT_DEFAULTS:
            group = QGroupBox(tr(TEXT_TITLES.get(key, key)), inner)
            g = QVBoxLayout(group)
            edit = QPlainTextEdit(group)
            edit.setObjectName(f"policyText_{key}")
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(90)
            g.addWidget(edit)
            form.addWidget(group)
            self.editors[key] = edit
        scroll.setWidget(inner)
        box.addWidget(scroll, 1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.draft_button = bar_button(
            tab, bar, "policyDraftButton", self.tr("현재 자료로 초안 저장"), self.save_draft
        )
        box.addLayout(bar)
        self.tabs.addTab(tab, self.tr("초안 편집"))

    def _diff_tab(self) -> None:
        tab = QWidget(self.tabs)
        box = QVBoxLayout(tab)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("이전 판"), tab))
        self.from_combo = QComboBox(tab)
        self.from_combo.setObjectName("policyDiffFrom")
        bar.addWidget(self.from_combo)
        bar.addWidget(QLabel(self.tr("새 판"), tab))
        self.to_combo = QComboBox(tab)
        self.to_combo.setObjectName("policyDiffTo")
        bar.addWidget(self.to_combo)
        self.compare_button = bar_button(tab, bar, "policyCompareButton", self.tr("비교"), self.compare)
        bar.addStretch(1)
        self.publish_button: QPushButton = bar_button(
            tab, bar, "policyPublishButton", self.tr("게시…"), self.ask_publish
        )
        box.addLayout(bar)
        self.diff_view = QTextBrowser(tab)
        self.diff_view.setObjectName("policyDiff")
        self.diff_view.setOpenLinks(False)
        box.addWidget(self.diff_view, 1)
        self.tabs.addTab(tab, self.tr("비교·게시"))
        self._publish_state()

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        self.host.runner.run(lambda: load(ctx, actor), owner=self, on_done=self.show_loaded)

    def show_loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.status_label.setText(self.status_text(loaded.status))
        self.status_label.setStyleSheet(OK_STYLE if loaded.status.up_to_date else WARN_STYLE)
        self.versions_model.set_rows(loaded.versions)
        self._show_target()
        self._fill_texts(loaded.texts)
        self._fill_combos(loaded.published)
        self._publish_state()
        self.compare()

    def status_text(self, st: PolicyStatus) -> str:
        if st.published is None:
            return self.tr("게시된 개인정보 처리방침이 없습니다. 초안을 만들고 비교한 뒤 게시하십시오.")
        label = version_label(st.published)
        effective = st.published.effective_date.isoformat() if st.published.effective_date else ""
        if not st.changes:
            return self.tr("게시본({label}, 시행일 {date})이 현재 자료와 같습니다.").format(
                label=label, date=effective
            )
        lines = [
            self.tr(
                "게시본({label}, 시행일 {date})이 현재 자료와 다릅니다. 새 초안을 만들어 비교하고 게시하십시오."
            ).format(label=label, date=effective)
        ]
        for c in st.changes:
            lines.append(
                self.tr("[{what}] 해당 절: {sections}").format(
                    what=tr(CATEGORY_TEXT.get(c.category, c.label)), sections=", ".join(c.sections)
                )
            )
            lines += [f"  − {x}" for x in c.removed]
            lines += [f"  + {x}" for x in c.added]
        return "\n".join(lines)

    def _fill_texts(self, texts: dict[str, str]) -> None:
        """Show the texts a new draft starts from; a text the user is editing stays as typed."""
        for key, edit in self.editors.items():
            shown = self._shown_texts.get(key)
            if shown is None or edit.toPlainText() == shown:
                edit.setPlainText(texts.get(key, ""))
            self._shown_texts[key] = texts.get(key, "")

    def _fill_combos(self, published: Sequence[VersionInfo]) -> None:
        keep_from, keep_to = self.from_combo.currentData(), self.to_combo.currentData()
        self.from_combo.blockSignals(True)
        self.to_combo.blockSignals(True)
        self.from_combo.clear()
        self.to_combo.clear()
        self.from_combo.addItem(self.tr("최신 게시본"), None)
        self.to_combo.addItem(self.tr("최신 초안 (없으면 현재 자료)"), None)
        for v in published:
            self.from_combo.addItem(version_label(v), v.number)
            self.to_combo.addItem(version_label(v), v.number)
        for combo, keep in ((self.from_combo, keep_from), (self.to_combo, keep_to)):
            i = combo.findData(keep)
            combo.setCurrentIndex(max(i, 0))
        self.from_combo.blockSignals(False)
        self.to_combo.blockSignals(False)

    def _publish_state(self) -> None:
        draft = self.loaded.latest_draft if self.loaded is not None else None
        self.publish_button.setEnabled(self.may_publish and draft is not None)
        if not self.may_publish:
            tip = self.tr("게시는 개인정보 보호책임자(게시 권한)만 할 수 있습니다.")
        elif draft is None:
            tip = self.tr("게시할 초안이 없습니다. 먼저 초안을 저장하십시오.")
        else:
            tip = self.tr("{draft}{eul} 게시합니다.")
            label = version_label(draft)
            tip = tip.format(draft=label, eul=particle_in(tip, label, "을/를"))
        self.publish_button.setToolTip(tip)

    # -- rendering ------------------------------------------------------------------------------
    def render_number(self) -> int | None:
        """The version the HTML/PDF buttons write: the selected published version, else the latest
        published (nothing published: today's data as a draft)."""
        v = selected_row(self.versions_table, self.versions_model)
        return v.number if v is not None else None

    def _show_target(self) -> None:
        n = self.render_number()
        if n is not None:
            text = self.tr("저장할 판: 제{n}판").format(n=n)
        elif self.loaded is not None and self.loaded.published:
            text = self.tr("저장할 판: 최신 게시본({label})").format(
                label=version_label(self.loaded.published[0])
            )
        else:
            text = self.tr("저장할 판: 현재 자료로 만든 초안 (게시본 없음)")
        self.target_label.setText(text)

    @property
    def cctv_document(self) -> bool:
        """Whether the buttons write the separate CCTV 운영·관리 방침 instead of the policy."""
        return self.cctv_separate and self.document_combo.currentData() is True

    def _document_name(self) -> tuple[str, str]:
        """The document's title and its file name (without the suffix)."""
        if self.cctv_document:
            return self.tr("영상정보처리기기 운영·관리 방침"), "영상정보처리기기운영관리방침"
        return self.tr("개인정보 처리방침"), "개인정보처리방침"

    def ask_html(self) -> None:
        _title, stem = self._document_name()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("홈페이지용 HTML 저장"), f"{stem}.html", self.tr("HTML 파일 (*.html)")
        )
        if path:
            self.save_html(Path(path))

    def save_html(self, path: Path) -> None:
        ctx, actor, number, cctv = self.host.ctx, self.host.actor, self.render_number(), self.cctv_document
        out = Output(path, force=True)  # the save dialog asked before replacing a file
        title, _stem = self._document_name()

        def done(r: output.RenderResult) -> None:
            self.last_saved = r.path
            text = self.tr("{title} {label}{eul} 저장했습니다: {path}")
            self.message.setText(
                text.format(title=title, label=r.label, eul=particle_in(text, r.label, "을/를"), path=r.path)
            )

        self.host.runner.run(
            lambda: output.render(ctx, actor, out, number=number, force=True, cctv=cctv),
            owner=self,
            on_done=done,
        )

    def preview_pdf(self) -> PrintJob:
        """The PDF rendered in the background into the preview (save or print from there)."""
        ctx, actor, number, cctv = self.host.ctx, self.host.actor, self.render_number(), self.cctv_document
        title, stem = self._document_name()

        def make(out: Path, _on_page: Any, _why: Any) -> output.RenderResult:
            return output.render(ctx, actor, out, number=number, cctv=cctv)

        job = PrintJob(
            self.host.runner,
            self,
            title,
            f"{stem}.pdf",
            make,
            reason=None,  # public text: no reason (the reasons contract lists policy render)
            protected=protected_files(ctx.settings),
        )
        self.print_job = job
        return job

    # -- draft, compare, publish ----------------------------------------------------------------
    def edited_texts(self) -> dict[str, str]:
        """The texts that differ from those the draft starts from."""
        base = self.loaded.texts if self.loaded is not None else dict(TEXT_DEFAULTS)
        return {k: e.toPlainText() for k, e in self.editors.items() if e.toPlainText() != base.get(k)}

    def save_draft(self) -> None:
        ctx, actor, texts = self.host.ctx, self.host.actor, self.edited_texts()
        self.draft_button.setEnabled(False)

        def done(v: VersionInfo) -> None:
            self.draft_button.setEnabled(True)
            self._shown_texts = {}  # the saved texts are the new base
            text = self.tr("{draft}{eul} 저장했습니다 (바꾼 문구 {n}개). 비교·게시 탭에서 확인하십시오.")
            label = version_label(v)
            self.message.setText(
                text.format(draft=label, eul=particle_in(text, label, "을/를"), n=len(texts))
            )
            self.tabs.setCurrentIndex(2)

        def failed(_exc: BaseException) -> bool:
            self.draft_button.setEnabled(True)
            return False

        self.host.runner.run(
            lambda: versions.draft(ctx, actor, texts),
            owner=self,
            on_done=done,
            on_error=failed,
            changes=frozenset({"policy"}),
        )

    def compare(self) -> None:
        ctx, actor = self.host.ctx, self.host.actor
        old, new = self.from_combo.currentData(), self.to_combo.currentData()

        def done(d: PolicyDiff) -> None:
            self.diff = d
            self.diff_source = diff_html(d)
            self.diff_view.setHtml(self.diff_source)

        self.host.runner.run(lambda: versions.diff(ctx, actor, old, new), owner=self, on_done=done)

    def ask_publish(self) -> PublishDialog | None:
        draft = self.loaded.latest_draft if self.loaded is not None else None
        if draft is None or not self.may_publish or self.loaded is None:
            return None
        published = self.loaded.published
        number = (published[0].number or 0) + 1 if published else 1
        earliest = published[0].effective_date if published else None
        dialog = PublishDialog(self, draft, number, earliest)
        dialog.accepted.connect(lambda: self.publish(dialog.effective()))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def publish(self, effective: dt.date) -> None:
        ctx, actor = self.host.ctx, self.host.actor

        def done(v: VersionInfo) -> None:
            messages.show_info(
                self,
                self.tr("게시 완료"),
                self.tr("개인정보 처리방침 제{n}판을 게시했습니다 (시행일 {date}).").format(
                    n=v.number, date=effective.isoformat()
                ),
                self.tr("판 목록 탭에서 홈페이지용 HTML을 저장하십시오."),
            )
            self.message.setText(
                self.tr("제{n}판을 게시했습니다 (시행일 {date}).").format(
                    n=v.number, date=effective.isoformat()
                )
            )

        self.host.runner.run(
            lambda: versions.publish(ctx, actor, effective),
            owner=self,
            on_done=done,
            changes=frozenset({"policy"}),
        )
