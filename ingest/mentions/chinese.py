"""Names in Chinese text: runs of Han characters cut at particles, verbs and titles.

Chinese writes no spaces, so a name is a *chunk*: the characters between two
breaks (punctuation, a stop word such as 的/与/会见, a title word), with
gazetteer names kept whole. A chunk that ends in an organisation or place
suffix is a name (``两江新区``, ``重庆市人民政府外事办公室``); its prefixes that end
in a place or government suffix are names too (``重庆市人民政府``, ``高阳市``). A
person is the two or three characters after a title (``副市长李明华``) or before
it (``李明华市长``), starting with a family name.

>>> from cityties.ingest.lexicon import load_name_lexicon
>>> [(c.text, c.type) for c in chinese_mentions("代表团参观了两江新区。", [], load_name_lexicon("zh"))]
[('两江新区', 'District')]
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ...graph.model import ADMIN_PLACES
from ..lexicon import NameLexicon
from .candidate import Candidate

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_PLACE_SUFFIX_TYPES = ADMIN_PLACES - {"Country"}


@lru_cache(maxsize=8)
def _by_length(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _tokens(text: str, start: int, end: int, hit_at: dict[int, Candidate],
            lex: NameLexicon) -> list[tuple[str, int, int]]:
    """Split one Han run into ("gaz" | "title" | "stop" | "char", start, end) tokens."""
    out = []
    i = start
    while i < end:
        hit = hit_at.get(i)
        if hit is not None and hit.end <= end:
            out.append(("gaz", i, hit.end))
            i = hit.end
            # 平泽市长: the place's unit character also starts the title (市长, 道知事)
            shared = next((t for t in lex.titles if len(t) > 1 and text.startswith(t, i - 1, end)), "")
            body = any(len(b) > 1 and text.startswith(b, i - 1) and shared.startswith(b) for b in lex.suffixes)
            if shared and text[i - 1] in lex.place_units and not body:  # 贵阳市委书记: 市委 is a body
                out.append(("title", i - 1, i - 1 + len(shared)))
                i += len(shared) - 1
            continue
        title = next((t for t in lex.titles if text.startswith(t, i)), None)
        suffix = next((s for s in _by_length(tuple(lex.suffixes)) if text.startswith(s, i)), "")
        # 委员会 is a body, not the title 委员; 市道知事协议会 a body named after its members' title
        if title and len(suffix) <= len(title) and not _body_after(text, i + len(title), end, lex):
            out.append(("title", i, i + len(title)))
            i += len(title)
            continue
        stop = next((s for s in lex.stops if text.startswith(s, i)), None)
        if stop:
            out.append(("stop", i, i + len(stop)))
            i += len(stop)
            continue
        out.append(("char", i, i + 1))
        i += 1
    return out


def _body_after(text: str, i: int, end: int, lex: NameLexicon) -> bool:
    """True when an organisation suffix of two or more characters starts at ``i`` (知事|协议会)."""
    return any(len(b) > 1 and lex.suffixes[b] not in _PLACE_SUFFIX_TYPES and text.startswith(b, i, end)
               for b in lex.suffixes)


def _chunks(tokens: Sequence[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Group consecutive gazetteer and character tokens."""
    groups: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    for tok in tokens:
        if tok[0] in ("gaz", "char"):
            current.append(tok)
        else:
            if current:
                groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _name_type(name: str, lex: NameLexicon) -> str | None:
    """Return the type a name's suffix gives, or None for a bare suffix or a common noun."""
    hit = lex.suffix_type(name)
    if hit is None or len(name) <= len(hit[0]) or name.endswith(lex.not_endings):
        return None
    # one character before a one-character suffix is a word, not a name (全部, 外部 …)
    if len(hit[0]) == 1 and len(name) < 3 and hit[1] not in _PLACE_SUFFIX_TYPES:
        return None
    return hit[1]


