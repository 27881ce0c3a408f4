"""The service and the CLI share one embedded store: ingest goes through the running service."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from clirun import CLI, CORPUS, cityties

TOKEN = "s3cret-for-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def service(corpus_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    port = free_port()
    env = {**os.environ, "CITYTIES_TOKEN": TOKEN}
    proc = subprocess.Popen([*CLI, "--store", str(store), "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/stats", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(f"the service did not start: {proc.stderr.read().decode()[-2000:]}")
    yield store, url
    proc.terminate()
    proc.wait(timeout=30)


def test_ingest_goes_through_the_service_while_it_answers_queries(service):
    store, url = service
    errors, answered = [], []
    stop = threading.Event()

    def read():
        with httpx.Client(base_url=url, timeout=30) as c:
            while not stop.is_set():
                r = c.get("/api/search", params={"q": "충칭"})
                (answered if r.status_code == 200 else errors).append(r.status_code)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        proc = cityties("ingest", str(CORPUS), "--quiet", store=store, check=False,
                        env={"CITYTIES_TOKEN": TOKEN})
    finally:
        stop.set()
        reader.join()
    assert proc.returncode == 0, proc.stderr
    assert "uploading through it" in proc.stderr
    assert "5 documents" in proc.stdout and "0 failures" in proc.stdout
    assert answered and not errors
    docs = httpx.get(f"{url}/api/documents", params={"limit": 100}).json()
    assert sorted(d["id"] for d in docs["items"]) == sorted(f"corpus/{p.name}" for p in CORPUS.glob("*.txt"))


def test_without_the_token_ingest_says_what_to_do(service):
    store, _ = service
    proc = cityties("ingest", str(CORPUS), "--quiet", store=store, check=False, env={"CITYTIES_TOKEN": ""})
    assert proc.returncode == 1 and "CITYTIES_TOKEN" in proc.stderr


def test_concurrent_uploads_of_one_document_leave_one_copy(service):
    _, url = service
    seed = sorted(CORPUS.glob("*.txt"))[2]

    def upload(_):
        with open(seed, "rb") as fh:
            return httpx.post(f"{url}/api/documents", files={"file": (seed.name, fh)},
                              data={"id": "uploads/same.txt"},
                              headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120).status_code

    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(upload, range(4)))
    assert codes == [201] * 4
    nq = httpx.get(f"{url}/api/export", params={"format": "nq"}).text
    lines = [l for l in nq.splitlines() if l.endswith("<https://w3id.org/cityties/doc/uploads/same.txt> .")]
    single = httpx.get(f"{url}/api/documents/uploads/same.txt").json()
    assert lines and len(lines) == len(set(lines))
    assert single["id"] == "uploads/same.txt"


def test_reads_work_beside_the_service_with_store_after_the_subcommand(service, tmp_path):
    store, _ = service
    docs = cityties("docs", "--store", str(store))
    assert len(docs.stdout.splitlines()) == 5, docs.stdout
    answer = cityties("ask", "--store", str(store), "충칭에서 누구를 만났나")
    assert "충칭" in answer.stdout
    ttl = cityties("export", "--store", str(store), "--format", "nq")
    assert ttl.stdout.count("\n") > 1000
    out = tmp_path / "view.html"
    cityties("view", "--store", str(store), "-o", str(out))
    assert "vis-network" in out.read_text(encoding="utf-8") or "graph-data" in out.read_text(encoding="utf-8")


def test_reads_see_writes_made_through_the_service_at_once(service):
    store, url = service
    seed = sorted(CORPUS.glob("*.txt"))[1]
    with open(seed, "rb") as fh:
        r = httpx.post(f"{url}/api/documents", files={"file": (seed.name, fh)}, data={"id": "uploads/new.txt"},
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
    assert r.status_code == 201, r.text
    assert "uploads/new.txt" in cityties("docs", "list", "--store", str(store)).stdout
    gone = cityties("docs", "delete", "uploads/new.txt", "--store", str(store), env={"CITYTIES_TOKEN": TOKEN})
    assert "deleted uploads/new.txt" in gone.stdout
    assert "uploads/new.txt" not in cityties("docs", "--store", str(store)).stdout
    refused = cityties("docs", "delete", "uploads/new.txt", store=store, check=False, env={"CITYTIES_TOKEN": ""})
    assert refused.returncode == 1 and "CITYTIES_TOKEN" in refused.stderr
