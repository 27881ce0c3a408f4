"""What mention finders share: the candidate value, Kiwi tokens as spans, word helpers.

>>> eojeol_rest("충칭시와 청두", 3)
'와'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon

NOUNISH = frozenset({"NNG", "NNP", "SL", "SN", "SH", "XSN", "XPN", "NR", "W_SERIAL"})
PROPER = frozenset({"NNP", "SL", "SH"})
HANGUL = re.compile(r"[가-힣]")
WORDCH = re.compile(r"\w")
BRACKET_HANZI = re.compile(r"\s?[\(\[（【]\s*([\u3400-\u9fff][\u3400-\u9fff·]{0,15})\s*[,，、)\]）】]")
BRACKET_LATIN = re.compile(r"\s?[\(（]\s*([A-Za-z][A-Za-z0-9&.,' \-]{1,60}?)\s*[)）]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that names an entity, with what the text says about it."""

    start: int
    end: int
    text: str
    type: str
    source: str = "suffix"  # gazetteer | phrase | place | person | table | hanzi | latin | suffix | title | name | acronym | outlet
    keys: tuple[str, ...] = ()  # gazetteer keys with this name
    hanzi: str | None = None  # Chinese name in brackets right after the span
    latin: tuple[str, ...] = ()  # Latin names in brackets right after the span
    title: str | None = None  # a person's title as written
    org: str | None = None  # a person's organisation as written
    place_end: int | None = None  # end of a leading place name inside the span
    place_keys: tuple[str, ...] = ()
    defined_by: tuple[int, int] | None = None  # the full name a short one stands for: "…진흥원(이하 진흥원)"
    title_start: int | None = None  # where a person's title is written (Chinese and English readers)
    title_end: int | None = None
    name: str | None = None  # for "Mayor Lee": the full name of the person meant

    @property
    def key(self) -> str | None:
        """The first gazetteer key with this name, if any."""
        return self.keys[0] if self.keys else None


@dataclass(frozen=True, slots=True)
class Token:
    """A Kiwi token as a span of the text, with its part-of-speech tag."""

    start: int
    end: int
    tag: str


def eojeol_rest(text: str, i: int) -> str:
    """Return the rest of the word that runs on from ``text[i]`` (a particle, a suffix, or nothing)."""
    j = i
    while j < len(text) and WORDCH.match(text[j]):
        j += 1
    return text[i:j]


def place_suffix(word: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """Return (unit ending, type) when ``word`` is a name plus an administrative unit (위베이구).

    >>> from cityties.ingest.lexicon import load_lexicon
    >>> place_suffix("위베이구", load_lexicon()), place_suffix("구", load_lexicon())
    (('구', 'District'), None)
    """
    for suffix in sorted(lexicon.place_suffixes, key=len, reverse=True):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return suffix, lexicon.place_suffixes[suffix]
    return None
