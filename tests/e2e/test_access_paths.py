"""Access paths beside the store give the SPARQL answer: the meetings of a home side in a place, the
entity card, the timeline and visits, agreements, trips and the briefing, on the bundled corpus
ingested through the CLI, after a document drop, after a curation, and across a close and reopen of
the store (the index file kept, or rebuilt when stale)."""
from __future__ import annotations

import shutil

import pytest

from cityties.graph import access, briefing, curator, meetings, queries, trips
from cityties.graph.indexes import fact_index, open_store, sparql_only
from cityties.graph.proposal import Proposal

PAGES = ((100, 0), (3, 0), (3, 3), (2, 5), (1, 1))


def answers(store, home: str, places: list[str | None], indexed: bool) -> dict:
    return {(place, limit, offset): meetings.meetings(store, home, place, limit, offset, indexed=indexed)
            for place in places for limit, offset in PAGES}


def places_of(store) -> list[str | None]:
    rows = store.select("""SELECT DISTINCT ?p WHERE { VALUES ?c { schema:City schema:AdministrativeArea
      schema:Country ct:District ct:Province } ?p a ?c }""")
    return [None, *sorted(str(r["p"]) for r in rows)]


def homes_of(store) -> list[str]:
    rows = store.select("SELECT DISTINCT ?h WHERE { ?d a ct:Document ; ct:home ?h }")
    return sorted(str(r["h"]) for r in rows)


def named(store, home: str, places: list[str | None]) -> dict:
    """Every other named query read through an access path, for ``home`` and each place."""
    out: dict = {}
    for place in places:
        out[("card", place)] = queries.entity(store, place) if place else None
        out[("agreements", place)] = queries.agreements(store, place, limit=50) if place else None
        out[("visits", place)] = queries.visits(store, home, place, limit=50)
    for limit, offset in PAGES:
        out[("timeline", limit, offset)] = queries.timeline(store, home, limit, offset)
        out[("agreements of home", limit, offset)] = queries.agreements(store, home, limit, offset)
        out[("trips", limit, offset)] = trips.trips(store, home, limit=limit, offset=offset)
    out["card of home"] = queries.entity(store, home)
    out["trip"] = [trips.trip(store, t.id) for t in trips.trips(store, home, limit=5)]
    out["briefing"] = [briefing.briefing(store, place, home) for place in places[1:4]]
    return out


def assert_same(store) -> int:
    """Assert the indexed answers equal SPARQL's for every home and place; return how many rows."""
    places, total = places_of(store), 0
    for home in homes_of(store):
        indexed, sparql = answers(store, home, places, True), answers(store, home, places, False)
        for key in sparql:
            assert indexed[key] == sparql[key], (home, key)
        total += sum(len(v) for v in sparql.values())
        indexed = named(store, home, places)
        with sparql_only():
            sparql = named(store, home, places)
        for key in sparql:
            assert indexed[key] == sparql[key], (home, key)
        total += len(sparql[("timeline", 100, 0)]) + len(sparql["card of home"].facts)
    return total


@pytest.fixture()
def store(corpus_store, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(corpus_store, path)
    for sidecar in corpus_store.parent.glob(f"{corpus_store.name}.*.sqlite*"):
        shutil.copy(sidecar, tmp_path / sidecar.name)
    s = open_store(path)
    yield s
    s.close()


def test_meetings_by_index_equal_sparql_after_drop_and_curation(store, tmp_path):
    assert len(places_of(store)) > 3 and homes_of(store)
    before = assert_same(store)
    assert before > 0  # some home met someone somewhere: the comparison is not of empty lists
    index = fact_index(store)
    # a document drop takes its facts away from the index, and only those
    docs = [d.iri for d in store.documents()]
    counts = {d: index._db.execute("SELECT count(*) FROM facts WHERE graph = ? AND ftype LIKE '%#met'",
                                   (d,)).fetchone()[0] for d in docs}
    dropped = max(docs, key=counts.get)
    assert counts[dropped] > 0 and store.drop_document(dropped)
    assert index._db.execute("SELECT count(*) FROM facts WHERE graph = ?", (dropped,)).fetchone()[0] == 0
    assert fact_index(store) is index and index.generation == store.generation  # in step, not rebuilt
    after_drop = assert_same(store)
    assert after_drop < before
    # a curation: reject one met fact still there; it leaves both answers alike
    home = queries.default_home(store) or homes_of(store)[0]
    met = meetings.meetings(store, home, limit=1000, indexed=False)
    assert met, "no meeting left to reject"
    fact = met[0]
    fact_iri = next(r["f"] for r in store.select(f"""SELECT ?f WHERE {{ ?f ct:factType ct:met ;
      ct:subject <{fact.who}> ; ct:object <{fact.counterpart}> ; ct:evidence ?ev . ?ev oa:start {fact.evidence.start} }}"""))
    out = curator.record(store, Proposal("reject", str(fact_iri), "", who="kim", why="not a meeting"))
    assert out.written
    assert len(meetings.meetings(store, home, limit=1000)) == len(met) - 1
    assert_same(store)
    assert index.generation == store.generation


def test_the_index_file_survives_a_reopen_and_is_rebuilt_when_stale(store, tmp_path, monkeypatch):
    assert_same(store)
    home = homes_of(store)[0]
    expected = meetings.meetings(store, home, indexed=False)
    store.close()
    assert (tmp_path / "store.facts.sqlite").exists()
    rebuilt = []
    original = access.FactIndex.rebuild
    monkeypatch.setattr(access.FactIndex, "rebuild", lambda self, s: rebuilt.append(1) or original(self, s))
    with open_store(tmp_path / "store") as s:
        assert meetings.meetings(s, home) == expected and not rebuilt  # read from the file as saved
        s.generation += 1  # a write by other means than those the indexes hear of
        assert meetings.meetings(s, home) == expected and rebuilt == [1]
    with open_store(tmp_path / "store") as s:  # a store changed behind the file's back
        s._store.remove_graph(next(iter(g for g in s._store.named_graphs())))
    with open_store(tmp_path / "store") as s:
        assert_same(s)
        assert len(rebuilt) == 2


def test_a_reader_reads_the_writers_files_in_step_and_asks_sparql_when_they_are_stale(store, tmp_path):
    from cityties.graph import store as stores
    home = homes_of(store)[0]
    store.close()  # saved in step with the store
    with open_store(tmp_path / "store", read_only=True) as reader:
        index = fact_index(reader)
        assert index is not None and index.location == f"{tmp_path / 'store'}.facts.sqlite"
        assert_same(reader)
    with stores.open_store(tmp_path / "store") as writer:  # a write the index files never hear of
        assert writer.drop_document(next(d.iri for d in writer.documents()))
    with open_store(tmp_path / "store", read_only=True) as reader:
        assert fact_index(reader) is None  # stale: not rebuilt in memory for one reader
        with sparql_only():
            expected = meetings.meetings(reader, home)
        assert meetings.meetings(reader, home) == expected and expected
