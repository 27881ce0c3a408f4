"""Exports of the whole graph or one entity's neighbourhood in every format we offer.

>>> sorted(FORMATS)
['csv', 'csv-entities', 'graphml', 'jsonld', 'nq', 'trig', 'ttl']
"""
from __future__ import annotations


from rdflib import Dataset, Graph, URIRef

from .network import entities_csv, facts_csv, neighbours, to_graphml, to_networkx
from .store import RDF_FORMATS, Store, StoreError

FORMATS = {
    "ttl": ("text/turtle", "ttl"),
    "trig": ("application/trig", "trig"),
    "nq": ("application/n-quads", "nq"),
    "jsonld": ("application/ld+json", "jsonld"),
    "graphml": ("application/graphml+xml", "graphml"),
    "csv": ("text/csv", "facts.csv"),
    "csv-entities": ("text/csv", "entities.csv"),
}


def export(store: Store, fmt: str) -> bytes:
    """Serialize the whole graph in ``fmt`` (one of FORMATS)."""
    if fmt in RDF_FORMATS:
        return store.dump(fmt)
    if fmt == "graphml":
        return to_graphml(to_networkx(store))
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


__all__ = ["FORMATS", "export", "export_neighbourhood"]
