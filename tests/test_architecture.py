"""The layer rules of DESIGN.md, checked on the source (habit 1: a Qt-free core)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Callable
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
    offenders = [
        str(p.relative_to(PKG.parent))
        for p in core_files()
        if any(m.split(".")[0] in ("PySide6", "shiboken6", "PyQt6", "PyQt5") for m in imported_modules(p))
    ]
    assert offenders == []


def test_core_imports_without_qt_loaded() -> None:
    code = (
        "import sys, privdesk.cli, privdesk.context, privdesk.bootstrap, privdesk.crypto;"
        "import privdesk.reports, privdesk.audit.chain, privdesk.accounts.users;"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
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
    offenders = [
        str(p.relative_to(PKG.parent))
        for p in core_files()
        if any(isinstance(n, ast.Global) for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))
    ]
    assert offenders == []


# -- privdesk/ui: a kit and one folder per domain (issue 17) --------------------------------------
UI = PKG / "ui"
# The kit every screen uses, and the three modules that compose the application from the screens.
KIT = {
    "__init__",
    "clocks",
    "collector",
    "demo",
    "confirm",
    "dateedit",
    "datetimeedit",
    "host",
    "i18n",
    "idle",
    "login",
    "memory",
    "messages",
    "page",
    "pdfpreview",
    "progress",
    "shortcuts",
    "startbox",
    "tablemodel",
    "tables",
    "tasks",
    "widgets",
    "workflow",
}
COMPOSITION = {"app", "firstrun", "help", "mainwindow", "pages", "today"}


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

    def visit(v: str) -> None:  # Tarjan's strongly connected components
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
    kit_offenders = sorted(
        f"{m} → {t}"
        for m, targets in graph.items()
        for t in targets
        if m.split(".")[-1] in KIT and _domain_of(m) is None and _domain_of(t) is not None
    )
    assert kit_offenders == []
    composition = {f"privdesk.ui.{c}" for c in COMPOSITION}
    upward = sorted(
        f"{m} → {t}"
        for m, targets in graph.items()
        for t in targets
        if _domain_of(m) is not None and t in composition
    )
    assert upward == []


# -- the core's walls (issue 17): what holds today, each a failing test when broken ----------------
DOMAINS = (
    "accounts",
    "audit",
    "backup",
    "cctv",
    "complaints",
    "custody",
    "disclosures",
    "incidents",
    "lifecycle",
    "registry",
    "rights",
    "review",
)


def _package_imports(package: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in PKG.joinpath(package).rglob("*.py"):
        out[str(p.relative_to(PKG.parent))] = {m for m in _runtime_imports(p) if m.startswith("privdesk.")}
    return out


def test_the_store_is_a_leaf() -> None:
    """The store (engine, models of its own tables, migrations, counters) imports no domain: each
    domain declares its tables on the shared Base and :mod:`privdesk.schema` collects them."""
    offenders = sorted(
        f"{f} → {m}"
        for f, mods in _package_imports("store").items()
        for m in mods
        if m.split(".")[1] in DOMAINS or m.split(".")[1] in ("context", "reports", "ui", "cli")
    )
    offenders = [
        o for o in offenders if not o.startswith("privdesk/store/migrations/env.py → privdesk.schema")
    ]
    assert offenders == []


KERNEL = {
    # the unit, permissions and accounts, the chain and its entry types, the store
    "accounts",
    "audit",
    "context",
    "store",
    # plain helpers every layer uses
    "__init__",
    "clock",
    "crypto",
    "deadline",
    "errors",
    "failures",
    "fields",
    "korean",
    "files",
    "logs",
    "personal",
    "printing",
    "profile",
    "proofs",
    "reports",
    "resources",
    "settings",
}


def _kernel_files() -> list[Path]:
    out = []
    for p in sorted(PKG.rglob("*.py")):
        top = p.relative_to(PKG).parts[0].removesuffix(".py")
        if top in KERNEL:
            out.append(p)
    return out


def test_the_kernel_imports_no_domain() -> None:
    """The shared kernel — the unit, permissions, the chain, the store and the plain helpers —
    sits below every domain: nothing in it imports (at the top or inside a function) anything
    outside it. A domain's model collector (:mod:`privdesk.schema`) is the migrations' business
    and opening a database (:mod:`privdesk.opening`) the composition's."""
    offenders = sorted(
        f"{p.relative_to(PKG.parent)} → {m}"
        for p in _kernel_files()
        for m in _runtime_imports(p)
        if m.startswith("privdesk.")
        and m.split(".")[1] not in KERNEL
        and not (
            p.relative_to(PKG).as_posix() == "store/migrations/env.py" and m.startswith("privdesk.schema")
        )
    )
    assert offenders == []


