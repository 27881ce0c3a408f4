"""Time the network view in a real browser: first complete drawing and panning, at 1k, 5k and 20k nodes.

A synthetic store with every city as likely a destination (many entities) is bulk
loaded once; for each size, ``cityties serve`` runs over it with ``view_max_nodes``
set to that size, so ``/view`` draws the best-connected entities of the whole graph.
Reported per size: the server's answer for the opening ``/view`` (the home side's story)
and for ``/view?all=1`` the first time (the whole graph read and laid out: what the first
request after a write costs) and again (positions kept per store generation), and in headless
Chromium (Debian's ``/usr/bin/chromium`` through Playwright) the time from navigation
to the first complete drawing (vis-network's first ``afterDrawing`` with every node at
its final place) and the time one frame takes to draw while the mouse drags the canvas::

    nice .venv/bin/python -m cityties.bench.view --nodes 1000,5000,20000

Only loopback is contacted. The table goes into ``docs/benchmarks.md``
(``--out``; ``--out -`` prints it only).
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from cityties.bench.generate import parse_size, write_nquads
from cityties.bench.load import free_port, serving
from cityties.bench.run import ROOT, measured, with_section

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAN_FRAMES = 20
DRAW_TIMEOUT_MS = 300_000
WHOLE = "/view?all=1"  # the whole graph, as many entities as view_max_nodes (the opening view draws 120)

# Record how long each frame takes to draw (vis-network's beforeDrawing to afterDrawing).
_FRAMES = """() => {
  window.__frames = [];
  let t0 = 0;
  window.network.on("beforeDrawing", () => { t0 = performance.now(); });
  window.network.on("afterDrawing", () => { window.__frames.push(performance.now() - t0); });
}"""


def pan_frame_ms(page) -> float:
    """Drag the canvas with the mouse as a user pans and return the median frame time in ms."""
    page.evaluate(_FRAMES)
    box = page.locator("#network").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, PAN_FRAMES + 1):
        page.mouse.move(x + 12 * i, y + 7 * i)
        page.wait_for_timeout(30)
    page.mouse.up()
    page.wait_for_timeout(200)
    frames = page.evaluate("window.__frames")
    return statistics.median(frames) if frames else float("nan")


def store_for(size: str, seed: int, cache: Path, folder: Path) -> Path:
    """Bulk load the spread synthetic dataset of ``size`` into ``folder``; return the store path."""
    import pyoxigraph as ox
    data = cache / f"synthetic-spread-{size}-{seed}.nq"
    if not data.exists():
        cache.mkdir(parents=True, exist_ok=True)
        write_nquads(data, parse_size(size), seed, spread=True)
    path = folder / "store"
    loader = ox.Store(str(path))
    loader.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    loader.flush()
    del loader
    return path


def warm_up(client: httpx.Client) -> None:
    """Build the label index and load the layout code with a small focused view, as a running
    service has them when a write arrives: what is timed next is what a write costs the view."""
    items = client.get("/api/search", params={"q": "시", "limit": 1}).raise_for_status().json()["items"]
    client.get("/view", params={"focus": items[0]["iri"] if items else "시", "depth": 1}).raise_for_status()


def measure(base: str, repeats: int, browser) -> dict:
    """Time /view on the server (first and kept) and in the browser (first drawing, one pan frame)."""
    out: dict = {}
    with httpx.Client(base_url=base, timeout=900) as client:
        warm_up(client)
        t = time.perf_counter()
        client.get("/view").raise_for_status()
        out["server_story_s"] = time.perf_counter() - t
        t = time.perf_counter()
        first = client.get(WHOLE)
        out["server_first_s"] = time.perf_counter() - t
        first.raise_for_status()
        kept = []
        for _ in range(3):
            t = time.perf_counter()
            client.get(WHOLE).raise_for_status()
            kept.append(time.perf_counter() - t)
        out["server_kept_s"] = statistics.median(kept)
        out["html_mb"] = len(first.content) / 1e6
    drawn, pans = [], []
    for _ in range(repeats):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        page.goto(base + WHOLE, wait_until="commit")
        page.wait_for_function("document.body && document.body.hasAttribute('data-drawn-ms')",
                               timeout=DRAW_TIMEOUT_MS)
        drawn.append(int(page.get_attribute("body", "data-drawn-ms")) / 1000)
        out["nodes"] = int(page.get_attribute("body", "data-nodes"))
        out["edges"] = int(page.get_attribute("body", "data-edges"))
        pans.append(pan_frame_ms(page))
        page.close()
    out["drawn_s"] = statistics.median(drawn)
    out["drawn_max_s"] = max(drawn)
    out["pan_ms"] = statistics.median(pans)
    return out


def table(rows: list[tuple[int, dict]]) -> str:
    """Return the markdown table of the measurements, one row per size asked for."""
    lines = ["| view_max_nodes | nodes / edges drawn | page size | server: first opening /view (story) | "
             "server: first /view?all=1 (read + layout) | server: again (kept) | "
             "browser: first complete drawing, median (max) | one pan frame |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for asked, r in rows:
        lines.append(f"| {asked:,} | {r['nodes']:,} / {r['edges']:,} | {r['html_mb']:.1f} MB | "
                     f"{r['server_story_s']:.2f} s | {r['server_first_s']:.2f} s | {r['server_kept_s']:.2f} s | "
                     f"{r['drawn_s']:.2f} s "
                     f"({r['drawn_max_s']:.2f} s) | {r['pan_ms']:.0f} ms |")
    return "\n".join(lines)


def write_report(path: Path, text: str, command: str) -> None:
    """Replace the view section of ``path`` (between its markers), or add one."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(with_section(old, "view", f"## Network view in the browser\n\n{measured()}, Debian chromium "
                                              f"headless.  \nCommand: `{command}`\n\n{text}"), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Measure the view at each size asked for and write the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", default="1000,5000,20000", help="comma-separated view_max_nodes values")
    ap.add_argument("--size", default="1.5m", help="synthetic store size in triples (enough entities for the largest)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeats", type=int, default=3, help="page loads per size")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "cityties-bench"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="report file, or - to print only")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright
    sizes = [int(x) for x in args.nodes.split(",") if x.strip()]
    folder = Path(tempfile.mkdtemp(prefix="cityties-view-"))
    rows = []
    try:
        t = time.perf_counter()
        store = store_for(args.size, args.seed, Path(args.cache), folder)
        print(f"[view] store ready in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                for n in sizes:
                    with serving(store, free_port(), {"CITYTIES_VIEW_MAX_NODES": str(n)}) as base:
                        rows.append((n, measure(base, args.repeats, browser)))
                    print(f"[view] {n}: {rows[-1][1]}", file=sys.stderr)
            finally:
                browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    text = table(rows)
    print(text)
    if args.out != "-":
        write_report(Path(args.out), text, f"python -m cityties.bench.view --nodes {args.nodes} --size {args.size} "
                                            f"--repeats {args.repeats}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
