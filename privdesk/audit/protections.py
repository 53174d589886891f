"""The database's own protections, checked (보호 장치 점검).

The access log, the permission history and the ledgers are append-only because the database
refuses UPDATE and DELETE on them (triggers made by the migrations). Someone with enough rights
could drop or disable those triggers (SQLite: ``DROP TRIGGER``; PostgreSQL: ``ALTER TABLE …
DISABLE TRIGGER`` by the table's owner), or leave a row in ``audit_archive_permit`` so the access
log's delete trigger lets rows go. :func:`check` names each such hole. The definitions below are
what the migrations create (migrations stay self-contained, so the text is repeated there); a test
compares the two on both databases.

On SQLite the officer's acknowledgement re-creates a missing trigger (:func:`repair_sqlite`); on
PostgreSQL that is the administrator's part (the application's role does not own the tables,
see the README).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

APPEND_ONLY = (
    "access_log",
    "permission_changes",
    "cctv_camera_changes",
    "cctv_request_events",
    "cctv_provisions",
    "cctv_ledger",
    "destruction_ledger",
    "disclosures",
    "disclosure_subjects",
    "processor_changes",
    "subject_request_events",
    "integrity_events",
    "tombstones",
    "disclosure_pseudonyms",
    "processor_returns",
    "incident_notices",
    "incident_events",
    "review_results",
    "review_justifications",
    "review_justification_events",
    "review_signoffs",
    "policy_versions",
    "consent_texts",
    "consent_records",
    "training_sessions",
    "training_attendance",
    "training_attendance_cancels",
    "notice_batches",
    "notice_letters",
    "notice_deliveries",
)

_ACCESS_LOG_DELETE = (
    "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log "
    "WHEN OLD.seq > COALESCE((SELECT MAX(upto_seq) FROM audit_archive_permit), 0) "
    "BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END"
)

_PG_FUNCTIONS = {
    "privdesk_append_only": """BEGIN
         IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'access_log' THEN
           IF OLD.seq <= COALESCE((SELECT MAX(upto_seq) FROM audit_archive_permit), 0) THEN
             RETURN OLD;
           END IF;
         END IF;
         RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
       END""",
    "privdesk_refuse_change": """BEGIN
     RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
   END""",
}


def _norm(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip().rstrip(";").lower()


@dataclass(frozen=True)
class Expected:
    """One trigger as the migrations create it."""

    name: str
    table: str
    sqlite_sql: str = ""  # SQLite: the whole CREATE TRIGGER statement
    pg_function: str = ""  # PostgreSQL: the trigger function it must call


def expected(dialect: str) -> tuple[Expected, ...]:
    out: list[Expected] = []
    for table in APPEND_ONLY:
        if dialect == "sqlite":
            for verb in ("UPDATE", "DELETE"):
                name = f"{table}_no_{verb.lower()}"
                sql = (
                    _ACCESS_LOG_DELETE
                    if name == "access_log_no_delete"
                    else f"CREATE TRIGGER {name} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
                out.append(Expected(name, table, sqlite_sql=sql))
        else:
            fn = (
                "privdesk_append_only"
                if table in ("access_log", "permission_changes")
                else "privdesk_refuse_change"
            )
            out.append(Expected(f"{table}_append_only", table, pg_function=fn))
            out.append(Expected(f"{table}_no_truncate", table, pg_function=fn))
    return tuple(out)


@dataclass(frozen=True)
class Hole:
    """A protection that is missing, changed or switched off."""

    name: str
    message: str

    @property
    def fingerprint(self) -> str:
        return f"trigger:{self.name}" if self.name != "permit" else "permit"


def check(conn: Any, dialect: str) -> list[Hole]:
    """Every hole in the append-only protections; ``conn`` is a DB-API style object with
    ``all(sql, params)`` (the verify snapshot)."""
    holes = _check_sqlite(conn) if dialect == "sqlite" else _check_pg(conn)
    permits = conn.one("SELECT COUNT(*) FROM audit_archive_permit")
    if permits is not None and permits[0]:
        holes.append(
            Hole(
                "permit",
                "보관 허가 표(audit_archive_permit)에 행이 남아 있습니다: 접속기록 삭제가 허용된 상태입니다",
            )
        )
    return holes


def _check_sqlite(conn: Any) -> list[Hole]:
    found = {
        str(name): (str(table), str(sql or ""))
        for name, table, sql in conn.all(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
        )
    }
    holes: list[Hole] = []
    for e in expected("sqlite"):
        have = found.get(e.name)
        if have is None:
            holes.append(
                Hole(
                    e.name,
                    f"{e.table} 표의 추가 전용 보호 장치({e.name})가 없습니다: 기록을 고치거나 "
                    "지울 수 있는 상태입니다",
                )
            )
        elif have[0] != e.table or _norm(have[1]) != _norm(e.sqlite_sql):
            holes.append(Hole(e.name, f"{e.table} 표의 추가 전용 보호 장치({e.name})가 바뀌었습니다"))
    return holes


def _check_pg(conn: Any) -> list[Hole]:
    rows = conn.all(
        "SELECT t.tgname, c.relname, t.tgenabled, p.proname, p.prosrc FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
    )
    found = {str(r[0]): r for r in rows}
    holes: list[Hole] = []
    for e in expected("postgresql"):
        have = found.get(e.name)
        if have is None:
            holes.append(
                Hole(
                    e.name,
                    f"{e.table} 표의 추가 전용 보호 장치({e.name})가 없습니다: 기록을 고치거나 "
                    "지울 수 있는 상태입니다",
                )
            )
            continue
        _name, table, enabled, function, source = have
        enabled = enabled.decode() if isinstance(enabled, bytes) else str(enabled)
        if str(table) != e.table or str(function) != e.pg_function:
            holes.append(Hole(e.name, f"{e.table} 표의 추가 전용 보호 장치({e.name})가 바뀌었습니다"))
        elif enabled not in ("O", "A"):
            holes.append(
                Hole(
                    e.name,
                    f"{e.table} 표의 추가 전용 보호 장치({e.name})가 꺼져 있습니다 "
                    "(ALTER TABLE … DISABLE TRIGGER)",
                )
            )
        elif _digest(str(source)) != _digest(_PG_FUNCTIONS[e.pg_function]):
            holes.append(Hole(e.name, f"보호 장치 함수 {e.pg_function}()의 내용이 바뀌었습니다"))
    return holes


def _digest(source: str) -> str:
    return hashlib.sha256(_norm(source).encode()).hexdigest()


# -- PostgreSQL: the application's role -------------------------------------------------------------
def grant_statements(role: str) -> list[str]:
    """What the tables' owner grants the workstations' role (``privdesk db grant ROLE``): rows only.
    The role cannot alter, drop or disable anything (it owns no table); on the append-only tables
    it cannot UPDATE, DELETE or TRUNCATE either — except DELETE on ``access_log``, which the delete
    trigger allows only under an archive run's permit."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role):
        raise ValueError(role)
    others = ", ".join(t for t in APPEND_ONLY if t != "access_log")
    return [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE UPDATE, TRUNCATE ON access_log FROM {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {others} FROM {role}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {role}",
        f"GRANT USAGE ON SCHEMA separated TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA separated TO {role}",
    ]


def repair_sqlite(conn: Any, holes: Sequence[Hole]) -> list[str]:
    """Re-create the SQLite triggers named by ``holes`` (inside the caller's transaction); returns
    their names. ``conn`` is a SQLAlchemy connection."""
    wanted = {h.name for h in holes}
    done: list[str] = []
    for e in expected("sqlite"):
        if e.name in wanted:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {e.name}")
            conn.exec_driver_sql(e.sqlite_sql)
            done.append(e.name)
    return done
