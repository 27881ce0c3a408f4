"""Resolve candidate mentions into entities: one entity per real thing, stable IRIs.

Paths, tried in this order for a place-like name:

1. exact name after normalization (spacing, punctuation, case) in the gazetteer;
2. the name without its administrative suffix (청두시 -> 청두);
3. the Chinese characters the text gives in brackets (산시성(山西省));
4. the Hangul transcription of gazetteer Chinese labels (重庆 -> 충칭);
5. fuzzy matching on decomposed Hangul (귀양 ~ 구이양, 청둥 ~ 청두),

each candidate entry then weighed by context: the document's country focus,
whether the entry is named elsewhere in the document, and a country or
province written just before ("중국 X시"). Names outside the gazetteer get
``entity_iri(type, name, org)``, with a leading place resolved the same way
(구이양 빅데이터밸리 and 귀양빅데이터밸리 are one park in Guiyang).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from ...graph.model import PLACE_TYPES, Entity
from ...graph.vocab import entity_iri, gazetteer_iri, slug
from ..mentions.script import fold_traditional
from ..gazetteer import Entry, Gazetteer, norm
from ..lexicon import Lexicon, load_lexicon
from ..mentions.korean import Candidate
from ..source import SourceText
from .grouping import FUZZY_SAME_DOC, build_entities, core_name  # noqa: F401  (core_name: public here too)

_RANK = {"Country": 0, "Province": 1, "City": 2, "District": 3, "IndustrialPark": 4}
FUZZY_PLACE = 80.0
FUZZY_ALONE = 92.0  # a near spelling of a place the text never names otherwise


def _base(name: str) -> str:
    """Return a normalized name without one administrative ending (충칭시 -> 충칭)."""
    n = norm(name)
    return n[:-1] if len(n) > 2 and n[-1] in "시성구군도주" else n


@dataclass(frozen=True, slots=True)
class Context:
    """What the whole document says that helps choose between entries."""

    countries: dict[str, float]  # share of place mentions per country code
    present: frozenset[str]  # gazetteer keys named exactly somewhere in the document
    surfaces: dict[str, frozenset[str]] = None  # key -> the normalized names it is written as
    unit_types: dict[str, frozenset[str]] = None  # name base -> types of the unit endings it takes
    neighbours: dict[str, frozenset[str]] = None  # name base -> countries of places listed beside it

    def named_otherwise(self, key: str, name: str) -> bool:
        """Return True when the document names ``key`` by a spelling other than ``name``
        (a unit ending aside: 충청 and 충청시 are one spelling)."""
        if not self.surfaces:
            return False
        own = _base(name)
        return any(_base(s) != own for s in self.surfaces.get(key, ()))


_UNIT = {"시": "City", "성": "Province", "구": "District", "군": "District", "도": "Province", "주": "Province"}


_LIST_SEP = frozenset(" ,·、/()→-")


def _neighbour_countries(cands: Sequence[Candidate], gazetteer: Gazetteer, text: str,
                         units: dict[str, frozenset[str]] | None = None) -> dict[str, frozenset[str]]:
    """Map each place name base to the countries of places listed right beside it (one sense per text).

    A neighbour whose own gazetteer sense the document contradicts (written with a unit of
    another type: 충청시 where 충청 is a province) says nothing about the country.
    """
    def doubtful(c: Candidate) -> bool:
        written = (units or {}).get(_base(c.text), frozenset())
        return bool(c.keys) and any(t != gazetteer.entry(c.keys[0]).type for t in written)

    places = sorted((c for c in cands if ((len(c.keys) == 1 and c.type in PLACE_TYPES) or c.source == "nnp")
                     and not doubtful(c)), key=lambda c: c.start)
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in zip(places, places[1:]):
        gap = text[a.end:b.start]
        if len(gap) > 3 or any(ch not in _LIST_SEP for ch in gap):
            continue
        ca = gazetteer.entry(a.keys[0]).country if a.keys else None
        cb = gazetteer.entry(b.keys[0]).country if b.keys else None
        if cb:
            out[_base(a.text)].add(cb)
        if ca:
            out[_base(b.text)].add(ca)
    return {k: frozenset(v) for k, v in out.items()}


def document_context(cands: Sequence[Candidate], gazetteer: Gazetteer, unit_after=None, text: str = "") -> Context:
    """Return the country shares of unambiguous place mentions and the keys named exactly.

    >>> from cityties.ingest.gazetteer import Entry
    >>> g = Gazetteer([Entry("china", "Country", {"ko": "중국"}, country="CN")])
    >>> document_context([Candidate(0, 2, "중국", "Country", "gazetteer", ("china",))], g).countries
    {'CN': 1.0}
    """
    counts: Counter[str] = Counter()
    surfaces: dict[str, set[str]] = defaultdict(set)
    units: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        n = norm(c.text)
        if c.type in PLACE_TYPES and len(n) > 2 and n[-1] in _UNIT:
            units[n[:-1]].add(_UNIT[n[-1]])
        elif c.type in PLACE_TYPES and unit_after is not None and unit_after(c.end) in _UNIT:
            units[n].add(_UNIT[unit_after(c.end)])
        gloss = text and c.start > 0 and text[c.start - 1] in "(（" and text[c.end:c.end + 1] in ")）"
        if len(c.keys) == 1 and not gloss:  # "광저우(廣州)": a gloss names the name before it, nothing else
            e = gazetteer.entry(c.keys[0])
            surfaces[e.key].add(norm(c.text))
            if e.country and e.type in PLACE_TYPES:
                counts[e.country] += 2 if e.type == "Country" else 1
    total = sum(counts.values()) or 1
    return Context({k: v / total for k, v in counts.items()}, frozenset(surfaces),
                   {k: frozenset(v) for k, v in surfaces.items()}, {k: frozenset(v) for k, v in units.items()},
                   _neighbour_countries(cands, gazetteer, text, {k: frozenset(v) for k, v in units.items()}))


def choose(name: str, exact: Sequence[Entry], gazetteer: Gazetteer, ctx: Context,
           near_country: str | None = None, want: str | None = None, fuzzy: bool = True) -> Entry | None:
    """Pick the entry a place name refers to, by similarity times context.

    ``exact`` are the entries with exactly this name; fuzzy neighbours compete
    with them, so 충청 in a text about China resolves to Chongqing.
    """
    countries = [e for e in exact if e.type == "Country"]
    if countries:
        return countries[0]  # 싱가포르 the country, not the city of the same name
    homes = [e for e in exact if e.country == "KR"]
    listed = (ctx.neighbours or {}).get(_base(name), frozenset())
    if homes and len({e.country for e in exact}) > 1 and near_country in (None, "KR") and listed <= {"KR"}:
        # a Korean text's own places: 안산 is Ansan, not Anshan, unless "중국 안산" says otherwise
        return max(homes, key=lambda e: (e.type == want, e.population))
    scored: dict[str, float] = {}
    for e in exact:
        scored[e.key] = 100.0 * 1.2
    # A near spelling may replace an exact name only when the document contradicts the exact
    # entry: it writes the name with a unit of another type (충청시, but 충청 is a province),
    # or it is hardly about the entry's country at all.
    if exact and not _contradicted(name, exact, ctx):
        fuzzy = False
    if fuzzy and len(norm(name)) >= 2:
        for e, s in gazetteer.similar(name, cutoff=FUZZY_PLACE, limit=8):
            # a near spelling competes with an exact name only if the document names it too
            if e.type in PLACE_TYPES and e.key not in scored and (
                    ctx.named_otherwise(e.key, name) or (not exact and s >= FUZZY_ALONE and e.type == want)):
                scored[e.key] = s
        for e in gazetteer.transliterated(name):
            scored[e.key] = max(scored.get(e.key, 0.0), 100.0)
    best, best_score = None, 0.0
    for key, sim in scored.items():
        e = gazetteer.entry(key)
        country = ctx.countries.get(e.country or "", 0.0)
        score = sim * (0.25 + country) * (1.5 if ctx.named_otherwise(key, name) else 1.0)
        if near_country and e.country == near_country:
            score *= 1.5
        if want and e.type != want:
            score *= 0.8
        if e.type == "Country" and key not in {x.key for x in exact}:
            score *= 0.5  # never guess a country from a misspelling
        score *= 1.0 + min(e.population, 10_000_000) / 1e8 + (0.05 if e.curated else 0.0)
        if score > best_score:
            best, best_score = e, score
    return best


def _contradicted(name: str, exact: Sequence[Entry], ctx: Context) -> bool:
    types = {e.type for e in exact}
    units = (ctx.unit_types or {}).get(_base(name), frozenset())
    if any(t not in types for t in units):
        return True
    countries = {e.country for e in exact}
    if (ctx.neighbours or {}).get(_base(name), frozenset()) - countries - {None}:
        return True  # listed among another country's places: 중국(충청, 청두)
    if len(_base(name)) >= 2 and any(e.country == "KR" and e.type == "City" for e in exact):
        return False  # a Korean text names its own cities, however much it speaks of abroad
    return max(ctx.countries.get(e.country or "", 0.0) for e in exact) < 0.15


def resolve_mentions(candidates: Sequence[Candidate], source: SourceText, gazetteer: Gazetteer,
                     lexicon: Lexicon | None = None) -> list[Entity]:
    """Group candidates into entities with stable IRIs and attach their mentions."""
    lexicon = lexicon or load_lexicon()
    text = source.text
    ctx = document_context(candidates, gazetteer, lambda i: text[i:i + 1], text)
    refs: list[tuple[str, str, str, str | None]] = []  # (iri, type, canonical, within iri)
    places_before = _preceding_places(candidates, gazetteer)
    short_names = _short_person_names(candidates)
    kept = []
    ordered = sorted(candidates, key=lambda c: (c.start, -c.end))
    locals_ = _local_places(candidates, gazetteer, lexicon)
    for c in candidates:
        if c.source == "anaphor" and c.type != "GovernmentBody":
            unit = (lexicon.unit_anaphors or {}).get(c.text)
            if unit in locals_:  # "시는 …", "우리 구": the text's own city or district
                iri, base, key = locals_[unit]
                kept.append(c)
                refs.append((iri, "District" if unit in "구군" else "City", base + unit if not key else base, None))
            continue
        if c.type == "GovernmentBody" and (lexicon.unit_bodies or {}).get(c.text) in locals_:
            # "시의회", "군의회 일행": the council of the document's own city or county
            iri, base, key = locals_[lexicon.unit_bodies[c.text]]
            name = base + c.text
            # the same IRI the full name "강릉시의회" gets: its head keyed by the place
            body = entity_iri("GovernmentBody", _head_key(c.text, lexicon), org=key) if key \
                else entity_iri("GovernmentBody", name)
            kept.append(c)
            refs.append((body, "GovernmentBody", name, iri))
            continue
        if c.source == "anaphor":
            continue  # a unit's council with no own place of that unit to stand for
        if c.text in lexicon.short_districts:
            # 서구 is a district of many cities: keyed by the city written before it, if any
            prev = next((p for p in reversed(ordered) if p.end <= c.start and c.start - p.end <= 1
                         and p.type in ("City", "Province")), None)
            within = gazetteer_iri(prev.keys[0]) if prev is not None and prev.keys else None
            name = f"{prev.text} {c.text}" if prev is not None else c.text
            kept.append(c)
            refs.append((entity_iri("District", name), "District", name, within))
            continue
        ref = _reference(c, text, gazetteer, lexicon, ctx, places_before.get((c.start, c.end)))
        if ref is not None and c.type == "Person" and c.text in short_names:
            full = short_names[c.text]  # "스즈키 회장은" after "회장 스즈키 겐타": the same person
            ref = (entity_iri("Person", full), "Person", full, None)
        if ref is not None:
            kept.append(c)
            refs.append(ref)
    return build_entities(kept, refs, gazetteer, lexicon)


def _local_places(cands: Sequence[Candidate], gazetteer: Gazetteer,
                  lexicon: Lexicon) -> dict[str, tuple[str, str, str | None]]:
    """Map a unit (시, 군, 구, 도) to the Korean place of that unit the text names most:
    (IRI, base name, gazetteer key or None).

    Only a clear favourite counts: named at least twice and more often than any other.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    iris: dict[tuple[str, str], str] = {}
    for c in cands:
        m = re.fullmatch(r"([가-힣]{1,6})([시군구도])(?:의회|청)", c.text.split()[-1]) \
            if c.type == "GovernmentBody" and c.text.split() else None
        korean = next((e for e in gazetteer.lookup(m.group(1) + m.group(2)) if e.country == "KR"), None) if m else None
        if korean is not None:  # "경기 성남시의회": the council names its city
            base = korean.labels.get("ko") or m.group(1)
            base = base[:-1] if base.endswith(m.group(2)) and len(base) >= 3 else base
            counts[m.group(2)][base] += 1
            iris[(m.group(2), base)] = (gazetteer_iri(korean.key), korean.key)
            continue
        if c.type not in ("City", "District", "Province") or c.source in ("listed", "anaphor"):
            continue
        entries = [gazetteer.entry(k) for k in c.keys]
        if entries and not any(e.country == "KR" for e in entries):
            continue
        korean = next((e for e in entries if e.country == "KR"), None)
        base = (korean.labels.get("ko") if korean else None) or c.text
        unit = c.text[-1] if c.text[-1] in "시군구도" and (len(c.text) >= 3 or c.text[-1] in "구군") else \
            {"City": "시", "Province": "도"}.get(c.type, "")
        base = base[:-1] if base.endswith(unit) and len(base) >= 3 else base
        if not unit or not korean and not c.text.endswith(unit):
            continue
        counts[unit][base] += 1
        iris[(unit, base)] = (gazetteer_iri(korean.key) if korean else entity_iri(c.type, c.text),
                              korean.key if korean else None)
    out = {}
    for unit, names in counts.items():
        ranked = names.most_common(2)
        if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            iri, key = iris[(unit, ranked[0][0])]
            out[unit] = (iri, ranked[0][0], key)
    return out


