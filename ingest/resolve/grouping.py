"""Grouping: candidates with references become entities; near-identical new names merge.

Names outside the gazetteer merge within a document when they are the same name
without some generic words (시엔타오밸리 ~ 시엔타오빅데이터밸리), a close spelling with
the same ending (가오신구 ~ 가우신구), an abbreviation that ends the longer name
(우전대학교 ~ 충칭 우전대학교), or one event's acronym (STAC 컨퍼런스).

>>> from cityties.ingest.lexicon import load_lexicon
>>> core_name("시엔타오 국제빅데이터밸리", load_lexicon())
'시엔타오밸리'
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence
from urllib.parse import unquote

from rapidfuzz import fuzz

from ...graph.model import ADMIN_PLACES, PLACE_TYPES, Entity, Mention, dedupe
from ...graph.vocab import ENTITY_NS, entity_iri, gazetteer_iri
from ..gazetteer import Gazetteer, jamo, norm
from ..lexicon import Lexicon
from ..mentions.candidate import Candidate

_WD = "http://www.wikidata.org/entity/"
FUZZY_SAME_DOC = 88.0


def build_entities(cands: Sequence[Candidate], refs: Sequence[tuple[str, str, str, str | None]],
                   gazetteer: Gazetteer, lexicon: Lexicon) -> list[Entity]:
    """Group candidates by reference IRI into entities with labels, aliases, mentions and containment."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, (iri, *_rest) in enumerate(refs):
        groups[iri].append(i)
    alias_of = _merge_similar(groups, refs, lexicon, cands)
    # a short name the text defines ("(이하 진흥원)") joins the body it stands for
    iri_ending_at = {cands[i].end: iri for iri, idx in groups.items() for i in idx if cands[i].defined_by is None}
    for iri, idx in groups.items():
        full = next((cands[i].defined_by for i in idx if cands[i].defined_by), None)
        target = iri_ending_at.get(full[1]) if full else None
        if target and target != iri and all(cands[i].defined_by for i in idx):
            alias_of[iri] = alias_of.get(target, target)
    merged: dict[str, list[int]] = defaultdict(list)
    for iri, idx in groups.items():
        merged[alias_of.get(iri, iri)].extend(idx)
    present = set(merged)
    out = []
    for iri, idx in merged.items():
        idx.sort(key=lambda i: cands[i].start)
        etype = refs[idx[0]][1]
        key = _gazetteer_key(iri)
        entry = gazetteer.entries.get(_unquote(key)) if key else None
        mentions = dedupe(Mention(cands[i].start, cands[i].end, cands[i].text) for i in idx)
        labels: dict[str, str] = dict(entry.labels) if entry else {}
        if not entry:
            canonical = _GLOSS.sub("", refs[idx[0]][2]).strip() or refs[idx[0]][2]  # 티베트(西藏) 자치구 …
            labels["en" if canonical.isascii() else "ko"] = canonical
        # a gazetteer entity's aliases are the spellings that are its names (충칭시 for 충칭); a near
        # spelling the document resolved to it (충청, a Korean region) or a caption stays a mention only
        aliases = [m.text for m in mentions if entry is None or _names_entry(m.text, entry, gazetteer, lexicon)]
        if entry is not None:  # a Chinese place is asked for as 쑤첸 and as 숙천
            ko_label, readings = gazetteer.korean_names(entry.key)
            if ko_label:
                labels.setdefault("ko", ko_label)
            aliases += readings
        for i in idx:
            c = cands[i]
            if c.place_end is not None and etype not in ADMIN_PLACES:
                aliases.append(c.text[c.place_end - c.start:].strip())  # the name without its locator
            if c.hanzi:
                labels.setdefault("zh", c.hanzi)
                aliases.append(c.hanzi)
            for latin in c.latin:
                labels.setdefault("en", latin)
                aliases.append(latin)
        within = next((refs[i][3] for i in idx if refs[i][3] and refs[i][3] != iri), None)
        if within and within not in present and entry is not None and entry.within \
                and within == gazetteer_iri(entry.within):
            # a gazetteer container the document never names stays out; the nearest one up the
            # chain that it names stands in (로스앤젤레스 in 미국, when 캘리포니아 is never written)
            within = _named_container(entry, gazetteer, present)
        # the title goes on the person only when the text names no organisation for it
        title = None
        if etype == "Person":
            org = next((cands[i].org for i in idx if cands[i].org), None)
            if org:  # a person's IRI carries the organisation the text gives first
                iri = entity_iri("Person", refs[idx[0]][2], org=org)
            else:  # the title goes on the person only when the text names no organisation
                title = next((cands[i].title for i in idx if cands[i].title), None)
        out.append(Entity(
            id=iri, type=etype, labels=labels,
            aliases=tuple(a for a in dedupe(aliases) if a not in labels.values()),
            mentions=tuple(mentions),
            same_as=(_WD + entry.wikidata,) if entry and entry.wikidata else (),
            within=within, title=title))
    out.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
    return out


