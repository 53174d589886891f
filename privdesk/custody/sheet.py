"""The key recovery sheet (키 복구 용지): the master key on paper, to be kept in the safe.

The 32-byte master key is written as 13 groups of 4 characters of Crockford's base-32 alphabet,
each followed by one check character computed from the group and its position: a mistyped or
swapped group is caught when it is typed back (``privdesk key restore``), and a result that does
not match the database's key check value is refused. The sheet also carries a QR code of the key
file's one line (``privdesk-key-v1:…``) — scanning it gives the key file's content — the
hospital, the key check value and the date.

Only the privacy officer prints it; the printing is recorded in the access log (never the key).
"""

from __future__ import annotations

import base64
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from privdesk import clock
from privdesk.accounts.permissions import OFFICER, Permission
from privdesk.context import Actor, AppContext
from privdesk.crypto import KEY_FILE_HEADER, KeyRing, read_master_key
from privdesk.errors import KeyFileError, PermissionDeniedError, ValidationError
from privdesk.files import Output, guarded

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUP = 4
GROUPS = 13  # 52 characters: 256 bits of key and 4 bits of padding
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def _b32(data: bytes) -> str:
    bits = int.from_bytes(data, "big") << 4  # 256 bits padded to 260 = 52 × 5
    return "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(52)))


def _unb32(text: str) -> bytes:
    bits = 0
    for ch in text:
        bits = (bits << 5) | ALPHABET.index(ch)
    if bits & 0xF:
        raise ValueError("padding")
    return (bits >> 4).to_bytes(32, "big")


def check_char(index: int, group: str) -> str:
    """The check character of group ``index`` (1-based)."""
    return ALPHABET[hashlib.sha256(f"privdesk-key-sheet:{index}:{group}".encode()).digest()[0] % 32]


def groups(master: bytes) -> list[str]:
    """``["K7Q2M", …]``: each group's four characters and its check character."""
    text = _b32(master)
    return [
        text[i : i + GROUP] + check_char(i // GROUP + 1, text[i : i + GROUP])
        for i in range(0, len(text), GROUP)
    ]


def normalise(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_TYPOS)


def check_group(index: int, typed: str) -> str:
    """The group's four characters, or a ValidationError naming the group (1-based)."""
    g = normalise(typed)
    if len(g) != GROUP + 1 or any(ch not in ALPHABET for ch in g):
        raise ValidationError(
            "group", f"{index}번째 묶음은 글자 5개(4개와 검사 문자 1개)여야 합니다: {typed.strip()!r}"
        )
    if check_char(index, g[:GROUP]) != g[GROUP]:
        raise ValidationError(
            "group", f"{index}번째 묶음이 맞지 않습니다(검사 문자 불일치). 용지를 다시 보고 입력하십시오."
        )
    return g[:GROUP]


def master_from_groups(typed: list[str]) -> bytes:
    if len(typed) != GROUPS:
        raise ValidationError("group", f"묶음 {GROUPS}개를 모두 입력하십시오 ({len(typed)}개 입력됨).")
    try:
        return _unb32("".join(check_group(i, g) for i, g in enumerate(typed, start=1)))
    except ValueError:
        raise ValidationError(
            "group", "입력한 묶음으로 키를 만들 수 없습니다. 용지의 묶음을 다시 확인하십시오."
        ) from None


def key_file_line(master: bytes) -> str:
    return f"{KEY_FILE_HEADER}:{base64.urlsafe_b64encode(master).decode()}"


@dataclass(frozen=True)
class KeySheet:
    """What the sheet shows (plain data for :mod:`privdesk.reports.key_sheet`)."""

    hospital: str
    groups: tuple[str, ...]
    check_value: str
    key_file_line: str
    made_on: str


def print_sheet(ctx: AppContext, actor: Actor, out: Path | Output, *, force: bool = False) -> int:
    """Print the recovery sheet of the current key (the privacy officer only: the officer role
    itself, not a permission another role could be given); the printing is logged (never the
    key). Returns the page count."""
    from privdesk.printing import record_print, witnessed
    from privdesk.reports import key_sheet

    with ctx.unit(actor, Permission.SETTINGS_MANAGE) as u:
        if u.account is None or OFFICER not in u.account.role_codes:
            raise PermissionDeniedError("key.print", "키 복구 용지 출력(개인정보 보호책임자)")
    target = guarded(ctx.settings, out, force=force)
    master = read_master_key(Path(ctx.settings.key_file))
    data = KeySheet(
        ctx.profile.name,
        tuple(groups(master)),
        ctx.keys.check_value.hex()[:16],
        key_file_line(master),
        clock.paper_date(clock.today_kst()),
    )
    meta = witnessed(ctx, key_sheet.meta_for(ctx.profile.name, actor))
    return key_sheet.render_key_sheet(
        target,
        meta,
        data,
        before_publish=lambda n: record_print(
            ctx,
            actor,
            key_sheet.WHAT,
            f"{meta.record_no}; key check {data.check_value}; {n}쪽",
            permission=Permission.SETTINGS_MANAGE,
            reason=None,
        ),
    )  # key material, no personal data: no reason asked


def write_key_file(path: Path, master: bytes) -> KeyRing:
    """A key file from a restored master key: a new file only, owner-only."""
    path = Path(path)
    if path.exists():
        raise KeyFileError(f"파일이 이미 있습니다: {path}. 새 키 파일 이름을 지정하십시오.", str(path))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        raise KeyFileError(f"파일이 이미 있습니다: {path}.", str(path)) from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key_file_line(master) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    if sys.platform != "win32":
        os.chmod(path, 0o600)
    return KeyRing(master, source=str(path))
