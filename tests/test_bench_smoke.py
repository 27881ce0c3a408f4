"""The benchmark runs end to end at a tiny size and writes a table with every query (not a measurement)."""
from __future__ import annotations

import subprocess
import sys

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
    for metric in ("bulk load, s", "peak RSS, MB", "on disk, MB", "geometric mean"):
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
