"""Named queries: the questions every front end (CLI, API, notebooks, view) asks the store.

Each function takes a :class:`~cityties.graph.store.Store` and returns plain
frozen rows, so the API, the CLI and pandas can present them as they like.
"We" is a home entity and everything contained in it (``schema:containedInPlace``,
transitively): Goyang, its council, the council's committees.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from .access import FACT_PATTERN as _FACT_PATTERN
from .access import LINKS
from .indexes import fact_index, name_index, search_index
from .names import fold as normalize  # noqa: F401 - callers import it from here
from .store import Store
from .vocab import CLASS_ENTITY, CT, PREDICATE_FACT, document_id

CONTAINED = "(schema:containedInPlace|ct:locatedIn)"
_CT = str(CT)  # fact types as the access paths keep them (full IRIs)


def _esc(text: str) -> str:
    """Return ``text`` as the body of a SPARQL string literal.

    >>> _esc('a"b\\\\c')
    'a\\\\"b\\\\\\\\c'
    """
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r"))


def _iri(value: str) -> str:
    if not value or any(c in value for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def _bare(iris: list[str]) -> list[str]:
    """Return SPARQL IRIs without their angle brackets.

    >>> _bare(["<https://x/a>"])
    ['https://x/a']
    """
    return [x[1:-1] for x in iris]


def _s(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _int(node: Node | None) -> int | None:
    return None if node is None else int(str(node))


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: the quote, its offsets and the source document."""

    quote: str
    start: int
    end: int
    document: str  # document IRI
    document_id: str
    document_title: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One entity found by a label search."""

    iri: str
    type: str
    label: str
    matched: str
    score: float


@dataclass(frozen=True, slots=True)
class FactRow:
    """One qualified fact seen from one entity: the other end and the qualifiers."""

    fact: str
    type: str
    direction: str  # "out" when the entity is the subject, "in" otherwise
    subject: str
    subject_label: str
    object: str
    object_label: str
    date: str | None
    place: str | None
    place_label: str | None
    kind: str | None
    status: str | None
    title: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Card:
    """Everything the graph says about one entity."""

    iri: str
    type: str
    labels: dict[str, list[str]]
    aliases: list[str]
    same_as: list[str]
    within: list[tuple[str, str]]  # (iri, label)
    title: str | None
    facts: list[FactRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        for lang in ("ko", "en", "zh"):
            if self.labels.get(lang):
                return self.labels[lang][0]
        return self.aliases[0] if self.aliases else self.iri.rsplit("/", 1)[-1]


# ---------------------------------------------------------------- label helpers

_LABEL = """OPTIONAL { %(v)s skos:prefLabel ?%(n)s_ko FILTER(lang(?%(n)s_ko) = "ko") }
  OPTIONAL { %(v)s skos:prefLabel ?%(n)s_en FILTER(lang(?%(n)s_en) = "en") }
  OPTIONAL { %(v)s skos:prefLabel ?%(n)s_any }
  OPTIONAL { %(v)s skos:altLabel ?%(n)s_alt }"""


def _label_block(var: str, name: str) -> str:
    return _LABEL % {"v": var, "n": name}


def _label_of(row: dict, name: str, fallback: str | None = None) -> str:
    for key in (f"{name}_ko", f"{name}_en", f"{name}_any", f"{name}_alt"):
        if row.get(key) is not None:
            return str(row[key])
    return (fallback or "").rsplit("/", 1)[-1]


def _evidence(row: dict) -> Evidence:
    doc = str(row["doc"])
    return Evidence(quote=str(row["quote"]), start=int(str(row["start"])), end=int(str(row["end"])),
                    document=doc, document_id=_doc_id(doc), document_title=_s(row.get("doc_title")))


@functools.lru_cache(maxsize=65536)
def _doc_id(iri: str) -> str:
    try:
        return document_id(iri)
    except ValueError:
        return iri


def _type_of(classes: list[str]) -> str:
    for c in classes:
        if c in CLASS_ENTITY:
            return CLASS_ENTITY[c]
    return "Entity"


# ---------------------------------------------------------------- search

def labels(store: Store) -> list[tuple[str, str, str]]:
    """Return every (entity IRI, type, label or alias or mention text) the store knows."""
    # types and names in two DISTINCT queries, not one join: the union default graph holds a
    # copy of each per document naming the entity, and a join multiplies the copies
    classes = " ".join(_iri(c) for c in CLASS_ENTITY)
    types: dict[str, list[str]] = {}
    for r in store.select(f"SELECT DISTINCT ?e ?cls WHERE {{ VALUES ?cls {{ {classes} }} ?e a ?cls }}"):
        types.setdefault(str(r["e"]), []).append(CLASS_ENTITY[str(r["cls"])])
    rows = store.select("""SELECT DISTINCT ?e ?l WHERE { { ?e skos:prefLabel ?l } UNION { ?e skos:altLabel ?l }
      UNION { ?m ct:mentionOf ?e ; oa:exact ?l } }""")
    return sorted({(str(r["e"]), t, str(r["l"])) for r in rows for t in types.get(str(r["e"]), ())})


def search(store: Store, q: str, limit: int = 20, offset: int = 0,
           types: tuple[str, ...] | None = None) -> list[Hit]:
    """Find entities whose labels, aliases or mention texts contain ``q`` (any language).

    Exact matches rank first, then prefixes, then substrings. The store's search
    index (``graph.search``) answers, so no label is scanned; fuzzy matching of
    misspellings is ``indexes.search_index(store).search(..., fuzzy=True)``.
    """
    hits = search_index(store).search(q, limit=limit, offset=offset, types=types, fuzzy=False,
                                     prefer_names=False)
    return [Hit(h.iri, h.type, h.label, h.matched, h.score) for h in hits]


def display_labels(store: Store, iris: list[str], lang: str = "ko") -> dict[str, str]:
    """Return one display label per IRI: the ``lang`` label, else English, else any name."""
    index = name_index(store) if lang == "ko" else None
    if index is not None:  # the search index keeps this very choice per entity
        return index.names(iris)
    out: dict[str, str] = {}
    for i in range(0, len(iris), 200):
        values = " ".join(_iri(x) for x in iris[i:i + 200])
        # DISTINCT: the union default graph holds one copy of a label per document naming the
        # entity (348 rows for 3 labels at 100k triples)
        rows = store.select(f"""SELECT DISTINCT ?e ?l ?alt WHERE {{ VALUES ?e {{ {values} }}
          {{ ?e skos:prefLabel ?l BIND(0 AS ?alt) }} UNION {{ ?e skos:altLabel ?l BIND(1 AS ?alt) }} }}""")
        ranked: dict[str, tuple[int, int, str]] = {}
        for r in rows:
            lit = r["l"]
            language = getattr(lit, "language", None)
            rank = {lang: 0, "en": 1}.get(language or "", 2) if language else 3
            # 0/1, not false/true: Virtuoso returns SPARQL booleans as the integers 0 and 1
            cand = (int(str(r["alt"])), rank, str(lit))
            cur = ranked.get(str(r["e"]))
            if cur is None or cand < cur:
                ranked[str(r["e"])] = cand
        out.update({k: v[2] for k, v in ranked.items()})
    return out


# ---------------------------------------------------------------- entity card

def entity_type(store: Store, iri: str) -> str | None:
    """Return the entity's type name, or None when the store does not know the IRI."""
    paths = fact_index(store)
    if paths is not None:
        classes = paths.classes([iri]).get(iri, [])
        if classes:
            return _type_of(classes)
    rows = store.select(f"SELECT DISTINCT ?c WHERE {{ {_iri(iri)} a ?c }}")
    classes = [str(r["c"]) for r in rows]
    return _type_of(classes) if classes else None


