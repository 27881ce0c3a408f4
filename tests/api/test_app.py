"""The app itself: JSON errors, limits, OpenAPI, dependency overrides, and a real uvicorn on loopback."""
from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from cityties.api.app import create_app
from cityties.api.deps import get_store
from cityties.graph.store import open_store
from cityties.settings import Settings

from apigraph import AUTH, TOKEN, build_store


def test_unknown_route_and_method_are_json(client):
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    r = client.put("/api/search")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"


def test_validation_errors_are_json_with_a_message(client):
    r = client.get("/api/search")
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "invalid_request" and "q" in body["message"]
    r = client.get("/api/search", params={"q": "x", "limit": 0})
    assert r.status_code == 422 and "limit" in r.json()["message"]


def test_body_cap_by_content_length(store):
    with TestClient(create_app(store, Settings(store="/x", max_upload_bytes=10))) as c:
        r = c.post("/sparql", content=b"S" * 100_000, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and r.json()["error"] == "too_large"


def test_openapi_and_docs(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/entity", "/api/meetings", "/api/agreements", "/api/visits",
                 "/api/neighbours", "/api/path", "/api/documents", "/api/documents/{doc_id}", "/api/ask",
                 "/sparql", "/api/export", "/api/export/entity", "/id/{path}"):
        assert path in schema["paths"], path
    assert "CardOut" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_store_dependency_can_be_overridden(app):
    empty = open_store(None)
    app.dependency_overrides[get_store] = lambda: empty
    with TestClient(app) as c:
        assert c.get("/api/documents").json()["total"] == 0
    app.dependency_overrides.clear()
    with TestClient(app) as c:
        assert c.get("/api/documents").json()["total"] == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server():
    """Run the app under a real uvicorn on a free loopback port; yield its base URL."""
    port = _free_port()
    app = create_app(build_store(), Settings(store="/x", token=TOKEN, port=port))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


def test_over_real_http(live_server):
    with httpx.Client(base_url=live_server, timeout=10) as h:
        hit = h.get("/api/search", params={"q": "重庆"}).json()["items"][0]
        assert hit["label"] == "충칭"
        a = h.get("/api/ask", params={"q": "충칭에서 누구를 만났나"}).json()
        assert a["intent"] == "met" and a["rows"][0]["evidence"][0]["quote"]
        r = h.post("/sparql", data={"query": "SELECT ?l WHERE { ?e skos:prefLabel ?l }"},
                   headers={"Accept": "text/csv"})
        assert r.status_code == 200 and "충칭" in r.text
        assert h.post("/sparql", content=b"DROP ALL",
                      headers={"Content-Type": "application/sparql-query"}).status_code == 403
        ttl = h.get("/id/chongqing", headers={"Accept": "text/turtle"})
        assert ttl.headers["content-type"].startswith("text/turtle")
        assert h.delete("/api/documents/small.txt").status_code == 401
        assert h.delete("/api/documents/small.txt", headers=AUTH).status_code == 200
        assert h.get("/api/documents").json()["total"] == 1
        assert h.get("/id/chongqing", headers={"Accept": "text/turtle"}).status_code == 404


SERVE_WITH_RUNAWAY = r"""
import sys, threading, time, httpx, uvicorn
sys.path[:0] = sys.argv[1:3]
from apigraph import build_store
from cityties.api.app import create_app
from cityties.settings import Settings
port = int(sys.argv[3])
app = create_app(build_store(), Settings(store="/x", sparql_timeout_s=0.2))
server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
threading.Timer(0.5, lambda: print(httpx.get(f"http://127.0.0.1:{port}/sparql", timeout=10, params={"query":
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"}).status_code, flush=True)
    or setattr(server, "should_exit", True)).start()
server.run()
"""


def test_server_exits_while_a_timed_out_query_still_runs(tmp_path):
    """A runaway query (about a minute of work) must not keep a stopped server from exiting."""
    import subprocess
    import sys
    from pathlib import Path
    here = Path(__file__).resolve().parent
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", SERVE_WITH_RUNAWAY, str(here), str(here.parent / "unit"),
                           str(_free_port())], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "503", proc.stderr[-2000:]
    assert time.monotonic() - t0 < 15
