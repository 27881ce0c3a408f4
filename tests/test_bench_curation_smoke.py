"""The curation benchmark runs end to end at a tiny size and prints each of its lines (not a measurement)."""
from __future__ import annotations

import subprocess
import sys


def test_curation_benchmark_prints_every_measurement():
    done = subprocess.run([sys.executable, "-m", "cityties.bench.curation", "--docs", "6", "--curations", "8",
                           "--repeats", "1"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "re-ingest 6 documents: baseline" in out and "x); " in out
    assert "store size: uncurated" in out
    assert out.count("one curation over") == 3 and "writing them anew" in out and "documents curated" in out
