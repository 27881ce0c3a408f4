"""Latin spellings of names written in Hangul or hanzi, so "Liu" finds 리우 and 刘 alike.

Korean documents write Chinese names in Hangul (리우, 리루) and sometimes in
hanzi beside them (李璐); a reader asks in Latin letters. Hangul is spelled by
the Revised Romanization with the variants readers use for the same sound (ㄹ as
r or l, ㄱㄷㅂ voiced or not, ㅓ as eo or u); hanzi by pinyin without tones.

>>> "liu" in {s for s in hangul_spellings("리우")}
True
>>> matches("Li Lu", ["리루", "李璐"]), matches("Liu", ["리루"])
(True, False)
"""
from __future__ import annotations

import functools
import itertools
import re
import unicodedata

_INITIALS = ("g|k", "kk", "n", "d|t", "tt", "r|l", "m", "b|p", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
             "p", "h")
_MEDIALS = ("a", "ae", "ya", "yae", "eo|u", "e", "yeo|yu", "ye", "o", "wa", "wae", "oe", "yo", "u|oo", "wo", "we",
            "wi", "yu", "eu", "ui", "i")
_FINALS = ("", "k", "kk", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t")
MAX_SPELLINGS = 256  # variants per name; a long name keeps the plainest ones


def _fold(text: str) -> str:
    return re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", text).casefold())


def hangul_spellings(name: str) -> list[str]:
    """Return the Latin spellings of a Hangul name (other letters kept as they are, lower case).

    >>> hangul_spellings("탕")
    ['tang']
    """
    parts: list[list[str]] = []
    for ch in name:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            ini, med, fin = code // 588, (code % 588) // 28, code % 28
            parts.append([a + b + _FINALS[fin] for a in _INITIALS[ini].split("|") for b in _MEDIALS[med].split("|")])
        elif _fold(ch):
            parts.append([_fold(ch)])
    return ["".join(p) for p in itertools.islice(itertools.product(*parts), MAX_SPELLINGS)] if parts else []


@functools.lru_cache(maxsize=4096)
def hanzi_spelling(name: str) -> str:
    """Return the toneless pinyin of a name's hanzi (empty when it has none).

    >>> hanzi_spelling("李璐")
    'lilu'
    """
    if not re.search(r"[\u3400-\u9fff]", name):
        return ""
    from pypinyin import lazy_pinyin  # imported here: its dictionary is large
    return _fold("".join(lazy_pinyin(name)))


def spellings(names: list[str] | tuple[str, ...]) -> set[str]:
    """Return every Latin spelling of any of ``names`` (Latin names folded as they are)."""
    out: set[str] = set()
    for n in names:
        out.update(hangul_spellings(n))
        out.add(hanzi_spelling(n))
        if not re.search(r"[\uac00-\ud7a3\u3400-\u9fff]", n):
            out.add(_fold(n))
    out.discard("")
    return out


def matches(query: str, names: list[str] | tuple[str, ...]) -> bool:
    """Say whether a Latin ``query`` is (part of) a spelling of one of ``names``."""
    q = _fold(query)
    return len(q) >= 2 and any(q in s for s in spellings(names))


def is_latin(text: str) -> bool:
    """Say whether ``text`` is written in Latin letters only (spaces and punctuation aside).

    >>> is_latin("Li Lu"), is_latin("리루")
    (True, False)
    """
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("a" <= c.lower() <= "z" for c in letters)


__all__ = ["hangul_spellings", "hanzi_spelling", "spellings", "matches", "is_latin"]