def _name_start(text: str, chunk: list[tuple[str, int, int]], hits: dict[int, Candidate],
                lex: NameLexicon) -> int:
    """Return where a name starts once the places it is placed in are dropped.

    A leading country goes when a place follows inside the name (韩国高阳市议会 -> 高阳市议会,
    but 韩国市道知事协议会 stays whole); a leading province goes when the rest is itself a
    city or district (京畿道平泽市 -> 平泽市), so the chain's parts are mentions of their own.
    """
    k = 0
    while k < len(chunk) - 1 and chunk[k][0] == "gaz":
        lead = hits[chunk[k][1]].type
        rest = text[chunk[k][2]:chunk[-1][2]]
        if lead == "Country" and (_place_in(text, chunk[k + 1:], hits, lex)
                                  or _name_type(rest, lex) in _PLACE_SUFFIX_TYPES):
            k += 1
        elif lead == "Province" and _name_type(rest, lex) in ("City", "District") and chunk[k + 1][0] != "gaz":
            k += 1
        else:
            break
    return chunk[k][1]


def _bare_stem(text: str, chunk: list[tuple[str, int, int]], start: int, stem_end: int,
               hits: dict[int, Candidate], lex: NameLexicon) -> bool:
    """True when a name's stem is a country followed by nothing but unit characters (韩国市)."""
    country_end = max((t[2] for t in chunk if t[0] == "gaz" and t[1] == start and t[2] <= stem_end
                       and hits[t[1]].type == "Country"), default=None)
    if country_end is None:
        return False
    return all(c in lex.place_units for c in text[country_end:stem_end])


def _place_in(text: str, chunk: list[tuple[str, int, int]], hits: dict[int, Candidate], lex: NameLexicon) -> bool:
    """True when ``chunk`` starts with a place: a gazetteer place, or a name of two or more
    characters before a place unit (高阳市 in 高阳市议会; not 市道 in 市道知事协议会)."""
    if chunk[0][0] == "gaz":
        return hits[chunk[0][1]].type in _PLACE_SUFFIX_TYPES
    start = chunk[0][1]
    for tok in chunk[2:-1]:
        stem = text[start:tok[1]]
        if text[tok[1]] in lex.place_units and not any(c in lex.place_units for c in stem):
            return True
    return False


def _chunk_names(text: str, chunk: list[tuple[str, int, int]], hits: dict[int, Candidate],
                 lex: NameLexicon) -> list[Candidate]:
    """Names a chunk holds: the whole chunk when it ends in a suffix, and its suffixed prefixes."""
    if chunk[-1][0] == "gaz":
        return []  # a chunk ending in a gazetteer name: that name is the mention
    start = _name_start(text, chunk, hits, lex)
    out = []
    for k in range(len(chunk) - 1, -1, -1):
        end = chunk[k][2]
        if chunk[k][0] == "gaz" or end - start < 2:
            continue
        name = text[start:end]
        etype = _name_type(name, lex)
        if etype is None:
            continue
        suffix = lex.suffix_type(name)[0]
        is_whole = k == len(chunk) - 1
        if _bare_stem(text, chunk, start, end - len(suffix), hits, lex):
            continue  # 韩国市, 韩国市道: a country and unit characters name nothing
        # inside a longer name only places and governments stand alone: 高阳市 in 高阳市议会
        if is_whole or etype in _PLACE_SUFFIX_TYPES or (etype == "GovernmentBody" and len(suffix) >= 2):
            out.append(Candidate(start, end, name, etype))
    return out


def _person_after(text: str, end: int, run_end: int, lex: NameLexicon,
                  unlisted: bool = False) -> tuple[int, int] | None:
    """The name right after a title: a family name and one or two more characters."""
    surname = next((s for s in lex.compound_surnames if text.startswith(s, end)), None)
    if surname is None:
        if end >= run_end or _starts_word(text, end, lex):
            return None  # 市长表示: 表 is a family name, 表示 a verb
        if text[end] not in lex.surnames:
            return _unlisted_name(text, end, run_end, lex) if unlisted else None
        surname = text[end]
    first = end + len(surname)
    if first >= run_end:
        return None  # the given name may hold any character: 李在俊
    stop = first + 1
    if stop < run_end and text[stop] not in lex.name_breakers and not _starts_word(text, stop, lex):
        stop += 1
    return end, stop


def _unlisted_name(text: str, start: int, run_end: int, lex: NameLexicon) -> tuple[int, int] | None:
    """A name whose family name is not listed (冈本保, 山田一郎): two to four characters after the
    title, accepted only when a stop word, a title or the end of the run follows."""
    for size in (3, 2, 4):
        stop = start + size
        if stop <= run_end and (stop == run_end or _starts_word(text, stop, lex) or text[stop] in lex.stops) \
                and text[start] not in lex.name_breakers and not any(_starts_word(text, k, lex) for k in range(start, stop)):
            return start, stop
    return None


