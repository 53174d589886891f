"""The 도움말(H) menu's windows: 정보 (what this program and its database are), 사용 설명서 (the
README's user-guide section, shown in the program) and 단축키 (the table of
:mod:`privdesk.ui.shortcuts`, never retyped here)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from privdesk.about import AboutInfo, about
from privdesk.errors import PrivdeskError
from privdesk.resources import readme_path
from privdesk.ui.host import PageHost
from privdesk.ui.shortcuts import SHORTCUTS
from privdesk.ui.widgets import fmt_datetime

GUIDE_HEADING = "## 사용 설명서"


def guide_markdown(readme: str) -> str:
    """The README's 사용 설명서 section (its heading line up to the next level-2 heading), or an
    empty string when the README has none."""
    lines = readme.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(GUIDE_HEADING)), None)
    if start is None:
        return ""
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
        len(lines),
    )
    body = lines[start:end]
    body[0] = "# " + body[0].removeprefix("## ")
    return "\n".join(body).strip() + "\n"


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """One 닫기 button, the default: Enter and Escape both close."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setText(QCoreApplication.translate("Help", "닫기"))
    close.setDefault(True)
    close.setAutoDefault(True)
    buttons.rejected.connect(dialog.reject)
    return buttons


class AboutDialog(QDialog):
    """도움말 → 정보. The facts are read on the task runner (:func:`privdesk.about.about`);
    ``info`` holds them once read."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("privdesk 정보"))
        self.info: AboutInfo | None = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key, title in (
            ("version", self.tr("버전")),
            ("database", self.tr("데이터베이스")),
            ("location", self.tr("위치")),
            ("key", self.tr("키 파일")),
            ("schema", self.tr("스키마 버전")),
            ("head", self.tr("접속기록 현재 위치")),
            ("witness", self.tr("이 PC의 증인 기록")),
            ("witness_file", self.tr("증인 기록 파일")),
        ):
            label = QLabel(self.tr("읽는 중…"), self)
            label.setObjectName(f"about_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.labels[key] = label
            self.form.addRow(title, label)
        layout.addLayout(self.form)
        note = QLabel(
            self.tr(
                "접속기록 전체 검증은 접속기록 화면의 [무결성 검증] 또는 명령줄의 privdesk audit verify로 합니다."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self.message = QLabel("", self)
        self.message.setObjectName("aboutMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        layout.addWidget(_close_buttons(self))
        self.resize(560, self.sizeHint().height())
        ctx = host.ctx
        host.runner.run(lambda: about(ctx), owner=self, on_done=self.show_info, on_error=self._failed)

    def show_info(self, info: AboutInfo) -> None:
        self.info = info
        t = self.labels
        t["version"].setText(info.version)
        t["database"].setText(info.database_kind)
        t["location"].setText(info.database_location)
        t["key"].setText(str(info.key_file))
        if not info.schema_revision:
            t["schema"].setText(self.tr("읽을 수 없음"))
        elif info.schema_current:
            t["schema"].setText(self.tr("{revision} (최신)").format(revision=info.schema_revision))
        else:
            t["schema"].setText(
                self.tr("{revision} (이 프로그램의 최신: {head})").format(
                    revision=info.schema_revision, head=info.schema_head
                )
            )
        t["head"].setText(info.head_mark or self.tr("읽을 수 없음"))
        if info.witness_seq is None:
            t["witness"].setText(self.tr("아직 없음"))
        else:
            t["witness"].setText(
                self.tr("{seq}번까지 확인 ({at})").format(
                    seq=info.witness_seq, at=fmt_datetime(info.witness_at) or "-"
                )
            )
        t["witness_file"].setText(str(info.witness_file))

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PrivdeskError):
            self.message.setText(str(exc))
            self.message.show()
            return True
        return False


class GuideDialog(QDialog):
    """도움말 → 사용 설명서: the README's user-guide section in a text browser (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("사용 설명서"))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(False)
        try:
            text = guide_markdown(readme_path().read_text(encoding="utf-8"))
        except OSError:
            text = ""
        if text:
            self.browser.setMarkdown(text)
        else:
            self.browser.setPlainText(
                self.tr("사용 설명서를 찾을 수 없습니다. 설치가 온전한지 전산 담당자에게 확인하십시오.")
            )
        layout.addWidget(self.browser, 1)
        layout.addWidget(_close_buttons(self))
        self.resize(760, 640)


class ShortcutsDialog(QDialog):
    """도움말 → 단축키: the keys and what they do, from :data:`privdesk.ui.shortcuts.SHORTCUTS`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("단축키"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(SHORTCUTS), 2, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("키"), self.tr("하는 일")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, s in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(s.shown_keys()))
            self.table.setItem(row, 1, QTableWidgetItem(s.label()))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        layout.addWidget(_close_buttons(self))
        self.resize(620, 360)

    def rows(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for r in range(self.table.rowCount()):
            keys, text = self.table.item(r, 0), self.table.item(r, 1)
            out.append((keys.text() if keys else "", text.text() if text else ""))
        return out
