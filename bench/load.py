"""Load-test the real service on loopback: mixed reads from threads for a fixed time, then latency per endpoint.

Starts ``cityties serve`` on a free 127.0.0.1 port over a store holding the
ingested corpus (ingested into a temporary folder when ``--store`` is not
given), finds the endpoints from ``/openapi.json`` and the pages router, and
sends a round-robin mix of reads -- home page, search in Korean, English and
Chinese, entity cards, meetings, agreements, /ask, /sparql, /view -- from
``--threads`` threads for ``--duration`` seconds.  Reports requests per second,
p50 and p99 latency per endpoint and overall, and errors (any non-2xx answer
or exception)::

    .venv/bin/python -m cityties.bench.load --duration 30 --threads 4

Only loopback is ever contacted; duration and thread count are capped.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
CLI = [sys.executable, "-m", "cityties.cli"]
HOST = "127.0.0.1"  # loopback only, whatever the caller asks
MAX_DURATION = 600.0
MAX_THREADS = 32
START_TIMEOUT = 120.0
REQUEST_TIMEOUT = 60.0

SPARQL = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
          "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l FILTER(lang(?l) = 'ko') } LIMIT 20")
QUESTION_KO = "충칭에서 누구를 만났나"
QUESTION_EN = "who did we meet in Chongqing"


@dataclass(frozen=True, slots=True)
class Probe:
    """One read in the mix: a name for the report, the route it needs, and the request."""

    name: str
    route: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class EndpointStats:
    """Latencies (seconds) and errors seen for one probe."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    samples: list[str] = field(default_factory=list)  # the first few error descriptions