_GLOSS = re.compile(r"\s?[(（][^()（）]*[)）]")


def _named_container(entry, gazetteer: Gazetteer, present: set[str]) -> str | None:
    """Return the IRI of the nearest container of ``entry`` the document names, up its chain."""
    seen: set[str] = set()
    key = entry.within
    while key and key not in seen and key in gazetteer.entries:
        seen.add(key)
        if gazetteer_iri(key) in present:
            return gazetteer_iri(key)
        key = gazetteer.entries[key].within
    return None


def _names_entry(text: str, entry, gazetteer: Gazetteer, lexicon: Lexicon) -> bool:
    """True when ``text`` is one of the entry's names, with or without a unit ending (충칭시, 重庆)."""
    n = norm(text)
    names = {norm(x) for x in entry.names()}
    if n in names or any(e.key == entry.key for e in gazetteer.lookup(text)):
        return True
    stem = text[:-1] if text[-1:] in lexicon.place_suffixes else text
    return norm(stem) in names or any(e.key == entry.key for e in gazetteer.transliterated(stem))


def core_name(name: str, lexicon: Lexicon) -> str:
    """Drop generic words from inside a name, so 시엔타오빅데이터밸리 and 시엔타오밸리 agree.

    >>> from cityties.ingest.lexicon import load_lexicon
    >>> core_name("시엔타오 국제빅데이터밸리", load_lexicon())
    '시엔타오밸리'
    """
    n = norm(name)
    suffix = lexicon.suffix_type(n)
    tail = norm(suffix[0]) if suffix else ""
    body = n[: len(n) - len(tail)]
    for w in _generic_words(lexicon):
        if w in body[2:]:
            body = body[:2] + body[2:].replace(w, "")
    return body + tail if len(body) >= 2 else n


def _generic_words(lexicon: Lexicon) -> tuple[str, ...]:
    """Return the lexicon's generic words, normalized, longest first (computed once per word list)."""
    words = _GENERIC.get(lexicon.generic_stems)
    if words is None:
        words = tuple(sorted({norm(w) for w in lexicon.generic_stems if len(norm(w)) >= 2}, key=len, reverse=True))
        _GENERIC[lexicon.generic_stems] = words
    return words


_GENERIC: dict[frozenset[str], tuple[str, ...]] = {}


def _distinctive(name: str, lexicon: Lexicon) -> bool:
    """Return True when a name keeps two characters once its suffix and generic words go."""
    n = norm(name)
    suffix = lexicon.suffix_type(n)
    body = n[: len(n) - len(norm(suffix[0]))] if suffix else n
    for w in _generic_words(lexicon):
        body = body.replace(w, "")
    return len(body) >= 2


def _dropped_words(name: str, lexicon: Lexicon) -> frozenset[str]:
    n = norm(name)
    return frozenset(w for w in _generic_words(lexicon) if w in n[2:])


