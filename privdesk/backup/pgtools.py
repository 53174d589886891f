"""PostgreSQL's client tools for backups (``pg_dump``, ``pg_restore``, ``psql``).

privdesk does not re-implement a PostgreSQL dump: it runs the server project's own tools when they
are installed — on ``PATH``, or where Debian/Ubuntu put them (``/usr/lib/postgresql/<version>/bin``,
newest first) — and says clearly when they are not. The connection comes from privdesk's database
URL; a password in the URL goes to the tool in ``PGPASSWORD`` (never on its command line), or the
tool reads ``~/.pgpass`` as the README recommends.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from privdesk.errors import BackupError
from privdesk.korean import josa

_DEBIAN = Path("/usr/lib/postgresql")
INSTALL_HINT = (
    "PostgreSQL 클라이언트 도구를 설치하십시오 (Debian/Ubuntu: 'apt-get install postgresql-client', "
    "서버와 같거나 더 높은 주 버전). 설치한 폴더가 PATH에 없으면 PATH에 추가하십시오."
)


def find_tool(name: str) -> str | None:
    """The path of a PostgreSQL client program, or None."""
    found = shutil.which(name)
    if found:
        return found
    try:
        folders = sorted(_DEBIAN.glob("*/bin"), key=lambda p: _version(p.parent.name), reverse=True)
    except OSError:
        return None
    for folder in folders:
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text)) or (0,)


def require(*names: str) -> dict[str, str]:
    """The named tools, or a Korean :class:`BackupError` naming the missing ones."""
    found = {n: find_tool(n) for n in names}
    missing = [n for n, p in found.items() if p is None]
    if missing:
        raise BackupError(
            "no_pg_tools",
            f"PostgreSQL 데이터베이스를 백업·복원하려면 {josa(', '.join(missing), '이/가')} 필요한데 이 PC에서 "
            f"찾지 못했습니다(PATH, {_DEBIAN}/*/bin). {INSTALL_HINT}",
        )
    return {n: str(p) for n, p in found.items()}


def major_version(tool: str) -> int:
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
    m = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(m.group(1)) if m else 0


def conninfo(db_url: str) -> tuple[str, dict[str, str]]:
    """libpq's connection string for ``db_url`` (no password) and the environment for the tool
    (``PGPASSWORD`` when the URL carries one)."""
    u = make_url(db_url)
    parts = {
        "dbname": u.database or "",
        "host": u.host or "",
        "port": str(u.port or ""),
        "user": u.username or "",
    }
    for key, value in (u.query or {}).items():
        if isinstance(value, str):
            parts[key] = value
    text = " ".join(f"{k}={_quote(v)}" for k, v in parts.items() if v)
    env = {**os.environ}
    env.pop("PGOPTIONS", None)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    env["PGAPPNAME"] = "privdesk-backup"
    return text, env


def _quote(value: str) -> str:
    if value and re.fullmatch(r"[A-Za-z0-9_./:@-]+", value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def tool_failure(tool: str, stderr: str, what: str) -> BackupError:
    """A tool that failed, in Korean, with the tool's own last line (no data in it)."""
    last = [line.strip() for line in stderr.splitlines() if line.strip()]
    detail = last[-1][:300] if last else "알 수 없는 오류"
    if "server version mismatch" in stderr or "aborting because of server version mismatch" in stderr:
        return BackupError(
            "pg_version",
            f"{Path(tool).name}의 버전이 서버보다 낮아 {what}할 수 없습니다: {detail}. {INSTALL_HINT}",
        )
    return BackupError("pg_tool", f"{josa(Path(tool).name, '이/가')} 실패해 {what}하지 못했습니다: {detail}")
