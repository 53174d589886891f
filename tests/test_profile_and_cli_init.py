"""The bundled hospital profile and ``privdesk init`` / ``--version`` as a user runs them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from privdesk import __version__
from privdesk.errors import ConfigError
from privdesk.profile import load_profile
from privdesk.resources import default_profile_path, font_path, resources_dir
from tests.helpers import OFFICER_PASSWORD, run_cli


def test_bundled_resources_are_found() -> None:
    assert resources_dir().is_dir()
    assert font_path().stat().st_size > 1_000_000 and font_path(bold=True).is_file()
    assert (resources_dir() / "fonts" / "OFL.txt").read_text(encoding="utf-8").count(
        "SIL OPEN FONT LICENSE"
    ) >= 1


def test_default_profile_carries_what_the_policy_states() -> None:
    p = load_profile(default_profile_path())
    assert p.name == "장튼위튼병원" and p.business_number == "655-91-00341"
    assert p.officer.name == "육의곤" and p.officer.phone == "070-4243-5308"
    assert p.department.department == "전산팀" and p.department.phone == "070-4209-9794"
    assert [f.code for f in p.files] == ["member", "reservation", "patient", "cctv"]
    assert p.file("patient").retention_years == 5 and "주민등록번호" in p.file("patient").items
    assert len(p.processors) == 10 and p.processors[0].name == "아미스테크놀로지(주)"
    assert p.cctv.camera_count == 25 and len(p.cctv.cameras) == 25
    assert p.cctv.retention_days == 30 and p.cctv.storage_place == "행정실"
    assert p.cctv.viewing_place == "7층 행정실 시설팀"
    assert {c.location for c in p.cctv.cameras} == {"건물로비", "원내", "건물외부"}
    assert p.effective_date == "2013-08-16" and p.revised_date == "2020-08-31"


def test_broken_profile_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "p.toml"
    bad.write_text('[hospital]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_profile(bad)
    assert "병원 프로필" in str(err.value)


def test_version_and_usage_exit_codes() -> None:
    r = run_cli("--version")
    assert r.returncode == 0 and __version__ in r.stdout
    assert run_cli("no-such-command").returncode == 2
    assert run_cli("init").returncode == 2  # --officer missing


def test_init_creates_schema_key_and_officer_then_refuses_a_second_time(tmp_path: Path) -> None:
    db, key = tmp_path / "data" / "p.sqlite3", tmp_path / "data" / "p.key"
    env = {"PRIVDESK_DB": str(db), "PRIVDESK_KEY_FILE": str(key), "PRIVDESK_PASSWORD": OFFICER_PASSWORD}
    r = run_cli("init", "--officer", "yook", "--officer-name", "육의곤", env=env)
    assert r.returncode == 0, r.stderr
    assert str(key) in r.stdout
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE(db.stat().st_mode) == 0o600
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT login FROM accounts")).scalars().all() == ["yook"]
        assert conn.execute(text("SELECT count(*) FROM access_log")).scalar() == 2
    engine.dispose()
    again = run_cli("init", "--officer", "yook", "--officer-name", "육의곤", env=env)
    assert again.returncode == 1
    assert again.stderr.startswith("privdesk: ") and len(again.stderr.strip().splitlines()) == 1
    assert "이미 초기화" in again.stderr


def test_init_with_a_weak_password_names_the_rule_and_leaves_nothing(tmp_path: Path) -> None:
    db, key = tmp_path / "p.sqlite3", tmp_path / "p.key"
    env = {"PRIVDESK_DB": str(db), "PRIVDESK_KEY_FILE": str(key), "PRIVDESK_PASSWORD": "short"}
    r = run_cli("init", "--officer", "yook", "--officer-name", "육의곤", env=env)
    assert r.returncode == 1 and "비밀번호 규칙" in r.stderr
    assert not key.exists()


def test_flags_take_precedence_over_the_environment(tmp_path: Path) -> None:
    env = {
        "PRIVDESK_DB": str(tmp_path / "env.sqlite3"),
        "PRIVDESK_KEY_FILE": str(tmp_path / "env.key"),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    r = run_cli(
        "--db",
        str(tmp_path / "flag.sqlite3"),
        "--key-file",
        str(tmp_path / "flag.key"),
        "init",
        "--officer",
        "yook",
        "--officer-name",
        "육의곤",
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "flag.sqlite3").exists() and (tmp_path / "flag.key").exists()
    assert not (tmp_path / "env.sqlite3").exists() and not (tmp_path / "env.key").exists()
