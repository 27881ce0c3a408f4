"""Benchmark the embedded store against rdflib's in-memory Dataset on synthetic graphs.

For each size, each backend runs in its own subprocess (so peak RSS is its own):
bulk load time and triples/s, peak RSS, on-disk size, and the median and p95
latency of each named query the API serves, after a warm-up; then the HTTP API
on loopback when ``cityties.api.app.create_app`` exists. Writes a markdown table
with ratios to the baseline into ``docs/benchmarks.md`` (each size's section is
replaced, other sizes are kept)::

    nice python -m cityties.bench.run --sizes 10k,100k
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from rdflib import Dataset, Graph
from rdflib.term import Node

from cityties.bench.generate import parse_size, probes, world_for, write_nquads
from cityties.graph import briefing, meetings, network, queries
from cityties.graph.indexes import fact_index, search_index, sparql_only
from cityties.graph.store import PREFIXES, OxigraphStore, Store, StoreError

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = ("rdflib", "oxigraph")
QUERIES = ("label search", "entity card", "meetings in a place", "meetings in a place, SPARQL alone",
           "whom we met there (by trip)", "agreements", "timeline", "neighbours depth 2", "shortest path",
           "briefing of a place")
ALONE = ("meetings in a place, SPARQL alone",)  # our store without its access path: shown, not in the mean


class RdflibStore(Store):
    """The baseline: rdflib's Memory store, queried with the same SPARQL over the union graph."""

    def __init__(self) -> None:
        self.ds = Dataset(default_union=True)

    def select(self, sparql: str) -> list[dict[str, Node]]:
        return [{str(k): v for k, v in row.asdict().items()} for row in self.ds.query(sparql, initNs=PREFIXES)]

    def ask(self, sparql: str) -> bool:
        return bool(self.ds.query(sparql, initNs=PREFIXES).askAnswer)

    def construct(self, sparql: str) -> Graph:
        return self.ds.query(sparql, initNs=PREFIXES).graph

    def replace_document(self, doc_iri: str, triples: Graph) -> None:
        raise StoreError("the baseline is loaded in bulk")

    replace_graph = replace_document

    def drop_document(self, doc_iri: str) -> bool:
        raise StoreError("the baseline is read-only")

    def results(self, sparql: str, fmt: str) -> tuple[bytes, str]:
        raise StoreError("not benchmarked")

    def dump(self, fmt: str, graph_iri: str | None = None) -> bytes:
        raise StoreError("not benchmarked")

    def graph(self, graph_iri: str) -> Graph:
        raise StoreError("not benchmarked")


def label_scan(store: Store, q: str, limit: int = 20) -> list[dict]:
    """Search labels the way a store without a search index must: one SPARQL scan of every label."""
    needle = queries._esc(queries.normalize(q))
    return store.select(f"""SELECT DISTINCT ?e WHERE {{ {{ ?e skos:prefLabel ?l }} UNION {{ ?e skos:altLabel ?l }}
      FILTER(CONTAINS(LCASE(STR(?l)), "{needle}")) }} LIMIT {int(limit)}""")


def workload(p: dict[str, str]) -> dict[str, Callable[[Store], Any]]:
    """The named queries the API serves, with the arguments chosen for this dataset.

    Label search is the product's indexed search on our store and a SPARQL scan on the
    baseline: the baseline stands for an RDF store used as it comes, without our index.
    Our store reads its access paths (``graph.access``: meetings, card, timeline, agreements, briefing);
    the row "SPARQL alone" asks our store without it, as the baseline always is.
    """
    return {
        "label search": lambda s: (label_scan(s, p["search"]) if isinstance(s, RdflibStore)
                                   else queries.search(s, p["search"], limit=20)),
        "entity card": lambda s: queries.entity(s, p["entity"]),
        "meetings in a place": lambda s: meetings.meetings(s, p["home"], place=p["place"], limit=50,
                                                           indexed=not isinstance(s, RdflibStore)),
        "meetings in a place, SPARQL alone": lambda s: meetings.meetings(s, p["home"], place=p["place"], limit=50,
                                                                         indexed=False),
        "whom we met there (by trip)": lambda s: meetings.encounters(s, p["home"], place=p["place"], limit=50),
        "briefing of a place": lambda s: briefing.briefing(s, p["place"], p["home"]),
        "agreements": lambda s: queries.agreements(s, p["home"], limit=50),
        "timeline": lambda s: queries.timeline(s, p["home"], limit=50),
        "neighbours depth 2": lambda s: network.neighbours(s, p["home"], depth=2),
        "shortest path": lambda s: network.shortest_path(network.neighbours(s, p["home"], depth=2),
                                                         p["home"], p["other"]),
    }


