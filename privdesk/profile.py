"""The hospital profile (병원 프로필): what the privacy policy states, as typed data.

Loaded from TOML by ``privdesk init`` and stored in the database (``meta['profile']``), so every
workstation sees the same profile. Modules that need rows of their own (files, processors,
cameras) seed them from here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privdesk.errors import ConfigError


@dataclass(frozen=True)
class Contact:
    name: str = ""
    title: str = ""
    department: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PersonalInfoFile:
    """개인정보파일: one of the policy's files with its items, purpose and retention rule."""

    code: str
    name: str
    items: tuple[str, ...]
    purpose: str
    legal_basis: str
    retention_rule: str
    retention_years: int | None = None
    retention_days: int | None = None
    retention_note: str = ""


@dataclass(frozen=True)
class Processor:
    """수탁업체."""

    name: str
    task: str
    retention: str


@dataclass(frozen=True)
class Camera:
    number: str
    location: str
    coverage: str


@dataclass(frozen=True)
class CctvSettings:
    legal_basis: str
    purposes: tuple[str, ...]
    camera_count: int
    recording_hours: str
    retention_days: int
    storage_place: str
    viewing_place: str
    viewing_method: str
    disposal_method: str
    manager: Contact
    access: Contact
    cameras: tuple[Camera, ...]


@dataclass(frozen=True)
class HospitalProfile:
    name: str
    address: str
    business_number: str
    representative: str
    phone: str
    officer: Contact
    department: Contact
    effective_date: str
    revised_date: str
    request_days: int
    destruction_days: int
    access_log_years: int
    permission_log_years: int
    files: tuple[PersonalInfoFile, ...]
    processors: tuple[Processor, ...]
    cctv: CctvSettings
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def file(self, code: str) -> PersonalInfoFile:
        for f in self.files:
            if f.code == code:
                return f
        raise KeyError(code)


_VALID_RULES = {"after_last_visit", "after_purpose", "after_recording"}


def _contact(d: dict[str, Any]) -> Contact:
    return Contact(name=str(d.get("name", "")), title=str(d.get("title", "")),
                   department=str(d.get("department", "")),
                   phone=str(d.get("phone", "")))


def profile_from_dict(data: dict[str, Any], source: str = "profile") -> HospitalProfile:
    try:
        h = data["hospital"]
        files = tuple(
            PersonalInfoFile(
                code=str(f["code"]), name=str(f["name"]), items=tuple(str(i) for i in f["items"]),
                purpose=str(f["purpose"]), legal_basis=str(f["legal_basis"]),
                retention_rule=str(f["retention_rule"]),
                retention_years=f.get("retention_years"), retention_days=f.get("retention_days"),
                retention_note=str(f.get("retention_note", "")),
            )
            for f in data["files"]
        )
        for f in files:
            if f.retention_rule not in _VALID_RULES:
                raise ConfigError(f"{source}: 파일 '{f.code}'의 retention_rule '{f.retention_rule}'을(를) 알 수 없습니다.")
        c = data["cctv"]
        cameras = tuple(Camera(str(x["number"]), str(x["location"]), str(x.get("coverage", "")))
                        for x in c.get("cameras", []))
        cctv = CctvSettings(
            legal_basis=str(c["legal_basis"]), purposes=tuple(c["purposes"]),
            camera_count=int(c["camera_count"]), recording_hours=str(c["recording_hours"]),
            retention_days=int(c["retention_days"]), storage_place=str(c["storage_place"]),
            viewing_place=str(c["viewing_place"]), viewing_method=str(c.get("viewing_method", "")),
            disposal_method=str(c.get("disposal_method", "")),
            manager=_contact(c.get("manager", {})), access=_contact(c.get("access", {})), cameras=cameras,
        )
        if cameras and len(cameras) != cctv.camera_count:
            raise ConfigError(f"{source}: cctv.camera_count({cctv.camera_count})와 카메라 목록({len(cameras)}대)이 다릅니다.")
        d = data.get("deadlines", {})
        officer = data["officer"]
        dept = data["department"]
        return HospitalProfile(
            name=str(h["name"]), address=str(h.get("address", "")),
            business_number=str(h.get("business_number", "")),
            representative=str(h.get("representative", "")), phone=str(h.get("phone", "")),
            officer=Contact(name=str(officer.get("name", "")), title=str(officer.get("title", "")),
                            phone=str(officer.get("phone", ""))),
            department=Contact(department=str(dept.get("name", "")), phone=str(dept.get("phone", ""))),
            effective_date=str(data.get("policy", {}).get("effective_date", "")),
            revised_date=str(data.get("policy", {}).get("revised_date", "")),
            request_days=int(d.get("request_days", 10)), destruction_days=int(d.get("destruction_days", 5)),
            access_log_years=int(d.get("access_log_years", 2)),
            permission_log_years=int(d.get("permission_log_years", 3)),
            files=files,
            processors=tuple(Processor(str(p["name"]), str(p["task"]), str(p.get("retention", "")))
                             for p in data.get("processors", [])),
            cctv=cctv,
            raw=data,
        )
    except ConfigError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"병원 프로필 {source}의 항목이 빠졌거나 형식이 틀렸습니다: {exc}") from None


def load_profile(path: Path) -> HospitalProfile:
    try:
        with Path(path).open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"병원 프로필 파일이 없습니다: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"병원 프로필 파일 {path}의 TOML 형식이 틀렸습니다: {exc}") from None
    return profile_from_dict(data, str(path))
