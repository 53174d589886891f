"""Making backups (백업): the use cases behind ``privdesk backup``, the automatic backups of the GUI
and the start page's backup box.

:func:`make_backup` (permission ``backup``: the privacy officer and IT's privacy role; the
automatic backups act as the system):

1. checks the permission (a refusal is logged) and that the folder can take a file;
2. takes a consistent snapshot while others keep working (:mod:`privdesk.backup.snapshot`) and
   streams it, encrypted, into one archive (:mod:`privdesk.backup.archive`) written by the safe
   writer — temporary name, fsync, rename: a half-written archive never looks complete;
3. records it: a row in ``backups`` and an access-log entry (file, size, SHA-256, the head it
   holds), in one unit; a failed backup is logged too (outcome ``failed``);
4. in the configured folder (``[backup] folder``) rotates the older archives of this database away
   (:mod:`privdesk.backup.rotation`, each removal logged), wipes what a killed backup left, and
   rewrites the folder's catalogue (:mod:`privdesk.backup.catalogue`) with every tombstone the
   database knows — including those a destruction could not write there at the time.

A backup written elsewhere with ``--out`` is not rotated and does not touch that folder's other
files; the configured folder's catalogue is refreshed as well when it can be reached.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from privdesk import __version__, clock, files
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action, Outcome
from privdesk.backup import archive, catalogue, snapshot
from privdesk.backup.models import BackupRecord
from privdesk.backup.rotation import Policy, allowed_age, copies_until, kept
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import BackupError, OutputError, PrivdeskError
from privdesk.korean import josa
from privdesk.settings import BackupSettings
from privdesk.store.engine import separated_sqlite_path, sqlite_path
from privdesk.store.models import AccessLogEntry

Progress = Callable[[int], None] | None  # bytes written so far
PART_AGE = 24 * 3600  # a temporary archive older than this is a killed backup's


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    sha256: str
    head_seq: int
    patients: int
    made_at: dt.datetime
    seconds: float
    rotated_away: tuple[str, ...] = ()
    catalogue: str = ""

    def lines(self) -> list[str]:
        out = [
            f"백업을 만들었습니다: {self.path}",
            f"크기 {self.size:,}바이트, SHA-256 {self.sha256}",
            f"접속기록 {self.head_seq:,}번까지, 환자 {self.patients:,}건, {self.seconds:.1f}초",
        ]
        if self.rotated_away:
            out.append(
                f"보관 주기가 지난 백업 {len(self.rotated_away)}개를 지웠습니다: {', '.join(self.rotated_away)}"
            )
        if self.catalogue:
            out.append(self.catalogue)
        return out


def _folder_of(ctx: AppContext, out: Path | None) -> tuple[Path, bool]:
    """The folder to write to and whether it is the rotated (configured) one."""
    configured = ctx.settings.backup.folder
    if out is None:
        if configured is None:
            raise BackupError(
                "no_folder",
                "백업 폴더가 설정되지 않았습니다. 설정 파일의 [backup] folder에 백업 폴더"
                "(병원 내부망의 공유 폴더 등)를 적거나 --out 폴더를 지정하십시오.",
            )
        return Path(configured), True
    same = configured is not None and _same_folder(Path(out), Path(configured))
    return Path(out), same


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _archive_path(ctx: AppContext, folder: Path, made_at: dt.datetime) -> Path:
    """A name no archive of this database ever had (a rotated-away one included: the catalogue and
    the 파기 records name archives by file)."""
    stamp = clock.to_kst(made_at).strftime("%Y%m%d-%H%M%S")
    base = f"privdesk-{stamp}-{ctx.database_id[:8]}"
    with ctx.session() as s:
        known = set(
            s.execute(select(BackupRecord.file_name).where(BackupRecord.file_name.startswith(base))).scalars()
        )
    path = folder / f"{base}{archive.SUFFIX}"
    n = 2
    while path.exists() or path.name in known:
        path = folder / f"{base}-{n}{archive.SUFFIX}"
        n += 1
    return path


def _check_folder(folder: Path) -> None:
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        raise BackupError(
            "folder",
            f"백업 폴더가 없습니다(연결되지 않은 공유 폴더일 수 있습니다): {folder}. 폴더와 "
            "네트워크 연결을 확인하십시오.",
        ) from None
    except OSError as exc:
        raise BackupError("folder", f"백업 폴더를 열 수 없습니다: {folder} ({exc.strerror}).") from None
    if not os.path.isdir(folder) or not st:
        raise BackupError("folder", f"{josa(folder, '은/는')} 폴더가 아닙니다. 백업 폴더를 지정하십시오.")


def make_backup(
    ctx: AppContext,
    actor: Actor | None,
    out: Path | None = None,
    *,
    reason: str = "manual",
    progress: Progress = None,
) -> BackupResult:
    """Back up the whole database into one encrypted archive (see the module docstring).
    ``actor=None`` acts as the system (the automatic backups); ``out`` a folder other than the
    configured one (not rotated)."""
    started = time.monotonic()
    folder, rotating = _folder_of(ctx, out)
    with ctx.unit(actor, Permission.BACKUP if actor is not None else None, break_glass=actor is None):
        pass  # the permission (a refusal is logged by the unit)
    login = actor.login if actor is not None else "system"
    try:
        _check_folder(folder)
        if not ctx.settings.is_sqlite:
            missing = snapshot.pg_tools_missing()
            if missing:
                raise BackupError("no_pg_tools", missing)
        made_at = clock.now()
        target = files.guarded(ctx.settings, _archive_path(ctx, folder, made_at))
        path, writer, state, seconds = _write_archive(ctx, target, login, made_at, reason, progress)
    except (PrivdeskError, OSError) as exc:
        ctx.record(login, Action.BACKUP, None, outcome=Outcome.FAILED, detail=f"{reason}; {_short(exc)}")
        raise
    patients = state.counts.get("main", state.counts.get("public", {})).get("patients", 0)
    with ctx.unit(actor, break_glass=actor is None) as u:
        rec = BackupRecord(
            file_name=path.name,
            folder=str(folder),
            made_at=made_at,
            made_by=login,
            backend=ctx.engine.dialect.name,
            head_seq=state.head_seq,
            size=writer.size,
            sha256=writer.sha256,
            rotated=rotating,
            removed_at=None,
        )
        u.session.add(rec)
        u.session.flush()
        u.log(
            Action.BACKUP,
            f"backup:{rec.id}",
            detail=f"{reason}; file={path.name}; size={writer.size}; "
            f"sha256={writer.sha256}; head={state.head_seq}; "
            f"patients={patients}; {seconds:.1f}s",
        )
    removed: tuple[str, ...] = ()
    if rotating:
        removed = rotate(ctx, actor, folder)
    note = _refresh_catalogue(ctx, actor, folder) if rotating else ""
    if not rotating and ctx.settings.backup.folder is not None:
        note = _refresh_catalogue(ctx, actor, Path(ctx.settings.backup.folder))
    return BackupResult(
        path,
        writer.size,
        writer.sha256,
        state.head_seq,
        patients,
        made_at,
        time.monotonic() - started,
        removed,
        note,
    )


def _short(exc: BaseException) -> str:
    return (str(exc) if isinstance(exc, PrivdeskError) else f"{exc.__class__.__name__}: {exc}")[:300]


def _write_archive(
    ctx: AppContext, target: files.Output, login: str, made_at: dt.datetime, reason: str, progress: Progress
) -> tuple[Path, archive.ArchiveWriter, snapshot.State, float]:
    started = time.monotonic()
    backend = ctx.engine.dialect.name
    staged = files.stage(target, binary=True)
    try:
        header = archive.new_header(
            ctx.keys, database_id=ctx.database_id, created_at=clock.iso_utc(made_at), backend=backend
        )
        writer = archive.ArchiveWriter(staged.fh, ctx.keys, header)

        def write(data: bytes) -> None:
            writer.write(data)
            if progress is not None:
                progress(writer.size)

        if backend == "sqlite":
            state = _sqlite_parts(ctx, writer, write)
        else:
            with snapshot.pg_snapshot(ctx.engine) as (snap_id, state):
                writer.begin_part("database.pgdump", "pg_dump")
                snapshot.pg_dump(ctx.settings.db_url, snap_id, write)
                writer.end_part()
        seconds = time.monotonic() - started
        writer.finish(_manifest(ctx, state, writer, login, made_at, reason, header))
        path = staged.publish()
    finally:
        staged.discard()
    return path, writer, state, seconds


def _sqlite_parts(
    ctx: AppContext, writer: archive.ArchiveWriter, write: Callable[[bytes], None]
) -> snapshot.State:
    main = sqlite_path(ctx.settings.db_url)
    assert main is not None
    snapshot.wipe_stale(main.parent)
    with snapshot.sqlite_copy(main) as copy:  # the main file first (see privdesk.backup.snapshot)
        state = snapshot.sqlite_state(copy, None)
        writer.begin_part("main.sqlite3", "sqlite-main")
        snapshot.stream_file(copy, write)
        writer.end_part()
    separated = separated_sqlite_path(main)
    if separated.exists():
        with snapshot.sqlite_copy(separated) as copy:
            state.counts["separated"] = snapshot.sqlite_counts(copy)
            writer.begin_part("separated.sqlite3", "sqlite-separated")
            snapshot.stream_file(copy, write)
            writer.end_part()
    return state


def _manifest(
    ctx: AppContext,
    state: snapshot.State,
    writer: archive.ArchiveWriter,
    login: str,
    made_at: dt.datetime,
    reason: str,
    header: dict[str, Any],
) -> dict[str, Any]:
    return {
        "format": archive.FORMAT,
        "privdesk": __version__,
        "revision": state.revision,
        "backend": header["backend"],
        "database_id": ctx.database_id,
        "key_check": ctx.keys.check_value.hex(),
        "created_at": clock.iso_utc(made_at),
        "made_by": login,
        "workstation": ctx.workstation.host or socket.gethostname(),
        "reason": reason,
        "head": {"seq": state.head_seq, "hash": state.head_hash},
        "counts": state.counts,
        "hospital": ctx.profile.name,
        "parts": [{"name": p.name, "kind": p.kind, "size": p.size, "sha256": p.sha256} for p in writer.parts],
    }


# -- rotation ---------------------------------------------------------------------------------------
def archives_in(folder: Path, database_id: str) -> list[tuple[Path, dt.datetime]]:
    """This database's archives in ``folder`` (read from their plaintext headers)."""
    out: list[tuple[Path, dt.datetime]] = []
    try:
        candidates = sorted(Path(folder).glob(f"privdesk-*{archive.SUFFIX}"))
    except OSError:
        return out
    for path in candidates:
        header = archive.peek(path)
        if header is None or header.database_id != database_id:
            continue
        try:
            when = dt.datetime.fromisoformat(header.created_at.replace("Z", "+00:00"))
        except ValueError:
            continue
        out.append((path, when))
    return out


