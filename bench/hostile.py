"""Hostile load on the real service: expensive SPARQL sent all at once beside a well-behaved client.

Each hostile query is one request any anonymous client can send to ``/sparql``;
over the bundled corpus (a few thousand triples) each runs far past any sensible
time limit (cross products, ``?s ?p* ?o``-style paths, a megabyte of VALUES,
subqueries nested 200 deep, a regex over every literal, ORDER BY and DISTINCT
over cross products). Starts ``cityties serve`` over a store holding the corpus,
then for each round:

- sends ``--hostile`` hostile queries at once from one address (127.0.0.1);
- all the while, a well-behaved client at another address (127.0.0.2) sends a
  simple query every 0.1 s, and counts its errors and its slowest answer;
- right after the burst, the hostile client itself sends a simple query;
- waits until the service's processes are idle and measures their memory.

Reports queries killed (from ``/api/status``), time to recover (CPU idle after the
burst), the well-behaved client's errors (target 0) and slowest answer, and the
memory of the service's processes before and after::

    .venv/bin/python -m cityties.bench.hostile --rounds 10 --timeout 10

Only loopback is ever contacted.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import queue
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from .load import corpus_store, serving

WELL_BEHAVED = "127.0.0.2"  # another address on loopback: another client to the service
IDLE_CORE = 0.1  # the service is idle when its processes use less than this share of a core

CROSS4 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CLOSURE = "SELECT (COUNT(*) AS ?n) WHERE { ?s (<urn:x:p>|!<urn:x:p>)* ?o . ?o ?p ?z . ?z ?q ?w }"
STAR_PATH = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?o (!<urn:x:none>)* ?z . ?z ?q ?w }"
REGEX = ('SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z '
         'FILTER(REGEX(CONCAT(STR(?x), STR(?y), STR(?z)), "(a|aa)+(b|bb)+c$", "i")) }')
ORDER = "SELECT ?a ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY DESC(?c) ?f ?a LIMIT 1"
CONCAT = "SELECT (STRLEN(GROUP_CONCAT(CONCAT(STR(?a), STR(?c)))) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
DISTINCT = "SELECT (COUNT(DISTINCT CONCAT(STR(?a), STR(?d), STR(?g))) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
OPTIONALS = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c " +
             " ".join(f"OPTIONAL {{ ?x{i} ?y{i} ?z{i} }}" for i in range(4)) + " }")


def values(n: int = 20000) -> str:
    """A huge VALUES block (about a megabyte of query) joined with a cross product."""
    rows = " ".join(f"<https://w3id.org/cityties/id/none-{i}>" for i in range(n))
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . VALUES ?v {{ {rows} }} }}"


def nested(depth: int = 200) -> str:
    """Subqueries nested ``depth`` deep around a cross product."""
    inner = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    for _ in range(depth):
        inner = f"SELECT * WHERE {{ {{ {inner} }} }}"
    return inner.replace("SELECT *", "SELECT (COUNT(*) AS ?n)", 1)


def hostile_set(n: int = 20) -> list[str]:
    """Return ``n`` hostile queries, every kind in turn."""
    kinds = [CROSS4, CLOSURE, STAR_PATH, REGEX, ORDER, CONCAT, DISTINCT, OPTIONALS, values(), nested()]
    return [kinds[i % len(kinds)] for i in range(n)]


SIMPLE = "SELECT ?l WHERE { ?e skos:prefLabel ?l } LIMIT 1"


# ---------------------------------------------------------------- measuring the service's processes

def _tree(root: int) -> list[int]:
    """Return ``root`` and every process below it (the fork server and the query workers)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _cpu(pids: list[int]) -> dict[int, float]:
    """Return each live process's CPU seconds so far."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / tick
    return out


def rss_mb(root: int) -> float:
    """Return the resident memory of the service's processes, in MB."""
    total = 0
    for pid in _tree(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


def cpu_cores(root: int, window: float = 0.5) -> float:
    """Return how many cores the service's processes used over the next ``window`` seconds."""
    before = _cpu(_tree(root))
    time.sleep(window)
    after = _cpu(_tree(root))
    return sum(after[p] - before[p] for p in after if p in before) / window


def wait_idle(root: int, since: float, give_up: float) -> float | None:
    """Wait until the service is idle; return the seconds from ``since`` until then (None: never)."""
    while time.monotonic() - since < give_up:
        if cpu_cores(root) < IDLE_CORE:
            return round(time.monotonic() - since, 1)
    return None


# ---------------------------------------------------------------- one round

def _client(address: str | None = None, timeout: float = 120.0) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=address) if address else None
    return httpx.Client(timeout=timeout, transport=transport)


