"""Names in English text: capitalised word runs ending in a suffix word, titled persons, acronyms.

A run is a sequence of capitalised words joined by single spaces (``Goyang
Industry Promotion Agency``); ``of``/``for``/``&`` may join it after a head word
(``City of Goyang``, ``Ministry of Commerce``). A run is a name when it ends in
a suffix word from ``data/lexicon/en/mentions.json`` or has a head word before
``of``; leading sentence words (The, Both …) are dropped. Persons are two or
three capitalised words next to a title in the orders news uses:
``Mayor Lee Jae-joon``, ``Vice Mayor of Chengdu Wang Lin``,
``The Mayor of Goyang, Lee Dong-hwan``, ``Wang Lin, Vice Mayor of Chengdu``.

>>> from cityties.ingest.lexicon import load_name_lexicon
>>> [(c.text, c.type) for c in english_mentions("The Goyang Industry Promotion Agency said.", [], load_name_lexicon("en"))]
[('Goyang Industry Promotion Agency', 'Organization')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..lexicon import NameLexicon, load_name_lexicon  # noqa: F401 - used by the doctests
from .candidate import Candidate

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9&]*(?:['’][A-Za-z]+)*(?:[-.][A-Za-z0-9]+)*\.?")
_NAME_PART = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?")  # Heong-jun, Frank-Walter
_CAPS_FAMILY = re.compile(r"[A-Z]{2,5}")  # "GANG Gi-jeong", "WANG Zhenyong": a family name in capitals
_MONTHS = frozenset("January February March April May June July August September October November "
                    "December".split())


@dataclass(frozen=True, slots=True)
class Word:
    """One word of the text: its span without a sentence-final dot or a possessive 's."""

    start: int
    end: int
    text: str
    possessive: bool = False


def words(text: str, lex: NameLexicon) -> list[Word]:
    """Split English text into words with offsets.

    >>> [w.text for w in words("Korea's largest Co. Ltd. centre.", load_name_lexicon("en"))]
    ['Korea', 'largest', 'Co.', 'Ltd.', 'centre']
    """
    out = []
    for m in _WORD.finditer(text):
        s, e, w = m.start(), m.end(), m.group()
        if w.endswith(".") and w not in lex.abbreviations:
            e, w = e - 1, w[:-1]
        poss = False
        if re.search(r"['’]s$", w) and w not in ("People's",):
            e, w, poss = e - 2, w[:-2], True
        if w:
            out.append(Word(s, e, w, poss))
    return out


def _is_cap(w: Word) -> bool:
    return w.text[0].isupper() or (w.text.isdigit() and len(w.text) == 4)


def _joined(text: str, a: Word, b: Word) -> bool:
    # "Business & Science": an ampersand joins like a space
    return re.fullmatch(r"[ \t]+(?:&[ \t]+)?", text[a.end:b.start]) is not None and not a.possessive


def _multi_match(ws: Sequence[Word], i: int, phrases: Sequence[str], text: str) -> int:
    """Return how many words from ``i`` spell the longest of ``phrases`` (0 if none)."""
    best = 0
    for phrase in phrases:
        parts = phrase.split()
        n = len(parts)
        if n <= best or i + n > len(ws):
            continue
        if all(ws[i + k].text.casefold() == parts[k].casefold() for k in range(n)) and \
                all(_joined(text, ws[i + k], ws[i + k + 1]) for k in range(n - 1)):
            best = n
    return best


def _runs(text: str, ws: Sequence[Word], lex: NameLexicon, title_at: dict[int, int]) -> list[tuple[int, int]]:
    """Return [i, j) word ranges of capitalised runs, cut at titles and possessives."""
    runs = []
    i = 0
    while i < len(ws):
        if not _is_cap(ws[i]) or i in title_at:
            i += title_at.get(i, 1)
            continue
        j = i + 1
        while j < len(ws) and j not in title_at and _joined(text, ws[j - 1], ws[j]):
            if _is_cap(ws[j]):
                j += 1
            elif ws[j].text in lex.connectors and j + 1 < len(ws) and _is_cap(ws[j + 1]) \
                    and _ends_in_head(ws[i:j], lex) and _joined(text, ws[j], ws[j + 1]):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _ends_in_head(ws: Sequence[Word], lex: NameLexicon) -> bool:
    joined = " ".join(w.text for w in ws)
    return any(joined == h or joined.endswith(" " + h) for h in lex.head_suffixes)


