"""Curation on the small graph: each operation, undo, orphans, re-writes, export and import.

A real in-memory Oxigraph store; documents written with ``replace_document`` as ingest
writes them, so every test also checks that a re-written document keeps its curations.
"""
from __future__ import annotations

import dataclasses

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic

from cityties.graph import curator, meetings, queries, ranked
from cityties.graph.curation import Curation, CurationError, curations_to_rdf, fact_address, from_rdf
from cityties.graph.proposal import Proposal, is_note
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.replay import extraction, replay
from cityties.graph.store import open_store
from cityties.graph.vocab import CT, CURATION_GRAPH, PROV, RDFS, document_iri

from graphs import CHONGQING, COMMITTEE, COUNCIL, GOYANG, GUIYANG, LIU, TEXT, YUBEI, YUBEI_GOV, small_extraction

DOC = document_iri("small.txt")


def _write(store, x) -> None:
    store.replace_document(document_iri(x.document.id), extraction_to_rdf(x))


@pytest.fixture
def store():
    s = open_store(None)
    _write(s, small_extraction())
    yield s
    s.close()


def fact_of(store, ftype: str, subject: str, obj: str) -> str:
    """Return the IRI of the live fact with this type and ends."""
    rows = [f for f in ranked.facts_of(store, subject) if f.row.type == ftype and f.row.object == obj]
    assert rows, f"no {ftype} {subject} -> {obj}"
    return rows[0].row.fact


def make(store, op: str, target: str = "", value: str = "", **kw) -> curator.Outcome:
    return curator.record(store, Proposal(op, target, value, who="kim", why="test", **kw))


def states(store) -> list[tuple[str, str]]:
    return [(s.curation.op, s.state) for s in curator.history(store)]


def test_a_fact_address_is_its_type_ends_and_quote_not_its_offsets():
    moved = small_extraction(text="머리말 한 줄.\n" + TEXT)
    a, b = small_extraction(), moved
    addr = lambda x: sorted(fact_address(document_iri(x.document.id), f.type, f.subject, f.object, f.evidence.text)
                            for f in x.facts)
    assert addr(a) == addr(b)
    assert {f.evidence.start for f in a.facts} != {f.evidence.start for f in b.facts}


def test_reject_hides_a_fact_from_answers_and_keeps_it_deprecated(store):
    fact = fact_of(store, "met", COMMITTEE, LIU)
    assert any(m.counterpart == LIU for m in meetings.meetings(store, GOYANG))
    make(store, "reject", fact)
    assert not any(m.counterpart == LIU for m in meetings.meetings(store, GOYANG))
    assert all(f.fact != fact for f in queries.facts_of(store, COMMITTEE))
    kept = ranked.fact(store, fact)
    assert kept is not None and kept.rejected and kept.row.date == "2019-12-23"
    assert not store.ask(f"ASK {{ <{COMMITTEE}> ct:met <{LIU}> }}")  # no truthy triple
    assert store.ask(f"ASK {{ <{fact}> a ct:DeprecatedFact ; ct:rank ct:DeprecatedRank }}")
    assert queries.stats(store)["facts.met"] == 1
    _write(store, small_extraction())  # re-ingest: the rejection stays
    assert ranked.fact(store, fact).rejected and states(store) == [("reject", "applied")]


def test_a_rejected_post_leaves_the_counterparts_posts(store):
    assert meetings.meetings(store, GOYANG)[0].posts  # 주임, 위베이구청
    make(store, "reject", fact_of(store, "holds_post", LIU, YUBEI_GOV))
    assert all(not m.posts for m in meetings.meetings(store, GOYANG) if m.counterpart == LIU)


def test_merge_moves_names_and_facts_and_the_iri_redirects(store):
    out = make(store, "merge", "위베이구청", "위베이구")
    assert out.written and out.changes and out.curation.label == "merge 위베이구청 into 위베이구"
    card = queries.entity(store, YUBEI)
    assert "위베이구청" in card.aliases and card.type == "District"
    assert any(f.object == YUBEI and f.type == "met" for f in card.facts)
    assert queries.entity_type(store, YUBEI_GOV) is None
    assert queries.resolve_entity(store, YUBEI_GOV) == YUBEI == curator.redirect(store, YUBEI_GOV)
    assert store.ask(f"ASK {{ <{YUBEI_GOV}> owl:sameAs <{YUBEI}> }}")
    assert [h.iri for h in queries.search(store, "위베이구청")] == [YUBEI]
    assert not store.ask(f"ASK {{ <{YUBEI}> schema:containedInPlace <{YUBEI}> }}")


def test_split_moves_a_name_and_the_facts_that_use_only_it(store):
    make(store, "split", "구이양", names=("구이양시",), entity_type="City")
    new = [h.iri for h in queries.search(store, "구이양시")][0]
    assert new != GUIYANG and queries.entity_type(store, new) == "City"
    assert "구이양시" not in queries.entity(store, GUIYANG).aliases
    # "구이양시는 고양시와 자매결연을 요청함." names Guiyang only as 구이양시: the agreement moves
    assert [f.subject for f in queries.agreements(store, GOYANG)] == [new]


