"""Predictable failures of the machine around privdesk (예상할 수 있는 장애), named in Korean.

A full disk, a read-only database, a PostgreSQL server that cannot be reached, a database that
another workstation keeps busy: none of these is a bug, so none may end in "예기치 않은 오류".
:func:`known_failure` turns the driver's exception (SQLAlchemy, sqlite3, psycopg) or an
:class:`OSError` into a :class:`~privdesk.errors.DatabaseError` with one Korean sentence that says
what happened and what to do; anything else stays a bug (``None``). The CLI and the GUI call it
before they decide between the Korean message and the crash handler, and log :func:`cause` —
the exception classes and codes, never a statement's parameters or a row.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from typing import Final

from privdesk.errors import DatabaseError, PrivdeskError
from privdesk.korean import josa

log = logging.getLogger("privdesk.failures")

DISK_FULL: Final = (
    "저장 공간이 부족해 데이터베이스에 쓰지 못했습니다. 이번 작업은 저장되지 않았습니다(진행 중이던 묶음은 "
    "취소됨). 디스크 공간을 확보한 뒤 다시 실행하십시오."
)
BUSY: Final = "다른 작업이 데이터베이스를 오래 쓰고 있어 기다리다 멈췄습니다. 잠시 뒤 다시 실행하십시오."
CONFLICT: Final = (
    "다른 작업 PC의 작업과 겹쳐 이번 작업을 취소했습니다. 저장되지 않았습니다. 다시 실행하십시오."
)
CORRUPT: Final = (
    "데이터베이스 파일이 손상되었습니다. 더 쓰지 말고 백업에서 복구하십시오. 개인정보 보호책임자와 "
    "시스템 관리자에게 알리십시오."
)


def _where(db_url: str | None) -> str:
    """The server and database of a URL, for the message (never the password)."""
    if not db_url:
        return ""
    from sqlalchemy.engine import make_url  # here, not at the top: `privdesk --version` stays fast

    try:
        u = make_url(db_url)
    except Exception:
        return ""
    if u.get_backend_name() == "sqlite":
        return str(u.database or "")
    host = u.host or "localhost"
    return f"{host}:{u.port or 5432}/{u.database or ''}"


def _root(exc: BaseException) -> BaseException:
    """The driver's exception behind a SQLAlchemy wrapper."""
    from sqlalchemy.exc import StatementError

    if isinstance(exc, StatementError) and exc.orig is not None:
        return exc.orig
    return exc


