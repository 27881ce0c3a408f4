"""Curation in a real browser: sign in, merge two entities, reject a fact, undo, each previewed first.

Debian's chromium through Playwright, the real app under uvicorn over the ingested corpus,
requests outside loopback blocked (see test_pages.py). Screenshots go to
``test-output/screenshots/curate-*.png``.
"""
from __future__ import annotations

import importlib.util
import re
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

_spec = importlib.util.spec_from_file_location("browser_pages", Path(__file__).with_name("test_pages.py"))
pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pages)  # its helpers: the corpus store, a free port, the request watch

TOKEN = "browser-token-5678"
SURVIVOR = "https://w3id.org/cityties/id/korean_provisional_government"
MERGED = "https://w3id.org/cityties/id/governmentbody/chongqing/임시정부"
HQ = "https://w3id.org/cityties/id/organization/광복군사령부"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Serve the app over the ingested corpus, writes on (a token), on a free loopback port."""
    import uvicorn

    from cityties.api.app import create_app
    from cityties.settings import Settings
    tmp = tmp_path_factory.mktemp("curate")
    store, what = pages._corpus_store(tmp)
    if what != "corpus":
        pytest.skip("the corpus did not ingest; the curation flows need its entities")
    app = create_app(store, Settings(store=str(tmp / "store"), token=TOKEN))
    port = pages._free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", store
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    with pages.playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=pages.CHROMIUM, args=pages.ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A signed-in page: the token and a name entered on the sign-in form."""
    base, _ = server
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ko-KR")
    pg = context.new_page()
    pg.watch = pages.Watch(pg)
    pg.goto(base + "/curate/login?next=/history")
    pg.fill("input[name=token]", TOKEN)
    pg.fill("input[name=who]", "박 주무관")
    pg.click("form.login-form button")
    pg.wait_for_url(re.compile(r"/history$"))
    yield pg
    context.close()


def shot(page, name: str) -> None:
    pages.SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(pages.SHOTS / f"curate-{name}.png"), full_page=True)


def test_merge_two_entities(server, page):
    base, _ = server
    page.goto(base + "/entity?iri=" + quote(MERGED, safe=""))
    assert page.locator("h1").inner_text() == "충청임시정부"
    form = page.locator("form.curate-form", has=page.locator("input[name=op][value=merge]"))
    form.locator("input[name=value]").fill("대한민국임시정부")
    form.locator("input[name=why]").fill("the same body, in the report's spelling")
    form.locator("button").click()
    page.wait_for_url(re.compile(r"/curate/preview$"))
    assert "merge 충청임시정부 into 대한민국임시정부" in page.locator(".curate-label").inner_text()
    assert page.locator("table.diff tr.added", has_text="owl:sameAs").count() == 1
    shot(page, "merge-preview")
    page.locator("form.confirm-form button").click()
    page.wait_for_url(re.compile(r"/entity\?iri=.*korean_provisional_government.*curated=\d+"))
    assert page.locator("h1").inner_text() == "대한민국임시정부"
    assert "충청임시정부" in page.locator("table.kv").inner_text()  # its name, kept as an alias
    shot(page, "merge-applied")
    page.goto(base + "/entity?iri=" + quote(MERGED, safe=""))  # an old link still works
    assert page.locator("h1").inner_text() == "대한민국임시정부"
    page.watch.check()


def test_reject_a_fact(server, page):
    base, _ = server
    page.goto(base + "/entity?iri=" + quote(HQ, safe=""))
    page.locator("#facts a.fact-link").first.click()
    page.wait_for_url(re.compile(r"/fact\?iri="))
    fact_url = page.url
    form = page.locator("form.curate-form", has=page.locator("input[name=op][value=reject]"))
    form.locator("input[name=why]").fill("a memorial visited on a walk, not an institution visit")
    form.locator("button").click()
    page.wait_for_url(re.compile(r"/curate/preview$"))
    assert page.locator("table.diff tr.added", has_text="ct:DeprecatedFact").count() == 1
    assert page.locator("table.diff tr.removed", has_text="ct:visited").count() == 1  # the truthy triple goes
    page.locator("form.confirm-form button").click()
    page.wait_for_url(re.compile(r"/fact\?iri=.*curated=\d+"))
    assert page.locator("h1.fact-head.rejected").count() == 1
    assert page.locator("h1").evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    shot(page, "reject-applied")
    page.goto(base + "/entity?iri=" + quote(HQ, safe=""))
    assert page.locator("#facts a.fact-link").count() == 0  # gone from the answers
    page.goto(fact_url)
    page.locator("blockquote.quote a").first.click()  # its document lists it struck through
    page.wait_for_url(re.compile(r"/document\?"))
    assert page.locator(".doc-facts li.rejected s").count() >= 1
    page.watch.check()


def test_undo_from_the_history(server, page):
    base, store = server
    from cityties.graph import curator, ranked
    from cityties.graph.proposal import Proposal
    [fact] = [f for f in ranked.facts_of(store, HQ) if f.row.type == "visited"]
    if not fact.rejected:  # run on its own: reject it first, as the previous test does
        curator.record(store, Proposal("reject", fact.row.fact, who="setup"))
    page.goto(base + "/history")
    row = page.locator("tr.curation.state-applied", has_text="reject the fact visited").first
    seq = row.locator("td").first.inner_text()
    row.locator("form.undo-form button").click()
    page.wait_for_url(re.compile(r"/history/\d+/undo$"))
    assert f"#{seq}" in page.locator(".curate-label").inner_text()
    assert page.locator("table.diff tr.added", has_text="ct:visited").count() == 1  # the fact comes back
    shot(page, "undo-preview")
    page.fill("form.confirm-form input[name=why]", "it was a visit after all")
    page.locator("form.confirm-form button").click()
    page.wait_for_url(re.compile(r"/history\?undone=\d+"))
    undone = page.locator(f"tr#c{seq}")
    assert "undone" in undone.get_attribute("class") and "박 주무관" in undone.inner_text()
    assert "it was a visit after all" in undone.inner_text()
    shot(page, "history")
    page.goto(base + "/fact?iri=" + quote(fact.row.fact, safe=""))
    assert page.locator("h1.fact-head.rejected").count() == 0
    page.watch.check()