def percentile(values: list[float], q: float) -> float:
    """Return the nearest-rank ``q`` percentile (0-100) of ``values``; 0.0 when empty.

    >>> percentile([0.1, 0.2, 0.3, 0.4], 50), percentile([0.1, 0.2, 0.3, 0.4], 99)
    (0.2, 0.4)
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


def free_port() -> int:
    """Return a TCP port free on the loopback address right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def serving(store: Path, port: int | None = None, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``cityties serve`` over ``store`` on loopback (``env`` added to ours); yield its base URL;
    stop it afterwards."""
    port = port or free_port()
    base = f"http://{HOST}:{port}"
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([*CLI, "--store", str(store), "serve", "--host", HOST, "--port", str(port)],
                                stdout=log, stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"cityties serve exited {proc.returncode}: {log.read()[-2000:].decode()}")
                try:
                    if httpx.get(f"{base}/openapi.json", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"cityties serve did not answer on {base} within {START_TIMEOUT:.0f} s")
                time.sleep(0.2)
            yield base
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def routes(base: str) -> set[str]:
    """Return the GET paths the app serves: its OpenAPI paths plus the HTML pages (hidden from OpenAPI)."""
    spec = httpx.get(f"{base}/openapi.json", timeout=REQUEST_TIMEOUT).json()
    paths = {p for p, ops in spec.get("paths", {}).items() if "get" in ops}
    try:
        from cityties.api.pages import router
        paths |= {r.path for r in router.routes if "GET" in getattr(r, "methods", ())}
    except ImportError:  # no pages yet: the JSON API alone is tested
        pass
    return paths


def _first_iri(client: httpx.Client, q: str) -> str | None:
    items = client.get("/api/search", params={"q": q}).json().get("items") or []
    return items[0]["iri"] if items else None


def probes(base: str) -> list[Probe]:
    """Return the mix of reads this app supports, with entity IRIs found through its own search."""
    available = routes(base)
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as client:
        city = _first_iri(client, "충칭") if "/api/search" in available else None
        home = _first_iri(client, "고양시") if "/api/search" in available else None
    candidates = [
        Probe("home page", "/"),
        Probe("search page 충칭", "/search", {"q": "충칭"}),
        Probe("search 충칭", "/api/search", {"q": "충칭"}),
        Probe("search Chongqing", "/api/search", {"q": "Chongqing"}),
        Probe("search 重庆", "/api/search", {"q": "重庆"}),
        Probe("meetings in 충칭", "/api/meetings", {"place": "충칭"}),
        Probe("ask (API)", "/api/ask", {"q": QUESTION_KO}),
        Probe("ask page", "/ask", {"q": QUESTION_EN}),
        Probe("sparql", "/sparql", {"query": SPARQL, "format": "json"}),
        Probe("view (whole)", "/view"),
        Probe("view 충칭 depth 1", "/view", {"focus": "충칭", "depth": "1"}),
        Probe("documents", "/api/documents"),
        Probe("stats", "/api/stats"),
    ]
    for iri in filter(None, (city, home)):
        candidates += [Probe(f"entity card {iri.rsplit('/', 1)[-1]}", "/api/entity", {"entity": iri}),
                       Probe(f"entity page {iri.rsplit('/', 1)[-1]}", "/entity", {"iri": iri}),
                       Probe(f"agreements {iri.rsplit('/', 1)[-1]}", "/api/agreements", {"entity": iri})]
    return [p for p in candidates if p.route in available]


def hammer(base: str, mix: list[Probe], duration: float, threads: int) -> tuple[dict[str, EndpointStats], float]:
    """Send the mix round-robin from ``threads`` threads until ``duration`` has passed; return stats and wall time."""
    stats = {p.name: EndpointStats() for p in mix}
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def worker(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as client:
            i = offset
            while time.monotonic() < deadline:
                probe = mix[i % len(mix)]
                i += 1
                start = time.perf_counter()
                try:
                    response = client.get(probe.route, params=probe.params)
                    response.read()
                    error = None if 200 <= response.status_code < 300 else \
                        f"{response.status_code} {response.text[:200]}"
                except httpx.HTTPError as e:
                    error = f"{type(e).__name__}: {e}"
                took = time.perf_counter() - start
                with lock:
                    s = stats[probe.name]
                    s.latencies.append(took)
                    if error:
                        s.errors += 1
                        if len(s.samples) < 3:
                            s.samples.append(error)

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(n * len(mix) // threads,), daemon=True) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=duration + 2 * REQUEST_TIMEOUT)
    return stats, time.monotonic() - started


def report(stats: dict[str, EndpointStats], seconds: float) -> dict:
    """Return the figures: per endpoint and overall requests, requests/s, p50, p99 (ms) and errors."""
    def figures(latencies: list[float], errors: int) -> dict:
        return {"requests": len(latencies), "rps": round(len(latencies) / seconds, 1), "errors": errors,
                "p50_ms": round(percentile(latencies, 50) * 1000, 1),
                "p99_ms": round(percentile(latencies, 99) * 1000, 1)}

    everything = [x for s in stats.values() for x in s.latencies]
    return {"seconds": round(seconds, 1),
            "overall": figures(everything, sum(s.errors for s in stats.values())),
            "endpoints": {name: figures(s.latencies, s.errors) for name, s in stats.items()},
            "error_samples": {name: s.samples for name, s in stats.items() if s.samples}}


def _pad(text: str, width: int) -> str:
    # Hangul and hanzi take two columns in a terminal; pad by columns, not characters.
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


def format_report(r: dict) -> str:
    """Return the report as a plain-text table."""
    lines = [f"{'endpoint':28} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}"]
    for name, f in [*r["endpoints"].items(), ("overall", r["overall"])]:
        lines.append(f"{_pad(name, 28)} {f['requests']:>8} {f['rps']:>7} {f['p50_ms']:>8} {f['p99_ms']:>8} "
                     f"{f['errors']:>6}")
    for name, samples in r["error_samples"].items():
        lines += [f"error {name}: {s}" for s in samples]
    return "\n".join(lines)


def run_load(store: Path, duration: float, threads: int) -> dict:
    """Serve ``store`` on loopback, run the mix for ``duration`` seconds from ``threads`` threads; return the report."""
    duration = min(max(duration, 1.0), MAX_DURATION)
    threads = min(max(threads, 1), MAX_THREADS)
    with serving(store) as base:
        mix = probes(base)
        if not mix:
            raise RuntimeError(f"{base} serves none of the endpoints the load test reads")
        stats, seconds = hammer(base, mix, duration, threads)
    result = report(stats, seconds)
    result["threads"] = threads
    return result


def corpus_store(given: Path | None, tmp: Path) -> Path:
    """Return the store given, or one in ``tmp`` with the bundled corpus ingested through the CLI."""
    if given is not None:
        return given
    store = tmp / "store"
    subprocess.run([*CLI, "--store", str(store), "ingest", str(CORPUS), "--quiet"], check=True,
                   timeout=600, stdout=subprocess.DEVNULL)
    return store


def main(argv: list[str] | None = None) -> int:
    """Parse flags, build a store if none is given, run the load test, print the report; exit 1 on errors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="A store with the corpus ingested (default: ingest it now).")
    parser.add_argument("--duration", type=float, default=30.0, help=f"Seconds of load (at most {MAX_DURATION:.0f}).")
    parser.add_argument("--threads", type=int, default=4, help=f"Client threads (at most {MAX_THREADS}).")
    parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cityties-load-") as tmp:
        result = run_load(corpus_store(args.store, Path(tmp)), args.duration, args.threads)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_report(result))
    return 1 if result["overall"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
