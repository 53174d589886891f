"""First-time set-up (초기 설정): schema, key file, hospital profile, roles, the privacy officer,
the officer's recovery code, and the data born with the profile (the personal-information files
and their rules, the processors, the CCTV cameras) — seeded here once, never by a use case that reads.

``privdesk init`` and the GUI's first-run wizard both call :func:`initialize`; the one-time
recovery code is on the returned context (``recovery_code``) for them to show once.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from privdesk import proofs, wiring
from privdesk.accounts import recovery
from privdesk.accounts.permissions import OFFICER
from privdesk.accounts.roles import seed_roles
from privdesk.accounts.users import create_account_row
from privdesk.audit.chain import Action, PendingEntry, append_head, init_head
from privdesk.cctv.api import ensure_cameras
from privdesk.context import (
    META_DEMO,
    META_KEY_CHECK,
    META_PROFILE,
    AppContext,
    Unit,
    detect_workstation,
    read_key_check,
)
from privdesk.crypto import PasswordHashParams, create_key_file
from privdesk.disclosures.api import ensure_processors
from privdesk.errors import AlreadyInitializedError, KeyFileError
from privdesk.lifecycle.api import ensure_files
from privdesk.profile import load_profile
from privdesk.resources import default_profile_path
from privdesk.settings import Settings
from privdesk.store import migrate
from privdesk.store.engine import make_engine
from privdesk.store.models import Meta


def initialize(
    settings: Settings,
    *,
    officer_login: str,
    officer_name: str,
    password: str,
    profile_path: Path | None = None,
    demo: bool = False,
) -> AppContext:
    """Create everything a new installation needs. Refuses to touch an initialised database or
    an existing key file; on failure nothing is left half-made (the new key file is removed).
    ``demo``: a demo database (견본, ``privdesk demo``) — marked in ``meta`` in the same
    transaction, so its windows and every record printed from it say so (``AppContext.is_demo``)."""
    from privdesk.accounts.passwords import check_password_rules, validate_login

    validate_login(officer_login)
    check_password_rules(password, login=officer_login, previous_hashes=[])
    profile = load_profile(profile_path or default_profile_path())
    raw_profile = json.dumps(profile.raw, ensure_ascii=False)

    engine = make_engine(settings.db_url, create_file=True, main=True)
    try:
        if read_key_check(engine) is not None:
            raise AlreadyInitializedError()
        if Path(settings.key_file).exists():
            raise KeyFileError(
                f"키 파일이 이미 있습니다: {settings.key_file}. 기존 키를 덮어쓰지 않습니다. "
                "다른 --key-file 경로를 지정하거나 기존 데이터베이스를 사용하십시오.",
                str(settings.key_file),
            )
        migrate.upgrade(engine)
        keys = create_key_file(Path(settings.key_file))
        sec = settings.security
        params = PasswordHashParams(
            sec.password_hash_memory_kib, sec.password_hash_iterations, sec.password_hash_lanes
        )
        station = detect_workstation()
        try:
            with Session(engine, info=proofs.session_info(keys)) as s, s.begin():
                s.add(Meta(key=META_KEY_CHECK, value=keys.check_value.hex()))
                s.add(Meta(key=META_PROFILE, value=raw_profile))
                if demo:
                    s.add(Meta(key=META_DEMO, value="privdesk demo"))
                init_head(s, keys)
                seed_roles(s)
                account = create_account_row(
                    s,
                    login=officer_login,
                    name=officer_name,
                    password=password,
                    roles=[OFFICER],
                    params=params,
                    actor_login="system",
                    must_change=False,
                    reason="초기 설정: 개인정보 보호책임자 지정",
                )
                code = recovery.store_code(s, keys, params)
                # the data the profile names, born with the database: part of the set-up, whose
                # ``init`` entry (naming the profile) stands for it in the access log
                born = Unit(s, "system", None)
                ensure_files(born, profile)
                ensure_cameras(born, profile, log=False)
                ensure_processors(born, profile, log=False)
                head = append_head(
                    s,
                    keys,
                    station,
                    [
                        PendingEntry("system", Action.INIT, None, None, "ok", f"profile={profile.name}"),
                        PendingEntry(
                            "system", Action.ACCOUNT_CREATE, account.ref, None, "ok", "role=officer"
                        ),
                    ],
                )
        except BaseException:
            Path(settings.key_file).unlink(missing_ok=True)
            raise
    except BaseException:
        engine.dispose()
        raise
    ctx = AppContext(settings, engine, keys, wiring.standard(), station)
    ctx.recovery_code = code
    ctx.after_commit(head, 0, "init", "system")
    return ctx
