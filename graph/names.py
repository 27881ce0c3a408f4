"""Names folded for matching: one normaliser and one jamo folding, shared by search and resolution.

``fold`` makes spellings that differ only in case, width, spacing or punctuation
equal; ``jamo`` also decomposes Hangul into letters, with compound vowels split
and the silent onset ㅇ dropped, so that spellings of one foreign sound compare
closely (귀양 and 구이양 become equal, 충청 and 충칭 differ by one letter).

>>> fold(" Chong-qing 시 "), fold("Washington, D.C.")
('chongqing시', 'washingtondc')
>>> jamo("귀양") == jamo("구이양"), jamo("셴타오") == jamo("시엔타오")
(True, True)
"""
from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")
_HANGUL_BASE = 0xAC00
_L = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_V = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_T = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_SPLIT = {"ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
          "ㅑ": "ㅣㅏ", "ㅒ": "ㅣㅐ", "ㅕ": "ㅣㅓ", "ㅖ": "ㅣㅔ", "ㅛ": "ㅣㅗ", "ㅠ": "ㅣㅜ"}


def fold(name: str) -> str:
    """Fold a name for matching: NFKC, case-folded, without whitespace and punctuation.

    >>> fold("구이양 시"), fold("ＧＯＹＡＮＧ")
    ('구이양시', 'goyang')
    """
    folded = _NOT_WORD.sub("", unicodedata.normalize("NFKC", name).casefold())
    return unicodedata.normalize("NFKC", folded)  # a separator removed may have split a syllable


def jamo(text: str) -> str:
    """Return ``fold(text)`` with Hangul syllables decomposed into letters.

    >>> jamo("청두"), jamo("Chong qing")
    ('ㅊㅓㅇㄷㅜ', 'chongqing')
    """
    out = []
    for ch in fold(text):
        code = ord(ch) - _HANGUL_BASE
        if 0 <= code < 11172:
            onset = _L[code // 588]
            vowel = _V[(code % 588) // 28]
            out.append(("" if onset == "ㅇ" else onset) + _SPLIT.get(vowel, vowel) + _T[code % 28].strip())
        else:
            out.append(ch)
    return "".join(out)
