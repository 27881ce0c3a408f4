"""The benchmarks run end to end at a tiny size and write their tables (smoke tests, not measurements)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from cityties.bench.run import QUERIES


def test_benchmark_writes_every_query_row(tmp_path):
    out = tmp_path / "benchmarks.md"
    done = subprocess.run(
        [sys.executable, "-m", "cityties.bench.run", "--sizes", "3k", "--repeats", "3", "--budget", "2",
         "--out", str(out), "--cache", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=170)
    assert done.returncode == 0, done.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    assert "## 3k triples" in report and "Command: `python -m cityties.bench.run --sizes 3k" in report
    for q in QUERIES:
        row = next((ln for ln in report.splitlines() if ln.startswith(f"| {q}, p50 / p95 ms |")), None)
        assert row is not None, f"no row for {q}"
        assert "rows differ" not in row, row  # both backends gave answers of the same size
    for metric in ("bulk load, s", "peak RSS, MB", "on disk, MB", "indexes built", "geometric mean"):
        assert f"| {metric}" in report


def test_generator_doctests_and_determinism():
    import doctest

    import cityties.bench.generate as gen
    assert doctest.testmod(gen).failed == 0
    def run() -> list[tuple[str, list[str]]]:
        return [(iri, sorted(g.serialize(format="nt").splitlines())) for iri, g in gen.generate(3000, seed=3)]

    first = run()
    assert first == run()  # same seed, same triples
    assert sum(len(lines) for _, lines in first) >= 3000


def test_a_stopped_baseline_leaves_oxigraph_alone_in_the_table():
    from cityties.bench.run import table
    answer = {"p50_ms": 12.0, "p95_ms": 15.0, "rows": 4}
    oxigraph = {"quads": 10_000_000, "load_s": 90.0, "peak_rss_mb": 900.0, "disk_bytes": 2e9,
                "queries": {q: dict(answer) for q in QUERIES}, "api": "not measured"}
    text = table({"size": "10m", "rdflib": {"stopped": "rdflib Memory ran out of memory"}, "oxigraph": oxigraph})
    assert "Baseline: rdflib Memory ran out of memory; Oxigraph alone." in text
    for q in QUERIES:
        row = next(ln for ln in text.splitlines() if ln.startswith(f"| {q}, p50 / p95 ms |"))
        assert "(stopped)" in row and "12.0 / 15.0" in row and "x" not in row.split("|")[4]
    assert "geometric mean" not in text


def test_ingest_benchmark_times_each_job_count(tmp_path):
    out = tmp_path / "benchmarks.md"
    done = subprocess.run(
        [sys.executable, "-m", "cityties.bench.ingest", "--documents", "4", "--jobs", "1,2", "--rounds", "1",
         "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    assert "<!-- ingest -->" in report and "Command: `python -m cityties.bench.ingest --documents 4" in report
    rows = [ln for ln in report.splitlines() if ln.startswith(("| 1 |", "| 2 |"))]
    assert len(rows) == 2 and "| 1.00x |" in rows[0]  # the first job count is the baseline
    assert all(float(r.split("|")[3]) > 0 and float(r.split("|")[6]) > 0 for r in rows)  # wall and CPU time


@pytest.mark.browser
def test_view_benchmark_draws_each_size_in_chromium(tmp_path):
    out = tmp_path / "benchmarks.md"
    done = subprocess.run(
        [sys.executable, "-m", "cityties.bench.view", "--nodes", "50,200", "--size", "20k", "--repeats", "1",
         "--cache", str(tmp_path / "cache"), "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    assert "## Network view in the browser" in report
    for asked in (50, 200):
        row = next(ln for ln in report.splitlines() if ln.startswith(f"| {asked} |"))
        drawn = int(row.split("|")[2].split("/")[0].replace(",", ""))
        assert 0 < drawn <= asked and row.count(" s") >= 3, row