def _short_person_names(candidates: Sequence[Candidate]) -> dict[str, str]:
    """Map a one-word person name to the one full name of several words it starts or ends.

    A foreign person named in full once ("부시장 다나카 히로시") is referred to later by
    one part of the name with a title ("다나카 부시장은"); two full names sharing the
    part leave it alone.
    """
    full = {c.text for c in candidates if c.type == "Person" and " " in c.text.strip()}
    parts: dict[str, set[str]] = {}
    for name in full:
        words = name.split()
        for w in {words[0], words[-1]}:
            if len(w) >= 2:
                parts.setdefault(w, set()).add(name)
    return {w: next(iter(names)) for w, names in parts.items() if len(names) == 1 and w not in full}


# ---------------------------------------------------------------- one candidate

def _reference(c: Candidate, text: str, gazetteer: Gazetteer, lexicon: Lexicon, ctx: Context,
               before: Entry | None) -> tuple[str, str, str, str | None] | None:
    near = before.country if before else None
    within = gazetteer_iri(before.key) if before and before.type in PLACE_TYPES else None
    if c.type == "Person":
        name = c.name or c.text  # "이 시장" stands for 이상일
        return entity_iri("Person", name), "Person", name, None
    if c.source == "listed":  # a place a country lists in brackets: in that country
        country = gazetteer_iri(c.place_keys[0]) if c.place_keys else within
        if c.keys:
            e = gazetteer.entry(c.keys[0])
            return gazetteer_iri(e.key), e.type, e.labels.get("ko") or c.text, country
        return entity_iri(c.type, c.text, org=c.place_keys[0] if c.place_keys else None), c.type, c.text, country
    if c.hanzi:
        # "광저우(廣州)": the characters in their simplified form too, and the entry the Korean
        # name itself names first (廣州 is also 경기도 광주's; 광저우 is Guangzhou)
        hits = [*gazetteer.lookup(c.hanzi), *gazetteer.lookup(fold_traditional(c.hanzi))]
        named = [e for e in hits if e.key in c.keys]
        if named or (hits and not c.keys):
            return _gaz((named or hits)[0], within)
    if c.source == "gazetteer" or c.keys:
        exact = [gazetteer.entry(k) for k in c.keys]
        if all(e.type in PLACE_TYPES and e.type != "Country" for e in exact):
            want = _suffix_want(text, c.end, lexicon) or _written_unit(c.text, lexicon)
            e = choose(c.text, exact, gazetteer, ctx, near, want) or exact[0]
            unit = c.text[-1:] if _written_unit(c.text, lexicon) else text[c.end:c.end + 1]
            if want == "District" and e.type == "City" and unit == "구":
                # GeoNames lists urban districts as cities (通州, 虹口); the text says 구
                iri, _, label, inside = _gaz(e, within)
                return iri, "District", label, inside
            if unit == "현" and e.country == "JP" and e.type != "Province":
                # a Japanese 현 is a prefecture (후쿠오카현), whatever the city of the same name
                return entity_iri("Province", c.text), "Province", c.text, None
        else:
            e = choose(c.text, exact, gazetteer, ctx, near, fuzzy=False) or exact[0]
            if before is not None and before.type == "Country" and e.type in ("GovernmentBody", "Organization") \
                    and e.country and before.country and e.country != before.country:
                # "대만 외교부": another country's ministry of the same name, not ours
                name = f"{before.labels.get('ko') or before.key} {c.text}"
                return entity_iri(e.type, c.text, org=before.key), e.type, name, gazetteer_iri(before.key)
        return _gaz(e, within)
    if c.source == "nnp":
        # kept only as a near spelling of a place the document names, or of a place in the
        # country written right before it (러시아 율리아놉스크)
        hits = [e for e, s in gazetteer.similar(c.text, cutoff=FUZZY_PLACE, limit=5)
                if e.type in PLACE_TYPES and e.type != "Country"
                and ((ctx.named_otherwise(e.key, c.text) and s >= FUZZY_SAME_DOC)
                     or (before is not None and before.type == "Country" and e.country == before.country)
                     # listed among places of its own country: (베이징, 텐진, 상하이)
                     or e.country in (ctx.neighbours or {}).get(_base(c.text), frozenset()))]
        if not hits:
            if before is not None and before.type in ("City", "Province") and c.text[-1:] in lexicon.place_suffixes \
                    and len(c.text) >= 3 and not any(c.text.endswith(u) and len(c.text) - len(u) < 2
                                                     for u in lexicon.place_suffixes):  # not 특별행정구 alone
                # "북경시 동성구": a unit-named place right after a known one lies within it
                return entity_iri(c.type, c.text), c.type, c.text, within
            return None
        return _gaz(hits[0], within)
    if c.source == "place":
        e = _place_entry(c.text, c.type, gazetteer, lexicon, ctx, near)
        if e is not None:
            return _gaz(e, within)
        return entity_iri(c.type, c.text), c.type, c.text, within
    # organisations, parks, events: the gazetteer first, then a leading place + head
    e = _org_entry(c.text, c.type, gazetteer)
    if e is not None:
        return _gaz(e, within)
    place, head = _split_place(c, text, gazetteer, lexicon, ctx)
    if place is not None and place.type == "Country" and c.place_end is not None:
        rest = text[c.place_end:c.end]
        skip = len(rest) - len(rest.lstrip())
        inner = Candidate(c.place_end + skip, c.end, rest.lstrip(), c.type, c.source)
        first = next(iter(gazetteer.find(inner.text)), None)
        if first is not None and first.start == 0:
            return _reference(inner, text, gazetteer, lexicon, ctx, place)  # 중국 충칭시정부
    if place is not None:
        known_place = place.key in gazetteer.entries
        e = _org_entry(head, c.type, gazetteer) if place.type == "Country" else None
        if e is not None:  # 중국 창안자동차: a known company after its country
            return _gaz(e, within)
        composed = _org_entry((place.labels.get("ko") or "") + head, c.type, gazetteer)
        if composed is not None:
            return _gaz(composed, gazetteer_iri(place.key) if known_place else within)
        return (entity_iri(c.type, head, org=place.key), c.type, c.text,
                gazetteer_iri(place.key) if known_place else within)
    return entity_iri(c.type, c.text), c.type, c.text, within


