"""Named queries on a small graph built from the model."""
from __future__ import annotations

import dataclasses

import pytest

from cityties.graph import meetings as m, queries as q
from cityties.graph.model import Document, Entity, Extraction, Fact, Mention
from cityties.graph.network import neighbours, shortest_path, to_networkx, with_evidence
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.store import open_store
from cityties.graph.vocab import document_iri, entity_iri

from graphs import (span, CHONGQING, COMMITTEE, COUNCIL, GOYANG, GUIYANG, LIU, YUBEI, YUBEI_GOV,
                    small_extraction)


def load(store, x):
    store.replace_document(document_iri(x.document.id), extraction_to_rdf(x))


@pytest.fixture()
def store():
    s = open_store(None)
    load(s, small_extraction())
    return s


@pytest.mark.parametrize("query", ["충칭", "Chongqing", "重庆", "chongqing", "충칭시"])
def test_search_finds_one_entity_in_every_language(store, query):
    hits = q.search(store, query)
    assert hits and hits[0].iri == CHONGQING


def test_search_ranks_exact_before_substring(store):
    hits = q.search(store, "고양시")
    assert hits[0].iri == GOYANG
    assert {h.iri for h in hits} >= {GOYANG, COUNCIL}


def test_entity_card(store):
    card = q.entity(store, LIU)
    assert card.type == "Person" and card.label == "리우"
    types = {(f.type, f.direction) for f in card.facts}
    assert ("met", "in") in types and ("holds_post", "out") in types
    post = next(f for f in card.facts if f.type == "holds_post")
    assert post.title == "주임" and post.object == YUBEI_GOV
    assert post.evidence.quote in small_extraction().document.text
    assert post.evidence.document_id == "small.txt"
    assert q.entity(store, CHONGQING).same_as == ["http://www.wikidata.org/entity/Q11725"]
    assert q.entity(store, YUBEI).within == [(CHONGQING, "충칭")]
    assert q.entity(store, "https://w3id.org/cityties/id/nowhere") is None


def test_meetings_follow_containment_transitively(store):
    # the committee is within the council, within Goyang; Yubei is within Chongqing
    rows = m.meetings(store, GOYANG, CHONGQING)
    assert {r.counterpart for r in rows} == {LIU, YUBEI_GOV}
    liu = next(r for r in rows if r.counterpart == LIU)
    assert liu.posts == ("주임, 위베이구청",) and liu.date == "2019-12-23"
    assert liu.evidence.quote.startswith("고양시의회")
    assert m.meetings(store, GOYANG, GUIYANG) == []
    assert m.meetings(store, GUIYANG) == []


def test_meetings_through_a_deeper_chain(store):
    # a second document adds a street-level place inside Yubei: still "in Chongqing"
    text = "위원회는 위베이구 양자강로에서 왕 국장을 만났다."
    street = entity_iri("District", "양자강로")
    wang = entity_iri("Person", "왕")
    ents = (Entity(COMMITTEE, "GovernmentBody", {"ko": "기획행정위원회"}, (), (Mention(0, 3, "위원회"),)),
            Entity(street, "District", {"ko": "양자강로"}, (), (Mention(10, 14, "양자강로"),), within=YUBEI),
            Entity(wang, "Person", {"ko": "왕"}, (), (Mention(17, 18, "왕"),)))
    fact = Fact("met", COMMITTEE, wang, Mention(0, len(text), text), place=street)
    load(store, Extraction(Document("two.txt", "two.txt", text=text), ents, (fact,)))
    assert wang in {r.counterpart for r in m.meetings(store, GOYANG, CHONGQING)}


def test_agreements_tell_status(store):
    rows = q.agreements(store, GOYANG)
    assert [(r.kind, r.status, r.subject) for r in rows] == [("sister_city", "proposed", GUIYANG)]
    assert q.agreements(store, GOYANG, status="signed") == []


