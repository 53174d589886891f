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


# -- privdesk/ui: a kit and one folder per domain (issue 17) --------------------------------------
UI = PKG / "ui"
# The kit every screen uses, and the three modules that compose the application from the screens.
KIT = {"__init__", "collector", "host", "idle", "login", "messages", "page", "pdfpreview", "startbox",
       "tablemodel", "tasks", "widgets"}
COMPOSITION = {"app", "firstrun", "mainwindow", "pages", "today"}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__")


def _runtime_imports(path: Path) -> set[str]:
    """Modules imported when the code runs (top level and inside functions), leaving out the
    ``if TYPE_CHECKING:`` blocks, which only the type checker reads."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for child in node.body for n in ast.walk(child))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _ui_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in UI.rglob("*.py")}

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {resolve(m) for m in _runtime_imports(path) if m.startswith("privdesk.ui")}
        graph[name] = {t for t in targets if t and t != name and t != "privdesk.ui"}
    return graph


def _domain_of(module: str) -> str | None:
    """``privdesk.ui.cctv.inbox`` → ``cctv``; a kit or composition module → None."""
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and UI.joinpath(parts[2]).is_dir() else None


def test_ui_is_a_kit_and_one_folder_per_domain() -> None:
    loose = sorted(p.stem for p in UI.glob("*.py") if p.stem not in KIT | COMPOSITION)
    assert loose == [], f"a screen of a domain belongs in its folder (privdesk/ui/<domain>/): {loose}"
    for folder in (p for p in UI.iterdir() if p.is_dir() and p.name != "__pycache__"):
        assert folder.joinpath("__init__.py").exists(), folder


def test_no_import_cycle_inside_ui() -> None:
    graph = _ui_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:   # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_kit_imports_no_screen_and_screens_never_import_the_composition() -> None:
    graph = _ui_graph()
    kit_offenders = sorted(f"{m} → {t}" for m, targets in graph.items() for t in targets
                           if m.split(".")[-1] in KIT and _domain_of(m) is None and _domain_of(t) is not None)
    assert kit_offenders == []
    composition = {f"privdesk.ui.{c}" for c in COMPOSITION}
    upward = sorted(f"{m} → {t}" for m, targets in graph.items() for t in targets
                    if _domain_of(m) is not None and t in composition)
    assert upward == []


# -- the core's walls (issue 17): what holds today, each a failing test when broken ----------------
DOMAINS = ("accounts", "audit", "backup", "cctv", "complaints", "custody", "disclosures", "incidents",
           "lifecycle", "registry", "rights", "review")


def _package_imports(package: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in PKG.joinpath(package).rglob("*.py"):
        out[str(p.relative_to(PKG.parent))] = {m for m in _runtime_imports(p) if m.startswith("privdesk.")}
    return out


def test_the_store_is_a_leaf() -> None:
    """The store (engine, models of its own tables, migrations, counters) imports no domain: each
    domain declares its tables on the shared Base and :mod:`privdesk.schema` collects them."""
    offenders = sorted(f"{f} → {m}" for f, mods in _package_imports("store").items() for m in mods
                       if m.split(".")[1] in DOMAINS or m.split(".")[1] in ("context", "reports", "ui", "cli"))
    offenders = [o for o in offenders if not o.startswith("privdesk/store/migrations/env.py → privdesk.schema")]
    assert offenders == []


def test_migrations_never_import_live_code() -> None:
    """A migration is history: it must run the same in five years, whatever the code became."""
    offenders = sorted(f"{p.name} → {m}" for p in PKG.joinpath("store", "migrations", "versions").glob("*.py")
                       for m in imported_modules(p) if m.startswith("privdesk"))
    assert offenders == []


def test_the_command_line_parses_before_loading_the_database_layer() -> None:
    """``privdesk --version`` and ``--help`` answer at once: building the parser of every command
    imports neither SQLAlchemy, nor the context, nor cryptography, nor Qt (each command imports what
    it needs when it runs). Measured: 0.11–0.12 s against 0.72 s before."""
    code = ("import sys; from privdesk.cli import build_parser; build_parser();"
            "heavy = [m for m in ('sqlalchemy', 'privdesk.context', 'cryptography', 'PySide6', 'reportlab')"
            " if m in sys.modules]; print(heavy); sys.exit(1 if heavy else 0)")
    r = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_access_logs_batch_entries_are_written_and_read_in_one_place() -> None:
    """An import logs batch entries naming many patients (issue 17): their format lives in
    :mod:`privdesk.audit.batches` alone, a leaf of the kernel — no other module spells it."""
    leaf = PKG / "audit" / "batches.py"
    assert {m for m in imported_modules(leaf) if m.startswith("privdesk")} == set()
    offenders = []
    for p in core_files():
        if p == leaf:
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                    node.value.startswith("patients=") or "; ids=" in node.value):
                offenders.append(f"{p.relative_to(PKG.parent)}:{node.lineno}")
    assert offenders == []
