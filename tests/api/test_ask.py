"""Questions (graph.questions) through /api/ask: every template in Korean and English, evidence on every
row, and helpful refusals."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cityties.graph.questions import answer, format_answer, load_templates
from cityties.graph.vocab import gazetteer_iri

from graphs import LIU
from cityties.settings import Settings

from apigraph import make_client

CASES = [
    # intent, English, Korean, a resolved entity, text every answer must contain
    ("met", "who did we meet in Chongqing", "충칭에서 누구를 만났나", gazetteer_iri("chongqing"), "리우"),
    ("agreements", "what agreements do we have with Guiyang", "구이양과 맺은 협약", gazetteer_iri("guiyang"), "구이양"),
    ("visits", "when did we visit Chengdu", "청두에 언제 방문했나", gazetteer_iri("chengdu"), "2018-05-01"),
    ("path", "how is Goyang connected to Chengdu", "고양과 청두는 어떻게 연결되나", gazetteer_iri("chengdu"), "청두"),
    ("open_proposals", "which proposals are still open", "아직 체결되지 않은 협약", None, "구이양"),
    ("signed", "which agreements have we signed", "체결한 협약", None, "청두"),
    ("who_is", "who is 리우", "리우는 누구인가", None, "위베이구청"),
]


@pytest.mark.parametrize("intent, en, ko, iri, needle", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_each_template_in_both_languages(client, intent, en, ko, iri, needle, lang):
    q = en if lang == "en" else ko
    r = client.get("/api/ask", params={"q": q})
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["intent"] == intent and a["language"] == lang
    assert a["home"]["iri"] == gazetteer_iri("goyang")
    if iri:
        assert iri in [e["iri"] for e in a["entities"]]
    assert a["rows"], a["message"]
    assert needle in json.dumps(a["rows"], ensure_ascii=False)
    assert all(row["text"] for row in a["rows"])
    quoted = [row for row in a["rows"] if row["evidence"]]
    assert quoted, "no row carries evidence"
    for row in quoted:
        for ev in row["evidence"]:
            assert ev["quote"] and ev["document_id"] in ("small.txt", "signed.txt")


def test_open_proposals_leave_out_settled_ones(client):
    rows = client.get("/api/ask", params={"q": "which proposals are still open"}).json()["rows"]
    assert [r["fields"]["status"] for r in rows] == ["proposed"]


def test_misspelled_place_still_resolves(client):
    a = client.get("/api/ask", params={"q": "충청시에서 누구를 만났나요?"}).json()
    assert a["entities"][0]["iri"] == gazetteer_iri("chongqing") and a["rows"]


@pytest.mark.parametrize("q", ["tell me a joke", "오늘 날씨 어때", "???"])
def test_unparseable_question_gets_the_list_of_answerable_ones(client, q):
    r = client.get("/api/ask", params={"q": q})
    assert r.status_code == 200
    a = r.json()
    assert a["intent"] is None and a["rows"] == []
    assert "who did we meet in Chongqing" in a["examples"] and "충칭에서 누구를 만났나" in a["examples"]
    assert a["message"]


def test_unknown_entity_is_named_in_the_reply(client):
    a = client.get("/api/ask", params={"q": "who did we meet in Atlantis"}).json()
    assert a["intent"] == "met" and a["entities"][0]["iri"] is None and "Atlantis" in a["message"]


def test_question_length_is_capped(store):
    with make_client(store, ask_max_chars=20) as c:
        r = c.get("/api/ask", params={"q": "who did we meet in " + "Chongqing" * 5})
    assert r.status_code == 400 and "ask_max_chars" in r.json()["message"]


def test_configured_home_changes_we(store):
    with make_client(store, home="Chongqing") as c:
        a = c.get("/api/ask", params={"q": "who did we meet in Chongqing"}).json()
    assert a["home"]["label"] == "충칭" and a["rows"] == []


def test_answer_and_format_answer_for_the_cli(store):
    result = answer(store, "who did we meet in Chongqing", Settings(store="/nonexistent"))
    text = format_answer(result)
    assert "리우" in text and "small.txt" in text and "“" in text
    helpless = format_answer(answer(store, "tell me a joke", Settings(store="/nonexistent")))
    assert "who did we meet in Chongqing" in helpless


def test_templates_come_from_the_data_file_and_a_data_dir_extends_them(store, tmp_path):
    intents = [i["name"] for i in load_templates()["intents"]]
    assert intents[0] == "met" and {"agreements", "visits", "trips", "trip_members", "people", "who_is"} <= set(intents)
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "ask.json").write_text(json.dumps({"intents": [
        {"name": "met", "patterns": {"en": ["^whom did the delegation see in (?P<place>.+)$"]}}]}))
    settings = Settings(store="/nonexistent", data_dir=str(tmp_path))
    a = answer(store, "whom did the delegation see in Chongqing", settings)
    assert a["intent"] == "met" and a["rows"]
    assert answer(store, "whom did the delegation see in Chongqing", Settings(store="/x"))["intent"] is None


@pytest.mark.parametrize("q", ["who is Liu", "who is liu", "Liu는 누구인가", "tell me about Riu"])
def test_a_latin_name_finds_persons_spelt_so(client, q):
    a = client.get("/api/ask", params={"q": q}).json()
    assert a["intent"] == "who_is" and a["entities"][0]["iri"] == LIU, a["message"]
    assert "위베이구청" in json.dumps(a["rows"], ensure_ascii=False)  # his post, from the card


def test_a_question_no_template_fits_says_what_it_understood_and_offers_the_closest(client):
    a = client.get("/api/ask", params={"q": "what is the budget for Chongqing next year?"}).json()
    assert a["intent"] is None or a["rows"] == []
    assert "충칭" in (a["understood"] or "")  # it recognised the place
    assert a["suggestions"] and all("충칭" in s or "Chongqing" in s or "고양" in s for s in a["suggestions"][:3])
    for s in a["suggestions"]:  # each offered question is answerable
        offered = client.get("/api/ask", params={"q": s}).json()
        assert offered["intent"] is not None, s
    ko = client.get("/api/ask", params={"q": "충칭 예산은 얼마야"}).json()
    assert ko["intent"] is None and "충칭" in ko["understood"] and "충칭에서 누구를 만났나" in ko["suggestions"]


def test_the_ask_page_and_the_json_answer_come_from_one_place(client):
    import cityties
    api = Path(cityties.__file__).parent / "api"
    routes = [p.name for p in api.rglob("*.py") if re.search(r"""@router\.get\(\s*["']/ask["']""", p.read_text())]
    assert routes == ["pages.py"]  # the HTML page; the JSON answer is /api/ask only
    assert not (api / "ask.py").exists() and not (api / "index.py").exists()  # they live in graph/
    assert client.get("/ask", params={"q": "충칭에서 누구를 만났나"}).headers["content-type"].startswith("text/html")
