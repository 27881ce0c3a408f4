"""Access paths: the rows the named queries read, kept in SQLite beside the store.

``FactIndex`` holds one row per solution of :data:`FACT_PATTERN` in each named graph
(a qualified fact with its type, ends, evidence, date, place, kind, status, title and
its document's title), and the links the queries walk (containment, posts,
membership, titles). A page of the meetings, agreements or activity of a home side,
an entity's facts, the places within a country or the posts of a page's persons is
then an indexed read in SQLite instead of a SPARQL evaluation over the union graph
(the busiest home has 6,578 meetings at 1M triples; SPARQL sorted them all before its
LIMIT). Rows are kept per named graph, so a document replace or drop, or a curation,
touches only the graphs it writes; ``graph.indexes`` keeps them in step and rebuilds
them when stale. Each reader gives the rows of the SPARQL query it stands for, in its
order (dates sort as their lexical forms, ISO 8601 of any precision, undated first);
tests check both agree.

>>> from rdflib import Graph, Literal, URIRef
>>> f, ev = URIRef("https://x/f"), URIRef("https://x/ev")
>>> g = Graph()
>>> for p, o in ((RDF.type, CT.Fact), (CT.factType, CT.met), (CT.subject, URIRef("https://x/we")),
...              (CT.object, URIRef("https://x/them")), (PROV.wasDerivedFrom, URIRef("https://x/doc")),
...              (CT.evidence, ev), (CT.date, Literal("2019-12"))):
...     _ = g.add((f, p, o))
>>> for p, o in ((OA.exact, Literal("met")), (OA.start, Literal(3)), (OA.end, Literal(6))):
...     _ = g.add((ev, p, o))
>>> _ = g.add((URIRef("https://x/we"), SCHEMA.containedInPlace, URIRef("https://x/home")))
>>> index = FactIndex(":memory:")
>>> index.replace("https://x/doc", g)
>>> [r["f"] for r in index.facts([str(CT.met)], subjects=["https://x/we"], limit=10)]
['https://x/f']
>>> index.facts([str(CT.met)], subjects=["https://x/we"], places=(["https://x/here"], []), limit=10)
[]
>>> sorted(index.inside("https://x/home", LINKS[:1]))
['https://x/home', 'https://x/we']
"""
from __future__ import annotations

import json
from itertools import groupby, product
from typing import TYPE_CHECKING, Iterable, Sequence

from rdflib import Graph, Literal, URIRef

from .indexfile import IndexFile, statements
from .vocab import CLASS_ENTITY, CT, DCTERMS, OA, PROV, RDF, SCHEMA

if TYPE_CHECKING:
    from .store import Store

# a qualified fact as every named query reads it: one row per evidence span and qualifier value
FACT_PATTERN = """?f a ct:Fact ; ct:factType ?ftype ; ct:subject ?s ; ct:object ?o ;
     prov:wasDerivedFrom ?doc ; ct:evidence ?ev .
  ?ev oa:exact ?quote ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?f ct:date ?date } OPTIONAL { ?f schema:location ?place }
  OPTIONAL { ?f ct:kind ?kind } OPTIONAL { ?f ct:status ?status } OPTIONAL { ?f ct:title ?title }
  OPTIONAL { ?doc dcterms:title ?doc_title }"""
COLUMNS = ("f", "ftype", "s", "o", "doc", "quote", "start", "end", "date", "place", "kind", "status", "title",
           "doc_title")  # the pattern's variables, the facts table's columns
_COLS = ", ".join(f'"{c}"' for c in COLUMNS)
# the links the queries walk: containment (schema:containedInPlace, ct:locatedIn), then posts,
# membership, an entity's own title and its types (our entity classes only); then the ends of
# every fact node (rejected ones too) and the parts of trips
LINKS = (str(SCHEMA.containedInPlace), str(CT.locatedIn), str(CT.holdsPost), str(CT.memberOf), str(CT.title),
         str(RDF.type), str(CT.subject), str(CT.object), str(DCTERMS.hasPart))

_TABLES = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE facts(graph TEXT NOT NULL, {", ".join(f'"{c}" {"INTEGER" if c in ("start", "end") else "TEXT"}'
                                                    for c in COLUMNS)});
