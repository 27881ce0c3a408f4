"""Exports of the whole graph or one entity's neighbourhood in every format we offer.

The GraphML export draws trips too: a node per trip (type ``Trip``) with edges from
its traveller (``went_on``) and its members (``member_of_trip``) and to its
destinations (``to``, with their ``position``); ``csv-trips`` lists them one per row.

>>> sorted(FORMATS)
['csv', 'csv-entities', 'csv-trips', 'graphml', 'jsonld', 'nq', 'trig', 'ttl']
"""
from __future__ import annotations

import csv
import io

import networkx as nx
from rdflib import Dataset, Graph, URIRef

from .network import entities_csv, facts_csv, neighbours, to_graphml, to_networkx
from .queries import display_labels
from .store import RDF_FORMATS, Store, StoreError
from .trips import crews, trips

FORMATS = {
    "ttl": ("text/turtle", "ttl"),
    "trig": ("application/trig", "trig"),
    "nq": ("application/n-quads", "nq"),
    "jsonld": ("application/ld+json", "jsonld"),
    "graphml": ("application/graphml+xml", "graphml"),
    "csv": ("text/csv", "facts.csv"),
    "csv-entities": ("text/csv", "entities.csv"),
    "csv-trips": ("text/csv", "trips.csv"),
}
TRIP_CSV_COLUMNS = ("id", "start", "end", "traveller", "traveller_label", "destinations", "members", "facts",
                    "document", "document_title", "iri")


def with_trips(g: nx.MultiDiGraph, store: Store) -> nx.MultiDiGraph:
    """Add the store's trips to ``g`` as nodes, with their traveller, members and destinations."""
    crew = crews(store)
    for t in trips(store, limit=1_000_000):
        g.add_node(t.iri, type="Trip", label=t.label, label_ko=t.label, label_zh="", label_en="")
        g.add_edge(t.traveller, t.iri, key=f"went_on:{t.iri}", type="went_on", date=t.start or "",
                   document=t.document_id)
        for m in crew.get(t.iri, ()):
            g.add_edge(m, t.iri, key=f"member:{t.iri}:{m}", type="member_of_trip", document=t.document_id)
        for i, (place, _) in enumerate(t.destinations, 1):
            g.add_edge(t.iri, place, key=f"to:{t.iri}:{i}", type="to", position=str(i), date=t.start or "")
    for n in [n for n in g if "label" not in g.nodes[n]]:  # a member named in no fact of the graph
        g.nodes[n].update(type="Person", label=n.rsplit("/", 1)[-1])
    return g


def trips_csv(store: Store, among: set[str] | None = None) -> str:
    """Return the trips as CSV, one row each: dates, traveller, destinations in order, members
    (only those whose traveller or a destination is ``among`` the given entities, when given)."""
    rows, crew = trips(store, limit=1_000_000), crews(store)
    if among is not None:
        rows = [t for t in rows if t.traveller in among or any(p in among for p, _ in t.destinations)]
    names = display_labels(store, sorted({m for ms in crew.values() for m in ms}))
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(TRIP_CSV_COLUMNS)
    for t in sorted(rows, key=lambda t: (t.start or "", t.id)):
        w.writerow([t.id, t.start or "", t.end or "", t.traveller, t.traveller_label,
                    " → ".join(label for _, label in t.destinations),
                    "; ".join(names.get(m, m) for m in crew.get(t.iri, ())), t.size, t.document_id,
                    t.document_title or "", t.iri])
    return buf.getvalue()


def export(store: Store, fmt: str) -> bytes:
    """Serialize the whole graph in ``fmt`` (one of FORMATS)."""
    if fmt in RDF_FORMATS:
        return store.dump(fmt)
    if fmt == "graphml":
        return to_graphml(with_trips(to_networkx(store), store))
    if fmt == "csv-trips":
        return trips_csv(store).encode("utf-8")
    if fmt == "csv":
        return facts_csv(to_networkx(store)).encode("utf-8")
    if fmt == "csv-entities":
        return entities_csv(to_networkx(store)).encode("utf-8")
    raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def export_neighbourhood(store: Store, iri: str, fmt: str, depth: int = 1, max_nodes: int = 500) -> bytes:
    """Serialize one entity's neighbourhood: the facts around it (RDF) or its network."""
    g = neighbours(store, iri, depth=depth, max_nodes=max_nodes)
    if fmt == "graphml":
        return to_graphml(g)
    if fmt == "csv":
        return facts_csv(g).encode("utf-8")
    if fmt == "csv-entities":
        return entities_csv(g).encode("utf-8")
    if fmt == "csv-trips":
        return trips_csv(store, set(g)).encode("utf-8")
    if fmt not in RDF_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    facts = [k for _, _, k in g.edges(keys=True)]
    rdf = Graph()
    for node in sorted(g.nodes):
        rdf += store.construct(f"DESCRIBE <{node}>")
    for f in facts:
        rdf += store.construct(f"CONSTRUCT {{ <{f}> ?p ?o . ?o ?p2 ?o2 }} WHERE {{ <{f}> ?p ?o . "
                               f"OPTIONAL {{ FILTER(?p = ct:evidence) ?o ?p2 ?o2 }} }}")
    for prefix, ns in (("ct", "https://w3id.org/cityties/ns#"), ("schema", "https://schema.org/"),
                       ("skos", "http://www.w3.org/2004/02/skos/core#"), ("prov", "http://www.w3.org/ns/prov#"),
                       ("oa", "http://www.w3.org/ns/oa#")):
        rdf.bind(prefix, URIRef(ns))
    if fmt in ("trig", "nq"):  # quad formats: the neighbourhood as the default graph
        ds = Dataset()
        ds.default_graph += rdf
        for prefix, ns in rdf.namespaces():
            ds.bind(prefix, ns)
        return ds.serialize(format={"trig": "trig", "nq": "nquads"}[fmt], encoding="utf-8")
    return rdf.serialize(format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt], encoding="utf-8")


__all__ = ["FORMATS", "export", "export_neighbourhood", "with_trips", "trips_csv"]
