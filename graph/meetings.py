"""Whom we met: meetings fact by fact, and the answer a colleague gives, one row per counterpart and day.

"We" is the home side: ``home``, everything within it (transitively) and the
persons who hold posts in or belong to any of those. A visit to an institution
(기관방문) is a meeting with that body, so :func:`encounters` reads ``met`` and
``visited`` facts alike, keeps the counterparts (persons, bodies, companies,
universities, parks; not the cities and districts travelled through), folds the
sentences that name the same counterpart on the same day (or undated, in the same
report) into one row, lists the persons of a body met that day, and groups the
rows by the trip they belong to, newest trip first.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .access import LINKS
from .queries import (
    CONTAINED, CLASS_ENTITY, Evidence, FactRow, _CT, _FACT_PATTERN, _bare, _fact_rows, _inside, _iri,
    display_labels,
)
from .indexes import fact_index, sparql_only
from .names import fold
from .store import Store
from .trips import Post, TripRow, posts_of, trips_of_facts
from .vocab import SCHEMA

REGIONS = frozenset({"City", "District", "Province", "Country"})  # travelled through, not met
RAW_LIMIT = 5000  # facts read for one answer before grouping


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting of the home side with a counterpart."""

    who: str  # the home-side subject
    who_label: str
    counterpart: str
    counterpart_label: str
    counterpart_type: str
    posts: tuple[str, ...]  # "title, organization" of the counterpart when known
    date: str | None
    place: str | None
    place_label: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Encounter:
    """One counterpart the home side met or visited on one day, with everything known about it.

    ``how`` is "met", "visited" or both; ``posts`` are the counterpart's own posts (a person);
    ``present`` the persons of the counterpart body met the same day, each as "name (post)";
    ``evidence`` every quote that tells of it, the first the most telling; ``written`` the name
    as the report writes it there, when that differs from the label (충청 우전대학교 for 충칭우전대학).
    """

    counterpart: str
    counterpart_label: str
    counterpart_type: str
    date: str | None
    place: str | None
    place_label: str | None
    how: tuple[str, ...]
    who: tuple[str, ...]  # home-side labels
    posts: tuple[str, ...]
    present: tuple[str, ...]
    trip: TripRow | None
    evidence: tuple[Evidence, ...]
    written: str | None = None

    @property
    def name(self) -> str:
        """Return the label, with the report's own spelling after it when that differs."""
        return f"{self.counterpart_label} ({self.written})" if self.written else self.counterpart_label


def home_side(store: Store, home: str) -> list[str]:
    """Return the home side as SPARQL IRIs: ``home``, everything within it, and their people."""
    inside = _inside(store, home)
    return sorted(set(inside) | set(_people(store, inside)))


def _people(store: Store, orgs: list[str]) -> list[str]:
    """Return the persons holding a post in or belonging to one of ``orgs`` (SPARQL IRIs), as SPARQL IRIs."""
    paths = fact_index(store)
    if paths is not None:
        return [_iri(p) for p in sorted(paths.linked(_bare(orgs), LINKS[2:4]))]
    return [_iri(str(r["p"])) for r in store.select(
        f"""SELECT DISTINCT ?p WHERE {{ ?p ct:holdsPost|ct:memberOf ?org . FILTER(?org IN ({", ".join(orgs)})) }}""")]


def _place_filter(where: tuple[list[str], list[str]] | None) -> str:
    """A FILTER: the fact happened in one of the places ``where`` names, or its counterpart is
    one of its ends (see :func:`_where`)."""
    if where is None:
        return ""
    # a FILTER, not a UNION of VALUES: Virtuoso 7.2 answers { VALUES ?o { <x> } } UNION {...}
    # with no rows when a VALUES has a single row
    return f"FILTER(?place IN ({', '.join(where[0])}) || ?o IN ({', '.join(where[1])}))"


def _where(store: Store, place: str | None) -> tuple[list[str], list[str]] | None:
    """Return (the places within ``place``, those and the persons holding a post in or belonging to
    one of them) as SPARQL IRIs, or None for no place."""
    if not place:
        return None
    inside = _inside(store, place, CONTAINED)
    return inside, sorted(set(inside) | set(_people(store, inside)))


