"""Access paths: what the costliest named queries read, kept in rows beside the store.

``MeetingIndex`` holds one row per ``met`` fact (its subject, counterpart, place,
date and evidence offset), so a page of the meetings of a home side in a place,
sorted by date, is an indexed read in SQLite instead of a SPARQL evaluation that
sorts every meeting of the home before its LIMIT (6,578 for the busiest home at
1M triples). Rows are kept per named graph, so a document replace or drop, or a
curation, touches only the graphs it writes; ``graph.indexes`` keeps them in step
and rebuilds them when stale. The rows are those ``graph.meetings`` reads by SPARQL:
a ``ct:Fact`` (not a rejected one) with its subject, object, source and an evidence
span; dates sort as their lexical forms (ISO 8601 of any precision), undated first.

>>> from rdflib import Graph, Literal, URIRef
>>> from cityties.graph.vocab import RDF
>>> f, ev = URIRef("https://x/f"), URIRef("https://x/ev")
>>> g = Graph()
>>> for p, o in ((RDF.type, CT.Fact), (CT.factType, CT.met), (CT.subject, URIRef("https://x/we")),
...              (CT.object, URIRef("https://x/them")), (PROV.wasDerivedFrom, URIRef("https://x/doc")),
...              (CT.evidence, ev), (CT.date, Literal("2019-12"))):
...     _ = g.add((f, p, o))
>>> for p, o in ((OA.exact, Literal("met")), (OA.start, Literal(3)), (OA.end, Literal(6))):
...     _ = g.add((ev, p, o))
>>> index = MeetingIndex(":memory:")
>>> index.replace("https://x/doc", g)
>>> index.page(["https://x/we"], None, limit=10)
['https://x/f']
>>> index.page(["https://x/we"], (["https://x/here"], ["https://x/here"]), limit=10)
[]
"""
from __future__ import annotations

from itertools import product
from typing import TYPE_CHECKING, Iterable

from rdflib import Graph, Literal, URIRef

from .indexfile import IndexFile, statements
from .vocab import CT, OA, PROV, RDF, SCHEMA

if TYPE_CHECKING:
    from .store import Store

_TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE meetings(graph TEXT NOT NULL, fact TEXT NOT NULL, subject TEXT NOT NULL, object TEXT NOT NULL,
                      place TEXT, date TEXT, start INTEGER NOT NULL)
"""
_INDEXES = """
CREATE INDEX meetings_graph ON meetings(graph);
CREATE INDEX meetings_subject ON meetings(subject, date, start, fact)
"""
_COLUMNS = "graph, fact, subject, object, place, date, start"
# what graph.meetings matches (its _FACT_PATTERN for a met fact), each graph on its own
_REBUILD = """SELECT DISTINCT ?g ?f ?s ?o ?place ?date ?start WHERE { GRAPH ?g {
  ?f ct:factType ct:met ; a ct:Fact ; ct:subject ?s ; ct:object ?o ; prov:wasDerivedFrom ?doc ; ct:evidence ?ev .
  ?ev oa:exact ?quote ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?f ct:date ?date } OPTIONAL { ?f schema:location ?place } } }"""


class MeetingIndex(IndexFile):
    """Meetings (``met`` facts) by subject and date, in an SQLite file (or in memory)."""

    FILE = "meetings.sqlite"
    SCHEMA_VERSION = "1"
    TABLES, INDEXES = _TABLES, _INDEXES
    DROP = ("meetings", "meta")
    WHAT = "meetings index"

    def rebuild(self, store: "Store") -> None:
        """Replace every row with the meetings the store holds now (one query, one bulk load)."""
        generation = store.generation
        rows = [(str(r["g"]), str(r["f"]), str(r["s"]), str(r["o"]), _opt(r.get("place")), _opt(r.get("date")),
                 int(str(r["start"]))) for r in store.select(_REBUILD)]
        with self._tx():
            self._reset()
            self._db.executemany(f"INSERT INTO meetings({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            for statement in statements(_INDEXES):
                self._db.execute(statement)
            self.generation = generation

    def replace(self, graph_iri: str, triples: Graph) -> None:
        """Replace the rows of one named graph with the meetings in ``triples``."""
        rows = meetings_of(triples)
        with self._tx():
            self._db.execute("DELETE FROM meetings WHERE graph = ?", (graph_iri,))
            self._db.executemany(f"INSERT INTO meetings({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 ((graph_iri, *row) for row in rows))

    def drop(self, graph_iri: str) -> None:
        """Delete the rows of one named graph."""
        with self._tx():
            self._db.execute("DELETE FROM meetings WHERE graph = ?", (graph_iri,))

    def page(self, side: Iterable[str], where: tuple[Iterable[str], Iterable[str]] | None, limit: int,
             offset: int = 0) -> list[str]:
        """Return the meetings (fact IRIs, in order) of the subjects ``side`` sorted by date, evidence
        offset and fact, ``limit`` of them from ``offset``; with ``where`` = (places, ends), only
        those held in one of the places or with a counterpart among the ends."""
        with self._lock:
            self._fill("side", side)
            filters = ""
            if where is not None:
                self._fill("places", where[0])
                self._fill("ends", where[1])
                filters = ("AND (place IN (SELECT iri FROM temp.places) "
                           "OR object IN (SELECT iri FROM temp.ends))")
            rows = self._db.execute(f"""SELECT DISTINCT fact, subject, object, place, date, start FROM meetings
              WHERE subject IN (SELECT iri FROM temp.side) {filters}
              ORDER BY date, start, fact LIMIT ? OFFSET ?""", (int(limit), int(offset))).fetchall()
        return list(dict.fromkeys(r[0] for r in rows))

    def _fill(self, table: str, iris: Iterable[str]) -> None:
        self._db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}(iri TEXT PRIMARY KEY)")
        self._db.execute(f"DELETE FROM temp.{table}")
        self._db.executemany(f"INSERT OR IGNORE INTO temp.{table} VALUES (?)", ((x,) for x in iris))


def meetings_of(triples: Graph) -> set[tuple[str, str, str, str | None, str | None, int]]:
    """Return the (fact, subject, object, place, date, evidence start) rows one graph holds."""
    rows = set()
    for f in triples.subjects(CT.factType, CT.met):
        if (f, RDF.type, CT.Fact) not in triples or (f, PROV.wasDerivedFrom, None) not in triples:
            continue
        starts = [int(str(start)) for ev in triples.objects(f, CT.evidence)
                  if (ev, OA.exact, None) in triples and (ev, OA.end, None) in triples
                  for start in triples.objects(ev, OA.start)]
        ends = [list(triples.objects(f, p)) for p in (CT.subject, CT.object)]
        optional = [[_opt(x) for x in triples.objects(f, p)] or [None] for p in (SCHEMA.location, CT.date)]
        for s, o, place, date, start in product(*ends, *optional, starts):
            rows.add((str(f), str(s), str(o), place, date, start))
    return rows


def _opt(node: URIRef | Literal | None) -> str | None:
    return None if node is None else str(node)


__all__ = ["MeetingIndex", "meetings_of"]
