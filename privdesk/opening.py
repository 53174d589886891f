"""Opening a database: the composition step above the domains.

:func:`open_context` upgrades the schema, loads and checks the key file and builds the
:class:`~privdesk.context.AppContext`. It lives here, not in :mod:`privdesk.context`, because it
needs every domain's tables: the seal after an upgrade walks every proven table on
``Base.metadata``, which :mod:`privdesk.schema` completes. The kernel (context, store, accounts,
audit) imports no domain; this module and :mod:`privdesk.bootstrap` are where they meet.

Opening a database that is already at the head loads no domain (and no Alembic): the login
window comes up on the kernel alone (``tests/bench/test_bench_start.py``); the domains load with
the screens that use them, the model collector only when an upgrade ran.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from privdesk import proofs, wiring
from privdesk.context import (
    META_DATABASE_ID,
    META_RESTORE_PENDING,
    AppContext,
    Unit,
    read_key_check,
)
from privdesk.crypto import KeyRing, load_key_file
from privdesk.errors import BackupError, ConfigError, KeyFileError, NotInitializedError
from privdesk.korean import josa
from privdesk.settings import Settings
from privdesk.store import migrate
from privdesk.store.engine import make_engine, sqlite_path
from privdesk.store.models import Base, Meta


def restore_pending(engine: Engine) -> str | None:
    """The marker of a restore that has not finished in this database (None: there is none)."""
    with Session(engine) as s:
        row = s.get(Meta, META_RESTORE_PENDING)
        return row.value if row is not None else None


def open_context(settings: Settings, *, upgrade: bool = True, restoring: bool = False) -> AppContext:
    """Open an initialised database: upgrade the schema, load and check the key file. A database
    whose restore from a backup has not finished is refused (it may still hold records that were
    destroyed after the backup), except by the restore itself (``restoring``)."""
    path = sqlite_path(settings.db_url)
    if path is not None and not path.exists():
        raise NotInitializedError()
    engine = make_engine(settings.db_url, create_file=False)
    try:
        stored = read_key_check(engine)
        if stored is None:
            raise NotInitializedError()
        keys = load_key_file(settings.key_file)
        if not keys.matches(stored) and _rotated_to(Path(f"{settings.key_file}.new"), stored):
            raise KeyFileError(
                f"키 교체가 거의 끝났습니다: 새 키가 {settings.key_file}.new에 있습니다. 개인정보 보호책임자가 "
                "'privdesk key rotate --as <아이디>'를 다시 실행해 마치십시오.",
                str(settings.key_file),
            )
        if not keys.matches(stored):
            raise KeyFileError(
                f"키 파일 {josa(settings.key_file, '이/가')} 이 데이터베이스의 키가 아닙니다. "
                "이 데이터베이스를 만들 때 생성된 키 파일을 지정하십시오.",
                str(settings.key_file),
            )
        if not restoring and restore_pending(engine) is not None:
            raise BackupError(
                "restore_pending",
                "이 데이터베이스는 백업에서 복원하던 중에 멈췄습니다. 백업 뒤에 파기된 기록이 "
                "아직 다시 파기되지 않았을 수 있어 열지 않습니다. 같은 명령('privdesk --db … "
                "restore 백업파일')을 다시 실행해 복원을 마치십시오.",
            )
        before = None
        if upgrade:
            before = migrate.current_revision(engine)
            if before != migrate.head_revision():
                _upgrade(engine)
                if before is not None:
                    _seal_after_upgrade(engine, keys, before)
        ctx = AppContext(settings, engine, keys, wiring.standard())
        if before is not None:
            _anchor_after_upgrade(ctx, before)
    except BaseException:
        engine.dispose()
        raise
    return ctx


def _anchor_policy_versions(ctx: AppContext, u: Unit) -> int:
    from privdesk.policy import versions

    return versions.anchor_unanchored(u)


def seed_from_profile(ctx: AppContext, u: Unit) -> int:
    """The data born with the hospital profile (the personal-information files and their rules,
    the processors, the CCTV cameras), for a database made before revision 0800, when its read use
    cases seeded it on first use: seeded once here, as :func:`privdesk.bootstrap.initialize` does
    for a new one. Idempotent (only what is missing). Returns the number of cameras created. The
    domains load here, only after such an upgrade (opening a database at the head loads none)."""
    from privdesk.cctv.api import ensure_cameras
    from privdesk.disclosures.api import ensure_processors
    from privdesk.lifecycle.api import ensure_files

    ensure_files(u, ctx.profile)
    ensure_processors(u, ctx.profile)
    return ensure_cameras(u, ctx.profile)


ANCHORED_BY_REVISION: dict[str, Callable[[AppContext, Unit], int]] = {
    "0775": _anchor_policy_versions,  # versions stored under 0770 had no anchor
    "0800": seed_from_profile,  # the read use cases seeded on first use before 0800; they no longer do
}
"""Steps owed once to a database upgraded past a revision: ledgers that became anchored (the rows
stored before are anchored) and data that became seeded at birth (seeded now), run by the system
in the first unit after the upgrade that passed the revision (like the row proofs' seal)."""


def _anchor_after_upgrade(ctx: AppContext, before: str) -> None:
    steps = [step for rev, step in sorted(ANCHORED_BY_REVISION.items()) if before < rev]
    if not steps:
        return
    with ctx.unit(None, break_glass=True) as u:
        for step in steps:
            step(ctx, u)


def _rotated_to(pending: Path, stored: bytes) -> bool:
    try:
        return pending.exists() and load_key_file(pending).matches(stored)
    except KeyFileError:
        return False


def _upgrade(engine: Engine) -> None:
    """Upgrade the schema; on PostgreSQL the workstations' role may not (it owns no table)."""
    try:
        migrate.upgrade(engine)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient_privilege
            raise ConfigError(
                "데이터베이스 스키마를 새 버전으로 올려야 하는데 이 계정에는 권한이 없습니다. 데이터베이스 관리자가 "
                "테이블 소유자 계정으로 'privdesk db upgrade --grant <작업 PC 역할>'을 실행하십시오."
            ) from None
        raise


def _seal_after_upgrade(engine: Engine, keys: KeyRing, before: str) -> None:
    """Right after an upgrade, in this process (and only then): seal the rows the migrations
    passed since ``before`` wrote without a proof (a migration has no key; see
    :data:`privdesk.proofs.SEALED_BY_REVISION`); after the one that added row proofs, also mark an
    existing separate SQLite file to be sealed when it is next opened."""
    tables = {t for rev, names in proofs.SEALED_BY_REVISION.items() if before < rev for t in names}
    if not tables:
        return
    from privdesk import schema  # noqa: F401  (every proven table on Base.metadata)

    with engine.begin() as conn:
        for table, spec in proofs.all_specs(Base, engine.dialect.name):
            if "*" in tables or table in tables:
                proofs.seal_missing(conn, keys, spec, table)
        if before >= proofs.PROOFS_REVISION:
            return
        db_id = conn.execute(select(Meta.value).where(Meta.key == META_DATABASE_ID)).scalar_one()
        main = sqlite_path(engine.url.render_as_string(hide_password=False))
        if main is not None and main.with_name(f"{main.stem}-separated{main.suffix}").exists():
            conn.execute(
                insert(Meta).values(
                    key=proofs.META_SEPARATED_PENDING, value=proofs.pending_marker(keys, db_id)
                )
            )
