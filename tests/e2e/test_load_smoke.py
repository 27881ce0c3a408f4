"""The short form of bench/load.py: five seconds of mixed reads on loopback, no errors allowed.

The long form: ``.venv/bin/python -m cityties.bench.load --duration 30 --threads 4``.
"""
from __future__ import annotations

import shutil

from cityties.bench.load import format_report, run_load

DURATION = 5.0
THREADS = 2


def test_mixed_reads_on_loopback_get_no_errors(corpus_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)  # serve opens its store for writing; leave the shared one alone
    result = run_load(store, DURATION, THREADS)
    print("\n" + format_report(result))
    overall = result["overall"]
    assert overall["errors"] == 0, result["error_samples"]
    assert overall["requests"] >= 20
    names = set(result["endpoints"])
    for needed in ("home page", "search 충칭", "search Chongqing", "search 重庆", "ask (API)", "sparql",
                   "view 충칭 depth 1", "meetings in 충칭"):
        assert needed in names, f"the mix lost {needed!r}: the app no longer serves its route"
    assert any(n.startswith("entity card") for n in names) and any(n.startswith("agreements") for n in names)
    assert all(f["requests"] > 0 for f in result["endpoints"].values())
