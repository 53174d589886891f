"""Realistic sample patients (견본 환자) for the demo database, tests and benchmarks — no Faker.

Names follow the surname shares of the census; addresses are 시·도 / 시·군·구 / road names with
building numbers; phones are ``010`` mobiles and area-code landlines matching the address.
Resident numbers are generated correctly (law.md §5), unlike Faker's: a real birth date, the
7th digit by century, sex and nationality, the legacy check digit for numbers issued before
2020-10-05 (foreigners: the ARN variant) and random digits for numbers issued after it.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from privdesk import files
from privdesk.personal import ResidentNumber

if TYPE_CHECKING:
    from privdesk.context import Actor, AppContext

RANDOM_TAIL_FROM: Final = dt.date(2020, 10, 5)
_WEIGHTS: Final = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)

# Surname and share in percent (2015 census, rounded; the long tail shares the rest).
SURNAMES: Final = (
    ("김", 21.5),
    ("이", 14.7),
    ("박", 8.4),
    ("최", 4.7),
    ("정", 4.3),
    ("강", 2.4),
    ("조", 2.1),
    ("윤", 2.1),
    ("장", 2.0),
    ("임", 1.7),
    ("한", 1.5),
    ("오", 1.5),
    ("서", 1.5),
    ("신", 1.4),
    ("권", 1.4),
    ("황", 1.4),
    ("안", 1.4),
    ("송", 1.3),
    ("전", 1.1),
    ("홍", 1.1),
    ("유", 1.1),
    ("고", 0.9),
    ("문", 0.9),
    ("양", 0.9),
    ("손", 0.9),
    ("배", 0.8),
    ("백", 0.8),
    ("허", 0.6),
    ("남", 0.5),
    ("심", 0.5),
    ("노", 0.4),
    ("하", 0.4),
    ("곽", 0.4),
    ("성", 0.4),
    ("차", 0.4),
    ("주", 0.4),
    ("우", 0.4),
    ("구", 0.4),
    ("민", 0.3),
    ("류", 0.3),
    ("나", 0.3),
    ("진", 0.3),
    ("지", 0.3),
    ("엄", 0.3),
    ("채", 0.3),
    ("원", 0.3),
    ("천", 0.2),
    ("방", 0.2),
    ("공", 0.2),
    ("현", 0.2),
    ("함", 0.2),
    ("변", 0.2),
    ("염", 0.1),
    ("여", 0.1),
    ("추", 0.1),
    ("도", 0.1),
    ("소", 0.1),
    ("석", 0.1),
    ("선", 0.1),
    ("설", 0.1),
    ("마", 0.1),
    ("길", 0.1),
    ("연", 0.1),
    ("위", 0.1),
    ("표", 0.1),
    ("명", 0.1),
    ("기", 0.1),
    ("반", 0.05),
    ("왕", 0.05),
    ("금", 0.05),
    ("옥", 0.05),
    ("육", 0.05),
    ("인", 0.05),
    ("맹", 0.05),
    ("제", 0.05),
    ("모", 0.05),
    ("탁", 0.05),
    ("남궁", 0.02),
    ("황보", 0.02),
    ("제갈", 0.02),
    ("선우", 0.02),
    ("독고", 0.01),
)
MALE_SYLLABLES: Final = tuple("민준서현도윤우진성호재승영동훈석철수상태종광기범규용혁건찬형진")
FEMALE_SYLLABLES: Final = tuple("서지수민하은윤아연유예진혜영미경희정숙순자옥주나다채린소")
SHARED_SYLLABLES: Final = tuple("민서지현수영은유진정주연")
FOREIGN_NAMES: Final = (
    "JOHN SMITH",
    "NGUYEN VAN AN",
    "TRAN THI MAI",
    "WANG FANG",
    "LI WEI",
    "MARIA SANTOS",
    "BATBAYAR GANBOLD",
    "ANNA IVANOVA",
    "SITI RAHAYU",
)

# 시·도: (landline area code, districts, road names)
REGIONS: Final = (
    (
        "서울특별시",
        "02",
        (
            "종로구",
            "중구",
            "용산구",
            "성동구",
            "광진구",
            "동대문구",
            "중랑구",
            "성북구",
            "강북구",
            "도봉구",
            "노원구",
            "은평구",
            "서대문구",
            "마포구",
            "양천구",
            "강서구",
            "구로구",
            "금천구",
            "영등포구",
            "동작구",
            "관악구",
            "서초구",
            "강남구",
            "송파구",
            "강동구",
        ),
        ("세종대로", "테헤란로", "봉천로", "남부순환로", "올림픽로", "도봉로", "마포대로", "강남대로"),
    ),
    (
        "부산광역시",
        "051",
        ("해운대구", "수영구", "남구", "동래구", "부산진구", "사하구", "금정구"),
        ("중앙대로", "해운대로", "수영로", "낙동대로"),
    ),
    (
        "대구광역시",
        "053",
        ("중구", "수성구", "달서구", "북구", "동구"),
        ("달구벌대로", "국채보상로", "동대구로"),
    ),
    (
        "인천광역시",
        "032",
        ("남동구", "연수구", "부평구", "미추홀구", "서구"),
        ("인하로", "경인로", "송도과학로"),
    ),
    ("광주광역시", "062", ("동구", "서구", "북구", "광산구"), ("무진대로", "금남로", "상무대로")),
    ("대전광역시", "042", ("유성구", "서구", "중구", "대덕구"), ("대학로", "계룡로", "한밭대로")),
    ("울산광역시", "052", ("남구", "중구", "북구", "울주군"), ("삼산로", "번영로")),
    ("세종특별자치시", "044", ("",), ("한누리대로", "도움6로", "갈매로")),
    (
        "경기도",
        "031",
        (
            "수원시 장안구",
            "수원시 영통구",
            "성남시 분당구",
            "고양시 일산동구",
            "용인시 수지구",
            "부천시",
            "안양시 동안구",
            "화성시",
            "평택시",
            "파주시",
            "김포시",
            "가평군",
        ),
        ("경수대로", "중앙로", "판교역로", "호수로", "시청로"),
    ),
    ("강원특별자치도", "033", ("춘천시", "원주시", "강릉시", "홍천군"), ("중앙로", "원일로", "경강로")),
    ("충청북도", "043", ("청주시 상당구", "청주시 흥덕구", "충주시", "제천시"), ("상당로", "1순환로")),
    ("충청남도", "041", ("천안시 동남구", "아산시", "공주시", "서산시"), ("충절로", "번영로")),
    ("전북특별자치도", "063", ("전주시 완산구", "익산시", "군산시"), ("팔달로", "기린대로")),
    ("전라남도", "061", ("목포시", "여수시", "순천시", "나주시"), ("영산로", "시청로")),
    ("경상북도", "054", ("포항시 남구", "경주시", "구미시", "안동시"), ("중앙대로", "태종로")),
    ("경상남도", "055", ("창원시 성산구", "김해시", "진주시", "양산시"), ("중앙대로", "가야로")),
    ("제주특별자치도", "064", ("제주시", "서귀포시"), ("연북로", "중앙로")),
)
_REGION_WEIGHTS: Final = (19, 6.5, 4.6, 5.8, 2.8, 2.8, 2.2, 0.7, 26.5, 3, 3.1, 4.1, 3.5, 3.5, 5, 6.4, 1.3)


@dataclass(frozen=True)
class SamplePatient:
    chart_no: str
    name: str
    rrn: ResidentNumber
    address: str
    phones: tuple[str, ...]
    first_visit: dt.date
    last_visit: dt.date


def check_digit(first12: str, *, foreigner: bool) -> int:
    """The legacy check digit (law.md §5); foreigner numbers add 2 (mod 10)."""
    total = sum(int(c) * w for c, w in zip(first12, _WEIGHTS, strict=True))
    check = (11 - total % 11) % 10
    return (check + 2) % 10 if foreigner else check


def make_rrn(
    rng: random.Random, birth: dt.date, *, male: bool, foreigner: bool, issued: dt.date | None = None
) -> str:
    """13 digits for a person born on ``birth``; ``issued`` defaults to the birth date."""
    if birth.year < 1900:
        g = "9" if male else "0"
    elif birth.year < 2000:
        g = ("5" if male else "6") if foreigner else ("1" if male else "2")
    else:
        g = ("7" if male else "8") if foreigner else ("3" if male else "4")
    head = f"{birth:%y%m%d}{g}"
    if (issued or birth) >= RANDOM_TAIL_FROM:
        return head + f"{rng.randrange(1_000_000):06d}"
    if foreigner:  # registration office (even), serial, 등록자 구분 6-9
        middle = f"{rng.randrange(0, 100, 2):02d}{rng.randrange(100):02d}{rng.randint(6, 9)}"
    else:  # issuing region, serial
        middle = f"{rng.randrange(96):02d}{rng.randrange(100):02d}{rng.randrange(10)}"
    first12 = head + middle
    return first12 + str(check_digit(first12, foreigner=foreigner))


class _Generator:
    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.surnames = [s for s, _ in SURNAMES]
        self.cum_surnames = _cumulative([w for _, w in SURNAMES])
        self.cum_regions = _cumulative(list(_REGION_WEIGHTS))
        self.seen_rrn: set[str] = set()

    def name(self, male: bool, foreigner: bool) -> str:
        r = self.rng
        if foreigner and r.random() < 0.6:
            return r.choice(FOREIGN_NAMES)
        surname = r.choices(self.surnames, cum_weights=self.cum_surnames)[0]
        pool = MALE_SYLLABLES if male else FEMALE_SYLLABLES
        length = 1 if r.random() < 0.04 else 2
        given = r.choice(pool) + "".join(r.choice(pool + SHARED_SYLLABLES) for _ in range(length - 1))
        return surname + given

    def birth(self) -> dt.date:
        r = self.rng
        age_days = int(r.triangular(0, 95 * 365.25, 45 * 365.25))
        return self.today - dt.timedelta(days=age_days)

    def address(self) -> tuple[str, str]:
        r = self.rng
        sido, area, districts, roads = REGIONS[
            r.choices(range(len(REGIONS)), cum_weights=self.cum_regions)[0]
        ]
        district = r.choice(districts)
        parts = (
            [sido, district, r.choice(roads), str(r.randint(1, 999))]
            if district
            else [sido, r.choice(roads), str(r.randint(1, 999))]
        )
        if r.random() < 0.5:
            parts.append(f"{r.randint(101, 120)}동 {r.randint(1, 25)}{r.randint(1, 4):02d}호")
        return " ".join(parts), area

    def phones(self, area: str) -> tuple[str, ...]:
        r = self.rng
        out = []
        if r.random() < 0.95:
            out.append(f"010-{r.randint(2000, 9999)}-{r.randrange(10000):04d}")
        if r.random() < 0.25 or not out:
            mid = f"{r.randint(200, 999)}" if r.random() < 0.3 else f"{r.randint(2000, 9999)}"
            out.append(f"{area}-{mid}-{r.randrange(10000):04d}")
        if r.random() < 0.05:
            out.append(f"010-{r.randint(2000, 9999)}-{r.randrange(10000):04d}")
        return tuple(out)

    def patient(self, chart_no: str) -> SamplePatient:
        r = self.rng
        male = r.random() < 0.5
        foreigner = r.random() < 0.03
        birth = self.birth()
        if foreigner and birth.year < 1920:
            birth = birth.replace(year=1960)
        issued = birth
        if birth < RANDOM_TAIL_FROM and r.random() < 0.003:  # 번호 변경 after 2020-10
            issued = RANDOM_TAIL_FROM
        while True:
            digits = make_rrn(r, birth, male=male, foreigner=foreigner, issued=issued)
            if digits not in self.seen_rrn:
                self.seen_rrn.add(digits)
                break
        address, area = self.address()
        start = max(birth, dt.date(2000, 1, 1))
        span = (self.today - start).days
        first = start + dt.timedelta(days=r.randint(0, span))
        last = first + dt.timedelta(days=r.randint(0, (self.today - first).days))
        return SamplePatient(
            chart_no=chart_no,
            name=self.name(male, foreigner),
            rrn=ResidentNumber(digits),
            address=address,
            phones=self.phones(area),
            first_visit=first,
            last_visit=last,
        )


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def sample_patients(
    n: int, *, seed: int = 0, today: dt.date | None = None, first_chart: int = 1
) -> Iterator[SamplePatient]:
    """``n`` patients with unique resident numbers and chart numbers ``00000001``…"""
    gen = _Generator(seed, today or dt.date.today())
    for i in range(first_chart, first_chart + n):
        yield gen.patient(f"{i:08d}")


CSV_HEADER_KO: Final = ("차트번호", "이름", "주민등록번호", "주소", "연락처", "최초내원일", "최종내원일")


def write_sample_csv(
    path: Path, n: int, *, seed: int = 0, encoding: str = "utf-8-sig", today: dt.date | None = None
) -> Path:
    """An EMR-style export of ``n`` sample patients (phones joined with ``/``)."""
    path = Path(path)
    with files.replacing(files.Output(path, force=True), encoding=encoding) as fh:
        w = csv.writer(fh)
        w.writerow(CSV_HEADER_KO)
        for p in sample_patients(n, seed=seed, today=today):
            w.writerow(
                (
                    p.chart_no,
                    p.name,
                    p.rrn.reveal(),
                    p.address,
                    "/".join(p.phones),
                    p.first_visit.isoformat(),
                    p.last_visit.isoformat(),
                )
            )
    return path


def add_sample_patients(ctx: AppContext, actor: Actor | None, n: int, *, seed: int = 0) -> int:
    """Fill a demo database: ``n`` sample patients through the real import (validated,
    encrypted, logged). Returns how many were added (a second call adds none)."""
    from privdesk.registry.importer import import_patients

    with tempfile.TemporaryDirectory(prefix="privdesk-sample-") as folder:
        path = write_sample_csv(Path(folder) / "sample.csv", n, seed=seed)
        return import_patients(ctx, actor, path, workers=0).imported
