"""The demo database (체험용 데이터베이스): a separate SQLite file and key file in the user data
folder, one account per role with a known password, and realistic sample data, so a newcomer can
look around in a minute (``privdesk demo``).

Everything goes through the real use cases (initialisation, accounts, the patient import, intake
entries, processing holds), so the demo's access log reads like a real one. Each module adds its
sample data with a *seeder*: a function ``(DemoSeed) -> str`` appended to :data:`SEEDERS`,
which returns one summary line for the command's output. Seeders run in order, after the accounts
exist; they act as the account of the role that would do the work (``seed.actor(INTAKE)``).

Never a place for real data: the command says so, and recreates the database on every run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import insert, select

from privdesk import clock
from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, FACILITY, INTAKE, OFFICER, PRIVACY, ROLE_NAMES, Permission
from privdesk.audit.chain import Action
from privdesk.bootstrap import initialize
from privdesk.context import Actor, AppContext
from privdesk.registry.models import Intake, Patient, patient_ref
from privdesk.registry.sample import add_sample_patients
from privdesk.settings import Settings, sqlite_url, user_data_dir

DB_NAME: Final = "privdesk-demo.sqlite3"
KEY_NAME: Final = "privdesk-demo.key"
DEMO_PASSWORD: Final = "Demo-pass1"  # every demo account's password (printed by the command)
DEFAULT_PATIENTS: Final = 1000
MAX_PATIENTS: Final = 1_000_000


@dataclass(frozen=True)
class DemoAccount:
    login: str
    name: str
    role: str
    department: str

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)


# The first one is the privacy officer that initialisation creates; the others are added by it.
DEMO_ACCOUNTS: Final = (
    DemoAccount("officer", "한보호", OFFICER, "개인정보 보호팀"),
    DemoAccount("privacy", "최전산", PRIVACY, "전산팀"),
    DemoAccount("intake", "김원무", INTAKE, "원무과"),
    DemoAccount("facility", "박시설", FACILITY, "시설팀"),
    DemoAccount("auditor", "정감사", AUDITOR, "감사실"),
)


@dataclass(frozen=True)
class DemoSeed:
    """What a seeder gets: the open demo database, the demo accounts by role, and the options."""

    ctx: AppContext
    actors: Mapping[str, Actor]
    patients: int
    rng_seed: int

    def actor(self, role: str) -> Actor:
        return self.actors[role]


Seeder = Callable[[DemoSeed], str]


@dataclass(frozen=True)
class DemoResult:
    settings: Settings
    accounts: tuple[DemoAccount, ...]
    password: str
    summary: tuple[str, ...]

    @property
    def db_path(self) -> Path:
        return Path(self.settings.db_url.removeprefix("sqlite:///"))


# -- where the demo lives -------------------------------------------------------------------------
def demo_folder() -> Path:
    return user_data_dir() / "demo"


def demo_settings(base: Settings, folder: Path | None = None) -> Settings:
    """``base`` (security and language from the user's settings) pointed at the demo files."""
    folder = folder or demo_folder()
    return dataclasses.replace(
        base,
        db_url=sqlite_url(folder / DB_NAME),
        key_file=folder / KEY_NAME,
        sources={**base.sources, "db": "demo", "key_file": "demo"},
    )


def _remove_previous(folder: Path) -> None:
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal", KEY_NAME):
        (folder / name).unlink(missing_ok=True)


# -- building -------------------------------------------------------------------------------------
def build_demo(
    base: Settings,
    *,
    patients: int = DEFAULT_PATIENTS,
    folder: Path | None = None,
    seeders: Sequence[Seeder] | None = None,
    rng_seed: int = 2024,
) -> DemoResult:
    """(Re)create the demo database: accounts with :data:`DEMO_PASSWORD`, then every seeder."""
    if not 0 <= patients <= MAX_PATIENTS:
        raise ValueError(f"patients must be between 0 and {MAX_PATIENTS}")
    settings = demo_settings(base, folder)
    where = settings.key_file.parent
    where.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_previous(where)
    officer_account = DEMO_ACCOUNTS[0]
    ctx = initialize(
        settings,
        officer_login=officer_account.login,
        officer_name=officer_account.name,
        password=DEMO_PASSWORD,
        demo=True,
    )
    try:
        officer = users.login(ctx, officer_account.login, DEMO_PASSWORD, channel="demo")
        actors: dict[str, Actor] = {OFFICER: officer}
        for account in DEMO_ACCOUNTS[1:]:
            _, otp = users.add_account(
                ctx,
                officer,
                login=account.login,
                name=account.name,
                roles=[account.role],
                department=account.department,
                reason="체험용 데이터베이스",
            )
            first = users.login(ctx, account.login, otp, channel="demo")
            actors[account.role] = users.change_password(ctx, first, otp, DEMO_PASSWORD)
        seed = DemoSeed(ctx, actors, patients, rng_seed)
        summary = tuple(line for s in (SEEDERS if seeders is None else seeders) if (line := s(seed)))
    finally:
        ctx.engine.dispose()
    return DemoResult(settings, DEMO_ACCOUNTS, DEMO_PASSWORD, summary)


# -- the registry's seeder ------------------------------------------------------------------------
DEPARTMENTS: Final = (
    "내과",
    "외과",
    "정형외과",
    "소아청소년과",
    "산부인과",
    "신경과",
    "피부과",
    "안과",
    "이비인후과",
    "재활의학과",
    "가정의학과",
    "건강검진센터",
)
PURPOSES: Final = ("외래 진료", "재진", "건강검진", "입원", "검사", "예방접종", "")


def seed_patients(seed: DemoSeed) -> str:
    """Sample patients through the real import, one to four intake entries each between the first
    and the last visit. (Processing holds come from the open correction requests of
    :func:`seed_requests`.)"""
    if seed.patients <= 0:
        return "환자 0명"
    ctx, desk = seed.ctx, seed.actor(INTAKE)
    added = add_sample_patients(ctx, desk, seed.patients, seed=seed.rng_seed)
    rng = random.Random(seed.rng_seed)
    intakes = 0
    with ctx.unit(desk, Permission.PATIENT_WRITE) as u:
        rows: list[dict[str, Any]] = []
        now = clock.now()
        patients = u.session.execute(
            select(Patient.id, Patient.first_visit, Patient.last_visit).order_by(Patient.id)
        ).all()
        for pid, first, last in patients:
            days = sorted({first, last, *(_between(rng, first, last) for _ in range(rng.randint(0, 2)))})
            for day in days:
                rows.append(
                    {
                        "patient_id": pid,
                        "visit_date": day,
                        "department": rng.choice(DEPARTMENTS),
                        "purpose": rng.choice(PURPOSES),
                        "staff_login": desk.login,
                        "created_at": now,
                    }
                )
            u.log(Action.CREATE, patient_ref(pid), detail=f"intakes={len(days)}; demo")
        for i in range(0, len(rows), 5000):
            u.session.execute(insert(Intake), rows[i : i + 5000])
        intakes = len(rows)
    return f"환자 {added:,}명, 진료 접수 {intakes:,}건"


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


# -- the CCTV seeder ------------------------------------------------------------------------------
def seed_cctv(seed: DemoSeed) -> str:
    """Viewing requests on the 10-day clock (one overdue, one due soon, one whose footage is gone),
    a police evidence hold and a week of internal viewings in the 관리대장 — as the facility team."""
    from privdesk.cctv.requests import Relation, RequestInput, RequestKind, receive_request
    from privdesk.cctv.retention import HoldInput, HoldReason, set_hold
    from privdesk.cctv.viewlog import QuickViewing, record_viewing

    ctx, actor = seed.ctx, seed.actor(FACILITY)
    now = clock.now()
    day = dt.timedelta(days=1)

    def at(days_ago: int, hour: int, minute: int = 0) -> dt.datetime:
        local = (now.astimezone(clock.KST) - days_ago * day).replace(
            hour=hour, minute=minute, second=0, microsecond=0
        )
        return local.astimezone(dt.UTC)

    requests = (
        RequestInput(
            kind=RequestKind.VIEW,
            requester_name="이민지",
            requester_phone="010-2345-6789",
            relation=Relation.SELF,
            id_document="주민등록증",
            cameras=("CAM-02", "CAM-03"),
            window_start=at(13, 10),
            window_end=at(13, 10, 40),
            purpose="로비에서 분실한 지갑 확인",
            id_checked_by="박시설",
            received_at=at(12, 9, 30),
        ),
        RequestInput(
            kind=RequestKind.EXIST,
            requester_name="정우성",
            requester_phone="010-8765-4321",
            relation=Relation.AGENT,
            id_document="운전면허증",
            cameras=("CAM-21",),
            window_start=at(9, 18),
            window_end=at(9, 19),
            purpose="주차 차량 접촉 사고 확인",
            subject_name="정하늘",
            proxy_checked=True,
            id_checked_by="박시설",
            received_at=at(8, 14),
        ),
        RequestInput(
            kind=RequestKind.VIEW,
            requester_name="최유리",
            requester_phone="02-555-1234",
            relation=Relation.SELF,
            id_document="여권",
            cameras=("CAM-07",),
            window_start=at(45, 11),
            window_end=at(45, 11, 30),
            purpose="수납 창구 분쟁 확인",
            id_checked_by="박시설",
            received_at=now - dt.timedelta(minutes=5),
        ),
    )
    for data in requests:
        receive_request(ctx, actor, data)
    set_hold(
        ctx,
        actor,
        HoldInput(
            cameras=("CAM-19", "CAM-20"),
            window_start=at(5, 22),
            window_end=at(5, 23, 30),
            reason_kind=HoldReason.POLICE,
            reason="관악경찰서 수사협조 요청 (공문 접수 예정)",
            until_date=(now.astimezone(clock.KST) + 60 * day).date(),
        ),
    )
    purposes = (
        "시설 점검 중 이상 소음 확인",
        "화재 감지기 오작동 확인",
        "분실물 습득 위치 확인",
        "출입문 파손 경위 확인",
        "야간 순찰 보고 확인",
    )
    for i, purpose in enumerate(purposes):
        record_viewing(
            ctx,
            actor,
            QuickViewing(
                cameras=(f"CAM-{(i * 5) % 25 + 1:02d}",),
                window_start=at(i + 1, 2),
                window_end=at(i + 1, 3),
                purpose=purpose,
                witness="한보호",
                at=at(i + 1, 9),
            ),
        )
    return f"CCTV: 열람 요구 {len(requests)}건 (기한 경과·임박·영상 없음), 보존 연장 1건, 열람 기록 {len(purposes)}건"


# -- the data-subject requests seeder ---------------------------------------------------------------
def _person(ctx: AppContext, patient_id: int) -> tuple[str, dt.date]:
    """A patient's name and birth date (the ID a 본인 request presents)."""
    with ctx.session() as s:
        name, birth = s.execute(
            select(Patient.name, Patient.birth_date).where(Patient.id == patient_id)
        ).one()
    return str(name), birth


def seed_requests(seed: DemoSeed) -> str:
    """Data-subject requests on the 10-day clock, as the 원무과: an overdue 열람, an open 정정 that holds
    its record, a 처리정지 due soon, a homepage member's withdrawal, and — when the disclosure ledger
    has a patient who was disclosed to someone — a completed 정정 with its correction notices."""
    from privdesk.disclosures.models import DisclosureSubject
    from privdesk.rights import decisions
    from privdesk.rights.requests import RequestInput, RequestKind, receive_request

    ctx, desk = seed.ctx, seed.actor(INTAKE)
    now = clock.now()
    with ctx.session() as s:
        people = {
            int(pid): (name, birth)
            for pid, name, birth in s.execute(
                select(Patient.id, Patient.name, Patient.birth_date)
                .where(Patient.status == "active", Patient.hold.is_(False))
                .order_by(Patient.id)
                .limit(6)
            )
        }
        ids = list(people)
        disclosed = s.execute(
            select(DisclosureSubject.patient_id)
            .where(DisclosureSubject.patient_id.is_not(None))
            .order_by(DisclosureSubject.disclosure_id)
            .limit(1)
        ).scalar_one_or_none()
    if len(ids) < 4:
        return ""

    def ask(kind: str, pid: int | None, text: str, days_ago: float, **kw: Any) -> RequestInput:
        # 본인 requests: the requester is the subject (name and birth date as on the ID presented)
        if pid is not None:
            name, birth = people.get(pid) or _person(ctx, pid)
            kw.setdefault("name", name)
            kw.setdefault("requester_birth", birth)
        return RequestInput(
            kind=kind,
            file_code="patient" if pid else "member",
            relation="self",
            requester_name=kw.pop("name"),
            requester_phone="010-3456-7890",
            id_document="주민등록증",
            request_text=text,
            patient_id=pid,
            received_at=now - dt.timedelta(days=days_ago),
            **kw,
        )

    made = [
        receive_request(ctx, desk, ask(RequestKind.ACCESS, ids[0], "", 12)),
        receive_request(ctx, desk, ask(RequestKind.CORRECT, ids[1], "주소 변경: 새 주소로 정정 요청", 2)),
        receive_request(ctx, desk, ask(RequestKind.SUSPEND, ids[2], "검진 안내 문자 발송 중지", 8)),
        receive_request(
            ctx,
            desk,
            ask(
                RequestKind.WITHDRAW,
                None,
                "홈페이지 회원 탈퇴",
                1,
                subject_name="한회원",
                name="한회원",
                subject_birth=dt.date(1991, 7, 8),
            ),
        ),
    ]
    done = 0
    if disclosed is not None:
        r = receive_request(ctx, desk, ask(RequestKind.CORRECT, disclosed, "연락처 정정 요청", 4))
        decisions.verify_identity(ctx, desk, r.id, note="신분증 대조")
        decisions.start(ctx, desk, r.id)
        # completed by the actual correction: the patient's phone edited, recorded with the request
        from privdesk.registry.patients import get_patient, unmask
        from privdesk.registry.validation import PatientInput

        det = get_patient(ctx, desk, disclosed)
        plain = unmask(ctx, desk, disclosed, "정정 요구 처리")
        decisions.correct_patient(
            ctx,
            desk,
            r.id,
            PatientInput(
                chart_no=det.chart_no,
                name=det.name,
                rrn=plain.rrn,
                address=plain.address,
                phones=["010-4321-8765"],
                first_visit=det.first_visit,
                last_visit=det.last_visit,
            ),
            patient_version=det.version,
            note="요구서의 번호로 정정",
            accept_check_digit_warning=True,
        )
        made.append(r)
        done = 1
    return f"정보주체 요구 {len(made)}건 (기한 경과 1, 정정 중 1, 정정 완료·통지 대상 {done})"


# Later modules append their seeders here.
def _seed_disclosures(seed: DemoSeed) -> str:
    from privdesk.disclosures.sample import seed_disclosures

    return seed_disclosures(seed)


def _seed_consents(seed: DemoSeed) -> str:
    from privdesk.consent.sample import seed_consents

    return seed_consents(seed)


def _seed_training(seed: DemoSeed) -> str:
    from privdesk.training.sample import seed_training

    return seed_training(seed)


def seed_policy(seed: DemoSeed) -> str:
    """The privacy policy as the officer would leave it: version 1 published from the demo's data
    (in force since the first of this month), and a draft with a reworded introduction waiting to
    be compared and published."""
    from privdesk.policy import versions

    officer = seed.actor(OFFICER)
    today = clock.today_kst()
    versions.draft(seed.ctx, officer)
    published = versions.publish(seed.ctx, officer, today.replace(day=1))
    versions.draft(
        seed.ctx,
        officer,
        {
            "intro": (
                "{name}(이하 '본원')은 정보주체의 개인정보를 중요시하며, 「개인정보 보호법」을 준수하고 있습니다.\n"
                "본원은 이 방침으로 정보주체께서 제공하신 개인정보가 어떤 목적으로, 어떻게 이용되며 "
                "어떤 보호조치를 하고 있는지 알려드립니다."
            )
        },
    )
    return f"개인정보 처리방침 제{published.number}판 게시, 새 초안 1건"


SEEDERS: tuple[Seeder, ...] = (
    seed_patients,
    _seed_consents,
    _seed_disclosures,
    seed_cctv,
    seed_requests,
    seed_policy,
    _seed_training,
)
