"""``privdesk db``: the database administrator's commands on a PostgreSQL server.

Several workstations share one PostgreSQL database. The tables belong to an owner role that only
the administrator uses (``privdesk --db postgresql+psycopg://privdesk_owner@… init`` and
``db upgrade``); the workstations connect as a role that may read and write rows but owns no
table, so it cannot disable the append-only triggers or drop a table (``db grant``). The README
has the whole set-up.
"""

from __future__ import annotations

import argparse
import re

from privdesk.cli.common import settings_from
from privdesk.errors import ConfigError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "db", help="데이터베이스 관리 (PostgreSQL 소유자 계정으로 실행): 스키마 업그레이드, 작업 PC 역할 권한"
    )
    d = p.add_subparsers(dest="db_command", metavar="SUBCOMMAND")
    u = d.add_parser("upgrade", help="스키마를 최신으로 올립니다 (테이블 소유자 계정으로)")
    u.add_argument("--grant", metavar="ROLE", help="올린 뒤 작업 PC 역할에 권한을 다시 줍니다")
    u.set_defaults(func=cmd_upgrade)
    g = d.add_parser(
        "grant", help="작업 PC가 쓰는 역할에 행 읽기·쓰기 권한만 줍니다 (테이블 소유·트리거 해제 불가)"
    )
    g.add_argument("role", metavar="ROLE")
    g.set_defaults(func=cmd_grant)


def _role(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ConfigError(f"역할 이름은 영문 소문자, 숫자, 밑줄로만 쓰십시오: {name!r}")
    return name


def cmd_upgrade(args: argparse.Namespace) -> int:
    from privdesk.opening import open_context
    from privdesk.store import migrate

    ctx = open_context(settings_from(args))  # upgrades, and seals rows written before row proofs
    try:
        print(f"스키마: {migrate.current_revision(ctx.engine)} (최신)")
        if args.grant:
            return _grant(ctx.engine, _role(args.grant))
    finally:
        ctx.engine.dispose()
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    from privdesk.store.engine import make_engine

    role = _role(args.role)
    engine = make_engine(settings_from(args).db_url, create_file=False)
    try:
        return _grant(engine, role)
    finally:
        engine.dispose()


def _grant(engine: object, role: str) -> int:
    from sqlalchemy import Engine

    from privdesk.audit.protections import grant_statements

    assert isinstance(engine, Engine)
    if engine.dialect.name != "postgresql":
        raise ConfigError(
            "역할 권한은 PostgreSQL에만 있습니다 (SQLite 파일은 운영체제의 파일 권한으로 지킵니다)."
        )
    with engine.begin() as conn:
        for stmt in grant_statements(role):
            conn.exec_driver_sql(stmt)
    print(f"역할 {role}에 행 읽기·쓰기 권한을 주었습니다 (추가 전용 표의 수정·삭제와 테이블 변경은 불가).")
    return 0
