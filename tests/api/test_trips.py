"""Trips and briefings over HTTP: /api/trips, /trips pages, /briefing (HTML, Markdown, DOCX), and the
questions they answer; labels from documents stay text everywhere."""
from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from cityties.api.app import create_app
from cityties.graph.model import Document, Entity, Extraction, Fact, Mention
from cityties.graph.questions import answer
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.store import open_store
from cityties.graph.vocab import document_iri, entity_iri
from cityties.ingest.trips import with_trips
from cityties.settings import Settings

from graphs import CHONGQING, COUNCIL, GOYANG, LIU, YUBEI_GOV, small_extraction

EVIL = '<img src=x onerror="window.__xss=1">위원'
MEMBER = entity_iri("Person", EVIL, org="고양시의회")


def delegation() -> Extraction:
    """The small report with a delegation table whose member is named like an injection."""
    x = small_extraction()
    text = x.document.text + f"\n1\t고양시의회\t위원장\t{EVIL}"
    row = text.index("1\t고양시의회")
    name = text.index(EVIL)
    ents = (*x.entities, Entity(MEMBER, "Person", {"ko": EVIL}, (), (Mention(name, name + len(EVIL), EVIL),)))
    quote_ = Mention(row, len(text), text[row:])
    facts = (*x.facts, Fact("member_of", MEMBER, COUNCIL, quote_), Fact("holds_post", MEMBER, COUNCIL, quote_,
                                                                         title="위원장"))
    doc = Document(id="trip.txt", source="trip.txt", title="출장 보고서", home=COUNCIL, date="2019-12-27", text=text)
    return with_trips(Extraction(doc, ents, facts))


@pytest.fixture(scope="module")
def client():
    store = open_store(None)
    x = delegation()
    store.replace_document(document_iri(x.document.id), extraction_to_rdf(x))
    with TestClient(create_app(store, Settings(store="/nonexistent", home=GOYANG))) as c:
        yield c
    store.close()


def test_trips_list_and_one(client):
    page = client.get("/api/trips").json()
    [t] = page["items"]
    assert (t["start"], t["end"], t["traveller"]["iri"], t["crew"]) == ("2019-12-23", "2019-12-23", COUNCIL, 1)
    assert [d["iri"] for d in t["destinations"]][0] == CHONGQING and t["document_id"] == "trip.txt"
    one = client.get(f"/api/trips/{t['id']}").json()
    assert [m["label"] for m in one["members"]] == [EVIL]
    assert one["members"][0]["posts"] == [{"title": "위원장", "org": COUNCIL, "org_label": "고양시의회"}]
    assert {p["type"] for p in one["parts"]} == {"visited", "met", "agreement"}
    assert all(p["evidence"]["quote"] for p in one["parts"])
    assert client.get("/api/trips", params={"place": "구이양"}).json()["items"] == []
    assert client.get("/api/trips", params={"year": "2018"}).json()["items"] == []
    r = client.get("/api/trips/nope")
    assert r.status_code == 404 and r.json()["error"] == "trip_not_found"


def test_trip_pages_escape_names(client):
    t = client.get("/api/trips").json()["items"][0]
    listing = client.get("/trips")
    assert listing.status_code == 200 and f'href="/trips/{t["id"]}"' in listing.text
    page = client.get(f"/trips/{t['id']}")
    assert page.status_code == 200 and "위베이구청" in page.text and "리우" in page.text
    assert EVIL not in page.text and "&lt;img src=x" in page.text
    assert client.get("/trips/nope").status_code == 404


def test_briefing_page_and_downloads(client):
    r = client.get("/briefing/" + quote("충칭"))
    assert r.status_code == 200
    html = r.text
    for heading in ("우리 출장", "Whom we met", "Agreements and proposals", "People on their side"):
        assert heading in html
    assert "<svg" in html and 'id="note-1"' in html and "리우" in html and "주임" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html)
    md = client.get("/briefing/" + quote(CHONGQING, safe=""), params={"format": "md"})
    assert md.headers["content-type"].startswith("text/markdown") and "[^1]:" in md.text
    assert "2019-12-23" in md.text and "리우" in md.text
    docx = client.get("/briefing/Chongqing", params={"format": "docx"})
    from docx import Document as Docx
    paragraphs = [p.text for p in Docx(io.BytesIO(docx.content)).paragraphs]
    assert any("리우" in p for p in paragraphs) and any(p.startswith("[1]") for p in paragraphs)
    assert client.get("/briefing/Atlantis").status_code == 404
    api = client.get("/api/briefing", params={"entity": "충칭"}).json()
    met = next(s for s in api["sections"] if s["key"] == "met")["items"]
    assert met and all(1 <= n <= len(api["notes"]) for item in met for n in item["notes"])


def test_briefing_of_a_partner_body(client):
    api = client.get("/api/briefing", params={"entity": "위베이구청"}).json()
    people = next(s for s in api["sections"] if s["key"] == "people")["items"]
    assert [p["iri"] for p in people] == [LIU]  # a post there; our delegation is not "their side"


def test_questions_about_trips_and_people(client):
    settings = Settings(store="/nonexistent", home=GOYANG)
    store = client.app.state.store
    went = answer(store, "who went on the 2019 trip", settings)
    assert went["intent"] == "trip_members" and [r["fields"]["member"] for r in went["rows"]] == [EVIL]
    assert went["rows"][0]["evidence"][0]["quote"].startswith("1\t고양시의회")
    assert answer(store, "2018년 출장에 누가 갔나", settings)["rows"] == []
    people = answer(store, "충칭과 관련된 사람", settings)
    assert people["intent"] == "people" and [r["fields"]["person"] for r in people["rows"]] == ["리우"]
    trips = answer(store, "our trips to Chongqing", settings)
    assert trips["intent"] == "trips" and len(trips["rows"]) == 1 and trips["rows"][0]["evidence"]
    met = answer(store, "who did we meet in Chongqing", settings)
    assert {r["group"] for r in met["rows"]} == {"2019-12-23 · 충칭 (고양시의회)"}
    liu = next(r for r in met["rows"] if r["fields"]["counterpart_iri"] == LIU)
    body = next(r for r in met["rows"] if r["fields"]["counterpart_iri"] == YUBEI_GOV)
    assert liu["fields"]["posts"] == ["주임, 위베이구청"] and body["fields"]["present"] == ["리우 (주임)"]
    last = answer(store, "when did we last visit Chongqing", settings)
    assert last["intent"] == "visits" and "2019-12-23" in last["message"]
