"""Mentions in Chinese and English text, found without Kiwi: gazetteer names, name suffixes, titled persons.

Three sources, in order of trust: gazetteer names in any of their languages
(an own index over the entries' labels and aliases, with ``X City``, ``City of X``,
``Goyang`` for ``Goyang-si`` and ``贵阳市`` for ``贵阳`` added); names ending in an
organisation or place suffix (``…人民政府``, ``…Industry Promotion Agency``);
and persons next to a title in either order (``副市长李明华``, ``Mayor Lee Jae-joon``,
``Wang Lin, Vice Mayor of Chengdu``). The word lists live in
``data/lexicon/{zh,en}/mentions.json``.

>>> from cityties.ingest.gazetteer import Entry, Gazetteer
>>> g = Gazetteer([Entry("chongqing", "City", {"zh": "重庆", "en": "Chongqing"}, country="CN")])
>>> [(c.text, c.type) for c in find_intl_mentions("重庆市人民政府副市长李明华会见了代表团", "zh", g)]
[('重庆市人民政府', 'GovernmentBody'), ('重庆市', 'City'), ('李明华', 'Person')]
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..gazetteer import Entry, Gazetteer
from ..lexicon import load_name_lexicon
from .candidate import Candidate
from .chinese import chinese_mentions
from .english import english_mentions
from .outlets import outlet_mentions
from .script import fold_traditional, korean_reading, name_readings

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_HANGUL = re.compile(r"[가-힣]")
_LINK = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SMALL_TOWN = 100_000


# ---------------------------------------------------------------- the gazetteer in zh and en

_UNIT_EN = re.compile(r"(?:-si|-shi|-gu|-gun|-do| City| Municipality| Special City| Metropolitan City)$")


_ZH_METRO = re.compile(r"(?:广域市|廣域市|特别市|特別市|特别自治市|特別自治市)$")  # Korean metropolitan cities


def _variants(e: Entry) -> set[str]:
    """Every name of an entry, plus the forms news writes: Goyang for Goyang-si, 贵阳市 for 贵阳, X City."""
    out = set(e.names())
    for name in list(out):
        if name.isascii():
            bare = _UNIT_EN.sub("", name)
            out.add(bare)
            if e.type == "City":
                out.update({bare + " City", "City of " + bare})
            elif e.type in ("Province", "District"):
                out.update({bare + " " + e.type, e.type + " of " + bare})
        elif _ZH_METRO.search(name) and len(_ZH_METRO.sub("", name)) >= 2:
            out.update({_ZH_METRO.sub("", name), _ZH_METRO.sub("", name) + "市"})  # 大邱广域市: 大邱, 大邱市
        elif re.fullmatch(r"[\u3400-\u9fff]+", name) and e.type in ("City", "Province", "District"):
            unit = {"City": "市", "Province": "省", "District": "区"}[e.type]
            units = {"City": ("市",), "Province": ("省", "州", "区", "道"), "District": ("区", "县")}[e.type]
            if name.endswith(unit) and len(name) > 2:
                out.add(name[:-1])
            elif not name.endswith(units):  # 杭州 -> 杭州市, but 加利福尼亚州 stays
                out.add(name + unit)
    if not e.curated and e.population < _SMALL_TOWN:
        # a small town's bare two-character name is more often a word (合作, 友好): only its unit form
        out = {n for n in out if not re.fullmatch(r"[\u3400-\u9fff]{1,2}", n)}
    return {n for n in out if len(n) >= 2}


@lru_cache(maxsize=4)
def name_index(gazetteer: Gazetteer) -> Gazetteer:
    """Return a search index over ``gazetteer``'s entries by all their names and news variants.

    Built as a second Gazetteer of the same keys whose names are all aliases, so its
    trie search (``find``) serves Chinese and English text; types come from the original.
    """
    entries = [Entry(e.key, e.type, {}, tuple(sorted(_variants(e))), country=e.country, curated=e.curated)
               for e in gazetteer.entries.values()]
    return Gazetteer(entries)


def gazetteer_hits(text: str, language: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Return the longest gazetteer names in ``text``; in Chinese any character may start or end one."""
    index = name_index(gazetteer)
    words = load_name_lexicon("zh").not_endings
    if language == "zh":
        matches = index.find(text, starts=lambda i: True, ends=lambda s, e: True)
    else:
        matches = index.find(text)
    out = []
    for m in matches:
        entry = _pick(gazetteer, m.keys, korean=bool(_HANGUL.search(text[m.start:m.end])))
        if language != "zh" and not entry.curated and entry.population < _SMALL_TOWN \
                and text[m.start:m.end].isascii():
            continue  # Commerce, Mobile, Nice: small towns named like English words
        if language == "zh" and not entry.curated and text.startswith(words, m.end - 1):
            continue  # 地方|城市 is no 方城市: a town's name whose last character starts a common word
        out.append(Candidate(m.start, m.end, text[m.start:m.end], entry.type, "gazetteer", (entry.key,)))
    return out


