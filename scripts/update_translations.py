"""Regenerate the Qt translation files (번역 파일) in ``resources/i18n``.

The GUI (``privdesk/ui``) writes its strings in Korean inside ``self.tr(...)``,
``QCoreApplication.translate(context, ...)`` and ``QT_TRANSLATE_NOOP(context, ...)``; Korean is the
source language and the default. English is the translation. This script:

1. runs ``pyside6-lupdate`` over every ``privdesk/ui/**/*.py`` into ``privdesk_en.ts`` (target en_US)
   and ``privdesk_ko.ts`` (target ko_KR; its translations stay empty, so the source text shows).
   lupdate *merges*: existing translations are kept, new strings arrive as ``unfinished``, strings
   that left the code are dropped (``-no-obsolete``);
2. runs ``pyside6-lrelease`` on both into ``privdesk_en.qm`` / ``privdesk_ko.qm``, the files
   ``privdesk.ui.app.install_translations`` loads (unfinished translations are left out, so an
   unreviewed string shows in Korean rather than in stale English).

Usage (from the repository, with the project's virtual environment)::

    python scripts/update_translations.py           # update .ts from the code, then build .qm
    python scripts/update_translations.py --check   # change nothing; exit 1 and list every problem

After adding or changing a UI string: run the script, translate the new ``unfinished`` messages in
``resources/i18n/privdesk_en.ts`` (Qt Linguist: ``pyside6-linguist resources/i18n/privdesk_en.ts``,
or edit the XML and drop ``type="unfinished"``), run the script again to rebuild the .qm files,
and commit the .ts and .qm files together. ``--check`` (and ``tests/test_i18n.py``) fails when a UI
string is missing from the .ts files, an English translation is unfinished or empty, a translation's
``{placeholders}`` differ from the source, or a .qm file does not match its .ts.

The tools are taken from the directory of the running interpreter (the venv's ``bin``; PySide6-Essentials
ships them), else from ``PATH``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "privdesk" / "ui"
I18N_DIR = ROOT / "resources" / "i18n"
SOURCE_LANGUAGE = "ko_KR"
# file stem -> target language; English is the translation, Korean only mirrors the source.
CATALOGS = {"privdesk_en": "en_US", "privdesk_ko": "ko_KR"}
TRANSLATED = "privdesk_en"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

Key = tuple[str, str, str]  # (context, source, disambiguation comment)


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    translations: tuple[str, ...]  # one text, or the numerus forms
    unfinished: bool

    @property
    def key(self) -> Key:
        return (self.context, self.source, self.comment)

    @property
    def translated(self) -> bool:
        return not self.unfinished and bool(self.translations) and all(t.strip() for t in self.translations)


def tool(name: str) -> str:
    """``pyside6-<name>`` next to the running interpreter (not resolved: a venv's python is a link)."""
    bin_dir = Path(sys.executable).parent
    for candidate in (bin_dir / f"pyside6-{name}", bin_dir / f"pyside6-{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    raise SystemExit(
        f"pyside6-{name} not found next to {sys.executable} or on PATH; "
        "install PySide6-Essentials in this environment"
    )


def ui_sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{Path(cmd[0]).name} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    # lupdate reports problems it can still work around (e.g. a tr() with a non-literal argument)
    # on stderr while exiting 0: pass them on, they point at strings that will never be translated.
    for line in done.stderr.splitlines():
        if line.strip():
            print(line, file=sys.stderr)


def lupdate(ts_file: Path, target_language: str) -> None:
    """Extract (and merge into ``ts_file`` when it exists) every message of the UI sources."""
    run(
        [
            tool("lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "relative",
            "-source-language",
            SOURCE_LANGUAGE,
            "-target-language",
            target_language,
            *map(str, ui_sources()),
            "-ts",
            str(ts_file),
        ]
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    run([tool("lrelease"), "-silent", "-nounfinished", str(ts_file), "-qm", str(qm_file)])


def read_messages(ts_file: Path) -> list[Message]:
    messages: list[Message] = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            translation = msg.find("translation")
            if translation is None:
                texts: tuple[str, ...] = ()
                kind = "unfinished"
            else:
                forms = translation.findall("numerusform")
                texts = tuple(f.text or "" for f in forms) if forms else (translation.text or "",)
                kind = translation.get("type", "")
            if kind in ("obsolete", "vanished"):
                continue
            messages.append(
                Message(
                    name,
                    msg.findtext("source") or "",
                    msg.findtext("comment") or "",
                    texts,
                    kind == "unfinished",
                )
            )
    return messages


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def extract_fresh(tmp: Path) -> set[Key]:
    """The (context, source, comment) keys the UI code has now, from a throw-away lupdate run."""
    fresh = tmp / "fresh.ts"
    lupdate(fresh, "en_US")
    return {m.key for m in read_messages(fresh)}


def qm_mismatches(ts_file: Path, qm_file: Path) -> list[str]:
    """Finished translations the built .qm does not return (it is missing or older than the .ts)."""
    if not qm_file.is_file():
        return [f"{qm_file.name} is missing"]
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    if not translator.load(str(qm_file)):
        return [f"{qm_file.name} cannot be loaded"]
    problems = []
    for m in read_messages(ts_file):
        if m.translated and len(m.translations) == 1:
            got = translator.translate(m.context, m.source, m.comment or None)
            if got != m.translations[0]:
                problems.append(f"{qm_file.name} is out of date: [{m.context}] {m.source!r}")
    return problems


def check() -> list[str]:
    """Every problem, one line each; empty when the catalogs are complete and current."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="privdesk-i18n-") as tmp:
        fresh = extract_fresh(Path(tmp))
    for stem in CATALOGS:
        ts_file = I18N_DIR / f"{stem}.ts"
        if not ts_file.is_file():
            problems.append(f"{ts_file.name} is missing")
            continue
        committed = read_messages(ts_file)
        keys = {m.key for m in committed}
        problems += [f"{ts_file.name}: not extracted yet: [{c}] {s!r}" for c, s, _ in sorted(fresh - keys)]
        problems += [
            f"{ts_file.name}: no longer in the code: [{c}] {s!r}" for c, s, _ in sorted(keys - fresh)
        ]
        if stem == TRANSLATED:
            for m in committed:
                if not m.translated:
                    problems.append(f"{ts_file.name}: unfinished or empty: [{m.context}] {m.source!r}")
                elif any(placeholders(t) != placeholders(m.source) for t in m.translations):
                    problems.append(f"{ts_file.name}: placeholders differ: [{m.context}] {m.source!r}")
        problems += qm_mismatches(ts_file, I18N_DIR / f"{stem}.qm")
    return problems


def update() -> None:
    I18N_DIR.mkdir(parents=True, exist_ok=True)
    for stem, language in CATALOGS.items():
        ts_file = I18N_DIR / f"{stem}.ts"
        lupdate(ts_file, language)
        lrelease(ts_file, I18N_DIR / f"{stem}.qm")
    todo = [m for m in read_messages(I18N_DIR / f"{TRANSLATED}.ts") if not m.translated]
    print(
        f"updated {I18N_DIR.relative_to(ROOT)}: {len(ui_sources())} UI files, "
        f"{len(todo)} English message(s) still to translate"
    )
    for m in todo:
        print(f"  [{m.context}] {m.source}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 listing missing, unfinished or stale translations",
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for line in problems:
            print(line)
        if problems:
            print(
                f"{len(problems)} translation problem(s): run scripts/update_translations.py "
                "and translate resources/i18n/privdesk_en.ts",
                file=sys.stderr,
            )
            return 1
        print("translations complete and up to date")
        return 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