def test_importing_the_kernel_loads_no_domain() -> None:
    """The same wall at run time: importing the context (and with it the kernel) loads no domain."""
    code = (
        "import sys, privdesk.context, privdesk.printing, privdesk.reports;"
        f"kernel = {sorted(KERNEL)!r};"
        "other = sorted({m.split('.')[1] for m in sys.modules if m.startswith('privdesk.')} - set(kernel));"
        "print(other); sys.exit(1 if other else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def _package_graph() -> dict[str, set[str]]:
    """Top-level packages and modules of privdesk (the kernel as one node, ``kernel``) and the ones
    each imports when it runs; ui/ and cli/ (the outermost layer) left out, and the migrations'
    environment, whose business is collecting every model."""

    def node(name: str) -> str:
        return "kernel" if name in KERNEL else name

    graph: dict[str, set[str]] = {}
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(PKG)
        top = rel.parts[0].removesuffix(".py")
        if top in ("ui", "cli", "__main__") or rel.as_posix() == "store/migrations/env.py":
            continue
        for m in _runtime_imports(p):
            parts = m.split(".")
            if parts[0] != "privdesk" or len(parts) < 2 or parts[1] in ("ui", "cli"):
                continue
            if not (PKG / parts[1]).is_dir() and not (PKG / f"{parts[1]}.py").is_file():
                continue
            if node(parts[1]) != node(top):
                graph.setdefault(node(top), set()).add(node(parts[1]))
    return graph


def test_no_import_cycle_between_domains() -> None:
    """The knot is untied: no two packages above the kernel import each other, however indirectly
    (strongly connected components of the import graph). A domain that must call one above it gets
    the call handed in by the composition (:class:`privdesk.context.Wiring`)."""
    graph = _package_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    knots: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                knots.append(sorted(comp))

    for v in sorted(set(graph) | {w for ws in graph.values() for w in ws}):
        if v not in index:
            visit(v)
    assert knots == []


API_DOMAINS = (
    "backup",
    "cctv",
    "complaints",
    "consent",
    "disclosures",
    "incidents",
    "lifecycle",
    "notice",
    "policy",
    "registry",
    "review",
    "rights",
    "training",
)


def test_a_domain_uses_another_only_through_its_api() -> None:
    """Each domain exposes what others may use in ``privdesk/<domain>/api.py``; nothing else of it is
    imported by another domain (type-only imports included), so its inside can change freely."""
    offenders = sorted(
        f"{p.relative_to(PKG.parent)} → {m}"
        for d in API_DOMAINS
        for p in PKG.joinpath(d).rglob("*.py")
        for m in imported_modules(p)
        if m.startswith("privdesk.")
        and len(m.split(".")) > 1
        and m.split(".")[1] in API_DOMAINS
        and m.split(".")[1] != d
        and m != f"privdesk.{m.split('.')[1]}.api"
    )
    assert offenders == []


def test_migrations_never_import_live_code() -> None:
    """A migration is history: it must run the same in five years, whatever the code became."""
    offenders = sorted(
        f"{p.name} → {m}"
        for p in PKG.joinpath("store", "migrations", "versions").glob("*.py")
        for m in imported_modules(p)
        if m.startswith("privdesk")
    )
    assert offenders == []


def test_the_command_line_parses_before_loading_the_database_layer() -> None:
    """``privdesk --version`` and ``--help`` answer at once: building the parser of every command
    imports neither SQLAlchemy, nor the context, nor cryptography, nor Qt (each command imports what
    it needs when it runs). Measured: 0.11–0.12 s against 0.72 s before."""
    code = (
        "import sys; from privdesk.cli import build_parser; build_parser();"
        "heavy = [m for m in ('sqlalchemy', 'privdesk.context', 'cryptography', 'PySide6', 'reportlab')"
        " if m in sys.modules]; print(heavy); sys.exit(1 if heavy else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


# -- one request workflow (issue 17): data-subject and CCTV requests share privdesk/workflow -------
WORKFLOW_KERNEL = ("accounts", "audit")  # besides context, store and the top-level helpers (clock, errors …)
WORKFLOW_NAMES = {
    "Relation",
    "RELATION_LABELS",
    "ID_DOCUMENTS",
    "Urgency",
    "DUE_SOON_DAYS",
    "OpenClock",
    "EventInfo",
    "due_date",
    "effective_due",
    "inbox_order",
    "check_extension",
}


def test_the_workflow_imports_no_domain() -> None:
    """The shared request workflow sits below both kinds: it imports neither rights nor cctv (nor any
    other domain, the reports, the UI or the CLI) — only the kernel (accounts, audit, context, store)."""
    offenders = sorted(
        f"{f} → {m}"
        for f, mods in _package_imports("workflow").items()
        for m in mods
        if (m.split(".")[1] in DOMAINS and m.split(".")[1] not in WORKFLOW_KERNEL)
        or m.split(".")[1] in ("reports", "ui", "cli")
    )
    assert offenders == []


def test_rights_and_cctv_do_not_import_each_others_requests() -> None:
    offenders = sorted(
        f"{f} → {m}"
        for a, b in (("rights", "cctv"), ("cctv", "rights"))
        for f, mods in _package_imports(a).items()
        for m in mods
        if m.startswith((f"privdesk.{b}.requests", f"privdesk.{b}.decisions"))
    )
    assert offenders == []


def test_the_workflow_is_defined_once() -> None:
    """No kind defines its own copy of the workflow's names (they are imported from privdesk.workflow)."""
    offenders = []
    for domain in ("rights", "cctv", "complaints"):
        for p in PKG.joinpath(domain).rglob("*.py"):
            for node in ast.parse(p.read_text(encoding="utf-8")).body:
                names: list[str] = []
                if isinstance(node, ast.ClassDef | ast.FunctionDef):
                    names = [node.name]
                elif isinstance(node, ast.Assign):
                    names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    names = [node.target.id]
                offenders += [f"{p.relative_to(PKG.parent)}: {n}" for n in names if n in WORKFLOW_NAMES]
    assert offenders == []


# The inboxes of the kinds on the clock: (module, the inbox widget, its table model).
REQUEST_INBOXES = (
    ("requests/page.py", "RequestsPage", "RequestsModel"),
    ("cctv/inbox.py", "InboxTab", "RequestsModel"),
)
INBOX_MEMBERS = ("open_request", "open_selected", "add_inbox", "announce", "loaded")
# Their request details: (module, the dialog), on RequestDetailBase.
REQUEST_DETAILS = (("requests/detail.py", "RequestDetailDialog"), ("cctv/request.py", "RequestDetailDialog"))
DETAIL_MEMBERS = (
    "add_header",
    "add_form",
    "field",
    "add_history",
    "add_actions_bar",
    "add_close",
    "button",
    "fill_history",
    "clear_actions",
    "add_action",
    "no_actions",
    "show_clock",
    "show_step",
    "ask_reveal",
)


def _base_names(cls: ast.ClassDef) -> list[str]:
    """``class X(RequestInbox[Row, Dialog], Page)`` → ``["RequestInbox", "Page"]``."""
    out = []
    for base in cls.bases:
        node = base.value if isinstance(base, ast.Subscript) else base
        out.append(node.id if isinstance(node, ast.Name) else ast.unparse(node))
    return out


def test_both_request_inboxes_derive_from_the_one_base() -> None:
    """The data-subject inbox and the CCTV inbox are one inbox (privdesk/ui/workflow.py): each widget
    derives from ``RequestInbox`` and its model from ``ClockModel``, each request detail from
    ``RequestDetailBase``, all imported from the kit; no screen builds the inbox's table or
    re-implements what a base does (opening a request, the intake notice, loading the rows; the
    detail's header, form, history and actions bar)."""
    offenders = []
    expected = [
        *((rel, widget, "RequestInbox") for rel, widget, _model in REQUEST_INBOXES),
        *((rel, model, "ClockModel") for rel, _widget, model in REQUEST_INBOXES),
        *((rel, dialog, "RequestDetailBase") for rel, dialog in REQUEST_DETAILS),
    ]
    for rel, name, base in expected:
        tree = ast.parse(UI.joinpath(rel).read_text(encoding="utf-8"))
        from_kit = {
            a.asname or a.name
            for n in tree.body
            if isinstance(n, ast.ImportFrom) and n.module == "privdesk.ui.workflow"
            for a in n.names
        }
        cls = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name), None)
        if cls is None or base not in _base_names(cls) or base not in from_kit:
            offenders.append(f"{rel}: {name} does not derive from privdesk.ui.workflow.{base}")
    for path, tree in _ui_trees():
        if path.name == "workflow.py" and path.parent == UI:
            continue
        rel = path.relative_to(PKG.parent)
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for base, members in (("RequestInbox", INBOX_MEMBERS), ("RequestDetailBase", DETAIL_MEMBERS)):
                if base in _base_names(cls):
                    offenders += [
                        f"{rel}: {cls.name}.{f.name} repeats the base"
                        for f in cls.body
                        if isinstance(f, ast.FunctionDef) and f.name in members
                    ]
        offenders += [
            f"{rel}:{c.lineno} builds the inbox's table itself"
            for c in ast.walk(tree)
            if isinstance(c, ast.Call)
            and any(isinstance(a, ast.Constant) and a.value == "requestsTable" for a in c.args)
        ]
    assert offenders == []