def rotate(ctx: AppContext, actor: Actor | None, folder: Path) -> tuple[str, ...]:
    """Remove this database's archives that the rotation no longer keeps (each removal logged),
    and temporary archives a killed backup left more than a day ago."""
    found = archives_in(folder, ctx.database_id)
    keep = kept([t for _p, t in found], Policy.of(ctx.settings.backup))
    gone: list[str] = []
    for i, (path, _t) in enumerate(found):
        if i in keep:
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            continue
        gone.append(path.name)
    now = time.time()
    for part in Path(folder).glob(f".privdesk-*{archive.SUFFIX}.*.part"):
        try:
            if now - part.stat().st_mtime > PART_AGE:
                part.unlink()
        except OSError:
            pass
    if gone:
        with ctx.unit(actor, break_glass=actor is None) as u:
            when = clock.now()
            for name in gone:
                rid = u.session.execute(
                    select(BackupRecord.id).where(
                        BackupRecord.file_name == name, BackupRecord.removed_at.is_(None)
                    )
                ).scalar_one_or_none()
                if rid is not None:
                    u.session.execute(
                        update(BackupRecord).where(BackupRecord.id == rid).values(removed_at=when)
                    )
                u.log(
                    Action.BACKUP,
                    f"backup:{rid}" if rid is not None else None,
                    detail=f"rotated away: {name}",
                )
    return tuple(gone)


