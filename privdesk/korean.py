"""Korean particles (조사) chosen from the word they follow: ``홍길동은``, ``파일은``, ``백업 파일이``,
``C-0001은``, ``report.pdf는``, ``서울로`` / ``부산으로`` — not the developer's ``은(는)``.

:func:`josa` returns the word with its particle; :func:`particle` the particle alone (for
translated templates that keep ``{name}{josa}`` apart). The choice follows the sound of the last
character a reader pronounces: a Hangul syllable by its final consonant (받침), ``으로/로`` with
the ㄹ rule (``서울로``, ``길로``); digits by their Korean reading (``1`` 일, ``3`` 삼, ``10`` 십,
``100`` 백, ``2`` 이 …); Latin letters by their usual names (``L`` 엘, ``M`` 엠, ``N`` 엔,
``R`` 알 end in a consonant, the rest — ``B`` 비, ``F`` 에프, ``S`` 에스 … — are read as ending in
a vowel for the particle, as Korean writers do for ``PDF``, ``CSV``, ``SMS``). Closing brackets,
quotes, spaces and punctuation after the word are skipped. When nothing readable is found (an
empty word, a Chinese character, a symbol) the developer's combined form is kept (``은(는)``) —
never wrong, only plain.
"""

from __future__ import annotations

from typing import Final

# (after a final consonant, after a vowel); either order is accepted in the ``"은/는"`` spelling
PAIRS: Final[tuple[tuple[str, str], ...]] = (
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("으로서", "로서"),
    ("으로써", "로써"),
    ("이나", "나"),
    ("이라", "라"),
    ("이라고", "라고"),
    ("이란", "란"),
    ("이며", "며"),
    ("이고", "고"),
    ("아", "야"),
    ("이에요", "예요"),
    ("이었", "였"),
)
_BY_SPELLING: Final = {f"{a}/{b}": (a, b) for a, b in PAIRS} | {f"{b}/{a}": (a, b) for a, b in PAIRS}

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL: Final = 8  # the index of ㄹ among the final consonants (종성)
_SKIP: Final = set(" \t\n)]}>'\"’”」』〉》.,;:!?…·-_/\\")

# the last sound of a digit's reading: None (vowel), "ㄹ" or another final consonant ("c")
_DIGITS: Final = {
    "0": "c",  # 영
    "1": "ㄹ",  # 일
    "2": None,  # 이
    "3": "c",  # 삼
    "4": None,  # 사
    "5": None,  # 오
    "6": "c",  # 육
    "7": "ㄹ",  # 칠
    "8": "ㄹ",  # 팔
    "9": None,  # 구
}
# a number ending in zeros is read by its unit: 10 십, 100 백, 1000 천, 10000 만, 10^8 억, 10^12 조
_ZERO_UNITS: Final = {1: "c", 2: "c", 3: "c", 4: "c", 8: "c", 12: None}
_LETTERS: Final = {"l": "ㄹ", "r": "ㄹ", "m": "c", "n": "c"}  # 엘, 알, 엠, 엔; the rest end in a vowel


def _final(word: str) -> str | bool | None:
    """The last sound of ``word``: ``None`` (a vowel), ``"ㄹ"``, ``"c"`` (another final consonant),
    or ``False`` when it cannot be told."""
    text = str(word).rstrip()
    i = len(text) - 1
    while i >= 0 and text[i] in _SKIP:
        i -= 1
    if i < 0:
        return False
    ch = text[i]
    code = ord(ch)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        jong = (code - _HANGUL_FIRST) % 28
        return None if jong == 0 else ("ㄹ" if jong == _RIEUL else "c")
    if ch.isdigit() and ch.isascii():
        j = i
        while j >= 0 and text[j] == "0":
            j -= 1
        zeros = i - j
        if zeros == 0:
            return _DIGITS[ch]
        if j < 0 or not text[j].isdigit():  # "0", "00": 영
            return "c"
        return _ZERO_UNITS.get(zeros, _ZERO_UNITS[max(k for k in _ZERO_UNITS if k <= zeros)])
    if ch.isascii() and ch.isalpha():
        return _LETTERS.get(ch.lower())
    if ch == "%":
        return None  # 퍼센트
    return False


def particle(word: object, pair: str) -> str:
    """The particle of ``pair`` (``"은/는"``, ``"이/가"``, ``"을/를"``, ``"과/와"``, ``"으로/로"`` …)
    that follows ``word``; the combined form (``은(는)``) when the word's sound cannot be told."""
    try:
        with_final, without = _BY_SPELLING[pair]
    except KeyError:
        raise ValueError(f"unknown particle pair: {pair!r}") from None
    last = _final(str(word))
    if last is False:
        return f"({with_final[0]}){without}" if with_final == "으" + without else f"{with_final}({without})"
    if last is None:
        return without
    if last == "ㄹ" and with_final.startswith("으로"):
        return without  # ㄹ 받침 takes 로: 서울로, 파일로
    return with_final


def josa(word: object, pair: str) -> str:
    """``word`` followed by the right particle of ``pair``: ``josa("환자", "은/는") == "환자는"``."""
    return f"{word}{particle(word, pair)}"


def particle_in(template: str, word: object, pair: str) -> str:
    """The particle for a ``{word}{particle}`` slot of a translated template: the Korean template
    (it has Hangul) gets :func:`particle`; a translation without Hangul keeps the slot and gets
    ``""`` (``"Ending the outsourcing to {name}{wa}."``)."""
    if any(_HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST for ch in template):
        return particle(word, pair)
    return ""
