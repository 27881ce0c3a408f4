"""Curation pages through the app: sign-in with the token, CSRF, preview before apply, history, undo, escaping."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import unquote

from cityties.graph import curator, ranked

from apigraph import TOKEN, build_store, make_client

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from graphs import CHONGQING  # noqa: E402
from test_pages import EVIL_A, IMG, SCRIPT, hostile_extraction, load  # noqa: E402

ENTITY = "/entity?iri=" + CHONGQING


def _signed_in(store=None, who: str = "박 주무관"):
    store = store or build_store()
    client = make_client(store)
    r = client.post("/curate/login", data={"token": TOKEN, "who": who, "next": ENTITY}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == ENTITY
    return client, store


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_sign_in_needs_the_token_and_sets_a_strict_http_only_cookie():
    client = make_client(build_store())
    assert "Sign in to curate" in client.get(ENTITY).text and 'action="/curate/preview"' not in client.get(ENTITY).text
    r = client.post("/curate/login", data={"token": "wrong", "who": "x"}, follow_redirects=False)
    assert r.status_code == 401 and "set-cookie" not in r.headers
    r = client.post("/curate/login", data={"token": TOKEN, "who": "kim", "next": "//evil.example/"},
                    follow_redirects=False)
    cookie = r.headers["set-cookie"].lower()
    assert r.headers["location"] == "/" and "httponly" in cookie and "samesite=strict" in cookie
    assert 'action="/curate/preview"' in client.get(ENTITY).text
    off = make_client(build_store(), token="")
    assert "Sign in to curate" not in off.get(ENTITY).text
    assert off.post("/curate/login", data={"token": "", "who": "x"}).status_code == 401


def test_a_form_without_this_sessions_csrf_token_or_a_forged_cookie_is_refused():
    client, store = _signed_in()
    form = {"op": "add_alias", "target": CHONGQING, "value": "Chungking", "next": ENTITY}
    assert client.post("/curate/apply", data={**form, "csrf": "0" * 32}).status_code == 403
    other, _ = _signed_in(store, who="lee")
    assert client.post("/curate/apply", data={**form, "csrf": _csrf(other.get(ENTITY).text)}).status_code == 403
    body, mac = client.cookies["cityties_curator"].rsplit(".", 1)
    client.cookies.set("cityties_curator", body[:-2] + "xx." + mac)
    assert client.post("/curate/apply", data={**form, "csrf": _csrf(other.get(ENTITY).text)}).status_code == 401
    assert curator.history(store) == []


def test_preview_then_apply_then_undo_from_the_history():
    client, store = _signed_in()
    csrf = _csrf(client.get(ENTITY).text)
    form = {"op": "remove_alias", "target": CHONGQING, "value": "충칭시", "why": "a typo", "next": ENTITY, "csrf": csrf}
    page = client.post("/curate/preview", data=form).text
    assert "remove the name “충칭시” from 충칭" in page and "skos:altLabel" in page and 'action="/curate/apply"' in page
    assert curator.history(store) == []  # a preview writes nothing
    r = client.post("/curate/apply", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == ENTITY + "&curated=1"
    assert "충칭시" not in client.get("/api/entity", params={"entity": CHONGQING}).json()["aliases"]
    history = client.get("/history").text
    assert "박 주무관" in history and "a typo" in history and "applied" in history
    preview = client.post("/history/1/undo", data={"csrf": csrf, "why": "it was right"}).text
    assert "충칭시@ko" in preview and curator.history(store)[0].state == "applied"
    r = client.post("/history/1/undo", data={"csrf": csrf, "why": "it was right", "confirm": "1"},
                    follow_redirects=False)
    assert r.status_code == 303 and curator.history(store)[0].state == "undone"
    assert "충칭시" in client.get("/api/entity", params={"entity": CHONGQING}).json()["aliases"]


def test_a_bad_request_is_shown_not_applied():
    client, store = _signed_in()
    csrf = _csrf(client.get(ENTITY).text)
    r = client.post("/curate/preview", data={"op": "merge", "target": CHONGQING, "value": "아무데도없는곳",
                                             "csrf": csrf, "next": ENTITY})
    assert r.status_code == 400 and "no entity has this IRI or name" in r.text


def test_names_from_documents_are_escaped_in_previews_history_and_the_fact_page():
    store = build_store()
    load(store, hostile_extraction())
    client, _ = _signed_in(store)
    csrf = _csrf(client.get(ENTITY).text)
    [fact] = ranked.facts_of(store, EVIL_A)
    form = {"op": "reject", "target": fact.row.fact, "why": IMG, "csrf": csrf, "next": "/"}
    for page in (client.post("/curate/preview", data=form).text,
                 client.get("/fact", params={"iri": fact.row.fact}).text):
        assert SCRIPT not in page and "&lt;script&gt;" in page
    client.post("/curate/apply", data=form)
    history = client.get("/history").text
    assert SCRIPT not in history and IMG not in history and "&lt;script&gt;" in history


def test_a_rejected_fact_is_struck_through_on_its_page_and_on_its_document():
    client, store = _signed_in()
    html = client.get("/document", params={"id": "small.txt"}).text
    iri = unquote(re.search(r'href="/fact\?iri=([^"]+)"', html).group(1))
    fact_page = client.get("/fact", params={"iri": iri}).text
    assert 'value="reject"' in fact_page and "<s>" not in html
    client.post("/curate/apply", data={"op": "reject", "target": iri, "csrf": _csrf(fact_page), "next": "/"})
    page = client.get("/fact", params={"iri": iri}).text
    assert 'class="fact-head rejected"' in page and "Rejected" in page and 'value="reject"' not in page
    assert "<s>" in client.get("/document", params={"id": "small.txt"}).text


def test_sign_out_forgets_the_curator():
    client, _ = _signed_in()
    assert 'action="/curate/logout"' in client.get(ENTITY).text
    r = client.post("/curate/logout", follow_redirects=False)
    assert r.status_code == 303 and 'cityties_curator=""' in r.headers["set-cookie"]
    assert "Sign in to curate" in client.get(ENTITY).text  # the client dropped the expired cookie
