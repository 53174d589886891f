"""The privacy policy (개인정보 처리방침) built from what privdesk holds.

:func:`read_data` reads, without writing anything, the facts the policy states from the tables the
rest of privdesk enforces — the personal-information files and their retention rules
(``lifecycle_files``, the rules the destruction plans use: one source), the processors in use
(``processors``), the cameras (``cctv_cameras``) — and takes the rest from the hospital profile
(hospital, officer, department, deadlines, the CCTV settings). Where a table has not been seeded
yet it uses the profile's values, which are what the seeding would write.

:func:`build_sections` turns them into the policy, with the seed policy's headings in its order
(../shared/seed/privacy-policy.ko.md). Wording privdesk cannot derive — introductions, the
destruction methods, the safety-measures prose — comes from the editable texts
(:data:`TEXT_DEFAULTS`, taken from the seed and stored with each version; ``{name}`` is replaced by
the hospital's name). Where the seed contradicts what privdesk does, the generated text says what
privdesk does: records are kept for the file's retention period (patients: 5 years after the last
visit) and destroyed within the profile's ``destruction_days`` after it ends, except records on
hold; the law cited is the 개인정보 보호법, not the 정보통신망법; the third-party grounds are those a
private hospital may use (법 제18조② 5–9 are for public bodies).

A section is ``{"key", "title", "lines"}``; a line is plain text with a light markup that the HTML
and PDF renderers read and a unified diff shows as it is: ``## `` a sub-heading, ``- `` a bullet,
``| a | b | c`` a table row (the first row of a table is its header), anything else a paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.cctv.api import CctvCamera
from privdesk.consent.api import texts_in_force
from privdesk.disclosures.api import Processor, private_bases
from privdesk.errors import ConfigError
from privdesk.lifecycle.api import RULE_LABELS, LifecycleFile
from privdesk.profile import HospitalProfile

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CCTV_SECTION, CCTV_SEPARATE = "section", "separate"
CCTV_DOCUMENT = "cctv_document"  # the key of the separate CCTV document's section
CCTV_TITLE = "영상정보처리기기 운영·관리 방침"


@dataclass(frozen=True)
class RemedyBody:
    """A body to which a data subject may turn (권익침해 구제방법)."""

    name: str
    task: str
    phone: str
    site: str = ""


# The bodies of today's law (../shared/domain/law.md §6), the same as on every notice privdesk prints
# (privdesk.profile.DEFAULT_REMEDIES). The seed's list is out of date: the 개인분쟁조정위원회 "1336" and
# the 대검찰청 인터넷범죄수사센터 (icic.sppo.go.kr) no longer exist under those names and numbers, and the
# 정보보호마크인증위원회 is no remedies body.
REMEDY_BODIES: tuple[RemedyBody, ...] = (
    RemedyBody("개인정보 분쟁조정위원회", "분쟁조정 신청", "(국번 없이) 1833-6972", "www.kopico.go.kr"),
    RemedyBody("개인정보침해 신고센터", "침해 신고·상담", "(국번 없이) 118", "privacy.kisa.or.kr"),
    RemedyBody("대검찰청", "수사 의뢰", "(국번 없이) 1301", "www.spo.go.kr"),
    RemedyBody("경찰청", "수사 의뢰", "(국번 없이) 182", "ecrm.police.go.kr"),
)

CATEGORY_LABELS: dict[str, str] = {
    "processors": "수탁업체",
    "cameras": "CCTV",
    "retention": "보유기간·항목",
    "contacts": "연락처",
}

# the sections that state each category's facts (what to look at when the category changed)
CATEGORY_SECTIONS: dict[str, tuple[str, ...]] = {
    "processors": ("▣수집한 개인정보의 위탁",),
    "cameras": ("□영상정보처리기기(CCTV) 운영·관리 방침",),
    "retention": (
        "□ 수집하는 개인정보 항목",
        "□ 개인정보의 보유 및 이용기간",
        "□ 개인정보의 파기절차 및 방법",
    ),
    "contacts": ("□ 개인정보에 관한 민원서비스", "□영상정보처리기기(CCTV) 운영·관리 방침"),
}

TEXT_DEFAULTS: dict[str, str] = {
    "intro": (
        "{name}(이하 '본원')은 정보주체의 개인정보를 중요시하며, 「개인정보 보호법」을 준수하고 있습니다.\n"
        "본원은 개인정보 처리방침을 통하여 정보주체께서 제공하시는 개인정보가 어떠한 용도와 방식으로 이용되고 "
        "있으며, 개인정보 보호를 위해 어떠한 조치가 취해지고 있는지 알려드립니다."
    ),
    "items": "본원은 다음의 개인정보 항목을 처리하고 있습니다.",
    "purposes": (
        "본원은 수집한 개인정보를 다음의 목적을 위해 활용합니다. 수집하고 있는 개인정보는 다음의 목적 이외의 "
        "용도로는 사용되지 않으며, 이용목적이 변경될 시에는 사전에 동의를 구할 것입니다."
    ),
    "destruction_method": (
        "## ○파기방법\n"
        "- 전자적 파일형태로 저장된 개인정보는 기록을 재생할 수 없는 기술적 방법을 사용하여 삭제합니다.\n"
        "- 종이에 출력된 개인정보는 분쇄기로 분쇄하거나 소각을 통하여 파기합니다."
    ),
    "provision": (
        "본원은 원칙적으로 정보주체의 개인정보를 수집·이용 목적으로 명시한 범위 내에서 처리하며, 다음 각 호의 "
        "경우를 제외하고는 정보주체의 사전 동의 없이는 본래의 목적 범위를 초과하여 처리하거나 제3자에게 "
        "제공하지 않습니다."
    ),
    "outsourcing": "본원은 원활한 개인정보 업무처리를 위하여 다음과 같이 개인정보 처리업무를 위탁하고 있습니다.",
    "rights": (
        "정보주체 및 법정대리인은 언제든지 등록되어 있는 자신 혹은 당해 만 14세 미만 아동의 개인정보의 열람·정정·"
        "삭제·처리정지를 요구할 수 있습니다. 개인정보 관리책임자 또는 담당부서에 서면, 전화 또는 방문으로 "
        "요구하실 수 있으며, 본원은 본인 또는 정당한 대리인인지를 확인한 뒤 조치합니다."
    ),
    "auto_collection": "본원은 쿠키 등 인터넷 서비스 이용 시 자동 생성되는 개인정보를 수집하는 장치를 운영하지 않습니다.",
    "complaints": (
        "본원은 고객의 개인정보를 보호하고 개인정보와 관련한 불만을 처리하기 위하여 아래와 같이 관련 부서 및 "
        "개인정보 관리책임자를 지정하고 있습니다."
    ),
    "safety": (
        "본원은 이용자의 개인정보보호를 위한 기술적 대책으로서 여러 보안장치를 마련하고 있습니다.\n"
        "## ○기술적 조치\n"
        "- 개인정보의 안전한 저장 및 전송 등을 위하여 법령이 정한 기준을 준수하고 있습니다.\n"
        "- 고객의 개인정보는 외부망에서 접근 및 침입이 불가능한 내부망을 활용하여 관리하고 있습니다.\n"
        "## ○관리적 조치\n"
        "- 본원은 고객의 개인정보에 대한 접근 및 관리에 필요한 절차 등을 마련하여 소속 직원으로 하여금 이를 숙지하고 "
        "준수하도록 하고 있습니다.\n"
        "- 본원은 컴퓨터를 이용하여 고객의 개인정보를 처리하는 경우 개인정보에 대한 접근권한을 가진 담당자를 지정하여 "
        "식별부호(ID) 및 비밀번호를 부여하고 있습니다.\n"
        "- 개인정보를 취급하는 직원을 대상으로 새로운 개인정보보호 의무 등에 관해 정기적인 사내교육 및 외부 위탁 "
        "교육을 실시하고 있습니다.\n"
        "## ○물리적 조치\n"
        "- 개인정보와 개인정보처리시스템의 안전한 보관을 위하여 물리적 잠금장치 등의 물리적 접근방지를 위한 보호 "
        "조치를 취하고 있습니다."
    ),
    "cctv": (
        "본원은 영상정보처리기기 운영·관리 방침을 통해 본원에서 처리하는 영상정보가 어떠한 용도와 방식으로 "
        "이용·관리되고 있는지 알려드립니다."
    ),
    "cctv_safety": (
        "본원은 처리하는 영상정보를 암호화 조치 등을 통하여 안전하게 관리하고 있습니다.\n"
        "또한 개인영상정보보호를 위한 관리적 대책으로서 개인정보에 대한 접근 권한을 차등부여하고 있고, "
        "개인영상정보의 위·변조 방지를 위하여 개인영상정보의 생성 일시, 열람 시 열람 목적·열람자·열람 일시 "
        "등을 기록하여 관리하고 있습니다.\n"
        "이 외에도 개인영상정보의 안전한 물리적 보관을 위하여 잠금장치를 설치하고 있습니다."
    ),
    "changes": "본원은 개인정보 처리방침을 개정하는 경우 웹사이트 공지사항(또는 개별공지)을 통하여 공지할 것입니다.",
}
TEXT_LABELS: dict[str, str] = {
    "intro": "머리말",
    "items": "수집 항목 안내",
    "purposes": "이용목적 안내",
    "destruction_method": "파기방법",
    "provision": "제3자 제공 안내",
    "outsourcing": "위탁 안내",
    "rights": "권리 행사 안내",
    "auto_collection": "자동수집 장치",
    "complaints": "민원서비스 안내",
    "safety": "안전성 확보조치",
    "cctv": "CCTV 방침 안내",
    "cctv_safety": "영상정보 보호조치",
    "changes": "변경 공지",
}


@dataclass(frozen=True)
class FileFact:
    code: str
    name: str
    items: tuple[str, ...]
    purpose: str
    legal_basis: str
    retention: str
    separate_after_days: int | None = None


@dataclass(frozen=True)
class CameraFact:
    number: str
    location: str
    coverage: str


@dataclass(frozen=True)
class PolicyData:
    """What the policy states, as privdesk holds it today."""

    profile: HospitalProfile
    files: tuple[FileFact, ...]
    processors: tuple[tuple[str, str, str], ...]  # (name, task, retention)
    cameras: tuple[CameraFact, ...]
    consents: tuple[tuple[str, int, dt.date], ...] = ()  # (purpose, 제N판, 시행일) of the texts in force


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lines: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {"key": self.key, "title": self.title, "lines": list(self.lines)}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Section:
        lines = data.get("lines", [])
        return cls(
            str(data["key"]),
            str(data["title"]),
            tuple(str(x) for x in lines) if isinstance(lines, list) else (),
        )

    def text(self) -> list[str]:
        """The section as plain lines (its title first): what a diff compares."""
        return [f"# {self.title}", *self.lines]


def retention_text(rule: str, years: int | None, days: int | None, note: str) -> str:
    """A file's retention as the policy states it (the lifecycle's FileRule.retention_text, with the
    note added when it says more)."""
    if rule == "after_last_visit" and years:
        base = f"최종 내원일로부터 {years}년"
    elif rule == "after_recording" and days:
        base = f"촬영일로부터 {days}일"
    else:
        return note or RULE_LABELS.get(rule, rule)
    if not note or note == base:
        return base
    return note if note.startswith(base) else f"{base} ({note})"


def read_data(session: Session, profile: HospitalProfile) -> PolicyData:
    """The policy's facts from the database (read only; the profile's values for tables not seeded yet)."""
    rows = list(session.execute(select(LifecycleFile).order_by(LifecycleFile.id)).scalars())
    if rows:
        files = tuple(
            FileFact(
                f.code,
                f.name,
                tuple(i.strip() for i in f.items.split(",") if i.strip()),
                f.purpose,
                f.legal_basis,
                retention_text(f.retention_rule, f.retention_years, f.retention_days, f.retention_note),
                f.separate_after_days,
            )
            for f in rows
        )
    else:
        from privdesk.lifecycle.api import DEFAULT_SEPARATE_AFTER_DAYS

        files = tuple(
            FileFact(
                f.code,
                f.name,
                f.items,
                f.purpose,
                f.legal_basis,
                retention_text(f.retention_rule, f.retention_years, f.retention_days, f.retention_note),
                DEFAULT_SEPARATE_AFTER_DAYS if f.retention_rule == "after_last_visit" else None,
            )
            for f in profile.files
        )
    procs = list(session.execute(select(Processor).order_by(Processor.id)).scalars())
    if procs:
        processors = tuple((p.name, p.task, p.retention) for p in procs if p.active)
    else:
        processors = tuple((p.name, p.task, p.retention) for p in profile.processors)
    cams = list(session.execute(select(CctvCamera).order_by(CctvCamera.number)).scalars())
    if cams:
        cameras = tuple(CameraFact(c.number, c.location, c.coverage) for c in cams if c.status != "removed")
    else:
        cameras = tuple(CameraFact(c.number, c.location, c.coverage) for c in profile.cctv.cameras)
    consents = tuple(texts_in_force(session, profile.raw, clock.today_kst()))
    return PolicyData(profile, files, processors, cameras, consents)


def _contact_line(title: str, department: str, name: str, phone: str) -> str:
    return " ".join(x for x in (department, title, name) if x) + (f", {phone}" if phone else "")


def facts(data: PolicyData) -> dict[str, list[str]]:
    """What a change to would make the published policy out of date, by category (:data:`CATEGORY_LABELS`)."""
    p = data.profile
    c = p.cctv
    return {
        "processors": [f"{name} — {task} ({retention})" for name, task, retention in data.processors],
        "cameras": [
            f"설치 대수 {len(data.cameras)}대",
            f"촬영시간 {c.recording_hours}",
            f"보관기간 촬영일로부터 {c.retention_days}일",
            f"보관장소 {c.storage_place}",
            *(f"{cam.number} {cam.location} · {cam.coverage}" for cam in data.cameras),
        ],
        "retention": [f"{f.name}: {f.retention}; 항목 {', '.join(f.items)}" for f in data.files]
        + [f"파기 기한: 보유기간 종료 후 {p.destruction_days}일 이내"],
        "contacts": [
            f"개인정보 관리책임자 {_contact_line(p.officer.title, '', p.officer.name, p.officer.phone)}",
            f"개인정보 보호 담당부서 {_contact_line('', p.department.department, '', p.department.phone)}",
            f"영상정보 관리책임자 {_contact_line(c.manager.title, c.manager.department, c.manager.name, c.manager.phone)}",
            f"영상정보 접근권한자 {_contact_line(c.access.title, c.access.department, c.access.name, c.access.phone)}",
        ],
    }


def _text(texts: Mapping[str, str], key: str, name: str) -> list[str]:
    raw = texts.get(key, TEXT_DEFAULTS[key]).replace("{name}", name)
    return [line.rstrip() for line in raw.splitlines() if line.strip()]


def _locations(cameras: Sequence[CameraFact]) -> str:
    counts: dict[str, int] = {}
    for cam in cameras:
        counts[cam.location] = counts.get(cam.location, 0) + 1
    return ", ".join(f"{loc} {n}대" for loc, n in counts.items())


def build_sections(
    data: PolicyData,
    texts: Mapping[str, str],
    *,
    effective: dt.date | None = None,
    earlier: Sequence[tuple[int, dt.date | None]] = (),
) -> list[Section]:
    """The policy in the seed's order. ``effective``: this version's 시행일 (None: a draft);
    ``earlier``: the published versions before it (number, 시행일)."""
    p = data.profile
    name = p.name
    c = p.cctv
    s: list[Section] = []
    s.append(Section("intro", "개인정보처리방침", tuple(_text(texts, "intro", name))))

    lines = _text(texts, "items", name)
    for i, f in enumerate(data.files):
        lines += [f"## {CIRCLED[i % len(CIRCLED)]} {f.name}", f"- 수집항목 : {', '.join(f.items)}"]
    s.append(Section("items", "□ 수집하는 개인정보 항목", tuple(lines)))

    lines = _text(texts, "purposes", name)
    for f in data.files:
        lines += [f"## ○{f.name}", f"- 목적 : {f.purpose}", f"- 처리 근거 : {f.legal_basis}"]
    if data.consents:  # the 선택 동의 purposes, from the consent texts in force (privdesk.consent)
        lines.append("## ○동의를 받아 처리하는 경우 (선택 동의)")
        lines += [
            f"- {purpose} : 별도로 동의한 정보주체의 개인정보만 이 목적으로 처리하며, 동의는 언제든지 철회할 수 "
            f"있습니다 (동의서 제{version}판, {_paper(day.isoformat())} 시행)."
            for purpose, version, day in data.consents
        ]
    s.append(Section("purposes", "□ 개인정보의 수집 및 이용목적", tuple(lines)))

    lines = [
        "본원은 법령에 따른 개인정보 보유·이용기간 또는 정보주체로부터 개인정보를 수집할 때 동의받은 보유·이용기간 "
        "내에서 개인정보를 처리·보유하며, 각각의 개인정보 처리 및 보유 기간은 다음과 같습니다.",
        "| 개인정보파일 | 보유 및 이용기간 | 근거",
    ]
    lines += [f"| {f.name} | {f.retention} | {f.legal_basis}" for f in data.files]
    for f in data.files:
        if f.separate_after_days:
            span = (
                f"{f.separate_after_days // 365}년"
                if f.separate_after_days % 365 == 0
                else f"{f.separate_after_days:,}일"
            )
            lines.append(
                f"- {f.name}: 마지막 내원 후 {span} 동안 내원이 없으면 이용 목적이 달성된 "
                "것으로 보아 다른 개인정보와 분리하여 보관(분리보관)하고, 보유기간이 끝나면 파기합니다."
            )
    lines.append(
        f"보유기간이 끝난 개인정보는 {p.destruction_days}일 이내에 파기합니다. 다만 정보주체의 처리정지 요구, "
        "수사·소송 등 법령에 따른 보존 사유가 있는 기록은 그 사유가 끝날 때까지 파기하지 않고 보존하며, "
        "보존 사유를 기록하여 관리합니다."
    )
    s.append(Section("retention", "□ 개인정보의 보유 및 이용기간", tuple(lines)))

    lines = [
        f"본원은 보유기간이 끝났거나 처리 목적이 달성된 개인정보를 {p.destruction_days}일 이내에 파기합니다. "
        "파기절차 및 방법은 다음과 같습니다.",
        "## ○파기절차",
        "- 보유기간이 끝난 개인정보는 개인정보 보호책임자의 승인을 받은 파기 계획에 따라 파기하고, 파기한 사실을 "
        "파기 관리대장에 기록합니다.",
        "- 목적이 달성되었으나 보유기간이 남은 개인정보는 별도의 저장소로 옮겨(종이의 경우 별도의 서류함) 분리하여 "
        "보관하며, 법률에 의한 경우가 아니고서는 보유 이외의 다른 목적으로 이용되지 않습니다.",
        *_text(texts, "destruction_method", name),
    ]
    s.append(Section("destruction", "□ 개인정보의 파기절차 및 방법", tuple(lines)))

    lines = _text(texts, "provision", name)
    lines += [f"- {b.label} ({b.basis})" for b in private_bases()]
    lines.append(
        "제3자에게 제공한 경우 제공받는 자, 목적, 항목, 법적 근거를 개인정보의 목적 외 이용 및 제3자 제공 대장에 "
        "기록하며, 제공받는 자에게 이용 목적·방법의 제한과 안전성 확보조치를 요청합니다."
    )
    s.append(Section("provision", "▣개인정보의 제3자 제공", tuple(lines)))

    lines = [*_text(texts, "outsourcing", name), "| 수탁업체명 | 위탁업무내용 | 보유기간"]
    lines += [f"| {n} | {t} | {r}" for n, t, r in data.processors]
    lines.append(
        f"(수탁업체 {len(data.processors)}곳) 위탁계약 시 개인정보 보호법 제26조에 따라 위탁업무 수행 목적 외 "
        "개인정보 처리금지, 안전성 확보조치, 재위탁 제한, 수탁자에 대한 관리·감독, 손해배상 등 책임에 관한 "
        "사항을 계약서 등 문서에 명시하고, 수탁자가 개인정보를 안전하게 처리하는지를 감독하고 있습니다."
    )
    s.append(Section("outsourcing", "▣수집한 개인정보의 위탁", tuple(lines)))

    days, ext = p.request_days, p.extension_max_days
    lines = [
        *_text(texts, "rights", name),
        f"- 열람 요구 (개인정보 보호법 제35조): 요구를 받은 날부터 {days}일 이내에 열람하게 하거나, 정당한 사유로 "
        f"열람을 연기하는 경우 그 사유를 알리고 최대 {ext}일까지 연기합니다.",
        f"- 정정·삭제 요구 (제36조): 요구를 받은 날부터 {days}일 이내에 조치하고 그 결과를 알려 드립니다. 다른 "
        "법령에서 수집 대상으로 명시된 개인정보(예: 의료법에 따른 진료기록)는 삭제를 요구할 수 없습니다.",
        f"- 처리정지 요구·동의 철회 (제37조): 요구를 받은 날부터 {days}일 이내에 조치하고 그 결과를 알려 드립니다.",
        "- 정정을 요구하신 개인정보는 정정을 완료하기 전까지 이용하거나 제공하지 않으며, 잘못된 개인정보를 제3자에게 "
        "이미 제공한 경우에는 정정 결과를 제3자에게 지체 없이 통지합니다.",
        "- 대리인(법정대리인 또는 위임을 받은 자)을 통하여 요구하실 수 있으며, 이 경우 위임장을 제출하셔야 합니다.",
        "- 요구를 거절하거나 일부만 조치하는 경우 그 사유와 이의제기 방법을 서면으로 알려 드립니다.",
    ]
    s.append(Section("rights", "□ 이용자 및 법정대리인의 권리와 그 행사방법", tuple(lines)))

    s.append(
        Section(
            "auto_collection",
            "□ 개인정보 자동수집 장치의 설치, 운영 및 그 거부에 관한 사항",
            tuple(_text(texts, "auto_collection", name)),
        )
    )

    o, d = p.officer, p.department
    lines = [
        *_text(texts, "complaints", name),
        "## ○ 개인정보 관리책임자",
        f"- 성명 : {o.name}" + (f" ({o.title})" if o.title else ""),
        f"- 연락처 : {o.phone}",
        "## ○ 개인정보 보호 담당부서",
        f"- 부서명 : {d.department}",
        f"- 연락처 : {d.phone}",
        "정보주체께서는 본원의 서비스를 이용하시며 발생하는 모든 개인정보보호 관련 민원을 개인정보 관리책임자 혹은 "
        f"담당부서로 신고하실 수 있습니다. 본원은 접수한 민원에 {p.complaint_days}일 이내에 답변 드립니다.",
        "기타 개인정보침해에 대한 신고나 상담이 필요하신 경우에는 아래 기관에 문의하시기 바랍니다.",
    ]
    lines += [f"{CIRCLED[i]} {b.name} ({b.task}): {b.phone}, {b.site}" for i, b in enumerate(REMEDY_BODIES)]
    s.append(Section("complaints", "□ 개인정보에 관한 민원서비스", tuple(lines)))

    lines = [
        *_text(texts, "safety", name),
        "## ○접속기록의 보관 및 점검",
        f"- 개인정보처리시스템의 접속기록을 {p.access_log_years}년 이상 보관하고 매월 점검하며, 위·변조되지 않도록 "
        "보호하고 있습니다.",
        f"- 개인정보처리시스템에 대한 접근권한의 부여·변경·말소 기록을 {p.permission_log_years}년 이상 보관합니다.",
        "- 주민등록번호 등 고유식별정보는 암호화하여 저장합니다.",
    ]
    s.append(Section("safety", "□ 개인정보의 안전성 확보조치", tuple(lines)))

    m, a = c.manager, c.access
    lines = [
        *_text(texts, "cctv", name),
        "## ○영상정보처리기기의 설치 근거 및 설치 목적",
        f"본원은 {c.legal_basis}에 따라 다음과 같은 목적으로 영상정보처리기기를 설치·운영 합니다.",
        *(f"- {x}" for x in c.purposes),
        "## ○설치 대수, 설치 위치 및 촬영범위",
        f"- 설치대수 : {len(data.cameras)}대",
        f"- 설치 위치 및 촬영 범위 : {_locations(data.cameras)}",
        "| 번호 | 설치 위치 | 촬영 범위",
        *(f"| {cam.number} | {cam.location} | {cam.coverage}" for cam in data.cameras),
        "## ○관리책임자 및 접근권한자",
        "- 관리책임자 : " + _contact_line(m.title, m.department, m.name, m.phone),
        "- 접근권한자 : " + _contact_line(a.title, a.department, a.name, a.phone),
        "## ○영상정보의 촬영시간, 보관기간, 보관장소 및 처리방법",
        f"- 촬영시간 : {c.recording_hours}",
        f"- 보관기간 : 촬영일로부터 {c.retention_days}일",
        f"- 보관장소 : {c.storage_place}",
        "- 처리방법 : 개인영상정보의 목적 외 이용, 제3자 제공, 파기, 열람 등 요구에 관한 사항을 기록·관리하고, "
        f"{c.disposal_method or '보관기간 만료 시 복원이 불가능한 방법으로 영구 삭제'}합니다. 수사·분쟁 등으로 보존이 "
        "필요한 영상은 보존 사유와 기간을 기록하여 그 기간 동안만 보관합니다.",
        "## ○개인영상정보의 확인 방법 및 장소에 관한 사항",
        f"- 확인 방법 : {c.viewing_method}"
        + ("" if not c.viewing_method or c.viewing_method.endswith("다.") else "하시면 확인 가능합니다."),
        f"- 확인 장소 : {c.viewing_place}",
        "## ○정보주체의 영상정보 열람 등 요구에 대한 조치",
        "귀하는 개인영상정보에 대하여 열람 또는 존재확인·삭제를 원하는 경우 언제든지 영상정보처리기기 운영자에게 "
        "요구하실 수 있습니다. 단, 귀하가 촬영된 개인영상정보 및 명백히 정보주체의 급박한 생명, 신체, 재산의 이익을 "
        "위하여 필요한 개인영상정보에 한정됩니다.",
        f"본원은 개인영상정보에 대하여 열람 또는 존재확인·삭제를 요구받은 경우 {days}일 이내에 필요한 조치를 하겠습니다.",
        "## ○영상정보를 위한 기술적·관리적·물리적 조치",
        *_text(texts, "cctv_safety", name),
    ]
    cctv_doc: Section | None = None
    if cctv_mode(p) == CCTV_SEPARATE:
        when = (
            f"이 영상정보처리기기 운영·관리 방침은 {clock.paper_date(effective)}부터 시행합니다."
            if effective is not None
            else "이 영상정보처리기기 운영·관리 방침은 게시할 때 정하는 시행일부터 시행합니다. (초안)"
        )
        cctv_doc = Section(
            CCTV_DOCUMENT,
            CCTV_TITLE,
            (*lines, "## ○영상정보처리기기 운영·관리 방침 변경", *_text(texts, "changes", name), when),
        )
        lines = [
            "본원의 영상정보처리기기(CCTV) 운영·관리 방침은 별도의 문서(영상정보처리기기 운영·관리 방침)로 "
            "공개합니다.",
            f"- 설치대수 : {len(data.cameras)}대, 보관기간 : 촬영일로부터 {c.retention_days}일",
        ]
    s.append(Section("cctv", "□영상정보처리기기(CCTV) 운영·관리 방침", tuple(lines)))

    lines = _text(texts, "changes", name)
    lines.append(
        f"이 개인정보 처리방침은 {clock.paper_date(effective)}부터 시행합니다."
        if effective is not None
        else "이 개인정보 처리방침은 게시할 때 정하는 시행일부터 시행합니다. (초안)"
    )
    previous = [(n, day) for n, day in earlier if day is not None]
    if previous or p.effective_date:
        lines.append("## ○이전 개인정보 처리방침")
        lines += [f"- 제{n}판: {clock.paper_date(day)} 시행" for n, day in sorted(previous, reverse=True)]
        if p.effective_date:
            lines.append(
                f"- 종전 개인정보 처리방침: {_paper(p.effective_date)} 시행"
                + (f", {_paper(p.revised_date)} 수정" if p.revised_date else "")
            )
    s.append(Section("changes", "□ 개인정보 처리방침 변경", tuple(lines)))

    lines = [
        x
        for x in (
            p.address,
            f"의료기관명칭 {name}"
            + (f" 사업자등록번호 {p.business_number}" if p.business_number else "")
            + (f" 대표자 {p.representative}" if p.representative else ""),
            f"대표전화 {p.phone}" if p.phone else "",
        )
        if x
    ]
    s.append(Section("hospital", name, tuple(lines)))
    if cctv_doc is not None:
        s.append(cctv_doc)
    return s


def cctv_mode(profile: HospitalProfile) -> str:
    """Whether the CCTV 운영·관리 방침 is a section of the policy (``section``, the seed's way and the
    default) or a document of its own (``separate``): the profile's ``[policy] cctv``."""
    raw = profile.raw.get("policy", {})
    value = str(raw.get("cctv", CCTV_SECTION)) if isinstance(raw, dict) else CCTV_SECTION
    if value not in (CCTV_SECTION, CCTV_SEPARATE):
        raise ConfigError(
            f"병원 프로필의 policy.cctv는 '{CCTV_SECTION}' 또는 '{CCTV_SEPARATE}'이어야 합니다: {value!r}"
        )
    return value


def _paper(iso: str) -> str:
    try:
        return clock.paper_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso
