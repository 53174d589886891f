"""The camera registry (영상정보처리기기 설치 현황): number, location, recording range (촬영범위),
purpose and status of each camera, seeded from the hospital profile and edited by the facility team.

Every change bumps the camera's version, is written to its change history (append-only) and to
the access log. The count and the locations feed the printed CCTV policy (운영·관리 방침).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.people import people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.cctv.common import text
from privdesk.cctv.models import CctvCamera, CctvCameraChange
from privdesk.context import META_PROFILE, Actor, AppContext, Unit
from privdesk.errors import DatabaseError, NotFoundError, RuleViolationError, ValidationError
from privdesk.fields import reason as reason_text
from privdesk.profile import HospitalProfile
from privdesk.store import check_version
from privdesk.store.models import Meta


class CameraStatus(StrEnum):
    ACTIVE = "active"  # 운영
    INACTIVE = "inactive"  # 일시 중지 (고장·공사)
    REMOVED = "removed"  # 철거


STATUS_LABELS: dict[str, str] = {
    CameraStatus.ACTIVE: "운영",
    CameraStatus.INACTIVE: "일시 중지",
    CameraStatus.REMOVED: "철거",
}

_FIELD_LABELS = {
    "location": "설치 위치",
    "coverage": "촬영 범위",
    "purpose": "설치 목적",
    "status": "상태",
    "note": "비고",
}


@dataclass(frozen=True)
class CameraInfo:
    """A camera as the screens show it."""

    id: int
    number: str
    location: str
    coverage: str
    purpose: str
    status: str
    note: str
    version: int
    updated_at: dt.datetime

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def place(self) -> str:
        """``건물로비 · 1층 정문 출입구``."""
        return f"{self.location} · {self.coverage}" if self.coverage else self.location


@dataclass(frozen=True)
class CameraEdit:
    """Fields to change; ``None`` leaves a field as it is."""

    location: str | None = None
    coverage: str | None = None
    purpose: str | None = None
    status: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CameraChangeInfo:
    at: dt.datetime
    actor_login: str
    change: str
    detail: str
    reason: str
    actor_label: str = ""  # 이름(ID) (:mod:`privdesk.accounts.people`)


def camera_info(c: CctvCamera) -> CameraInfo:
    return CameraInfo(
        id=c.id,
        number=c.number,
        location=c.location,
        coverage=c.coverage,
        purpose=c.purpose,
        status=c.status,
        note=c.note,
        version=c.version,
        updated_at=c.updated_at,
    )


def default_purpose(profile: HospitalProfile) -> str:
    return ", ".join(profile.cctv.purposes)


# -- helpers for the other CCTV modules ----------------------------------------------------------
def ensure_cameras(u: Unit, profile: HospitalProfile, *, log: bool = True) -> int:
    """Seed the cameras from the profile into an empty registry (idempotent); returns the number
    created. Called where the data is born — :func:`privdesk.bootstrap.initialize` and, for a
    database made before revision 0800, the step after the upgrade
    (:data:`privdesk.opening.ANCHORED_BY_REVISION`) — never by a use case. The profile row is locked
    first, so two workstations upgrading at once do not both seed (a no-op on SQLite, already
    serialised). ``log=False``: no access-log entry of its own (the set-up's ``init`` entry, naming
    the profile, stands for it)."""
    if u.session.execute(select(func.count()).select_from(CctvCamera)).scalar_one() > 0:
        return 0
    u.session.execute(select(Meta.key).where(Meta.key == META_PROFILE).with_for_update()).all()
    if u.session.execute(select(func.count()).select_from(CctvCamera)).scalar_one() > 0:
        return 0
    now = clock.now()
    purpose = default_purpose(profile)
    for cam in profile.cctv.cameras:
        row = CctvCamera(
            number=cam.number,
            location=cam.location,
            coverage=cam.coverage,
            purpose=purpose,
            status=CameraStatus.ACTIVE,
            note="",
            created_at=now,
            updated_at=now,
        )
        u.session.add(row)
        u.session.flush()
        u.session.add(
            CctvCameraChange(
                camera_id=row.id,
                at=now,
                actor_login=u.actor_login,
                change="create",
                detail=f"설치 위치: {row.location}; 촬영 범위: {row.coverage}",
                reason="병원 프로필에서 등록",
            )
        )
    u.session.flush()
    n = len(profile.cctv.cameras)
    if n and log:
        u.log(Action.CREATE, subject="cctv_camera:*", detail=f"seed={n}")
    return n


NOT_SEEDED = (
    "이 데이터베이스에는 병원 프로필의 CCTV 카메라가 등록되어 있지 않습니다. 초기 설정과 업그레이드 때 "
    "등록되는데 빠져 있습니다. 개인정보 보호책임자에게 알리십시오."
)


@contextmanager
def cctv_unit(
    ctx: AppContext, actor: Actor | None, permission: Permission, *, read_only: bool = False
) -> Iterator[Unit]:
    """``ctx.unit`` for the CCTV use cases. They never seed the cameras (see :func:`ensure_cameras`):
    an empty registry while the hospital profile lists cameras — a database seeded by nobody,
    impossible after ``privdesk init`` or an upgrade — is refused with a clear error."""
    with ctx.unit(actor, permission, read_only=read_only) as u:
        if ctx.profile.cctv.cameras and u.session.execute(select(CctvCamera.id).limit(1)).first() is None:
            raise DatabaseError("cameras_not_seeded", NOT_SEEDED)
        yield u


def resolve_cameras(session: Session, numbers: Sequence[str], *, field: str = "cameras") -> list[CctvCamera]:
    """The cameras with these numbers (case-insensitive, duplicates dropped), in number order."""
    wanted = sorted({n.strip().upper() for n in numbers if n and n.strip()})
    if not wanted:
        raise ValidationError(field, "카메라를 하나 이상 고르십시오.")
    rows = list(
        session.execute(
            select(CctvCamera).where(func.upper(CctvCamera.number).in_(wanted)).order_by(CctvCamera.number)
        ).scalars()
    )
    found = {c.number.upper() for c in rows}
    missing = [n for n in wanted if n not in found]
    if missing:
        raise ValidationError(
            field, f"없는 카메라 번호입니다: {', '.join(missing)}. 카메라 목록에서 고르십시오."
        )
    return rows


def _camera(u: Unit, number: str, *, lock: bool = False) -> CctvCamera:
    stmt = select(CctvCamera).where(func.upper(CctvCamera.number) == number.strip().upper())
    if lock:
        stmt = stmt.with_for_update()
    cam = u.session.execute(stmt).scalar_one_or_none()
    if cam is None:
        raise NotFoundError("카메라", number)
    return cam


def _status(value: str) -> str:
    if value not in STATUS_LABELS:
        labels = ", ".join(f"{k}({v})" for k, v in STATUS_LABELS.items())
        raise ValidationError(
            "status", f"알 수 없는 카메라 상태입니다: {value}. 다음 중에서 고르십시오: {labels}"
        )
    return value


# -- use cases ---------------------------------------------------------------------------------
def list_cameras(ctx: AppContext, actor: Actor | None, *, include_removed: bool = True) -> list[CameraInfo]:
    """The camera registry in number order (cameras hold no personal data: the look is not logged)."""
    with cctv_unit(ctx, actor, Permission.CCTV_READ, read_only=True) as u:
        stmt = select(CctvCamera).order_by(CctvCamera.number)
        if not include_removed:
            stmt = stmt.where(CctvCamera.status != CameraStatus.REMOVED)
        return [camera_info(c) for c in u.session.execute(stmt).scalars()]


def add_camera(
    ctx: AppContext,
    actor: Actor,
    *,
    number: str,
    location: str,
    coverage: str = "",
    purpose: str = "",
    reason: str,
) -> CameraInfo:
    """Register a new camera (설치)."""
    number = text("number", number, "카메라 번호", limit=32).upper()
    location = text("location", location, "설치 위치", limit=64)
    coverage = text("coverage", coverage, "촬영 범위", required=False)
    reason = reason_text("reason", reason, "등록 사유", limit=500)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        exists = u.session.execute(
            select(CctvCamera.id).where(func.upper(CctvCamera.number) == number)
        ).first()
        if exists is not None:
            raise ValidationError("number", f"이미 있는 카메라 번호입니다: {number}. 다른 번호를 쓰십시오.")
        now = clock.now()
        cam = CctvCamera(
            number=number,
            location=location,
            coverage=coverage,
            note="",
            purpose=reason_text("purpose", purpose, "설치 목적", required=False)
            or default_purpose(ctx.profile),
            status=CameraStatus.ACTIVE,
            created_at=now,
            updated_at=now,
        )
        u.session.add(cam)
        u.session.flush()
        u.session.add(
            CctvCameraChange(
                camera_id=cam.id,
                at=now,
                actor_login=u.actor_login,
                change="create",
                detail=f"설치 위치: {location}; 촬영 범위: {coverage}",
                reason=reason,
            )
        )
        u.log(Action.CREATE, subject=cam.ref, detail=f"number={number}")
        u.session.flush()
        return camera_info(cam)


def update_camera(
    ctx: AppContext,
    actor: Actor,
    number: str,
    edit: CameraEdit,
    *,
    reason: str,
    expected_version: int | None = None,
) -> CameraInfo:
    """Change a camera's location, recording range, purpose, status or note (with a reason)."""
    reason = reason_text("reason", reason, "변경 사유", limit=500)
    new: dict[str, str] = {}
    for name, limit in (("location", 64), ("coverage", 200), ("purpose", 200), ("note", 500)):
        value = getattr(edit, name)
        if value is not None:
            check = reason_text if name in ("note", "purpose") else text  # notes carry no personal data
            new[name] = check(
                name, value, _FIELD_LABELS[name], required=name in ("location", "purpose"), limit=limit
            )
    if edit.status is not None:
        new["status"] = _status(edit.status)
    with cctv_unit(ctx, actor, Permission.CCTV_MANAGE) as u:
        cam = _camera(u, number, lock=True)
        check_version(cam, expected_version, cam.ref)
        changed = {k: v for k, v in new.items() if getattr(cam, k) != v}
        if not changed:
            raise RuleViolationError("바뀐 내용이 없습니다. 고칠 항목을 바꾼 뒤 저장하십시오.")
        parts = []
        for k, v in changed.items():
            before, after = getattr(cam, k), v
            if k == "status":
                before, after = STATUS_LABELS.get(before, before), STATUS_LABELS[v]
            parts.append(f"{_FIELD_LABELS[k]}: {before} → {after}")
            setattr(cam, k, v)
        cam.updated_at = clock.now()
        u.session.flush()
        u.session.add(
            CctvCameraChange(
                camera_id=cam.id,
                at=cam.updated_at,
                actor_login=u.actor_login,
                change="update",
                detail="; ".join(parts),
                reason=reason,
            )
        )
        u.log(Action.UPDATE, subject=cam.ref, detail="fields=" + ",".join(sorted(changed)))
        u.session.flush()
        return camera_info(cam)


def camera_history(ctx: AppContext, actor: Actor, number: str) -> list[CameraChangeInfo]:
    """A camera's change history, oldest first (no personal data: not logged)."""
    with cctv_unit(ctx, actor, Permission.CCTV_READ, read_only=True) as u:
        cam = _camera(u, number)
        rows = (
            u.session.execute(
                select(CctvCameraChange)
                .where(CctvCameraChange.camera_id == cam.id)
                .order_by(CctvCameraChange.id)
            )
            .scalars()
            .all()
        )
        who = people(u.session, [r.actor_login for r in rows])
        return [
            CameraChangeInfo(r.at, r.actor_login, r.change, r.detail, r.reason, who.label(r.actor_login))
            for r in rows
        ]
