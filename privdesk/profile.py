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


ORG_PRIVATE = "private"   # 민간 (a private hospital: 개인정보처리자 of the private sector)
ORG_PUBLIC = "public"     # 공공 (a public body: its answers are 처분, open to 행정심판·행정소송)
ORG_KINDS: dict[str, str] = {ORG_PRIVATE: "민간", ORG_PUBLIC: "공공"}

# How to object to an answer on a data-subject request (이의제기 방법), by kind of organisation
# (../shared/domain/law.md §6 "Remedies text"). {name}, {officer}, {officer_phone}, {department} and
# {department_phone} are filled from the profile. A private hospital's answer is no administrative
# disposition: no 행정심판·행정소송 and no 90-day limit — its own objection procedure, the 분쟁조정위원회,
# the 신고센터 and the civil courts. The official forms' wording of this line is UNCONFIRMED, so the
# profile may replace either text (``[remedies] private = "…"`` / ``public = "…"``).
DEFAULT_REMEDIES: dict[str, str] = {
    ORG_PRIVATE: (
        "이 통지에 이의가 있으면 {name}의 이의제기 절차에 따라 개인정보 보호책임자({officer}, {officer_phone}) 또는 "
        "개인정보 보호 담당부서({department}, {department_phone})에 서면·전화·전자우편으로 이의를 제기할 수 있습니다. "
        "또한 개인정보 분쟁조정위원회(1833-6972, www.kopico.go.kr)에 분쟁조정을 신청하거나 개인정보침해 신고센터"
        "(국번 없이 118, privacy.kisa.or.kr)에 신고할 수 있고, 대검찰청(1301)·경찰청(182)에 도움을 요청할 수 있으며, "
        "손해를 입은 경우 법원에 민사소송으로 손해배상을 청구할 수 있습니다."),
    ORG_PUBLIC: (
        "이 통지에 이의가 있으면 {name} 개인정보 보호책임자({officer}, {officer_phone}) 또는 개인정보 보호 담당부서"
        "({department}, {department_phone})에 이의를 제기할 수 있습니다. 또한 「행정심판법」에 따라 처분이 있음을 안 "
        "날부터 90일 이내에 행정심판을 청구하거나 「행정소송법」에 따라 행정소송을 제기할 수 있으며, 개인정보 "
        "분쟁조정위원회(1833-6972), 개인정보침해 신고센터(국번 없이 118)에 도움을 요청할 수 있습니다."),
}


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
    org_kind: str = ORG_PRIVATE               # ORG_PRIVATE (민간, the default) or ORG_PUBLIC (공공)
    remedies: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_REMEDIES), compare=False)
    extension_max_days: int = 10              # 열람 연기: at most this many days (UNCONFIRMED: no limit in the 시행령)
    complaint_days: int = 10                  # 개인정보 침해 신고·상담: answered within this many days (internal rule)
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def org_kind_label(self) -> str:
        return ORG_KINDS.get(self.org_kind, self.org_kind)

    def remedies_text(self) -> str:
        """이의제기 방법 for this kind of organisation, with the officer's and the department's contacts."""
        o, d = self.officer, self.department
        officer = " ".join(x for x in (o.title, o.name) if x)
        dept = " ".join(x for x in (d.department, d.title, d.name) if x)
        return self.remedies[self.org_kind].format(name=self.name, officer=officer, officer_phone=o.phone,
                                                   department=dept, department_phone=d.phone)

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


def _org_kind(value: object, source: str) -> str:
    """``private``/``public`` or their Korean names (민간/공공)."""
    text = str(value).strip()
    for code, label in ORG_KINDS.items():
        if text in (code, label):
            return code
    raise ConfigError(f"{source}: 기관 구분(hospital.kind)은 '민간'(private) 또는 '공공'(public)이어야 합니다: {text!r}")


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
        org_kind = _org_kind(h.get("kind", ORG_PRIVATE), source)
        remedies = dict(DEFAULT_REMEDIES)
        for k, v in dict(data.get("remedies", {})).items():
            if _org_kind(k, source) and str(v).strip():
                remedies[_org_kind(k, source)] = str(v)
        extension_max = int(d.get("extension_max_days", 10))
        if not 1 <= extension_max <= 60:
            raise ConfigError(f"{source}: deadlines.extension_max_days는 1에서 60 사이의 일수여야 합니다.")
        complaint_days = int(d.get("complaint_days", 10))
        if not 1 <= complaint_days <= 60:
            raise ConfigError(f"{source}: deadlines.complaint_days는 1에서 60 사이의 일수여야 합니다.")
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
            org_kind=org_kind,
            remedies=remedies,
            extension_max_days=extension_max,
            complaint_days=complaint_days,
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