def _dropped_nested(a: str, b: str, lexicon: Lexicon) -> bool:
    """Return True when one name is the other without some generic words
    (시엔타오밸리 in 시엔타오빅데이터밸리), not two siblings (OKTA 비즈니스 센터, OKTA 글로벌센터)."""
    da, db = _dropped_words(a, lexicon), _dropped_words(b, lexicon)
    return da <= db or db <= da


def _shared_acronym(a: str, b: str, etype: str, lexicon: Lexicon) -> bool:
    """Return True for two events named by one acronym (텐센트 STAC 컨퍼런스, STAC 회의)."""
    if etype != "Event":
        return False
    caps = lambda n: {w for w in re.findall(r"[a-z]{3,}", n)}
    shared = caps(a) & caps(b)
    return any(w.upper() not in lexicon.latin_stop for w in shared)


def _merge_similar(groups: dict[str, list[int]], refs, lexicon: Lexicon, cands=()) -> dict[str, str]:
    """Map IRIs of non-gazetteer entities onto one of the same type with a near-identical name.

    Near means: equal once generic words are dropped (시엔타오밸리 ~ 시엔타오빅데이터밸리),
    close on jamo with the same ending (가오신구 ~ 가우신구), or equal to the part after
    the leading place of a place-qualified name (우전대학교 ~ 충칭 우전대학교).
    """
    names = [(iri, refs[idx[0]][1], norm(_unquote(iri.rsplit("/", 1)[-1])), len(idx))
             for iri, idx in groups.items()
             if _gazetteer_key(iri) is None and refs[idx[0]][1] != "Person"]
    place_of = {iri: _path(iri)[1] if len(_path(iri)) == 3 else None for iri, *_ in names}
    # gazetteer entities come first, as targets, under each spelling the document uses
    gaz = [(iri, refs[i][1], norm(surface), 0) for iri, idx in groups.items() if _gazetteer_key(iri)
           for i in idx for surface in (refs[i][2], cands[i].text if cands else refs[i][2])
           if refs[i][1] not in PLACE_TYPES or refs[i][1] == "IndustrialPark"]
    names.sort(key=lambda t: (-len(_path(t[0])), -len(t[2]), -t[3], t[0]))
    names = list(dict.fromkeys(gaz)) + names
    alias_of: dict[str, str] = {}
    cores = {name: core_name(name, lexicon) for _, _, name, _ in names}
    for i, (iri, etype, name, _) in enumerate(names):
        if iri in alias_of or len(name) < 3:
            continue
        core = cores[name]
        for other, otype, oname, _ in names[i + 1:]:
            if other in alias_of or other == iri or _gazetteer_key(other) or otype != etype \
                    or len(oname) < 3 or etype == "Person":
                continue
            a, b = place_of.get(iri), place_of.get(other)
            if a and b and a != b and not _distinctive(name, lexicon):
                continue  # 우한 빅데이터밸리 and 난징 빅데이터밸리 are two parks
            if ((cores[oname] == core and _dropped_nested(name, oname, lexicon))
                    or _shared_acronym(name, oname, etype, lexicon)
                    or (len(core) >= 4 and core[-2:] == cores[oname][-2:]
                        and fuzz.ratio(jamo(core), jamo(cores[oname])) >= FUZZY_SAME_DOC)
                    # a shorter name that ends the longer one abbreviates it (우전대학교)
                    or (name.endswith(oname) and len(oname) >= 5 and _distinctive(oname, lexicon))
                    or (len(name) >= 4 and len(oname) >= 4 and name[-2:] == oname[-2:]
                        and fuzz.ratio(jamo(name), jamo(oname)) >= FUZZY_SAME_DOC)):
                alias_of[other] = iri
    return alias_of


def _path(iri: str) -> list[str]:
    """Return the parts of an entity IRI after the id namespace: [key] or [type, (org,) name]."""
    return iri[len(ENTITY_NS):].split("/") if iri.startswith(ENTITY_NS) else [iri]


def _gazetteer_key(iri: str) -> str | None:
    parts = _path(iri)
    return _unquote(parts[0]) if len(parts) == 1 and iri.startswith(ENTITY_NS) else None


def _unquote(key: str) -> str:
    return unquote(key)
