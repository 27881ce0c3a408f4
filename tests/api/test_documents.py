"""Document endpoints: list, text with evidence spans, and the token-guarded upload and delete."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from cityties.api.app import create_app
from cityties.api.routes.documents import safe_name
from cityties.settings import Settings

from apigraph import AUTH, TOKEN, make_client, pipeline_available

REPORT = ("고양시의회 기획행정위원회는 2019. 12. 23. 중국 충칭시를 방문하여 충칭시 인민정부 외사판공실 "
          "왕 주임과 면담하였다.\n").encode("utf-8")


def test_list_documents_pages(client):
    page = client.get("/api/documents", params={"limit": 1}).json()
    assert page["total"] == 2 and len(page["items"]) == 1 and page["next_offset"] == 1
    rest = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert rest["next_offset"] is None
    assert {page["items"][0]["id"], rest["items"][0]["id"]} == {"signed.txt", "small.txt"}


def test_document_text_with_evidence_spans(client):
    doc = client.get("/api/documents/small.txt").json()
    assert doc["title"] == "작은 보고서" and doc["facts"]
    for f in doc["facts"]:
        ev = f["evidence"]
        assert doc["text"][ev["start"]:ev["end"]] == ev["quote"]


def test_unknown_document_is_404(client):
    r = client.get("/api/documents/nope.txt")
    assert r.status_code == 404 and r.json() == {"error": "document_not_found",
                                                 "message": "'nope.txt': no such document; see /api/documents"}


def test_writes_are_off_without_a_configured_token(store):
    with make_client(store, token="") as c:
        r = c.delete("/api/documents/small.txt", headers=AUTH)
        assert r.status_code == 403 and r.json()["error"] == "writes_disabled" and "token" in r.json()["message"]
        r = c.post("/api/documents", files={"file": ("a.txt", REPORT)}, headers=AUTH)
        assert r.status_code == 403
        assert c.get("/api/documents").json()["total"] == 2


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"])
def test_writes_need_the_right_bearer_token(client, header):
    headers = {"Authorization": header} if header else {}
    r = client.delete("/api/documents/small.txt", headers=headers)
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/documents", files={"file": ("a.txt", REPORT)}, headers=headers)
    assert r.status_code == 401
    assert client.get("/api/documents").json()["total"] == 2


def test_delete_with_the_token(client):
    r = client.delete("/api/documents/small.txt", headers=AUTH)
    assert r.status_code == 200 and r.json() == {"id": "small.txt", "deleted": True}
    assert [d["id"] for d in client.get("/api/documents").json()["items"]] == ["signed.txt"]
    assert client.get("/api/search", params={"q": "리우", "fuzzy": "false"}).json()["items"] == []
    assert client.delete("/api/documents/small.txt", headers=AUTH).status_code == 404


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.txt", "passwd.txt"), ("..\\..\\win.ini.txt", "win.ini.txt"), ("/abs/x.hwp", "x.hwp"),
    ("보고서 2019.hwp", "보고서 2019.hwp"), ("..", "upload"), ("", "upload"), ("a\x00b.txt", "a_b.txt"),
    ("evil\u202etxt.pdf", "evil_txt.pdf"),
])
def test_upload_names_never_become_paths(name, expected):
    assert safe_name(name) == expected


def test_upload_refuses_unsupported_types_and_bad_ids(client):
    r = client.post("/api/documents", files={"file": ("x.exe", b"MZ")}, headers=AUTH)
    assert r.status_code == 415 and ".hwp" in r.json()["message"]
    r = client.post("/api/documents", files={"file": ("x.txt", REPORT)}, data={"id": "../escape.txt"},
                    headers=AUTH)
    assert r.status_code == 400 and r.json()["error"] == "bad_document_id"


def test_upload_size_is_capped(store):
    app = create_app(store, Settings(store="/nonexistent", token=TOKEN, max_upload_bytes=1000))
    with TestClient(app) as c:
        r = c.post("/api/documents", files={"file": ("big.txt", b"x" * 200_000)}, headers=AUTH)
        assert r.status_code == 413 and r.json()["error"] == "too_large"
        # a body just over the cap with no Content-Length check left to catch it: streamed in chunks
        r = c.post("/sparql", content=iter([b"a" * 60_000, b"b" * 60_000]),
                   headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 413
        assert c.get("/api/documents").json()["total"] == 2


@pytest.mark.skipif(not pipeline_available(), reason="the extraction pipeline is not there yet")
def test_upload_ingests_and_replaces(client):
    r = client.post("/api/documents", files={"file": ("../../보고서.txt", REPORT)}, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["id"] == "uploads/보고서.txt"
    assert client.get("/api/documents").json()["total"] == 3
    again = client.post("/api/documents", files={"file": ("보고서.txt", REPORT)}, headers=AUTH)
    assert again.status_code == 201 and client.get("/api/documents").json()["total"] == 3
    text = client.get(f"/api/documents/{body['id']}").json()["text"]
    assert "충칭시" in text


@pytest.mark.skipif(pipeline_available(), reason="the extraction pipeline is there")
def test_upload_without_a_pipeline_says_so(client):
    r = client.post("/api/documents", files={"file": ("a.txt", REPORT)}, headers=AUTH)
    assert r.status_code == 503 and r.json()["error"] == "extraction_unavailable"


@pytest.mark.skipif(not pipeline_available(), reason="the extraction pipeline is not there yet")
def test_concurrent_uploads_of_one_document_leave_one_copy(client):
    from concurrent.futures import ThreadPoolExecutor

    def upload(_):
        return client.post("/api/documents", files={"file": ("same.txt", REPORT)}, headers=AUTH).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(upload, range(4))) == [201] * 4
    ids = [d["id"] for d in client.get("/api/documents").json()["items"]]
    assert ids.count("uploads/same.txt") == 1 and len(ids) == 3
    facts = client.get("/api/documents/uploads/same.txt").json()["facts"]
    assert len({f["fact"] for f in facts}) == len(facts)