def entity(store: Store, iri: str) -> Card | None:
    """Return the entity card: labels, type, aliases, same_as, containing places, facts in and out."""
    etype = entity_type(store, iri)
    if etype is None:
        return None
    node = _iri(iri)
    rows = store.select(f"""SELECT DISTINCT ?p ?v WHERE {{ {node} ?p ?v
      FILTER(?p IN (skos:prefLabel, skos:altLabel, owl:sameAs, schema:containedInPlace, ct:title)) }}""")
    labels_: dict[str, list[str]] = {}
    aliases, same_as, within, title = [], [], [], None
    for r in rows:
        p, v = str(r["p"]), r["v"]
        if p.endswith("prefLabel"):
            labels_.setdefault(getattr(v, "language", None) or "und", []).append(str(v))
        elif p.endswith("altLabel"):
            aliases.append(str(v))
        elif p.endswith("sameAs"):
            same_as.append(str(v))
        elif p.endswith("containedInPlace"):
            within.append(str(v))
        else:
            title = str(v)
    names = display_labels(store, within) if within else {}
    for k in labels_:
        labels_[k].sort()
    return Card(iri=iri, type=etype, labels=labels_, aliases=sorted(set(aliases)),
                same_as=sorted(set(same_as)),
                within=[(w, names.get(w, w.rsplit("/", 1)[-1])) for w in sorted(within)],
                title=title, facts=facts_of(store, iri))


