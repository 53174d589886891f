"""Key file, key check, field encryption bound to its row, blind indexes, no plaintext on disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from privdesk.bootstrap import initialize
from privdesk.crypto import (
    KeyRing,
    PasswordHashParams,
    create_key_file,
    hash_password,
    load_key_file,
    needs_rehash,
    verify_password,
)
from privdesk.errors import AlreadyInitializedError, DecryptionError, KeyFileError, NotInitializedError
from privdesk.opening import open_context
from privdesk.store.engine import sqlite_path
from privdesk.store.models import Account
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD


def test_key_file_is_owner_only_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "privdesk.key"
    keys = create_key_file(path)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key_file(path).check_value == keys.check_value
    before = path.read_bytes()
    with pytest.raises(KeyFileError) as err:
        create_key_file(path)
    assert str(path) in str(err.value) and path.read_bytes() == before
    assert "master" not in repr(keys) and before.decode().split(":")[1].strip() not in repr(keys)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    create_key_file(path)
    path.chmod(0o644)
    with pytest.raises(KeyFileError) as err:
        load_key_file(path)
    assert "chmod 600" in str(err.value) and str(path) in str(err.value)


def test_garbled_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    path.write_text("not a key\n")
    path.chmod(0o600)
    with pytest.raises(KeyFileError) as err:
        load_key_file(path)
    assert "형식" in str(err.value)


def test_wrong_or_missing_key_file_is_a_clear_error_naming_the_file(db_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(db_url)
    ctx = initialize(settings, officer_login=OFFICER_LOGIN, officer_name="육의곤", password=OFFICER_PASSWORD)
    ctx.engine.dispose()
    other = settings_for(db_url, key_name="other.key")
    create_key_file(other.key_file)
    with pytest.raises(KeyFileError) as err:
        open_context(other)
    assert str(other.key_file) in str(err.value) and "이 데이터베이스의 키가 아닙니다" in str(err.value)
    missing = settings_for(db_url, key_name="missing.key")
    with pytest.raises(KeyFileError) as err2:
        open_context(missing)
    assert str(missing.key_file) in str(err2.value) and "키 파일이 없습니다" in str(err2.value)
    # the right key still opens it; a second init is refused and leaves the key file alone
    opened = open_context(settings)
    opened.engine.dispose()
    key_bytes = settings.key_file.read_bytes()
    with pytest.raises(AlreadyInitializedError):
        initialize(
            settings_for(db_url, key_name="third.key"),
            officer_login="other",
            officer_name="다른사람",
            password=OFFICER_PASSWORD,
        )
    assert not (settings.key_file.parent / "third.key").exists()
    assert settings.key_file.read_bytes() == key_bytes


def test_uninitialised_database_is_reported(tmp_path: Path, settings_for) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotInitializedError):
        open_context(settings_for(f"sqlite:///{tmp_path / 'absent.sqlite3'}"))


def test_ciphertext_is_bound_to_table_column_and_row() -> None:
    keys = KeyRing(os.urandom(32))
    blob = keys.encrypt("010-1234-5678", "accounts", "contact", "acct:1")
    assert keys.decrypt(blob, "accounts", "contact", "acct:1") == "010-1234-5678"
    for table, column, row in (
        ("accounts", "contact", "acct:2"),
        ("accounts", "name", "acct:1"),
        ("patients", "contact", "acct:1"),
    ):
        with pytest.raises(DecryptionError):
            keys.decrypt(blob, table, column, row)
    with pytest.raises(DecryptionError):
        KeyRing(os.urandom(32)).decrypt(blob, "accounts", "contact", "acct:1")
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(DecryptionError):
        keys.decrypt(tampered, "accounts", "contact", "acct:1")
    assert keys.encrypt("same", "t", "c", "r") != keys.encrypt("same", "t", "c", "r")  # random nonce


def test_blind_index_is_deterministic_keyed_and_separated_by_purpose() -> None:
    k1, k2 = KeyRing(os.urandom(32)), KeyRing(os.urandom(32))
    assert k1.blind_index("rrn", "9001011234567") == k1.blind_index("rrn", "9001011234567")
    assert k1.blind_index("rrn", "9001011234567") != k1.blind_index("phone", "9001011234567")
    assert k1.blind_index("rrn", "9001011234567") != k2.blind_index("rrn", "9001011234567")
    assert len(k1.blind_index("phone_last4", "5678")) == 16


def test_password_hash_stores_its_parameters_and_can_be_raised() -> None:
    weak = PasswordHashParams(memory_kib=1024, iterations=1, lanes=1)
    phc = hash_password("Correct-horse1", weak)
    assert phc.startswith("$argon2id$") and "m=1024,t=1,p=1" in phc
    assert verify_password("Correct-horse1", phc) and not verify_password("wrong", phc)
    assert not needs_rehash(phc, weak) and needs_rehash(phc, PasswordHashParams())


@pytest.mark.tampers
def test_moved_ciphertext_fails_in_the_database(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.unit(None) as u:
        officer = u.session.execute(select(Account)).scalars().one()
        other = Account(
            login="kim",
            name="김원무",
            password_hash="x",
            must_change_password=True,
            password_changed_at=officer.created_at,
            created_at=officer.created_at,
        )
        u.session.add(other)
        u.session.flush()
        officer.contact_enc = ctx.keys.encrypt("010-9999-1111", "accounts", "contact_enc", officer.ref)
        other_ref = other.ref
    with Session(ctx.engine) as s, s.begin():
        # an attacker with database access copies the ciphertext into another row
        s.execute(
            text(
                "UPDATE accounts SET contact_enc = (SELECT contact_enc FROM accounts WHERE login = :a) "
                "WHERE login = 'kim'"
            ),
            {"a": OFFICER_LOGIN},
        )
    with Session(ctx.engine) as s:
        moved = s.execute(select(Account).where(Account.login == "kim")).scalar_one()
        assert moved.contact_enc is not None
        with pytest.raises(DecryptionError):
            ctx.keys.decrypt(moved.contact_enc, "accounts", "contact_enc", other_ref)
        original = s.execute(select(Account).where(Account.login == OFFICER_LOGIN)).scalar_one()
        assert original.contact_enc is not None
        assert (
            ctx.keys.decrypt(original.contact_enc, "accounts", "contact_enc", original.ref) == "010-9999-1111"
        )


def test_sqlite_files_hold_no_plaintext_of_an_encrypted_field(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    marker = "010-7531-8642"
    with sqlite_ctx.unit(None) as u:
        officer = u.session.execute(select(Account)).scalars().one()
        officer.contact_enc = sqlite_ctx.keys.encrypt(marker, "accounts", "contact_enc", officer.ref)
    path = sqlite_path(sqlite_ctx.settings.db_url)
    assert path is not None
    files = [p for p in (path, Path(f"{path}-wal")) if p.exists()]
    assert any(p.name.endswith("-wal") for p in files), "the write should still be in the WAL"
    for p in files:
        raw = p.read_bytes()
        assert marker.encode() not in raw and marker.replace("-", "").encode() not in raw
        assert marker.encode("utf-16-le") not in raw
