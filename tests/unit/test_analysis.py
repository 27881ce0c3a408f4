"""The notebook API on the small hand-built graph: every method's DataFrame and its columns."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from rdflib import Graph

import cityties
from cityties import analysis
from cityties.analysis import (
    DOCUMENT_COLUMNS, FACT_COLUMNS, MEETING_COLUMNS, NEIGHBOUR_COLUMNS, PATH_COLUMNS, SEARCH_COLUMNS,
    CityGraph, EntityNotFound,
)
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.vocab import document_iri

from graphs import CHONGQING, COMMITTEE, COUNCIL, GOYANG, GUIYANG, LIU, YUBEI_GOV, small_extraction


def _load(g: CityGraph, doc_id: str = "small.txt") -> None:
    x = small_extraction(doc_id)
    g.store.replace_document(document_iri(x.document.id), extraction_to_rdf(x))


@pytest.fixture
def g() -> CityGraph:
    graph = cityties.open(":memory:")
    _load(graph)
    yield graph
    graph.close()


def _has_evidence(df: pd.DataFrame) -> None:
    assert not df.empty
    assert df["quote"].map(lambda q: isinstance(q, str) and q != "").all()
    assert (df["document"] == "small.txt").all()


def test_open_returns_a_city_graph_with_the_default_home(g):
    assert isinstance(g, CityGraph)
    assert g.home == COUNCIL
    assert g.label(g.home) == "고양시의회"


@pytest.mark.parametrize("name", ["충칭", "Chongqing", "重庆", "충칭시", CHONGQING])
def test_names_in_every_language_resolve(g, name):
    assert g.resolve(name) == CHONGQING


def test_an_unknown_name_says_what_to_try(g):
    with pytest.raises(EntityNotFound, match=r"g\.search"):
        g.meetings("Atlantis")


def test_search(g):
    df = g.search("구이양")
    assert list(df.columns) == list(SEARCH_COLUMNS)
    assert df.iloc[0]["iri"] == GUIYANG
    assert list(g.search("없는이름").columns) == list(SEARCH_COLUMNS)


def test_entity_has_facts_and_the_card_in_attrs(g):
    df = g.entity("重庆")
    assert list(df.columns) == list(FACT_COLUMNS)
    assert df.attrs["iri"] == CHONGQING
    assert df.attrs["labels"]["zh"] == ["重庆"]
    assert "http://www.wikidata.org/entity/Q11725" in df.attrs["same_as"]
    liu = g.entity("리우")
    _has_evidence(liu)
    assert set(liu["type"]) == {"met", "holds_post"}


@pytest.mark.parametrize("place", ["충칭", "Chongqing", "重庆"])
def test_meetings_in_chongqing_have_quotes_and_sources(g, place):
    df = g.meetings(place)
    assert list(df.columns) == list(MEETING_COLUMNS)
    _has_evidence(df)
    assert set(df["counterpart"]) == {LIU, YUBEI_GOV}
    assert (df["date"] == "2019-12-23").all()
    assert df.loc[df["counterpart"] == LIU, "posts"].item() == "주임, 위베이구청"
    assert g.meetings("Guiyang").empty
    assert list(g.meetings("Guiyang").columns) == list(MEETING_COLUMNS)


def test_meetings_from_another_home(g):
    assert g.meetings("충칭", home="고양시").shape[0] == 2  # the council is within Goyang
    assert g.meetings("충칭", home="Guiyang").empty


def test_agreements_and_open_proposals(g):
    df = g.agreements("고양")
    assert list(df.columns) == list(FACT_COLUMNS)
    _has_evidence(df)
    row = df.iloc[0]
    assert (row["kind"], row["status"], row["subject"], row["object"]) == ("sister_city", "proposed", GUIYANG, GOYANG)
    assert len(g.agreements("Goyang", status="proposed")) == 1
    assert g.agreements("Goyang", status="signed").empty


def test_timeline_defaults_to_home(g):
    df = g.timeline()
    assert list(df.columns) == list(FACT_COLUMNS)
    _has_evidence(df)
    assert set(df["type"]) == {"visited", "met"}
    assert set(df["subject"]) == {COMMITTEE}
    assert g.timeline("Goyang", types=["agreement"]).empty  # Guiyang is the agreement's subject


def test_neighbours(g):
    df = g.neighbours("리우", depth=2)
    assert list(df.columns) == list(NEIGHBOUR_COLUMNS)
    _has_evidence(df)
    assert df["hops"].tolist() == sorted(df["hops"].tolist())
    assert set(df.loc[df["hops"] == 1, "type"]) == {"met", "holds_post"}
    assert (df["hops"] <= 2).all()


def test_path_goes_through_containment(g):
    df = g.path("리우", "Guiyang")
    assert list(df.columns) == list(PATH_COLUMNS)
    assert df.iloc[0]["from"] == LIU and df.iloc[-1]["to"] == GUIYANG
    assert df["step"].tolist() == list(range(1, len(df) + 1))
    facts = df[df["type"] != "within"]
    assert facts["quote"].map(bool).all() and (facts["document"] == "small.txt").all()
    assert g.path("리우", "리우").empty


def test_documents_and_stats(g):
    docs = g.documents()
    assert list(docs.columns) == list(DOCUMENT_COLUMNS)
    assert docs.iloc[0]["id"] == "small.txt" and docs.iloc[0]["home"] == COUNCIL
    s = g.stats()
    assert s["documents"] == 1 and s["facts"] == 5 and s["facts.met"] == 2


def test_to_networkx(g):
    net = g.to_networkx()
    assert isinstance(net, nx.MultiDiGraph)
    assert net.nodes[CHONGQING]["label_zh"] == "重庆"
    assert {d["type"] for _, _, d in net.edges(data=True)} >= {"met", "agreement", "within"}


@pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")  # inside rdflib 7.6
def test_to_rdflib_answers_the_same_sparql(g):
    q = "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a ct:Fact }"
    ds = g.to_rdflib()
    assert int(next(iter(ds.query(q)))[0]) == 5
    assert g.sparql(q)["n"].item() == 5
    assert {str(c) for _, _, _, c in ds.quads()} >= {document_iri("small.txt")}  # the named graphs survive


def test_sparql_select_construct_ask(g):
    df = g.sparql("""SELECT ?label ?lang WHERE { <%s> skos:prefLabel ?label BIND(lang(?label) AS ?lang) }
                     ORDER BY ?lang""" % CHONGQING)
    assert df.to_dict("records") == [{"label": "Chongqing", "lang": "en"}, {"label": "충칭", "lang": "ko"},
                                     {"label": "重庆", "lang": "zh"}]
    empty = g.sparql("SELECT ?x ?y WHERE { ?x ct:met ?y FILTER(false) }")
    assert list(empty.columns) == ["x", "y"] and empty.empty
    triples = g.sparql("CONSTRUCT { ?a ct:met ?b } WHERE { ?a ct:met ?b }")
    assert list(triples.columns) == ["subject", "predicate", "object"] and len(triples) == 2
    assert g.sparql("ASK { ?a ct:met ?b }") is True


@pytest.mark.parametrize("fmt", ["ttl", "graphml", "csv", "csv-entities", "nq"])
def test_export_writes_a_file(g, tmp_path, fmt):
    out = g.export(fmt, tmp_path / f"graph.{fmt}")
    assert out.stat().st_size > 0
    if fmt == "ttl":
        assert len(Graph().parse(out, format="turtle")) > 0
    if fmt == "graphml":
        assert nx.read_graphml(out).number_of_nodes() == g.to_networkx().number_of_nodes()
    if fmt == "csv":
        assert len(pd.read_csv(out)) == 5


def test_export_a_neighbourhood(g, tmp_path):
    whole = g.export("csv", tmp_path / "all.csv")
    part = g.export("csv", tmp_path / "part.csv", focus="리우", depth=1)
    assert 0 < len(pd.read_csv(part)) < len(pd.read_csv(whole))


def test_show_renders_an_offline_sandboxed_iframe(g):
    pytest.importorskip("IPython")
    pytest.importorskip("cityties.api.view")
    out = g.show("충칭", depth=2)
    page = out.data
    assert '<iframe srcdoc="' in page and 'sandbox="allow-scripts"' in page
    # the whole page is one escaped attribute: no raw markup, no remote script or stylesheet
    inner = page[page.index('srcdoc="') + len('srcdoc="'):page.index('" sandbox=')]
    assert "<" not in inner and '"' not in inner
    assert "src=&quot;http" not in inner and "href=&quot;http" not in inner


def test_ingest_into_a_city_graph_with_a_stub_extractor(g, monkeypatch, tmp_path):
    (tmp_path / "a.txt").write_text("첫 문서", encoding="utf-8")
    (tmp_path / "b.txt").write_text("둘째 문서", encoding="utf-8")
    def extract(path, doc_id, digest, home=None):
        x = small_extraction(doc_id)
        return dataclasses.replace(x, document=dataclasses.replace(x.document, sha256=digest))

    monkeypatch.setattr(analysis, "_file_extractor", lambda data_dir: extract)
    report = cityties.ingest(tmp_path, store=g, progress=False)
    assert (report.documents, report.failures) == (2, [])
    assert set(g.documents()["id"]) == {"small.txt", f"{tmp_path.name}/a.txt", f"{tmp_path.name}/b.txt"}
    assert g.ingest(tmp_path, progress=False).skipped == 2  # unchanged files are skipped


def test_ingest_reports_a_bad_file_and_goes_on(monkeypatch, tmp_path):
    (tmp_path / "ok.txt").write_text("문서", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("문서", encoding="utf-8")

    def extract(path, doc_id, digest, home=None):
        if path.name == "bad.txt":
            raise ValueError("bad.txt: cannot read")
        return small_extraction(doc_id)

    monkeypatch.setattr(analysis, "_file_extractor", lambda data_dir: extract)
    store_dir = tmp_path / "store"
    report = cityties.ingest([tmp_path / "ok.txt", tmp_path / "bad.txt"], store=store_dir, progress=False)
    assert report.documents == 1 and report.failures == ["bad.txt: cannot read"]
    with cityties.open(store_dir) as reopened:  # ingest closed the store it opened
        assert reopened.documents()["id"].tolist() == ["ok.txt"]


def test_import_is_cheap_and_ingest_stays_callable():
    code = ("import sys, cityties; heavy = {'pandas', 'rdflib', 'pyoxigraph', 'networkx'} & set(sys.modules); "
            "assert not heavy, heavy; import cityties.ingest.batch; from cityties import ingest; "
            "assert callable(cityties.ingest) and ingest is cityties.ingest; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent)
    assert out.stdout.strip() == "ok", out.stderr