def meetings(store: Store, home: str, place: str | None = None, limit: int = 100,
             offset: int = 0, indexed: bool = True) -> list[Meeting]:
    """Who the home side (``home`` and everything within it) met, optionally in ``place``:
    the meeting's place, the counterpart, or the body a counterpart person holds a post in
    or belongs to, contained in ``place`` transitively. One row per ``met`` fact.

    The rows come from the store's access paths (``graph.access``; none on an endpoint others
    write); ``indexed=False`` asks SPARQL alone (the same rows in the same order)."""
    if not indexed:
        with sparql_only():
            return meetings(store, home, place, limit, offset)
    side, where = _inside(store, home), _where(store, place)
    index = fact_index(store)
    if index is None:
        rows = store.select(f"""SELECT DISTINCT * WHERE {{
          VALUES ?s {{ {' '.join(side)} }}
          ?f ct:factType ct:met . {_FACT_PATTERN}
          {_place_filter(where)}
        }} ORDER BY ?date ?start ?f LIMIT {int(limit)} OFFSET {int(offset)}""")
    else:
        rows = index.facts([_CT + "met"], subjects=_bare(side),
                           places=None if where is None else (_bare(where[0]), _bare(where[1])),
                           limit=limit, offset=offset)
    facts = _fact_rows(store, rows, None)
    types = entity_types(store, sorted({f.object for f in facts}))
    posts = posts_of(store, sorted({f.object for f in facts}))
    seen, out = set(), []
    for f in facts:
        key = (f.subject, f.object, f.evidence.document, f.evidence.start)
        if key in seen:
            continue
        seen.add(key)
        out.append(Meeting(who=f.subject, who_label=f.subject_label, counterpart=f.object,
                           counterpart_label=f.object_label, counterpart_type=types.get(f.object, "Entity"),
                           posts=tuple(sorted({p.text() for p in posts.get(f.object, ()) if p.text()})),
                           date=f.date, place=f.place, place_label=f.place_label, evidence=f.evidence))
    return out


def encounters(store: Store, home: str, place: str | None = None, limit: int = 200,
               offset: int = 0) -> list[Encounter]:
    """Whom the home side met or whose institution it visited (in ``place``, when given): one row
    per counterpart and day, grouped by trip (newest first), then the rows of no trip, newest first."""
    side, where = home_side(store, home), _where(store, place)
    paths = fact_index(store)
    if paths is not None:
        rows = paths.facts([_CT + "met", _CT + "visited"], subjects=_bare(side),
                           places=None if where is None else (_bare(where[0]), _bare(where[1])), limit=RAW_LIMIT)
    else:
        rows = store.select(f"""SELECT DISTINCT * WHERE {{
          VALUES ?s {{ {' '.join(side)} }}
          {_FACT_PATTERN} FILTER(?ftype IN (ct:met, ct:visited))
          {_place_filter(where)}
        }} ORDER BY ?date ?start ?f LIMIT {RAW_LIMIT}""")
    facts = _fact_rows(store, rows, None)
    ours = set(_bare(side))
    types = entity_types(store, sorted({f.object for f in facts}))
    facts = [f for f in facts if f.object not in ours and types.get(f.object, "Entity") not in REGIONS]
    trips = trips_of_facts(store, sorted({f.fact for f in facts}))
    groups = _group(facts, trips)
    posts = posts_of(store, sorted({f.object for f in facts if types.get(f.object) == "Person"}))
    # the page's groups first (their order needs only each group's first fact and trip), then
    # only those made into rows with the spellings of their reports
    page = sorted(groups, key=lambda g: _order(*_head(g, trips)))[offset:offset + limit]
    written = _written(store, [f for g in page for f in g])
    return [_encounter(g, types, posts, groups, trips, written) for g in page]


def _written(store: Store, facts: list[FactRow]) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """Return where each counterpart is named in each report: (entity, document) -> [(start, text)]."""
    ends, docs = sorted({f.object for f in facts}), sorted({f.evidence.document for f in facts})
    if not ends:
        return {}
    out: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for i in range(0, len(ends), 200):
        rows = store.select(f"""SELECT DISTINCT ?e ?doc ?start ?exact WHERE {{
          VALUES ?e {{ {' '.join(_iri(e) for e in ends[i:i + 200])} }} VALUES ?doc {{ {' '.join(_iri(d) for d in docs)} }}
          GRAPH ?doc {{ ?m ct:mentionOf ?e ; oa:start ?start ; oa:exact ?exact }} }}""")
        for r in rows:
            out.setdefault((str(r["e"]), str(r["doc"])), []).append((int(str(r["start"])), str(r["exact"])))
    return out


