"""The graph as a network: networkx views, neighbourhoods and paths, GraphML and CSV.

Nodes are entities (attributes: type, label, label_ko/zh/en); edges are facts
(attributes: type, date, kind, status, title, quote, document). Built from one
SPARQL query per part, never from per-node lookups.
"""
from __future__ import annotations

import csv
import io
from collections import deque

import networkx as nx

from .queries import _FACT_PATTERN, _iri, display_labels
from .store import Store
from .vocab import CLASS_ENTITY, PREDICATE_FACT, document_id

_NODE_ATTRS = ("type", "label", "label_ko", "label_zh", "label_en")


def _nodes(store: Store, values: str = "") -> dict[str, dict]:
    # Types and labels in two DISTINCT queries, not one join: the union default graph holds a copy
    # of each triple per document naming the entity, and a join multiplies the copies (195 ms for
    # 31 nodes at 100k triples). EXISTS, not a join on the mentions, for the same reason.
    nodes: dict[str, dict] = {}
    for r in store.select(f"""SELECT DISTINCT ?e ?c WHERE {{ {values}
      ?e a ?c . FILTER EXISTS {{ ?m ct:mentionOf ?e }} }}"""):
        cls = CLASS_ENTITY.get(str(r["c"]))
        if cls is not None:
            nodes.setdefault(str(r["e"]), {"type": cls})
    rows = store.select(f"SELECT DISTINCT ?e ?l WHERE {{ {values} ?e skos:prefLabel ?l }}")
    for r in sorted(rows, key=lambda r: (str(r["e"]), str(r["l"]))):  # the same label on every engine
        attrs = nodes.get(str(r["e"]))
        lit = r["l"]
        if attrs is not None and lit.language in ("ko", "zh", "en"):
            attrs.setdefault(f"label_{lit.language}", str(lit))
    for iri, attrs in nodes.items():
        attrs["label"] = (attrs.get("label_ko") or attrs.get("label_en") or attrs.get("label_zh")
                          or iri.rsplit("/", 1)[-1])
    return nodes


def _edges(store: Store, values: str = "") -> list[tuple[str, str, str, dict]]:
    rows = store.select(f"SELECT * WHERE {{ {values} {_FACT_PATTERN} }} ORDER BY ?f")
    edges = []
    for r in rows:
        attrs = {"type": PREDICATE_FACT.get(str(r["ftype"]), str(r["ftype"])),
                 "quote": str(r["quote"]), "document": document_id(str(r["doc"]))}
        for k in ("date", "kind", "status", "title", "place"):
            if r.get(k) is not None:
                attrs[k] = str(r[k])
        edges.append((str(r["s"]), str(r["o"]), str(r["f"]), attrs))
    return edges


_QUALIFIERS = ("date", "kind", "status", "title")  # what a drawing shows of a fact besides its type


def _fact_ends(store: Store, values: str = "") -> list[tuple[str, str, str, dict]]:
    """Return facts as (subject, object, fact, {"type": ...}): one join of three patterns, not the
    fact pattern, whose evidence join and OPTIONALs over every fact took 20-140 s at 1.5M triples."""
    rows = store.select(f"SELECT ?f ?t ?s ?o WHERE {{ {values} ?f ct:factType ?t ; ct:subject ?s ; ct:object ?o }}")
    return [(str(r["s"]), str(r["o"]), str(r["f"]), {"type": PREDICATE_FACT.get(str(r["t"]), str(r["t"]))})
            for r in sorted(rows, key=lambda r: str(r["f"]))]


def _sketch_edges(store: Store) -> list[tuple[str, str, str, dict]]:
    # every fact's ends and type, and one lookup per qualifier: about 5 s at 1.5M triples on disk
    qualifiers: dict[str, dict[str, str]] = {}
    for k in _QUALIFIERS:
        for r in store.select(f"SELECT ?f ?v WHERE {{ ?f ct:{k} ?v }}"):
            qualifiers.setdefault(str(r["f"]), {}).setdefault(k, str(r["v"]))
    edges = _fact_ends(store)
    for _, _, f, attrs in edges:
        attrs.update(qualifiers.get(f, {}))
    return edges