_HANGUL_NAME = re.compile(r"[가-힣]{3,}")
_Y_VOWELS = frozenset({2, 6, 7, 12, 17, 20})  # ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ


def dictionary_forms(name: str, readings: dict[str, str] | None = None) -> set[str]:
    """Return ``name`` and the spellings a character-by-character reading gives it.

    A Korean name drops an initial ㄹ or ㄴ (여수 for 麗水 려수, 노원 for 蘆原 로원), and
    some syllables have a reading of their own in names (``readings``: 김포 for 金浦 금포).

    >>> sorted(dictionary_forms("여수시")), sorted(dictionary_forms("나주시"))
    (['녀수시', '려수시', '여수시'], ['나주시', '라주시'])
    >>> sorted(dictionary_forms("김포시", {"김": "금"}))
    ['금포시', '김포시']
    """
    out = {name}
    for own, table in (readings or {}).items():
        if own in name:
            out.add(name.replace(own, table))
    code = ord(name[0]) - 0xAC00
    if not 0 <= code < 11172:
        return out
    lead, vowel = divmod(code, 588)
    if lead == 11 and vowel // 28 in _Y_VOWELS:  # ㅇ before i/y: was ㄹ or ㄴ
        out.update(chr(0xAC00 + new * 588 + vowel) + name[1:] for new in (5, 2))
    elif lead == 2 and vowel // 28 not in _Y_VOWELS:  # ㄴ: was ㄹ
        out.add(chr(0xAC00 + 5 * 588 + vowel) + name[1:])
    return out


@lru_cache(maxsize=4)
def korean_index(gazetteer: Gazetteer) -> Gazetteer:
    """Return a search index over the Korean names (three syllables or more) of places in Korea.

    Searched in the Korean reading of Chinese text, it finds 平澤市 as 평택시 (Pyeongtaek):
    Korean places keep their own characters in Chinese, which no Chinese label holds.
    """
    entries = []
    readings = name_readings()
    for e in gazetteer.entries.values():
        if e.country == "KR" and e.type in ("City", "District", "Province"):
            names = {f for n in e.names() if _HANGUL_NAME.fullmatch(n) for f in dictionary_forms(n, readings)}
            if names:
                entries.append(Entry(e.key, e.type, {}, tuple(sorted(names)), country="KR", curated=e.curated))
    return Gazetteer(entries)


def korean_reading_hits(text: str, gazetteer: Gazetteer, taken: list[Candidate],
                        data_dir: Path | None = None) -> list[Candidate]:
    """Return Korean places written in Chinese characters that no Chinese name covers."""
    reading = korean_reading(text, data_dir)
    out = []
    for m in korean_index(gazetteer).find(reading, starts=lambda i: True, ends=lambda s, e: True):
        if _HAN.fullmatch(text[m.start:m.end]) and not any(c.start < m.end and m.start < c.end for c in taken):
            entry = _pick(gazetteer, m.keys)
            out.append(Candidate(m.start, m.end, text[m.start:m.end], entry.type, "gazetteer", (entry.key,)))
    return out


def _pick(gazetteer: Gazetteer, keys: tuple[str, ...], korean: bool = False) -> Entry:
    """Among same-named entries prefer curated ones, then the most populous; a name written
    in Hangul prefers a place in Korea (안양시 is Anyang in Gyeonggi, not in Henan)."""
    entries = [gazetteer.entries[k] for k in keys]
    return max(entries, key=lambda e: (korean and e.country == "KR", e.curated, e.population))


# ---------------------------------------------------------------- finding