def _gaz(e: Entry, within: str | None) -> tuple[str, str, str, str | None]:
    return gazetteer_iri(e.key), e.type, e.labels.get("ko") or e.labels.get("en") or e.key, \
        within or (gazetteer_iri(e.within) if e.within else None)


def _written_unit(name: str, lexicon: Lexicon) -> str | None:
    """The type a name's own unit ending gives (퉁저우구 -> District), for names of three or more letters."""
    for suffix, etype in sorted(lexicon.place_suffixes.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return etype
    return None


def _suffix_want(text: str, end: int, lexicon: Lexicon) -> str | None:
    """Return the type the character after a name implies (충청시 -> City)."""
    for suffix, etype in sorted(lexicon.place_suffixes.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(suffix, end):
            return etype
    return None


def _place_entry(name: str, etype: str, gazetteer: Gazetteer, lexicon: Lexicon, ctx: Context,
                 near: str | None) -> Entry | None:
    """Resolve a suffixed place name (귀양시, 위에강아오대만구) that the gazetteer lacks verbatim."""
    stem = name
    for suffix in sorted(lexicon.place_suffixes, key=len, reverse=True):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            break
    exact = list(gazetteer.lookup(name)) or list(gazetteer.lookup(stem))
    e = choose(name, exact, gazetteer, ctx, near, etype)
    if e is None and stem != name:
        e = choose(stem, [], gazetteer, ctx, near, etype)
    if e is not None and stem != name and etype == "Province" and e.type != "Province" \
            and e in exact and not gazetteer.lookup(name):
        return None  # 파나마주 is a province of its own, not the country or the city 파나마
    if e is not None and not exact and e.key not in ctx.present and ctx.countries.get(e.country or "", 0) < 0.2:
        return None  # a fuzzy guess needs the document to be about that country or name the place
    return e


def _org_entry(name: str, etype: str, gazetteer: Gazetteer) -> Entry | None:
    n = norm(name)
    # an edition or a year before an event's name: 2020년 고양국제꽃박람회, 제2회 …
    for cut in (n, re.sub(r"^(제?\d+(회|차|년도|년)?)+", "", n)):
        hits = [e for e in gazetteer.lookup(cut) if e.type == etype]
        if hits:
            return hits[0]
    return None


def _split_place(c: Candidate, text: str, gazetteer: Gazetteer, lexicon: Lexicon,
                 ctx: Context) -> tuple[Entry | None, str]:
    """Split a leading place off an organisation name: 구이양 빅데이터밸리 -> (Guiyang, 빅데이터밸리)."""
    if c.place_end is not None:
        prefix = text[c.start:c.place_end]
        exact = [gazetteer.entry(k) for k in c.place_keys]
        place = choose(prefix, exact, gazetteer, ctx) if exact else _place_entry(
            prefix, "District", gazetteer, lexicon, ctx, None)
        head = text[c.place_end:c.end].strip()
        inner = head.split(" ", 1)
        hits = [e for e in gazetteer.lookup(inner[0]) if e.type in PLACE_TYPES and e.key in ctx.present] \
            if place is not None and len(inner) == 2 else []
        if hits:  # 산둥성 칭다오시 인민정부: the body of the innermost place written
            place, head = hits[0], inner[1]
        elif place is not None and " " not in head:
            # 서울 종로구의회: the inner place fused to the body's own word
            for k in range(len(head) - 2, 1, -1):
                fused = [e for e in gazetteer.lookup(head[:k]) if e.type in PLACE_TYPES
                         and (e.within == place.key or e.key in ctx.present)]
                if fused and lexicon.suffix_type(head[k:]) is not None:
                    place, head = fused[0], head[k:]
                    break
        if norm(head):
            if place is not None:
                return place, _head_key(head, lexicon)
            return Entry(slug(prefix), "District", {"ko": prefix}), _head_key(head, lexicon)
    n = norm(c.text)
    suffix = lexicon.suffix_type(n)
    body = n[: -len(suffix[0])] if suffix else n
    words = c.text.split()
    # the first word may be the place (충칭 시엔타오빅데이터밸리), or begin with it (귀양빅데이터 전람관)
    first = norm(words[0]) if len(words) > 1 else body
    lengths = ([len(first)] if len(words) > 1 else []) + list(range(min(5, len(first)), 1, -1))
    for k in lengths:
        prefix = n[:k]
        if not all("가" <= ch <= "힣" for ch in prefix) or k >= len(n):
            continue
        for cand in (prefix, prefix[:-1] if prefix[-1] in "시성" else None):
            if not cand or len(cand) < 2:
                continue
            hits = [e for e, s in gazetteer.similar(cand, cutoff=FUZZY_SAME_DOC, limit=3)
                    if e.key in ctx.present and e.type in ("City", "Province", "District")]
            if hits:
                return hits[0], _head_key(n[k:], lexicon)
    return None, n


def _head_key(head: str, lexicon: Lexicon) -> str:
    """Normalize what follows a place: 시청, 시정부 and 인민정부 name one body.

    >>> _head_key("시청", load_lexicon()) == _head_key("인민정부", load_lexicon())
    True
    """
    h = norm(head)
    # 고양 + 시의회 and 고양시 + 의회 are one council: a unit letter opening a suffix word goes
    if len(h) > 2 and h[0] in "시구군성도" and (lexicon.suffix_type(h[1:]) or ("",))[0] == h[1:]:
        h = h[1:]
    return (lexicon.head_synonyms or {}).get(h, h)


def _preceding_places(cands: Sequence[Candidate], gazetteer: Gazetteer) -> dict[tuple[int, int], Entry]:
    """Map a candidate start to the larger place written right before it ("중국 쓰촨성 청두시")."""
    out: dict[int, Entry] = {}
    ordered = sorted(cands, key=lambda c: c.start)
    for a, b in zip(ordered, ordered[1:]):
        if len(a.keys) != 1 or not (0 <= b.start - a.end <= 1):
            continue
        e = gazetteer.entry(a.keys[0])
        if e.type in ("Country", "Province", "City") and _RANK.get(e.type, 9) < _RANK.get(b.type, 9):
            out[(b.start, b.end)] = e
    return out


# ---------------------------------------------------------------- grouping
