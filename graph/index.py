"""The label index: every label, alias and mention text in the store, searched exactly and fuzzily.

Searches go to the store's search index (``graph.search``: SQLite FTS5 with
trigrams, kept in step with every document write), so none scans every label.
Fuzzy matching runs on decomposed Hangul (jamo), where 충청 and 충칭 differ by
one vowel rather than one whole syllable.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import networkx as nx

from .curator import redirect
from .indexes import search_index
from .network import to_networkx
from .queries import default_home, entity_type
from .store import Store, StoreError


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
        self._graph: nx.MultiDiGraph | None = None

    def _fresh(self) -> None:
        with self._lock:
            if self._generation != self.store.generation:
                self._graph = None
                self._generation = self.store.generation

    def name(self, iri: str) -> str:
        """Return the display label of an IRI (its last path segment when unknown)."""
        return search_index(self.store).names([iri]).get(iri) or iri.rsplit("/", 1)[-1]

    def search(self, q: str, limit: int = 20, offset: int = 0, types: tuple[str, ...] | None = None,
               fuzzy: bool = True) -> list[Match]:
        """Find entities by any label in any language: exact, prefix and substring matches first,
        then close misspellings."""
        hits = search_index(self.store).search(q, limit=limit, offset=offset, types=types, fuzzy=fuzzy)
        # on a tie, the entity whose own name matched beats one whose alias did
        return [Match(h.iri, h.type, h.label, h.matched, round(h.score + (0.01 if h.named else 0.0), 3), h.fuzzy)
                for h in hits]

    def resolve(self, name_or_iri: str, types: tuple[str, ...] | None = None) -> Match | None:
        """Return the best entity for an IRI or a name, or None."""
        text = name_or_iri.strip()
        if text.startswith(("http://", "https://")):
            etype = known_type(self.store, text)
            if etype is None and is_iri(text):  # a merged entity's IRI leads to the survivor
                text = redirect(self.store, text) or text
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
    writer = default_home(index.store)
    if writer is None:
        return None
    # The writer is usually a council or an office inside a city; a question's "we" means the
    # whole city (its council, its agencies), so widen to the nearest containing City.
    home = nearest_city(index.store, writer) or writer
    return index.resolve(home)


def nearest_city(store: Store, iri: str, levels: int = 6) -> str | None:
    """Return the nearest City that contains ``iri`` (``schema:containedInPlace``, walked up level by
    level with DISTINCT; a ``+`` path over the union of every document's copy took 19 s at 100k
    triples), or None."""
    frontier, seen = [iri], {iri}
    for _ in range(levels):
        values = " ".join(f"<{x}>" for x in frontier)
        rows = store.select(f"""SELECT DISTINCT ?c ?city WHERE {{ VALUES ?x {{ {values} }}
            ?x schema:containedInPlace ?c . BIND(EXISTS {{ ?c a schema:City }} AS ?city) }}""")
        cities = sorted(str(r["c"]) for r in rows if str(r["city"]) in ("true", "1"))
        if cities:
            return cities[0]
        frontier = sorted({str(r["c"]) for r in rows} - seen)
        seen.update(frontier)
        if not frontier:
            return None
    return None