# -- one background path (issue 17) ---------------------------------------------------------------
def _ui_trees() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(UI.rglob("*.py"))]


def _called_name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def test_table_pages_are_read_on_the_task_runner() -> None:
    """Every ``fetchMore`` in ui/ hands its page to the task runner (``….run(lambda: …)``) and calls
    no fetcher (a use case: a transaction and an access-log append) on the GUI thread."""
    found, offenders = [], []
    for path, tree in _ui_trees():
        for fn in ast.walk(tree):
            if not (isinstance(fn, ast.FunctionDef) and fn.name == "fetchMore"):
                continue
            found.append(path.stem)
            in_lambda = {
                id(n) for lam in ast.walk(fn) if isinstance(lam, ast.Lambda) for n in ast.walk(lam.body)
            }
            calls = [c for c in ast.walk(fn) if isinstance(c, ast.Call)]
            if not any(_called_name(c) == "run" and isinstance(c.func, ast.Attribute) for c in calls):
                offenders.append(f"{path.relative_to(PKG.parent)}: fetchMore does not use the runner")
            direct = [
                ast.unparse(c) for c in calls if id(c) not in in_lambda and "fetcher" in _called_name(c)
            ]
            if direct:
                offenders.append(
                    f"{path.relative_to(PKG.parent)}: fetchMore calls {direct} on the GUI thread"
                )
    assert found and offenders == []


