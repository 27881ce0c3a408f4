"""Exports of the whole graph and of one neighbourhood, and content negotiation on entity IRIs."""
from __future__ import annotations

import csv
import io
from urllib.parse import quote

import networkx as nx
import pytest
from rdflib import ConjunctiveGraph, Graph, URIRef

from cityties.graph.vocab import SKOS, gazetteer_iri

CHONGQING = gazetteer_iri("chongqing")
RDF_PARSERS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "jsonld"])
def test_whole_graph_rdf_exports_parse(client, fmt):
    r = client.get("/api/export", params={"format": fmt})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    g = ConjunctiveGraph()
    g.parse(data=r.content, format=RDF_PARSERS[fmt])
    assert (URIRef(CHONGQING), SKOS.prefLabel, None) in g
    if fmt in ("trig", "nq"):
        assert len(list(g.contexts())) >= 2  # one named graph per document


def test_whole_graph_graphml_and_csv(client):
    g = nx.read_graphml(io.BytesIO(client.get("/api/export", params={"format": "graphml"}).content))
    assert CHONGQING in g and g.nodes[CHONGQING]["label_zh"] == "重庆"
    facts = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "csv"}).text)))
    assert {f["type"] for f in facts} >= {"met", "agreement", "visited"}
    ents = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "csv-entities"}).text)))
    assert any(e["iri"] == CHONGQING for e in ents)


def test_unknown_export_format_is_422(client):
    r = client.get("/api/export", params={"format": "xlsx"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "jsonld", "graphml", "csv"])
def test_neighbourhood_export(client, fmt):
    r = client.get("/api/export/entity", params={"entity": "리우", "format": fmt, "depth": 1})
    assert r.status_code == 200 and r.content
    if fmt in RDF_PARSERS:
        g = ConjunctiveGraph()
        g.parse(data=r.content, format=RDF_PARSERS[fmt])
        assert any("리우" in str(o) for o in g.objects())
    elif fmt == "graphml":
        assert len(nx.read_graphml(io.BytesIO(r.content))) >= 2
    else:
        assert "면담" in r.text


def test_neighbourhood_depth_is_capped(client):
    r = client.get("/api/export/entity", params={"entity": "리우", "depth": 50})
    assert r.status_code == 400 and r.json()["error"] == "depth_too_large"


def test_entity_iri_redirects_browsers_to_the_entity_page(client):
    r = client.get("/id/chongqing", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
                   follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/entity?iri=" + quote(CHONGQING, safe="")


def test_entity_iri_gives_machines_turtle_or_jsonld(client):
    ttl = client.get("/id/chongqing", headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=ttl.text, format="turtle")
    assert (URIRef(CHONGQING), SKOS.prefLabel, None) in g
    jl = client.get("/id/chongqing", headers={"Accept": "application/ld+json"})
    assert jl.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=jl.text, format="json-ld")) == len(g)
    assert client.get("/id/chongqing").headers["content-type"].startswith("text/turtle")


def test_entity_iri_with_hangul_path(client):
    r = client.get("/id/" + quote("person/위베이구청/리우"), headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "리우" in r.text


def test_unknown_entity_iri_is_404(client):
    r = client.get("/id/atlantis", headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and r.json()["error"] == "entity_not_found"


@pytest.mark.parametrize("path", ["%25zz", "a%5Bb%5D", "%F0%9F%98%80", "x%20y"])
def test_entity_iri_that_the_engine_would_not_parse_is_a_404(client, path):
    r = client.get("/id/" + path, headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and r.json()["error"] == "entity_not_found"
