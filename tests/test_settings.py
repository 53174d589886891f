"""Settings precedence: command-line flag > environment > config file > defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from privdesk.errors import ConfigError
from privdesk.settings import load_settings


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_live_in_the_user_data_folder(tmp_path: Path) -> None:
    s = load_settings(env={"XDG_DATA_HOME": str(tmp_path)}, config_file=tmp_path / "none.toml")
    assert s.db_url.startswith("sqlite:///") and s.db_url.endswith("privdesk.sqlite3")
    assert s.key_file.name == "privdesk.key"
    assert s.sources == {"db": "default", "key_file": "default"}
    assert s.security.lockout_threshold == 5 and s.security.idle_lock_minutes == 10


def test_precedence_flag_env_config_default(tmp_path: Path) -> None:
    cfg = write_config(
        tmp_path / "c.toml",
        f'db = "{tmp_path}/cfg.db"\nkey_file = "{tmp_path}/cfg.key"\n[security]\nlockout_threshold = 7\n',
    )
    env = {"PRIVDESK_CONFIG": str(cfg)}
    s = load_settings(env=env)
    assert s.db_url == f"sqlite:///{tmp_path}/cfg.db" and s.key_file == tmp_path / "cfg.key"
    assert s.security.lockout_threshold == 7
    assert s.sources == {"db": "config", "key_file": "config"}

    env |= {"PRIVDESK_DB": f"{tmp_path}/env.db", "PRIVDESK_KEY_FILE": f"{tmp_path}/env.key"}
    s = load_settings(env=env)
    assert s.db_url == f"sqlite:///{tmp_path}/env.db" and s.key_file == tmp_path / "env.key"
    assert s.sources == {"db": "env", "key_file": "env"}

    s = load_settings(db="postgresql://u@h/db", key_file=tmp_path / "flag.key", env=env)
    assert s.db_url == "postgresql+psycopg://u@h/db" and s.key_file == tmp_path / "flag.key"
    assert s.sources == {"db": "flag", "key_file": "flag"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("db = [", "설정 파일을 읽을 수 없습니다"),
        ("[security]\nlockout_threshold = -1\n", "0 이상의 정수"),
        ("[security]\nlockout = 3\n", "알 수 없는 항목"),
        ('db = "mysql://x/y"\n', "지원하지 않는 데이터베이스"),
        ('[ui]\nlanguage = "fr"\n', "ui.language"),
    ],
)
def test_bad_config_is_a_clear_korean_error(tmp_path: Path, text: str, fragment: str) -> None:
    cfg = write_config(tmp_path / "bad.toml", text)
    with pytest.raises(ConfigError) as err:
        load_settings(env={"PRIVDESK_CONFIG": str(cfg)})
    assert fragment in str(err.value)