def test_progress_dialogs_are_built_only_by_the_kit() -> None:
    """One progress-and-cancel object (privdesk/ui/progress.py): no screen builds a QProgressDialog."""
    offenders = [
        f"{path.relative_to(PKG.parent)}:{node.lineno}"
        for path, tree in _ui_trees()
        if path.stem != "progress"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _called_name(node) == "QProgressDialog"
    ]
    assert offenders == []


def _string_set(node: ast.expr) -> set[str] | None:
    """The strings of ``frozenset({"a", "b"})``; None for anything else."""
    if (
        isinstance(node, ast.Call)
        and _called_name(node) == "frozenset"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Set | ast.List | ast.Tuple)
    ):
        return {
            e.value for e in node.args[0].elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
        }
    return None


def test_changes_and_pages_name_known_kinds_and_only_pages_listen() -> None:
    """``changes=frozenset({...})`` and a page's ``SHOWS`` name kinds of privdesk.ui.tasks.KINDS (a typo
    would silently skip a reload); screens subscribe through ``Page.SHOWS``, only ui/page.py connects
    to ``data_changed``."""
    from privdesk.ui.tasks import KINDS

    unknown, listeners = [], []
    for path, tree in _ui_trees():
        where = str(path.relative_to(PKG.parent))
        for node in ast.walk(tree):
            values: list[ast.expr] = []
            if isinstance(node, ast.keyword) and node.arg == "changes":
                values = (
                    [node.value.body, node.value.orelse]
                    if isinstance(node.value, ast.IfExp)
                    else [node.value]
                )
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "SHOWS" for t in node.targets
            ):
                values = [node.value]
            for value in values:
                names = _string_set(value)
                if names is not None and (not names or names - KINDS):
                    unknown.append(f"{where}:{value.lineno} {sorted(names - KINDS)}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "connect"
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "data_changed"
                and path.name != "page.py"
            ):
                listeners.append(f"{where}:{node.lineno}")
    assert unknown == [] and listeners == []


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
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and (node.value.startswith("patients=") or "; ids=" in node.value)
            ):
                offenders.append(f"{p.relative_to(PKG.parent)}:{node.lineno}")
    assert offenders == []