# -- the catalogue ------------------------------------------------------------------------------------
def _refresh_catalogue(ctx: AppContext, actor: Actor | None, folder: Path) -> str:
    try:
        with ctx.session() as s:
            path, refused = catalogue.refresh(s, folder, ctx.database_id, ctx.keys, ctx.settings)
    except (OSError, OutputError) as exc:
        text = f"백업 폴더의 목록(카탈로그)을 쓰지 못했습니다({_short(exc)}): 다음 백업 때 다시 씁니다."
        ctx.record(
            actor.login if actor else "system",
            Action.BACKUP,
            None,
            outcome=Outcome.FAILED,
            detail=f"catalogue: {text}",
        )
        return text
    if refused:
        ctx.record(
            actor.login if actor else "system",
            Action.BACKUP,
            None,
            outcome=Outcome.FAILED,
            detail=f"catalogue {path.name}: signature did not match; rebuilt from the database",
        )
        return f"백업 목록(카탈로그)의 서명이 맞지 않아 데이터베이스의 기록으로 다시 만들었습니다: {path}"
    return f"백업 목록(카탈로그)을 갱신했습니다: {path}"


def catalogue_after_destruction(ctx: AppContext) -> tuple[str, bool]:
    """Write the tombstones of a destruction just executed into the configured backup folder's
    catalogue. Returns the sentence for the user and whether it was written."""
    folder = ctx.settings.backup.folder
    if folder is None:
        return (
            "백업 폴더가 설정되지 않아 백업 목록(카탈로그)에는 기록하지 않았습니다. 파기 표지는 데이터베이스에 "
            "있으며, 백업 폴더를 설정한 뒤 첫 백업이 카탈로그에 기록합니다."
        ), False
    try:
        _check_folder(Path(folder))
        with ctx.session() as s:
            path, _refused = catalogue.refresh(s, Path(folder), ctx.database_id, ctx.keys, ctx.settings)
    except (OSError, PrivdeskError) as exc:
        return (
            f"백업 폴더에 쓸 수 없어 파기 표지를 백업 목록(카탈로그)에 아직 기록하지 못했습니다({_short(exc)}). "
            "다음 백업이 빠진 것을 기록합니다."
        ), False
    return f"파기 표지를 백업 목록(카탈로그)에 기록했습니다: {path}", True


