"""Curation over HTTP: the JSON endpoints behind the token, and every read path seeing the curated graph.

The small graph: the committee met 리우 (rejected here) and 위베이구청 (merged into 위베이구 here).
Each read path (JSON API, /ask, /sparql, exports, the view, the pages, the notebook API) is
asked the same question before and after, and must answer from the curated graph.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from cityties.analysis import CityGraph
from cityties.graph import ranked
from cityties.settings import Settings

from apigraph import AUTH, GOYANG, build_store, make_client

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from graphs import COMMITTEE, LIU, YUBEI, YUBEI_GOV  # noqa: E402


def _met_liu(store) -> str:
    [f] = [f for f in ranked.facts_of(store, LIU) if f.row.type == "met"]
    return f.row.fact


def _curate(client, **body) -> dict:
    r = client.post("/api/curations", json={"who": "kim", "why": "test", **body}, headers=AUTH)
    assert r.status_code == 201, r.text
    return r.json()


def test_writes_need_the_token(client):
    body = {"op": "add_alias", "target": "충칭", "value": "Chungking", "who": "kim"}
    assert client.post("/api/curations", json=body).status_code == 401
    assert client.post("/api/curations/1/undo", json={"who": "kim"}).status_code == 401
    off = make_client(build_store(), token="")
    r = off.post("/api/curations", json=body, headers=AUTH)
    assert r.status_code == 403 and r.json()["error"] == "writes_disabled"
    assert off.get("/api/curations").json() == {"items": [], "counts": {"applied": 0, "orphaned": 0, "undone": 0}}


def test_a_dry_run_previews_then_the_curation_applies_and_is_listed(client, store):
    body = {"op": "remove_alias", "target": "충칭", "value": "충칭시"}
    r = client.post("/api/curations", json={**body, "who": "kim", "dry_run": True}, headers=AUTH)
    assert r.status_code == 200 and r.json()["written"] is False
    [change] = r.json()["changes"]
    assert [(x["subject_label"], x["predicate"], x["object_label"]) for x in change["removed"]] == [
        ("충칭", "skos:altLabel", "충칭시@ko")] and change["added"] == []
    assert client.get("/api/curations").json()["items"] == []
    out = _curate(client, **body)
    assert out["written"] and out["curation"]["seq"] == 1 and out["curation"]["who"] == "kim"
    assert "충칭시" not in client.get("/api/entity", params={"entity": "충칭"}).json()["aliases"]
    [item] = client.get("/api/curations").json()["items"]
    assert item["state"] == "applied" and item["documents"] == 1 and item["curation"]["why"] == "test"


def test_bad_curations_are_one_line_errors(client):
    r = client.post("/api/curations", json={"op": "set_date", "target": "small.txt#fact-00", "value": "2019",
                                            "who": "kim"}, headers=AUTH)
    assert r.status_code == 400 and r.json()["error"] == "bad_curation" and "\n" not in r.json()["message"]
    r = client.post("/api/curations", json={"op": "explode", "who": "kim"}, headers=AUTH)
    assert r.status_code == 400 and "unknown operation" in r.json()["message"]
    assert client.post("/api/curations", json={"op": "reject"}, headers=AUTH).status_code == 422  # who missing
    assert client.post("/api/curations/99/undo", json={"who": "kim"}, headers=AUTH).json()["error"] == \
        "curation_not_found"


def test_undo_export_and_import_over_http(client, store):
    _curate(client, op="merge", target="위베이구청", value="위베이구")
    r = client.post("/api/curations/1/undo", json={"who": "lee", "why": "wrong"}, headers=AUTH)
    assert r.status_code == 200 and r.json()["curation"]["undone"]["who"] == "lee"
    assert client.get("/api/entity", params={"entity": YUBEI_GOV}).json()["iri"] == YUBEI_GOV
    exported = client.get("/api/curations/export")
    assert exported.headers["content-type"].startswith("application/trig") and b"ct:Curation" in exported.content
    other = make_client(build_store())
    r = other.post("/api/curations/import", files={"file": ("team.trig", exported.content)}, headers=AUTH)
    assert r.status_code == 200 and r.json()["known"] == 0 and len(r.json()["added"]) == 1
    assert other.get("/api/curations").json()["counts"]["undone"] == 1
    r = other.post("/api/curations/import", files={"file": ("team.trig", b"@prefix broken")}, headers=AUTH)
    assert r.status_code == 400 and "not valid TRIG" in r.json()["message"]


def _view_edges(html: str) -> set[tuple[str, str, str]]:
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
                      .group(1).replace("&#34;", '"'))
    ids = [n["id"] for n in data["nodes"]]  # an edge names its ends by their place in the node list
    return {(ids[e["from"]], ids[e["to"]], e["label"].split(" ")[0]) for e in data["edges"]}


def _answers(client, store) -> dict:
    """Ask every read path whether the committee met 리우 and 위베이구청 (or 위베이구, after the merge)."""
    fact = _met_liu(store)
    meetings = client.get("/api/meetings", params={"home": "고양시"}).json()["items"]
    facts = client.get("/api/entity/facts", params={"entity": COMMITTEE}).json()["items"]
    ask = client.get("/api/ask", params={"q": "충칭에서 누구를 만났나"}).json()
    sparql = client.get("/sparql", params={"query": f"ASK {{ <{COMMITTEE}> ct:met <{LIU}> }}"},
                        headers={"Accept": "application/sparql-results+json"}).json()["boolean"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "csv"}).text)))
    graphml = client.get("/api/export", params={"format": "graphml"}).text
    view = _view_edges(client.get("/view", params={"focus": COMMITTEE, "depth": 1}).text)
    page = client.get("/entity", params={"iri": COMMITTEE}).text
    doc = client.get("/document", params={"id": "small.txt"}).text
    g = CityGraph(store, Settings(store="/nonexistent"), home=GOYANG)
    return {
        "api meetings": sorted(m["counterpart"] for m in meetings),
        "api facts": sorted(f["object"] for f in facts if f["type"] == "met"),
        "ask": sorted(r["fields"]["counterpart_iri"] for r in ask["rows"]),
        "sparql": sparql,
        "csv": sorted(r["object"] for r in rows if r["type"] == "met"),
        "graphml": fact in graphml,
        "view": sorted(t for s, t, kind in view if s == COMMITTEE and kind == "met"),
        "entity page": fact.rsplit("#", 1)[-1] in page,
        "document page struck": "<s>" in doc,
        "notebook meetings": sorted(g.meetings()["counterpart"]),
        "notebook graph": sorted(o for s, o, k in g.to_networkx().edges(keys=True) if s == COMMITTEE
                                 and not str(k).startswith("within:")),
        "stats": client.get("/api/stats").json()["counts"]["facts.met"],
    }


def test_every_read_path_sees_the_curated_graph(client, store):
    before = _answers(client, store)
    fact = _met_liu(store)
    _curate(client, op="reject", target=fact)
    _curate(client, op="merge", target="위베이구청", value="위베이구")
    after = _answers(client, store)
    for path in ("api meetings", "api facts"):
        assert set(before[path]) == {LIU, YUBEI_GOV} and after[path] == [YUBEI], path
    # the answer to "whom did we meet" lists no region (a district is travelled through), so once
    # 위베이구청 is merged into the district and 리우 is rejected, nothing is left to answer
    assert set(before["ask"]) == {LIU, YUBEI_GOV} and after["ask"] == []
    assert before["sparql"] is True and after["sparql"] is False
    assert before["graphml"] and not after["graphml"]
    assert LIU in before["csv"] and LIU not in after["csv"] and YUBEI_GOV not in after["csv"]
    assert LIU in before["view"] and LIU not in after["view"] and YUBEI in after["view"]
    assert before["entity page"] and not after["entity page"]
    assert not before["document page struck"] and after["document page struck"]
    assert LIU in before["notebook meetings"] and after["notebook meetings"] == [YUBEI]
    assert LIU in before["notebook graph"] and LIU not in after["notebook graph"]
    assert after["stats"] == before["stats"] - 1
    # the merged IRI still works everywhere an entity is asked for
    assert client.get("/api/entity", params={"entity": YUBEI_GOV}).json()["iri"] == YUBEI
    r = client.get("/entity", params={"iri": YUBEI_GOV}, follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/entity?" + urlencode({"iri": YUBEI})
    r = client.get("/id/" + YUBEI_GOV.split("/id/", 1)[1], headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "sameAs" in r.text


@pytest.fixture
def client(store):
    return make_client(store)


@pytest.fixture
def store():
    s = build_store()
    yield s
    s.close()

