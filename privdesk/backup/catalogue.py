"""The backup folder's catalogue (백업 목록): what a restore must know that an old backup cannot.

One JSON file per database beside its archives (``privdesk-catalogue-<database id>.json``):

- ``tombstones``: every destroyed record — its internal ``uid``, the destruction plan and when —
  no personal data. A restore from a backup taken before a destruction re-applies the later ones
  (:mod:`privdesk.restore`).
- ``plans``: each executed destruction plan (file, criteria, reason, counts, who approved and
  executed it, its hash) and ``ledger``: every row of the 파기 관리대장 (the form's own fields — no
  personal data of a patient), so the restored database shows the destructions again.
- ``backups``: the archives made (file, when, size, SHA-256, head, whether the rotation handles
  them), so the restored database knows which copies exist.

The file is rebuilt from the database every time it is written — after each backup and each
destruction — merged with what it already held (a tombstone is never dropped). When the folder
cannot be written at a destruction, the next backup writes what is missing. It is signed with a
key derived from the key file (``keys.sign``): a catalogue edited by someone without the key is
refused by the restore; one signed with another key (after a key rotation) cannot be checked with
the old key file and is applied as it is (the restore says so).

Written through the safe writer (:func:`privdesk.files.stage`): temporary file, fsync, rename.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk import clock, files
from privdesk.backup.models import BackupRecord
from privdesk.crypto import KeyRing
from privdesk.errors import BackupError
from privdesk.lifecycle.api import PLAN_EXECUTED, DestructionLedgerEntry, DestructionPlan, Tombstone
from privdesk.settings import Settings

FORMAT = 1
_SIGNED = b"privdesk-backup-catalogue/v1\x1f"
PLAN_FIELDS = (
    "id",
    "file_code",
    "file_name",
    "items",
    "criteria",
    "reason",
    "method",
    "as_of",
    "record_count",
    "excluded_count",
    "created_first",
    "created_last",
    "plan_hash",
    "created_by",
    "created_at",
    "approved_by",
    "approved_at",
    "second_approved_by",
    "second_approved_at",
    "executed_by",
    "started_at",
    "executed_at",
    "destroyed_count",
)
LEDGER_FIELDS = (
    "id",
    "file_name",
    "kind",
    "created",
    "destroyed_on",
    "reason",
    "item_count",
    "method",
    "executed_by",
    "approved_by",
    "witness",
    "certificate_no",
    "plan_id",
    "plan_hash",
    "corrects_id",
    "recorded_at",
    "recorded_by",
)


def file_name(database_id: str) -> str:
    return f"privdesk-catalogue-{database_id}.json"


def path_in(folder: Path, database_id: str) -> Path:
    return Path(folder) / file_name(database_id)


@dataclass
class Catalogue:
    database_id: str
    tombstones: dict[str, tuple[int, str]] = field(default_factory=dict)  # uid -> (plan id, destroyed at)
    plans: dict[int, dict[str, Any]] = field(default_factory=dict)  # plan id -> plan fields
    ledger: dict[int, dict[str, Any]] = field(default_factory=dict)  # ledger row id -> its fields
    backups: dict[str, dict[str, Any]] = field(default_factory=dict)  # file name -> record
    key_check: str = ""
    signature: str = "unsigned"  # "ok", "other_key" (signed with another key), "unsigned"

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "database_id": self.database_id,
            "key_check": self.key_check,
            "tombstones": [[u, p, at] for u, (p, at) in sorted(self.tombstones.items())],
            "plans": [self.plans[k] for k in sorted(self.plans)],
            "ledger": [self.ledger[k] for k in sorted(self.ledger)],
            "backups": [self.backups[k] for k in sorted(self.backups)],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return clock.iso_utc(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def load(folder: Path, database_id: str, keys: KeyRing) -> Catalogue | None:
    """The catalogue of ``database_id`` in ``folder`` (None when there is none). A signature that
    fails under this very key is a :class:`BackupError` (edited by someone without the key)."""
    path = path_in(folder, database_id)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BackupError(
            "catalogue", f"백업 목록(카탈로그)을 읽을 수 없습니다: {path} ({exc.strerror})."
        ) from None
    try:
        obj = json.loads(raw.decode())
        body = {k: v for k, v in obj.items() if k != "mac"}
        if body.get("format") != FORMAT or body.get("database_id") != database_id:
            raise ValueError
        cat = Catalogue(database_id, key_check=str(body.get("key_check", "")))
        for uid, plan, at in body["tombstones"]:
            cat.tombstones[str(uid)] = (int(plan), str(at))
        for p in body["plans"]:
            cat.plans[int(p["id"])] = dict(p)
        for e in body["ledger"]:
            cat.ledger[int(e["id"])] = dict(e)
        for b in body["backups"]:
            cat.backups[str(b["file"])] = dict(b)
        mac = bytes.fromhex(str(obj.get("mac", "")))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BackupError(
            "catalogue", f"백업 목록(카탈로그)의 형식이 올바르지 않습니다: {path}. 파일이 손상되었습니다."
        ) from None
    if cat.key_check and cat.key_check == keys.check_value.hex()[:16]:
        if not keys.verify_signature(_SIGNED + _canonical(body), mac):
            raise BackupError(
                "catalogue_tampered",
                f"백업 목록(카탈로그) {path}의 서명이 맞지 않습니다: 키 없이 고쳐진 "
                "파일입니다. 다른 곳에 보관한 카탈로그를 --catalogue로 지정하거나, "
                "개인정보 보호책임자와 함께 조사하십시오.",
            )
        cat.signature = "ok"
    elif cat.key_check:
        cat.signature = "other_key"
    return cat


def from_database(session: Session, database_id: str, base: Catalogue | None = None) -> Catalogue:
    """The catalogue as the database knows it, merged into ``base`` (nothing in ``base`` is dropped)."""
    cat = Catalogue(database_id)
    if base is not None:
        cat.tombstones.update(base.tombstones)
        cat.plans.update(base.plans)
        cat.ledger.update(base.ledger)
        cat.backups.update(base.backups)
    for uid, plan, at in session.execute(select(Tombstone.uid, Tombstone.plan_id, Tombstone.destroyed_at)):
        cat.tombstones[str(uid)] = (int(plan), clock.iso_utc(at))
    for p in session.execute(select(DestructionPlan).where(DestructionPlan.state == PLAN_EXECUTED)).scalars():
        cat.plans[p.id] = {f: _plain(getattr(p, f)) for f in PLAN_FIELDS}
    for e in session.execute(select(DestructionLedgerEntry)).scalars():
        cat.ledger[e.id] = {f: _plain(getattr(e, f)) for f in LEDGER_FIELDS}
    for b in session.execute(select(BackupRecord)).scalars():
        cat.backups[b.file_name] = {
            "file": b.file_name,
            "made_at": clock.iso_utc(b.made_at),
            "made_by": b.made_by,
            "backend": b.backend,
            "head_seq": b.head_seq,
            "size": b.size,
            "sha256": b.sha256,
            "rotated": b.rotated,
            "removed_at": clock.iso_utc(b.removed_at) if b.removed_at else None,
        }
    return cat


def write(folder: Path, cat: Catalogue, keys: KeyRing, settings: Settings) -> Path:
    """Sign and write the catalogue into ``folder`` through the safe writer (it replaces the previous
    one; privdesk's own files are never written)."""
    cat.key_check = keys.check_value.hex()[:16]
    body = cat.body()
    mac = keys.sign(_SIGNED + _canonical(body)).hex()
    data = json.dumps({**body, "mac": mac}, ensure_ascii=False, sort_keys=True, indent=1).encode()
    out = files.guarded(settings, path_in(folder, cat.database_id), force=True)
    with files.replacing(out, binary=True) as fh:
        fh.write(data)
    cat.signature = "ok"
    return out.path


def refresh(
    session: Session, folder: Path, database_id: str, keys: KeyRing, settings: Settings
) -> tuple[Path, bool]:
    """Rebuild the catalogue in ``folder`` from the database and what the file already holds.
    Returns its path and whether the previous file's signature was refused (it is then rebuilt
    from the database alone)."""
    refused = False
    try:
        base = load(folder, database_id, keys)
    except BackupError:
        base, refused = None, True
    if base is not None and base.signature != "ok":
        # signed under another key: not merged unchecked (it could carry tombstones nobody made)
        base, refused = None, True
    return write(folder, from_database(session, database_id, base), keys, settings), refused


def rekey(folder: Path, database_id: str, old: KeyRing, new: KeyRing, settings: Settings) -> bool:
    """Sign the catalogue in ``folder`` again under ``new`` after checking it under ``old`` (the key
    rotation's last step, so restores of backups made under either key can check it). False when
    there is no catalogue there or it is already signed under ``new``; a catalogue whose signature
    fails under ``old`` is a :class:`BackupError` and is left as it is."""
    cat = load(folder, database_id, old)
    if cat is None or cat.signature != "ok":
        return False
    write(folder, cat, new, settings)
    return True