def _group(facts: list[FactRow], trips: dict[str, TripRow]) -> list[list[FactRow]]:
    """Fold facts into one group per counterpart and day; an undated fact joins its counterpart's
    only dated group from the same report, else the counterpart's undated group there."""
    dated: dict[tuple[str, str], list[FactRow]] = {}
    for f in facts:
        if f.date:
            dated.setdefault((f.object, f.date), []).append(f)
    undated: dict[tuple[str, str], list[FactRow]] = {}
    for f in facts:
        if f.date:
            continue
        same = [k for k, g in dated.items() if k[0] == f.object
                and any(x.evidence.document == f.evidence.document for x in g)]
        if len(same) == 1:
            dated[same[0]].append(f)
        else:
            undated.setdefault((f.object, f.evidence.document), []).append(f)
    return list(dated.values()) + list(undated.values())


def _encounter(group: list[FactRow], types: dict[str, str], posts: dict[str, list[Post]],
               groups: list[list[FactRow]], trips: dict[str, TripRow],
               written: dict[tuple[str, str], list[tuple[int, str]]]) -> Encounter:
    head, trip, first = _head(group, trips)
    day = head.date
    present = []
    if types.get(head.object) != "Person":
        for g in groups:  # persons of this body met the same day
            p = g[0]
            if types.get(p.object) == "Person" and p.date == day and \
                    any(post.org == head.object for post in posts.get(p.object, ())):
                title = next((post.title for post in posts[p.object] if post.org == head.object and post.title), None)
                present.append(f"{p.object_label} ({title})" if title else p.object_label)
    place = next((f for f in first if f.place), head)
    spelt = [text for f in first for start, text in written.get((f.object, f.evidence.document), ())
             if f.evidence.start <= start < f.evidence.end]
    as_written = max(spelt, key=len) if spelt else None
    if as_written and fold(as_written) == fold(head.object_label):
        as_written = None
    return Encounter(
        counterpart=head.object, counterpart_label=head.object_label,
        counterpart_type=types.get(head.object, "Entity"), date=day, place=place.place,
        place_label=place.place_label, how=tuple(sorted({f.type for f in group})),
        who=tuple(dict.fromkeys(f.subject_label for f in first)),
        posts=tuple(p.text() for p in posts.get(head.object, ()) if p.text()),
        present=tuple(dict.fromkeys(present)), trip=trip,
        evidence=tuple(dict.fromkeys(f.evidence for f in first)), written=as_written)


def _head(group: list[FactRow], trips: dict[str, TripRow]) -> tuple[FactRow, TripRow | None, list[FactRow]]:
    """Return a group's telling fact (dated, a meeting, first in the text), its trip and its facts in that order."""
    first = sorted(group, key=lambda f: (f.date is None, f.type != "met", f.evidence.start))
    return first[0], next((trips[f.fact] for f in first if f.fact in trips), None), first


def _order(head: FactRow, trip: TripRow | None, _: object = None) -> tuple:
    # trips newest first, a trip's rows day by day; then the rows of no trip, newest first
    if trip is not None:
        return (0, _desc(trip.start or ""), trip.id, head.date is None, head.date or "", head.object_label)
    return (1, _desc(head.date or ""), head.object_label)


@functools.lru_cache(maxsize=4096)
def _desc(text: str) -> tuple[int, ...]:
    """A sort key that orders ISO dates newest first (undated last).

    >>> sorted(["2018-08", "2019-12-22", ""], key=_desc)
    ['2019-12-22', '2018-08', '']
    """
    return tuple(-ord(c) for c in text) + (0,) if text else (1,)


@dataclass(frozen=True, slots=True)
class Person:
    """A person tied to a place or body: their posts, how they are tied, and the quotes."""

    iri: str
    label: str
    posts: tuple[str, ...]
    how: tuple[str, ...]  # "post" (holds a post or belongs there), "met" (we met them there), "fact"
    last: str | None  # the latest date of a fact naming them
    evidence: tuple[Evidence, ...]


