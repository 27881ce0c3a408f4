"""Trips: derived from an extraction's facts (ingest/trips.py), carried in the model, the JSON
contract and RDF, and read back by the named queries."""
from __future__ import annotations

import json

import pytest
from rdflib.compare import isomorphic

from cityties.graph import trips as tq
from cityties.graph.model import (
    Document, Entity, Extraction, Fact, Mention, ModelError, Trip, from_json, to_json,
)
from cityties.graph.rdf import extraction_to_rdf, rdf_to_extraction, trip_key
from cityties.graph.store import open_store
from cityties.graph.vocab import CT, SCHEMA, document_iri, entity_iri
from cityties.ingest.trips import derive_trips, travellers, with_trips

from graphs import CHONGQING, COMMITTEE, COUNCIL, GOYANG, GUIYANG, LIU, YUBEI, YUBEI_GOV, small_extraction

KIM = entity_iri("Person", "김수환", org="고양시의회")
CHENGDU = "https://w3id.org/cityties/id/chengdu"
TEXT = ("연번\t소속\t직위\t성명\n1\t고양시의회\t위원장\t김수환\n"
        "12. 23. 충칭시 위베이구 방문. 위베이구청 면담. 리우 주임 면담.\n"
        "2020. 5. 1. 청두 방문.\n"
        "결론: 위베이구청과 간담회를 진행함. 2015년 충칭시와 자매결연을 맺은 바 있다.")


def ev(needle: str) -> Mention:
    i = TEXT.index(needle)
    return Mention(i, i + len(needle), needle)


def two_trips() -> Extraction:
    """A report of two journeys five months apart, a delegation table and undated sentences."""
    ents = (
        Entity(GOYANG, "City", {"ko": "고양"}), Entity(COUNCIL, "GovernmentBody", {"ko": "고양시의회"}, within=GOYANG),
        Entity(KIM, "Person", {"ko": "김수환"}), Entity(CHONGQING, "City", {"ko": "충칭"}),
        Entity(YUBEI, "District", {"ko": "위베이구"}, within=CHONGQING),
        Entity(YUBEI_GOV, "GovernmentBody", {"ko": "위베이구청"}, within=CHONGQING),
        Entity(LIU, "Person", {"ko": "리우"}), Entity(CHENGDU, "City", {"ko": "청두"}),
    )
    facts = (
        Fact("member_of", KIM, COUNCIL, ev("1\t고양시의회\t위원장\t김수환")),
        Fact("holds_post", KIM, COUNCIL, ev("1\t고양시의회\t위원장\t김수환"), title="위원장"),
        Fact("visited", COUNCIL, YUBEI, ev("12. 23. 충칭시 위베이구 방문."), date="2019-12-23", place=CHONGQING),
        Fact("met", COUNCIL, YUBEI_GOV, ev("위베이구청 면담."), place=CHONGQING),
        Fact("met", COUNCIL, LIU, ev("리우 주임 면담."), place=CHONGQING),
        Fact("holds_post", LIU, YUBEI_GOV, ev("리우 주임 면담."), title="주임"),
        Fact("visited", COUNCIL, CHENGDU, ev("2020. 5. 1. 청두 방문."), date="2020-05-01", place=CHENGDU),
        Fact("met", COUNCIL, YUBEI_GOV, ev("위베이구청과 간담회를 진행함.")),
        Fact("agreement", CHONGQING, GOYANG, ev("2015년 충칭시와 자매결연을 맺은 바 있다."), date="2015",
             kind="sister_city", status="signed"),
    )
    return Extraction(Document("two.txt", "two.txt", home=COUNCIL, text=TEXT), ents, facts)


def test_small_report_is_one_trip_with_its_agreement_proposed_that_month():
    x = with_trips(small_extraction())
    [t] = x.trips
    assert (t.traveller, t.start, t.end) == (COUNCIL, "2019-12-23", "2019-12-23")
    assert t.destinations == (CHONGQING,)  # the district's city: where the journey went
    assert {(f.type, f.object) for f in t.parts} == {("visited", YUBEI), ("met", LIU), ("met", YUBEI_GOV),
                                                      ("agreement", GOYANG)}


def test_journeys_split_by_dates_and_undated_parts_of_many_stay_out():
    x = with_trips(two_trips())
    assert [(t.start, t.end, t.destinations) for t in x.trips] == [
        ("2019-12-23", "2019-12-23", (CHONGQING,)), ("2020-05-01", "2020-05-01", (CHENGDU,))]
    assert all(KIM in t.members and LIU not in t.members for t in x.trips)
    # two journeys: nothing tells which one an undated meeting belongs to, and a background
    # agreement from 2015 belongs to neither
    assert all(f.date is not None for t in x.trips for f in t.parts)
    assert not any(f.type == "agreement" for t in x.trips for f in t.parts)
    assert [f.date for f in x.facts if f.type == "met"] == [None, None, None]