@pytest.mark.parametrize("op, value, check", [
    ("rename", "충칭직할시", lambda c: c.labels["ko"] == ["충칭직할시"]),
    ("retype", "Province", lambda c: c.type == "Province"),
    ("set_within", GUIYANG, lambda c: [w for w, _ in c.within] == [GUIYANG]),
    ("set_qid", "Q1", lambda c: c.same_as == ["http://www.wikidata.org/entity/Q1"]),
    ("add_alias", "Chungking", lambda c: "Chungking" in c.aliases),
    ("remove_alias", "충칭시", lambda c: "충칭시" not in c.aliases),
])
def test_entity_corrections_show_on_the_card_and_record_what_they_replaced(store, op, value, check):
    before = queries.entity(store, CHONGQING)
    out = make(store, op, "충칭", value)
    after = queries.entity(store, CHONGQING)
    assert check(after) and not check(before)
    if op in ("rename", "retype", "set_qid"):
        assert out.curation.replaced  # 충칭, City, Q11725


@pytest.mark.parametrize("op, value, attr", [
    ("set_date", "2019-11", "date"), ("set_kind", "MOU", "kind"), ("set_status", "signed", "status"),
])
def test_fact_corrections_overlay_the_qualifier(store, op, value, attr):
    fact = fact_of(store, "agreement", GUIYANG, GOYANG)
    out = make(store, op, fact, value)
    [agreement] = queries.agreements(store, GOYANG)
    assert getattr(agreement, attr) == value and agreement.fact == fact
    assert out.curation.replaced == ({"date": "2019-12", "kind": "sister_city", "status": "proposed"}[attr],)


def test_set_place_takes_a_name(store):
    fact = fact_of(store, "visited", COMMITTEE, YUBEI)
    make(store, "set_place", fact, "구이양")
    assert [f.place for f in queries.timeline(store, COMMITTEE, types=("visited",))] == [GUIYANG]


def test_a_fact_added_by_hand_cites_a_quote_or_a_note(store):
    make(store, "add_fact", fact_type="met", subject="기획행정위원회", object="구이양", document="small.txt",
         quote="구이양시는 고양시와  자매결연을 요청함.", date="2019-12-24")  # white space may differ
    met = {m.counterpart: m for m in meetings.meetings(store, GOYANG)}
    assert met[GUIYANG].date == "2019-12-24" and met[GUIYANG].evidence.document == DOC
    out = make(store, "add_fact", fact_type="visited", subject="고양시의회", object="충칭",
               note="12월 24일 충칭 시청을 따로 방문했다", note_by="박 주무관")
    note_doc = out.curation.fact.document
    assert is_note(note_doc) and note_doc in {d.iri for d in store.documents()}
    visit = [f for f in queries.timeline(store, COUNCIL, types=("visited",)) if f.object == CHONGQING]
    assert visit and visit[0].evidence.quote == "12월 24일 충칭 시청을 따로 방문했다"
    curator.undo(store, out.curation.seq, "kim")
    assert note_doc not in {d.iri for d in store.documents()}
    with pytest.raises(CurationError, match="does not contain the quote"):
        make(store, "add_fact", fact_type="met", subject="고양시의회", object="구이양", document="small.txt",
             quote="없는 문장")


def test_document_home_and_title(store):
    make(store, "set_title", "small.txt", "고양시의회 충칭 방문 보고")
    make(store, "set_home", "small.txt", "고양시")
    [d] = store.documents()
    assert (d.title, d.home) == ("고양시의회 충칭 방문 보고", GOYANG)
    assert store.ask(f'ASK {{ <{DOC}> ct:homeReason "given" ; ct:homeConfidence 1.0 }}')


def test_undoing_everything_gives_back_the_extraction_exactly(store):
    raw = extraction_to_rdf(small_extraction())
    make(store, "merge", "위베이구청", "위베이구")
    make(store, "reject", fact_of(store, "agreement", GUIYANG, GOYANG))
    make(store, "rename", "충칭", "충칭시")
    assert not isomorphic(store.graph(DOC), raw)
    assert isomorphic(extraction(store.graph(DOC), DOC), raw)  # the extraction travels with the view
    for seq in (2, 3, 1):
        curator.undo(store, seq, "lee", "back")
    assert isomorphic(store.graph(DOC), raw)
    assert [s.state for s in curator.history(store)] == ["undone"] * 3


def test_undo_in_the_middle_keeps_the_later_curations(store):
    make(store, "merge", "위베이구청", "위베이구")
    make(store, "add_alias", "위베이구", "渝北区")
    curator.undo(store, 1, "lee")
    assert queries.entity_type(store, YUBEI_GOV) == "GovernmentBody"
    assert "渝北区" in queries.entity(store, YUBEI).aliases


