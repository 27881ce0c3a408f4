"""Every export format parses back."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
import rdflib

from cityties.graph.export import FORMATS, export, export_neighbourhood
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.store import open_store
from cityties.graph.vocab import document_iri

from cityties.ingest.trips import with_trips

from graphs import CHONGQING, COUNCIL, LIU, small_extraction


@pytest.fixture()
def store():
    s = open_store(None)
    x = small_extraction()
    s.replace_document(document_iri(x.document.id), extraction_to_rdf(x))
    return s


def _triples(store) -> int:
    return len(extraction_to_rdf(small_extraction()))


def test_turtle_parses_back_as_the_union(store):
    g = rdflib.Graph().parse(data=export(store, "ttl"), format="turtle")
    assert len(g) == _triples(store)


@pytest.mark.parametrize("fmt,rdflib_format", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_quad_formats_keep_the_named_graph(store, fmt, rdflib_format):
    ds = rdflib.Dataset()
    ds.parse(data=export(store, fmt), format=rdflib_format)
    graphs = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert document_iri("small.txt") in graphs
    assert len(ds.graph(rdflib.URIRef(document_iri("small.txt")))) == _triples(store)


def test_graphml_opens_in_networkx(store):
    g = nx.read_graphml(io.BytesIO(export(store, "graphml")))
    assert g.number_of_nodes() == 8
    assert {d.get("type") for _, _, d in g.edges(data=True)} >= {"met", "agreement", "within"}


def test_csv_tables(store):
    facts = list(csv.DictReader(io.StringIO(export(store, "csv").decode())))
    assert len(facts) == 5 and all(r["quote"] for r in facts)
    ents = list(csv.DictReader(io.StringIO(export(store, "csv-entities").decode())))
    assert {r["label"] for r in ents} >= {"리우", "충칭"}


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"csv-trips"}))
def test_neighbourhood_exports(store, fmt):
    data = export_neighbourhood(store, LIU, fmt)
    assert "리우" in data.decode("utf-8") or "\\ub9ac\\uc6b0" in data.decode("utf-8")
    if fmt == "jsonld":
        json.loads(data)


def test_trips_in_graphml_and_csv():
    s = open_store(None)
    x = with_trips(small_extraction())
    s.replace_document(document_iri(x.document.id), extraction_to_rdf(x))
    g = nx.read_graphml(io.BytesIO(export(s, "graphml")))
    trips = [n for n, d in g.nodes(data=True) if d.get("type") == "Trip"]
    assert len(trips) == 1
    went = {(u, d["type"]) for u, v, d in g.edges(data=True) if v == trips[0]}
    to = sorted((int(d["position"]), v) for u, v, d in g.edges(data=True) if u == trips[0] and d["type"] == "to")
    assert went == {(COUNCIL, "went_on")} and to == [(1, CHONGQING)]
    rows = list(csv.DictReader(io.StringIO(export(s, "csv-trips").decode())))
    assert [(r["start"], r["end"], r["traveller"], r["destinations"]) for r in rows] == \
        [("2019-12-23", "2019-12-23", COUNCIL, "충칭")]
    near = list(csv.DictReader(io.StringIO(export_neighbourhood(s, CHONGQING, "csv-trips").decode())))
    assert len(near) == 1 and export_neighbourhood(s, LIU, "csv-trips").decode().count("\n") == 1
