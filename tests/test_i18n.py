"""Qt translations (번역): Korean is the source and the default, English is the translation.

The catalogs in ``resources/i18n`` must cover every string of ``privdesk/ui`` (checked with a fresh
``pyside6-lupdate`` run), every English message must be finished and keep the ``{placeholders}``,
the committed .qm files must match the .ts files, and ``settings.language = "en"`` must really switch
real widgets to English through :func:`privdesk.ui.app.install_translations`.
When a test here fails: run ``python scripts/update_translations.py``, translate what it lists in
``resources/i18n/privdesk_en.ts``, run it again and commit the .ts and .qm files.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel

from privdesk.accounts import users
from privdesk.context import AppContext
from privdesk.resources import translations_dir
from privdesk.settings import load_settings
from privdesk.ui.app import install_translations
from privdesk.ui.audit.log import AccessLogModel
from privdesk.ui.login import LoginDialog, locked_message
from privdesk.ui.mainwindow import MainWindow
from privdesk.ui.tasks import TaskRunner
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROOT = Path(__file__).resolve().parents[1]
HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e]")
REGENERATE = "run scripts/update_translations.py and translate resources/i18n/privdesk_en.ts"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


i18n = _load_script()
EN_TS = i18n.I18N_DIR / "privdesk_en.ts"
KO_TS = i18n.I18N_DIR / "privdesk_ko.ts"


# -- (a) the English catalog is complete ---------------------------------------------------
def test_every_english_message_is_finished_and_keeps_its_placeholders() -> None:
    messages = i18n.read_messages(EN_TS)
    assert len(messages) > 150  # the whole UI, not an empty file
    unfinished = [f"[{m.context}] {m.source}" for m in messages if not m.translated]
    assert not unfinished, f"untranslated English messages ({REGENERATE}):\n" + "\n".join(unfinished)
    for m in messages:
        for text in m.translations:
            assert i18n.placeholders(text) == i18n.placeholders(m.source), (m.context, m.source, text)
            assert not HANGUL.search(text), f"[{m.context}] {m.source!r} is still Korean in English: {text!r}"
            assert text.count("&") == m.source.count("&"), (m.context, m.source, text)  # menu shortcuts


def test_english_keeps_the_office_terms() -> None:
    by_key = {(m.context, m.source): m.translations[0] for m in i18n.read_messages(EN_TS)}
    assert by_key[("Navigation", "접속기록")] == "Access log"
    assert by_key[("Navigation", "권한 변경 이력")] == "Permission history"
    assert by_key[("AccountsModel", "잠김")] == "Locked"
    assert by_key[("AccountsPage", "말소")] == "Deactivate"
    assert by_key[("LoginDialog", "로그인")] == "Log in"
    assert (
        "privacy officer"
        in by_key[
            ("LoginDialog", "계정이 잠겼습니다(잠김). 개인정보 보호책임자에게 잠금 해제를 요청하십시오.")
        ]
    )


def test_catalog_headers_and_the_korean_mirror() -> None:
    en, ko = ET.parse(EN_TS).getroot(), ET.parse(KO_TS).getroot()
    assert (en.get("sourcelanguage"), en.get("language")) == ("ko_KR", "en_US")
    assert (ko.get("sourcelanguage"), ko.get("language")) == ("ko_KR", "ko_KR")
    ko_messages = i18n.read_messages(KO_TS)
    assert {m.key for m in ko_messages} == {m.key for m in i18n.read_messages(EN_TS)}
    # Korean is the source: its translations stay empty so the source text shows.
    assert all(not any(t.strip() for t in m.translations) for m in ko_messages)


# -- (b) the committed files are current ----------------------------------------------------
def test_catalogs_hold_every_ui_string(tmp_path: Path) -> None:
    fresh = i18n.extract_fresh(tmp_path)
    assert ("LoginDialog", "로그인", "") in fresh  # self.tr in a class
    assert ("Navigation", "접속기록", "") in fresh  # QT_TRANSLATE_NOOP
    assert ("App", "시작할 수 없음", "") in fresh  # QApplication.translate in a function
    for ts in (EN_TS, KO_TS):
        committed = {m.key for m in i18n.read_messages(ts)}
        missing = sorted(fresh - committed)
        gone = sorted(committed - fresh)
        assert not missing, f"UI strings missing from {ts.name} ({REGENERATE}): {missing}"
        assert not gone, f"{ts.name} holds strings no longer in the UI ({REGENERATE}): {gone}"


def test_qm_files_match_their_ts_files(qapp) -> None:  # type: ignore[no-untyped-def]
    for stem in ("privdesk_en", "privdesk_ko"):
        problems = i18n.qm_mismatches(i18n.I18N_DIR / f"{stem}.ts", i18n.I18N_DIR / f"{stem}.qm")
        assert not problems, f"{problems} ({REGENERATE})"
    translator = QTranslator()
    assert translator.load(str(i18n.I18N_DIR / "privdesk_en.qm"))
    assert translator.language() == "en_US"
    assert translator.translate("AccessLogModel", "일시") == "Date/time"


def test_check_mode_passes_on_the_committed_files() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout


def test_check_mode_lists_unfinished_and_broken_messages(
    tmp_path: Path,
    qapp,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A copy of the catalogs with one message left unfinished and one placeholder lost."""
    for name in ("privdesk_en.ts", "privdesk_en.qm", "privdesk_ko.ts", "privdesk_ko.qm"):
        shutil.copy(i18n.I18N_DIR / name, tmp_path / name)
    tree = ET.parse(tmp_path / "privdesk_en.ts")
    for context in tree.getroot().iter("context"):
        for msg in context.iter("message"):
            translation = msg.find("translation")
            assert translation is not None
            if (context.findtext("name"), msg.findtext("source")) == ("LoginDialog", "로그인"):
                translation.set("type", "unfinished")
            if (context.findtext("name"), msg.findtext("source")) == ("MainWindow", "역할: {roles}"):
                translation.text = "Roles: {role}"
    tree.write(tmp_path / "privdesk_en.ts", encoding="utf-8", xml_declaration=True)
    monkeypatch.setattr(i18n, "I18N_DIR", tmp_path)
    problems = i18n.check()
    assert "privdesk_en.ts: unfinished or empty: [LoginDialog] '로그인'" in problems
    assert "privdesk_en.ts: placeholders differ: [MainWindow] '역할: {roles}'" in problems
    assert any(p.startswith("privdesk_en.qm is out of date: [MainWindow]") for p in problems)
    assert not any("privdesk_ko" in p for p in problems)


