"""Field encryption, blind indexes, password hashing and the key file (암호화).

Only ``cryptography`` is used. One random 256-bit master key lives in a key file outside the
database; every purpose gets its own key derived with HKDF-SHA256:

- field encryption: AES-256-GCM; the associated data binds a ciphertext to its table, column and
  row, so a ciphertext copied into another row or column fails to decrypt; each ciphertext starts
  with the id of the key that made it (the first bytes of its key check value), so during a key
  rotation (:mod:`privdesk.custody.rotation`) old and new values are told apart;
- blind indexes: HMAC-SHA256 (truncated to 16 bytes) for exact-match search on encrypted fields;
- signing: HMAC-SHA256 over access-log checkpoints and archives;
- row proofs: HMAC-SHA256 (truncated to 16 bytes) over a row's identifying columns
  (:mod:`privdesk.proofs`);
- backups: AES-256-GCM under a key derived per archive from the backup key and the archive's
  random salt (:meth:`KeyRing.archive_cipher`, :mod:`privdesk.backup.archive`);
- the key check value stored in the database, so a wrong key file is caught at start.

Passwords are hashed with Argon2id; the PHC string stores its parameters so they can be raised.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidKey, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from privdesk.errors import DecryptionError, KeyFileError
from privdesk.korean import josa

KEY_FILE_HEADER = "privdesk-key-v1"
_CIPHER_V1 = 1  # version byte, nonce, ciphertext: written before keys could be rotated
_CIPHER_V2 = 2  # version byte, the key's id (4 bytes), nonce, ciphertext
_KID_LEN = 4
_NONCE_LEN = 12
BLIND_INDEX_LEN = 16


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"privdesk/" + purpose).derive(master)


def associated_data(table: str, column: str, row: str) -> bytes:
    return f"{table}\x1f{column}\x1f{row}".encode()


class KeyRing:
    """The master key's derived keys. Never printed: ``repr`` shows no key material."""

    __slots__ = ("_aead", "_backup_key", "_bi_key", "_check", "_proof_key", "_sign_key", "kid", "source")

    def __init__(self, master_key: bytes, source: str = "") -> None:
        if len(master_key) != 32:
            raise ValueError("master key must be 32 bytes")
        self._aead = AESGCM(_derive(master_key, b"field-encryption/v1"))
        self._bi_key = _derive(master_key, b"blind-index/v1")
        self._sign_key = _derive(master_key, b"signing/v1")
        self._proof_key = _derive(master_key, b"row-proof/v1")
        self._backup_key = _derive(master_key, b"backup/v1")
        self._check = hmac.digest(_derive(master_key, b"key-check/v1"), b"privdesk key check", "sha256")
        self.kid = self._check[:_KID_LEN]
        self.source = source

    def __repr__(self) -> str:
        return f"KeyRing(source={self.source!r})"

    # -- field encryption -------------------------------------------------------------
    def encrypt(self, plaintext: str, table: str, column: str, row: str) -> bytes:
        nonce = os.urandom(_NONCE_LEN)
        ct = self._aead.encrypt(nonce, plaintext.encode(), associated_data(table, column, row))
        return bytes([_CIPHER_V2]) + self.kid + nonce + ct

    def made_this(self, blob: bytes) -> bool | None:
        """Whether this key made ``blob``: True/False for a ciphertext that names its key, None for
        one written before ciphertexts named their key."""
        if len(blob) > 1 + _KID_LEN and blob[0] == _CIPHER_V2:
            return blob[1 : 1 + _KID_LEN] == self.kid
        return None

    def decrypt(self, blob: bytes, table: str, column: str, row: str) -> str:
        if len(blob) >= 1 + _KID_LEN + _NONCE_LEN + 16 and blob[0] == _CIPHER_V2:
            if blob[1 : 1 + _KID_LEN] != self.kid:
                raise DecryptionError(f"{table}.{column}")
            body = blob[1 + _KID_LEN :]
        elif len(blob) >= 1 + _NONCE_LEN + 16 and blob[0] == _CIPHER_V1:
            body = blob[1:]
        else:
            raise DecryptionError(f"{table}.{column}")
        try:
            pt = self._aead.decrypt(body[:_NONCE_LEN], body[_NONCE_LEN:], associated_data(table, column, row))
        except InvalidTag:
            raise DecryptionError(f"{table}.{column}") from None
        return pt.decode()

    # -- blind index ------------------------------------------------------------------
    def blind_index(self, purpose: str, normalised_value: str) -> bytes:
        """Exact-match token for an encrypted value (검색용 색인). ``purpose`` separates uses."""
        msg = purpose.encode() + b"\x1f" + normalised_value.encode()
        return hmac.digest(self._bi_key, msg, "sha256")[:BLIND_INDEX_LEN]

    # -- row proofs (see privdesk.proofs) ------------------------------------------------
    def row_proof(self, message: bytes) -> bytes:
        """Keyed MAC over a row's identifying columns, 16 bytes."""
        return hmac.digest(self._proof_key, message, "sha256")[:16]

    # -- signing ----------------------------------------------------------------------
    def sign(self, data: bytes) -> bytes:
        return hmac.digest(self._sign_key, data, "sha256")

    def verify_signature(self, data: bytes, signature: bytes) -> bool:
        return hmac.compare_digest(self.sign(data), signature)

    # -- backups ----------------------------------------------------------------------
    def archive_cipher(self, salt: bytes) -> AESGCM:
        """The AES-256-GCM cipher of one backup archive: a key derived from the backup key and the
        archive's random ``salt`` (so chunk numbers can serve as nonces without ever repeating one
        under a key). The key itself never leaves the key ring."""
        if len(salt) < 16:
            raise ValueError("archive salt must be at least 16 bytes")
        key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=salt, info=b"privdesk/backup-archive/v1"
        ).derive(self._backup_key)
        return AESGCM(key)

    # -- key check --------------------------------------------------------------------
    @property
    def check_value(self) -> bytes:
        """Stored in the database; proves the key file belongs to it without revealing the key."""
        return self._check

    def matches(self, stored_check: bytes) -> bool:
        return hmac.compare_digest(self._check, stored_check)