def facts_of(store: Store, iri: str, limit: int = 1000, offset: int = 0) -> list[FactRow]:
    """Return the facts in which ``iri`` is subject or object, ordered by date."""
    node, paths = _iri(iri), fact_index(store)
    if paths is not None:
        return _fact_rows(store, paths.facts_of(iri, limit, offset), iri)
    rows = store.select(f"""SELECT * WHERE {{
      {{ VALUES ?s {{ {node} }} {_FACT_PATTERN} }} UNION {{ VALUES ?o {{ {node} }} {_FACT_PATTERN} }}
    }} ORDER BY ?date ?ftype ?start ?f LIMIT {int(limit)} OFFSET {int(offset)}""")
    return _fact_rows(store, rows, iri)


def facts_by_iri(store: Store, facts: list[str]) -> list[FactRow]:
    """Return the fact rows of fact nodes given by IRI (in batches; the order is the engine's)."""
    paths = fact_index(store)
    if paths is not None:
        return _fact_rows(store, paths.facts_by_iri(facts), None)
    out: list[FactRow] = []
    unique = sorted(set(facts))
    for i in range(0, len(unique), 200):
        values = " ".join(_iri(x) for x in unique[i:i + 200])
        rows = store.select(f"SELECT * WHERE {{ VALUES ?f {{ {values} }} {_FACT_PATTERN} }}")
        out.extend(_fact_rows(store, rows, None))
    return out


def _fact_rows(store: Store, rows: list[dict], focus: str | None) -> list[FactRow]:
    ends = {str(r[k]) for r in rows for k in ("s", "o", "place") if r.get(k) is not None}
    names = display_labels(store, sorted(ends)) if ends else {}
    out = []
    for r in rows:
        s, o = str(r["s"]), str(r["o"])
        place = _s(r.get("place"))
        out.append(FactRow(
            fact=str(r["f"]), type=PREDICATE_FACT.get(str(r["ftype"]), str(r["ftype"])),
            direction="out" if focus is None or s == focus else "in",
            subject=s, subject_label=names.get(s, s.rsplit("/", 1)[-1]),
            object=o, object_label=names.get(o, o.rsplit("/", 1)[-1]),
            date=_s(r.get("date")), place=place, place_label=names.get(place) if place else None,
            kind=_s(r.get("kind")), status=_s(r.get("status")), title=_s(r.get("title")),
            evidence=_evidence(r)))
    return out


# ---------------------------------------------------------------- meetings, agreements, visits

def _inside(store: Store, iri: str, path: str = "schema:containedInPlace") -> list[str]:
    """Return ``iri`` and everything within it (``path``, transitively) as SPARQL IRIs.

    Found level by level with DISTINCT, not with a ``path*`` property path: a default graph
    that is the union of the named graphs is a bag (Virtuoso's and Oxigraph's alike), every
    document repeats its entities' containment, and a path walks every copy of every edge
    (Virtuoso ran out of its 1 GB transitive memory on a country at 100k triples). Callers
    join the result as VALUES placed first, or in an IN filter.
    """
    paths = fact_index(store)
    if paths is not None and path in _PATHS:
        return [f"<{x}>" for x in sorted(paths.inside(iri, _PATHS[path]))]  # IRIs the store holds
    seen, frontier = {iri}, [iri]
    while frontier:
        found: set[str] = set()
        for i in range(0, len(frontier), 500):
            values = " ".join(_iri(x) for x in frontier[i:i + 500])
            rows = store.select(f"SELECT DISTINCT ?x WHERE {{ VALUES ?p {{ {values} }} ?x {path} ?p }}")
            found.update(str(r["x"]) for r in rows)
        frontier = sorted(found - seen)
        seen.update(frontier)
    return [_iri(x) for x in sorted(seen)]


