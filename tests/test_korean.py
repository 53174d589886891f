"""Particles chosen from the word (privdesk.korean): Hangul 받침 with the ㄹ rule for 으로/로,
digits and Latin letters by how they are read, brackets and quotes skipped, the combined form
when the sound cannot be told — and no ``은(는)`` left in the code's messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from privdesk.korean import josa, particle


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("홍길동", "은/는", "홍길동은"),
        ("환자", "은/는", "환자는"),
        ("환자", "는/은", "환자는"),  # either order
        ("차트번호", "이/가", "차트번호가"),
        ("파일", "이/가", "파일이"),
        ("키 파일", "을/를", "키 파일을"),
        ("사유", "을/를", "사유를"),
        ("(주)태영소프트", "과/와", "(주)태영소프트와"),
        ("서울대학교병원", "과/와", "서울대학교병원과"),
        ("서울", "으로/로", "서울로"),  # ㄹ 받침 takes 로
        ("부산", "으로/로", "부산으로"),
        ("위탁 종료", "으로/로", "위탁 종료로"),
        ("'보관'", "으로/로", "'보관'으로"),  # quotes skipped
        ("파기 계획 12", "은/는", "파기 계획 12는"),  # 십이
        ("C-0001", "은/는", "C-0001은"),  # 일
        ("3", "이/가", "3이"),  # 삼
        ("7", "으로/로", "7로"),  # 칠: ㄹ
        ("6", "으로/로", "6으로"),  # 육
        ("10", "은/는", "10은"),  # 십
        ("2000", "이/가", "2000이"),  # 이천
        ("50000", "을/를", "50000을"),  # 오만
        ("0", "이/가", "0이"),  # 영
        ("backup.pdf", "은/는", "backup.pdf는"),  # 에프
        ("data.csv", "이/가", "data.csv가"),  # 브이
        ("privdesk.sqlite", "은/는", "privdesk.sqlite는"),
        ("UTF-8", "으로/로", "UTF-8로"),  # 팔
        ("cp949", "으로/로", "cp949로"),  # 구
        ("EUC-KR", "으로/로", "EUC-KR로"),  # 알: ㄹ
        ("SYSTEM", "이/가", "SYSTEM이"),  # 엠
        ("pg_dump", "이/가", "pg_dump가"),  # 피
        ("/var/lib/privdesk/", "은/는", "/var/lib/privdesk/는"),  # slash skipped: 케이
        ("2026년 11월", "은/는", "2026년 11월은"),
        ("파일 (삭제)", "이/가", "파일 (삭제)가"),  # closing bracket skipped
        ("정정", "이라/라", "정정이라"),
        ("열람", "으로서/로서", "열람으로서"),
        ("50%", "이/가", "50%가"),  # 퍼센트
    ],
)
def test_the_particle_follows_the_sound_of_the_last_syllable(word: str, pair: str, expected: str) -> None:
    assert josa(word, pair) == expected


def test_unreadable_endings_keep_the_combined_form_and_paths_are_words() -> None:
    assert josa("", "은/는") == "은(는)"
    assert josa("漢", "이/가") == "漢이(가)"
    assert josa("★", "으로/로") == "★(으)로"
    assert particle(Path("/tmp/백업"), "을/를") == "을"
    assert particle(12, "이/가") == "가"
    with pytest.raises(ValueError):
        particle("환자", "은/가")


COMBINED = re.compile(r"은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|과\(와\)|와\(과\)|\(으\)로")


def test_no_developer_particles_are_left_in_the_code() -> None:
    """Every 은(는) / 이(가) / 을(를) / 과(와) / (으)로 after a value is chosen by :func:`josa`."""
    root = Path(__file__).resolve().parents[1] / "privdesk"
    found = [
        f"{p.relative_to(root)}:{n}"
        for p in sorted(root.rglob("*.py"))
        if p.name != "korean.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if COMBINED.search(line)
    ]
    assert found == []


def test_a_translated_template_keeps_its_slot_and_drops_the_particle() -> None:
    from privdesk.korean import particle_in

    korean, english = "{name}{wa}의 위탁을 다시 시작합니다.", "Resuming the outsourcing to {name}{wa}."
    assert korean.format(name="(주)새수탁", wa=particle_in(korean, "(주)새수탁", "과/와")).startswith(
        "(주)새수탁과의 위탁"
    )
    assert english.format(name="ACME", wa=particle_in(english, "ACME", "과/와")) == (
        "Resuming the outsourcing to ACME."
    )