def test_timeline_orders_by_date(store):
    rows = q.timeline(store, GOYANG)
    assert [r.type for r in rows][:1] and all(r.date for r in rows[:-1])
    assert [r.date for r in rows] == sorted(r.date for r in rows if r.date) + [None] * sum(
        1 for r in rows if r.date is None)
    assert any(r.type == "visited" and r.object == YUBEI for r in rows)


def test_replace_document_replaces_and_drop_removes(store):
    x = small_extraction()
    shorter = dataclasses.replace(x, facts=x.facts[:1])
    load(store, shorter)
    assert q.stats(store)["facts"] == 1
    assert store.drop_document(document_iri(x.document.id))
    assert q.stats(store).get("documents") == 0
    assert not store.drop_document(document_iri(x.document.id))


def test_stats_and_default_home(store):
    s = q.stats(store)
    assert s["documents"] == 1 and s["entities"] == 8 and s["facts.met"] == 2
    assert q.default_home(store) == COUNCIL


def test_neighbours_and_shortest_path(store):
    g1 = neighbours(store, LIU, depth=1)
    assert set(g1.nodes) == {LIU, COMMITTEE, YUBEI_GOV}
    g2 = neighbours(store, LIU, depth=2)
    assert YUBEI in g2.nodes
    path = shortest_path(to_networkx(store), GOYANG, LIU)
    assert [p[0] for p in path] == [GOYANG, COUNCIL, COMMITTEE, LIU]
    assert shortest_path(to_networkx(store), GUIYANG, "https://nowhere") == []


def test_networkx_attributes(store):
    g = to_networkx(store)
    assert g.nodes[CHONGQING]["label_zh"] == "重庆" and g.nodes[CHONGQING]["type"] == "City"
    met = [d for _, _, d in g.edges(data=True) if d["type"] == "met"]
    assert met and all(d["date"] == "2019-12-23" and d["quote"] for d in met)


def test_the_drawing_read_leaves_out_only_the_evidence_and_gets_it_back(store):
    full, sketch = to_networkx(store), to_networkx(store, evidence=False)
    assert dict(sketch.nodes(data=True)) == dict(full.nodes(data=True))
    assert sorted(sketch.edges(keys=True)) == sorted(full.edges(keys=True))
    evidence = ("quote", "document", "place")
    for s, o, k, attrs in full.edges(keys=True, data=True):
        assert sketch.edges[s, o, k] == {a: v for a, v in attrs.items() if a not in evidence}
    assert any("quote" in a for _, _, a in full.edges(data=True))
    assert sorted(with_evidence(store, sketch).edges(keys=True, data=True)) == sorted(full.edges(keys=True, data=True))


def test_document_text_with_evidence(store):
    doc = q.document(store, document_iri("small.txt"))
    assert doc.text == small_extraction().document.text
    for f in doc.facts:
        assert doc.text[f.evidence.start:f.evidence.end] == f.evidence.quote


def test_meetings_find_a_person_through_the_body_they_work_for(store):
    # the meeting names no place and the person has none: their post at a body in Yubei places them
    text = "위원회는 정 주임과 면담하였다. 정 주임은 위베이구청 소속이다."
    jung = entity_iri("Person", "정")
    ents = (Entity(COMMITTEE, "GovernmentBody", {"ko": "기획행정위원회"}, (), (Mention(0, 3, "위원회"),)),
            Entity(jung, "Person", {"ko": "정"}, (), (Mention(5, 6, "정"),)),
            Entity(YUBEI_GOV, "GovernmentBody", {"ko": "위베이구청"}, (), (span(text, "위베이구청"),),
                   within=YUBEI))
    first, second = text.split(" 정 주임은")
    facts = (Fact("met", COMMITTEE, jung, span(text, first)),
             Fact("member_of", jung, YUBEI_GOV, span(text, "정 주임은" + second)))
    load(store, Extraction(Document("three.txt", "three.txt", text=text), ents, facts))
    assert jung in {r.counterpart for r in m.meetings(store, GOYANG, CHONGQING)}
    assert jung not in {r.counterpart for r in m.meetings(store, GOYANG, GUIYANG)}
