"""Hangul helpers for search: 초성 (initial consonants) and syllable ranges.

A precomposed syllable is ``0xAC00 + (initial * 21 + medial) * 28 + final``, so all syllables
with one initial consonant form one contiguous block of 588 code points, and a name's sort order
follows its initial consonants first. ``chosung("홍길동") == "ㅎㄱㄷ"``.
"""

from __future__ import annotations

from typing import Final

SYLLABLE_FIRST: Final = 0xAC00
SYLLABLE_LAST: Final = 0xD7A3
BLOCK: Final = 21 * 28  # syllables sharing one initial consonant

# The 19 initial consonants, as Hangul compatibility jamo (what a keyboard types).
INITIALS: Final = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_INITIAL_INDEX: Final = {c: i for i, c in enumerate(INITIALS)}
_TABLE: Final = {
    cp: INITIALS[(cp - SYLLABLE_FIRST) // BLOCK] for cp in range(SYLLABLE_FIRST, SYLLABLE_LAST + 1)
}


def is_syllable(ch: str) -> bool:
    return SYLLABLE_FIRST <= ord(ch) <= SYLLABLE_LAST


def is_initial(ch: str) -> bool:
    return ch in _INITIAL_INDEX


def chosung(text: str) -> str:
    """Each syllable replaced by its initial consonant; other characters kept as they are."""
    return text.translate(_TABLE)


def is_chosung_only(text: str) -> bool:
    return bool(text) and all(c in _INITIAL_INDEX for c in text)


def is_hangul_query(text: str) -> bool:
    """Syllables, possibly followed by initial consonants (``홍ㄱ``)."""
    return bool(text) and is_syllable(text[0]) and all(is_syllable(c) or is_initial(c) for c in text)


def leading_syllables(text: str) -> str:
    out = []
    for c in text:
        if not is_syllable(c):
            break
        out.append(c)
    return "".join(out)


def initial_block(initial: str) -> tuple[str, str]:
    """``[low, high)`` bounds of the names starting with a syllable of this initial consonant."""
    i = _INITIAL_INDEX[initial]
    low = SYLLABLE_FIRST + i * BLOCK
    return chr(low), chr(low + BLOCK)


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix`` (range search).

    ``name >= p AND name < prefix_upper_bound(p)`` uses a plain B-tree index on SQLite and
    PostgreSQL, where ``LIKE p || '%'`` does not (TECH-NOTES).
    """
    if not prefix:
        raise ValueError("empty prefix")
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
