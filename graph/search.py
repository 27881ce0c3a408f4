"""The search index: every label and alias in SQLite FTS5, one set of rows per graph.

Labels are indexed with Hangul decomposed into jamo (충청 and 충칭 differ by one
vowel there, not one whole syllable) by the ``trigram`` tokenizer. Substring and
prefix queries read only the labels holding the query's jamo as a phrase, ranked
in SQL; fuzzy queries take as candidates the labels sharing the most of the
query's telling trigrams and re-rank only those with rapidfuzz. One or two
letters or hanzi are too short for trigrams: those queries scan the labels.
Rows are kept per named graph, so replacing or dropping a document touches
only that document's rows.

>>> from rdflib import Graph, Literal, URIRef
>>> from cityties.graph.vocab import RDF, SCHEMA, SKOS
>>> index = SearchIndex(":memory:")
>>> cq = URIRef("https://w3id.org/cityties/id/cq")
>>> g = Graph().add((cq, RDF.type, SCHEMA.City)).add((cq, SKOS.prefLabel, Literal("충칭", lang="ko")))
>>> index.replace("https://w3id.org/cityties/doc/a", g)
>>> [(h.label, h.score, h.fuzzy) for h in index.search("충청")]
[('충칭', 0.5, True)]
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from rapidfuzz import fuzz, process
from rdflib import Graph

from .indexfile import IndexFile, IndexFileError, statements
from .labels import MENTION, jamo, labels_in, labels_of, with_forms
from .names import fold as normalize

if TYPE_CHECKING:
    from .store import Store

SCHEMA_VERSION = "6"  # 4: jamo as letters (graph.names), silent ㅇ dropped; 5: labels and aliases only; 6: types by (iri, type)
FUZZY_CUTOFF = 72.0  # rapidfuzz ratio on jamo; 충청/충칭 scores 83, unrelated two-syllable names < 60
CANDIDATES = 400  # trigram candidates re-ranked by rapidfuzz per fuzzy query
COMMON = 0.02  # a trigram in more than this share of labels is left out of fuzzy lookups
_CHUNK = 500  # IRIs per IN (...) list

_TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE labels(id INTEGER PRIMARY KEY, graph TEXT NOT NULL, iri TEXT NOT NULL, label TEXT NOT NULL,
                    norm TEXT NOT NULL, jamo TEXT NOT NULL, kind INTEGER NOT NULL, lang TEXT);
CREATE TABLE types(graph TEXT NOT NULL, iri TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE names(iri TEXT PRIMARY KEY, name TEXT NOT NULL, norm TEXT NOT NULL);
CREATE VIRTUAL TABLE grams USING fts5(jamo, content='labels', content_rowid='id', tokenize='trigram');
"""
# created after a bulk load: one FTS5 'rebuild' is much faster than a trigger per row
_INDEXES = """
CREATE INDEX labels_graph ON labels(graph);
CREATE INDEX labels_norm ON labels(norm);
CREATE INDEX labels_iri ON labels(iri, kind);
CREATE INDEX types_graph ON types(graph);
CREATE INDEX types_iri ON types(iri, type);
CREATE TRIGGER labels_ai AFTER INSERT ON labels BEGIN
  INSERT INTO grams(rowid, jamo) VALUES (new.id, new.jamo); END;
CREATE TRIGGER labels_ad AFTER DELETE ON labels BEGIN
  INSERT INTO grams(grams, rowid, jamo) VALUES ('delete', old.id, old.jamo); END;
"""


class SearchIndexError(IndexFileError):
    """The search index cannot be used; the message says why and what to do."""


def check_sqlite() -> None:
    """Raise SearchIndexError unless this Python's SQLite has FTS5 with the trigram tokenizer."""
    if sqlite3.sqlite_version_info < (3, 34, 0):
        raise SearchIndexError(
            f"SQLite {sqlite3.sqlite_version} has no FTS5 trigram tokenizer (needs 3.34 or later); "
            "use a Python built against a newer SQLite")


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _trigrams(text: str) -> list[str]:
    return sorted({text[i:i + 3] for i in range(len(text) - 2)})