# -- key file -----------------------------------------------------------------------------
def _owner_only(path: Path) -> bool:
    if sys.platform == "win32":
        return True
    mode = path.stat().st_mode
    return not (mode & (stat.S_IRWXG | stat.S_IRWXO))


def create_key_file(path: Path) -> KeyRing:
    """Write a new random master key, owner-only. Refuses to overwrite an existing file."""
    path = Path(path)
    if path.exists():
        raise KeyFileError(
            f"키 파일이 이미 있습니다: {path}. 기존 키를 덮어쓰지 않습니다 (데이터를 읽을 수 없게 됩니다).",
            str(path),
        )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    master = secrets.token_bytes(32)
    text = f"{KEY_FILE_HEADER}:{base64.urlsafe_b64encode(master).decode()}\n"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise KeyFileError(f"키 파일이 이미 있습니다: {path}.", str(path)) from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text)
    if sys.platform != "win32":
        os.chmod(path, 0o600)
    return KeyRing(master, source=str(path))


def load_key_file(path: Path) -> KeyRing:
    return KeyRing(read_master_key(path), source=str(Path(path)))


def read_master_key(path: Path) -> bytes:
    """The master key in a key file (checked: it exists, owner-only, well formed)."""
    path = Path(path)
    if not path.is_file():
        raise KeyFileError(
            f"키 파일이 없습니다: {path}. 설정의 key_file 또는 --key-file을 확인하십시오.", str(path)
        )
    if not _owner_only(path):
        raise KeyFileError(
            f"키 파일 {josa(path, '을/를')} 다른 사용자도 읽을 수 있습니다. 'chmod 600 {path}'로 소유자만 읽게 하십시오.",
            str(path),
        )
    try:
        text = path.read_text(encoding="ascii").strip()
        header, _, body = text.partition(":")
        if header != KEY_FILE_HEADER:
            raise ValueError
        master = base64.urlsafe_b64decode(body.encode())
        if len(master) != 32:
            raise ValueError
    except (ValueError, UnicodeDecodeError, OSError):
        raise KeyFileError(f"키 파일 형식이 올바르지 않습니다: {path}.", str(path)) from None
    return master


# -- passwords ----------------------------------------------------------------------------
@dataclass(frozen=True)
class PasswordHashParams:
    """Argon2id cost. The default follows RFC 9106's second recommendation (64 MiB, t=3, p=4)."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4


def hash_password(password: str, params: PasswordHashParams) -> str:
    kdf = Argon2id(
        salt=secrets.token_bytes(16),
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive_phc_encoded(password.encode())


def verify_password(password: str, phc: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode(), phc)
    except (InvalidKey, ValueError):
        return False
    return True


def needs_rehash(phc: str, params: PasswordHashParams) -> bool:
    """True when the stored hash was made with weaker parameters than ``params``."""
    try:
        fields = dict(kv.split("=") for kv in phc.split("$")[3].split(","))
        return (int(fields["m"]), int(fields["t"]), int(fields["p"])) != (
            params.memory_kib,
            params.iterations,
            params.lanes,
        )
    except (IndexError, KeyError, ValueError):
        return True


def dummy_verify(password: str, params: PasswordHashParams) -> None:
    """Spend the time of a real verification for an unknown ID (no timing oracle)."""
    hash_password(password, params)


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()
