"""Curation in a real browser: sign in, merge two entities, reject a fact, undo, each previewed first.

Debian's chromium through Playwright, the real app under uvicorn over the ingested corpus,
requests outside loopback blocked (see conftest.py). Screenshots go to
``test-output/screenshots/curate-*.png``.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"

TOKEN = "browser-token-5678"
SURVIVOR = "https://w3id.org/cityties/id/korean_provisional_government"
MERGED = "https://w3id.org/cityties/id/governmentbody/chongqing/임시정부"
HQ = "https://w3id.org/cityties/id/organization/광복군사령부"


@pytest.fixture(scope="module")
def service(corpus_service, tmp_path_factory):
    """The app over a fresh store of the ingested corpus, writes on (a token), on loopback."""
    from cityties.settings import Settings
    tmp = tmp_path_factory.mktemp("curate")
    with corpus_service(Settings(store=str(tmp / "store"), token=TOKEN)) as (url, store):
        yield url, store


@pytest.fixture
def curator(page, service):
    """A signed-in page: the token and a name entered on the sign-in form."""
    base, _ = service
    page.goto(base + "/curate/login?next=/history")
    page.fill("input[name=token]", TOKEN)
    page.fill("input[name=who]", "박 주무관")
    page.click("form.login-form button")
    page.wait_for_url(re.compile(r"/history$"))
    return page


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"curate-{name}.png"), full_page=True)


def test_merge_two_entities(service, curator):
    base, _ = service
    page = curator
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


def test_reject_a_fact(service, curator):
    base, _ = service
    page = curator
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


def test_undo_from_the_history(service, curator):
    base, store = service
    page = curator
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
