"""The language of a document, read off the proportions of its scripts.

Hangul is written only in Korean, so a large minority of it decides: a Korean
report quotes hanzi in brackets (重庆) and English names, yet its Hangul
outweighs both. Between Chinese and English, one Han character carries about
as much as three Latin letters (a word of English against a morpheme of
Chinese), which keeps Latin names inside a Chinese article from tipping it.

>>> detect_language("고양시의회 방문단은 충칭(重庆)시 정부를 방문하였다.")
'ko'
>>> detect_language("重庆市与韩国高阳市签署友好合作备忘录")
'zh'
>>> detect_language("The Mayor of Goyang met with the Vice Mayor of Chengdu.")
'en'
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_HANGUL_SHARE = 0.4  # Korean prose is mostly Hangul even when it quotes hanzi and English
_LATIN_WEIGHT = 1 / 3  # three Latin letters weigh as much as one Han character


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    """How many letters of each script a text holds (digits, spaces and punctuation not counted)."""

    hangul: int = 0
    han: int = 0
    latin: int = 0


def _is_hangul(ch: str) -> bool:
    code = ord(ch)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x2FA1F)


def count_scripts(text: str) -> ScriptCounts:
    """Count the Hangul, Han and Latin letters in ``text``.

    >>> count_scripts("충칭(重庆) Chongqing 2019")
    ScriptCounts(hangul=2, han=2, latin=9)
    """
    hangul = han = latin = 0
    for ch in text:
        if ch.isascii():
            latin += ch.isalpha()
        elif _is_hangul(ch):
            hangul += 1
        elif _is_han(ch):
            han += 1
        elif ch.isalpha() and "LATIN" in unicodedata.name(ch, ""):
            latin += 1  # é, ü: accented Latin letters
    return ScriptCounts(hangul, han, latin)


def detect_language(text: str, default: str = "ko") -> str:
    """Return "ko", "zh" or "en" for ``text``, or ``default`` when it holds no letters.

    Mixed text goes to the language whose script carries most of it:

    >>> detect_language("Goyang Mayor Lee Dong-hwan (이동환 고양시장) met the Tianjin delegation.")
    'en'
    >>> detect_language("高阳市（고양시）市长李在俊会见了成都高新区代表团。")
    'zh'
    >>> detect_language("2019. 12. 23.")
    'ko'
    >>> detect_language("", default="en")
    'en'
    """
    counts = count_scripts(text)
    latin = counts.latin * _LATIN_WEIGHT
    total = counts.hangul + counts.han + latin
    if total == 0:
        return default
    if counts.hangul >= _HANGUL_SHARE * total:
        return "ko"
    return "zh" if counts.han >= latin else "en"
