"""The hospital profile (병원 프로필): what the privacy policy states, as typed data.

Loaded from TOML by ``privdesk init`` and stored in the database (``meta['profile']``), so every
workstation sees the same profile. Modules that need rows of their own (files, processors,
cameras) seed them from here.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privdesk.errors import ConfigError
from privdesk.korean import josa, particle


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


ORG_PRIVATE = "private"  # 민간 (a private hospital: 개인정보처리자 of the private sector)
ORG_PUBLIC = "public"  # 공공 (a public body: its answers are 처분, open to 행정심판·행정소송)
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
        "손해를 입은 경우 법원에 민사소송으로 손해배상을 청구할 수 있습니다."
    ),
    ORG_PUBLIC: (
        "이 통지에 이의가 있으면 {name} 개인정보 보호책임자({officer}, {officer_phone}) 또는 개인정보 보호 담당부서"
        "({department}, {department_phone})에 이의를 제기할 수 있습니다. 또한 「행정심판법」에 따라 처분이 있음을 안 "
        "날부터 90일 이내에 행정심판을 청구하거나 「행정소송법」에 따라 행정소송을 제기할 수 있으며, 개인정보 "
        "분쟁조정위원회(1833-6972), 개인정보침해 신고센터(국번 없이 118)에 도움을 요청할 수 있습니다."
    ),
}


# -- the monthly access-log review (접속기록 점검, 고시 제8조②) -------------------------------------------
WEEKDAYS = ("월", "화", "수", "목", "금", "토", "일")

# Default weights of the findings in an account's monthly risk score (위험 점수). What points at
# possible misuse of patients' data weighs more than what is routine paperwork to confirm.
DEFAULT_REVIEW_WEIGHTS: dict[str, int] = {
    "off_hours": 2,  # personal data handled outside working hours: the classic sign of snooping
    "volume": 3,  # far more look-ups than one's own usual: the strongest single signal
    "no_visit": 3,  # many patients looked up without a visit or request that day
    "unmask": 1,  # each unmasking has a recorded reason: to be confirmed, routine
    "download": 2,  # data leaving the application (exports): more than a look
    "print": 1,  # paper copies: routine for intake, to be confirmed
    "failed_logins": 2,  # password guessing
    "lockout": 1,
    "dormant": 1,  # an unused account is an open door (고시 제5조: 지체 없이 변경·말소)
    "permission_change": 1,
    "integrity": 5,  # a problem with the evidence itself
    "head_idle": 1,  # a working day without any entry: the log may have been off
}


@dataclass(frozen=True)
class ReviewRules:
    """Thresholds of the monthly access-log review, as data (profile ``[review]``). The defaults
    and why:

    - working hours 08:00–19:00, Monday–Saturday: the hospital's outpatient and intake hours with
      an hour's margin either side (Saturday morning clinics); a workstation that is staffed at
      night (응급실) gets its own hours in ``[review.workstations]`` (``"er-pc" = "00:00-24:00"``).
    - volume: a month's views above 5× the account's own median of the previous 3 months AND
      above 500: the factor catches a sudden change of behaviour, the floor keeps small accounts
      (30 → 160 views) from being flagged for noise; 500 is about 25 look-ups a working day.
    - 30 distinct patients looked up on one day without a visit (intake) or request that day:
      above a busy clerk's follow-up calls, below a trawl through the registry.
    - 5 failed logins within 10 minutes: the lock-out threshold's count in a short window — guessing,
      not a mistyped password.
    - 90 days unused: the usual dormant-account rule (정기 점검 — 장기 미사용 계정 정리).
    - 소명 answered within 7 days; the officer reminded from the 5th of the next month.
    """

    work_start: str = "08:00"
    work_end: str = "19:00"
    work_days: tuple[int, ...] = (0, 1, 2, 3, 4, 5)  # Monday = 0 … Saturday = 5
    workstations: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False)
    volume_factor: float = 5.0
    volume_min: int = 500
    volume_months: int = 3
    no_visit_patients: int = 30
    failed_logins: int = 5
    failed_window_minutes: int = 10
    dormant_days: int = 90
    justification_days: int = 7
    remind_day: int = 5
    entries_cap: int = 500  # entries kept per finding (the count is exact)
    weights: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_REVIEW_WEIGHTS), compare=False)

    def hours_of(self, workstation: str) -> tuple[str, str]:
        return self.workstations.get(workstation, (self.work_start, self.work_end))

    def weight(self, kind: str) -> int:
        return self.weights.get(kind, 1)

    def days_label(self) -> str:
        return "·".join(WEEKDAYS[d] for d in self.work_days)


def _hhmm(value: object, source: str, name: str) -> str:
    text = str(value).strip()
    try:
        hours, minutes = (int(x) for x in text.split(":"))
    except ValueError:
        raise ConfigError(
            f"{source}: review.{josa(name, '은/는')} 'HH:MM' 형식의 시각이어야 합니다: {text!r}"
        ) from None
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise ConfigError(f"{source}: review.{name}의 시각이 올바르지 않습니다: {text!r}")
    return f"{hours:02d}:{minutes:02d}"


def _span(value: object, source: str, name: str) -> tuple[str, str]:
    parts = str(value).split("-")
    if len(parts) != 2:
        raise ConfigError(
            f"{source}: review.{josa(name, '은/는')} 'HH:MM-HH:MM' 형식이어야 합니다: {value!r}"
        )
    start, end = _hhmm(parts[0], source, name), _hhmm(parts[1], source, name)
    if start >= end:
        raise ConfigError(f"{source}: review.{name}의 시작 시각이 끝 시각보다 늦습니다: {value!r}")
    return start, end


def review_rules_from(data: object, source: str = "profile") -> ReviewRules:
    """``[review]`` of the profile (every key optional; unknown keys refused)."""
    if not data:
        return ReviewRules()
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [review] 항목이 표 형식이 아닙니다.")
    base = ReviewRules()
    ints = (
        "volume_min",
        "volume_months",
        "no_visit_patients",
        "failed_logins",
        "failed_window_minutes",
        "dormant_days",
        "justification_days",
        "remind_day",
        "entries_cap",
    )
    known = {*ints, "work_start", "work_end", "work_days", "workstations", "volume_factor", "weights"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{source}: [review]에 알 수 없는 항목이 있습니다: {sorted(unknown)[0]}")
    values: dict[str, Any] = {}
    for name in ints:
        if name in data:
            raw = data[name]
            if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
                raise ConfigError(f"{source}: review.{josa(name, '은/는')} 1 이상의 정수여야 합니다.")
            values[name] = raw
    if "remind_day" in values and values["remind_day"] > 28:
        raise ConfigError(f"{source}: review.remind_day는 1에서 28 사이여야 합니다.")
    if "volume_factor" in data:
        factor = data["volume_factor"]
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or factor <= 1:
            raise ConfigError(f"{source}: review.volume_factor는 1보다 큰 수여야 합니다.")
        values["volume_factor"] = float(factor)
    start = _hhmm(data.get("work_start", base.work_start), source, "work_start")
    end = _hhmm(data.get("work_end", base.work_end), source, "work_end")
    if start >= end:
        raise ConfigError(f"{source}: review.work_start가 work_end보다 늦습니다.")
    values["work_start"], values["work_end"] = start, end
    if "work_days" in data:
        days = data["work_days"]
        names = {n: i for i, n in enumerate(WEEKDAYS)}
        try:
            parsed = sorted({names[d] if isinstance(d, str) else int(d) for d in days})
        except (KeyError, TypeError, ValueError):
            raise ConfigError(
                f"{source}: review.work_days는 요일(월…일 또는 0…6)의 목록이어야 합니다."
            ) from None
        if not parsed or not all(0 <= d <= 6 for d in parsed):
            raise ConfigError(f"{source}: review.work_days는 요일(월…일 또는 0…6)의 목록이어야 합니다.")
        values["work_days"] = tuple(parsed)
    stations = data.get("workstations", {})
    if not isinstance(stations, dict):
        raise ConfigError(f"{source}: [review.workstations] 항목이 표 형식이 아닙니다.")
    values["workstations"] = {str(k): _span(v, source, f"workstations.{k}") for k, v in stations.items()}
    weights = dict(DEFAULT_REVIEW_WEIGHTS)
    raw_weights = data.get("weights", {})
    if not isinstance(raw_weights, dict):
        raise ConfigError(f"{source}: [review.weights] 항목이 표 형식이 아닙니다.")
    for k, v in raw_weights.items():
        if k not in weights:
            raise ConfigError(f"{source}: review.weights에 알 수 없는 항목이 있습니다: {k}")
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ConfigError(f"{source}: review.weights.{k}는 0 이상의 정수여야 합니다.")
        weights[k] = v
    values["weights"] = weights
    return ReviewRules(**values)


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
    org_kind: str = ORG_PRIVATE  # ORG_PRIVATE (민간, the default) or ORG_PUBLIC (공공)
    remedies: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_REMEDIES), compare=False)
    extension_max_days: int = 10  # 열람 연기: at most this many days (UNCONFIRMED: no limit in the 시행령)
    complaint_days: int = 10  # 개인정보 침해 신고·상담: answered within this many days (internal rule)
    review: ReviewRules = field(default_factory=ReviewRules, compare=False)  # [review]: 접속기록 점검
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def org_kind_label(self) -> str:
        return ORG_KINDS.get(self.org_kind, self.org_kind)

    def remedies_text(self) -> str:
        """이의제기 방법 for this kind of organisation, with the officer's and the department's contacts."""
        o, d = self.officer, self.department
        officer = " ".join(x for x in (o.title, o.name) if x)
        dept = " ".join(x for x in (d.department, d.title, d.name) if x)
        return self.remedies[self.org_kind].format(
            name=self.name, officer=officer, officer_phone=o.phone, department=dept, department_phone=d.phone
        )

    def file(self, code: str) -> PersonalInfoFile:
        for f in self.files:
            if f.code == code:
                return f
        raise KeyError(code)


_VALID_RULES = {"after_last_visit", "after_purpose", "after_recording"}


def _contact(d: dict[str, Any]) -> Contact:
    return Contact(
        name=str(d.get("name", "")),
        title=str(d.get("title", "")),
        department=str(d.get("department", "")),
        phone=str(d.get("phone", "")),
    )


def _org_kind(value: object, source: str) -> str:
    """``private``/``public`` or their Korean names (민간/공공)."""
    text = str(value).strip()
    for code, label in ORG_KINDS.items():
        if text in (code, label):
            return code
    raise ConfigError(
        f"{source}: 기관 구분(hospital.kind)은 '민간'(private) 또는 '공공'(public)이어야 합니다: {text!r}"
    )


def profile_from_dict(data: dict[str, Any], source: str = "profile") -> HospitalProfile:
    try:
        h = data["hospital"]
        files = tuple(
            PersonalInfoFile(
                code=str(f["code"]),
                name=str(f["name"]),
                items=tuple(str(i) for i in f["items"]),
                purpose=str(f["purpose"]),
                legal_basis=str(f["legal_basis"]),
                retention_rule=str(f["retention_rule"]),
                retention_years=f.get("retention_years"),
                retention_days=f.get("retention_days"),
                retention_note=str(f.get("retention_note", "")),
            )
            for f in data["files"]
        )
        for f in files:
            if f.retention_rule not in _VALID_RULES:
                raise ConfigError(
                    f"{source}: 파일 '{f.code}'의 retention_rule '{f.retention_rule}'{particle(f.retention_rule, '을/를')} 알 수 없습니다."
                )
        c = data["cctv"]
        cameras = tuple(
            Camera(str(x["number"]), str(x["location"]), str(x.get("coverage", "")))
            for x in c.get("cameras", [])
        )
        cctv = CctvSettings(
            legal_basis=str(c["legal_basis"]),
            purposes=tuple(c["purposes"]),
            camera_count=int(c["camera_count"]),
            recording_hours=str(c["recording_hours"]),
            retention_days=int(c["retention_days"]),
            storage_place=str(c["storage_place"]),
            viewing_place=str(c["viewing_place"]),
            viewing_method=str(c.get("viewing_method", "")),
            disposal_method=str(c.get("disposal_method", "")),
            manager=_contact(c.get("manager", {})),
            access=_contact(c.get("access", {})),
            cameras=cameras,
        )
        if cameras and len(cameras) != cctv.camera_count:
            raise ConfigError(
                f"{source}: cctv.camera_count({cctv.camera_count})와 카메라 목록({len(cameras)}대)이 다릅니다."
            )
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
        _check_domain_sections(data, source)
        return HospitalProfile(
            name=str(h["name"]),
            address=str(h.get("address", "")),
            business_number=str(h.get("business_number", "")),
            representative=str(h.get("representative", "")),
            phone=str(h.get("phone", "")),
            officer=Contact(
                name=str(officer.get("name", "")),
                title=str(officer.get("title", "")),
                phone=str(officer.get("phone", "")),
            ),
            department=Contact(department=str(dept.get("name", "")), phone=str(dept.get("phone", ""))),
            effective_date=str(data.get("policy", {}).get("effective_date", "")),
            revised_date=str(data.get("policy", {}).get("revised_date", "")),
            request_days=int(d.get("request_days", 10)),
            destruction_days=int(d.get("destruction_days", 5)),
            access_log_years=int(d.get("access_log_years", 2)),
            permission_log_years=int(d.get("permission_log_years", 3)),
            files=files,
            processors=tuple(
                Processor(str(p["name"]), str(p["task"]), str(p.get("retention", "")))
                for p in data.get("processors", [])
            ),
            cctv=cctv,
            org_kind=org_kind,
            remedies=remedies,
            extension_max_days=extension_max,
            complaint_days=complaint_days,
            review=review_rules_from(data.get("review"), source),
            raw=data,
        )
    except ConfigError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"병원 프로필 {source}의 항목이 빠졌거나 형식이 틀렸습니다: {exc}") from None


# -- [training] (개인정보 보호 교육) and [notice] (이용·제공 내역 통지, 법 제20조의2) -------------
# Every key optional, unknown keys refused; read by their domains from ``raw`` (privdesk.training,
# privdesk.notice), checked here when the profile is loaded, not later on the start screen.
#
#     [training]
#     interval_months = 12   # an account is overdue this many months after its last training
#     gate = false           # refuse unmasking and exporting to an account overdue by more than …
#     gate_days = 30         # … this many days (only when gate = true)
#
#     [notice]
#     applies = "auto"      # "auto": by privdesk's own count; true / false: the officer's decision
#     threshold = 50000     # 민감정보·고유식별정보를 처리하는 정보주체 수 (시행령 제15조의3①)
#     remind_from = "11-01" # the start screen reminds from this day (MM-DD) until the year's batch is made
TRAINING_KEYS = frozenset({"interval_months", "gate", "gate_days"})


@dataclass(frozen=True)
class TrainingRules:
    interval_months: int = 12
    gate: bool = False
    gate_days: int = 30


def training_rules_from(raw: dict[str, Any], source: str = "profile") -> TrainingRules:
    """``[training]`` of the profile's raw data (defaults when the section is missing)."""
    data = raw.get("training")
    if data is None:
        return TrainingRules()
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [training] 항목이 표 형식이 아닙니다.")
    unknown = set(data) - TRAINING_KEYS
    if unknown:
        raise ConfigError(f"{source}: [training]에 알 수 없는 항목이 있습니다: {sorted(unknown)[0]}")
    interval = data.get("interval_months", 12)
    if isinstance(interval, bool) or not isinstance(interval, int) or not 1 <= interval <= 60:
        raise ConfigError(f"{source}: training.interval_months는 1에서 60 사이의 개월 수여야 합니다.")
    gate = data.get("gate", False)
    if not isinstance(gate, bool):
        raise ConfigError(f"{source}: training.gate는 true 또는 false여야 합니다.")
    days = data.get("gate_days", 30)
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 365:
        raise ConfigError(f"{source}: training.gate_days는 0에서 365 사이의 일수여야 합니다.")
    return TrainingRules(interval, gate, days)