def test_undated_parts_take_the_itinerary_day():
    one = two_trips()
    one = Extraction(one.document, one.entities, tuple(f for f in one.facts if f.object != CHENGDU))
    x = with_trips(one)
    [t] = x.trips
    days = {(f.object, f.evidence.text): f.date for f in x.facts if f.type == "met"}
    assert days[(YUBEI_GOV, "위베이구청 면담.")] == "2019-12-23"  # its district was visited that day
    assert days[(LIU, "리우 주임 면담.")] == "2019-12-23"  # the body he holds a post in met that day
    assert days[(YUBEI_GOV, "위베이구청과 간담회를 진행함.")] == "2019-12-23"  # the same body, dated elsewhere
    background = next(f for f in x.facts if f.type == "agreement")
    assert background.date == "2015" and background not in t.parts  # a background sentence keeps its own


def test_without_a_home_whoever_visited_travels():
    x = two_trips()
    x = Extraction(Document("n.txt", "n.txt", text=TEXT), x.entities, x.facts)
    assert [root for root, _ in travellers(x)] == [COUNCIL]
    assert len(derive_trips(x)) == 2


def test_trip_checks_its_values():
    f = small_extraction().facts[0]
    with pytest.raises(ModelError):
        Trip(COUNCIL, (small_extraction().facts[3],))  # a holds_post fact is no part of a journey
    with pytest.raises(ModelError):
        Trip(COUNCIL, (f,), start="2019-12-24", end="2019-12-23")
    x = small_extraction()
    with pytest.raises(ModelError):
        Extraction(x.document, x.entities, x.facts[1:], (Trip(COUNCIL, (x.facts[0],)),))
    with pytest.raises(ModelError):
        Extraction(x.document, x.entities, x.facts, (Trip("https://x/nobody", (x.facts[0],)),))


def _canonical(x: Extraction) -> dict:
    d = to_json(x)
    for t in d.get("trips", []):
        t["members"], t["parts"] = sorted(t["members"]), sorted(t["parts"])
    d["entities"].sort(key=lambda e: e["id"])
    for e in d["entities"]:
        e["aliases"], e["mentions"] = sorted(e["aliases"]), sorted(e["mentions"], key=lambda m: m["start"])
    return d


def test_json_contract_carries_trips_and_accepts_their_absence():
    x = with_trips(two_trips())
    data = json.loads(json.dumps(to_json(x), ensure_ascii=False))
    assert [t["parts"] for t in data["trips"]] and all(isinstance(i, int) for t in data["trips"] for i in t["parts"])
    assert from_json(data, TEXT) == x
    del data["trips"]
    assert from_json(data, TEXT).trips == ()
    data["trips"] = [{"traveller": COUNCIL, "parts": [99]}]
    with pytest.raises(ModelError):
        from_json(data, TEXT)


def test_rdf_trip_node_round_trips_with_deterministic_iris():
    x = with_trips(two_trips())
    g = extraction_to_rdf(x)
    assert isomorphic(g, extraction_to_rdf(with_trips(two_trips())))
    doc = document_iri("two.txt")
    nodes = sorted(g.subjects(predicate=None, object=CT.Trip))
    assert len(nodes) == 2 and all(str(n).startswith(doc + "#trip-") for n in nodes)
    assert {str(g.value(n, SCHEMA.startDate)) for n in nodes} == {"2019-12-23", "2020-05-01"}
    assert str(nodes[0]).endswith(trip_key(doc, x.trips[0])) or str(nodes[1]).endswith(trip_key(doc, x.trips[0]))
    back = rdf_to_extraction(g, doc)
    assert _canonical(back)["trips"] == _canonical(x)["trips"]


def test_trip_queries_list_and_read_one():
    s = open_store(None)
    x = with_trips(two_trips())
    s.replace_document(document_iri("two.txt"), extraction_to_rdf(x))
    rows = tq.trips(s)
    assert [r.start for r in rows] == ["2020-05-01", "2019-12-23"]  # newest first
    assert [r.start for r in tq.trips(s, GOYANG, place=CHONGQING)] == ["2019-12-23"]
    assert [r.start for r in tq.trips(s, year="2020")] == ["2020-05-01"]
    assert [r.start for r in tq.trips(s, member=KIM)] == ["2020-05-01", "2019-12-23"]
    assert tq.trips(s, COMMITTEE) == []  # a body within the council did not travel
    t = tq.trip(s, rows[1].id)
    assert t.label == "2019-12 충칭" and t.when == "2019-12-23" and t.document_id == "two.txt"
    [m] = t.members
    assert (m.label, [p.text() for p in m.posts]) == ("김수환", ["위원장, 고양시의회"])
    assert m.evidence.quote == "1\t고양시의회\t위원장\t김수환"
    assert [p.date for p in t.parts] == ["2019-12-23"] and tq.trip(s, rows[1].iri).id == rows[1].id
    assert tq.trip(s, "nope") is None
    assert GUIYANG not in {i for r in rows for i, _ in r.destinations}
