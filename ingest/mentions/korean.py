"""Find candidate entity mentions in a document, with exact offsets.

Sources, each a small function: gazetteer names; noun phrases that end in an
organisation or place suffix (Kiwi tokens); quoted names; places a country lists
in brackets; Kiwi proper nouns left over (kept by resolution only as near
spellings of known places); Latin names in lists; and, from :mod:`persons`,
persons beside titles, in tables and with Chinese characters in brackets.
``find_mentions`` runs them all over one ``SourceText`` and returns candidates
for :mod:`resolve`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Iterable, Iterator, Sequence

from ...graph.model import ADMIN_PLACES, PLACE_TYPES
from ..gazetteer import Gazetteer, norm
from ..lexicon import Lexicon
from ..source import SourceText
from .candidate import (
    BRACKET_HANZI,
    BRACKET_LATIN,
    HANGUL,
    PROPER,
    WORDCH,
    Candidate,
    Token,
    eojeol_rest,
    place_suffix,
)
from .persons import (
    hanzi_mentions,
    person_mentions,
    persons_after_bodies,
    persons_before_bodies,
    repeat_persons,
    shared_title_persons,
    table_mentions,
    titled_backrefs,
)
from .outlets import outlet_mentions
from .phrases import phrase_mentions

_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9&\-]*(?:\s[A-Z][A-Za-z0-9&\-]*){0,3})(?![A-Za-z0-9])")
_PAREN_LIST = re.compile(r"\s?\(([^()\n]{2,120})\)")
_LIST_GAP = re.compile(r"^[\s,、·/]*(\([^()]{1,12}\))?[\s,、·/]*(및|와|과)?[\s,、·/]*$")


def find_mentions(source: SourceText, gazetteer: Gazetteer, lexicon: Lexicon, kiwi) -> list[Candidate]:
    """Return candidate mentions in ``source`` in text order (nested place prefixes kept)."""
    text = source.text
    toks = [Token(t.start, t.start + t.len, t.tag) for t in kiwi.tokenize(text)]
    chrome = _chrome_spans(text, lexicon)
    cands: list[Candidate] = []
    cands += gazetteer_mentions(text, gazetteer, lexicon, toks)
    cands += phrase_mentions(text, toks, lexicon, gazetteer, cands)
    cands += government_departments(text, lexicon, cands)
    cands += council_members(text, lexicon, cands)
    cands += person_mentions(text, lexicon, toks, kiwi, gazetteer)
    cands += shared_title_persons(text, lexicon, kiwi, cands)
    cands += persons_before_bodies(text, lexicon, kiwi, cands)
    cands += persons_after_bodies(text, lexicon, kiwi, cands)
    cands += table_mentions(source, lexicon)
    cands += hanzi_mentions(text, lexicon, gazetteer, cands)
    cands += listed_places(text, gazetteer, lexicon, cands)
    cands += quoted_mentions(text, lexicon, cands, toks)
    cands += nnp_mentions(text, toks, cands, lexicon)
    cands += short_districts(text, lexicon, cands)
    cands += listed_siblings(text, lexicon, cands)
    cands += unit_anaphors(text, lexicon, cands)
    cands = [_with_brackets(text, c) for c in cands]
    cands += latin_mentions(text, lexicon, gazetteer, cands)
    cands = [c for c in cands if not _inside(chrome, c.start)
             and not (c.source == "phrase" and c.text.endswith(lexicon.venue_suffixes))]  # venues are no entities
    cands += outlet_mentions(text)  # the publisher a byline or credit line names
    cands += repeat_persons(text, lexicon, cands)
    cands += titled_backrefs(text, lexicon, cands)
    cands += repeat_names(text, lexicon, cands)
    cands += defined_short_names(text, lexicon, cands)
    cands += short_event_names(text, lexicon, cands)
    persons = {c.text for c in cands if c.type == "Person"}
    cands = _without_leading_persons(text, cands)
    # a person's name that happens to end in 현/성/구 is still the person
    cands = [replace(c, type="Person", source="person") if c.source == "place" and c.text in persons else c
             for c in cands]
    # "광저우(廣州)": characters in brackets gloss the name before them and name nothing of their own
    ends = {c.end for c in cands if not HANZI_ONLY.fullmatch(c.text)}
    cands = [c for c in cands if not (HANZI_ONLY.fullmatch(c.text) and text[c.start - 1:c.start] in ("(", "（")
                                      and (c.start - 1 in ends or c.start - 2 in ends))]
    # 고창현 부시장: Korea has no 현, so a Korean place written with it is the person's name
    cands = [c for c in cands if not (c.source == "gazetteer" and c.text in persons and c.text.endswith("현")
                                      and c.keys and all(gazetteer.entry(k).country == "KR" for k in c.keys))]
    return _prune(cands)


HANZI_ONLY = re.compile(r"[\u3400-\u9fff]+")
_REPEAT_TYPES = frozenset({"IndustrialPark", "University", "Company", "Organization", "GovernmentBody", "Event"})


_DEPARTMENT = re.compile(r" ((?:[가-힣]{2,6} 및 )?[가-힣]{2,6}부)(?![가-힣])|"
                         r" ((?:[가-힣]{2,6} 및 )?[가-힣]{2,6}부)(?=(?:에서|에게|에|의|와|과|를|을|는|은|가|이|도|로)(?![가-힣]))")


def government_departments(text: str, lexicon: Lexicon, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return a government's departments named after it: 퀸즈랜드 주정부 농업 및 어업부."""
    out = []
    for c in cands:
        if c.type != "GovernmentBody" or not c.text.endswith("정부"):
            continue
        m = _DEPARTMENT.match(text, c.end)
        if m is None:
            continue
        name = m.group(1) or m.group(2)
        if norm(name) in lexicon.generic_heads or lexicon.suffix_type(name.split()[-1]) is not None \
                or name.endswith(("정부", "본부", "내부", "외부", "일부", "전부")):  # 광복군사령부 is a body of its own
            continue
        out.append(Candidate(c.start, c.end + 1 + len(name), text[c.start:c.end + 1 + len(name)],
                             "GovernmentBody", "phrase", place_end=c.place_end, place_keys=c.place_keys))
    return out