def _size(result: Any) -> int:
    return len(result) if hasattr(result, "__len__") else int(result is not None)


def time_queries(store: Store, p: dict[str, str], repeats: int, budget_s: float) -> dict[str, dict]:
    """Return per query: median and p95 in ms over ``repeats`` runs after one warm-up, and the answer size.
    The baseline is asked by SPARQL alone (``sparql_only``): no access path is built beside it."""
    if isinstance(store, RdflibStore):
        with sparql_only():
            return _timed(store, p, repeats, budget_s)
    return _timed(store, p, repeats, budget_s)


def _timed(store: Store, p: dict[str, str], repeats: int, budget_s: float) -> dict[str, dict]:
    out = {}
    for name, run in workload(p).items():
        size = _size(run(store))  # warm-up
        times: list[float] = []
        spent = 0.0
        while len(times) < repeats and (len(times) < 3 or spent < budget_s):
            t = time.perf_counter()
            run(store)
            times.append(time.perf_counter() - t)
            spent += times[-1]
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        out[name] = {"p50_ms": statistics.median(times) * 1000, "p95_ms": p95 * 1000, "runs": len(times),
                     "rows": size}
    return out


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def worker(backend: str, data: Path, triples: int, seed: int, repeats: int, budget_s: float) -> dict:
    """Load ``data`` into one backend and time the workload; run in a subprocess of its own."""
    p = probes(world_for(triples, seed))
    quads = sum(1 for _ in open(data, encoding="utf-8"))
    result: dict[str, Any] = {"backend": backend, "quads": quads}
    tmp = Path(tempfile.mkdtemp(prefix="cityties-bench-"))
    try:
        t = time.perf_counter()
        if backend == "rdflib":
            store: Store = RdflibStore()
            store.ds.parse(str(data), format="nquads")
        else:
            import pyoxigraph as ox
            loader = ox.Store(str(tmp / "store"))  # the engine's bulk loader, then the project's Store on it
            loader.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            loader.flush()
            del loader
            store = OxigraphStore(tmp / "store")
        result["load_s"] = time.perf_counter() - t
        result["disk_bytes"] = _du(tmp / "store") if backend == "oxigraph" else None
        if backend == "oxigraph":  # built from the store on first use, in files beside it
            t = time.perf_counter()
            search_index(store), fact_index(store)  # noqa: B018 - built, not used here
            result["index_s"] = time.perf_counter() - t
        result["queries"] = time_queries(store, p, repeats, budget_s)
        result["api"] = api_latency(store, p, repeats, budget_s) if backend == "oxigraph" else None
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


API_PATHS = {  # the API's route for each question (timeline: the visits list, the API has no other)
    "label search": ("/api/search", lambda p: {"q": p["search"], "limit": 20}),
    "entity card": ("/api/entity", lambda p: {"entity": p["entity"]}),
    "meetings in a place": ("/api/meetings", lambda p: {"home": p["home"], "place": p["place"], "limit": 50}),
    "whom we met there (by trip)": ("/api/ask", lambda p: {"q": f"{p['place']}에서 누구를 만났나"}),
    "briefing of a place": ("/api/briefing", lambda p: {"entity": p["place"], "home": p["home"]}),
    "agreements": ("/api/agreements", lambda p: {"entity": p["home"], "limit": 50}),
    "timeline": ("/api/visits", lambda p: {"home": p["home"], "limit": 50}),
    "neighbours depth 2": ("/api/neighbours", lambda p: {"entity": p["home"], "depth": 2}),
    "shortest path": ("/api/path", lambda p: {"source": p["home"], "target": p["other"]}),
}


