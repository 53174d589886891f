"""Restoring a backup (복원): into an empty database only, and never bringing a destroyed record back.

The composition's step above the backup and lifecycle domains (it opens the restored database
through :mod:`privdesk.opening` and re-applies destructions), so it lives beside them, not in
:mod:`privdesk.backup`.

``privdesk --db URL restore ARCHIVE [--catalogue DIR]``:

1. The key file must be the archive's (its key check is in the archive's plaintext header; another
   key is refused naming the file and the key the archive needs). The backup folder's catalogue
   (default: the archive's own folder) must be there and, when signed with this key, intact.
2. The target must be empty (SQLite: no file; PostgreSQL: a new empty database), or hold this very
   archive's unfinished restore (then it is finished). The data goes in with a marker that keeps
   the database closed to everyone (:mod:`privdesk.backup.load`), after every chunk and hash of the
   archive checked; the row counts are compared with the manifest.
3. The first unit after the restored head — the restore's own access-log entry first — records
   the anchored acknowledgement that the witnesses written before it (which saw entries the backup
   does not hold) no longer bind (:func:`privdesk.audit.findings.supersede_witnesses`), and re-applies
   every tombstone of the catalogue the backup does not know: the same unrecoverable deletion as
   the destruction itself (:func:`privdesk.lifecycle.destruction.destroy_records`: separate-store
   copies removed, stubs blanked), the executed plans and every 파기 관리대장 row made after the
   backup re-created with their own numbers, and the backups listed in the catalogue.
4. The freed space is scrubbed (:func:`privdesk.lifecycle.destruction.scrub`), then the marker goes.

A restore killed at any point is refused or finished by running the same command again: before
the data is in place nothing was changed (temporary files are wiped); after, the marker says how
far it got. Works when run again on a finished database? No: that database is no longer empty.

On PostgreSQL the restore runs as the tables' owner (the role that ran ``privdesk init`` in the
README's set-up; it owns everything it restores); ``--grant ROLE`` then gives the workstations' role
its rows-only rights, as ``privdesk db grant`` does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Date, Engine, delete, insert, select, text, update

from privdesk import clock
from privdesk.audit import anchors, findings
from privdesk.audit.chain import Action
from privdesk.backup import archive, catalogue, load
from privdesk.backup.models import BackupRecord
from privdesk.context import META_RESTORE_PENDING, AppContext, Unit
from privdesk.crypto import KeyRing, load_key_file
from privdesk.errors import BackupError
from privdesk.korean import josa
from privdesk.lifecycle import store as sep
from privdesk.lifecycle.destruction import destroy_records, scrub
from privdesk.lifecycle.ledger import TABLE as LEDGER_TABLE
from privdesk.lifecycle.ledger import canonical_row
from privdesk.lifecycle.models import PLAN_EXECUTED, DestructionLedgerEntry, DestructionPlan, Tombstone
from privdesk.opening import open_context
from privdesk.registry.models import STATUS_DESTROYED, Patient
from privdesk.settings import Settings
from privdesk.store.engine import make_engine, sqlite_path
from privdesk.store.models import Meta, UTCDateTime

REAPPLIED_NOTE = "백업 복원 후 다시 적용"


@dataclass
class RestoreResult:
    archive: Path
    made_at: str
    made_by: str
    head_seq: int
    resumed: bool = False
    reapplied: dict[int, int] = field(default_factory=dict)  # plan id -> records destroyed again
    tombstones: int = 0  # tombstones the backup did not hold
    ledger_rows: list[int] = field(default_factory=list)  # 파기 관리대장 rows re-created
    plans: list[int] = field(default_factory=list)  # plans re-created or completed
    notes: list[str] = field(default_factory=list)
    scrub: str = ""
    granted: str = ""

    def lines(self) -> list[str]:
        when = clock.fmt_datetime(_parse_time(self.made_at)) if self.made_at else "?"
        out = [
            f"복원했습니다{' (중단된 복원을 마침)' if self.resumed else ''}: {self.archive.name} "
            f"({when}, {self.made_by}), 접속기록 {self.head_seq:,}번까지 — 행 수가 백업 목록과 같습니다."
        ]
        if self.reapplied or self.tombstones:
            total = sum(self.reapplied.values())
            out.append(
                f"백업 뒤의 파기를 다시 적용했습니다: 파기 표지 {self.tombstones:,}건, 이 백업에 남아 있던 기록 "
                f"{total:,}건을 다시 파기(복구 불가 조치 포함)."
            )
            for plan, n in sorted(self.reapplied.items()):
                out.append(f"  파기 계획 {plan}: {n:,}건 다시 파기")
        else:
            out.append("백업 뒤에 파기된 기록이 없습니다 (다시 적용할 파기 없음).")
        if self.ledger_rows:
            out.append(
                f"파기 관리대장 {', '.join(f'{i}번' for i in self.ledger_rows)}을 카탈로그에서 다시 기록했습니다."
            )
        out.extend(self.notes)
        if self.granted:
            out.append(self.granted)
        return out


def _parse_time(text_: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text_.replace("Z", "+00:00"))


# -- the target -------------------------------------------------------------------------------------
def _pending(settings: Settings) -> str | None:
    main = sqlite_path(settings.db_url)
    if main is not None:
        return load.sqlite_pending(main)
    engine = make_engine(settings.db_url, create_file=False)
    try:
        return load.pg_pending(engine)
    finally:
        engine.dispose()


def _header(path: Path, keys: KeyRing, key_file: Path | str) -> archive.Header:
    try:
        with Path(path).open("rb") as fh:
            header = archive.read_header(fh, Path(path))
    except FileNotFoundError:
        raise BackupError("missing", f"백업 파일이 없습니다: {path}.") from None
    except IsADirectoryError:
        raise BackupError(
            "missing", f"{josa(path, '은/는')} 폴더입니다. 백업 파일(*{archive.SUFFIX})을 지정하십시오."
        ) from None
    except PermissionError:
        raise BackupError("unreadable", f"백업 파일을 읽을 권한이 없습니다: {path}.") from None
    archive.check_key(header, keys, Path(path), key_file)
    return header


def _catalogue(
    path: Path,
    header: archive.Header,
    keys: KeyRing,
    folder: Path | None,
    without: bool,
    catalogue_key: Path | None = None,
) -> tuple[catalogue.Catalogue | None, list[str]]:
    if without:
        return None, [
            "카탈로그 없이 복원했습니다(--without-catalogue): 이 백업 뒤에 파기된 기록이 있다면 다시 파기되지 "
            "않았습니다. 파기 관리대장과 대조하십시오."
        ]
    where = folder if folder is not None else path.parent
    cat = catalogue.load(where, header.database_id, keys)
    if cat is None:
        raise BackupError(
            "no_catalogue",
            f"백업 목록(카탈로그) {josa(catalogue.file_name(header.database_id), '이/가')} {where}에 "
            "없습니다. 백업 뒤의 파기를 다시 적용하려면 카탈로그가 필요합니다: 백업 폴더를 "
            "--catalogue DIR로 지정하십시오. 카탈로그가 정말 없을 때만 --without-catalogue로 "
            "실행하십시오.",
        )
    notes = []
    if cat.signature == "other_key":
        # signed after a key rotation: checked with the key that signed it, never taken on trust
        # (an unchecked catalogue could drop tombstones and bring destroyed records back)
        if catalogue_key is None:
            raise BackupError(
                "catalogue_other_key",
                f"백업 목록(카탈로그)이 이 백업과 다른 키(확인값 {cat.key_check}…, 키 교체 "
                "뒤의 키)로 서명되어 있어 이 키 파일로는 확인할 수 없습니다. 지금 쓰는 키 "
                "파일을 --catalogue-key FILE로 함께 지정하십시오.",
            )
        ckeys = load_key_file(catalogue_key)
        if ckeys.check_value.hex()[:16] != cat.key_check:
            raise BackupError(
                "catalogue_other_key",
                f"--catalogue-key {josa(catalogue_key, '은/는')} 카탈로그를 서명한 키가 아닙니다"
                f"(필요한 확인값 {cat.key_check}…, 이 파일 "
                f"{ckeys.check_value.hex()[:16]}…).",
            )
        checked = catalogue.load(where, header.database_id, ckeys)
        if checked is None or checked.signature != "ok":
            raise BackupError(
                "catalogue", f"백업 목록(카탈로그)을 {where}에서 다시 읽지 못했습니다. 다시 실행하십시오."
            )
        cat = checked
        notes.append(
            f"카탈로그의 서명은 {catalogue_key}의 키로 확인했습니다. 복원한 데이터베이스는 이 백업의 키(키 교체 전)로 "
            "열립니다: 작업 PC들이 지금의 키를 쓰려면 복원 뒤 privdesk key rotate로 새 키로 바꾸십시오."
        )
    return cat, notes


def restore(
    settings: Settings,
    path: Path,
    *,
    catalogue_dir: Path | None = None,
    without_catalogue: bool = False,
    catalogue_key: Path | None = None,
    grant: str | None = None,
    progress: load.Progress = None,
) -> RestoreResult:
    """Restore ``path`` into the empty database of ``settings`` (see the module docstring)."""
    path = Path(path)
    keys = load_key_file(settings.key_file)
    header = _header(path, keys, settings.key_file)
    backend = "sqlite" if settings.is_sqlite else "postgresql"
    if header.backend != backend:
        kind = "SQLite 파일" if header.backend == "sqlite" else "PostgreSQL 데이터베이스"
        raise BackupError(
            "backend",
            f"백업 {josa(path.name, '은/는')} {kind}의 백업입니다. 같은 종류의 데이터베이스(--db)로 복원하십시오.",
        )
    pending = _pending(settings)
    cat, notes = _catalogue(path, header, keys, catalogue_dir, without_catalogue, catalogue_key)
    marker: dict[str, Any]
    if pending is not None:
        marker = _marker(pending)
        if marker.get("archive") != header.salt.hex():
            raise BackupError(
                "other_restore",
                f"이 데이터베이스에는 다른 백업({marker.get('file', '?')})의 복원이 끝나지 않은 채 "
                "남아 있습니다. 그 백업 파일로 같은 명령을 다시 실행해 마치거나, 비어 있는 "
                "데이터베이스를 새로 지정하십시오.",
            )
    else:
        contents = _load(settings, path, keys, progress)
        marker = _marker_of(contents, path)
    result = RestoreResult(
        path,
        str(marker.get("created_at", "")),
        str(marker.get("made_by", "")),
        int(marker.get("head", 0)),
        resumed=pending is not None,
        notes=notes,
    )
    if marker.get("state") == "loaded":
        _check_counts(settings, marker)
    ctx = open_context(settings, restoring=True)
    try:
        if marker.get("state") == "loaded":
            _reapply(ctx, cat, marker, result)
        if result.reapplied or marker.get("state") != "loaded":
            with sep.open_store(ctx) as store:
                result.scrub = scrub(ctx, store)
        else:
            result.scrub = "not needed (nothing destroyed again)"
        with ctx.unit(None, break_glass=True) as u:
            u.session.execute(delete(Meta).where(Meta.key == META_RESTORE_PENDING))
            u.log(Action.RESTORE, None, detail=f"finished; archive={path.name}; scrub: {result.scrub}")
        if grant:
            result.granted = _grant(ctx.engine, grant)
    finally:
        ctx.engine.dispose()
    return result


def _load(settings: Settings, path: Path, keys: KeyRing, progress: load.Progress) -> archive.Contents:
    def marker(contents: archive.Contents) -> str:
        return json.dumps(_marker_of(contents, path), sort_keys=True)

    main = sqlite_path(settings.db_url)
    if main is not None:
        return load.load_sqlite(path, keys, settings.key_file, main, marker, progress)
    return load.load_pg(path, keys, settings.key_file, settings.db_url, marker, progress)


def _marker_of(contents: archive.Contents, path: Path) -> dict[str, Any]:
    """What a resumed restore needs to know (no personal data): which archive, how far it got, the
    head and the row counts of the manifest."""
    m = contents.manifest
    return {
        "archive": contents.header.salt.hex(),
        "state": "loaded",
        "file": path.name,
        "sha256": contents.sha256,
        "created_at": m["created_at"],
        "made_by": m.get("made_by", ""),
        "head": int(m["head"]["seq"]),
        "counts": m["counts"],
    }


def _marker(value: str) -> dict[str, Any]:
    try:
        obj = json.loads(value)
    except ValueError:
        return {}
    return obj if isinstance(obj, dict) else {}


def _check_counts(settings: Settings, marker: dict[str, Any]) -> None:
    engine: Engine = make_engine(settings.db_url, create_file=False)
    try:
        main = sqlite_path(settings.db_url)
        if main is not None:
            from privdesk.backup.snapshot import sqlite_counts
            from privdesk.store.engine import separated_sqlite_path

            engine.dispose()
            found = {"main": sqlite_counts(main)}
            if separated_sqlite_path(main).exists():
                found["separated"] = sqlite_counts(separated_sqlite_path(main))
            found["main"]["meta"] -= 1  # the marker
        else:
            found = load.pg_counts(engine)
            found["public"]["meta"] -= 1
    finally:
        engine.dispose()
    wrong = load.compare_counts(found, marker.get("counts", {}))
    if wrong:
        raise BackupError(
            "counts",
            "복원한 데이터의 행 수가 백업 목록(매니페스트)과 다릅니다: "
            + ", ".join(wrong[:5])
            + ". 데이터베이스는 열리지 않게 잠가 두었습니다. 다른 백업으로 빈 데이터베이스에 복원하십시오.",
        )


# -- re-applying what happened after the backup -------------------------------------------------------
def _reapply(
    ctx: AppContext, cat: catalogue.Catalogue | None, marker: dict[str, Any], result: RestoreResult
) -> None:
    head = int(marker.get("head", 0))
    reason = (
        f"백업 {marker.get('file', '?')}({marker.get('created_at', '')})에서 복원: 그 뒤의 접속기록과 그것을 본 "
        "증인은 이 데이터베이스에 없습니다"
    )
    with sep.open_store(ctx) as store, ctx.unit(None, break_glass=True, supersedes_witnesses=True) as u:
        u.log(
            Action.RESTORE,
            None,
            detail=f"archive={marker.get('file')}; sha256={marker.get('sha256')}; "
            f"made={marker.get('created_at')} by {marker.get('made_by')}; head={head}; "
            f"os_user={_os_user()}",
        )
        findings.supersede_witnesses(u, reason, head)
        if cat is not None:
            _tombstones(u, store, cat, result)
            _plans(u, cat, result)
            _ledger(u, cat, result)
            _backups(u, cat)
        marker = {**marker, "state": "reapplied"}
        u.session.execute(
            update(Meta)
            .where(Meta.key == META_RESTORE_PENDING)
            .values(value=json.dumps(marker, sort_keys=True))
        )
        u.witness("restore")


def _os_user() -> str:
    try:
        return os.getlogin()
    except OSError:
        return os.environ.get("USER") or os.environ.get("USERNAME") or "?"


def _tombstones(u: Unit, store: sep.SeparateStore, cat: catalogue.Catalogue, result: RestoreResult) -> None:
    s = u.session
    have = set(s.execute(select(Tombstone.uid)).scalars())
    later = {uid: v for uid, v in cat.tombstones.items() if uid not in have}
    result.tombstones = len(later)
    if not later:
        return
    by_plan: dict[int, list[str]] = defaultdict(list)
    for uid, (plan, _at) in later.items():
        by_plan[plan].append(uid)
    for plan, uids in sorted(by_plan.items()):
        at = _parse_time(min(later[x][1] for x in uids))
        ids: list[int] = []
        for i in range(0, len(uids), 500):
            ids.extend(
                int(x)
                for x in s.execute(
                    select(Patient.id).where(
                        Patient.uid.in_(uids[i : i + 500]), Patient.status != STATUS_DESTROYED
                    )
                ).scalars()
            )
        ids.sort()
        if ids:
            result.reapplied[plan] = destroy_records(
                u, store, ids, plan, destroyed_at=at, note=REAPPLIED_NOTE
            )
        done = set(s.execute(select(Tombstone.uid).where(Tombstone.plan_id == plan)).scalars())
        rest = [x for x in uids if x not in done]  # records made after the backup: only their tombstone
        if rest:
            s.execute(
                insert(Tombstone),
                [{"uid": x, "plan_id": plan, "destroyed_at": _parse_time(later[x][1])} for x in rest],
            )


def _value(column: Any, raw: Any) -> Any:
    if raw is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return _parse_time(str(raw))
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(str(raw))
    return raw


def _row(model: type, fields: dict[str, Any]) -> dict[str, Any]:
    table = model.__table__  # type: ignore[attr-defined]
    return {c.name: _value(c, fields.get(c.name)) for c in table.columns if c.name in fields}


def _plans(u: Unit, cat: catalogue.Catalogue, result: RestoreResult) -> None:
    s = u.session
    states = {int(i): st for i, st in s.execute(select(DestructionPlan.id, DestructionPlan.state))}
    for plan_id, fields in sorted(cat.plans.items()):
        if states.get(plan_id) == PLAN_EXECUTED:
            continue
        values = {**_row(DestructionPlan, fields), "state": PLAN_EXECUTED}
        if plan_id in states:
            values.pop("id", None)
            s.execute(
                update(DestructionPlan)
                .where(DestructionPlan.id == plan_id)
                .values(**values, version=DestructionPlan.version + 1)
            )
        else:
            s.execute(insert(DestructionPlan).values(**values, version=1))
        u.log(
            Action.UPDATE, f"destruction_plan:{plan_id}", detail=f"executed ({REAPPLIED_NOTE}; 카탈로그에서)"
        )
        result.plans.append(plan_id)
    _advance_sequence(u, "destruction_plans")


def _ledger(u: Unit, cat: catalogue.Catalogue, result: RestoreResult) -> None:
    s = u.session
    have = set(s.execute(select(DestructionLedgerEntry.id)).scalars())
    for row_id, fields in sorted(cat.ledger.items()):
        if row_id in have:
            continue
        e = DestructionLedgerEntry(**_row(DestructionLedgerEntry, fields))
        s.add(e)
        s.flush()
        anchors.anchor(u, Action.CREATE, LEDGER_TABLE, e.id, canonical_row(e))
        u.log(
            Action.CREATE,
            f"{LEDGER_TABLE}:{e.id}",
            detail=f"{REAPPLIED_NOTE}: 백업 목록(카탈로그)에서 다시 기록",
        )
        result.ledger_rows.append(e.id)
    _advance_sequence(u, LEDGER_TABLE)


def _backups(u: Unit, cat: catalogue.Catalogue) -> None:
    s = u.session
    have = set(s.execute(select(BackupRecord.file_name)).scalars())
    for name, b in sorted(cat.backups.items()):
        if name in have:
            continue
        s.add(
            BackupRecord(
                file_name=name,
                folder=str(b.get("folder", "")),
                made_at=_parse_time(str(b["made_at"])),
                made_by=str(b.get("made_by", "")),
                backend=str(b.get("backend", "")),
                head_seq=int(b.get("head_seq", 0)),
                size=int(b.get("size", 0)),
                sha256=str(b.get("sha256", "")),
                rotated=bool(b.get("rotated", False)),
                removed_at=_parse_time(str(b["removed_at"])) if b.get("removed_at") else None,
            )
        )


def _advance_sequence(u: Unit, table: str) -> None:
    """PostgreSQL: rows inserted with their own ids; the id sequence must go past them."""
    if u.session.get_bind().dialect.name != "postgresql":
        return
    u.session.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), 1))"
        )
    )


def _grant(engine: Engine, role: str) -> str:
    from privdesk.audit.protections import grant_statements
    from privdesk.cli.cmd_db import _role

    if engine.dialect.name != "postgresql":
        raise BackupError(
            "grant", "--grant는 PostgreSQL에만 있습니다 (SQLite 파일은 운영체제의 파일 권한으로 지킵니다)."
        )
    with engine.begin() as conn:
        for stmt in grant_statements(_role(role)):
            conn.exec_driver_sql(stmt)
    return f"역할 {role}에 행 읽기·쓰기 권한을 주었습니다 (privdesk db grant와 같음)."


def verify(settings: Settings, path: Path) -> archive.Contents:
    """``privdesk backup verify``: the whole archive decrypted and checked, nothing restored."""
    keys = load_key_file(settings.key_file)
    return archive.read_archive(Path(path), keys, settings.key_file)
