"""The label index: every label, alias and mention text in the store, searched exactly and fuzzily.

Built from one ``graph.queries.labels`` query and rebuilt when the store's
``generation`` changes, so a search does not scan the store. Fuzzy matching
runs on decomposed Hangul (jamo), where 충청 and 충칭 differ by one vowel
rather than one whole syllable.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

import networkx as nx
from rapidfuzz import fuzz, process

from ..graph.network import to_networkx
from ..graph.queries import display_labels, entity_type, labels, normalize
from ..graph.store import Store, StoreError

FUZZY_CUTOFF = 72.0  # rapidfuzz ratio on jamo; 충청/충칭 scores 83, unrelated two-syllable names < 60


_IRI = re.compile(
    "^https?://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%"
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    "\U00030000-\U0003fffd\U000e1000-\U000efffd]*$")  # RFC 3987 ucschar: what a store accepts in an IRI


def is_iri(text: str) -> bool:
    """Say whether ``text`` is an absolute http(s) IRI a SPARQL query can hold.

    >>> is_iri("https://w3id.org/cityties/id/충칭"), is_iri("https://x/\x1f"), is_iri("https://x/\ufff0")
    (True, False, False)
    """
    return bool(_IRI.match(text))


def known_type(store: Store, iri: str) -> str | None:
    """Return the type of the entity ``iri`` names, or None when it is unknown or no valid IRI."""
    if not is_iri(iri):
        return None
    try:
        return entity_type(store, iri)
    except StoreError:  # the engine's IRI parser is stricter than is_iri (percent escapes, brackets)
        return None


def jamo(text: str) -> str:
    """Return ``normalize(text)`` with Hangul syllables decomposed into jamo.

    >>> len(jamo("충칭")), jamo("Chong qing")
    (6, 'chongqing')
    """
    return unicodedata.normalize("NFD", normalize(text))


@dataclass(frozen=True, slots=True)
class Match:
    """One entity found for a query: the label that matched and how well."""

    iri: str
    type: str
    label: str  # display label
    matched: str
    score: float
    fuzzy: bool


class LabelIndex:
    """Labels of one store, searchable across languages, aliases and misspellings."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._generation = -1
        self._rows: list[tuple[str, str, str, str]] = []  # iri, type, label, normalized
        self._by_jamo: dict[str, list[int]] = {}
        self._names: dict[str, str] = {}
        self._graph: nx.MultiDiGraph | None = None

    def _fresh(self) -> None:
        with self._lock:
            if self._generation == self.store.generation and self._generation >= 0:
                return
            generation = self.store.generation
            rows = sorted({(i, t, lab, normalize(lab)) for i, t, lab in labels(self.store)})
            by_jamo: dict[str, list[int]] = {}
            for n, row in enumerate(rows):
                if row[3]:
                    by_jamo.setdefault(unicodedata.normalize("NFD", row[3]), []).append(n)
            self._rows, self._by_jamo = rows, by_jamo
            self._names = display_labels(self.store, sorted({r[0] for r in rows}))
            self._graph = None
            self._generation = generation

    def name(self, iri: str) -> str:
        """Return the display label of an IRI (its last path segment when unknown)."""
        self._fresh()
        return self._names.get(iri) or iri.rsplit("/", 1)[-1]

    def search(self, q: str, limit: int = 20, offset: int = 0, types: tuple[str, ...] | None = None,
               fuzzy: bool = True) -> list[Match]:
        """Find entities by any label in any language: exact, prefix and substring matches first,
        then close misspellings."""
        self._fresh()
        nq = normalize(q)
        if not nq:
            return []
        best: dict[str, Match] = {}

        def offer(row: tuple[str, str, str, str], score: float, fuzzy_: bool) -> None:
            iri, etype, label, _ = row
            if types and etype not in types:
                return
            name = self._names.get(iri, label)
            if normalize(name) == row[3]:
                score += 0.01  # on a tie, the entity whose own name matched beats one whose alias did
            if iri not in best or score > best[iri].score:
                best[iri] = Match(iri, etype, name, label, round(score, 3), fuzzy_)

        for row in self._rows:
            nl = row[3]
            if nl and nq in nl:
                offer(row, 1.0 if nl == nq else 0.8 if nl.startswith(nq) else 0.5 * len(nq) / len(nl) + 0.1, False)
        if fuzzy and len(nq) >= 2:
            found = process.extract(unicodedata.normalize("NFD", nq), list(self._by_jamo), scorer=fuzz.ratio,
                                    score_cutoff=FUZZY_CUTOFF, limit=50)
            for key, score, _ in found:
                for n in self._by_jamo[key]:
                    offer(self._rows[n], 0.6 * score / 100, True)
        hits = sorted(best.values(), key=lambda m: (-m.score, m.label, m.iri))
        return hits[offset:offset + limit]

    def resolve(self, name_or_iri: str, types: tuple[str, ...] | None = None) -> Match | None:
        """Return the best entity for an IRI or a name, or None."""
        text = name_or_iri.strip()
        if text.startswith(("http://", "https://")):
            etype = known_type(self.store, text)
            return Match(text, etype, self.name(text), text, 1.0, False) if etype else None
        hits = self.search(text, limit=1, types=types)
        return hits[0] if hits else None

    def path(self, a: str, b: str) -> list[tuple[str, str, str, dict, bool]]:
        """Return the shortest path from ``a`` to ``b``, ignoring direction, one step per fact:
        (node, next node, fact key, fact attributes, whether the fact points backwards)."""
        g = self.graph()
        if a not in g or b not in g:
            return []
        try:
            nodes = nx.shortest_path(g.to_undirected(as_view=True), a, b)
        except nx.NetworkXNoPath:
            return []
        steps = []
        for u, v in zip(nodes, nodes[1:]):
            data, backwards = g.get_edge_data(u, v), False
            if not data:
                data, backwards = g.get_edge_data(v, u), True
            key = min(data, key=str)  # the same fact every time when two facts join the same pair
            steps.append((u, v, str(key), dict(data[key]), backwards))
        return steps

    def graph(self) -> nx.MultiDiGraph:
        """Return the whole graph as networkx (for paths), built once per generation."""
        self._fresh()
        with self._lock:
            if self._graph is None:
                self._graph = to_networkx(self.store)
            return self._graph


def find_home(index: LabelIndex, configured: str) -> Match | None:
    """Return "we": the configured home (IRI or name), else the city of the body that wrote
    most documents, else that body itself."""
    if configured:
        return index.resolve(configured)
    from ..graph.queries import default_home
    writer = default_home(index.store)
    if writer is None:
        return None
    # The writer is usually a council or an office inside a city; a question's "we" means the
    # whole city (its council, its agencies), so widen to the nearest containing City.
    rows = index.store.select(
        f"SELECT ?c (COUNT(?mid) AS ?n) WHERE {{ <{writer}> schema:containedInPlace+ ?mid . "
        f"?mid schema:containedInPlace* ?c . ?c a schema:City }} GROUP BY ?c ORDER BY ?n ?c LIMIT 1")
    home = str(rows[0]["c"]) if rows else writer
    return index.resolve(home)