@dataclass(frozen=True, slots=True)
class IndexHit:
    """One entity found: its display name, the label that matched and how well."""

    iri: str
    type: str
    label: str  # display label
    matched: str
    score: float  # 1 exact, 0.8 prefix, (0.1, 0.6] substring, 0.6 x similarity when fuzzy
    fuzzy: bool
    named: bool  # the entity's own display name is what matched


class SearchIndex(IndexFile):
    """Labels of one store in an SQLite file (or in memory), searchable in any language.

    ``generation`` is the store generation the rows are in step with; the store's
    indexes (``graph.indexes``) rebuild them when the store's generation moved on without them.
    """

    FILE = "search.sqlite"
    SCHEMA_VERSION = SCHEMA_VERSION
    TABLES, INDEXES = _TABLES, _INDEXES
    DROP = ("grams", "labels", "types", "names", "meta")
    WHAT = "search index"
    ERROR = SearchIndexError

    def __init__(self, location: str = ":memory:", read_only: bool = False) -> None:
        check_sqlite()
        super().__init__(location, read_only)

    # -- writes

    def rebuild(self, store: "Store") -> None:
        """Replace every row with the labels the store holds now (two queries, one bulk load)."""
        generation = store.generation
        label_rows, type_rows = labels_in(store)
        with self._tx():
            self._reset()
            self._db.executemany("INSERT INTO labels(graph, iri, label, norm, jamo, kind, lang) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)", label_rows)
            self._db.executemany("INSERT INTO types VALUES (?, ?, ?)", type_rows)
            self._db.execute("INSERT INTO grams(grams) VALUES ('rebuild')")
            self._rename(None)
            for statement in statements(_INDEXES):
                self._db.execute(statement)
            self.generation = generation

    def replace(self, graph_iri: str, triples: Graph) -> None:
        """Replace the rows of one named graph with the labels in ``triples``."""
        rows, types = labels_of(triples)
        with self._tx():
            self._delete(graph_iri)
            self._db.executemany("INSERT INTO labels(graph, iri, label, norm, jamo, kind, lang) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 with_forms((graph_iri, *row) for row in rows))
            self._db.executemany("INSERT INTO types VALUES (?, ?, ?)", ((graph_iri, *t) for t in types))
            self._db.executemany("INSERT OR IGNORE INTO temp.touched VALUES (?)", {(r[0],) for r in rows})
            self._rename("temp.touched")

    def drop(self, graph_iri: str) -> None:
        """Delete the rows of one named graph."""
        with self._tx():
            self._delete(graph_iri)
            self._rename("temp.touched")

    def _delete(self, graph_iri: str) -> None:
        """Delete a graph's rows, noting their IRIs in ``temp.touched`` for ``_rename``."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS touched(iri TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM temp.touched")
        self._db.execute("INSERT OR IGNORE INTO temp.touched SELECT DISTINCT iri FROM labels WHERE graph = ?",
                         (graph_iri,))
        self._db.execute("DELETE FROM labels WHERE graph = ?", (graph_iri,))
        self._db.execute("DELETE FROM types WHERE graph = ?", (graph_iri,))

    # -- reads

    def search(self, q: str, limit: int = 20, offset: int = 0, types: tuple[str, ...] | None = None,
               fuzzy: bool = True, prefer_names: bool = True) -> list[IndexHit]:
        """Find entities by any label: exact, prefix and substring matches first, then (when
        ``fuzzy``) close misspellings. With ``prefer_names``, on a tie the entity whose own
        display name matched beats one whose alias or mention did."""
        nq = normalize(q)
        if not nq:
            return []
        jq = jamo(q)
        want = offset + limit
        with self._lock:
            hits = self._literal(nq, jq, want, types, prefer_names)
            # a misspelling scores at most 0.6 (+0.01): when literal hits above that fill the
            # page, no fuzzy candidate can reach it, and the costliest step is skipped
            full = len(hits) >= want and (not hits or _rank(hits[-1], prefer_names) >= 0.61)
            if fuzzy and len(jq) >= 3 and not full:
                hits += self._fuzzy(jq, types)
        best: dict[str, IndexHit] = {}
        for hit in hits:
            cur = best.get(hit.iri)
            if cur is None or _rank(hit, prefer_names) > _rank(cur, prefer_names):
                best[hit.iri] = hit
        ranked = sorted(best.values(), key=lambda h: (-_rank(h, prefer_names), h.label, h.iri))
        return ranked[offset:want]

    def _literal(self, nq: str, jq: str, want: int, types: tuple[str, ...] | None,
                 prefer_names: bool) -> list[IndexHit]:
        """Return the best ``want`` entities with a label containing ``nq``, ranked in SQL."""
        if len(jq) >= 3:
            # only the jamo column is indexed (half the index): the query's jamo are a substring of
            # every label holding the query, and of a few more (고 in 공), which instr() then drops
            where, args = ("l.id IN (SELECT rowid FROM grams WHERE grams MATCH ?) AND instr(l.norm, ?) > 0",
                           [_phrase(jq), nq])
        else:  # one or two letters or hanzi: too short for trigrams, so the one scan left
            where, args = "instr(l.norm, ?) > 0", [nq]
        allowed = f"AND t.type IN ({','.join('?' * len(types))})" if types else ""
        bonus = 0.01 if prefer_names else 0.0
        sql = f"""
          WITH hit AS MATERIALIZED (
            SELECT l.iri, l.label, l.norm,
                   CASE WHEN l.norm = ? THEN 1.0 WHEN substr(l.norm, 1, ?) = ? THEN 0.8
                        ELSE 0.5 * ? / length(l.norm) + 0.1 END AS score,
                   (SELECT min(t.type) FROM types t WHERE t.iri = l.iri {allowed}) AS type
            FROM labels l WHERE {where}),
          named AS (
            SELECT h.iri, h.type, coalesce(n.name, h.label) AS name, h.label, h.score,
                   coalesce(n.norm, h.norm) = h.norm AS own
            FROM hit h LEFT JOIN names n ON n.iri = h.iri WHERE h.type IS NOT NULL),
          best AS (
            SELECT *, score + ? * own AS rank,
                   row_number() OVER (PARTITION BY iri ORDER BY score + ? * own DESC, label) AS k
            FROM named)
          SELECT iri, type, name, label, score, own FROM best WHERE k = 1
          ORDER BY rank DESC, name, iri LIMIT ?"""
        params = [nq, len(nq), nq, len(nq), *(types or ()), *args, bonus, bonus, want]
        return [IndexHit(iri, etype, name, label, round(score, 3), False, bool(own))
                for iri, etype, name, label, score, own in self._db.execute(sql, params)]

    def _fuzzy(self, jq: str, types: tuple[str, ...] | None) -> list[IndexHit]:
        """Return entities with a label close to ``jq`` (jamo), scored 0.6 x similarity."""
        rows = self._similar(jq)
        if not rows:
            return []
        iris = sorted({r[0] for r in rows})
        kinds, names = self._types(iris), self.names(iris)
        out = []
        for iri, label, norm, similarity in sorted(rows, key=lambda r: (r[0], r[1])):
            allowed = sorted(t for t in kinds.get(iri, ()) if not types or t in types)
            if allowed:
                name = names.get(iri, label)
                out.append(IndexHit(iri, allowed[0], name, label, round(0.6 * similarity / 100, 3), True,
                                    normalize(name) == norm))
        return out

    def _similar(self, jq: str) -> list[tuple[str, str, str, float]]:
        """Return (IRI, label, normalized label, similarity) of labels close to ``jq`` (jamo):
        the best-ranked labels sharing its trigrams, re-ranked by rapidfuzz."""
        grams = self._telling(_trigrams(jq))
        if not grams:
            return []
        match = " OR ".join(_phrase(t) for t in grams)
        ids = self._db.execute("SELECT rowid FROM grams WHERE grams MATCH ? ORDER BY rank LIMIT ?",
                               (match, CANDIDATES)).fetchall()
        rows = self._rows([r[0] for r in ids], "iri, label, norm, jamo")
        keys = sorted({r[3] for r in rows})
        close = {key: score for key, score, _ in process.extract(
            jq, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=50)}
        return [(iri, label, norm, close[j]) for iri, label, norm, j in rows if j in close]

    def _telling(self, grams: list[str]) -> list[str]:
        """Return the trigrams worth looking up: those in few labels (a suffix like 인민정부 is in
        a sixth of them, costs most of the lookup and barely changes the ranking), but at least
        the rarer half, so a misspelling in the rare part still leaves candidates."""
        self._db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.gram_docs USING fts5vocab(main, grams, 'col')")
        docs = {t: 0 for t in grams}
        for t in grams:
            row = self._db.execute("SELECT doc FROM temp.gram_docs WHERE term = ?", (t,)).fetchone()
            docs[t] = row[0] if row else 0
        total = self._db.execute("SELECT max(id) FROM labels").fetchone()[0] or 0
        present = sorted((t for t in grams if docs[t]), key=lambda t: (docs[t], t))  # absent ones find nothing
        keep = max((len(present) + 1) // 2, sum(docs[t] <= COMMON * total for t in present))
        return present[:keep]

    def _rows(self, ids: list[int], columns: str) -> list[tuple]:
        out: list[tuple] = []
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            out += self._db.execute(f"SELECT {columns} FROM labels WHERE id IN ({','.join('?' * len(chunk))})",
                                    chunk).fetchall()
        return out

    def _types(self, iris: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for i in range(0, len(iris), _CHUNK):
            chunk = iris[i:i + _CHUNK]
            for iri, etype in self._db.execute(
                    f"SELECT DISTINCT iri, type FROM types WHERE iri IN ({','.join('?' * len(chunk))})", chunk):
                out.setdefault(iri, set()).add(etype)
        return out

    def names(self, iris: Iterable[str]) -> dict[str, str]:
        """Return one display label per IRI: a preferred label in Korean, else English, else any,
        else an alias (the same choice as ``queries.display_labels``)."""
        iris = list(iris)
        out: dict[str, str] = {}
        with self._lock:
            for i in range(0, len(iris), _CHUNK):
                chunk = iris[i:i + _CHUNK]
                out.update(self._db.execute(
                    f"SELECT iri, name FROM names WHERE iri IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def named(self, etype: str) -> list[tuple[str, str]]:
        """Return (IRI, label or alias) of every entity of one type (a scan; for spelling searches)."""
        with self._lock:
            return self._db.execute("""SELECT DISTINCT l.iri, l.label FROM labels l
                                       WHERE l.iri IN (SELECT iri FROM types WHERE type = ?)
                                       ORDER BY l.iri, l.label""", (etype,)).fetchall()

    def _rename(self, touched: str | None) -> None:
        """Recompute the display names of the IRIs in the temporary table ``touched`` (all when None)."""
        scope = "" if touched is None else f"AND iri IN (SELECT iri FROM {touched})"
        if touched is not None:
            self._db.execute(f"DELETE FROM names WHERE iri IN (SELECT iri FROM {touched})")
        # the ranking of queries.display_labels: preferred before alias, then Korean, English,
        # another language, none; then the smallest label (UTF-8 order is code point order)
        self._db.execute(f"""INSERT INTO names SELECT iri, label, norm FROM (
          SELECT iri, label, norm, row_number() OVER (PARTITION BY iri ORDER BY kind,
                 CASE WHEN lang = 'ko' THEN 0 WHEN lang = 'en' THEN 1 WHEN lang IS NOT NULL THEN 2 ELSE 3 END,
                 label) AS k
          FROM labels WHERE kind < {MENTION} {scope}) WHERE k = 1""")


def _rank(hit: IndexHit, prefer_names: bool) -> float:
    return hit.score + (0.01 if prefer_names and hit.named else 0.0)


__all__ = ["SearchIndex", "SearchIndexError", "IndexHit", "jamo", "check_sqlite", "FUZZY_CUTOFF"]