def _sqlite(exc: sqlite3.Error, where: str) -> DatabaseError | None:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return DatabaseError("disk_full", DISK_FULL)
    if code == sqlite3.SQLITE_READONLY:
        from privdesk.store.engine import read_only_database

        return read_only_database(where or "데이터베이스")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseError("busy", BUSY)
    if code in (sqlite3.SQLITE_NOTADB,):
        return DatabaseError(
            "not_database",
            f"{josa(where, '은/는')} privdesk 데이터베이스가 아닙니다. --db에 privdesk 데이터베이스 "
            "파일을 지정하십시오.",
        )
    if code == sqlite3.SQLITE_CORRUPT:
        return DatabaseError("corrupt", CORRUPT)
    if code == sqlite3.SQLITE_CANTOPEN:
        return DatabaseError(
            "cannot_open",
            f"데이터베이스 파일을 열 수 없습니다: {where}. 파일과 폴더가 있는지, 권한이 있는지 확인하십시오.",
        )
    if code in (sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return DatabaseError(
            "unreadable", f"데이터베이스 파일을 쓸 권한이 없습니다: {where}. 파일 권한을 확인하십시오."
        )
    if code == sqlite3.SQLITE_IOERR:
        return DatabaseError(
            "io",
            f"데이터베이스 파일을 읽거나 쓰는 중 저장 장치 오류가 났습니다: {where}. 이번 작업은 "
            "저장되지 않았습니다. 저장 장치(디스크 공간, 연결)를 확인한 뒤 다시 실행하십시오.",
        )
    return None


_PG_STATES: Final = {
    "53100": (
        "disk_full",
        "데이터베이스 서버의 저장 공간이 부족해 쓰지 못했습니다. 이번 작업은 저장되지 않았습니다. "
        "데이터베이스 관리자에게 알리십시오.",
    ),
    "53200": (
        "server",
        "데이터베이스 서버의 메모리가 부족합니다. 잠시 뒤 다시 실행하고, 계속되면 데이터베이스 관리자에게 "
        "알리십시오.",
    ),
    "53300": ("server", "데이터베이스 서버의 연결 수가 가득 찼습니다. 잠시 뒤 다시 실행하십시오."),
    "25006": (
        "read_only",
        "데이터베이스 서버가 읽기 전용으로 동작 중이라 쓸 수 없습니다(대기 서버이거나 읽기 전용 설정). "
        "데이터베이스 관리자에게 알리십시오.",
    ),
    "40001": ("conflict", CONFLICT),
    "40P01": ("conflict", CONFLICT),
    "55P03": ("busy", BUSY),
    "57014": (
        "busy",
        "데이터베이스 서버가 너무 오래 걸리는 작업을 멈췄습니다. 이번 작업은 저장되지 않았습니다. 다시 "
        "실행하십시오.",
    ),
    "28P01": (
        "refused",
        "데이터베이스 서버가 로그인을 거부했습니다(계정이 없거나 비밀번호가 맞지 않음). ~/.pgpass와 "
        "--db의 계정을 확인하십시오.",
    ),
    "28000": (
        "refused",
        "데이터베이스 서버가 이 계정이나 이 PC의 접속을 허용하지 않습니다(pg_hba.conf). 데이터베이스 "
        "관리자에게 알리십시오.",
    ),
    "3D000": (
        "no_database",
        "데이터베이스 서버에 그 이름의 데이터베이스가 없습니다. --db의 데이터베이스 이름을 확인하십시오.",
    ),
}


def _postgres(exc: BaseException, where: str) -> DatabaseError | None:
    state = getattr(exc, "sqlstate", None)
    if state in _PG_STATES:
        kind, text = _PG_STATES[state]
        return DatabaseError(kind, text)
    if (state and state.startswith("08")) or state in ("57P01", "57P02", "57P03"):
        return DatabaseError(
            "unreachable",
            f"데이터베이스 서버와의 연결이 끊겼습니다({where}). 이번 작업은 저장되지 "
            "않았습니다. 서버와 네트워크를 확인한 뒤 다시 실행하십시오.",
        )
    name = type(exc).__name__
    if state is None and name == "OperationalError":  # the connection itself failed
        return _connect_failure(str(exc), where)
    return None


def _connect_failure(text: str, where: str) -> DatabaseError:
    """A failed connection carries no SQLSTATE: libpq's text tells a server that answered and
    refused from one that could not be reached (only the kind is used, never the text itself)."""
    if 'database "' in text and "does not exist" in text:
        kind, state = "no_database", "3D000"
    elif "password authentication failed" in text or ("role" in text and "does not exist" in text):
        kind, state = "refused", "28P01"
    elif "no pg_hba.conf entry" in text:
        kind, state = "refused", "28000"
    elif "FATAL" in text:
        return DatabaseError(
            "refused",
            f"데이터베이스 서버({where})가 연결을 거부했습니다. 잠시 뒤 다시 실행하고, "
            "계속되면 데이터베이스 관리자에게 알리십시오.",
        )
    else:
        return DatabaseError(
            "unreachable",
            f"데이터베이스 서버에 연결할 수 없습니다({where}). 서버가 켜져 있는지, "
            "네트워크와 --db 주소(호스트, 포트)를 확인하십시오.",
        )
    return DatabaseError(kind, _PG_STATES[state][1])


def known_failure(exc: BaseException, db_url: str | None = None) -> PrivdeskError | None:
    """The Korean error for a predictable failure behind ``exc``, or None when it is a bug."""
    if isinstance(exc, PrivdeskError):
        return exc
    where = _where(db_url)
    root = _root(exc)
    if isinstance(root, sqlite3.Error):
        return _sqlite(root, where)
    if type(root).__module__.startswith("psycopg"):
        return _postgres(root, where)
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return DatabaseError(
            "unreachable", f"데이터베이스와의 연결이 끊겼습니다({where}). 다시 실행하십시오."
        )
    if isinstance(root, OSError):
        code = root.errno
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return DatabaseError(
                "disk_full",
                "저장 공간이 부족해 쓰지 못했습니다. 이번 작업은 저장되지 않았습니다. "
                "디스크 공간을 확보한 뒤 다시 실행하십시오.",
            )
        if code == errno.EROFS:
            return DatabaseError(
                "read_only", "읽기 전용 저장 장치라 쓸 수 없습니다. 쓸 수 있는 위치를 지정하십시오."
            )
    return None


def cause(exc: BaseException) -> str:
    """What the log file gets: the exception classes with their codes (SQLite result code,
    PostgreSQL SQLSTATE, errno), never a message that could carry a row or a parameter."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(parts) < 6:
        seen.add(id(current))
        text = f"{type(current).__module__}.{type(current).__qualname__}"
        code = getattr(current, "sqlite_errorname", None) or getattr(current, "sqlstate", None)
        if isinstance(current, OSError) and current.errno is not None:
            code = errno.errorcode.get(current.errno, str(current.errno))
        if code:
            text += f" [{code}]"
        parts.append(text)
        nxt = getattr(current, "orig", None)
        current = nxt if isinstance(nxt, BaseException) else (current.__cause__ or current.__context__)
    return " <- ".join(parts)


def log_known(exc: BaseException, known: PrivdeskError, where: str) -> None:
    """Log a predictable failure's cause (no row contents) in the rotating log file."""
    if known is exc:
        return
    kind = getattr(known, "kind", type(known).__name__)
    log.warning("%s in %s (pid %d): %s", kind, where, os.getpid(), cause(exc))


__all__ = ["cause", "known_failure", "log_known"]