def test_a_new_ui_string_is_caught_then_merged_without_losing_translations(
    tmp_path: Path, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """What another engineer's new page goes through: --check fails, the update merges it in as
    unfinished and keeps every existing English translation."""
    ui = tmp_path / "privdesk" / "ui"
    shutil.copytree(i18n.UI_DIR, ui, ignore=shutil.ignore_patterns("__pycache__"))
    (ui / "patients.py").write_text(
        "from PySide6.QtWidgets import QWidget\n\n\n"
        "class PatientsPage(QWidget):\n"
        "    def title(self) -> str:\n"
        '        return self.tr("환자 명부 — {n}명")\n',
        encoding="utf-8",
    )
    shutil.copytree(i18n.I18N_DIR, tmp_path / "resources" / "i18n")
    monkeypatch.setattr(i18n, "ROOT", tmp_path)
    monkeypatch.setattr(i18n, "UI_DIR", ui)
    monkeypatch.setattr(i18n, "I18N_DIR", tmp_path / "resources" / "i18n")

    assert "privdesk_en.ts: not extracted yet: [PatientsPage] '환자 명부 — {n}명'" in i18n.check()
    i18n.update()
    problems = i18n.check()
    assert problems == ["privdesk_en.ts: unfinished or empty: [PatientsPage] '환자 명부 — {n}명'"]
    merged = {
        (m.context, m.source): m
        for m in i18n.read_messages(tmp_path / "resources" / "i18n" / "privdesk_en.ts")
    }
    assert merged[("LoginDialog", "로그인")].translations == ("Log in",)
    assert merged[("PatientsPage", "환자 명부 — {n}명")].unfinished


# -- (c) the language setting really switches the widgets -----------------------------------
@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    qtbot.waitUntil(lambda: r.pending == 0, timeout=15_000)
    r.wait()


@pytest.fixture
def use_language(qapp) -> Iterator[Callable[[str], list[QTranslator]]]:  # type: ignore[no-untyped-def]
    """Installs translators exactly as the application does; removes them afterwards so the other
    UI tests keep seeing Korean."""
    installed: list[QTranslator] = []
    locale = QLocale()

    def use(language: str) -> list[QTranslator]:
        translators = install_translations(qapp, language)
        installed.extend(translators)
        return translators

    yield use
    for translator in installed:
        QApplication.removeTranslator(translator)
    QLocale.setDefault(locale)


def _configured_language(tmp_path: Path, language: str) -> str:
    """``settings.language`` as the application reads it: ``[ui] language`` in the config file."""
    cfg = tmp_path / f"ui-{language}.toml"
    cfg.write_text(f'[ui]\nlanguage = "{language}"\n', encoding="utf-8")
    return load_settings(env={"PRIVDESK_CONFIG": str(cfg)}).language


def test_english_setting_translates_the_login_dialog(
    qtbot,
    sqlite_ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    use_language,
    tmp_path: Path,
) -> None:
    translators = use_language(_configured_language(tmp_path, "en"))
    assert any(Path(t.filePath()) == translations_dir() / "privdesk_en.qm" for t in translators)
    dialog = LoginDialog(sqlite_ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.login_button.text() == "Log in"
    assert dialog.windowTitle() == "Log in"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "User ID" in texts and "Password" in texts
    assert any(t.startswith("Workstation: ") and "access log" in t for t in texts)
    assert locked_message(sqlite_ctx).startswith("The account is locked. Ask the privacy officer")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)  # empty fields: refused at once
    assert dialog.message.text() == "Enter your user ID and password."


def test_korean_setting_keeps_the_korean_source_text(
    qtbot,
    sqlite_ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    use_language,
    tmp_path: Path,
) -> None:
    use_language(_configured_language(tmp_path, "ko"))
    dialog = LoginDialog(sqlite_ctx, runner)
    qtbot.addWidget(dialog)
    assert dialog.login_button.text() == "로그인"
    assert dialog.windowTitle() == "로그인"
    assert locked_message(sqlite_ctx).startswith("계정이 잠겼습니다(잠김).")


def test_english_main_window_navigation_status_and_table_headers(
    qtbot,
    sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
    runner: TaskRunner,
    use_language,
) -> None:
    use_language("en")
    actor = users.login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD, channel="test")
    window = MainWindow(sqlite_ctx, runner, actor, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Today's work",
        "Patient registry",
        "Data-subject requests",
        "Third-party disclosures",
        "CCTV",
        "Retention and destruction",
        "Breach register",
        "Complaints",
        "Processors",
        "Accounts",
        "Access log",
        "Access-log review",
        "Privacy policy",
        "Consent texts",
        "Training",
        "Usage notice",
        "Permission history",
    ]
    assert window.account_status.text() == f"Account: 육의곤 ({OFFICER_LOGIN})"
    assert window.windowTitle().endswith("— privdesk privacy office desk")
    today = window.current_page()
    assert today is not None
    assert "Today's work" in [label.text() for label in today.findChildren(QLabel)]  # tr() in a Page subclass
    me = window.open_profile()
    assert (
        "Permissions" in [label.text() for label in me.findChildren(QLabel)]
        and me.windowTitle() == "My account"
    )
    assert window.profile_action.text() == "My account…"
    me.reject()
    model = AccessLogModel()  # column headers are QT_TRANSLATE_NOOP texts translated by the model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["No.", "Date/time", "Account (name, department)"] and "Details" in headers
    window.close()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=15_000)