NOTICE_KEYS = frozenset({"applies", "threshold", "remind_from"})
NOTICE_AUTO = "auto"


@dataclass(frozen=True)
class NoticeRules:
    applies: bool | None = None  # None: by count ("auto")
    threshold: int = 50_000
    remind_month: int = 11
    remind_day: int = 1

    def remind_on(self, year: int) -> dt.date:
        return dt.date(year, self.remind_month, self.remind_day)


def notice_rules_from(raw: dict[str, Any], source: str = "profile") -> NoticeRules:
    """``[notice]`` of the profile's raw data (defaults when the section is missing)."""
    data = raw.get("notice")
    if data is None:
        return NoticeRules()
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [notice] 항목이 표 형식이 아닙니다.")
    unknown = set(data) - NOTICE_KEYS
    if unknown:
        raise ConfigError(f"{source}: [notice]에 알 수 없는 항목이 있습니다: {sorted(unknown)[0]}")
    applies = data.get("applies", NOTICE_AUTO)
    if applies != NOTICE_AUTO and not isinstance(applies, bool):
        raise ConfigError(f'{source}: notice.applies는 "auto", true 또는 false여야 합니다.')
    threshold = data.get("threshold", 50_000)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ConfigError(f"{source}: notice.threshold는 1 이상의 정수여야 합니다.")
    text = str(data.get("remind_from", "11-01"))
    try:
        month, day = (int(x) for x in text.split("-"))
        dt.date(2025, month, day)  # a year with no 29 February: 02-29 is refused
    except ValueError:
        raise ConfigError(f"{source}: notice.remind_from은 'MM-DD' 형식이어야 합니다: {text!r}") from None
    return NoticeRules(None if applies == NOTICE_AUTO else bool(applies), threshold, month, day)


def _check_domain_sections(data: dict[str, Any], source: str) -> None:
    """``[training]`` and ``[notice]``: a wrong value is refused when the profile is loaded."""
    training_rules_from(data, source)
    notice_rules_from(data, source)


def load_profile(path: Path) -> HospitalProfile:
    try:
        with Path(path).open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"병원 프로필 파일이 없습니다: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"병원 프로필 파일 {path}의 TOML 형식이 틀렸습니다: {exc}") from None
    return profile_from_dict(data, str(path))
