"""The SPARQL 1.1 Protocol endpoint: methods, result formats, read-only, time limit, result cap."""
from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from cityties.api.routes.sparql import check_query

from apigraph import make_client

LABELS = "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?e ?l"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def triple_count(client) -> int:
    r = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_get_json(client):
    r = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    labels = {b["l"]["value"] for b in r.json()["results"]["bindings"]}
    assert {"충칭", "Chongqing", "重庆"} <= labels


def test_xml_csv_tsv_by_accept(client):
    xml = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "application/sparql-results+xml"})
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert ET.fromstring(xml.content).findall(".//r:result", ns)
    c = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "text/csv"})
    assert c.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(c.text)))
    assert rows[0] == ["e", "l"] and any(r[1] == "충칭" for r in rows[1:])
    t = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "text/tab-separated-values"})
    assert t.headers["content-type"].startswith("text/tab-separated-values")
    assert t.text.splitlines()[0] == "?e\t?l" and '"충칭"@ko' in t.text


def test_accept_q_values_and_format_parameter(client):
    r = client.get("/sparql", params={"query": LABELS},
                   headers={"Accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    r = client.get("/sparql", params={"query": LABELS, "format": "tsv"}, headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    r = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.json()["error"] == "not_acceptable"


def test_ask_query(client):
    r = client.get("/sparql", params={"query": 'ASK { ?e skos:prefLabel "충칭"@ko }'})
    assert r.json()["boolean"] is True


def test_post_direct_and_form(client):
    r = client.post("/sparql", content=LABELS.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200 and r.json()["results"]["bindings"]
    r = client.post("/sparql", data={"query": LABELS}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and "충칭" in r.text
    r = client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_construct_and_describe_as_turtle_and_jsonld(client):
    q = "CONSTRUCT { ?e skos:prefLabel ?l } WHERE { ?e skos:prefLabel ?l }"
    ttl = client.get("/sparql", params={"query": q}, headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=ttl.text, format="turtle")
    assert len(g) > 5
    jl = client.get("/sparql", params={"query": q}, headers={"Accept": "application/ld+json"})
    assert jl.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=jl.text, format="json-ld")) == len(g)
    d = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/cityties/id/chongqing>"})
    assert d.headers["content-type"].startswith("text/turtle") and "Q11725" in d.text


UPDATES = [
    'INSERT DATA { <urn:a> <urn:b> "c" }',
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX x: <urn:x#> DELETE { ?s ?p ?o } INSERT { ?s x:q ?o } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL", "DROP ALL", "DROP GRAPH <https://w3id.org/cityties/doc/small.txt>", "CREATE GRAPH <urn:g>",
    "ADD DEFAULT TO <urn:g>", "MOVE <urn:a> TO <urn:b>", "COPY <urn:a> TO <urn:b>",
    "# a comment first\n  insert data { <urn:a> <urn:b> <urn:c> }",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_refused_on_every_route(client, update):
    before = triple_count(client)
    for r in (client.get("/sparql", params={"query": update}),
              client.post("/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-query"}),
              client.post("/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"}),
              client.post("/sparql", data={"update": update}),
              client.get("/sparql", params={"update": update})):
        assert r.status_code == 403, r.text
        assert r.json()["error"] == "update_refused" and "read-only" in r.json()["message"]
    assert triple_count(client) == before


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { # a comment that a lone CR ends\rSERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <urn:x#> SELECT * WHERE { ?s ?p ex:o. SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_service_refused(client, query):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 403 and r.json()["error"] == "service_refused"


def test_keywords_inside_strings_iris_and_comments_are_harmless(client):
    q = ('PREFIX drop: <urn:drop#>\nSELECT ?l WHERE { ?e skos:prefLabel ?l '
         'FILTER(?l != "DROP ALL" && ?l != \'\'\'INSERT\ndata\'\'\' && ?e != <urn:delete:load>) } # CLEAR ALL')
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"]


def test_syntax_error_is_a_sentence_with_the_position(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400 and r.json()["error"] == "query_error"
    message = r.json()["message"]
    assert "line 1, column" in message and "..=" not in message and "[_]" not in message, message
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ex:p ?o }"})
    assert "prefix ex: is not declared" in r.json()["message"]
    assert client.get("/sparql").json()["error"] == "missing_query"


def test_result_cap(store):
    with make_client(store, sparql_max_results=3) as c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert len(r.json()["results"]["bindings"]) == 3 and r.headers["x-result-cap"] == "3"
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"})
        assert len(r.json()["results"]["bindings"]) == 2
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 500 OFFSET 1"})
        assert len(r.json()["results"]["bindings"]) == 3
        q = "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } LIMIT 100 } } VALUES ?p { <urn:none> }"
        assert c.get("/sparql", params={"query": q}).status_code == 200


def test_check_query_caps_only_the_outer_limit():
    text = check_query("SELECT * WHERE { { SELECT * WHERE { ?s ?p ?o } LIMIT 50 } }", 10).text
    assert "LIMIT 50" in text and text.rstrip().endswith("LIMIT 10")
    assert check_query("ASK { ?s ?p ?o }", 10).text == "ASK { ?s ?p ?o }"


def test_a_query_past_its_limit_is_stopped_and_its_worker_replaced(store):
    with make_client(store, sparql_timeout_s=0.5, sparql_max_concurrent=1) as c:
        r = c.get("/sparql", params={"query": COUNT})
        assert r.status_code == 200, r.text
        sandbox = c.app.state.sandbox
        old = sandbox._workers[0].proc
        t0 = time.perf_counter()
        r = c.get("/sparql", params={"query": HEAVY})
        elapsed = time.perf_counter() - t0
        assert r.status_code == 503 and r.json()["error"] == "query_timeout", r.text
        assert "0.5 s" in r.json()["message"] and int(r.headers["retry-after"]) >= 1
        assert elapsed < 3
        old.join(timeout=5)
        assert not old.is_alive()  # the runaway query is gone with its process
        t0 = time.perf_counter()
        r = c.get("/sparql", params={"query": COUNT})
        assert r.status_code == 200, r.text
        assert time.perf_counter() - t0 < 1.0
        status = c.get("/api/status").json()["sparql"]
        assert status["timed_out"] == 1 and status["workers_killed"] == 1 and status["answered"] == 2


def _clients(app, *hosts):
    from fastapi.testclient import TestClient
    return [TestClient(app, client=(h, 40000)) for h in hosts]


def test_one_client_cannot_hold_every_worker_and_is_told_when_to_retry(store):
    """Two workers: a client running one heavy query waits for its second (then the heavy one is
    stopped after its share), its flood is refused with Retry-After, and another client is served at once."""
    from concurrent.futures import ThreadPoolExecutor
    c = make_client(store, sparql_timeout_s=5, sparql_max_concurrent=2, sparql_share_s=0.5)
    app = c.app
    greedy, other = _clients(app, "10.0.0.1", "10.0.0.2")
    try:
        assert other.get("/sparql", params={"query": COUNT}).status_code == 200  # workers started
        with ThreadPoolExecutor(6) as pool:
            heavy = pool.submit(greedy.get, "/sparql", params={"query": HEAVY})
            time.sleep(0.2)
            flood = [pool.submit(greedy.get, "/sparql", params={"query": HEAVY}) for _ in range(3)]
            time.sleep(0.1)
            t0 = time.perf_counter()
            fast = other.get("/sparql", params={"query": COUNT})
            assert fast.status_code == 200 and time.perf_counter() - t0 < 1.0
            codes = [f.result().status_code for f in flood]
            first = heavy.result()
        assert first.status_code == 503 and first.json()["error"] == "query_stopped"
        assert int(first.headers["retry-after"]) >= 1
        refused = [f.result() for f in flood if f.result().status_code == 429]
        assert refused and codes.count(429) == 2, codes
        assert all(r.json()["error"] == "too_many_queries" and int(r.headers["retry-after"]) >= 1 for r in refused)
        assert "client" in refused[0].json()["message"]
    finally:
        app.state.sandbox.close()


def test_queries_see_every_write(store):
    from cityties.graph.rdf import extraction_to_rdf
    from cityties.graph.vocab import document_iri
    import apigraph
    q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    with make_client(store) as c:
        def docs() -> int:
            return int(c.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]["n"]["value"])
        before = docs()
        x = apigraph.signed_extraction()
        store.replace_document(document_iri("again.txt"), extraction_to_rdf(x))
        assert docs() == before + 1
        store.drop_document(document_iri("again.txt"))
        assert docs() == before


def test_a_query_that_eats_memory_dies_alone(store):
    q = "SELECT ?a ?b ?c ?d ?e ?f WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?c ?f"
    with make_client(store, sparql_memory_mb=600, sparql_timeout_s=30) as c:
        r = c.get("/sparql", params={"query": q})
        assert r.status_code == 400 and "600 MiB" in r.json()["message"], r.text
        r = c.get("/sparql", params={"query": COUNT})
        assert r.status_code == 200, r.text
