"""Trips in the store: who went where and when, whom they met, what they agreed, from which report.

A trip is a ``ct:Trip`` node in its document's graph (see ``graph.rdf``); these
named queries list them (newest first) and read one whole, with its members and
their posts, its destinations in order and its parts as fact rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .queries import (
    CONTAINED, Evidence, FactRow, _FACT_PATTERN, _doc_id, _esc, _fact_rows, _inside, _iri, _s,
    display_labels,
)
from .indexes import fact_index
from .store import Store

_TRIP = """?t a ct:Trip ; dcterms:identifier ?tid ; ct:traveller ?trav ; prov:wasDerivedFrom ?doc .
  OPTIONAL { ?t schema:startDate ?start } OPTIONAL { ?t schema:endDate ?end }
  OPTIONAL { ?doc dcterms:title ?doc_title }"""


@dataclass(frozen=True, slots=True)
class Post:
    """A post a person holds (or a body they belong to): title as written, the body."""

    title: str | None
    org: str | None
    org_label: str | None

    def text(self) -> str:
        """Return "title, body" (either alone when the other is unknown).

        >>> Post("부국장", "https://x/b", "과학기술인재사무국").text()
        '부국장, 과학기술인재사무국'
        """
        return ", ".join(x for x in (self.title, self.org_label) if x)


@dataclass(frozen=True, slots=True)
class Member:
    """One person who went on a trip, with the posts the documents give them and the quote
    (a delegation table's row) that lists them in the trip's report."""

    iri: str
    label: str
    posts: tuple[Post, ...] = ()
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class TripRow:
    """One trip: its id, traveller, first and last day, destinations in order and source report.

    ``members`` and ``parts`` are filled by :func:`trip`; :func:`trips` leaves them empty
    and counts the parts in ``size``.
    """

    id: str
    iri: str
    traveller: str
    traveller_label: str
    start: str | None
    end: str | None
    destinations: tuple[tuple[str, str], ...]  # (iri, label), in order
    document: str
    document_id: str
    document_title: str | None
    size: int = 0  # parts
    crew: int = 0  # members
    members: tuple[Member, ...] = ()
    parts: tuple[FactRow, ...] = field(default=())

    @property
    def label(self) -> str:
        """Return a short name: "2019-12 충칭·구이양" (dates, then destinations)."""
        when = self.start[:7] if self.start else "날짜 미상"
        return f"{when} {'·'.join(label for _, label in self.destinations) or self.traveller_label}"

    @property
    def when(self) -> str:
        """Return "start – end", one day, or an empty string when undated."""
        if self.start and self.end and self.start != self.end:
            return f"{self.start} – {self.end}"
        return self.start or self.end or ""


def trips(store: Store, home: str | None = None, place: str | None = None, year: str | None = None,
          member: str | None = None, limit: int = 100, offset: int = 0) -> list[TripRow]:
    """List trips, newest first: of ``home``'s side (it and everything within it), to ``place``
    (a destination within it), in ``year``, or with ``member`` among those who went."""
    filters = []
    if home:
        filters.append(f"FILTER(?trav IN ({', '.join(_inside(store, home))}))")
    if place:
        inside = ", ".join(_inside(store, place, CONTAINED))
        filters.append(f"FILTER EXISTS {{ ?t schema:itinerary ?st . ?st schema:item ?dest FILTER(?dest IN ({inside})) }}")
    if year:
        filters.append(f'FILTER(STRSTARTS(STR(?start), "{_esc(year)}") || STRSTARTS(STR(?end), "{_esc(year)}"))')
    if member:
        filters.append(f"FILTER EXISTS {{ ?t schema:attendee {_iri(member)} }}")
    rows = store.select(f"""SELECT DISTINCT ?t ?tid ?trav ?start ?end ?doc ?doc_title WHERE {{
      {_TRIP} {' '.join(filters)}
    }} ORDER BY DESC(?start) ?tid LIMIT {int(limit)} OFFSET {int(offset)}""")
    return _rows(store, rows)


def trip(store: Store, trip_id: str) -> TripRow | None:
    """Return one trip by its id (or IRI) with its members, their posts and its parts in order."""
    if trip_id.startswith(("http://", "https://")):
        which = f"VALUES ?t {{ {_iri(trip_id)} }}"
    else:
        which = f'VALUES ?tid {{ "{_esc(trip_id)}" }}'
    rows = store.select(f"SELECT DISTINCT ?t ?tid ?trav ?start ?end ?doc ?doc_title WHERE {{ {which} {_TRIP} }} LIMIT 1")
    if not rows:
        return None
    head = _rows(store, rows)[0]
    t = _iri(head.iri)
    members = [str(r["m"]) for r in store.select(f"SELECT DISTINCT ?m WHERE {{ {t} schema:attendee ?m }}")]
    facts = store.select(f"""SELECT DISTINCT * WHERE {{ {t} dcterms:hasPart ?f . {_FACT_PATTERN} }}
                             ORDER BY ?date ?start ?f""")
    parts = sorted(_fact_rows(store, facts, None),
                   key=lambda f: (f.date is None, f.date or "", f.evidence.start))
    posts = posts_of(store, members, head.document)
    names = display_labels(store, members)
    quotes = _listed(store, members, head.document)
    ranked = sorted(members, key=lambda m: (quotes[m].start if m in quotes else 1 << 30, names.get(m, m)))
    return TripRow(**{**_fields(head), "members": tuple(
        Member(m, names.get(m, m.rsplit("/", 1)[-1]), tuple(posts.get(m, ())), quotes.get(m)) for m in ranked),
        "parts": tuple(parts)})


def trips_of_facts(store: Store, facts: list[str]) -> dict[str, TripRow]:
    """Return the trip each fact (IRI) is a part of, for the facts that are part of one."""
    out: dict[str, TripRow] = {}
    paths = fact_index(store)
    if paths is not None:  # the trips from the access paths, their rows (a few) from SPARQL
        wholes = paths.wholes(facts)
        if wholes:
            values = " ".join(_iri(t) for t in sorted(set(wholes.values())))
            rows = store.select(f"""SELECT DISTINCT ?t ?tid ?trav ?start ?end ?doc ?doc_title WHERE {{
              VALUES ?t {{ {values} }} {_TRIP} }}""")
            made = {r.iri: r for r in _rows(store, list({r["t"]: r for r in rows}.values()))}
            out.update({f: made[t] for f, t in wholes.items() if t in made})
        return out
    for i in range(0, len(facts), 200):
        values = " ".join(_iri(f) for f in facts[i:i + 200])
        rows = store.select(f"""SELECT DISTINCT ?f ?t ?tid ?trav ?start ?end ?doc ?doc_title WHERE {{
          VALUES ?f {{ {values} }} ?t dcterms:hasPart ?f . {_TRIP} }}""")
        by_trip = {r["t"]: r for r in rows}
        made = {r.iri: r for r in _rows(store, list(by_trip.values()))}
        out.update({str(r["f"]): made[str(r["t"])] for r in rows})
    return out


def crews(store: Store) -> dict[str, list[str]]:
    """Return every trip's members: trip IRI -> person IRIs."""
    out: dict[str, list[str]] = {}
    for r in store.select("SELECT DISTINCT ?t ?m WHERE { ?t a ct:Trip ; schema:attendee ?m } ORDER BY ?t ?m"):
        out.setdefault(str(r["t"]), []).append(str(r["m"]))
    return out


def posts_of(store: Store, persons: list[str], doc: str | None = None) -> dict[str, list[Post]]:
    """Return each person's posts: holds_post facts (title and body), member_of bodies, and the
    title an entity carries when no body is named; with ``doc``, as that document gives them
    (a trip's report: the posts held on that trip)."""
    if not persons:
        return {}
    out: dict[str, list[Post]] = {}
    paths = fact_index(store)
    scope = (lambda body: f"GRAPH {_iri(doc)} {{ {body} }}") if doc else (lambda body: body)
    for i in range(0, len(persons), 200):
        values = " ".join(_iri(x) for x in persons[i:i + 200])
        # VALUES inside each branch: outside, the engine enumerates every post before the join
        rows = paths.posts(persons[i:i + 200], doc) if paths is not None else store.select(f"""SELECT DISTINCT ?p ?title ?org ?member WHERE {{
          {{ VALUES ?p {{ {values} }} {scope("?f ct:subject ?p ; ct:factType ct:holdsPost ; ct:object ?org ; a ct:Fact . "
                                            "OPTIONAL { ?f ct:title ?title }")} BIND(0 AS ?member) }}
          UNION {{ VALUES ?p {{ {values} }} {scope("?f ct:subject ?p ; ct:factType ct:memberOf ; ct:object ?org ; a ct:Fact .")}
             BIND(1 AS ?member) }}
          UNION {{ VALUES ?p {{ {values} }} {scope("?p ct:title ?title")} BIND(2 AS ?member) }} }}""")
        orgs = display_labels(store, sorted({str(r["org"]) for r in rows if r.get("org") is not None}))
        for r in sorted(rows, key=lambda r: (int(str(r["member"])), str(r.get("title") or ""), str(r.get("org") or ""))):
            org = _s(r.get("org"))
            post = Post(_s(r.get("title")), org, orgs.get(org, org) if org else None)
            have = out.setdefault(str(r["p"]), [])
            kind = int(str(r["member"]))
            # a membership adds nothing when a post in the same body is known, a bare title
            # nothing when a post with that title is
            if post in have or (kind == 1 and any(p.org == org for p in have)) \
                    or (kind == 2 and any(p.title == post.title for p in have)):
                continue
            have.append(post)
    return out


def _listed(store: Store, persons: list[str], doc: str) -> dict[str, Evidence]:
    """Return the first quote of the trip's report giving each person a post or a body (the
    delegation table's row), else the first naming them in any fact."""
    if not persons:
        return {}
    values = " ".join(_iri(x) for x in persons)
    rows = store.select(f"""SELECT DISTINCT * WHERE {{ GRAPH {_iri(doc)} {{ VALUES ?s {{ {values} }} {_FACT_PATTERN} }} }}
                            ORDER BY ?start""")
    out: dict[str, Evidence] = {}
    for f in sorted(_fact_rows(store, rows, None), key=lambda f: (f.type not in ("holds_post", "member_of"),
                                                                   f.evidence.start)):
        out.setdefault(f.subject, f.evidence)
    return out


def _rows(store: Store, rows: list[dict]) -> list[TripRow]:
    if not rows:
        return []
    iris = sorted({str(r["t"]) for r in rows})
    values = " ".join(_iri(t) for t in iris)
    stops: dict[str, list[tuple[int, str]]] = {}
    for r in store.select(f"""SELECT DISTINCT ?t ?pos ?item WHERE {{ VALUES ?t {{ {values} }}
        ?t schema:itinerary ?st . ?st schema:position ?pos ; schema:item ?item }}"""):
        stops.setdefault(str(r["t"]), []).append((int(str(r["pos"])), str(r["item"])))
    sizes, crews = ({str(r["t"]): int(str(r["n"])) for r in store.select(
        f"SELECT ?t (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?t {{ {values} }} ?t {p} ?x }} GROUP BY ?t")}
        for p in ("dcterms:hasPart", "schema:attendee"))
    ends = {str(r["trav"]) for r in rows} | {i for v in stops.values() for _, i in v}
    names = display_labels(store, sorted(ends))
    out = []
    for r in rows:
        t, trav, doc = str(r["t"]), str(r["trav"]), str(r["doc"])
        out.append(TripRow(
            id=str(r["tid"]), iri=t, traveller=trav, traveller_label=names.get(trav, trav.rsplit("/", 1)[-1]),
            start=_s(r.get("start")), end=_s(r.get("end")),
            destinations=tuple((i, names.get(i, i.rsplit("/", 1)[-1])) for _, i in sorted(stops.get(t, ()))),
            document=doc, document_id=_doc_id(doc), document_title=_s(r.get("doc_title")), size=sizes.get(t, 0),
            crew=crews.get(t, 0)))
    return out


def _fields(row: TripRow) -> dict:
    return {k: getattr(row, k) for k in TripRow.__dataclass_fields__}


__all__ = ["Post", "Member", "TripRow", "trips", "trip", "trips_of_facts", "posts_of", "crews", "Evidence"]