def test_reports_render_plain_data_and_import_no_domain() -> None:
    """privdesk/reports turns plain data into pages: no use case there (numbering, witnessing and the
    printing's log entry are privdesk.printing) and no domain, the context or the store imported; a
    paper that needs a domain's types is rendered by that domain (e.g. privdesk/review/paper.py)."""
    offenders = sorted(
        f"{f} → {m}"
        for f, mods in _package_imports("reports").items()
        for m in mods
        if m.split(".")[1] in DOMAINS
        or m.split(".")[1] in ("context", "store", "schema", "printing", "ui", "cli")
    )
    assert offenders == []


def test_every_change_names_its_kinds_and_every_page_what_it_shows() -> None:
    """No task in ui/ announces ``changes=True`` (everything: every open screen reloads) — it names the
    kinds it changes — nor does a wrapper default its ``changes`` to True; every Page subclass sets
    ``SHOWS`` itself, and one that shows everything (the access log, 오늘 할 일) says why on that line."""
    from privdesk.ui.tasks import KINDS

    true_changes, silent_pages, unexplained = [], [], []
    named: set[str] = set()  # the constants passed as changes= (CCTV, self.CHANGES …)
    constants: dict[str, list[tuple[str, set[str]]]] = {}  # NAME = frozenset({...}) in ui/
    page_classes: dict[str, tuple[Path, ast.ClassDef]] = {}
    bases: dict[str, set[str]] = {}
    for path, tree in _ui_trees():
        where = str(path.relative_to(PKG.parent))
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "changes":
                values = (
                    [node.value.body, node.value.orelse]
                    if isinstance(node.value, ast.IfExp)
                    else [node.value]
                )
                if any(isinstance(v, ast.Constant) and v.value is True for v in values):
                    true_changes.append(f"{where}:{node.value.lineno}")
                named.update(
                    v.id if isinstance(v, ast.Name) else v.attr
                    for v in values
                    if isinstance(v, ast.Name | ast.Attribute)
                )
            elif isinstance(node, ast.FunctionDef | ast.Lambda):
                a = node.args
                positional = [*a.posonlyargs, *a.args]
                pairs = list(zip(positional[len(positional) - len(a.defaults) :], a.defaults, strict=True))
                pairs += [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None]
                if any(
                    arg.arg == "changes" and isinstance(d, ast.Constant) and d.value is True
                    for arg, d in pairs
                ):
                    true_changes.append(f"{where}:{node.lineno} (default)")
                named.update(d.id for arg, d in pairs if arg.arg == "changes" and isinstance(d, ast.Name))
            elif isinstance(node, ast.ClassDef):
                page_classes[node.name] = (path, node)
                bases[node.name] = {b.id if isinstance(b, ast.Name) else ast.unparse(b) for b in node.bases}
            elif (
                isinstance(node, ast.Assign | ast.AnnAssign)
                and any(isinstance(t, ast.Name) and t.id == "SHOWS" for t in _targets(node))
                and isinstance(node.value, ast.Name)
                and node.value.id == "EVERYTHING"
                and path.name != "page.py"
                and "#" not in lines[node.lineno - 1]
            ):
                unexplained.append(f"{where}:{node.lineno}")
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                kinds = _string_set(node.value)
                for target in _targets(node):
                    if kinds is not None and isinstance(target, ast.Name):
                        constants.setdefault(target.id, []).append((f"{where}:{node.lineno}", kinds))

    def is_page(name: str, seen: frozenset[str] = frozenset()) -> bool:
        return name not in seen and any(
            b == "Page" or is_page(b, seen | {name}) for b in bases.get(name, ()) if b in bases or b == "Page"
        )

    pages = sorted(name for name in page_classes if name != "Page" and is_page(name))
    for name in pages:
        path, cls = page_classes[name]
        if not any(
            isinstance(s, ast.Assign | ast.AnnAssign)
            and any(isinstance(t, ast.Name) and t.id == "SHOWS" for t in _targets(s))
            for s in cls.body
        ):
            silent_pages.append(f"{path.relative_to(PKG.parent)}: {name}")
    assert len(pages) >= 15, pages  # the rule sees the pages (today 16)
    assert true_changes == [], "name the kinds changed (privdesk.ui.tasks.KINDS), not True"
    assert {"CCTV", "CHANGES"} <= named  # the rule sees the constants passed
    unknown = [
        f"{w} {sorted(k - KINDS)}" for n in named for w, k in constants.get(n, []) if not k or k - KINDS
    ]
    assert unknown == [], (
        "a constant passed as changes= names known kinds (found here, not when the task runs)"
    )
    assert silent_pages == [], "say what the page shows: SHOWS = frozenset({...})"
    assert unexplained == [], "a page that shows everything says why"


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return list(node.targets) if isinstance(node, ast.Assign) else [node.target]


