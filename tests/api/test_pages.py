"""The web pages and the network view through FastAPI's TestClient, on the small graph plus a hostile one.

The hostile document names its entities ``<script>…`` and ``"onmouseover=…``; every
page must show those as text, never as markup.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cityties.graph.model import Document, Entity, Extraction, Fact, Mention
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.store import open_store
from cityties.graph.vocab import document_iri, entity_iri
from cityties.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from graphs import CHONGQING, GOYANG, GUIYANG, LIU, small_extraction  # noqa: E402

SCRIPT = '<script>alert("xss")</script>'
ATTR = '"onmouseover="alert(1)" x="'
IMG = "<img src=x onerror=alert(2)>"
EVIL_A = entity_iri("Organization", "evil-script")
EVIL_B = entity_iri("Person", "evil-attr")
# Remote resources a page would load: a CDN link here means the view breaks offline.
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
LOADED_REMOTE = re.compile(r"""(?:<script[^>]*\bsrc|<link[^>]*\bhref|<img[^>]*\bsrc)\s*=\s*["']?\s*(?:https?:)?//""",
                           re.I)


def hostile_extraction() -> Extraction:
    """Return a document whose names, quote and title are HTML injection attempts."""
    text = f"{SCRIPT} 대표단은 {ATTR} 과 면담하였다. {IMG}"
    a, b = text.index(SCRIPT), text.index(ATTR)
    ents = (Entity(EVIL_A, "Organization", {"ko": SCRIPT, "en": IMG}, (), (Mention(a, a + len(SCRIPT), SCRIPT),),
                   same_as=("javascript:alert(3)",)),
            Entity(EVIL_B, "Person", {"ko": ATTR}, (), (Mention(b, b + len(ATTR), ATTR),)))
    facts = (Fact("met", EVIL_A, EVIL_B, Mention(0, len(text), text), date="2020-01-02"),)
    doc = Document(id="evil<script>.txt", source="evil.txt", title=f"{IMG} 보고서", date="2020-01-03", text=text)
    return Extraction(doc, ents, facts)


def load(store, x: Extraction) -> None:
    store.replace_document(document_iri(x.document.id), extraction_to_rdf(x))


def make_app(store, settings: Settings) -> FastAPI:
    """Return the real app, or (until api/app.py lands) the pages router with /static mounted."""
    try:
        from cityties.api.app import create_app
    except ImportError:
        from importlib import resources

        from fastapi.staticfiles import StaticFiles

        from cityties.api.pages import router
        app = FastAPI()
        app.state.store, app.state.settings = store, settings
        app.include_router(router)
        app.mount("/static", StaticFiles(directory=str(resources.files("cityties.api") / "static")), name="static")
        return app
    return create_app(store, settings)


@pytest.fixture(scope="module")
def store():
    s = open_store(None)
    load(s, small_extraction())
    load(s, hostile_extraction())
    yield s
    s.close()


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return Settings(store=str(tmp_path_factory.mktemp("unused")))


@pytest.fixture(scope="module")
def client(store, settings):
    with TestClient(make_app(store, settings)) as c:
        yield c


def entity_url(iri: str) -> str:
    return "/entity?iri=" + quote(iri, safe="")


def assert_no_markup_injected(html: str) -> None:
    assert SCRIPT not in html and IMG not in html and ATTR not in html
    assert "<img" not in html and "<script>alert" not in html


