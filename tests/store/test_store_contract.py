"""The store contract, over every implementation: the embedded on-disk Oxigraph and Virtuoso.

The first half checks each store on its own (replace is a replace, drop drops,
answers and exports parse back). The second loads the same data into both and
checks that every named query of ``graph.queries`` and ``graph.network`` gives the
same answer on both, and in reasonable time (a remote engine may plan a query
shape badly; DESIGN.md, "Known traps").
"""
from __future__ import annotations

import io
import json
import time

import pytest
from graphs import CHONGQING, COMMITTEE, COUNCIL, GOYANG, GUIYANG, LIU, YUBEI, YUBEI_GOV, small_extraction
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from cityties.bench.generate import generate, probes, world_for
from cityties.graph import briefing, meetings, network, queries, trips
from cityties.graph.model import Extraction
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.remote import RemoteStore
from cityties.graph.store import StoreError
from cityties.graph import vocab
from cityties.graph.vocab import GAZETTEER_GRAPH, document_iri
from cityties.ingest.trips import with_trips

# rdflib's own TriG/N-Quads/JSON-LD code still calls its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning")

SMALL = with_trips(small_extraction())  # with its trip, so the trip queries run on every store
DOC = document_iri(SMALL.document.id)
SYNTHETIC_TRIPLES = 6000
SLOW_S = 5.0  # a named query slower than this on the small test data is a bad plan


def load_small(store) -> Graph:
    g = extraction_to_rdf(SMALL)
    store.replace_document(DOC, g)
    return g


# ---------------------------------------------------------------- each store on its own

def test_replace_document_replaces(store):
    load_small(store)
    smaller = extraction_to_rdf(Extraction(SMALL.document, SMALL.entities[:2], ()))
    store.replace_document(DOC, smaller)
    assert isomorphic(store.graph(DOC), smaller)
    assert not store.ask("ASK { ?s ct:met ?o }")  # the old graph's facts are gone
    assert store.generation >= 2


def test_replace_graph_leaves_documents_alone(store):
    load_small(store)
    gaz = Graph()
    gaz.add((URIRef(CHONGQING), vocab.SKOS.altLabel, Literal("충청", lang="ko")))
    store.replace_graph(str(GAZETTEER_GRAPH), gaz)
    store.replace_graph(str(GAZETTEER_GRAPH), gaz)
    assert isomorphic(store.graph(str(GAZETTEER_GRAPH)), gaz)
    assert [d.iri for d in store.documents()] == [DOC]
    assert queries.search(store, "충청")[0].iri == CHONGQING


def test_drop_document(store):
    load_small(store)
    assert store.drop_document(DOC) is True
    assert store.drop_document(DOC) is False
    assert store.documents() == []
    assert len(store.graph(DOC)) == 0
    assert not store.ask("ASK { ?s ?p ?o }") or isinstance(store, RemoteStore)  # Virtuoso keeps system graphs


def test_documents_and_hash(store):
    assert store.documents() == []
    load_small(store)
    [info] = store.documents()
    assert (info.iri, info.id, info.title, info.date, info.home) == (DOC, "small.txt", "작은 보고서", "2019-12-27", COUNCIL)
    assert store.document_hash(DOC) == "0" * 64
    assert store.document_hash(document_iri("absent.txt")) is None


