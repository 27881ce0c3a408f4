"""Entity endpoints over the small graph: search, card, meetings, agreements, visits, network, paths."""
from __future__ import annotations

import pytest

from cityties.graph.vocab import gazetteer_iri

from apigraph import CHENGDU, make_client

CHONGQING = gazetteer_iri("chongqing")
GUIYANG = gazetteer_iri("guiyang")
GOYANG = gazetteer_iri("goyang")


@pytest.mark.parametrize("q", ["충칭", "Chongqing", "重庆", "chongqing", "충칭시"])
def test_search_finds_chongqing_in_every_language(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200
    items = r.json()["items"]
    assert items[0]["iri"] == CHONGQING
    assert items[0]["fuzzy"] is False


@pytest.mark.parametrize("q", ["충청", "Chongqinq", "Chonqing"])
def test_search_tolerates_misspellings(client, q):
    items = client.get("/api/search", params={"q": q}).json()["items"]
    assert items and items[0]["iri"] == CHONGQING and items[0]["fuzzy"] is True


def test_search_without_fuzzy_misses_misspelling(client):
    assert client.get("/api/search", params={"q": "충청", "fuzzy": "false"}).json()["items"] == []


def test_search_pages_and_filters_by_type(client):
    first = client.get("/api/search", params={"q": "양", "limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    second = client.get("/api/search", params={"q": "양", "limit": 1, "offset": 1}).json()
    assert second["items"][0]["iri"] != first["items"][0]["iri"]
    cities = client.get("/api/search", params={"q": "양", "type": "City", "limit": 50}).json()["items"]
    assert cities and {h["type"] for h in cities} == {"City"}


def test_search_sees_a_new_document_after_a_write(store, client):
    assert client.get("/api/search", params={"q": "구이양"}).json()["items"]
    from cityties.graph.vocab import document_iri
    store.drop_document(document_iri("small.txt"))
    hits = client.get("/api/search", params={"q": "구이양", "fuzzy": "false"}).json()["items"]
    assert hits == []


def test_entity_card_has_labels_in_each_language(client):
    card = client.get("/api/entity", params={"entity": "Chongqing"}).json()
    assert card["iri"] == CHONGQING
    assert card["labels"] == {"ko": ["충칭"], "en": ["Chongqing"], "zh": ["重庆"]}
    assert "http://www.wikidata.org/entity/Q11725" in card["same_as"]


def test_entity_card_by_iri_and_unknown_entity(client):
    assert client.get("/api/entity", params={"entity": GUIYANG}).json()["type"] == "City"
    r = client.get("/api/entity", params={"entity": "https://w3id.org/cityties/id/nowhere"})
    assert r.status_code == 404
    assert r.json()["error"] == "entity_not_found" and "nowhere" in r.json()["message"]


def test_entity_facts_page(client):
    page = client.get("/api/entity/facts", params={"entity": "리우", "limit": 1}).json()
    assert len(page["items"]) == 1 and page["next_offset"] == 1
    rest = client.get("/api/entity/facts", params={"entity": "리우", "limit": 10, "offset": 1}).json()
    assert rest["next_offset"] is None and len(rest["items"]) == 1


def test_meetings_in_chongqing_name_people_posts_and_quotes(client):
    page = client.get("/api/meetings", params={"place": "충칭"}).json()
    assert page["home"]["iri"] == GOYANG  # the default home widens the writing council to its city
    people = {m["counterpart_label"]: m for m in page["items"]}
    assert set(people) == {"리우", "위베이구청"}
    liu = people["리우"]
    assert liu["posts"] == ["주임, 위베이구청"] and liu["date"] == "2019-12-23"
    assert "리우 주임과 면담" in liu["evidence"]["quote"] and liu["evidence"]["document_id"] == "small.txt"


def test_meetings_elsewhere_are_empty(client):
    assert client.get("/api/meetings", params={"place": "Chengdu"}).json()["items"] == []


def test_agreements_tell_signed_from_proposed(client):
    items = client.get("/api/agreements", params={"entity": "고양"}).json()["items"]
    by_status = {a["status"]: a for a in items}
    assert set(by_status) == {"signed", "proposed"}
    assert by_status["signed"]["kind"] == "friendship_city" and by_status["signed"]["object"] == CHENGDU
    assert by_status["proposed"]["subject"] == GUIYANG
    only = client.get("/api/agreements", params={"entity": "고양", "status": "proposed"}).json()["items"]
    assert [a["status"] for a in only] == ["proposed"]
    assert client.get("/api/agreements", params={"entity": "고양", "status": "bogus"}).status_code == 422


def test_visits_timeline_oldest_first_and_by_place(client):
    items = client.get("/api/visits").json()["items"]
    assert [v["date"] for v in items] == ["2018-05-01", "2019-12-23"]
    chongqing = client.get("/api/visits", params={"place": "重庆"}).json()["items"]
    assert len(chongqing) == 1 and chongqing[0]["object_label"] == "위베이구"


def test_neighbours_depth_and_caps(client):
    one = client.get("/api/neighbours", params={"entity": "리우", "depth": 1}).json()
    two = client.get("/api/neighbours", params={"entity": "리우", "depth": 2}).json()
    assert len(two["nodes"]) > len(one["nodes"]) > 1
    assert all(e["type"] for e in one["edges"])
    r = client.get("/api/neighbours", params={"entity": "리우", "depth": 99})
    assert r.status_code == 400 and r.json()["error"] == "depth_too_large"
    r = client.get("/api/neighbours", params={"entity": "리우", "max_nodes": 10**6})
    assert r.status_code == 400 and r.json()["error"] == "too_many_nodes"
    capped = client.get("/api/neighbours", params={"entity": "리우", "depth": 3, "max_nodes": 2}).json()
    assert capped["truncated"] is True and len(capped["nodes"]) <= 2


def test_shortest_path_with_evidence(client):
    p = client.get("/api/path", params={"source": "Goyang", "target": "리우"}).json()
    assert p["found"] is True and p["length"] == len(p["steps"]) - 1 == 3
    assert p["steps"][0]["node"]["iri"] == GOYANG and p["steps"][-1]["node"]["label"] == "리우"
    assert p["steps"][-2]["fact"]["type"] == "met" and "면담" in p["steps"][-2]["fact"]["quote"]


def test_path_over_the_hop_limit_is_refused_with_a_message(store):
    with make_client(store, path_max_hops=2) as c:
        p = c.get("/api/path", params={"source": "Goyang", "target": "리우"}).json()
    assert p["found"] is False and "path_max_hops" in p["message"]


def test_path_between_unconnected_entities(client):
    p = client.get("/api/path", params={"source": "Chongqing", "target": "Wuhan"}).json()
    assert p["found"] is False and p["steps"] == []


def test_stats_count_documents_and_facts(client):
    counts = client.get("/api/stats").json()["counts"]
    assert counts["documents"] == 2 and counts["facts.agreement"] == 2


def test_configured_home_by_name(store):
    with make_client(store, home="기획행정위원회") as c:
        page = c.get("/api/visits").json()
    assert page["home"]["label"] == "기획행정위원회"
    assert [v["date"] for v in page["items"]] == ["2019-12-23"]


def test_timeline_of_an_entity_by_type(client):
    items = client.get("/api/timeline", params={"entity": "Goyang"}).json()["items"]
    assert {f["type"] for f in items} == {"visited", "met", "agreement"}
    dated = [f["date"] for f in items if f["date"]]
    assert dated == sorted(dated)
    only = client.get("/api/timeline", params={"entity": "Goyang", "type": "met"}).json()["items"]
    assert only and {f["type"] for f in only} == {"met"}