CREATE TABLE links(graph TEXT NOT NULL, s TEXT NOT NULL, p TEXT NOT NULL, o TEXT NOT NULL)
"""
_INDEXES = """
CREATE INDEX facts_graph ON facts(graph);
CREATE INDEX facts_s ON facts(s, ftype, date, start, f, o, place);
CREATE INDEX facts_o ON facts(o, ftype, date, start, f, s, place);
CREATE INDEX facts_f ON facts(f);
CREATE INDEX links_graph ON links(graph);
CREATE INDEX links_o ON links(o, p, s);
CREATE INDEX links_s ON links(s, p, o)
"""
_REBUILD_FACTS = f"SELECT DISTINCT ?g {' '.join('?' + c for c in COLUMNS)} WHERE {{ GRAPH ?g {{ {FACT_PATTERN} }} }}"
_REBUILD_LINKS = f"""SELECT DISTINCT ?g ?s ?p ?o WHERE {{ VALUES ?p {{ {' '.join(f'<{p}>' for p in LINKS)} }}
  GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?s) && (?p != rdf:type || ?o IN ({', '.join(f'<{c}>' for c in CLASS_ENTITY)}))) }}"""
CLOSURES = 256  # containment closures kept between writes (a country's is ~500 places at 1M triples)
_ORDER = ("date", "start", "f")  # ORDER BY ?date ?start ?f, then every column (SPARQL leaves ties open)


class FactIndex(IndexFile):
    """Fact rows and links of one store, in an SQLite file (or in memory)."""

    FILE = "facts.sqlite"
    SCHEMA_VERSION = "5"
    TABLES, INDEXES = _TABLES, _INDEXES
    DROP = ("facts", "links", "meta")
    WHAT = "facts index"

    def __init__(self, location: str = ":memory:", read_only: bool = False) -> None:
        super().__init__(location, read_only)
        self._closures: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}  # inside(), until the next write

    # -- writes

    def rebuild(self, store: "Store") -> None:
        """Replace every row with those the store holds now (two queries, one bulk load)."""
        generation = store.generation
        facts = [(str(r["g"]), *(_cell(c, r.get(c)) for c in COLUMNS)) for r in store.select(_REBUILD_FACTS)]
        links = [(str(r["g"]), str(r["s"]), str(r["p"]), str(r["o"])) for r in store.select(_REBUILD_LINKS)]
        with self._tx():
            self._reset()
            self._closures.clear()
            self._insert(facts, links)
            for statement in statements(_INDEXES):
                self._db.execute(statement)
            self.generation = generation

    def replace(self, graph_iri: str, triples: Graph) -> None:
        """Replace the rows of one named graph with those ``triples`` give."""
        facts, links = fact_rows_of(triples), links_of(triples)
        with self._tx():
            self._delete(graph_iri)
            self._insert([(graph_iri, *r) for r in facts], [(graph_iri, *r) for r in links])

    def drop(self, graph_iri: str) -> None:
        """Delete the rows of one named graph."""
        with self._tx():
            self._delete(graph_iri)

    def _insert(self, facts: list[tuple], links: list[tuple]) -> None:
        self._db.executemany(f"INSERT INTO facts(graph, {_COLS}) VALUES ({', '.join('?' * (len(COLUMNS) + 1))})",
                             facts)
        self._db.executemany("INSERT INTO links VALUES (?, ?, ?, ?)", links)

    def _delete(self, graph_iri: str) -> None:
        self._closures.clear()
        self._db.execute("DELETE FROM facts WHERE graph = ?", (graph_iri,))
        self._db.execute("DELETE FROM links WHERE graph = ?", (graph_iri,))

    # -- reads: each gives the rows (dicts keyed by the pattern's variables) of one SPARQL shape

    def facts(self, types: Sequence[str] | None = None, subjects: Iterable[str] | None = None,
              ends: Iterable[str] | None = None, places: tuple[Iterable[str], Iterable[str]] | None = None,
              status: str | None = None, graph: str | None = None, limit: int = 100,
              offset: int = 0, undated_last: bool = False) -> list[dict]:
        """Return ``SELECT DISTINCT * { FACT_PATTERN filters } ORDER BY ?date ?start ?f LIMIT OFFSET``:
        facts of ``types`` (IRIs), with the subject among ``subjects``, or either end among ``ends``,
        held in one of ``places[0]`` or with the object among ``places[1]``, of ``status``, in ``graph``;
        ``undated_last``: that order sorted again with the undated facts last (as ``queries.visits``)."""
        where, args = [], []
        if types is not None:
            where.append(f"ftype IN ({', '.join('?' * len(types))})")
            args += list(types)
        if subjects is not None:
            where.append("s IN (SELECT value FROM json_each(?))")
            args.append(_json(subjects))
        if ends is not None:
            where.append("(s IN (SELECT value FROM json_each(?)) OR o IN (SELECT value FROM json_each(?)))")
            args += [_json(ends)] * 2
        if places is not None:
            where.append("(place IN (SELECT value FROM json_each(?)) OR o IN (SELECT value FROM json_each(?)))")
            args += [_json(places[0]), _json(places[1])]
        if status is not None:
            where.append("status = ?")
            args.append(status)
        if graph is not None:
            where.append("graph = ?")
            args.append(graph)
        cond = " AND ".join(where) or "1"
        # the page's facts first, from the index alone (every (date, start, fact) has a row, so the
        # rows of the page are among those of the first limit + offset keys), then their rows
        first = "date IS NULL, " if undated_last else ""
        keys = self._rows(f"SELECT DISTINCT date, start, f FROM facts WHERE {cond} ORDER BY {first}date, start, f "
                          "LIMIT ?", [*args, int(limit) + int(offset)])
        if not keys:
            return []
        # their rows looked up by fact, made distinct and sorted here (cheaper than SQLite's
        # temporary B-trees over the wide rows)
        with self._lock:
            rows = set(self._db.execute(f"SELECT {_COLS} FROM facts INDEXED BY facts_f WHERE {cond} AND f IN "
                                        "(SELECT value FROM json_each(?))", [*args, _json(k["f"] for k in keys)]))
        page = _sorted(rows, undated_last)[int(offset):int(offset) + int(limit)]
        return [{k: v for k, v in zip(COLUMNS, row) if v is not None} for row in page]

    def facts_of(self, iri: str, limit: int, offset: int) -> list[dict]:
        """Return ``SELECT * { { VALUES ?s {iri} FACT_PATTERN } UNION { VALUES ?o {iri} FACT_PATTERN } }
        ORDER BY ?date ?ftype ?start ?f``: a fact with ``iri`` at both ends comes twice, as there."""
        return self.touching([iri], ("date", "ftype", "start", "f"), limit, offset)

    def touching(self, ends: Iterable[str], order: Sequence[str], limit: int, offset: int = 0,
                 distinct: bool = False) -> list[dict]:
        """Return the rows of the facts with either end among ``ends`` (a UNION of the two, so a fact
        with both ends there comes twice unless ``distinct``), ordered by ``order``."""
        sql = (f"SELECT {'DISTINCT' if distinct else ''} * FROM (SELECT {_COLS} FROM facts WHERE s IN "
               f"(SELECT value FROM json_each(?)) UNION ALL SELECT {_COLS} FROM facts WHERE o IN "
               f"(SELECT value FROM json_each(?))) ORDER BY {_order(order)} LIMIT ? OFFSET ?")
        return self._rows(sql, [_json(ends), _json(ends), int(limit), int(offset)])

    def typed(self, iris: Iterable[str], cls: str) -> set[str]:
        """Return those of ``iris`` typed ``cls`` (one of our entity classes)."""
        with self._lock:
            rows = self._db.execute("SELECT DISTINCT s FROM links WHERE s IN (SELECT value FROM json_each(?)) "
                                    "AND p = ? AND o = ?", [_json(iris), LINKS[5], cls]).fetchall()
        return {r[0] for r in rows}

    def ends_of(self, types: Sequence[str], role: str, ends: Iterable[str], places: Iterable[str] = ()) -> set[str]:
        """Return the other end of the facts of ``types`` with ``role`` ("s" or "o") among ``ends``,
        or (with ``places``) held in one of them."""
        other = "o" if role == "s" else "s"
        column, among = ("place", places) if places else (role, ends)
        with self._lock:
            rows = self._db.execute(f"""SELECT DISTINCT {other} FROM facts WHERE {column} IN
              (SELECT value FROM json_each(?)) AND ftype IN ({', '.join('?' * len(types))})""",
                                    [_json(among), *types]).fetchall()
        return {r[0] for r in rows}

    def facts_by_iri(self, facts: Iterable[str], graph: str | None = None) -> list[dict]:
        """Return the rows of the facts given by IRI (``VALUES ?f { ... } FACT_PATTERN``), in one
        graph when given (``GRAPH <graph> { ... }``)."""
        scope, args = ("AND graph = ?", [graph]) if graph else ("", [])
        return self._rows(f"SELECT DISTINCT {_COLS} FROM facts WHERE f IN (SELECT value FROM json_each(?)) {scope} "
                          f"ORDER BY {_order(_ORDER)}", [_json(facts), *args])

    def inside(self, iri: str, predicates: Sequence[str]) -> set[str]:
        """Return ``iri`` and everything linked to it by one of ``predicates``, transitively
        (``?x (p1|p2)* <iri>``)."""
        key = (iri, tuple(predicates))
        with self._lock:
            found = self._closures.get(key)
            if found is None:
                rows = self._db.execute(f"""WITH RECURSIVE r(x) AS (SELECT ? UNION SELECT l.s FROM links l JOIN r
                  ON l.o = r.x WHERE l.p IN ({', '.join('?' * len(predicates))})) SELECT x FROM r""",
                                        [iri, *predicates]).fetchall()
                if len(self._closures) >= CLOSURES:
                    self._closures.clear()
                found = self._closures[key] = frozenset(r[0] for r in rows)
        return set(found)

    def linked(self, objects: Iterable[str], predicates: Sequence[str]) -> set[str]:
        """Return the subjects with one of ``predicates`` to one of ``objects`` (``?x p ?o``)."""
        with self._lock:
            rows = self._db.execute(f"""SELECT DISTINCT s FROM links WHERE o IN (SELECT value FROM json_each(?))
              AND p IN ({', '.join('?' * len(predicates))})""", [_json(objects), *predicates]).fetchall()
        return {r[0] for r in rows}

    def posts(self, persons: Iterable[str], graph: str | None = None) -> list[dict]:
        """Return the rows of ``trips.posts_of``'s query: (p, title, org, member) for each person's
        holds_post facts (member 0), member_of facts (1) and own titles (2), in ``graph`` when given."""
        scope = "AND graph = ?" if graph else ""
        people = _json(persons)
        args = [people, str(CT.holdsPost), *([graph] if graph else []), people, str(CT.memberOf),
                *([graph] if graph else []), people, str(CT.title), *([graph] if graph else [])]
        sql = f"""SELECT DISTINCT s AS p, title, o AS org, 0 AS member FROM facts
            WHERE s IN (SELECT value FROM json_each(?)) AND ftype = ? {scope}
          UNION SELECT DISTINCT s, NULL, o, 1 FROM facts WHERE s IN (SELECT value FROM json_each(?)) AND ftype = ? {scope}
          UNION SELECT DISTINCT s, o, NULL, 2 FROM links WHERE s IN (SELECT value FROM json_each(?)) AND p = ? {scope}"""
        return self._rows(sql, args)

    def facts_with(self, ends: Iterable[str], role: str, other_type: str, limit: int) -> list[dict]:
        """Return ``SELECT DISTINCT ?c ?f ?t { VALUES ?x {ends} ?f ct:<role> ?x ; ct:<other> ?c ;
        ct:factType ?t ; a ct:Fact . ?c a <other_type> } ORDER BY ?c ?f LIMIT``, ``role`` "s" or "o"."""
        other = "o" if role == "s" else "s"
        return self._rows(f"""SELECT DISTINCT x.{other} AS c, x.f, x.ftype AS t FROM facts x
          WHERE x.{role} IN (SELECT value FROM json_each(?)) AND EXISTS (SELECT 1 FROM links l
            WHERE l.s = x.{other} AND l.p = ? AND l.o = ?) ORDER BY c, x.f LIMIT ?""",
                          [_json(ends), LINKS[5], other_type, int(limit)])

    def classes(self, iris: Iterable[str]) -> dict[str, list[str]]:
        """Return each IRI's entity classes (those of ours the store gives it)."""
        out: dict[str, list[str]] = {}
        with self._lock:
            for s, o in self._db.execute("SELECT DISTINCT s, o FROM links WHERE s IN (SELECT value FROM json_each(?)) "
                                         "AND p = ? ORDER BY s, o", [_json(iris), LINKS[5]]):
                out.setdefault(s, []).append(o)
        return out

    def wholes(self, parts: Iterable[str]) -> dict[str, str]:
        """Return the trip each fact is a part of (``?t dcterms:hasPart ?f``), for those that are."""
        with self._lock:
            return dict(self._db.execute("SELECT o, s FROM links WHERE o IN (SELECT value FROM json_each(?)) "
                                         "AND p = ? ORDER BY o, s", [_json(parts), LINKS[8]]).fetchall())

    def tied(self, ours: Iterable[str], within: Iterable[str], limit: int) -> list[dict]:
        """Return ``briefing._places_within``'s rows: each of ``within`` at the other end of a fact node
        (rejected ones too) with one of ``ours``, its count of such facts and the least fact IRI,
        most facts first."""
        return self._rows(f"""SELECT e, count(DISTINCT f) AS n, min(f) AS one FROM (
            SELECT a.s AS f, b.o AS e FROM links a JOIN links b ON b.s = a.s AND b.p = ?
              WHERE a.p = ? AND a.o IN (SELECT value FROM json_each(?))
            UNION ALL SELECT a.s, b.o FROM links a JOIN links b ON b.s = a.s AND b.p = ?
              WHERE a.p = ? AND a.o IN (SELECT value FROM json_each(?)))
          WHERE e IN (SELECT value FROM json_each(?)) GROUP BY e ORDER BY n DESC, e LIMIT ?""",
                          [LINKS[7], LINKS[6], _json(ours), LINKS[6], LINKS[7], _json(ours), _json(within),
                           int(limit)])

    def _rows(self, sql: str, args: list) -> list[dict]:
        with self._lock:
            cursor = self._db.execute(sql, args)
            names = [d[0] for d in cursor.description]
            return [{k: v for k, v in zip(names, row) if v is not None} for row in cursor.fetchall()]


