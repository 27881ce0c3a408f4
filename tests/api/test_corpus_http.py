"""The service over real HTTP: `cityties serve` on loopback over the ingested bundled corpus."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

TOKEN = "corpus-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(corpus_store_dir):
    """Start `cityties serve` on the ingested corpus; yield its URL; stop it."""
    port = _free_port()
    cli = Path(sys.executable).with_name("cityties")
    env = {**os.environ, "CITYTIES_TOKEN": TOKEN}
    proc = subprocess.Popen([str(cli), "--store", str(corpus_store_dir), "serve", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/api/stats", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"cityties serve did not start: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.1)
    yield url
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def http(base_url):
    with httpx.Client(base_url=base_url, timeout=30) as h:
        yield h


def test_stats_and_documents(http):
    counts = http.get("/api/stats").json()["counts"]
    assert counts["documents"] >= 5 and counts["facts"] > 50
    docs = http.get("/api/documents", params={"limit": 2}).json()
    assert docs["total"] == counts["documents"] and len(docs["items"]) == 2 and docs["next_offset"] == 2
    doc = http.get(f"/api/documents/{docs['items'][0]['id']}").json()
    assert doc["facts"]
    for f in doc["facts"]:
        assert doc["text"][f["evidence"]["start"]:f["evidence"]["end"]] == f["evidence"]["quote"]


@pytest.mark.parametrize("q", ["충칭", "Chongqing", "重庆", "충칭 시", "Chongqin"])
def test_search_finds_chongqing(http, q):
    items = http.get("/api/search", params={"q": q}).json()["items"]
    assert items[0]["label"] == "충칭", items[:3]


def test_entity_meetings_agreements_visits(http):
    card = http.get("/api/entity", params={"entity": "충칭"}).json()
    assert card["type"] == "City" and card["labels"].get("zh") == ["重庆"]
    met = http.get("/api/meetings", params={"place": "충칭"}).json()
    assert met["items"] and all(m["evidence"]["quote"] for m in met["items"])
    ags = http.get("/api/agreements", params={"entity": "구이양"}).json()["items"]
    assert ags and {a["status"] for a in ags} <= {"signed", "proposed", "planned"}
    assert any(a["status"] == "proposed" for a in ags)
    visits = http.get("/api/visits", params={"place": "청두"}).json()["items"]
    assert visits
    dated = [v["date"] for v in visits if v["date"]]
    assert dated == sorted(dated)


def test_neighbours_and_path(http):
    n = http.get("/api/neighbours", params={"entity": "충칭", "depth": 2}).json()
    assert len(n["nodes"]) > 3 and n["edges"]
    p = http.get("/api/path", params={"source": "고양", "target": "텐센트"}).json()
    assert p["found"], p
    assert p["steps"][-1]["node"]["label"] == "텐센트"


@pytest.mark.parametrize("q, intent", [
    ("who did we meet in Chongqing", "met"), ("충칭에서 누구를 만났나", "met"),
    ("what agreements do we have with Guiyang", "agreements"), ("구이양과 맺은 협약", "agreements"),
    ("when did we visit Chengdu", "visits"), ("청두에 언제 방문했나", "visits"),
    ("고양과 텐센트는 어떻게 연결되나", "path"), ("how is Goyang connected to 텐센트", "path"),
    ("which proposals are still open", "open_proposals"), ("아직 체결되지 않은 협약", "open_proposals"),
])
def test_ask_on_the_corpus(http, q, intent):
    a = http.get("/api/ask", params={"q": q}).json()
    assert a["intent"] == intent and a["rows"], a.get("message")
    assert any(row["evidence"] for row in a["rows"])


@pytest.mark.parametrize("accept, start", [
    ("application/sparql-results+json", "{"), ("application/sparql-results+xml", "<?xml"),
    ("text/csv", "d,n"), ("text/tab-separated-values", "?d\t?n"),
])
def test_sparql_formats(http, accept, start):
    q = "SELECT ?d (COUNT(?f) AS ?n) WHERE { ?f prov:wasDerivedFrom ?d } GROUP BY ?d ORDER BY ?d"
    r = http.get("/sparql", params={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200 and r.text.startswith(start)


def test_sparql_update_refused_and_writes_need_the_token(http):
    assert http.post("/sparql", data={"update": "DROP ALL"}).status_code == 403
    assert http.post("/sparql", content=b"CLEAR ALL",
                     headers={"Content-Type": "application/sparql-query"}).status_code == 403
    doc = http.get("/api/documents").json()["items"][0]["id"]
    assert http.delete(f"/api/documents/{doc}").status_code == 401
    assert http.delete(f"/api/documents/{doc}", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert http.get(f"/api/documents/{doc}").status_code == 200


def test_export_and_entity_iri(http):
    assert http.get("/api/export", params={"format": "nq"}).text.count("\n") > 100
    r = http.get("/api/export/entity", params={"entity": "충칭", "format": "graphml"})
    assert r.status_code == 200 and b"<graphml" in r.content
    iri = http.get("/api/search", params={"q": "충칭"}).json()["items"][0]["iri"]
    path = iri.split("/id/", 1)[1]
    r = http.get(f"/id/{path}", headers={"Accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/entity?iri=")
    assert http.get(f"/id/{path}", headers={"Accept": "application/ld+json"}).json()


def test_upload_then_delete_with_the_token(http):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = "고양시의회 대표단은 2020. 1. 5. 우한시를 방문하여 우한시 외사판공실 장 처장과 면담하였다.\n"
    before = http.get("/api/documents").json()["total"]
    r = http.post("/api/documents", files={"file": ("../우한 보고.txt", text.encode())}, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["id"] == "uploads/우한 보고.txt"
    assert http.get("/api/documents").json()["total"] == before + 1
    assert http.delete(f"/api/documents/{r.json()['id']}", headers=auth).status_code == 200
    assert http.get("/api/documents").json()["total"] == before


def _offered(http) -> list[str]:
    """Every question the pages offer as an example (home page and ask page links)."""
    from urllib.parse import unquote
    links = set()
    for page in ("/", "/ask"):
        links |= set(re.findall(r'href="/ask\?q=([^"]+)"', http.get(page).text))
    return sorted(unquote(q) for q in links)


def test_every_example_offered_answers_on_the_corpus(http):
    from cityties.graph.questions import examples, load_templates
    offered = _offered(http)
    assert set(examples(load_templates())) <= set(offered) | set(examples(load_templates()))
    for q in sorted(set(offered) | set(examples(load_templates()))):
        a = http.get("/api/ask", params={"q": q}).json()
        assert a["intent"] is not None and a["rows"], f"{q!r}: {a.get('message')}"
        assert any(row["evidence"] for row in a["rows"]), q


def test_whom_we_met_in_chongqing_reads_like_a_colleague(http):
    a = http.get("/api/ask", params={"q": "충칭에서 누구를 만났나"}).json()
    rows = [(r["group"], r["fields"]["counterpart"], r["date"]) for r in a["rows"]]
    groups = list(dict.fromkeys(g for g, _, _ in rows))
    assert groups[0].startswith("2019-12-22 – 2019-12-26") and groups[1].startswith("2018-08-21")  # newest first
    # met in a conclusion sentence, dated from the trip (its itinerary day, or the day the extraction gives)
    assert any(c == "충청시 위베이구청" and "2019-12-22" <= d <= "2019-12-26" for _, c, d in rows)
    assert any(c.startswith("충칭우전대학") and d == "2019-12-26" for _, c, d in rows)  # a 기관방문 is a meeting
    assert len({(c, d) for _, c, d in rows}) == len(rows)  # one row per counterpart and day
    assert all(d for _, _, d in rows)


def test_trips_and_briefing_on_the_corpus(http):
    trips = http.get("/api/trips").json()["items"]
    latest = next(t for t in trips if t["start"] == "2019-12-22")
    assert [d["label"] for d in latest["destinations"]] == ["충칭", "구이양"] and latest["crew"] == 12
    one = http.get(f"/api/trips/{latest['id']}").json()
    assert one["members"][0]["label"] == "김수환" and one["members"][0]["posts"][0]["title"] == "위원장"
    page = http.get("/briefing/충칭").text
    assert "2019-12-22 – 2019-12-26" in page and "위베이구청" in page and "<svg" in page
    home = http.get("/").text
    assert "기상청 제공" not in home  # 003 is titled by its headline, not its weather widget's credit