_PATHS = {"schema:containedInPlace": LINKS[:1], CONTAINED: LINKS[:2]}  # the links table's predicates


def _within(store: Store, var: str, home: str) -> str:
    """A pattern: ``var`` is ``home`` or anything contained in it, transitively."""
    return f"VALUES {var} {{ {' '.join(_inside(store, home))} }}"


def agreements(store: Store, iri: str, limit: int = 100, offset: int = 0,
               status: str | None = None) -> list[FactRow]:
    """Agreements of ``iri`` (or anything within it) with kind, status, date and counterpart."""
    status_filter = f'FILTER(?status = "{_esc(status)}")' if status else ""
    paths = fact_index(store)
    if paths is not None:
        return _fact_rows(store, paths.facts([_CT + "agreement"], ends=_bare(_inside(store, iri)), status=status,
                                             limit=limit, offset=offset), iri)
    inside = ", ".join(_inside(store, iri))  # a FILTER, not a UNION of VALUES: see meetings()
    rows = store.select(f"""SELECT DISTINCT * WHERE {{
      ?f ct:factType ct:agreement . {_FACT_PATTERN}
      FILTER(?s IN ({inside}) || ?o IN ({inside}))
      {status_filter}
    }} ORDER BY ?date ?start ?f LIMIT {int(limit)} OFFSET {int(offset)}""")
    return _fact_rows(store, rows, iri)


def timeline(store: Store, iri: str, limit: int = 200, offset: int = 0,
             types: tuple[str, ...] = ("visited", "met", "attended", "agreement")) -> list[FactRow]:
    """Dated activity of ``iri`` and everything within it (visits first of all), oldest first."""
    predicates = ", ".join(f"ct:{_PRED[t]}" for t in types)
    paths = fact_index(store)
    if paths is not None:
        rows = paths.facts([_CT + _PRED[t] for t in types], subjects=_bare(_inside(store, iri)), limit=limit,
                           offset=offset)
    else:
        rows = store.select(f"""SELECT DISTINCT * WHERE {{
          {_within(store, "?s", iri)}
          {_FACT_PATTERN}
          FILTER(?ftype IN ({predicates}))
        }} ORDER BY ?date ?start ?f LIMIT {int(limit)} OFFSET {int(offset)}""")
    rows.sort(key=lambda r: (r.get("date") is None, str(r.get("date") or ""), int(str(r["start"]))))
    return _fact_rows(store, rows, iri)


_PRED = {"visited": "visited", "met": "met", "agreement": "agreement", "holds_post": "holdsPost",
         "member_of": "memberOf", "located_in": "locatedIn", "attended": "attended",
         "cooperates_with": "cooperatesWith"}


def visits(store: Store, home: str, place: str | None = None, limit: int = 200,
           offset: int = 0) -> list[FactRow]:
    """Visits of the home side, optionally to ``place`` or anything within it, oldest first."""
    paths = fact_index(store)
    if paths is not None:
        inside = _bare(_inside(store, place, CONTAINED)) if place else None
        return _fact_rows(store, paths.facts([_CT + "visited"], subjects=_bare(_inside(store, home)),
                                             places=(inside, inside) if inside else None, limit=limit,
                                             offset=offset, undated_last=True), home)
    rows = timeline(store, home, limit=100000, types=("visited",))
    if place:
        inside = set(contained_in(store, place))
        rows = [r for r in rows if r.object in inside or (r.place in inside)]
    return rows[offset:offset + limit]


def contained_in(store: Store, place: str) -> list[str]:
    """Return ``place`` and every entity contained or located in it, transitively."""
    return [x[1:-1] for x in _inside(store, place, CONTAINED)]


# ---------------------------------------------------------------- corpus

def default_home(store: Store) -> str | None:
    """Return the body that wrote most documents in the store (the default "we")."""
    rows = store.select("""SELECT ?h (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ct:Document ; ct:home ?h }
      GROUP BY ?h ORDER BY DESC(?n) ?h LIMIT 1""")
    return str(rows[0]["h"]) if rows else None