def fact_rows_of(triples: Graph) -> set[tuple]:
    """Return the rows (in :data:`COLUMNS` order) :data:`FACT_PATTERN` matches in one graph."""
    rows = set()
    for f in triples.subjects(RDF.type, CT.Fact):
        evidence = [(str(q), int(str(s)), int(str(e))) for ev in triples.objects(f, CT.evidence)
                    for q in triples.objects(ev, OA.exact) for s in triples.objects(ev, OA.start)
                    for e in triples.objects(ev, OA.end)]
        ends = [[str(x) for x in triples.objects(f, p)] for p in (CT.factType, CT.subject, CT.object,
                                                                   PROV.wasDerivedFrom)]
        qualifiers = [[str(x) for x in triples.objects(f, p)] or [None]
                      for p in (CT.date, SCHEMA.location, CT.kind, CT.status, CT.title)]
        for ftype, s, o, doc in product(*ends):
            titles = [str(x) for x in triples.objects(URIRef(doc), DCTERMS.title)] or [None]
            for (quote, start, end), date, place, kind, status, title, doc_title in product(
                    evidence, *qualifiers, titles):
                rows.add((str(f), ftype, s, o, doc, quote, start, end, date, place, kind, status, title, doc_title))
    return rows


def links_of(triples: Graph) -> set[tuple[str, str, str]]:
    """Return the (subject, predicate, object) links one graph holds (see :data:`LINKS`)."""
    return {(str(s), p, str(o)) for p in LINKS for s, o in triples.subject_objects(URIRef(p))
            if isinstance(s, URIRef) and (p != LINKS[5] or str(o) in CLASS_ENTITY)}


