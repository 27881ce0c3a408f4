"""Language data for mentions: title words, name suffixes, particles, and Chinese transcription.

The words live in ``data/lexicon/ko/mentions.json`` and the pinyin table in
``data/lexicon/zh/pinyin_hangul.json``; this module only loads and applies them.

>>> lex = load_lexicon()
>>> lex.suffix_type("충칭우전대학교")
('대학교', 'University')
>>> transcribe_hanzi("重庆", lex.pinyin)
'충칭'
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Mapping

from pypinyin import Style, lazy_pinyin

_HANGUL_BASE = 0xAC00
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_HANZI = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class PinyinTable:
    """The pinyin -> Hangul transcription table (see ``pinyin_hangul.json``)."""

    initials: Mapping[str, str]
    finals: Mapping[str, tuple[str, str]]
    standalone: Mapping[str, str]
    palatal: frozenset[str]
    retroflex: frozenset[str]
    retroflex_i: str
    after_affricate: Mapping[str, str]
    affricates: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Title words, suffix -> type, particles, and the transcription table."""

    titles: tuple[str, ...]
    suffixes: Mapping[str, str]
    place_suffixes: Mapping[str, str]
    particles: frozenset[str]
    stop_prefixes: frozenset[str]
    generic_heads: frozenset[str]
    chrome: tuple[re.Pattern[str], ...]
    pinyin: PinyinTable
    surnames_ko: frozenset[str] = frozenset()
    surnames_zh: frozenset[str] = frozenset()
    latin_stop: frozenset[str] = frozenset()
    not_place_endings: tuple[str, ...] = ()
    generic_stems: frozenset[str] = frozenset()
    head_synonyms: Mapping[str, str] = None
    not_names: frozenset[str] = frozenset()
    fused_suffixes: frozenset[str] = frozenset()
    venue_suffixes: tuple[str, ...] = ()
    anniversary_words: frozenset[str] = frozenset()
    short_districts: frozenset[str] = frozenset()
    unit_bodies: Mapping[str, str] = None  # 시의회 -> 시: a body named by its unit alone
    unit_anaphors: Mapping[str, str] = None  # "시는", "우리 구": the text's own place of that unit
    department_heads: Mapping[str, str] = None  # 과장 -> 과: a title fused with the unit it heads

    def suffix_type(self, word: str) -> tuple[str, str] | None:
        """Return (suffix, entity type) of the longest suffix ``word`` ends with, or None.

        >>> load_lexicon().suffix_type("구이양 빅데이터밸리")
        ('밸리', 'IndustrialPark')
        >>> load_lexicon().suffix_type("빅데이터") is None
        True
        """
        for size in range(min(len(word), _longest(tuple(self.suffixes))), 0, -1):
            etype = self.suffixes.get(word[-size:])
            if etype is not None:
                return word[-size:], etype
        return None

    def strip_particle(self, word: str) -> str:
        """Return ``word`` without one trailing particle (the longest that leaves two characters).

        >>> load_lexicon().strip_particle("충칭시와의")
        '충칭시'
        >>> load_lexicon().strip_particle("의회")
        '의회'
        """
        for p in _by_length(tuple(self.particles)):
            if word.endswith(p) and len(word) - len(p) >= 2:
                return word[: -len(p)]
        return word

    def is_chrome(self, line: str) -> bool:
        """Return True when a line is page furniture (a weather widget, a copyright line)."""
        return any(p.search(line) for p in self.chrome)


@lru_cache(maxsize=64)
def _longest(words: tuple[str, ...]) -> int:
    return max(map(len, words), default=0)


