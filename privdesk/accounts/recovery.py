"""The officer's recovery code (보호책임자 복구 코드): the second factor of ``privdesk user recover``.

Recovering a locked-out privacy officer runs without an account (nobody else may be able to log
in), so holding the key file and the database must not be enough: every workstation has both.
``privdesk init`` prints a one-time recovery code, to be kept in the hospital's safe; only its
Argon2id hash is stored (``meta.officer_recovery``), with a MAC made with the key file's signing
key, so a person with the database alone cannot put the hash of a code of their own there. Each
recovery issues a new code; the old one stops working.

A code is 20 characters of Crockford's base-32 alphabet in four groups (``7KQ2M-9XW4P-3RT8C-MZ6HD``,
100 bits); typing is forgiving: case, spaces and dashes are ignored, ``O`` reads as ``0`` and
``I``/``L`` as ``1``.
"""

from __future__ import annotations

import hmac
import json
import secrets

from sqlalchemy.orm import Session

from privdesk.crypto import KeyRing, PasswordHashParams, hash_password, verify_password
from privdesk.store.models import Meta

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
META_RECOVERY = "officer_recovery"
ENV_RECOVERY_CODE = "PRIVDESK_RECOVERY_CODE"
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(20))
    return "-".join(chars[i : i + 5] for i in range(0, 20, 5))


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(_TYPOS)


def _mac(keys: KeyRing, phc: str) -> str:
    return keys.sign(b"privdesk-officer-recovery\x1f" + phc.encode()).hex()


def store_code(session: Session, keys: KeyRing, params: PasswordHashParams) -> str:
    """Make a new code and store its hash (replacing the old one); returns the code, to be shown once."""
    code = new_code()
    phc = hash_password(normalise(code), params)
    session.merge(Meta(key=META_RECOVERY, value=json.dumps({"phc": phc, "mac": _mac(keys, phc)})))
    session.flush()
    return code


def rekey(session: Session, old: KeyRing, new: KeyRing) -> None:
    """A key rotation: the stored hash keeps its MAC, now under the new key (checked under the old
    one first; a value that fails is left as it is — a recovery will then be refused)."""
    stored = session.get(Meta, META_RECOVERY)
    if stored is None:
        return
    try:
        data = json.loads(stored.value)
        phc, mac = str(data["phc"]), str(data["mac"])
    except (ValueError, KeyError, TypeError):
        return
    if hmac.compare_digest(mac, _mac(old, phc)):
        stored.value = json.dumps({"phc": phc, "mac": _mac(new, phc)})


def check_code(session: Session, keys: KeyRing, code: str) -> bool:
    """True when ``code`` is the current recovery code and the stored hash carries its MAC."""
    stored = session.get(Meta, META_RECOVERY)
    if stored is None or not code.strip():
        return False
    try:
        data = json.loads(stored.value)
        phc, mac = str(data["phc"]), str(data["mac"])
    except (ValueError, KeyError, TypeError):
        return False
    if not hmac.compare_digest(mac, _mac(keys, phc)):
        return False
    return verify_password(normalise(code), phc)
