"""Typed settings, read in one place (설정).

Precedence, highest first: command-line flag, environment (``PRIVDESK_DB``, ``PRIVDESK_KEY_FILE``,
``PRIVDESK_CONFIG``), a TOML file in the platformdirs user config folder, then defaults (a SQLite
file and the key file in the user data folder).

The TOML file may hold::

    db = "postgresql+psycopg://privdesk@dbserver/privdesk"
    key_file = "/etc/privdesk/privdesk.key"
    witness_file = "/home/staff/.local/share/privdesk/witness.log"   # default: the user data folder
    [security]
    lockout_threshold = 5
    idle_lock_minutes = 10
    password_expiry_days = 0        # 0 = no expiry
    password_expiry_notice_days = 14
    unmask_seconds = 30
    password_hash_memory_kib = 65536
    password_hash_iterations = 3
    password_hash_lanes = 4
    [import]
    max_row_kib = 64                # a row (or field) longer than this is rejected, the import goes on
    [backup]
    folder = "/mnt/backup/privdesk"  # where automatic backups go (a network share); none: no automatic backups
    schedule = "daily"              # daily | weekly | off
    keep_daily = 7                  # rotation: the newest backup of each of the last 7 days …
    keep_monthly = 12               # … and of each of the last 12 months
    [ui]
    language = "ko"
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from privdesk.errors import ConfigError

APP_NAME = "privdesk"
ENV_DB = "PRIVDESK_DB"
ENV_KEY_FILE = "PRIVDESK_KEY_FILE"
ENV_CONFIG = "PRIVDESK_CONFIG"
ENV_WITNESS_FILE = "PRIVDESK_WITNESS_FILE"


@dataclass(frozen=True)
class SecuritySettings:
    """Values the law leaves open (UNCONFIRMED in law.md §2), so they are configurable."""

    lockout_threshold: int = 5
    idle_lock_minutes: int = 10
    password_expiry_days: int = 0
    password_expiry_notice_days: int = 14
    password_history: int = 3
    unmask_seconds: int = 30
    # Argon2id cost for new password hashes (RFC 9106 second recommendation by default).
    password_hash_memory_kib: int = 64 * 1024
    password_hash_iterations: int = 3
    password_hash_lanes: int = 4
    # The access log's head is written to this workstation's witness file at every login and
    # sign-off and at least every this many entries (0 = only at logins and sign-offs).
    witness_every: int = 100


@dataclass(frozen=True)
class ImportSettings:
    """Limits of the patient import (가져오기): a row longer than ``max_row_kib`` KiB (one line, or
    several when a quoted field holds line breaks, so also any field in it) is rejected with a
    reason and the import goes on."""

    max_row_kib: int = 64


BACKUP_SCHEDULES = ("daily", "weekly", "off")


@dataclass(frozen=True)
class BackupSettings:
    """Automatic backups (백업, :mod:`privdesk.backup`): the folder they go to (usually a network
    share on the hospital LAN; ``None``: no automatic backups), how often (``daily``: at the first
    login of the day and when the application closes; ``weekly``; ``off``), and the rotation: the
    newest backup of each of the last ``keep_daily`` days and of each of the last ``keep_monthly``
    months is kept, the others are removed after each backup."""

    folder: Path | None = None
    schedule: str = "daily"
    keep_daily: int = 7
    keep_monthly: int = 12


@dataclass(frozen=True)
class Settings:
    db_url: str
    key_file: Path
    config_file: Path
    language: str = "ko"
    security: SecuritySettings = field(default_factory=SecuritySettings)
    imports: ImportSettings = field(default_factory=ImportSettings)
    backup: BackupSettings = field(default_factory=BackupSettings)
    sources: Mapping[str, str] = field(default_factory=dict)
    witness_file: Path | None = None  # None: witness.log in the user data folder

    @property
    def witness_path(self) -> Path:
        """This workstation's append-only witness file of the access log's head (증인 기록)."""
        return self.witness_file if self.witness_file is not None else user_data_dir() / "witness.log"

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    return user_config_dir() / "config.toml"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def normalise_db(value: str) -> str:
    """Accept a SQLAlchemy URL or a bare file path (taken as a SQLite file)."""
    value = value.strip()
    if not value:
        raise ConfigError("데이터베이스 주소가 비어 있습니다.")
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        if not (value.startswith("sqlite") or value.startswith("postgresql+psycopg://")):
            raise ConfigError(
                "지원하지 않는 데이터베이스 주소입니다. sqlite:///파일 또는 postgresql+psycopg://… 형식을 쓰십시오."
            )
        return value
    return sqlite_url(Path(value).expanduser().resolve())


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, OSError) as exc:
        raise ConfigError(f"설정 파일을 읽을 수 없습니다: {path} ({exc.__class__.__name__})") from None


def _integers(
    table: Mapping[str, Any], path: Path, section: str, names: Iterable[str], minimum: int = 0
) -> dict[str, int]:
    names = set(names)
    values: dict[str, int] = {}
    for name in names:
        if name in table:
            raw = table[name]
            if not isinstance(raw, int) or isinstance(raw, bool) or raw < minimum:
                raise ConfigError(
                    f"설정 파일 {path}의 {section}.{name} 값은 {minimum} 이상의 정수여야 합니다."
                )
            values[name] = raw
    unknown = set(table) - names
    if unknown:
        raise ConfigError(f"설정 파일 {path}에 알 수 없는 항목이 있습니다: {section}.{sorted(unknown)[0]}")
    return values


def _security_from(table: Mapping[str, Any], path: Path) -> SecuritySettings:
    defaults = SecuritySettings()
    values = _integers(table, path, "security", defaults.__dataclass_fields__)
    return SecuritySettings(**{**defaults.__dict__, **values})


def _imports_from(table: Any, path: Path) -> ImportSettings:
    if not isinstance(table, dict):
        raise ConfigError(f"설정 파일 {path}의 [import] 항목이 표 형식이 아닙니다.")
    defaults = ImportSettings()
    values = _integers(table, path, "import", defaults.__dataclass_fields__, minimum=1)
    return ImportSettings(**{**defaults.__dict__, **values})


def _backup_from(table: Any, path: Path) -> BackupSettings:
    if not isinstance(table, dict):
        raise ConfigError(f"설정 파일 {path}의 [backup] 항목이 표 형식이 아닙니다.")
    defaults = BackupSettings()
    rest = {k: v for k, v in table.items() if k not in ("folder", "schedule")}
    values: dict[str, Any] = _integers(rest, path, "backup", ("keep_daily", "keep_monthly"))
    if values.get("keep_daily", 1) < 1:
        raise ConfigError(
            f"설정 파일 {path}의 backup.keep_daily 값은 1 이상의 정수여야 합니다 "
            "(가장 최근 백업은 항상 남깁니다)."
        )
    if "folder" in table:
        folder = table["folder"]
        if not isinstance(folder, str) or not folder.strip():
            raise ConfigError(f"설정 파일 {path}의 backup.folder 값은 폴더 경로(문자열)여야 합니다.")
        values["folder"] = Path(folder.strip()).expanduser()
    if "schedule" in table:
        schedule = table["schedule"]
        if schedule not in BACKUP_SCHEDULES:
            raise ConfigError(
                f"설정 파일 {path}의 backup.schedule 값은 'daily', 'weekly', 'off' 중 하나여야 합니다."
            )
        values["schedule"] = schedule
    return BackupSettings(**{**defaults.__dict__, **values})


def load_settings(
    db: str | None = None,
    key_file: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Resolve the settings. ``db`` and ``key_file`` are the command-line flags."""
    env = os.environ if env is None else env
    cfg_path = Path(env[ENV_CONFIG]) if env.get(ENV_CONFIG) else (config_file or default_config_file())
    cfg = _read_toml(cfg_path)
    sources: dict[str, str] = {}

    if db:
        db_url, sources["db"] = normalise_db(db), "flag"
    elif env.get(ENV_DB):
        db_url, sources["db"] = normalise_db(env[ENV_DB]), "env"
    elif isinstance(cfg.get("db"), str):
        db_url, sources["db"] = normalise_db(cfg["db"]), "config"
    else:
        db_url, sources["db"] = sqlite_url(user_data_dir() / "privdesk.sqlite3"), "default"

    if key_file:
        key_path, sources["key_file"] = Path(key_file), "flag"
    elif env.get(ENV_KEY_FILE):
        key_path, sources["key_file"] = Path(env[ENV_KEY_FILE]), "env"
    elif isinstance(cfg.get("key_file"), str):
        key_path, sources["key_file"] = Path(cfg["key_file"]), "config"
    else:
        key_path, sources["key_file"] = user_data_dir() / "privdesk.key", "default"

    witness: Path | None = None
    if env.get(ENV_WITNESS_FILE):
        witness = Path(env[ENV_WITNESS_FILE])
    elif isinstance(cfg.get("witness_file"), str):
        witness = Path(cfg["witness_file"])

    security_table = cfg.get("security", {})
    if not isinstance(security_table, dict):
        raise ConfigError(f"설정 파일 {cfg_path}의 [security] 항목이 표 형식이 아닙니다.")
    ui_table = cfg.get("ui", {})
    language = str(ui_table.get("language", "ko")) if isinstance(ui_table, dict) else "ko"
    if language not in ("ko", "en"):
        raise ConfigError(f"설정 파일 {cfg_path}의 ui.language는 'ko' 또는 'en'이어야 합니다.")

    return Settings(
        db_url=db_url,
        key_file=key_path.expanduser().resolve(),
        config_file=cfg_path,
        language=language,
        security=_security_from(security_table, cfg_path),
        imports=_imports_from(cfg.get("import", {}), cfg_path),
        backup=_backup_from(cfg.get("backup", {}), cfg_path),
        sources=sources,
        witness_file=witness.expanduser().resolve() if witness is not None else None,
    )
