"""Start-up: the login window comes up on the kernel alone — opening a database at the head loads
no domain and no Alembic — and what needs every table still sees every table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from privdesk.bootstrap import initialize
from privdesk.settings import load_settings
from privdesk.store import migrate
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

DOMAINS = (
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
    "schema",
)


def _run(code: str) -> str:
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_the_head_read_from_the_files_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()


def test_opening_and_logging_in_load_no_domain_and_no_alembic(tmp_path: Path) -> None:
    settings = load_settings(db=f"sqlite:///{tmp_path / 'db.sqlite3'}", key_file=tmp_path / "k.key", env={})
    initialize(
        settings, officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD
    ).engine.dispose()
    out = _run(
        "import sys\n"
        "import privdesk.ui.app\n"
        "from privdesk.opening import open_context\n"
        "from privdesk.settings import load_settings\n"
        "from privdesk.accounts import users\n"
        f"ctx = open_context(load_settings(db={settings.db_url!r}, key_file={str(settings.key_file)!r}, env={{}}))\n"
        f"actor = users.login(ctx, {OFFICER_LOGIN!r}, {OFFICER_PASSWORD!r})\n"
        "assert actor.login == " + repr(OFFICER_LOGIN) + "\n"
        "loaded = sorted({m.split('.')[1] for m in sys.modules if m.startswith('privdesk.')})\n"
        "print(' '.join(loaded)); print('alembic' in sys.modules)\n"
    )
    loaded, alembic = out.split("\n")[:2]
    assert set(loaded.split()) & set(DOMAINS) == set()
    assert alembic == "False"


def test_the_integrity_check_sees_every_proven_table_whatever_was_loaded_before() -> None:
    """integrity imports the model collector itself: a check run before any screen loaded a domain
    still walks every table with a row proof (it would otherwise skip them silently)."""
    every = _run(
        "from privdesk import proofs, schema\n"
        "from privdesk.store.models import Base\n"
        "print(len(proofs.mapped_specs(Base)))\n"
    )
    first = _run(
        "import privdesk.integrity\n"
        "from privdesk import proofs\n"
        "from privdesk.store.models import Base\n"
        "print(len(proofs.mapped_specs(Base)))\n"
    )
    assert int(first) == int(every) > 5
