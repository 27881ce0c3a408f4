"""Pages answer like pages: error pages in Korean and English, length limits, long questions by POST,
Swagger UI and the favicon from our own files, in a real browser with every outside request blocked."""
from __future__ import annotations

import re

SETTING_NAMES = re.compile(r"ask_max_chars|max_depth|view_max_nodes|path_max_hops|sparql_\w+|page_size|"
                           r"max_upload_bytes|CITYTIES_")


def _is_error_page(page, status: int, response, *words: str) -> str:
    assert response.status == status, (response.status, page.url)
    assert response.headers["content-type"].startswith("text/html")
    html = page.content()
    assert page.locator("header.top a.brand").count() == 1  # the site's own layout, not a bare message
    for word in words:
        assert word in html, (word, page.url)
    assert not SETTING_NAMES.search(page.locator("main").inner_text()), page.locator("main").inner_text()
    assert '{"error"' not in html
    return html


def test_unknown_pages_and_bad_input_get_error_pages(server, page):
    base, _ = server
    r = page.goto(base + "/no/such/page")
    _is_error_page(page, 404, r, "페이지를 찾을 수 없습니다", "Page not found")
    r = page.goto(base + "/entity")
    _is_error_page(page, 422, r, "값이 필요합니다", "a value is required")
    r = page.goto(base + "/view?depth=abc")
    _is_error_page(page, 422, r, "숫자를 입력해 주세요", "please enter a number")
    page.watch.check()


def test_the_search_box_keeps_to_its_limit_and_a_longer_search_gets_a_page(server, page):
    base, _ = server
    page.goto(base + "/")
    box = page.locator(".hero .big-search input[name=q]")
    assert box.get_attribute("maxlength") == "200"
    box.fill("충" * 300)
    assert len(box.input_value()) == 200  # the browser stops at the limit
    r = page.goto(base + "/search?q=" + "x" * 300)  # a link or a hand-edited address goes past it
    _is_error_page(page, 422, r, "200자 이하", "at most 200 characters (you entered 300)")
    for selector in ("header .mini-search input[name=q]", ".big-search input[name=q]"):
        assert page.locator(selector).first.get_attribute("maxlength")
    page.watch.check()


def test_a_ten_thousand_character_question_gets_a_proper_page(server, page):
    base, _ = server
    page.goto(base + "/ask")
    box = page.locator(".ask-box input[name=q]")
    assert box.get_attribute("maxlength") == "500"
    assert page.locator(".ask-box").get_attribute("method") == "post"
    box.evaluate("el => el.removeAttribute('maxlength')")  # pasted past the limit, as a script could
    box.fill(("충칭에서 누구를 만났나 " * 800)[:10_000])
    with page.expect_navigation() as nav:
        box.press("Enter")
    html = _is_error_page(page, 422, nav.value, "질문이 너무 깁니다", "10,000 characters")
    assert "Invalid HTTP request" not in html
    page.fill(".ask-box input[name=q]", "충칭에서 누구를 만났나")  # a short one is answered, at its own address
    with page.expect_navigation():
        page.press(".ask-box input[name=q]", "Enter")
    assert re.search(r"/ask\?q=", page.url)
    page.watch.check()


def test_api_docs_load_offline_with_our_favicon(server, page):
    base, _ = server
    r = page.goto(base + "/docs")
    assert r.status == 200
    page.locator(".swagger-ui .info .title", has_text="cityties").wait_for(timeout=20000)
    assert page.locator(".opblock").count() > 10
    icon = page.locator("link[rel*=icon]").get_attribute("href")
    assert icon.startswith("/static/")
    assert page.request.get(base + icon).status == 200
    page.goto(base + "/")
    assert page.locator("link[rel=icon]").get_attribute("href") == "/static/favicon.svg"
    fav = page.request.get(base + "/favicon.ico")
    assert fav.status == 200 and fav.headers["content-type"].startswith("image/svg+xml")
    page.watch.check()  # nothing was fetched from outside loopback
