"""The 72-hour clock and the duties of a breach (유출등의 통지·신고), decided from the facts.

No database here: :func:`duties` takes the facts of an incident (how many people, which files and
items, how it happened) and the notices marked sent, and says for each duty whether it applies,
why (with the article), when it is due, whether it is done and how late. ../shared/domain/law.md §6:

- **통지 (법 제34조①, 시행령 제39조)**: every person affected is told within 72 hours of learning of
  it (유출등이 되었음을 알게 되었을 때), in writing or by letter, e-mail, SMS …; when contacts are
  unknown, a notice on the homepage (for at least 30 days — **UNCONFIRMED**).
- **신고 (법 제34조③, 시행령 제40조)**: to the 개인정보보호위원회 or KISA within 72 hours when
  (a) 1,000 or more people are affected, (b) 민감정보 or 고유식별정보 are involved — a hospital's
  patient registry always holds resident numbers and health data, so a leak of the registry file
  (``patient``) always qualifies whatever items were named — or (c) it came from unlawful access
  from outside (외부로부터의 불법적인 접근).

A bill pending in 2025 would make the report due in 24 hours: both periods are parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from privdesk import clock
from privdesk.errors import ValidationError
from privdesk.korean import josa

NOTIFY_HOURS = 72
REPORT_HOURS = 72
REPORT_THRESHOLD = 1_000  # 1천명 이상 (시행령 제40조①1)
REGISTRY_FILE = "patient"  # the patient registry (환자 명부): resident numbers and health data
SOON_HOURS = 24  # amber from here
HOMEPAGE_DAYS = 30  # UNCONFIRMED: how long the homepage notice stays up


class Kind(StrEnum):
    LOST = "lost"  # 분실·도난
    MISDELIVERY = "misdelivery"  # 오발송·오전달
    INSIDER = "insider"  # 직원의 권한 없는 접근
    ATTACK = "attack"  # 외부 공격(해킹)
    OTHER = "other"  # 기타


KIND_LABELS: dict[str, str] = {
    Kind.LOST: "분실·도난(기기·서류)",
    Kind.MISDELIVERY: "오발송·오전달",
    Kind.INSIDER: "직원의 권한 없는 접근",
    Kind.ATTACK: "외부 공격(해킹 등)",
    Kind.OTHER: "기타",
}

# 고유식별정보 (법 제24조, 시행령 제19조) and 민감정보 (법 제23조, 시행령 제18조: 건강)
UNIQUE_ID_ITEMS = ("주민등록번호", "외국인등록번호", "여권번호", "운전면허번호")
SENSITIVE_ITEMS = ("진료정보", "건강정보")
ITEM_CHOICES = (
    "이름",
    "주민등록번호",
    "외국인등록번호",
    "생년월일",
    "성별",
    "주소",
    "연락처",
    "이메일",
    "진료정보",
    "건강정보",
    "아이디",
    "비밀번호",
    "개인영상정보",
    "여권번호",
    "운전면허번호",
    "기타",
)


class Duty(StrEnum):
    NOTIFY = "notify"  # 정보주체에 대한 통지
    REPORT = "report"  # 보호위원회·KISA 신고


DUTY_LABELS: dict[str, str] = {Duty.NOTIFY: "정보주체 통지", Duty.REPORT: "개인정보보호위원회·KISA 신고"}
DUTY_ARTICLES: dict[str, str] = {
    Duty.NOTIFY: "개인정보 보호법 제34조①, 시행령 제39조",
    Duty.REPORT: "개인정보 보호법 제34조③, 시행령 제40조",
}


class Channel(StrEnum):
    LETTER = "letter"  # 우편(서면)
    SMS = "sms"  # 문자
    EMAIL = "email"  # 전자우편
    PHONE = "phone"  # 전화
    HOMEPAGE = "homepage"  # 홈페이지 게시 (연락처를 알 수 없는 경우)
    PIPC = "pipc"  # 개인정보보호위원회
    KISA = "kisa"  # 한국인터넷진흥원


CHANNEL_LABELS: dict[str, str] = {
    Channel.LETTER: "우편(서면)",
    Channel.SMS: "문자",
    Channel.EMAIL: "전자우편",
    Channel.PHONE: "전화",
    Channel.HOMEPAGE: "홈페이지 게시",
    Channel.PIPC: "개인정보보호위원회",
    Channel.KISA: "한국인터넷진흥원(KISA)",
}
NOTIFY_CHANNELS = (Channel.LETTER, Channel.SMS, Channel.EMAIL, Channel.PHONE, Channel.HOMEPAGE)
REPORT_CHANNELS = (Channel.PIPC, Channel.KISA)


class Urgency(StrEnum):
    """The colour of a duty: late (red, also when done late), soon (amber), in time, done, none."""

    LATE = "late"
    SOON = "soon"
    IN_TIME = "in_time"
    DONE = "done"
    NOT_APPLICABLE = "n/a"


@dataclass(frozen=True)
class Facts:
    """What decides the duties."""

    learnt_at: dt.datetime
    kind: str
    affected: int
    items: tuple[str, ...]
    files: tuple[str, ...]
    outside_access: bool
    registry_people: int = 0  # affected people drawn from the patient registry


@dataclass(frozen=True)
class SentNotice:
    duty: str
    channel: str
    sent_at: dt.datetime
    people: int


@dataclass(frozen=True)
class DutyState:
    """One duty as the screens and the papers show it."""

    duty: str
    applies: bool
    reasons: tuple[str, ...]  # why it applies (or why not), in Korean, with the article
    due: dt.datetime
    done_at: dt.datetime | None
    notified: int = 0  # people reached so far (통지)
    affected: int = 0

    @property
    def label(self) -> str:
        return DUTY_LABELS[self.duty]

    @property
    def article(self) -> str:
        return DUTY_ARTICLES[self.duty]

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def late_by(self, now: dt.datetime) -> dt.timedelta | None:
        """How late the duty is (done late, or not done and past due); None when in time."""
        end = self.done_at or now
        return end - self.due if end > self.due else None

    def hours_left(self, now: dt.datetime) -> int:
        """Whole hours until the due time (negative: hours past it), rounded down."""
        return int((self.due - now).total_seconds() // 3600)

    def urgency(self, now: dt.datetime) -> Urgency:
        if not self.applies:
            return Urgency.NOT_APPLICABLE
        if self.late_by(now) is not None:
            return Urgency.LATE
        if self.done:
            return Urgency.DONE
        return Urgency.SOON if self.due - now <= dt.timedelta(hours=SOON_HOURS) else Urgency.IN_TIME

    def status(self, now: dt.datetime, when: Callable[[dt.datetime], str] = clock.fmt_datetime) -> str:
        """``남은 시간 41시간 (기한 2026-12-07 18:30)``, ``기한 경과 5시간``, ``완료 2026-12-06 10:00`` …
        (on paper ``when=clock.paper_datetime``: ``기한 2026. 12. 7. 18:30``)."""
        if not self.applies:
            return "해당 없음"
        due = when(self.due)
        late = self.late_by(now)
        if self.done_at is not None:
            done = when(self.done_at)
            return f"완료 {done} (기한 {hours_text(late)} 지남)" if late else f"완료 {done} (기한 {due})"
        if late is not None:
            return f"기한 경과 {hours_text(late)} (기한 {due})"
        return f"남은 시간 {hours_text(self.due - now)} (기한 {due})"


def hours_text(span: dt.timedelta) -> str:
    """``41시간``, ``2시간 30분``, ``45분``, past four days ``12일 5시간`` (rounded down to the minute)."""
    minutes = max(0, int(span.total_seconds() // 60))
    h, m = divmod(minutes, 60)
    if h >= 96:
        return f"{h // 24}일 {h % 24}시간"
    if h and m and h < 10:
        return f"{h}시간 {m}분"
    return f"{h}시간" if h else f"{m}분"


def split_list(text: str | Iterable[str]) -> tuple[str, ...]:
    """Items or file codes given as ``a, b`` text or a list: stripped, no duplicates, in order."""
    parts = re.split(r"[,\n·]", text) if isinstance(text, str) else list(text)
    out: list[str] = []
    for p in parts:
        p = " ".join(str(p).split())
        if p and p not in out:
            out.append(p)
    return tuple(out)


def report_reasons(f: Facts) -> tuple[str, ...]:
    """Why the report to the regulator is due (empty: it is not), each with its ground."""
    out: list[str] = []
    if f.affected >= REPORT_THRESHOLD:
        out.append(f"정보주체 {f.affected:,}명 — {REPORT_THRESHOLD:,}명 이상 (시행령 제40조①1)")
    unique = [i for i in f.items if i in UNIQUE_ID_ITEMS]
    sensitive = [i for i in f.items if i in SENSITIVE_ITEMS]
    if unique or sensitive:
        named = ", ".join([*unique, *sensitive])
        what = "·".join(x for x, has in (("고유식별정보", unique), ("민감정보", sensitive)) if has)
        out.append(f"{what} 포함: {named} (시행령 제40조①2)")
    elif REGISTRY_FILE in f.files:
        out.append(
            "환자 명부의 정보 — 주민등록번호(고유식별정보)와 진료 정보(민감정보)를 담은 파일 (시행령 제40조①2)"
        )
    if f.outside_access or f.kind == Kind.ATTACK:
        out.append("외부로부터의 불법적인 접근에 의한 유출 (시행령 제40조①3)")
    return tuple(out)


def duties(
    f: Facts,
    sent: Sequence[SentNotice],
    *,
    notify_hours: int = NOTIFY_HOURS,
    report_hours: int = REPORT_HOURS,
) -> tuple[DutyState, DutyState]:
    """The notification and the report, decided from the facts and the notices sent."""
    notify_due = f.learnt_at + dt.timedelta(hours=notify_hours)
    report_due = f.learnt_at + dt.timedelta(hours=report_hours)
    # 통지: done when a homepage notice went up, or the people reached cover everyone affected
    notices = sorted((n for n in sent if n.duty == Duty.NOTIFY), key=lambda n: n.sent_at)
    reached, notify_done = 0, None
    for n in notices:
        reached += n.people
        if notify_done is None and (n.channel == Channel.HOMEPAGE or (f.affected and reached >= f.affected)):
            notify_done = n.sent_at
    if f.affected:
        why = (
            f"유출등이 된 정보주체 {f.affected:,}명에게 알게 된 때부터 {notify_hours}시간 이내 통지 (법 제34조①)",
        )
    else:
        why = (
            f"정보주체를 아직 확정하지 않았습니다 — 대상자를 정하고 {notify_hours}시간 이내 통지 (법 제34조①)",
        )
    notify = DutyState(Duty.NOTIFY, True, why, notify_due, notify_done, notified=reached, affected=f.affected)
    reasons = report_reasons(f)
    reported = min((n.sent_at for n in sent if n.duty == Duty.REPORT), default=None)
    if not reasons:
        reasons = (
            f"{REPORT_THRESHOLD:,}명 미만, 민감·고유식별정보 없음, 외부 불법 접근 아님 — 신고 의무 없음 "
            "(시행령 제40조①)",
        )
        report = DutyState(Duty.REPORT, False, reasons, report_due, reported)
    else:
        report = DutyState(Duty.REPORT, True, reasons, report_due, reported)
    return notify, report


def worst(states: Iterable[DutyState], now: dt.datetime) -> Urgency:
    """The most urgent colour of an incident's duties."""
    order = (Urgency.LATE, Urgency.SOON, Urgency.IN_TIME, Urgency.DONE, Urgency.NOT_APPLICABLE)
    found = {s.urgency(now) for s in states}
    return next((u for u in order if u in found), Urgency.NOT_APPLICABLE)


def parse_kst(text: str, field: str, label: str) -> dt.datetime:
    """``YYYY-MM-DD HH:MM`` typed in Korea Standard Time, as an aware UTC datetime."""
    value = (text or "").strip()
    try:
        parsed = dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        raise ValidationError(
            field,
            f"{josa(label, '은/는')} 'YYYY-MM-DD HH:MM' 형식(한국 시간, 24시간제)으로 입력하십시오. "
            "예: 2026-12-04 18:30",
        ) from None
    return clock.aware(parsed)


INCIDENT_KIND = "INC"  # the incidents' row in record_counters


def incident_number(year: int, seq: int) -> str:
    return f"INC-{year}-{seq:04d}"