def _run_name(text: str, ws: Sequence[Word], i: int, j: int, lex: NameLexicon) -> Candidate | None:
    """The name a run spells, if its last words are a suffix or a head word precedes ``of``."""
    while i < j and (ws[i].text in lex.stops or ws[i].text in _MONTHS):
        i += 1
    if i >= j:
        return None
    name = text[ws[i].start:ws[j - 1].end]
    hit = lex.suffix_type(name)
    if hit and name != hit[0]:
        return Candidate(ws[i].start, ws[j - 1].end, name, hit[1])
    for k in range(i + 1, j - 1):
        if ws[k].text in lex.connectors:
            head = lex.suffix_type(text[ws[i].start:ws[k - 1].end])
            if head:
                return Candidate(ws[i].start, ws[j - 1].end, name, head[1])
    return None


def _name_after(text: str, ws: Sequence[Word], i: int, lex: NameLexicon, least: int = 2) -> int:
    """Return how many words from ``i`` form a person's name (two or three, else 0)."""
    n = 0
    while i + n < len(ws) and n < 3:
        w = ws[i + n]
        caps = n == 0 and _CAPS_FAMILY.fullmatch(w.text) is not None and i + 1 < len(ws) \
            and _NAME_PART.fullmatch(ws[i + 1].text) is not None and w.text not in lex.abbreviations
        if not (_NAME_PART.fullmatch(w.text) or caps) or w.text in lex.stops or w.text in _MONTHS \
                or lex.suffix_type(w.text) or w.text in lex.titles:
            break
        if n and not _joined(text, ws[i + n - 1], w):
            break
        n += 1
        if w.possessive:
            break
    return n if n >= least else 0


def _name_before(text: str, ws: Sequence[Word], end: int, lex: NameLexicon) -> int:
    """Return where a two- or three-word name ending just before word ``end`` starts, else -1."""
    for size in (3, 2):
        start = end - size
        if start >= 0 and _name_after(text, ws, start, lex) == size:
            return start
    return -1


def _org_at(names: dict[int, Candidate], ws: Sequence[Word], i: int) -> int:
    """Return the index of the word after the name that starts at word ``i``, or -1."""
    c = names.get(ws[i].start) if i < len(ws) else None
    if c is None:
        return -1
    k = i
    while k < len(ws) and ws[k].end <= c.end:
        k += 1
    return k


def english_mentions(text: str, hits: Sequence[Candidate], lex: NameLexicon) -> list[Candidate]:
    """Return gazetteer hits, suffixed names, titled persons and acronyms of an English text.

    >>> lex = load_name_lexicon("en")
    >>> [(c.text, c.title) for c in english_mentions("The Mayor of Goyang City, Lee Dong-hwan, met Mayor Lee Jae-joon.",
    ...                                              [], lex) if c.type == "Person"]
    [('Lee Dong-hwan', 'Mayor'), ('Lee Jae-joon', 'Mayor')]
    """
    ws = words(text, lex)
    # a title in lower case counts before a name: "council member Li Dengai"
    # and after a name and its comma: "Carola Feitt, chairman of …", "GANG Gi-jeong, the mayor of …"
    title_at = {i: n for i in range(len(ws)) if (n := _multi_match(ws, i, lex.titles, text))
                and (ws[i].text[0].isupper() or _name_after(text, ws, i + n, lex)
                     or re.search(r"[A-Za-z],\s*(?:the\s+)?$", text[max(0, ws[i].start - 8):ws[i].start]))}
    out: list[Candidate] = list(hits)
    names = {h.start: h for h in hits}
    for i, j in _runs(text, ws, lex, title_at):
        c = _run_name(text, ws, i, j, lex)
        if c is None or any(h.start == c.start and h.end >= c.end for h in hits):
            continue
        # a run longer than the gazetteer name it starts with (Tianjin Municipal Commerce Bureau) wins,
        # unless it only adds a unit word of the same type: Goyang Special City is Goyang
        c = _without_place_of(c, hits, lex)
        head = next((h for h in hits if h.start == c.start and h.end < c.end), None)
        if head is not None and head.type == c.type and lex.suffix_type(c.text)[0] == text[head.end:c.end].strip():
            c = Candidate(c.start, c.end, c.text, head.type, "gazetteer", head.keys)
        names[c.start] = c
        out.append(c)
    persons = _persons(text, ws, lex, title_at, names)
    persons += _family_backrefs(ws, lex, persons, title_at)
    out = [c for c in out if not any(p.start < c.end and c.start < p.end for p in persons)] + persons
    taken = [(c.start, c.end) for c in out]
    for w in ws:
        if re.fullmatch(r"[A-Z][A-Z0-9&]{1,9}", w.text) and w.text not in lex.acronym_stops \
                and not any(s < w.end and w.start < e for s, e in taken):
            out.append(Candidate(w.start, w.end, w.text, "Organization", source="acronym"))
    return out