def stats(store: Store) -> dict[str, int]:
    """Count documents, entities (by type) and facts (by type)."""
    out: dict[str, int] = {}
    for r in store.select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ct:Document }"):
        out["documents"] = _int(r.get("n")) or 0
    for r in store.select("""SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c FILTER EXISTS { ?m ct:mentionOf ?e } }
                              GROUP BY ?c"""):
        name = CLASS_ENTITY.get(str(r["c"]))
        if name:
            out[f"entities.{name}"] = _int(r["n"]) or 0
    out["entities"] = sum(v for k, v in out.items() if k.startswith("entities."))
    for r in store.select("SELECT ?t (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a ct:Fact ; ct:factType ?t } GROUP BY ?t"):
        out[f"facts.{PREDICATE_FACT.get(str(r['t']), str(r['t']))}"] = _int(r["n"]) or 0
    out["facts"] = sum(v for k, v in out.items() if k.startswith("facts."))
    return out


def top_entities(store: Store, etype: str = "City", limit: int = 10) -> list[tuple[str, str, int]]:
    """Return the entities of one type named in most facts: (IRI, label, fact count)."""
    from .vocab import ENTITY_CLASS
    rows = store.select(f"""SELECT ?e (COUNT(DISTINCT ?f) AS ?n) WHERE {{
      ?e a {_iri(str(ENTITY_CLASS[etype]))} . {{ ?f ct:subject ?e }} UNION {{ ?f ct:object ?e }} ?f a ct:Fact
    }} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT {int(limit)}""")
    names = display_labels(store, [str(r["e"]) for r in rows])
    return [(str(r["e"]), names.get(str(r["e"]), str(r["e"])), int(str(r["n"]))) for r in rows]


@dataclass(frozen=True, slots=True)
class DocumentText:
    """One document's text and the evidence spans of its facts."""

    iri: str
    id: str
    title: str | None
    source: str | None
    text: str
    facts: list[FactRow]
    home: str | None = None  # the writing body's IRI
    home_label: str | None = None
    home_confidence: float | None = None
    home_reason: str | None = None  # what named it: "publisher line", "site header", "given" …


def document(store: Store, iri: str) -> DocumentText | None:
    """Return a document's text with its facts (each fact's evidence offsets into the text)."""
    node = _iri(iri)
    rows = store.select(f"""SELECT ?id ?title ?src ?text ?home ?conf ?why WHERE {{ GRAPH {node} {{
      {node} dcterms:identifier ?id .
      OPTIONAL {{ {node} dcterms:title ?title }} OPTIONAL {{ {node} ct:source ?src }}
      OPTIONAL {{ {node} ct:text ?text }} OPTIONAL {{ {node} ct:home ?home }}
      OPTIONAL {{ {node} ct:homeConfidence ?conf }} OPTIONAL {{ {node} ct:homeReason ?why }} }} }}""")
    if not rows:
        return None
    r = rows[0]
    facts = store.select(f"""SELECT * WHERE {{ GRAPH {node} {{ {_FACT_PATTERN} FILTER(?doc = {node}) }} }}
                             ORDER BY ?start ?ftype ?f""")
    home = _s(r.get("home"))
    conf = r.get("conf")
    return DocumentText(iri=iri, id=str(r["id"]), title=_s(r.get("title")), source=_s(r.get("src")),
                        text=_s(r.get("text")) or "", facts=_fact_rows(store, facts, None), home=home,
                        home_label=display_labels(store, [home]).get(home) if home else None,
                        home_confidence=float(str(conf)) if conf is not None else None,
                        home_reason=_s(r.get("why")))


def resolve_entity(store: Store, name_or_iri: str, types: tuple[str, ...] | None = None) -> str | None:
    """Return the IRI for an IRI or a name (the best search hit), or None."""
    if name_or_iri.startswith(("http://", "https://")):
        if entity_type(store, name_or_iri):
            return name_or_iri
        from .curator import redirect  # noqa: PLC0415 - a merged entity's IRI leads to the survivor
        return redirect(store, name_or_iri)
    hits = search(store, name_or_iri, limit=1, types=types)
    return hits[0].iri if hits else None


__all__ = [
    "Evidence", "Hit", "FactRow", "Card", "DocumentText", "normalize", "labels",
    "search", "display_labels", "entity_type", "entity", "facts_of", "facts_by_iri", "agreements",
    "timeline", "visits", "contained_in", "default_home", "stats", "top_entities", "document",
    "resolve_entity", "URIRef",
]