def _starts_word(text: str, i: int, lex: NameLexicon) -> bool:
    """True when a stop or title word starts at ``i`` (李明华市长: 市长 is no part of the name)."""
    return any(text.startswith(w, i) for w in (*lex.titles, *lex.stops) if len(w) >= 2)


def chinese_mentions(text: str, hits: Sequence[Candidate], lex: NameLexicon) -> list[Candidate]:
    """Return gazetteer hits, suffixed names and titled persons of a Chinese text (or its Han runs).

    >>> from cityties.ingest.lexicon import load_name_lexicon
    >>> lex = load_name_lexicon("zh")
    >>> [(c.text, c.type, c.title) for c in chinese_mentions("8月23日，高阳市市长李在俊会见了张伟一行", [], lex)]
    [('高阳市', 'City', None), ('李在俊', 'Person', '市长')]
    >>> [(c.text, c.title) for c in chinese_mentions("王立新书记出席", [], lex)]
    [('王立新', '书记')]
    """
    out: list[Candidate] = []
    hit_at: dict[int, Candidate] = {}
    for h in hits:
        hit_at.setdefault(h.start, h)
    for run in _HAN_RUN.finditer(text):
        in_run = {s: h for s, h in hit_at.items() if run.start() <= s < run.end() and h.end <= run.end()}
        out.extend(in_run.values())
        tokens = _tokens(text, run.start(), run.end(), in_run, lex)
        names: list[Candidate] = []
        for chunk in _chunks(tokens):
            names.extend(_chunk_names(text, chunk, in_run, lex))
        persons: list[Candidate] = []
        for kind, ts, te in tokens:
            if kind != "title":
                continue
            # a family name outside the list only after "BODY TITLE" (协会理事长冈本保), not "卢市长名字"
            named_body = any(n.end == ts for n in names) or any(h.end == ts for h in in_run.values())
            span = _person_after(text, te, run.end(), lex, unlisted=named_body)
            if span and not any(h.start < span[1] and span[0] < h.end for h in in_run.values()):
                persons.append(Candidate(span[0], span[1], text[span[0]:span[1]], "Person", source="title",
                                         title=text[ts:te], title_start=ts, title_end=te))
                continue
            before = _person_before(text, tokens, ts, lex)
            if before:
                persons.append(Candidate(before[0], before[1], text[before[0]:before[1]], "Person",
                                         source="title", title=text[ts:te], title_start=ts, title_end=te))
        names = [_with_ordinal(text, n) for n in names]
        out.extend(n for n in names if not any(p.start < n.end and n.start < p.end for p in persons))
        out.extend(persons)
    return out


_ORDINAL = re.compile(r"第\s*[0-9一二三四五六七八九十百]+\s*$")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d\s*$")


def _with_ordinal(text: str, name: Candidate) -> Candidate:
    """An event's name starts at its ordinal or year (第19届…大会, 2026中台湾灯会): digits end a Han run."""
    if name.type != "Event":
        return name
    m = _ORDINAL.search(text, 0, name.start) if text[name.start] in "届次" else _YEAR.search(text, 0, name.start)
    if m is None or name.start - m.start() > 8:
        return name
    return Candidate(m.start(), name.end, text[m.start():name.end], name.type, name.source)


def _person_before(text: str, tokens: Sequence[tuple[str, int, int]], title_start: int,
                   lex: NameLexicon) -> tuple[int, int] | None:
    """The name right before a title (王立新书记): a whole chunk of two or three characters."""
    chunk: list[tuple[str, int, int]] = []
    for tok in tokens:
        if tok[1] >= title_start:
            break
        chunk = chunk + [tok] if tok[0] == "char" else []
    if not chunk or chunk[-1][2] != title_start or not 2 <= len(chunk) <= 3:
        return None
    start = chunk[0][1]
    if text[start] not in lex.surnames and not text.startswith(lex.compound_surnames, start):
        return None
    if _name_type(text[start:title_start], lex) is not None:
        return None
    return start, title_start