# A use case: a function of privdesk that opens the unit (``ctx.unit``, or a session of the context)
# itself or calls one that does — found through the imports, with ``ast``. The two quick reads the GUI
# thread keeps, each for a reason:
GUI_THREAD_READS = {
    # the reason dialog (사유) is modal and ask_reason returns the reason: the account's recent reasons
    # are in the dialog when it opens (one indexed read of its own log entries; nothing written)
    ("privdesk.ui.widgets.recent_of", "privdesk.audit.recent.recent_reasons"),
    # the landing page is chosen before the window opens any page (opening the last page first would
    # load — and log — a screen the account did not choose); one indexed read, never logged
    ("privdesk.ui.mainwindow.MainWindow._asked_to_justify", "privdesk.review.usecases.pending"),
}


def _use_case_index() -> tuple[dict[str, tuple[str, ast.FunctionDef]], Callable[[str, ast.Call], str | None]]:
    """Every module-level function of privdesk by qualified name, and a resolver from a call in a
    module to the qualified name it calls (a name imported or defined there, or ``module.name``;
    re-exports followed)."""
    trees = {_module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in PKG.rglob("*.py")}
    binds: dict[str, dict[str, str]] = {}
    for name, tree in trees.items():
        b: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                b.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
            elif isinstance(node, ast.Import):
                b.update({a.asname: a.name for a in node.names if a.asname})
        b.update({n.name: f"{name}.{n.name}" for n in tree.body if isinstance(n, ast.FunctionDef)})
        binds[name] = b
    funcs = {
        f"{m}.{n.name}": (m, n) for m, t in trees.items() for n in t.body if isinstance(n, ast.FunctionDef)
    }
    for m, t in trees.items():  # methods too, as callers (Class.method)
        for cls in (n for n in t.body if isinstance(n, ast.ClassDef)):
            funcs.update(
                {f"{m}.{cls.name}.{f.name}": (m, f) for f in cls.body if isinstance(f, ast.FunctionDef)}
            )

    def follow(q: str | None) -> str | None:
        for _ in range(5):
            if q is None or q in funcs:
                return q
            mod, _dot, attr = q.rpartition(".")
            if attr not in binds.get(mod, {}):
                return q
            q = binds[mod][attr]
        return q

    def resolve(module: str, call: ast.Call) -> str | None:
        f = call.func
        if isinstance(f, ast.Name):
            return follow(binds[module].get(f.id))
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in binds[module]:
            return follow(f"{binds[module][f.value.id]}.{f.attr}")
        return None

    return funcs, resolve


def _calls_outside_nested_functions(fn: ast.FunctionDef) -> list[ast.Call]:
    """The calls ``fn`` makes itself: not those in a lambda or a function defined inside it (which the
    code hands to the task runner, or to a wrapper that does)."""
    out: list[ast.Call] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if isinstance(child, ast.Call):
                out.append(child)
            visit(child)

    visit(ast.Module(body=fn.body, type_ignores=[]))
    return out


def _opens_the_unit(fn: ast.FunctionDef) -> bool:
    return any(
        isinstance(c, ast.Call)
        and isinstance(c.func, ast.Attribute)
        and c.func.attr in ("unit", "session", "_sessions")
        and isinstance(c.func.value, ast.Name)
        and c.func.value.id in ("ctx", "self")
        for c in ast.walk(fn)
    )