def people(store: Store, iri: str, exclude: str | None = None, limit: int = 100) -> list[Person]:
    """Return the persons tied to ``iri`` (a place or body, and everything within it): those holding a
    post in or belonging to it, those met there, those in any other fact with it; not the persons of
    ``exclude``'s side (ours). Persons with a post there first, then by name."""
    inside = _inside(store, iri, CONTAINED)
    here = " ".join(inside)
    # one query per tie, each led by VALUES and on the truthy triples where it can: a UNION with
    # fact-node joins took 10 s on Virtuoso at 10k triples, and drops single-row VALUES in branches
    ties = (
        ("post", f"VALUES ?x {{ {here} }} ?p ct:holdsPost|ct:memberOf ?x"),
        ("met", f"VALUES ?x {{ {here} }} ?f schema:location ?x ; ct:factType ct:met ; ct:object ?p ; a ct:Fact"),
        ("fact", f"VALUES ?x {{ {here} }} ?p ct:visited|ct:met|ct:agreement|ct:attended|ct:cooperatesWith ?x"),
    )
    how: dict[str, set[str]] = {}
    paths = fact_index(store)
    if paths is not None:
        bare = _bare(inside)
        found = (("post", paths.linked(bare, LINKS[2:4])),
                 ("met", paths.ends_of([_CT + "met"], "s", (), places=bare)),
                 ("fact", paths.ends_of([_CT + t for t in ("visited", "met", "agreement", "attended",
                                                           "cooperatesWith")], "o", bare)))
        for name, persons in found:
            for p in sorted(paths.typed(persons, str(SCHEMA.Person)))[:RAW_LIMIT]:
                how.setdefault(p, set()).add(name)
    else:
        for name, pattern in ties:
            for r in store.select(f"SELECT DISTINCT ?p WHERE {{ {pattern} . ?p a schema:Person }} LIMIT {RAW_LIMIT}"):
                how.setdefault(str(r["p"]), set()).add(name)
    ours = {x[1:-1] for x in home_side(store, exclude)} if exclude else set()
    names = display_labels(store, sorted(set(how) - ours))
    chosen = sorted(names, key=lambda p: ("post" not in how[p], names[p], p))[:limit]
    if not chosen:
        return []
    where = {x[1:-1] for x in inside}
    if paths is not None:
        rows = _fact_rows(store, paths.touching(chosen, ("start", "f"), RAW_LIMIT, distinct=True), None)
    else:
        values = " ".join(_iri(p) for p in chosen)
        rows = _fact_rows(store, store.select(f"""SELECT DISTINCT * WHERE {{
          {{ VALUES ?s {{ {values} }} {_FACT_PATTERN} }} UNION {{ VALUES ?o {{ {values} }} {_FACT_PATTERN} }}
        }} ORDER BY ?start ?f LIMIT {RAW_LIMIT}"""), None)
    facts: dict[str, list[FactRow]] = {}
    for f in rows:  # the facts that tie the person to the place: their post there, a meeting there, ...
        if f.object in where or f.place in where:
            for end in {f.subject, f.object} & set(chosen):
                facts.setdefault(end, []).append(f)
    posts = posts_of(store, chosen)
    out = []
    for person in chosen:
        fs = sorted(facts.get(person, ()), key=lambda f: (f.evidence.document, f.evidence.start))
        dates = sorted(f.date for f in fs if f.date)
        out.append(Person(person, names[person], tuple(p.text() for p in posts.get(person, ()) if p.text()),
                          tuple(sorted(how[person], key=("post", "met", "fact").index)),
                          dates[-1] if dates else None, tuple(dict.fromkeys(f.evidence for f in fs))))
    return out


def entity_types(store: Store, iris: list[str]) -> dict[str, str]:
    """Return each IRI's entity type name (those the store types)."""
    out: dict[str, str] = {}
    paths = fact_index(store)
    if paths is not None:
        for iri, classes in paths.classes(iris).items():
            out[iri] = CLASS_ENTITY[classes[-1]]  # as below: the last class read
        return out
    for i in range(0, len(iris), 200):
        values = " ".join(_iri(x) for x in iris[i:i + 200])
        for r in store.select(f"SELECT DISTINCT ?e ?c WHERE {{ VALUES ?e {{ {values} }} ?e a ?c }}"):
            if str(r["c"]) in CLASS_ENTITY:
                out[str(r["e"])] = CLASS_ENTITY[str(r["c"])]
    return out


__all__ = ["Meeting", "Encounter", "Person", "meetings", "encounters", "people", "home_side", "entity_types",
           "REGIONS"]