def council_members(text: str, lexicon: Lexicon, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return the council a member is named by: "방콕시의원 및 방콕시 간부가 동행" speaks of 방콕시의회.

    The mention is the member word; it resolves to the council of that place (``의원`` and
    ``의회`` are one head, see ``head_synonyms``).
    """
    out = []
    for c in cands:
        if c.type not in ("City", "District", "Province") or c.source == "phrase":
            continue
        end = c.end + (1 if text[c.end:c.end + 1] in ("시", "도", "구", "군") and c.text[-1:] not in "시도구군" else 0)
        if text.startswith("의원", end) and not re.match(r"[가-힣]", text[end + 2:end + 3] or " ") \
                or re.match(r"의원(?:들|단)?(?:과|와|및|이|가|은|는|을|를|도|의)?(?![가-힣])", text[end:end + 6]):
            stop = end + 2
            out.append(Candidate(c.start, stop, text[c.start:stop], "GovernmentBody", "phrase",
                                 place_end=c.end, place_keys=c.keys))
    return out


def repeat_names(text: str, lexicon: Lexicon, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return further occurrences of suffix-named bodies already found, where no finder saw them
    ("박닌성 옌퐁공단" found, the heading "가. 옌퐁공단" missed): one name, one sense per document."""
    names: dict[str, str] = {}
    for c in cands:
        if c.source in ("place", "nnp") and c.type in ("City", "District", "Province") and len(c.text) >= 3 \
                and c.text[-1] in lexicon.place_suffixes and " " not in c.text:
            names.setdefault(c.text, c.type)  # "다카하시시" found once is 다카하시시 everywhere
            continue
        if c.source != "phrase" or c.type not in _REPEAT_TYPES:
            continue
        for name in (c.text, c.text[c.place_end - c.start:].strip() if c.place_end else ""):
            hit = lexicon.suffix_type(name) if len(name) >= 4 and " " not in name else None
            stem = name[: len(name) - len(hit[0])] if hit else ""
            if hit and len(stem) >= 2 and stem not in lexicon.generic_stems \
                    and norm(name) not in lexicon.generic_heads:
                names.setdefault(name, c.type)  # 옌퐁공단, not 빅데이터밸리
    spans = sorted((c.start, c.end) for c in cands)
    out = []
    for name, etype in names.items():
        out += [Candidate(s, e, name, etype, "phrase") for s, e in _free_uses(text, name, spans, lexicon)]
    return out


def _free_uses(text: str, name: str, spans: Sequence[tuple[int, int]], lexicon: Lexicon,
               after: int = 0) -> Iterator[tuple[int, int]]:
    """Yield where ``name`` stands after ``after`` as a whole word (a particle may follow) that
    no candidate covers yet."""
    for m in re.finditer(re.escape(name), text[after:]):
        s, e = after + m.start(), after + m.end()
        if (s > 0 and WORDCH.match(text[s - 1])) or any(a < e and s < b for a, b in spans):
            continue
        rest = eojeol_rest(text, e)
        if rest and rest not in lexicon.particles:
            continue
        yield s, e


_DEFINED = re.compile(r"\s?\(\s*이하\s*[‘'\"“「]?([가-힣A-Za-z]{2,12}?)[’'\"”」]?\s*(?:이?라\s*함|이?라\s*한다)?\s*\)")


def defined_short_names(text: str, lexicon: Lexicon, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return the later uses of a short name the document defines for a body:
    "경기도경제과학진흥원(이하 진흥원)" — each later "진흥원" names that body."""
    spans = sorted((c.start, c.end) for c in cands)
    out = []
    for c in cands:
        m = _DEFINED.match(text, c.end) if c.type in _REPEAT_TYPES else None
        if not m:
            continue
        short = m.group(1)
        out += [Candidate(s, e, short, c.type, "phrase", defined_by=(c.start, c.end))
                for s, e in _free_uses(text, short, spans, lexicon, after=m.end())]
    return out


def short_event_names(text: str, lexicon: Lexicon, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return the later uses of an event's name without its year, place or edition:
    "2018 중국국제스마트산업박람회" found, then "스마트산업박람회 개막식 참석" on the schedule."""
    spans = sorted((c.start, c.end) for c in cands)
    out, seen = [], set()
    for c in cands:
        if c.type != "Event" or c.source != "phrase" or " " in c.text.strip() and not c.text.split()[0][:1].isdigit():
            continue
        name = c.text.split()[-1]
        hit = lexicon.suffix_type(name)
        if hit is None:
            continue
        for cut in range(1, len(name) - len(hit[0]) - 2):
            short = name[cut:]
            if short in seen or len(short) < 6 or norm(short) in lexicon.generic_heads:
                continue
            seen.add(short)
            out += [Candidate(s, e, short, "Event", "phrase", defined_by=(c.start, c.end))
                    for s, e in _free_uses(text, short, spans, lexicon)]
    return out


# ---------------------------------------------------------------- gazetteer

def gazetteer_mentions(text: str, gazetteer: Gazetteer, lexicon: Lexicon, toks: Sequence[Token]) -> list[Candidate]:
    """Return gazetteer names that end at a word, particle, suffix or Kiwi token boundary."""
    tok_ends = {t.end for t in toks}
    tag_at = {t.start: t for t in toks}

    def ends(s: int, e: int) -> bool:
        if e >= len(text) or not WORDCH.match(text[e]):
            return True
        if text[e].isascii():
            return False  # a Latin name runs on (KICK is not KIC); Hangul may follow it (G20회원국)
        if text[e - 1].isascii():
            return True
        rest = eojeol_rest(text, e)
        return (rest in lexicon.particles or lexicon.suffix_type(rest) is not None
                or rest[:1] in lexicon.place_suffixes or e in tok_ends)

    matches = list(gazetteer.find(text, ends=ends))
    focus = _focus(matches, gazetteer)
    kept: list[tuple[Candidate, bool]] = []
    for k, m in enumerate(matches):
        entries = [gazetteer.entry(key) for key in m.keys]
        surface = text[m.start:m.end]
        etype = entries[0].type
        if norm(surface) in lexicon.not_names or (surface.isascii() and surface.islower()):
            continue  # 한중 is Korea-China; "province of san jose" is no mention of San Jose
        # a short name, or a far-away city from GeoNames (브랜드, 코로나), is often a Korean
        # word: keep it when Kiwi calls it a proper noun, it sits in a list of places,
        # or a unit ending follows
        far = all(not e.curated and e.country not in focus and e.population < 1_000_000 for e in entries)
        weak = HANGUL.search(surface) and all(e.type in PLACE_TYPES for e in entries) and (
            len(norm(surface)) <= 2 or far)
        if weak:
            tok = tag_at.get(m.start)
            proper = (tok is not None and tok.tag == "NNP" and tok.end >= m.end - 1 and not far
                      or _after_country(text, matches, k, gazetteer, entries))
            listed = (tok is not None and tok.tag in ("NNP", "NNG") and tok.end >= m.end
                      and any(_listed(text, matches[j], m) for j in (k - 1, k + 1) if 0 <= j < len(matches)))
            suffixed = m.end < len(text) and text[m.end] in lexicon.place_suffixes
            weak = not (proper or listed or suffixed)
        if etype == "Company" and surface.isascii() and m.end < len(text) and HANGUL.match(text[m.end]):
            rest = lexicon.strip_particle(eojeol_rest(text, m.end))
            if len(rest) >= 2 and rest not in lexicon.particles:
                # LG디스플레이, SK하이닉스: a group's name fused to a business is its own company
                kept.append((Candidate(m.start, m.end + len(rest), surface + rest, "Company", "phrase"), False))
                continue
        end = m.end
        if etype in PLACE_TYPES - {"Country"} and end < len(text) and text[end] in lexicon.place_suffixes \
                and norm(surface)[-1:] not in lexicon.place_suffixes:
            rest = eojeol_rest(text, end + 1)
            if not rest or rest in lexicon.particles:  # 충청시와: the unit belongs to the mention
                end += 1
        kept.append((Candidate(m.start, end, text[m.start:end], etype, "gazetteer", m.keys), bool(weak)))
    # one sense per text: a weak reading (선전) stands when a strong one (선전시) names the same place
    confirmed = {key for c, weak in kept if not weak for key in c.keys}
    return [c for c, weak in kept if not weak or confirmed.intersection(c.keys)]


def _after_country(text: str, matches, k: int, gazetteer: Gazetteer, entries) -> bool:
    """Return True when the name follows its own country's name (러시아 율리아놉스크)."""
    if k == 0 or matches[k].start - matches[k - 1].end > 1:
        return False
    prev = [gazetteer.entry(key) for key in matches[k - 1].keys]
    return any(p.type == "Country" and p.country == e.country for p in prev for e in entries)


def _focus(matches, gazetteer: Gazetteer) -> frozenset[str]:
    """Return the countries curated names in the text point to (the country itself, its places)."""
    counts: dict[str, int] = {}
    for m in matches:
        for key in m.keys:
            e = gazetteer.entry(key)
            if e.curated and e.country and e.type in PLACE_TYPES:
                counts[e.country] = counts.get(e.country, 0) + 1
    total = sum(counts.values()) or 1
    return frozenset(c for c, n in counts.items() if n / total >= 0.1)


def _listed(text: str, a, b) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return lo.end <= hi.start and hi.start - lo.end <= 14 and bool(_LIST_GAP.match(text[lo.end:hi.start]))


def listed_places(text: str, gazetteer: Gazetteer, lexicon: Lexicon, known: Sequence[Candidate]) -> list[Candidate]:
    """Return the places a country lists in brackets: 미국(볼드윈, 팔로알토, 시애틀), 일본(미토시).

    Each item is matched in that country only, exactly or on jamo; an item the
    gazetteer lacks becomes a new place of the type its unit ending implies.
    ``place_keys`` carries the country.
    """
    taken = {(c.start, c.end) for c in known}
    out = []
    for c in known:
        if c.type != "Country" or len(c.keys) != 1:
            continue
        m = _PAREN_LIST.match(text, c.end)
        if m is None:
            continue
        country = gazetteer.entry(c.keys[0]).country
        pos = m.start(1)
        for item in re.split(r"([,、·/])", m.group(1)):
            start = pos + len(item) - len(item.lstrip())
            name = item.strip()
            pos += len(item)
            if not (2 <= len(name) <= 10) or not all("가" <= ch <= "힣" for ch in name) \
                    or (start, start + len(name)) in taken or norm(name) in lexicon.not_names:
                continue
            exact = [e for e in gazetteer.lookup(name) if e.country == country and e.type != "Country"]
            near = [e for e, _ in gazetteer.similar(name, cutoff=85, limit=5)
                    if e.country == country and e.type in PLACE_TYPES and e.type != "Country"]
            hits = exact or near[:1]
            unit = place_suffix(name, lexicon)
            etype = hits[0].type if hits else (unit[1] if unit else "City")
            out.append(Candidate(start, start + len(name), name, etype, "listed",
                                 tuple(e.key for e in hits), place_keys=c.keys))
    return out


_QUOTED = re.compile(r"[「『<〈《‘“'\"]([^」』>〉》’”'\"\n]{3,60}?)[」』>〉》’”'\"]")


def quoted_mentions(text: str, lexicon: Lexicon, known: Sequence[Candidate],
                    toks: Sequence[Token] = ()) -> list[Candidate]:
    """Return quoted names that end in a suffix: the quotes give the whole name
    (「인공지능 교육 세미나」, “제1회 … 산업정책 포럼”)."""
    spans = {(c.start, c.end) for c in known}
    out = []
    for m in _QUOTED.finditer(text):
        name = m.group(1).strip()
        start = m.start(1) + m.group(1).index(name)
        hit = lexicon.suffix_type(name)
        if hit is None or hit[1] in ADMIN_PLACES or (start, start + len(name)) in spans:
            continue
        if hit[0] in lexicon.fused_suffixes and not WORDCH.match(name[-len(hit[0]) - 1:][:1]):
            continue  # "스마트 공장": a fused-only suffix written as its own word
        stem = norm(name)[: -len(norm(hit[0]))]
        words = [w for w in re.split(r"[\s·&]+", name[: len(name) - len(hit[0])]) if w]
        if len(stem) < 2 or all(w in lexicon.generic_stems for w in words):
            continue
        end = start + len(name)
        proper = any(start <= t.start and t.end <= end - len(hit[0]) and t.tag in PROPER for t in toks) or any(
            start <= c.start and c.end <= end for c in known)
        if hit[1] != "Event" and not proper:
            continue  # a quoted event title may be all common words; a body's name needs a proper one
        out.append(Candidate(start, end, name, hit[1], "phrase"))
    return out


def unit_anaphors(text: str, lexicon: Lexicon, known: Sequence[Candidate]) -> list[Candidate]:
    """Return words that stand for the text's own place: "시는 …", "시와 징저우시는", "우리 구".

    A bare unit counts only as a word of its own at a clause's start or after "우리";
    resolution gives it the place of that unit the text names most.

    >>> from cityties.ingest.lexicon import load_lexicon
    >>> [c.text for c in unit_anaphors("시와 징저우시는 결연했다. 구는 이를 위해 우리 구 직원을 보냈다. 시장은", load_lexicon(), [])]
    ['시', '구', '우리 구']
    """
    words = lexicon.unit_anaphors or {}
    if not words:
        return []
    taken = [(c.start, c.end) for c in known]
    bare = [w for w in words if len(w) == 1]
    phrases = [w for w in words if len(w) > 1]
    out = []
    pattern = r"(?:%s)" % "|".join(re.escape(w) for w in sorted(phrases, key=len, reverse=True))
    for m in re.finditer(pattern + r"(?![가-힣])|" + pattern + r"(?=(?:%s)(?![가-힣]))" % _PARTICLES, text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(Candidate(m.start(), m.end(), m.group(), "City" if words[m.group()] == "시" else "District",
                                 "anaphor"))
    # "대표단 일행이 시의회를 방문했다": a council named by its unit alone; resolution gives it
    # the text's own place of that unit, or drops it
    bodies = sorted((b for b in lexicon.unit_bodies or {} if b.endswith("의회")), key=len, reverse=True)
    if bodies:
        ends = {b for _, b in taken}
        for m in re.finditer(r"(?<![가-힣])(%s)(?=(?:%s)?(?![가-힣]))" % ("|".join(bodies), _PARTICLES), text):
            if m.start() - 1 in ends or m.start() in ends:
                continue  # "구이양 시청": the body of the place written before it
            if not any(a < m.end() and m.start() < b for a, b in taken):
                out.append(Candidate(m.start(), m.end(), m.group(1), "GovernmentBody", "anaphor"))
    clause_start = r"(?:^|(?<=[\n.,]\s)|(?<=\n)|(?<=[.。]))"
    for m in re.finditer(clause_start + r"\s*(%s)(?=(?:는|와|과|가|도|에서는)\s)" % "|".join(bare), text):
        s, e = m.start(1), m.end(1)
        if not any(a < e and s < b for a, b in taken):
            out.append(Candidate(s, e, m.group(1), "City" if words[m.group(1)] == "시" else "District", "anaphor"))
    return sorted(out, key=lambda c: c.start)


_SIBLING = re.compile(r"[가-힣]{2,8}")
_SIBLING_GAP = re.compile(r"\s*(?:,|·|、|및|와|과)\s*")


def listed_siblings(text: str, lexicon: Lexicon, known: Sequence[Candidate]) -> list[Candidate]:
    """Return unknown places listed beside known ones: "다낭시, 하롱시" (하롱시 as a city too).

    A list whose items all end in a place unit, one of them a place already found,
    names places throughout.

    >>> from cityties.ingest.lexicon import load_lexicon
    >>> known = [Candidate(7, 10, "다낭시", "City", "gazetteer")]
    >>> [(c.text, c.type) for c in listed_siblings("우호도시 : 다낭시, 하롱시, 훼시", load_lexicon(), known)]
    [('하롱시', 'City'), ('훼시', 'City')]
    """
    places = {(c.start, c.end) for c in known if c.type in ADMIN_PLACES}
    taken = [(c.start, c.end) for c in known]
    out = []
    pos = 0
    while True:
        m = _SIBLING.search(text, pos)
        if not m:
            break
        items = [m]
        while True:
            gap = _SIBLING_GAP.match(text, items[-1].end())
            nxt = _SIBLING.match(text, gap.end()) if gap else None
            if nxt is None:
                break
            items.append(nxt)
        pos = items[-1].end()
        if len(items) < 2:
            continue
        # 시, 군, 구, 현 only: many common words end in 도 (제도) or 성 (가능성)
        units = [lexicon.place_suffixes.get(i.group()[-1]) if i.group()[-1] in "시군구현" else None for i in items]
        if not all(units) or not any(((i.start(), i.end()) in places) for i in items):
            continue
        for i, unit in zip(items, units):
            if not any(a < i.end() and i.start() < b for a, b in taken) and i.group() not in lexicon.not_names:
                out.append(Candidate(i.start(), i.end(), i.group(), unit, "place"))
    return out


def short_districts(text: str, lexicon: Lexicon, known: Sequence[Candidate]) -> list[Candidate]:
    """Return districts named by one syllable and 구 (서구, 남구) standing as a word of their own.

    >>> from cityties.ingest.lexicon import load_lexicon
    >>> [(c.text, c.type) for c in short_districts("광주광역시 서구와 함께하는 남구, 서구청 직원, 서구청장", load_lexicon(), [])]
    [('서구', 'District'), ('남구', 'District'), ('서구청', 'GovernmentBody')]
    """
    if not lexicon.short_districts:
        return []
    taken = [(c.start, c.end) for c in known]
    pattern = "|".join(sorted(lexicon.short_districts))
    out = []
    for m in re.finditer(r"(?<![가-힣])(?:%s)(?=$|[^가-힣]|(?:%s)(?![가-힣]))" % (pattern, _PARTICLES), text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if text.startswith("청", m.end()):  # 서구청: the district's office
            out.append(Candidate(m.start(), m.end() + 1, m.group() + "청", "GovernmentBody", "phrase"))
        else:
            out.append(Candidate(m.start(), m.end(), m.group(), "District", "place"))
    return out


_PARTICLES = "은|는|이|가|을|를|의|와|과|에|에서|로|으로|도|만|까지|부터|청(?:은|는|이|가|을|를|의|과|에|에서)?"


def nnp_mentions(text: str, toks: Sequence[Token], known: Sequence[Candidate], lexicon: Lexicon | None = None) -> list[Candidate]:
    """Return Hangul proper nouns no other source explains (텐진, 청둥): resolution keeps
    one only when it is a near spelling of a place the document names elsewhere."""
    covered = sorted((c.start, c.end) for c in known)
    out = []
    for t in toks:
        if t.tag != "NNP" or not 2 <= t.end - t.start <= 5:
            continue
        word = text[t.start:t.end]
        if not all("가" <= ch <= "힣" for ch in word):
            continue
        k = bisect.bisect_right(covered, (t.start, float("inf"))) - 1
        if k >= 0 and covered[k][0] <= t.start < covered[k][1]:
            continue
        if k + 1 < len(covered) and covered[k + 1][0] < t.end:
            continue
        unit = place_suffix(word, lexicon) if lexicon is not None else None
        out.append(Candidate(t.start, t.end, word, unit[1] if unit else "City", "nnp"))  # 동성구 is a district
    return out


# ---------------------------------------------------------------- persons


# ---------------------------------------------------------------- brackets, hanzi, latin

def _with_brackets(text: str, c: Candidate) -> Candidate:
    m = BRACKET_HANZI.match(text, c.end)
    if m and c.hanzi is None:
        c = replace(c, hanzi=m.group(1))
    m = BRACKET_LATIN.match(text, c.end)
    if m and not c.latin:
        c = replace(c, latin=tuple(p.strip() for p in m.group(1).split(",") if len(p.strip()) >= 2))
    return c


def latin_mentions(text: str, lexicon: Lexicon, gazetteer: Gazetteer, known: Sequence[Candidate]) -> list[Candidate]:
    """Return Latin names listed next to typed names (알리바바, Asus Cloud, DHC 등): they take the list's type."""
    spans = sorted((c.start, c.end, c.type) for c in known)
    covered = [(s, e) for s, e, _ in spans]
    out: list[Candidate] = []
    for m in _LATIN_NAME.finditer(text):
        name = m.group(1).strip()
        s, e = m.start(1), m.start(1) + len(name)
        if (len(name) < 2 or name in lexicon.latin_stop or name.islower() or not name[0].isupper()
                or any(a <= s < b for a, b in covered) or text[s - 1:s] in "(（[" ):
            continue
        if re.fullmatch(r"[A-Z][a-z]+|[A-Za-z]?\d+[A-Za-z\d]*", name):
            continue  # one capitalised word or a code is too weak a name on its own
        owner = [c for c in known if c.end == s - 1 and text[c.end] == " " and c.type in ("Company", "Organization")]
        if owner:  # 텐센트 AI Lab: a unit named after its company
            o = owner[0]
            etype = "Organization"
            tail = re.match(r" ([가-힣]{2,6})", text[e:])
            if tail and lexicon.suffix_type(tail.group(1)) and norm(tail.group(1)) in lexicon.generic_heads | {
                    norm(tail.group(1))} and lexicon.suffix_type(tail.group(1))[0] == tail.group(1):
                e += tail.end()  # 텐센트 Robotics X 연구소
                etype = lexicon.suffix_type(tail.group(1))[1]
            out.append(Candidate(o.start, e, text[o.start:e], etype, "latin"))
            continue
        neighbours = [t for a, b, t in spans if (b <= s and _LIST_GAP.match(text[b:s]))
                      or (e <= a and _LIST_GAP.match(text[e:a]))]
        kinds = [t for t in neighbours if t in ("Company", "Organization", "University")]
        if kinds:
            own = lexicon.suffix_type(name)
            out.append(Candidate(s, e, name, own[1] if own else kinds[0], "latin"))
            spans.append((s, e, kinds[0]))  # the next name in the list sees this one
    return out


# ---------------------------------------------------------------- helpers

def _chrome_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if lexicon.is_chrome(line):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    k = bisect.bisect_right(spans, (i, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _without_leading_persons(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Cut a person's name off the front of a body's name ("김기영 시의회" -> "시의회")."""
    starts = {c.start: c for c in cands if c.type == "Person"}
    places = {c.start: c for c in cands if c.type in PLACE_TYPES and c.source == "gazetteer"}
    out = []
    for c in cands:
        p = starts.get(c.start)
        if p is not None and c.type != "Person" and c.source == "phrase" and text[p.end:p.end + 1] == " " \
                and c.end > p.end + 1:
            rest = text[p.end + 1:c.end]
            place_end = None if c.place_end and c.place_end <= p.end + 1 else c.place_end
            lead = places.get(p.end + 1)
            if place_end is None and lead is not None and lead.end < c.end:  # 북경 동성구 정치협상회의
                place_end, keys = lead.end, lead.keys
            else:
                keys = c.place_keys if place_end else ()
            c = replace(c, start=p.end + 1, text=rest, place_end=place_end, place_keys=keys)
        out.append(c)
    return out


def _prune(cands: Iterable[Candidate]) -> list[Candidate]:
    """Drop duplicates and spans inside a longer one, except a place that prefixes a longer name."""
    best: dict[tuple[int, int], Candidate] = {}
    rank = {"outlet": -1, "gazetteer": 0, "listed": 1, "table": 1, "hanzi": 2, "person": 3, "phrase": 4, "place": 5, "latin": 6,
            "nnp": 7, "anaphor": 8}
    for c in cands:
        old = best.get((c.start, c.end))
        if old is None or rank[c.source] < rank[old.source]:
            best[(c.start, c.end)] = c if old is None else _merge_info(c, old)
        elif old is not None:
            best[(c.start, c.end)] = _merge_info(old, c)
    ordered = sorted(best.values(), key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    outer: Candidate | None = None
    for c in ordered:
        if outer is not None and c.end <= outer.end and c.start >= outer.start:
            if c.type in PLACE_TYPES and (outer.type not in PLACE_TYPES or outer.source == "place") \
                    and c.start == outer.start and outer.type != "Person":
                out.append(c)
            continue
        if outer is not None and c.start < outer.end:
            continue  # crossing spans: the earlier, longer one wins
        out.append(c)
        outer = c
    return out


def _merge_info(keep: Candidate, other: Candidate) -> Candidate:
    return replace(keep, hanzi=keep.hanzi or other.hanzi, latin=keep.latin or other.latin,
                   title=keep.title or other.title, org=keep.org or other.org)
