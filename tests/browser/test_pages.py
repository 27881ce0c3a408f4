"""The pages in a real browser: Debian's chromium driven by Playwright, the real app under uvicorn.

Every request that does not go to 127.0.0.1 is aborted and recorded (``conftest.py``), so a
page that needs a CDN fails here. Screenshots land in ``test-output/screenshots/`` for a
person to look at.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"

sys.path.insert(0, str(ROOT / "tests" / "api"))
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_pages import ATTR, EVIL_A, EVIL_B, SCRIPT, load  # noqa: E402 - tests/api/test_pages.py

def wait_for_network(page, timeout: float = 30000) -> int:
    """Wait until vis.js has laid the network out; return how many nodes it drew."""
    page.wait_for_function("window.network && document.body.hasAttribute('data-stabilized-ms')", timeout=timeout)
    return page.evaluate("network.body.data.nodes.length")


def test_search_entity_and_network_flow(server, page):
    base, what = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(base + "/")
    assert page.locator(".glance .stat").count() >= 3
    page.screenshot(path=str(SHOTS / "home.png"), full_page=True)

    page.fill(".hero .big-search input[name=q]", "충칭")
    page.press(".hero .big-search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    page.screenshot(path=str(SHOTS / "search.png"))
    result = page.locator("ul.results li a", has_text="충칭").first
    assert result.count() == 1, f"no 충칭 in the search results ({what} graph)"
    result.click()
    page.wait_for_url(re.compile(r"/entity\?iri="))
    assert "충칭" in page.locator("h1").inner_text()
    quotes = page.locator("#meetings blockquote.quote, #facts blockquote.quote")
    assert quotes.count() > 0, "no meetings or facts with quotes on the 충칭 page"
    if what == "small":
        assert page.locator("#meetings tr.meeting").count() >= 1
    assert wait_for_network(page) > 1  # the neighbourhood drawing
    page.screenshot(path=str(SHOTS / "entity.png"), full_page=True)

    quotes.first.locator("a").click()  # the quote opens its document, highlighted
    page.wait_for_url(re.compile(r"/document\?.*#q-"))
    assert page.locator("mark.target").count() >= 1
    page.screenshot(path=str(SHOTS / "document.png"))
    page.go_back()

    page.locator("a", has_text="Open in the network view").click()
    page.wait_for_url(re.compile(r"/view\?focus="))
    drawn = wait_for_network(page)
    assert drawn > 0
    assert int(page.get_attribute("body", "data-nodes")) == drawn
    assert int(page.locator("#node-count").inner_text()) == drawn
    page.screenshot(path=str(SHOTS / "network-focus.png"))

    page.goto(base + "/view")  # the opening story: the home side and its partners
    drawn = wait_for_network(page, timeout=60000)
    assert drawn > 0
    # edges arrive by node position and are drawn between the entities' IRIs
    assert page.evaluate("network.body.data.edges.get().every(e => network.body.data.nodes.get(e.from) "
                         "&& network.body.data.nodes.get(e.to) && typeof e.from === 'string')")
    labelled = page.evaluate("network.body.data.nodes.get().filter(n => n.label).length")
    assert 0 < labelled <= drawn
    before = page.evaluate("network.getScale()")
    page.click("#zoom-in")
    page.wait_for_function(f"network.getScale() > {before} * 1.1")
    page.click("#labels-all")
    assert page.evaluate("network.body.data.nodes.get().every(n => n.label)")
    page.screenshot(path=str(SHOTS / "network.png"))
    if what == "corpus":
        page.click("#whole-graph")
        page.wait_for_url(re.compile(r"/view\?all=1"))
        assert wait_for_network(page, timeout=60000) > drawn  # the rest, one click away
    page.watch.check()
    for name in ("home.png", "entity.png", "network.png"):
        assert (SHOTS / name).stat().st_size > 10_000


def test_trip_and_briefing_pages(server, page):
    base, what = server
    if what != "corpus":
        pytest.skip("the small graph has no trips")
    page.goto(base + "/trips")
    page.locator("tr.trip-row a").first.click()
    page.wait_for_url(re.compile(r"/trips/[0-9a-f]+$"))
    assert page.locator("#members tr").count() > 0 and page.locator("#destinations li").count() > 0
    page.screenshot(path=str(SHOTS / "trip.png"), full_page=True)
    page.locator("#destinations a", has_text="브리핑").first.click()
    page.wait_for_url(re.compile(r"/briefing/"))
    assert page.locator(".briefing svg").count() == 2 and page.locator("#notes li").count() > 0
    page.locator("#met sup a").first.click()  # a footnote mark jumps to its source
    assert page.evaluate("location.hash").startswith("#note-")
    page.emulate_media(media="print")
    assert page.locator("header.top").is_hidden()
    page.screenshot(path=str(SHOTS / "briefing.png"), full_page=True)
    page.watch.check()


def test_question_box_answers_with_evidence(server, page):
    base, _ = server
    page.goto(base + "/")
    page.fill("#ask-q", "충칭에서 누구를 만났나")
    page.press("#ask-q", "Enter")
    page.wait_for_url(re.compile(r"/ask\?q="))
    assert page.locator(".understood").count() == 1
    assert page.locator("ol.answer-rows li").count() > 0
    assert page.locator("ol.answer-rows blockquote.quote").count() > 0
    page.screenshot(path=str(SHOTS / "ask.png"), full_page=True)
    page.watch.check()


def test_clicking_a_node_opens_its_entity_page(server, page):
    base, _ = server
    page.goto(base + "/view?focus=" + quote(EVIL_A, safe="") + "&depth=1")
    wait_for_network(page)
    x, y = page.evaluate(f"""(() => {{ const p = network.getPositions([{EVIL_B!r}])[{EVIL_B!r}];
        const d = network.canvasToDOM(p); const r = document.getElementById('network').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }})()""")
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/entity\?iri="))
    assert ATTR in page.locator("h1").inner_text()
    page.watch.check()


def test_hostile_names_show_as_text(server, page):
    base, _ = server
    page.goto(base + "/entity?iri=" + quote(EVIL_A, safe=""))
    assert page.locator("h1").inner_text() == SCRIPT
    assert page.locator("script", has_text="alert").count() == 0
    page.locator("blockquote.quote a").first.hover()
    page.locator("blockquote.quote a").first.click()
    page.wait_for_url(re.compile(r"/document\?"))
    assert SCRIPT in page.locator("pre.text").inner_text() and ATTR in page.locator("pre.text").inner_text()
    assert page.locator("pre.text img").count() == 0
    page.mouse.move(200, 300)

    page.goto(base + "/view?focus=" + quote(EVIL_A, safe="") + "&depth=1")
    wait_for_network(page)
    # hover each node in turn: vis.js shows its tooltip, which must be text, not markup
    for iri, expected in ((EVIL_A, SCRIPT), (EVIL_B, ATTR)):
        x, y = page.evaluate(f"""(() => {{ const p = network.getPositions([{iri!r}])[{iri!r}];
            const d = network.canvasToDOM(p); const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y]; }})()""")
        page.mouse.move(x, y)
        tip = page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        assert expected in tip.inner_text()
        assert tip.locator("script, img").count() == 0
        page.mouse.move(5, 5)
        page.wait_for_timeout(300)
    assert page.evaluate("window.__xss === undefined")
    page.watch.check()


def test_standalone_view_file_works_offline(server, page, tmp_path):
    from cityties.api.view import render_view
    from cityties.graph.store import open_store
    from cityties.settings import Settings
    from graphs import small_extraction
    store = open_store(None)
    load(store, small_extraction())
    out = tmp_path / "view.html"
    out.write_text(render_view(store, Settings(store=str(tmp_path))), encoding="utf-8")
    page.goto(out.as_uri())
    assert wait_for_network(page) > 0
    page.watch.check()



def test_too_large_graph_gets_a_message_and_a_focused_view(page, tmp_path):
    from cityties.api.view import render_view
    from cityties.graph.store import open_store
    from cityties.settings import Settings
    from graphs import small_extraction
    store = open_store(None)
    load(store, small_extraction())
    out = tmp_path / "big.html"
    out.write_text(render_view(store, Settings(store=str(tmp_path), view_max_nodes=4)), encoding="utf-8")
    page.goto(out.as_uri())
    assert 0 < wait_for_network(page) <= 4
    message = page.locator("#view-message").inner_text()
    assert "너무 큽니다" in message and "more than the 4" in message
    page.watch.check()