def test_select_returns_rdflib_terms(store):
    load_small(store)
    rows = store.select(f"SELECT ?l ?d ?s WHERE {{ <{CHONGQING}> skos:prefLabel ?l FILTER(lang(?l) = 'zh') "
                        f"?f ct:factType ct:agreement ; ct:date ?d ; ct:evidence/oa:start ?s }}")
    assert rows == [{"l": Literal("重庆", lang="zh"), "d": Literal("2019-12", datatype=vocab.XSD.gYearMonth),
                     "s": Literal(rows[0]["s"].toPython(), datatype=vocab.XSD.integer)}]
    assert store.select("SELECT ?t WHERE { ?f ct:title ?t }") == [{"t": Literal("주임")}]
    assert store.ask(f"ASK {{ <{COMMITTEE}> ct:met <{LIU}> }}") is True
    assert store.ask(f"ASK {{ <{LIU}> ct:met <{COMMITTEE}> }}") is False
    g = store.construct("CONSTRUCT { ?a schema:containedInPlace ?b } WHERE { ?a schema:containedInPlace ?b }")
    assert len(g) == 4 and (URIRef(YUBEI), URIRef("https://schema.org/containedInPlace"), URIRef(CHONGQING)) in g
    with pytest.raises(StoreError):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(StoreError):
        store.select("SELECT nonsense WHERE {")


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_results_parse_back(store, fmt):
    load_small(store)
    sparql = "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?e ?l"
    data, media = store.results(sparql, fmt)
    assert media.startswith({"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                             "csv": "text/csv", "tsv": "text/tab-separated-values"}[fmt])
    parsed = Result.parse(io.BytesIO(data), format=fmt)
    got = sorted((str(r[0]), str(r[1]), getattr(r[1], "language", None)) for r in parsed)
    want = sorted((str(r["e"]), str(r["l"]), r["l"].language) for r in store.select(sparql))
    if fmt == "csv":  # CSV keeps no language tags
        want = [(e, l, None) for e, l, _ in want]
    assert got == want and len(got) == 12


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ask_results_parse_back(store, fmt):
    load_small(store)
    for sparql, answer in (("ASK { ?s ct:met ?o }", True), ("ASK { ?s ct:met ?s }", False)):
        data, _ = store.results(sparql, fmt)
        assert Result.parse(io.BytesIO(data), format=fmt).askAnswer is answer


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_construct_results_parse_back(store, fmt):
    g = load_small(store)
    data, media = store.results("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), 'https://w3id')) }", fmt)
    parsed = Graph().parse(data=data, format={"ttl": "turtle", "jsonld": "json-ld"}[fmt])
    assert isomorphic(parsed, g)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld"])
def test_dump_parses_back(store, fmt):
    g = load_small(store)
    gaz = Graph()
    gaz.add((URIRef(GUIYANG), vocab.SKOS.altLabel, Literal("귀양", lang="ko")))
    store.replace_graph(str(GAZETTEER_GRAPH), gaz)
    rdflib_format = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[fmt]
    data = store.dump(fmt)
    if fmt in ("ttl", "nt"):
        assert isomorphic(Graph().parse(data=data, format=rdflib_format), g + gaz)
    else:
        ds = Dataset()
        ds.parse(data=data, format=rdflib_format)
        assert isomorphic(ds.graph(URIRef(DOC)), g)
        assert isomorphic(ds.graph(GAZETTEER_GRAPH), gaz)
    one = store.dump(fmt, graph_iri=str(GAZETTEER_GRAPH))
    if fmt in ("ttl", "nt"):
        assert isomorphic(Graph().parse(data=one, format=rdflib_format), gaz)


@pytest.mark.parametrize("fmt", ["nt", "nq"])
def test_dump_keeps_awkward_literals(store, fmt):
    """Tabs, control characters, quotes and U+2028 survive a line-sorted N-Triples/N-Quads dump."""
    g = Graph()
    g.add((URIRef(CHONGQING), vocab.SKOS.altLabel, Literal('1\t"충칭"\u2028\x01\\ 끝\n', lang="ko")))
    store.replace_graph(str(GAZETTEER_GRAPH), g)
    data = store.dump(fmt)
    parsed = Dataset()
    parsed.parse(data=data, format="nquads" if fmt == "nq" else "nt")
    assert {o for _, _, o, _ in parsed.quads()} == {o for _, _, o in g}


def test_large_graph_through_update_requests(request, tmp_path):
    """Replacing a graph through SPARQL Update splits INSERT DATA into chunks, in one request."""
    server = request.getfixturevalue("virtuoso_server")
    store = RemoteStore(server.url, engine="virtuoso", replace="update")
    big = Graph()
    for i in range(5000):
        big.add((URIRef(f"https://w3id.org/cityties/id/x{i}"), vocab.SKOS.prefLabel, Literal(f"이름 {i} \"q\"\n", lang="ko")))
    big.add((URIRef(CHONGQING), vocab.SKOS.altLabel, Literal("1\t\u2028\x01\\ 끝")))
    store.replace_graph(str(GAZETTEER_GRAPH), big)
    store.replace_graph(str(GAZETTEER_GRAPH), big)
    assert isomorphic(store.graph(str(GAZETTEER_GRAPH)), big)
    store.update(f"DROP SILENT GRAPH <{GAZETTEER_GRAPH}>")
    store.close()


def test_unreachable_endpoint_names_it():
    store = RemoteStore("http://127.0.0.1:9/sparql", timeout=2)
    with pytest.raises(StoreError, match=r"127\.0\.0\.1:9/sparql.*cannot reach"):
        store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


# ---------------------------------------------------------------- the same answers on every store

@pytest.fixture(scope="module")
def loaded(request, tmp_path_factory, store_factory):
    """Both stores holding the small graph plus a synthetic one; and the query arguments."""
    world = world_for(SYNTHETIC_TRIPLES)
    graphs = [(DOC, extraction_to_rdf(SMALL)), *generate(SYNTHETIC_TRIPLES, world=world)]
    stores = {}
    for kind in ("oxigraph", "virtuoso"):
        s = store_factory(kind, request, tmp_path_factory.mktemp(kind))
        for iri, g in graphs:
            s.replace_document(iri, g)
        stores[kind] = s
    yield stores, probes(world)
    for s in stores.values():
        s.close()


def _named_queries(p: dict[str, str]):
    """Every named query with arguments on the small graph and on the synthetic one."""
    qs = {
        "labels": lambda s: sorted(queries.labels(s)),
        "search": lambda s: queries.search(s, "충칭") + queries.search(s, p["search"], limit=50),
        "search_types": lambda s: queries.search(s, "양", types=("City",)),
        "display_labels": lambda s: queries.display_labels(s, [GOYANG, CHONGQING, LIU, p["entity"], p["home"]]),
        "entity_type": lambda s: [queries.entity_type(s, x) for x in (GOYANG, LIU, p["place"], "https://x.org/no")],
        "entity": lambda s: [queries.entity(s, x) for x in (CHONGQING, COMMITTEE, p["entity"], p["home"])],
        "facts_of": lambda s: queries.facts_of(s, p["entity"], limit=50),
        "meetings": lambda s: meetings.meetings(s, GOYANG, place=CHONGQING) + meetings.meetings(s, GOYANG)
        + meetings.meetings(s, COMMITTEE, place=YUBEI_GOV),  # one-element sets: Virtuoso's VALUES-in-UNION bug
        "meetings_synthetic": lambda s: meetings.meetings(s, p["home"], place=p["place"], limit=1000),
        "encounters": lambda s: meetings.encounters(s, GOYANG, place=CHONGQING) + meetings.encounters(s, COMMITTEE)
        + meetings.encounters(s, p["home"], place=p["place"], limit=1000),
        "people": lambda s: meetings.people(s, CHONGQING, exclude=GOYANG) + meetings.people(s, p["place"]),
        "trips": lambda s: trips.trips(s) + trips.trips(s, GOYANG, place=CHONGQING, year="2019")
        + [trips.trip(s, t.id) for t in trips.trips(s)],
        "briefing": lambda s: [briefing.briefing(s, CHONGQING, GOYANG), briefing.briefing(s, p["place"], p["home"])],
        "agreements": lambda s: queries.agreements(s, GOYANG) + queries.agreements(s, GUIYANG)
        + queries.agreements(s, p["home"], limit=1000)
        + queries.agreements(s, p["home"], status="signed"),
        "timeline": lambda s: queries.timeline(s, COUNCIL) + queries.timeline(s, p["home"], limit=1000),
        "visits": lambda s: queries.visits(s, GOYANG, place=CHONGQING) + queries.visits(s, p["home"]),
        "contained_in": lambda s: sorted(queries.contained_in(s, CHONGQING) + queries.contained_in(s, p["place"])),
        "default_home": lambda s: queries.default_home(s),
        "stats": lambda s: queries.stats(s),
        "top_entities": lambda s: [queries.top_entities(s, t) for t in ("City", "Person", "Company")],
        "document": lambda s: [queries.document(s, DOC), queries.document(s, document_iri("absent"))],
        "resolve_entity": lambda s: [queries.resolve_entity(s, x) for x in ("구이양", GOYANG, "https://x.org/no")],
        "to_networkx": lambda s: _nx(network.to_networkx(s)),
        "neighbours": lambda s: _nx(network.neighbours(s, p["home"], depth=2)),
        "neighbours_small": lambda s: _nx(network.neighbours(s, COMMITTEE, depth=2, max_nodes=5)),
        "story": lambda s: (_nx(network.story(s, GOYANG)), _nx(network.story(s, p["home"], max_nodes=50))),
        "shortest_path": lambda s: network.shortest_path(network.neighbours(s, p["home"], depth=2), p["home"], p["other"]),
        "exports": lambda s: [network.to_graphml(g), network.entities_csv(g), network.facts_csv(g)]
        if (g := network.neighbours(s, COMMITTEE, depth=2)) is not None else None,
    }
    return qs


def _nx(g) -> tuple:
    return (sorted((n, tuple(sorted(a.items()))) for n, a in g.nodes(data=True)),
            sorted((u, v, k, json.dumps(a, sort_keys=True)) for u, v, k, a in g.edges(keys=True, data=True)))


NAMES = list(_named_queries({k: "" for k in ("search", "entity", "home", "place", "other")}))


@pytest.mark.parametrize("name", NAMES)
def test_named_query_same_on_every_store(loaded, name):
    stores, p = loaded
    run = _named_queries(p)[name]
    answers, times = {}, {}
    for kind, s in stores.items():
        t = time.perf_counter()
        answers[kind] = run(s)
        times[kind] = time.perf_counter() - t
    assert answers["virtuoso"] == answers["oxigraph"]
    slow = {k: round(v, 2) for k, v in times.items() if v > SLOW_S}
    assert not slow, f"{name} is slow: {slow} s"


def test_synthetic_data_is_not_trivial(loaded):
    stores, p = loaded
    s = stores["oxigraph"]
    assert meetings.meetings(s, p["home"], place=p["place"]) and queries.agreements(s, p["home"])
    assert queries.search(s, p["search"]) and len(network.neighbours(s, p["home"], depth=2)) >= 5


def test_authenticated_endpoint_with_digest(request):
    """Virtuoso's /sparql-auth and /sparql-graph-crud-auth take dba's password by Digest."""
    server = request.getfixturevalue("virtuoso_server")
    url = server.url.replace("http://", "http://dba:dba@") + "-auth"
    store = RemoteStore(url, engine="virtuoso")
    assert store.gsp_url.endswith("/sparql-graph-crud-auth") and "dba" not in store.query_url
    load_small(store)
    assert store.document_hash(DOC) == "0" * 64
    assert store.drop_document(DOC) is True
    wrong = RemoteStore(server.url.replace("http://", "http://dba:wrong@") + "-auth", engine="virtuoso")
    with pytest.raises(StoreError, match="HTTP 401"):
        wrong.replace_document(DOC, extraction_to_rdf(SMALL))
    store.close()
    wrong.close()


@pytest.mark.slow
def test_corpus_ingest_gives_the_same_answers_on_both(request, tmp_path, store_factory):
    """`cityties ingest` of the sample corpus, then the CLI's answers and exports, byte for byte."""
    import subprocess
    import sys
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[2] / "data" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent")
    remote = store_factory("virtuoso", request, tmp_path)  # started, and emptied
    answers = {}
    for kind, location in (("virtuoso", remote.query_url), ("oxigraph", str(tmp_path / "store"))):
        cli = [sys.executable, "-m", "cityties.cli", "--store", location]
        done = subprocess.run([*cli, "ingest", str(corpus)], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        answers[kind] = [subprocess.run([*cli, *args], capture_output=True, text=True, timeout=300).stdout
                         for args in (["docs"], ["ask", "who did we meet in Chongqing?"],
                                      ["ask", "which agreements do we have?"], ["export", "--format", "nq"],
                                      ["export", "--format", "graphml"])]
    remote.close()
    assert answers["virtuoso"] == answers["oxigraph"]
    assert answers["oxigraph"][3].count("\n") > 1000  # the corpus was really ingested