# -- status and the automatic backups -----------------------------------------------------------------
@dataclass(frozen=True)
class BackupStatus:
    """The start page's backup box."""

    folder: str | None
    schedule: str
    last_at: dt.datetime | None
    last_file: str
    failed_at: dt.datetime | None
    failed_reason: str
    allowed: dt.timedelta | None

    def age(self, now: dt.datetime | None = None) -> dt.timedelta | None:
        return None if self.last_at is None else (now or clock.now()) - self.last_at

    def overdue(self, now: dt.datetime | None = None) -> bool:
        if self.folder is None:
            return True
        if self.allowed is None:
            return False
        age = self.age(now)
        return age is None or age > self.allowed


def _last_good(u: Unit) -> BackupRecord | None:
    return u.session.execute(
        select(BackupRecord).order_by(BackupRecord.made_at.desc(), BackupRecord.id.desc()).limit(1)
    ).scalar_one_or_none()


def status_in(u: Unit, ctx: AppContext) -> BackupStatus:
    """:func:`backup_status` in the caller's unit (the start screen, :mod:`privdesk.today`)."""
    last = _last_good(u)
    failed = u.session.execute(
        select(AccessLogEntry.at, AccessLogEntry.detail)
        .where(
            AccessLogEntry.action == str(Action.BACKUP),
            AccessLogEntry.outcome == str(Outcome.FAILED),
            AccessLogEntry.subject.is_(None),
            AccessLogEntry.detail.not_like("catalogue%"),
        )
        .order_by(AccessLogEntry.seq.desc())
        .limit(1)
    ).first()
    failed_at: dt.datetime | None = None
    reason = ""
    if failed is not None:
        failed_at = dt.datetime.fromisoformat(str(failed[0]).replace("Z", "+00:00"))
        reason = str(failed[1] or "").split("; ", 1)[-1]
        if last is not None and last.made_at >= failed_at:
            failed_at, reason = None, ""
    cfg = ctx.settings.backup
    return BackupStatus(
        str(cfg.folder) if cfg.folder is not None else None,
        cfg.schedule,
        last.made_at if last else None,
        last.file_name if last else "",
        failed_at,
        reason,
        allowed_age(cfg),
    )