def to_networkx(store: Store, evidence: bool = True) -> nx.MultiDiGraph:
    """Return the whole graph: entities as nodes, facts (and containment) as edges.

    With ``evidence`` False, facts carry their type and qualifiers (date, kind, status, title)
    but not their quote and document: what a drawing of the whole graph needs, read in seconds
    at a million triples (:func:`with_evidence` adds the rest to the few facts that show it).
    """
    g = nx.MultiDiGraph()
    nodes = _nodes(store)
    for iri, attrs in sorted(nodes.items()):
        g.add_node(iri, **attrs)
    for s, o, key, attrs in (_edges(store) if evidence else _sketch_edges(store)):
        for end in (s, o):
            if end not in g:
                g.add_node(end, type="Entity", label=end.rsplit("/", 1)[-1])
        g.add_edge(s, o, key=key, **attrs)
    # no join on the mentions here: the union graph repeats both per document (78 s at 1M triples);
    # the nodes drawn are the entities mentioned already
    for r in store.select("SELECT DISTINCT ?a ?b WHERE { ?a schema:containedInPlace ?b }"):
        a, b = str(r["a"]), str(r["b"])
        if a in nodes and b in g:
            g.add_edge(a, b, key=f"within:{a}:{b}", type="within")
    return g


def with_evidence(store: Store, g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Give each fact of ``g`` read without its evidence its quote, document and place (in place)."""
    bare = sorted({key for _, _, key, attrs in g.edges(keys=True, data=True)
                   if "quote" not in attrs and attrs.get("type") != "within"})
    for i in range(0, len(bare), 200):
        values = " ".join(_iri(x) for x in bare[i:i + 200])
        for s, o, key, attrs in _edges(store, f"VALUES ?f {{ {values} }}"):
            if g.has_edge(s, o, key):
                g.edges[s, o, key].update(attrs)
    return g


def neighbours(store: Store, iri: str, depth: int = 1, max_nodes: int = 500) -> nx.MultiDiGraph:
    """Return the subgraph of entities within ``depth`` facts of ``iri`` (at most ``max_nodes``)."""
    seen = {iri}
    frontier = deque([iri])
    edges: dict[str, tuple[str, str, dict]] = {}
    for _ in range(max(0, depth)):
        if not frontier or len(seen) >= max_nodes:
            break
        batch = list(frontier)
        frontier.clear()
        values = " ".join(_iri(x) for x in batch)
        found = (_edges(store, f"VALUES ?s {{ {values} }}") + _edges(store, f"VALUES ?o {{ {values} }}"))
        for s, o, key, attrs in found:
            if len(seen) >= max_nodes and (s not in seen or o not in seen):
                continue
            edges[key] = (s, o, attrs)
            for end in (s, o):
                if end not in seen:
                    seen.add(end)
                    frontier.append(end)
    g = nx.MultiDiGraph()
    values = " ".join(_iri(x) for x in sorted(seen))
    nodes = _nodes(store, f"VALUES ?e {{ {values} }}")
    for n in sorted(seen):
        g.add_node(n, **nodes.get(n, {"type": "Entity", "label": n.rsplit("/", 1)[-1]}))
    for key, (s, o, attrs) in sorted(edges.items()):
        g.add_edge(s, o, key=key, **attrs)
    return g


STORY_FACTS = ("visited", "met", "agreement", "cooperates_with", "attended")


def story(store: Store, home: str, max_nodes: int = 150) -> nx.MultiDiGraph:
    """Return the home side's story: its bodies (not its people), whom they visited, met, signed
    with or cooperate with, and the places those lie in (one level up), at most ``max_nodes``."""
    from .queries import _inside

    inside = _inside(store, home)
    values = " ".join(inside)
    # ends and types first (the home side may have thousands of facts); evidence for those drawn
    edges = [e for e in _fact_ends(store, f"VALUES ?s {{ {values} }}") + _fact_ends(store, f"VALUES ?o {{ {values} }}")
             if e[3]["type"] in STORY_FACTS]
    degree: dict[str, int] = {}
    for s, o, _, _ in edges:
        for end in (s, o):
            degree[end] = degree.get(end, 0) + 1
    keep = sorted(degree, key=lambda n: (n != home, -degree[n], n))[:max_nodes]
    chosen = set(keep) | {home}
    g = nx.MultiDiGraph()
    ups = store.select(f"""SELECT DISTINCT ?a ?b WHERE {{ VALUES ?a {{ {" ".join(_iri(x) for x in sorted(chosen))} }}
        ?a schema:containedInPlace ?b }}""")
    for r in ups:
        if len(chosen) < max_nodes or str(r["b"]) in chosen:
            chosen.add(str(r["b"]))
    nodes = _nodes(store, f"VALUES ?e {{ {' '.join(_iri(x) for x in sorted(chosen))} }}")
    chosen = {n for n in chosen if n in nodes or n in degree}  # a container no document names stays out
    for n in sorted(chosen):
        g.add_node(n, **nodes.get(n, {"type": "Entity", "label": n.rsplit("/", 1)[-1]}))
    for s, o, key, attrs in edges:
        if s in chosen and o in chosen:
            g.add_edge(s, o, key=key, **attrs)
    for r in ups:
        a, b = str(r["a"]), str(r["b"])
        if a in chosen and b in chosen:
            g.add_edge(a, b, key=f"within:{a}:{b}", type="within")
    return with_evidence(store, g)


def shortest_path(graph: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str | None, dict | None]]:
    """Return the path from ``a`` to ``b`` ignoring direction: [(node, next node, edge attrs)].

    Empty when no path exists. The last step has no next node.
    """
    if a not in graph or b not in graph:
        return []
    try:
        nodes = nx.shortest_path(graph.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        return []
    steps = []
    for u, v in zip(nodes, nodes[1:] + [None]):
        if v is None:
            steps.append((u, None, None))
            continue
        data = graph.get_edge_data(u, v) or graph.get_edge_data(v, u) or {}
        attrs = dict(next(iter(data.values()), {}))
        attrs["reversed"] = graph.get_edge_data(u, v) is None
        steps.append((u, v, attrs))
    return steps


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """Serialize for Gephi: every attribute a string, missing ones empty."""
    clean = nx.MultiDiGraph()
    for n, attrs in graph.nodes(data=True):
        clean.add_node(n, **{k: str(attrs.get(k, "")) for k in _NODE_ATTRS})
    for s, o, key, attrs in graph.edges(keys=True, data=True):
        clean.add_edge(s, o, key=str(key), **{k: str(v) for k, v in attrs.items()})
    buf = io.BytesIO()
    nx.write_graphml(clean, buf, encoding="utf-8")
    return buf.getvalue()


def entities_csv(graph: nx.MultiDiGraph) -> str:
    """Return the entities as CSV: iri, type, label, label_ko, label_zh, label_en, degree."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["iri", *_NODE_ATTRS, "degree"])
    for n, attrs in sorted(graph.nodes(data=True)):
        w.writerow([n, *(attrs.get(k, "") for k in _NODE_ATTRS), graph.degree(n)])
    return buf.getvalue()


def facts_csv(graph: nx.MultiDiGraph) -> str:
    """Return the facts as CSV, one row per fact with both ends' labels and the quote."""
    buf = io.StringIO()
    w = csv.writer(buf)
    cols = ("type", "date", "kind", "status", "title", "place", "quote", "document")
    w.writerow(["fact", "subject", "subject_label", "object", "object_label", *cols])
    for s, o, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: str(e[2])):
        if attrs.get("type") == "within":
            continue
        w.writerow([key, s, graph.nodes[s].get("label", ""), o, graph.nodes[o].get("label", ""),
                    *(attrs.get(k, "") for k in cols)])
    return buf.getvalue()


__all__ = ["to_networkx", "with_evidence", "neighbours", "story", "shortest_path", "to_graphml", "entities_csv", "facts_csv",
           "display_labels"]