def test_a_dry_run_writes_nothing(store):
    before = store.graph(DOC)
    out = curator.record(store, Proposal("rename", "충칭", "충칭시", who="kim"), dry_run=True)
    assert not out.written and out.changes[0].added and out.changes[0].removed
    assert isomorphic(store.graph(DOC), before) and curator.history(store) == []


def test_the_same_active_curation_is_refused_and_allowed_again_after_undo(store):
    fact = fact_of(store, "met", COMMITTEE, LIU)
    first = make(store, "reject", fact)
    with pytest.raises(CurationError, match="#1 already does this"):
        make(store, "reject", fact)
    curator.undo(store, 1, "kim")
    second = make(store, "reject", fact)
    assert second.curation.id != first.curation.id and second.curation.seq == 2


def test_a_curation_whose_fact_is_gone_is_orphaned_with_its_reason_and_returns_with_it(store):
    make(store, "reject", fact_of(store, "agreement", GUIYANG, GOYANG))
    make(store, "remove_alias", "구이양", "구이양시")
    x = small_extraction()  # the extractor no longer finds the agreement
    _write(store, dataclasses.replace(x, facts=tuple(f for f in x.facts if f.type != "agreement")))
    [reject, alias] = curator.history(store)
    assert reject.state == "orphaned" and "no longer yields the fact agreement" in reject.reason
    assert alias.state == "applied"
    _write(store, small_extraction())
    assert [s.state for s in curator.history(store)] == ["applied", "applied"]
    store.drop_document(DOC)
    assert [s.reason for s in curator.history(store)] == ["document small.txt is no longer in the store",
                                                          "no document mentions guiyang any more"]


def test_records_round_trip_through_rdf_with_prov(store):
    make(store, "merge", "위베이구청", "위베이구")
    make(store, "set_date", fact_of(store, "agreement", GUIYANG, GOYANG), "2019-11")
    curator.undo(store, 1, "lee", "too hasty")
    records = curator.load(store)
    assert from_rdf(curations_to_rdf(records)) == records
    g = store.graph(str(CURATION_GRAPH))
    node = URIRef(records[1].id)
    assert str(g.value(node, CT.replaced)) == "2019-12" and str(g.value(node, RDFS.comment)) == "test"
    assert str(g.value(g.value(node, PROV.wasAssociatedWith), RDFS.label)) == "kim"
    assert str(g.value(node, PROV.endedAtTime).datatype).endswith("#dateTime")
    assert records[0].undone.who == "lee" and records[0].undone.why == "too hasty"


def test_export_and_import_merge_two_teams_without_duplicates(store):
    make(store, "merge", "위베이구청", "위베이구")
    make(store, "add_alias", "충칭", "Chungking")
    exported = curator.export_curations(store)
    other = open_store(None)
    _write(other, small_extraction())
    curator.record(other, Proposal("add_alias", "충칭", "Chungking", who="park"))  # the same act, made there too
    curator.record(other, Proposal("rename", "구이양", "귀양", who="park"))
    got = curator.import_curations(other, exported)
    assert [c.op for c in got.added] == ["merge"] and got.known == 1
    assert queries.resolve_entity(other, YUBEI_GOV) == YUBEI
    back = curator.import_curations(store, curator.export_curations(other))
    assert [c.op for c in back.added] == ["rename"] and back.known == 2
    assert curator.import_curations(store, curator.export_curations(other)).added == ()
    # the same acts in another order, and these commute: the same graph, record IRIs included
    assert isomorphic(store.graph(DOC), other.graph(DOC))
    assert {c.id for c in curator.load(store)} == {c.id for c in curator.load(other)}
    other.close()


def test_a_curation_needs_a_real_target():
    with pytest.raises(CurationError, match="unknown operation"):
        Curation("destroy", "https://x/a")
    with pytest.raises(CurationError, match="ISO date"):
        Curation("set_date", "https://x/f", ("23 Dec",), fact=None)
    s = open_store(None)
    _write(s, small_extraction())
    with pytest.raises(CurationError, match="no entity has this IRI or name"):
        curator.record(s, Proposal("merge", "없는도시", "충칭", who="kim"))
    with pytest.raises(CurationError, match="merged into itself"):
        curator.record(s, Proposal("merge", "충칭", "Chongqing", who="kim"))
    with pytest.raises(CurationError, match="not in the store"):
        curator.record(s, Proposal("reject", "small.txt#fact-0000", who="kim"))


def test_replay_is_a_pure_function_of_extraction_and_curations(store):
    make(store, "reject", fact_of(store, "met", COMMITTEE, LIU))
    raw = extraction_to_rdf(small_extraction())
    once = replay(DOC, raw, curator.load(store))
    twice = replay(DOC, raw, curator.load(store))
    assert isomorphic(once.graph, twice.graph) and isomorphic(once.graph, store.graph(DOC))
    assert once.applied == (curator.load(store)[0].id,)
    assert replay(DOC, raw, []).graph is raw  # no curation concerns it: nothing copied, nothing packed