def test_no_use_case_runs_on_the_gui_thread() -> None:
    """A method of a screen (a slot, a dialog's accept(), a constructor) calls no use case itself: the
    call sits in a lambda or a function defined in the method, handed to the task runner (or to
    PrintJob, which renders on it). A function of ui/ that calls a use case itself is one (and the
    same holds for its callers). Nor does a lambda or nested function the GUI thread runs: a task's
    ``on_done``/``on_error``, a signal's slot (``.connect``, ``singleShot``), one called in place.
    Found through the imports with ``ast``; not seen: a use case called through an object
    (``dialog.call(ctx, actor)``), and a function handed to a wrapper that runs it on the GUI thread."""
    funcs, resolve = _use_case_index()
    ui = {q for q, (m, _fn) in funcs.items() if m.startswith("privdesk.ui")}
    # what each function calls: a core function anywhere in it, a function of ui/ itself
    calls = {
        q: [
            (c.lineno, t)
            for c in (
                _calls_outside_nested_functions(fn)
                if q in ui
                else [c for c in ast.walk(fn) if isinstance(c, ast.Call)]
            )
            if (t := resolve(m, c)) is not None and (q, t) not in GUI_THREAD_READS
        ]
        for q, (m, fn) in funcs.items()
    }
    use_cases = {q for q, (_m, fn) in funcs.items() if q not in ui and _opens_the_unit(fn)}
    # a function that calls a use case is one — in ui/, a module-level function (a method is checked)
    candidates = {q for q, (m, _fn) in funcs.items() if q not in ui or q.count(".") == m.count(".") + 1}
    grew = True
    while grew:
        more = {q for q in candidates - use_cases if any(t in use_cases for _line, t in calls[q])}
        use_cases |= more
        grew = bool(more)
    offenders = sorted(
        f"{m}:{line} {q.removeprefix(m + '.')} → {t}"
        for q, (m, _fn) in funcs.items()
        if q in ui and q.count(".") > m.count(".") + 1  # a method of a screen, a dialog, a model …
        for line, t in calls[q]
        if t in use_cases
    )
    offenders += _use_cases_in_gui_callbacks(funcs, ui, use_cases, resolve)
    assert offenders == []
    assert len(use_cases) > 100  # the rule sees the use cases (today 400-odd)
    assert "privdesk.ui.widgets.recent_of" not in use_cases  # the quick read is seen and allowed
    assert all((q in funcs) for q, _t in GUI_THREAD_READS)  # each allowance names a real function


GUI_CALLBACKS = ("on_done", "on_error")
GUI_SLOTS = ("connect", "singleShot")


def _use_cases_in_gui_callbacks(
    funcs: dict[str, tuple[str, ast.FunctionDef]],
    ui: set[str],
    use_cases: set[str],
    resolve: Callable[[str, ast.Call], str | None],
) -> list[str]:
    """The lambdas and nested functions of ui/ that call a use case and that the GUI thread runs:
    passed as ``on_done=``/``on_error=``, connected to a signal, or called where they are defined."""
    out = []
    for q, (m, fn) in funcs.items():
        if q not in ui:
            continue
        parent = {id(c): n for n in ast.walk(fn) for c in ast.iter_child_nodes(n)}
        for inner in ast.walk(fn):
            if inner is fn or not isinstance(inner, ast.Lambda | ast.FunctionDef):
                continue
            body = inner.body if isinstance(inner, ast.FunctionDef) else [ast.Expr(inner.body)]
            shell = ast.FunctionDef(name="_", args=inner.args, body=body, decorator_list=[], type_params=[])
            hits = [t for c in _calls_outside_nested_functions(shell) if (t := resolve(m, c)) in use_cases]
            if not hits:
                continue
            uses: list[ast.AST] = (
                [inner]
                if isinstance(inner, ast.Lambda)
                else [n for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == inner.name]
            )
            for use in uses:
                at = parent.get(id(use))
                on_gui = (
                    (isinstance(at, ast.keyword) and at.arg in GUI_CALLBACKS)
                    or (isinstance(at, ast.Call) and at.func is use)
                    or (
                        isinstance(at, ast.Call)
                        and use in at.args
                        and isinstance(at.func, ast.Attribute)
                        and at.func.attr in GUI_SLOTS
                    )
                )
                if on_gui:
                    out.append(f"{m}:{inner.lineno} {q.removeprefix(m + '.')}: a GUI callback calls {hits}")
    return out