def _family_backrefs(ws: Sequence[Word], lex: NameLexicon, persons: Sequence[Candidate],
                     title_at: dict[int, int]) -> list[Candidate]:
    """"Mayor Park", "Kwon also led …": a family name alone, after its title or not, stands for the
    one titled person of that family named earlier (Park Heong-jun, Kwon Young-jin)."""
    family: dict[str, set[str]] = {}
    first_at: dict[str, int] = {}
    for p in persons:
        parts = p.text.split()
        for f in {parts[0], parts[-1]} if len(parts) >= 2 else ():
            family.setdefault(f.capitalize(), set()).add(p.text)
            first_at[f.capitalize()] = min(first_at.get(f.capitalize(), p.start), p.start)
    taken = [(p.start, p.end) for p in persons]
    out = []
    for k, w in enumerate(ws):
        full = family.get(w.text)
        if not full or len(full) != 1 or w.start <= first_at[w.text] or w.text in lex.stops \
                or any(s <= w.start < e for s, e in taken):
            continue
        if k + 1 < len(ws) and _NAME_PART.fullmatch(ws[k + 1].text) and ws[k + 1].start - w.end == 1:
            continue  # a longer name of its own
        ti = next((t for t, n in title_at.items() if t + n == k), None)
        titled = {"title": " ".join(x.text for x in ws[ti:k]), "title_start": ws[ti].start,
                  "title_end": ws[k - 1].end} if ti is not None else {}
        out.append(Candidate(w.start, w.end, w.text, "Person", source="title", name=next(iter(full)), **titled))
    return out


def _comma_name(text: str, ws: Sequence[Word], i: int, lex: NameLexicon) -> bool:
    """True when words ``i`` and ``i + 1`` are a name written "Family, Given" (Kim, Gi-hong)."""
    if i + 1 >= len(ws) or not re.fullmatch(r",[ \t]*", text[ws[i].end:ws[i + 1].start]):
        return False
    one, two = ws[i], ws[i + 1]
    return all(_NAME_PART.fullmatch(w.text) and w.text not in lex.stops and w.text not in _MONTHS
               and not lex.suffix_type(w.text) for w in (one, two)) \
        and not _multi_match(ws, i + 1, lex.titles, text) and not _name_after(text, ws, i + 1, lex)


def _without_place_of(c: Candidate, hits: Sequence[Candidate], lex: NameLexicon) -> Candidate:
    """Cut "of COUNTRY" off a name that is whole without it: Kaohsiung City Council of Taiwan.

    "University of Seoul" stays: the part before "of" is a bare suffix word, no name.
    """
    m = re.search(r" of (?:the )?(\S.*)$", c.text)
    if m is None:
        return c
    head = c.text[:m.start()]
    place = next((h for h in hits if h.start == c.start + m.start(1) and h.end == c.end), None)
    hit = lex.suffix_type(head)
    if place is None or place.type not in ("Country", "Province") or hit is None or head == hit[0]:
        return c
    return Candidate(c.start, c.start + len(head), head, hit[1])


def _persons(text: str, ws: Sequence[Word], lex: NameLexicon, title_at: dict[int, int],
             names: dict[int, Candidate]) -> list[Candidate]:
    """Persons next to a title, in the four orders English news writes them."""
    out = []

    def add(start: int, size: int, ti: int) -> None:
        tn = title_at[ti]
        out.append(Candidate(ws[start].start, ws[start + size - 1].end,
                             text[ws[start].start:ws[start + size - 1].end], "Person", source="title",
                             title=text[ws[ti].start:ws[ti + tn - 1].end], title_start=ws[ti].start,
                             title_end=ws[ti + tn - 1].end))

    for ti, tn in title_at.items():
        after = ti + tn
        n = _name_after(text, ws, after, lex)
        if n:  # Mayor Lee Jae-joon / Goyang Mayor Lee Jae-joon / Professor Kim of X University
            add(after, n, ti)
            continue
        if _comma_name(text, ws, after, lex):  # President Chang, Chiwang (family name, given name)
            add(after, 2, ti)
            continue
        if after < len(ws) and ws[after].text == "of":
            k = after + 1 + (after + 1 < len(ws) and ws[after + 1].text.lower() == "the")
            org_end = _org_at(names, ws, k)
            if org_end > 0:
                n = _name_after(text, ws, org_end, lex)
                if n:  # Vice Mayor of Chengdu Wang Lin / The Mayor of Goyang, Lee Dong-hwan
                    add(org_end, n, ti)
                    continue
        before = ti - (1 if ti and ws[ti - 1].text.lower() == "the" else 0)
        if before > 0 and re.fullmatch(r",\s*", text[ws[before - 1].end:ws[before].start]):
            start = _name_before(text, ws, before, lex)
            if start >= 0:  # Wang Lin, Vice Mayor of Chengdu
                add(start, before - start, ti)
    return out