def test_home_shows_search_ask_and_counts(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'action="/search"' in r.text and 'action="/ask"' in r.text
    assert "검색" in r.text and "Search" in r.text
    assert re.search(r'class="n">2</span> 문서', r.text)  # two documents
    assert "충칭" in r.text  # a top city
    assert "/document?id=small.txt" in r.text  # a recent document
    assert not LOADED_REMOTE.search(r.text)


@pytest.mark.parametrize("q", ["충칭", "Chongqing", "重庆", "충청"])
def test_search_finds_chongqing_in_every_language_and_misspelt(client, q):
    r = client.get("/search", params={"q": q})
    assert r.status_code == 200
    assert entity_url(CHONGQING).replace("%2F", "/").split("=")[1][:20] in r.text.replace("%2F", "/")


def test_search_without_match_says_so(client):
    r = client.get("/search", params={"q": "없는도시이름xyz"})
    assert r.status_code == 200 and "Nothing matches" in r.text


def test_entity_page_shows_labels_meetings_and_quotes(client):
    r = client.get(entity_url(CHONGQING))
    assert r.status_code == 200
    for label in ("충칭", "重庆", "Chongqing", "충칭시"):
        assert label in r.text
    assert 'id="meetings"' in r.text and "리우" in r.text  # the meeting held in Chongqing
    assert "주임" in r.text  # the counterpart's post
    assert "면담하였다" in r.text  # the quote
    assert "/document?id=small.txt#q-0-63" in r.text  # linked to the highlighted quote
    assert 'id="graph-data"' in r.text  # the neighbourhood drawing
    assert not LOADED_REMOTE.search(r.text)


def test_entity_page_tells_proposed_agreements_apart(client):
    r = client.get(entity_url(GUIYANG))
    assert r.status_code == 200 and 'id="agreements"' in r.text
    assert "status-proposed" in r.text and "제안 proposed" in r.text
    assert "status-signed" not in r.text
    assert "자매결연" in r.text


def test_person_page_groups_facts_by_type(client):
    r = client.get(entity_url(LIU))
    assert 'id="facts-met"' in r.text and 'id="facts-holds_post"' in r.text


@pytest.mark.parametrize("url", ["/entity?iri=nothing", "/entity?iri=" + quote("https://w3id.org/cityties/id/none"),
                                 "/document?id=missing.txt", "/document?iri=bad%3E", "/document"])
def test_unknown_entity_or_document_is_a_friendly_404(client, url):
    r = client.get(url)
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert 'action="/search"' in r.text


def test_document_page_marks_each_evidence_span_with_an_anchor(client):
    r = client.get("/document", params={"id": "small.txt"})
    assert r.status_code == 200
    assert '<span class="anchor" id="q-0-63"></span><mark data-f="q-0-63">고양시의회' in r.text
    assert 'id="q-64-85"' in r.text and '<mark data-f="q-64-85">구이양시는' in r.text
    assert r.text.count('href="#q-0-63"') == 4  # visited, two meetings, holds_post share one quote


def test_document_page_by_iri(client):
    r = client.get("/document", params={"iri": document_iri("small.txt")})
    assert r.status_code == 200 and "작은 보고서" in r.text


def test_ask_page_shows_the_box_and_examples(client):
    r = client.get("/ask")
    assert r.status_code == 200 and 'name="q"' in r.text and "충칭에서 누구를 만났나" in r.text


def test_ask_page_answers_with_rows_and_quotes(client):
    r = client.get("/ask", params={"q": "충칭에서 누구를 만났나"})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert 'class="understood"' in r.text and "리우" in r.text and "주임" in r.text
    assert "/document?id=small.txt#q-0-63" in r.text
    r = client.get("/ask", params={"q": "what agreements do we have with Guiyang"})
    assert "구이양" in r.text and ("자매결연" in r.text or "sister" in r.text)


def test_ask_page_explains_what_it_can_answer(client):
    r = client.get("/ask", params={"q": "blah blah"})
    assert r.status_code == 200 and "You can ask" in r.text and "/ask?q=who%20did%20we%20meet" in r.text
    r = client.get("/ask", params={"q": "x" * 3000})  # over ask_max_chars: a sentence, not a JSON 422
    assert r.status_code == 422 and 'class="notice"' in r.text and "3,000" in r.text
    assert "ask_max_chars" not in r.text  # no internal setting names on pages


def test_hostile_names_are_text_on_every_page(client):
    pages = [entity_url(EVIL_A), entity_url(EVIL_B), "/document?id=" + quote("evil<script>.txt"),
             "/search?q=" + quote("script"), "/", "/view", "/view?focus=" + quote(EVIL_A, safe="")]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        assert_no_markup_injected(r.text)
    r = client.get(entity_url(EVIL_A))
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in r.text
    assert 'href="javascript:' not in r.text and "javascript:alert(3)" in r.text  # shown, not linked
    r = client.get(entity_url(EVIL_B))
    assert "&#34;onmouseover=&#34;alert(1)&#34; x=&#34;" in r.text


# ---------------------------------------------------------------- the network view

def graph_payload(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert m, "no graph data island"
    return json.loads(m.group(1))


def test_view_opens_on_the_home_and_its_partners(client):
    r = client.get("/view")
    assert r.status_code == 200
    data = graph_payload(r.text)
    ids = {node["id"] for node in data["nodes"]}
    assert GOYANG in ids and LIU in ids and CHONGQING in ids  # we, whom we met, where
    assert 'id="zoom-in"' in r.text and 'id="zoom-fit"' in r.text and 'href="/view?all=1"' in r.text
    assert "범례" in r.text and "Legend" in r.text
    home = next(node for node in data["nodes"] if node["id"] == GOYANG)
    assert home["label"] == "고양시" and home["borderWidth"] == 4
    assert all(node["fullLabel"] for node in data["nodes"])
    # the whole graph (the small one has a few more entities than our story) is one click away
    whole = graph_payload(client.get("/view?all=1").text)
    assert len(whole["nodes"]) > len(data["nodes"])


def test_view_draws_nodes_with_legend_and_count(client):
    r = client.get("/view?all=1")
    assert r.status_code == 200
    data = graph_payload(r.text)
    n = int(re.search(r'data-nodes="(\d+)"', r.text).group(1))
    assert n == len(data["nodes"]) > 0 and f'<span id="node-count">{n}</span>' in r.text
    assert "범례" in r.text and "Legend" in r.text and "GovernmentBody" in r.text
    assert data["entityBase"] == "/entity?iri="
    types = {node["group"] for node in data["nodes"]}
    groups = data["options"]["groups"]  # coloured and shaped by type, through vis.js groups
    colours = {groups[t]["color"] for t in types}
    assert len(colours) == len(types) >= 2 and all(node.get("x") is not None for node in data["nodes"])
    assert data["options"]["physics"]["enabled"] is False  # placed by the server, drawn as they are
    met = [e for e in data["edges"] if e["label"].startswith("met")]
    assert met and any("2019-12-23" in e["label"] for e in met)  # edges labelled with type and date
    assert '<script src="/static/vis-network.min.js"></script>' in r.text


def test_view_has_no_remote_resources(client, store, settings):
    from cityties.api.view import render_view
    served = client.get("/view").text
    standalone = render_view(store, settings)
    for html in (served, standalone):
        assert not REMOTE.search(html), REMOTE.search(html)
        assert "cdn" not in " ".join(re.findall(r"""(?:src|href)=["'][^"']*""", html)).lower()
    assert "<script src=" not in standalone  # the file works with no server at all
    assert "vis.Network" in standalone and 'action="/view"' not in standalone


def test_static_assets_are_served(client):
    for name in ("vis-network.min.js", "vis-network.css", "view.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200


def test_view_tooltips_are_escaped(client):
    data = graph_payload(client.get("/view", params={"focus": EVIL_A}).text)
    titles = " ".join(n["title"] for n in data["nodes"]) + " ".join(e["title"] for e in data["edges"])
    assert "&lt;script&gt;" in titles and "&quot;onmouseover=&quot;" in titles
    assert "<script" not in titles and "<img" not in titles and '"onmouseover' not in titles
    labels = {n["label"] for n in data["nodes"]}
    assert any(label.startswith("<script>") for label in labels)  # canvas text: shown as written


def test_view_data_island_is_compact_and_cannot_close_its_element(client):
    html = client.get("/view", params={"focus": EVIL_A}).text
    raw = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw  # a hostile name cannot end the element
    data = json.loads(raw)
    assert any(n["label"].startswith("<script>") for n in data["nodes"])  # ... and still reads as written
    assert "충칭" in client.get("/view?all=1").text.split('id="graph-data">')[1]  # UTF-8, not \\uXXXX
    ends = [(e["from"], e["to"]) for e in data["edges"]]  # by position in the node list
    assert ends and all(isinstance(i, int) and 0 <= i < len(data["nodes"]) for pair in ends for i in pair)


def test_view_filters_by_fact_type_entity_type_and_date(client):
    full = graph_payload(client.get("/view").text)
    met = graph_payload(client.get("/view", params={"fact": "met"}).text)
    assert {e["label"].split()[0] for e in met["edges"]} == {"met"}
    assert 0 < len(met["nodes"]) < len(full["nodes"])
    people = graph_payload(client.get("/view", params={"type": "Person"}).text)
    assert {n["group"] for n in people["nodes"]} == {"Person"}
    old = graph_payload(client.get("/view", params={"date_from": "2019", "date_to": "2019-12"}).text)
    assert old["edges"] and all("2019-12" in e["label"] for e in old["edges"])
    later = graph_payload(client.get("/view", params={"date_from": "2020"}).text)
    assert all("2020" in e["label"] for e in later["edges"])


def test_view_focus_with_depth(client):
    one = graph_payload(client.get("/view", params={"focus": "리우", "depth": 1}).text)
    two = graph_payload(client.get("/view", params={"focus": "리우", "depth": 2}).text)
    assert LIU in {n["id"] for n in one["nodes"]}
    assert len(one["nodes"]) < len(two["nodes"])
    r = client.get("/view", params={"focus": "없는개체"})
    assert r.status_code == 200 and "No entity matches" in r.text


def test_view_too_large_gets_a_message_and_a_focused_view(store, tmp_path):
    from cityties.api.view import render_view, view_data
    small = Settings(store=str(tmp_path), view_max_nodes=4)
    data = view_data(store, small)
    assert data.total > 4 and 0 < len(data.nodes) <= 4 and data.focus
    assert "too large" in data.message.lower() or "more than" in data.message
    html = render_view(store, small)
    assert 'id="view-message"' in html and f'data-nodes="{len(data.nodes)}"' in html


def test_bad_view_parameters_are_ignored_or_refused(client):
    assert client.get("/view", params={"type": "<b>", "fact": "nope"}).status_code == 200
    assert client.get("/view", params={"depth": 99}).status_code == 422


def test_empty_store_tells_a_new_user_what_to_do(settings):
    empty = open_store(None)
    with TestClient(make_app(empty, settings)) as c:
        home = c.get("/")
        assert home.status_code == 200 and "cityties ingest" in home.text
        view = c.get("/view")
        assert view.status_code == 200 and 'data-nodes="0"' in view.text and "Nothing to draw" in view.text
        assert c.get("/search", params={"q": "충칭"}).status_code == 200
    empty.close()
