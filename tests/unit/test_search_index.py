"""The search index: substring, prefix, exact and fuzzy search in Hangul, hanzi and Latin,
kept in step with document replaces and drops, rebuilt when its file is stale."""
from __future__ import annotations

import sqlite3

import pytest
from rdflib import Graph, Literal, URIRef

from cityties.graph.search import SCHEMA_VERSION, SearchIndex
from cityties.graph.indexes import indexes, open_store, search_index
from cityties.graph.store import StoreError
from cityties.graph.vocab import RDF, SCHEMA, SKOS, entity_iri

CQ = entity_iri("City", "충칭")
CD = entity_iri("City", "청두")
BJ_UNI = entity_iri("University", "베이징대학교")
DOC_A = "https://w3id.org/cityties/doc/a"
DOC_B = "https://w3id.org/cityties/doc/b"


def city(iri: str, ko: str, zh: str, en: str, etype=SCHEMA.City, alias: str | None = None) -> Graph:
    g = Graph()
    e = URIRef(iri)
    g.add((e, RDF.type, etype))
    g.add((e, SKOS.prefLabel, Literal(ko, lang="ko")))
    g.add((e, SKOS.prefLabel, Literal(zh, lang="zh")))
    g.add((e, SKOS.prefLabel, Literal(en, lang="en")))
    if alias:
        g.add((e, SKOS.altLabel, Literal(alias)))
    return g


def world() -> Graph:
    return (city(CQ, "충칭", "重庆", "Chongqing", alias="충칭시") + city(CD, "청두", "成都", "Chengdu")
            + city(BJ_UNI, "베이징대학교", "北京大学", "Peking University", etype=SCHEMA.CollegeOrUniversity))


@pytest.fixture()
def store():
    s = open_store(None)
    s.replace_document(DOC_A, world())
    yield s
    s.close()


def first(store, q, **kw):
    hits = search_index(store).search(q, **kw)
    return (hits[0].iri, hits[0].score, hits[0].fuzzy) if hits else None


@pytest.mark.parametrize("q, iri, score", [
    ("충칭", CQ, 1.0), ("重庆", CQ, 1.0), ("chongqing", CQ, 1.0), ("Chong-qing", CQ, 1.0),  # exact
    ("충", CQ, 0.8), ("重", CQ, 0.8), ("chong", CQ, 0.8), ("베이징", BJ_UNI, 0.8),  # prefix, 1-3 chars
    ("대학", BJ_UNI, None), ("京大", BJ_UNI, None), ("versity", BJ_UNI, None),  # substring
])
def test_literal_matches_in_every_script(store, q, iri, score):
    got = first(store, q)
    assert got is not None and got[0] == iri and not got[2]
    if score is not None:
        assert got[1] == score
    else:
        assert 0.1 < got[1] < 0.8


@pytest.mark.parametrize("q, iri", [("충청", CQ), ("청듀", CD), ("Chongqinq", CQ), ("베이징대학쿄", BJ_UNI)])
def test_fuzzy_finds_misspellings(store, q, iri):
    got = first(store, q)
    assert got is not None and got[0] == iri and got[2]
    assert first(store, q, fuzzy=False) is None or first(store, q, fuzzy=False)[0] != iri


def test_exact_ranks_before_prefix_and_types_filter(store):
    hits = search_index(store).search("청")
    assert hits[0].iri == CD  # 청두 starts with it; 충칭 only contains 칭
    assert [h.iri for h in search_index(store).search("대학", types=("City",))] == []
    assert search_index(store).search("충칭")[0].label == "충칭"  # the Korean display name


def test_unrelated_query_finds_nothing(store):
    assert search_index(store).search("서울") == []
    assert search_index(store).search("  ") == []


def test_index_follows_replace_and_drop(store):
    index = search_index(store)
    assert first(store, "청두")[0] == CD
    store.replace_document(DOC_B, city(CD, "청두", "成都", "Chengdu", alias="촉도"))
    assert first(store, "촉도")[0] == CD  # appears after a replace
    store.drop_document(DOC_B)
    assert first(store, "촉도") is None  # disappears after a drop
    assert first(store, "청두")[0] == CD  # still named by document a
    store.replace_document(DOC_A, city(CQ, "충칭", "重庆", "Chongqing"))
    assert first(store, "청두") is None and first(store, "충칭")[0] == CQ
    assert search_index(store) is index  # kept in step, not rebuilt


def test_a_refused_store_write_leaves_the_index_alone(store, monkeypatch):
    def refuse(graph_iri, triples):
        raise StoreError(f"{graph_iri}: cannot write the graph (disk full)")
    search_index(store)  # opened before the write, as in a running service
    monkeypatch.setattr(store, "_replace", refuse)
    with pytest.raises(StoreError):
        store.replace_document(DOC_B, city(CD, "파리", "巴黎", "Paris"))
    assert first(store, "파리") is None


def test_a_raw_update_makes_the_index_rebuild(store):
    index = search_index(store)
    store.generation += 1  # what a write by other means (RemoteStore.update) does
    store._store.update(f'INSERT DATA {{ GRAPH <{DOC_B}> {{ <{CD}> <{SKOS.altLabel}> "촉도" }} }}')
    assert first(store, "촉도")[0] == CD
    assert search_index(store) is index


def test_the_index_file_survives_a_reopen_and_is_rebuilt_when_stale(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as s:
        s.replace_document(DOC_A, world())
        assert first(s, "충칭")[0] == CQ
    index_file = tmp_path / "store.search.sqlite"
    assert index_file.exists()
    with open_store(path) as s:  # fresh: opened, not rebuilt
        assert search_index(s).meta("fingerprint") is not None
        assert first(s, "충칭")[0] == CQ
    # the store changes while the index file is not looking (an older cityties, a crash)
    with sqlite3.connect(index_file) as db:
        fingerprint = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()[0]
    s = open_store(path)
    s.replace_document(DOC_B, city(CD, "청두", "成都", "Chengdu", alias="촉도"))
    indexes(s)._open.pop(SearchIndex).close()  # as if the process died here: the file never learns it is in step
    s.close()
    with sqlite3.connect(index_file) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone() is None
    with open_store(path) as s:
        assert first(s, "촉도")[0] == CD
        assert search_index(s).meta("fingerprint") not in (None, fingerprint)


def test_an_index_file_from_another_store_is_rebuilt(tmp_path):
    other = SearchIndex(str(tmp_path / "store.search.sqlite"))
    other.settle("not this store")
    assert other.meta("version") == SCHEMA_VERSION
    other.close()
    with open_store(tmp_path / "store") as s:
        s.replace_document(DOC_A, world())
    with open_store(tmp_path / "store") as s:
        assert first(s, "重庆")[0] == CQ


def test_a_read_only_store_keeps_a_stale_index_in_memory(tmp_path):
    with open_store(tmp_path / "store") as s:
        s.replace_document(DOC_A, world())
    (tmp_path / "store.search.sqlite").unlink()
    with open_store(tmp_path / "store", read_only=True) as s:
        assert first(s, "충칭")[0] == CQ
        assert search_index(s).location == ":memory:"
    assert not (tmp_path / "store.search.sqlite").exists()