@lru_cache(maxsize=64)
def _by_length(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _read_json(package_path: str, data_dir: Path | None) -> dict:
    if data_dir is not None and (data_dir / package_path).is_file():
        return json.loads((data_dir / package_path).read_text(encoding="utf-8"))
    ref = resources.files("cityties").joinpath("data", *package_path.split("/"))
    return json.loads(ref.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """Load the lexicon from package data, a user ``data_dir`` overriding files it holds."""
    words = _read_json("lexicon/ko/mentions.json", data_dir)
    table = _read_json("lexicon/zh/pinyin_hangul.json", data_dir)
    pinyin = PinyinTable(
        initials=table["initials"],
        finals={k: (v[0], v[1]) for k, v in table["finals"].items()},
        standalone=table["standalone"],
        palatal=frozenset(table["palatal_initials"]),
        retroflex=frozenset(table["retroflex_initials"]),
        retroflex_i=table["retroflex_i"],
        after_affricate=table["after_affricate"],
        affricates=frozenset(table["affricates"]),
    )
    return Lexicon(
        titles=_by_length(tuple(words["titles"])),
        suffixes=dict(words["suffixes"]),
        place_suffixes=dict(words["place_suffixes"]),
        particles=frozenset(words["particles"]),
        stop_prefixes=frozenset(words["stop_prefixes"]),
        generic_heads=frozenset(words["generic_heads"]),
        chrome=tuple(re.compile(p) for p in words["chrome_patterns"]),
        pinyin=pinyin,
        surnames_ko=frozenset(words.get("surnames_ko", ())),
        surnames_zh=frozenset(words.get("surnames_zh", ())),
        latin_stop=frozenset(words.get("latin_stop", ())),
        not_place_endings=tuple(words.get("not_place_endings", ())),
        generic_stems=frozenset(words.get("generic_stems", ())),
        head_synonyms=dict(words.get("head_synonyms", {})),
        not_names=frozenset(words.get("not_names", ())),
        fused_suffixes=frozenset(words.get("fused_suffixes", ())),
        venue_suffixes=tuple(words.get("venue_suffixes", ())),
        anniversary_words=frozenset(words.get("anniversary_words", ())),
        short_districts=frozenset(words.get("short_districts", ())),
        unit_bodies=dict(words.get("unit_bodies", {})),
        unit_anaphors=dict(words.get("unit_anaphors", {})),
        department_heads=dict(words.get("department_heads", {})),
    )


# ---------------------------------------------------------------- transcription

def _compose(initial: str, vowel: str, final: int) -> str:
    return chr(_HANGUL_BASE + (_INITIALS.index(initial) * 21 + _VOWELS.index(vowel)) * 28 + final)


def _decompose(syllable: str) -> tuple[str, str, int]:
    code = ord(syllable) - _HANGUL_BASE
    return _INITIALS[code // 588], _VOWELS[(code % 588) // 28], code % 28


def hangul_of_pinyin(syllable: str, table: PinyinTable) -> str | None:
    """Transcribe one toneless pinyin syllable into Hangul; None if it is not pinyin.

    >>> t = load_lexicon().pinyin
    >>> [hangul_of_pinyin(s, t) for s in ("chong", "qing", "gui", "yang", "zhi", "jiu", "xue", "lv")]
    ['충', '칭', '구이', '양', '즈', '주', '쉐', '뤼']
    """
    s = syllable.lower().replace("ü", "v")
    if s in table.standalone:
        return table.finals[table.standalone[s]][0]
    if s in table.finals:
        return table.finals[s][0]
    initial = next((i for i in ("zh", "ch", "sh") if s.startswith(i)), s[:1])
    if initial not in table.initials:
        return None
    final = s[len(initial):]
    if initial in table.palatal and final and final[0] == "u":
        final = "v" + final[1:]  # ju, quan, xun spell ü as u
    if final == "i" and initial in table.retroflex:
        hangul = table.retroflex_i
    elif final in table.finals:
        hangul = table.finals[final][1]
    else:
        return None
    consonant = table.initials[initial]
    first, vowel, coda = _decompose(hangul[0])
    if consonant in table.affricates:
        vowel = table.after_affricate.get(vowel, vowel)
    return _compose(consonant, vowel, coda) + hangul[1:]


def transcribe_hanzi(text: str, table: PinyinTable) -> str:
    """Transcribe Chinese characters into Hangul by the Korean standard (other characters kept).

    >>> t = load_lexicon().pinyin
    >>> transcribe_hanzi("成都", t), transcribe_hanzi("贵阳市", t), transcribe_hanzi("陈敏尔", t)
    ('청두', '구이양스', '천민얼')
    """
    out = []
    for piece in lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [c for c in chars]):
        hangul = hangul_of_pinyin(piece, table) if piece.isascii() and piece.isalpha() else None
        out.append(hangul if hangul is not None else piece)
    return "".join(out)


def has_hanzi(text: str) -> bool:
    """Return True when ``text`` holds a Chinese character.

    >>> has_hanzi("천민얼(陈敏尔)"), has_hanzi("충칭")
    (True, False)
    """
    return bool(_HANZI.search(text))


# ---------------------------------------------------------------- Chinese and English names

@dataclass(frozen=True, slots=True)
class NameLexicon:
    """Suffixes, titles and stop words of one language (``data/lexicon/<lang>/mentions.json``)."""

    language: str
    suffixes: Mapping[str, str]
    titles: tuple[str, ...]
    membership_titles: frozenset[str]
    stops: tuple[str, ...]
    head_suffixes: frozenset[str] = frozenset()
    acronym_stops: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    name_breakers: str = ""
    not_endings: tuple[str, ...] = ()
    surnames: str = ""
    compound_surnames: tuple[str, ...] = ()
    place_units: str = ""  # zh: characters that end a place name and may start a title (市 of 市长)
    place_titles: Mapping[str, str] = field(default_factory=dict)  # 市长 -> City: the kind of place a title heads

    def suffix_type(self, name: str) -> tuple[str, str] | None:
        """Return (suffix, type) of the longest suffix ``name`` ends with, or None.

        >>> load_name_lexicon("zh").suffix_type("重庆市人民政府外事办公室")
        ('办公室', 'GovernmentBody')
        >>> load_name_lexicon("en").suffix_type("Goyang City Hall")
        ('City Hall', 'GovernmentBody')
        """
        for suffix in _longest_first(tuple(self.suffixes)):
            if name.endswith(suffix) and (self.language == "zh" or name == suffix
                                          or name[-len(suffix) - 1] == " "):
                return suffix, self.suffixes[suffix]
        return None


@lru_cache(maxsize=32)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=8)
def load_name_lexicon(language: str, data_dir: Path | None = None) -> NameLexicon:
    """Load ``lexicon/<language>/mentions.json`` from ``data_dir`` if it has one, else the package."""
    path = Path(data_dir) / "lexicon" / language / "mentions.json" if data_dir else None
    if path is not None and path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
    else:
        ref = resources.files("cityties").joinpath("data", "lexicon", language, "mentions.json")
        data = json.loads(ref.read_text(encoding="utf-8"))
    return NameLexicon(
        language=language, suffixes=dict(data["suffixes"]), titles=_longest_first(tuple(data["titles"])),
        membership_titles=frozenset(data.get("membership_titles", ())), stops=_longest_first(tuple(data["stops"])),
        head_suffixes=frozenset(data.get("head_suffixes", ())),
        acronym_stops=frozenset(data.get("acronym_stops", ())), connectors=frozenset(data.get("connectors", ())),
        abbreviations=frozenset(data.get("abbreviations", ())), name_breakers=data.get("name_breakers", ""),
        not_endings=tuple(data.get("not_endings", ())), surnames=data.get("surnames", ""),
        compound_surnames=tuple(data.get("compound_surnames", ())), place_units=data.get("place_units", ""),
        place_titles=dict(data.get("place_titles", {})))


# ---------------------------------------------------------------- lexicon files

def read_lexicon_file(lang: str, name: str, data_dir: Path | str | None = None) -> dict:
    """Return ``data/lexicon/<lang>/<name>``, with a data directory's file of the same name added.

    The user's file adds to ours (its lists extend ours, its tables update ours), so a
    data directory holding one extra cue word needs nothing else.

    >>> "방문" in read_lexicon_file("ko", "facts.json")["visit_words"]
    True
    """
    node = resources.files("cityties").joinpath("data", "lexicon", lang, name)
    data = json.loads(node.read_text(encoding="utf-8")) if node.is_file() else {}
    path = Path(data_dir) / "lexicon" / lang / name if data_dir else None
    if path is not None and path.is_file():
        data = overlay(data, json.loads(path.read_text(encoding="utf-8")))
    return data if isinstance(data, dict) else {}


def overlay(base: dict, extra: dict) -> dict:
    """Add a user's lexicon to ours: lists extended, tables updated, anything else replaced.

    >>> overlay({"a": [1], "b": {"x": 1}, "c": 1}, {"a": [2], "b": {"y": 2}, "c": 3})
    {'a': [1, 2], 'b': {'x': 1, 'y': 2}, 'c': 3}
    """
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            out[key] = {**old, **value}
        else:
            out[key] = value
    return out
