"""A briefing on a place or partner: what staff print before the next trip.

:func:`briefing` gathers, for one entity and "we" (the home side): our trips
there, whom we met (titles, dates), agreements and proposals (open ones first),
the people on their side we know, the places within it we have ties with, the
other cities of our country tied to it, a timeline and a focused network. Every
statement carries footnote numbers into ``notes``: the quotes and documents it
rests on. ``graph.briefdoc`` writes it as Markdown or DOCX, ``graph.charts``
draws its pictures, the ``/briefing`` page shows it as HTML.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import queries
from .answers import open_first
from .meetings import encounters, home_side, people
from .indexes import fact_index
from .queries import CONTAINED, Evidence, _bare, _inside, _iri
from .store import Store
from .trips import trips, trips_of_facts
from .vocab import SCHEMA

PLACE_TYPES = frozenset({"City", "District", "Province", "Country", "IndustrialPark"})
STATUS = {"signed": "체결 signed", "proposed": "제안 proposed", "planned": "예정 planned"}
KIND = {"MOU": "MOU", "MOA": "MOA", "memorandum": "양해각서 memorandum", "sister_city": "자매결연 sister city",
        "friendship_city": "우호도시 friendship city", "cooperation_agreement": "협력협정 cooperation agreement",
        "other": "협약 agreement"}


@dataclass(frozen=True, slots=True)
class Item:
    """One statement of a briefing, its date, its footnotes and the entity it is about."""

    text: str
    date: str | None = None
    notes: tuple[int, ...] = ()
    iri: str | None = None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A part of a briefing, titled in Korean and English."""

    key: str
    title_ko: str
    title_en: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """One dated event on the briefing's timeline: a trip (start to end), a meeting or an agreement."""

    kind: str  # "trip", "met", "agreement"
    start: str
    end: str
    label: str


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything a briefing says, ready to be written out."""

    iri: str
    label: str
    type: str
    names: dict[str, list[str]]
    within: list[tuple[str, str]]
    home: str
    home_label: str
    sections: tuple[Section, ...]
    notes: tuple[Evidence, ...]
    timeline: tuple[Mark, ...]
    nodes: tuple[tuple[str, str, str], ...] = ()  # (iri, label, role: focus, home, met, partner, person, place)
    edges: tuple[tuple[str, str, str], ...] = field(default=())  # (from, to, fact type)

    def section(self, key: str) -> Section:
        """Return the section named ``key``."""
        return next(s for s in self.sections if s.key == key)


class _Notes:
    """Numbers quotes as footnotes, the same quote always the same number."""

    def __init__(self) -> None:
        self.items: list[Evidence] = []
        self._index: dict[tuple[str, int, int], int] = {}

    def add(self, evidence) -> tuple[int, ...]:
        out = []
        for ev in evidence:
            key = (ev.document, ev.start, ev.end)
            if key not in self._index:
                self.items.append(ev)
                self._index[key] = len(self.items)
            out.append(self._index[key])
        return tuple(dict.fromkeys(out))


def briefing(store: Store, iri: str, home: str, limit: int = 50) -> Briefing | None:
    """Return the briefing on ``iri`` for the home side ``home`` (None when ``iri`` is unknown)."""
    card = queries.entity(store, iri)
    if card is None:
        return None
    names = queries.display_labels(store, [home])
    notes = _Notes()
    marks: list[Mark] = []
    side = [x[1:-1] for x in home_side(store, home)]

    met = encounters(store, home, iri, limit=limit)
    facts_here = queries.facts_of(store, iri, limit=1000)
    trip_rows = {t.id: t for t in trips(store, home, place=iri if card.type in PLACE_TYPES else None, limit=limit)
                 } if card.type in PLACE_TYPES else {}
    for e in met:
        if e.trip is not None:
            trip_rows.setdefault(e.trip.id, e.trip)
    for t in trips_of_facts(store, [f.fact for f in facts_here]).values():
        if t.traveller in side:
            trip_rows.setdefault(t.id, t)
    trip_items = []
    for t in sorted(trip_rows.values(), key=lambda t: t.start or "", reverse=True):
        seen = [e for e in met if e.trip is not None and e.trip.id == t.id]
        quotes = [ev for e in seen for ev in e.evidence[:1]][:3]
        whom = ", ".join(dict.fromkeys(e.counterpart_label for e in seen))
        trip_items.append(Item(f"{t.when or '날짜 미상 undated'} · {t.traveller_label} → "
                               f"{'·'.join(label for _, label in t.destinations) or card.label}",
                               None, notes.add(quotes), t.iri,
                               f"만난 상대 met: {whom}" if whom else None))
        if t.start:
            marks.append(Mark("trip", t.start, t.end or t.start, t.label))

    met_items = []
    for e in met:
        who = e.name + (f" ({'; '.join(e.posts)})" if e.posts else "")
        detail = "; ".join(x for x in (f"참석 present: {', '.join(e.present)}" if e.present else "",
                                        f"출장 trip: {e.trip.label}" if e.trip else "") if x)
        met_items.append(Item(who, e.date, notes.add(e.evidence[:2]), e.counterpart, detail or None))
        if e.date:
            marks.append(Mark("met", e.date, e.date, e.counterpart_label))

    ours = set(side)
    agreements = open_first(queries.agreements(store, iri, limit=500))
    agreement_items = []
    for f in sorted(agreements, key=lambda f: not (f.subject in ours or f.object in ours)):
        other = f.object_label if f.subject in ours or f.subject == iri else f.subject_label
        mine = f.subject in ours or f.object in ours
        text = (f"{KIND.get(f.kind or 'other', f.kind)} — {f.subject_label} ↔ {f.object_label} — "
                f"{STATUS.get(f.status or '', f.status or '상태 미상 unknown')}")
        agreement_items.append(Item(text, f.date, notes.add([f.evidence]), f.object if f.subject == iri else f.subject,
                                    "우리와 with us" if mine else f"{other}"))
        if f.date:
            marks.append(Mark("agreement", f.date, f.date, f"{KIND.get(f.kind or 'other', f.kind)} ({f.status})"))

    person_items = [Item(p.label + (f" ({'; '.join(p.posts)})" if p.posts else ""), p.last, notes.add(p.evidence[:2]),
                         p.iri) for p in people(store, iri, exclude=home, limit=limit)]
    place_items = _places_within(store, iri, side, notes, limit)
    city_items = _other_cities(store, iri, home, side, notes, limit)

    sections = (
        Section("trips", "우리 출장", "Our trips there", tuple(trip_items)),
        Section("met", "만난 상대", "Whom we met", tuple(met_items)),
        Section("agreements", "협약·제안 (미체결 먼저)", "Agreements and proposals (open first)", tuple(agreement_items)),
        Section("people", "그쪽 인물", "People on their side we know", tuple(person_items)),
        Section("places", "관계가 있는 하위 지역·기관", "Places and bodies within it we have ties with", tuple(place_items)),
        Section("cities", "관계가 있는 국내 다른 도시", "Other cities of ours with ties there", tuple(city_items)),
    )
    nodes, edges = _network(iri, card.label, home, names.get(home, home), met, agreements, person_items, ours)
    return Briefing(iri=iri, label=card.label, type=card.type, names=card.labels, within=card.within, home=home,
                    home_label=names.get(home, home.rsplit("/", 1)[-1]), sections=sections, notes=tuple(notes.items),
                    timeline=tuple(sorted(marks, key=lambda m: (m.start, m.kind))), nodes=nodes, edges=edges)


def _places_within(store: Store, iri: str, side: list[str], notes: _Notes, limit: int) -> list[Item]:
    """Entities within ``iri`` named in a fact with our side, most facts first."""
    inside = [x for x in _inside(store, iri, CONTAINED) if x != _iri(iri)]
    if not inside:
        return []
    ours = " ".join(_iri(x) for x in side)
    paths = fact_index(store)
    # MIN, not SAMPLE: every engine must pick the same quote
    if paths is not None:
        rows = paths.tied(side, _bare(inside), limit)
    else:
        rows = store.select(f"""SELECT ?e (COUNT(DISTINCT ?f) AS ?n) (MIN(STR(?f)) AS ?one) WHERE {{
      {{ VALUES ?a {{ {ours} }} ?f ct:subject ?a ; ct:object ?e }}
      UNION {{ VALUES ?b {{ {ours} }} ?f ct:object ?b ; ct:subject ?e }}
      FILTER(?e IN ({", ".join(inside)}))
    }} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT {int(limit)}""")
    labels = queries.display_labels(store, [str(r["e"]) for r in rows])
    types = {x: queries.entity_type(store, x) for x in labels}
    facts = _evidence_of(store, [str(r["one"]) for r in rows])
    return [Item(f"{labels.get(str(r['e']), str(r['e']))} ({types.get(str(r['e'])) or '-'}) — 사실 {r['n']}건 facts",
                 None, notes.add(facts.get(str(r["one"]), [])), str(r["e"])) for r in rows]


def _other_cities(store: Store, iri: str, home: str, side: list[str], notes: _Notes, limit: int) -> list[Item]:
    """Cities of our country, other than ours, in a fact with ``iri`` or anything within it."""
    country = _country(store, home)
    inside = ", ".join(_inside(store, iri, CONTAINED))
    ours = set(side)
    rows = _city_rows(store, inside)
    cities = sorted({str(r["c"]) for r in rows} - ours - {iri})
    if country:
        chain = _countries(store, cities)
        cities = [c for c in cities if chain.get(c) == country]
    labels = queries.display_labels(store, cities)
    by_city: dict[str, list[str]] = {}
    kinds: dict[str, set[str]] = {}
    for r in rows:
        by_city.setdefault(str(r["c"]), []).append(str(r["f"]))
        kinds.setdefault(str(r["c"]), set()).add(str(r["t"]).rsplit("#", 1)[-1])
    chosen = sorted(cities, key=lambda c: labels.get(c, c))[:limit]
    # the quotes of each city's first two facts (a fact has one quote); all of them for a city short of two
    facts = _evidence_of(store, [f for c in chosen for f in by_city.get(c, [])[:2]])
    short = [c for c in chosen if len(by_city.get(c, [])) > 2 and
             sum(len(facts.get(f, [])) for f in by_city[c][:2]) < 2]
    facts.update(_evidence_of(store, [f for c in short for f in by_city[c][2:]]))
    out = []
    for c in chosen:
        evidence = [ev for f in by_city.get(c, []) for ev in facts.get(f, [])]
        out.append(Item(f"{labels.get(c, c)} — {', '.join(sorted(kinds.get(c, ())))}", None,
                        notes.add(evidence[:2]), c))
    return out


def _city_rows(store: Store, inside: str) -> list[dict]:
    """The cities in a fact with anything in ``inside`` (SPARQL IRIs, comma-separated), and the facts."""
    paths = fact_index(store)
    if paths is not None:
        return [r for role in ("o", "s") for r in paths.facts_with(_bare(inside.split(", ")), role, str(SCHEMA.City),
                                                                   2000)]
    values = inside.replace(",", " ")
    # one query per direction, each led by VALUES: a FILTER over every fact took 29 s at 100k triples
    return [r for a, b in (("?c", "?x"), ("?x", "?c")) for r in store.select(f"""SELECT DISTINCT ?c ?f ?t WHERE {{
      VALUES ?x {{ {values} }} ?f ct:subject {a} ; ct:object {b} ; ct:factType ?t ; a ct:Fact . ?c a schema:City
    }} ORDER BY ?c ?f LIMIT 2000""")]


def _country(store: Store, iri: str) -> str | None:
    return _countries(store, [iri]).get(iri)


def _countries(store: Store, iris: list[str]) -> dict[str, str]:
    """Return the country each entity lies in (walking ``schema:containedInPlace`` upwards)."""
    out: dict[str, str] = {}
    at = {i: i for i in iris}
    for _ in range(6):
        if not at:
            break
        values = " ".join(_iri(x) for x in sorted(set(at.values())))
        up: dict[str, str] = {}
        kinds: dict[str, bool] = {}
        for r in store.select(f"""SELECT DISTINCT ?x ?c ?country WHERE {{ VALUES ?x {{ {values} }}
            OPTIONAL {{ ?x schema:containedInPlace ?c }} BIND(EXISTS {{ ?x a schema:Country }} AS ?country) }}"""):
            x = str(r["x"])
            kinds[x] = str(r["country"]) in ("true", "1")
            if r.get("c") is not None:
                up.setdefault(x, str(r["c"]))
        nxt = {}
        for start, x in at.items():
            if kinds.get(x):
                out[start] = x
            elif x in up:
                nxt[start] = up[x]
        at = nxt
    return out


def _evidence_of(store: Store, facts: list[str]) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = {}
    for f in queries.facts_by_iri(store, facts):
        out.setdefault(f.fact, []).append(f.evidence)
    return out


def _network(iri: str, label: str, home: str, home_label: str, met, agreements, persons: list[Item],
             ours: set[str]) -> tuple[tuple, tuple]:
    """The focused picture: the entity, us, whom we met there, its partners and its people."""
    nodes = {iri: (iri, label, "focus"), home: (home, home_label, "home")}
    edges = []
    for e in met[:14]:
        nodes.setdefault(e.counterpart, (e.counterpart, e.counterpart_label, "met"))
        edges.append((home, e.counterpart, "met"))
    for f in agreements[:10]:
        for end, end_label in ((f.subject, f.subject_label), (f.object, f.object_label)):
            if end not in nodes:
                nodes[end] = (end, end_label, "home" if end in ours else "partner")
        edges.append((f.subject, f.object, f"agreement:{f.status or ''}"))
    for p in persons[:8]:
        if p.iri and p.iri not in nodes:
            nodes[p.iri] = (p.iri, p.text.split(" (")[0], "person")
            edges.append((p.iri, iri, "person"))
    for n, _, role in list(nodes.values()):
        if role == "met":
            edges.append((n, iri, "within"))
    return tuple(nodes.values()), tuple(dict.fromkeys(edges))


__all__ = ["Briefing", "Section", "Item", "Mark", "briefing", "KIND", "STATUS"]
