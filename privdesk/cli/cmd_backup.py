"""``privdesk backup``, ``privdesk backup verify`` and ``privdesk restore`` (백업·복원).

Contract:
- ``privdesk backup [--out DIR] --as ID`` (permission ``backup``: the privacy officer, IT's privacy
  role): one encrypted archive of the whole database into the configured ``[backup] folder`` (or
  ``--out DIR``, not rotated); prints the archive's path, size, SHA-256 and what it holds.
- ``privdesk backup verify ARCHIVE``: decrypts the whole archive with the key file and checks the
  manifest and every part's SHA-256, restoring nothing; exit 0, or 1 with a Korean line naming the
  problem (damaged, truncated, another key — with the key check the archive needs).
- ``privdesk --db URL restore ARCHIVE [--catalogue DIR] [--grant ROLE]``: into an empty database
  only; re-applies every later destruction the catalogue (default: the archive's folder) knows and
  prints what it re-applied. Run it again to finish a restore that was interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privdesk.cli.common import acting, context_from, settings_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = sub.add_parser(
        "backup",
        help="데이터베이스 전체를 암호화된 백업 파일 하나로 만듭니다 (백업 권한)",
        description="다른 사람이 일하는 중에도 일관된 시점의 사본을 만듭니다. 기본 폴더는 설정 파일의 "
        "[backup] folder이며, 그 폴더에서는 보관 주기(일 7개, 월 12개)가 지난 백업을 지웁니다.",
    )
    b.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="백업 파일을 만들 폴더 (기본: 설정의 [backup] folder; 순환 삭제 없음)",
    )
    b.add_argument(
        "--as", dest="as_login", metavar="ID", help="이 계정으로 실행 (비밀번호: PRIVDESK_PASSWORD 또는 입력)"
    )
    b.set_defaults(func=cmd_backup, parser=b)
    bs = b.add_subparsers(dest="backup_command", metavar="SUBCOMMAND")
    v = bs.add_parser(
        "verify",
        help="백업 파일을 복원하지 않고 검사합니다 (목록, 모든 SHA-256, 키 파일로 복호화)",
        description="키 파일(--key-file)로 백업 파일 전체를 복호화해 목록(매니페스트)과 모든 부분의 SHA-256을 "
        "확인합니다. 데이터베이스는 읽지도 바꾸지도 않습니다.",
    )
    v.add_argument("archive", type=Path, metavar="ARCHIVE", help="백업 파일 (*.pdbk)")
    v.set_defaults(func=cmd_verify)

    r = sub.add_parser(
        "restore",
        help="백업 파일을 빈 데이터베이스(--db)에 복원합니다",
        description="비어 있는 데이터베이스에만 복원합니다. 백업 뒤에 파기된 기록은 백업 폴더의 목록(카탈로그)에 "
        "따라 다시 파기합니다. PostgreSQL에서는 테이블 소유자 계정으로 실행하십시오. 중단되었으면 "
        "같은 명령을 다시 실행해 마칩니다.",
    )
    r.add_argument("archive", type=Path, metavar="ARCHIVE", help="백업 파일 (*.pdbk)")
    r.add_argument(
        "--catalogue",
        type=Path,
        metavar="DIR",
        help="백업 목록(카탈로그)이 있는 폴더 (기본: 백업 파일이 있는 폴더)",
    )
    r.add_argument(
        "--catalogue-key",
        type=Path,
        metavar="FILE",
        help="키 교체 뒤에 서명된 카탈로그를 확인할 지금의 키 파일 (백업은 교체 전 키로 복원합니다)",
    )
    r.add_argument(
        "--without-catalogue",
        action="store_true",
        help="카탈로그 없이 복원합니다 (백업 뒤의 파기를 다시 적용할 수 없습니다: 카탈로그가 정말 없을 때만)",
    )
    r.add_argument(
        "--grant",
        metavar="ROLE",
        help="PostgreSQL: 복원 뒤 작업 PC 역할에 행 권한을 줍니다 (db grant와 같음)",
    )
    r.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from privdesk.backup.backups import make_backup

    if not args.as_login:
        args.parser.error(
            "백업할 계정을 --as ID로 지정하십시오 (백업 권한: 개인정보 보호책임자, 개인정보 보호 담당)."
        )
    ctx = context_from(args)
    try:
        result = make_backup(ctx, acting(ctx, args), args.out)
    finally:
        ctx.engine.dispose()
    for line in result.lines():
        print(line)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from privdesk.backup.backups import manifest_summary
    from privdesk.restore import verify

    settings = settings_from(args)
    contents = verify(settings, args.archive)
    print(f"백업 검증 통과: {args.archive}")
    print(manifest_summary(contents.manifest))
    print(
        f"키 확인값 {contents.header.key_prefix}… (키 파일 {settings.key_file}와 일치), 크기 {contents.size:,}바이트, "
        f"SHA-256 {contents.sha256}"
    )
    for part in contents.parts:
        print(f"  {part.name}: {part.size:,}바이트, SHA-256 {part.sha256} 일치")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from privdesk.restore import restore

    settings = settings_from(args)
    result = restore(
        settings,
        args.archive,
        catalogue_dir=args.catalogue,
        without_catalogue=args.without_catalogue,
        catalogue_key=args.catalogue_key,
        grant=args.grant,
    )
    for line in result.lines():
        print(line)
    if args.without_catalogue:
        print("privdesk: 경고: 카탈로그 없이 복원했습니다.", file=sys.stderr)
    return 0