def _well_behaved(base: str, stop: Any, out: Any) -> None:
    """Send a simple query every 0.1 s until told to stop; put (status, seconds) for each on ``out``.
    Runs in its own process, so the hostile client's work never slows its clock."""
    with _client(WELL_BEHAVED) as c:
        while not stop.is_set():
            t = time.monotonic()
            try:
                code = c.get(f"{base}/sparql", params={"query": SIMPLE}).status_code
            except httpx.HTTPError:
                code = 0
            out.put((code, time.monotonic() - t))
            stop.wait(0.1)


def hostile_round(base: str, pid: int, hostile: int, timeout_s: float) -> dict:
    """Send ``hostile`` queries at once beside a well-behaved client; return what happened."""
    ctx = mp.get_context("spawn")
    stop, out = ctx.Event(), ctx.Queue()
    before = httpx.get(f"{base}/api/status", timeout=30).json()["sparql"]
    rss_before = rss_mb(pid)
    beside = ctx.Process(target=_well_behaved, args=(base, stop, out), daemon=True)
    beside.start()
    polite: list[tuple[int, float]] = [out.get(timeout=120)]  # it runs: now the burst
    start = time.monotonic()
    with _client() as c, ThreadPoolExecutor(hostile) as pool:
        sent = [pool.submit(c.post, f"{base}/sparql", data={"query": q}) for q in hostile_set(hostile)]
        time.sleep(0.3)  # every hostile query has arrived
        t = time.monotonic()
        own = c.get(f"{base}/sparql", params={"query": SIMPLE})
        own_s = time.monotonic() - t
        answers = [f.result() for f in sent]
    idle_s = wait_idle(pid, start, give_up=timeout_s + 60)
    stop.set()
    while beside.is_alive() or not out.empty():
        try:
            polite.append(out.get(timeout=0.2))
        except queue.Empty:
            continue
    beside.join()
    after = httpx.get(f"{base}/api/status", timeout=30).json()["sparql"]
    codes: dict[str, int] = {}
    for r in answers:
        key = str(r.status_code) if r.status_code == 200 else f"{r.status_code} {r.json().get('error')}"
        codes[key] = codes.get(key, 0) + 1
    refused = [r for r in answers if r.status_code in (429, 503)]
    return {
        "hostile": hostile, "timeout_s": timeout_s, "answers": codes,
        "retry_after_on_every_refusal": all(r.headers.get("retry-after", "").isdigit() for r in refused),
        "killed": after["workers_killed"] - before["workers_killed"],
        "stopped_at_limit": after["timed_out"] - before["timed_out"],
        "stopped_for_others": after["stopped"] - before["stopped"],
        "seconds_to_idle": idle_s,
        "hostile_client_simple_query": {"status": own.status_code, "seconds": round(own_s, 3)},
        "well_behaved": {"requests": len(polite), "errors": sum(1 for code, _ in polite if code != 200),
                         "slowest_s": round(max((s for _, s in polite), default=0.0), 3)},
        "rss_mb": {"before": rss_before, "after": rss_mb(pid)},
    }


def service_pid(store: Path) -> int:
    """Return the pid of the service holding ``store`` (from the file it writes beside it)."""
    return int(json.loads(Path(f"{store}.serve.json").read_text(encoding="utf-8"))["pid"])


def run(store: Path, rounds: int = 1, hostile: int = 20, timeout_s: float = 10.0) -> list[dict]:
    """Serve ``store`` with the time limit ``timeout_s`` and run ``rounds`` hostile rounds."""
    with serving(store, env={"CITYTIES_SPARQL_TIMEOUT_S": str(timeout_s)}) as base:
        pid = service_pid(store)
        with _client() as c:  # the workers are up before the first round
            deadline = time.monotonic() + 60
            while c.get(f"{base}/sparql", params={"query": SIMPLE}).status_code != 200:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{base}/sparql does not answer a simple query")
                time.sleep(0.5)
        wait_idle(pid, time.monotonic(), give_up=60)
        return [hostile_round(base, pid, hostile, timeout_s) for _ in range(rounds)]


def main(argv: list[str] | None = None) -> int:
    """Parse flags, build a store if none is given, run the rounds, print the results; exit 1 when
    the well-behaved client saw an error."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="A store with the corpus ingested (default: ingest it now).")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--hostile", type=int, default=20, help="Hostile queries sent at once per round.")
    parser.add_argument("--timeout", type=float, default=10.0, help="The service's SPARQL time limit, seconds.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cityties-hostile-") as tmp:
        results = run(corpus_store(args.store, Path(tmp)), max(1, args.rounds), min(max(1, args.hostile), 200),
                      args.timeout)
    print(json.dumps(results, indent=1))
    return 1 if any(r["well_behaved"]["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