def backup_status(ctx: AppContext, actor: Actor) -> BackupStatus:
    """How old the last good backup is, and the last failure since (backup permission)."""
    with ctx.unit(actor, Permission.BACKUP) as u:
        return status_in(u, ctx)


def backup_due(ctx: AppContext, event: str, today: dt.date | None = None) -> bool:
    """Whether an automatic backup is due at ``event`` (``login``: the first login of the day —
    none yet today, or this week when weekly; ``close``: the application closes and something was
    written since the last backup, or the weekly one is due)."""
    cfg = ctx.settings.backup
    if cfg.folder is None or cfg.schedule == "off":
        return False
    today = today or clock.today_kst()
    with ctx.unit(None, break_glass=True) as u:
        last = _last_good(u)
        if last is None:
            return True
        last_day = clock.kst_day(last.made_at)
        if cfg.schedule == "weekly":
            return (today - last_day).days >= 7
        if event == "login":
            return last_day < today
        newer = u.session.execute(
            select(func.count())
            .select_from(AccessLogEntry)
            .where(AccessLogEntry.seq > last.head_seq, AccessLogEntry.action != str(Action.BACKUP))
        ).scalar_one()
        return last_day < today or int(newer) > 0


def automatic_backup(ctx: AppContext, event: str) -> BackupResult | None:
    """The GUI's automatic backup at ``event`` (``login`` or ``close``), as the system, when due."""
    if not backup_due(ctx, event):
        return None
    return make_backup(ctx, None, reason=f"automatic:{event}")


def manifest_summary(manifest: dict[str, Any]) -> str:
    """One line for people: when, by whom, the head and the patients a manifest describes."""
    counts = manifest.get("counts", {})
    main = counts.get("main", counts.get("public", {}))
    when = dt.datetime.fromisoformat(str(manifest.get("created_at", "")).replace("Z", "+00:00"))
    return (
        f"{clock.fmt_datetime(when)}에 {josa(manifest.get('made_by', '?'), '이/가')} 만든 백업, 스키마 "
        f"{manifest.get('revision')}, 접속기록 {manifest['head']['seq']:,}번까지, 환자 {main.get('patients', 0):,}건"
    )


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def copies_texts(
    session: Session, settings: BackupSettings, moments: dict[int, dt.datetime], today: dt.date | None = None
) -> dict[int, str]:
    """For each destruction (key → when it was executed), until when backups may still hold the
    records it destroyed (:func:`privdesk.backup.rotation.copies_until`), as printed on the 파기 확인서
    and the 파기 관리대장. Read from the backups the database knows (``backups``)."""
    if not moments:
        return {}
    rows = session.execute(
        select(BackupRecord.made_at, BackupRecord.rotated).where(BackupRecord.removed_at.is_(None))
    ).all()
    rotated = [t for t, r in rows if r]
    manual = [t for t, r in rows if not r]
    return {k: copies_until(when, rotated, manual, settings, today).text for k, when in moments.items()}