def find_intl_mentions(text: str, language: str, gazetteer: Gazetteer,
                       data_dir: Path | None = None) -> tuple[Candidate, ...]:
    """Return the candidate mentions of a Chinese or English text, in text order.

    Han runs are read the Chinese way and the rest the English way whatever the
    document's language, so ``(天津市商务局)`` in an English newsletter and
    ``KINTEX`` in a Chinese one are found too. Nested names are kept (重庆市 inside
    重庆市人民政府): containment is evidence. Traditional characters are read as
    simplified (:func:`fold_traditional`); each candidate's ``text`` is as written.

    >>> from cityties.ingest.gazetteer import Entry, Gazetteer
    >>> g = Gazetteer([Entry("chengdu", "City", {"en": "Chengdu"})])
    >>> [(c.text, c.type, c.title) for c in find_intl_mentions("Wang Lin, Vice Mayor of Chengdu, said", "en", g)]
    [('Wang Lin', 'Person', 'Vice Mayor'), ('Chengdu', 'City', None)]
    """
    written, text = text, fold_traditional(text, data_dir)
    links = [m.span() for m in _LINK.finditer(text)]
    han = [m.span() for m in _HAN.finditer(text)]

    def in_han(c: Candidate) -> bool:
        return any(s <= c.start and c.end <= e for s, e in han)

    han_hits = [h for h in gazetteer_hits(text, "zh", gazetteer) if in_han(h)] if han else []
    han_hits += korean_reading_hits(text, gazetteer, han_hits, data_dir) if han else []
    latin_hits = [h for h in gazetteer_hits(text, "en", gazetteer)
                  if not any(s < h.end and h.start < e for s, e in han)]
    found = chinese_mentions(text, han_hits, load_name_lexicon("zh", data_dir)) if han else []
    found += english_mentions(text, latin_hits, load_name_lexicon("en", data_dir))
    found = _with_repeats(text, found, language)
    outlets = outlet_mentions(text)  # the publisher a dateline or credit line names
    spans = {(c.start, c.end) for c in outlets}
    found = [c for c in found if (c.start, c.end) not in spans] + outlets
    names = [c for c in found if c.source == "suffix"]
    # a gazetteer name inside a longer name counts only as its leading place (Tianjin in
    # Tianjin Municipal Commerce Bureau), not mid-name (Commerce) nor as a national
    # prefix (Korea in Korea Aerospace University)
    found = [c for c in found if c.source != "gazetteer" or not any(
        n.start < c.start and c.end <= n.end or n.start == c.start and c.end < n.end and c.type == "Country"
        for n in names)]
    seen: set[tuple[int, int]] = set()
    out = []
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        if any(s <= c.start and c.end <= e for s, e in links):
            continue  # a web address or an e-mail names nobody: .../inner/CK/2025/...
        if (c.start, c.end) not in seen:
            seen.add((c.start, c.end))
            if c.text != written[c.start:c.end] or c.title and c.title != written[c.title_start:c.title_end]:
                c = replace(c, text=written[c.start:c.end],
                            title=written[c.title_start:c.title_end] if c.title else None)
            out.append(c)
    return tuple(out)


def _with_repeats(text: str, found: list[Candidate], language: str) -> list[Candidate]:
    """Add later mentions of named persons: the full name again, or "Mayor Lee" for Lee Dong-hwan."""
    persons = [c for c in found if c.type == "Person"]
    taken = [(c.start, c.end) for c in found]
    extra: list[Candidate] = []
    for p in {c.text: c for c in persons}.values():
        for m in re.finditer(re.escape(p.text), text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                extra.append(Candidate(m.start(), m.end(), p.text, "Person", source="name"))
                taken.append(m.span())
    if language != "zh":
        surnames: dict[str, set[str]] = {}
        for p in persons:
            surnames.setdefault(p.text.split()[0], set()).add(p.text)
        for m in re.finditer(r"\b(?:Mayor|Governor|Director|Secretary|Chairman|President|Minister|Professor|"
                             r"Dr\.|Mr\.|Ms\.|Mrs\.)\s+([A-Z][a-z]+)\b(?!\s+[A-Z])", text):
            full = surnames.get(m.group(1), set())
            s, e = m.span(1)
            if len(full) == 1 and not any(ts < e and s < te for ts, te in taken):
                extra.append(Candidate(s, e, m.group(1), "Person", source="name", name=next(iter(full))))
                taken.append((s, e))
    return found + extra
