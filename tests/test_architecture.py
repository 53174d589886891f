"""The layer rules of DESIGN.md, checked on the source (habit 1: a Qt-free core)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "privdesk"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def core_files() -> list[Path]:
    return [p for p in PKG.rglob("*.py") if "ui" not in p.relative_to(PKG).parts[:1]]


def test_no_module_outside_ui_imports_qt() -> None:
    offenders = [str(p.relative_to(PKG.parent)) for p in core_files()
                 if any(m.split(".")[0] in ("PySide6", "shiboken6", "PyQt6", "PyQt5") for m in imported_modules(p))]
    assert offenders == []


def test_core_imports_without_qt_loaded() -> None:
    code = ("import sys, privdesk.cli, privdesk.context, privdesk.bootstrap, privdesk.crypto;"
            "import privdesk.reports, privdesk.audit.chain, privdesk.accounts.users;"
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_ui_and_cli_never_open_orm_sessions_themselves() -> None:
    offenders = []
    for p in [*PKG.joinpath("ui").rglob("*.py"), *PKG.joinpath("cli").rglob("*.py")]:
        text = p.read_text(encoding="utf-8")
        if re.search(r"(?<![\w.])Session\(|sessionmaker\(|\.session\(\)", text):
            offenders.append(str(p.relative_to(PKG.parent)))
    assert offenders == []


def test_no_mutable_module_globals_registry_in_core() -> None:
    """No module-level ``global`` statements below ui/ (DESIGN: avoid mutable module globals)."""
    offenders = [str(p.relative_to(PKG.parent)) for p in core_files()
                 if any(isinstance(n, ast.Global) for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert offenders == []