def _cell(column: str, node: URIRef | Literal | None) -> str | int | None:
    if node is None:
        return None
    return int(str(node)) if column in ("start", "end") else str(node)


def _sorted(rows: Iterable[tuple], undated_last: bool = False) -> list[tuple]:
    """Return rows (in :data:`COLUMNS` order) as SQLite's ORDER BY date, start, f and then every other
    column gives them (NULL first; text by code point, as SQLite compares UTF-8 bytes); with
    ``undated_last``, the undated rows after the dated ones.

    >>> row = lambda date, place: ("f", "t", "s", "o", "d", "q", 1, 2, date, place, None, None, None, None)
    >>> [(r[8], r[9]) for r in _sorted([row("2019", "b"), row(None, None), row("2019", None), row("2018", "a")])]
    [(None, None), ('2018', 'a'), ('2019', None), ('2019', 'b')]
    """
    date, start, f = (COLUMNS.index(c) for c in _ORDER)

    def first(row: tuple) -> tuple:
        return (undated_last and row[date] is None, row[date] is not None, row[date] or "", row[start], row[f])

    out: list[tuple] = []
    for _, tied in groupby(sorted(rows, key=first), key=first):  # a fact's rows (places, titles) among themselves
        tied = list(tied)
        out += sorted(tied, key=lambda row: tuple((v is not None, v) for v in row)) if len(tied) > 1 else tied
    return out


def _json(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)))


def _order(columns: Sequence[str]) -> str:
    """Return an ORDER BY list: ``columns``, then the others (a fixed order among SPARQL's ties).

    >>> _order(("date", "f"))[:25]
    '"date", "f", "ftype", "s"'
    """
    return ", ".join(f'"{c}"' for c in (*columns, *(c for c in COLUMNS if c not in columns)))


__all__ = ["FactIndex", "FACT_PATTERN", "COLUMNS", "LINKS", "fact_rows_of", "links_of"]