def api_latency(store: Store, p: dict[str, str], repeats: int, budget_s: float) -> dict | str:
    """Time the same questions through the HTTP API served by uvicorn on loopback, or say why not."""
    try:
        import httpx
        import uvicorn

        from cityties.api.app import create_app
        from cityties.settings import load_settings
    except ImportError as e:
        return f"the HTTP API could not be imported ({e})"
    import socket
    import threading
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store, load_settings({}, environ={})), host="127.0.0.1",
                                           port=port, log_level="error", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    out: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            deadline = time.monotonic() + 30
            while not server.started and time.monotonic() < deadline:
                time.sleep(0.05)
            for name, (path, params) in API_PATHS.items():
                r = client.get(path, params=params(p))  # warm-up (the first also builds any index)
                if r.status_code != 200:
                    out[name] = {"error": f"HTTP {r.status_code}"}
                    continue
                times: list[float] = []
                while len(times) < repeats and (len(times) < 3 or sum(times) < budget_s):
                    t = time.perf_counter()
                    client.get(path, params=params(p)).raise_for_status()
                    times.append(time.perf_counter() - t)
                times.sort()
                out[name] = {"p50_ms": statistics.median(times) * 1000,
                             "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000}
    except Exception as e:  # a half-built API must not lose the in-process numbers
        return f"the HTTP API failed: {type(e).__name__}: {e}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return out


def run_size(size: str, seed: int, repeats: int, budget_s: float, cache: Path,
             baseline_budget_s: float = 3600.0, baseline_memory_gb: float = 12.0) -> dict:
    """Generate (or reuse) the dataset of ``size`` and measure every backend in its own process.

    The baseline gets ``baseline_budget_s`` of wall time and ``baseline_memory_gb`` of address
    space: past either it is stopped, and the size is reported for Oxigraph alone with the reason.
    """
    triples = parse_size(size)
    data = cache / f"synthetic-{size}-{seed}.nq"
    if not data.exists():
        t = time.perf_counter()
        write_nquads(data, triples, seed)
        print(f"[bench] generated {data} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    out: dict[str, Any] = {"size": size}
    for backend in BACKENDS:
        cmd = [sys.executable, "-m", "cityties.bench.run", "--worker", backend, "--data", str(data),
               "--triples", str(triples), "--seed", str(seed), "--repeats", str(repeats),
               "--budget", str(budget_s)]
        print(f"[bench] {size} {backend} ...", file=sys.stderr)
        baseline = backend == "rdflib"
        limit = int(baseline_memory_gb * 2**30)
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=baseline_budget_s if baseline else None,
                                  preexec_fn=(lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
                                  if baseline else None)
        except subprocess.TimeoutExpired:
            out[backend] = {"stopped": f"rdflib Memory did not finish loading and querying {size} triples within "
                                       f"{baseline_budget_s:,.0f} s (stopped)"}
            continue
        if done.returncode != 0:
            if baseline and "MemoryError" in done.stderr:
                out[backend] = {"stopped": f"rdflib Memory ran out of its {baseline_memory_gb:g} GiB of address "
                                           f"space at {size} triples (MemoryError)"}
                continue
            raise SystemExit(f"{backend} at {size} failed:\n{done.stderr[-3000:]}")
        out[backend] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def _ms(x: float) -> str:
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def _ratio(x: float) -> str:
    return f"{x:.0f}x" if x >= 10 else f"{x:.1f}x"


def table(r: dict) -> str:
    """Return one size's markdown table, with ratios to the rdflib baseline (Oxigraph alone when
    the baseline was stopped)."""
    base, ox = r["rdflib"], r["oxigraph"]
    stopped = base.get("stopped")
    n = ox["quads"]
    rows = [f"| {n:,} quads | rdflib Memory (baseline) | Oxigraph on disk | baseline / Oxigraph | "
            "Oxigraph via HTTP API, p50 / p95 ms |",
            "|---|---:|---:|---:|---|"]
    api = ox.get("api")
    api_note = api if isinstance(api, str) else ""

    def row(label: str, b: str, o: str, ratio: str, via: str = "") -> str:
        return f"| {label} | {'(stopped)' if stopped else b} | {o} | {'' if stopped else ratio} | {via} |"

    rows.append(row("bulk load, s", f"{base.get('load_s', 0):.2f}", f"{ox['load_s']:.2f}",
                    f"{base.get('load_s', 0) / ox['load_s']:.1f}x"))
    rows.append(row("load, triples/s", f"{n / base.get('load_s', 1):,.0f}", f"{n / ox['load_s']:,.0f}", ""))
    rows.append(row("peak RSS, MB", f"{base.get('peak_rss_mb', 0):.0f}", f"{ox['peak_rss_mb']:.0f}",
                    f"{base.get('peak_rss_mb', 0) / ox['peak_rss_mb']:.1f}x"))
    rows.append(f"| on disk, MB | (memory only) | {ox['disk_bytes'] / 1e6:.1f} | | |")
    if "index_s" in ox:
        rows.append(f"| indexes built (search, facts), s | | {ox['index_s']:.2f} | | |")
    for q in QUERIES:
        o = ox["queries"][q]
        b = base["queries"][q] if not stopped else {"p50_ms": 0.0, "p95_ms": 0.0, "rows": o["rows"]}
        via = api[q] if isinstance(api, dict) and q in api else {}
        api_cell = (f"{_ms(via['p50_ms'])} / {_ms(via['p95_ms'])}" if "p50_ms" in via
                    else via.get("error", "n/a"))
        mark = "" if b["rows"] == o["rows"] else f" (rows differ: {b['rows']} vs {o['rows']})"
        rows.append(row(f"{q}, p50 / p95 ms", f"{_ms(b['p50_ms'])} / {_ms(b['p95_ms'])}",
                        f"{_ms(o['p50_ms'])} / {_ms(o['p95_ms'])}",
                        f"{_ratio(b['p50_ms'] / o['p50_ms']) if not stopped else ''}{mark}", api_cell))
    if not stopped:
        speedups = [base["queries"][q]["p50_ms"] / ox["queries"][q]["p50_ms"] for q in QUERIES if q not in ALONE]
        rows.append(f"| geometric mean of query speedups | | | {_ratio(statistics.geometric_mean(speedups))} | |")
    text = "\n".join(rows)
    if stopped:
        text += f"\n\nBaseline: {stopped}; Oxigraph alone."
    if api_note:
        text += f"\n\nHTTP API column: {api_note}."
    return text


def machine() -> str:
    """Describe the machine: cores, memory, CPU model, Python and library versions."""
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor() or "unknown")
    mem = next((int(ln.split()[1]) // 1024 // 1024 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0)
    import pyoxigraph
    import rdflib
    return (f"{os.cpu_count()} cores (`nproc`), {mem} GiB memory, {cpu}; Python {platform.python_version()}, "
            f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}")


def write_report(path: Path, results: list[dict], command: str) -> None:
    """Replace the sections of the sizes measured in ``path``; keep the others."""
    text = path.read_text(encoding="utf-8") if path.exists() else (
        "# Benchmarks\n\nSynthetic graphs from `bench/generate.py` (the project's own model and RDF mapping, "
        "one named graph per report). Each backend runs in its own process; latencies are the median and "
        "95th percentile after one warm-up. Ratios are to rdflib's in-memory Dataset (same SPARQL text, "
        "union default graph).\n")
    for r in results:
        text = with_section(text, f"size:{r['size']}", f"## {r['size']} triples\n\n{measured()}.  \n"
                                                       f"Command: `{command}`\n\n{table(r)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def measured() -> str:
    """Return "Measured <UTC time> on <machine>" for a report's section."""
    return f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}"


def with_section(text: str, marker: str, body: str) -> str:
    r"""Return ``text`` with the section between ``<!-- marker -->`` and ``<!-- /marker -->``
    replaced by ``body``, or with the section added at the end.

    >>> with_section("# B\n", "x", "one")
    '# B\n\n<!-- x -->\none\n<!-- /x -->\n'
    >>> with_section(with_section("# B\n", "x", "one"), "x", "two").count("<!-- x -->")
    1
    """
    section = f"<!-- {marker} -->\n{body}\n<!-- /{marker} -->\n"
    pattern = re.compile(rf"<!-- {re.escape(marker)} -->.*?<!-- /{re.escape(marker)} -->\n", re.S)
    return pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark at the sizes asked for and write the report."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10k", help="comma-separated: 10k,100k,1m")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeats", type=int, default=20, help="timed runs per query after the warm-up")
    ap.add_argument("--budget", type=float, default=20.0, help="stop repeating a query after this many seconds (>= 3 runs)")
    ap.add_argument("--baseline-budget", type=float, default=3600.0,
                    help="seconds rdflib may take to load and answer one size before it is stopped")
    ap.add_argument("--baseline-memory", type=float, default=12.0,
                    help="GiB of address space rdflib may use (it is stopped past it, not the machine)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "cityties-bench"),
                    help="where generated datasets are kept between runs")
    ap.add_argument("--worker", choices=BACKENDS, help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    ap.add_argument("--triples", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, Path(args.data), args.triples, args.seed, args.repeats, args.budget)))
        return 0
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    results = [run_size(s.strip(), args.seed, args.repeats, args.budget, cache, args.baseline_budget,
                        args.baseline_memory) for s in args.sizes.split(",")]
    command = "python -m cityties.bench.run " + " ".join(argv if argv is not None else sys.argv[1:])
    write_report(Path(args.out), results, command)
    for r in results:
        print(f"\n## {r['size']}\n\n{table(r)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
